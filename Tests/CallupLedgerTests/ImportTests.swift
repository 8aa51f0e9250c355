import CallupDomain
import Foundation
import Testing

@testable import CallupLedger

@Suite("Ledger: history import")
struct ImportTests {
  @Test func freshLedgerIsMigratedAndEmpty() throws {
    let dir = try TempFolder()
    let ledger = try Ledger.open(at: dir.path("l.sqlite").path)
    #expect(try ledger.appliedMigrations() == ["v1-ledger"])
    #expect(try ledger.trainingCount() == 0)
    #expect(try ledger.cadreCount() == 0)
    #expect(try ledger.integrityCheck() == ["ok"])
  }

  @Test func openingWithoutCreateNeedsAFile() throws {
    let dir = try TempFolder()
    #expect(throws: LedgerInputError.self) { try Ledger.open(at: dir.path("none.sqlite").path, create: false) }
    #expect(!FileManager.default.fileExists(atPath: dir.path("none.sqlite").path))
  }

  @Test func tinyHistoryImportsOnceAndIsIdempotent() throws {
    let dir = try TempFolder()
    let ledger = try Ledger.open(at: dir.path("l.sqlite").path)
    let history = try HistoryFile.read(repositoryRoot.appendingPathComponent("scenarios/tiny/history.csv"))
    #expect(history.source == .history)
    #expect(history.trainings.count == 29)
    let first = try ledger.importHistory(history, roster: try tinyScenario())
    #expect(first == Ledger.ImportSummary(rows: 29, added: 29, completed: 0, total: 29))
    let again = try ledger.importHistory(history)
    #expect(again == Ledger.ImportSummary(rows: 29, added: 0, completed: 0, total: 29))
    #expect(again.unchanged == 29)
    #expect(try ledger.cadreCount() == 13)
    let p12 = try ledger.trainings(of: ["P12"])
    #expect(p12.count == 1)
    #expect(p12[0].kind == .systematic && p12[0].start.iso == "2018-05-14" && p12[0].days == 21)
    #expect(p12[0].hours == 126 && p12[0].creditedHours == 126 && p12[0].status == .attended)
    #expect(p12[0].institutionType == .partySchool && p12[0].classID == nil)
  }

  @Test func chineseHeadersBOMAndSpreadsheetValues() throws {
    let text = lines(
      "\u{FEFF}干部编号,姓名,班次编号,类别,主题,机构类型,开始日期,天数,学时（小时）",
      "P01,张建国,K1,集中轮训,,党校,2024/4/8,4,28",
      "P05,王磊,,专业化能力培训,生态保护,高校,2024年6月17日,5,35.0",
      "P11,郑海,K3,systematic,,干部学院,2020-5-11 0:00,21,126")
    let h = try HistoryFile.parse(Data(text.utf8), file: "export.csv")
    #expect(h.source == .imported)
    #expect(h.lines == [2, 3, 4])
    let t = h.trainings
    #expect(t.count == 3)
    #expect(t[0].cadre == "P01" && t[0].classID == "K1" && t[0].kind == .rotation)
    #expect(
      t[0].institutionType == .partySchool && t[0].start.iso == "2024-04-08" && t[0].days == 4 && t[0].hours == 28)
    #expect(t[1].classID == nil && t[1].kind == .professional && t[1].theme == "生态保护")
    #expect(t[1].institutionType == .university && t[1].start.iso == "2024-06-17" && t[1].hours == 35)
    #expect(t[2].kind == .systematic && t[2].institutionType == .cadreCollege && t[2].start.iso == "2020-05-11")
  }

  @Test func everyDefectIsListedWithFileLineAndColumn() throws {
    let text = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P01,,rotation,,party-school,2024-04-08,4,28",
      "P02,,lecture,,party-school,2024-02-30,0,x",
      "P03,,rotation,,school,2024-04-08,4,28",
      "P01,,rotation,,party-school,2024-04-08,4,28",
      "P05,,rotation")
    let error = #expect(throws: LedgerInputError.self) { try HistoryFile.parse(Data(text.utf8), file: "bad.csv") }
    #expect(
      error?.description == """
        bad.csv has 7 errors:
          bad.csv:3:3 (kind): unknown class kind 'lecture'; use one of rotation, systematic, professional, reading, appointment, initial, special, online (or 集中轮训, 主体班, …).
          bad.csv:3:6 (start): '2024-02-30' is not a date; write YYYY-MM-DD.
          bad.csv:3:7 (days): days is '0'; give a whole number of days from 1 to 366.
          bad.csv:3:8 (hours): hours is 'x'; give the class hours earned, a number ≥ 0.
          bad.csv:4:5 (institution_type): unknown institution type 'school'; use one of party-school, cadre-college, university, other (or 党校, 干部学院, 高校, 其他机构), or leave it empty.
          bad.csv:5: the same training as line 2 (cadre P01, rotation starting 2024-04-08); keep one row.
          bad.csv:6: this line has 3 fields but the header has 8; quote values that contain commas ("a, b").
        """)
  }

  @Test func missingColumnIsNamed() throws {
    let text = lines("cadre,kind,start,days", "P01,rotation,2024-04-08,4")
    let error = #expect(throws: LedgerInputError.self) { try HistoryFile.parse(Data(text.utf8), file: "h.csv") }
    #expect(error?.issues.count == 1)
    #expect(
      error?.issues.first?.description
        == "h.csv:1 (hours): the required column 'hours' (or 学时, 培训学时) is missing; the header has cadre, kind, start, days."
    )
  }

  @Test func quotedFieldsAndCRLFKeepLineNumbers() throws {
    let good =
      "cadre,class,kind,theme,institution_type,start,days,hours\r\n"
      + "P01,,professional,\"digital, economy\",,2024-06-17,5,35\r\n"
      + "P02,,professional,\"two\r\nlines \"\"quoted\"\"\",,2024-06-18,5,35\r\n"
    let h = try HistoryFile.parse(Data(good.utf8), file: "q.csv")
    #expect(h.trainings.map(\.theme) == ["digital, economy", "two\r\nlines \"quoted\""])
    #expect(h.lines == [2, 3])
    let bad = good + "P03,,nonsense,,,2024-06-17,5,35\r\n"
    let error = #expect(throws: LedgerInputError.self) { try HistoryFile.parse(Data(bad.utf8), file: "q.csv") }
    #expect(error?.issues.map(\.location.description) == ["q.csv:5:3 (kind)"])
  }

  @Test func gb18030ExportsAreRead() throws {
    var data = Data("cadre,class,kind,theme,institution_type,start,days,hours\nP01,,rotation,".utf8)
    data.append(contentsOf: [0xD6, 0xF7, 0xCC, 0xE2])  // 主题 in GB18030
    data.append(Data(",party-school,2024-04-08,4,28\n".utf8))
    let h = try HistoryFile.parse(data, file: "gb.csv")
    #expect(h.trainings.map(\.theme) == ["主题"])
  }

  @Test func bytesThatAreNeitherUTF8NorGB18030AreRefusedWithTheirLine() throws {
    var data = Data("cadre,class,kind,theme,institution_type,start,days,hours\nP01,,rotation,".utf8)
    data.append(contentsOf: [0xFF, 0xFF])
    data.append(Data(",party-school,2024-04-08,4,28\n".utf8))
    let error = #expect(throws: LedgerInputError.self) { try HistoryFile.parse(data, file: "bad.csv") }
    #expect(
      error?.issues.first?.description
        == "bad.csv:2: the file is neither UTF-8 nor GB18030 text from this line on; save it as \"CSV UTF-8\".")
  }

  @Test func unknownCadreWritesNothingNotEvenTheRoster() throws {
    let dir = try TempFolder()
    let ledger = try Ledger.open(at: dir.path("l.sqlite").path)
    let text = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P01,,rotation,,party-school,2024-04-08,4,28",
      "P99,,rotation,,party-school,2024-04-08,4,28")
    let h = try HistoryFile.parse(Data(text.utf8), file: "h.csv")
    let error = #expect(throws: LedgerInputError.self) { try ledger.importHistory(h, roster: try tinyScenario()) }
    #expect(
      error?.issues.map(\.description) == ["h.csv:3 (cadre): unknown cadre 'P99'; it is not in the ledger's roster."])
    #expect(try ledger.trainingCount() == 0)
    #expect(try ledger.cadreCount() == 0)
  }

  @Test func withoutARosterTheLedgerAsksForTheScenario() throws {
    let dir = try TempFolder()
    let ledger = try Ledger.open(at: dir.path("l.sqlite").path)
    let h = try HistoryFile.read(
      repositoryRoot.appendingPathComponent("scenarios/tiny/history.csv"), file: "history.csv")
    let error = #expect(throws: LedgerInputError.self) { try ledger.importHistory(h) }
    #expect(
      error?.description
        == "history.csv has 1 error:\n  history.csv: the ledger has no roster yet; give --scenario DIR so that its cadres.csv is read into the ledger."
    )
  }

  @Test func exportReadsBackAsTheSameHistory() throws {
    let dir = try TempFolder()
    let ledger = try Ledger.open(at: dir.path("l.sqlite").path)
    let text = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P02,K9,professional,\"rural, revitalization\",cadre-college,2024-07-15,5,35",
      "P01,,online,,,2024-03-01,1,12.5")
    try ledger.importHistory(try HistoryFile.parse(Data(text.utf8), file: "h.csv"), roster: try tinyScenario())
    let csv = try ledger.historyCSV()
    #expect(
      csv
        == lines(
          "cadre,class,kind,theme,institution_type,start,days,hours",
          "P01,,online,,,2024-03-01,1,12.5",
          "P02,K9,professional,\"rural, revitalization\",cadre-college,2024-07-15,5,35"))
    let back = try HistoryFile.parse(Data(csv.utf8), file: "export.csv")
    #expect(back.trainings.map(\.historyRecord) == (try ledger.trainings()).map(\.historyRecord))
  }

  @Test func sha256OfKnownVectors() {
    #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Data(String(repeating: "a", count: 1000).utf8))
        == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }
}
