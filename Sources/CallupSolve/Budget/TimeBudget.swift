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
/// GLPK its milliseconds (`glpkMilliseconds`), so the limit travels in one
/// form and no stage can outlive its parent.
public struct TimeBudget: Sendable {
  public let start: ContinuousClock.Instant
  /// The limit, in seconds from `start`.
  public let seconds: Double

  public init(seconds: Double, from start: ContinuousClock.Instant = ContinuousClock.now) {
    self.start = start
    self.seconds = max(0, seconds)
  }

  /// When the budget is spent.
  public var deadline: ContinuousClock.Instant { start.advanced(by: .milliseconds(Int64((seconds * 1000).rounded()))) }

  /// Seconds since `start`.
  public var elapsed: Double { (ContinuousClock.now - start).inSeconds }

  /// Seconds left, never below zero.
  public var remaining: Double { max(0, seconds - elapsed) }

  /// Nothing left.
  public var isSpent: Bool { remaining <= 0 }

  /// The seconds `share` is of the whole limit.
  public func seconds(of share: TimeShare) -> Double { share.fraction * seconds }

  /// `share` of what is left (not of the whole limit), in seconds: the part
  /// a step takes of whatever the steps before it left.
  public func seconds(ofRemaining share: TimeShare) -> Double { share.fraction * remaining }

  /// A step's budget from now: `share` of what is left.
  public func ofRemaining(_ share: TimeShare) -> TimeBudget { TimeBudget(seconds: seconds(ofRemaining: share)) }

  /// Whether less than `share` of the whole limit is left.
  public func hasLess(than share: TimeShare) -> Bool { remaining < seconds(of: share) }

  /// A step's budget from now: `share` of the whole limit, cut to what is left.
  public func stage(_ share: TimeShare) -> TimeBudget {
    TimeBudget(seconds: min(remaining, seconds(of: share)))
  }

  /// A step's budget from now that stops when `share` of the whole limit is
  /// left for the steps after it.
  public func leaving(_ share: TimeShare) -> TimeBudget {
    TimeBudget(seconds: max(0, remaining - seconds(of: share)))
  }

  /// A step's budget from now of at most `limit` seconds, cut to what is left.
  public func atMost(_ limit: Double) -> TimeBudget {
    TimeBudget(seconds: min(remaining, max(0, limit)))
  }

  /// What is left, as GLPK's `tm_lim` (milliseconds, at least 1).
  public var glpkMilliseconds: Int32 { Int32(clamping: max(1, Int((remaining * 1000).rounded(.down)))) }
}
