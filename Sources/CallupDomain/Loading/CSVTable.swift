import Foundation

/// The columns of one table of the contract. The raw value is the header.
protocol CSVColumns: RawRepresentable, CaseIterable, Hashable where RawValue == String {
  /// Columns a file must have (the others may be left out: empty everywhere).
  static var required: Set<Self> { get }
  /// Other headers for the columns (Chinese ones such as `姓名`), keyed by `aliasKey`.
  static var aliases: [String: Self] { get }
  /// Groups of columns of which a file must have at least one (a class by
  /// its id or by its name); none by default.
  static var requiredOneOf: [[Self]] { get }
}

extension CSVColumns {
  static var requiredOneOf: [[Self]] { [] }
}

/// Where each column of a table sits in a file's header.
final class CSVLayout<C: CSVColumns> {
  let file: String
  /// The sheet, when the table is read from a workbook.
  let sheet: String?
  /// 0-based field index per column, nil when the file lacks the column.
  let index: [C: Int]
  let fieldCount: Int
  /// `index` as a short list, searched by comparing cases: a column's hash
  /// is its header's (the raw value), too slow to take for every cell of a
  /// million rows.
  private let fields: [(column: C, field: Int)]

  init(file: String, sheet: String? = nil, index: [C: Int], fieldCount: Int) {
    self.file = file
    self.sheet = sheet
    self.index = index
    self.fieldCount = fieldCount
    self.fields = index.map { ($0.key, $0.value) }
  }

  /// The 0-based field index of a column, nil when the file lacks it.
  @inline(__always)
  func field(_ c: C) -> Int? {
    for f in fields where f.column == c { return f.field }
    return nil
  }
}

/// One record of a CSV file, with the line it starts on.
struct CSVRecord<C: CSVColumns> {
  let layout: CSVLayout<C>
  let fields: CSVFields
  /// 1-based line of the file where the record starts.
  let line: Int
  /// The record has another number of fields than the header (already reported).
  let malformed: Bool

  init(layout: CSVLayout<C>, fields: CSVFields, line: Int, malformed: Bool) {
    self.layout = layout
    self.fields = fields
    self.line = line
    self.malformed = malformed
  }

  init(layout: CSVLayout<C>, fields: [String], line: Int, malformed: Bool) {
    self.init(layout: layout, fields: CSVFields(fields), line: line, malformed: malformed)
  }

  /// The value of a column, without surrounding spaces; empty when the file
  /// lacks the column.
  subscript(_ c: C) -> Cell {
    guard let i = layout.field(c), i < fields.count else { return Cell(bytes: []) }
    return fields[i]
  }

  /// `cadres.csv:14:4 (rank)`, `cadres.xlsx:Sheet1:14:D (rank)`.
  func location(_ c: C) -> SourceLocation {
    SourceLocation(
      file: layout.file, line: line, column: layout.field(c).map { $0 + 1 }, columnName: c.rawValue, sheet: layout.sheet
    )
  }

  /// The record as a whole: `cadres.csv:14`.
  var location: SourceLocation { SourceLocation(file: layout.file, line: line, sheet: layout.sheet) }
}

/// A space or a tab.
@inline(__always)
func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

/// The text without leading and trailing spaces and tabs (cheap when there are none).
@inline(__always)
func trimmed(_ s: String) -> Substring { trimmed(s[...]) }

/// The text without leading and trailing spaces and tabs (cheap when there are none).
@inline(__always)
func trimmed(_ s: Substring) -> Substring {
  let u = s.utf8
  guard let f = u.first, let l = u.last, isBlank(f) || isBlank(l) else { return s }
  var a = u.startIndex
  var b = u.endIndex
  while a < b, isBlank(u[a]) { a = u.index(after: a) }
  while b > a, isBlank(u[u.index(before: b)]) { b = u.index(before: b) }
  return s[a..<b]
}

/// The trimmed, non-empty parts of a `;`-separated cell.
func listItems(_ s: Substring) -> [Substring] {
  var out: [Substring] = []
  let u = s.utf8
  var start = u.startIndex
  var i = u.startIndex
  while i < u.endIndex {
    if u[i] == UInt8(ascii: ";") {
      let part = trimmed(s[start..<i])
      if !part.isEmpty { out.append(part) }
      start = u.index(after: i)
    }
    i = u.index(after: i)
  }
  let part = trimmed(s[start..<u.endIndex])
  if !part.isEmpty { out.append(part) }
  return out
}

/// The text before and after the first `..`, trimmed; nil when there is none.
func splitRange(_ s: Substring) -> (Substring, Substring)? {
  let u = s.utf8
  var i = u.startIndex
  while i < u.endIndex {
    let j = u.index(after: i)
    if j < u.endIndex, u[i] == UInt8(ascii: "."), u[j] == UInt8(ascii: ".") {
      return (trimmed(s[..<i]), trimmed(s[u.index(after: j)...]))
    }
    i = j
  }
  return nil
}

/// Reads a CSV file of the contract: UTF-8 with or without BOM (or, when
/// the bytes are not UTF-8 but decode cleanly as GB18030, GB18030, as Excel
/// saves "CSV" on Chinese Windows), CRLF or LF, a header row naming the
/// columns in any order (extra columns ignored; Chinese aliases accepted),
/// fields quoted with `"` where they hold commas, quotes or line breaks.
///
/// Records are streamed to `body` one at a time, each with the line it
/// starts on (line breaks inside quoted fields are counted).
enum CSVTable {
  /// Returns false when the file could not be read whole (no file, no
  /// header, a required column missing, bytes that are neither UTF-8 nor
  /// GB18030); references to its ids are then not checked.
  ///
  /// `reserve` is told about how many records to expect before the first.
  @discardableResult
  static func read<C: CSVColumns>(
    _ url: URL, file: String, columns: C.Type, issues: IssueLog, reserve: (Int) -> Void = { _ in },
    body: (CSVRecord<C>) -> Void
  ) -> Bool {
    let scanner: CSVScanner
    switch TextDecoding.check(url) {
    case .unreadable:
      issues.add(SourceLocation(file: file), "cannot open the file.")
      return false
    case .utf8:
      guard let s = CSVScanner(path: url.path) else {
        issues.add(SourceLocation(file: file), "cannot open the file.")
        return false
      }
      scanner = s
    case .gb18030(let text):
      scanner = CSVScanner(text: text)
    case .undecodable(let line):
      issues.add(
        SourceLocation(file: file, line: line),
        line == 1
          ? "the file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8."
          : "the file is neither UTF-8 nor GB18030 text from this line on; save it as CSV UTF-8.")
      return false
    }
    guard let header = scanner.next(), !(header.fields.count == 1 && header.fields.hasNoValue) else {
      issues.add(
        SourceLocation(file: file, line: 1),
        "the file is empty; it needs a header row with the columns \(C.allCases.map(\.rawValue).joined(separator: ", "))."
      )
      return false
    }
    guard let layout = self.layout(header.fields.strings, file: file, columns: C.self, issues: issues) else {
      return false
    }

    reserve(scanner.estimatedRecords)
    var line = 1 + header.lines
    while let record = scanner.next() {
      let start = line
      line += record.lines
      let fields = record.fields
      if fields.hasNoValue { continue }
      let malformed = fields.count != layout.fieldCount
      if malformed {
        issues.add(
          SourceLocation(file: file, line: start),
          "this line has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(layout.fieldCount); quote values that contain commas (\"a, b\")."
        )
      }
      body(CSVRecord(layout: layout, fields: fields, line: start, malformed: malformed))
    }
    if let e = scanner.readError {
      issues.add(SourceLocation(file: file, line: line), "the file could not be read to its end (\(e)).")
    }
    return true
  }

  /// Where each column sits in a header row (of a CSV file, or of a sheet
  /// when `sheet` is given, the header being on row `headerLine`). A column
  /// is found under its contract name (any case) or one of its aliases;
  /// returns nil (logged) when a required column is missing.
  static func layout<C: CSVColumns>(
    _ header: [String], file: String, sheet: String? = nil, headerLine: Int = 1, columns: C.Type, issues: IssueLog
  ) -> CSVLayout<C>? {
    var index: [C: Int] = [:]
    var written: [C: String] = [:]
    for (i, raw) in header.enumerated() {
      var name = String(trimmed(raw))
      if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
      guard let c = C(rawValue: name.lowercased()) ?? C.aliases[aliasKey(name)] else { continue }
      if let first = index[c] {
        let same = written[c] == name
        let both = same ? "" : ": '\(written[c] ?? "")' and '\(name)' both mean \(c.rawValue)"
        issues.add(
          SourceLocation(file: file, line: headerLine, column: i + 1, columnName: c.rawValue, sheet: sheet),
          "the column '\(c.rawValue)' appears twice (columns \(first + 1) and \(i + 1)\(both)); keep one.")
        continue
      }
      index[c] = i
      written[c] = name
    }
    var ok = true
    for c in C.allCases where index[c] == nil && C.required.contains(c) {
      ok = false
      issues.add(
        SourceLocation(file: file, line: headerLine, columnName: c.rawValue, sheet: sheet),
        "the required column '\(c.rawValue)' is missing; the header has \(header.map { String(trimmed($0)) }.joined(separator: ", "))."
      )
    }
    for group in C.requiredOneOf where !group.contains(where: { index[$0] != nil }) {
      ok = false
      let names = group.map(\.rawValue)
      issues.add(
        SourceLocation(file: file, line: headerLine, columnName: names.joined(separator: " or "), sheet: sheet),
        "one of the columns \(names.map { "'\($0)'" }.joined(separator: " or ")) is needed; the header has \(header.map { String(trimmed($0)) }.joined(separator: ", "))."
      )
    }
    return ok ? CSVLayout(file: file, sheet: sheet, index: index, fieldCount: header.count) : nil
  }

  /// A line with no values at all (a blank line, or only commas).
  static func isEmptyRecord(_ fields: [String]) -> Bool {
    for f in fields where !trimmed(f).isEmpty { return false }
    return true
  }
}
