import CallupDomain

/// plan.json `targets` against the targets the checker derives, and the hard
/// targets against their ranges.
extension CheckRun {
  /// The policy's quota, group-share and class-count rules.
  var targetRules: [Rule] {
    s.policy.rules.filter {
      switch $0 {
      case .quota, .groupShare, .classCount: true
      default: false
      }
    }
  }

  /// Every expected entry is listed exactly once, with the right `lo`, `hi`,
  /// `planned` and `status`; no other entry is listed.
  mutating func checkTargets(_ expected: [ExpectedTarget]) {
    guard let list = plan.targets else { return }
    var byKey: [String: ExpectedTarget] = [:]
    for x in expected { byKey[x.key] = x }
    var listed = Set<String>()
    for (i, e) in list.enumerated() {
      let path = "targets[\(i)]"
      guard let rid = e.rule else {
        if missing(path + ".rule") { log.add("format", "plan.json \(path) has no `rule`.") }
        continue
      }
      if e.name == nil, missing(path + ".name") {
        log.add(
          "format", "plan.json \(path) (rule \(rid)) has no `name`; it is empty for a class-count rule's classes.")
      }
      let name = e.name ?? ""
      var year = e.year
      if year == nil {
        if missing(path + ".year") { log.add("format", "plan.json \(path) (rule \(rid)) has no `year`.") }
        year = s.horizon == 1 ? s.year : nil
      }
      guard let y = year else { continue }
      let key = ExpectedTarget.key(rid, name, y)
      guard listed.insert(key).inserted else {
        log.add(
          "target",
          "plan.json lists \(ExpectedTarget.label(byKey[key]?.kind, rule: rid, name: name, year: y)) more than once in `targets`."
        )
        continue
      }
      guard let x = byKey[key] else {
        log.add("target", "plan.json lists \(unknownTargetText(rid, name, y)).")
        continue
      }
      compare(e, path: path, with: x)
    }
    var absent = 0
    for x in expected where !listed.contains(x.key) {
      absent += 1
      log.add(
        "target",
        "plan.json does not list \(x.label) in `targets`; its range is \(x.rangeText) and the plan gives \(x.planned) (\(x.basis))."
      )
    }
    log.note(
      "Targets (\(targetRules.count) rules): \(expected.count) expected over \(yearsText), "
        + "\(expected.filter { $0.status != "met" }.count) not met; \(list.count) entries checked, \(absent) missing.")
  }

  /// One listed entry against the derived target: lo, hi, planned, status.
  private mutating func compare(_ e: PlanFile.TargetEntry, path: String, with x: ExpectedTarget) {
    if !x.exact {
      log.note("\(x.label.capitalizedFirst): the range does not fit in 64-bit arithmetic; only `planned` is checked.")
    }
    let figures: [(String, Int?, Int)] =
      x.exact
      ? [("lo", e.lo, x.lo), ("planned", e.planned, x.planned)]
      : [
        ("planned", e.planned, x.planned)
      ]
    for (field, given, actual) in figures {
      if let g = given {
        if g != actual {
          log.add("target", "plan.json gives \(field) \(g) for \(x.label); it is \(actual): \(x.basis).")
        }
      } else if missing(path + "." + field) {
        log.add("format", "plan.json \(path) (\(x.label)) has no `\(field)`.")
      }
    }
    if x.exact, !plan.unreadable.contains(path + ".hi") {
      if !e.hiGiven {
        log.add("format", "plan.json \(path) (\(x.label)) has no `hi`; it is null when the range is open.")
      } else if e.hi != x.hi {
        let given = e.hi.map(String.init) ?? "null"
        let actual = x.hi.map(String.init) ?? "null (the range is open)"
        log.add("target", "plan.json gives hi \(given) for \(x.label); it is \(actual): \(x.basis).")
      }
    }
    if let st = e.status {
      if !["met", "short", "over"].contains(st) {
        log.add("target", "plan.json gives status \"\(st)\" for \(x.label); it must be met, short or over.")
      } else if x.exact, st != x.status {
        log.add(
          "target",
          "plan.json gives status \(st) for \(x.label); it is \(x.status): the plan gives \(x.planned) against the range \(x.rangeText)."
        )
      }
    } else if missing(path + ".status") {
      log.add("format", "plan.json \(path) (\(x.label)) has no `status`.")
    }
  }

  /// Why a listed (rule, name, year) is no target of the plan.
  private func unknownTargetText(_ rid: String, _ name: String, _ y: Int) -> String {
    let label = ExpectedTarget.label(nil, rule: rid, name: name, year: y)
    guard let rule = s.policy.rules.first(where: { $0.id.rawValue == rid }) else {
      return "\(label), but the policy has no rule \(rid)"
    }
    guard years.contains(y) else { return "\(label), but \(y) is not a planned year (\(yearsText))" }
    switch rule {
    case .quota(let q):
      let names = q.targets.map { "\"\($0.programme)\"" }.joined(separator: ", ")
      return "\(label), but quota \(rid) has no programme \"\(name)\" (its programmes: \(names))"
    case .groupShare(let g):
      let names = g.groups.map { "\"\($0.name)\"" }.joined(separator: ", ")
      return "\(label), but group-share \(rid) has no group \"\(name)\" (its groups: \(names))"
    case .classCount(let c):
      if name == "seats", c.minSeats == nil, c.maxSeats == nil {
        return "\(label), but class-count \(rid) bounds no seats, so it has no `seats` entry"
      }
      return "\(label), but a class-count rule's entries are named \"\" (classes) and \"seats\""
    default:
      return
        "\(label), but \(rid) is a \(rule.info.type) rule; `targets` lists quota targets, groups of group-share rules and class-count rules"
    }
  }

  /// A hard target (its rule has `hard: true`) lies in its range, unless the
  /// plan is infeasible and lists its rule in a conflict.
  mutating func checkHardTargets(_ expected: [ExpectedTarget], excused: Set<String>) {
    var accepted: [String: Int] = [:]
    var hard = 0
    for x in expected where x.hard && x.exact {
      hard += 1
      guard x.status != "met" else { continue }
      if excused.contains(x.rule) {
        accepted[x.rule, default: 0] += 1
        continue
      }
      let how =
        x.status == "over"
        ? "above its range \(x.rangeText)"
        : x.hi == nil ? "below its minimum \(x.lo)" : "below its range \(x.rangeText)"
      log.add(
        "hard-target",
        "\(x.label.capitalizedFirst) is a hard target, but the plan gives \(x.planned), \(how) (\(x.basis)); "
          + "a hard target must hold unless the plan is infeasible and lists \(x.rule) in `conflicts`.")
    }
    for (rule, n) in accepted.sorted(by: { $0.key < $1.key }) {
      log.note(
        "Rule \(rule) is in a conflict of this infeasible plan: its \(n) target(s) outside the range are accepted.")
    }
    if hard > 0 { log.note("Hard targets: \(hard) checked against their ranges.") }
  }
}
