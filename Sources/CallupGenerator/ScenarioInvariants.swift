import CallupDomain

/// Structural checks a generated (or hand-made) scenario must pass: unique
/// ids, valid references, classes inside the plan year, and a history that
/// itself keeps the hard rules a plan must keep.
public enum ScenarioInvariants {
  /// Every violation found, one sentence each; empty when the scenario is
  /// sound: first those of ids and references, then of each cadre's
  /// history, then of the units' release limits in the plan year.
  public static func violations(in s: Scenario) -> [String] {
    referenceViolations(in: s) + historyViolations(in: s) + releaseViolations(in: s)
  }

  /// Unique ids, valid references, headcounts and principals of the units,
  /// unavailable ranges and classes within the plan year.
  static func referenceViolations(in s: Scenario) -> [String] {
    var out: [String] = []
    func unique<T: Hashable>(_ ids: [T], _ what: String) {
      var seen = Set<T>()
      for id in ids where !seen.insert(id).inserted { out.append("duplicate \(what) id \(id)") }
    }
    unique(s.units.map(\.id), "unit")
    unique(s.cadres.map(\.id), "cadre")
    unique(s.classes.map(\.id), "class")

    for u in s.units {
      if let p = u.parent, s.unit(p) == nil || p == u.id { out.append("unit \(u.id): bad parent \(p)") }
    }
    for (i, u) in s.units.enumerated() {
      let n = s.cadresByUnit[i].count
      if let h = u.headcount, h < n { out.append("unit \(u.id): headcount \(h) below its \(n) cadres") }
      let principals = s.cadresByUnit[i].filter { s.cadres[$0].isPrincipal }.count
      if principals > 2 { out.append("unit \(u.id): \(principals) principals") }
    }
    for c in s.cadres {
      if s.unit(c.unit) == nil { out.append("cadre \(c.id): unknown unit \(c.unit)") }
      if c.tags.contains("non-party") != (c.party == .nonParty) {
        out.append("cadre \(c.id): non-party tag and party disagree")
      }
      for r in c.unavailable where r.first > r.last || r.first.year != s.year || r.last.year != s.year {
        out.append("cadre \(c.id): unavailable range \(r) outside \(s.year)")
      }
    }
    for k in s.classes {
      if k.year != s.year || k.end.year != s.year { out.append("class \(k.id): not within \(s.year)") }
      if k.days < 1 { out.append("class \(k.id): \(k.days) days") }
      if k.minSize < 1 { out.append("class \(k.id): min_size \(k.minSize)") }
      if let cap = k.capacity, cap < k.minSize {
        out.append("class \(k.id): capacity \(cap) below min_size \(k.minSize)")
      }
    }
    for h in s.history {
      if s.cadre(h.cadre) == nil { out.append("history: unknown cadre \(h.cadre)") }
      if let id = h.classID, s.trainingClass(id) == nil { out.append("history of \(h.cadre): unknown class \(id)") }
      if h.year > s.year { out.append("history of \(h.cadre): \(h.start) after the plan year") }
    }
    return out
  }

  /// Each cadre's history keeps the no-duplicate rule and misses its
  /// unavailable ranges.
  static func historyViolations(in s: Scenario) -> [String] {
    var out: [String] = []
    let themeYears = s.policy.noDuplicate.themeYears
    let maxPerYear = s.policy.noDuplicate.maxPerYear
    for (i, c) in s.cadres.enumerated() {
      let rows = s.historyByCadre[i]
      for a in rows.indices {
        for b in rows.indices where b > a {
          let x = rows[a], y = rows[b]
          if x.span.overlaps(y.span) { out.append("history of \(c.id): \(x.start) and \(y.start) overlap") }
          if x.year == y.year, x.kind == y.kind, x.kind.isOncePerYear {
            out.append("history of \(c.id): two \(x.kind.rawValue) classes in \(x.year)")
          }
          if !x.theme.isEmpty, x.theme == y.theme, abs(x.year - y.year) < themeYears {
            out.append("history of \(c.id): theme \(x.theme) twice within \(themeYears) years")
          }
        }
        for r in c.unavailable where rows[a].year == s.year && r.overlaps(rows[a].span) {
          out.append("cadre \(c.id): unavailable \(r) while in training from \(rows[a].start)")
        }
      }
      var perYear: [Int: Int] = [:]
      for r in rows where r.kind.isOffTheJob { perYear[r.year, default: 0] += 1 }
      for y in perYear.keys.sorted() where perYear[y]! > maxPerYear {
        out.append("history of \(c.id): \(perYear[y]!) classes in \(y)")
      }
    }
    return out
  }

  /// History in the plan year keeps the release limits.
  static func releaseViolations(in s: Scenario) -> [String] {
    var out: [String] = []
    for (u, members) in s.cadresByUnit.enumerated() {
      var away: [Int32: Int] = [:]
      var principals: [Int32: Int] = [:]
      for m in members {
        for r in s.historyByCadre[m] where r.year == s.year && r.kind.isOffTheJob {
          for d in r.span.first.ordinal...r.span.last.ordinal {
            away[d, default: 0] += 1
            if s.cadres[m].isPrincipal { principals[d, default: 0] += 1 }
          }
        }
      }
      let limit = s.releaseLimit(unitIndex: u)
      if let d = away.keys.sorted().first(where: { away[$0]! > limit }) {
        out.append("unit \(s.units[u].id): \(away[d]!) away on \(Day(ordinal: d)) in history, limit \(limit)")
      }
      if let d = principals.keys.sorted().first(where: { principals[$0]! > 1 }) {
        out.append("unit \(s.units[u].id): both principals away on \(Day(ordinal: d)) in history")
      }
    }
    return out
  }
}
