import CallupDomain
import Foundation

/// Checks a plan against a scenario: the format of plan.json, rosters.csv and
/// notices.csv, every hard rule, and the accounting of unmet obligations,
/// unit shortfalls, KPIs and targets, as docs/contract.md states them; hard
/// rules and hard targets hold unless an infeasible plan names them in a
/// conflict.
///
/// It re-derives every rule from the contract and shares no code with the
/// formulation, so it can check plans that were solved, edited by hand or
/// made by another program.
///
/// ```swift
/// let report = PlanChecker(scenario: scenario).check(planDirectory: out)
/// if !report.holds { report.violations.forEach { print($0) } }
/// ```
public struct PlanChecker: Sendable {
  /// At most this many violations of one rule are listed; the rest are counted.
  public static let maxListedPerRule = 50
  /// The reasons an unmet obligation or a unit shortfall may give.
  public static let reasons: Set<String> = [
    "capacity", "release-limit", "eligibility", "unavailable", "duplicate", "class-not-held", "cost", "timing",
  ]
  /// The values of `status`.
  public static let statuses: Set<String> = ["optimal", "feasible", "infeasible", "no-solution"]

  /// The scenario the plans are checked against.
  public let scenario: Scenario
  /// Whether `objective` is recomputed and compared (always, but for tests
  /// of other rules that change a plan without recomputing it).
  let checksObjective: Bool

  /// A checker for plans of `scenario`.
  public init(scenario: Scenario) { self.init(scenario: scenario, checksObjective: true) }

  init(scenario: Scenario, checksObjective: Bool) {
    self.scenario = scenario
    self.checksObjective = checksObjective
  }

  /// Reads plan.json, rosters.csv and notices.csv from `planDirectory` and
  /// checks them. A missing or unreadable file is a violation, never a crash.
  public func check(planDirectory: URL) -> CheckReport {
    var log = ViolationLog(limit: Self.maxListedPerRule)
    let planURL = planDirectory.appendingPathComponent("plan.json")
    guard let planData = try? Data(contentsOf: planURL) else {
      log.add("format", "There is no readable plan.json in \(planDirectory.path).")
      return log.report()
    }
    let plan = PlanFile.parse(planData)
    let rosters = readRosters(planDirectory.appendingPathComponent("rosters.csv"), log: &log)
    let notices = readNotices(planDirectory.appendingPathComponent("notices.csv"), log: &log)
    var run = CheckRun(scenario: scenario, plan: plan, log: log, checksObjective: checksObjective)
    run.checkAll(rosters: rosters, notices: notices)
    return run.log.report()
  }

  /// Checks a plan already read; `nil` rosters or notices are not checked.
  public func check(plan: PlanFile, rosters: [RosterRow]?, notices: [NoticeRow]?) -> CheckReport {
    var run = CheckRun(
      scenario: scenario, plan: plan, log: ViolationLog(limit: Self.maxListedPerRule), checksObjective: checksObjective)
    run.checkAll(rosters: rosters, notices: notices)
    return run.log.report()
  }

  private func readTable(_ url: URL, expected: [String], rule: String, log: inout ViolationLog) -> CSVTable? {
    let file = url.lastPathComponent
    guard let data = try? Data(contentsOf: url) else {
      log.add(rule, "There is no readable \(file) in the plan directory.")
      return nil
    }
    let table = CSVTable(data: data, file: file)
    for p in table.problems { log.add(rule, p) }
    if table.header.isEmpty { return nil }
    if let p = table.headerProblem(expected: expected, file: file) { log.add(rule, p) }
    return table
  }

  private func readRosters(_ url: URL, log: inout ViolationLog) -> [RosterRow]? {
    guard let t = readTable(url, expected: RosterRow.header, rule: "rosters", log: &log) else { return nil }
    return t.records(expected: RosterRow.header).map { RosterRow($0.fields, line: $0.line) }
  }

  private func readNotices(_ url: URL, log: inout ViolationLog) -> [NoticeRow]? {
    guard let t = readTable(url, expected: NoticeRow.header, rule: "notices", log: &log) else { return nil }
    return t.records(expected: NoticeRow.header).map { NoticeRow($0.fields, line: $0.line) }
  }
}

/// The assignments of a plan that name a known cadre and a class of the
/// horizon, without repeats.
struct PlannedSet {
  /// (cadre index, class index), in the order of plan.json.
  var pairs: [(cadre: Int, cls: Int)] = []
  /// Class indices per cadre index.
  var classesOf: [[Int]]
  /// Attendees per class index.
  var attendees: [Int]

  init(cadres: Int, classes: Int) {
    classesOf = Array(repeating: [], count: cadres)
    attendees = Array(repeating: 0, count: classes)
  }

  mutating func add(cadre: Int, cls: Int) {
    pairs.append((cadre, cls))
    classesOf[cadre].append(cls)
    attendees[cls] += 1
  }
}

/// A training of one cadre, planned or from history, as the no-duplicate and
/// release rules see it.
struct Training {
  /// The class index when planned; nil for a history row.
  var planned: Int?
  var kind: ClassKind
  var theme: String
  var span: DayRange
  var label: String
  var year: Int { span.first.year }
  var isPlanned: Bool { planned != nil }
}

/// One check of one plan: the scenario, the plan and the violations so far.
struct CheckRun {
  let s: Scenario
  let plan: PlanFile
  var log: ViolationLog
  var planned: PlannedSet
  let years: Range<Int>
  let checksObjective: Bool
  /// The status, if it is one of the four.
  var status: String? { plan.status.flatMap { PlanChecker.statuses.contains($0) ? $0 : nil } }
  /// A plan stopped before any solution: completeness and accounting are not required.
  var noSolution: Bool { plan.status == "no-solution" }

  init(scenario: Scenario, plan: PlanFile, log: ViolationLog, checksObjective: Bool = true) {
    self.checksObjective = checksObjective
    self.s = scenario
    self.plan = plan
    self.log = log
    self.planned = PlannedSet(cadres: scenario.cadres.count, classes: scenario.classes.count)
    self.years = scenario.years
  }

  mutating func checkAll(rosters: [RosterRow]?, notices: [NoticeRow]?) {
    for p in plan.problems { log.add("format", p) }
    if plan.unreadable.contains("*") { return }
    checkHeader()
    checkGap()
    checkAssignments()
    checkClassList()
    log.note(
      "plan.json: status \(plan.status ?? "?"), \(plan.classes?.count ?? 0) classes listed, "
        + "\(planned.pairs.count) of \(plan.assignments?.count ?? 0) assignments usable, "
        + "\(plan.unmet?.count ?? 0) unmet, \(plan.unitShortfalls?.count ?? 0) unit shortfalls.")

    checkEligibility()
    checkAvailability()
    checkClassSize()
    let trainings = trainingsByCadre()
    checkOverlap(trainings)
    checkOnePerKind(trainings)
    checkMaxPerYear(trainings)
    checkThemeWindow(trainings)
    let away = awayByUnit()
    checkReleaseLimit(away)
    checkPrincipals(away)

    let excused = checkConflicts()
    if noSolution {
      log.note("Status no-solution: unmet, unit shortfalls, KPIs, targets and hard rules are not checked.")
    } else {
      let obligations = cycleObligations()
      checkUnmet(obligations)
      checkUnitShortfalls()
      checkKPIs(obligations, away: away)
      let targets = expectedTargets()
      checkTargets(targets)
      checkHardTargets(targets, excused: excused)
      checkHardCycles(obligations, excused: excused)
      if checksObjective { checkObjective(obligations, targets: targets, excused: excused) }
    }
    noteUncheckedRules()

    if let rosters { checkRosters(rosters) } else { log.note("rosters.csv: not checked.") }
    if let notices { checkNotices(notices) } else { log.note("notices.csv: not checked.") }
  }

  // MARK: Names in messages

  func cadreText(_ i: Int) -> String {
    let c = s.cadres[i]
    if let u = s.unit(c.unit) { return "\(c.id) \(c.name) (unit \(u.id) \(u.name))" }
    return "\(c.id) \(c.name) (unit \(c.unit))"
  }

  func classText(_ j: Int) -> String {
    let k = s.classes[j]
    return "class \(k.id) \(k.name) (\(k.kind.rawValue), \(k.span))"
  }

  func unitText(_ u: Int) -> String { "unit \(s.units[u].id) \(s.units[u].name)" }

  func historyText(_ h: HistoryRecord) -> String {
    var t = "a past \(h.kind.rawValue) training"
    if let id = h.classID { t += " \(id)" }
    return t + " (\(h.span))"
  }

  func trainingText(_ t: Training) -> String { t.label }

  static func days(_ r: DayRange) -> String {
    r.first == r.last ? "on \(r.first.iso)" : "from \(r.first.iso) to \(r.last.iso)"
  }

  static func num(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return String(d)
  }
}

extension String {
  /// The string with its first letter in upper case, for the start of a sentence.
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
