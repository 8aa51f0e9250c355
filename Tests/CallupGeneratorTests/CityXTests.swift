import CallupDomain
import CallupRules
import Foundation
import Testing

@testable import CallupGenerator

/// `generate --preset city-x`: City X of seed 004, bundled as scenarios/city-x.
@Suite struct CityXTests {
  /// The bundled scenario, generated the way scenarios/city-x was.
  static func cityX() throws -> Scenario {
    var s = ScenarioGenerator(preset: .cityX, seed: Preset.cityX.bundledSeed).generate()
    s.policy = try PolicyLoader.load(packageRoot.appendingPathComponent("policies/city-x.yaml"))
    return s
  }

  /// scenarios/city-x is what the generator writes, byte for byte. After a
  /// change to the generator, rewrite it with
  /// `CALLUP_REGENERATE=1 swift test --filter CallupGeneratorTests.CityXTests/bundledCityXIsWhatGenerateWrites`.
  @Test func bundledCityXIsWhatGenerateWrites() throws {
    let target = packageRoot.appendingPathComponent("scenarios/city-x")
    if ProcessInfo.processInfo.environment["CALLUP_REGENERATE"] == "1" {
      try ScenarioGenerator.writeScenario(preset: .cityX, seed: Preset.cityX.bundledSeed, horizon: 5, to: target)
    }
    let fresh = try temporaryDirectory("city-x")
    try ScenarioGenerator.writeScenario(preset: .cityX, seed: Preset.cityX.bundledSeed, horizon: 5, to: fresh)
    let committed = try readScenarioFiles(target)
    let generated = try readScenarioFiles(fresh)
    for f in scenarioFiles { #expect(committed[f] == generated[f], "scenarios/city-x/\(f) is stale") }
    let yaml = String(decoding: generated["scenario.yaml"]!, as: UTF8.self)
    #expect(yaml.contains("policy: ../../policies/city-x.yaml\n") && yaml.contains("horizon: 5\n"))
  }

  /// Another seed gives another city of the same shape.
  @Test func theSeedDecidesTheDraws() throws {
    let a = ScenarioGenerator(preset: .cityX, seed: 4).generate()
    let b = ScenarioGenerator(preset: .cityX, seed: 5).generate()
    #expect(a.cadres.map(\.name) != b.cadres.map(\.name))
    // The document's five years by default: the same catalogue each year, other dates.
    #expect(a.horizon == 5 && a.classes.count == 5 * 57 && b.classes.count == 5 * 57)
    #expect(Set(a.classes.map(\.name)).count == 5 * 57)
    #expect(a.classes.map(\.start) != b.classes.map(\.start))
  }

  /// History keeps every hard rule a plan keeps, and leaves the three- and
  /// five-year cycles partly due in the first year: some team members
  /// overdue, a third or so due, most city-managed cadres trained within
  /// their five years.
  @Test func historyKeepsTheHardRulesAndLeavesTheCyclesPartlyDue() throws {
    let s = try Self.cityX()
    #expect(ScenarioInvariants.historyViolations(in: s) == [])
    #expect(s.history.allSatisfy { $0.year >= 2019 && $0.year < 2025 })
    var figures: [String: (group: Int, due: Int, overdue: Int)] = [:]
    for rule in s.policy.cycleRules where rule.every >= 3 {
      var f = (group: 0, due: 0, overdue: 0)
      for (ci, c) in s.cadres.enumerated() where rule.who.matches(c, year: 2025) {
        f.group += 1
        if let due = CycleStatus.evaluate(rule: rule, history: s.historyByCadre[ci], year: 2025) {
          f.due += 1
          if due.overdueYears >= 1 { f.overdue += 1 }
        }
      }
      figures[rule.info.id.rawValue] = f
    }
    let team = try #require(figures["team-month"])
    #expect(team.group > 250 && team.due * 4 > team.group && team.due * 2 < team.group, "\(team)")
    #expect(team.overdue > 0 && team.overdue * 3 < team.due, "\(team)")
    let main = try #require(figures["city-managed-main"])
    #expect(main.group > 350 && main.due > 0 && main.due * 5 < main.group && main.overdue > 0, "\(main)")
    let nonParty = try #require(figures["non-party-city-level"])
    #expect(nonParty.group >= 15 && nonParty.due > 0 && nonParty.due < nonParty.group, "\(nonParty)")
  }

  /// The roster and the catalogue can reach the document's figures: a
  /// thousand section-level cadres a year to a week's professional class,
  /// 1,500 seats in 30 targeted classes, 200 section leaders in young
  /// cadres' classes, 500 grassroots cadres; every class clear of the
  /// Spring Festival and the National Day week of its year.
  @Test func sizedForTheDocumentsFigures() throws {
    let s = try Self.cityX()
    func count(_ p: (Cadre) -> Bool) -> Int { s.cadres.filter(p).count }
    #expect(count { $0.rank == .section } >= 1_200)
    #expect(count { $0.rank == .section && $0.tags.isSuperset(of: ["section-leader", "young"]) } >= 250)
    #expect(count { $0.tags.contains("grassroots") } >= 700)
    #expect(count { $0.tags.contains("institution") && $0.leadership != .none } >= 30)
    #expect(s.cadres.allSatisfy { c in c.tags.contains { $0.hasPrefix("field-") } })
    for y in 2025...2029 {
      let year = s.classes.filter { $0.year == y }
      #expect(year.count == 57)
      let targeted = year.filter { $0.kind == .professional && $0.level == .city }
      #expect(targeted.count == 33 && targeted.reduce(0) { $0 + ($1.capacity ?? 0) } >= 1_500)
      for k in year {
        #expect(k.end.year == y && !TrainingCalendar.blackout(y).contains { $0.overlaps(k.span) }, "\(k.id)")
      }
      // The party school's long classes follow one another.
      let long = year.filter { $0.days >= 14 }.sorted { $0.start < $1.start }
      #expect(long.count == 6)
      for (a, b) in zip(long, long.dropFirst()) { #expect(a.end < b.start, "\(a.id) and \(b.id) overlap") }
    }
  }
}
