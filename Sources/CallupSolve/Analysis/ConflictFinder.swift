import CallupDomain
import CallupPlan
import CallupRules

/// Finds why a plan breaks hard rules (`hard: true` cycle rules and
/// targets): the smallest sets of hard rules it can show cannot hold
/// together, each with the figures that prove it, in planners' words
/// (FORMATS.md, Conflicts).
///
/// A hard rule alone cannot hold when it needs more than the scenario
/// offers at all: a hard cycle rule more due cadres than its counting
/// classes (in its `window`/`by`) seat or admit; a hard quota more persons
/// than could attend its classes; a class count more classes or seats than
/// its classes can give. Two hard rules over different people cannot hold
/// together when their classes seat fewer than both need. A broken hard
/// rule with no such proof is reported as not met by the plan found, with
/// what would make it hold.
public struct ConflictFinder {
  let scenario: Scenario
  let year: Int
  let screen: CandidateScreen
  let book: ObligationBook
  let targets: TargetBook

  public init(scenario: Scenario, year: Int) {
    self.scenario = scenario
    self.year = year
    screen = CandidateScreen(scenario: scenario)
    book = ObligationBook(scenario: scenario, year: year)
    targets = TargetBook(scenario: scenario, year: year)
  }

  /// What one hard rule needs: persons (or classes, seats) over classes.
  struct Need {
    var rules: [RuleID]
    /// The rule as messages name it, in Chinese and in English.
    var label: String
    var labelZh: String
    var people: Set<Int>
    var classes: [Int]
    var needed: Int
    /// Persons who could attend one of the classes at all.
    var reachable: Int
    /// What is counted: persons, or a class count's classes or seats.
    var counts = Counted.persons
    enum Counted { case persons, classes, seats }
    var countsClasses: Bool { counts != .persons }
  }

  /// The sets of hard rules that cannot hold together in the year, shown
  /// from the scenario alone (before any plan): each rule alone, then
  /// pairs over different people that share classes. Their rules are
  /// planned soft (`Conflict.Planned.soft`).
  public func provenConflicts() -> [Conflict] {
    let needs = hardNeeds()
    var out: [Conflict] = []
    var explained = Set<RuleID>()
    for n in needs {
      if let c = alone(n) {
        out.append(c)
        explained.formUnion(n.rules)
      }
    }
    for (i, a) in needs.enumerated() where !a.countsClasses && !explained.contains(a.rules[0]) {
      for b in needs[(i + 1)...] where !b.countsClasses && !explained.contains(b.rules[0]) {
        guard a.people.isDisjoint(with: b.people), let c = together(a, b) else { continue }
        out.append(c)
        explained.formUnion(a.rules + b.rules)
      }
    }
    for i in out.indices { out[i].planned = .soft }
    return out
  }

  /// Conflicts for the hard rules `plan` breaks that `known` does not
  /// explain: what the plan found, and what would make the rule hold. Their
  /// rules were planned hard (`Conflict.Planned.hard`).
  public func unexplained(in plan: Plan, known: [Conflict]) -> [Conflict] {
    let explained = Set(known.flatMap(\.rules))
    return brokenHardRules(plan).subtracting(explained).sorted().map { notMet($0, plan: plan) }
  }

  /// Hard rules the plan breaks: a due obligation of a hard cycle rule
  /// unmet, a hard target outside its range.
  func brokenHardRules(_ plan: Plan) -> Set<RuleID> {
    let cycles = scenario.policy.cycleRules
    var out = Set<RuleID>()
    for u in plan.unmet where u.obligation.year == year && cycles[u.obligation.rule].hard { out.insert(u.ruleID) }
    for t in plan.targets where t.target.year == year && t.target.hard && t.status != .met {
      out.insert(t.target.rule.id)
    }
    return out
  }

  /// Every hard rule's need in the year.
  func hardNeeds() -> [Need] {
    var out: [Need] = []
    let cycles = scenario.policy.cycleRules
    let inYear = scenario.classes.indices.filter { scenario.classes[$0].year == year }
    for (ri, rule) in cycles.enumerated() where rule.hard {
      let due = book.obligations.filter { $0.rule == ri && !$0.early }.map(\.cadre)
      let classes = inYear.filter { rule.counts(scenario.classes[$0]) }
      out.append(
        Need(
          rules: [rule.info.id], label: describe(rule), labelZh: describeZh(rule), people: Set(due), classes: classes,
          needed: due.count,
          reachable: reachable(due, classes)))
    }
    for t in targets.targets where t.hard {
      switch t.kind {
      case .quota:
        let open = t.members.filter { !t.trainedBefore.contains($0) }
        out.append(
          Need(
            rules: [t.rule.id], label: "\(t.rule.id) (\(t.name))", labelZh: "\(t.rule.id)（\(t.name)）",
            people: Set(open), classes: t.classes,
            needed: max(0, t.range.lo - t.trainedBefore.count), reachable: reachable(open, t.classes)))
      case .classes, .seats:
        let counted: Need.Counted = if case .seats = t.kind { .seats } else { .classes }
        out.append(
          Need(
            rules: [t.rule.id], label: t.rule.id.rawValue + (t.name.isEmpty ? "" : " (\(t.name))"),
            labelZh: t.rule.id.rawValue + (t.name.isEmpty ? "" : "（\(t.name)）"), people: [],
            classes: t.classes, needed: t.range.lo, reachable: 0, counts: counted))
      case .group:
        continue
      }
    }
    return out
  }

  /// Persons of `people` whom some class of `classes` admits (eligible, available, no duplicate).
  func reachable(_ people: [Int], _ classes: [Int]) -> Int {
    people.filter { ci in classes.contains { screen.screen(cadre: ci, klass: $0) == nil } }.count
  }

  /// Seats of `classes`: their capacities (an unlimited class seats everyone it admits).
  func seats(_ classes: [Int], people: Int) -> Int {
    classes.reduce(0) { n, ki in n + (scenario.classes[ki].capacity ?? people) }
  }
}
