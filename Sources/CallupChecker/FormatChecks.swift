import CallupDomain

/// Format of plan.json: fields, status, gap, the class list and assignments.
extension CheckRun {
  func missing(_ path: String) -> Bool { !plan.unreadable.contains(path) }

  /// Scenario, year, horizon, status, objective, bound and the lists are there and right.
  mutating func checkHeader() {
    if let name = plan.scenario {
      if name != s.name {
        log.add("format", "plan.json is for scenario \"\(name)\", but the scenario checked is \"\(s.name)\".")
      }
    } else if missing("scenario") {
      log.add("format", "plan.json has no `scenario`.")
    }
    if let y = plan.year {
      if y != s.year { log.add("format", "plan.json is for year \(y), but the scenario starts in \(s.year).") }
    } else if missing("year") {
      log.add("format", "plan.json has no `year`.")
    }
    if let h = plan.horizon {
      if h != s.horizon {
        log.add("format", "plan.json has horizon \(h), but the scenario plans \(s.horizon) year(s).")
      }
    } else if missing("horizon") {
      log.add("format", "plan.json has no `horizon`.")
    }
    if let st = plan.status {
      if !PlanChecker.statuses.contains(st) {
        log.add(
          "format",
          "plan.json has status \"\(st)\"; it must be one of optimal, feasible, infeasible, no-solution.")
      }
    } else if missing("status") {
      log.add("format", "plan.json has no `status`.")
    }
    if status == "optimal" || status == "feasible" {
      if plan.objective == nil, missing("objective") {
        log.add("format", "plan.json has status \(status!) but no `objective`.")
      }
    }
    if status == "optimal" {
      if plan.bound == nil, missing("bound") { log.add("format", "plan.json has status optimal but no `bound`.") }
      if plan.gap == nil, missing("gap") { log.add("format", "plan.json has status optimal but no `gap`.") }
    }
    let lists: [(String, Bool)] = [
      ("classes", plan.classes != nil), ("assignments", plan.assignments != nil),
      ("unmet", plan.unmet != nil), ("unit_shortfalls", plan.unitShortfalls != nil),
    ]
    for (key, present) in lists where !present && missing(key) {
      log.add("format", "plan.json has no `\(key)` list.")
    }
    if plan.kpis == nil, missing("kpis"), !noSolution {
      log.add("format", "plan.json has no `kpis`.")
    }
    if plan.targets == nil, missing("targets"), !noSolution, !targetRules.isEmpty {
      let ids = targetRules.map(\.id.rawValue).joined(separator: ", ")
      log.add("format", "plan.json has no `targets` list, but the policy has target rules (\(ids)).")
    }
  }

  /// `gap == |objective − bound| / max(1, |objective|)` when all three are given.
  mutating func checkGap() {
    guard let o = plan.objective, let b = plan.bound, let g = plan.gap else { return }
    let expected = abs(o - b) / max(1, abs(o))
    if abs(g - expected) > 1e-6 * max(1, abs(expected)) {
      log.add(
        "format",
        "plan.json has gap \(g), but |objective − bound| / max(1, |objective|) = |\(o) − \(b)| / \(max(1, abs(o))) = \(expected)."
      )
    }
  }

  /// Every assignment names a known cadre and a class of the horizon, once,
  /// with the class's year where the horizon is over one year. Fills `planned`.
  mutating func checkAssignments() {
    guard let list = plan.assignments else { return }
    var seen = Set<[Int]>()
    for (i, a) in list.enumerated() {
      let path = "assignments[\(i)]"
      guard let cid = a.cadre else {
        if missing(path + ".cadre") { log.add("format", "plan.json \(path) has no `cadre`.") }
        continue
      }
      guard let kid = a.classID else {
        if missing(path + ".class") { log.add("format", "plan.json \(path) (cadre \(cid)) has no `class`.") }
        continue
      }
      guard let ci = s.cadreIndex[CadreID(cid)] else {
        log.add("format", "plan.json \(path) assigns cadre \(cid), who is not in cadres.csv, to class \(kid).")
        continue
      }
      guard let kj = s.classIndex[ClassID(kid)] else {
        log.add("format", "plan.json \(path) assigns \(cadreText(ci)) to class \(kid), which is not in classes.csv.")
        continue
      }
      let k = s.classes[kj]
      guard years.contains(k.year) else {
        log.add(
          "format",
          "plan.json \(path) assigns \(cadreText(ci)) to \(classText(kj)), which is of \(k.year), outside the planned years \(yearsText)."
        )
        continue
      }
      if let y = a.year {
        if y != k.year {
          log.add(
            "format",
            "plan.json \(path) gives year \(y) for \(cadreText(ci)) in \(classText(kj)), a class of \(k.year).")
        }
      } else if s.horizon > 1, missing(path + ".year") {
        log.add(
          "format",
          "plan.json \(path) (\(cadreText(ci)) in \(classText(kj))) has no `year`; a plan over \(s.horizon) years needs it."
        )
      }
      if !seen.insert([ci, kj]).inserted {
        log.add("format", "plan.json lists \(cadreText(ci)) in \(classText(kj)) more than once.")
        continue
      }
      planned.add(cadre: ci, cls: kj)
    }
  }

  var yearsText: String { s.horizon == 1 ? "\(s.year)" : "\(s.year)–\(s.year + s.horizon - 1)" }

  /// `classes` lists every class of the horizon once, with `attendees` equal
  /// to its assignments and `held` equal to `attendees > 0`.
  mutating func checkClassList() {
    guard let list = plan.classes else { return }
    var listed = Set<Int>()
    for (i, e) in list.enumerated() {
      let path = "classes[\(i)]"
      guard let id = e.id else {
        if missing(path + ".id") { log.add("format", "plan.json \(path) has no `id`.") }
        continue
      }
      guard let j = s.classIndex[ClassID(id)] else {
        log.add("format", "plan.json lists class \(id), which is not in classes.csv.")
        continue
      }
      guard years.contains(s.classes[j].year) else {
        log.add(
          "format",
          "plan.json lists \(classText(j)), a class of \(s.classes[j].year), outside the planned years \(yearsText).")
        continue
      }
      guard listed.insert(j).inserted else {
        log.add("format", "plan.json lists \(classText(j)) more than once in `classes`.")
        continue
      }
      let n = planned.attendees[j]
      if let a = e.attendees {
        if a != n {
          log.add("format", "plan.json gives \(classText(j)) \(a) attendees, but \(n) assignment(s) name it.")
        }
      } else if missing(path + ".attendees") {
        log.add("format", "plan.json \(path) (\(classText(j))) has no `attendees`.")
      }
      if let h = e.held {
        if h != (n > 0) {
          log.add(
            "format",
            "plan.json marks \(classText(j)) as \(h ? "held" : "not held"), but it has \(n) attendee(s).")
        }
      } else if missing(path + ".held") {
        log.add("format", "plan.json \(path) (\(classText(j))) has no `held`.")
      }
    }
    if noSolution { return }
    for (j, k) in s.classes.enumerated() where years.contains(k.year) && !listed.contains(j) {
      log.add(
        "format", "plan.json does not list \(classText(j)) in `classes`; every class of the horizon must be listed.")
    }
  }
}
