import CallupDomain
import CallupPlan
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

  /// Reads `plan.json` of a plan directory (or the file itself) with the
  /// product's plan reader (`PlanRecord`), and refuses a plan that lacks
  /// what publishing needs: its year and every assignment whole.
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
    let plan: PlanRecord
    do {
      plan = try PlanRecord.parse(data, file: "plan.json", directory: file.deletingLastPathComponent())
    } catch {
      throw LedgerInputError(file: name, error.description)
    }
    let notAPlan = "; it is not a plan written by `callup plan`."
    guard let year = plan.year else { throw LedgerInputError(file: name, "plan.json has no `year`" + notAPlan) }
    guard plan.hasAssignments else { throw LedgerInputError(file: name, "plan.json has no `assignments`" + notAPlan) }
    if let first = plan.skipped.first(where: { $0.hasPrefix("assignments") }) {
      throw LedgerInputError(file: name, "plan.json's \(first)" + notAPlan)
    }
    return PlanFile(
      scenario: plan.scenario ?? "", year: year, horizon: plan.horizon ?? 1, status: plan.status ?? "",
      assignments: plan.assignments.map {
        Assignment(cadre: CadreID($0.cadre), classID: ClassID($0.klass), year: $0.year)
      }, hash: SHA256.hex(data))
  }
}
