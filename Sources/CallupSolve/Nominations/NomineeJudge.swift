import CallupDomain
import CallupPlan
import CallupRules

/// A unit's seats in a class.
struct SeatKey: Hashable, Comparable {
  var unit: Int
  var klass: Int
  static func < (a: Self, b: Self) -> Bool { (a.unit, a.klass) < (b.unit, b.klass) }
}

/// Why a nominee cannot take the seat: the rule's word (review.csv's
/// `rule`) and the figures, in planners' words.
struct Refusal: Hashable {
  var rule: String
  var reason: String
}

/// Judges nominees one at a time against every hard rule, given the rest
/// of the plan, the history and the nominees placed before: eligibility,
/// availability and duplicates of the history (`CandidateScreen`); the
/// cadre's other call-ups, the class's capacity, the unit's seats and its
/// release limit (`PlanCalendar`, who is away when).
struct NomineeJudge {
  let scenario: Scenario
  let screen: CandidateScreen
  /// The plan's call-ups that stay, and every seat placed since.
  private(set) var calendar: PlanCalendar
  /// The unit's seats per class (allocation.csv's `seats`).
  let seats: [SeatKey: Int]
  /// Cadres placed in each unit's seats of a class, in order.
  private(set) var placed: [SeatKey: [Int]] = [:]

  /// `base`: the plan's call-ups outside the seats under review.
  init(scenario s: Scenario, year: Int, screen: CandidateScreen, base: [Assignment], seats: [SeatKey: Int]) {
    scenario = s
    self.screen = screen
    calendar = PlanCalendar(scenario: s, year: year, assignments: base)
    self.seats = seats
  }

  /// The first hard rule that cadre `ci` would break in unit `u`'s seats
  /// of class `ki`, or nil when it may take one.
  func refusal(cadre ci: Int, klass ki: Int, unit u: Int) -> Refusal? {
    if let r = screen.screen(cadre: ci, klass: ki) { return screened(r, cadre: ci, klass: ki) }
    if let r = ownClash(cadre: ci, klass: ki) { return r }
    let k = scenario.classes[ki]
    if let cap = k.capacity, calendar.attendees[ki] >= cap {
      return Refusal(rule: "capacity", reason: "\(k.id) has \(cap) seat\(cap == 1 ? "" : "s") and all are taken")
    }
    let key = SeatKey(unit: u, klass: ki)
    let mine = placed[key] ?? []
    if mine.count >= seats[key, default: 0] { return allocationRefusal(key, taken: mine) }
    if calendar.clash(cadre: ci, klass: ki, capacity: false) == .releaseLimit {
      return releaseRefusal(cadre: ci, klass: ki, unit: u)
    }
    return nil
  }

  /// Gives cadre `ci` one of unit `u`'s seats in class `ki`.
  mutating func place(cadre ci: Int, klass ki: Int, unit u: Int) {
    calendar.add(Assignment(cadre: ci, klass: ki))
    placed[SeatKey(unit: u, klass: ki), default: []].append(ci)
  }

  /// Cadre `ci` as planners read it: `P00012 王磊`.
  func who(_ ci: Int) -> String { "\(scenario.cadres[ci].id) \(scenario.cadres[ci].name)" }

  // MARK: Words

  private func screened(_ r: ScreenReason, cadre ci: Int, klass ki: Int) -> Refusal {
    let c = scenario.cadres[ci], k = scenario.classes[ki]
    switch r {
    case .eligibility: return Refusal(rule: "eligibility", reason: eligibility(c, k))
    case .unavailable:
      let ranges = c.unavailable.filter { $0.overlaps(k.span) }.map(\.description).joined(separator: ", ")
      return Refusal(rule: "unavailable", reason: "\(c.id) is unavailable \(ranges); \(k.id) runs \(k.span)")
    case .duplicate:
      guard let h = screen.historyConflict(cadre: ci, klass: k) else {
        return Refusal(rule: "duplicate", reason: "repeats a training in the history")
      }
      return historyClash(h, cadre: ci, klass: k)
    }
  }

  private func eligibility(_ c: Cadre, _ k: TrainingClass) -> String {
    if !k.ranks.isEmpty, !k.ranks.contains(c.rank) {
      let ranks = Rank.allCases.filter { k.ranks.contains($0) }.map(\.rawValue).joined(separator: ", ")
      return "\(k.id) admits ranks \(ranks); \(c.id) is \(c.rank.rawValue)"
    }
    if !k.tags.isEmpty, k.tags.isDisjoint(with: c.tags) {
      return "\(k.id) admits cadres tagged \(k.tags.sorted().joined(separator: ", ")); \(c.id) has none of them"
    }
    let appointed = c.appointed.map { "appointed \($0)" } ?? "with no appointment date"
    return "\(k.id) is a \(k.kind.rawValue) class for new appointees; \(c.id) is not one (\(appointed))"
  }

  private func historyClash(_ h: HistoryRecord, cadre ci: Int, klass k: TrainingClass) -> Refusal {
    let past = "\(h.classID.map { "\($0) " } ?? "")\(h.kind.rawValue) \(h.span)"
    if h.span.overlaps(k.span) {
      return Refusal(rule: "overlap", reason: "\(k.id) (\(k.span)) overlaps the training \(past) in the history")
    }
    if h.year == k.year, k.kind.isOncePerYear, h.kind == k.kind {
      return Refusal(
        rule: "kind-per-year",
        reason: "already trained in a \(k.kind.rawValue) class in \(k.year): \(past) in the history")
    }
    if !k.theme.isEmpty, h.theme == k.theme {
      let years = scenario.policy.noDuplicate.themeYears
      return Refusal(
        rule: "theme-years",
        reason: "theme \(k.theme) already trained in \(h.year) (\(past) in the history); a theme waits \(years) years")
    }
    let n = scenario.historyByCadre[ci].filter { $0.year == k.year && $0.kind.isOffTheJob }.count
    return maxPerYear(n, named: [], history: n, year: k.year)
  }

  /// A clash with the cadre's other call-ups of the plan and placed seats.
  private func ownClash(cadre ci: Int, klass ki: Int) -> Refusal? {
    let k = scenario.classes[ki]
    let mine = calendar.classesByCadre[ci].map { scenario.classes[$0] }
    if let o = mine.first(where: { $0.span.overlaps(k.span) }) {
      return Refusal(rule: "overlap", reason: "\(k.id) (\(k.span)) overlaps \(o.id) (\(o.span)), also called up")
    }
    if k.kind.isOncePerYear, let o = mine.first(where: { $0.kind == k.kind }) {
      return Refusal(
        rule: "kind-per-year", reason: "already called up to \(o.id), another \(k.kind.rawValue) class of \(k.year)")
    }
    if !k.theme.isEmpty, let o = mine.first(where: { $0.theme == k.theme }) {
      return Refusal(rule: "theme-years", reason: "already called up to \(o.id), of the same theme \(k.theme)")
    }
    guard k.kind.isOffTheJob else { return nil }
    let away = mine.filter(\.kind.isOffTheJob)
    let history = scenario.historyByCadre[ci].filter { $0.year == k.year && $0.kind.isOffTheJob }.count
    guard away.count + history >= scenario.policy.noDuplicate.maxPerYear else { return nil }
    return maxPerYear(away.count + history, named: away.map(\.id.rawValue), history: history, year: k.year)
  }

  private func maxPerYear(_ n: Int, named: [String], history: Int, year: Int) -> Refusal {
    var parts = named
    if history > 0 { parts.append("\(history) in the history") }
    let most = scenario.policy.noDuplicate.maxPerYear
    return Refusal(
      rule: "max-per-year",
      reason: "already \(n) off-the-job classes in \(year) (\(parts.joined(separator: ", "))); at most \(most)")
  }

  private func allocationRefusal(_ key: SeatKey, taken: [Int]) -> Refusal {
    let unit = scenario.units[key.unit].id, k = scenario.classes[key.klass].id
    let n = seats[key, default: 0]
    let by = taken.isEmpty ? "" : ", taken by \(taken.map(who).joined(separator: ", "))"
    return Refusal(
      rule: "allocation", reason: "\(unit) has \(n) seat\(n == 1 ? "" : "s") in \(k)\(by); more nominees than seats")
  }

  /// The first day of the class on which the unit already has its most
  /// away, or a principal away when the cadre is a principal.
  private func releaseRefusal(cadre ci: Int, klass ki: Int, unit u: Int) -> Refusal {
    let k = scenario.classes[ki]
    let limit = scenario.releaseLimit(unitIndex: u)
    let unit = scenario.units[u].id
    var d = k.span.first
    while d <= k.span.last {
      let away = awayOn(unit: u, d)
      if away.count >= limit {
        return Refusal(
          rule: "release-limit",
          reason: "\(unit) may have \(limit) away on a day; on \(d) \(away.map(\.what).joined(separator: ", ")) "
            + "\(away.count == 1 ? "is" : "are") away")
      }
      if scenario.cadres[ci].isPrincipal, let p = away.first(where: { scenario.cadres[$0.cadre].isPrincipal }) {
        return Refusal(
          rule: "principals",
          reason: "\(scenario.cadres[ci].id) and \(scenario.cadres[p.cadre].id) are principals of \(unit); "
            + "on \(d) \(p.what) is away")
      }
      d = d.advanced(by: 1)
    }
    return Refusal(rule: "release-limit", reason: "\(unit)'s release limit of \(limit) on \(k.id)'s days")
  }

  /// Who of unit `u` is away on day `d`, and where: `P00012 in C004`, `P00013 (history rotation 2025-03-03..2025-03-06)`.
  private func awayOn(unit u: Int, _ d: Day) -> [(cadre: Int, what: String)] {
    var out: [(cadre: Int, what: String)] = []
    for ci in scenario.cadresByUnit[u] {
      let id = scenario.cadres[ci].id
      for m in calendar.classesByCadre[ci] where scenario.classes[m].kind.isOffTheJob {
        if scenario.classes[m].span.contains(d) { out.append((ci, "\(id) in \(scenario.classes[m].id)")) }
      }
      for h in scenario.historyByCadre[ci] where h.kind.isOffTheJob && h.span.contains(d) {
        out.append((ci, "\(id) (history \(h.classID.map { "\($0) " } ?? "")\(h.kind.rawValue) \(h.span))"))
      }
    }
    return out
  }
}
