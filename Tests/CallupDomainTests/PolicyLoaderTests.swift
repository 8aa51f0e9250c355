import CallupDomain
import Foundation
import Testing

@Suite("The default policy")
struct DefaultPolicyTests {
  let url = repositoryRoot.appendingPathComponent("policies/default.yaml")

  @Test func loadsWithEveryRuleOfTheCatalogue() throws {
    var warnings: [InputIssue] = []
    let p = try PolicyLoader.load(url, warnings: &warnings)
    #expect(p.name == "default")
    #expect(
      p.rules.map(\.id.rawValue) == [
        "annual-rotation", "systematic-team", "systematic-leaders", "township-heads", "annual-professional",
        "new-appointee", "new-initial", "hours-leaders", "hours-team-party-school", "hours-section",
        "hours-members", "unit-fifth", "release-limit", "no-duplicate", "programme-quota", "group-share",
        "spring-reading", "rotation-by-june", "tiered",
      ])
    #expect(p.cycleRules.count == 9 && p.hoursRules.count == 4 && p.unitShareRules.count == 1)
    #expect(p.quotaRules.count == 1 && p.groupShareRules.count == 1)
    #expect(p.otherRules.isEmpty)
    #expect(warnings.isEmpty)  // every rule of the default policy is planned
    for r in p.rules {
      #expect(!r.info.sentence.isEmpty && !r.info.source.isEmpty, "\(r.id) needs a sentence and a source")
      #expect(r.info.location?.line != nil)
    }
    #expect(p.objective == ObjectiveWeights())
    #expect(p.rotation.electiveGrowth == 0.1)
    #expect(p.electiveKinds == [.special, .online])
  }

  @Test func parametersOfTheCatalogue() throws {
    let p = try PolicyLoader.load(url)
    let cycles = Dictionary(uniqueKeysWithValues: p.cycleRules.map { ($0.info.id.rawValue, $0) })
    let rotation = try #require(cycles["annual-rotation"])
    #expect(rotation.who == Selector(ranks: [.bureau, .county]) && rotation.kinds == [.rotation])
    #expect(rotation.every == 1 && rotation.minDays == 0 && rotation.weight == nil)
    #expect(rotation.info.source == "000 item 1")
    #expect(cycles["systematic-team"]?.every == 3)
    #expect(cycles["systematic-team"]?.who == Selector(tags: ["city-county-team"]))
    #expect(cycles["systematic-leaders"]?.every == 5 && cycles["systematic-leaders"]?.minDays == 5)
    #expect(cycles["township-heads"]?.who == Selector(tags: ["township-head"]))
    #expect(cycles["annual-professional"]?.kinds == [.professional])
    let newAppointee = try #require(cycles["new-appointee"])
    #expect(newAppointee.who == Selector(ranks: [.county, .section], appointedWithinYears: 1))
    #expect(newAppointee.kinds == [.appointment] && newAppointee.every == 1)
    #expect(cycles["new-initial"]?.who == Selector(ranks: [.staff], tags: ["new-appointee"], appointedWithinYears: 1))
    #expect(cycles["new-initial"]?.kinds == [.initial])

    let share = try #require(p.unitShareRules.first)
    #expect(share.share == ExactDecimal(units: 2, scale: 1))
    #expect(share.share.ceil(times: 7) == 2)
    #expect(share.who == Selector(leadership: [.team]))
    #expect(share.kinds == Set(ClassKind.allCases).subtracting([.online]))

    let hours = Dictionary(uniqueKeysWithValues: p.hoursRules.map { ($0.info.id.rawValue, $0) })
    #expect(hours["hours-leaders"]?.window == .period && hours["hours-leaders"]?.minHours == 550)
    #expect(hours["hours-team-party-school"]?.minDays == 60)
    #expect(hours["hours-team-party-school"]?.minHours == nil)
    #expect(hours["hours-team-party-school"]?.institutionTypes == [.partySchool, .cadreCollege])
    #expect(hours["hours-section"]?.window == .years(1) && hours["hours-section"]?.minHours == 90)
    #expect(hours["hours-members"]?.who == Selector(party: [.cpc]) && hours["hours-members"]?.minHours == 32)
    #expect(hours["hours-members"]?.kinds.isEmpty == true)

    #expect(p.release.maxAway == 2 && p.release.maxAwayShare == ExactDecimal(units: 3, scale: 1))
    #expect(p.noDuplicate.maxPerYear == 3 && p.noDuplicate.themeYears == 5)
    let tiered = try #require(p.tiered)
    #expect(
      tiered.levels == [.provincial: .national, .bureau: .province, .county: .city, .section: .county, .staff: .county])
    #expect(tiered.mismatchCost == 300 && tiered.travelCost == 200)
  }

  @Test func newAppointeeSelectorCountsTheYearOfAppointment() throws {
    let p = try PolicyLoader.load(url)
    let rule = try #require(p.cycleRules.first(where: { $0.info.id == "new-appointee" }))
    let fresh = Cadre(id: "P1", name: "a", unit: "U1", rank: .county, appointed: Day(iso: "2025-06-01"))
    let older = Cadre(id: "P2", name: "b", unit: "U1", rank: .county, appointed: Day(iso: "2024-06-01"))
    let staff = Cadre(id: "P3", name: "c", unit: "U1", rank: .staff, appointed: Day(iso: "2025-06-01"))
    #expect(rule.who.matches(fresh, year: 2025))
    #expect(!rule.who.matches(older, year: 2025))
    #expect(!rule.who.matches(staff, year: 2025))
  }
}

@Suite("Policy files")
struct PolicyFileTests {
  @Test func sharesAreReadAsDecimals() throws {
    let p = try PolicyLoader.parse(
      yaml: lines(
        "name: p",
        "objective: { obligation: 5000, unit_share: 100 }",
        "rules:",
        "  - { id: u, type: unit-share, share: 0.28, kinds: [rotation] }",
        "  - { id: r, type: release, max_away_share: 0.15 }"))
    let share = try #require(p.unitShareRules.first?.share)
    #expect(share.ceil(times: 25) == 7)
    #expect(p.release.maxAwayShare.floor(times: 20) == 3)
    #expect(p.release.maxAway == 2)
    #expect(p.objective.obligation == 5000 && p.objective.unitShare == 100 && p.objective.overdueYear == 20000)
    #expect(p.rotation.electiveGrowth == 0.1)  // the default when the policy has no `rotation:`
  }

  @Test func rotationSettings() throws {
    let rules = "rules: [{ id: r, type: release, max_away: 2 }]"
    #expect(
      try PolicyLoader.parse(yaml: lines("rotation: { elective_growth: 0.1 }", rules)).rotation.electiveGrowth == 0.1)
    #expect(try PolicyLoader.parse(yaml: lines("rotation: { elective_growth: }", rules)).rotation.electiveGrowth == nil)
    #expect(throws: (any Error).self) {
      try PolicyLoader.parse(yaml: lines("rotation: { elective_growth: -1 }", rules))
    }
    #expect(throws: (any Error).self) { try PolicyLoader.parse(yaml: lines("rotation: { growth: 0.1 }", rules)) }
  }

  @Test func unknownRuleTypeIsAnErrorWithItsPlace() {
    let yaml = lines(
      "name: p",
      "rules:",
      "  - id: a",
      "    type: cycle",
      "    kinds: [rotation]",
      "    every: 1",
      "  - id: b",
      "    type: xyz",
      "    whatever: 3")
    do {
      _ = try PolicyLoader.parse(yaml: yaml, file: "p.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.issues.count == 1)
      #expect(
        error.issues.first?.description
          == "p.yaml:8:11: unknown rule type 'xyz'; known types: cycle, unit-share, release, no-duplicate, hours, tiered, quota, group-share, class-count, timing."
      )
    }
  }

  @Test func readOnlyTypesAreKeptWithAWarning() throws {
    let folder = try TempFolder()
    let url = try folder.write(
      "p.yaml",
      lines(
        "name: p",
        "rules:",
        "  - id: q",
        "    type: quota",
        "    targets: [{ programme: P, who: { ranks: [bureau] }, count: 100 }]",
        "  - id: t",
        "    type: timing",
        "    anything: goes",
        "  - { id: c, type: class-count, classes: { kinds: [special] }, min: 6 }"))
    var warnings: [InputIssue] = []
    let p = try PolicyLoader.load(url, warnings: &warnings)
    #expect(p.otherRules.map(\.info.id) == ["t"])
    #expect(p.quotaRules.map(\.info.id) == ["q"] && p.classCountRules.map(\.info.id) == ["c"])
    #expect(warnings.count == 1)
    #expect(warnings[0].message == "rule t (type timing) is read but not planned by this version of callup.")
    #expect(warnings[0].location.line == 6 && warnings[0].location.column == 5)
    #expect(warnings[0].location.file.hasSuffix("p.yaml"))
  }

  @Test func unknownKeysAndBadParameters() {
    let yaml = lines(
      "rules:",
      "  - id: a",
      "    type: cycle",
      "    evry: 1",
      "    kinds: [rotation, lecture]",
      "    who: { ranks: [chief], tag: [x] }",
      "  - id: b",
      "    type: hours",
      "    window: decade",
      "    min_hours: 10",
      "    min_days: 2",
      "  - id: c",
      "    type: unit-share",
      "    share: 1.5",
      "    kinds: [rotation]",
      "  - id: d",
      "    type: tiered",
      "    levels: { chief: province, county: town }",
      "  - id: a",
      "    type: release",
      "  - id: e",
      "    type: release",
      "  - type: cycle",
      "  - id: f",
      "    type: unit-share",
      "    share: 0.1234567",
      "    kinds: [rotation]",
      "  - id: g",
      "    type: hours",
      "    window: 0",
      "  - id: h",
      "    type: no-duplicate",
      "    max_per_year: 0")
    do {
      _ = try PolicyLoader.parse(yaml: yaml, file: "p.yaml")
      Issue.record("expected an error")
    } catch {
      let issues = error.issues
      expectIssue(
        issues,
        "p.yaml:4:5: unknown key 'evry' in rule 'a' (type cycle); did you mean 'every'? Allowed keys: id, type, sentence, source, who, kinds, every, min_days, weight, window, by, hard."
      )
      expectIssue(issues, "p.yaml:2:5: rule 'a' needs `every` (e.g. every: 1).")
      expectIssue(
        issues,
        "p.yaml:5:23: unknown class kind 'lecture'; use one of rotation, systematic, professional, reading, appointment, initial, special, online."
      )
      expectIssue(issues, "p.yaml:6:20: unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
      expectIssue(issues, at: "p.yaml:6:28", containing: "unknown key 'tag' in `who`; did you mean 'tags'?")
      expectIssue(issues, at: "p.yaml:9:13", containing: "`window` must be `period`")
      expectIssue(issues, "p.yaml:7:5: rule 'b' gives both `min_hours` and `min_days`; give one of them.")
      expectIssue(issues, "p.yaml:14:12: `share` is 1.5; a share must be between 0 and 1.")
      expectIssue(issues, "p.yaml:18:15: unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
      expectIssue(issues, "p.yaml:18:40: unknown level 'town'; use one of national, province, city, county.")
      expectIssue(issues, at: "p.yaml:19:5", containing: "the rule id 'a' is used twice; the first is at line 2")
      expectIssue(issues, at: "p.yaml:23:5", containing: "a rule has no `id`")
      expectIssue(issues, "p.yaml:26:12: `share` has more than 6 decimal places ('0.1234567'); round it.")
      expectIssue(issues, at: "p.yaml:30:13", containing: "`window` is 0")
      expectIssue(issues, "p.yaml:28:5: rule 'g' needs `min_hours` or `min_days` (e.g. min_hours: 90).")
      expectIssue(issues, "p.yaml:33:19: `max_per_year` is 0; it must be at least 1.")
      #expect(issues.count == 16, "\(issues.map(\.description).joined(separator: "\n"))")
    }
  }

  @Test func oneReleaseRulePerPolicy() {
    let yaml = lines(
      "rules:",
      "  - { id: r1, type: release }",
      "  - { id: r2, type: release, max_away: 3 }")
    do {
      _ = try PolicyLoader.parse(yaml: yaml, file: "p.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.issues.map(\.description) == [
          "p.yaml:3:5: rule 'r2' is a second release rule; 'r1' (p.yaml:2:5) is one already. Keep one release rule."
        ])
    }
  }

  @Test func hoursOnlineSwitch() throws {
    let p = try PolicyLoader.parse(
      yaml: lines(
        "rules:",
        "  - { id: a, type: hours, window: 1, min_hours: 32, online: false }",
        "  - { id: b, type: hours, window: 5, min_days: 12, kinds: [rotation], online: true }",
        "  - { id: c, type: hours, window: period, min_hours: 1, kinds: [rotation, online], online: false }"))
    let h = p.hoursRules
    #expect(h[0].kinds == Set(ClassKind.allCases).subtracting([.online]))
    #expect(h[1].kinds == [.rotation, .online] && h[1].window == .years(5) && h[1].minDays == 12)
    #expect(h[2].kinds == [.rotation])
  }
}
