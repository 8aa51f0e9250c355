import Foundation

/// plan.json as docs/contract.md describes it, read leniently: every field is
/// optional, and a field of the wrong type is left out and recorded in
/// ``problems``, so that the checker reports format errors instead of failing.
///
/// ```swift
/// let plan = PlanFile.parse(try Data(contentsOf: url))
/// ```
public struct PlanFile: Sendable, Decodable {
  /// One entry of `classes`: `{ "id": "C001", "held": true, "attendees": 48 }`.
  public struct ClassEntry: Sendable, Hashable {
    public var id: String?
    public var held: Bool?
    public var attendees: Int?
    public init(id: String?, held: Bool?, attendees: Int?) {
      self.id = id
      self.held = held
      self.attendees = attendees
    }
  }

  /// One entry of `assignments`: `{ "cadre": "P00001", "class": "C001", "year": 2025 }`.
  public struct Assignment: Sendable, Hashable {
    public var cadre: String?
    public var classID: String?
    public var year: Int?
    public init(cadre: String?, classID: String?, year: Int? = nil) {
      self.cadre = cadre
      self.classID = classID
      self.year = year
    }
  }

  /// One entry of `unmet`: a due cycle obligation no assignment meets.
  public struct Unmet: Sendable, Hashable {
    public var cadre: String?
    public var rule: String?
    public var year: Int?
    public var reason: String?
    public init(cadre: String?, rule: String?, year: Int? = nil, reason: String?) {
      self.cadre = cadre
      self.rule = rule
      self.year = year
      self.reason = reason
    }
  }

  /// One entry of `unit_shortfalls`: a unit-share requirement not met.
  public struct Shortfall: Sendable, Hashable {
    public var unit: String?
    public var rule: String?
    public var year: Int?
    public var required: Int?
    public var planned: Int?
    public var reason: String?
    public init(unit: String?, rule: String?, year: Int? = nil, required: Int?, planned: Int?, reason: String?) {
      self.unit = unit
      self.rule = rule
      self.year = year
      self.required = required
      self.planned = planned
      self.reason = reason
    }
  }

  /// One entry of `targets`: a quota target, a group of a group-share rule
  /// or a class-count rule (or its `seats`) in one year.
  public struct TargetEntry: Sendable, Hashable {
    public var rule: String?
    public var name: String?
    public var year: Int?
    public var lo: Int?
    /// nil when open (`null`) or not given; see ``hiGiven``.
    public var hi: Int?
    /// False when the entry has no `hi` key at all (an open range writes `null`).
    public var hiGiven: Bool
    public var planned: Int?
    public var status: String?
    public init(
      rule: String?, name: String?, year: Int?, lo: Int?, hi: Int?, hiGiven: Bool = true, planned: Int?,
      status: String?
    ) {
      self.rule = rule
      self.name = name
      self.year = year
      self.lo = lo
      self.hi = hi
      self.hiGiven = hiGiven
      self.planned = planned
      self.status = status
    }
  }

  /// One entry of `conflicts`: rules that cannot hold together, with figures.
  public struct Conflict: Sendable, Hashable {
    public var rules: [String]?
    public var year: Int?
    public var message: String?
    public var needed: Int?
    public var available: Int?
    /// `soft` or `hard` (an extension): how the plan planned the rules, and
    /// so how its objective prices their breaks; nil when not given.
    public var planned: String?
    public init(
      rules: [String]?, year: Int?, message: String?, needed: Int?, available: Int?, planned: String? = nil
    ) {
      self.rules = rules
      self.year = year
      self.message = message
      self.needed = needed
      self.available = available
      self.planned = planned
    }
  }

  /// One entry of `rotation` (an extension): a year of a plan over several
  /// years and its own objective.
  public struct RotationYear: Sendable, Hashable {
    public var year: Int?
    public var objective: Double?
    public init(year: Int?, objective: Double?) {
      self.year = year
      self.objective = objective
    }
  }

  /// The scenario's `name`.
  public var scenario: String?
  /// The first planned year.
  public var year: Int?
  /// The number of planned years.
  public var horizon: Int?
  /// `optimal`, `feasible`, `infeasible` or `no-solution`.
  public var status: String?
  /// The objective value; required for `optimal` and `feasible`.
  public var objective: Double?
  /// The best bound; required for `optimal`.
  public var bound: Double?
  /// `|objective − bound| / max(1, |objective|)`; required for `optimal`.
  public var gap: Double?
  /// Solve time in seconds.
  public var seconds: Double?
  /// Every class of the horizon, held or not.
  public var classes: [ClassEntry]?
  /// Who attends which class.
  public var assignments: [Assignment]?
  /// The due cycle obligations no assignment meets.
  public var unmet: [Unmet]?
  /// `unit_shortfalls`: the unit-share requirements not met.
  public var unitShortfalls: [Shortfall]?
  /// Key figures: due, met, overdue_due, overdue_met, classes_held, cost, peak_unit_away_share.
  public var kpis: [String: Double]?
  /// Every target of every planned year, with its range, planned figure and status.
  public var targets: [TargetEntry]?
  /// With status `infeasible`: the sets of rules that cannot hold together.
  public var conflicts: [Conflict]?
  /// Per year of a plan over several years, its own objective (an extension).
  public var rotation: [RotationYear]?
  /// Defects found while reading: the file is not JSON, or a field has the
  /// wrong type (`classes[2].attendees is "x", not a whole number`).
  public var problems: [String]
  /// Paths of fields that were present but unreadable (`status`,
  /// `classes[2].attendees`); the checker does not call them missing too.
  public var unreadable: Set<String>

  public init(
    scenario: String? = nil, year: Int? = nil, horizon: Int? = nil, status: String? = nil,
    objective: Double? = nil, bound: Double? = nil, gap: Double? = nil, seconds: Double? = nil,
    classes: [ClassEntry]? = [], assignments: [Assignment]? = [], unmet: [Unmet]? = [],
    unitShortfalls: [Shortfall]? = [], kpis: [String: Double]? = [:], targets: [TargetEntry]? = nil,
    conflicts: [Conflict]? = nil, problems: [String] = [], unreadable: Set<String> = []
  ) {
    self.scenario = scenario
    self.year = year
    self.horizon = horizon
    self.status = status
    self.objective = objective
    self.bound = bound
    self.gap = gap
    self.seconds = seconds
    self.classes = classes
    self.assignments = assignments
    self.unmet = unmet
    self.unitShortfalls = unitShortfalls
    self.kpis = kpis
    self.targets = targets
    self.conflicts = conflicts
    self.problems = problems
    self.unreadable = unreadable
  }

  /// Reads any JSON document; a value that is not an object, or fields of the
  /// wrong type, become ``problems``. Throws only if the text is not JSON.
  public init(from decoder: any Decoder) throws {
    let value = try JSONValue(from: decoder)
    self.init(json: value)
  }

  /// Parses the bytes of plan.json; never throws: text that is not JSON gives
  /// a plan with no fields and one problem. A UTF-8 BOM is accepted.
  public static func parse(_ data: Data) -> PlanFile {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    do {
      return try JSONDecoder().decode(PlanFile.self, from: Data(bytes))
    } catch {
      var plan = PlanFile(classes: nil, assignments: nil, unmet: nil, unitShortfalls: nil, kpis: nil)
      plan.problems = ["plan.json is not valid JSON (\(Self.describe(error)))."]
      plan.unreadable = ["*"]
      return plan
    }
  }

  private static func describe(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let ctx) = error {
      if let under = ctx.underlyingError { return "\(under)" }
      return ctx.debugDescription
    }
    return "\(error)"
  }

  init(json: JSONValue) {
    self.init(classes: nil, assignments: nil, unmet: nil, unitShortfalls: nil, kpis: nil)
    guard case .object(let top) = json else {
      problems.append("plan.json holds \(json.kind), not an object.")
      unreadable = ["*"]
      return
    }
    var reader = FieldReader()
    scenario = reader.string(top, "scenario", path: "scenario")
    year = reader.int(top, "year", path: "year")
    horizon = reader.int(top, "horizon", path: "horizon")
    status = reader.string(top, "status", path: "status")
    objective = reader.number(top, "objective", path: "objective")
    bound = reader.number(top, "bound", path: "bound")
    gap = reader.number(top, "gap", path: "gap")
    seconds = reader.number(top, "seconds", path: "seconds")
    classes = reader.list(top, "classes") { o, p, r in
      ClassEntry(
        id: r.string(o, "id", path: p + ".id"), held: r.bool(o, "held", path: p + ".held"),
        attendees: r.int(o, "attendees", path: p + ".attendees"))
    }
    assignments = reader.list(top, "assignments") { o, p, r in
      Assignment(
        cadre: r.string(o, "cadre", path: p + ".cadre"), classID: r.string(o, "class", path: p + ".class"),
        year: r.int(o, "year", path: p + ".year"))
    }
    unmet = reader.list(top, "unmet") { o, p, r in
      Unmet(
        cadre: r.string(o, "cadre", path: p + ".cadre"), rule: r.string(o, "rule", path: p + ".rule"),
        year: r.int(o, "year", path: p + ".year"), reason: r.string(o, "reason", path: p + ".reason"))
    }
    unitShortfalls = reader.list(top, "unit_shortfalls") { o, p, r in
      Shortfall(
        unit: r.string(o, "unit", path: p + ".unit"), rule: r.string(o, "rule", path: p + ".rule"),
        year: r.int(o, "year", path: p + ".year"), required: r.int(o, "required", path: p + ".required"),
        planned: r.int(o, "planned", path: p + ".planned"), reason: r.string(o, "reason", path: p + ".reason"))
    }
    targets = reader.list(top, "targets") { o, p, r in
      TargetEntry(
        rule: r.string(o, "rule", path: p + ".rule"), name: r.string(o, "name", path: p + ".name"),
        year: r.int(o, "year", path: p + ".year"), lo: r.int(o, "lo", path: p + ".lo"),
        hi: r.int(o, "hi", path: p + ".hi"), hiGiven: o["hi"] != nil,
        planned: r.int(o, "planned", path: p + ".planned"), status: r.string(o, "status", path: p + ".status"))
    }
    conflicts = reader.list(top, "conflicts") { o, p, r in
      Conflict(
        rules: r.strings(o, "rules", path: p + ".rules"), year: r.int(o, "year", path: p + ".year"),
        message: r.string(o, "message", path: p + ".message"), needed: r.int(o, "needed", path: p + ".needed"),
        available: r.int(o, "available", path: p + ".available"),
        planned: r.string(o, "planned", path: p + ".planned"))
    }
    rotation = reader.list(top, "rotation") { o, p, r in
      RotationYear(
        year: r.int(o, "year", path: p + ".year"), objective: r.number(o, "objective", path: p + ".objective"))
    }
    if let raw = top["kpis"] {
      switch raw {
      case .object(let o):
        var k: [String: Double] = [:]
        for (key, v) in o {
          if case .number(let d) = v {
            k[key] = d
          } else {
            reader.bad("kpis.\(key)", v, "a number")
          }
        }
        kpis = k
      case .null: break
      default: reader.bad("kpis", raw, "an object")
      }
    }
    problems += reader.problems
    unreadable.formUnion(reader.unreadable)
  }
}

/// Reads typed fields out of JSON objects, recording values of the wrong type.
struct FieldReader {
  var problems: [String] = []
  var unreadable: Set<String> = []

  mutating func bad(_ path: String, _ value: JSONValue, _ expected: String) {
    problems.append("plan.json: `\(path)` is \(value.kind), not \(expected).")
    unreadable.insert(path)
  }

  mutating func string(_ o: [String: JSONValue], _ key: String, path: String) -> String? {
    guard let v = o[key] else { return nil }
    switch v {
    case .string(let s): return s
    case .null: return nil
    default:
      bad(path, v, "a string")
      return nil
    }
  }

  mutating func number(_ o: [String: JSONValue], _ key: String, path: String) -> Double? {
    guard let v = o[key] else { return nil }
    switch v {
    case .number(let d): return d
    case .null: return nil
    default:
      bad(path, v, "a number")
      return nil
    }
  }

  mutating func int(_ o: [String: JSONValue], _ key: String, path: String) -> Int? {
    guard let v = o[key] else { return nil }
    switch v {
    case .number(let d) where d == d.rounded() && abs(d) < 9e15: return Int(d)
    case .null: return nil
    default:
      bad(path, v, "a whole number")
      return nil
    }
  }

  mutating func bool(_ o: [String: JSONValue], _ key: String, path: String) -> Bool? {
    guard let v = o[key] else { return nil }
    switch v {
    case .bool(let b): return b
    case .null: return nil
    default:
      bad(path, v, "true or false")
      return nil
    }
  }

  /// A list of strings; an item of another type is recorded and left out.
  mutating func strings(_ o: [String: JSONValue], _ key: String, path: String) -> [String]? {
    guard let v = o[key] else { return nil }
    switch v {
    case .null: return nil
    case .array(let items):
      var out: [String] = []
      for (i, item) in items.enumerated() {
        if case .string(let s) = item { out.append(s) } else { bad("\(path)[\(i)]", item, "a string") }
      }
      return out
    default:
      bad(path, v, "a list")
      return nil
    }
  }

  mutating func list<T>(
    _ o: [String: JSONValue], _ key: String,
    _ entry: ([String: JSONValue], String, inout FieldReader) -> T
  ) -> [T]? {
    guard let v = o[key] else { return nil }
    switch v {
    case .null: return nil
    case .array(let items):
      var out: [T] = []
      for (i, item) in items.enumerated() {
        let path = "\(key)[\(i)]"
        if case .object(let fields) = item {
          out.append(entry(fields, path, &self))
        } else {
          bad(path, item, "an object")
        }
      }
      return out
    default:
      bad(key, v, "a list")
      return nil
    }
  }
}

/// Any JSON value.
enum JSONValue: Decodable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// How a message names the value: `"x"`, `12`, `a list`.
  var kind: String {
    switch self {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    case .string(let s): "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
    case .array: "a list"
    case .object: "an object"
    }
  }
}
