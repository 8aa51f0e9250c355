/// The two presets of the seeds' own province (002 is Sichuan's five-year
/// plan, 000 its 2023 rules, 003 its 2023 figures): the province preset's
/// prefectures, counties, organs and population, with a catalogue whose
/// seats cover the due obligations (the province preset's are 90–95 % of
/// them by design) and the classes their policies ask for.
extension GeneratorPreset {
  /// Sichuan in 2023, planned with policies/sichuan-2023.yaml: the leaders'
  /// rotation on the 20th Party Congress finished by 30 June (33,000
  /// leaders, 003), a rotation class for every section-level and grassroots
  /// cadre (934,000 grassroots cadres trained in the year, 003; the party
  /// members' 32 hours of 000 item 8) and professional classes towards
  /// their 90 hours (002 一(三)1) at the county party schools, every village
  /// party secretary in the county's rural-revitalization class (26,000,
  /// 003), a reading class for every county-level-and-above leadership team
  /// (003) besides the principals' spring reading class (000 item 17).
  /// History runs from 2017; the five-year period is 002's, 2019–2023.
  public static let sichuan2023: GeneratorPreset = {
    var p = GeneratorPreset.province
    p.name = "sichuan-2023"
    p.capacityShare = 1.02...1.06
    p.historyStartYear = 2017
    p.defaults = PresetDefaults(
      year: 2023, horizon: 1, period: 2019...2023, policyPath: "../../policies/sichuan-2023.yaml")
    p.defaults.provinceFigures = [.programmes, .figures2023]
    var layout = sichuanLayout
    layout.catalogue.juniorRotation = true
    layout.catalogue.juniorProfessionalShare = 0.25
    layout.catalogue.villageSecretaryTheme = "rural-revitalization"
    layout.catalogue.teamReading = true
    layout.catalogue.leaderRotationSize = 100
    layout.targets = PresetTargets(
      regions: 21, counties: 183, cadres: 980_000, leaders: 33_000, sectionAndBelow: 945_000,
      villageSecretaries: 26_000, classes: 23_000, countyClasses: 21_000, seats: 1_400_000)
    p.layout = layout
    return p
  }()

  /// Sichuan's five-year plan of 2019–2023 (002), planned with
  /// policies/sichuan-2019-2023.yaml as a rotation over the five years: the
  /// 2019 catalogue in each year (`horizon` 5), seats covering the year's
  /// due obligations (the first year's make-up included), every village
  /// party secretary and every party branch secretary of the provincial
  /// organs in a class of their own a year (002 四(七)(4)). History runs
  /// from 2013.
  public static let sichuan2019: GeneratorPreset = {
    var p = GeneratorPreset.province
    p.name = "sichuan-2019"
    p.capacityShare = 1.02...1.06
    p.historyStartYear = 2013
    p.defaults = PresetDefaults(
      year: 2019, horizon: 5, period: 2019...2023, policyPath: "../../policies/sichuan-2019-2023.yaml")
    var layout = sichuanLayout
    layout.catalogue.branchSecretaryRotation = true
    layout.targets = PresetTargets(
      regions: 21, counties: 183, cadres: 980_000, leaders: 33_000, sectionAndBelow: 945_000,
      villageSecretaries: 26_000, classes: 2_900)
    p.layout = layout
    return p
  }()

  /// The province's layout with townships a little larger, so that the
  /// section-level and grassroots cadres number about 945,000 (003: 934,000
  /// grassroots cadres trained in 2023), and with village secretaries all
  /// in their county's class.
  static let sichuanLayout: RegionalLayout = {
    var layout = GeneratorPreset.province.layout!
    layout.townshipStaff = 75...105
    layout.countyInstitutionStaff = 44...64
    layout.catalogue.allVillageSecretaries = true
    layout.catalogue.countyClassSize = 60
    return layout
  }()
}
