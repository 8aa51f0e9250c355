import ArgumentParser
import CallupDomain
import CallupRules
import Foundation

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a scenario's files without planning (exit 65 on any defect).")

  @Argument(help: "The scenario directory (or its scenario.yaml).")
  var scenario: String

  func run() throws {
    let loaded = try loadScenario(scenario)
    let s = loaded.scenario
    let book = ObligationBook(scenario: s, year: s.year)
    let overdue = book.obligations.filter(\.isOverdue).count
    print(
      "Scenario \(s.name) is valid: \(s.units.count) units, \(s.cadres.count) cadres, \(s.classes.count) classes (\(s.classesInHorizon.count) in \(s.years.lowerBound)–\(s.years.upperBound - 1)), \(s.history.count) history rows; policy \(s.policy.name) with \(s.policy.rules.count) rules."
    )
    let provisional = s.classes.filter(\.provisional)
    if !provisional.isEmpty {
      let years = Set(provisional.map(\.year)).sorted().map(String.init).joined(separator: ", ")
      print("  \(provisional.count) provisional classes from capacities.csv (\(years)): seats real, dates nominal.")
    }
    print(
      "  \(s.year): \(book.obligations.count) due cycle obligations, \(overdue) overdue; \(book.unitRequirements.filter { $0.need > 0 }.count) units still to send part of their leadership team."
    )
  }
}
