import CallupDomain
import CallupPlan
import CallupRules

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
  /// What `clash` reads of cadres, classes and units, as plain arrays
  /// (no string hashing or struct copies in the inner loops).
  private let facts: Facts

  private struct Facts {
    /// Unit index per cadre (-1: none), and whether it is a principal.
    let unit: [Int32]
    let principal: [Bool]
    /// Days, kind and whether off the job per class index (`KindBits`);
    /// also whether its kind is once a year, its theme number (0: none)
    /// and capacity (-1: none).
    let classes: KindBits
    let oncePerYear: [Bool]
    let theme: [Int32]
    let capacity: [Int32]
    /// Release limit per unit index, and the yearly maximum of classes.
    let limit: [Int]
    let maxPerYear: Int

    init(_ sc: Scenario) {
      unit = sc.cadres.map { c in sc.unitIndex[c.unit].map(Int32.init) ?? -1 }
      principal = sc.cadres.map(\.isPrincipal)
      classes = KindBits(sc)
      oncePerYear = sc.classes.map(\.kind.isOncePerYear)
      var themes: [String: Int32] = [:]
      theme = sc.classes.map { k in
        guard !k.theme.isEmpty else { return 0 }
        if let n = themes[k.theme] { return n }
        let n = Int32(themes.count + 1)
        themes[k.theme] = n
        return n
      }
      capacity = sc.classes.map { $0.capacity.map(Int32.init) ?? -1 }
      limit = sc.units.indices.map { sc.releaseLimit(unitIndex: $0) }
      maxPerYear = sc.policy.noDuplicate.maxPerYear
    }
  }

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
    facts = Facts(sc)
    historyThisYear = sc.historyByCadre.map { hs in hs.filter { $0.kind.isOffTheJob && $0.year == year }.count }
    for (ci, hs) in sc.historyByCadre.enumerated() {
      for h in hs where h.kind.isOffTheJob && h.span.last.year >= year && h.span.first.year <= year {
        mark(ci, h.span, by: 1)
      }
    }
    for a in assignments { add(a) }
  }

  private mutating func mark(_ ci: Int, _ span: DayRange, by n: Int) {
    let u = Int(facts.unit[ci])
    guard u >= 0 else { return }
    let principal = facts.principal[ci]
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
    if facts.classes.offTheJob[a.klass] { mark(a.cadre, scenario.classes[a.klass].span, by: 1) }
  }

  mutating func remove(_ a: Assignment) {
    guard let i = classesByCadre[a.cadre].firstIndex(of: a.klass) else { return }
    classesByCadre[a.cadre].remove(at: i)
    attendees[a.klass] -= 1
    if facts.classes.offTheJob[a.klass] { mark(a.cadre, scenario.classes[a.klass].span, by: -1) }
  }

  /// Why cadre `ci` could not take a seat in class `ki` as well, given the
  /// plan (nil: it could): `.duplicate` for a clash with the cadre's own
  /// classes (overlap, a second class of a once-a-year kind, the same
  /// theme, the yearly maximum), `.capacity`, `.releaseLimit`. Without
  /// `capacity`, a full class is no clash (an auction evicts its attendee).
  func clash(cadre ci: Int, klass ki: Int, capacity: Bool = true) -> UnmetReason? {
    let f = facts, k = facts.classes
    let offTheJob = k.offTheJob[ki]
    // Overlap, a second class of a once-a-year kind, the same theme, the
    // yearly maximum: one pass over the cadre's classes.
    var away = 0
    for m in classesByCadre[ci] {
      if k.overlap(m, ki) { return .duplicate }
      if f.oncePerYear[ki], k.classKind[m] == k.classKind[ki] { return .duplicate }
      if f.theme[ki] != 0, f.theme[m] == f.theme[ki] { return .duplicate }
      if k.offTheJob[m] { away += 1 }
    }
    if offTheJob, away + historyThisYear[ci] >= f.maxPerYear { return .duplicate }
    if capacity, f.capacity[ki] >= 0, attendees[ki] >= Int(f.capacity[ki]) { return .capacity }
    let u = Int(f.unit[ci])
    if offTheJob, u >= 0 {
      let limit = f.limit[u]
      let principal = f.principal[ci]
      var d = k.classFirst[ki]
      while d <= k.classLast[ki] {
        let n = awayOn(u, Day(ordinal: d))
        if n.people >= limit { return .releaseLimit }
        if principal, n.principals >= 1 { return .releaseLimit }
        d += 1
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

extension PlanCalendar {
  /// The seats, cadre by cadre, each cadre's classes in ascending order.
  var assignments: [Assignment] {
    var out: [Assignment] = []
    for (ci, list) in classesByCadre.enumerated() {
      for ki in list.sorted() { out.append(Assignment(cadre: ci, klass: ki)) }
    }
    return out
  }
}

extension TargetBook {
  /// Each target's figure for the seats of `calendar` (a class with an
  /// attendee is held).
  func figures(_ calendar: PlanCalendar) -> [TargetFigure] {
    let seats = calendar.assignments.map { (cadre: $0.cadre, klass: $0.klass) }
    let held = Set(calendar.attendees.indices.filter { calendar.attendees[$0] > 0 })
    return figures(scenario: calendar.scenario, assignments: seats, held: held)
  }

  /// What the targets' distances cost the plan of `calendar`, in the units
  /// the objective counts them in (`objectiveCost`).
  func objectiveCost(_ calendar: PlanCalendar) -> Double {
    guard !targets.isEmpty else { return 0 }
    let seats = YearSeats(
      scenario: calendar.scenario, year: year, assignments: calendar.assignments.map { ($0.cadre, $0.klass) })
    return objectiveCost(scenario: calendar.scenario, seats: seats)
  }
}
