import CallupDomain
import CallupRules
import Foundation
import Testing

@testable import CallupGenerator

/// The province in 2023 at a tenth (2 prefectures, 17 counties, about 95,000
/// cadres), written with its policy and loaded as `callup plan` loads it.
let sichuan2023Tenth: (scenario: Scenario, yaml: String) = {
  let dir = try! temporaryDirectory("sichuan-2023")
  _ = try! ScenarioGenerator(preset: .sichuan2023, seed: 1, scale: 0.1).write(
    to: dir, policyPath: SichuanTests.policy2023.path)
  let yaml = try! String(contentsOf: dir.appendingPathComponent("scenario.yaml"), encoding: .utf8)
  return (try! ScenarioLoader.load(dir).scenario, yaml)
}()

/// The due obligations of the province in 2023 at a tenth.
let sichuan2023Due = ObligationBook(scenario: sichuan2023Tenth.scenario, year: 2023)

/// The five-year plan of 2019–2023 at a tenth, the same way.
let sichuan2019Tenth: Scenario = {
  let dir = try! temporaryDirectory("sichuan-2019")
  _ = try! ScenarioGenerator(preset: .sichuan2019, seed: 1, scale: 0.1).write(
    to: dir, policyPath: SichuanTests.policy2019.path)
  return try! ScenarioLoader.load(dir).scenario
}()

/// The two presets of the seeds' own province (`sichuan-2023`, `sichuan-2019`)
/// and their policies.
@Suite struct SichuanTests {
  static let policy2023 = packageRoot.appendingPathComponent("policies/sichuan-2023.yaml")
  static let policy2019 = packageRoot.appendingPathComponent("policies/sichuan-2019-2023.yaml")

  // MARK: The policies

  /// Every rule has its sentence (Chinese, then English) and its source;
  /// the five-year plan's come from 002 alone.
  @Test(arguments: [
    (
      "policies/sichuan-2023.yaml",
      [
        "annual-rotation", "systematic-team", "systematic-leaders", "township-heads", "annual-professional",
        "new-appointee", "new-initial", "grassroots-rotation", "village-secretaries", "team-reading", "hours-leaders",
        "hours-team-party-school", "hours-section", "hours-members", "unit-fifth", "release-limit", "no-duplicate",
        "programme-quota", "group-share", "figures-2023", "spring-reading", "young-non-party", "tiered",
      ]
    ),
    (
      "policies/sichuan-2019-2023.yaml",
      [
        "systematic-team", "systematic-leaders", "township-heads", "annual-professional", "new-appointee",
        "new-initial", "principals-reading", "branch-secretaries", "young-non-party", "hours-leaders",
        "hours-team-party-school", "hours-section", "unit-fifth", "release-limit", "no-duplicate", "programme-quota",
        "group-share", "tiered",
      ]
    ),
  ])
  func policyRulesHaveSentenceAndSource(path: String, ids: [String]) throws {
    var warnings: [InputIssue] = []
    let p = try PolicyLoader.load(packageRoot.appendingPathComponent(path), warnings: &warnings)
    #expect(warnings.isEmpty)
    #expect(p.rules.map(\.id.rawValue) == ids)
    for r in p.rules {
      let sentence = r.info.sentence
      #expect(sentence.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(r.id): no Chinese sentence")
      #expect(sentence.contains(where: { $0.isASCII && $0.isLetter }), "\(r.id): no English sentence")
      #expect(!r.info.source.isEmpty, "\(r.id): no source")
      if path.contains("2019") { #expect(r.info.source.hasPrefix("002 "), "\(r.id): \(r.info.source)") }
    }
    #expect(p.objective.priorities.count == 2 && p.rotation.electiveGrowth == 0.1)
  }

  /// The figures the generator sizes classes for are the policies': 002's
  /// programmes in both, 003's figures in 2023's.
  @Test func policyTargetsAreTheGenerators() throws {
    let p23 = try PolicyLoader.load(Self.policy2023)
    let p19 = try PolicyLoader.load(Self.policy2019)
    for p in [p23, p19] {
      let programmes = try #require(p.quotaRules.first { $0.info.id == "programme-quota" })
      #expect(programmes.targets == ReferenceTargets.targets && programmes.tolerance == ReferenceTargets.tolerance)
    }
    let figures = try #require(p23.quotaRules.first { $0.info.id.rawValue == CampaignTargets.ruleID })
    #expect(figures.targets == CampaignTargets.targets && figures.tolerance == CampaignTargets.tolerance)
    #expect(figures.targets.map(\.amount) == [.count(33_000), .count(934_000), .count(26_000)])
    #expect(p19.quotaRules.count == 1)
  }

  /// 2023's campaign: the leaders' rotation is hard and ends by 30 June; the
  /// team's reading class is a fourth class a year.
  @Test func rotationIsAHardCampaignByJune() throws {
    let p = try PolicyLoader.load(Self.policy2023)
    let rotation = try #require(p.cycleRules.first { $0.info.id == "annual-rotation" })
    #expect(rotation.hard && rotation.timing.by == MonthDay(month: 6, day: 30))
    #expect(!p.cycleRules.contains { $0.info.id == "rotation-by-june" })
    #expect(p.noDuplicate.maxPerYear == 4)
    #expect(p.cycleRules.filter(\.hard).count == 1)
    let p19 = try PolicyLoader.load(Self.policy2019)
    #expect(!p19.hasHardTargets && p19.noDuplicate.maxPerYear == 3)
  }

  // MARK: sichuan-2023

  /// The plan year, period and policy the preset writes.
  @Test func sichuan2023Settings() throws {
    let s = sichuan2023Tenth.scenario
    #expect(s.name == "sichuan-2023" && s.year == 2023 && s.horizon == 1 && s.period == 2019...2023)
    #expect(s.policy.name == "sichuan-2023")
    #expect(s.classes.allSatisfy { $0.year == 2023 })
    #expect(s.history.allSatisfy { (2017...2023).contains($0.year) })
    let defaults = Preset.sichuan2023.parameters.defaults
    #expect(defaults.policyPath == "../../policies/sichuan-2023.yaml" && defaults.policyName == "sichuan-2023")
    #expect(ScenarioGenerator(preset: .sichuan2023, seed: 1).year == 2023)
    #expect(ScenarioGenerator(preset: .sichuan2023, seed: 1, year: 2030).period == 2029...2033)
  }

  /// At a tenth, about a tenth of each full-size figure: cadres, leaders,
  /// section level and below, village secretaries, classes, county classes
  /// (about 60 seats each) and seats.
  @Test func sichuan2023CountsFollowTheTargets() {
    let s = sichuan2023Tenth.scenario
    let t = Preset.sichuan2023.parameters.layout!.targets
    expectTenth(s, t)
    let county = s.classes.filter { $0.level == .county }
    let countySeats = county.reduce(0) { $0 + ($1.capacity ?? 0) }
    near(county.count, t.countyClasses!, 0.15, "county classes")
    #expect((55...65).contains(countySeats / county.count), "county class size \(countySeats / county.count)")
    near(s.classes.reduce(0) { $0 + ($1.capacity ?? 0) }, t.seats!, 0.15, "seats")
    #expect(Set(county.map(\.institution)).count == 17)
    // Over a million seats at full size: more seats than cadres.
    #expect(s.classes.reduce(0) { $0 + ($1.capacity ?? 0) } > s.cadres.count)
  }

  /// The seats of the classes each cycle rule counts, admitting its due
  /// cadres, cover them, with at most a third more: the catalogue of a
  /// province that met its figures. (The principals' spring reading classes
  /// are counted against them alone, though the teams' take them too.)
  @Test(arguments: [
    ("annual-rotation", 1.35), ("grassroots-rotation", 1.35), ("village-secretaries", 1.35), ("team-reading", 1.35),
    ("spring-reading", 8.0), ("systematic-leaders", 1.35), ("township-heads", 1.35), ("annual-professional", 1.35),
    ("new-appointee", 1.35), ("new-initial", 1.35),
  ])
  func sichuan2023SeatsCoverTheDue(rule id: String, most: Double) throws {
    let s = sichuan2023Tenth.scenario
    let rules = s.policy.cycleRules
    let ri = try #require(rules.firstIndex { $0.info.id.rawValue == id })
    let rule = rules[ri]
    let due = sichuan2023Due.obligations.filter { $0.rule == ri }.map { s.cadres[$0.cadre] }
    var signatures: [String: Cadre] = [:]
    for c in due where signatures["\(c.rank.rawValue) \(c.tags.sorted())"] == nil {
      signatures["\(c.rank.rawValue) \(c.tags.sorted())"] = c
    }
    let seats = s.classes.filter { k in rule.counts(k) && signatures.values.contains { k.admits($0) } }
      .reduce(0) { $0 + ($1.capacity ?? 0) }
    let ratio = Double(seats) / Double(max(1, due.count))
    #expect(due.count >= 20 && ratio >= 1 && ratio <= most, "\(id): \(seats) seats for \(due.count) due")
  }

  /// Every leader due for rotation has a rotation class ending by 30 June
  /// that admits it on days it is free (not unavailable, not in a class of
  /// its history), so the hard campaign can hold.
  @Test func everyLeaderCanBeRotatedByJune() {
    let s = sichuan2023Tenth.scenario
    let june = Day(year: 2023, month: 6, day: 30)!
    let rotation = s.classes.filter { $0.kind == .rotation && $0.end <= june }
    var due = 0
    for (i, c) in s.cadres.enumerated() where c.rank == .bureau || c.rank == .county {
      let past = s.historyByCadre[i].filter { $0.year == 2023 }
      if past.contains(where: { $0.kind == .rotation && $0.span.last <= june }) { continue }
      due += 1
      let busy = c.unavailable + past.map(\.span)
      let free = rotation.contains { k in k.admits(c) && !busy.contains { $0.overlaps(k.span) } }
      #expect(free, "\(c.id) has no rotation class by June")
    }
    #expect(due > 3_000)
    let seats = rotation.filter { !$0.ranks.isDisjoint(with: [.bureau, .county]) }.reduce(0) { $0 + ($1.capacity ?? 0) }
    #expect(seats >= due, "\(seats) seats by June for \(due) leaders")
  }

  /// The scenario.yaml counts 002's programmes and 003's figures times the
  /// scale, and each has cadres and seats enough.
  @Test func figuresAreScaledAndCovered() throws {
    let (s, yaml) = sichuan2023Tenth
    #expect(
      yaml.contains("# A province at scale 0.1, about 10 % of the whole: the programme quotas of the sichuan-2023\n"))
    #expect(yaml.contains("  - id: figures-2023\n    type: quota\n"))
    let figures = try #require(s.policy.quotaRules.first { $0.info.id.rawValue == CampaignTargets.ruleID })
    #expect(figures.targets.map(\.amount) == [.count(3_300), .count(93_400), .count(2_600)])
    #expect(figures.info.source == "003")
    let covered = TargetTests.expectCovered(s)
    #expect(covered.count == 15, "\(covered.keys.sorted())")
    #expect(covered["基层干部集中轮训"].map { $0.seats >= $0.lo } == true)
    #expect(s.policy.cycleRules.contains { $0.info.id == "annual-rotation" && $0.hard })
  }

  /// Every village secretary has a rural-revitalization class at its
  /// county, with seats for all, and no class of that theme in the five
  /// years before (the rule against a theme twice would keep it out).
  @Test func villageSecretariesCanAllTakeTheirThemeClass() {
    let s = sichuan2023Tenth.scenario
    let themed = s.classes.filter { $0.theme == "rural-revitalization" && $0.kind == .special }
    #expect(themed.allSatisfy { $0.level == .county && $0.tags == ["village-secretary"] })
    let secretaries = s.cadres.indices.filter { s.cadres[$0].tags.contains("village-secretary") }
    #expect(themed.reduce(0) { $0 + ($1.capacity ?? 0) } >= secretaries.count)
    for i in secretaries {
      #expect(!s.historyByCadre[i].contains { $0.theme == "rural-revitalization" }, "\(s.cadres[i].id)")
    }
  }

  /// Sound structure: ids, references, a history that keeps the rules, no
  /// class in a holiday; the leaders' rotation by June, reading in spring
  /// and summer.
  @Test func sichuan2023IsSound() {
    let s = ScenarioGenerator(preset: .sichuan2023, seed: 5, scale: 0.02).generate()
    let problems = ScenarioInvariants.violations(in: s)
    #expect(problems.isEmpty, "\(problems.prefix(10))")
    let blackout = TrainingCalendar.blackout(s.year)
    for k in s.classes {
      #expect(!blackout.contains { $0.overlaps(k.span) }, "\(k.id) in a holiday")
      if k.kind == .rotation, !k.ranks.isDisjoint(with: [.bureau, .county]) {
        #expect(k.end <= Day(year: 2023, month: 6, day: 30)!, "\(k.id) after June")
      }
      if k.kind == .reading { #expect((3...8).contains(k.start.components.month), "\(k.id)") }
    }
  }

  // MARK: sichuan-2019

  /// Five years from 2019 in 002's period, the same catalogue each year,
  /// history from 2013; the due of the first year include the make-up.
  @Test func sichuan2019IsAFiveYearRotation() {
    let s = sichuan2019Tenth
    #expect(s.name == "sichuan-2019" && s.year == 2019 && s.horizon == 5 && s.period == 2019...2023)
    #expect(s.policy.name == "sichuan-2019-2023")
    let perYear = Dictionary(grouping: s.classes, by: \.year).mapValues(\.count)
    #expect(perYear.keys.sorted() == Array(2019...2023))
    #expect(Set(perYear.values).count == 1, "\(perYear)")
    #expect(s.history.allSatisfy { (2013...2019).contains($0.year) } && s.history.contains { $0.year == 2013 })
    var firstYear = s
    firstYear.classes = s.classes.filter { $0.year == 2019 }
    expectTenth(firstYear, Preset.sichuan2019.parameters.layout!.targets)
    // Make-up first: leaders without systematic training in five years.
    let book = ObligationBook(scenario: s, year: 2019)
    let systematic = s.policy.cycleRules.firstIndex { $0.info.id == "systematic-leaders" }!
    let overdue = book.obligations.filter { $0.rule == systematic && $0.overdueYears >= 1 }
    #expect(overdue.count > 100, "\(overdue.count) overdue")
  }

  /// The first year's classes serve 002's rules: every village secretary and
  /// branch secretary in a class of their own, the principals' reading
  /// class, the teams' week of professional training, appointment and
  /// initial training.
  @Test func sichuan2019SeatsCoverTheDue() {
    let s = sichuan2019Tenth
    let book = ObligationBook(scenario: s, year: 2019)
    let rules = s.policy.cycleRules
    let first = s.classes.filter { $0.year == 2019 }
    for id in ["branch-secretaries", "principals-reading", "annual-professional", "new-appointee", "new-initial"] {
      let ri = rules.firstIndex { $0.info.id.rawValue == id }!
      let due = book.obligations.filter { $0.rule == ri }.map { s.cadres[$0.cadre] }
      let seats = first.filter { k in rules[ri].counts(k) && due.contains { k.admits($0) } }
        .reduce(0) { $0 + ($1.capacity ?? 0) }
      #expect(!due.isEmpty && seats >= due.count, "\(id): \(seats) seats for \(due.count) due")
    }
    #expect(first.contains { $0.kind == .rotation && $0.tags == ["branch-secretary"] })
    #expect(!first.contains { $0.theme == "rural-revitalization" && $0.kind == .special })
  }

  @Test func sichuan2019FirstYearIsSound() {
    var g = ScenarioGenerator(preset: .sichuan2019, seed: 5, scale: 0.02)
    g.horizon = 1
    let s = g.generate()
    #expect(s.period == 2019...2023)
    let problems = ScenarioInvariants.violations(in: s)
    #expect(problems.isEmpty, "\(problems.prefix(10))")
  }

  // MARK: Helpers

  /// `value` is within `tolerance` of a tenth of `target`.
  func near(_ value: Int, _ target: Int, _ tolerance: Double, _ what: String) {
    let expected = Double(target) * 0.1
    #expect(abs(Double(value) - expected) <= expected * tolerance, "\(what): \(value), expected about \(expected)")
  }

  /// The counts of a scenario at a tenth against the preset's targets.
  func expectTenth(_ s: Scenario, _ t: PresetTargets) {
    func count(_ p: (Cadre) -> Bool) -> Int { s.cadres.reduce(0) { $0 + (p($1) ? 1 : 0) } }
    near(s.cadres.count, t.cadres, 0.15, "cadres")
    near(count { $0.rank == .bureau || $0.rank == .county }, t.leaders, 0.15, "leaders")
    near(count { $0.rank >= .section }, t.sectionAndBelow, 0.15, "section and below")
    near(count { $0.tags.contains("village-secretary") }, t.villageSecretaries, 0.15, "village secretaries")
    near(s.classes.count, t.classes, 0.15, "classes")
  }
}
