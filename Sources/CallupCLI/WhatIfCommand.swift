import ArgumentParser
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

struct WhatIfCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract: "Plan every combination of varied parameters, in parallel, and compare them.",
    discussion: """
      Each --vary PARAMETER=V1,V2,… adds a dimension; every combination is planned (one \
      GLPK problem per thread) and written to its own plan directory under --out, named \
      after its values (capacity-0.8_max_away-1), with a whatif.json that records how it \
      was made. summary.csv and summary.html hold the key figures side by side (the \
      targets met, short and over among them), which are also printed with each target's \
      planned figure and status per variant; summary-targets.csv has a row per variant and \
      target. The first --vary varies slowest.

      Parameters: classes.capacity (a multiplier, rounded down, never below the class's \
      min_size), classes.fixed_cost and classes.cost_per_seat (multipliers), \
      release.max_away and release.max_away_share (the policy's defaults; units with their \
      own keep them), objective.obligation, objective.overdue_year, objective.unit_share, \
      solver.time_limit, solver.mip_gap.
      """)

  @Argument(help: "The base scenario directory (or its scenario.yaml).")
  var base: String

  @Option(name: .long, help: "PARAMETER=V1,V2,… (repeat to vary several parameters).")
  var vary: [String] = []

  @Option(name: .long, help: "The directory to write the variants and the summary into.")
  var out: String

  @OptionGroup var planning: PlanningOptions

  @Option(
    name: .long,
    help:
      "A plan of the base scenario (its directory): each variant keeps that plan's call-ups that still hold under its change and plans only the rest, as a re-plan does, and lists what moved in changes.csv."
  )
  var against: String?

  @Option(
    name: .long, help: "Plans solved at once (default: the number of processors; 1 for a scenario planned in blocks).")
  var threads: Int?

  @Option(name: .long, help: "Language of the reports and the summary: zh or en.")
  var lang: String = "zh"

  @Flag(name: .long, help: "No progress on standard error.")
  var quiet = false

  func variations() throws -> [Variation] {
    var out: [Variation] = []
    for v in vary {
      do { out.append(try Variation.parse(v)) } catch { throw ValidationError(error.description) }
    }
    return out
  }

  func validate() throws {
    if vary.isEmpty {
      throw ValidationError("Give at least one --vary PARAMETER=V1,V2,… such as --vary classes.capacity=0.8,1.0,1.2.")
    }
    do { _ = try WhatIf.variants(try variations()) } catch let e as WhatIfError { throw ValidationError(e.description) }
    if let n = threads, n < 1 { throw ValidationError("--threads must be at least 1.") }
    if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en.") }
  }

  func run() throws {
    let language = ReportLanguage(rawValue: lang) ?? .chinese
    let baseScenario = try loadScenario(base).scenario
    let variants = try WhatIf.variants(try variations())
    let baseURL = URL(fileURLWithPath: base).standardizedFileURL
    let outURL = URL(fileURLWithPath: out)
    let published = try againstPlan(baseScenario)
    let total = variants.count
    let planning = planning
    let quiet = quiet
    let done = Counter()
    Interrupt.install()
    // A scenario planned in blocks uses every core and gigabytes per plan:
    // its variants are planned one after another.
    let large = Planning.usesBlocks(planning.request(baseScenario))
    let workers = threads ?? (large ? 1 : ProcessInfo.processInfo.activeProcessorCount)
    if !quiet {
      Console.error("planning \(total) variants of \(baseScenario.name) on \(workers) thread\(workers == 1 ? "" : "s")")
    }
    let outcomes: [String?] = WhatIf.parallelMap(count: total, threads: workers) { i in
      let variant = variants[i]
      let s = variant.apply(to: baseScenario)
      let request = planning.request(s)
      let dir = outURL.appendingPathComponent(variant.name)
      do {
        let (plan, files) = try Self.planVariant(request, against: published)
        try PlanWriter.write(
          plan, to: dir, language: language,
          extraFiles: files + [("whatif.json", Data(WhatIf.sourceJSON(base: baseURL, variant: variant).utf8))])
        if !quiet {
          let k = plan.kpis
          let met = plan.targets.filter { $0.status == .met }.count
          let targets = plan.targets.isEmpty ? "" : ", targets met \(met) of \(plan.targets.count)"
          Console.error(
            "[\(done.increment())/\(total)] \(variant.name): \(plan.status.rawValue), met \(k.met) of \(k.due)\(targets), cost \(String(format: "%.0f", k.cost)), \(String(format: "%.1f", plan.seconds)) s"
          )
        }
        return nil
      } catch {
        let message = "\(variant.name): \(error)"
        if !quiet { Console.error("[\(done.increment())/\(total)] \(message)") }
        return message
      }
    }
    let failed = outcomes.compactMap { $0 }
    let written = variants.indices.filter { outcomes[$0] == nil }
    var records: [PlanRecord] = []
    for i in written {
      do {
        records.append(try PlanRecord.read(outURL.appendingPathComponent(variants[i].name)))
      } catch {
        Console.error("error: \(error.description)")
        throw CallupExit.failure
      }
    }
    let parameters =
      variants.first?.settings.indices.map { j in
        (variants[0].settings[j].parameter.rawValue, written.map { variants[$0].settings[j].value })
      } ?? []
    // summary.csv names the columns by directory; the table and summary.html by their values
    // (0.8/1), which the parameter rows explain, with links to each variant's report.
    let comparison = PlanComparison(plans: records, labels: written.map { variants[$0].name }, parameters: parameters)
    let compact = PlanComparison(
      plans: records, labels: written.map { variants[$0].settings.map(\.value).joined(separator: "/") },
      parameters: parameters)
    do {
      var w = AtomicDirectoryWriter(directory: outURL)
      w.add("summary.csv", comparison.csv())
      // Two variants: who moved between them, as `compare` lists it.
      if let u = comparison.unitsCSV() { w.add("summary-units.csv", u) }
      if let c = comparison.cadresCSV() { w.add("summary-cadres.csv", c) }
      // Each variant's targets, a row per variant and target.
      if let t = comparison.targetsLongCSV(first: "variant") { w.add("summary-targets.csv", t) }
      w.add(
        "summary.html",
        compact.html(
          language: language, title: language.pick("调训计划情景比较：", "What-if: ") + baseScenario.name,
          links: written.map { "\(variants[$0].name)/report.html" }, name: "summary"))
      try w.commit()
    } catch {
      Console.error("error: could not write the summary to \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    print(compact.text(language: language, name: "summary"), terminator: "")
    print("\n" + language.pick("情景计划（\(written.count) 个）：", "Variants (\(written.count)):"))
    var list = TextTable(header: [])
    list.rows = written.map {
      [variants[$0].settings.map(\.value).joined(separator: "/"), "\(out)/\(variants[$0].name)"]
    }
    print(list.rendered(indent: "  "), terminator: "")
    let targets = comparison.targetsLongCSV(first: "variant") == nil ? "" : " · \(out)/summary-targets.csv"
    print(language.pick("汇总：", "Summary: ") + "\(out)/summary.csv · \(out)/summary.html" + targets)
    if !failed.isEmpty {
      for f in failed { Console.error("error: \(f)") }
      throw CallupExit.failure
    }
  }
}

extension WhatIfCommand {
  /// The call-ups of the `--against` plan, for an annual scenario; nil
  /// without `--against`.
  func againstPlan(_ s: Scenario) throws -> [PublishedCallUp]? {
    guard let against else { return nil }
    guard s.horizon == 1 else {
      Console.error(
        "error: --against plans each variant around an annual plan; \(s.name) has a horizon of \(s.horizon) years.")
      throw CallupExit.usage
    }
    do {
      let record = try PlanRecord.read(URL(fileURLWithPath: against))
      return record.assignments.map { PublishedCallUp(cadre: CadreID($0.cadre), klass: ClassID($0.klass)) }
    } catch {
      Console.error("error: \(error)")
      throw CallupExit.badInput
    }
  }

  /// A variant's plan: planned whole, or around the `--against` plan's
  /// call-ups that still hold (`Replanner`), with changes.csv.
  static func planVariant(
    _ request: PlanRequest, against published: [PublishedCallUp]?
  ) throws -> (Plan, [(name: String, data: Data)]) {
    guard let published else { return (try Planning.plan(request), []) }
    let r = try Replanner.replan(request, changes: ScenarioChanges(file: "whatif"), published: published)
    return (r.plan, [("changes.csv", Data(ReplanText.changesCSV(r).utf8))])
  }
}

/// A counter shared by worker threads.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
