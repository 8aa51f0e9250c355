import CallupTestSupport
import CallupExcel
import Foundation
import Testing

/// targets.xlsx, read back with the project's own reader.
@Suite struct TargetsWorkbook {
  let rows = [
    TargetRow(
      rule: "programme-quota", name: "乡镇党委书记", year: 2025, lo: 900, hi: 1100, planned: 37, status: "不足", hard: false),
    TargetRow(
      rule: "programme-quota", name: "专业化能力一周培训", year: 2025, lo: 450, hi: nil, planned: 512, status: "达标", hard: true),
  ]

  @Test func targetsAndConflictsReadBack() throws {
    let folder = try TempFolder()
    let conflicts = [
      ConflictRow(
        rules: ["annual-rotation", "rotation-by-june"], year: 2025, message: "6月30日前结束的轮训班次共 29800 个名额，应训 33000 人。",
        needed: 33000, available: 29800)
    ]
    let url = try folder.write("targets.xlsx", data: try CallUpWorkbooks.targets(rows, conflicts: conflicts))
    let r = try XLSXReader(url: url)
    #expect(r.sheetNames == ["目标完成情况", "冲突"])
    #expect(
      try r.rows(sheet: 0).map(\.cells) == [
        ["规则", "名称", "年度", "下限", "上限", "计划数", "状态", "刚性"],
        ["programme-quota", "乡镇党委书记", "2025", "900", "1100", "37", "不足", "否"],
        ["programme-quota", "专业化能力一周培训", "2025", "450", "", "512", "达标", "是"],
      ])
    #expect(
      try r.rows(sheet: 1).map(\.cells) == [
        ["规则", "年度", "说明", "需要", "可提供"],
        ["annual-rotation;rotation-by-june", "2025", "6月30日前结束的轮训班次共 29800 个名额，应训 33000 人。", "33000", "29800"],
      ])
  }

  @Test func withoutConflictsOneSheet() throws {
    let folder = try TempFolder()
    let url = try folder.write("t.xlsx", data: try CallUpWorkbooks.targets([], conflicts: []))
    let r = try XLSXReader(url: url)
    #expect(r.sheetNames == ["目标完成情况"])
    #expect(try r.rows(sheet: 0).count == 1)
  }

  /// `plan --xlsx` writes targets.xlsx with plan.json's targets, in Chinese words.
  @Test func planWritesThePlansTargets() throws {
    let folder = try TempFolder()
    let out = folder.path("plan")
    // tiny with a target of its own (its policy has none).
    let scenario = try folder.write(
      "targets/scenario.yaml",
      "name: tiny-targets\nbase: \(repositoryRoot.appendingPathComponent("scenarios/tiny").path)\nrules:\n"
        + "  - { id: rotation-classes, type: class-count, classes: { kinds: [rotation] }, min: 2, min_seats: 12 }\n")
    let run = try ProcessRunner.run(
      ProcessRunner.callup,
      ["plan", scenario.deletingLastPathComponent().path, "--out", out.path, "--xlsx", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan.json")))
        as? [String: Any])
    let targets = try #require(json["targets"] as? [[String: Any]])
    #expect(targets.count == 2)
    let words = ["met": "达标", "short": "不足", "over": "超出"]
    let expected = targets.map { t -> [String] in
      [
        // A class count's two entries are named in Chinese.
        t["rule"] as! String, ["": "开班数", "seats": "参训人数"][t["name"] as! String]!, String(t["year"] as! Int),
        String(t["lo"] as! Int),
        (t["hi"] as? Int).map(String.init) ?? "", String(t["planned"] as! Int), words[t["status"] as! String]!,
        (t["hard"] as! Bool) ? "是" : "否",
      ]
    }
    let r = try XLSXReader(url: out.appendingPathComponent("targets.xlsx"))
    #expect(r.sheetNames == ["目标完成情况"])
    #expect(try r.rows(sheet: 0).dropFirst().map(\.cells) == expected)
  }
}
