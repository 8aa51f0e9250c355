import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// Hard targets, hard cycle rules, and status `infeasible` with `conflicts`:
/// a plan may break only the rules its conflicts name.
@Suite struct HardTargetTests {
  typealias F = Fixture
  typealias T = TargetFixture

  /// A hard quota of 9–11 county leaders in rotation classes; the plan has 3.
  static let hardQuota = T.scenario([T.quota([T.rotationTarget()], hard: true)])
  static let entry = T.entry("programmes", "县处级轮训", lo: 9, hi: 11, planned: 3, "short")

  @Test func aBrokenHardTargetIsAnError() {
    let v = expectOnly("hard-target", in: T.check(Self.hardQuota, T.plan([Self.entry])))
    #expect(
      msg(v, 0).hasPrefix(
        "Quota programmes, programme \"县处级轮训\", in 2025 is a hard target, but the plan gives 3, below its range 9–11"
      ))
    #expect(msg(v, 0).contains("lists programmes in `conflicts`"))
    // A hard target in its range holds; so does the same target when soft.
    let held = T.scenario([T.quota([T.rotationTarget(count: 3, tolerance: nil)], hard: true)])
    #expect(T.check(held, T.plan([T.entry("programmes", "县处级轮训", lo: 3, hi: 3, planned: 3, "met")])).holds)
    let soft = T.scenario([T.quota([T.rotationTarget()])])
    #expect(T.check(soft, T.plan([Self.entry])).holds)
  }

  @Test func aBrokenHardGroupIsAnError() {
    // 4 in `of`, 2 women; 2 men trained: lo = ceil(1 × 2 × 2 / 4) = 1, planned 0.
    let rule = GroupShareRule(
      info: RuleInfo(id: "groups", type: "group-share"),
      groups: [ShareGroup(name: "女干部", who: Selector(gender: [.female]))],
      of: Selector(tags: ["pool"]), classes: ClassSelector(kinds: [.online]), hard: true)
    let s = T.scenario([.groupShare(rule)], extra: T.pool(4, female: 2), history: [T.online("Q03"), T.online("Q04")])
    let v = expectOnly(
      "hard-target", in: T.check(s, T.plan([T.entry("groups", "女干部", lo: 1, hi: nil, planned: 0, "short")])))
    #expect(msg(v, 0).contains("Group-share groups, group \"女干部\", in 2025 is a hard target"))
    #expect(msg(v, 0).contains("the plan gives 0, below its minimum 1"))
  }

  @Test func anInfeasiblePlanMayBreakTheRulesItsConflictsName() {
    let p = T.plan([Self.entry]) { p in
      p.status = "infeasible"
      p.conflicts = [T.conflict(["programmes", "release-limit"])]
    }
    let r = T.check(Self.hardQuota, p)
    #expect(r.holds, "\(r.violations)")
    #expect(r.summary.contains { $0.contains("Rule programmes is in a conflict of this infeasible plan") })
    // A conflict naming other rules excuses nothing of this one.
    let other = T.plan([Self.entry]) { p in
      p.status = "infeasible"
      p.conflicts = [T.conflict(["annual-rotation"])]
    }
    expectOnly("hard-target", in: T.check(Self.hardQuota, other))
    // Everything except the conflicting rules must still hold.
    let over = T.plan([Self.entry]) { p in
      p.status = "infeasible"
      p.conflicts = [T.conflict(["programmes"])]
      p.kpis?["due"] = 4
    }
    expectOnly("kpi", in: T.check(Self.hardQuota, over))
  }

  @Test func infeasibleWithoutConflictsIsAnError() {
    for conflicts: [PlanFile.Conflict]? in [nil, []] {
      let p = F.plan { p in
        p.status = "infeasible"
        p.conflicts = conflicts
      }
      let v = expectOnly("conflict", in: F.check(plan: p))
      #expect(msg(v, 0).contains("status infeasible but lists no conflicts"))
      // With a hard target broken, both are reported.
      let q = T.plan([Self.entry]) { q in
        q.status = "infeasible"
        q.conflicts = conflicts
      }
      let r = T.check(Self.hardQuota, q)
      #expect(r.violations.map(\.rule) == ["conflict", "hard-target"], "\(r.violations)")
    }
  }

  @Test func eachConflictIsComplete() {
    let p = T.plan([Self.entry]) { p in
      p.status = "infeasible"
      p.conflicts = [
        PlanFile.Conflict(rules: [], year: 2025, message: " ", needed: nil, available: 3),
        PlanFile.Conflict(rules: ["programmes", "ghost"], year: 2030, message: "x", needed: 10, available: 3),
      ]
    }
    let v = expectOnly("conflict", count: 5, in: T.check(Self.hardQuota, p))
    #expect(msg(v, 0).contains("conflicts[0] names no rules"))
    #expect(msg(v, 1).contains("conflicts[0] has no `message`"))
    #expect(msg(v, 2).contains("conflicts[0] has no `needed` figure"))
    #expect(msg(v, 3).contains("conflicts[1] names rule ghost, which the policy does not have"))
    #expect(msg(v, 4).contains("conflicts[1] (programmes, ghost) is for 2030, which is not a planned year (2025)"))
  }

  @Test func conflictsBelongToAnInfeasiblePlan() {
    let v = expectOnly("conflict", in: F.check(plan: F.plan { $0.conflicts = [T.conflict(["annual-rotation"])] }))
    #expect(msg(v, 0).contains("its status is optimal"))
    // And they excuse nothing there.
    let p = T.plan([Self.entry]) { $0.conflicts = [T.conflict(["programmes"])] }
    #expect(T.check(Self.hardQuota, p).violations.map(\.rule) == ["conflict", "hard-target"])
  }

  @Test func aHardCycleRuleWithAnUnmetObligation() {
    // P2 is due for systematic-leaders and unmet (C2 is not held).
    let s = F.scenario { s in
      var r = F.systematic
      r.hard = true
      s.policy.rules[1] = .cycle(r)
    }
    let v = expectOnly("hard-cycle", in: F.check(scenario: s))
    #expect(msg(v, 0).contains("P2 李四 (unit U1 财政局) is due for systematic-leaders in 2025"))
    #expect(msg(v, 0).contains("systematic-leaders is hard (counting systematic classes of at least 5 days)"))
    let p = F.plan { p in
      p.status = "infeasible"
      p.conflicts = [T.conflict(["systematic-leaders"])]
    }
    let r = F.check(scenario: s, plan: p)
    #expect(r.holds, "\(r.violations)")
    #expect(r.summary.contains { $0.contains("its 1 unmet due obligation(s) are accepted") })
    // A hard rule whose obligations are all met holds.
    let rotation = F.scenario { s in
      var r = F.rotation
      r.hard = true
      s.policy.rules[0] = .cycle(r)
    }
    #expect(F.check(scenario: rotation).holds)
  }
}
