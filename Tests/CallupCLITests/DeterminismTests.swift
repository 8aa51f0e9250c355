import Foundation
import Testing

/// The same plan every run: the search's budget is work, not seconds, so
/// the same scenario and settings give the same plan files (all but the
/// seconds) whatever the machine's load and the number of threads; the
/// time limit is only a safety stop, and plan.json says when it fired.
@Suite("callup plan: the same plan every run", .serialized)
struct DeterminismTests {
  let city = CLI.root.appendingPathComponent("scenarios/demo-city").path

  /// Plans `scenario` into `out` under `dir` with `extra` options.
  func plan(_ scenario: String, _ out: String, in dir: URL, _ extra: [String]) throws -> CLIRun {
    try CLI.run(["plan", scenario, "--out", out, "--quiet"] + extra, in: dir)
  }

  /// The plan directory's files, plan.json without its `seconds`.
  func files(_ dir: URL) throws -> [String: String] {
    var out: [String: String] = [:]
    for name in ["rosters.csv", "notices.csv", "allocation.csv", "makeup.csv", "plan.json"] {
      let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
      out[name] = text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("  \"seconds\":") }.joined(separator: "\n")
    }
    return out
  }

  @Test func theCityPlansTheSameTwiceWithOneThreadOrTwo() throws {
    let dir = CLI.temporaryDirectory()
    let a = try plan(city, "a", in: dir, ["--work", "6", "--time-limit", "600", "--threads", "2"])
    #expect(a.status == 0, "\(a.stderr)")
    let b = try plan(city, "b", in: dir, ["--work", "6", "--time-limit", "600", "--threads", "1"])
    #expect(b.status == 0, "\(b.stderr)")
    let first = try files(dir.appendingPathComponent("a"))
    let second = try files(dir.appendingPathComponent("b"))
    for (name, text) in first { #expect(text == second[name], "\(name) differs between the runs") }
    #expect(first["plan.json"]?.contains("\"stopped_by\": null") == true)
    #expect((first["rosters.csv"]?.split(separator: "\n").count ?? 0) > 1000)
  }

  @Test func theTimeLimitStopsTheSearchAndThePlanSaysSo() throws {
    let dir = CLI.temporaryDirectory()
    let started = Date()
    let r = try plan(city, "p", in: dir, ["--work", "1000", "--time-limit", "3"])
    let wall = Date().timeIntervalSince(started)
    #expect(r.status == 0, "\(r.stderr)")
    let json = try String(contentsOf: dir.appendingPathComponent("p/plan.json"), encoding: .utf8)
    #expect(json.contains("\"stopped_by\": \"time_limit\""))
    // Loading, the plan's 3 s, the analysis and writing (slower in a debug build).
    #expect(wall < 60, "took \(wall) s")
  }
}
