import CallupDomain

/// Every defect of an input file of the ledger (a history CSV, an attendance
/// sheet, a plan), reported at once. Nothing is written to the ledger when a
/// file has one (`callup ledger` exits with 65).
///
/// ```text
/// history-2024.csv has 2 errors:
///   history-2024.csv:3:1 (cadre): unknown cadre 'P99'; it is not in the ledger's roster.
///   history-2024.csv:7:6 (start): '2024-02-30' is not a date; write YYYY-MM-DD.
/// ```
public struct LedgerInputError: Error, Sendable, CustomStringConvertible {
  /// The file the defects are in, as messages name it.
  public var file: String
  public var issues: [InputIssue]

  public init(file: String, issues: [InputIssue]) {
    self.file = file
    self.issues = issues
  }

  /// One defect of the file as a whole.
  public init(file: String, _ message: String, line: Int? = nil) {
    self.init(file: file, issues: [InputIssue(SourceLocation(file: file, line: line), message)])
  }

  public var description: String {
    let head = issues.count == 1 ? "\(file) has 1 error:" : "\(file) has \(issues.count) errors:"
    return ([head] + issues.map { "  \($0)" }).joined(separator: "\n")
  }
}

/// The ledger database could not be opened, migrated, read or written (exit 1).
public struct LedgerStoreError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Collects the defects of one file, listing at most `cap` of them.
struct IssueList {
  let file: String
  let cap: Int
  private(set) var issues: [InputIssue] = []
  private(set) var more = 0

  init(file: String, cap: Int = 200) {
    self.file = file
    self.cap = cap
  }

  var isEmpty: Bool { issues.isEmpty && more == 0 }
  var count: Int { issues.count + more }

  mutating func add(line: Int?, column: Int? = nil, columnName: String? = nil, _ message: String) {
    if issues.count < cap {
      issues.append(
        InputIssue(SourceLocation(file: file, line: line, column: column, columnName: columnName), message))
    } else {
      more += 1
    }
  }

  /// The error to throw, or nil when there was no defect.
  var error: LedgerInputError? {
    if isEmpty { return nil }
    var all = issues
    if more > 0 {
      all.append(
        InputIssue(
          SourceLocation(file: file),
          "\(more) more error\(more == 1 ? "" : "s") in this file not listed; fix the ones above first."))
    }
    return LedgerInputError(file: file, issues: all)
  }
}
