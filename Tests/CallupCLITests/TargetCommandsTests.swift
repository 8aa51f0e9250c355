import Foundation
import Testing

/// `explain --target` on tiny with a hand-made plan, and the targets' line of `plan`'s summary.
@Suite("callup explain --target, plan's targets line", .serialized)
struct TargetCommandsTests {
  /// tiny with C01 cut to 4 seats and three target rules: principals and
  /// deputies in rotation (4 each way; 2), rotation classes (at least 2,
  /// with 10 seats), and women among bureau and county cadres trained in
  /// rotation at the overall rate; a plan by hand: P03, P06, P08 and P09
  /// (deputies) fill C01, C02 is not held. P04 (deputy) has a rotation of
  /// 2025 in history.
  func scenarioAndPlan() throws -> URL {
    try tiny(
      "targets", classes: ",2025-04-07,4,28,2,10,", to: ",2025-04-07,4,28,2,4,",
      rules: """
        rules:
          - id: principals-rotation
            type: quota
            sentence: 党政正职和副职参加集中轮训的人数。
            source: test
            targets:
              - programme: 正职轮训
                who: { leadership: [principal], ranks: [bureau, county] }
                classes: { kinds: [rotation] }
                count: 4
              - programme: 副职轮训
                who: { leadership: [deputy] }
                classes: { kinds: [rotation] }
                count: 2
          - id: rotation-classes
            type: class-count
            classes: { kinds: [rotation] }
            min: 2
            min_seats: 10
          - id: women-share
            type: group-share
            sentence: 女干部参训比例不低于总体。
            groups:
              - { name: 女干部, who: { gender: [F] } }
            of: { ranks: [bureau, county] }
            classes: { kinds: [rotation] }

        """,
      plan: """
        { "scenario": "tiny", "year": 2025, "status": "optimal",
          "classes": [ { "id": "C01", "held": true, "attendees": 4 }, { "id": "C02", "held": false, "attendees": 0 } ],
          "assignments": [ { "cadre": "P03", "class": "C01" }, { "cadre": "P06", "class": "C01" },
                           { "cadre": "P08", "class": "C01" }, { "cadre": "P09", "class": "C01" } ],
          "unmet": [], "unit_shortfalls": [], "kpis": {} }
        """)
  }

  /// Principals: 4 could attend, but C01's 4 seats went to deputies and C02 is not held. Deputies:
  /// 4 called up and 1 by history against 2. Rotation classes: 1 held of 2, 4 seats of 10. Women:
  /// 2 of the 9 bureau and county cadres, 5 of whom are trained, so ceil(2 × 5 / 9) = 2 are asked for;
  /// P03 is trained and P02 could be.
  @Test func explainsWhyEachTargetIsShortOrOver() throws {
    let dir = try scenarioAndPlan()
    let r = try CLI.run(
      [
        "explain", "targets", "plan", "--target", "principals-rotation", "--target", "rotation-classes", "--target",
        "women-share", "--lang", "en",
      ], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout == """
        Target principals-rotation: 正职轮训 · 2025 · soft (source test)
        Range 4; planned 0: short by 4.
        Cadres: 4 matched; 0 trained by history in 2025, 0 called up by the plan; 4 could attend a matching class (admitted, free on its days, no clash with past training), 4 of them not counted yet.
          Could attend, not counted yet: P01 张建国, P02 李红梅, P05 王磊, P07 陈志强
        Matching classes in 2025: 2, 1 held:
          - C01 2025年全市县处级领导干部集中轮训第1期: held, 4 of 4 seats taken; 0 of the target's cadres, 4 other (annual-rotation 4; county 4)
          - C02 2025年全市县处级领导干部集中轮训第2期: not held (capacity 10, needs at least 2 to be held)
        Conclusion: short by 4: the 1 matching class held seats 4 and 4 of those seats went to other cadres (annual-rotation 4), 0 are free; opening C02 (10 seats; 4 of its cadres could attend it) or adding 4 seats would make room for it.

        Target principals-rotation: 副职轮训 · 2025 · soft (source test)
        Range 2; planned 5: over by 3.
        Cadres: 5 matched; 1 trained by history in 2025, 4 called up by the plan; 4 could attend a matching class (admitted, free on its days, no clash with past training), 0 of them not counted yet.
          Called up for: annual-rotation 4
        Matching classes in 2025: 2, 1 held:
          - C01 2025年全市县处级领导干部集中轮训第1期: held, 4 of 4 seats taken; 4 of the target's cadres, 0 other
          - C02 2025年全市县处级领导干部集中轮训第2期: not held (capacity 10, needs at least 2 to be held)
        Conclusion: over by 3: 5 counted against at most 2: 1 by history, 4 called up by the plan (annual-rotation 4); calling fewer of its cadres to these classes, or sending them to classes outside the target, would bring it within range.

        Target rotation-classes · classes held · 2025 · soft
        Range ≥ 2; planned 1: short by 1 class.
        Matching classes in 2025: 2, 1 held:
          - C01 2025年全市县处级领导干部集中轮训第1期: held, 4 of 4 seats taken (annual-rotation 4; county 4)
          - C02 2025年全市县处级领导干部集中轮训第2期: not held (capacity 10, needs at least 2 to be held)
        Conclusion: short by 1 class: 1 of the 2 matching classes is held; opening C02 (with the least attendees it takes to hold it) would make it hold.

        Target rotation-classes · seats · 2025 · soft
        Range ≥ 10; planned 4: short by 6 seats.
        Matching classes in 2025: 2, 1 held:
          - C01 2025年全市县处级领导干部集中轮训第1期: held, 4 of 4 seats taken (annual-rotation 4; county 4)
          - C02 2025年全市县处级领导干部集中轮训第2期: not held (capacity 10, needs at least 2 to be held)
        Conclusion: short by 6 seats: the 1 matching class held seats 4, 4 taken; opening C02 (10 seats) or adding 6 seats would make room for it.

        Target women-share: 女干部 · 2025 · soft
        Range ≥ 2; planned 1: short by 1.
        Overall: 5 of 9 cadres trained (55.6%); the group: 1 of 2 (50.0%); the rule asks for at least 2.
        Cadres: 2 matched; 0 trained by history in 2025, 1 called up by the plan; 2 could attend a matching class (admitted, free on its days, no clash with past training), 1 of them not counted yet.
          Called up for: annual-rotation 1
          Could attend, not counted yet: P02 李红梅
        Matching classes in 2025: 2, 1 held:
          - C01 2025年全市县处级领导干部集中轮训第1期: held, 4 of 4 seats taken; 1 of the target's cadres, 3 other (annual-rotation 3; county 3)
          - C02 2025年全市县处级领导干部集中轮训第2期: not held (capacity 10, needs at least 2 to be held)
        Conclusion: short by 1: the 1 matching class held seats 4 and 3 of those seats went to other cadres (annual-rotation 3), 0 are free; opening C02 (10 seats; 1 of its cadres could attend it) or adding 1 seat would make room for it.

        """)
  }

  @Test func explainsInChineseByName() throws {
    let dir = try scenarioAndPlan()
    let r = try CLI.run(
      [
        "explain", "targets", "plan", "--target", "principals-rotation:正职轮训", "--target", "rotation-classes:seats",
        "--target", "women-share:女干部",
      ], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout == """
        目标 principals-rotation：正职轮训 · 2025 年 · 柔性（依据 test）
        范围 4，计划 0：不足 4 人。
        对象干部 4 人：培训记录已计入 0 人，本计划调训 0 人；能参加相关班次的 4 人（符合准入条件、班期内可参训、与培训记录不冲突），其中尚未计入 4 人。
          能参加而尚未计入：P01 张建国、P02 李红梅、P05 王磊、P07 陈志强
        2025 年相关班次 2 个，开班 1 个：
          - C01 2025年全市县处级领导干部集中轮训第1期：已开班，4/4 人；对象干部 0 人，其他 4 人（annual-rotation 4；县处级 4）
          - C02 2025年全市县处级领导干部集中轮训第2期：未开班（容量 10，至少 2 人开班）
        结论：不足 4 人：已开班的 1 个相关班次共 4 个名额，其中 4 个由其他干部占用（annual-rotation 4），空余 0 个；开办 C02（10 个名额，4 名对象干部可以参加）或增加 4 个名额即可容纳。

        目标 rotation-classes · 参训人数 · 2025 年 · 柔性
        范围 ≥ 10，计划 4：不足 6 个名额。
        2025 年相关班次 2 个，开班 1 个：
          - C01 2025年全市县处级领导干部集中轮训第1期：已开班，4/4 人（annual-rotation 4；县处级 4）
          - C02 2025年全市县处级领导干部集中轮训第2期：未开班（容量 10，至少 2 人开班）
        结论：不足 6 个名额：已开班的 1 个相关班次共 4 个名额，已用 4 个；开办 C02（10 个名额）或增加 6 个名额即可容纳。

        目标 women-share：女干部 · 2025 年 · 柔性
        范围 ≥ 2，计划 1：不足 1 人。
        总体：9 人中 5 人参训（55.6%）；本群体 2 人中 1 人参训（50.0%），按规则至少应有 2 人。
        对象干部 2 人：培训记录已计入 0 人，本计划调训 1 人；能参加相关班次的 2 人（符合准入条件、班期内可参训、与培训记录不冲突），其中尚未计入 1 人。
          本计划调训的对象干部按任务：annual-rotation 1
          能参加而尚未计入：P02 李红梅
        2025 年相关班次 2 个，开班 1 个：
          - C01 2025年全市县处级领导干部集中轮训第1期：已开班，4/4 人；对象干部 1 人，其他 3 人（annual-rotation 3；县处级 3）
          - C02 2025年全市县处级领导干部集中轮训第2期：未开班（容量 10，至少 2 人开班）
        结论：不足 1 人：已开班的 1 个相关班次共 4 个名额，其中 3 个由其他干部占用（annual-rotation 3），空余 0 个；开办 C02（10 个名额，1 名对象干部可以参加）或增加 1 个名额即可容纳。

        """)
  }

  /// tiny with C04 grown to 20 seats and a quota of one township head in a
  /// systematic class: C03 (county), C04 (county, young) and C06 (section,
  /// township heads) match it, and only C06 admits township heads; P12 is
  /// away on C06's days, so P11 alone could attend. A plan by hand: P05 fills
  /// C03, P03 attends C04 when `c04Held`, C06 is held (with no one) when `c06Held`.
  func townshipScenarioAndPlan(c04Held: Bool, c06Held: Bool = false) throws -> URL {
    let c04 = c04Held ? #", { "cadre": "P03", "class": "C04" }"# : ""
    return try tiny(
      "township", classes: ",2025-10-13,28,168,1,5,", to: ",2025-10-13,28,168,1,20,",
      rules: """
        rules:
          - id: township-heads
            type: quota
            source: test
            targets:
              - programme: 乡镇正职进修
                who: { tags: [township-head] }
                classes: { kinds: [systematic] }
                count: 1

        """,
      plan: """
        { "scenario": "tiny", "year": 2025, "status": "optimal",
          "classes": [ { "id": "C03", "held": true, "attendees": 1 }, { "id": "C04", "held": \(c04Held), "attendees": \(c04Held ? 1 : 0) },
                       { "id": "C06", "held": \(c06Held), "attendees": 0 } ],
          "assignments": [ { "cadre": "P05", "class": "C03" }\(c04) ],
          "unmet": [], "unit_shortfalls": [], "kpis": {} }
        """)
  }

  /// tiny copied to `name`, its classes.csv with `from` replaced by `to`
  /// (which must be there), `rules` appended to its scenario.yaml, and
  /// `planJSON` as plan.json of a plan directory `plan` beside it: the
  /// folder of both.
  func tiny(_ name: String, classes from: String, to: String, rules: String, plan planJSON: String) throws -> URL {
    let s = try CLI.copyOfTiny(name)
    let classes = s.appendingPathComponent("classes.csv")
    let text = try String(contentsOf: classes, encoding: .utf8)
    let changed = text.replacingOccurrences(of: from, with: to)
    #expect(changed != text)
    try changed.write(to: classes, atomically: true, encoding: .utf8)
    let yaml = s.appendingPathComponent("scenario.yaml")
    try (String(contentsOf: yaml, encoding: .utf8) + rules).write(to: yaml, atomically: true, encoding: .utf8)
    let plan = s.deletingLastPathComponent().appendingPathComponent("plan")
    try FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
    try planJSON.write(to: plan.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
    return s.deletingLastPathComponent()
  }

  /// The conclusion names only a class that admits the cadres it counts:
  /// C06, not held, rather than C04, the larger class not held, or the free
  /// seats of C04 held, neither of which admits a township head; with C06
  /// held, its 5 free seats alone count, not C04's 19.
  @Test func theConclusionNamesOnlyAClassThatAdmitsTheTargetsCadres() throws {
    let notHeld = try CLI.run(
      ["explain", "township", "plan", "--target", "township-heads", "--lang", "en"],
      in: try townshipScenarioAndPlan(c04Held: false))
    #expect(notHeld.status == 0, "\(notHeld.stderr)")
    #expect(
      notHeld.stdout == """
        Target township-heads: 乡镇正职进修 · 2025 · soft (source test)
        Range 1; planned 0: short by 1.
        Cadres: 2 matched; 0 trained by history in 2025, 0 called up by the plan; 1 could attend a matching class (admitted, free on its days, no clash with past training), 1 of them not counted yet.
          Could attend, not counted yet: P11 郑海
        Matching classes in 2025: 3, 1 held:
          - C03 中共四川省委党校2025年县处级领导干部进修班: held, 1 of 1 seats taken; 0 of the target's cadres, 1 other (no due obligation 1; county 1)
          - C04 2025年中青年干部培训班: not held (capacity 20, needs at least 1 to be held)
          - C06 2025年乡镇党政正职履职能力提升进修班: not held (capacity 5, needs at least 1 to be held)
        Conclusion: short by 1: the 1 matching class held seats 1 and 1 of those seats went to other cadres (no due obligation 1), 0 are free; opening C06 (5 seats; 1 of its cadres could attend it) would make room for it.

        """)
    let held = try CLI.run(
      ["explain", "township", "plan", "--target", "township-heads"], in: try townshipScenarioAndPlan(c04Held: true))
    #expect(held.status == 0, "\(held.stderr)")
    #expect(
      held.stdout == """
        目标 township-heads：乡镇正职进修 · 2025 年 · 柔性（依据 test）
        范围 1，计划 0：不足 1 人。
        对象干部 2 人：培训记录已计入 0 人，本计划调训 0 人；能参加相关班次的 1 人（符合准入条件、班期内可参训、与培训记录不冲突），其中尚未计入 1 人。
          能参加而尚未计入：P11 郑海
        2025 年相关班次 3 个，开班 2 个：
          - C03 中共四川省委党校2025年县处级领导干部进修班：已开班，1/1 人；对象干部 0 人，其他 1 人（无到期任务 1；县处级 1）
          - C04 2025年中青年干部培训班：已开班，1/20 人；对象干部 0 人，其他 1 人（systematic-leaders 1；县处级 1）
          - C06 2025年乡镇党政正职履职能力提升进修班：未开班（容量 5，至少 1 人开班）
        结论：不足 1 人：已开班的 2 个相关班次共 21 个名额，其中 2 个由其他干部占用（无到期任务 1，systematic-leaders 1），空余 19 个，其中对象干部能占用 0 个；开办 C06（5 个名额，1 名对象干部可以参加）即可容纳。

        """)
    for r in [notHeld, held] {
      let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("Conclusion: ") || $0.hasPrefix("结论：") }
      #expect(lines.count == 1 && lines[0].contains("C06") && !lines[0].contains("C04"))
    }
    let both = try CLI.run(
      ["explain", "township", "plan", "--target", "township-heads", "--lang", "en"],
      in: try townshipScenarioAndPlan(c04Held: true, c06Held: true))
    #expect(both.status == 0, "\(both.stderr)")
    #expect(
      both.stdout.split(separator: "\n").last.map(String.init)
        == "Conclusion: short by 1: the matching classes held that admit its cadres have 5 free seats and 1 of its "
        + "cadres could take them; the plan left them out for other reasons (the unit's release limit, clashes, "
        + "cost): --cadre ID says which.")
  }

  @Test func anUnknownTargetNamesTheKnownOnes() throws {
    let dir = try scenarioAndPlan()
    let r = try CLI.run(["explain", "targets", "plan", "--target", "principals-rotation:校长"], in: dir)
    #expect(r.status == 65)
    #expect(
      r.stderr
        == "error: the plan of 2025 has no target 'principals-rotation:校长'; its targets: principals-rotation:正职轮训, "
        + "principals-rotation:副职轮训, women-share:女干部, rotation-classes, rotation-classes:seats.\n")
    let bare = try CLI.run(["explain", "plan", "--target", "women-share"], in: dir)
    #expect(bare.status == 64)
    #expect(bare.stderr.contains("give it: callup explain SCENARIO plan --target women-share"))
    let nothing = try CLI.run(["explain", "targets", "plan"], in: dir)
    #expect(nothing.status == 64)
    #expect(nothing.stderr.contains("--cadre ID, or a target with --target RULE[:NAME]"))
  }

  /// plan's summary counts plan.json's targets by status.
  @Test func planSummaryCountsTheTargets() throws {
    let dir = CLI.temporaryDirectory()
    let scenario = try scenarioAndPlan().appendingPathComponent("targets")
    let r = try CLI.run(["plan", scenario.path, "--out", "p", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: dir.appendingPathComponent("p/plan.json"))
    let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let status = try #require(plan["targets"] as? [[String: Any]]).map { $0["status"] as! String }
    #expect(status.count == 5)
    let n = { (s: String) in status.filter { $0 == s }.count }
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.filter { $0.hasPrefix("  targets: ") } == [
        "  targets: \(n("met")) met, \(n("short")) short, \(n("over")) over"
      ])
    // Right after the cost line.
    let at = try #require(lines.firstIndex { $0.hasPrefix("  targets: ") })
    #expect(lines[at - 1].hasPrefix("  cost "))
    #expect(!r.stdout.contains("conflict"))
  }
}
