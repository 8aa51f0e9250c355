import CallupDomain
import CallupPlan
import CallupRules

extension NominationRound {
  /// The plan's suggested names of a pair that lost their seats, in keeping order.
  func dropped(_ pair: SeatKey) -> [Int] {
    let placed = Set(judge.placed[pair] ?? [])
    return cost.keepOrder(suggestions[pair, default: []], klass: pair.klass).filter { !placed.contains($0) }
  }

  /// The suggested cadre whose seat each accepted newcomer takes: the
  /// pair's newcomers in the rows' order against the dropped suggested
  /// names, the one the plan needed most first.
  func replacements() -> [Int: Int] {
    var out: [Int: Int] = [:]
    for pair in nominated {
      let suggested = Set(suggestions[pair, default: []])
      let newcomers = rows(of: pair).filter { i in
        refusals[i] == nil && resolved[i].cadre.map { !suggested.contains($0) } == true
      }
      for (i, ci) in zip(newcomers, dropped(pair)) { out[i] = ci }
    }
    return out
  }

  /// review.csv's rows: each row received, accepted (with its notes) or refused.
  func reviewedRows(_ plan: Plan) -> [ReviewedNomination] {
    let replaced = replacements()
    return rows.indices.map { i in
      let r = resolved[i]
      var out = ReviewedNomination(
        row: rows[i], unit: r.unit, klass: r.klass, cadre: r.cadre, decision: .refused,
        meets: meets(cadre: r.cadre, klass: r.klass))
      if let refusal = refusals[i] {
        out.rule = refusal.rule
        out.reason = refusal.reason
        out.suggestedReplacement = suggested[i]
        return out
      }
      guard let u = r.unit, let k = r.klass, let c = r.cadre else { return out }
      out.replaces = replaced[i]
      out.leavesUnmet = replaced[i].map { SubstitutionCost.leftUnmet(cadre: $0, klass: k, in: plan) } ?? []
      let isSuggested = suggestions[SeatKey(unit: u, klass: k), default: []].contains(c)
      let notes = self.notes(out, suggested: isSuggested)
      out.decision = notes.isEmpty ? .accepted : .acceptedWithNote
      out.rule = notes.first?.rule ?? ""
      out.reason =
        notes.isEmpty
        ? (isSuggested ? "suggested by the plan" : out.meets) : notes.map(\.reason).joined(separator: "; ")
      return out
    }
  }

  /// What the class serves for the cadre, in words; empty when nothing.
  func meets(cadre: Int?, klass: Int?) -> String {
    guard let c = cadre, let k = klass else { return "" }
    return cost.served(cadre: c, klass: k) ?? ""
  }

  /// The costs and caveats of an accepted row: a nominee who is not due,
  /// a suggested cadre left with obligations unmet, a class called up by name.
  func notes(_ r: ReviewedNomination, suggested isSuggested: Bool) -> [Refusal] {
    guard let c = r.cadre, let k = r.klass, !isSuggested else { return [] }
    let klass = scenario.classes[k]
    var notes: [Refusal] = []
    if r.meets.isEmpty {
      notes.append(
        Refusal(
          rule: "not-due",
          reason: "\(scenario.cadres[c].id) is not due: \(klass.id) meets no obligation of the cadre in \(year)"))
    }
    if let gone = r.replaces, let first = r.leavesUnmet.first {
      let words = r.leavesUnmet.map { u in
        "\(u.ruleID)" + (u.obligation.isOverdue ? " (overdue \(u.obligation.overdueYears) y)" : "")
      }
      notes.append(
        Refusal(
          rule: first.ruleID.rawValue,
          reason: "replaces \(judge.who(gone)), suggested by the plan, who is now left with "
            + "\(words.joined(separator: ", ")) unmet"))
    }
    if !scenario.allocation.byAllocation(klass) {
      notes.append(
        Refusal(rule: "by-name", reason: "\(klass.id) is called up by name: the nominee takes a named cadre's seat"))
    }
    return notes
  }

  /// review-units.csv's rows: every unit's seats in each class by
  /// allocation, and every unit and class some row names, by unit and
  /// class start.
  func unitSummaries(_ plan: Plan, rows reviewed: [ReviewedNomination]) -> [UnitNominations] {
    let s = scenario
    var pairs = Set(rowsByPair.keys)
    for p in suggestions.keys where s.allocation.byAllocation(s.classes[p.klass]) { pairs.insert(p) }
    let ordered = pairs.sorted { a, b in
      if a.unit != b.unit { return s.units[a.unit].id < s.units[b.unit].id }
      let ka = s.classes[a.klass], kb = s.classes[b.klass]
      return ka.start != kb.start ? ka.start < kb.start : ka.id < kb.id
    }
    return ordered.map { pair in
      let allocated = suggestions[pair]?.count ?? 0
      let mine = rows(of: pair)
      let accepted = mine.filter { reviewed[$0].decision != .refused }.count
      var u = UnitNominations(
        unit: pair.unit, klass: pair.klass, allocated: allocated, nominated: mine.count, accepted: accepted,
        refused: mine.count - accepted)
      guard nominated.contains(pair) else {
        u.planNames = allocated
        return u
      }
      u.planNames = refilled[pair]?.count ?? 0
      u.empty = max(0, allocated - (judge.placed[pair]?.count ?? 0))
      u.leftUnmet = dropped(pair).flatMap { SubstitutionCost.leftUnmet(cadre: $0, klass: pair.klass, in: plan) }
      u.suggestions = mine.compactMap { suggested[$0] }
      return u
    }
  }
}
