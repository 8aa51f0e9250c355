/// One way a point violates a model: a bound, an integrality requirement
/// or a constraint, named.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
  /// What is violated.
  public enum Kind: Sendable, Hashable {
    /// The point has the wrong number of values (``Violation/value`` is the
    /// count given, ``Violation/limit`` the count expected).
    case wrongValueCount
    /// A value is NaN or infinite.
    case notFinite
    /// A variable lies below its lower bound.
    case variableBelowLowerBound
    /// A variable lies above its upper bound.
    case variableAboveUpperBound
    /// An integer or binary variable has a fractional value (``limit`` is
    /// the nearest integer).
    case notIntegral
    /// A constraint's activity lies below its lower bound.
    case constraintBelowLowerBound
    /// A constraint's activity lies above its upper bound.
    case constraintAboveUpperBound
  }

  /// What is violated.
  public let kind: Kind
  /// The name of the variable or constraint.
  public let name: String
  /// The variable, if the violation concerns one.
  public let variable: Variable?
  /// The constraint, if the violation concerns one.
  public let constraint: ConstraintRef?
  /// The value or activity found.
  public let value: Double
  /// The bound (or integer) it should respect.
  public let limit: Double

  /// How far the value is from what is allowed.
  public var amount: Double { abs(value - limit) }

  public var description: String {
    switch kind {
    case .wrongValueCount:
      return "the solution has \(Int(value)) values for \(Int(limit)) variables"
    case .notFinite:
      return "variable '\(name)' has the value \(value)"
    case .variableBelowLowerBound:
      return "variable '\(name)' = \(value) is below its lower bound \(limit) by \(amount)"
    case .variableAboveUpperBound:
      return "variable '\(name)' = \(value) is above its upper bound \(limit) by \(amount)"
    case .notIntegral:
      return "integer variable '\(name)' = \(value) is not integral"
    case .constraintBelowLowerBound:
      return "constraint '\(name)' = \(value) is below its lower bound \(limit) by \(amount)"
    case .constraintAboveUpperBound:
      return "constraint '\(name)' = \(value) is above its upper bound \(limit) by \(amount)"
    }
  }
}

extension Model {
  /// Every bound, integrality requirement and constraint that `values`
  /// (one per variable, by index) violates by more than `tolerance`.
  ///
  /// Like a primal feasibility report: an empty result means the point is
  /// feasible. Constraints are only checked when every value is finite.
  ///
  /// - Complexity: O(variables + nonzeros).
  public func violations(_ values: [Double], tolerance: Double = ModelingTuning.feasibilityTolerance) -> [Violation] {
    guard values.count == variableCount else {
      return [
        Violation(
          kind: .wrongValueCount, name: name, variable: nil, constraint: nil,
          value: Double(values.count), limit: Double(variableCount))
      ]
    }
    var found: [Violation] = []
    var allFinite = true
    for j in 0..<variableCount {
      let x = values[j]
      let v = Variable(index: j)
      func add(_ kind: Violation.Kind, _ limit: Double) {
        found.append(
          Violation(
            kind: kind, name: variableNames[j], variable: v, constraint: nil, value: x,
            limit: limit))
      }
      guard x.isFinite else {
        allFinite = false
        add(.notFinite, 0)
        continue
      }
      if x < variableLowerBounds[j] - tolerance { add(.variableBelowLowerBound, variableLowerBounds[j]) }
      if x > variableUpperBounds[j] + tolerance { add(.variableAboveUpperBound, variableUpperBounds[j]) }
      if variableKinds[j].isIntegral, abs(x - x.rounded()) > tolerance { add(.notIntegral, x.rounded()) }
    }
    guard allFinite else { return found }
    for i in 0..<constraintCount {
      let c = ConstraintRef(index: i)
      let activity = activity(of: c, values)
      let lower = constraintLowerBounds[i]
      let upper = constraintUpperBounds[i]
      if activity < lower - tolerance {
        found.append(
          Violation(
            kind: .constraintBelowLowerBound, name: constraintNames[i], variable: nil,
            constraint: c, value: activity, limit: lower))
      } else if activity > upper + tolerance {
        found.append(
          Violation(
            kind: .constraintAboveUpperBound, name: constraintNames[i], variable: nil,
            constraint: c, value: activity, limit: upper))
      }
    }
    return found
  }

  /// Whether `values` satisfies every bound, integrality requirement and
  /// constraint within `tolerance`.
  public func isFeasible(_ values: [Double], tolerance: Double = ModelingTuning.feasibilityTolerance) -> Bool {
    violations(values, tolerance: tolerance).isEmpty
  }
}
