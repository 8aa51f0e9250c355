import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation

/// Prints solver progress on standard error: one updating line on a
/// terminal, one line per phase (and at most one a second) in a log. The
/// time shown is the wall time since the printer was made (the solver's
/// own clock counts work).
final class ProgressPrinter: @unchecked Sendable {
  private let started = ContinuousClock.now
  private let lock = NSLock()
  private let terminal = Console.stderrIsTerminal
  private var lastPhase = ""
  private var lastTime = -1.0

  func show(_ p: PlanProgress) {
    lock.lock()
    defer { lock.unlock() }
    let elapsed = (ContinuousClock.now - started).inSeconds
    let samePhase = p.phase == lastPhase
    if samePhase && elapsed - lastTime < 1 { return }
    lastPhase = p.phase
    lastTime = elapsed
    let inc = p.incumbent.map { String(format: "%.1f", $0) } ?? "-"
    let bound = p.bound.map { String(format: "%.1f", $0) } ?? "-"
    let gap = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
    let memory = Self.residentGB().map { String(format: " %4.1f GB", $0) } ?? ""
    let line =
      String(format: "[%6.1fs", elapsed) + memory + "] \(p.phase) · incumbent \(inc) · bound \(bound) · gap \(gap)"
    if terminal {
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    } else {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  }

  /// The process's resident memory now, in GB (10⁹ bytes), where the
  /// system says it (/proc/self/statm); nil elsewhere.
  static func residentGB() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .ascii) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e9
  }

  func finish() {
    if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
