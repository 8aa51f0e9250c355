import Foundation
import Testing

/// `plan` with hard rules that cannot hold: the plan made with them soft,
/// status infeasible, the conflict in the summary and plan.json, exit 3;
/// `check` accepts it.
@Suite("callup plan: conflicts of hard rules, exit 3")
struct ConflictCommandTests {
  @Test func aHardDeadlineBeforeEveryClassExitsThreeAndChecks() throws {
    let s = try CLI.copyOfTiny("deadline")
    let yaml = s.appendingPathComponent("scenario.yaml")
    try
      (String(contentsOf: yaml, encoding: .utf8) + """
        rules:
          - { id: annual-rotation, type: cycle, who: { ranks: [bureau, county] }, kinds: [rotation], every: 1, by: "03-31", hard: true }

        """).write(to: yaml, atomically: true, encoding: .utf8)
    let dir = s.deletingLastPathComponent()
    let r = try CLI.run(["plan", s.path, "--out", "plan", "--quiet", "--lang", "en"], in: dir)
    #expect(r.status == 3, "\(r.stderr)")
    // 8 of tiny's 9 bureau and county cadres are due (P04's rotation of 2025 ended
    // by 31 March); C01 and C02 end after it.
    #expect(
      r.stdout.contains(
        "annual-rotation (classes ending by 03-31) needs 8 persons trained; no class of 2025 counts for it. "
          + "Add 8 seats to such classes, or move some of the 2 classes outside the dates "
          + "(C01 (2025-04-07..2025-04-10), C02 (2025-09-08..2025-09-11); 20 seats) inside them, "
          + "or relax the dates, or make the rule soft."), "\(r.stdout)")
    let data = try Data(contentsOf: dir.appendingPathComponent("plan/plan.json"))
    let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(plan["status"] as? String == "infeasible")
    let conflicts = try #require(plan["conflicts"] as? [[String: Any]])
    #expect(conflicts.count == 1)
    #expect(conflicts.first?["rules"] as? [String] == ["annual-rotation"])
    #expect(conflicts.first?["needed"] as? Int == 8 && conflicts.first?["available"] as? Int == 0)
    let message = try #require(conflicts.first?["message"] as? String)
    #expect(message.hasPrefix("annual-rotation（03-31前结束的班次） 需要 8 人参训；2025 年没有符合条件的班次。"))
    #expect(message.contains(" / annual-rotation (classes ending by 03-31) needs 8 persons trained"))
    let check = try CLI.run(["check", s.path, "plan"], in: dir)
    #expect(check.status == 0, "\(check.stdout)")
  }
}
