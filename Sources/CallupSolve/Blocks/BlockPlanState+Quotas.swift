import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// The steps before the blocks: the partition, every cadre's useful pairs,
/// the seat prices of an auction, and step 1, the quotas (名额分配).
extension BlockPlanState {
  /// Groups the units into blocks along the hierarchy (`BlockPartition`),
  /// at most `target` weight each: a cadre with something to plan (a due
  /// obligation or unit share) weighs 1, one with hours only
  /// `Tuning.Blocks.hoursOnlyWeight`. Then decides how the plan starts:
  /// from the auction's seats when `startFromAuction` says so or, when it
  /// is nil, for a scenario above `Tuning.Blocks.decomposeAbove` cadres
  /// whose blocks would get less than `Tuning.Blocks.minimumBlockSeconds`
  /// each of the blocks' share and that trains nobody early.
  ///
  /// Reads the whole formulation's book; writes `plans`, `unitWeights`,
  /// `blocks`, `unitBlock`, `cadreBlock`, `perBlockSeconds`, `fromAuction`
  /// and empty `quotas` and `minimums` per block.
  mutating func partition(target: Double, startFromAuction: Bool?) {
    let s = scenario
    var weights = Array(repeating: 0.0, count: s.units.count)
    var plans = Array(repeating: false, count: s.cadres.count)
    for (ci, list) in whole.book.byCadre.enumerated() where !list.isEmpty { plans[ci] = true }
    for req in whole.book.unitRequirements where req.need > 0 { for m in req.members { plans[m] = true } }
    for (ci, c) in s.cadres.enumerated() {
      guard let u = s.unitIndex[c.unit] else { continue }
      weights[u] += plans[ci] ? 1 : Tuning.Blocks.hoursOnlyWeight
    }
    let blocks = BlockPartition(scenario: s, weights: weights, target: target).blocks
    var blockOfUnit = Array(repeating: 0, count: s.units.count)
    for (b, us) in blocks.enumerated() { for u in us { blockOfUnit[u] = b } }
    (self.plans, unitWeights, self.blocks, unitBlock) = (plans, weights, blocks, blockOfUnit)
    cadreBlock = s.cadres.map { c in s.unitIndex[c.unit].map { blockOfUnit[$0] } ?? -1 }
    quotas = Array(repeating: noClasses, count: blocks.count)
    minimums = Array(repeating: [:], count: blocks.count)
    note("\(blocks.count) blocks of units")

    // Blocks that would get too little time each for their LPs (a province
    // in a few minutes) are not planned: the auction's seats are the start.
    // The auction seats the due obligations only: a year with obligations
    // trained early (a rotation plan's) keeps its blocks, which plan those
    // with the rest (five years of a province from the auction: later
    // years' gaps 15–16 % instead of 10–12 %).
    perBlockSeconds =
      budget.seconds(of: Tuning.Blocks.blockShare) * Double(Tuning.Blocks.nominalThreads) / Double(max(1, blocks.count))
    fromAuction =
      startFromAuction
      ?? (DecomposedPlanner.applies(to: s) && perBlockSeconds < Tuning.Blocks.minimumBlockSeconds && early.isEmpty)
  }

  /// Every cadre's useful classes (`EligiblePairs` of the whole
  /// formulation, every year) and their seat costs; unless the plan starts
  /// from the auction, also the classes in the order of their value to the
  /// cadre and the useful pairs per class and block (`PairScreen`). Only
  /// cadres with something to plan; in parallel.
  ///
  /// Reads `plans`, `unitBlock`, `fromAuction`; writes `ranked`,
  /// `screened`, `seatCosts`, `trace` and `dueObligations`.
  mutating func screenPairs() {
    let s = scenario
    let planned = plans
    let blockOf = unitBlock
    // Chunks by the nominal threads: the sums come in the same order on any machine.
    let chunks = Tuning.Blocks.nominalThreads * 4
    let screen = PairScreen(
      scenario: s, whole: whole, facts: facts, blockCount: blocks.count, ranks: !fromAuction)
    let parts: [(lists: [PairScreen.Lists], trace: [Double])] = WhatIf.parallelMap(count: chunks, threads: threads) {
      chunk in
      var out: [PairScreen.Lists] = []
      var trace = Array(repeating: 0.0, count: screen.ranks ? s.classes.count * screen.blockCount : 0)
      var ci = chunk
      while ci < s.cadres.count {
        defer { ci += chunks }
        guard planned[ci], let u = s.unitIndex[s.cadres[ci].unit] else { continue }
        out.append(screen.lists(cadre: ci, block: blockOf[u], trace: &trace))
      }
      return (out, trace)
    }
    ranked = Array(repeating: [], count: s.cadres.count)
    screened = Array(repeating: [], count: s.cadres.count)
    seatCosts = Array(repeating: [], count: s.cadres.count)
    trace = Array(repeating: 0.0, count: screen.ranks ? s.classes.count * blocks.count : 0)
    for part in parts {
      for list in part.lists {
        ranked[list.cadre] = list.ranked
        screened[list.cadre] = list.ascending
        seatCosts[list.cadre] = list.costs
      }
      for (i, v) in part.trace.enumerated() where v != 0 { trace[i] += v }
    }
    let book = whole.book
    dueObligations = book.obligations.indices.filter { !book.obligations[$0].early }
      .sorted {
        book.obligations[$0].value != book.obligations[$1].value
          ? book.obligations[$0].value > book.obligations[$1].value : $0 < $1
      }
  }

  /// Seat prices that clear the market of the due obligations for seats
  /// (`SeatAuction`, bid increment `Tuning.Blocks.auctionStep` of an
  /// obligation's value): the bound's first multipliers. A plan that starts
  /// from the auction also takes the seats of a second auction in which
  /// each bidder bids only where its cadre's own classes and its unit's
  /// release limit let it in, given the seats held at the time, so that
  /// the start keeps them.
  ///
  /// Reads `screened`, `seatCosts`, `dueObligations`, `fromAuction`;
  /// writes `auctionPrices` and `startSeats`.
  mutating func priceSeats() {
    let s = scenario
    let book = whole.book
    var bidders: [[SeatAuction.Option]] = []
    bidders.reserveCapacity(dueObligations.count)
    for oi in dueObligations {
      let o = book.obligations[oi]
      var options: [SeatAuction.Option] = []
      for (j, k32) in screened[o.cadre].enumerated() {
        let ki = Int(k32)
        guard facts.classYear[ki] == year, facts.counts(rule: o.rule, klass: ki) else { continue }
        let v = o.value - Double(seatCosts[o.cadre][j])
        if v > 0 { options.append(SeatAuction.Option(klass: k32, value: v)) }
      }
      bidders.append(options)
    }
    let epsilon = Tuning.Blocks.auctionStep * s.policy.objective.obligation
    auctionPrices = SeatAuction.run(bidders: bidders, capacity: s.classes.map(\.capacity), epsilon: epsilon).prices
    note("seat prices: \(auctionPrices.filter { $0 > 0 }.count) classes full at the auction's prices")
    guard fromAuction else { return }
    var taken = PlanCalendar(scenario: s, year: year, assignments: [])
    let cadreOf = dueObligations.map { book.obligations[$0].cadre }
    startSeats =
      SeatAuction.run(
        bidders: bidders, capacity: s.classes.map(\.capacity), epsilon: epsilon,
        admits: { i, k in taken.clash(cadre: cadreOf[i], klass: k, capacity: false) == nil },
        moved: { i, k, seated in
          let a = Assignment(cadre: cadreOf[i], klass: k)
          if seated { taken.add(a) } else { taken.remove(a) }
        }
      ).seat
    note("seats from an auction that keeps to the cadres' own classes and the units' release limits")
  }

  /// Step 1, the quotas (名额分配), unless the plan starts from the
  /// auction: `QuotaSplit` estimates where the due obligations and unit
  /// shares take seats, gives the classes (nearly) all of whose seats go
  /// to one block to that block, and splits every other class's seats and
  /// minimum among the blocks.
  ///
  /// Reads `ranked`, `trace`, `cadreBlock`, `dueObligations`; writes
  /// `quotas`, `minimums` and `owner`, and drops `ranked`.
  mutating func allotQuotas() {
    if !fromAuction {
      let q = QuotaSplit(
        scenario, whole: whole, classes: classes, blockCount: blocks.count, ranked: ranked, trace: trace,
        cadreBlock: cadreBlock, dueObligations: dueObligations, facts: facts)
      (quotas, minimums, owner) = (q.quotas, q.minimums, q.owner)
      note(
        "quotas: \(owner.count) classes owned by a block, \(q.shared) shared (\(q.closedAhead) below minimum in the estimate)"
      )
    }
    ranked = []
  }
}

/// One cadre's useful classes for the steps before the blocks.
struct PairScreen: Sendable {
  /// A cadre's classes: by value to it (empty unless `ranks`), ascending,
  /// and the seat costs of the ascending ones.
  struct Lists: Sendable {
    var cadre: Int
    var ranked: [Int32]
    var ascending: [Int32]
    var costs: [Float]
  }

  let scenario: Scenario
  let whole: Formulation
  let eligible: EligiblePairs
  let facts: KindBits
  let costTable: SeatCostRule.Table
  let blockCount: Int
  /// Whether to rank the classes and count the useful pairs (for the quotas).
  let ranks: Bool

  init(scenario: Scenario, whole: Formulation, facts: KindBits, blockCount: Int, ranks: Bool) {
    self.scenario = scenario
    self.whole = whole
    eligible = EligiblePairs(whole)
    self.facts = facts
    costTable = SeatCostRule.Table(scenario)
    self.blockCount = blockCount
    self.ranks = ranks
  }

  /// The lists of cadre `ci` of block `b`; counts its pairs in `trace`
  /// (class × block) when it ranks. A class is worth the obligations it
  /// meets less its seat cost; equal classes come in an order of the
  /// block's own (`affinity`), so that a block's cadres fill the same
  /// classes, which then belong to it.
  func lists(cadre ci: Int, block b: Int, trace: inout [Double]) -> Lists {
    let mine = eligible.classes(cadre: ci, everywhere: true)
    let costs = mine.map { Float(costTable.cost(cadre: ci, klass: $0)) }
    guard ranks else { return Lists(cadre: ci, ranked: [], ascending: mine.map { Int32($0) }, costs: costs) }
    let owed = whole.book.byCadre[ci].map {
      (rule: whole.book.obligations[$0].rule, value: whole.book.obligations[$0].value)
    }
    var ranked: [(Int, Double, UInt64)] = []
    ranked.reserveCapacity(mine.count)
    for ki in mine {
      var v = -costTable.cost(cadre: ci, klass: ki)
      for o in owed where facts.counts(rule: o.rule, klass: ki) { v += o.value }
      ranked.append((ki, v, Self.affinity(block: b, klass: ki)))
      trace[ki * blockCount + b] += 1
    }
    ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
    return Lists(cadre: ci, ranked: ranked.map { Int32($0.0) }, ascending: mine.map { Int32($0) }, costs: costs)
  }

  /// A fixed pseudo-random order of classes per block (splitmix64 of both).
  static func affinity(block: Int, klass: Int) -> UInt64 {
    var z = UInt64(truncatingIfNeeded: block) &<< 32 | UInt64(truncatingIfNeeded: klass)
    z = z &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
