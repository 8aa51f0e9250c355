import CallupDomain
import Foundation

/// plan.json's `objective` (and each year's in `rotation`), recomputed from
/// the plan's assignments, the scenario and the policy's weights.
extension CheckRun {
  /// The relative tolerance: figures agree when they differ by at most
  /// this times `max(1, |objective|)`.
  static let objectiveTolerance = 1e-6
  /// Most terms a message lists.
  static let listedTerms = 6

  /// `objective` equals the recomputed objective within the tolerance. In
  /// an infeasible plan a hard rule named in a conflict was planned soft
  /// (shown impossible before planning) or hard (broken anyway), as the
  /// conflict's `planned` says; where it does not say, either reading is
  /// accepted, and the summary says which.
  mutating func checkObjective(_ obligations: [Obligation], targets: [ExpectedTarget], excused: Set<String>) {
    guard let given = plan.objective else {
      log.note("Objective: plan.json gives none; not checked.")
      return
    }
    let tally = objectiveTerms(obligations, targets: targets)
    let readings = softReadings(tally, excused: excused)
    guard let soft = readings.first(where: { Self.agrees(tally.total(soft: $0), given) }) else {
      let nearest = readings.min { abs(tally.total(soft: $0) - given) < abs(tally.total(soft: $1) - given) }
      log.add("objective", mismatchText(given: given, tally: tally, soft: nearest ?? []))
      return
    }
    log.note(agreementText(given: given, tally: tally, soft: soft))
    checkYearObjectives(tally, soft: soft)
    noteHours()
  }

  static func agrees(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= objectiveTolerance * max(1, abs(b))
  }

  /// The sets of hard rules an infeasible plan may have planned soft: of
  /// the rules named in its conflicts that have breaks, those a conflict
  /// says were planned soft, with every subset of those no conflict says
  /// how it was planned (all of them soft first); only the empty set when
  /// none has breaks.
  func softReadings(_ tally: ObjectiveTally, excused: Set<String>) -> [Set<String>] {
    let broken = Set(tally.terms.compactMap(\.hardRule)).intersection(excused)
    let said = plannedAs()
    let soft = broken.filter { said[$0] == "soft" }
    let open = broken.filter { said[$0] == nil }.sorted()
    guard open.count <= 10 else { return [soft.union(open), soft] }
    return (0..<(1 << open.count)).reversed().map { mask in
      soft.union(open.indices.filter { mask & (1 << $0) != 0 }.map { open[$0] })
    }
  }

  /// Per rule named in `conflicts`, how they say it was planned (`soft` or
  /// `hard`); absent when none says, or when they disagree.
  func plannedAs() -> [String: String] {
    var out: [String: String] = [:]
    var disputed = Set<String>()
    for c in plan.conflicts ?? [] {
      guard let how = c.planned else { continue }
      for r in c.rules ?? [] {
        if let was = out[r], was != how { disputed.insert(r) }
        out[r] = how
      }
    }
    for r in disputed { out[r] = nil }
    return out
  }

  /// Each year of a rotation plan: its `objective` in `rotation` equals the
  /// year's recomputed objective.
  mutating func checkYearObjectives(_ tally: ObjectiveTally, soft: Set<String>) {
    for (i, e) in (plan.rotation ?? []).enumerated() {
      guard let y = e.year, let given = e.objective, years.contains(y) else { continue }
      let computed = tally.total(year: y, soft: soft)
      if !Self.agrees(computed, given) {
        log.add(
          "objective",
          "plan.json rotation[\(i)] gives \(y)'s objective as \(Self.money(given)), but the plan's call-ups of \(y) come to \(Self.money(computed)) (difference \(Self.money(given - computed)))."
            + " \(y)'s terms, largest first: \(termList(tally, year: y, soft: soft)).")
      }
    }
  }

  func agreementText(given: Double, tally: ObjectiveTally, soft: Set<String>) -> String {
    var t =
      "Objective: plan.json gives \(Self.money(given)); recomputed from the assignments, the scenario and the policy's weights: "
      + "\(Self.money(tally.total(soft: soft))), equal within \(Self.objectiveTolerance) × max(1, |objective|)"
    if !soft.isEmpty {
      let said = plannedAs()
      t +=
        "; the hard rules \(soft.sorted().joined(separator: ", ")) of its conflicts were planned soft (no hard_break)"
        + (soft.allSatisfy { said[$0] == "soft" } ? ", as they say" : "")
    }
    let years = plan.rotation?.compactMap(\.objective).count ?? 0
    if years > 0 { t += "; each of the \(years) years' objectives in `rotation` checked" }
    return t + ". Terms: \(termList(tally, year: nil, soft: soft))."
  }

  func mismatchText(given: Double, tally: ObjectiveTally, soft: Set<String>) -> String {
    let computed = tally.total(soft: soft)
    let diff = given - computed
    var t =
      "plan.json gives objective \(Self.money(given)), but the plan comes to \(Self.money(computed)), recomputed from its assignments, "
      + "the scenario and the policy's weights: a difference of \(Self.money(diff)), beyond the tolerance of "
      + "\(Self.objectiveTolerance) × max(1, |objective|) = \(Self.money(Self.objectiveTolerance * max(1, abs(given))))."
    if let match = matchingTerm(diff, tally, soft: soft) { t += " " + match }
    t += " The recomputed terms, largest first: \(termList(tally, year: nil, soft: soft))."
    if !soft.isEmpty {
      t += " (Read with the hard rules \(soft.sorted().joined(separator: ", ")) of its conflicts planned soft.)"
    }
    return t
  }

  /// A term, or a year's total, that the difference equals: what the
  /// given objective seems to leave out or count twice.
  func matchingTerm(_ diff: Double, _ tally: ObjectiveTally, soft: Set<String>) -> String? {
    let tol = Self.objectiveTolerance * max(1, abs(diff))
    for t in tally.terms where t.hardRule.map({ !soft.contains($0) }) ?? true && abs(abs(diff) - t.amount) <= tol {
      let how = diff < 0 ? "leave it out" : "count it twice"
      return "The difference is the term \(termText(t)): plan.json's objective seems to \(how)."
    }
    return nil
  }

  /// The terms, largest first, at most `listedTerms` of them.
  func termList(_ tally: ObjectiveTally, year: Int?, soft: Set<String>) -> String {
    let terms = tally.terms.filter {
      (year == nil || $0.year == year) && ($0.hardRule.map { !soft.contains($0) } ?? true)
    }
    let sorted = terms.sorted { abs($0.amount) > abs($1.amount) }
    guard !sorted.isEmpty else { return "none (0)" }
    var list = sorted.prefix(Self.listedTerms).map(termText).joined(separator: "; ")
    if sorted.count > Self.listedTerms { list += "; and \(sorted.count - Self.listedTerms) smaller" }
    return list
  }

  func termText(_ t: ObjectiveTerm) -> String {
    let units = t.units == t.units.rounded() ? String(Int(t.units)) : String(format: "%.2f", t.units)
    let year = s.horizon > 1 ? " in \(t.year)" : ""
    return "\(t.label)\(year) \(Self.money(t.amount)) (\(units))"
  }

  /// The hours rules' term, which `objective` leaves out (a second stage).
  mutating func noteHours() {
    guard !s.policy.hoursRules.isEmpty else { return }
    let hours = hoursTerms()
    log.note(
      "Hours rules: the pace the plan leaves unmet is worth \(Self.money(hours.total())) at the policy's weights; "
        + "`objective` does not count it (the hours are planned after the call-up, docs/hours.md).")
  }

  /// `12,345,678` or `1,234.5`.
  static func money(_ d: Double) -> String {
    let rounded = (d * 100).rounded() / 100
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 2
    formatter.locale = Locale(identifier: "en_US")
    return formatter.string(from: NSNumber(value: rounded)) ?? String(rounded)
  }
}
