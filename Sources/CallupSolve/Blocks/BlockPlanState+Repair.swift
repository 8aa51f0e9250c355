import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// Step 3, the repair: the blocks' seats made one plan that keeps every
/// hard rule per person.
extension BlockPlanState {
  /// Step 3: every seat checked once more, per person, against the seats
  /// before it (call-up seats, then top-ups, then hours seats): the blocks
  /// meet in the classes, and a seat that clashes with another block's
  /// decision is dropped, never written. Shared classes below their
  /// minimum are topped up with cadres of any block who could attend them
  /// as well (`DecomposedPlanner.topUp`, most valuable first); a class
  /// still below its minimum closes and its seats are dropped. Afterwards
  /// no class of the plan is below its minimum and no seat clashes.
  ///
  /// Reads `results`, `owner`, `screened`; writes `calendar` (the plan so
  /// far) and `hoursSeats` (the hours seats kept).
  mutating func repair() {
    var dropped = [String: Int]()
    for r in results { admit(r.callupSeats, "call-up", dropped: &dropped) }
    var shared = [Int: Int]()
    for r in results {
      for seat in r.callupSeats + r.hoursSeats where owner[seat.klass] == nil { shared[seat.klass, default: 0] += 1 }
    }
    let topUp = DecomposedPlanner.topUp(scenario, whole: whole, calendar: &calendar, shared: shared, screened: screened)
    var hours: [Seat] = []
    for r in results { hours += admit(r.hoursSeats, "hours", dropped: &dropped) }
    if !dropped.isEmpty {
      note(
        "guard: seats dropped: "
          + dropped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    }
    let closing = closeBelowMinimum()
    hoursSeats = hours.filter { !closing.contains($0.klass) }
    note(
      "repair: \(topUp.classes) shared classes topped up with \(topUp.added.count) seats, \(closing.count) classes below "
        + "their minimum closed")
  }

  /// Adds to `calendar` the seats that clash with nothing before them and
  /// returns those; counts the others in `dropped` by `source` and reason.
  @discardableResult
  mutating func admit(_ seats: [Seat], _ source: String, dropped: inout [String: Int]) -> [Seat] {
    seats.filter { seat in
      if let r = calendar.clash(cadre: seat.cadre, klass: seat.klass) {
        dropped["\(source) (\(r.rawValue))", default: 0] += 1
        return false
      }
      calendar.add(Assignment(cadre: seat.cadre, klass: seat.klass))
      return true
    }
  }

  /// Drops every seat of the year's classes that `calendar` fills below
  /// their minimum (dropping a seat never breaks a hard rule); returns
  /// those classes.
  mutating func closeBelowMinimum() -> Set<Int> {
    let s = scenario
    let attendees = calendar.attendees
    let closing = Set(classes.filter { attendees[$0] > 0 && attendees[$0] < s.classes[$0].minSize })
    for (ci, list) in calendar.classesByCadre.enumerated() {
      for ki in list where closing.contains(ki) { calendar.remove(Assignment(cadre: ci, klass: ki)) }
    }
    return closing
  }
}

extension DecomposedPlanner {
  /// Seats that bring shared classes below their minimum (`shared`: seats
  /// the blocks gave each) up to it, the fullest classes first. Candidates
  /// are the cadres whose screened classes include the class, those with
  /// the most valuable obligation it would meet first, then the cheapest
  /// seats; a seat is taken only if it clashes with nothing in the cadre's
  /// plan and keeps the class's capacity and the unit's release limit
  /// (`calendar`: the plan so far, which takes the seats added). A class
  /// that cannot reach its minimum gets no seat.
  static func topUp(
    _ s: Scenario, whole: Formulation, calendar: inout PlanCalendar, shared: [Int: Int], screened: [[Int32]]
  ) -> (added: [(cadre: Int, klass: Int)], classes: Int) {
    let below = shared.filter { $0.value > 0 && $0.value < s.classes[$0.key].minSize }
    guard !below.isEmpty else { return ([], 0) }
    var pool = [Int: [Int]]()
    for (ci, list) in screened.enumerated() {
      for k32 in list where below[Int(k32)] != nil { pool[Int(k32), default: []].append(ci) }
    }
    var added: [(cadre: Int, klass: Int)] = []
    var classes = 0
    let order = below.keys.sorted {
      let a = s.classes[$0].minSize - below[$0]!, b = s.classes[$1].minSize - below[$1]!
      return a != b ? a < b : $0 < $1
    }
    for ki in order {
      let k = s.classes[ki]
      let ranked = topUpCandidates(s, whole: whole, calendar: calendar, klass: ki, pool: pool[ki] ?? [])
      var count = below[ki]!
      var mine: [Assignment] = []
      for (ci, _) in ranked where count < k.minSize {
        guard calendar.clash(cadre: ci, klass: ki) == nil else { continue }
        let a = Assignment(cadre: ci, klass: ki)
        calendar.add(a)
        mine.append(a)
        count += 1
      }
      if count < k.minSize {
        for a in mine { calendar.remove(a) }
        continue
      }
      classes += 1
      added.append(contentsOf: mine.map { (cadre: $0.cadre, klass: $0.klass) })
    }
    return (added, classes)
  }

  /// The cadres of `pool` not yet in class `ki`, by the value of a seat
  /// there (obligations it would meet that nothing in the plan meets yet,
  /// less its cost), the most valuable first.
  static func topUpCandidates(
    _ s: Scenario, whole: Formulation, calendar: PlanCalendar, klass ki: Int, pool: [Int]
  ) -> [(ci: Int, value: Double)] {
    let k = s.classes[ki]
    let cycles = s.policy.cycleRules
    var ranked: [(ci: Int, value: Double)] = []
    for ci in pool where !calendar.classesByCadre[ci].contains(ki) {
      let cadre = s.cadres[ci]
      var v = -SeatCostRule.seatCost(cadre: cadre, unit: s.unit(cadre.unit), klass: k, tiered: s.policy.tiered)
      for oi in whole.book.byCadre[ci] {
        let o = whole.book.obligations[oi]
        let rule = cycles[o.rule]
        guard rule.counts(k) else { continue }
        let met = calendar.classesByCadre[ci].contains {
          rule.counts(s.classes[$0])
        }
        if !met { v += o.value }
      }
      ranked.append((ci, v))
    }
    ranked.sort { $0.value != $1.value ? $0.value > $1.value : $0.ci < $1.ci }
    return ranked
  }
}
