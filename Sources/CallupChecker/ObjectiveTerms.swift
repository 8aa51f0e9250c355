import CallupDomain

/// One term of a plan's objective as the checker recomputes it from the
/// contract (docs/contract.md, "The objective"): what it counts, in which
/// year, how many units and what they cost.
struct ObjectiveTerm {
  /// What the term counts: `unmet annual-rotation obligations`, `seats`,
  /// `quota programme-quota "新进选调生培训" short`…
  var label: String
  var year: Int
  /// Units counted: obligations, persons, seats, classes (fractional for a
  /// group-share rule, which counts in seats).
  var units: Double
  var amount: Double
  /// The hard rule whose breaks this term prices beyond its soft weight
  /// (`hard_break`); nil for every other term. An infeasible plan may have
  /// planned a rule named in its conflicts soft: then the term is left out.
  var hardRule: String?
}

/// The terms of a plan's objective, added up by label and year.
struct ObjectiveTally {
  private(set) var terms: [ObjectiveTerm] = []
  private var index: [String: Int] = [:]

  mutating func add(_ label: String, year: Int, units: Double, amount: Double, hardRule: String? = nil) {
    guard amount != 0 else { return }
    let key = "\(label)\u{1}\(year)\u{1}\(hardRule ?? "")"
    if let i = index[key] {
      terms[i].units += units
      terms[i].amount += amount
    } else {
      index[key] = terms.count
      terms.append(ObjectiveTerm(label: label, year: year, units: units, amount: amount, hardRule: hardRule))
    }
  }

  /// The objective of `year` (nil: every year) with the hard rules of
  /// `soft` planned soft: their `hard_break` terms left out.
  func total(year: Int? = nil, soft: Set<String> = []) -> Double {
    terms.reduce(0) { sum, t in
      guard year == nil || t.year == year, t.hardRule.map({ !soft.contains($0) }) ?? true else { return sum }
      return sum + t.amount
    }
  }
}

/// The objective's terms: the value of unmet obligations, missing unit-share
/// persons, seats, travel, tiers, held classes and targets' distances.
extension CheckRun {
  /// Every term of the objective of every planned year, hours rules aside
  /// (`hoursTerms`): the plan's `objective` is that of the call-up.
  func objectiveTerms(_ obligations: [Obligation], targets: [ExpectedTarget]) -> ObjectiveTally {
    var tally = ObjectiveTally()
    addObligationTerms(obligations, to: &tally)
    if s.horizon > 1 { addEarlyTerms(to: &tally) }
    addShareTerms(to: &tally)
    addSeatTerms(to: &tally)
    addTargetTerms(targets, to: &tally)
    return tally
  }

  /// The factor of the first `objective.priorities` entry whose `who`
  /// matches the cadre in `year`; 1 when none does.
  func priority(_ ci: Int, year: Int) -> Double {
    s.policy.objective.priorities.first { $0.who.matches(s.cadres[ci], year: year) }?.factor ?? 1
  }

  /// The value of a due obligation: `(weight + overdue_year × min(overdue,
  /// 10)) × priority`, the rule's `weight` or `objective.obligation`.
  func value(of o: Obligation) -> Double {
    let w = s.policy.objective
    let base = o.rule.weight ?? w.obligation
    return (base + w.overdueYear * Double(min(o.overdue, Self.overdueCap))) * priority(o.cadre, year: o.year)
  }

  /// Years overdue beyond this add no more value.
  static let overdueCap = 10

  /// Each unmet due obligation costs its value; a hard rule's costs
  /// `hard_break` more.
  func addObligationTerms(_ obligations: [Obligation], to tally: inout ObjectiveTally) {
    let hardBreak = s.policy.objective.hardBreak
    for o in obligations where o.metBy == nil {
      let id = o.rule.info.id.rawValue
      tally.add("unmet \(id) obligations", year: o.year, units: 1, amount: value(of: o))
      if o.rule.hard {
        tally.add("unmet \(id) obligations, hard", year: o.year, units: 1, amount: hardBreak, hardRule: id)
      }
    }
  }

  /// Each person a unit-share requirement is short costs the rule's
  /// `weight` or `objective.unit_share`.
  func addShareTerms(to tally: inout ObjectiveTally) {
    for r in shareRequirements() where r.planned < r.required {
      let short = r.required - r.planned
      let weight = r.rule.weight ?? s.policy.objective.unitShare
      tally.add(
        "unit-share \(r.rule.info.id) persons short", year: r.year, units: Double(short),
        amount: weight * Double(short))
    }
  }

  /// Each seat costs the class's `cost_per_seat`, and under a tiered rule
  /// its travel cost outside the region of the cadre's unit and its
  /// mismatch cost at another level than the rank's; each held class its
  /// `fixed_cost`.
  func addSeatTerms(to tally: inout ObjectiveTally) {
    let tiered = s.policy.tiered
    for (ci, kj) in planned.pairs {
      let k = s.classes[kj]
      tally.add("seats", year: k.year, units: 1, amount: k.costPerSeat)
      guard let t = tiered else { continue }
      let c = s.cadres[ci]
      if let u = s.unit(c.unit), u.region != k.region {
        tally.add("travel", year: k.year, units: 1, amount: t.travelCost)
      }
      if let level = t.levels[c.rank], level != k.level {
        tally.add("tier mismatch", year: k.year, units: 1, amount: t.mismatchCost)
      }
    }
    for (j, k) in s.classes.enumerated() where years.contains(k.year) && planned.attendees[j] > 0 {
      tally.add("held classes' fixed costs", year: k.year, units: 1, amount: k.fixedCost)
    }
  }
}
