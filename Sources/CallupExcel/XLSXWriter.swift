import CXLSXWriter
import Foundation

/// Why a workbook could not be written.
public struct XLSXWriteError: Error, Sendable, CustomStringConvertible {
  /// The libxlsxwriter error number (`lxw_error`), or nil for errors found before it was called.
  public var code: Int?
  /// What went wrong, in plain words.
  public var message: String

  public init(code: Int? = nil, _ message: String) {
    self.code = code
    self.message = message
  }

  init(_ error: lxw_error, while doing: String) {
    let text = lxw_strerror(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
    self.init(code: Int(error.rawValue), "\(doing): \(text)")
  }

  public var description: String { message }
}

/// A value of one cell.
public enum XLSXCell: Hashable, Sendable {
  case text(String)
  case number(Double)
  /// A calendar date `YYYY-MM-DD`, written as an Excel date formatted `yyyy-mm-dd`
  /// (text that is not such a date is written as text).
  case date(String)
  case empty
}

/// A column of a sheet: its header and its width in characters.
public struct XLSXColumn: Hashable, Sendable {
  public var header: String
  public var width: Double
  public init(_ header: String, width: Double) {
    self.header = header
    self.width = width
  }
}

/// A workbook written with libxlsxwriter, one sheet after another, each
/// sheet one row after another.
///
/// The workbook runs in libxlsxwriter's constant-memory mode: each finished
/// row goes to a temporary file, so memory does not grow with the number of
/// rows (a sheet holds at most 1,048,575 data rows, Excel's limit). Strings
/// are written inline, not as shared strings.
///
/// ```swift
/// let book = try XLSXWorkbook(url: url)
/// let sheet = try book.addSheet("名单", columns: [XLSXColumn("序号", width: 6), XLSXColumn("姓名", width: 10)])
/// try sheet.append([.number(1), .text("张三")])
/// try book.close()
/// ```
///
/// Every libxlsxwriter error becomes an `XLSXWriteError`; nothing here traps.
public final class XLSXWorkbook {
  private var book: UnsafeMutablePointer<lxw_workbook>?
  private let header: UnsafeMutablePointer<lxw_format>
  private let dateFormat: UnsafeMutablePointer<lxw_format>
  private var names = XLSXSheetNames()
  private var sheets: [XLSXSheet] = []
  /// The file the workbook is written to on `close()`.
  public let url: URL

  /// Starts a workbook that `close()` writes to `url`.
  public init(url: URL) throws(XLSXWriteError) {
    self.url = url
    var options = lxw_workbook_options()
    options.constant_memory = UInt8(LXW_TRUE.rawValue)
    let made = url.path.withCString { workbook_new_opt($0, &options) }
    guard let made else {
      throw XLSXWriteError("cannot start the workbook \(url.path) (out of memory or no temporary folder)")
    }
    guard let h = workbook_add_format(made), let d = workbook_add_format(made) else {
      lxw_workbook_free(made)
      throw XLSXWriteError("cannot add the cell formats to the workbook")
    }
    format_set_bold(h)
    format_set_pattern(h, UInt8(LXW_PATTERN_SOLID.rawValue))
    format_set_bg_color(h, 0xDDEBF7)
    format_set_bottom(h, UInt8(LXW_BORDER_THIN.rawValue))
    format_set_align(h, UInt8(LXW_ALIGN_CENTER.rawValue))
    format_set_align(h, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
    "yyyy-mm-dd".withCString { format_set_num_format(d, $0) }
    book = made
    header = h
    dateFormat = d
  }

  deinit {
    if let book { lxw_workbook_free(book) }
  }

  /// The titles of the sheets added so far, as written.
  public var sheetTitles: [String] { sheets.map(\.title) }

  /// Adds a sheet whose title is `title` made valid and unique (see
  /// `XLSXSheetNames`), writes its header row (bold, filled, frozen, with an
  /// autofilter) and sets the column widths.
  public func addSheet(_ title: String, columns: [XLSXColumn]) throws(XLSXWriteError) -> XLSXSheet {
    guard let book else { throw XLSXWriteError("the workbook is already closed") }
    guard !columns.isEmpty, columns.count <= Int(LXW_COL_MAX) else {
      throw XLSXWriteError("a sheet needs between 1 and \(LXW_COL_MAX) columns, not \(columns.count)")
    }
    var name = names.claim(title)
    if name.withCString({ workbook_validate_sheet_name(book, $0) }) != LXW_NO_ERROR {
      name = names.claim("Sheet\(sheets.count + 1)")
    }
    guard let ws = name.withCString({ workbook_add_worksheet(book, $0) }) else {
      throw XLSXWriteError("cannot add the sheet '\(name)'")
    }
    let sheet = XLSXSheet(title: name, worksheet: ws, dateFormat: dateFormat, columns: columns.count)
    for (i, c) in columns.enumerated() {
      let col = lxw_col_t(i)
      let e = worksheet_set_column(ws, col, col, c.width, nil)
      if e != LXW_NO_ERROR { throw XLSXWriteError(e, while: "setting the width of column \(i + 1) of '\(name)'") }
    }
    try sheet.write(columns.map { .text($0.header) }, format: header)
    worksheet_freeze_panes(ws, 1, 0)
    let e = worksheet_autofilter(ws, 0, 0, 0, lxw_col_t(columns.count - 1))
    if e != LXW_NO_ERROR { throw XLSXWriteError(e, while: "adding the filter of '\(name)'") }
    sheets.append(sheet)
    return sheet
  }

  /// Writes the workbook to its file and releases it (also when it fails).
  public func close() throws(XLSXWriteError) {
    guard let b = book else { throw XLSXWriteError("the workbook is already closed") }
    book = nil
    for s in sheets { s.closed = true }
    if sheets.isEmpty {
      lxw_workbook_free(b)
      throw XLSXWriteError("a workbook needs at least one sheet")
    }
    let e = workbook_close(b)  // frees the workbook whatever it returns
    if e != LXW_NO_ERROR { throw XLSXWriteError(e, while: "writing \(url.path)") }
  }

  /// Builds a workbook with `build` and returns the bytes of the .xlsx file
  /// (written through a temporary file that is removed afterwards).
  public static func data(_ build: (XLSXWorkbook) throws -> Void) throws -> Data {
    let temp = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "callup-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).xlsx")
    defer { try? FileManager.default.removeItem(at: temp) }
    let book = try XLSXWorkbook(url: temp)
    try build(book)
    try book.close()
    do {
      return try Data(contentsOf: temp)
    } catch {
      throw XLSXWriteError("cannot read back the written workbook (\(error.localizedDescription))")
    }
  }
}

/// One sheet of an `XLSXWorkbook`; rows are appended below the header.
public final class XLSXSheet {
  /// The title as written (valid and unique in its workbook).
  public let title: String
  private let worksheet: UnsafeMutablePointer<lxw_worksheet>
  private let dateFormat: UnsafeMutablePointer<lxw_format>
  private let columns: Int
  private var nextRow: Int = 0
  fileprivate var closed = false

  fileprivate init(
    title: String, worksheet: UnsafeMutablePointer<lxw_worksheet>, dateFormat: UnsafeMutablePointer<lxw_format>,
    columns: Int
  ) {
    self.title = title
    self.worksheet = worksheet
    self.dateFormat = dateFormat
    self.columns = columns
  }

  /// Data rows written so far.
  public var rowCount: Int { max(0, nextRow - 1) }

  /// Appends one row (cells beyond the sheet's columns are an error).
  public func append(_ row: [XLSXCell]) throws(XLSXWriteError) {
    try write(row, format: nil)
  }

  fileprivate func write(_ row: [XLSXCell], format: UnsafeMutablePointer<lxw_format>?) throws(XLSXWriteError) {
    guard !closed else { throw XLSXWriteError("the workbook of sheet '\(title)' is already closed") }
    guard row.count <= columns else {
      throw XLSXWriteError("a row of '\(title)' has \(row.count) cells but the sheet has \(columns) columns")
    }
    guard nextRow < Int(LXW_ROW_MAX) else {
      throw XLSXWriteError("the sheet '\(title)' is full: a sheet holds at most \(LXW_ROW_MAX) rows")
    }
    let r = lxw_row_t(nextRow)
    for (i, cell) in row.enumerated() {
      let c = lxw_col_t(i)
      let e: lxw_error
      switch cell {
      case .text(let s):
        e = Self.cleanText(s).withCString { worksheet_write_string(worksheet, r, c, $0, format) }
      case .number(let x):
        e =
          x.isFinite
          ? worksheet_write_number(worksheet, r, c, x, format) : worksheet_write_blank(worksheet, r, c, format)
      case .date(let iso):
        if let d = ExcelDate.components(iso: iso) {
          var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
          e = worksheet_write_datetime(worksheet, r, c, &dt, format ?? dateFormat)
        } else {
          e = Self.cleanText(iso).withCString { worksheet_write_string(worksheet, r, c, $0, format) }
        }
      case .empty:
        e = format == nil ? LXW_NO_ERROR : worksheet_write_blank(worksheet, r, c, format)
      }
      if e != LXW_NO_ERROR {
        throw XLSXWriteError(e, while: "writing row \(nextRow + 1), column \(XLSXColumnName.letters(i)) of '\(title)'")
      }
    }
    nextRow += 1
  }

  /// Text without NUL (which would end a C string early), cut to Excel's
  /// 32,767 characters per cell.
  static func cleanText(_ s: String) -> String {
    var t = s.contains("\0") ? s.replacingOccurrences(of: "\0", with: "") : s
    if t.utf16.count > 32_767 || t.utf8.count > 32_767 {
      var out = ""
      var bytes = 0
      for ch in t {
        let n = ch.utf8.count
        if bytes + n > 32_767 { break }
        bytes += n
        out.append(ch)
      }
      t = out
    }
    return t
  }
}

/// Column letters of the A1 notation.
public enum XLSXColumnName {
  /// `A` for 0, `Z` for 25, `AA` for 26.
  public static func letters(_ index: Int) -> String {
    var n = index + 1
    var s: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      s.append(Character(UnicodeScalar(UInt8(65 + r))))
      n = (n - 1) / 26
    }
    return String(s.reversed())
  }

  /// The 0-based column of a cell reference such as `D14` (nil without letters).
  public static func index(ofReference ref: some StringProtocol) -> Int? {
    var n = 0
    var any = false
    for b in ref.utf8 {
      let u = b & 0xDF  // upper case
      guard u >= 65, u <= 90 else { break }
      n = n * 26 + Int(u - 64)
      any = true
      if n > 1_000_000 { return nil }
    }
    return any ? n - 1 : nil
  }
}
