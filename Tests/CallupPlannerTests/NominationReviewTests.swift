import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// A small world made for the review, with the default policy: two units
/// (UA may have 2 away, UB 1), rotation and professional classes by
/// allocation, a plan made by hand, and a row of a list for each defect and
/// each hard rule a nominee can break.
enum ReviewWorld {
  static func day(_ s: String) -> Day { Day(iso: s)! }

  static func klass(_ id: String, _ kind: ClassKind, _ start: String, days: Int, theme: String = "", capacity: Int = 10)
    -> TrainingClass
  {
    TrainingClass(
      id: ClassID(id), name: "\(id)班", institution: "党校", region: "r", kind: kind, theme: theme, start: day(start),
      days: days, hours: Double(days * 7), minSize: 1, capacity: capacity, ranks: [.county])
  }

  /// The scenario the plan was made for.
  static func scenario() throws -> Scenario {
    var s = try Bundled.scenario("tiny")
    s.allocation = AllocationSettings(kinds: [.rotation, .professional])
    s.units = [
      Unit(id: "UA", name: "甲局", region: "r", headcount: 10, maxAway: 2),
      Unit(id: "UB", name: "乙局", region: "r", headcount: 4, maxAway: 1),
    ]
    func cadre(_ id: String, _ name: String, _ unit: UnitID, rank: Rank = .county, _ l: Leadership = .none)
      -> Cadre
    {
      Cadre(id: CadreID(id), name: name, unit: unit, rank: rank, leadership: l)
    }
    s.cadres = [
      cadre("A1", "张一", "UA", .principal), cadre("A2", "张二", "UA", .principal), cadre("A3", "张三", "UA", .deputy),
      cadre("A4", "张四", "UA"), cadre("A5", "张五", "UA"), cadre("A6", "张六", "UA", rank: .section),
      cadre("A7", "王伟", "UA"), cadre("A8", "王伟", "UA"), cadre("A9", "张九", "UA"),
      cadre("B1", "李一", "UB", .principal), cadre("B2", "李二", "UB", .deputy), cadre("B3", "李三", "UB"),
      cadre("B4", "李四", "UB"),
    ]
    s.cadres[4].unavailable = [DayRange(first: day("2025-06-01"), last: day("2025-06-30"))]
    s.classes = [
      klass("K1", .rotation, "2025-04-07", days: 4), klass("K2", .rotation, "2025-09-08", days: 4),
      klass("K3", .professional, "2025-06-16", days: 5, theme: "emergency", capacity: 3),
      klass("K4", .professional, "2025-04-08", days: 2), klass("K5", .systematic, "2025-10-13", days: 12),
    ]
    s.history = [
      HistoryRecord(cadre: "A3", kind: .professional, theme: "emergency", start: day("2023-06-12"), days: 5, hours: 35),
      HistoryRecord(cadre: "A4", kind: .rotation, start: day("2025-01-06"), days: 4, hours: 28),
    ]
    for d in ["2025-01-13", "2025-02-17", "2025-03-10"] {
      s.history.append(HistoryRecord(cadre: "A9", kind: .special, start: day(d), days: 1, hours: 7))
    }
    s.reindex()
    return s
  }

  /// The scenario of the review: since the plan, B4 has been away on a
  /// day of K2 and K3 has one seat only.
  static func changed(_ s: Scenario) -> Scenario {
    var r = s
    r.history.append(HistoryRecord(cadre: "B4", kind: .special, start: day("2025-09-09"), days: 1, hours: 7))
    r.classes[2].capacity = 1
    r.reindex()
    return r
  }

  /// The plan's call-ups: K1 A1 B2 · K2 A3 A7 B3 · K3 A7 B2 · K4 A8 · K5 A3.
  static func plan(_ s: Scenario) -> [Assignment] {
    let calls = [
      ("A1", "K1"), ("B2", "K1"), ("A3", "K2"), ("A7", "K2"), ("B3", "K2"), ("A7", "K3"), ("B2", "K3"), ("A8", "K4"),
      ("A3", "K5"),
    ]
    return calls.map { Assignment(cadre: s.cadreIndex[CadreID($0.0)]!, klass: s.classIndex[ClassID($0.1)]!) }
  }

  /// A row of a list with the columns unit, class, cadre, name, note.
  static func row(_ file: String, _ line: Int, _ unit: String, _ klass: String, _ cadre: String, _ name: String = "")
    -> NominationRow
  {
    NominationRow(
      file: file, line: line, cells: [.unit: unit, .classID: klass, .cadre: cadre, .name: name, .note: ""],
      fields: [.unit: 1, .classID: 2, .cadre: 3, .name: 4, .note: 5])
  }

  static let rows: [NominationRow] = [
    row("UA.csv", 2, "UA", "K1", "A4"), row("UA.csv", 3, "UA", "K1", "A1"), row("UA.csv", 4, "UA", "K4", "A2"),
    row("UA.csv", 5, "UA", "K4", "", "王伟"), row("UA.csv", 6, "UA", "K3", "A3"), row("UA.csv", 7, "UA", "K3", "A5"),
    row("UA.csv", 8, "UA", "K3", "A6"), row("UA.csv", 9, "UA", "K3", "A9"), row("UA.csv", 10, "UA", "K3", "A4"),
    row("UA.csv", 11, "UA", "K2", "A1"), row("UA.csv", 12, "UA", "K2", "A3"), row("UA.csv", 13, "UA", "K2", "A2"),
    row("UA.csv", 14, "UA", "K2", "A8"), row("UA.csv", 15, "UA", "K5", "A4"), row("UA.csv", 16, "UA", "K9", "A1"),
    row("UA.csv", 17, "UX", "K1", "A1"), row("UA.csv", 18, "UA", "K1", "Z99"), row("UA.csv", 19, "UA", "K1", "B1"),
    row("UA.csv", 20, "UA", "K1", "A1", "李四"), row("UA.csv", 21, "UA", "K1", "A1"), row("UA.csv", 22, "UB", "K5", "B1"),
    row("UA.csv", 23, "UA", "K1", "", "=HYPERLINK(\"http://x\",\"点我\")"), row("UB.csv", 2, "UB", "K2", "B4"),
    row("UB.csv", 3, "UB", "K2", "B3"),
  ]
}

@Suite("nominations review")
struct NominationReviewTests {
  /// Each row's decision, rule and reason, exactly.
  @Test func everyRowIsJudgedWithItsRuleAndFigures() throws {
    let s = try ReviewWorld.scenario()
    let r = ReviewWorld.changed(s)
    let review = NominationReviewer.review(
      scenario: r, assignments: ReviewWorld.plan(s), rows: ReviewWorld.rows, refill: .suggestions)
    let got = review.rows.map { "\($0.decision.rawValue) \($0.rule): \($0.reason)" }
    let expected = [
      "refused kind-per-year: already trained in a rotation class in 2025: rotation 2025-01-06..2025-01-09 in the history",
      "accepted : suggested by the plan",
      "refused principals: A2 and A1 are principals of UA; on 2025-04-08 A1 in K1 is away",
      "refused ambiguous-name: UA.csv:5:4 (name): 王伟 is the name of 2 cadres of UA (A7, A8); write the cadre's id (干部编号)",
      "refused theme-years: theme emergency already trained in 2023 (professional 2023-06-12..2023-06-16 in the history); a theme waits 5 years",
      "refused unavailable: A5 is unavailable 2025-06-01..2025-06-30; K3 runs 2025-06-16..2025-06-20",
      "refused eligibility: K3 admits ranks county; A6 is section",
      "refused max-per-year: already 3 off-the-job classes in 2025 (3 in the history); at most 3",
      "refused capacity: K3 has 1 seat and all are taken",
      "refused kind-per-year: already called up to K1, another rotation class of 2025",
      "accepted : suggested by the plan",
      "accepted-with-note annual-rotation: replaces A7 王伟, suggested by the plan, who is now left with annual-rotation (overdue 1 y) unmet",
      "refused allocation: UA has 2 seats in K2, taken by A3 张三, A2 张二; more nominees than seats",
      "by name",
      "refused unknown-class: UA.csv:16:2 (class): unknown class 'K9': neither an id nor a name of a class of 2025",
      "refused unknown-unit: UA.csv:17:1 (unit): unknown unit 'UX': neither an id nor a name of units.csv",
      "refused unknown-cadre: UA.csv:18:3 (cadre): unknown cadre 'Z99': not an id of cadres.csv",
      "refused wrong-unit: UA.csv:19:3 (cadre): B1 李一 is a cadre of UB 乙局, not of UA",
      "refused name-mismatch: UA.csv:20:4 (name): A1 is 张一, not 李四; check the row",
      "refused repeated: UA.csv:21:3 (cadre): A1 is already nominated for K1 on UA.csv:3",
      "refused no-seats: UA.csv:22:2 (class): UB has no seats in K5: the plan calls up none of its cadres to it",
      "refused unknown-cadre: UA.csv:23:4 (name): no cadre of UA is named =HYPERLINK(\"http://x\",\"点我\")",
      "refused overlap: K2 (2025-09-08..2025-09-11) overlaps the training special 2025-09-09..2025-09-09 in the history",
      "refused release-limit: UB may have 1 away on a day; on 2025-09-09 B4 (history special 2025-09-09..2025-09-09) is away",
    ]
    // K5 is by name; the rule first noted is the policy's, for the cadre A4 replaces.
    var seen = got
    let k5 = review.rows[13]
    if k5.decision == .acceptedWithNote, k5.replaces == s.cadreIndex["A3"],
      k5.rule == k5.leavesUnmet.first?.ruleID.rawValue,
      k5.reason.hasSuffix("K5 is called up by name: the nominee takes a named cadre's seat")
    {
      seen[13] = "by name"
    }
    #expect(seen.count == expected.count)
    for (g, e) in zip(seen, expected) { #expect(g == e) }
  }
}

extension NominationReviewTests {
  /// `unit class allocated nominated accepted refused unused plan_names empty`.
  static func figures(_ review: NominationReview) -> [String] {
    let s = review.plan.scenario
    return review.units.map { u in
      "\(s.units[u.unit].id) \(s.classes[u.klass].id) "
        + [u.allocated, u.nominated, u.accepted, u.refused, u.unused, u.planNames, u.empty].map(String.init)
        .joined(separator: " ")
    }
  }

  /// The merged plan: accepted nominees in the seats, refused seats
  /// refilled with the plan's names that still obey every rule; it holds
  /// under the independent checker, against the scenario reviewed.
  @Test func theMergedPlanRefillsRefusedSeatsAndHolds() throws {
    let s = try ReviewWorld.scenario()
    let r = ReviewWorld.changed(s)
    let review = NominationReviewer.review(
      scenario: r, assignments: ReviewWorld.plan(s), rows: ReviewWorld.rows, refill: .suggestions)
    #expect(
      review.plan.pairs == ["A1→K1", "B2→K1", "A3→K2", "A2→K2", "B2→K3", "A8→K4", "A4→K5"])
    #expect(
      Self.figures(review) == [
        "UA K1 1 7 1 6 0 0 0", "UA K4 1 2 0 2 1 1 0", "UA K3 1 5 0 5 1 0 1", "UA K2 2 4 2 2 0 0 0",
        "UA K5 1 1 1 0 0 0 0", "UB K1 1 0 0 0 1 1 0", "UB K3 1 0 0 0 1 1 0", "UB K2 1 2 0 2 1 0 1",
        "UB K5 0 1 0 1 0 0 0",
      ])
    for u in review.units { #expect(u.accepted + u.planNames + u.empty == u.allocated) }
    let ua = try #require(review.units.first { r.classes[$0.klass].id == "K4" })
    #expect(ua.suggestions == [r.cadreIndex["A8"]!])
    #expect(review.rows[2].suggestedReplacement == r.cadreIndex["A8"])
    let k2 = try #require(review.units.first { r.classes[$0.klass].id == "K2" && $0.unit == 0 })
    #expect(k2.leftUnmet.map { $0.words(in: r) } == ["A7 王伟: annual-rotation (overdue 1 y)"])
    // The merged plan's own objective (check recomputes the same figure).
    #expect(review.plan.status == .feasible && review.plan.objective == 2_920_000)
    let dir = Bundled.temporaryDirectory().appendingPathComponent("merged")
    try PlanWriter.write(review.plan, to: dir, extraFiles: ReviewFiles.files(review, received: ReviewWorld.rows))
    let report = PlanChecker(scenario: r).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
  }

  /// With `--refill empty` refused seats stay empty; the plan's suggestion
  /// for each is still named.
  @Test func refillEmptyLeavesRefusedSeatsEmpty() throws {
    let s = try ReviewWorld.scenario()
    let r = ReviewWorld.changed(s)
    let review = NominationReviewer.review(
      scenario: r, assignments: ReviewWorld.plan(s), rows: ReviewWorld.rows, refill: .empty)
    #expect(review.plan.pairs == ["A1→K1", "B2→K1", "A3→K2", "A2→K2", "B2→K3", "A4→K5"])
    #expect(Self.figures(review)[1] == "UA K4 1 2 0 2 1 0 1")
    #expect(review.rows[2].suggestedReplacement == r.cadreIndex["A8"])
    #expect(!review.plan.held.contains(r.classIndex["K4"]!))
    let dir = Bundled.temporaryDirectory().appendingPathComponent("merged-empty")
    try PlanWriter.write(review.plan, to: dir)
    #expect(PlanChecker(scenario: r).check(planDirectory: dir).holds)
  }

  /// A class the review would leave below its minimum keeps the plan's
  /// names up to it, even with `--refill empty`, and says so.
  @Test func aClassKeepsThePlansNamesUpToItsMinimum() throws {
    var s = try ReviewWorld.scenario()
    s.classes[1].minSize = 3
    let rows = [ReviewWorld.row("UA.csv", 2, "UA", "K2", "A3")]
    let review = NominationReviewer.review(
      scenario: s, assignments: ReviewWorld.plan(s), rows: rows, refill: .empty)
    #expect(review.plan.pairs.contains("A7→K2") && review.plan.pairs.contains("B3→K2"))
    #expect(review.warnings == ["K2 would fall below its minimum of 3: the plan's suggested A7 王伟 keep their seats"])
    #expect(Self.figures(review).contains("UA K2 2 1 1 0 1 1 0"))
  }

  /// Names and notes from units' lists are untrusted: review.csv and
  /// nominations.csv guard a cell a spreadsheet would run as a formula,
  /// and nominations.csv reads back as received.
  @Test func formulaLookingCellsAreGuardedAndReadBack() throws {
    let s = try ReviewWorld.scenario()
    let review = NominationReviewer.review(
      scenario: s, assignments: ReviewWorld.plan(s), rows: ReviewWorld.rows, refill: .suggestions)
    let csv = ReviewFiles.reviewCSV(review)
    let line = try #require(csv.split(separator: "\n").first { $0.contains("HYPERLINK") })
    #expect(line.hasPrefix("UA,K1,,refused,unknown-cadre,"))
    #expect(line.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",甲局,"))
    let dir = Bundled.temporaryDirectory()
    try Data(ReceivedNominations.csv(ReviewWorld.rows).utf8).write(to: dir.appendingPathComponent("nominations.csv"))
    let back = try #require(try ReceivedNominations.read(dir))
    #expect(back.map { $0[.name] } == ReviewWorld.rows.map { $0[.name] })
    #expect(back.map(\.location.description) == ReviewWorld.rows.map(\.location.description))
    #expect(back[3].location(.name).description == "UA.csv:5:4 (name)")
  }

  /// A second review keeps what units that send no new list sent before.
  @Test func aSecondReviewReplacesOnlyTheUnitsThatSendAgain() throws {
    let s = try ReviewWorld.scenario()
    let corrected = [ReviewWorld.row("UB-2.csv", 2, "乙局", "K2", "", "李三")]
    let (rows, kept) = NominationReviewer.combine(previous: ReviewWorld.rows, new: corrected, scenario: s)
    #expect(kept == ["UA", "UX"])
    #expect(rows.count == ReviewWorld.rows.count - 3 + 1)
    #expect(!rows.contains { $0.file == "UB.csv" } && !rows.contains { $0.line == 22 })
    #expect(rows.last?.file == "UB-2.csv")
  }
}
