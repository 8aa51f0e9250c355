import CallupDomain

/// What a plan of the year gives the targets, in the units the objective
/// counts them in (docs/contract.md, The objective): the persons and seats
/// of each cadre in the year's classes, and the held classes.
public struct YearSeats: Sendable {
  /// Per cadre index, the classes of the year it is called up to.
  public let classesOf: [[Int]]
  /// Per class index, its attendees in the year.
  public let attendees: [Int]

  /// The seats of `assignments` (cadre and class indices, any year) in `year`.
  public init(scenario s: Scenario, year: Int, assignments: [(cadre: Int, klass: Int)]) {
    var classesOf = Array(repeating: [Int](), count: s.cadres.count)
    var attendees = Array(repeating: 0, count: s.classes.count)
    for a in assignments where s.classes[a.klass].year == year {
      classesOf[a.cadre].append(a.klass)
      attendees[a.klass] += 1
    }
    self.classesOf = classesOf
    self.attendees = attendees
  }

  /// Seats of `cadres` (those not trained before) in `classes`.
  func seats(of cadres: [Int], skipping before: Set<Int>, in classes: Set<Int>) -> Int {
    cadres.reduce(0) { n, ci in before.contains(ci) ? n : n + classesOf[ci].filter { classes.contains($0) }.count }
  }

  /// Members of `cadres` trained before or with a seat in `classes`.
  func persons(of cadres: [Int], before: Set<Int>, in classes: Set<Int>) -> Int {
    cadres.reduce(0) { n, ci in
      n + (before.contains(ci) || classesOf[ci].contains { classes.contains($0) } ? 1 : 0)
    }
  }
}

extension TargetBook {
  /// Per target, the units outside its range that the objective counts, as
  /// the model's rows count them (`TargetRowsRule`): a quota's persons
  /// short of `lo` plus its seats over `hi` (`max(0, S + B − hi)`, S the
  /// seats of members not trained before, B those trained before); a
  /// group's seats short of its rate (`max(0, ρ·|G|/|of|·(B(of) + S(of)) −
  /// B(G) − S(G))`; none when G or `of` is empty); a class count's held
  /// classes (classes with an attendee) or seats outside its bounds.
  public func objectiveDistances(scenario s: Scenario, seats: YearSeats) -> [Double] {
    targets.map { t in
      let classes = Set(t.classes)
      switch t.kind {
      case .quota: return quotaDistance(t, seats: seats, classes: classes)
      case .group(let ri, _): return groupDistance(t, rule: ri, scenario: s, seats: seats, classes: classes)
      case .classes: return Double(t.range.distance(t.classes.filter { seats.attendees[$0] > 0 }.count))
      case .seats: return Double(t.range.distance(t.classes.reduce(0) { $0 + seats.attendees[$1] }))
      }
    }
  }

  /// Persons short of `lo`, and seats over `hi`.
  func quotaDistance(_ t: Target, seats: YearSeats, classes: Set<Int>) -> Double {
    let persons = seats.persons(of: t.members, before: t.trainedBefore, in: classes)
    var distance = max(0, t.range.lo - persons)
    if let hi = t.range.hi {
      let counted = seats.seats(of: t.members, skipping: t.trainedBefore, in: classes) + t.trainedBefore.count
      distance += max(0, counted - hi)
    }
    return Double(distance)
  }

  /// Seats group `t` is short of its rule's rate over its `of`.
  func groupDistance(_ t: Target, rule ri: Int, scenario s: Scenario, seats: YearSeats, classes: Set<Int>)
    -> Double
  {
    guard let of = groupShares[ri], !of.ofMembers.isEmpty, !t.members.isEmpty else { return 0 }
    let factor =
      s.policy.groupShareRules[ri].effectiveRatio.doubleValue * Double(t.members.count) / Double(of.ofMembers.count)
    let all = seats.seats(of: of.ofMembers, skipping: of.ofTrainedBefore, in: classes) + of.ofTrainedBefore.count
    let mine = seats.seats(of: t.members, skipping: t.trainedBefore, in: classes) + t.trainedBefore.count
    return max(0, factor * Double(all) - Double(mine))
  }

  /// What the targets' distances cost a plan of these seats: each unit at
  /// the target's cost (`Target.cost`), at its weight for a target of a
  /// rule in `soft` (a hard rule planned soft).
  public func objectiveCost(scenario s: Scenario, seats: YearSeats, soft: Set<RuleID> = []) -> Double {
    let weights = s.policy.objective
    return zip(targets, objectiveDistances(scenario: s, seats: seats)).reduce(0) { sum, pair in
      let (t, d) = pair
      return sum + d * (soft.contains(t.rule.id) ? t.weight : t.cost(weights))
    }
  }
}
