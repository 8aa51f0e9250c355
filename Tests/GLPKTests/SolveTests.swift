import Foundation
import GLPK
import Testing

@Suite("Problem: simplex and branch and cut")
struct SolveTests {
  @Test func simplexFindsOptimumAndDuals() throws {
    let p = try makeSmallLP()
    for method in [SimplexParameters.Method.primal, .dual, .dualPrimal] {
      try p.standardBasis()
      let code = try p.simplex(SimplexParameters(timeLimit: 10, method: method))
      #expect(code == .success)
      #expect(p.lpStatus == .optimal)
      #expect(abs(p.objectiveValue - -10) < 1e-9)
      let x = try p.columnPrimals()
      #expect(abs(x[0] - 2) < 1e-9 && abs(x[1] - 2) < 1e-9)
      let duals = try p.rowDuals()
      #expect(abs(duals[0] - -1) < 1e-9 && abs(duals[1] - -1) < 1e-9)
      let reduced = try p.columnDuals()
      #expect(reduced.allSatisfy { abs($0) < 1e-9 })
      #expect(p.log.isEmpty)
    }
  }

  @Test func outputIsCapturedIntoTheLog() throws {
    let p = try makeSmallLP()
    var parameters = SimplexParameters(timeLimit: 10)
    parameters.messageLevel = .all
    #expect(try p.simplex(parameters) == .success)
    #expect(p.log.contains("OPTIMAL"))
    // The next call starts a fresh log.
    #expect(try p.simplex(SimplexParameters(timeLimit: 10)) == .success)
    #expect(p.log.isEmpty)
  }

  @Test func objectiveConstantAndMaximisation() throws {
    let p = try makeSmallLP()
    try p.setObjectiveConstant(100)
    try p.setDirection(.maximize)
    // max −3x − 2y is 0 at the origin.
    #expect(try p.simplex(SimplexParameters(timeLimit: 10)) == .success)
    #expect(abs(p.objectiveValue - 100) < 1e-9)
    #expect(p.direction == .maximize)
  }

  @Test func warmStartAfterBoundChange() throws {
    let p = try makeSmallLP()
    #expect(try p.simplex(SimplexParameters(timeLimit: 10)) == .success)
    // Fix x at 1: then y ≤ 3 (c1) and y ≤ 4 (c2), objective −3 − 6 = −9.
    try p.setColumnBounds(1, lower: 1, upper: 1)
    #expect(try p.simplex(SimplexParameters(timeLimit: 10, method: .dual)) == .success)
    #expect(abs(p.objectiveValue - -9) < 1e-9)
    #expect(try p.columnStatus(1) == .fixed)
  }

  @Test func presolveReportsInfeasibility() throws {
    let p = try makeSmallLP()
    try p.setRowBounds(1, lower: 5, upper: 5)  // x + y = 5, but 2x + y ≤ 6 and …
    try p.setColumnBounds(2, lower: 0, upper: 1)  // y ≤ 1 → x ≥ 4 → 2x + y ≥ 8 > 6
    let withPresolve = try p.simplex(SimplexParameters(timeLimit: 10, presolve: true))
    #expect(withPresolve == .noPrimalFeasible)
    let plain = try p.simplex(SimplexParameters(timeLimit: 10))
    #expect(plain == .success && p.lpStatus == .noFeasible)
  }

  @Test func knapsackBranchAndCutWithProgress() throws {
    let p = try makeKnapsack()
    #expect(try p.simplex(SimplexParameters(timeLimit: 10)) == .success)
    #expect(abs(p.objectiveValue - -22) < 1e-9)
    var reports: [MIPProgress] = []
    let report = try p.intopt(
      MIPParameters(timeLimit: 10),
      callback: MIPCallback(progress: { reports.append($0) }, progressInterval: 0))
    #expect(report.returnCode == .success)
    #expect(p.mipStatus == .optimal)
    #expect(abs(p.mipObjectiveValue - -21) < 1e-9)
    #expect(try p.mipColumnValues() == [0, 1, 0, 1])
    #expect(!reports.isEmpty)
    #expect(report.nodes >= 1)
    #expect(report.incumbentAccepted == nil)
  }

  @Test func intoptWithoutLPBasisReportsRootNotOptimal() throws {
    let p = try makeKnapsack()
    let report = try p.intopt(MIPParameters(timeLimit: 10))
    #expect(report.returnCode == .rootNotOptimal)
    #expect(report.returnCode.isFailure)
    // With presolve GLPK solves the relaxation itself.
    let presolved = try p.intopt(MIPParameters(timeLimit: 10, presolve: true))
    #expect(presolved.returnCode == .success)
    #expect(abs(p.mipObjectiveValue - -21) < 1e-9)
  }

  @Test func injectedIncumbentIsAccepted() throws {
    let p = try makeKnapsack()
    _ = try p.simplex(SimplexParameters(timeLimit: 10))
    var first: MIPProgress?
    let report = try p.intopt(
      MIPParameters(timeLimit: 10),
      callback: MIPCallback(
        progress: { if first == nil, $0.incumbent != nil { first = $0 } },
        progressInterval: 0,
        incumbent: [1, 0, 0.9999999, 0]))  // items 1 and 3: value 17 (rounded)
    #expect(report.incumbentAccepted == true)
    #expect(report.returnCode == .success)
    #expect(abs(p.mipObjectiveValue - -21) < 1e-9)
    // The first incumbent GLPK reported is at least as good as the injected one.
    let seen = try #require(first?.incumbent)
    #expect(seen <= -17 + 1e-9)
  }

  @Test func invalidIncumbentsThrow() throws {
    let p = try makeKnapsack()
    _ = try p.simplex(SimplexParameters(timeLimit: 10))
    // Items 1 and 2 weigh 11 > 10.
    let error = try #require(throws: GLPKError.self) {
      _ = try p.intopt(MIPParameters(timeLimit: 10), callback: MIPCallback(incumbent: [1, 1, 0, 0]))
    }
    #expect(error.message.contains("capacity"))
    #expect(throws: GLPKError.self) {
      _ = try p.intopt(MIPParameters(timeLimit: 10), callback: MIPCallback(incumbent: [1, 0]))
    }
    #expect(throws: GLPKError.self) {
      _ = try p.intopt(
        MIPParameters(timeLimit: 10, presolve: true), callback: MIPCallback(incumbent: [1, 0, 0, 0]))
    }
  }

  @Test func stopRequestAndZeroTimeLimit() throws {
    // A larger knapsack so the search has nodes to explore.
    let values = (1...30).map { Double(($0 * 37) % 23 + 5) }
    let weights = (1...30).map { Double(($0 * 53) % 19 + 4) }
    let p = try makeKnapsack(values: values, weights: weights, capacity: 97)
    _ = try p.simplex(SimplexParameters(timeLimit: 10))
    let stopped = try p.intopt(
      MIPParameters(timeLimit: 10), callback: MIPCallback(shouldStop: { true }))
    #expect(stopped.returnCode == .stopped)
    #expect(stopped.stopCause == .requested)

    _ = try p.simplex(SimplexParameters(timeLimit: 10))
    let zero = try p.intopt(MIPParameters(timeLimit: 0))
    #expect(zero.returnCode == .timeLimit || zero.returnCode == .stopped)
    #expect(!zero.returnCode.isFailure)
  }
}
