import CallupDomain

/// One target of one planned year as the checker derives it from the
/// contract: a quota target, a group of a group-share rule, or a class-count
/// rule's classes or seats.
struct ExpectedTarget {
  enum Kind { case quota, group, classes, seats }
  var kind: Kind
  var rule: String
  var name: String
  var year: Int
  var lo: Int
  var hi: Int?
  var planned: Int
  var hard: Bool
  /// How the range and the planned figure come about, for messages.
  var basis: String
  /// False when the range's arithmetic does not fit in 64 bits: lo, hi and
  /// status are then not compared.
  var exact = true

  var status: String {
    if planned < lo { return "short" }
    if let hi, planned > hi { return "over" }
    return "met"
  }

  var key: String { Self.key(rule, name, year) }
  static func key(_ rule: String, _ name: String, _ year: Int) -> String { "\(rule)\u{1}\(name)\u{1}\(year)" }

  /// `quota q1, programme "乡镇党委书记", in 2025`.
  var label: String { Self.label(kind, rule: rule, name: name, year: year) }

  static func label(_ kind: Kind?, rule: String, name: String, year: Int) -> String {
    switch kind {
    case .quota: "quota \(rule), programme \"\(name)\", in \(year)"
    case .group: "group-share \(rule), group \"\(name)\", in \(year)"
    case .classes: "class-count \(rule) (classes held) in \(year)"
    case .seats: "class-count \(rule) (seats) in \(year)"
    case nil: "target \(rule)" + (name.isEmpty ? "" : " \"\(name)\"") + " in \(year)"
    }
  }

  var rangeText: String { Self.rangeText(lo, hi) }
  static func rangeText(_ lo: Int, _ hi: Int?) -> String { hi.map { "\(lo)–\($0)" } ?? "at least \(lo)" }
}

/// plan.json `targets`, recomputed from the policy, the catalogue, history and
/// the plan's assignments, and compared entry by entry.
extension CheckRun {
  /// Per cadre, the trainings of year `y`: planned classes of the year and
  /// history rows of the year.
  func trainingsIn(_ y: Int) -> [[TrainingFacts]] {
    s.cadres.indices.map { ci in
      planned.classesOf[ci].filter { s.classes[$0].year == y }.map { TrainingFacts(s.classes[$0]) }
        + s.historyByCadre[ci].filter { $0.year == y }.map { TrainingFacts($0, catalogue: s.trainingClass) }
    }
  }

  /// Every target of every planned year, in policy order.
  func expectedTargets() -> [ExpectedTarget] {
    var out: [ExpectedTarget] = []
    for y in years {
      let inYear = trainingsIn(y)
      for rule in s.policy.rules {
        switch rule {
        case .quota(let q): out += quotaTargets(q, year: y, trainings: inYear)
        case .groupShare(let g): out += groupTargets(g, year: y, trainings: inYear)
        case .classCount(let c): out += classCountTargets(c, year: y)
        default: break
        }
      }
    }
    return out
  }

  /// Each target: distinct cadres of `who` attending in Y a class matched by
  /// `classes` (history in Y included); N = count or ceil(share × n) over the
  /// whole group; lo = ceil(N × (1 − t)), hi = floor(N × (1 + t)).
  func quotaTargets(_ q: QuotaRule, year y: Int, trainings: [[TrainingFacts]]) -> [ExpectedTarget] {
    var out: [ExpectedTarget] = []
    for t in q.targets {
      let members = matching(t.who, y)
      let trained = members.filter { ci in trainings[ci].contains { Counting.selects(t.classes, $0) } }
      var basis: String
      let n: Int?
      switch t.amount {
      case .count(let c):
        n = c
        basis = "N = \(c) (count)"
      case .share(let sh):
        n = Self.pow10(sh.scale).flatMap { Counting.ceilRatio([sh.units, members.count], [$0]) }
        basis = "N = ceil(\(sh) × \(members.count)) = \(n.map(String.init) ?? "?")"
      }
      let tol = t.tolerance ?? q.tolerance
      var lo: Int?
      var hi: Int?
      if let n, let d = Self.pow10(tol.scale) {
        lo = t.atMost ? 0 : Counting.ceilRatio([max(0, d - tol.units), n], [d])
        hi = t.atLeast ? nil : Counting.floorRatio([d + tol.units, n], [d])
      }
      let exact = lo != nil && (t.atLeast || hi != nil)
      basis += tol.units == 0 ? "" : ", tolerance \(tol)"
      if t.atLeast { basis += ", at least" }
      if t.atMost { basis += ", at most" }
      basis +=
        "; \(trained.count) of the \(members.count) cadres matched by `who` attend a class of the target in \(y), history included"
      out.append(
        ExpectedTarget(
          kind: .quota, rule: q.info.id.rawValue, name: t.programme, year: y, lo: lo ?? 0, hi: hi,
          planned: trained.count, hard: q.hard, basis: basis, exact: exact))
    }
    return out
  }

  /// Each group G within `of`: lo = ceil(min_ratio × (1 − tolerance) × |G| ×
  /// |T| / |of|), T the cadres of `of` attending a matched class in Y.
  func groupTargets(_ g: GroupShareRule, year y: Int, trainings: [[TrainingFacts]]) -> [ExpectedTarget] {
    let of = matching(g.of, y)
    let trained = Set(of.filter { ci in trainings[ci].contains { Counting.selects(g.classes, $0) } })
    var out: [ExpectedTarget] = []
    for group in g.groups {
      let members = of.filter { group.who.matches(s.cadres[$0], year: y) }
      let planned = members.filter { trained.contains($0) }.count
      var lo: Int? = 0
      if !of.isEmpty {
        lo = Self.pow10(g.minRatio.scale).flatMap { dr in
          Self.pow10(g.tolerance.scale).flatMap { dt in
            Counting.ceilRatio(
              [g.minRatio.units, max(0, dt - g.tolerance.units), members.count, trained.count], [dr, dt, of.count])
          }
        }
      }
      let ratio = g.tolerance.units == 0 ? "\(g.minRatio)" : "\(g.minRatio) × (1 − \(g.tolerance))"
      let asked =
        of.isEmpty
        ? "no cadre is matched by `of` in \(y), so the rule asks for 0"
        : "|G| = \(members.count) of the \(of.count) cadres matched by `of`, |T| = \(trained.count) of them trained: "
          + "lo = ceil(\(ratio) × \(members.count) × \(trained.count) / \(of.count)) = \(lo.map(String.init) ?? "?")"
      let basis = asked + "; \(planned) of the group attend a class of the rule in \(y), history included"
      out.append(
        ExpectedTarget(
          kind: .group, rule: g.info.id.rawValue, name: group.name, year: y, lo: lo ?? 0, hi: nil, planned: planned,
          hard: g.hard, basis: basis, exact: lo != nil))
    }
    return out
  }

  /// The held classes of Y matched by `classes` (name empty), and their
  /// attendees (name `seats`) when the rule bounds seats.
  func classCountTargets(_ c: ClassCountRule, year y: Int) -> [ExpectedTarget] {
    let matched = s.classes.indices.filter {
      s.classes[$0].year == y && Counting.selects(c.classes, TrainingFacts(s.classes[$0]))
    }
    let held = matched.filter { planned.attendees[$0] > 0 }
    let seats = held.reduce(0) { $0 + planned.attendees[$1] }
    let id = c.info.id.rawValue
    var out = [
      ExpectedTarget(
        kind: .classes, rule: id, name: "", year: y, lo: c.min ?? 0, hi: c.max, planned: held.count, hard: c.hard,
        basis: "\(held.count) of the \(matched.count) classes of \(y) the rule matches are held")
    ]
    if c.minSeats != nil || c.maxSeats != nil {
      out.append(
        ExpectedTarget(
          kind: .seats, rule: id, name: "seats", year: y, lo: c.minSeats ?? 0, hi: c.maxSeats, planned: seats,
          hard: c.hard, basis: "the \(held.count) held classes of \(y) the rule matches seat \(seats)"))
    }
    return out
  }

  static func pow10(_ scale: Int) -> Int? { Counting.pow10(scale) }
}
