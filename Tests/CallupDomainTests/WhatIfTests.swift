import CallupDomain
import Foundation
import Testing

@Suite("What-if scenarios (base:)")
struct WhatIfTests {
  /// `policy.yaml` and `policy2.yaml` at the top, `base/` a full scenario with
  /// an inline release rule.
  func makeBase(_ folder: TempFolder) throws {
    try folder.write("policy.yaml", Tiny.policy)
    try folder.write(
      "policy2.yaml",
      lines(
        "name: second",
        "objective: { obligation: 1 }",
        "rules:",
        "  - { id: systematic, type: cycle, kinds: [systematic], every: 5 }"))
    let baseScenario = lines(
      "name: base",
      "year: 2025",
      "horizon: 2",
      "period: [2021, 2025]",
      "policy: ../policy.yaml",
      "solver: { time_limit: 10 }",
      "rules:",
      "  - { id: release-limit, type: release, max_away: 5 }")
    _ = try Tiny.write(in: folder, "base", scenario: baseScenario, policy: nil)
  }

  @Test func inheritsWhatItDoesNotChange() throws {
    let folder = try TempFolder()
    try makeBase(folder)
    try folder.write(
      "whatif/scenario.yaml",
      lines(
        "name: fewer-seats",
        "base: ../base",
        "horizon: 3",
        "solver: { mip_gap: 0.02 }",
        "rules:",
        "  - id: annual-rotation",
        "    type: cycle",
        "    who: { ranks: [county] }",
        "    kinds: [rotation]",
        "    every: 2"))
    try folder.write(
      "whatif/classes.csv",
      lines(
        "id,name,institution,institution_type,level,region,kind,start,days,hours,capacity",
        "C7,新班,I,party-school,city,R1,rotation,2025-05-01,3,24,10"))

    let s = try ScenarioLoader.load(folder.path("whatif")).scenario
    #expect(s.name == "fewer-seats")
    #expect(s.year == 2025 && s.horizon == 3 && s.period == 2021...2025)
    #expect(s.solver == SolverSettings(timeLimit: 10, mipGap: 0.02))
    // classes.csv of the what-if replaces the base's whole; the others are inherited.
    #expect(s.classes.map(\.id) == ["C7"] && s.classes[0].capacity == 10)
    #expect(s.units.count == 2 && s.cadres.count == 2 && s.history.count == 1)
    // The base's policy and inline rules, then the what-if's rules by id.
    #expect(s.policy.name == "small")
    #expect(s.policy.rules.map(\.id) == ["annual-rotation", "unit-fifth", "release-limit"])
    #expect(s.policy.cycleRules.first?.every == 2)
    #expect(s.policy.cycleRules.first?.info.location?.file == "scenario.yaml")
    #expect(s.policy.release.maxAway == 5)
    #expect(s.policy.release.info.location?.file == "../base/scenario.yaml")
    #expect(s.directory?.lastPathComponent == "whatif")
  }

  @Test func policyReplacesTheBasePolicyAndDropsItsInlineRules() throws {
    let folder = try TempFolder()
    try makeBase(folder)
    try folder.write(
      "whatif/scenario.yaml",
      lines(
        "base: ../base/scenario.yaml",
        "policy: ../policy2.yaml",
        "rules:",
        "  - { id: extra, type: no-duplicate, max_per_year: 2 }"))
    let s = try ScenarioLoader.load(folder.path("whatif")).scenario
    #expect(s.name == "base")
    #expect(s.policy.name == "second" && s.policy.objective.obligation == 1)
    #expect(s.policy.rules.map(\.id) == ["systematic", "extra"])
    #expect(s.policy.release.maxAway == 2)
    #expect(s.policy.noDuplicate.maxPerYear == 2)
  }

  @Test func chainsOfBases() throws {
    let folder = try TempFolder()
    try makeBase(folder)
    try folder.write("middle/scenario.yaml", lines("base: ../base", "year: 2026"))
    try folder.write(
      "middle/units.csv",
      lines("id,name,region", "U1,甲,R1", "U2,乙,R1", "U3,丙,R3"))
    try folder.write(
      "top/scenario.yaml",
      lines("base: ../middle", "rules: [{ id: unit-fifth, type: unit-share, share: 0.5, kinds: [rotation] }]"))
    let s = try ScenarioLoader.load(folder.path("top")).scenario
    #expect(s.year == 2026 && s.horizon == 2 && s.name == "base")
    #expect(s.units.count == 3)
    #expect(s.policy.unitShareRules.first?.share == ExactDecimal(units: 5, scale: 1))
    #expect(s.policy.release.maxAway == 5)
  }

  @Test func defectsOfInheritedFilesNameTheirPlace() throws {
    let folder = try TempFolder()
    try makeBase(folder)
    try folder.write(
      "base/cadres.csv",
      lines("id,name,unit,rank,gender,birth_year,party", "P1,甲,U1,county,M,1975,cpc", "P2,乙,U1,chief,F,1980,cpc"))
    try folder.write("whatif/scenario.yaml", lines("base: ../base"))
    let issues = loadIssues(folder.path("whatif"))
    expectIssue(
      issues,
      "../base/cadres.csv:3:4 (rank): unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
    #expect(issues.count == 1)
  }

  @Test func cyclesOfBasesAreCaught() throws {
    let folder = try TempFolder()
    try makeBase(folder)
    try folder.write("a/scenario.yaml", lines("base: ../b", "year: 2025", "policy: ../policy.yaml"))
    try folder.write("b/scenario.yaml", lines("base: ../a"))
    let issues = loadIssues(folder.path("a"))
    expectIssue(
      issues,
      "../b/scenario.yaml:1:7: the base scenarios form a cycle (scenario.yaml → ../b/scenario.yaml → scenario.yaml); a scenario cannot be its own base."
    )
  }

  @Test func missingBase() throws {
    let folder = try TempFolder()
    try folder.write("w/scenario.yaml", lines("base: ../nowhere", "year: 2025"))
    let issues = loadIssues(folder.path("w"))
    expectIssue(issues, at: "scenario.yaml:1:7", containing: "the base scenario '../nowhere' was not found")
    expectIssue(issues, "units.csv: units.csv is missing from the scenario folder; the scenario needs it.")
  }
}
