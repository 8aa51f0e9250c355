import CallupDomain
import CallupRules
import GLPKBackend
import Modeling
import Testing

/// Hours rules: where a cadre stands (as the ledger counts it) and the
/// reward the model gives for the year's pace, on cases worked out by hand.
@Suite("hours rules")
struct HoursTests {
  static func rule(
    _ id: String = "hours-leaders", window: HoursWindow = .period, hours: Double? = 550, days: Double? = nil,
    types: Set<InstitutionType> = [], ranks: Set<Rank> = [.county]
  ) -> HoursRule {
    HoursRule(
      info: TinyWorld.info(id, "hours"), who: Selector(ranks: ranks), window: window, minHours: hours, minDays: days,
      institutionTypes: types)
  }

  static func record(_ cadre: String, _ start: String, hours: Double, days: Int = 5, type: InstitutionType? = nil)
    -> HistoryRecord
  {
    HistoryRecord(
      cadre: CadreID(cadre), kind: .special, institutionType: type, start: TinyWorld.day(start), days: days,
      hours: hours)
  }

  static func target(_ w: TinyWorld, _ r: HoursRule, cadre: Int = 0) -> HoursTarget? {
    var s = w.scenario
    s.period = 2024...2028
    return HoursTarget.evaluate(rule: r, ruleIndex: 0, cadre: cadre, scenario: s, year: 2025)
  }

  @Test func paceOverThePeriodCountsWhatCameBeforeAndThisYear() throws {
    var w = TinyWorld()
    w.cadre("P1")
    w.history = [Self.record("P1", "2024-04-01", hours: 100), Self.record("P1", "2025-03-03", hours: 35)]
    let t = try #require(Self.target(w, Self.rule()))
    #expect(t.window == 2024...2028 && t.before == 100 && t.thisYear == 35)
    #expect(t.yearPace == 113)  // ceil((550 − 100) / 4 years left)
    #expect(t.pace == 78)  // what the plan still has to add this year
    #expect(t.behind)  // 100 h after one of five years is short of 110
    #expect(t.onTrack(planned: 78) && !t.onTrack(planned: 77))
    // Behind pace doubles the value of an hour; 415 of 550 h missing adds 0.25 × 415/550.
    #expect(abs(t.valuePerUnit - 100 * 2 * (1 + 0.25 * 415 / 550)) < 1e-9)
  }

  @Test func aOneYearWindowIsBehindWhenLastYearFellShort() throws {
    var w = TinyWorld()
    w.cadre("P1", rank: .section)
    w.cadre("P2", rank: .section)
    w.history = [
      Self.record("P1", "2024-04-01", hours: 35),
      Self.record("P2", "2024-04-01", hours: 35), Self.record("P2", "2024-09-01", hours: 70),
    ]
    let r = Self.rule("hours-section", window: .years(1), hours: 90, ranks: [.section])
    let p1 = try #require(Self.target(w, r, cadre: 0))
    let p2 = try #require(Self.target(w, r, cadre: 1))
    #expect(p1.window == 2025...2025 && p1.before == 0 && p1.pace == 90 && p1.behind)
    #expect(p2.pace == 90 && !p2.behind)
    #expect(p1.valuePerUnit > p2.valuePerUnit)
  }

  @Test func aMinimumReachedLeavesNoPace() throws {
    var w = TinyWorld()
    w.cadre("P1")
    w.history = [Self.record("P1", "2024-04-01", hours: 560)]
    let t = try #require(Self.target(w, Self.rule()))
    #expect(t.pace == 0 && t.onTrack(planned: 0) && !t.behind)
  }

  @Test func institutionTypesAndDaysAreCountedAsTheRuleSays() throws {
    var w = TinyWorld()
    w.cadre("P1")
    w.history = [
      Self.record("P1", "2024-04-01", hours: 35, days: 5, type: .partySchool),
      Self.record("P1", "2024-06-01", hours: 35, days: 5, type: .university),
      Self.record("P1", "2024-08-01", hours: 35, days: 5),  // no type: counts only where none is required
    ]
    let t = try #require(Self.target(w, Self.rule(hours: nil, days: 60, types: [.partySchool, .cadreCollege])))
    #expect(t.before == 5 && t.yearPace == 14)  // ceil(55 days / 4)
    #expect(Self.target(w, Self.rule(ranks: [.section])) == nil)  // not matched
  }

  @Test func theCapRowExistsOnlyWhereClassesCanExceedThePace() {
    #expect(HoursPaceRule.most([(35, true), (35, true)], pace: 90, perYear: 3) == 70)
    #expect(HoursPaceRule.most([(35, true), (35, true), (35, true), (35, true)], pace: 90, perYear: 3) == 105)
    #expect(HoursPaceRule.most([(120, true), (10, false)], pace: 90, perYear: 3) == 100)
  }

  /// One section cadre behind pace (90 h a year, none last year), three
  /// 35-hour classes of different kinds: attending all three is worth
  /// min(90, 105) hours at 250 (100 × 2 behind × 1.25 all missing), each
  /// seat costs 1000, so the optimum takes all three and the objective is
  /// the seats alone.
  @Test func theRewardIsExactlyThePaceMetWhateverTheClasses() throws {
    var w = TinyWorld()
    w.cadre("P1", rank: .section, leadership: .none)
    w.klass("K1", kind: .professional, start: "2025-03-03")
    w.klass("K2", kind: .special, start: "2025-05-05")
    w.klass("K3", kind: .reading, start: "2025-09-01")
    w.rules = [.hours(Self.rule("hours-section", window: .years(1), hours: 90, ranks: [.section]))]
    let f = w.formulation()
    #expect(f.candidates.count == 3)
    #expect(f.hoursRow.compactMap { $0 }.count == 1)
    #expect(f.model.objectiveConstant == 250 * 90)
    let (pairs, objective) = try w.solve()
    #expect(pairs == ["P1→K1", "P1→K2", "P1→K3"])
    #expect(abs(objective - 3000) < 1e-6)
    // Two classes only: no cap row, and the reward is 70 h.
    w.classes.removeLast()
    let two = w.formulation()
    #expect(two.hoursRow.compactMap { $0 }.isEmpty)
    let (_, objective2) = try w.solve()
    #expect(abs(objective2 - (250 * 20 + 2000)) < 1e-6)
  }

  @Test func withoutPlanningHoursTheModelHasNoHoursPairs() {
    var w = TinyWorld()
    w.cadre("P1", rank: .section, leadership: .none)
    w.klass("K1", kind: .professional, start: "2025-03-03")
    w.rules = [.hours(Self.rule("hours-section", window: .years(1), hours: 90, ranks: [.section]))]
    let f = Formulation(scenario: w.scenario, options: .init(planHours: false))
    #expect(f.candidates.isEmpty && f.model.objectiveConstant == 0)
    #expect(f.book.hoursByCadre[0] == [0])
  }
}

/// A block's hours stage plans in a model that keeps the block's screened
/// lists: every pair of the block's call-up is in it, with the classes its
/// own screen finds for the paces.
@Suite("hours rules: a block's second model")
struct HoursBlockPairsTests {
  @Test func theListsAndThePacesClassesAreBothCandidates() {
    var w = TinyWorld()
    w.cadre("P1")
    w.klass("K1", kind: .special, start: "2025-05-05")
    w.klass("K2", kind: .professional, start: "2025-06-02")
    w.rules = [.hours(HoursTests.rule(hours: 550))]
    var s = w.scenario
    s.period = 2024...2028
    let lists = EligibleLists([[1]])  // K2 only, as a block's screen may list it
    func classes(planHours: Bool) -> [Int] {
      let f = Formulation(scenario: s, year: 2025, options: .init(planHours: planHours, eligible: lists))
      return EligiblePairs(f).classes(cadre: 0)
    }
    #expect(classes(planHours: false) == [1])
    #expect(classes(planHours: true) == [0, 1])
  }
}
