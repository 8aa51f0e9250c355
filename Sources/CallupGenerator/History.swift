import CallupDomain

/// Who is away when: the trainings placed so far, checked against the hard
/// rules a plan must keep, so that history itself never breaks them (no
/// overlap, one class of a kind a year, at most three a year, no theme twice
/// within five years, the units' release limits, principals not away together).
struct Occupancy {
  private(set) var records: [[HistoryRecord]]
  private var unitAway: [[Int32: Int]]
  private var principalAway: [[Int32: Bool]]
  let unitOf: [Int]
  let limit: [Int]
  let principal: [Bool]
  static let maxPerYear = 3
  static let themeYears = 5

  init(cadres: [Cadre], units: [Unit], unitIndex: [UnitID: Int]) {
    records = Array(repeating: [], count: cadres.count)
    unitAway = Array(repeating: [:], count: units.count)
    principalAway = Array(repeating: [:], count: units.count)
    unitOf = cadres.map { unitIndex[$0.unit] ?? 0 }
    var perUnit = Array(repeating: 0, count: units.count)
    for u in unitOf { perUnit[u] += 1 }
    let release = ReleaseRule(info: RuleInfo(id: "release-limit", type: "release"))
    limit = units.indices.map {
      units[$0].releaseLimit(
        defaultMaxAway: release.maxAway, defaultShare: release.maxAwayShare, cadresInUnit: perUnit[$0])
    }
    principal = cadres.map(\.isPrincipal)
  }

  /// The training can be added for cadre `c` without breaking a hard rule.
  func fits(_ c: Int, _ r: HistoryRecord) -> Bool {
    let span = r.span
    var sameYear = 0
    for h in records[c] {
      if h.span.overlaps(span) { return false }
      if h.year == r.year {
        if h.kind.isOffTheJob { sameYear += 1 }
        if h.kind == r.kind, r.kind.isOncePerYear { return false }
      }
      if !r.theme.isEmpty, h.theme == r.theme, abs(h.year - r.year) < Occupancy.themeYears { return false }
    }
    guard r.kind.isOffTheJob else { return true }
    if sameYear >= Occupancy.maxPerYear { return false }
    let u = unitOf[c]
    for d in span.first.ordinal...span.last.ordinal {
      if unitAway[u][d, default: 0] >= limit[u] { return false }
      if principal[c], principalAway[u][d] == true { return false }
    }
    return true
  }

  mutating func add(_ c: Int, _ r: HistoryRecord) {
    records[c].append(r)
    guard r.kind.isOffTheJob else { return }
    let u = unitOf[c]
    for d in r.span.first.ordinal...r.span.last.ordinal {
      unitAway[u][d, default: 0] += 1
      if principal[c] { principalAway[u][d] = true }
    }
  }

  /// Adds the first session (in the given order) that fits; false if none does.
  @discardableResult
  mutating func place(_ c: Int, cadre: CadreID, in sessions: [Session]) -> Bool {
    for s in sessions {
      let r = s.record(for: cadre)
      if fits(c, r) {
        add(c, r)
        return true
      }
    }
    return false
  }
}

/// A past class: what a history row of one of its attendees says.
struct Session {
  var kind: ClassKind
  var theme: String = ""
  var institutionType: InstitutionType
  var start: Day
  var days: Int
  /// Who could attend.
  var ranks: Set<Rank> = []
  var tags: Set<String> = []

  func admits(_ c: Cadre) -> Bool {
    (ranks.isEmpty || ranks.contains(c.rank)) && (tags.isEmpty || !tags.isDisjoint(with: c.tags))
  }

  func record(for cadre: CadreID) -> HistoryRecord {
    HistoryRecord(
      cadre: cadre, kind: kind, theme: theme, institutionType: institutionType, start: start, days: days,
      hours: classHours(days: days))
  }
}

/// Builds history.csv: the trainings of the years before the plan year and
/// a few at the start of the plan year, then the plan year's unavailable
/// ranges (which never overlap the cadre's own trainings).
struct HistoryBuilder {
  let preset: GeneratorPreset
  let seed: UInt64
  let year: Int

  /// The history, in four steps drawing from one stream (`history`): (1)
  /// each cadre's last systematic year, (2) the past years' trainings, year
  /// by year and kind by kind, (3) the start of the plan year; then (4) the
  /// unavailable ranges (stream `unavailable`).
  func build(cadres: inout [Cadre], units: [Unit]) -> [HistoryRecord] {
    let unitIndex = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var occ = Occupancy(cadres: cadres, units: units, unitIndex: unitIndex)
    var rng = Xoshiro256(seed: seed, stream: "history")
    let first = min(preset.historyStartYear, year - 1)

    // The year of each cadre's latest systematic training (nil = never).
    let lastSystematic = cadres.map { lastSystematicYear($0, first: first, rng: &rng) }
    for y in first..<year { placeYear(y, cadres, lastSystematic: lastSystematic, &occ, rng: &rng) }
    placeEarly(cadres, &occ, rng: &rng)
    drawUnavailable(&cadres, occ)

    var all: [HistoryRecord] = []
    for rs in occ.records { all += rs.sorted { ($0.start, $0.kind) < ($1.start, $1.kind) } }
    return all
  }

  /// The trainings of past year `y`, kind by kind over all cadres: the long
  /// systematic classes first (they are the hardest to fit), then rotation,
  /// initial and appointment training, professional, reading and special classes.
  private func placeYear(
    _ y: Int, _ cadres: [Cadre], lastSystematic: [Int?], _ occ: inout Occupancy, rng: inout Xoshiro256
  ) {
    let sessions = sessionsOf(year: y, rng: &rng)
    for (c, cadre) in cadres.enumerated() {
      guard let last = lastSystematic[c] else { continue }
      let every = cadre.tags.contains("city-county-team") ? 3 : 5
      let wanted = y == last || (y < last && (last - y) % every == 0 && rng.chance(0.5))
      if wanted { occ.place(c, cadre: cadre.id, in: rng.shuffled(sessions.systematic.filter { $0.admits(cadre) })) }
    }
    for (c, cadre) in cadres.enumerated() where cadre.rank <= .county && rng.chance(0.85) {
      occ.place(c, cadre: cadre.id, in: rng.shuffled(sessions.rotation))
    }
    for (c, cadre) in cadres.enumerated() {
      guard let a = cadre.appointed, a.year == y else { continue }
      if cadre.rank == .staff, rng.chance(0.9) {
        occ.place(c, cadre: cadre.id, in: rng.shuffled(sessions.initial.filter { $0.start > a }))
      } else if cadre.rank == .county || cadre.rank == .section, rng.chance(0.85) {
        let eligible = sessions.appointment.filter { $0.start > a && $0.admits(cadre) }
        occ.place(c, cadre: cadre.id, in: rng.shuffled(eligible))
      }
    }
    for (c, cadre) in cadres.enumerated() {
      let p: Double
      switch cadre.rank {
      case .provincial, .bureau, .county: p = 0.7
      case .section: p = 0.35
      case .staff: p = 0.2
      }
      if rng.chance(p) {
        occ.place(c, cadre: cadre.id, in: rng.shuffled(sessions.professional.filter { $0.admits(cadre) }))
      }
    }
    for (c, cadre) in cadres.enumerated() where cadre.isPrincipal && cadre.rank <= .county && rng.chance(0.3) {
      occ.place(c, cadre: cadre.id, in: sessions.reading)
    }
    for (c, cadre) in cadres.enumerated() {
      let eligible = sessions.special.filter { $0.admits(cadre) }
      if !eligible.isEmpty, rng.chance(0.25) { occ.place(c, cadre: cadre.id, in: rng.shuffled(eligible)) }
    }
  }

  /// The start of the plan year: a few already had this year's rotation or
  /// a professional class in January; a few are at the provincial party
  /// school from right after the Spring Festival (away while the plan starts).
  private func placeEarly(_ cadres: [Cadre], _ occ: inout Occupancy, rng: inout Xoshiro256) {
    let early = earlySessions(rng: &rng)
    for (c, cadre) in cadres.enumerated() where cadre.rank <= .county {
      if rng.chance(0.04) { occ.place(c, cadre: cadre.id, in: rng.shuffled(early.rotation)) }
      if rng.chance(0.015) { occ.place(c, cadre: cadre.id, in: early.professional) }
      if ReferenceRules.isDue(ReferenceRules.systematicLeaders, cadre, history: occ.records[c], year: year),
        rng.chance(0.05)
      {
        occ.place(c, cadre: cadre.id, in: early.systematic)
      }
    }
  }

  /// Unavailable ranges of the plan year (illness, a mission, a
  /// secondment), clear of the cadre's own trainings.
  private func drawUnavailable(_ cadres: inout [Cadre], _ occ: Occupancy) {
    var away = Xoshiro256(seed: seed, stream: "unavailable")
    let from = TrainingCalendar.afterFestival(year)
    let to = Day(year: year, month: 11, day: 30)!
    for c in cadres.indices where away.chance(preset.shares.unavailable) {
      let ranges = away.chance(0.12) ? 2 : 1
      var taken = occ.records[c].filter { $0.year == year }.map(\.span)
      for _ in 0..<ranges {
        for _ in 0..<6 {
          let start = randomDay(from: from, to: to, rng: &away)
          let r = DayRange(start: start, days: away.int(in: 10...45))
          if !taken.contains(where: { $0.overlaps(r) }), r.last.year == year {
            cadres[c].unavailable.append(r)
            taken.append(r)
            break
          }
        }
      }
      cadres[c].unavailable.sort { $0.first < $1.first }
    }
  }

  /// When the cadre last had systematic training: city/county team members
  /// on a 3-year cycle, other leaders and township heads on a 5-year cycle,
  /// with a tail that is overdue (none for six years or more).
  func lastSystematicYear(_ c: Cadre, first: Int, rng: inout Xoshiro256) -> Int? {
    // Weights for: never, first, first+1, …, year-1.
    let n = year - first
    var w: [Double]
    if c.tags.contains("city-county-team") {
      w = [0.01] + (0..<n).map { i in i >= n - 3 ? 0.28 : 0.03 }
    } else if c.rank <= .county {
      let never = c.tags.contains("young") && c.rank == .county ? 0.2 : 0.03
      w = [never] + (0..<n).map { i in i == 0 ? 0.06 : 0.17 }
    } else if c.tags.contains("township-head") {
      w = [0.05] + (0..<n).map { i in i == 0 ? 0.08 : 0.175 }
    } else {
      return rng.chance(0.1) ? rng.int(in: first...(year - 1)) : nil
    }
    guard let i = rng.weightedIndex(w), i > 0 else { return nil }
    return first + i - 1
  }

  struct YearSessions {
    var rotation: [Session] = []
    var systematic: [Session] = []
    var professional: [Session] = []
    var appointment: [Session] = []
    var initial: [Session] = []
    var reading: [Session] = []
    var special: [Session] = []
  }

  /// The classes of a past year.
  func sessionsOf(year y: Int, rng: inout Xoshiro256) -> YearSessions {
    var s = YearSessions()
    let open = TrainingCalendar.afterFestival(y).advanced(by: 14)
    let close = Day(year: y, month: 12, day: 20)!
    let leaders: Set<Rank> = [.bureau, .county]
    for d in TrainingCalendar.spread(10, days: 4, from: open, to: close, rng: &rng) {
      s.rotation.append(Session(kind: .rotation, institutionType: .partySchool, start: d, days: 4, ranks: leaders))
    }
    func at(_ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    func monday(near day: Day, days: Int) -> Day {
      TrainingCalendar.starts(days: days, from: day, to: close).first ?? day
    }
    s.systematic = [
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(3, 1), days: 56), days: 56,
        ranks: leaders),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(4, 1), days: 35), days: 35,
        ranks: leaders),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(9, 1), days: 28), days: 28,
        ranks: leaders),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(10, 10), days: 35), days: 35,
        ranks: leaders),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(6, 1), days: 28), days: 28,
        ranks: [.county], tags: ["young"]),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(5, 1), days: 21), days: 21,
        tags: ["township-head"]),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(11, 1), days: 21), days: 21,
        tags: ["township-head"]),
      Session(
        kind: .systematic, institutionType: .partySchool, start: monday(near: at(7, 1), days: 21), days: 21,
        ranks: [.section]),
    ]
    let themes = rng.shuffled(Theme.all).prefix(8)
    let pDays = TrainingCalendar.spread(themes.count, days: 5, from: open, to: close, rng: &rng)
    for (theme, d) in zip(themes, pDays) {
      let type: InstitutionType = rng.pick([.cadreCollege, .university, .partySchool])!
      s.professional.append(
        Session(kind: .professional, theme: theme.id, institutionType: type, start: d, days: 5, ranks: leaders))
    }
    for d in TrainingCalendar.spread(6, days: 5, from: open, to: close, rng: &rng) {
      let theme = rng.pick(Theme.all)!
      s.professional.append(
        Session(
          kind: .professional, theme: theme.id, institutionType: .partySchool, start: d, days: 5,
          ranks: [.section, .staff]))
    }
    for m in [5, 7, 9, 11] {
      s.appointment.append(
        Session(
          kind: .appointment, institutionType: .partySchool, start: monday(near: at(m, 8), days: 5), days: 5,
          ranks: [.county, .section]))
    }
    for m in [7, 12] {
      s.initial.append(
        Session(kind: .initial, institutionType: .partySchool, start: monday(near: at(m, 1), days: 7), days: 7))
    }
    s.reading = [
      Session(
        kind: .reading, institutionType: .partySchool, start: monday(near: open, days: 5), days: 5, ranks: leaders)
    ]
    s.special = [
      Session(
        kind: .special, institutionType: .partySchool, start: monday(near: at(4, 20), days: 5), days: 5,
        tags: ["non-party"]),
      Session(
        kind: .special, institutionType: .cadreCollege, start: monday(near: at(6, 20), days: 5), days: 5,
        tags: ["ethnic-minority"]),
      Session(
        kind: .special, institutionType: .partySchool, start: monday(near: at(9, 15), days: 5), days: 5,
        tags: ["selected-graduate"]),
    ]
    return s
  }

  /// Trainings at the start of the plan year (before its catalogue begins,
  /// or, for the provincial class, already under way when it begins).
  func earlySessions(rng: inout Xoshiro256) -> YearSessions {
    var s = YearSessions()
    let jan = Day(year: year, month: 1, day: 2)!
    let festival = TrainingCalendar.blackout(year)[0].first.advanced(by: -1)
    let leaders: Set<Rank> = [.bureau, .county]
    for d in TrainingCalendar.starts(days: 4, from: jan, to: festival).prefix(2) {
      s.rotation.append(Session(kind: .rotation, institutionType: .partySchool, start: d, days: 4, ranks: leaders))
    }
    if let d = TrainingCalendar.starts(days: 5, from: jan, to: festival).dropFirst().first {
      s.professional = [
        Session(
          kind: .professional, theme: rng.pick(Theme.all)!.id, institutionType: .cadreCollege, start: d, days: 5,
          ranks: leaders)
      ]
    }
    let after = TrainingCalendar.afterFestival(year)
    if let d = TrainingCalendar.starts(days: 56, from: after, to: Day(year: year, month: 12, day: 31)!).first {
      s.systematic = [Session(kind: .systematic, institutionType: .partySchool, start: d, days: 56, ranks: leaders)]
    }
    return s
  }
}
