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

  func build(_ org: RegionalOrganization) -> Result {
    let schools = Schools(regions: org.prefectures.count, counties: org.counties.count)
    let first = min(preset.historyStartYear, year - 1)
    let years = year - first
    let base = Day(year: first, month: 1, day: 1)!.ordinal
    let dayCount = Int(Day(year: year, month: 12, day: 31)!.ordinal - base + 1)

    // Sessions per school, year and kind (the plan year holds the early sessions).
    var sessions: [PastSession] = []
    var ranges: [Range<Int>] = []
    let kinds = ClassKind.allCases.count
    for school in 0..<schools.count {
      for y in first...year {
        var rng = Xoshiro256(seed: seed, stream: "regional-sessions-\(school)-\(y)")
        let list = y == year ? earlySessions(school, schools, rng: &rng) : pastSessions(school, schools, y, rng: &rng)
        for k in ClassKind.allCases {
          let from = sessions.count
          sessions += list.filter { $0.kind == k }
          ranges.append(from..<sessions.count)
        }
      }
    }
    func list(_ school: Int, _ y: Int, _ kind: ClassKind) -> Range<Int> {
      ranges[(school * (years + 1) + (y - first)) * kinds + ClassKindIndex.of(kind)]
    }

    // Release limits with the policy's defaults; the unit × day table of who is away.
    let release = ReleaseRule(info: RuleInfo(id: "release-limit", type: "release"))
    let limit: [UInt8] = org.units.indices.map { u in
      let n = Int(org.unitStart[u + 1] - org.unitStart[u])
      let l = org.units[u].unit.releaseLimit(
        defaultMaxAway: release.maxAway, defaultShare: release.maxAwayShare, cadresInUnit: n)
      return UInt8(min(127, l))
    }
    var table = [UInt8](repeating: 0, count: org.units.count * dayCount)

    var rng = Xoshiro256(seed: seed, stream: "regional-history")
    var awayRng = Xoshiro256(seed: seed, stream: "regional-unavailable")
    var history: [HistoryRow] = []
    history.reserveCapacity(org.cadres.count * 4)
    var away: [AwayRow] = []
    var demand = Array(repeating: SchoolDemand(), count: schools.count)
    var records: [HistoryRow] = []
    records.reserveCapacity(32)
    let shares = preset.shares
    let festivalEnd = TrainingCalendar.afterFestival(year)
    let novemberEnd = Day(year: year, month: 11, day: 30)!

    for c in org.cadres.indices {
      let cadre = org.cadres[c]
      let u = Int(cadre.unit)
      let unit = org.units[u]
      let home = schools.home(cadre.rank, unit)
      let city = unit.region >= 0 ? schools.city(unit.region) : Schools.province
      let principal = cadre.leadership == .principal
      let rowBase = u * dayCount - Int(base)
      let leader = cadre.rank == .bureau || cadre.rank == .county
      records.removeAll(keepingCapacity: true)

      func fits(_ s: PastSession) -> Bool {
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
        let l = limit[u]
        for d in Int(s.start)...Int(last) {
          let v = table[rowBase + d]
          if v & 0x7F >= l || (principal && v & 0x80 != 0) { return false }
        }
        return true
      }
      func add(_ s: PastSession) {
        records.append(
          HistoryRow(cadre: Int32(c), start: s.start, days: s.days, kind: s.kind, theme: s.theme, type: s.type))
        for d in Int(s.start)...Int(s.start + Int32(s.days) - 1) {
          table[rowBase + d] = (table[rowBase + d] + 1) | (principal ? 0x80 : 0)
        }
      }
      /// Places the cadre in the first session of `range` (from a random
      /// offset) that admits it and keeps every rule.
      @discardableResult
      func place(_ range: Range<Int>, after: Int32 = Int32.min) -> Bool {
        guard !range.isEmpty else { return false }
        let n = range.count
        let offset = Int(rng.below(UInt64(n)))
        for i in 0..<n {
          let s = sessions[range.lowerBound + (offset + i) % n]
          if s.start > after, s.admits(cadre), fits(s) {
            add(s)
            return true
          }
        }
        return false
      }

      func lastYear(_ kind: ClassKind, minDays: Int = 0) -> Int {
        var last = Int.min
        for h in records where h.kind == kind && Int(h.days) >= minDays { last = max(last, h.year) }
        return last
      }

      let lastSystematic = lastSystematicYear(cadre, first: first, rng: &rng)
      let every = cadre.tags.contains(.cityCountyTeam) ? 3 : 5
      let systematicSchool = cadre.tags.contains(.townshipHead) ? city : home
      let appointedYear = cadre.appointed == CadreRow.none ? Int.min : Day(ordinal: cadre.appointed).year
      let grassroots = cadre.tags.contains(.grassroots)
      for y in first..<year {
        if let last = lastSystematic, y == last || (y < last && (last - y) % every == 0 && rng.chance(0.5)) {
          place(list(systematicSchool, y, .systematic))
        }
        if leader, rng.chance(0.85) {
          place(list(home, y, .rotation))
        } else if grassroots, cadre.rank >= .section, rng.chance(0.3) {
          place(list(home, y, .rotation))
        }
        if appointedYear == y {
          if cadre.rank == .staff, rng.chance(0.9) {
            place(list(home, y, .initial), after: cadre.appointed)
          } else if cadre.rank == .county || cadre.rank == .section, rng.chance(0.85) {
            place(list(home, y, .appointment), after: cadre.appointed)
          }
        }
        let p: Double
        switch cadre.rank {
        case .provincial, .bureau, .county: p = 0.7
        case .section: p = 0.35
        case .staff: p = 0.2
        }
        if rng.chance(p) { place(list(home, y, .professional)) }
        if principal, leader, rng.chance(0.3) { place(list(home, y, .reading)) }
        if rng.chance(cadre.tags.contains(.villageSecretary) ? 0.4 : 0.25) { place(list(home, y, .special)) }
      }
      // Early in the plan year: January rotation or professional classes;
      // a provincial systematic class from right after the Spring Festival.
      if leader {
        if rng.chance(0.04) { place(list(home, year, .rotation)) }
        if rng.chance(0.015) { place(list(home, year, .professional)) }
        let dueSystematic = lastYear(.systematic, minDays: 5) <= year - 5
        if dueSystematic, rng.chance(0.01) { place(list(Schools.province, year, .systematic)) }
      }

      // Unavailable ranges of the plan year, clear of the cadre's own trainings.
      if awayRng.chance(shares.unavailable) {
        let count = awayRng.chance(0.12) ? 2 : 1
        var taken: [DayRange] = records.filter { $0.year == year }.map {
          DayRange(first: Day(ordinal: $0.first), last: Day(ordinal: $0.last))
        }
        var mine: [DayRange] = []
        for _ in 0..<count {
          for _ in 0..<6 {
            let start = randomDay(from: festivalEnd, to: novemberEnd, rng: &awayRng)
            let r = DayRange(start: start, days: awayRng.int(in: 10...45))
            if !taken.contains(where: { $0.overlaps(r) }), r.last.year == year {
              mine.append(r)
              taken.append(r)
              break
            }
          }
        }
        mine.sort { $0.first < $1.first }
        for r in mine { away.append(AwayRow(cadre: Int32(c), first: r.first.ordinal, last: r.last.ordinal)) }
      }

      records.sort { ($0.start, ClassKindIndex.of($0.kind)) < ($1.start, ClassKindIndex.of($1.kind)) }
      history += records

      // The plan year's due obligations (ReferenceRules), by the school that trains them.
      let y = year
      if leader {
        var d = demand[home]
        let bureau = cadre.rank == .bureau ? 1 : 0
        if lastYear(.rotation) <= y - 1 {
          d.rotation += 1
          d.rotationBureau += bureau
        }
        if lastYear(.professional) <= y - 1 {
          d.professional += 1
          d.professionalBureau += bureau
        }
        let team = cadre.tags.contains(.cityCountyTeam) && lastYear(.systematic) <= y - 3
        if team || lastYear(.systematic, minDays: 5) <= y - 5 {
          d.systematic += 1
          d.systematicBureau += bureau
          if cadre.rank == .county, cadre.tags.contains(.young) { d.systematicYoung += 1 }
        }
        d.leaders += 1
        if principal { d.principals += 1 }
        demand[home] = d
      }
      if cadre.tags.contains(.townshipHead), lastYear(.systematic) <= y - 5 { demand[city].township += 1 }
      if appointedYear == y {
        if cadre.rank == .county, lastYear(.appointment) <= y - 1 { demand[home].appointmentCounty += 1 }
        if cadre.rank == .section, lastYear(.appointment) <= y - 1 { demand[home].appointmentSection += 1 }
        if cadre.rank == .staff, cadre.tags.contains(.newAppointee), lastYear(.initial) <= y - 1 {
          demand[home].initial += 1
        }
      }
      if cadre.rank >= .section {
        var d = demand[home]
        d.sectionAndStaff += 1
        if grassroots { d.grassroots += 1 }
        if cadre.tags.contains(.villageSecretary) { d.villageSecretaries += 1 }
        if cadre.tags.contains(.young) { d.youngJunior += 1 }
        demand[home] = d
      }
      var d = demand[home]
      if cadre.nonParty { d.nonParty += 1 }
      if cadre.tags.contains(.ethnicMinority) { d.minority += 1 }
      if cadre.tags.contains(.selectedGraduate) { d.selectedGraduates += 1 }
      if cadre.tags.contains(.soe) { d.soe += 1 }
      if cadre.tags.contains(.institution) { d.institution += 1 }
      demand[home] = d
    }
    return Result(history: history, away: away, demand: demand)
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

  /// The classes of a school in a past year.
  func pastSessions(_ school: Int, _ schools: Schools, _ y: Int, rng: inout Xoshiro256) -> [PastSession] {
    var out: [PastSession] = []
    let open = TrainingCalendar.afterFestival(y).advanced(by: 14)
    let close = Day(year: y, month: 12, day: 20)!
    let june = Day(year: y, month: 6, day: 30)!
    func at(_ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    func near(_ day: Day, _ days: Int) -> Int32 {
      (TrainingCalendar.starts(days: days, from: day, to: close).first ?? day).ordinal
    }
    func spread(_ n: Int, _ days: Int, _ from: Day, _ to: Day) -> [Int32] {
      TrainingCalendar.spread(n, days: days, from: from, to: to, rng: &rng).map(\.ordinal)
    }
    func theme() -> UInt8 { UInt8(1 + rng.below(UInt64(Theme.all.count))) }
    let leaders = RankMask(.bureau, .county)
    let junior = RankMask(.section, .staff)
    if school == Schools.province {
      for d in spread(6, 4, open, june) { out.append(PastSession(start: d, days: 4, kind: .rotation, ranks: leaders)) }
      out += [
        PastSession(start: near(at(3, 1), 56), days: 56, kind: .systematic, ranks: RankMask(.bureau)),
        PastSession(start: near(at(9, 1), 56), days: 56, kind: .systematic, ranks: RankMask(.bureau)),
        PastSession(start: near(at(4, 1), 35), days: 35, kind: .systematic, ranks: leaders),
        PastSession(start: near(at(10, 10), 28), days: 28, kind: .systematic, ranks: RankMask(.county)),
        PastSession(start: near(at(7, 1), 21), days: 21, kind: .systematic, ranks: RankMask(.section)),
      ]
      for d in spread(8, 5, open, close) {
        let type: InstitutionType = rng.pick([.cadreCollege, .university, .partySchool])!
        out.append(PastSession(start: d, days: 5, kind: .professional, theme: theme(), type: type, ranks: leaders))
      }
      for d in spread(2, 5, open, close) {
        out.append(PastSession(start: d, days: 5, kind: .professional, theme: theme(), ranks: junior))
      }
      for m in [5, 7, 9, 11] {
        out.append(PastSession(start: near(at(m, 8), 5), days: 5, kind: .appointment, ranks: RankMask(.county, .section)))
      }
      for m in [7, 12] { out.append(PastSession(start: near(at(m, 1), 7), days: 7, kind: .initial, ranks: RankMask(.staff))) }
      out.append(PastSession(start: near(open, 5), days: 5, kind: .reading, ranks: RankMask(.bureau)))
      out += [
        PastSession(start: near(at(4, 20), 5), days: 5, kind: .special, tags: .nonParty),
        PastSession(start: near(at(6, 20), 5), days: 5, kind: .special, type: .cadreCollege, tags: .ethnicMinority),
        PastSession(start: near(at(9, 15), 5), days: 5, kind: .special, tags: .selectedGraduate),
      ]
    } else if school <= schools.regions {
      for d in spread(8, 4, open, june) { out.append(PastSession(start: d, days: 4, kind: .rotation, ranks: leaders)) }
      out += [
        PastSession(start: near(at(3, 15), 35), days: 35, kind: .systematic, ranks: RankMask(.county)),
        PastSession(start: near(at(9, 1), 28), days: 28, kind: .systematic, ranks: RankMask(.county)),
        PastSession(start: near(at(10, 10), 35), days: 35, kind: .systematic, ranks: leaders),
        PastSession(start: near(at(6, 1), 28), days: 28, kind: .systematic, ranks: RankMask(.county), tags: .young),
        PastSession(start: near(at(5, 1), 21), days: 21, kind: .systematic, tags: .townshipHead),
        PastSession(start: near(at(11, 1), 21), days: 21, kind: .systematic, tags: .townshipHead),
        PastSession(start: near(at(7, 1), 21), days: 21, kind: .systematic, ranks: RankMask(.section)),
      ]
      for d in spread(6, 5, open, close) {
        out.append(PastSession(start: d, days: 5, kind: .professional, theme: theme(), ranks: leaders))
      }
      for d in spread(2, 5, open, close) {
        out.append(PastSession(start: d, days: 5, kind: .professional, theme: theme(), ranks: junior))
      }
      for m in [5, 8, 11] {
        out.append(PastSession(start: near(at(m, 8), 5), days: 5, kind: .appointment, ranks: RankMask(.county, .section)))
      }
      for m in [7, 12] { out.append(PastSession(start: near(at(m, 1), 7), days: 7, kind: .initial, ranks: RankMask(.staff))) }
      out.append(PastSession(start: near(open, 5), days: 5, kind: .reading, ranks: leaders))
      let groups: [(TagSet, RankMask, InstitutionType)] = [
        (.nonParty, [], .partySchool), (.ethnicMinority, [], .cadreCollege), (.selectedGraduate, [], .partySchool),
        (.soe, RankMask(.county, .section), .partySchool), (.institution, RankMask(.county, .section), .partySchool),
        (.young, junior, .partySchool),
      ]
      for ((tags, ranks, type), d) in zip(groups, spread(groups.count, 5, open, close)) {
        out.append(PastSession(start: d, days: 5, kind: .special, type: type, ranks: ranks, tags: tags))
      }
    } else {
      let grassroots: TagSet = .grassroots
      for d in spread(2, 3, at(7, 1), at(11, 30)) {
        out.append(PastSession(start: d, days: 3, kind: .rotation, ranks: junior, tags: grassroots))
      }
      for d in spread(3, 5, open, close) {
        out.append(PastSession(start: d, days: 5, kind: .professional, theme: theme(), ranks: junior))
      }
      for m in [5, 10] {
        out.append(PastSession(start: near(at(m, 8), 5), days: 5, kind: .appointment, ranks: RankMask(.section)))
      }
      for m in [7, 11] { out.append(PastSession(start: near(at(m, 1), 7), days: 7, kind: .initial, ranks: RankMask(.staff))) }
      for d in spread(2, 5, open, close) {
        out.append(PastSession(start: d, days: 5, kind: .special, tags: .villageSecretary))
      }
      out.append(PastSession(start: spread(1, 5, open, close)[0], days: 5, kind: .special, ranks: junior, tags: .young))
    }
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
