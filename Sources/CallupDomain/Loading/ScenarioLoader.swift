import Foundation

/// Reads a scenario directory as FORMATS.md describes it.
public enum ScenarioLoader {
  /// Loads and validates the scenario in `directory` (the folder holding
  /// scenario.yaml, or the path of a scenario.yaml itself).
  ///
  /// - Throws: `InputError` listing every defect with file, line and column.
  public static func load(_ path: URL) throws(InputError) -> LoadedScenario {
    throw InputError([InputIssue(SourceLocation(file: path.path), "not implemented yet")])
  }
}

/// A loaded scenario and what the loader wants to tell without failing
/// (rules of types that are read but not planned, for example).
public struct LoadedScenario: Sendable {
  public var scenario: Scenario
  public var warnings: [InputIssue]
  public init(scenario: Scenario, warnings: [InputIssue] = []) {
    self.scenario = scenario
    self.warnings = warnings
  }
}
