import CallupDomain

/// One due cycle obligation: cadre `cadre` owes a training that counts for
/// cycle rule `rule` in `year`.
///
/// A cadre matched by the rule's `who` is due in Y when its latest counting
/// training started in a year `≤ Y - every`, or it has none; it is overdue by
/// `Y - last - every` years (by `every` when it has none). The planner meets
/// overdue obligations first: their value grows with the years overdue.
public struct Obligation: Hashable, Sendable {
  /// Index of the cadre in `Scenario.cadres`.
  public var cadre: Int
  /// Index of the rule in `Policy.cycleRules`.
  public var rule: Int
  public var year: Int
  /// Start year of the latest counting training, if any.
  public var lastYear: Int?
  public var overdueYears: Int
  /// Value of meeting it, in the objective's money units.
  public var value: Double

  public var isOverdue: Bool { overdueYears >= 1 }
}

/// The unit-share requirement of one unit for one unit-share rule and year.
public struct UnitRequirement: Hashable, Sendable {
  public var unit: Int
  /// Index of the rule in `Policy.unitShareRules`.
  public var rule: Int
  public var year: Int
  /// Cadre indices matched by the rule's `who` in the unit.
  public var members: [Int]
  /// `ceil(share × members.count)`, exactly.
  public var required: Int
  /// Members who already attended a class of the rule's kinds in the year (history).
  public var alreadyTrained: Set<Int>
  /// Still to be sent by the plan: `max(0, required - alreadyTrained.count)`.
  public var need: Int { max(0, required - alreadyTrained.count) }
}

/// Who owes what in the planned year: derived from the scenario's cadres,
/// history and the policy's cycle and unit-share rules.
public struct ObligationBook: Sendable {
  public let year: Int
  public let obligations: [Obligation]
  /// Obligation indices per cadre index.
  public let byCadre: [[Int]]
  public let unitRequirements: [UnitRequirement]

  public init(scenario: Scenario, year: Int) {
    self.year = year
    let cycles = scenario.policy.cycleRules
    let weights = scenario.policy.objective
    var obligations: [Obligation] = []
    var byCadre = Array(repeating: [Int](), count: scenario.cadres.count)
    for (ci, cadre) in scenario.cadres.enumerated() {
      let history = scenario.historyByCadre[ci]
      for (ri, rule) in cycles.enumerated() where rule.who.matches(cadre, year: year) {
        guard let due = CycleStatus.evaluate(rule: rule, history: history, year: year) else { continue }
        let base = rule.weight ?? weights.obligation
        let value = base + weights.overdueYear * Double(min(due.overdueYears, 10))
        byCadre[ci].append(obligations.count)
        obligations.append(
          Obligation(
            cadre: ci, rule: ri, year: year, lastYear: due.lastYear, overdueYears: due.overdueYears,
            value: value))
      }
    }
    self.obligations = obligations
    self.byCadre = byCadre

    var requirements: [UnitRequirement] = []
    for (ri, rule) in scenario.policy.unitShareRules.enumerated() {
      for (ui, members) in scenario.cadresByUnit.enumerated() {
        let group = members.filter { rule.who.matches(scenario.cadres[$0], year: year) }
        guard !group.isEmpty else { continue }
        let required = rule.share.ceil(times: group.count)
        guard required > 0 else { continue }
        let trained = Set(
          group.filter { ci in
            scenario.historyByCadre[ci].contains { $0.year == year && rule.kinds.contains($0.kind) }
          })
        requirements.append(
          UnitRequirement(
            unit: ui, rule: ri, year: year, members: group, required: required, alreadyTrained: trained))
      }
    }
    self.unitRequirements = requirements
  }
}

/// Whether a cadre is due for a cycle rule in a year.
public enum CycleStatus {
  public struct Due: Hashable, Sendable {
    public var lastYear: Int?
    public var overdueYears: Int
    public init(lastYear: Int?, overdueYears: Int) {
      self.lastYear = lastYear
      self.overdueYears = overdueYears
    }
  }

  /// nil when the cadre is not due in `year`; else when it last trained and
  /// how many years it is overdue.
  public static func evaluate(rule: CycleRule, history: [HistoryRecord], year: Int) -> Due? {
    var last: Int? = nil
    for h in history where rule.counts(kind: h.kind, days: h.days) && h.year <= year {
      last = max(last ?? h.year, h.year)
    }
    if let last {
      guard last <= year - rule.every else { return nil }
      return Due(lastYear: last, overdueYears: year - last - rule.every)
    }
    return Due(lastYear: nil, overdueYears: rule.every)
  }
}
