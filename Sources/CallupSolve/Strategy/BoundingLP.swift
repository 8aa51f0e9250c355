import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import GLPKBackend
import Modeling

private typealias WholeModel = Tuning.WholeModel

/// Step 1 of `PlanSolver.solve`, the bound: the LP relaxation of the whole
/// model, with cuts `x ≤ y` where it breaks them. A restricted model (a
/// pair limit) is priced with the LP's duals and grown until no left-out
/// pair would improve it (column generation); its bound is then the whole
/// model's LP bound, and before that a Lagrangian bound.
///
/// Reads the context's budget (each LP gets
/// `Tuning.WholeModel.relaxation` of the time left); writes the log.
/// Column generation stops when nothing prices out, after
/// `Tuning.WholeModel.columnRounds` rounds, when less than
/// `Tuning.WholeModel.pricingLeaves` of the limit is left (`pricingLeavesWhenFar`
/// while the LP is far from its bound) or when the
/// caller asks; the cuts on the final columns follow.
struct BoundingLP {
  /// The model the later steps solve: the scenario's, or the restricted one
  /// as column generation left it.
  var formulation: Formulation
  /// GLPK's problem of `formulation`, with the LP's basis and cuts.
  var solver: GLPKSolver
  /// A valid lower bound on every plan's objective; nil when no LP finished.
  var bound: Double?
  /// The row duals behind the best bound found.
  var certificate: DualCertificate?
  /// The LP's values; empty when it did not finish.
  var values: [Double] = []

  enum Outcome {
    /// A model without variables: its plan, optimal.
    case emptyModel(SolvedPlan)
    case bounded(BoundingLP)
  }

  /// A round of `f`: a new GLPK problem, warm-started from the last
  /// round's, with its bound and certificate.
  private init(_ f: Formulation, after last: BoundingLP?) throws {
    formulation = f
    solver = try GLPKSolver(model: f.model)
    if let previous = last?.solver { try solver.warmStart(from: previous) }
    bound = last?.bound
    certificate = last?.certificate
  }

  static func solve(_ initial: Formulation, context: inout SolveContext) throws -> Outcome {
    var f = initial
    var last: BoundingLP? = nil
    var rounds = 0
    while true {
      if f.model.variableCount == 0 { return .emptyModel(emptyPlan(f, context: &context)) }
      var lp = try BoundingLP(f, after: last)
      let restricted = f.options.pairLimit != nil
      // Column rounds solve the plain LP; the cuts come once the columns are in.
      var relaxed = try PlanSolver.relax(
        f, solver: lp.solver, budget: context.budget.ofRemaining(WholeModel.relaxation), cuts: !restricted)
      if relaxed.objective == nil, last == nil, !context.stopRequested, context.budget.safety?.isPast != true {
        // Every later step plans from this LP: it goes on from its basis
        // rather than leave a greedy plan.
        context.note("LP relaxation goes on past its share", nil, bound: nil)
        relaxed = try PlanSolver.relax(
          f, solver: lp.solver, budget: context.budget.ofRemaining(WholeModel.relaxationMore), cuts: !restricted)
      }
      lp.values = relaxed.values
      guard let z = relaxed.objective else {
        if let last, !last.values.isEmpty {
          // A round cut short keeps the last finished one: its LP to dive from.
          context.note(
            "LP round \(rounds + 1) stopped at its limit: the LP on \(last.formulation.candidates.count) pairs is kept",
            nil, bound: last.bound)
          return .bounded(last)
        }
        context.note(
          relaxed.status == "feasible" || relaxed.status == "noSolution"
            ? "LP relaxation stopped at its time limit: no bound, greedy plan" : "LP relaxation: \(relaxed.status)",
          nil, bound: nil)
        return .bounded(lp)
      }
      if !restricted {
        lp.bound = z
        lp.offer(z, relaxed.duals)
        context.note(relaxed.cuts > 0 ? "LP with \(relaxed.cuts) cuts x ≤ y" : "LP relaxation", nil, bound: z)
        return .bounded(lp)
      }
      let priced = lp.price(relaxed, objective: z, context: &context)
      rounds += 1
      let final =
        priced.improving.isEmpty || rounds >= WholeModel.columnRounds
        || context.budget.hasLess(than: Self.pricingLeaves(z, bound: lp.bound)) || context.stopRequested
      if final {
        try lp.cutFinalColumns(relaxed, context: &context)
        return .bounded(lp)
      }
      f = lp.grown(by: priced)
      context.budget.chargeBuilding(f)
      last = lp
    }
  }

  /// The share of the limit column generation leaves for the plan: less
  /// while the LP `z` is still far above its Lagrangian `bound` (an LP far
  /// from the whole model's is a poor one to dive from).
  static func pricingLeaves(_ z: Double, bound: Double?) -> TimeShare {
    let far = (z - (bound ?? 0)) > WholeModel.farFromBound * max(1, abs(z))
    return far ? WholeModel.pricingLeavesWhenFar : WholeModel.pricingLeaves
  }

  /// Keeps `value` and `duals` as the certificate when they bound higher.
  private mutating func offer(_ value: Double, _ duals: [Double]) {
    if certificate.map({ value > $0.value }) ?? true {
      certificate = DualCertificate(formulation: formulation, value: value, rowDuals: duals)
    }
  }

  /// Prices every pair left out with the LP's duals: the Lagrangian bound
  /// (never below 0: every plan's objective is a sum of values and costs)
  /// and the pairs that would improve the LP.
  private mutating func price(_ relaxed: PlanSolver.Relaxation, objective z: Double, context: inout SolveContext)
    -> Pricing.Result
  {
    let f = formulation
    let priced = Pricing.price(f, rowDuals: relaxed.duals, perCadre: WholeModel.columnsPerCadre)
    bound = max(bound ?? 0, z + priced.lagrangianTerm, 0)
    offer(z + priced.lagrangianTerm, relaxed.duals)
    context.note(
      String(format: "LP %.1f on %d pairs, %d price out", z, f.candidates.count, priced.improving.count), nil,
      bound: bound)
    return priced
  }

  /// Cuts on the final columns, and the bound priced again with their duals.
  private mutating func cutFinalColumns(_ relaxed: PlanSolver.Relaxation, context: inout SolveContext) throws {
    let budget = context.budget.child(
      seconds: PlanSolver.glpkSeconds(context.budget.seconds(ofRemaining: WholeModel.finalCuts)))
    let cut = try PlanSolver.addCuts(formulation, solver: solver, from: relaxed, budget: budget)
    guard let zc = cut.objective else { return }
    values = cut.values
    let again = Pricing.price(formulation, rowDuals: cut.duals, perCadre: 0)
    bound = max(bound ?? -Double.infinity, zc + again.lagrangianTerm)
    offer(zc + again.lagrangianTerm, cut.duals)
    context.note(String(format: "LP %.1f with %d cuts x ≤ y", zc, cut.cuts), nil, bound: bound)
  }

  /// The formulation with the pairs that priced out and every pair it has.
  private func grown(by priced: Pricing.Result) -> Formulation {
    let f = formulation
    var extra = f.options.extraPairs
    let most = max(WholeModel.columnsPerRoundAtLeast, Int(Double(f.candidates.count) * WholeModel.columnGrowth))
    let best = priced.improving.count <= most ? priced.improving : Self.mostImproving(priced.improving, most)
    for p in best { extra.insert(f.pairKey(cadre: p.cadre, klass: p.klass)) }
    for c in f.candidates { extra.insert(f.pairKey(cadre: c.cadre, klass: c.klass)) }
    return Formulation(scenario: f.scenario, year: f.year, options: f.options.with(extraPairs: extra))
  }

  /// The `count` pairs of most negative reduced cost (ties by cadre, then
  /// class): a round's LP that grows by a share of its pairs, not by every
  /// pair that prices out.
  static func mostImproving(_ pairs: [(cadre: Int, klass: Int, reducedCost: Double)], _ count: Int)
    -> [(cadre: Int, klass: Int, reducedCost: Double)]
  {
    let sorted = pairs.sorted {
      ($0.reducedCost, $0.cadre, $0.klass) < ($1.reducedCost, $1.cadre, $1.klass)
    }
    return Array(sorted.prefix(count))
  }

  /// The plan of a model without variables.
  private static func emptyPlan(_ f: Formulation, context: inout SolveContext) -> SolvedPlan {
    let objective = f.model.objectiveValue([])
    context.note("empty model", objective, bound: objective)
    return SolvedPlan(
      formulation: f, seats: [], held: [], status: .optimal, objective: objective, bound: objective,
      lpMet: 0, seconds: context.budget.elapsed, stats: PlanSolver.statistics(f), log: context.log,
      certificate: DualCertificate(formulation: f, value: objective, rowDuals: []))
  }

  /// The outcome of a bound-only solve (`SolveOptions.boundOnly`): the
  /// bound and its certificate, no plan.
  func boundOnly(context: inout SolveContext) -> SolvedPlan {
    context.note("bound only", nil, bound: bound)
    return SolvedPlan(
      formulation: formulation, seats: [], held: [], status: .noSolution, objective: nil, bound: bound, lpMet: nil,
      seconds: context.budget.elapsed, stats: PlanSolver.statistics(formulation), log: context.log,
      certificate: certificate)
  }
}

extension PlanSolver {
  struct Relaxation {
    var status: String
    var objective: Double?
    var values: [Double]
    var duals: [Double]
    var cuts: Int
  }

  /// The LP of `f`, then cuts `x[c,k] ≤ y[k]` where the LP breaks them: the
  /// LP of the linked model, a tighter bound, at a fraction of its rows.
  /// The LP gets `budget` (at least `Tuning.WholeModel.minimumSolveSeconds`),
  /// the cuts what is left of it.
  static func relax(_ f: Formulation, solver: GLPKSolver, budget: TimeBudget, cuts: Bool = true) throws -> Relaxation {
    let lp = solver.solveLP(seconds: glpkSeconds(budget.seconds), on: budget, method: .primal)
    guard lp.status == .optimal, lp.objective != nil else {
      return Relaxation(status: lp.status.rawValue, objective: nil, values: [], duals: [], cuts: 0)
    }
    let result = Relaxation(
      status: "optimal", objective: lp.objective, values: lp.values, duals: lp.rowDuals ?? [], cuts: 0)
    guard cuts, !f.options.linkSeatsToHolds else { return result }
    return try addCuts(f, solver: solver, from: result, budget: budget.child(seconds: glpkSeconds(budget.remaining)))
  }

  /// Adds cuts `x[c,k] ≤ y[k]` the LP breaks, re-solving, until none is
  /// broken, `budget` is spent or `Tuning.WholeModel.cutRounds` rounds.
  static func addCuts(_ f: Formulation, solver: GLPKSolver, from start: Relaxation, budget: TimeBudget) throws
    -> Relaxation
  {
    var result = start
    guard !f.options.linkSeatsToHolds, result.objective != nil else { return result }
    var linked = Set<Int>()
    for _ in 0..<WholeModel.cutRounds {
      var rows: [(name: String, expression: LinearExpression, relation: Relation)] = []
      for (p, c) in f.candidates.enumerated() where !linked.contains(p) {
        guard let y = f.holdVariable[c.klass], result.values[c.variable.index] > result.values[y.index] + 1e-6
        else { continue }
        var e = LinearExpression(c.variable)
        e.add(-1, y)
        rows.append(
          ("seat_in_held[\(f.scenario.cadres[c.cadre].id),\(f.scenario.classes[c.klass].id)]", e, .lessOrEqual(0)))
        linked.insert(p)
      }
      if rows.isEmpty || budget.isSpent { break }
      try solver.addConstraints(rows)
      let r = solver.solveLP(seconds: glpkSeconds(budget.remaining), on: budget, method: .dual)
      guard r.status == .optimal, let o = r.objective else { break }
      result = Relaxation(
        status: "optimal", objective: o, values: r.values, duals: r.rowDuals ?? [], cuts: linked.count)
    }
    return result
  }
}
