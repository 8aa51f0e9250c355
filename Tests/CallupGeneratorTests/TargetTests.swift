import CallupDomain
import CallupRules
import Foundation
import Testing

@testable import CallupGenerator

/// The programme quotas of the default policy (002 四) against the generated
/// scenarios: every target has its cadres and classes with seats for it.
@Suite struct TargetTests {
  static let policy = packageRoot.appendingPathComponent("policies/default.yaml")

  /// The generator's programmes are the default policy's, figure for figure.
  @Test func referenceTargetsAreTheDefaultPolicys() throws {
    let p = try PolicyLoader.load(Self.policy)
    let rule = try #require(p.quotaRules.first { $0.info.id == "programme-quota" })
    #expect(rule.targets.map(\.programme) == ReferenceTargets.targets.map(\.programme))
    #expect(rule.targets == ReferenceTargets.targets)
    #expect(rule.tolerance == ReferenceTargets.tolerance)
    #expect(ReferenceTargets.Programme.allCases.count == rule.targets.count)
    #expect(ReferenceTargets.figure(.townshipSecretaries, scale: 0.05) == 50)
    #expect(ReferenceTargets.figure(.countyPartySchool, scale: 0.01) == 1)
    #expect(ReferenceTargets.figure(.townshipMayors, scale: 0.05) == 0)  // a share
    #expect(ReferenceTargets.seats(.townshipSecretaries, scale: 1) == 1_050)
  }

  /// `preset` written with the default policy and loaded as `callup plan` loads it.
  static func generated(_ preset: Preset, seed: UInt64, scale: Double) throws -> (Scenario, String) {
    let dir = try temporaryDirectory("targets-\(preset.rawValue)")
    _ = try ScenarioGenerator(preset: preset, seed: seed, scale: scale).write(to: dir, policyPath: policy.path)
    let yaml = try String(contentsOf: dir.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    return (try ScenarioLoader.load(dir).scenario, yaml)
  }

  /// Every quota target of the year has cadres, classes of the year its
  /// cadres are admitted to, and seats and cadres enough for its `lo`.
  /// Returns the programmes with their members, classes and seats.
  @discardableResult
  static func expectCovered(_ s: Scenario) -> [String: (members: Int, classes: Int, seats: Int, lo: Int)] {
    let book = TargetBook(scenario: s, year: s.year)
    var out: [String: (Int, Int, Int, Int)] = [:]
    for t in book.targets {
      guard case .quota = t.kind else { continue }
      let admitting = t.classes.filter { k in t.members.contains { s.classes[k].admits(s.cadres[$0]) } }
      let seats = admitting.reduce(0) { $0 + (s.classes[$1].capacity ?? t.members.count) }
      let reachable = t.members.filter { c in admitting.contains { s.classes[$0].admits(s.cadres[c]) } }.count
      #expect(!t.members.isEmpty, "\(t.name): no cadres")
      #expect(t.range.lo > 0 && !admitting.isEmpty, "\(t.name): no classes")
      #expect(min(seats, reachable) >= t.range.lo, "\(t.name): \(seats) seats, \(reachable) cadres for \(t.range.lo)")
      out[t.name] = (t.members.count, admitting.count, seats, t.range.lo)
    }
    return out
  }

  /// A province at 5 %: the programmes' figures times the scale, the two of
  /// ethnic areas left out (its one prefecture has none); each covered.
  @Test func provinceAtAScaleCountsTheScaledFigures() throws {
    let (s, yaml) = try Self.generated(.province, seed: 1, scale: 0.05)
    #expect(yaml.contains("# A province at scale 0.05, about 5 % of the whole: the programme quotas of the\n"))
    #expect(
      yaml.contains("# Left out, as no cadre of this scenario belongs to them:\n#   民族地区县处级领导干部进修, 民族地区县处级领导干部专题培训.\n"))
    let rule = try #require(s.policy.quotaRules.first)
    #expect(
      rule.targets.count == 10 && rule.info.source == "002 四(一)(2)(3)(4), (二)(1)(4), (六)(2), (七)(1)(2), (八)(3)(4)")
    let counts = Dictionary(uniqueKeysWithValues: rule.targets.map { ($0.programme, $0.amount) })
    #expect(counts["省委党校市厅级领导干部进修"] == .count(5) && counts["乡镇（街道）党（工）委书记培训"] == .count(50))
    #expect(counts["乡镇长（街道办主任）脱产培训"] == .share(ExactDecimal("0.2")!))
    let covered = Self.expectCovered(s)
    #expect(covered.count == 10)
    // The rest of the policy is the default's.
    #expect(
      s.policy.cycleRules.contains { $0.info.id == "young-non-party" } && s.policy.objective.priorities.count == 2)
  }

  /// A province at 10 % keeps two counties of ethnic areas: all twelve programmes.
  @Test func provinceWithEthnicAreasHasEveryProgramme() throws {
    let (s, yaml) = try Self.generated(.province, seed: 1, scale: 0.1)
    #expect(!yaml.contains("Left out"))
    let covered = Self.expectCovered(s)
    #expect(covered.count == 12, "\(covered.keys.sorted())")
    // The seminar for leaders of ethnic areas admits them alone.
    let seminar = s.classes.filter { $0.name.contains("民族地区县处级领导干部专题研讨班") }
    #expect(!seminar.isEmpty && seminar.allSatisfy { $0.tags == ["ethnic-area"] && $0.ranks == [.county] })
  }

  /// The bundled city: its own figures (scenario.yaml `rules:`), each covered.
  @Test func demoCityHasItsOwnFigures() throws {
    let s = try ScenarioLoader.load(packageRoot.appendingPathComponent("scenarios/demo-city")).scenario
    let rule = try #require(s.policy.quotaRules.first)
    #expect(rule.info.id == "programme-quota" && s.policy.quotaRules.count == 1)
    let covered = Self.expectCovered(s)
    #expect(
      Set(covered.keys) == [
        "省委党校市厅级领导干部进修", "省委党校县级领导班子成员进修", "“一把手”提能工程", "专业化能力一周培训", "乡镇（街道）党政正职进修",
        "乡镇长（街道办主任）脱产培训", "新进选调生培训", "民族地区县处级领导干部专题培训",
      ])
    // The seats it holds at the provincial party school (C002 for bureau level, C008 and C050 for county level).
    #expect(covered["省委党校市厅级领导干部进修"]?.lo == 7 && covered["省委党校县级领导班子成员进修"]?.seats == 19)
    #expect(covered["乡镇长（街道办主任）脱产培训"]?.lo == 12)  // a fifth of 56 township heads
  }

  /// Other seeds of the city preset, and a big city: covered too.
  @Test(arguments: [(Preset.city, UInt64(4), 1.0), (.bigCity, 2, 0.25)])
  func otherCitiesAreCovered(preset: Preset, seed: UInt64, scale: Double) throws {
    let (s, yaml) = try Self.generated(preset, seed: seed, scale: scale)
    #expect(yaml.contains("# A city is not a province"))
    let covered = Self.expectCovered(s)
    #expect(covered.count >= 5, "\(covered.keys.sorted())")
  }

  /// The province's classes serve what the rules ask: the principals'
  /// reading classes in spring, the bureau-level leaders' 进修班 at the
  /// provincial party school for about 100 of them, the others nationally.
  @Test func provinceClassesServeTheRules() {
    let s = province5
    let principals = s.cadres.filter { $0.isPrincipal && ($0.rank == .bureau || $0.rank == .county) }.count
    let spring = s.classes.filter {
      $0.kind == .reading && (3...5).contains($0.start.components.month) && $0.end.components.month <= 5
    }
    let seats = spring.reduce(0) { $0 + ($1.capacity ?? 0) }
    #expect(Double(seats) >= 0.85 * Double(principals), "\(seats) spring reading seats for \(principals) principals")
    #expect(s.classes.filter { $0.kind == .reading }.allSatisfy { spring.contains($0) })
    let atSchool = s.classes.filter { $0.kind == .systematic && $0.ranks == [.bureau] && $0.level == .province }
    #expect(atSchool.allSatisfy { $0.days == 56 } && atSchool.reduce(0) { $0 + ($1.capacity ?? 0) } == 6)
    #expect(s.classes.contains { $0.kind == .systematic && $0.ranks == [.bureau] && $0.level == .national })
    // Township secretaries and mayors are the two principals of a township.
    let secretaries = s.cadres.filter { $0.tags.contains("township-secretary") }
    let mayors = s.cadres.filter { $0.tags.contains("township-mayor") }
    #expect(secretaries.count == mayors.count && secretaries.allSatisfy { $0.isPrincipal && $0.party == .cpc })
    #expect(secretaries.count * 2 == s.cadres.filter { $0.tags.contains("township-head") }.count)
    // Provincial organs: their civil servants; their branch secretaries are party members of section rank.
    let branch = s.cadres.filter { $0.tags.contains("branch-secretary") }
    #expect(!branch.isEmpty && branch.allSatisfy { $0.rank == .section && $0.tags.contains("provincial-organ") })
  }
}
