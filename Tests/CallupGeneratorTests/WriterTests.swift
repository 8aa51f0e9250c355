import CallupDomain
import Foundation
import Testing

@Suite struct WriterTests {
  @Test func quotingRoundTrips() throws {
    let tricky = ["王, 磊", "say \"hi\"", "two\nlines", " padded ", "plain", "", "中共示范市委员会（一）"]
    let units = tricky.enumerated().map { i, name in
      Unit(id: UnitID("U\(i)"), name: name, region: "r,1", headcount: 10)
    }
    let cadres = tricky.enumerated().map { i, name in
      Cadre(id: CadreID("P\(i)"), name: name, unit: UnitID("U\(i)"), rank: .county, tags: ["b", "a,c"])
    }
    let s = Scenario(
      name: "quo\"ting", year: 2025, policy: Policy(name: "p", rules: []), units: units, cadres: cadres, classes: [])
    let dir = try temporaryDirectory("quoting")
    try ScenarioWriter.write(s, policyPath: "../../policies/default.yaml", to: dir)

    let unitRows = parseCSV(try String(contentsOf: dir.appendingPathComponent("units.csv"), encoding: .utf8))
    #expect(unitRows.first == ["id", "name", "region", "parent", "headcount", "max_away", "max_away_share"])
    #expect(unitRows.dropFirst().map { $0[1] } == tricky)
    #expect(unitRows.dropFirst().allSatisfy { $0.count == 7 && $0[2] == "r,1" })
    let cadreRows = parseCSV(try String(contentsOf: dir.appendingPathComponent("cadres.csv"), encoding: .utf8))
    #expect(cadreRows.dropFirst().map { $0[1] } == tricky)
    // Tags are sorted; a tag with a comma keeps its quotes.
    #expect(cadreRows[1][5] == "a,c;b")
    let yaml = try String(contentsOf: dir.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    #expect(yaml.hasPrefix("name: \"quo\\\"ting\"\n"))
    #expect(yaml.contains("policy: ../../policies/default.yaml\n"))
    // Only the five files: no temporary file is left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["cadres.csv", "classes.csv", "history.csv", "scenario.yaml", "units.csv"])
  }

  @Test func cellsHaveOneSpelling() throws {
    #expect(ScenarioWriter.number(28) == "28")
    #expect(ScenarioWriter.number(27.5) == "27.5")
    #expect(ScenarioWriter.number(0.005) == "0.005")
    #expect(ScenarioWriter.number(120_000) == "120000")
    #expect(ScenarioWriter.csvField("a\"b") == "\"a\"\"b\"")
    #expect(ScenarioWriter.csvField("a;b") == "a;b")

    let d = Day(year: 2025, month: 3, day: 1)!
    let c = Cadre(
      id: "P1", name: "甲", unit: "U1", rank: .section, leadership: .deputy, tags: ["young", "non-party"],
      gender: .female, birthYear: 1990, party: .nonParty, appointed: nil,
      unavailable: [
        DayRange(first: d, last: d.advanced(by: 14)), DayRange(first: d.advanced(by: 120), last: d.advanced(by: 150)),
      ])
    #expect(
      ScenarioWriter.cadresCSV([c]).split(separator: "\n")[1]
        == "P1,甲,U1,section,deputy,non-party;young,F,1990,non-party,,2025-03-01..2025-03-15;2025-06-29..2025-07-29")
    let k = TrainingClass(
      id: "C1", name: "班", institution: "校", region: "r", kind: .rotation, start: d, days: 4, hours: 28, minSize: 2,
      capacity: nil, ranks: [.section, .bureau, .county], costPerSeat: 800.5, fixedCost: 20000)
    #expect(
      ScenarioWriter.classesCSV([k]).split(separator: "\n")[1]
        == "C1,班,校,party-school,city,r,rotation,,2025-03-01,4,28,2,,bureau;county;section,,800.5,20000")
    let u = Unit(
      id: "U1", name: "单位", region: "r", parent: "U0", headcount: nil, maxAway: 1, maxAwayShare: ExactDecimal("0.25"))
    #expect(ScenarioWriter.unitsCSV([u]).split(separator: "\n")[1] == "U1,单位,r,U0,,1,0.25")
    let h = HistoryRecord(cadre: "P1", kind: .professional, theme: "digital-economy", start: d, days: 5, hours: 35)
    #expect(
      ScenarioWriter.historyCSV([h]).split(separator: "\n")[1] == "P1,,professional,digital-economy,,2025-03-01,5,35")
  }

  @Test func rewritingReplacesTheFiles() throws {
    let dir = try temporaryDirectory("rewrite")
    var s = Scenario(name: "a", year: 2025, policy: Policy(name: "p", rules: []), units: [], cadres: [], classes: [])
    try ScenarioWriter.write(s, policyPath: "p.yaml", to: dir)
    s.name = "b"
    try ScenarioWriter.write(s, policyPath: "p.yaml", to: dir)
    let yaml = try String(contentsOf: dir.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    #expect(
      yaml
        == "name: b\nyear: 2025\nhorizon: 1\nperiod: [2025, 2029]\npolicy: p.yaml\nsolver: { time_limit: 60, mip_gap: 0.005 }\n"
    )
    #expect(
      try String(contentsOf: dir.appendingPathComponent("history.csv"), encoding: .utf8)
        == "cadre,class,kind,theme,institution_type,start,days,hours\n")
  }
}
