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
    let before = request.scenario
    let s = try changes.apply(to: before)
    let cadreIndex = s.cadreIndex, classIndex = s.classIndex

    // Why a published call-up can no longer stand, in planners' words.
    var withdrawn = [CadreID: String]()
    for w in changes.withdrawals { withdrawn[w.cadre] = w.reason }
    var away = [CadreID: [(DayRange, String)]]()
    for u in changes.unavailabilities { for d in u.dates { away[u.cadre, default: []].append((d, u.reason)) } }
    var cancelled = [ClassID: String]()
    for c in changes.cancellations { cancelled[c.klass] = c.reason }
    func because(_ what: String, _ reason: String?) -> String {
      guard let reason, !reason.isEmpty else { return what }
      return "\(what) (\(reason))"
    }

    let ofYear = published.filter { p in
      let k = s.trainingClass(p.klass) ?? before.trainingClass(p.klass)
      return k?.year == s.year
    }
    .sorted { ($0.klass, $0.cadre) < ($1.klass, $1.cadre) }
    let screen = CandidateScreen(scenario: s)
    let rule = s.policy.noDuplicate
    struct Call: Hashable {
      var cadre: CadreID
      var klass: ClassID
    }
    var dropped = [Call: String]()
    func drop(_ p: PublishedCallUp, _ why: String) { dropped[Call(cadre: p.cadre, klass: p.klass)] = why }
    var pins: [PublishedCallUp: (cadre: Int, klass: Int)] = [:]
    var pinnedOf = [Int: [Int]]()  // cadre → classes
    var pinnedIn = [Int: Int]()  // class → count
    var awayCount = [Int: [Day: Int]]()  // unit → day → pinned away
    var principalsAway = [Int: [Day: Int]]()
    for (u, members) in s.cadresByUnit.enumerated() {
      for ci in members {
        for h in s.historyByCadre[ci] where h.kind.isOffTheJob {
          var d = h.span.first
          while d <= h.span.last {
            awayCount[u, default: [:]][d, default: 0] += 1
            if s.cadres[ci].isPrincipal { principalsAway[u, default: [:]][d, default: 0] += 1 }
            d = d.advanced(by: 1)
          }
        }
      }
    }
    func pin(_ p: PublishedCallUp, _ ci: Int, _ ki: Int) {
      let k = s.classes[ki]
      if k.kind.isOffTheJob, let u = s.unitIndex[s.cadres[ci].unit] {
        var d = k.span.first
        while d <= k.span.last {
          awayCount[u, default: [:]][d, default: 0] += 1
          if s.cadres[ci].isPrincipal { principalsAway[u, default: [:]][d, default: 0] += 1 }
          d = d.advanced(by: 1)
        }
      }
      pins[p] = (ci, ki)
      pinnedOf[ci, default: []].append(ki)
      pinnedIn[ki, default: 0] += 1
    }
    // What took place stays; absences leave the cadre due again.
    for p in ofYear where p.status != .planned {
      if p.status == .absent || p.status == .leftEarly {
        drop(p, "\(p.status == .absent ? "absent" : "left early") (recorded in the ledger); due again")
      } else if let ci = cadreIndex[p.cadre], let ki = classIndex[p.klass] {
        pin(p, ci, ki)
      }
    }
    for p in ofYear where p.status == .planned {
      guard let ki = classIndex[p.klass] else {
        drop(p, cancelled[p.klass] != nil ? because("class cancelled", cancelled[p.klass]) : "class no longer in the catalogue")
        continue
      }
      guard let ci = cadreIndex[p.cadre] else {
        drop(p, "cadre no longer in the roster")
        continue
      }
      let k = s.classes[ki]
      if let r = withdrawn[p.cadre] {
        drop(p, because("withdrawn", r))
        continue
      }
      if let r = screen.screen(cadre: ci, klass: ki) {
        switch r {
        case .unavailable:
          drop(p, because("unavailable on the class's days", away[p.cadre]?.first { $0.0.overlaps(k.span) }?.1))
        case .eligibility: drop(p, "no longer admitted by the class's ranks or tags")
        case .duplicate: drop(p, "repeats a training already in the history")
        }
        continue
      }
      let mine = (pinnedOf[ci] ?? []).map { s.classes[$0] }
      let offThisYear =
        mine.filter { $0.kind.isOffTheJob }.count
        + s.historyByCadre[ci].filter { $0.year == s.year && $0.kind.isOffTheJob }.count
      if let other = mine.first(where: {
        $0.span.overlaps(k.span) || (k.kind.isOncePerYear && $0.kind == k.kind)
          || (!k.theme.isEmpty && $0.theme == k.theme)
      }) {
        drop(p, "clashes with \(other.id), also called up")
        continue
      }
      if k.kind.isOffTheJob, offThisYear >= rule.maxPerYear {
        drop(p, "more than \(rule.maxPerYear) off-the-job classes in the year")
        continue
      }
      if let cap = k.capacity, (pinnedIn[ki] ?? 0) >= cap {
        drop(p, "the class now has \(cap) seats")
        continue
      }
      if k.kind.isOffTheJob, let u = s.unitIndex[s.cadres[ci].unit] {
        let limit = s.releaseLimit(unitIndex: u)
        var d = k.span.first
        var over = false
        while d <= k.span.last {
          if (awayCount[u]?[d] ?? 0) >= limit { over = true }
          if s.cadres[ci].isPrincipal, (principalsAway[u]?[d] ?? 0) >= 1 { over = true }
          d = d.advanced(by: 1)
        }
        if over {
          drop(p, "the unit's release limit on the class's days")
          continue
        }
      }
      pin(p, ci, ki)
    }

    // Plan around the pins; close classes whose pins cannot reach the minimum.
    var plan: Plan
    var rounds = 0
    let shut = Set(closed.compactMap { classIndex[$0] })
    while true {
      rounds += 1
      var around = request
      around.scenario = s
      around.pins = pins.keys.sorted { ($0.klass, $0.cadre) < ($1.klass, $1.cadre) }.map {
        Assignment(cadre: pins[$0]!.cadre, klass: pins[$0]!.klass)
      }
      around.closed = shut
      plan = try Planning.plan(around)
      // A class with pins is held by the re-plan when it adds call-ups to them.
      var counts = [Int: Int]()
      for (_, pin) in pins { counts[pin.klass, default: 0] += 1 }
      var seats = [Int: Int]()
      for a in plan.assignments { seats[a.klass, default: 0] += 1 }
      let short = counts.filter { k, n in n < s.classes[k].minSize && seats[k] == n && !shut.contains(k) }
      if short.isEmpty || rounds >= 4 { break }
      for (p, pin) in pins where short[pin.klass] != nil {
        drop(p, "the class fell below its minimum of \(s.classes[pin.klass].minSize) and could not be filled")
        pins[p] = nil
      }
    }
    plan.seconds = (clock.now - start).inSeconds
    plan.log.append("replan: \(pins.count) of \(ofYear.count) published call-ups kept, \(changes.count) changes")
    let whole = Planning.analysisFormulation(s, blocks: Planning.usesBlocks(request))

    // What changed, cadre by cadre.
    var was = [CadreID: [ClassID]]()
    for p in ofYear { was[p.cadre, default: []].append(p.klass) }
    var now = [CadreID: [ClassID]]()
    for a in plan.assignments { now[s.cadres[a.cadre].id, default: []].append(s.classes[a.klass].id) }
    var list: [PlanChange] = []
    for cadre in Set(was.keys).union(now.keys).sorted() {
      let had = was[cadre] ?? [], has = now[cadre] ?? []
      var gone = had.filter { !has.contains($0) }
      var new = has.filter { !had.contains($0) }
      for g in gone {
        let kind = before.trainingClass(g)?.kind
        if let i = new.firstIndex(where: { s.classes[classIndex[$0]!].kind == kind }) {
          let reason = dropped[Call(cadre: cadre, klass: g)] ?? ""
          list.append(PlanChange(kind: .moved, cadre: cadre, from: g, to: new[i], reason: reason))
          new.remove(at: i)
          gone.removeAll { $0 == g }
        }
      }
      for g in gone {
        let reason = dropped[Call(cadre: cadre, klass: g)] ?? "not kept"
        list.append(PlanChange(kind: .dropped, cadre: cadre, from: g, to: nil, reason: reason))
      }
      for n in new {
        list.append(
          PlanChange(kind: .added, cadre: cadre, from: nil, to: n, reason: why(cadre: cadreIndex[cadre]!, klass: classIndex[n]!, whole)))
      }
    }
    let toAttend = ofYear.filter { $0.status == .planned }
    return Replan(
      plan: plan, published: toAttend.count, kept: toAttend.filter { pins[$0] != nil }.count, changes: list)
  }

  /// Why a new call-up was made: the obligations it meets, else the unit
  /// share or the hours it serves.
  static func why(cadre ci: Int, klass ki: Int, _ f: Formulation) -> String {
    let s = f.scenario
    let k = s.classes[ki]
    let cycles = s.policy.cycleRules
    let met = f.book.byCadre[ci].map { f.book.obligations[$0] }.filter { cycles[$0.rule].counts(kind: k.kind, days: k.days) }
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
      return "hours: " + paces.map { hours[$0.rule].info.id.rawValue + ($0.behind ? " (behind pace)" : "") }.joined(separator: ", ")
    }
    return "fills a free seat"
  }
}
