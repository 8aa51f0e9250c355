import CallupDomain

/// Themes of professional classes: the id written in the files and the
/// Chinese title used in class names.
struct Theme: Sendable {
  var id: String
  var title: String

  static let all: [Theme] = [
    Theme(id: "rural-revitalization", title: "乡村振兴"),
    Theme(id: "ecological-protection", title: "生态环境保护"),
    Theme(id: "emergency-management", title: "应急管理和安全生产"),
    Theme(id: "digital-economy", title: "数字经济"),
    Theme(id: "grassroots-governance", title: "基层治理"),
    Theme(id: "risk-prevention", title: "防范化解重大风险"),
    Theme(id: "business-environment", title: "招商引资和营商环境"),
    Theme(id: "urban-renewal", title: "城市更新和规划建设"),
    Theme(id: "rule-of-law", title: "法治政府建设"),
    Theme(id: "fiscal-management", title: "财政和债务管理"),
    Theme(id: "innovation", title: "科技创新和新质生产力"),
    Theme(id: "ethnic-unity", title: "铸牢中华民族共同体意识"),
    Theme(id: "culture-tourism", title: "文旅融合发展"),
    Theme(id: "public-health", title: "公共卫生和健康"),
  ]
}

/// A class catalogue while it is drafted: the classes so far and the
/// stream that draws their seats and dates, in drafting order.
struct ClassSheet {
  var drafts: [CatalogBuilder.Draft] = []
  var rng: Xoshiro256
  let year: Int
  /// The first day after the Spring Festival and the last day for classes.
  let open: Day
  let close: Day
  /// Seats against due obligations (the preset's `capacityShare`).
  let capacityShare: ClosedRange<Double>

  init(seed: UInt64, stream: String, year: Int, capacityShare: ClosedRange<Double>) {
    rng = Xoshiro256(seed: seed, stream: stream)
    self.year = year
    open = TrainingCalendar.afterFestival(year)
    close = Day(year: year, month: 12, day: 26)!
    self.capacityShare = capacityShare
  }

  /// Day `d` of month `m` of the catalogue's year.
  func at(_ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }

  /// Seats for `due` obligations: a share drawn from `capacityShare`.
  mutating func seats(_ due: Int) -> Int { Int((Double(due) * rng.double(in: capacityShare)).rounded()) }

  /// `n` start days of classes of `days` days spread over `from ... to`
  /// (the whole catalogue year by default).
  mutating func dates(_ n: Int, days: Int, from: Day? = nil, to: Day? = nil) -> [Day] {
    TrainingCalendar.spread(n, days: days, from: from ?? open, to: to ?? close, rng: &rng)
  }

  /// The seats of the classes of `kind` drafted so far.
  func capacity(of kind: ClassKind) -> Int { drafts.filter { $0.kind == kind }.reduce(0) { $0 + $1.capacity } }
}

/// Builds the plan year's class catalogue from the demand it must meet.
///
/// For each cycle obligation the generator knows (ReferenceRules), the
/// classes that serve it get seats for a share (`capacityShare`, 90–95 %) of
/// the cadres due, so that a plan meets most obligations and leaves a few
/// unmet. Classes that serve no obligation (specials, classes for section
/// cadres) are sized from the groups they admit.
struct CatalogBuilder {
  let preset: GeneratorPreset
  let seed: UInt64
  let year: Int

  /// A class before its id and date are final.
  struct Draft {
    var name: String
    var institution: String
    var institutionType: InstitutionType
    var level: Level
    var region: String
    var kind: ClassKind
    var theme: String = ""
    var start: Day
    var days: Int
    var capacity: Int
    var ranks: Set<Rank> = []
    var tags: Set<String> = []
    /// Seats are bought from an institution above the city: small fixed cost.
    var quota = false
  }

  /// The catalogue, in three steps: (1) the provincial quotas, (2) per
  /// prefecture its classes for leaders, its professional classes, its
  /// classes for newcomers and its special classes, (3) the final form
  /// (`finished`). Every seat count and date is drawn from one stream
  /// (`catalogue`) in that order.
  func build(
    cadres: [Cadre], units: [Unit], history: [HistoryRecord], countiesUsed: [[CountySpec]]
  ) -> [TrainingClass] {
    var sheet = ClassSheet(seed: seed, stream: "catalogue", year: year, capacityShare: preset.capacityShare)
    let unitRegion = Dictionary(units.map { ($0.id, $0.region.rawValue) }, uniquingKeysWith: { a, _ in a })
    let byCadre = Dictionary(grouping: history, by: \.cadre)
    let provincial = addProvincialQuotas(dueCounts(cadres, byCadre), to: &sheet)

    // City-level classes of each prefecture. The provincial seats above are
    // subtracted from this prefecture's own demand, which is right for the
    // one-city preset only. Provincial classes shared between regions must be
    // sized against the province-wide due demand (the sum over every region)
    // and never subtracted again from each region's demand, or they would be
    // counted once per region: RegionalCatalogBuilder does so for the
    // big-city and province presets.
    for (p, pref) in preset.prefectures.enumerated() {
      let local = cadres.filter { unitRegion[$0.unit] == pref.region }
      let due = dueCounts(local, byCadre)
      let city = CitySchool(pref, year: year)
      addLeaderClasses(city, due, provincial, to: &sheet)
      addProfessionalClasses(city, due, provincial, counties: countiesUsed[p], to: &sheet)
      addNewcomerClasses(city, due, to: &sheet)
      addSpecialClasses(city, local, to: &sheet)
    }
    return finished(sheet.drafts)
  }

  /// The theme of the province's seminar (risk prevention), which the
  /// city's own professional classes for leaders leave out.
  static let seminarTheme = Theme.all[5]

  /// The provincial seats of the city's cadres, by kind of class.
  struct ProvincialSeats {
    var systematic: Int
    var rotation: Int
    var professional: Int
  }

  /// Provincial classes: quotas of 5–15 seats for the city's bureau and
  /// county leaders (rotation, the party school's three systematic classes,
  /// the seminar), returning the seats they take.
  private func addProvincialQuotas(_ allDue: Due, to sheet: inout ClassSheet) -> ProvincialSeats {
    let y = year
    let prov = preset.province
    let close = sheet.close
    let leaders: Set<Rank> = [.bureau, .county]
    if let d = sheet.dates(1, days: 5, from: sheet.at(4, 1), to: sheet.at(6, 30)).first {
      sheet.drafts.append(
        Draft(
          name: "\(y)年市厅级领导干部集中轮训班", institution: prov.partySchool, institutionType: .partySchool,
          level: .province, region: prov.region, kind: .rotation, start: d, days: 5,
          capacity: min(15, max(5, allDue.rotationBureau * 4 / 10)), ranks: [.bureau], quota: true))
    }
    let provincialSystematic: [(String, Set<Rank>, Int, Int, Day)] = [
      ("市厅级领导干部进修班", [.bureau], 56, min(15, max(5, allDue.systematicBureau * 6 / 10)), sheet.at(3, 1)),
      ("县处级领导干部进修班（春季）", [.county], 56, sheet.rng.int(in: 8...15), sheet.at(3, 15)),
      ("县处级领导干部进修班（秋季）", [.county], 56, sheet.rng.int(in: 8...15), sheet.at(9, 1)),
    ]
    for (name, ranks, days, cap, near) in provincialSystematic {
      if let d = TrainingCalendar.starts(days: days, from: near, to: close).first {
        sheet.drafts.append(
          Draft(
            name: "\(prov.partySchool)\(y)年\(name)", institution: prov.partySchool, institutionType: .partySchool,
            level: .province, region: prov.region, kind: .systematic, start: d, days: days, capacity: cap,
            ranks: ranks, quota: true))
      }
    }
    let systematic = sheet.capacity(of: .systematic)
    let rotation = sheet.capacity(of: .rotation)
    let seminarTheme = Self.seminarTheme
    if let d = sheet.dates(1, days: 5, from: sheet.at(5, 1), to: sheet.at(11, 30)).first {
      sheet.drafts.append(
        Draft(
          name: "\(y)年\(seminarTheme.title)专题研讨班", institution: prov.partySchool, institutionType: .partySchool,
          level: .province, region: prov.region, kind: .professional, theme: seminarTheme.id, start: d, days: 5,
          capacity: sheet.rng.int(in: 8...12), ranks: leaders, quota: true))
    }
    return ProvincialSeats(
      systematic: systematic, rotation: rotation, professional: sheet.capacity(of: .professional))
  }

  /// A prefecture's party school, where its classes are held unless one
  /// names another institution.
  struct CitySchool {
    let pref: PrefectureSpec
    let year: Int
    /// The city's name without 市, for class names.
    let stem: String
    let school: String

    init(_ pref: PrefectureSpec, year: Int) {
      self.pref = pref
      self.year = year
      stem = pref.name.hasSuffix("市") ? String(pref.name.dropLast()) : pref.name
      school = "中共\(pref.name)委党校"
    }

    /// A class of the city (at its party school unless `institution` is given).
    func draft(
      _ name: String, _ kind: ClassKind, start: Day, days: Int, capacity: Int, ranks: Set<Rank> = [],
      tags: Set<String> = [], theme: String = "", institution: String? = nil, type: InstitutionType = .partySchool,
      level: Level = .city, region: String? = nil
    ) -> Draft {
      Draft(
        name: name, institution: institution ?? school, institutionType: type, level: level,
        region: region ?? pref.region, kind: kind, theme: theme, start: start, days: days, capacity: capacity,
        ranks: ranks, tags: tags)
    }
  }

  /// The city's classes for county and bureau leaders: the spring reading
  /// classes, rotation in sessions of 3–5 days, and the systematic classes
  /// (young cadres', the main ones, township heads').
  private func addLeaderClasses(
    _ city: CitySchool, _ due: Due, _ provincial: ProvincialSeats, to sheet: inout ClassSheet
  ) {
    let y = year
    let leaders: Set<Rank> = [.bureau, .county]
    // Reading: the spring "first class" for heads (March to May), small.
    if let d = TrainingCalendar.starts(days: 5, from: sheet.at(3, 1), to: sheet.at(5, 31)).first {
      sheet.drafts.append(
        city.draft(
          "\(y)年全市领导干部读书班（开春第一班）", .reading, start: d, days: 5, capacity: sheet.rng.int(in: 30...40),
          ranks: leaders))
    }
    if let d = sheet.dates(1, days: 5, from: sheet.at(3, 15), to: sheet.at(4, 30)).first {
      sheet.drafts.append(
        city.draft(
          "\(y)年县（市、区）党政正职读书班", .reading, start: d, days: 5, capacity: sheet.rng.int(in: 25...35),
          ranks: [.county]))
    }

    // Rotation for county and bureau leaders: several sessions of 3–5 days.
    let rotationSeats = max(0, sheet.seats(due.rotation) - provincial.rotation)
    let rotationSizes = Self.split(rotationSeats, size: 45, minimum: 40)
    let rotationDates = sheet.dates(rotationSizes.count, days: 5)
    for (n, (cap, d)) in zip(rotationSizes, rotationDates).enumerated() {
      let days = sheet.rng.int(in: 3...5)
      sheet.drafts.append(
        city.draft("\(y)年全市县处级领导干部集中轮训第\(n + 1)期", .rotation, start: d, days: days, capacity: cap, ranks: leaders))
    }

    // Systematic: young cadres' class, then the city's main classes.
    let sysSeats = sheet.seats(due.systematic)
    let youngSeats = max(15, sheet.seats(due.systematicYoung))
    if let d = sheet.dates(1, days: 42, from: sheet.at(5, 1), to: sheet.at(9, 30)).first {
      sheet.drafts.append(
        city.draft(
          "\(city.stem)市\(y)年中青年干部培训班", .systematic, start: d, days: 42, capacity: youngSeats, ranks: [.county],
          tags: ["young"]))
    }
    let mainSizes = Self.split(max(0, sysSeats - youngSeats - provincial.systematic), size: 55, minimum: 30)
    let mainDates = sheet.dates(mainSizes.count, days: 42)
    for (n, (cap, d)) in zip(mainSizes, mainDates).enumerated() {
      let days = sheet.rng.pick([28, 35, 42])!
      sheet.drafts.append(
        city.draft(
          "\(city.school)\(y)年县处级领导干部进修班第\(n + 1)期", .systematic, start: d, days: days, capacity: cap,
          ranks: leaders))
    }
    let townSizes = Self.split(sheet.seats(due.township), size: 40, minimum: 8)
    let townDates = sheet.dates(townSizes.count, days: 21, from: sheet.at(4, 1))
    for (n, (cap, d)) in zip(townSizes, townDates).enumerated() {
      sheet.drafts.append(
        city.draft(
          "\(y)年乡镇（街道）党政正职履职能力提升进修班第\(n + 1)期", .systematic, start: d, days: 21, capacity: cap,
          ranks: [.section], tags: ["township-head"]))
    }
  }

  /// Professional classes: for leaders one theme each (not the provincial
  /// seminar's) at cadre colleges, universities and the party school; for
  /// section cadres the city's own three, one at each county party school,
  /// and each county's class for young cadres.
  private func addProfessionalClasses(
    _ city: CitySchool, _ due: Due, _ provincial: ProvincialSeats, counties: [CountySpec], to sheet: inout ClassSheet
  ) {
    let y = year
    let prov = preset.province
    let profSeats = max(0, sheet.seats(due.professional) - provincial.professional)
    let profSizes = Self.split(profSeats, size: 40, minimum: 30)
    let themes = sheet.rng.shuffled(Theme.all.filter { $0.id != Self.seminarTheme.id })
    let venues: [(String, InstitutionType, String)] =
      prov.cadreColleges.map { ($0.name, .cadreCollege, $0.region) }
      + prov.universities.map { ($0.name, .university, $0.region) } + [(city.school, .partySchool, city.pref.region)]
    let profDates = sheet.dates(profSizes.count, days: 7)
    for (n, (cap, d)) in zip(profSizes, profDates).enumerated() {
      let theme = themes[n % themes.count]
      let (venue, type, region) = venues[n % venues.count]
      let days = type == .partySchool ? 5 : sheet.rng.pick([5, 6, 7])!
      sheet.drafts.append(
        city.draft(
          "\(y)年\(theme.title)专题培训班（\(venue)）", .professional, start: d, days: days, capacity: cap,
          ranks: [.bureau, .county], theme: theme.id, institution: venue, type: type,
          level: type == .partySchool ? .city : .province, region: region))
    }
    // Professional classes for section cadres: the city's own and one at each county party school.
    let sectionThemes = sheet.rng.shuffled(Theme.all)
    for (n, d) in sheet.dates(3, days: 5).enumerated() {
      let theme = sectionThemes[n]
      sheet.drafts.append(
        city.draft(
          "\(y)年全市乡科级干部\(theme.title)专题培训班", .professional, start: d, days: 5,
          capacity: sheet.rng.int(in: 45...60), ranks: [.section], theme: theme.id))
    }
    for (n, (county, d)) in zip(counties, sheet.dates(counties.count, days: 5)).enumerated() {
      let theme = sectionThemes[(3 + n) % sectionThemes.count]
      sheet.drafts.append(
        city.draft(
          "\(county.name)\(y)年乡镇干部\(theme.title)专题培训班", .professional, start: d, days: 5,
          capacity: sheet.rng.int(in: 40...55), ranks: [.section, .staff], tags: ["grassroots"], theme: theme.id,
          institution: "中共\(county.name)委党校", level: .county))
    }
    for (county, d) in zip(counties, sheet.dates(counties.count, days: 5)) {
      sheet.drafts.append(
        city.draft(
          "\(county.name)\(y)年年轻干部能力提升培训班", .special, start: d, days: 5,
          capacity: sheet.rng.int(in: 30...45), ranks: [.section, .staff], tags: ["young"],
          institution: "中共\(county.name)委党校", level: .county))
    }
  }

  /// Appointment training for the newly appointed (county and section
  /// level), initial training for new recruits.
  private func addNewcomerClasses(_ city: CitySchool, _ due: Due, to sheet: inout ClassSheet) {
    let y = year
    let appCountySizes = Self.split(sheet.seats(due.appointmentCounty), size: 60, minimum: 12)
    let appCountyDates = sheet.dates(appCountySizes.count, days: 5, from: sheet.at(6, 1), to: sheet.at(7, 31))
    for (cap, d) in zip(appCountySizes, appCountyDates) {
      sheet.drafts.append(
        city.draft(
          "\(y)年新任县处级领导干部任职培训班", .appointment, start: d, days: 5, capacity: cap, ranks: [.county],
          tags: ["new-appointee"]))
    }
    let appSizes = Self.split(sheet.seats(due.appointmentSection), size: 40, minimum: 20)
    let appDates = sheet.dates(appSizes.count, days: 5, from: sheet.at(5, 1), to: sheet.at(11, 30))
    for (n, (cap, d)) in zip(appSizes, appDates).enumerated() {
      sheet.drafts.append(
        city.draft(
          "\(y)年新任乡科级领导干部任职培训班第\(n + 1)期", .appointment, start: d, days: 5, capacity: cap,
          ranks: [.section], tags: ["new-appointee"]))
    }
    let initSizes = Self.split(sheet.seats(due.initial), size: 35, minimum: 15)
    let initDates = sheet.dates(initSizes.count, days: 7, from: sheet.at(6, 1), to: sheet.at(11, 30))
    for (n, (cap, d)) in zip(initSizes, initDates).enumerated() {
      sheet.drafts.append(
        city.draft(
          "\(y)年新录用公务员初任培训班第\(n + 1)期", .initial, start: d, days: 7, capacity: cap, ranks: [.staff],
          tags: ["new-appointee"]))
    }
  }

  /// Special classes for groups (non-party, minorities, selected graduates,
  /// enterprise and institution leaders, young cadres), sized from the
  /// group among the city's cadres; two at the province's cadre colleges.
  private func addSpecialClasses(_ city: CitySchool, _ local: [Cadre], to sheet: inout ClassSheet) {
    let y = year
    let prov = preset.province
    func groupSize(_ tag: String) -> Int { local.filter { $0.tags.contains(tag) }.count }
    let specials: [(String, String, Set<Rank>, String?, InstitutionType)] = [
      ("\(y)年党外干部培训班", "non-party", [], nil, .partySchool),
      ("\(y)年少数民族干部培训班", "ethnic-minority", [.county, .section], prov.cadreColleges.first?.name, .cadreCollege),
      ("\(y)年少数民族干部双语能力培训班", "ethnic-minority", [.section, .staff], nil, .partySchool),
      ("\(y)年选调生培训班", "selected-graduate", [], nil, .partySchool),
      ("\(y)年国有企业领导人员专题培训班", "soe", [.county, .section], nil, .partySchool),
      ("\(y)年事业单位领导人员专题培训班", "institution", [.county, .section], nil, .partySchool),
      ("\(y)年年轻干部党性教育专题培训班", "young", [.section, .staff], prov.cadreColleges.last?.name, .cadreCollege),
    ]
    let specialDates = sheet.dates(specials.count, days: 5)
    for ((name, tag, ranks, venue, type), d) in zip(specials, specialDates) {
      let cap = min(60, max(20, groupSize(tag) * 4 / 10))
      let college = prov.cadreColleges.first { $0.name == venue }
      sheet.drafts.append(
        city.draft(
          name, .special, start: d, days: 5, capacity: cap, ranks: ranks, tags: [tag], institution: venue, type: type,
          level: college == nil ? .city : .province, region: college?.region))
    }
  }

  /// Splits `total` seats into classes of about `size` (at least `minimum` each).
  static func split(_ total: Int, size: Int, minimum: Int) -> [Int] {
    guard total > 0 else { return [] }
    let n = max(1, Int((Double(total) / Double(size)).rounded(.up)))
    let base = total / n
    return (0..<n).map { max(minimum, base + ($0 < total % n ? 1 : 0)) }
  }

  /// The final form of a catalogue: sorted by start (drafting order among
  /// equal starts), ids in that order, minimum sizes and costs.
  func finished(_ drafts: [Draft]) -> [TrainingClass] {
    let ordered = drafts.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
    let width = max(3, String(ordered.count).count)
    return ordered.enumerated().map { n, item in
      let d = item.element
      return TrainingClass(
        id: ClassID("C" + pad(n + 1, width)), name: d.name, institution: InstitutionID(d.institution),
        institutionType: d.institutionType, level: d.level, region: RegionID(d.region), kind: d.kind, theme: d.theme,
        start: d.start, days: d.days, hours: classHours(days: d.days),
        minSize: max(1, Int((Double(d.capacity) * 0.6).rounded(.up))), capacity: d.capacity, ranks: d.ranks,
        tags: d.tags, costPerSeat: seatCost(d), fixedCost: d.quota ? 20_000 : fixedCost(days: d.days))
    }
  }

  /// Cost of one seat: by the day, dearer at higher-level institutions, 800–6,000.
  func seatCost(_ d: Draft) -> Double {
    let perDay: Double
    switch d.institutionType {
    case .university: perDay = 600
    case .cadreCollege: perDay = 450
    case .other: perDay = 300
    case .partySchool:
      switch d.level {
      case .national: perDay = 300
      case .province: perDay = 100
      case .city: perDay = 160
      case .county: perDay = 120
      }
    }
    let v = (Double(d.days) * perDay / 10).rounded() * 10
    return min(6000, max(800, v))
  }

  /// Cost of holding a class at all: 20,000–120,000 by its length.
  func fixedCost(days: Int) -> Double {
    let v = ((12_000 + Double(days) * 2_500) / 1_000).rounded() * 1_000
    return min(120_000, max(20_000, v))
  }

  struct Due {
    var rotation = 0, rotationBureau = 0
    var systematic = 0, systematicBureau = 0, systematicYoung = 0
    var township = 0
    var professional = 0
    var appointmentCounty = 0, appointmentSection = 0
    var initial = 0
  }

  /// The due obligations per class segment.
  func dueCounts(_ cadres: [Cadre], _ history: [CadreID: [HistoryRecord]]) -> Due {
    var d = Due()
    for c in cadres {
      let h = history[c.id] ?? []
      func due(_ r: CycleRule) -> Bool { ReferenceRules.isDue(r, c, history: h, year: year) }
      if due(ReferenceRules.rotation) {
        d.rotation += 1
        if c.rank == .bureau { d.rotationBureau += 1 }
      }
      if due(ReferenceRules.systematicLeaders) || due(ReferenceRules.systematicTeam) {
        d.systematic += 1
        if c.rank == .bureau { d.systematicBureau += 1 }
        if c.rank == .county, c.tags.contains("young") { d.systematicYoung += 1 }
      }
      if due(ReferenceRules.townshipHeads) { d.township += 1 }
      if due(ReferenceRules.professional) { d.professional += 1 }
      if due(ReferenceRules.appointment) {
        if c.rank == .county { d.appointmentCounty += 1 } else { d.appointmentSection += 1 }
      }
      if due(ReferenceRules.initial) { d.initial += 1 }
    }
    return d
  }
}
