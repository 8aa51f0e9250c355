/// A place in an input file: the file, a 1-based line and, where it is known,
/// a 1-based column (for CSV, the field number; `columnName` is its header).
///
/// In a workbook (`sheet` given), `line` is the row number and the column is
/// shown as its letters: `cadres.xlsx:Sheet1:14:D (rank)`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var columnName: String?
  /// The sheet of a workbook, or nil for a text file.
  public var sheet: String?

  public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, sheet: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.sheet = sheet
  }

  /// `cadres.csv:14:4 (rank)`, `cadres.xlsx:Sheet1:14:D (rank)`, `scenario.yaml:3:7`, `units.csv`.
  public var description: String {
    var s = file
    if let sheet { s += ":\(sheet)" }
    if let line { s += ":\(line)" }
    if let column { s += ":" + (sheet == nil ? String(column) : Self.letters(column)) }
    if let columnName { s += " (\(columnName))" }
    return s
  }

  /// Column letters of a 1-based column: 1 → `A`, 27 → `AA`.
  static func letters(_ column: Int) -> String {
    guard column >= 1 else { return String(column) }
    var n = column
    var out: [Character] = []
    while n > 0 {
      out.append(Character(UnicodeScalar(UInt8(65 + (n - 1) % 26))))
      n = (n - 1) / 26
    }
    return String(out.reversed())
  }
}

/// One defect of the input, said for a planner.
public struct InputIssue: Hashable, Sendable, CustomStringConvertible {
  public var location: SourceLocation
  public var message: String

  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): \(message)" }
}

/// Every defect found in a scenario, reported all at once. Nothing is planned
/// or written when a scenario has one (`callup` exits with 65).
public struct InputError: Error, Sendable, CustomStringConvertible {
  public var issues: [InputIssue]
  public init(_ issues: [InputIssue]) { self.issues = issues }

  public var description: String {
    let head = issues.count == 1 ? "The scenario has 1 error:" : "The scenario has \(issues.count) errors:"
    return ([head] + issues.map { "  \($0)" }).joined(separator: "\n")
  }
}
