import Foundation

/// What a finished subprocess printed, and how it ended.
public struct ProcessRun: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs programs for tests: the built `callup`, python3, chromium.
public enum ProcessRunner {
  /// The folder with the built products (the test bundle sits there too).
  public static var productsDirectory: URL {
    var dir = Bundle.main.bundleURL
    if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
    return dir
  }

  /// The built `callup` executable.
  public static var callup: URL { productsDirectory.appendingPathComponent("callup") }

  /// Runs `executable` with `arguments` and waits for it. Both pipes are
  /// read to the end before waiting, so a large output cannot block it.
  public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> ProcessRun {
    let p = Process()
    p.executableURL = executable
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return ProcessRun(
      status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
