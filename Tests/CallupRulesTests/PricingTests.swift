import CallupDomain
import CallupRules
import GLPKBackend
import Modeling
import Testing

/// Column generation: a model restricted to a few pairs per cadre, priced
/// with its LP's duals, must give a valid bound and grow to the whole LP.
@Suite("Pricing pairs left out of a restricted model")
struct PricingTests {
  func world() -> TinyWorld {
    var w = TinyWorld()
    w.rules = [
      TinyWorld.rotation, TinyWorld.systematic,
      .unitShare(
        UnitShareRule(
          info: TinyWorld.info("unit-fifth", "unit-share"), who: Selector(leadership: [.team]),
          share: ExactDecimal("0.5")!,
          kinds: [.rotation, .systematic, .professional])),
      .release(ReleaseRule(info: TinyWorld.info("release-limit", "release"), maxAway: 2)),
    ]
    w.units.append(Unit(id: "U2", name: "二局", region: "R2", headcount: 8))
    for i in 0..<8 { w.cadre("A\(i)", unit: i < 5 ? "U1" : "U2", leadership: i % 3 == 0 ? .principal : .deputy) }
    w.trained("A1", kind: .systematic, start: "2016-05-01", days: 20)
    w.trained("A2", kind: .systematic, start: "2022-05-01", days: 20)
    // Identical sessions of different cost, some overlapping.
    w.klass("R1", kind: .rotation, start: "2025-03-03", capacity: 2, seat: 900)
    w.klass("R2", kind: .rotation, start: "2025-03-05", capacity: 3, seat: 1000)
    w.klass("R3", kind: .rotation, start: "2025-06-02", capacity: 3, seat: 1100, region: "R2")
    w.klass("R4", kind: .rotation, start: "2025-09-01", min: 2, capacity: 4, seat: 1200, fixed: 5000)
    w.klass("S1", kind: .systematic, start: "2025-04-01", days: 20, capacity: 2, seat: 3000)
    w.klass("S2", kind: .systematic, start: "2025-10-01", days: 20, min: 2, capacity: 2, seat: 3500, fixed: 8000)
    w.klass("P1", kind: .professional, start: "2025-05-05", capacity: 2, seat: 500)
    return w
  }

  func lp(_ f: Formulation) throws -> SolveResult {
    let solver = try GLPKSolver(model: f.model)
    let r = solver.solveLP(timeLimit: 10)
    #expect(r.status == .optimal)
    return r
  }

  @Test func lagrangianBoundIsValidAndColumnGenerationReachesTheWholeLP() throws {
    let s = world().scenario
    let full = Formulation(scenario: s)
    let zFull = try #require(try lp(full).objective)
    var extra = Set<Int>()
    var converged = false
    for _ in 0..<20 {
      let f = Formulation(scenario: s, options: .init(pairLimit: 1, extraPairs: extra))
      let r = try lp(f)
      let z = try #require(r.objective)
      let priced = Pricing.price(f, rowDuals: r.rowDuals ?? [])
      // A valid lower bound on the whole LP, whatever the round.
      #expect(z + priced.lagrangianTerm <= zFull + 1e-6)
      // The restricted LP can only be worse than the whole one.
      #expect(z >= zFull - 1e-6)
      if priced.improving.isEmpty {
        #expect(abs(z - zFull) < 1e-6)
        converged = true
        break
      }
      for p in priced.improving { extra.insert(f.pairKey(cadre: p.cadre, klass: p.klass)) }
      for c in f.candidates { extra.insert(f.pairKey(cadre: c.cadre, klass: c.klass)) }
    }
    #expect(converged)
  }

  @Test func restrictionKeepsTheBestPairsPerKind() {
    let s = world().scenario
    let f = Formulation(scenario: s, options: .init(pairLimit: 1))
    #expect(f.omittedPairs > 0)
    for ci in s.cadres.indices {
      let kinds = f.candidatesByCadre[ci].map { s.classes[f.candidates[$0].klass].kind }
      #expect(Set(kinds).count == kinds.count, "one pair per kind")
    }
  }
}
