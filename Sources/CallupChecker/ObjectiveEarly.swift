import CallupDomain

/// A rotation plan's cadres trained ahead of their cycle (docs/contract.md,
/// "The objective"): each year of a plan over several years asks, per cycle
/// rule of two years or more, for about a yearly share of the rule's group,
/// and the cadres it asks for ahead of their cycle cost three quarters of
/// the rule's weight when no counting class of the year seats them.
extension CheckRun {
  /// Share of a due obligation's base weight that an early one is worth.
  static let earlyShare = 0.75
  /// Share (in tenths) of the first year's trained cadres a later year trains at least.
  static let keepTenths = 9

  /// Where a cadre stands on a cycle rule at the start of year `y`.
  enum CycleStanding {
    case due
    /// Not due; its last counting training started in `last`, before `y`.
    case ahead(last: Int)
    case other
  }

  func addEarlyTerms(to tally: inout ObjectiveTally) {
    let firstTrained = trainedInFirstYear()
    for (ri, rule) in s.policy.cycleRules.enumerated() where rule.every >= 2 {
      for y in years {
        let keep = y == s.year ? 0 : firstTrained[ri]
        let weight = (rule.weight ?? s.policy.objective.obligation) * Self.earlyShare
        for ci in earlyCadres(rule, year: y, keep: keep) where !attendsCounting(ci, rule, year: y) {
          tally.add("unmet early \(rule.info.id) obligations", year: y, units: 1, amount: weight)
        }
      }
    }
  }

  /// The cadres year `y` asks for ahead of their cycle: with `due` cadres
  /// due and `ahead` not due, the share is `max(ceil((due + ahead) /
  /// every), ceil(0.9 × keep))`; when `due` falls short of it, the `share −
  /// due` cadres not due whose cycle ends soonest (`last + every`, then by
  /// cadre id) are asked for.
  func earlyCadres(_ rule: CycleRule, year y: Int, keep: Int) -> [Int] {
    var due = 0
    var ahead: [(next: Int, cadre: Int)] = []
    for ci in s.cadres.indices where rule.who.matches(s.cadres[ci], year: y) {
      switch standing(ci, rule, year: y) {
      case .due: due += 1
      case .ahead(let last): ahead.append((last + rule.every, ci))
      case .other: break
      }
    }
    let group = due + ahead.count
    let kept = (keep * Self.keepTenths + 9) / 10
    let share = max((group + rule.every - 1) / rule.every, kept)
    guard due < share else { return [] }
    ahead.sort { $0.next != $1.next ? $0.next < $1.next : s.cadres[$0.cadre].id < s.cadres[$1.cadre].id }
    return ahead.prefix(share - due).map(\.cadre)
  }

  /// Due, ahead or neither, from history up to `y` and the plan's earlier years.
  func standing(_ ci: Int, _ rule: CycleRule, year y: Int) -> CycleStanding {
    var last: Int?
    for h in s.historyByCadre[ci] where h.year <= y && Counting.counts(rule, h) { last = max(last ?? h.year, h.year) }
    for kj in planned.classesOf[ci] where s.classes[kj].year < y && Counting.counts(rule, s.classes[kj]) {
      last = max(last ?? s.classes[kj].year, s.classes[kj].year)
    }
    guard let last else { return .due }
    if last <= y - rule.every { return .due }
    return last < y ? .ahead(last: last) : .other
  }

  func attendsCounting(_ ci: Int, _ rule: CycleRule, year y: Int) -> Bool {
    planned.classesOf[ci].contains { s.classes[$0].year == y && Counting.counts(rule, s.classes[$0]) }
  }

  /// Per cycle rule index: the cadres the first planned year trains for it
  /// (matched by `who` in that year, with a counting class of that year).
  func trainedInFirstYear() -> [Int] {
    s.policy.cycleRules.map { rule in
      s.cadres.indices.filter { ci in
        rule.who.matches(s.cadres[ci], year: s.year) && attendsCounting(ci, rule, year: s.year)
      }.count
    }
  }
}
