import CallupRules
import GLPKBackend
import Modeling

private typealias WholeModel = Tuning.WholeModel

/// Step 3a of `PlanSolver.solve`: the dive.
extension SolveState {
  /// Step 3a, the dive: from the LP with holds fixed, takes the seats the
  /// LP takes in full, then a batch of the most-taken fractional ones
  /// (`Tuning.WholeModel.diveBatchDivisor`-th of them, more when the time
  /// left would not finish the dive), fixing each in GLPK, and re-solves;
  /// until the LP is integral. A seat that would break a binary-only row
  /// is fixed at 0 instead; a batch whose LP is infeasible is taken back.
  ///
  /// Reads `holdsFixed`; writes `plan` (its seats), `diveValues` (the
  /// first LP with at most `Tuning.WholeModel.diveReferenceFractional`
  /// seats fractional) and the seats' bounds in GLPK. Stops when no seat is
  /// fractional, after `Tuning.WholeModel.diveRounds` LPs, when less than
  /// `Tuning.WholeModel.diveLeaves` of the limit is left, when the caller
  /// asks or when an LP stays infeasible; then takes the seats the last LP
  /// takes in full. Does nothing without an LP with holds fixed.
  mutating func dive() throws {
    guard !holdsFixed.values.isEmpty else { return }
    var values = holdsFixed.values
    var fixedOne = Set<Int>()
    var lastRound: Double? = nil
    for round in 0..<WholeModel.diveRounds {
      if budget.hasLess(than: WholeModel.diveLeaves) || context.stopRequested { break }
      let fractional = try takeWholeSeats(values, fixing: &fixedOne)
      if fractional.isEmpty { break }
      let batch = diveBatch(fractional.count, lastRound: lastRound)
      let roundStart = budget.elapsed
      defer { lastRound = budget.elapsed - roundStart }
      var chosen = try takeBatch(fractional, size: batch)
      guard let r = try resolveDive(&chosen) else { break }
      for p in chosen { fixedOne.insert(p) }
      values = r.values
      if diveValues.isEmpty, fractional.count <= WholeModel.diveReferenceFractional { diveValues = r.values }
      if round % 5 == 4 { context.note("dive round \(round + 1)", r.objective, bound: bound) }
    }
    // Seats the last LP takes in full.
    for (p, c) in formulation.candidates.enumerated() where !plan.seat[p] && plan.held[c.klass] {
      if values[c.variable.index] >= 0.999, plan.canShift(c.variable, by: 1, ignoringLowerBounds: true) {
        plan.setSeat(p, true)
      }
    }
  }

  /// Takes (and fixes at 1 in GLPK) the seats of held classes that `values`
  /// takes in full and that break no binary-only row, adding them to
  /// `fixed`; returns the other seats `values` takes in part, the most
  /// taken first.
  mutating func takeWholeSeats(_ values: [Double], fixing fixed: inout Set<Int>) throws -> [(Int, Double)] {
    var fractional: [(Int, Double)] = []
    for (p, c) in formulation.candidates.enumerated() where !fixed.contains(p) && plan.held[c.klass] {
      let v = values[c.variable.index]
      if v >= 0.999 {
        if plan.canShift(c.variable, by: 1, ignoringLowerBounds: true) {
          plan.setSeat(p, true)
          fixed.insert(p)
          try solver.setBounds(c.variable, lower: 1, upper: 1)
        }
      } else if v > 1e-3 {
        fractional.append((p, v))
      }
    }
    fractional.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return fractional
  }

  /// How many of `count` fractional seats a dive round fixes: a
  /// `Tuning.WholeModel.diveBatchDivisor`-th; more when the rounds that fit
  /// before `Tuning.WholeModel.diveFinishLeaves` of the limit is left, at
  /// `lastRound` seconds each, would not finish the dive (only then does
  /// the clock change the plan).
  func diveBatch(_ count: Int, lastRound: Double?) -> Int {
    var batch = max(1, count / WholeModel.diveBatchDivisor)
    if let last = lastRound, last > 0 {
      let affordable = max(1, Int(budget.leaving(WholeModel.diveFinishLeaves).seconds / last))
      if affordable < WholeModel.diveHurryFactor * WholeModel.diveBatchDivisor {
        batch = max(batch, count / affordable)
      }
    }
    return batch
  }

  /// Takes up to `size` of the `fractional` seats, in order, fixing each at
  /// 1 in GLPK; a seat that would break a binary-only row is fixed at 0.
  /// Returns the seats taken.
  mutating func takeBatch(_ fractional: [(Int, Double)], size: Int) throws -> [Int] {
    var chosen: [Int] = []
    for (p, _) in fractional where chosen.count < size {
      let v = formulation.candidates[p].variable
      if plan.canShift(v, by: 1, ignoringLowerBounds: true) {
        plan.setSeat(p, true)
        chosen.append(p)
        try solver.setBounds(v, lower: 1, upper: 1)
      } else {
        try solver.setBounds(v, lower: 0, upper: 0)
      }
    }
    return chosen
  }

  /// The time limit of one LP of the dive.
  var diveLPSeconds: Double { PlanSolver.glpkSeconds(budget.seconds(ofRemaining: WholeModel.diveLP)) }

  /// Re-solves the dive's LP (`Tuning.WholeModel.diveLP` of the time left).
  /// Infeasible: keeps only the first of `chosen`; still infeasible: takes
  /// them all back and fixes them at 0. Nil when that LP fails too.
  mutating func resolveDive(_ chosen: inout [Int]) throws -> SolveResult? {
    var r = solver.solveLP(seconds: diveLPSeconds, on: budget, method: .dual)
    if r.status != .optimal, chosen.count > 1 {
      // Too much at once: keep only the first choice.
      for p in chosen.dropFirst() {
        plan.setSeat(p, false)
        try solver.setBounds(formulation.candidates[p].variable, lower: 0, upper: 1)
      }
      chosen = Array(chosen.prefix(1))
      r = solver.solveLP(seconds: diveLPSeconds, on: budget, method: .dual)
    }
    if r.status != .optimal {
      for p in chosen {
        plan.setSeat(p, false)
        try solver.setBounds(formulation.candidates[p].variable, lower: 0, upper: 0)
      }
      r = solver.solveLP(seconds: diveLPSeconds, on: budget, method: .dual)
      if r.status != .optimal { return nil }
    }
    return r
  }
}
