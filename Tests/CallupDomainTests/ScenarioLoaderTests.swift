import CallupDomain
import Foundation
import Testing

@Suite("Loading a valid scenario")
struct ValidScenarioTests {
  @Test func loadsEveryValue() throws {
    let folder = try TempFolder()
    // BOM, CRLF, columns in another order, an extra column, a quoted name
    // with a comma and a line break, `;` lists, unavailable ranges.
    let cadres =
      "\u{FEFF}name,id,unit,rank,leadership,tags,gender,birth_year,party,appointed,unavailable,note\r\n"
      + "\"张三, 同志\",P1,U1,county,principal,city-county-team; young,M,1975,cpc,2024-05-01,2025-03-01..2025-03-15;2025-07-01..2025-07-31,x\r\n"
      + "\"李四\r\n(二行)\",P2,U2,section,none,,F,1980,non-party,,,\r\n"
      + "王五,P3,U2,staff,,new-appointee,m,1995,cpc,2025-01-02,,\r\n"
    let classes = lines(
      "id,name,institution,institution_type,level,region,kind,theme,start,days,hours,min_size,capacity,ranks,tags,cost_per_seat,fixed_cost",
      "C1,轮训班,省委党校,party-school,province,R1,rotation,,2025-04-01,5,40,,,county;bureau,,1200.5,10000",
      "C2,初任班,市委党校,cadre-college,city,R2,initial,onboarding,2026-09-01,10,60,2,30,staff,new-appointee;young,800,")
    let history = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P1,H1,systematic,,party-school,2021-05-10,30,180",
      "P2,,online,,,2024-02-01,1,8")
    let scenario = lines(
      "name: tiny",
      "year: 2025",
      "horizon: 2",
      "policy: policy.yaml",
      "solver: { time_limit: 30, mip_gap: 0.01 }")
    let dir = try Tiny.write(in: folder, scenario: scenario, cadres: cadres, classes: classes, history: history)

    let loaded = try ScenarioLoader.load(dir)
    let s = loaded.scenario
    #expect(loaded.warnings.isEmpty)
    #expect(s.name == "tiny")
    #expect(s.year == 2025 && s.horizon == 2)
    #expect(s.period == 2025...2029)
    #expect(s.years == 2025..<2027)
    #expect(s.solver == SolverSettings(timeLimit: 30, mipGap: 0.01))
    #expect(s.policy.name == "small")
    #expect(s.policy.rules.map(\.id) == ["annual-rotation", "unit-fifth"])
    #expect(s.directory?.lastPathComponent == "s")

    #expect(s.units.count == 2)
    let u1 = try #require(s.unit("U1"))
    #expect(u1.name == "市委办" && u1.region == "R1" && u1.parent == nil && u1.headcount == 10)
    #expect(u1.maxAway == nil && u1.maxAwayShare == nil)
    let u2 = try #require(s.unit("U2"))
    #expect(u2.parent == "U1" && u2.headcount == nil && u2.maxAway == 3)
    #expect(u2.maxAwayShare == ExactDecimal(units: 25, scale: 2))

    #expect(s.cadres.map(\.id) == ["P1", "P2", "P3"])
    let p1 = try #require(s.cadre("P1"))
    #expect(p1.name == "张三, 同志")
    #expect(p1.unit == "U1" && p1.rank == .county && p1.leadership == .principal)
    #expect(p1.tags == ["city-county-team", "young"])
    #expect(p1.gender == .male && p1.birthYear == 1975 && p1.party == .cpc)
    #expect(p1.appointed == Day(iso: "2024-05-01"))
    #expect(p1.unavailable.map(\.description) == ["2025-03-01..2025-03-15", "2025-07-01..2025-07-31"])
    let p2 = try #require(s.cadre("P2"))
    #expect(p2.name == "李四\r\n(二行)")
    #expect(p2.gender == .female && p2.party == .nonParty && p2.leadership == Leadership.none)
    #expect(p2.tags.isEmpty && p2.appointed == nil && p2.unavailable.isEmpty)
    let p3 = try #require(s.cadre("P3"))
    #expect(p3.leadership == Leadership.none && p3.gender == .male && p3.tags == ["new-appointee"])

    let c1 = try #require(s.trainingClass("C1"))
    #expect(c1.institution == "省委党校" && c1.institutionType == .partySchool && c1.level == .province)
    #expect(c1.kind == .rotation && c1.theme == "" && c1.start == Day(iso: "2025-04-01"))
    #expect(c1.days == 5 && c1.hours == 40 && c1.end == Day(iso: "2025-04-05"))
    #expect(c1.minSize == 1 && c1.capacity == nil)
    #expect(c1.ranks == [.county, .bureau] && c1.tags.isEmpty)
    #expect(c1.costPerSeat == 1200.5 && c1.fixedCost == 10000)
    let c2 = try #require(s.trainingClass("C2"))
    #expect(c2.institutionType == .cadreCollege && c2.kind == .initial && c2.theme == "onboarding")
    #expect(c2.minSize == 2 && c2.capacity == 30 && c2.ranks == [.staff])
    #expect(c2.tags == ["new-appointee", "young"] && c2.fixedCost == 0)
    #expect(s.classesInHorizon.map(\.id) == ["C1", "C2"])

    #expect(s.history.count == 2)
    #expect(s.historyByCadre[0].first?.classID == "H1")
    #expect(s.historyByCadre[0].first?.institutionType == .partySchool)
    let h2 = s.history[1]
    #expect(h2.cadre == "P2" && h2.classID == nil && h2.institutionType == nil && h2.kind == .online && h2.hours == 8)
    #expect(s.cadresByUnit == [[0], [1, 2]])
  }

  /// A history export holds people who have left: their rows are skipped
  /// with one warning giving their number and first lines, not an error.
  @Test func departedCadresInHistoryAreSkippedWithAWarning() throws {
    let folder = try TempFolder()
    let history = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P1,,systematic,,party-school,2021-05-10,30,180",
      "P8,,rotation,,party-school,2022-05-10,4,28",
      "P9,,rotation,,party-school,2023-05-10,4,28")
    let loaded = try ScenarioLoader.load(try Tiny.write(in: folder, history: history))
    #expect(loaded.scenario.history.map(\.cadre) == ["P1"])
    #expect(
      loaded.warnings.map(\.description) == [
        "history.csv:3: 2 rows of cadres not in cadres.csv (people who have left or moved away) are ignored; first lines: 3, 4."
      ])
  }

  /// `allocation:` says which classes go to units by allocation; class ids
  /// must be in classes.csv, kinds known.
  @Test func allocationSettingsAreReadAndChecked() throws {
    let folder = try TempFolder()
    let good = Tiny.scenario + "allocation: { kinds: [professional], classes: [C1] }\n"
    let s = try ScenarioLoader.load(try Tiny.write(in: folder, "good", scenario: good)).scenario
    #expect(s.allocation == AllocationSettings(kinds: [.professional], classes: [ClassID("C1")]))
    #expect(s.allocation.byAllocation(s.classes[0]))
    let none = try ScenarioLoader.load(try Tiny.write(in: folder, "none")).scenario
    #expect(none.allocation.isEmpty && !none.allocation.byAllocation(none.classes[0]))
    let bad = Tiny.scenario + "allocation: { kinds: [lecture], classes: [C9], seats: 3 }\n"
    let issues = loadIssues(try Tiny.write(in: folder, "bad", scenario: bad))
    #expect(issues.count == 3, "\(issues)")
    #expect(issues.contains { $0.description.contains("'C9' in `allocation.classes` is not in classes.csv") })
    #expect(issues.contains { $0.description.contains("lecture") })
    #expect(issues.contains { $0.description.contains("seats") })
  }

  @Test func acceptsTheScenarioFileItselfAndDefaults() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder, scenario: lines("year: 2026", "policy: policy.yaml"), history: nil)
    let s = try ScenarioLoader.load(dir.appendingPathComponent("scenario.yaml")).scenario
    #expect(s.name == "s")  // the folder's name
    #expect(s.horizon == 1 && s.period == 2026...2030)
    #expect(s.solver == SolverSettings())
    #expect(s.history.isEmpty)
  }

  @Test func listsAndRangesWithSpaces() throws {
    let folder = try TempFolder()
    let cadres = lines(
      "id,name,unit,rank,tags,gender,birth_year,party,unavailable",
      "P1, 张三 ,U1,county, young ; soe ;,M,1975,cpc, 2025-03-01 .. 2025-03-01 ; ;2025-12-30..2026-01-02 ")
    let dir = try Tiny.write(in: folder, cadres: cadres)
    let p1 = try #require(try ScenarioLoader.load(dir).scenario.cadre("P1"))
    #expect(p1.name == "张三")
    #expect(p1.tags == ["young", "soe"])
    #expect(p1.unavailable.map(\.description) == ["2025-03-01..2025-03-01", "2025-12-30..2026-01-02"])
    #expect(!p1.isAvailable(during: DayRange(start: Day(iso: "2025-12-25")!, days: 6)))
    #expect(p1.isAvailable(during: DayRange(start: Day(iso: "2025-12-25")!, days: 5)))
  }

  @Test func classesOutsideTheHorizonAreKept() throws {
    let folder = try TempFolder()
    let classes = lines(
      "id,name,institution,institution_type,level,region,kind,start,days,hours",
      "C1,a,I,party-school,city,R1,rotation,2025-04-01,5,40",
      "C9,b,I,party-school,city,R1,rotation,2031-04-01,5,40")
    let dir = try Tiny.write(in: folder, classes: classes)
    let s = try ScenarioLoader.load(dir).scenario
    #expect(s.classes.count == 2)
    #expect(s.classesInHorizon.map(\.id) == ["C1"])
  }

  @Test func inlineRulesReplaceAndAdd() throws {
    let folder = try TempFolder()
    let scenario = lines(
      "year: 2025",
      "policy: policy.yaml",
      "rules:",
      "  - id: annual-rotation",
      "    type: cycle",
      "    who: { tags: [young] }",
      "    kinds: [rotation, special]",
      "    every: 2",
      "  - id: release-limit",
      "    type: release",
      "    max_away: 4")
    let dir = try Tiny.write(in: folder, scenario: scenario)
    let p = try ScenarioLoader.load(dir).scenario.policy
    #expect(p.rules.map(\.id) == ["annual-rotation", "unit-fifth", "release-limit"])
    let cycle = try #require(p.cycleRules.first)
    #expect(cycle.every == 2 && cycle.kinds == [.rotation, .special])
    #expect(cycle.who == Selector(tags: ["young"]))
    #expect(p.release.maxAway == 4)
    #expect(p.release.maxAwayShare == ExactDecimal("0.3"))
    #expect(p.release.info.location?.file == "scenario.yaml")
    #expect(p.release.info.location?.line == 9)
  }

  @Test func inlineRulesAlone() throws {
    let folder = try TempFolder()
    let scenario = lines(
      "name: only-inline",
      "year: 2025",
      "rules:",
      "  - { id: r1, type: cycle, kinds: [rotation], every: 1 }")
    let dir = try Tiny.write(in: folder, scenario: scenario, policy: nil)
    let p = try ScenarioLoader.load(dir).scenario.policy
    #expect(p.name == "only-inline")
    #expect(p.cycleRules.first?.who == Selector.everyone)
    #expect(p.objective == ObjectiveWeights())
  }
}

@Suite("Defects of a scenario")
struct DefectTests {
  @Test func everyDefectOfEveryFileAtOnce() throws {
    let folder = try TempFolder()
    let scenario = lines(
      "year: 2025",
      "horizon: 7",
      "policy: policy.yaml")
    let units = lines(
      "id,name,region,parent,headcount,max_away,max_away_share",
      "U1,A,R1,U3,10,,",
      "U2,B,R1,U9,-5,,1.5",
      "U3,C,R1,U1,,,",
      "U1,D,R1,,,,",
      "U4,,R1,,x,,")
    let cadres = lines(
      "id,name,unit,rank,leadership,tags,gender,birth_year,party,appointed,unavailable",
      "P1,\"多行",
      "名字\",U1,chief,,,M,1970,cpc,,",
      "P2,B,U7,county,boss,,X,19x0,communist,2025-02-30,2025-03-15..2025-03-01",
      "P2,C,U1,county,,,M,1970,cpc,,",
      "P3,D,U1,county,,,M,1970,cpc,2025/01/01,2025-03-01",
      ",E,U1,county,,,M,1970,cpc,,")
    let classes = lines(
      "id,name,institution,institution_type,level,region,kind,theme,start,days,hours,min_size,capacity,ranks,tags,cost_per_seat,fixed_cost",
      "C1,A,I,school,planet,R1,lecture,,2025-13-01,0,-3,0,abc,county;chief,,-1,x",
      "C2,B,I,party-school,city,R1,rotation,,2025-04-01,5,40,5,3,,,0,0",
      "C3,B,I,party-school,city,R1,rotation,,2025-04-01,2.5,nan,,,,,0,0",
      "C4,B,I,party-school,city,R1,rotation,,2025-04-01,9999999999,1,,99999999999,,,0,0")
    let history = lines(
      "cadre,class,kind,theme,institution_type,start,days,hours",
      "P9,,rotation,,,2024-01-01,1,8",
      "P1,,rotation,,,2024-01-01,1,8",
      "P3,,rotation,,college,20240101,1,8")
    let dir = try Tiny.write(
      in: folder, scenario: scenario, units: units, cadres: cadres, classes: classes, history: history)
    let issues = loadIssues(dir)

    expectIssue(
      issues,
      "scenario.yaml:2:10: horizon is '7'; use 1 (an annual call-up schedule) up to 5 (a five-year rotation plan).")

    expectIssue(issues, "units.csv:3:5 (headcount): headcount is -5; it must be at least 0.")
    expectIssue(issues, at: "units.csv:3:7 (max_away_share)", containing: "between 0 and 1")
    expectIssue(issues, "units.csv:5:1 (id): duplicate unit id 'U1'; it is already on line 2.")
    expectIssue(issues, "units.csv:6:2 (name): name is empty.")
    expectIssue(issues, "units.csv:6:5 (headcount): headcount must be a whole number, not 'x'.")
    expectIssue(issues, "units.csv:3:4 (parent): unknown parent unit 'U9'; it is not an id of units.csv.")
    expectIssue(issues, at: "units.csv:2:4 (parent)", containing: "U1 → U3 → U1 form a cycle")

    // The record of P1 spans lines 2 and 3; P2 starts on line 4.
    expectIssue(
      issues, "cadres.csv:2:4 (rank): unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
    expectIssue(issues, "cadres.csv:4:3 (unit): unknown unit 'U7'; it is not an id of units.csv.")
    expectIssue(
      issues, "cadres.csv:4:5 (leadership): unknown leadership 'boss'; use one of principal, deputy, team, none.")
    expectIssue(issues, "cadres.csv:4:7 (gender): unknown gender 'X'; use M or F.")
    expectIssue(issues, "cadres.csv:4:8 (birth_year): birth_year must be a whole number, not '19x0'.")
    expectIssue(issues, "cadres.csv:4:9 (party): unknown party 'communist'; use one of cpc, non-party.")
    expectIssue(issues, "cadres.csv:4:10 (appointed): 2025-02-30 is not a day of the calendar.")
    expectIssue(
      issues,
      "cadres.csv:4:11 (unavailable): the range 2025-03-15..2025-03-01 ends before it starts; write the earlier date first."
    )
    expectIssue(issues, "cadres.csv:5:1 (id): duplicate cadre id 'P2'; it is already on line 4.")
    expectIssue(
      issues, "cadres.csv:6:10 (appointed): '2025/01/01' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01.")
    expectIssue(
      issues, "cadres.csv:6:11 (unavailable): '2025-03-01' is not a date range; write it as 2025-03-01..2025-03-15.")
    expectIssue(issues, "cadres.csv:7:1 (id): id is empty.")

    expectIssue(
      issues,
      "classes.csv:2:4 (institution_type): unknown institution type 'school'; use one of party-school, cadre-college, university, other."
    )
    expectIssue(issues, "classes.csv:2:5 (level): unknown level 'planet'; use one of national, province, city, county.")
    expectIssue(
      issues,
      "classes.csv:2:7 (kind): unknown class kind 'lecture'; use one of rotation, systematic, professional, reading, appointment, initial, special, online."
    )
    expectIssue(issues, "classes.csv:2:9 (start): 2025-13-01 is not a day of the calendar.")
    expectIssue(issues, "classes.csv:2:10 (days): days is 0; it must be at least 1.")
    expectIssue(issues, "classes.csv:2:11 (hours): hours is -3; it cannot be negative.")
    expectIssue(issues, "classes.csv:2:12 (min_size): min_size is 0; it must be at least 1.")
    expectIssue(issues, "classes.csv:2:13 (capacity): capacity must be a whole number, not 'abc'.")
    expectIssue(
      issues, "classes.csv:2:14 (ranks): unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
    expectIssue(issues, "classes.csv:2:16 (cost_per_seat): cost_per_seat is -1; it cannot be negative.")
    expectIssue(issues, "classes.csv:2:17 (fixed_cost): fixed_cost must be a number, not 'x'.")
    expectIssue(issues, "classes.csv:3:13 (capacity): capacity 3 is smaller than min_size 5; no class could be held.")
    expectIssue(issues, "classes.csv:4:10 (days): days must be a whole number, not '2.5'.")
    expectIssue(issues, "classes.csv:4:11 (hours): hours must be a number, not 'nan'.")
    expectIssue(issues, "classes.csv:5:10 (days): days is 9999999999; it must be at most 366.")
    expectIssue(issues, "classes.csv:5:13 (capacity): capacity is 99999999999; it must be at most 10000000.")

    // P9 is not in cadres.csv: a cadre who has left, skipped with a warning
    // (departedCadresInHistoryAreSkippedWithAWarning), not an error. P1 has
    // a defect but is a cadre of the file: no second error for it.
    #expect(!issues.contains { $0.location.file == "history.csv" && ($0.location.line ?? 0) <= 3 })
    expectIssue(
      issues,
      "history.csv:4:5 (institution_type): unknown institution type 'college'; use one of party-school, cadre-college, university, other."
    )
    expectIssue(issues, "history.csv:4:6 (start): '20240101' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01.")

    #expect(issues.count == 38, "\(issues.map(\.description).joined(separator: "\n"))")
  }

  @Test func theErrorSaysHowManyDefects() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder, scenario: lines("year: 2025", "horizon: 0", "policy: policy.yaml"))
    do {
      _ = try ScenarioLoader.load(dir)
      Issue.record("expected an error")
    } catch {
      #expect(error.issues.count == 1)
      #expect(
        error.description
          == "The scenario has 1 error:\n  scenario.yaml:2:10: horizon is '0'; use 1 (an annual call-up schedule) up to 5 (a five-year rotation plan)."
      )
    }
  }

  @Test func missingColumnsAndFiles() throws {
    let folder = try TempFolder()
    let units = lines("name,id,headcount", "A,U1,3")
    let dir = try Tiny.write(in: folder, units: units, classes: nil)
    let issues = loadIssues(dir)
    expectIssue(
      issues, "units.csv:1 (region): the required column 'region' is missing; the header has name, id, headcount.")
    expectIssue(issues, "classes.csv: classes.csv is missing from the scenario folder; the scenario needs it.")
    // Without a usable units.csv, units of cadres are not checked.
    #expect(!issues.contains { $0.location.file == "cadres.csv" })
    #expect(issues.count == 2)
  }

  @Test func recordsWithTheWrongNumberOfFields() throws {
    let folder = try TempFolder()
    let units = lines(
      "id,name,region,parent,headcount,max_away,max_away_share",
      "U1,A, B,R1,,,,",
      "U2,C,R1",
      "",
      ",,,,,,",
      "U3,D,R1,,,,")
    let dir = try Tiny.write(in: folder, units: units)
    let issues = loadIssues(dir)
    expectIssue(issues, at: "units.csv:2", containing: "this line has 8 fields but the header has 7")
    expectIssue(issues, at: "units.csv:3", containing: "this line has 3 fields but the header has 7")
    // Blank lines and lines of commas only are skipped; U1 and U2 are still known ids.
    #expect(issues.count == 2, "\(issues)")
  }

  @Test func emptyFileAndDuplicateColumn() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder, history: "\u{FEFF}")
    var issues = loadIssues(dir)
    expectIssue(issues, at: "history.csv:1", containing: "the file is empty")

    let folder2 = try TempFolder()
    let dir2 = try Tiny.write(
      in: folder2, history: lines("cadre,kind,start,days,hours,kind", "P1,rotation,2024-01-01,1,8,x"))
    issues = loadIssues(dir2)
    expectIssue(issues, "history.csv:1:6 (kind): the column 'kind' appears twice (columns 2 and 6); keep one.")
  }

  @Test func filesThatAreNotUTF8() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder)
    // 张三 in GBK, as spreadsheets on Chinese systems often save it: read as GB18030.
    var bytes = Data("id,name,unit,rank,gender,birth_year,party\nP1,".utf8)
    bytes.append(contentsOf: [0xD5, 0xC5, 0xC8, 0xFD])
    bytes.append(Data(",U1,county,M,1975,cpc\n".utf8))
    try folder.write("s/cadres.csv", data: bytes)
    let loaded = try ScenarioLoader.load(dir)
    #expect(loaded.scenario.cadres.map(\.name) == ["张三"])

    // 张 then a byte that is neither UTF-8 nor GB18030.
    bytes = Data("id,name,unit,rank,gender,birth_year,party\nP1,".utf8)
    bytes.append(contentsOf: [0xD5, 0xC5, 0xFF, 0xFD])
    bytes.append(Data(",U1,county,M,1975,cpc\n".utf8))
    try folder.write("s/cadres.csv", data: bytes)
    let issues = loadIssues(dir)
    expectIssue(
      issues, "cadres.csv:2: the file is neither UTF-8 nor GB18030 text from this line on; save it as CSV UTF-8.")
    #expect(issues.count == 1)

    var header = Data("cadre,kind,start,days,hours,".utf8)
    header.append(contentsOf: [0xB1, 0xB8, 0xFF])  // 备 and a stray byte
    header.append(Data("\nP1,rotation,2024-01-01,1,8,x\n".utf8))
    try folder.write("s/history.csv", data: header)
    expectIssue(loadIssues(dir), "history.csv:1: the file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8.")
  }

  @Test func scenarioYAMLDefects() throws {
    let folder = try TempFolder()
    let scenario = lines(
      "name: x",
      "yeer: 2025",
      "period: [2028, 2024]",
      "policy: nowhere.yaml",
      "solver: { time_limit: 0, gap: 1 }")
    let dir = try Tiny.write(in: folder, scenario: scenario)
    let issues = loadIssues(dir)
    expectIssue(
      issues, at: "scenario.yaml:2:1", containing: "unknown key 'yeer' in scenario.yaml; did you mean 'year'?")
    expectIssue(issues, "scenario.yaml:3:9: `period` [2028, 2024] ends before it starts; write the first year first.")
    expectIssue(issues, at: "scenario.yaml:4:9", containing: "the policy file 'nowhere.yaml' does not exist")
    expectIssue(issues, "scenario.yaml:5:23: `time_limit` is 0; it must be more than 0.")
    expectIssue(issues, at: "scenario.yaml:5:26", containing: "unknown key 'gap' in `solver`")
    expectIssue(issues, "scenario.yaml: scenario.yaml has no `year:`; give the first planning year (e.g. year: 2025).")
    // The policy is named (wrongly): no second error about missing rules.
    #expect(!issues.contains { $0.message.contains("the scenario has no rules") })
    #expect(issues.count == 6, "\(issues)")
  }

  @Test func noRulesAnywhere() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder, scenario: lines("year: 2025"))
    expectIssue(
      loadIssues(dir),
      "scenario.yaml: the scenario has no rules: give `policy:` (a rules file such as ../../policies/default.yaml) or list rules under `rules:`."
    )
  }

  @Test func yamlSyntaxErrorsHaveAPlace() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder, scenario: lines("year: 2025", "policy: [a, b", "horizon: 1"))
    let issues = loadIssues(dir)
    #expect(
      issues.contains {
        $0.location.file == "scenario.yaml" && $0.location.line != nil && $0.message.hasPrefix("not valid YAML")
      }, "\(issues)")

    let folder2 = try TempFolder()
    let dir2 = try Tiny.write(in: folder2, scenario: lines("year: 2025", "year: 2026", "policy: policy.yaml"))
    let issues2 = loadIssues(dir2)
    #expect(issues2.count == 1)
    #expect(issues2.first?.location.file == "scenario.yaml" && issues2.first?.location.line != nil)
    #expect(issues2.first?.message.contains("the key 'year' is given twice") == true)
  }

  @Test func notAScenario() throws {
    let folder = try TempFolder()
    let issues = loadIssues(folder.url)
    #expect(issues.count == 1)
    #expect(issues.first?.message.contains("no scenario here") == true)
  }

  @Test func manyDefectsInOneFileAreCapped() throws {
    let folder = try TempFolder()
    var cadres = "id,name,unit,rank,gender,birth_year,party\n"
    for i in 0..<1005 { cadres += "P\(i),N,U1,chief,M,1970,cpc\n" }
    let dir = try Tiny.write(in: folder, cadres: cadres)
    let issues = loadIssues(dir)
    #expect(issues.count == 1001)
    #expect(issues.last?.description == "cadres.csv: 5 more errors in this file not listed; fix the ones above first.")
    // Some rank errors are listed with their lines.
    expectIssue(issues, at: "cadres.csv:1001:4 (rank)", containing: "unknown rank 'chief'")
  }
}

@Suite("Units and parents")
struct ParentTests {
  @Test func selfParentAndLongCycle() throws {
    let folder = try TempFolder()
    let units = lines(
      "id,name,region,parent",
      "U1,a,R,U1",
      "U2,b,R,U3",
      "U3,c,R,U4",
      "U4,d,R,U2",
      "U5,e,R,U2")
    let cadres = lines("id,name,unit,rank,gender,birth_year,party", "P1,x,U5,county,M,1970,cpc")
    let dir = try Tiny.write(in: folder, units: units, cadres: cadres, history: nil)
    let issues = loadIssues(dir)
    expectIssue(issues, "units.csv:2:4 (parent): unit 'U1' is its own parent.")
    expectIssue(issues, at: "units.csv:3:4 (parent)", containing: "U2 → U3 → U4 → U2 form a cycle")
    #expect(issues.count == 2, "\(issues)")
  }
}
