import CallupDomain
import CallupRules
import Testing

/// Which classes a cadre is screened against (分级): the province's, its
/// own region's (at most 64 of a kind), and only a few of other regions'.
@Suite("class reach: the classes a cadre is looked at for")
struct ClassReachTests {
  /// Three regions: R1 with 70 rotation classes, R2 with 5, R3 with none;
  /// one provincial rotation class; a due county leader in each region.
  func world() -> TinyWorld {
    var w = TinyWorld()
    w.units = [
      Unit(id: "U1", name: "一局", region: "R1", headcount: 50), Unit(id: "U2", name: "二局", region: "R2", headcount: 50),
      Unit(id: "U3", name: "三局", region: "R3", headcount: 50),
    ]
    for (i, unit) in ["U1", "U2", "U3"].enumerated() { w.cadre("P\(i + 1)", unit: unit) }
    w.klass("PROV", kind: .rotation, start: "2025-03-03", region: "RP", level: .province)
    for i in 0..<70 { w.klass("A\(i)", kind: .rotation, start: "2025-04-07", region: "R1") }
    for i in 0..<5 { w.klass("B\(i)", kind: .rotation, start: "2025-05-05", region: "R2", level: .county) }
    w.rules = [TinyWorld.rotation]
    return w
  }

  func reach(_ cadre: Int, in f: Formulation) -> [String] {
    EligiblePairs(f).screened(cadre: cadre).map { f.scenario.classes[$0].id.rawValue }
  }

  @Test func aCadreSeesTheProvinceSixtyFourOfItsRegionAndThreeElsewhere() {
    let f = world().formulation()
    let seen = reach(0, in: f)
    #expect(seen.contains("PROV"))
    #expect(seen.filter { $0.hasPrefix("A") }.count == 64)
    #expect(seen.filter { $0.hasPrefix("B") }.count == 3)
  }

  @Test func aSmallRegionIsSeenWhole() {
    let f = world().formulation()
    let seen = reach(1, in: f)
    #expect(seen.filter { $0.hasPrefix("B") }.count == 5)
    #expect(seen.filter { $0.hasPrefix("A") }.count == 3)
    #expect(seen.contains("PROV"))
  }

  @Test func aRegionWithoutClassesSeesTheProvinceAndAFewElsewhere() {
    let f = world().formulation()
    #expect(reach(2, in: f).count == 1 + 3)
  }

  @Test func withoutClassesNearAtAllEveryRegionIsSeen() {
    var w = world()
    w.classes.removeAll { $0.id == "PROV" }
    #expect(reach(2, in: w.formulation()).count == 70 + 5)
  }

  @Test func cadresSpreadOverTheirRegionsClasses() {
    var w = world()
    for i in 4...40 { w.cadre("P\(i)", unit: "U1") }
    let f = w.formulation()
    var seenBy = [String: Int]()
    for ci in f.scenario.cadres.indices where f.scenario.cadres[ci].unit == "U1" {
      for id in reach(ci, in: f) { seenBy[id, default: 0] += 1 }
    }
    // Every class of R1 is looked at by some cadre of R1.
    #expect((0..<70).allSatisfy { seenBy["A\($0)", default: 0] > 0 })
  }
}
