import CallupDomain
import CallupRules
import GLPKBackend
import Modeling

/// A tiny scenario built in code, for tests whose answer is worked out by hand.
struct TinyWorld {
  var year = 2025
  var units: [Unit] = [Unit(id: "U1", name: "一局", region: "R1", headcount: 50)]
  var cadres: [Cadre] = []
  var classes: [TrainingClass] = []
  var history: [HistoryRecord] = []
  var rules: [Rule] = []

  static func day(_ s: String) -> Day { Day(iso: s)! }

  mutating func cadre(
    _ id: String, unit: String = "U1", rank: Rank = .county, leadership: Leadership = .deputy,
    tags: Set<String> = [], unavailable: [DayRange] = [], appointed: Day? = nil
  ) {
    cadres.append(
      Cadre(
        id: CadreID(id), name: "干部\(id)", unit: UnitID(unit), rank: rank, leadership: leadership, tags: tags,
        appointed: appointed, unavailable: unavailable))
  }

  mutating func klass(
    _ id: String, kind: ClassKind, start: String, days: Int = 5, min: Int = 1, capacity: Int? = nil,
    ranks: Set<Rank> = [], tags: Set<String> = [], theme: String = "", seat: Double = 1000, fixed: Double = 0,
    region: String = "R1", level: Level = .city
  ) {
    classes.append(
      TrainingClass(
        id: ClassID(id), name: "班次\(id)", institution: "市委党校", level: level, region: RegionID(region), kind: kind,
        theme: theme, start: TinyWorld.day(start), days: days, hours: Double(days * 7), minSize: min,
        capacity: capacity, ranks: ranks, tags: tags, costPerSeat: seat, fixedCost: fixed))
  }

  mutating func trained(_ cadre: String, kind: ClassKind, start: String, days: Int = 5, theme: String = "") {
    history.append(
      HistoryRecord(cadre: CadreID(cadre), kind: kind, theme: theme, start: TinyWorld.day(start), days: days, hours: 35)
    )
  }

  static func info(_ id: String, _ type: String) -> RuleInfo { RuleInfo(id: RuleID(id), type: type) }

  static let rotation = Rule.cycle(
    CycleRule(
      info: info("annual-rotation", "cycle"), who: Selector(ranks: [.bureau, .county]), kinds: [.rotation], every: 1))
  static let systematic = Rule.cycle(
    CycleRule(
      info: info("systematic-leaders", "cycle"), who: Selector(ranks: [.bureau, .county]), kinds: [.systematic],
      every: 5,
      minDays: 5))

  var scenario: Scenario {
    Scenario(
      name: "tiny-test", year: year, policy: Policy(name: "test", rules: rules), units: units, cadres: cadres,
      classes: classes, history: history)
  }

  func formulation() -> Formulation { Formulation(scenario: scenario) }

  /// Solves the formulation to optimality with GLPK's branch-and-bound (fine
  /// at this size) and returns the attended pairs as "cadre→class" strings.
  func solve(options: Formulation.Options = .init()) throws -> (pairs: Set<String>, objective: Double) {
    let f = Formulation(scenario: scenario, options: options)
    let solver = try GLPKSolver(model: f.model)
    let result = solver.solveMIP(timeLimit: 20, relativeGap: 0)
    precondition(!result.values.isEmpty || f.model.variableCount == 0, "no solution: \(result.message)")
    var pairs = Set<String>()
    for c in f.candidates where result.values[c.variable.index] > 0.5 {
      pairs.insert("\(f.scenario.cadres[c.cadre].id)→\(f.scenario.classes[c.klass].id)")
    }
    return (pairs, result.objective ?? f.model.objectiveConstant)
  }
}
