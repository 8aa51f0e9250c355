import CallupDomain
import Foundation

/// A CSV file read whole: UTF-8 with or without a BOM, CRLF or LF line ends,
/// fields quoted with `"` where they hold commas, quotes or line breaks.
///
/// Each record keeps the 1-based line it starts on (line breaks inside quoted
/// fields are counted), so that messages can say `file:line`.
struct CSVFile {
  struct Record {
    var line: Int
    var fields: [String]
  }

  var header: [String]
  var records: [Record]

  /// Reads and splits `url`; `file` is how messages name it.
  static func read(_ url: URL, file: String) throws(LedgerInputError) -> CSVFile {
    try parse(try bytes(of: url, file: file), file: file)
  }

  /// The bytes of `url`, or an error naming `file`.
  static func bytes(of url: URL, file: String) throws(LedgerInputError) -> Data {
    do {
      return try Data(contentsOf: url)
    } catch {
      throw LedgerInputError(file: file, "cannot read the file (\(error.localizedDescription)).")
    }
  }

  /// Splits the bytes of a CSV file.
  static func parse(_ data: Data, file: String) throws(LedgerInputError) -> CSVFile {
    // A GB18030 export from Excel/WPS is read as such; undecodable bytes are
    // reported below with their line.
    var bytes = [UInt8](TextBytes.utf8(data) ?? data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let bad = firstInvalidUTF8Line(bytes) {
      throw LedgerInputError(
        file: file,
        "the file is neither UTF-8 nor GB18030 text from this line on; save it as \"CSV UTF-8\".",
        line: bad)
    }
    var rows: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var recordLine = 1
    var quoted = false
    var fieldStarted = false
    var i = 0
    let n = bytes.count
    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldStarted = false
    }
    func endRecord() {
      endField()
      rows.append(Record(line: recordLine, fields: fields))
      fields.removeAll(keepingCapacity: true)
    }
    while i < n {
      let b = bytes[i]
      if quoted {
        if b == UInt8(ascii: "\"") {
          if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
            field.append(b)
            i += 2
            continue
          }
          quoted = false
        } else {
          if b == 0x0A || (b == 0x0D && !(i + 1 < n && bytes[i + 1] == 0x0A)) { line += 1 }
          field.append(b)
        }
        i += 1
        continue
      }
      switch b {
      case UInt8(ascii: "\""):
        if field.isEmpty && !fieldStarted { quoted = true; fieldStarted = true } else { field.append(b) }
      case UInt8(ascii: ","):
        endField()
      case 0x0D:
        if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
        endRecord()
        line += 1
        recordLine = line
      case 0x0A:
        endRecord()
        line += 1
        recordLine = line
      default:
        field.append(b)
      }
      i += 1
    }
    if quoted {
      throw LedgerInputError(
        file: file, "a quoted field that starts on this line is never closed; check its quotes.", line: recordLine)
    }
    if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord() }
    // Blank lines (no values at all) are skipped.
    rows.removeAll { $0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    guard let first = rows.first else {
      throw LedgerInputError(file: file, "the file is empty; it needs a header row.", line: 1)
    }
    return CSVFile(header: first.fields, records: Array(rows.dropFirst()))
  }

  /// The line of the first byte sequence that is not UTF-8, or nil.
  static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
    if String(validating: bytes, as: UTF8.self) != nil { return nil }
    var line = 1
    var start = 0
    for i in 0...bytes.count {
      if i == bytes.count || bytes[i] == 0x0A {
        if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
        line += 1
        start = i + 1
      }
    }
    return line
  }
}

/// Quotes a CSV field when it holds a comma, a quote or a line break.
func csvField(_ s: String) -> String {
  guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
  return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// `28`, `12.5`: hours as people write them.
func formatNumber(_ x: Double) -> String {
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  var s = String(format: "%.4f", x)
  while s.hasSuffix("0") { s.removeLast() }
  if s.hasSuffix(".") { s.removeLast() }
  return s
}
