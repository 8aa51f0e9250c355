import CallupChecker
import CallupDomain
import CallupPlanner
import Foundation
import Testing

/// Planning block by block: the partition, the shared classes' bound terms
/// and the whole path on the bundled city cut into small blocks.
@Suite("decomposed planning")
struct DecompositionTests {
  /// Three seats worth 10, 8 and 1 (reduced costs −10, −8, −1) for a class
  /// of 2 seats that costs 5 to hold: the best multiplier gives −13, the
  /// value of filling it with the two best (−18) plus its cost (5).
  @Test func sharedTermIsTheBestMultiplier() {
    let t = DecomposedPlanner.sharedTerm([-10, -8, -1], fixedCost: 5, capacity: 2)
    #expect(abs(t - -13) < 1e-9)
    // Nobody gains from a seat: the class adds nothing.
    #expect(DecomposedPlanner.sharedTerm([3, 0.5], fixedCost: 100, capacity: 10) == 0)
    // A free class with room for everyone: every seat's gain counts.
    #expect(abs(DecomposedPlanner.sharedTerm([-4, -2], fixedCost: 0, capacity: 5) - -6) < 1e-9)
  }

  @Test func blocksFollowTheHierarchy() throws {
    let s = try Bundled.scenario("demo-city")
    let weights = s.units.indices.map { Double(s.cadresByUnit[$0].count) }
    let p = BlockPartition(scenario: s, weights: weights, target: 400)
    #expect(p.blocks.count > 1)
    // Every unit in exactly one block.
    let all = p.blocks.flatMap { $0 }
    #expect(all.count == s.units.count && Set(all).count == s.units.count)
    var blockOf = [Int: Int]()
    for (b, us) in p.blocks.enumerated() { for u in us { blockOf[u] = b } }
    // A block is over the target only when it is one unit's own cadres.
    for us in p.blocks where us.count > 1 {
      #expect(us.reduce(0) { $0 + weights[$1] } <= 400)
    }
    // A unit with no children shares its block with its parent when the
    // parent's whole subtree fits.
    var subtree = weights
    var children = [Int: [Int]]()
    for (u, unit) in s.units.enumerated() {
      if let p = unit.parent, let pi = s.unitIndex[p] { children[pi, default: []].append(u) }
    }
    for (parent, kids) in children where kids.allSatisfy({ children[$0] == nil }) {
      subtree[parent] = weights[parent] + kids.reduce(0) { $0 + weights[$1] }
      if subtree[parent] <= 400 { #expect(kids.allSatisfy { blockOf[$0] == blockOf[parent] }) }
    }
  }

  /// demo-city in blocks of about 500 cadres: the plan obeys every hard
  /// rule, and the bound is below the proven optimum of the whole model
  /// (8,028,310, by HiGHS on the exported model; benchmarks/RESULTS.md).
  @Test func demoCityInBlocksHoldsAndItsBoundIsValid() throws {
    let s = try Bundled.scenario("demo-city")
    let plan = try DecomposedPlanner.plan(
      s, options: SolveOptions(timeLimit: 90, mipGap: s.solver.mipGap), blockTarget: 500)
    let dir = Bundled.temporaryDirectory().appendingPathComponent("plan")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations.prefix(5))")
    let objective = try #require(plan.objective)
    let bound = try #require(plan.bound)
    #expect(bound <= 8_028_310 + 1e-6)
    #expect(objective >= 8_028_310 - 1e-6)
    #expect(plan.kpis.met > plan.kpis.due / 2)
  }
}
