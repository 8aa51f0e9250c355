import CallupDomain
import Foundation
import Testing

/// A folder under the temporary directory, removed when the test ends.
final class TempFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("callup-domain-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` as UTF-8 at the relative `path`, creating folders.
  @discardableResult
  func write(_ path: String, _ text: String) throws -> URL {
    try write(path, data: Data(text.utf8))
  }

  @discardableResult
  func write(_ path: String, data: Data) throws -> URL {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file
  }

  func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }
}

/// Lines joined with LF (and a final LF).
func lines(_ l: String...) -> String { l.joined(separator: "\n") + "\n" }

/// The repository's root (for policies/default.yaml).
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small valid scenario, each file replaceable.
enum Tiny {
  static let policy = lines(
    "name: small",
    "rules:",
    "  - id: annual-rotation",
    "    type: cycle",
    "    who: { ranks: [bureau, county] }",
    "    kinds: [rotation]",
    "    every: 1",
    "  - id: unit-fifth",
    "    type: unit-share",
    "    who: { leadership: [team] }",
    "    share: 0.2",
    "    kinds: [rotation]")

  static let scenario = lines(
    "name: tiny",
    "year: 2025",
    "policy: policy.yaml")

  static let units = lines(
    "id,name,region,parent,headcount,max_away,max_away_share",
    "U1,市委办,R1,,10,,",
    "U2,县政府,R2,U1,,3,0.25")

  static let cadres = lines(
    "id,name,unit,rank,leadership,tags,gender,birth_year,party,appointed,unavailable",
    "P1,张三,U1,county,principal,city-county-team,M,1975,cpc,2024-05-01,",
    "P2,李四,U2,section,none,,F,1980,non-party,,")

  static let classes = lines(
    "id,name,institution,institution_type,level,region,kind,theme,start,days,hours,min_size,capacity,ranks,tags,cost_per_seat,fixed_cost",
    "C1,轮训班,省委党校,party-school,province,R1,rotation,,2025-04-01,5,40,,,,,1200,10000")

  static let history = lines(
    "cadre,class,kind,theme,institution_type,start,days,hours",
    "P1,,systematic,,party-school,2021-05-10,30,180")

  /// Writes the tiny scenario into `folder/sub`, with the given files replaced
  /// (`nil` leaves a file out).
  static func write(
    in folder: TempFolder, _ sub: String = "s", scenario: String? = Tiny.scenario, policy: String? = Tiny.policy,
    units: String? = Tiny.units, cadres: String? = Tiny.cadres, classes: String? = Tiny.classes,
    history: String? = Tiny.history
  ) throws -> URL {
    let files: [(String, String?)] = [
      ("scenario.yaml", scenario), ("policy.yaml", policy), ("units.csv", units), ("cadres.csv", cadres),
      ("classes.csv", classes), ("history.csv", history),
    ]
    for (name, text) in files { if let text { try folder.write("\(sub)/\(name)", text) } }
    return folder.path(sub)
  }
}

/// The issues loading `path` reports (none when it loads).
func loadIssues(_ path: URL) -> [InputIssue] {
  do {
    _ = try ScenarioLoader.load(path)
    return []
  } catch {
    return error.issues
  }
}

/// Expects an issue whose description is exactly `text`.
func expectIssue(_ issues: [InputIssue], _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  #expect(
    issues.contains { $0.description == text },
    "missing issue:\n  \(text)\nreported:\n\(issues.map { "  \($0)" }.joined(separator: "\n"))",
    sourceLocation: sourceLocation)
}

/// Expects an issue at `location` (its `description`, e.g. `cadres.csv:4:3 (unit)`)
/// whose message contains `fragment`.
func expectIssue(
  _ issues: [InputIssue], at location: String, containing fragment: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  #expect(
    issues.contains { $0.location.description == location && $0.message.contains(fragment) },
    "missing issue at \(location) containing '\(fragment)'; reported:\n\(issues.map { "  \($0)" }.joined(separator: "\n"))",
    sourceLocation: sourceLocation)
}
