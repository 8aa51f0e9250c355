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

  /// Writes the problem in CPLEX LP format.
  ///
  /// Names that CPLEX LP cannot hold are replaced by GLPK with generic ones
  /// (`r_1`, `x_1`); give valid, unique names to keep them. The
  /// corresponding C function is `glp_write_lp`.
  public func writeCPLEXLP(to path: String) throws {
    try checkThread()
    try Problem.checkPath(path)
    logBuffer.clear()
    let code = withCapturedOutput(into: logBuffer) { glp_write_lp(handle, nil, path) }
    guard code == 0 else {
      throw GLPKError(.fileError, "Could not write the CPLEX LP file '\(path)': \(lastLogLine)")
    }
  }

  /// Writes the problem in free MPS format.
  ///
  /// The corresponding C function is `glp_write_mps` with `GLP_MPS_FILE`.
  public func writeMPS(to path: String) throws {
    try checkThread()
    try Problem.checkPath(path)
    logBuffer.clear()
    let code = withCapturedOutput(into: logBuffer) {
      glp_write_mps(handle, GLP_MPS_FILE, nil, path)
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
