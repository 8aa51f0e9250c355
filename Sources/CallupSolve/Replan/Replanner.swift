import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// A call-up of a published plan: a cadre to a class.
public struct PublishedCallUp: Hashable, Sendable {
  /// What the ledger knows of it.
  public enum Status: String, Sendable {
    /// Still to attend.
    case planned
    /// Attended: it took place and stays in the plan.
    case attended
    /// Recorded absent: the cadre is due again.
    case absent
    /// Left before the end: the cadre is due again, as for an absence.
    case leftEarly = "left-early"
  }
  public var cadre: CadreID
  public var klass: ClassID
  public var status: Status
  public init(cadre: CadreID, klass: ClassID, status: Status = .planned) {
    self.cadre = cadre
    self.klass = klass
    self.status = status
  }
}

/// One difference between the published call-up and a re-plan, and why.
public struct PlanChange: Hashable, Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    /// A new call-up.
    case added
    /// A cadre's call-up moved to another class.
    case moved
    /// A published call-up no longer in the plan.
    case dropped
  }
  public var kind: Kind
  public var cadre: CadreID
  public var from: ClassID?
  public var to: ClassID?
  public var reason: String
}

/// A re-plan: the new plan, and what changed from the published call-up.
public struct Replan: Sendable {
  public var plan: Plan
  /// Published call-ups of the year still to attend.
  public var published: Int
  /// Of those, the ones kept as they were (pinned).
  public var kept: Int
  /// Every change, by cadre: added, moved, dropped.
  public var changes: [PlanChange]
  /// The scenario re-planned: the changes made, the ledger's history in.
  public var scenario: Scenario { plan.scenario }

  public func count(_ kind: PlanChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }
}

/// Re-plans a year whose call-up is published, after changes (a cadre
/// withdrawn or unavailable, a class cancelled, resized or added).
///
/// Every published call-up that still obeys every hard rule under the
/// changes is pinned: it stays as it is. The others are dropped, each with
/// the rule it now breaks. The rest of the year is then planned around the
/// pins — their seats, days away and obligations met count as if already
/// attended — so freed seats go to the cadres who need them most (overdue
/// first), and nothing else moves. A class whose pins fall below its
/// minimum is filled up to it or, when it cannot be, closed and its pins
/// reported.
///
/// In the new plan, `objective`, `bound` and `gap` are those of the
/// re-planned part, with the pins fixed.
public enum Replanner {
  /// `request.scenario` is the scenario before the changes; the rest of
  /// the request (limits, blocks, start) says how the year is planned, as
  /// `Planning.plan` plans any year. `closed`: classes that take no new
  /// call-ups (already held: their attendance is recorded); their
  /// remaining published call-ups stay.
  public static func replan(
    _ request: PlanRequest, changes: ScenarioChanges, published: [PublishedCallUp], closed: Set<ClassID> = []
  ) throws -> Replan {
    let clock = ContinuousClock()
    let start = clock.now
    let s = try changes.apply(to: request.scenario)
    var review = PublishedReview(scenario: s, before: request.scenario, changes: changes, published: published)
    var (plan, whole) = try planAround(&review, request: request, closed: Set(closed.compactMap { s.classIndex[$0] }))
    plan.seconds = (clock.now - start).inSeconds
    plan.log.append(
      "replan: \(review.pins.count) of \(review.ofYear.count) published call-ups kept, \(changes.count) changes")
    let toAttend = review.ofYear.filter { $0.status == .planned }
    return Replan(
      plan: plan, published: toAttend.count, kept: toAttend.filter { review.pins[$0] != nil }.count,
      changes: changeList(review, plan: plan, before: request.scenario, whole: whole))
  }

  /// Plans the rest of the year around the kept call-ups
  /// (`Planning.planAroundPins`, the year alone even in a rotation
  /// scenario), as often as needed: a class whose pins stay below its
  /// minimum with nobody added is closed and its pins dropped (at most 4
  /// rounds). Returns the plan and the formulation it was analysed on.
  static func planAround(
    _ review: inout PublishedReview, request: PlanRequest, closed: Set<Int>
  ) throws -> (Plan, Formulation) {
    let s = review.scenario
    var rounds = 0
    while true {
      rounds += 1
      var around = request
      around.scenario = s
      around.pins = review.pins.keys.sorted { ($0.klass, $0.cadre) < ($1.klass, $1.cadre) }.map {
        Assignment(cadre: review.pins[$0]!.cadre, klass: review.pins[$0]!.klass)
      }
      around.closed = closed
      let (plan, whole) = try Planning.planAroundPins(around)
      // A class with pins is held by the re-plan when it adds call-ups to them.
      var pinned = [Int: Int]()
      for (_, pin) in review.pins { pinned[pin.klass, default: 0] += 1 }
      var seats = [Int: Int]()
      for a in plan.assignments { seats[a.klass, default: 0] += 1 }
      let short = pinned.filter { k, n in n < s.classes[k].minSize && seats[k] == n && !closed.contains(k) }
      if short.isEmpty || rounds >= 4 { return (plan, whole) }
      for (p, pin) in review.pins where short[pin.klass] != nil {
        review.unpin(p, "the class fell below its minimum of \(s.classes[pin.klass].minSize) and could not be filled")
      }
    }
  }

  /// What changed, cadre by cadre: a published call-up replaced by a class
  /// of the same kind moved, one gone dropped (with its reason), a new one
  /// added (with what it serves).
  /// `whole`: the formulation the plan was analysed on.
  static func changeList(_ review: PublishedReview, plan: Plan, before: Scenario, whole: Formulation) -> [PlanChange] {
    let s = review.scenario
    var was = [CadreID: [ClassID]]()
    for p in review.ofYear { was[p.cadre, default: []].append(p.klass) }
    var now = [CadreID: [ClassID]]()
    for a in plan.assignments { now[s.cadres[a.cadre].id, default: []].append(s.classes[a.klass].id) }
    var list: [PlanChange] = []
    for cadre in Set(was.keys).union(now.keys).sorted() {
      let had = was[cadre] ?? [], has = now[cadre] ?? []
      var gone = had.filter { !has.contains($0) }
      var new = has.filter { !had.contains($0) }
      func reason(_ g: ClassID) -> String? { review.dropped[.init(cadre: cadre, klass: g)] }
      for g in gone {
        let kind = before.trainingClass(g)?.kind
        if let i = new.firstIndex(where: { s.classes[s.classIndex[$0]!].kind == kind }) {
          list.append(PlanChange(kind: .moved, cadre: cadre, from: g, to: new[i], reason: reason(g) ?? ""))
          new.remove(at: i)
          gone.removeAll { $0 == g }
        }
      }
      for g in gone {
        list.append(PlanChange(kind: .dropped, cadre: cadre, from: g, to: nil, reason: reason(g) ?? "not kept"))
      }
      for n in new {
        let why = why(cadre: s.cadreIndex[cadre]!, klass: s.classIndex[n]!, whole)
        list.append(PlanChange(kind: .added, cadre: cadre, from: nil, to: n, reason: why))
      }
    }
    return list
  }

  /// Why a new call-up was made: the obligations it meets, else the unit
  /// share or the hours it serves.
  static func why(cadre ci: Int, klass ki: Int, _ f: Formulation) -> String {
    served(cadre: ci, klass: ki, f) ?? "fills a free seat"
  }

  /// What a seat of cadre `ci` in class `ki` serves: the obligations it
  /// meets, else the unit share or the hours; nil when it serves no rule.
  static func served(cadre ci: Int, klass ki: Int, _ f: Formulation) -> String? {
    let s = f.scenario
    let k = s.classes[ki]
    let cycles = s.policy.cycleRules
    let met = f.book.byCadre[ci].map { f.book.obligations[$0] }.filter {
      cycles[$0.rule].counts(k)
    }
    if !met.isEmpty {
      return "meets "
        + met.map { o in
          cycles[o.rule].info.id.rawValue + (o.isOverdue ? " (overdue \(o.overdueYears) y)" : "")
        }.joined(separator: ", ")
    }
    let shares = s.policy.unitShareRules
    if let r = f.book.unitRequirements.first(where: {
      $0.members.contains(ci) && shares[$0.rule].kinds.contains(k.kind) && $0.need > 0
    }) {
      return "towards \(shares[r.rule].info.id) of the unit"
    }
    let hours = s.policy.hoursRules
    let paces = f.book.hoursByCadre[ci].map { f.book.hoursTargets[$0] }.filter {
      hours[$0.rule].counts(kind: k.kind, institutionType: k.institutionType)
    }
    if !paces.isEmpty {
      return "hours: "
        + paces.map { hours[$0.rule].info.id.rawValue + ($0.behind ? " (behind pace)" : "") }.joined(separator: ", ")
    }
    return nil
  }
}
