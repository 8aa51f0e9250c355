import CallupDomain
import CallupPlan
import CallupRules

/// What keeps a cadre out of one class, most specific first.
public enum Obstacle: Sendable, Hashable {
  /// The class's ranks or tags do not admit the cadre.
  case notAdmitted
  /// A day of the class falls in one of the cadre's unavailable ranges.
  case unavailable(DayRange)
  /// A training in the cadre's history clashes with the class.
  case historyClash(HistoryRecord, Clash)
  /// Another class of the plan clashes with it.
  case planClash(klass: Int, Clash)
  /// The cadre already has `max` off-the-job classes this year (plan and history).
  case perYearLimit(max: Int, planned: [Int], inHistory: Int)
  /// The class is not held.
  case notHeld
  /// Every seat is taken.
  case full(capacity: Int)
  /// The unit already has `limit` cadres away on `day`.
  case releaseLimit(day: Day, limit: Int, away: [Absence])
  /// Another principal of the unit is away on `day` (two principals never away together).
  case principalAway(day: Day, principal: Absence)
  /// Nothing forbids it: the plan left the seat out (cost, or the solver stopped within its gap).
  case cost(seatCost: Double, free: Int?)
  /// The cadre attends the class.
  case attends

  /// The reason of the contract's vocabulary.
  public var reason: UnmetReason {
    switch self {
    case .notAdmitted: .eligibility
    case .unavailable: .unavailable
    case .historyClash, .planClash, .perYearLimit: .duplicate
    case .notHeld: .classNotHeld
    case .full: .capacity
    case .releaseLimit, .principalAway: .releaseLimit
    case .cost, .attends: .cost
    }
  }
}

/// How two trainings clash under the no-duplicate rule.
public enum Clash: Sendable, Hashable {
  /// Their days overlap.
  case overlap
  /// Both are of the same kind in the same year (one of a kind a year).
  case sameKind
  /// Both have this theme within the rule's years.
  case sameTheme(String)
  /// The history fills the year's maximum of off-the-job classes.
  case yearlyMaximum(Int)
}

/// One class that could count for an obligation, and what kept the cadre out of it.
public struct ClassVerdict: Sendable, Hashable {
  /// The class index, what kept the cadre out, and that as a contract reason.
  public var klass: Int
  public var obstacle: Obstacle
  public var reason: UnmetReason { obstacle.reason }
}

/// A due obligation of the cadre: met by a class, or unmet with the reason.
public struct ObligationExplanation: Sendable {
  /// The obligation and its cycle rule.
  public var obligation: Obligation
  public var rule: CycleRule
  /// The class of the plan that meets it.
  public var metBy: Int?
  /// For an unmet obligation: every class of the year that would count, and why it was not used.
  public var verdicts: [ClassVerdict]
  /// For an unmet obligation: the reason (the most direct over the classes).
  public var reason: UnmetReason?
  /// The reason plan.json gives, when it gives one.
  public var reasonInPlan: String?
}

/// The cadre's place in a unit-share requirement.
public struct UnitShareStatus: Sendable {
  /// The rule, the unit index, the members the rule matches and how many must go.
  public var rule: UnitShareRule
  public var unit: Int
  public var members: Int
  public var required: Int
  /// Members trained in the year: history and plan.
  public var sent: Int
  /// This cadre counts towards it (history or a planned class of the rule's kinds).
  public var cadreCounts: Bool
}

/// Why the plan calls a class up for the cadre.
public struct AttendedClass: Sendable {
  /// The class index.
  public var klass: Int
  /// Indices (into ``CadreExplanation/obligations``) of the obligations it meets.
  public var meets: [Int]
  /// Unit-share rules it counts towards.
  public var unitShares: [RuleID]
}

/// A cycle rule the cadre falls under but is not due for this year.
public struct NotDue: Sendable {
  /// The rule, the year of the last counting training, and the year it is due again.
  public var rule: CycleRule
  public var lastYear: Int
  public var nextYear: Int
}

/// Everything explain says about one cadre.
public struct CadreExplanation: Sendable {
  /// The cadre index; its classes; its due obligations (met or not); rules
  /// it falls under but is not due for; the unit shares it belongs to.
  public var cadre: Int
  public var attended: [AttendedClass]
  public var obligations: [ObligationExplanation]
  public var notDue: [NotDue]
  public var unitShares: [UnitShareStatus]
}

/// Answers "why is this cadre in this class" and "why was this cadre not
/// called up" from a plan directory and its scenario, with the same logic
/// the planner uses for plan.json's `unmet` reasons: a class that would
/// count is checked for eligibility, availability and history duplicates,
/// then whether it is held, clashes with the cadre's other classes, is full,
/// or would break the unit's release limit on some day; what is left is cost.
public struct Explainer: Sendable {
  /// The plan read against its scenario.
  public let state: PlanState
  /// Who owes what in the plan's year, derived from the scenario.
  public let book: ObligationBook
  let screen: CandidateScreen

  /// An explainer of one plan.
  public init(state: PlanState) {
    self.state = state
    self.book = ObligationBook(scenario: state.scenario, year: state.year)
    self.screen = CandidateScreen(scenario: state.scenario)
  }

  var scenario: Scenario { state.scenario }

  /// What keeps cadre `ci` out of class `ki` in this plan.
  public func verdict(cadre ci: Int, klass ki: Int) -> ClassVerdict {
    ClassVerdict(klass: ki, obstacle: obstacle(cadre: ci, klass: ki, absences: nil))
  }

  func obstacle(cadre ci: Int, klass ki: Int, absences: [Day: [Absence]]?) -> Obstacle {
    let s = scenario
    let cadre = s.cadres[ci]
    let k = s.classes[ki]
    if let r = screen.screen(cadre: ci, klass: ki) {
      switch r {
      case .eligibility: return .notAdmitted
      case .unavailable:
        return .unavailable(cadre.unavailable.first { $0.overlaps(k.span) } ?? k.span)
      case .duplicate:
        guard let h = screen.historyConflict(cadre: ci, klass: k) else {
          return .perYearLimit(max: 0, planned: [], inHistory: 0)
        }
        return .historyClash(h, historyClash(h, k))
      }
    }
    if !state.held.contains(ki) { return .notHeld }
    let mine = state.classesByCadre[ci]
    if mine.contains(ki) { return .attends }
    let rule = s.policy.noDuplicate
    let historyThisYear = s.historyByCadre[ci].filter { $0.year == k.year && $0.kind.isOffTheJob }.count
    if let other = mine.first(where: { s.classes[$0].span.overlaps(k.span) }) {
      return .planClash(klass: other, .overlap)
    }
    if k.kind.isOncePerYear, let other = mine.first(where: { s.classes[$0].kind == k.kind }) {
      return .planClash(klass: other, .sameKind)
    }
    if !k.theme.isEmpty, let other = mine.first(where: { s.classes[$0].theme == k.theme }) {
      return .planClash(klass: other, .sameTheme(k.theme))
    }
    let offJob = mine.filter { s.classes[$0].kind.isOffTheJob }
    if k.kind.isOffTheJob, offJob.count + historyThisYear >= rule.maxPerYear {
      return .perYearLimit(max: rule.maxPerYear, planned: offJob, inHistory: historyThisYear)
    }
    let n = state.attendees[ki] ?? 0
    if let cap = k.capacity, n >= cap { return .full(capacity: cap) }
    if k.kind.isOffTheJob, let u = s.unitIndex[cadre.unit] {
      let limit = s.releaseLimit(unitIndex: u)
      let away = absences ?? state.absences(unit: u)
      var d = k.span.first
      while d <= k.span.last {
        let list = away[d] ?? []
        if list.count >= limit { return .releaseLimit(day: d, limit: limit, away: list) }
        if cadre.isPrincipal, let p = list.first(where: { s.cadres[$0.cadre].isPrincipal }) {
          return .principalAway(day: d, principal: p)
        }
        d = d.advanced(by: 1)
      }
    }
    let seat = SeatCostRule.seatCost(cadre: cadre, unit: s.unit(cadre.unit), klass: k, tiered: s.policy.tiered)
    return .cost(seatCost: seat, free: k.capacity.map { $0 - n })
  }

  func historyClash(_ h: HistoryRecord, _ k: TrainingClass) -> Clash {
    if h.span.overlaps(k.span) { return .overlap }
    if h.year == k.year, k.kind.isOncePerYear, h.kind == k.kind { return .sameKind }
    if !k.theme.isEmpty, h.theme == k.theme, abs(h.year - k.year) < scenario.policy.noDuplicate.themeYears {
      return .sameTheme(k.theme)
    }
    return .yearlyMaximum(scenario.policy.noDuplicate.maxPerYear)
  }

  /// The classes of the year that count for a cycle rule, in catalogue order.
  public func countingClasses(_ rule: CycleRule) -> [Int] {
    state.classesInYear.filter { rule.counts(scenario.classes[$0]) }
  }

  /// Explains an obligation: met by which class, or why not, class by class.
  public func explain(obligation o: Obligation, absences: [Day: [Absence]]? = nil) -> ObligationExplanation {
    let s = scenario
    let rule = s.policy.cycleRules[o.rule]
    let counting = countingClasses(rule)
    let cadreID = s.cadres[o.cadre].id.rawValue
    let inPlan = state.record.unmet.first { $0.cadre == cadreID && $0.rule == rule.info.id.rawValue }?.reason
    if let k = state.classesByCadre[o.cadre].first(where: { counting.contains($0) }) {
      return ObligationExplanation(obligation: o, rule: rule, metBy: k, verdicts: [], reason: nil, reasonInPlan: inPlan)
    }
    let away = absences ?? s.unitIndex[s.cadres[o.cadre].unit].map { state.absences(unit: $0) } ?? [:]
    let verdicts = counting.map {
      ClassVerdict(klass: $0, obstacle: obstacle(cadre: o.cadre, klass: $0, absences: away))
    }
    let reason = verdicts.map(\.reason).min() ?? .eligibility
    return ObligationExplanation(
      obligation: o, rule: rule, metBy: nil, verdicts: verdicts, reason: reason, reasonInPlan: inPlan)
  }

  /// Everything about cadre `ci`.
  public func explain(cadre ci: Int) -> CadreExplanation {
    let s = scenario
    let cadre = s.cadres[ci]
    let away = s.unitIndex[cadre.unit].map { state.absences(unit: $0) } ?? [:]
    let obligations = book.byCadre[ci].map { explain(obligation: book.obligations[$0], absences: away) }
    // Unit shares.
    var shares: [UnitShareStatus] = []
    let shareRules = s.policy.unitShareRules
    for req in book.unitRequirements where req.members.contains(ci) {
      let rule = shareRules[req.rule]
      func counts(_ m: Int) -> Bool {
        req.alreadyTrained.contains(m) || state.classesByCadre[m].contains { rule.kinds.contains(s.classes[$0].kind) }
      }
      shares.append(
        UnitShareStatus(
          rule: rule, unit: req.unit, members: req.members.count, required: req.required,
          sent: req.members.filter(counts).count, cadreCounts: counts(ci)))
    }
    let attended = state.classesByCadre[ci].map { ki in
      let k = s.classes[ki]
      let meets = obligations.indices.filter { obligations[$0].metBy == ki }
      let unitShares = shares.filter { $0.rule.kinds.contains(k.kind) }.map(\.rule.info.id)
      return AttendedClass(klass: ki, meets: meets, unitShares: unitShares)
    }
    var notDue: [NotDue] = []
    for rule in s.policy.cycleRules where rule.who.matches(cadre, year: state.year) {
      guard CycleStatus.evaluate(rule: rule, history: s.historyByCadre[ci], year: state.year) == nil else { continue }
      let last =
        s.historyByCadre[ci].filter { rule.counts($0) && $0.year <= state.year }
        .map(\.year).max() ?? state.year
      notDue.append(NotDue(rule: rule, lastYear: last, nextYear: last + rule.every))
    }
    return CadreExplanation(cadre: ci, attended: attended, obligations: obligations, notDue: notDue, unitShares: shares)
  }

  /// The reason of every due obligation the plan does not meet, keyed `cadre/rule`.
  public func unmetReasons() -> [String: UnmetReason] {
    let s = scenario
    var out = [String: UnmetReason]()
    var cache = [Int: [Day: [Absence]]]()
    for o in book.obligations {
      let rule = s.policy.cycleRules[o.rule]
      let counting = countingClasses(rule)
      if state.classesByCadre[o.cadre].contains(where: { counting.contains($0) }) { continue }
      var away: [Day: [Absence]] = [:]
      if let u = s.unitIndex[s.cadres[o.cadre].unit] {
        if cache[u] == nil { cache[u] = state.absences(unit: u) }
        away = cache[u]!
      }
      out["\(s.cadres[o.cadre].id.rawValue)/\(rule.info.id.rawValue)"] = explain(obligation: o, absences: away).reason
    }
    return out
  }
}
