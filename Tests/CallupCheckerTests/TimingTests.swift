import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// Cycle rules with `window` and `by`: the timing narrows what counts, for
/// meeting an obligation and for the clock alike.
@Suite struct TimingTests {
  typealias F = Fixture

  static func md(_ s: String) -> MonthDay { MonthDay(s)! }

  static func rule(_ id: String, every: Int = 1, timing: Timing) -> Rule {
    .cycle(
      CycleRule(
        info: RuleInfo(id: RuleID(id), type: "cycle"), who: Selector(ranks: [.county]), kinds: [.rotation],
        every: every, timing: timing))
  }

  @Test func byDecidesWhetherAClassMeetsTheObligation() {
    // C1 runs 03-03..03-07: it ends after 03-05, so P1 and P2 stay unmet; H1 (P4, 01-10..01-14) counts in 2025.
    let early = F.scenario {
      $0.policy.rules.append(Self.rule("rotation-by-march", timing: Timing(by: Self.md("03-05"))))
    }
    let unmet = [
      PlanFile.Unmet(cadre: "P1", rule: "rotation-by-march", year: 2025, reason: "timing"),
      PlanFile.Unmet(cadre: "P2", rule: "rotation-by-march", year: 2025, reason: "timing"),
    ]
    let p = F.plan { p in
      p.unmet? += unmet
      p.kpis?["due"] = 5
      p.kpis?["overdue_due"] = 5
    }
    let r = F.check(scenario: early, plan: p)
    #expect(r.holds, "\(r.violations)")
    let v = expectOnly("unmet", count: 2, in: F.check(scenario: early, plan: F.plan { $0.kpis = p.kpis }))
    #expect(msg(v, 0).contains("P1 张三") && msg(v, 0).contains("rotation-by-march"))
    // Ending on the day itself is in time: C1 meets both.
    let onTime = F.scenario {
      $0.policy.rules.append(Self.rule("rotation-by-march", timing: Timing(by: Self.md("03-07"))))
    }
    let q = F.plan { p in
      p.kpis?["due"] = 5
      p.kpis?["met"] = 4
      p.kpis?["overdue_due"] = 5
      p.kpis?["overdue_met"] = 4
    }
    let s = F.check(scenario: onTime, plan: q)
    #expect(s.holds, "\(s.violations)")
  }

  @Test func windowNarrowsTheClock() {
    // Every 2 years, starting in March. P1's rotation of 2024-01 is outside the window: P1 is due and C1 meets it.
    // P2's of 2024-03 counts: not due. P4's H1 of 2025-01 does not: due, unmet.
    let s = F.scenario { s in
      s.policy.rules.append(
        Self.rule("biennial", every: 2, timing: Timing(window: (Self.md("03-01"), Self.md("03-31")))))
      s.history += [
        HistoryRecord(cadre: "P1", kind: .rotation, start: F.day("2024-01-15"), days: 5, hours: 40),
        HistoryRecord(cadre: "P2", kind: .rotation, start: F.day("2024-03-10"), days: 5, hours: 40),
      ]
    }
    // annual-rotation: P1 and P2 are now overdue by 0, so only P2's systematic obligation is overdue;
    // biennial adds P1 (met) and P4 (unmet), each overdue by 2.
    let kpis: [String: Double] = ["due": 5, "met": 3, "overdue_due": 3, "overdue_met": 1]
    let p = F.plan { p in
      p.unmet?.append(PlanFile.Unmet(cadre: "P4", rule: "biennial", year: 2025, reason: "timing"))
      for (k, v) in kpis { p.kpis?[k] = v }
    }
    let r = F.check(scenario: s, plan: p)
    #expect(r.holds, "\(r.violations)")
    #expect(r.summary.contains { $0.contains("5 due obligations, 3 met, 2 unmet") })
    // Read without the window, nobody would be due for biennial.
    let untimed = F.plan { p in
      for (k, v) in kpis { p.kpis?[k] = v }
      p.kpis?["due"] = 3
      p.kpis?["met"] = 2
      p.kpis?["overdue_due"] = 1
      p.kpis?["overdue_met"] = 0
    }
    let v = F.check(scenario: s, plan: untimed).violations
    #expect(v.map(\.rule) == ["unmet", "kpi", "kpi", "kpi", "kpi"], "\(v)")
    #expect(msg(v, 0).contains("P4 赵六") && msg(v, 0).contains("biennial"))
  }

  @Test func timingAtTheEdgesOfTheYear() {
    let spring = Timing(window: (Self.md("03-01"), Self.md("05-31")))
    #expect(Counting.inTime(spring, start: F.day("2025-03-01"), days: 90))
    #expect(Counting.inTime(spring, start: F.day("2025-05-31"), days: 5))
    #expect(!Counting.inTime(spring, start: F.day("2025-02-28"), days: 5))
    #expect(!Counting.inTime(spring, start: F.day("2025-06-01"), days: 1))
    let june = Timing(by: Self.md("06-30"))
    #expect(Counting.inTime(june, start: F.day("2025-06-26"), days: 5))
    #expect(!Counting.inTime(june, start: F.day("2025-06-27"), days: 5))
    // A class crossing into the next year ends after any `by` of its own year.
    #expect(!Counting.inTime(Timing(by: Self.md("12-31")), start: F.day("2025-12-30"), days: 3))
    // 29 February is 28 February in a common year.
    let leap = Timing(by: Self.md("02-29"))
    #expect(Counting.inTime(leap, start: F.day("2025-02-24"), days: 5))
    #expect(!Counting.inTime(leap, start: F.day("2025-02-25"), days: 5))
    #expect(Counting.inTime(leap, start: F.day("2024-02-25"), days: 5))
  }

  @Test func timingIsAnAcceptedReason() {
    #expect(PlanChecker.reasons.contains("timing"))
    let p = F.plan { $0.unmet = [.init(cadre: "P2", rule: "systematic-leaders", year: 2025, reason: "timing")] }
    #expect(F.check(plan: p).holds)
  }
}
