import CallupExcel
import Foundation

/// Reads a table of the contract from the first sheet of an .xlsx workbook:
/// the first row with a value is the header (the contract's names or their
/// Chinese aliases), each later row a record. Cells are read as a CSV export
/// would show them (dates as `YYYY-MM-DD`, see `XLSXReader`), then go through
/// the same validation as CSV; defects name the sheet, row and column:
/// `cadres.xlsx:Sheet1:14:D (rank): …`.
enum XLSXTable {
  /// Returns false when the workbook could not be read whole; references to
  /// its ids are then not checked.
  @discardableResult
  static func read<C: CSVColumns>(
    _ url: URL, file: String, columns: C.Type, issues: IssueLog, body: (CSVRecord<C>) -> Void
  ) -> Bool {
    let book: XLSXReader
    do {
      book = try XLSXReader(url: url)
    } catch {
      issues.add(SourceLocation(file: file), "cannot read the workbook: \(error.message).")
      return false
    }
    let sheet = book.sheetNames[0]
    var layout: CSVLayout<C>?
    var headerSeen = false
    do {
      try book.readRows(sheet: 0) { row in
        if !headerSeen {
          if CSVTable.isEmptyRecord(row.cells) { return }
          headerSeen = true
          layout = CSVTable.layout(
            row.cells, file: file, sheet: sheet, headerLine: row.number, columns: C.self, issues: issues)
          return
        }
        guard let layout, !CSVTable.isEmptyRecord(row.cells) else { return }
        body(CSVRecord(layout: layout, fields: row.cells, line: row.number, malformed: false))
      }
    } catch {
      issues.add(SourceLocation(file: file, sheet: sheet), "cannot read the sheet: \(error.message).")
      return false
    }
    guard headerSeen else {
      issues.add(
        SourceLocation(file: file, line: 1, sheet: sheet),
        "the first sheet is empty; it needs a header row with the columns \(C.allCases.map(\.rawValue).joined(separator: ", "))."
      )
      return false
    }
    return layout != nil
  }
}

/// A table file of the contract, by its extension: `.xlsx` is a workbook,
/// anything else CSV.
enum TableFile {
  /// The extensions a table may have, in the order they are looked for.
  static let extensions = ["csv", "xlsx"]

  /// `reserve` is told about how many records a CSV file has, before the first.
  @discardableResult
  static func read<C: CSVColumns>(
    _ url: URL, file: String, columns: C.Type, issues: IssueLog, reserve: (Int) -> Void = { _ in },
    body: (CSVRecord<C>) -> Void
  ) -> Bool {
    if url.pathExtension.lowercased() == "xlsx" {
      return XLSXTable.read(url, file: file, columns: columns, issues: issues, body: body)
    }
    return CSVTable.read(url, file: file, columns: columns, issues: issues, reserve: reserve, body: body)
  }
}
