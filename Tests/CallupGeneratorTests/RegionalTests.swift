import CallupDomain
import Foundation
import Testing

@testable import CallupGenerator

/// A province at 5 % (about 46,000 cadres, 9 counties of one prefecture), generated once for the suite.
let province5 = ScenarioGenerator(preset: .province, seed: 1, scale: 0.05).generate()
/// A big city at a quarter (3 counties).
let bigCityQuarter = ScenarioGenerator(preset: .bigCity, seed: 2, scale: 0.25).generate()

@Suite struct RegionalTests {
  // MARK: Determinism and the written files

  @Test(arguments: [(Preset.province, 0.01), (.sichuan2023, 0.01), (.sichuan2019, 0.01), (.sichuan2023, 0.1)])
  func sameSeedGivesByteIdenticalFiles(preset: Preset, scale: Double) throws {
    let a = try temporaryDirectory("\(preset.rawValue)-a")
    let b = try temporaryDirectory("\(preset.rawValue)-b")
    let c = try temporaryDirectory("\(preset.rawValue)-c")
    _ = try ScenarioGenerator(preset: preset, seed: 3, scale: scale).write(to: a)
    _ = try ScenarioGenerator(preset: preset, seed: 3, scale: scale).write(to: b)
    _ = try ScenarioGenerator(preset: preset, seed: 4, scale: scale).write(to: c)
    let fa = try readScenarioFiles(a), fb = try readScenarioFiles(b), fc = try readScenarioFiles(c)
    for f in scenarioFiles { #expect(fa[f] == fb[f], "\(f) differs") }
    for f in ["cadres.csv", "history.csv", "classes.csv"] { #expect(fa[f] != fc[f], "\(f) same for another seed") }
  }

  /// The streamed files are byte for byte what `ScenarioWriter` writes from the domain values.
  @Test(arguments: [
    (Preset.province, 0.01, UInt64(3)), (.bigCity, 0.1, 4), (.city, 0.5, 5), (.sichuan2023, 0.01, 6),
    (.sichuan2019, 0.01, 7),
  ])
  func streamedFilesAreWhatScenarioWriterWrites(preset: Preset, scale: Double, seed: UInt64) throws {
    let g = ScenarioGenerator(preset: preset, seed: seed, scale: scale)
    let streamed = try temporaryDirectory("streamed")
    let written = try temporaryDirectory("written")
    let summary = try g.write(to: streamed, policyPath: "../p.yaml")
    let s = g.generate()
    try ScenarioWriter.write(s, policyPath: "../p.yaml", rules: g.targetRules(s), to: written)
    let fa = try readScenarioFiles(streamed), fb = try readScenarioFiles(written)
    for f in scenarioFiles { #expect(fa[f] == fb[f], "\(f) differs") }
    #expect(summary.cadres == s.cadres.count && summary.units == s.units.count)
    #expect(summary.classes == s.classes.count && summary.historyRows == s.history.count)
    let left = try FileManager.default.contentsOfDirectory(atPath: streamed.path).sorted()
    #expect(left == ["cadres.csv", "classes.csv", "history.csv", "scenario.yaml", "units.csv"])
  }

  /// The generated scenarios load with the contract's loader and the preset's policy.
  @Test(arguments: [
    (Preset.city, 1.0, 2025, 2024...2028), (.bigCity, 0.1, 2025, 2024...2028), (.province, 0.01, 2025, 2024...2028),
    (.sichuan2023, 0.01, 2023, 2019...2023), (.sichuan2019, 0.01, 2019, 2019...2023),
  ])
  func generatedScenariosLoad(preset: Preset, scale: Double, year: Int, period: ClosedRange<Int>) throws {
    let dir = try temporaryDirectory("load")
    let defaults = preset.parameters.defaults
    let policy = packageRoot.appendingPathComponent("policies/\(defaults.policyName).yaml").path
    let summary = try ScenarioGenerator(preset: preset, seed: 12, scale: scale).write(to: dir, policyPath: policy)
    let loaded = try ScenarioLoader.load(dir)
    let s = loaded.scenario
    #expect(s.cadres.count == summary.cadres && s.units.count == summary.units)
    #expect(s.classes.count == summary.classes && s.history.count == summary.historyRows)
    #expect(s.policy.name == defaults.policyName && !s.policy.rules.isEmpty)
    #expect(s.year == year && s.period == period && s.horizon == defaults.horizon)
  }

  /// `calendarYears`: the later years of the horizon are written as yearly
  /// capacities (capacities.csv); loaded, they give the provisional classes
  /// `generate()` makes, and as many seats per year and kind as the repeated
  /// calendar.
  @Test(arguments: [(Preset.city, 1.0), (.province, 0.01)])
  func laterYearsAsCapacities(preset: Preset, scale: Double) throws {
    var g = ScenarioGenerator(preset: preset, seed: 7, scale: scale)
    g.horizon = 3
    g.calendarYears = 1
    let dir = try temporaryDirectory("capacities")
    let policy = packageRoot.appendingPathComponent("policies/default.yaml").path
    _ = try g.write(to: dir, policyPath: policy)
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("capacities.csv").path))
    let loaded = try ScenarioLoader.load(dir).scenario
    let made = g.generate()
    #expect(loaded.classes == made.classes)
    #expect(loaded.classes.filter { $0.year == 2025 }.allSatisfy { !$0.provisional })
    #expect(loaded.classes.filter { $0.year > 2025 }.allSatisfy { $0.provisional })
    var full = g
    full.calendarYears = nil
    let calendar = full.generate().classes
    func seats(_ classes: [TrainingClass]) -> [String: Int] {
      var out: [String: Int] = [:]
      for k in classes { out["\(k.year) \(k.kind.rawValue)", default: 0] += k.capacity ?? YearlyCapacity.seatsPerClass }
      return out
    }
    #expect(seats(loaded.classes) == seats(calendar))
  }

  // MARK: Structure

  @Test(arguments: [
    (Preset.province, 0.01, UInt64(3)), (.province, 0.02, 8), (.bigCity, 0.1, 4), (.bigCity, 0.3, 9),
  ])
  func structureIsSound(preset: Preset, scale: Double, seed: UInt64) {
    let s = ScenarioGenerator(preset: preset, seed: seed, scale: scale).generate()
    let problems = ScenarioInvariants.violations(in: s)
    #expect(problems.isEmpty, "\(problems.prefix(10))")
    checkCalendar(s)
  }

  @Test(arguments: [(Preset.province, 2028), (.bigCity, 2021)])
  func otherYearsAreSound(preset: Preset, year: Int) {
    let s = ScenarioGenerator(preset: preset, seed: 6, scale: 0.01, year: year).generate()
    #expect(ScenarioInvariants.violations(in: s).isEmpty)
    #expect(s.year == year && s.period == (year - 1)...(year + 3))
    #expect(s.classes.allSatisfy { $0.year == year } && s.history.allSatisfy { $0.year <= year })
    #expect(s.cadres.allSatisfy { $0.tags.contains("new-appointee") == ($0.appointed?.year == year) })
    checkCalendar(s)
  }

  @Test func largerScenariosAreSound() {
    for s in [province5, bigCityQuarter] {
      let problems = ScenarioInvariants.violations(in: s)
      #expect(problems.isEmpty, "\(problems.prefix(10))")
      checkCalendar(s)
    }
  }

  /// No class over the Spring Festival or in the National Day week; leaders'
  /// rotation is a campaign finished by the end of June; reading in spring.
  func checkCalendar(_ s: Scenario) {
    let blackout = TrainingCalendar.blackout(s.year)
    if s.year == 2025 {
      #expect(blackout[0] == DayRange(first: Day(iso: "2025-01-25")!, last: Day(iso: "2025-02-09")!))
    }
    let june = Day(year: s.year, month: 6, day: 30)!
    for k in s.classes {
      #expect(k.year == s.year && k.end.year == s.year, "\(k.id) outside the year")
      #expect(!blackout.contains { $0.overlaps(k.span) }, "\(k.id) in a holiday")
      #expect((6...8).contains(k.hours / Double(k.days)), "\(k.id) hours")
      #expect(k.minSize == Int((Double(k.capacity ?? 0) * 0.6).rounded(.up)), "\(k.id) min_size")
      if k.kind == .rotation, !k.ranks.isDisjoint(with: [.bureau, .county]) {
        #expect(k.end <= june, "\(k.id) after June")
      }
      if k.kind == .reading { #expect((3...5).contains(k.start.components.month), "\(k.id) not in spring") }
    }
  }

  @Test func selectionKeepsWholeCountiesAndPrefectures() {
    func pick(_ preset: Preset, _ scale: Double) -> (Int, Int) {
      let p = preset.parameters
      let sel = RegionalOrganizationBuilder(preset: p, layout: p.layout!, seed: 1, scale: scale, year: 2025).selection()
      return (sel.prefectures.count, sel.counties.reduce(0, +))
    }
    #expect(pick(.province, 1) == (21, 183))
    // round(183 × 0.1) = 18, but the two prefectures kept have 9 + 8 counties.
    #expect(pick(.province, 0.1) == (2, 17))
    #expect(pick(.province, 0.5) == (11, 92))
    #expect(pick(.province, 0.05) == (1, 9))
    #expect(pick(.province, 0.001) == (1, 1))
    #expect(pick(.bigCity, 1) == (1, 12))
    #expect(pick(.bigCity, 0.25) == (1, 3))
    #expect(RegionalNames.sichuan.reduce(0) { $0 + $1.counties.count } == 183)
    let names = RegionalNames.sichuan.flatMap { $0.counties.map(\.name) }
    #expect(Set(names).count == 183)
    #expect(TagSet.names == TagSet.names.sorted() && Set(TagSet.names).count == TagSet.names.count)
  }

  // MARK: Sizes against the documented targets

  /// A province at 5 % has about 5 % of each full-size target.
  @Test func provinceCountsFollowTheTargets() {
    let s = province5
    let t = Preset.province.parameters.layout!.targets
    func near(_ value: Int, _ target: Int, _ tolerance: Double, _ what: String) {
      let expected = Double(target) * 0.05
      #expect(abs(Double(value) - expected) <= expected * tolerance, "\(what): \(value), expected about \(expected)")
    }
    func count(_ p: (Cadre) -> Bool) -> Int { s.cadres.reduce(0) { $0 + (p($1) ? 1 : 0) } }
    near(s.cadres.count, t.cadres, 0.15, "cadres")
    near(count { $0.rank == .bureau || $0.rank == .county }, t.leaders, 0.15, "leaders")
    near(count { $0.rank >= .section }, t.sectionAndBelow, 0.15, "section and below")
    near(count { $0.tags.contains("village-secretary") }, t.villageSecretaries, 0.2, "village secretaries")
    near(s.classes.count, t.classes, 0.3, "classes")
    let countyCommittees = s.units.filter {
      $0.name.hasPrefix("中共") && ($0.name.hasSuffix("县委员会") || $0.name.hasSuffix("区委员会"))
    }
    #expect(countyCommittees.count == 9)
    #expect(Set(s.classes.filter { $0.level == .county }.map(\.institution)).count == 9)
    #expect(Set(s.classes.filter { $0.level == .city }.map(\.institution)).count == 1)
    for tag in [
      "young", "selected-graduate", "soe", "institution", "grassroots", "new-appointee", "township-head",
      "city-county-team", "non-party", "ethnic-minority",
    ] {
      #expect(count { $0.tags.contains(tag) } > 0, "no \(tag)")
    }
  }

  @Test func bigCityCountsFollowTheTargets() {
    let s = bigCityQuarter
    let t = Preset.bigCity.parameters.layout!.targets
    let expected = Double(t.cadres) * 0.25
    #expect(abs(Double(s.cadres.count) - expected) <= expected * 0.2, "\(s.cadres.count) cadres")
    let classes = Double(t.classes) * 0.25
    #expect(abs(Double(s.classes.count) - classes) <= classes * 0.35, "\(s.classes.count) classes")
    #expect(Set(s.classes.filter { $0.level == .county }.map(\.institution)).count == 3)
    // Its bureau-level leaders take quota seats at provincial institutions.
    let provincial = s.classes.filter { $0.level == .province }
    #expect(!provincial.isEmpty && provincial.allSatisfy { $0.ranks == [.bureau] && $0.fixedCost == 20_000 })
  }

  /// Units have leadership teams of realistic sizes; villages one secretary each.
  @Test func unitsHaveLeadershipTeams() {
    let s = province5
    for (u, unit) in s.units.enumerated() {
      let members = s.cadresByUnit[u].map { s.cadres[$0] }
      #expect(members.filter(\.isPrincipal).count <= 2, "\(unit.name)")
      #expect(members.contains { $0.leadership.isTeamMember }, "\(unit.name) has no leadership team")
      if unit.name.hasSuffix("村") {
        let secretaries = members.filter { $0.tags.contains("village-secretary") }
        #expect(secretaries.count == 1 && secretaries[0].isPrincipal && secretaries[0].rank == .staff, "\(unit.name)")
        #expect((4...7).contains(members.count), "\(unit.name): \(members.count)")
      }
      if unit.name.hasPrefix("中共"), unit.name.hasSuffix("县委员会") || unit.name.hasSuffix("区委员会") {
        #expect(members.filter { $0.tags.contains("city-county-team") }.count == 11, "\(unit.name)")
      }
      if unit.name.hasSuffix("镇") || unit.name.hasSuffix("乡") || unit.name.hasSuffix("街道") {
        #expect(members.filter { $0.tags.contains("township-head") }.count == 2, "\(unit.name)")
        #expect(members.count >= 60, "\(unit.name): \(members.count)")
      }
    }
    #expect(s.units.filter { $0.maxAway != nil }.count > s.units.count / 20)
  }

  // MARK: Tiers, capacity, history

  /// The province trains the bureau level and its own organs, the city the
  /// county level, the county the section level and below (分级); national
  /// institutions take provincial and bureau-level leaders, and the
  /// programmes of 002 四 some county-level leaders at the provincial party
  /// school and principals at top universities.
  @Test func classesAreTiered() {
    let s = province5
    let regions = Set(s.units.map(\.region))
    for k in s.classes {
      switch k.level {
      case .national:
        #expect(
          k.ranks == [.provincial] || (k.ranks == [.bureau] && k.kind == .systematic)
            || (k.institutionType == .university && k.kind == .professional && k.tags.contains("city-county-team")),
          "\(k.id) \(k.name)")
      case .province:
        if k.kind != .special {
          let programme = k.ranks == [.county] && k.kind == .systematic && k.institution == "中共四川省委党校"
          #expect(
            k.ranks == [.bureau] || (k.name.contains("省直机关") && !k.ranks.contains(.bureau)) || programme,
            "\(k.id) \(k.name)")
        }
        #expect(k.region == "chengdu" || k.region == "guangan", "\(k.id)")
      case .city:
        #expect(!k.ranks.isEmpty && k.ranks.isSubset(of: [.county, .section, .staff]), "\(k.id) \(k.ranks)")
        #expect(k.institution.rawValue.hasSuffix("委党校") && regions.contains(k.region), "\(k.id)")
      case .county:
        #expect(!k.ranks.isEmpty && k.ranks.isSubset(of: [.section, .staff]), "\(k.id) \(k.ranks)")
        #expect(k.institution.rawValue.hasSuffix("县委党校") || k.institution.rawValue.hasSuffix("区委党校"), "\(k.id)")
      }
    }
    #expect(s.classes.contains { $0.institution == "四川长征干部学院" } && s.classes.contains { $0.institution == "小平干部学院" })
    #expect(s.classes.contains { $0.kind == .special && $0.tags == ["village-secretary"] && $0.level == .county })
    #expect(s.classes.contains { $0.kind == .systematic && $0.tags == ["township-head"] && $0.level == .city })
  }

  /// Seats of the classes serving each obligation are 85–97 % of the cadres
  /// due, in the province as a whole and per tier (a class counts for the
  /// tier it admits: a class for county-level leaders at the provincial
  /// party school or a university for the cities').
  @Test func capacityIsALittleShortOfDemand() {
    let s = province5
    let organs = Set(s.units.indices.filter { s.units[$0].region == "chengdu" })
    #expect(!organs.isEmpty && s.classes.allSatisfy { $0.level != .city || $0.region != "chengdu" })
    // Which level of institution trains the cadre.
    func tier(_ i: Int) -> Level {
      let c = s.cadres[i]
      if c.rank <= .bureau || organs.contains(s.unitIndex[c.unit]!) { return .province }
      return c.rank == .county ? .city : .county
    }
    func due(_ rules: [CycleRule], _ level: Level?) -> Int {
      s.cadres.indices.reduce(0) { n, i in
        let r = rules.contains { ReferenceRules.isDue($0, s.cadres[i], history: s.historyByCadre[i], year: s.year) }
        return n + (r && (level == nil || tier(i) == level) ? 1 : 0)
      }
    }
    // Which tier a class serves.
    func serves(_ k: TrainingClass) -> Level {
      if k.level == .county { return .county }
      if k.ranks.isDisjoint(with: [.county, .section, .staff]) || k.name.contains("省直机关") { return .province }
      return .city
    }
    func seats(_ level: Level?, _ p: (TrainingClass) -> Bool) -> Int {
      s.classes.reduce(0) { $0 + ((level == nil || serves($1) == level) && p($1) ? $1.capacity ?? 0 : 0) }
    }
    let leaders: (TrainingClass) -> Bool = { !$0.ranks.isDisjoint(with: [.bureau, .county]) }
    let r = ReferenceRules.self
    var checked = 0
    for level in [nil, Level.province, .city] as [Level?] {
      let pairs: [(String, Int, Int)] = [
        ("rotation", seats(level) { $0.kind == .rotation && leaders($0) }, due([r.rotation], level)),
        (
          "systematic", seats(level) { $0.kind == .systematic && leaders($0) },
          due([r.systematicLeaders, r.systematicTeam], level)
        ),
        ("professional", seats(level) { $0.kind == .professional && leaders($0) }, due([r.professional], level)),
      ]
      for (name, seats, due) in pairs where due >= 50 {
        let ratio = Double(seats) / Double(due)
        #expect((0.85...0.97).contains(ratio), "\(name) at \(level?.rawValue ?? "all"): \(seats) seats for \(due) due")
        checked += 1
      }
    }
    #expect(checked == 9)
    let whole: [(String, Int, Int)] = [
      ("township", seats(nil) { $0.kind == .systematic && $0.tags == ["township-head"] }, due([r.townshipHeads], nil)),
      ("appointment", seats(nil) { $0.kind == .appointment }, due([r.appointment], nil)),
      ("initial", seats(nil) { $0.kind == .initial }, due([r.initial], nil)),
    ]
    for (name, seats, due) in whole {
      #expect(due >= 50, "\(name): only \(due) due")
      #expect((0.85...0.97).contains(Double(seats) / Double(max(1, due))), "\(name): \(seats) seats for \(due) due")
    }
  }

  @Test func historyMakesSomeCadresOverdue() {
    let s = province5
    let leaders = s.cadres.indices.filter { s.cadres[$0].rank == .bureau || s.cadres[$0].rank == .county }
    let overdue = leaders.map { i in
      [ReferenceRules.systematicLeaders, ReferenceRules.systematicTeam].compactMap {
        ReferenceRules.overdue($0, s.cadres[i], history: s.historyByCadre[i], year: s.year)
      }.max() ?? 0
    }
    let share = Double(overdue.filter { $0 >= 1 }.count) / Double(leaders.count)
    #expect((0.08...0.25).contains(share), "overdue share \(share)")
    #expect(overdue.filter { $0 >= 3 }.count * 50 > leaders.count, "few overdue by several years")
    for y in 2019...2024 {
      let rotated = leaders.filter { i in s.historyByCadre[i].contains { $0.kind == .rotation && $0.year == y } }
      #expect(Double(rotated.count) / Double(leaders.count) > 0.6, "rotation \(y)")
    }
    let now = s.history.filter { $0.year == s.year }
    #expect(!now.isEmpty && now.count * 50 < s.history.count)
    #expect(s.history.allSatisfy { (2019...2025).contains($0.year) && $0.institutionType != nil })
    // Grassroots cadres have history at their county party school too.
    let grassroots = s.cadres.indices.filter { s.cadres[$0].tags.contains("grassroots") }
    let trained = grassroots.filter { !s.historyByCadre[$0].isEmpty }.count
    #expect(Double(trained) / Double(grassroots.count) > 0.5)
  }

  // MARK: Summary

  @Test func summaryIsOneLine() {
    let s = GenerationSummary(
      name: "province", seed: 1, scale: 0.1, year: 2025, units: 4_212, cadres: 93_480, classes: 203,
      historyRows: 1_371_224, seconds: 1.94)
    #expect(
      s.line
        == "Generated province (seed 1, scale 0.1, year 2025): 4,212 units, 93,480 cadres, 203 classes, 1,371,224 history rows in 1.9 s."
    )
    var whole = s
    whole.scale = 1
    whole.cadres = 999
    #expect(whole.line.contains("scale 1.0,") && whole.line.contains(" 999 cadres"))
  }
}
