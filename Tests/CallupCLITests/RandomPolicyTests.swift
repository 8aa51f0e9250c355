import Foundation
import PropertyBased
import Testing

/// Any policy the contract allows, in any combination, plans to a plan that
/// `callup check` accepts, or is refused with exit 65 and a message naming
/// the policy file — the planner never traps. Policies are drawn at random:
/// each rule from one number (shrinking drops rules and lowers the numbers,
/// so a failure comes down to the fewest, simplest rules), the scenario is
/// tiny with its classes' sizes drawn from another.
@Suite("random policies: a checked plan or a message, never a trap", .serialized)
struct RandomPolicyTests {
  @Test func randomPoliciesPlanOrAreRefused() async throws {
    await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000).array(of: 1...5), Gen.int(in: 0...1_000_000)) {
      rules, sizes in
      let dir = CLI.temporaryDirectory().appendingPathComponent("random")
      let policy = RandomPolicy.yaml(rules)
      do {
        try RandomPolicy.writeScenario(in: dir, policy: policy, sizes: sizes)
        let out = dir.appendingPathComponent("plan")
        let r = try CLI.run(["plan", dir.path, "--out", out.path, "--quiet", "--time-limit", "5"])
        if r.status == 65 {
          #expect(r.stderr.contains("policy.yaml:"), "\(policy)\n\(r.stderr)")
          #expect(!FileManager.default.fileExists(atPath: out.path))
          return
        }
        // 3: hard rules that cannot all hold, planned soft and explained.
        #expect(r.status == 0 || r.status == 3, "exit \(r.status) for\n\(policy)\n\(r.stderr.suffix(2000))")
        guard r.status == 0 || r.status == 3 else { return }
        let check = try CLI.run(["check", dir.path, out.path])
        #expect(check.status == 0, "\(policy)\n\(check.stdout.suffix(2000))")
      } catch {
        Issue.record("\(error)")
      }
    }
  }
}

/// Random rules of every type the contract defines, from one number each.
enum RandomPolicy {
  static let kinds = [
    "rotation", "systematic", "professional", "reading", "appointment", "initial", "special", "online",
  ]
  static let ranks = ["provincial", "bureau", "county", "section", "staff"]

  /// A small deterministic stream of choices.
  struct Draw {
    var state: UInt64
    init(_ seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    mutating func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(max(1, n)))
    }
    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    mutating func some(_ items: [String], atLeast: Int = 1) -> [String] {
      let picked = items.filter { _ in chance(35) }
      return picked.count >= atLeast ? picked : [items[next(items.count)]]
    }
  }

  static func yaml(_ seeds: [Int]) -> String {
    var text = "name: random\n"
    if let first = seeds.first, first % 3 == 0 {
      text +=
        "objective: { obligation: \(first % 50_000), overdue_year: \(first % 7_000), unit_share: \(first % 900) }\n"
    }
    text += "rules:\n"
    // A policy has at most one rule of each of these types (a second is a
    // defect, tested elsewhere): later ones are left out.
    var once: Set<String> = []
    for (i, seed) in seeds.enumerated() {
      let (type, yaml) = rule(id: "r\(i)", seed: seed)
      if ["release", "no-duplicate", "tiered"].contains(type), !once.insert(type).inserted { continue }
      text += yaml
    }
    return text
  }

  static func who(_ d: inout Draw) -> String {
    var keys: [String] = []
    if d.chance(50) { keys.append("ranks: [\(d.some(ranks).joined(separator: ", "))]") }
    if d.chance(25) {
      keys.append(
        "tags: [\(d.some(["young", "new-appointee", "city-county-team", "township-head"]).joined(separator: ", "))]")
    }
    if d.chance(25) {
      keys.append("leadership: [\(d.some(["principal", "deputy", "team", "none"]).joined(separator: ", "))]")
    }
    if d.chance(10) { keys.append("party: [\(d.some(["cpc", "non-party"]).joined(separator: ", "))]") }
    if d.chance(10) { keys.append("gender: [\(d.some(["M", "F"]).joined(separator: ", "))]") }
    if d.chance(20) { keys.append("appointed_within_years: \(1 + d.next(5))") }
    return "{ " + keys.joined(separator: ", ") + " }"
  }

  /// `MM-DD` in the first half of the year.
  static func monthDay(_ d: inout Draw) -> String { String(format: "%02d-%02d", 1 + d.next(6), 1 + d.next(28)) }

  /// A class selector of one to three keys.
  static func classes(_ d: inout Draw) -> String {
    var keys: [String] = []
    if d.chance(50) { keys.append("kinds: [\(d.some(kinds).joined(separator: ", "))]") }
    if d.chance(30) {
      keys.append("levels: [\(d.some(["national", "province", "city", "county"]).joined(separator: ", "))]")
    }
    if d.chance(20) {
      keys.append(
        "institution_types: [\(d.some(["party-school", "cadre-college", "university", "other"]).joined(separator: ", "))]"
      )
    }
    if d.chance(20) { keys.append("min_days: \(d.next(10))") }
    if d.chance(15) { keys.append("max_days: \(10 + d.next(30))") }
    return "{ " + keys.joined(separator: ", ") + " }"
  }

  /// A quota target: a count or a share, maybe open above or below.
  static func quotaTarget(_ i: Int, _ d: inout Draw) -> String {
    var keys = ["programme: p\(i)", "who: \(who(&d))", "classes: \(classes(&d))"]
    keys.append(d.chance(50) ? "count: \(d.next(8))" : "share: \(share(&d))")
    if d.chance(25) { keys.append("at_least: true") } else if d.chance(25) { keys.append("at_most: true") }
    if d.chance(20) { keys.append("tolerance: \(share(&d))") }
    return "{ " + keys.joined(separator: ", ") + " }"
  }

  static func share(_ d: inout Draw) -> String { String(format: "%.2f", Double(1 + d.next(100)) / 100) }

  /// One rule and its type; about one in twenty carries a defect the
  /// loader must refuse.
  static func rule(id: String, seed: Int) -> (type: String, yaml: String) {
    var d = Draw(seed)
    let kinds = "[\(d.some(Self.kinds).joined(separator: ", "))]"
    var lines: [String]
    switch d.next(10) {
    case 0, 1:
      lines = ["type: cycle", "who: \(who(&d))", "kinds: \(kinds)", "every: \(1 + d.next(5))"]
      if d.chance(40) { lines.append("min_days: \(d.next(30))") }
      if d.chance(20) { lines.append("weight: \(d.next(5))") }
      if d.chance(25) { lines.append("window: { from: \"\(monthDay(&d))\", to: \"12-\(20 + d.next(12))\" }") }
      if d.chance(25) { lines.append("by: \"\(monthDay(&d))\"") }
      if d.chance(20) { lines.append("hard: true") }
    case 7:
      lines = ["type: quota", "targets:"] + (0...d.next(2)).map { i in "  - \(quotaTarget(i, &d))" }
      if d.chance(40) { lines.append("tolerance: \(share(&d))") }
      if d.chance(20) { lines.append("hard: true") }
    case 8:
      lines = [
        "type: group-share", "groups: [{ name: g1, who: \(who(&d)) }, { name: g2, who: \(who(&d)) }]",
        "classes: \(classes(&d))", "min_ratio: \(String(format: "%.1f", Double(d.next(15)) / 10))",
      ]
      if d.chance(40) { lines.append("of: \(who(&d))") }
      if d.chance(40) { lines.append("tolerance: \(share(&d))") }
      if d.chance(20) { lines.append("hard: true") }
    case 9:
      lines = ["type: class-count", "classes: \(classes(&d))"]
      let lo = d.next(4)
      lines.append(d.chance(50) ? "min: \(lo)" : "max: \(lo + d.next(4))")
      if d.chance(50) { lines.append("min_seats: \(d.next(20))") }
      if d.chance(30) { lines.append("max_seats: \(20 + d.next(20))") }
      if d.chance(20) { lines.append("hard: true") }
    case 2:
      lines = ["type: unit-share", "who: \(who(&d))", "share: \(share(&d))", "kinds: \(kinds)"]
    case 3:
      lines = ["type: release", "max_away: \(1 + d.next(4))", "max_away_share: \(share(&d))"]
    case 4:
      lines = ["type: no-duplicate", "max_per_year: \(1 + d.next(4))", "theme_years: \(1 + d.next(6))"]
    case 5:
      lines = ["type: hours", "who: \(who(&d))", "window: \(d.chance(50) ? "period" : String(1 + d.next(5)))"]
      lines.append(d.chance(50) ? "min_hours: \(10 + d.next(600))" : "min_days: \(1 + d.next(60))")
      if d.chance(40) { lines.append("kinds: \(kinds)") }
      if d.chance(30) {
        lines.append(
          "institution_types: [\(d.some(["party-school", "cadre-college", "university", "other"]).joined(separator: ", "))]"
        )
      }
    default:
      let levels = ["national", "province", "city", "county"]
      let map = ranks.filter { _ in d.chance(70) }.map { "\($0): \(levels[d.next(4)])" }
      lines = [
        "type: tiered", "levels: { \(map.joined(separator: ", ")) }", "mismatch_cost: \(d.next(500))",
        "travel_cost: \(d.next(500))",
      ]
    }
    if d.chance(5) { lines.append(["every: 0", "kinds: [lecture]", "share: 1.5", "colour: red"][d.next(4)]) }
    return (String(lines[0].dropFirst(6)), "  - id: \(id)\n" + lines.map { "    \($0)\n" }.joined())
  }

  /// tiny's units, cadres and history, its classes with sizes drawn from
  /// `sizes` (min_size ≤ capacity), and the policy.
  static func writeScenario(in dir: URL, policy: String, sizes: Int) throws {
    let tiny = CLI.root.appendingPathComponent("scenarios/tiny")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for f in ["units.csv", "cadres.csv", "history.csv"] {
      try FileManager.default.copyItem(at: tiny.appendingPathComponent(f), to: dir.appendingPathComponent(f))
    }
    var d = Draw(sizes)
    let classes = try String(contentsOf: tiny.appendingPathComponent("classes.csv"), encoding: .utf8)
      .split(separator: "\n").enumerated().map { i, row -> String in
        guard i > 0 else { return String(row) }
        var cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let capacity = 1 + d.next(12)
        cells[11] = String(1 + d.next(capacity))
        cells[12] = String(capacity)
        return cells.joined(separator: ",")
      }
    try (classes.joined(separator: "\n") + "\n").write(
      to: dir.appendingPathComponent("classes.csv"), atomically: true, encoding: .utf8)
    try policy.write(to: dir.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
    try "name: random\nyear: 2025\nperiod: [2024, 2028]\npolicy: policy.yaml\n".write(
      to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
  }
}
