import CallupDomain
import CallupExcel
import Foundation
import Testing

/// The issues loading `path` reports (none when it loads).
func loadIssues(_ path: URL) -> [InputIssue] {
  do {
    _ = try ScenarioLoader.load(path)
    return []
  } catch {
    return error.issues
  }
}

func expectIssue(_ issues: [InputIssue], _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  #expect(
    issues.contains { $0.description == text },
    "missing issue:\n  \(text)\nreported:\n\(issues.map { "  \($0)" }.joined(separator: "\n"))",
    sourceLocation: sourceLocation)
}

/// The four tables of two loaded scenarios are the same values.
func expectSameTables(_ a: Scenario, _ b: Scenario, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  #expect(a.units == b.units, sourceLocation: sourceLocation)
  #expect(a.cadres == b.cadres, sourceLocation: sourceLocation)
  #expect(a.classes == b.classes, sourceLocation: sourceLocation)
  #expect(a.history == b.history, sourceLocation: sourceLocation)
  #expect(a.name == b.name && a.year == b.year && a.period == b.period, sourceLocation: sourceLocation)
}

@Suite struct ScenarioFormats {
  /// scenarios/tiny as the contract writes it.
  func reference(_ folder: TempFolder) throws -> Scenario {
    try ScenarioLoader.load(try copyScenario("tiny", into: folder, "csv")).scenario
  }

  @Test(.enabled(if: Python.available)) func xlsxLoadsTheSameScenarioAsUTF8CSV() throws {
    let folder = try TempFolder()
    let expected = try reference(folder)
    let dir = try copyScenario("tiny", into: folder, "xlsx", tables: false)
    try Conversion.convert(scenario: folder.path("csv"), to: dir, as: .xlsx, chinese: false)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cadres.csv").path))
    let loaded = try ScenarioLoader.load(dir).scenario
    expectSameTables(loaded, expected)
    #expect(loaded.cadres.count == 13 && loaded.classes.count == 8)
    // A date written as an Excel date comes back as the same day.
    #expect(loaded.trainingClass(ClassID("C01"))?.start.iso == "2025-04-07")
  }

  @Test(.enabled(if: Python.available)) func gb18030CSVLoadsTheSameScenarioAsUTF8CSV() throws {
    let folder = try TempFolder()
    let expected = try reference(folder)
    let dir = try copyScenario("tiny", into: folder, "gb", tables: false)
    try Conversion.convert(scenario: folder.path("csv"), to: dir, as: .gb18030, chinese: false)
    let bytes = try Data(contentsOf: dir.appendingPathComponent("cadres.csv"))
    #expect(String(data: bytes, encoding: .utf8) == nil, "the converted file must not be UTF-8")
    // 张建国 in GB18030.
    #expect(bytes.range(of: Data([0xD5, 0xC5, 0xBD, 0xA8, 0xB9, 0xFA])) != nil)
    expectSameTables(try ScenarioLoader.load(dir).scenario, expected)
  }

  @Test(.enabled(if: Python.available)) func chineseHeadersAndValuesLoadTheSameScenario() throws {
    let folder = try TempFolder()
    let expected = try reference(folder)
    for format in [Conversion.gb18030, .xlsx] {
      let dir = try copyScenario("tiny", into: folder, "zh-\(format.rawValue)", tables: false)
      try Conversion.convert(scenario: folder.path("csv"), to: dir, as: format, chinese: true)
      expectSameTables(try ScenarioLoader.load(dir).scenario, expected)
    }
  }

  @Test func gb18030WrittenHereLoads() throws {
    // Without Python: 张三, 县处级 and 男 in GB18030, by hand.
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    var cadres = Data("id,name,unit,rank,gender,birth_year,party\r\nP1,".utf8)
    cadres.append(contentsOf: [0xD5, 0xC5, 0xC8, 0xFD])  // 张三
    cadres.append(Data(",U1,".utf8))
    cadres.append(contentsOf: [0xCF, 0xD8, 0xB4, 0xA6, 0xBC, 0xB6])  // 县处级
    cadres.append(Data(",".utf8))
    cadres.append(contentsOf: [0xC4, 0xD0])  // 男
    cadres.append(Data(",1975,cpc\r\n".utf8))
    try folder.write("s/cadres.csv", data: cadres)
    try folder.write("s/history.csv", "cadre,kind,start,days,hours\n")
    let s = try ScenarioLoader.load(dir).scenario
    #expect(s.cadres.count == 1)
    let c = try #require(s.cadres.first)
    #expect(c.name == "张三" && c.rank == .county && c.gender == .male && c.unit == UnitID("U1"))
  }

  @Test func bytesThatAreNeitherUTF8NorGB18030AreAnError() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    var units = Data("id,name,region\nU1,".utf8)
    units.append(contentsOf: [0xC4, 0xD0])  // GB18030 男
    units.append(Data(",r\nU2,x,r\nU3,".utf8))
    units.append(contentsOf: [0x81, 0x20])  // a lead byte without its second byte
    units.append(Data(",r\n".utf8))
    try folder.write("s/units.csv", data: units)
    let issues = loadIssues(dir)
    expectIssue(
      issues, "units.csv:4: the file is neither UTF-8 nor GB18030 text from this line on; save it as CSV UTF-8.")
  }

  @Test func xlsxDefectsNameSheetRowAndColumn() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    try FileManager.default.removeItem(at: dir.appendingPathComponent("cadres.csv"))
    let book = try XLSXWorkbook(url: dir.appendingPathComponent("cadres.xlsx"))
    let sheet = try book.addSheet(
      "Sheet1",
      columns: ["编号", "姓名", "单位", "职级", "性别", "出生年份", "政治面貌", "任职时间"].map { XLSXColumn($0, width: 10) })
    try sheet.append([
      .text("P01"), .text("张建国"), .text("U1"), .text("厅局级"), .text("男"), .number(1968), .text("中共党员"),
      .date("2021-06-15"),
    ])
    try sheet.append([
      .text("P02"), .text("李红梅"), .text("U1"), .text("chief"), .text("女"), .number(1971), .text("cpc"), .empty,
    ])
    try sheet.append([
      .text("P03"), .text("赵敏"), .text("U9"), .text("县处级"), .text("X"), .text("1988年"), .text("群众"),
      .text("2023/08/01"),
    ])
    try book.close()
    try folder.write("s/history.csv", "cadre,kind,start,days,hours\n")
    let issues = loadIssues(dir)
    expectIssue(
      issues,
      "cadres.xlsx:Sheet1:3:D (rank): unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
    expectIssue(issues, "cadres.xlsx:Sheet1:4:C (unit): unknown unit 'U9'; it is not an id of units.csv.")
    expectIssue(issues, "cadres.xlsx:Sheet1:4:E (gender): unknown gender 'X'; use M or F.")
    expectIssue(issues, "cadres.xlsx:Sheet1:4:F (birth_year): birth_year must be a whole number, not '1988年'.")
    expectIssue(
      issues, "cadres.xlsx:Sheet1:4:H (appointed): '2023/08/01' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01."
    )
    #expect(issues.count == 5, "\(issues)")
  }

  @Test func xlsxHeaderDefects() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    try FileManager.default.removeItem(at: dir.appendingPathComponent("units.csv"))
    let book = try XLSXWorkbook(url: dir.appendingPathComponent("units.xlsx"))
    let sheet = try book.addSheet("单位", columns: ["编号", "名称", "单位编号"].map { XLSXColumn($0, width: 10) })
    try sheet.append([.text("U1"), .text("市委"), .text("U1")])
    try book.close()
    let issues = loadIssues(dir)
    expectIssue(
      issues,
      "units.xlsx:单位:1:C (id): the column 'id' appears twice (columns 1 and 3: '编号' and '单位编号' both mean id); keep one."
    )
    expectIssue(
      issues, "units.xlsx:单位:1 (region): the required column 'region' is missing; the header has 编号, 名称, 单位编号.")
  }

  @Test func aFileThatIsNotAWorkbook() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    try FileManager.default.removeItem(at: dir.appendingPathComponent("classes.csv"))
    try folder.write("s/classes.xlsx", "id,name\nC1,x\n")
    let issues = loadIssues(dir)
    expectIssue(
      issues, "classes.xlsx: cannot read the workbook: not an .xlsx workbook (it cannot be opened as a zip archive).")
  }

  @Test func bothCSVAndXLSXIsAnError() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    let book = try XLSXWorkbook(url: dir.appendingPathComponent("history.xlsx"))
    _ = try book.addSheet("Sheet1", columns: [XLSXColumn("cadre", width: 8)])
    try book.close()
    expectIssue(loadIssues(dir), "history.xlsx: both history.csv and history.xlsx are in the folder; keep one.")
  }

  @Test func aWhatIfInheritsOrReplacesWithAWorkbook() throws {
    let folder = try TempFolder()
    let base = try copyScenario("tiny", into: folder, "base")
    try folder.write("whatif/scenario.yaml", "base: ../base\n")
    let book = try XLSXWorkbook(url: folder.path("whatif/history.xlsx"))
    let sheet = try book.addSheet(
      "Sheet1", columns: ["干部编号", "类别", "开始日期", "天数", "学时"].map { XLSXColumn($0, width: 10) })
    try sheet.append([.text("P01"), .text("读书班"), .date("2024-03-04"), .number(5), .number(40)])
    try book.close()
    let s = try ScenarioLoader.load(folder.path("whatif")).scenario
    let b = try ScenarioLoader.load(base).scenario
    #expect(s.cadres == b.cadres && s.classes == b.classes)
    #expect(
      s.history == [
        HistoryRecord(
          cadre: CadreID("P01"), classID: nil, kind: .reading, theme: "", institutionType: nil,
          start: Day(iso: "2024-03-04")!, days: 5, hours: 40)
      ])
  }

  @Test func unitNamesStandForUnitIDs() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    try folder.write(
      "s/units.csv",
      lines(
        "id,name,region,parent,headcount", "U1,中共示范市委员会,shifan,,40", "U2,示范市应急管理局,shifan,U1,3",
        "U3,青山镇,shifan,U1,20", "U4,青山镇,shifan,U1,20"))
    try folder.write(
      "s/cadres.csv",
      lines(
        "姓名,干部编号,单位,职级,性别,出生年份,政治面貌", "张建国,P01,示范市应急管理局,厅局级,男,1968,中共党员",
        "王磊,P05,U1,县处级,男,1975,群众", "郑海,P11,青山镇,乡科级,男,1976,中共党员"))
    try folder.write("s/history.csv", "cadre,kind,start,days,hours\n")
    let issues = loadIssues(dir)
    expectIssue(issues, "cadres.csv:4:3 (unit): '青山镇' is the name of several units in units.csv; write the unit's id.")
    #expect(issues.count == 1, "\(issues)")
    try folder.write(
      "s/cadres.csv",
      lines("姓名,干部编号,单位,职级,性别,出生年份,政治面貌", "张建国,P01,示范市应急管理局,厅局级,男,1968,中共党员"))
    let s = try ScenarioLoader.load(dir).scenario
    #expect(s.cadres.map(\.unit) == [UnitID("U2")])
    #expect(s.cadres.map(\.party) == [.cpc])
  }

  @Test func chineseValuesOfEveryVocabulary() throws {
    let folder = try TempFolder()
    let dir = try copyScenario("tiny", into: folder, "s")
    try folder.write(
      "s/classes.csv",
      lines(
        "班次编号,班次名称,培训机构,机构类型,层级,举办地,类别,开班日期,天数,学时,容量,职级要求",
        "K1,读书班,省委党校,干部学院,省级,R,读书班,2025-03-03,5,40,,厅局级;县处级",
        "K2,网络班,网院,其他,中央,R,网络培训,2025-03-03,5,40,10,科员及以下",
        "K3,初任,党校,高校,县级,R,初任培训,2025-03-03,5,40,10,乡科级",
        "K4,专题,党校,党校,市级,R,专题培训,2025-03-03,5,40,10,省部级"))
    try folder.write("s/history.csv", "cadre,kind,start,days,hours\n")
    let s = try ScenarioLoader.load(dir).scenario
    #expect(s.classes.map(\.kind) == [.reading, .online, .initial, .special])
    #expect(s.classes.map(\.institutionType) == [.cadreCollege, .other, .university, .partySchool])
    #expect(s.classes.map(\.level) == [.province, .national, .county, .city])
    #expect(s.classes.map(\.ranks) == [[.bureau, .county], [.staff], [.section], [.provincial]])
    #expect(s.classes[0].capacity == nil && s.classes[1].capacity == 10)
  }
}
