import Foundation
import ZIPFoundation

/// Why a workbook could not be read.
public struct XLSXReadError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// One row of a sheet: its 1-based row number and its cells as text, from
/// column A on (cells missing from the file are empty strings).
public struct XLSXRow: Sendable, Hashable {
  public var number: Int
  public var cells: [String]
  public init(number: Int, cells: [String]) {
    self.number = number
    self.cells = cells
  }
}

/// Reads the cells of an .xlsx workbook as text, the way a CSV export would
/// show them to a program:
///
/// - shared strings, inline strings and formula results as their text;
/// - numbers in their shortest exact form (`28`, `0.3`), integers without `.0`;
/// - numbers formatted as dates (built-in date formats, or a custom format
///   with `y` or `d` in it) as `YYYY-MM-DD`, in the 1900 or 1904 date system;
/// - booleans as `TRUE`/`FALSE`, error values as written (`#N/A`).
///
/// ```swift
/// let book = try XLSXReader(url: url)
/// try book.readRows(sheet: 0) { row in print(row.number, row.cells) }
/// ```
///
/// Memory: the shared strings and one sheet's XML are held in memory while
/// the sheet is read (about the size of the unzipped sheet); rows are
/// handed over one at a time.
public final class XLSXReader {
  /// The titles of the sheets in workbook order.
  public let sheetNames: [String]
  private let sheetPaths: [String]
  private let archive: Archive
  private let sharedStrings: [String]
  private let dateStyles: Set<Int>
  private let date1904: Bool

  /// The largest part the reader unzips (a guard against zip bombs).
  public static let maxPartSize: UInt64 = 2 << 30

  /// Opens the workbook at `url` and reads its sheet list, shared strings and styles.
  public init(url: URL) throws(XLSXReadError) {
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw XLSXReadError("not an .xlsx workbook (it cannot be opened as a zip archive)")
    }
    self.archive = archive
    guard let workbookXML = try Self.part("xl/workbook.xml", in: archive) else {
      throw XLSXReadError("not an .xlsx workbook (it has no xl/workbook.xml)")
    }
    var wb = WorkbookHandler()
    try Self.scan(workbookXML, "xl/workbook.xml", into: &wb)
    var rels = RelationshipsHandler()
    if let relsXML = try Self.part("xl/_rels/workbook.xml.rels", in: archive) {
      try Self.scan(relsXML, "xl/_rels/workbook.xml.rels", into: &rels)
    }
    var names: [String] = []
    var paths: [String] = []
    for (k, sheet) in wb.sheets.enumerated() {
      let target = sheet.relationship.flatMap { rels.targets[$0] } ?? "worksheets/sheet\(k + 1).xml"
      names.append(sheet.name)
      paths.append(Self.resolve(target))
    }
    guard !names.isEmpty else { throw XLSXReadError("the workbook has no sheets") }
    sheetNames = names
    sheetPaths = paths
    date1904 = wb.date1904

    var strings = SharedStringsHandler()
    let sharedPath = rels.sharedStrings.map(Self.resolve) ?? "xl/sharedStrings.xml"
    if let xml = try Self.part(sharedPath, in: archive) {
      try Self.scan(xml, sharedPath, into: &strings)
    }
    sharedStrings = strings.strings
    var styles = StylesHandler()
    let stylesPath = rels.styles.map(Self.resolve) ?? "xl/styles.xml"
    if let xml = try Self.part(stylesPath, in: archive) {
      try Self.scan(xml, stylesPath, into: &styles)
    }
    dateStyles = styles.dateStyles
  }

  /// Hands the rows of sheet `index` (0 = the first) to `body`, in order;
  /// rows with no cells at all are left out.
  public func readRows(sheet index: Int = 0, _ body: (XLSXRow) -> Void) throws(XLSXReadError) {
    guard sheetPaths.indices.contains(index) else {
      throw XLSXReadError("the workbook has no sheet \(index + 1)")
    }
    let path = sheetPaths[index]
    guard let xml = try Self.part(path, in: archive) else {
      throw XLSXReadError("the sheet '\(sheetNames[index])' is missing from the workbook (\(path))")
    }
    let problem = try withoutActuallyEscaping(body) { (body) throws(XLSXReadError) -> String? in
      var handler = SheetHandler(shared: sharedStrings, dateStyles: dateStyles, date1904: date1904, body: body)
      try Self.scan(xml, path, into: &handler)
      return handler.problem
    }
    if let problem { throw XLSXReadError("\(sheetNames[index]): \(problem)") }
  }

  /// All rows of sheet `index`.
  public func rows(sheet index: Int = 0) throws(XLSXReadError) -> [XLSXRow] {
    var out: [XLSXRow] = []
    try readRows(sheet: index) { out.append($0) }
    return out
  }

  // MARK: Parts

  private static func part(_ path: String, in archive: Archive) throws(XLSXReadError) -> [UInt8]? {
    guard let entry = archive[path] ?? archive.first(where: { $0.path.lowercased() == path.lowercased() }) else {
      return nil
    }
    guard entry.uncompressedSize <= maxPartSize else {
      throw XLSXReadError("\(path) is larger than \(maxPartSize >> 30) GiB unzipped; split the workbook")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(entry.uncompressedSize))
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(contentsOf: chunk) }
    } catch {
      throw XLSXReadError("\(path) cannot be unzipped (\(error)); the workbook may be damaged")
    }
    return bytes
  }

  private static func scan<H: XMLHandler>(_ bytes: [UInt8], _ path: String, into h: inout H) throws(XLSXReadError) {
    do {
      try XMLScanner.scan(bytes, into: &h)
    } catch {
      throw XLSXReadError("\(path) is not well-formed XML (\(error.message)); the workbook may be damaged")
    }
  }

  /// A relationship target as a path in the archive (relative to `xl/`, or absolute).
  static func resolve(_ target: String) -> String {
    var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
    for p in target.split(separator: "/") {
      if p == "." || p.isEmpty { continue }
      if p == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else {
        parts.append(p)
      }
    }
    return parts.joined(separator: "/")
  }

  // MARK: Text of numbers

  /// `28` for 28.0; other numbers to 15 significant digits as Excel shows
  /// them (`0.3` for 0.30000000000000004, `0.015` for 1.5E-2); the file's
  /// own text when that would need an exponent.
  static func numberText(_ raw: String) -> String {
    guard let x = Double(raw), x.isFinite else { return raw }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    let shown = String(format: "%.15g", x)
    return shown.contains("e") ? raw : shown
  }
}

// MARK: - The parts' handlers

private struct WorkbookHandler: XMLHandler {
  var sheets: [(name: String, relationship: String?)] = []
  var date1904 = false
  var wantsText: Bool { false }

  mutating func start(_ name: String, _ a: XMLAttributes) {
    switch name {
    case "sheet": sheets.append((a["name"] ?? "Sheet\(sheets.count + 1)", a["id"]))
    case "workbookPr":
      if let v = a["date1904"] { date1904 = v == "1" || v.lowercased() == "true" }
    default: break
    }
  }
  mutating func end(_ name: String) {}
  mutating func text(_ text: String) {}
}

private struct RelationshipsHandler: XMLHandler {
  var targets: [String: String] = [:]
  var sharedStrings: String?
  var styles: String?
  var wantsText: Bool { false }

  mutating func start(_ name: String, _ a: XMLAttributes) {
    guard name == "Relationship", let id = a["Id"], let target = a["Target"] else { return }
    targets[id] = target
    let type = a["Type"] ?? ""
    if type.hasSuffix("/sharedStrings") { sharedStrings = target }
    if type.hasSuffix("/styles") { styles = target }
  }
  mutating func end(_ name: String) {}
  mutating func text(_ text: String) {}
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>`; phonetic runs `<rPh>` are left out.
private struct SharedStringsHandler: XMLHandler {
  var strings: [String] = []
  private var current = ""
  private var inItem = false
  private var inText = false
  private var phonetic = 0
  var wantsText: Bool { inText && phonetic == 0 }

  mutating func start(_ name: String, _ a: XMLAttributes) {
    switch name {
    case "si":
      inItem = true
      current = ""
    case "t": inText = inItem
    case "rPh": phonetic += 1
    default: break
    }
  }
  mutating func end(_ name: String) {
    switch name {
    case "si":
      strings.append(unescapeXString(current))
      inItem = false
    case "t": inText = false
    case "rPh": phonetic -= 1
    default: break
    }
  }
  mutating func text(_ text: String) { current += text }
}

/// Which cell styles (`<cellXfs>` indices) show numbers as dates.
struct StylesHandler: XMLHandler {
  var dateStyles: Set<Int> = []
  private var customDates: Set<Int> = []
  private var inCellXfs = false
  private var xfIndex = 0
  var wantsText: Bool { false }

  /// Built-in formats that show a date: 14–17, 22, and the East Asian ones.
  static let builtInDates: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]

  mutating func start(_ name: String, _ a: XMLAttributes) {
    switch name {
    case "numFmt":
      if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"], Self.isDateFormat(code) {
        customDates.insert(id)
      }
    case "cellXfs":
      inCellXfs = true
      xfIndex = 0
    case "xf" where inCellXfs:
      let id = a["numFmtId"].flatMap { Int($0) } ?? 0
      if Self.builtInDates.contains(id) || customDates.contains(id) { dateStyles.insert(xfIndex) }
      xfIndex += 1
    default: break
    }
  }
  mutating func end(_ name: String) {
    if name == "cellXfs" { inCellXfs = false }
  }
  mutating func text(_ text: String) {}

  /// A format code shows a date when, outside quoted text, `[…]` and `\`
  /// escapes, it has a `y`, a `d` or an `e` (the East Asian era year).
  static func isDateFormat(_ code: String) -> Bool {
    var quoted = false
    var bracket = false
    var escaped = false
    for ch in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch ch {
      case "\\" where !quoted: escaped = true
      case "\"": quoted.toggle()
      case "[" where !quoted: bracket = true
      case "]" where !quoted: bracket = false
      case "y", "d", "e":
        if !quoted, !bracket { return true }
      default: break
      }
    }
    return false
  }
}

/// Rows of a worksheet, handed over one at a time.
private struct SheetHandler: XMLHandler {
  let shared: [String]
  let dateStyles: Set<Int>
  let date1904: Bool
  let body: (XLSXRow) -> Void
  var problem: String?

  private var rowNumber = 0
  private var cells: [String] = []
  private var inRow = false
  private var column = 0
  private var type = ""
  private var style = 0
  private var value = ""
  private var inline = ""
  private var collecting = false
  private var inInline = false
  private var phonetic = 0
  var wantsText: Bool { collecting && phonetic == 0 }

  init(shared: [String], dateStyles: Set<Int>, date1904: Bool, body: @escaping (XLSXRow) -> Void) {
    self.shared = shared
    self.dateStyles = dateStyles
    self.date1904 = date1904
    self.body = body
  }

  mutating func start(_ name: String, _ a: XMLAttributes) {
    switch name {
    case "row":
      rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
      cells = []
      inRow = true
      column = 0
    case "c":
      if let ref = a["r"], let col = XLSXColumnName.index(ofReference: ref) { column = col }
      type = a["t"] ?? "n"
      style = a["s"].flatMap { Int($0) } ?? 0
      value = ""
      inline = ""
    case "v":
      collecting = true
    case "is":
      inInline = true
    case "t" where inInline:
      collecting = true
    case "rPh":
      phonetic += 1
    default: break
    }
  }

  mutating func end(_ name: String) {
    switch name {
    case "v", "t":
      collecting = false
    case "is":
      inInline = false
    case "rPh":
      phonetic -= 1
    case "c":
      let text = cellText()
      if column < 16_384 {
        if !text.isEmpty {
          if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count)) }
          cells[column] = text
        }
      } else if problem == nil {
        problem = "row \(rowNumber) has a cell beyond column XFD"
      }
      column += 1
    case "row":
      if inRow, !cells.isEmpty { body(XLSXRow(number: rowNumber, cells: cells)) }
      inRow = false
    default: break
    }
  }

  mutating func text(_ text: String) {
    if inInline { inline += text } else { value += text }
  }

  private func cellText() -> String {
    switch type {
    case "s":
      guard let i = Int(value.trimmingSpaces), shared.indices.contains(i) else { return "" }
      return shared[i]
    case "inlineStr":
      return unescapeXString(inline)
    case "str", "e":
      return unescapeXString(value)
    case "b":
      return value == "1" ? "TRUE" : (value == "0" ? "FALSE" : value)
    case "d":
      return String(value.prefix(10))
    default:
      let raw = value.trimmingSpaces
      if raw.isEmpty { return "" }
      if dateStyles.contains(style), let x = Double(raw), let iso = ExcelDate.iso(serial: x, date1904: date1904) {
        return iso
      }
      return XLSXReader.numberText(raw)
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}

/// Excel's escapes of characters XML cannot hold: `_x000D_` is a carriage
/// return, `_x005F_` a literal underscore.
func unescapeXString(_ s: String) -> String {
  guard s.contains("_x") else { return s }
  var out = ""
  var rest = Substring(s)
  while let r = rest.range(of: "_x") {
    out += rest[..<r.lowerBound]
    let after = rest[r.upperBound...]
    let hex = after.prefix(4)
    if hex.count == 4, after.dropFirst(4).first == "_", let v = UInt32(hex, radix: 16), let u = UnicodeScalar(v) {
      out.unicodeScalars.append(u)
      rest = after.dropFirst(5)
    } else {
      out += "_x"
      rest = after
    }
  }
  out += rest
  return out
}
