import CallupDomain
import CallupPlan
import CallupRules
import Modeling

/// Domain-aware repair and improvement of an integer plan.
///
/// It knows what a seat is worth now — the value of the cadre's obligations
/// the class would meet that are still unmet, and of a unit-share person
/// still missing, less the seat's cost — and checks every move against the
/// model's rows, so it never breaks a hard rule.
struct GreedyImprover {
  let formulation: Formulation
  /// Seat cost per candidate (the objective's coefficient without rewards).
  let seatCost: [Double]
  /// For each candidate, the obligations it counts for.
  let countsFor: [[Int]]
  /// For each candidate, the unit requirements it helps.
  let helps: [[Int]]
  /// For each candidate, the hours targets it counts for and by how much.
  let hoursFor: [[(target: Int, amount: Double)]]
  /// What each candidate does to the targets' rows.
  let targetGains: TargetGains

  init(formulation f: Formulation) {
    formulation = f
    let tiered = f.scenario.policy.tiered
    var cost = [Double](repeating: 0, count: f.candidates.count)
    var counts = Array(repeating: [Int](), count: f.candidates.count)
    var helps = Array(repeating: [Int](), count: f.candidates.count)
    var hoursFor = Array(repeating: [(target: Int, amount: Double)](), count: f.candidates.count)
    let hoursRules = f.scenario.policy.hoursRules
    let cycles = f.scenario.policy.cycleRules
    let shares = f.scenario.policy.unitShareRules
    var reqsOf = [Int: [Int]]()
    for (ri, req) in f.book.unitRequirements.enumerated() where req.need > 0 {
      for m in req.members where !req.alreadyTrained.contains(m) { reqsOf[m, default: []].append(ri) }
    }
    for (p, c) in f.candidates.enumerated() {
      let cadre = f.scenario.cadres[c.cadre]
      let k = f.scenario.classes[c.klass]
      cost[p] = SeatCostRule.seatCost(cadre: cadre, unit: f.scenario.unit(cadre.unit), klass: k, tiered: tiered)
      counts[p] = f.book.byCadre[c.cadre].filter {
        cycles[f.book.obligations[$0].rule].counts(k)
      }
      helps[p] = (reqsOf[c.cadre] ?? []).filter { shares[f.book.unitRequirements[$0].rule].kinds.contains(k.kind) }
      for ti in f.book.hoursByCadre[c.cadre] where f.options.planHours {
        let t = f.book.hoursTargets[ti]
        let a = hoursRules[t.rule].amount(of: k)
        if a > 0 { hoursFor[p].append((ti, a)) }
      }
    }
    seatCost = cost
    countsFor = counts
    self.helps = helps
    self.hoursFor = hoursFor
    targetGains = TargetGains(f)
  }

  /// What is met by a state: obligations met, people sent per requirement,
  /// and the amount planned per hours target.
  struct Coverage {
    var met: [Bool]
    var sent: [Set<Int>]
    var hours: [Double]
    /// The amounts counted as the model does, each class at most the pace.
    var cappedHours: [Double]
    /// Seats taken per class index.
    var classSeats: [Int]
    /// Where the targets' rows stand.
    var targets: TargetActivity

    /// What `take` changed, so that it can be undone.
    struct Change {
      var candidate: Int
      var newlyMet: [Int] = []
      var newlySent: [Int] = []
      var newlyCounted: [Int] = []
    }

    @discardableResult
    mutating func take(_ p: Int, _ g: GreedyImprover) -> Change {
      var change = Change(candidate: p)
      classSeats[g.formulation.candidates[p].klass] += 1
      for o in g.countsFor[p] where !met[o] {
        met[o] = true
        change.newlyMet.append(o)
      }
      for r in g.helps[p] where sent[r].insert(g.formulation.candidates[p].cadre).inserted {
        change.newlySent.append(r)
      }
      for (t, a) in g.hoursFor[p] {
        hours[t] += a
        cappedHours[t] += min(a, g.formulation.book.hoursTargets[t].pace)
      }
      change.newlyCounted = targets.take(p, cadre: g.formulation.candidates[p].cadre, g.targetGains)
      return change
    }

    mutating func undo(_ change: Change, _ g: GreedyImprover) {
      let p = change.candidate
      classSeats[g.formulation.candidates[p].klass] -= 1
      for o in change.newlyMet { met[o] = false }
      for r in change.newlySent { sent[r].remove(g.formulation.candidates[p].cadre) }
      for (t, a) in g.hoursFor[p] {
        hours[t] -= a
        cappedHours[t] -= min(a, g.formulation.book.hoursTargets[t].pace)
      }
      targets.undo(p, cadre: g.formulation.candidates[p].cadre, newly: change.newlyCounted, g.targetGains)
    }
  }

  func coverage(_ s: IntegerPlanState) -> Coverage {
    let f = formulation
    var c = Coverage(
      met: Array(repeating: false, count: f.book.obligations.count),
      sent: Array(repeating: [], count: f.book.unitRequirements.count),
      hours: Array(repeating: 0, count: f.book.hoursTargets.count),
      cappedHours: Array(repeating: 0, count: f.book.hoursTargets.count),
      classSeats: Array(repeating: 0, count: f.scenario.classes.count), targets: TargetActivity(targetGains))
    for p in f.candidates.indices where s.seat[p] { c.take(p, self) }
    return c
  }

  func gain(_ p: Int, _ cov: Coverage) -> Double {
    let f = formulation
    var g = -seatCost[p]
    for o in countsFor[p] where !cov.met[o] { g += f.book.obligations[o].value }
    let cadre = f.candidates[p].cadre
    let klass = f.candidates[p].klass
    if f.quotaShortVariable[klass] != nil, cov.classSeats[klass] < f.options.quotaMinimums[klass] ?? 0 {
      g += f.options.quotaShortPenalty
    }
    for r in helps[p] {
      let req = f.book.unitRequirements[r]
      if !cov.sent[r].contains(cadre), cov.sent[r].count < req.need {
        g += f.book.unitRequirements[r].weightOrDefault(f)
      }
    }
    for (ti, a) in hoursFor[p] {
      let t = f.book.hoursTargets[ti]
      let before = min(t.pace, cov.hours[ti])
      g += t.valuePerUnit * (min(t.pace, cov.hours[ti] + a) - before)
    }
    return g + cov.targets.gain(p, cadre: cadre, targetGains)
  }

  /// Brings every held class to its minimum size, or closes it.
  func repairMinimums(_ s: inout IntegerPlanState) {
    let f = formulation
    for k in f.classesInYear where s.held[k] && !f.heldOutside(k) {
      let minSize = f.scenario.classes[k].minSize
      var count = s.attendees(k)
      if count >= minSize { continue }
      let cov = coverage(s)
      let pool = f.candidatesByClass[k].filter { !s.seat[$0] }.sorted {
        let a = gain($0, cov), b = gain($1, cov)
        return a != b ? a > b : $0 < $1
      }
      var added: [Int] = []
      for p in pool where count < minSize {
        if s.canShift(f.candidates[p].variable, by: 1, ignoringLowerBounds: true) {
          s.setSeat(p, true)
          added.append(p)
          count += 1
        }
      }
      if count < minSize {
        for p in f.candidatesByClass[k] where s.seat[p] { s.setSeat(p, false) }
        s.setHeld(k, false)
      }
    }
  }

  /// Adds seats in held classes while a seat is worth more than it costs,
  /// best first; returns how many were added.
  @discardableResult
  func fill(_ s: inout IntegerPlanState) -> Int {
    let f = formulation
    var total = 0
    for _ in 0..<4 {
      var cov = coverage(s)
      let order = f.candidates.indices.filter { !s.seat[$0] && s.held[f.candidates[$0].klass] && gain($0, cov) > 0 }
        .sorted {
          let a = gain($0, cov), b = gain($1, cov)
          return a != b ? a > b : $0 < $1
        }
      var added = 0
      for p in order where !s.seat[p] {
        guard gain(p, cov) > 1e-6, s.canShift(f.candidates[p].variable, by: 1) else { continue }
        s.setSeat(p, true)
        cov.take(p, self)
        added += 1
      }
      total += added
      if added == 0 { break }
    }
    return total
  }
}

extension UnitRequirement {
  func weightOrDefault(_ f: Formulation) -> Double {
    f.scenario.policy.unitShareRules[rule].weight ?? f.scenario.policy.objective.unitShare
  }
}
