/// The constants of this target that trade solve time against solution
/// quality, in one place. The parameter defaults are GLPK's own defaults
/// (the wrapper sets them explicitly). Changing one changes results.
@usableFromInline
enum GLPKTuning {
  /// Default primal feasibility tolerance of the simplex (`tol_bnd`): smaller
  /// gives more exact points, at the cost of more iterations and more
  /// numerical failures.
  static let primalTolerance = 1e-7
  /// Default dual feasibility tolerance of the simplex (`tol_dj`): smaller
  /// proves optimality more exactly, at the cost of more iterations.
  static let dualTolerance = 1e-7
  /// Default integrality tolerance of branch and cut (`tol_int`): smaller
  /// accepts fewer near-integral LP points as integer, so more branching.
  static let integerTolerance = 1e-5
  /// Default time limit of the proximity search heuristic, in seconds
  /// (`ps_tm_lim`): longer may improve its solution, at the cost of time
  /// taken from the search.
  static let proximitySearchTimeLimit: Double = 60
  /// Default seconds between two progress reports of the branch-and-cut
  /// callback: shorter is fresher progress, longer is less callback work.
  @usableFromInline static let progressInterval = 0.2
  /// Default tolerance of ``Problem/firstViolation(of:tolerance:)`` (relative
  /// to the bound, at least absolute): larger accepts less exact points.
  @usableFromInline static let feasibilityTolerance = 1e-6
  /// Relative rounding noise forgiven when integer column bounds are rounded
  /// inwards: larger treats more near-integral bounds as integral.
  static let integerBoundTolerance = 1e-9
}
