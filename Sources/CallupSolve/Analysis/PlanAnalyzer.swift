import CallupDomain
import CallupPlan
import CallupRules

/// Turns a solved model into a plan: assignments, every unmet obligation
/// with its true reason, unit shortfalls and the key figures.
public struct PlanAnalyzer {
  let scenario: Scenario
  let formulation: Formulation
  let assignments: [Assignment]
  let held: Set<Int>
  /// Who is away when, per cadre and unit.
  let calendar: PlanCalendar
  var classesByCadre: [[Int]] { calendar.classesByCadre }
  /// Counting classes past which an unmet obligation's reason is looked
  /// for in the cadre's region first, stopping at the first classes full.
  public var wholeListAbove = Self.wholeListAboveDefault

  public init(solved: SolvedPlan) {
    let f = solved.formulation
    self.init(
      formulation: f,
      assignments: solved.seats.map { Assignment(cadre: f.candidates[$0].cadre, klass: f.candidates[$0].klass) },
      held: solved.held)
  }

  /// Analyzes any set of assignments on the formulation's scenario (a
  /// re-plan's pinned and new call-ups); `held` are the classes held.
  public init(formulation f: Formulation, assignments: [Assignment], held: Set<Int>) {
    scenario = f.scenario
    formulation = f
    self.held = held
    let order = ScenarioOrder(f.scenario)
    self.assignments = assignments.sorted { a, b in
      let ka = order.klass[a.klass], kb = order.klass[b.klass]
      return ka != kb ? ka < kb : order.cadre[a.cadre] < order.cadre[b.cadre]
    }
    calendar = PlanCalendar(scenario: f.scenario, year: f.year, assignments: self.assignments)
  }

  /// Why cadre `ci` does not attend class `ki`, given the plan.
  public func reason(cadre ci: Int, klass ki: Int) -> UnmetReason {
    if let r = formulation.screen.screen(cadre: ci, klass: ki) {
      switch r {
      case .eligibility: return .eligibility
      case .unavailable: return .unavailable
      case .duplicate: return .duplicate
      }
    }
    if !held.contains(ki) { return .classNotHeld }
    if classesByCadre[ci].contains(ki) { return .cost }  // attends it (should not be asked)
    return calendar.clash(cadre: ci, klass: ki) ?? .cost
  }

  /// The reason over a set of classes, and a sentence naming them: each
  /// class by id with its reason; past `namedIneligible` classes that do
  /// not admit the cadre, those are counted instead. Past
  /// `wholeListAbove` classes (a province's county classes), `reasonInMany`.
  func reason(cadre ci: Int, classes: CountingClasses) -> (UnmetReason, String) {
    guard !classes.all.isEmpty else { return (.eligibility, "no class of the year counts for this rule") }
    guard classes.all.count <= wholeListAbove else { return reasonInMany(cadre: ci, classes: classes) }
    let reasons = classes.all.map { reason(cadre: ci, klass: $0) }
    let best = reasons.min() ?? .eligibility
    let ineligible = reasons.filter { $0 == .eligibility }.count
    let namesAll = ineligible <= Self.namedIneligible
    var parts: [String] = []
    for (ki, r) in zip(classes.all, reasons) where namesAll || r != .eligibility {
      parts.append("\(scenario.classes[ki].id): \(r.rawValue)")
    }
    if !namesAll { parts.append("\(ineligible) \(parts.isEmpty ? "" : "other ")classes: eligibility") }
    return (best, parts.joined(separator: "; "))
  }

  /// The reason over many classes, the cadre's own region's first: the
  /// classes are looked at until `namedIneligible` of them name `capacity`,
  /// the first reason of all (no other class could give a better one), or
  /// to the end. The sentence names the classes that admit the cadre, at
  /// most `namedIneligible`, and how many were looked at.
  func reasonInMany(cadre ci: Int, classes: CountingClasses) -> (UnmetReason, String) {
    var best = UnmetReason.timing
    var named: [String] = []
    var looked = 0, ineligible = 0, full = 0
    classes.visit(scenario.unit(scenario.cadres[ci].unit)?.region) { ki in
      let r = reason(cadre: ci, klass: ki)
      looked += 1
      best = min(best, r)
      if r == .eligibility {
        ineligible += 1
      } else if named.count < Self.namedIneligible {
        named.append("\(scenario.classes[ki].id): \(r.rawValue)")
      }
      if r == .capacity { full += 1 }
      return full < Self.namedIneligible
    }
    let total = classes.all.count
    var tail = "\(total) classes count"
    if looked < total { tail += ", \(looked) looked at (the cadre's region first)" }
    if ineligible > 0 { tail += ", \(ineligible) of them: eligibility" }
    return (min(best, .eligibility), (named + [tail]).joined(separator: "; "))
  }

  /// Most classes that do not admit a cadre named one by one in a detail.
  static let namedIneligible = 5
  /// Most classes a rule's reason looks at whole (`reasonInMany` past
  /// it): as many as `ClassReach` looks at of one kind in a region.
  static let wholeListAboveDefault = 64

  /// The reason an obligation is unmet: over its counting classes, or
  /// `timing` when none of those admits the cadre but a class of the
  /// rule's kinds outside its `window` or `by` would.
  func reason(obligation o: Obligation, counting: CountingClasses) -> (UnmetReason, String) {
    let (r, detail) = reason(cadre: o.cadre, classes: counting)
    let rule = scenario.policy.cycleRules[o.rule]
    guard r == .eligibility, !rule.timing.isAlways else { return (r, detail) }
    let outside = formulation.classesInYear.filter {
      let k = scenario.classes[$0]
      return rule.countsUntimed(k) && !rule.counts(k) && formulation.screen.screen(cadre: o.cadre, klass: $0) == nil
    }
    guard !outside.isEmpty else { return (r, detail) }
    let ids = outside.prefix(3).map { scenario.classes[$0].id.rawValue }.joined(separator: ", ")
    return (
      .timing,
      "no class \(rule.timing.description) admits the cadre; \(ids) would, outside those dates"
        + (outside.count > 3 ? " (and \(outside.count - 3) more)" : "")
    )
  }

  public func analyze(solved: SolvedPlan, notPlanned: [RuleInfo]) -> Plan {
    var plan = analyze(
      status: solved.status, objective: solved.objective, bound: solved.bound, seconds: solved.seconds,
      stats: solved.stats, lpMet: solved.lpMet, log: solved.log, notPlanned: notPlanned)
    plan.callUp = solved.callUp
    return plan
  }

  /// The plan of these assignments, with the figures of the solve that made it.
  public func analyze(
    status: PlanStatus, objective: Double?, bound: Double?, seconds: Double, stats: ModelStats?, lpMet: Double?,
    log: [String], notPlanned: [RuleInfo]
  ) -> Plan {
    let f = formulation
    let book = f.book
    let cycles = scenario.policy.cycleRules
    // Obligations met.
    let counting = cycles.map { rule in
      CountingClasses(
        f.classesInYear.filter { rule.counts(scenario.classes[$0]) }, scenario: scenario, above: wholeListAbove)
    }
    var unmet: [UnmetObligation] = []
    var due = 0, met = 0, overdueDue = 0, overdueMet = 0, earlyMet = 0
    for o in book.obligations {
      let rule = cycles[o.rule]
      let isMet = classesByCadre[o.cadre].contains {
        rule.counts(scenario.classes[$0])
      }
      // Trained ahead of its cycle: never due, never unmet.
      if o.early {
        if isMet { earlyMet += 1 }
        continue
      }
      due += 1
      if o.isOverdue { overdueDue += 1 }
      if isMet {
        met += 1
        if o.isOverdue { overdueMet += 1 }
        continue
      }
      let (r, detail) = reason(obligation: o, counting: counting[o.rule])
      unmet.append(UnmetObligation(obligation: o, ruleID: rule.info.id, reason: r, detail: detail))
    }
    // Unit shares.
    var shortfalls: [UnitShortfall] = []
    let shares = scenario.policy.unitShareRules
    let kindClasses = shares.map { rule in f.classesInYear.filter { rule.kinds.contains(scenario.classes[$0].kind) } }
    for req in book.unitRequirements {
      let rule = shares[req.rule]
      var sentCount = req.alreadyTrained.count
      var missing: [Int] = []
      for m in req.members where !req.alreadyTrained.contains(m) {
        if classesByCadre[m].contains(where: { rule.kinds.contains(scenario.classes[$0].kind) }) {
          sentCount += 1
        } else {
          missing.append(m)
        }
      }
      guard sentCount < req.required else { continue }
      var tally = [UnmetReason: Int]()
      for m in missing {
        tally[kindClasses[req.rule].lazy.map { reason(cadre: m, klass: $0) }.min() ?? .eligibility, default: 0] += 1
      }
      let top = tally.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? .eligibility
      shortfalls.append(
        UnitShortfall(
          unit: req.unit, ruleID: rule.info.id, year: req.year, required: req.required, planned: sentCount,
          reason: top))
    }
    // Hours: per rule and rank, on track before and with the plan.
    let hoursRules = scenario.policy.hoursRules
    var progress = [Int: [Rank: HoursProgress]]()
    for t in book.hoursTargets {
      let rule = hoursRules[t.rule]
      let rank = scenario.cadres[t.cadre].rank
      let planned = classesByCadre[t.cadre].reduce(0.0) { $0 + rule.amount(of: scenario.classes[$1]) }
      var g =
        progress[t.rule, default: [:]][rank]
        ?? HoursProgress(
          ruleID: rule.info.id, year: f.year, rank: rank, unit: rule.countsDays ? "days" : "hours", cadres: 0,
          onTrackBefore: 0,
          onTrack: 0, behindPace: 0, paceDue: 0, paceMet: 0, planned: 0)
      g.cadres += 1
      if t.onTrack(planned: 0) { g.onTrackBefore += 1 }
      if t.onTrack(planned: planned) { g.onTrack += 1 }
      if t.behind { g.behindPace += 1 }
      if t.pace > 0 {
        g.paceDue += 1
        if planned >= t.pace - 1e-9 { g.paceMet += 1 }
      }
      g.planned += planned
      progress[t.rule, default: [:]][rank] = g
    }
    var hours: [HoursProgress] = []
    for ri in hoursRules.indices {
      for rank in Rank.allCases { if let g = progress[ri]?[rank] { hours.append(g) } }
    }
    // Costs and KPIs.
    var seatCost = 0.0, travel = 0.0
    let tiered = scenario.policy.tiered
    for a in assignments {
      let k = scenario.classes[a.klass]
      seatCost += k.costPerSeat
      let c = scenario.cadres[a.cadre]
      travel += SeatCostRule.seatCost(cadre: c, unit: scenario.unit(c.unit), klass: k, tiered: tiered) - k.costPerSeat
    }
    let fixed = held.reduce(0.0) { $0 + scenario.classes[$1].fixedCost }
    var attendees = [Int: Int]()
    for (k, n) in calendar.attendees.enumerated() where n > 0 { attendees[k] = n }
    var capacityHeld = 0
    for k in held { capacityHeld += scenario.classes[k].capacity ?? (attendees[k] ?? 0) }
    let peak = calendar.peakAwayShare()
    let kpis = PlanKPIs(
      due: due, met: met, overdueDue: overdueDue, overdueMet: overdueMet,
      classesHeld: held.count, cost: seatCost + fixed, peakUnitAwayShare: peak, seats: assignments.count,
      seatCost: seatCost, fixedCost: fixed, travelCost: travel, unitShortfalls: shortfalls.count,
      fillRate: capacityHeld > 0 ? Double(assignments.count) / Double(capacityHeld) : 0,
      classesInYear: f.classesInYear.count)
    var plan = Plan(
      scenario: scenario, year: f.year, status: status, objective: objective, bound: bound,
      seconds: seconds, assignments: assignments, held: held, classesInYear: f.classesInYear,
      attendees: attendees, unmet: unmet, shortfalls: shortfalls, hours: hours, kpis: kpis, stats: stats,
      lpMet: lpMet, log: log, notPlanned: notPlanned)
    plan.early = earlyMet
    plan.targets = Self.targets(of: scenario, year: f.year, assignments: assignments, held: held)
    return plan
  }

  /// Every target of the year with its planned figure (history in the year included).
  public static func targets(of s: Scenario, year: Int, assignments: [Assignment], held: Set<Int>) -> [TargetFigure] {
    guard s.policy.hasTargets else { return [] }
    return TargetBook(scenario: s, year: year).figures(
      scenario: s, assignments: assignments.map { ($0.cadre, $0.klass) }, held: held)
  }
}

/// The classes of the year that count for one rule, and the same by
/// region, to look at a cadre's own region's first.
struct CountingClasses {
  let all: [Int]
  let byRegion: [RegionID: [Int]]
  let scenario: Scenario

  /// Grouped by region when there are more than `above`.
  init(_ all: [Int], scenario s: Scenario, above: Int) {
    self.all = all
    scenario = s
    byRegion = all.count > above ? Dictionary(grouping: all) { s.classes[$0].region } : [:]
  }

  /// Calls `body` with every class, those of `region` first, each part in
  /// its order, until `body` returns false.
  func visit(_ region: RegionID?, _ body: (Int) -> Bool) {
    let own = region.flatMap { byRegion[$0] } ?? []
    for ki in own where !body(ki) { return }
    for ki in all where own.isEmpty || scenario.classes[ki].region != region {
      if !body(ki) { return }
    }
  }
}
