/// How a solve ended.
public enum TerminationStatus: String, Sendable, Hashable {
  /// A proven optimal solution (for a MIP: within the requested relative
  /// gap; see ``SolveResult/stopReason``).
  case optimal
  /// The solver stopped with a solution that is not proven optimal.
  case feasible
  /// The model has no feasible solution.
  case infeasible
  /// The objective can decrease without limit (or, when the solver could
  /// only tell that the dual is infeasible, the model is unbounded or
  /// infeasible).
  case unbounded
  /// The solver stopped without a solution and without a proof.
  case noSolution
  /// The solver failed; ``SolveResult/message`` says why.
  case failed
}

/// Why a solve stopped before it finished on its own.
public enum StopReason: String, Sendable, Hashable {
  /// It did not stop early.
  case none
  /// The time limit was reached.
  case timeLimit
  /// The requested relative gap was reached.
  case gapReached
  /// The caller asked it to stop (for example after Ctrl-C).
  case interrupted
  /// The iteration limit was reached.
  case iterationLimit
}

/// The result of solving a ``Model``.
///
/// All numbers are in the model's sense (minimisation) and include the
/// objective constant.
public struct SolveResult: Sendable {
  /// How the solve ended.
  public var status: TerminationStatus
  /// The objective of ``values``, if there is a solution.
  public var objective: Double?
  /// A proven lower bound on the optimum, if known.
  public var bound: Double?
  /// `|objective − bound| / max(1, |objective|)`, if both are known.
  public var gap: Double?
  /// The primal value of each variable, by index; empty if there is no
  /// solution.
  public var values: [Double]
  /// The dual value of each constraint, by index (LP only).
  public var rowDuals: [Double]?
  /// The reduced cost of each variable, by index (LP only).
  public var reducedCosts: [Double]?
  /// Seconds spent.
  public var seconds: Double
  /// The solver's account of what happened, in sentences.
  public var message: String
  /// Why the solve stopped early, if it did.
  public var stopReason: StopReason
  /// Simplex iterations the solve did (0 when the solver does not count
  /// them): work that does not depend on the machine's speed.
  public var iterations = 0
  /// Branch-and-bound nodes the solve created (0 for an LP).
  public var nodes = 0

  /// Creates a result.
  public init(
    status: TerminationStatus, objective: Double? = nil, bound: Double? = nil,
    gap: Double? = nil, values: [Double] = [], rowDuals: [Double]? = nil,
    reducedCosts: [Double]? = nil, seconds: Double, message: String,
    stopReason: StopReason = .none
  ) {
    self.status = status
    self.objective = objective
    self.bound = bound
    self.gap = gap
    self.values = values
    self.rowDuals = rowDuals
    self.reducedCosts = reducedCosts
    self.seconds = seconds
    self.message = message
    self.stopReason = stopReason
  }

  /// Whether the result carries a solution.
  public var hasSolution: Bool { !values.isEmpty }

  /// The value of `v`, if there is a solution.
  public func value(_ v: Variable) -> Double? {
    v.index < values.count ? values[v.index] : nil
  }

  /// The dual value of `c`, if known.
  public func dual(_ c: ConstraintRef) -> Double? {
    guard let rowDuals, c.index < rowDuals.count else { return nil }
    return rowDuals[c.index]
  }

  /// The reduced cost of `v`, if known.
  public func reducedCost(_ v: Variable) -> Double? {
    guard let reducedCosts, v.index < reducedCosts.count else { return nil }
    return reducedCosts[v.index]
  }

  /// `|objective − bound| / max(1, |objective|)`.
  public static func relativeGap(objective: Double, bound: Double) -> Double {
    abs(objective - bound) / max(1, abs(objective))
  }
}

/// A report on a running MIP search.
public struct SolveProgress: Sendable {
  /// The objective of the best solution so far, if any.
  public var incumbent: Double?
  /// The best proven bound, if known.
  public var bound: Double?
  /// `|incumbent − bound| / max(1, |incumbent|)`, if both are known.
  public var gap: Double?
  /// Seconds since the solve started.
  public var elapsed: Double
  /// Branch-and-bound nodes created so far.
  public var nodes: Int

  /// Creates a progress report.
  public init(incumbent: Double?, bound: Double?, gap: Double?, elapsed: Double, nodes: Int) {
    self.incumbent = incumbent
    self.bound = bound
    self.gap = gap
    self.elapsed = elapsed
    self.nodes = nodes
  }
}

/// A file format for exporting models.
public enum ModelFileFormat: String, Sendable, Hashable, CaseIterable {
  /// CPLEX LP format (`.lp`).
  case cplexLP
  /// Free MPS format (`.mps`).
  case mps

  /// The format for a file extension (`"lp"` or `"mps"`, any case).
  public init?(pathExtension: String) {
    switch pathExtension.lowercased() {
    case "lp": self = .cplexLP
    case "mps": self = .mps
    default: return nil
    }
  }

  /// The usual file extension.
  public var pathExtension: String {
    switch self {
    case .cplexLP: return "lp"
    case .mps: return "mps"
    }
  }
}
