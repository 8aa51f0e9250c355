/// A linear or mixed-integer program: named variables, named constraints
/// and an objective that is always **minimised**.
///
/// The model knows nothing about solvers. Constraints are stored in flat
/// arrays (compressed rows: row starts, `Int32` variable indices,
/// coefficients), so a model with millions of nonzeros costs about 12 bytes
/// per nonzero.
///
/// ```swift
/// var model = Model(name: "knapsack")
/// let x = model.addVariable("x", upper: 1, kind: .binary, objective: -10)
/// let y = model.addVariable("y", upper: 1, kind: .binary, objective: -13)
/// model.addConstraint("capacity", 5 * x + 6 * y, .lessOrEqual(10))
/// ```
public struct Model: Sendable {
  /// The model's name (used in exported files).
  public var name: String
  /// The constant term of the objective.
  public var objectiveConstant: Double = 0

  /// The variable names, by index.
  public private(set) var variableNames: [String] = []
  /// The variable lower bounds, by index (`-infinity` for none).
  public private(set) var variableLowerBounds: [Double] = []
  /// The variable upper bounds, by index (`+infinity` for none).
  public private(set) var variableUpperBounds: [Double] = []
  /// The variable kinds, by index.
  public private(set) var variableKinds: [VariableKind] = []
  /// The objective coefficients, by variable index.
  public private(set) var objectiveCoefficients: [Double] = []

  /// The constraint names, by index.
  public private(set) var constraintNames: [String] = []
  /// The constraint lower bounds, by index (`-infinity` for none).
  public private(set) var constraintLowerBounds: [Double] = []
  /// The constraint upper bounds, by index (`+infinity` for none).
  public private(set) var constraintUpperBounds: [Double] = []
  /// Where each constraint's terms start in ``rowVariables`` and
  /// ``rowCoefficients``; one more element than there are constraints.
  public private(set) var rowStarts: [Int] = [0]
  /// The variable indices of all constraint terms, row after row (sorted
  /// and unique within a row).
  public private(set) var rowVariables: [Int32] = []
  /// The coefficients of all constraint terms, parallel to ``rowVariables``.
  public private(set) var rowCoefficients: [Double] = []

  /// Creates an empty model.
  public init(name: String) {
    self.name = name
  }

  /// The number of variables.
  public var variableCount: Int { variableNames.count }
  /// The number of constraints.
  public var constraintCount: Int { constraintNames.count }
  /// The number of nonzero constraint coefficients.
  public var nonzeroCount: Int { rowVariables.count }
  /// All variables, in index order.
  public var variables: [Variable] { (0..<variableCount).map(Variable.init(index:)) }
  /// All constraints, in index order.
  public var constraints: [ConstraintRef] { (0..<constraintCount).map(ConstraintRef.init(index:)) }
  /// Whether some variable must be integral.
  public var hasIntegerVariables: Bool { variableKinds.contains { $0.isIntegral } }

  /// Reserves storage for the expected size of the model.
  public mutating func reserveCapacity(variables: Int, constraints: Int, nonzeros: Int) {
    variableNames.reserveCapacity(variables)
    variableLowerBounds.reserveCapacity(variables)
    variableUpperBounds.reserveCapacity(variables)
    variableKinds.reserveCapacity(variables)
    objectiveCoefficients.reserveCapacity(variables)
    constraintNames.reserveCapacity(constraints)
    constraintLowerBounds.reserveCapacity(constraints)
    constraintUpperBounds.reserveCapacity(constraints)
    rowStarts.reserveCapacity(constraints + 1)
    rowVariables.reserveCapacity(nonzeros)
    rowCoefficients.reserveCapacity(nonzeros)
  }

  // MARK: - Variables

  /// Adds a variable and returns it.
  ///
  /// A binary variable's bounds are intersected with `[0, 1]`.
  @discardableResult
  public mutating func addVariable(
    _ name: String, lower: Double = 0, upper: Double = .infinity,
    kind: VariableKind = .continuous, objective: Double = 0
  ) -> Variable {
    let v = Variable(index: variableNames.count)
    let (lo, hi) = Model.kindBounds(lower, upper, kind)
    variableNames.append(name)
    variableLowerBounds.append(lo)
    variableUpperBounds.append(hi)
    variableKinds.append(kind)
    objectiveCoefficients.append(objective)
    return v
  }

  private static func kindBounds(_ lower: Double, _ upper: Double, _ kind: VariableKind) -> (Double, Double) {
    kind == .binary ? (max(lower, 0), min(upper, 1)) : (lower, upper)
  }

  private func check(_ v: Variable) {
    precondition(
      v.index >= 0 && v.index < variableCount,
      "Model '\(name)': variable \(v.index) does not belong to this model (it has \(variableCount)).")
  }

  private func check(_ c: ConstraintRef) {
    precondition(
      c.index >= 0 && c.index < constraintCount,
      "Model '\(name)': constraint \(c.index) does not belong to this model (it has \(constraintCount)).")
  }

  /// The name of `v`.
  public func name(of v: Variable) -> String { check(v); return variableNames[v.index] }
  /// The lower bound of `v`.
  public func lower(of v: Variable) -> Double { check(v); return variableLowerBounds[v.index] }
  /// The upper bound of `v`.
  public func upper(of v: Variable) -> Double { check(v); return variableUpperBounds[v.index] }
  /// The kind of `v`.
  public func kind(of v: Variable) -> VariableKind { check(v); return variableKinds[v.index] }
  /// The objective coefficient of `v`.
  public func objective(of v: Variable) -> Double { check(v); return objectiveCoefficients[v.index] }

  /// Changes the bounds of `v` (intersected with `[0, 1]` if binary).
  public mutating func setBounds(_ v: Variable, lower: Double, upper: Double) {
    check(v)
    let (lo, hi) = Model.kindBounds(lower, upper, variableKinds[v.index])
    variableLowerBounds[v.index] = lo
    variableUpperBounds[v.index] = hi
  }

  /// Fixes `v` at `value`.
  public mutating func fix(_ v: Variable, at value: Double) {
    setBounds(v, lower: value, upper: value)
  }

  /// Changes the objective coefficient of `v`.
  public mutating func setObjective(_ v: Variable, _ coefficient: Double) {
    check(v)
    objectiveCoefficients[v.index] = coefficient
  }

  /// Changes the kind of `v` (making it binary intersects its bounds with
  /// `[0, 1]`).
  public mutating func setKind(_ v: Variable, _ kind: VariableKind) {
    check(v)
    variableKinds[v.index] = kind
    let (lo, hi) = Model.kindBounds(variableLowerBounds[v.index], variableUpperBounds[v.index], kind)
    variableLowerBounds[v.index] = lo
    variableUpperBounds[v.index] = hi
  }

  // MARK: - Constraints

  /// Adds the constraint `expression ⋈ relation` and returns it.
  ///
  /// Repeated variables are merged and zero coefficients dropped. The
  /// expression's constant moves to the bounds: `x + 3 ≤ 5` is stored as
  /// `x ≤ 2`.
  @discardableResult
  public mutating func addConstraint(
    _ name: String, _ expression: LinearExpression, _ relation: Relation
  ) -> ConstraintRef {
    let c = ConstraintRef(index: constraintNames.count)
    let (indices, values) = expression.mergedTerms()
    if let last = indices.last, let first = indices.first {
      precondition(
        first >= 0 && Int(last) < variableCount,
        "Model '\(self.name)': constraint '\(name)' uses a variable that does not belong to this model.")
    }
    let (lower, upper) = relation.bounds
    constraintNames.append(name)
    constraintLowerBounds.append(lower - expression.constant)
    constraintUpperBounds.append(upper - expression.constant)
    rowVariables.append(contentsOf: indices)
    rowCoefficients.append(contentsOf: values)
    rowStarts.append(rowVariables.count)
    return c
  }

  /// Adds the constraint `v ⋈ relation` and returns it.
  @discardableResult
  public mutating func addConstraint(_ name: String, _ v: Variable, _ relation: Relation) -> ConstraintRef {
    addConstraint(name, LinearExpression(v), relation)
  }

  /// The name of `c`.
  public func name(of c: ConstraintRef) -> String { check(c); return constraintNames[c.index] }

  /// The bounds of `c` (`±infinity` where none).
  public func bounds(of c: ConstraintRef) -> (lower: Double, upper: Double) {
    check(c)
    return (constraintLowerBounds[c.index], constraintUpperBounds[c.index])
  }

  /// Changes the bounds of `c`.
  public mutating func setBounds(_ c: ConstraintRef, lower: Double, upper: Double) {
    check(c)
    constraintLowerBounds[c.index] = lower
    constraintUpperBounds[c.index] = upper
  }

  /// The terms of `c`, sorted by variable.
  public func terms(of c: ConstraintRef) -> RowTerms {
    check(c)
    return RowTerms(
      variables: rowVariables, coefficients: rowCoefficients,
      range: rowStarts[c.index]..<rowStarts[c.index + 1])
  }

  /// A column-wise view of the constraint matrix: for each variable, the
  /// constraints it appears in with its coefficients.
  ///
  /// Building the view costs O(nonzeros); keep it while the model's
  /// constraints do not change.
  public func columns() -> ColumnView {
    ColumnView(model: self)
  }

  // MARK: - Evaluation

  /// The objective at `values` (one per variable), constant included.
  public func objectiveValue(_ values: [Double]) -> Double {
    var sum = objectiveConstant
    for j in 0..<min(values.count, variableCount) where objectiveCoefficients[j] != 0 {
      sum += objectiveCoefficients[j] * values[j]
    }
    return sum
  }

  /// The activity `Σ a·x` of `c` at `values` (one per variable).
  public func activity(of c: ConstraintRef, _ values: [Double]) -> Double {
    check(c)
    var sum = 0.0
    for k in rowStarts[c.index]..<rowStarts[c.index + 1] {
      sum += rowCoefficients[k] * values[Int(rowVariables[k])]
    }
    return sum
  }

  /// Checks that the model can be handed to a solver: every bound a number
  /// (not NaN), no crossed bounds, no lower bound of +infinity or upper
  /// bound of −infinity, integer variables with at least one integer value,
  /// finite coefficients.
  ///
  /// - Throws: ``ModelError`` naming the first offending variable or
  ///   constraint.
  public func validate() throws {
    guard objectiveConstant.isFinite else {
      throw ModelError("Model '\(name)': the objective constant is not finite (\(objectiveConstant)).")
    }
    for j in 0..<variableCount {
      let lo = variableLowerBounds[j]
      let hi = variableUpperBounds[j]
      let label = "variable '\(variableNames[j])'"
      try Model.checkBounds(lo, hi, label, model: name)
      if variableKinds[j].isIntegral {
        let noise = ModelingTuning.integerBoundTolerance
        let first = lo.isFinite ? (lo - noise * max(1, abs(lo))).rounded(.up) : lo
        let last = hi.isFinite ? (hi + noise * max(1, abs(hi))).rounded(.down) : hi
        guard first <= last else {
          throw ModelError(
            "Model '\(name)': integer \(label) has no integer value within its bounds [\(lo), \(hi)].")
        }
      }
      guard objectiveCoefficients[j].isFinite else {
        throw ModelError(
          "Model '\(name)': the objective coefficient of \(label) is not finite (\(objectiveCoefficients[j])).")
      }
    }
    for i in 0..<constraintCount {
      let label = "constraint '\(constraintNames[i])'"
      try Model.checkBounds(constraintLowerBounds[i], constraintUpperBounds[i], label, model: name)
      for k in rowStarts[i]..<rowStarts[i + 1] where !rowCoefficients[k].isFinite {
        throw ModelError(
          "Model '\(name)': the coefficient of variable '\(variableNames[Int(rowVariables[k])])' in \(label) is not finite (\(rowCoefficients[k]))."
        )
      }
    }
  }

  private static func checkBounds(_ lo: Double, _ hi: Double, _ label: String, model: String) throws {
    guard !lo.isNaN, !hi.isNaN else {
      throw ModelError("Model '\(model)': a bound of \(label) is not a number (NaN).")
    }
    guard lo != .infinity, hi != -.infinity else {
      throw ModelError(
        "Model '\(model)': \(label) has impossible bounds [\(lo), \(hi)] (lower +infinity or upper -infinity).")
    }
    guard lo <= hi else {
      throw ModelError("Model '\(model)': \(label) has its lower bound \(lo) above its upper bound \(hi).")
    }
  }
}
