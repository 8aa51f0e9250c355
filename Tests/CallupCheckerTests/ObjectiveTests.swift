import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// Expects `value`, worked out by hand, to be the plan's objective: plan.json
/// giving it has no objective violation, and giving a figure 10⁻⁵ off has one.
func expectObjective(
  _ value: Double, scenario s: Scenario = Fixture.scenario(), plan: PlanFile = Fixture.plan(),
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  var p = plan
  p.objective = value
  p.bound = value
  p.gap = 0
  let ok = Fixture.check(scenario: s, plan: p, objective: true)
  #expect(
    ok.violations(of: "objective").isEmpty, "\(ok.violations(of: "objective"))", sourceLocation: sourceLocation)
  p.objective = value * (1 + 1e-5) + 1
  p.bound = p.objective
  let off = Fixture.check(scenario: s, plan: p, objective: true)
  #expect(off.violations(of: "objective").count == 1, sourceLocation: sourceLocation)
}

/// The objective of hand-made plans of the tiny city (``Fixture``), worked
/// out by hand from docs/contract.md ("The objective"), with the default
/// weights: an obligation 20,000 and 20,000 a year overdue, a unit-share
/// person 10,000, a quota person 10,000, a class of a class count 100,000.
@Suite struct ObjectiveTests {
  typealias F = Fixture
  typealias T = TargetFixture

  /// Met: P1 and P2's rotation (C1) cost nothing. Unmet: P2's systematic
  /// training, overdue 1 (2019 + 5 < 2025): 20,000 + 20,000. Held: C1,
  /// 1,000 + 2 × 100 a seat; C3, 50 a seat. 40,000 + 1,200 + 50.
  @Test func theValidPlan() {
    expectObjective(41_250)
    let report = F.check(objective: true)
    #expect(report.holds, "\(report.violations)")
    #expect(report.summary.contains { $0.hasPrefix("Objective: plan.json gives 41,250; recomputed") })
  }

  /// P1 left out of C1: its rotation obligation (none on record, overdue
  /// every = 1) costs 40,000, and its seat's 100 is saved.
  @Test func aMetObligationIsWorthItsValue() {
    let p = F.plan { p in p.assignments?.removeFirst() }
    expectObjective(41_250 + 40_000 - 100, plan: p)
  }

  /// Overdue 5 (last 2015): 20,000 + 5 × 20,000; overdue 19 counts as 10:
  /// 20,000 + 10 × 20,000. P2, a deputy, is a team member: priority 1.5.
  @Test func anUnmetOverdueObligationWeighsItsYearsAndItsPriority() {
    func scenario(last: Int, priority: Double?) -> Scenario {
      F.scenario { s in
        F.edit(&s.history, where: { $0.cadre == "P2" }) { $0.start = F.day("\(last)-04-01") }
        if let priority {
          s.policy.objective.priorities = [.init(who: Selector(leadership: [.team]), factor: priority)]
        }
      }
    }
    expectObjective(1_250 + 120_000, scenario: scenario(last: 2015, priority: nil))
    expectObjective(1_250 + 220_000, scenario: scenario(last: 2001, priority: nil))
    expectObjective(1_250 + 1.5 * 120_000, scenario: scenario(last: 2015, priority: 1.5))
  }

  /// P2 sent to C2: its systematic obligation is met, and C2 opens: 500
  /// once, 200 a seat.
  @Test func anOpenedClassCostsItsFixedCost() {
    let p = F.plan { p in p.assignments?.append(.init(cadre: "P2", classID: "C2")) }
    expectObjective(1_250 + 500 + 200, plan: p)
  }

  /// County leaders in rotation classes, 10 ± 15 %: lo 9, planned 3 (P1,
  /// P2, and P4 by history): 6 short. Hard: 10,000,000 each.
  @Test func aTargetShortCostsEachPersonMissing() {
    let soft = T.scenario([T.quota([T.rotationTarget()])])
    expectObjective(41_250 + 6 * 10_000, scenario: soft)
    let hard = T.scenario([T.quota([T.rotationTarget()], hard: true)])
    expectObjective(41_250 + 6 * 10_000_000, scenario: hard)
  }

  /// An infeasible plan naming the hard quota in a conflict: planned soft
  /// (10,000 a person) or hard (10,000,000), either is accepted.
  @Test func anInfeasiblePlansConflictingRuleMayBeSoftOrHard() {
    let hard = T.scenario([T.quota([T.rotationTarget()], hard: true)])
    let p = F.plan { p in
      p.status = "infeasible"
      p.conflicts = [T.conflict(["programmes"])]
    }
    expectObjective(41_250 + 6 * 10_000, scenario: hard, plan: p)
    expectObjective(41_250 + 6 * 10_000_000, scenario: hard, plan: p)
    var q = p
    q.objective = 41_250 + 6 * 10_000
    let report = F.check(scenario: hard, plan: q, objective: true)
    #expect(report.summary.contains { $0.contains("the hard rules programmes of its conflicts were planned soft") })
  }

  /// A conflict that says how its rule was planned is read that way only:
  /// `soft` at 10,000 a person, `hard` at 10,000,000; any other word is a
  /// violation of the conflict.
  @Test func aConflictsPlannedSaysHowItsRuleIsPriced() {
    let hard = T.scenario([T.quota([T.rotationTarget()], hard: true)])
    func plan(_ planned: String) -> PlanFile {
      F.plan { p in
        p.status = "infeasible"
        var c = T.conflict(["programmes"])
        c.planned = planned
        p.conflicts = [c]
      }
    }
    expectObjective(41_250 + 6 * 10_000, scenario: hard, plan: plan("soft"))
    expectObjective(41_250 + 6 * 10_000_000, scenario: hard, plan: plan("hard"))
    var p = plan("soft")
    p.objective = 41_250 + 6 * 10_000_000
    #expect(F.check(scenario: hard, plan: p, objective: true).violations(of: "objective").count == 1)
    p = plan("hard")
    p.objective = 41_250 + 6 * 10_000
    #expect(F.check(scenario: hard, plan: p, objective: true).violations(of: "objective").count == 1)
    let odd = F.check(scenario: hard, plan: plan("maybe"), objective: true)
    #expect(
      odd.violations(of: "conflict").contains { $0.message.contains("planned \"maybe\"; `planned` is soft or hard") })
  }

  /// At most 2 (count 2): B = 1 (P4 by history), S = 2 seats (P1, P2): 1 over.
  @Test func aQuotaOverCountsSeats() {
    let s = T.scenario([T.quota([T.rotationTarget(count: 2, tolerance: "0")])])
    expectObjective(41_250 + 10_000, scenario: s)
  }

  /// Women in rotation classes, at least the overall rate: `of` is the 5
  /// cadres, B(of) = 1 (P4), S(of) = 2 (C1); G = {P3}, none: 1/5 × 3 = 0.6
  /// seats short.
  @Test func aGroupShareCountsSeats() {
    let rule = GroupShareRule(
      info: RuleInfo(id: "women", type: "group-share"),
      groups: [ShareGroup(name: "女干部", who: Selector(gender: [.female]))],
      classes: ClassSelector(kinds: [.rotation]))
    let s = T.scenario([.groupShare(rule)]) { s in F.edit(&s.cadres, where: { $0.id == "P3" }) { $0.gender = .female } }
    expectObjective(41_250 + 0.6 * 10_000, scenario: s)
  }

  /// At least 3 classes (2 held) and 5 seats (3): 100,000 + 2 × 10,000.
  @Test func aClassCountShortCostsEachClassAndSeat() {
    let rule = ClassCountRule(info: RuleInfo(id: "classes", type: "class-count"), min: 3, minSeats: 5)
    expectObjective(41_250 + 100_000 + 20_000, scenario: T.scenario([.classCount(rule)]))
  }

  /// unit-fifth over systematic classes only: U1 (P1, P2) and U2 (P4) each
  /// send none of the one required.
  @Test func aUnitShareShortCostsEachPerson() {
    let s = F.scenario { s in
      F.edit(&s.policy.rules, where: { $0.id == "unit-fifth" }) {
        var r = F.unitFifth
        r.kinds = [.systematic]
        $0 = .unitShare(r)
      }
    }
    expectObjective(41_250 + 2 * 10_000, scenario: s)
  }

  /// Tiered: section cadres at province level, county at city. P3's seat in
  /// C3 (a city class, moved to R2) costs the mismatch 30 and the travel 7.
  @Test func tieredCostsAreSeatCosts() {
    let tiered = TieredRule(
      info: RuleInfo(id: "tiered", type: "tiered"), levels: [.county: .city, .section: .province], mismatchCost: 30,
      travelCost: 7)
    let s = F.scenario { s in
      s.policy.rules.append(.tiered(tiered))
      F.edit(&s.classes, where: { $0.id == "C3" }) { $0.region = "R2" }
    }
    expectObjective(41_250 + 37, scenario: s)
  }

  /// plan.json's objective 1 % off: refused, with both figures.
  @Test func anObjectiveOnePercentOffIsRefused() {
    let p = F.plan { $0.objective = 41_250 * 1.01 }
    let v = F.check(plan: p, objective: true).violations(of: "objective")
    #expect(v.count == 1)
    #expect(msg(v, 0).contains("plan.json gives objective 41,662.5, but the plan comes to 41,250"), "\(msg(v, 0))")
    #expect(msg(v, 0).contains("a difference of 412.5"))
    #expect(msg(v, 0).contains("unmet systematic-leaders obligations 40,000 (1)"))
    // Within 10⁻⁶ × 41,250: equal.
    #expect(F.check(plan: F.plan { $0.objective = 41_250.04 }, objective: true).violations(of: "objective").isEmpty)
  }

  /// A plan edited by hand (P3 moved from C3 to C4, nothing recomputed) is
  /// refused for its objective until the objective is its own: C4 costs
  /// nothing, C3's 50 is saved.
  @Test func aHandEditedPlanIsRefusedUntilItsObjectiveIsFixed() {
    var p = F.plan { p in p.assignments?[2] = .init(cadre: "P3", classID: "C4") }
    let v = F.check(plan: p, objective: true).violations(of: "objective")
    #expect(v.count == 1)
    #expect(msg(v, 0).contains("a difference of 50"), "\(msg(v, 0))")
    #expect(msg(v, 0).contains("41,200"))
    p.objective = 41_200
    #expect(F.check(plan: p, objective: true).violations(of: "objective").isEmpty)
  }

  /// hours-county (50 hours a year): P1 and P2 (C1, 40 hours, behind pace:
  /// nothing in 2024) are 10 short at 100 × 2 × 1.25; P4 (40 hours of
  /// history in 2025) has a pace of 10, none planned, at 100 × 2 × 1.05.
  /// Reported beside the objective, not in it.
  @Test func hoursRulesAreReportedBesideTheObjective() {
    let hours = HoursRule(
      info: RuleInfo(id: "hours-county", type: "hours"), who: Selector(ranks: [.county]), window: .years(1),
      minHours: 50)
    let s = F.scenario { $0.policy.rules.append(.hours(hours)) }
    expectObjective(41_250, scenario: s)
    let report = F.check(scenario: s, objective: true)
    #expect(report.summary.contains { $0.hasPrefix("Hours rules: the pace the plan leaves unmet is worth 7,100 ") })
  }

  /// Two years, rotation every 2: Q1 never trained, Q2–Q4 in 2024.
  /// 2025: Q1 due (met by R25); Q2–Q4 not due. The year asks for ceil(4 /
  /// 2) = 2, one more than the due: Q2 (the cycles end together in 2026,
  /// then by id) is early, and unseated costs 0.75 × 20,000. 2026: Q2–Q4
  /// due and met by R26; 3 due ≥ max(2, ceil(0.9 × 1)): none early.
  @Test func aRotationPlansEarlyObligations() {
    let rule = CycleRule(
      info: RuleInfo(id: "rotation-2", type: "cycle"), who: Selector(ranks: [.county]), kinds: [.rotation], every: 2)
    let ids = ["Q1", "Q2", "Q3", "Q4"]
    var s = Scenario(
      name: "early", year: 2025, horizon: 2, policy: Policy(name: "p", rules: [.cycle(rule), .release(F.release)]),
      units: [CallupDomain.Unit(id: "U1", name: "县委办", region: "R1", headcount: 40, maxAway: 3)],
      cadres: ids.map { Cadre(id: CadreID($0), name: "干部\($0)", unit: "U1", rank: .county) },
      classes: ["R25": "2025-04-01", "R26": "2026-04-01"].sorted { $0.key < $1.key }.map {
        TrainingClass(
          id: ClassID($0.key), name: $0.key, institution: "党校", region: "R1", kind: .rotation, start: F.day($0.value),
          days: 3, hours: 18)
      },
      history: ids.dropFirst().map {
        HistoryRecord(cadre: CadreID($0), kind: .rotation, start: F.day("2024-04-01"), days: 3, hours: 18)
      })
    s.reindex()
    let p = PlanFile(
      scenario: "early", year: 2025, horizon: 2, status: "feasible", objective: 15_000,
      classes: [.init(id: "R25", held: true, attendees: 1), .init(id: "R26", held: true, attendees: 3)],
      assignments: [.init(cadre: "Q1", classID: "R25", year: 2025)]
        + ids.dropFirst().map { .init(cadre: $0, classID: "R26", year: 2026) },
      unmet: [], unitShortfalls: [],
      kpis: ["due": 4, "met": 4, "overdue_due": 1, "overdue_met": 1, "classes_held": 2, "cost": 0])
    let checker = PlanChecker(scenario: s, checksObjective: true)
    var yearly = p
    yearly.rotation = [.init(year: 2025, objective: 15_000), .init(year: 2026, objective: 0)]
    let report = checker.check(plan: yearly, rosters: nil, notices: nil)
    #expect(report.holds, "\(report.violations)")
    #expect(report.summary.contains { $0.contains("each of the 2 years' objectives in `rotation` checked") })
    yearly.rotation?[1].objective = 20_000
    let v = checker.check(plan: yearly, rosters: nil, notices: nil).violations(of: "objective")
    #expect(msg(v, 0).hasPrefix("plan.json rotation[1] gives 2026's objective as 20,000, but"), "\(v)")
  }
}
