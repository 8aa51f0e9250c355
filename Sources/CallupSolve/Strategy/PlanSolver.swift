import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import GLPKBackend
import Modeling

/// What the solver reports while it works.
public struct PlanProgress: Sendable {
  public var phase: String
  public var incumbent: Double?
  public var bound: Double?
  public var elapsed: Double

  public init(phase: String, incumbent: Double? = nil, bound: Double? = nil, elapsed: Double) {
    self.phase = phase
    self.incumbent = incumbent
    self.bound = bound
    self.elapsed = elapsed
  }

  public var gap: Double? {
    guard let incumbent, let bound else { return nil }
    return SolveResult.relativeGap(objective: incumbent, bound: bound)
  }
}

/// Limits and hooks of one solve.
public struct SolveOptions: Sendable {
  /// The solve's budget, in seconds on `clock`.
  public var timeLimit: Double
  public var mipGap: Double
  public var progress: (@Sendable (PlanProgress) -> Void)?
  public var shouldStop: (@Sendable () -> Bool)?
  /// Stop after the bounding LP (no plan): for its bound and certificate.
  public var boundOnly = false
  /// What `timeLimit` is counted on: the solve's own work clock unless a
  /// caller shares one (the stages of one model) or asks for wall time.
  public var clock: PlanClock
  /// The plan's wall-clock deadline, which every step keeps.
  public var safety: SafetyStop
  /// Threads for the steps that split (blocks, screening, the bound); nil:
  /// every core. The plan is the same whatever the number.
  public var threads: Int? = nil
  /// Write the call-up model the search solved here (`.lp` or `.mps`), as
  /// column generation left it (`Planner.exportModel(_:to:)`); a part
  /// (block, year) writes none.
  public var solvedModelPath: String? = nil

  /// Options of a solve with `timeLimit` seconds of work on a new work
  /// clock; without `safety`, the deadline is the wall time that work takes
  /// on the reference machine (`Tuning.Work.shareOfLimit`).
  public init(
    timeLimit: Double, mipGap: Double, progress: (@Sendable (PlanProgress) -> Void)? = nil,
    shouldStop: (@Sendable () -> Bool)? = nil, clock: PlanClock = .work(), safety: SafetyStop? = nil
  ) {
    self.timeLimit = timeLimit
    self.mipGap = mipGap
    self.progress = progress
    self.shouldStop = shouldStop
    self.clock = clock
    self.safety = safety ?? SafetyStop(seconds: timeLimit / Tuning.Work.shareOfLimit)
  }

  /// A budget of `seconds` on the options' clock and deadline.
  public func budget(seconds: Double) -> TimeBudget { TimeBudget(seconds: seconds, clock: clock, safety: safety) }

  /// Options for another solve within this one's deadline (a block, a
  /// year): `seconds` of work on a clock of its own.
  public func part(seconds: Double, progress: (@Sendable (PlanProgress) -> Void)? = nil) -> SolveOptions {
    var part = SolveOptions(
      timeLimit: seconds, mipGap: mipGap, progress: progress, shouldStop: shouldStop, clock: .work(), safety: safety)
    part.threads = threads
    return part
  }
}

/// The outcome of a solve: seats and held classes in domain terms.
public struct SolvedPlan: Sendable {
  public var formulation: Formulation
  /// Candidate indices taken.
  public var seats: [Int]
  /// Class indices held.
  public var held: Set<Int>
  public var status: PlanStatus
  public var objective: Double?
  /// A valid lower bound on the objective of any plan (the LP relaxation of the whole model).
  public var bound: Double?
  /// Obligations met in the bounding LP (a fractional count).
  public var lpMet: Double?
  public var seconds: Double
  public var stats: ModelStats
  /// One line per phase: what was done, how long it took, the objective after it.
  public var log: [String]
  /// The LP duals behind `bound` (absent when the bound came from
  /// elsewhere or there was none): a decomposed plan prices every block's
  /// pairs with them for a bound of the whole problem.
  public var certificate: DualCertificate? = nil
  /// The call-up without the hours stage's seats (nil: it added none).
  public var callUp: CallUpPart? = nil

  public var gap: Double? {
    guard let objective, let bound else { return nil }
    return SolveResult.relativeGap(objective: objective, bound: bound)
  }
}

/// A Lagrangian bound and the row duals that give it: with these duals,
/// `value` = `Σ π·rhs + Σ min over bounds of (reduced cost · x)` over every
/// variable of the model and every pair it left out.
public struct DualCertificate: Sendable {
  public var formulation: Formulation
  public var value: Double
  public var rowDuals: [Double]
}

/// Solves the annual model without a global branch-and-bound (GLPK's finds
/// no first solution on these models). `solve` runs these steps, in this
/// order, on one `SolveState` (the formulation, GLPK's problem, the bound
/// and its certificate, the plan, the incumbent, the log and the time
/// budget); each step's doc says what it reads and writes and when it stops.
///
/// 1. Bound (`BoundingLP.solve`): the LP relaxation of the whole model
///    gives the bound; a restricted model is priced and grown by column
///    generation first.
/// 2. Holds: hold a class when the LP holds it at least halfway or fills
///    half its minimum; fix the holds and re-solve (dual simplex, warm
///    start), closing the worst-filled class while that LP is infeasible
///    (`fixHolds`); then try single classes the other way while the LP
///    says it pays (`searchHolds`); the plan holds the result (`takeHolds`).
/// 3. Dive and repair: fix the seats the LP takes, then the most-taken
///    fractional ones, re-solving until the LP is integral (`dive`); bring
///    held classes to their minimum or close them, and add seats while one
///    is worth more than it costs — the first incumbent, a plan that obeys
///    every hard rule (`repair`).
/// 4. Search from the incumbent (`searchFromIncumbent`): GLPK's
///    branch-and-bound over the whole model when it is small, else over
///    the binaries on which the plan and an LP disagree (a relaxation
///    induced neighbourhood); for larger models, then, the neighbourhoods
///    of one class at a time (`searchClassNeighbourhoods`).
/// 5. Polish (`polish`): a last greedy pass, the exact objective of the
///    plan, and its check against every row of the model.
///
/// The shares of the time limit and the limits of each step are in
/// `Tuning.WholeModel`.
public enum PlanSolver {
  public static func solve(_ initial: Formulation, options: SolveOptions) throws -> SolvedPlan {
    var context = SolveContext(options: options)
    context.budget.chargeBuilding(initial)
    let lp: BoundingLP
    switch try BoundingLP.solve(initial, context: &context) {
    case .emptyModel(let plan): return plan
    case .bounded(let bounded): lp = bounded
    }
    if options.boundOnly { return lp.boundOnly(context: &context) }
    var state = SolveState(lp, context: context)
    try state.fixHolds()
    try state.searchHolds()
    state.takeHolds()
    try state.dive()
    state.repair()
    try state.searchFromIncumbent()
    try state.searchClassNeighbourhoods()
    try state.polish()
    return state.solvedPlan()
  }

  /// The time limit of one GLPK call for `seconds`: never below
  /// `Tuning.WholeModel.minimumSolveSeconds`.
  static func glpkSeconds(_ seconds: Double) -> Double { max(Tuning.WholeModel.minimumSolveSeconds, seconds) }

  /// The classes with a hold variable, the most promising neighbourhood
  /// first: by the absolute reduced cost of the hold in the LP with holds
  /// fixed (a class whose holding the LP would most like changed), then by
  /// index.
  static func neighbourhoodOrder(_ f: Formulation, reduced: [Double]) -> [Int] {
    let classes = f.classesInYear.filter { f.holdVariable[$0] != nil }
    func score(_ k: Int) -> Double {
      guard let y = f.holdVariable[k], y.index < reduced.count else { return 0 }
      return abs(reduced[y.index])
    }
    return classes.sorted { score($0) != score($1) ? score($0) > score($1) : $0 < $1 }
  }

  /// The seat and hold variables of class `k`'s neighbourhood: its hold,
  /// and every pair of every cadre who could attend it, with the holds of
  /// those pairs' classes.
  static func neighbourhood(_ f: Formulation, klass k: Int) -> Set<Int> {
    var free = Set<Int>()
    if let y = f.holdVariable[k] { free.insert(y.index) }
    for p in f.candidatesByClass[k] {
      for q in f.candidatesByCadre[f.candidates[p].cadre] {
        free.insert(f.candidates[q].variable.index)
        if let y = f.holdVariable[f.candidates[q].klass] { free.insert(y.index) }
      }
    }
    return free
  }

  static func statistics(_ f: Formulation) -> ModelStats {
    let model = f.model
    var nonzeros = 0
    for r in 0..<model.constraintCount { nonzeros += model.terms(of: ConstraintRef(index: r)).count }
    return ModelStats(
      variables: model.variableCount,
      binaries: (0..<model.variableCount).filter { model.kind(of: Variable(index: $0)) != .continuous }.count,
      constraints: model.constraintCount, nonzeros: nonzeros, candidatePairs: f.candidates.count,
      obligations: f.book.obligations.count)
  }

  /// The full variable vector of an integer plan: the continuous variables
  /// at their best values for those binaries (an obligation is met when a
  /// counting seat is taken, a unit's shortfall is what is still missing, a
  /// pace's excess is what the seats add beyond it).
  static func completeVector(_ s: IntegerPlanState, greedy: GreedyImprover) -> [Double] {
    let f = s.formulation
    var x = s.vector()
    let cov = greedy.coverage(s)
    for (o, v) in f.metVariable.enumerated() { if let v { x[v.index] = cov.met[o] ? 1 : 0 } }
    for (r, req) in f.book.unitRequirements.enumerated() {
      guard let short = f.shortfallVariable[r] else { continue }
      var sent = 0
      for m in req.members where !req.alreadyTrained.contains(m) {
        if let v = f.sentVariable(requirement: r, cadre: m) {
          let on = cov.sent[r].contains(m)
          x[v.index] = on ? 1 : 0
          if on { sent += 1 }
        }
      }
      x[short.index] = Double(max(0, req.need - sent))
    }
    for (ti, v) in f.hoursVariable.enumerated() {
      if let v { x[v.index] = max(0, cov.cappedHours[ti] - f.book.hoursTargets[ti].pace) }
    }
    for (ki, v) in f.quotaShortVariable.enumerated() {
      if let v { x[v.index] = Double(max(0, (f.options.quotaMinimums[ki] ?? 0) - cov.classSeats[ki])) }
    }
    f.completeTargets(&x)
    return x
  }

  static func objective(of s: IntegerPlanState, greedy: GreedyImprover) -> Double {
    s.formulation.model.objectiveValue(completeVector(s, greedy: greedy))
  }
}

/// Failures that are the planner's fault, not the input's (exit code 1).
public enum PlannerError: Error, CustomStringConvertible {
  case internalFailure(String)
  public var description: String {
    switch self {
    case .internalFailure(let s): "internal failure: \(s)"
    }
  }
}
