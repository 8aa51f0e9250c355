import CallupDomain
import Foundation
import Testing

@Suite("The default policy")
struct DefaultPolicyTests {
  /// policies/core.yaml (tiny's) is the default policy without its targets
  /// and timed rules: the same weights, every rule word for word.
  @Test func theCorePolicyIsTheDefaultsCoreRules() throws {
    let core = try PolicyLoader.load(repositoryRoot.appendingPathComponent("policies/core.yaml"))
    let full = try PolicyLoader.load(url)
    func plain(_ r: Rule) -> Rule {
      var r = r
      r.clearLocation()
      return r
    }
    let byID = Dictionary(uniqueKeysWithValues: full.rules.map { ($0.id, plain($0)) })
    #expect(core.name == "core" && core.objective == full.objective && core.rotation == full.rotation)
    #expect(
      core.rules.map(\.id.rawValue) == [
        "annual-rotation", "systematic-team", "systematic-leaders", "township-heads", "annual-professional",
        "new-appointee", "new-initial", "hours-leaders", "hours-team-party-school", "hours-section",
        "hours-members", "unit-fifth", "release-limit", "no-duplicate", "tiered",
      ])
    for r in core.rules { #expect(plain(r) == byID[r.id], "\(r.id) differs from the default policy's") }
  }

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
        "spring-reading", "rotation-by-june", "young-non-party", "tiered",
      ])
    #expect(p.cycleRules.count == 10 && p.hoursRules.count == 4 && p.unitShareRules.count == 1)
    #expect(p.quotaRules.count == 1 && p.groupShareRules.count == 1)
    #expect(p.otherRules.isEmpty)
    #expect(warnings.isEmpty)  // every rule of the default policy is planned
    for r in p.rules {
      #expect(!r.info.sentence.isEmpty && !r.info.source.isEmpty, "\(r.id) needs a sentence and a source")
      #expect(r.info.location?.line != nil)
    }
    var weights = ObjectiveWeights()
    weights.priorities = [
      .init(who: Selector(ranks: [.bureau, .county], leadership: [.principal]), factor: 2.5),
      .init(who: Selector(ranks: [.bureau, .county], leadership: [.team]), factor: 1.5),
    ]
    #expect(p.objective == weights)  // the defaults written out, and the "key minority" first
    #expect(p.rotation.electiveGrowth == 0.1)
    #expect(p.electiveKinds == [.online])  // young-non-party asks for special classes, spring-reading for reading
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

  /// Every programme quota of 002 四, with its figure and what it counts.
  @Test func programmeQuotas() throws {
    let p = try PolicyLoader.load(url)
    let rule = try #require(p.quotaRules.first)
    #expect(rule.info.id == "programme-quota" && rule.tolerance == ExactDecimal("0.1") && !rule.hard)
    #expect(rule.info.source == "002 四(一)(2)(3)(4), (二)(1)(4), (六)(2), (七)(1)(2), (八)(3)(4)")
    let leaders: Set<Rank> = [.bureau, .county]
    let teams: Set<String> = ["city-county-team", "provincial-organ"]
    let offTheJob = Set(ClassKind.allCases).subtracting([.online])
    let partySchool = ClassSelector(kinds: [.systematic], institutions: ["中共四川省委党校"])
    var eightWeeks = partySchool
    eightWeeks.minDays = 56
    var month = partySchool
    month.maxDays = 35
    let special = ClassSelector(kinds: [.special], levels: [.province])
    let expected: [(String, Selector, ClassSelector, TargetAmount)] = [
      ("省委党校市厅级领导干部进修", Selector(ranks: [.bureau]), eightWeeks, .count(100)),
      ("省委党校县级领导班子成员进修", Selector(ranks: [.county], leadership: [.team]), eightWeeks, .count(50)),
      (
        "“一把手”提能工程", Selector(ranks: leaders, tags: teams, leadership: [.principal]),
        ClassSelector(institutionTypes: [.university], levels: [.national], minDays: 5, maxDays: 9), .count(200)
      ),
      (
        "专业化能力一周培训", Selector(ranks: leaders, tags: teams, leadership: [.team]),
        ClassSelector(kinds: [.professional], levels: [.national, .province], minDays: 5, maxDays: 9), .count(500)
      ),
      (
        "省直部门县处级公务员进修", Selector(ranks: [.county], tags: ["provincial-organ"]),
        ClassSelector(kinds: [.systematic, .special], levels: [.national, .province]), .count(500)
      ),
      ("省直机关党支部书记示范培训", Selector(tags: ["branch-secretary"]), special, .count(300)),
      ("选调生示范培训", Selector(tags: ["selected-graduate"]), special, .count(200)),
      ("乡镇（街道）党（工）委书记培训", Selector(tags: ["township-secretary"]), ClassSelector(levels: [.province]), .count(1000)),
      (
        "乡镇长（街道办主任）脱产培训", Selector(tags: ["township-mayor"]), ClassSelector(kinds: offTheJob),
        .share(ExactDecimal("0.2")!)
      ),
      ("村（社区）党组织书记示范培训", Selector(tags: ["village-secretary"]), ClassSelector(levels: [.province]), .count(500)),
      ("民族地区县处级领导干部进修", Selector(ranks: [.county], tags: ["ethnic-area"]), month, .count(100)),
      ("民族地区县处级领导干部专题培训", Selector(ranks: [.county], tags: ["ethnic-area"]), special, .count(600)),
    ]
    #expect(rule.targets.map(\.programme) == expected.map(\.0))
    for (t, e) in zip(rule.targets, expected) {
      #expect(t.who == e.1, "\(t.programme) who")
      #expect(t.classes == e.2, "\(t.programme) classes")
      #expect(t.amount == e.3, "\(t.programme) figure")
    }
    // "About" is a tenth either way; "or more", "at least" and an exact figure have no tolerance.
    let exact: Set<String> = ["专业化能力一周培训", "乡镇长（街道办主任）脱产培训", "民族地区县处级领导干部进修"]
    for t in rule.targets {
      #expect((t.tolerance == ExactDecimal(0)) == exact.contains(t.programme), "\(t.programme) tolerance")
      #expect(t.atLeast == (t.programme == "专业化能力一周培训" || t.programme == "乡镇长（街道办主任）脱产培训"))
      #expect(!t.atMost)
    }
    func range(_ name: String, of n: Int = 0) throws -> TargetRange {
      let t = try #require(rule.targets.first { $0.programme == name })
      return rule.range(t, matched: n)
    }
    #expect(try range("省委党校市厅级领导干部进修") == TargetRange(lo: 90, hi: 110))
    #expect(try range("乡镇（街道）党（工）委书记培训") == TargetRange(lo: 900, hi: 1100))
    #expect(try range("专业化能力一周培训") == TargetRange(lo: 500, hi: nil))
    #expect(try range("乡镇长（街道办主任）脱产培训", of: 3076) == TargetRange(lo: 616, hi: nil))
    #expect(try range("民族地区县处级领导干部进修") == TargetRange(lo: 100, hi: 100))
  }

  /// Group shares, the cycles with timing and the young non-party cadres' cycle.
  @Test func groupSharesAndTimedCycles() throws {
    let p = try PolicyLoader.load(url)
    let share = try #require(p.groupShareRules.first)
    #expect(share.groups.map(\.name) == ["女干部", "少数民族干部", "党外干部"])
    #expect(
      share.groups.map(\.who) == [
        Selector(gender: [.female]), Selector(tags: ["ethnic-minority"]), Selector(party: [.nonParty]),
      ])
    #expect(share.of == .everyone && share.classes == .any)
    #expect(share.minRatio == ExactDecimal(1) && share.tolerance == ExactDecimal("0.1") && !share.hard)
    #expect(share.info.source == "000 item 12; 002 四 end")
    let cycles = Dictionary(uniqueKeysWithValues: p.cycleRules.map { ($0.info.id.rawValue, $0) })
    let reading = try #require(cycles["spring-reading"])
    #expect(
      reading.who == Selector(ranks: [.bureau, .county], leadership: [.principal]) && reading.kinds == [.reading])
    #expect(reading.timing.windowFrom?.description == "03-01" && reading.timing.windowTo?.description == "05-31")
    #expect(reading.timing.by == nil && !reading.hard && reading.info.source == "000 item 17")
    let june = try #require(cycles["rotation-by-june"])
    #expect(june.kinds == [.rotation] && june.timing.by?.description == "06-30" && june.timing.windowFrom == nil)
    // Soft, and worth less than the annual rotation, which a later class still meets.
    #expect(!june.hard && (june.weight ?? 0) < p.objective.obligation)
    let young = try #require(cycles["young-non-party"])
    #expect(young.who == Selector(ranks: [.county, .section], tags: ["young"], party: [.nonParty]))
    #expect(young.kinds == [.systematic, .special] && young.every == 5 && young.info.source == "002 四(六)(3)")
    // Principals first, then the other team members of bureau and county rank; a
    // year overdue (twice the value) still puts a deputy before a principal just due.
    let secretary = Cadre(id: "P1", name: "a", unit: "U1", rank: .bureau, leadership: .principal)
    let deputy = Cadre(id: "P2", name: "b", unit: "U1", rank: .county, leadership: .deputy)
    let headOfSection = Cadre(id: "P3", name: "c", unit: "U1", rank: .section, leadership: .principal)
    #expect(p.objective.priority(of: secretary, year: 2025) == 2.5)
    #expect(p.objective.priority(of: deputy, year: 2025) == 1.5)
    #expect(p.objective.priority(of: headOfSection, year: 2025) == 1)
    let base = p.objective.obligation
    let deputyAYearOverdue = (base + p.objective.overdueYear) * p.objective.priority(of: deputy, year: 2025)
    #expect(deputyAYearOverdue > base * p.objective.priority(of: secretary, year: 2025))
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
