import GLPK
import Modeling

/// The simplex variant used by ``GLPKSolver/solveLP(timeLimit:iterationLimit:method:presolve:scale:)``.
public enum LPMethod: Sendable, Hashable {
  /// Primal simplex: keeps a feasible point; good from scratch and after
  /// cost changes.
  case primal
  /// Dual simplex: good after bounds were tightened (fixing), starting from
  /// the previous optimal basis.
  case dual
  /// Dual simplex, falling back to primal if it fails.
  case dualPrimal
}

/// Solves a ``Model`` with GLPK, keeping the GLPK problem between solves.
///
/// The solver is built for the "LP, fix, re-solve, small MIPs" pattern: the
/// model is loaded once (one `glp_load_matrix`); bounds, costs and kinds
/// change in place; LP re-solves start from the previous basis; a MIP solve
/// can start from a known feasible solution.
///
/// ```swift
/// let solver = try GLPKSolver(model: model)
/// let lp = solver.solveLP(timeLimit: 10)
/// try solver.setBounds(open[3], lower: 1, upper: 1)
/// let mip = solver.solveMIP(timeLimit: 5, relativeGap: 0.01, incumbent: rounded)
/// ```
///
/// - Warning: Not thread-safe and not `Sendable`: create and use each solver
///   on one thread (GLPK keeps its state per thread). Solvers on different
///   threads run in parallel without interfering. Calls from another thread
///   fail with a clear message.
public final class GLPKSolver {
  /// The current model, including bounds, costs and kinds changed through
  /// the solver.
  public private(set) var model: Model
  private let problem: Problem
  private var isScaled = false
  private var hasBasis = false
  /// The name of each variable in exported files (CPLEX-LP-safe, unique).
  public let fileVariableNames: [String]
  /// The name of each constraint in exported files (CPLEX-LP-safe, unique).
  public private(set) var fileConstraintNames: [String]
  private var names = LPNames()

  /// Loads `model` into a new GLPK problem.
  ///
  /// Names are kept but made safe for CPLEX LP files (ASCII letters, digits
  /// and `!"#$%&()/,.;?@_`'{}|~`; other characters become `_`) and unique.
  ///
  /// - Throws: ``ModelError`` if the model is invalid (see
  ///   ``Model/validate()``), `GLPKError` if GLPK would reject it.
  public init(model: Model) throws {
    try model.validate()
    self.model = model
    let problem = Problem(name: LPNames.clean(model.name))
    self.problem = problem
    let n = model.variableCount
    let m = model.constraintCount
    try problem.addColumns(n)
    try problem.addRows(m)
    var names = LPNames()
    names.reserve("obj")
    var columnNames: [String] = []
    columnNames.reserveCapacity(n)
    for j in 0..<n {
      let column = j + 1
      let name = names.unique(model.variableNames[j], fallback: "v\(j)")
      columnNames.append(name)
      try problem.setColumnName(column, name)
      try problem.setColumnBounds(
        column, lower: model.variableLowerBounds[j], upper: model.variableUpperBounds[j])
      if model.variableKinds[j] != .continuous {
        try problem.setColumnKind(column, ColumnKind(model.variableKinds[j]))
      }
      if model.objectiveCoefficients[j] != 0 {
        try problem.setObjectiveCoefficient(column, model.objectiveCoefficients[j])
      }
    }
    var rowNames: [String] = []
    rowNames.reserveCapacity(m)
    for i in 0..<m {
      let name = names.unique(model.constraintNames[i], fallback: "c\(i)")
      rowNames.append(name)
      try problem.setRowName(i + 1, name)
      try problem.setRowBounds(
        i + 1, lower: model.constraintLowerBounds[i], upper: model.constraintUpperBounds[i])
    }
    fileVariableNames = columnNames
    fileConstraintNames = rowNames
    self.names = names
    var rows = [Int32](repeating: 0, count: model.nonzeroCount)
    let starts = model.rowStarts
    for i in 0..<m {
      for k in starts[i]..<starts[i + 1] { rows[k] = Int32(i + 1) }
    }
    let columns = model.rowVariables.map { $0 + 1 }
    try problem.loadMatrix(rows: rows, columns: columns, values: model.rowCoefficients)
    try problem.setObjectiveConstant(model.objectiveConstant)
    try problem.setDirection(.minimize)
  }

  /// GLPK's output of the last call (errors and warnings; more with higher
  /// message levels). Nothing is ever printed to standard output.
  public var solverLog: String { problem.log }

  /// Rows, columns and nonzeros of GLPK's problem: what one simplex
  /// iteration's work grows with.
  public var size: Int { problem.rowCount + problem.columnCount + problem.nonzeroCount }

  // MARK: - Changes in place

  private func checkVariable(_ v: Variable) throws {
    guard v.index >= 0, v.index < model.variableCount else {
      throw ModelError(
        "Variable \(v.index) does not belong to model '\(model.name)' (it has \(model.variableCount) variables).")
    }
  }

  private func checkConstraint(_ c: ConstraintRef) throws {
    guard c.index >= 0, c.index < model.constraintCount else {
      throw ModelError(
        "Constraint \(c.index) does not belong to model '\(model.name)' (it has \(model.constraintCount) constraints).")
    }
  }

  /// Changes the bounds of `v` in place; the basis is kept for the next
  /// solve. Integer bounds are rounded inwards.
  ///
  /// - Throws: if `v` is not in the model or the bounds are invalid (NaN,
  ///   crossed, no integer value for an integer variable); nothing changes
  ///   then.
  public func setBounds(_ v: Variable, lower: Double, upper: Double) throws {
    try checkVariable(v)
    try problem.setColumnBounds(v.index + 1, lower: lower, upper: upper)
    model.setBounds(v, lower: lower, upper: upper)
  }

  /// Fixes `v` at `value` (see ``setBounds(_:lower:upper:)``).
  public func fix(_ v: Variable, at value: Double) throws {
    try setBounds(v, lower: value, upper: value)
  }

  /// Changes the bounds of constraint `c` in place.
  public func setBounds(_ c: ConstraintRef, lower: Double, upper: Double) throws {
    try checkConstraint(c)
    try problem.setRowBounds(c.index + 1, lower: lower, upper: upper)
    model.setBounds(c, lower: lower, upper: upper)
  }

  /// Changes the objective coefficient of `v` in place (finite).
  public func setObjective(_ v: Variable, _ coefficient: Double) throws {
    try checkVariable(v)
    try problem.setObjectiveCoefficient(v.index + 1, coefficient)
    model.setObjective(v, coefficient)
  }

  /// Changes the objective constant (finite).
  public func setObjectiveConstant(_ constant: Double) throws {
    try problem.setObjectiveConstant(constant)
    model.objectiveConstant = constant
  }

  /// Changes the kind of `v` in place (making it integer rounds its bounds;
  /// binary also intersects them with `[0, 1]`).
  public func setKind(_ v: Variable, _ kind: VariableKind) throws {
    try checkVariable(v)
    try problem.setColumnKind(v.index + 1, ColumnKind(kind))
    model.setKind(v, kind)
  }

  /// Adds constraints to the model and to the GLPK problem in place (cuts).
  ///
  /// The new rows enter the basis, so the previous basis stays usable: the
  /// next LP solve (best with ``LPMethod/dual``) starts from it.
  ///
  /// - Throws: if an expression uses a variable outside the model or a
  ///   bound is invalid; nothing is added then.
  @discardableResult
  public func addConstraints(_ rows: [(name: String, expression: LinearExpression, relation: Relation)]) throws
    -> [ConstraintRef]
  {
    for r in rows {
      for (v, c) in r.expression.terms {
        try checkVariable(v)
        guard c.isFinite else { throw ModelError("Constraint '\(r.name)' has a coefficient that is not finite.") }
      }
      let b = r.relation.bounds
      guard !(b.lower.isNaN || b.upper.isNaN), b.lower <= b.upper else {
        throw ModelError("Constraint '\(r.name)' has crossed or undefined bounds.")
      }
    }
    guard !rows.isEmpty, let range = try problem.addRows(rows.count) else { return [] }
    var refs: [ConstraintRef] = []
    for (offset, r) in rows.enumerated() {
      let i = range.lowerBound + offset
      let ref = model.addConstraint(r.name, r.expression, r.relation)
      refs.append(ref)
      let name = names.unique(r.name, fallback: "c\(ref.index)")
      fileConstraintNames.append(name)
      try problem.setRowName(i, name)
      let b = model.bounds(of: ref)
      try problem.setRowBounds(i, lower: b.lower, upper: b.upper)
      let terms = model.terms(of: ref)
      try problem.setRow(i, columns: terms.map { $0.0.index + 1 }, values: terms.map { $0.1 })
    }
    return refs
  }

  /// Starts the next LP solve from the basis of `other`, a solver of a
  /// related model (for example the same model with more columns and rows),
  /// matching variables and constraints by name. Variables new to this
  /// model start non-basic at their lower bound, new constraints basic. If
  /// the matched statuses do not make a valid basis, the next solve falls
  /// back to a fresh one by itself.
  public func warmStart(from other: GLPKSolver) throws {
    var oldColumn = [String: Int](minimumCapacity: other.model.variableCount)
    for (j, name) in other.model.variableNames.enumerated() { oldColumn[name] = j }
    var oldRow = [String: Int](minimumCapacity: other.model.constraintCount)
    for (i, name) in other.model.constraintNames.enumerated() { oldRow[name] = i }
    var basic = 0
    for (i, name) in model.constraintNames.enumerated() {
      let status = try oldRow[name].map { try other.problem.rowStatus($0 + 1) } ?? .basic
      try problem.setRowStatus(i + 1, status)
      if status == .basic { basic += 1 }
    }
    for (j, name) in model.variableNames.enumerated() {
      var status = try oldColumn[name].map { try other.problem.columnStatus($0 + 1) } ?? .atLower
      if status == .basic && basic >= model.constraintCount { status = .atLower }
      try problem.setColumnStatus(j + 1, status)
      if status == .basic { basic += 1 }
    }
    hasBasis = true
  }

  // MARK: - LP

  /// Solves the LP relaxation (integrality ignored).
  ///
  /// With presolve off (the default) the simplex warm-starts from the basis
  /// of the previous solve, so a re-solve after a few bound changes is
  /// fast; the first solve starts from an advanced basis. Scaling
  /// (`glp_scale_prob` with automatic options) is applied once when `scale`
  /// is true.
  ///
  /// - Parameters:
  ///   - timeLimit: Seconds (required; GLPK's `tm_lim`).
  ///   - iterationLimit: Most simplex iterations (GLPK's `it_lim`), or nil
  ///     for none: a limit that stops at the same point on any machine.
  ///   - method: The simplex variant.
  ///   - presolve: Use GLPK's LP presolver (ignores the previous basis).
  ///   - scale: Scale the problem before solving.
  /// - Returns: The result, with row duals and reduced costs when optimal.
  ///   Problems (a call from another thread, an invalid time limit) come
  ///   back as ``TerminationStatus/failed`` with a message.
  public func solveLP(
    timeLimit: Double, iterationLimit: Int? = nil, method: LPMethod = .primal, presolve: Bool = false,
    scale: Bool = true
  ) -> SolveResult {
    let startIterations = problem.iterationCount
    var result = simplex(
      timeLimit: timeLimit, iterationLimit: iterationLimit, method: method, presolve: presolve, scale: scale)
    result.iterations = problem.iterationCount - startIterations
    return result
  }

  /// `solveLP` without its count of iterations.
  private func simplex(
    timeLimit: Double, iterationLimit: Int?, method: LPMethod, presolve: Bool, scale: Bool
  ) -> SolveResult {
    let watch = ContinuousClock.now
    let startIterations = problem.iterationCount
    do {
      try applyScaling(scale)
      if !presolve && !hasBasis {
        try problem.advancedBasis()
      }
      hasBasis = true
      var parameters = SimplexParameters(
        timeLimit: timeLimit, method: method.glpk, presolve: presolve, iterationLimit: iterationLimit)
      var code = try problem.simplex(parameters)
      if !presolve, [.invalidBasis, .singularMatrix, .illConditioned].contains(code) {
        // The previous basis cannot be used: start again from a fresh one.
        try problem.advancedBasis()
        parameters.timeLimit = max(0, timeLimit - seconds(since: watch))
        parameters.iterationLimit = iterationLimit.map { max(0, $0 - (problem.iterationCount - startIterations)) }
        code = try problem.simplex(parameters)
      }
      return try lpResult(code, seconds: seconds(since: watch))
    } catch {
      return SolveResult(status: .failed, seconds: seconds(since: watch), message: "\(error)")
    }
  }

  private func applyScaling(_ scale: Bool) throws {
    if scale && !isScaled {
      try problem.scale(.automatic)
      isScaled = true
    } else if !scale && isScaled {
      try problem.unscale()
      isScaled = false
    }
  }

  private func lpResult(_ code: ReturnCode, seconds: Double) throws -> SolveResult {
    func solution(_ status: TerminationStatus, stop: StopReason = .none, withDuals: Bool)
      throws -> SolveResult
    {
      let objective = problem.objectiveValue
      return SolveResult(
        status: status, objective: objective,
        bound: status == .optimal ? objective : nil,
        gap: status == .optimal ? 0 : nil,
        values: try problem.columnPrimals(),
        rowDuals: withDuals ? try problem.rowDuals() : nil,
        reducedCosts: withDuals ? try problem.columnDuals() : nil,
        seconds: seconds,
        message: status == .optimal ? "The LP was solved to optimality." : code.description,
        stopReason: stop)
    }
    switch code {
    case .success:
      switch problem.lpStatus {
      case .optimal:
        return try solution(.optimal, withDuals: true)
      case .noFeasible:
        return SolveResult(
          status: .infeasible, seconds: seconds, message: "The LP has no feasible solution.")
      case .unbounded:
        return SolveResult(
          status: .unbounded, seconds: seconds, message: "The LP objective is unbounded below.")
      case .feasible:
        return try solution(.feasible, withDuals: false)
      case .undefined, .infeasible:
        return SolveResult(
          status: .noSolution, seconds: seconds,
          message: "The simplex finished without a solution (status \(problem.lpStatus)).")
      }
    case .noPrimalFeasible, .noFeasible:
      return SolveResult(status: .infeasible, seconds: seconds, message: code.description)
    case .noDualFeasible:
      return SolveResult(status: .unbounded, seconds: seconds, message: code.description)
    case .timeLimit, .iterationLimit:
      let stop: StopReason = code == .timeLimit ? .timeLimit : .iterationLimit
      if problem.primalStatus == .feasible {
        return try solution(.feasible, stop: stop, withDuals: false)
      }
      return SolveResult(
        status: .noSolution, seconds: seconds,
        message: "\(code.description) No feasible point was reached.", stopReason: stop)
    default:
      return SolveResult(
        status: .failed, seconds: seconds, message: failureMessage(code.description))
    }
  }

  private func failureMessage(_ sentence: String) -> String {
    let details = problem.log.split(separator: "\n").suffix(3).joined(separator: " ")
    return details.isEmpty ? sentence : "\(sentence) GLPK: \(details)"
  }

  // MARK: - MIP

  /// Solves the model as a MIP with GLPK's branch and cut, presolve off.
  ///
  /// First the LP relaxation is solved (warm start; dual simplex with primal
  /// fallback), then `glp_intopt` searches from that basis. A feasible
  /// `incumbent` (one value per variable) is checked with
  /// ``Model/violations(_:tolerance:)`` (integer values rounded first) and
  /// given to GLPK at its first heuristic call, so the search can prune
  /// with it from the start; an infeasible one is skipped and the message
  /// says why. The result is never worse than a valid incumbent: if GLPK
  /// finds nothing better, the incumbent is returned.
  ///
  /// The search stops at the time limit (checked on the wall clock from
  /// GLPK's callback as well, since GLPK overshoots its own limit), at the
  /// relative gap, or when `shouldStop` returns `true`.
  ///
  /// - Parameters:
  ///   - timeLimit: Seconds for the whole call, LP included.
  ///   - iterationLimit: Most simplex iterations of the whole call, LP
  ///     included, each node counting `iterationsPerNode` more; nil: none.
  ///     The search then stops at the same point on any machine.
  ///   - iterationsPerNode: What a node of the search counts towards
  ///     `iterationLimit`.
  ///   - relativeGap: Stop when `|best − bound| / |best|` is at most this.
  ///   - incumbent: A known feasible solution, by variable index.
  ///   - progress: Called on this thread at most five times a second.
  ///   - shouldStop: Asked often on this thread; `true` stops the search.
  /// - Returns: The best solution; `bound` is the best node bound (at least
  ///   the LP bound), `objective` the incumbent's value.
  public func solveMIP(
    timeLimit: Double, iterationLimit: Int? = nil, iterationsPerNode: Int = 0, relativeGap: Double,
    incumbent: [Double]? = nil,
    progress: (@Sendable (SolveProgress) -> Void)? = nil,
    shouldStop: (@Sendable () -> Bool)? = nil
  ) -> SolveResult {
    let startIterations = problem.iterationCount
    var result = branchAndCut(
      timeLimit: timeLimit, work: (iterationLimit, iterationsPerNode), relativeGap: relativeGap,
      incumbent: incumbent, progress: progress, shouldStop: shouldStop)
    result.iterations = problem.iterationCount - startIterations
    return result
  }

  /// `solveMIP` without its count of iterations.
  private func branchAndCut(
    timeLimit: Double, work: (iterationLimit: Int?, perNode: Int), relativeGap: Double, incumbent: [Double]?,
    progress: (@Sendable (SolveProgress) -> Void)?, shouldStop: (@Sendable () -> Bool)?
  ) -> SolveResult {
    var run = MIPRun(watch: ContinuousClock.now)
    let startIterations = problem.iterationCount

    guard timeLimit.isFinite, timeLimit >= 0, relativeGap.isFinite, relativeGap >= 0 else {
      return SolveResult(
        status: .failed, seconds: 0,
        message:
          "The time limit and the relative gap must be finite and at least 0 (got \(timeLimit) s and \(relativeGap)).")
    }
    // 0. The incumbent: integral values rounded, then checked.
    run.checkStart(incumbent, in: model)

    // 1. The LP relaxation, which glp_intopt needs with presolve off.
    let rootBound: Double
    switch solveRelaxation(timeLimit: timeLimit, iterationLimit: work.iterationLimit, run: &run) {
    case .bound(let bound): rootBound = bound
    case .finished(let result): return result
    }

    // 2. Branch and cut from the LP basis.
    let lpSeconds = seconds(since: run.watch)
    var parameters = MIPParameters(
      timeLimit: max(0, timeLimit - lpSeconds), relativeGap: relativeGap, presolve: false)
    parameters.messageLevel = .errorsOnly
    var callback = mipCallback(
      start: run.start?.values, rootBound: rootBound, lpSeconds: lpSeconds,
      progress: progress, shouldStop: shouldStop)
    callback.iterationLimit = work.iterationLimit.map { max(0, $0 - (problem.iterationCount - startIterations)) }
    callback.iterationsPerNode = work.perNode
    let report: MIPReport
    do {
      report = try problem.intopt(parameters, callback: callback)
    } catch {
      return run.fallback(.failed, "The MIP search could not start: \(error)", stop: .none, bound: rootBound)
    }
    if run.start != nil, report.incumbentAccepted == false {
      run.notes.append("GLPK did not accept the starting solution.")
    }

    // 3. The best solution: GLPK's or the incumbent.
    let (mipStatus, values, objective) = bestSolution(run: &run)

    // 4. Status and stop reason.
    let outcome = mipOutcome(report, mipStatus: mipStatus, found: !values.isEmpty)

    // 5. Bound, gap and the result.
    return mipResult(
      outcome, objective: objective, values: values, report: report, rootBound: rootBound, run: run)
  }

  /// How the LP relaxation step of ``solveMIP`` ended.
  private enum RelaxationOutcome {
    /// The LP is optimal: its objective bounds the MIP from below.
    case bound(Double)
    /// The search cannot start; this is the call's result.
    case finished(SolveResult)
  }

  /// Step 1 of ``solveMIP``: solves the LP relaxation (warm start, dual
  /// simplex with primal fallback, presolve off, as `glp_intopt` needs).
  /// When it is not optimal, the search cannot start and the call's result
  /// follows from the LP's status: the starting solution if there is one,
  /// otherwise no solution (infeasible, unbounded, not in time, failed).
  private func solveRelaxation(timeLimit: Double, iterationLimit: Int?, run: inout MIPRun) -> RelaxationOutcome {
    let lp = solveLP(
      timeLimit: timeLimit, iterationLimit: iterationLimit, method: .dualPrimal, presolve: false,
      scale: isScaled || !hasBasis)
    switch lp.status {
    case .optimal:
      return .bound(lp.objective ?? -.infinity)
    case .infeasible:
      if run.start != nil {
        run.notes.append(
          "The LP relaxation was reported infeasible although the starting solution is feasible (numerical difficulty)."
        )
        return .finished(run.fallback(.feasible, "LP relaxation: \(lp.message)", stop: .none, bound: nil))
      }
      return .finished(
        SolveResult(
          status: .infeasible, seconds: seconds(since: run.watch),
          message: run.message("The LP relaxation has no feasible solution, so neither has the MIP.")))
    case .unbounded:
      return .finished(
        run.fallback(
          .unbounded, "The LP relaxation is unbounded: the MIP is unbounded or infeasible.",
          stop: .none, bound: nil))
    case .feasible, .noSolution:
      return .finished(
        run.fallback(
          .noSolution, "The LP relaxation was not solved in time: \(lp.message)",
          stop: lp.stopReason == .none ? .timeLimit : lp.stopReason, bound: nil))
    case .failed:
      return .finished(run.fallback(.failed, "The LP relaxation failed: \(lp.message)", stop: .none, bound: nil))
    }
  }

  /// Step 2 of ``solveMIP``: what GLPK's callback does during the search.
  /// It injects `start`, forwards `shouldStop`, and reports progress with
  /// the bound raised to the LP bound (and capped by the incumbent) and the
  /// time counted from the start of the call.
  private func mipCallback(
    start: [Double]?, rootBound: Double, lpSeconds: Double,
    progress: (@Sendable (SolveProgress) -> Void)?, shouldStop: (@Sendable () -> Bool)?
  ) -> MIPCallback {
    var callback = MIPCallback()
    callback.incumbent = start
    callback.progressInterval = GLPKBackendTuning.progressInterval
    if let progress {
      callback.progress = { snapshot in
        var bound = snapshot.bound.map { max($0, rootBound) } ?? rootBound
        if let incumbent = snapshot.incumbent { bound = min(bound, incumbent) }
        progress(
          SolveProgress(
            incumbent: snapshot.incumbent, bound: bound,
            gap: snapshot.incumbent.map { SolveResult.relativeGap(objective: $0, bound: bound) },
            elapsed: lpSeconds + snapshot.elapsed, nodes: snapshot.nodes))
      }
    }
    if let shouldStop { callback.shouldStop = { shouldStop() } }
    return callback
  }

  /// Step 3 of ``solveMIP``: GLPK's solution after the search, replaced by
  /// the starting solution when that is better (or GLPK has none). Returns
  /// GLPK's MIP status too, which the next step classifies.
  private func bestSolution(run: inout MIPRun)
    -> (mipStatus: SolutionStatus, values: [Double], objective: Double?)
  {
    let mipStatus = problem.mipStatus
    var values: [Double] = []
    var objective: Double?
    if mipStatus == .feasible || mipStatus == .optimal, let found = try? problem.mipColumnValues() {
      values = found
      objective = problem.mipObjectiveValue
    }
    let tolerance = GLPKBackendTuning.startPreferenceTolerance
    if let start = run.start, objective.map({ start.objective < $0 - tolerance * max(1, abs($0)) }) ?? true {
      values = start.values
      objective = start.objective
      run.notes.append("The given starting solution is the best known.")
    }
    return (mipStatus, values, objective)
  }

  /// What the search's return code and MIP status mean for the result.
  private struct MIPOutcome {
    var status: TerminationStatus
    var stop: StopReason
    /// The first sentence of the result's message.
    var message: String
  }

  /// Step 4 of ``solveMIP``: the termination status, stop reason and first
  /// sentence of the message, from GLPK's return code and MIP status and
  /// whether a solution is in hand (`found`).
  private func mipOutcome(_ report: MIPReport, mipStatus: SolutionStatus, found: Bool) -> MIPOutcome {
    // Unless a case below says otherwise: a solution in hand is feasible,
    // none is no solution; no stop reason; GLPK's sentence for the code.
    var outcome = MIPOutcome(
      status: found ? .feasible : .noSolution, stop: .none, message: report.returnCode.description)
    switch report.returnCode {
    case .success:
      if mipStatus == .optimal {
        outcome.status = .optimal
        outcome.message = "The search proved the solution optimal."
      } else if mipStatus == .noFeasible {
        outcome.status = found ? .feasible : .infeasible
        outcome.message = "The search found that no integer solution exists."
      }
    case .mipGapReached:
      outcome.status = found ? .optimal : .noSolution
      outcome.stop = .gapReached
    case .timeLimit:
      outcome.stop = .timeLimit
    case .stopped:
      if report.stopCause == .requested {
        outcome.stop = .interrupted
        outcome.message = "The search was stopped on request."
      } else if report.stopCause == .iterationLimit {
        outcome.stop = .iterationLimit
        outcome.message = "The iteration limit was reached."
      } else {
        outcome.stop = .timeLimit
        outcome.message = "The time limit was reached."
      }
    case .noPrimalFeasible:
      outcome.status = found ? .feasible : .infeasible
    default:
      outcome.status = found ? .feasible : .failed
      outcome.message = failureMessage(outcome.message)
    }
    return outcome
  }

  /// Step 5 of ``solveMIP``: the bound (the best node bound, at least the
  /// LP bound and at most the objective; none when infeasible; the
  /// objective itself when proved optimal), the gap, and the result with
  /// the full message.
  private func mipResult(
    _ outcome: MIPOutcome, objective: Double?, values: [Double], report: MIPReport,
    rootBound: Double, run: MIPRun
  ) -> SolveResult {
    var bound: Double? = report.bestBound.map { max($0, rootBound) } ?? rootBound
    if outcome.status == .infeasible {
      bound = nil
    } else if outcome.status == .optimal && outcome.stop == .none, let objective {
      bound = objective
    }
    if let b = bound, let objective { bound = min(b, objective) }
    let gap: Double? =
      if let objective, let bound { SolveResult.relativeGap(objective: objective, bound: bound) } else { nil }
    var message = outcome.message
    if let objective {
      message += " Best objective \(objective)"
      if let bound, let gap { message += ", bound \(bound), gap \(gap)" }
      message += " after \(report.nodes) node(s)."
    }
    var result = SolveResult(
      status: outcome.status, objective: objective, bound: bound, gap: gap, values: values,
      seconds: seconds(since: run.watch), message: run.message(message),
      stopReason: outcome.stop)
    result.nodes = report.nodes
    return result
  }

  // MARK: - Files

  /// Writes the current model (with changed bounds) to a file.
  ///
  /// CPLEX LP and free MPS files can be read by `glpsol`, HiGHS, CBC and
  /// others. Variable and constraint names are those of
  /// ``fileVariableNames`` and ``fileConstraintNames``.
  public func write(_ format: ModelFileFormat, to path: String) throws {
    switch format {
    case .cplexLP: try problem.writeCPLEXLP(to: path)
    case .mps: try problem.writeMPS(to: path)
    }
  }

  /// Writes `model` to a file without keeping a solver.
  public static func export(_ model: Model, format: ModelFileFormat, to path: String) throws {
    try GLPKSolver(model: model).write(format, to: path)
  }

  /// Reads a CPLEX LP or free MPS file into a model.
  ///
  /// A maximisation problem is turned into a minimisation one by negating
  /// the objective (so objective values come out negated).
  public static func readModel(_ format: ModelFileFormat, from path: String) throws -> Model {
    let problem: Problem
    switch format {
    case .cplexLP: problem = try Problem.readCPLEXLP(from: path)
    case .mps: problem = try Problem.readMPS(from: path)
    }
    let sign: Double = problem.direction == .maximize ? -1 : 1
    var model = Model(name: problem.name)
    let n = problem.columnCount
    let m = problem.rowCount
    model.reserveCapacity(variables: n, constraints: m, nonzeros: problem.nonzeroCount)
    model.objectiveConstant = sign * problem.objectiveConstant
    var variables: [Variable] = []
    for j in 1...max(1, n) where j <= n {
      let (lower, upper) = try problem.columnBounds(j)
      let kind: VariableKind
      switch try problem.columnKind(j) {
      case .continuous: kind = .continuous
      case .integer: kind = .integer
      case .binary: kind = .binary
      }
      variables.append(
        model.addVariable(
          try problem.columnName(j) ?? "v\(j - 1)", lower: lower, upper: upper, kind: kind,
          objective: sign * (try problem.objectiveCoefficient(j))))
    }
    for i in 1...max(1, m) where i <= m {
      var expression = LinearExpression()
      for (column, value) in try problem.row(i) { expression.add(value, variables[column - 1]) }
      let (lower, upper) = try problem.rowBounds(i)
      model.addConstraint(try problem.rowName(i) ?? "c\(i - 1)", expression, .between(lower, upper))
    }
    return model
  }
}

/// What one ``GLPKSolver/solveMIP(timeLimit:iterationLimit:iterationsPerNode:relativeGap:incumbent:progress:shouldStop:)``
/// call carries from step to step: its clock, the checked starting
/// solution and the notes that end its message.
private struct MIPRun {
  /// When the call started; the result's seconds count from here.
  let watch: ContinuousClock.Instant
  /// The given starting solution (integral values rounded) if the model
  /// accepts it, with its objective value.
  var start: (values: [Double], objective: Double)?
  /// Sentences for the end of the result's message, in the order they arose.
  var notes: [String] = []

  init(watch: ContinuousClock.Instant) {
    self.watch = watch
  }

  /// Step 0 of the MIP solve: rounds the integral values of `incumbent`
  /// (when it has one value per variable) and keeps it as the start if
  /// `model` finds no violation; otherwise notes why it is not used.
  mutating func checkStart(_ incumbent: [Double]?, in model: Model) {
    guard let incumbent else { return }
    var rounded = incumbent
    if rounded.count == model.variableCount {
      for j in 0..<rounded.count where model.variableKinds[j].isIntegral {
        rounded[j] = rounded[j].rounded()
      }
    }
    let violations = model.violations(rounded)
    if violations.isEmpty {
      start = (rounded, model.objectiveValue(rounded))
    } else {
      notes.append(
        "The given starting solution was not used: \(violations.count) violation(s), the first: \(violations[0]).")
    }
  }

  /// `first`, then the notes, as one message.
  func message(_ first: String) -> String {
    ([first] + notes).joined(separator: " ")
  }

  /// The result when the search cannot run or found nothing: the start if
  /// there is one.
  func fallback(_ status: TerminationStatus, _ first: String, stop: StopReason, bound: Double?)
    -> SolveResult
  {
    let elapsed = seconds(since: watch)
    let text = message(first)
    if let start {
      let kept = "The given starting solution is returned."
      return SolveResult(
        status: .feasible, objective: start.objective, bound: bound,
        gap: bound.map { SolveResult.relativeGap(objective: start.objective, bound: $0) },
        values: start.values, seconds: elapsed, message: text + " " + kept, stopReason: stop)
    }
    return SolveResult(status: status, bound: bound, seconds: elapsed, message: text, stopReason: stop)
  }
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
  let parts = (ContinuousClock.now - start).components
  return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

extension LPMethod {
  fileprivate var glpk: SimplexParameters.Method {
    switch self {
    case .primal: return .primal
    case .dual: return .dual
    case .dualPrimal: return .dualPrimal
    }
  }
}

extension ColumnKind {
  fileprivate init(_ kind: VariableKind) {
    switch kind {
    case .continuous: self = .continuous
    case .integer: self = .integer
    case .binary: self = .binary
    }
  }
}
