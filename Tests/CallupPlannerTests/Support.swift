import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

enum Bundled {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func scenario(_ name: String) throws -> Scenario {
    try ScenarioLoader.load(root.appendingPathComponent("scenarios/\(name)")).scenario
  }

  static func temporaryDirectory() -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("callup-planner-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  /// The request `plan` makes for `timeLimit` seconds: the same work
  /// (hence the same plan), with a wall-clock safety stop far enough that
  /// a test machine busy with other tests never fires it.
  static func request(_ s: Scenario, timeLimit: Double) -> PlanRequest {
    var request = PlanRequest(scenario: s, timeLimit: 10 * timeLimit, mipGap: s.solver.mipGap)
    request.work = timeLimit * Tuning.Work.shareOfLimit
    return request
  }

  /// Plans, writes the plan directory and checks it with the independent checker.
  static func planAndCheck(_ s: Scenario, timeLimit: Double = 60) throws -> (Plan, CheckReport, URL) {
    let plan = try Planning.plan(request(s, timeLimit: timeLimit))
    let dir = temporaryDirectory().appendingPathComponent("plan")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    return (plan, report, dir)
  }
}

extension Plan {
  /// "P07→C03" for every assignment.
  var pairs: Set<String> {
    Set(assignments.map { "\(scenario.cadres[$0.cadre].id)→\(scenario.classes[$0.klass].id)" })
  }
  /// Reason per "cadre/rule" of the unmet obligations.
  var unmetReasons: [String: String] {
    Dictionary(
      uniqueKeysWithValues: unmet.map {
        ("\(scenario.cadres[$0.obligation.cadre].id)/\($0.ruleID)", $0.reason.rawValue)
      })
  }
}
