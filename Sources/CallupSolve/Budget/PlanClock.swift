import CallupDomain
import Foundation

/// What a plan's budgets count their seconds on.
///
/// A plan is made on a **work clock**: its seconds are GLPK's work
/// (simplex iterations and branch-and-bound nodes, weighed by the size of
/// the problem, `Tuning.Work`), never the wall clock, so the same inputs
/// and settings stop every step at the same point and give the same plan
/// on an idle or a busy machine, with one thread or two. The wall clock
/// only keeps the promise of the time limit (`SafetyStop`).
///
/// A work clock belongs to one solve at a time (one block, one year): the
/// steps of that solve charge it as they work. A wall clock reads the time
/// since it was made; charging it does nothing.
public final class PlanClock: @unchecked Sendable {
  private let wallStart: ContinuousClock.Instant?
  private let lock = NSLock()
  private var spent = 0.0

  private init(wallStart: ContinuousClock.Instant?) { self.wallStart = wallStart }

  /// A clock of work, at 0.
  public static func work() -> PlanClock { PlanClock(wallStart: nil) }

  /// A clock of wall time, from `start` (now when not given).
  public static func wall(since start: ContinuousClock.Instant = .now) -> PlanClock { PlanClock(wallStart: start) }

  /// Whether the clock counts work (not wall time).
  public var countsWork: Bool { wallStart == nil }

  /// Seconds on this clock since it was made.
  public var now: Double {
    if let wallStart { return (ContinuousClock.now - wallStart).inSeconds }
    return lock.withLock { spent }
  }

  /// Adds `seconds` of work (a wall clock ignores it).
  public func charge(_ seconds: Double) {
    guard wallStart == nil, seconds > 0 else { return }
    lock.withLock { spent += seconds }
  }
}

/// The time limit as a promise: the wall-clock deadline of the whole plan.
/// Every step also stops when it has passed, and the plan then says so
/// (`fired`, plan.json's `stopped_by`); a plan that keeps within its work
/// never reaches it.
public final class SafetyStop: @unchecked Sendable {
  public let deadline: ContinuousClock.Instant
  private let lock = NSLock()
  private var hasFired = false

  /// A deadline `seconds` from `start` (now when not given).
  public init(seconds: Double, from start: ContinuousClock.Instant = .now) {
    deadline = start.advanced(by: .milliseconds(Int64((max(0, seconds) * 1000).rounded())))
  }

  /// Wall seconds left, never below zero.
  public var remaining: Double { max(0, (deadline - ContinuousClock.now).inSeconds) }

  /// Whether the deadline has passed; the first time it is seen, the stop
  /// has fired.
  public var isPast: Bool {
    guard ContinuousClock.now >= deadline else { return false }
    lock.withLock { hasFired = true }
    return true
  }

  /// Records that a step stopped at the deadline (e.g. GLPK at its time limit).
  public func fire() { lock.withLock { hasFired = true } }

  /// Whether some step was stopped by the deadline: the plan is then the
  /// best found so far, and may differ from run to run.
  public var fired: Bool { lock.withLock { hasFired } }
}
