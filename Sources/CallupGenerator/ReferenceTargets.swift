import CallupDomain

/// The programme quotas of the default policy (policies/default.yaml,
/// `programme-quota`: 002 四) with their figures. The generator gives a
/// province the cadres and classes each programme needs, sizes the classes
/// against the figures (times the scale), and writes the figures of a
/// province at another scale than 1 into its scenario.yaml. A test keeps
/// this list equal to the policy's.
enum ReferenceTargets {
  /// The programmes, in the policy's order.
  enum Programme: Int, CaseIterable {
    case bureauPartySchool, countyPartySchool, principalsUniversity, professionalWeek, organCivilServants
    case branchSecretaries, selectedGraduates, townshipSecretaries, townshipMayors, villageSecretaries
    case ethnicAreaPartySchool, ethnicAreaSeminar
  }

  static let leaders: Set<Rank> = [.bureau, .county]
  /// City and county teams and the provincial organs (市县党政领导班子, 省直部门).
  static let teams: Set<String> = ["city-county-team", "provincial-organ"]
  static let offTheJob = Set(ClassKind.allCases).subtracting([.online])

  /// The provincial party school (the policy's is Sichuan's, 002 being Sichuan's plan).
  static let provincialPartySchool = "中共四川省委党校"
  /// The provincial party school's systematic classes.
  static func partySchool(minDays: Int? = nil, maxDays: Int? = nil) -> ClassSelector {
    ClassSelector(kinds: [.systematic], institutions: [provincialPartySchool], minDays: minDays, maxDays: maxDays)
  }
  static let provincialSpecial = ClassSelector(kinds: [.special], levels: [.province])

  static func target(
    _ programme: String, _ who: Selector, _ classes: ClassSelector, count: Int? = nil, share: String? = nil,
    atLeast: Bool = false, exact: Bool = false
  ) -> QuotaTarget {
    QuotaTarget(
      programme: programme, who: who, classes: classes,
      amount: share.flatMap(ExactDecimal.init).map(TargetAmount.share) ?? .count(count ?? 0), atLeast: atLeast,
      tolerance: exact || atLeast ? ExactDecimal(0) : nil)
  }

  /// The targets of `programme-quota`, in the policy's order (`Programme`).
  static let targets: [QuotaTarget] = [
    target("省委党校市厅级领导干部进修", Selector(ranks: [.bureau]), partySchool(minDays: 56), count: 100),
    target(
      "省委党校县级领导班子成员进修", Selector(ranks: [.county], leadership: [.team]), partySchool(minDays: 56), count: 50),
    target(
      "“一把手”提能工程", Selector(ranks: leaders, tags: teams, leadership: [.principal]),
      ClassSelector(institutionTypes: [.university], levels: [.national], minDays: 5, maxDays: 9), count: 200),
    target(
      "专业化能力一周培训", Selector(ranks: leaders, tags: teams, leadership: [.team]),
      ClassSelector(kinds: [.professional], levels: [.national, .province], minDays: 5, maxDays: 9), count: 500,
      atLeast: true),
    target(
      "省直部门县处级公务员进修", Selector(ranks: [.county], tags: ["provincial-organ"]),
      ClassSelector(kinds: [.systematic, .special], levels: [.national, .province]), count: 500),
    target("省直机关党支部书记示范培训", Selector(tags: ["branch-secretary"]), provincialSpecial, count: 300),
    target("选调生示范培训", Selector(tags: ["selected-graduate"]), provincialSpecial, count: 200),
    target("乡镇（街道）党（工）委书记培训", Selector(tags: ["township-secretary"]), ClassSelector(levels: [.province]), count: 1000),
    target(
      "乡镇长（街道办主任）脱产培训", Selector(tags: ["township-mayor"]), ClassSelector(kinds: offTheJob), share: "0.2",
      atLeast: true),
    target("村（社区）党组织书记示范培训", Selector(tags: ["village-secretary"]), ClassSelector(levels: [.province]), count: 500),
    target(
      "民族地区县处级领导干部进修", Selector(ranks: [.county], tags: ["ethnic-area"]), partySchool(maxDays: 35), count: 100,
      exact: true),
    target("民族地区县处级领导干部专题培训", Selector(ranks: [.county], tags: ["ethnic-area"]), provincialSpecial, count: 600),
  ]

  /// The rule's tolerance ("about": a tenth either way).
  static let tolerance = ExactDecimal(units: 1, scale: 1)

  static func target(_ p: Programme) -> QuotaTarget { targets[p.rawValue] }

  /// The programme's count in a province of `scale` (at least 1), 0 for a share.
  static func figure(_ p: Programme, scale: Double) -> Int {
    guard case .count(let n) = target(p).amount else { return 0 }
    return scaled(n, scale)
  }

  /// `n` at `scale`: rounded, at least 1 when `n` is positive.
  static func scaled(_ n: Int, _ scale: Double) -> Int {
    n <= 0 ? 0 : max(1, Int((Double(n) * scale).rounded()))
  }

  /// Seats of the classes that serve programme `p` in a province of
  /// `scale`: its figure and a twentieth more, so that it can be met when
  /// a few of its cadres cannot come.
  static func seats(_ p: Programme, scale: Double) -> Int {
    let n = figure(p, scale: scale)
    return n == 0 ? 0 : n + max(1, (n + 10) / 20)
  }
}
