import CallupDomain
import CallupRules
@testable import CallupSolve
import Foundation
import Testing

/// `plan --export-solved-model`: the model the search solved, for a peer
/// given the same model as callup.
@Suite struct SolvedModelExportTests {
  /// The rows and columns an MPS file written by GLPK states in its header.
  static func size(ofMPS url: URL) throws -> (rows: Int, columns: Int) {
    let text = try String(contentsOf: url, encoding: .utf8)
    func figure(_ label: String) -> Int {
      let line = text.split(separator: "\n").first { $0.hasPrefix("* \(label):") } ?? ""
      return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first ?? "") ?? -1
    }
    return (figure("Rows"), figure("Columns"))
  }

  /// A restricted model grown by column generation is written as the
  /// search left it: its columns (and the objective's constant), not the
  /// whole model's.
  @Test func aRestrictedModelIsWrittenAsColumnGenerationLeftIt() throws {
    let s = try Bundled.scenario("demo-city")
    let restricted = Formulation(scenario: s, year: s.year, options: .init(pairLimit: 1, planHours: false))
    let whole = Planner.formulate(s)
    #expect(restricted.candidates.count < whole.candidates.count)
    let dir = Bundled.temporaryDirectory()
    var options = SolveOptions(timeLimit: 8, mipGap: s.solver.mipGap)
    options.solvedModelPath = dir.appendingPathComponent("solved.mps").path
    let stages = try Planner.solveInStages(restricted, options: options)
    try Planner.exportModel(s, to: dir.appendingPathComponent("whole.mps").path)

    let written = try Self.size(ofMPS: dir.appendingPathComponent("solved.mps"))
    let all = try Self.size(ofMPS: dir.appendingPathComponent("whole.mps"))
    let grown = stages.callup.formulation  // the call-up model, not the hours stage's
    #expect(grown.candidates.count > restricted.candidates.count, "column generation added pairs")
    #expect(written.columns == grown.model.variableCount + 1)  // + the objective's constant
    #expect(written.columns < all.columns)
    #expect(written.rows > grown.model.constraintCount, "every x ≤ y row is written")
  }
}
