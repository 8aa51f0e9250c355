import CallupDomain
import CallupPlan
import CallupRules

/// What a seat is worth to a cadre, by the year's obligations: what a
/// nominee's seat serves (is it due at all?), which of the plan's suggested
/// cadres to keep first, and what a suggested cadre who loses the seat is
/// left without.
struct SubstitutionCost {
  let formulation: Formulation

  /// The cycle obligations of cadre `ci` that class `ki` meets.
  func obligations(cadre ci: Int, klass ki: Int) -> [Obligation] {
    let book = formulation.book
    let cycles = formulation.scenario.policy.cycleRules
    let k = formulation.scenario.classes[ki]
    return book.byCadre[ci].map { book.obligations[$0] }.filter { !$0.early && cycles[$0.rule].counts(k) }
  }

  /// What the seat serves, in words (`meets annual-rotation (overdue 2 y)`,
  /// `towards unit-fifth of the unit`, `hours: …`); nil when it serves no rule.
  func served(cadre ci: Int, klass ki: Int) -> String? { Replanner.served(cadre: ci, klass: ki, formulation) }

  /// The plan's suggested cadres in the order they keep their seats: the
  /// one whose seat meets the most overdue obligation first, then the most
  /// obligations, then by id.
  func keepOrder(_ cadres: [Int], klass ki: Int) -> [Int] {
    let s = formulation.scenario
    let need = Dictionary(
      uniqueKeysWithValues: cadres.map { ci in
        let os = obligations(cadre: ci, klass: ki)
        return (ci, (overdue: os.map(\.overdueYears).max() ?? -1, count: os.count))
      })
    return cadres.sorted { a, b in
      let na = need[a]!, nb = need[b]!
      if na.overdue != nb.overdue { return na.overdue > nb.overdue }
      if na.count != nb.count { return na.count > nb.count }
      return s.cadres[a].id < s.cadres[b].id
    }
  }

  /// The obligations of cadre `ci` that class `ki` met in the plan and the
  /// merged plan leaves unmet.
  static func leftUnmet(cadre ci: Int, klass ki: Int, in merged: Plan) -> [UnmetObligation] {
    let s = merged.scenario
    let cycles = s.policy.cycleRules
    return merged.unmet.filter { $0.obligation.cadre == ci && cycles[$0.obligation.rule].counts(s.classes[ki]) }
  }
}
