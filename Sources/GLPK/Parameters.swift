import CGLPK

/// How much GLPK writes to its log (which the wrapper captures; see
/// ``Problem/log``). Nothing ever reaches standard output.
public enum MessageLevel: Sendable, Hashable {
  /// No messages. The corresponding C constant is `GLP_MSG_OFF`.
  case off
  /// Warnings and errors only. The corresponding C constant is `GLP_MSG_ERR`.
  case errorsOnly
  /// Normal progress output. The corresponding C constant is `GLP_MSG_ON`.
  case normal
  /// Everything. The corresponding C constant is `GLP_MSG_ALL`.
  case all

  var code: Int32 {
    switch self {
    case .off: return GLP_MSG_OFF
    case .errorsOnly: return GLP_MSG_ERR
    case .normal: return GLP_MSG_ON
    case .all: return GLP_MSG_ALL
    }
  }
}

/// Converts seconds into GLPK's millisecond limit, checking the value.
internal func milliseconds(_ seconds: Double, _ what: String) throws -> Int32 {
  guard seconds.isFinite, seconds >= 0 else {
    throw GLPKError(
      .invalidParameter,
      "The \(what) must be a finite number of seconds, at least 0 (got \(seconds)).")
  }
  // Int32.max means "no limit" to GLPK: stay below it.
  let ms = (seconds * 1000).rounded(.up)
  return ms >= Double(Int32.max - 1) ? Int32.max - 1 : Int32(ms)
}

/// Control parameters of the simplex method (`glp_smcp`).
///
/// The time limit is required: every simplex call in this program is bounded.
public struct SimplexParameters: Sendable, Hashable {
  /// The simplex variant.
  public enum Method: Sendable, Hashable {
    /// Primal simplex. The corresponding C constant is `GLP_PRIMAL`.
    case primal
    /// Dual simplex. The corresponding C constant is `GLP_DUAL`.
    case dual
    /// Dual simplex, falling back to primal if it fails. The corresponding C
    /// constant is `GLP_DUALP`.
    case dualPrimal
  }

  /// The time limit in seconds (finite, at least 0).
  public var timeLimit: Double
  /// The simplex variant.
  public var method: Method
  /// Whether to use the LP presolver. The presolver ignores the current
  /// basis, so a warm start needs it off.
  public var presolve: Bool
  /// The maximum number of simplex iterations, or `nil` for no limit.
  public var iterationLimit: Int?
  /// Use projected steepest edge pricing (GLPK's default) instead of
  /// Dantzig's rule.
  public var steepestEdge: Bool = true
  /// Primal feasibility tolerance, in (0, 1).
  public var primalTolerance: Double = GLPKTuning.primalTolerance
  /// Dual feasibility tolerance, in (0, 1).
  public var dualTolerance: Double = GLPKTuning.dualTolerance
  /// How much GLPK writes to the captured log.
  public var messageLevel: MessageLevel = .errorsOnly

  /// Creates simplex parameters with the required time limit.
  public init(
    timeLimit: Double, method: Method = .primal, presolve: Bool = false,
    iterationLimit: Int? = nil
  ) {
    self.timeLimit = timeLimit
    self.method = method
    self.presolve = presolve
    self.iterationLimit = iterationLimit
  }

  /// The checked C structure.
  internal func cValue() throws -> glp_smcp {
    var p = glp_smcp()
    glp_init_smcp(&p)
    p.msg_lev = messageLevel.code
    switch method {
    case .primal: p.meth = GLP_PRIMAL
    case .dual: p.meth = GLP_DUAL
    case .dualPrimal: p.meth = GLP_DUALP
    }
    p.pricing = steepestEdge ? GLP_PT_PSE : GLP_PT_STD
    p.tm_lim = try milliseconds(timeLimit, "simplex time limit")
    if let iterationLimit {
      guard iterationLimit >= 0 else {
        throw GLPKError(
          .invalidParameter,
          "The simplex iteration limit must be at least 0 (got \(iterationLimit)).")
      }
      p.it_lim = Int32(clamping: min(iterationLimit, Int(Int32.max - 1)))
    }
    for (value, name) in [(primalTolerance, "primal"), (dualTolerance, "dual")] {
      guard value > 0, value < 1 else {
        throw GLPKError(
          .invalidParameter,
          "The \(name) feasibility tolerance must lie strictly between 0 and 1 (got \(value)).")
      }
    }
    p.tol_bnd = primalTolerance
    p.tol_dj = dualTolerance
    p.presolve = presolve ? GLP_ON : GLP_OFF
    return p
  }
}

/// Control parameters of the branch-and-cut solver (`glp_iocp`).
///
/// The time limit is required. Besides GLPK's own limit (`tm_lim`, which
/// GLPK overshoots), the wrapper stops the search from its callback once the
/// wall-clock time exceeds the same limit.
public struct MIPParameters: Sendable, Hashable {
  /// The branching rule.
  public enum Branching: Sendable, Hashable {
    /// First fractional variable. The corresponding C constant is `GLP_BR_FFV`.
    case firstFractional
    /// Last fractional variable. The corresponding C constant is `GLP_BR_LFV`.
    case lastFractional
    /// Most fractional variable. The corresponding C constant is `GLP_BR_MFV`.
    case mostFractional
    /// Driebeck–Tomlin heuristic (GLPK's default). The corresponding C
    /// constant is `GLP_BR_DTH`.
    case driebeckTomlin
    /// Hybrid pseudocost. The corresponding C constant is `GLP_BR_PCH`.
    case pseudocost
  }

  /// The node selection rule.
  public enum Backtracking: Sendable, Hashable {
    /// Depth first. The corresponding C constant is `GLP_BT_DFS`.
    case depthFirst
    /// Breadth first. The corresponding C constant is `GLP_BT_BFS`.
    case breadthFirst
    /// Best local bound (GLPK's default). The corresponding C constant is `GLP_BT_BLB`.
    case bestBound
    /// Best projection. The corresponding C constant is `GLP_BT_BPH`.
    case bestProjection
  }

  /// The cutting-plane families to generate.
  public struct Cuts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Mixed integer rounding cuts (`mir_cuts`).
    public static let mixedIntegerRounding = Cuts(rawValue: 1)
    /// Gomory's mixed integer cuts (`gmi_cuts`).
    public static let gomory = Cuts(rawValue: 2)
    /// Mixed cover cuts (`cov_cuts`).
    public static let cover = Cuts(rawValue: 4)
    /// Clique cuts (`clq_cuts`).
    public static let clique = Cuts(rawValue: 8)
    /// All families.
    public static let all: Cuts = [.mixedIntegerRounding, .gomory, .cover, .clique]
  }

  /// The time limit in seconds (finite, at least 0).
  public var timeLimit: Double
  /// Stop when the relative gap between incumbent and bound is at most this
  /// (at least 0).
  public var relativeGap: Double
  /// Whether to use the MIP presolver. With presolve on, GLPK solves the LP
  /// relaxation itself, but the search runs on a transformed problem, so an
  /// incumbent cannot be injected (see ``MIPCallback/incumbent``).
  public var presolve: Bool
  /// Replace general integer variables by binaries (needs presolve).
  public var binarize: Bool = false
  /// The feasibility pump heuristic (`fp_heur`).
  public var feasibilityPump: Bool = false
  /// The proximity search heuristic (`ps_heur`).
  public var proximitySearch: Bool = false
  /// The time limit of the proximity search, in seconds.
  public var proximitySearchTimeLimit: Double = GLPKTuning.proximitySearchTimeLimit
  /// The simple rounding heuristic (`sr_heur`, on by default in GLPK).
  public var simpleRounding: Bool = true
  /// The cut families to generate.
  public var cuts: Cuts = []
  /// The branching rule.
  public var branching: Branching = .driebeckTomlin
  /// The node selection rule.
  public var backtracking: Backtracking = .bestBound
  /// Integrality tolerance, in (0, 1).
  public var integerTolerance: Double = GLPKTuning.integerTolerance
  /// How much GLPK writes to the captured log.
  public var messageLevel: MessageLevel = .errorsOnly

  /// Creates MIP parameters with the required time limit.
  public init(timeLimit: Double, relativeGap: Double = 0, presolve: Bool = false) {
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.presolve = presolve
  }

  /// The checked C structure (without the callback).
  internal func cValue() throws -> glp_iocp {
    var p = glp_iocp()
    glp_init_iocp(&p)
    p.msg_lev = messageLevel.code
    switch branching {
    case .firstFractional: p.br_tech = GLP_BR_FFV
    case .lastFractional: p.br_tech = GLP_BR_LFV
    case .mostFractional: p.br_tech = GLP_BR_MFV
    case .driebeckTomlin: p.br_tech = GLP_BR_DTH
    case .pseudocost: p.br_tech = GLP_BR_PCH
    }
    switch backtracking {
    case .depthFirst: p.bt_tech = GLP_BT_DFS
    case .breadthFirst: p.bt_tech = GLP_BT_BFS
    case .bestBound: p.bt_tech = GLP_BT_BLB
    case .bestProjection: p.bt_tech = GLP_BT_BPH
    }
    guard integerTolerance > 0, integerTolerance < 1 else {
      throw GLPKError(
        .invalidParameter,
        "The integrality tolerance must lie strictly between 0 and 1 (got \(integerTolerance)).")
    }
    p.tol_int = integerTolerance
    p.tm_lim = try milliseconds(timeLimit, "MIP time limit")
    guard relativeGap.isFinite, relativeGap >= 0 else {
      throw GLPKError(
        .invalidParameter,
        "The relative MIP gap must be a finite number of at least 0 (got \(relativeGap)).")
    }
    p.mip_gap = relativeGap
    p.presolve = presolve ? GLP_ON : GLP_OFF
    p.binarize = (binarize && presolve) ? GLP_ON : GLP_OFF
    p.fp_heur = feasibilityPump ? GLP_ON : GLP_OFF
    p.ps_heur = proximitySearch ? GLP_ON : GLP_OFF
    p.ps_tm_lim = try milliseconds(proximitySearchTimeLimit, "proximity search time limit")
    p.sr_heur = simpleRounding ? GLP_ON : GLP_OFF
    p.mir_cuts = cuts.contains(.mixedIntegerRounding) ? GLP_ON : GLP_OFF
    p.gmi_cuts = cuts.contains(.gomory) ? GLP_ON : GLP_OFF
    p.cov_cuts = cuts.contains(.cover) ? GLP_ON : GLP_OFF
    p.clq_cuts = cuts.contains(.clique) ? GLP_ON : GLP_OFF
    return p
  }
}
