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
  public var gap: Double? {
    guard let incumbent, let bound else { return nil }
    return abs(incumbent - bound) / max(1, abs(incumbent))
  }
}

/// Limits and hooks of one solve.
public struct SolveOptions: Sendable {
  public var timeLimit: Double
  public var mipGap: Double
  public var progress: (@Sendable (PlanProgress) -> Void)?
  public var shouldStop: (@Sendable () -> Bool)?
  /// Stop after the bounding LP (no plan): for its bound and certificate.
  public var boundOnly = false

  public init(
    timeLimit: Double, mipGap: Double, progress: (@Sendable (PlanProgress) -> Void)? = nil,
    shouldStop: (@Sendable () -> Bool)? = nil
  ) {
    self.timeLimit = timeLimit
    self.mipGap = mipGap
    self.progress = progress
    self.shouldStop = shouldStop
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

  public var gap: Double? {
    guard let objective, let bound else { return nil }
    return abs(objective - bound) / max(1, abs(objective))
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
/// no first solution on these models):
///
/// 1. the LP relaxation of the whole model gives the bound;
/// 2. hold a class when the LP holds it at least halfway or fills half its
///    minimum; fix the holds and re-solve (dual simplex, warm start),
///    closing the worst-filled class while that LP is infeasible;
/// 3. round the seats down, bring held classes to their minimum or close
///    them, and add seats while one is worth more than it costs — a plan
///    that obeys every hard rule;
/// 4. GLPK's branch-and-bound from that plan (its incumbent): over the
///    whole model when it is small, else over the binaries on which the
///    plan and the LP disagree (a relaxation induced neighbourhood);
/// 5. a last greedy pass, and the exact objective of the plan.
public enum PlanSolver {
  /// Most classes whose holding is tried the other way in the hold search.
  public static let holdSearchToggles = 30
  /// The dive fixes 1/this of the fractional seats per round.
  public static let diveBatchDivisor = 10
  /// Most LP re-solves in the dive.
  public static let diveRounds = 100
  /// The dive's LP with at most this many seats fractional is the
  /// reference of the neighbourhood search.
  public static let diveReferenceFractional = 60
  /// Most pricing rounds of column generation on a restricted model.
  public static let columnRounds = 12
  /// Most pairs added per cadre and pricing round.
  public static let columnsPerCadre = 10
  /// Most free binaries in the neighbourhood search's MIP.
  public static let neighbourhoodLimit = 6000
  /// Seconds left below which the neighbourhood search is not tried.
  public static let neighbourhoodMinimumSeconds = 3.0
  /// Most seconds of one class neighbourhood's search.
  public static let neighbourhoodSeconds = 6.0

  public static func solve(_ initial: Formulation, options: SolveOptions) throws -> SolvedPlan {
    let clock = ContinuousClock()
    let start = clock.now
    func elapsed() -> Double {
      return (clock.now - start).inSeconds
    }
    func remaining() -> Double { max(0, options.timeLimit - elapsed()) }
    var log: [String] = []
    func note(_ phase: String, _ objective: Double?, bound: Double?) {
      let o = objective.map { String(format: "%.1f", $0) } ?? "-"
      log.append(String(format: "%-28@ %7.2fs  objective %@", phase as NSString, elapsed(), o))
      options.progress?(PlanProgress(phase: phase, incumbent: objective, bound: bound, elapsed: elapsed()))
    }

    // 1. The LP relaxation and its bound. A restricted model (a pair limit)
    //    is priced with the LP's duals and grown until no left-out pair
    //    would improve it (column generation); its bound is then the whole
    //    model's LP bound, and before that a Lagrangian bound.
    var f = initial
    var solver: GLPKSolver
    var previous: GLPKSolver? = nil
    var bound: Double? = nil
    var lpValues: [Double] = []
    var columnRounds = 0
    var certificate: DualCertificate? = nil
    func offer(_ value: Double, _ duals: [Double], _ f: Formulation) {
      if certificate.map({ value > $0.value }) ?? true {
        certificate = DualCertificate(formulation: f, value: value, rowDuals: duals)
      }
    }
    while true {
      if f.model.variableCount == 0 {
        let objective = f.model.objectiveValue([])
        note("empty model", objective, bound: objective)
        return SolvedPlan(
          formulation: f, seats: [], held: [], status: .optimal, objective: objective, bound: objective,
          lpMet: 0, seconds: elapsed(), stats: statistics(f), log: log,
          certificate: DualCertificate(formulation: f, value: objective, rowDuals: []))
      }
      solver = try GLPKSolver(model: f.model)
      if let previous { try solver.warmStart(from: previous) }
      let restricted = f.options.pairLimit != nil
      // Column rounds solve the plain LP; the cuts come once the columns are in.
      let relaxed = try relax(f, solver: solver, budget: 0.45 * remaining(), cuts: !restricted)
      lpValues = relaxed.values
      guard let z = relaxed.objective else {
        note(
          relaxed.status == "feasible" || relaxed.status == "noSolution"
            ? "LP relaxation stopped at its time limit: no bound, greedy plan" : "LP relaxation: \(relaxed.status)",
          nil, bound: nil)
        break
      }
      if f.options.pairLimit == nil {
        bound = z
        offer(z, relaxed.duals, f)
        note(relaxed.cuts > 0 ? "LP with \(relaxed.cuts) cuts x ≤ y" : "LP relaxation", nil, bound: z)
        break
      }
      let priced = Pricing.price(f, rowDuals: relaxed.duals, perCadre: PlanSolver.columnsPerCadre)
      // Every plan's objective is a sum of values and costs, never below 0.
      bound = max(bound ?? 0, z + priced.lagrangianTerm, 0)
      offer(z + priced.lagrangianTerm, relaxed.duals, f)
      columnRounds += 1
      note(
        String(format: "LP %.1f on %d pairs, %d price out", z, f.candidates.count, priced.improving.count), nil,
        bound: bound)
      let last =
        priced.improving.isEmpty || columnRounds >= PlanSolver.columnRounds
        || remaining() < 0.55 * options.timeLimit || options.shouldStop?() == true
      if last {
        // Cuts on the final columns, and the bound priced again with their duals.
        let cut = try addCuts(f, solver: solver, from: relaxed, budget: max(1, 0.1 * remaining()))
        if let zc = cut.objective {
          lpValues = cut.values
          let again = Pricing.price(f, rowDuals: cut.duals, perCadre: 0)
          bound = max(bound ?? -Double.infinity, zc + again.lagrangianTerm)
          offer(zc + again.lagrangianTerm, cut.duals, f)
          note(String(format: "LP %.1f with %d cuts x ≤ y", zc, cut.cuts), nil, bound: bound)
        }
        break
      }
      var extra = f.options.extraPairs
      for p in priced.improving { extra.insert(f.pairKey(cadre: p.cadre, klass: p.klass)) }
      for c in f.candidates { extra.insert(f.pairKey(cadre: c.cadre, klass: c.klass)) }
      previous = solver
      f = Formulation(scenario: f.scenario, year: f.year, options: f.options.with(extraPairs: extra))
    }
    if options.boundOnly {
      note("bound only", nil, bound: bound)
      return SolvedPlan(
        formulation: f, seats: [], held: [], status: .noSolution, objective: nil, bound: bound, lpMet: nil,
        seconds: elapsed(), stats: statistics(f), log: log, certificate: certificate)
    }
    let model = f.model
    let stats = statistics(f)
    let greedy = GreedyImprover(formulation: f)
    var state = IntegerPlanState(formulation: f)

    // Obligations the relaxation meets (fractionally): no plan of the
    // bounding LP's trade-off meets more.
    var lpMet: Double? = nil
    if !lpValues.isEmpty {
      var total = 0.0
      for o in f.book.obligations where !o.early {
        let rule = f.scenario.policy.cycleRules[o.rule]
        var sum = 0.0
        for p in f.candidatesByCadre[o.cadre] {
          let k = f.scenario.classes[f.candidates[p].klass]
          if rule.counts(kind: k.kind, days: k.days) { sum += lpValues[f.candidates[p].variable.index] }
        }
        total += min(1, sum)
      }
      lpMet = total
    }

    // 2. Hold decisions, then a local search over them on the LP.
    var fixedValues: [Double] = []
    /// The dive's LP when few seats were left fractional: the reference of
    /// the neighbourhood search.
    var diveValues: [Double] = []
    var fixedObjective = Double.infinity
    var fixedReduced: [Double] = []
    if !lpValues.isEmpty {
      var hold = [Int: Bool]()
      var fill = [Int: Double]()
      var yValue = [Int: Double]()
      for k in f.classesInYear {
        guard let y = f.holdVariable[k] else { continue }
        let s = f.candidatesByClass[k].reduce(0.0) { $0 + lpValues[f.candidates[$1].variable.index] }
        fill[k] = s / Double(max(1, f.scenario.classes[k].minSize))
        yValue[k] = lpValues[y.index]
        hold[k] = lpValues[y.index] >= 0.5 || s >= 0.5 * Double(f.scenario.classes[k].minSize)
      }
      func setHolds(_ h: [Int: Bool]) throws {
        for (k, on) in h { try solver.setBounds(f.holdVariable[k]!, lower: on ? 1 : 0, upper: on ? 1 : 0) }
      }
      func lpLimit() -> Double { max(1, min(0.2 * options.timeLimit, remaining() * 0.5)) }
      for round in 0..<12 {
        try setHolds(hold)
        let fixed = solver.solveLP(timeLimit: lpLimit(), method: .dual)
        if fixed.status == .optimal, let o = fixed.objective {
          fixedValues = fixed.values
          fixedReduced = fixed.reducedCosts ?? []
          fixedObjective = o
          note("LP with holds fixed (\(round + 1))", o, bound: bound)
          break
        }
        // Infeasible: close the held class the LP filled worst.
        guard let worst = hold.filter({ $0.value }).min(by: { (fill[$0.key]!, $0.key) < (fill[$1.key]!, $1.key) })
        else { break }
        hold[worst.key] = false
        if remaining() < 1 { break }
      }
      // Toggle one class at a time while it pays. The LP's reduced cost of
      // y[k] predicts the change: open a closed class whose reduced cost is
      // negative, close a held one whose reduced cost is positive. At most
      // a fixed number of tries, so the same inputs give the same plan;
      // only the time limit itself cuts the search short.
      if !fixedValues.isEmpty {
        var tried = Set<Int>(), improved = 0
        while tried.count < PlanSolver.holdSearchToggles {
          if remaining() < 0.5 * options.timeLimit || options.shouldStop?() == true { break }
          var bestK: Int? = nil
          var bestGain = 1e-6
          for (k, on) in hold where !tried.contains(k) && !fixedReduced.isEmpty {
            let d = fixedReduced[f.holdVariable[k]!.index]
            let gain = on ? d : -d
            if gain > bestGain || (gain == bestGain && bestK.map { k < $0 } == true) {
              bestGain = gain
              bestK = k
            }
          }
          guard let k = bestK else { break }
          tried.insert(k)
          let was = hold[k]!
          try solver.setBounds(f.holdVariable[k]!, lower: was ? 0 : 1, upper: was ? 0 : 1)
          let r = solver.solveLP(timeLimit: lpLimit(), method: .dual)
          if r.status == .optimal, let o = r.objective, o < fixedObjective - 1e-6 {
            hold[k] = !was
            fixedObjective = o
            fixedValues = r.values
            fixedReduced = r.reducedCosts ?? fixedReduced
            improved += 1
          } else {
            try solver.setBounds(f.holdVariable[k]!, lower: was ? 1 : 0, upper: was ? 1 : 0)
          }
        }
        if !tried.isEmpty {
          // Back to the best holds' basis for the dive.
          let r = solver.solveLP(timeLimit: lpLimit(), method: .dual)
          if r.status == .optimal, let o = r.objective {
            fixedValues = r.values
            fixedReduced = r.reducedCosts ?? fixedReduced
            fixedObjective = o
          }
          note("hold search: \(improved) of \(tried.count) changes kept", fixedObjective, bound: bound)
        }
      }
      for (k, h) in hold { state.setHeld(k, h) }
    } else {
      // No LP in time: hold every class that can be filled.
      for k in f.classesInYear where f.holdVariable[k] != nil { state.setHeld(k, true) }
    }

    // 3. Dive: fix the seats the LP takes, then the most-taken fractional
    //    ones, re-solving until the LP is integral.
    if !fixedValues.isEmpty {
      var values = fixedValues
      var fixedOne = Set<Int>()
      var lastRound: Double? = nil
      for round in 0..<PlanSolver.diveRounds {
        if remaining() < 0.15 * options.timeLimit || options.shouldStop?() == true { break }
        var fractional: [(Int, Double)] = []
        for (p, c) in f.candidates.enumerated() where !fixedOne.contains(p) && state.held[c.klass] {
          let v = values[c.variable.index]
          if v >= 0.999 {
            if state.canShift(c.variable, by: 1, ignoringLowerBounds: true) {
              state.setSeat(p, true)
              fixedOne.insert(p)
              try solver.setBounds(c.variable, lower: 1, upper: 1)
            }
          } else if v > 1e-3 {
            fractional.append((p, v))
          }
        }
        if fractional.isEmpty { break }
        fractional.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        // A tenth of the fractional seats a round; more when the rounds
        // left before the time limit would not finish the dive (only then
        // does the clock change the plan).
        var batch = max(1, fractional.count / PlanSolver.diveBatchDivisor)
        if let last = lastRound, last > 0 {
          let affordable = max(1, Int((remaining() - 0.12 * options.timeLimit) / last))
          if affordable < 3 * PlanSolver.diveBatchDivisor { batch = max(batch, fractional.count / affordable) }
        }
        let roundStart = elapsed()
        defer { lastRound = elapsed() - roundStart }
        var chosen: [Int] = []
        for (p, _) in fractional where chosen.count < batch {
          let v = f.candidates[p].variable
          if state.canShift(v, by: 1, ignoringLowerBounds: true) {
            state.setSeat(p, true)
            chosen.append(p)
            try solver.setBounds(v, lower: 1, upper: 1)
          } else {
            try solver.setBounds(v, lower: 0, upper: 0)
          }
        }
        var r = solver.solveLP(timeLimit: max(1, remaining() * 0.3), method: .dual)
        if r.status != .optimal, chosen.count > 1 {
          // Too much at once: keep only the first choice.
          for p in chosen.dropFirst() {
            state.setSeat(p, false)
            try solver.setBounds(f.candidates[p].variable, lower: 0, upper: 1)
          }
          chosen = Array(chosen.prefix(1))
          r = solver.solveLP(timeLimit: max(1, remaining() * 0.3), method: .dual)
        }
        if r.status != .optimal {
          for p in chosen {
            state.setSeat(p, false)
            try solver.setBounds(f.candidates[p].variable, lower: 0, upper: 0)
          }
          r = solver.solveLP(timeLimit: max(1, remaining() * 0.3), method: .dual)
          if r.status != .optimal { break }
        }
        for p in chosen { fixedOne.insert(p) }
        values = r.values
        if diveValues.isEmpty, fractional.count <= PlanSolver.diveReferenceFractional { diveValues = r.values }
        if round % 5 == 4 { note("dive round \(round + 1)", r.objective, bound: bound) }
      }
      // Seats the last LP takes in full.
      for (p, c) in f.candidates.enumerated() where !state.seat[p] && state.held[c.klass] {
        if values[c.variable.index] >= 0.999, state.canShift(c.variable, by: 1, ignoringLowerBounds: true) {
          state.setSeat(p, true)
        }
      }
    }
    greedy.repairMinimums(&state)
    greedy.fill(&state)
    var best = state
    var bestObjective = objective(of: best, greedy: greedy)
    note("dived and repaired", bestObjective, bound: bound)

    // 4. GLPK's branch-and-bound from the incumbent. Small models: over the
    //    whole model, which can prove optimality and raise the bound. Larger
    //    ones: over the neighbourhood of the incumbent (relaxation induced
    //    neighbourhood search) — binaries on which the incumbent and the
    //    bounding LP agree stay fixed, the rest are searched; its bound holds
    //    only for that neighbourhood, so it never changes the plan's bound.
    let wholeMIPLimit = 4000
    func takeMIP(_ mip: SolveResult) {
      guard !mip.values.isEmpty else { return }
      var candidate = IntegerPlanState(formulation: f)
      for k in f.classesInYear {
        if let y = f.holdVariable[k], mip.values[y.index] >= 0.5 { candidate.setHeld(k, true) }
      }
      for (p, c) in f.candidates.enumerated() where mip.values[c.variable.index] >= 0.5 { candidate.setSeat(p, true) }
      greedy.fill(&candidate)
      let o = objective(of: candidate, greedy: greedy)
      if candidate.brokenRows().isEmpty, o < bestObjective - 1e-6 {
        best = candidate
        bestObjective = o
      }
    }
    func mipProgress(_ phase: String) -> @Sendable (SolveProgress) -> Void {
      let offset = elapsed()
      let lpBound = bound
      return { p in
        options.progress?(
          PlanProgress(phase: phase, incumbent: p.incumbent, bound: lpBound, elapsed: offset + p.elapsed))
      }
    }
    /// Fixes the binaries for which `fixed` says so at the incumbent's
    /// values and frees every other variable; returns how many binaries
    /// are free.
    func fixAtIncumbent(_ incumbent: [Double], where fixed: (Int) -> Bool) throws -> Int {
      var free = 0
      for v in 0..<model.variableCount {
        let variable = Variable(index: v)
        let integral = model.kind(of: variable) != .continuous
        if integral, fixed(v) {
          try solver.setBounds(variable, lower: incumbent[v], upper: incumbent[v])
        } else {
          try solver.setBounds(variable, lower: model.lower(of: variable), upper: model.upper(of: variable))
          if integral { free += 1 }
        }
      }
      return free
    }
    /// GLPK's branch-and-bound for the time left over the binaries on which
    /// the incumbent and `reference` disagree, the others fixed (a
    /// relaxation induced neighbourhood), noted as `phase`. Not searched
    /// when more than `neighbourhoodLimit` or none are free.
    func searchAround(_ reference: [Double], phase: String) throws -> (free: Int, searched: Bool) {
      let incumbent = completeVector(best, greedy: greedy)
      let free = try fixAtIncumbent(incumbent) { abs(reference[$0] - incumbent[$0]) < 1e-6 }
      guard free > 0, free <= PlanSolver.neighbourhoodLimit else { return (free, false) }
      let before = bestObjective
      let mip = solver.solveMIP(
        timeLimit: max(1, remaining() - 1), relativeGap: options.mipGap / 4, incumbent: incumbent,
        progress: mipProgress(phase), shouldStop: options.shouldStop)
      takeMIP(mip)
      note(
        String(format: "%@: %d binaries free, %.1f better", phase as NSString, free, before - bestObjective),
        bestObjective, bound: bound)
      return (free, true)
    }
    if stats.binaries <= wholeMIPLimit, remaining() > 1, options.shouldStop?() != true {
      for v in 0..<model.variableCount {
        let variable = Variable(index: v)
        try solver.setBounds(variable, lower: model.lower(of: variable), upper: model.upper(of: variable))
      }
      let incumbent = completeVector(best, greedy: greedy)
      let mip = solver.solveMIP(
        timeLimit: max(1, remaining() - 0.5), relativeGap: options.mipGap / 4, incumbent: incumbent,
        progress: mipProgress("branch and bound"), shouldStop: options.shouldStop)
      takeMIP(mip)
      if let b = mip.bound, mip.status == .optimal || mip.status == .feasible, let lb = bound, b > lb {
        bound = min(b, bestObjective)
      }
      note("branch and bound", bestObjective, bound: bound)
    } else if !lpValues.isEmpty, remaining() > PlanSolver.neighbourhoodMinimumSeconds, options.shouldStop?() != true {
      // The binaries on which the incumbent and the reference LP agree stay
      // fixed: the dive's LP when few seats were left fractional in it
      // (city: 38 binaries free, against 671 with the LP with holds fixed,
      // which found nothing better), else the LP with holds fixed.
      let reference = !diveValues.isEmpty ? diveValues : fixedValues.isEmpty ? lpValues : fixedValues
      let search = try searchAround(reference, phase: "neighbourhood search")
      if !search.searched { note("neighbourhood search skipped: \(search.free) binaries free", bestObjective, bound: bound) }
    }

    // 4b. Neighbourhoods of classes (large neighbourhood search), while
    //     time is left: one class at a time, with every cadre who could
    //     attend it and every class those cadres could attend, searched by
    //     GLPK's branch-and-bound from the incumbent with the rest fixed.
    //     The classes in order of their reduced cost in the LP with holds
    //     fixed, the most promising first; each is searched until a round
    //     of all of them improves nothing.
    if stats.binaries > wholeMIPLimit, !lpValues.isEmpty, options.shouldStop?() != true {
      var isSeatOrHold = [Bool](repeating: false, count: model.variableCount)
      for c in f.candidates { isSeatOrHold[c.variable.index] = true }
      for y in f.holdVariable { if let y { isSeatOrHold[y.index] = true } }
      let order = neighbourhoodOrder(f, reduced: fixedReduced)
      var searched = 0, improvedRounds = 0, sinceBetter = 0
      let before = bestObjective
      var i = 0
      while sinceBetter < order.count, remaining() > PlanSolver.neighbourhoodMinimumSeconds, options.shouldStop?() != true {
        let k = order[i % order.count]
        i += 1
        let free = neighbourhood(f, klass: k)
        guard free.count <= PlanSolver.neighbourhoodLimit else {
          sinceBetter += 1
          continue
        }
        let incumbent = completeVector(best, greedy: greedy)
        _ = try fixAtIncumbent(incumbent) { isSeatOrHold[$0] && !free.contains($0) }
        let was = bestObjective
        let mip = solver.solveMIP(
          timeLimit: max(1, min(PlanSolver.neighbourhoodSeconds, remaining() - 1)), relativeGap: 0, incumbent: incumbent,
          progress: mipProgress("class neighbourhoods"), shouldStop: options.shouldStop)
        takeMIP(mip)
        searched += 1
        if bestObjective < was - 1e-6 {
          improvedRounds += 1
          sinceBetter = 0
        } else {
          sinceBetter += 1
        }
      }
      if searched > 0 {
        note(
          String(format: "class neighbourhoods: %d searched, %d better, %.1f better", searched, improvedRounds, before - bestObjective),
          bestObjective, bound: bound)
      }
      // A round of every class improved nothing and time is left: the
      // neighbourhood of the LP with holds fixed (the binaries on which the
      // plan and that LP disagree, wider than the dive's) takes the rest,
      // rather than leave it idle.
      if !fixedValues.isEmpty, !diveValues.isEmpty, remaining() > PlanSolver.neighbourhoodMinimumSeconds,
        options.shouldStop?() != true
      {
        _ = try searchAround(fixedValues, phase: "neighbourhood of the LP with holds fixed")
      }
    }

    // 5. Final checks.
    greedy.fill(&best)
    bestObjective = objective(of: best, greedy: greedy)
    let broken = model.violations(completeVector(best, greedy: greedy))
    if !broken.isEmpty {
      throw PlannerError.internalFailure(
        "the plan breaks \(broken.count) rows of its own model, e.g. \(broken.prefix(3).map { "\($0)" }.joined(separator: "; "))")
    }
    note("final", bestObjective, bound: bound)
    var status: PlanStatus = .feasible
    if let bound, abs(bestObjective - bound) / max(1, abs(bestObjective)) <= options.mipGap { status = .optimal }
    return SolvedPlan(
      formulation: f, seats: f.candidates.indices.filter { best.seat[$0] },
      held: Set(f.classesInYear.filter { best.held[$0] && best.attendees($0) > 0 }),
      status: status, objective: bestObjective, bound: bound, lpMet: lpMet, seconds: elapsed(), stats: stats, log: log,
      certificate: certificate)
  }

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

  struct Relaxation {
    var status: String
    var objective: Double?
    var values: [Double]
    var duals: [Double]
    var cuts: Int
  }

  /// The LP of `f`, then cuts `x[c,k] ≤ y[k]` where the LP breaks them: the
  /// LP of the linked model, a tighter bound, at a fraction of its rows.
  static func relax(_ f: Formulation, solver: GLPKSolver, budget: Double, cuts: Bool = true) throws -> Relaxation {
    let clock = ContinuousClock()
    let start = clock.now
    func spent() -> Double {
      return (clock.now - start).inSeconds
    }
    let lp = solver.solveLP(timeLimit: max(1, budget), method: .primal)
    guard lp.status == .optimal, lp.objective != nil else {
      return Relaxation(status: lp.status.rawValue, objective: nil, values: [], duals: [], cuts: 0)
    }
    let result = Relaxation(
      status: "optimal", objective: lp.objective, values: lp.values, duals: lp.rowDuals ?? [], cuts: 0)
    guard cuts, !f.options.linkSeatsToHolds else { return result }
    return try addCuts(f, solver: solver, from: result, budget: max(1, budget - spent()))
  }

  /// Adds cuts `x[c,k] ≤ y[k]` the LP breaks, re-solving, until none is broken.
  static func addCuts(_ f: Formulation, solver: GLPKSolver, from start: Relaxation, budget: Double) throws -> Relaxation {
    let clock = ContinuousClock()
    let begin = clock.now
    func spent() -> Double {
      return (clock.now - begin).inSeconds
    }
    var result = start
    guard !f.options.linkSeatsToHolds, result.objective != nil else { return result }
    var linked = Set<Int>()
    for _ in 0..<60 {
      var rows: [(name: String, expression: LinearExpression, relation: Relation)] = []
      for (p, c) in f.candidates.enumerated() where !linked.contains(p) {
        guard let y = f.holdVariable[c.klass], result.values[c.variable.index] > result.values[y.index] + 1e-6
        else { continue }
        var e = LinearExpression(c.variable)
        e.add(-1, y)
        rows.append(("seat_in_held[\(f.scenario.cadres[c.cadre].id),\(f.scenario.classes[c.klass].id)]", e, .lessOrEqual(0)))
        linked.insert(p)
      }
      if rows.isEmpty || spent() > budget { break }
      try solver.addConstraints(rows)
      let r = solver.solveLP(timeLimit: max(1, budget - spent()), method: .dual)
      guard r.status == .optimal, let o = r.objective else { break }
      result = Relaxation(status: "optimal", objective: o, values: r.values, duals: r.rowDuals ?? [], cuts: linked.count)
    }
    return result
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
