import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// plan.json `targets`: each quota target, group-share group and class-count
/// rule of each year, worked out by hand and compared.
@Suite struct TargetTests {
  typealias F = Fixture
  typealias T = TargetFixture

  @Test func quotaCountWithToleranceRounding() {
    // N = 10, t = 0.15: lo = ceil(8.5) = 9, hi = floor(11.5) = 11; P1, P2 by C1 and P4 by history: 3.
    let s = T.scenario([T.quota([T.rotationTarget()])])
    let right = T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")
    let ok = T.check(s, T.plan([right]))
    #expect(ok.holds, "\(ok.violations)")
    #expect(ok.summary.contains { $0.contains("Targets (1 rules): 1 expected over 2025, 1 not met") })
    for (lo, hi) in [(8, 11), (9, 12), (10, 10)] {
      var wrong = right
      wrong.lo = lo
      wrong.hi = hi
      let v = expectOnly("target", count: lo == 10 ? 2 : 1, in: T.check(s, T.plan([wrong])))
      #expect(v.allSatisfy { $0.message.contains("quota programmes, programme \"县处级轮训\", in 2025") })
      #expect(v.contains { $0.message.contains(lo != 9 ? "lo \(lo)" : "hi \(hi)") })
      #expect(v.contains { $0.message.contains(lo != 9 ? "it is 9" : "it is 11") })
    }
  }

  @Test func aTargetsToleranceOverridesTheRules() {
    let s = T.scenario([T.quota([T.rotationTarget(tolerance: "0.15")], tolerance: "0.5")])
    #expect(T.check(s, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")])).holds)
    // The rule's 0.5 would give 5–15.
    let v = expectOnly(
      "target", count: 2,
      in: T.check(s, T.plan([T.entry("programmes", "县处级轮训", lo: 5, hi: 15, planned: 3, "short")])))
    #expect(msg(v, 0).contains("lo 5") && msg(v, 0).contains("tolerance 0.15"))
    // Without its own tolerance, the target takes the rule's.
    let own = T.scenario([T.quota([T.rotationTarget(tolerance: nil)], tolerance: "0.5")])
    #expect(T.check(own, T.plan([T.entry("programmes", "县处级轮训", lo: 5, hi: 15, planned: 3, "short")])).holds)
  }

  @Test func quotaShareCountsOverTheWholeGroupInExactDecimals() {
    // Six township heads, two in each of U3, U4, U5: ceil(0.2 × 6) = 2, not 1 + 1 + 1 per unit.
    let heads = T.pool(6, tags: ["township-head"], perUnit: 2)
    let target = QuotaTarget(programme: "乡镇长脱产", who: Selector(tags: ["township-head"]), amount: .share(T.d("0.2")))
    let s = T.scenario([T.quota([target])], extra: heads)
    #expect(T.check(s, T.plan([T.entry("programmes", "乡镇长脱产", lo: 2, hi: 2, planned: 0, "short")])).holds)
    let v = expectOnly(
      "target", count: 2,
      in: T.check(s, T.plan([T.entry("programmes", "乡镇长脱产", lo: 3, hi: 3, planned: 0, "short")])))
    #expect(msg(v, 0).contains("N = ceil(0.2 × 6) = 2"))
    // ceil(0.28 × 25) is 7 (binary floating point says 8).
    let many = T.pool(25, tags: ["township-head"])
    let t28 = QuotaTarget(programme: "乡镇长脱产", who: Selector(tags: ["township-head"]), amount: .share(T.d("0.28")))
    let s28 = T.scenario([T.quota([t28])], extra: many)
    #expect(T.check(s28, T.plan([T.entry("programmes", "乡镇长脱产", lo: 7, hi: 7, planned: 0, "short")])).holds)
    expectOnly(
      "target", count: 2,
      in: T.check(s28, T.plan([T.entry("programmes", "乡镇长脱产", lo: 8, hi: 8, planned: 0, "short")])))
  }

  @Test func atLeastDropsHiAndAtMostMakesLoZero() {
    let atLeast = T.scenario([T.quota([T.rotationTarget(atLeast: true)])])
    #expect(T.check(atLeast, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: nil, planned: 3, "short")])).holds)
    let v = expectOnly(
      "target", in: T.check(atLeast, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")])))
    #expect(msg(v, 0).contains("hi 11") && msg(v, 0).contains("null (the range is open)"))

    let atMost = T.scenario([T.quota([T.rotationTarget(atMost: true)])])
    #expect(T.check(atMost, T.plan([T.entry("programmes", "县处级轮训", lo: 0, hi: 11, planned: 3, "met")])).holds)
    let w = expectOnly(
      "target", count: 2,
      in: T.check(atMost, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")])))
    #expect(msg(w, 0).contains("lo 9") && msg(w, 0).contains("it is 0"))
    #expect(msg(w, 1).contains("status short") && msg(w, 1).contains("it is met"))
    // Three over an at-most range 0–2 is over.
    let over = T.scenario([T.quota([T.rotationTarget(count: 2, tolerance: nil, atMost: true)])])
    #expect(T.check(over, T.plan([T.entry("programmes", "县处级轮训", lo: 0, hi: 2, planned: 3, "over")])).holds)
  }

  @Test func historyInTheYearCounts() {
    // H1 (P4's rotation of 2025, not in classes.csv) cannot say its level: it does not match `levels`.
    let levels = T.scenario([T.quota([T.rotationTarget(classes: ClassSelector(kinds: [.rotation], levels: [.city]))])])
    #expect(T.check(levels, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 2, "short")])).holds)
    expectOnly(
      "target", in: T.check(levels, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")])))
    // A row naming a class of classes.csv is matched on that class: P4's row of C3 says `special` and no
    // institution type, yet C3 is at a university. P3 attends C3 in the plan. A row of 2024 does not count.
    let uni = QuotaTarget(
      programme: "高校培训", classes: ClassSelector(institutionTypes: [.university]), amount: .count(2))
    let s = T.scenario(
      [T.quota([uni])],
      history: [
        HistoryRecord(cadre: "P4", classID: "C3", kind: .special, start: F.day("2025-09-01"), days: 3, hours: 24),
        HistoryRecord(
          cadre: "P5", kind: .professional, institutionType: .university, start: F.day("2024-09-01"), days: 3,
          hours: 24),
      ])
    let r = T.check(s, T.plan([T.entry("programmes", "高校培训", lo: 2, hi: 2, planned: 2, "met")]))
    #expect(r.holds, "\(r.violations)")
  }

  @Test func groupShareArithmeticInExactDecimals() {
    // 40 cadres in `of`, 7 women among them; 13 trained online in 2025, two of the women:
    // lo = ceil(0.9 × 7 × 13 / 40) = ceil(2.0475) = 3. X1, a trained woman outside `of`, is not in G.
    let pool = T.pool(40, female: 7)
    let trained = ["Q01", "Q02"] + (8...18).map { T.id("Q", $0) }
    let outsider = Cadre(id: "X1", name: "外部", unit: "U3", rank: .section, gender: .female)
    func rule(_ ratio: String, tolerance: String = "0") -> Rule {
      .groupShare(
        GroupShareRule(
          info: RuleInfo(id: "groups", type: "group-share"),
          groups: [ShareGroup(name: "女干部", who: Selector(gender: [.female]))],
          of: Selector(tags: ["pool"]), classes: ClassSelector(kinds: [.online]), minRatio: T.d(ratio),
          tolerance: T.d(tolerance)))
    }
    let history = (trained + ["X1"]).map { T.online($0) }
    for r in [rule("0.9"), rule("1", tolerance: "0.1")] {
      let s = T.scenario([r], extra: pool + [outsider], history: history)
      let ok = T.check(s, T.plan([T.entry("groups", "女干部", lo: 3, hi: nil, planned: 2, "short")]))
      #expect(ok.holds, "\(ok.violations)")
      let v = expectOnly(
        "target", count: 2, in: T.check(s, T.plan([T.entry("groups", "女干部", lo: 2, hi: nil, planned: 2, "met")])))
      #expect(msg(v, 0).contains("× 7 × 13 / 40) = 3"))
    }
    // 1.1 × 7 × 10 / 77 is exactly 1 (binary floating point says 1.0000000000000002, so 2).
    let wide = T.pool(77, female: 7)
    let s = T.scenario(
      [rule("1.1")], extra: wide, history: (["Q01"] + (8...16).map { T.id("Q", $0) }).map { T.online($0) })
    let ok = T.check(s, T.plan([T.entry("groups", "女干部", lo: 1, hi: nil, planned: 1, "met")]))
    #expect(ok.holds, "\(ok.violations)")
    expectOnly(
      "target", count: 2, in: T.check(s, T.plan([T.entry("groups", "女干部", lo: 2, hi: nil, planned: 1, "short")])))
  }

  @Test func classCountClassesAndSeats() {
    // Rotation and systematic classes of 2025: C1 (held, 2 seats) and C2 (not held).
    let rule = ClassCountRule(
      info: RuleInfo(id: "main-classes", type: "class-count"), classes: ClassSelector(kinds: [.rotation, .systematic]),
      min: 2, minSeats: 1, maxSeats: 1)
    let s = T.scenario([.classCount(rule)])
    let right = [
      T.entry("main-classes", "", lo: 2, hi: nil, planned: 1, "short"),
      T.entry("main-classes", "seats", lo: 1, hi: 1, planned: 2, "over"),
    ]
    let ok = T.check(s, T.plan(right))
    #expect(ok.holds, "\(ok.violations)")
    var wrong = right
    wrong[0].planned = 2
    wrong[0].status = "met"
    wrong[1].planned = 3
    let v = expectOnly("target", count: 3, in: T.check(s, T.plan(wrong)))
    #expect(msg(v, 0).contains("planned 2 for class-count main-classes (classes held) in 2025; it is 1"))
    #expect(msg(v, 2).contains("planned 3 for class-count main-classes (seats) in 2025; it is 2"))
    // Without seat bounds there is no `seats` entry; with seat bounds alone, the classes entry is open.
    let noSeats = T.scenario([.classCount(ClassCountRule(info: rule.info, classes: rule.classes, max: 1))])
    #expect(T.check(noSeats, T.plan([T.entry("main-classes", "", lo: 0, hi: 1, planned: 1, "met")])).holds)
    let w = expectOnly(
      "target", in: T.check(noSeats, T.plan([T.entry("main-classes", "", lo: 0, hi: 1, planned: 1, "met"), right[1]])))
    #expect(msg(w, 0).contains("bounds no seats"))
    let seatsOnly = T.scenario([.classCount(ClassCountRule(info: rule.info, classes: rule.classes, maxSeats: 5))])
    let both = [
      T.entry("main-classes", "", lo: 0, hi: nil, planned: 1, "met"),
      T.entry("main-classes", "seats", lo: 0, hi: 5, planned: 2, "met"),
    ]
    #expect(T.check(seatsOnly, T.plan(both)).holds)
    let x = expectOnly("target", in: T.check(seatsOnly, T.plan([both[1]])))
    #expect(msg(x, 0).contains("does not list class-count main-classes (classes held) in 2025"))
  }

  @Test func aWrongPlannedFigureIsNamed() {
    let s = T.scenario([T.quota([T.rotationTarget()])])
    let v = expectOnly(
      "target", in: T.check(s, T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 4, "short")])))
    #expect(
      msg(v, 0).hasPrefix(
        "plan.json gives planned 4 for quota programmes, programme \"县处级轮训\", in 2025; it is 3: N = 10 (count)"))
    #expect(msg(v, 0).contains("3 of the 3 cadres matched by `who`"))
  }

  @Test func entriesMissingRepeatedOrUnknown() {
    let s = T.scenario([T.quota([T.rotationTarget()])])
    let right = T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")
    // No `targets` at all.
    let none = expectOnly("format", in: T.check(s, F.plan()))
    #expect(msg(none, 0).contains("no `targets` list") && msg(none, 0).contains("programmes"))
    // An empty list misses the entry.
    let missing = expectOnly("target", in: T.check(s, T.plan([])))
    #expect(msg(missing, 0).contains("does not list quota programmes, programme \"县处级轮训\", in 2025"))
    // Repeated, another programme, another year, a cycle rule, an unknown rule, a status word.
    var badStatus = right
    badStatus.status = "done"
    let extra = [
      right, right, T.entry("programmes", "乡镇书记", lo: 1, hi: 1, planned: 0, "short"),
      T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 0, "short", year: 2026),
      T.entry("annual-rotation", "", lo: 0, hi: nil, planned: 0, "met"),
      T.entry("nothing", "", lo: 0, hi: nil, planned: 0, "met"),
    ]
    let v = expectOnly("target", count: 5, in: T.check(s, T.plan(extra)))
    #expect(msg(v, 0).contains("more than once"))
    #expect(msg(v, 1).contains("has no programme \"乡镇书记\""))
    #expect(msg(v, 2).contains("2026 is not a planned year"))
    #expect(msg(v, 3).contains("annual-rotation is a cycle rule"))
    #expect(msg(v, 4).contains("the policy has no rule nothing"))
    let w = expectOnly("target", in: T.check(s, T.plan([badStatus])))
    #expect(msg(w, 0).contains("status \"done\""))
    // A policy without target rules: an empty list holds, any entry is extra.
    #expect(F.check(plan: T.plan([])).holds)
    expectOnly("target", in: F.check(plan: T.plan([right])))
  }

  @Test func targetRulesAreCheckedNotListedAsUnknown() {
    let s = T.scenario([
      T.quota([T.rotationTarget()]),
      .classCount(ClassCountRule(info: RuleInfo(id: "cc", type: "class-count"), min: 1)),
      .other(OtherRule(info: RuleInfo(id: "mystery", type: "mystery"))),
    ])
    let r = T.check(
      s,
      T.plan([
        T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short"),
        T.entry("cc", "", lo: 1, hi: nil, planned: 2, "met"),
      ]))
    #expect(r.holds, "\(r.violations)")
    let unknown = r.summary.filter { $0.contains("not known to the checker") }
    #expect(unknown == ["Rule mystery of type mystery: not known to the checker, not checked."])
    #expect(r.summary.contains { $0.hasPrefix("Targets (2 rules): 2 expected") })
  }

  @Test func targetsAndConflictsAreReadFromPlanJSON() throws {
    let s = T.scenario([T.quota([T.rotationTarget(atLeast: true)], hard: true)])
    let plan = T.plan([T.entry("programmes", "县处级轮训", lo: 9, hi: nil, planned: 3, "short")]) { p in
      p.status = "infeasible"
      p.conflicts = [T.conflict(["programmes"])]
    }
    let text = F.json(plan)
    #expect(text.contains("\"hi\" : null"))
    let dir = try F.writePlanDirectory(plan: text)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = PlanChecker(scenario: s, checksObjective: false).check(planDirectory: dir)
    #expect(r.holds, "\(r.violations)")
    // An entry without `hi`, and a conflict whose rules are not strings.
    var top = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    var entry = try #require((top["targets"] as? [[String: Any]])?.first)
    entry["hi"] = nil
    top["targets"] = [entry]
    var conflict = try #require((top["conflicts"] as? [[String: Any]])?.first)
    conflict["rules"] = [3]
    top["conflicts"] = [conflict]
    let broken = String(decoding: try JSONSerialization.data(withJSONObject: top), as: UTF8.self)
    let dir2 = try F.writePlanDirectory(plan: broken)
    defer { try? FileManager.default.removeItem(at: dir2) }
    let w = PlanChecker(scenario: s, checksObjective: false).check(planDirectory: dir2)
    #expect(w.violations(of: "format").contains { $0.message.contains("has no `hi`") }, "\(w.violations)")
    #expect(w.violations(of: "format").contains { $0.message.contains("conflicts[0].rules[0]` is 3") })
  }
}
