import Foundation
import Testing

@Suite("callup command line: output and exit codes", .serialized)
struct CLITests {
  let tiny = "scenarios/tiny"

  @Test func helpListsTheCommands() throws {
    let r = try CLI.run(["--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("USAGE: callup <subcommand>"))
    for command in ["plan", "validate", "check"] { #expect(r.stdout.contains("  \(command) ")) }
  }

  @Test func eachCommandHasHelp() throws {
    for command in ["plan", "validate", "check"] {
      let r = try CLI.run([command, "--help"])
      #expect(r.status == 0)
      #expect(r.stdout.contains("USAGE: callup \(command)"))
    }
  }

  @Test func missingArgumentIsAUsageError() throws {
    let r = try CLI.run(["plan"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: Missing expected argument '<scenario>'"))
  }

  @Test func badExportExtensionIsAUsageError() throws {
    let out = CLI.temporaryDirectory()
    let r = try CLI.run(["plan", tiny, "--out", out.path, "--export-model", "model.txt"])
    #expect(r.status == 64)
    #expect(
      r.stderr.hasPrefix(
        "Error: --export-model needs a file ending in .lp (CPLEX-LP) or .mps (MPS), not 'model.txt'."))
  }

  @Test func negativeTimeLimitIsAUsageError() throws {
    let r = try CLI.run(["plan", tiny, "--out", "x", "--time-limit", "0"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: --time-limit must be a positive number of seconds."))
  }

  @Test func startMustBeAutoBlocksOrAuction() throws {
    let r = try CLI.run(["plan", tiny, "--out", "x", "--block-size", "5", "--start", "greedy"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: --start must be auto, blocks or auction."))
    for start in ["blocks", "auction"] {
      let out = CLI.temporaryDirectory()
      let ok = try CLI.run(["plan", tiny, "--out", out.path, "--block-size", "5", "--start", start, "--quiet"])
      #expect(ok.status == 0, "\(ok.stderr)")
      #expect(try CLI.run(["check", tiny, out.path]).status == 0)
    }
  }

  @Test func missingScenarioIsBadInput() throws {
    let r = try CLI.run(["validate", "no/such/scenario"])
    #expect(r.status == 65)
    #expect(r.stderr.contains("scenario.yaml"))
  }

  @Test func corruptedScenarioGivesFileLineAndExit65AndWritesNothing() throws {
    let dir = CLI.temporaryDirectory()
    let copy = dir.appendingPathComponent("broken")
    try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(tiny), to: copy)
    // Point the policy at the repository's file, then break the third line of cadres.csv.
    let yaml = copy.appendingPathComponent("scenario.yaml")
    let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
      of: "../../policies/core.yaml", with: CLI.root.appendingPathComponent("policies/core.yaml").path)
    try text.write(to: yaml, atomically: true, encoding: .utf8)
    let cadres = copy.appendingPathComponent("cadres.csv")
    var lines = try String(contentsOf: cadres, encoding: .utf8).components(separatedBy: "\n")
    let header = lines[0].components(separatedBy: ",")
    let rankColumn = header.firstIndex(of: "rank")!
    var fields = lines[2].components(separatedBy: ",")
    fields[rankColumn] = "chief"
    lines[2] = fields.joined(separator: ",")
    try lines.joined(separator: "\n").write(to: cadres, atomically: true, encoding: .utf8)

    let v = try CLI.run(["validate", copy.path])
    #expect(v.status == 65)
    #expect(v.stderr.contains("cadres.csv:3:\(rankColumn + 1)"))
    #expect(v.stderr.contains("chief"))

    let out = dir.appendingPathComponent("out")
    let p = try CLI.run(["plan", copy.path, "--out", out.path])
    #expect(p.status == 65)
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// A scenario whose second year has only yearly capacities validates
  /// and says how many provisional classes they make.
  @Test func validateCountsProvisionalClasses() throws {
    let dir = CLI.temporaryDirectory().appendingPathComponent("capacities")
    let policy = CLI.root.appendingPathComponent("policies/default.yaml").path
    let g = try CLI.run([
      "generate", "--preset", "city", "--seed", "3", "--scale", "0.1", "--horizon", "2", "--calendar-years", "1",
      "--policy", policy, "--out", dir.path,
    ])
    #expect(g.status == 0, "\(g.stderr)")
    let v = try CLI.run(["validate", dir.path])
    #expect(v.status == 0, "\(v.stderr)")
    let lines = v.stdout.components(separatedBy: "\n")
    #expect(
      lines.count == 4 && lines[1].hasPrefix("  ")
        && lines[1].hasSuffix(" provisional classes from capacities.csv (2026): seats real, dates nominal."),
      "\(v.stdout)")
  }

  @Test func planThenCheckHolds() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("plan")
    let p = try CLI.run(["plan", tiny, "--out", out.path, "--quiet"])
    #expect(p.status == 0, "\(p.stderr)")
    #expect(p.stdout.hasPrefix("Plan tiny 2025: optimal"))
    #expect(p.stdout.contains("Rosters: \(out.path)/rosters.csv"))
    #expect(p.stderr.isEmpty || p.stderr.hasPrefix("warning:"))
    for f in ["plan.json", "rosters.csv", "notices.csv", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path))
    }
    let c = try CLI.run(["check", tiny, out.path])
    #expect(c.status == 0, "\(c.stdout)")
    #expect(c.stdout.hasSuffix("The plan holds: no rule is broken.\n"))
  }

  @Test func checkRejectsATamperedPlan() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("plan")
    #expect(try CLI.run(["plan", tiny, "--out", out.path, "--quiet"]).status == 0)
    // Drop the last roster row: the roster no longer matches the assignments.
    let rosters = out.appendingPathComponent("rosters.csv")
    var lines = try String(contentsOf: rosters, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    lines.removeLast(2)
    try (lines.joined(separator: "\n") + "\n").write(to: rosters, atomically: true, encoding: .utf8)
    let c = try CLI.run(["check", tiny, out.path])
    #expect(c.status == 2)
    #expect(c.stdout.contains("✗ "))
  }

  @Test func exportModelWritesFilesGlpsolReads() throws {
    let dir = CLI.temporaryDirectory()
    for ext in ["lp", "mps"] {
      let model = dir.appendingPathComponent("tiny.\(ext)")
      let r = try CLI.run([
        "plan", tiny, "--out", dir.appendingPathComponent("out-\(ext)").path, "--quiet", "--export-model", model.path,
      ])
      #expect(r.status == 0)
      let text = try String(contentsOf: model, encoding: .utf8)
      #expect(text.count > 100)
      #expect(ext == "lp" ? text.contains("Minimize") : text.contains("ROWS"))
    }
  }

  /// Below 5,000 cadres the search solves the whole model: the model it
  /// solved is the whole model, byte for byte.
  @Test func theSolvedModelOfASmallScenarioIsTheWholeModel() throws {
    let dir = CLI.temporaryDirectory()
    let whole = dir.appendingPathComponent("whole.mps")
    let solved = dir.appendingPathComponent("solved.mps")
    let r = try CLI.run([
      "plan", tiny, "--out", dir.appendingPathComponent("out").path, "--quiet", "--export-model", whole.path,
      "--export-solved-model", solved.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Data(contentsOf: solved) == Data(contentsOf: whole))
  }

  /// A plan made block by block solves no one model: nothing is planned or
  /// written, and the message says why.
  @Test func theSolvedModelNeedsAPlanMadeAsOneModel() throws {
    let dir = CLI.temporaryDirectory()
    let r = try CLI.run([
      "plan", tiny, "--out", dir.appendingPathComponent("out").path, "--quiet", "--block-size", "5",
      "--export-solved-model", dir.appendingPathComponent("solved.mps").path,
    ])
    #expect(r.status == 64)
    #expect(
      r.stderr
        == "error: --export-solved-model: this scenario is planned as blocks, not as one model, so there is no one model to write.\n"
    )
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
  }
}

/// A history export with people who have left plans, with one warning.
@Suite("callup plan: departed cadres in history")
struct DepartedCadresTests {
  @Test func historyOfCadresWhoLeftIsAWarning() throws {
    let dir = try CLI.copyOfTiny("departed")
    let history = dir.appendingPathComponent("history.csv")
    var text = try String(contentsOf: history, encoding: .utf8)
    let lineOfP99 = text.split(separator: "\n").count + 1
    text += "P99,,rotation,,party-school,2023-05-10,4,28\n"
    try text.write(to: history, atomically: true, encoding: .utf8)
    let out = CLI.temporaryDirectory().appendingPathComponent("departed-plan")
    let r = try CLI.run(["plan", dir.path, "--out", out.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "warning: history.csv:\(lineOfP99): 1 row of cadres not in cadres.csv (people who have left or moved away) is ignored; first line: \(lineOfP99).\n"
      ), "\(r.stderr)")
    #expect(try CLI.run(["check", dir.path, out.path]).status == 0)
  }
}

/// A name from a unit's file that a spreadsheet would run as a formula is
/// written as text in every CSV for people, and the plan still checks.
@Suite("callup plan: formula guard in CSVs")
struct FormulaGuardTests {
  @Test func aFormulaNameIsWrittenAsText() throws {
    let dir = try CLI.copyOfTiny("formula")
    let cadres = dir.appendingPathComponent("cadres.csv")
    var rows = try String(contentsOf: cadres, encoding: .utf8).components(separatedBy: "\n")
    var p01 = rows[1].components(separatedBy: ",")
    p01[1] = "\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"点我\"\")\""
    rows[1] = p01.joined(separator: ",")
    try rows.joined(separator: "\n").write(to: cadres, atomically: true, encoding: .utf8)
    let out = CLI.temporaryDirectory().appendingPathComponent("formula-plan")
    let r = try CLI.run(["plan", dir.path, "--out", out.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    for file in ["rosters.csv", "notices.csv"] {
      let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
      #expect(text.contains(",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"点我\"\")\","), "\(file)")
      #expect(!text.contains(",\"=HYPERLINK"), "\(file)")
    }
    let check = try CLI.run(["check", dir.path, out.path])
    #expect(check.status == 0, "\(check.stdout)")
  }
}
