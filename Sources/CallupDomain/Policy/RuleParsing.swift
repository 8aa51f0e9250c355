import Yams

/// Reads rules, `who` selectors and objective weights from YAML nodes, for
/// policy files and for the inline `rules:` of scenario.yaml alike.
enum RuleParser {
  /// Rule types this version plans for.
  static let plannedTypes = [
    "cycle", "unit-share", "release", "no-duplicate", "hours", "tiered", "quota", "group-share", "class-count",
  ]
  /// Rule types that are read and kept, but not planned (`Rule.other`).
  static let readOnlyTypes = ["timing"]
  static let knownTypes = plannedTypes + readOnlyTypes

  static let commonKeys = ["id", "type", "sentence", "source"]
  static let keysByType: [String: [String]] = [
    "cycle": ["who", "kinds", "every", "min_days", "weight", "window", "by", "hard"],
    "quota": ["targets", "tolerance", "hard", "weight"],
    "group-share": ["groups", "of", "classes", "min_ratio", "tolerance", "hard", "weight"],
    "class-count": ["classes", "min", "max", "min_seats", "max_seats", "hard", "weight", "seat_weight"],
    "unit-share": ["who", "share", "kinds", "weight"],
    "release": ["max_away", "max_away_share"],
    "no-duplicate": ["max_per_year", "theme_years"],
    "hours": ["who", "window", "min_hours", "min_days", "kinds", "institution_types", "online"],
    "tiered": ["levels", "mismatch_cost", "travel_cost"],
  ]

  // MARK: Lists of rules

  /// Reads a `rules:` list. Rules with defects are logged and left out; a
  /// second rule with the id of an earlier one is a defect.
  static func rules(_ node: Node, source: YAMLSource) -> [Rule] {
    guard let items = source.list(node, key: "rules") else { return [] }
    var out: [Rule] = []
    var seen: [String: SourceLocation] = [:]
    for item in items {
      let (id, rule) = parse(item, source: source)
      if let id {
        if let first = seen[id] {
          source.error(
            item,
            "the rule id '\(id)' is used twice; the first is at line \(first.line ?? 0). Give each rule its own id.")
          continue
        }
        seen[id] = source.location(item)
      }
      if let rule { out.append(rule) }
    }
    return out
  }

  /// `base` with each rule of `overrides` replacing the rule of the same id
  /// whole (in its place), or added at the end.
  static func merge(_ base: [Rule], with overrides: [Rule]) -> [Rule] {
    var out = base
    var index: [RuleID: Int] = [:]
    for (i, r) in out.enumerated() { index[r.id] = i }
    for r in overrides {
      if let i = index[r.id] {
        out[i] = r
      } else {
        index[r.id] = out.count
        out.append(r)
      }
    }
    return out
  }

  /// A policy may hold only one rule each of the types that set global limits.
  static func checkSingletons(_ rules: [Rule], issues: IssueLog) {
    var first: [String: Rule] = [:]
    for r in rules {
      let t = r.info.type
      guard ["release", "no-duplicate", "tiered"].contains(t) else { continue }
      if let f = first[t] {
        let at = f.info.location.map { " (\($0))" } ?? ""
        issues.add(
          r.info.location ?? SourceLocation(file: "policy"),
          "rule '\(r.id)' is a second \(t) rule; '\(f.id)'\(at) is one already. Keep one \(t) rule.")
      } else {
        first[t] = r
      }
    }
  }

  /// The notes for rules this version reads but does not plan.
  static func notPlannedWarnings(_ rules: [Rule]) -> [InputIssue] {
    rules.compactMap { r in
      let info: RuleInfo
      switch r {
      case .other(let o): info = o.info
      default: return nil
      }
      return InputIssue(
        info.location ?? SourceLocation(file: "policy"),
        "rule \(info.id) (type \(info.type)) is read but not planned by this version of callup.")
    }
  }

  // MARK: One rule

  /// One rule; nil (logged) on any defect.
  static func rule(_ node: Node, source: YAMLSource) -> Rule? { parse(node, source: source).rule }

  /// One rule and its id (the id also when the rule has defects).
  static func parse(_ node: Node, source: YAMLSource) -> (id: String?, rule: Rule?) {
    guard let map = source.mapping(node, what: "a rule") else { return (nil, nil) }
    let start = issueCount(source)

    var idText: String?
    if let n = map["id"] {
      idText = source.string(n, key: "id")
    } else {
      source.error(node, "a rule has no `id`; give it one (e.g. id: annual-rotation).")
    }
    let label = idText.map { "rule '\($0)'" } ?? "the rule"

    var type: String?
    if let n = map["type"] {
      if let t = source.string(n, key: "type") {
        if knownTypes.contains(t) {
          type = t
        } else {
          var message = "unknown rule type '\(t)'"
          if let near = Vocabulary.nearest(t, in: knownTypes) { message += " (did you mean '\(near)'?)" }
          source.error(n, message + "; known types: \(knownTypes.joined(separator: ", ")).")
        }
      }
    } else {
      source.error(node, "\(label) has no `type`; use one of \(knownTypes.joined(separator: ", ")).")
    }

    var sentence = ""
    var origin = ""
    if let n = map["sentence"], let t = source.text(n, key: "sentence") { sentence = t }
    if let n = map["source"], let t = source.text(n, key: "source") { origin = t }

    guard let type, let idText else { return (idText, nil) }
    let info = RuleInfo(
      id: RuleID(idText), type: type, sentence: sentence, source: origin, location: source.location(node))

    if let keys = keysByType[type] {
      map.rejectUnknownKeys(commonKeys + keys, in: "\(label) (type \(type))")
    }

    let rule: Rule?
    switch type {
    case "cycle": rule = cycle(map, info: info, label: label).map(Rule.cycle)
    case "unit-share": rule = unitShare(map, info: info, label: label).map(Rule.unitShare)
    case "release": rule = release(map, info: info).map(Rule.release)
    case "no-duplicate": rule = noDuplicate(map, info: info).map(Rule.noDuplicate)
    case "hours": rule = hours(map, info: info, label: label).map(Rule.hours)
    case "tiered": rule = tiered(map, info: info, label: label).map(Rule.tiered)
    case "quota": rule = quota(map, info: info, label: label).map(Rule.quota)
    case "group-share": rule = groupShare(map, info: info, label: label).map(Rule.groupShare)
    case "class-count": rule = classCount(map, info: info, label: label).map(Rule.classCount)
    default: rule = .other(OtherRule(info: info))
    }
    return (idText, issueCount(source) == start ? rule : nil)
  }

  private static func issueCount(_ source: YAMLSource) -> Int { source.issues.count }

  static func required(_ map: YAMLMap, _ key: String, _ label: String, example: String) -> Node? {
    if let n = map[key] { return n }
    map.source.error(map.node, "\(label) needs `\(key)` (e.g. \(key): \(example)).")
    return nil
  }

  static func kinds(_ map: YAMLMap, label: String, required needed: Bool) -> Set<ClassKind>? {
    guard let n = map["kinds"] else {
      if needed { map.source.error(map.node, "\(label) needs `kinds` (e.g. kinds: [rotation]).") }
      return needed ? nil : []
    }
    guard let k = map.source.words(n, key: "kinds", noun: "class kind", as: ClassKind.self) else { return nil }
    if needed, k.isEmpty {
      map.source.error(n, "`kinds` of \(label) is empty; list the class kinds that count.")
      return nil
    }
    return k
  }

  static func who(_ map: YAMLMap) -> Selector? {
    guard let n = map["who"] else { return Selector.everyone }
    return selector(n, source: map.source)
  }

  static func weight(_ map: YAMLMap) -> Double?? {
    guard let n = map["weight"] else { return .some(nil) }
    guard let w = map.source.number(n, key: "weight") else { return nil }
    return .some(w)
  }

  // MARK: Types

  static func cycle(_ map: YAMLMap, info: RuleInfo, label: String) -> CycleRule? {
    let s = map.source
    let who = who(map)
    let kinds = kinds(map, label: label, required: true)
    let every = required(map, "every", label, example: "1").flatMap { s.int($0, key: "every", in: 1...Int.max) }
    var minDays: Int? = 0
    if let n = map["min_days"] { minDays = s.int(n, key: "min_days", in: 0...Int.max) }
    let weight = weight(map)
    let timing = timing(map, label: label)
    let hard = flag(map, "hard")
    guard let who, let kinds, let every, let minDays, let weight, let timing, let hard else { return nil }
    return CycleRule(
      info: info, who: who, kinds: kinds, every: every, minDays: minDays, weight: weight, timing: timing, hard: hard)
  }

  static func unitShare(_ map: YAMLMap, info: RuleInfo, label: String) -> UnitShareRule? {
    let s = map.source
    let who = who(map)
    let share = required(map, "share", label, example: "0.2").flatMap { s.share($0, key: "share") }
    let kinds = kinds(map, label: label, required: true)
    let weight = weight(map)
    guard let who, let share, let kinds, let weight else { return nil }
    return UnitShareRule(info: info, who: who, share: share, kinds: kinds, weight: weight)
  }

  static func release(_ map: YAMLMap, info: RuleInfo) -> ReleaseRule? {
    let s = map.source
    var rule = ReleaseRule(info: info)
    var ok = true
    if let n = map["max_away"] {
      if let v = s.int(n, key: "max_away", in: 1...Int.max) { rule.maxAway = v } else { ok = false }
    }
    if let n = map["max_away_share"] {
      if let v = s.share(n, key: "max_away_share") { rule.maxAwayShare = v } else { ok = false }
    }
    return ok ? rule : nil
  }

  static func noDuplicate(_ map: YAMLMap, info: RuleInfo) -> NoDuplicateRule? {
    let s = map.source
    var rule = NoDuplicateRule(info: info)
    var ok = true
    if let n = map["max_per_year"] {
      if let v = s.int(n, key: "max_per_year", in: 1...Int.max) { rule.maxPerYear = v } else { ok = false }
    }
    if let n = map["theme_years"] {
      if let v = s.int(n, key: "theme_years", in: 0...Int.max) { rule.themeYears = v } else { ok = false }
    }
    return ok ? rule : nil
  }

  static func hours(_ map: YAMLMap, info: RuleInfo, label: String) -> HoursRule? {
    let s = map.source
    var ok = true
    let who = who(map)

    var window: HoursWindow?
    if let n = required(map, "window", label, example: "period") {
      if case .scalar(let sc) = n, sc.string == "period" {
        window = .period
      } else if case .scalar(let sc) = n, let y = Int(sc.string) {
        if y >= 1 {
          window = .years(y)
        } else {
          s.error(n, "`window` is \(y); use `period` or a number of years (1 or more).")
        }
      } else {
        s.error(n, "`window` must be `period` (the scenario's plan period) or a number of years such as 1.")
      }
    }

    var minHours: Double?
    var minDays: Double?
    if let n = map["min_hours"] { minHours = s.number(n, key: "min_hours"); ok = ok && minHours != nil }
    if let n = map["min_days"] { minDays = s.number(n, key: "min_days"); ok = ok && minDays != nil }
    if map["min_hours"] != nil, map["min_days"] != nil {
      s.error(map.node, "\(label) gives both `min_hours` and `min_days`; give one of them.")
      ok = false
    } else if map["min_hours"] == nil, map["min_days"] == nil {
      s.error(map.node, "\(label) needs `min_hours` or `min_days` (e.g. min_hours: 90).")
      ok = false
    }

    var kinds = kinds(map, label: label, required: false)
    var types: Set<InstitutionType>? = []
    if let n = map["institution_types"] {
      types = s.words(n, key: "institution_types", noun: "institution type", as: InstitutionType.self)
    }
    // `online: false` leaves online classes out of the count, `online: true`
    // counts them even when `kinds` does not list them.
    if let n = map["online"] {
      switch n.scalar?.string {
      case "true", "yes":
        if var k = kinds, !k.isEmpty { k.insert(.online); kinds = k }
      case "false", "no":
        if var k = kinds {
          if k.isEmpty { k = Set(ClassKind.allCases) }
          k.remove(.online)
          kinds = k
        }
      default:
        s.error(n, "`online` must be true or false.")
        ok = false
      }
    }
    guard ok, let who, let window, let kinds, let types else { return nil }
    return HoursRule(
      info: info, who: who, window: window, minHours: minHours, minDays: minDays, kinds: kinds,
      institutionTypes: types)
  }

  static func tiered(_ map: YAMLMap, info: RuleInfo, label: String) -> TieredRule? {
    let s = map.source
    var ok = true
    var levels: [Rank: Level] = [:]
    if let n = required(map, "levels", label, example: "{ bureau: province, county: city }") {
      if let m = s.mapping(n, what: "`levels`") {
        for e in m.entries {
          guard let rank = Rank(rawValue: e.key) else {
            s.error(e.keyNode, Vocabulary.unknown("rank", e.key, Rank.self))
            ok = false
            continue
          }
          guard let t = s.text(e.value, key: "levels.\(e.key)") else { ok = false; continue }
          guard let level = Level(rawValue: t) else {
            s.error(e.value, Vocabulary.unknown("level", t, Level.self))
            ok = false
            continue
          }
          levels[rank] = level
        }
      } else {
        ok = false
      }
    } else {
      ok = false
    }
    var mismatch: Double? = 0
    var travel: Double? = 0
    if let n = map["mismatch_cost"] { mismatch = s.number(n, key: "mismatch_cost") }
    if let n = map["travel_cost"] { travel = s.number(n, key: "travel_cost") }
    guard ok, let mismatch, let travel else { return nil }
    return TieredRule(info: info, levels: levels, mismatchCost: mismatch, travelCost: travel)
  }

  // MARK: who

  static let selectorKeys = ["ranks", "tags", "leadership", "party", "gender", "appointed_within_years"]

  /// Reads a `who:` selector; nil (logged) on any defect.
  static func selector(_ node: Node, source s: YAMLSource) -> Selector? {
    guard let map = s.mapping(node, what: "`who`") else { return nil }
    map.rejectUnknownKeys(selectorKeys, in: "`who`")
    let start = s.issues.count
    var sel = Selector()
    if let n = map["ranks"], let v = s.words(n, key: "ranks", noun: "rank", as: Rank.self) { sel.ranks = v }
    if let n = map["tags"], let v = s.strings(n, key: "tags") { sel.tags = Set(v) }
    if let n = map["leadership"], let v = s.words(n, key: "leadership", noun: "leadership", as: Leadership.self) {
      sel.leadership = v
    }
    if let n = map["party"], let v = s.words(n, key: "party", noun: "party", as: Party.self) { sel.party = v }
    if let n = map["gender"], let v = s.words(n, key: "gender", noun: "gender", as: Gender.self) { sel.gender = v }
    if let n = map["appointed_within_years"] {
      sel.appointedWithinYears = s.int(n, key: "appointed_within_years", in: 1...Int.max)
    }
    return s.issues.count == start ? sel : nil
  }

  // MARK: rotation

  /// Reads `rotation: {elective_growth}`.
  static func rotation(_ node: Node, source s: YAMLSource) -> RotationSettings {
    var r = RotationSettings()
    guard let map = s.mapping(node, what: "`rotation`") else { return r }
    map.rejectUnknownKeys(["elective_growth"], in: "`rotation`")
    // `elective_growth:` left empty (or null) sets no ceiling.
    if let n = map["elective_growth"] {
      r.electiveGrowth = s.number(n, key: "elective_growth")
    } else if map.has("elective_growth") {
      r.electiveGrowth = nil
    }
    return r
  }

  // MARK: objective

  /// Reads `objective: {obligation, overdue_year, unit_share, hour, day, behind_pace, quota, group_share,
  /// class_count, class_seat, hard_break, priorities}`.
  static func objective(_ node: Node, source s: YAMLSource) -> ObjectiveWeights {
    var w = ObjectiveWeights()
    guard let map = s.mapping(node, what: "`objective`") else { return w }
    map.rejectUnknownKeys(
      [
        "obligation", "overdue_year", "unit_share", "hour", "day", "behind_pace", "quota", "group_share",
        "class_count", "class_seat", "hard_break", "priorities",
      ], in: "`objective`")
    if let n = map["obligation"], let v = s.number(n, key: "obligation") { w.obligation = v }
    if let n = map["overdue_year"], let v = s.number(n, key: "overdue_year") { w.overdueYear = v }
    if let n = map["unit_share"], let v = s.number(n, key: "unit_share") { w.unitShare = v }
    if let n = map["hour"], let v = s.number(n, key: "hour") { w.hour = v }
    if let n = map["day"], let v = s.number(n, key: "day") { w.day = v }
    if let n = map["behind_pace"], let v = s.number(n, key: "behind_pace") { w.behindPace = v }
    if let n = map["quota"], let v = s.number(n, key: "quota") { w.quota = v }
    if let n = map["group_share"], let v = s.number(n, key: "group_share") { w.groupShare = v }
    if let n = map["class_count"], let v = s.number(n, key: "class_count") { w.classCount = v }
    if let n = map["class_seat"], let v = s.number(n, key: "class_seat") { w.classSeat = v }
    if let n = map["hard_break"], let v = s.number(n, key: "hard_break", minimum: 0, exclusive: true) {
      w.hardBreak = v
    }
    if let n = map["priorities"] { w.priorities = priorities(n, source: s) }
    return w
  }
}
