import CallupChecker
import CallupDomain
import CallupPlanner
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
      name: "r", year: 2025, horizon: 3, policy: Policy(name: "p", rules: [.cycle(rule)]), units: [unit], cadres: cadres,
      classes: [], history: history)
    #expect(RotationPlanner.pullForward(s) == [0: [2]])  // P03, trained 2021 (P06 too, later id)
    // Nothing to pull forward when the due already make the year's share.
    var heavy = history
    heavy[1].start = Self.day("2019-03-01")
    let s2 = Scenario(
      name: "r", year: 2025, horizon: 3, policy: Policy(name: "p", rules: [.cycle(rule)]), units: [unit], cadres: cadres,
      classes: [], history: heavy)
    #expect(RotationPlanner.pullForward(s2).isEmpty)
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
    let plan = try RotationPlanner.plan(s, options: SolveOptions(timeLimit: 60, mipGap: 0.005))
    #expect(plan.horizon == 3 && plan.years.map(\.year) == [2025, 2026, 2027])
    #expect(plan.bound == nil && plan.status == .feasible)
    for y in plan.years {
      #expect(y.assignments.allSatisfy { s.classes[$0.klass].year == y.year })
    }
    #expect(plan.assignments.count == plan.years.reduce(0) { $0 + $1.assignments.count })
    #expect(plan.kpis.due == plan.years.reduce(0) { $0 + $1.kpis.due })
    // The first year is the annual call-up itself.
    let annual = try Planner.plan(base, options: SolveOptions(timeLimit: 60, mipGap: 0.005))
    #expect(plan.years[0].pairs == annual.pairs)
    // Annual rotation is due again every year for the leaders met the year before.
    #expect(plan.years[1].kpis.due > 0)

    let dir = Bundled.temporaryDirectory().appendingPathComponent("rotation")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json"))) as! [String: Any]
    #expect(json["horizon"] as? Int == 3)
    let assignments = json["assignments"] as! [[String: Any]]
    #expect(assignments.allSatisfy { $0["year"] is Int })
    let rotation = json["rotation"] as! [[String: Any]]
    #expect(rotation.map { $0["year"] as? Int } == [2025, 2026, 2027])
    let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("id=\"rotation\""))
    // `explain --year 2026` reads the second year as it was planned: the
    // first year's call-ups attended, the same obligations due.
    let second = try PlanState.year(2026, of: s, record: try PlanRecord.read(dir))
    #expect(second.record.assignments.count == plan.years[1].assignments.count)
    #expect(Explainer(state: second).book.obligations.count == plan.years[1].kpis.due)
  }
}
