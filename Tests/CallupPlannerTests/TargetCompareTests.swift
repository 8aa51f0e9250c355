import CallupPlan
import CallupReports
import Foundation
import Testing

/// `compare` and the what-if summary on plan directories with targets, written by hand.
@Suite("compare: a row per target")
struct TargetCompareTests {
  /// Two plan directories written by hand: B meets 甲 and the women's
  /// share, over-trains a new programme 乙, and leaves class count c as it was.
  func comparedPlans() throws -> PlanComparison {
    func write(_ name: String, _ targets: String) throws -> PlanRecord {
      let dir = Bundled.temporaryDirectory().appendingPathComponent(name)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try """
      { "scenario": "s", "year": 2025, "status": "optimal", "assignments": [], "unmet": [], "unit_shortfalls": [],
        "kpis": { "due": 0 }, "targets": [\(targets)] }
      """.write(to: dir.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
      return try PlanRecord.read(dir)
    }
    let a = try write(
      "base",
      """
      { "rule": "q", "name": "甲", "year": 2025, "lo": 90, "hi": 110, "planned": 80, "status": "short" },
      { "rule": "g", "name": "女干部", "year": 2025, "lo": 4, "hi": null, "planned": 3, "status": "short" },
      { "rule": "c", "name": "", "year": 2025, "lo": 2, "hi": 4, "planned": 3, "status": "met" }
      """)
    let b = try write(
      "edited",
      """
      { "rule": "q", "name": "甲", "year": 2025, "lo": 90, "hi": 110, "planned": 95, "status": "met" },
      { "rule": "c", "name": "", "year": 2025, "lo": 2, "hi": 4, "planned": 3, "status": "met" },
      { "rule": "g", "name": "女干部", "year": 2025, "lo": 5, "hi": null, "planned": 5, "status": "met" },
      { "rule": "q", "name": "乙", "year": 2025, "lo": 10, "hi": 12, "planned": 13, "status": "over" }
      """)
    return PlanComparison(plans: [a, b])
  }

  @Test func compareHasARowPerTarget() throws {
    let c = try comparedPlans()
    #expect(c.targetRows.map(\.label) == ["q: 甲", "g: 女干部", "c", "q: 乙"])
    #expect(c.targetRows.map(\.change) == [15, 2, 0, nil])
    let text = c.text(language: .english)
    #expect(
      text.contains(
        "\nunit-share shortfalls        0        0\ntargets met                  1        3\ntargets short                2        0\ntargets over                 0        1\n"
      ))
    #expect(
      text.contains(
        """

        Targets (base → edited): 3 of 4 differ
          target     year      range  base  edited  change  status
          q: 甲      2025     90–110    80      95     +15  short → met
          g: 女干部  2025  ≥ 4 → ≥ 5     3       5      +2  short → met
          c          2025        2–4     3       3       0  met
          q: 乙      2025      10–12     –      13       –  – → over

        """))
    #expect(
      c.targetsCSV() == """
        rule,name,year,lo_base,hi_base,planned_base,status_base,lo_edited,hi_edited,planned_edited,status_edited,change
        q,甲,2025,90,110,80,short,90,110,95,met,15
        g,女干部,2025,4,,3,short,5,,5,met,2
        c,,2025,2,4,3,met,2,4,3,met,0
        q,乙,2025,,,,,10,12,13,over,

        """)
    #expect(c.csv().contains("\ntargets_met,1,3\ntargets_short,2,0\ntargets_over,0,1\n"))
    let html = c.html(language: .chinese)
    #expect(
      html.contains(
        "<tr class=\"up\"><td>q</td><td>甲</td><td>2025</td><td class=\"n\">80 <span style=\"color:#b42318\">不足</span> <span class=\"muted\">90–110</span></td><td class=\"n\">95 <span style=\"color:#1a7f37\">达标</span> <span class=\"muted\">90–110</span></td><td class=\"n d\">+15</td></tr>"
      ))
    #expect(html.contains("<td>乙</td><td>2025</td><td class=\"n\">–</td>"))
    // More is better for targets met, less for short: the best in bold.
    #expect(html.contains("<tr><td>目标达标</td><td class=\"n\">1</td><td class=\"n\"><b>3</b></td></tr>"))
  }

  @Test func whatifTargetsAreARowPerVariantAndTarget() throws {
    let c = try comparedPlans()
    #expect(
      c.targetsLongCSV(first: "variant") == """
        variant,rule,name,year,lo,hi,planned,status
        base,q,甲,2025,90,110,80,short
        base,g,女干部,2025,4,,3,short
        base,c,,2025,2,4,3,met
        edited,q,甲,2025,90,110,95,met
        edited,c,,2025,2,4,3,met
        edited,g,女干部,2025,5,,5,met
        edited,q,乙,2025,10,12,13,over

        """)
    // Three plans: the planned figure in each column, marked; a range that differs is given per plan.
    let three = PlanComparison(plans: c.plans + [c.plans[0]], labels: ["a", "b", "c"])
    #expect(
      three.text(language: .english).hasSuffix(
        """
        Targets (planned; ✓ met, ✗ short or over):
          target     year   range          a          b          c
          q: 甲      2025  90–110       80 ✗       95 ✓       80 ✗
          g: 女干部  2025  varies  3 (≥ 4) ✗  5 (≥ 5) ✓  3 (≥ 4) ✗
          c          2025     2–4        3 ✓        3 ✓        3 ✓
          q: 乙      2025   10–12          –       13 ✗          –

        """))
  }

  /// Plans without a `targets` list (older plans, a policy without targets) show none of it.
  @Test func plansWithoutTargetsShowNoTargetRows() throws {
    let dir = Bundled.temporaryDirectory().appendingPathComponent("old")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try #"{ "scenario": "s", "year": 2025, "status": "optimal", "assignments": [], "kpis": { "due": 0 } }"#.write(
      to: dir.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
    let r = try PlanRecord.read(dir)
    let c = PlanComparison(plans: [r, r])
    #expect(!r.hasTargets)
    #expect(!c.text(language: .english).contains("targets") && c.targetsCSV() == nil)
    #expect(!c.csv().contains("targets_"))
  }
}
