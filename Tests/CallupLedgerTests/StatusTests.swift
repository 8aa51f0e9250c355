import CallupDomain
import CallupPlan
import Foundation
import Testing

@testable import CallupLedger

@Suite("Ledger: status")
struct StatusTests {
  /// tiny's history as attended trainings.
  func history() throws -> [Training] {
    try HistoryFile.read(repositoryRoot.appendingPathComponent("scenarios/tiny/history.csv")).trainings
  }

  /// A call-up of tiny's 2025 catalogue with a status.
  func callUp(_ cadre: String, _ classID: String, _ status: TrainingStatus, credited: Double? = nil) throws -> Training
  {
    let c = try #require(try tinyScenario().trainingClass(ClassID(classID)))
    return Training(
      cadre: CadreID(cadre), classID: c.id, kind: c.kind, theme: c.theme, institutionType: c.institutionType,
      start: c.start, days: c.days, hours: c.hours, source: .plan, status: status,
      creditedHours: credited ?? (status == .attended ? c.hours : 0))
  }

  func state(_ s: LedgerStatus, _ cadre: String, _ rule: String) -> LedgerStatus.CycleState? {
    s.cycles.first { $0.cadre.id.rawValue == cadre && $0.rule.rawValue == rule }?.state
  }

  func hours(_ s: LedgerStatus, _ cadre: String, _ rule: String) -> LedgerStatus.HoursLine? {
    s.hours.first { $0.cadre.id.rawValue == cadre && $0.rule.rawValue == rule }
  }

  @Test func cycleStatesFromTinyHistoryMatchTheREADME() throws {
    let s = LedgerStatus(scenario: try tinyScenario(), trainings: try history(), year: 2025)
    #expect(state(s, "P01", "annual-rotation") == .due)
    #expect(state(s, "P01", "systematic-team") == .notDue)  // 2023, every 3
    #expect(state(s, "P03", "systematic-leaders") == .overdue(5))  // none ever
    #expect(state(s, "P04", "annual-rotation") == .met)  // January 2025 in history
    #expect(state(s, "P06", "annual-professional") == .overdue(1))  // 2023
    #expect(state(s, "P07", "systematic-leaders") == .overdue(1))  // 2019
    #expect(state(s, "P08", "systematic-leaders") == .due)  // 2020
    #expect(state(s, "P10", "new-appointee") == .overdue(1))
    #expect(state(s, "P11", "township-heads") == .due)  // 2020
    #expect(state(s, "P12", "township-heads") == .overdue(2))  // 2018
    #expect(state(s, "P13", "new-initial") == .overdue(1))
    // The 24 due obligations of the README, P04's professional among them; P04's rotation is met.
    #expect(s.cycles.filter(\.state.isDue).count == 24)
    #expect(s.cycles.filter { if case .overdue = $0.state { true } else { false } }.count == 7)
  }

  @Test func anAbsenceLeavesTheCadreDueAndAttendanceMeetsIt() throws {
    let scenario = try tinyScenario()
    let absent = LedgerStatus(
      scenario: scenario, trainings: try history() + [try callUp("P07", "C03", .absent)], year: 2025, cadre: "P07")
    #expect(state(absent, "P07", "systematic-leaders") == .overdue(1))
    #expect(absent.cycles.first { $0.rule == "systematic-leaders" }?.thisYear.map(\.status) == [.absent])
    let attended = LedgerStatus(
      scenario: scenario, trainings: try history() + [try callUp("P07", "C03", .attended)], year: 2025, cadre: "P07")
    #expect(state(attended, "P07", "systematic-leaders") == .met)
    let leftEarly = LedgerStatus(
      scenario: scenario, trainings: try history() + [try callUp("P07", "C03", .leftEarly, credited: 60)], year: 2025,
      cadre: "P07")
    #expect(state(leftEarly, "P07", "systematic-leaders") == .overdue(1))
    let credited = try #require(hours(leftEarly, "P07", "hours-leaders"))
    #expect(credited.done == 123)  // 2024: 28 + 35; 2025: 60 of C03's 168
  }

  @Test func hoursInTheWindowAgainstMinimumAndPace() throws {
    let scenario = try tinyScenario()
    let s = LedgerStatus(
      scenario: scenario,
      trainings: try history() + [try callUp("P03", "C05", .attended), try callUp("P03", "C04", .planned)],
      year: 2025)
    // P03: 2024 rotation 28 + professional 35 in the period 2024–2028;
    // pace ceil((550 − 63) / 4) = 122; C05 this year (35) and C04 planned (168).
    let p03 = try #require(hours(s, "P03", "hours-leaders"))
    #expect(p03.window == 2024...2028 && p03.done == 98 && p03.doneThisYear == 35 && p03.planned == 168)
    #expect(p03.pace == 122 && p03.state == .onTrack)
    // P01: days at party schools and cadre colleges: 2024 rotation 4 + professional 5
    // (the 2023 systematic class is before the period); pace ceil((60 − 9) / 4) = 13.
    let p01 = try #require(hours(s, "P01", "hours-team-party-school"))
    #expect(p01.inDays && p01.done == 9 && p01.pace == 13 && p01.state == .behind)
    // P04: one year's window: the January rotation (28) is below 32.
    let p04 = try #require(hours(s, "P04", "hours-members"))
    #expect(p04.window == 2025...2025 && p04.done == 28 && p04.pace == 32 && p04.state == .behind)
    // P13 (staff): 90 hours a year and 32 as a party member, nothing yet.
    #expect(hours(s, "P13", "hours-section")?.minimum == 90)
    #expect(hours(s, "P13", "hours-members")?.state == .behind)
    // P03 has reached 32 this year.
    #expect(hours(s, "P03", "hours-members")?.state == .met)
  }

  @Test func unitsSumTheirCadres() throws {
    let s = LedgerStatus(scenario: try tinyScenario(), trainings: try history(), year: 2025, unit: "U2")
    #expect(Set(s.cycles.map(\.cadre.id)) == ["P05", "P06"])
    let u = try #require(s.units.first)
    #expect(s.units.count == 1 && u.unit.id == "U2" && u.cadres == 2)
    // P05 rotation, P05 professional, P06 rotation, P06 professional (overdue 1).
    #expect(u.due == 4 && u.overdue == 1 && u.planned == 0 && u.met == 0)
    #expect(u.hoursOnTrack == 0 && u.hoursBehind == 4)
  }

  @Test func statusTextOfOneCadre() throws {
    let s = LedgerStatus(scenario: try tinyScenario(), trainings: try history(), year: 2025, cadre: "P03")
    #expect(
      s.text == """
        Ledger status 2025 · scenario tiny · policy core · 1 cadre in 1 unit

        Cycle rules (from attended trainings; an absence leaves the cadre due)
        cadre  name  unit  rule                 last  state      2025
        P03    赵敏  U1    annual-rotation      2024  due        -
        P03    赵敏  U1    systematic-leaders   -     overdue 5  -
        P03    赵敏  U1    annual-professional  2024  due        -

        Hours rules (credited hours, or days, in the window; pace: this year's share of what is left)
        cadre  name  rule           window     done  2025  planned  minimum   pace  state
        P03    赵敏  hours-leaders  2024–2028  63 h   0 h      0 h    550 h  122 h  behind
        P03    赵敏  hours-members  2025        0 h   0 h      0 h     32 h   32 h  behind

        Units (cycle obligations to attend in 2025, of them overdue and planned; met this year; hours rules)
        unit  name              cadres  due  overdue  planned  met  on track  behind
        U1    中共示范市委员会       1    3        1        0    0         0       2
        """)
  }

  @Test func tableWidthCountsChineseAsTwoCells() {
    #expect(TextTable.width("赵敏") == 4)
    #expect(TextTable.width("2024–2028") == 9)
    var t = TextTable(header: ["a", "b"], rightAligned: [1])
    t.rows.append(["赵敏", "1"])
    t.rows.append(["x", "22"])
    #expect(t.lines == ["a      b", "赵敏   1", "x     22"])
  }
}
