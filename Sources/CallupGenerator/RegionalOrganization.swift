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
    let order = quotas.indices.sorted { (quotas[$0] - Double(Int(quotas[$0])), -$0) > (quotas[$1] - Double(Int(quotas[$1])), -$1) }
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

  func build() -> RegionalOrganization {
    var structure = Xoshiro256(seed: seed, stream: "regional-organization")
    var units: [RegionalUnit] = []
    var posts: [[Post]] = []
    let staffFactor = max(1, scale)
    func staff(_ n: Int) -> Int { n <= 0 ? 0 : max(1, Int((Double(n) * staffFactor).rounded())) }
    func staff(_ r: ClosedRange<Int>) -> Int { staff(structure.int(in: r)) }

    func add(
      _ name: String, _ kind: RegionalUnitKind, tier: Tier, region: Int32, county: Int32, regionID: String,
      parent: Int?, minority: CountySpec.Minority = .none, share: Double, _ list: [Post]
    ) -> Int {
      let unit = Unit(
        id: UnitID(""), name: name, region: RegionID(regionID), parent: parent.map { units[$0].unit.id })
      units.append(
        RegionalUnit(
          unit: unit, kind: kind, tier: tier, region: region, county: county, minority: minority, minorityShare: share))
      posts.append(list.filter { $0.count > 0 })
      // Ids now, so that children can refer to their parent.
      units[units.count - 1].unit.id = UnitID("U\(units.count)")
      return units.count - 1
    }

    let cct: TagSet = .cityCountyTeam
    let (keptPrefectures, countyCounts, cityFraction) = selection()
    let prefectures = keptPrefectures.map { preset.prefectures[$0] }
    let provinceRegion = preset.province.region

    // Provincial organs.
    if let organs = layout.provinceOrgans {
      let p = organs.name
      let share = 0.04
      func organ(_ name: String, _ list: [Post], parent: Int? = nil) -> Int {
        add(name, .organ, tier: .province, region: -1, county: -1, regionID: provinceRegion, parent: parent, share: share, list)
      }
      let committee = organ(
        "中共\(p)委员会",
        [
          Post(.provincial, .principal, 1, party: true), Post(.provincial, .principal, 1, party: true),
          Post(.provincial, .deputy, 1, party: true), Post(.provincial, .team, 6, party: true),
          Post(.bureau, .none, 3, party: true), Post(.county, .none, 6, party: true), Post(.section, .none, staff(8)),
          Post(.staff, .none, staff(4)),
        ])
      let government = organ(
        "\(p)人民政府",
        [
          Post(.provincial, .deputy, 1, party: true), Post(.provincial, .deputy, 6), Post(.bureau, .team),
          Post(.bureau, .none, 6), Post(.county, .none, 10), Post(.section, .none, staff(10)), Post(.staff, .none, staff(6)),
        ])
      for (name, deputies) in [("\(p)人大常委会", 6), ("政协\(p)委员会", 8)] {
        _ = organ(
          name,
          [
            Post(.provincial, .principal, 1, party: true), Post(.provincial, .deputy, deputies), Post(.bureau, .team),
            Post(.bureau, .none, 5), Post(.county, .none, 14), Post(.section, .none, staff(12)),
            Post(.staff, .none, staff(6)),
          ])
      }
      for name in ["\(p)高级人民法院", "\(p)人民检察院"] {
        _ = organ(
          name,
          [
            Post(.bureau, .principal, 1, party: true), Post(.bureau, .deputy, 4), Post(.bureau, .team),
            Post(.county, .none, structure.int(in: 30...40)), Post(.section, .none, staff(50)),
            Post(.staff, .none, staff(24)),
          ])
      }
      let nd = Self.kept(organs.departments.count, scale, minimum: 1)
      for i in Self.spread(nd, of: organs.departments.count) {
        let d = organs.departments[i]
        var list = [
          d.headIsCityLeader
            ? Post(.provincial, .principal, 1, party: true) : Post(.bureau, .principal, 1, party: d.isPartyOrgan),
          Post(.bureau, .deputy, d.deputies, party: d.isPartyOrgan), Post(.bureau, .team, 1, party: true),
          Post(.bureau, .none, structure.int(in: 1...3), party: d.isPartyOrgan),
          Post(.county, .none, structure.int(in: 22...38), party: d.isPartyOrgan),
          Post(.section, .none, staff(22...36), party: d.isPartyOrgan), Post(.staff, .none, staff(8...16)),
        ]
        if d.headIsCityLeader { list.insert(Post(.bureau, .deputy, 1, party: true), at: 1) }  // 常务副部长
        _ = organ(d.name, list, parent: d.isPartyOrgan ? committee : government)
      }
      for (names, tag) in [(organs.enterprises, TagSet.soe), (organs.institutions, TagSet.institution)] {
        for i in Self.spread(Self.kept(names.count, scale), of: names.count) {
          _ = add(
            names[i], tag == .soe ? .enterprise : .institution, tier: .province, region: -1, county: -1,
            regionID: provinceRegion, parent: government, share: share,
            [
              Post(.bureau, .principal, 1, tag, party: true), Post(.bureau, .principal, 1, tag),
              Post(.bureau, .deputy, structure.int(in: 3...5), tag), Post(.bureau, .team, 1, tag, party: true),
              Post(.county, .none, structure.int(in: 10...20), tag), Post(.section, .none, staff(15...25), tag),
              Post(.staff, .none, staff(5...10), tag),
            ])
        }
      }
    }

    // Prefectures and their counties.
    var counties: [(spec: CountySpec, region: Int32)] = []
    let townWords = Names.townStems
    let villageWords = RegionalNames.villageStems
    for (r, pref) in prefectures.enumerated() {
      let region = Int32(r)
      let rid = pref.region
      let suffix = pref.name.last.map(String.init) ?? "市"
      let stem = String(pref.name.dropLast())
      func full(_ name: String) -> String { name.hasPrefix("市") ? stem + suffix + name.dropFirst() : name }
      let share = pref.cityMinorityShare
      func organ(_ name: String, _ kind: RegionalUnitKind = .organ, parent: Int?, _ list: [Post]) -> Int {
        add(name, kind, tier: .city, region: region, county: -1, regionID: rid, parent: parent, share: share, list)
      }
      let committee = organ(
        "中共\(pref.name)委员会", parent: nil,
        [
          Post(.bureau, .principal, 2, cct, party: true), Post(.bureau, .deputy, 1, cct, party: true),
          Post(.bureau, .team, 1, cct, party: true), Post(.bureau, .team, 4, cct, party: true),
          Post(.county, .none, 3, party: true), Post(.section, .none, staff(8)), Post(.staff, .none, staff(4)),
        ])
      let government = organ(
        "\(pref.name)人民政府", parent: nil,
        [
          Post(.bureau, .deputy, 1, cct, party: true), Post(.bureau, .deputy, 5, cct), Post(.county, .team),
          Post(.county, .none, 4), Post(.section, .none, staff(8)), Post(.staff, .none, staff(4)),
        ])
      for (name, deputies) in [("\(pref.name)人大常委会", 5), ("政协\(pref.name)委员会", 6)] {
        _ = organ(
          name, parent: nil,
          [
            Post(.bureau, .principal, 1, party: true), Post(.bureau, .deputy, deputies), Post(.county, .team),
            Post(.county, .none, 6), Post(.section, .none, staff(6)), Post(.staff, .none, staff(3)),
          ])
      }
      _ = organ(
        "\(pref.name)中级人民法院", parent: nil,
        [
          Post(.bureau, .principal, 1, party: true), Post(.county, .deputy, 4), Post(.county, .team, 2),
          Post(.county, .none, 8), Post(.section, .none, staff(25)), Post(.staff, .none, staff(12)),
        ])
      _ = organ(
        "\(pref.name)人民检察院", parent: nil,
        [
          Post(.bureau, .principal, 1, party: true), Post(.county, .deputy, 3), Post(.county, .team),
          Post(.county, .none, 6), Post(.section, .none, staff(18)), Post(.staff, .none, staff(8)),
        ])
      let nd = Self.kept(pref.departments.count, cityFraction, minimum: 2)
      for i in Self.spread(nd, of: pref.departments.count) {
        let d = pref.departments[i]
        let n = structure.int(in: layout.cityDepartmentStaff)
        var list = [
          d.headIsCityLeader
            ? Post(.bureau, .principal, 1, cct, party: true) : Post(.county, .principal, 1, party: d.isPartyOrgan),
          Post(.county, .deputy, d.deputies, party: d.isPartyOrgan), Post(.county, .team, 1, party: true),
          Post(.county, .none, structure.int(in: 2...5), party: d.isPartyOrgan),
          Post(.section, .none, staff(n * 7 / 10), party: d.isPartyOrgan), Post(.staff, .none, staff(n - n * 7 / 10)),
        ]
        if structure.chance(0.35) { list.append(Post(.bureau, .none, 1, party: d.isPartyOrgan)) }
        _ = organ(full(d.name), .department, parent: d.isPartyOrgan ? committee : government, list)
      }
      for (names, tag) in [(pref.enterprises, TagSet.soe), (pref.institutions, TagSet.institution)] {
        for i in Self.spread(Self.kept(names.count, cityFraction), of: names.count) {
          _ = organ(
            full(names[i]), tag == .soe ? .enterprise : .institution, parent: government,
            [
              Post(.county, .principal, 1, tag, party: true), Post(.county, .principal, 1, tag),
              Post(.county, .deputy, tag == .soe ? 4 : 3, tag), Post(.county, .team, 1, tag, party: true),
              Post(.section, .none, staff(10...16), tag), Post(.staff, .none, staff(5...8), tag),
            ])
        }
      }

      for ci in Self.spread(countyCounts[r], of: pref.counties.count) {
        let county = pref.counties[ci]
        let c = Int32(counties.count)
        counties.append((county, region))
        let mshare = county.minority == .none ? preset.shares.minorityElsewhere : preset.shares.minorityInMinorityArea
        func unit(_ name: String, _ kind: RegionalUnitKind, parent: Int?, _ list: [Post]) -> Int {
          add(
            name, kind, tier: .county, region: region, county: c, regionID: rid, parent: parent,
            minority: county.minority, share: mshare, list)
        }
        let cc = unit(
          "中共\(county.name)委员会", .organ, parent: committee,
          [
            Post(.county, .principal, 2, cct, party: true), Post(.county, .deputy, 1, cct, party: true),
            Post(.county, .team, 8, cct, party: true), Post(.county, .none, structure.int(in: 4...6), party: true),
            Post(.section, .none, staff(10)), Post(.staff, .none, staff(5)),
          ])
        let cg = unit(
          "\(county.name)人民政府", .organ, parent: cc,
          [
            Post(.county, .deputy, 1, cct, party: true), Post(.county, .deputy, structure.int(in: 4...6), cct),
            Post(.county, .none, structure.int(in: 3...4)), Post(.section, .none, staff(8)), Post(.staff, .none, staff(4)),
          ])
        for (name, deputies) in [("\(county.name)人大常委会", 3...4), ("政协\(county.name)委员会", 4...5)] {
          _ = unit(
            name, .organ, parent: cc,
            [
              Post(.county, .principal, 1, party: true), Post(.county, .deputy, structure.int(in: deputies)),
              Post(.county, .none, 2), Post(.section, .none, staff(4)), Post(.staff, .none, staff(2)),
            ])
        }
        for (name, n) in [("\(county.name)人民法院", 26), ("\(county.name)人民检察院", 16)] {
          _ = unit(
            name, .organ, parent: cc,
            [
              Post(.county, .principal, 1, party: true), Post(.section, .deputy, 3), Post(.section, .none, staff(n * 6 / 10)),
              Post(.staff, .none, staff(n - n * 6 / 10)),
            ])
        }
        let departments = min(RegionalNames.countyDepartments.count, structure.int(in: layout.countyDepartments))
        for (name, party) in RegionalNames.countyDepartments.prefix(departments) {
          let n = structure.int(in: layout.countyDepartmentStaff)
          _ = unit(
            county.name + name, .department, parent: party ? cc : cg,
            [
              Post(.section, .principal, 1, party: true), Post(.section, .deputy, structure.int(in: 2...4), party: party),
              Post(.county, .none, structure.int(in: 1...3), party: party),
              Post(.section, .none, staff(n * 4 / 10), party: party), Post(.staff, .none, staff(n - n * 4 / 10)),
            ])
        }
        for k in 0..<structure.int(in: layout.countyInstitutions) {
          let n = structure.int(in: layout.countyInstitutionStaff)
          let kinds = ["人民医院", "中医医院", "疾病预防控制中心", "职业中学", "第一中学", "融媒体中心", "农业技术推广中心", "妇幼保健院"]
          let seat = k < kinds.count ? "" : "第\(k / kinds.count + 1)"
          _ = unit(
            county.name + seat + kinds[k % kinds.count], .institution, parent: cg,
            [
              Post(.section, .principal, 1, .institution, party: true), Post(.section, .principal, 1, .institution),
              Post(.section, .deputy, 2, .institution), Post(.section, .none, staff(n * 3 / 10), .institution),
              Post(.staff, .none, staff(n - n * 3 / 10), .institution),
            ])
        }
        let towns = structure.int(in: layout.townshipsPerCounty)
        let start = Int(structure.below(UInt64(townWords.count)))
        for n in 0..<towns {
          let subdistrict = county.isDistrict ? n % 2 == 0 : n == 0
          let round = n / townWords.count
          let word = townWords[(start + n) % townWords.count] + (round == 0 ? "" : "\(round + 1)")
          let name = county.name + word + (subdistrict ? "街道" : (n % 4 == 3 ? "乡" : "镇"))
          let gt: TagSet = [.townshipHead, .grassroots]
          let townStaff = structure.int(in: layout.townshipStaff)
          let t = unit(
            name, .township, parent: cg,
            [
              Post(.section, .principal, 1, gt, party: true), Post(.section, .principal, 1, gt),
              Post(.section, .deputy, 1, .grassroots, party: true), Post(.section, .team, 2, .grassroots, party: true),
              Post(.section, .deputy, 3, .grassroots), Post(.section, .none, staff(townStaff / 4), .grassroots),
              Post(.staff, .none, staff(townStaff - townStaff / 4), .grassroots),
            ])
          let villages = structure.int(in: layout.villagesPerTownship)
          let count = subdistrict ? (villages + 1) / 2 : villages
          let first = Int(structure.below(UInt64(villageWords.count)))
          for v in 0..<count {
            // A stride of 7 is coprime with the 256 stems: no name twice in a township.
            let word = villageWords[(first + v * 7) % villageWords.count]
            let cadres = structure.int(in: layout.villageCadres)
            if subdistrict {
              _ = unit(
                name + word + "社区", .community, parent: t,
                [Post(.staff, .principal, 1, .grassroots, party: true), Post(.staff, .none, cadres, .grassroots)])
            } else {
              _ = unit(
                name + word + "村", .village, parent: t,
                [
                  Post(.staff, .principal, 1, [.villageSecretary, .grassroots], party: true),
                  Post(.staff, .deputy, 1, .grassroots), Post(.staff, .none, cadres - 1, .grassroots),
                ])
            }
          }
        }
      }
    }

    // Renumber the units with padded ids (parents keep pointing at the same unit).
    let width = max(3, String(units.count).count)
    var index: [UnitID: Int] = [:]
    index.reserveCapacity(units.count)
    for i in units.indices { index[units[i].unit.id] = i }
    let ids = units.indices.map { UnitID("U" + pad($0 + 1, width)) }
    for i in units.indices {
      units[i].unit.id = ids[i]
      if let p = units[i].unit.parent, let j = index[p] { units[i].unit.parent = ids[j] }
    }

    // The people of each unit in post order.
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

    // Headcounts above the cadre counts; larger units release more people at once.
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
    return RegionalOrganization(
      units: units, cadres: cadres, unitStart: unitStart, prefectures: prefectures, counties: counties)
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
    if newcomer { tags.insert(.newAppointee) }
    if birth >= y - 40, rng.chance(s.youngIfBornFrom1985) { tags.insert(.young) }
    var nonParty = false
    if !post.partyOnly, post.leadership != .principal, rng.chance(s.nonParty) {
      nonParty = true
      tags.insert(.nonParty)
    }
    let minority = rng.chance(unit.minorityShare)
    if minority { tags.insert(.ethnicMinority) }
    if !village, post.rank >= .section, birth >= y - 37, rng.chance(s.selectedGraduate) { tags.insert(.selectedGraduate) }

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
