import ArgumentParser
import CallupDomain
import CallupExcel
import CallupPlan
import CallupReports
import CallupSolve
import CallupRules
import Foundation

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Plan the annual call-up of a scenario and write the plan directory.",
    discussion: """
      Writes plan.json, rosters.csv, notices.csv, allocation.csv, makeup.csv and report.html to --out (with \
      --xlsx also rosters.xlsx, notices.xlsx, allocation.xlsx and targets.xlsx), each atomically. Progress goes \
      to standard error; the summary to standard output.
      """)

  @Argument(help: "The scenario directory (or its scenario.yaml).")
  var scenario: String

  @Option(name: .long, help: "The plan directory to write.")
  var out: String

  @OptionGroup var planning: PlanningOptions

  @Option(name: .long, help: "Also write the whole model as CPLEX-LP (.lp) or MPS (.mps).")
  var exportModel: String?

  @Option(
    name: .long,
    help: """
      Also write the call-up model the search solved, as .lp or .mps: above 5,000 cadres the restricted \
      model as column generation left it, with every x ≤ y row. Only a plan made as one model has one.
      """)
  var exportSolvedModel: String?

  @Option(name: .long, help: "Language of report.html: zh or en.")
  var lang: String = "zh"

  @Flag(
    name: .long,
    help:
      "Also write rosters.xlsx (a sheet per class), notices.xlsx (a sheet per unit), allocation.xlsx (seats per class and unit) and targets.xlsx (each target's range, planned figure and status; the conflicts of an infeasible plan)."
  )
  var xlsx = false

  @Option(
    name: .long,
    help: "Threads for the steps that split (default: every core). The plan is the same with any number.")
  var threads: Int?

  @Flag(name: .long, help: "No progress on standard error.")
  var quiet = false

  func validate() throws {
    if let n = threads, n < 1 { throw ValidationError("--threads must be at least 1.") }
    for (option, file) in [("--export-model", exportModel), ("--export-solved-model", exportSolvedModel)] {
      guard let file else { continue }
      let ext = (file as NSString).pathExtension.lowercased()
      if ext != "lp" && ext != "mps" {
        throw ValidationError("\(option) needs a file ending in .lp (CPLEX-LP) or .mps (MPS), not '\(file)'.")
      }
    }
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
  }

  /// `--export-model`: the whole model, written before planning.
  func writeWholeModel(_ s: Scenario) throws {
    guard let path = exportModel else { return }
    do {
      try Planner.exportModel(s, to: path)
      if !quiet { Console.error("model written to \(path)") }
    } catch {
      Console.error("error: could not write the model to \(path): \(error)")
      throw CallupExit.failure
    }
  }

  func run() throws {
    let loaded = try loadScenario(scenario)
    let s = loaded.scenario
    let printer: ProgressPrinter? = quiet ? nil : ProgressPrinter()
    var report: (@Sendable (PlanProgress) -> Void)? = nil
    if let printer {
      report = { (p: PlanProgress) in printer.show(p) }
    }
    Interrupt.install()
    let method = Planning.method(for: planning.request(s))
    if exportSolvedModel != nil, method != .wholeModel {
      Console.error(
        "error: --export-solved-model: this scenario is planned as \(method.rawValue), "
          + "not as one model, so there is no one model to write.")
      throw CallupExit.usage
    }
    try writeWholeModel(s)
    // The time limit counts from here: writing the whole model is not planning.
    var request = planning.request(s, progress: report)
    request.threads = threads
    request.solvedModelPath = exportSolvedModel
    let plan: Plan
    do {
      plan = try Planning.plan(request)
    } catch {
      Console.error("error: \(error)")
      throw CallupExit.failure
    }
    printer?.finish()
    let outURL = URL(fileURLWithPath: out)
    var workbooks: [(name: String, data: Data)] = []
    if xlsx {
      do {
        workbooks = try ExcelOutput.workbooks(plan)  // made before anything is written
      } catch {
        Console.error("error: could not make the Excel workbooks: \(error)")
        throw CallupExit.failure
      }
    }
    do {
      try PlanWriter.write(
        plan, to: outURL, language: ReportLanguage(rawValue: lang) ?? .chinese, extraFiles: workbooks)
    } catch {
      Console.error("error: could not write the plan to \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    printer?.show(PlanProgress(phase: "plan written to \(out)", elapsed: 0))
    printer?.finish()
    print(Summary.text(plan, directory: out))
    if !workbooks.isEmpty {
      print("Excel: \(workbooks.map { "\(out)/\($0.name)" }.joined(separator: " · "))")
    }
    // The summary names each conflict; the plan written is the one made with them softened.
    if plan.status == .infeasible { throw CallupExit.conflicts }
  }
}

enum Summary {
  static func text(_ plan: Plan, directory: String) -> String {
    let k = plan.kpis
    let gap = plan.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"
    var lines = [
      "Plan \(plan.scenario.name) \(plan.year): \(plan.status.rawValue), objective \(plan.objective.map { String(format: "%.1f", $0) } ?? "-"), bound \(plan.bound.map { String(format: "%.1f", $0) } ?? "-"), gap \(gap), \(String(format: "%.1f", plan.seconds)) s",
      "  \(k.seats) call-ups in \(k.classesHeld) of \(k.classesInYear) classes; met \(k.met) of \(k.due) due obligations (overdue: \(k.overdueMet) of \(k.overdueDue)); \(plan.unmet.count) unmet, \(plan.shortfalls.count) unit shortfalls",
      "  cost \(String(format: "%.0f", k.cost)) yuan; peak unit away share \(String(format: "%.1f%%", k.peakUnitAwayShare * 100))",
    ]
    if let c = plan.callUp {
      let g = plan.callUpGap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"
      lines.append(
        "  the call-up without its \(c.hoursSeats) hours seats: objective \(String(format: "%.1f", c.objective)), gap \(g)"
      )
    }
    lines += PlanSummaryLines.targets(plan)
    if let m = plan.stats, m.variables == 0 {
      lines.append(
        "  model: none; the seats come from an auction of the due obligations, repaired and exchanged (see the solve log)"
      )
    } else if let m = plan.stats {
      var model =
        "  model: \(m.variables) variables (\(m.binaries) binary), \(m.constraints) constraints, \(m.nonzeros) nonzeros"
      if let lp = plan.lpMet { model += "; the bounding LP meets \(String(format: "%.1f", lp)) obligations" }
      lines.append(model)
    }
    for y in plan.years {
      let g = y.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"
      lines.append(
        "  \(y.year): \(y.kpis.seats) call-ups; met \(y.kpis.met) of \(y.kpis.due) due (overdue: \(y.kpis.overdueMet) of \(y.kpis.overdueDue)), \(y.early) early; gap \(g)"
      )
    }
    if !plan.notPlanned.isEmpty {
      lines.append(
        "  rules read but not planned by this version: \(plan.notPlanned.map(\.id.rawValue).joined(separator: ", "))")
    }
    lines.append(
      "Rosters: \(directory)/rosters.csv · notices: \(directory)/notices.csv · plan: \(directory)/plan.json · report: \(directory)/report.html"
    )
    return lines.joined(separator: "\n")
  }
}

/// The plan's call-ups as the planners' workbooks (rosters.xlsx,
/// notices.xlsx, allocation.xlsx), and its targets (targets.xlsx).
enum ExcelOutput {
  static func workbooks(_ plan: Plan) throws -> [(name: String, data: Data)] {
    let s = plan.scenario
    let entries = plan.assignments.map { a -> CallUpEntry in
      let k = s.classes[a.klass]
      let c = s.cadres[a.cadre]
      let u = s.unit(c.unit)
      return CallUpEntry(
        classID: k.id.rawValue, className: k.name, institution: k.institution.rawValue, start: k.start.iso,
        end: k.end.iso, cadreID: c.id.rawValue, cadreName: c.name, unitID: c.unit.rawValue,
        unitName: u?.name ?? c.unit.rawValue, region: u?.region.rawValue ?? "", rank: c.rank.label,
        leadership: c.leadership.label)
    }
    let allocation = plan.allocation.map { row -> AllocationEntry in
      let k = s.classes[row.klass]
      return AllocationEntry(
        classID: k.id.rawValue, className: k.name, institution: k.institution.rawValue, start: k.start.iso,
        end: k.end.iso, unitID: row.unit.rawValue, unitName: s.unit(row.unit)?.name ?? row.unit.rawValue,
        seats: row.seats, named: row.named)
    }
    return [
      ("rosters.xlsx", try CallUpWorkbooks.rosters(entries)), ("notices.xlsx", try CallUpWorkbooks.notices(entries)),
      ("allocation.xlsx", try CallUpWorkbooks.allocation(allocation)), ("targets.xlsx", try targets(plan)),
    ]
  }

  /// targets.xlsx: the plan's targets (every year of a rotation plan), and its conflicts, in Chinese.
  static func targets(_ plan: Plan) throws -> Data {
    let zh = ReportLanguage.chinese
    let rows = plan.targets.map { f in
      TargetRow(
        rule: f.target.rule.id.rawValue, name: zh.name(of: f.target), year: f.target.year, lo: f.range.lo,
        hi: f.range.hi, planned: f.planned, status: zh.words(f.status), hard: f.target.hard)
    }
    let conflicts = plan.conflicts.map { c in
      ConflictRow(
        rules: c.rules.map(\.rawValue), year: c.year, message: c.message, needed: c.needed, available: c.available)
    }
    return try CallUpWorkbooks.targets(rows, conflicts: conflicts)
  }
}
