import Foundation

/// The columns of a unit's returned list (报名名单, docs/nominations.md):
/// who it nominates for which class. A list has a unit (`unit` or
/// `unit_name`), a class (`class` or `class_name`) and a cadre (`cadre`
/// or `name`); `note` is optional. Each cell may hold an id or a name:
/// the review resolves them against the scenario.
public enum NominationColumn: String, CaseIterable, Hashable, Sendable {
  case unit
  case unitName = "unit_name"
  case classID = "class"
  case className = "class_name"
  case cadre, name, note
}

extension NominationColumn: CSVColumns {
  static let required: Set<NominationColumn> = []
  static let requiredOneOf: [[NominationColumn]] = [[.unit, .unitName], [.classID, .className], [.cadre, .name]]
  static let aliases: [String: NominationColumn] = [
    "单位编号": .unit,
    "单位": .unitName, "单位名称": .unitName,
    "班次编号": .classID,
    "班次": .className, "班次名称": .className,
    "干部编号": .cadre,
    "姓名": .name,
    "备注": .note,
  ]
}

/// One row of a returned list, as written: its place in its file and its
/// cells (trimmed; empty when the list lacks the column).
public struct NominationRow: Sendable, Hashable {
  /// The file as named on the command line, the sheet of a workbook, the 1-based line (row).
  public var file: String
  public var sheet: String?
  public var line: Int
  public var cells: [NominationColumn: String]
  /// The 1-based field of each column the list has.
  public var fields: [NominationColumn: Int]

  public init(
    file: String, sheet: String? = nil, line: Int, cells: [NominationColumn: String],
    fields: [NominationColumn: Int] = [:]
  ) {
    self.file = file
    self.sheet = sheet
    self.line = line
    self.cells = cells
    self.fields = fields
  }

  public subscript(_ c: NominationColumn) -> String { cells[c] ?? "" }

  /// `list.csv:3:2 (class)`, `list.xlsx:名单:3:B (class)`.
  public func location(_ c: NominationColumn) -> SourceLocation {
    SourceLocation(file: file, line: line, column: fields[c], columnName: c.rawValue, sheet: sheet)
  }

  /// The row as a whole: `list.csv:3`.
  public var location: SourceLocation { SourceLocation(file: file, line: line, sheet: sheet) }
}

/// Reads units' returned lists: CSV (UTF-8, or GB18030 as Excel saves it on
/// Chinese Windows) or the first sheet of an .xlsx workbook, with the
/// contract's headers or their Chinese aliases, through the scenario
/// loader's table readers.
public enum NominationLists {
  /// Every row of every list, in the order of the files and their lines.
  ///
  /// - Throws: ``InputError`` with every defect that keeps a list or a row
  ///   from being read (no file, bytes that are neither UTF-8 nor GB18030,
  ///   not a workbook, a missing column, a row with more or fewer fields
  ///   than its header), each with its file, line and column.
  public static func read(_ files: [(url: URL, name: String)]) throws(InputError) -> [NominationRow] {
    let issues = IssueLog()
    var rows: [NominationRow] = []
    for f in files {
      TableFile.read(f.url, file: f.name, columns: NominationColumn.self, issues: issues) { r in
        if r.malformed { return }
        var cells: [NominationColumn: String] = [:]
        var fields: [NominationColumn: Int] = [:]
        for c in NominationColumn.allCases {
          guard let i = r.layout.field(c) else { continue }
          fields[c] = i + 1
          cells[c] = r[c].string
        }
        rows.append(NominationRow(file: f.name, sheet: r.layout.sheet, line: r.line, cells: cells, fields: fields))
      }
    }
    guard issues.isEmpty else { throw InputError(issues.finish()) }
    return rows
  }
}
