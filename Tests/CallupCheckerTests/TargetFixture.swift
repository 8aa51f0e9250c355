import CallupDomain
import Foundation

@testable import CallupChecker

/// Target rules added to the tiny city (``Fixture``), with cadres of units of
/// their own (no class, no cycle or unit-share rule touches them) and online
/// history rows (never away) to train them in 2025.
enum TargetFixture {
  typealias F = Fixture

  static func d(_ s: String) -> ExactDecimal { ExactDecimal(s)! }

  /// `programmes`: one quota rule of the given targets.
  static func quota(
    _ targets: [QuotaTarget], id: String = "programmes", tolerance: String = "0", hard: Bool = false
  ) -> Rule {
    .quota(
      QuotaRule(info: RuleInfo(id: RuleID(id), type: "quota"), targets: targets, tolerance: d(tolerance), hard: hard))
  }

  /// County leaders in rotation classes: P1 and P2 by C1, P4 by history H1 (2025): 3.
  static func rotationTarget(
    count: Int = 10, tolerance: String? = "0.15", atLeast: Bool = false, atMost: Bool = false,
    classes: ClassSelector = ClassSelector(kinds: [.rotation])
  ) -> QuotaTarget {
    QuotaTarget(
      programme: "县处级轮训", who: Selector(ranks: [.county]), classes: classes, amount: .count(count),
      atLeast: atLeast, atMost: atMost, tolerance: tolerance.map(d))
  }

  /// `n` section-rank cadres `Q01…` tagged `tags`, the first `female` of them
  /// women, spread over units `U3…` (`perUnit` each, all when nil).
  static func pool(
    _ n: Int, prefix: String = "Q", tags: Set<String> = ["pool"], female: Int = 0, perUnit: Int? = nil
  ) -> [Cadre] {
    (1...n).map { i in
      let unit = 3 + (perUnit.map { (i - 1) / $0 } ?? 0)
      return Cadre(
        id: CadreID(id(prefix, i)), name: "干部\(i)", unit: UnitID("U\(unit)"), rank: .section, tags: tags,
        gender: i <= female ? .female : .male)
    }
  }

  static func id(_ prefix: String, _ i: Int) -> String { prefix + (i < 10 ? "0" : "") + String(i) }

  /// An online training of 2025 (never away, so no release or KPI changes).
  static func online(_ cadre: String, year: Int = 2025) -> HistoryRecord {
    HistoryRecord(cadre: CadreID(cadre), kind: .online, start: F.day("\(year)-04-01"), days: 1, hours: 2)
  }

  /// The tiny city with `rules` added, `extra` cadres (and the units they
  /// name) and `history` rows.
  static func scenario(
    _ rules: [Rule], extra: [Cadre] = [], history: [HistoryRecord] = [], change: (inout Scenario) -> Void = { _ in }
  ) -> Scenario {
    F.scenario { s in
      s.policy.rules += rules
      let known = Set(s.units.map(\.id))
      for u in Set(extra.map(\.unit)).subtracting(known).sorted(by: { $0.rawValue < $1.rawValue }) {
        s.units.append(CallupDomain.Unit(id: u, name: "乡镇 \(u.rawValue)", region: "R2"))
      }
      s.cadres += extra
      s.history += history
      change(&s)
    }
  }

  static func entry(
    _ rule: String, _ name: String, lo: Int, hi: Int?, planned: Int, _ status: String, year: Int = 2025
  ) -> PlanFile.TargetEntry {
    PlanFile.TargetEntry(rule: rule, name: name, year: year, lo: lo, hi: hi, planned: planned, status: status)
  }

  /// The valid plan of the tiny city with these `targets`.
  static func plan(_ targets: [PlanFile.TargetEntry], change: (inout PlanFile) -> Void = { _ in }) -> PlanFile {
    F.plan { p in
      p.targets = targets
      change(&p)
    }
  }

  static func check(_ s: Scenario, _ p: PlanFile) -> CheckReport { F.check(scenario: s, plan: p) }

  static func conflict(_ rules: [String], year: Int = 2025) -> PlanFile.Conflict {
    PlanFile.Conflict(
      rules: rules, year: year, message: "programmes needs 10 county leaders; the rotation classes seat 3.",
      needed: 10, available: 3)
  }
}
