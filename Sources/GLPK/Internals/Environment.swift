import CGLPK

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Per-thread GLPK environment management.
///
/// GLPK 5.0 keeps its environment (terminal switch, hooks, memory accounting)
/// in thread-local storage. Every thread that uses GLPK must therefore switch
/// the terminal off and install the hooks itself. The wrapper counts the live
/// problems of each thread and frees the thread's environment
/// (`glp_free_env`) when the last one goes, so that threads of a pool do not
/// leak one environment each.
internal enum ThreadEnvironment {
  /// The key of the per-thread count of live problems.
  static let countKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  static var liveProblems: Int {
    Int(bitPattern: pthread_getspecific(countKey))
  }

  /// Registers one more live problem on the current thread and configures
  /// the thread's GLPK environment.
  static func enter() {
    let count = liveProblems + 1
    pthread_setspecific(countKey, UnsafeRawPointer(bitPattern: count))
    configure()
  }

  /// Unregisters a problem of the current thread; frees the environment with
  /// the last one.
  static func leave() {
    let count = max(0, liveProblems - 1)
    pthread_setspecific(countKey, UnsafeRawPointer(bitPattern: count))
    if count == 0 {
      _ = glp_free_env()
    }
  }

  /// Switches terminal output off and installs the default hooks.
  ///
  /// With the terminal off GLPK prints nothing. On a fatal error GLPK turns
  /// the terminal back on to print its message; the default terminal hook
  /// sends that text to standard error (never standard output), and the
  /// error hook adds a sentence explaining what happens next.
  static func configure() {
    glp_term_out(GLP_OFF)
    installDefaultTerminalHook()
    glp_error_hook(
      { _ in
        writeToStandardError(
          """
          GLPK stopped on an internal error (message above). The GLPK wrapper \
          checks every argument before calling GLPK, so this is a bug in the \
          program, not in its input; GLPK will now abort the process.

          """)
      }, nil)
  }

  static func installDefaultTerminalHook() {
    glp_term_hook(
      { _, text in
        if let text { writeToStandardError(text) }
        return 1  // consumed: nothing reaches standard output
      }, nil)
  }
}

/// Writes a C string to standard error without going through `stdio`.
internal func writeToStandardError(_ text: UnsafePointer<CChar>) {
  let length = strlen(text)
  _ = write(2, text, length)
}

/// Writes a Swift string to standard error.
internal func writeToStandardError(_ text: String) {
  text.withCString { writeToStandardError($0) }
}

/// Collects GLPK's terminal output during one call.
internal final class LogBuffer {
  /// The text collected so far (the most recent part if it grew too long).
  private(set) var text = ""
  /// The maximum number of bytes kept.
  let limit: Int

  init(limit: Int = 32_768) { self.limit = limit }

  func append(_ piece: String) {
    text += piece
    if text.utf8.count > limit {
      // Keep the most recent half; cut at a character boundary.
      let keep = limit / 2
      text = String(text.suffix(keep))
    }
  }

  func clear() { text = "" }
}

/// Runs `body` with GLPK's terminal output captured into `buffer` instead of
/// being printed.
///
/// If GLPK reports a fatal error while capturing, the text also goes to
/// standard error so that the reason for the abort is visible.
internal func withCapturedOutput<R>(
  into buffer: LogBuffer, _ body: () throws -> R
) rethrows -> R {
  let info = Unmanaged.passUnretained(buffer).toOpaque()
  glp_term_hook(
    { info, text in
      guard let info, let text else { return 1 }
      if glp_at_error() != 0 {
        writeToStandardError(text)
      }
      let buffer = Unmanaged<LogBuffer>.fromOpaque(info).takeUnretainedValue()
      buffer.append(String(cString: text))
      return 1
    }, info)
  glp_term_out(GLP_ON)
  defer {
    glp_term_out(GLP_OFF)
    ThreadEnvironment.installDefaultTerminalHook()
  }
  return try withExtendedLifetime(buffer) { try body() }
}

/// A monotonic stopwatch.
internal struct Stopwatch {
  let start = ContinuousClock.now

  /// Seconds since the stopwatch was created.
  var elapsed: Double {
    let duration = ContinuousClock.now - start
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
