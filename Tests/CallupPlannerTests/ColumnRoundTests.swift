import CallupDomain
import CallupRules
@testable import CallupSolve
import Foundation
import Testing

/// Column generation on a restricted model (`BoundingLP`): a round cut
/// short by its budget does not lose the rounds that finished, and a round
/// grows the model by a share of its pairs.
@Suite struct ColumnRoundTests {
  /// The bundled city from one pair per cadre and kind, bounded with
  /// `seconds` of work: the LP returned and the log.
  static func bound(seconds: Double) throws -> (lp: BoundingLP, log: [String]) {
    let s = try Bundled.scenario("demo-city")
    let f = Formulation(scenario: s, year: s.year, options: .init(pairLimit: 1, planHours: false))
    var context = SolveContext(options: SolveOptions(timeLimit: seconds, mipGap: s.solver.mipGap))
    guard case .bounded(let lp) = try BoundingLP.solve(f, context: &context) else {
      throw PlannerError.internalFailure("the model is empty")
    }
    return (lp, context.log)
  }

  /// Whatever the budget, once a round's LP has finished the solve keeps an
  /// LP to dive from; and some budget cuts a later round short.
  @Test func aRoundCutShortKeepsTheLastFinishedOne() throws {
    var keptOnce = false
    for seconds in [1.0, 2.0, 3.0, 4.0, 6.0] {
      let (lp, log) = try Self.bound(seconds: seconds)
      let finished = log.contains { $0.hasPrefix("LP ") && $0.contains(" pairs, ") }
      if finished { #expect(!lp.values.isEmpty, "\(seconds) s: \(log)") }
      if log.contains(where: { $0.contains("stopped at its limit: the LP on") }) {
        keptOnce = true
        #expect(lp.values.count == lp.formulation.model.variableCount)
      }
    }
    #expect(keptOnce, "no budget cut a later round short: choose other budgets")
  }

  /// Pricing goes on longer while the restricted LP is far above its
  /// Lagrangian bound: a poor LP to dive from.
  @Test func pricingGoesOnWhileTheLPIsFarFromItsBound() {
    #expect(BoundingLP.pricingLeaves(33_494_781, bound: 7_348_713) == Tuning.WholeModel.pricingLeavesWhenFar)
    #expect(BoundingLP.pricingLeaves(44_144_303, bound: nil) == Tuning.WholeModel.pricingLeavesWhenFar)
    #expect(BoundingLP.pricingLeaves(32_849_387, bound: 32_716_419) == Tuning.WholeModel.pricingLeaves)
    #expect(Tuning.WholeModel.pricingLeavesWhenFar.fraction < Tuning.WholeModel.pricingLeaves.fraction)
  }

  /// A round adds the pairs of most negative reduced cost, at most a share
  /// of the pairs the model has; ties go to the lower cadre, then class.
  @Test func aRoundAddsTheMostImprovingPairs() {
    let priced = [(cadre: 3, klass: 1, reducedCost: -5.0), (2, 4, -9.0), (1, 2, -5.0), (0, 0, -1.0)]
    let chosen = BoundingLP.mostImproving(priced, 3)
    #expect(chosen.map(\.cadre) == [2, 1, 3])
    #expect(chosen.map(\.klass) == [4, 2, 1])
  }
}
