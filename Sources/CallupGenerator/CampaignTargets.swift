import CallupDomain

/// The figures 003 gives for Sichuan's 2023 (去年6月底前完成县处级以上领导干部
/// 集中轮训，累计培训3.3万名领导干部、93.4万名基层干部；全覆盖完成2.6万名村党组织书记
/// 乡村振兴主题培训), which policies/sichuan-2023.yaml holds as the quota rule
/// `figures-2023`. The generator sizes the `sichuan-2023` catalogue so
/// that a plan can reach them and writes them times the scale into the
/// scenario.yaml of a smaller province; a test keeps this list equal to the
/// policy's.
enum CampaignTargets {
  /// The id of the policy's rule.
  static let ruleID = "figures-2023"

  /// The targets of `figures-2023`, in the policy's order: the leaders
  /// rotated, the grassroots cadres rotated (section level and below, 基层干部),
  /// the village party secretaries in the rural-revitalization class.
  static let targets: [QuotaTarget] = [
    ReferenceTargets.target(
      "县处级以上领导干部集中轮训", Selector(ranks: [.bureau, .county]), ClassSelector(kinds: [.rotation]), count: 33_000),
    ReferenceTargets.target(
      "基层干部集中轮训", Selector(ranks: [.section, .staff]), ClassSelector(kinds: [.rotation]), count: 934_000),
    ReferenceTargets.target(
      "村党组织书记乡村振兴主题培训", Selector(tags: ["village-secretary"]),
      ClassSelector(kinds: [.special], themes: ["rural-revitalization"]), count: 26_000),
  ]

  /// The rule's tolerance: the figures are rounded to the thousand.
  static let tolerance = ReferenceTargets.tolerance
}

/// The quota rules of a preset's policy whose figures are a whole
/// province's, which `callup generate` writes times the scale into the
/// scenario.yaml of a province at another scale.
enum ProvinceFigures: Sendable {
  /// `programme-quota`: the programmes of 002 四 (`ReferenceTargets`).
  case programmes
  /// `figures-2023`: 003's figures (`CampaignTargets`).
  case figures2023

  /// The rule's id in the policy.
  var ruleID: String {
    switch self {
    case .programmes: "programme-quota"
    case .figures2023: CampaignTargets.ruleID
    }
  }

  /// The rule's targets at full size.
  var targets: [QuotaTarget] {
    switch self {
    case .programmes: ReferenceTargets.targets
    case .figures2023: CampaignTargets.targets
    }
  }

  /// The source written with the scaled rule.
  var source: String {
    switch self {
    case .programmes: "002 四(一)(2)(3)(4), (二)(1)(4), (六)(2), (七)(1)(2), (八)(3)(4)"
    case .figures2023: "003"
    }
  }

  /// The sentence of the scaled rule, Chinese then English, at `percent` of the province.
  func sentence(percent: String) -> (chinese: String, english: String) {
    switch self {
    case .programmes:
      (
        "按本情景的规模（全省的\(percent)%）折算的各调训项目年度名额。",
        "The yearly programme quotas of 002 四 at this scenario's scale (\(percent) % of the province)."
      )
    case .figures2023:
      (
        "按本情景的规模（全省的\(percent)%）折算的2023年全省领导干部、基层干部和村党组织书记培训人数。",
        "003's figures of leaders, grassroots cadres and village party secretaries trained in 2023, at this "
          + "scenario's scale (\(percent) % of the province)."
      )
    }
  }
}
