import CallupDomain

/// One cadre away from its unit: a planned class that is not online, or a
/// history training that is not online.
struct AwayEntry {
  var cadre: Int
  var span: DayRange
  var planned: Bool
  var label: String
}

/// Days on which a unit's count of cadres away is constant.
struct AwaySegment {
  var range: DayRange
  var total: Int
  var planned: Int
}

/// Who is away from one unit, and the counts per day.
struct UnitAway {
  var unit: Int
  var entries: [AwayEntry]
  var segments: [AwaySegment]

  init(unit: Int, entries: [AwayEntry]) {
    self.unit = unit
    self.entries = entries
    var events: [Int32: (total: Int, planned: Int)] = [:]
    for e in entries {
      let p = e.planned ? 1 : 0
      events[e.span.first.ordinal, default: (0, 0)].total += 1
      events[e.span.first.ordinal, default: (0, 0)].planned += p
      events[e.span.last.ordinal + 1, default: (0, 0)].total -= 1
      events[e.span.last.ordinal + 1, default: (0, 0)].planned -= p
    }
    let days = events.keys.sorted()
    var total = 0
    var planned = 0
    var segs: [AwaySegment] = []
    for (i, d) in days.enumerated() {
      total += events[d]!.total
      planned += events[d]!.planned
      if total > 0, i + 1 < days.count {
        segs.append(
          AwaySegment(
            range: DayRange(first: Day(ordinal: d), last: Day(ordinal: days[i + 1] - 1)), total: total,
            planned: planned))
      }
    }
    segments = segs
  }

  func away(on day: Day) -> [AwayEntry] { entries.filter { $0.span.contains(day) } }
}

/// The release rule: per unit per day, cadres away ≤ the unit's limit, and
/// never two principals of one unit away on the same day. History counts.
extension CheckRun {
  func awayByUnit() -> [UnitAway] {
    var out: [UnitAway] = []
    for u in s.units.indices {
      var entries: [AwayEntry] = []
      for ci in s.cadresByUnit[u] {
        for kj in planned.classesOf[ci] where s.classes[kj].kind.isOffTheJob {
          entries.append(AwayEntry(cadre: ci, span: s.classes[kj].span, planned: true, label: classText(kj)))
        }
        for h in s.historyByCadre[ci] where h.kind.isOffTheJob {
          entries.append(AwayEntry(cadre: ci, span: h.span, planned: false, label: historyText(h)))
        }
      }
      out.append(UnitAway(unit: u, entries: entries))
    }
    return out
  }

  func shortCadre(_ ci: Int) -> String { "\(s.cadres[ci].id) \(s.cadres[ci].name)" }

  /// Per unit per day on which a planned class takes someone away:
  /// away ≤ `max(1, min(max_away, floor(max_away_share × headcount)))`.
  mutating func checkReleaseLimit(_ away: [UnitAway]) {
    var unitDays = 0
    for ua in away {
      let limit = s.releaseLimit(unitIndex: ua.unit)
      var runs: [[AwaySegment]] = []
      var run: [AwaySegment] = []
      for seg in ua.segments where seg.planned > 0 {
        unitDays += seg.range.first.distance(to: seg.range.last) + 1
        if seg.total > limit {
          if let prev = run.last, prev.range.last.advanced(by: 1) != seg.range.first {
            runs.append(run)
            run = []
          }
          run.append(seg)
        } else if !run.isEmpty {
          runs.append(run)
          run = []
        }
      }
      if !run.isEmpty { runs.append(run) }
      for r in runs {
        guard let first = r.first, let last = r.last, let peak = r.max(by: { $0.total < $1.total }) else { continue }
        let day = peak.range.first
        let who = ua.away(on: day).map { "\(shortCadre($0.cadre)) in \($0.label)" }
        let span = DayRange(first: first.range.first, last: last.range.last)
        let when = span.first == span.last ? "on \(day.iso)" : "\(Self.days(span)) (\(peak.total) on \(day.iso))"
        log.add(
          "release-limit",
          "\(unitText(ua.unit).capitalizedFirst) has \(peak.total) cadres away \(when), more than its release limit \(limit): \(Self.list(who))."
        )
      }
    }
    log.note(
      "Release limit: \(away.count) units, \(unitDays) unit-days with a planned class away checked, history counted.")
  }

  /// Two principals of one unit are never away on the same day.
  mutating func checkPrincipals(_ away: [UnitAway]) {
    var checked = 0
    for ua in away {
      let ps = ua.entries.filter { s.cadres[$0.cadre].isPrincipal }
      if Set(ps.map(\.cadre)).count > 1 { checked += 1 }
      for a in ps.indices {
        for b in ps.indices where b > a {
          let x = ps[a]
          let y = ps[b]
          guard x.cadre != y.cadre, x.planned || y.planned, x.span.overlaps(y.span) else { continue }
          let both = DayRange(first: max(x.span.first, y.span.first), last: min(x.span.last, y.span.last))
          log.add(
            "principals",
            "\(unitText(ua.unit).capitalizedFirst) has two principals away \(Self.days(both)): \(shortCadre(x.cadre)) in \(x.label) and \(shortCadre(y.cadre)) in \(y.label)."
          )
        }
      }
    }
    log.note("Principals: \(checked) unit(s) with two or more principals checked for days away together.")
  }

  /// The highest share of a unit's headcount away on one day: over every day
  /// of the planned years, and over the days a planned class takes someone away.
  func peakAwayShares(_ away: [UnitAway]) -> (horizonDays: Double, plannedDays: Double) {
    guard let first = Day(year: s.year, month: 1, day: 1),
      let last = Day(year: s.year + s.horizon - 1, month: 12, day: 31)
    else { return (0, 0) }
    let horizon = DayRange(first: first, last: last)
    var a = 0.0
    var b = 0.0
    for ua in away {
      let hc = s.units[ua.unit].headcount ?? s.cadresByUnit[ua.unit].count
      guard hc > 0 else { continue }
      for seg in ua.segments {
        let share = Double(seg.total) / Double(hc)
        if seg.range.overlaps(horizon) { a = max(a, share) }
        if seg.planned > 0 { b = max(b, share) }
      }
    }
    return (a, b)
  }
}
