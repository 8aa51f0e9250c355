import Foundation
import Testing

/// `callup analyse`: a plan made elsewhere, written as callup writes its own.
@Suite("callup analyse: a plan made elsewhere")
struct AnalyseCommandTests {
  static let tiny = CLI.root.appendingPathComponent("scenarios/tiny").path

  /// callup's own plan of tiny, and its call-ups as a list `cadre,class`.
  static func tinyPlanAndList() throws -> (plan: URL, list: URL) {
    let dir = CLI.temporaryDirectory()
    let plan = dir.appendingPathComponent("plan")
    #expect(try CLI.run(["plan", tiny, "--out", plan.path, "--quiet"]).status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("plan.json")))
    let assignments = (json as? [String: Any])?["assignments"] as? [[String: Any]] ?? []
    let rows = assignments.map { "\($0["cadre"] ?? ""),\($0["class"] ?? "")" }
    let list = dir.appendingPathComponent("list.csv")
    try (["cadre,class"] + rows).joined(separator: "\n").appending("\n").write(
      to: list, atomically: true, encoding: .utf8)
    return (plan, list)
  }

  static func json(_ dir: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json"))) as? [String: Any]
      ?? [:]
  }

  /// The call-ups of callup's own plan, analysed, give its plan directory
  /// back: the same rosters and notices, the same plan.json but for how it
  /// was made (method, model, seconds); check accepts it.
  @Test func theCallUpsOfAPlanGiveThatPlanBack() throws {
    let (plan, list) = try Self.tinyPlanAndList()
    let out = CLI.temporaryDirectory().appendingPathComponent("analysed")
    let r = try CLI.run([
      "analyse", Self.tiny, "--assignments", list.path, "--out", out.path, "--objective", "401900", "--bound",
      "401900", "--status", "optimal",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    for f in ["rosters.csv", "notices.csv"] {
      #expect(try Data(contentsOf: out.appendingPathComponent(f)) == Data(contentsOf: plan.appendingPathComponent(f)))
    }
    var mine = try Self.json(plan), theirs = try Self.json(out)
    for key in ["method", "model", "seconds"] {
      mine[key] = nil
      theirs[key] = nil
    }
    #expect(NSDictionary(dictionary: mine) == NSDictionary(dictionary: theirs))
    let check = try CLI.run(["check", Self.tiny, out.path])
    #expect(check.status == 0 && check.stdout.hasSuffix("The plan holds: no rule is broken.\n"))
  }

  /// Without --objective the plan carries the contract's objective of its
  /// call-ups, which check recomputes.
  @Test func withoutAnObjectiveItIsTheContracts() throws {
    let (_, list) = try Self.tinyPlanAndList()
    let out = CLI.temporaryDirectory().appendingPathComponent("analysed")
    #expect(try CLI.run(["analyse", Self.tiny, "--assignments", list.path, "--out", out.path]).status == 0)
    #expect(try Self.json(out)["objective"] as? Double == 401_900)
    #expect(try Self.json(out)["status"] as? String == "feasible")
    #expect(try CLI.run(["check", Self.tiny, out.path]).status == 0)
  }

  /// Every bad row is named with its line and column; nothing is written.
  @Test func everyBadRowIsNamedAndNothingIsWritten() throws {
    let dir = CLI.temporaryDirectory()
    let list = dir.appendingPathComponent("bad.csv")
    try "干部编号,班次编号\nP02,C01\nP99,C01\nP03,C77\nP02,C01\n".write(to: list, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out")
    let r = try CLI.run(["analyse", Self.tiny, "--assignments", list.path, "--out", out.path])
    #expect(r.status == 65)
    #expect(
      r.stderr == """
        The list has 3 errors; nothing was written:
          bad.csv:3:1 (cadre): no cadre 'P99' in the scenario
          bad.csv:4:2 (class): no class 'C77' in the scenario
          bad.csv:5:2 (class): 'P02' in 'C01' again (first on line 2)

        """)
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// A scenario of several years is refused: the list is of one year.
  @Test func aScenarioOfSeveralYearsIsRefused() throws {
    let dir = try CLI.copyOfTiny("two-years")
    let yaml = dir.appendingPathComponent("scenario.yaml")
    try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "horizon: 1", with: "horizon: 2")
      .write(to: yaml, atomically: true, encoding: .utf8)
    let (_, list) = try Self.tinyPlanAndList()
    let r = try CLI.run([
      "analyse", dir.path, "--assignments", list.path, "--out", dir.appendingPathComponent("out").path,
    ])
    #expect(r.status == 64)
    #expect(
      r.stderr.hasSuffix(
        "error: \(dir.path) plans 2 years; analyse takes a scenario of one year (horizon: 1).\n"), "\(r.stderr)")
  }
}
