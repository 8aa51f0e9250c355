import CallupDomain
import Foundation
import Testing

@testable import CallupLedger

@Suite("Ledger: publish and attendance")
struct PublishAttendTests {
  /// A ledger holding tiny's history and roster.
  func tinyLedger(_ dir: TempFolder) throws -> Ledger {
    let ledger = try Ledger.open(at: dir.path("l.sqlite").path)
    try ledger.importHistory(
      try HistoryFile.read(repositoryRoot.appendingPathComponent("scenarios/tiny/history.csv")),
      roster: try tinyScenario())
    return ledger
  }

  func plan(_ pairs: [(String, String)], status: String = "optimal") -> PlanFile {
    PlanFile(
      scenario: "tiny", year: 2025, status: status,
      assignments: pairs.map { PlanFile.Assignment(cadre: CadreID($0.0), classID: ClassID($0.1)) }, hash: "h")
  }

  func planned(_ ledger: Ledger) throws -> [String] {
    try ledger.trainings().filter { $0.source == .plan }.map {
      "\($0.cadre) \($0.classID?.rawValue ?? "") \($0.status.rawValue) \(formatNumber($0.creditedHours))"
    }
  }

  @Test func publishedAssignmentsBecomePlannedTrainingsWithTheirClass() throws {
    let dir = try TempFolder()
    let ledger = try tinyLedger(dir)
    let s = try ledger.publish(plan([("P03", "C05"), ("P07", "C03"), ("P01", "C01")]), scenario: try tinyScenario())
    #expect(s.assignments == 3 && s.added == 3 && s.replaced == 0 && s.kept == 0 && s.years == 2025..<2026)
    #expect(try ledger.trainingCount() == 32)
    let c05 = try #require(try ledger.trainings(of: ["P03"]).first { $0.classID == "C05" })
    #expect(c05.kind == .professional && c05.theme == "emergency-management" && c05.institutionType == .partySchool)
    #expect(c05.start.iso == "2025-06-16" && c05.days == 5 && c05.hours == 35)
    #expect(c05.status == .planned && c05.creditedHours == 0 && c05.source == .plan && c05.publication == s.publication)
  }

  @Test func republishingReplacesPlannedRowsAndKeepsRecordedOnes() throws {
    let dir = try TempFolder()
    let ledger = try tinyLedger(dir)
    let scenario = try tinyScenario()
    try ledger.publish(plan([("P03", "C05"), ("P07", "C03"), ("P01", "C01")]), scenario: scenario)
    let sheet = try AttendanceFile.parse(Data(lines("cadre,class,status", "P03,C05,attended").utf8), file: "a.csv")
    try ledger.recordAttendance(sheet)
    let again = try ledger.publish(plan([("P03", "C05"), ("P08", "C03")]), scenario: scenario)
    #expect(again.replaced == 2)  // P07 C03 and P01 C01, still planned
    #expect(again.added == 1)  // P08 C03
    #expect(again.kept == 1)  // P03 C05, attended
    #expect(try planned(ledger) == ["P03 C05 attended 35", "P08 C03 planned 0"])
    #expect(try ledger.trainingCount() == 31)
  }

  @Test func aPlanWithoutSolutionOrWithUnknownIdsIsRefused() throws {
    let dir = try TempFolder()
    let ledger = try tinyLedger(dir)
    let error = #expect(throws: LedgerInputError.self) {
      try ledger.publish(
        plan([("P99", "C01"), ("P01", "C99"), ("P01", "C01")], status: "no-solution"), scenario: try tinyScenario())
    }
    #expect(
      error?.description == """
        plan.json has 3 errors:
          plan.json: the plan's status is no-solution; only an optimal or feasible plan can be published.
          plan.json: assignment 1 (P99 → C01): the scenario has no cadre P99.
          plan.json: assignment 2 (P01 → C99): the scenario has no class C99; publish the plan with its own scenario.
        """)
    #expect(try ledger.trainingCount() == 29)
  }

  @Test func attendanceCreditsHoursByStatus() throws {
    let dir = try TempFolder()
    let ledger = try tinyLedger(dir)
    try ledger.publish(plan([("P03", "C05"), ("P04", "C05"), ("P07", "C03")]), scenario: try tinyScenario())
    let sheet = try AttendanceFile.parse(
      Data(lines("干部编号,班次编号,参训情况,学时", "P03,C05,参训,", "P04,C05,left-early,20", "P07,C03,缺训,").utf8),
      file: "att.csv")
    let s = try ledger.recordAttendance(sheet)
    #expect(s == Ledger.AttendanceSummary(attended: 1, absent: 1, leftEarly: 1, creditedHours: 55))
    #expect(try planned(ledger) == ["P03 C05 attended 35", "P04 C05 left-early 20", "P07 C03 absent 0"])
  }

  @Test func attendanceErrorsWriteNothing() throws {
    let dir = try TempFolder()
    let ledger = try tinyLedger(dir)
    try ledger.publish(plan([("P03", "C05"), ("P04", "C05"), ("P07", "C03")]), scenario: try tinyScenario())
    let sheet = try AttendanceFile.parse(
      Data(
        lines(
          "cadre,class,status,hours", "P07,C03,attended,", "P05,C05,attended,", "P04,C05,left-early,40",
          "P03,C05,absent,3", "P07,C05,attended,30"
        ).utf8), file: "att.csv")
    let error = #expect(throws: LedgerInputError.self) { try ledger.recordAttendance(sheet) }
    #expect(
      error?.description == """
        att.csv has 4 errors:
          att.csv:3: cadre P05 has no call-up to class C05 in the ledger; publish the plan that calls the cadre up first.
          att.csv:4 (hours): 40 hours is more than the class's 35; a cadre who left early earns at most that.
          att.csv:5 (hours): an absent cadre earns no hours, not 3; leave hours empty.
          att.csv:6: cadre P07 has no call-up to class C05 in the ledger; publish the plan that calls the cadre up first.
        """)
    #expect(try planned(ledger) == ["P03 C05 planned 0", "P04 C05 planned 0", "P07 C03 planned 0"])
  }

  @Test func attendanceSheetDefectsAreListed() throws {
    let text = lines(
      "cadre,class,status,hours", "P03,C05,maybe,", "P03,,attended,", "P04,C05,left-early,-2", "P04,C05,absent,")
    let error = #expect(throws: LedgerInputError.self) { try AttendanceFile.parse(Data(text.utf8), file: "a.csv") }
    #expect(
      error?.issues.map(\.description) == [
        "a.csv:2:3 (status): status is 'maybe'; use attended, absent or left-early (参训, 缺训, 中途退学).",
        "a.csv:3:2 (class): class is empty; give the class the cadre was called up to.",
        "a.csv:4:4 (hours): hours is '-2'; give the hours credited, a number ≥ 0.",
      ])
    let dup = lines("cadre,class,status", "P04,C05,absent", "P04,C05,attended")
    let e2 = #expect(throws: LedgerInputError.self) { try AttendanceFile.parse(Data(dup.utf8), file: "a.csv") }
    #expect(e2?.issues.map(\.description) == ["a.csv:3: cadre P04 in class C05 is already on line 2; keep one row."])
  }

  @Test func importingAPlannedTrainingMarksItAttended() throws {
    let dir = try TempFolder()
    let ledger = try tinyLedger(dir)
    try ledger.publish(plan([("P03", "C05")]), scenario: try tinyScenario())
    let text = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P03,C05,professional,emergency-management,party-school,2025-06-16,5,35")
    let s = try ledger.importHistory(try HistoryFile.parse(Data(text.utf8), file: "h.csv"))
    #expect(s == Ledger.ImportSummary(rows: 1, added: 0, completed: 1, total: 30))
    #expect(try planned(ledger) == ["P03 C05 attended 35"])
  }
}
