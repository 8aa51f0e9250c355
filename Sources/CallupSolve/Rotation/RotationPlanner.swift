import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// A rotation plan (`horizon` 2–5): every year of the horizon planned in
/// turn, each as a full annual call-up, the call-ups of earlier years
/// counting as attended in later ones.
///
/// To keep the years even — about a fifth of a five-year group a year — a
/// year whose due cadres of a multi-year cycle fall short of the group's
/// yearly share (`ceil(group / every)`) trains the difference ahead of
/// their cycle: the cadres whose cycle ends soonest, at three quarters of the value of
/// a due obligation, so they take only seats the due leave; and a later
/// year trains at least `Tuning.Rotation.keepShare` of the cadres the
/// first year trained for the rule, since the first year also makes up the
/// overdue. Training them now thins the later years that would otherwise
/// pile up (no cliff of overdue cadres at the end of the period). The
/// kinds no rule asks for keep to a band around the first year's seats
/// (`electiveCeilings`, `electiveFloors`).
///
/// The years are solved one after another, each with an even part of the
/// time left, the first year two (`TimeBudget.evenPart`,
/// `Tuning.Rotation.firstYearWeight`); the objective is their sum. Each
/// year's bound holds for that year given the years before it, not for the
/// horizon as a whole, so the rotation plan reports no overall bound;
/// plan.json's `rotation` gives each year's objective, bound and gap.
public enum RotationPlanner {
  /// `blockTarget`: plan every year block by block with this block
  /// weight (`DecomposedPlanner`); nil decides by the scenario's size.
  public static func plan(_ scenario: Scenario, options: SolveOptions, blockTarget: Double? = nil) throws -> Plan {
    let budget = options.budget(seconds: options.timeLimit)
    var history = scenario.history
    var years: [Plan] = []
    let planned = Array(scenario.years)
    // From the first year on: the cadres it trained per multi-year cycle
    // rule (`pullForward`), and the band of each kind no rule asks for.
    var keep: [Int: Int] = [:]
    var ceilings: [ClassKind: Int] = [:]
    var floors: [ClassKind: Int] = [:]
    for (i, y) in planned.enumerated() {
      var s = scenario
      s.year = y
      s.horizon = 1
      s.history = history
      s.reindex()
      let early = pullForward(s, keep: keep)
      var yearOptions = options
      // The first year, whose call-ups go out, counts as more than one part.
      yearOptions.timeLimit = budget.evenPart(
        of: planned.count - i, atLeast: Tuning.Rotation.minimumYearSeconds,
        weight: i == 0 ? Tuning.Rotation.firstYearWeight : 1)
      // Stopped (Ctrl-C): the years left still get a plan, quickly, so that
      // the plan covers the whole horizon.
      if options.shouldStop?() == true || options.safety.isPast {
        yearOptions.timeLimit = Tuning.Rotation.minimumYearSeconds
      }
      let offset = budget.elapsed
      if let progress = options.progress {
        yearOptions.progress = { p in
          var q = p
          q.phase = "\(y): \(p.phase)"
          q.elapsed += offset
          progress(q)
        }
      }
      var plan: Plan
      if blockTarget != nil || DecomposedPlanner.applies(to: s) {
        // A year too large for one model is planned block by block, every
        // year by its blocks (never from the auction's seats): the blocks
        // plan the unit shares, the pull-forward and the hours with the due
        // obligations, and the load per kind stays even (a five-year
        // province whose first year came from the auction: special classes
        // 12,586 seats in the first year against about 15,400 later, 15.6 %
        // off the mean).
        plan = try DecomposedPlanner.plan(
          s, options: yearOptions, blockTarget: blockTarget ?? Tuning.Blocks.blockTarget, early: early,
          startFromAuction: false, ceilings: ceilings, floors: floors)
        plan.method = .blocks
      } else {
        let limit = Planner.pairLimit(cadres: s.cadres.count)
        var formulation = Formulation.Options(pairLimit: limit, planHours: false, early: early)
        formulation.kindCeilings = ceilings
        formulation.kindFloors = floors
        let f = Formulation(scenario: s, year: y, options: formulation)
        let solved = try Planner.solve(f, options: yearOptions)
        plan = PlanAnalyzer(solved: solved).analyze(solved: solved, notPlanned: Planner.rulesNotPlanned(s))
        plan.method = .wholeModel
      }
      // The year's plan keeps the scenario's own storage, not the year's
      // copy with its history and indexes (a copy per year is gigabytes
      // at province scale): its call-ups, unmet obligations and hours are
      // counted already, and cadres and classes are the same.
      var view = scenario
      view.year = y
      view.horizon = 1
      plan.scenario = view
      if let first = years.first { reserveIntake(first: first, in: &plan) }
      let asked = early.keys.sorted().map { "\(s.policy.cycleRules[$0].info.id) \(early[$0]!.count)" }
      plan.log.insert("ahead of their cycle: " + (asked.isEmpty ? "none" : asked.joined(separator: ", ")), at: 0)
      years.append(plan)
      if years.count == 1 {
        keep = trained(in: plan, policy: s.policy)
        floors = electiveFloors(first: plan, policy: s.policy)
        ceilings = electiveCeilings(first: plan, policy: s.policy)
      }
      history += plan.assignments.map { HistoryRecord(cadre: s.cadres[$0.cadre].id, attended: s.classes[$0.klass]) }
    }
    return combine(scenario, years, seconds: budget.elapsed)
  }

  /// Per cycle rule with a cycle of two years or more: the cadres to train
  /// ahead of their cycle in the scenario's year, so that the year trains
  /// about `ceil(group / every)` of the rule's group, and at least
  /// `Tuning.Rotation.keepShare` of `keep[rule]` (the cadres the first
  /// year of the horizon trained for it, see `trained(in:policy:)`): the
  /// first year also makes
  /// up the overdue, and without this the later years would train a tenth
  /// less (a five-year province: systematic classes 10,538 seats in the
  /// first year against 9,158–9,794 later).
  public static func pullForward(_ s: Scenario, keep: [Int: Int] = [:]) -> [Int: Set<Int>] {
    var out: [Int: Set<Int>] = [:]
    for (ri, rule) in s.policy.cycleRules.enumerated() where rule.every >= 2 {
      var due = 0
      var ahead: [(next: Int, cadre: Int)] = []
      for (ci, c) in s.cadres.enumerated() where rule.who.matches(c, year: s.year) {
        let history = s.historyByCadre[ci]
        if CycleStatus.evaluate(rule: rule, history: history, year: s.year) != nil {
          due += 1
          continue
        }
        // Not due: trained in the cycle; skip those trained this very year.
        guard let last = CycleStatus.lastYear(rule: rule, history: history, year: s.year), last < s.year else {
          continue
        }
        ahead.append((last + rule.every, ci))
      }
      let group = due + ahead.count
      let kept = keep[ri].map { Int((Double($0) * Tuning.Rotation.keepShare).rounded(.up)) } ?? 0
      let share = max((group + rule.every - 1) / rule.every, kept)
      guard due < share else { continue }
      ahead.sort { $0.next != $1.next ? $0.next < $1.next : s.cadres[$0.cadre].id < s.cadres[$1.cadre].id }
      out[ri] = Set(ahead.prefix(share - due).map(\.cadre))
    }
    return out
  }

  /// Per cycle rule with a cycle of two years or more: the cadres `plan`
  /// trains for it (a seat in a class that counts for the rule).
  static func trained(in plan: Plan, policy: Policy) -> [Int: Int] {
    let s = plan.scenario
    var out = [Int: Int]()
    var seen = Set<Int>()
    for (ri, rule) in policy.cycleRules.enumerated() where rule.every >= 2 {
      seen.removeAll(keepingCapacity: true)
      for a in plan.assignments where rule.who.matches(s.cadres[a.cadre], year: plan.year) {
        let k = s.classes[a.klass]
        if rule.counts(k) { seen.insert(a.cadre) }
      }
      out[ri] = seen.count
    }
    return out
  }

  /// The most seats a later year gives each kind no cycle rule asks for
  /// (`Policy.electiveKinds`, reading and special classes in the default
  /// policy): the first year's seats of the kind times `1 + electiveGrowth`,
  /// rounded down (`ElectiveLoadRule`). Such seats serve only class hours and unit
  /// shares, more of them each year as cadres fall behind towards the end
  /// of an hours window (a five-year province: reading 705 seats in the
  /// first year, 1,074 in the fifth, 30 % off the mean); the ceiling keeps
  /// the institutions' load even. Empty when the policy sets no growth.
  static func electiveCeilings(first: Plan, policy: Policy) -> [ClassKind: Int] {
    guard let growth = policy.rotation.electiveGrowth else { return [:] }
    return electiveFloors(first: first, policy: policy).mapValues { Int((Double($0) * (1 + growth)).rounded(.down)) }
  }

  /// The fewest seats a later year gives each kind no cycle rule asks for:
  /// the first year's, so that with the ceiling every year's load of the
  /// kind lies within `electiveGrowth` of the others. A year below it
  /// gives its free seats of the kind to cadres short of their hours pace,
  /// and opens classes of the kind for them (`SeatExchange.fillLoad`,
  /// `HoursStage`); nobody whose pace is met is sent. Empty when the
  /// policy sets no growth.
  static func electiveFloors(first: Plan, policy: Policy) -> [ClassKind: Int] {
    guard policy.rotation.electiveGrowth != nil else { return [:] }
    let s = first.scenario
    var out = [ClassKind: Int]()
    let offered = Set(s.classes.map(\.kind))
    for kind in policy.electiveKinds where offered.contains(kind) { out[kind] = 0 }
    for a in first.assignments where out[s.classes[a.klass].kind] != nil { out[s.classes[a.klass].kind]! += 1 }
    return out
  }

  /// The log line of a later year brought up to its floors, planned block
  /// by block (`SeatExchange.fillLoad`) or as one model (`HoursStage`):
  /// the floors, the seats added, the classes opened, and what is still
  /// short per kind.
  static func floorNote(_ floors: [ClassKind: Int], seats: Int, opened: Int, short: [ClassKind: Int]) -> String {
    func list(_ d: [ClassKind: Int]) -> String {
      d.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    }
    return "elective load (at least \(list(floors)) seats): \(seats) seats for cadres short of their hours pace, "
      + "\(opened) classes opened" + (short.isEmpty ? "" : "; still short: " + list(short))
  }

  /// Seats a later year keeps for its new appointees. Appointment and
  /// initial training (the kinds of `Policy.intakeRules`) are for the
  /// cadres appointed in the class's year; cadres.csv lists this year's,
  /// not those of the years after. Each later year expects as many as the
  /// first year called up, per kind and institution, and keeps that many
  /// seats less the ones it called up by name: free seats of its held
  /// classes first, then classes not held, earliest first, up to their
  /// capacity. Reserved seats are nobody's call-up: the classes keep
  /// `held` for their named attendees (plan.json gives `reserved` apart),
  /// and the objective does not count them.
  static func reserveIntake(first: Plan, in plan: inout Plan) {
    let s = plan.scenario
    let intake = s.policy.intakeRules
    guard !intake.isEmpty else { return }
    struct Key: Hashable {
      var kind: ClassKind
      var institution: InstitutionID
    }
    func count(_ p: Plan) -> [Key: Int] {
      var out = [Key: Int]()
      for a in p.assignments {
        let k = s.classes[a.klass]
        if intake[k.kind] != nil { out[Key(kind: k.kind, institution: k.institution), default: 0] += 1 }
      }
      return out
    }
    let expected = count(first), named = count(plan)
    var classes = [Key: [Int]]()
    for ki in plan.classesInYear where intake[s.classes[ki].kind] != nil {
      classes[Key(kind: s.classes[ki].kind, institution: s.classes[ki].institution), default: []].append(ki)
    }
    for (key, n) in expected {
      var left = n - (named[key] ?? 0)
      let list = (classes[key] ?? []).sorted { a, b in
        let ha = plan.held.contains(a), hb = plan.held.contains(b)
        if ha != hb { return ha }
        let ka = s.classes[a], kb = s.classes[b]
        return ka.start != kb.start ? ka.start < kb.start : ka.id < kb.id
      }
      for ki in list where left > 0 {
        let free = (s.classes[ki].capacity ?? Int.max) - (plan.attendees[ki] ?? 0)
        let take = min(max(0, free), left)
        if take > 0 { plan.reserved[ki] = take }
        left -= take
      }
    }
  }

  /// One plan of the horizon's years: every call-up, unmet obligation and
  /// shortfall with its year; the key figures summed (the peak unit
  /// absence is the highest).
  static func combine(_ scenario: Scenario, _ years: [Plan], seconds: Double) -> Plan {
    let first = years[0]
    var assignments: [Assignment] = []
    var held = Set<Int>()
    var classes: [Int] = []
    var attendees = [Int: Int]()
    var unmet: [UnmetObligation] = []
    var shortfalls: [UnitShortfall] = []
    var hours: [HoursProgress] = []
    var log: [String] = []
    var k = PlanKPIs(
      due: 0, met: 0, overdueDue: 0, overdueMet: 0, classesHeld: 0, cost: 0, peakUnitAwayShare: 0, seats: 0,
      seatCost: 0,
      fixedCost: 0, travelCost: 0, unitShortfalls: 0, fillRate: 0, classesInYear: 0)
    var capacity = 0.0
    var objective = 0.0
    var status = PlanStatus.optimal
    for p in years {
      assignments += p.assignments
      held.formUnion(p.held)
      classes += p.classesInYear
      attendees.merge(p.attendees) { $0 + $1 }
      unmet += p.unmet
      shortfalls += p.shortfalls
      hours += p.hours
      log += p.log.map { "\(p.year) \($0)" }
      let y = p.kpis
      k.due += y.due
      k.met += y.met
      k.overdueDue += y.overdueDue
      k.overdueMet += y.overdueMet
      k.classesHeld += y.classesHeld
      k.cost += y.cost
      k.peakUnitAwayShare = max(k.peakUnitAwayShare, y.peakUnitAwayShare)
      k.seats += y.seats
      k.seatCost += y.seatCost
      k.fixedCost += y.fixedCost
      k.travelCost += y.travelCost
      k.unitShortfalls += y.unitShortfalls
      k.classesInYear += y.classesInYear
      if y.fillRate > 0 { capacity += Double(y.seats) / y.fillRate }
      objective += p.objective ?? 0
      if p.status != .optimal {
        status = p.status == .noSolution ? .noSolution : (status == .noSolution ? status : .feasible)
      }
    }
    k.fillRate = capacity > 0 ? Double(k.seats) / capacity : 0
    var plan = Plan(
      scenario: scenario, year: first.year, status: status == .optimal ? .feasible : status,
      objective: years.allSatisfy { $0.objective != nil } ? objective : nil, bound: nil, seconds: seconds,
      assignments: assignments, held: held, classesInYear: classes, attendees: attendees, unmet: unmet,
      shortfalls: shortfalls, hours: hours, kpis: k, stats: first.stats, lpMet: nil, log: log,
      notPlanned: first.notPlanned)
    plan.horizon = scenario.horizon
    plan.years = years
    plan.early = years.reduce(0) { $0 + $1.early }
    plan.targets = years.flatMap(\.targets)
    plan.conflicts = years.flatMap(\.conflicts)
    for p in years { plan.reserved.merge(p.reserved) { $0 + $1 } }
    if plan.objective != nil, years.contains(where: { $0.callUp != nil }) {
      plan.callUp = CallUpPart(
        objective: years.reduce(0) { $0 + ($1.callUp?.objective ?? $1.objective ?? 0) },
        hoursSeats: years.reduce(0) { $0 + ($1.callUp?.hoursSeats ?? 0) })
    }
    return plan
  }
}
