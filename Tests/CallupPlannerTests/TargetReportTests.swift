import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// Targets and conflicts where planners look: report.html, the console
/// summary's lines, plan.json read back. The plans are tiny's with call-ups set by
/// hand and targets counted as the planner counts them, so the figures are
/// worked out here, whatever the solver prefers.
@Suite("targets and conflicts in the report and the summary")
struct TargetReportTests {
  /// tiny's policy without its targets, plus `test-quota` (county cadres in
  /// rotation, exactly 5; county cadres in professional classes, at least 4)
  /// and `test-count` (hard: 1 to 2 rotation classes, at least 10 seats).
  static func scenario() throws -> Scenario {
    var s = try Tiny.get().scenario
    var rules = s.policy.rules.filter { r in
      switch r {
      case .quota, .groupShare, .classCount: false
      default: true
      }
    }
    let county = Selector(ranks: [.county])
    rules.append(
      .quota(
        QuotaRule(
          info: RuleInfo(id: "test-quota", type: "quota", sentence: "县处级干部轮训和专题培训人数。"),
          targets: [
            QuotaTarget(programme: "县处级轮训", who: county, classes: ClassSelector(kinds: [.rotation]), amount: .count(5)),
            QuotaTarget(
              programme: "专题培训", who: county, classes: ClassSelector(kinds: [.professional]), amount: .count(4),
              atLeast: true),
          ])))
    rules.append(
      .classCount(
        ClassCountRule(
          info: RuleInfo(id: "test-count", type: "class-count", sentence: "轮训班次和人数。"),
          classes: ClassSelector(kinds: [.rotation]), min: 1, max: 2, minSeats: 10, hard: true)))
    s.policy.rules = rules
    return s
  }

  /// C01: P02 P03 P06 P07 P08; C02: P01 P05 P09; C05: P03 P04 P06. P04's
  /// rotation of 2025 is in history. County cadres in rotation: P03 P05 P06
  /// P07 P08 P09 and P04 = 7 (over 5 by 2); in professional classes: 3
  /// (short of 4 by 1); rotation classes held: 2 (met); their seats: 8
  /// (short of 10 by 2).
  static func plan() throws -> Plan {
    let s = try scenario()
    var p = try Tiny.get().plan
    p.scenario = s
    let calls = [
      ("P02", "C01"), ("P03", "C01"), ("P06", "C01"), ("P07", "C01"), ("P08", "C01"), ("P01", "C02"), ("P05", "C02"),
      ("P09", "C02"), ("P03", "C05"), ("P04", "C05"), ("P06", "C05"),
    ]
    p.assignments = calls.map { Assignment(cadre: s.cadreIndex[CadreID($0.0)]!, klass: s.classIndex[ClassID($0.1)]!) }
    p.held = Set(p.assignments.map(\.klass))
    p.attendees = [:]
    for a in p.assignments { p.attendees[a.klass, default: 0] += 1 }
    p.targets = PlanAnalyzer.targets(of: s, year: 2025, assignments: p.assignments, held: p.held)
    p.conflicts = []
    p.status = .optimal
    return p
  }

  @Test func figuresAreCountedAsWorkedOut() throws {
    let p = try Self.plan()
    #expect(p.targets.map(\.planned) == [7, 3, 2, 8])
    #expect(p.targets.map(\.status) == [.over, .short, .met, .short])
    #expect(p.targets.map(\.distance) == [2, 1, 0, 2])
  }

  @Test func reportHasTheTargetsTableAndChart() throws {
    let p = try Self.plan()
    let html = ReportHTML(plan: p).render()
    let start = try #require(html.range(of: "<table id=\"targets-table\">")).upperBound
    let end = try #require(html.range(of: "</table>", range: start..<html.endIndex)).lowerBound
    let rows = html[start..<end].components(separatedBy: "\n").filter { $0.hasPrefix("<tr><td") }
    #expect(
      rows == [
        "<tr><td title=\"县处级干部轮训和专题培训人数。\">test-quota</td><td>县处级轮训</td><td>2025</td><td class=\"n\">5</td><td class=\"n\">7</td><td><span style=\"color:#c77800\">✗ 超出</span></td><td class=\"n\">2</td><td>柔性</td></tr>",
        "<tr><td title=\"县处级干部轮训和专题培训人数。\">test-quota</td><td>专题培训</td><td>2025</td><td class=\"n\">≥ 4</td><td class=\"n\">3</td><td><span style=\"color:#b42318\">✗ 不足</span></td><td class=\"n\">1</td><td>柔性</td></tr>",
        "<tr><td title=\"轮训班次和人数。\">test-count</td><td>开班数</td><td>2025</td><td class=\"n\">1–2</td><td class=\"n\">2</td><td><span style=\"color:#1a7f37\">✓ 达标</span></td><td class=\"n\">0</td><td>刚性</td></tr>",
        "<tr><td title=\"轮训班次和人数。\">test-count</td><td>参训人数</td><td>2025</td><td class=\"n\">≥ 10</td><td class=\"n\">8</td><td><span style=\"color:#b42318\">✗ 不足</span></td><td class=\"n\">2</td><td>刚性</td></tr>",
      ])
    #expect(html.contains("<p>共 4 项目标：达标 1 项，不足 2 项，超出 1 项。</p>"))
    // The chart: a row per target, each with its planned figure and range.
    let chart = try #require(html.range(of: "<svg id=\"chart-targets\"")).lowerBound
    let chartEnd = try #require(html.range(of: "</svg>", range: chart..<html.endIndex)).upperBound
    let svg = String(html[chart..<chartEnd])
    #expect(svg.components(separatedBy: "<g><title>").count - 1 == 4)
    for text in [">7 / 5<", ">3 / ≥ 4<", ">2 / 1–2<", ">8 / ≥ 10<"] { #expect(svg.contains(text), "\(text)") }
    // Key figure, navigation, and the section right after the key figures.
    #expect(html.contains("目标达标<b>1 / 4</b>"))
    #expect(html.contains("<a href=\"#targets\">目标完成情况</a>"))
    let kpis = try #require(html.range(of: "id=\"kpis\"")).lowerBound
    let targets = try #require(html.range(of: "id=\"targets\"")).lowerBound
    let calendar = try #require(html.range(of: "id=\"calendar\"")).lowerBound
    #expect(kpis < targets && targets < calendar)
    // Not infeasible: no conflicts' section, and no link to one.
    #expect(!html.contains("id=\"conflicts\"") && !html.contains("#conflicts"))
    let english = ReportHTML(plan: p, language: .english).render()
    #expect(english.contains("<td>seats</td><td>2025</td><td class=\"n\">≥ 10</td>"))
    #expect(english.contains("✗ over</span>") && english.contains("<td>hard</td>"))
  }

  static func conflict() -> Conflict {
    Conflict(
      rules: ["annual-rotation", "test-count"], year: 2025,
      message: "6月30日前结束的轮训班次共 10 个名额，应训领导干部 14 人。",
      messageEnglish: "the rotation classes ending by 06-30 seat 10; 14 leaders are due.", needed: 14, available: 10)
  }

  @Test func anInfeasiblePlanShowsItsConflictsFirst() throws {
    var p = try Self.plan()
    p.status = .infeasible
    p.conflicts = [Self.conflict()]
    let html = ReportHTML(plan: p).render()
    #expect(
      html.contains(
        "<tr><td><span title=\"每年分级开展1次县处级以上领导干部集中轮训。 County-level and above leaders attend one centralized rotation class every year, organised level by level.\">annual-rotation</span>、<span title=\"轮训班次和人数。\">test-count</span></td><td>2025</td><td class=\"wrap\">6月30日前结束的轮训班次共 10 个名额，应训领导干部 14 人。</td><td class=\"n\">14</td><td class=\"n\">10</td><td class=\"n\">4</td></tr>"
      ))
    let kpis = try #require(html.range(of: "id=\"kpis\"")).lowerBound
    let conflicts = try #require(html.range(of: "id=\"conflicts\"")).lowerBound
    let targets = try #require(html.range(of: "id=\"targets\"")).lowerBound
    #expect(kpis < conflicts && conflicts < targets)
    #expect(html.contains("<a href=\"#kpis\">关键指标</a><a href=\"#conflicts\">冲突</a><a href=\"#targets\">"))
    let english = ReportHTML(plan: p, language: .english).render()
    #expect(
      english.contains("<td class=\"wrap\">the rotation classes ending by 06-30 seat 10; 14 leaders are due.</td>"))
    // Infeasible with no set found: the section says so.
    p.conflicts = []
    #expect(ReportHTML(plan: p).render().contains("未能找到具体的冲突规则组合"))
  }

  @Test func summaryLinesCountTargetsAndGiveEachConflict() throws {
    var p = try Self.plan()
    #expect(PlanSummaryLines.targets(p) == ["  targets: 1 met, 2 short, 1 over"])
    p.status = .infeasible
    p.conflicts = [Self.conflict()]
    #expect(
      PlanSummaryLines.targets(p) == [
        "  targets: 1 met, 2 short, 1 over",
        "  conflict in 2025 (annual-rotation, test-count): 6月30日前结束的轮训班次共 10 个名额，应训领导干部 14 人。 / the rotation classes ending by 06-30 seat 10; 14 leaders are due.",
      ])
    p.targets = []
    p.conflicts = []
    #expect(
      PlanSummaryLines.targets(p) == [
        "  infeasible: the hard rules cannot all hold together; no smaller set of them was found"
      ])
  }

  /// plan.json writes what the report shows, and a plan directory read back compares.
  @Test func writtenPlanReadsBackWithItsTargets() throws {
    var p = try Self.plan()
    p.status = .infeasible
    p.conflicts = [Self.conflict()]
    let dir = Bundled.temporaryDirectory().appendingPathComponent("targets-plan")
    try PlanWriter.write(p, to: dir)
    let r = try PlanRecord.read(dir)
    #expect(r.hasTargets)
    #expect(r.targets.map(\.label) == ["test-quota: 县处级轮训", "test-quota: 专题培训", "test-count", "test-count: seats"])
    #expect(r.targets.map(\.planned) == [7, 3, 2, 8])
    #expect(r.conflicts.map(\.message) == ["\(Self.conflict().message) / \(Self.conflict().messageEnglish)"])
  }

  /// A rotation plan's table of years gives each year's targets met.
  @Test func rotationYearsGiveTheirTargetsMet() throws {
    let first = try Self.plan()
    var second = first
    second.year = 2026
    second.targets = first.targets.filter { $0.status != .over }
    let html = ReportHTML(plan: first, rotation: [first, second]).render()
    let start = try #require(html.range(of: "id=\"rotation\"")).upperBound
    let end = try #require(html.range(of: "</table>", range: start..<html.endIndex)).lowerBound
    let table = String(html[start..<end])
    #expect(table.contains("<th class=\"n\">目标达标</th><th class=\"n\">gap</th></tr>"))
    let rows = table.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><td>20") }
    #expect(rows.count == 2)
    #expect(rows[0].hasPrefix("<tr><td>2025</td>") && rows[0].contains("<td class=\"n\">1 / 4</td><td class=\"n\">"))
    #expect(rows[1].hasPrefix("<tr><td>2026</td>") && rows[1].contains("<td class=\"n\">1 / 3</td><td class=\"n\">"))
  }
}
