import CallupDomain
import CallupPlan
import Foundation

/// A plan directory read against the scenario it was planned from: the
/// assignments, held classes and attendance as indices of the scenario.
/// Everything an explanation needs comes from here, so explanations work on
/// any plan directory, also one edited by hand.
public struct PlanState: Sendable {
  /// The scenario the plan was made from, and the plan directory as read.
  public let scenario: Scenario
  public let record: PlanRecord
  /// The planned year (plan.json's `year`, else the scenario's).
  public let year: Int
  /// Class indices held: `held: true` in plan.json, or with an attendee.
  public let held: Set<Int>
  /// Attendees per class index, counted from the assignments.
  public let attendees: [Int: Int]
  /// Class indices per cadre index, in the order of the assignments.
  public let classesByCadre: [[Int]]
  /// Class indices of the planned year, in catalogue order.
  public let classesInYear: [Int]

  /// Resolves the plan's ids in the scenario.
  ///
  /// - Throws: ``PlanReadError`` when the plan names a cadre or class the
  ///   scenario does not have (it was planned from another scenario).
  public init(scenario: Scenario, record: PlanRecord) throws(PlanReadError) {
    self.scenario = scenario
    self.record = record
    let year = record.year ?? scenario.year
    self.year = year
    var byCadre = Array(repeating: [Int](), count: scenario.cadres.count)
    var count = [Int: Int]()
    var unknown: [String] = []
    for a in record.assignments {
      guard let ci = scenario.cadreIndex[CadreID(a.cadre)] else {
        unknown.append("cadre \(a.cadre)")
        continue
      }
      guard let ki = scenario.classIndex[ClassID(a.klass)] else {
        unknown.append("class \(a.klass)")
        continue
      }
      byCadre[ci].append(ki)
      count[ki, default: 0] += 1
    }
    if !unknown.isEmpty {
      let list = Array(Set(unknown)).sorted()
      throw PlanReadError(
        "the plan in \(record.directory.path) names \(list.prefix(5).joined(separator: ", "))\(list.count > 5 ? " and \(list.count - 5) more" : "") that scenario \(scenario.name) does not have: give the scenario the plan was made from."
      )
    }
    var held = Set(count.keys)
    for c in record.classes where c.held {
      if let ki = scenario.classIndex[ClassID(c.id)] { held.insert(ki) }
    }
    self.held = held
    self.attendees = count
    self.classesByCadre = byCadre
    self.classesInYear = scenario.classes.indices.filter { scenario.classes[$0].year == year }
  }

  /// One year of a rotation plan (several years in one plan.json): the
  /// year's call-ups, read against the scenario with the call-ups of the
  /// years before it counted as attended — as the planner planned it.
  public static func year(_ y: Int, of scenario: Scenario, record: PlanRecord) throws(PlanReadError) -> PlanState {
    var s = scenario
    var mine: [PlanRecord.Assignment] = []
    for a in record.assignments {
      guard let k = scenario.trainingClass(ClassID(a.klass)) else {
        mine.append(a)  // reported by init
        continue
      }
      if k.year == y {
        mine.append(a)
      } else if k.year < y {
        s.history.append(HistoryRecord(cadre: CadreID(a.cadre), attended: k))
      }
    }
    var r = record
    r.year = y
    r.assignments = mine
    r.unmet = record.unmet.filter { ($0.year ?? y) == y }
    r.shortfalls = record.shortfalls.filter { ($0.year ?? y) == y }
    s.year = y
    s.horizon = 1
    s.reindex()
    return try PlanState(scenario: s, record: r)
  }

  /// Who of unit `u` is away on each day of the planned year: plan
  /// assignments to off-the-job classes and off-the-job history.
  public func absences(unit u: Int) -> [Day: [Absence]] {
    var out = [Day: [Absence]]()
    func mark(_ span: DayRange, _ a: Absence) {
      var d = span.first
      while d <= span.last {
        out[d, default: []].append(a)
        d = d.advanced(by: 1)
      }
    }
    for ci in scenario.cadresByUnit[u] {
      for ki in classesByCadre[ci] where scenario.classes[ki].kind.isOffTheJob {
        mark(scenario.classes[ki].span, Absence(cadre: ci, klass: ki, history: nil))
      }
      for h in scenario.historyByCadre[ci]
      where h.kind.isOffTheJob && h.span.last.year >= year && h.span.first.year <= year {
        mark(h.span, Absence(cadre: ci, klass: nil, history: h))
      }
    }
    return out
  }
}

/// One cadre away from work on a day: in a class of the plan, or in a training of its history.
public struct Absence: Sendable, Hashable {
  /// The cadre index.
  public var cadre: Int
  /// The plan's class, if it is one.
  public var klass: Int?
  /// The history row, if it is one.
  public var history: HistoryRecord?
}
