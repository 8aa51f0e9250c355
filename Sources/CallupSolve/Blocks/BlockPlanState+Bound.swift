import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import Modeling

/// Step 5, the bound of the whole problem, and the plan it ends with.
extension BlockPlanState {
  /// Step 5, first part: the bound in which every cadre decides alone
  /// (`CadreBound`), from the auction's prices: cheap, so many subgradient
  /// steps fit (`Tuning.Blocks.cadreBoundRounds`, ten times as many from
  /// the auction). It stops at `Tuning.Blocks.cadreBoundShare` of the limit
  /// from now (at least `minimumCadreBoundSeconds`), or, when no blocks'
  /// priced LPs follow (a plan from the auction), at `boundEnd`; or when
  /// the plan is stopped.
  ///
  /// Reads `screened`, `seatCosts` (then dropped, and `screened` with
  /// `ranked` too when the plan starts from the auction), `auctionPrices`,
  /// `objective`, `exchange`; writes `bound` (nil: no step fitted) and
  /// `prices`, the best prices of the year's classes.
  mutating func boundByCadres() {
    let cadreStart = budget.elapsed
    let cadreBound = CadreBound(scenario, whole: whole, screened: screened, seatCosts: seatCosts, threads: threads)
    seatCosts = []
    // From the auction no block LP is priced after this: nothing reads the lists again.
    if fromAuction { (screened, ranked) = ([], []) }
    let cadreBuilt = budget.elapsed
    // Blocks too short of time for their plans are for their priced LPs
    // too: then the bound of cadres deciding alone takes all the time left.
    let end = budget.until(Tuning.Blocks.boundEnd)
    let stage =
      fromAuction
      ? end
      : end.atMost(max(Tuning.Blocks.minimumCadreBoundSeconds, budget.seconds(of: Tuning.Blocks.cadreBoundShare)))
    let shouldStop = options.shouldStop
    let (clock, step) = (budget.clock, Tuning.Work.perChooserStep * Double(cadreBound.choosers.count))
    let relaxed = cadreBound.maximize(
      start: auctionPrices, target: objective ?? 0,
      rounds: fromAuction ? Tuning.Blocks.cadreBoundRoundsFromAuction : Tuning.Blocks.cadreBoundRounds,
      threads: threads,
      more: {
        clock.charge(step)
        return !stage.isSpent && shouldStop?() != true
      })
    if relaxed.rounds == 0 {
      note("bound of cadres deciding alone: no time left", incumbent: objective)
    } else {
      note(
        String(
          format:
            "bound of cadres deciding alone: %.1f after %d steps from %.1f (%d choosers, built in %.1fs, %.2fs a step)",
          relaxed.bound, relaxed.rounds, relaxed.first, cadreBound.choosers.count, cadreBuilt - cadreStart,
          (budget.elapsed - cadreBuilt) / Double(max(1, relaxed.rounds))),
        incumbent: objective, bound: relaxed.bound)
    }
    if relaxed.rounds > 0, let objective, let exchange {
      let parts = cadreBound.gapParts(
        prices: relaxed.prices, plan: calendar.classesByCadre, isCallup: { !exchange.isHours($0, $1) })
      note(
        String(
          format:
            "gap at the bound's prices: %.0f classes held beyond their prices' worth, %.0f classes worth holding not held, %.0f priced seats left empty, %.0f the cadres' choices",
          parts.heldBeyond, parts.notHeld, parts.empty,
          objective - relaxed.bound - parts.heldBeyond - parts.notHeld - parts.empty))
    }
    bound = relaxed.rounds > 0 ? max(0, relaxed.bound) : nil
    for ki in classes { prices[ki] = relaxed.prices[ki] }
  }

  /// Step 5, second part, unless the plan starts from the auction: passes
  /// of every block's LP with each class priced at `prices` instead of
  /// capacitated (`pricedPass`), each class's term maximized over its
  /// multiplier, with a subgradient step on the prices between passes
  /// (`stepPrices`, its factor halved after `Tuning.Blocks.boundPatience`
  /// passes without a better bound). The best bound is kept. It stops
  /// after `Tuning.Blocks.boundRounds` passes, when a pass as long as the
  /// last one would end past `boundEnd` (the first is guessed from the
  /// blocks' pass: a pass takes from a third of the blocks' plans, a tenth
  /// of a province, to twice that, a province, where the blocks' plans are
  /// cut short), when a pass is cut short by `boundEnd`, when no step is
  /// left, or when the plan is stopped.
  ///
  /// Reads `blocks`, `screened`, `objective`, `blockSeconds`; writes
  /// `bound`, `prices`, `boundPasses`.
  mutating func boundByBlockLPs() {
    guard !fromAuction else { return }
    let end = budget.until(Tuning.Blocks.boundEnd)
    let shouldStop = options.shouldStop
    let stopPricing: @Sendable () -> Bool = { end.isSpent || shouldStop?() == true }
    var lastPass = blockSeconds
    var factor = StepFactor()
    while boundPasses < Tuning.Blocks.boundRounds, options.shouldStop?() != true {
      let pass = budget.until(Tuning.Blocks.boundEnd)
      if pass.hasLess(thanSeconds: lastPass) { break }
      let label = boundPasses + 1
      let priced = pricedPass(pass, label: label, stop: stopPricing)
      lastPass = pass.elapsed
      guard let priced else { break }
      let b = max(0, priced.total)
      let improved = bound.map { b > $0 + 1e-9 } ?? true
      if improved { bound = b }
      factor.record(improved: improved)
      note(String(format: "bound %d: %.1f", label, priced.total), incumbent: objective, bound: bound)
      guard stepPrices(total: priced.total, usage: priced.usage, factor: factor.value) else { break }
      boundPasses += 1
    }
  }

  /// One pass of priced block LPs (`DecomposedPlanner.priceBlock`) in
  /// parallel within `stage`: the bound at `prices`, the blocks' parts
  /// plus each class's term over its multiplier (`sharedTerm`), and the
  /// seats the priced LPs take per class. Nil when a block was cut short
  /// (`stop`).
  func pricedPass(
    _ stage: TimeBudget, label: Int, stop: @escaping @Sendable () -> Bool
  ) -> (total: Double, usage: [Int: Int])? {
    let (s, blocks, classPrices, lists, early) = (scenario, self.blocks, prices, screened, self.early)
    let priced = inParallel(
      stage, incumbent: objective,
      phase: { done, eta in String(format: "bound %d: block %d of %d priced, ETA %.0fs", label, done, blocks.count, eta)
      }
    ) { b, part in
      var options = part
      options.shouldStop = stop
      return stop()
        ? nil
        : DecomposedPlanner.priceBlock(
          s, units: blocks[b], prices: classPrices, block: b, screened: lists, early: early, options: options)
    }
    guard priced.allSatisfy({ $0 != nil }) else { return nil }
    var total = priced.reduce(0) { $0 + $1!.base }
    var values = [Int: [Float]]()
    for r in priced { for (k, list) in r!.foreign { values[k, default: []].append(contentsOf: list) } }
    var usage = [Int: Int]()
    for r in priced { for (k, n) in r!.usage { usage[k, default: 0] += n } }
    for ki in values.keys.sorted() {
      let k = s.classes[ki]
      // A larger coefficient than the model's only lowers the bound.
      let capacity = Double(k.capacity ?? DecomposedPlanner.unlimited)
      total += DecomposedPlanner.sharedTerm(values[ki]!.map(Double.init), fixedCost: k.fixedCost, capacity: capacity)
    }
    return (total, usage)
  }

  /// Projected subgradient step on the classes' prices (`factor` times
  /// Polyak's step towards the incumbent, aiming at a gap of at least
  /// `Tuning.Blocks.polyakFloor` of it): seats the priced LPs take beyond
  /// a class's capacity raise its price. False, prices unchanged, when
  /// there is no direction (the priced plan fits) or no incumbent.
  mutating func stepPrices(total: Double, usage: [Int: Int], factor: Double) -> Bool {
    var g = [Int: Double]()
    var norm = 0.0
    for ki in classes {
      let k = scenario.classes[ki]
      let capacity = Double(k.capacity ?? DecomposedPlanner.unlimited)
      let price = prices[ki] ?? 0
      let held = k.fixedCost - capacity * price < 0 ? 1.0 : 0.0
      let v = Double(usage[ki] ?? 0) - capacity * held
      g[ki] = v
      norm += v * v
    }
    guard norm > 0, let upper = objective else { return false }
    let t = factor * max(upper - total, Tuning.Blocks.polyakFloor * upper) / norm
    var next = prices
    for (ki, v) in g { next[ki] = max(0, (prices[ki] ?? 0) + t * v) }
    prices = next
    return true
  }

  /// The plan: feasible unless every block was optimal, the exchange
  /// changed nothing and the bound closes the gap to `options.mipGap`;
  /// analysed on the whole formulation (`PlanAnalyzer`).
  mutating func analyze() -> Plan {
    if let o = objective, let b = bound, SolveResult.relativeGap(objective: o, bound: b) > options.mipGap + 1e-9 {
      status = .feasible
    }
    if bound == nil { status = .feasible }
    note("bound of the whole problem", incumbent: objective, bound: bound)
    let held = Set(classes.filter { calendar.attendees[$0] > 0 })
    let analyzer = PlanAnalyzer(formulation: whole, assignments: calendar.assignments, held: held)
    var plan = analyzer.analyze(
      status: status, objective: objective, bound: bound, seconds: budget.elapsed, stats: stats, lpMet: lpMet, log: log,
      notPlanned: Planner.rulesNotPlanned(scenario))
    plan.callUp = callUpPart()
    note("plan analysed: \(plan.unmet.count) unmet obligations and their reasons, the key figures")
    plan.log = log
    return plan
  }

  /// The plan without the hours seats the exchange left (those the blocks'
  /// hours stages added and no call-up took over): their number and the
  /// objective without them. Nil when there are none.
  func callUpPart() -> CallUpPart? {
    guard objective != nil else { return nil }
    let n = scenario.classes.count
    let hours = exchange?.hoursSeatKeys ?? Set(hoursSeats.map { $0.cadre * n + $0.klass })
    let all = calendar.assignments
    let callup = all.filter { !hours.contains($0.cadre * n + $0.klass) }
    guard callup.count < all.count else { return nil }
    return CallUpPart(objective: PlanObjective(whole).value(callup), hoursSeats: all.count - callup.count)
  }
}

/// The step factor of the subgradient method between passes of priced
/// block LPs: `Tuning.Blocks.firstStep` of Polyak's step, halved after
/// `Tuning.Blocks.boundPatience` passes in a row without a better bound.
struct StepFactor {
  private(set) var value = Tuning.Blocks.firstStep
  private var stalled = 0

  mutating func record(improved: Bool) {
    if improved {
      stalled = 0
      return
    }
    stalled += 1
    if stalled >= Tuning.Blocks.boundPatience {
      value /= 2
      stalled = 0
    }
  }
}

extension DecomposedPlanner {
  /// `max over δ ≥ 0 of Σ min(0, e + δ) + min(0, fixedCost − capacity·δ)`:
  /// a shared class's part of the bound, its capacity row relaxed with
  /// multiplier δ (its minimum-size row with 0). Concave and piecewise
  /// linear: the maximum is at 0 or a breakpoint.
  public static func sharedTerm(_ reduced: [Double], fixedCost: Double, capacity: Double) -> Double {
    let negative = reduced.filter { $0 < 0 }.sorted()
    var prefix = [0.0]
    for e in negative { prefix.append(prefix.last! + e) }
    func g(_ delta: Double) -> Double {
      // Pairs with e < −δ.
      var lo = 0, hi = negative.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if negative[mid] < -delta { lo = mid + 1 } else { hi = mid }
      }
      return prefix[lo] + Double(lo) * delta + min(0, fixedCost - capacity * delta)
    }
    var best = g(0)
    for e in negative { best = max(best, g(-e)) }
    if capacity > 0 { best = max(best, g(max(0, fixedCost / capacity))) }
    return best
  }

  /// A block's part of the whole bound: its LP with every class priced at
  /// `prices` instead of held to its capacity and minimum, then every pair
  /// of its cadres priced with that LP's duals. The LP's certificate counts
  /// the pairs of its model and those left out; the pairs move to their
  /// classes' own terms (`sharedTerm`), which hold the classes' capacity
  /// and fixed cost for the whole problem.
  static func priceBlock(
    _ s: Scenario, units: [Int], prices: [Int: Double], block: Int, screened: [[Int32]], early: [Int: Set<Int>],
    options: SolveOptions
  ) -> (base: Double, foreign: [Int: [Float]], usage: [Int: Int])? {
    let (sub, cadres) = BlockPartition.scenario(of: units, in: s)
    var quotas = [Int: Int]()
    for ki in sub.classes.indices where sub.classes[ki].year == s.year { quotas[ki] = unlimited }
    let limit = Planner.pairLimit(cadres: sub.cadres.count)
    var settings = Formulation.Options(
      pairLimit: limit, planHours: false, early: BlockPartition.local(early, cadres: cadres), quotas: quotas,
      seatPrices: prices, eligible: EligibleLists(cadres.map { screened[$0] }))
    // Targets tie blocks together and only add to the objective: the bound leaves them out.
    settings.planTargets = false
    let f = Formulation(scenario: sub, year: s.year, options: settings)
    var lpOptions = options
    lpOptions.boundOnly = true
    guard let solved = try? PlanSolver.solve(f, options: lpOptions), let certificate = solved.certificate else {
      return nil
    }
    let fc = certificate.formulation
    let pricer = Pricing.Pricer(fc, rowDuals: certificate.rowDuals)
    let pairs = EligiblePairs(fc)
    var base = certificate.value
    for (ki, q) in quotas where q > 0 { base -= pricer.classDuals(ki).capacity * Double(q) }
    var foreign = [Int: [Float]]()
    var usage = [Int: Int]()
    for ci in fc.scenario.cadres.indices {
      for ki in pairs.classes(cadre: ci, everywhere: true) {
        let d = pricer.reducedCost(cadre: ci, klass: ki)
        base -= min(0, d)
        if d < -1e-9 { usage[ki, default: 0] += 1 }  // a seat the priced LP takes
        let e = pricer.reducedCost(cadre: ci, klass: ki, classRows: false) - (prices[ki] ?? 0)
        // Only pairs that could lower the bound.
        if e < 0 { foreign[ki, default: []].append(Float(e)) }
      }
    }
    return (base, foreign, usage)
  }
}
