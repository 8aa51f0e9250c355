import CallupTestSupport
import Foundation

/// Runs the built `callup` executable and captures what it prints.
typealias CLIRun = ProcessRun

enum CLI {
  /// The package's root folder.
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var executable: URL { ProcessRunner.callup }

  static func run(_ arguments: [String], in directory: URL = root) throws -> CLIRun {
    try ProcessRunner.run(executable, arguments, in: directory)
  }

  static func temporaryDirectory() -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("callup-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  /// A copy of scenarios/tiny in a fresh folder, its policy path made
  /// absolute, for tests that change one of its files.
  static func copyOfTiny(_ name: String) throws -> URL {
    let tiny = root.appendingPathComponent("scenarios/tiny")
    let dir = temporaryDirectory().appendingPathComponent(name)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for f in ["units.csv", "cadres.csv", "classes.csv", "history.csv", "scenario.yaml"] {
      try FileManager.default.copyItem(at: tiny.appendingPathComponent(f), to: dir.appendingPathComponent(f))
    }
    let yaml = dir.appendingPathComponent("scenario.yaml")
    let policy = root.appendingPathComponent("policies/core.yaml").path
    try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "../../policies/core.yaml", with: policy)
      .write(to: yaml, atomically: true, encoding: .utf8)
    return dir
  }
}
