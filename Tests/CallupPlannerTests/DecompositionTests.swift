import CallupChecker
import CallupDomain
import CallupRules
import CallupPlan
@testable import CallupReports
@testable import CallupSolve
import Foundation
import Testing

/// Planning block by block: the partition, the shared classes' bound terms
/// and the whole path on the bundled city cut into small blocks.
@Suite("decomposed planning")
struct DecompositionTests {
  /// Three seats worth 10, 8 and 1 (reduced costs −10, −8, −1) for a class
  /// of 2 seats that costs 5 to hold: the best multiplier gives −13, the
  /// value of filling it with the two best (−18) plus its cost (5).
  @Test func sharedTermIsTheBestMultiplier() {
    let t = DecomposedPlanner.sharedTerm([-10, -8, -1], fixedCost: 5, capacity: 2)
    #expect(abs(t - -13) < 1e-9)
    // Nobody gains from a seat: the class adds nothing.
    #expect(DecomposedPlanner.sharedTerm([3, 0.5], fixedCost: 100, capacity: 10) == 0)
    // A free class with room for everyone: every seat's gain counts.
    #expect(abs(DecomposedPlanner.sharedTerm([-4, -2], fixedCost: 0, capacity: 5) - -6) < 1e-9)
  }

  /// Two one-seat classes A and B. Bidder 1 values A 10, B 5; bidder 2
  /// A 8, B 1; bidder 3 A 7. The best assignment (13) puts 1 in B and 2 in
  /// A; bidder 3 stays out only if A's price is at least 7, bidder 2 keeps
  /// A only if it is at most 8, and bidder 1 prefers B only if B costs at
  /// least 5 less than A (so at most 3).
  @Test func seatAuctionClearsTheMarket() {
    typealias O = SeatAuction.Option
    let bidders: [[O]] = [
      [O(klass: 0, value: 10), O(klass: 1, value: 5)],
      [O(klass: 0, value: 8), O(klass: 1, value: 1)],
      [O(klass: 0, value: 7)],
    ]
    let eps = 0.01
    let r = SeatAuction.run(bidders: bidders, capacity: [1, 1], epsilon: eps)
    #expect(r.seat == [1, 0, nil])
    #expect(r.prices[0] >= 7 && r.prices[0] <= 8 + 3 * eps)
    #expect(r.prices[1] <= 3 + 3 * eps)
    // A class without a capacity never has a price.
    let free = SeatAuction.run(bidders: bidders, capacity: [nil, 1], epsilon: eps)
    #expect(free.prices[0] == 0 && free.seat == [0, 0, 0])
  }

  /// Bidders that depend on each other: 0 and 1 are colleagues whose unit
  /// lets one of them away at a time, and classes 0 and 1 share their days;
  /// class 2 is on other days. Both prefer class 0 (room for both). The
  /// plain auction seats both there; with the unit's limit, bidder 1 goes
  /// to class 2, its best class it is admitted to, and every seat taken or
  /// given up is heard of.
  @Test func seatAuctionKeepsToWhatItAdmits() {
    typealias O = SeatAuction.Option
    let bidders: [[O]] = [
      [O(klass: 0, value: 10), O(klass: 2, value: 4)],
      [O(klass: 0, value: 9), O(klass: 1, value: 8), O(klass: 2, value: 6)],
    ]
    #expect(SeatAuction.run(bidders: bidders, capacity: [2, 2, 2], epsilon: 0.01).seat == [0, 0])
    var seated: [Int: Int] = [:]
    var heard = 0
    let r = SeatAuction.run(
      bidders: bidders, capacity: [2, 2, 2], epsilon: 0.01,
      admits: { i, k in k == 2 || !seated.contains { $0.key != i && $0.value != 2 } },
      moved: { i, k, taken in
        heard += 1
        if taken { seated[i] = k } else { seated[i] = nil }
      })
    #expect(r.seat == [0, 2])
    #expect(r.prices == [0, 0, 0])
    #expect(heard == 2 && seated == [0: 0, 1: 2])
  }

  /// A shared class of minimum 3 that the blocks left with one seat (A).
  /// B (unit U2) can join; D is in an overlapping class; C's unit U1 has D
  /// away on those days. With U1 releasing one person, only B could join:
  /// the class cannot reach 3 and gets no seat. With two, B and C join.
  @Test(arguments: [(1, [String]()), (2, ["B→K", "C→K"])])
  func topUpBringsASharedClassToItsMinimumOrLeavesIt(maxAway: Int, expected: [String]) {
    let rotation = Rule.cycle(
      CycleRule(
        info: RuleInfo(id: RuleID("annual-rotation"), type: "cycle"), who: Selector(ranks: [.county]),
        kinds: [.rotation], every: 1))
    let units = [
      Unit(id: "U1", name: "一局", region: "R1", headcount: 100, maxAway: maxAway),
      Unit(id: "U2", name: "二局", region: "R1", headcount: 100),
    ]
    let cadres = [("A", "U2"), ("B", "U2"), ("C", "U1"), ("D", "U1")].map {
      Cadre(id: CadreID($0.0), name: $0.0, unit: UnitID($0.1), rank: .county)
    }
    func klass(_ id: String, _ kind: ClassKind, min: Int) -> TrainingClass {
      TrainingClass(
        id: ClassID(id), name: id, institution: "市委党校", region: "R1", kind: kind, start: Day(iso: "2025-04-01")!,
        days: 5, hours: 35, minSize: min, capacity: 10, costPerSeat: 1000)
    }
    let s = Scenario(
      name: "top-up", year: 2025, policy: Policy(name: "test", rules: [rotation]), units: units, cadres: cadres,
      classes: [klass("K", .rotation, min: 3), klass("L", .professional, min: 1)])
    let whole = Formulation(scenario: s, options: .init(planHours: false, quotas: [0: 0, 1: 0]))
    var calendar = PlanCalendar(
      scenario: s, year: s.year, assignments: [Assignment(cadre: 0, klass: 0), Assignment(cadre: 3, klass: 1)])
    let r = DecomposedPlanner.topUp(
      s, whole: whole, calendar: &calendar, shared: [0: 1], screened: [[0], [0], [0], [0]])
    #expect(r.added.map { "\(s.cadres[$0.cadre].id)→\(s.classes[$0.klass].id)" } == expected)
    #expect(r.classes == (expected.isEmpty ? 0 : 1))
    // The calendar holds the plan with the seats added.
    #expect(calendar.attendees[0] == 1 + expected.count)
  }

  /// Two county cadres owing a rotation in one unit, and one rotation
  /// class of `seats` seats at 1,000 a seat.
  static func scarce(seats: Int) -> Scenario {
    Scenario(
      name: "scarce", year: 2025,
      policy: Policy(
        name: "test",
        rules: [
          .cycle(
            CycleRule(
              info: RuleInfo(id: RuleID("annual-rotation"), type: "cycle"), who: Selector(ranks: [.county]),
              kinds: [.rotation], every: 1))
        ]),
      units: [Unit(id: "U1", name: "一局", region: "R1", headcount: 100)],
      cadres: ["A", "B"].map { Cadre(id: CadreID($0), name: $0, unit: "U1", rank: .county) },
      classes: [
        TrainingClass(
          id: "K", name: "K", institution: "市委党校", region: "R1", kind: .rotation, start: Day(iso: "2025-04-01")!,
          days: 5, hours: 35, capacity: seats, costPerSeat: 1000)
      ])
  }

  /// The bound's step is halved after 10 steps without a better bound, or
  /// a 120th of the steps planned when that is more (a province's 3,000).
  @Test func cadreBoundPatienceGrowsWithTheStepsPlanned() {
    #expect(CadreBound.patience(rounds: 300) == 10)
    #expect(CadreBound.patience(rounds: 3000) == 25)
  }

  /// Two cadres owe a rotation (value v each) and the only class has one
  /// seat at 1,000: the best plan leaves one obligation unmet, objective
  /// v + 1,000. Priced at λ = v − 1,000 each cadre is indifferent and the
  /// class's term is −λ: the bound of cadres deciding alone reaches the
  /// optimum, and the subgradient steps from λ = 0 get there.
  @Test func cadreBoundReachesTheOptimumOfOneScarceSeat() {
    let s = Self.scarce(seats: 1)
    let whole = Formulation(scenario: s, options: .init(planHours: false, quotas: [0: 0]))
    let v = whole.book.obligations[0].value
    #expect(whole.book.obligations.count == 2 && whole.book.obligations[1].value == v)
    let bound = CadreBound(s, whole: whole, screened: [[0], [0]], seatCosts: [[1000], [1000]])
    let optimum = v + 1000
    // At λ = 0 both cadres take the seat: 2 obligations met, 2 seats paid.
    #expect(abs(bound.evaluate(prices: [0], threads: 1).value - 2000) < 1e-6)
    #expect(abs(bound.evaluate(prices: [v - 1000], threads: 1).value - optimum) < 1e-6)
    let best = bound.maximize(start: [0], target: optimum, rounds: 200, threads: 2, more: { true })
    #expect(best.bound <= optimum + 1e-6)
    #expect(best.bound >= 0.99 * optimum)
  }

  /// The gap's parts at given prices, on one scarce seat: a plan that
  /// seats one cadre at λ = v − 1,000 matches the bound (no part); a plan
  /// that holds nothing forgoes the class's term −λ; at λ = 0 the held
  /// class pays nothing beyond its price and leaves no priced seat empty.
  @Test func gapPartsAtTheBoundsPrices() {
    let s = Self.scarce(seats: 2)
    let whole = Formulation(scenario: s, options: .init(planHours: false, quotas: [0: 0]))
    let v = whole.book.obligations[0].value
    let bound = CadreBound(s, whole: whole, screened: [[0], [0]], seatCosts: [[1000], [1000]])
    let all: (Int, Int) -> Bool = { _, _ in true }
    let lambda = v - 1000
    let one = bound.gapParts(prices: [lambda], plan: [[0], []], isCallup: all)
    #expect(one.heldBeyond == 0 && one.notHeld == 0 && abs(one.empty - lambda) < 1e-6)
    let none = bound.gapParts(prices: [lambda], plan: [[], []], isCallup: all)
    #expect(none.heldBeyond == 0 && abs(none.notHeld - 2 * lambda) < 1e-6 && none.empty == 0)
    let free = bound.gapParts(prices: [0], plan: [[0], [0]], isCallup: all)
    #expect(free.heldBeyond == 0 && free.notHeld == 0 && free.empty == 0)
    // A seat that is not a call-up seat does not hold the class.
    let hoursOnly = bound.gapParts(prices: [lambda], plan: [[0], []], isCallup: { _, _ in false })
    #expect(abs(hoursOnly.notHeld - 2 * lambda) < 1e-6)
  }

  /// A unit of two team members must send one (weight 10,000) to a class
  /// with room at 1,000 a seat: the bound is exactly the plan's 1,000.
  @Test func cadreBoundSendsTheUnitsNeed() {
    let share = Rule.unitShare(
      UnitShareRule(
        info: RuleInfo(id: RuleID("unit-half"), type: "unit-share"), who: Selector(leadership: [.team]),
        share: ExactDecimal("0.5")!, kinds: [.rotation], weight: 10_000))
    let s = Scenario(
      name: "share", year: 2025, policy: Policy(name: "test", rules: [share]),
      units: [Unit(id: "U1", name: "一局", region: "R1", headcount: 100)],
      cadres: ["A", "B"].map { Cadre(id: CadreID($0), name: $0, unit: "U1", rank: .county, leadership: .deputy) },
      classes: [
        TrainingClass(
          id: "K", name: "K", institution: "市委党校", region: "R1", kind: .rotation, start: Day(iso: "2025-04-01")!,
          days: 5, hours: 35, capacity: 10, costPerSeat: 1000)
      ])
    let whole = Formulation(scenario: s, options: .init(planHours: false, quotas: [0: 0]))
    #expect(whole.book.unitRequirements.map(\.need) == [1])
    let bound = CadreBound(s, whole: whole, screened: [[0], [0]], seatCosts: [[1000], [1000]])
    let r = bound.evaluate(prices: [0], threads: 1)
    #expect(abs(r.value - 1000) < 1e-6)
    #expect(r.seats == [1])
  }

  @Test func blocksFollowTheHierarchy() throws {
    let s = try Bundled.scenario("demo-city")
    let weights = s.units.indices.map { Double(s.cadresByUnit[$0].count) }
    let p = BlockPartition(scenario: s, weights: weights, target: 400)
    #expect(p.blocks.count > 1)
    // Every unit in exactly one block.
    let all = p.blocks.flatMap { $0 }
    #expect(all.count == s.units.count && Set(all).count == s.units.count)
    var blockOf = [Int: Int]()
    for (b, us) in p.blocks.enumerated() { for u in us { blockOf[u] = b } }
    // A block is over the target only when it is one unit's own cadres.
    for us in p.blocks where us.count > 1 {
      #expect(us.reduce(0) { $0 + weights[$1] } <= 400)
    }
    // A unit with no children shares its block with its parent when the
    // parent's whole subtree fits.
    var subtree = weights
    var children = [Int: [Int]]()
    for (u, unit) in s.units.enumerated() {
      if let p = unit.parent, let pi = s.unitIndex[p] { children[pi, default: []].append(u) }
    }
    for (parent, kids) in children where kids.allSatisfy({ children[$0] == nil }) {
      subtree[parent] = weights[parent] + kids.reduce(0) { $0 + weights[$1] }
      if subtree[parent] <= 400 { #expect(kids.allSatisfy { blockOf[$0] == blockOf[parent] }) }
    }
  }

  /// demo-city in blocks of about 500 cadres: the plan obeys every hard
  /// rule, the bound is below the whole model's optimum and the objective
  /// above it. HiGHS 1.16 on the exported model (`callup plan --export-model`,
  /// 600 s, one thread) brackets the optimum between 15,403,951 and 15,432,750.
  @Test func demoCityInBlocksHoldsAndItsBoundIsValid() throws {
    let s = try Bundled.scenario("demo-city")
    let plan = try DecomposedPlanner.plan(
      s, options: SolveOptions(timeLimit: 90, mipGap: s.solver.mipGap), blockTarget: 500)
    let dir = Bundled.temporaryDirectory().appendingPathComponent("plan")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations.prefix(5))")
    let objective = try #require(plan.objective)
    let bound = try #require(plan.bound)
    #expect(bound <= Self.bestKnown + 1e-6)
    #expect(objective >= Self.bestBound - 1e-6)
    #expect(plan.kpis.met > plan.kpis.due / 2)
  }

  /// The whole model's best plan known and best bound known (HiGHS, above).
  static let bestKnown = 15_432_750.0
  static let bestBound = 15_403_951.0

  /// demo-city started from the auction's seats instead of the blocks'
  /// plans (what a province does when its blocks would get too little
  /// time): the repair and the exchange make a plan that obeys every hard
  /// rule, at or above the optimum, with the bound below it.
  @Test func demoCityFromTheAuctionHolds() throws {
    let s = try Bundled.scenario("demo-city")
    let plan = try DecomposedPlanner.plan(
      s, options: SolveOptions(timeLimit: 20, mipGap: s.solver.mipGap), blockTarget: 500, startFromAuction: true)
    #expect(plan.log.contains { $0.hasPrefix("start from the auction's") })
    #expect(!plan.log.contains { $0.contains("blocks planned") })
    // The auction of the start keeps to the cadres' own classes and the
    // units' release limits: the guard drops none of its seats.
    #expect(plan.log.contains { $0.hasPrefix("seats from an auction that keeps") })
    #expect(!plan.log.contains { $0.hasPrefix("guard:") })
    let dir = Bundled.temporaryDirectory().appendingPathComponent("plan")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations.prefix(5))")
    let objective = try #require(plan.objective)
    let bound = try #require(plan.bound)
    #expect(bound <= Self.bestKnown + 1e-6)
    #expect(objective >= Self.bestBound - 1e-6)
    #expect(plan.kpis.met > plan.kpis.due * 3 / 4)
  }
}
