import Foundation
import Testing

/// `check` recomputes the objective of plans `plan` made (docs/contract.md,
/// The objective): the bundled scenarios' plans are accepted with their own
/// figure; a figure changed, or a plan edited by hand without recomputing
/// it, is refused.
@Suite("callup check: the objective recomputed")
struct ObjectiveCommandTests {
  /// The hours rules of the default and core policies, made to match nobody:
  /// no hours stage runs after the call-up.
  static let noHours = ["hours-leaders", "hours-team-party-school", "hours-section", "hours-members"].map {
    "  - { id: \($0), type: hours, who: { tags: [no-such-tag] }, window: 1, min_hours: 1 }"
  }.joined(separator: "\n")

  /// A what-if of a bundled scenario with these `rules:` lines.
  static func whatIf(_ base: String, _ rules: String) throws -> URL {
    let dir = CLI.temporaryDirectory().appendingPathComponent(base)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = CLI.root.appendingPathComponent("scenarios/\(base)").path
    try "base: \(path)\nrules:\n\(rules)\n".write(
      to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Plans `scenario` into a fresh folder; the plan's folder.
  static func plan(_ scenario: String, seconds: Int = 20, exit: Int32 = 0) throws -> URL {
    let out = CLI.temporaryDirectory().appendingPathComponent("plan")
    let r = try CLI.run(["plan", scenario, "--out", out.path, "--time-limit", "\(seconds)", "--quiet"])
    #expect(r.status == exit, "\(r.stderr)")
    return out
  }

  static func planJSON(_ dir: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: dir.appendingPathComponent("plan.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func write(_ plan: [String: Any], to dir: URL) throws {
    try JSONSerialization.data(withJSONObject: plan).write(to: dir.appendingPathComponent("plan.json"))
  }

  /// The figure `check` recomputed, from "… but the plan comes to X, …".
  static func recomputed(_ stdout: String) -> Double? {
    guard let r = stdout.range(of: "but the plan comes to ") else { return nil }
    let figure = stdout[r.upperBound...].prefix { $0.isNumber || $0 == "," || $0 == "." || $0 == "-" }
    return Double(
      figure.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: CharacterSet(charactersIn: ".")))
  }

  @Test func tinysPlanIsAcceptedWithItsObjective() throws {
    let tiny = CLI.root.appendingPathComponent("scenarios/tiny").path
    let out = try Self.plan(tiny)
    let check = try CLI.run(["check", tiny, out.path])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(
      check.stdout.contains(
        "Objective: plan.json gives 401,900; recomputed from the assignments, the scenario and the policy's weights: 401,900,"
      ), "\(check.stdout)")
  }

  @Test func anObjectiveOnePercentOffIsRefused() throws {
    let tiny = CLI.root.appendingPathComponent("scenarios/tiny").path
    let out = try Self.plan(tiny)
    var plan = try Self.planJSON(out)
    plan["objective"] = 401_900 * 1.01
    try Self.write(plan, to: out)
    let check = try CLI.run(["check", tiny, out.path])
    #expect(check.status == 2)
    #expect(
      check.stdout.contains(
        "✗ [objective] plan.json gives objective 405,919, but the plan comes to 401,900, recomputed from its assignments, "
          + "the scenario and the policy's weights: a difference of 4,019, beyond the tolerance of 1e-06 × max(1, |objective|) = 0.41."
      ), "\(check.stdout)")
    #expect(
      check.stdout.contains("The recomputed terms, largest first: unmet annual-professional obligations 210,000 (4);"))
  }

  /// P04 moved from C05 (professional) to C02 (rotation), nothing else
  /// changed: refused for its objective (among other things) until
  /// plan.json gives the objective of the plan as it now is.
  @Test func aPlanEditedByHandIsRefusedUntilItsObjectiveIsFixed() throws {
    let tiny = CLI.root.appendingPathComponent("scenarios/tiny").path
    let out = try Self.plan(tiny)
    var plan = try Self.planJSON(out)
    var assignments = try #require(plan["assignments"] as? [[String: Any]])
    let i = try #require(assignments.firstIndex { $0["cadre"] as? String == "P04" && $0["class"] as? String == "C05" })
    assignments[i]["class"] = "C02"
    plan["assignments"] = assignments
    try Self.write(plan, to: out)
    let edited = try CLI.run(["check", tiny, out.path])
    #expect(edited.status == 2)
    #expect(edited.stdout.contains("✗ [objective] plan.json gives objective 401,900, but the plan comes to "))
    let figure = try #require(Self.recomputed(edited.stdout), "\(edited.stdout)")
    #expect(figure != 401_900)
    plan["objective"] = figure
    try Self.write(plan, to: out)
    let fixed = try CLI.run(["check", tiny, out.path])
    #expect(fixed.status == 2)
    #expect(!fixed.stdout.contains("[objective]"), "\(fixed.stdout)")
  }

  /// Hard rotation by June and hard professional training: an infeasible
  /// plan (exit 3) whose objective prices the rule shown impossible before
  /// planning at its soft weight, the other at hard_break.
  @Test func anInfeasiblePlansObjectiveIsAccepted() throws {
    let hard = """
        - { id: annual-rotation, type: cycle, who: { ranks: [bureau, county] }, kinds: [rotation], every: 1, by: "06-30", hard: true }
        - { id: annual-professional, type: cycle, who: { ranks: [bureau, county] }, kinds: [professional], every: 1, hard: true }
      """
    let s = try Self.whatIf("tiny", hard + "\n" + Self.noHours)
    let out = try Self.plan(s.path, exit: 3)
    let check = try CLI.run(["check", s.path, out.path])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(
      check.stdout.contains("the hard rules annual-professional of its conflicts were planned soft (no hard_break)"))
    #expect(check.stdout.contains("unmet annual-rotation obligations, hard 30,000,000 (3)"))
  }

  /// The bundled city, its hours rules made to match nobody: its targets,
  /// priorities, tiers and deadlines, and the objective plan.json gives.
  @Test func demoCitysPlanWithoutHoursIsAcceptedWithItsObjective() throws {
    let s = try Self.whatIf("demo-city", Self.noHours)
    let out = try Self.plan(s.path)
    #expect(try Self.planJSON(out)["objective"] is Double)
    let check = try CLI.run(["check", s.path, out.path])
    #expect(check.status == 0, "\(check.stdout)")
    let line = check.stdout.split(separator: "\n").first { $0.hasPrefix("Objective: plan.json gives ") }
    #expect(line?.contains(", equal within 1e-06 × max(1, |objective|)") == true, "\(check.stdout)")
  }

  /// The bundled city as it is: plan.json's objective counts the seats and
  /// classes the hours stage adds for class hours, and the call-up model's
  /// bound (when its LP finished in the 20 s) stays below it.
  @Test func demoCitysPlanWithItsHoursRules() throws {
    let demo = CLI.root.appendingPathComponent("scenarios/demo-city").path
    let out = try Self.plan(demo)
    let check = try CLI.run(["check", demo, out.path])
    #expect(check.status == 0, "\(check.stdout)")
    let plan = try Self.planJSON(out)
    let objective = try #require(plan["objective"] as? Double)
    if let bound = plan["bound"] as? Double { #expect(bound <= objective) }
  }
}
