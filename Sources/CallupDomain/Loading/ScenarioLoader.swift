import Foundation
import Yams

/// Reads a scenario directory as docs/contract.md describes it.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(URL(fileURLWithPath: "scenarios/demo-city"))
/// for note in loaded.warnings { print(note) }
/// ```
///
/// Every defect of every file is collected before anything is thrown, so a
/// planner fixes the whole scenario in one pass:
///
/// ```text
/// The scenario has 2 errors:
///   cadres.csv:14:4 (rank): unknown rank 'chief'; use one of provincial, bureau, county, section, staff.
///   classes.csv:3:13 (capacity): capacity 3 is smaller than min_size 5; no class could be held.
/// ```
public enum ScenarioLoader {
  /// Loads and validates the scenario in `path` (the folder holding
  /// scenario.yaml, or the path of a scenario.yaml itself).
  ///
  /// Each table may be a CSV file (UTF-8, or GB18030 as Excel saves it on
  /// Chinese Windows) or an .xlsx workbook of the same name (`cadres.xlsx`,
  /// first sheet); headers and vocabulary words may be the Chinese aliases
  /// listed in docs/excel.md.
  ///
  /// A what-if (`base:`) starts from its base scenario: a CSV present in the
  /// what-if's directory replaces the base's file whole, a missing one is
  /// inherited; settings it does not give are inherited; `policy:` replaces
  /// the base's policy and drops the base's inline rules; then its own
  /// `rules:` replace rules of the same id whole, or are added.
  ///
  /// - Throws: `InputError` listing every defect with file, line and column.
  public static func load(_ path: URL) throws(InputError) -> LoadedScenario {
    guard let rootFile = scenarioFile(at: path) else {
      throw InputError([
        InputIssue(
          SourceLocation(file: path.path),
          "no scenario here: expected a folder with a scenario.yaml, or a scenario.yaml.")
      ])
    }
    let issues = IssueLog()
    let names = PathNames(root: rootFile.deletingLastPathComponent())
    let chain = readChain(rootFile, names: names, issues: issues)
    let settings = Settings(chain)
    let root = chain[0]
    let unreadable = chain.contains(where: \.unreadable)

    // Settings that must be somewhere in the chain.
    if settings.year == nil, !unreadable {
      issues.add(
        SourceLocation(file: root.file), "scenario.yaml has no `year:`; give the first planning year (e.g. year: 2025)."
      )
    }

    // The policy, with the inline rules applied.
    var policy: Policy?
    if let p = settings.policy {
      if let filePolicy = PolicyLoader.read(p.url, file: p.file, issues: issues, checkSingletons: false) {
        policy = Policy(
          name: filePolicy.name, rules: RuleParser.merge(filePolicy.rules, with: settings.inlineRules),
          objective: filePolicy.objective, rotation: filePolicy.rotation)
      }
    } else if settings.rulesGiven {
      policy = Policy(name: settings.name ?? "inline", rules: settings.inlineRules)
    } else if !chain.contains(where: \.policyWritten), !unreadable {
      issues.add(
        SourceLocation(file: root.file),
        "the scenario has no rules: give `policy:` (a rules file such as ../../policies/default.yaml) or list rules under `rules:`."
      )
    }
    if let policy { RuleParser.checkSingletons(policy.rules, issues: issues) }

    // The tables, each from the nearest folder of the chain that has it.
    let tables = TableReader(issues: issues)
    // A table is `NAME.csv` or `NAME.xlsx` (a workbook, first sheet).
    func find(_ name: String, required: Bool) -> (url: URL, file: String)? {
      let stem = (name as NSString).deletingPathExtension
      for f in chain {
        let found = TableFile.extensions.map { f.directory.appendingPathComponent("\(stem).\($0)") }
          .filter { FileManager.default.fileExists(atPath: $0.path) }
        guard let url = found.first else { continue }
        if found.count > 1 {
          issues.add(
            SourceLocation(file: names.display(found[1])),
            "both \(found.map(\.lastPathComponent).joined(separator: " and ")) are in the folder; keep one.")
        }
        return (url, names.display(url))
      }
      if required {
        let inBase = chain.count > 1 ? " (nor in its base scenario)" : ""
        issues.add(
          SourceLocation(file: name), "\(name) is missing from the scenario folder\(inBase); the scenario needs it.")
      }
      return nil
    }
    let unitsFile = find("units.csv", required: true)
    let cadresFile = find("cadres.csv", required: true)
    let classesFile = find("classes.csv", required: true)
    let historyFile = find("history.csv", required: false)
    let capacitiesFile = find("capacities.csv", required: false)
    if let f = unitsFile { tables.readUnits(f.url, file: f.file) }
    if let f = cadresFile { tables.readCadres(f.url, file: f.file, unitsFile: unitsFile?.file ?? "units.csv") }
    if let f = classesFile { tables.readClasses(f.url, file: f.file) }
    if let f = capacitiesFile {
      let years = settings.year.map { $0...($0 + (settings.horizon ?? 1) - 1) }
      tables.readCapacities(f.url, file: f.file, years: years)
    }
    if let f = historyFile { tables.readHistory(f.url, file: f.file, cadresFile: cadresFile?.file ?? "cadres.csv") }
    let allocation = allocationSettings(settings.allocation, classes: tables.classes, issues: issues)

    guard issues.isEmpty, let policy, let year = settings.year else {
      if issues.isEmpty { issues.add(SourceLocation(file: root.file), "the scenario could not be read.") }
      throw InputError(issues.finish())
    }
    var scenario = Scenario(
      name: settings.name ?? names.root.lastPathComponent, year: year, horizon: settings.horizon ?? 1,
      period: settings.period, policy: policy,
      solver: SolverSettings(
        timeLimit: settings.timeLimit ?? 60, mipGap: settings.mipGap ?? 0.005, blockSize: settings.blockSize),
      units: tables.units, cadres: tables.cadres, classes: tables.classes, history: tables.history,
      directory: names.root)
    scenario.allocation = allocation
    var warnings = RuleParser.notPlannedWarnings(policy.rules)
    if tables.departedRows > 0, let f = historyFile {
      let n = tables.departedRows
      let lines = tables.departedLines.map(String.init).joined(separator: ", ")
      warnings.append(
        InputIssue(
          SourceLocation(file: f.file, line: tables.departedLines.first),
          "\(n) row\(n == 1 ? "" : "s") of cadres not in \(cadresFile?.file ?? "cadres.csv") (people who have left or moved away) "
            + "\(n == 1 ? "is" : "are") ignored; first line\(tables.departedLines.count == 1 ? "" : "s"): \(lines)."))
    }
    return LoadedScenario(scenario: scenario, warnings: warnings)
  }

  // MARK: Files

  /// The scenario.yaml of a folder, or the file itself.
  static func scenarioFile(at path: URL) -> URL? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else { return nil }
    if isDirectory.boolValue {
      let file = path.appendingPathComponent("scenario.yaml")
      return FileManager.default.fileExists(atPath: file.path) ? file.standardizedFileURL : nil
    }
    return path.standardizedFileURL
  }

  /// Resolves `text` (a path written in a file) against the folder of that file.
  static func resolve(_ text: String, in directory: URL) -> URL {
    text.hasPrefix("/")
      ? URL(fileURLWithPath: text).standardizedFileURL
      : directory.appendingPathComponent(text).standardizedFileURL
  }

  // MARK: scenario.yaml

  /// What one scenario.yaml says; nil for a setting it does not give.
  struct ScenarioFile {
    var directory: URL
    var file: String
    var name: String?
    var year: Int?
    var horizon: Int?
    var period: ClosedRange<Int>?
    var policy: (url: URL, file: String)?
    /// `policy:` is written (even if the file it names is missing).
    var policyWritten = false
    /// The file is not YAML (already reported): what it lacks is not reported again.
    var unreadable = false
    var rules: [Rule]?
    var timeLimit: Double?
    var mipGap: Double?
    var blockSize: Int?
    var allocation: Allocation?
    var base: (url: URL, node: Node)?

    /// `allocation:`: kinds, and class ids with where each is written.
    struct Allocation {
      var kinds: Set<ClassKind> = []
      var classes: [(id: String, location: SourceLocation)] = []
    }
  }

  static let scenarioKeys = ["name", "year", "horizon", "period", "policy", "rules", "solver", "allocation", "base"]

  /// The scenario.yaml at `url`, then its base, its base's base…
  static func readChain(_ url: URL, names: PathNames, issues: IssueLog) -> [ScenarioFile] {
    var chain: [ScenarioFile] = []
    var seen: [String] = []
    var next: URL? = url
    while let u = next {
      next = nil
      seen.append(u.resolvingSymlinksInPath().path)
      let f = readScenarioFile(u, names: names, issues: issues)
      chain.append(f)
      guard let base = f.base else { break }
      let key = base.url.resolvingSymlinksInPath().path
      if seen.contains(key) {
        let loop = (chain.map(\.file) + [names.display(base.url)]).joined(separator: " → ")
        issues.add(
          YAMLSource(file: f.file, issues: issues).location(base.node),
          "the base scenarios form a cycle (\(loop)); a scenario cannot be its own base.")
      } else {
        next = base.url
      }
    }
    return chain
  }

  static func readScenarioFile(_ url: URL, names: PathNames, issues: IssueLog) -> ScenarioFile {
    let directory = url.deletingLastPathComponent()
    var f = ScenarioFile(directory: directory, file: names.display(url))
    let s = YAMLSource(file: f.file, issues: issues)
    guard let root = YAMLSource.compose(url, file: f.file, issues: issues),
      let map = s.mapping(root, what: "scenario.yaml")
    else {
      f.unreadable = true
      return f
    }
    map.rejectUnknownKeys(scenarioKeys, in: "scenario.yaml")

    if let n = map["name"] { f.name = s.string(n, key: "name") }
    if let n = map["year"] { f.year = s.int(n, key: "year", in: 1900...9000) }
    if let n = map["horizon"], let t = s.text(n, key: "horizon") {
      if let h = Int(t), (1...5).contains(h) {
        f.horizon = h
      } else {
        s.error(n, "horizon is '\(t)'; use 1 (an annual call-up schedule) up to 5 (a five-year rotation plan).")
      }
    }
    if let n = map["period"] { f.period = period(n, source: s) }
    f.policyWritten = map.has("policy")
    if f.policyWritten, map["policy"] == nil, let key = map.entries.last(where: { $0.key == "policy" }) {
      s.error(key.keyNode, "`policy` is empty; name a rules file such as ../../policies/default.yaml.")
    }
    if let n = map["policy"], let t = s.string(n, key: "policy") {
      let u = resolve(t, in: directory)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        f.policy = (u, names.display(u))
      } else {
        s.error(n, "the policy file '\(t)' does not exist (paths are relative to the folder of scenario.yaml).")
      }
    }
    if map.has("rules") {
      f.rules = map["rules"].map { RuleParser.rules($0, source: s) } ?? []
    }
    if let n = map["solver"], let m = s.mapping(n, what: "`solver`") {
      m.rejectUnknownKeys(["time_limit", "mip_gap", "block_size"], in: "`solver`")
      if let v = m["time_limit"] { f.timeLimit = s.number(v, key: "time_limit", minimum: 0, exclusive: true) }
      if let v = m["mip_gap"] { f.mipGap = s.number(v, key: "mip_gap") }
      if let v = m["block_size"] { f.blockSize = s.int(v, key: "block_size", in: 1...10_000_000) }
    }
    if let n = map["allocation"] { f.allocation = allocation(n, source: s) }
    if let n = map["base"], let t = s.string(n, key: "base") {
      let u = resolve(t, in: directory)
      if let file = scenarioFile(at: u) {
        f.base = (file, n)
      } else {
        s.error(
          n,
          "the base scenario '\(t)' was not found (no scenario.yaml there; paths are relative to the folder of scenario.yaml)."
        )
      }
    }
    return f
  }

  /// The allocation settings, every class id checked against classes.csv.
  static func allocationSettings(
    _ a: ScenarioFile.Allocation?, classes: [TrainingClass], issues: IssueLog
  ) -> AllocationSettings {
    guard let a else { return AllocationSettings() }
    let known = Set(classes.map(\.id.rawValue))
    for (id, location) in a.classes where !known.contains(id) {
      issues.add(location, "class '\(id)' in `allocation.classes` is not in classes.csv.")
    }
    return AllocationSettings(kinds: a.kinds, classes: Set(a.classes.map { ClassID($0.id) }))
  }

  /// `allocation: { kinds: [professional], classes: [C012] }`.
  static func allocation(_ node: Node, source s: YAMLSource) -> ScenarioFile.Allocation? {
    guard let m = s.mapping(node, what: "`allocation`") else { return nil }
    m.rejectUnknownKeys(["kinds", "classes"], in: "`allocation`")
    var a = ScenarioFile.Allocation()
    if let n = m["kinds"], let k = s.words(n, key: "kinds", noun: "class kind", as: ClassKind.self) { a.kinds = k }
    if let n = m["classes"], let items = s.list(n, key: "classes") {
      for item in items { if let t = s.text(item, key: "classes") { a.classes.append((t, s.location(item))) } }
    }
    return a
  }

  /// `period: [2024, 2028]`.
  static func period(_ node: Node, source s: YAMLSource) -> ClosedRange<Int>? {
    guard case .sequence(let seq) = node, seq.count == 2 else {
      s.error(node, "`period` must be two years, first and last, such as [2024, 2028].")
      return nil
    }
    guard let a = s.int(seq[0], key: "period", in: 1900...9000), let b = s.int(seq[1], key: "period", in: 1900...9000)
    else { return nil }
    guard a <= b else {
      s.error(node, "`period` [\(a), \(b)] ends before it starts; write the first year first.")
      return nil
    }
    return a...b
  }

  /// The settings of a scenario after its chain of bases: the nearest file
  /// that gives a setting wins.
  struct Settings {
    var name: String?
    var year: Int?
    var horizon: Int?
    var period: ClosedRange<Int>?
    var policy: (url: URL, file: String)?
    var inlineRules: [Rule] = []
    var rulesGiven = false
    var timeLimit: Double?
    var mipGap: Double?
    var blockSize: Int?
    var allocation: ScenarioFile.Allocation?

    init(_ chain: [ScenarioFile]) {
      for f in chain.reversed() {
        name = f.name ?? name
        year = f.year ?? year
        horizon = f.horizon ?? horizon
        period = f.period ?? period
        timeLimit = f.timeLimit ?? timeLimit
        mipGap = f.mipGap ?? mipGap
        blockSize = f.blockSize ?? blockSize
        allocation = f.allocation ?? allocation
        if let p = f.policy {
          policy = p
          inlineRules = []
        }
        if let r = f.rules {
          inlineRules = RuleParser.merge(inlineRules, with: r)
          rulesGiven = true
        }
      }
    }
  }
}

/// A place in an input file: how messages name files, relative to the
/// scenario folder (`cadres.csv`, `../demo-city/units.csv`).
struct PathNames {
  let root: URL

  init(root: URL) { self.root = root.standardizedFileURL }

  func display(_ url: URL) -> String {
    let a = root.pathComponents
    let b = url.standardizedFileURL.pathComponents
    var k = 0
    while k < a.count, k < b.count, a[k] == b[k] { k += 1 }
    if k <= 1 { return url.standardizedFileURL.path }
    return (Array(repeating: "..", count: a.count - k) + b[k...]).joined(separator: "/")
  }
}

/// A loaded scenario and what the loader wants to tell without failing
/// (rules of types that are read but not planned, for example).
public struct LoadedScenario: Sendable {
  public var scenario: Scenario
  public var warnings: [InputIssue]
  public init(scenario: Scenario, warnings: [InputIssue] = []) {
    self.scenario = scenario
    self.warnings = warnings
  }
}
