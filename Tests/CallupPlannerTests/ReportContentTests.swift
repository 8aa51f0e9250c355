import CallupDomain
import Foundation
import Testing

import CallupPlan
@testable import CallupReports
@testable import CallupSolve

/// report.html's content on the tiny plan, whose figures are worked out by hand.
@Suite("report.html content")
struct ReportContentTests {
  @Test func selfContainedWithEveryChart() throws {
    let t = try Tiny.get()
    for language in ReportLanguage.allCases {
      let html = ReportHTML(plan: t.plan, language: language).render()
      #expect(!html.contains("<script"))
      #expect(!html.contains("src="))
      #expect(!html.contains("<link"))
      // tiny's policy has no targets: no targets chart (TargetReportTests has one).
      #expect(t.plan.targets.isEmpty && !html.contains("<svg id=\"chart-targets\""))
      for id in ReportHTML.chartIDs where id != "chart-targets" { #expect(html.contains("<svg id=\"\(id)\"")) }
    }
  }

  /// The hours table: one row per rule and rank, the figures of plan.hours.
  @Test func hoursOnTrackByRank() throws {
    let t = try Tiny.get()
    #expect(!t.plan.hours.isEmpty)
    let html = ReportHTML(plan: t.plan, language: .english).render()
    let start = try #require(html.range(of: "id=\"hours\"")).upperBound
    let end = try #require(html.range(of: "id=\"cost\"")).lowerBound
    let rows = Array(html[start..<end].components(separatedBy: "<tr><td>").dropFirst())
    #expect(rows.count == t.plan.hours.count)
    for (row, h) in zip(rows, t.plan.hours) {
      #expect(
        row.hasPrefix(
          "\(h.ruleID)</td><td>\(h.rank.rawValue)</td><td class=\"n\">\(h.cadres)</td><td class=\"n\">\(h.onTrackBefore)</td><td class=\"n\">\(h.onTrack)"
        ))
    }
    #expect(html.contains("<a href=\"#hours\">Hours</a>"))
  }

  @Test func makeUpListIsMostOverdueFirst() throws {
    let t = try Tiny.get()
    let html = ReportHTML(plan: t.plan).render()
    let list = try #require(html.range(of: "id=\"make-up\"")).upperBound
    let end = try #require(html.range(of: "id=\"unmet\"")).lowerBound
    let rows = html[list..<end].components(separatedBy: "<tr><td>").dropFirst().map { String($0.prefix(3)) }
    // tiny's overdue obligations (README): P03 systematic (5), P12 township (2), P07 systematic (1),
    // P06 and P09 professional (1), P10 appointment (1), P13 initial (1).
    #expect(rows == ["P03", "P12", "P06", "P07", "P09", "P10", "P13"])
    #expect(html.contains("超期未训的应训任务 7 项，已安排 4 项，未安排 3 项"))
  }

  @Test func coverageAndCostFigures() throws {
    let t = try Tiny.get()
    let facts = ReportFacts(plan: t.plan)
    let ranks = facts.coverageByRank(chinese: false)
    #expect(ranks.map(\.key) == ["bureau", "county", "section", "staff"])
    #expect(ranks.reduce(0) { $0 + $1.due } == 24)
    #expect(ranks.reduce(0) { $0 + $1.met } == 17)
    // Bureau: P01, P02 each owe rotation and professional; professional is unmet (eligibility).
    #expect(ranks[0].due == 4 && ranks[0].met == 2)
    let cost = facts.costSplit()
    #expect(cost.seats + cost.fixed == t.plan.kpis.cost)
    #expect(cost.travel + cost.tier == t.plan.kpis.travelCost)
    // The one-seat provincial class (chengdu) is outside the cadres' region.
    #expect(cost.travel > 0)
  }

  @Test func absenceCountsPlanAndHistory() throws {
    let t = try Tiny.get()
    let facts = ReportFacts(plan: t.plan)
    let s = t.scenario
    let u2 = try #require(s.unitIndex["U2"])
    // U2 (headcount 3): P06 in C05 from 2025-06-16; nobody else away that week.
    let c05 = try #require(s.trainingClass("C05"))
    let day = facts.yearStart.distance(to: c05.start)
    #expect(facts.awayPerDay[u2][day] == 1)
    #expect(facts.weeklyShare(unit: u2)[day / 7] == 1.0 / 3.0)
    // U1's P04 was at a rotation class from 2025-01-06 (history): week 1 shows it.
    let u1 = try #require(s.unitIndex["U1"])
    #expect(facts.weeklyShare(unit: u1)[0] == 1.0 / 40.0)
  }

  @Test func longTablesAreCapped() throws {
    let t = try Tiny.get()
    var plan = t.plan
    let one = try #require(plan.unmet.first)
    plan.unmet = Array(repeating: one, count: ReportHTML.rowCap + 100)
    let html = ReportHTML(plan: plan, language: .english).render()
    let start = try #require(html.range(of: "<h3>Details</h3>")).upperBound
    let end = try #require(html.range(of: "id=\"shortfalls\"")).lowerBound
    let details = html[start..<end]
    #expect(details.components(separatedBy: "<tr><td>").count - 1 == ReportHTML.rowCap)
    #expect(details.contains("Only the first 500 of 600 rows are listed"))
  }
}
