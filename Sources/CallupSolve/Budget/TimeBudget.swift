import CallupDomain
import Foundation

/// A named part of a time limit: "the blocks get 40 % of it".
///
/// The shares a planner uses are declared in `Tuning`, each with a line on
/// what it trades, so that no stage divides its time by a bare number.
public struct TimeShare: Sendable, Hashable, CustomStringConvertible {
  /// What the time is for, as the solve log names it.
  public let name: String
  /// The part of the whole limit, from 0 to 1.
  public let fraction: Double

  public init(_ name: String, _ fraction: Double) {
    precondition(fraction >= 0 && fraction <= 1, "a time share is a fraction from 0 to 1")
    self.name = name
    self.fraction = fraction
  }

  public var description: String { "\(name) (\(Int((fraction * 100).rounded())) %)" }
}

/// The time limit of a plan or of one of its stages: one clock, one start,
/// one limit in seconds. Every stage asks its budget how long it has, hands
/// shares of it to its steps by name (`TimeBudget.stage(_:)`) and gives
/// GLPK its limits (`glpkLimits`), so the limit travels in one form and no
/// stage can outlive its parent.
///
/// The seconds are those of `clock`: work for a plan (the same point every
/// run, `PlanClock`), wall time where a caller asks for it. `safety`, the
/// plan's wall-clock deadline, ends every budget too: a step past it is
/// spent, whatever its work.
public struct TimeBudget: Sendable {
  public let clock: PlanClock
  /// When the budget started, on `clock`.
  public let start: Double
  /// The limit, in seconds from `start`.
  public let seconds: Double
  /// The plan's wall-clock deadline, if any.
  public let safety: SafetyStop?

  /// A budget of `seconds` from now on `clock` (a new wall clock when none
  /// is given), ended by `safety` too.
  public init(seconds: Double, clock: PlanClock? = nil, safety: SafetyStop? = nil) {
    let clock = clock ?? .wall()
    self.init(seconds: seconds, clock: clock, start: clock.now, safety: safety)
  }

  /// A budget of `seconds` of wall time from `start`.
  public init(seconds: Double, from start: ContinuousClock.Instant) {
    self.init(seconds: seconds, clock: .wall(since: start), start: 0, safety: nil)
  }

  private init(seconds: Double, clock: PlanClock, start: Double, safety: SafetyStop?) {
    self.clock = clock
    self.start = start
    self.seconds = max(0, seconds)
    self.safety = safety
  }

  /// A budget of `seconds` from now on the same clock and deadline.
  public func child(seconds: Double) -> TimeBudget { TimeBudget(seconds: seconds, clock: clock, safety: safety) }

  /// Seconds since `start`.
  public var elapsed: Double { clock.now - start }

  /// Seconds left, never below zero.
  public var remaining: Double { max(0, seconds - elapsed) }

  /// Nothing left, or the plan's deadline has passed.
  public var isSpent: Bool { remaining <= 0 || safety?.isPast == true }

  /// The seconds `share` is of the whole limit.
  public func seconds(of share: TimeShare) -> Double { share.fraction * seconds }

  /// `share` of what is left (not of the whole limit), in seconds: the part
  /// a step takes of whatever the steps before it left.
  public func seconds(ofRemaining share: TimeShare) -> Double { share.fraction * remaining }

  /// A step's budget from now: `share` of what is left.
  public func ofRemaining(_ share: TimeShare) -> TimeBudget { child(seconds: seconds(ofRemaining: share)) }

  /// Whether less than `share` of the whole limit is left.
  public func hasLess(than share: TimeShare) -> Bool { remaining < seconds(of: share) }

  /// A step's budget from now: `share` of the whole limit, cut to what is left.
  public func stage(_ share: TimeShare) -> TimeBudget {
    child(seconds: min(remaining, seconds(of: share)))
  }

  /// A step's budget from now that stops when `share` of the whole limit is
  /// left for the steps after it.
  public func leaving(_ share: TimeShare) -> TimeBudget {
    child(seconds: max(0, remaining - seconds(of: share)))
  }

  /// A step's budget from now of at most `limit` seconds, cut to what is left.
  public func atMost(_ limit: Double) -> TimeBudget {
    child(seconds: min(remaining, max(0, limit)))
  }

  /// What is left as GLPK's `tm_lim` (milliseconds, at least 1): the wall
  /// time left to the deadline on a work clock.
  public var glpkMilliseconds: Int32 {
    let wall = clock.countsWork ? (safety?.remaining ?? remaining) : remaining
    return Int32(clamping: max(1, Int((wall * 1000).rounded(.down))))
  }
}
