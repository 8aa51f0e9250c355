import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// The bundled tiny scenario against the outcome worked out by hand in
/// scenarios/tiny/README.md.
@Suite("tiny: the plan a planner works out by hand")
struct TinyScenarioTests {
  let plan: Plan
  let report: CheckReport
  let directory: URL

  init() throws {
    (plan, report, directory) = try Bundled.planAndCheck(try Bundled.scenario("tiny"))
  }

  @Test func theIndependentCheckerAccepts() {
    #expect(report.holds, "\(report.violations)")
  }

  @Test func provenOptimal() {
    #expect(plan.status == .optimal)
    #expect(plan.gap.map { $0 <= 0.005 } == true)
  }

  @Test func figures() {
    #expect(plan.kpis.due == 24)
    #expect(plan.kpis.met == 17)
    #expect(plan.kpis.overdueDue == 7)
    #expect(plan.kpis.overdueMet == 4)
    let held = Set(plan.held.map { plan.scenario.classes[$0].id.rawValue })
    #expect(held == ["C01", "C02", "C03", "C04", "C05", "C06", "C07"])
  }

  @Test func everyUnmetObligationHasTheHandWorkedReason() {
    #expect(
      plan.unmetReasons == [
        "P01/annual-professional": "eligibility",
        "P02/annual-professional": "eligibility",
        "P05/annual-professional": "release-limit",
        "P08/systematic-leaders": "capacity",
        "P09/annual-professional": "duplicate",
        "P12/township-heads": "unavailable",
        "P13/new-initial": "class-not-held",
      ])
  }

  @Test func makeUpFirstAndTheSpecialClasses() {
    let p = plan.pairs
    #expect(p.contains("P07→C03"))  // overdue beats just-due P08 for the one seat
    #expect(p.contains("P03→C04"))  // the young cadres' class
    #expect(p.contains("P06→C05"))  // overdue P06 before P05 (unit U2 releases one)
    #expect(!p.contains("P05→C05"))
    #expect(p.contains("P10→C07"))
    #expect(p.contains("P11→C06"))
    #expect(!p.contains(where: { $0.hasPrefix("P04→C0") && ($0.hasSuffix("C01") || $0.hasSuffix("C02")) }))
  }

  @Test func twoPrincipalsNeverTogether() {
    let p = plan.pairs
    let p01 = p.filter { $0.hasPrefix("P01→") }, p02 = p.filter { $0.hasPrefix("P02→") }
    #expect(p01.count == 1 && p02.count == 1)
    #expect(p01.first!.suffix(3) != p02.first!.suffix(3))
    let p05 = p.filter { $0.hasPrefix("P05→") }, p06 = p.filter { $0.hasPrefix("P06→C0") && !$0.hasSuffix("C05") }
    #expect(p05.count == 1 && p06.count == 1 && p05.first!.suffix(3) != p06.first!.suffix(3))
  }

  @Test func filesFollowTheContract() throws {
    let rosters = try String(contentsOf: directory.appendingPathComponent("rosters.csv"), encoding: .utf8)
    #expect(rosters.hasPrefix("class,class_name,start,end,cadre,name,unit,region,rank\n"))
    #expect(rosters.split(separator: "\n").count == plan.assignments.count + 1)
    let notices = try String(contentsOf: directory.appendingPathComponent("notices.csv"), encoding: .utf8)
    #expect(notices.hasPrefix("unit,unit_name,cadre,name,class,class_name,institution,start,end\n"))
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("plan.json")))
    let object = try #require(json as? [String: Any])
    for key in [
      "scenario", "year", "horizon", "status", "objective", "bound", "gap", "seconds", "classes", "assignments",
      "unmet", "unit_shortfalls", "kpis",
    ] {
      #expect(object[key] != nil, "plan.json lacks \(key)")
    }
    let classes = try #require(object["classes"] as? [[String: Any]])
    #expect(classes.count == 8)
    let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("<h2 id=\"unmet\">"))
    #expect(!html.contains("<script"))
  }

  @Test func namedMakeUpListMostOverdueFirst() throws {
    let text = try String(contentsOf: directory.appendingPathComponent("makeup.csv"), encoding: .utf8)
    let rows = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(
      rows[0] == [
        "cadre", "name", "unit", "unit_name", "rank", "rule", "last_year", "years_overdue", "class", "class_name",
        "start", "reason",
      ])
    // The 7 overdue obligations of the hand-worked outcome, most overdue first.
    #expect(
      rows.dropFirst().map { "\($0[0]) \($0[5]) \($0[7]) \($0[8])\($0[11])" } == [
        "P03 systematic-leaders 5 C04", "P12 township-heads 2 unavailable", "P06 annual-professional 1 C05",
        "P07 systematic-leaders 1 C03", "P09 annual-professional 1 duplicate", "P10 new-appointee 1 C07",
        "P13 new-initial 1 class-not-held",
      ])
  }

  @Test func sameInputsSamePlan() throws {
    let s = try Bundled.scenario("tiny")
    let again = try Planning.plan(PlanRequest(scenario: s, timeLimit: 60, mipGap: s.solver.mipGap))
    var a = PlanWriter.planJSON(plan).rendered()
    var b = PlanWriter.planJSON(again).rendered()
    for i in [0, 1] {
      var t = i == 0 ? a : b
      if let r = t.range(of: #""seconds": [0-9.]+"#, options: .regularExpression) { t.replaceSubrange(r, with: "") }
      if i == 0 { a = t } else { b = t }
    }
    #expect(a == b)
    #expect(PlanWriter.rosters(plan) == PlanWriter.rosters(again))
  }
}
