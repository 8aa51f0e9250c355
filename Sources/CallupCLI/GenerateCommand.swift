import ArgumentParser
import CallupGenerator
import Foundation

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic scenario: a city, a big city or a whole province.",
    discussion: """
      The same preset, seed, scale and year always give the same files, byte for \
      byte. city: one prefecture of about 2,000 cadres (--scale multiplies the \
      staff of each unit). big-city: about 20,000 cadres in 12 counties, 300 \
      classes. province: a Sichuan-like province of 21 regions and 183 counties, \
      about 933,000 cadres and 2,000 classes (--scale 0.1 gives about a tenth of \
      each). sichuan-2023: the province in 2023 (year 2023, \
      policies/sichuan-2023.yaml): about 980,000 cadres and 23,000 classes, \
      21,000 of them at the county party schools. sichuan-2019: the five-year \
      plan of 2019-2023 (year 2019, horizon 5, policies/sichuan-2019-2023.yaml). \
      city-x: City X of seed 004, about 2,400 cadres and the classes its \
      programme holds in each of its five years (year 2025, horizon 5, \
      policies/city-x.yaml; scenarios/city-x is --seed 4). The summary goes to \
      standard output.
      """)

  @Option(name: .long, help: "city, big-city, province, sichuan-2023, sichuan-2019 or city-x.")
  var preset: String

  @Option(name: .long, help: "The seed of every random draw.")
  var seed: UInt64

  @Option(name: .long, help: "Size against the preset's full size (0 < scale ≤ 20).")
  var scale: Double = 1.0

  @Option(
    name: .long,
    help: "The plan year (1990–2090); history runs up to it (default: the preset's, 2025, 2023 or 2019).")
  var year: Int?

  @Option(
    name: .long,
    help:
      "Years planned: 1, or 2–5 for a rotation plan (the catalogue repeated each year; default: the preset's, 5 for sichuan-2019, else 1)."
  )
  var horizon: Int?

  @Option(
    name: .long,
    help:
      "Years of the horizon with a class calendar (default: all); later years get yearly seat capacities (capacities.csv)."
  )
  var calendarYears: Int?

  @Option(name: .long, help: "The scenario directory to write.")
  var out: String

  @Option(
    name: .long,
    help:
      "The policy file scenario.yaml refers to, relative to --out (default: the preset's, ../../policies/default.yaml, ../../policies/sichuan-*.yaml or ../../policies/city-x.yaml)."
  )
  var policy: String?

  /// The horizon: the option's, else the preset's.
  var plannedHorizon: Int { horizon ?? Preset(rawValue: preset)?.parameters.defaults.horizon ?? 1 }

  func validate() throws {
    if Preset(rawValue: preset) == nil {
      throw ValidationError(
        "--preset must be one of \(Preset.allCases.map(\.rawValue).joined(separator: ", ")), not '\(preset)'.")
    }
    if !(scale.isFinite && scale > 0 && scale <= 20) {
      throw ValidationError("--scale must be a number above 0 and at most 20.")
    }
    if let year, !(1990...2090).contains(year) { throw ValidationError("--year must be between 1990 and 2090.") }
    if policy?.isEmpty == true { throw ValidationError("--policy must not be empty.") }
    if !(1...5).contains(plannedHorizon) { throw ValidationError("--horizon must be between 1 and 5.") }
    if let n = calendarYears, !(1...plannedHorizon).contains(n) {
      throw ValidationError("--calendar-years must be between 1 and the horizon (\(plannedHorizon)).")
    }
  }

  func run() throws {
    guard let preset = Preset(rawValue: preset) else { throw CallupExit.usage }
    let directory = URL(fileURLWithPath: out)
    let policy = self.policy ?? preset.parameters.defaults.policyPath
    let summary: GenerationSummary
    do {
      var generator = ScenarioGenerator(preset: preset, seed: seed, scale: scale, year: year)
      generator.horizon = plannedHorizon
      generator.calendarYears = calendarYears
      summary = try generator.write(to: directory, policyPath: policy)
    } catch {
      Console.error("error: could not write the scenario to \(out): \(error.localizedDescription)")
      throw CallupExit.failure
    }
    let policyURL = policy.hasPrefix("/") ? URL(fileURLWithPath: policy) : directory.appendingPathComponent(policy)
    if !FileManager.default.fileExists(atPath: policyURL.path) {
      Console.error(
        "warning: scenario.yaml refers to the policy \(policy), which does not exist relative to \(out); pass --policy."
      )
    }
    print(summary.line)
  }
}
