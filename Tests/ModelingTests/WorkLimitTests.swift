import Foundation
import GLPKBackend
import Modeling
import Testing

/// Limits of work, not time: a solve stopped by its iterations (and nodes)
/// stops at the same point every run, and says how much it did.
@Suite("GLPK backend: iteration limits")
struct WorkLimitTests {
  @Test func anLPCountsItsIterationsAndStopsAtItsLimit() throws {
    let (model, _, _, _, _) = smallLP()
    let whole = try GLPKSolver(model: model).solveLP(timeLimit: 10)
    #expect(whole.status == .optimal && whole.iterations >= 2)
    let cut = try GLPKSolver(model: model).solveLP(timeLimit: 10, iterationLimit: 1)
    #expect(cut.stopReason == .iterationLimit)
    #expect(cut.iterations == 1)
    #expect(cut.status != .optimal)
  }

  @Test func aSearchStopsAtTheSamePointEveryRun() throws {
    let (model, _) = bigKnapsack()
    let full = try GLPKSolver(model: model).solveMIP(timeLimit: 30, relativeGap: 0)
    #expect(full.status == .optimal && full.nodes > 3)
    let runs = try (0..<2).map { _ in
      try GLPKSolver(model: model).solveMIP(timeLimit: 30, iterationLimit: 40, iterationsPerNode: 5, relativeGap: 0)
    }
    for r in runs {
      #expect(r.stopReason == .iterationLimit, "\(r.message)")
      #expect(r.iterations + 5 * r.nodes >= 40)
      #expect(r.iterations < full.iterations)
    }
    #expect(runs[0].objective == runs[1].objective && runs[0].nodes == runs[1].nodes)
    #expect(runs[0].iterations == runs[1].iterations && runs[0].values == runs[1].values)
  }
}
