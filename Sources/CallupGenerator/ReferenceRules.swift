import CallupDomain

/// The cycle rules of the default policy (policies/default.yaml, the
/// catalog of docs/domain.md) with their parameters. The generator sizes its class catalogue against the
/// obligations they make due; the scenario itself refers to the policy file.
enum ReferenceRules {
  static func rule(_ id: String, _ who: Selector, _ kinds: Set<ClassKind>, every: Int, minDays: Int = 0) -> CycleRule {
    CycleRule(info: RuleInfo(id: RuleID(id), type: "cycle"), who: who, kinds: kinds, every: every, minDays: minDays)
  }
  static let leaders: Set<Rank> = [.bureau, .county]

  static let rotation = rule("annual-rotation", Selector(ranks: leaders), [.rotation], every: 1)
  static let systematicTeam = rule("systematic-team", Selector(tags: ["city-county-team"]), [.systematic], every: 3)
  static let systematicLeaders = rule(
    "systematic-leaders", Selector(ranks: leaders), [.systematic], every: 5, minDays: 5)
  static let townshipHeads = rule("township-heads", Selector(tags: ["township-head"]), [.systematic], every: 5)
  static let professional = rule("annual-professional", Selector(ranks: leaders), [.professional], every: 1)
  /// Matched only in the year of appointment, so `every: 1` means once per appointment.
  static let appointment = rule(
    "new-appointee", Selector(ranks: [.county, .section], appointedWithinYears: 1), [.appointment], every: 1)
  static let initial = rule(
    "new-initial", Selector(ranks: [.staff], tags: ["new-appointee"], appointedWithinYears: 1), [.initial], every: 1)

  static let all = [rotation, systematicTeam, systematicLeaders, townshipHeads, professional, appointment, initial]

  /// Years the cadre is overdue under `rule` in `year` (0 = just due), or nil
  /// when the rule does not make it due: its latest counting training
  /// started in a year `≤ year - every`, or it has none (overdue by `every`).
  static func overdue(_ rule: CycleRule, _ cadre: Cadre, history: some Collection<HistoryRecord>, year: Int) -> Int? {
    guard rule.who.matches(cadre, year: year) else { return nil }
    var last: Int?
    for h in history where h.year <= year && rule.counts(h) {
      last = max(last ?? h.year, h.year)
    }
    guard let last else { return rule.every }
    return last <= year - rule.every ? year - last - rule.every : nil
  }

  static func isDue(_ rule: CycleRule, _ cadre: Cadre, history: some Collection<HistoryRecord>, year: Int) -> Bool {
    overdue(rule, cadre, history: history, year: year) != nil
  }
}
