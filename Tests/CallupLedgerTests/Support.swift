import CallupTestSupport
import CallupDomain
import Foundation
import Testing

/// A folder under the temporary directory, removed when the test ends.
final class TempFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("callup-ledger-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  @discardableResult
  func write(_ path: String, _ text: String) throws -> URL {
    try write(path, data: Data(text.utf8))
  }

  @discardableResult
  func write(_ path: String, data: Data) throws -> URL {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file
  }

  func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

  /// A copy of scenarios/tiny at `name`, its policy path made absolute; with
  /// `history`, that text replaces its history.csv.
  @discardableResult
  func copyTiny(_ name: String = "tiny", history: String? = nil) throws -> URL {
    let copy = path(name)
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("scenarios/tiny"), to: copy)
    let yaml = copy.appendingPathComponent("scenario.yaml")
    let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
      of: "../../policies/core.yaml", with: repositoryRoot.appendingPathComponent("policies/core.yaml").path)
    try text.write(to: yaml, atomically: true, encoding: .utf8)
    if let history {
      try history.write(to: copy.appendingPathComponent("history.csv"), atomically: true, encoding: .utf8)
    }
    return copy
  }
}

/// Lines joined with LF (and a final LF).
func lines(_ l: String...) -> String { l.joined(separator: "\n") + "\n" }

/// The repository's root.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled tiny scenario (see scenarios/tiny/README.md).
func tinyScenario() throws -> Scenario {
  try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/tiny")).scenario
}

/// What the built `callup` printed.
struct CLIRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum CLI {
  static var executable: URL { ProcessRunner.callup }

  static func run(_ arguments: [String]) throws -> CLIRun {
    let r = try ProcessRunner.run(executable, arguments, in: repositoryRoot)
    return CLIRun(status: r.status, stdout: r.stdout, stderr: r.stderr)
  }
}

/// The rows of a status table as fields (columns are two or more spaces apart).
func fields(_ line: Substring) -> [String] {
  line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// The rows of `output` that start with `prefix` (cadre id, unit id), as fields.
func rows(_ output: String, _ prefix: String) -> [[String]] {
  output.split(separator: "\n").filter { $0.hasPrefix(prefix + " ") }.map(fields)
}
