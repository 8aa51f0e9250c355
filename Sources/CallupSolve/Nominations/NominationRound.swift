import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// The review of units' returned lists (报名审核) against an annual plan
/// (docs/nominations.md).
///
/// The rows are judged in the order given. Where a unit nominates for a
/// class it has seats in, the plan's suggested names for those seats are
/// set aside; each nominee then takes one of them when it obeys every hard
/// rule given the rest of the plan, the history and the nominees before
/// it, and is refused with the rule and its figures otherwise. Seats the
/// accepted nominees leave free are refilled with the plan's suggested
/// names no one nominated (`RefillMode.suggestions`, the most overdue
/// first) or stay empty; a class that would fall below its minimum keeps
/// suggested names up to it. The merged call-ups are analysed again as a
/// plan, so its unmet obligations, key figures and targets are its own.
public enum NominationReviewer {
  /// `assignments`: the plan's call-ups (cadre and class indices of `s`).
  /// The merged plan is not solved again: its objective is that of its own
  /// call-ups (`PlanObjective`).
  public static func review(
    scenario s: Scenario, assignments: [Assignment], rows: [NominationRow], refill: RefillMode
  ) -> NominationReview {
    let clock = ContinuousClock()
    let start = clock.now
    var round = NominationRound(scenario: s, assignments: assignments, rows: rows, refill: refill)
    round.judgeRows()
    round.refillSeats()
    round.keepClassesAtMinimum()
    var plan = round.mergedPlan()
    plan.seconds = (clock.now - start).inSeconds
    let reviewed = round.reviewedRows(plan)
    let accepted = reviewed.filter { $0.decision != .refused }.count
    plan.log.append("nominations review: \(rows.count) rows, \(accepted) accepted, \(rows.count - accepted) refused")
    return NominationReview(
      rows: reviewed, units: round.unitSummaries(plan, rows: reviewed), plan: plan, refill: refill,
      warnings: round.warnings)
  }
}

/// One review: the plan's seats, the rows resolved and judged, the seats placed.
struct NominationRound {
  let scenario: Scenario
  let year: Int
  let rows: [NominationRow]
  let refill: RefillMode
  let formulation: Formulation
  let cost: SubstitutionCost
  /// The plan's call-ups per unit and class: its suggested names, in plan order.
  let suggestions: [SeatKey: [Int]]
  /// The plan's call-ups outside the seats nominated for.
  let base: [Assignment]
  /// Unit and class of each row, when both resolve.
  let pairOfRow: [SeatKey?]
  /// Rows per unit and class, by index.
  let rowsByPair: [SeatKey: [Int]]
  /// Pairs some row nominates for, with seats: their suggested names are set aside.
  let nominated: Set<SeatKey>
  let resolved: [ResolvedRow]
  var judge: NomineeJudge
  /// Per row, the refusal; nil for a row accepted.
  var refusals: [Refusal?]
  /// Per pair, the suggested names not nominated that obey every hard rule, in keeping order.
  var spares: [SeatKey: [Int]] = [:]
  /// Per pair, the suggested names placed without being nominated.
  var refilled: [SeatKey: [Int]] = [:]
  /// Per refused row, the plan's suggested cadre for its seat.
  var suggested: [Int: Int] = [:]
  var warnings: [String] = []

  init(scenario s: Scenario, assignments: [Assignment], rows: [NominationRow], refill: RefillMode) {
    scenario = s
    year = s.year
    self.rows = rows
    self.refill = refill
    formulation = Planning.analysisFormulation(s, blocks: Planning.usesBlocks(PlanRequest(scenario: s)))
    cost = SubstitutionCost(formulation: formulation)
    var suggestions: [SeatKey: [Int]] = [:]
    for a in assignments where s.classes[a.klass].year == s.year {
      guard let u = s.unitIndex[s.cadres[a.cadre].unit] else { continue }
      suggestions[SeatKey(unit: u, klass: a.klass), default: []].append(a.cadre)
    }
    self.suggestions = suggestions
    let seats = suggestions.mapValues(\.count)
    var resolver = NominationResolver(scenario: s, year: s.year, seats: seats)
    resolved = rows.map { resolver.resolve($0) }
    let pairs = resolved.map { r in r.unit.flatMap { u in r.klass.map { SeatKey(unit: u, klass: $0) } } }
    pairOfRow = pairs
    rowsByPair = Dictionary(grouping: rows.indices.filter { pairs[$0] != nil }, by: { pairs[$0]! })
    nominated = Set(rowsByPair.keys.filter { seats[$0, default: 0] > 0 })
    let setAside = Set(nominated.flatMap { p in suggestions[p]!.map { CallUpKey(cadre: $0, klass: p.klass) } })
    base = assignments.filter { !setAside.contains(CallUpKey(cadre: $0.cadre, klass: $0.klass)) }
    judge = NomineeJudge(scenario: s, year: s.year, screen: formulation.screen, base: base, seats: seats)
    refusals = Array(repeating: nil, count: rows.count)
  }

  /// Each row in turn: its defects, else the first hard rule it breaks, else a seat.
  mutating func judgeRows() {
    for (i, r) in resolved.enumerated() {
      if let first = r.defects.first {
        let reason = r.defects.map { "\($0.location): \($0.message)" }.joined(separator: "; ")
        refusals[i] = Refusal(rule: first.rule, reason: reason)
        continue
      }
      guard let u = r.unit, let k = r.klass, let c = r.cadre else { continue }
      if let why = judge.refusal(cadre: c, klass: k, unit: u) {
        refusals[i] = why
      } else {
        judge.place(cadre: c, klass: k, unit: u)
      }
    }
  }

  /// The rows of a pair, by index.
  func rows(of pair: SeatKey) -> [Int] { rowsByPair[pair] ?? [] }

  /// Seats left free are refilled with the suggested names no row of the
  /// pair names (or offered only, with `RefillMode.empty`); each refused
  /// row of the pair gets the next one as its suggested replacement.
  mutating func refillSeats() {
    for pair in nominated.sorted() {
      let mine = rows(of: pair)
      let named = Set(mine.compactMap { resolved[$0].cadre })
      let candidates = cost.keepOrder(suggestions[pair, default: []].filter { !named.contains($0) }, klass: pair.klass)
      var offered: [Int] = []
      for ci in candidates where judge.refusal(cadre: ci, klass: pair.klass, unit: pair.unit) == nil {
        offered.append(ci)
        if refill == .suggestions {
          judge.place(cadre: ci, klass: pair.klass, unit: pair.unit)
          refilled[pair, default: []].append(ci)
        }
      }
      spares[pair] = candidates
      for (i, ci) in zip(mine.filter { refusals[$0] != nil }, offered) { suggested[i] = ci }
    }
  }

  /// A held class that the review leaves below its minimum keeps the
  /// plan's suggested names (not nominated) up to it, when they still obey
  /// every hard rule; a warning says so, or that it stays below.
  mutating func keepClassesAtMinimum() {
    for k in Set(nominated.map(\.klass)).sorted() {
      let klass = scenario.classes[k]
      var n = judge.calendar.attendees[k]
      guard n > 0, n < klass.minSize else { continue }
      var kept: [Int] = []
      for pair in nominated.sorted() where pair.klass == k {
        for ci in spares[pair, default: []] where n < klass.minSize && !refilled[pair, default: []].contains(ci) {
          guard judge.refusal(cadre: ci, klass: k, unit: pair.unit) == nil else { continue }
          judge.place(cadre: ci, klass: k, unit: pair.unit)
          refilled[pair, default: []].append(ci)
          kept.append(ci)
          n += 1
        }
      }
      if n < klass.minSize {
        warnings.append(
          "\(klass.id) keeps \(n) attendees, below its minimum of \(klass.minSize): units should nominate more for it "
            + "(callup check refuses a class held below its minimum)")
      } else if !kept.isEmpty {
        warnings.append(
          "\(klass.id) would fall below its minimum of \(klass.minSize): the plan's suggested "
            + "\(kept.map { judge.who($0) }.joined(separator: ", ")) keep their seats")
      }
    }
  }

  /// The plan's call-ups outside the nominated seats, and every seat placed.
  var mergedAssignments: [Assignment] {
    base
      + judge.placed.sorted { $0.key < $1.key }.flatMap { p in p.value.map { Assignment(cadre: $0, klass: p.key.klass) }
      }
  }

  /// The merged call-ups as a plan: analysed on the scenario like any plan
  /// (unmet obligations and their reasons, shortfalls, key figures,
  /// targets), hard rules settled as `Planning.plan` settles them, and its
  /// objective that of these call-ups, the hard rules shown impossible
  /// priced soft as a plan plans them.
  func mergedPlan() -> Plan {
    let merged = mergedAssignments
    let proven =
      scenario.policy.hasHardTargets ? ConflictFinder(scenario: scenario, year: year).provenConflicts() : []
    let objective = PlanObjective(formulation, soft: Set(proven.flatMap(\.rules))).value(merged)
    let analyzer = PlanAnalyzer(formulation: formulation, assignments: merged, held: Set(merged.map(\.klass)))
    var plan = analyzer.analyze(
      status: .feasible, objective: objective, bound: nil, seconds: 0, stats: nil, lpMet: nil, log: [],
      notPlanned: Planner.rulesNotPlanned(scenario))
    if scenario.policy.hasHardTargets { Planning.settleHardRules(&plan, proven: proven) }
    return plan
  }
}

extension NominationReviewer {
  /// The rows to review when a directory already holds a review: every new
  /// row, and the previous rows of the units that sent no new row (a unit
  /// by the id its rows resolve to, or as written when it does not
  /// resolve). `kept`: the units whose previous rows stay, by id or as written.
  public static func combine(
    previous: [NominationRow], new: [NominationRow], scenario s: Scenario
  ) -> (rows: [NominationRow], kept: [String]) {
    let resolver = NominationResolver(scenario: s, year: s.year, seats: [:])
    func unit(_ r: NominationRow) -> String {
      var ignored: [RowDefect] = []
      if let u = resolver.unit(r, &ignored) { return s.units[u].id.rawValue }
      return NominationResolver.key(r[.unit].isEmpty ? r[.unitName] : r[.unit])
    }
    let sending = Set(new.map(unit))
    let old = previous.filter { !sending.contains(unit($0)) }
    var kept: [String] = []
    for r in old where !kept.contains(unit(r)) { kept.append(unit(r)) }
    return (old + new, kept)
  }
}
