import CallupDomain
import CallupRules
import CallupPlan
@testable import CallupReports
@testable import CallupSolve
import Foundation
import Testing

/// The class neighbourhoods of the whole-model search and the time kept
/// for the hours stage.
@Suite("class neighbourhoods")
struct NeighbourhoodTests {
  static func day(_ s: String) -> Day { Day(iso: s)! }

  /// Three cadres due for a systematic class. P1 and P2 (county) may go to
  /// K1; P2 also to K3, which P1 cannot attend (away); P3 (section) only to
  /// K2.
  static func formulation() -> Formulation {
    let unit = Unit(id: "U1", name: "一局", region: "R1", headcount: 50)
    let away = [DayRange(first: day("2025-09-01"), last: day("2025-09-30"))]
    let cadres = [
      Cadre(id: "P1", name: "干部1", unit: "U1", rank: .county, leadership: .deputy, unavailable: away),
      Cadre(id: "P2", name: "干部2", unit: "U1", rank: .county, leadership: .deputy),
      Cadre(id: "P3", name: "干部3", unit: "U1", rank: .section, leadership: .none),
    ]
    func klass(_ id: String, _ start: String, _ rank: Rank) -> TrainingClass {
      TrainingClass(
        id: ClassID(id), name: "进修班\(id)", institution: "市委党校", level: .city, region: "R1", kind: .systematic,
        theme: "", start: day(start), days: 10, hours: 70, minSize: 1, capacity: 5, ranks: [rank], tags: [],
        costPerSeat: 100, fixedCost: 1000)
    }
    let classes = [
      klass("K1", "2025-03-02", .county), klass("K2", "2025-05-04", .section), klass("K3", "2025-09-07", .county),
    ]
    let rule = CycleRule(
      info: RuleInfo(id: "systematic-all", type: "cycle"), who: Selector(), kinds: [.systematic], every: 5)
    let s = Scenario(
      name: "n", year: 2025, policy: Policy(name: "p", rules: [.cycle(rule)]), units: [unit], cadres: cadres,
      classes: classes, history: [])
    return Planner.formulate(s)
  }

  static func names(_ f: Formulation, _ free: Set<Int>) -> [String] {
    var out: [String] = []
    for c in f.candidates where free.contains(c.variable.index) {
      out.append("x[\(f.scenario.cadres[c.cadre].id),\(f.scenario.classes[c.klass].id)]")
    }
    for (k, y) in f.holdVariable.enumerated() where y.map({ free.contains($0.index) }) == true {
      out.append("y[\(f.scenario.classes[k].id)]")
    }
    return out.sorted()
  }

  /// K1's neighbourhood: its hold, every pair of P1 and P2 (who could
  /// attend it), and the holds of their classes; nothing of P3 or K2.
  @Test func aClassNeighbourhoodFreesItsCadresAndTheirClasses() {
    let f = Self.formulation()
    #expect(f.candidates.count == 4)
    #expect(
      Self.names(f, PlanSolver.neighbourhood(f, klass: 0)) == ["x[P1,K1]", "x[P2,K1]", "x[P2,K3]", "y[K1]", "y[K3]"])
    #expect(Self.names(f, PlanSolver.neighbourhood(f, klass: 1)) == ["x[P3,K2]", "y[K2]"])
    #expect(Self.names(f, PlanSolver.neighbourhood(f, klass: 2)) == ["x[P2,K1]", "x[P2,K3]", "y[K1]", "y[K3]"])
  }

  /// The classes whose hold has the largest reduced cost come first;
  /// equal ones (and no reduced costs at all) by index.
  @Test func theClassesTheLPWouldMostLikeChangedComeFirst() {
    let f = Self.formulation()
    var reduced = [Double](repeating: 0, count: f.model.variableCount)
    reduced[f.holdVariable[2]!.index] = -500
    reduced[f.holdVariable[1]!.index] = 200
    #expect(PlanSolver.neighbourhoodOrder(f, reduced: reduced) == [2, 1, 0])
    #expect(PlanSolver.neighbourhoodOrder(f, reduced: []) == [0, 1, 2])
  }

  /// A second and 50 µs a pair, at most a fifth of the limit: a city's
  /// 21,396 pairs keep 2.07 s of 60 s (a fifth kept 12 s, the stage took
  /// 0.3 s); a limit of 5 s keeps 1 s.
  @Test func theHoursStageKeepsTimeByTheModelsSize() {
    let f = Self.formulation()
    #expect(abs(Planner.hoursReserve(f, limit: 60) - (1 + 4 * 5e-5)) < 1e-12)
    #expect(Planner.hoursReserve(f, limit: 5) == 1)
    #expect(Planner.hoursReserve(f, limit: 2) == 0.4)
  }
}
