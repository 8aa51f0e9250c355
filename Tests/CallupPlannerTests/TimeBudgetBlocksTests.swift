import CallupSolve
import Foundation
import Testing

/// What the plan in blocks asks of a time budget.
@Suite("time budget of the blocks")
struct TimeBudgetBlocksTests {
  @Test func untilEndsAtTheShareOfTheWholeLimit() {
    let b = TimeBudget(seconds: 100, from: ContinuousClock.now.advanced(by: .seconds(-30)))
    let stage = b.until(TimeShare("first 40 %", 0.4))
    #expect(stage.seconds > 9 && stage.seconds <= 10)
    #expect(b.until(TimeShare("first 20 %", 0.2)).isSpent)
  }

  @Test func evenPartOfWhatIsLeft() {
    let b = TimeBudget(seconds: 100, from: ContinuousClock.now.advanced(by: .seconds(-40)))
    let part = b.evenPart(of: 3)
    #expect(part > 19.5 && part <= 20)
    #expect(b.evenPart(of: 0) <= 60)
    // The first of 3 parts counted twice: 2 of 4 parts of the 60 s left.
    let first = b.evenPart(of: 3, weight: 2)
    #expect(first > 29.5 && first <= 30)
    let spent = TimeBudget(seconds: 1, from: ContinuousClock.now.advanced(by: .seconds(-5)))
    #expect(spent.evenPart(of: 2, atLeast: 1) == 1)
    #expect(spent.hasLess(thanSeconds: 0.5) && !b.hasLess(thanSeconds: 30))
  }
}
