import CallupDomain
import CallupPlan
import CallupRules

/// The figures report.html draws, computed once from a plan: who meets
/// which obligation, coverage by region and rank, unit absence per day,
/// and the cost split.
struct ReportFacts {
  let plan: Plan
  let scenario: Scenario
  let year: Int
  let book: ObligationBook
  /// Class indices per cadre index (the plan's assignments).
  let classesByCadre: [[Int]]
  /// The counting class that meets each obligation (by obligation index), if any.
  let metBy: [Int?]
  /// The plan's unmet entry per (cadre index, rule id).
  let unmetByKey: [String: UnmetObligation]
  /// First day of the year and its number of days.
  let yearStart: Day
  let daysInYear: Int
  /// Per unit index, per day of the year: cadres away (plan and history).
  let awayPerDay: [[Int]]
  /// Per unit index: headcount used for shares.
  let headcount: [Int]

  struct Coverage {
    var key: String
    var label: String
    var due = 0
    var met = 0
  }

  struct CostSplit {
    var seats = 0.0
    var fixed = 0.0
    var travel = 0.0
    var tier = 0.0
    var total: Double { seats + fixed + travel + tier }
  }

  init(plan: Plan) {
    self.plan = plan
    let s = plan.scenario
    scenario = s
    year = plan.year
    book = ObligationBook(scenario: s, year: plan.year)
    var byCadre = Array(repeating: [Int](), count: s.cadres.count)
    for a in plan.assignments where a.cadre < s.cadres.count { byCadre[a.cadre].append(a.klass) }
    classesByCadre = byCadre
    let cycles = s.policy.cycleRules
    metBy = book.obligations.map { o in
      let rule = cycles[o.rule]
      return byCadre[o.cadre].first { rule.counts(s.classes[$0]) }
    }
    var unmet = [String: UnmetObligation]()
    for u in plan.unmet { unmet["\(u.obligation.cadre)/\(u.ruleID.rawValue)"] = u }
    unmetByKey = unmet

    let start = Day(year: plan.year, month: 1, day: 1) ?? Day(ordinal: 0)
    yearStart = start
    daysInYear = Day.isLeap(plan.year) ? 366 : 365
    var away = Array(repeating: Array(repeating: 0, count: Day.isLeap(plan.year) ? 366 : 365), count: s.units.count)
    let days = away.first?.count ?? 365
    func mark(_ ci: Int, _ span: DayRange) {
      guard let u = s.unitIndex[s.cadres[ci].unit] else { return }
      let a = max(0, start.distance(to: span.first)), b = min(days - 1, start.distance(to: span.last))
      guard a <= b else { return }
      for d in a...b { away[u][d] += 1 }
    }
    for a in plan.assignments where s.classes[a.klass].kind.isOffTheJob { mark(a.cadre, s.classes[a.klass].span) }
    for (ci, hs) in s.historyByCadre.enumerated() {
      for h in hs where h.kind.isOffTheJob { mark(ci, h.span) }
    }
    awayPerDay = away
    headcount = s.units.indices.map { s.units[$0].headcount ?? s.cadresByUnit[$0].count }
  }

  func isMet(_ obligation: Int) -> Bool { metBy[obligation] != nil }

  /// Due and met obligations grouped by the cadre's region (the unit's region), by region id.
  func coverageByRegion() -> [Coverage] {
    var groups = [String: Coverage]()
    for (i, o) in book.obligations.enumerated() {
      let region = scenario.unit(scenario.cadres[o.cadre].unit)?.region.rawValue ?? "?"
      groups[region, default: Coverage(key: region, label: region)].due += 1
      if isMet(i) { groups[region]!.met += 1 }
    }
    return groups.values.sorted { $0.key < $1.key }
  }

  /// Due and met obligations grouped by the top unit above the cadre's unit
  /// (the unit itself when it has no parent), by unit order.
  func coverageByTopUnit() -> [Coverage] {
    var top = [Int: Int]()
    func root(_ u: Int) -> Int {
      if let t = top[u] { return t }
      var seen: Set<Int> = [u]
      var cur = u
      while let p = scenario.units[cur].parent, let pi = scenario.unitIndex[p], !seen.contains(pi) {
        seen.insert(pi)
        cur = pi
      }
      top[u] = cur
      return cur
    }
    var groups = [Int: Coverage]()
    for (i, o) in book.obligations.enumerated() {
      guard let u = scenario.unitIndex[scenario.cadres[o.cadre].unit] else { continue }
      let r = root(u)
      groups[r, default: Coverage(key: scenario.units[r].id.rawValue, label: scenario.units[r].name)].due += 1
      if isMet(i) { groups[r]!.met += 1 }
    }
    return groups.keys.sorted().map { groups[$0]! }
  }

  /// Due and met obligations grouped by rank, top rank first.
  func coverageByRank(chinese: Bool) -> [Coverage] {
    var groups = [Rank: Coverage]()
    for (i, o) in book.obligations.enumerated() {
      let r = scenario.cadres[o.cadre].rank
      groups[r, default: Coverage(key: r.rawValue, label: chinese ? r.label : r.rawValue)].due += 1
      if isMet(i) { groups[r]!.met += 1 }
    }
    return Rank.allCases.compactMap { groups[$0] }
  }

  /// Week of the year (0-based, 7-day blocks from 1 January) of a day index.
  static func week(ofDay d: Int) -> Int { d / 7 }
  var weeks: Int { (daysInYear + 6) / 7 }

  /// Per week: the largest share of the unit's headcount away on one day of that week.
  func weeklyShare(unit u: Int) -> [Double] {
    var out = Array(repeating: 0.0, count: weeks)
    let h = headcount[u]
    guard h > 0 else { return out }
    for (d, n) in awayPerDay[u].enumerated() where n > 0 {
      let w = ReportFacts.week(ofDay: d)
      out[w] = max(out[w], Double(n) / Double(h))
    }
    return out
  }

  /// Seats, holding costs, travel (outside the cadre's region) and tier
  /// (another level than the rank's) of the plan, in 元.
  func costSplit() -> CostSplit {
    var c = CostSplit()
    let tiered = scenario.policy.tiered
    for a in plan.assignments {
      let k = scenario.classes[a.klass]
      c.seats += k.costPerSeat
      guard let tiered else { continue }
      let cadre = scenario.cadres[a.cadre]
      if let unit = scenario.unit(cadre.unit), unit.region != k.region { c.travel += tiered.travelCost }
      if let level = tiered.levels[cadre.rank], level != k.level { c.tier += tiered.mismatchCost }
    }
    for k in plan.held { c.fixed += scenario.classes[k].fixedCost }
    return c
  }
}
