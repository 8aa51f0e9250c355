import CallupDomain

/// The hand-made `tiny` scenario: 13 cadres in 4 units and 8 classes, in
/// which every rule shows by eye. scenarios/tiny/README.md lists each cadre
/// and the outcome a planner must reach; the files there are this value,
/// written by `ScenarioWriter`.
public enum TinyScenario {
  /// The policy scenarios/tiny names: the core rules, worked out by hand in its README.
  public static let policyPath = "../../policies/core.yaml"

  /// The scenario (plan year 2025, period 2024–2028, placeholder policy).
  public static var scenario: Scenario {
    Scenario(
      name: "tiny", year: 2025, horizon: 1, period: 2024...2028, policy: Policy(name: "core", rules: []),
      solver: SolverSettings(timeLimit: 60, mipGap: 0.005), units: units, cadres: cadres, classes: classes,
      history: history)
  }

  static func day(_ s: String) -> Day {
    guard let d = Day(iso: s) else { preconditionFailure("bad literal date \(s)") }
    return d
  }

  static let units: [Unit] = [
    Unit(id: "U1", name: "中共示范市委员会", region: "shifan", headcount: 40),
    Unit(id: "U2", name: "示范市应急管理局", region: "shifan", parent: "U1", headcount: 3, maxAway: 1),
    Unit(id: "U3", name: "示范市发展和改革委员会", region: "shifan", parent: "U1", headcount: 25),
    Unit(id: "U4", name: "示范市青山镇", region: "shifan", parent: "U1", headcount: 20),
  ]

  static let cadres: [Cadre] = [
    Cadre(
      id: "P01", name: "张建国", unit: "U1", rank: .bureau, leadership: .principal, tags: ["city-county-team"],
      gender: .male, birthYear: 1968, appointed: day("2021-06-15")),
    Cadre(
      id: "P02", name: "李红梅", unit: "U1", rank: .bureau, leadership: .principal, tags: ["city-county-team"],
      gender: .female, birthYear: 1971, appointed: day("2022-01-10")),
    Cadre(
      id: "P03", name: "赵敏", unit: "U1", rank: .county, leadership: .deputy, tags: ["young"], gender: .female,
      birthYear: 1988, appointed: day("2023-08-01")),
    Cadre(
      id: "P04", name: "吴刚", unit: "U1", rank: .county, leadership: .deputy, gender: .male, birthYear: 1970,
      appointed: day("2020-05-01")),
    Cadre(
      id: "P05", name: "王磊", unit: "U2", rank: .county, leadership: .principal, gender: .male, birthYear: 1975,
      appointed: day("2020-03-01")),
    Cadre(
      id: "P06", name: "刘洋", unit: "U2", rank: .county, leadership: .deputy, gender: .male, birthYear: 1979,
      appointed: day("2021-09-01")),
    Cadre(
      id: "P07", name: "陈志强", unit: "U3", rank: .county, leadership: .principal, gender: .male, birthYear: 1966,
      appointed: day("2018-04-01")),
    Cadre(
      id: "P08", name: "杨帆", unit: "U3", rank: .county, leadership: .deputy, gender: .male, birthYear: 1972,
      appointed: day("2019-07-01")),
    Cadre(
      id: "P09", name: "周涛", unit: "U3", rank: .county, leadership: .deputy, gender: .male, birthYear: 1974,
      appointed: day("2020-11-01")),
    Cadre(
      id: "P10", name: "孙丽", unit: "U3", rank: .section, leadership: .none, tags: ["new-appointee"],
      gender: .female, birthYear: 1990, appointed: day("2025-03-03")),
    Cadre(
      id: "P11", name: "郑海", unit: "U4", rank: .section, leadership: .principal,
      tags: ["township-head", "grassroots"], gender: .male, birthYear: 1976, appointed: day("2019-12-01")),
    Cadre(
      id: "P12", name: "何强", unit: "U4", rank: .section, leadership: .principal,
      tags: ["township-head", "grassroots"], gender: .male, birthYear: 1980, appointed: day("2017-12-01"),
      unavailable: [DayRange(first: day("2025-06-01"), last: day("2025-07-15"))]),
    Cadre(
      id: "P13", name: "林小雨", unit: "U4", rank: .staff, leadership: .none, tags: ["new-appointee", "grassroots"],
      gender: .female, birthYear: 2001, appointed: day("2025-02-17")),
  ]

  static let classes: [TrainingClass] = {
    let school: InstitutionID = "中共示范市委党校"
    return [
      TrainingClass(
        id: "C01", name: "2025年全市县处级领导干部集中轮训第1期", institution: school, region: "shifan", kind: .rotation,
        start: day("2025-04-07"), days: 4, hours: 28, minSize: 2, capacity: 10, ranks: [.bureau, .county],
        costPerSeat: 800, fixedCost: 5000),
      TrainingClass(
        id: "C02", name: "2025年全市县处级领导干部集中轮训第2期", institution: school, region: "shifan", kind: .rotation,
        start: day("2025-09-08"), days: 4, hours: 28, minSize: 2, capacity: 10, ranks: [.bureau, .county],
        costPerSeat: 800, fixedCost: 5000),
      TrainingClass(
        id: "C03", name: "中共四川省委党校2025年县处级领导干部进修班", institution: "中共四川省委党校", level: .province,
        region: "chengdu", kind: .systematic, start: day("2025-05-05"), days: 28, hours: 168, minSize: 1,
        capacity: 1, ranks: [.county], costPerSeat: 6000, fixedCost: 0),
      TrainingClass(
        id: "C04", name: "2025年中青年干部培训班", institution: school, region: "shifan", kind: .systematic,
        start: day("2025-10-13"), days: 28, hours: 168, minSize: 1, capacity: 5, ranks: [.county], tags: ["young"],
        costPerSeat: 3000, fixedCost: 8000),
      TrainingClass(
        id: "C05", name: "2025年应急管理和安全生产专题培训班", institution: school, region: "shifan", kind: .professional,
        theme: "emergency-management", start: day("2025-06-16"), days: 5, hours: 35, minSize: 2, capacity: 10,
        ranks: [.county], costPerSeat: 1500, fixedCost: 6000),
      TrainingClass(
        id: "C06", name: "2025年乡镇党政正职履职能力提升进修班", institution: school, region: "shifan", kind: .systematic,
        start: day("2025-06-09"), days: 21, hours: 126, minSize: 1, capacity: 5, ranks: [.section],
        tags: ["township-head"], costPerSeat: 2500, fixedCost: 6000),
      TrainingClass(
        id: "C07", name: "2025年新任职干部任职培训班", institution: school, region: "shifan", kind: .appointment,
        start: day("2025-05-19"), days: 5, hours: 35, minSize: 1, capacity: 20, ranks: [.county, .section],
        tags: ["new-appointee"], costPerSeat: 800, fixedCost: 4000),
      TrainingClass(
        id: "C08", name: "2025年新录用公务员初任培训班", institution: school, region: "shifan", kind: .initial,
        start: day("2025-07-07"), days: 7, hours: 49, minSize: 3, capacity: 30, ranks: [.staff],
        tags: ["new-appointee"], costPerSeat: 800, fixedCost: 4000),
    ]
  }()

  static let history: [HistoryRecord] = {
    func h(
      _ cadre: CadreID, _ kind: ClassKind, _ start: String, _ days: Int, theme: String = "",
      type: InstitutionType = .partySchool
    ) -> HistoryRecord {
      HistoryRecord(
        cadre: cadre, kind: kind, theme: theme, institutionType: type, start: day(start), days: days,
        hours: classHours(days: days))
    }
    return [
      h("P01", .systematic, "2023-03-06", 35),
      h("P01", .rotation, "2024-04-08", 4),
      h("P01", .professional, "2024-06-17", 5, theme: "digital-economy", type: .cadreCollege),
      h("P02", .systematic, "2023-09-04", 35),
      h("P02", .rotation, "2024-09-09", 4),
      h("P02", .professional, "2024-07-15", 5, theme: "rural-revitalization", type: .cadreCollege),
      h("P03", .rotation, "2024-04-08", 4),
      h("P03", .professional, "2024-06-17", 5, theme: "digital-economy", type: .cadreCollege),
      h("P04", .systematic, "2022-04-04", 35),
      h("P04", .rotation, "2024-09-09", 4),
      h("P04", .professional, "2024-07-15", 5, theme: "ecological-protection", type: .university),
      h("P04", .rotation, "2025-01-06", 4),
      h("P05", .systematic, "2022-04-04", 35),
      h("P05", .rotation, "2024-04-08", 4),
      h("P05", .professional, "2024-06-17", 5, theme: "ecological-protection", type: .university),
      h("P06", .systematic, "2021-04-05", 35),
      h("P06", .professional, "2023-06-12", 5, theme: "digital-economy", type: .cadreCollege),
      h("P06", .rotation, "2024-09-09", 4),
      h("P07", .systematic, "2019-03-04", 35),
      h("P07", .rotation, "2024-04-08", 4),
      h("P07", .professional, "2024-06-17", 5, theme: "rural-revitalization", type: .cadreCollege),
      h("P08", .systematic, "2020-04-06", 35),
      h("P08", .rotation, "2024-09-09", 4),
      h("P08", .professional, "2024-07-15", 5, theme: "urban-renewal", type: .university),
      h("P09", .systematic, "2022-04-04", 35),
      h("P09", .professional, "2023-06-12", 5, theme: "emergency-management", type: .cadreCollege),
      h("P09", .rotation, "2024-04-08", 4),
      h("P11", .systematic, "2020-05-11", 21),
      h("P12", .systematic, "2018-05-14", 21),
    ]
  }()
}
