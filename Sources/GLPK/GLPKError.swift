/// An error thrown by the GLPK wrapper before a call would reach GLPK.
///
/// GLPK stops the whole process (`abort()`) when it receives a bad argument:
/// an index out of range, a duplicate matrix element, a name that is too long.
/// The wrapper therefore checks every argument in Swift first and throws a
/// `GLPKError` instead, with a sentence that says what was wrong.
public struct GLPKError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What kind of mistake was detected.
  public let code: Code
  /// A sentence describing the problem, meant for people.
  public let message: String

  /// Creates an error with a code and a sentence.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }

  /// The kind of a ``GLPKError``.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    internal enum Storage: Hashable, Sendable {
      case invalidIndex, invalidBounds, invalidValue, invalidArgument
      case invalidParameter, wrongThread, fileError, dimensionMismatch
    }
    internal let storage: Storage

    /// A row or column number outside `1...count`.
    public static let invalidIndex = Code(storage: .invalidIndex)
    /// Bounds that are NaN, crossed (`lower > upper`) or that leave an
    /// integer column without an integer value.
    public static let invalidBounds = Code(storage: .invalidBounds)
    /// A coefficient or value that is NaN or infinite where a finite number
    /// is required.
    public static let invalidValue = Code(storage: .invalidValue)
    /// Any other argument GLPK would reject (a count, a duplicate element,
    /// an incumbent that is not feasible).
    public static let invalidArgument = Code(storage: .invalidArgument)
    /// A solver parameter out of its allowed range.
    public static let invalidParameter = Code(storage: .invalidParameter)
    /// A problem used from a thread other than the one that created it.
    public static let wrongThread = Code(storage: .wrongThread)
    /// A model file that could not be written or read.
    public static let fileError = Code(storage: .fileError)
    /// Arrays whose lengths do not match.
    public static let dimensionMismatch = Code(storage: .dimensionMismatch)

    public var description: String { "\(storage)" }
  }
}
