import Foundation

/// A whole CSV file in memory, each record with the line it starts on: the
/// product's one CSV reader for files read whole (ledger imports,
/// attendance, plan directories). It splits with the same `CSVScanner` the
/// scenario loader streams large tables with, and accepts what planners'
/// spreadsheets save: UTF-8 with or without a byte order mark, GB18030
/// (Excel and WPS on Chinese Windows), CRLF or LF line ends.
public struct CSVDocument: Sendable {
  /// One record: the 1-based line it starts on (line breaks inside quoted
  /// fields counted) and its fields as written, untrimmed.
  public struct Record: Sendable, Hashable {
    public var line: Int
    public var fields: [String]
    public init(line: Int, fields: [String]) {
      self.line = line
      self.fields = fields
    }
  }

  /// Why a file could not be split, with the line where it went wrong.
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var description: String { message }
  }

  /// The first record that has a value.
  public var header: [String]
  /// The records after the header; records with no value at all (blank
  /// lines, lines of commas) are left out.
  public var records: [Record]

  /// Reads and splits a file.
  public static func read(_ url: URL) throws(ReadError) -> CSVDocument {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ReadError(message: "cannot read the file (\(error.localizedDescription)).", line: nil)
    }
    return try parse(data)
  }

  /// Splits the bytes of a CSV file.
  public static func parse(_ data: Data) throws(ReadError) -> CSVDocument {
    guard let utf8 = TextBytes.utf8(data) else {
      throw ReadError(
        message: "the file is neither UTF-8 nor GB18030 text from this line on; save it as \"CSV UTF-8\".",
        line: firstInvalidUTF8Line([UInt8](data)))
    }
    let scanner = CSVScanner(text: String(decoding: utf8, as: UTF8.self))
    var rows: [Record] = []
    var line = 1
    var last = 1
    while let r = scanner.next() {
      last = line
      if !r.fields.hasNoValue { rows.append(Record(line: line, fields: r.fields.strings)) }
      line += r.lines
    }
    if scanner.endedInsideQuotes {
      throw ReadError(message: "a quoted field that starts on this line is never closed; check its quotes.", line: last)
    }
    guard let first = rows.first else { throw ReadError(message: "the file is empty; it needs a header row.", line: 1) }
    return CSVDocument(header: first.fields, records: Array(rows.dropFirst()))
  }

  /// The line of the first byte sequence that is not UTF-8, or nil.
  static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
    if String(validating: bytes, as: UTF8.self) != nil { return nil }
    var line = 1
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
      line += 1
      start = i + 1
    }
    return line
  }
}
