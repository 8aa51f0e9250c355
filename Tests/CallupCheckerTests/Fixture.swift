import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// A tiny city: two units, five cadres, four classes of 2025 and one of 2026.
///
/// Worked out by hand for the valid plan (C1: P1, P2; C3: P3; C2, C4 not held):
/// - annual-rotation (county, every 1): P1 and P2 due (no rotation, overdue 1),
///   P4 not due (history rotation in 2025). Both met by C1.
/// - systematic-leaders (county, every 5, min 5 days): P2 due (2019, overdue 1),
///   P1 (2022) and P4 (2023) not. P2 unmet: C2 is not held.
/// - due 3, met 2, overdue_due 3, overdue_met 2, classes_held 2,
///   cost = 1000 + 2 × 100 + 0 + 50 = 1250.
/// - unit-fifth (team, 0.5, rotation/systematic): U1 needs 1 of 2, has 2;
///   U2 needs 1 of 1, has P4's history rotation in 2025.
/// - release: U1 limit min(2, floor(0.3 × 10)) = 2, two away 03-03..03-07.
/// - peak share: U2 (headcount = 2 cadres) has P4 away 01-10..01-14: 0.5.
enum Fixture {
  static func day(_ s: String) -> Day { Day(iso: s)! }
  static func range(_ a: String, _ b: String) -> DayRange { DayRange(first: day(a), last: day(b)) }

  static let rotation = CycleRule(
    info: RuleInfo(id: "annual-rotation", type: "cycle"), who: Selector(ranks: [.county]), kinds: [.rotation],
    every: 1)
  static let systematic = CycleRule(
    info: RuleInfo(id: "systematic-leaders", type: "cycle"), who: Selector(ranks: [.county]),
    kinds: [.systematic], every: 5, minDays: 5)
  static let unitFifth = UnitShareRule(
    info: RuleInfo(id: "unit-fifth", type: "unit-share"), who: Selector(leadership: [.team]),
    share: ExactDecimal("0.5")!, kinds: [.rotation, .systematic])
  static let release = ReleaseRule(
    info: RuleInfo(id: "release-limit", type: "release"), maxAway: 2, maxAwayShare: ExactDecimal("0.3")!)
  static let noDuplicate = NoDuplicateRule(
    info: RuleInfo(id: "no-duplicate", type: "no-duplicate"), maxPerYear: 3, themeYears: 5)

  static var policy: Policy {
    Policy(
      name: "test",
      rules: [
        .cycle(rotation), .cycle(systematic), .unitShare(unitFifth), .release(release), .noDuplicate(noDuplicate),
      ])
  }

  static var units: [CallupDomain.Unit] {
    [
      CallupDomain.Unit(id: "U1", name: "财政局", region: "R1", headcount: 10),
      CallupDomain.Unit(id: "U2", name: "教育局", region: "R2"),
    ]
  }

  static var cadres: [Cadre] {
    [
      Cadre(id: "P1", name: "张三", unit: "U1", rank: .county, leadership: .principal),
      Cadre(id: "P2", name: "李四", unit: "U1", rank: .county, leadership: .deputy),
      Cadre(id: "P3", name: "王五", unit: "U1", rank: .section),
      Cadre(id: "P4", name: "赵六", unit: "U2", rank: .county, leadership: .principal),
      Cadre(
        id: "P5", name: "钱七", unit: "U2", rank: .section, unavailable: [range("2025-09-01", "2025-09-05")]),
    ]
  }

  static var classes: [TrainingClass] {
    [
      TrainingClass(
        id: "C1", name: "县处级干部轮训班", institution: "市委党校", region: "R1", kind: .rotation, theme: "rural",
        start: day("2025-03-03"), days: 5, hours: 40, minSize: 2, capacity: 3, ranks: [.county], costPerSeat: 100,
        fixedCost: 1000),
      TrainingClass(
        id: "C2", name: "主体班", institution: "市委党校", region: "R1", kind: .systematic, start: day("2025-05-05"),
        days: 10, hours: 80, minSize: 1, capacity: 2, ranks: [.county], costPerSeat: 200, fixedCost: 500),
      TrainingClass(
        id: "C3", name: "数字经济专题班", institution: "某大学", institutionType: .university, region: "R1",
        kind: .professional, theme: "digital", start: day("2025-09-01"), days: 3, hours: 24, minSize: 1,
        capacity: 10, costPerSeat: 50),
      TrainingClass(
        id: "C4", name: "网络学习", institution: "网院", region: "R1", kind: .online, start: day("2025-03-03"),
        days: 5, hours: 10),
      TrainingClass(
        id: "C9", name: "2026轮训班", institution: "市委党校", region: "R1", kind: .rotation,
        start: day("2026-03-02"), days: 5, hours: 40, ranks: [.county]),
    ]
  }

  static var history: [HistoryRecord] {
    [
      HistoryRecord(cadre: "P1", kind: .systematic, start: day("2022-04-01"), days: 10, hours: 80),
      HistoryRecord(cadre: "P2", kind: .systematic, start: day("2019-04-01"), days: 10, hours: 80),
      HistoryRecord(cadre: "P4", kind: .systematic, start: day("2023-04-01"), days: 10, hours: 80),
      HistoryRecord(cadre: "P4", classID: "H1", kind: .rotation, start: day("2025-01-10"), days: 5, hours: 40),
    ]
  }

  static func scenario(_ change: (inout Scenario) -> Void = { _ in }) -> Scenario {
    var s = Scenario(
      name: "tiny-city", year: 2025, policy: policy, units: units, cadres: cadres, classes: classes,
      history: history)
    change(&s)
    s.reindex()
    return s
  }

  static var kpis: [String: Double] {
    [
      "due": 3, "met": 2, "overdue_due": 3, "overdue_met": 2, "classes_held": 2, "cost": 1250,
      "peak_unit_away_share": 0.5,
    ]
  }

  static func plan(_ change: (inout PlanFile) -> Void = { _ in }) -> PlanFile {
    var p = PlanFile(
      scenario: "tiny-city", year: 2025, horizon: 1, status: "optimal", objective: 41250, bound: 41000,
      gap: 250.0 / 41250, seconds: 0.1,
      classes: [
        .init(id: "C1", held: true, attendees: 2), .init(id: "C2", held: false, attendees: 0),
        .init(id: "C3", held: true, attendees: 1), .init(id: "C4", held: false, attendees: 0),
      ],
      assignments: [
        .init(cadre: "P1", classID: "C1"), .init(cadre: "P2", classID: "C1"), .init(cadre: "P3", classID: "C3"),
      ],
      unmet: [.init(cadre: "P2", rule: "systematic-leaders", year: 2025, reason: "cost")],
      unitShortfalls: [], kpis: kpis)
    change(&p)
    return p
  }

  static var rosters: [RosterRow] {
    [
      RosterRow(
        classID: "C1", className: "县处级干部轮训班", start: "2025-03-03", end: "2025-03-07", cadre: "P1", name: "张三",
        unit: "U1", region: "R1", rank: "county"),
      RosterRow(
        classID: "C1", className: "县处级干部轮训班", start: "2025-03-03", end: "2025-03-07", cadre: "P2", name: "李四",
        unit: "U1", region: "R1", rank: "county"),
      RosterRow(
        classID: "C3", className: "数字经济专题班", start: "2025-09-01", end: "2025-09-03", cadre: "P3", name: "王五",
        unit: "U1", region: "R1", rank: "section"),
    ]
  }

  static var notices: [NoticeRow] {
    [
      NoticeRow(
        unit: "U1", unitName: "财政局", cadre: "P1", name: "张三", classID: "C1", className: "县处级干部轮训班",
        institution: "市委党校", start: "2025-03-03", end: "2025-03-07"),
      NoticeRow(
        unit: "U1", unitName: "财政局", cadre: "P2", name: "李四", classID: "C1", className: "县处级干部轮训班",
        institution: "市委党校", start: "2025-03-03", end: "2025-03-07"),
      NoticeRow(
        unit: "U1", unitName: "财政局", cadre: "P3", name: "王五", classID: "C3", className: "数字经济专题班",
        institution: "某大学", start: "2025-09-01", end: "2025-09-03"),
    ]
  }

  /// Checks a plan (the valid one unless changed) against a scenario. The
  /// objective is compared only with `objective: true`: the tests of other
  /// rules change plans and scenarios without recomputing it
  /// (`ObjectiveTests` test it).
  static func check(
    scenario s: Scenario = scenario(), plan p: PlanFile = plan(), rosters r: [RosterRow]? = rosters,
    notices n: [NoticeRow]? = notices, objective: Bool = false
  ) -> CheckReport {
    PlanChecker(scenario: s, checksObjective: objective).check(plan: p, rosters: r, notices: n)
  }

  static func history(_ s: inout Scenario, _ r: HistoryRecord) { s.history.append(r) }

  static func edit<T>(_ list: inout [T], where match: (T) -> Bool, _ change: (inout T) -> Void) {
    for i in list.indices where match(list[i]) { change(&list[i]) }
  }

  // MARK: Files

  static func csv(_ rows: [[String]]) -> String {
    rows.map { r in
      r.map { f in
        f.contains(",") || f.contains("\"") || f.contains("\n")
          ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
      }.joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
  }

  static func rostersCSV(_ rows: [RosterRow]) -> String {
    csv(
      [RosterRow.header]
        + rows.map { [$0.classID, $0.className, $0.start, $0.end, $0.cadre, $0.name, $0.unit, $0.region, $0.rank] })
  }

  static func noticesCSV(_ rows: [NoticeRow]) -> String {
    csv(
      [NoticeRow.header]
        + rows.map {
          [$0.unit, $0.unitName, $0.cadre, $0.name, $0.classID, $0.className, $0.institution, $0.start, $0.end]
        })
  }

  static func json(_ p: PlanFile) -> String {
    func opt(_ v: Any?) -> Any { v ?? NSNull() }
    var top: [String: Any] = [
      "scenario": opt(p.scenario), "year": opt(p.year), "horizon": opt(p.horizon), "status": opt(p.status),
      "objective": opt(p.objective), "bound": opt(p.bound), "gap": opt(p.gap), "seconds": opt(p.seconds),
    ]
    top["classes"] = (p.classes ?? []).map { ["id": opt($0.id), "held": opt($0.held), "attendees": opt($0.attendees)] }
    top["assignments"] = (p.assignments ?? []).map { a -> [String: Any] in
      var d: [String: Any] = ["cadre": opt(a.cadre), "class": opt(a.classID)]
      if let y = a.year { d["year"] = y }
      return d
    }
    top["unmet"] = (p.unmet ?? []).map { u -> [String: Any] in
      var d: [String: Any] = ["cadre": opt(u.cadre), "rule": opt(u.rule), "reason": opt(u.reason)]
      if let y = u.year { d["year"] = y }
      return d
    }
    top["unit_shortfalls"] = (p.unitShortfalls ?? []).map {
      [
        "unit": opt($0.unit), "rule": opt($0.rule), "year": opt($0.year), "required": opt($0.required),
        "planned": opt($0.planned), "reason": opt($0.reason),
      ]
    }
    top["kpis"] = p.kpis ?? [:]
    if let targets = p.targets {
      top["targets"] = targets.map { t -> [String: Any] in
        var d: [String: Any] = [
          "rule": opt(t.rule), "name": opt(t.name), "year": opt(t.year), "lo": opt(t.lo), "planned": opt(t.planned),
          "status": opt(t.status),
        ]
        if t.hiGiven { d["hi"] = opt(t.hi) }
        return d
      }
    }
    if let conflicts = p.conflicts {
      top["conflicts"] = conflicts.map {
        [
          "rules": opt($0.rules), "year": opt($0.year), "message": opt($0.message), "needed": opt($0.needed),
          "available": opt($0.available),
        ]
      }
    }
    let data = try! JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  /// Writes a plan directory to a fresh temporary folder.
  static func writePlanDirectory(
    plan: String? = json(plan()), rosters: String? = rostersCSV(rosters), notices: String? = noticesCSV(notices),
    bom: Bool = false
  ) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("callup-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let prefix = bom ? "\u{FEFF}" : ""
    if let plan { try Data(plan.utf8).write(to: dir.appendingPathComponent("plan.json")) }
    if let rosters { try Data((prefix + rosters).utf8).write(to: dir.appendingPathComponent("rosters.csv")) }
    if let notices { try Data((prefix + notices).utf8).write(to: dir.appendingPathComponent("notices.csv")) }
    return dir
  }
}

/// Expects exactly `count` violations, all of `rule`, and returns them.
@discardableResult
func expectOnly(
  _ rule: String, count: Int = 1, in report: CheckReport, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [CheckViolation] {
  #expect(
    report.violations.map(\.rule) == Array(repeating: rule, count: count),
    "\(report.violations.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
  return report.violations
}

/// The message of the `i`-th violation, or "" when there are fewer (so that a
/// wrong count fails the test instead of stopping the run).
func msg(_ v: [CheckViolation], _ i: Int) -> String { i < v.count ? v[i].message : "" }
