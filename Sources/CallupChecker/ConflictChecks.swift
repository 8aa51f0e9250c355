import CallupDomain

/// Status `infeasible` and its `conflicts`, and the hard cycle rules.
extension CheckRun {
  /// An infeasible plan lists at least one conflict, each with `rules` (ids
  /// of the policy), `year`, `message`, `needed` and `available`; a plan of
  /// another status lists none. Returns the rules an infeasible plan may
  /// break: those named in its conflicts.
  mutating func checkConflicts() -> Set<String> {
    let list = plan.conflicts ?? []
    guard status == "infeasible" else {
      if !list.isEmpty {
        log.add(
          "conflict",
          "plan.json lists \(list.count) conflict(s), but its status is \(plan.status ?? "not given"); conflicts belong to a plan with status infeasible."
        )
      }
      return []
    }
    if list.isEmpty, !plan.unreadable.contains("conflicts") {
      log.add(
        "conflict",
        "plan.json has status infeasible but lists no conflicts; an infeasible plan must name, in `conflicts`, the rules that cannot hold together."
      )
    }
    let known = Set(s.policy.rules.map(\.id.rawValue))
    var excused = Set<String>()
    for (i, c) in list.enumerated() {
      let path = "conflicts[\(i)]"
      let rules = c.rules ?? []
      if rules.isEmpty, !plan.unreadable.contains(path + ".rules") {
        log.add(
          "conflict",
          "plan.json \(path) names no rules; a conflict lists the ids of the rules that cannot hold together.")
      }
      for r in rules {
        if known.contains(r) {
          excused.insert(r)
        } else {
          log.add("conflict", "plan.json \(path) names rule \(r), which the policy does not have.")
        }
      }
      let what = rules.isEmpty ? path : "\(path) (\(rules.joined(separator: ", ")))"
      if let y = c.year {
        if !years.contains(y) {
          log.add("conflict", "plan.json \(what) is for \(y), which is not a planned year (\(yearsText)).")
        }
      } else if missing(path + ".year") {
        log.add("conflict", "plan.json \(what) has no `year`.")
      }
      if (c.message ?? "").allSatisfy(\.isWhitespace), missing(path + ".message") {
        log.add(
          "conflict",
          "plan.json \(what) has no `message`; a conflict says in planners' words why the rules cannot hold.")
      }
      if let how = c.planned, !["soft", "hard"].contains(how) {
        log.add("conflict", "plan.json \(what) says its rules were planned \"\(how)\"; `planned` is soft or hard.")
      }
      for (field, v) in [("needed", c.needed), ("available", c.available)] where v == nil && missing(path + "." + field)
      {
        log.add("conflict", "plan.json \(what) has no `\(field)` figure.")
      }
    }
    let named = excused.sorted().joined(separator: ", ")
    log.note(
      "Status infeasible: \(list.count) conflict(s) checked"
        + (excused.isEmpty ? "." : "; the rules they name (\(named)) may be broken, every other rule must hold."))
    return excused
  }

  /// Every due obligation of a `hard: true` cycle rule is met, unless the plan
  /// is infeasible and lists the rule in a conflict.
  mutating func checkHardCycles(_ obligations: [Obligation], excused: Set<String>) {
    var accepted: [String: Int] = [:]
    for o in obligations where o.rule.hard && o.metBy == nil {
      let id = o.rule.info.id.rawValue
      if excused.contains(id) {
        accepted[id, default: 0] += 1
        continue
      }
      log.add(
        "hard-cycle",
        "\(obligationText(o)), and no assignment meets it, but \(id) is hard (\(countingText(o.rule))); "
          + "a hard rule must hold unless the plan is infeasible and lists \(id) in `conflicts`.")
    }
    for (rule, n) in accepted.sorted(by: { $0.key < $1.key }) {
      log.note("Rule \(rule) is in a conflict of this infeasible plan: its \(n) unmet due obligation(s) are accepted.")
    }
  }

  /// `counting rotation classes of at least 5 days ending by 06-30`.
  func countingText(_ r: CycleRule) -> String {
    var t = "counting " + r.kinds.map(\.rawValue).sorted().joined(separator: ", ") + " classes"
    if r.minDays > 0 { t += " of at least \(r.minDays) days" }
    if let from = r.timing.windowFrom, let to = r.timing.windowTo { t += " starting \(from)..\(to)" }
    if let by = r.timing.by { t += " ending by \(by)" }
    return t
  }
}
