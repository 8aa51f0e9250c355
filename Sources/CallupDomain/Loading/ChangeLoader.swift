import Foundation
import Yams

/// Changes to a published call-up during the year (`callup replan
/// --changes FILE`): cadres withdrawn or unavailable for dates, classes
/// cancelled or resized, new classes.
///
/// ```yaml
/// withdraw:
///   - { cadre: P0012, reason: 病休 }
/// unavailable:
///   - { cadre: P0033, dates: "2025-05-01..2025-05-31", reason: 出差 }
/// cancel:
///   - { class: C017, reason: 师资调整 }
/// resize:
///   - { class: C020, capacity: 30, min_size: 10 }
/// new_classes: new-classes.csv    # classes.csv columns, beside this file
/// ```
public struct ScenarioChanges: Sendable {
  /// A cadre taken out of every call-up of the year.
  public struct Withdrawal: Hashable, Sendable {
    public var cadre: CadreID
    public var reason: String
    public var location: SourceLocation
  }
  /// A cadre who cannot attend on some dates.
  public struct Unavailability: Hashable, Sendable {
    public var cadre: CadreID
    public var dates: [DayRange]
    public var reason: String
    public var location: SourceLocation
  }
  /// A class that will not be held.
  public struct Cancellation: Hashable, Sendable {
    public var klass: ClassID
    public var reason: String
    public var location: SourceLocation
  }
  /// A class with a new capacity or minimum size.
  public struct Resize: Hashable, Sendable {
    public var klass: ClassID
    public var capacity: Int?
    public var minSize: Int?
    public var reason: String
    public var location: SourceLocation
  }

  public var file: String
  public var withdrawals: [Withdrawal] = []
  public var unavailabilities: [Unavailability] = []
  public var cancellations: [Cancellation] = []
  public var resizes: [Resize] = []
  public var newClasses: [TrainingClass] = []

  public init(file: String) { self.file = file }

  /// The number of changes listed.
  public var count: Int {
    withdrawals.count + unavailabilities.count + cancellations.count + resizes.count + newClasses.count
  }

  /// Reads a changes file; every defect is reported with its line and column.
  public static func load(_ url: URL, file: String? = nil) throws(InputError) -> ScenarioChanges {
    let name = file ?? url.lastPathComponent
    let issues = IssueLog()
    var changes = ScenarioChanges(file: name)
    guard let root = YAMLSource.compose(url, file: name, issues: issues) else { throw InputError(issues.finish()) }
    let s = YAMLSource(file: name, issues: issues)
    guard let map = s.mapping(root, what: "the changes file") else { throw InputError(issues.finish()) }
    map.rejectUnknownKeys(["withdraw", "unavailable", "cancel", "resize", "new_classes"], in: "the changes file")

    func entries(_ key: String, allowed: [String]) -> [YAMLMap] {
      guard let n = map[key] else { return [] }
      guard let list = s.list(n, key: key) else { return [] }
      return list.compactMap { item in
        guard let m = s.mapping(item, what: "an entry of `\(key)`") else { return nil }
        m.rejectUnknownKeys(allowed, in: "an entry of `\(key)`")
        return m
      }
    }
    func required(_ m: YAMLMap, _ key: String, in what: String) -> String? {
      guard let n = m[key] else {
        s.error(m.node, "an entry of `\(what)` needs `\(key)`.")
        return nil
      }
      return s.string(n, key: key)
    }
    func reason(_ m: YAMLMap) -> String { m["reason"].flatMap { s.text($0, key: "reason") } ?? "" }

    for m in entries("withdraw", allowed: ["cadre", "reason"]) {
      guard let c = required(m, "cadre", in: "withdraw") else { continue }
      changes.withdrawals.append(Withdrawal(cadre: CadreID(c), reason: reason(m), location: s.location(m.node)))
    }
    for m in entries("unavailable", allowed: ["cadre", "dates", "reason"]) {
      guard let c = required(m, "cadre", in: "unavailable"), let d = required(m, "dates", in: "unavailable") else {
        continue
      }
      var ranges: [DayRange] = []
      var ok = true
      for part in d.split(separator: ";") {
        let ends = part.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, let a = Day(iso: ends[0]), let b = Day(iso: ends[1]), a <= b else {
          s.error(m["dates"]!, "`dates` must be ranges like 2025-05-01..2025-05-31 (several joined by ;), not '\(d)'.")
          ok = false
          break
        }
        ranges.append(DayRange(first: a, last: b))
      }
      if ok {
        changes.unavailabilities.append(
          Unavailability(cadre: CadreID(c), dates: ranges, reason: reason(m), location: s.location(m.node)))
      }
    }
    for m in entries("cancel", allowed: ["class", "reason"]) {
      guard let k = required(m, "class", in: "cancel") else { continue }
      changes.cancellations.append(Cancellation(klass: ClassID(k), reason: reason(m), location: s.location(m.node)))
    }
    for m in entries("resize", allowed: ["class", "capacity", "min_size", "reason"]) {
      guard let k = required(m, "class", in: "resize") else { continue }
      let capacity = m["capacity"].flatMap { s.int($0, key: "capacity", in: 0...10_000_000) }
      let minSize = m["min_size"].flatMap { s.int($0, key: "min_size", in: 1...10_000_000) }
      if m["capacity"] == nil, m["min_size"] == nil {
        s.error(m.node, "a `resize` entry needs `capacity`, `min_size` or both.")
        continue
      }
      if let c = capacity, let lo = minSize, c < lo {
        s.error(m.node, "capacity \(c) is smaller than min_size \(lo); no class could be held.")
        continue
      }
      changes.resizes.append(
        Resize(klass: ClassID(k), capacity: capacity, minSize: minSize, reason: reason(m), location: s.location(m.node))
      )
    }
    if let n = map["new_classes"], let path = s.string(n, key: "new_classes") {
      let csv = URL(fileURLWithPath: path, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
      if FileManager.default.fileExists(atPath: csv.path) {
        let tables = TableReader(issues: issues)
        tables.readClasses(csv, file: path)
        changes.newClasses = tables.classes
      } else {
        s.error(n, "`new_classes` names \(path), which does not exist beside \(name).")
      }
    }
    guard issues.isEmpty else { throw InputError(issues.finish()) }
    return changes
  }

  /// The scenario with the changes made: withdrawn cadres unavailable all
  /// year, dates added, cancelled classes taken out of the catalogue,
  /// sizes changed, new classes added. Every id must be known (new class
  /// ids must not be).
  public func apply(to scenario: Scenario) throws(InputError) -> Scenario {
    var s = scenario
    var issues: [InputIssue] = []
    var cadreIndex = [CadreID: Int]()
    for (i, c) in s.cadres.enumerated() { cadreIndex[c.id] = i }
    var classIndex = [ClassID: Int]()
    for (i, k) in s.classes.enumerated() { classIndex[k.id] = i }
    let year = DayRange(
      first: Day(year: scenario.year, month: 1, day: 1)!, last: Day(year: scenario.year, month: 12, day: 31)!)
    for w in withdrawals {
      guard let i = cadreIndex[w.cadre] else {
        issues.append(InputIssue(w.location, "cadre '\(w.cadre)' is not in cadres.csv."))
        continue
      }
      s.cadres[i].unavailable.append(year)
    }
    for u in unavailabilities {
      guard let i = cadreIndex[u.cadre] else {
        issues.append(InputIssue(u.location, "cadre '\(u.cadre)' is not in cadres.csv."))
        continue
      }
      s.cadres[i].unavailable.append(contentsOf: u.dates)
    }
    for r in resizes {
      guard let i = classIndex[r.klass] else {
        issues.append(InputIssue(r.location, "class '\(r.klass)' is not in classes.csv."))
        continue
      }
      if let c = r.capacity { s.classes[i].capacity = c }
      if let m = r.minSize { s.classes[i].minSize = m }
      if let c = s.classes[i].capacity, c < s.classes[i].minSize {
        issues.append(
          InputIssue(
            r.location, "class '\(r.klass)' would have capacity \(c) below its min_size \(s.classes[i].minSize)."))
      }
    }
    var cancelled = Set<ClassID>()
    for c in cancellations {
      if classIndex[c.klass] == nil {
        issues.append(InputIssue(c.location, "class '\(c.klass)' is not in classes.csv."))
      }
      cancelled.insert(c.klass)
    }
    s.classes.removeAll { cancelled.contains($0.id) }
    for k in newClasses {
      if classIndex[k.id] != nil {
        issues.append(
          InputIssue(SourceLocation(file: file), "new class '\(k.id)' is already in classes.csv; give it a new id."))
        continue
      }
      s.classes.append(k)
    }
    guard issues.isEmpty else { throw InputError(issues) }
    s.reindex()
    return s
  }
}
