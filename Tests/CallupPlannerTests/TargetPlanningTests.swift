import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupRules
import CallupSolve
import Foundation
import Testing

/// A hand-made scenario: one unit, the cadres and classes given as CSV rows
/// (headers added), the rules inline.
struct HandMade {
  var cadres: [String]
  var classes: [String]
  var history: [String] = []
  var rules: String
  var maxAway = 20

  func scenario() throws -> Scenario {
    let dir = Bundled.temporaryDirectory().appendingPathComponent("scenario")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ text: String) throws {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try write(
      "scenario.yaml",
      "name: hand-made\nyear: 2025\nhorizon: 1\nperiod: [2024, 2028]\nsolver: { time_limit: 20, mip_gap: 0 }\n"
        + "rules:\n" + rules)
    try write(
      "units.csv", "id,name,region,parent,headcount,max_away,max_away_share\nU1,单位,r1,,100,\(maxAway),0.5\n")
    try write(
      "cadres.csv",
      "id,name,unit,rank,leadership,tags,gender,birth_year,party,appointed,unavailable\n"
        + cadres.joined(separator: "\n") + "\n")
    try write(
      "classes.csv",
      "id,name,institution,institution_type,level,region,kind,theme,start,days,hours,min_size,capacity,ranks,tags,cost_per_seat,fixed_cost\n"
        + classes.joined(separator: "\n") + "\n")
    try write(
      "history.csv",
      "cadre,class,kind,theme,institution_type,start,days,hours\n" + history.joined(separator: "\n") + "\n")
    return try ScenarioLoader.load(dir).scenario
  }

  /// `n` cadres `P01…` of `rank`, with `tags`, gender from `genders` in turn.
  static func cadres(
    _ n: Int, rank: String = "county", leadership: String = "none", tags: String = "", genders: [String] = ["M"]
  ) -> [String] {
    (1...n).map { i in
      let id = String(format: "P%02d", i)
      return "\(id),干部\(i),U1,\(rank),\(leadership),\(tags),\(genders[(i - 1) % genders.count]),1975,cpc,,"
    }
  }

  /// A class row: id, kind, start, days, min_size, capacity.
  static func klass(
    _ id: String, _ kind: String, _ start: String, days: Int = 5, min: Int = 1, capacity: Int = 10,
    level: String = "city"
  ) -> String {
    "\(id),班\(id),党校,party-school,\(level),r1,\(kind),,\(start),\(days),\(days * 7),\(min),\(capacity),,,100,0"
  }
}

func plan(_ s: Scenario) throws -> Plan {
  try Planning.plan(PlanRequest(scenario: s, timeLimit: 20, mipGap: 0))
}

func figure(_ p: Plan, _ name: String) throws -> TargetFigure {
  try #require(p.targets.first { $0.target.name == name })
}

@Suite("targets planned: quota, group share, class count, timing and hard rules")
struct TargetPlanningTests {
  @Test func aQuotaIsPlannedToTheLowEndOfItsRange() throws {
    // count 4, tolerance 0.25: lo = ceil(3) = 3, hi = floor(5) = 5; seats only cost, so 3.
    let s = try HandMade(
      cadres: HandMade.cadres(6, tags: "township-head"),
      classes: [HandMade.klass("K1", "professional", "2025-04-07")],
      rules: """
          - id: q
            type: quota
            tolerance: 0.25
            targets: [{ programme: T, who: { tags: [township-head] }, classes: { kinds: [professional] }, count: 4 }]

        """
    ).scenario()
    let p = try plan(s)
    let t = try figure(p, "T")
    #expect(t.range == TargetRange(lo: 3, hi: 5))
    #expect(t.planned == 3 && t.status == .met)
    #expect(p.assignments.count == 3)
  }

  @Test func aQuotaCeilingOutweighsCheaperObligations() throws {
    // Everyone is due a professional class (worth 40,000 with a year
    // overdue); the programme takes at most 2 (each one more costs
    // 50,000): 2 are trained.
    let s = try HandMade(
      cadres: HandMade.cadres(5),
      classes: [HandMade.klass("K1", "professional", "2025-04-07")],
      rules: """
          - { id: pro, type: cycle, kinds: [professional], every: 1, weight: 20000 }
          - id: q
            type: quota
            weight: 50000
            targets: [{ programme: Cap, classes: { kinds: [professional] }, count: 2, at_most: true }]

        """
    ).scenario()
    let p = try plan(s)
    let t = try figure(p, "Cap")
    #expect(t.range == TargetRange(lo: 0, hi: 2))
    #expect(t.planned == 2 && t.status == .met)
    #expect(p.unmet.count == 3)
  }

  /// History alone above a quota's ceiling: the three members were trained
  /// this year, the programme takes at most one. Two over whatever the
  /// plan (no member is left to seat): the model counts them as a
  /// constant, as the contract and check do.
  @Test func historyAboveAQuotasCeilingCostsWhatItIsOver() throws {
    let s = try HandMade(
      cadres: HandMade.cadres(3, tags: "township-head"),
      classes: [HandMade.klass("K1", "professional", "2025-04-07")],
      history: (1...3).map { "P0\($0),,professional,,party-school,2025-02-03,5,35" },
      rules: """
          - id: q
            type: quota
            weight: 50000
            targets: [{ programme: Cap, who: { tags: [township-head] }, classes: { kinds: [professional] }, count: 1, at_most: true }]

        """
    ).scenario()
    let (p, report, _) = try Bundled.planAndCheck(s, timeLimit: 20)
    #expect(try figure(p, "Cap").planned == 3)
    #expect(p.objective == 100_000 && p.bound == 100_000)
    #expect(report.holds, "\(report.violations)")
  }

  @Test func aShareOfTheWholeGroupCountsHistoryInTheYear() throws {
    // share 0.2 of 10 township heads = 2; one already trained this year by history: one more.
    let s = try HandMade(
      cadres: HandMade.cadres(10, tags: "township-head"),
      classes: [HandMade.klass("K1", "rotation", "2025-04-07")],
      history: ["P01,,rotation,,party-school,2025-02-03,5,35"],
      rules: """
          - id: q
            type: quota
            targets: [{ programme: Fifth, who: { tags: [township-head] }, classes: { kinds: [rotation] }, share: 0.2, at_least: true }]

        """
    ).scenario()
    let p = try plan(s)
    let t = try figure(p, "Fifth")
    #expect(t.range == TargetRange(lo: 2, hi: nil))
    #expect(t.planned == 2 && p.assignments.count == 1)
  }

  @Test func aGroupIsTrainedAtTheOverallRate() throws {
    // Five men are due; women (5 of 10) must be trained at least at the
    // overall rate: w ≥ 5 × (5 + w) / 10, so 5 women.
    let s = try HandMade(
      cadres: HandMade.cadres(10, genders: ["M", "F"]),
      classes: [HandMade.klass("K1", "professional", "2025-04-07", capacity: 20)],
      rules: """
          - { id: men, type: cycle, who: { gender: [M] }, kinds: [professional], every: 1 }
          - id: g
            type: group-share
            groups: [{ name: 女干部, who: { gender: [F] } }]
            classes: { kinds: [professional] }

        """
    ).scenario()
    let p = try plan(s)
    let t = try figure(p, "女干部")
    #expect(p.assignments.filter { s.cadres[$0.cadre].gender == .male }.count == 5)
    #expect(t.planned == 5 && t.range.lo == 5 && t.status == .met)
  }

  @Test func aClassCountOpensClassesAndSeats() throws {
    let s = try HandMade(
      cadres: HandMade.cadres(8),
      classes: [
        HandMade.klass("S1", "special", "2025-04-07", min: 2), HandMade.klass("S2", "special", "2025-06-02", min: 2),
        HandMade.klass("S3", "special", "2025-09-01", min: 2),
      ],
      // Each cadre owes a special class worth 1 (trained last year, not
      // overdue): less than a seat costs, so only the count opens classes.
      history: (1...8).map { String(format: "P%02d,,special,,party-school,2024-05-06,3,21", $0) },
      rules: """
          - { id: sp, type: cycle, kinds: [special], every: 1, weight: 1 }
          - { id: cc, type: class-count, classes: { kinds: [special] }, min: 2, min_seats: 5 }

        """
    ).scenario()
    let p = try plan(s)
    let classes = try #require(p.targets.first { $0.target.rule.id == "cc" && $0.target.name.isEmpty })
    let seats = try figure(p, "seats")
    #expect(classes.planned == 2 && classes.status == .met)
    #expect(seats.planned == 5 && seats.status == .met)
  }

  @Test func aWindowNarrowsWhatCountsAndGivesTheTimingReason() throws {
    // Principals owe a reading class starting in spring: R1 (February) does
    // not count; R2 (April) admits bureau rank only, so the county-rank
    // principal is unmet for timing.
    var cadres = HandMade.cadres(2, rank: "bureau", leadership: "principal")
    cadres[1] = cadres[1].replacingOccurrences(of: ",bureau,", with: ",county,")
    let r2 = HandMade.klass("R2", "reading", "2025-04-07").replacingOccurrences(of: ",,,100,0", with: ",bureau,,100,0")
    let s = try HandMade(
      cadres: cadres, classes: [HandMade.klass("R1", "reading", "2025-02-10"), r2],
      rules: """
          - id: spring
            type: cycle
            who: { leadership: [principal] }
            kinds: [reading]
            every: 1
            window: { from: "03-01", to: "05-31" }

        """
    ).scenario()
    let p = try plan(s)
    #expect(p.pairs == ["P01→R2"])
    #expect(p.unmetReasons == ["P02/spring": "timing"])
  }

  @Test func aHardDeadlineBeyondTheSeatsIsAConflictWithItsFigures() throws {
    // Three due; the one rotation class ending by 30 June seats 1.
    let s = try HandMade(
      cadres: HandMade.cadres(3),
      classes: [
        HandMade.klass("A1", "rotation", "2025-06-02", capacity: 1),
        HandMade.klass("A2", "rotation", "2025-09-01", capacity: 5),
      ],
      rules: """
          - { id: rot, type: cycle, kinds: [rotation], every: 1, by: "06-30", hard: true }

        """
    ).scenario()
    let p = try plan(s)
    #expect(p.status == .infeasible)
    let c = try #require(p.conflicts.first)
    #expect(p.conflicts.count == 1)
    #expect(c.rules == ["rot"] && c.needed == 3 && c.available == 1 && c.year == 2025)
    #expect(c.messageEnglish.contains("rot (classes ending by 06-30) needs 3 persons trained; its 1 classes seat 1"))
    #expect(c.messageEnglish.contains("A2"))
    #expect(p.pairs.count == 1)
  }

  @Test func aHardQuotaThatFitsHolds() throws {
    let s = try HandMade(
      cadres: HandMade.cadres(6, tags: "township-head"),
      classes: [HandMade.klass("K1", "professional", "2025-04-07")],
      rules: """
          - id: q
            type: quota
            hard: true
            targets: [{ programme: T, who: { tags: [township-head] }, classes: { kinds: [professional] }, count: 5 }]

        """
    ).scenario()
    let p = try plan(s)
    #expect(p.status == .optimal && p.conflicts.isEmpty)
    #expect(try figure(p, "T").planned == 5)
  }

  @Test func twoHardRulesOverDifferentPeopleInTheSameSeatsConflict() throws {
    let s = try HandMade(
      cadres: HandMade.cadres(3, tags: "a") + HandMade.cadres(3, tags: "b").map { "Q" + $0.dropFirst() },
      classes: [HandMade.klass("K1", "professional", "2025-04-07", capacity: 4)],
      rules: """
          - id: qa
            type: quota
            hard: true
            targets: [{ programme: A, who: { tags: [a] }, classes: { kinds: [professional] }, count: 3 }]
          - id: qb
            type: quota
            hard: true
            targets: [{ programme: B, who: { tags: [b] }, classes: { kinds: [professional] }, count: 2 }]

        """
    ).scenario()
    let p = try plan(s)
    #expect(p.status == .infeasible)
    let c = try #require(p.conflicts.first)
    #expect(Set(c.rules) == ["qa", "qb"] && c.needed == 5 && c.available == 4)
  }

  /// tiny with its policy's targets replaced by one quota: at most 3 county
  /// cadres in rotation classes, worth more than their obligations.
  static func tinyWithARotationCeiling() throws -> Scenario {
    var s = try Bundled.scenario("tiny")
    let quota = QuotaRule(
      info: RuleInfo(id: "ceiling", type: "quota"),
      targets: [
        QuotaTarget(
          programme: "轮训", who: Selector(ranks: [.county]), classes: ClassSelector(kinds: [.rotation]),
          amount: .count(3),
          atMost: true)
      ], weight: 200_000)
    s.policy.rules =
      s.policy.rules.filter { !["quota", "group-share", "class-count"].contains($0.info.type) } + [
        .quota(quota)
      ]
    return s
  }

  @Test(arguments: [nil, 5] as [Int?])
  func aCeilingHoldsAsOneModelAndInBlocks(blockSize: Int?) throws {
    let s = try Self.tinyWithARotationCeiling()
    let p = try Planning.plan(PlanRequest(scenario: s, timeLimit: 20, mipGap: 0, blockSize: blockSize))
    #expect(p.method == (blockSize == nil ? .wholeModel : .blocks))
    let t = try figure(p, "轮训")
    #expect(t.range == TargetRange(lo: 0, hi: 3))
    #expect(t.status == .met, "planned \(t.planned)")
    let dir = Bundled.temporaryDirectory().appendingPathComponent("plan")
    try PlanWriter.write(p, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations.prefix(5))")
  }

  @Test func eachYearOfARotationPlanHasItsTargets() throws {
    var s = try Self.tinyWithARotationCeiling()
    s.horizon = 2
    var classes = s.classes
    for k in s.classes {
      var next = k
      next.id = ClassID(k.id.rawValue + "b")
      next.start = Day(year: 2026, month: k.start.components.month, day: k.start.components.day)!
      classes.append(next)
    }
    s.classes = classes
    s.reindex()
    let p = try plan(s)
    #expect(p.method == .rotation)
    #expect(p.targets.map(\.target.year) == [2025, 2026])
    #expect(p.targets.allSatisfy { $0.status == .met })
    let dir = Bundled.temporaryDirectory().appendingPathComponent("plan")
    try PlanWriter.write(p, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations.prefix(5))")
  }
}
