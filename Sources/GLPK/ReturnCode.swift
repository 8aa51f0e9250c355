import CGLPK

/// The code returned by a GLPK solver routine (`glp_simplex`, `glp_intopt`,
/// `glp_warm_up`), with a sentence for each.
///
/// Several codes are results rather than failures: a time limit reached with
/// a solution in hand is an ordinary outcome. ``isFailure`` tells them apart.
public enum ReturnCode: Int32, Sendable, Hashable, CustomStringConvertible {
  /// The routine finished normally. The solution status tells what it found.
  case success = 0
  /// The initial basis is invalid. The corresponding C constant is `GLP_EBADB`.
  case invalidBasis = 0x01
  /// The basis matrix is singular. The corresponding C constant is `GLP_ESING`.
  case singularMatrix = 0x02
  /// The basis matrix is ill-conditioned. The corresponding C constant is `GLP_ECOND`.
  case illConditioned = 0x03
  /// Some double-bounded variable has incorrect bounds, or an integer variable
  /// has non-integer bounds. The corresponding C constant is `GLP_EBOUND`.
  case invalidBounds = 0x04
  /// The solver failed. The corresponding C constant is `GLP_EFAIL`.
  case failed = 0x05
  /// The objective reached its lower limit. The corresponding C constant is `GLP_EOBJLL`.
  case objectiveLowerLimit = 0x06
  /// The objective reached its upper limit. The corresponding C constant is `GLP_EOBJUL`.
  case objectiveUpperLimit = 0x07
  /// The iteration limit was exceeded. The corresponding C constant is `GLP_EITLIM`.
  case iterationLimit = 0x08
  /// The time limit was exceeded. The corresponding C constant is `GLP_ETMLIM`.
  case timeLimit = 0x09
  /// The problem has no primal feasible solution (found by the presolver).
  /// The corresponding C constant is `GLP_ENOPFS`.
  case noPrimalFeasible = 0x0A
  /// The problem has no dual feasible solution (found by the presolver).
  /// The corresponding C constant is `GLP_ENODFS`.
  case noDualFeasible = 0x0B
  /// The MIP solver was called without an optimal basis of the LP
  /// relaxation. The corresponding C constant is `GLP_EROOT`.
  case rootNotOptimal = 0x0C
  /// The search was stopped by the application. The corresponding C constant
  /// is `GLP_ESTOP`.
  case stopped = 0x0D
  /// The relative MIP gap tolerance was reached. The corresponding C constant
  /// is `GLP_EMIPGAP`.
  case mipGapReached = 0x0E
  /// The problem has neither primal nor dual feasible solution. The
  /// corresponding C constant is `GLP_ENOFEAS`.
  case noFeasible = 0x0F
  /// The solver did not converge. The corresponding C constant is `GLP_ENOCVG`.
  case noConvergence = 0x10
  /// The solver ran into numerical instability. The corresponding C constant
  /// is `GLP_EINSTAB`.
  case instability = 0x11
  /// The data are invalid. The corresponding C constant is `GLP_EDATA`.
  case invalidData = 0x12
  /// A result is out of range. The corresponding C constant is `GLP_ERANGE`.
  case outOfRange = 0x13
  /// A code this wrapper does not know.
  case unknown = -1

  /// Maps a raw GLPK return code; unknown values become ``unknown``.
  public init(code: Int32) {
    self = ReturnCode(rawValue: code) ?? .unknown
  }

  /// Whether the code means the solver could not do its work, as opposed to
  /// a normal result or a limit that was reached.
  public var isFailure: Bool {
    switch self {
    case .success, .timeLimit, .iterationLimit, .stopped, .mipGapReached,
      .noPrimalFeasible, .noDualFeasible, .noFeasible,
      .objectiveLowerLimit, .objectiveUpperLimit:
      return false
    case .invalidBasis, .singularMatrix, .illConditioned, .invalidBounds,
      .failed, .rootNotOptimal, .noConvergence, .instability, .invalidData,
      .outOfRange, .unknown:
      return true
    }
  }

  /// A sentence describing the code.
  public var description: String {
    switch self {
    case .success: return "The solver finished normally."
    case .invalidBasis: return "The initial basis is invalid."
    case .singularMatrix: return "The basis matrix is singular."
    case .illConditioned: return "The basis matrix is ill-conditioned."
    case .invalidBounds:
      return "Some variable or constraint has incorrect bounds (crossed, or not integral for an integer variable)."
    case .failed: return "The solver failed because of a numerical or internal difficulty."
    case .objectiveLowerLimit: return "The objective reached its lower limit."
    case .objectiveUpperLimit: return "The objective reached its upper limit."
    case .iterationLimit: return "The simplex iteration limit was reached."
    case .timeLimit: return "The time limit was reached."
    case .noPrimalFeasible: return "The problem has no feasible solution."
    case .noDualFeasible: return "The problem has no dual feasible solution: it is unbounded or infeasible."
    case .rootNotOptimal:
      return "The MIP search needs an optimal solution of the LP relaxation first."
    case .stopped: return "The search was stopped on request."
    case .mipGapReached: return "The requested relative MIP gap was reached."
    case .noFeasible: return "The problem has neither a primal nor a dual feasible solution."
    case .noConvergence: return "The solver did not converge."
    case .instability: return "The solver ran into numerical instability."
    case .invalidData: return "The problem data are invalid."
    case .outOfRange: return "A result is out of range."
    case .unknown: return "The solver returned an unknown code."
    }
  }

  @available(*, unavailable, renamed: "timeLimit")
  public static var GLP_ETMLIM: ReturnCode { .timeLimit }
  @available(*, unavailable, renamed: "stopped")
  public static var GLP_ESTOP: ReturnCode { .stopped }
  @available(*, unavailable, renamed: "mipGapReached")
  public static var GLP_EMIPGAP: ReturnCode { .mipGapReached }
  @available(*, unavailable, renamed: "noPrimalFeasible")
  public static var GLP_ENOPFS: ReturnCode { .noPrimalFeasible }
  @available(*, unavailable, renamed: "failed")
  public static var GLP_EFAIL: ReturnCode { .failed }
  @available(*, unavailable, renamed: "rootNotOptimal")
  public static var GLP_EROOT: ReturnCode { .rootNotOptimal }
}

/// The status of a solution (`glp_get_status`, `glp_mip_status`).
public enum SolutionStatus: Int32, Sendable, Hashable, CustomStringConvertible {
  /// The solution is undefined. The corresponding C constant is `GLP_UNDEF`.
  case undefined = 1
  /// The solution is feasible. The corresponding C constant is `GLP_FEAS`.
  case feasible = 2
  /// The solution is infeasible. The corresponding C constant is `GLP_INFEAS`.
  case infeasible = 3
  /// The problem has no feasible solution. The corresponding C constant is `GLP_NOFEAS`.
  case noFeasible = 4
  /// The solution is optimal. The corresponding C constant is `GLP_OPT`.
  case optimal = 5
  /// The problem is unbounded. The corresponding C constant is `GLP_UNBND`.
  case unbounded = 6

  init(code: Int32) { self = SolutionStatus(rawValue: code) ?? .undefined }

  public var description: String {
    switch self {
    case .undefined: return "undefined"
    case .feasible: return "feasible"
    case .infeasible: return "infeasible"
    case .noFeasible: return "no feasible solution"
    case .optimal: return "optimal"
    case .unbounded: return "unbounded"
    }
  }
}

/// The status of a row or column in the basis.
public enum BasisStatus: Int32, Sendable, Hashable {
  /// Basic. The corresponding C constant is `GLP_BS`.
  case basic = 1
  /// Non-basic on its lower bound. The corresponding C constant is `GLP_NL`.
  case atLower = 2
  /// Non-basic on its upper bound. The corresponding C constant is `GLP_NU`.
  case atUpper = 3
  /// Non-basic free. The corresponding C constant is `GLP_NF`.
  case free = 4
  /// Non-basic fixed. The corresponding C constant is `GLP_NS`.
  case fixed = 5
}

/// The kind of a column.
public enum ColumnKind: Sendable, Hashable {
  /// A continuous variable.
  case continuous
  /// An integer variable. Its bounds are rounded inwards to integers.
  case integer
  /// A binary variable: an integer variable whose bounds are intersected
  /// with `[0, 1]`. (GLPK's own `GLP_BV` would overwrite the bounds with
  /// `[0, 1]` and lose a fixing; the wrapper does not use it.)
  case binary
}

/// The optimisation direction.
public enum OptimizationDirection: Sendable, Hashable {
  /// Minimise the objective. The corresponding C constant is `GLP_MIN`.
  case minimize
  /// Maximise the objective. The corresponding C constant is `GLP_MAX`.
  case maximize
}

/// Options of `glp_scale_prob`.
public struct ScalingOptions: OptionSet, Sendable, Hashable {
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Geometric mean scaling. The corresponding C constant is `GLP_SF_GM`.
  public static let geometricMean = ScalingOptions(rawValue: GLP_SF_GM)
  /// Equilibration scaling. The corresponding C constant is `GLP_SF_EQ`.
  public static let equilibration = ScalingOptions(rawValue: GLP_SF_EQ)
  /// Round scale factors to powers of two. The corresponding C constant is `GLP_SF_2N`.
  public static let powerOfTwo = ScalingOptions(rawValue: GLP_SF_2N)
  /// Skip scaling if the problem is well scaled. The corresponding C constant is `GLP_SF_SKIP`.
  public static let skipIfWellScaled = ScalingOptions(rawValue: GLP_SF_SKIP)
  /// Let GLPK choose. The corresponding C constant is `GLP_SF_AUTO`.
  public static let automatic = ScalingOptions(rawValue: GLP_SF_AUTO)
}
