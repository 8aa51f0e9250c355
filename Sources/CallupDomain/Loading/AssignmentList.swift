import Foundation

/// The columns of a list of call-ups made elsewhere (`callup analyse`): a
/// cadre and a class on each row, by id.
public enum AssignmentColumn: String, CaseIterable, Hashable, Sendable {
  case cadre
  case classID = "class"
}

extension AssignmentColumn: CSVColumns {
  static let required: Set<AssignmentColumn> = [.cadre, .classID]
  static let aliases: [String: AssignmentColumn] = ["干部编号": .cadre, "班次编号": .classID]
}

/// Reads a list of call-ups: CSV (UTF-8 or GB18030) or the first sheet of
/// an .xlsx workbook, headers `cadre,class` or 干部编号, 班次编号.
public enum AssignmentList {
  /// The (cadre, class) indices of `scenario` on each row, in the order of
  /// the file, each pair once.
  ///
  /// - Throws: ``InputError`` with every defect, each with its file, line
  ///   and column: a cadre or class the scenario does not have, a class
  ///   outside the scenario's first year, a pair listed twice, or anything
  ///   that keeps the file from being read.
  public static func read(_ url: URL, file: String, scenario s: Scenario) throws(InputError) -> [(
    cadre: Int, klass: Int
  )] {
    let issues = IssueLog()
    var pairs: [(cadre: Int, klass: Int)] = []
    var seen: [Int: Int] = [:]  // pair key → line
    _ = TableFile.read(url, file: file, columns: AssignmentColumn.self, issues: issues) { r in
      if r.malformed { return }
      func at(_ c: AssignmentColumn) -> SourceLocation {
        SourceLocation(
          file: file, line: r.line, column: r.layout.field(c).map { $0 + 1 }, columnName: c.rawValue,
          sheet: r.layout.sheet)
      }
      let cadre = r[.cadre].string, klass = r[.classID].string
      guard let ci = s.cadreIndex[CadreID(cadre)] else {
        return issues.add(at(.cadre), "no cadre '\(cadre)' in the scenario")
      }
      guard let ki = s.classIndex[ClassID(klass)] else {
        return issues.add(at(.classID), "no class '\(klass)' in the scenario")
      }
      guard s.classes[ki].year == s.year else {
        return issues.add(at(.classID), "class '\(klass)' is in \(s.classes[ki].year), not the plan's year \(s.year)")
      }
      let key = ci * s.classes.count + ki
      if let first = seen[key] {
        return issues.add(at(.classID), "'\(cadre)' in '\(klass)' again (first on line \(first))")
      }
      seen[key] = r.line
      pairs.append((ci, ki))
    }
    guard issues.isEmpty else { throw InputError(issues.finish()) }
    return pairs
  }
}
