import Foundation
import Yams

/// One YAML file being read: its name for messages and the log its defects go
/// to. Every value is taken from a `Yams.Node`, so every message carries the
/// line and column of the node it is about.
struct YAMLSource {
  /// The file as messages name it (`scenario.yaml`, `../../policies/default.yaml`).
  let file: String
  let issues: IssueLog

  // MARK: Reading a file

  /// Reads and composes `url`; nil (with the defect logged) when the file
  /// cannot be read or is not YAML.
  static func compose(_ url: URL, file: String, issues: IssueLog) -> Node? {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      issues.add(SourceLocation(file: file), "cannot read the file (\(error.localizedDescription)).")
      return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
      issues.add(SourceLocation(file: file), "the file is not UTF-8 text.")
      return nil
    }
    return compose(text: text, file: file, issues: issues)
  }

  /// Composes YAML text; nil (with the defect logged) when it is not YAML or empty.
  static func compose(text: String, file: String, issues: IssueLog) -> Node? {
    var text = text
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        issues.add(SourceLocation(file: file), "the file is empty.")
        return nil
      }
      return node
    } catch let error as YamlError {
      let (mark, message) = describe(error)
      issues.add(SourceLocation(file: file, line: mark?.line, column: mark?.column), message)
      return nil
    } catch {
      issues.add(SourceLocation(file: file), "is not valid YAML (\(error)).")
      return nil
    }
  }

  private static func describe(_ error: YamlError) -> (Mark?, String) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var s = "not valid YAML: \(problem)"
      if let context { s += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
      return (mark, s + ".")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return (context.mark, "the key \(keys) is given twice in the same mapping; give each key once.")
    case .reader(let problem, _, _, _):
      return (nil, "the file cannot be read as text: \(problem).")
    default:
      return (nil, "not valid YAML (\(error)).")
    }
  }

  // MARK: Locations and messages

  func location(_ node: Node) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
  }

  func error(_ node: Node, _ message: String) {
    issues.add(location(node), message)
  }

  // MARK: Mappings

  /// The node as a mapping of string keys, or nil (logged) if it is not one.
  func mapping(_ node: Node, what: String) -> YAMLMap? {
    guard case .mapping(let m) = node else {
      error(node, "\(what) must be a mapping of `key: value` lines.")
      return nil
    }
    var entries: [YAMLMap.Entry] = []
    entries.reserveCapacity(m.count)
    for (k, v) in m {
      guard case .scalar(let s) = k else {
        error(k, "a key of \(what) must be a plain word.")
        continue
      }
      entries.append(YAMLMap.Entry(key: s.string, keyNode: k, value: v))
    }
    return YAMLMap(node: node, entries: entries, source: self)
  }

  // MARK: Scalars

  /// True for an empty value (`key:`, `~`, `null`).
  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node else { return false }
    guard s.style == .plain || s.style == .any else { return false }
    switch s.string {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }

  /// The text of a scalar value; nil (logged) for a list or mapping.
  func text(_ node: Node, key: String) -> String? {
    guard case .scalar(let s) = node else {
      error(node, "`\(key)` must be a single value, not a list or mapping.")
      return nil
    }
    return s.string.trimmingCharacters(in: .whitespaces)
  }

  /// A non-empty string.
  func string(_ node: Node, key: String) -> String? {
    guard let t = text(node, key: key) else { return nil }
    if t.isEmpty {
      error(node, "`\(key)` is empty.")
      return nil
    }
    return t
  }

  /// A whole number in `range`.
  func int(_ node: Node, key: String, in range: ClosedRange<Int>) -> Int? {
    guard let t = text(node, key: key) else { return nil }
    guard let v = Int(t) else {
      error(node, "`\(key)` must be a whole number, not '\(t)'.")
      return nil
    }
    guard range.contains(v) else {
      error(node, "`\(key)` is \(v); \(Self.describe(range)).")
      return nil
    }
    return v
  }

  /// A finite number of at least `minimum`.
  func number(_ node: Node, key: String, minimum: Double = 0, exclusive: Bool = false) -> Double? {
    guard let t = text(node, key: key) else { return nil }
    guard let v = Double(t), v.isFinite else {
      error(node, "`\(key)` must be a number, not '\(t)'.")
      return nil
    }
    if exclusive ? v <= minimum : v < minimum {
      error(node, "`\(key)` is \(t); it must be \(exclusive ? "more than" : "at least") \(Self.format(minimum)).")
      return nil
    }
    return v
  }

  /// A share: a decimal read exactly from the text (never through a binary
  /// double), between 0 and 1, with at most 6 decimal places.
  func share(_ node: Node, key: String) -> ExactDecimal? {
    guard let t = text(node, key: key) else { return nil }
    guard let d = ExactDecimal(t) else {
      error(node, "`\(key)` must be a decimal between 0 and 1 such as 0.2, not '\(t)'.")
      return nil
    }
    if d.scale > 6 {
      error(node, "`\(key)` has more than 6 decimal places ('\(t)'); round it.")
      return nil
    }
    if ExactDecimal(1) < d {
      error(node, "`\(key)` is \(t); a share must be between 0 and 1.")
      return nil
    }
    return d
  }

  /// The items of a list; a single value counts as a list of one.
  func list(_ node: Node, key: String) -> [Node]? {
    switch node {
    case .sequence(let s): return Array(s)
    case .scalar: return Self.isNull(node) ? [] : [node]
    default:
      error(node, "`\(key)` must be a list such as [a, b].")
      return nil
    }
  }

  /// A list of plain strings.
  func strings(_ node: Node, key: String) -> [String]? {
    guard let items = list(node, key: key) else { return nil }
    var out: [String] = []
    for item in items {
      guard let t = text(item, key: key) else { continue }
      if t.isEmpty { error(item, "`\(key)` has an empty entry.") } else { out.append(t) }
    }
    return out
  }

  /// A list of words of a closed vocabulary; each unknown word is logged with
  /// the allowed ones.
  func words<T: RawRepresentable & CaseIterable & Hashable>(
    _ node: Node, key: String, noun: String, as type: T.Type
  ) -> Set<T>? where T.RawValue == String {
    guard let items = list(node, key: key) else { return nil }
    var out = Set<T>()
    var ok = true
    for item in items {
      guard let t = text(item, key: key) else {
        ok = false
        continue
      }
      if let w = T(rawValue: t) {
        out.insert(w)
      } else {
        error(item, Vocabulary.unknown(noun, t, T.self))
        ok = false
      }
    }
    return ok ? out : nil
  }

  // MARK: Formatting

  static func describe(_ range: ClosedRange<Int>) -> String {
    if range.upperBound == Int.max { return "it must be at least \(range.lowerBound)" }
    return "it must be between \(range.lowerBound) and \(range.upperBound)"
  }

  static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }
}

/// A YAML mapping with string keys, read key by key. Keys that are not
/// asked for are reported by `rejectUnknownKeys`, so a typo never passes.
struct YAMLMap {
  struct Entry {
    let key: String
    let keyNode: Node
    let value: Node
  }
  let node: Node
  let entries: [Entry]
  let source: YAMLSource

  /// The value of `key`, or nil when the key is absent or its value is empty.
  subscript(key: String) -> Node? {
    guard let e = entries.last(where: { $0.key == key }) else { return nil }
    return YAMLSource.isNull(e.value) ? nil : e.value
  }

  /// True when the key is written, even with an empty value.
  func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

  /// Logs every key that is not in `allowed`, with a suggestion when one is close.
  func rejectUnknownKeys(_ allowed: [String], in what: String) {
    for e in entries where !allowed.contains(e.key) {
      var message = "unknown key '\(e.key)' in \(what)"
      if let near = Vocabulary.nearest(e.key, in: allowed) {
        message += "; did you mean '\(near)'? Allowed keys: "
      } else {
        message += "; allowed keys: "
      }
      message += allowed.joined(separator: ", ") + "."
      source.error(e.keyNode, message)
    }
  }
}

/// Messages about the closed vocabularies of the contract.
enum Vocabulary {
  /// `unknown rank 'chief'; use one of provincial, bureau, county, section, staff.`
  static func unknown<T: RawRepresentable & CaseIterable>(_ noun: String, _ word: some StringProtocol, _: T.Type)
    -> String where T.RawValue == String
  {
    "unknown \(noun) '\(word)'; use one of \(allowed(T.self))."
  }

  static func allowed<T: RawRepresentable & CaseIterable>(_: T.Type) -> String where T.RawValue == String {
    T.allCases.map(\.rawValue).joined(separator: ", ")
  }

  /// The candidate closest to `word` when it is a likely typo (edit distance ≤ 2).
  static func nearest(_ word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
      let d = distance(Array(word.lowercased()), Array(c))
      if d <= 2, d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
  }

  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[b.count]
  }
}
