import CallupDomain
import Foundation
import Testing

@testable import CallupGenerator

/// Hard-rule breaches of a plan (assignments cadre → class) for the tests:
/// eligibility, availability, class size, no-duplicate (history counts),
/// release limits and the two-principals rule.
func hardRuleBreaches(_ s: Scenario, _ plan: [(CadreID, ClassID)]) -> [String] {
  var out: [String] = []
  var attendees: [ClassID: Int] = [:]
  var perCadre: [CadreID: [(kind: ClassKind, theme: String, span: DayRange)]] = [:]
  for h in s.history { perCadre[h.cadre, default: []].append((h.kind, h.theme, h.span)) }
  for (c, k) in plan {
    guard let cadre = s.cadre(c), let cls = s.trainingClass(k) else {
      out.append("unknown \(c) or \(k)")
      continue
    }
    attendees[k, default: 0] += 1
    if !cls.admits(cadre) { out.append("\(c) not admitted to \(k)") }
    if !cadre.isAvailable(during: cls.span) { out.append("\(c) unavailable for \(k)") }
    for p in perCadre[c] ?? [] {
      if p.span.overlaps(cls.span) { out.append("\(c): \(k) overlaps another training") }
      if p.span.first.year == cls.year, p.kind == cls.kind, cls.kind.isOncePerYear {
        out.append("\(c): second \(cls.kind) in \(cls.year)")
      }
      if !cls.theme.isEmpty, p.theme == cls.theme, abs(p.span.first.year - cls.year) < 5 {
        out.append("\(c): theme \(cls.theme) again")
      }
    }
    let thisYear = (perCadre[c] ?? []).filter { $0.span.first.year == cls.year && $0.kind.isOffTheJob }.count
    if thisYear >= 3 { out.append("\(c): more than 3 classes in \(cls.year)") }
    perCadre[c, default: []].append((cls.kind, cls.theme, cls.span))
  }
  for k in s.classes {
    let n = attendees[k.id] ?? 0
    if n > 0, n < k.minSize { out.append("\(k.id) held with \(n) < min_size \(k.minSize)") }
    if let cap = k.capacity, n > cap { out.append("\(k.id) over capacity") }
  }
  for (u, members) in s.cadresByUnit.enumerated() {
    let limit = s.releaseLimit(unitIndex: u)
    var days: [Int32: (all: Int, principals: Int)] = [:]
    for m in members {
      for t in perCadre[s.cadres[m].id] ?? [] where t.kind.isOffTheJob && t.span.first.year == s.year {
        for d in t.span.first.ordinal...t.span.last.ordinal {
          var v = days[d] ?? (0, 0)
          v.all += 1
          if s.cadres[m].isPrincipal { v.principals += 1 }
          days[d] = v
        }
      }
    }
    for d in days.keys.sorted() {
      if days[d]!.all > limit { out.append("\(s.units[u].id): \(days[d]!.all) away on \(Day(ordinal: d))") }
      if days[d]!.principals > 1 { out.append("\(s.units[u].id): both principals away on \(Day(ordinal: d))") }
    }
  }
  return out
}

@Suite struct TinyTests {
  let s = TinyScenario.scenario

  /// The plan scenarios/tiny/README.md expects (one of the rotation splits it allows).
  let expected: [(CadreID, ClassID)] = [
    ("P01", "C01"), ("P03", "C01"), ("P05", "C01"), ("P07", "C01"), ("P08", "C01"),
    ("P02", "C02"), ("P06", "C02"), ("P09", "C02"),
    ("P07", "C03"), ("P03", "C04"),
    ("P03", "C05"), ("P04", "C05"), ("P06", "C05"), ("P07", "C05"), ("P08", "C05"),
    ("P11", "C06"), ("P10", "C07"),
  ]

  @Test func isSound() {
    #expect(ScenarioInvariants.violations(in: s).isEmpty)
    #expect(s.cadres.count == 13 && s.units.count == 4 && s.classes.count == 8)
  }

  @Test func dueObligationsAreAsTheReadmeSays() {
    func overdue(_ rules: [CycleRule]) -> [String: Int] {
      var out: [String: Int] = [:]
      for (i, c) in s.cadres.enumerated() {
        let o = rules.compactMap { ReferenceRules.overdue($0, c, history: s.historyByCadre[i], year: 2025) }.max()
        if let o { out[c.id.rawValue] = o }
      }
      return out
    }
    let r = ReferenceRules.self
    #expect(overdue([r.rotation]) == ["P01": 0, "P02": 0, "P03": 0, "P05": 0, "P06": 0, "P07": 0, "P08": 0, "P09": 0])
    #expect(overdue([r.systematicLeaders, r.systematicTeam]) == ["P03": 5, "P07": 1, "P08": 0])
    #expect(overdue([r.townshipHeads]) == ["P11": 0, "P12": 2])
    #expect(
      overdue([r.professional])
        == ["P01": 0, "P02": 0, "P03": 0, "P04": 0, "P05": 0, "P06": 1, "P07": 0, "P08": 0, "P09": 1])
    #expect(overdue([r.appointment]) == ["P10": 1])  // none yet: overdue by `every`
    #expect(overdue([r.initial]) == ["P13": 1])
    #expect(s.releaseLimit(unitIndex: 1) == 1)
    #expect([0, 2, 3].allSatisfy { s.releaseLimit(unitIndex: $0) == 2 })
  }

  @Test func theExpectedPlanKeepsEveryHardRule() {
    #expect(hardRuleBreaches(s, expected) == [])
  }

  /// Each obligation the README calls unmet cannot be met by adding one seat
  /// to the expected plan, for the reason it gives.
  @Test(arguments: [
    ("P05", "C05", "U2: 2 away on 2025-06-16"),  // release limit of U2
    ("P09", "C05", "P09: theme emergency-management again"),  // theme in 2023
    ("P01", "C05", "P01 not admitted to C05"),  // bureau rank: eligibility
    ("P08", "C03", "C03 over capacity"),  // the one seat went to P07
    ("P08", "C04", "P08 not admitted to C04"),  // not young
    ("P12", "C06", "P12 unavailable for C06"),
    ("P13", "C08", "C08 held with 1 < min_size 3"),
    ("P04", "C01", "P04: second rotation in 2025"),  // rotation already in January
    ("P02", "C01", "U1: both principals away on 2025-04-07"),
    ("P12", "C07", "P12 not admitted to C07"),  // appointment training is for new appointees only
    ("P04", "C07", "P04 not admitted to C07"),
  ])
  func extraSeatBreaksARule(cadre: String, cls: String, breach: String) {
    let breaches = hardRuleBreaches(s, expected + [(CadreID(cadre), ClassID(cls))])
    #expect(breaches.contains(breach), "\(breaches)")
  }

  /// The expected plan is maximal: no seat can be added to it without
  /// breaking a hard rule, so soft rules (hours, quotas) cannot change it.
  @Test func noSeatCanBeAdded() {
    let taken = Set(expected.map { "\($0.0)/\($0.1)" })
    for c in s.cadres {
      for k in s.classes where !taken.contains("\(c.id)/\(k.id)") {
        #expect(!hardRuleBreaches(s, expected + [(c.id, k.id)]).isEmpty, "\(c.id) could join \(k.id)")
      }
    }
  }

  /// The committed scenarios/tiny files are `TinyScenario` written out.
  /// Regenerate: `CALLUP_REGENERATE=1 swift test --filter CallupGeneratorTests.TinyTests`.
  @Test func bundledTinyIsUpToDate() throws {
    let target = packageRoot.appendingPathComponent("scenarios/tiny")
    if ProcessInfo.processInfo.environment["CALLUP_REGENERATE"] == "1" {
      try ScenarioWriter.write(s, policyPath: TinyScenario.policyPath, to: target)
    }
    let fresh = try temporaryDirectory("tiny")
    try ScenarioWriter.write(s, policyPath: TinyScenario.policyPath, to: fresh)
    let committed = try readScenarioFiles(target)
    let generated = try readScenarioFiles(fresh)
    for f in scenarioFiles { #expect(committed[f] == generated[f], "scenarios/tiny/\(f) is stale") }
  }
}
