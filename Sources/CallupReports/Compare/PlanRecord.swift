import CSV
import CallupPlan
import Foundation

/// A plan directory as written on disk (plan.json, and rosters.csv and
/// notices.csv for names and units), read leniently so that any plan —
/// also one edited by hand or written by another program — can be compared
/// and explained. Fields a file lacks stay nil or empty.
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
  /// The numeric entries of `kpis`.
  public var kpis: [String: Double] = [:]
  /// Cadre id → name and unit id, from rosters.csv (or notices.csv).
  public var people: [String: Person] = [:]
  /// Unit id → unit name, from notices.csv.
  public var unitNames: [String: String] = [:]

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
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = Data(bytes.dropFirst(3)) }
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: bytes)
    } catch {
      throw PlanReadError("\(url.path) is not valid JSON.")
    }
    guard let root = json as? [String: Any] else { throw PlanReadError("\(url.path) is not a JSON object.") }
    var r = PlanRecord(directory: directory)
    r.scenario = root["scenario"] as? String
    r.year = int(root["year"])
    r.status = root["status"] as? String
    r.objective = number(root["objective"])
    r.bound = number(root["bound"])
    r.gap = number(root["gap"])
    if r.gap == nil, let o = r.objective, let b = r.bound { r.gap = abs(o - b) / max(1, abs(o)) }
    for e in (root["classes"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let id = o["id"] as? String else { continue }
      r.classes.append(ClassEntry(id: id, held: (o["held"] as? Bool) ?? false, attendees: int(o["attendees"])))
    }
    for e in (root["assignments"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let c = o["cadre"] as? String, let k = o["class"] as? String else { continue }
      r.assignments.append(Assignment(cadre: c, klass: k, year: int(o["year"])))
    }
    for e in (root["unmet"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let c = o["cadre"] as? String, let rule = o["rule"] as? String else {
        continue
      }
      r.unmet.append(Unmet(cadre: c, rule: rule, year: int(o["year"]), reason: (o["reason"] as? String) ?? ""))
    }
    for e in (root["unit_shortfalls"] as? [Any]) ?? [] {
      guard let o = e as? [String: Any], let u = o["unit"] as? String else { continue }
      r.shortfalls.append(
        Shortfall(
          unit: u, rule: (o["rule"] as? String) ?? "", year: int(o["year"]), required: int(o["required"]),
          planned: int(o["planned"]), reason: (o["reason"] as? String) ?? ""))
    }
    if let k = root["kpis"] as? [String: Any] {
      for (key, v) in k { if let d = number(v) { r.kpis[key] = d } }
    }
    r.readPeople()
    return r
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
      let url = directory.appendingPathComponent(file)
      guard let text = try? String(contentsOf: url, encoding: .utf8),
        let reader = try? CSVReader(string: text, hasHeaderRow: true)
      else { continue }
      let header = reader.headerRow ?? []
      func column(_ name: String) -> Int? { header.firstIndex(of: name) }
      guard let ci = column("cadre"), let ui = column("unit") else { continue }
      let ni = column("name"), uni = column("unit_name")
      while let row = reader.next() {
        guard ci < row.count, ui < row.count else { continue }
        let id = row[ci]
        if people[id] == nil {
          people[id] = Person(name: ni.flatMap { $0 < row.count ? row[$0] : nil } ?? "", unit: row[ui])
        }
        if let uni, uni < row.count, unitNames[row[ui]] == nil { unitNames[row[ui]] = row[uni] }
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
