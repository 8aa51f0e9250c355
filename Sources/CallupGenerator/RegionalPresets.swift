/// How a regional preset (big city, province) is laid out: the organs above
/// the prefectures, and what every county is made of.
///
/// A county has its party committee, government, congress, political
/// consultative conference, court and procuratorate, county departments
/// (县直部门) and institutions, townships (乡镇) with their villages (村) and
/// subdistricts (街道) with their communities (社区). Its section-level and
/// grassroots cadres are trained by the county party school; its county-level
/// leaders by the city party school; bureau-level leaders by the province.
public struct RegionalLayout: Sendable {
  /// The provincial organs; nil when the scenario is one city that buys
  /// seats at provincial institutions (big city).
  public var provinceOrgans: ProvinceOrgans?
  /// Departments (县直部门) per county.
  public var countyDepartments: ClosedRange<Int>
  /// Section-level and staff cadres of one county department.
  public var countyDepartmentStaff: ClosedRange<Int>
  /// Institutions (县属事业单位: hospitals, schools, centres) per county.
  public var countyInstitutions: ClosedRange<Int>
  /// Section-level and staff cadres of one county institution.
  public var countyInstitutionStaff: ClosedRange<Int>
  /// Townships and subdistricts per county.
  public var townshipsPerCounty: ClosedRange<Int>
  /// Cadres of a township besides its leadership team.
  public var townshipStaff: ClosedRange<Int>
  /// Villages per township (communities per subdistrict are about half).
  public var villagesPerTownship: ClosedRange<Int>
  /// Cadres of a village besides its party secretary (村两委).
  public var villageCadres: ClosedRange<Int>
  /// Section-level and staff cadres of a city department.
  public var cityDepartmentStaff: ClosedRange<Int>
  /// Seats of the county party schools' general classes for grassroots
  /// cadres (rotation, professional, young cadres), per grassroots cadre.
  public var grassrootsSeatShare: Double
  /// Multiplies the usual class sizes (about 150 for a leaders' rotation
  /// class, 80 for a professional class): a smaller city runs smaller classes.
  public var classSizeFactor: Double
  /// What the preset aims at in full size (scale 1).
  public var targets: PresetTargets
  /// The classes the catalogue holds beyond the tiers' classes for
  /// leaders: the province's (`.province`) or a campaign year's.
  public var catalogue: CatalogueOptions

  public init(
    provinceOrgans: ProvinceOrgans?, countyDepartments: ClosedRange<Int>, countyDepartmentStaff: ClosedRange<Int>,
    countyInstitutions: ClosedRange<Int>, countyInstitutionStaff: ClosedRange<Int>,
    townshipsPerCounty: ClosedRange<Int>, townshipStaff: ClosedRange<Int>, villagesPerTownship: ClosedRange<Int>,
    villageCadres: ClosedRange<Int>, cityDepartmentStaff: ClosedRange<Int>, grassrootsSeatShare: Double,
    classSizeFactor: Double = 1, targets: PresetTargets, catalogue: CatalogueOptions = .province
  ) {
    self.provinceOrgans = provinceOrgans
    self.countyDepartments = countyDepartments
    self.countyDepartmentStaff = countyDepartmentStaff
    self.countyInstitutions = countyInstitutions
    self.countyInstitutionStaff = countyInstitutionStaff
    self.townshipsPerCounty = townshipsPerCounty
    self.townshipStaff = townshipStaff
    self.villagesPerTownship = villagesPerTownship
    self.villageCadres = villageCadres
    self.cityDepartmentStaff = cityDepartmentStaff
    self.grassrootsSeatShare = grassrootsSeatShare
    self.classSizeFactor = classSizeFactor
    self.targets = targets
    self.catalogue = catalogue
  }
}

/// What a regional catalogue holds for the section-level and grassroots
/// cadres and the leadership teams, and how the county party schools size
/// their classes. `.province` is the province preset's: general classes
/// for a small share of the grassroots (`grassrootsSeatShare`) and the
/// village secretaries' class for about a third of them. The Sichuan
/// presets turn on what their policies ask for.
public struct CatalogueOptions: Sendable {
  /// Every section-level and staff cadre has a rotation class a year at the
  /// school that trains it (the grassroots rotation of 000 item 8 and 003),
  /// with seats for all of them; the county party schools' professional
  /// classes then hold `juniorProfessionalShare` seats per such cadre,
  /// instead of the general classes sized by `grassrootsSeatShare`.
  public var juniorRotation = false
  /// Seats of a county party school's professional classes per section-level
  /// and staff cadre it trains, when `juniorRotation` is on.
  public var juniorProfessionalShare = 0.0
  /// Size of a county party school's classes (nil: the province's, 100 to 150).
  public var countyClassSize: Int?
  /// The village party secretaries' class seats every one of them (else about a third).
  public var allVillageSecretaries = false
  /// The theme of the village secretaries' class (`rural-revitalization` in
  /// 2023, 003); past county classes never had it, so that no secretary is
  /// kept from it by the rule against a theme twice in five years.
  public var villageSecretaryTheme: String?
  /// A reading class for every member of a county-level-and-above leadership
  /// team (003: 县处级以上领导班子全覆盖举办读书班), besides the principals'
  /// spring reading class.
  public var teamReading = false
  /// The provincial organs' party branch secretaries have a rotation class a
  /// year (002 四(七)(4): 每年分期分批将党支部书记轮训一遍).
  public var branchSecretaryRotation = false
  /// Size of the leaders' rotation classes at the city party schools (150 in
  /// the province: smaller classes give more dates before the end of June).
  public var leaderRotationSize = 150

  /// The province preset's catalogue.
  public static let province = CatalogueOptions()

  public init() {}
}

/// The provincial organs (省直部门, 省属国有企业, 省属高校和事业单位).
public struct ProvinceOrgans: Sendable {
  /// The province's short name, e.g. 四川省.
  public var name: String
  /// Departments; `cityLeader` marks one headed by a member of the
  /// provincial standing committee (provincial rank).
  public var departments: [DepartmentSpec]
  /// Provincial state-owned enterprises (soe leaders of bureau rank).
  public var enterprises: [String]
  /// Provincial universities and public institutions.
  public var institutions: [String]
  public init(name: String, departments: [DepartmentSpec], enterprises: [String], institutions: [String]) {
    self.name = name
    self.departments = departments
    self.enterprises = enterprises
    self.institutions = institutions
  }
}

/// The sizes a regional preset aims at in full size; a scale multiplies
/// them (a province at scale 0.1 has about a tenth of each). Tests check
/// generated scenarios against them.
public struct PresetTargets: Sendable {
  /// Regions (市/州).
  public var regions: Int
  /// Counties and districts (县/市/区).
  public var counties: Int
  /// All cadres.
  public var cadres: Int
  /// County level and above (县处级以上).
  public var leaders: Int
  /// Section level and below (乡科级及以下), grassroots included.
  public var sectionAndBelow: Int
  /// Village party secretaries (村党组织书记).
  public var villageSecretaries: Int
  /// Classes of the plan year.
  public var classes: Int
  /// Classes of the county party schools in the plan year (nil: not a target).
  public var countyClasses: Int?
  /// Seats of all classes of the plan year (nil: not a target).
  public var seats: Int?
  public init(
    regions: Int, counties: Int, cadres: Int, leaders: Int, sectionAndBelow: Int, villageSecretaries: Int, classes: Int,
    countyClasses: Int? = nil, seats: Int? = nil
  ) {
    self.regions = regions
    self.counties = counties
    self.cadres = cadres
    self.leaders = leaders
    self.sectionAndBelow = sectionAndBelow
    self.villageSecretaries = villageSecretaries
    self.classes = classes
    self.countyClasses = countyClasses
    self.seats = seats
  }
}

extension GeneratorPreset {
  /// 涪江市: a large prefecture of a Sichuan-like province with 12 counties
  /// and districts and many townships; about 20,000 cadres and 300 classes.
  /// Its bureau-level leaders take seats in provincial classes.
  public static let bigCity = GeneratorPreset(
    name: "big-city",
    prefectures: [
      RegionalNames.prefecture(
        name: "涪江市", region: "fujiang", counties: 12, districts: 3, minority: (0, .none), minorityShare: 0.03,
        firstCounty: 200)
    ],
    province: sichuanInstitutions,
    layout: RegionalLayout(
      provinceOrgans: nil, countyDepartments: 18...24, countyDepartmentStaff: 14...22, countyInstitutions: 5...8,
      countyInstitutionStaff: 10...16, townshipsPerCounty: 14...20, townshipStaff: 20...30,
      villagesPerTownship: 3...6, villageCadres: 2...3, cityDepartmentStaff: 14...22, grassrootsSeatShare: 0.3,
      classSizeFactor: 0.3,
      targets: PresetTargets(
        regions: 1, counties: 12, cadres: 20_000, leaders: 1_600, sectionAndBelow: 18_400, villageSecretaries: 1_000,
        classes: 300)))

  /// A Sichuan-like province: 21 cities and prefectures with their real
  /// names and county counts (183 in all; Aba, Ganzi and Liangshan are
  /// Tibetan and Yi areas), the provincial organs, the provincial party
  /// school and cadre colleges (四川长征干部学院, 小平干部学院). The figures
  /// follow the seeds: 33,000 county-level-and-above leaders and 934,000
  /// grassroots cadres trained in 2023, 26,000 village party secretaries
  /// (003); tiered training (000 items 1, 8; 002 四).
  public static let province = GeneratorPreset(
    name: "province",
    prefectures: RegionalNames.sichuan,
    province: sichuanInstitutions,
    shares: {
      var s = PopulationShares()
      s.newRecruits = 0.05
      s.newlyAppointed = 0.08
      // Selected graduates (选调生) of the last ten years or so, about 20,000
      // of the province's section-level and staff cadres; a tenth of them
      // have a demonstration class a year (002 四(六)(2): about 200).
      s.selectedGraduate = 0.06
      return s
    }(),
    layout: RegionalLayout(
      provinceOrgans: ProvinceOrgans(
        name: "四川省", departments: RegionalNames.provinceDepartments, enterprises: RegionalNames.provinceEnterprises,
        institutions: RegionalNames.provinceInstitutions),
      countyDepartments: 30...38, countyDepartmentStaff: 28...40, countyInstitutions: 14...20,
      countyInstitutionStaff: 40...60, townshipsPerCounty: 13...21, townshipStaff: 65...95,
      villagesPerTownship: 8...13, villageCadres: 4...6, cityDepartmentStaff: 28...42, grassrootsSeatShare: 0.045,
      targets: PresetTargets(
        regions: 21, counties: 183, cadres: 933_000, leaders: 33_000, sectionAndBelow: 900_000,
        villageSecretaries: 26_000, classes: 2_000)))

  /// The provincial institutions of the Sichuan-like presets.
  static let sichuanInstitutions = ProvinceSpec(
    partySchool: "中共四川省委党校", region: "chengdu",
    cadreColleges: [Venue("四川长征干部学院", region: "chengdu"), Venue("小平干部学院", region: "guangan")],
    universities: [Venue("四川大学", region: "chengdu"), Venue("西南财经大学", region: "chengdu")])
}

/// Names for the regional presets: prefectures, counties, provincial organs.
enum RegionalNames {
  /// The city departments every regional prefecture has (the city
  /// preset's list and a few more).
  static let cityDepartments: [DepartmentSpec] =
    GeneratorPreset.city.prefectures[0].departments + [
      DepartmentSpec("市委网络安全和信息化委员会办公室", party: true, deputies: 3),
      DepartmentSpec("市委机构编制委员会办公室", party: true, deputies: 3),
      DepartmentSpec("市退役军人事务局", deputies: 4),
      DepartmentSpec("市医疗保障局", deputies: 3),
      DepartmentSpec("市林业局", deputies: 4),
      DepartmentSpec("市信访局", deputies: 3),
      DepartmentSpec("市投资促进局", deputies: 4),
      DepartmentSpec("市乡村振兴局", deputies: 4),
    ]
  static let cityEnterprises = GeneratorPreset.city.prefectures[0].enterprises + ["市产业投资集团有限公司", "市文化旅游发展集团有限公司"]
  static let cityInstitutions = GeneratorPreset.city.prefectures[0].institutions + ["市妇幼保健院", "市广播电视台"]

  /// Stems of county names: two characters, all different.
  static let countyStems: [String] = {
    let first = Array("安宝长崇丹德丰高广和华嘉金锦乐龙隆茂宁平青仁荣顺泰通文兴永云")
    let second = Array("江山阳平安宁川溪源昌")
    var out: [String] = []
    for a in first { for b in second where a != b { out.append(String(a) + String(b)) } }
    return out
  }()

  /// A prefecture of `counties` counties, the first `districts` of them
  /// districts (区) and the last `minority.0` of them in a minority area.
  /// County names come from `countyStems`, starting at `firstCounty`, so
  /// that no two counties of a preset share a name.
  static func prefecture(
    name: String, region: String, counties: Int, districts: Int, minority: (Int, CountySpec.Minority),
    minorityShare: Double, firstCounty: Int
  ) -> PrefectureSpec {
    let stems = countyStems
    let list = (0..<counties).map { i -> CountySpec in
      // A stride coprime with the stem count visits every stem once.
      let stem = stems[((firstCounty + i) * 37) % stems.count]
      let district = i < districts
      return CountySpec(
        stem + (district ? "区" : "县"), district: district, minority: i >= counties - minority.0 ? minority.1 : .none)
    }
    return PrefectureSpec(
      name: name, region: region, counties: list, countyCount: counties...counties, townshipsPerCounty: 1...1,
      bureausPerCounty: 0, departments: cityDepartments, enterprises: cityEnterprises, institutions: cityInstitutions,
      cityMinorityShare: minorityShare)
  }

  /// The 21 cities and prefectures of Sichuan with their county counts
  /// (183 in all), districts and minority areas.
  static let sichuan: [PrefectureSpec] = {
    let rows: [(String, String, Int, Int, Int, CountySpec.Minority, Double)] = [
      ("成都市", "chengdu", 20, 12, 0, .none, 0.02), ("自贡市", "zigong", 6, 4, 0, .none, 0.01),
      ("攀枝花市", "panzhihua", 5, 3, 1, .yi, 0.08), ("泸州市", "luzhou", 7, 3, 0, .none, 0.02),
      ("德阳市", "deyang", 6, 2, 0, .none, 0.01), ("绵阳市", "mianyang", 9, 3, 1, .tibetan, 0.04),
      ("广元市", "guangyuan", 7, 3, 0, .none, 0.02), ("遂宁市", "suining", 5, 2, 0, .none, 0.01),
      ("内江市", "neijiang", 5, 2, 0, .none, 0.01), ("乐山市", "leshan", 11, 4, 2, .yi, 0.05),
      ("南充市", "nanchong", 9, 3, 0, .none, 0.01), ("眉山市", "meishan", 6, 2, 0, .none, 0.01),
      ("宜宾市", "yibin", 10, 3, 0, .none, 0.02), ("广安市", "guangan", 6, 2, 0, .none, 0.01),
      ("达州市", "dazhou", 7, 2, 0, .none, 0.01), ("雅安市", "yaan", 8, 2, 1, .yi, 0.05),
      ("巴中市", "bazhong", 5, 2, 0, .none, 0.01), ("资阳市", "ziyang", 3, 1, 0, .none, 0.01),
      ("阿坝州", "aba", 13, 0, 13, .tibetan, 0.45), ("甘孜州", "ganzi", 18, 0, 18, .tibetan, 0.5),
      ("凉山州", "liangshan", 17, 0, 16, .yi, 0.4),
    ]
    var first = 0
    return rows.map { r in
      defer { first += r.2 }
      return prefecture(
        name: r.0, region: r.1, counties: r.2, districts: r.3, minority: (r.4, r.5), minorityShare: r.6,
        firstCounty: first)
    }
  }()

  /// Provincial departments (省直部门).
  static let provinceDepartments: [DepartmentSpec] = [
    DepartmentSpec("中共四川省委办公厅", party: true, deputies: 6),
    DepartmentSpec("四川省人民政府办公厅", deputies: 7),
    DepartmentSpec("中共四川省委组织部", party: true, cityLeader: true, deputies: 6),
    DepartmentSpec("中共四川省委宣传部", party: true, cityLeader: true, deputies: 6),
    DepartmentSpec("中共四川省委统战部", party: true, cityLeader: true, deputies: 6),
    DepartmentSpec("中共四川省委政法委员会", party: true, cityLeader: true, deputies: 5),
    DepartmentSpec("中共四川省纪委监委", party: true, cityLeader: true, deputies: 8),
    DepartmentSpec("中共四川省委政策研究室", party: true, deputies: 4),
    DepartmentSpec("中共四川省委网络安全和信息化委员会办公室", party: true, deputies: 4),
    DepartmentSpec("中共四川省委机构编制委员会办公室", party: true, deputies: 3),
    DepartmentSpec("中共四川省委省直机关工作委员会", party: true, deputies: 4),
    DepartmentSpec("四川省发展和改革委员会", deputies: 7), DepartmentSpec("四川省经济和信息化厅", deputies: 6),
    DepartmentSpec("四川省教育厅", deputies: 6), DepartmentSpec("四川省科学技术厅", deputies: 5),
    DepartmentSpec("四川省民族宗教事务委员会", deputies: 5), DepartmentSpec("四川省公安厅", deputies: 7),
    DepartmentSpec("四川省民政厅", deputies: 5), DepartmentSpec("四川省司法厅", deputies: 5),
    DepartmentSpec("四川省财政厅", deputies: 6), DepartmentSpec("四川省人力资源和社会保障厅", deputies: 6),
    DepartmentSpec("四川省自然资源厅", deputies: 6), DepartmentSpec("四川省生态环境厅", deputies: 5),
    DepartmentSpec("四川省住房和城乡建设厅", deputies: 5), DepartmentSpec("四川省交通运输厅", deputies: 6),
    DepartmentSpec("四川省水利厅", deputies: 5), DepartmentSpec("四川省农业农村厅", deputies: 6),
    DepartmentSpec("四川省商务厅", deputies: 5), DepartmentSpec("四川省文化和旅游厅", deputies: 5),
    DepartmentSpec("四川省卫生健康委员会", deputies: 6), DepartmentSpec("四川省退役军人事务厅", deputies: 4),
    DepartmentSpec("四川省应急管理厅", deputies: 5), DepartmentSpec("四川省审计厅", deputies: 5),
    DepartmentSpec("四川省人民政府国有资产监督管理委员会", deputies: 5), DepartmentSpec("四川省市场监督管理局", deputies: 6),
    DepartmentSpec("四川省广播电视局", deputies: 4), DepartmentSpec("四川省体育局", deputies: 4),
    DepartmentSpec("四川省统计局", deputies: 4), DepartmentSpec("四川省医疗保障局", deputies: 4),
    DepartmentSpec("四川省林业和草原局", deputies: 5), DepartmentSpec("四川省乡村振兴局", deputies: 4),
    DepartmentSpec("四川省机关事务管理局", deputies: 4), DepartmentSpec("四川省信访局", deputies: 4),
    DepartmentSpec("四川省大数据中心", deputies: 3), DepartmentSpec("四川省粮食和物资储备局", deputies: 4),
  ]
  /// Provincial state-owned enterprises (省属国有企业).
  static let provinceEnterprises = [
    "四川发展（控股）有限责任公司", "蜀道投资集团有限责任公司", "四川省能源投资集团有限责任公司", "四川省投资集团有限责任公司",
    "四川华西集团有限公司", "四川省商业投资集团有限责任公司", "四川省旅游投资集团有限责任公司", "四川省农业投资集团有限公司",
    "四川长虹电子控股集团有限公司", "四川省水电投资经营集团有限公司", "四川省国有资产投资管理有限责任公司", "四川省铁路产业投资集团有限责任公司",
  ]
  /// Provincial universities and institutions (省属高校和事业单位).
  static let provinceInstitutions = [
    "西华大学", "成都理工大学", "四川农业大学", "四川师范大学", "西南科技大学", "成都中医药大学", "川北医学院", "成都信息工程大学",
    "四川省人民医院", "四川省社会科学院", "四川省农业科学院", "四川广播电视台",
  ]

  /// County departments (县直部门), after the county's name; `true` for
  /// party organs. The first ones are what every county has.
  static let countyDepartments: [(String, Bool)] = [
    ("委办公室", true), ("政府办公室", false), ("委组织部", true), ("委宣传部", true), ("委统战部", true),
    ("委政法委员会", true), ("纪委监委", true), ("发展和改革局", false), ("财政局", false), ("教育局", false),
    ("公安局", false), ("民政局", false), ("司法局", false), ("人力资源和社会保障局", false), ("自然资源局", false),
    ("住房和城乡建设局", false), ("交通运输局", false), ("水利局", false), ("农业农村局", false), ("卫生健康局", false),
    ("应急管理局", false), ("审计局", false), ("市场监督管理局", false), ("经济和信息化局", false), ("商务局", false),
    ("文化广播电视和旅游局", false), ("退役军人事务局", false), ("统计局", false), ("医疗保障局", false),
    ("林业局", false), ("乡村振兴局", false), ("信访局", false), ("科学技术局", false), ("综合行政执法局", false),
    ("行政审批局", false), ("民族宗教事务局", false), ("机关事务服务中心", false), ("委机构编制委员会办公室", true),
  ]

  /// Stems of village and community names.
  static let villageStems: [String] = {
    let first = Array("新民和红光团胜联建双金五永平安大")
    let second = Array("华合星结利旗丰兴福乐桥坝湾沟坪岭")
    var out: [String] = []
    for a in first { for b in second { out.append(String(a) + String(b)) } }
    return out
  }()
}
