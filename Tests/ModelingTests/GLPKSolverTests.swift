import Foundation
import GLPKBackend
import Modeling
import Testing

@Suite("GLPK backend: LP")
struct GLPKSolverLPTests {
  @Test func smallLPOptimumAndDuals() throws {
    let (model, x, y, c1, c2) = smallLP()
    let solver = try GLPKSolver(model: model)
    let result = solver.solveLP(timeLimit: 10)
    #expect(result.status == .optimal)
    #expect(abs(result.objective! - -10) < 1e-9)
    #expect(abs(result.value(x)! - 2) < 1e-9 && abs(result.value(y)! - 2) < 1e-9)
    #expect(abs(result.dual(c1)! - -1) < 1e-9)
    #expect(abs(result.dual(c2)! - -1) < 1e-9)
    #expect(abs(result.reducedCost(x)!) < 1e-9)
    #expect(result.bound == result.objective && result.gap == 0)
    #expect(result.stopReason == .none)
  }

  @Test func objectiveConstantIsIncluded() throws {
    var (model, _, _, _, _) = smallLP()
    model.objectiveConstant = 100
    let result = try GLPKSolver(model: model).solveLP(timeLimit: 10)
    #expect(abs(result.objective! - 90) < 1e-9)
  }

  @Test func infeasibleAndUnbounded() throws {
    var model = Model(name: "infeasible")
    let x = model.addVariable("x")
    let y = model.addVariable("y")
    model.addConstraint("at least five", x + y, .greaterOrEqual(5))
    model.addConstraint("at most three", x + y, .lessOrEqual(3))
    for presolve in [false, true] {
      let result = try GLPKSolver(model: model).solveLP(timeLimit: 10, presolve: presolve)
      #expect(result.status == .infeasible)
      #expect(!result.hasSolution)
    }

    var open = Model(name: "unbounded")
    let a = open.addVariable("a", objective: -1)
    let b = open.addVariable("b")
    open.addConstraint("link", a - b, .lessOrEqual(1))
    let result = try GLPKSolver(model: open).solveLP(timeLimit: 10)
    #expect(result.status == .unbounded)
  }

  @Test func inPlaceChangesAndWarmStart() throws {
    let (model, x, y, c1, _) = smallLP()
    let solver = try GLPKSolver(model: model)
    #expect(solver.solveLP(timeLimit: 10).status == .optimal)
    // Fix x at 1: y ≤ 3 from c1, objective −3 − 6 = −9 (dual simplex from the old basis).
    try solver.fix(x, at: 1)
    var result = solver.solveLP(timeLimit: 10, method: .dual)
    #expect(abs(result.objective! - -9) < 1e-9)
    #expect(solver.model.lower(of: x) == 1)
    // Cost change: y now costs +1, so y = 0, objective −3.
    try solver.setObjective(y, 1)
    result = solver.solveLP(timeLimit: 10)
    #expect(abs(result.objective! - -3) < 1e-9)
    // Constraint change: c1 ≥ 2 forces y ≥ 1: objective −3 + 1 = −2.
    try solver.setBounds(c1, lower: 2, upper: 4)
    result = solver.solveLP(timeLimit: 10, method: .dualPrimal)
    #expect(abs(result.objective! - -2) < 1e-9)
    #expect(solver.model.bounds(of: c1) == (2, 4))
    // Invalid changes throw and change nothing.
    #expect(throws: (any Error).self) { try solver.setBounds(x, lower: 3, upper: 2) }
    #expect(throws: (any Error).self) { try solver.setBounds(Variable(index: 9), lower: 0, upper: 1) }
    #expect(throws: (any Error).self) { try solver.setObjective(x, .nan) }
    #expect(solver.model.lower(of: x) == 1)
  }

  @Test func invalidModelsAreRejected() {
    var model = Model(name: "bad")
    let x = model.addVariable("x")
    model.setBounds(x, lower: 1, upper: 0)
    #expect(throws: ModelError.self) { _ = try GLPKSolver(model: model) }
  }

  @Test func emptyModelsSolve() throws {
    var model = Model(name: "empty")
    #expect(try GLPKSolver(model: model).solveLP(timeLimit: 1).status == .optimal)
    model.addVariable("x", lower: 1, upper: 2, objective: 3)
    let lp = try GLPKSolver(model: model).solveLP(timeLimit: 1)
    #expect(lp.status == .optimal && abs(lp.objective! - 3) < 1e-9)
    let mip = try GLPKSolver(model: model).solveMIP(timeLimit: 1, relativeGap: 0)
    #expect(mip.status == .optimal && abs(mip.objective! - 3) < 1e-9)
  }
}

@Suite("GLPK backend: MIP")
struct GLPKSolverMIPTests {
  @Test func knapsackOptimum() throws {
    let (model, items) = knapsack()
    let solver = try GLPKSolver(model: model)
    let lp = solver.solveLP(timeLimit: 10)
    #expect(abs(lp.objective! - -22) < 1e-9)
    let result = solver.solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .optimal)
    #expect(abs(result.objective! - -21) < 1e-9)
    #expect(items.map { result.value($0)! } == [0, 1, 0, 1])
    #expect(result.bound == result.objective && result.gap == 0)
    #expect(result.rowDuals == nil)
    #expect(model.violations(result.values).isEmpty)
  }

  @Test func zeroTimeLimitReturnsWithoutCrashing() throws {
    let (model, _) = bigKnapsack()
    let result = try GLPKSolver(model: model).solveMIP(timeLimit: 0, relativeGap: 0)
    #expect(result.status == .feasible || result.status == .noSolution)
    #expect(result.stopReason == .timeLimit)
    if result.hasSolution { #expect(model.violations(result.values).isEmpty) }
  }

  @Test func injectedIncumbentIsNeverLost() throws {
    let (model, _) = bigKnapsack()
    // Greedy start: take items in order while they fit.
    var start = [Double](repeating: 0, count: model.variableCount)
    var used = 0.0
    let weights = (0..<model.variableCount).map { Double(($0 * 53) % 19 + 11) }
    for j in 0..<start.count where used + weights[j] <= 211.5 {
      start[j] = 1
      used += weights[j]
    }
    let startValue = model.objectiveValue(start)
    for limit in [0.0, 0.05] {
      let result = try GLPKSolver(model: model).solveMIP(
        timeLimit: limit, relativeGap: 0, incumbent: start)
      #expect(result.hasSolution)
      #expect(result.objective! <= startValue + 1e-9)
      #expect(model.violations(result.values).isEmpty)
      #expect(result.status == .feasible || result.status == .optimal)
      #expect(!result.message.contains("not use"))
      #expect(!result.message.contains("did not accept"))
    }
  }

  @Test func infeasibleIncumbentIsSkippedWithAMessage() throws {
    let (model, _) = knapsack()
    let result = try GLPKSolver(model: model).solveMIP(
      timeLimit: 10, relativeGap: 0, incumbent: [1, 1, 1, 1])
    #expect(result.status == .optimal)
    #expect(abs(result.objective! - -21) < 1e-9)
    #expect(result.message.contains("capacity"))
  }

  @Test func progressIsReported() throws {
    let (model, _) = bigKnapsack()
    let reports = Shared<[SolveProgress]>([])
    let result = try GLPKSolver(model: model).solveMIP(
      timeLimit: 10, relativeGap: 0, progress: { p in reports.update { $0.append(p) } })
    #expect(result.status == .optimal || result.status == .feasible)
    let seen = reports.value
    #expect(!seen.isEmpty)
    let optimum = try #require(result.objective)
    for (report, next) in zip(seen, seen.dropFirst()) {
      #expect(report.elapsed <= next.elapsed)
    }
    for report in seen {
      // A bound never exceeds the optimum, an incumbent is never better.
      if let bound = report.bound { #expect(bound <= optimum + 1e-9) }
      if let incumbent = report.incumbent { #expect(incumbent >= optimum - 1e-9) }
    }
  }

  @Test func stopRequestInterrupts() throws {
    let (model, _) = bigKnapsack()
    let result = try GLPKSolver(model: model).solveMIP(
      timeLimit: 10, relativeGap: 0, shouldStop: { true })
    #expect(result.stopReason == .interrupted)
    #expect(result.status == .feasible || result.status == .noSolution)
  }

  /// y binary opens a group; if open, 3 ≤ x1 + x2 + x3 ≤ 5; each x in [0, 2]
  /// integer earns 1; opening costs `openingCost`.
  func minSizeOrNothing(openingCost: Double, pairCap: Double? = nil) -> (Model, Variable) {
    var model = Model(name: "min size or nothing")
    let y = model.addVariable("open", kind: .binary, objective: openingCost)
    let xs = (1...3).map { model.addVariable("x\($0)", upper: 2, kind: .integer, objective: -1) }
    let size = LinearExpression.sum(xs)
    model.addConstraint("minimum size", size - 3 * y, .greaterOrEqual(0))
    model.addConstraint("maximum size", size - 5 * y, .lessOrEqual(0))
    if let pairCap { model.addConstraint("pair cap", xs[0] + xs[1] + xs[2], .lessOrEqual(pairCap)) }
    return (model, y)
  }

  @Test func minimumSizeOrNothing() throws {
    // Cost 4: open with 5 seats → −5 + 4 = −1 beats 0.
    var (model, y) = minSizeOrNothing(openingCost: 4)
    var result = try GLPKSolver(model: model).solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .optimal && abs(result.objective! - -1) < 1e-9)
    #expect(result.value(y) == 1)
    // Cost 6: opening loses (−5 + 6 = 1), so nothing: 0.
    (model, y) = minSizeOrNothing(openingCost: 6)
    result = try GLPKSolver(model: model).solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .optimal && abs(result.objective!) < 1e-9)
    #expect(result.value(y) == 0)
    // At most 2 seats in total: below the minimum of 3, so the group stays
    // closed although opening is cheap. The LP relaxation opens 0.4 of it.
    (model, y) = minSizeOrNothing(openingCost: 0.1, pairCap: 2)
    let solver = try GLPKSolver(model: model)
    let lp = solver.solveLP(timeLimit: 10)
    #expect(abs(lp.objective! - (-2 + 0.04)) < 1e-9)
    result = solver.solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(result.status == .optimal && abs(result.objective!) < 1e-9)
    #expect(result.values == [0, 0, 0, 0])
  }

  @Test func fixingThenSmallMIP() throws {
    // The planner's pattern: LP, fix some variables, MIP on the rest.
    let (model, items) = knapsack()
    let solver = try GLPKSolver(model: model)
    _ = solver.solveLP(timeLimit: 10)
    try solver.fix(items[0], at: 1)  // force item 1: best completion is item 3 → 17, or item 4 → 18
    let result = solver.solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(abs(result.objective! - -18) < 1e-9)
    #expect(items.map { result.value($0)! } == [1, 0, 0, 1])
    try solver.setKind(items[1], .continuous)
    try solver.setBounds(items[0], lower: 0, upper: 1)
    // Item 2 is divisible now. Best: items 3 and 4 (weight 7, value 15) and
    // half of item 2 (6.5): 21.5. ({1,3} + 2/6 of item 2 gives 21.33; {4} +
    // all of item 2 gives 21.)
    let relaxed = solver.solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(relaxed.status == .optimal)
    #expect(abs(relaxed.objective! - -21.5) < 1e-9)
    #expect(abs(relaxed.value(items[1])! - 0.5) < 1e-9)
    #expect(solver.model.kind(of: items[1]) == .continuous)
  }
}
