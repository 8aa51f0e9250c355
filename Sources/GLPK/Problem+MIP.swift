import CGLPK

/// A snapshot of the branch-and-cut search, passed to
/// ``MIPCallback/progress``.
public struct MIPProgress: Sendable, Hashable {
  /// The objective of the best integer solution so far, if any.
  public var incumbent: Double?
  /// The best bound over the active nodes, if known.
  public var bound: Double?
  /// GLPK's relative gap `|incumbent − bound| / (|incumbent| + ε)`, if
  /// there is an incumbent.
  public var gap: Double?
  /// Seconds since the search started.
  public var elapsed: Double
  /// The number of nodes created so far.
  public var nodes: Int
}

/// What the wrapper does from inside GLPK's branch-and-cut callback.
///
/// All closures run synchronously on the solving thread, inside
/// `glp_intopt`. They cannot throw: no Swift error may unwind through C.
public struct MIPCallback {
  /// Called with the state of the search, at most once per
  /// ``progressInterval`` seconds (the first call comes at once).
  public var progress: ((MIPProgress) -> Void)?
  /// The minimum time between two ``progress`` calls, in seconds.
  public var progressInterval: Double = GLPKTuning.progressInterval
  /// Asked at every callback; returning `true` stops the search (for
  /// example after Ctrl-C). The best solution found so far is kept.
  public var shouldStop: (() -> Bool)?
  /// Most work of the search, in simplex iterations counted from the start
  /// of ``Problem/intopt(_:callback:)``, each node created counting as
  /// ``iterationsPerNode`` more; the callback stops the search once it is
  /// done, so the same problem always stops at the same point. `nil`: no
  /// limit.
  public var iterationLimit: Int?
  /// What one node of the search counts towards ``iterationLimit``.
  public var iterationsPerNode = 0
  /// A known feasible solution (element 0 = column 1) given to GLPK at the
  /// first heuristic request (`GLP_IHEUR`) with `glp_ios_heur_sol`, so the
  /// search starts with an incumbent and can prune with it.
  ///
  /// Only possible with presolve **off**: then the search tree works on the
  /// original columns. With presolve on, GLPK searches a transformed problem
  /// whose columns differ, and ``Problem/intopt(_:callback:)`` throws.
  /// Values of integer columns are rounded to integers; the point must be
  /// feasible (it is checked, see ``Problem/firstViolation(of:tolerance:)``).
  public var incumbent: [Double]?

  /// Creates a callback configuration.
  public init(
    progress: ((MIPProgress) -> Void)? = nil, progressInterval: Double = GLPKTuning.progressInterval,
    shouldStop: (() -> Bool)? = nil, incumbent: [Double]? = nil
  ) {
    self.progress = progress
    self.progressInterval = progressInterval
    self.shouldStop = shouldStop
    self.incumbent = incumbent
  }
}

/// The outcome of ``Problem/intopt(_:callback:)``.
public struct MIPReport: Sendable, Hashable {
  /// Why the wrapper stopped the search from its callback.
  public enum StopCause: Sendable, Hashable {
    /// The wall-clock time exceeded the time limit (GLPK's own limit is
    /// checked too rarely to be exact).
    case timeLimit
    /// ``MIPCallback/shouldStop`` returned `true`.
    case requested
    /// ``MIPCallback/iterationLimit`` simplex iterations were done.
    case iterationLimit
  }

  /// GLPK's return code. ``ReturnCode/stopped`` together with a
  /// ``stopCause`` of ``StopCause/timeLimit`` is a time limit.
  public var returnCode: ReturnCode
  /// Set when the wrapper stopped the search.
  public var stopCause: StopCause?
  /// The best node bound last seen during the search (nil if the search
  /// never selected a node).
  public var bestBound: Double?
  /// The number of nodes created.
  public var nodes: Int
  /// Whether the given incumbent was accepted by GLPK; `nil` if none was
  /// given or no heuristic request came before the search ended.
  public var incumbentAccepted: Bool?
  /// Seconds spent in `glp_intopt`.
  public var seconds: Double
  /// Simplex iterations done in `glp_intopt`.
  public var iterations: Int = 0
}

/// The state shared with the C callback through `cb_info`.
internal final class MIPCallbackContext {
  let stopwatch = Stopwatch()
  let timeLimit: Double
  let callback: MIPCallback
  /// The incumbent as a 1-based array (element 0 unused).
  let incumbent: [Double]?
  var incumbentAccepted: Bool?
  var stopCause: MIPReport.StopCause?
  var bestBound: Double?
  var nodes = 0
  var lastReport = -Double.infinity
  /// The problem's iteration count when the search started.
  let startIterations: Int

  init(timeLimit: Double, callback: MIPCallback, incumbent: [Double]?, startIterations: Int) {
    self.timeLimit = timeLimit
    self.callback = callback
    self.incumbent = incumbent
    self.startIterations = startIterations
  }

  /// Whether the search has done its iteration limit.
  func iterationsDone(_ tree: OpaquePointer) -> Bool {
    guard let limit = callback.iterationLimit else { return false }
    var active: Int32 = 0
    var current: Int32 = 0
    var total: Int32 = 0
    glp_ios_tree_size(tree, &active, &current, &total)
    let iterations = Int(glp_get_it_cnt(glp_ios_get_prob(tree))) - startIterations
    return iterations + Int(total) * callback.iterationsPerNode >= limit
  }

  /// Handles one callback; `tree` is the `glp_tree*`.
  func handle(_ tree: OpaquePointer) {
    let reason = glp_ios_reason(tree)
    if reason == GLP_IHEUR, incumbentAccepted == nil, let x = incumbent {
      let mip = glp_ios_get_prob(tree)
      if Int(glp_get_num_cols(mip)) == x.count - 1 {
        let result = x.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
        incumbentAccepted = result == 0
      } else {
        incumbentAccepted = false
      }
    }
    if reason == GLP_ISELECT || bestBound == nil {
      let best = glp_ios_best_node(tree)
      if best != 0 { bestBound = glp_ios_node_bound(tree, best) }
      var active: Int32 = 0
      var current: Int32 = 0
      var total: Int32 = 0
      glp_ios_tree_size(tree, &active, &current, &total)
      nodes = Int(total)
    }
    let elapsed = stopwatch.elapsed
    if stopCause == nil {
      if elapsed > timeLimit {
        stopCause = .timeLimit
        glp_ios_terminate(tree)
      } else if iterationsDone(tree) {
        stopCause = .iterationLimit
        glp_ios_terminate(tree)
      } else if let shouldStop = callback.shouldStop, shouldStop() {
        stopCause = .requested
        glp_ios_terminate(tree)
      }
    }
    if let progress = callback.progress, elapsed - lastReport >= callback.progressInterval {
      lastReport = elapsed
      let mip = glp_ios_get_prob(tree)
      let hasIncumbent = glp_mip_status(mip) == GLP_FEAS
      let gap = glp_ios_mip_gap(tree)
      progress(
        MIPProgress(
          incumbent: hasIncumbent ? glp_mip_obj_val(mip) : nil,
          bound: bestBound,
          gap: hasIncumbent && gap < .greatestFiniteMagnitude ? gap : nil,
          elapsed: elapsed,
          nodes: nodes))
    }
  }
}

extension Problem {
  /// Solves the MIP with branch and cut.
  ///
  /// With presolve off GLPK needs an optimal basis of the LP relaxation
  /// first (call ``simplex(_:)``); otherwise it returns
  /// ``ReturnCode/rootNotOptimal``. The callback reports progress, stops the
  /// search at the wall-clock limit (``MIPParameters/timeLimit``) or on
  /// request, and can inject a known solution (see
  /// ``MIPCallback/incumbent``). A time limit with a solution in hand is a
  /// result: read ``mipStatus`` and the values. The corresponding C function
  /// is `glp_intopt`.
  ///
  /// - Throws: ``GLPKError`` for invalid parameters, an incumbent that is
  ///   not feasible or given with presolve on, or a call from another
  ///   thread. Solver outcomes are never thrown.
  public func intopt(_ parameters: MIPParameters, callback: MIPCallback? = nil) throws -> MIPReport {
    try checkThread()
    var p = try parameters.cValue()
    var incumbent: [Double]?
    if let given = callback?.incumbent {
      guard !parameters.presolve else {
        throw GLPKError(
          .invalidArgument,
          "An incumbent can only be injected with the MIP presolver off: with presolve on, GLPK searches a transformed problem."
        )
      }
      let n = columnCount
      guard given.count == n else {
        throw GLPKError(
          .dimensionMismatch, "The incumbent has \(given.count) values for \(n) columns.")
      }
      var x = [Double](repeating: 0, count: n + 1)
      for j in 0..<n {
        let kind = glp_get_col_kind(handle, Int32(j + 1))
        x[j + 1] = kind == GLP_CV ? given[j] : given[j].rounded()
      }
      if let violation = try firstViolation(of: Array(x.dropFirst())) {
        throw GLPKError(.invalidArgument, "The incumbent is not feasible: \(violation).")
      }
      incumbent = x
    }
    if let interval = callback?.progressInterval, !(interval >= 0) {
      throw GLPKError(
        .invalidParameter, "The progress interval must be at least 0 seconds (got \(interval)).")
    }
    let context = MIPCallbackContext(
      timeLimit: parameters.timeLimit, callback: callback ?? MIPCallback(), incumbent: incumbent,
      startIterations: iterationCount)
    p.cb_func = { tree, info in
      guard let tree, let info else { return }
      Unmanaged<MIPCallbackContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
    }
    let code = withExtendedLifetime(context) { () -> Int32 in
      p.cb_info = Unmanaged.passUnretained(context).toOpaque()
      logBuffer.clear()
      return withCapturedOutput(into: logBuffer) { glp_intopt(handle, &p) }
    }
    return MIPReport(
      returnCode: ReturnCode(code: code),
      stopCause: context.stopCause,
      bestBound: context.bestBound,
      nodes: context.nodes,
      incumbentAccepted: context.incumbentAccepted,
      seconds: context.stopwatch.elapsed, iterations: iterationCount - context.startIterations)
  }
}
