/// The constants of this target that trade solve time against solution
/// quality or reporting, in one place. Changing one changes results.
enum GLPKBackendTuning {
  /// Seconds between two progress reports of a MIP search (at most five a
  /// second): shorter is fresher progress, longer is less callback work.
  static let progressInterval = 0.2
  /// Relative margin by which the given starting solution must beat GLPK's
  /// solution to replace it: smaller prefers the start on smaller gains,
  /// larger keeps GLPK's solution when both are within rounding noise.
  static let startPreferenceTolerance = 1e-9
}
