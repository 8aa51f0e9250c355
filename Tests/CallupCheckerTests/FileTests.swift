import CallupDomain
import Foundation
import Testing

@testable import CallupChecker

/// Plan directories written to temporary folders, read back and checked.
@Suite struct FileTests {
  typealias F = Fixture

  func check(_ dir: URL, scenario: Scenario = F.scenario()) -> CheckReport {
    defer { try? FileManager.default.removeItem(at: dir) }
    return PlanChecker(scenario: scenario, checksObjective: false).check(planDirectory: dir)
  }

  @Test func rostersRowMissing() throws {
    let dir = try F.writePlanDirectory(rosters: F.rostersCSV(Array(F.rosters.dropLast())))
    let v = expectOnly("rosters", in: check(dir))
    #expect(v.first?.message.contains("no row for P3 王五") == true)
    #expect(v.first?.message.contains("C3") == true)
  }

  @Test func rostersRowWithWrongFields() throws {
    var rows = F.rosters
    rows[0].end = "2025-03-08"
    rows[0].region = "R2"
    rows[2].rank = "科员"
    let dir = try F.writePlanDirectory(rosters: F.rostersCSV(rows))
    let v = expectOnly("rosters", count: 2, in: check(dir))
    #expect(v[0].message.contains("rosters.csv line 2"))
    #expect(v[0].message.contains("end is \"2025-03-08\", not \"2025-03-07\""))
    #expect(v[0].message.contains("region is \"R2\", not \"R1\""))
    #expect(v[1].message.contains("rank is \"科员\", not \"section\""))
  }

  @Test func rostersExtraAndRepeatedRows() throws {
    var rows = F.rosters
    rows.append(rows[0])
    var stranger = rows[2]
    stranger.cadre = "P5"
    stranger.name = "钱七"
    rows.append(stranger)
    let dir = try F.writePlanDirectory(rosters: F.rostersCSV(rows))
    let v = expectOnly("rosters", count: 2, in: check(dir))
    #expect(v[0].message.contains("repeats cadre P1"))
    #expect(v[1].message.contains("P5 钱七") && v[1].message.contains("no such assignment"))
  }

  @Test func rostersHeaderMustBeExact() throws {
    let text = F.rostersCSV(F.rosters).replacingOccurrences(of: "class,class_name", with: "class,name_of_class")
    // One violation: the rows are still read by position.
    let v = expectOnly("rosters", in: check(try F.writePlanDirectory(rosters: text)))
    #expect(v[0].message.contains("it must be exactly `class,class_name,start,end,cadre,name,unit,region,rank`"))
    // Columns in another order are reported once and read by name.
    let swapped = F.csv(
      [["class_name", "class", "start", "end", "cadre", "name", "unit", "region", "rank"]]
        + F.rosters.map {
          [$0.className, $0.classID, $0.start, $0.end, $0.cadre, $0.name, $0.unit, $0.region, $0.rank]
        })
    expectOnly("rosters", in: check(try F.writePlanDirectory(rosters: swapped)))
  }

  @Test func badQuotingIsReported() throws {
    let text =
      "class,class_name,start,end,cadre,name,unit,region,rank\r\n"
      + "C1,县处级\"干部\"轮训班,2025-03-03,2025-03-07,P1,张三,U1,R1,county\r\n"
      + "C1,县处级干部轮训班,2025-03-03,2025-03-07,P2,李四,U1,R1,county\r\n"
      + "C3,\"数字经济专题班,2025-09-01,2025-09-03,P3,王五,U1,R1,section\r\n"
    let report = check(try F.writePlanDirectory(rosters: text))
    #expect(report.violations.allSatisfy { $0.rule == "rosters" })
    #expect(report.violations.contains { $0.message.contains("line 2: a quote") })
    #expect(report.violations.contains { $0.message.contains("line 4: a quoted field is never closed") })
  }

  @Test func unquotedCommaBreaksTheColumns() throws {
    let text =
      "class,class_name,start,end,cadre,name,unit,region,rank\n"
      + "C1,县处级干部轮训班,2025-03-03,2025-03-07,P1,张三,U1,R1,county\n"
      + "C1,县处级干部轮训班,2025-03-03,2025-03-07,P2,李四,U1,R1,county\n"
      + "C3,数字经济,专题班,2025-09-01,2025-09-03,P3,王五,U1,R1,section\n"
    let report = check(try F.writePlanDirectory(rosters: text))
    #expect(report.violations.first?.message.contains("line 4 has 10 fields, the header 9") == true)
    #expect(report.violations.allSatisfy { $0.rule == "rosters" })
  }

  @Test func noticesWithWrongInstitutionAndMissingFile() throws {
    var rows = F.notices
    rows[2].institution = "某某大学"
    let v = expectOnly("notices", in: check(try F.writePlanDirectory(notices: F.noticesCSV(rows))))
    #expect(v.first?.message.contains("institution is \"某某大学\", not \"某大学\"") == true)
    let w = expectOnly("notices", in: check(try F.writePlanDirectory(notices: nil)))
    #expect(w.first?.message.contains("no readable notices.csv") == true)
  }

  @Test func noticesRowMissing() throws {
    let v = expectOnly(
      "notices", in: check(try F.writePlanDirectory(notices: F.noticesCSV(Array(F.notices.dropFirst())))))
    #expect(v.first?.message.contains("no row for P1 张三") == true)
  }

  @Test func csvThatIsNotUTF8() throws {
    let dir = try F.writePlanDirectory()
    try Data([0x63, 0x6C, 0xFF, 0xFE, 0x0A]).write(to: dir.appendingPathComponent("notices.csv"))
    let v = expectOnly("notices", in: check(dir))
    #expect(v.first?.message.contains("not UTF-8") == true)
  }

  @Test func missingPlanJSON() throws {
    let v = expectOnly("format", in: check(try F.writePlanDirectory(plan: nil)))
    #expect(v.first?.message.contains("no readable plan.json") == true)
  }

  @Test func brokenPlanJSONInADirectory() throws {
    let v = expectOnly("format", in: check(try F.writePlanDirectory(plan: "{\"status\": \"optimal\",")))
    #expect(v.first?.message.contains("not valid JSON") == true)
  }

  @Test func csvParserHandlesQuotesNewlinesAndCRLF() {
    let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3"
    let t = CSVTable(data: Data(text.utf8), file: "t.csv")
    #expect(t.problems.isEmpty)
    #expect(t.header == ["a", "b", "c"])
    #expect(t.rows.map(\.fields) == [["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]])
    #expect(t.rows.map(\.line) == [2, 4])
  }
}
