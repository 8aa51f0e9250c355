import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// What to plan, and with what limits: everything `Planning.plan` needs.
///
/// `plan`, `whatif`, `replan`, the benchmarks and the tests all describe
/// their work as a request, so that a what-if or a re-plan plans exactly
/// what `plan` would (a five-year scenario as a rotation, a province block
/// by block).
public struct PlanRequest: Sendable {
  /// How a plan in blocks starts.
  public enum Start: String, Sendable, CaseIterable {
    /// The auction's seats when the blocks would get too little time each
    /// (`Tuning.Blocks.minimumBlockSeconds`), else the blocks' plans.
    case automatic = "auto"
    /// The blocks' own plans.
    case blocks
    /// The seats of an auction of the due obligations.
    case auction
  }

  public var scenario: Scenario
  /// Seconds for the whole plan, from loading to the plan in memory: the
  /// wall-clock deadline, a safety stop.
  public var timeLimit: Double
  /// The search's budget in seconds of work (`PlanClock`); nil:
  /// `Tuning.Work.shareOfLimit` of the time limit. The same work gives the
  /// same plan on any machine.
  public var work: Double? = nil
  /// The relative gap at which a solve may stop.
  public var mipGap: Double
  public var start: Start = .automatic
  /// Plan block by block with at most this many cadres to plan per block;
  /// nil: blocks only above `Tuning.Blocks.decomposeAbove` cadres. By
  /// default the scenario's `solver.block_size`.
  public var blockSize: Int?
  /// Call-ups that stay as they are (class and cadre indices of
  /// `scenario`): the rest of the first year is planned around them, their
  /// seats, days away and obligations met counting as already attended.
  public var pins: [Assignment] = []
  /// Classes (indices) that take no new call-up.
  public var closed: Set<Int> = []
  public var progress: (@Sendable (PlanProgress) -> Void)?
  public var shouldStop: (@Sendable () -> Bool)?
  /// Threads for the steps that split; nil: every core. The plan is the
  /// same whatever the number; only its wall time changes.
  public var threads: Int? = nil
  /// Write the call-up model a plan made as one model solved (see
  /// `SolveOptions.solvedModelPath`); nil writes none.
  public var solvedModelPath: String? = nil
  /// When the request was made: the time limit counts from here, so that
  /// the checks before planning (conflicts) count too.
  public let made = ContinuousClock.now

  /// A request with the scenario's own solver settings where none are given.
  public init(
    scenario: Scenario, timeLimit: Double? = nil, mipGap: Double? = nil, start: Start = .automatic,
    blockSize: Int? = nil, progress: (@Sendable (PlanProgress) -> Void)? = nil,
    shouldStop: (@Sendable () -> Bool)? = nil
  ) {
    self.scenario = scenario
    self.timeLimit = timeLimit ?? scenario.solver.timeLimit
    self.mipGap = mipGap ?? scenario.solver.mipGap
    self.start = start
    self.blockSize = blockSize ?? scenario.solver.blockSize
    self.progress = progress
    self.shouldStop = shouldStop
  }

  /// The wall seconds the search leaves of the time limit for the analysis
  /// of its plan and the settling of the hard rules
  /// (`Tuning.Work.afterSearchPerCadre`, at most `afterSearchShare` of it).
  public var afterSearch: Double {
    min(timeLimit * Tuning.Work.afterSearchShare, Tuning.Work.afterSearchPerCadre * Double(scenario.cadres.count))
  }

  /// The limits and hooks every solve step takes, from now: the work
  /// budget, and the wall-clock deadline of the search, `afterSearch`
  /// before the time limit.
  public var options: SolveOptions {
    var options = SolveOptions(
      timeLimit: work ?? timeLimit * Tuning.Work.shareOfLimit, mipGap: mipGap, progress: progress,
      shouldStop: shouldStop, safety: SafetyStop(seconds: timeLimit - afterSearch, from: made))
    options.threads = threads
    options.solvedModelPath = solvedModelPath
    return options
  }
}

/// The one way to plan a scenario, whatever its size or horizon.
public enum Planning {
  /// The method `plan` uses for a request.
  public static func method(for request: PlanRequest) -> PlanMethod {
    if request.scenario.horizon > 1 && request.pins.isEmpty { return .rotation }
    return usesBlocks(request) ? .blocks : .wholeModel
  }

  /// Whether a year of the request is planned block by block: asked for,
  /// or above `Tuning.Blocks.decomposeAbove` cadres.
  public static func usesBlocks(_ request: PlanRequest) -> Bool {
    request.blockSize != nil || DecomposedPlanner.applies(to: request.scenario)
  }

  /// Plans the request: a rotation plan for a horizon over one year, else
  /// the first year as one model or block by block. With pins, the first
  /// year is planned around them (`Replanner` uses this); the residual
  /// plan then settles the hard rules (`planAroundPins`).
  public static func plan(_ request: PlanRequest) throws -> Plan {
    let pinned = !request.pins.isEmpty || !request.closed.isEmpty
    guard request.scenario.policy.hasHardTargets, !pinned else { return try planWithMethod(request) }
    // Hard rules shown impossible are planned soft; the plan says why.
    let year = request.scenario.year
    let proven = ConflictFinder(scenario: request.scenario, year: year).provenConflicts()
    var softened = request
    softened.scenario.policy = request.scenario.policy.softening(Set(proven.flatMap(\.rules)))
    var plan = try planWithMethod(softened)
    plan.scenario.policy = request.scenario.policy
    // The targets say whether their rule is hard as the policy wrote it.
    let hard = Set(request.scenario.policy.rules.filter(\.isHard).map(\.id))
    func restore(_ targets: inout [TargetFigure]) {
      for i in targets.indices { targets[i].target.hard = hard.contains(targets[i].target.rule.id) }
    }
    restore(&plan.targets)
    for i in plan.years.indices { restore(&plan.years[i].targets) }
    settleHardRules(&plan, proven: proven)
    request.progress?(
      PlanProgress(
        phase: "hard rules settled: \(plan.conflicts.count) conflicts",
        elapsed: (ContinuousClock.now - request.made).inSeconds))
    return plan
  }

  /// `plan` by the request's method, hard rules as they are.
  static func planWithMethod(_ request: PlanRequest) throws -> Plan {
    if !request.pins.isEmpty || !request.closed.isEmpty { return try planAroundPins(request).plan }
    let method = method(for: request)
    let started = ContinuousClock.now
    let options = request.options
    var plan: Plan
    switch method {
    case .rotation:
      plan = try RotationPlanner.plan(
        request.scenario, options: options, blockTarget: request.blockSize.map(Double.init))
    case .blocks:
      plan = try DecomposedPlanner.plan(
        request.scenario, options: options,
        blockTarget: request.blockSize.map(Double.init) ?? Tuning.Blocks.blockTarget,
        startFromAuction: request.start == .automatic ? nil : request.start == .auction)
    case .wholeModel:
      plan = try planWholeModel(request, options: options)
    }
    plan.method = method
    plan.seconds = (ContinuousClock.now - started).inSeconds
    plan.stoppedBy = stop(options)
    return plan
  }

  /// What stopped the plan before its work was done: the caller, or the
  /// time limit's safety stop; nil when it did all its work.
  static func stop(_ options: SolveOptions) -> PlanStop? {
    if options.shouldStop?() == true { return .interrupted }
    return options.safety.fired ? .timeLimit : nil
  }

  /// A plan of a policy with hard rules: the conflicts shown before
  /// planning (`proven`, for the first year) and those the plan found for
  /// hard rules it breaks; any conflict makes its status `infeasible`.
  static func settleHardRules(_ plan: inout Plan, proven: [Conflict]) {
    if plan.years.isEmpty {
      plan.conflicts =
        proven + ConflictFinder(scenario: plan.scenario, year: plan.year).unexplained(in: plan, known: proven)
    } else {
      for i in plan.years.indices {
        let known = i == 0 ? proven : []
        let y = plan.years[i]
        plan.years[i].conflicts =
          known + ConflictFinder(scenario: y.scenario, year: y.year).unexplained(in: y, known: proven)
        if !plan.years[i].conflicts.isEmpty { plan.years[i].status = .infeasible }
      }
      plan.conflicts = plan.years.flatMap(\.conflicts)
    }
    if !plan.conflicts.isEmpty { plan.status = .infeasible }
  }

  /// The first year as one model: formulation, solve, analysis. The log
  /// starts with the model's size and the seconds it took to build.
  static func planWholeModel(_ request: PlanRequest, options: SolveOptions) throws -> Plan {
    let built = ContinuousClock.now
    let f = Planner.formulate(request.scenario)
    let line = modelLine(f, seconds: (ContinuousClock.now - built).inSeconds)
    request.progress?(PlanProgress(phase: line, elapsed: (ContinuousClock.now - built).inSeconds))
    let solved = try Planner.solve(f, options: options)
    var plan = PlanAnalyzer(solved: solved).analyze(solved: solved, notPlanned: Planner.rulesNotPlanned(f.scenario))
    plan.log.insert(line, at: 0)
    return plan
  }

  /// "model built in 0.4 s: 19301 variables, …".
  static func modelLine(_ f: Formulation, seconds: Double) -> String {
    let omitted = f.omittedPairs > 0 ? " (\(f.omittedPairs) more priced by column generation)" : ""
    return String(format: "model built in %.1f s: ", seconds)
      + "\(f.model.variableCount) variables, \(f.model.constraintCount) constraints, "
      + "\(f.candidates.count) cadre–class pairs\(omitted)"
  }

  /// The first year planned around the request's pins: the rest is planned
  /// on the residual scenario (pins as attended trainings, their seats
  /// taken, closed classes shut) by the method its size asks for, and the
  /// pins and the new call-ups are analysed together on the whole scenario,
  /// whose formulation comes back too (a re-plan explains its changes with
  /// it). `objective` is that of the whole plan, pins included, its
  /// conflicts' rules priced as the residual plan planned them; no bound
  /// or gap (`aroundPins`).
  static func planAroundPins(_ request: PlanRequest) throws -> (plan: Plan, formulation: Formulation) {
    let clock = ContinuousClock()
    let start = clock.now
    let s = request.scenario
    var residual = request
    residual.scenario = residualScenario(s, pins: request.pins, closed: request.closed)
    residual.scenario.horizon = 1
    residual.pins = []
    residual.closed = []
    let rest = try plan(residual)
    let assignments = request.pins + rest.assignments
    let f = analysisFormulation(s, blocks: usesBlocks(residual))
    let objective = PlanObjective(f, soft: rest.rulesPlannedSoft).value(assignments)
    var whole = PlanAnalyzer(formulation: f, assignments: assignments, held: Set(assignments.map(\.klass))).analyze(
      status: aroundPins(rest.status), objective: rest.objective.map { _ in objective }, bound: nil,
      seconds: (clock.now - start).inSeconds, stats: rest.stats, lpMet: rest.lpMet,
      log: rest.log + [
        String(format: "objective of the whole plan, %d pins included: %.0f", request.pins.count, objective)
      ],
      notPlanned: Planner.rulesNotPlanned(s))
    whole.method = rest.method
    whole.stoppedBy = rest.stoppedBy
    whole.conflicts = rest.conflicts
    return (whole, f)
  }

  /// The status of a plan around pins from its residual plan's: optimal
  /// becomes feasible. The residual plan's bound holds for the re-planned
  /// part given the pins; the pins' own terms (their seats and classes, the
  /// targets they count for) do not shift it by a fixed amount, so the
  /// whole plan has no bound to be proven optimal against.
  static func aroundPins(_ status: PlanStatus) -> PlanStatus { status == .optimal ? .feasible : status }

  /// The formulation a plan of the scenario's first year is analysed on:
  /// as `Planner.formulate` builds it, or, for a scenario planned in
  /// blocks, without any pair (its obligations and screen are enough).
  static func analysisFormulation(_ s: Scenario, blocks: Bool) -> Formulation {
    guard blocks else { return Planner.formulate(s) }
    let none = Dictionary(
      uniqueKeysWithValues: s.classes.indices.filter { s.classes[$0].year == s.year }.map { ($0, 0) })
    return Formulation(scenario: s, year: s.year, options: .init(planHours: false, quotas: none))
  }

  /// The scenario of what is left to plan: pinned call-ups count as
  /// trainings already attended in the year (their days away, obligations
  /// met, duplicates), and take their seats: a class's capacity and
  /// minimum shrink by its pins, and a class with pins is already held.
  /// Closed classes take no one new.
  static func residualScenario(_ s: Scenario, pins: [Assignment], closed: Set<Int>) -> Scenario {
    var r = s
    var count = [Int: Int]()
    for p in pins {
      count[p.klass, default: 0] += 1
      r.history.append(HistoryRecord(cadre: s.cadres[p.cadre].id, attended: s.classes[p.klass]))
    }
    for (ki, n) in count {
      if let cap = r.classes[ki].capacity { r.classes[ki].capacity = max(0, cap - n) }
      r.classes[ki].minSize = max(1, r.classes[ki].minSize - n)
      r.classes[ki].fixedCost = 0
    }
    for ki in closed {
      r.classes[ki].capacity = 0
      r.classes[ki].minSize = 1
    }
    r.reindex()
    return r
  }
}
