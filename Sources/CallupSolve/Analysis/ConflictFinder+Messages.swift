import CallupDomain
import CallupPlan
import CallupRules

/// The conflicts' figures and words.
extension ConflictFinder {
  /// `annual-rotation (classes ending by 06-30)`.
  func describe(_ rule: CycleRule) -> String {
    rule.timing.isAlways ? rule.info.id.rawValue : "\(rule.info.id) (classes \(rule.timing.description))"
  }

  /// `annual-rotation（06-30前结束的班次）`.
  func describeZh(_ rule: CycleRule) -> String {
    var parts: [String] = []
    if let f = rule.timing.windowFrom, let t = rule.timing.windowTo { parts.append("\(f)至\(t)开班") }
    if let by = rule.timing.by { parts.append("\(by)前结束") }
    return parts.isEmpty ? rule.info.id.rawValue : "\(rule.info.id)（\(parts.joined(separator: "、"))的班次）"
  }

  /// A hard rule that cannot hold by itself, or nil.
  func alone(_ n: Need) -> Conflict? {
    if n.countsClasses { return aloneClassCount(n) }
    let capacity = seats(n.classes, people: n.reachable)
    let available = min(n.reachable, capacity)
    guard n.needed > available else { return nil }
    let missing = n.needed - available
    var zh = "\(n.labelZh) 需要 \(n.needed) 人参训；符合条件的 \(n.classes.count) 个班次共 \(capacity) 个名额"
    var en = "\(n.label) needs \(n.needed) persons trained; its \(n.classes.count) classes seat \(capacity)"
    if n.classes.isEmpty {
      zh = "\(n.labelZh) 需要 \(n.needed) 人参训；\(year) 年没有符合条件的班次"
      en = "\(n.label) needs \(n.needed) persons trained; no class of \(year) counts for it"
    } else if n.reachable < n.needed {
      zh += "，其中能参加的只有 \(n.reachable) 人（其余不符合班次条件、不能参训或已参训）"
      en +=
        ", and only \(n.reachable) of the persons can attend one (the others are not admitted, unavailable or trained already)"
    }
    let (hintZh, hintEn) = hints(for: n, missing: missing)
    zh += "。\(hintZh)"
    en += ". \(hintEn)"
    return Conflict(
      rules: n.rules, year: year, message: zh, messageEnglish: en, needed: n.needed, available: available)
  }

  func aloneClassCount(_ n: Need) -> Conflict? {
    let isSeats = n.counts == .seats
    let possible = n.classes.filter { ki in
      scenario.classes[ki].minSize
        <= scenario.cadres.indices.lazy.filter { screen.screen(cadre: $0, klass: ki) == nil }
        .prefix(scenario.classes[ki].minSize).count
    }
    let available = isSeats ? seats(possible, people: scenario.cadres.count) : possible.count
    guard n.needed > available else { return nil }
    let what = isSeats ? ("个名额", "seats") : ("个班次", "classes")
    let zh =
      "\(n.labelZh) 要求至少 \(n.needed) \(what.0)；\(year) 年符合条件且能开班的班次只能提供 \(available) \(what.0)。"
      + "请增加 \(n.needed - available) \(what.0)，或降低下限。"
    let en =
      "\(n.label) asks for at least \(n.needed) \(what.1); the classes of \(year) it counts that can be held give \(available). "
      + "Add \(n.needed - available) \(what.1) to the catalogue, or lower the minimum."
    return Conflict(rules: n.rules, year: year, message: zh, messageEnglish: en, needed: n.needed, available: available)
  }

  /// Two hard rules over different people that each fit alone but not
  /// together in the seats of their classes.
  func together(_ a: Need, _ b: Need) -> Conflict? {
    let shared = Set(a.classes).intersection(b.classes)
    guard !shared.isEmpty else { return nil }
    let union = Array(Set(a.classes).union(b.classes)).sorted()
    let capacity = seats(union, people: a.reachable + b.reachable)
    let needed = a.needed + b.needed
    guard needed > capacity else { return nil }
    let ids = shared.sorted().prefix(3).map { scenario.classes[$0].id.rawValue }.joined(separator: ", ")
    let zh =
      "\(a.labelZh) 需要 \(a.needed) 人、\(b.labelZh) 需要 \(b.needed) 人，共 \(needed) 人；两者共用的班次（\(ids) 等）"
      + "与各自班次合计只有 \(capacity) 个名额。请增加 \(needed - capacity) 个名额，或将其中一条规则改为非刚性。"
    let en =
      "\(a.label) needs \(a.needed) persons and \(b.label) \(b.needed), \(needed) together; the classes they share "
      + "(\(ids)…) and their own seat \(capacity). Add \(needed - capacity) seats, or make one of them soft."
    return Conflict(
      rules: a.rules + b.rules, year: year, message: zh, messageEnglish: en, needed: needed, available: capacity)
  }

  /// A broken hard rule with no proof that it cannot hold: what the plan found.
  func notMet(_ id: RuleID, plan: Plan) -> Conflict {
    let unmet = plan.unmet.filter { $0.ruleID == id && $0.obligation.year == year }.count
    if let t = plan.targets.first(where: { $0.target.rule.id == id && $0.target.year == year && $0.status != .met }) {
      let range = t.range.hi.map { "\(t.range.lo)–\($0)" } ?? "≥ \(t.range.lo)"
      let zh =
        "\(id)（\(t.target.name)）要求 \(range)，计划为 \(t.planned)；未能证明不可实现，但在时限内未找到满足它的方案。"
        + "可延长求解时间（--time-limit），或增加其班次名额。"
      let en =
        "\(id) (\(t.target.name)) asks for \(range) and the plan has \(t.planned); it was not shown impossible, but no plan "
        + "that keeps it was found in the time limit. Give a longer --time-limit, or more seats in its classes."
      return Conflict(
        rules: [id], year: year, message: zh, messageEnglish: en, needed: t.range.lo, available: t.planned)
    }
    let due = book.obligations.filter { scenario.policy.cycleRules[$0.rule].info.id == id && !$0.early }.count
    let zh =
      "\(id) 要求 \(due) 名应训干部全部参训，计划中 \(unmet) 人未安排；未能证明不可实现，但在时限内未找到满足它的方案。"
      + "可延长求解时间（--time-limit），或增加其班次名额。"
    let en =
      "\(id) asks for all \(due) due cadres to be trained and the plan leaves \(unmet) out; it was not shown impossible, "
      + "but no plan that keeps it was found in the time limit. Give a longer --time-limit, or more seats in its classes."
    return Conflict(rules: [id], year: year, message: zh, messageEnglish: en, needed: due, available: due - unmet)
  }

  /// What would make a need hold: seats to add and, for a rule with a
  /// `window` or `by`, the classes of its kinds outside those dates.
  func hints(for n: Need, missing: Int) -> (String, String) {
    var zh = "需增加 \(missing) 个名额"
    var en = "Add \(missing) seats to such classes"
    let cycles = scenario.policy.cycleRules
    if let rule = cycles.first(where: { n.rules.contains($0.info.id) }), !rule.timing.isAlways {
      let outside = scenario.classes.indices.filter {
        let k = scenario.classes[$0]
        return k.year == year && rule.countsUntimed(k) && !rule.counts(k)
      }
      let seatsOutside = seats(outside, people: n.needed)
      if !outside.isEmpty {
        let shown = outside.prefix(3).map { scenario.classes[$0] }
        let namesZh = shown.map { "\($0.id)（\($0.span)）" }.joined(separator: "、")
        let namesEn = shown.map { "\($0.id) (\($0.span))" }.joined(separator: ", ")
        let more = outside.count > 3 ? "…" : ""
        if seatsOutside >= missing {
          zh += "，或将时限外的 \(outside.count) 个班次（\(namesZh)\(more)，共 \(seatsOutside) 个名额）中的部分调整到时限内"
          en +=
            ", or move some of the \(outside.count) classes outside the dates (\(namesEn)\(more); \(seatsOutside) seats) inside them"
        } else {
          zh +=
            "；时限外的 \(outside.count) 个班次（\(namesZh)\(more)）共 \(seatsOutside) 个名额，全部调整到时限内也还差 \(missing - seatsOutside) 个；"
          en +=
            "; the \(outside.count) classes outside the dates (\(namesEn)\(more)) seat \(seatsOutside): even all moved inside them would leave \(missing - seatsOutside) missing;"
        }
      }
      zh += zh.hasSuffix("；") ? "或放宽时限" : "，或放宽时限"
      en += en.hasSuffix(";") ? " or relax the dates" : ", or relax the dates"
    }
    return (zh + "，或将该规则改为非刚性。", en + ", or make the rule soft.")
  }
}
