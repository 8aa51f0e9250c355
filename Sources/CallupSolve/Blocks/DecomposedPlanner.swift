import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import Modeling

/// Plans a scenario too large for one model block by block (分级): units
/// are grouped along the hierarchy (`BlockPartition`), every block is
/// planned by the annual planner on both cores, and the blocks meet only in
/// the classes.
///
/// 1. **Quotas (名额分配).** The due obligations, most valuable first, and
///    then the people units still have to send, each take a seat in their
///    best class that still has one (an estimate; equal classes in an order
///    of each block's own, so that a block's people fill the same classes).
///    Classes the estimate fills below their minimum are left out and the
///    estimate made again. A class (nearly) all of whose seats go to one
///    block belongs to that block, which decides whether to hold it. The
///    seats of any other class are split into quotas, and its minimum into
///    parts in proportion to the estimate: such a shared class is held
///    outside the blocks, and each block pays for every seat it leaves
///    short of its part (`Formulation.Options.quotaMinimums`).
/// 2. **Blocks** are planned in parallel, the largest first, each with its
///    share of the time left (call-up, then hours). When a large
///    scenario's blocks would get less than `minimumBlockSeconds` each (a
///    province in a few minutes), no block is planned: the seats an auction
///    of the due obligations gives them (`SeatAuction`, most valuable
///    first; each bidder bids only where its cadre's own classes and its
///    unit's release limit let it in) are the start of the repair and the
///    exchange, and the bound of cadres deciding alone takes the time the
///    blocks' LPs would have.
/// 3. **Repair.** Every seat is checked once more per person against the
///    seats before it (`PlanCalendar`: call-up seats, then top-ups, then
///    hours seats; a seat that clashes is dropped). A shared class that the
///    blocks filled below its minimum is topped up with cadres of any block
///    who can attend it as well; a class still below its minimum closes and
///    its seats are dropped (dropping a seat never breaks a hard rule).
/// 4. **Exchange across blocks** (`SeatExchange`): cadres with something
///    unmet, most valuable first, take a free seat, a seat freed by a chain
///    of moves, or the seat of a less valuable attendee. The plan's
///    objective is then counted over the whole plan, as the whole model
///    counts it. A later year of a rotation plan then holds the kinds no
///    rule asks for to their ceilings (`SeatExchange.holdLoad`) and brings
///    them up to their floors with cadres short of their hours pace
///    (`SeatExchange.fillLoad`).
/// 5. **Bound.** A Lagrangian bound of the whole problem, not a sum of
///    restricted block bounds, with the class capacities priced. First
///    every cadre decides alone (`CadreBound`), from the prices of an
///    auction of the due obligations for the seats (`SeatAuction`), with
///    many subgradient steps. Then, while time remains, every block's LP is
///    solved again with each class priced at the best prices instead of
///    capacitated; that LP's duals price every pair of the block's cadres
///    (`Pricing.Pricer`), and each class's term is maximized over its
///    multiplier (`sharedTerm`), with subgradient steps between the passes.
///    The best bound is kept.
public enum DecomposedPlanner {
  /// Above this many cadres `callup plan` decomposes.
  public static let decomposeAbove = 40_000
  /// Most weight per block: cadres with a due obligation or unit share
  /// count 1, others (hours only) 0.05.
  public static let blockTarget = 4_000.0
  /// A class whose top block brings at least this share of the demand
  /// belongs to that block. A class shared with parts of its minimum opens
  /// about as reliably, and leaves every block its seats, so only classes
  /// (nearly) wholly demanded by one block are owned.
  public static let ownerShare = 0.99
  /// Share of the time limit the blocks' plans may take; the bound's LPs
  /// take the time up to `1 − reserveShare / 2`, the rest is for repair and
  /// analysis.
  public static let blockShare = 0.4
  public static let reserveShare = 0.1
  /// The exchange across blocks stops at this share of the time limit.
  static let exchangeShare = 0.75
  /// Most rounds of the bound's block LPs (each after a subgradient step
  /// on the classes' prices).
  public static let boundRounds = 20
  /// Most subgradient steps of the bound of cadres deciding alone, and the
  /// share of the time limit they may take (at least 5 s).
  static let cadreBoundRounds = 300
  static let cadreBoundShare = 0.2
  /// The auction's bid increment, as a share of an obligation's value.
  static let auctionStep = 0.05
  /// First step of the subgradient method (a share of Polyak's step): the
  /// auction's prices are close, large steps only lose bound.
  static let firstStep = 0.1

  /// True when the scenario is too large for one model: every year of it
  /// is planned block by block.
  public static func applies(to s: Scenario) -> Bool { s.cadres.count > decomposeAbove }

  /// What one block's solve hands back.
  struct BlockResult: Sendable {
    /// Global cadre index and class index, call-up seats then hours seats.
    var callupSeats: [(cadre: Int, klass: Int)]
    var hoursSeats: [(cadre: Int, klass: Int)]
    /// Owned classes held.
    var held: [Int]
    /// The block's own objective (nil: no plan); the plan's objective is
    /// counted over the whole plan after the exchange.
    var objective: Double?
    var status: PlanStatus
    var lpMet: Double?
    var stats: ModelStats
    var log: [String]
  }

  /// Plans the scenario's first year block by block. `early`: per cycle
  /// rule index, cadres to train ahead of their cycle (a rotation plan's
  /// pull-forward, see `ObligationBook`), global cadre indices.
  public static func plan(
    _ s: Scenario, options: SolveOptions, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    blockTarget: Double = DecomposedPlanner.blockTarget, early: [Int: Set<Int>] = [:], startFromAuction: Bool? = nil,
    ceilings: [ClassKind: Int] = [:], floors: [ClassKind: Int] = [:]
  ) throws -> Plan {
    let clock = ContinuousClock()
    let start = clock.now
    func elapsed() -> Double {
      return (clock.now - start).inSeconds
    }
    var log: [String] = []
    func note(_ line: String, incumbent: Double? = nil, bound: Double? = nil) {
      log.append(String(format: "%-44@ %7.2fs", line as NSString, elapsed()))
      options.progress?(PlanProgress(phase: line, incumbent: incumbent, bound: bound, elapsed: elapsed()))
    }
    let year = s.year
    let classes = s.classes.indices.filter { s.classes[$0].year == year }
    let noClasses = Dictionary(uniqueKeysWithValues: classes.map { ($0, 0) })
    // The whole scenario without pairs: its obligations, screen and
    // eligible pairs (for demand) and, at the end, the analysis.
    let whole = Formulation(scenario: s, year: year, options: .init(planHours: false, early: early, quotas: noClasses))
    let eligible = EligiblePairs(whole)
    var weights = Array(repeating: 0.0, count: s.units.count)
    var plans = Array(repeating: false, count: s.cadres.count)
    for (ci, list) in whole.book.byCadre.enumerated() where !list.isEmpty { plans[ci] = true }
    for req in whole.book.unitRequirements where req.need > 0 { for m in req.members { plans[m] = true } }
    for (ci, c) in s.cadres.enumerated() {
      guard let u = s.unitIndex[c.unit] else { continue }
      weights[u] += plans[ci] ? 1 : 0.05
    }
    let partition = BlockPartition(scenario: s, weights: weights, target: blockTarget)
    let blocks = partition.blocks
    var blockOfUnit = Array(repeating: 0, count: s.units.count)
    for (b, us) in blocks.enumerated() { for u in us { blockOfUnit[u] = b } }
    note("\(blocks.count) blocks of units")

    // Blocks that would get too little time each for their LPs (a province
    // in a few minutes) are not planned: the auction's seats are the start.
    // The auction seats the due obligations only: a year with obligations
    // trained early (a rotation plan's) keeps its blocks, which plan those
    // with the rest (five years of a province from the auction: later
    // years' gaps 15–16 % instead of 10–12 %).
    let perBlock = options.timeLimit * blockShare * Double(threads) / Double(max(1, blocks.count))
    let fromAuction = startFromAuction ?? (applies(to: s) && perBlock < minimumBlockSeconds && early.isEmpty)

    // 1. Every cadre's useful classes and their seat costs; for the quotas
    //    also the classes in the order of their value to the cadre, and the
    //    useful pairs per class and block.
    let planned = plans
    let unitBlock = blockOfUnit
    let chunks = max(1, threads * 4)
    let classCount = s.classes.count
    let blockCount = blocks.count
    // Plain facts for the loops over every pair.
    let facts = KindBits(s)
    let costTable = SeatCostRule.Table(s)
    let parts: [(lists: [(cadre: Int, ranked: [Int32], ascending: [Int32], cost: [Float])], trace: [Double])] = WhatIf.parallelMap(
      count: chunks, threads: threads
    ) { chunk in
      var out: [(cadre: Int, ranked: [Int32], ascending: [Int32], cost: [Float])] = []
      var trace = Array(repeating: 0.0, count: fromAuction ? 0 : classCount * blockCount)
      var ci = chunk
      while ci < s.cadres.count {
        defer { ci += chunks }
        guard planned[ci], let u = s.unitIndex[s.cadres[ci].unit] else { continue }
        let b = unitBlock[u]
        let mine = eligible.classes(cadre: ci, everywhere: true)
        let costs = mine.map { Float(costTable.cost(cadre: ci, klass: $0)) }
        guard !fromAuction else {
          out.append((ci, [], mine.map { Int32($0) }, costs))
          continue
        }
        let owed = whole.book.byCadre[ci].map { (rule: whole.book.obligations[$0].rule, value: whole.book.obligations[$0].value) }
        var ranked: [(Int, Double, UInt64)] = []
        ranked.reserveCapacity(mine.count)
        for ki in mine {
          var v = -costTable.cost(cadre: ci, klass: ki)
          for o in owed where facts.counts(rule: o.rule, klass: ki) { v += o.value }
          // Equal classes in an order of the block's own: a block's cadres
          // fill the same classes, which then belong to it.
          ranked.append((ki, v, affinity(block: b, klass: ki)))
          trace[ki * blockCount + b] += 1
        }
        ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        out.append((ci, ranked.map { Int32($0.0) }, mine.map { Int32($0) }, costs))
      }
      return (out, trace)
    }
    var classesOf = Array(repeating: [Int32](), count: s.cadres.count)
    var screened = Array(repeating: [Int32](), count: s.cadres.count)
    var seatCosts = Array(repeating: [Float](), count: s.cadres.count)
    var traceTotal = Array(repeating: 0.0, count: fromAuction ? 0 : classCount * blockCount)
    for part in parts {
      for (ci, list, ascending, cost) in part.lists {
        classesOf[ci] = list
        screened[ci] = ascending
        seatCosts[ci] = cost
      }
      for (i, v) in part.trace.enumerated() where v != 0 { traceTotal[i] += v }
    }
    let dueObligations = whole.book.obligations.indices.filter { !whole.book.obligations[$0].early }
      .sorted { whole.book.obligations[$0].value != whole.book.obligations[$1].value ? whole.book.obligations[$0].value > whole.book.obligations[$1].value : $0 < $1 }
    let cadreBlock = s.cadres.map { c in s.unitIndex[c.unit].map { unitBlock[$0] } ?? -1 }

    // Seat prices that clear the market of the due obligations for seats
    // (an auction): the bound's first multipliers.
    var bidders: [[SeatAuction.Option]] = []
    bidders.reserveCapacity(dueObligations.count)
    for oi in dueObligations {
      let o = whole.book.obligations[oi]
      var options: [SeatAuction.Option] = []
      for (j, k32) in screened[o.cadre].enumerated() {
        let ki = Int(k32)
        guard facts.classYear[ki] == year, facts.counts(rule: o.rule, klass: ki) else { continue }
        let v = o.value - Double(seatCosts[o.cadre][j])
        if v > 0 { options.append(SeatAuction.Option(klass: k32, value: v)) }
      }
      bidders.append(options)
    }
    let epsilon = auctionStep * s.policy.objective.obligation
    let auction = SeatAuction.run(bidders: bidders, capacity: s.classes.map(\.capacity), epsilon: epsilon)
    note("seat prices: \(auction.prices.filter { $0 > 0 }.count) classes full at the auction's prices")
    var startSeats: [Int32?] = []
    if fromAuction {
      // Its seats are the plan's start: each bidder bids only where its
      // cadre's own classes and its unit's release limit let it in, given
      // the seats held at the time, so that the start keeps them.
      var taken = PlanCalendar(scenario: s, year: year, assignments: [])
      let cadreOf = dueObligations.map { whole.book.obligations[$0].cadre }
      startSeats = SeatAuction.run(
        bidders: bidders, capacity: s.classes.map(\.capacity), epsilon: epsilon,
        admits: { i, k in taken.clash(cadre: cadreOf[i], klass: k, capacity: false) == nil },
        moved: { i, k, seated in
          let a = Assignment(cadre: cadreOf[i], klass: k)
          if seated { taken.add(a) } else { taken.remove(a) }
        }
      ).seat
      note("seats from an auction that keeps to the cadres' own classes and the units' release limits")
    }
    bidders = []

    var quotas = Array(repeating: noClasses, count: blocks.count)
    var minimums = Array(repeating: [Int: Int](), count: blocks.count)
    var owner = [Int: Int]()
    if !fromAuction {
      let q = splitSeats(
        s, whole: whole, classes: classes, blockCount: blockCount, ranked: classesOf, trace: traceTotal,
        cadreBlock: cadreBlock, dueObligations: dueObligations, facts: facts)
      (quotas, minimums, owner) = (q.quotas, q.minimums, q.owner)
      note("quotas: \(owner.count) classes owned by a block, \(q.shared) shared (\(q.closedAhead) below minimum in the estimate)")
    }
    classesOf = []

    // 2. Blocks, the heaviest first, each with its share of the time left.
    let blockWeight = blocks.map { $0.reduce(0) { $0 + weights[$1] } }
    let order = blocks.indices.sorted { blockWeight[$0] != blockWeight[$1] ? blockWeight[$0] > blockWeight[$1] : $0 < $1 }
    let blockDeadline = options.timeLimit * blockShare
    let blockStart = elapsed()
    let blockQuotas = quotas
    let blockMinimums = minimums
    let penalty = s.policy.objective.obligation
    let lists = screened
    let byBlock: [BlockResult]
    if fromAuction {
      // The auction's seats, most valuable obligation first, as one block's.
      var seats: [(cadre: Int, klass: Int)] = []
      for (i, oi) in dueObligations.enumerated() {
        if let k = startSeats[i] { seats.append((whole.book.obligations[oi].cadre, Int(k))) }
      }
      byBlock = [BlockResult(
        callupSeats: seats, hoursSeats: [], held: [], objective: nil, status: .feasible, lpMet: nil,
        stats: ModelStats(variables: 0, binaries: 0, constraints: 0, nonzeros: 0, candidatePairs: 0, obligations: 0),
        log: [])]
      note(String(format: "start from the auction's %d seats (blocks would get %.1fs each)", seats.count, perBlock))
    } else {
      byBlock = inParallel(
        order: order, weights: blockWeight, deadline: blockDeadline, elapsed: elapsed(), threads: threads,
        options: options, phase: { done, eta in String(format: "block %d of %d done, ETA %.0fs", done, blocks.count, eta) }
      ) { b, budget in
        solveBlock(
          s, units: blocks[b], quotas: blockQuotas[b], minimums: blockMinimums[b], penalty: penalty, block: b,
          screened: lists, early: early,
          options: SolveOptions(timeLimit: budget, mipGap: options.mipGap, progress: nil, shouldStop: options.shouldStop))
      }
      for r in byBlock where r.objective == nil { note(r.log.first ?? "a block has no plan") }
      note("\(blocks.count) blocks planned")
    }
    let blockPass = elapsed() - blockStart

    // 3. Every seat checked once more, per person, against the seats before
    //    it (call-up seats, then top-ups, then hours seats): the blocks meet
    //    in the classes, and a seat that clashes with another block's
    //    decision is dropped, never written. Shared classes below their
    //    minimum are topped up with cadres of any block who could attend
    //    them as well (most valuable first); a class still below its
    //    minimum closes.
    var calendar = PlanCalendar(scenario: s, year: year, assignments: [])
    var droppedBy = [String: Int]()
    /// Adds the seats that clash with nothing before them; returns those.
    @discardableResult
    func admit(_ seats: [(cadre: Int, klass: Int)], _ source: String) -> [(cadre: Int, klass: Int)] {
      seats.filter { seat in
        if let r = calendar.clash(cadre: seat.cadre, klass: seat.klass) {
          droppedBy["\(source) (\(r.rawValue))", default: 0] += 1
          return false
        }
        calendar.add(Assignment(cadre: seat.cadre, klass: seat.klass))
        return true
      }
    }
    for r in byBlock { admit(r.callupSeats, "call-up") }
    var sharedSeats = [Int: Int]()
    for r in byBlock {
      for seat in r.callupSeats + r.hoursSeats where owner[seat.klass] == nil { sharedSeats[seat.klass, default: 0] += 1 }
    }
    let topUp = topUp(s, whole: whole, calendar: &calendar, shared: sharedSeats, screened: screened)
    let hoursSeats = byBlock.flatMap { admit($0.hoursSeats, "hours") }
    if !droppedBy.isEmpty {
      note("guard: seats dropped: " + droppedBy.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    }
    let closing = Set(classes.filter { calendar.attendees[$0] > 0 && calendar.attendees[$0] < s.classes[$0].minSize })
    for (ci, list) in calendar.classesByCadre.enumerated() {
      for ki in list where closing.contains(ki) { calendar.remove(Assignment(cadre: ci, klass: ki)) }
    }
    note(
      "repair: \(topUp.classes) shared classes topped up with \(topUp.added.count) seats, \(closing.count) classes below "
        + "their minimum closed")

    // 4. The exchange across blocks (`SeatExchange`): cadres with something
    //    unmet, most valuable first, take a free seat, a seat freed by a
    //    chain of moves, the seat of a less valuable attendee, or a seat in
    //    a class it opens. It also counts the objective of the whole plan.
    var open = Array(repeating: false, count: s.classes.count)
    for ki in classes where calendar.attendees[ki] > 0 { open[ki] = true }
    var exchange = SeatExchange(
      s, book: whole.book, screened: screened, calendar: calendar, open: open,
      hoursSeats: hoursSeats.filter { !closing.contains($0.klass) })
    let before = exchange.objective()
    let exchangeDeadline = options.timeLimit * exchangeShare
    exchange.run(passes: 8, more: { elapsed() < exchangeDeadline && options.shouldStop?() != true })
    if !ceilings.isEmpty {
      // A later year of a rotation plan: the kinds no rule asks for keep
      // to their ceilings (`ElectiveLoadRule`), after the exchange.
      let cut = exchange.holdLoad(ceilings)
      let limits = ceilings.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
      note(
        "elective load (at most " + limits.joined(separator: ", ")
          + " seats): \(cut.seats) seats taken out, \(cut.closed) classes closed")
    }
    if !floors.isEmpty {
      // ... and up to their floors, with cadres short of their hours pace.
      let screen = whole.screen
      let fill = exchange.fillLoad(floors, ceilings: ceilings, eligible: { screen.screen(cadre: $0, klass: $1) == nil })
      note(RotationPlanner.floorNote(floors, seats: fill.seats, opened: fill.opened, short: fill.short))
    }
    let objective: Double? = exchange.objective()
    calendar = exchange.calendar
    note(
      String(
        format:
          "exchange across blocks: %d seats added (%d classes opened), %d by chains moving %d attendees, %d swapped, %d colleagues gave way under their unit's release limit (%d moved to other days), %d hours seats count for the call-up: objective %.0f → %.0f",
        exchange.adds, exchange.opens, exchange.chains, exchange.moved, exchange.swaps, exchange.releaseSwaps,
        exchange.releaseMoves, exchange.promoted, before, objective!),
      incumbent: objective)
    var status = PlanStatus.optimal
    var assignments: [Assignment] = []
    for (ci, list) in calendar.classesByCadre.enumerated() {
      for ki in list.sorted() { assignments.append(Assignment(cadre: ci, klass: ki)) }
    }
    let held = Set(classes.filter { calendar.attendees[$0] > 0 })
    var stats = ModelStats(variables: 0, binaries: 0, constraints: 0, nonzeros: 0, candidatePairs: 0, obligations: 0)
    var lpMet: Double? = 0
    for r in byBlock {
      if r.status != .optimal { status = .feasible }
      stats.variables += r.stats.variables
      stats.binaries += r.stats.binaries
      stats.constraints += r.stats.constraints
      stats.nonzeros += r.stats.nonzeros
      stats.candidatePairs += r.stats.candidatePairs
      stats.obligations += r.stats.obligations
      lpMet = lpMet.flatMap { m in r.lpMet.map { m + $0 } }
      log.append(contentsOf: r.log)
    }
    if exchange.adds + exchange.swaps > 0 { status = .feasible }

    // 5. The bound of the whole problem. First the bound in which every
    //    cadre decides alone (`CadreBound`), from the auction's prices: cheap,
    //    so many subgradient steps fit. Its best prices then start the
    //    passes of priced block LPs, each class's multiplier chosen for the
    //    largest bound, with subgradient steps between passes.
    let cadreStart = elapsed()
    let cadreBound = CadreBound(s, whole: whole, screened: screened, seatCosts: seatCosts, threads: threads)
    seatCosts = []
    let cadreBuilt = elapsed()
    // Blocks too short of time for their plans are for their priced LPs
    // too: then the bound of cadres deciding alone takes all the time left.
    let cadreDeadline =
      fromAuction
      ? options.timeLimit * (1 - reserveShare / 2)
      : min(options.timeLimit * (1 - reserveShare / 2), elapsed() + max(5, cadreBoundShare * options.timeLimit))
    let relaxed = cadreBound.maximize(
      start: auction.prices, target: objective ?? 0, rounds: fromAuction ? 10 * cadreBoundRounds : cadreBoundRounds,
      threads: threads,
      more: { elapsed() < cadreDeadline && options.shouldStop?() != true })
    if relaxed.rounds == 0 {
      note("bound of cadres deciding alone: no time left", incumbent: objective)
    } else {
      note(
        String(
          format: "bound of cadres deciding alone: %.1f after %d steps from %.1f (%d choosers, built in %.1fs, %.2fs a step)",
          relaxed.bound, relaxed.rounds, relaxed.first, cadreBound.choosers.count, cadreBuilt - cadreStart,
          (elapsed() - cadreBuilt) / Double(max(1, relaxed.rounds))),
        incumbent: objective, bound: relaxed.bound)
    }
    if relaxed.rounds > 0, let objective {
      let ex = exchange
      let parts = cadreBound.gapParts(prices: relaxed.prices, plan: calendar.classesByCadre, isCallup: { !ex.isHours($0, $1) })
      note(
        String(
          format:
            "gap at the bound's prices: %.0f classes held beyond their prices' worth, %.0f classes worth holding not held, %.0f priced seats left empty, %.0f the cadres' choices",
          parts.heldBeyond, parts.notHeld, parts.empty,
          objective - relaxed.bound - parts.heldBeyond - parts.notHeld - parts.empty))
    }
    var bound: Double? = relaxed.rounds > 0 ? max(0, relaxed.bound) : nil
    var prices = [Int: Double]()
    for ki in classes { prices[ki] = relaxed.prices[ki] }
    let priceDeadline = options.timeLimit * (1 - reserveShare / 2)
    let incumbent = objective
    var round = 0
    // A pass of priced LPs takes from a third of the blocks' plans (a tenth
    // of a province) to twice that (a province, where the blocks' plans are
    // cut short by the time limit); a pass that would end past the deadline
    // is not started, and one that reaches it stops.
    var lastPass = blockPass
    let hardStop = clock.now.advanced(by: .seconds(priceDeadline - elapsed()))
    let shouldStop = options.shouldStop
    let stopPricing: @Sendable () -> Bool = { ContinuousClock.now >= hardStop || shouldStop?() == true }
    var step = firstStep
    var stalled = 0
    while !fromAuction, round < boundRounds, options.shouldStop?() != true {
      let passStart = elapsed()
      if passStart + lastPass > priceDeadline { break }
      let classPrices = prices
      let label = round + 1
      let priced = inParallel(
        order: order, weights: blockWeight, deadline: priceDeadline, elapsed: passStart, threads: threads,
        options: options, incumbent: incumbent,
        phase: { done, eta in String(format: "bound %d: block %d of %d priced, ETA %.0fs", label, done, blocks.count, eta) }
      ) { b, budget in
        stopPricing()
          ? nil
          : priceBlock(
            s, units: blocks[b], prices: classPrices, block: b, screened: lists, early: early,
            options: SolveOptions(timeLimit: budget, mipGap: options.mipGap, progress: nil, shouldStop: stopPricing))
      }
      lastPass = elapsed() - passStart
      guard priced.allSatisfy({ $0 != nil }) else { break }
      var total = priced.reduce(0) { $0 + $1!.base }
      var values = [Int: [Float]]()
      for r in priced { for (k, list) in r!.foreign { values[k, default: []].append(contentsOf: list) } }
      var usage = [Int: Int]()
      for r in priced { for (k, n) in r!.usage { usage[k, default: 0] += n } }
      for ki in values.keys.sorted() {
        let k = s.classes[ki]
        // A larger coefficient than the model's only lowers the bound.
        let capacity = Double(k.capacity ?? unlimited)
        total += sharedTerm(values[ki]!.map(Double.init), fixedCost: k.fixedCost, capacity: capacity)
      }
      let b = max(0, total)
      if bound.map({ b > $0 + 1e-9 }) ?? true {
        bound = b
        stalled = 0
      } else {
        stalled += 1
        if stalled >= 2 {
          step /= 2
          stalled = 0
        }
      }
      note(String(format: "bound %d: %.1f", label, total), incumbent: objective, bound: bound)
      // Projected subgradient step (Polyak's rule towards the incumbent):
      // seats the priced LPs take beyond a class's capacity raise its price.
      var g = [Int: Double]()
      var norm = 0.0
      for ki in classes {
        let k = s.classes[ki]
        let capacity = Double(k.capacity ?? unlimited)
        let price = prices[ki] ?? 0
        let held = k.fixedCost - capacity * price < 0 ? 1.0 : 0.0
        let v = Double(usage[ki] ?? 0) - capacity * held
        g[ki] = v
        norm += v * v
      }
      guard norm > 0, let upper = objective else { break }
      let t = step * max(upper - total, 0.01 * upper) / norm
      var next = prices
      for (ki, v) in g { next[ki] = max(0, (prices[ki] ?? 0) + t * v) }
      prices = next
      round += 1
    }
    if let o = objective, let b = bound, abs(o - b) / max(1, abs(o)) > options.mipGap { status = .feasible }
    if bound == nil { status = .feasible }
    note("bound of the whole problem", incumbent: objective, bound: bound)
    let analyzer = PlanAnalyzer(formulation: whole, assignments: assignments, held: held)
    return analyzer.analyze(
      status: status, objective: objective, bound: bound, seconds: elapsed(), stats: stats, lpMet: lpMet, log: log,
      notPlanned: Planner.rulesNotPlanned(s))
  }

  /// Step 1, the quotas (名额分配): the due obligations, most valuable
  /// first, then the people units still have to send, each take a seat in
  /// their first class of `ranked` that still has one (an estimate), and
  /// each class's seats and minimum are split among the blocks in
  /// proportion; a class (nearly) all of whose seats go to one block
  /// belongs to it. `trace`: useful pairs per class × block.
  static func splitSeats(
    _ s: Scenario, whole: Formulation, classes: [Int], blockCount: Int, ranked classesOf: [[Int32]], trace traceTotal: [Double],
    cadreBlock: [Int], dueObligations: [Int], facts: KindBits
  ) -> (quotas: [[Int: Int]], minimums: [[Int: Int]], owner: [Int: Int], shared: Int, closedAhead: Int) {
    let classCount = s.classes.count
    let classCapacity = s.classes.map { $0.capacity ?? Int.max }
    let noClasses = Dictionary(uniqueKeysWithValues: classes.map { ($0, 0) })
    var quotas = Array(repeating: noClasses, count: blockCount)
    var minimums = Array(repeating: [Int: Int](), count: blockCount)
    var owner = [Int: Int]()
    // Classes the estimate fills below their minimum are left out and the
    // estimate made again (at most three times), so that their takers look
    // for seats elsewhere.
    func estimate(without left: Set<Int>) -> [Int: [Int: Double]] {
      var leftOut = Array(repeating: false, count: classCount)
      for ki in left { leftOut[ki] = true }
      var taken = Array(repeating: 0.0, count: classCount * blockCount)  // class × block → seats
      var used = Array(repeating: 0, count: classCount)
      var seatedKinds = Array(repeating: UInt16(0), count: s.cadres.count)  // kinds of the seats taken
      var seatsOf = [Int: [Int32]]()  // the classes taken, per cadre with more than none
      /// Takes a seat for `ci` in its first class of `kinds` (at least
      /// `minDays` long) that has one and shares no day with the cadre's
      /// seats taken so far (a cadre cannot be in two classes at once).
      func take(_ ci: Int, kinds: UInt16, minDays: Int) -> Bool {
        let b = cadreBlock[ci]
        guard b >= 0 else { return false }
        let mine = seatsOf[ci] ?? []
        for k32 in classesOf[ci] {
          let ki = Int(k32)
          guard facts.classKind[ki] & kinds != 0, facts.classDays[ki] >= minDays, !leftOut[ki], used[ki] < classCapacity[ki]
          else {
            continue
          }
          if mine.contains(where: { facts.overlap(Int($0), ki) }) { continue }
          used[ki] += 1
          taken[ki * blockCount + b] += 1
          seatedKinds[ci] |= facts.classKind[ki]
          seatsOf[ci, default: []].append(k32)
          return true
        }
        return false
      }
      for oi in dueObligations {
        let o = whole.book.obligations[oi]
        _ = take(o.cadre, kinds: facts.ruleKinds[o.rule], minDays: facts.ruleMinDays[o.rule])
      }
      // Then the people units still have to send (unit shares), members
      // with a seat of the rule's kinds counted first.
      for req in whole.book.unitRequirements where req.need > 0 {
        let kinds = facts.shareKinds[req.rule]
        let open = req.members.filter { !req.alreadyTrained.contains($0) }
        var sent = open.filter { seatedKinds[$0] & kinds != 0 }.count
        for m in open where sent < req.need && seatedKinds[m] == 0 {
          if take(m, kinds: kinds, minDays: 0) { sent += 1 }
        }
      }
      var demand = [Int: [Int: Double]]()  // class → block → seats
      for ki in 0..<classCount where used[ki] > 0 {
        for b in 0..<blockCount where taken[ki * blockCount + b] > 0 {
          demand[ki, default: [:]][b] = taken[ki * blockCount + b]
        }
      }
      return demand
    }
    var leftOut = Set<Int>()
    var demand = estimate(without: leftOut)
    for _ in 0..<3 {
      let below = demand.filter { $0.value.values.reduce(0, +) < Double(s.classes[$0.key].minSize) }.map(\.key)
      if below.isEmpty { break }
      leftOut.formUnion(below)
      demand = estimate(without: leftOut)
    }
    var shared = 0
    var closedAhead = 0
    for ki in classes {
      let taken = demand[ki] ?? [:]
      // Useful pairs per block.
      var pairs = [Int: Double]()
      for b in 0..<blockCount where traceTotal[ki * blockCount + b] > 0 { pairs[b] = traceTotal[ki * blockCount + b] }
      guard !pairs.isEmpty else { continue }
      let k = s.classes[ki]
      let seats = k.capacity ?? Int(pairs.values.reduce(0, +))
      // Seats the estimate gave each block, then the rest by useful pairs.
      var share = [Int: Double]()
      let takenTotal = taken.values.reduce(0, +)
      let pairTotal = pairs.values.reduce(0, +)
      for (b, d) in taken { share[b, default: 0] += d }
      // Seats the estimate left go where it placed seats (blocks with few
      // takers would fill a scrap of a class below its minimum), else by pairs.
      let rest = Double(seats) - takenTotal
      if rest > 0, takenTotal > 0 {
        for (b, d) in taken { share[b, default: 0] += rest * d / takenTotal }
      } else if rest > 0 {
        for (b, n) in pairs { share[b, default: 0] += rest * n / pairTotal }
      }
      let top = share.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!
      if top.value >= ownerShare * Double(seats) {
        owner[ki] = top.key
        quotas[top.key][ki] = nil
        continue
      }
      shared += 1
      // Each block's part of the minimum, in proportion to the seats the
      // estimate placed there (largest remainder): the blocks together open
      // it. A class the estimate does not fill to its minimum has no parts:
      // the blocks may fill it, and the repair decides.
      if takenTotal < Double(k.minSize) {
        closedAhead += 1
      } else {
        let parts = taken.mapValues { Double(k.minSize) * $0 / takenTotal }
        for (b, m) in largestRemainder(parts, total: k.minSize) { minimums[b][ki] = m }
      }
      for (b, q) in largestRemainder(share, total: seats) { quotas[b][ki] = q }
    }
    return (quotas, minimums, owner, shared, closedAhead)
  }

  /// Runs `work(block, seconds)` for every block on `threads` threads in
  /// `order` (heaviest first); each block gets its weight's share of the
  /// time left before `deadline` (seconds since the plan started, now
  /// `elapsed`), reports progress with an ETA, and the results come back
  /// by block index.
  static func inParallel<T: Sendable>(
    order: [Int], weights: [Double], deadline: Double, elapsed: Double, threads: Int, options: SolveOptions,
    incumbent: Double? = nil, phase: @escaping @Sendable (Int, Double) -> String,
    _ work: @escaping @Sendable (Int, Double) -> T
  ) -> [T] {
    let progress = BlockProgress(total: order.count, weight: weights.reduce(0, +))
    let results = WhatIf.parallelMap(count: order.count, threads: threads) { i in
      let b = order[i]
      let left = progress.weightLeft(starting: weights[b])
      let now = elapsed + progress.elapsed()
      let budget = max(1, min(deadline - now, (deadline - now) * Double(threads) * weights[b] / max(left, 1e-9)))
      let r = work(b, budget)
      let (done, eta) = progress.finish(weight: weights[b])
      options.progress?(
        PlanProgress(phase: phase(done, eta), incumbent: incumbent, bound: nil, elapsed: elapsed + progress.elapsed()))
      return r
    }
    var byBlock = results
    for (i, b) in order.enumerated() { byBlock[b] = results[i] }
    return byBlock
  }

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

  /// Plans one block and prices its pairs for the whole bound.
  static func solveBlock(
    _ s: Scenario, units: [Int], quotas: [Int: Int], minimums: [Int: Int], penalty: Double, block: Int,
    screened: [[Int32]], early: [Int: Set<Int>], options: SolveOptions
  ) -> BlockResult {
    let (sub, cadres) = BlockPartition.scenario(of: units, in: s)
    let limit = sub.cadres.count > Planner.restrictedAbove ? Planner.pairLimit : nil
    let f = Formulation(
      scenario: sub, year: s.year,
      options: .init(
        pairLimit: limit, planHours: false, early: BlockPartition.local(early, cadres: cadres), quotas: quotas,
        quotaMinimums: minimums, quotaShortPenalty: penalty, eligible: EligibleLists(cadres.map { screened[$0] })))
    var result = BlockResult(
      callupSeats: [], hoursSeats: [], held: [], objective: nil, status: .noSolution, lpMet: nil,
      stats: ModelStats(variables: 0, binaries: 0, constraints: 0, nonzeros: 0, candidatePairs: 0, obligations: 0),
      log: [])
    let solved: SolvedPlan
    let first: SolvedPlan
    do {
      // A block started at the time limit gets only its call-up.
      let stages = try Planner.solveInStages(
        f, options: options, minimumHoursSeconds: minimumHoursSeconds, hoursReserve: options.timeLimit * Planner.hoursShare)
      (first, solved) = (stages.callup, stages.final)
      if stages.hoursSkipped { result.log.append("block \(block + 1): hours not planned, the time limit was reached") }
    } catch {
      result.log.append("block \(block + 1): \(error)")
      return result
    }
    let f1 = first.formulation
    let callup = Set(first.seats.map { f1.pairKey(cadre: f1.candidates[$0].cadre, klass: f1.candidates[$0].klass) })
    let f2 = solved.formulation
    for p in solved.seats {
      let c = f2.candidates[p]
      let seat = (cadre: cadres[c.cadre], klass: c.klass)
      if callup.contains(f2.pairKey(cadre: c.cadre, klass: c.klass)) {
        result.callupSeats.append(seat)
      } else {
        result.hoursSeats.append(seat)
      }
    }
    result.held = solved.held.filter { quotas[$0] == nil }.sorted()
    result.objective = solved.objective
    result.status = solved.status
    result.lpMet = solved.lpMet
    result.stats = solved.stats
    result.log += solved.log.map { "block \(block + 1): \($0)" }
    return result
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
    let limit = sub.cadres.count > Planner.restrictedAbove ? Planner.pairLimit : nil
    let f = Formulation(
      scenario: sub, year: s.year,
      options: .init(
        pairLimit: limit, planHours: false, early: BlockPartition.local(early, cadres: cadres), quotas: quotas,
        seatPrices: prices, eligible: EligibleLists(cadres.map { screened[$0] })))
    var lpOptions = options
    lpOptions.boundOnly = true
    guard let solved = try? PlanSolver.solve(f, options: lpOptions), let certificate = solved.certificate else { return nil }
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

  /// Seats that bring shared classes below their minimum (`shared`: seats
  /// the blocks gave each) up to it, the fullest classes first. Candidates
  /// are the cadres whose screened classes include the class, those with
  /// the most valuable obligation it would meet first, then the cheapest
  /// seats; a seat is taken only if it clashes with nothing in the cadre's
  /// plan and keeps the class's capacity and the unit's release limit
  /// (`calendar`: the plan so far, which takes the seats added). A class
  /// that cannot reach its minimum gets no seat.
  static func topUp(
    _ s: Scenario, whole: Formulation, calendar: inout PlanCalendar, shared: [Int: Int], screened: [[Int32]]
  ) -> (added: [(cadre: Int, klass: Int)], classes: Int) {
    let below = shared.filter { $0.value > 0 && $0.value < s.classes[$0.key].minSize }
    guard !below.isEmpty else { return ([], 0) }
    var pool = [Int: [Int]]()
    for (ci, list) in screened.enumerated() {
      for k32 in list where below[Int(k32)] != nil { pool[Int(k32), default: []].append(ci) }
    }
    let cycles = s.policy.cycleRules
    let tiered = s.policy.tiered
    var added: [(cadre: Int, klass: Int)] = []
    var classes = 0
    let order = below.keys.sorted {
      let a = s.classes[$0].minSize - below[$0]!, b = s.classes[$1].minSize - below[$1]!
      return a != b ? a < b : $0 < $1
    }
    for ki in order {
      let k = s.classes[ki]
      // Value of the seat: obligations it would meet that nothing in the
      // plan meets yet, less its cost.
      var ranked: [(ci: Int, value: Double)] = []
      for ci in pool[ki] ?? [] where !calendar.classesByCadre[ci].contains(ki) {
        let cadre = s.cadres[ci]
        var v = -SeatCostRule.seatCost(cadre: cadre, unit: s.unit(cadre.unit), klass: k, tiered: tiered)
        for oi in whole.book.byCadre[ci] {
          let o = whole.book.obligations[oi]
          let rule = cycles[o.rule]
          guard rule.counts(kind: k.kind, days: k.days) else { continue }
          let met = calendar.classesByCadre[ci].contains {
            rule.counts(kind: s.classes[$0].kind, days: s.classes[$0].days)
          }
          if !met { v += o.value }
        }
        ranked.append((ci, v))
      }
      ranked.sort { $0.value != $1.value ? $0.value > $1.value : $0.ci < $1.ci }
      var count = below[ki]!
      var mine: [Assignment] = []
      for (ci, _) in ranked where count < k.minSize {
        guard calendar.clash(cadre: ci, klass: ki) == nil else { continue }
        let a = Assignment(cadre: ci, klass: ki)
        calendar.add(a)
        mine.append(a)
        count += 1
      }
      if count < k.minSize {
        for a in mine { calendar.remove(a) }
        continue
      }
      classes += 1
      added.append(contentsOf: mine.map { (cadre: $0.cadre, klass: $0.klass) })
    }
    return (added, classes)
  }

  /// `total` split in proportion to `exact` (block → exact share) by largest
  /// remainder: each block its share rounded down, then one more each to
  /// the largest remainders (the lower block first among equals) until
  /// `total` is given; in block order.
  static func largestRemainder(_ exact: [Int: Double], total: Int) -> [(block: Int, count: Int)] {
    var out: [(block: Int, count: Int)] = []
    var given = 0
    var remainders: [(index: Int, rest: Double)] = []
    for (b, x) in exact.sorted(by: { $0.key < $1.key }) {
      let q = Int(x.rounded(.down))
      remainders.append((out.count, x - Double(q)))
      out.append((b, q))
      given += q
    }
    remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }
    for r in remainders.prefix(max(0, total - given)) { out[r.index].count += 1 }
    return out
  }

  /// A fixed pseudo-random order of classes per block (splitmix64 of both).
  static func affinity(block: Int, klass: Int) -> UInt64 {
    var z = UInt64(truncatingIfNeeded: block) &<< 32 | UInt64(truncatingIfNeeded: klass)
    z = z &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Fewest seconds a block's plan needs (its LPs); a large scenario whose
  /// blocks would get less starts from the auction's seats instead.
  public static let minimumBlockSeconds = 5.0

  /// Fewest seconds left to a block for its hours stage.
  static let minimumHoursSeconds = 2.0

  /// A quota that never binds.
  static let unlimited = 1_000_000
}

/// Blocks done and the weight left, shared by the block workers.
final class BlockProgress: @unchecked Sendable {
  private let lock = NSLock()
  private let total: Int
  private var done = 0
  private var notStarted: Double
  private var finished = 0.0
  private let weight: Double
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant

  init(total: Int, weight: Double) {
    self.total = total
    self.weight = weight
    notStarted = weight
    start = clock.now
  }

  func elapsed() -> Double {
    return (clock.now - start).inSeconds
  }

  /// The weight not yet started, this block's included; marks it started.
  func weightLeft(starting w: Double) -> Double {
    lock.lock()
    defer { lock.unlock() }
    let left = notStarted
    notStarted -= w
    return left
  }

  /// Marks a block done: blocks done and the seconds the rest should take.
  func finish(weight w: Double) -> (Int, Double) {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    finished += w
    let t = elapsed()
    let eta = finished > 0 ? t * (weight - finished) / finished : 0
    return (done, eta)
  }
}
