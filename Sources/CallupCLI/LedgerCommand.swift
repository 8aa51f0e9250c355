import ArgumentParser
import CallupDomain
import CallupLedger
import Foundation

/// `callup ledger`: the training ledger (学习培训台账), an SQLite file.
struct LedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ledger",
    abstract: "Keep the training ledger: import history, publish plans, record attendance, show who is due.",
    discussion: """
      The ledger is an SQLite file: ledger.sqlite in the scenario directory when \
      --scenario is given, else the file of --ledger. Every change is one \
      transaction: an interrupted command leaves the ledger as it was.
      """,
    subcommands: [
      LedgerImport.self, LedgerPublish.self, LedgerAttend.self, LedgerStatusCommand.self, LedgerExport.self,
    ])
}

/// `--ledger PATH` and `--scenario DIR`, shared by the ledger's subcommands.
struct LedgerLocation: ParsableArguments {
  @Option(name: .long, help: "The ledger file (default: ledger.sqlite in the --scenario directory).")
  var ledger: String?

  @Option(name: .long, help: "The scenario directory: its roster and policy, and its ledger.sqlite.")
  var scenario: String?

  /// The ledger file: --ledger, else ledger.sqlite beside scenario.yaml.
  func path(scenarioDirectory: URL? = nil) throws -> String {
    if let ledger { return ledger }
    if let dir = scenarioDirectory { return dir.appendingPathComponent("ledger.sqlite").path }
    throw ValidationError("give --ledger PATH, or --scenario DIR to use the scenario's ledger.sqlite.")
  }

  /// Loads --scenario if given (exit 65 on a defect).
  func loadScenario() throws -> Scenario? {
    guard let scenario else { return nil }
    return try loadLedgerScenario(scenario)
  }
}

/// Loads a scenario for the ledger or exits with 65 after listing every
/// defect. (The loader's notes on rules the planner does not plan are not
/// repeated: the ledger does not plan.)
func loadLedgerScenario(_ path: String) throws -> Scenario {
  do {
    return try ScenarioLoader.load(URL(fileURLWithPath: path)).scenario
  } catch {
    Console.error(error.description)
    throw CallupExit.badInput
  }
}

/// Runs a ledger operation: bad input exits 65 with every defect listed, a
/// failing database exits 1.
func withLedger<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as LedgerInputError {
    Console.error(e.description)
    throw CallupExit.badInput
  } catch let e as LedgerStoreError {
    Console.error("error: \(e)")
    throw CallupExit.failure
  }
}

struct LedgerImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a history CSV (the contract's history.csv, or an export with Chinese headers).",
    discussion: """
      Columns cadre,class,kind,theme,institution_type,start,days,hours, or 干部编号, \
      班次编号, 类别, 主题, 机构类型, 开始日期, 天数, 学时. UTF-8 with or without BOM. \
      Importing a file twice adds nothing: a training is known by cadre, start, \
      kind and class. With --scenario the scenario's roster is written to the \
      ledger first.
      """)

  @Argument(help: "The history CSV file.")
  var file: String

  @OptionGroup var location: LedgerLocation

  func validate() throws { if location.ledger == nil && location.scenario == nil { _ = try location.path() } }

  func run() throws {
    let scenario = try location.loadScenario()
    let path = try location.path(scenarioDirectory: scenario?.directory)
    let summary = try withLedger {
      let history = try HistoryFile.read(URL(fileURLWithPath: file), file: file)
      let ledger = try Ledger.open(at: path)
      return try ledger.importHistory(history, roster: scenario)
    }
    var line = "Imported \(file): \(summary.rows) rows, \(summary.added) new"
    if summary.completed > 0 { line += ", \(summary.completed) planned call-ups now attended" }
    line += ", \(summary.unchanged) already in the ledger. The ledger holds \(summary.total) trainings."
    print(line)
  }
}

struct LedgerPublish: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract: "Publish a plan: its assignments become the planned call-ups of its year.",
    discussion: """
      Publishing a year again replaces the planned call-ups of the earlier \
      publication; attended, absent and left-early trainings stay.
      """)

  @Argument(help: "The plan directory written by `callup plan` (plan.json).")
  var plan: String

  @Argument(help: "The scenario the plan was made for (its classes; its ledger.sqlite by default).")
  var scenario: String

  @Option(name: .long, help: "The ledger file (default: ledger.sqlite in the scenario directory).")
  var ledger: String?

  func run() throws {
    let s = try loadLedgerScenario(scenario)
    let path = ledger ?? (s.directory ?? URL(fileURLWithPath: scenario)).appendingPathComponent("ledger.sqlite").path
    let (planFile, summary) = try withLedger {
      let planFile = try PlanFile.read(URL(fileURLWithPath: plan))
      if !planFile.scenario.isEmpty, planFile.scenario != s.name {
        Console.error("warning: the plan was made for scenario '\(planFile.scenario)', not '\(s.name)'.")
      }
      let ledger = try Ledger.open(at: path)
      return (planFile, try ledger.publish(planFile, scenario: s, file: "\(plan)/plan.json"))
    }
    let years =
      summary.years.count == 1
      ? "\(summary.years.lowerBound)" : "\(summary.years.lowerBound)–\(summary.years.upperBound - 1)"
    var line =
      "Published plan \(planFile.scenario.isEmpty ? s.name : planFile.scenario) \(years): \(summary.assignments) call-ups, \(summary.added) planned"
    if summary.kept > 0 { line += ", \(summary.kept) already recorded" }
    if summary.replaced > 0 { line += "; replaced \(summary.replaced) planned call-ups of an earlier publication" }
    print(line + ".")
  }
}

struct LedgerAttend: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attend",
    abstract: "Record attendance: cadre,class,status[,hours] with status attended, absent or left-early.",
    discussion: """
      Attended earns the class hours; left-early the hours given (0 when empty); \
      absent none, and the cadre stays due.
      """)

  @Argument(help: "The attendance CSV file.")
  var file: String

  @OptionGroup var location: LedgerLocation

  func validate() throws { if location.ledger == nil && location.scenario == nil { _ = try location.path() } }

  func run() throws {
    let dir = location.scenario.flatMap { ScenarioDirectory.of($0) }
    let path = try location.path(scenarioDirectory: dir)
    let summary = try withLedger {
      let sheet = try AttendanceFile.read(URL(fileURLWithPath: file), file: file)
      let ledger = try Ledger.open(at: path, create: false)
      return try ledger.recordAttendance(sheet)
    }
    print(
      "Recorded \(file): \(summary.attended) attended, \(summary.absent) absent, \(summary.leftEarly) left early; \(formatHours(summary.creditedHours)) hours credited."
    )
  }
}

struct LedgerStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show who is due or overdue and the hours in the window, per cadre and per unit.",
    discussion: "Needs --scenario for the roster and the policy's rules.")

  @Option(name: .long, help: "Only this cadre.")
  var cadre: String?

  @Option(name: .long, help: "Only the cadres of this unit.")
  var unit: String?

  @Option(name: .long, help: "The year (default: the scenario's year).")
  var year: Int?

  @OptionGroup var location: LedgerLocation

  func validate() throws {
    if location.scenario == nil {
      throw ValidationError("status needs --scenario DIR: the roster and the policy's rules come from the scenario.")
    }
  }

  func run() throws {
    guard let s = try location.loadScenario() else { return }
    if let cadre, s.cadre(CadreID(cadre)) == nil {
      Console.error("error: the scenario has no cadre \(cadre).")
      throw CallupExit.badInput
    }
    if let unit, s.unit(UnitID(unit)) == nil {
      Console.error("error: the scenario has no unit \(unit).")
      throw CallupExit.badInput
    }
    let path = try location.path(scenarioDirectory: s.directory)
    let status = try withLedger {
      let ledger = try Ledger.open(at: path, create: false)
      return try ledger.status(
        scenario: s, year: year, cadre: cadre.map { CadreID($0) }, unit: unit.map { UnitID($0) })
    }
    print(status.text)
  }
}

struct LedgerExport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write the ledger's history as the contract's history.csv (attended trainings and their hours; one left early is due again and not exported)."
  )

  @Option(name: .long, help: "The file to write (default: standard output).")
  var out: String?

  @OptionGroup var location: LedgerLocation

  func validate() throws { if location.ledger == nil && location.scenario == nil { _ = try location.path() } }

  func run() throws {
    let dir = location.scenario.flatMap { ScenarioDirectory.of($0) }
    let path = try location.path(scenarioDirectory: dir)
    let text = try withLedger { try Ledger.open(at: path, create: false).historyCSV() }
    guard let out else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
    } catch {
      Console.error("error: could not write \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    let rows = text.split(separator: "\n").count - 1
    print("Exported \(rows) trainings to \(out).")
  }
}

/// The folder of a scenario given as a folder or as its scenario.yaml.
enum ScenarioDirectory {
  static func of(_ path: String) -> URL? {
    var isDirectory: ObjCBool = false
    let url = URL(fileURLWithPath: path)
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return url }
    return isDirectory.boolValue ? url : url.deletingLastPathComponent()
  }
}

/// `35`, `12.5`.
func formatHours(_ x: Double) -> String {
  x == x.rounded() ? String(Int64(x)) : String(format: "%.1f", x)
}
