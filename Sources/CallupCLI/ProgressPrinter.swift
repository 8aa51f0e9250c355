import CallupPlan
import CallupReports
import CallupSolve
import Foundation

/// Prints solver progress on standard error: one updating line on a
/// terminal, one line per phase (and at most one a second) in a log.
final class ProgressPrinter: @unchecked Sendable {
  private let lock = NSLock()
  private let terminal = Console.stderrIsTerminal
  private var lastPhase = ""
  private var lastTime = -1.0

  func show(_ p: PlanProgress) {
    lock.lock()
    defer { lock.unlock() }
    let samePhase = p.phase == lastPhase
    if samePhase && p.elapsed - lastTime < 1 { return }
    lastPhase = p.phase
    lastTime = p.elapsed
    let inc = p.incumbent.map { String(format: "%.1f", $0) } ?? "-"
    let bound = p.bound.map { String(format: "%.1f", $0) } ?? "-"
    let gap = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
    let line = String(format: "[%6.1fs] ", p.elapsed) + "\(p.phase) · incumbent \(inc) · bound \(bound) · gap \(gap)"
    if terminal {
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    } else {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  }

  func finish() {
    if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
