import CallupDomain

/// Where one cadre stands on one hours rule in one year, as the objective
/// counts it (docs/contract.md, "The objective"; docs/hours.md).
struct HoursStanding {
  /// What the year should add: the pace less what the year's history has.
  var pace: Double
  /// The value of each unit of the pace met.
  var valuePerUnit: Double
}

/// The hours rules' term: the value of the pace each cadre's plan leaves
/// unmet. The call-up's `objective` does not count it (the hours are
/// planned after the call-up); the checker reports it beside.
extension CheckRun {
  func hoursTerms() -> ObjectiveTally {
    var tally = ObjectiveTally()
    for rule in s.policy.hoursRules {
      for y in years {
        for ci in s.cadres.indices where rule.who.matches(s.cadres[ci], year: y) {
          guard let h = hoursStanding(ci, rule, year: y), h.pace > 0 else { continue }
          let added = planned.classesOf[ci].filter { s.classes[$0].year == y }.reduce(0.0) {
            $0 + min(hoursAmount(rule, s.classes[$1]), h.pace)
          }
          let short = max(0, h.pace - added)
          tally.add(
            "hours \(rule.info.id) short of pace", year: y, units: short, amount: short * h.valuePerUnit)
        }
      }
    }
    return tally
  }

  /// What a class adds to an hours rule: its hours (its days for
  /// `min_days`) when its kind and institution type count, else 0.
  func hoursAmount(_ rule: HoursRule, _ k: TrainingClass) -> Double {
    hoursCounts(rule, kind: k.kind, type: k.institutionType) ? (rule.countsDays ? Double(k.days) : k.hours) : 0
  }

  func hoursCounts(_ rule: HoursRule, kind: ClassKind, type: InstitutionType?) -> Bool {
    if !rule.kinds.isEmpty, !rule.kinds.contains(kind) { return false }
    if !rule.institutionTypes.isEmpty {
      guard let type, rule.institutionTypes.contains(type) else { return false }
    }
    return true
  }

  /// The amounts a cadre has from history and the plan's earlier years:
  /// per year, what counts for the rule.
  func hoursDone(_ ci: Int, _ rule: HoursRule, before y: Int) -> [Int: Double] {
    var out: [Int: Double] = [:]
    for h in s.historyByCadre[ci] where hoursCounts(rule, kind: h.kind, type: h.institutionType) {
      out[h.year, default: 0] += rule.countsDays ? Double(h.days) : h.hours
    }
    for kj in planned.classesOf[ci] where s.classes[kj].year < y {
      out[s.classes[kj].year, default: 0] += hoursAmount(rule, s.classes[kj])
    }
    return out
  }

  /// The pace of year `y` (`ceil((minimum − before) / years left)`, less
  /// the year's history; 0 once the minimum is reached) and its value per
  /// unit: `hour` (or `day`) × (1 + `behind_pace` for a cadre behind pace)
  /// × (1 + ¼ × the share of the minimum still missing).
  func hoursStanding(_ ci: Int, _ rule: HoursRule, year y: Int) -> HoursStanding? {
    let window = rule.window(year: y, period: s.period)
    let done = hoursDone(ci, rule, before: y)
    let before = done.filter { window.contains($0.key) && $0.key < y }.values.reduce(0, +)
    let thisYear = window.contains(y) ? done[y] ?? 0 : 0
    let minimum = rule.minimum
    let yearsLeft = max(1, window.upperBound - y + 1)
    let yearPace = max(0, ((minimum - before) / Double(yearsLeft)).rounded(.up))
    let pace = before + thisYear >= minimum ? 0 : max(0, yearPace - thisYear)
    let behind: Bool
    if case .years(let n) = rule.window {
      let previous = done.filter { (y - n)...(y - 1) ~= $0.key }.values.reduce(0, +)
      behind = previous < minimum - 1e-9
    } else {
      let past = Double(min(window.count, max(0, y - window.lowerBound)))
      behind = before < minimum * past / Double(window.count) - 1e-9
    }
    let w = s.policy.objective
    let missing = max(0, minimum - before - thisYear) / max(minimum, 1)
    let value = (rule.countsDays ? w.day : w.hour) * (behind ? 1 + w.behindPace : 1) * (1 + 0.25 * missing)
    return HoursStanding(pace: pace, valuePerUnit: value)
  }
}
