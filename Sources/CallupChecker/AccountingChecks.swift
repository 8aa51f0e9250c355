import CallupDomain

/// A due cycle obligation, re-derived from history and the plan.
struct Obligation {
  var cadre: Int
  var rule: CycleRule
  var year: Int
  /// Start year of the latest counting training before, or nil.
  var last: Int?
  var overdue: Int
  /// The class index of a planned counting class in the year, if any.
  var metBy: Int?
}

/// The accounting of plan.json: unmet, unit_shortfalls and kpis.
extension CheckRun {
  /// Every due obligation (cadre, cycle rule, planned year).
  ///
  /// A cadre matched by `who` is due in Y when its latest counting training
  /// (history up to Y, or a planned class of an earlier planned year) started
  /// in a year ≤ Y − every, or it has none; a counting history row in Y means
  /// not due. A training counts when its kind is one of `kinds`, it lasts at
  /// least `min_days` and it keeps the rule's `window` and `by`: the timing
  /// narrows what counts for meeting and for the clock alike.
  func cycleObligations() -> [Obligation] {
    var out: [Obligation] = []
    for rule in s.policy.cycleRules {
      for y in years {
        for (ci, c) in s.cadres.enumerated() where rule.who.matches(c, year: y) {
          var last: Int?
          var trainedInY = false
          for h in s.historyByCadre[ci] where h.year <= y && Counting.counts(rule, h) {
            if h.year == y { trainedInY = true }
            last = max(last ?? h.year, h.year)
          }
          if trainedInY { continue }
          var metBy: Int?
          for kj in planned.classesOf[ci] {
            let k = s.classes[kj]
            guard Counting.counts(rule, k) else { continue }
            if k.year < y { last = max(last ?? k.year, k.year) }
            if k.year == y, metBy == nil { metBy = kj }
          }
          if let l = last, l > y - rule.every { continue }
          let overdue = last.map { y - $0 - rule.every } ?? rule.every
          out.append(Obligation(cadre: ci, rule: rule, year: y, last: last, overdue: overdue, metBy: metBy))
        }
      }
    }
    return out
  }

  func obligationText(_ o: Obligation) -> String {
    let since = o.last.map { "last counting training \($0)" } ?? "no counting training on record"
    return
      "\(cadreText(o.cadre)) is due for \(o.rule.info.id) in \(o.year) (\(since), overdue by \(o.overdue) year\(o.overdue == 1 ? "" : "s"))"
  }

  /// `unmet` lists exactly the due obligations no assignment meets, each with
  /// a reason from the allowed set.
  mutating func checkUnmet(_ obligations: [Obligation]) {
    guard let list = plan.unmet else { return }
    var expected: [String: Obligation] = [:]
    for o in obligations where o.metBy == nil {
      expected["\(s.cadres[o.cadre].id)\u{1}\(o.rule.info.id)\u{1}\(o.year)"] = o
    }
    var allByKey: [String: Obligation] = [:]
    for o in obligations { allByKey["\(s.cadres[o.cadre].id)\u{1}\(o.rule.info.id)\u{1}\(o.year)"] = o }
    let byRule = Dictionary(s.policy.rules.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
    var listed = Set<String>()
    for (i, e) in list.enumerated() {
      let path = "unmet[\(i)]"
      guard let cid = e.cadre, let rid = e.rule else {
        for (f, v) in [("cadre", e.cadre), ("rule", e.rule)] where v == nil && missing(path + "." + f) {
          log.add("format", "plan.json \(path) has no `\(f)`.")
        }
        continue
      }
      guard let ci = s.cadreIndex[CadreID(cid)] else {
        log.add("unmet", "plan.json lists cadre \(cid) as unmet for \(rid), but there is no such cadre.")
        continue
      }
      guard let rule = byRule[rid] else {
        log.add("unmet", "plan.json lists \(cadreText(ci)) as unmet for rule \(rid), which the policy does not have.")
        continue
      }
      guard case .cycle(let cycle) = rule else {
        log.add(
          "unmet",
          "plan.json lists \(cadreText(ci)) as unmet for \(rid), a \(rule.info.type) rule; unmet lists only cycle obligations."
        )
        continue
      }
      var year = e.year ?? (s.horizon == 1 ? s.year : nil)
      if year == nil {
        if missing(path + ".year") {
          log.add(
            "format",
            "plan.json \(path) (\(cadreText(ci)), \(rid)) has no `year`; a plan over \(s.horizon) years needs it.")
        }
        // Read it as the one unmet obligation of that cadre and rule, if there is just one.
        let candidates = expected.values.filter { $0.cadre == ci && $0.rule.info.id.rawValue == rid }
        guard candidates.count == 1 else { continue }
        year = candidates[0].year
      }
      let y = year ?? s.year
      if let r = e.reason {
        if !PlanChecker.reasons.contains(r) {
          log.add(
            "unmet",
            "plan.json gives reason \"\(r)\" for \(cadreText(ci)) unmet on \(rid) in \(y); it must be one of \(Self.reasonList)."
          )
        }
      } else if missing(path + ".reason") {
        log.add("format", "plan.json \(path) (\(cadreText(ci)), \(rid), \(y)) has no `reason`.")
      }
      let key = "\(cid)\u{1}\(rid)\u{1}\(y)"
      guard listed.insert(key).inserted else {
        log.add("unmet", "plan.json lists \(cadreText(ci)) as unmet for \(rid) in \(y) more than once.")
        continue
      }
      if expected[key] != nil { continue }
      // Listed but not an unmet due obligation: say why.
      let why: String
      if !years.contains(y) {
        why = "\(y) is not a planned year (\(yearsText))"
      } else if !cycle.who.matches(s.cadres[ci], year: y) {
        why = "the rule's `who` does not match the cadre in \(y)"
      } else if let o = allByKey[key], let kj = o.metBy {
        why = "the plan meets it with \(classText(kj))"
      } else {
        why = "the cadre is not due in \(y): \(notDueReason(ci, cycle, y))"
      }
      log.add("unmet", "plan.json lists \(cadreText(ci)) as unmet for \(rid) in \(y), but \(why).")
    }
    var missingCount = 0
    for o in obligations where o.metBy == nil {
      let key = "\(s.cadres[o.cadre].id)\u{1}\(o.rule.info.id)\u{1}\(o.year)"
      if !listed.contains(key) {
        missingCount += 1
        log.add("unmet", "\(obligationText(o)); no assignment meets it, and plan.json does not list it in `unmet`.")
      }
    }
    let due = obligations.count
    let met = obligations.filter { $0.metBy != nil }.count
    log.note(
      "Cycle rules (\(s.policy.cycleRules.count)): \(due) due obligations, \(met) met, \(due - met) unmet; "
        + "\(list.count) unmet entries checked.")
  }

  func notDueReason(_ ci: Int, _ rule: CycleRule, _ y: Int) -> String {
    if let h = s.historyByCadre[ci].first(where: { $0.year == y && Counting.counts(rule, $0) }) {
      return "\(historyText(h)) counts in \(y)"
    }
    var last: Int?
    for h in s.historyByCadre[ci] where h.year < y && Counting.counts(rule, h) {
      last = max(last ?? h.year, h.year)
    }
    for kj in planned.classesOf[ci] where s.classes[kj].year < y {
      let k = s.classes[kj]
      if Counting.counts(rule, k) { last = max(last ?? k.year, k.year) }
    }
    if let l = last { return "its last counting training started in \(l), within every \(rule.every) year(s)" }
    return "it is not due"
  }

  static var reasonList: String { PlanChecker.reasons.sorted().joined(separator: ", ") }

  /// A unit-share requirement (unit, rule, year) and how it stands.
  struct ShareRequirement {
    var unit: Int
    var rule: UnitShareRule
    var year: Int
    var matched: Int
    var required: Int
    var planned: Int
  }

  /// Per unit-share rule, unit and planned year: n cadres matched by `who`,
  /// required `ceil(share × n)`, planned = matched cadres with a class of
  /// `kinds` in the year (history in the year counts).
  func shareRequirements() -> [ShareRequirement] {
    var out: [ShareRequirement] = []
    for rule in s.policy.unitShareRules {
      for y in years {
        for u in s.units.indices {
          let matched = s.cadresByUnit[u].filter { rule.who.matches(s.cadres[$0], year: y) }
          guard !matched.isEmpty else { continue }
          let required = rule.share.ceil(times: matched.count)
          let done = matched.filter { ci in
            s.historyByCadre[ci].contains { $0.year == y && rule.kinds.contains($0.kind) }
              || planned.classesOf[ci].contains { s.classes[$0].year == y && rule.kinds.contains(s.classes[$0].kind) }
          }.count
          out.append(
            ShareRequirement(unit: u, rule: rule, year: y, matched: matched.count, required: required, planned: done))
        }
      }
    }
    return out
  }

  /// `unit_shortfalls` lists exactly the unit-share requirements not met,
  /// with the right `required` and `planned`, and a reason from the set.
  mutating func checkUnitShortfalls() {
    guard let list = plan.unitShortfalls else { return }
    let reqs = shareRequirements()
    var byKey: [String: ShareRequirement] = [:]
    for r in reqs { byKey["\(s.units[r.unit].id)\u{1}\(r.rule.info.id)\u{1}\(r.year)"] = r }
    let byRule = Dictionary(s.policy.rules.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
    var listed = Set<String>()
    for (i, e) in list.enumerated() {
      let path = "unit_shortfalls[\(i)]"
      guard let uid = e.unit, let rid = e.rule else {
        for (f, v) in [("unit", e.unit), ("rule", e.rule)] where v == nil && missing(path + "." + f) {
          log.add("format", "plan.json \(path) has no `\(f)`.")
        }
        continue
      }
      guard let u = s.unitIndex[UnitID(uid)] else {
        log.add("unit-shortfall", "plan.json lists a shortfall of unit \(uid) on \(rid), but there is no such unit.")
        continue
      }
      guard let rule = byRule[rid] else {
        log.add(
          "unit-shortfall",
          "plan.json lists a shortfall of \(unitText(u)) on rule \(rid), which the policy does not have.")
        continue
      }
      guard case .unitShare = rule else {
        log.add(
          "unit-shortfall",
          "plan.json lists a shortfall of \(unitText(u)) on \(rid), a \(rule.info.type) rule; unit_shortfalls lists only unit-share rules."
        )
        continue
      }
      var year = e.year ?? (s.horizon == 1 ? s.year : nil)
      if year == nil {
        if missing(path + ".year") {
          log.add(
            "format",
            "plan.json \(path) (\(unitText(u)), \(rid)) has no `year`; a plan over \(s.horizon) years needs it.")
        }
        // Read it as the one shortfall of that unit and rule, if there is just one.
        let candidates = reqs.filter { $0.unit == u && $0.rule.info.id.rawValue == rid && $0.planned < $0.required }
        guard candidates.count == 1 else { continue }
        year = candidates[0].year
      }
      let y = year ?? s.year
      if let r = e.reason {
        if !PlanChecker.reasons.contains(r) {
          log.add(
            "unit-shortfall",
            "plan.json gives reason \"\(r)\" for the shortfall of \(unitText(u)) on \(rid) in \(y); it must be one of \(Self.reasonList)."
          )
        }
      } else if missing(path + ".reason") {
        log.add("format", "plan.json \(path) (\(unitText(u)), \(rid), \(y)) has no `reason`.")
      }
      let key = "\(uid)\u{1}\(rid)\u{1}\(y)"
      guard listed.insert(key).inserted else {
        log.add("unit-shortfall", "plan.json lists the shortfall of \(unitText(u)) on \(rid) in \(y) more than once.")
        continue
      }
      guard let req = byKey[key] else {
        log.add(
          "unit-shortfall",
          "plan.json lists a shortfall of \(unitText(u)) on \(rid) in \(y), but no cadre of the unit is matched by the rule in that year."
        )
        continue
      }
      if req.planned >= req.required {
        log.add(
          "unit-shortfall",
          "plan.json lists a shortfall of \(unitText(u)) on \(rid) in \(y), but \(req.planned) of its \(req.matched) matched cadres attend, and \(req.required) are required."
        )
        continue
      }
      for (field, given, actual) in [("required", e.required, req.required), ("planned", e.planned, req.planned)] {
        if let g = given {
          if g != actual {
            log.add(
              "unit-shortfall",
              "plan.json gives \(field) \(g) for the shortfall of \(unitText(u)) on \(rid) in \(y); it is \(actual) (\(req.matched) matched, share \(req.rule.share))."
            )
          }
        } else if missing(path + "." + field) {
          log.add("format", "plan.json \(path) (\(unitText(u)), \(rid), \(y)) has no `\(field)`.")
        }
      }
    }
    var short = 0
    for r in reqs where r.planned < r.required {
      short += 1
      let key = "\(s.units[r.unit].id)\u{1}\(r.rule.info.id)\u{1}\(r.year)"
      if !listed.contains(key) {
        log.add(
          "unit-shortfall",
          "\(unitText(r.unit).capitalizedFirst) sends \(r.planned) of \(r.matched) cadres matched by \(r.rule.info.id) in \(r.year), fewer than the \(r.required) required, and plan.json does not list the shortfall."
        )
      }
    }
    log.note(
      "Unit-share rules (\(s.policy.unitShareRules.count)): \(reqs.count) unit requirements, \(short) short; \(list.count) shortfall entries checked."
    )
  }

  /// The KPIs: due, met, overdue_due, overdue_met, classes_held and cost are
  /// required; peak_unit_away_share is checked when present.
  mutating func checkKPIs(_ obligations: [Obligation], away: [UnitAway]) {
    guard let kpis = plan.kpis else { return }
    let held = s.classes.indices.filter { years.contains(s.classes[$0].year) && planned.attendees[$0] > 0 }
    let counts: [(String, Int)] = [
      ("due", obligations.count),
      ("met", obligations.filter { $0.metBy != nil }.count),
      ("overdue_due", obligations.filter { $0.overdue >= 1 }.count),
      ("overdue_met", obligations.filter { $0.overdue >= 1 && $0.metBy != nil }.count),
      ("classes_held", held.count),
    ]
    for (key, actual) in counts {
      guard let v = kpis[key] else {
        if missing("kpis.\(key)") { log.add("kpi", "plan.json has no KPI `\(key)`.") }
        continue
      }
      if abs(v - Double(actual)) > 1e-9 {
        log.add("kpi", "plan.json gives KPI \(key) = \(Self.num(v)), but the plan has \(actual).")
      }
    }
    var cost = held.reduce(0.0) { $0 + s.classes[$1].fixedCost }
    var extra = 0.0
    let tiered = s.policy.tiered
    for (ci, kj) in planned.pairs {
      let k = s.classes[kj]
      cost += k.costPerSeat
      if let t = tiered {
        let c = s.cadres[ci]
        if let lv = t.levels[c.rank], lv != k.level { extra += t.mismatchCost }
        if let u = s.unit(c.unit), u.region != k.region { extra += t.travelCost }
      }
    }
    if let v = kpis["cost"] {
      let ok = abs(v - cost) <= 0.5 || (tiered != nil && abs(v - cost - extra) <= 0.5)
      if !ok {
        var m =
          "plan.json gives KPI cost = \(Self.num(v)), but the fixed costs of held classes and the seats come to \(Self.num(cost))"
        if tiered != nil { m += " (\(Self.num(cost + extra)) with the tiered rule's mismatch and travel costs)" }
        log.add("kpi", m + ".")
      }
    } else if missing("kpis.cost") {
      log.add("kpi", "plan.json has no KPI `cost`.")
    }
    if let v = kpis["peak_unit_away_share"] {
      let (all, plannedDays) = peakAwayShares(away)
      if abs(v - all) > 1e-6 && abs(v - plannedDays) > 1e-6 {
        log.add(
          "kpi",
          "plan.json gives KPI peak_unit_away_share = \(v), but the highest share of a unit away on one day is \(all) over the planned years (\(plannedDays) on days with a planned class)."
        )
      }
    }
    let known: Set<String> = [
      "due", "met", "overdue_due", "overdue_met", "classes_held", "cost", "peak_unit_away_share",
    ]
    let others = kpis.keys.filter { !known.contains($0) }.sorted()
    log.note(
      "KPIs: \(kpis.count - others.count) checked"
        + (others.isEmpty ? "." : "; not checked: \(others.joined(separator: ", ")).")
    )
  }

  /// Says which rules of the policy the checker does not check, and why.
  mutating func noteUncheckedRules() {
    for r in s.policy.rules {
      switch r {
      case .hours(let h):
        log.note(
          "Rule \(h.info.id) (hours): not checked; it is soft, and the plan's `hours` figures are reported, not checked."
        )
      case .tiered(let t):
        log.note("Rule \(t.info.id) (tiered): soft; only its costs are allowed for in the cost KPI.")
      case .other(let o):
        log.note("Rule \(o.info.id) of type \(o.info.type): not known to the checker, not checked.")
      default: break
      }
    }
  }
}
