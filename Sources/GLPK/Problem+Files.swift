import CGLPK

extension Problem {
  /// Throws unless `path` can be handed to C.
  private static func checkPath(_ path: String) throws {
    guard !path.isEmpty, !path.utf8.contains(0) else {
      throw GLPKError(.fileError, "The file path '\(path)' is empty or contains a NUL character.")
    }
  }

  /// The last line GLPK wrote, for error messages.
  private var lastLogLine: String {
    let lines = log.split(separator: "\n").map { $0.trimmingCharacters() }
    return lines.last(where: { !$0.isEmpty }) ?? "no details"
  }

  /// The name of the column that carries a nonzero objective constant in
  /// written files.
  public static let objectiveConstantColumnName = "objective_constant"

  /// Calls `body` with this problem, or, if the objective has a constant,
  /// with a copy in which the constant is the cost of an extra column fixed
  /// at 1.
  ///
  /// GLPK writes the constant of a CPLEX LP objective only as a comment, and
  /// MPS readers disagree on the sign of an objective right-hand side; a
  /// fixed column reads the same everywhere.
  private func withPortableObjective(_ body: (OpaquePointer) -> Int32) -> Int32 {
    let constant = glp_get_obj_coef(handle, 0)
    guard constant != 0 else { return body(handle) }
    let copy = Problem()
    glp_copy_prob(copy.handle, handle, GLP_ON)
    var taken = Set<String>()
    for j in 1...max(1, columnCount) where j <= columnCount {
      if let name = glp_get_col_name(handle, Int32(j)) { taken.insert(String(cString: name)) }
    }
    var name = Problem.objectiveConstantColumnName
    var suffix = 2
    while taken.contains(name) {
      name = "\(Problem.objectiveConstantColumnName)_\(suffix)"
      suffix += 1
    }
    let j = glp_add_cols(copy.handle, 1)
    name.withCString { glp_set_col_name(copy.handle, j, $0) }
    glp_set_col_bnds(copy.handle, j, GLP_FX, 1, 1)
    glp_set_obj_coef(copy.handle, j, constant)
    glp_set_obj_coef(copy.handle, 0, 0)
    return withExtendedLifetime(copy) { body(copy.handle) }
  }

  /// Writes the problem in CPLEX LP format.
  ///
  /// Names that CPLEX LP cannot hold are replaced by GLPK with generic ones
  /// (`r_1`, `x_1`); give valid, unique names to keep them. A nonzero
  /// objective constant is written as the cost of a column
  /// ``objectiveConstantColumnName`` fixed at 1 (GLPK would write it as a
  /// comment only). The corresponding C function is `glp_write_lp`.
  public func writeCPLEXLP(to path: String) throws {
    try checkThread()
    try Problem.checkPath(path)
    logBuffer.clear()
    let code = withCapturedOutput(into: logBuffer) {
      withPortableObjective { glp_write_lp($0, nil, path) }
    }
    guard code == 0 else {
      throw GLPKError(.fileError, "Could not write the CPLEX LP file '\(path)': \(lastLogLine)")
    }
  }

  /// Writes the problem in free MPS format.
  ///
  /// A nonzero objective constant is written as the cost of a column
  /// ``objectiveConstantColumnName`` fixed at 1 (readers disagree on the
  /// sign of an objective right-hand side). The corresponding C function is
  /// `glp_write_mps` with `GLP_MPS_FILE`.
  public func writeMPS(to path: String) throws {
    try checkThread()
    try Problem.checkPath(path)
    logBuffer.clear()
    let code = withCapturedOutput(into: logBuffer) {
      withPortableObjective { glp_write_mps($0, GLP_MPS_FILE, nil, path) }
    }
    guard code == 0 else {
      throw GLPKError(.fileError, "Could not write the MPS file '\(path)': \(lastLogLine)")
    }
  }

  /// Reads a problem in CPLEX LP format into a new problem object.
  ///
  /// The corresponding C function is `glp_read_lp`.
  public static func readCPLEXLP(from path: String) throws -> Problem {
    try checkPath(path)
    let problem = Problem()
    let code = withCapturedOutput(into: problem.logBuffer) {
      glp_read_lp(problem.handle, nil, path)
    }
    guard code == 0 else {
      throw GLPKError(
        .fileError, "Could not read the CPLEX LP file '\(path)': \(problem.lastLogLine)")
    }
    problem.resetBinaryFlags()
    return problem
  }

  /// Reads a problem in free MPS format into a new problem object.
  ///
  /// The corresponding C function is `glp_read_mps` with `GLP_MPS_FILE`.
  public static func readMPS(from path: String) throws -> Problem {
    try checkPath(path)
    let problem = Problem()
    let code = withCapturedOutput(into: problem.logBuffer) {
      glp_read_mps(problem.handle, GLP_MPS_FILE, nil, path)
    }
    guard code == 0 else {
      throw GLPKError(.fileError, "Could not read the MPS file '\(path)': \(problem.lastLogLine)")
    }
    problem.resetBinaryFlags()
    return problem
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> String {
    var s = self[...]
    while let first = s.first, first.isWhitespace { s = s.dropFirst() }
    while let last = s.last, last.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
