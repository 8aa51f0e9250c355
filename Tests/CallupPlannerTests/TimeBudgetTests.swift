import CallupSolve
import Foundation
import Testing

@Suite("time budget: one limit, named shares")
struct TimeBudgetTests {
  let quarter = TimeShare("quarter", 0.25)

  @Test func sharesAreFractionsOfTheWholeLimit() {
    let b = TimeBudget(seconds: 60)
    #expect(b.seconds(of: quarter) == 15)
    #expect(b.stage(quarter).seconds <= 15)
    #expect(b.stage(quarter).seconds > 14.9)
    #expect(b.leaving(quarter).seconds <= 45)
    #expect(b.atMost(5).seconds <= 5)
    #expect(!b.hasLess(than: quarter))
    #expect(quarter.description == "quarter (25 %)")
  }

  @Test func aStageNeverOutlivesItsParent() {
    let spent = TimeBudget(seconds: 10, from: ContinuousClock.now.advanced(by: .seconds(-9)))
    #expect(spent.remaining <= 1 && spent.remaining > 0.5)
    #expect(spent.stage(TimeShare("half", 0.5)).seconds <= 1)
    #expect(spent.hasLess(than: TimeShare("half", 0.5)))
    #expect(spent.leaving(TimeShare("half", 0.5)).seconds == 0)
    #expect(spent.atMost(100).seconds <= 1)
    let over = TimeBudget(seconds: 1, from: ContinuousClock.now.advanced(by: .seconds(-5)))
    #expect(over.isSpent && over.remaining == 0)
    #expect(over.glpkMilliseconds == 1)
    #expect(TimeBudget(seconds: 2.5).glpkMilliseconds <= 2500 && TimeBudget(seconds: 2.5).glpkMilliseconds > 2400)
  }

  /// A share of what is left shrinks as the time goes; a share of the
  /// limit does not.
  @Test func sharesOfWhatIsLeft() {
    let half = TimeBudget(seconds: 10, from: ContinuousClock.now.advanced(by: .seconds(-5)))
    #expect(half.seconds(of: quarter) == 2.5)
    #expect(half.seconds(ofRemaining: quarter) <= 1.25 && half.seconds(ofRemaining: quarter) > 1.2)
    #expect(half.ofRemaining(quarter).seconds <= 1.25 && half.ofRemaining(quarter).seconds > 1.2)
    let over = TimeBudget(seconds: 1, from: ContinuousClock.now.advanced(by: .seconds(-5)))
    #expect(over.seconds(ofRemaining: quarter) == 0 && over.ofRemaining(quarter).isSpent)
    #expect(over.seconds(of: quarter) == 0.25)
  }
}
