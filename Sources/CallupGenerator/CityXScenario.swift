import CallupDomain
import Foundation

/// City X (X市) of seed 004, the city's programme to raise its cadres'
/// governing capacity: a prefecture-level city that is its region's capital,
/// with the classes seed 004 says it holds each year (`callup generate
/// --preset city-x`, bundled as scenarios/city-x, planned with
/// policies/city-x.yaml; docs/plans/city-x.md sets the plan against the
/// document's figures).
///
/// Unlike the `city` preset, whose catalogue follows the default policy's
/// cycles, City X is built for seed 004's figures: about 300 city-managed
/// (county-level) cadres of whom about 290 sit on leadership teams, about
/// 1,200 section-level cadres (the document sends 1,000 of them to a week's
/// professional training a year), about 800 grassroots cadres with the
/// village party secretaries, and each year's classes: main classes for
/// city-managed cadres, young and middle-aged cadres' classes, grassroots
/// demonstration classes, "three lifelines" classes, 33 targeted classes,
/// the new section chiefs' class, the non-party cadres' class and the
/// state-owned enterprises' classes. Each year of the horizon has its own
/// calendar (classes start on Mondays clear of the Spring Festival and the
/// National Day week of that year). History runs from 2019 to the year
/// before the plan and leaves the three- and five-year cycles partly due.
enum CityXScenario {
  /// The scenario's name.
  static let name = "city-x"
  /// The region of the city's units and of the classes held in the city.
  static let region = "x-city"
  /// The policy generated City X scenarios refer to, relative to their directory.
  static let policyPath = "../../policies/city-x.yaml"

  /// Institutions (classes.csv `institution`).
  static let partySchool = "中共X市委党校"
  static let regionalSchool = "中共X区委党校"
  static let socialistInstitute = "X市社会主义学院"
  static let cooperationCentre = "东西协作闽X培训中心"
  static let university = "浙江大学"

  /// The scenario of `generator` (its seed, scale, year, horizon and
  /// calendar years) and the capacities of the years with no calendar.
  static func build(_ generator: ScenarioGenerator) -> (scenario: Scenario, capacities: [YearlyCapacity]) {
    let year = generator.year
    var (units, cadres) = CityXOrganization(seed: generator.seed, scale: generator.scale, year: year).build()
    let catalogue = CityXCatalog(seed: generator.seed)
    let history = CityXHistory(seed: generator.seed, year: year, catalogue: catalogue).build(
      cadres: &cadres, units: units)
    var classes: [TrainingClass] = []
    for y in year..<(year + max(1, generator.horizon)) { classes += catalogue.classes(of: y) }
    var capacities: [YearlyCapacity] = []
    if let n = generator.calendarYears, n < generator.horizon {
      let last = year + max(1, n) - 1
      capacities = YearlyCapacity.summarize(classes.filter { $0.year > last })
      classes = classes.filter { $0.year <= last }
    }
    let s = Scenario(
      name: name, year: year, horizon: max(1, generator.horizon), period: generator.period,
      policy: Policy(name: "city-x", rules: []), solver: SolverSettings(timeLimit: 110, mipGap: 0.005),
      units: units, cadres: cadres, classes: classes, history: history)
    return (s, capacities)
  }

  /// The five-year period of a City X planned from `year`: that year and
  /// the four after (`ScenarioGenerator.period`).
  static func period(year: Int) -> ClosedRange<Int> { year...(year + 4) }

  /// The comment scenario.yaml ends with: where the figures come from.
  static let comment = """
    # City X (X市) of seed 004, generated: `callup generate --preset city-x --seed 4 --horizon 5`.
    # Every rule is in policies/city-x.yaml, with the document's figures as they stand
    # (docs/plans/city-x.md sets the plan against them). The roster is sized so that each
    # figure can be reached: about 300 city-managed (county-level) cadres, 1,200 section-level
    # cadres, 800 grassroots cadres with the village party secretaries. Each year has its own
    # calendar: 5 main classes for city-managed cadres (two month-long 进修班, a 研修班, two
    # 研讨班), 2 young and middle-aged cadres' classes, 4 grassroots demonstration classes,
    # 7 "three lifelines" classes, 33 targeted classes (8 for county-level, 19 for section-level,
    # 6 for staff), the new section chiefs' class of 15 days, the non-party cadres' class at the
    # socialist institute, 2 enterprise seminars, the enterprise party secretaries' class and
    # the region's class for village party secretaries.

    """
}
