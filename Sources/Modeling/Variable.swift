/// A decision variable of a ``Model``: a number, valid in the model that
/// created it.
public struct Variable: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The variable's position in its model, from 0.
  public let index: Int

  /// Creates a reference to the variable at `index`.
  public init(index: Int) { self.index = index }

  public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }

  public var description: String { "v\(index)" }
}

/// A constraint of a ``Model``: a number, valid in the model that created it.
public struct ConstraintRef: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The constraint's position in its model, from 0.
  public let index: Int

  /// Creates a reference to the constraint at `index`.
  public init(index: Int) { self.index = index }

  public static func < (lhs: ConstraintRef, rhs: ConstraintRef) -> Bool { lhs.index < rhs.index }

  public var description: String { "c\(index)" }
}

/// The domain of a variable.
public enum VariableKind: Sendable, Hashable {
  /// Any real number between the bounds.
  case continuous
  /// An integer between the bounds.
  case integer
  /// 0 or 1 (the bounds are intersected with `[0, 1]`).
  case binary

  /// Whether values must be integral.
  public var isIntegral: Bool { self != .continuous }
}

/// The right-hand side of a constraint `expression ⋈ value`.
public enum Relation: Sendable, Hashable {
  /// `expression ≤ value`.
  case lessOrEqual(Double)
  /// `expression ≥ value`.
  case greaterOrEqual(Double)
  /// `expression = value`.
  case equal(Double)
  /// `lower ≤ expression ≤ upper`.
  case between(Double, Double)

  /// The relation as a lower and an upper bound (`±infinity` where none).
  public var bounds: (lower: Double, upper: Double) {
    switch self {
    case .lessOrEqual(let value): return (-.infinity, value)
    case .greaterOrEqual(let value): return (value, .infinity)
    case .equal(let value): return (value, value)
    case .between(let lower, let upper): return (lower, upper)
    }
  }
}

/// An invalid model: a bound or coefficient that no solver could accept.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A sentence describing the problem.
  public let message: String

  /// Creates an error with a sentence.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
