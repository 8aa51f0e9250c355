import CallupDomain
import CallupRules
import Testing

@Suite("Cycle obligations: who is due, who is overdue")
struct ObligationTests {
  let every5 = CycleRule(
    info: RuleInfo(id: "s", type: "cycle"), who: Selector(ranks: [.county]), kinds: [.systematic], every: 5, minDays: 5)

  func record(_ kind: ClassKind, _ start: String, days: Int = 10) -> HistoryRecord {
    HistoryRecord(cadre: "P1", kind: kind, start: Day(iso: start)!, days: days, hours: 60)
  }

  @Test func neverTrainedIsOverdueByEvery() {
    let due = CycleStatus.evaluate(rule: every5, history: [], year: 2025)
    #expect(due == CycleStatus.Due(lastYear: nil, overdueYears: 5))
  }

  @Test func trainedExactlyEveryYearsAgoIsDueNotOverdue() {
    let due = CycleStatus.evaluate(rule: every5, history: [record(.systematic, "2020-04-01")], year: 2025)
    #expect(due == CycleStatus.Due(lastYear: 2020, overdueYears: 0))
  }

  @Test func trainedSixYearsAgoIsOverdueByOne() {
    let due = CycleStatus.evaluate(rule: every5, history: [record(.systematic, "2019-04-01")], year: 2025)
    #expect(due?.overdueYears == 1)
  }

  @Test func recentTrainingMeansNotDue() {
    #expect(CycleStatus.evaluate(rule: every5, history: [record(.systematic, "2021-04-01")], year: 2025) == nil)
    // A counting row in the year itself: not due.
    #expect(CycleStatus.evaluate(rule: every5, history: [record(.systematic, "2025-03-01")], year: 2025) == nil)
  }

  @Test func shortOrOtherKindTrainingDoesNotCount() {
    // 3 days < min_days 5, and a rotation class is not systematic.
    let h = [record(.systematic, "2023-04-01", days: 3), record(.rotation, "2024-04-01")]
    #expect(CycleStatus.evaluate(rule: every5, history: h, year: 2025)?.overdueYears == 5)
  }

  @Test func latestCountingTrainingWins() {
    let h = [record(.systematic, "2012-04-01"), record(.systematic, "2018-04-01")]
    #expect(
      CycleStatus.evaluate(rule: every5, history: h, year: 2025) == CycleStatus.Due(lastYear: 2018, overdueYears: 2))
  }

  @Test func bookValuesGrowWithYearsOverdue() {
    var w = TinyWorld()
    w.rules = [TinyWorld.systematic]
    w.cadre("A")  // never trained: overdue 5
    w.cadre("B")
    w.trained("B", kind: .systematic, start: "2020-05-01", days: 10)  // due, overdue 0
    w.cadre("C")
    w.trained("C", kind: .systematic, start: "2023-05-01", days: 10)  // not due
    w.cadre("D", rank: .section)  // not matched
    let book = ObligationBook(scenario: w.scenario, year: 2025)
    #expect(book.obligations.map(\.cadre) == [0, 1])
    let weights = ObjectiveWeights()
    #expect(book.obligations[0].value == weights.obligation + 5 * weights.overdueYear)
    #expect(book.obligations[1].value == weights.obligation)
    #expect(book.obligations[0].isOverdue && !book.obligations[1].isOverdue)
  }

  @Test func unitRequirementIsExactCeilingOfShare() {
    var w = TinyWorld()
    w.rules = [
      .unitShare(
        UnitShareRule(
          info: RuleInfo(id: "unit-fifth", type: "unit-share"), who: Selector(leadership: [.team]),
          share: ExactDecimal("0.28")!, kinds: [.rotation, .systematic]))
    ]
    for i in 0..<25 { w.cadre("T\(i)", leadership: i == 0 ? .principal : .deputy) }
    w.cadre("N", leadership: .none)
    w.trained("T1", kind: .rotation, start: "2025-01-06", days: 3)
    let book = ObligationBook(scenario: w.scenario, year: 2025)
    #expect(book.unitRequirements.count == 1)
    #expect(book.unitRequirements[0].members.count == 25)  // principals and deputies are team members
    #expect(book.unitRequirements[0].required == 7)  // ceil(0.28 × 25), exactly
    #expect(book.unitRequirements[0].need == 6)  // one already went this year
  }
}
