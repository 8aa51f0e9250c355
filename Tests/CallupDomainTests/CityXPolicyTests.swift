import CallupDomain
import Foundation
import Testing

/// policies/city-x.yaml, seed 004's call-up rules, and the class groups of
/// scenarios/city-x its selectors tell apart (docs/plans/city-x.md).
@Suite("City X's policy")
struct CityXPolicyTests {
  let url = repositoryRoot.appendingPathComponent("policies/city-x.yaml")

  @Test func loadsEveryRuleWithASentenceAndASource() throws {
    var warnings: [InputIssue] = []
    let p = try PolicyLoader.load(url, warnings: &warnings)
    #expect(p.name == "city-x")
    #expect(warnings.isEmpty, "\(warnings)")  // every rule is planned
    #expect(p.otherRules.isEmpty)
    #expect(
      p.rules.map(\.id.rawValue) == [
        "city-managed-main", "team-month", "new-section-chief", "non-party-city-level", "main-classes",
        "young-classes", "grassroots-demo-classes", "lifelines-classes", "targeted-classes",
        "new-section-chief-class", "soe-seminars", "soe-secretaries-class", "section-leaders-young-class",
        "section-professional-week", "young-main-classes", "institution-leaders-fifth", "grassroots-500",
        "women-minority", "release-limit", "no-duplicate",
      ])
    for r in p.rules {
      #expect(!r.info.sentence.isEmpty, "\(r.id) needs a sentence")
      #expect(r.info.sentence.contains { $0.isASCII && $0.isLetter }, "\(r.id): the sentence in English too")
      #expect(r.info.sentence.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(r.id): the sentence in Chinese")
      // Seed 004's item; the two general rules the city keeps come from 000 and 002.
      let general = ["release-limit", "no-duplicate"].contains(r.id.rawValue)
      #expect(r.info.source.hasPrefix(general ? "0" : "004 item "), "\(r.id): source \(r.info.source)")
      #expect(r.info.location?.line != nil)
    }
  }

  /// The document's figures, as the rules hold them.
  @Test func theFiguresOfTheDocument() throws {
    let p = try PolicyLoader.load(url)
    let cycles = Dictionary(uniqueKeysWithValues: p.cycleRules.map { ($0.info.id.rawValue, $0) })
    #expect(cycles["city-managed-main"]?.every == 5 && cycles["city-managed-main"]?.kinds == [.systematic])
    #expect(cycles["team-month"]?.every == 3 && cycles["team-month"]?.minDays == 30)
    #expect(cycles["new-section-chief"]?.minDays == 15 && cycles["new-section-chief"]?.who.appointedWithinYears == 1)
    #expect(cycles["non-party-city-level"]?.every == 5 && cycles["non-party-city-level"]?.who.party == [.nonParty])
    let counts = Dictionary(uniqueKeysWithValues: p.classCountRules.map { ($0.info.id.rawValue, $0) })
    let bounds = counts.mapValues { "\($0.min.map(String.init) ?? "")-\($0.max.map(String.init) ?? "")" }
    #expect(
      bounds == [
        "main-classes": "4-", "young-classes": "2-", "grassroots-demo-classes": "4-", "lifelines-classes": "6-",
        "targeted-classes": "30-", "new-section-chief-class": "1-", "soe-seminars": "1-2",
        "soe-secretaries-class": "1-2",
      ])
    #expect(counts["targeted-classes"]?.minSeats == 1500 && counts["targeted-classes"]?.maxSeats == nil)
    var quotas: [String: String] = [:]
    for r in p.quotaRules {
      for t in r.targets {
        let range = r.range(t, matched: 40)
        quotas[r.info.id.rawValue] = "\(range.lo)-\(range.hi.map(String.init) ?? "")"
      }
    }
    // About (左右) is a tenth either way; a fifth of 40 institution leaders is at least 8.
    #expect(
      quotas == [
        "section-leaders-young-class": "180-220", "section-professional-week": "900-1100",
        "young-main-classes": "180-220", "institution-leaders-fifth": "8-", "grassroots-500": "450-550",
      ])
    #expect(p.groupShareRules.map { $0.groups.map(\.name) } == [["女干部", "少数民族干部"]])
  }

  /// Each class-count rule counts exactly its group of classes in every
  /// year of the bundled scenario: the selectors tell the groups apart as
  /// the policy's comment says (a young cadres' class is no main class,
  /// the non-party class no enterprise class).
  @Test func eachClassCountCountsItsGroupInEveryYear() throws {
    let s = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/city-x")).scenario
    #expect(s.policy.name == "city-x" && s.years == 2025..<2030)
    let groups: [String: (String) -> Bool] = [
      "main-classes": { $0.contains("进修班") || $0.contains("研修班") || $0.contains("学习贯彻") },
      "young-classes": { $0.contains("中青年干部培训班") },
      "grassroots-demo-classes": { $0.contains("基层党员干部") && $0.contains("示范培训班") },
      "lifelines-classes": { $0.contains("三条生命线") },
      "targeted-classes": { $0.contains("靶向专题培训班") },
      "new-section-chief-class": { $0.contains("新任科长培训班") },
      "soe-seminars": { $0.contains("提高企业核心竞争力专题研讨班") },
      "soe-secretaries-class": { $0.contains("国有企业党组织书记示范培训班") },
    ]
    let sizes = [
      "main-classes": 5, "young-classes": 2, "grassroots-demo-classes": 4, "lifelines-classes": 7,
      "targeted-classes": 33, "new-section-chief-class": 1, "soe-seminars": 2, "soe-secretaries-class": 1,
    ]
    for rule in s.policy.classCountRules {
      let id = rule.info.id.rawValue
      let inGroup = try #require(groups[id], "\(id) has no group")
      for y in s.years {
        let year = s.classes.filter { $0.year == y }
        let counted = Set(year.filter { rule.classes.matches($0) }.map(\.id))
        let expected = Set(year.filter { inGroup($0.name) }.map(\.id))
        #expect(counted == expected, "\(id) in \(y)")
        #expect(expected.count == sizes[id], "\(id) in \(y): \(expected.count) classes")
      }
    }
  }
}
