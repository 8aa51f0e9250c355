import CallupTestSupport
@testable import CallupExcel
import Foundation
import Testing

@Suite struct SheetNames {
  @Test func forbiddenCharactersBecomeFullWidth() {
    #expect(XLSXSheetNames.valid("a/b:c?d*e[f]g\\h") == "a／b：c？d＊e（f）g＼h")
    #expect(XLSXSheetNames.valid("'引号'") == "引号")
    #expect(XLSXSheetNames.valid("") == "Sheet")
    #expect(XLSXSheetNames.valid("  ") == "Sheet")
    #expect(XLSXSheetNames.valid("History") == "History_")
    #expect(XLSXSheetNames.valid("tab\there") == "tab here")
  }

  @Test func longTitlesAreCutTo31Characters() {
    let long = String(repeating: "培训", count: 20)  // 40 characters
    let v = XLSXSheetNames.valid(long)
    #expect(v.count == 31 && v.utf16.count == 31 && long.hasPrefix(v))
    // A character outside the BMP counts twice in Excel's UTF-16 limit and is never split.
    let astral = String(repeating: "a", count: 30) + "𠀀"
    #expect(XLSXSheetNames.valid(astral) == String(repeating: "a", count: 30))
  }

  @Test func titlesAreUniqueWithoutRegardToCase() {
    var names = XLSXSheetNames()
    #expect(names.claim("名单") == "名单")
    #expect(names.claim("名单") == "名单 (2)")
    #expect(names.claim("名单") == "名单 (3)")
    #expect(names.claim("abc") == "abc")
    #expect(names.claim("ABC") == "ABC (2)")
    let long = String(repeating: "班", count: 40)
    #expect(names.claim(long) == String(repeating: "班", count: 31))
    #expect(names.claim(long) == String(repeating: "班", count: 27) + " (2)")
  }
}

@Suite struct Writing {
  @Test func roundTripThroughTheReader() throws {
    let folder = try TempFolder()
    let url = folder.path("t.xlsx")
    let book = try XLSXWorkbook(url: url)
    let a = try book.addSheet(
      "Sheet1",
      columns: [
        XLSXColumn("id", width: 8), XLSXColumn("text", width: 20), XLSXColumn("n", width: 8),
        XLSXColumn("day", width: 12),
      ])
    try a.append([.text("P1"), .text("<a & \"b\">"), .number(1968), .date("2025-04-07")])
    try a.append([.text("P2"), .empty, .number(0.3), .date("not a date")])
    try a.append([.text("P3"), .text("两行\n文字")])
    let b = try book.addSheet("Sheet1", columns: [XLSXColumn("x", width: 8)])
    #expect(a.rowCount == 3 && b.title == "Sheet1 (2)")
    #expect(book.sheetTitles == ["Sheet1", "Sheet1 (2)"])
    try book.close()

    let r = try XLSXReader(url: url)
    #expect(r.sheetNames == ["Sheet1", "Sheet1 (2)"])
    #expect(
      try r.rows(sheet: 0) == [
        XLSXRow(number: 1, cells: ["id", "text", "n", "day"]),
        XLSXRow(number: 2, cells: ["P1", "<a & \"b\">", "1968", "2025-04-07"]),
        XLSXRow(number: 3, cells: ["P2", "", "0.3", "not a date"]),
        XLSXRow(number: 4, cells: ["P3", "两行\n文字"]),
      ])
    #expect(try r.rows(sheet: 1) == [XLSXRow(number: 1, cells: ["x"])])
    #expect(throws: XLSXReadError.self) { try r.rows(sheet: 2) }
  }

  @Test func errorsAreThrownNotTrapped() throws {
    let folder = try TempFolder()
    let book = try XLSXWorkbook(url: folder.path("e.xlsx"))
    #expect(throws: XLSXWriteError.self) { try book.addSheet("none", columns: []) }
    let s = try book.addSheet("s", columns: [XLSXColumn("a", width: 5)])
    #expect(throws: XLSXWriteError.self) { try s.append([.text("1"), .text("2")]) }
    try book.close()
    #expect(throws: XLSXWriteError.self) { try book.close() }
    #expect(throws: XLSXWriteError.self) { try s.append([.text("late")]) }
    #expect(throws: XLSXWriteError.self) { try book.addSheet("late", columns: [XLSXColumn("a", width: 5)]) }

    // No folder to write into: libxlsxwriter's error comes back with its number.
    let lost = try XLSXWorkbook(url: folder.path("no/such/folder/x.xlsx"))
    _ = try lost.addSheet("s", columns: [XLSXColumn("a", width: 5)])
    do {
      try lost.close()
      Issue.record("closing into a missing folder must fail")
    } catch {
      #expect(error.code != nil)
      #expect(error.message.contains("no/such/folder/x.xlsx"))
    }

    let empty = try XLSXWorkbook(url: folder.path("empty.xlsx"))
    #expect(throws: XLSXWriteError.self) { try empty.close() }
  }

  @Test func excelLimitsOnCellText() {
    let big = String(repeating: "字", count: 20_000)  // 60,000 bytes of UTF-8
    let cut = XLSXSheet.cleanText(big)
    #expect(cut.utf8.count <= 32_767 && big.hasPrefix(cut))
    #expect(XLSXSheet.cleanText("a\0b") == "ab")
  }
}

/// Call-ups of a made-up plan: two classes with the same long name (with a
/// `/`), three units.
let sampleEntries: [CallUpEntry] = {
  let longName = "2025年全市县处级领导干部学习贯彻党的二十届三中全会精神专题/研讨班"
  func e(
    _ k: String, _ name: String, _ start: String, _ end: String, _ p: String, _ n: String, _ u: String, _ un: String
  )
    -> CallUpEntry
  {
    CallUpEntry(
      classID: k, className: name, institution: "市委党校", start: start, end: end, cadreID: p, cadreName: n, unitID: u,
      unitName: un, region: "shifan", rank: "县处级", leadership: "副职")
  }
  return [
    e("C2", longName, "2025-09-08", "2025-09-12", "P03", "赵敏", "U1", "市委办"),
    e("C1", "轮训班[1]", "2025-04-07", "2025-04-10", "P01", "张建国", "U2", "应急局"),
    e("C2", longName, "2025-09-08", "2025-09-12", "P01", "张建国", "U2", "应急局"),
    e("C3", longName, "2025-10-13", "2025-10-17", "P05", "王磊", "U3", "发改委"),
    e("C1", "轮训班[1]", "2025-04-07", "2025-04-10", "P02", "李红梅", "U1", "市委办"),
  ]
}()

@Suite(.enabled(if: Python.available)) struct OpenedByOpenpyxl {
  @Test func rostersHaveASheetPerClassInDateOrder() throws {
    let folder = try TempFolder()
    let url = try folder.write("rosters.xlsx", data: try CallUpWorkbooks.rosters(sampleEntries))
    let seen = try SeenWorkbook.read(url)
    let long = "2025年全市县处级领导干部学习贯彻党的二十届三中全会精神专题／研讨班"
    #expect(seen.sheets.map(\.title) == ["轮训班（1）", String(long.prefix(31)), String(long.prefix(27)) + " (2)"])
    let header = ["序号", "姓名", "单位", "职级", "干部编号", "领导职务", "地区", "班次", "班次编号", "培训机构", "开始", "结束"]
    let first = try #require(seen.sheets.first)
    #expect(
      first.rows == [
        header,
        ["1", "张建国", "应急局", "县处级", "P01", "副职", "shifan", "轮训班[1]", "C1", "市委党校", "2025-04-07", "2025-04-10"],
        ["2", "李红梅", "市委办", "县处级", "P02", "副职", "shifan", "轮训班[1]", "C1", "市委党校", "2025-04-07", "2025-04-10"],
      ])
    #expect(seen.sheets[1].rows.map { $0[1] } == ["姓名", "赵敏", "张建国"])
    #expect(seen.sheets[2].rows.map { $0[8] } == ["班次编号", "C3"])
    for s in seen.sheets {
      #expect(s.freeze == "A2")
      #expect(s.headerBold)
      #expect(s.headerFill == "FFDDEBF7")
      #expect(s.widths.count == 12 && (s.widths[2] ?? 0) > 29)
    }
  }

  @Test func noticesHaveASheetPerUnit() throws {
    let folder = try TempFolder()
    let url = try folder.write("notices.xlsx", data: try CallUpWorkbooks.notices(sampleEntries))
    let seen = try SeenWorkbook.read(url)
    #expect(seen.sheets.map(\.title) == ["市委办", "应急局", "发改委"])
    #expect(seen.sheets[0].rows[0] == ["序号", "单位", "姓名", "干部编号", "职级", "班次", "班次编号", "培训机构", "开始", "结束"])
    // By class start within the unit: C1 (April) before C2 (September).
    #expect(
      seen.sheets[0].rows.dropFirst().map { [$0[0], $0[2], $0[6], $0[8]] } == [
        ["1", "李红梅", "C1", "2025-04-07"], ["2", "赵敏", "C2", "2025-09-08"],
      ])
    #expect(seen.sheets[1].rows.count == 3 && seen.sheets[2].rows.count == 2)
  }

  @Test func aPlanWithoutCallUpsStillOpens() throws {
    let folder = try TempFolder()
    let url = try folder.write("r.xlsx", data: try CallUpWorkbooks.rosters([]))
    let seen = try SeenWorkbook.read(url)
    #expect(seen.sheets.map(\.title) == ["名单"])
    #expect(seen.sheets[0].rows.count == 1)
  }

  @Test func planWritesWorkbooksMatchingTheCSVs() throws {
    let folder = try TempFolder()
    let out = folder.path("plan")
    let r = try ProcessRunner.run(
      ProcessRunner.callup,
      ["plan", repositoryRoot.appendingPathComponent("scenarios/tiny").path, "--out", out.path, "--xlsx", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(
      files == [
        "allocation.csv", "allocation.xlsx", "makeup.csv", "notices.csv", "notices.xlsx", "plan.json", "report.html",
        "rosters.csv", "rosters.xlsx", "targets.xlsx",
      ])

    // rosters.csv: class,class_name,start,end,cadre,name,unit,region,rank (tiny has no quoted fields).
    let csv = try String(contentsOf: out.appendingPathComponent("rosters.csv"), encoding: .utf8)
      .split(whereSeparator: \.isNewline).dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    var byClass: [String: [String]] = [:]
    var classOrder: [String] = []
    for r in csv {
      if byClass[r[0]] == nil { classOrder.append(r[0]) }
      byClass[r[0], default: []].append(r[4])
    }
    let rosters = try SeenWorkbook.read(out.appendingPathComponent("rosters.xlsx"))
    #expect(rosters.sheets.count == byClass.count)
    for sheet in rosters.sheets {
      let rows = sheet.rows.dropFirst()
      let classID = try #require(rows.first?[8])
      #expect(Set(rows.map { $0[4] }) == Set(byClass[classID] ?? []), "roster of \(classID)")
      #expect(rows.map { $0[0] } == (1...rows.count).map(String.init))
    }
    let notices = try SeenWorkbook.read(out.appendingPathComponent("notices.xlsx"))
    #expect(notices.sheets.map(\.title) == ["中共示范市委员会", "示范市应急管理局", "示范市发展和改革委员会", "示范市青山镇"])
    #expect(notices.sheets.reduce(0) { $0 + $1.rows.count - 1 } == csv.count)
    // The allocation table: the same rows as allocation.csv, seats adding up to the call-ups.
    let allocationCSV = try String(contentsOf: out.appendingPathComponent("allocation.csv"), encoding: .utf8)
      .split(whereSeparator: \.isNewline).dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    let allocation = try SeenWorkbook.read(out.appendingPathComponent("allocation.xlsx"))
    #expect(allocation.sheets.map(\.title) == ["名额分配表"])
    let sheetRows = allocation.sheets[0].rows.dropFirst()
    #expect(sheetRows.map { [$0[0], $0[5], $0[7]] } == allocationCSV.map { [$0[0], $0[5], $0[7]] })
    #expect(allocationCSV.reduce(0) { $0 + Int($1[7])! } == csv.count)
    #expect(allocationCSV.allSatisfy { $0[7] == $0[8] })  // every class of tiny goes by name
  }
}
