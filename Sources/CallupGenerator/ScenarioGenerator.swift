import CallupDomain
import Foundation

/// Generates a synthetic scenario, deterministically: the same preset, seed,
/// scale and year always give the same scenario, byte for byte once written.
///
/// ```swift
/// let scenario = ScenarioGenerator(preset: .city, seed: 2025).generate()
/// try ScenarioGenerator.writeScenario(preset: .city, seed: 2025, to: URL(fileURLWithPath: "scenarios/demo-city"))
/// ```
///
/// All randomness comes from `Xoshiro256` streams named after the step that
/// draws them (organization, people, history, catalogue…), and nothing is
/// read from a dictionary's iteration order.
public struct ScenarioGenerator: Sendable {
  /// The policy file generated scenarios refer to, relative to their directory.
  public static let policyPath = "../../policies/default.yaml"

  public let parameters: GeneratorPreset
  public let seed: UInt64
  /// The size against the preset's full size. For the city preset it
  /// multiplies the non-leading cadres of every unit and the townships per
  /// county (leadership teams keep their size), clamped to 0.05…20. For the
  /// regional presets (big city, province) it shrinks cadres, units and
  /// classes proportionally by leaving out whole prefectures, counties and
  /// departments (clamped to 0.001…20; above 1 the staff of each unit grows).
  public let scale: Double
  /// The plan year; history runs up to it. Clamped to 1990…2090.
  public let year: Int
  /// Years planned (1 = the annual call-up; 2–5 = a rotation plan, with the
  /// year's catalogue repeated, same dates, in each later year). The
  /// preset's own by default (5 for `sichuan-2019`, 1 for the others).
  public var horizon: Int
  /// Years of the horizon with a class calendar (nil: all). The later
  /// years' catalogues are written as yearly seat capacities per kind and
  /// institution (capacities.csv), as before a calendar is published.
  public var calendarYears: Int? = nil

  /// A generator for one of the bundled presets; `year` nil for the
  /// preset's own plan year (2025, or 2023 and 2019 for the Sichuan presets).
  public init(preset: Preset, seed: UInt64, scale: Double = 1.0, year: Int? = nil) {
    self.init(parameters: preset.parameters, seed: seed, scale: scale, year: year)
  }

  /// A generator for custom preset parameters; `year` nil for the preset's own.
  public init(parameters: GeneratorPreset, seed: UInt64, scale: Double = 1.0, year: Int? = nil) {
    self.parameters = parameters
    self.seed = seed
    let smallest = parameters.layout == nil ? 0.05 : 0.001
    self.scale = scale.isFinite ? min(20, max(smallest, scale)) : 1.0
    self.year = min(2090, max(1990, year ?? parameters.defaults.year))
    self.horizon = parameters.defaults.horizon
  }

  /// The five-year period hours rules count in: the preset's (2019–2023
  /// for the Sichuan presets) when it holds the planned years, else the
  /// year before the plan year to three after; City X's is the plan year
  /// and the four after.
  public var period: ClosedRange<Int> {
    if parameters.isCityX { return CityXScenario.period(year: year) }
    return parameters.defaults.period(year: year, horizon: horizon)
  }

  /// The scenario: units, cadres, the plan year's classes and past trainings.
  ///
  /// Its policy is a placeholder named `default` without rules; the written
  /// scenario.yaml refers to `policyPath`.
  public func generate() -> Scenario {
    if parameters.isCityX {
      var (s, capacities) = CityXScenario.build(self)
      s.classes += YearlyCapacity.provisionalClasses(capacities)
      return s
    }
    if let layout = parameters.layout {
      var s = RegionalScenario.generate(self, layout: layout)
      s.horizon = horizon
      s.period = period
      let c = catalogue(s.classes)
      s.classes = c.classes + YearlyCapacity.provisionalClasses(c.capacities)
      return s.scenario()
    }
    var (s, capacities) = cityScenario()
    s.classes += YearlyCapacity.provisionalClasses(capacities)
    return s
  }

  /// The city preset's scenario with the classes of the years with a
  /// calendar, and the later years' capacities.
  func cityScenario() -> (scenario: Scenario, capacities: [YearlyCapacity]) {
    let org = OrganizationBuilder(preset: parameters, seed: seed, scale: scale, year: year).build()
    let units = org.units.map(\.unit)
    var cadres = org.cadres
    let history = HistoryBuilder(preset: parameters, seed: seed, year: year).build(cadres: &cadres, units: units)
    let c = catalogue(
      CatalogBuilder(preset: parameters, seed: seed, year: year).build(
        cadres: cadres, units: units, history: history, countiesUsed: org.counties))
    let s = Scenario(
      name: parameters.name, year: year, horizon: horizon, period: period,
      policy: Policy(name: "default", rules: []), solver: SolverSettings(timeLimit: 60, mipGap: 0.005),
      units: units, cadres: cadres, classes: c.classes, history: history)
    return (s, c.capacities)
  }

  /// The year's catalogue over the horizon (`repeated`): the classes of the
  /// years with a calendar, and the later years' classes summed up as
  /// yearly capacities (see `calendarYears`).
  func catalogue(_ firstYear: [TrainingClass]) -> (classes: [TrainingClass], capacities: [YearlyCapacity]) {
    let classes = ScenarioGenerator.repeated(firstYear, year: year, horizon: horizon)
    guard let n = calendarYears, n < horizon else { return (classes, []) }
    let last = year + max(1, n) - 1
    return (classes.filter { $0.year <= last }, YearlyCapacity.summarize(classes.filter { $0.year > last }))
  }

  /// The year's catalogue and the same classes in each later year of the
  /// horizon: same month and day (28 February for 29 February), ids and
  /// names with the year (`C001-2026`, `2026年…`).
  public static func repeated(_ classes: [TrainingClass], year: Int, horizon: Int) -> [TrainingClass] {
    var out = classes
    for y in (year + 1)..<max(year + 1, year + horizon) {
      for c in classes {
        var k = c
        let d = c.start.components
        k.start = Day(year: y, month: d.month, day: d.day) ?? Day(year: y, month: d.month, day: 28)!
        k.id = ClassID("\(c.id.rawValue)-\(y)")
        k.name = c.name.replacingOccurrences(of: "\(year)年", with: "\(y)年")
        out.append(k)
      }
    }
    return out
  }

  /// Writes capacities.csv when there are capacities.
  func writeCapacities(_ capacities: [YearlyCapacity], to directory: URL) throws {
    guard !capacities.isEmpty else { return }
    try CSVStream.write(to: directory.appendingPathComponent("capacities.csv")) {
      $0.string(ScenarioWriter.capacitiesCSV(capacities))
    }
  }

  /// Generates the scenario of `preset` and writes it into `directory`
  /// (scenario.yaml referring to the preset's policy, and the four CSV
  /// files); `year` and `horizon` nil for the preset's own.
  public static func writeScenario(
    preset: Preset, seed: UInt64, scale: Double = 1.0, year: Int? = nil, horizon: Int? = nil, to directory: URL
  ) throws {
    var g = ScenarioGenerator(preset: preset, seed: seed, scale: scale, year: year)
    if let horizon { g.horizon = horizon }
    _ = try g.write(to: directory)
  }

  /// Generates the scenario and writes it into `directory` (created if
  /// missing): scenario.yaml with `policy: policyPath` (relative to the
  /// directory; nil for the preset's, `../../policies/default.yaml` but for
  /// the Sichuan presets and City X) and the four CSV files, each written
  /// to a temporary file and renamed into place.
  ///
  /// A regional preset is written row by row from its compact form, without
  /// building the domain values, so a province of a million cadres needs a
  /// few hundred megabytes; the bytes are those `ScenarioWriter` would write.
  ///
  /// - Returns: what was written and how long it took.
  /// - Throws: the file system's error when a file cannot be written.
  public func write(to directory: URL, policyPath: String? = nil) throws -> GenerationSummary {
    let clock = ContinuousClock()
    let started = clock.now
    let policyPath = policyPath ?? parameters.defaults.policyPath
    var summary: GenerationSummary
    if parameters.isCityX {
      let (s, capacities) = CityXScenario.build(self)
      try ScenarioWriter.write(s, policyPath: policyPath, rules: CityXScenario.comment, to: directory)
      try writeCapacities(capacities, to: directory)
      summary = GenerationSummary(
        name: parameters.name, seed: seed, scale: scale, year: year, units: s.units.count, cadres: s.cadres.count,
        classes: s.classes.count, historyRows: s.history.count, seconds: 0)
    } else if let layout = parameters.layout {
      var s = RegionalScenario.generate(self, layout: layout)
      s.horizon = horizon
      s.period = period
      let c = catalogue(s.classes)
      s.classes = c.classes
      let rules = targetRules(cadres: s.org.cadres.indices.lazy.map(s.cadre), classes: s.classes)
      try s.write(policyPath: policyPath, rules: rules, to: directory)
      try writeCapacities(c.capacities, to: directory)
      summary = GenerationSummary(
        name: parameters.name, seed: seed, scale: scale, year: year, units: s.org.units.count,
        cadres: s.org.cadres.count, classes: s.classes.count, historyRows: s.history.count, seconds: 0)
    } else {
      let (s, capacities) = cityScenario()
      try ScenarioWriter.write(s, policyPath: policyPath, rules: targetRules(s), to: directory)
      try writeCapacities(capacities, to: directory)
      summary = GenerationSummary(
        name: parameters.name, seed: seed, scale: scale, year: year, units: s.units.count, cadres: s.cadres.count,
        classes: s.classes.count, historyRows: s.history.count, seconds: 0)
    }
    summary.seconds = started.duration(to: clock.now).inSeconds
    return summary
  }
}

extension ScenarioGenerator {
  /// The `rules:` block scenario.yaml ends with (`ScenarioTargets`): a
  /// province's programme quotas at its scale (nothing at scale 1), a city's own.
  public func targetRules(_ s: Scenario) -> String {
    targetRules(cadres: s.cadres, classes: s.classes)
  }

  func targetRules(cadres: some Collection<Cadre>, classes: [TrainingClass]) -> String {
    if parameters.layout?.provinceOrgans != nil {
      let d = parameters.defaults
      return ScenarioTargets.provinceRules(
        scale: scale, year: year, cadres: cadres, policy: d.policyName, figures: d.provinceFigures)
    }
    return ScenarioTargets.cityRules(cadres: Array(cadres), classes: classes, year: year)
  }
}

/// What `ScenarioGenerator.write` wrote.
public struct GenerationSummary: Sendable, Equatable {
  /// The scenario's name.
  public var name: String
  /// The seed, scale (after clamping) and plan year generated with.
  public var seed: UInt64
  public var scale: Double
  public var year: Int
  /// Rows of units.csv, cadres.csv and classes.csv.
  public var units: Int
  public var cadres: Int
  public var classes: Int
  /// Rows of history.csv.
  public var historyRows: Int
  /// Wall-clock seconds for generating and writing.
  public var seconds: Double

  /// One line for a terminal, e.g. `Generated province (seed 1, scale 0.1,
  /// year 2025): 4,212 units, 93,480 cadres, 203 classes, 371,224 history
  /// rows in 1.9 s.`
  public var line: String {
    let scaleText = scale == scale.rounded() ? String(format: "%.1f", scale) : String(scale)
    return "Generated \(name) (seed \(seed), scale \(scaleText), year \(year)): \(grouped(units)) units, "
      + "\(grouped(cadres)) cadres, \(grouped(classes)) classes, \(grouped(historyRows)) history rows in "
      + String(format: "%.1f s.", seconds)
  }

  /// `933120` as `933,120`.
  func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return out
  }
}
