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
  /// Not due this year: trained ahead of its cycle to even out a rotation
  /// plan's years. Never counted as due nor reported unmet.
  public var early = false

  public var isOverdue: Bool { overdueYears >= 1 }

  /// The value of an early obligation, as a share of a due one's: seats go
  /// to the due first.
  public static let earlyShare = 0.75
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

/// Where one cadre stands on one hours rule in the planned year, and the
/// amount the year's plan aims at (the pace of docs/contract.md), counted as the
/// training ledger counts it (`callup ledger status`).
///
/// Amounts are in the rule's unit: class hours, or days for `min_days`.
public struct HoursTarget: Hashable, Sendable {
  public var cadre: Int
  /// Index of the rule in `Policy.hoursRules`.
  public var rule: Int
  public var year: Int
  public var window: ClosedRange<Int>
  /// Counted in the window before the year.
  public var before: Double
  /// Counted in the year itself (history).
  public var thisYear: Double
  /// The window's minimum.
  public var minimum: Double
  /// The year's pace: `ceil((minimum − before) / years left in the window)`.
  public var yearPace: Double
  /// What the plan should add: the pace less what the year already has;
  /// 0 once the window's minimum is reached.
  public var pace: Double
  /// Behind pace before the year: the years of the window already past are
  /// short of their even share of the minimum (for a window of N years
  /// ending with the year, the N years before it fell short).
  public var behind: Bool
  /// Value of each unit of the pace met, in the objective's money units:
  /// the policy's value per hour (or day), more for a cadre behind pace,
  /// and up to a quarter more the more of the window's minimum is missing
  /// (the furthest behind first; it also spreads equal cadres apart, which
  /// keeps an LP of them quick).
  public var valuePerUnit: Double

  /// On track at the end of the year with `planned` more: the window's
  /// minimum is reached, or the year reaches its pace.
  public func onTrack(planned: Double) -> Bool {
    before + thisYear + planned >= minimum - 1e-9 || thisYear + planned >= yearPace - 1e-9
  }

  /// Where `cadre` stands on `rule` in `year`; nil when the rule does not
  /// match the cadre.
  public static func evaluate(
    rule: HoursRule, ruleIndex: Int, cadre ci: Int, scenario: Scenario, year: Int
  ) -> HoursTarget? {
    let cadre = scenario.cadres[ci]
    guard rule.who.matches(cadre, year: year) else { return nil }
    let window = rule.window(year: year, period: scenario.period)
    var before = 0.0, thisYear = 0.0, previous = 0.0
    var previousWindow: ClosedRange<Int>? = nil
    if case .years(let n) = rule.window { previousWindow = (year - n)...(year - 1) }
    for h in scenario.historyByCadre[ci] where rule.counts(kind: h.kind, institutionType: h.institutionType) {
      let a = rule.amount(hours: h.hours, days: h.days)
      if window.contains(h.year) {
        if h.year < year { before += a } else if h.year == year { thisYear += a }
      }
      if let previousWindow, previousWindow.contains(h.year) { previous += a }
    }
    let minimum = rule.minimum
    let yearsLeft = max(1, window.upperBound - year + 1)
    let yearPace = max(0, ((minimum - before) / Double(yearsLeft)).rounded(.up))
    let pace = before + thisYear >= minimum ? 0 : max(0, yearPace - thisYear)
    let behind: Bool
    if previousWindow != nil {
      behind = previous < minimum - 1e-9
    } else {
      let past = Double(min(window.count, max(0, year - window.lowerBound)))
      behind = before < minimum * past / Double(window.count) - 1e-9
    }
    let w = scenario.policy.objective
    let base = rule.countsDays ? w.day : w.hour
    let missing = max(0, minimum - before - thisYear) / max(minimum, 1)
    return HoursTarget(
      cadre: ci, rule: ruleIndex, year: year, window: window, before: before, thisYear: thisYear, minimum: minimum,
      yearPace: yearPace, pace: pace, behind: behind,
      valuePerUnit: base * (behind ? 1 + w.behindPace : 1) * (1 + 0.25 * missing))
  }
}

/// Who owes what in the planned year: derived from the scenario's cadres,
/// history and the policy's cycle and unit-share rules.
public struct ObligationBook: Sendable {
  public let year: Int
  public let obligations: [Obligation]
  /// Obligation indices per cadre index.
  public let byCadre: [[Int]]
  public let unitRequirements: [UnitRequirement]
  /// Every cadre's standing on every hours rule that matches it.
  public let hoursTargets: [HoursTarget]
  /// Indices of `hoursTargets` with a pace to meet (`pace > 0`), per cadre index.
  public let hoursByCadre: [[Int]]

  /// `early`: per cycle rule index, cadres not due in `year` to be trained
  /// ahead of their cycle (a rotation plan's pull-forward), each worth
  /// `Obligation.earlyShare` of a due obligation.
  public init(scenario: Scenario, year: Int, early: [Int: Set<Int>] = [:]) {
    self.year = year
    let cycles = scenario.policy.cycleRules
    let weights = scenario.policy.objective
    var obligations: [Obligation] = []
    var byCadre = Array(repeating: [Int](), count: scenario.cadres.count)
    for (ci, cadre) in scenario.cadres.enumerated() {
      let history = scenario.historyByCadre[ci]
      for (ri, rule) in cycles.enumerated() where rule.who.matches(cadre, year: year) {
        guard let due = CycleStatus.evaluate(rule: rule, history: history, year: year) else {
          if early[ri]?.contains(ci) == true {
            byCadre[ci].append(obligations.count)
            var o = Obligation(
              cadre: ci, rule: ri, year: year, lastYear: nil, overdueYears: 0,
              value: (rule.weight ?? weights.obligation) * Obligation.earlyShare)
            o.early = true
            obligations.append(o)
          }
          continue
        }
        let value = Self.value(of: rule, overdueYears: due.overdueYears, cadre: cadre, year: year, weights: weights)
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

    var targets: [HoursTarget] = []
    var hoursByCadre = Array(repeating: [Int](), count: scenario.cadres.count)
    let hoursRules = scenario.policy.hoursRules
    if !hoursRules.isEmpty {
      for ci in scenario.cadres.indices {
        for (ri, rule) in hoursRules.enumerated() {
          guard let t = HoursTarget.evaluate(rule: rule, ruleIndex: ri, cadre: ci, scenario: scenario, year: year)
          else { continue }
          if t.pace > 0 { hoursByCadre[ci].append(targets.count) }
          targets.append(t)
        }
      }
    }
    self.hoursTargets = targets
    self.hoursByCadre = hoursByCadre
  }
}

extension ObligationBook {
  /// The value of meeting a due obligation: the rule's weight and a value
  /// per year overdue, times the cadre's priority (the "key minority"
  /// first, `objective.priorities`); a hard rule's obligation is worth
  /// `objective.hard_break` more, so that it is broken only when it cannot hold.
  public static func value(
    of rule: CycleRule, overdueYears: Int, cadre: Cadre, year: Int, weights: ObjectiveWeights
  ) -> Double {
    let base = rule.weight ?? weights.obligation
    let value = (base + weights.overdueYear * Double(min(overdueYears, 10))) * weights.priority(of: cadre, year: year)
    return rule.hard ? value + weights.hardBreak : value
  }
}

/// Whether a cadre is due for a cycle rule in a year.
public enum CycleStatus {
  /// The start year of the latest training in `history` that counts for
  /// `rule`, up to and including `year`.
  public static func lastYear(rule: CycleRule, history: some Collection<HistoryRecord>, year: Int) -> Int? {
    var last: Int? = nil
    for h in history where rule.counts(h) && h.year <= year {
      last = max(last ?? h.year, h.year)
    }
    return last
  }

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
  public static func evaluate(rule: CycleRule, history: some Collection<HistoryRecord>, year: Int) -> Due? {
    if let last = lastYear(rule: rule, history: history, year: year) {
      guard last <= year - rule.every else { return nil }
      return Due(lastYear: last, overdueYears: year - last - rule.every)
    }
    return Due(lastYear: nil, overdueYears: rule.every)
  }
}
