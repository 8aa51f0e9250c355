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
