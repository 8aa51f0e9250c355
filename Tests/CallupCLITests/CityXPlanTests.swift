import Foundation
import Testing

/// scenarios/city-x (seed 004's City X, five years) planned with a short
/// time limit and checked: docs/plans/city-x.md measures the same commands
/// with the scenario's own limit.
@Suite("City X: a five-year plan", .serialized)
struct CityXPlanTests {
  /// The rows plan.json's `targets` has for each year: every quota target,
  /// both groups of the group share, every class-count rule and the
  /// targeted classes' seats, with the ranges the document gives.
  static let rows: [String: (lo: Int, hi: Int?)] = [
    "section-leaders-young-class/科级领导干部参加中青年干部培训班": (180, 220),
    "section-professional-week/科级干部1周左右专业化能力培训": (900, 1100),
    "young-main-classes/年轻干部参加主体班次调训": (180, 220),
    "institution-leaders-fifth/事业单位领导人员参加培训": (0, nil),  // a fifth of the group: counted below
    "grassroots-500/基层干部参加全区、全市培训班": (450, 550),
    "women-minority/女干部": (0, nil),  // depends on the plan
    "women-minority/少数民族干部": (0, nil),
    "main-classes/": (4, nil),
    "young-classes/": (2, nil),
    "grassroots-demo-classes/": (4, nil),
    "lifelines-classes/": (6, nil),
    "targeted-classes/": (30, nil),
    "targeted-classes/seats": (1500, nil),
    "new-section-chief-class/": (1, nil),
    "soe-seminars/": (1, 2),
    "soe-secretaries-class/": (1, 2),
  ]

  @Test func fiveYearsPlanAndCheckWithATargetRowPerRuleAndYear() throws {
    let out = CLI.temporaryDirectory().appendingPathComponent("city-x")
    let r = try CLI.run([
      "plan", "scenarios/city-x", "--out", out.path, "--time-limit", "25", "--quiet", "--lang", "en",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let check = try CLI.run(["check", "scenarios/city-x", out.path])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.contains("The plan holds"))

    let data = try Data(contentsOf: out.appendingPathComponent("plan.json"))
    let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(plan["horizon"] as? Int == 5 && plan["method"] as? String == "rotation")
    #expect(["optimal", "feasible"].contains(plan["status"] as? String))
    let targets = try #require(plan["targets"] as? [[String: Any]])
    var seen: [String: Int] = [:]
    for t in targets {
      let rule = try #require(t["rule"] as? String), name = try #require(t["name"] as? String)
      let year = try #require(t["year"] as? Int)
      let key = "\(rule)/\(name)"
      seen["\(year) \(key)", default: 0] += 1
      let lo = try #require(t["lo"] as? Int), hi = t["hi"] as? Int
      let expected = try #require(Self.rows[key], "unexpected target \(key)")
      if expected.lo > 0 { #expect(lo == expected.lo && hi == expected.hi, "\(year) \(key): \(lo)–\(hi ?? -1)") }
      if rule == "institution-leaders-fifth" { #expect(lo >= 6 && hi == nil, "\(lo)") }
      // The status follows from the figure and the range.
      let planned = try #require(t["planned"] as? Int)
      let status = planned < lo ? "short" : (hi.map { planned > $0 } == true ? "over" : "met")
      #expect(t["status"] as? String == status, "\(year) \(key): \(planned) in \(lo)–\(hi ?? -1)")
    }
    for y in 2025...2029 {
      for key in Self.rows.keys { #expect(seen["\(y) \(key)"] == 1, "\(y) \(key): \(seen["\(y) \(key)"] ?? 0) rows") }
    }
    #expect(targets.count == 5 * Self.rows.count)
    // Even in a short time the first year's call-up holds the classes the
    // document asks for and meets most of its figures.
    let first = targets.filter { $0["year"] as? Int == 2025 }
    let met = first.filter { $0["status"] as? String == "met" }.count
    #expect(met * 4 >= first.count * 3, "\(met) of \(first.count) met in 2025")
    let rotation = try #require(plan["rotation"] as? [[String: Any]])
    #expect(rotation.map { $0["year"] as? Int } == [2025, 2026, 2027, 2028, 2029])
  }
}
