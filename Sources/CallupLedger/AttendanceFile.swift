import CallupDomain
import Foundation

/// An attendance sheet: `cadre,class,status[,hours]`, one row per call-up,
/// status `attended`, `absent` or `left-early` (also 参训, 缺训, 中途退学);
/// `hours` is what a cadre who left early is credited with (0 when empty).
public struct AttendanceFile: Sendable {
  public struct Entry: Hashable, Sendable {
    public var cadre: CadreID
    public var classID: ClassID
    public var status: TrainingStatus
    /// The hours given in the sheet, if any.
    public var hours: Double?
    /// The 1-based line of the row.
    public var line: Int
  }

  public var file: String
  public var entries: [Entry]
  public var hash: String

  enum Field: CaseIterable {
    case cadre, classID, status, hours
    var aliases: [String] {
      switch self {
      case .cadre: Aliases.cadre
      case .classID: Aliases.classID
      case .status: Aliases.status
      case .hours: Aliases.hours
      }
    }
    var name: String { aliases[0] }
  }

  /// Reads and checks an attendance sheet (the calls are checked against the
  /// ledger when it is recorded).
  public static func read(_ url: URL, file: String? = nil) throws(LedgerInputError) -> AttendanceFile {
    let name = file ?? url.lastPathComponent
    return try parse(try CSVFile.bytes(of: url, file: name), file: name)
  }

  /// Checks the bytes of an attendance sheet; see `read(_:file:)`.
  public static func parse(_ data: Data, file: String) throws(LedgerInputError) -> AttendanceFile {
    let csv = try CSVFile.parse(data, file: file)
    var issues = IssueList(file: file)
    let columns = HeaderMap(csv.header, fields: Field.allCases, aliases: \.aliases, issues: &issues)
    for f in [Field.cadre, .classID, .status] where columns.index[f] == nil {
      issues.add(
        line: 1, columnName: f.name,
        "the required column '\(f.name)' is missing; an attendance sheet has the columns cadre,class,status[,hours].")
    }
    if let e = issues.error { throw e }
    var entries: [Entry] = []
    var seen: [String: Int] = [:]
    for r in csv.records {
      if r.fields.count != csv.header.count {
        issues.add(
          line: r.line,
          "this line has \(r.fields.count) field\(r.fields.count == 1 ? "" : "s") but the header has \(csv.header.count)."
        )
        continue
      }
      let before = issues.count
      func fail(_ f: Field, _ message: String) {
        issues.add(line: r.line, column: columns.index[f].map { $0 + 1 }, columnName: f.name, message)
      }
      let cadre = columns.value(.cadre, in: r.fields)
      if cadre.isEmpty { fail(.cadre, "cadre is empty.") }
      let classID = columns.value(.classID, in: r.fields)
      if classID.isEmpty { fail(.classID, "class is empty; give the class the cadre was called up to.") }
      let statusText = columns.value(.status, in: r.fields)
      let status = Aliases.status(statusText)
      if status == nil || status == .planned {
        fail(.status, "status is '\(statusText)'; use attended, absent or left-early (参训, 缺训, 中途退学).")
      }
      let hoursText = columns.value(.hours, in: r.fields)
      var hours: Double? = nil
      if !hoursText.isEmpty {
        hours = Double(hoursText).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        if hours == nil { fail(.hours, "hours is '\(hoursText)'; give the hours credited, a number ≥ 0.") }
      }
      guard issues.count == before, let status else { continue }
      let key = cadre + "\u{1}" + classID
      if let first = seen[key] {
        issues.add(line: r.line, "cadre \(cadre) in class \(classID) is already on line \(first); keep one row.")
        continue
      }
      seen[key] = r.line
      entries.append(
        Entry(cadre: CadreID(cadre), classID: ClassID(classID), status: status, hours: hours, line: r.line))
    }
    if let e = issues.error { throw e }
    return AttendanceFile(file: file, entries: entries, hash: SHA256.hex(data))
  }
}
