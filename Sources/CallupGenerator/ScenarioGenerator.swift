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
  /// Multiplies the non-leading cadres of every unit and the townships per
  /// county; leadership teams keep their size. Clamped to 0.05…20.
  public let scale: Double
  /// The plan year; history runs up to it. Clamped to 1990…2090.
  public let year: Int

  /// A generator for one of the bundled presets.
  public init(preset: Preset, seed: UInt64, scale: Double = 1.0, year: Int = 2025) {
    self.init(parameters: preset.parameters, seed: seed, scale: scale, year: year)
  }

  /// A generator for custom preset parameters.
  public init(parameters: GeneratorPreset, seed: UInt64, scale: Double = 1.0, year: Int = 2025) {
    self.parameters = parameters
    self.seed = seed
    self.scale = scale.isFinite ? min(20, max(0.05, scale)) : 1.0
    self.year = min(2090, max(1990, year))
  }

  /// The scenario: units, cadres, the plan year's classes and past trainings.
  ///
  /// Its policy is a placeholder named `default` without rules; the written
  /// scenario.yaml refers to `policyPath`.
  public func generate() -> Scenario {
    let org = OrganizationBuilder(preset: parameters, seed: seed, scale: scale, year: year).build()
    let units = org.units.map(\.unit)
    var cadres = org.cadres
    let history = HistoryBuilder(preset: parameters, seed: seed, year: year).build(cadres: &cadres, units: units)
    let classes = CatalogBuilder(preset: parameters, seed: seed, year: year).build(
      cadres: cadres, units: units, history: history, countiesUsed: org.counties)
    return Scenario(
      name: parameters.name, year: year, horizon: 1, period: (year - 1)...(year + 3),
      policy: Policy(name: "default", rules: []), solver: SolverSettings(timeLimit: 60, mipGap: 0.005),
      units: units, cadres: cadres, classes: classes, history: history)
  }

  /// Generates the scenario of `preset` and writes it into `directory`
  /// (scenario.yaml referring to `../../policies/default.yaml`, and the four CSV files).
  public static func writeScenario(
    preset: Preset, seed: UInt64, scale: Double = 1.0, year: Int = 2025, to directory: URL
  ) throws {
    let scenario = ScenarioGenerator(preset: preset, seed: seed, scale: scale, year: year).generate()
    try ScenarioWriter.write(scenario, policyPath: policyPath, to: directory)
  }
}
