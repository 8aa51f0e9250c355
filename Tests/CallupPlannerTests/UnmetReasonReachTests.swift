import CallupDomain
import CallupPlan
import CallupSolve
import Testing

/// An unmet obligation's reason over many counting classes is looked for in
/// the cadre's region first and stops at the first full classes; it is the
/// same reason as over the whole list.
@Suite("unmet reasons over many classes")
struct UnmetReasonReachTests {
  @Test func theReasonIsTheSameAsOverTheWholeList() throws {
    let planned = try DemoCity.get()
    let plan = planned.plan
    let f = Planner.formulate(planned.scenario)
    func unmet(above: Int) -> [UnmetObligation] {
      var analyzer = PlanAnalyzer(formulation: f, assignments: plan.assignments, held: plan.held)
      analyzer.wholeListAbove = above
      return analyzer.analyze(
        status: plan.status, objective: plan.objective, bound: plan.bound, seconds: 0, stats: nil, lpMet: nil,
        log: [], notPlanned: []
      ).unmet
    }
    let whole = unmet(above: 1000)
    let bounded = unmet(above: 0)
    #expect(whole.count == plan.unmet.count && whole.count > 100)
    #expect(bounded.map(\.reason) == whole.map(\.reason))
    #expect(Set(whole.map(\.reason)).count >= 2, "\(Set(whole.map(\.reason)))")
    // The bounded detail names at most five classes and says how many count.
    for u in bounded {
      #expect(u.detail.hasSuffix("eligibility") || u.detail.contains(" classes count"), "\(u.detail)")
      #expect(u.detail.components(separatedBy: ": ").count <= 6 + 1, "\(u.detail)")
    }
    #expect(bounded.contains { $0.detail.contains("looked at (the cadre's region first)") })
  }
}
