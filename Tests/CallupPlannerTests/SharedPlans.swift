import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

/// The demo-city plan, planned once for every test that needs it (about
/// 15 s in a debug build), with its plan directory.
enum DemoCity {
  struct Planned: Sendable {
    var scenario: Scenario
    var plan: Plan
    var directory: URL
  }

  static let planned: Result<Planned, any Error> = Result {
    let s = try Bundled.scenario("demo-city")
    let plan = try Planning.plan(Bundled.request(s, timeLimit: 90))
    let dir = Bundled.temporaryDirectory().appendingPathComponent("demo-city-plan")
    try PlanWriter.write(plan, to: dir)
    return Planned(scenario: s, plan: plan, directory: dir)
  }

  static func get() throws -> Planned { try planned.get() }
}

/// The tiny plan, planned once.
enum Tiny {
  static let planned: Result<DemoCity.Planned, any Error> = Result {
    let s = try Bundled.scenario("tiny")
    let plan = try Planning.plan(Bundled.request(s, timeLimit: 60))
    let dir = Bundled.temporaryDirectory().appendingPathComponent("tiny-plan")
    try PlanWriter.write(plan, to: dir)
    return DemoCity.Planned(scenario: s, plan: plan, directory: dir)
  }

  static func get() throws -> DemoCity.Planned { try planned.get() }
}

/// Headless Chromium, if it is on PATH.
enum Chromium {
  static let path: String? = {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for d in dirs {
        let p = "\(d)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
      }
    }
    return nil
  }()

  struct Output {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  /// Runs headless Chromium on a file with its own profile folder.
  static func run(_ arguments: [String], file: URL) throws -> Output {
    let profile = Bundled.temporaryDirectory().appendingPathComponent("profile")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path ?? "chromium")
    p.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--no-default-browser-check", "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
      ] + arguments + [file.absoluteString]
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return Output(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
      status: p.terminationStatus)
  }
}
