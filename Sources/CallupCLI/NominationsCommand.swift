import ArgumentParser
import CallupDomain
import CallupExcel
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

/// `callup nominations`: the units' side of seats given by allocation (名额分配).
struct NominationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nominations",
    abstract: "Units' nominations for their allocated seats (报名): review the lists they send back.",
    subcommands: [NominationsReview.self])
}

/// `callup nominations review`: units' returned lists checked against
/// every hard rule, and the plan they make.
struct NominationsReview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Review units' returned lists (报名审核) against a plan and write the merged plan with review.csv.",
    discussion: """
      Each FILE is a unit's list, or one list for all units: CSV (UTF-8 or GB18030) or .xlsx \
      (its first sheet), with the columns unit or 单位编号 / 单位, class (班次编号) or class_name \
      (班次名称), cadre (干部编号) or name (姓名), and note (备注). Every row is accepted, \
      accepted with a note, or refused with the rule it breaks, in review.csv; review-units.csv \
      sums each unit's seats per class. --out is a whole plan directory: the accepted nominees in \
      place of the plan's names, refused seats refilled with the plan's suggestions (or left \
      empty), for `callup check` and `callup ledger publish`. Reviewing into a directory that \
      holds a review again keeps the rows of the units that send no new list. A list that cannot \
      be read exits 65 and writes nothing.
      """)

  @Argument(help: "The scenario directory (or its scenario.yaml).")
  var scenario: String

  @Argument(help: "The plan directory the lists answer (its plan.json and allocation.csv).")
  var plan: String

  @Argument(help: "The units' lists: .csv or .xlsx files.")
  var files: [String] = []

  @Option(name: .long, help: "The plan directory to write, with review.csv and review-units.csv.")
  var out: String

  @Option(name: .long, help: "Seats of refused nominees: suggestions (the plan's names) or empty.")
  var refill: String = RefillMode.suggestions.rawValue

  @Flag(name: .long, help: "Also write review.xlsx and the plan's workbooks (rosters, notices, allocation, targets).")
  var xlsx = false

  @Option(name: .long, help: "Language of report.html: zh or en.")
  var lang: String = "zh"

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one list (FILE) to review.") }
    if RefillMode(rawValue: refill) == nil { throw ValidationError("--refill must be suggestions or empty.") }
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
    let a = URL(fileURLWithPath: plan).standardizedFileURL.path, b = URL(fileURLWithPath: out).standardizedFileURL.path
    if a == b { throw ValidationError("--out must be another directory than the plan reviewed (\(plan)).") }
  }

  func run() throws {
    let s = try loadScenario(scenario).scenario
    let state = try planState(s)
    let new = try lists()
    let outURL = URL(fileURLWithPath: out)
    let previous: [NominationRow]?
    do {
      previous = try ReceivedNominations.read(outURL)
    } catch {
      Console.error("error: \(error)")
      throw CallupExit.badInput
    }
    let (rows, kept) = previous.map { NominationReviewer.combine(previous: $0, new: new, scenario: s) } ?? (new, [])
    let assignments = state.classesByCadre.enumerated().flatMap { ci, ks in ks.map { Assignment(cadre: ci, klass: $0) }
    }
    let review = NominationReviewer.review(
      scenario: s, assignments: assignments, rows: rows,
      refill: RefillMode(rawValue: refill) ?? .suggestions)
    var extra = ReviewFiles.files(review, received: rows)
    if xlsx {
      do {
        extra += try ExcelOutput.workbooks(review.plan) + [("review.xlsx", try ReviewExcel.workbook(review))]
      } catch {
        Console.error("error: could not make the Excel workbooks: \(error)")
        throw CallupExit.failure
      }
    }
    for line in ReviewText.defects(review) { Console.error("warning: \(line)") }
    for w in review.warnings { Console.error("warning: \(w)") }
    do {
      try PlanWriter.write(
        review.plan, to: outURL, language: ReportLanguage(rawValue: lang) ?? .chinese, extraFiles: extra)
    } catch {
      Console.error("error: could not write the plan to \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    print(ReviewText.summary(review, lists: files.count, plan: plan, kept: kept, directory: out, xlsx: xlsx))
    if review.plan.status == .infeasible { throw CallupExit.conflicts }
  }

  /// The plan reviewed, read against the scenario: an annual plan of its year.
  func planState(_ s: Scenario) throws -> PlanState {
    guard s.horizon == 1 else {
      Console.error(
        "error: nominations are reviewed against an annual plan; \(s.name) has a horizon of \(s.horizon) years.")
      throw CallupExit.usage
    }
    do {
      let record = try PlanRecord.read(URL(fileURLWithPath: plan))
      if let y = record.year, y != s.year {
        throw PlanReadError("the plan in \(plan) is for \(y), the scenario \(s.name) for \(s.year).")
      }
      if let h = record.horizon, h > 1 {
        throw PlanReadError("the plan in \(plan) is a rotation plan of \(h) years; review against an annual plan.")
      }
      if let name = record.scenario, !name.isEmpty, name != s.name {
        Console.error("warning: the plan was made for scenario '\(name)', not '\(s.name)'.")
      }
      return try PlanState(scenario: s, record: record)
    } catch {
      Console.error("error: \(error)")
      throw CallupExit.badInput
    }
  }

  /// Every row of the lists, or exit 65 with every defect that keeps one from being read.
  func lists() throws -> [NominationRow] {
    do {
      return try NominationLists.read(files.map { (URL(fileURLWithPath: $0), $0) })
    } catch {
      reportListErrors(error, "The lists have")
      throw CallupExit.badInput
    }
  }
}
