import ArgumentParser
import CallupDomain
import Foundation

/// `callup`: plans cadre training call-ups (干部教育培训调训).
public struct CallupCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "callup",
    abstract: "Plans cadre training call-ups: rules in, GLPK, rosters out.",
    discussion: """
      Exit codes: 0 success (also when some obligations stay unmet), 2 a checked \
      plan breaks a rule, 64 usage error, 65 bad input (every defect is listed \
      with file, line and column), 1 internal failure.
      """,
    version: "0.1.0",
    subcommands: [
      PlanCommand.self, ValidateCommand.self, CheckCommand.self, CompareCommand.self, ExplainCommand.self,
      WhatIfCommand.self, ReplanCommand.self, NominationsCommand.self, LedgerCommand.self, GenerateCommand.self,
      AnalyseCommand.self,
    ])

  public init() {}
}

/// Exit codes of `callup`, after sysexits.h.
public enum CallupExit {
  public static let ok = ExitCode(0)
  public static let failure = ExitCode(1)
  /// `check`: the plan breaks at least one rule.
  public static let planBroken = ExitCode(2)
  /// `plan`, `whatif`, `replan`: hard rules cannot all hold; the plan
  /// written is made with them softened (status `infeasible`, `conflicts`).
  public static let conflicts = ExitCode(3)
  public static let usage = ExitCode(64)
  public static let badInput = ExitCode(65)
}

/// Standard error, unbuffered, safe from any thread.
enum Console {
  static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

/// Loads a scenario or exits with 65 after listing every defect.
/// Lists every defect of lists read beside a scenario (`subject`: "The list
/// has", "The lists have") on standard error; the caller exits 65.
func reportListErrors(_ error: InputError, _ subject: String) {
  let n = error.issues.count
  Console.error(
    (["\(subject) \(n) error\(n == 1 ? "" : "s"); nothing was written:"] + error.issues.map { "  \($0)" })
      .joined(separator: "\n"))
}

func loadScenario(_ path: String) throws -> LoadedScenario {
  do {
    let loaded = try ScenarioLoader.load(URL(fileURLWithPath: path))
    for w in loaded.warnings { Console.error("warning: \(w)") }
    return loaded
  } catch {
    Console.error(error.description)
    throw CallupExit.badInput
  }
}
