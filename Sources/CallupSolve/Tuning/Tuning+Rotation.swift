extension Tuning {
  /// The numbers of the rotation plan (`RotationPlanner`).
  public enum Rotation {
    /// The least share of the first year's trained cadres per multi-year
    /// cycle rule that a later year trains (see
    /// `RotationPlanner.pullForward`): higher keeps the years even, lower
    /// leaves later years the seats for their due.
    public static let keepShare = 0.9
    /// Fewest seconds a year of the horizon gets, and all a year gets once
    /// the plan is stopped: every year still has a plan.
    public static let minimumYearSeconds = 1.0
    /// The first year's work, in even parts of a later year's: the year
    /// whose call-ups are issued, planned from its LP rather than greedily,
    /// against time for the years that will be planned again.
    public static let firstYearWeight = 2.0
  }
}
