import CallupRules
import Foundation
import GLPKBackend
import Modeling

private typealias WholeModel = Tuning.WholeModel

/// Step 4 of `PlanSolver.solve`: GLPK's branch-and-bound from the
/// incumbent. Small models: over the whole model, which can prove
/// optimality and raise the bound. Larger ones: over neighbourhoods of the
/// incumbent — the binaries on which the incumbent and an LP disagree
/// (relaxation induced neighbourhood search), then one class at a time —
/// with the rest fixed; a neighbourhood's bound holds only for it, so it
/// never changes the plan's bound.
extension SolveState {
  /// The relative gap at which the searches from the incumbent stop.
  var searchGap: Double { options.mipGap / WholeModel.searchGapDivisor }

  /// Step 4a: the branch-and-bound over the whole model when
  /// `searchesWholeModel` and more than
  /// `Tuning.WholeModel.minimumSolveSeconds` is left; else the neighbourhood
  /// search, when there was an LP and more than
  /// `Tuning.WholeModel.neighbourhoodMinimumSeconds` is left. Neither when
  /// the caller asks to stop.
  mutating func searchFromIncumbent() throws {
    if searchesWholeModel, budget.remaining > WholeModel.minimumSolveSeconds, !context.stopRequested {
      try branchAndBound()
    } else if !lpValues.isEmpty, budget.remaining > WholeModel.neighbourhoodMinimumSeconds, !context.stopRequested {
      try neighbourhoodSearch()
    }
  }

  /// GLPK's branch-and-bound over the whole model from the incumbent, until
  /// `Tuning.WholeModel.branchAndBoundLeavesSeconds` are left. Writes every
  /// column's bounds in GLPK (back to the model's), the incumbent, and the
  /// bound when GLPK's is higher (never above the incumbent).
  mutating func branchAndBound() throws {
    for v in 0..<model.variableCount {
      let variable = Variable(index: v)
      try solver.setBounds(variable, lower: model.lower(of: variable), upper: model.upper(of: variable))
    }
    let incumbent = vector(best)
    let mip = solver.solveMIP(
      seconds: PlanSolver.glpkSeconds(budget.remaining - WholeModel.branchAndBoundLeavesSeconds), on: budget,
      relativeGap: searchGap, incumbent: incumbent,
      progress: context.mipProgress("branch and bound", bound: bound), shouldStop: options.shouldStop)
    take(mip)
    if let b = mip.bound, mip.status == .optimal || mip.status == .feasible, let lb = bound, b > lb {
      bound = min(b, bestObjective)
    }
    context.note("branch and bound", bestObjective, bound: bound)
  }

  /// The neighbourhood search: the binaries on which the incumbent and the
  /// reference LP agree stay fixed. The reference is the dive's LP when few
  /// seats were left fractional in it (city: 38 binaries free, against 671
  /// with the LP with holds fixed, which found nothing better), else the LP
  /// with holds fixed, else the bounding LP. Logs when it is skipped.
  mutating func neighbourhoodSearch() throws {
    let reference = !diveValues.isEmpty ? diveValues : holdsFixed.values.isEmpty ? lpValues : holdsFixed.values
    let search = try searchAround(reference, phase: "neighbourhood search")
    if !search.searched {
      context.note("neighbourhood search skipped: \(search.free) binaries free", bestObjective, bound: bound)
    }
  }

  /// Step 4b, class neighbourhoods (large neighbourhood search), for a
  /// model too large for `branchAndBound`: one class at a time, with every
  /// cadre who could attend it and every class those cadres could attend,
  /// searched by GLPK's branch-and-bound from the incumbent with the other
  /// seats and holds fixed, for at most
  /// `Tuning.WholeModel.neighbourhoodSeconds` each. The classes in order of
  /// their reduced cost in the LP with holds fixed, the most promising
  /// first; each is searched until a round of all of them improves
  /// nothing. Then, time left, the neighbourhood of the LP with holds fixed
  /// (wider than the dive's) takes the rest, rather than leave it idle.
  ///
  /// Writes the incumbent and GLPK's column bounds. Stops when a round of
  /// every class improved nothing, when
  /// `Tuning.WholeModel.neighbourhoodMinimumSeconds` or less is left or
  /// when the caller asks. Does nothing for a small model or without an LP.
  mutating func searchClassNeighbourhoods() throws {
    guard !searchesWholeModel, !lpValues.isEmpty, !context.stopRequested else { return }
    try searchEachClass()
    if !holdsFixed.values.isEmpty, !diveValues.isEmpty,
      budget.remaining > WholeModel.neighbourhoodMinimumSeconds, !context.stopRequested
    {
      _ = try searchAround(holdsFixed.values, phase: "neighbourhood of the LP with holds fixed")
    }
  }

  /// The rounds of class neighbourhoods of `searchClassNeighbourhoods`,
  /// and their log line.
  mutating func searchEachClass() throws {
    let f = formulation
    var isSeatOrHold = [Bool](repeating: false, count: model.variableCount)
    for c in f.candidates { isSeatOrHold[c.variable.index] = true }
    for y in f.holdVariable { if let y { isSeatOrHold[y.index] = true } }
    let order = PlanSolver.neighbourhoodOrder(f, reduced: holdsFixed.reducedCosts)
    var searched = 0, improvedRounds = 0, sinceBetter = 0
    let before = bestObjective
    var i = 0
    while sinceBetter < order.count, budget.remaining > WholeModel.neighbourhoodMinimumSeconds,
      !context.stopRequested
    {
      let k = order[i % order.count]
      i += 1
      let free = PlanSolver.neighbourhood(f, klass: k)
      guard free.count <= WholeModel.neighbourhoodLimit else {
        sinceBetter += 1
        continue
      }
      let incumbent = vector(best)
      _ = try fixAtIncumbent(incumbent) { isSeatOrHold[$0] && !free.contains($0) }
      let was = bestObjective
      let mip = solver.solveMIP(
        seconds: PlanSolver.glpkSeconds(
          min(WholeModel.neighbourhoodSeconds, budget.remaining - WholeModel.searchLeavesSeconds)), on: budget,
        relativeGap: 0, incumbent: incumbent,
        progress: context.mipProgress("class neighbourhoods", bound: bound), shouldStop: options.shouldStop)
      take(mip)
      searched += 1
      if bestObjective < was - 1e-6 {
        improvedRounds += 1
        sinceBetter = 0
      } else {
        sinceBetter += 1
      }
    }
    if searched > 0 {
      context.note(
        String(
          format: "class neighbourhoods: %d searched, %d better, %.1f better", searched, improvedRounds,
          before - bestObjective),
        bestObjective, bound: bound)
    }
  }

  /// GLPK's branch-and-bound for the time left (less
  /// `Tuning.WholeModel.searchLeavesSeconds`) over the binaries on which the
  /// incumbent and `reference` disagree, the others fixed (a relaxation
  /// induced neighbourhood), noted as `phase`. Not searched when more than
  /// `Tuning.WholeModel.neighbourhoodLimit` or none are free.
  mutating func searchAround(_ reference: [Double], phase: String) throws -> (free: Int, searched: Bool) {
    let incumbent = vector(best)
    let free = try fixAtIncumbent(incumbent) { abs(reference[$0] - incumbent[$0]) < 1e-6 }
    guard free > 0, free <= WholeModel.neighbourhoodLimit else { return (free, false) }
    let before = bestObjective
    let mip = solver.solveMIP(
      seconds: PlanSolver.glpkSeconds(budget.remaining - WholeModel.searchLeavesSeconds), on: budget,
      relativeGap: searchGap,
      incumbent: incumbent, progress: context.mipProgress(phase, bound: bound), shouldStop: options.shouldStop)
    take(mip)
    context.note(
      String(format: "%@: %d binaries free, %.1f better", phase as NSString, free, before - bestObjective),
      bestObjective, bound: bound)
    return (free, true)
  }

  /// Fixes the binaries for which `fixed` says so at the incumbent's
  /// values and frees every other variable; returns how many binaries
  /// are free.
  func fixAtIncumbent(_ incumbent: [Double], where fixed: (Int) -> Bool) throws -> Int {
    var free = 0
    for v in 0..<model.variableCount {
      let variable = Variable(index: v)
      let integral = model.kind(of: variable) != .continuous
      if integral, fixed(v) {
        try solver.setBounds(variable, lower: incumbent[v], upper: incumbent[v])
      } else {
        try solver.setBounds(variable, lower: model.lower(of: variable), upper: model.upper(of: variable))
        if integral { free += 1 }
      }
    }
    return free
  }

  /// Makes the plan of a MIP's values (after a greedy pass) the incumbent
  /// when it breaks no row and is better.
  mutating func take(_ mip: SolveResult) {
    guard !mip.values.isEmpty else { return }
    let f = formulation
    var candidate = IntegerPlanState(formulation: f)
    for k in f.classesInYear {
      if let y = f.holdVariable[k], mip.values[y.index] >= 0.5 { candidate.setHeld(k, true) }
    }
    for (p, c) in f.candidates.enumerated() where mip.values[c.variable.index] >= 0.5 { candidate.setSeat(p, true) }
    greedy.fill(&candidate)
    let o = objective(of: candidate)
    if candidate.brokenRows().isEmpty, o < bestObjective - 1e-6 {
      best = candidate
      bestObjective = o
    }
  }
}
