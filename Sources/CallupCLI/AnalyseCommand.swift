import ArgumentParser
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

/// `callup analyse`: a plan made elsewhere, written as callup writes its own.
struct AnalyseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyse",
    abstract:
      "Write a plan made elsewhere (another solver's, a hand-made list) as a plan directory with callup's figures.",
    discussion: """
      Reads a list of call-ups of the scenario's first year (CSV in UTF-8 or GB18030, or .xlsx; \
      headers cadre,class or 干部编号,班次编号) and writes the plan directory callup would write \
      for them: plan.json with the unmet obligations and their reasons, the targets, hours and \
      key figures, rosters, notices and the report. Nothing is planned or moved: `callup check` \
      then says which rules the plan keeps. The objective is --objective when given (a solver's \
      own, which check recomputes and compares), else the contract's objective of the call-ups.
      """)

  @Argument(help: "The scenario directory (or its scenario.yaml); its horizon must be one year.")
  var scenario: String

  @Option(name: .long, help: "The list of call-ups: a CSV or .xlsx file with columns cadre and class.")
  var assignments: String

  @Option(name: .long, help: "The plan directory to write.")
  var out: String

  @Option(name: .long, help: "The plan's status in plan.json: optimal or feasible (default).")
  var status: String = "feasible"

  @Option(name: .long, help: "The objective to write (default: the contract's objective of the call-ups).")
  var objective: Double?

  @Option(name: .long, help: "A lower bound to write with it (a solver's).")
  var bound: Double?

  @Option(name: .long, help: "Seconds to write as plan.json's `seconds`.")
  var seconds: Double = 0

  @Option(name: .long, help: "A line on where the plan comes from, first in the plan's log.")
  var note: String?

  @Option(name: .long, help: "Language of report.html: zh or en.")
  var lang: String = "zh"

  func validate() throws {
    if !["optimal", "feasible"].contains(status) { throw ValidationError("--status must be optimal or feasible.") }
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
  }

  func run() throws {
    let s = try loadScenario(scenario).scenario
    if s.horizon > 1 {
      Console.error("error: \(scenario) plans \(s.horizon) years; analyse takes a scenario of one year (horizon: 1).")
      throw CallupExit.usage
    }
    let pairs: [(cadre: Int, klass: Int)]
    do {
      pairs = try AssignmentList.read(
        URL(fileURLWithPath: assignments), file: (assignments as NSString).lastPathComponent, scenario: s)
    } catch {
      reportListErrors(error, "The list has")
      throw CallupExit.badInput
    }
    let plan = PlanAssessment.plan(
      s, assignments: pairs.map { Assignment(cadre: $0.cadre, klass: $0.klass) },
      status: PlanStatus(rawValue: status) ?? .feasible, objective: objective, bound: bound, seconds: seconds,
      note: note)
    do {
      try PlanWriter.write(plan, to: URL(fileURLWithPath: out), language: ReportLanguage(rawValue: lang) ?? .chinese)
    } catch {
      Console.error("error: could not write the plan to \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    print(Summary.text(plan, directory: out))
  }
}
