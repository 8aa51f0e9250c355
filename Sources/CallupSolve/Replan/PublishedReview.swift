import CallupDomain
import CallupPlan
import CallupRules

/// The published call-ups of a year judged against the changed scenario:
/// each one that still obeys every hard rule, given the history and the
/// call-ups judged before it, is pinned; each other one is dropped with
/// the rule it now breaks, in planners' words.
///
/// Call-ups that took place stay; absences leave the cadre due again. The
/// call-ups still to attend are judged in class and cadre order.
struct PublishedReview {
  /// A published call-up, by ids.
  struct Call: Hashable {
    var cadre: CadreID
    var klass: ClassID
  }

  let scenario: Scenario
  let changes: ScenarioChanges
  /// The call-ups of the scenario's year.
  let ofYear: [PublishedCallUp]
  /// Kept call-ups, as cadre and class indices of `scenario`.
  private(set) var pins: [PublishedCallUp: (cadre: Int, klass: Int)] = [:]
  /// Why each call-up that is not kept was dropped.
  private(set) var dropped: [Call: String] = [:]

  private var pinnedOf = [Int: [Int]]()  // cadre → classes
  private var pinnedIn = [Int: Int]()  // class → count
  private var awayCount = [Int: [Day: Int]]()  // unit → day → away
  private var principalsAway = [Int: [Day: Int]]()
  private let screen: CandidateScreen

  /// Judges `published` (the call-ups of every year; those of the
  /// scenario's year are judged) against `scenario`, the scenario after
  /// `changes`; `before` finds classes the changes removed.
  init(scenario s: Scenario, before: Scenario, changes: ScenarioChanges, published: [PublishedCallUp]) {
    scenario = s
    self.changes = changes
    screen = CandidateScreen(scenario: s)
    ofYear = published.filter { p in (s.trainingClass(p.klass) ?? before.trainingClass(p.klass))?.year == s.year }
      .sorted { ($0.klass, $0.cadre) < ($1.klass, $1.cadre) }
    countHistoryAway()
    for p in ofYear where p.status != .planned { keepWhatTookPlace(p) }
    for p in ofYear where p.status == .planned { judge(p) }
  }

  /// Drops a call-up with its reason.
  mutating func drop(_ p: PublishedCallUp, _ why: String) { dropped[Call(cadre: p.cadre, klass: p.klass)] = why }

  /// Unpins a kept call-up (its class could not be held).
  mutating func unpin(_ p: PublishedCallUp, _ why: String) {
    drop(p, why)
    pins[p] = nil
  }

  /// Days away of the history, per unit (and of its principals).
  private mutating func countHistoryAway() {
    let s = scenario
    for (u, members) in s.cadresByUnit.enumerated() {
      for ci in members {
        for h in s.historyByCadre[ci] where h.kind.isOffTheJob {
          markAway(unit: u, span: h.span, principal: s.cadres[ci].isPrincipal)
        }
      }
    }
  }

  private mutating func markAway(unit u: Int, span: DayRange, principal: Bool) {
    var d = span.first
    while d <= span.last {
      awayCount[u, default: [:]][d, default: 0] += 1
      if principal { principalsAway[u, default: [:]][d, default: 0] += 1 }
      d = d.advanced(by: 1)
    }
  }

  private mutating func pin(_ p: PublishedCallUp, _ ci: Int, _ ki: Int) {
    let s = scenario
    if s.classes[ki].kind.isOffTheJob, let u = s.unitIndex[s.cadres[ci].unit] {
      markAway(unit: u, span: s.classes[ki].span, principal: s.cadres[ci].isPrincipal)
    }
    pins[p] = (ci, ki)
    pinnedOf[ci, default: []].append(ki)
    pinnedIn[ki, default: 0] += 1
  }

  /// What took place stays; absences leave the cadre due again.
  private mutating func keepWhatTookPlace(_ p: PublishedCallUp) {
    if p.status == .absent || p.status == .leftEarly {
      drop(p, "\(p.status == .absent ? "absent" : "left early") (recorded in the ledger); due again")
    } else if let ci = scenario.cadreIndex[p.cadre], let ki = scenario.classIndex[p.klass] {
      pin(p, ci, ki)
    }
  }

  /// Pins a call-up still to attend, or drops it with the rule it breaks.
  private mutating func judge(_ p: PublishedCallUp) {
    guard let ki = scenario.classIndex[p.klass] else {
      let cancelled = changes.cancellations.last { $0.klass == p.klass }
      drop(p, cancelled.map { Self.because("class cancelled", $0.reason) } ?? "class no longer in the catalogue")
      return
    }
    guard let ci = scenario.cadreIndex[p.cadre] else { return drop(p, "cadre no longer in the roster") }
    if let why = brokenRule(p, cadre: ci, klass: ki) { return drop(p, why) }
    pin(p, ci, ki)
  }

  /// The rule a call-up still to attend breaks, in planners' words, or nil.
  private func brokenRule(_ p: PublishedCallUp, cadre ci: Int, klass ki: Int) -> String? {
    if let w = changes.withdrawals.last(where: { $0.cadre == p.cadre }) { return Self.because("withdrawn", w.reason) }
    if let r = screen.screen(cadre: ci, klass: ki) { return screened(r, p, klass: ki) }
    if let why = clash(cadre: ci, klass: ki) { return why }
    let k = scenario.classes[ki]
    if let cap = k.capacity, (pinnedIn[ki] ?? 0) >= cap { return "the class now has \(cap) seats" }
    if overReleaseLimit(cadre: ci, klass: ki) { return "the unit's release limit on the class's days" }
    return nil
  }

  private func screened(_ r: ScreenReason, _ p: PublishedCallUp, klass ki: Int) -> String {
    switch r {
    case .unavailable:
      let span = scenario.classes[ki].span
      let reason = changes.unavailabilities.first { $0.cadre == p.cadre && $0.dates.contains { $0.overlaps(span) } }?
        .reason
      return Self.because("unavailable on the class's days", reason)
    case .eligibility: return "no longer admitted by the class's ranks or tags"
    case .duplicate: return "repeats a training already in the history"
    }
  }

  /// A clash with the cadre's kept call-ups: overlapping days, a second
  /// class of a once-a-year kind, the same theme, or one off-the-job class
  /// too many in the year.
  private func clash(cadre ci: Int, klass ki: Int) -> String? {
    let s = scenario
    let k = s.classes[ki]
    let mine = (pinnedOf[ci] ?? []).map { s.classes[$0] }
    if let other = mine.first(where: {
      $0.span.overlaps(k.span) || (k.kind.isOncePerYear && $0.kind == k.kind)
        || (!k.theme.isEmpty && $0.theme == k.theme)
    }) {
      return "clashes with \(other.id), also called up"
    }
    let offThisYear =
      mine.filter { $0.kind.isOffTheJob }.count
      + s.historyByCadre[ci].filter { $0.year == s.year && $0.kind.isOffTheJob }.count
    let most = s.policy.noDuplicate.maxPerYear
    return k.kind.isOffTheJob && offThisYear >= most ? "more than \(most) off-the-job classes in the year" : nil
  }

  private func overReleaseLimit(cadre ci: Int, klass ki: Int) -> Bool {
    let s = scenario
    let k = s.classes[ki]
    guard k.kind.isOffTheJob, let u = s.unitIndex[s.cadres[ci].unit] else { return false }
    let limit = s.releaseLimit(unitIndex: u)
    var d = k.span.first
    while d <= k.span.last {
      if (awayCount[u]?[d] ?? 0) >= limit { return true }
      if s.cadres[ci].isPrincipal, (principalsAway[u]?[d] ?? 0) >= 1 { return true }
      d = d.advanced(by: 1)
    }
    return false
  }

  static func because(_ what: String, _ reason: String?) -> String {
    guard let reason, !reason.isEmpty else { return what }
    return "\(what) (\(reason))"
  }
}
