import CallupDomain
import CallupPlan

/// Where each cadre stands in a year, from the ledger: per cycle rule due or
/// overdue, per hours rule the hours in the window against the minimum and
/// the year's pace; and the same summed per unit.
///
/// Cycle rules count attended trainings only (an absence or a call-up still
/// planned leaves the cadre due); hours rules count credited hours (attended
/// and left early).
public struct LedgerStatus: Sendable {
  /// A cadre's standing on one cycle rule in the year.
  public enum CycleState: Hashable, Sendable, CustomStringConvertible {
    /// Trained recently enough: nothing due this year.
    case notDue
    /// Attended a counting training this year.
    case met
    /// Due this year (last training exactly `every` years ago).
    case due
    /// Due and late by this many years.
    case overdue(Int)

    /// To attend this year: due or overdue.
    public var isDue: Bool {
      switch self {
      case .due, .overdue: true
      case .notDue, .met: false
      }
    }
    public var description: String {
      switch self {
      case .notDue: "not due"
      case .met: "met"
      case .due: "due"
      case .overdue(let n): "overdue \(n)"
      }
    }
  }

  public struct CycleLine: Sendable {
    public var cadre: Cadre
    public var rule: RuleID
    /// Year of the latest attended counting training, if any.
    public var lastYear: Int?
    public var state: CycleState
    /// The year's counting trainings of any status (planned, attended, absent, left early).
    public var thisYear: [Training]
  }

  /// A cadre's standing on one hours rule.
  public enum HoursState: String, Hashable, Sendable {
    /// The window's minimum is reached.
    case met
    /// This year's credited and planned hours reach the pace.
    case onTrack = "on track"
    /// They do not.
    case behind
  }

  public struct HoursLine: Sendable {
    public var cadre: Cadre
    public var rule: RuleID
    public var window: ClosedRange<Int>
    /// The rule counts days (`min_days`) rather than hours.
    public var inDays: Bool
    /// Credited in the window up to the year (the year included).
    public var done: Double
    /// Of which in the year itself.
    public var doneThisYear: Double
    /// Of planned call-ups in the year.
    public var planned: Double
    public var minimum: Double
    /// This year's target: `ceil((minimum − done before the year) / years left in the window)`.
    public var pace: Double
    public var state: HoursState
  }

  public struct UnitLine: Sendable {
    public var unit: Unit
    public var cadres: Int
    /// Cycle obligations still to attend this year (due or overdue).
    public var due: Int
    /// Of which overdue by at least a year.
    public var overdue: Int
    /// Of which a call-up is planned this year.
    public var planned: Int
    /// Cycle obligations met this year.
    public var met: Int
    /// Hours rules met or on track.
    public var hoursOnTrack: Int
    public var hoursBehind: Int
  }

  public var scenario: String
  public var policy: String
  public var year: Int
  public var cycles: [CycleLine]
  public var hours: [HoursLine]
  public var units: [UnitLine]

  /// Computes the status of the scenario's cadres (those of `cadre` or
  /// `unit` only, when given) in `year` from the ledger's trainings.
  public init(scenario s: Scenario, trainings: [Training], year: Int, cadre: CadreID? = nil, unit: UnitID? = nil) {
    self.scenario = s.name
    self.policy = s.policy.name
    self.year = year
    var byCadre: [CadreID: [Training]] = [:]
    for t in trainings where t.year <= year { byCadre[t.cadre, default: []].append(t) }
    let shown = s.cadres.filter { c in (cadre == nil || c.id == cadre) && (unit == nil || c.unit == unit) }
    var cycles: [CycleLine] = []
    var hours: [HoursLine] = []
    for c in shown {
      let ts = byCadre[c.id] ?? []
      for rule in s.policy.cycleRules where rule.who.matches(c, year: year) {
        cycles.append(Self.cycle(rule, cadre: c, trainings: ts, year: year))
      }
      for rule in s.policy.hoursRules where rule.who.matches(c, year: year) {
        if let line = Self.hours(rule, cadre: c, trainings: ts, year: year, period: s.period) { hours.append(line) }
      }
    }
    self.cycles = cycles
    self.hours = hours
    var units: [UnitLine] = []
    for u in s.units {
      let members = shown.filter { $0.unit == u.id }
      if members.isEmpty { continue }
      let ids = Set(members.map(\.id))
      let cy = cycles.filter { ids.contains($0.cadre.id) }
      let hs = hours.filter { ids.contains($0.cadre.id) }
      units.append(
        UnitLine(
          unit: u, cadres: members.count, due: cy.filter(\.state.isDue).count,
          overdue: cy.filter { if case .overdue(let n) = $0.state { n >= 1 } else { false } }.count,
          planned: cy.filter { $0.state.isDue && $0.thisYear.contains { $0.status == .planned } }.count,
          met: cy.filter { $0.state == .met }.count, hoursOnTrack: hs.filter { $0.state != .behind }.count,
          hoursBehind: hs.filter { $0.state == .behind }.count))
    }
    self.units = units
  }

  static func cycle(_ rule: CycleRule, cadre: Cadre, trainings: [Training], year: Int) -> CycleLine {
    let counting = trainings.filter { rule.counts(kind: $0.kind, start: $0.start, days: $0.days) }
    let last = counting.filter { $0.status == .attended }.map(\.year).max()
    let state: CycleState
    if let last {
      if last == year {
        state = .met
      } else if last <= year - rule.every {
        let late = year - last - rule.every
        state = late >= 1 ? .overdue(late) : .due
      } else {
        state = .notDue
      }
    } else {
      state = rule.every >= 1 ? .overdue(rule.every) : .due
    }
    return CycleLine(
      cadre: cadre, rule: rule.info.id, lastYear: last, state: state, thisYear: counting.filter { $0.year == year })
  }

  static func hours(
    _ rule: HoursRule, cadre: Cadre, trainings: [Training], year: Int, period: ClosedRange<Int>
  ) -> HoursLine? {
    let inDays: Bool
    let minimum: Double
    if let h = rule.minHours {
      inDays = false
      minimum = h
    } else if let d = rule.minDays {
      inDays = true
      minimum = d
    } else {
      return nil
    }
    let window: ClosedRange<Int>
    switch rule.window {
    case .period: window = period
    case .years(let n): window = (year - max(1, n) + 1)...year
    }
    var before = 0.0, thisYear = 0.0, planned = 0.0
    for t in trainings where window.contains(t.year) {
      if !rule.kinds.isEmpty, !rule.kinds.contains(t.kind) { continue }
      if !rule.institutionTypes.isEmpty {
        guard let type = t.institutionType, rule.institutionTypes.contains(type) else { continue }
      }
      if t.status == .planned {
        if t.year == year { planned += inDays ? Double(t.days) : t.hours }
        continue
      }
      let amount = inDays ? t.creditedDays : t.creditedHours
      if t.year < year { before += amount } else if t.year == year { thisYear += amount }
    }
    let yearsLeft = max(1, window.upperBound - year + 1)
    let pace = max(0, ((minimum - before) / Double(yearsLeft)).rounded(.up))
    let done = before + thisYear
    let state: HoursState = done >= minimum ? .met : (thisYear + planned >= pace ? .onTrack : .behind)
    return HoursLine(
      cadre: cadre, rule: rule.info.id, window: window, inDays: inDays, done: done, doneThisYear: thisYear,
      planned: planned, minimum: minimum, pace: pace, state: state)
  }

  /// The status as text tables: cycle rules, hours rules, units.
  public var text: String {
    let cadreCount = Set(cycles.map(\.cadre.id) + hours.map(\.cadre.id)).count
    var out = [
      "Ledger status \(year) · scenario \(scenario) · policy \(policy) · \(cadreCount) cadre\(cadreCount == 1 ? "" : "s") in \(units.count) unit\(units.count == 1 ? "" : "s")",
      "",
      "Cycle rules (from attended trainings; an absence leaves the cadre due)",
    ]
    var ct = TextTable(header: ["cadre", "name", "unit", "rule", "last", "state", "\(year)"])
    for l in cycles {
      let calls = l.thisYear.map { t in "\(t.classID?.rawValue ?? t.start.iso) \(t.status.rawValue)" }
      ct.rows.append([
        l.cadre.id.rawValue, l.cadre.name, l.cadre.unit.rawValue, l.rule.rawValue, l.lastYear.map(String.init) ?? "-",
        l.state.description, calls.isEmpty ? "-" : calls.joined(separator: ", "),
      ])
    }
    out += cycles.isEmpty ? ["(no cycle rule applies)"] : ct.lines
    out += ["", "Hours rules (credited hours, or days, in the window; pace: this year's share of what is left)"]
    var ht = TextTable(
      header: ["cadre", "name", "rule", "window", "done", "\(year)", "planned", "minimum", "pace", "state"],
      rightAligned: [4, 5, 6, 7, 8])
    for l in hours {
      let u = l.inDays ? " d" : " h"
      let window =
        l.window.lowerBound == l.window.upperBound
        ? "\(l.window.lowerBound)" : "\(l.window.lowerBound)–\(l.window.upperBound)"
      ht.rows.append([
        l.cadre.id.rawValue, l.cadre.name, l.rule.rawValue, window, formatAmount(l.done) + u,
        formatAmount(l.doneThisYear) + u, formatAmount(l.planned) + u, formatAmount(l.minimum) + u,
        formatAmount(l.pace) + u, l.state.rawValue,
      ])
    }
    out += hours.isEmpty ? ["(no hours rule applies)"] : ht.lines
    out += [
      "", "Units (cycle obligations to attend in \(year), of them overdue and planned; met this year; hours rules)",
    ]
    var ut = TextTable(
      header: ["unit", "name", "cadres", "due", "overdue", "planned", "met", "on track", "behind"],
      rightAligned: Set(2...8))
    for u in units {
      ut.rows.append([
        u.unit.id.rawValue, u.unit.name, "\(u.cadres)", "\(u.due)", "\(u.overdue)", "\(u.planned)", "\(u.met)",
        "\(u.hoursOnTrack)", "\(u.hoursBehind)",
      ])
    }
    out += units.isEmpty ? ["(no cadre)"] : ut.lines
    return out.joined(separator: "\n")
  }
}

/// Hours or days for the status table: whole numbers as they are, others
/// with one decimal.
func formatAmount(_ x: Double) -> String {
  x == x.rounded() ? String(Int64(x)) : String(format: "%.1f", x)
}
