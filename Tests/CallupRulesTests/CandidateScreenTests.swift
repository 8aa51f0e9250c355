import CallupDomain
import CallupRules
import Testing

@Suite("Candidate screen: eligibility, availability, history duplicates")
struct CandidateScreenTests {
  func world() -> TinyWorld {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation]
    w.cadre("A")
    w.cadre(
      "B", unavailable: [DayRange(first: TinyWorld.day("2025-04-01"), last: TinyWorld.day("2025-04-30"))])
    w.cadre("Y", tags: ["young"])
    w.klass("K1", kind: .rotation, start: "2025-04-10")
    w.klass("K2", kind: .rotation, start: "2025-06-10", tags: ["young"])
    w.klass("K3", kind: .professional, start: "2025-09-01", theme: "rural-revitalization")
    return w
  }

  @Test func eligibilityByTags() {
    let s = CandidateScreen(scenario: world().scenario)
    #expect(s.screen(cadre: 0, klass: 1) == .eligibility)
    #expect(s.screen(cadre: 2, klass: 1) == nil)
  }

  @Test func eligibilityByRank() {
    var w = world()
    w.klass("K4", kind: .rotation, start: "2025-10-10", ranks: [.bureau])
    let s = CandidateScreen(scenario: w.scenario)
    #expect(s.screen(cadre: 0, klass: 3) == .eligibility)
  }

  @Test func unavailableOnAnyDayOfTheClass() {
    let s = CandidateScreen(scenario: world().scenario)
    #expect(s.screen(cadre: 1, klass: 0) == .unavailable)
    #expect(s.screen(cadre: 0, klass: 0) == nil)
  }

  @Test func historyOverlapKindAndTheme() {
    var w = world()
    w.trained("A", kind: .special, start: "2025-04-12", days: 2)  // overlaps K1
    w.trained("Y", kind: .rotation, start: "2025-02-20", days: 3)  // rotation done this year
    w.trained("B", kind: .special, start: "2022-05-01", theme: "rural-revitalization")  // theme 3 years ago
    let s = CandidateScreen(scenario: w.scenario)
    #expect(s.screen(cadre: 0, klass: 0) == .duplicate)
    #expect(s.screen(cadre: 2, klass: 1) == .duplicate)
    #expect(s.screen(cadre: 1, klass: 2) == .duplicate)
    #expect(s.screen(cadre: 0, klass: 2) == nil)
  }

  @Test func themeOutsideWindowIsFine() {
    var w = world()
    w.trained("B", kind: .special, start: "2020-05-01", theme: "rural-revitalization")  // 5 years ago: allowed
    #expect(CandidateScreen(scenario: w.scenario).screen(cadre: 1, klass: 2) == nil)
  }

  @Test func yearlyMaximumFromHistory() {
    var w = world()
    w.trained("A", kind: .special, start: "2025-01-05", days: 1)
    w.trained("A", kind: .special, start: "2025-02-15", days: 1)
    w.trained("A", kind: .special, start: "2025-03-05", days: 1)
    #expect(CandidateScreen(scenario: w.scenario).screen(cadre: 0, klass: 2) == .duplicate)
  }
}

/// One new-appointee cycle rule over both intake kinds (appointment and
/// initial training) is a valid policy: the screen takes it as one rule.
@Suite("Candidate screen: one intake rule over several kinds")
struct IntakeOverKindsTests {
  @Test func oneRuleOverBothIntakeKindsScreensTheAppointees() throws {
    var w = TinyWorld()
    w.rules = [
      .cycle(
        CycleRule(
          info: TinyWorld.info("new-appointees", "cycle"), who: Selector(appointedWithinYears: 2),
          kinds: [.appointment, .initial], every: 1))
    ]
    w.cadre("N", appointed: TinyWorld.day("2025-01-15"))
    w.cadre("O", appointed: TinyWorld.day("2019-01-15"))
    w.klass("A1", kind: .appointment, start: "2025-04-10")
    w.klass("I1", kind: .initial, start: "2025-06-10")
    let s = CandidateScreen(scenario: w.scenario)
    #expect(s.screen(cadre: 0, klass: 0) == nil && s.screen(cadre: 0, klass: 1) == nil)
    #expect(s.screen(cadre: 1, klass: 0) == .eligibility && s.screen(cadre: 1, klass: 1) == .eligibility)
    let (pairs, _) = try w.solve()
    #expect(pairs.count == 1 && pairs.allSatisfy { $0.hasPrefix("N→") })
  }
}
