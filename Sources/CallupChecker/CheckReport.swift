/// One way a plan breaks a rule or the contract, said for planners.
public struct CheckViolation: Sendable, Hashable, CustomStringConvertible {
  /// The rule or contract part broken: `format`, `rosters`, `notices`,
  /// `eligibility`, `availability`, `class-size`, `overlap`, `one-per-kind`,
  /// `max-per-year`, `theme`, `release-limit`, `principals`, `unmet`,
  /// `unit-shortfall`, `kpi`, `target`, `hard-target`, `hard-cycle`,
  /// `conflict` or `objective`.
  public var rule: String
  /// A sentence naming the cadre (id and name), class, unit and day as relevant.
  public var message: String

  public init(rule: String, message: String) {
    self.rule = rule
    self.message = message
  }

  /// `[rule] message`.
  public var description: String { "[\(rule)] \(message)" }
}

/// What a check of a plan found.
public struct CheckReport: Sendable {
  /// The violations, at most ``PlanChecker/maxListedPerRule`` per rule; when a
  /// rule has more, a last entry of that rule says how many were left out.
  public var violations: [CheckViolation]
  /// What was checked, with counts, one line each.
  public var summary: [String]
  /// Violations found but not listed, per rule.
  public var omitted: [String: Int]

  public init(violations: [CheckViolation] = [], summary: [String] = [], omitted: [String: Int] = [:]) {
    self.violations = violations
    self.summary = summary
    self.omitted = omitted
  }

  /// True when the plan breaks no rule and keeps the contract.
  public var holds: Bool { violations.isEmpty }

  /// The violations of one rule.
  public func violations(of rule: String) -> [CheckViolation] { violations.filter { $0.rule == rule } }
}

/// Collects violations, keeping the first `limit` of each rule and counting the rest.
struct ViolationLog {
  let limit: Int
  private(set) var listed: [CheckViolation] = []
  private(set) var counts: [String: Int] = [:]
  private var order: [String] = []
  var summary: [String] = []

  init(limit: Int) { self.limit = limit }

  mutating func add(_ rule: String, _ message: String) {
    let n = counts[rule, default: 0]
    if n == 0 { order.append(rule) }
    counts[rule] = n + 1
    if n < limit { listed.append(CheckViolation(rule: rule, message: message)) }
  }

  mutating func note(_ line: String) { summary.append(line) }

  func count(_ rule: String) -> Int { counts[rule, default: 0] }

  var total: Int { counts.values.reduce(0, +) }

  func report() -> CheckReport {
    var out = listed
    var omitted: [String: Int] = [:]
    for rule in order {
      let extra = counts[rule, default: 0] - limit
      if extra > 0 {
        omitted[rule] = extra
        let noun = extra == 1 ? "violation" : "violations"
        out.append(CheckViolation(rule: rule, message: "… and \(extra) more \(rule) \(noun), not listed."))
      }
    }
    var lines = summary
    if counts.isEmpty {
      lines.append("Result: the plan holds.")
    } else {
      let parts = order.map { "\($0) \(counts[$0, default: 0])" }.joined(separator: ", ")
      lines.append("Result: \(total) violation\(total == 1 ? "" : "s") (\(parts)).")
    }
    return CheckReport(violations: out, summary: lines, omitted: omitted)
  }
}
