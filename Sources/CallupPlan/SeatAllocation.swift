import CallupDomain

/// One row of the allocation table (名额分配表): a unit's seats in a class,
/// and how many of them the plan names.
public struct SeatAllocation: Hashable, Sendable {
  /// The class's index in the scenario.
  public var klass: Int
  public var unit: UnitID
  /// The plan's call-ups of the unit's cadres in the class.
  public var seats: Int
  /// The seats the plan names: all of them for a class called up by name,
  /// none for a class by allocation, where the unit nominates and the
  /// plan's names are suggestions (`AllocationSettings`).
  public var named: Int

  public init(klass: Int, unit: UnitID, seats: Int, named: Int) {
    self.klass = klass
    self.unit = unit
    self.seats = seats
    self.named = named
  }
}

extension Plan {
  /// The plan's seats per class and unit, by class start, class id and
  /// unit id; units with no seat in a class are left out. A rotation
  /// plan's rows cover every year.
  public var allocation: [SeatAllocation] {
    let s = scenario
    var seats: [Int: [UnitID: Int]] = [:]
    for a in assignments { seats[a.klass, default: [:]][s.cadres[a.cadre].unit, default: 0] += 1 }
    let classes = seats.keys.sorted { a, b in
      let ka = s.classes[a], kb = s.classes[b]
      return ka.start != kb.start ? ka.start < kb.start : ka.id < kb.id
    }
    return classes.flatMap { ki in
      let byName = !s.allocation.byAllocation(s.classes[ki])
      return seats[ki]!.sorted { $0.key < $1.key }.map { unit, n in
        SeatAllocation(klass: ki, unit: unit, seats: n, named: byName ? n : 0)
      }
    }
  }
}
