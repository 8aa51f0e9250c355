/// Collects the defects of a scenario while it is read, so that all of them
/// are reported at once.
///
/// A file with very many defects (a systematic mistake in a million-row
/// roster) lists its first `capPerFile` issues and then says how many more
/// there are.
final class IssueLog {
  private(set) var issues: [InputIssue] = []
  private var perFile: [String: Int] = [:]
  private var dropped: [(file: String, count: Int)] = []
  private var droppedIndex: [String: Int] = [:]
  let capPerFile: Int

  init(capPerFile: Int = 1000) { self.capPerFile = capPerFile }

  /// True when no defect was recorded.
  var isEmpty: Bool { issues.isEmpty && dropped.isEmpty }

  /// The number of defects recorded, listed or not.
  var count: Int { issues.count + dropped.reduce(0) { $0 + $1.count } }

  func add(_ location: SourceLocation, _ message: String) {
    let n = perFile[location.file, default: 0]
    if n < capPerFile {
      perFile[location.file] = n + 1
      issues.append(InputIssue(location, message))
    } else if let i = droppedIndex[location.file] {
      dropped[i].count += 1
    } else {
      droppedIndex[location.file] = dropped.count
      dropped.append((location.file, 1))
    }
  }

  /// The issues, followed by one line per file whose defects were not all listed.
  func finish() -> [InputIssue] {
    issues
      + dropped.map {
        InputIssue(
          SourceLocation(file: $0.file),
          "\($0.count) more error\($0.count == 1 ? "" : "s") in this file not listed; fix the ones above first.")
      }
  }
}
