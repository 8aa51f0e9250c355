import CallupDomain

/// The level a unit belongs to, which decides who trains its cadres.
enum Tier: UInt8, Sendable {
  case province, city, county
}

/// A unit of a regional scenario while it is built.
struct RegionalUnit {
  var unit: Unit
  var kind: RegionalUnitKind
  var tier: Tier
  /// Index of the unit's region among the kept prefectures; -1 for provincial organs.
  var region: Int32
  /// Index of the unit's county among the kept counties; -1 above the counties.
  var county: Int32
  var minority: CountySpec.Minority
  var minorityShare: Double
  /// In an ethnic area (民族地区): an autonomous prefecture or a minority county.
  var ethnicArea: Bool
}

/// What a regional unit is (for its headcount and the people in it).
enum RegionalUnitKind: Sendable {
  case organ, department, enterprise, institution, township, village, community
}

/// A position of a unit: rank, leadership, tags, how many.
struct Post {
  var rank: Rank
  var leadership: Leadership
  var count: Int
  var tags: TagSet
  var partyOnly: Bool
  init(_ rank: Rank, _ leadership: Leadership, _ count: Int = 1, _ tags: TagSet = [], party: Bool = false) {
    self.rank = rank
    self.leadership = leadership
    self.count = count
    self.tags = tags
    self.partyOnly = party
  }
}

/// The units and cadres of a regional scenario.
struct RegionalOrganization {
  var units: [RegionalUnit]
  /// Cadres in unit order: those of unit `u` are `cadres[unitStart[u] ..< unitStart[u + 1]]`.
  var cadres: [CadreRow]
  var unitStart: [Int32]
  /// The prefectures kept at this scale.
  var prefectures: [PrefectureSpec]
  /// The counties kept at this scale, with the index of their prefecture.
  var counties: [(spec: CountySpec, region: Int32)]
}

/// Where the units being added lie: tier, region, county, and the share of
/// their cadres who belong to an ethnic minority.
struct UnitPlace {
  var tier: Tier
  /// Index of the region among the kept prefectures; -1 for provincial organs.
  var region: Int32
  /// Index of the county among the kept counties; -1 above the counties.
  var county: Int32
  var regionID: String
  var minority: CountySpec.Minority = .none
  var share: Double
  /// In an ethnic area: an autonomous prefecture (州) or a county of a minority area.
  var ethnicArea = false
}

/// The units of a regional scenario while they are added, each with its
/// posts, and the stream (`regional-organization`) that draws their sizes
/// in the order the units are added.
struct RegionalUnitSheet {
  var units: [RegionalUnit] = []
  var posts: [[Post]] = []
  var structure: Xoshiro256
  /// Multiplies the staff of every unit (the scale when above 1).
  let staffFactor: Double

  init(seed: UInt64, staffFactor: Double) {
    structure = Xoshiro256(seed: seed, stream: "regional-organization")
    self.staffFactor = staffFactor
  }

  /// `n` staff posts, scaled (at least one when `n` is positive).
  func staff(_ n: Int) -> Int { n <= 0 ? 0 : max(1, Int((Double(n) * staffFactor).rounded())) }

  /// A number of staff posts drawn from `r`, scaled.
  mutating func staff(_ r: ClosedRange<Int>) -> Int { staff(structure.int(in: r)) }

  /// Adds a unit with its posts (those of count 0 left out) and returns its
  /// index. Its id is provisional (`U` and its number) until `renumber`.
  @discardableResult
  mutating func add(
    _ name: String, _ kind: RegionalUnitKind, at place: UnitPlace, parent: Int?, _ list: [Post]
  ) -> Int {
    let unit = Unit(
      id: UnitID(""), name: name, region: RegionID(place.regionID), parent: parent.map { units[$0].unit.id })
    units.append(
      RegionalUnit(
        unit: unit, kind: kind, tier: place.tier, region: place.region, county: place.county,
        minority: place.minority, minorityShare: place.share, ethnicArea: place.ethnicArea))
    posts.append(list.filter { $0.count > 0 })
    // Ids now, so that children can refer to their parent.
    units[units.count - 1].unit.id = UnitID("U\(units.count)")
    return units.count - 1
  }
}

/// Builds the units and cadres of a regional preset: the provincial organs,
/// then per prefecture its city organs, departments, enterprises and
/// institutions, then per county its organs, departments, institutions,
/// townships with villages and subdistricts with communities.
///
/// Below scale 1 whole parts are left out, so that every unit keeps a
/// realistic size: `round(21 × scale)` prefectures (at least one, evenly
/// spread over the list), `round(183 × scale)` counties shared out among
/// them, and the same share of provincial and city departments. Above
/// scale 1 the staff of every unit grows instead.
struct RegionalOrganizationBuilder {
  let preset: GeneratorPreset
  let layout: RegionalLayout
  let seed: UInt64
  let scale: Double
  let year: Int

  /// `count` indices spread evenly over `0 ..< total`.
  static func spread(_ count: Int, of total: Int) -> [Int] {
    guard count < total else { return Array(0..<total) }
    return (0..<count).map { Int((Double($0) + 0.5) * Double(total) / Double(count)) }
  }

  /// How many of `n` parts to keep at `fraction` (at least `minimum`).
  static func kept(_ n: Int, _ fraction: Double, minimum: Int = 0) -> Int {
    fraction >= 1 ? n : min(n, max(minimum, Int((Double(n) * fraction).rounded())))
  }

  /// The kept prefectures (indices) and the number of counties of each.
  func selection() -> (prefectures: [Int], counties: [Int], cityFraction: Double) {
    let all = preset.prefectures
    let p = Self.kept(all.count, scale, minimum: 1)
    let chosen = Self.spread(p, of: all.count)
    let cityFraction = min(1, Double(all.count) * scale / Double(p))
    let sizes = chosen.map { all[$0].countyCount.upperBound }
    let total = sizes.reduce(0, +)
    let target = max(p, Self.kept(all.reduce(0) { $0 + $1.countyCount.upperBound }, scale, minimum: 1))
    guard target < total else { return (chosen, sizes, cityFraction) }
    // Largest remainder, each kept prefecture at least one county.
    let quotas = sizes.map { Double(target) * Double($0) / Double(total) }
    var counts = zip(quotas, sizes).map { min($1, max(1, Int($0))) }
    var left = target - counts.reduce(0, +)
    let order = quotas.indices.sorted {
      (quotas[$0] - Double(Int(quotas[$0])), -$0) > (quotas[$1] - Double(Int(quotas[$1])), -$1)
    }
    var i = 0
    while left > 0, i < order.count * 2 {
      let k = order[i % order.count]
      if counts[k] < sizes[k] {
        counts[k] += 1
        left -= 1
      }
      i += 1
    }
    return (chosen, counts, cityFraction)
  }

  /// The units and cadres, in five steps: the provincial organs (when the
  /// layout has them), then per kept prefecture (1) its city units and (2)
  /// the units of each of its kept counties, (3) padded unit ids, (4) the
  /// people of every post, (5) headcounts and release limits.
  ///
  /// The unit sizes come from one stream (`regional-organization`) drawn
  /// in unit order, the people from another, the limits from a third.
  func build() -> RegionalOrganization {
    var sheet = RegionalUnitSheet(seed: seed, staffFactor: max(1, scale))
    let (keptPrefectures, countyCounts, cityFraction) = selection()
    let prefectures = keptPrefectures.map { preset.prefectures[$0] }
    if let organs = layout.provinceOrgans { addProvince(organs, to: &sheet) }

    var counties: [(spec: CountySpec, region: Int32)] = []
    for (r, pref) in prefectures.enumerated() {
      let city = addCity(pref, region: Int32(r), cityFraction: cityFraction, to: &sheet)
      for ci in Self.spread(countyCounts[r], of: pref.counties.count) {
        let county = pref.counties[ci]
        let index = Int32(counties.count)
        counties.append((county, Int32(r)))
        addCounty(county, index: index, in: city, to: &sheet)
      }
    }

    var units = sheet.units
    Self.renumber(&units)
    let (cadres, unitStart) = people(of: units, posts: sheet.posts)
    setLimits(&units, unitStart: unitStart)
    return RegionalOrganization(
      units: units, cadres: cadres, unitStart: unitStart, prefectures: prefectures, counties: counties)
  }

  // MARK: The province

  /// The provincial organs: the four leading bodies, the court and the
  /// procuratorate, then the kept departments, enterprises and institutions.
  private func addProvince(_ organs: ProvinceOrgans, to sheet: inout RegionalUnitSheet) {
    let here = UnitPlace(tier: .province, region: -1, county: -1, regionID: preset.province.region, share: 0.04)
    let (committee, government) = addProvincialLeadership(organs.name, at: here, to: &sheet)
    addProvincialDepartments(organs, committee: committee, government: government, at: here, to: &sheet)
    for (names, tag) in [(organs.enterprises, TagSet.soe), (organs.institutions, TagSet.institution)] {
      for i in Self.spread(Self.kept(names.count, scale), of: names.count) {
        sheet.add(
          names[i], tag == .soe ? .enterprise : .institution, at: here, parent: government,
          [
            Post(.bureau, .principal, 1, tag, party: true), Post(.bureau, .principal, 1, tag),
            Post(.bureau, .deputy, sheet.structure.int(in: 3...5), tag), Post(.bureau, .team, 1, tag, party: true),
            Post(.county, .none, sheet.structure.int(in: 10...20), tag),
            Post(.section, .none, sheet.staff(15...25), tag),
            Post(.staff, .none, sheet.staff(5...10), tag),
          ])
      }
    }
  }

  /// The provincial party committee, government, people's congress,
  /// political consultative conference, high court and procuratorate; the
  /// committee and the government, parents of the departments.
  private func addProvincialLeadership(
    _ p: String, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) -> (committee: Int, government: Int) {
    let committee = sheet.add(
      "中共\(p)委员会", .organ, at: here, parent: nil,
      [
        Post(.provincial, .principal, 1, party: true), Post(.provincial, .principal, 1, party: true),
        Post(.provincial, .deputy, 1, party: true), Post(.provincial, .team, 6, party: true),
        Post(.bureau, .none, 3, party: true), Post(.county, .none, 6, party: true),
        Post(.section, .none, sheet.staff(8)), Post(.staff, .none, sheet.staff(4)),
      ])
    let government = sheet.add(
      "\(p)人民政府", .organ, at: here, parent: nil,
      [
        Post(.provincial, .deputy, 1, party: true), Post(.provincial, .deputy, 6), Post(.bureau, .team),
        Post(.bureau, .none, 6), Post(.county, .none, 10), Post(.section, .none, sheet.staff(10)),
        Post(.staff, .none, sheet.staff(6)),
      ])
    for (name, deputies) in [("\(p)人大常委会", 6), ("政协\(p)委员会", 8)] {
      sheet.add(
        name, .organ, at: here, parent: nil,
        [
          Post(.provincial, .principal, 1, party: true), Post(.provincial, .deputy, deputies), Post(.bureau, .team),
          Post(.bureau, .none, 5), Post(.county, .none, 14), Post(.section, .none, sheet.staff(12)),
          Post(.staff, .none, sheet.staff(6)),
        ])
    }
    for name in ["\(p)高级人民法院", "\(p)人民检察院"] {
      sheet.add(
        name, .organ, at: here, parent: nil,
        [
          Post(.bureau, .principal, 1, party: true), Post(.bureau, .deputy, 4), Post(.bureau, .team),
          Post(.county, .none, sheet.structure.int(in: 30...40)), Post(.section, .none, sheet.staff(50)),
          Post(.staff, .none, sheet.staff(24)),
        ])
    }
    return (committee, government)
  }

  /// The kept provincial departments, under the committee (party organs) or
  /// the government; a department led by a provincial leader gets an
  /// executive deputy head (常务副部长) as well.
  private func addProvincialDepartments(
    _ organs: ProvinceOrgans, committee: Int, government: Int, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) {
    let nd = Self.kept(organs.departments.count, scale, minimum: 1)
    for i in Self.spread(nd, of: organs.departments.count) {
      let d = organs.departments[i]
      let inspectors = sheet.structure.int(in: 1...3)
      let county = sheet.structure.int(in: 22...38)
      let section = sheet.staff(22...36)
      let staff = sheet.staff(8...16)
      // A party branch (党支部) per division (处室) of about six: its
      // secretary (党支部书记), one of its section-level officials.
      let secretaries = section / 3
      var list = [
        d.headIsCityLeader
          ? Post(.provincial, .principal, 1, party: true) : Post(.bureau, .principal, 1, party: d.isPartyOrgan),
        Post(.bureau, .deputy, d.deputies, party: d.isPartyOrgan), Post(.bureau, .team, 1, party: true),
        Post(.bureau, .none, inspectors, party: d.isPartyOrgan),
        Post(.county, .none, county, party: d.isPartyOrgan),
        Post(.section, .none, secretaries, .branchSecretary, party: true),
        Post(.section, .none, section - secretaries, party: d.isPartyOrgan), Post(.staff, .none, staff),
      ]
      if d.headIsCityLeader { list.insert(Post(.bureau, .deputy, 1, party: true), at: 1) }  // 常务副部长
      sheet.add(d.name, .organ, at: here, parent: d.isPartyOrgan ? committee : government, list)
    }
  }

  // MARK: A prefecture

  /// The units of a prefecture the counties hang under.
  struct CityUnits {
    var place: UnitPlace
    var committee: Int
    var government: Int
  }

  /// A prefecture's city organs, then its kept departments, enterprises and
  /// institutions (`cityFraction` of each list).
  private func addCity(
    _ pref: PrefectureSpec, region: Int32, cityFraction: Double, to sheet: inout RegionalUnitSheet
  ) -> CityUnits {
    let here = UnitPlace(
      tier: .city, region: region, county: -1, regionID: pref.region, share: pref.cityMinorityShare,
      ethnicArea: pref.isAutonomous)
    let city = addCityLeadership(pref, at: here, to: &sheet)
    addCityDepartments(pref, cityFraction: cityFraction, city, to: &sheet)
    for (names, tag) in [(pref.enterprises, TagSet.soe), (pref.institutions, TagSet.institution)] {
      for i in Self.spread(Self.kept(names.count, cityFraction), of: names.count) {
        sheet.add(
          Self.cityName(names[i], of: pref), tag == .soe ? .enterprise : .institution, at: here,
          parent: city.government,
          [
            Post(.county, .principal, 1, tag, party: true), Post(.county, .principal, 1, tag),
            Post(.county, .deputy, tag == .soe ? 4 : 3, tag), Post(.county, .team, 1, tag, party: true),
            Post(.section, .none, sheet.staff(10...16), tag), Post(.staff, .none, sheet.staff(5...8), tag),
          ])
      }
    }
    return city
  }

  /// A unit name of the preset's lists with the prefecture's own name:
  /// `市财政局` of 成都市 is `成都市财政局`, of 凉山州 `凉山州财政局`.
  static func cityName(_ name: String, of pref: PrefectureSpec) -> String {
    let suffix = pref.name.last.map(String.init) ?? "市"
    let stem = String(pref.name.dropLast())
    return name.hasPrefix("市") ? stem + suffix + name.dropFirst() : name
  }

  /// The city's party committee, government, people's congress, political
  /// consultative conference, intermediate court and procuratorate.
  private func addCityLeadership(
    _ pref: PrefectureSpec, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) -> CityUnits {
    let cct: TagSet = .cityCountyTeam
    let committee = sheet.add(
      "中共\(pref.name)委员会", .organ, at: here, parent: nil,
      [
        Post(.bureau, .principal, 2, cct, party: true), Post(.bureau, .deputy, 1, cct, party: true),
        Post(.bureau, .team, 1, cct, party: true), Post(.bureau, .team, 4, cct, party: true),
        Post(.county, .none, 3, party: true), Post(.section, .none, sheet.staff(8)),
        Post(.staff, .none, sheet.staff(4)),
      ])
    let government = sheet.add(
      "\(pref.name)人民政府", .organ, at: here, parent: nil,
      [
        Post(.bureau, .deputy, 1, cct, party: true), Post(.bureau, .deputy, 5, cct), Post(.county, .team),
        Post(.county, .none, 4), Post(.section, .none, sheet.staff(8)), Post(.staff, .none, sheet.staff(4)),
      ])
    for (name, deputies) in [("\(pref.name)人大常委会", 5), ("政协\(pref.name)委员会", 6)] {
      sheet.add(
        name, .organ, at: here, parent: nil,
        [
          Post(.bureau, .principal, 1, party: true), Post(.bureau, .deputy, deputies), Post(.county, .team),
          Post(.county, .none, 6), Post(.section, .none, sheet.staff(6)), Post(.staff, .none, sheet.staff(3)),
        ])
    }
    sheet.add(
      "\(pref.name)中级人民法院", .organ, at: here, parent: nil,
      [
        Post(.bureau, .principal, 1, party: true), Post(.county, .deputy, 4), Post(.county, .team, 2),
        Post(.county, .none, 8), Post(.section, .none, sheet.staff(25)), Post(.staff, .none, sheet.staff(12)),
      ])
    sheet.add(
      "\(pref.name)人民检察院", .organ, at: here, parent: nil,
      [
        Post(.bureau, .principal, 1, party: true), Post(.county, .deputy, 3), Post(.county, .team),
        Post(.county, .none, 6), Post(.section, .none, sheet.staff(18)), Post(.staff, .none, sheet.staff(8)),
      ])
    return CityUnits(place: here, committee: committee, government: government)
  }

  /// The kept city departments (at least two), under the committee (party
  /// organs) or the government; about a third have a bureau-level inspector.
  private func addCityDepartments(
    _ pref: PrefectureSpec, cityFraction: Double, _ city: CityUnits, to sheet: inout RegionalUnitSheet
  ) {
    let nd = Self.kept(pref.departments.count, cityFraction, minimum: 2)
    for i in Self.spread(nd, of: pref.departments.count) {
      let d = pref.departments[i]
      let n = sheet.structure.int(in: layout.cityDepartmentStaff)
      var list = [
        d.headIsCityLeader
          ? Post(.bureau, .principal, 1, .cityCountyTeam, party: true)
          : Post(.county, .principal, 1, party: d.isPartyOrgan),
        Post(.county, .deputy, d.deputies, party: d.isPartyOrgan), Post(.county, .team, 1, party: true),
        Post(.county, .none, sheet.structure.int(in: 2...5), party: d.isPartyOrgan),
        Post(.section, .none, sheet.staff(n * 7 / 10), party: d.isPartyOrgan),
        Post(.staff, .none, sheet.staff(n - n * 7 / 10)),
      ]
      if sheet.structure.chance(0.35) { list.append(Post(.bureau, .none, 1, party: d.isPartyOrgan)) }
      sheet.add(
        Self.cityName(d.name, of: pref), .department, at: city.place,
        parent: d.isPartyOrgan ? city.committee : city.government, list)
    }
  }

  // MARK: A county

  /// A county's organs (under the city's committee), its departments and
  /// institutions, then its townships and subdistricts with their villages
  /// and communities.
  private func addCounty(_ county: CountySpec, index: Int32, in city: CityUnits, to sheet: inout RegionalUnitSheet) {
    let share = county.minority == .none ? preset.shares.minorityElsewhere : preset.shares.minorityInMinorityArea
    let here = UnitPlace(
      tier: .county, region: city.place.region, county: index, regionID: city.place.regionID,
      minority: county.minority, share: share, ethnicArea: city.place.ethnicArea || county.minority != .none)
    let (cc, cg) = addCountyLeadership(county, parent: city.committee, at: here, to: &sheet)
    addCountyDepartments(county, committee: cc, government: cg, at: here, to: &sheet)
    addCountyInstitutions(county, government: cg, at: here, to: &sheet)
    addTownships(county, government: cg, at: here, to: &sheet)
  }

  /// The county's party committee, government, people's congress, political
  /// consultative conference, court and procuratorate.
  private func addCountyLeadership(
    _ county: CountySpec, parent: Int, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) -> (committee: Int, government: Int) {
    let cct: TagSet = .cityCountyTeam
    let cc = sheet.add(
      "中共\(county.name)委员会", .organ, at: here, parent: parent,
      [
        Post(.county, .principal, 2, cct, party: true), Post(.county, .deputy, 1, cct, party: true),
        Post(.county, .team, 8, cct, party: true), Post(.county, .none, sheet.structure.int(in: 4...6), party: true),
        Post(.section, .none, sheet.staff(10)), Post(.staff, .none, sheet.staff(5)),
      ])
    let cg = sheet.add(
      "\(county.name)人民政府", .organ, at: here, parent: cc,
      [
        Post(.county, .deputy, 1, cct, party: true), Post(.county, .deputy, sheet.structure.int(in: 4...6), cct),
        Post(.county, .none, sheet.structure.int(in: 3...4)), Post(.section, .none, sheet.staff(8)),
        Post(.staff, .none, sheet.staff(4)),
      ])
    for (name, deputies) in [("\(county.name)人大常委会", 3...4), ("政协\(county.name)委员会", 4...5)] {
      sheet.add(
        name, .organ, at: here, parent: cc,
        [
          Post(.county, .principal, 1, party: true), Post(.county, .deputy, sheet.structure.int(in: deputies)),
          Post(.county, .none, 2), Post(.section, .none, sheet.staff(4)), Post(.staff, .none, sheet.staff(2)),
        ])
    }
    for (name, n) in [("\(county.name)人民法院", 26), ("\(county.name)人民检察院", 16)] {
      sheet.add(
        name, .organ, at: here, parent: cc,
        [
          Post(.county, .principal, 1, party: true), Post(.section, .deputy, 3),
          Post(.section, .none, sheet.staff(n * 6 / 10)), Post(.staff, .none, sheet.staff(n - n * 6 / 10)),
        ])
    }
    return (cc, cg)
  }

  /// The first of the county departments (县直部门), as many as drawn, under
  /// the committee (party organs) or the government.
  private func addCountyDepartments(
    _ county: CountySpec, committee cc: Int, government cg: Int, at here: UnitPlace,
    to sheet: inout RegionalUnitSheet
  ) {
    let departments = min(RegionalNames.countyDepartments.count, sheet.structure.int(in: layout.countyDepartments))
    for (name, party) in RegionalNames.countyDepartments.prefix(departments) {
      let n = sheet.structure.int(in: layout.countyDepartmentStaff)
      sheet.add(
        county.name + name, .department, at: here, parent: party ? cc : cg,
        [
          Post(.section, .principal, 1, party: true),
          Post(.section, .deputy, sheet.structure.int(in: 2...4), party: party),
          Post(.county, .none, sheet.structure.int(in: 1...3), party: party),
          Post(.section, .none, sheet.staff(n * 4 / 10), party: party),
          Post(.staff, .none, sheet.staff(n - n * 4 / 10)),
        ])
    }
  }

  /// The county's hospitals, schools and centres; past the eight kinds the
  /// names are numbered (`第2人民医院`).
  private func addCountyInstitutions(
    _ county: CountySpec, government cg: Int, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) {
    let kinds = ["人民医院", "中医医院", "疾病预防控制中心", "职业中学", "第一中学", "融媒体中心", "农业技术推广中心", "妇幼保健院"]
    for k in 0..<sheet.structure.int(in: layout.countyInstitutions) {
      let n = sheet.structure.int(in: layout.countyInstitutionStaff)
      let seat = k < kinds.count ? "" : "第\(k / kinds.count + 1)"
      sheet.add(
        county.name + seat + kinds[k % kinds.count], .institution, at: here, parent: cg,
        [
          Post(.section, .principal, 1, .institution, party: true), Post(.section, .principal, 1, .institution),
          Post(.section, .deputy, 2, .institution), Post(.section, .none, sheet.staff(n * 3 / 10), .institution),
          Post(.staff, .none, sheet.staff(n - n * 3 / 10), .institution),
        ])
    }
  }

  /// The county's townships (镇, every fourth a 乡) and subdistricts (街道:
  /// every other one in a district, the first elsewhere), named from a run
  /// of stems at a random start, each with its villages or communities.
  private func addTownships(
    _ county: CountySpec, government cg: Int, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) {
    let townWords = Names.townStems
    let towns = sheet.structure.int(in: layout.townshipsPerCounty)
    let start = Int(sheet.structure.below(UInt64(townWords.count)))
    for n in 0..<towns {
      let subdistrict = county.isDistrict ? n % 2 == 0 : n == 0
      let round = n / townWords.count
      let word = townWords[(start + n) % townWords.count] + (round == 0 ? "" : "\(round + 1)")
      let name = county.name + word + (subdistrict ? "街道" : (n % 4 == 3 ? "乡" : "镇"))
      let gt: TagSet = [.townshipHead, .grassroots]
      let townStaff = sheet.structure.int(in: layout.townshipStaff)
      let t = sheet.add(
        name, .township, at: here, parent: cg,
        [
          Post(.section, .principal, 1, gt.union(.townshipSecretary), party: true),
          Post(.section, .principal, 1, gt.union(.townshipMayor)),
          Post(.section, .deputy, 1, .grassroots, party: true), Post(.section, .team, 2, .grassroots, party: true),
          Post(.section, .deputy, 3, .grassroots), Post(.section, .none, sheet.staff(townStaff / 4), .grassroots),
          Post(.staff, .none, sheet.staff(townStaff - townStaff / 4), .grassroots),
        ])
      addVillages(of: t, named: name, subdistrict: subdistrict, at: here, to: &sheet)
    }
  }

  /// The villages of a township (村: a secretary, a director, the committee)
  /// or the communities of a subdistrict (社区: about half as many).
  private func addVillages(
    of t: Int, named name: String, subdistrict: Bool, at here: UnitPlace, to sheet: inout RegionalUnitSheet
  ) {
    let villageWords = RegionalNames.villageStems
    let villages = sheet.structure.int(in: layout.villagesPerTownship)
    let count = subdistrict ? (villages + 1) / 2 : villages
    let first = Int(sheet.structure.below(UInt64(villageWords.count)))
    for v in 0..<count {
      // A stride of 7 is coprime with the 256 stems: no name twice in a township.
      let word = villageWords[(first + v * 7) % villageWords.count]
      let cadres = sheet.structure.int(in: layout.villageCadres)
      if subdistrict {
        sheet.add(
          name + word + "社区", .community, at: here, parent: t,
          [Post(.staff, .principal, 1, .grassroots, party: true), Post(.staff, .none, cadres, .grassroots)])
      } else {
        sheet.add(
          name + word + "村", .village, at: here, parent: t,
          [
            Post(.staff, .principal, 1, [.villageSecretary, .grassroots], party: true),
            Post(.staff, .deputy, 1, .grassroots), Post(.staff, .none, cadres - 1, .grassroots),
          ])
      }
    }
  }

  // MARK: Ids, people, limits

  /// Renumbers the units with padded ids (parents keep pointing at the same unit).
  static func renumber(_ units: inout [RegionalUnit]) {
    let width = max(3, String(units.count).count)
    var index: [UnitID: Int] = [:]
    index.reserveCapacity(units.count)
    for i in units.indices { index[units[i].unit.id] = i }
    let ids = units.indices.map { UnitID("U" + pad($0 + 1, width)) }
    for i in units.indices {
      units[i].unit.id = ids[i]
      if let p = units[i].unit.parent, let j = index[p] { units[i].unit.parent = ids[j] }
    }
  }

  /// The people of each unit in post order (stream `regional-people`), and
  /// where each unit's cadres start.
  private func people(of units: [RegionalUnit], posts: [[Post]]) -> (cadres: [CadreRow], unitStart: [Int32]) {
    var people = Xoshiro256(seed: seed, stream: "regional-people")
    let total = posts.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    var cadres: [CadreRow] = []
    cadres.reserveCapacity(total)
    var unitStart: [Int32] = [0]
    unitStart.reserveCapacity(units.count + 1)
    for (u, list) in posts.enumerated() {
      for post in list {
        for _ in 0..<post.count { cadres.append(person(post, unit: u, units[u], rng: &people)) }
      }
      unitStart.append(Int32(cadres.count))
    }
    return (cadres, unitStart)
  }

  /// Headcounts above the cadre counts; larger units release more people
  /// at once, a few small ones have limits of their own (stream `regional-limits`).
  private func setLimits(_ units: inout [RegionalUnit], unitStart: [Int32]) {
    var limits = Xoshiro256(seed: seed, stream: "regional-limits")
    for u in units.indices {
      let n = Int(unitStart[u + 1] - unitStart[u])
      let factor: ClosedRange<Double>
      switch units[u].kind {
      case .enterprise: factor = 25...60
      case .institution: factor = 3...8
      case .village, .community: factor = 1.0...1.4
      case .township: factor = 1.1...1.4
      case .department: factor = 1.3...1.8
      case .organ: factor = 1.8...3.0
      }
      units[u].unit.headcount = max(n + 3, Int((Double(n) * limits.double(in: factor)).rounded()))
      if n >= 20 {
        units[u].unit.maxAway = min(100, max(3, Int((Double(n) * limits.double(in: 0.08...0.12)).rounded())))
      } else if limits.chance(0.06) {
        switch limits.int(in: 0...2) {
        case 0: units[u].unit.maxAway = 1
        case 1: units[u].unit.maxAway = 3
        default: units[u].unit.maxAwayShare = ExactDecimal("0.2")
        }
      }
    }
  }

  /// One cadre of `post` in `unit`: name, gender, birth year, party, group
  /// tags and the date of appointment (as `OrganizationBuilder.person`).
  func person(_ post: Post, unit u: Int, _ unit: RegionalUnit, rng: inout Xoshiro256) -> CadreRow {
    let s = preset.shares
    let y = year
    let village = unit.kind == .village || unit.kind == .community
    let female = rng.chance(post.leadership == .principal ? s.female / 2 : s.female * 1.05)
    let newcomer: Bool
    if village {
      newcomer = rng.chance(0.03)  // by-elections
    } else {
      switch post.rank {
      case .provincial, .bureau: newcomer = false
      case .county, .section: newcomer = rng.chance(s.newlyAppointed)
      case .staff: newcomer = rng.chance(s.newRecruits)
      }
    }
    let birth: Int
    switch post.rank {
    case .provincial: birth = rng.int(in: (y - 63)...(y - 52))
    case .bureau: birth = rng.int(in: (y - 61)...(y - 47))
    case .county: birth = rng.chance(0.15) ? rng.int(in: (y - 40)...(y - 35)) : rng.int(in: (y - 59)...(y - 41))
    case .section: birth = rng.chance(0.35) ? rng.int(in: (y - 40)...(y - 29)) : rng.int(in: (y - 58)...(y - 41))
    case .staff:
      if village {
        birth = rng.int(in: (y - 60)...(y - 28))
      } else {
        birth = newcomer ? rng.int(in: (y - 29)...(y - 23)) : rng.int(in: (y - 45)...(y - 24))
      }
    }
    var tags = post.tags
    if unit.tier == .province, unit.kind == .organ { tags.insert(.provincialOrgan) }
    if unit.ethnicArea { tags.insert(.ethnicArea) }
    if newcomer { tags.insert(.newAppointee) }
    if birth >= y - 40, rng.chance(s.youngIfBornFrom1985) { tags.insert(.young) }
    var nonParty = false
    if !post.partyOnly, post.leadership != .principal, rng.chance(s.nonParty) {
      nonParty = true
      tags.insert(.nonParty)
    }
    let minority = rng.chance(unit.minorityShare)
    if minority { tags.insert(.ethnicMinority) }
    if !village, post.rank >= .section, birth >= y - 37, rng.chance(s.selectedGraduate) {
      tags.insert(.selectedGraduate)
    }

    let appointed: Day?
    if newcomer {
      let last = post.rank == .staff ? Day(year: y, month: 8, day: 31)! : Day(year: y, month: 9, day: 30)!
      appointed = randomDay(from: Day(year: y, month: 1, day: 6)!, to: last, rng: &rng)
    } else if village {
      // Village committees were elected in the spring of 2021 (村两委换届).
      appointed =
        rng.chance(0.6) && y > 2021
        ? randomDay(from: Day(year: 2021, month: 3, day: 1)!, to: Day(year: 2021, month: 6, day: 30)!, rng: &rng)
        : randomDay(years: y - 9, y - 1, rng: &rng)
    } else {
      switch post.rank {
      case .provincial, .bureau: appointed = randomDay(years: y - 7, y - 1, rng: &rng)
      case .county, .section:
        appointed =
          post.leadership == .none && rng.chance(0.03)
          ? nil : randomDay(years: max(y - 12, birth + 28), y - 1, rng: &rng)
      case .staff: appointed = randomDay(years: max(y - 16, birth + 22), y - 1, rng: &rng)
      }
    }
    let script: CountySpec.Minority = minority && rng.chance(0.85) ? unit.minority : .none
    return CadreRow(
      unit: Int32(u), appointed: appointed?.ordinal ?? CadreRow.none,
      name: PackedName.draw(female: female, minority: script, rng: &rng), tags: tags, birthYear: Int16(birth),
      rank: post.rank, leadership: post.leadership, female: female, nonParty: nonParty)
  }
}
