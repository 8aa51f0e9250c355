import Yams

/// The target rules (quota, group-share, class-count), the class selector,
/// the timing keys of cycle rules and the objective's priorities.
extension RuleParser {
  static let classSelectorKeys = [
    "kinds", "institution_types", "levels", "institutions", "themes", "regions", "min_days", "max_days",
  ]

  // MARK: Small values

  /// `key: true|false`; false when absent, nil (logged) when not a boolean.
  static func flag(_ map: YAMLMap, _ key: String) -> Bool? {
    guard let n = map[key] else { return false }
    switch map.source.text(n, key: key) {
    case "true", "yes": return true
    case "false", "no": return false
    case nil: return nil
    case let t?:
      map.source.error(n, "`\(key)` must be true or false, not '\(t)'.")
      return nil
    }
  }

  /// A `MM-DD` day of the year.
  static func monthDay(_ node: Node, key: String, source s: YAMLSource) -> MonthDay? {
    guard let t = s.text(node, key: key) else { return nil }
    guard let d = MonthDay(t) else {
      s.error(node, "`\(key)` must be a day of the year written MM-DD, such as \"06-30\", not '\(t)'.")
      return nil
    }
    return d
  }

  /// A decimal of at least 0 (a ratio may exceed 1).
  static func ratio(_ node: Node, key: String, source s: YAMLSource) -> ExactDecimal? {
    guard let t = s.text(node, key: key) else { return nil }
    guard let d = ExactDecimal(t), d.scale <= 6, d.units <= 1_000_000_000 else {
      s.error(node, "`\(key)` must be a decimal of at least 0 such as 1 or 0.9, with at most 6 places, not '\(t)'.")
      return nil
    }
    return d
  }

  static func count(_ map: YAMLMap, _ key: String) -> Int?? {
    guard let n = map[key] else { return .some(nil) }
    guard let v = map.source.int(n, key: key, in: 0...Int.max) else { return nil }
    return .some(v)
  }

  // MARK: Timing of cycle rules

  /// `window: {from: "MM-DD", to: "MM-DD"}` and `by: "MM-DD"`.
  static func timing(_ map: YAMLMap, label: String) -> Timing? {
    let s = map.source
    var timing = Timing.always
    var ok = true
    if let n = map["window"] {
      if let w = s.mapping(n, what: "`window` of \(label)") {
        w.rejectUnknownKeys(["from", "to"], in: "`window` of \(label)")
        let from = w["from"].flatMap { monthDay($0, key: "window.from", source: s) }
        let to = w["to"].flatMap { monthDay($0, key: "window.to", source: s) }
        if w["from"] == nil || w["to"] == nil {
          s.error(n, "`window` of \(label) needs `from` and `to` (e.g. window: { from: \"03-01\", to: \"05-31\" }).")
        }
        if let from, let to {
          if to < from {
            s.error(n, "`window` of \(label) ends (\(to)) before it starts (\(from)); a window lies within one year.")
            ok = false
          } else {
            timing.window = (from, to)
          }
        } else {
          ok = false
        }
      } else {
        ok = false
      }
    }
    if let n = map["by"] {
      if let d = monthDay(n, key: "by", source: s) { timing.by = d } else { ok = false }
    }
    return ok ? timing : nil
  }

  // MARK: Class selector

  /// Reads a `classes:` selector; nil (logged) on any defect.
  static func classSelector(_ node: Node, key: String = "classes", source s: YAMLSource) -> ClassSelector? {
    guard let map = s.mapping(node, what: "`\(key)`") else { return nil }
    map.rejectUnknownKeys(classSelectorKeys, in: "`\(key)`")
    let start = s.issues.count
    var sel = ClassSelector()
    if let n = map["kinds"], let v = s.words(n, key: "kinds", noun: "class kind", as: ClassKind.self) { sel.kinds = v }
    if let n = map["institution_types"],
      let v = s.words(n, key: "institution_types", noun: "institution type", as: InstitutionType.self)
    {
      sel.institutionTypes = v
    }
    if let n = map["levels"], let v = s.words(n, key: "levels", noun: "level", as: Level.self) { sel.levels = v }
    if let n = map["institutions"], let v = s.strings(n, key: "institutions") { sel.institutions = Set(v) }
    if let n = map["themes"], let v = s.strings(n, key: "themes") { sel.themes = Set(v) }
    if let n = map["regions"], let v = s.strings(n, key: "regions") { sel.regions = Set(v) }
    if let n = map["min_days"] { sel.minDays = s.int(n, key: "min_days", in: 0...Int.max) }
    if let n = map["max_days"] { sel.maxDays = s.int(n, key: "max_days", in: 0...Int.max) }
    if let lo = sel.minDays, let hi = sel.maxDays, hi < lo {
      s.error(node, "`\(key)` has max_days \(hi) below min_days \(lo); no class would match.")
    }
    return s.issues.count == start ? sel : nil
  }

  private static func classes(_ map: YAMLMap) -> ClassSelector? {
    guard let n = map["classes"] else { return .any }
    return classSelector(n, source: map.source)
  }

  // MARK: quota

  static func quota(_ map: YAMLMap, info: RuleInfo, label: String) -> QuotaRule? {
    let s = map.source
    let start = s.issues.count
    var tolerance = ExactDecimal(0)
    if let n = map["tolerance"], let t = s.share(n, key: "tolerance") { tolerance = t }
    let hard = flag(map, "hard")
    let weight = weight(map)
    var targets: [QuotaTarget] = []
    if let n = required(
      map, "targets", label, example: "[{ programme: 乡镇党委书记, who: { tags: [township-secretary] }, count: 1000 }]"),
      let items = s.list(n, key: "targets")
    {
      if items.isEmpty { s.error(n, "`targets` of \(label) is empty; list at least one programme.") }
      for item in items {
        if let t = quotaTarget(item, label: label, source: s) { targets.append(t) }
      }
    }
    var names: Set<String> = []
    for t in targets where !names.insert(t.programme).inserted {
      s.error(map.node, "\(label) names the programme '\(t.programme)' twice; give each target its own name.")
    }
    guard s.issues.count == start, let hard, let weight else { return nil }
    return QuotaRule(info: info, targets: targets, tolerance: tolerance, hard: hard, weight: weight)
  }

  static func quotaTarget(_ node: Node, label: String, source s: YAMLSource) -> QuotaTarget? {
    guard let map = s.mapping(node, what: "a target of \(label)") else { return nil }
    map.rejectUnknownKeys(
      ["programme", "who", "classes", "count", "share", "at_least", "at_most", "tolerance"],
      in: "a target of \(label)")
    let start = s.issues.count
    let programme = required(map, "programme", label, example: "乡镇党委书记").flatMap {
      s.string($0, key: "programme")
    }
    let who = who(map)
    let classes = classes(map)
    var amount: TargetAmount?
    switch (map["count"], map["share"]) {
    case (let c?, nil): amount = s.int(c, key: "count", in: 0...Int.max).map(TargetAmount.count)
    case (nil, let sh?): amount = s.share(sh, key: "share").map(TargetAmount.share)
    case (nil, nil): s.error(node, "a target of \(label) needs `count` or `share` (e.g. count: 1000).")
    default: s.error(node, "a target of \(label) gives both `count` and `share`; give one of them.")
    }
    let atLeast = flag(map, "at_least")
    let atMost = flag(map, "at_most")
    if atLeast == true, atMost == true {
      s.error(node, "a target of \(label) is both `at_least` and `at_most`; it would allow any figure.")
    }
    var tolerance: ExactDecimal?
    if let n = map["tolerance"] { tolerance = s.share(n, key: "tolerance") }
    guard s.issues.count == start, let programme, let who, let classes, let amount, let atLeast, let atMost else {
      return nil
    }
    return QuotaTarget(
      programme: programme, who: who, classes: classes, amount: amount, atLeast: atLeast, atMost: atMost,
      tolerance: tolerance)
  }

  // MARK: group-share

  static func groupShare(_ map: YAMLMap, info: RuleInfo, label: String) -> GroupShareRule? {
    let s = map.source
    let start = s.issues.count
    var groups: [ShareGroup] = []
    if let n = required(map, "groups", label, example: "[{ name: 女干部, who: { gender: [F] } }]"),
      let items = s.list(n, key: "groups")
    {
      if items.isEmpty { s.error(n, "`groups` of \(label) is empty; list at least one group.") }
      for item in items {
        guard let g = s.mapping(item, what: "a group of \(label)") else { continue }
        g.rejectUnknownKeys(["name", "who"], in: "a group of \(label)")
        let name = required(g, "name", label, example: "女干部").flatMap { s.string($0, key: "name") }
        let who = required(g, "who", label, example: "{ gender: [F] }").flatMap { selector($0, source: s) }
        if let name, let who { groups.append(ShareGroup(name: name, who: who)) }
      }
    }
    var names: Set<String> = []
    for g in groups where !names.insert(g.name).inserted {
      s.error(map.node, "\(label) names the group '\(g.name)' twice; give each group its own name.")
    }
    let of = map["of"].map { selector($0, source: s) } ?? .everyone
    let classes = classes(map)
    var minRatio = ExactDecimal(1)
    if let n = map["min_ratio"], let r = ratio(n, key: "min_ratio", source: s) { minRatio = r }
    var tolerance = ExactDecimal(0)
    if let n = map["tolerance"], let t = s.share(n, key: "tolerance") { tolerance = t }
    let hard = flag(map, "hard")
    let weight = weight(map)
    guard s.issues.count == start, let of, let classes, let hard, let weight else { return nil }
    return GroupShareRule(
      info: info, groups: groups, of: of, classes: classes, minRatio: minRatio, tolerance: tolerance, hard: hard,
      weight: weight)
  }

  // MARK: class-count

  static func classCount(_ map: YAMLMap, info: RuleInfo, label: String) -> ClassCountRule? {
    let s = map.source
    let start = s.issues.count
    let classes = classes(map)
    let lo = count(map, "min")
    let hi = count(map, "max")
    let loSeats = count(map, "min_seats")
    let hiSeats = count(map, "max_seats")
    let hard = flag(map, "hard")
    let weight = weight(map)
    var seatWeight: Double?? = .some(nil)
    if let n = map["seat_weight"] { seatWeight = s.number(n, key: "seat_weight").map { .some($0) } }
    guard let classes, let lo, let hi, let loSeats, let hiSeats, let hard, let weight, let seatWeight else {
      return nil
    }
    if lo == nil, hi == nil, loSeats == nil, hiSeats == nil {
      s.error(map.node, "\(label) needs a bound: `min`, `max`, `min_seats` or `max_seats` (e.g. min: 4).")
    }
    if let lo, let hi, hi < lo { s.error(map.node, "\(label) has max \(hi) below min \(lo).") }
    if let lo = loSeats, let hi = hiSeats, hi < lo {
      s.error(map.node, "\(label) has max_seats \(hi) below min_seats \(lo).")
    }
    guard s.issues.count == start else { return nil }
    return ClassCountRule(
      info: info, classes: classes, min: lo, max: hi, minSeats: loSeats, maxSeats: hiSeats, hard: hard,
      weight: weight, seatWeight: seatWeight)
  }

  // MARK: objective priorities

  /// `priorities: [{who, factor}]`: the first matching entry multiplies the
  /// value of a cadre's obligations.
  static func priorities(_ node: Node, source s: YAMLSource) -> [ObjectiveWeights.Priority] {
    guard let items = s.list(node, key: "priorities") else { return [] }
    var out: [ObjectiveWeights.Priority] = []
    for item in items {
      guard let m = s.mapping(item, what: "a priority") else { continue }
      m.rejectUnknownKeys(["who", "factor"], in: "a priority")
      let who = required(m, "who", "a priority", example: "{ leadership: [principal] }").flatMap {
        selector($0, source: s)
      }
      let factor = required(m, "factor", "a priority", example: "3").flatMap {
        s.number($0, key: "factor", minimum: 0, exclusive: true)
      }
      if let who, let factor { out.append(.init(who: who, factor: factor)) }
    }
    return out
  }
}
