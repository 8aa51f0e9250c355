import Foundation

/// Writes a scenario directory in the contract format of docs/contract.md:
/// scenario.yaml, units.csv, cadres.csv, classes.csv and history.csv.
///
/// Output is deterministic: rows keep the scenario's order, every set (tags,
/// ranks) is written sorted, numbers have one spelling. Each file is written
/// to a temporary file in the same directory and then renamed over the target,
/// so a reader never sees half a file.
public enum ScenarioWriter {
  /// Writes `scenario` into `directory` (created if missing).
  ///
  /// - Parameters:
  ///   - policyPath: the `policy:` entry of scenario.yaml, relative to the
  ///     directory (for example `../../policies/default.yaml`). The
  ///     scenario's in-memory policy is not written.
  ///   - rules: YAML text written at the end of scenario.yaml as it is (a
  ///     `rules:` block of inline rules with its comments), or empty.
  /// - Throws: the file system's error when a file cannot be written.
  public static func write(_ scenario: Scenario, policyPath: String, rules: String = "", to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let files: [(String, String)] = [
      ("scenario.yaml", scenarioYAML(scenario, policyPath: policyPath) + rules),
      ("units.csv", unitsCSV(scenario.units)),
      ("cadres.csv", cadresCSV(scenario.cadres)),
      ("classes.csv", classesCSV(scenario.classes)),
      ("history.csv", historyCSV(scenario.history)),
    ]
    for (name, text) in files {
      try writeAtomically(Data(text.utf8), to: directory.appendingPathComponent(name))
    }
  }

  // MARK: - Files

  /// The text of scenario.yaml.
  public static func scenarioYAML(_ s: Scenario, policyPath: String) -> String {
    """
    name: \(yamlScalar(s.name))
    year: \(s.year)
    horizon: \(s.horizon)
    period: [\(s.period.lowerBound), \(s.period.upperBound)]
    policy: \(yamlScalar(policyPath))
    solver: { time_limit: \(number(s.solver.timeLimit)), mip_gap: \(number(s.solver.mipGap))\(s.solver.blockSize.map { ", block_size: \($0)" } ?? "") }
    \(allocationYAML(s.allocation))
    """
  }

  /// `allocation: { kinds: [...], classes: [...] }`, or nothing when every
  /// class goes by name.
  static func allocationYAML(_ a: AllocationSettings) -> String {
    guard !a.isEmpty else { return "" }
    let kinds = ClassKind.allCases.filter { a.kinds.contains($0) }.map(\.rawValue)
    let classes = a.classes.map(\.rawValue).sorted().map(yamlScalar)
    return "allocation: { kinds: [\(kinds.joined(separator: ", "))], classes: [\(classes.joined(separator: ", "))] }\n"
  }

  /// The text of units.csv.
  public static func unitsCSV(_ units: [Unit]) -> String {
    table(
      ["id", "name", "region", "parent", "headcount", "max_away", "max_away_share"],
      units.map { u in
        [
          u.id.rawValue, u.name, u.region.rawValue, u.parent?.rawValue ?? "",
          u.headcount.map(String.init) ?? "", u.maxAway.map(String.init) ?? "",
          u.maxAwayShare?.description ?? "",
        ]
      })
  }

  /// The text of cadres.csv.
  public static func cadresCSV(_ cadres: [Cadre]) -> String {
    table(
      [
        "id", "name", "unit", "rank", "leadership", "tags", "gender", "birth_year", "party", "appointed", "unavailable",
      ],
      cadres.map { c in
        [
          c.id.rawValue, c.name, c.unit.rawValue, c.rank.rawValue, c.leadership.rawValue,
          list(c.tags.sorted()), c.gender.rawValue, String(c.birthYear), c.party.rawValue,
          c.appointed?.iso ?? "", list(c.unavailable.map(\.description)),
        ]
      })
  }

  /// The text of classes.csv.
  public static func classesCSV(_ classes: [TrainingClass]) -> String {
    table(
      [
        "id", "name", "institution", "institution_type", "level", "region", "kind", "theme", "start", "days",
        "hours", "min_size", "capacity", "ranks", "tags", "cost_per_seat", "fixed_cost",
      ],
      classes.map { k in
        [
          k.id.rawValue, k.name, k.institution.rawValue, k.institutionType.rawValue, k.level.rawValue,
          k.region.rawValue, k.kind.rawValue, k.theme, k.start.iso, String(k.days), number(k.hours),
          String(k.minSize), k.capacity.map(String.init) ?? "", list(k.ranks.sorted().map(\.rawValue)),
          list(k.tags.sorted()), number(k.costPerSeat), number(k.fixedCost),
        ]
      })
  }

  /// The text of capacities.csv (yearly seats for years with no calendar).
  public static func capacitiesCSV(_ capacities: [YearlyCapacity]) -> String {
    table(
      [
        "id", "year", "institution", "institution_type", "level", "region", "kind", "theme", "seats", "classes",
        "days", "hours", "min_size", "ranks", "tags", "cost_per_seat", "fixed_cost",
      ],
      capacities.map { c in
        [
          c.id, String(c.year), c.institution.rawValue, c.institutionType.rawValue, c.level.rawValue,
          c.region.rawValue, c.kind.rawValue, c.theme, String(c.seats), String(c.classes), String(c.days),
          number(c.hours), String(c.minSize), list(c.ranks.sorted().map(\.rawValue)), list(c.tags.sorted()),
          number(c.costPerSeat), number(c.fixedCost),
        ]
      })
  }

  /// The text of history.csv.
  public static func historyCSV(_ history: [HistoryRecord]) -> String {
    table(
      ["cadre", "class", "kind", "theme", "institution_type", "start", "days", "hours"],
      history.map { h in
        [
          h.cadre.rawValue, h.classID?.rawValue ?? "", h.kind.rawValue, h.theme,
          h.institutionType?.rawValue ?? "", h.start.iso, String(h.days), number(h.hours),
        ]
      })
  }

  // MARK: - Cells

  /// One CSV table: header and rows, `\n` line ends, fields quoted only where needed.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var out = header.map(csvField).joined(separator: ",") + "\n"
    for row in rows { out += row.map(csvField).joined(separator: ",") + "\n" }
    return out
  }

  /// A CSV field, quoted (with doubled quotes) when it holds a comma, a quote,
  /// a line break or leading/trailing blanks.
  public static func csvField(_ s: String) -> String {
    let needsQuotes =
      s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || s.first == " " || s.last == " "
    guard needsQuotes else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A `;`-separated list cell.
  static func list(_ items: [String]) -> String { items.joined(separator: ";") }

  /// A number in its shortest spelling: `28`, `27.5`, `0.005`.
  public static func number(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
  }

  /// A YAML scalar: plain when it is safe, else double-quoted.
  public static func yamlScalar(_ s: String) -> String {
    let safe = s.unicodeScalars.allSatisfy { c in
      c.value >= 0x80 || (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A)
        || (c.value >= 0x61 && c.value <= 0x7A) || c == "_" || c == "-" || c == "." || c == "/"
    }
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"]
    if safe, !s.isEmpty, !reserved.contains(s.lowercased()), Double(s) == nil, Int(s) == nil {
      return s
    }
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out + "\""
  }

  /// Writes `data` to a temporary file next to `url`, then renames it over `url`.
  static func writeAtomically(_ data: Data, to url: URL) throws {
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    try data.write(to: tmp)
    if rename(tmp.path, url.path) != 0 {
      let code = POSIXErrorCode(rawValue: errno) ?? .EIO
      try? FileManager.default.removeItem(at: tmp)
      throw POSIXError(code)
    }
  }
}
