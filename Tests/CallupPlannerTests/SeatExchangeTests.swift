import CallupDomain
import CallupRules
import CallupPlan
@testable import CallupReports
@testable import CallupSolve
import Foundation
import Testing

/// The exchange across blocks on hand-made plans whose best move is known.
@Suite("seat exchange")
struct SeatExchangeTests {
  /// Bureau-level cadres owe a rotation worth 30,000, county-level ones
  /// 10,000 (each rule's weight); classes cost 1,000 a seat.
  static func scenario(
    cadres: [(String, Rank)], classes: [(String, capacity: Int, start: String)], kinds: [ClassKind] = [],
    minSize: Int = 1, fixedCost: Double = 0
  ) -> Scenario {
    func rule(_ id: String, _ rank: Rank, _ weight: Double) -> Rule {
      .cycle(
        CycleRule(
          info: RuleInfo(id: RuleID(id), type: "cycle"), who: Selector(ranks: [rank]), kinds: [.rotation], every: 1,
          weight: weight))
    }
    return Scenario(
      name: "exchange", year: 2025,
      policy: Policy(
        name: "test", rules: [rule("bureau-rotation", .bureau, 30_000), rule("county-rotation", .county, 10_000)]),
      units: [Unit(id: "U1", name: "一局", region: "R1", headcount: 100)],
      cadres: cadres.map { Cadre(id: CadreID($0.0), name: $0.0, unit: "U1", rank: $0.1) },
      classes: classes.enumerated().map { i, k in
        TrainingClass(
          id: ClassID(k.0), name: k.0, institution: "市委党校", region: "R1", kind: i < kinds.count ? kinds[i] : .rotation,
          start: Day(iso: k.start)!, days: 5, hours: 35, minSize: minSize, capacity: k.capacity, costPerSeat: 1000,
          fixedCost: fixedCost)
      })
  }

  static func exchange(_ s: Scenario, seats: [(Int, Int)], screened: [[Int32]], hours: [(cadre: Int, klass: Int)] = [])
    -> SeatExchange
  {
    let whole = Formulation(
      scenario: s,
      options: .init(planHours: false, quotas: Dictionary(uniqueKeysWithValues: s.classes.indices.map { ($0, 0) })))
    let calendar = PlanCalendar(
      scenario: s, year: s.year, assignments: seats.map { Assignment(cadre: $0.0, klass: $0.1) })
    var open = Array(repeating: false, count: s.classes.count)
    for (_, k) in seats { open[k] = true }
    return SeatExchange(s, book: whole.book, screened: screened, calendar: calendar, open: open, hoursSeats: hours)
  }

  /// The value of cadre `ci`'s rotation (its rule's weight, more for years overdue).
  static func value(_ e: SeatExchange, _ ci: Int) -> Double {
    e.book.obligations.first { $0.cadre == ci }!.value
  }

  static func plan(_ e: SeatExchange, _ s: Scenario) -> [String] {
    e.calendar.classesByCadre.enumerated().flatMap { ci, list in
      list.sorted().map { "\(s.cadres[ci].id)→\(s.classes[$0].id)" }
    }
  }

  /// K has one seat, taken by county-level A (worth 10,000 − 1,000);
  /// bureau-level B, worth 30,000, can attend only K. B takes the seat, and
  /// A then takes the free seat of L (held for C): every obligation is
  /// met, and the objective is the three seats' cost.
  @Test func aMoreValuableCadreTakesTheSeatAndTheOtherMovesOn() {
    let s = Self.scenario(
      cadres: [("A", .county), ("B", .bureau), ("C", .county)],
      classes: [("K", 1, "2025-04-01"), ("L", 2, "2025-06-01")])
    var e = Self.exchange(s, seats: [(0, 0), (2, 1)], screened: [[0, 1], [0], [1]])
    #expect(Self.value(e, 1) > Self.value(e, 0))
    // Before: B unmet, two seats.
    #expect(e.objective() == Self.value(e, 1) + 2_000)
    e.run()
    #expect(Self.plan(e, s) == ["A→L", "B→K", "C→L"])
    // A chain: A moves on to L, and B takes the seat it freed.
    #expect(e.chains == 1 && e.moved == 1 && e.swaps == 0 && e.adds == 0)
    #expect(e.objective() == 3_000)
    #expect(abs(e.gain - (Self.value(e, 1) - 1_000)) < 1e-6)
  }

  /// The same, but A can attend only K: bureau-level B still takes it and
  /// A is left unmet (a swap); county-level B, worth what A is, does not.
  @Test(arguments: [(Rank.bureau, ["B→K"], 0), (Rank.county, ["A→K"], 1)])
  func aSwapOnlyWhenItIsWorthMore(rankOfB: Rank, expected: [String], unmet: Int) {
    let s = Self.scenario(cadres: [("A", .county), ("B", rankOfB)], classes: [("K", 1, "2025-04-01")])
    var e = Self.exchange(s, seats: [(0, 0)], screened: [[0], [0]])
    e.run()
    #expect(Self.plan(e, s) == expected)
    #expect(e.swaps == (unmet == 0 ? 1 : 0))
    #expect(e.objective() == Self.value(e, unmet) + 1_000)
  }

  /// A seat of the hours stage that meets an obligation no call-up seat
  /// meets counts as a call-up seat from the start (B's); one that meets
  /// nothing (section-level D's) is worth nothing to the call-up and gives
  /// way to anyone who owes the class.
  @Test func hoursSeatsCountOrGiveWay() {
    let s = Self.scenario(cadres: [("A", .county), ("B", .county), ("D", .section)], classes: [("K", 1, "2025-04-01")])
    var e = Self.exchange(s, seats: [(1, 0)], screened: [[0], [0], [0]], hours: [(cadre: 1, klass: 0)])
    #expect(e.promoted == 1)
    #expect(e.objective() == Self.value(e, 0) + 1_000)
    e.run()
    #expect(Self.plan(e, s) == ["B→K"])
    var f = Self.exchange(s, seats: [(2, 0)], screened: [[0], [0], [0]], hours: [(cadre: 2, klass: 0)])
    #expect(f.promoted == 0)
    // Both rotations unmet; the hours seat costs nothing to the call-up.
    #expect(f.objective() == Self.value(f, 0) + Self.value(f, 1))
    f.run()
    #expect(Self.plan(f, s) == ["A→K"])
    #expect(f.swaps == 1)
    #expect(f.objective() == Self.value(f, 1) + 1_000)
  }

  /// Nobody holds K yet: A and B want it. With a minimum of 2 it opens
  /// with both (their rotations are worth more than its 5,000); with a
  /// minimum of 3 it cannot, and gets no seat.
  @Test(arguments: [(2, ["A→K", "B→K"]), (3, [String]())])
  func aClassOpensWhenItsTakersFillItsMinimum(minSize: Int, expected: [String]) {
    let s = Self.scenario(
      cadres: [("A", .county), ("B", .county)], classes: [("K", 10, "2025-04-01")], minSize: minSize,
      fixedCost: 5_000)
    var e = Self.exchange(s, seats: [], screened: [[0], [0]])
    let before = e.objective()
    e.run()
    #expect(Self.plan(e, s) == expected)
    #expect(e.opens == (expected.isEmpty ? 0 : 1))
    let after = expected.isEmpty ? before : before - Self.value(e, 0) - Self.value(e, 1) + 7_000
    #expect(e.objective() == after)
  }

  /// The time is up before the first pass: the classes worth opening still
  /// open (the repair's closed classes are worth most), and nothing else moves.
  @Test func classesOpenEvenWhenTheTimeIsUp() {
    let s = Self.scenario(
      cadres: [("A", .county), ("B", .county)], classes: [("K", 10, "2025-04-01")], minSize: 2, fixedCost: 5_000)
    var e = Self.exchange(s, seats: [], screened: [[0], [0]])
    e.run(more: { false })
    #expect(Self.plan(e, s) == ["A→K", "B→K"])
    #expect(e.opens == 1 && e.swaps == 0 && e.chains == 0)
  }

  /// U1 may have one person away a day. County-level A holds K; bureau-level
  /// B, worth more, can attend only K, on the same days, and the release
  /// limit keeps B out. A gives way and moves to L (other days, a free
  /// seat), so both are met; when A can attend only K, A goes without
  /// (B's rotation is worth more). C, of another unit, holds L open.
  @Test(arguments: [(true, ["A→L", "B→K", "C→L"], 1), (false, ["B→K", "C→L"], 0)])
  func aColleagueGivesWayUnderTheReleaseLimit(aMayMove: Bool, expected: [String], moves: Int) {
    var s = Self.scenario(
      cadres: [("A", .county), ("B", .bureau), ("C", .county)],
      classes: [("K", 10, "2025-04-01"), ("L", 10, "2025-06-01")])
    s.units[0].maxAway = 1
    s.units.append(Unit(id: "U2", name: "二局", region: "R1", headcount: 100))
    s.cadres[2].unit = "U2"
    s.reindex()
    var e = Self.exchange(s, seats: [(0, 0), (2, 1)], screened: [aMayMove ? [0, 1] : [0], [0], [1]])
    #expect(e.calendar.clash(cadre: 1, klass: 0) == .releaseLimit)
    e.run()
    #expect(Self.plan(e, s) == expected)
    #expect(e.releaseSwaps == 1 && e.releaseMoves == moves)
    #expect(e.objective() == (aMayMove ? 3_000 : Self.value(e, 0) + 2_000))
  }

  /// B is in a professional class M on K's days: no swap that would give
  /// B two classes at once, whatever B's rotation is worth.
  @Test func noSwapThatClashes() {
    let s = Self.scenario(
      cadres: [("A", .county), ("B", .bureau), ("C", .county)],
      classes: [("K", 1, "2025-04-01"), ("M", 5, "2025-04-02")], kinds: [.rotation, .professional])
    var e = Self.exchange(s, seats: [(0, 0), (1, 1), (2, 1)], screened: [[0], [0, 1], [1]])
    e.run()
    #expect(Self.plan(e, s) == ["A→K", "B→M", "C→M"])
    #expect(e.swaps == 0 && e.adds == 0)
  }
}
