import Foundation

/// What the plan in blocks and the rotation plan ask of a budget besides
/// its shares: stages that end at a share of the whole limit, and even
/// parts of what is left.
extension TimeBudget {
  /// A step's budget from now that ends when `share` of the whole limit has
  /// passed since `start` (nothing when that is past): the blocks' plans
  /// end at 40 % of the limit, however long the quotas took.
  public func until(_ share: TimeShare) -> TimeBudget {
    child(seconds: max(0, seconds(of: share) - elapsed))
  }

  /// Seconds for the first of `parts` even parts of what is left, that
  /// part counted `weight` times, at least `floor`: a year of a rotation
  /// plan gets its part of the time the years before it left (the first
  /// year, whose call-ups go out, more than one part).
  public func evenPart(of parts: Int, atLeast floor: Double = 0, weight: Double = 1) -> Double {
    max(floor, remaining * weight / (Double(max(1, parts) - 1) + weight))
  }

  /// Whether less than `seconds` is left: a pass that took that long last
  /// time is not started again.
  public func hasLess(thanSeconds seconds: Double) -> Bool { remaining < seconds }
}
