/// The constants of this target that trade exactness against tolerance of
/// rounding noise, in one place. Changing one changes results.
@usableFromInline
enum ModelingTuning {
  /// Default tolerance of ``Model/violations(_:tolerance:)`` and
  /// ``Model/isFeasible(_:tolerance:)``: larger accepts less exact points.
  @usableFromInline static let feasibilityTolerance = 1e-6
  /// Relative rounding noise forgiven when ``Model/validate()`` looks for an
  /// integer value within an integer variable's bounds; the same as the
  /// GLPK wrapper's rounding of integer column bounds, so that a model that
  /// validates also loads.
  static let integerBoundTolerance = 1e-9
}
