import CallupDomain
import CallupPlan
import CallupRules
import Testing

@testable import CallupSolve

/// The objective every path reports (`PlanObjective`) is the call-up
/// model's own on a plan of the call-up alone: the solver searches on the
/// figure the plan reports.
@Suite("the objective of a plan written")
struct PlanObjectiveTests {
  /// Tiny's call-up model (its targets, tiers, priorities), solved without
  /// the hours stage: the model's objective at the plan is the plan's.
  @Test func theCallUpModelsObjectiveIsThePlans() throws {
    let s = try Bundled.scenario("tiny")
    let f = Planner.formulate(s)
    let solved = try PlanSolver.solve(f, options: SolveOptions(timeLimit: 20, mipGap: 0))
    let seats = solved.seats.map { Assignment(cadre: f.candidates[$0].cadre, klass: f.candidates[$0].klass) }
    let objective = try #require(solved.objective)
    #expect(abs(PlanObjective(f).value(seats) - objective) <= 1e-6 * objective)
  }

  /// Tiny with its hours rules: the plan reports the objective of the plan
  /// written, the hours stage's seats included, and the call-up model's
  /// bound stays below it.
  @Test func theHoursStagesSeatsAreInTheObjective() throws {
    let s = try Bundled.scenario("tiny")
    let f = Planner.formulate(s)
    let options = SolveOptions(timeLimit: 20, mipGap: 0.005)
    let (callup, final, _) = try Planner.solveInStages(f, options: options)
    let reported = Planner.reporting(final, mipGap: 0.005)
    let f2 = final.formulation
    let seats = final.seats.map { Assignment(cadre: f2.candidates[$0].cadre, klass: f2.candidates[$0].klass) }
    #expect(reported.objective == PlanObjective(f2).value(seats))
    #expect(try #require(reported.bound) <= reported.objective! + 1e-6)
    if final.seats.count > callup.seats.count {
      #expect(reported.objective! > callup.objective!)
      #expect(reported.log.last?.hasPrefix("objective of the plan written, hours seats included") == true)
    }
  }
}
