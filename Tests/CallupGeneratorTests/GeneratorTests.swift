import CallupDomain
import Foundation
import Testing

@testable import CallupGenerator

/// The bundled demo-city scenario, generated once for the suite.
let demoCity = ScenarioGenerator(preset: .city, seed: Preset.city.bundledSeed).generate()

@Suite struct GeneratorTests {
  @Test func sameSeedGivesByteIdenticalFiles() throws {
    let a = try temporaryDirectory("same-a")
    let b = try temporaryDirectory("same-b")
    try ScenarioGenerator.writeScenario(preset: .city, seed: 11, to: a)
    try ScenarioGenerator.writeScenario(preset: .city, seed: 11, to: b)
    let fa = try readScenarioFiles(a)
    let fb = try readScenarioFiles(b)
    for f in scenarioFiles { #expect(fa[f] == fb[f], "\(f) differs") }
  }

  @Test func differentSeedsGiveDifferentScenarios() {
    let a = ScenarioGenerator(preset: .city, seed: 1).generate()
    let b = ScenarioGenerator(preset: .city, seed: 2).generate()
    #expect(ScenarioWriter.cadresCSV(a.cadres) != ScenarioWriter.cadresCSV(b.cadres))
    #expect(ScenarioWriter.historyCSV(a.history) != ScenarioWriter.historyCSV(b.history))
    #expect(ScenarioWriter.classesCSV(a.classes) != ScenarioWriter.classesCSV(b.classes))
  }

  @Test(arguments: [(Preset.city.bundledSeed, 1.0), (1, 1.0), (77, 1.0), (5, 0.4), (9, 1.6)])
  func structureIsSound(seed: UInt64, scale: Double) {
    let s = ScenarioGenerator(preset: .city, seed: seed, scale: scale).generate()
    let problems = ScenarioInvariants.violations(in: s)
    #expect(problems.isEmpty, "\(problems.prefix(10))")
    #expect(!s.cadres.isEmpty && !s.classes.isEmpty && !s.history.isEmpty)
  }

  @Test(arguments: [(2027, 0.05), (2030, 3.0)])
  func otherYearsAndScalesAreSound(year: Int, scale: Double) {
    let s = ScenarioGenerator(preset: .city, seed: 6, scale: scale, year: year).generate()
    #expect(ScenarioInvariants.violations(in: s).isEmpty)
    #expect(s.year == year && s.period == (year - 1)...(year + 3))
    #expect(s.classes.allSatisfy { $0.year == year } && s.history.allSatisfy { $0.year <= year })
    #expect(s.cadres.contains { $0.appointed?.year == year && $0.tags.contains("new-appointee") })
  }

  @Test func scaleChangesTheStaffNotTheLeaders() {
    let small = ScenarioGenerator(preset: .city, seed: 3, scale: 0.5).generate()
    let large = ScenarioGenerator(preset: .city, seed: 3, scale: 1.5).generate()
    #expect(small.cadres.count * 3 / 2 < large.cadres.count)
    #expect(small.cadres.filter { $0.rank == .bureau }.count == large.cadres.filter { $0.rank == .bureau }.count)
  }

  @Test(arguments: [Preset.city.bundledSeed, 4, 8, 15])
  func cityCountsAreInTheIntendedRanges(seed: UInt64) {
    let s = seed == Preset.city.bundledSeed ? demoCity : ScenarioGenerator(preset: .city, seed: seed).generate()
    func count(_ p: (Cadre) -> Bool) -> Int { s.cadres.filter(p).count }
    func share(_ p: (Cadre) -> Bool) -> Double { Double(count(p)) / Double(s.cadres.count) }
    #expect((85...130).contains(s.units.count))
    #expect((1_700...2_300).contains(s.cadres.count))
    #expect((30...55).contains(count { $0.rank == .bureau }))
    #expect((480...650).contains(count { $0.rank == .county }))
    #expect((780...1_150).contains(count { $0.rank == .section }))
    #expect((330...500).contains(count { $0.rank == .staff }))
    #expect((60...80).contains(s.classes.count))
    #expect((0.25...0.35).contains(share { $0.gender == .female }))
    #expect((0.03...0.08).contains(share { $0.party == .nonParty }))
    #expect((0.06...0.15).contains(share { $0.tags.contains("ethnic-minority") }))
    #expect((0.03...0.08).contains(share { !$0.unavailable.isEmpty }))
    #expect(count { $0.tags.contains("township-head") } >= 36)
    #expect(count { $0.tags.contains("city-county-team") } >= 80)
    for tag in ["young", "selected-graduate", "soe", "institution", "grassroots", "new-appointee"] {
      #expect(count { $0.tags.contains(tag) } > 0, "no \(tag)")
    }
    // About a tenth of county and section cadres were appointed in the plan year.
    let midRanks = s.cadres.filter { $0.rank == .county || $0.rank == .section }
    let appointedNow = midRanks.filter { $0.appointed?.year == s.year }.count
    #expect((0.07...0.13).contains(Double(appointedNow) / Double(midRanks.count)))
    // New appointees are exactly those appointed in the plan year.
    #expect(s.cadres.allSatisfy { $0.tags.contains("new-appointee") == ($0.appointed?.year == s.year) })
    // Every party/government unit has at most two principals; the committees have two.
    let committees = s.units.indices.filter { s.units[$0].name.hasPrefix("中共") && s.units[$0].name.hasSuffix("委员会") }
    #expect(committees.count >= 7)
    for u in committees { #expect(s.cadresByUnit[u].filter { s.cadres[$0].isPrincipal }.count == 2) }
    // A few units override the release defaults; most do not.
    let overrides = s.units.filter { $0.maxAway != nil || $0.maxAwayShare != nil }.count
    #expect((1...15).contains(overrides))
    #expect(s.units.allSatisfy { ($0.headcount ?? 0) > 0 })
  }

  @Test func classesAreRealistic() {
    let s = demoCity
    let blackout = TrainingCalendar.blackout(s.year)
    #expect(blackout[0] == DayRange(first: Day(iso: "2025-01-25")!, last: Day(iso: "2025-02-09")!))
    for k in s.classes {
      #expect(!blackout.contains { $0.overlaps(k.span) }, "\(k.id) in a holiday")
      #expect((6...8).contains(k.hours / Double(k.days)), "\(k.id) hours")
      #expect((800...6_000).contains(k.costPerSeat), "\(k.id) seat cost")
      #expect((20_000...120_000).contains(k.fixedCost), "\(k.id) fixed cost")
      let cap = k.capacity ?? 0
      #expect(k.minSize == Int((Double(cap) * 0.6).rounded(.up)), "\(k.id) min_size")
      #expect(!k.name.isEmpty && k.name.unicodeScalars.contains { $0.value >= 0x4E00 })
      if k.level == .province, k.institution.rawValue.contains("省委党校") {
        #expect((5...15).contains(cap), "\(k.id) provincial quota")
        #expect(k.region.rawValue != "minzhou")
        #expect(!k.ranks.isEmpty && k.ranks.isSubset(of: [.bureau, .county]))
      }
    }
    let kinds = Set(s.classes.map(\.kind))
    #expect(kinds == [.rotation, .systematic, .professional, .reading, .appointment, .initial, .special])
    #expect(s.classes.contains { $0.kind == .systematic && $0.tags == ["young"] })
    #expect(s.classes.contains { $0.kind == .systematic && $0.tags == ["township-head"] })
    #expect(s.classes.contains { $0.kind == .special && $0.tags == ["non-party"] })
    #expect(s.classes.contains { $0.kind == .special && $0.tags == ["ethnic-minority"] })
    #expect(s.classes.contains { $0.institutionType == .cadreCollege })
    #expect(s.classes.contains { $0.institutionType == .university })
    let reading = s.classes.filter { $0.kind == .reading }
    // Spring: inside the spring-reading window 03-01 … 05-31.
    #expect(reading.allSatisfy { (3...5).contains($0.start.components.month) && ($0.capacity ?? 99) <= 40 })
    #expect(
      s.classes.filter { $0.kind == .appointment || $0.kind == .initial }.allSatisfy { $0.tags == ["new-appointee"] })
    let rotation = s.classes.filter { $0.kind == .rotation && $0.level == .city }
    #expect(rotation.count >= 6)
    #expect(rotation.allSatisfy { (3...5).contains($0.days) && (40...80).contains($0.capacity ?? 0) })
    #expect(Set(rotation.map { $0.start.components.month }).count >= 6)
  }

  /// Seats of the classes serving each obligation are 85–97 % of the cadres due.
  @Test(arguments: [Preset.city.bundledSeed, 21])
  func capacityIsALittleShortOfDemand(seed: UInt64) {
    let s = seed == Preset.city.bundledSeed ? demoCity : ScenarioGenerator(preset: .city, seed: seed).generate()
    func due(_ rules: [CycleRule], where p: (Cadre) -> Bool = { _ in true }) -> Int {
      s.cadres.indices.filter { i in
        p(s.cadres[i])
          && rules.contains { ReferenceRules.isDue($0, s.cadres[i], history: s.historyByCadre[i], year: s.year) }
      }.count
    }
    func seats(_ p: (TrainingClass) -> Bool) -> Int { s.classes.filter(p).reduce(0) { $0 + ($1.capacity ?? 0) } }
    let leaders: (TrainingClass) -> Bool = { !$0.ranks.isDisjoint(with: [.bureau, .county]) }
    let pairs: [(String, Int, Int)] = [
      ("rotation", seats { $0.kind == .rotation }, due([ReferenceRules.rotation])),
      (
        "systematic", seats { $0.kind == .systematic && leaders($0) },
        due([ReferenceRules.systematicLeaders, ReferenceRules.systematicTeam])
      ),
      (
        "township", seats { $0.kind == .systematic && $0.tags == ["township-head"] },
        due([ReferenceRules.townshipHeads])
      ),
      ("professional", seats { $0.kind == .professional && leaders($0) }, due([ReferenceRules.professional])),
      ("appointment", seats { $0.kind == .appointment }, due([ReferenceRules.appointment])),
      ("initial", seats { $0.kind == .initial }, due([ReferenceRules.initial])),
    ]
    for (name, seats, due) in pairs {
      let r = Double(seats) / Double(max(1, due))
      #expect(due >= 10, "\(name): only \(due) due")
      #expect(
        (0.85...0.97).contains(r) || (name == "township" && seats - due <= 2 && seats <= due),
        "\(name): \(seats) seats for \(due) due")
    }
  }

  @Test func historyLooksLikeALedger() {
    let s = demoCity
    let leaders = s.cadres.indices.filter { s.cadres[$0].rank <= .county }
    let overdue = leaders.filter { i in
      [ReferenceRules.systematicLeaders, ReferenceRules.systematicTeam].contains {
        (ReferenceRules.overdue($0, s.cadres[i], history: s.historyByCadre[i], year: s.year) ?? 0) >= 1
      }
    }
    let share = Double(overdue.count) / Double(leaders.count)
    #expect((0.10...0.15).contains(share), "overdue share \(share)")
    // Most leaders had a rotation class each past year.
    for y in 2020...2024 {
      let rotated = leaders.filter { i in s.historyByCadre[i].contains { $0.kind == .rotation && $0.year == y } }
      #expect(Double(rotated.count) / Double(leaders.count) > 0.6, "rotation \(y)")
    }
    // Themes occur in the history of professional training.
    #expect(s.history.filter { $0.kind == .professional && !$0.theme.isEmpty }.count > 1_000)
    // The plan year's history is rare but present: rotations already done, provincial classes under way.
    let now = s.history.filter { $0.year == s.year }
    #expect(!now.isEmpty && now.count * 50 < s.history.count)
    #expect(now.contains { $0.kind == .rotation } && now.contains { $0.kind == .systematic })
    #expect(s.history.allSatisfy { $0.year >= 2019 && (6...8).contains($0.hours / Double($0.days)) })
    #expect(s.history.allSatisfy { $0.institutionType != nil && $0.classID == nil })
  }

  /// The committed scenarios/demo-city files are what the generator writes.
  ///
  /// To regenerate them after a change to the generator, run
  /// `CALLUP_REGENERATE=1 swift test --filter CallupGeneratorTests.GeneratorTests/bundledDemoCityIsUpToDate`.
  @Test func bundledDemoCityIsUpToDate() throws {
    let target = packageRoot.appendingPathComponent("scenarios/demo-city")
    if ProcessInfo.processInfo.environment["CALLUP_REGENERATE"] == "1" {
      let g = ScenarioGenerator(preset: .city, seed: Preset.city.bundledSeed)
      try ScenarioWriter.write(
        demoCity, policyPath: ScenarioGenerator.policyPath, rules: g.targetRules(demoCity), to: target)
    }
    let fresh = try temporaryDirectory("demo-city")
    try ScenarioGenerator.writeScenario(preset: .city, seed: Preset.city.bundledSeed, to: fresh)
    let committed = try readScenarioFiles(target)
    let generated = try readScenarioFiles(fresh)
    for f in scenarioFiles { #expect(committed[f] == generated[f], "scenarios/demo-city/\(f) is stale") }
  }
}
