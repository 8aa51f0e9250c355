import Testing
@testable import CallupGenerator

@Suite struct RandomTests {
  @Test func splitMix64MatchesTheReferenceOutput() {
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(g.next() == 0x06C4_5D18_8009_454F)
  }

  @Test func xoshiroMatchesTheReferenceOutput() {
    // xoshiro256** from the state {1, 2, 3, 4}.
    var g = Xoshiro256(state: (1, 2, 3, 4))
    #expect(g.next() == 11520)
    #expect(g.next() == 0)
    #expect(g.next() == 1_509_978_240)
    #expect(g.next() == 1_215_971_899_390_074_240)
  }

  @Test func streamsAreReproducibleAndIndependent() {
    var a = Xoshiro256(seed: 42, stream: "people")
    var b = Xoshiro256(seed: 42, stream: "people")
    var c = Xoshiro256(seed: 42, stream: "history")
    let xs = (0..<8).map { _ in a.next() }
    #expect(xs == (0..<8).map { _ in b.next() })
    #expect(xs != (0..<8).map { _ in c.next() })
  }

  @Test func drawsStayInRange() {
    var g = Xoshiro256(seed: 7)
    var seen = Set<Int>()
    for _ in 0..<2000 {
      let v = g.int(in: -3...3)
      #expect((-3...3).contains(v))
      seen.insert(v)
      let u = g.unit()
      #expect(u >= 0 && u < 1)
    }
    #expect(seen.count == 7)
    #expect(g.int(in: 5...5) == 5)
    #expect(g.weightedIndex([0, 0, 1]) == 2)
    #expect(g.weightedIndex([0, 0]) == nil)
    #expect(g.shuffled(Array(0..<50)).sorted() == Array(0..<50))
  }
}
