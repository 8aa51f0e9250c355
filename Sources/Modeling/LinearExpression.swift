/// A linear expression `Σ coefficient · variable + constant`.
///
/// Terms are stored as two parallel arrays in the order they were added; the
/// same variable may appear several times. ``terms`` merges them.
///
/// ```swift
/// var load = LinearExpression()
/// for (seat, hours) in zip(seats, hours) { load.add(hours, seat) }
/// let balance = 2 * x + y - z + 5
/// ```
public struct LinearExpression: Sendable {
  /// The variables of the terms, in insertion order (may repeat).
  public private(set) var variables: [Variable] = []
  /// The coefficients of the terms, parallel to ``variables``.
  public private(set) var coefficients: [Double] = []
  /// The constant term.
  public var constant: Double = 0

  /// Creates the zero expression.
  public init() {}

  /// Creates the expression `1 · v`.
  public init(_ v: Variable) {
    variables = [v]
    coefficients = [1]
  }

  /// Creates a constant expression.
  public init(constant: Double) {
    self.constant = constant
  }

  /// Creates an expression from parallel arrays of variables and
  /// coefficients.
  public init(variables: [Variable], coefficients: [Double], constant: Double = 0) {
    precondition(
      variables.count == coefficients.count,
      "LinearExpression: \(variables.count) variables but \(coefficients.count) coefficients")
    self.variables = variables
    self.coefficients = coefficients
    self.constant = constant
  }

  /// The sum of the given variables, each with coefficient 1.
  public static func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
    var expression = LinearExpression()
    for v in variables { expression.add(1, v) }
    return expression
  }

  /// The number of stored terms (before merging).
  public var storedTermCount: Int { variables.count }

  /// Reserves room for `count` terms.
  public mutating func reserveCapacity(_ count: Int) {
    variables.reserveCapacity(count)
    coefficients.reserveCapacity(count)
  }

  /// Adds `coefficient · v`. A zero coefficient is ignored.
  public mutating func add(_ coefficient: Double, _ v: Variable) {
    guard coefficient != 0 else { return }
    variables.append(v)
    coefficients.append(coefficient)
  }

  /// Adds `factor · other`, constant included.
  public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
    guard factor != 0 else { return }
    variables.append(contentsOf: other.variables)
    if factor == 1 {
      coefficients.append(contentsOf: other.coefficients)
    } else {
      coefficients.append(contentsOf: other.coefficients.lazy.map { $0 * factor })
    }
    constant += factor * other.constant
  }

  /// The terms with duplicates merged and zeros dropped, sorted by variable.
  public var terms: [(variable: Variable, coefficient: Double)] {
    let (indices, values) = mergedTerms()
    return (0..<indices.count).map { (Variable(index: Int(indices[$0])), values[$0]) }
  }

  /// The merged terms as parallel arrays (variable indices, coefficients),
  /// sorted by variable, without zeros.
  public func mergedTerms() -> (variables: [Int32], coefficients: [Double]) {
    let count = variables.count
    // Fast path: already strictly increasing without zeros.
    var sorted = true
    var previous = -1
    for k in 0..<count {
      let index = variables[k].index
      if index <= previous || coefficients[k] == 0 {
        sorted = false
        break
      }
      previous = index
    }
    if sorted {
      return (variables.map { Int32(truncatingIfNeeded: $0.index) }, coefficients)
    }
    let order = (0..<count).sorted { variables[$0].index < variables[$1].index }
    var outIndices: [Int32] = []
    var outValues: [Double] = []
    outIndices.reserveCapacity(count)
    outValues.reserveCapacity(count)
    var position = 0
    while position < count {
      let index = variables[order[position]].index
      var sum = 0.0
      while position < count, variables[order[position]].index == index {
        sum += coefficients[order[position]]
        position += 1
      }
      if sum != 0 {
        outIndices.append(Int32(truncatingIfNeeded: index))
        outValues.append(sum)
      }
    }
    return (outIndices, outValues)
  }

  /// The value of the expression at `values` (one per variable of the
  /// model, by index).
  public func evaluate(_ values: [Double]) -> Double {
    var sum = constant
    for k in 0..<variables.count { sum += coefficients[k] * values[variables[k].index] }
    return sum
  }
}

// MARK: - Operators

/// `lhs + rhs`.
public func + (lhs: Variable, rhs: Variable) -> LinearExpression {
  LinearExpression(variables: [lhs, rhs], coefficients: [1, 1])
}

/// `lhs - rhs`.
public func - (lhs: Variable, rhs: Variable) -> LinearExpression {
  LinearExpression(variables: [lhs, rhs], coefficients: [1, -1])
}

/// `coefficient · v`.
public func * (coefficient: Double, v: Variable) -> LinearExpression {
  var result = LinearExpression()
  result.add(coefficient, v)
  return result
}

/// `factor · expression`.
public func * (factor: Double, expression: LinearExpression) -> LinearExpression {
  var result = LinearExpression()
  result.add(expression, times: factor)
  return result
}

/// `−expression`.
public prefix func - (expression: LinearExpression) -> LinearExpression {
  -1 * expression
}

/// `lhs + rhs`.
public func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
  var result = lhs
  result.add(rhs)
  return result
}

/// `lhs − rhs`.
public func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
  var result = lhs
  result.add(rhs, times: -1)
  return result
}

/// `lhs + rhs`.
public func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
  var result = lhs
  result.add(1, rhs)
  return result
}

/// `lhs − rhs`.
public func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
  var result = lhs
  result.add(-1, rhs)
  return result
}

/// `lhs + rhs`.
public func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
  var result = rhs
  result.add(1, lhs)
  return result
}

/// `lhs − rhs`.
public func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
  var result = -rhs
  result.add(1, lhs)
  return result
}

/// `lhs + constant`.
public func + (lhs: LinearExpression, rhs: Double) -> LinearExpression {
  var result = lhs
  result.constant += rhs
  return result
}

/// `constant + rhs`.
public func + (lhs: Double, rhs: LinearExpression) -> LinearExpression {
  var result = rhs
  result.constant += lhs
  return result
}

/// `lhs − constant`.
public func - (lhs: LinearExpression, rhs: Double) -> LinearExpression {
  var result = lhs
  result.constant -= rhs
  return result
}

/// `lhs += rhs`.
public func += (lhs: inout LinearExpression, rhs: LinearExpression) {
  lhs.add(rhs)
}

/// `lhs −= rhs`.
public func -= (lhs: inout LinearExpression, rhs: LinearExpression) {
  lhs.add(rhs, times: -1)
}

/// `lhs += v`.
public func += (lhs: inout LinearExpression, rhs: Variable) {
  lhs.add(1, rhs)
}

/// `lhs −= v`.
public func -= (lhs: inout LinearExpression, rhs: Variable) {
  lhs.add(-1, rhs)
}

/// `lhs += constant`.
public func += (lhs: inout LinearExpression, rhs: Double) {
  lhs.constant += rhs
}

/// `lhs −= constant`.
public func -= (lhs: inout LinearExpression, rhs: Double) {
  lhs.constant -= rhs
}

/// `v + constant`.
public func + (lhs: Variable, rhs: Double) -> LinearExpression {
  var result = LinearExpression(lhs)
  result.constant = rhs
  return result
}

/// `v − constant`.
public func - (lhs: Variable, rhs: Double) -> LinearExpression {
  var result = LinearExpression(lhs)
  result.constant = -rhs
  return result
}

/// `−v`.
public prefix func - (v: Variable) -> LinearExpression {
  -1 * v
}
