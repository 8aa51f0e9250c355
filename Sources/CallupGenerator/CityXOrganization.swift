import CallupDomain

/// The units and cadres of City X: the city's organs, 32 departments, 4
/// enterprises and 6 public institutions, then 6 counties and districts
/// with their committee, government, 4 bureaus, a public institution, 5–7
/// townships or subdistricts and their villages or communities.
///
/// Tags beyond the roles' own: `section-leader` (科级领导干部: section
/// chiefs and their deputies, the leaders of county bureaus and townships),
/// `grassroots` (the townships' cadres and the village secretaries),
/// `village-secretary`, `soe`, `institution`, `city-county-team`,
/// `township-head`, and drawn per person `young`, `non-party`,
/// `ethnic-minority` (the region's Hui, about a quarter) and
/// `new-appointee` (appointed in the plan year); and the field the unit
/// works on, which decides its targeted classes: `field-party`,
/// `field-services`, `field-economy`, `field-urban` or `field-rural`.
struct CityXOrganization {
  let seed: UInt64
  let scale: Double
  let year: Int

  /// Scaled count of non-leading cadres (at least 1 when the base is positive).
  func scaled(_ n: Int) -> Int { n <= 0 ? 0 : max(1, Int((Double(n) * scale).rounded())) }

  static let minorityShare = 0.25
  static let counties: [(name: String, district: Bool)] = [
    ("金凤区", true), ("兴庆区", true), ("西夏区", true), ("永宁县", false), ("贺兰县", false), ("灵武市", false),
  ]
  /// The departments, whether a party organ, and the field of their targeted classes.
  static let departments: [(name: String, party: Bool, field: String)] = [
    ("市委办公室", true, pty), ("市委组织部", true, pty), ("市委宣传部", true, pty), ("市委统战部", true, pty),
    ("市委政法委员会", true, pty), ("市纪委监委", true, pty), ("市委直属机关工委", true, pty), ("市政府办公室", false, svc),
    ("市发展和改革委员会", false, eco), ("市工业和信息化局", false, eco), ("市教育局", false, svc), ("市科学技术局", false, eco),
    ("市公安局", false, svc), ("市民政局", false, svc), ("市司法局", false, pty), ("市财政局", false, eco),
    ("市人力资源和社会保障局", false, svc), ("市自然资源局", false, urb), ("市生态环境局", false, urb),
    ("市住房和城乡建设局", false, urb), ("市交通运输局", false, urb), ("市水务局", false, urb), ("市农业农村局", false, rur),
    ("市商务局", false, eco), ("市文化旅游广电局", false, rur), ("市卫生健康委员会", false, svc), ("市应急管理局", false, svc),
    ("市审计局", false, eco), ("市市场监督管理局", false, svc), ("市民族宗教事务委员会", false, pty),
    ("市国有资产监督管理委员会", false, eco), ("市城市管理局", false, urb),
  ]
  /// The fields of the targeted classes (`field-…` tags): what a unit works
  /// on. Party and political-legal affairs, public services, the economy,
  /// the city's construction and management, rural affairs.
  static let pty = "field-party", svc = "field-services", eco = "field-economy", urb = "field-urban"
  static let rur = "field-rural"
  static let enterprises = ["X市国有资本运营集团有限公司", "X市城市发展集团有限公司", "X市交通投资集团有限公司", "X市水务集团有限公司"]
  static let institutions: [(name: String, field: String)] = [
    ("X市第一人民医院", svc), ("X市中医医院", svc), ("X职业技术学院", svc), ("X市农林科学院", rur), ("X市融媒体中心", pty),
    ("X市规划设计研究院", urb),
  ]
  static let countyBureaus: [(name: String, field: String)] = [
    ("财政局", eco), ("教育局", svc), ("农业农村局", rur), ("自然资源局", urb), ("卫生健康局", svc), ("应急管理局", svc),
    ("发展和改革局", eco),
  ]
  static let villageStems = [
    "红星", "光明", "胜利", "新华", "团结", "永丰", "和平", "前进", "东升", "向阳", "幸福", "兴旺", "建设", "民乐",
    "金星", "长城", "通贵", "望洪", "李俊", "杨和",
  ]

  /// The units being added, each with the field its cadres' targeted classes are on.
  struct Sheet {
    var units: UnitSheet
    var fields: [String] = []

    /// Adds a unit of the city with its roster and field; returns its index.
    @discardableResult
    mutating func add(_ name: String, _ kind: UnitKind, parent: Int?, field: String, roles: [Role]) -> Int {
      fields.append(field)
      return units.add(
        name, kind, region: CityXScenario.region, parent: parent, minorityShare: CityXOrganization.minorityShare,
        roles: roles)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int { units.structure.int(in: range) }
    mutating func shuffled<T>(_ items: [T]) -> [T] { units.structure.shuffled(items) }
  }

  /// The units (ids `U001`…) and the cadres (`P00001`…), headcounts, and
  /// the release limit of the city's organs, departments, enterprises and
  /// institutions and the counties' committees and governments: a tenth
  /// of the staff, at most four; of the townships three (the policy's
  /// default, two, is kept by the county bureaus).
  func build() -> (units: [Unit], cadres: [Cadre]) {
    var sheet = Sheet(units: UnitSheet(seed: seed))
    let (committee, government) = addCityOrgans(to: &sheet)
    addDepartments(committee: committee, government: government, to: &sheet)
    addEnterprisesAndInstitutions(government: government, to: &sheet)
    for county in Self.counties { addCounty(county.name, district: county.district, committee, to: &sheet) }
    var drafts = sheet.units.drafts
    OrganizationBuilder.renumber(&drafts)
    var people = Xoshiro256(seed: seed, stream: "city-x people")
    var cadres: [Cadre] = []
    let rosters = sheet.units.rosters
    let width = max(5, String(rosters.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }).count)
    for (u, roles) in rosters.enumerated() {
      for role in roles {
        for _ in 0..<role.count {
          var c = person(id: CadreID("P" + pad(cadres.count + 1, width)), role: role, in: drafts[u], &people)
          c.tags.insert(sheet.fields[u])
          cadres.append(c)
        }
      }
    }
    var limits = Xoshiro256(seed: seed, stream: "city-x limits")
    for (i, roles) in rosters.enumerated() {
      let n = roles.reduce(0) { $0 + $1.count }
      let factor: ClosedRange<Double> = drafts[i].kind == .township ? 1.5...2.5 : 1.8...3.0
      drafts[i].unit.headcount = max(n + 3, Int((Double(n) * limits.double(in: factor)).rounded()))
      switch drafts[i].kind {
      case .countyBureau: break
      case .township:
        // A township (and a village, whose one cadre is its secretary) can
        // spare three.
        drafts[i].unit.maxAway = 3
      default:
        // A department or organ of forty staff or more can spare a tenth of
        // them, at most four, on one day.
        drafts[i].unit.maxAway = 4
        drafts[i].unit.maxAwayShare = ExactDecimal("0.1")
      }
    }
    return (drafts.map(\.unit), cadres)
  }

  /// The city's party committee, government, people's congress, political
  /// consultative conference, intermediate court and procuratorate; their
  /// leaders are of bureau rank (managed by the region, not the city).
  private func addCityOrgans(to sheet: inout Sheet) -> (committee: Int, government: Int) {
    let lead = ["section-leader"]
    let committee = sheet.add(
      "中共X市委员会", .cityCommittee, parent: nil, field: Self.pty,
      roles: [
        Role(.bureau, .principal, partyOnly: true), Role(.bureau, .deputy, partyOnly: true),
        Role(.bureau, .team, 5, partyOnly: true), Role(.county, .none, 2, partyOnly: true),
        Role(.section, .none, 2, tags: lead), Role(.section, .none, scaled(2)), Role(.staff, .none, scaled(2)),
      ])
    let government = sheet.add(
      "X市人民政府", .cityGovernment, parent: nil, field: Self.svc,
      roles: [
        Role(.bureau, .principal, partyOnly: true), Role(.bureau, .deputy, partyOnly: true), Role(.bureau, .deputy, 4),
        Role(.county, .team), Role(.county, .none, 3), Role(.section, .none, 2, tags: lead),
        Role(.section, .none, scaled(2)), Role(.staff, .none, scaled(2)),
      ])
    for (name, kind) in [("X市人大常委会", UnitKind.cityCongress), ("政协X市委员会", .cityConference)] {
      sheet.add(
        name, kind, parent: nil, field: Self.pty,
        roles: [
          Role(.bureau, .principal, partyOnly: true), Role(.bureau, .deputy, 3), Role(.county, .team),
          Role(.county, .none, 3), Role(.section, .none, 2, tags: lead), Role(.section, .none, scaled(2)),
          Role(.staff, .none, scaled(2)),
        ])
    }
    for (name, kind) in [("X市中级人民法院", UnitKind.court), ("X市人民检察院", .procuratorate)] {
      sheet.add(
        name, kind, parent: nil, field: Self.pty,
        roles: [
          Role(.bureau, .principal, partyOnly: true), Role(.county, .deputy, 3), Role(.county, .team),
          Role(.section, .none, 5, tags: lead), Role(.section, .none, scaled(3)), Role(.staff, .none, scaled(3)),
        ])
    }
    return (committee, government)
  }

  /// The departments: a head and three deputies of county rank, the
  /// discipline inspector, two county-level inspectors (调研员), the section
  /// chiefs and their deputies, other section-level and staff officials.
  private func addDepartments(committee: Int, government: Int, to sheet: inout Sheet) {
    for d in Self.departments {
      let chiefs = sheet.int(in: 9...12)
      sheet.add(
        d.name.replacingOccurrences(of: "市", with: "X市", options: .anchored), .department,
        parent: d.party ? committee : government, field: d.field,
        roles: [
          Role(.county, .principal, partyOnly: d.party), Role(.county, .deputy, 3, partyOnly: d.party),
          Role(.county, .team, partyOnly: true), Role(.county, .none, 2, partyOnly: d.party),
          Role(.section, .none, chiefs, tags: ["section-leader"], partyOnly: d.party),
          Role(.section, .none, scaled(sheet.int(in: 4...6)), partyOnly: d.party),
          Role(.staff, .none, scaled(sheet.int(in: 4...6))),
        ])
    }
  }

  /// The city's enterprises and public institutions, under the government.
  private func addEnterprisesAndInstitutions(government: Int, to sheet: inout Sheet) {
    for e in Self.enterprises {
      let soe = ["soe"]
      sheet.add(
        e, .enterprise, parent: government, field: Self.eco,
        roles: [
          Role(.county, .principal, tags: soe, partyOnly: true), Role(.county, .principal, tags: soe),
          Role(.county, .deputy, 2, tags: soe), Role(.section, .none, 4, tags: soe + ["section-leader"]),
          Role(.section, .none, scaled(2), tags: soe), Role(.staff, .none, scaled(2), tags: soe),
        ])
    }
    for i in Self.institutions {
      let inst = ["institution"]
      sheet.add(
        i.name, .institution, parent: government, field: i.field,
        roles: [
          Role(.county, .principal, tags: inst, partyOnly: true), Role(.county, .principal, tags: inst),
          Role(.county, .deputy, 2, tags: inst), Role(.section, .none, 4, tags: inst + ["section-leader"]),
          Role(.section, .none, scaled(2), tags: inst), Role(.staff, .none, scaled(2), tags: inst),
        ])
    }
  }

  /// A county or district: its committee (under the city's) and
  /// government, whose leaders are the city's `city-county-team`, four
  /// bureaus, the county hospital, and its townships with their villages.
  private func addCounty(_ county: String, district: Bool, _ cityCommittee: Int, to sheet: inout Sheet) {
    let cct = ["city-county-team"], lead = ["section-leader"]
    let cc = sheet.add(
      "中共\(county)委员会", .countyCommittee, parent: cityCommittee, field: Self.pty,
      roles: [
        Role(.county, .principal, tags: cct, partyOnly: true), Role(.county, .principal, tags: cct, partyOnly: true),
        Role(.county, .deputy, tags: cct, partyOnly: true), Role(.county, .team, 5, tags: cct, partyOnly: true),
        Role(.county, .none, 2, partyOnly: true), Role(.section, .none, 6, tags: lead, partyOnly: true),
        Role(.section, .none, scaled(3), partyOnly: true), Role(.staff, .none, scaled(3)),
      ])
    let cg = sheet.add(
      "\(county)人民政府", .countyGovernment, parent: cc, field: Self.svc,
      roles: [
        Role(.county, .deputy, tags: cct, partyOnly: true), Role(.county, .deputy, 4, tags: cct),
        Role(.county, .none), Role(.section, .none, 6, tags: lead), Role(.section, .none, scaled(3)),
        Role(.staff, .none, scaled(3)),
      ])
    for b in sheet.shuffled(Array(Self.countyBureaus.indices)).prefix(4).sorted() {
      sheet.add(
        county + Self.countyBureaus[b].name, .countyBureau, parent: cg, field: Self.countyBureaus[b].field,
        roles: [
          Role(.section, .principal, tags: lead, partyOnly: true), Role(.section, .deputy, 2, tags: lead),
          Role(.section, .none, scaled(4)), Role(.staff, .none, scaled(3)),
        ])
    }
    sheet.add(
      county + "人民医院", .institution, parent: cg, field: Self.svc,
      roles: [
        Role(.section, .principal, tags: ["institution"] + lead, partyOnly: true),
        Role(.section, .deputy, tags: ["institution"] + lead), Role(.section, .none, scaled(3), tags: ["institution"]),
        Role(.staff, .none, scaled(2), tags: ["institution"]),
      ])
    addTownships(county, district: district, government: cg, to: &sheet)
  }

  /// A county's townships (subdistricts in a district) and each one's
  /// villages (communities), whose party secretary is its one cadre.
  /// Townships and villages work on rural affairs, subdistricts and
  /// communities on the city's.
  private func addTownships(_ county: String, district: Bool, government cg: Int, to sheet: inout Sheet) {
    let towns = scaled(sheet.int(in: 5...7))
    let stems = sheet.shuffled(Names.townStems).prefix(towns)
    for (n, stem) in stems.enumerated() {
      let suffix = district ? (n % 2 == 0 ? "街道" : "镇") : (n % 3 == 2 ? "乡" : "镇")
      let field = suffix == "街道" ? Self.urb : Self.rur
      let g = ["grassroots", "section-leader"]
      let t = sheet.add(
        county + stem + suffix, .township, parent: cg, field: field,
        roles: [
          Role(.section, .principal, tags: g + ["township-head"], partyOnly: true),
          Role(.section, .principal, tags: g + ["township-head"]), Role(.section, .deputy, tags: g, partyOnly: true),
          Role(.section, .team, 2, tags: g, partyOnly: true), Role(.section, .deputy, 3, tags: g),
          Role(.section, .none, scaled(3), tags: ["grassroots"]), Role(.staff, .none, scaled(5), tags: ["grassroots"]),
        ])
      let villages = sheet.shuffled(Self.villageStems).prefix(sheet.int(in: 5...6))
      let place = suffix == "街道" ? "社区" : "村"
      for v in villages {
        sheet.add(
          county + stem + suffix + v + place, .township, parent: t, field: field,
          roles: [Role(.staff, .principal, tags: ["grassroots", "village-secretary"], partyOnly: true)])
      }
    }
  }

  /// One cadre of `role` in `unit`: name, gender, birth year, party, the
  /// group tags and the date of appointment to the post.
  func person(id: CadreID, role: Role, in unit: UnitDraft, _ rng: inout Xoshiro256) -> Cadre {
    let y = year
    let female = rng.chance(role.leadership == .principal ? 0.15 : 0.32)
    let newcomer = (role.rank == .county || role.rank == .section) && rng.chance(0.10)
    let birth: Int
    switch role.rank {
    case .provincial, .bureau: birth = rng.int(in: (y - 60)...(y - 47))
    case .county: birth = rng.chance(0.15) ? rng.int(in: (y - 40)...(y - 36)) : rng.int(in: (y - 58)...(y - 41))
    case .section: birth = rng.chance(0.45) ? rng.int(in: (y - 40)...(y - 28)) : rng.int(in: (y - 57)...(y - 41))
    case .staff: birth = rng.int(in: (y - 52)...(y - 24))
    }
    var tags = Set(role.tags)
    if newcomer { tags.insert("new-appointee") }
    if birth >= y - 40, rng.chance(0.85) { tags.insert("young") }
    var party = Party.cpc
    if !role.partyOnly, role.leadership != .principal, role.rank != .staff,
      rng.chance(role.rank == .section ? 0.08 : 0.16)
    {
      party = .nonParty
      tags.insert("non-party")
    }
    if rng.chance(unit.minorityShare) { tags.insert("ethnic-minority") }
    let appointed: Day?
    if newcomer {
      appointed = randomDay(from: Day(year: y, month: 1, day: 6)!, to: Day(year: y, month: 9, day: 30)!, rng: &rng)
    } else {
      appointed = randomDay(years: max(y - 10, birth + 26), y - 1, rng: &rng)
    }
    let name = Names.person(female: female, minority: .none, rng: &rng)
    return Cadre(
      id: id, name: name, unit: unit.unit.id, rank: role.rank, leadership: role.leadership, tags: tags,
      gender: female ? .female : .male, birthYear: birth, party: party, appointed: appointed)
  }
}
