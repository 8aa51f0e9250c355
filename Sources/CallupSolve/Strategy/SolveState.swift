import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import GLPKBackend
import Modeling

/// The limits, the clock and the log that every step of one whole-model
/// solve shares: each step asks `budget` how long it has and writes its
/// line with `note`.
struct SolveContext {
  let options: SolveOptions
  /// The solve's time limit (`options.timeLimit`), from its start.
  let budget: TimeBudget
  /// One line per step: what was done, when, the objective after it.
  private(set) var log: [String] = []

  /// A context whose budget starts now; a test may hand in another budget.
  init(options: SolveOptions, budget: TimeBudget? = nil) {
    self.options = options
    self.budget = budget ?? options.budget(seconds: options.timeLimit)
  }

  /// Whether the caller asked the solve to stop.
  var stopRequested: Bool { options.shouldStop?() == true }

  /// Logs `phase` with the time and `objective`, and reports it as progress.
  mutating func note(_ phase: String, _ objective: Double?, bound: Double?) {
    let o = objective.map { String(format: "%.1f", $0) } ?? "-"
    log.append(String(format: "%-28@ %7.2fs  objective %@", phase as NSString, budget.elapsed, o))
    options.progress?(PlanProgress(phase: phase, incumbent: objective, bound: bound, elapsed: budget.elapsed))
  }

  /// GLPK's progress during a MIP of `phase` as the solve's progress, its
  /// time counted from now and `bound` as the bound.
  func mipProgress(_ phase: String, bound: Double?) -> @Sendable (SolveProgress) -> Void {
    let offset = budget.elapsed
    let options = options
    return { p in
      options.progress?(PlanProgress(phase: phase, incumbent: p.incumbent, bound: bound, elapsed: offset + p.elapsed))
    }
  }
}

/// What the steps of `PlanSolver.solve` after the bounding LP share. The
/// formulation, GLPK's problem and the bounding LP are fixed when it is
/// made; the steps then write, in order, the hold decisions and the LP with
/// holds fixed (`fixHolds`, `searchHolds`), the plan (`takeHolds`, `dive`),
/// the incumbent (`repair`, the searches, `polish`) and the log. GLPK's
/// column bounds are whatever the last step left.
struct SolveState {
  /// The LP with the hold decisions fixed.
  struct HoldsFixedLP {
    var values: [Double] = []
    var reducedCosts: [Double] = []
    var objective = Double.infinity
  }

  var context: SolveContext
  let formulation: Formulation
  let model: Model
  let stats: ModelStats
  let greedy: GreedyImprover
  /// GLPK's problem of `formulation`, warm from the bounding LP.
  let solver: GLPKSolver
  /// A valid lower bound on every plan's objective; the branch-and-bound
  /// over the whole model may raise it.
  var bound: Double?
  let certificate: DualCertificate?
  /// The bounding LP's values; empty when it did not finish.
  let lpValues: [Double]
  /// Obligations met in the bounding LP (a fractional count).
  let lpMet: Double?
  /// Whether GLPK's branch-and-bound searches the whole model (small
  /// models), rather than neighbourhoods of the incumbent.
  var searchesWholeModel: Bool

  /// Whether each class with a hold variable is held (when there was an LP).
  var holds: [Int: Bool] = [:]
  /// The bounding LP's seats in each class, as a fraction of its minimum.
  var fill: [Int: Double] = [:]
  /// The LP with holds fixed, once one was solved.
  var holdsFixed = HoldsFixedLP()
  /// The dive's LP when few seats were left fractional: the reference of
  /// the neighbourhood search.
  var diveValues: [Double] = []
  /// The plan the holds and the dive build.
  var plan: IntegerPlanState
  /// The best plan found, from the repair on, and its objective.
  var best: IntegerPlanState
  var bestObjective = Double.infinity

  init(_ lp: BoundingLP, context: SolveContext) {
    self.context = context
    formulation = lp.formulation
    solver = lp.solver
    bound = lp.bound
    certificate = lp.certificate
    lpValues = lp.values
    model = formulation.model
    stats = PlanSolver.statistics(formulation)
    greedy = GreedyImprover(formulation: formulation)
    plan = IntegerPlanState(formulation: formulation)
    best = plan
    searchesWholeModel = stats.binaries <= Tuning.WholeModel.wholeMIPLimit
    lpMet = Self.met(formulation, lpValues)
  }

  var budget: TimeBudget { context.budget }
  var options: SolveOptions { context.options }

  /// Obligations the LP `values` meets (fractionally): no plan of the
  /// bounding LP's trade-off meets more. Nil without an LP.
  static func met(_ f: Formulation, _ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    var total = 0.0
    for o in f.book.obligations where !o.early {
      let rule = f.scenario.policy.cycleRules[o.rule]
      var sum = 0.0
      for p in f.candidatesByCadre[o.cadre] {
        let k = f.scenario.classes[f.candidates[p].klass]
        if rule.counts(k) { sum += values[f.candidates[p].variable.index] }
      }
      total += min(1, sum)
    }
    return total
  }

  /// The full variable vector of `s` (`PlanSolver.completeVector`).
  func vector(_ s: IntegerPlanState) -> [Double] { PlanSolver.completeVector(s, greedy: greedy) }

  /// The exact objective of `s`.
  func objective(of s: IntegerPlanState) -> Double { PlanSolver.objective(of: s, greedy: greedy) }

  /// Step 3b, repair: brings every held class of `plan` to its minimum or
  /// closes it, then adds seats while one is worth more than it costs. The
  /// result is the first incumbent (`best`, `bestObjective`): no held class
  /// below its minimum, no hard rule broken. No GLPK call, no time limit.
  mutating func repair() {
    greedy.repairMinimums(&plan)
    greedy.fill(&plan)
    best = plan
    bestObjective = objective(of: best)
    context.note("dived and repaired", bestObjective, bound: bound)
  }

  /// Step 5, polish: a last greedy pass over the incumbent and its exact
  /// objective; throws when the plan breaks a row of its own model (the
  /// planner's fault). No GLPK call, no time limit.
  mutating func polish() throws {
    greedy.fill(&best)
    bestObjective = objective(of: best)
    let broken = model.violations(vector(best))
    if !broken.isEmpty {
      throw PlannerError.internalFailure(
        "the plan breaks \(broken.count) rows of its own model, e.g. \(broken.prefix(3).map { "\($0)" }.joined(separator: "; "))"
      )
    }
    context.note("final", bestObjective, bound: bound)
  }

  /// The incumbent as the solve's outcome: optimal when within the gap of
  /// the bound.
  func solvedPlan() -> SolvedPlan {
    let f = formulation
    var status: PlanStatus = .feasible
    if let bound, SolveResult.relativeGap(objective: bestObjective, bound: bound) <= options.mipGap + 1e-9 {
      status = .optimal
    }
    return SolvedPlan(
      formulation: f, seats: f.candidates.indices.filter { best.seat[$0] },
      held: Set(f.classesInYear.filter { best.held[$0] && best.attendees($0) > 0 }),
      status: status, objective: bestObjective, bound: bound, lpMet: lpMet, seconds: budget.elapsed, stats: stats,
      log: context.log, certificate: certificate)
  }
}
