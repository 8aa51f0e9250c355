import CallupDomain
import CallupPlan
import CallupRules

/// A plan made elsewhere — by another solver, by hand, from a spreadsheet —
/// given the figures callup gives its own plans: unmet obligations and
/// their reasons, targets, hours, key figures. Nothing is planned or moved;
/// `callup check` then says which rules the plan keeps.
public enum PlanAssessment {
  /// The plan of the scenario's first year with `assignments`. Its
  /// `objective` is the one given (a solver's own, for `check` to recompute
  /// and compare), else the contract's objective of the assignments.
  public static func plan(
    _ s: Scenario, assignments: [Assignment], status: PlanStatus = .feasible, objective: Double? = nil,
    bound: Double? = nil, seconds: Double = 0, note: String? = nil
  ) -> Plan {
    let f = Planning.analysisFormulation(s, blocks: DecomposedPlanner.applies(to: s))
    let computed = PlanObjective(f).value(assignments)
    let log = (note.map { [$0] } ?? []) + ["objective of the \(assignments.count) call-ups given: \(Int(computed))"]
    return PlanAnalyzer(formulation: f, assignments: assignments, held: Set(assignments.map(\.klass))).analyze(
      status: status, objective: objective ?? computed, bound: bound, seconds: seconds, stats: nil, lpMet: nil,
      log: log, notPlanned: Planner.rulesNotPlanned(s))
  }
}
