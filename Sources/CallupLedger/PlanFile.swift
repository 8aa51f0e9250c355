import CallupDomain
import Foundation

/// The part of a plan directory's plan.json that the ledger publishes: the
/// scenario's name, the year, the horizon and the assignments.
public struct PlanFile: Sendable {
  public struct Assignment: Hashable, Sendable {
    public var cadre: CadreID
    public var classID: ClassID
    /// The assignment's year (plans over more than a year carry it).
    public var year: Int?
    public init(cadre: CadreID, classID: ClassID, year: Int? = nil) {
      self.cadre = cadre
      self.classID = classID
      self.year = year
    }
  }

  public var scenario: String
  public var year: Int
  public var horizon: Int
  public var status: String
  public var assignments: [Assignment]
  /// SHA-256 of plan.json.
  public var hash: String

  public init(
    scenario: String, year: Int, horizon: Int = 1, status: String = "optimal", assignments: [Assignment],
    hash: String = ""
  ) {
    self.scenario = scenario
    self.year = year
    self.horizon = horizon
    self.status = status
    self.assignments = assignments
    self.hash = hash
  }

  /// The years the plan covers, `year ..< year + horizon`.
  public var years: Range<Int> { year..<(year + max(1, horizon)) }

  private struct JSONPlan: Decodable {
    struct A: Decodable {
      var cadre: String
      var `class`: String
      var year: Int?
    }
    var scenario: String?
    var year: Int
    var horizon: Int?
    var status: String?
    var assignments: [A]
  }

  /// Reads `plan.json` of a plan directory (or the file itself).
  ///
  /// - Throws: `LedgerInputError` when the file is missing or is not a plan.
  public static func read(_ url: URL) throws(LedgerInputError) -> PlanFile {
    var isDirectory: ObjCBool = false
    var file = url
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      file = url.appendingPathComponent("plan.json")
    }
    let name = file.path
    let data: Data
    do {
      data = try Data(contentsOf: file)
    } catch {
      throw LedgerInputError(
        file: name, "cannot read the plan (\(error.localizedDescription)); give a directory written by `callup plan`.")
    }
    let plan: JSONPlan
    do {
      plan = try JSONDecoder().decode(JSONPlan.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      let at = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
      throw LedgerInputError(file: name, "plan.json has no `\(at)`; it is not a plan written by `callup plan`.")
    } catch let DecodingError.typeMismatch(_, context) {
      let at = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw LedgerInputError(file: name, "plan.json's `\(at)` has the wrong type; it is not a plan written by `callup plan`.")
    } catch {
      throw LedgerInputError(file: name, "plan.json is not valid JSON (\(error.localizedDescription)).")
    }
    return PlanFile(
      scenario: plan.scenario ?? "", year: plan.year, horizon: plan.horizon ?? 1, status: plan.status ?? "",
      assignments: plan.assignments.map {
        Assignment(cadre: CadreID($0.cadre), classID: ClassID($0.class), year: $0.year)
      }, hash: SHA256.hex(data))
  }
}
