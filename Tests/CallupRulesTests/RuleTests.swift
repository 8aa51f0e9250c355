import CallupDomain
import CallupRules
import Testing

/// Each rule on a tiny case whose optimal plan is worked out by hand.
@Suite("Rules on hand-made cases")
struct RuleTests {
  @Test("cycle: the overdue cadre gets the only seat (make-up first)")
  func makeUpFirst() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.systematic]
    w.cadre("JUST")  // due, not overdue
    w.trained("JUST", kind: .systematic, start: "2020-03-01", days: 20)
    w.cadre("LATE")  // last systematic 2017: overdue by 3
    w.trained("LATE", kind: .systematic, start: "2017-03-01", days: 20)
    w.klass("S1", kind: .systematic, start: "2025-04-01", days: 20, capacity: 1)
    let (pairs, _) = try w.solve()
    #expect(pairs == ["LATE→S1"])
  }

  @Test("cycle: a class shorter than min_days does not count")
  func minDays() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.systematic]
    w.cadre("A")
    w.klass("SHORT", kind: .systematic, start: "2025-04-01", days: 3)
    let f = w.formulation()
    #expect(f.candidates.isEmpty)
  }

  @Test("class size: a class that cannot reach min_size is not held")
  func unreachable() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation]
    w.cadre("A")
    w.cadre("B")
    w.klass("R1", kind: .rotation, start: "2025-04-01", min: 3)
    w.klass("R2", kind: .rotation, start: "2025-05-01", min: 2)
    let f = w.formulation()
    #expect(f.unreachableClasses == [0])
    let (pairs, _) = try w.solve()
    #expect(pairs == ["A→R2", "B→R2"])
  }

  @Test("class size: capacity caps the class, and holding costs its fixed cost")
  func capacityAndFixedCost() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation]
    for id in ["A", "B", "C"] { w.cadre(id) }
    w.units[0].headcount = 100
    w.klass("R1", kind: .rotation, start: "2025-04-01", capacity: 2, seat: 1000)
    let (pairs, objective) = try w.solve()
    #expect(pairs.count == 2)
    // One due obligation left: its value (20,000 + 20,000 for one year
    // overdue: never trained) plus two seats.
    #expect(abs(objective - (40_000 + 2 * 1000)) < 1e-6)
  }

  @Test(
    "class size (block of a shared class): the block fills its part of the minimum unless a seat costs more than the part's penalty"
  )
  func partOfASharedMinimum() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation]
    for id in ["A", "B", "C"] { w.cadre(id) }
    w.units[0].headcount = 100
    w.units[0].maxAway = 3  // all three may be away together
    w.klass("SHARED", kind: .rotation, start: "2025-04-01", capacity: 10, seat: 1000)
    w.klass("OWN", kind: .rotation, start: "2025-05-01", capacity: 10, seat: 100)
    // Quota 3 of the shared class, 2 of its minimum to fill here.
    let part = Formulation.Options(quotas: [0: 3], quotaMinimums: [0: 2], quotaShortPenalty: 20_000)
    let f = Formulation(scenario: w.scenario, options: part)
    #expect(f.quotaShortVariable[0] != nil && f.minSizeRow[0] != nil && f.holdVariable[0] == nil)
    let (pairs, objective) = try w.solve(options: part)
    #expect(pairs == ["A→SHARED", "B→SHARED", "C→OWN"])
    #expect(abs(objective - (2 * 1000 + 100)) < 1e-6)
    // A penalty below the extra cost of a seat there: everyone takes the cheaper class.
    var cheap = part
    cheap.quotaShortPenalty = 500
    let (cheapPairs, cheapObjective) = try w.solve(options: cheap)
    #expect(cheapPairs == ["A→OWN", "B→OWN", "C→OWN"])
    #expect(abs(cheapObjective - (3 * 100 + 2 * 500)) < 1e-6)
  }

  @Test("class size: a class not worth its fixed cost is not held")
  func notWorthHolding() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation]
    w.cadre("A")
    w.klass("R1", kind: .rotation, start: "2025-04-01", fixed: 1_000_000)
    let (pairs, objective) = try w.solve()
    #expect(pairs.isEmpty)
    #expect(abs(objective - 40_000) < 1e-6)
  }

  @Test("release: a unit never has more than its limit away on one day")
  func releaseLimit() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation, .release(ReleaseRule(info: TinyWorld.info("release-limit", "release"), maxAway: 1))]
    w.cadre("A")
    w.cadre("B")
    w.klass("R1", kind: .rotation, start: "2025-04-01", days: 5)
    w.klass("R2", kind: .rotation, start: "2025-04-03", days: 5)  // overlaps R1
    let (pairs, _) = try w.solve()
    #expect(pairs.count == 1)
    // With a second, later session both can go.
    w.klass("R3", kind: .rotation, start: "2025-06-01", days: 5)
    let (later, _) = try w.solve()
    #expect(later.count == 2)
  }

  @Test("release: history trainings count as away")
  func releaseCountsHistory() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation, .release(ReleaseRule(info: TinyWorld.info("release-limit", "release"), maxAway: 1))]
    w.cadre("A")
    w.cadre("B", rank: .section)
    w.trained("B", kind: .professional, start: "2025-03-30", days: 10)  // away 30 Mar – 8 Apr
    w.klass("R1", kind: .rotation, start: "2025-04-01", days: 5)
    let (pairs, _) = try w.solve()
    #expect(pairs.isEmpty)
  }

  @Test("release: two principals of a unit are never away together")
  func principalsApart() throws {
    var w = TinyWorld()
    w.rules = [TinyWorld.rotation, .release(ReleaseRule(info: TinyWorld.info("release-limit", "release"), maxAway: 5))]
    w.cadre("SECRETARY", leadership: .principal)
    w.cadre("MAYOR", leadership: .principal)
    w.klass("R1", kind: .rotation, start: "2025-04-01", days: 5)
    let (pairs, _) = try w.solve()
    #expect(pairs.count == 1)
    w.klass("R2", kind: .rotation, start: "2025-05-01", days: 5)
    let (two, _) = try w.solve()
    #expect(two.count == 2)
    #expect(two.contains("SECRETARY→R1") != two.contains("SECRETARY→R2"))
  }

  @Test("no-duplicate: overlapping classes stay one even when the yearly maximum covers the same classes")
  func overlapAndYearlyMaximumOnTheSameClasses() throws {
    var w = TinyWorld()
    w.rules = [
      .cycle(
        CycleRule(
          info: TinyWorld.info("annual-professional", "cycle"), who: Selector(ranks: [.county]),
          kinds: [.professional], every: 1)),
      .cycle(
        CycleRule(
          info: TinyWorld.info("annual-special", "cycle"), who: Selector(ranks: [.county]), kinds: [.special],
          every: 1)),
    ]
    w.cadre("A")
    // One off-the-job training this year already: at most 2 more.
    w.trained("A", kind: .reading, start: "2025-01-06")
    w.klass("P", kind: .professional, start: "2025-04-01")
    w.klass("S", kind: .special, start: "2025-04-01", theme: "law")
    w.klass("T", kind: .special, start: "2025-04-01", theme: "finance")
    let f = w.formulation()
    #expect(f.candidates.count == 3)
    let (pairs, _) = try w.solve()
    // Two seats would meet both obligations, but the three classes overlap.
    #expect(pairs.count == 1)
  }

  @Test("no-duplicate: never two overlapping classes, even of different kinds")
  func noOverlap() throws {
    var w = TinyWorld()
    w.rules = [
      TinyWorld.rotation,
      .cycle(
        CycleRule(
          info: TinyWorld.info("annual-professional", "cycle"), who: Selector(ranks: [.county]), kinds: [.professional],
          every: 1)),
    ]
    w.cadre("A")
    w.klass("R1", kind: .rotation, start: "2025-04-01", days: 5)
    w.klass("P1", kind: .professional, start: "2025-04-04", days: 5)
    let (pairs, _) = try w.solve()
    #expect(pairs.count == 1)
    w.klass("P2", kind: .professional, start: "2025-09-04", days: 5)
    let (both, _) = try w.solve()
    #expect(both == ["A→R1", "A→P2"])
  }

  @Test("no-duplicate: one class of a kind a year, and at most max_per_year")
  func onePerKindAndMaximum() throws {
    var w = TinyWorld()
    w.rules = [
      .cycle(
        CycleRule(
          info: TinyWorld.info("any", "cycle"), who: Selector(), kinds: [.rotation, .professional, .special, .reading],
          every: 1)),
      .noDuplicate(NoDuplicateRule(info: TinyWorld.info("no-duplicate", "no-duplicate"), maxPerYear: 2)),
    ]
    w.cadre("A")
    w.klass("R1", kind: .rotation, start: "2025-03-01")
    w.klass("R2", kind: .rotation, start: "2025-04-01")
    let f = w.formulation()
    #expect(f.model.constraintCount > 0)
    // The multi-kind obligation is met once; a second class only costs: one seat.
    let (pairs, _) = try w.solve()
    #expect(pairs.count == 1)
  }

  @Test("no-duplicate: the same theme twice in a year is refused")
  func theme() throws {
    var w = TinyWorld()
    w.rules = [
      .cycle(CycleRule(info: TinyWorld.info("prof", "cycle"), who: Selector(), kinds: [.professional], every: 1)),
      .cycle(CycleRule(info: TinyWorld.info("spec", "cycle"), who: Selector(), kinds: [.special], every: 1)),
    ]
    w.cadre("A")
    w.klass("P1", kind: .professional, start: "2025-03-01", theme: "digital-economy")
    w.klass("S1", kind: .special, start: "2025-06-01", theme: "digital-economy")
    let (pairs, _) = try w.solve()
    #expect(pairs.count == 1)
  }

  @Test("unit-share: a fifth of the team is sent even when nobody is due")
  func unitShare() throws {
    var w = TinyWorld()
    w.rules = [
      .unitShare(
        UnitShareRule(
          info: TinyWorld.info("unit-fifth", "unit-share"), who: Selector(leadership: [.team]),
          share: ExactDecimal("0.2")!,
          kinds: [.professional]))
    ]
    for i in 0..<6 { w.cadre("T\(i)", rank: .section) }  // 6 members: ceil(1.2) = 2
    w.klass("P1", kind: .professional, start: "2025-03-01", seat: 500)
    let f = w.formulation()
    #expect(f.book.unitRequirements.first?.required == 2)
    let (pairs, objective) = try w.solve()
    #expect(pairs.count == 2)
    #expect(abs(objective - 1000) < 1e-6)
  }

  @Test("tiered: the local class at the right level is preferred")
  func tiered() throws {
    var w = TinyWorld()
    w.rules = [
      TinyWorld.rotation,
      .tiered(
        TieredRule(
          info: TinyWorld.info("tiered", "tiered"), levels: [.county: .city], mismatchCost: 300, travelCost: 200)),
    ]
    w.cadre("A")
    w.klass("FAR", kind: .rotation, start: "2025-03-01", seat: 900, region: "R9", level: .province)
    w.klass("NEAR", kind: .rotation, start: "2025-04-01", seat: 1000)
    let (pairs, _) = try w.solve()
    #expect(pairs == ["A→NEAR"])  // 900 + 200 + 300 > 1000
  }
}
