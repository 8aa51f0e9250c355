import CGLPK

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An LP/MIP problem object: the owner of one GLPK `glp_prob`.
///
/// Rows and columns are numbered as in GLPK, from 1. Every index, bound and
/// value is checked in Swift before the C call; a bad argument throws a
/// ``GLPKError`` instead of letting GLPK abort the process.
///
/// - Warning: A problem belongs to the thread that created it. GLPK keeps
///   its environment per thread, so every method throws
///   ``GLPKError/Code-swift.struct/wrongThread`` when called from another
///   thread. Release the problem on its own thread too: if the last
///   reference goes away elsewhere, the problem is leaked (with a warning on
///   standard error) rather than freed in the wrong environment.
public final class Problem {
  /// The `glp_prob*`.
  internal let handle: OpaquePointer
  /// The thread that created the problem.
  private let owner: pthread_t
  /// The output of the last solver or file call.
  internal let logBuffer = LogBuffer()
  /// Which columns were declared binary (element 0 = column 1). GLPK only
  /// knows integer columns; a binary one fixed at 1 would look integer.
  internal var binaryColumns: [Bool] = []
  /// Scratch buffers for reading matrix rows and columns.
  private var scratchIndices: [Int32] = []
  private var scratchValues: [Double] = []

  /// Creates an empty problem on the current thread.
  ///
  /// The corresponding C function is `glp_create_prob`.
  public init(name: String = "") {
    ThreadEnvironment.enter()
    handle = glp_create_prob()
    owner = pthread_self()
    if !name.isEmpty {
      sanitizedName(name).withCString { glp_set_prob_name(handle, $0) }
    }
  }

  deinit {
    if pthread_equal(owner, pthread_self()) != 0 {
      glp_delete_prob(handle)
      ThreadEnvironment.leave()
    } else {
      writeToStandardError(
        "warning: a GLPK problem was released on a thread other than the one that created it; its memory is leaked.\n"
      )
    }
  }

  /// GLPK's terminal output of the last solve, read or write call.
  ///
  /// Nothing GLPK writes reaches standard output; it is collected here
  /// instead (the most recent 32 KB). How much GLPK writes depends on the
  /// message level of the parameters.
  public var log: String { logBuffer.text }

  // MARK: - Checks

  /// Throws unless called on the creating thread.
  internal func checkThread() throws {
    guard pthread_equal(owner, pthread_self()) != 0 else {
      throw GLPKError(
        .wrongThread,
        "A GLPK problem was used on a thread other than the one that created it; GLPK problems must stay on their thread."
      )
    }
  }

  /// The number of rows. The corresponding C function is `glp_get_num_rows`.
  public var rowCount: Int { Int(glp_get_num_rows(handle)) }

  /// The number of columns. The corresponding C function is `glp_get_num_cols`.
  public var columnCount: Int { Int(glp_get_num_cols(handle)) }

  /// The number of nonzero constraint coefficients. The corresponding C
  /// function is `glp_get_num_nz`.
  public var nonzeroCount: Int { Int(glp_get_num_nz(handle)) }

  /// Simplex iterations done on this problem so far, by every LP and MIP
  /// call (a count of work that does not depend on the machine's speed).
  /// The corresponding C function is `glp_get_it_cnt`.
  public var iterationCount: Int { Int(glp_get_it_cnt(handle)) }

  internal func checkRow(_ i: Int) throws -> Int32 {
    try checkThread()
    let m = rowCount
    guard i >= 1, i <= m else {
      throw GLPKError(
        .invalidIndex, "Row number \(i) is out of range: the problem has rows 1...\(m).")
    }
    return Int32(i)
  }

  internal func checkColumn(_ j: Int) throws -> Int32 {
    try checkThread()
    let n = columnCount
    guard j >= 1, j <= n else {
      throw GLPKError(
        .invalidIndex, "Column number \(j) is out of range: the problem has columns 1...\(n).")
    }
    return Int32(j)
  }

  /// GLPK's limit on the number of rows and of columns.
  public static let maximumDimension = 100_000_000

  // MARK: - Building

  /// Adds `count` rows and returns their numbers.
  ///
  /// Adding zero rows does nothing (GLPK itself rejects it). The
  /// corresponding C function is `glp_add_rows`.
  @discardableResult
  public func addRows(_ count: Int) throws -> ClosedRange<Int>? {
    try checkThread()
    let m = rowCount
    guard count >= 0, count <= Problem.maximumDimension - m else {
      throw GLPKError(
        .invalidArgument,
        "Cannot add \(count) rows to a problem with \(m): the count must be between 0 and \(Problem.maximumDimension - m)."
      )
    }
    guard count > 0 else { return nil }
    let first = Int(glp_add_rows(handle, Int32(count)))
    return first...(first + count - 1)
  }

  /// Adds `count` columns and returns their numbers.
  ///
  /// New columns are continuous and fixed at zero, as in GLPK. Adding zero
  /// columns does nothing. The corresponding C function is `glp_add_cols`.
  @discardableResult
  public func addColumns(_ count: Int) throws -> ClosedRange<Int>? {
    try checkThread()
    let n = columnCount
    guard count >= 0, count <= Problem.maximumDimension - n else {
      throw GLPKError(
        .invalidArgument,
        "Cannot add \(count) columns to a problem with \(n): the count must be between 0 and \(Problem.maximumDimension - n)."
      )
    }
    guard count > 0 else { return nil }
    let first = Int(glp_add_cols(handle, Int32(count)))
    binaryColumns.append(contentsOf: repeatElement(false, count: count))
    return first...(first + count - 1)
  }

  /// The problem name. The corresponding C function is `glp_get_prob_name`.
  public var name: String {
    glp_get_prob_name(handle).map { String(cString: $0) } ?? ""
  }

  /// Sets the problem name (sanitized, see ``sanitizedName(_:)``).
  ///
  /// The corresponding C function is `glp_set_prob_name`.
  public func setName(_ name: String) throws {
    try checkThread()
    withOptionalName(name) { glp_set_prob_name(handle, $0) }
  }

  /// Sets the name of row `i`; an empty name removes it.
  ///
  /// The name is sanitized (see ``sanitizedName(_:)``). The corresponding C
  /// function is `glp_set_row_name`.
  public func setRowName(_ i: Int, _ name: String) throws {
    let i = try checkRow(i)
    withOptionalName(name) { glp_set_row_name(handle, i, $0) }
  }

  /// Sets the name of column `j`; an empty name removes it.
  ///
  /// The name is sanitized (see ``sanitizedName(_:)``). The corresponding C
  /// function is `glp_set_col_name`.
  public func setColumnName(_ j: Int, _ name: String) throws {
    let j = try checkColumn(j)
    withOptionalName(name) { glp_set_col_name(handle, j, $0) }
  }

  /// The name of row `i`, or `nil`. The corresponding C function is
  /// `glp_get_row_name`.
  public func rowName(_ i: Int) throws -> String? {
    let i = try checkRow(i)
    return glp_get_row_name(handle, i).map { String(cString: $0) }
  }

  /// The name of column `j`, or `nil`. The corresponding C function is
  /// `glp_get_col_name`.
  public func columnName(_ j: Int) throws -> String? {
    let j = try checkColumn(j)
    return glp_get_col_name(handle, j).map { String(cString: $0) }
  }

  private func withOptionalName(_ name: String, _ body: (UnsafePointer<CChar>?) -> Void) {
    let clean = sanitizedName(name)
    if clean.isEmpty {
      body(nil)
    } else {
      clean.withCString { body($0) }
    }
  }

  /// Makes a name acceptable to GLPK: control characters become `_` and the
  /// result is cut to at most 255 bytes of UTF-8 (at a character boundary).
  public func sanitizedName(_ name: String) -> String {
    Problem.sanitizedName(name)
  }

  /// Makes a name acceptable to GLPK: control characters become `_` and the
  /// result is cut to at most 255 bytes of UTF-8 (at a character boundary).
  public static func sanitizedName(_ name: String) -> String {
    var result = ""
    var bytes = 0
    for scalar in name.unicodeScalars {
      let clean: Unicode.Scalar =
        (scalar.value < 0x20 || scalar.value == 0x7F) ? "_" : scalar
      let size = UTF8.width(clean)
      if bytes + size > 255 { break }
      bytes += size
      result.unicodeScalars.append(clean)
    }
    return result
  }

  // MARK: - Bounds

  /// Chooses the GLPK bound type for `lower...upper`, checking the values.
  internal static func boundType(
    _ lower: Double, _ upper: Double, _ what: @autoclosure () -> String
  ) throws -> Int32 {
    guard !lower.isNaN, !upper.isNaN else {
      throw GLPKError(.invalidBounds, "The bounds of \(what()) are not numbers (NaN).")
    }
    guard lower != .infinity, upper != -.infinity else {
      throw GLPKError(
        .invalidBounds,
        "The bounds of \(what()) are invalid: the lower bound cannot be +infinity nor the upper bound -infinity (got [\(lower), \(upper)])."
      )
    }
    guard lower <= upper else {
      throw GLPKError(
        .invalidBounds,
        "The lower bound of \(what()) is above its upper bound (\(lower) > \(upper)).")
    }
    switch (lower.isFinite, upper.isFinite) {
    case (false, false): return GLP_FR
    case (true, false): return GLP_LO
    case (false, true): return GLP_UP
    case (true, true): return lower == upper ? GLP_FX : GLP_DB
    }
  }

  /// Sets the bounds of row `i`: `-infinity` and `+infinity` mean no bound;
  /// equal bounds fix the row.
  ///
  /// The corresponding C function is `glp_set_row_bnds`.
  public func setRowBounds(_ i: Int, lower: Double, upper: Double) throws {
    let row = try checkRow(i)
    let type = try Problem.boundType(lower, upper, "row \(i)")
    glp_set_row_bnds(handle, row, type, lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
  }

  /// Rounds bounds of an integer column inwards; `nil` if no integer lies
  /// between them.
  internal static func integerBounds(_ lower: Double, _ upper: Double) -> (Double, Double)? {
    let noise = GLPKTuning.integerBoundTolerance
    let lo = lower.isFinite ? (lower - noise * max(1, abs(lower))).rounded(.up) : lower
    let hi = upper.isFinite ? (upper + noise * max(1, abs(upper))).rounded(.down) : upper
    return lo <= hi ? (lo, hi) : nil
  }

  /// Sets the bounds of column `j`: `-infinity` and `+infinity` mean no
  /// bound; equal bounds fix the column.
  ///
  /// For an integer column the bounds are rounded inwards to integers (a
  /// tolerance of 1e-9 forgives rounding noise); bounds that contain no
  /// integer throw. For a binary column they are also intersected with
  /// `[0, 1]`. The corresponding C function is `glp_set_col_bnds`.
  public func setColumnBounds(_ j: Int, lower: Double, upper: Double) throws {
    let column = try checkColumn(j)
    _ = try Problem.boundType(lower, upper, "column \(j)")
    let kind = columnKindUnchecked(column)
    let (lo, hi) = try Problem.effectiveBounds(lower, upper, kind, "column \(j)")
    let type = try Problem.boundType(lo, hi, "column \(j)")
    glp_set_col_bnds(handle, column, type, lo.isFinite ? lo : 0, hi.isFinite ? hi : 0)
  }

  internal static func effectiveBounds(
    _ lower: Double, _ upper: Double, _ kind: ColumnKind, _ what: @autoclosure () -> String
  ) throws -> (Double, Double) {
    switch kind {
    case .continuous:
      return (lower, upper)
    case .integer, .binary:
      var lo = lower
      var hi = upper
      if kind == .binary {
        lo = max(lo, 0)
        hi = min(hi, 1)
      }
      guard let rounded = integerBounds(lo, hi) else {
        throw GLPKError(
          .invalidBounds,
          "The bounds [\(lower), \(upper)] of \(what()) contain no \(kind == .binary ? "value 0 or 1" : "integer").")
      }
      return rounded
    }
  }

  /// The bounds of row `i` (`±infinity` where there is none).
  ///
  /// The corresponding C functions are `glp_get_row_lb` and `glp_get_row_ub`.
  public func rowBounds(_ i: Int) throws -> (lower: Double, upper: Double) {
    let i = try checkRow(i)
    return Problem.bounds(
      type: glp_get_row_type(handle, i), glp_get_row_lb(handle, i), glp_get_row_ub(handle, i))
  }

  /// The bounds of column `j` (`±infinity` where there is none).
  ///
  /// The corresponding C functions are `glp_get_col_lb` and `glp_get_col_ub`.
  public func columnBounds(_ j: Int) throws -> (lower: Double, upper: Double) {
    let j = try checkColumn(j)
    return columnBoundsUnchecked(j)
  }

  internal func columnBoundsUnchecked(_ j: Int32) -> (lower: Double, upper: Double) {
    Problem.bounds(
      type: glp_get_col_type(handle, j), glp_get_col_lb(handle, j), glp_get_col_ub(handle, j))
  }

  internal static func bounds(type: Int32, _ lb: Double, _ ub: Double) -> (lower: Double, upper: Double) {
    switch type {
    case GLP_FR: return (-.infinity, .infinity)
    case GLP_LO: return (lb, .infinity)
    case GLP_UP: return (-.infinity, ub)
    default: return (lb, ub)
    }
  }

  // MARK: - Kinds and objective

  /// Sets the kind of column `j`.
  ///
  /// Making a column integer rounds its bounds inwards; making it binary
  /// also intersects them with `[0, 1]` (a column fixed at 1 stays fixed).
  /// Throws, leaving the column unchanged, if no admissible value remains.
  /// The corresponding C function is `glp_set_col_kind`.
  public func setColumnKind(_ j: Int, _ kind: ColumnKind) throws {
    let column = try checkColumn(j)
    let (lower, upper) = columnBoundsUnchecked(column)
    let (lo, hi) = try Problem.effectiveBounds(lower, upper, kind, "column \(j)")
    glp_set_col_kind(handle, column, kind == .continuous ? GLP_CV : GLP_IV)
    binaryColumns[j - 1] = kind == .binary
    let type = try Problem.boundType(lo, hi, "column \(j)")
    glp_set_col_bnds(handle, column, type, lo.isFinite ? lo : 0, hi.isFinite ? hi : 0)
  }

  /// The kind of column `j`, as last set (a problem read from a file
  /// reports its integer columns bounded by `[0, 1]` as binary).
  ///
  /// The corresponding C function is `glp_get_col_kind`.
  public func columnKind(_ j: Int) throws -> ColumnKind {
    let column = try checkColumn(j)
    return columnKindUnchecked(column)
  }

  internal func columnKindUnchecked(_ j: Int32) -> ColumnKind {
    switch glp_get_col_kind(handle, j) {
    case GLP_BV, GLP_IV: return binaryColumns[Int(j) - 1] ? .binary : .integer
    default: return .continuous
    }
  }

  /// Marks as binary the integer columns bounded by `[0, 1]` (after a read).
  internal func resetBinaryFlags() {
    binaryColumns = (0..<columnCount).map { glp_get_col_kind(handle, Int32($0 + 1)) == GLP_BV }
  }

  /// The number of integer columns. The corresponding C function is
  /// `glp_get_num_int`.
  public var integerColumnCount: Int { Int(glp_get_num_int(handle)) }

  /// Sets the objective coefficient of column `j` (finite).
  ///
  /// The corresponding C function is `glp_set_obj_coef`.
  public func setObjectiveCoefficient(_ j: Int, _ coefficient: Double) throws {
    let column = try checkColumn(j)
    guard coefficient.isFinite else {
      throw GLPKError(
        .invalidValue,
        "The objective coefficient of column \(j) must be finite (got \(coefficient)).")
    }
    glp_set_obj_coef(handle, column, coefficient)
  }

  /// The objective coefficient of column `j`. The corresponding C function
  /// is `glp_get_obj_coef`.
  public func objectiveCoefficient(_ j: Int) throws -> Double {
    let column = try checkColumn(j)
    return glp_get_obj_coef(handle, column)
  }

  /// Sets the constant term of the objective (finite).
  ///
  /// The corresponding C function is `glp_set_obj_coef` with column 0.
  public func setObjectiveConstant(_ constant: Double) throws {
    try checkThread()
    guard constant.isFinite else {
      throw GLPKError(
        .invalidValue, "The objective constant must be finite (got \(constant)).")
    }
    glp_set_obj_coef(handle, 0, constant)
  }

  /// The constant term of the objective. The corresponding C function is
  /// `glp_get_obj_coef` with column 0.
  public var objectiveConstant: Double { glp_get_obj_coef(handle, 0) }

  /// Sets the optimisation direction. The corresponding C function is
  /// `glp_set_obj_dir`.
  public func setDirection(_ direction: OptimizationDirection) throws {
    try checkThread()
    glp_set_obj_dir(handle, direction == .minimize ? GLP_MIN : GLP_MAX)
  }

  /// The optimisation direction. The corresponding C function is
  /// `glp_get_obj_dir`.
  public var direction: OptimizationDirection {
    glp_get_obj_dir(handle) == GLP_MAX ? .maximize : .minimize
  }

  // MARK: - Matrix

  /// Replaces the whole constraint matrix by the given elements.
  ///
  /// The three arrays are ordinary Swift arrays (the first element at index
  /// 0); the row and column numbers in them are GLPK's, from 1. The wrapper
  /// builds GLPK's 1-based arrays itself. It checks the lengths, every row
  /// and column number, that every value is finite, and that no (row,
  /// column) pair occurs twice. Zero values are allowed and dropped by GLPK.
  /// The corresponding C function is `glp_load_matrix`.
  ///
  /// - Complexity: O(nonzeros + rows + columns).
  public func loadMatrix<R: BinaryInteger, C: BinaryInteger>(
    rows: [R], columns: [C], values: [Double]
  ) throws {
    try checkThread()
    let count = values.count
    guard rows.count == count, columns.count == count else {
      throw GLPKError(
        .dimensionMismatch,
        "The matrix arrays differ in length: \(rows.count) rows, \(columns.count) columns, \(values.count) values.")
    }
    guard count <= 500_000_000 else {
      throw GLPKError(
        .invalidArgument, "The matrix has \(count) elements; GLPK accepts at most 500,000,000.")
    }
    let m = rowCount
    let n = columnCount
    var ia = [Int32](repeating: 0, count: count + 1)
    var ja = [Int32](repeating: 0, count: count + 1)
    var ar = [Double](repeating: 0, count: count + 1)
    var perRow = [Int32](repeating: 0, count: m + 2)
    for k in 0..<count {
      let i = Int(clamping: rows[k])
      let j = Int(clamping: columns[k])
      guard i >= 1, i <= m else {
        throw GLPKError(
          .invalidIndex,
          "Matrix element \(k) has row number \(i), outside 1...\(m).")
      }
      guard j >= 1, j <= n else {
        throw GLPKError(
          .invalidIndex,
          "Matrix element \(k) has column number \(j), outside 1...\(n).")
      }
      let value = values[k]
      guard value.isFinite else {
        throw GLPKError(
          .invalidValue,
          "Matrix element \(k) (row \(i), column \(j)) is not finite (\(value)).")
      }
      ia[k + 1] = Int32(i)
      ja[k + 1] = Int32(j)
      ar[k + 1] = value
      perRow[i + 1] += 1
    }
    try Problem.checkDuplicates(ia: ia, ja: ja, rows: m, columns: n, perRow: &perRow)
    ia.withUnsafeBufferPointer { pi in
      ja.withUnsafeBufferPointer { pj in
        ar.withUnsafeBufferPointer { pa in
          glp_load_matrix(handle, Int32(count), pi.baseAddress, pj.baseAddress, pa.baseAddress)
        }
      }
    }
  }

  /// Throws if a (row, column) pair occurs twice in the 1-based arrays.
  /// `perRow[i + 1]` holds the number of elements of row `i` on entry.
  private static func checkDuplicates(
    ia: [Int32], ja: [Int32], rows m: Int, columns n: Int, perRow: inout [Int32]
  ) throws {
    let count = ia.count - 1
    guard count > 1 else { return }
    // Counting sort of the element numbers by row.
    for i in 1...max(1, m + 1) where i < perRow.count { perRow[i] += perRow[i - 1] }
    var order = [Int32](repeating: 0, count: count)
    var next = perRow
    for k in 1...count {
      let i = Int(ia[k])
      order[Int(next[i])] = Int32(k)
      next[i] += 1
    }
    var seenInRow = [Int32](repeating: 0, count: n + 1)
    var firstAt = [Int32](repeating: 0, count: n + 1)
    for i in 1...max(1, m) where i <= m {
      for position in Int(perRow[i])..<Int(perRow[i + 1]) {
        let k = order[position]
        let j = Int(ja[Int(k)])
        if seenInRow[j] == Int32(i) {
          throw GLPKError(
            .invalidArgument,
            "Matrix elements \(firstAt[j] - 1) and \(k - 1) both set row \(i), column \(j); each pair may occur only once."
          )
        }
        seenInRow[j] = Int32(i)
        firstAt[j] = k
      }
    }
  }

  /// Replaces the coefficients of row `i`.
  ///
  /// Column numbers start at 1 and may not repeat; values must be finite.
  /// The corresponding C function is `glp_set_mat_row`.
  public func setRow(_ i: Int, columns: [Int], values: [Double]) throws {
    let row = try checkRow(i)
    let (ind, val) = try checkVector(
      columns, values, limit: columnCount, "column", "row \(i)")
    ind.withUnsafeBufferPointer { pi in
      val.withUnsafeBufferPointer { pv in
        glp_set_mat_row(handle, row, Int32(columns.count), pi.baseAddress, pv.baseAddress)
      }
    }
  }

  /// Replaces the coefficients of column `j`.
  ///
  /// Row numbers start at 1 and may not repeat; values must be finite. The
  /// corresponding C function is `glp_set_mat_col`.
  public func setColumn(_ j: Int, rows: [Int], values: [Double]) throws {
    let column = try checkColumn(j)
    let (ind, val) = try checkVector(rows, values, limit: rowCount, "row", "column \(j)")
    ind.withUnsafeBufferPointer { pi in
      val.withUnsafeBufferPointer { pv in
        glp_set_mat_col(handle, column, Int32(rows.count), pi.baseAddress, pv.baseAddress)
      }
    }
  }

  private func checkVector(
    _ indices: [Int], _ values: [Double], limit: Int, _ kind: String, _ owner: String
  ) throws -> ([Int32], [Double]) {
    guard indices.count == values.count else {
      throw GLPKError(
        .dimensionMismatch,
        "The coefficients of \(owner) have \(indices.count) \(kind) numbers but \(values.count) values.")
    }
    var ind = [Int32](repeating: 0, count: indices.count + 1)
    var val = [Double](repeating: 0, count: indices.count + 1)
    var seen = Set<Int>()
    for (k, index) in indices.enumerated() {
      guard index >= 1, index <= limit else {
        throw GLPKError(
          .invalidIndex, "The coefficients of \(owner) refer to \(kind) \(index), outside 1...\(limit).")
      }
      guard seen.insert(index).inserted else {
        throw GLPKError(
          .invalidArgument, "The coefficients of \(owner) name \(kind) \(index) twice.")
      }
      guard values[k].isFinite else {
        throw GLPKError(
          .invalidValue, "The coefficient of \(kind) \(index) in \(owner) is not finite (\(values[k])).")
      }
      ind[k + 1] = Int32(index)
      val[k + 1] = values[k]
    }
    return (ind, val)
  }

  /// The nonzero coefficients of row `i` as (column, value) pairs, sorted by
  /// column.
  ///
  /// The corresponding C function is `glp_get_mat_row`.
  public func row(_ i: Int) throws -> [(column: Int, value: Double)] {
    let row = try checkRow(i)
    return readVector(size: columnCount) { glp_get_mat_row(handle, row, $0, $1) }
      .sorted { $0.0 < $1.0 }
  }

  /// Reads a matrix row or column through the scratch buffers.
  private func readVector(
    size: Int,
    _ read: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Double>) -> Int32
  ) -> [(Int, Double)] {
    if scratchIndices.count < size + 1 {
      scratchIndices = [Int32](repeating: 0, count: size + 1)
      scratchValues = [Double](repeating: 0, count: size + 1)
    }
    return scratchIndices.withUnsafeMutableBufferPointer { ind in
      scratchValues.withUnsafeMutableBufferPointer { val in
        let length = Int(read(ind.baseAddress!, val.baseAddress!))
        return (0..<length).map { (Int(ind[$0 + 1]), val[$0 + 1]) }
      }
    }
  }

  /// The nonzero coefficients of column `j` as (row, value) pairs (in GLPK's
  /// order).
  ///
  /// The corresponding C function is `glp_get_mat_col`.
  public func column(_ j: Int) throws -> [(row: Int, value: Double)] {
    let column = try checkColumn(j)
    return columnUnchecked(column)
  }

  internal func columnUnchecked(_ j: Int32) -> [(row: Int, value: Double)] {
    readVector(size: rowCount) { glp_get_mat_col(handle, j, $0, $1) }
  }

  // MARK: - Scaling and basis

  /// Scales the problem. The corresponding C function is `glp_scale_prob`.
  public func scale(_ options: ScalingOptions = .automatic) throws {
    try checkThread()
    let valid: ScalingOptions = [
      .geometricMean, .equilibration, .powerOfTwo, .skipIfWellScaled, .automatic,
    ]
    guard valid.isSuperset(of: options) else {
      throw GLPKError(.invalidArgument, "Unknown scaling options \(options.rawValue).")
    }
    glp_scale_prob(handle, options.rawValue)
  }

  /// Removes the scaling. The corresponding C function is `glp_unscale_prob`.
  public func unscale() throws {
    try checkThread()
    glp_unscale_prob(handle)
  }

  /// Installs the trivial basis (all rows basic). The corresponding C
  /// function is `glp_std_basis`.
  public func standardBasis() throws {
    try checkThread()
    glp_std_basis(handle)
  }

  /// Installs an advanced initial basis (a good cold start). The
  /// corresponding C function is `glp_adv_basis`.
  public func advancedBasis() throws {
    try checkThread()
    withCapturedOutput(into: logBuffer) {
      glp_adv_basis(handle, 0)
    }
  }

  /// Factorizes the current basis and computes the basic solution without
  /// iterating. The corresponding C function is `glp_warm_up`.
  public func warmUp() throws -> ReturnCode {
    try checkThread()
    return ReturnCode(code: glp_warm_up(handle))
  }

  /// The basis status of row `i`. The corresponding C function is
  /// `glp_get_row_stat`.
  public func rowStatus(_ i: Int) throws -> BasisStatus {
    let i = try checkRow(i)
    return BasisStatus(rawValue: glp_get_row_stat(handle, i)) ?? .basic
  }

  /// The basis status of column `j`. The corresponding C function is
  /// `glp_get_col_stat`.
  public func columnStatus(_ j: Int) throws -> BasisStatus {
    let j = try checkColumn(j)
    return BasisStatus(rawValue: glp_get_col_stat(handle, j)) ?? .basic
  }

  /// Sets the basis status of row `i`. The corresponding C function is
  /// `glp_set_row_stat`.
  public func setRowStatus(_ i: Int, _ status: BasisStatus) throws {
    let i = try checkRow(i)
    glp_set_row_stat(handle, i, status.rawValue)
  }

  /// Sets the basis status of column `j`. The corresponding C function is
  /// `glp_set_col_stat`.
  public func setColumnStatus(_ j: Int, _ status: BasisStatus) throws {
    let j = try checkColumn(j)
    glp_set_col_stat(handle, j, status.rawValue)
  }
}
