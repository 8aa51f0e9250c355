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
  /// Away days per unit index: day → count (plan and history).
  private var awayByUnit: [[Day: Int]]
  /// Principals away per unit index: day → count.
  private var principalsAwayByUnit: [[Day: Int]]
  /// Off-the-job history entries of the year per cadre index.
  private let historyThisYear: [Int]

  init(scenario sc: Scenario, year: Int, assignments: [Assignment]) {
    scenario = sc
    self.year = year
    classesByCadre = Array(repeating: [], count: sc.cadres.count)
    attendees = Array(repeating: 0, count: sc.classes.count)
    awayByUnit = Array(repeating: [:], count: sc.units.count)
    principalsAwayByUnit = Array(repeating: [:], count: sc.units.count)
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
      awayByUnit[u][d, default: 0] += n
      if principal { principalsAwayByUnit[u][d, default: 0] += n }
      d = d.advanced(by: 1)
    }
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
  /// theme, the yearly maximum), `.capacity`, `.releaseLimit`.
  func clash(cadre ci: Int, klass ki: Int) -> UnmetReason? {
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
    if let cap = k.capacity, attendees[ki] >= cap { return .capacity }
    if k.kind.isOffTheJob, let u = scenario.unitIndex[scenario.cadres[ci].unit] {
      let limit = scenario.releaseLimit(unitIndex: u)
      let principal = scenario.cadres[ci].isPrincipal
      var d = k.span.first
      while d <= k.span.last {
        if (awayByUnit[u][d] ?? 0) >= limit { return .releaseLimit }
        if principal, (principalsAwayByUnit[u][d] ?? 0) >= 1 { return .releaseLimit }
        d = d.advanced(by: 1)
      }
    }
    return nil
  }

  /// The largest share of a unit's headcount away on one day of the year.
  func peakAwayShare() -> Double {
    var peak = 0.0
    for (u, days) in awayByUnit.enumerated() {
      let headcount = scenario.units[u].headcount ?? scenario.cadresByUnit[u].count
      guard headcount > 0 else { continue }
      for (d, n) in days where d.year == year { peak = max(peak, Double(n) / Double(headcount)) }
    }
    return peak
  }
}
