import CallupDomain
import CallupPlan
import CallupRules

/// The objective of a finished plan of one year, as the contract defines
/// it and `callup check` recomputes it (docs/contract.md, The objective):
/// the value of every due (or early) obligation no seat meets, the weight
/// of every unit-share person missing, every seat's cost, every held
/// class's fixed cost and every target's distance from its range, with the
/// formulation's own values (`ObligationBook`, `TargetBook`,
/// `SeatCostRule.seatCost`). Hours rules add nothing; a seat planned for
/// class hours counts like any other.
///
/// Every path that writes a plan reports this figure of the plan it
/// writes (the whole model after its hours stage, blocks after their
/// exchange, every year of a rotation plan, a re-plan with its pins, a
/// review's merged plan); the solver keeps its own objective for its
/// search, which on a plan of the call-up model alone is the same number.
struct PlanObjective {
  let formulation: Formulation
  /// Hard rules planned soft (shown impossible before planning): their
  /// breaks cost their own weight, not `objective.hard_break`.
  let soft: Set<RuleID>

  init(_ formulation: Formulation, soft: Set<RuleID> = []) {
    self.formulation = formulation
    self.soft = soft
  }

  /// The objective's terms for a plan of these assignments (any year; those
  /// of the formulation's year count).
  struct Terms: Sendable {
    var obligations = 0.0
    var unitShares = 0.0
    var seats = 0.0
    var classes = 0.0
    var targets = 0.0
    var total: Double { obligations + unitShares + seats + classes + targets }
  }

  /// The plan's objective.
  func value(_ assignments: [Assignment]) -> Double { terms(assignments).total }

  func terms(_ assignments: [Assignment]) -> Terms {
    let f = formulation
    let s = f.scenario
    let seats = YearSeats(scenario: s, year: f.year, assignments: assignments.map { ($0.cadre, $0.klass) })
    var terms = Terms()
    terms.obligations = unmetValue(seats)
    terms.unitShares = unitShortfalls(seats)
    (terms.seats, terms.classes) = costs(seats)
    terms.targets = f.targetBook.objectiveCost(scenario: s, seats: seats, soft: soft)
    return terms
  }

  /// The value of every obligation of the year that no seat meets; a hard
  /// rule planned soft without its `hard_break`.
  func unmetValue(_ seats: YearSeats) -> Double {
    let f = formulation
    let s = f.scenario
    let rules = s.policy.cycleRules
    let hardBreak = s.policy.objective.hardBreak
    var total = 0.0
    for o in f.book.obligations {
      let rule = rules[o.rule]
      guard !seats.classesOf[o.cadre].contains(where: { rule.counts(s.classes[$0]) }) else { continue }
      total += rule.hard && !o.early && soft.contains(rule.info.id) ? o.value - hardBreak : o.value
    }
    return total
  }

  /// The weight of every person a unit-share requirement is still short.
  func unitShortfalls(_ seats: YearSeats) -> Double {
    let f = formulation
    let s = f.scenario
    let rules = s.policy.unitShareRules
    var total = 0.0
    for req in f.book.unitRequirements where req.need > 0 {
      let rule = rules[req.rule]
      let sent = req.members.filter { m in
        !req.alreadyTrained.contains(m) && seats.classesOf[m].contains { rule.kinds.contains(s.classes[$0].kind) }
      }.count
      total += Double(max(0, req.need - sent)) * (rule.weight ?? s.policy.objective.unitShare)
    }
    return total
  }

  /// Every seat's cost (travel and tier mismatch included) and every held
  /// class's fixed cost.
  func costs(_ seats: YearSeats) -> (seats: Double, classes: Double) {
    let s = formulation.scenario
    var seatCost = 0.0
    for (ci, list) in seats.classesOf.enumerated() where !list.isEmpty {
      let c = s.cadres[ci]
      let unit = s.unit(c.unit)
      for ki in list {
        seatCost += SeatCostRule.seatCost(cadre: c, unit: unit, klass: s.classes[ki], tiered: s.policy.tiered)
      }
    }
    let fixed = seats.attendees.indices.reduce(0.0) { $0 + (seats.attendees[$1] > 0 ? s.classes[$1].fixedCost : 0) }
    return (seatCost, fixed)
  }
}

extension Plan {
  /// The hard rules this plan planned soft: those its conflicts found
  /// impossible before planning.
  var rulesPlannedSoft: Set<RuleID> {
    Set(conflicts.filter { $0.planned == .soft }.flatMap(\.rules))
  }
}
