import CallupDomain

/// Hard rules per assignment and per person: eligibility, availability,
/// class size and the four parts of no-duplicate (history counts).
extension CheckRun {
  /// A cadre attends only classes whose `ranks` and `tags` admit it.
  mutating func checkEligibility() {
    for (ci, kj) in planned.pairs {
      let c = s.cadres[ci]
      let k = s.classes[kj]
      if !k.ranks.isEmpty, !k.ranks.contains(c.rank) {
        let ranks = k.ranks.map(\.rawValue).sorted().joined(separator: ", ")
        log.add(
          "eligibility",
          "\(cadreText(ci)) is of rank \(c.rank.rawValue), but \(classText(kj)) admits only ranks \(ranks).")
      } else if !k.tags.isEmpty, k.tags.isDisjoint(with: c.tags) {
        let tags = k.tags.sorted().joined(separator: ", ")
        let has = c.tags.isEmpty ? "no tags" : "tags " + c.tags.sorted().joined(separator: ", ")
        log.add(
          "eligibility", "\(cadreText(ci)) has \(has), but \(classText(kj)) admits only cadres tagged \(tags).")
      }
    }
    log.note("Eligibility: \(planned.pairs.count) assignments checked against class ranks and tags.")
  }

  /// A cadre never attends on a day inside its `unavailable` ranges.
  mutating func checkAvailability() {
    for (ci, kj) in planned.pairs {
      let span = s.classes[kj].span
      for r in s.cadres[ci].unavailable where r.overlaps(span) {
        let both = DayRange(first: max(r.first, span.first), last: min(r.last, span.last))
        log.add(
          "availability",
          "\(cadreText(ci)) is unavailable \(r.first.iso)..\(r.last.iso), yet attends \(classText(kj)), \(Self.days(both))."
        )
      }
    }
    log.note("Availability: \(planned.pairs.count) assignments checked against unavailable ranges.")
  }

  /// A held class has `min_size ≤ attendees ≤ capacity`.
  mutating func checkClassSize() {
    var held = 0
    var inHorizon = 0
    for (j, k) in s.classes.enumerated() where years.contains(k.year) {
      inHorizon += 1
      let n = planned.attendees[j]
      guard n > 0 else { continue }
      held += 1
      if n < k.minSize {
        log.add("class-size", "\(classText(j)) is held with \(n) attendee(s), fewer than its min_size \(k.minSize).")
      }
      if let cap = k.capacity, n > cap {
        log.add("class-size", "\(classText(j)) is held with \(n) attendees, more than its capacity \(cap).")
      }
    }
    log.note("Class size: \(inHorizon) classes of the horizon, \(held) held, checked against min_size and capacity.")
  }

  /// Planned classes and history rows of each cadre.
  func trainingsByCadre() -> [[Training]] {
    var out = Array(repeating: [Training](), count: s.cadres.count)
    for ci in s.cadres.indices {
      for kj in planned.classesOf[ci] {
        let k = s.classes[kj]
        out[ci].append(Training(planned: kj, kind: k.kind, theme: k.theme, span: k.span, label: classText(kj)))
      }
      for h in s.historyByCadre[ci] {
        out[ci].append(Training(planned: nil, kind: h.kind, theme: h.theme, span: h.span, label: historyText(h)))
      }
    }
    return out
  }

  /// A cadre is never in two classes whose days overlap (history counts).
  mutating func checkOverlap(_ trainings: [[Training]]) {
    for (ci, list) in trainings.enumerated() {
      for a in list.indices where list[a].isPlanned {
        for b in list.indices where b != a && (!list[b].isPlanned || b > a) {
          let x = list[a]
          let y = list[b]
          guard x.span.overlaps(y.span) else { continue }
          let both = DayRange(first: max(x.span.first, y.span.first), last: min(x.span.last, y.span.last))
          log.add(
            "overlap",
            "\(cadreText(ci)) is in \(x.label) and in \(y.label), which overlap \(Self.days(both)).")
        }
      }
    }
    log.note("No-duplicate: planned classes checked for overlapping days with each other and with history.")
  }

  /// At most one class of each kind a year, `special` and `online` excepted (history counts).
  mutating func checkOnePerKind(_ trainings: [[Training]]) {
    for (ci, list) in trainings.enumerated() {
      var groups: [[Int]: [Training]] = [:]
      for t in list where t.kind.isOncePerYear {
        groups[[t.year, ClassKind.allCases.firstIndex(of: t.kind) ?? 0], default: []].append(t)
      }
      for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
        let g = groups[key]!
        guard g.count > 1, g.contains(where: \.isPlanned) else { continue }
        let kind = g[0].kind.rawValue
        log.add(
          "one-per-kind",
          "\(cadreText(ci)) has \(g.count) \(kind) classes in \(key[0]): \(Self.list(g.map(\.label))); at most one of a kind a year."
        )
      }
    }
    log.note("No-duplicate: one class of each kind a year (special and online excepted), history counted.")
  }

  /// At most `max_per_year` off-the-job (not online) classes a year (history counts).
  mutating func checkMaxPerYear(_ trainings: [[Training]]) {
    let limit = s.policy.noDuplicate.maxPerYear
    for (ci, list) in trainings.enumerated() {
      var byYear: [Int: [Training]] = [:]
      for t in list where t.kind.isOffTheJob { byYear[t.year, default: []].append(t) }
      for y in byYear.keys.sorted() {
        let g = byYear[y]!
        guard g.count > limit, g.contains(where: \.isPlanned) else { continue }
        log.add(
          "max-per-year",
          "\(cadreText(ci)) has \(g.count) off-the-job classes in \(y), more than max_per_year \(limit): \(Self.list(g.map(\.label)))."
        )
      }
    }
    log.note("No-duplicate: at most \(limit) off-the-job classes a year, history counted.")
  }

  /// Never two classes with the same non-empty theme whose start years differ
  /// by less than `theme_years` (history counts).
  mutating func checkThemeWindow(_ trainings: [[Training]]) {
    let window = s.policy.noDuplicate.themeYears
    for (ci, list) in trainings.enumerated() {
      for a in list.indices where list[a].isPlanned && !list[a].theme.isEmpty {
        for b in list.indices where b != a && (!list[b].isPlanned || b > a) {
          let x = list[a]
          let y = list[b]
          guard x.theme == y.theme, abs(x.year - y.year) < window else { continue }
          log.add(
            "theme",
            "\(cadreText(ci)) has theme \"\(x.theme)\" twice within \(window) years: \(x.label) and \(y.label).")
        }
      }
    }
    log.note("No-duplicate: no theme twice within \(window) years, history counted.")
  }

  static func list(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
  }
}
