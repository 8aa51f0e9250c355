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
}
