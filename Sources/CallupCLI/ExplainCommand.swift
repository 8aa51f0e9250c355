import ArgumentParser
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain why a cadre is in a class or was not called up, or why a target is short or over.",
    discussion: """
      callup explain SCENARIO PLAN_DIR --cadre ID reads the plan directory against the \
      scenario it was planned from. For each class the cadre attends: which obligations \
      it meets, which rule, and that the class admits the cadre. For each due obligation \
      left unmet: every class of the year that would count, and why each was not used \
      (eligibility, unavailable, duplicate with what, class not held, full, the unit's \
      release limit on which day and who was away, or cost).

      callup explain SCENARIO PLAN_DIR --target RULE[:NAME] explains a target of the \
      policy (a quota programme, a group of a group-share rule, a class-count rule; \
      NAME is the programme or group, `seats` for a class-count rule's seats; without \
      it, every target of the rule): its range and planned figure; the classes of the \
      year it counts, how full they are, how many seats its cadres have and who else \
      took the others, by rule and rank; how many of its cadres could attend at all and \
      how many are trained by history; and a conclusion: what is missing, and which \
      classes or seats would make room for it.

      A plan directory written by `callup whatif` records its scenario, so there the \
      scenario may be left out.
      """)

  @Argument(help: "[SCENARIO] PLAN_DIR: the scenario (optional for what-if plans) and the plan directory.")
  var paths: [String]

  @Option(name: .long, help: "The cadre's id (repeat for several cadres).")
  var cadre: [String] = []

  @Option(
    name: .long,
    help:
      "A target: RULE, or RULE:NAME for one programme or group (`seats` for a class-count rule's seats); repeat for several."
  )
  var target: [String] = []

  @Option(name: .long, help: "Language: zh or en.")
  var lang: String = "zh"

  @Option(name: .long, help: "For a rotation plan: the year to explain (default: its first year).")
  var year: Int?

  func validate() throws {
    if paths.isEmpty || paths.count > 2 {
      throw ValidationError(
        "Give the plan directory, and before it the scenario: callup explain SCENARIO PLAN_DIR --cadre ID.")
    }
    if cadre.isEmpty && target.isEmpty {
      throw ValidationError("Name what to explain: a cadre with --cadre ID, or a target with --target RULE[:NAME].")
    }
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
  }

  func run() throws {
    let language = ReportLanguage(rawValue: lang) ?? .chinese
    let planDir = URL(fileURLWithPath: paths[paths.count - 1])
    let record: PlanRecord
    do {
      record = try PlanRecord.read(planDir)
    } catch {
      Console.error("error: \(error.description)")
      throw CallupExit.badInput
    }
    let scenario: Scenario
    if paths.count == 2 {
      scenario = try loadScenario(paths[0]).scenario
      if FileManager.default.fileExists(atPath: planDir.appendingPathComponent("whatif.json").path) {
        Console.error(
          "warning: \(planDir.path) was planned from a what-if variant (whatif.json); it is explained against \(paths[0]) as given. Leave the scenario out to use the variant."
        )
      }
    } else {
      let source = planDir.appendingPathComponent("whatif.json")
      guard FileManager.default.fileExists(atPath: source.path) else {
        Console.error(
          "error: \(planDir.path) does not record the scenario it was planned from; give it: callup explain SCENARIO \(paths[0]) \(cadre.first.map { "--cadre \($0)" } ?? "--target \(target[0])")"
        )
        throw CallupExit.usage
      }
      do {
        let (base, variant) = try WhatIf.readSource(source)
        scenario = variant.apply(to: try loadScenario(base.path).scenario)
      } catch let e as WhatIfError {
        Console.error("error: \(e.description)")
        throw CallupExit.badInput
      }
    }
    // A rotation plan is explained one year at a time, earlier years'
    // call-ups counting as attended.
    let first = record.year ?? scenario.year
    let years = Set(record.assignments.compactMap { a in scenario.trainingClass(ClassID(a.klass))?.year })
    if let y = year, y != first, !years.contains(y) {
      Console.error(
        "error: the plan has no call-ups in \(y); its years: \(years.sorted().map(String.init).joined(separator: ", "))."
      )
      throw CallupExit.badInput
    }
    let state: PlanState
    do {
      if years.count > 1 || (year.map { $0 != first } ?? false) {
        state = try PlanState.year(year ?? first, of: scenario, record: record)
      } else {
        state = try PlanState(scenario: scenario, record: record)
      }
    } catch {
      Console.error("error: \(error.description)")
      throw CallupExit.badInput
    }
    let explainer = Explainer(state: state)
    var texts: [String] = []
    for id in cadre {
      guard let ci = scenario.cadreIndex[CadreID(id)] else {
        Console.error("error: scenario \(scenario.name) has no cadre '\(id)'.")
        throw CallupExit.badInput
      }
      texts.append(explainer.text(explainer.explain(cadre: ci), language: language))
    }
    texts += try targetTexts(explainer, language: language)
    print(texts.joined(separator: "\n"), terminator: "")
  }

  /// The explanations of the `--target`s, in the order given; exit 65 for a
  /// target the plan's year does not have, naming those it has.
  func targetTexts(_ explainer: Explainer, language: ReportLanguage) throws -> [String] {
    guard !target.isEmpty else { return [] }
    let figures = explainer.targetFigures()
    var texts: [String] = []
    for spec in target {
      let found = explainer.targets(named: spec, in: figures)
      guard !found.isEmpty else {
        let known = figures.map { f -> String in
          let name = f.target.name
          return name.isEmpty ? f.target.rule.id.rawValue : "\(f.target.rule.id.rawValue):\(name)"
        }
        Console.error(
          "error: the plan of \(explainer.state.year) has no target '\(spec)'; "
            + (known.isEmpty
              ? "the policy has no quota, group-share or class-count rule."
              : "its targets: \(known.joined(separator: ", ")).")
        )
        throw CallupExit.badInput
      }
      for f in found { texts.append(explainer.text(explainer.explain(target: f), language: language)) }
    }
    return texts
  }
}
