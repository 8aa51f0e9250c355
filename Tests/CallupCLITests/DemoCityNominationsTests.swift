import CallupDomain
import CallupPlan
import Foundation
import Testing

/// The bundled city with its rotation and professional classes by
/// allocation (a what-if of scenarios/demo-city), planned once (20 s).
enum DemoRound {
  struct Planned: Sendable {
    var scenarioDirectory: URL
    var planDirectory: URL
    var scenario: Scenario
    var record: PlanRecord
  }

  static let planned: Result<Planned, any Error> = Result {
    let dir = CLI.temporaryDirectory()
    let scenario = dir.appendingPathComponent("allocation-city")
    try FileManager.default.createDirectory(at: scenario, withIntermediateDirectories: true)
    let base = CLI.root.appendingPathComponent("scenarios/demo-city").path
    try "base: \(base)\nallocation: { kinds: [rotation, professional] }\n".write(
      to: scenario.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    let plan = dir.appendingPathComponent("plan")
    let r = try CLI.run(["plan", scenario.path, "--out", plan.path, "--time-limit", "20", "--quiet"])
    guard r.status == 0 else { throw PlanReadError("plan exited \(r.status): \(r.stderr)") }
    return Planned(
      scenarioDirectory: scenario, planDirectory: plan, scenario: try ScenarioLoader.load(scenario).scenario,
      record: try PlanRecord.read(plan))
  }
}

/// Rows of hand-made lists picked from the plan, each with the decision
/// and rule the review must give it.
struct DemoLists {
  struct Pair: Hashable {
    var unit: Int
    var klass: Int
  }
  struct Row {
    var cells: [String]  // unit, class, cadre, name
    var expected: String  // "decision rule"
  }

  let s: Scenario
  /// Class indices per cadre index in the plan, and the plan's cadres per unit and class.
  var classesOf: [[Int]]
  var suggestions: [Pair: [Int]] = [:]
  /// Attendees per class index in the plan.
  let attendees: [Int: Int]
  var used: Set<Int> = []
  var bad: [Row] = []

  init(_ p: DemoRound.Planned) {
    s = p.scenario
    classesOf = Array(repeating: [], count: s.cadres.count)
    var attendees: [Int: Int] = [:]
    for a in p.record.assignments {
      let ci = s.cadreIndex[CadreID(a.cadre)]!, ki = s.classIndex[ClassID(a.klass)]!
      classesOf[ci].append(ki)
      attendees[ki, default: 0] += 1
      if s.allocation.byAllocation(s.classes[ki]) {
        suggestions[Pair(unit: s.unitIndex[s.cadres[ci].unit]!, klass: ki), default: []].append(ci)
      }
    }
    self.attendees = attendees
  }

  var pairs: [Pair] { suggestions.keys.sorted { ($0.unit, $0.klass) < ($1.unit, $1.klass) } }

  func id(_ ci: Int) -> String { s.cadres[ci].id.rawValue }

  /// The cadre's history breaks no duplicate rule with class `k`.
  func historyClear(_ ci: Int, _ k: TrainingClass) -> Bool {
    let hs = s.historyByCadre[ci]
    let away = hs.filter { $0.year == k.year && $0.kind.isOffTheJob }.count
    return away < 3
      && !hs.contains {
        $0.span.overlaps(k.span) || ($0.year == k.year && $0.kind == k.kind)
          || (!k.theme.isEmpty && $0.theme == k.theme && abs($0.year - k.year) < 5)
      }
  }

  /// The cadre's plan and history leave room for class `k`, and it may attend it.
  func clean(_ ci: Int, _ k: TrainingClass) -> Bool {
    let c = s.cadres[ci]
    let mine = classesOf[ci].map { s.classes[$0] }
    let away = mine.filter(\.kind.isOffTheJob).count + s.historyByCadre[ci].filter { $0.year == k.year }.count
    return k.admits(c) && c.isAvailable(during: k.span) && historyClear(ci, k) && away < 3
      && !mine.contains { $0.span.overlaps(k.span) || $0.kind == k.kind || (!k.theme.isEmpty && $0.theme == k.theme) }
  }

  /// A pair of a unit not used yet and a cadre of it meeting `test`.
  func find(_ test: (Pair, TrainingClass, Int) -> Bool) -> (Pair, Int)? {
    for p in pairs where !used.contains(p.unit) {
      let k = s.classes[p.klass]
      if let ci = s.cadresByUnit[p.unit].first(where: { test(p, k, $0) }) { return (p, ci) }
    }
    return nil
  }

  /// The pair found, its unit used from now on.
  mutating func take(_ found: (Pair, Int)?) -> (Pair, Int)? {
    if let f = found { used.insert(f.0.unit) }
    return found
  }

  mutating func add(_ p: Pair, _ cadre: String, name: String = "", _ expected: String) {
    bad.append(
      Row(cells: [s.units[p.unit].id.rawValue, s.classes[p.klass].id.rawValue, cadre, name], expected: expected))
  }
}

extension DemoLists {
  /// One row for each hard rule a nominee of the city can break.
  mutating func refusals() {
    if let (p, ci) = take(find { _, k, ci in !k.ranks.isEmpty && !k.ranks.contains(s.cadres[ci].rank) }) {
      add(p, id(ci), "refused eligibility")
    }
    if let (p, ci) = take(find { _, k, ci in k.admits(s.cadres[ci]) && !s.cadres[ci].isAvailable(during: k.span) }) {
      add(p, id(ci), "refused unavailable")
    }
    if let (p, ci) = take(
      find { _, k, ci in
        let hs = s.historyByCadre[ci]
        return k.admits(s.cadres[ci]) && s.cadres[ci].isAvailable(during: k.span)
          && hs.contains { $0.year == k.year && $0.kind == k.kind }
          && !hs.contains { $0.span.overlaps(k.span) || (!k.theme.isEmpty && $0.theme == k.theme) }
      })
    {
      add(p, id(ci), "refused kind-per-year")
    }
    if let (p, ci) = take(
      find { _, k, ci in
        let mine = classesOf[ci].map { s.classes[$0] }
        return k.admits(s.cadres[ci]) && s.cadres[ci].isAvailable(during: k.span) && historyClear(ci, k)
          && mine.contains { $0.kind == k.kind && $0.id != k.id } && !mine.contains { $0.span.overlaps(k.span) }
      })
    {
      add(p, id(ci), "refused kind-per-year")
    }
    if let (p, ci) = take(find { p, k, ci in principalsApart(p, k, ci) }) { add(p, id(ci), "refused principals") }
  }

  /// A principal who could attend class `k`, while another principal of
  /// the unit is called up to a class on its days and the unit is below
  /// its release limit on each of them.
  func principalsApart(_ p: Pair, _ k: TrainingClass, _ ci: Int) -> Bool {
    guard s.cadres[ci].isPrincipal, clean(ci, k) else { return false }
    let others = s.cadresByUnit[p.unit].filter { $0 != ci && s.cadres[$0].isPrincipal }
    guard
      others.contains(where: { o in classesOf[o].contains { $0 != p.klass && s.classes[$0].span.overlaps(k.span) } })
    else { return false }
    let limit = s.releaseLimit(unitIndex: p.unit)
    let set = Set(suggestions[p] ?? [])
    var d = k.span.first
    while d <= k.span.last {
      var n = 0
      for m in s.cadresByUnit[p.unit] {
        n +=
          classesOf[m].filter { ki in
            s.classes[ki].kind.isOffTheJob && s.classes[ki].span.contains(d) && !(ki == p.klass && set.contains(m))
          }.count
        n += s.historyByCadre[m].filter { $0.kind.isOffTheJob && $0.span.contains(d) }.count
      }
      if n >= limit { return false }
      d = d.advanced(by: 1)
    }
    return true
  }

  /// A unit's seats of a class filled with its plan's names, one more nominee refused;
  /// another unit's seats but one, and one newcomer in place of the last.
  mutating func seats() -> (substitute: Int, replaced: Int)? {
    func roomy(_ p: Pair) -> Bool {
      s.classes[p.klass].capacity.map { (attendees[p.klass] ?? 0) < $0 } ?? true
    }
    if let (p, ci) = take(
      find { p, k, ci in roomy(p) && !s.cadres[ci].isPrincipal && classesOf[ci].isEmpty && clean(ci, k) }
    ) {
      for m in suggestions[p]! { add(p, id(m), "accepted ") }
      add(p, id(ci), "refused allocation")
      add(p, id(suggestions[p]![0]), "refused repeated")
    }
    guard
      let (p, ci) = take(
        find { p, k, ci in
          roomy(p) && !s.cadres[ci].isPrincipal && classesOf[ci].isEmpty && clean(ci, k)
        })
    else { return nil }
    let named = suggestions[p]!
    for m in named.dropLast() { add(p, id(m), "accepted ") }
    add(p, id(ci), "substitute")
    return (ci, named.last!)
  }

  /// One row for each defect of a list.
  mutating func defects(formula: String) {
    guard let (p, ci) = take(find { _, _, _ in true }) else { return }
    let unit = s.units[p.unit].id.rawValue, k = s.classes[p.klass].id.rawValue
    let other = s.cadres.indices.first { s.cadres[$0].unit != s.units[p.unit].id }!
    bad += [
      Row(cells: ["U999", k, id(ci), ""], expected: "refused unknown-unit"),
      Row(cells: [unit, "C999", id(ci), ""], expected: "refused unknown-class"),
      Row(cells: [unit, k, "P99999", ""], expected: "refused unknown-cadre"),
      Row(cells: [unit, k, id(other), ""], expected: "refused wrong-unit"),
      Row(cells: [unit, k, id(ci), "不是本人"], expected: "refused name-mismatch"),
      Row(cells: [unit, k, "", formula], expected: "refused unknown-cadre"),
    ]
    // Two cadres of one unit with the same name.
    if let twin = s.cadres.indices.first(where: { a in
      s.cadresByUnit[s.unitIndex[s.cadres[a].unit]!].filter { s.cadres[$0].name == s.cadres[a].name }.count > 1
    }) {
      used.insert(s.unitIndex[s.cadres[twin].unit]!)
      bad.append(
        Row(cells: [s.cadres[twin].unit.rawValue, k, "", s.cadres[twin].name], expected: "refused ambiguous-name"))
    }
    // A class of the allocation in which a unit has no seats.
    let classes = Set(suggestions.keys.map(\.klass))
    if let u = s.units.indices.first(where: { u in !used.contains(u) && !s.cadresByUnit[u].isEmpty }),
      let free = classes.sorted().first(where: { suggestions[Pair(unit: u, klass: $0)] == nil })
    {
      used.insert(u)
      add(Pair(unit: u, klass: free), id(s.cadresByUnit[u][0]), "refused no-seats")
    }
  }

  /// A unit's whole list by names, each of its plan's names: all accepted.
  mutating func valid() -> (unit: Int, csv: String)? {
    let names = Dictionary(grouping: s.units.indices, by: { s.units[$0].name })
    let classNames = Dictionary(grouping: s.classes.indices, by: { s.classes[$0].name })
    for u in s.units.indices where !used.contains(u) && names[s.units[u].name]!.count == 1 {
      let mine = pairs.filter { $0.unit == u }
      guard mine.count >= 2 else { continue }
      let people = mine.flatMap { suggestions[$0]! }
      let unique = people.allSatisfy { ci in
        s.cadresByUnit[u].filter { s.cadres[$0].name == s.cadres[ci].name }.count == 1
      }
      guard unique, mine.allSatisfy({ classNames[s.classes[$0.klass].name]!.count == 1 }) else { continue }
      used.insert(u)
      var csv = "单位,班次名称,姓名,备注\n"
      for p in mine {
        for ci in suggestions[p]! { csv += "\(s.units[u].name),\(s.classes[p.klass].name),\(s.cadres[ci].name),\n" }
      }
      return (u, csv)
    }
    return nil
  }

  var badCSV: String {
    "unit,class,cadre,name,note\n"
      + bad.map { r in
        r.cells.map {
          $0.contains(",") || $0.contains("\"") ? "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" : $0
        }.joined(separator: ",") + ",\n"
      }.joined()
  }
}

@Suite("nominations: the round on the demo city", .serialized)
struct DemoCityNominationsTests {
  static let formula = "=HYPERLINK(\"http://x\",\"点我\")"

  /// allocation.csv: a row per class and unit with seats; they add up to
  /// each class's attendees; classes by allocation name nobody.
  @Test func theAllocationTableAddsUpToThePlansSeats() throws {
    let p = try DemoRound.planned.get()
    let doc = try CSVDocument.read(p.planDirectory.appendingPathComponent("allocation.csv"))
    #expect(
      doc.header == ["class", "class_name", "institution", "start", "end", "unit", "unit_name", "seats", "named"])
    var seats: [String: Int] = [:]
    for r in doc.records {
      let k = try #require(p.scenario.trainingClass(ClassID(r.fields[0])))
      let n = try #require(Int(r.fields[7]))
      seats[r.fields[0], default: 0] += n
      #expect(Int(r.fields[8]) == (k.kind == .rotation || k.kind == .professional ? 0 : n))
    }
    let attendees = Dictionary(p.record.classes.compactMap { c in c.attendees.map { (c.id, $0) } }, uniquingKeysWith: +)
    #expect(seats == attendees.filter { $0.value > 0 })
    #expect(seats.values.reduce(0, +) == p.record.assignments.count)
  }

  /// plan → lists back → review → check → publish: one valid list, one
  /// with each defect and each refusal the city's data allow; every row of
  /// review.csv as expected; the merged plan holds and is filed.
  @Test func listsBackReviewCheckAndPublish() throws {
    let p = try DemoRound.planned.get()
    var lists = DemoLists(p)
    lists.refusals()
    let seats = lists.seats()
    let substitution = try #require(seats)
    lists.defects(formula: Self.formula)
    let validList = lists.valid()
    let valid = try #require(validList)
    let rules = Set(lists.bad.map(\.expected))
    for r in [
      "refused eligibility", "refused kind-per-year", "refused allocation", "refused repeated", "refused no-seats",
      "refused ambiguous-name",
    ] {
      #expect(rules.contains(r), "no row for \(r)")
    }
    let dir = p.planDirectory.deletingLastPathComponent()
    try valid.csv.write(to: dir.appendingPathComponent("valid.csv"), atomically: true, encoding: .utf8)
    try lists.badCSV.write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("review")
    let r = try CLI.run(
      [
        "nominations", "review", p.scenarioDirectory.path, p.planDirectory.path, "valid.csv", "bad.csv", "--out",
        out.path,
      ],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")

    let doc = try CSVDocument.read(out.appendingPathComponent("review.csv"))
    #expect(Array(doc.header.prefix(6)) == ["unit", "class", "cadre", "decision", "rule", "reason"])
    let column = Dictionary(uniqueKeysWithValues: doc.header.enumerated().map { ($1, $0) })
    func cell(_ r: CSVDocument.Record, _ name: String) -> String { r.fields[column[name]!] }
    let validRows = doc.records.filter { cell($0, "file") == "valid.csv" }
    #expect(validRows.count == valid.csv.split(separator: "\n").count - 1)
    for row in validRows {
      #expect(cell(row, "decision") == "accepted" && cell(row, "reason") == "suggested by the plan", "\(row.fields)")
    }
    let badRows = doc.records.filter { cell($0, "file") == "bad.csv" }
    #expect(badRows.count == lists.bad.count)
    for (i, (row, want)) in zip(badRows, lists.bad).enumerated() {
      #expect(cell(row, "line") == String(i + 2))
      if want.expected == "substitute" {
        #expect(cell(row, "decision") != "refused", "\(row.fields)")
        #expect(cell(row, "replaces") == lists.id(substitution.replaced))
        #expect(cell(row, "leaves_unmet").isEmpty || cell(row, "decision") == "accepted-with-note")
        continue
      }
      #expect("\(cell(row, "decision")) \(cell(row, "rule"))" == want.expected, "bad.csv:\(i + 2) \(row.fields)")
      if NominationReview.listDefects.contains(cell(row, "rule")) && cell(row, "rule") != "allocation" {
        #expect(cell(row, "reason").hasPrefix("bad.csv:\(i + 2):"), "\(cell(row, "reason"))")
      }
    }
    let formulaRow = try #require(badRows.first { cell($0, "name").contains("HYPERLINK") })
    #expect(cell(formulaRow, "name") == "'" + Self.formula)
    try checkUnitsAndFiles(out)
    try checkAndPublish(p, out)
  }

  func checkUnitsAndFiles(_ out: URL) throws {
    let units = try CSVDocument.read(out.appendingPathComponent("review-units.csv"))
    let i = Dictionary(uniqueKeysWithValues: units.header.enumerated().map { ($1, $0) })
    for r in units.records {
      let n = { (name: String) in Int(r.fields[i[name]!])! }
      #expect(n("accepted") + n("plan_names") + n("empty") == n("allocated"), "\(r.fields)")
      #expect(n("accepted") + n("refused") == n("nominated"))
    }
    let raw = try String(contentsOf: out.appendingPathComponent("review.csv"), encoding: .utf8)
    #expect(raw.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\","))
    for f in [
      "plan.json", "rosters.csv", "notices.csv", "report.html", "allocation.csv", "makeup.csv", "nominations.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
    }
  }

  func checkAndPublish(_ p: DemoRound.Planned, _ out: URL) throws {
    let check = try CLI.run(["check", p.scenarioDirectory.path, out.path])
    #expect(check.status == 0, "\(check.stdout)")
    let ledger = out.deletingLastPathComponent().appendingPathComponent("ledger.sqlite").path
    let history = CLI.root.appendingPathComponent("scenarios/demo-city/history.csv").path
    let imported = try CLI.run([
      "ledger", "import", history, "--scenario", p.scenarioDirectory.path, "--ledger", ledger,
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    let published = try CLI.run(["ledger", "publish", out.path, p.scenarioDirectory.path, "--ledger", ledger])
    #expect(published.status == 0, "\(published.stderr)")
    let merged = try PlanRecord.read(out)
    #expect(published.stdout.hasPrefix("Published plan "))
    #expect(
      published.stdout.contains(" 2025: \(merged.assignments.count) call-ups, \(merged.assignments.count) planned"))
  }
}
