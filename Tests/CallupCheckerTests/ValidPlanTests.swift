import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

@Suite struct ValidPlanTests {
  @Test func theValidPlanHolds() {
    let report = Fixture.check(objective: true)
    #expect(report.violations.isEmpty, "\(report.violations.map(\.description))")
    #expect(report.holds)
    #expect(report.summary.contains { $0.contains("3 due obligations, 2 met, 1 unmet") })
    #expect(report.summary.last == "Result: the plan holds.")
  }

  @Test func peakShareOnPlannedDaysOnlyIsAlsoAccepted() {
    // U1 has 2 of 10 away on the days of C1: 0.2.
    let report = Fixture.check(plan: Fixture.plan { $0.kpis?["peak_unit_away_share"] = 0.2 })
    #expect(report.holds, "\(report.violations)")
  }

  @Test func aValidPlanDirectoryHolds() throws {
    let dir = try Fixture.writePlanDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = PlanChecker(scenario: Fixture.scenario()).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
  }

  @Test func commasQuotesAndABOMAreReadBack() throws {
    let s = Fixture.scenario { s in
      Fixture.edit(&s.classes, where: { $0.id == "C1" }) { $0.name = "县处级干部轮训班, 第一期 \"春季\"" }
    }
    var rosters = Fixture.rosters
    var notices = Fixture.notices
    Fixture.edit(&rosters, where: { $0.classID == "C1" }) { $0.className = "县处级干部轮训班, 第一期 \"春季\"" }
    Fixture.edit(&notices, where: { $0.classID == "C1" }) { $0.className = "县处级干部轮训班, 第一期 \"春季\"" }
    let dir = try Fixture.writePlanDirectory(
      rosters: Fixture.rostersCSV(rosters), notices: Fixture.noticesCSV(notices), bom: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
  }

  @Test func noDuplicateAndReleaseDefaultsApplyWithoutTheirRules() {
    let s = Fixture.scenario { s in
      s.policy.rules.removeAll {
        if case .release = $0 { return true }
        if case .noDuplicate = $0 { return true }
        return false
      }
    }
    #expect(Fixture.check(scenario: s).holds)
    // A theme 4 years back breaks the default window of 5.
    let themed = Fixture.scenario { s in
      s.policy = Fixture.scenario().policy
      s.policy.rules.removeAll { if case .noDuplicate = $0 { true } else { false } }
      Fixture.history(
        &s,
        HistoryRecord(
          cadre: "P3", kind: .reading, theme: "digital", start: Fixture.day("2021-04-01"), days: 2, hours: 12))
    }
    expectOnly("theme", in: Fixture.check(scenario: themed))
    // Three away in U1 on one day breaks the default limit of 2.
    let crowded = Fixture.scenario { s in
      s.policy.rules.removeAll { if case .release = $0 { true } else { false } }
      Fixture.history(
        &s, HistoryRecord(cadre: "P3", kind: .special, start: Fixture.day("2025-03-07"), days: 1, hours: 6))
    }
    expectOnly(
      "release-limit",
      in: Fixture.check(scenario: crowded, plan: Fixture.plan { $0.kpis?["peak_unit_away_share"] = nil }))
  }

  @Test func rulesTheCheckerCannotCheckAreNamedInTheSummary() {
    let s = Fixture.scenario { s in
      s.policy.rules.append(.other(OtherRule(info: RuleInfo(id: "programme-quota", type: "quota"))))
      s.policy.rules.append(
        .hours(
          HoursRule(info: RuleInfo(id: "hours-leaders", type: "hours"), who: Selector(), window: .period, minHours: 550)
        ))
    }
    let report = Fixture.check(scenario: s)
    #expect(report.holds)
    #expect(report.summary.contains { $0.contains("programme-quota of type quota: not known to the checker") })
    #expect(report.summary.contains { $0.contains("hours-leaders (hours): not checked") })
    #expect(CheckViolation(rule: "kpi", message: "x.").description == "[kpi] x.")
  }
}
