import CallupDomain

/// Builds the plan year's class catalogue of a regional scenario, tier by
/// tier (分级): the province's classes for bureau-level leaders and the
/// provincial organs, each city party school's classes for the county-level
/// leaders and the city organs of its region, each county party school's
/// classes for the county's section-level and grassroots cadres.
///
/// Every class serving a cycle obligation is sized from the due obligations
/// (`SchoolDemand`) of the cadres its school trains: seats for 90–95 % of
/// them, drawn per school and kind, so capacity is a little short of demand
/// per kind and tier. The provincial classes are shared by every region and
/// are sized against the province-wide demand (the sum over the regions),
/// never counted again against a region's own demand. Leaders' rotation is a
/// campaign finished by the end of June (003); reading classes are in spring;
/// no class is held over the Spring Festival or in the National Day week.
///
/// A province (a layout with provincial organs) also holds the classes of
/// the programme quotas of 002 四 (`ReferenceTargets`), each with seats for
/// its figure times the scale and a twentieth more: the eight-week 进修班
/// at the provincial party school for about 100 bureau-level and 50
/// county-level leaders (the other bureau-level leaders go to national
/// institutions), one-week classes at top universities for principals, the
/// provincial organs' classes, and the demonstration classes for branch
/// secretaries, selected graduates, township and village party secretaries
/// and the leaders of ethnic areas.
struct RegionalCatalogBuilder {
  let preset: GeneratorPreset
  let layout: RegionalLayout
  let seed: UInt64
  let year: Int
  /// The scenario's scale: the programmes' figures are the full province's times the scale.
  let scale: Double

  typealias Draft = CatalogBuilder.Draft

  /// The catalogue, in four steps, every seat count and date drawn from one
  /// stream (`regional-catalogue`) in this order: (1) the province's
  /// classes, (2) each city party school's, (3) each county party school's,
  /// (4) the final form (`CatalogBuilder.finished`).
  func build(_ org: RegionalOrganization, demand: [SchoolDemand]) -> [TrainingClass] {
    var sheet = ClassSheet(
      seed: seed, stream: "regional-catalogue", year: year, capacityShare: preset.capacityShare)
    let schools = Schools(regions: org.prefectures.count, counties: org.counties.count)
    // County-level leaders' systematic seats at the province, taken from the
    // cities' own classes in proportion to their due leaders.
    let atProvince = addProvincialClasses(org, demand: demand, to: &sheet)
    let citySystematic = org.prefectures.indices.reduce(0) { $0 + demand[schools.city(Int32($1))].systematic }
    for (r, pref) in org.prefectures.enumerated() {
      let countyIndices = org.counties.indices.filter { org.counties[$0].region == Int32(r) }
      let c = demand[schools.city(Int32(r))]
      let group = Self.cityGroups(c, counties: countyIndices.map { demand[schools.county(Int32($0))] })
      let school = "中共\(pref.name)委党校"
      let share = citySystematic == 0 ? 0 : atProvince * c.systematic / citySystematic
      addCityLeaderClasses(pref, c, counties: countyIndices.count, atProvince: share, school: school, to: &sheet)
      addCityJuniorClasses(pref, c, school: school, to: &sheet)
      addCitySpecialClasses(pref, group, school: school, to: &sheet)
    }
    for (k, county) in org.counties.enumerated() {
      let region = org.prefectures[Int(county.region)].region
      addCountyClasses(county.spec, demand[schools.county(Int32(k))], region: region, to: &sheet)
    }
    return CatalogBuilder(preset: preset, seed: seed, year: year).finished(sheet.drafts)
  }

  /// Splits `total` seats into classes of about `size` (times the preset's factor).
  func split(_ total: Int, size: Int) -> [Int] {
    guard total > 0 else { return [] }
    let s = max(10, Int((Double(size) * layout.classSizeFactor).rounded()))
    let n = max(1, Int((Double(total) / Double(s)).rounded()))
    return (0..<n).map { total / n + ($0 < total % n ? 1 : 0) }
  }

  // MARK: The province

  /// The province's classes: the national quota for provincial leaders, the
  /// classes of the bureau-level leaders of every region, and (when the
  /// scenario has provincial organs) the organs' own classes, the
  /// demonstration classes and the programmes' classes. A city on its own
  /// (no provincial organs) buys quotas of the bureau-level classes.
  ///
  /// - Returns: the seats of the systematic classes at the province for
  ///   the cities' county-level leaders.
  private func addProvincialClasses(
    _ org: RegionalOrganization, demand: [SchoolDemand], to sheet: inout ClassSheet
  ) -> Int {
    let quota = layout.provinceOrgans == nil
    let p = demand[Schools.province]
    if !quota {
      let national = org.cadres.lazy.filter { $0.rank == .provincial }.count
      if national > 0,
        let d = TrainingCalendar.starts(days: 56, from: sheet.at(3, 1), to: sheet.close).first
      {
        sheet.add(
          "中共中央党校（国家行政学院）\(year)年省部级干部进修班", .systematic, start: d, days: 56,
          capacity: max(2, national * 3 / 10), ranks: [.provincial], institution: "中共中央党校（国家行政学院）",
          level: .national, region: "beijing", quota: true)
      }
    }
    addBureauClasses(p, quota: quota, to: &sheet)
    guard !quota else { return 0 }
    addProvincialOrganClasses(p, to: &sheet)
    addDemonstrationClasses(demand, to: &sheet)
    let programmes = addProgrammeClasses(demand, to: &sheet)
    addProvincialCampaignClasses(p, to: &sheet)
    return programmes
  }

  /// The province's classes for what a campaign's catalogue adds
  /// (`CatalogueOptions`): the bureau-level teams' reading class, the
  /// provincial organs' rotation for their section-level cadres and staff,
  /// and for their party branch secretaries. Nothing for the province preset.
  private func addProvincialCampaignClasses(_ p: SchoolDemand, to sheet: inout ClassSheet) {
    let y = year
    let options = layout.catalogue
    let school = preset.province.partySchool
    let pr = preset.province.region
    if options.teamReading {
      sheet.series(
        "\(y)年全省市厅级领导班子成员读书班", .reading, sizes: split(sheet.seats(p.teamOthers), size: 60), days: 5,
        from: sheet.at(4, 1), to: sheet.at(8, 31), ranks: [.bureau], institution: school, level: .province, region: pr)
    }
    if options.juniorRotation {
      sheet.series(
        "\(y)年省直机关科级及以下干部集中轮训班", .rotation, sizes: split(sheet.seats(p.juniorRotation), size: 60),
        days: 5, from: sheet.at(3, 1), to: sheet.at(11, 30), ranks: [.section, .staff], institution: organSchool,
        level: .province, region: pr)
    }
    if options.branchSecretaryRotation {
      sheet.series(
        "\(y)年省直机关党支部书记轮训班", .rotation, sizes: split(sheet.seats(p.branchSecretaries), size: 60), days: 3,
        from: sheet.at(3, 1), to: sheet.at(11, 30), ranks: [.section], tags: ["branch-secretary"],
        institution: organSchool, level: .province, region: pr)
    }
  }

  /// The bureau-level leaders' rotation (by the end of June), systematic
  /// classes (spring and autumn terms of eight weeks) and professional
  /// classes (one theme each, at cadre colleges, universities and the party school).
  private func addBureauClasses(_ p: SchoolDemand, quota: Bool, to sheet: inout ClassSheet) {
    let y = year
    let prov = preset.province
    let school = prov.partySchool
    let pr = prov.region
    let provinceName = layout.provinceOrgans?.name ?? "全省"
    sheet.series(
      "\(y)年\(provinceName)市厅级领导干部集中轮训班", .rotation, sizes: split(sheet.seats(p.rotationBureau), size: 120),
      days: 5, to: sheet.june, ranks: [.bureau], institution: school, level: .province, region: pr, quota: quota)
    // A province sends about 100 (四(一)(2)) to its party school's 进修班 and
    // the others to national institutions (选派省管领导干部到国家级干部教育培训机构).
    let systematicSeats = sheet.seats(p.systematicBureau)
    let atSchool =
      quota ? systematicSeats : min(systematicSeats, ReferenceTargets.seats(.bureauPartySchool, scale: scale))
    let bureauSystematic = split(atSchool, size: 60)
    for (n, cap) in bureauSystematic.enumerated() {
      // Spring and autumn terms of eight weeks.
      let (from, to) = n % 2 == 0 ? (sheet.at(3, 1), sheet.at(7, 20)) : (sheet.at(10, 8), sheet.close)
      if let d = sheet.dates(1, days: 56, from: from, to: to).first {
        sheet.add(
          "\(school)\(y)年市厅级领导干部进修班" + (bureauSystematic.count > 1 ? "第\(n + 1)期" : ""), .systematic,
          start: d, days: 56, capacity: cap, ranks: [.bureau], institution: school, level: .province, region: pr,
          quota: quota)
      }
    }
    if !quota { addNationalSystematic(systematicSeats - atSchool, to: &sheet) }
    let venues: [(String, InstitutionType, String)] =
      prov.cadreColleges.map { ($0.name, .cadreCollege, $0.region) }
      + prov.universities.map { ($0.name, .university, $0.region) } + [(school, .partySchool, pr)]
    let themes = sheet.rng.shuffled(Theme.all)
    let bureauProfessional = split(sheet.seats(p.professionalBureau), size: 60)
    for (n, (cap, d)) in zip(bureauProfessional, sheet.dates(bureauProfessional.count, days: 7)).enumerated() {
      let theme = themes[n % themes.count]
      let (venue, type, region) = venues[n % venues.count]
      let days = type == .partySchool ? 5 : sheet.rng.pick([5, 6, 7])!
      sheet.add(
        "\(y)年市厅级领导干部\(theme.title)专题研讨班（\(venue)）", .professional, start: d, days: days, capacity: cap,
        ranks: [.bureau], theme: theme.id, institution: venue, type: type, level: .province, region: region,
        quota: quota)
    }
  }

  /// National institutions that take a province's bureau-level leaders
  /// (国家级干部教育培训机构), with their region and the length of their classes.
  static let nationalVenues: [(name: String, type: InstitutionType, region: String, days: Int)] = [
    ("中共中央党校（国家行政学院）", .partySchool, "beijing", 56), ("中国浦东干部学院", .cadreCollege, "shanghai", 14),
    ("中国井冈山干部学院", .cadreCollege, "jinggangshan", 14), ("中国延安干部学院", .cadreCollege, "yanan", 14),
  ]

  /// Top universities of the “一把手”提能工程 (002 四(一)(3)), with their region.
  static let topUniversities: [(name: String, region: String)] = [
    ("清华大学", "beijing"), ("北京大学", "beijing"), ("浙江大学", "hangzhou"), ("复旦大学", "shanghai"),
  ]

  /// The provincial organs' party school (中共四川省委党校 → 中共四川省委省直机关党校),
  /// where their county-level cadres' 进修班 and branch secretaries' classes are.
  var organSchool: String { String(preset.province.partySchool.dropLast(2)) + "省直机关党校" }

  /// `第n期` after the name of the n-th of `count` classes (nothing for one class).
  static func numbered(_ n: Int, of count: Int) -> String { count > 1 ? "第\(n + 1)期" : "" }

  /// The bureau-level leaders' systematic classes at national institutions:
  /// the seats the provincial party school's 进修班 leaves, in classes of
  /// about 50 bought from the national institutions in turn.
  private func addNationalSystematic(_ seats: Int, to sheet: inout ClassSheet) {
    let sizes = split(seats, size: 50)
    let venues = Self.nationalVenues
    for (n, cap) in sizes.enumerated() {
      let v = venues[n % venues.count]
      guard let d = sheet.dates(1, days: v.days, from: sheet.at(3, 1), to: sheet.close).first else { continue }
      let what = v.type == .partySchool ? "厅局级干部进修班" : "厅局级领导干部党性教育专题培训班"
      sheet.add(
        "\(v.name)\(year)年\(what)（四川）"
          + Self.numbered(n / venues.count, of: (sizes.count + venues.count - 1) / venues.count),
        .systematic, start: d, days: v.days, capacity: cap, ranks: [.bureau], institution: v.name, type: v.type,
        level: .national, region: v.region, quota: true)
    }
  }

  /// The programmes' classes for the cities' leaders: the provincial party
  /// school's eight-week 进修班 for about 50 county-level team members (002
  /// 四(一)(2)) and its month-long class for 100 county-level leaders of
  /// ethnic areas (四(八)(3), when the scenario has ethnic areas), and a
  /// week at a top university for about 200 principals of the city and
  /// county teams and the provincial organs (四(一)(3)).
  ///
  /// - Returns: the seats of the two systematic programmes.
  private func addProgrammeClasses(_ demand: [SchoolDemand], to sheet: inout ClassSheet) -> Int {
    let y = year
    let school = preset.province.partySchool
    let pr = preset.province.region
    let county = split(ReferenceTargets.seats(.countyPartySchool, scale: scale), size: 60)
    for (n, (cap, d)) in zip(county, sheet.dates(county.count, days: 56, from: sheet.at(3, 1))).enumerated() {
      sheet.add(
        "\(school)\(y)年县级领导班子成员进修班" + Self.numbered(n, of: county.count), .systematic, start: d, days: 56,
        capacity: cap, ranks: [.county], institution: school, level: .province, region: pr)
    }
    let ethnicLeaders = demand.reduce(0) { $0 + $1.ethnicAreaCounty }
    let ethnic = ethnicLeaders == 0 ? [] : split(ReferenceTargets.seats(.ethnicAreaPartySchool, scale: scale), size: 60)
    for (n, (cap, d)) in zip(ethnic, sheet.dates(ethnic.count, days: 28, from: sheet.at(3, 1))).enumerated() {
      sheet.add(
        "\(school)\(y)年民族地区县处级领导干部进修班" + Self.numbered(n, of: ethnic.count), .systematic, start: d,
        days: 28, capacity: cap, ranks: [.county], tags: ["ethnic-area"], institution: school, level: .province,
        region: pr)
    }
    let principals = split(ReferenceTargets.seats(.principalsUniversity, scale: scale), size: 50)
    let universities = Self.topUniversities
    for (n, (cap, d)) in zip(principals, sheet.dates(principals.count, days: 7)).enumerated() {
      let u = universities[n % universities.count]
      let round = Self.numbered(
        n / universities.count, of: (principals.count + universities.count - 1) / universities.count)
      sheet.add(
        "“一把手”提能工程\(y)年市县党政主要负责同志专题培训班（\(u.name)）" + round, .professional, start: d,
        days: sheet.rng.pick([5, 6, 7])!, capacity: cap, ranks: [.bureau, .county],
        tags: ["city-county-team", "provincial-organ"], institution: u.name, type: .university, level: .national,
        region: u.region)
    }
    return county.reduce(0, +) + ethnic.reduce(0, +)
  }

  /// The provincial organs' own classes at the provincial party school:
  /// rotation, systematic and professional classes for county-level
  /// cadres, the principals' reading class, appointment and initial
  /// training, professional classes for section cadres and staff.
  private func addProvincialOrganClasses(_ p: SchoolDemand, to sheet: inout ClassSheet) {
    let y = year
    let school = preset.province.partySchool
    let pr = preset.province.region
    let organs = "省直机关"
    sheet.series(
      "\(y)年\(organs)处级领导干部集中轮训班", .rotation, sizes: split(sheet.seats(p.rotation - p.rotationBureau), size: 150),
      days: 4, to: sheet.june, ranks: [.county], institution: school, level: .province, region: pr)
    sheet.series(
      "\(organSchool)\(y)年\(organs)处级干部进修班", .systematic,
      sizes: split(sheet.seats(p.systematic - p.systematicBureau), size: 60), days: 35, ranks: [.county],
      institution: organSchool, level: .province, region: pr)
    sheet.series(
      "\(y)年\(organs)处级干部{theme}专题培训班", .professional,
      sizes: split(sheet.seats(p.professional - p.professionalBureau), size: 80), days: 5, ranks: [.county],
      themes: sheet.rng.shuffled(Theme.all), institution: school, level: .province, region: pr)
    // 四(二)(1): about 500 county-level civil servants of the provincial
    // departments study at the province a year, those due for their 进修班
    // and, in a class of their own, as many others.
    let topUp = max(0, ReferenceTargets.seats(.organCivilServants, scale: scale) - p.organCountySystematic)
    sheet.series(
      "\(y)年省直部门县处级公务员能力提升专题培训班", .special, sizes: split(topUp, size: 80), days: 5, ranks: [.county],
      tags: ["provincial-organ"], institution: school, level: .province, region: pr)
    sheet.series(
      "\(y)年全省市厅级主要领导干部读书班（开春第一班）", .reading, sizes: split(sheet.seats(p.principals), size: 80),
      days: 5, from: sheet.at(3, 1), to: sheet.at(4, 30), ranks: [.bureau], institution: school, level: .province,
      region: pr)
    sheet.series(
      "\(y)年\(organs)新任处级领导干部任职培训班", .appointment, sizes: split(sheet.seats(p.appointmentCounty), size: 80),
      days: 5, from: sheet.at(5, 1), to: sheet.at(11, 30), ranks: [.county], tags: ["new-appointee"],
      institution: school, level: .province, region: pr)
    sheet.series(
      "\(y)年\(organs)新任科级干部任职培训班", .appointment, sizes: split(sheet.seats(p.appointmentSection), size: 80),
      days: 5, from: sheet.at(5, 1), to: sheet.at(11, 30), ranks: [.section], tags: ["new-appointee"],
      institution: school, level: .province, region: pr)
    sheet.series(
      "\(y)年\(organs)新录用公务员初任培训班", .initial, sizes: split(sheet.seats(p.initial), size: 80), days: 7,
      from: sheet.at(6, 1), to: sheet.at(12, 20), ranks: [.staff], tags: ["new-appointee"], institution: school,
      level: .province, region: pr)
    sheet.series(
      "\(y)年\(organs)科级及以下干部{theme}专题培训班", .professional,
      sizes: split(Int((Double(p.sectionAndStaff) * 0.1).rounded()), size: 80), days: 5, ranks: [.section, .staff],
      themes: sheet.rng.shuffled(Theme.all), institution: school, level: .province, region: pr)
  }

  /// Demonstration classes (示范培训) for cadres of every region: township
  /// and village party secretaries, selected graduates, the provincial
  /// organs' branch secretaries, the seminar for county-level leaders of
  /// ethnic areas, each sized from its programme's figure (002 四(七)(1)(2),
  /// (六)(2), (二)(4), (八)(4)); and the non-party young cadres' class.
  private func addDemonstrationClasses(_ demand: [SchoolDemand], to sheet: inout ClassSheet) {
    let y = year
    let prov = preset.province
    let school = (prov.partySchool, InstitutionType.partySchool, prov.region)
    let organs = (organSchool, InstitutionType.partySchool, prov.region)
    let college = prov.cadreColleges.first.map { ($0.name, InstitutionType.cadreCollege, $0.region) } ?? school
    let ethnicCollege = ("四川民族干部培训学院", InstitutionType.cadreCollege, prov.region)  // 四(八)(2)
    let nonParty = demand.reduce(0) { $0 + $1.nonParty }
    let ethnicLeaders = demand.reduce(0) { $0 + $1.ethnicAreaCounty }
    func seats(_ p: ReferenceTargets.Programme) -> Int { ReferenceTargets.seats(p, scale: scale) }
    let demos: [(String, String, Set<Rank>, Int, Int, (String, InstitutionType, String))] = [
      ("乡镇（街道）党（工）委书记示范培训班", "township-secretary", [.section], seats(.townshipSecretaries), 100, school),
      ("村（社区）党组织书记示范培训班", "village-secretary", [.staff], seats(.villageSecretaries), 100, college),
      ("选调生示范培训班", "selected-graduate", [.section, .staff], seats(.selectedGraduates), 100, school),
      ("省直机关党支部书记示范培训班", "branch-secretary", [.section], seats(.branchSecretaries), 100, organs),
      (
        "民族地区县处级领导干部专题研讨班", "ethnic-area", [.county], ethnicLeaders == 0 ? 0 : seats(.ethnicAreaSeminar), 60,
        ethnicCollege
      ),
      ("党外中青年干部培训班", "non-party", [.county, .section], nonParty >= 1_000 ? nonParty / 100 : 0, 60, school),
    ]
    for (name, tag, ranks, seats, size, venue) in demos where seats > 0 {
      let sizes = split(seats, size: size)
      for (n, (cap, d)) in zip(sizes, sheet.dates(sizes.count, days: 5)).enumerated() {
        sheet.add(
          "\(y)年全省\(name)" + Self.numbered(n, of: sizes.count), .special, start: d, days: 5, capacity: cap,
          ranks: ranks, tags: [tag], institution: venue.0, type: venue.1, level: .province, region: venue.2)
      }
    }
  }

  // MARK: A city party school

  /// The groups a city's special classes are for: the city's own cadres
  /// and those of its counties.
  static func cityGroups(_ city: SchoolDemand, counties: [SchoolDemand]) -> SchoolDemand {
    var group = city
    for d in counties {
      group.nonParty += d.nonParty
      group.minority += d.minority
      group.selectedGraduates += d.selectedGraduates
      group.soe += d.soe
      group.institution += d.institution
      group.youngJunior += d.youngJunior
      group.youngNonParty += d.youngNonParty
    }
    return group
  }

  /// A city's classes for county-level leaders: rotation (by the end of
  /// June), systematic classes (young cadres', the main terms less the
  /// `atProvince` seats its leaders have at the provincial party school,
  /// township heads'), professional classes, and the spring reading classes
  /// for its principals (one for the heads of its `counties`).
  private func addCityLeaderClasses(
    _ pref: PrefectureSpec, _ c: SchoolDemand, counties: Int, atProvince: Int, school: String,
    to sheet: inout ClassSheet
  ) {
    let y = year
    let rid = pref.region
    let stem = pref.name
    sheet.series(
      "\(y)年\(stem)县处级领导干部集中轮训班", .rotation,
      sizes: split(sheet.seats(c.rotation), size: layout.catalogue.leaderRotationSize),
      days: sheet.rng.int(in: 3...5), to: sheet.june, ranks: [.county], institution: school, level: .city, region: rid)
    let young = c.systematicYoung > 0 ? max(1, sheet.seats(c.systematicYoung)) : 0
    if young > 0 {
      sheet.series(
        "\(stem)\(y)年中青年干部培训班", .systematic, sizes: split(young, size: 60), days: 42, from: sheet.at(4, 1),
        to: sheet.at(9, 30), ranks: [.county], tags: ["young"], institution: school, level: .city, region: rid)
    }
    let main = split(max(0, sheet.seats(c.systematic) - young - atProvince), size: 60)
    for (n, cap) in main.enumerated() {
      let days = sheet.rng.pick([28, 35, 42])!
      let (from, to) = n % 2 == 0 ? (sheet.at(3, 1), sheet.at(7, 31)) : (sheet.at(8, 15), sheet.close)
      if let d = sheet.dates(1, days: days, from: from, to: to).first {
        sheet.add(
          "\(school)\(y)年县处级领导干部进修班" + (main.count > 1 ? "第\(n + 1)期" : ""), .systematic, start: d,
          days: days, capacity: cap, ranks: [.county], institution: school, level: .city, region: rid)
      }
    }
    sheet.series(
      "\(y)年\(stem)乡镇（街道）党政正职进修班", .systematic, sizes: split(sheet.seats(c.township), size: 50), days: 21,
      from: sheet.at(4, 1), ranks: [.section], tags: ["township-head"], institution: school, level: .city, region: rid)
    sheet.series(
      "\(y)年\(stem)县处级领导干部{theme}专题培训班", .professional, sizes: split(sheet.seats(c.professional), size: 100),
      days: 5, ranks: [.county], themes: sheet.rng.shuffled(Theme.all), institution: school, level: .city, region: rid)
    // The spring reading classes (开春第一班, 000 item 17) start in March to
    // May: the counties' party secretaries and heads in one, the other
    // principals in classes of about 80.
    let heads = 2 * counties
    let others = heads >= 4 ? c.principals - heads : c.principals
    sheet.series(
      "\(y)年\(stem)领导干部读书班（开春第一班）", .reading, sizes: split(sheet.seats(max(10, others)), size: 80), days: 5,
      from: sheet.at(3, 1), to: sheet.at(5, 31), ranks: [.county], institution: school, level: .city, region: rid)
    if heads >= 4, let d = sheet.dates(1, days: 5, from: sheet.at(3, 15), to: sheet.at(4, 30)).first {
      sheet.add(
        "\(y)年\(stem)县（市、区）党政正职读书班", .reading, start: d, days: 5, capacity: sheet.seats(heads),
        ranks: [.county], tags: ["city-county-team"], institution: school, level: .city, region: rid)
    }
    if layout.catalogue.teamReading {
      sheet.series(
        "\(y)年\(stem)县处级领导班子成员读书班", .reading, sizes: split(sheet.seats(c.teamOthers), size: 60), days: 5,
        from: sheet.at(4, 1), to: sheet.at(8, 31), ranks: [.county], institution: school, level: .city, region: rid)
    }
  }

  /// A city's appointment and initial training for the city organs, and
  /// their section cadres' and staff's professional classes.
  private func addCityJuniorClasses(
    _ pref: PrefectureSpec, _ c: SchoolDemand, school: String, to sheet: inout ClassSheet
  ) {
    let y = year
    let rid = pref.region
    let stem = pref.name
    sheet.series(
      "\(y)年\(stem)新任县处级领导干部任职培训班", .appointment, sizes: split(sheet.seats(c.appointmentCounty), size: 60),
      days: 5, from: sheet.at(5, 1), to: sheet.at(11, 30), ranks: [.county], tags: ["new-appointee"],
      institution: school, level: .city, region: rid)
    sheet.series(
      "\(y)年\(stem)市直机关新任科级干部任职培训班", .appointment, sizes: split(sheet.seats(c.appointmentSection), size: 60),
      days: 5, from: sheet.at(5, 1), to: sheet.at(11, 30), ranks: [.section], tags: ["new-appointee"],
      institution: school, level: .city, region: rid)
    sheet.series(
      "\(y)年\(stem)新录用公务员初任培训班", .initial, sizes: split(sheet.seats(c.initial), size: 60), days: 7,
      from: sheet.at(6, 1), to: sheet.at(12, 20), ranks: [.staff], tags: ["new-appointee"], institution: school,
      level: .city, region: rid)
    sheet.series(
      "\(y)年\(stem)市直机关科级及以下干部{theme}专题培训班", .professional,
      sizes: split(Int((Double(c.sectionAndStaff) * 0.1).rounded()), size: 80), days: 5, ranks: [.section, .staff],
      themes: sheet.rng.shuffled(Theme.all), institution: school, level: .city, region: rid)
    if layout.catalogue.juniorRotation {
      sheet.series(
        "\(y)年\(stem)市直机关科级及以下干部集中轮训班", .rotation, sizes: split(sheet.seats(c.juniorRotation), size: 60),
        days: 5, from: sheet.at(3, 1), to: sheet.at(11, 30), ranks: [.section, .staff], institution: school,
        level: .city, region: rid)
    }
  }

  /// A city's special classes for groups of the city and its counties,
  /// each for a group of at least 20.
  private func addCitySpecialClasses(
    _ pref: PrefectureSpec, _ group: SchoolDemand, school: String, to sheet: inout ClassSheet
  ) {
    let specials: [(String, String, Set<Rank>, Int)] = [
      ("党外干部培训班", "non-party", [.county, .section], group.nonParty),
      ("少数民族干部培训班", "ethnic-minority", [.county, .section], group.minority),
      ("选调生培训班", "selected-graduate", [.section, .staff], group.selectedGraduates),
      ("国有企业领导人员专题培训班", "soe", [.county, .section], group.soe),
      ("事业单位领导人员专题培训班", "institution", [.county, .section], group.institution),
      ("年轻干部党性教育专题培训班", "young", [.section, .staff], group.youngJunior),
    ]
    for ((name, tag, ranks, size), d) in zip(specials, sheet.dates(specials.count, days: 5)) where size >= 20 {
      sheet.add(
        "\(year)年\(pref.name)\(name)", .special, start: d, days: 5,
        capacity: min(Int((80 * layout.classSizeFactor).rounded()), max(20, size / 20)), ranks: ranks, tags: [tag],
        institution: school, level: .city, region: pref.region)
    }
    // 002 四(六)(3): the young non-party cadres of the city and its counties
    // due for a class of their group, in classes of their own.
    sheet.series(
      "\(year)年\(pref.name)党外中青年干部培训班", .special, sizes: split(sheet.seats(group.youngNonParty), size: 60),
      days: 5, ranks: [.county, .section], tags: ["non-party"], institution: school, level: .city, region: pref.region)
  }

  // MARK: A county party school

  /// A county's classes for its section-level and grassroots cadres:
  /// appointment and initial training, the village secretaries' class, the
  /// grassroots cadres' rotation and professional classes.
  private func addCountyClasses(
    _ county: CountySpec, _ c: SchoolDemand, region rid: String, to sheet: inout ClassSheet
  ) {
    let y = year
    let name = county.name
    let school = "中共\(name)委党校"
    let options = layout.catalogue
    sheet.series(
      "\(y)年\(name)新任科级干部任职培训班", .appointment,
      sizes: split(sheet.seats(c.appointmentSection), size: options.countyClassSize ?? 100), days: 5,
      from: sheet.at(5, 1), to: sheet.at(11, 30), ranks: [.section], tags: ["new-appointee"], institution: school,
      level: .county, region: rid)
    sheet.series(
      "\(y)年\(name)新录用人员初任培训班", .initial, sizes: split(sheet.seats(c.initial), size: options.countyClassSize ?? 100),
      days: 7, from: sheet.at(6, 1), to: sheet.at(12, 20), ranks: [.staff], tags: ["new-appointee"],
      institution: school, level: .county, region: rid)
    let secretaries =
      options.allVillageSecretaries
      ? sheet.seats(c.villageSecretaries) : Int((Double(c.villageSecretaries) * 0.3).rounded())
    sheet.series(
      "\(y)年\(name)村党组织书记乡村振兴主题培训班", .special,
      sizes: split(secretaries, size: options.countyClassSize ?? 120), days: 5, ranks: [.staff],
      tags: ["village-secretary"], themes: Theme.all.filter { $0.id == options.villageSecretaryTheme },
      institution: school, level: .county, region: rid)
    if options.juniorRotation {
      addCountyJuniorClasses(county, c, region: rid, to: &sheet)
      return
    }
    let general = Double(c.grassroots) * layout.grassrootsSeatShare
    sheet.series(
      "\(y)年\(name)基层干部集中轮训班", .rotation, sizes: split(Int((general * 0.55).rounded()), size: 150),
      days: 3, from: sheet.at(7, 1), to: sheet.at(11, 30), ranks: [.section, .staff], tags: ["grassroots"],
      institution: school, level: .county, region: rid)
    sheet.series(
      "\(y)年\(name)乡镇干部{theme}专题培训班", .professional, sizes: split(Int((general * 0.45).rounded()), size: 100),
      days: 5, ranks: [.section, .staff], themes: sheet.rng.shuffled(Theme.all), institution: school, level: .county,
      region: rid)
  }

  /// A county's classes for all its section-level cadres and staff
  /// (`CatalogueOptions.juniorRotation`): a five-day rotation class for each
  /// of them (35 class hours, the party members' 32 of 000 item 8), and
  /// professional classes towards the section level's 90 hours a year
  /// (002 一(三)1), in classes of the county's size.
  private func addCountyJuniorClasses(
    _ county: CountySpec, _ c: SchoolDemand, region rid: String, to sheet: inout ClassSheet
  ) {
    let y = year
    let name = county.name
    let school = "中共\(name)委党校"
    let options = layout.catalogue
    let size = options.countyClassSize ?? 100
    sheet.series(
      "\(y)年\(name)基层干部集中轮训班", .rotation, sizes: split(sheet.seats(c.juniorRotation), size: size), days: 5,
      from: sheet.at(3, 1), to: sheet.at(11, 30), ranks: [.section, .staff], institution: school, level: .county,
      region: rid)
    let professional = Int((Double(c.sectionAndStaff) * options.juniorProfessionalShare).rounded())
    sheet.series(
      "\(y)年\(name)科级及以下干部{theme}专题培训班", .professional, sizes: split(professional, size: size), days: 5,
      ranks: [.section, .staff], themes: sheet.rng.shuffled(Theme.all), institution: school, level: .county,
      region: rid)
  }
}

extension ClassSheet {
  /// The end of June, by when the leaders' rotation is finished (003).
  var june: Day { at(6, 30) }

  /// Drafts a class (none when `capacity` is 0).
  mutating func add(
    _ name: String, _ kind: ClassKind, start: Day, days: Int, capacity: Int, ranks: Set<Rank>, tags: Set<String> = [],
    theme: String = "", institution: String, type: InstitutionType = .partySchool, level: Level, region: String,
    quota: Bool = false
  ) {
    guard capacity > 0 else { return }
    drafts.append(
      CatalogBuilder.Draft(
        name: name, institution: institution, institutionType: type, level: level, region: region, kind: kind,
        theme: theme, start: start, days: days, capacity: capacity, ranks: ranks, tags: tags, quota: quota))
  }

  /// Drafts one class per size, spread over `from ... to`, numbered when
  /// there are several; `{theme}` in the name is replaced by each class's
  /// theme, taken in turn from `themes`.
  mutating func series(
    _ name: String, _ kind: ClassKind, sizes: [Int], days length: Int, from: Day? = nil, to: Day? = nil,
    ranks: Set<Rank>, tags: Set<String> = [], themes: [Theme] = [], institution: String, level: Level, region: String,
    quota: Bool = false
  ) {
    for (n, (cap, d)) in zip(sizes, dates(sizes.count, days: length, from: from, to: to)).enumerated() {
      let theme = themes.isEmpty ? nil : themes[n % themes.count]
      let title = theme.map { name.replacingOccurrences(of: "{theme}", with: $0.title) } ?? name
      add(
        sizes.count > 1 ? "\(title)第\(n + 1)期" : title, kind, start: d, days: length, capacity: cap, ranks: ranks,
        tags: tags, theme: theme?.id ?? "", institution: institution, level: level, region: region, quota: quota)
    }
  }
}
