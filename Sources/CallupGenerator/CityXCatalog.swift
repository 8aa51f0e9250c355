import CallupDomain

/// The class groups of City X's catalogue, as seed 004 names them.
enum CityXGroup: CaseIterable, Sendable {
  /// 市管干部主体班: the month-long 县处级领导干部进修班 (team members every three years).
  case monthClass
  /// 市管干部研修班、研讨班: the shorter main classes for city-managed cadres.
  case mainShort
  /// 中青年干部主体班 (45 days).
  case young
  /// 基层党员干部示范培训班.
  case grassrootsDemo
  /// 守好“三条生命线”专题班.
  case lifelines
  /// “靶向”专题培训班 for county-level, section-level and staff cadres.
  case targetedCounty, targetedSection, targetedStaff
  /// 新任科长培训班 (15 days at the party school).
  case newChiefs
  /// 党外干部培训班 at the socialist institute.
  case nonParty
  /// 市属国有企业领导人员提高企业核心竞争力专题研讨班.
  case soeSeminar
  /// 国有企业党组织书记示范培训班.
  case soeSecretaries
  /// The region's demonstration class for village party secretaries (全区).
  case villageRegional
}

/// One class of the catalogue and its group.
struct CityXClass {
  var group: CityXGroup
  var klass: TrainingClass
}

/// The catalogue of one year of City X: ids `C2025-01`…, each class on
/// Mondays clear of that year's Spring Festival and National Day week
/// (stream `city-x catalogue YEAR`). The same builder gives the past years'
/// classes that history.csv draws from.
struct CityXCatalog {
  let seed: UInt64

  /// The targeted classes' themes by field (item 10: the city's
  /// strategies, its ten industries, the three tough battles; item 11's
  /// tasks); a cadre takes each at most once in five years.
  static let themes: [String: [(id: String, name: String)]] = [
    "field-party": [
      ("party-discipline", "全面从严治党"), ("rule-of-law", "依法行政"), ("petition-work", "信访工作"),
      ("risk-prevention", "防范化解重大风险"), ("social-governance", "市域社会治理"), ("ideology-work", "意识形态工作"),
      ("united-front", "统一战线"), ("party-building-quality", "党建高质量发展"),
    ],
    "field-services": [
      ("public-services", "公共服务"), ("emergency-management", "应急管理"), ("digital-government", "数字政府建设"),
      ("social-security", "社会保障"), ("healthy-city", "健康X市"), ("education-reform", "教育改革"),
      ("business-environment", "优化营商环境"), ("market-regulation", "市场监管"),
    ],
    "field-economy": [
      ("innovation-driven", "创新驱动"), ("digital-economy", "互联网数字经济"), ("high-end-equipment", "高端装备制造"),
      ("new-materials", "新材料"), ("new-energy", "新能源"), ("investment-promotion", "招商引资"),
      ("electronic-information", "电子信息"), ("modern-logistics", "现代物流"),
    ],
    "field-urban": [
      ("urban-management", "城市管理"), ("urban-planning", "城市规划建设"), ("green-development", "生态立区"),
      ("pollution-control", "污染防治"), ("smart-city", "智慧城市"), ("water-saving", "节水型城市"),
      ("urban-transport", "城市综合交通"), ("housing-security", "住房保障"),
    ],
    "field-rural": [
      ("rural-revitalization", "乡村振兴"), ("wine-industry", "葡萄酒产业"), ("global-tourism", "全域旅游"),
      ("modern-agriculture", "现代农业"), ("poverty-alleviation", "脱贫富民"), ("ecological-migration", "生态移民"),
      ("specialty-agriculture", "特色农业"), ("rural-e-commerce", "农村电商"),
    ],
  ]
  /// The targeted classes of a year: group, rank, who they are for, the
  /// fields they admit, how many and their sizes; 8 + 19 + 6 = 33 classes.
  static let targeted:
    [(group: CityXGroup, rank: Rank, who: String, fields: [String], count: Int, size: ClosedRange<Int>)] = [
      (.targetedCounty, .county, "县处级干部", ["field-party"], 2, 18...35),
      (.targetedCounty, .county, "县处级干部", ["field-services"], 3, 18...35),
      (.targetedCounty, .county, "县处级干部", ["field-economy"], 2, 18...35),
      (.targetedCounty, .county, "县处级干部", ["field-rural", "field-urban"], 1, 18...35),
      (.targetedSection, .section, "科级干部", ["field-party"], 3, 30...60),
      (.targetedSection, .section, "科级干部", ["field-services"], 5, 30...60),
      (.targetedSection, .section, "科级干部", ["field-rural"], 4, 30...60),
      (.targetedSection, .section, "科级干部", ["field-urban"], 4, 30...60),
      (.targetedSection, .section, "科级干部", ["field-economy"], 3, 30...60),
      (.targetedStaff, .staff, "科级以下干部", ["field-rural"], 2, 25...50),
      (.targetedStaff, .staff, "科级以下干部", ["field-urban"], 1, 25...50),
      (.targetedStaff, .staff, "科级以下干部", ["field-economy", "field-party", "field-services"], 3, 25...50),
    ]
  /// The grassroots demonstration classes' themes.
  static let grassrootsThemes: [(id: String, name: String)] = [
    ("grassroots-party-building", "基层党建"), ("community-governance", "城市社区治理"),
    ("village-governance", "乡村治理"), ("collective-economy", "村级集体经济"),
  ]
  /// The three lifelines (item 6).
  static let lifelines: [(id: String, name: String)] = [
    ("ethnic-unity", "促进民族团结"), ("political-security", "维护政治安全"), ("ecological-environment", "改善生态环境"),
  ]
  /// County party schools that hold "three lifelines" classes.
  static let countySchools = ["中共永宁县委党校", "中共贺兰县委党校", "中共灵武市委党校"]

  /// The classes of year `y`.
  func classes(of y: Int) -> [TrainingClass] { sessions(of: y).map(\.klass) }

  /// The classes of year `y` with their groups, by start and id.
  func sessions(of y: Int) -> [CityXClass] {
    var sheet = Sheet(year: y, rng: Xoshiro256(seed: seed, stream: "city-x catalogue \(y)"))
    addMainClasses(&sheet)
    addGroupClasses(&sheet)
    addTargetedClasses(&sheet)
    let sorted = sheet.out.sorted { ($0.klass.start, $0.klass.name) < ($1.klass.start, $1.klass.name) }
    return sorted.enumerated().map { i, c in
      var c = c
      c.klass.id = ClassID("C\(y)-" + pad(i + 1, 2))
      return c
    }
  }

  /// The classes being drawn for one year.
  struct Sheet {
    let year: Int
    var rng: Xoshiro256
    var out: [CityXClass] = []

    func day(_ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }

    /// A Monday in `from … to` on which a class of `days` fits.
    mutating func start(_ days: Int, _ from: (Int, Int), _ to: (Int, Int)) -> Day {
      TrainingCalendar.spread(1, days: days, from: day(from.0, from.1), to: day(to.0, to.1), jitter: 2, rng: &rng)[0]
    }

    /// The first Monday on or after `after` on which a class of `days` fits
    /// within the year.
    func next(_ days: Int, after: Day) -> Day {
      TrainingCalendar.starts(days: days, from: after, to: day(12, 31)).first ?? after
    }

    /// Adds a class; its id is given once the year is sorted.
    mutating func add(
      _ group: CityXGroup, _ name: String, at institution: String, _ type: InstitutionType = .partySchool,
      level: Level = .city, region: String = CityXScenario.region, kind: ClassKind, theme: String = "",
      start: Day, days: Int, size: ClosedRange<Int>, ranks: Set<Rank> = [], tags: Set<String> = [],
      seat: Double, fixed: Double
    ) {
      let k = TrainingClass(
        id: ClassID("new"), name: "\(year)年" + name, institution: InstitutionID(institution), institutionType: type,
        level: level, region: RegionID(region), kind: kind, theme: theme, start: start, days: days,
        hours: classHours(days: days), minSize: size.lowerBound, capacity: size.upperBound, ranks: ranks, tags: tags,
        costPerSeat: seat, fixedCost: fixed)
      out.append(CityXClass(group: group, klass: k))
    }
  }

  /// The party school's long classes, one after another so that no two of
  /// them take the same units' people at once: in spring a month-long
  /// 进修班, a young and middle-aged cadres' class, a 研讨班 and the 研修班
  /// (item 1's main classes and young cadres' classes); in autumn the second
  /// 进修班 and 研讨班, the second young cadres' class and the new section
  /// chiefs' class of 15 days (item 13).
  private func addMainClasses(_ s: inout Sheet) {
    let school = CityXScenario.partySchool
    func month(_ n: Int, _ day: Day) {
      s.add(
        .monthClass, "县处级领导干部进修班（第\(n)期）", at: school, kind: .systematic, start: day, days: 30,
        size: 30...55, ranks: [.county], seat: 3000, fixed: 40000)
    }
    func young(_ n: Int, _ day: Day) {
      s.add(
        .young, "中青年干部培训班（第\(n)期）", at: school, kind: .systematic, start: day, days: 45, size: 60...110,
        ranks: [.county, .section], tags: ["young"], seat: 4500, fixed: 50000)
    }
    func seminar(_ n: Int, _ day: Day) {
      s.add(
        .mainShort, "学习贯彻习近平新时代中国特色社会主义思想专题研讨班（第\(n)期）", at: school, kind: .systematic, start: day,
        days: 5, size: 20...45, ranks: [.county], seat: 800, fixed: 15000)
    }
    var day = s.next(30, after: s.day(3, 2).advanced(by: 7 * s.rng.int(in: 0...1)))
    month(1, day)
    day = s.next(45, after: day.advanced(by: 30 + 7))
    young(1, day)
    day = s.next(5, after: day.advanced(by: 45 + 3))
    seminar(1, day)
    day = s.next(14, after: day.advanced(by: 5 + 2))
    s.add(
      .mainShort, "市管干部治理能力提升研修班", at: school, kind: .systematic, start: day, days: 14, size: 20...45,
      ranks: [.county], seat: 1400, fixed: 25000)
    day = s.next(30, after: s.day(8, 17).advanced(by: 7 * s.rng.int(in: 0...1)))
    month(2, day)
    day = s.next(5, after: day.advanced(by: 30 + 3))
    seminar(2, day)
    day = s.next(45, after: day.advanced(by: 5 + 2))
    young(2, day)
    day = s.next(15, after: day.advanced(by: 45 + 2))
    s.add(
      .newChiefs, "新任科长培训班", at: school, kind: .appointment, start: day, days: 15, size: 30...90,
      ranks: [.section], seat: 1500, fixed: 25000)
  }

  /// Grassroots demonstration, "three lifelines", non-party, enterprise
  /// and village secretaries' classes.
  private func addGroupClasses(_ s: inout Sheet) {
    let school = CityXScenario.partySchool
    // Two for the townships' leaders, two for staff and village secretaries.
    let demo = TrainingCalendar.spread(4, days: 5, from: s.day(4, 1), to: s.day(11, 30), rng: &s.rng)
    for (n, (day, t)) in zip(demo, Self.grassrootsThemes).enumerated() {
      s.add(
        .grassrootsDemo, "基层党员干部\(t.name)示范培训班", at: school, kind: .special, theme: t.id, start: day, days: 5,
        size: 30...60, ranks: [n % 2 == 0 ? .section : .staff], tags: ["grassroots"], seat: 800, fixed: 15000)
    }
    // Three at the city's party school for county-level cadres, four held
    // for the city by county party schools for grassroots cadres: three
    // for the townships' section-level cadres, one for staff and village
    // secretaries.
    let lines = TrainingCalendar.spread(7, days: 3, from: s.day(3, 1), to: s.day(12, 10), rng: &s.rng)
    for (n, day) in lines.enumerated() {
      let t = Self.lifelines[n % 3]
      let county = n >= 3 ? Self.countySchools[(n - 3) % 3] : nil
      let rank: Rank = n < 3 ? .county : (n < 6 ? .section : .staff)
      let who = rank == .county ? "县处级干部" : (rank == .section ? "乡镇科级干部" : "村（社区）干部")
      s.add(
        .lifelines, "守好“三条生命线”（\(t.name)）专题班（\(who)）", at: county ?? school,
        level: county == nil ? .city : .county, kind: .special, theme: t.id, start: day, days: 3,
        size: n < 3 ? 25...50 : 30...60, ranks: [rank], tags: n < 3 ? [] : ["grassroots"], seat: 480, fixed: 8000)
    }
    s.add(
      .nonParty, "党外干部培训班", at: CityXScenario.socialistInstitute, .other, kind: .special,
      start: s.start(10, (6, 1), (7, 31)), days: 10, size: 5...30, ranks: [.bureau, .county], tags: ["non-party"],
      seat: 1600, fixed: 15000)
    for (n, day) in [s.start(5, (5, 1), (6, 20)), s.start(5, (9, 1), (11, 20))].enumerated() {
      s.add(
        .soeSeminar, "市属国有企业领导人员提高企业核心竞争力专题研讨班（第\(n + 1)期）", at: CityXScenario.university, .university,
        region: "hangzhou", kind: .special, start: day, days: 5, size: 8...25, ranks: [.county, .section],
        tags: ["soe"], seat: 6000, fixed: 20000)
    }
    s.add(
      .soeSecretaries, "国有企业党组织书记示范培训班", at: CityXScenario.cooperationCentre, .other, kind: .special,
      start: s.start(4, (6, 20), (8, 31)), days: 4, size: 8...30, ranks: [.county, .section], tags: ["soe"],
      seat: 700, fixed: 12000)
    s.add(
      .villageRegional, "全区村（社区）党组织书记示范培训班", at: CityXScenario.regionalSchool, level: .province,
      kind: .special, start: s.start(7, (7, 1), (8, 31)), days: 7, size: 20...60, tags: ["village-secretary"],
      seat: 1200, fixed: 0)
  }

  /// Item 10's 33 targeted classes, a week each, for the cadres of one
  /// rank and of the fields they work on (`targeted`), each kind spread over
  /// the year on themes of its fields, none twice (no cadre has two classes
  /// of one theme to choose from); most at the party school, some at the
  /// east–west cooperation centre, some taught in the city by a university
  /// from outside the region.
  private func addTargetedClasses(_ s: inout Sheet) {
    var n = 0
    for t in Self.targeted {
      let days = TrainingCalendar.spread(t.count, days: 5, from: s.day(3, 1), to: s.day(12, 18), rng: &s.rng)
      let themes = s.rng.shuffled(t.fields.flatMap { Self.themes[$0] ?? [] }).prefix(t.count)
      for (day, theme) in zip(days, themes) {
        let place = n % 8 == 3 ? 1 : (n % 11 == 6 ? 2 : 0)
        let (institution, type, seat, fixed): (String, InstitutionType, Double, Double) =
          [
            (CityXScenario.partySchool, .partySchool, 800, 15000),
            (CityXScenario.cooperationCentre, .other, 900, 15000),
            (CityXScenario.university, .university, 1500, 50000),
          ][place]
        s.add(
          t.group, "“\(theme.name)”靶向专题培训班（\(t.who)）", at: institution, type, kind: .professional,
          theme: theme.id, start: day, days: 5, size: t.size, ranks: [t.rank], tags: Set(t.fields), seat: seat,
          fixed: fixed)
        n += 1
      }
    }
  }
}
