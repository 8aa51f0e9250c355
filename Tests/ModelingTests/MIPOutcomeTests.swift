import Foundation
import GLPKBackend
import Modeling
import Testing

/// The status, stop reason, bound and message of each way a MIP solve ends.
@Suite("GLPK backend: MIP outcomes")
struct MIPOutcomeTests {
  /// x + y ≥ 5 and x + y ≤ 3, both integer.
  func infeasible() -> Model {
    var model = Model(name: "infeasible")
    let x = model.addVariable("x", kind: .integer)
    let y = model.addVariable("y", kind: .integer)
    model.addConstraint("at least five", x + y, .greaterOrEqual(5))
    model.addConstraint("at most three", x + y, .lessOrEqual(3))
    return model
  }

  /// minimise −a with a − b ≤ 1, a and b integer, unbounded.
  func unbounded() -> Model {
    var model = Model(name: "unbounded")
    let a = model.addVariable("a", kind: .integer, objective: -1)
    let b = model.addVariable("b", kind: .integer)
    model.addConstraint("link", a - b, .lessOrEqual(1))
    return model
  }

  @Test func invalidArgumentsFail() throws {
    let (model, _) = knapsack()
    let result = try GLPKSolver(model: model).solveMIP(timeLimit: 10, relativeGap: -1)
    #expect(result.status == .failed)
    #expect(result.seconds == 0)
    #expect(
      result.message
        == "The time limit and the relative gap must be finite and at least 0 (got 10.0 s and -1.0).")
  }

  @Test func infeasibleRelaxation() throws {
    let result = try GLPKSolver(model: infeasible()).solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .infeasible)
    #expect(result.bound == nil && !result.hasSolution)
    #expect(result.message == "The LP relaxation has no feasible solution, so neither has the MIP.")

    let skipped = try GLPKSolver(model: infeasible()).solveMIP(
      timeLimit: 10, relativeGap: 0, incumbent: [1, 1])
    #expect(skipped.status == .infeasible)
    #expect(
      skipped.message.hasPrefix(
        "The LP relaxation has no feasible solution, so neither has the MIP. The given starting solution was not used: 1 violation(s), the first: "
      ))
  }

  @Test func unboundedRelaxationKeepsTheStart() throws {
    // The dual simplex (primal fallback) ends this relaxation without a
    // solution rather than with "unbounded"; either way the search does not
    // start and there is no solution.
    let result = try GLPKSolver(model: unbounded()).solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .noSolution || result.status == .unbounded)
    #expect(!result.hasSolution && result.bound == nil)
    #expect(result.message.hasPrefix("The LP relaxation "))

    // A feasible start is returned instead.
    let kept = try GLPKSolver(model: unbounded()).solveMIP(
      timeLimit: 10, relativeGap: 0, incumbent: [1.2, 0])
    #expect(kept.status == .feasible)
    #expect(kept.values == [1, 0] && kept.objective == -1)
    #expect(kept.bound == nil && kept.gap == nil)
    #expect(kept.message.hasPrefix("The LP relaxation "))
    #expect(kept.message.hasSuffix(" The given starting solution is returned."))
  }

  @Test func provedOptimum() throws {
    let (model, _) = knapsack()
    let result = try GLPKSolver(model: model).solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .optimal && result.stopReason == .none)
    #expect(result.objective == -21 && result.bound == -21 && result.gap == 0)
    #expect(
      result.message.hasPrefix(
        "The search proved the solution optimal. Best objective -21.0, bound -21.0, gap 0.0 after "))
    #expect(result.message.hasSuffix(" node(s)."))
  }

  @Test func stopRequestKeepsTheStart() throws {
    let (model, _) = knapsack()
    let start: [Double] = [1, 0, 1, 0]  // value 17, feasible
    let result = try GLPKSolver(model: model).solveMIP(
      timeLimit: 10, relativeGap: 0, incumbent: start, shouldStop: { true })
    #expect(result.status == .feasible && result.stopReason == .interrupted)
    #expect(result.objective == -17 && result.values == start)
    #expect(result.message.hasPrefix("The search was stopped on request. Best objective -17.0, bound "))
    if let bound = result.bound { #expect(bound >= -22 - 1e-9 && bound <= -17) }
  }
}
