import CallupDomain
import Foundation
import Testing

/// capacities.csv: yearly seats per kind and institution for years of the
/// horizon with no calendar yet, planned as provisional classes.
@Suite("yearly capacities")
struct CapacitiesTests {
  static let header =
    "id,year,institution,institution_type,level,region,kind,theme,seats,classes,days,hours,min_size,ranks,tags,cost_per_seat,fixed_cost"
  static let threeYears = lines("name: tiny", "year: 2025", "horizon: 3", "policy: policy.yaml")

  /// The tiny scenario over three years with these rows of capacities.csv
  /// (keep `folder` while the files are read).
  static func scenario(_ rows: String...) throws -> (folder: TempFolder, dir: URL) {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder, scenario: threeYears)
    try folder.write("s/capacities.csv", ([header] + rows).joined(separator: "\n") + "\n")
    return (folder, dir)
  }

  /// 121 seats in 2 classes: 61 and 60 seats, ids ID-1 and ID-2, provisional,
  /// inside the teaching months of their year; a row without `classes`
  /// gets one class per 60 seats.
  @Test func aCapacityBecomesProvisionalClasses() throws {
    let (folder, dir) = try Self.scenario(
      "K1,2026,省委党校,party-school,province,R1,rotation,,121,2,5,40,10,county,,1200,8000",
      "K2,2027,省委党校,party-school,province,R1,systematic,,130,,30,180,,,,3000,")
    let s = try withExtendedLifetime(folder) { try ScenarioLoader.load(dir).scenario }
    let made = s.classes.filter(\.provisional)
    #expect(made.map(\.id.rawValue) == ["K1-1", "K1-2", "K2-1", "K2-2", "K2-3"])
    #expect(made.map(\.capacity) == [61, 60, 44, 43, 43])
    #expect(made.map(\.year) == [2026, 2026, 2027, 2027, 2027])
    #expect(made[0].kind == .rotation && made[0].minSize == 10 && made[0].ranks == [.county])
    #expect(made[0].costPerSeat == 1200 && made[0].fixedCost == 8000 && made[0].hours == 40)
    for k in made {
      #expect(k.start >= Day(year: k.year, month: 3, day: 1)! && k.end <= Day(year: k.year, month: 11, day: 30)!)
    }
    // The two classes of one capacity do not share their days.
    #expect(!made[0].span.overlaps(made[1].span))
    // classes.csv's class is not provisional.
    #expect(s.classes.filter { !$0.provisional }.map(\.id.rawValue) == ["C1"])
  }

  @Test func badCapacitiesAreReportedWithTheirCell() throws {
    let (folder, dir) = try Self.scenario(
      "K1,2029,省委党校,party-school,province,R1,rotation,,60,,5,40,,,,,",
      "C1,2026,省委党校,party-school,province,R1,rotation,,60,,5,40,,,,,",
      "K3,2026,省委党校,party-school,province,R1,rotation,,10,20,5,40,,,,,",
      "K4,2026,省委党校,party-school,province,R1,rotation,,60,2,5,40,40,,,,",
      "K4,2026,省委党校,party-school,province,R1,rotation,,60,2,5,40,,,,,")
    let issues = loadIssues(dir)
    expectIssue(
      issues,
      "capacities.csv:2:2 (year): year 2029 is not a year of the plan (2025–2027); capacities are for the horizon's years."
    )
    expectIssue(
      issues, "capacities.csv:4:10 (classes): classes is 20 but seats is 10; every class needs at least one seat.")
    expectIssue(
      issues,
      "capacities.csv:5:13 (min_size): min_size 40 is more than the 30 seats of each of the 2 classes; no class could be held."
    )
    expectIssue(issues, "capacities.csv:6:1 (id): duplicate capacity id 'K4'; it is already on line 5.")
    #expect(issues.count == 4, "\(issues)")
    // A provisional id that is a class of classes.csv.
    try folder.write(
      "s/capacities.csv", lines(Self.header, "C1,2026,省委党校,party-school,province,R1,rotation,,60,,5,40,,,,,"))
    try folder.write(
      "s/classes.csv",
      Tiny.classes + "C1-1,轮训班,省委党校,party-school,province,R1,rotation,,2026-04-01,5,40,,,,,1200,10000\n")
    expectIssue(
      loadIssues(dir),
      "capacities.csv:2:1 (id): provisional class id 'C1-1' is already on line 3 of classes.csv; give the capacity another id."
    )
  }

  /// A calendar summed up: same kind and institution make one capacity,
  /// seats summed, classes counted; written and read back, the same seats.
  @Test func aCalendarSumsUpAndReadsBack() throws {
    let k = TrainingClass(
      id: "A", name: "a", institution: "I", region: "R1", kind: .rotation, start: Day(year: 2026, month: 4, day: 1)!,
      days: 5, hours: 40, minSize: 30, capacity: 50, costPerSeat: 100, fixedCost: 1000)
    var b = k
    b.id = "B"
    b.capacity = 70
    b.minSize = 20
    var c = k
    c.id = "C"
    c.kind = .professional
    let caps = YearlyCapacity.summarize([k, b, c])
    #expect(caps.map(\.id) == ["CAP-2026-001", "CAP-2026-002"])
    #expect(caps.map(\.seats) == [120, 50] && caps.map(\.classes) == [2, 1] && caps.map(\.minSize) == [20, 30])
    let text = ScenarioWriter.capacitiesCSV(caps)
    let folder = try TempFolder()
    let dir = try Tiny.write(
      in: folder, scenario: lines("name: tiny", "year: 2025", "horizon: 2", "policy: policy.yaml"))
    try folder.write("s/capacities.csv", text)
    let s = try ScenarioLoader.load(dir).scenario
    let made = s.classes.filter(\.provisional)
    #expect(made == YearlyCapacity.provisionalClasses(caps))
    #expect(made.compactMap(\.capacity).reduce(0, +) == 170)
  }
}
