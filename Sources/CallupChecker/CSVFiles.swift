import Foundation

/// One row of rosters.csv:
/// `class,class_name,start,end,cadre,name,unit,region,rank`.
public struct RosterRow: Sendable, Hashable {
  public var classID: String
  public var className: String
  public var start: String
  public var end: String
  public var cadre: String
  public var name: String
  public var unit: String
  public var region: String
  public var rank: String
  /// The line of the file the row starts on, if it was read from one.
  public var line: Int?

  /// The header rosters.csv must have, exactly.
  public static let header = ["class", "class_name", "start", "end", "cadre", "name", "unit", "region", "rank"]

  public init(
    classID: String, className: String, start: String, end: String, cadre: String, name: String,
    unit: String, region: String, rank: String, line: Int? = nil
  ) {
    self.classID = classID
    self.className = className
    self.start = start
    self.end = end
    self.cadre = cadre
    self.name = name
    self.unit = unit
    self.region = region
    self.rank = rank
    self.line = line
  }

  init(_ f: [String: String], line: Int) {
    self.init(
      classID: f["class"] ?? "", className: f["class_name"] ?? "", start: f["start"] ?? "",
      end: f["end"] ?? "", cadre: f["cadre"] ?? "", name: f["name"] ?? "", unit: f["unit"] ?? "",
      region: f["region"] ?? "", rank: f["rank"] ?? "", line: line)
  }
}

/// One row of notices.csv:
/// `unit,unit_name,cadre,name,class,class_name,institution,start,end`.
public struct NoticeRow: Sendable, Hashable {
  public var unit: String
  public var unitName: String
  public var cadre: String
  public var name: String
  public var classID: String
  public var className: String
  public var institution: String
  public var start: String
  public var end: String
  /// The line of the file the row starts on, if it was read from one.
  public var line: Int?

  /// The header notices.csv must have, exactly.
  public static let header = [
    "unit", "unit_name", "cadre", "name", "class", "class_name", "institution", "start", "end",
  ]

  public init(
    unit: String, unitName: String, cadre: String, name: String, classID: String, className: String,
    institution: String, start: String, end: String, line: Int? = nil
  ) {
    self.unit = unit
    self.unitName = unitName
    self.cadre = cadre
    self.name = name
    self.classID = classID
    self.className = className
    self.institution = institution
    self.start = start
    self.end = end
    self.line = line
  }

  init(_ f: [String: String], line: Int) {
    self.init(
      unit: f["unit"] ?? "", unitName: f["unit_name"] ?? "", cadre: f["cadre"] ?? "", name: f["name"] ?? "",
      classID: f["class"] ?? "", className: f["class_name"] ?? "", institution: f["institution"] ?? "",
      start: f["start"] ?? "", end: f["end"] ?? "", line: line)
  }
}

/// A CSV file read strictly: UTF-8 (a BOM is accepted), RFC 4180 quoting.
struct CSVTable {
  var header: [String] = []
  /// Rows after the header, with the line each starts on.
  var rows: [(line: Int, fields: [String])] = []
  /// Defects, each a sentence naming the file and line.
  var problems: [String] = []

  /// Splits `data` into records; every defect of encoding or quoting is a problem.
  init(data: Data, file: String) {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: Data(bytes), encoding: .utf8) else {
      problems.append("\(file) is not UTF-8 text.")
      return
    }
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var wasQuoted = false
    var afterClosingQuote = false
    var quoteLine = 1
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      wasQuoted = false
      afterClosingQuote = false
    }
    while i < scalars.count {
      let c = scalars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            field.append("\"")
            i += 1
          } else {
            inQuotes = false
            afterClosingQuote = true
          }
        } else {
          if c == "\n" { line += 1 }
          field.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case ",":
        endField()
      case "\r", "\n":
        if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        endField()
        records.append((recordLine, fields))
        fields = []
        line += 1
        recordLine = line
      case "\"":
        if field.isEmpty && !wasQuoted && !afterClosingQuote {
          inQuotes = true
          wasQuoted = true
          quoteLine = line
        } else {
          problems.append("\(file) line \(line): a quote (\") inside a field that is not quoted properly.")
          field.append(c)
        }
      default:
        if afterClosingQuote {
          problems.append("\(file) line \(line): text after the closing quote of a field.")
          afterClosingQuote = false
        }
        field.append(c)
      }
      i += 1
    }
    if inQuotes {
      problems.append("\(file) line \(quoteLine): a quoted field is never closed.")
    }
    if !fields.isEmpty || !field.isEmpty || wasQuoted {
      endField()
      records.append((recordLine, fields))
    }
    // A record that is one empty field is a blank line.
    var blank: [Int] = []
    records.removeAll { r in
      if r.fields == [""] {
        blank.append(r.line)
        return true
      }
      return false
    }
    let lastLine = records.last?.line ?? 0
    for b in blank where b < lastLine { problems.append("\(file) line \(b) is blank.") }
    guard let first = records.first else {
      problems.append("\(file) is empty: it has no header row.")
      return
    }
    header = first.fields
    for r in records.dropFirst() {
      if r.fields.count != header.count {
        problems.append(
          "\(file) line \(r.line) has \(r.fields.count) fields, the header \(header.count) (a field with a comma must be quoted)."
        )
      }
      rows.append(r)
    }
  }

  /// Checks the header against `expected`, exactly; returns the problem, if any.
  func headerProblem(expected: [String], file: String) -> String? {
    guard header != expected else { return nil }
    return
      "\(file) has the header `\(header.joined(separator: ","))`; it must be exactly `\(expected.joined(separator: ","))`."
  }

  /// The rows as dictionaries by expected column name. Columns are found by
  /// name when the header names them all (in any order); otherwise, when the
  /// header has as many columns as expected, by position, so that one wrong
  /// header does not make every row wrong too.
  func records(expected: [String]) -> [(line: Int, fields: [String: String])] {
    let names = Set(expected).isSubset(of: header) || header.count != expected.count ? header : expected
    return rows.map { r in
      var d: [String: String] = [:]
      for (i, name) in names.enumerated() where i < r.fields.count && d[name] == nil {
        d[name] = Self.unguarded(r.fields[i])
      }
      return (r.line, d)
    }
  }

  /// A cell as the contract defines it: a cell that starts with `'` followed
  /// by `=`, `+`, `-`, `@`, a tab, a carriage return or another `'` (a
  /// formula guard for spreadsheets) stands for the text after the
  /// apostrophe.
  static func unguarded(_ cell: String) -> String {
    guard cell.hasPrefix("'"), let next = cell.unicodeScalars.dropFirst().first,
      "=+-@\t\r'".unicodeScalars.contains(next)
    else { return cell }
    return String(cell.dropFirst())
  }
}
