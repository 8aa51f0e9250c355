import CallupDomain
import CallupPlan
import CallupRules
@testable import CallupSolve
import Foundation
import Testing

/// The steps of the whole-model solve, one at a time, on scenarios small
/// enough to check by hand.
@Suite("whole-model solve steps")
struct SolveStepTests {
  static func day(_ s: String) -> Day { Day(iso: s)! }

  /// Four county cadres due for a systematic class, each attending at most
  /// one a year: K1 (min 2), K2 (min 4: all four) and K3 (min 1).
  static func formulation() -> Formulation {
    let unit = Unit(id: "U1", name: "一局", region: "R1", headcount: 50)
    let cadres = (1...4).map {
      Cadre(id: CadreID("P\($0)"), name: "干部\($0)", unit: "U1", rank: .county, leadership: .deputy)
    }
    func klass(_ id: String, _ start: String, min: Int) -> TrainingClass {
      TrainingClass(
        id: ClassID(id), name: "进修班\(id)", institution: "市委党校", level: .city, region: "R1", kind: .systematic,
        theme: "", start: day(start), days: 10, hours: 70, minSize: min, capacity: 8, ranks: [.county], tags: [],
        costPerSeat: 100, fixedCost: 1000)
    }
    let classes = [
      klass("K1", "2025-03-02", min: 2), klass("K2", "2025-05-04", min: 4), klass("K3", "2025-09-07", min: 1),
    ]
    let rule = CycleRule(
      info: RuleInfo(id: "systematic-all", type: "cycle"), who: Selector(), kinds: [.systematic], every: 5)
    let s = Scenario(
      name: "steps", year: 2025, policy: Policy(name: "p", rules: [.cycle(rule)]), units: [unit], cadres: cadres,
      classes: classes, history: [])
    return Planner.formulate(s)
  }

  static func options(seconds: Double = 30) -> SolveOptions { SolveOptions(timeLimit: seconds, mipGap: 0.001) }

  /// A budget of 10 s that ran out 10 s ago.
  static let spent = TimeBudget(seconds: 10, from: ContinuousClock.now.advanced(by: .seconds(-20)))

  /// The state after the bounding LP (step 1), whose LPs get at least a
  /// second each whatever `budget` says.
  static func state(budget: TimeBudget? = nil) throws -> SolveState {
    var context = SolveContext(options: options(), budget: budget)
    guard case .bounded(let lp) = try BoundingLP.solve(formulation(), context: &context) else {
      throw PlannerError.internalFailure("the model is empty")
    }
    #expect(lp.bound != nil && !lp.values.isEmpty)
    return SolveState(lp, context: context)
  }

  /// The state with the holds taken and the incumbent repaired (steps 1–3).
  static func repaired(budget: TimeBudget? = nil) throws -> SolveState {
    var s = try state(budget: budget)
    try s.fixHolds()
    try s.searchHolds()
    s.takeHolds()
    try s.dive()
    s.repair()
    return s
  }

  /// Held classes (of those the plan may hold) below their minimum.
  static func belowMinimum(_ s: IntegerPlanState) -> [Int] {
    let f = s.formulation
    return f.classesInYear.filter {
      s.held[$0] && !f.heldOutside($0) && s.attendees($0) < f.scenario.classes[$0].minSize
    }
  }

  /// Every class held, no seat taken: the repair brings K1 to its minimum
  /// first (two cadres), then closes K2, which the two left cannot fill,
  /// and fills K3.
  @Test func theRepairLeavesNoHeldClassBelowItsMinimum() throws {
    var s = try Self.state()
    for k in s.formulation.classesInYear { s.plan.setHeld(k, true) }
    #expect(Self.belowMinimum(s.plan) == [0, 1, 2])
    s.repair()
    #expect(Self.belowMinimum(s.best).isEmpty)
    #expect(!s.best.held[1])
    #expect(s.best.held[0] && s.best.attendees(0) >= 2)
    #expect(s.model.violations(s.vector(s.best)).isEmpty)
    #expect(s.bestObjective == s.objective(of: s.best))
    #expect(s.context.log.last?.hasPrefix("dived and repaired") == true)
  }

  /// After the dive and the repair, the plan breaks no row of binaries
  /// (no held class below its minimum) and the incumbent none of the
  /// model's; the bound is below it.
  @Test func theDiveAndRepairGiveAPlanThatBreaksNoRow() throws {
    let s = try Self.repaired()
    #expect(s.plan.brokenRows().isEmpty)
    #expect(Self.belowMinimum(s.best).isEmpty)
    #expect(s.model.violations(s.vector(s.best)).isEmpty)
    #expect(s.bestObjective >= s.bound! - 1e-6)
  }

  /// A seat that is worth more than it costs, taken out of the incumbent,
  /// is put back by the polish; it never makes the incumbent worse.
  @Test func thePolishNeverWorsensTheIncumbent() throws {
    var s = try Self.repaired()
    let repaired = s.bestObjective
    try s.polish()
    #expect(s.bestObjective <= repaired + 1e-9)
    #expect(s.context.log.last?.hasPrefix("final") == true)

    let f = s.formulation
    let best = s.best
    let seat = try #require(
      f.candidates.indices.first {
        let k = f.candidates[$0].klass
        return best.seat[$0] && best.attendees(k) > f.scenario.classes[k].minSize
      })
    s.best.setSeat(seat, false)
    s.bestObjective = s.objective(of: s.best)
    let worse = s.bestObjective
    try s.polish()
    #expect(s.bestObjective < worse)
    #expect(s.bestObjective <= repaired + 1e-9)
  }

  /// The hold search only keeps a toggle that makes the LP with holds
  /// fixed better.
  @Test func theHoldSearchNeverWorsensTheLPWithHoldsFixed() throws {
    var s = try Self.state()
    try s.fixHolds()
    let fixed = s.holdsFixed.objective
    #expect(fixed.isFinite)
    try s.searchHolds()
    #expect(s.holdsFixed.objective <= fixed + 1e-9)
  }

  /// The searches from the incumbent never make it worse: the whole
  /// model's branch-and-bound (small model), and the class
  /// neighbourhoods (as for a large one).
  @Test func theSearchesNeverWorsenTheIncumbent() throws {
    var small = try Self.repaired()
    let before = small.bestObjective
    try small.searchFromIncumbent()
    #expect(small.context.log.last?.hasPrefix("branch and bound") == true)
    #expect(small.bestObjective <= before)
    #expect(small.model.violations(small.vector(small.best)).isEmpty)

    var large = try Self.repaired()
    large.searchesWholeModel = false
    let was = large.bestObjective
    try large.searchFromIncumbent()
    try large.searchClassNeighbourhoods()
    #expect(large.bestObjective <= was)
    #expect(large.model.violations(large.vector(large.best)).isEmpty)
    #expect(large.context.log.contains { $0.hasPrefix("class neighbourhoods:") })
  }

  /// With the budget spent, the steps that watch the clock return at once:
  /// no hold is tried (with time, the hold search keeps one change here),
  /// the dive only takes the seats the LP takes in full, no search runs
  /// (with time, the branch-and-bound would), and the incumbent and the
  /// log stay as they were.
  @Test func theStepsReturnAtOnceWhenTheBudgetIsSpent() throws {
    var s = try Self.state(budget: Self.spent)
    #expect(s.budget.isSpent)
    try s.fixHolds()  // one LP, whatever the clock: the dive needs it
    var log = s.context.log
    let holds = s.holds
    try s.searchHolds()
    #expect(s.context.log == log && s.holds == holds)
    s.takeHolds()
    try s.dive()
    #expect(s.diveValues.isEmpty && s.context.log == log)
    s.repair()
    log = s.context.log
    let incumbent = s.bestObjective
    let started = ContinuousClock.now
    try s.searchFromIncumbent()
    s.searchesWholeModel = false
    try s.searchFromIncumbent()
    try s.searchClassNeighbourhoods()
    #expect((ContinuousClock.now - started).inSeconds < 0.5)
    #expect(s.context.log == log && s.bestObjective == incumbent)
  }

  /// The bound of step 1 is its certificate's, below every plan's
  /// objective; the whole model's branch-and-bound may raise it.
  @Test func theBoundIsBelowThePlan() throws {
    let lp = try Self.state()
    let lpBound = try #require(lp.bound)
    #expect(abs(lp.certificate!.value - lpBound) < 1e-6)
    let plan = try PlanSolver.solve(Self.formulation(), options: Self.options())
    let bound = try #require(plan.bound)
    #expect(lpBound <= bound + 1e-6 && bound <= plan.objective! + 1e-6)
    #expect(plan.certificate!.value <= bound + 1e-6)
    #expect(plan.log.first?.hasPrefix("LP") == true && plan.log.last?.hasPrefix("final") == true)
  }

  /// The hours stage opens a closed class only while its budget lasts:
  /// P1's seat in K1 (closed by the call-up, which has nothing to do) with
  /// time, nothing once the time is spent.
  @Test func theHoursStageOpensNoClassOnceItsBudgetIsSpent() throws {
    let f = Planner.formulate(HoursStageTests.scenario())
    let callup = try PlanSolver.solve(f, options: Self.options())
    #expect(callup.seats.isEmpty)
    let late = try HoursStage.run(callup, budget: Self.spent)
    #expect(late.log.last?.hasPrefix("hours stage: 0 seats added, 0 classes opened") == true && late.seats.isEmpty)
    let timely = try HoursStage.run(callup, budget: TimeBudget(seconds: 10))
    #expect(timely.log.last?.hasPrefix("hours stage: 1 seats added, 1 classes opened") == true)
    #expect(timely.seats.count == 1)
  }
}
