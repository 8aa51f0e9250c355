import Foundation
import Testing

@Suite("callup generate: exit codes and summary", .serialized)
struct GenerateCommandTests {
  @Test func writesAScenarioAndPrintsOneLine() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("province")
    let policy = CLI.root.appendingPathComponent("policies/default.yaml").path
    let r = try CLI.run([
      "generate", "--preset", "province", "--seed", "7", "--scale", "0.005", "--out", out.path, "--policy", policy,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(r.stdout.hasPrefix("Generated province (seed 7, scale 0.005, year 2025): "))
    #expect(r.stdout.contains(" units, ") && r.stdout.contains(" cadres, ") && r.stdout.contains(" classes, "))
    #expect(r.stdout.contains(" history rows in ") && r.stdout.hasSuffix(" s.\n"))
    #expect(r.stderr.isEmpty)
    for f in ["scenario.yaml", "units.csv", "cadres.csv", "classes.csv", "history.csv"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
    }
    // The scenario validates.
    let v = try CLI.run(["validate", out.path])
    #expect(v.status == 0, "\(v.stderr)")
  }

  /// The Sichuan presets at a tenth: their own year, horizon and policy
  /// when none is given, and `callup validate` accepts what they write.
  @Test(arguments: [
    ("sichuan-2023", "policies/sichuan-2023.yaml", "year: 2023\nhorizon: 1\nperiod: [2019, 2023]\n", "2023: "),
    ("sichuan-2019", "policies/sichuan-2019-2023.yaml", "year: 2019\nhorizon: 5\nperiod: [2019, 2023]\n", "2019: "),
  ])
  func sichuanPresetsValidate(preset: String, policy: String, settings: String, lastYear: String) throws {
    let out = CLI.temporaryDirectory().appendingPathComponent(preset)
    let r = try CLI.run([
      "generate", "--preset", preset, "--seed", "1", "--scale", "0.1", "--out", out.path, "--policy",
      CLI.root.appendingPathComponent(policy).path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("Generated \(preset) (seed 1, scale 0.1, year \(settings.dropFirst(6).prefix(4))): "))
    let yaml = try String(contentsOf: out.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    #expect(yaml.contains(settings))
    let v = try CLI.run(["validate", out.path])
    #expect(v.status == 0, "\(v.stderr)")
    #expect(v.stdout.contains("Scenario \(preset) is valid: ") && v.stdout.contains(lastYear))
    #expect(v.stdout.contains(" due cycle obligations, "))
  }

  /// Without --policy a Sichuan preset's scenario names its own policy.
  @Test func sichuanPresetsNameTheirPolicy() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("s23")
    let r = try CLI.run(["generate", "--preset", "sichuan-2023", "--seed", "2", "--scale", "0.005", "--out", out.path])
    #expect(r.status == 0)
    #expect(r.stderr.contains("warning: scenario.yaml refers to the policy ../../policies/sichuan-2023.yaml"))
    let h = try CLI.run([
      "generate", "--preset", "sichuan-2023", "--seed", "2", "--scale", "0.005", "--horizon", "2", "--year", "2020",
      "--out", out.path,
    ])
    #expect(h.status == 0)
    let yaml = try String(contentsOf: out.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    #expect(yaml.hasPrefix("name: sichuan-2023\nyear: 2020\nhorizon: 2\nperiod: [2019, 2023]\n"))
  }

  /// sichuan-2019's own horizon and policy.
  @Test func sichuan2019IsAFiveYearPlan() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("s19")
    let r = try CLI.run(["generate", "--preset", "sichuan-2019", "--seed", "2", "--scale", "0.005", "--out", out.path])
    #expect(r.status == 0)
    #expect(r.stderr.contains("warning: scenario.yaml refers to the policy ../../policies/sichuan-2019-2023.yaml"))
    let yaml = try String(contentsOf: out.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    #expect(yaml.hasPrefix("name: sichuan-2019\nyear: 2019\nhorizon: 5\nperiod: [2019, 2023]\n"))
  }

  @Test func theBundledCityIsWhatGenerateWrites() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("demo-city")
    let r = try CLI.run(["generate", "--preset", "city", "--seed", "2025", "--out", out.path])
    #expect(r.status == 0)
    #expect(
      r.stdout.hasPrefix(
        "Generated demo-city (seed 2025, scale 1.0, year 2025): 99 units, 1,904 cadres, 66 classes, 9,506 history rows in "
      ))
    // The default policy path is relative to scenarios/NAME; elsewhere it warns.
    #expect(r.stderr.contains("warning: scenario.yaml refers to the policy ../../policies/default.yaml"))
    for f in ["scenario.yaml", "units.csv", "cadres.csv", "classes.csv", "history.csv"] {
      let a = try Data(contentsOf: out.appendingPathComponent(f))
      let b = try Data(contentsOf: CLI.root.appendingPathComponent("scenarios/demo-city/\(f)"))
      #expect(a == b, "\(f)")
    }
  }

  @Test(arguments: [
    (
      ["generate", "--preset", "county", "--seed", "1", "--out", "x"],
      "Error: --preset must be one of city, big-city, province, sichuan-2023, sichuan-2019, city-x, not 'county'."
    ),
    (
      ["generate", "--preset", "city", "--seed", "1", "--scale", "0", "--out", "x"],
      "Error: --scale must be a number above 0 and at most 20."
    ),
    (
      ["generate", "--preset", "city", "--seed", "1", "--scale", "21", "--out", "x"],
      "Error: --scale must be a number above 0 and at most 20."
    ),
    (
      ["generate", "--preset", "city", "--seed", "1", "--year", "1900", "--out", "x"],
      "Error: --year must be between 1990 and 2090."
    ),
    (
      ["generate", "--preset", "city", "--seed", "1", "--horizon", "2", "--calendar-years", "3", "--out", "x"],
      "Error: --calendar-years must be between 1 and the horizon (2)."
    ),
    (["generate", "--preset", "city", "--out", "x"], "Error: Missing expected argument '--seed <seed>'"),
    (["generate", "--preset", "city", "--seed", "-3", "--out", "x"], "Error: "),
  ])
  func badArgumentsAreUsageErrors(arguments: [String], message: String) throws {
    let r = try CLI.run(arguments)
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent("x").path))
  }

  @Test func unwritableOutputIsAFailure() throws {
    let file = CLI.temporaryDirectory().appendingPathComponent("file")
    try Data("x".utf8).write(to: file)
    let r = try CLI.run([
      "generate", "--preset", "city", "--seed", "1", "--scale", "0.1", "--out", file.appendingPathComponent("sub").path,
    ])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("error: could not write the scenario to "))
  }
}
