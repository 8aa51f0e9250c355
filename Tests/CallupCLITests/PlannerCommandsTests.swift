import Foundation
import Testing

/// `whatif`, `compare` and `explain` on the tiny scenario: exact output.
@Suite("callup whatif, compare, explain", .serialized)
struct PlannerCommandsTests {
  let tiny = CLI.root.appendingPathComponent("scenarios/tiny").path

  /// Sweeps tiny into `sweep/` under a fresh folder; returns the folder and the run.
  /// tiny with two targets: women among bureau and county cadres in
  /// rotation at the overall rate, and at least 2 rotation classes.
  static func tinyWithTargets() throws -> String {
    let s = try CLI.copyOfTiny("tiny-targets")
    let yaml = s.appendingPathComponent("scenario.yaml")
    try
      (String(contentsOf: yaml, encoding: .utf8) + """
        rules:
          - id: women-share
            type: group-share
            groups: [{ name: 女干部, who: { gender: [F] } }]
            of: { ranks: [bureau, county] }
            classes: { kinds: [rotation] }
          - { id: rotation-classes, type: class-count, classes: { kinds: [rotation] }, min: 2 }

        """).write(to: yaml, atomically: true, encoding: .utf8)
    return s.path
  }

  func sweep(_ extra: [String] = []) throws -> (URL, CLIRun) {
    let dir = CLI.temporaryDirectory()
    let tiny = try Self.tinyWithTargets()
    let r = try CLI.run(
      [
        "whatif", tiny, "--vary", "classes.capacity=0.8,1.0,1.2", "--vary", "release.max_away=1,2,3", "--out", "sweep",
        "--quiet", "--lang", "en",
      ] + extra, in: dir)
    return (dir, r)
  }

  @Test func helpListsTheNewCommands() throws {
    let r = try CLI.run(["--help"])
    for command in ["compare", "explain", "whatif"] { #expect(r.stdout.contains("  \(command) ")) }
    for command in ["compare", "explain", "whatif"] {
      let h = try CLI.run([command, "--help"])
      #expect(h.status == 0)
      #expect(h.stdout.contains("USAGE: callup \(command)"))
    }
  }

  @Test func whatifPlansNineVariantsAndPrintsTheSummary() throws {
    let (dir, r) = try sweep(["--threads", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    // With one cadre away a day in every unit (max_away 1), tiny has five call-ups fewer and meets five
    // obligations fewer; the women trained in rotation then fall one short of the overall rate (worth less
    // than the obligations the seats meet). Capacity changes nothing: the one-seat class keeps its seat
    // (never below min_size 1).
    #expect(
      r.stdout == """
        KPI                      0.8/1    0.8/2    0.8/3    1.0/1    1.0/2    1.0/3    1.2/1    1.2/2    1.2/3
        classes.capacity           0.8      0.8      0.8      1.0      1.0      1.0      1.2      1.2      1.2
        release.max_away             1        2        3        1        2        3        1        2        3
        status                 optimal  optimal  optimal  optimal  optimal  optimal  optimal  optimal  optimal
        due                         24       24       24       24       24       24       24       24       24
        met                         12       17       17       12       17       17       12       17       17
        met share                50.0%    70.8%    70.8%    50.0%    70.8%    70.8%    50.0%    70.8%    70.8%
        overdue due                  7        7        7        7        7        7        7        7        7
        overdue met                  3        4        4        3        4        4        3        4        4
        unit-share shortfalls        0        0        0        0        0        0        0        0        0
        targets met                  1        2        2        1        2        2        1        2        2
        targets short                1        0        0        1        0        0        1        0        0
        targets over                 0        0        0        0        0        0        0        0        0
        classes held                 6        7        7        6        7        7        6        7        7
        seats                       12       17       17       12       17       17       12       17       17
        fill rate                36.4%    34.7%    34.7%    29.3%    27.9%    27.9%    24.5%    23.3%    23.3%
        cost (yuan)             50,800   60,200   60,200   50,800   60,200   60,200   50,800   60,200   60,200
        peak unit away share     33.3%    33.3%    33.3%    33.3%    33.3%    33.3%    33.3%    33.3%    33.3%
        gap                      0.00%    0.00%    0.00%    0.00%    0.00%    0.00%    0.00%    0.00%    0.00%

        Targets (planned; ✓ met, ✗ short or over):
          target               year  range  0.8/1  0.8/2  0.8/3  1.0/1  1.0/2  1.0/3  1.2/1  1.2/2  1.2/3
          women-share: 女干部  2025    ≥ 2    1 ✗    2 ✓    2 ✓    1 ✗    2 ✓    2 ✓    1 ✗    2 ✓    2 ✓
          rotation-classes     2025    ≥ 2    2 ✓    2 ✓    2 ✓    2 ✓    2 ✓    2 ✓    2 ✓    2 ✓    2 ✓

        Variants (9):
          0.8/1  sweep/capacity-0.8_max_away-1
          0.8/2  sweep/capacity-0.8_max_away-2
          0.8/3  sweep/capacity-0.8_max_away-3
          1.0/1  sweep/capacity-1.0_max_away-1
          1.0/2  sweep/capacity-1.0_max_away-2
          1.0/3  sweep/capacity-1.0_max_away-3
          1.2/1  sweep/capacity-1.2_max_away-1
          1.2/2  sweep/capacity-1.2_max_away-2
          1.2/3  sweep/capacity-1.2_max_away-3
        Summary: sweep/summary.csv · sweep/summary.html · sweep/summary-targets.csv

        """)
    let out = dir.appendingPathComponent("sweep")
    for name in ["capacity-0.8_max_away-1", "capacity-1.2_max_away-3"] {
      for file in ["plan.json", "rosters.csv", "notices.csv", "report.html", "whatif.json"] {
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name)/\(file)").path))
      }
    }
    let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("kpi,capacity-0.8_max_away-1,capacity-0.8_max_away-2,"))
    #expect(csv.contains("\nmet,12,17,17,12,17,17,12,17,17\n"))
    #expect(
      csv.contains("\ntargets_met,1,2,2,1,2,2,1,2,2\ntargets_short,1,0,0,1,0,0,1,0,0\ntargets_over,0,0,0,0,0,0,0,0,0\n")
    )
    #expect(csv.contains("\nfill_rate,0.3636,0.3469,0.3469,0.2927,0.2787,0.2787,0.2449,0.2329,0.2329\n"))
    let html = try String(contentsOf: out.appendingPathComponent("summary.html"), encoding: .utf8)
    #expect(html.contains("<h1>What-if: tiny</h1>"))
    #expect(html.contains("<a href=\"capacity-0.8_max_away-1/report.html\">0.8/1</a>"))
    // The best of a row in bold: the most met, in the six variants that release two or more.
    #expect(
      html.contains(
        "<tr><td>met</td><td class=\"n\">12</td><td class=\"n\"><b>17</b></td><td class=\"n\"><b>17</b></td>"))
    // summary-targets.csv: each variant's plan.json targets, a row each, in order.
    let targets = try String(contentsOf: out.appendingPathComponent("summary-targets.csv"), encoding: .utf8)
    var expected = "variant,rule,name,year,lo,hi,planned,status\n"
    for name in try FileManager.default.contentsOfDirectory(atPath: out.path).filter({ $0.hasPrefix("capacity-") })
      .sorted()
    {
      let data = try Data(contentsOf: out.appendingPathComponent("\(name)/plan.json"))
      let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      for t in try #require(plan["targets"] as? [[String: Any]]) {
        let fields: [String] = [
          name, t["rule"] as! String, t["name"] as! String, "\(t["year"] as! Int)", "\(t["lo"] as! Int)",
          (t["hi"] as? Int).map(String.init) ?? "", "\(t["planned"] as! Int)", t["status"] as! String,
        ]
        expected += fields.joined(separator: ",") + "\n"
      }
    }
    #expect(targets == expected)
    #expect(targets.components(separatedBy: "\n").count - 2 == 9 * 2)
    // Every variant is a plan the independent checker accepts against its own scenario:
    // the default variant against tiny itself.
    let check = try CLI.run(
      ["check", try Self.tinyWithTargets(), out.appendingPathComponent("capacity-1.0_max_away-2").path])
    #expect(check.status == 0, "\(check.stdout)")

    // compare: two of the variants.
    let c = try CLI.run(
      ["compare", "sweep/capacity-1.0_max_away-2", "sweep/capacity-1.0_max_away-1", "--lang", "en", "--out", "cmp"],
      in: dir)
    #expect(c.status == 0, "\(c.stderr)")
    #expect(
      c.stdout == """
        KPI                    capacity-1.0_max_away-2  capacity-1.0_max_away-1
        status                                 optimal                  optimal
        due                                         24                       24
        met                                         17                       12
        met share                                70.8%                    50.0%
        overdue due                                  7                        7
        overdue met                                  4                        3
        unit-share shortfalls                        0                        0
        targets met                                  2                        1
        targets short                                0                        1
        targets over                                 0                        0
        classes held                                 7                        6
        seats                                       17                       12
        fill rate                                27.9%                    29.3%
        cost (yuan)                             60,200                   50,800
        peak unit away share                     33.3%                    33.3%
        gap                                      0.00%                    0.00%

        Targets (capacity-1.0_max_away-2 → capacity-1.0_max_away-1): 1 of 2 differ
          target               year  range  capacity-1.0_max_away-2  capacity-1.0_max_away-1  change  status
          women-share: 女干部  2025    ≥ 2                        2                        1      -1  met → short
          rotation-classes     2025    ≥ 2                        2                        2       0  met

        Call-ups per unit (capacity-1.0_max_away-2 → capacity-1.0_max_away-1): 2 of 4 units differ
          unit  name                    capacity-1.0_max_away-2  capacity-1.0_max_away-1  change
          U1    中共示范市委员会                              6                        4      -2
          U3    示范市发展和改革委员会                        7                        4      -3

        Cadres: 0 added, 3 dropped, 2 moved between classes
          ~ P03 赵敏 (U1): C01;C04;C05 → C04;C05
          - P04 吴刚 (U1): C05 → –
          ~ P08 杨帆 (U3): C02;C05 → C01
          - P09 周涛 (U3): C01 → –
          - P10 孙丽 (U3): C07 → –

        Written: cmp/compare.csv · cmp/compare.html · cmp/compare-units.csv · cmp/compare-cadres.csv · cmp/compare-targets.csv

        """)
    let units = try String(contentsOf: dir.appendingPathComponent("cmp/compare-units.csv"), encoding: .utf8)
    #expect(
      units == """
        unit,unit_name,capacity-1.0_max_away-2,capacity-1.0_max_away-1,change
        U1,中共示范市委员会,6,4,-2
        U2,示范市应急管理局,3,3,0
        U3,示范市发展和改革委员会,7,4,-3
        U4,示范市青山镇,1,1,0

        """)

    // A row per target, the planned figure and status in each plan, the change: with one away a day,
    // the women's share falls one short.
    let compared = try String(contentsOf: dir.appendingPathComponent("cmp/compare-targets.csv"), encoding: .utf8)
    #expect(
      compared == """
        rule,name,year,lo_capacity-1.0_max_away-2,hi_capacity-1.0_max_away-2,planned_capacity-1.0_max_away-2,status_capacity-1.0_max_away-2,lo_capacity-1.0_max_away-1,hi_capacity-1.0_max_away-1,planned_capacity-1.0_max_away-1,status_capacity-1.0_max_away-1,change
        women-share,女干部,2025,2,,2,met,2,,1,short,-1
        rotation-classes,,2025,2,,2,met,2,,2,met,0

        """)

    // explain: a variant's directory records its scenario (whatif.json).
    let e = try CLI.run(["explain", "sweep/capacity-1.0_max_away-1", "--cadre", "P01", "--lang", "en"], in: dir)
    #expect(e.status == 0, "\(e.stderr)")
    #expect(
      e.stdout == """
        P01 张建国 · 中共示范市委员会 (U1) · bureau · principal · tags city-county-team
        Plan 2025: called up to 1 class; 2 due obligations, 1 met, 1 unmet.

        Why the cadre is in these classes:
        ■ C02 2025年全市县处级领导干部集中轮训第2期 (rotation, 2025-09-08 to 2025-09-11, 中共示范市委党校)
          - meets the due obligation annual-rotation (one rotation class every year; source 000 item 1)
          - unit share unit-fifth: 中共示范市委员会 must send 1 of 4; 4 trained (this cadre included), met
          - the class admits ranks bureau, county (the cadre: bureau), tags any
          - the cadre is free on those days, no other class or past training clashes, and the unit stays within its release limit.

        Due obligations not met:
        ✗ annual-professional (one professional class every year; source 000 item 6; 002 一(三)2) — reason: no eligible class (eligibility)
          1 class of the year would count:
          - C05 2025年应急管理和安全生产专题培训班: not eligible: the class takes county only, the cadre is bureau

        Not due this year:
          - systematic-team: last in 2023, every 3 years, due again in 2026
          - systematic-leaders: last in 2023, every 5 years, due again in 2028

        """)
  }

  @Test func explainWithTheScenarioInChinese() throws {
    let dir = CLI.temporaryDirectory()
    #expect(try CLI.run(["plan", tiny, "--out", "plan", "--quiet"], in: dir).status == 0)
    let r = try CLI.run(["explain", tiny, "plan", "--cadre", "P05"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout == """
        P05 王磊 · 示范市应急管理局 (U2) · 县处级 · 党政正职
        2025 年计划：调训 1 个班次；应训任务 2 项，已安排 1 项，未安排 1 项。

        为什么调训到这些班次：
        ■ C02 2025年全市县处级领导干部集中轮训第2期（集中轮训，2025-09-08 至 2025-09-11，中共示范市委党校）
          - 完成应训任务 annual-rotation（每年 1 次集中轮训；依据 000 item 1）
          - 计入单位班子调训比例 unit-fifth：示范市应急管理局 应调训 1 人（共 2 人），已安排 2 人（含本人），已达标
          - 班次准入：职级 厅局级、县处级（本人 县处级），标签 不限
          - 本人在班期间可参训，与其他班次和培训记录不冲突，单位在训人数未超过错峰上限。

        未安排的应训任务：
        ✗ annual-professional（每年 1 次专业化能力培训；依据 000 item 6; 002 一(三)2） —— 原因：工学矛盾（单位错峰限制） (release-limit)
          本年度可计入的班次 1 个：
          - C05 2025年应急管理和安全生产专题培训班：工学矛盾——2025-06-16 示范市应急管理局 已有 1 人在训，达到单位错峰上限 1 人：P06 刘洋（C05）

        本年度不到期：
          - systematic-leaders：上次 2022 年，每 5 年 1 次，2027 年到期

        """)
    // Without the scenario, a plain plan directory cannot be explained: say how.
    let bare = try CLI.run(["explain", "plan", "--cadre", "P05"], in: dir)
    #expect(bare.status == 64)
    #expect(
      bare.stderr.contains(
        "does not record the scenario it was planned from; give it: callup explain SCENARIO plan --cadre P05"))
    let unknown = try CLI.run(["explain", tiny, "plan", "--cadre", "P99"], in: dir)
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("error: scenario tiny has no cadre 'P99'."))
  }

  @Test func usageErrors() throws {
    let bad = try CLI.run(["whatif", tiny, "--vary", "classes.size=1,2", "--out", "x"])
    #expect(bad.status == 64)
    #expect(bad.stderr.hasPrefix("Error: --vary: unknown parameter 'classes.size'; use one of classes.capacity, "))
    let none = try CLI.run(["whatif", tiny, "--out", "x"])
    #expect(none.status == 64)
    #expect(none.stderr.hasPrefix("Error: Give at least one --vary PARAMETER=V1,V2,…"))
    let noCadre = try CLI.run(["explain", tiny, "somewhere"])
    #expect(noCadre.status == 64)
    let missing = try CLI.run(["compare", "no/such/plan"])
    #expect(missing.status == 65)
    #expect(missing.stderr == "error: \(CLI.root.path)/no/such/plan is not a plan directory (no such folder).\n")
  }
}
