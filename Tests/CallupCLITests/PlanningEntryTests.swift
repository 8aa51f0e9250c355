import Foundation
import Testing

/// `plan`, `whatif` and `replan` plan through one entry: a what-if of a
/// rotation scenario is a rotation plan, and a what-if of a scenario
/// planned in blocks is planned in blocks.
@Suite("one planning entry for plan and whatif", .serialized)
struct PlanningEntryTests {
  let tiny = CLI.root.appendingPathComponent("scenarios/tiny")

  /// tiny with `horizon: 2` and every class repeated in 2026.
  func twoYearTiny() throws -> URL {
    let dir = try CLI.copyOfTiny("tiny-2y")
    let yaml = dir.appendingPathComponent("scenario.yaml")
    try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "horizon: 1", with: "horizon: 2")
      .write(to: yaml, atomically: true, encoding: .utf8)
    let file = dir.appendingPathComponent("classes.csv")
    let classes = try String(contentsOf: file, encoding: .utf8)
    let rows = classes.split(separator: "\n").dropFirst().map { row in
      row.replacingOccurrences(of: "2025", with: "2026").replacingOccurrences(of: "C0", with: "D0")
    }
    try (classes + rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    return dir
  }

  func json(_ dir: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: dir.appendingPathComponent("plan.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func whatifOfARotationScenarioPlansEveryYear() throws {
    let scenario = try twoYearTiny()
    let out = CLI.temporaryDirectory().appendingPathComponent("sweep")
    let r = try CLI.run([
      "whatif", scenario.path, "--vary", "release.max_away=1,2", "--out", out.path, "--quiet", "--time-limit", "20",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let plan = out.appendingPathComponent("max_away-2")
    // Two variants: who moved between them, as `compare` writes it.
    for f in ["summary.csv", "summary.html", "summary-units.csv", "summary-cadres.csv"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
    }
    let j = try json(plan)
    #expect(j["horizon"] as? Int == 2)
    #expect(j["method"] as? String == "rotation")
    let years = try #require(j["rotation"] as? [[String: Any]])
    #expect(years.map { $0["year"] as? Int } == [2025, 2026])
    #expect(years.map { $0["method"] as? String } == ["whole-model", "whole-model"])
    let direct = CLI.temporaryDirectory().appendingPathComponent("direct")
    #expect(try CLI.run(["plan", scenario.path, "--out", direct.path, "--quiet", "--time-limit", "20"]).status == 0)
    #expect((try json(direct))["rotation"] as? [[String: Any]] != nil)
    #expect(try CLI.run(["check", scenario.path, plan.path]).status == 0)
  }

  @Test func whatifPlansInBlocksWhenPlanDoes() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("sweep-blocks")
    let r = try CLI.run([
      "whatif", tiny.path, "--vary", "release.max_away=2", "--block-size", "5", "--out", out.path, "--time-limit", "20",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("planning 1 variants of tiny on 1 thread\n"))
    let plan = out.appendingPathComponent("max_away-2")
    #expect((try json(plan))["method"] as? String == "blocks")
    #expect(try CLI.run(["check", tiny.path, plan.path]).status == 0)
  }

  @Test func planSaysHowItPlanned() throws {
    let whole = CLI.temporaryDirectory().appendingPathComponent("whole")
    #expect(try CLI.run(["plan", tiny.path, "--out", whole.path, "--quiet"]).status == 0)
    #expect((try json(whole))["method"] as? String == "whole-model")
  }
}

/// A what-if planned against a plan of its base keeps that plan's call-ups
/// that still hold: with no change nothing moves, and with one cadre away
/// a day per unit only what the release limit forces moves.
@Suite("whatif --against a base plan")
struct WhatIfAgainstTests {
  @Test func variantsMoveOnlyWhatTheirChangeForces() throws {
    let tiny = CLI.root.appendingPathComponent("scenarios/tiny")
    let base = CLI.temporaryDirectory().appendingPathComponent("base")
    #expect(try CLI.run(["plan", tiny.path, "--out", base.path, "--quiet"]).status == 0)
    let out = CLI.temporaryDirectory().appendingPathComponent("against")
    let r = try CLI.run([
      "whatif", tiny.path, "--vary", "release.max_away=1,2", "--against", base.path, "--out", out.path, "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    func rosters(_ dir: URL) throws -> String {
      try String(contentsOf: dir.appendingPathComponent("rosters.csv"), encoding: .utf8)
    }
    // max_away 2 is the policy's default: the same call-ups, no change listed.
    #expect(try rosters(out.appendingPathComponent("max_away-2")) == (try rosters(base)))
    let same = try String(contentsOf: out.appendingPathComponent("max_away-2/changes.csv"), encoding: .utf8)
    #expect(same == "cadre,name,unit,change,from,to,reason\n")
    // max_away 1: some call-ups are dropped for the release limit, none moved for a tie.
    let one = try String(contentsOf: out.appendingPathComponent("max_away-1/changes.csv"), encoding: .utf8)
    let rows = one.split(separator: "\n").dropFirst()
    #expect(!rows.isEmpty)
    #expect(
      rows.allSatisfy { $0.contains(",dropped,") && $0.hasSuffix("the unit's release limit on the class's days") })
    // Its plan keeps the stricter limit, so it holds against the base's looser one too.
    #expect(try CLI.run(["check", tiny.path, out.appendingPathComponent("max_away-1").path]).status == 0)
  }

  @Test func againstNeedsAnAnnualPlanDirectory() throws {
    let tiny = CLI.root.appendingPathComponent("scenarios/tiny")
    let out = CLI.temporaryDirectory().appendingPathComponent("against-missing")
    let r = try CLI.run([
      "whatif", tiny.path, "--vary", "release.max_away=1", "--against", "/nonexistent", "--out", out.path,
    ])
    #expect(r.status == 65)
    #expect(r.stderr.contains("/nonexistent is not a plan directory"))
  }
}
