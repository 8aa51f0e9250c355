import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import CallupRules
import Foundation
import Testing

/// The rotation plan (horizon 2–5): each year an annual call-up, earlier
/// years counting as attended, the years kept even by training some ahead.
@Suite("rotation plan")
struct RotationTests {
  static func day(_ s: String) -> Day { Day(iso: s)! }

  /// Ten county leaders on a five-year cycle: P01 last trained in 2020
  /// (due), the others in 2021–2024. A fifth of ten is two a year, so one
  /// more is trained ahead: the one whose cycle ends soonest (2021 → 2026),
  /// the lower id first among equals.
  @Test func aLightYearTrainsThoseWhoseCycleEndsSoonest() {
    let unit = Unit(id: "U1", name: "一局", region: "R1", headcount: 50)
    let cadres = (1...10).map { i in
      Cadre(id: CadreID(String(format: "P%02d", i)), name: "干部\(i)", unit: "U1", rank: .county, leadership: .deputy)
    }
    let last = [2020, 2022, 2021, 2023, 2024, 2021, 2022, 2023, 2024, 2024]
    let history = cadres.indices.map { i in
      HistoryRecord(cadre: cadres[i].id, kind: .systematic, start: Self.day("\(last[i])-03-01"), days: 30, hours: 210)
    }
    let rule = CycleRule(
      info: RuleInfo(id: "systematic-leaders", type: "cycle"), who: Selector(ranks: [.county]), kinds: [.systematic],
      every: 5)
    let s = Scenario(
      name: "r", year: 2025, horizon: 3, policy: Policy(name: "p", rules: [.cycle(rule)]), units: [unit],
      cadres: cadres,
      classes: [], history: history)
    #expect(RotationPlanner.pullForward(s) == [0: [2]])  // P03, trained 2021 (P06 too, later id)
    // A later year keeping up with a first year that trained 4 (⌈0.9 × 4⌉):
    // P01 is due, and three go early: P03 and P06 (2021), P02 (2022).
    #expect(RotationPlanner.pullForward(s, keep: [0: 4]) == [0: [2, 5, 1]])
    #expect(RotationPlanner.pullForward(s, keep: [0: 2]) == [0: [2]])
    // Nothing to pull forward when the due already make the year's share.
    var heavy = history
    heavy[1].start = Self.day("2019-03-01")
    let s2 = Scenario(
      name: "r", year: 2025, horizon: 3, policy: Policy(name: "p", rules: [.cycle(rule)]), units: [unit],
      cadres: cadres,
      classes: [], history: heavy)
    #expect(RotationPlanner.pullForward(s2).isEmpty)
  }

  /// Planned block by block, a cadre to train ahead of the cycle is trained
  /// as the whole model trains it: P01 (due) and P03 (early) take the two
  /// seats worth taking, nobody else is called up.
  @Test func blocksTrainTheEarlyAsTheWholeModelDoes() throws {
    let units = (1...2).map { Unit(id: UnitID("U\($0)"), name: "局\($0)", region: "R1", headcount: 50) }
    let cadres = (1...10).map { i in
      Cadre(
        id: CadreID(String(format: "P%02d", i)), name: "干部\(i)", unit: units[(i - 1) % 2].id, rank: .county,
        leadership: .deputy)
    }
    let last = [2020, 2022, 2021, 2023, 2024, 2022, 2022, 2023, 2024, 2024]
    let history = cadres.indices.map { i in
      HistoryRecord(cadre: cadres[i].id, kind: .systematic, start: Self.day("\(last[i])-03-01"), days: 30, hours: 210)
    }
    let rule = CycleRule(
      info: RuleInfo(id: "systematic-leaders", type: "cycle"), who: Selector(ranks: [.county]), kinds: [.systematic],
      every: 5)
    let klass = TrainingClass(
      id: "S1", name: "进修班", institution: "省委党校", region: "R1", kind: .systematic, start: Self.day("2025-09-01"),
      days: 30, hours: 210, minSize: 1, capacity: 10, costPerSeat: 100)
    let s = Scenario(
      name: "r", year: 2025, horizon: 1, policy: Policy(name: "p", rules: [.cycle(rule)]), units: units,
      cadres: cadres, classes: [klass], history: history)
    let early = RotationPlanner.pullForward(s)
    #expect(early == [0: [2]])
    let options = SolveOptions(timeLimit: 30, mipGap: 0)
    let blocks = try DecomposedPlanner.plan(s, options: options, blockTarget: 1, early: early)
    #expect(blocks.log.contains { $0.contains("2 blocks of units") })
    #expect(Set(blocks.assignments.map { s.cadres[$0.cadre].id.rawValue }) == ["P01", "P03"])
    #expect(blocks.early == 1)
    let f = Formulation(scenario: s, year: 2025, options: .init(planHours: false, early: early))
    let whole = try Planner.solve(f, options: options)
    #expect(abs((blocks.objective ?? 0) - whole.objective!) < 1e-6)
  }

  /// The bundled tiny scenario over three years, its catalogue repeated:
  /// every year planned, each call-up in its own year, the independent
  /// checker accepts the whole horizon.
  @Test func threeYearsOfTinyHold() throws {
    let base = try Bundled.scenario("tiny")
    var classes = base.classes
    for y in 2026...2027 {
      for c in base.classes {
        var k = c
        let d = c.start.components
        k.start = Day(year: y, month: d.month, day: min(d.day, 28))!
        k.id = ClassID("\(c.id.rawValue)-\(y)")
        classes.append(k)
      }
    }
    let s = Scenario(
      name: base.name, year: 2025, horizon: 3, period: base.period, policy: base.policy, solver: base.solver,
      units: base.units, cadres: base.cadres, classes: classes, history: base.history, directory: base.directory)
    let plan = try Planning.plan(PlanRequest(scenario: s, timeLimit: 60, mipGap: 0.005))
    #expect(plan.horizon == 3 && plan.years.map(\.year) == [2025, 2026, 2027])
    #expect(plan.bound == nil && plan.status == .feasible)
    for y in plan.years {
      #expect(y.assignments.allSatisfy { s.classes[$0.klass].year == y.year })
    }
    #expect(plan.assignments.count == plan.years.reduce(0) { $0 + $1.assignments.count })
    #expect(plan.kpis.due == plan.years.reduce(0) { $0 + $1.kpis.due })
    // The first year is the annual call-up itself.
    let annual = try Planning.plan(PlanRequest(scenario: base, timeLimit: 60, mipGap: 0.005))
    #expect(plan.years[0].pairs == annual.pairs)
    // Annual rotation is due again every year for the leaders met the year before.
    #expect(plan.years[1].kpis.due > 0)

    let dir = Bundled.temporaryDirectory().appendingPathComponent("rotation")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
      as! [String: Any]
    #expect(json["horizon"] as? Int == 3)
    let assignments = json["assignments"] as! [[String: Any]]
    #expect(assignments.allSatisfy { $0["year"] is Int })
    let rotation = json["rotation"] as! [[String: Any]]
    #expect(rotation.map { $0["year"] as? Int } == [2025, 2026, 2027])
    let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("id=\"rotation\""))
    #expect(html.contains("各年与均值的最大偏差"))
    #expect(ReportHTML.spread([90, 100, 110]) == 0.1 && ReportHTML.spread([0, 0]) == nil)
    #expect(ReportHTML.spread([160, 80]).map { abs($0 - 1.0 / 3) < 1e-12 } == true)
    // `explain --year 2026` reads the second year as it was planned: the
    // first year's call-ups attended, the same obligations due.
    let second = try PlanState.year(2026, of: s, record: try PlanRecord.read(dir))
    #expect(second.record.assignments.count == plan.years[1].assignments.count)
    #expect(Explainer(state: second).book.obligations.count == plan.years[1].kpis.due)
  }

  /// Later years from yearly capacities (provisional classes) and every
  /// year planned block by block, the early obligations included: each
  /// year's call-ups in its own classes, the later ones all provisional,
  /// and the independent checker accepts the whole horizon.
  @Test func yearsFromCapacitiesPlannedInBlocksHold() throws {
    let base = try Bundled.scenario("tiny")
    var later: [TrainingClass] = []
    for y in 2026...2027 {
      for c in base.classes {
        var k = c
        let d = c.start.components
        k.start = Day(year: y, month: d.month, day: min(d.day, 28))!
        later.append(k)
      }
    }
    let capacities = YearlyCapacity.summarize(later)
    let s = Scenario(
      name: base.name, year: 2025, horizon: 3, period: base.period, policy: base.policy, solver: base.solver,
      units: base.units, cadres: base.cadres, classes: base.classes + YearlyCapacity.provisionalClasses(capacities),
      history: base.history, directory: base.directory)
    let plan = try Planning.plan(PlanRequest(scenario: s, timeLimit: 60, mipGap: 0.005, blockSize: 3))
    #expect(plan.years.map(\.year) == [2025, 2026, 2027])
    #expect(plan.years.allSatisfy { $0.log.contains { $0.contains("blocks planned") } })
    for y in plan.years {
      #expect(y.assignments.allSatisfy { s.classes[$0.klass].year == y.year })
      #expect(y.assignments.allSatisfy { s.classes[$0.klass].provisional == (y.year > 2025) })
    }
    #expect(plan.years[1].assignments.count > 0 && plan.years[2].assignments.count > 0)
    let dir = Bundled.temporaryDirectory().appendingPathComponent("rotation-capacities")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
      as! [String: Any]
    let listed = (json["classes"] as! [[String: Any]]).filter { $0["provisional"] as? Bool == true }
    #expect(listed.count == s.classes.filter(\.provisional).count)
    #expect(listed.allSatisfy { $0["nominal_start"] is String && $0["kind"] is String })
  }

  /// Appointment training is for the year's new appointees only. N1 was
  /// appointed in 2025, O1 in 2018; the unit must send both of its team
  /// (a share of 1) to appointment training. N1 goes in 2025; O1 is never
  /// sent (a second appointment training), and the unit falls one short.
  /// In 2026 nobody listed is new, so the 2026 class keeps the one seat the
  /// first year called up for the new appointees to come.
  @Test func appointmentClassesTakeOnlyNewAppointeesAndLaterYearsReserve() throws {
    let unit = Unit(id: "U1", name: "一局", region: "R1", headcount: 20)
    let cadres = [
      Cadre(id: "N1", name: "新任", unit: "U1", rank: .section, leadership: .deputy, appointed: Self.day("2025-03-01")),
      Cadre(id: "O1", name: "老任", unit: "U1", rank: .section, leadership: .deputy, appointed: Self.day("2018-03-01")),
    ]
    let intake = CycleRule(
      info: RuleInfo(id: "new-appointee", type: "cycle"), who: Selector(ranks: [.section], appointedWithinYears: 1),
      kinds: [.appointment], every: 1)
    let share = UnitShareRule(
      info: RuleInfo(id: "unit-all", type: "unit-share"), who: Selector(leadership: [.team]), share: ExactDecimal("1")!,
      kinds: [.appointment])
    let classes = [2025, 2026].map { y in
      TrainingClass(
        id: ClassID("A\(y)"), name: "\(y)年任职培训班", institution: "区委党校", region: "R1", kind: .appointment,
        start: Self.day("\(y)-06-01"), days: 5, hours: 35, minSize: 1, capacity: 10, costPerSeat: 100)
    }
    let s = Scenario(
      name: "r", year: 2025, horizon: 2, policy: Policy(name: "p", rules: [.cycle(intake), .unitShare(share)]),
      units: [unit], cadres: cadres, classes: classes, history: [])
    #expect(s.policy.intakeRules == [.appointment: [0]])
    let screen = CandidateScreen(scenario: s)
    #expect(screen.screen(cadre: 0, klass: 0) == nil)
    #expect(screen.screen(cadre: 1, klass: 0) == .eligibility)
    #expect(screen.screen(cadre: 0, klass: 1) == .eligibility)  // no longer new in 2026

    let plan = try Planning.plan(PlanRequest(scenario: s, timeLimit: 30, mipGap: 0))
    #expect(plan.years[0].pairs == ["N1→A2025"])
    #expect(plan.years[0].shortfalls.count == 1)
    #expect(plan.years[1].assignments.isEmpty)
    #expect(plan.years[0].reserved.isEmpty && plan.years[1].reserved == [1: 1])
    #expect(plan.years[1].loadByKind == [.appointment: 1])
    let dir = Bundled.temporaryDirectory().appendingPathComponent("rotation-intake")
    try PlanWriter.write(plan, to: dir)
    #expect(PlanChecker(scenario: s).check(planDirectory: dir).holds)
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
      as! [String: Any]
    let a2026 = (json["classes"] as! [[String: Any]]).first { $0["id"] as? String == "A2026" }
    #expect(a2026?["held"] as? Bool == false && a2026?["reserved"] as? Int == 1)
    let rotation = json["rotation"] as! [[String: Any]]
    #expect(rotation[1]["reserved_by_kind"] as? [String: Int] == ["appointment": 1])
    #expect(rotation[0]["reserved_by_kind"] as? [String: Int] == [:])
    // The explanation says why O1 is not in the class.
    let e = Explainer(state: try PlanState.year(2025, of: s, record: try PlanRecord.read(dir)))
    let verdict = e.verdict(cadre: 1, klass: 0)
    #expect(verdict.obstacle == .notAdmitted)
    #expect(
      e.text(verdict, cadre: 1, language: .english)
        == "not eligible: appointment classes are for the new appointees of their year (new-appointee) only; the cadre was appointed in 2018"
    )
  }

  /// A unit whose team of four (county deputies) must all go to a reading
  /// class each year (a share of 1); P3 and P4 are away all of 2025. Two
  /// reading classes a year, 2025 and 2026 (21 h, 10 seats); with
  /// `readingHours`, county cadres need 21 reading hours a year.
  static func readingTeam(readingHours: Bool = false, seatCostIn2026: Double = 100) -> Scenario {
    let unit = Unit(id: "U1", name: "一局", region: "R1", headcount: 20)
    let away = [DayRange(first: Self.day("2025-01-01"), last: Self.day("2025-12-31"))]
    let cadres = (1...4).map { i in
      Cadre(
        id: CadreID("P\(i)"), name: "干部\(i)", unit: "U1", rank: .county, leadership: .deputy,
        unavailable: i > 2 ? away : [])
    }
    let share = UnitShareRule(
      info: RuleInfo(id: "unit-all", type: "unit-share"), who: Selector(leadership: [.team]), share: ExactDecimal("1")!,
      kinds: [.reading])
    let hours = HoursRule(
      info: RuleInfo(id: "hours-reading", type: "hours"), who: Selector(ranks: [.county]), window: .years(1),
      minHours: 21, kinds: [.reading])
    let classes = [2025, 2026].flatMap { y in
      ["04-10", "09-10"].enumerated().map { i, date in
        TrainingClass(
          id: ClassID("R\(y)-\(i + 1)"), name: "\(y)年读书班第\(i + 1)期", institution: "市委党校", region: "R1",
          kind: .reading, start: Self.day("\(y)-\(date)"), days: 3, hours: 21, minSize: 1, capacity: 10,
          costPerSeat: y == 2025 ? 100 : seatCostIn2026)
      }
    }
    return Scenario(
      name: "r", year: 2025, horizon: 2,
      policy: Policy(name: "p", rules: readingHours ? [.unitShare(share), .hours(hours)] : [.unitShare(share)]),
      units: [unit], cadres: cadres, classes: classes, history: [])
  }

  /// Reading classes, which no cycle rule asks for, take seats only for a
  /// unit's share; each later year takes at most the first year's seats
  /// times 1 + elective_growth. The unit must send all four of its team
  /// (a share of 1). In 2025 P3 and P4 are unavailable, so two go; in 2026
  /// all four could, but the ceiling is ⌊2 × 1.1⌋ = 2, planned as one
  /// model and block by block alike. With no ceiling, all four go.
  @Test func laterYearsKeepTheElectiveKindsToTheFirstYearsLoad() throws {
    var s = Self.readingTeam()
    #expect(s.policy.electiveKinds.contains(.reading))
    let options = SolveOptions(timeLimit: 30, mipGap: 0)
    for blocks in [nil, 1] as [Int?] {
      let plan = try Planning.plan(
        PlanRequest(scenario: s, timeLimit: options.timeLimit, mipGap: options.mipGap, blockSize: blocks))
      #expect(plan.years.map(\.assignments.count) == [2, 2], "blocks: \(String(describing: blocks))")
      #expect(plan.years[1].shortfalls.count == 1)
      if blocks != nil {
        #expect(
          plan.years[1].log.contains { $0.hasPrefix("elective load (at most reading 2 seats): 2 seats taken out") })
      }
      let dir = Bundled.temporaryDirectory().appendingPathComponent("rotation-elective")
      try PlanWriter.write(plan, to: dir)
      #expect(PlanChecker(scenario: s).check(planDirectory: dir).holds)
    }
    s.policy.rotation.electiveGrowth = nil
    for blocks in [nil, 1] as [Int?] {
      let plan = try Planning.plan(
        PlanRequest(scenario: s, timeLimit: options.timeLimit, mipGap: options.mipGap, blockSize: blocks))
      #expect(plan.years.map(\.assignments.count) == [2, 4], "blocks: \(String(describing: blocks))")
    }
  }

  /// The floor: a later year gives a kind no rule asks for at least the
  /// first year's seats, with cadres short of their hours pace, those behind
  /// pace first. The unit must send all four of its team to a reading
  /// class; in 2025 P3 and P4 are unavailable, so P1 and P2 go (2 seats).
  /// A seat of 2026 costs more than the share and the hours are worth, so
  /// left alone 2026 has none; the floor gives 2026 two seats, to P3 and
  /// P4, who had no reading hours in 2025 (behind the yearly pace of 21 h)
  /// where P1 and P2 are on it. One model and block by block alike.
  @Test func laterYearsKeepTheElectiveKindsUpToTheFirstYearsLoad() throws {
    var s = Self.readingTeam(readingHours: true, seatCostIn2026: 1_000_000)
    let options = SolveOptions(timeLimit: 30, mipGap: 0)
    for blocks in [nil, 1] as [Int?] {
      let plan = try Planning.plan(
        PlanRequest(scenario: s, timeLimit: options.timeLimit, mipGap: options.mipGap, blockSize: blocks))
      let label = "blocks: \(String(describing: blocks))"
      let who = plan.years.map { p in p.assignments.map { p.scenario.cadres[$0.cadre].id.rawValue }.sorted() }
      #expect(who == [["P1", "P2"], ["P3", "P4"]], "\(label)")
      #expect(
        plan.years[1].log.contains {
          $0.hasPrefix(
            "elective load (at least reading 2 seats): 2 seats for cadres short of their hours pace, 1 classes opened")
        }, "\(label)")
      let dir = Bundled.temporaryDirectory().appendingPathComponent("rotation-elective-floor")
      try PlanWriter.write(plan, to: dir)
      #expect(PlanChecker(scenario: s).check(planDirectory: dir).holds)
    }
    s.policy.rotation.electiveGrowth = nil
    for blocks in [nil, 1] as [Int?] {
      let plan = try Planning.plan(
        PlanRequest(scenario: s, timeLimit: options.timeLimit, mipGap: options.mipGap, blockSize: blocks))
      #expect(plan.years.map(\.assignments.count) == [2, 0], "blocks: \(String(describing: blocks))")
    }
  }
}
