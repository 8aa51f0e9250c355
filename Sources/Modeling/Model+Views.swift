/// The terms of one constraint, as a collection of (variable, coefficient)
/// pairs sorted by variable. Shares the model's storage; copying is cheap.
public struct RowTerms: RandomAccessCollection, Sendable {
  private let variables: [Int32]
  private let coefficients: [Double]
  private let range: Range<Int>

  internal init(variables: [Int32], coefficients: [Double], range: Range<Int>) {
    self.variables = variables
    self.coefficients = coefficients
    self.range = range
  }

  public var startIndex: Int { range.lowerBound }
  public var endIndex: Int { range.upperBound }

  public subscript(position: Int) -> (variable: Variable, coefficient: Double) {
    (Variable(index: Int(variables[position])), coefficients[position])
  }
}

/// A column-wise copy of a model's constraint matrix: for each variable, the
/// constraints it appears in and its coefficients there.
///
/// Meant for rounding and greedy heuristics that move one variable and must
/// update the rows it touches.
public struct ColumnView: Sendable {
  /// Where each variable's entries start; one more element than variables.
  public let columnStarts: [Int]
  /// The constraint indices of all entries, column after column (ascending
  /// within a column).
  public let rowIndices: [Int32]
  /// The coefficients, parallel to ``rowIndices``.
  public let coefficients: [Double]

  internal init(model: Model) {
    let n = model.variableCount
    var counts = [Int](repeating: 0, count: n + 1)
    for v in model.rowVariables { counts[Int(v) + 1] += 1 }
    for j in 0..<n { counts[j + 1] += counts[j] }
    var next = counts
    var rows = [Int32](repeating: 0, count: model.nonzeroCount)
    var values = [Double](repeating: 0, count: model.nonzeroCount)
    let starts = model.rowStarts
    for i in 0..<model.constraintCount {
      for k in starts[i]..<starts[i + 1] {
        let j = Int(model.rowVariables[k])
        rows[next[j]] = Int32(i)
        values[next[j]] = model.rowCoefficients[k]
        next[j] += 1
      }
    }
    columnStarts = counts
    rowIndices = rows
    coefficients = values
  }

  /// The number of variables.
  public var variableCount: Int { columnStarts.count - 1 }

  /// The entries of variable `v`: (constraint, coefficient) pairs.
  public subscript(_ v: Variable) -> Column {
    Column(view: self, range: columnStarts[v.index]..<columnStarts[v.index + 1])
  }

  /// The entries of one variable, as a collection of (constraint,
  /// coefficient) pairs sorted by constraint.
  public struct Column: RandomAccessCollection, Sendable {
    fileprivate let view: ColumnView
    fileprivate let range: Range<Int>

    public var startIndex: Int { range.lowerBound }
    public var endIndex: Int { range.upperBound }

    public subscript(position: Int) -> (constraint: ConstraintRef, coefficient: Double) {
      (ConstraintRef(index: Int(view.rowIndices[position])), view.coefficients[position])
    }
  }
}
