import Foundation
import Testing

/// The seeds' own province at a tenth, generated, planned and checked with
/// its policies: docs/plans/sichuan-2023.md and docs/plans/sichuan-2019.md
/// measure the same commands with a longer search. Each test takes about
/// ten minutes in a debug build on two busy processors, whatever the work:
/// loading, the partition and the screening of pairs before the first seat
/// (in 2023, 430 s of 528 with `--work 5`), and the check, are not budgeted
/// by it.
@Suite("The documents' province at a tenth", .serialized)
struct SichuanPlanTests {
  /// The programmes of 002 四 that both policies count every year.
  static let programmes = [
    "省委党校市厅级领导干部进修", "省委党校县级领导班子成员进修", "“一把手”提能工程", "专业化能力一周培训", "省直部门县处级公务员进修",
    "省直机关党支部书记示范培训", "选调生示范培训", "乡镇（街道）党（工）委书记培训", "乡镇长（街道办主任）脱产培训", "村（社区）党组织书记示范培训",
    "民族地区县处级领导干部进修", "民族地区县处级领导干部专题培训",
  ]
  static let groups = ["女干部", "少数民族干部", "党外干部"]
  static let figures2023 = ["县处级以上领导干部集中轮训", "基层干部集中轮训", "村党组织书记乡村振兴主题培训"]

  /// `callup generate --preset PRESET --seed 1 --scale 0.1` with the
  /// policy's absolute path, into a fresh folder.
  static func generate(_ preset: String, policy: String) throws -> URL {
    let dir = CLI.temporaryDirectory().appendingPathComponent(preset)
    let r = try CLI.run([
      "generate", "--preset", preset, "--seed", "1", "--scale", "0.1", "--policy",
      CLI.root.appendingPathComponent("policies/\(policy)").path, "--out", dir.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    return dir
  }

  /// Plans `scenario` with `work` seconds of search and a far wall-clock
  /// safety, checks the plan, and returns plan.json and the plan's exit code.
  static func planAndCheck(_ scenario: URL, work: Int) throws -> (plan: [String: Any], status: Int32) {
    let out = scenario.deletingLastPathComponent().appendingPathComponent("plan")
    let r = try CLI.run([
      "plan", scenario.path, "--out", out.path, "--work", "\(work)", "--time-limit", "900", "--quiet", "--lang", "en",
    ])
    let check = try CLI.run(["check", scenario.path, out.path])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.contains("The plan holds"))
    let data = try Data(contentsOf: out.appendingPathComponent("plan.json"))
    let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(plan["stopped_by"] is NSNull, "the wall-clock safety stopped the plan: \(plan["seconds"] ?? "")")
    return (plan, r.status)
  }

  /// plan.json's `targets` by rule and name, for one year.
  static func targets(_ plan: [String: Any], year: Int) throws -> [String: [String: Any]] {
    let rows = try #require(plan["targets"] as? [[String: Any]])
    var byName: [String: [String: Any]] = [:]
    for t in rows where t["year"] as? Int == year {
      let key = "\(t["rule"] as? String ?? "")/\(t["name"] as? String ?? "")"
      #expect(byName[key] == nil, "two rows for \(key) in \(year)")
      byName[key] = t
    }
    return byName
  }

  @Test func sichuan2023PlansWithTheJuneRotationInConflictAndTheFiguresOf003Met() throws {
    let scenario = try Self.generate("sichuan-2023", policy: "sichuan-2023.yaml")
    let (plan, status) = try Self.planAndCheck(scenario, work: 5)
    // A handful of leaders cannot be rotated by 30 June within their units'
    // release limits: the hard rule is a conflict, and the plan says so.
    #expect(status == 3)
    #expect(plan["status"] as? String == "infeasible" && plan["method"] as? String == "blocks")
    let conflicts = try #require(plan["conflicts"] as? [[String: Any]])
    #expect(conflicts.count == 1)
    let conflict = try #require(conflicts.first)
    #expect(conflict["rules"] as? [String] == ["annual-rotation"] && conflict["planned"] as? String == "hard")
    let needed = try #require(conflict["needed"] as? Int), available = try #require(conflict["available"] as? Int)
    #expect(needed > 3000 && available < needed && needed - available <= 10, "\(available) of \(needed)")
    let unmet = try #require(plan["unmet"] as? [[String: Any]])
    #expect(unmet.filter { $0["rule"] as? String == "annual-rotation" }.count == needed - available)

    let rows = try Self.targets(plan, year: 2023)
    for p in Self.programmes { #expect(rows["programme-quota/\(p)"] != nil, "no row for \(p)") }
    for g in Self.groups { #expect(rows["group-share/\(g)"]?["status"] as? String == "met", "\(g)") }
    // 003's three figures, times 0.1, a tenth either way: all met.
    for (name, count) in zip(Self.figures2023, [3300, 93400, 2600]) {
      let t = try #require(rows["figures-2023/\(name)"])
      #expect(t["lo"] as? Int == count - count / 10 && t["hi"] as? Int == count + count / 10, "\(name)")
      #expect(t["status"] as? String == "met", "\(name): \(t["planned"] ?? "")")
    }
    #expect(rows.count == Self.programmes.count + Self.groups.count + Self.figures2023.count)
    // Every village secretary but a few is in a class of their own.
    #expect(unmet.filter { $0["rule"] as? String == "village-secretaries" }.count <= 5)
    let kpis = try #require(plan["kpis"] as? [String: Any])
    let due = try #require(kpis["due"] as? Int), met = try #require(kpis["met"] as? Int)
    #expect(due > 100_000 && met * 100 >= due * 98, "\(met) of \(due)")
  }

  @Test func sichuan2019PlansFiveYearsWithTheProgrammesEveryYearAndMakeUpFirst() throws {
    let scenario = try Self.generate("sichuan-2019", policy: "sichuan-2019-2023.yaml")
    let (plan, status) = try Self.planAndCheck(scenario, work: 40)
    #expect(status == 0)
    #expect(plan["status"] as? String == "feasible" && plan["method"] as? String == "rotation")
    #expect(plan["horizon"] as? Int == 5 && (plan["conflicts"] as? [Any] ?? []).isEmpty)
    let rotation = try #require(plan["rotation"] as? [[String: Any]])
    #expect(rotation.map { $0["year"] as? Int } == [2019, 2020, 2021, 2022, 2023])
    for year in 2019...2023 {
      let rows = try Self.targets(plan, year: year)
      for p in Self.programmes { #expect(rows["programme-quota/\(p)"] != nil, "\(year): no row for \(p)") }
      for g in Self.groups { #expect(rows["group-share/\(g)"] != nil, "\(year): no row for \(g)") }
      #expect(rows.count == Self.programmes.count + Self.groups.count, "\(year)")
    }
    // Make-up first (002 六(二)): the first year calls up nearly all the
    // overdue by name, and the later years train part of each group early.
    let first = try #require(rotation.first)
    let overdue = try #require(first["overdue_due"] as? Int), overdueMet = try #require(first["overdue_met"] as? Int)
    #expect(overdue > 5000 && overdueMet * 100 >= overdue * 98, "\(overdueMet) of \(overdue)")
    for year in rotation.dropFirst() { #expect((year["early"] as? Int ?? 0) > 0, "\(year["year"] ?? "")") }
    let hours = try #require(plan["hours"] as? [[String: Any]])
    #expect(
      Set(hours.compactMap { $0["rule"] as? String }).isSuperset(of: ["hours-leaders", "hours-team-party-school"]))
  }
}
