import CallupDomain
import Modeling

/// An hours rule (`hours {who, window, min_hours | min_days, kinds,
/// institution_types}`): class hours (or days) in the window reach the
/// minimum by its end. The annual plan aims at the year's pace,
/// `ceil((minimum − so far) / years left)`, for every matched cadre short of
/// the minimum; cadres behind pace count more (priority). Soft.
///
/// A seat in a counting class is rewarded on `x[c,k]` itself, with the value
/// of `m[k] = min(amount(k), pace)`. Where the cadre's classes could add up
/// to more than the pace, `Σ m[k]·x[c,k] − excess[c,rule] ≤ pace` takes the
/// surplus back (the value per unit on `excess`), so the reward is exactly
/// the value of `min(pace, Σ m[k]·x[c,k])`. The row is slack for a cadre
/// in one class, which keeps the LP quick.
public struct HoursPaceRule: PlanningRule {
  public let rule: HoursRule
  /// Index in `Policy.hoursRules`.
  public let index: Int
  public var info: RuleInfo { rule.info }
  public var isHard: Bool { false }

  public init(rule: HoursRule, index: Int) {
    self.rule = rule
    self.index = index
  }

  /// The most a cadre's classes can add, each at most `pace`: the `perYear`
  /// largest off-the-job classes plus every online one.
  public static func most(_ classes: [(amount: Double, offTheJob: Bool)], pace: Double, perYear: Int) -> Double {
    let off = classes.filter(\.offTheJob).map { min($0.amount, pace) }.sorted(by: >).prefix(perYear).reduce(0, +)
    return off + classes.filter { !$0.offTheJob }.reduce(0) { $0 + min($1.amount, pace) }
  }

  public func apply(to f: inout Formulation) {
    // A restricted model keeps the cap row of every cadre whose eligible
    // classes, in the model or not, could exceed the pace, so that
    // pricing sees its dual.
    let eligible = f.options.pairLimit == nil ? nil : EligiblePairs(f)
    let perYear = f.scenario.policy.noDuplicate.maxPerYear
    guard f.options.planHours else { return }
    for ci in f.scenario.cadres.indices {
      for ti in f.book.hoursByCadre[ci] where f.book.hoursTargets[ti].rule == index {
        let t = f.book.hoursTargets[ti]
        f.model.objectiveConstant += t.valuePerUnit * t.pace
        var row = LinearExpression()
        var classes: [(amount: Double, offTheJob: Bool)] = []
        for p in f.candidatesByCadre[ci] {
          let k = f.scenario.classes[f.candidates[p].klass]
          let a = rule.amount(of: k)
          guard a > 0 else { continue }
          let m = min(a, t.pace)
          f.addObjective(-t.valuePerUnit * m, to: f.candidates[p].variable)
          row.add(m, f.candidates[p].variable)
          classes.append((a, k.kind.isOffTheJob))
        }
        if let eligible {
          classes = eligible.classes(cadre: ci).map { f.scenario.classes[$0] }.filter { rule.amount(of: $0) > 0 }
            .map { (rule.amount(of: $0), $0.kind.isOffTheJob) }
        }
        let most = HoursPaceRule.most(classes, pace: t.pace, perYear: perYear) - t.pace
        guard most > 1e-9 else { continue }
        let c = f.scenario.cadres[ci]
        let v = f.model.addVariable("excess[\(c.id),\(rule.info.id)]", lower: 0, upper: most, objective: t.valuePerUnit)
        row.add(-1, v)
        f.hoursVariable[ti] = v
        f.hoursRow[ti] = f.model.addConstraint("hours_cap[\(c.id),\(rule.info.id)]", row, .lessOrEqual(t.pace))
      }
    }
  }
}
