import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import GLPKBackend
import Modeling

/// The whole path for one scenario: formulation, solve, analysis.
public enum Planner {
  /// Rules of the policy that this version reads but does not plan for
  /// (they are reported in plan.json and the report, never silently ignored).
  public static func rulesNotPlanned(_ scenario: Scenario) -> [RuleInfo] {
    scenario.policy.rules.compactMap { r in
      switch r {
      case .other(let o): o.info
      default: nil
      }
    }
  }

  /// Pairs per cadre and class kind in the model of a scenario of this
  /// many cadres: all (nil) up to `Tuning.WholeModel.restrictedAbove`,
  /// else `Tuning.WholeModel.pairLimit`, the rest priced by column generation.
  public static func pairLimit(cadres: Int) -> Int? {
    cadres > Tuning.WholeModel.restrictedAbove ? Tuning.WholeModel.pairLimit : nil
  }

  /// Builds the call-up model of the scenario's first year: every rule but
  /// the hours rules, which `HoursStage` plans in the seats it leaves.
  public static func formulate(_ scenario: Scenario) -> Formulation {
    Formulation(
      scenario: scenario, year: scenario.year,
      options: .init(pairLimit: pairLimit(cadres: scenario.cadres.count), planHours: false))
  }

  /// Solves the call-up model, then plans the hours rules in what it leaves.
  /// The time limit covers both: when there are hours to plan, the
  /// hours stage keeps `hoursReserve` of it (`hoursReserve` given: that).
  /// The plan's objective is that of the plan written, hours seats
  /// included (`PlanObjective`), and its status says whether that is within
  /// the gap of the call-up model's bound (`reporting`).
  public static func solve(_ f: Formulation, options: SolveOptions) throws -> SolvedPlan {
    let stages = try solveInStages(f, options: options)
    var out = reporting(stages.final, mipGap: options.mipGap)
    out.callUp = callUpPart(stages.callup, final: out)
    return out
  }

  /// The call-up plan `callup` as a part of `final`, its hours stage's
  /// plan: its objective and the seats the hours stage added (which never
  /// moves a call-up seat). Nil when it added none.
  static func callUpPart(_ callup: SolvedPlan, final: SolvedPlan) -> CallUpPart? {
    let added = final.seats.count - callup.seats.count
    guard added > 0, callup.objective != nil else { return nil }
    let f = callup.formulation
    let seats = callup.seats.map { Assignment(cadre: f.candidates[$0].cadre, klass: f.candidates[$0].klass) }
    return CallUpPart(objective: PlanObjective(f).value(seats), hoursSeats: added)
  }

  /// `solved` with the objective of the plan it holds (`PlanObjective` on
  /// its formulation) and the status that objective and the bound give:
  /// optimal within `mipGap`, else feasible. The bound stays: it is a lower
  /// bound of that objective over every plan that keeps the hard rules,
  /// the hours stage's plan among them (docs/solving.md).
  static func reporting(_ solved: SolvedPlan, mipGap: Double) -> SolvedPlan {
    guard solved.objective != nil, solved.status == .optimal || solved.status == .feasible else { return solved }
    var out = solved
    let f = solved.formulation
    let objective = PlanObjective(f).value(
      solved.seats.map { Assignment(cadre: f.candidates[$0].cadre, klass: f.candidates[$0].klass) })
    out.objective = objective
    out.status = out.gap.map { $0 <= mipGap + 1e-9 } == true ? .optimal : .feasible
    if let before = solved.objective, abs(objective - before) > 1e-6 * max(1, abs(before)) {
      out.log.append(
        String(format: "objective of the plan written, hours seats included: %.0f (call-up %.0f)", objective, before))
    }
    return out
  }

  /// `solve`, with the call-up's own result too. The hours stage is skipped
  /// (`hoursSkipped`) when the time limit is `minimumHoursSeconds` or less
  /// (it builds a second model).
  static func solveInStages(
    _ f: Formulation, options: SolveOptions, minimumHoursSeconds: Double = 0, hoursReserve: Double? = nil
  ) throws -> (callup: SolvedPlan, final: SolvedPlan, hoursSkipped: Bool) {
    let budget = options.budget(seconds: options.timeLimit)
    let applies = HoursStage.applies(to: f)
    let hours = applies && options.timeLimit > minimumHoursSeconds
    var first = options
    if hours { first.timeLimit = options.timeLimit - (hoursReserve ?? Self.hoursReserve(f, limit: options.timeLimit)) }
    let callup = try PlanSolver.solve(f, options: first)
    if let path = options.solvedModelPath { try exportModel(callup.formulation, to: path) }
    guard hours else { return (callup, callup, applies) }
    return (callup, try HoursStage.run(callup, budget: budget), false)
  }

  /// The seconds kept for the hours stage of a model planned whole:
  /// `Tuning.WholeModel.hoursBaseSeconds` (a second) and
  /// `hoursSecondsPerPair` (50 µs) a candidate pair, at most
  /// `Tuning.WholeModel.hoursShare` of the limit. The stage builds a second
  /// model and fills it greedily: a city's 21,000 pairs take 0.3 s, where a
  /// fifth of 60 s left 12 s idle.
  static func hoursReserve(_ f: Formulation, limit: Double) -> Double {
    min(
      TimeBudget(seconds: limit).seconds(of: Tuning.WholeModel.hoursShare),
      Tuning.WholeModel.hoursBaseSeconds + Tuning.WholeModel.hoursSecondsPerPair * Double(f.candidates.count))
  }

  /// Writes the scenario's monolithic model as CPLEX-LP (`.lp`) or MPS
  /// (`.mps`), with every `x ≤ y` row (the planner adds those as cuts): the
  /// call-up model whose objective, bound and gap plan.json reports.
  public static func exportModel(_ scenario: Scenario, to path: String) throws {
    try export(
      Formulation(scenario: scenario, year: scenario.year, options: .init(linkSeatsToHolds: true, planHours: false)),
      to: path)
  }

  /// Writes the model `solved` was, its pairs as they were (a restricted
  /// model as column generation left it), with every `x ≤ y` row: what the
  /// search solved, for a solver given the same model.
  public static func exportModel(_ solved: Formulation, to path: String) throws {
    var options = solved.options
    options.linkSeatsToHolds = true
    try export(Formulation(scenario: solved.scenario, year: solved.year, options: options), to: path)
  }

  private static func export(_ f: Formulation, to path: String) throws {
    let ext = (path as NSString).pathExtension.lowercased()
    guard let format = ModelFileFormat(pathExtension: ext) else {
      throw PlannerError.internalFailure("cannot export to '\(path)': use a file ending in .lp or .mps")
    }
    try GLPKSolver.export(f.model, format: format, to: path)
  }
}
