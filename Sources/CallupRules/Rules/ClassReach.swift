import CallupDomain

/// Which classes of a kind a cadre looks at (分级, tiered training): the
/// classes of the province and the nation, which serve the whole province;
/// the city and county party schools' classes of the cadre's own region;
/// and, of other regions' city and county schools, only a few
/// (`ClassReach.distantPerKind`), or all of them when neither its own
/// region nor the province has one. A seat at another region's school costs a journey (`tiered`'s
/// travel cost) for what the cadre's own schools offer, and a few such
/// seats per cadre are enough to let a region short of seats send cadres
/// elsewhere; looking at every county class of a province for every cadre
/// of it would be tens of billions of pairs.
///
/// Lists are by slot `kind × ranks + rank`, as `EligiblePairs` indexes them.
struct ClassReach: Sendable {
  /// Own region's city and county classes a cadre looks at per kind, at
  /// most: a county party school's class is one of hundreds alike in a
  /// prefecture, and a few dozen, spread over them cadre by cadre, leave
  /// the plan as much choice as all of them.
  static let nearPerKind = 64
  /// Distant classes a cadre looks at per kind, besides its own region's.
  static let distantPerKind = 3
  /// Distant classes screened at most per kind to find them.
  static let distantScan = 48

  /// Per slot: the province's and the nation's classes.
  let wide: [[Int]]
  /// Per slot: the city and county classes, region by region.
  let local: [[Int]]
  /// Per slot and region: the range of `local` that is that region's.
  let ranges: [[Int32: Range<Int>]]
  /// Per slot: every class.
  let all: [[Int]]
  /// Per cadre: its unit's region (−1: none, then every class is near).
  let cadreRegion: [Int32]

  init(_ s: Scenario, bySlot: [[Int]]) {
    var regions = [RegionID: Int32]()
    func id(_ r: RegionID) -> Int32 {
      if let i = regions[r] { return i }
      let i = Int32(regions.count)
      regions[r] = i
      return i
    }
    var wide = Array(repeating: [Int](), count: bySlot.count)
    var local = Array(repeating: [Int](), count: bySlot.count)
    var ranges = Array(repeating: [Int32: Range<Int>](), count: bySlot.count)
    for (slot, list) in bySlot.enumerated() {
      var byRegion = [Int32: [Int]]()
      for ki in list {
        let k = s.classes[ki]
        if k.level == .national || k.level == .province {
          wide[slot].append(ki)
        } else {
          byRegion[id(k.region), default: []].append(ki)
        }
      }
      for r in byRegion.keys.sorted() {
        let start = local[slot].count
        local[slot] += byRegion[r]!
        ranges[slot][r] = start..<local[slot].count
      }
    }
    self.wide = wide
    self.local = local
    self.ranges = ranges
    all = bySlot
    cadreRegion = s.cadres.map { c in s.unitIndex[c.unit].map { id(s.units[$0].region) } ?? -1 }
  }

  /// The classes of `slot` in cadre `ci`'s own region and province-wide;
  /// every class of the slot for a cadre without a region.
  func near(_ slot: Int, cadre ci: Int) -> [Int] {
    let r = cadreRegion[ci]
    guard r >= 0 else { return all[slot] }
    guard let own = ranges[slot][r] else { return wide[slot] }
    guard own.count > Self.nearPerKind else { return wide[slot] + local[slot][own] }
    let start = (ci &* 7919) % own.count
    return wide[slot] + (0..<Self.nearPerKind).map { local[slot][own.lowerBound + (start + $0) % own.count] }
  }

  /// Whether some class of `slot` in cadre `ci`'s own region or
  /// province-wide is `within` (all of them, not only the near ones).
  func ownHas(_ slot: Int, cadre ci: Int, where within: (Int) -> Bool) -> Bool {
    let r = cadreRegion[ci]
    guard r >= 0 else { return all[slot].contains(where: within) }
    if wide[slot].contains(where: within) { return true }
    guard let own = ranges[slot][r] else { return false }
    return local[slot][own].contains(where: within)
  }

  /// The classes of `slot` at other regions' schools, in a cadre's own
  /// order (starting at a place of its own, so that cadres short of seats
  /// spread over the regions), every one of them, made as they are read.
  func distant(_ slot: Int, cadre ci: Int) -> LazyMapSequence<Range<Int>, Int> {
    let list = local[slot]
    let own = cadreRegion[ci] >= 0 ? ranges[slot][cadreRegion[ci]] ?? 0..<0 : 0..<list.count
    let n = list.count - own.count
    let start = n > 0 ? (ci &* 7919) % n : 0
    return (0..<max(0, n)).lazy.map { j in
      let i = (start + j) % n
      return list[i < own.lowerBound ? i : i + own.count]
    }
  }
}
