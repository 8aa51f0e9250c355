import CallupDomain
import CallupPlan
import CallupRules
@testable import CallupSolve
import Foundation
import Testing

/// The steps of a plan in blocks (`BlockPlanState`), each on its own: what
/// each promises the steps after it.
@Suite("block plan steps")
struct BlockStepsTests {
  static let options = SolveOptions(timeLimit: 30, mipGap: 0.005)

  /// demo-city cut into blocks of about `target`, through the quotas.
  static func cityThroughQuotas(target: Double, fromAuction: Bool) throws -> BlockPlanState {
    let s = try Bundled.scenario("demo-city")
    var state = BlockPlanState(s, options: options, threads: 2)
    state.partition(target: target, startFromAuction: fromAuction)
    state.screenPairs()
    state.priceSeats()
    state.allotQuotas()
    return state
  }

  /// Every unit is in one block, every cadre of a unit in its unit's
  /// block, and a city is never started from the auction unless asked.
  @Test func partitionPlacesEveryUnitOnce() throws {
    let s = try Bundled.scenario("demo-city")
    var state = BlockPlanState(s, options: Self.options, threads: 2)
    state.partition(target: 400, startFromAuction: nil)
    #expect(state.blocks.count > 1)
    #expect(state.blocks.flatMap { $0 }.sorted() == Array(s.units.indices))
    for (ci, c) in s.cadres.enumerated() {
      #expect(state.cadreBlock[ci] == s.unitIndex[c.unit].map { state.unitBlock[$0] })
    }
    #expect(!state.fromAuction)
    #expect(state.quotas.count == state.blocks.count && state.minimums.count == state.blocks.count)
  }

  /// The quotas of a shared class add up to its capacity, its parts of
  /// the minimum to its minimum; an owned class has no quota in its own
  /// block and none anywhere else.
  @Test func quotasAddUpToTheClassesCapacity() throws {
    let state = try Self.cityThroughQuotas(target: 400, fromAuction: false)
    let s = state.scenario
    var shared = 0
    for ki in state.classes {
      if let b = state.owner[ki] {
        #expect(state.quotas[b][ki] == nil)
        #expect(state.quotas.indices.allSatisfy { $0 == b || state.quotas[$0][ki] == 0 })
        continue
      }
      let total = state.quotas.reduce(0) { $0 + ($1[ki] ?? 0) }
      guard total > 0 else { continue }  // no block has a useful pair
      shared += 1
      let capacity = try #require(s.classes[ki].capacity)
      #expect(total == capacity, "\(s.classes[ki].id)")
      let parts = state.minimums.reduce(0) { $0 + ($1[ki] ?? 0) }
      #expect(parts == 0 || parts == s.classes[ki].minSize, "\(s.classes[ki].id)")
    }
    #expect(shared > 0 && !state.owner.isEmpty)
    #expect(state.ranked.isEmpty)  // dropped once the quotas are made
  }

  /// Largest remainder gives exactly the total, never less than a share
  /// rounded down, the largest remainders first.
  @Test func largestRemainderGivesTheTotal() {
    let split = QuotaSplit.largestRemainder([0: 2.5, 1: 1.7, 2: 0.8], total: 5)
    #expect(split.map(\.block) == [0, 1, 2])
    #expect(split.map(\.count) == [2, 2, 1])
    #expect(QuotaSplit.largestRemainder([3: 1.0 / 3, 5: 1.0 / 3, 7: 1.0 / 3], total: 1).map(\.count) == [1, 0, 0])
  }

  /// Three county cadres of one unit owing a rotation; K has one seat, L
  /// (same days) a minimum of 2, M is later. The blocks' seats clash: two
  /// take K's one seat, A is in K and L at once, and L keeps only C.
  static func clashing() -> BlockPlanState {
    let rotation = Rule.cycle(
      CycleRule(
        info: RuleInfo(id: RuleID("annual-rotation"), type: "cycle"), who: Selector(ranks: [.county]),
        kinds: [.rotation], every: 1))
    func klass(_ id: String, start: String, min: Int, capacity: Int) -> TrainingClass {
      TrainingClass(
        id: ClassID(id), name: id, institution: "市委党校", region: "R1", kind: .rotation, start: Day(iso: start)!,
        days: 5, hours: 35, minSize: min, capacity: capacity, costPerSeat: 1000)
    }
    let s = Scenario(
      name: "clash", year: 2025, policy: Policy(name: "test", rules: [rotation]),
      units: [Unit(id: "U1", name: "一局", region: "R1", headcount: 100)],
      cadres: ["A", "B", "C", "D"].map { Cadre(id: CadreID($0), name: $0, unit: "U1", rank: .county) },
      classes: [
        klass("K", start: "2025-04-01", min: 1, capacity: 1), klass("L", start: "2025-04-01", min: 2, capacity: 3),
        klass("M", start: "2025-06-01", min: 1, capacity: 3),
      ])
    var state = BlockPlanState(s, options: options, threads: 1)
    state.partition(target: 10, startFromAuction: false)
    state.screened = Array(repeating: [0, 1, 2], count: s.cadres.count)
    var first = DecomposedPlanner.BlockResult(callupSeats: [(0, 0), (1, 0)], status: .optimal)
    first.hoursSeats = [(3, 2)]
    let second = DecomposedPlanner.BlockResult(callupSeats: [(0, 1), (2, 1)], status: .optimal)
    state.results = [first, second]
    return state
  }

  /// After the repair no class of the plan is below its minimum, the plan
  /// rebuilt seat by seat clashes nowhere, and the dropped seats are logged.
  @Test func repairLeavesNoClashAndNoClassBelowItsMinimum() {
    var state = Self.clashing()
    state.repair()
    let s = state.scenario
    let plan = state.calendar.classesByCadre.enumerated().flatMap { ci, list in
      list.map { Assignment(cadre: ci, klass: $0) }
    }
    var rebuilt = PlanCalendar(scenario: s, year: s.year, assignments: [])
    for a in plan {
      #expect(rebuilt.clash(cadre: a.cadre, klass: a.klass) == nil, "\(a)")
      rebuilt.add(a)
    }
    for ki in state.classes {
      let n = state.calendar.attendees[ki]
      #expect(n == 0 || n >= s.classes[ki].minSize, "\(s.classes[ki].id)")
    }
    #expect(state.calendar.attendees == [1, 0, 1])  // A in K; L closed; D in M
    #expect(state.hoursSeats.map { "\($0.cadre)→\($0.klass)" } == ["3→2"])
    #expect(state.log.contains { $0.hasPrefix("guard: seats dropped") })
    #expect(state.log.contains { $0.hasPrefix("repair: 0 shared classes topped up with 0 seats, 1 classes below") })
  }

  /// The exchange never raises the objective: here B and C, unmet after the
  /// repair, find seats in M (held for D's hours).
  @Test func exchangeNeverRaisesTheObjective() throws {
    var state = Self.clashing()
    state.repair()
    state.exchangeSeats()
    let before = try #require(state.objectiveBefore)
    let after = try #require(state.objective)
    #expect(after <= before)
    #expect(after < before)
    #expect(state.exchange != nil)
  }

  /// The same on demo-city started from the auction's seats (no block is
  /// planned, so this needs no solver): the exchange lowers the objective,
  /// and the plan it leaves keeps every class at its minimum.
  @Test func cityFromTheAuctionThroughTheExchange() throws {
    var state = try Self.cityThroughQuotas(target: 500, fromAuction: true)
    #expect(state.owner.isEmpty && state.startSeats.count == state.dueObligations.count)
    state.planBlocks()
    #expect(state.results.count == 1 && state.results[0].hoursSeats.isEmpty)
    state.repair()
    state.exchangeSeats()
    let before = try #require(state.objectiveBefore)
    let after = try #require(state.objective)
    #expect(after <= before)
    for ki in state.classes {
      let n = state.calendar.attendees[ki]
      #expect(n == 0 || n >= state.scenario.classes[ki].minSize)
    }
    state.gatherBlocks()
    #expect(state.status == .feasible)
  }

  /// The step factor of the bound's passes halves after two passes in a
  /// row without a better bound, and a better bound starts the count anew.
  @Test func stepFactorHalvesAfterItsPatience() {
    var f = StepFactor()
    let first = f.value
    f.record(improved: false)
    #expect(f.value == first)
    f.record(improved: true)
    f.record(improved: false)
    #expect(f.value == first)
    f.record(improved: false)
    #expect(f.value == first / 2)
  }

  /// A subgradient step raises the price of a class the priced LPs
  /// overfill; with nothing overfilled, or no plan to aim at, there is no
  /// step and the prices stay.
  @Test func stepPricesRaisesTheOverfilledClass() {
    var state = Self.clashing()
    state.objective = 50_000
    state.prices = [0: 0, 1: 0, 2: 0]
    let fits = state.stepPrices(total: 40_000, usage: [:], factor: 0.5)
    #expect(!fits && state.prices == [0: 0, 1: 0, 2: 0])
    let overfilled = state.stepPrices(total: 40_000, usage: [0: 3], factor: 0.5)
    #expect(overfilled && state.prices[0]! > 0 && state.prices[1] == 0 && state.prices[2] == 0)
    let raised = state.prices
    state.objective = nil
    let aimless = state.stepPrices(total: 40_000, usage: [0: 3], factor: 0.5)
    #expect(!aimless && state.prices == raised)
  }
}
