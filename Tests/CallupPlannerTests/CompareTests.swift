import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// `compare` on plan directories written by hand: the figures, the diffs and the exact files.
@Suite("compare: plans side by side")
struct CompareTests {
  /// Writes a small plan directory.
  func planDirectory(_ name: String, json: String, rosters: String?) throws -> URL {
    let dir = Bundled.temporaryDirectory().appendingPathComponent(name)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try json.write(to: dir.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
    if let rosters {
      try rosters.write(to: dir.appendingPathComponent("rosters.csv"), atomically: true, encoding: .utf8)
    }
    return dir
  }

  let header = "class,class_name,start,end,cadre,name,unit,region,rank\n"

  func plans() throws -> (URL, URL) {
    let a = try planDirectory(
      "base",
      json: """
        { "scenario": "s", "year": 2025, "status": "optimal", "objective": 100.0, "bound": 99.0, "gap": 0.01,
          "classes": [ { "id": "C1", "held": true, "attendees": 2 }, { "id": "C2", "held": true, "attendees": 1 } ],
          "assignments": [ { "cadre": "P1", "class": "C1" }, { "cadre": "P2", "class": "C1" }, { "cadre": "P3", "class": "C2" } ],
          "unmet": [ { "cadre": "P4", "rule": "r", "year": 2025, "reason": "capacity" } ],
          "unit_shortfalls": [],
          "kpis": { "due": 4, "met": 3, "overdue_due": 2, "overdue_met": 1, "classes_held": 2, "cost": 12345.0,
                    "peak_unit_away_share": 0.25, "fill_rate": 0.75 } }
        """,
      rosters: header
        + "C1,一班,2025-03-01,2025-03-05,P1,张一,U1,r,county\nC1,一班,2025-03-01,2025-03-05,P2,王二,U1,r,county\nC2,二班,2025-06-01,2025-06-05,P3,李三,U2,r,county\n"
    )
    // B: P2 dropped, P3 moved to C1, P4 added to C2; kpis left as they were (a hand edit), classes list gone.
    let b = try planDirectory(
      "edited",
      json: """
        { "scenario": "s", "year": 2025, "status": "feasible", "objective": 120.0, "bound": null, "gap": null,
          "assignments": [ { "cadre": "P1", "class": "C1" }, { "cadre": "P3", "class": "C1" }, { "cadre": "P4", "class": "C2" } ],
          "unmet": [ { "cadre": "P2", "rule": "r", "year": 2025, "reason": "cost" } ],
          "unit_shortfalls": [ { "unit": "U1", "rule": "unit-fifth", "year": 2025, "required": 2, "planned": 1, "reason": "cost" } ],
          "kpis": { "due": 4, "met": 3, "overdue_due": 2, "overdue_met": 2, "classes_held": 2, "cost": 13000.5 } }
        """,
      rosters: header
        + "C1,一班,2025-03-01,2025-03-05,P1,张一,U1,r,county\nC1,一班,2025-03-01,2025-03-05,P3,李三,U2,r,county\nC2,二班,2025-06-01,2025-06-05,P4,赵四,U2,r,county\n"
    )
    return (a, b)
  }

  @Test func figuresAndDiffs() throws {
    let (a, b) = try plans()
    let c = PlanComparison(plans: [try PlanRecord.read(a), try PlanRecord.read(b)])
    #expect(c.labels == ["base", "edited"])
    #expect(
      c.unitChanges == [
        .init(unit: "U1", name: "", a: 2, b: 1), .init(unit: "U2", name: "", a: 1, b: 2),
      ])
    #expect(
      c.cadreChanges == [
        .init(cadre: "P2", name: "王二", unit: "U1", kind: .dropped, classesA: ["C1"], classesB: []),
        .init(cadre: "P3", name: "李三", unit: "U2", kind: .moved, classesA: ["C2"], classesB: ["C1"]),
        .init(cadre: "P4", name: "赵四", unit: "U2", kind: .added, classesA: [], classesB: ["C2"]),
      ])
    #expect(
      c.csv() == """
        kpi,base,edited
        status,optimal,feasible
        due,4,4
        met,3,3
        met_share,0.7500,0.7500
        overdue_due,2,2
        overdue_met,1,2
        unit_shortfalls,0,1
        classes_held,2,2
        seats,3,3
        fill_rate,0.7500,
        cost,12345,13000.50
        peak_unit_away_share,0.2500,
        gap,0.010000,

        """)
    #expect(
      c.text(language: .english) == """
        KPI                       base    edited
        status                 optimal  feasible
        due                          4         4
        met                          3         3
        met share                75.0%     75.0%
        overdue due                  2         2
        overdue met                  1         2
        unit-share shortfalls        0         1
        classes held                 2         2
        seats                        3         3
        fill rate                75.0%         –
        cost (yuan)             12,345    13,001
        peak unit away share     25.0%         –
        gap                      1.00%         –

        Call-ups per unit (base → edited): 2 of 2 units differ
          unit  name  base  edited  change
          U1             2       1      -1
          U2             1       2      +1

        Cadres: 1 added, 1 dropped, 1 moved between classes
          - P2 王二 (U1): C1 → –
          ~ P3 李三 (U2): C2 → C1
          + P4 赵四 (U2): – → C2

        """)
    #expect(c.unitsCSV() == "unit,unit_name,base,edited,change\nU1,,2,1,-1\nU2,,1,2,1\n")
    #expect(
      c.cadresCSV()
        == "cadre,name,unit,change,classes_a,classes_b\nP2,王二,U1,dropped,C1,\nP3,李三,U2,moved,C2,C1\nP4,赵四,U2,added,,C2\n"
    )
  }

  @Test func htmlMarksTheBestOfEachRow() throws {
    let (a, b) = try plans()
    let c = PlanComparison(plans: [try PlanRecord.read(a), try PlanRecord.read(b)])
    let html = c.html(language: .english)
    #expect(!html.contains("<script"))
    // Overdue met: 2 in B is better; cost: A is cheaper.
    #expect(html.contains("<tr><td>overdue met</td><td class=\"n\">1</td><td class=\"n\"><b>2</b></td></tr>"))
    #expect(html.contains("<tr><td>cost (yuan)</td><td class=\"n\"><b>12,345</b></td><td class=\"n\">13,001</td></tr>"))
    #expect(html.contains("<tr><td>due</td><td class=\"n\">4</td><td class=\"n\">4</td></tr>"))
  }

  @Test func threePlansHaveNoDiffAndSameNamesGetPaths() throws {
    let (a, _) = try plans()
    let r = try PlanRecord.read(a)
    let c = PlanComparison(plans: [r, r, r])
    #expect(c.unitChanges == nil && c.cadreChanges == nil)
    #expect(c.labels == [a.path, a.path, a.path])
    #expect(!c.text().contains("干部变化"))
  }

  @Test func unreadableDirectoriesSayWhy() throws {
    let missing = Bundled.temporaryDirectory().appendingPathComponent("nothing")
    #expect(throws: PlanReadError.self) { try PlanRecord.read(missing) }
    let empty = Bundled.temporaryDirectory()
    do {
      _ = try PlanRecord.read(empty)
      Issue.record("an empty folder was read as a plan")
    } catch {
      #expect(error.description.hasSuffix("has no plan.json: is it a plan directory written by `callup plan`?"))
    }
    let broken = try planDirectory("broken", json: "{ not json", rosters: nil)
    #expect(throws: PlanReadError.self) { try PlanRecord.read(broken) }
    let wrong = try planDirectory("wrong", json: "[1, 2]", rosters: nil)
    #expect(throws: PlanReadError.self) { try PlanRecord.read(wrong) }
  }

  @Test func booleansAreNotFigures() throws {
    let dir = try planDirectory("bools", json: #"{ "kpis": { "due": true, "met": 3 }, "year": 2025 }"#, rosters: nil)
    let r = try PlanRecord.read(dir)
    #expect(r.kpis == ["met": 3])
    #expect(r.year == 2025)
  }
}
