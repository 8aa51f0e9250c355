import ArgumentParser
import CallupChecker
import CallupDomain
import Foundation

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check any plan directory against every hard rule and the contract's accounting.",
    discussion: "Exit 0 only when the plan holds; 2 when it breaks a rule (each violation is printed).")

  @Argument(help: "The scenario directory (or its scenario.yaml).")
  var scenario: String

  @Argument(help: "The plan directory (plan.json, rosters.csv, notices.csv).")
  var plan: String

  func run() throws {
    let loaded = try loadScenario(scenario)
    let report = PlanChecker(scenario: loaded.scenario).check(planDirectory: URL(fileURLWithPath: plan))
    for line in report.summary { print(line) }
    if report.holds {
      print("The plan holds: no rule is broken.")
      return
    }
    for v in report.violations { print("✗ \(v)") }
    print("The plan breaks \(report.violations.count) rule\(report.violations.count == 1 ? "" : "s").")
    throw CallupExit.planBroken
  }
}
