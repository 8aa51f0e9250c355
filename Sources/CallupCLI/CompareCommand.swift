import ArgumentParser
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare plan directories: key figures side by side; for two plans, who changed.",
    discussion: """
      Reads each directory's plan.json (and rosters.csv for names and units), so any plan \
      works, also one edited by hand. Prints the key figures (due, met, overdue met, \
      unit-share shortfalls, targets met, short and over, classes held, fill rate, cost, \
      peak unit absence, gap) side by side, then each target (rule, name, year) with its \
      planned figure and status in each plan — for two plans the change; with exactly \
      two plans, also call-ups per unit and the cadres added, dropped or moved between \
      classes. With --out, writes compare.csv and compare.html (and, for two plans, \
      compare-units.csv and compare-cadres.csv; with targets, compare-targets.csv).
      """)

  @Argument(help: "Plan directories written by `callup plan` (or `callup whatif`).")
  var plans: [String]

  @Option(name: .long, help: "Directory to write compare.csv and compare.html into.")
  var out: String?

  @Option(name: .long, help: "Language of the table and compare.html: zh or en.")
  var lang: String = "zh"

  func validate() throws {
    if plans.isEmpty { throw ValidationError("Give one or more plan directories to compare.") }
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
  }

  func run() throws {
    let language = ReportLanguage(rawValue: lang) ?? .chinese
    var records: [PlanRecord] = []
    for p in plans {
      do {
        records.append(try PlanRecord.read(URL(fileURLWithPath: p)))
      } catch {
        Console.error("error: \(error.description)")
        throw CallupExit.badInput
      }
    }
    let comparison = PlanComparison(plans: records)
    print(comparison.text(language: language), terminator: "")
    if let out {
      do {
        try comparison.write(to: URL(fileURLWithPath: out), language: language)
      } catch {
        Console.error("error: could not write to \(out): \(error.localizedDescription)")
        throw CallupExit.failure
      }
      var files = ["compare.csv", "compare.html"]
      if records.count == 2 { files += ["compare-units.csv", "compare-cadres.csv"] }
      if comparison.targetsCSV() != nil { files.append("compare-targets.csv") }
      print("\n" + language.pick("已写入：", "Written: ") + files.map { "\(out)/\($0)" }.joined(separator: " · "))
    }
  }
}
