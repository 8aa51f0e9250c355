import CallupDomain
import Foundation

/// A history file read and checked, ready to be written to the ledger: the
/// contract's history.csv (`cadre,class,kind,theme,institution_type,start,
/// days,hours`) or a planners' export with Chinese headers (干部编号, 班次编号,
/// 类别, 主题, 机构类型, 开始日期, 天数, 学时).
public struct HistoryFile: Sendable {
  /// How messages name the file.
  public var file: String
  /// `history` for the contract's headers, `import` for aliases.
  public var source: TrainingSource
  /// One attended training per data row, in file order.
  public var trainings: [Training]
  /// The 1-based line of each training, for messages.
  public var lines: [Int]
  /// SHA-256 of the file's bytes.
  public var hash: String

  enum Field: CaseIterable {
    case cadre, classID, kind, theme, institutionType, start, days, hours

    var contractName: String {
      switch self {
      case .cadre: "cadre"
      case .classID: "class"
      case .kind: "kind"
      case .theme: "theme"
      case .institutionType: "institution_type"
      case .start: "start"
      case .days: "days"
      case .hours: "hours"
      }
    }
    var aliases: [String] {
      switch self {
      case .cadre: Aliases.cadre
      case .classID: Aliases.classID
      case .kind: Aliases.kind
      case .theme: Aliases.theme
      case .institutionType: Aliases.institutionType
      case .start: Aliases.start
      case .days: Aliases.days
      case .hours: Aliases.hours
      }
    }
    static let required: [Field] = [.cadre, .kind, .start, .days, .hours]
  }

  /// Reads `url` and checks every row. Cadres are not checked here (the
  /// ledger checks them against its roster when it writes).
  ///
  /// - Throws: `LedgerInputError` with every defect, by file and line.
  public static func read(_ url: URL, file: String? = nil) throws(LedgerInputError) -> HistoryFile {
    let name = file ?? url.lastPathComponent
    return try parse(try CSVFile.bytes(of: url, file: name), file: name)
  }

  /// Checks the bytes of a history file; see `read(_:file:)`.
  public static func parse(_ data: Data, file: String) throws(LedgerInputError) -> HistoryFile {
    let csv = try CSVFile.parse(data, file: file)
    var issues = IssueList(file: file)
    let columns = HeaderMap(csv.header, fields: Field.allCases, aliases: \.aliases, issues: &issues)
    for f in Field.required where columns.index[f] == nil {
      issues.add(
        line: 1, columnName: f.contractName,
        "the required column '\(f.contractName)' (or \(f.aliases.dropFirst().prefix(2).joined(separator: ", "))) is missing; the header has \(csv.header.joined(separator: ", "))."
      )
    }
    if let e = issues.error { throw e }
    let source: TrainingSource = columns.usedAliases ? .imported : .history

    var trainings: [Training] = []
    var lines: [Int] = []
    trainings.reserveCapacity(csv.records.count)
    lines.reserveCapacity(csv.records.count)
    var seen: [String: Int] = [:]
    for r in csv.records {
      if r.fields.count != csv.header.count {
        issues.add(
          line: r.line,
          "this line has \(r.fields.count) field\(r.fields.count == 1 ? "" : "s") but the header has \(csv.header.count); quote values that contain commas (\"a, b\")."
        )
        continue
      }
      let before = issues.count
      func value(_ f: Field) -> String { columns.value(f, in: r.fields) }
      func fail(_ f: Field, _ message: String) {
        issues.add(line: r.line, column: columns.index[f].map { $0 + 1 }, columnName: f.contractName, message)
      }
      let cadre = value(.cadre)
      if cadre.isEmpty { fail(.cadre, "cadre is empty.") }
      let classID = value(.classID)
      let kindText = value(.kind)
      let kind = Aliases.kind(kindText)
      if kind == nil {
        fail(
          .kind,
          kindText.isEmpty
            ? "kind is empty; use one of \(ClassKind.allCases.map(\.rawValue).joined(separator: ", "))."
            : "unknown class kind '\(kindText)'; use one of \(ClassKind.allCases.map(\.rawValue).joined(separator: ", ")) (or 集中轮训, 主体班, …)."
        )
      }
      let typeText = value(.institutionType)
      var type: InstitutionType? = nil
      if !typeText.isEmpty {
        type = Aliases.institutionType(typeText)
        if type == nil {
          fail(
            .institutionType,
            "unknown institution type '\(typeText)'; use one of \(InstitutionType.allCases.map(\.rawValue).joined(separator: ", ")) (or 党校, 干部学院, 高校, 其他机构), or leave it empty."
          )
        }
      }
      let startText = value(.start)
      let start = Aliases.day(startText)
      if start == nil {
        fail(
          .start,
          startText.isEmpty
            ? "start is empty; write the first day as YYYY-MM-DD." : "'\(startText)' is not a date; write YYYY-MM-DD.")
      }
      let daysText = value(.days)
      let days = Double(daysText).flatMap { $0 == $0.rounded() && $0 >= 1 && $0 <= 366 ? Int($0) : nil }
      if days == nil { fail(.days, "days is '\(daysText)'; give a whole number of days from 1 to 366.") }
      let hoursText = value(.hours)
      let hours = Double(hoursText).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
      if hours == nil { fail(.hours, "hours is '\(hoursText)'; give the class hours earned, a number ≥ 0.") }
      guard issues.count == before, let kind, let start, let days, let hours else { continue }
      let key = "\(cadre)\u{1}\(start.ordinal)\u{1}\(kind.rawValue)\u{1}\(classID)"
      if let first = seen[key] {
        issues.add(
          line: r.line,
          "the same training as line \(first) (cadre \(cadre), \(kind.rawValue) starting \(start.iso)\(classID.isEmpty ? "" : ", class \(classID)")); keep one row."
        )
        continue
      }
      seen[key] = r.line
      trainings.append(
        Training(
          cadre: CadreID(cadre), classID: classID.isEmpty ? nil : ClassID(classID), kind: kind,
          theme: value(.theme), institutionType: type, start: start, days: days, hours: hours, source: source,
          status: .attended, creditedHours: hours))
      lines.append(r.line)
    }
    if let e = issues.error { throw e }
    return HistoryFile(file: file, source: source, trainings: trainings, lines: lines, hash: SHA256.hex(data))
  }
}

/// Where each field sits in a header, found by its contract name or an alias.
struct HeaderMap<F: Hashable> {
  var index: [F: Int] = [:]
  /// Some column was found by an alias rather than its contract name.
  var usedAliases = false

  init(_ header: [String], fields: [F], aliases: KeyPath<F, [String]>, issues: inout IssueList) {
    var byKey: [String: F] = [:]
    for f in fields { for a in f[keyPath: aliases] { byKey[a.lowercased()] = f } }
    for (i, raw) in header.enumerated() {
      let key = Aliases.headerKey(raw)
      guard let f = byKey[key] else { continue }
      if let first = index[f] {
        issues.add(
          line: 1, column: i + 1, columnName: key,
          "the column '\(raw.trimmingCharacters(in: .whitespaces))' says the same as column \(first + 1); keep one.")
        continue
      }
      index[f] = i
      if key != f[keyPath: aliases].first { usedAliases = true }
    }
  }

  /// The trimmed value of a field, or "" when the file lacks it.
  func value(_ f: F, in fields: [String]) -> String {
    guard let i = index[f], i < fields.count else { return "" }
    return trimSpaces(fields[i])
  }
}

/// The text without surrounding spaces and tabs (cheap when there are none).
func trimSpaces(_ s: String) -> String {
  guard let f = s.utf8.first, let l = s.utf8.last else { return s }
  func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
  if !blank(f) && !blank(l) { return s }
  return s.trimmingCharacters(in: .whitespaces)
}
