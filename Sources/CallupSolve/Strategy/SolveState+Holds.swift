import CallupRules
import GLPKBackend
import Modeling

private typealias WholeModel = Tuning.WholeModel

/// Step 2 of `PlanSolver.solve`: which classes are held.
extension SolveState {
  /// The time limit of one LP with holds fixed: at most
  /// `Tuning.WholeModel.holdLP` of the limit and
  /// `Tuning.WholeModel.holdLPOfRemaining` of the time left.
  var holdLPSeconds: Double {
    PlanSolver.glpkSeconds(
      min(budget.seconds(of: WholeModel.holdLP), budget.seconds(ofRemaining: WholeModel.holdLPOfRemaining)))
  }

  /// Step 2a: holds a class when the bounding LP holds it at least
  /// `Tuning.WholeModel.holdThreshold` or fills that fraction of its
  /// minimum, fixes the holds in GLPK and re-solves (dual simplex, warm
  /// start); while that LP is infeasible, closes the held class the
  /// bounding LP filled worst.
  ///
  /// Reads `lpValues`; writes `holds`, `fill`, `holdsFixed` and the holds'
  /// bounds in GLPK. Stops at the first optimal LP, after
  /// `Tuning.WholeModel.holdFixRounds` LPs, when no class is held or when
  /// less than `Tuning.WholeModel.minimumSolveSeconds` is left. Does
  /// nothing without an LP.
  mutating func fixHolds() throws {
    guard !lpValues.isEmpty else { return }
    let f = formulation
    for k in f.classesInYear {
      guard let y = f.holdVariable[k] else { continue }
      let s = f.candidatesByClass[k].reduce(0.0) { $0 + lpValues[f.candidates[$1].variable.index] }
      let minSize = Double(f.scenario.classes[k].minSize)
      fill[k] = s / Double(max(1, f.scenario.classes[k].minSize))
      holds[k] = lpValues[y.index] >= WholeModel.holdThreshold || s >= WholeModel.holdThreshold * minSize
    }
    for round in 0..<WholeModel.holdFixRounds {
      for (k, on) in holds { try solver.setBounds(f.holdVariable[k]!, lower: on ? 1 : 0, upper: on ? 1 : 0) }
      let fixed = solver.solveLP(seconds: holdLPSeconds, on: budget, method: .dual)
      if fixed.status == .optimal, let o = fixed.objective {
        holdsFixed = HoldsFixedLP(values: fixed.values, reducedCosts: fixed.reducedCosts ?? [], objective: o)
        context.note("LP with holds fixed (\(round + 1))", o, bound: bound)
        return
      }
      // Infeasible: close the held class the LP filled worst.
      guard let worst = holds.filter({ $0.value }).min(by: { (fill[$0.key]!, $0.key) < (fill[$1.key]!, $1.key) })
      else { return }
      holds[worst.key] = false
      if budget.remaining < WholeModel.minimumSolveSeconds { return }
    }
  }

  /// Step 2b, the hold search: toggles one class at a time while it pays.
  /// The reduced cost of y[k] in the LP with holds fixed predicts the
  /// change: open a closed class whose reduced cost is negative, close a
  /// held one whose reduced cost is positive; a toggle is kept when the
  /// re-solved LP is better. At most `Tuning.WholeModel.holdSearchToggles`
  /// tries, so the same inputs give the same plan; only the time limit
  /// itself cuts the search short. Then the LP of the best holds is solved
  /// again, for its basis (the dive starts from it).
  ///
  /// Reads and writes `holds`, `holdsFixed` and the holds' bounds in GLPK.
  /// Stops when no class is predicted to gain, after the tries, when less
  /// than `Tuning.WholeModel.holdSearchLeaves` of the limit is left or when
  /// the caller asks. Does nothing without an LP with holds fixed.
  mutating func searchHolds() throws {
    guard !lpValues.isEmpty, !holdsFixed.values.isEmpty else { return }
    var tried = Set<Int>(), improved = 0
    while tried.count < WholeModel.holdSearchToggles {
      if budget.hasLess(than: WholeModel.holdSearchLeaves) || context.stopRequested { break }
      guard let k = mostPromisingToggle(tried: tried) else { break }
      tried.insert(k)
      if try toggleHold(k) { improved += 1 }
    }
    guard !tried.isEmpty else { return }
    // Back to the best holds' basis for the dive.
    let r = solver.solveLP(seconds: holdLPSeconds, on: budget, method: .dual)
    if r.status == .optimal, let o = r.objective {
      holdsFixed.values = r.values
      holdsFixed.reducedCosts = r.reducedCosts ?? holdsFixed.reducedCosts
      holdsFixed.objective = o
    }
    context.note("hold search: \(improved) of \(tried.count) changes kept", holdsFixed.objective, bound: bound)
  }

  /// The class not yet `tried` whose toggle the LP with holds fixed
  /// predicts to gain most (ties: the lowest index); nil when none gains.
  func mostPromisingToggle(tried: Set<Int>) -> Int? {
    var bestK: Int? = nil
    var bestGain = 1e-6
    for (k, on) in holds where !tried.contains(k) && !holdsFixed.reducedCosts.isEmpty {
      let d = holdsFixed.reducedCosts[formulation.holdVariable[k]!.index]
      let gain = on ? d : -d
      if gain > bestGain || (gain == bestGain && bestK.map { k < $0 } == true) {
        bestGain = gain
        bestK = k
      }
    }
    return bestK
  }

  /// Holds class `k` the other way and re-solves: keeps the toggle when the
  /// LP is better (returns true), else puts the hold back.
  mutating func toggleHold(_ k: Int) throws -> Bool {
    let y = formulation.holdVariable[k]!
    let was = holds[k]!
    try solver.setBounds(y, lower: was ? 0 : 1, upper: was ? 0 : 1)
    let r = solver.solveLP(seconds: holdLPSeconds, on: budget, method: .dual)
    if r.status == .optimal, let o = r.objective, o < holdsFixed.objective - 1e-6 {
      holds[k] = !was
      holdsFixed.objective = o
      holdsFixed.values = r.values
      holdsFixed.reducedCosts = r.reducedCosts ?? holdsFixed.reducedCosts
      return true
    }
    try solver.setBounds(y, lower: was ? 1 : 0, upper: was ? 1 : 0)
    return false
  }

  /// Step 2c: the plan holds the classes `holds` says; without an LP,
  /// every class that can be held. Writes `plan`.
  mutating func takeHolds() {
    if !lpValues.isEmpty {
      for (k, h) in holds { plan.setHeld(k, h) }
    } else {
      for k in formulation.classesInYear where formulation.holdVariable[k] != nil { plan.setHeld(k, true) }
    }
  }
}
