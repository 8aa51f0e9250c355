import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// unmet, unit_shortfalls and kpis, recomputed and compared.
@Suite struct AccountingTests {
  typealias F = Fixture

  @Test func missingUnmetEntry() {
    let v = expectOnly("unmet", in: F.check(plan: F.plan { $0.unmet = [] }))
    let m = v.first?.message ?? ""
    #expect(m.contains("P2 李四 (unit U1 财政局) is due for systematic-leaders in 2025"))
    #expect(m.contains("last counting training 2019, overdue by 1 year"))
  }

  @Test func extraUnmetEntryThatIsMet() {
    let p = F.plan { $0.unmet?.append(.init(cadre: "P1", rule: "annual-rotation", year: 2025, reason: "capacity")) }
    let v = expectOnly("unmet", in: F.check(plan: p))
    #expect(v.first?.message.contains("meets it with class C1") == true)
  }

  @Test func extraUnmetEntryThatIsNotDue() {
    // P4 trained in rotation in 2025 (history): not due.
    let p = F.plan { $0.unmet?.append(.init(cadre: "P4", rule: "annual-rotation", year: 2025, reason: "capacity")) }
    let v = expectOnly("unmet", in: F.check(plan: p))
    #expect(v.first?.message.contains("not due in 2025") == true)
    // P3 is not matched by `who`; P1 is not due for systematic (2022).
    let q = F.plan { p in
      p.unmet?.append(.init(cadre: "P3", rule: "annual-rotation", year: 2025, reason: "eligibility"))
      p.unmet?.append(.init(cadre: "P1", rule: "systematic-leaders", year: 2025, reason: "capacity"))
    }
    let w = expectOnly("unmet", count: 2, in: F.check(plan: q))
    #expect(w[0].message.contains("`who` does not match"))
    #expect(w[1].message.contains("last counting training started in 2022"))
  }

  @Test func unmetReasonOutsideTheSet() {
    let p = F.plan { $0.unmet = [.init(cadre: "P2", rule: "systematic-leaders", year: 2025, reason: "budget")] }
    let v = expectOnly("unmet", in: F.check(plan: p))
    #expect(v.first?.message.contains("\"budget\"") == true)
  }

  @Test func unmetOnUnknownOrNonCycleRule() {
    let p = F.plan { p in
      p.unmet?.append(.init(cadre: "P3", rule: "no-such-rule", year: 2025, reason: "cost"))
      p.unmet?.append(.init(cadre: "P3", rule: "unit-fifth", year: 2025, reason: "cost"))
    }
    expectOnly("unmet", count: 2, in: F.check(plan: p))
  }

  @Test func minDaysDecidesWhatCounts() {
    // A 3-day systematic class in 2023 does not count for min_days 5: P4 is due.
    let s = F.scenario { s in
      F.edit(&s.history, where: { $0.cadre == "P4" && $0.kind == .systematic }) { $0.days = 3 }
    }
    let v = expectOnly(
      "unmet", count: 1,
      in: F.check(
        scenario: s,
        plan: F.plan { p in
          p.kpis?["due"] = 4
          p.kpis?["overdue_due"] = 4
        }))
    #expect(v.first?.message.contains("P4 赵六") == true)
    #expect(v.first?.message.contains("no counting training on record, overdue by 5 years") == true)
  }

  @Test func wrongKPI() {
    let v = expectOnly("kpi", in: F.check(plan: F.plan { $0.kpis?["cost"] = 1300 }))
    #expect(v.first?.message.contains("1250") == true)
    // Within 0.5 the cost is right.
    let close = F.check(plan: F.plan { $0.kpis?["cost"] = 1250.4 })
    #expect(close.holds)
  }

  @Test func everyCountingKPIIsRecomputed() {
    let p = F.plan { p in
      p.kpis?["due"] = 4
      p.kpis?["met"] = 3
      p.kpis?["overdue_due"] = 2
      p.kpis?["overdue_met"] = 1
      p.kpis?["classes_held"] = 3
      p.kpis?["peak_unit_away_share"] = 0.3
    }
    expectOnly("kpi", count: 6, in: F.check(plan: p))
  }

  @Test func requiredKPIsMustBePresent() {
    let p = F.plan { p in
      p.kpis?["overdue_met"] = nil
      p.kpis?["peak_unit_away_share"] = nil
    }
    let v = expectOnly("kpi", in: F.check(plan: p))
    #expect(v.first?.message.contains("overdue_met") == true)
  }

  @Test func tieredCostsMayBeInTheCost() {
    // P3's seat in C3 is at a university of level city while sections are
    // county-trained: one mismatch of 30. Every unit is in R1 as C1, C3.
    let s = F.scenario { s in
      s.policy.rules.append(
        .tiered(TieredRule(info: RuleInfo(id: "tiered", type: "tiered"), levels: [.section: .county], mismatchCost: 30))
      )
    }
    #expect(F.check(scenario: s).holds)
    let withTiered = F.check(scenario: s, plan: F.plan { $0.kpis?["cost"] = 1280 })
    #expect(withTiered.holds)
    expectOnly("kpi", in: F.check(scenario: s, plan: F.plan { $0.kpis?["cost"] = 1265 }))
  }

  // MARK: Unit shares

  /// unit-fifth counting systematic only: U1 needs 1 of P1, P2 and has 0
  /// (C2 not held); U2 needs 1 of P4 and has 0 (its 2025 history is rotation).
  static func systematicShare() -> Scenario {
    F.scenario { s in
      F.edit(&s.policy.rules, where: { $0.id == "unit-fifth" }) {
        var r = F.unitFifth
        r.kinds = [.systematic]
        $0 = .unitShare(r)
      }
    }
  }

  static let shortfalls: [PlanFile.Shortfall] = [
    .init(unit: "U1", rule: "unit-fifth", year: 2025, required: 1, planned: 0, reason: "cost"),
    .init(unit: "U2", rule: "unit-fifth", year: 2025, required: 1, planned: 0, reason: "capacity"),
  ]

  @Test func shortfallsListedExactlyHold() {
    let report = F.check(scenario: Self.systematicShare(), plan: F.plan { $0.unitShortfalls = Self.shortfalls })
    #expect(report.holds, "\(report.violations)")
  }

  @Test func missingShortfalls() {
    let v = expectOnly("unit-shortfall", count: 2, in: F.check(scenario: Self.systematicShare()))
    #expect(v[0].message.contains("Unit U1 财政局 sends 0 of 2"))
    #expect(v[1].message.contains("Unit U2 教育局 sends 0 of 1"))
  }

  @Test func wrongShortfallNumbersAndReason() {
    let p = F.plan { p in
      p.unitShortfalls = Self.shortfalls
      p.unitShortfalls?[0].required = 2
      p.unitShortfalls?[1].planned = 1
      p.unitShortfalls?[1].reason = "weather"
    }
    expectOnly("unit-shortfall", count: 3, in: F.check(scenario: Self.systematicShare(), plan: p))
  }

  @Test func extraShortfallOfAMetRequirement() {
    let p = F.plan {
      $0.unitShortfalls = [.init(unit: "U1", rule: "unit-fifth", year: 2025, required: 1, planned: 0, reason: "cost")]
    }
    let v = expectOnly("unit-shortfall", in: F.check(plan: p))
    #expect(v.first?.message.contains("2 of its 2 matched cadres attend") == true)
  }

  @Test func sharesAreExactDecimals() {
    // 0.28 × 25 = 7 exactly: ceil gives 7, not 8.
    #expect(ExactDecimal("0.28")!.ceil(times: 25) == 7)
    // 0.34 of U1's two team members: ceil(0.68) = 1, met by C1.
    let s = F.scenario { s in
      F.edit(&s.policy.rules, where: { $0.id == "unit-fifth" }) {
        var r = F.unitFifth
        r.share = ExactDecimal("1")!
        $0 = .unitShare(r)
      }
    }
    #expect(F.check(scenario: s).holds)
  }
}

/// A two-year rotation plan: accounting carries from one planned year to the next.
///
/// Q1 and Q2 (county, no history) under a rotation rule every 2 years;
/// R25 (2025) and R26 (2026). Plan: Q1 → R25, Q2 → R26.
/// - 2025: Q1 due (overdue 2), met; Q2 due (overdue 2), unmet.
/// - 2026: Q1 not due (trained 2025 > 2026 − 2); Q2 due (overdue 2), met.
/// - due 3, met 2, overdue_due 3, overdue_met 2, classes_held 2, cost 0.
@Suite struct HorizonTests {
  static func scenario() -> Scenario {
    let rule = CycleRule(
      info: RuleInfo(id: "rotation-2", type: "cycle"), who: Selector(ranks: [.county]), kinds: [.rotation], every: 2)
    return Scenario(
      name: "two-years", year: 2025, horizon: 2, policy: Policy(name: "p", rules: [.cycle(rule)]),
      units: [CallupDomain.Unit(id: "U1", name: "县委办", region: "R1", headcount: 10)],
      cadres: [
        Cadre(id: "Q1", name: "孙一", unit: "U1", rank: .county),
        Cadre(id: "Q2", name: "孙二", unit: "U1", rank: .county),
      ],
      classes: [
        TrainingClass(
          id: "R25", name: "轮训25", institution: "党校", region: "R1", kind: .rotation,
          start: Fixture.day("2025-04-01"), days: 3, hours: 18),
        TrainingClass(
          id: "R26", name: "轮训26", institution: "党校", region: "R1", kind: .rotation,
          start: Fixture.day("2026-04-01"), days: 3, hours: 18),
      ])
  }

  static func plan(_ change: (inout PlanFile) -> Void = { _ in }) -> PlanFile {
    var p = PlanFile(
      scenario: "two-years", year: 2025, horizon: 2, status: "feasible", objective: 60_000,
      classes: [.init(id: "R25", held: true, attendees: 1), .init(id: "R26", held: true, attendees: 1)],
      assignments: [.init(cadre: "Q1", classID: "R25", year: 2025), .init(cadre: "Q2", classID: "R26", year: 2026)],
      unmet: [.init(cadre: "Q2", rule: "rotation-2", year: 2025, reason: "capacity")],
      unitShortfalls: [],
      kpis: ["due": 3, "met": 2, "overdue_due": 3, "overdue_met": 2, "classes_held": 2, "cost": 0])
    change(&p)
    return p
  }

  /// The objective is compared only with `objective: true` (as `Fixture.check`).
  static func check(_ p: PlanFile, objective: Bool = false) -> CheckReport {
    PlanChecker(scenario: scenario(), checksObjective: objective).check(plan: p, rosters: nil, notices: nil)
  }

  /// 2025: Q2's obligation, overdue 2, is unmet: 20,000 + 2 × 20,000.
  @Test func validTwoYearPlanHolds() {
    let r = Self.check(Self.plan(), objective: true)
    #expect(r.holds, "\(r.violations)")
  }

  @Test func assignmentsAndUnmetNeedTheirYear() {
    let p = Self.plan { p in
      p.assignments?[1].year = nil
      p.unmet?[0].year = nil
    }
    expectOnly("format", count: 2, in: Self.check(p))
  }

  @Test func aClassOfAnEarlierPlanYearCounts() {
    let p = Self.plan { $0.unmet?.append(.init(cadre: "Q1", rule: "rotation-2", year: 2026, reason: "capacity")) }
    let v = expectOnly("unmet", in: Self.check(p))
    #expect(v.first?.message.contains("started in 2025") == true)
  }

  @Test func withoutAnyClassBothAreDueBothYears() {
    let p = Self.plan { p in
      p.classes = [.init(id: "R25", held: false, attendees: 0), .init(id: "R26", held: false, attendees: 0)]
      p.assignments = []
      p.unmet = [
        .init(cadre: "Q1", rule: "rotation-2", year: 2025, reason: "cost"),
        .init(cadre: "Q2", rule: "rotation-2", year: 2025, reason: "cost"),
        .init(cadre: "Q1", rule: "rotation-2", year: 2026, reason: "cost"),
        .init(cadre: "Q2", rule: "rotation-2", year: 2026, reason: "cost"),
      ]
      p.kpis = ["due": 4, "met": 0, "overdue_due": 4, "overdue_met": 0, "classes_held": 0, "cost": 0]
      p.objective = 4 * 60_000
    }
    let r = Self.check(p, objective: true)
    #expect(r.holds, "\(r.violations)")
  }
}
