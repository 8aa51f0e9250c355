import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Testing

/// Hours are planned after the call-up, in the seats it leaves: the cadre
/// behind pace gets the last seat, and the plan says who is on track.
@Suite("hours stage")
struct HoursStageTests {
  static func day(_ s: String) -> Day { Day(iso: s)! }

  /// Two section cadres, a 32-hour yearly rule; P1 had nothing last year
  /// (behind pace), P2 had 40 h (on pace). One class of 35 h with one seat,
  /// and one 35-h class of min 3 that no one could fill.
  static func scenario(rule: HoursWindow = .years(1)) -> Scenario {
    let unit = Unit(id: "U1", name: "一局", region: "R1", headcount: 50)
    let cadres = ["P1", "P2"].map {
      Cadre(
        id: CadreID($0), name: "干部\($0)", unit: "U1", rank: .section, leadership: .none, tags: [], appointed: nil,
        unavailable: [])
    }
    let k1 = TrainingClass(
      id: "K1", name: "专题班", institution: "市委党校", level: .city, region: "R1", kind: .special, theme: "",
      start: day("2025-05-05"), days: 5, hours: 35, minSize: 1, capacity: 1, ranks: [], tags: [], costPerSeat: 800,
      fixedCost: 1000)
    var k2 = k1
    k2.id = "K2"
    k2.start = day("2025-09-01")
    k2.minSize = 3
    k2.capacity = 10
    let rule = HoursRule(
      info: RuleInfo(id: "hours-members", type: "hours"), who: Selector(ranks: [.section]), window: rule, minHours: 32)
    let history = [HistoryRecord(cadre: "P2", kind: .special, start: day("2024-04-01"), days: 5, hours: 40)]
    return Scenario(
      name: "hours", year: 2025, period: 2024...2028, policy: Policy(name: "p", rules: [.hours(rule)]), units: [unit],
      cadres: cadres, classes: [k1, k2], history: history)
  }

  @Test func theCadreBehindPaceGetsTheLastSeat() throws {
    let plan = try Planning.plan(PlanRequest(scenario: Self.scenario(), timeLimit: 20, mipGap: 0.005))
    let pairs = plan.assignments.map { "\(plan.scenario.cadres[$0.cadre].id)→\(plan.scenario.classes[$0.klass].id)" }
    #expect(pairs == ["P1→K1"])
    #expect(Set(plan.held.map { plan.scenario.classes[$0].id.rawValue }) == ["K1"])
    let h = try #require(plan.hours.first)
    #expect(plan.hours.count == 1)
    #expect(h.ruleID == "hours-members" && h.rank == .section && h.unit == "hours")
    #expect(h.cadres == 2 && h.onTrackBefore == 0 && h.onTrack == 1 && h.behindPace == 1)
    #expect(h.paceDue == 2 && h.paceMet == 1 && h.planned == 35)
    // The call-up model itself has nothing to do (its objective and bound
    // are 0); the plan written costs the hours seat and its class.
    #expect(plan.log.contains { $0.hasPrefix("hours stage: 1 seats added, 1 classes opened") })
    #expect(plan.objective == 800 + 1000 && plan.bound == 0 && plan.status == .feasible)
  }
}
