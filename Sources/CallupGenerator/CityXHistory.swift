import CallupDomain

/// City X's history.csv: the trainings of 2019 to the year before the plan,
/// in the past years' own classes (`CityXCatalog.sessions(of:)`, never over
/// a class's capacity), keeping every hard rule a plan keeps (`Occupancy`:
/// no overlap, one class of a kind a year, three a year, no theme twice in
/// five years, the units' release limits). Then a twentieth of the cadres
/// get an unavailable range in the plan year.
///
/// The cycles are left partly due: a team member's last month-long class
/// is spread over the last three years and a little before (about a third
/// due each year, a tenth overdue); another city-managed cadre's last main
/// class over the last five years and a little before; a non-party
/// cadre's last class at the socialist institute likewise.
struct CityXHistory {
  let seed: UInt64
  let year: Int
  let catalogue: CityXCatalog
  static let firstYear = 2019

  /// Per group, the past year's classes and how many seats are taken.
  struct PastYear {
    var byGroup: [CityXGroup: [TrainingClass]] = [:]
    var taken: [ClassID: Int] = [:]
  }

  func build(cadres: inout [Cadre], units: [Unit]) -> [HistoryRecord] {
    let unitIndex = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var occ = Occupancy(cadres: cadres, units: units, unitIndex: unitIndex)
    var rng = Xoshiro256(seed: seed, stream: "city-x history")
    let first = min(Self.firstYear, year - 1)
    let cycles = cadres.map { lastCycles($0, first: first, rng: &rng) }
    for y in first..<year {
      var past = PastYear()
      for c in catalogue.sessions(of: y) { past.byGroup[c.group, default: []].append(c.klass) }
      placeLong(y, cadres, cycles, &past, &occ, rng: &rng)
      placeShort(y, cadres, &past, &occ, rng: &rng)
    }
    var unavailable = Xoshiro256(seed: seed, stream: "city-x unavailable")
    for i in cadres.indices where unavailable.chance(0.05) {
      let from = randomDay(
        from: Day(year: year, month: 3, day: 1)!, to: Day(year: year, month: 11, day: 1)!, rng: &unavailable)
      cadres[i].unavailable = [DayRange(first: from, last: from.advanced(by: unavailable.int(in: 13...41)))]
    }
    var all: [HistoryRecord] = []
    for rs in occ.records { all += rs.sorted { ($0.start, $0.kind) < ($1.start, $1.kind) } }
    return all
  }

  /// The years of a cadre's month-long class (team members of county rank),
  /// other main class (other county-rank cadres) and class at the socialist
  /// institute (non-party cadres of bureau and county rank); each includes
  /// the ones before it in the same cycle.
  struct Cycles {
    var month: [Int] = []
    var main: [Int] = []
    var nonParty: [Int] = []
  }

  func lastCycles(_ c: Cadre, first: Int, rng: inout Xoshiro256) -> Cycles {
    var out = Cycles()
    func draw(_ weights: [(Int, Double)]) -> Int? {
      let i = rng.weightedIndex(weights.map(\.1))!
      return weights[i].0 == 0 ? nil : year - weights[i].0
    }
    func back(_ last: Int?, every: Int) -> [Int] {
      guard let last else { return [] }
      return stride(from: last, through: first, by: -every).filter { $0 == last || rng.chance(0.8) }
    }
    if c.rank == .county {
      if c.leadership != .none {
        out.month = back(draw([(1, 0.30), (2, 0.30), (3, 0.28), (4, 0.08), (0, 0.04)]), every: 3)
      } else {
        let w: [(Int, Double)] = (1...5).map { ($0, 0.172) } + [(6, 0.07), (0, 0.07)]
        out.main = back(draw(w), every: 5)
      }
    }
    if c.party == .nonParty, c.rank == .county || c.rank == .bureau {
      out.nonParty = back(draw((1...5).map { ($0, 0.17) } + [(0, 0.15)]), every: 5)
    }
    return out
  }

  /// Adds the first class of `group` that admits the cadre, has a seat and fits.
  @discardableResult
  func place(
    _ c: Int, _ cadre: Cadre, _ group: CityXGroup, _ past: inout PastYear, _ occ: inout Occupancy,
    rng: inout Xoshiro256
  ) -> Bool {
    for k in rng.shuffled(past.byGroup[group] ?? []) where k.admits(cadre) {
      guard past.taken[k.id, default: 0] < (k.capacity ?? Int.max) else { continue }
      var r = HistoryRecord(cadre: cadre.id, attended: k)
      r.classID = nil
      guard occ.fits(c, r) else { continue }
      occ.add(c, r)
      past.taken[k.id, default: 0] += 1
      return true
    }
    return false
  }

  /// The long classes of past year `y` first: the month-long and other
  /// main classes of the cycles, the young cadres' classes, the new
  /// section chiefs' class in the year of appointment.
  private func placeLong(
    _ y: Int, _ cadres: [Cadre], _ cycles: [Cycles], _ past: inout PastYear, _ occ: inout Occupancy,
    rng: inout Xoshiro256
  ) {
    for (c, cadre) in cadres.enumerated() {
      if cycles[c].month.contains(y) { place(c, cadre, .monthClass, &past, &occ, rng: &rng) }
      if cycles[c].main.contains(y) { place(c, cadre, .mainShort, &past, &occ, rng: &rng) }
      if cycles[c].nonParty.contains(y) { place(c, cadre, .nonParty, &past, &occ, rng: &rng) }
    }
    for (c, cadre) in cadres.enumerated() where cadre.tags.contains("young") && rng.chance(0.12) {
      place(c, cadre, .young, &past, &occ, rng: &rng)
    }
    for (c, cadre) in cadres.enumerated() where cadre.tags.contains("section-leader") && cadre.rank == .section {
      if cadre.appointed?.year == y, rng.chance(0.9) { place(c, cadre, .newChiefs, &past, &occ, rng: &rng) }
    }
  }

  /// The week-long and shorter classes of past year `y`: targeted classes,
  /// grassroots demonstration classes, "three lifelines" classes (from
  /// 2022, when the campaign began), the enterprises' and the region's classes.
  private func placeShort(
    _ y: Int, _ cadres: [Cadre], _ past: inout PastYear, _ occ: inout Occupancy, rng: inout Xoshiro256
  ) {
    for (c, cadre) in cadres.enumerated() {
      let village = cadre.tags.contains("village-secretary")
      switch cadre.rank {
      case .county where rng.chance(0.5): place(c, cadre, .targetedCounty, &past, &occ, rng: &rng)
      case .section where rng.chance(0.55): place(c, cadre, .targetedSection, &past, &occ, rng: &rng)
      case .staff where rng.chance(village ? 0.1 : 0.3): place(c, cadre, .targetedStaff, &past, &occ, rng: &rng)
      default: break
      }
      if cadre.tags.contains("grassroots"), rng.chance(0.2) {
        place(c, cadre, .grassrootsDemo, &past, &occ, rng: &rng)
      }
      if y >= 2022, rng.chance(0.15) { place(c, cadre, .lifelines, &past, &occ, rng: &rng) }
      if village, rng.chance(0.15) { place(c, cadre, .villageRegional, &past, &occ, rng: &rng) }
      if cadre.tags.contains("soe"), rng.chance(0.4) {
        place(c, cadre, rng.chance(0.5) ? .soeSeminar : .soeSecretaries, &past, &occ, rng: &rng)
      }
    }
  }
}
