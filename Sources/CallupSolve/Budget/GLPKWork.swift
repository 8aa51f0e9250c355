import CallupRules
import GLPKBackend
import Modeling

/// GLPK's calls within a budget: the limits they get (iterations from the
/// budget's work, the wall time left to the plan's deadline) and the work
/// they charge to the budget's clock. Every GLPK call of a plan goes
/// through here, so every call stops at the same point on any machine.
extension GLPKSolver {
  /// Solves the LP within `seconds` of `budget`.
  func solveLP(seconds: Double, on budget: TimeBudget, method: LPMethod) -> SolveResult {
    guard budget.clock.countsWork else { return solveLP(timeLimit: seconds, method: method) }
    let limits = GLPKLimits(seconds: seconds, size: size, budget: budget)
    let r = solveLP(timeLimit: limits.wallSeconds, iterationLimit: limits.iterations, method: method)
    limits.charge(r, on: budget)
    return r
  }

  /// Branch and bound within `seconds` of `budget`.
  func solveMIP(
    seconds: Double, on budget: TimeBudget, relativeGap: Double, incumbent: [Double]?,
    progress: (@Sendable (SolveProgress) -> Void)?, shouldStop: (@Sendable () -> Bool)?
  ) -> SolveResult {
    guard budget.clock.countsWork else {
      return solveMIP(
        timeLimit: seconds, relativeGap: relativeGap, incumbent: incumbent, progress: progress, shouldStop: shouldStop)
    }
    let limits = GLPKLimits(seconds: seconds, size: size, budget: budget)
    let r = solveMIP(
      timeLimit: limits.wallSeconds, iterationLimit: limits.iterations,
      iterationsPerNode: Tuning.Work.iterationsPerNode, relativeGap: relativeGap, incumbent: incumbent,
      progress: progress, shouldStop: shouldStop)
    limits.charge(r, on: budget)
    return r
  }
}

/// The limits of one GLPK call on a work clock, and its charge.
struct GLPKLimits {
  let size: Double
  /// Most simplex iterations: `seconds` of work, less the call's own cost.
  let iterations: Int
  /// The wall time to the plan's deadline (or, without one, the seconds
  /// themselves).
  let wallSeconds: Double

  init(seconds: Double, size: Int, budget: TimeBudget) {
    self.size = Double(max(1, size))
    let work = seconds / self.size - Tuning.Work.perCall
    iterations = max(1, Int(min(1e9, (work / Tuning.Work.perIteration).rounded(.down))))
    wallSeconds = max(0.001, budget.safety?.remaining ?? seconds)
  }

  /// Charges what the call did to the budget's clock; a call stopped at its
  /// wall time fires the safety stop.
  func charge(_ r: SolveResult, on budget: TimeBudget) {
    let w = Tuning.Work.self
    budget.clock.charge(size * (w.perCall + w.perIteration * Double(r.iterations) + w.perNode * Double(r.nodes)))
    if r.stopReason == .timeLimit { budget.safety?.fire() }
  }
}

extension TimeBudget {
  /// Charges the work of building `f`'s model.
  func chargeBuilding(_ f: Formulation) {
    clock.charge(Tuning.Work.perNonzeroBuilt * Double(f.model.nonzeroCount))
  }
}
