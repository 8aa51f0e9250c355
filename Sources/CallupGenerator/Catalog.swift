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

  func build(
    cadres: [Cadre], units: [Unit], history: [HistoryRecord], countiesUsed: [[CountySpec]]
  ) -> [TrainingClass] {
    var rng = Xoshiro256(seed: seed, stream: "catalogue")
    let unitRegion = Dictionary(units.map { ($0.id, $0.region.rawValue) }, uniquingKeysWith: { a, _ in a })
    let byCadre = Dictionary(grouping: history, by: \.cadre)
    let y = year
    let open = TrainingCalendar.afterFestival(y)
    let close = Day(year: y, month: 12, day: 26)!
    func at(_ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    func ratio() -> Double { rng.double(in: preset.capacityShare) }
    func dates(_ n: Int, days: Int, from: Day? = nil, to: Day? = nil) -> [Day] {
      TrainingCalendar.spread(n, days: days, from: from ?? open, to: to ?? close, rng: &rng)
    }
    /// Splits `total` seats into classes of about `size` (at least `minimum` each).
    func split(_ total: Int, size: Int, minimum: Int) -> [Int] {
      guard total > 0 else { return [] }
      let n = max(1, Int((Double(total) / Double(size)).rounded(.up)))
      let base = total / n
      return (0..<n).map { max(minimum, base + ($0 < total % n ? 1 : 0)) }
    }
    let prov = preset.province
    var drafts: [Draft] = []

    // Provincial classes: quotas of 5–15 seats for the city's bureau and county leaders.
    let allDue = dueCounts(cadres, byCadre)
    let leaders: Set<Rank> = [.bureau, .county]
    if let d = dates(1, days: 5, from: at(4, 1), to: at(6, 30)).first {
      drafts.append(
        Draft(
          name: "\(y)年市厅级领导干部集中轮训班", institution: prov.partySchool, institutionType: .partySchool,
          level: .province, region: prov.region, kind: .rotation, start: d, days: 5,
          capacity: min(15, max(5, allDue.rotationBureau * 4 / 10)), ranks: [.bureau], quota: true))
    }
    let provincialSystematic: [(String, Set<Rank>, Int, Int, Day)] = [
      ("市厅级领导干部进修班", [.bureau], 56, min(15, max(5, allDue.systematicBureau * 6 / 10)), at(3, 1)),
      ("县处级领导干部进修班（春季）", [.county], 56, rng.int(in: 8...15), at(3, 15)),
      ("县处级领导干部进修班（秋季）", [.county], 56, rng.int(in: 8...15), at(9, 1)),
    ]
    for (name, ranks, days, cap, near) in provincialSystematic {
      if let d = TrainingCalendar.starts(days: days, from: near, to: close).first {
        drafts.append(
          Draft(
            name: "\(prov.partySchool)\(y)年\(name)", institution: prov.partySchool, institutionType: .partySchool,
            level: .province, region: prov.region, kind: .systematic, start: d, days: days, capacity: cap,
            ranks: ranks, quota: true))
      }
    }
    let provSystematicSeats = drafts.filter { $0.kind == .systematic }.reduce(0) { $0 + $1.capacity }
    let provRotationSeats = drafts.filter { $0.kind == .rotation }.reduce(0) { $0 + $1.capacity }
    let seminarTheme = Theme.all[5]  // risk-prevention, the province's seminar
    if let d = dates(1, days: 5, from: at(5, 1), to: at(11, 30)).first {
      drafts.append(
        Draft(
          name: "\(y)年\(seminarTheme.title)专题研讨班", institution: prov.partySchool, institutionType: .partySchool,
          level: .province, region: prov.region, kind: .professional, theme: seminarTheme.id, start: d, days: 5,
          capacity: rng.int(in: 8...12), ranks: leaders, quota: true))
    }
    let provProfessionalSeats = drafts.filter { $0.kind == .professional }.reduce(0) { $0 + $1.capacity }

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
      let stem = pref.name.hasSuffix("市") ? String(pref.name.dropLast()) : pref.name
      let school = "中共\(pref.name)委党校"
      let r = pref.region
      func cityClass(
        _ name: String, _ kind: ClassKind, start: Day, days: Int, capacity: Int, ranks: Set<Rank> = [],
        tags: Set<String> = [], theme: String = "", institution: String? = nil, type: InstitutionType = .partySchool,
        level: Level = .city, region: String? = nil
      ) -> Draft {
        Draft(
          name: name, institution: institution ?? school, institutionType: type, level: level,
          region: region ?? r, kind: kind, theme: theme, start: start, days: days, capacity: capacity,
          ranks: ranks, tags: tags)
      }

      // Reading: the spring "first class" for heads (March to May), small.
      if let d = TrainingCalendar.starts(days: 5, from: at(3, 1), to: at(5, 31)).first {
        drafts.append(
          cityClass(
            "\(y)年全市领导干部读书班（开春第一班）", .reading, start: d, days: 5, capacity: rng.int(in: 30...40),
            ranks: leaders))
      }
      if let d = dates(1, days: 5, from: at(3, 15), to: at(4, 30)).first {
        drafts.append(
          cityClass("\(y)年县（市、区）党政正职读书班", .reading, start: d, days: 5, capacity: rng.int(in: 25...35), ranks: [.county]))
      }

      // Rotation for county and bureau leaders: several sessions of 3–5 days.
      let rotationSeats = max(0, Int((Double(due.rotation) * ratio()).rounded()) - provRotationSeats)
      let rotationSizes = split(rotationSeats, size: 45, minimum: 40)
      let rotationDates = dates(rotationSizes.count, days: 5)
      for (n, (cap, d)) in zip(rotationSizes, rotationDates).enumerated() {
        let days = rng.int(in: 3...5)
        drafts.append(
          cityClass("\(y)年全市县处级领导干部集中轮训第\(n + 1)期", .rotation, start: d, days: days, capacity: cap, ranks: leaders))
      }

      // Systematic: young cadres' class, then the city's main classes.
      let sysSeats = Int((Double(due.systematic) * ratio()).rounded())
      let youngSeats = max(15, Int((Double(due.systematicYoung) * ratio()).rounded()))
      if let d = dates(1, days: 42, from: at(5, 1), to: at(9, 30)).first {
        drafts.append(
          cityClass(
            "\(stem)市\(y)年中青年干部培训班", .systematic, start: d, days: 42, capacity: youngSeats, ranks: [.county],
            tags: ["young"]))
      }
      let mainSizes = split(max(0, sysSeats - youngSeats - provSystematicSeats), size: 55, minimum: 30)
      let mainDates = dates(mainSizes.count, days: 42)
      for (n, (cap, d)) in zip(mainSizes, mainDates).enumerated() {
        let days = rng.pick([28, 35, 42])!
        drafts.append(
          cityClass(
            "\(school)\(y)年县处级领导干部进修班第\(n + 1)期", .systematic, start: d, days: days, capacity: cap,
            ranks: leaders))
      }
      let townSeats = Int((Double(due.township) * ratio()).rounded())
      let townSizes = split(townSeats, size: 40, minimum: 8)
      let townDates = dates(townSizes.count, days: 21, from: at(4, 1))
      for (n, (cap, d)) in zip(townSizes, townDates).enumerated() {
        drafts.append(
          cityClass(
            "\(y)年乡镇（街道）党政正职履职能力提升进修班第\(n + 1)期", .systematic, start: d, days: 21, capacity: cap,
            ranks: [.section], tags: ["township-head"]))
      }

      // Professional classes for leaders, one theme each, at cadre colleges,
      // universities and the party school.
      let profSeats = max(0, Int((Double(due.professional) * ratio()).rounded()) - provProfessionalSeats)
      let profSizes = split(profSeats, size: 40, minimum: 30)
      let themes = rng.shuffled(Theme.all.filter { $0.id != seminarTheme.id })
      let venues: [(String, InstitutionType, String)] =
        prov.cadreColleges.map { ($0.name, .cadreCollege, $0.region) }
        + prov.universities.map { ($0.name, .university, $0.region) } + [(school, .partySchool, r)]
      let profDates = dates(profSizes.count, days: 7)
      for (n, (cap, d)) in zip(profSizes, profDates).enumerated() {
        let theme = themes[n % themes.count]
        let (venue, type, region) = venues[n % venues.count]
        let days = type == .partySchool ? 5 : rng.pick([5, 6, 7])!
        drafts.append(
          cityClass(
            "\(y)年\(theme.title)专题培训班（\(venue)）", .professional, start: d, days: days, capacity: cap,
            ranks: leaders, theme: theme.id, institution: venue, type: type, level: type == .partySchool ? .city : .province,
            region: region))
      }
      // Professional classes for section cadres: the city's own and one at each county party school.
      let sectionThemes = rng.shuffled(Theme.all)
      for (n, d) in dates(3, days: 5).enumerated() {
        let theme = sectionThemes[n]
        drafts.append(
          cityClass(
            "\(y)年全市乡科级干部\(theme.title)专题培训班", .professional, start: d, days: 5,
            capacity: rng.int(in: 45...60), ranks: [.section], theme: theme.id))
      }
      let counties = countiesUsed[p]
      for (n, (county, d)) in zip(counties, dates(counties.count, days: 5)).enumerated() {
        let theme = sectionThemes[(3 + n) % sectionThemes.count]
        drafts.append(
          cityClass(
            "\(county.name)\(y)年乡镇干部\(theme.title)专题培训班", .professional, start: d, days: 5,
            capacity: rng.int(in: 40...55), ranks: [.section, .staff], tags: ["grassroots"], theme: theme.id,
            institution: "中共\(county.name)委党校", level: .county))
      }

      for (county, d) in zip(counties, dates(counties.count, days: 5)) {
        drafts.append(
          cityClass(
            "\(county.name)\(y)年年轻干部能力提升培训班", .special, start: d, days: 5,
            capacity: rng.int(in: 30...45), ranks: [.section, .staff], tags: ["young"],
            institution: "中共\(county.name)委党校", level: .county))
      }

      // Appointment training for the newly appointed, initial training for new recruits.
      let appCounty = Int((Double(due.appointmentCounty) * ratio()).rounded())
      let appCountySizes = split(appCounty, size: 60, minimum: 12)
      for (cap, d) in zip(appCountySizes, dates(appCountySizes.count, days: 5, from: at(6, 1), to: at(7, 31))) {
        drafts.append(
          cityClass(
            "\(y)年新任县处级领导干部任职培训班", .appointment, start: d, days: 5, capacity: cap, ranks: [.county],
            tags: ["new-appointee"]))
      }
      let appSection = Int((Double(due.appointmentSection) * ratio()).rounded())
      let appSizes = split(appSection, size: 40, minimum: 20)
      for (n, (cap, d)) in zip(appSizes, dates(appSizes.count, days: 5, from: at(5, 1), to: at(11, 30))).enumerated() {
        drafts.append(
          cityClass(
            "\(y)年新任乡科级领导干部任职培训班第\(n + 1)期", .appointment, start: d, days: 5, capacity: cap,
            ranks: [.section], tags: ["new-appointee"]))
      }
      let initSizes = split(Int((Double(due.initial) * ratio()).rounded()), size: 35, minimum: 15)
      for (n, (cap, d)) in zip(initSizes, dates(initSizes.count, days: 7, from: at(6, 1), to: at(11, 30))).enumerated() {
        drafts.append(
          cityClass(
            "\(y)年新录用公务员初任培训班第\(n + 1)期", .initial, start: d, days: 7, capacity: cap, ranks: [.staff],
            tags: ["new-appointee"]))
      }

      // Special classes for groups.
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
      let specialDates = dates(specials.count, days: 5)
      for ((name, tag, ranks, venue, type), d) in zip(specials, specialDates) {
        let cap = min(60, max(20, groupSize(tag) * 4 / 10))
        let college = prov.cadreColleges.first { $0.name == venue }
        drafts.append(
          cityClass(
            name, .special, start: d, days: 5, capacity: cap, ranks: ranks, tags: [tag], institution: venue, type: type,
            level: college == nil ? .city : .province, region: college?.region))
      }
    }

    // Final form: sorted by start, ids in that order, sizes and costs.
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
