import CallupDomain

/// What a generated unit is, which decides its leadership team and tags.
enum UnitKind: Sendable {
  case cityCommittee, cityGovernment, cityCongress, cityConference, court, procuratorate
  case department
  case enterprise, institution
  case countyCommittee, countyGovernment, countyBureau, township
}

/// A unit while the organization is built, with what the later steps need to know.
struct UnitDraft {
  var unit: Unit
  var kind: UnitKind
  /// The minority area the unit lies in (counties only).
  var minority: CountySpec.Minority
  var minorityShare: Double
}

/// A position of a unit's roster: rank, leadership, tags, how many.
struct Role {
  var rank: Rank
  var leadership: Leadership
  var tags: [String] = []
  /// Only party members hold it (party organs, party secretaries).
  var partyOnly = false
  var count: Int

  init(_ rank: Rank, _ leadership: Leadership, _ count: Int = 1, tags: [String] = [], partyOnly: Bool = false) {
    self.rank = rank
    self.leadership = leadership
    self.count = count
    self.tags = tags
    self.partyOnly = partyOnly
  }
}

/// The units of the city preset while they are added, each with its
/// roster, and the stream (`organization`) that draws their sizes in the
/// order the units are added.
struct UnitSheet {
  var drafts: [UnitDraft] = []
  var rosters: [[Role]] = []
  var structure: Xoshiro256

  init(seed: UInt64) { structure = Xoshiro256(seed: seed, stream: "organization") }

  /// Adds a unit with its roster and returns its index. Its id is
  /// provisional (`U` and its index) until `OrganizationBuilder.renumber`.
  @discardableResult
  mutating func add(
    _ name: String, _ kind: UnitKind, region: String, parent: Int?, minority: CountySpec.Minority = .none,
    minorityShare: Double, roles: [Role]
  ) -> Int {
    let unit = Unit(
      id: UnitID("U\(drafts.count)"), name: name, region: RegionID(region),
      parent: parent.map { drafts[$0].unit.id })
    drafts.append(UnitDraft(unit: unit, kind: kind, minority: minority, minorityShare: minorityShare))
    rosters.append(roles)
    return drafts.count - 1
  }
}

/// Builds the units and cadres of a preset: city organs, departments,
/// enterprises and institutions, then each county with its committee,
/// government, bureaus and townships.
struct OrganizationBuilder {
  let preset: GeneratorPreset
  let seed: UInt64
  let scale: Double
  let year: Int

  /// Scaled count of non-leading cadres (at least 1 when the base is positive).
  func scaled(_ n: Int) -> Int { n <= 0 ? 0 : max(1, Int((Double(n) * scale).rounded())) }

  /// The units, the cadres, and the counties used of each prefecture, in
  /// four steps: per prefecture (1) its city units and (2) each county's
  /// units, then (3) padded ids and the people of every role, (4) headcounts
  /// and release limits. Unit sizes come from one stream (`organization`)
  /// drawn in unit order, the people from `people`, the limits from `limits`.
  func build() -> (units: [UnitDraft], cadres: [Cadre], counties: [[CountySpec]]) {
    var sheet = UnitSheet(seed: seed)
    var countiesUsed: [[CountySpec]] = []
    for pref in preset.prefectures {
      let city = addCityOrgans(pref, to: &sheet)
      addDepartments(pref, city, to: &sheet)
      addEnterprisesAndInstitutions(pref, government: city.government, to: &sheet)
      let countyCount = min(pref.counties.count, sheet.structure.int(in: pref.countyCount))
      countiesUsed.append(Array(pref.counties.prefix(countyCount)))
      for county in pref.counties.prefix(countyCount) { addCounty(county, of: pref, city, to: &sheet) }
    }
    var drafts = sheet.drafts
    Self.renumber(&drafts)
    let cadres = people(of: drafts, rosters: sheet.rosters)
    setLimits(&drafts, rosters: sheet.rosters)
    return (drafts, cadres, countiesUsed)
  }

  /// The two city units departments hang under.
  struct CityOrgans {
    var committee: Int
    var government: Int
  }

  /// The city's party committee, government, people's congress, political
  /// consultative conference, intermediate court and procuratorate.
  private func addCityOrgans(_ pref: PrefectureSpec, to sheet: inout UnitSheet) -> CityOrgans {
    let cct = ["city-county-team"]
    let r = pref.region
    let share = pref.cityMinorityShare
    let committee = sheet.add(
      "中共\(pref.name)委员会", .cityCommittee, region: r, parent: nil, minorityShare: share,
      roles: [
        Role(.bureau, .principal, tags: cct, partyOnly: true),  // 书记
        Role(.bureau, .principal, tags: cct, partyOnly: true),  // 市长 (副书记)
        Role(.bureau, .deputy, tags: cct, partyOnly: true),  // 专职副书记
        Role(.bureau, .team, tags: cct, partyOnly: true),  // 秘书长
        Role(.county, .none, 2, partyOnly: true),  // 副秘书长
        Role(.section, .none, scaled(4)), Role(.staff, .none, scaled(2)),
      ])
    let government = sheet.add(
      "\(pref.name)人民政府", .cityGovernment, region: r, parent: nil, minorityShare: share,
      roles: [
        Role(.bureau, .deputy, tags: cct, partyOnly: true),  // 常务副市长
        Role(.bureau, .deputy, 4, tags: cct),  // 副市长
        Role(.county, .team),  // 秘书长
        Role(.county, .none, 3),  // 副秘书长
        Role(.section, .none, scaled(3)), Role(.staff, .none, scaled(2)),
      ])
    sheet.add(
      "\(pref.name)人大常委会", .cityCongress, region: r, parent: nil, minorityShare: share,
      roles: [
        Role(.bureau, .principal, partyOnly: true), Role(.bureau, .deputy, 4), Role(.county, .team),
        Role(.county, .none, 5), Role(.section, .none, scaled(4)), Role(.staff, .none, scaled(2)),
      ])
    sheet.add(
      "政协\(pref.name)委员会", .cityConference, region: r, parent: nil, minorityShare: share,
      roles: [
        Role(.bureau, .principal, partyOnly: true), Role(.bureau, .deputy, 5), Role(.county, .team),
        Role(.county, .none, 5), Role(.section, .none, scaled(4)), Role(.staff, .none, scaled(2)),
      ])
    sheet.add(
      "\(pref.name)中级人民法院", .court, region: r, parent: nil, minorityShare: share,
      roles: [
        Role(.bureau, .principal, partyOnly: true), Role(.county, .deputy, 3), Role(.county, .team, 2),
        Role(.section, .none, scaled(6)), Role(.staff, .none, scaled(3)),
      ])
    sheet.add(
      "\(pref.name)人民检察院", .procuratorate, region: r, parent: nil, minorityShare: share,
      roles: [
        Role(.bureau, .principal, partyOnly: true), Role(.county, .deputy, 3), Role(.county, .team),
        Role(.section, .none, scaled(5)), Role(.staff, .none, scaled(3)),
      ])
    return CityOrgans(committee: committee, government: government)
  }

  /// A unit name of the preset's lists with the city's own name (`市财政局`
  /// of 成都市 is `成都市财政局`).
  static func cityName(_ name: String, of pref: PrefectureSpec) -> String {
    let stem = pref.name.hasSuffix("市") ? String(pref.name.dropLast()) : pref.name
    return name.hasPrefix("市") ? stem + name : name
  }

  /// The city's departments, under the committee (party organs) or the
  /// government; about a third have a bureau-level inspector.
  private func addDepartments(_ pref: PrefectureSpec, _ city: CityOrgans, to sheet: inout UnitSheet) {
    for d in pref.departments {
      var roles: [Role] = []
      if d.headIsCityLeader {
        roles.append(Role(.bureau, .principal, tags: ["city-county-team"], partyOnly: true))
      } else {
        roles.append(Role(.county, .principal, partyOnly: d.isPartyOrgan))
      }
      roles.append(Role(.county, .deputy, d.deputies, partyOnly: d.isPartyOrgan))
      roles.append(Role(.county, .team, partyOnly: true))  // 纪检监察组长 / 机关党委书记
      roles.append(Role(.county, .none, sheet.structure.int(in: 2...5), partyOnly: d.isPartyOrgan))  // 调研员
      if sheet.structure.chance(0.35) { roles.append(Role(.bureau, .none, partyOnly: d.isPartyOrgan)) }  // 二级巡视员
      roles.append(Role(.section, .none, scaled(sheet.structure.int(in: 10...14)), partyOnly: d.isPartyOrgan))
      roles.append(Role(.staff, .none, scaled(sheet.structure.int(in: 4...6))))
      sheet.add(
        Self.cityName(d.name, of: pref), .department, region: pref.region,
        parent: d.isPartyOrgan ? city.committee : city.government, minorityShare: pref.cityMinorityShare, roles: roles)
    }
  }

  /// The city's state-owned enterprises and public institutions, under the government.
  private func addEnterprisesAndInstitutions(_ pref: PrefectureSpec, government: Int, to sheet: inout UnitSheet) {
    let r = pref.region
    let share = pref.cityMinorityShare
    for e in pref.enterprises {
      sheet.add(
        Self.cityName(e, of: pref), .enterprise, region: r, parent: government, minorityShare: share,
        roles: [
          Role(.county, .principal, tags: ["soe"], partyOnly: true),  // 董事长、党委书记
          Role(.county, .principal, tags: ["soe"]),  // 总经理
          Role(.county, .deputy, 4, tags: ["soe"]), Role(.county, .team, tags: ["soe"], partyOnly: true),
          Role(.section, .none, scaled(sheet.structure.int(in: 4...6)), tags: ["soe"]),
          Role(.staff, .none, scaled(sheet.structure.int(in: 2...3)), tags: ["soe"]),
        ])
    }
    for i in pref.institutions {
      sheet.add(
        Self.cityName(i, of: pref), .institution, region: r, parent: government, minorityShare: share,
        roles: [
          Role(.county, .principal, tags: ["institution"], partyOnly: true),  // 党委书记
          Role(.county, .principal, tags: ["institution"]),  // 院长
          Role(.county, .deputy, 3, tags: ["institution"]),
          Role(.section, .none, scaled(sheet.structure.int(in: 4...6)), tags: ["institution"]),
          Role(.staff, .none, scaled(sheet.structure.int(in: 2...3)), tags: ["institution"]),
        ])
    }
  }

  /// A county's party committee (under the city's) and government, then
  /// its bureaus and townships.
  private func addCounty(_ county: CountySpec, of pref: PrefectureSpec, _ city: CityOrgans, to sheet: inout UnitSheet) {
    let cct = ["city-county-team"]
    let r = pref.region
    let mshare = county.minority == .none ? preset.shares.minorityElsewhere : preset.shares.minorityInMinorityArea
    let cc = sheet.add(
      "中共\(county.name)委员会", .countyCommittee, region: r, parent: city.committee, minority: county.minority,
      minorityShare: mshare,
      roles: [
        Role(.county, .principal, tags: cct, partyOnly: true),  // 书记
        Role(.county, .principal, tags: cct, partyOnly: true),  // 县长 / 区长 (副书记)
        Role(.county, .deputy, tags: cct, partyOnly: true),  // 专职副书记
        Role(.county, .team, 7, tags: cct, partyOnly: true),  // 常委
        Role(.county, .none, sheet.structure.int(in: 3...4), partyOnly: true),  // 一级、二级调研员
        Role(.section, .none, scaled(6)), Role(.staff, .none, scaled(3)),
      ])
    let cg = sheet.add(
      "\(county.name)人民政府", .countyGovernment, region: r, parent: cc, minority: county.minority,
      minorityShare: mshare,
      roles: [
        Role(.county, .deputy, tags: cct, partyOnly: true),  // 常务副县长
        Role(.county, .deputy, sheet.structure.int(in: 4...5), tags: cct),  // 副县长
        Role(.county, .none, sheet.structure.int(in: 2...3)),  // 二级调研员
        Role(.section, .none, scaled(6)), Role(.staff, .none, scaled(3)),
      ])
    addBureausAndTownships(county, of: pref, government: cg, share: mshare, to: &sheet)
  }

  /// A county's bureaus (a random choice of the preset's number, in list
  /// order) and its townships (random stems; subdistricts in a district).
  private func addBureausAndTownships(
    _ county: CountySpec, of pref: PrefectureSpec, government cg: Int, share mshare: Double, to sheet: inout UnitSheet
  ) {
    let r = pref.region
    let bureaus = sheet.structure.shuffled(Array(Names.countyBureaus.indices)).prefix(pref.bureausPerCounty)
    for b in bureaus.sorted() {
      sheet.add(
        county.name + Names.countyBureaus[b], .countyBureau, region: r, parent: cg, minority: county.minority,
        minorityShare: mshare,
        roles: [
          Role(.section, .principal, partyOnly: true), Role(.section, .deputy, 3),
          Role(.section, .none, scaled(5)), Role(.staff, .none, scaled(4)),
        ])
    }
    let towns = scaled(sheet.structure.int(in: pref.townshipsPerCounty))
    let stems = sheet.structure.shuffled(Names.townStems).prefix(towns)
    for (n, stem) in stems.enumerated() {
      let suffix = county.isDistrict ? (n % 2 == 0 ? "街道" : "镇") : (n % 3 == 2 ? "乡" : "镇")
      let gt = ["township-head", "grassroots"]
      sheet.add(
        county.name + stem + suffix, .township, region: r, parent: cg, minority: county.minority,
        minorityShare: mshare,
        roles: [
          Role(.section, .principal, tags: gt, partyOnly: true),  // 党委书记
          Role(.section, .principal, tags: gt),  // 乡镇长 / 街道办主任
          Role(.section, .deputy, tags: ["grassroots"], partyOnly: true),  // 党委副书记
          Role(.section, .team, 2, tags: ["grassroots"], partyOnly: true),  // 人大主席、纪委书记
          Role(.section, .deputy, 3, tags: ["grassroots"]),  // 副乡镇长
          Role(.section, .none, scaled(3), tags: ["grassroots"]),
          Role(.staff, .none, scaled(5), tags: ["grassroots"]),
        ])
    }
  }

  /// Padded unit ids; parents renamed with them.
  static func renumber(_ drafts: inout [UnitDraft]) {
    let unitWidth = max(3, String(drafts.count).count)
    var renamed: [UnitID: UnitID] = [:]
    for i in drafts.indices {
      let id = UnitID("U" + pad(i + 1, unitWidth))
      renamed[drafts[i].unit.id] = id
      drafts[i].unit.id = id
    }
    for i in drafts.indices { drafts[i].unit.parent = drafts[i].unit.parent.flatMap { renamed[$0] } }
  }

  /// The people of each unit in roster order, with padded ids (stream `people`).
  private func people(of drafts: [UnitDraft], rosters: [[Role]]) -> [Cadre] {
    var people = Xoshiro256(seed: seed, stream: "people")
    let total = rosters.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    let cadreWidth = max(5, String(total).count)
    var cadres: [Cadre] = []
    cadres.reserveCapacity(total)
    for (u, roles) in rosters.enumerated() {
      for role in roles {
        for _ in 0..<role.count {
          let id = CadreID("P" + pad(cadres.count + 1, cadreWidth))
          cadres.append(person(id: id, role: role, in: drafts[u], rng: &people))
        }
      }
    }
    return cadres
  }

  /// Headcounts above the cadre counts; a few units with their own release
  /// limits (stream `limits`).
  private func setLimits(_ drafts: inout [UnitDraft], rosters: [[Role]]) {
    var limits = Xoshiro256(seed: seed, stream: "limits")
    var count = Array(repeating: 0, count: drafts.count)
    for (u, roles) in rosters.enumerated() { count[u] = roles.reduce(0) { $0 + $1.count } }
    for i in drafts.indices {
      let n = count[i]
      let factor: ClosedRange<Double>
      switch drafts[i].kind {
      case .enterprise: factor = 25...60
      case .institution: factor = 30...80
      case .township: factor = 2.5...4.0
      case .countyBureau: factor = 2.5...4.0
      default: factor = 1.8...3.0
      }
      drafts[i].unit.headcount = max(n + 3, Int((Double(n) * limits.double(in: factor)).rounded()))
      if limits.chance(0.06) {
        switch limits.int(in: 0...3) {
        case 0: drafts[i].unit.maxAway = 1
        case 1: drafts[i].unit.maxAway = 3
        case 2: drafts[i].unit.maxAwayShare = ExactDecimal("0.2")
        default:
          drafts[i].unit.maxAway = 3
          drafts[i].unit.maxAwayShare = ExactDecimal("0.15")
        }
      }
    }
  }

  /// One cadre of `role` in `unit`: name, gender, birth year, party,
  /// group tags and the date of appointment.
  func person(id: CadreID, role: Role, in unit: UnitDraft, rng: inout Xoshiro256) -> Cadre {
    let s = preset.shares
    let y = year
    let female = rng.chance(role.leadership == .principal ? s.female / 2 : s.female * 1.05)
    // Appointed to the post (or recruited) in the plan year.
    let newcomer: Bool
    switch role.rank {
    case .provincial, .bureau: newcomer = false
    case .county, .section: newcomer = rng.chance(s.newlyAppointed)
    case .staff: newcomer = rng.chance(s.newRecruits)
    }
    let birth: Int
    switch role.rank {
    case .provincial, .bureau: birth = rng.int(in: (y - 61)...(y - 47))
    case .county: birth = rng.chance(0.15) ? rng.int(in: (y - 40)...(y - 35)) : rng.int(in: (y - 59)...(y - 41))
    case .section: birth = rng.chance(0.35) ? rng.int(in: (y - 40)...(y - 29)) : rng.int(in: (y - 58)...(y - 41))
    case .staff: birth = newcomer ? rng.int(in: (y - 29)...(y - 23)) : rng.int(in: (y - 45)...(y - 24))
    }

    var tags = Set(role.tags)
    if newcomer { tags.insert("new-appointee") }
    // Young: born 1985 or later for the plan year 2025.
    if birth >= y - 40, rng.chance(s.youngIfBornFrom1985) { tags.insert("young") }
    var party = Party.cpc
    if !role.partyOnly, role.leadership != .principal, rng.chance(s.nonParty) {
      party = .nonParty
      tags.insert("non-party")
    }
    let minority = rng.chance(unit.minorityShare)
    if minority { tags.insert("ethnic-minority") }
    if role.rank >= .section, birth >= y - 37, rng.chance(s.selectedGraduate) { tags.insert("selected-graduate") }

    let appointed: Day?
    if newcomer {
      let last = role.rank == .staff ? Day(year: y, month: 8, day: 31)! : Day(year: y, month: 9, day: 30)!
      appointed = randomDay(from: Day(year: y, month: 1, day: 6)!, to: last, rng: &rng)
    } else {
      switch role.rank {
      case .provincial, .bureau: appointed = randomDay(years: y - 7, y - 1, rng: &rng)
      case .county, .section:
        appointed =
          role.leadership == .none && rng.chance(0.03)
          ? nil : randomDay(years: max(y - 12, birth + 28), y - 1, rng: &rng)
      case .staff: appointed = randomDay(years: max(y - 16, birth + 22), y - 1, rng: &rng)
      }
    }
    let name = Names.person(
      female: female, minority: minority && rng.chance(0.85) ? unit.minority : .none, rng: &rng)
    return Cadre(
      id: id, name: name, unit: unit.unit.id, rank: role.rank, leadership: role.leadership, tags: tags,
      gender: female ? .female : .male, birthYear: birth, party: party, appointed: appointed)
  }
}

/// A uniform day of the years `first ... last` (of `last` alone when `first > last`).
func randomDay(years first: Int, _ last: Int, rng: inout Xoshiro256) -> Day {
  randomDay(from: Day(year: min(first, last), month: 1, day: 1)!, to: Day(year: last, month: 12, day: 31)!, rng: &rng)
}

/// A uniform day in `from ... to`.
func randomDay(from: Day, to: Day, rng: inout Xoshiro256) -> Day {
  from.advanced(by: rng.int(in: 0...max(0, from.distance(to: to))))
}

/// `n` with leading zeros to `width` digits.
func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return String(repeating: "0", count: max(0, width - s.count)) + s
}
