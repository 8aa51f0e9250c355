import CallupDomain
import Foundation
import Testing

@testable import CallupLedger

@Suite("callup ledger: the command line", .serialized)
struct LedgerCLITests {
  @Test func helpListsTheSubcommands() throws {
    let r = try CLI.run(["ledger", "--help"])
    #expect(r.status == 0)
    for command in ["import", "publish", "attend", "status", "export"] { #expect(r.stdout.contains("  \(command) ")) }
  }

  @Test func aLedgerMustBeNamed() throws {
    let r = try CLI.run(["ledger", "import", "history.csv"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: give --ledger PATH, or --scenario DIR to use the scenario's ledger.sqlite."))
    let e = try CLI.run(["ledger", "export"])
    #expect(e.status == 64)
    let s = try CLI.run(["ledger", "status", "--ledger", "x.sqlite"])
    #expect(s.status == 64)
    #expect(
      s.stderr.hasPrefix(
        "Error: status needs --scenario DIR: the roster and the policy's rules come from the scenario."))
  }

  @Test func aMissingLedgerIsBadInput() throws {
    let dir = try TempFolder()
    let sheet = try dir.write("a.csv", lines("cadre,class,status", "P01,C01,attended"))
    let path = dir.path("none.sqlite").path
    let r = try CLI.run(["ledger", "attend", sheet.path, "--ledger", path])
    #expect(r.status == 65)
    #expect(r.stderr.contains("\(path): there is no ledger here"))
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func aBadHistoryFileExits65AndWritesNothing() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    #expect(
      try CLI.run(["ledger", "import", tiny.appendingPathComponent("history.csv").path, "--scenario", tiny.path]).status
        == 0)
    let bad = try dir.write(
      "bad.csv",
      lines(
        "cadre,class,kind,theme,institution_type,start,days,hours", "P01,,rotation,,party-school,2025-04-07,4,28",
        "P02,,rotation,,party-school,2025-13-01,4,28"))
    let r = try CLI.run(["ledger", "import", bad.path, "--scenario", tiny.path])
    #expect(r.status == 65)
    #expect(r.stderr.contains("\(bad.path):3:6 (start): '2025-13-01' is not a date; write YYYY-MM-DD."))
    #expect(r.stdout.isEmpty)
    #expect(try Ledger.open(at: tiny.appendingPathComponent("ledger.sqlite").path).trainingCount() == 29)
  }

  /// The year's whole path through the command line: import history →
  /// plan → publish → attend with an absence → replan with changes (a cadre
  /// withdrawn, a class cancelled, a class resized) → the re-plan checks →
  /// publish it → status shows who is due and their hours.
  @Test func replanAfterAttendanceAndChanges() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    #expect(
      try CLI.run(["ledger", "import", tiny.appendingPathComponent("history.csv").path, "--scenario", tiny.path]).status
        == 0)
    let out = dir.path("plan")
    #expect(try CLI.run(["plan", tiny.path, "--out", out.path, "--quiet"]).status == 0)
    let published = try CLI.run(["ledger", "publish", out.path, tiny.path])
    #expect(published.stdout == "Published plan tiny 2025: 17 call-ups, 17 planned.\n")
    let attendance = try dir.write(
      "attendance.csv", lines("cadre,class,status,hours", "P03,C05,attended,", "P07,C03,absent,"))
    #expect(try CLI.run(["ledger", "attend", attendance.path, "--scenario", tiny.path]).status == 0)
    let changes = try dir.write(
      "changes.yaml",
      lines(
        "withdraw:", "  - { cadre: P08, reason: 病休 }", "cancel:", "  - { class: C04, reason: 师资调整 }", "resize:",
        "  - { class: C05, capacity: 3 }"))

    let replanned = dir.path("replan")
    let r = try CLI.run(["replan", tiny.path, "--changes", changes.path, "--out", replanned.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasPrefix(
        """
        Replan tiny 2025: kept 11 of 15 published call-ups; 0 added, 0 moved, 5 dropped
          - P03 赵敏 C04: class cancelled (师资调整)
          - P07 陈志强 C03: absent (recorded in the ledger); due again
          - P07 陈志强 C05: the class now has 3 seats

        """))
    let csv = try String(contentsOf: replanned.appendingPathComponent("changes.csv"), encoding: .utf8)
    let rotation = try #require(
      csv.split(separator: "\n").first { $0.hasPrefix("P08,杨帆,U3,dropped,C0") && !$0.contains("C05") })
    #expect(rotation.hasSuffix(",,withdrawn (病休)"))
    #expect(csv.contains("P08,杨帆,U3,dropped,C05,,withdrawn (病休)\n"))
    // The re-plan holds against the scenario it was made for.
    let check = try CLI.run(["check", replanned.appendingPathComponent("scenario").path, replanned.path])
    #expect(check.status == 0, "\(check.stdout)")

    let again = try CLI.run(["ledger", "publish", replanned.path, tiny.path])
    #expect(
      again.stdout
        == "Published plan tiny 2025: 12 call-ups, 11 planned, 1 already recorded; replaced 15 planned call-ups of an earlier publication.\n"
    )
    // P07 was absent: overdue again. P08 withdrawn: due, nothing planned.
    let p07 = try CLI.run(["ledger", "status", "--scenario", tiny.path, "--cadre", "P07"])
    #expect(
      rows(p07.stdout, "P07").first { $0[3] == "systematic-leaders" } == [
        "P07", "陈志强", "U3", "systematic-leaders", "2019", "overdue 1", "C03 absent",
      ])
    let p08 = try CLI.run(["ledger", "status", "--scenario", tiny.path, "--cadre", "P08"])
    #expect(rows(p08.stdout, "P08").prefix(3).map { $0[5] + " " + $0[6] } == ["due -", "due -", "due -"])
    // P03: C04 cancelled, C05 attended (35 h), a rotation still planned (28 h).
    let p03 = try CLI.run(["ledger", "status", "--scenario", tiny.path, "--cadre", "P03"])
    #expect(rows(p03.stdout, "P03").first { $0[3] == "systematic-leaders" }?[5...6] == ["overdue 5", "-"])
    #expect(
      rows(p03.stdout, "P03").first { $0[2] == "hours-leaders" }
        == ["P03", "赵敏", "hours-leaders", "2024–2028", "98 h", "35 h", "28 h", "550 h", "122 h", "behind"])
  }

  /// A re-plan plans the rest of the year as `plan` would: in blocks when
  /// the scenario says so (`solver.block_size`), with the kept call-ups in
  /// place, and the result checks.
  @Test func replanPlansInBlocksWhenTheScenarioDoes() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    let yaml = tiny.appendingPathComponent("scenario.yaml")
    let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
      of: "mip_gap: 0.005 }", with: "mip_gap: 0.005, block_size: 5 }")
    try text.write(to: yaml, atomically: true, encoding: .utf8)
    #expect(
      try CLI.run(["ledger", "import", tiny.appendingPathComponent("history.csv").path, "--scenario", tiny.path]).status
        == 0)
    let out = dir.path("plan")
    #expect(try CLI.run(["plan", tiny.path, "--out", out.path, "--quiet"]).status == 0)
    #expect(try planMethod(out) == "blocks")
    #expect(try CLI.run(["ledger", "publish", out.path, tiny.path]).status == 0)
    let changes = try dir.write("changes.yaml", lines("withdraw:", "  - { cadre: P08, reason: 病休 }"))
    let replanned = dir.path("replan")
    let r = try CLI.run(["replan", tiny.path, "--changes", changes.path, "--out", replanned.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try planMethod(replanned) == "blocks")
    #expect(r.stdout.hasPrefix("Replan tiny 2025: kept "))
    let check = try CLI.run(["check", replanned.appendingPathComponent("scenario").path, replanned.path])
    #expect(check.status == 0, "\(check.stdout)")
  }

  func planMethod(_ dir: URL) throws -> String? {
    let data = try Data(contentsOf: dir.appendingPathComponent("plan.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["method"] as? String
  }

  @Test func replanNeedsAPublishedCallUp() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    #expect(
      try CLI.run(["ledger", "import", tiny.appendingPathComponent("history.csv").path, "--scenario", tiny.path]).status
        == 0)
    let changes = try dir.write("changes.yaml", lines("cancel:", "  - { class: C04 }"))
    let r = try CLI.run(["replan", tiny.path, "--changes", changes.path, "--out", dir.path("x").path, "--quiet"])
    #expect(r.status == 65)
    #expect(r.stderr.contains("has no published call-up for 2025 still to attend; nothing to re-plan."))
    #expect(!FileManager.default.fileExists(atPath: dir.path("x").path))
  }

  @Test func aBadChangesFileNamesTheLine() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    #expect(
      try CLI.run(["ledger", "import", tiny.appendingPathComponent("history.csv").path, "--scenario", tiny.path]).status
        == 0)
    let out = dir.path("plan")
    #expect(try CLI.run(["plan", tiny.path, "--out", out.path, "--quiet"]).status == 0)
    #expect(try CLI.run(["ledger", "publish", out.path, tiny.path]).status == 0)
    let changes = try dir.write(
      "changes.yaml",
      lines("withdraw:", "  - { cadre: P99 }", "unavailable:", "  - { cadre: P01, dates: 2025-05-01 }", "cancle: []"))
    let r = try CLI.run(["replan", tiny.path, "--changes", changes.path, "--out", dir.path("x").path, "--quiet"])
    #expect(r.status == 65)
    #expect(r.stderr.contains("\(changes.path) has 2 errors:\n"))
    #expect(
      r.stderr.contains(
        "changes.yaml:4:26: `dates` must be ranges like 2025-05-01..2025-05-31 (several joined by ;), not '2025-05-01'."
      ))
    #expect(r.stderr.contains("unknown key 'cancle' in the changes file; did you mean 'cancel'?"))
    let fixed = try dir.write("fixed.yaml", lines("withdraw:", "  - { cadre: P99 }"))
    let u = try CLI.run(["replan", tiny.path, "--changes", fixed.path, "--out", dir.path("x").path, "--quiet"])
    #expect(u.status == 65)
    #expect(u.stderr.contains("\(fixed.path) has 1 error:\n  \(fixed.path):2:5: cadre 'P99' is not in cadres.csv.\n"))
    #expect(!FileManager.default.fileExists(atPath: dir.path("x").path))
  }

  /// import → status → plan → publish → attend (with an absence) → status →
  /// export → the export loads as a scenario's history.
  @Test func endToEndOnTiny() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    let history = tiny.appendingPathComponent("history.csv").path

    let imported = try CLI.run(["ledger", "import", history, "--scenario", tiny.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      imported.stdout
        == "Imported \(history): 29 rows, 29 new, 0 already in the ledger. The ledger holds 29 trainings.\n")
    let again = try CLI.run(["ledger", "import", history, "--scenario", tiny.path])
    #expect(
      again.stdout == "Imported \(history): 29 rows, 0 new, 29 already in the ledger. The ledger holds 29 trainings.\n")

    // Due and overdue from the history alone (scenarios/tiny/README.md).
    let before = try CLI.run(["ledger", "status", "--scenario", tiny.path])
    #expect(before.status == 0, "\(before.stderr)")
    #expect(before.stderr.isEmpty)
    let cycles = before.stdout.components(separatedBy: "\n\n")[1]
    #expect(
      rows(cycles, "P03").map { $0[3] + " " + $0[5] } == [
        "annual-rotation due", "systematic-leaders overdue 5", "annual-professional due",
      ])
    #expect(
      rows(cycles, "P04").first { $0[3] == "annual-rotation" } == [
        "P04", "吴刚", "U1", "annual-rotation", "2025", "met", "2025-01-06 attended",
      ])
    #expect(rows(cycles, "P07").first { $0[3] == "systematic-leaders" }?[4...5] == ["2019", "overdue 1"])
    #expect(rows(cycles, "P12").first { $0[3] == "township-heads" }?[4...5] == ["2018", "overdue 2"])
    #expect(rows(cycles, "P13").first { $0[3] == "new-initial" }?[4...5] == ["-", "overdue 1"])

    // Plan, publish (twice: the second replaces the first's planned call-ups).
    let out = dir.path("plan")
    let planned = try CLI.run(["plan", tiny.path, "--out", out.path, "--quiet"])
    #expect(planned.status == 0, "\(planned.stderr)")
    let published = try CLI.run(["ledger", "publish", out.path, tiny.path])
    #expect(published.status == 0, "\(published.stderr)")
    #expect(published.stdout == "Published plan tiny 2025: 17 call-ups, 17 planned.\n")

    // P03's rotation session is either C01 or C02; the rest of P03's plan is fixed (C04, C05).
    let plan = try PlanFile.read(out)
    let rotation = try #require(
      plan.assignments.first { $0.cadre == "P03" && ($0.classID == "C01" || $0.classID == "C02") }?.classID.rawValue)

    let attendance = try dir.write(
      "attendance.csv",
      lines(
        "cadre,class,status,hours", "P03,C05,attended,", "P03,C04,attended,", "P07,C03,absent,", "P04,C05,left-early,20"
      ))
    let attended = try CLI.run(["ledger", "attend", attendance.path, "--scenario", tiny.path])
    #expect(attended.status == 0, "\(attended.stderr)")
    #expect(attended.stdout == "Recorded \(attendance.path): 2 attended, 1 absent, 1 left early; 223 hours credited.\n")

    // Publishing again keeps the four recorded rows.
    let republished = try CLI.run(["ledger", "publish", out.path, tiny.path])
    #expect(
      republished.stdout
        == "Published plan tiny 2025: 17 call-ups, 13 planned, 4 already recorded; replaced 13 planned call-ups of an earlier publication.\n"
    )

    // P07 was absent: overdue again. P03 attended: 35 + 168 more hours.
    let p07 = try CLI.run(["ledger", "status", "--scenario", tiny.path, "--cadre", "P07"])
    #expect(
      rows(p07.stdout, "P07").first { $0[3] == "systematic-leaders" } == [
        "P07", "陈志强", "U3", "systematic-leaders", "2019", "overdue 1", "C03 absent",
      ])
    let p03 = try CLI.run(["ledger", "status", "--scenario", tiny.path, "--cadre", "P03"])
    #expect(
      p03.stdout == """
        Ledger status 2025 · scenario tiny · policy core · 1 cadre in 1 unit

        Cycle rules (from attended trainings; an absence leaves the cadre due)
        cadre  name  unit  rule                 last  state  2025
        P03    赵敏  U1    annual-rotation      2024  due    \(rotation) planned
        P03    赵敏  U1    systematic-leaders   2025  met    C04 attended
        P03    赵敏  U1    annual-professional  2025  met    C05 attended

        Hours rules (credited hours, or days, in the window; pace: this year's share of what is left)
        cadre  name  rule           window      done   2025  planned  minimum   pace  state
        P03    赵敏  hours-leaders  2024–2028  266 h  203 h     28 h    550 h  122 h  on track
        P03    赵敏  hours-members  2025       203 h  203 h     28 h     32 h   32 h  met

        Units (cycle obligations to attend in 2025, of them overdue and planned; met this year; hours rules)
        unit  name              cadres  due  overdue  planned  met  on track  behind
        U1    中共示范市委员会       1    1        0        1    2         2       0

        """)
    let p04 = try CLI.run(["ledger", "status", "--scenario", tiny.path, "--cadre", "P04"])
    #expect(rows(p04.stdout, "P04").first { $0[3] == "annual-professional" }?[5...6] == ["due", "C05 left-early"])
    #expect(rows(p04.stdout, "P04").first { $0[2] == "hours-leaders" }?[4...5] == ["111 h", "48 h"])

    // Export, and read it back as the history of a copy of tiny.
    let exported = dir.path("export/history.csv")
    try FileManager.default.createDirectory(at: exported.deletingLastPathComponent(), withIntermediateDirectories: true)
    let export = try CLI.run(["ledger", "export", "--scenario", tiny.path, "--out", exported.path])
    #expect(export.status == 0, "\(export.stderr)")
    // P04 left C05 early: not exported (due again, like an absence).
    #expect(export.stdout == "Exported 31 trainings to \(exported.path).\n")
    let copy = try dir.copyTiny("tiny-again", history: try String(contentsOf: exported, encoding: .utf8))
    let loaded = try ScenarioLoader.load(copy).scenario
    #expect(loaded.history.count == 31)
    let new = loaded.history.filter { $0.year == 2025 && $0.classID != nil }
      .map { "\($0.cadre) \($0.classID!) \($0.kind.rawValue) \(formatNumber($0.hours))" }.sorted()
    #expect(new == ["P03 C04 systematic 168", "P03 C05 professional 35"])
  }

  /// kill -9 in the middle of a large import: the ledger is as it was.
  @Test func killedImportLeavesTheLedgerAsItWas() throws {
    let dir = try TempFolder()
    let tiny = try dir.copyTiny()
    let ledgerPath = tiny.appendingPathComponent("ledger.sqlite").path
    #expect(
      try CLI.run(["ledger", "import", tiny.appendingPathComponent("history.csv").path, "--scenario", tiny.path]).status
        == 0)
    let before = try Ledger.open(at: ledgerPath).trainingCount()
    #expect(before == 29)

    // 300,000 rows of the tiny cadres, each a class of its own.
    var text = "cadre,class,kind,theme,institution_type,start,days,hours\n"
    text.reserveCapacity(16_000_000)
    let first = try #require(Day(iso: "2000-01-03"))
    for i in 0..<300_000 {
      let cadre = "P" + (i % 13 < 9 ? "0" : "") + String(i % 13 + 1)
      text += "\(cadre),K\(i),special,,party-school,\(first.advanced(by: i % 9000).iso),1,6\n"
    }
    let big = try dir.write("big.csv", text)

    let p = Process()
    p.executableURL = CLI.executable
    p.arguments = ["ledger", "import", big.path, "--ledger", ledgerPath]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // The rollback journal exists only while the import's transaction writes.
    let journal = ledgerPath + "-journal"
    let deadline = Date().addingTimeInterval(120)
    var sawJournal = false
    while p.isRunning && Date() < deadline {
      if FileManager.default.fileExists(atPath: journal) {
        sawJournal = true
        break
      }
      usleep(2_000)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(sawJournal, "the import never started writing")
    #expect(p.terminationReason == .uncaughtSignal)

    let ledger = try Ledger.open(at: ledgerPath)
    #expect(try ledger.trainingCount() == before)
    #expect(try ledger.integrityCheck() == ["ok"])
    // And it takes the next import as usual.
    let next = try CLI.run([
      "ledger", "import", tiny.appendingPathComponent("history.csv").path, "--ledger", ledgerPath,
    ])
    #expect(next.status == 0)
    #expect(try ledger.trainingCount() == before)
  }
}
