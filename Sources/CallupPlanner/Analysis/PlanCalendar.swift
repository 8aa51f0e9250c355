import CallupDomain

/// Who is away when under a plan: each cadre's classes of the plan, the
/// attendees per class, and per unit the people (and principals) away on
/// each day, from the plan and from the history of the year. It answers
/// whether one more seat would clash with the cadre's own plan or break a
/// class's capacity or a unit's release limit: the plan-dependent half of
/// the hard rules (the screen answers the rest).
struct PlanCalendar {
  let scenario: Scenario
  let year: Int
  /// Class indices of the plan per cadre index.
  private(set) var classesByCadre: [[Int]]
  /// Attendees per class index.
  private(set) var attendees: [Int]
  /// People and principals away per unit and day of `window` (the year,
  /// and past its end as far as its classes last): `unit × days + day`,
  /// plan and history. Flat arrays, because the seat auction and the
  /// exchange ask about every day of a class for every move.
  private let window: (first: Int32, days: Int)
  private var away: [UInt16]
  private var principalsAway: [UInt16]
  /// The same for days outside `window` (history), per unit index: day → count.
  private var awayOutside: [[Day: Int]]
  private var principalsAwayOutside: [[Day: Int]]
  /// Off-the-job history entries of the year per cadre index.
  private let historyThisYear: [Int]

  init(scenario sc: Scenario, year: Int, assignments: [Assignment]) {
    scenario = sc
    self.year = year
    classesByCadre = Array(repeating: [], count: sc.cadres.count)
    attendees = Array(repeating: 0, count: sc.classes.count)
    let first = Day(year: year, month: 1, day: 1)?.ordinal ?? 0
    var last = Day(year: year, month: 12, day: 31)?.ordinal ?? 0
    for k in sc.classes where k.year == year { last = max(last, k.span.last.ordinal) }
    window = (first, Int(last - first) + 1)
    away = Array(repeating: 0, count: sc.units.count * window.days)
    principalsAway = Array(repeating: 0, count: sc.units.count * window.days)
    awayOutside = Array(repeating: [:], count: sc.units.count)
    principalsAwayOutside = Array(repeating: [:], count: sc.units.count)
    historyThisYear = sc.historyByCadre.map { hs in hs.filter { $0.kind.isOffTheJob && $0.year == year }.count }
    for (ci, hs) in sc.historyByCadre.enumerated() {
      for h in hs where h.kind.isOffTheJob && h.span.last.year >= year && h.span.first.year <= year {
        mark(ci, h.span, by: 1)
      }
    }
    for a in assignments { add(a) }
  }

  private mutating func mark(_ ci: Int, _ span: DayRange, by n: Int) {
    guard let u = scenario.unitIndex[scenario.cadres[ci].unit] else { return }
    let principal = scenario.cadres[ci].isPrincipal
    var d = span.first
    while d <= span.last {
      let i = Int(d.ordinal - window.first)
      if i >= 0, i < window.days {
        let at = u * window.days + i
        away[at] = UInt16(Int(away[at]) + n)
        if principal { principalsAway[at] = UInt16(Int(principalsAway[at]) + n) }
      } else {
        awayOutside[u][d, default: 0] += n
        if principal { principalsAwayOutside[u][d, default: 0] += n }
      }
      d = d.advanced(by: 1)
    }
  }

  /// People and principals of unit `u` away on day `d`.
  private func awayOn(_ u: Int, _ d: Day) -> (people: Int, principals: Int) {
    let i = Int(d.ordinal - window.first)
    if i >= 0, i < window.days {
      let at = u * window.days + i
      return (Int(away[at]), Int(principalsAway[at]))
    }
    return (awayOutside[u][d] ?? 0, principalsAwayOutside[u][d] ?? 0)
  }

  mutating func add(_ a: Assignment) {
    classesByCadre[a.cadre].append(a.klass)
    attendees[a.klass] += 1
    let k = scenario.classes[a.klass]
    if k.kind.isOffTheJob { mark(a.cadre, k.span, by: 1) }
  }

  mutating func remove(_ a: Assignment) {
    guard let i = classesByCadre[a.cadre].firstIndex(of: a.klass) else { return }
    classesByCadre[a.cadre].remove(at: i)
    attendees[a.klass] -= 1
    let k = scenario.classes[a.klass]
    if k.kind.isOffTheJob { mark(a.cadre, k.span, by: -1) }
  }

  /// Why cadre `ci` could not take a seat in class `ki` as well, given the
  /// plan (nil: it could): `.duplicate` for a clash with the cadre's own
  /// classes (overlap, a second class of a once-a-year kind, the same
  /// theme, the yearly maximum), `.capacity`, `.releaseLimit`. Without
  /// `capacity`, a full class is no clash (an auction evicts its attendee).
  func clash(cadre ci: Int, klass ki: Int, capacity: Bool = true) -> UnmetReason? {
    let k = scenario.classes[ki]
    let rule = scenario.policy.noDuplicate
    // Overlap, a second class of a once-a-year kind, the same theme, the
    // yearly maximum: one pass over the cadre's classes, no copy.
    var offTheJob = 0
    for m in classesByCadre[ci] {
      let other = scenario.classes[m]
      if other.span.overlaps(k.span) { return .duplicate }
      if k.kind.isOncePerYear, other.kind == k.kind { return .duplicate }
      if !k.theme.isEmpty, other.theme == k.theme { return .duplicate }
      if other.kind.isOffTheJob { offTheJob += 1 }
    }
    if k.kind.isOffTheJob, offTheJob + historyThisYear[ci] >= rule.maxPerYear { return .duplicate }
    if capacity, let cap = k.capacity, attendees[ki] >= cap { return .capacity }
    if k.kind.isOffTheJob, let u = scenario.unitIndex[scenario.cadres[ci].unit] {
      let limit = scenario.releaseLimit(unitIndex: u)
      let principal = scenario.cadres[ci].isPrincipal
      var d = k.span.first
      while d <= k.span.last {
        let n = awayOn(u, d)
        if n.people >= limit { return .releaseLimit }
        if principal, n.principals >= 1 { return .releaseLimit }
        d = d.advanced(by: 1)
      }
    }
    return nil
  }

  /// The largest share of a unit's headcount away on one day of the year.
  func peakAwayShare() -> Double {
    var peak = 0.0
    let last = Day(year: year, month: 12, day: 31)?.ordinal ?? window.first
    let daysOfYear = min(window.days, Int(last - window.first) + 1)
    for u in scenario.units.indices {
      let headcount = scenario.units[u].headcount ?? scenario.cadresByUnit[u].count
      guard headcount > 0 else { continue }
      var most = 0
      for i in 0..<daysOfYear { most = max(most, Int(away[u * window.days + i])) }
      for (d, n) in awayOutside[u] where d.year == year { most = max(most, n) }
      peak = max(peak, Double(most) / Double(headcount))
    }
    return peak
  }
}
