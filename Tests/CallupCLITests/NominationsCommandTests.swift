import CallupDomain
import CallupExcel
import CallupPlan
import Foundation
import Testing
import ZIPFoundation

/// tiny with its rotation and professional classes by allocation, and a
/// plan by hand (the one callup makes of it): C01 P02 P03 P06 P07 P08 ·
/// C02 P01 P05 P09 · C03 P07 · C04 P03 · C05 P03 P04 P06 P07 P08 · C06
/// P11 · C07 P10.
enum TinyRound {
  static func make(_ name: String) throws -> (scenario: URL, plan: URL) {
    let dir = CLI.temporaryDirectory().appendingPathComponent(name)
    let scenario = dir.appendingPathComponent("scenario")
    try FileManager.default.createDirectory(at: scenario, withIntermediateDirectories: true)
    let tiny = try CLI.copyOfTiny("\(name)-tiny")
    try "base: \(tiny.path)\nallocation: { kinds: [rotation, professional] }\n".write(
      to: scenario.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    let plan = dir.appendingPathComponent("plan")
    try FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
    let calls = [
      ("P02", "C01"), ("P03", "C01"), ("P06", "C01"), ("P07", "C01"), ("P08", "C01"), ("P01", "C02"), ("P05", "C02"),
      ("P09", "C02"), ("P07", "C03"), ("P03", "C04"), ("P03", "C05"), ("P04", "C05"), ("P06", "C05"), ("P07", "C05"),
      ("P08", "C05"), ("P11", "C06"), ("P10", "C07"),
    ]
    let assignments = calls.map { "{ \"cadre\": \"\($0.0)\", \"class\": \"\($0.1)\" }" }.joined(separator: ", ")
    try """
    { "scenario": "tiny", "year": 2025, "horizon": 1, "status": "feasible", "objective": 1.0,
      "assignments": [\(assignments)] }
    """.write(to: plan.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
    return (scenario, plan)
  }

  /// The rows of review.csv by their `line`, each as `decision rule`.
  static func decisions(_ dir: URL) throws -> [String] {
    let doc = try CSVDocument.read(dir.appendingPathComponent("review.csv"))
    let d = doc.header.firstIndex(of: "decision")!, r = doc.header.firstIndex(of: "rule")!
    let f = doc.header.firstIndex(of: "file")!, l = doc.header.firstIndex(of: "line")!
    return doc.records.map {
      "\(URL(fileURLWithPath: $0.fields[f]).lastPathComponent):\($0.fields[l]) \($0.fields[d]) \($0.fields[r])"
    }
  }
}

@Suite("callup nominations review", .serialized)
struct NominationsCommandTests {
  static let c01 = "2025年全市县处级领导干部集中轮训第1期"
  static let c05 = "2025年应急管理和安全生产专题培训班"
  static let formula = "=HYPERLINK(\"http://x\",\"点我\")"

  /// A unit's list as a workbook with Chinese headers, by names: the
  /// plan's suggestion is accepted, a cadre the plan sends to the other
  /// rotation class refused, a formula-looking name refused and written as
  /// text; the merged plan holds.
  @Test func chineseHeaderWorkbook() throws {
    let (scenario, plan) = try TinyRound.make("xlsx")
    let list = scenario.deletingLastPathComponent().appendingPathComponent("发改委.xlsx")
    let book = try XLSXWorkbook(url: list)
    let sheet = try book.addSheet("报名表", columns: ["单位", "班次名称", "姓名", "备注"].map { XLSXColumn($0, width: 20) })
    try sheet.append([.text("示范市发展和改革委员会"), .text(Self.c01), .text("杨帆"), .text("本人")])
    try sheet.append([.text("示范市发展和改革委员会"), .text(Self.c01), .text("周涛"), .empty])
    try sheet.append([.text("示范市应急管理局"), .text(Self.c05), .text(Self.formula), .empty])
    try book.close()
    let out = plan.deletingLastPathComponent().appendingPathComponent("review")
    let r = try CLI.run(["nominations", "review", scenario.path, plan.path, list.path, "--out", out.path, "--xlsx"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      try TinyRound.decisions(out) == [
        "发改委.xlsx:2 accepted ", "发改委.xlsx:3 refused kind-per-year", "发改委.xlsx:4 refused unknown-cadre",
      ])
    #expect(r.stderr.contains("发改委.xlsx:报名表:4:C (name): no cadre of U2 is named \(Self.formula)"))
    let csv = try String(contentsOf: out.appendingPathComponent("review.csv"), encoding: .utf8)
    #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",示范市应急管理局,"))
    #expect(csv.contains(",杨帆,示范市发展和改革委员会,\(Self.c01),本人,"))
    // review.xlsx: the name is a string cell, never a formula.
    let reader = try XLSXReader(url: out.appendingPathComponent("review.xlsx"))
    #expect(reader.sheetNames == ["审核结果", "单位汇总"])
    let rows = try reader.rows(sheet: 0)
    #expect(rows[3].cells[3] == "不通过" && rows[3].cells[6] == Self.formula)
    let archive = try Archive(url: out.appendingPathComponent("review.xlsx"), accessMode: .read)
    var xml = Data()
    _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { xml.append($0) }
    #expect(!String(decoding: xml, as: UTF8.self).contains("<f>"))
    for file in ["rosters.xlsx", "notices.xlsx", "allocation.xlsx", "targets.xlsx", "allocation.csv", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
    }
    let check = try CLI.run(["check", scenario.path, out.path])
    #expect(check.status == 0, "\(check.stdout)")
  }

  /// A list saved by Excel on Chinese Windows: GB18030 with CRLF (bytes by hand).
  @Test func gb18030List() throws {
    let (scenario, plan) = try TinyRound.make("gb")
    // 单位编号,班次编号
    var bytes: [UInt8] = [181, 165, 206, 187, 177, 224, 186, 197, 44, 176, 224, 180, 206, 177, 224, 186, 197]
    bytes += [44, 208, 213, 195, 251, 44, 177, 184, 215, 162, 13, 10]  // ,姓名,备注
    // U3,C01,杨帆,继续参训
    bytes += Array("U3,C01,".utf8) + [209, 238, 183, 171, 44, 188, 204, 208, 248, 178, 206, 209, 181, 13, 10]
    bytes += Array("U3,C01,".utf8) + [179, 194, 214, 190, 199, 191, 44, 13, 10]  // 陈志强
    let list = scenario.deletingLastPathComponent().appendingPathComponent("u3.csv")
    try Data(bytes).write(to: list)
    let out = plan.deletingLastPathComponent().appendingPathComponent("review")
    let r = try CLI.run(["nominations", "review", scenario.path, plan.path, list.path, "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try TinyRound.decisions(out) == ["u3.csv:2 accepted ", "u3.csv:3 accepted "])
    let csv = try String(contentsOf: out.appendingPathComponent("review.csv"), encoding: .utf8)
    #expect(csv.contains("U3,C01,P08,accepted,,suggested by the plan,杨帆,示范市发展和改革委员会,\(Self.c01),继续参训,"))
    let units = try String(contentsOf: out.appendingPathComponent("review-units.csv"), encoding: .utf8)
    #expect(units.contains("\nU3,示范市发展和改革委员会,C01,\(Self.c01),2,2,2,0,0,0,0,0,,\n"))
  }

  /// Lists that cannot be read: every defect with its file, line and
  /// column, exit 65, and no directory written.
  @Test func unreadableListsExit65AndWriteNothing() throws {
    let (scenario, plan) = try TinyRound.make("bad")
    let dir = scenario.deletingLastPathComponent()
    var bytes = Data("unit,class,cadre\nU1,C01,P02\nU1,C01,".utf8)
    bytes.append(contentsOf: [0x81, 0x20])  // a lead byte without its second byte
    bytes.append(Data("\n".utf8))
    try bytes.write(to: dir.appendingPathComponent("bytes.csv"))
    try "单位,干部编号\nU1,P02\n".write(to: dir.appendingPathComponent("columns.csv"), atomically: true, encoding: .utf8)
    try "unit,class,cadre\nU1,C01,P02\nU1,C01,P03,extra\n".write(
      to: dir.appendingPathComponent("fields.csv"), atomically: true, encoding: .utf8)
    try "not a workbook".write(to: dir.appendingPathComponent("fake.xlsx"), atomically: true, encoding: .utf8)
    let files = ["bytes.csv", "columns.csv", "fields.csv", "fake.xlsx", "none.csv"].map {
      dir.appendingPathComponent($0).path
    }
    let out = dir.appendingPathComponent("review")
    let r = try CLI.run(["nominations", "review", scenario.path, plan.path] + files + ["--out", out.path])
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("The lists have 5 errors; nothing was written:\n"))
    for message in [
      "\(files[0]):3: the file is neither UTF-8 nor GB18030 text from this line on; save it as CSV UTF-8.",
      "\(files[1]):1 (class or class_name): one of the columns 'class' or 'class_name' is needed; the header has 单位, 干部编号.",
      "\(files[2]):3: this line has 4 fields but the header has 3; quote values that contain commas (\"a, b\").",
      "\(files[3]): cannot read the workbook: not an .xlsx workbook (it cannot be opened as a zip archive).",
      "\(files[4]): cannot open the file.",
    ] {
      #expect(r.stderr.contains("  \(message)\n"), "\(message)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// A second review into the same directory: the unit that sends a
  /// corrected list is replaced, the others' rows stay.
  @Test func aCorrectedListReplacesWhatTheUnitSentBefore() throws {
    let (scenario, plan) = try TinyRound.make("again")
    let dir = scenario.deletingLastPathComponent()
    try "unit,class,cadre,name\nU1,C05,P01,\nU1,C05,P04,\n".write(
      to: dir.appendingPathComponent("u1.csv"), atomically: true, encoding: .utf8)
    try "unit,class,cadre,name\nU3,C01,P09,\n".write(
      to: dir.appendingPathComponent("u3.csv"), atomically: true, encoding: .utf8)
    try "单位,班次编号,姓名\n示范市发展和改革委员会,C01,杨帆\n".write(
      to: dir.appendingPathComponent("u3-corrected.csv"), atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("review")
    let args = ["nominations", "review", scenario.path, plan.path]
    let first = try CLI.run(args + ["u1.csv", "u3.csv", "--out", out.path], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(
      try TinyRound.decisions(out) == [
        "u1.csv:2 refused eligibility", "u1.csv:3 accepted ", "u3.csv:2 refused kind-per-year",
      ])
    let second = try CLI.run(args + ["u3-corrected.csv", "--out", out.path], in: dir)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("  kept from the previous review in \(out.path): the rows of U1\n"))
    #expect(
      try TinyRound.decisions(out) == [
        "u1.csv:2 refused eligibility", "u1.csv:3 accepted ", "u3-corrected.csv:2 accepted ",
      ])
    #expect(try CLI.run(["check", scenario.path, out.path]).status == 0)
  }

  @Test func usageErrors() throws {
    let (scenario, plan) = try TinyRound.make("usage")
    let same = try CLI.run(["nominations", "review", scenario.path, plan.path, "x.csv", "--out", plan.path])
    #expect(same.status == 64)
    #expect(same.stderr.contains("--out must be another directory than the plan reviewed"))
    let refill = try CLI.run([
      "nominations", "review", scenario.path, plan.path, "x.csv", "--out", "o", "--refill", "all",
    ])
    #expect(refill.status == 64)
    let none = try CLI.run(["nominations", "review", scenario.path, plan.path, "--out", "o"])
    #expect(none.status == 64)
    let help = try CLI.run(["--help"])
    #expect(help.stdout.contains("  nominations "))
  }
}
