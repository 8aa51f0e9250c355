import CallupDomain

/// A past class of one school in one year: what a history row of one of its
/// attendees says, and whom it admitted.
struct PastSession {
  var start: Int32
  var days: Int16
  var kind: ClassKind
  var theme: UInt8 = 0
  var type: InstitutionType = .partySchool
  var ranks: RankMask = []
  var tags: TagSet = []

  func admits(_ c: CadreRow) -> Bool {
    ranks.contains(c.rank) && (tags.isEmpty || !tags.isDisjoint(with: c.tags))
  }
}

/// The schools of a regional scenario: 0 is the province (its party school
/// and cadre colleges), then one city party school per kept prefecture,
/// then one county party school per kept county.
struct Schools {
  let regions: Int
  let counties: Int
  var count: Int { 1 + regions + counties }
  static let province = 0
  func city(_ region: Int32) -> Int { 1 + Int(region) }
  func county(_ county: Int32) -> Int { 1 + regions + Int(county) }

  /// Who trains a cadre of `rank` in `unit` (分级): the province trains the
  /// bureau level and the provincial organs, the city the county level and
  /// the city organs, the county the section level and below in the county.
  func home(_ rank: Rank, _ unit: RegionalUnit) -> Int {
    switch (rank, unit.tier) {
    case (.provincial, _), (.bureau, _), (_, .province): Schools.province
    case (.county, _), (_, .city): city(unit.region)
    case (_, .county): county(unit.county)
    }
  }
}

/// What the plan year asks of each school's catalogue: the due cycle
/// obligations (ReferenceRules) of the cadres it trains, and the sizes of
/// the groups its special classes are for.
struct SchoolDemand {
  var rotation = 0, systematic = 0, systematicYoung = 0, township = 0, professional = 0
  /// The bureau-level part of `rotation`, `systematic`, `professional` (all at the province).
  var rotationBureau = 0, systematicBureau = 0, professionalBureau = 0
  var appointmentCounty = 0, appointmentSection = 0, initial = 0
  var leaders = 0, principals = 0, sectionAndStaff = 0, grassroots = 0, villageSecretaries = 0
  var nonParty = 0, minority = 0, selectedGraduates = 0, soe = 0, institution = 0, youngJunior = 0
  /// Young non-party cadres of section and county rank due for a class of
  /// their group (no systematic or special class in five years: 002 四(六)(3)).
  var youngNonParty = 0
  /// County-level civil servants of the provincial organs due for systematic training.
  var organCountySystematic = 0
  /// County-level cadres of ethnic areas (民族地区).
  var ethnicAreaCounty = 0
  /// Section-level and staff cadres with no rotation class in the plan year
  /// so far (the grassroots rotation of `sichuan-2023`).
  var juniorRotation = 0
  /// Members of bureau- and county-level leadership teams other than the
  /// principals (the team reading classes of `sichuan-2023`).
  var teamOthers = 0
  /// Party branch secretaries of the provincial organs.
  var branchSecretaries = 0
}

/// Builds history.csv of a regional scenario cadre by cadre: the past
/// trainings of 2019 … year − 1 at the cadre's own school (and the city's
/// for township heads' systematic training), a few rows early in the plan
/// year, then the plan year's unavailable ranges. Every row keeps the rules
/// a plan keeps (no overlap, one class of a kind a year, at most three a
/// year, no theme twice in five years, the units' release limits and the
/// principals rule), checked against a unit × day table of who is away.
struct RegionalHistoryBuilder {
  let preset: GeneratorPreset
  let seed: UInt64
  let year: Int

  struct Result {
    var history: [HistoryRow]
    var away: [AwayRow]
    var demand: [SchoolDemand]
  }

  /// The history, cadre by cadre after two preparations: (1) the sessions
  /// of every school, year and kind (`SessionTable`), (2) the units'
  /// release limits. For each cadre in turn: (3) the past trainings year by
  /// year, (4) those early in the plan year, (5) the plan year's
  /// unavailable ranges, (6) its due obligations added to its school's
  /// demand. Placements draw from `regional-history`, unavailable ranges
  /// from `regional-unavailable`, both cadre by cadre.
  func build(_ org: RegionalOrganization) -> Result {
    let schools = Schools(regions: org.prefectures.count, counties: org.counties.count)
    let first = min(preset.historyStartYear, year - 1)
    let sessions = sessionTable(schools, first: first)
    var state = RegionalHistoryState(
      sessions: sessions, limit: Self.releaseLimits(org), units: org.units.count, first: first, year: year,
      seed: seed, schools: schools.count)
    state.history.reserveCapacity(org.cadres.count * 4)

    for c in org.cadres.indices {
      let p = Placing(Int32(c), org.cadres[c], org, schools, rowBase: state.rowBase(Int(org.cadres[c].unit)))
      state.records.removeAll(keepingCapacity: true)
      placePastTrainings(p, first: first, &state)
      placeEarlyTrainings(p, &state)
      drawUnavailable(p, &state)
      state.records.sort { ($0.start, ClassKindIndex.of($0.kind)) < ($1.start, ClassKindIndex.of($1.kind)) }
      state.history += state.records
      countDemand(p, &state)
    }
    return Result(history: state.history, away: state.away, demand: state.demand)
  }

  /// The sessions per school, year and kind (the plan year holds the early
  /// sessions), each school and year from a stream of its own.
  func sessionTable(_ schools: Schools, first: Int) -> SessionTable {
    var table = SessionTable(first: first, years: year - first)
    for school in 0..<schools.count {
      for y in first...year {
        var rng = Xoshiro256(seed: seed, stream: "regional-sessions-\(school)-\(y)")
        let list = y == year ? earlySessions(school, schools, rng: &rng) : pastSessions(school, schools, y, rng: &rng)
        for k in ClassKind.allCases {
          let from = table.sessions.count
          table.sessions += list.filter { $0.kind == k }
          table.ranges.append(from..<table.sessions.count)
        }
      }
    }
    return table
  }

  /// Each unit's release limit, with the policy's defaults (at most 127).
  static func releaseLimits(_ org: RegionalOrganization) -> [UInt8] {
    let release = ReleaseRule(info: RuleInfo(id: "release-limit", type: "release"))
    return org.units.indices.map { u in
      let n = Int(org.unitStart[u + 1] - org.unitStart[u])
      let l = org.units[u].unit.releaseLimit(
        defaultMaxAway: release.maxAway, defaultShare: release.maxAwayShare, cadresInUnit: n)
      return UInt8(min(127, l))
    }
  }

  /// The cadre's trainings of the years before the plan year: systematic
  /// training on its cycle (at the city for township heads), rotation for
  /// leaders and some grassroots cadres, initial or appointment training in
  /// the year of appointment, professional, reading and special classes.
  private func placePastTrainings(_ p: Placing, first: Int, _ state: inout RegionalHistoryState) {
    let cadre = p.cadre
    let home = p.home
    let lastSystematic = lastSystematicYear(cadre, first: first, rng: &state.rng)
    let every = cadre.tags.contains(.cityCountyTeam) ? 3 : 5
    let systematicSchool = cadre.tags.contains(.townshipHead) ? p.city : home
    let sessions = state.sessions
    for y in first..<year {
      if let last = lastSystematic, y == last || (y < last && (last - y) % every == 0 && state.rng.chance(0.5)) {
        state.place(sessions.list(systematicSchool, y, .systematic), p)
      }
      if p.leader, state.rng.chance(0.85) {
        state.place(sessions.list(home, y, .rotation), p)
      } else if juniorRotation, cadre.rank >= .section, y >= year - Self.juniorRotationYears {
        if state.rng.chance(0.8) { state.place(sessions.list(home, y, .rotation), p) }
      } else if p.grassroots, cadre.rank >= .section, state.rng.chance(0.3) {
        state.place(sessions.list(home, y, .rotation), p)
      }
      if p.appointedYear == y {
        if cadre.rank == .staff, state.rng.chance(0.9) {
          state.place(sessions.list(home, y, .initial), p, after: cadre.appointed)
        } else if cadre.rank == .county || cadre.rank == .section, state.rng.chance(0.85) {
          state.place(sessions.list(home, y, .appointment), p, after: cadre.appointed)
        }
      }
      let share: Double
      switch cadre.rank {
      case .provincial, .bureau, .county: share = 0.7
      case .section: share = 0.35
      case .staff: share = 0.2
      }
      if state.rng.chance(share) { state.place(sessions.list(home, y, .professional), p) }
      if p.principal, p.leader, state.rng.chance(0.3) { state.place(sessions.list(home, y, .reading), p) }
      if state.rng.chance(cadre.tags.contains(.villageSecretary) ? 0.4 : 0.25) {
        state.place(sessions.list(home, y, .special), p)
      }
    }
  }

  /// Early in the plan year, for leaders: January rotation or professional
  /// classes; a provincial systematic class from right after the Spring Festival.
  private func placeEarlyTrainings(_ p: Placing, _ state: inout RegionalHistoryState) {
    guard p.leader else { return }
    let sessions = state.sessions
    if state.rng.chance(0.04) { state.place(sessions.list(p.home, year, .rotation), p) }
    if state.rng.chance(0.015) { state.place(sessions.list(p.home, year, .professional), p) }
    let dueSystematic = state.lastYear(.systematic, minDays: 5) <= year - 5
    if dueSystematic, state.rng.chance(0.01) { state.place(sessions.list(Schools.province, year, .systematic), p) }
  }

  /// Unavailable ranges of the plan year (one, sometimes two, of 10–45
  /// days), clear of the cadre's own trainings.
  private func drawUnavailable(_ p: Placing, _ state: inout RegionalHistoryState) {
    guard state.awayRng.chance(preset.shares.unavailable) else { return }
    let festivalEnd = TrainingCalendar.afterFestival(year)
    let novemberEnd = Day(year: year, month: 11, day: 30)!
    let count = state.awayRng.chance(0.12) ? 2 : 1
    var taken: [DayRange] = state.records.filter { $0.year == year }.map {
      DayRange(first: Day(ordinal: $0.first), last: Day(ordinal: $0.last))
    }
    var mine: [DayRange] = []
    for _ in 0..<count {
      for _ in 0..<6 {
        let start = randomDay(from: festivalEnd, to: novemberEnd, rng: &state.awayRng)
        let r = DayRange(start: start, days: state.awayRng.int(in: 10...45))
        if !taken.contains(where: { $0.overlaps(r) }), r.last.year == year {
          mine.append(r)
          taken.append(r)
          break
        }
      }
    }
    mine.sort { $0.first < $1.first }
    for r in mine { state.away.append(AwayRow(cadre: p.index, first: r.first.ordinal, last: r.last.ordinal)) }
  }

  /// The plan year's due obligations of the cadre (ReferenceRules) and the
  /// groups it belongs to, added to the demand of the school that trains it.
  private func countDemand(_ p: Placing, _ state: inout RegionalHistoryState) {
    let cadre = p.cadre
    let home = p.home
    let y = year
    if p.leader {
      var d = state.demand[home]
      let bureau = cadre.rank == .bureau ? 1 : 0
      if state.lastYear(.rotation) <= y - 1 {
        d.rotation += 1
        d.rotationBureau += bureau
      }
      if state.lastYear(.professional) <= y - 1 {
        d.professional += 1
        d.professionalBureau += bureau
      }
      let team = cadre.tags.contains(.cityCountyTeam) && state.lastYear(.systematic) <= y - 3
      if team || state.lastYear(.systematic, minDays: 5) <= y - 5 {
        d.systematic += 1
        d.systematicBureau += bureau
        if cadre.rank == .county, cadre.tags.contains(.young) { d.systematicYoung += 1 }
        if cadre.rank == .county, cadre.tags.contains(.provincialOrgan) { d.organCountySystematic += 1 }
      }
      if cadre.rank == .county, cadre.tags.contains(.ethnicArea) { d.ethnicAreaCounty += 1 }
      d.leaders += 1
      if p.principal { d.principals += 1 }
      if !p.principal, cadre.leadership.isTeamMember { d.teamOthers += 1 }
      state.demand[home] = d
    }
    if cadre.tags.contains(.townshipHead), state.lastYear(.systematic) <= y - 5 { state.demand[p.city].township += 1 }
    if p.appointedYear == y {
      if cadre.rank == .county, state.lastYear(.appointment) <= y - 1 { state.demand[home].appointmentCounty += 1 }
      if cadre.rank == .section, state.lastYear(.appointment) <= y - 1 { state.demand[home].appointmentSection += 1 }
      if cadre.rank == .staff, cadre.tags.contains(.newAppointee), state.lastYear(.initial) <= y - 1 {
        state.demand[home].initial += 1
      }
    }
    if cadre.rank >= .section {
      var d = state.demand[home]
      d.sectionAndStaff += 1
      if state.lastYear(.rotation) <= y - 1 { d.juniorRotation += 1 }
      if cadre.tags.contains(.branchSecretary) { d.branchSecretaries += 1 }
      if p.grassroots { d.grassroots += 1 }
      if cadre.tags.contains(.villageSecretary) { d.villageSecretaries += 1 }
      if cadre.tags.contains(.young) { d.youngJunior += 1 }
      state.demand[home] = d
    }
    var d = state.demand[home]
    if cadre.nonParty { d.nonParty += 1 }
    if cadre.nonParty, cadre.tags.contains(.young), cadre.rank == .county || cadre.rank == .section,
      max(state.lastYear(.systematic), state.lastYear(.special)) <= y - 5
    {
      d.youngNonParty += 1
    }
    if cadre.tags.contains(.ethnicMinority) { d.minority += 1 }
    if cadre.tags.contains(.selectedGraduate) { d.selectedGraduates += 1 }
    if cadre.tags.contains(.soe) { d.soe += 1 }
    if cadre.tags.contains(.institution) { d.institution += 1 }
    state.demand[home] = d
  }

  /// When the cadre last had systematic training (as `HistoryBuilder`):
  /// team members on a 3-year cycle, other leaders and township heads on a
  /// 5-year cycle, with a tail that has none for six years or more.
  func lastSystematicYear(_ c: CadreRow, first: Int, rng: inout Xoshiro256) -> Int? {
    let n = year - first
    var w: [Double]
    if c.tags.contains(.cityCountyTeam) {
      w = [0.01] + (0..<n).map { i in i >= n - 3 ? 0.28 : 0.03 }
    } else if c.rank == .bureau || c.rank == .county {
      let never = c.tags.contains(.young) && c.rank == .county ? 0.2 : 0.03
      w = [never] + (0..<n).map { i in i == 0 ? 0.06 : 0.17 }
    } else if c.tags.contains(.townshipHead) {
      w = [0.05] + (0..<n).map { i in i == 0 ? 0.08 : 0.175 }
    } else if c.rank == .section {
      return rng.chance(0.1) ? rng.int(in: first...(year - 1)) : nil
    } else {
      return nil
    }
    guard let i = rng.weightedIndex(w), i > 0 else { return nil }
    return first + i - 1
  }

  /// The classes of a school in a past year: the province's, a city's or a
  /// county's, and the rotation classes for section-level cadres and staff
  /// of the last years when the catalogue has them (`juniorRotation`).
  func pastSessions(_ school: Int, _ schools: Schools, _ y: Int, rng: inout Xoshiro256) -> [PastSession] {
    let cal = PastYear(y)
    var out: [PastSession]
    if school == Schools.province {
      out = provinceSessions(cal, rng: &rng)
    } else if school <= schools.regions {
      out = citySessions(cal, rng: &rng)
    } else {
      out = countySessions(cal, rng: &rng)
    }
    if juniorRotation, y >= year - Self.juniorRotationYears {
      let n = school > schools.regions ? 12 : 6
      for d in cal.spread(n, 5, cal.at(3, 1), cal.at(11, 30), rng: &rng) {
        out.append(PastSession(start: d, days: 5, kind: .rotation, ranks: RankMask(.section, .staff)))
      }
    }
    return out
  }

  /// The catalogue has a rotation class a year for every section-level
  /// cadre and staff member (`CatalogueOptions.juniorRotation`): so had the
  /// years before, four in five of them attending.
  var juniorRotation: Bool { preset.layout?.catalogue.juniorRotation ?? false }

  /// Past years with the section-level cadres' and staff's rotation classes.
  static let juniorRotationYears = 3

  /// The provincial party school's and cadre colleges' classes of a past year.
  private func provinceSessions(_ cal: PastYear, rng: inout Xoshiro256) -> [PastSession] {
    var out: [PastSession] = []
    let (open, close, june) = (cal.open, cal.close, cal.june)
    let leaders = RankMask(.bureau, .county)
    let junior = RankMask(.section, .staff)
    for d in cal.spread(6, 4, open, june, rng: &rng) {
      out.append(PastSession(start: d, days: 4, kind: .rotation, ranks: leaders))
    }
    out += [
      PastSession(start: cal.near(cal.at(3, 1), 56), days: 56, kind: .systematic, ranks: RankMask(.bureau)),
      PastSession(start: cal.near(cal.at(9, 1), 56), days: 56, kind: .systematic, ranks: RankMask(.bureau)),
      PastSession(start: cal.near(cal.at(4, 1), 35), days: 35, kind: .systematic, ranks: leaders),
      PastSession(start: cal.near(cal.at(10, 10), 28), days: 28, kind: .systematic, ranks: RankMask(.county)),
      PastSession(start: cal.near(cal.at(7, 1), 21), days: 21, kind: .systematic, ranks: RankMask(.section)),
    ]
    for d in cal.spread(8, 5, open, close, rng: &rng) {
      let type: InstitutionType = rng.pick([.cadreCollege, .university, .partySchool])!
      out.append(
        PastSession(start: d, days: 5, kind: .professional, theme: PastYear.theme(&rng), type: type, ranks: leaders))
    }
    for d in cal.spread(2, 5, open, close, rng: &rng) {
      out.append(PastSession(start: d, days: 5, kind: .professional, theme: PastYear.theme(&rng), ranks: junior))
    }
    for m in [5, 7, 9, 11] {
      out.append(
        PastSession(start: cal.near(cal.at(m, 8), 5), days: 5, kind: .appointment, ranks: RankMask(.county, .section)))
    }
    for m in [7, 12] {
      out.append(PastSession(start: cal.near(cal.at(m, 1), 7), days: 7, kind: .initial, ranks: RankMask(.staff)))
    }
    out.append(PastSession(start: cal.near(open, 5), days: 5, kind: .reading, ranks: RankMask(.bureau)))
    out += [
      PastSession(start: cal.near(cal.at(4, 20), 5), days: 5, kind: .special, tags: .nonParty),
      PastSession(
        start: cal.near(cal.at(6, 20), 5), days: 5, kind: .special, type: .cadreCollege, tags: .ethnicMinority),
      PastSession(start: cal.near(cal.at(9, 15), 5), days: 5, kind: .special, tags: .selectedGraduate),
    ]
    return out
  }

  /// A city party school's classes of a past year.
  private func citySessions(_ cal: PastYear, rng: inout Xoshiro256) -> [PastSession] {
    var out: [PastSession] = []
    let (open, close, june) = (cal.open, cal.close, cal.june)
    let leaders = RankMask(.bureau, .county)
    let junior = RankMask(.section, .staff)
    for d in cal.spread(8, 4, open, june, rng: &rng) {
      out.append(PastSession(start: d, days: 4, kind: .rotation, ranks: leaders))
    }
    out += [
      PastSession(start: cal.near(cal.at(3, 15), 35), days: 35, kind: .systematic, ranks: RankMask(.county)),
      PastSession(start: cal.near(cal.at(9, 1), 28), days: 28, kind: .systematic, ranks: RankMask(.county)),
      PastSession(start: cal.near(cal.at(10, 10), 35), days: 35, kind: .systematic, ranks: leaders),
      PastSession(
        start: cal.near(cal.at(6, 1), 28), days: 28, kind: .systematic, ranks: RankMask(.county), tags: .young),
      PastSession(start: cal.near(cal.at(5, 1), 21), days: 21, kind: .systematic, tags: .townshipHead),
      PastSession(start: cal.near(cal.at(11, 1), 21), days: 21, kind: .systematic, tags: .townshipHead),
      PastSession(start: cal.near(cal.at(7, 1), 21), days: 21, kind: .systematic, ranks: RankMask(.section)),
    ]
    for d in cal.spread(6, 5, open, close, rng: &rng) {
      out.append(PastSession(start: d, days: 5, kind: .professional, theme: PastYear.theme(&rng), ranks: leaders))
    }
    for d in cal.spread(2, 5, open, close, rng: &rng) {
      out.append(PastSession(start: d, days: 5, kind: .professional, theme: PastYear.theme(&rng), ranks: junior))
    }
    for m in [5, 8, 11] {
      out.append(
        PastSession(start: cal.near(cal.at(m, 8), 5), days: 5, kind: .appointment, ranks: RankMask(.county, .section)))
    }
    for m in [7, 12] {
      out.append(PastSession(start: cal.near(cal.at(m, 1), 7), days: 7, kind: .initial, ranks: RankMask(.staff)))
    }
    out.append(PastSession(start: cal.near(open, 5), days: 5, kind: .reading, ranks: leaders))
    let groups: [(TagSet, RankMask, InstitutionType)] = [
      (.nonParty, [], .partySchool), (.ethnicMinority, [], .cadreCollege), (.selectedGraduate, [], .partySchool),
      (.soe, RankMask(.county, .section), .partySchool), (.institution, RankMask(.county, .section), .partySchool),
      (.young, junior, .partySchool),
    ]
    for ((tags, ranks, type), d) in zip(groups, cal.spread(groups.count, 5, open, close, rng: &rng)) {
      out.append(PastSession(start: d, days: 5, kind: .special, type: type, ranks: ranks, tags: tags))
    }
    return out
  }

  /// A county party school's classes of a past year. Their professional
  /// classes never have the theme of the plan year's village secretaries'
  /// class (the layout's `villageSecretaryTheme`), when there is one.
  private func countySessions(_ cal: PastYear, rng: inout Xoshiro256) -> [PastSession] {
    var out: [PastSession] = []
    let (open, close) = (cal.open, cal.close)
    let junior = RankMask(.section, .staff)
    let grassroots: TagSet = .grassroots
    let reserved = preset.layout?.catalogue.villageSecretaryTheme.flatMap { id in
      Theme.all.firstIndex { $0.id == id }.map { UInt8($0 + 1) }
    }
    for d in cal.spread(2, 3, cal.at(7, 1), cal.at(11, 30), rng: &rng) {
      out.append(PastSession(start: d, days: 3, kind: .rotation, ranks: junior, tags: grassroots))
    }
    for d in cal.spread(3, 5, open, close, rng: &rng) {
      let theme = reserved.map { PastYear.theme(&rng, except: $0) } ?? PastYear.theme(&rng)
      out.append(PastSession(start: d, days: 5, kind: .professional, theme: theme, ranks: junior))
    }
    for m in [5, 10] {
      out.append(PastSession(start: cal.near(cal.at(m, 8), 5), days: 5, kind: .appointment, ranks: RankMask(.section)))
    }
    for m in [7, 11] {
      out.append(PastSession(start: cal.near(cal.at(m, 1), 7), days: 7, kind: .initial, ranks: RankMask(.staff)))
    }
    for d in cal.spread(2, 5, open, close, rng: &rng) {
      out.append(PastSession(start: d, days: 5, kind: .special, tags: .villageSecretary))
    }
    let young = cal.spread(1, 5, open, close, rng: &rng)[0]
    out.append(PastSession(start: young, days: 5, kind: .special, ranks: junior, tags: .young))
    return out
  }

  /// Trainings early in the plan year: January rotation and professional
  /// classes before the Spring Festival; the provincial party school's
  /// spring systematic class, under way when the plan year's catalogue begins.
  func earlySessions(_ school: Int, _ schools: Schools, rng: inout Xoshiro256) -> [PastSession] {
    guard school <= schools.regions else { return [] }
    var out: [PastSession] = []
    let jan = Day(year: year, month: 1, day: 2)!
    let festival = TrainingCalendar.blackout(year)[0].first.advanced(by: -1)
    let leaders = RankMask(.bureau, .county)
    for d in TrainingCalendar.starts(days: 4, from: jan, to: festival).prefix(2) {
      out.append(PastSession(start: d.ordinal, days: 4, kind: .rotation, ranks: leaders))
    }
    if let d = TrainingCalendar.starts(days: 5, from: jan, to: festival).dropFirst().first {
      let theme = UInt8(1 + rng.below(UInt64(Theme.all.count)))
      out.append(
        PastSession(start: d.ordinal, days: 5, kind: .professional, theme: theme, type: .cadreCollege, ranks: leaders))
    }
    if school == Schools.province {
      let after = TrainingCalendar.afterFestival(year)
      if let d = TrainingCalendar.starts(days: 56, from: after, to: Day(year: year, month: 12, day: 31)!).first {
        out.append(PastSession(start: d.ordinal, days: 56, kind: .systematic, ranks: leaders))
      }
    }
    return out
  }
}

/// The sessions of every school, year and kind in one array: those of a
/// school, year and kind are one range of it.
struct SessionTable {
  var sessions: [PastSession] = []
  var ranges: [Range<Int>] = []
  /// The first year of history, and the years before the plan year.
  let first: Int
  let years: Int

  /// The sessions of `school` in year `y` of `kind`.
  func list(_ school: Int, _ y: Int, _ kind: ClassKind) -> Range<Int> {
    ranges[(school * (years + 1) + (y - first)) * ClassKind.allCases.count + ClassKindIndex.of(kind)]
  }
}

/// The days of a past year's classes: from two weeks after the Spring
/// Festival to 20 December, Mondays near a given day.
struct PastYear {
  let year: Int
  let open: Day
  let close: Day
  let june: Day

  init(_ y: Int) {
    year = y
    open = TrainingCalendar.afterFestival(y).advanced(by: 14)
    close = Day(year: y, month: 12, day: 20)!
    june = Day(year: y, month: 6, day: 30)!
  }

  /// Day `d` of month `m` of the year.
  func at(_ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }

  /// The first start of a class of `days` days from `day` (or `day` itself).
  func near(_ day: Day, _ days: Int) -> Int32 {
    (TrainingCalendar.starts(days: days, from: day, to: close).first ?? day).ordinal
  }

  /// `n` starts of classes of `days` days spread over `from ... to`.
  func spread(_ n: Int, _ days: Int, _ from: Day, _ to: Day, rng: inout Xoshiro256) -> [Int32] {
    TrainingCalendar.spread(n, days: days, from: from, to: to, rng: &rng).map(\.ordinal)
  }

  /// A random theme (1-based index into `Theme.all`).
  static func theme(_ rng: inout Xoshiro256) -> UInt8 { UInt8(1 + rng.below(UInt64(Theme.all.count))) }

  /// A random theme other than `excluded` (1-based indices into `Theme.all`).
  static func theme(_ rng: inout Xoshiro256, except excluded: UInt8) -> UInt8 {
    let t = UInt8(1 + rng.below(UInt64(Theme.all.count - 1)))
    return t >= excluded ? t + 1 : t
  }
}

/// The cadre whose history is being placed, and what the steps need to know of it.
struct Placing {
  let index: Int32
  let cadre: CadreRow
  let unit: Int
  /// The school that trains the cadre, and the city's (the province's above the cities).
  let home: Int
  let city: Int
  let principal: Bool
  /// Bureau or county level.
  let leader: Bool
  let grassroots: Bool
  /// Year of appointment; `Int.min` when none.
  let appointedYear: Int
  /// Where the cadre's unit's row of the away table starts, less the first day's ordinal.
  let rowBase: Int

  init(_ index: Int32, _ cadre: CadreRow, _ org: RegionalOrganization, _ schools: Schools, rowBase: Int) {
    self.index = index
    self.cadre = cadre
    unit = Int(cadre.unit)
    let u = org.units[unit]
    home = schools.home(cadre.rank, u)
    city = u.region >= 0 ? schools.city(u.region) : Schools.province
    principal = cadre.leadership == .principal
    leader = cadre.rank == .bureau || cadre.rank == .county
    grassroots = cadre.tags.contains(.grassroots)
    appointedYear = cadre.appointed == CadreRow.none ? Int.min : Day(ordinal: cadre.appointed).year
    self.rowBase = rowBase
  }
}

/// What the regional history builder has placed so far: the unit × day
/// table of who is away (count in the low seven bits, the top bit when a
/// principal is among them), the rows of the cadre being placed, the rows,
/// ranges and demand of the cadres before it, and the two streams.
struct RegionalHistoryState {
  let sessions: SessionTable
  let limit: [UInt8]
  /// Ordinal of the first day of history, and days up to the end of the plan year.
  let base: Int
  let dayCount: Int
  var table: [UInt8]
  var rng: Xoshiro256
  var awayRng: Xoshiro256
  var records: [HistoryRow] = []
  var history: [HistoryRow] = []
  var away: [AwayRow] = []
  var demand: [SchoolDemand]

  init(sessions: SessionTable, limit: [UInt8], units: Int, first: Int, year: Int, seed: UInt64, schools: Int) {
    self.sessions = sessions
    self.limit = limit
    base = Int(Day(year: first, month: 1, day: 1)!.ordinal)
    dayCount = Int(Day(year: year, month: 12, day: 31)!.ordinal) - base + 1
    table = [UInt8](repeating: 0, count: units * dayCount)
    rng = Xoshiro256(seed: seed, stream: "regional-history")
    awayRng = Xoshiro256(seed: seed, stream: "regional-unavailable")
    records.reserveCapacity(32)
    demand = Array(repeating: SchoolDemand(), count: schools)
  }

  /// Where unit `u`'s row of the table starts, less the first day's ordinal.
  func rowBase(_ u: Int) -> Int { u * dayCount - base }

  /// Session `s` keeps every rule for the cadre: no overlap, one class of a
  /// kind a year, at most three a year, no theme twice in five years, the
  /// unit's release limit, not away with another principal.
  func fits(_ s: PastSession, _ p: Placing) -> Bool {
    let last = s.start + Int32(s.days) - 1
    let y = Day(ordinal: s.start).year
    var sameYear = 0
    for h in records {
      if h.first <= last && s.start <= h.last { return false }
      let hy = h.year
      if hy == y {
        sameYear += 1
        if h.kind == s.kind, s.kind.isOncePerYear { return false }
      }
      if s.theme != 0, h.theme == s.theme, abs(hy - y) < 5 { return false }
    }
    if sameYear >= 3 { return false }
    let l = limit[p.unit]
    for d in Int(s.start)...Int(last) {
      let v = table[p.rowBase + d]
      if v & 0x7F >= l || (p.principal && v & 0x80 != 0) { return false }
    }
    return true
  }

  /// Adds session `s` to the cadre's rows and the unit's days away.
  mutating func add(_ s: PastSession, _ p: Placing) {
    records.append(
      HistoryRow(cadre: p.index, start: s.start, days: s.days, kind: s.kind, theme: s.theme, type: s.type))
    for d in Int(s.start)...Int(s.start + Int32(s.days) - 1) {
      table[p.rowBase + d] = (table[p.rowBase + d] + 1) | (p.principal ? 0x80 : 0)
    }
  }

  /// Places the cadre in the first session of `range` (from a random
  /// offset) that starts after `after`, admits it and keeps every rule.
  @discardableResult
  mutating func place(_ range: Range<Int>, _ p: Placing, after: Int32 = Int32.min) -> Bool {
    guard !range.isEmpty else { return false }
    let n = range.count
    let offset = Int(rng.below(UInt64(n)))
    for i in 0..<n {
      let s = sessions.sessions[range.lowerBound + (offset + i) % n]
      if s.start > after, s.admits(p.cadre), fits(s, p) {
        add(s, p)
        return true
      }
    }
    return false
  }

  /// The last year the cadre had a class of `kind` of at least `minDays` days (`Int.min` if none).
  func lastYear(_ kind: ClassKind, minDays: Int = 0) -> Int {
    var last = Int.min
    for h in records where h.kind == kind && Int(h.days) >= minDays { last = max(last, h.year) }
    return last
  }
}

/// The position of a class kind in `ClassKind.allCases`, without a search.
enum ClassKindIndex {
  static func of(_ k: ClassKind) -> Int {
    switch k {
    case .rotation: 0
    case .systematic: 1
    case .professional: 2
    case .reading: 3
    case .appointment: 4
    case .initial: 5
    case .special: 6
    case .online: 7
    }
  }
}
