/// The bundled kinds of generated scenario.
///
/// `city` is one prefecture-level city whose scale multiplies the staff of
/// each unit; `big-city`, `province`, `sichuan-2023` and `sichuan-2019` are
/// built by the regional generator (`RegionalLayout`): whole counties with
/// townships and villages, county party schools, and a scale that shrinks
/// cadres, units and classes proportionally.
public enum Preset: String, CaseIterable, Sendable {
  /// A prefecture-level city (地级市) of about 2,000 cadres in about 100 units.
  case city
  /// A large prefecture of about 20,000 cadres, 12 counties and 300 classes,
  /// whose grassroots cadres are trained by the county party schools.
  case bigCity = "big-city"
  /// A Sichuan-like province: 21 regions, 183 counties, about 33,000
  /// county-level-and-above leaders and 900,000 section-level and
  /// grassroots cadres, about 2,000 classes.
  case province
  /// The province in 2023 as 000 and 003 describe it: the leaders' rotation
  /// finished by 30 June, every grassroots cadre and village party
  /// secretary trained, about 20,000 county classes; planned with
  /// policies/sichuan-2023.yaml.
  case sichuan2023 = "sichuan-2023"
  /// The province's five-year plan of 2019–2023 (002): the 2019 catalogue
  /// in each of the five years, planned as a rotation with
  /// policies/sichuan-2019-2023.yaml.
  case sichuan2019 = "sichuan-2019"
  /// City X of seed 004: about 2,400 cadres and the classes the city's
  /// programme holds each year (`CityXScenario`), planned with
  /// policies/city-x.yaml.
  case cityX = "city-x"

  /// The parameters of the preset.
  public var parameters: GeneratorPreset {
    switch self {
    case .city: .city
    case .bigCity: .bigCity
    case .province: .province
    case .sichuan2023: .sichuan2023
    case .sichuan2019: .sichuan2019
    case .cityX: .cityX
    }
  }

  /// The seed the bundled scenario of this preset was generated with (the
  /// larger presets are not bundled; benchmarks use this seed).
  public var bundledSeed: UInt64 {
    switch self {
    case .city: 2025
    case .bigCity, .province, .sichuan2023, .sichuan2019: 1
    case .cityX: 4
    }
  }
}

/// Everything that shapes a generated scenario apart from the seed: the
/// prefectures and their counties, the institutions, the population shares
/// and how tight the class catalogue is against demand.
public struct GeneratorPreset: Sendable {
  /// The scenario's name (scenario.yaml `name`).
  public var name: String
  /// The prefectures (市/州) of the scenario; each gets its own party
  /// school and city-level classes.
  public var prefectures: [PrefectureSpec]
  /// The institutions above the prefectures: provincial party school, cadre
  /// colleges, universities.
  public var province: ProvinceSpec
  /// Shares of the population (women, non-party, ethnic minorities…).
  public var shares: PopulationShares
  /// Seats of the classes that serve a cycle obligation, as a share of the
  /// due obligations; drawn per segment from this range.
  public var capacityShare: ClosedRange<Double>
  /// First year of past trainings in history.csv.
  public var historyStartYear: Int
  /// The layout of a regional preset (big city, province); nil for the
  /// city preset, whose generator scales only the staff of each unit.
  public var layout: RegionalLayout?
  /// What a generator of the preset plans when not told otherwise: the
  /// plan year, the years planned, the five-year period (nil: the year
  /// before the plan year to three after) and the policy file
  /// scenario.yaml refers to, relative to `scenarios/NAME`.
  public var defaults = PresetDefaults()
  /// Built by `CityXScenario` (City X of seed 004) instead of from the prefectures.
  public var isCityX = false

  public init(
    name: String, prefectures: [PrefectureSpec], province: ProvinceSpec, shares: PopulationShares = .init(),
    capacityShare: ClosedRange<Double> = 0.90...0.95, historyStartYear: Int = 2019, layout: RegionalLayout? = nil,
    defaults: PresetDefaults = PresetDefaults()
  ) {
    self.name = name
    self.prefectures = prefectures
    self.province = province
    self.shares = shares
    self.capacityShare = capacityShare
    self.historyStartYear = historyStartYear
    self.layout = layout
    self.defaults = defaults
  }
}

/// The settings a preset's scenario gets when the generator is not told
/// otherwise.
public struct PresetDefaults: Sendable {
  /// The plan year.
  public var year: Int
  /// Years planned (1: the annual call-up; 2–5: a rotation plan).
  public var horizon: Int
  /// The five-year plan period hours rules count in; nil for the year
  /// before the plan year to three after. A plan year outside it gets that
  /// default too.
  public var period: ClosedRange<Int>?
  /// The policy file scenario.yaml refers to, relative to `scenarios/NAME`.
  public var policyPath: String
  /// The policy's quota rules whose figures are a whole province's, written
  /// times the scale into the scenario.yaml of a province at another scale.
  var provinceFigures: [ProvinceFigures] = [.programmes]

  /// The policy's name: its file name without `.yaml`.
  public var policyName: String {
    let file = policyPath.split(separator: "/").last.map(String.init) ?? policyPath
    return file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
  }

  public init(
    year: Int = 2025, horizon: Int = 1, period: ClosedRange<Int>? = nil,
    policyPath: String = "../../policies/default.yaml"
  ) {
    self.year = year
    self.horizon = horizon
    self.period = period
    self.policyPath = policyPath
  }

  /// The period of a scenario planned from `year` for `horizon` years.
  public func period(year: Int, horizon: Int) -> ClosedRange<Int> {
    if let p = period, p.contains(year), p.contains(year + horizon - 1) { return p }
    return (year - 1)...(year + 3)
  }
}

/// One prefecture-level city and what it is made of.
public struct PrefectureSpec: Sendable {
  /// Chinese name, e.g. 岷州市.
  public var name: String
  /// Region id used in units.csv and classes.csv.
  public var region: String
  /// Candidate counties and districts, in order; the first `countyCount` are used.
  public var counties: [CountySpec]
  /// How many counties the city has (drawn from the range).
  public var countyCount: ClosedRange<Int>
  /// Townships (乡镇、街道) per county, drawn per county, times the scale.
  public var townshipsPerCounty: ClosedRange<Int>
  /// County bureaus (县直部门) per county, drawn from a fixed list.
  public var bureausPerCounty: Int
  /// City departments (市直部门), short names without the city prefix.
  public var departments: [DepartmentSpec]
  /// City-owned enterprises (市属国有企业).
  public var enterprises: [String]
  /// Public institutions (事业单位): hospitals, colleges, institutes.
  public var institutions: [String]
  /// Share of the city-level units' cadres who belong to an ethnic minority.
  public var cityMinorityShare: Double
  /// An autonomous prefecture (自治州, the name ends in 州): all of it is an
  /// ethnic area (民族地区), its city organs as well as its counties.
  public var isAutonomous: Bool { name.hasSuffix("州") }

  public init(
    name: String, region: String, counties: [CountySpec], countyCount: ClosedRange<Int>,
    townshipsPerCounty: ClosedRange<Int>, bureausPerCounty: Int, departments: [DepartmentSpec],
    enterprises: [String], institutions: [String], cityMinorityShare: Double
  ) {
    self.name = name
    self.region = region
    self.counties = counties
    self.countyCount = countyCount
    self.townshipsPerCounty = townshipsPerCounty
    self.bureausPerCounty = bureausPerCounty
    self.departments = departments
    self.enterprises = enterprises
    self.institutions = institutions
    self.cityMinorityShare = cityMinorityShare
  }
}

/// A city department (市直部门).
public struct DepartmentSpec: Sendable {
  /// Short name with the city prefix left out (市财政局 → 岷州市财政局).
  public var name: String
  /// An organ of the party: its leaders are always party members.
  public var isPartyOrgan: Bool
  /// Its head is a member of the city party standing committee (市委常委),
  /// of bureau rank and on the city-county team.
  public var headIsCityLeader: Bool
  /// County-level deputies besides the head.
  public var deputies: Int
  public init(_ name: String, party: Bool = false, cityLeader: Bool = false, deputies: Int = 5) {
    self.name = name
    self.isPartyOrgan = party
    self.headIsCityLeader = cityLeader
    self.deputies = deputies
  }
}

/// A county (县) or district (区) and its ethnic make-up.
public struct CountySpec: Sendable {
  /// The minority people of an area (their cadres get Yi or Tibetan names).
  public enum Minority: Sendable { case none, yi, tibetan }
  public var name: String
  /// A district (区) has subdistricts (街道) rather than townships.
  public var isDistrict: Bool
  public var minority: Minority
  public init(_ name: String, district: Bool = false, minority: Minority = .none) {
    self.name = name
    self.isDistrict = district
    self.minority = minority
  }
}

/// The institutions above the prefecture.
public struct ProvinceSpec: Sendable {
  /// Provincial party school (省委党校) and its region id.
  public var partySchool: String
  public var region: String
  /// Cadre colleges (干部学院) with their region ids.
  public var cadreColleges: [Venue]
  /// Universities that run cadre classes, with their region ids.
  public var universities: [Venue]

  public init(partySchool: String, region: String, cadreColleges: [Venue], universities: [Venue]) {
    self.partySchool = partySchool
    self.region = region
    self.cadreColleges = cadreColleges
    self.universities = universities
  }
}

/// An institution outside the prefectures and the region it sits in.
public struct Venue: Sendable {
  /// Chinese name; also the class's `institution` id.
  public var name: String
  /// Region id of where it sits.
  public var region: String
  public init(_ name: String, region: String) {
    self.name = name
    self.region = region
  }
}

/// Population shares of the generated roster.
public struct PopulationShares: Sendable {
  /// Women among non-principals (half of it among principals).
  public var female = 0.30
  /// Non-party cadres among those who may be non-party (not in party organs).
  public var nonParty = 0.065
  /// Ethnic minorities in counties of a minority area.
  public var minorityInMinorityArea = 0.4
  /// Ethnic minorities elsewhere (county level).
  public var minorityElsewhere = 0.04
  /// Cadres aged 40 or less (born 1985 or later for 2025) who are tagged `young`.
  public var youngIfBornFrom1985 = 0.8
  /// Section and staff cadres aged 37 or less who are selected graduates.
  public var selectedGraduate = 0.3
  /// County and section cadres appointed to their post in the plan year.
  public var newlyAppointed = 0.10
  /// Staff recruited in the plan year.
  public var newRecruits = 0.15
  /// Cadres with an unavailable range in the plan year.
  public var unavailable = 0.05
  public init() {}
}

extension GeneratorPreset {
  /// City X of seed 004 (`CityXScenario`): the prefectures and shares are
  /// not used. Planned from 2025 for the document's five years unless told
  /// otherwise (the bundled scenarios/city-x), with policies/city-x.yaml;
  /// its period is the plan year and the four after (`CityXScenario.period`).
  public static let cityX: GeneratorPreset = {
    var p = GeneratorPreset(
      name: CityXScenario.name, prefectures: [], province: GeneratorPreset.city.province, historyStartYear: 2019,
      defaults: PresetDefaults(year: 2025, horizon: 5, policyPath: CityXScenario.policyPath))
    p.isCityX = true
    return p
  }()

  /// 岷州市: a prefecture-level city of Sichuan with 6–9 counties and
  /// districts, two of them in Yi and Tibetan areas.
  public static let city = GeneratorPreset(
    name: "demo-city",
    prefectures: [
      PrefectureSpec(
        name: "岷州市", region: "minzhou",
        counties: [
          CountySpec("岷江区", district: true),
          CountySpec("东城区", district: true),
          CountySpec("安宁县"),
          CountySpec("彝乡县", minority: .yi),
          CountySpec("白沙县"),
          CountySpec("雪山县", minority: .tibetan),
          CountySpec("石门县"),
          CountySpec("云峰县"),
          CountySpec("青溪县"),
        ],
        countyCount: 6...9, townshipsPerCounty: 3...5, bureausPerCounty: 2,
        departments: [
          DepartmentSpec("市委办公室", party: true, deputies: 6),
          DepartmentSpec("市政府办公室", deputies: 6),
          DepartmentSpec("市委组织部", party: true, cityLeader: true, deputies: 6),
          DepartmentSpec("市委宣传部", party: true, cityLeader: true),
          DepartmentSpec("市委统战部", party: true, cityLeader: true),
          DepartmentSpec("市委政法委员会", party: true, cityLeader: true),
          DepartmentSpec("市纪委监委", party: true, cityLeader: true, deputies: 7),
          DepartmentSpec("市发展和改革委员会", deputies: 6),
          DepartmentSpec("市经济和信息化局"),
          DepartmentSpec("市教育局"),
          DepartmentSpec("市公安局", deputies: 7),
          DepartmentSpec("市民政局"),
          DepartmentSpec("市司法局"),
          DepartmentSpec("市财政局", deputies: 6),
          DepartmentSpec("市人力资源和社会保障局"),
          DepartmentSpec("市自然资源和规划局"),
          DepartmentSpec("市生态环境局"),
          DepartmentSpec("市住房和城乡建设局"),
          DepartmentSpec("市交通运输局"),
          DepartmentSpec("市水利局"),
          DepartmentSpec("市农业农村局", deputies: 6),
          DepartmentSpec("市商务局"),
          DepartmentSpec("市文化广播电视和旅游局"),
          DepartmentSpec("市卫生健康委员会"),
          DepartmentSpec("市应急管理局"),
          DepartmentSpec("市审计局"),
          DepartmentSpec("市市场监督管理局"),
          DepartmentSpec("市民族宗教事务委员会"),
          DepartmentSpec("市统计局", deputies: 4),
        ],
        enterprises: ["市国有资产投资经营集团有限公司", "市交通投资集团有限公司", "市城市建设投资集团有限公司", "市水务集团有限公司"],
        institutions: ["市第一人民医院", "市中医医院", "岷州职业技术学院", "市农业科学研究院"],
        cityMinorityShare: 0.06)
    ],
    province: ProvinceSpec(
      partySchool: "中共四川省委党校", region: "chengdu",
      cadreColleges: [Venue("四川长征干部学院", region: "chengdu"), Venue("小平干部学院", region: "guangan")],
      universities: [Venue("四川大学", region: "chengdu"), Venue("电子科技大学", region: "chengdu")]))
}
