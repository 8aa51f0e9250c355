import Foundation
import Testing

/// `whatif`, `compare` and `explain` on the tiny scenario: exact output.
@Suite("callup whatif, compare, explain", .serialized)
struct PlannerCommandsTests {
  let tiny = CLI.root.appendingPathComponent("scenarios/tiny").path

  /// Sweeps tiny into `sweep/` under a fresh folder; returns the folder and the run.
  func sweep(_ extra: [String] = []) throws -> (URL, CLIRun) {
    let dir = CLI.temporaryDirectory()
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
    // With one cadre away a day in every unit (max_away 1), tiny has five call-ups fewer and meets seven
    // obligations fewer (a rotation class ending by June meets two rules). Capacity changes nothing: the
    // one-seat class keeps its seat (never below min_size 1). With fewer trained overall, the women's share
    // asks for 3 of its 4, which the plan meets; with two away it asks for 4. The programme quotas ask for
    // far more cadres than tiny has.
    #expect(
      r.stdout == """
        KPI                      0.8/1    0.8/2    0.8/3    1.0/1    1.0/2    1.0/3    1.2/1    1.2/2    1.2/3
        classes.capacity           0.8      0.8      0.8      1.0      1.0      1.0      1.2      1.2      1.2
        release.max_away             1        2        3        1        2        3        1        2        3
        status                 optimal  optimal  optimal  optimal  optimal  optimal  optimal  optimal  optimal
        due                         36       36       36       36       36       36       36       36       36
        met                         15       22       23       15       22       23       15       22       23
        met share                41.7%    61.1%    63.9%    41.7%    61.1%    63.9%    41.7%    61.1%    63.9%
        overdue due                 14       14       14       14       14       14       14       14       14
        overdue met                  6        7        7        6        7        7        6        7        7
        unit-share shortfalls        0        0        0        0        0        0        0        0        0
        targets met                  3        2        2        3        2        2        3        2        2
        targets short                6        7        7        6        7        7        6        7        7
        targets over                 0        0        0        0        0        0        0        0        0
        classes held                 6        7        7        6        7        7        6        7        7
        seats                       12       17       17       12       17       17       12       17       17
        fill rate                26.7%    34.7%    34.7%    21.4%    27.9%    27.9%    17.9%    23.3%    23.3%
        cost (yuan)             44,600   60,200   60,200   44,600   60,200   60,200   44,600   60,200   60,200
        peak unit away share     33.3%    33.3%    33.3%    33.3%    33.3%    33.3%    33.3%    33.3%    33.3%
        gap                      0.00%    0.00%    0.00%    0.00%    0.00%    0.00%    0.00%    0.00%    0.00%

        Targets (planned; ✓ met, ✗ short or over):
          target                                 year     range      0.8/1      0.8/2      0.8/3      1.0/1      1.0/2      1.0/3      1.2/1      1.2/2      1.2/3
          programme-quota: 省委党校厅级干部      2025    90–110        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗
          programme-quota: 省委党校县级班子成员  2025     45–55        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗
          programme-quota: 一流高校一周培训      2025   180–220        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗
          programme-quota: 专业化能力一周培训    2025     ≥ 450        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗
          programme-quota: 乡镇党委书记          2025  900–1100        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗
          programme-quota: 选调生示范培训        2025   180–220        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗        0 ✗
          group-share: 女干部                    2025    varies  3 (≥ 3) ✓  3 (≥ 4) ✗  3 (≥ 4) ✗  3 (≥ 3) ✓  3 (≥ 4) ✗  3 (≥ 4) ✗  3 (≥ 3) ✓  3 (≥ 4) ✗  3 (≥ 4) ✗
          group-share: 少数民族干部              2025       ≥ 0        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓
          group-share: 党外干部                  2025       ≥ 0        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓        0 ✓

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
    #expect(csv.contains("\nmet,15,22,23,15,22,23,15,22,23\n"))
    #expect(
      csv.contains("\ntargets_met,3,2,2,3,2,2,3,2,2\ntargets_short,6,7,7,6,7,7,6,7,7\ntargets_over,0,0,0,0,0,0,0,0,0\n")
    )
    #expect(csv.contains("\nfill_rate,0.2667,0.3469,0.3469,0.2143,0.2787,0.2787,0.1791,0.2329,0.2329\n"))
    let html = try String(contentsOf: out.appendingPathComponent("summary.html"), encoding: .utf8)
    #expect(html.contains("<h1>What-if: tiny</h1>"))
    #expect(html.contains("<a href=\"capacity-0.8_max_away-1/report.html\">0.8/1</a>"))
    // The best of a row in bold: the most met, in the six variants that release two or more.
    #expect(
      html.contains("<tr><td>met</td><td class=\"n\">15</td><td class=\"n\">22</td><td class=\"n\"><b>23</b></td>"))
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
    #expect(targets.components(separatedBy: "\n").count - 2 == 9 * 9)
    // Every variant is a plan the independent checker accepts against its own scenario:
    // the default variant against tiny itself.
    let check = try CLI.run(["check", tiny, out.appendingPathComponent("capacity-1.0_max_away-2").path])
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
        due                                         36                       36
        met                                         22                       15
        met share                                61.1%                    41.7%
        overdue due                                 14                       14
        overdue met                                  7                        6
        unit-share shortfalls                        0                        0
        targets met                                  2                        3
        targets short                                7                        6
        targets over                                 0                        0
        classes held                                 7                        6
        seats                                       17                       12
        fill rate                                27.9%                    21.4%
        cost (yuan)                             60,200                   44,600
        peak unit away share                     33.3%                    33.3%
        gap                                      0.00%                    0.00%

        Targets (capacity-1.0_max_away-2 → capacity-1.0_max_away-1): 1 of 9 differ
          target                                 year      range  capacity-1.0_max_away-2  capacity-1.0_max_away-1  change  status
          programme-quota: 省委党校厅级干部      2025     90–110                        0                        0       0  short
          programme-quota: 省委党校县级班子成员  2025      45–55                        0                        0       0  short
          programme-quota: 一流高校一周培训      2025    180–220                        0                        0       0  short
          programme-quota: 专业化能力一周培训    2025      ≥ 450                        0                        0       0  short
          programme-quota: 乡镇党委书记          2025   900–1100                        0                        0       0  short
          programme-quota: 选调生示范培训        2025    180–220                        0                        0       0  short
          group-share: 女干部                    2025  ≥ 4 → ≥ 3                        3                        3       0  short → met
          group-share: 少数民族干部              2025        ≥ 0                        0                        0       0  met
          group-share: 党外干部                  2025        ≥ 0                        0                        0       0  met

        Call-ups per unit (capacity-1.0_max_away-2 → capacity-1.0_max_away-1): 2 of 4 units differ
          unit  name                    capacity-1.0_max_away-2  capacity-1.0_max_away-1  change
          U1    中共示范市委员会                              6                        4      -2
          U3    示范市发展和改革委员会                        7                        4      -3

        Cadres: 0 added, 3 dropped, 3 moved between classes
          - P01 张建国 (U1): C02 → –
          ~ P03 赵敏 (U1): C01;C04;C05 → C02;C03;C05
          - P04 吴刚 (U1): C05 → –
          ~ P07 陈志强 (U3): C01;C03;C05 → C02;C05
          ~ P08 杨帆 (U3): C01;C05 → C01
          - P09 周涛 (U3): C02 → –

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

    // A row per target, the planned figure and status in each plan, the change: the women's share is met
    // in max_away-1 with the same 3 trained, as fewer trained overall lower what it asks for.
    let compared = try String(contentsOf: dir.appendingPathComponent("cmp/compare-targets.csv"), encoding: .utf8)
    #expect(
      compared.hasPrefix(
        "rule,name,year,lo_capacity-1.0_max_away-2,hi_capacity-1.0_max_away-2,planned_capacity-1.0_max_away-2,status_capacity-1.0_max_away-2,lo_capacity-1.0_max_away-1,hi_capacity-1.0_max_away-1,planned_capacity-1.0_max_away-1,status_capacity-1.0_max_away-1,change\nprogramme-quota,省委党校厅级干部,2025,90,110,0,short,90,110,0,short,0\n"
      ))
    #expect(compared.contains("\ngroup-share,女干部,2025,4,,3,short,3,,3,met,0\n"))

    // explain: a variant's directory records its scenario (whatif.json).
    let e = try CLI.run(["explain", "sweep/capacity-1.0_max_away-1", "--cadre", "P01", "--lang", "en"], in: dir)
    #expect(e.status == 0, "\(e.stderr)")
    #expect(
      e.stdout == """
        P01 张建国 · 中共示范市委员会 (U1) · bureau · principal · tags city-county-team
        Plan 2025: called up to 0 classes; 4 due obligations, 0 met, 4 unmet.

        Due obligations not met:
        ✗ annual-rotation (one rotation class every year; source 000 item 1) — reason: unit release limit (release-limit)
          2 classes of the year would count:
          - C01 2025年全市县处级领导干部集中轮训第1期: release limit: on 2025-04-07 中共示范市委员会 already has 1 away, its limit of 1: P02 李红梅 (C01)
          - C02 2025年全市县处级领导干部集中轮训第2期: release limit: on 2025-09-08 中共示范市委员会 already has 1 away, its limit of 1: P03 赵敏 (C02)
        ✗ annual-professional (one professional class every year; source 000 item 6; 002 一(三)2) — reason: no eligible class (eligibility)
          1 class of the year would count:
          - C05 2025年应急管理和安全生产专题培训班: not eligible: the class takes county only, the cadre is bureau
        ✗ spring-reading (one reading class every year; source 000 item 17), overdue by 1 year (never trained): a named make-up call-up — reason: no eligible class (eligibility)
          No class of the year counts for this obligation.
        ✗ rotation-by-june (one rotation class every year; source 003) — reason: unit release limit (release-limit)
          1 class of the year would count:
          - C01 2025年全市县处级领导干部集中轮训第1期: release limit: on 2025-04-07 中共示范市委员会 already has 1 away, its limit of 1: P02 李红梅 (C01)

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
