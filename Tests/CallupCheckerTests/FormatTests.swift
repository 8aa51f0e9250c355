import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// plan.json broken one way at a time.
@Suite struct FormatTests {
  typealias F = Fixture

  @Test func wrongAttendeesCount() {
    let p = F.plan { p in p.classes = p.classes?.map { $0.id == "C1" ? .init(id: "C1", held: true, attendees: 3) : $0 }
    }
    let v = expectOnly("format", in: F.check(plan: p))
    #expect(v.first?.message.contains("C1") == true)
    #expect(v.first?.message.contains("3 attendees, but 2 assignment(s)") == true)
  }

  @Test func heldMustMatchAttendees() {
    let p = F.plan { p in p.classes = p.classes?.map { $0.id == "C2" ? .init(id: "C2", held: true, attendees: 0) : $0 }
    }
    expectOnly("format", in: F.check(plan: p))
  }

  @Test func classListMissingADuplicatedAndAnOutsideClass() {
    let p = F.plan { p in
      p.classes = p.classes?.filter { $0.id != "C4" }
      p.classes?.append(.init(id: "C1", held: true, attendees: 2))
      p.classes?.append(.init(id: "C9", held: false, attendees: 0))
    }
    let v = expectOnly("format", count: 3, in: F.check(plan: p))
    #expect(v.contains { $0.message.contains("more than once") })
    #expect(v.contains { $0.message.contains("C9") && $0.message.contains("outside the planned years 2025") })
    #expect(v.contains { $0.message.contains("does not list class C4") })
  }

  @Test func wrongGap() {
    let v = expectOnly("format", in: F.check(plan: F.plan { $0.gap = 0.5 }))
    #expect(v.first?.message.contains("gap 0.5") == true)
    // Within the tolerance of 1e-6 the gap is right.
    #expect(F.check(plan: F.plan { $0.gap = 250.0 / 41250 + 5e-7 }).holds)
  }

  @Test func badStatus() {
    let v = expectOnly("format", in: F.check(plan: F.plan { $0.status = "solved" }))
    #expect(v.first?.message.contains("\"solved\"") == true)
  }

  @Test func optimalNeedsObjectiveBoundAndGap() {
    let p = F.plan { p in
      p.objective = nil
      p.bound = nil
      p.gap = nil
    }
    expectOnly("format", count: 3, in: F.check(plan: p))
    // A feasible plan needs only the objective.
    let feasible = F.plan { p in
      p.status = "feasible"
      p.bound = nil
      p.gap = nil
    }
    #expect(F.check(plan: feasible).holds)
    // An infeasible plan needs none of them (but names its conflicts).
    let infeasible = F.plan { p in
      p.status = "infeasible"
      p.objective = nil
      p.bound = nil
      p.gap = nil
      p.conflicts = [TargetFixture.conflict(["annual-rotation"])]
    }
    #expect(F.check(plan: infeasible).holds)
  }

  @Test func wrongScenarioYearAndHorizon() {
    let p = F.plan { p in
      p.scenario = "other"
      p.year = 2024
      p.horizon = 2
    }
    expectOnly("format", count: 3, in: F.check(plan: p))
  }

  @Test func assignmentsWithUnknownIdsRepeatsAndOutsideClasses() {
    let p = F.plan { p in
      p.assignments?.append(.init(cadre: "P1", classID: "C1"))
      p.assignments?.append(.init(cadre: "X9", classID: "C1"))
      p.assignments?.append(.init(cadre: "P3", classID: "C77"))
      p.assignments?.append(.init(cadre: "P1", classID: "C9"))
      p.assignments?.append(.init(cadre: "P3", classID: "C3", year: 2024))
    }
    // The repeat of P3 in C3 with a wrong year is reported twice: year and repeat.
    let v = expectOnly("format", count: 6, in: F.check(plan: p))
    #expect(v.contains { $0.message.contains("X9") })
    #expect(v.contains { $0.message.contains("C77") })
    #expect(v.contains { $0.message.contains("C9") })
    #expect(v.contains { $0.message.contains("gives year 2024") })
  }

  @Test func missingListsAndKPIs() {
    var p = F.plan()
    p.unitShortfalls = nil
    p.kpis = nil
    expectOnly("format", count: 2, in: F.check(plan: p))
  }

  @Test func noSolutionNeedsNoClassesNorAccounting() {
    let p = PlanFile(
      scenario: "tiny-city", year: 2025, horizon: 1, status: "no-solution", classes: [], assignments: [], unmet: [],
      unitShortfalls: [], kpis: nil)
    let report = F.check(plan: p, rosters: [], notices: [])
    #expect(report.holds, "\(report.violations)")
  }

  @Test func jsonWithWrongTypesIsReportedNotFatal() {
    let text = """
      { "scenario": "tiny-city", "year": "2025", "horizon": 1, "status": "optimal", "objective": 41250,
        "bound": 41000, "gap": 0.006060606060606061, "seconds": 0.1,
        "classes": [ {"id": "C1", "held": 1, "attendees": 2}, {"id": "C2", "held": false, "attendees": 0},
                     {"id": "C3", "held": true, "attendees": 1.5}, {"id": "C4", "held": false, "attendees": 0}, 7 ],
        "assignments": [ {"cadre": "P1", "class": "C1"}, {"cadre": "P2", "class": "C1"}, {"cadre": "P3", "class": "C3"} ],
        "unmet": [ {"cadre": "P2", "rule": "systematic-leaders", "year": 2025, "reason": "cost"} ],
        "unit_shortfalls": {},
        "kpis": { "due": 3, "met": 2, "overdue_due": 3, "overdue_met": 2, "classes_held": 2, "cost": "1250" } }
      """
    let plan = PlanFile.parse(Data(text.utf8))
    #expect(plan.year == nil)
    #expect(plan.classes?.count == 4)
    let report = F.check(plan: plan)
    // year, held, attendees, the entry 7, unit_shortfalls and kpis.cost: six, each once.
    let v = expectOnly("format", count: 6, in: report)
    #expect(v.contains { $0.message.contains("`year` is \"2025\", not a whole number") })
    #expect(v.contains { $0.message.contains("`classes[2].attendees` is 1.5") })
    #expect(v.contains { $0.message.contains("`classes[4]` is 7, not an object") })
  }

  @Test func textThatIsNotJSON() {
    let plan = PlanFile.parse(Data("{ \"status\": ".utf8))
    let v = expectOnly("format", in: F.check(plan: plan))
    #expect(v.first?.message.contains("not valid JSON") == true)
    let array = PlanFile.parse(Data("[1, 2]".utf8))
    expectOnly("format", in: F.check(plan: array))
  }

  @Test func repeatedViolationsAreCappedPerRule() {
    let p = F.plan { p in
      for i in 0..<60 { p.assignments?.append(.init(cadre: "X\(i)", classID: "C1")) }
    }
    let report = F.check(plan: p)
    #expect(report.violations.count == 51)
    #expect(report.omitted["format"] == 10)
    #expect(report.violations.last?.message.contains("10 more format violations") == true)
    #expect(report.summary.last == "Result: 60 violations (format 60).")
  }
}
