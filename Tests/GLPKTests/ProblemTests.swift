import GLPK
import Testing

@Suite("Problem: building and checking")
struct ProblemTests {
  @Test func lifecycleCountsAndNames() throws {
    for _ in 0..<20 {
      // Many problems created and released on one thread: the environment is
      // freed with the last one and re-created for the next.
      let p = Problem(name: "life")
      #expect(p.rowCount == 0 && p.columnCount == 0)
      #expect(try p.addRows(3) == 1...3)
      #expect(try p.addColumns(2) == 1...2)
      #expect(try p.addRows(0) == nil)
      #expect(try p.addRows(2) == 4...5)
      #expect(p.rowCount == 5 && p.columnCount == 2)
      try p.setRowName(4, "fourth")
      #expect(try p.rowName(4) == "fourth")
      #expect(try p.rowName(1) == nil)
      #expect(p.name == "life")
    }
    // Two problems alive at once on one thread.
    let a = Problem()
    let b = Problem()
    try a.addColumns(1)
    try b.addColumns(2)
    #expect(a.columnCount == 1 && b.columnCount == 2)
  }

  @Test func invalidIndicesThrowInsteadOfAborting() throws {
    let p = try makeSmallLP()
    let cases: [() throws -> Void] = [
      { try p.setRowBounds(0, lower: 0, upper: 1) },
      { try p.setRowBounds(3, lower: 0, upper: 1) },
      { try p.setColumnBounds(-1, lower: 0, upper: 1) },
      { try p.setColumnBounds(3, lower: 0, upper: 1) },
      { try p.setColumnKind(0, .integer) },
      { try p.setObjectiveCoefficient(7, 1) },
      { _ = try p.rowDual(9) },
      { _ = try p.columnPrimal(0) },
      { try p.setRowName(5, "x") },
      { try p.setRow(1, columns: [3], values: [1]) },
      { try p.setColumn(1, rows: [0], values: [1]) },
    ]
    for body in cases {
      let error = try #require(throws: GLPKError.self) { try body() }
      #expect(error.code == .invalidIndex)
    }
  }

  @Test func invalidBoundsAndValuesThrow() throws {
    let p = try makeSmallLP()
    #expect(throws: GLPKError.self) { try p.setRowBounds(1, lower: 5, upper: 4) }
    #expect(throws: GLPKError.self) { try p.setRowBounds(1, lower: .nan, upper: 4) }
    #expect(throws: GLPKError.self) { try p.setColumnBounds(1, lower: .infinity, upper: .infinity) }
    #expect(throws: GLPKError.self) { try p.setColumnBounds(1, lower: 0, upper: -.infinity) }
    #expect(throws: GLPKError.self) { try p.setObjectiveCoefficient(1, .nan) }
    #expect(throws: GLPKError.self) { try p.setObjectiveConstant(.infinity) }
    #expect(throws: GLPKError.self) { try p.addRows(-1) }
    #expect(throws: GLPKError.self) { try p.addColumns(Problem.maximumDimension) }
    // Nothing changed after the failed calls.
    #expect(try p.rowBounds(1) == (-.infinity, 4))
    #expect(try p.objectiveCoefficient(1) == -3)
  }

  @Test func loadMatrixChecksEverything() throws {
    let p = try makeSmallLP()
    func code(_ body: () throws -> Void) -> GLPKError.Code? {
      do { try body() } catch let error as GLPKError { return error.code } catch { return nil }
      return nil
    }
    #expect(code { try p.loadMatrix(rows: [1, 2], columns: [1], values: [1, 1]) } == .dimensionMismatch)
    #expect(code { try p.loadMatrix(rows: [3], columns: [1], values: [1]) } == .invalidIndex)
    #expect(code { try p.loadMatrix(rows: [1], columns: [0], values: [1]) } == .invalidIndex)
    #expect(code { try p.loadMatrix(rows: [1], columns: [1], values: [.nan]) } == .invalidValue)
    #expect(code { try p.loadMatrix(rows: [1], columns: [1], values: [.infinity]) } == .invalidValue)
    let duplicate = code {
      try p.loadMatrix(rows: [2, 1, 2], columns: [1, 2, 1], values: [1, 2, 3])
    }
    #expect(duplicate == .invalidArgument)
    #expect(code { try p.setRow(1, columns: [1, 1], values: [1, 2]) } == .invalidArgument)
    // The matrix is still the original one.
    #expect(p.nonzeroCount == 4)
    let row = try p.row(2)
    #expect(row.map(\.column) == [1, 2] && row.map(\.value) == [2, 1])
    // Same row twice in different columns, and the same column in different rows, are fine.
    try p.loadMatrix(rows: [1, 1, 2], columns: [1, 2, 1], values: [1, 0, 5])
    #expect(p.nonzeroCount == 2)  // GLPK drops the zero
  }

  @Test func integerAndBinaryBoundsAreRounded() throws {
    let p = Problem()
    try p.addColumns(3)
    try p.setColumnBounds(1, lower: 0.2, upper: 3.7)
    try p.setColumnKind(1, .integer)
    #expect(try p.columnBounds(1) == (1, 3))
    try p.setColumnBounds(1, lower: -2.5, upper: .infinity)
    #expect(try p.columnBounds(1) == (-2, .infinity))
    // Rounding noise is forgiven.
    try p.setColumnBounds(1, lower: 2.9999999999, upper: 3.0000000001)
    #expect(try p.columnBounds(1) == (3, 3))
    // No integer inside: throws and leaves the column as it was.
    #expect(throws: GLPKError.self) { try p.setColumnBounds(1, lower: 0.2, upper: 0.8) }
    #expect(try p.columnBounds(1) == (3, 3))

    try p.setColumnBounds(2, lower: 1, upper: 1)
    try p.setColumnKind(2, .binary)  // a fixing survives
    #expect(try p.columnBounds(2) == (1, 1))
    try p.setColumnBounds(2, lower: 0, upper: 5)
    #expect(try p.columnBounds(2) == (0, 1))
    #expect(try p.columnKind(2) == .binary)

    try p.setColumnBounds(3, lower: 2, upper: 4)
    #expect(throws: GLPKError.self) { try p.setColumnKind(3, .binary) }
    #expect(try p.columnKind(3) == .continuous)
  }

  @Test func namesAreSanitized() throws {
    let p = Problem()
    try p.addColumns(3)
    try p.setColumnName(1, String(repeating: "a", count: 300))
    #expect(try p.columnName(1)?.utf8.count == 255)
    // Three-byte characters: 85 fit in 255 bytes; the cut keeps whole characters.
    try p.setColumnName(2, String(repeating: "班", count: 100))
    #expect(try p.columnName(2) == String(repeating: "班", count: 85))
    try p.setColumnName(3, "a\tb\nc\u{7F}")
    #expect(try p.columnName(3) == "a_b_c_")
    try p.setColumnName(3, "")
    #expect(try p.columnName(3) == nil)
  }

  @Test func useFromAnotherThreadThrows() throws {
    let p = try makeSmallLP()
    nonisolated(unsafe) unowned let shared = p  // the thread must not own it
    let outcome = Shared<GLPKError.Code?>(nil)
    onNewThread {
      do {
        try shared.setRowBounds(1, lower: 0, upper: 1)
      } catch let error as GLPKError {
        outcome.value = error.code
      } catch {}
    }
    #expect(outcome.value == .wrongThread)
    // Still usable on its own thread.
    #expect(try p.simplex(SimplexParameters(timeLimit: 5)) == .success)
  }

  @Test func parametersAreChecked() throws {
    let p = try makeSmallLP()
    #expect(throws: GLPKError.self) { _ = try p.simplex(SimplexParameters(timeLimit: -1)) }
    #expect(throws: GLPKError.self) { _ = try p.simplex(SimplexParameters(timeLimit: .nan)) }
    #expect(throws: GLPKError.self) { _ = try p.simplex(SimplexParameters(timeLimit: .infinity)) }
    #expect(throws: GLPKError.self) {
      _ = try p.simplex(SimplexParameters(timeLimit: 1, iterationLimit: -5))
    }
    #expect(throws: GLPKError.self) {
      _ = try p.intopt(MIPParameters(timeLimit: 1, relativeGap: -0.1))
    }
    #expect(ReturnCode(code: 0x09) == .timeLimit)
    #expect(ReturnCode(code: 0x0D) == .stopped)
    #expect(ReturnCode(code: 77) == .unknown)
    #expect(!ReturnCode.timeLimit.isFailure)
    #expect(ReturnCode.rootNotOptimal.isFailure)
    #expect(ReturnCode.mipGapReached.description.contains("gap"))
  }
}
