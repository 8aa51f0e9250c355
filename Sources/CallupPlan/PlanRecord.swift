import CallupDomain
import Foundation
import Modeling

/// A plan directory as written on disk (plan.json, and rosters.csv and
/// notices.csv for names and units): the product's one plan.json reader
/// (compare, explain, the ledger; the independent checker keeps its own
/// strict one). It reads leniently so that any plan — also one edited by
/// hand or written by another program — can be compared and explained:
/// fields a file lacks stay nil or empty, and entries it cannot read are
/// listed in `skipped`, for readers that must refuse them.
public struct PlanRecord: Sendable {
  /// One entry of plan.json's `classes`.
  public struct ClassEntry: Sendable, Hashable {
    /// The class id, whether it is held (false when the file does not say), its attendees.
    public var id: String
    public var held: Bool
    public var attendees: Int?
  }

  /// One entry of plan.json's `assignments`.
  public struct Assignment: Sendable, Hashable {
    /// Cadre id, class id, and the year for multi-year plans.
    public var cadre: String
    public var klass: String
    public var year: Int?
  }

  /// One entry of plan.json's `unmet`.
  public struct Unmet: Sendable, Hashable {
    /// Cadre id, rule id, year and the contract's reason word.
    public var cadre: String
    public var rule: String
    public var year: Int?
    public var reason: String
  }

  /// One entry of plan.json's `unit_shortfalls`.
  public struct Shortfall: Sendable, Hashable {
    /// Unit id, rule id, year, people required and planned, and the reason word.
    public var unit: String
    public var rule: String
    public var year: Int?
    public var required: Int?
    public var planned: Int?
    public var reason: String
  }

  /// One entry of plan.json's `targets`.
  public struct TargetEntry: Sendable, Hashable {
    /// Rule id, the programme (group, `seats`) name, year, range, planned figure and status word.
    public var rule: String
    public var name: String
    public var year: Int?
    public var lo: Int?
    public var hi: Int?
    public var planned: Int?
    public var status: String
    /// The label a planner reads: `rule` or `rule: name`.
    public var label: String { name.isEmpty ? rule : "\(rule): \(name)" }
  }

  /// One entry of plan.json's `conflicts`.
  public struct ConflictEntry: Sendable, Hashable {
    public var rules: [String]
    public var year: Int?
    public var message: String
    public var needed: Int?
    public var available: Int?
  }

  /// A cadre as rosters.csv / notices.csv name it.
  public struct Person: Sendable, Hashable {
    /// The cadre's name and unit id.
    public var name: String
    public var unit: String
  }

  /// The plan directory.
  public var directory: URL
  /// plan.json's `scenario`, `year`, `status`, `objective`, `bound`; `gap`
  /// as written, or computed from objective and bound.
  public var scenario: String?
  public var year: Int?
  /// plan.json's `horizon` (nil when absent: an annual plan).
  public var horizon: Int?
  public var status: String?
  public var objective: Double?
  public var bound: Double?
  public var gap: Double?
  /// plan.json's lists; entries without their ids are skipped.
  public var classes: [ClassEntry] = []
  public var assignments: [Assignment] = []
  public var unmet: [Unmet] = []
  /// plan.json's `unit_shortfalls`.
  public var shortfalls: [Shortfall] = []
  /// plan.json's `targets` and `conflicts`.
  public var targets: [TargetEntry] = []
  public var conflicts: [ConflictEntry] = []
  /// The numeric entries of `kpis`.
  public var kpis: [String: Double] = [:]
  /// Cadre id → name and unit id, from rosters.csv (or notices.csv).
  public var people: [String: Person] = [:]
  /// Unit id → unit name, from notices.csv.
  public var unitNames: [String: String] = [:]
  /// plan.json has an `assignments` list.
  public var hasAssignments = false
  /// plan.json has a `targets` list (a plan of a policy with targets).
  public var hasTargets = false
  /// Entries of plan.json's lists that were left out, as `list[index]`
  /// (0-based) with what they lack: `assignments[3] has no class`.
  public var skipped: [String] = []

  /// Reads `directory/plan.json` (required) and, when present, rosters.csv and notices.csv.
  ///
  /// - Throws: ``PlanReadError`` when plan.json is missing, is not JSON, or
  ///   is not an object.
  public static func read(_ directory: URL) throws(PlanReadError) -> PlanRecord {
    let url = directory.appendingPathComponent("plan.json")
    guard let data = FileManager.default.contents(atPath: url.path) else {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
        throw PlanReadError("\(directory.path) is not a plan directory (no such folder).")
      }
      throw PlanReadError("\(directory.path) has no plan.json: is it a plan directory written by `callup plan`?")
    }
    var r = try parse(data, file: url.path, directory: directory)
    r.readPeople()
    return r
  }

  /// Reads plan.json's text; `file` names it in errors. Names and units
  /// (`people`, `unitNames`) are read by `read(_:)` only.
  public static func parse(_ data: Data, file: String, directory: URL) throws(PlanReadError) -> PlanRecord {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = Data(bytes.dropFirst(3)) }
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: bytes)
    } catch {
      throw PlanReadError("\(file) is not valid JSON.")
    }
    guard let root = json as? [String: Any] else { throw PlanReadError("\(file) is not a JSON object.") }
    var r = PlanRecord(directory: directory)
    r.readFigures(root)
    r.readLists(root)
    r.readTargets(root)
    return r
  }

  mutating func readFigures(_ root: [String: Any]) {
    scenario = root["scenario"] as? String
    year = Self.int(root["year"])
    horizon = Self.int(root["horizon"])
    status = root["status"] as? String
    objective = Self.number(root["objective"])
    bound = Self.number(root["bound"])
    gap = Self.number(root["gap"])
    if gap == nil, let o = objective, let b = bound { gap = SolveResult.relativeGap(objective: o, bound: b) }
    if let k = root["kpis"] as? [String: Any] {
      for (key, v) in k { if let d = Self.number(v) { kpis[key] = d } }
    }
  }

  mutating func readLists(_ root: [String: Any]) {
    let int = Self.int
    for e in (root["classes"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let id = o["id"] as? String else { continue }
      classes.append(ClassEntry(id: id, held: (o["held"] as? Bool) ?? false, attendees: int(o["attendees"])))
    }
    hasAssignments = root["assignments"] is [Any]
    for (i, e) in ((root["assignments"] as? [Any]) ?? []).enumerated() {
      let o = e as? [String: Any]
      guard let c = o?["cadre"] as? String, let k = o?["class"] as? String else {
        skipped.append("assignments[\(i)] has no \(o?["cadre"] is String ? "class" : "cadre")")
        continue
      }
      assignments.append(Assignment(cadre: c, klass: k, year: int(o?["year"])))
    }
    for e in (root["unmet"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let c = o["cadre"] as? String, let rule = o["rule"] as? String else {
        continue
      }
      unmet.append(Unmet(cadre: c, rule: rule, year: int(o["year"]), reason: (o["reason"] as? String) ?? ""))
    }
    for e in (root["unit_shortfalls"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let u = o["unit"] as? String else { continue }
      shortfalls.append(
        Shortfall(
          unit: u, rule: (o["rule"] as? String) ?? "", year: int(o["year"]), required: int(o["required"]),
          planned: int(o["planned"]), reason: (o["reason"] as? String) ?? ""))
    }
  }
  mutating func readTargets(_ root: [String: Any]) {
    let int = Self.int
    hasTargets = root["targets"] is [Any]
    for e in (root["targets"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let rule = o["rule"] as? String else { continue }
      targets.append(
        TargetEntry(
          rule: rule, name: (o["name"] as? String) ?? "", year: int(o["year"]), lo: int(o["lo"]), hi: int(o["hi"]),
          planned: int(o["planned"]), status: (o["status"] as? String) ?? ""))
    }
    for e in (root["conflicts"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any] else { continue }
      conflicts.append(
        ConflictEntry(
          rules: (o["rules"] as? [Any])?.compactMap { $0 as? String } ?? [], year: int(o["year"]),
          message: (o["message"] as? String) ?? "", needed: int(o["needed"]), available: int(o["available"])))
    }
  }

  static func number(_ v: Any?) -> Double? {
    guard let v, let n = v as? NSNumber else { return nil }
    // JSONSerialization gives NSNumber for booleans as well: `true` is not a figure.
    if type(of: v as AnyObject) == booleanType { return nil }
    return n.doubleValue
  }

  static let booleanType: AnyClass = type(of: NSNumber(value: true))

  static func int(_ v: Any?) -> Int? {
    guard let d = number(v), d == d.rounded(), abs(d) < 1e15 else { return nil }
    return Int(d)
  }

  /// Names and units of cadres from rosters.csv, then notices.csv.
  mutating func readPeople() {
    for file in ["rosters.csv", "notices.csv"] {
      guard let csv = try? CSVDocument.read(directory.appendingPathComponent(file)) else { continue }
      func column(_ name: String) -> Int? { csv.header.firstIndex(of: name) }
      guard let ci = column("cadre"), let ui = column("unit") else { continue }
      let ni = column("name"), uni = column("unit_name")
      for record in csv.records {
        let row = record.fields
        guard ci < row.count, ui < row.count else { continue }
        let id = CSVText.unguarded(row[ci])
        if people[id] == nil {
          let name = ni.flatMap { $0 < row.count ? row[$0] : nil } ?? ""
          people[id] = Person(name: CSVText.unguarded(name), unit: CSVText.unguarded(row[ui]))
        }
        let unit = CSVText.unguarded(row[ui])
        if let uni, uni < row.count, unitNames[unit] == nil { unitNames[unit] = CSVText.unguarded(row[uni]) }
      }
    }
  }

  /// Class ids per cadre id, in the order of the assignments.
  public var classesByCadre: [String: [String]] {
    var out = [String: [String]]()
    for a in assignments { out[a.cadre, default: []].append(a.klass) }
    return out
  }
}

/// A plan directory that cannot be read.
public struct PlanReadError: Error, CustomStringConvertible, Sendable {
  /// What is wrong, naming the file.
  public var description: String
  /// An error with its message.
  public init(_ message: String) { description = message }
}
