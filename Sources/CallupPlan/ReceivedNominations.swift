import CallupDomain
import Foundation

/// nominations.csv: every row of units' lists a review received, as
/// written, with the file, sheet and line it came from, so that a later
/// review into the same directory keeps what the units not sending new
/// lists sent before (docs/nominations.md). Written through the formula
/// guard, read back without it.
public enum ReceivedNominations {
  /// `unit,unit_name,class,class_name,cadre,name,note,file,sheet,line,fields`.
  public static let header = [
    "unit", "unit_name", "class", "class_name", "cadre", "name", "note", "file", "sheet", "line", "fields",
  ]
  static let cells: [NominationColumn] = [.unit, .unitName, .classID, .className, .cadre, .name, .note]

  public static func csv(_ rows: [NominationRow]) -> String {
    var csv = CSVText(header: header)
    for r in rows {
      // The columns the list had, with their fields: `unit:1 class:3 name:4`.
      let fields = NominationColumn.allCases.compactMap { c in r.fields[c].map { "\(c.rawValue):\($0)" } }
      csv.append(cells.map { r[$0] } + [r.file, r.sheet ?? "", String(r.line), fields.joined(separator: " ")])
    }
    return csv.text
  }

  /// The rows of `directory/nominations.csv`; nil when there is none.
  ///
  /// - Throws: ``PlanReadError`` when the file is there but is not one this
  ///   type wrote.
  public static func read(_ directory: URL) throws(PlanReadError) -> [NominationRow]? {
    let url = directory.appendingPathComponent("nominations.csv")
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let doc: CSVDocument
    do {
      doc = try CSVDocument.read(url)
    } catch {
      throw PlanReadError("\(url.path):\(error.line.map(String.init) ?? ""): \(error.message)")
    }
    let index = Dictionary(doc.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    guard header.allSatisfy({ index[$0] != nil }) else {
      throw PlanReadError(
        "\(url.path) is not the list of nominations a review writes (its header is \(doc.header.joined(separator: ","))); remove it to review afresh."
      )
    }
    return try doc.records.map { (record) throws(PlanReadError) -> NominationRow in
      func cell(_ name: String) -> String {
        let i = index[name]!
        return i < record.fields.count ? CSVText.unguarded(record.fields[i]) : ""
      }
      guard let line = Int(cell("line")) else {
        throw PlanReadError("\(url.path):\(record.line): the line '\(cell("line"))' is not a number.")
      }
      var values: [NominationColumn: String] = [:]
      for c in cells where !cell(c.rawValue).isEmpty { values[c] = cell(c.rawValue) }
      var fields: [NominationColumn: Int] = [:]
      for part in cell("fields").split(separator: " ") {
        let pair = part.split(separator: ":")
        if pair.count == 2, let c = NominationColumn(rawValue: String(pair[0])), let f = Int(pair[1]) { fields[c] = f }
      }
      let sheet = cell("sheet")
      return NominationRow(
        file: cell("file"), sheet: sheet.isEmpty ? nil : sheet, line: line, cells: values, fields: fields)
    }
  }
}
