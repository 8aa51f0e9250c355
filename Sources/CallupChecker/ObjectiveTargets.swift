import CallupDomain

/// What a target counts in one year over some cadres: those trained by a
/// history row of the year in its classes, and the seats the plan gives
/// the others in its classes.
struct TargetSeats {
  /// Cadres trained by history in the year in a matched class.
  var before: Int
  /// Seats (assignments) of the year's matched classes held by cadres not
  /// trained by history.
  var seats: Int
}

/// The targets' terms of the objective: each person, seat or class outside
/// a target's range costs its weight, `hard_break` for a hard rule.
extension CheckRun {
  func addTargetTerms(_ targets: [ExpectedTarget], to tally: inout ObjectiveTally) {
    for y in years {
      let inYear = trainingsIn(y)
      for rule in s.policy.rules {
        switch rule {
        case .quota(let q): addQuotaTerms(q, year: y, trainings: inYear, to: &tally)
        case .groupShare(let g): addGroupTerms(g, year: y, to: &tally)
        case .classCount(let c): addClassCountTerms(c, year: y, to: &tally)
        default: break
        }
      }
    }
  }

  /// `cadres`' history rows of year `y` and seats in `y` in classes matched by `sel`.
  func targetSeats(_ cadres: [Int], _ sel: ClassSelector, year y: Int) -> TargetSeats {
    var out = TargetSeats(before: 0, seats: 0)
    for ci in cadres {
      let trained = s.historyByCadre[ci].contains {
        $0.year == y && Counting.selects(sel, TrainingFacts($0, catalogue: s.trainingClass))
      }
      if trained {
        out.before += 1
        continue
      }
      out.seats +=
        planned.classesOf[ci].filter {
          s.classes[$0].year == y && Counting.selects(sel, TrainingFacts(s.classes[$0]))
        }.count
    }
    return out
  }

  /// A distance from a target's range at its weight, and for a hard rule
  /// the rest of `hard_break` as a term of its own.
  func addDistance(
    _ label: String, year: Int, units: Double, weight: Double, hard: Bool, rule: String,
    to tally: inout ObjectiveTally
  ) {
    guard units > 0 else { return }
    tally.add(label, year: year, units: units, amount: weight * units)
    if hard {
      let extra = s.policy.objective.hardBreak - weight
      tally.add(label + ", hard", year: year, units: units, amount: extra * units, hardRule: rule)
    }
  }

  /// Persons short of `lo`, and seats over `hi`: `max(0, seats + before −
  /// hi)`, the seats of members not trained by history (seats bound the
  /// persons from above).
  func addQuotaTerms(
    _ q: QuotaRule, year y: Int, trainings: [[TrainingFacts]], to tally: inout ObjectiveTally
  ) {
    let weight = q.weight ?? s.policy.objective.quota
    let id = q.info.id.rawValue
    for (t, e) in zip(q.targets, quotaTargets(q, year: y, trainings: trainings)) where e.exact {
      let label = "quota \(id) \"\(t.programme)\""
      addDistance(
        label + " persons short", year: y, units: Double(max(0, e.lo - e.planned)), weight: weight, hard: q.hard,
        rule: id, to: &tally)
      guard let hi = e.hi else { continue }
      let counted = targetSeats(matching(t.who, y), t.classes, year: y)
      addDistance(
        label + " seats over", year: y, units: Double(max(0, counted.seats + counted.before - hi)), weight: weight,
        hard: q.hard, rule: id, to: &tally)
    }
  }

  /// Each group G of `of`, in seats: `max(0, ρ × |G| / |of| × (before(of) +
  /// seats(of)) − before(G) − seats(G))`, ρ = `min_ratio × (1 − tolerance)`.
  func addGroupTerms(_ g: GroupShareRule, year y: Int, to tally: inout ObjectiveTally) {
    let of = matching(g.of, y)
    guard !of.isEmpty else { return }
    let all = targetSeats(of, g.classes, year: y)
    let ratio = Self.decimal(g.minRatio) * (1 - Self.decimal(g.tolerance))
    let weight = g.weight ?? s.policy.objective.groupShare
    let id = g.info.id.rawValue
    for group in g.groups {
      let members = of.filter { group.who.matches(s.cadres[$0], year: y) }
      guard !members.isEmpty else { continue }
      let mine = targetSeats(members, g.classes, year: y)
      let factor = ratio * Double(members.count) / Double(of.count)
      let short = factor * Double(all.before + all.seats) - Double(mine.before + mine.seats)
      addDistance(
        "group-share \(id) \"\(group.name)\" seats short", year: y, units: max(0, short), weight: weight,
        hard: g.hard, rule: id, to: &tally)
    }
  }

  /// Held classes, and seats when bounded, outside the rule's bounds.
  func addClassCountTerms(_ c: ClassCountRule, year y: Int, to tally: inout ObjectiveTally) {
    let id = c.info.id.rawValue
    for e in classCountTargets(c, year: y) {
      let seats = e.kind == .seats
      let weight = seats ? c.seatWeight ?? s.policy.objective.classSeat : c.weight ?? s.policy.objective.classCount
      let distance = e.planned < e.lo ? e.lo - e.planned : e.hi.map { max(0, e.planned - $0) } ?? 0
      addDistance(
        "class-count \(id) \(seats ? "seats" : "classes") outside the bounds", year: y, units: Double(distance),
        weight: weight, hard: c.hard, rule: id, to: &tally)
    }
  }

  /// Cadres matched by `who` in year `y`.
  func matching(_ who: Selector, _ y: Int) -> [Int] {
    s.cadres.indices.filter { who.matches(s.cadres[$0], year: y) }
  }

  /// An exact decimal as a binary number (for the group-share rule's seat row).
  static func decimal(_ d: ExactDecimal) -> Double {
    Double(d.units) / Double(Counting.pow10(d.scale) ?? 1)
  }
}
