import CallupDomain
import Modeling

/// A cycle rule (`cycle {who, kinds, every, min_days}`): every due cadre
/// should attend one counting class in the year; overdue cadres first.
///
/// The value of a met obligation is the rule's weight plus a value per year
/// overdue, so the make-up call-up (补训) of the long-untrained comes first.
/// Soft: unmet obligations cost their value in the objective and are
/// reported with their reason.
public struct CycleObligationRule: PlanningRule {
  public let rule: CycleRule
  /// Index in `Policy.cycleRules`.
  public let index: Int
  public var info: RuleInfo { rule.info }
  public var isHard: Bool { false }

  public init(rule: CycleRule, index: Int) {
    self.rule = rule
    self.index = index
  }

  /// True when every class that can count lies in one kind attended at most
  /// once a year: then `Σ x ≤ 1` over the kind holds anyway and the reward
  /// can sit on the seats themselves.
  public var rewardsSeatsDirectly: Bool {
    rule.kinds.count == 1 && rule.kinds.first!.isOncePerYear
  }

  public func apply(to f: inout Formulation) {
    for (oi, o) in f.book.obligations.enumerated() where o.rule == index {
      f.model.objectiveConstant += o.value
      let counting = f.candidatesByCadre[o.cadre].filter { f.counts(f.candidates[$0], for: o) }
      guard !counting.isEmpty else { continue }
      if rewardsSeatsDirectly {
        for p in counting { f.addObjective(-o.value, to: f.candidates[p].variable) }
      } else {
        let c = f.scenario.cadres[o.cadre]
        let met = f.model.addVariable("met[\(c.id),\(rule.info.id)]", lower: 0, upper: 1, objective: -o.value)
        f.metVariable[oi] = met
        var row = LinearExpression(met)
        for p in counting { row.add(-1, f.candidates[p].variable) }
        f.meetsRow[oi] = f.model.addConstraint("meets[\(c.id),\(rule.info.id)]", row, .lessOrEqual(0))
      }
    }
  }
}

/// A unit-share rule (`unit-share {who, share, kinds}`): in each unit at
/// least `ceil(share × n)` of the n matched cadres attend a class of `kinds`
/// in the year (history in the year counts). Soft.
///
/// `sent[c] ≤ Σ x[c,k]` over the kinds, `sent[c] ≤ 1`, and
/// `short[u] + Σ sent[c] ≥ need`, with the rule's value per missing person on
/// `short[u]`.
public struct UnitShareRequirementRule: PlanningRule {
  public let rule: UnitShareRule
  public let index: Int
  public var info: RuleInfo { rule.info }
  public var isHard: Bool { false }

  public init(rule: UnitShareRule, index: Int) {
    self.rule = rule
    self.index = index
  }

  public func apply(to f: inout Formulation) {
    let weight = rule.weight ?? f.scenario.policy.objective.unitShare
    for (ri, req) in f.book.unitRequirements.enumerated() where req.rule == index && req.need > 0 {
      let unit = f.scenario.units[req.unit]
      let short = f.model.addVariable(
        "short[\(unit.id),\(rule.info.id)]", lower: 0, upper: Double(req.need), objective: weight)
      f.shortfallVariable[ri] = short
      var cover = LinearExpression(short)
      for m in req.members where !req.alreadyTrained.contains(m) {
        let seats = f.candidatesByCadre[m].filter {
          rule.kinds.contains(f.scenario.classes[f.candidates[$0].klass].kind)
        }
        guard !seats.isEmpty else { continue }
        let c = f.scenario.cadres[m]
        let sent = f.model.addVariable("sent[\(c.id),\(rule.info.id)]", lower: 0, upper: 1)
        var link = LinearExpression(sent)
        for p in seats { link.add(-1, f.candidates[p].variable) }
        f.sendsRows[ri][m] = f.model.addConstraint("sends[\(c.id),\(rule.info.id)]", link, .lessOrEqual(0))
        f.sentVariables[ri][m] = sent
        cover.add(1, sent)
      }
      f.model.addConstraint("unit_share[\(unit.id),\(rule.info.id)]", cover, .greaterOrEqual(Double(req.need)))
    }
  }
}
