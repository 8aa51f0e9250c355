import CallupDomain

/// The programme quotas a generated scenario writes into its scenario.yaml
/// (`rules:`, replacing the policy's `programme-quota` whole), when the
/// default policy's province-wide figures do not fit it:
///
/// - a province at another scale than 1 gets the figures times the scale
///   (at least 1), without the programmes whose cadres the scale leaves out;
/// - a city (the city and big-city presets) gets its own figures: the seats
///   it holds in the programmes' classes, and shares of its groups where the
///   documents give a share or the province's figure is a share of its group.
///
/// A province at scale 1 writes nothing: the policy's figures are its own.
enum ScenarioTargets {
  // MARK: A province at another scale

  /// The `rules:` block of a province at `scale` (empty at scale 1): the
  /// policy's province-wide quota rules (`figures`: `ReferenceTargets`,
  /// and `CampaignTargets` for `sichuan-2023`) scaled, the targets no cadre
  /// of `cadres` belongs to left out. `policy` names the policy in the comment.
  static func provinceRules(
    scale: Double, year: Int, cadres: some Sequence<Cadre>, policy: String = "default",
    figures: [ProvinceFigures] = [.programmes]
  ) -> String {
    guard scale != 1, !figures.isEmpty else { return "" }
    var targets = figures.flatMap(\.targets)
    for i in targets.indices {
      if case .count(let n) = targets[i].amount { targets[i].amount = .count(ReferenceTargets.scaled(n, scale)) }
    }
    var empty = Set(targets.indices)
    for c in cadres {
      for i in empty where targets[i].who.matches(c, year: year) { empty.remove(i) }
      if empty.isEmpty { break }
    }
    let left = targets.indices.filter { empty.contains($0) }.map { targets[$0].programme }
    let percent = ScenarioWriter.number((scale * 1000).rounded() / 10)
    let factor = ScenarioWriter.number(scale)
    var header = [
      "A province at scale \(factor), about \(percent) % of the whole: the programme quotas of the",
      "default policy (002 四) are the whole province's yearly figures, so this scenario counts",
      "them times \(factor) (at least 1). `callup generate` wrote them.",
    ]
    if policy != "default" {
      header = wrapped(
        "A province at scale \(factor), about \(percent) % of the whole: the programme quotas of the "
          + "\(policy) policy (002 四)"
          + (figures.contains(.figures2023) ? " and its figures of 003 (`\(CampaignTargets.ruleID)`)" : "")
          + " are the whole province's yearly figures, so this scenario counts them times \(factor) (at "
          + "least 1). `callup generate` wrote them.", width: 90)
    }
    if !left.isEmpty {
      header += ["Left out, as no cadre of this scenario belongs to them:", "  " + left.joined(separator: ", ") + "."]
    }
    var start = 0
    let blocks = figures.map { f -> QuotaBlock in
      let range = start..<(start + f.targets.count)
      start = range.upperBound
      let text = f.sentence(percent: percent)
      return QuotaBlock(
        id: f.ruleID, sentence: text.chinese, english: text.english, source: f.source,
        targets: range.filter { !empty.contains($0) }.map { targets[$0] })
    }
    return rulesBlock(header: header, rules: blocks)
  }

  // MARK: A city

  /// A candidate target of a city and how its figure is found.
  private struct CityTarget {
    var target: QuotaTarget
    /// The figure is the seats of the target's classes that admit its cadres.
    var seatsHeld: Bool
  }

  /// The `rules:` block of a city: its part of the province's programmes,
  /// each kept only when the city has its cadres and seats enough in its
  /// classes for the figure.
  static func cityRules(_ s: Scenario) -> String { cityRules(cadres: s.cadres, classes: s.classes, year: s.year) }

  /// The `rules:` block of a city of `cadres` and `classes`, planned in `year`.
  static func cityRules(cadres: [Cadre], classes: [TrainingClass], year y: Int) -> String {
    let has = { (tag: String) in cadres.contains { $0.tags.contains(tag) } }
    let leaders: Set<Rank> = [.bureau, .county]
    let cct: Set<String> = ["city-county-team"]
    func share(_ d: String) -> TargetAmount { .share(ExactDecimal(d)!) }
    let candidates = [
      CityTarget(target: ReferenceTargets.target(.bureauPartySchool), seatsHeld: true),
      CityTarget(target: ReferenceTargets.target(.countyPartySchool), seatsHeld: true),
      CityTarget(
        target: QuotaTarget(
          programme: "“一把手”提能工程", who: Selector(ranks: leaders, tags: cct, leadership: [.principal]),
          classes: ClassSelector(institutionTypes: [.university], minDays: 5, maxDays: 9), amount: share("0.35")),
        seatsHeld: false),
      CityTarget(
        target: QuotaTarget(
          programme: "专业化能力一周培训", who: Selector(ranks: leaders, tags: cct, leadership: [.team]),
          classes: ClassSelector(kinds: [.professional], levels: [.national, .province], minDays: 5, maxDays: 9),
          amount: share("0.13"), atLeast: true, tolerance: ExactDecimal(0)),
        seatsHeld: false),
      CityTarget(
        target: QuotaTarget(
          programme: "乡镇（街道）党政正职进修", who: Selector(tags: ["township-head"]),
          classes: ClassSelector(kinds: [.systematic], levels: [.city]), amount: .count(0)),
        seatsHeld: true),
      CityTarget(
        target: QuotaTarget(
          programme: "乡镇长（街道办主任）脱产培训",
          who: Selector(tags: [has("township-mayor") ? "township-mayor" : "township-head"]),
          classes: ClassSelector(kinds: ReferenceTargets.offTheJob), amount: share("0.2"), atLeast: true,
          tolerance: ExactDecimal(0)),
        seatsHeld: false),
      CityTarget(
        target: QuotaTarget(
          programme: "新进选调生培训", who: Selector(tags: ["selected-graduate"], appointedWithinYears: 1),
          classes: ClassSelector(kinds: [.special]), amount: share("1"), tolerance: ExactDecimal(0)),
        seatsHeld: false),
      CityTarget(
        target: QuotaTarget(
          programme: "民族地区县处级领导干部专题培训",
          who: Selector(ranks: [.county], tags: [has("ethnic-area") ? "ethnic-area" : "ethnic-minority"]),
          classes: ClassSelector(kinds: [.special], levels: [.province]), amount: share("0.08")),
        seatsHeld: false),
    ]
    let rule = QuotaRule(
      info: RuleInfo(id: "programme-quota", type: "quota"), targets: [], tolerance: ReferenceTargets.tolerance)
    var kept: [QuotaTarget] = []
    for candidate in candidates {
      var t = candidate.target
      let members = cadres.filter { t.who.matches($0, year: y) }
      let seats = classes.filter { $0.year == y && t.classes.matches($0) && members.contains(where: $0.admits) }
        .reduce(0) { $0 + ($1.capacity ?? members.count) }
      if candidate.seatsHeld { t.amount = .count(min(seats, members.count)) }
      let lo = rule.range(t, matched: members.count).lo
      if !members.isEmpty, lo > 0, lo <= min(seats, members.count) { kept.append(t) }
    }
    return rulesBlock(
      header: cityHeader, sentence: citySentence, english: cityEnglish,
      source: "002 四(一)(2)(3)(4), (六)(2), (七)(1), (八)(4)", targets: kept)
  }

  static let cityHeader = [
    "A city is not a province: the default policy's programme quotas are the province's yearly",
    "figures (002 四: 100 bureau-level leaders to the provincial party school, 1,000 township",
    "party secretaries, 500 village secretaries…), shared out among its cities and organs.",
    "This city's `programme-quota` replaces the policy's whole with its own part, which",
    "`callup generate` wrote from its roster and catalogue:",
    "- the seats it holds in the provincial party school's 进修班 (四(一)(2)) and in its own",
    "  township heads' 进修班 (四(七)(1): the city trains its township party secretaries);",
    "- shares of its groups, the province's figure over the group in a Sichuan-like province",
    "  (`callup generate --preset province`): 0.35 of its city and county principals a week at",
    "  a university (四(一)(3): 200 of about 550), 0.13 of its city and county team members or",
    "  more a week at a provincial or national institution (四(一)(4): 500 of about 3,900),",
    "  0.08 of the county-level leaders of its ethnic areas at the province's seminars",
    "  (四(八)(4): 600 of about 7,300; its ethnic-minority county-level cadres when the roster",
    "  marks no area); and as the documents say, at least a fifth of its township mayors off",
    "  the job (四(七)(1); the township heads when the roster does not tell the mayor from the",
    "  secretary) and every selected graduate appointed this year (四(六)(2): 新进选调生全员培训).",
    "The provincial organs' programmes (四(二)(1)(4)) and the province's demonstration classes",
    "for township and village secretaries and selected graduates (四(六)(2), (七)(1)(2)) are",
    "the province's own and are left out, as is any programme the city has no cadres or",
    "seats for.",
  ]
  static let citySentence =
    "本市承担的调训项目年度名额：省委党校进修班名额、本市乡镇党政正职进修班名额，"
    + "市县党政正职赴高校培训、领导班子成员专业化能力培训、乡镇长脱产培训、新进选调生全员培训和民族地区县处级领导干部专题培训的比例。"
  static let cityEnglish =
    "The city's part of the province's programmes: its seats at the provincial party school and in its "
    + "township heads' class, and shares of its principals, team members, township mayors, new selected "
    + "graduates and county-level leaders of ethnic areas."

  // MARK: Writing

  /// One quota rule of a `rules:` block.
  struct QuotaBlock {
    var id: String
    var sentence: String
    var english: String
    var source: String
    var targets: [QuotaTarget]
  }

  /// `# header` lines, then `rules:` with one quota rule `programme-quota`.
  static func rulesBlock(
    header: [String], sentence: String, english: String, source: String, targets: [QuotaTarget]
  ) -> String {
    rulesBlock(
      header: header,
      rules: [QuotaBlock(id: "programme-quota", sentence: sentence, english: english, source: source, targets: targets)]
    )
  }

  /// `# header` lines, then `rules:` with the quota rules.
  static func rulesBlock(header: [String], rules: [QuotaBlock]) -> String {
    var out = header.map { "# " + $0 }.joined(separator: "\n") + "\n"
    out += "rules:\n"
    for r in rules {
      out += "  - id: \(r.id)\n    type: quota\n"
      out += "    sentence: >-\n      \(r.sentence)\n"
      for line in wrapped(r.english, width: 80) { out += "      \(line)\n" }
      out += "    source: \(ScenarioWriter.yamlScalar(r.source))\n"
      out += "    tolerance: \(ReferenceTargets.tolerance)\n"
      out += "    targets:\n"
      for t in r.targets { out += target(t) }
    }
    return out
  }

  /// `text` in lines of at most `width` characters, broken at spaces.
  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// One target, as the policy writes it.
  static func target(_ t: QuotaTarget) -> String {
    var out = "      - programme: \(ScenarioWriter.yamlScalar(t.programme))\n"
    out += "        who: \(who(t.who))\n"
    out += "        classes: \(classes(t.classes))\n"
    switch t.amount {
    case .count(let n): out += "        count: \(n)\n"
    case .share(let d): out += "        share: \(d)\n"
    }
    if t.atLeast { out += "        at_least: true\n" }
    if t.atMost { out += "        at_most: true\n" }
    if let tolerance = t.tolerance { out += "        tolerance: \(tolerance)\n" }
    return out
  }

  /// A selector as a flow mapping, keys and values in a fixed order.
  static func who(_ w: Selector) -> String {
    var parts: [String] = []
    func add(_ key: String, _ values: [String]) {
      if !values.isEmpty { parts.append("\(key): [\(values.map(ScenarioWriter.yamlScalar).joined(separator: ", "))]") }
    }
    add("ranks", Rank.allCases.filter { w.ranks.contains($0) }.map(\.rawValue))
    add("tags", w.tags.sorted())
    add("leadership", Leadership.allCases.filter { w.leadership.contains($0) }.map(\.rawValue))
    add("party", Party.allCases.filter { w.party.contains($0) }.map(\.rawValue))
    add("gender", Gender.allCases.filter { w.gender.contains($0) }.map(\.rawValue))
    if let n = w.appointedWithinYears { parts.append("appointed_within_years: \(n)") }
    return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
  }

  /// A class selector as a flow mapping, keys and values in a fixed order.
  static func classes(_ c: ClassSelector) -> String {
    var parts: [String] = []
    func add(_ key: String, _ values: [String]) {
      if !values.isEmpty { parts.append("\(key): [\(values.map(ScenarioWriter.yamlScalar).joined(separator: ", "))]") }
    }
    add("kinds", ClassKind.allCases.filter { c.kinds.contains($0) }.map(\.rawValue))
    add("levels", Level.allCases.filter { c.levels.contains($0) }.map(\.rawValue))
    add("institution_types", InstitutionType.allCases.filter { c.institutionTypes.contains($0) }.map(\.rawValue))
    add("institutions", c.institutions.sorted())
    add("themes", c.themes.sorted())
    add("regions", c.regions.sorted())
    if let n = c.minDays { parts.append("min_days: \(n)") }
    if let n = c.maxDays { parts.append("max_days: \(n)") }
    return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
  }
}
