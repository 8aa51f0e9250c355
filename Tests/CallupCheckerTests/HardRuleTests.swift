import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// Each hard rule broken alone, in an otherwise valid plan.
@Suite struct HardRuleTests {
  typealias F = Fixture

  @Test func ineligibleRank() {
    let s = F.scenario { s in F.edit(&s.classes, where: { $0.id == "C3" }) { $0.ranks = [.county] } }
    let v = expectOnly("eligibility", in: F.check(scenario: s))
    #expect(v.first?.message.contains("P3 王五") == true)
    #expect(v.first?.message.contains("C3") == true)
    #expect(v.first?.message.contains("section") == true)
  }

  @Test func ineligibleTags() {
    let s = F.scenario { s in F.edit(&s.classes, where: { $0.id == "C3" }) { $0.tags = ["young"] } }
    let v = expectOnly("eligibility", in: F.check(scenario: s))
    #expect(v.first?.message.contains("young") == true)
    // With the tag the cadre is admitted.
    let tagged = F.scenario { s in
      F.edit(&s.classes, where: { $0.id == "C3" }) { $0.tags = ["young"] }
      F.edit(&s.cadres, where: { $0.id == "P3" }) { $0.tags = ["young", "grassroots"] }
    }
    #expect(F.check(scenario: tagged).holds)
  }

  @Test func unavailableOnOneClassDay() {
    let s = F.scenario { s in
      F.edit(&s.cadres, where: { $0.id == "P3" }) { $0.unavailable = [F.range("2025-09-03", "2025-09-10")] }
    }
    let v = expectOnly("availability", in: F.check(scenario: s))
    #expect(v.first?.message.contains("on 2025-09-03") == true)
    // A range ending the day before the class is fine.
    let before = F.scenario { s in
      F.edit(&s.cadres, where: { $0.id == "P3" }) { $0.unavailable = [F.range("2025-08-01", "2025-08-31")] }
    }
    #expect(F.check(scenario: before).holds)
  }

  @Test func underMinSize() {
    let s = F.scenario { s in F.edit(&s.classes, where: { $0.id == "C3" }) { $0.minSize = 2 } }
    let v = expectOnly("class-size", in: F.check(scenario: s))
    #expect(v.first?.message.contains("min_size 2") == true)
  }

  @Test func overCapacity() {
    let s = F.scenario { s in F.edit(&s.classes, where: { $0.id == "C1" }) { $0.capacity = 1 } }
    let v = expectOnly("class-size", in: F.check(scenario: s))
    #expect(v.first?.message.contains("capacity 1") == true)
  }

  @Test func overlapWithHistory() {
    let s = F.scenario { s in
      F.history(&s, HistoryRecord(cadre: "P3", kind: .special, start: F.day("2025-08-30"), days: 3, hours: 18))
    }
    let v = expectOnly("overlap", in: F.check(scenario: s))
    #expect(v.first?.message.contains("on 2025-09-01") == true)
    #expect(v.first?.message.contains("P3 王五") == true)
  }

  @Test func overlapBetweenPlannedClasses() {
    // P1 also in the online class C4, held the same days as C1.
    let p = F.plan { p in
      p.assignments?.append(.init(cadre: "P1", classID: "C4"))
      p.classes = p.classes?.map { $0.id == "C4" ? .init(id: "C4", held: true, attendees: 1) : $0 }
      p.kpis?["classes_held"] = 3
    }
    var rosters = F.rosters
    rosters.append(
      RosterRow(
        classID: "C4", className: "网络学习", start: "2025-03-03", end: "2025-03-07", cadre: "P1", name: "张三",
        unit: "U1", region: "R1", rank: "county"))
    var notices = F.notices
    notices.append(
      NoticeRow(
        unit: "U1", unitName: "财政局", cadre: "P1", name: "张三", classID: "C4", className: "网络学习",
        institution: "网院", start: "2025-03-03", end: "2025-03-07"))
    let v = expectOnly("overlap", in: F.check(plan: p, rosters: rosters, notices: notices))
    #expect(v.first?.message.contains("from 2025-03-03 to 2025-03-07") == true)
  }

  @Test func twoRotationClassesInOneYear() {
    // P1 had a rotation class in June 2025: not due for rotation any more
    // (due 2, met 1, overdue 2 and 1), and C1 is a second rotation in 2025.
    let s = F.scenario { s in
      F.history(&s, HistoryRecord(cadre: "P1", kind: .rotation, start: F.day("2025-06-01"), days: 2, hours: 12))
    }
    let p = F.plan { p in
      p.kpis?["due"] = 2
      p.kpis?["met"] = 1
      p.kpis?["overdue_due"] = 2
      p.kpis?["overdue_met"] = 1
    }
    let v = expectOnly("one-per-kind", in: F.check(scenario: s, plan: p))
    #expect(v.first?.message.contains("2 rotation classes in 2025") == true)
  }

  @Test func specialClassesAreExemptFromOnePerKind() {
    let s = F.scenario { s in
      F.history(&s, HistoryRecord(cadre: "P3", kind: .professional, start: F.day("2025-06-01"), days: 2, hours: 12))
    }
    expectOnly("one-per-kind", in: F.check(scenario: s))
    let special = F.scenario { s in
      F.edit(&s.classes, where: { $0.id == "C3" }) { $0.kind = .special }
      F.history(&s, HistoryRecord(cadre: "P3", kind: .special, start: F.day("2025-06-01"), days: 2, hours: 12))
    }
    #expect(F.check(scenario: special).holds)
  }

  @Test func moreOffTheJobClassesThanMaxPerYear() {
    let s = F.scenario { s in
      F.edit(&s.policy.rules, where: { if case .noDuplicate = $0 { true } else { false } }) {
        $0 = .noDuplicate(NoDuplicateRule(info: RuleInfo(id: "no-duplicate", type: "no-duplicate"), maxPerYear: 1))
      }
      F.history(&s, HistoryRecord(cadre: "P3", kind: .special, start: F.day("2025-02-01"), days: 1, hours: 6))
    }
    let v = expectOnly("max-per-year", in: F.check(scenario: s))
    #expect(v.first?.message.contains("2 off-the-job classes in 2025") == true)
    // An online training does not count.
    let online = F.scenario { s in
      F.edit(&s.policy.rules, where: { if case .noDuplicate = $0 { true } else { false } }) {
        $0 = .noDuplicate(NoDuplicateRule(info: RuleInfo(id: "no-duplicate", type: "no-duplicate"), maxPerYear: 1))
      }
      F.history(&s, HistoryRecord(cadre: "P3", kind: .online, start: F.day("2025-02-01"), days: 1, hours: 6))
    }
    #expect(F.check(scenario: online).holds)
  }

  @Test func themeWithinWindow() {
    let s = F.scenario { s in
      F.history(
        &s, HistoryRecord(cadre: "P3", kind: .reading, theme: "digital", start: F.day("2021-04-01"), days: 2, hours: 12)
      )
    }
    let v = expectOnly("theme", in: F.check(scenario: s))
    #expect(v.first?.message.contains("\"digital\"") == true)
    // Five years apart is outside a window of 5.
    let old = F.scenario { s in
      F.history(
        &s, HistoryRecord(cadre: "P3", kind: .reading, theme: "digital", start: F.day("2020-12-31"), days: 2, hours: 12)
      )
    }
    #expect(F.check(scenario: old).holds)
  }

  @Test func releaseLimitBreachedOnOneDayOnly() {
    // P3's one-day training on 03-07 makes three of U1 away with P1 and P2 in C1.
    let s = F.scenario { s in
      F.history(&s, HistoryRecord(cadre: "P3", kind: .special, start: F.day("2025-03-07"), days: 1, hours: 6))
    }
    let v = expectOnly("release-limit", in: F.check(scenario: s))
    let m = v.first?.message ?? ""
    #expect(m.contains("Unit U1 财政局 has 3 cadres away on 2025-03-07"))
    #expect(m.contains("limit 2"))
    #expect(m.contains("P3 王五"))
    #expect(!m.contains("2025-03-06"))
  }

  @Test func releaseLimitFromUnitOverride() {
    // U1 allows one away: C1 takes two on 03-03..03-07, reported once for the run.
    let s = F.scenario { s in F.edit(&s.units, where: { $0.id == "U1" }) { $0.maxAway = 1 } }
    let v = expectOnly("release-limit", in: F.check(scenario: s))
    #expect(v.first?.message.contains("from 2025-03-03 to 2025-03-07") == true)
    // A share of 0.1 of 10 is also 1.
    let share = F.scenario { s in F.edit(&s.units, where: { $0.id == "U1" }) { $0.maxAwayShare = ExactDecimal("0.1") } }
    expectOnly("release-limit", in: F.check(scenario: share))
    // Online classes do not take anyone away.
    let online = F.scenario { s in
      F.edit(&s.units, where: { $0.id == "U1" }) { $0.maxAway = 1 }
      F.edit(&s.classes, where: { $0.id == "C1" }) { $0.kind = .online }
      F.history(&s, HistoryRecord(cadre: "P1", kind: .rotation, start: F.day("2024-03-01"), days: 3, hours: 18))
    }
    // C1 no longer counts for annual-rotation nor unit-fifth: P1 and P2 unmet
    // (P1 overdue by 0 after its 2024 rotation), U1 short of 1.
    let p = F.plan { p in
      p.unmet = [
        .init(cadre: "P1", rule: "annual-rotation", year: 2025, reason: "capacity"),
        .init(cadre: "P2", rule: "annual-rotation", year: 2025, reason: "capacity"),
        .init(cadre: "P2", rule: "systematic-leaders", year: 2025, reason: "cost"),
      ]
      p.unitShortfalls = [
        .init(unit: "U1", rule: "unit-fifth", year: 2025, required: 1, planned: 0, reason: "capacity")
      ]
      p.kpis?["met"] = 0
      p.kpis?["overdue_due"] = 2
      p.kpis?["overdue_met"] = 0
    }
    #expect(F.check(scenario: online, plan: p).holds, "\(F.check(scenario: online, plan: p).violations)")
  }

  @Test func twoPrincipalsAway() {
    let s = F.scenario { s in F.edit(&s.cadres, where: { $0.id == "P2" }) { $0.leadership = .principal } }
    let v = expectOnly("principals", in: F.check(scenario: s))
    let m = v.first?.message ?? ""
    #expect(m.contains("Unit U1 财政局"))
    #expect(m.contains("from 2025-03-03 to 2025-03-07"))
    #expect(m.contains("P1 张三") && m.contains("P2 李四"))
  }
}
