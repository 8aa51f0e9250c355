import CGLPK

extension Problem {
  // MARK: - Simplex

  /// Solves the LP relaxation with the simplex method.
  ///
  /// With presolve off the simplex starts from the current basis (a warm
  /// start after bounds or costs changed). The returned code says whether the
  /// solver finished; ``lpStatus`` says what it found. GLPK's output is
  /// captured in ``log``. The corresponding C function is `glp_simplex`.
  ///
  /// - Throws: ``GLPKError`` for invalid parameters or a call from another
  ///   thread; solver outcomes are never thrown.
  public func simplex(_ parameters: SimplexParameters) throws -> ReturnCode {
    try checkThread()
    var p = try parameters.cValue()
    logBuffer.clear()
    let code = withCapturedOutput(into: logBuffer) { glp_simplex(handle, &p) }
    return ReturnCode(code: code)
  }

  /// The status of the basic solution. The corresponding C function is
  /// `glp_get_status`.
  public var lpStatus: SolutionStatus { SolutionStatus(code: glp_get_status(handle)) }

  /// The status of the primal basic solution. The corresponding C function
  /// is `glp_get_prim_stat`.
  public var primalStatus: SolutionStatus { SolutionStatus(code: glp_get_prim_stat(handle)) }

  /// The status of the dual basic solution. The corresponding C function is
  /// `glp_get_dual_stat`.
  public var dualStatus: SolutionStatus { SolutionStatus(code: glp_get_dual_stat(handle)) }

  /// The objective value of the basic solution, constant included. The
  /// corresponding C function is `glp_get_obj_val`.
  public var objectiveValue: Double { glp_get_obj_val(handle) }

  /// The primal value of column `j` in the basic solution. The corresponding
  /// C function is `glp_get_col_prim`.
  public func columnPrimal(_ j: Int) throws -> Double {
    glp_get_col_prim(handle, try checkColumn(j))
  }

  /// The reduced cost of column `j`. The corresponding C function is
  /// `glp_get_col_dual`.
  public func columnDual(_ j: Int) throws -> Double {
    glp_get_col_dual(handle, try checkColumn(j))
  }

  /// The activity of row `i` in the basic solution. The corresponding C
  /// function is `glp_get_row_prim`.
  public func rowPrimal(_ i: Int) throws -> Double {
    glp_get_row_prim(handle, try checkRow(i))
  }

  /// The dual value (shadow price) of row `i`. The corresponding C function
  /// is `glp_get_row_dual`.
  public func rowDual(_ i: Int) throws -> Double {
    glp_get_row_dual(handle, try checkRow(i))
  }

  /// The primal values of all columns; element 0 is column 1. The
  /// corresponding C function is `glp_get_col_prim`.
  public func columnPrimals() throws -> [Double] {
    try checkThread()
    return (0..<columnCount).map { glp_get_col_prim(handle, Int32($0 + 1)) }
  }

  /// The reduced costs of all columns; element 0 is column 1. The
  /// corresponding C function is `glp_get_col_dual`.
  public func columnDuals() throws -> [Double] {
    try checkThread()
    return (0..<columnCount).map { glp_get_col_dual(handle, Int32($0 + 1)) }
  }

  /// The activities of all rows; element 0 is row 1. The corresponding C
  /// function is `glp_get_row_prim`.
  public func rowPrimals() throws -> [Double] {
    try checkThread()
    return (0..<rowCount).map { glp_get_row_prim(handle, Int32($0 + 1)) }
  }

  /// The dual values of all rows; element 0 is row 1. The corresponding C
  /// function is `glp_get_row_dual`.
  public func rowDuals() throws -> [Double] {
    try checkThread()
    return (0..<rowCount).map { glp_get_row_dual(handle, Int32($0 + 1)) }
  }

  // MARK: - MIP solution

  /// The status of the integer solution. The corresponding C function is
  /// `glp_mip_status`.
  public var mipStatus: SolutionStatus { SolutionStatus(code: glp_mip_status(handle)) }

  /// The objective value of the integer solution, constant included. The
  /// corresponding C function is `glp_mip_obj_val`.
  public var mipObjectiveValue: Double { glp_mip_obj_val(handle) }

  /// The value of column `j` in the integer solution. The corresponding C
  /// function is `glp_mip_col_val`.
  public func mipColumnValue(_ j: Int) throws -> Double {
    glp_mip_col_val(handle, try checkColumn(j))
  }

  /// The values of all columns in the integer solution; element 0 is column
  /// 1. The corresponding C function is `glp_mip_col_val`.
  public func mipColumnValues() throws -> [Double] {
    try checkThread()
    return (0..<columnCount).map { glp_mip_col_val(handle, Int32($0 + 1)) }
  }

  /// The activities of all rows in the integer solution; element 0 is row 1.
  /// The corresponding C function is `glp_mip_row_val`.
  public func mipRowValues() throws -> [Double] {
    try checkThread()
    return (0..<rowCount).map { glp_mip_row_val(handle, Int32($0 + 1)) }
  }

  // MARK: - Feasibility

  /// Describes the first way `x` (element 0 = column 1) violates a column
  /// bound, integrality or row bound, or returns `nil` if it satisfies all
  /// of them within `tolerance` (relative to the size of the bound, at least
  /// absolute).
  ///
  /// - Complexity: O(nonzeros); reads the matrix column by column.
  public func firstViolation(of x: [Double], tolerance: Double = GLPKTuning.feasibilityTolerance) throws -> String? {
    try checkThread()
    let n = columnCount
    let m = rowCount
    guard x.count == n else {
      return "the point has \(x.count) values for \(n) columns"
    }
    func slack(_ bound: Double) -> Double { tolerance * max(1, abs(bound)) }
    var activity = [Double](repeating: 0, count: m + 1)
    for j in 1...max(1, n) where j <= n {
      let value = x[j - 1]
      let column = Int32(j)
      let label = glp_get_col_name(handle, column).map { " (\(String(cString: $0)))" } ?? ""
      guard value.isFinite else { return "column \(j)\(label) has the value \(value)" }
      let (lower, upper) = columnBoundsUnchecked(column)
      if value < lower - slack(lower) {
        return "column \(j)\(label) = \(value) is below its lower bound \(lower)"
      }
      if value > upper + slack(upper) {
        return "column \(j)\(label) = \(value) is above its upper bound \(upper)"
      }
      if glp_get_col_kind(handle, column) != GLP_CV, abs(value - value.rounded()) > tolerance {
        return "integer column \(j)\(label) = \(value) is not integral"
      }
      if value != 0 {
        for (i, a) in columnUnchecked(column) { activity[i] += a * value }
      }
    }
    for i in 1...max(1, m) where i <= m {
      let row = Int32(i)
      let (lower, upper) = Problem.bounds(
        type: glp_get_row_type(handle, row), glp_get_row_lb(handle, row),
        glp_get_row_ub(handle, row))
      let label = glp_get_row_name(handle, row).map { " (\(String(cString: $0)))" } ?? ""
      if activity[i] < lower - slack(lower) {
        return "row \(i)\(label) = \(activity[i]) is below its lower bound \(lower)"
      }
      if activity[i] > upper + slack(upper) {
        return "row \(i)\(label) = \(activity[i]) is above its upper bound \(upper)"
      }
    }
    return nil
  }
}
