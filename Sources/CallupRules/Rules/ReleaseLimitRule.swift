import CallupDomain
import Modeling

/// The release rule (错峰调训, 工学矛盾): a unit never has more than its limit
/// away on one day — `max(1, min(max_away, floor(max_away_share ×
/// headcount)))` — and two principals of a unit are never away together.
/// History trainings count as away. Hard.
///
/// Rows are written only at the days where the set of running classes can
/// grow: the start days of classes and of history trainings. Every day's
/// away set is contained in the set at the latest such day before it, so
/// these rows imply the rule on every day. Days where fewer cadres could be
/// away than the limit get no row.
public struct ReleaseLimitRule: PlanningRule {
  public let rule: ReleaseRule
  public var info: RuleInfo { rule.info }
  public var isHard: Bool { true }

  public init(rule: ReleaseRule) { self.rule = rule }

  public func apply(to f: inout Formulation) {
    let scenario = f.scenario
    for (ui, members) in scenario.cadresByUnit.enumerated() where !members.isEmpty {
      let planned = members.filter { !f.candidatesByCadre[$0].isEmpty }
      guard !planned.isEmpty else { continue }
      let limit = scenario.releaseLimit(unitIndex: ui)
      let unit = scenario.units[ui]
      f.releaseRows[ui] = addRows(f: &f, cadres: members, limit: limit, label: "release[\(unit.id)")
      let principals = members.filter { scenario.cadres[$0].isPrincipal }
      if principals.count >= 2 {
        f.principalRows[ui] = addRows(f: &f, cadres: principals, limit: 1, label: "principals_apart[\(unit.id)")
      }
    }
  }

  /// Rows `Σ x ≤ limit - (away in history)` for a group of cadres.
  func addRows(f: inout Formulation, cadres: [Int], limit: Int, label: String) -> [(day: Day, row: ConstraintRef)] {
    var written: [(day: Day, row: ConstraintRef)] = []
    let scenario = f.scenario
    // Start days at which the away set can grow.
    var days = Set<Day>()
    for ci in cadres {
      for p in f.candidatesByCadre[ci] {
        let k = scenario.classes[f.candidates[p].klass]
        if k.kind.isOffTheJob { days.insert(k.start) }
      }
      for h in scenario.historyByCadre[ci] where h.kind.isOffTheJob && h.year >= f.year - 1 {
        days.insert(h.start)
      }
    }
    var seen = [[Int]: Int]()  // variable set → row rhs already written
    for day in days.sorted() {
      let vars = f.candidates(ofCadres: cadres, runningOn: day)
      guard !vars.isEmpty else { continue }
      var fixed = 0
      for ci in cadres {
        if scenario.historyByCadre[ci].contains(where: { $0.kind.isOffTheJob && $0.span.contains(day) }) { fixed += 1 }
      }
      let distinct = Set(vars.map { f.candidates[$0].cadre }).count
      if distinct + fixed <= limit { continue }
      let rhs = max(0, limit - fixed)
      let key = vars.sorted()
      if let old = seen[key], old <= rhs { continue }
      seen[key] = rhs
      var row = LinearExpression()
      for p in key { row.add(1, f.candidates[p].variable) }
      written.append((day, f.model.addConstraint("\(label),\(day.iso)]", row, .lessOrEqual(Double(rhs)))))
    }
    return written
  }
}

/// The plan half of no-duplicate (多头调训, 重复培训): a cadre is never in two
/// classes whose days overlap, attends at most one class of each kind a year
/// (`special` and `online` excepted), at most `max_per_year` off-the-job
/// classes a year, and never two classes of the same theme within
/// `theme_years`. History counts: its half is applied by the candidate
/// screen; these rows cover the planned classes among themselves. Hard.
public struct NoDuplicateRowsRule: PlanningRule {
  public let rule: NoDuplicateRule
  public var info: RuleInfo { rule.info }
  public var isHard: Bool { true }

  public init(rule: NoDuplicateRule) { self.rule = rule }

  public func apply(to f: inout Formulation) {
    let scenario = f.scenario
    for ci in scenario.cadres.indices {
      let mine = f.candidatesByCadre[ci]
      guard mine.count >= 2 || !mine.isEmpty && rule.maxPerYear < 1 else { continue }
      let cadre = scenario.cadres[ci]
      // The least right-hand side written for each set of pairs: a row of
      // the same set is written again only if it is tighter (the yearly
      // maximum over three overlapping classes is ≤ 2, their overlap ≤ 1).
      var written = [[Int]: Int]()
      func add(_ name: String, _ set: [Int], _ rhs: Int, _ scope: Formulation.CadreRowScope) {
        let key = set.sorted()
        guard key.count > rhs, rhs < (written[key] ?? Int.max) else { return }
        written[key] = rhs
        var row = LinearExpression()
        for p in key { row.add(1, f.candidates[p].variable) }
        let ref = f.model.addConstraint(name, row, .lessOrEqual(Double(max(0, rhs))))
        f.cadreRows[ci].append((scope, ref))
      }
      // One class of each kind a year.
      var byKind = [ClassKind: [Int]]()
      for p in mine { byKind[scenario.classes[f.candidates[p].klass].kind, default: []].append(p) }
      for kind in ClassKind.allCases where kind.isOncePerYear {
        if let set = byKind[kind], set.count >= 2 {
          add("one_per_kind[\(cadre.id),\(kind.rawValue)]", set, 1, .kind(kind))
        }
      }
      // At most max_per_year off-the-job classes, history of the year included.
      let offJob = mine.filter { scenario.classes[f.candidates[$0].klass].kind.isOffTheJob }
      let done = scenario.historyByCadre[ci].filter { $0.year == f.year && $0.kind.isOffTheJob }.count
      add("max_per_year[\(cadre.id)]", offJob, rule.maxPerYear - done, .maxPerYear)
      // Same theme within the window: every class of the year is within it.
      if rule.themeYears >= 1 {
        var byTheme = [String: [Int]]()
        for p in mine {
          let k = scenario.classes[f.candidates[p].klass]
          if !k.theme.isEmpty { byTheme[k.theme, default: []].append(p) }
        }
        for theme in byTheme.keys.sorted() where byTheme[theme]!.count >= 2 {
          add("theme[\(cadre.id),\(theme)]", byTheme[theme]!, 1, .theme(theme))
        }
      }
      // Overlapping classes: one row per maximal set running on a start day.
      var sets: [[Int]] = []
      let starts = Set(mine.map { scenario.classes[f.candidates[$0].klass].start }).sorted()
      for day in starts {
        let running = mine.filter { scenario.classes[f.candidates[$0].klass].span.contains(day) }
        if running.count >= 2 { sets.append(running.sorted()) }
      }
      let maximal = sets.enumerated().filter { (i, s) in
        !sets.enumerated().contains { (j, t) in
          j != i && t.count >= s.count && Set(s).isSubset(of: t) && (t.count > s.count || j < i)
        }
      }.map(\.1)
      for s in maximal {
        let kinds = Set(s.map { scenario.classes[f.candidates[$0].klass].kind })
        if kinds.count == 1, kinds.first!.isOncePerYear { continue }  // the kind row covers it
        let day = scenario.classes[f.candidates[s[0]].klass].start
        let d = s.map { scenario.classes[f.candidates[$0].klass].start }.max() ?? day
        add("no_overlap[\(cadre.id),\(d.iso)]", s, 1, .overlap(d))
      }
    }
  }
}

/// Seat, travel and tier costs: each seat costs the class's `cost_per_seat`;
/// under the tiered rule (分级) a seat outside the cadre's region adds travel
/// cost and a seat at an institution of another level than the rank's adds
/// the mismatch cost.
public struct SeatCostRule: PlanningRule {
  public let tiered: TieredRule?
  public var info: RuleInfo { tiered?.info ?? BuiltInRules.seatCost }
  public var isHard: Bool { false }

  public init(tiered: TieredRule?) { self.tiered = tiered }

  /// The cost of one seat of class `k` for cadre `c` (objective money units).
  public static func seatCost(cadre: Cadre, unit: Unit?, klass: TrainingClass, tiered: TieredRule?) -> Double {
    var cost = klass.costPerSeat
    if let tiered {
      if let unit, unit.region != klass.region { cost += tiered.travelCost }
      if let level = tiered.levels[cadre.rank], level != klass.level { cost += tiered.mismatchCost }
    }
    return cost
  }

  /// `seatCost` for every pair of a scenario from plain arrays, for the
  /// loops over every cadre–class pair of a province (no copy of a cadre,
  /// unit or class per pair).
  public struct Table: Sendable {
    private let classCost: [Double]
    private let classRegion: [Int32]
    private let classLevel: [Int8]
    /// Region of the cadre's unit (−1: none) and the level of its rank (−1: none).
    private let cadreRegion: [Int32]
    private let cadreLevel: [Int8]
    private let travel: Double
    private let mismatch: Double

    public init(_ s: Scenario) {
      var regions = [RegionID: Int32]()
      func region(_ r: RegionID) -> Int32 {
        if let i = regions[r] { return i }
        let i = Int32(regions.count)
        regions[r] = i
        return i
      }
      let levels = Level.allCases
      func level(_ l: Level?) -> Int8 { l.flatMap { levels.firstIndex(of: $0) }.map(Int8.init) ?? -1 }
      let tiered = s.policy.tiered
      classCost = s.classes.map(\.costPerSeat)
      classRegion = s.classes.map { region($0.region) }
      classLevel = s.classes.map { level($0.level) }
      let unitRegion = s.units.map { region($0.region) }
      cadreRegion = s.cadres.map { c in s.unitIndex[c.unit].map { unitRegion[$0] } ?? -1 }
      cadreLevel = s.cadres.map { level(tiered?.levels[$0.rank]) }
      travel = tiered?.travelCost ?? 0
      mismatch = tiered?.mismatchCost ?? 0
    }

    /// `SeatCostRule.seatCost` of cadre index `ci` in class index `ki`.
    public func cost(cadre ci: Int, klass ki: Int) -> Double {
      var cost = classCost[ki]
      if cadreRegion[ci] >= 0, cadreRegion[ci] != classRegion[ki] { cost += travel }
      if cadreLevel[ci] >= 0, cadreLevel[ci] != classLevel[ki] { cost += mismatch }
      return cost
    }
  }

  public func apply(to f: inout Formulation) {
    for cand in f.candidates {
      let c = f.scenario.cadres[cand.cadre]
      let cost = SeatCostRule.seatCost(
        cadre: c, unit: f.scenario.unit(c.unit), klass: f.scenario.classes[cand.klass], tiered: tiered)
      f.addObjective(cost + (f.options.seatPrices[cand.klass] ?? 0), to: cand.variable)
    }
  }
}
