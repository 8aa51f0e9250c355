import ArgumentParser
import CallupDomain
import CallupLedger
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

/// `callup replan`: the year's published call-up, re-planned after changes.
struct ReplanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replan",
    abstract: "Re-plan a published call-up after changes: keep what still holds, fill freed seats, say what changed.",
    discussion: """
      Reads the year's published call-up and the attendance recorded so far \
      from the ledger (attended trainings count as history; absences leave the \
      cadre due), applies the changes file (withdraw, unavailable, cancel, \
      resize, new_classes), keeps every published call-up that still obeys \
      every hard rule, plans the rest around them and writes the new plan \
      directory with changes.csv. Prints who is added, moved and dropped, and \
      why. Publish the new plan with `callup ledger publish` when it is agreed.
      """)

  @Argument(help: "The scenario directory (or its scenario.yaml).")
  var scenario: String

  @Option(name: .long, help: "The changes file (YAML).")
  var changes: String

  @Option(name: .long, help: "The ledger file (default: ledger.sqlite in the scenario directory).")
  var ledger: String?

  @Option(name: .long, help: "The plan directory to write.")
  var out: String

  @OptionGroup var planning: PlanningOptions

  @Option(name: .long, help: "Language of report.html: zh or en.")
  var lang: String = "zh"

  @Flag(name: .long, help: "No progress on standard error.")
  var quiet = false

  func validate() throws {
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
  }

  func run() throws {
    var s = try loadScenario(scenario).scenario
    let path = ledger ?? (s.directory ?? URL(fileURLWithPath: scenario)).appendingPathComponent("ledger.sqlite").path
    guard FileManager.default.fileExists(atPath: path) else {
      Console.error("error: no ledger at \(path); publish the plan first (callup ledger publish), or give --ledger.")
      throw CallupExit.badInput
    }
    let trainings = try withLedger { try Ledger.open(at: path, create: false).trainings() }
    // The year's published call-ups: still to attend, attended (they took
    // place and stay), absent (due again). A class whose attendance is
    // recorded has been held: no one new joins it.
    let ofYear = trainings.filter { $0.source == .plan && $0.start.year == s.year && $0.classID != nil }
    let published = ofYear.map { t in
      let status: PublishedCallUp.Status =
        switch t.status {
        case .planned: .planned
        case .attended: .attended
        case .absent: .absent
        case .leftEarly: .leftEarly
        }
      return PublishedCallUp(cadre: t.cadre, klass: t.classID!, status: status)
    }
    let closed = Set(ofYear.filter { $0.status != .planned }.compactMap(\.classID))
    if !published.contains(where: { $0.status == .planned }) {
      Console.error(
        "error: the ledger \(path) has no published call-up for \(s.year) still to attend; nothing to re-plan.")
      throw CallupExit.badInput
    }
    // The ledger's attended trainings of earlier years join the scenario's
    // history (once each); this year's published ones are part of the plan.
    struct Key: Hashable {
      var cadre: CadreID
      var kind: ClassKind
      var start: Day
      var days: Int
    }
    var seen = Set(s.history.map { Key(cadre: $0.cadre, kind: $0.kind, start: $0.start, days: $0.days) })
    var history = s.history
    for t in trainings where t.status == .attended && !(t.source == .plan && t.start.year == s.year) {
      guard seen.insert(Key(cadre: t.cadre, kind: t.kind, start: t.start, days: t.days)).inserted else { continue }
      history.append(
        HistoryRecord(
          cadre: t.cadre, classID: t.classID, kind: t.kind, theme: t.theme, institutionType: t.institutionType,
          start: t.start, days: t.days, hours: t.creditedHours))
    }
    s.history = history
    s.reindex()

    let changeSet: ScenarioChanges
    do {
      changeSet = try ScenarioChanges.load(URL(fileURLWithPath: changes), file: changes)
    } catch {
      Console.error(ReplanText.errors(error, in: changes))
      throw CallupExit.badInput
    }
    let printer: ProgressPrinter? = quiet ? nil : ProgressPrinter()
    var report: (@Sendable (PlanProgress) -> Void)? = nil
    if let printer { report = { (p: PlanProgress) in printer.show(p) } }
    Interrupt.install()
    let request = planning.request(s, progress: report)
    let replan: Replan
    do {
      replan = try Replanner.replan(request, changes: changeSet, published: published, closed: closed)
    } catch let e as InputError {
      Console.error(ReplanText.errors(e, in: changes))
      throw CallupExit.badInput
    } catch {
      Console.error("error: \(error)")
      throw CallupExit.failure
    }
    printer?.finish()
    let csv = ReplanText.changesCSV(replan)
    // The scenario as re-planned, so that `callup check OUT/scenario OUT`
    // checks the new plan against the changes and the ledger's history.
    let base = (s.directory ?? URL(fileURLWithPath: scenario)).standardizedFileURL.path
    let r = replan.scenario
    let files: [(name: String, data: Data)] = [
      ("changes.csv", Data(csv.utf8)),
      ("scenario/scenario.yaml", Data("name: \(r.name)\nbase: \(base)\n".utf8)),
      ("scenario/cadres.csv", Data(ScenarioWriter.cadresCSV(r.cadres).utf8)),
      ("scenario/classes.csv", Data(ScenarioWriter.classesCSV(r.classes).utf8)),
      ("scenario/history.csv", Data(ScenarioWriter.historyCSV(r.history).utf8)),
    ]
    do {
      try PlanWriter.write(
        replan.plan, to: URL(fileURLWithPath: out), language: ReportLanguage(rawValue: lang) ?? .chinese,
        extraFiles: files)
    } catch {
      Console.error("error: could not write the plan to \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    print(ReplanText.summary(replan, directory: out))
    if replan.plan.status == .infeasible { throw CallupExit.conflicts }
  }
}

/// What `replan` prints and writes.
enum ReplanText {
  static let shown = 40

  static func summary(_ r: Replan, directory: String) -> String {
    let s = r.plan.scenario
    var lines = [
      "Replan \(s.name) \(r.plan.year): kept \(r.kept) of \(r.published) published call-ups; \(r.count(.added)) added, \(r.count(.moved)) moved, \(r.count(.dropped)) dropped"
    ]
    var names = [CadreID: String]()
    for c in s.cadres { names[c.id] = c.name }
    for c in r.changes.prefix(shown) {
      let who = "\(c.cadre) \(names[c.cadre] ?? "")"
      switch c.kind {
      case .added: lines.append("  + \(who) → \(c.to!.rawValue): \(c.reason)")
      case .moved: lines.append("  ~ \(who) \(c.from!.rawValue) → \(c.to!.rawValue): \(c.reason)")
      case .dropped: lines.append("  - \(who) \(c.from!.rawValue): \(c.reason)")
      }
    }
    if r.changes.count > shown { lines.append("  … \(r.changes.count - shown) more in \(directory)/changes.csv") }
    lines.append(Summary.text(r.plan, directory: directory))
    lines.append("Changes: \(directory)/changes.csv · the scenario re-planned: \(directory)/scenario")
    return lines.joined(separator: "\n")
  }

  /// The defects of a changes file, each with its line and column.
  static func errors(_ e: InputError, in file: String) -> String {
    let head = "\(file) has \(e.issues.count) error\(e.issues.count == 1 ? "" : "s"):"
    return ([head] + e.issues.map { "  \($0)" }).joined(separator: "\n")
  }

  /// `cadre,name,unit,change,from,to,reason`.
  static func changesCSV(_ r: Replan) -> String {
    let s = r.plan.scenario
    var byID = [CadreID: Cadre]()
    for c in s.cadres { byID[c.id] = c }
    var csv = CSVText(header: ["cadre", "name", "unit", "change", "from", "to", "reason"])
    for c in r.changes {
      let cadre = byID[c.cadre]
      csv.append([
        c.cadre.rawValue, cadre?.name ?? "", cadre?.unit.rawValue ?? "", c.kind.rawValue, c.from?.rawValue ?? "",
        c.to?.rawValue ?? "", c.reason,
      ])
    }
    return csv.text
  }
}
