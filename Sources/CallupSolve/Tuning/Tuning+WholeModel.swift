extension Tuning {
  /// The numbers of a model planned whole (`PlanSolver`, `HoursStage`,
  /// `Planner`): the size at which a model starts restricted, the limits of
  /// the bounding LP, the hold search, the dive and the searches from the
  /// incumbent, and the share of the time limit each of them gets.
  ///
  /// A share "of the time left" is taken of what is left when its step asks
  /// (`TimeBudget.seconds(ofRemaining:)`); any other share is of the whole
  /// limit (`TimeBudget.seconds(of:)`, `hasLess(than:)`).
  public enum WholeModel {
    // MARK: Size

    /// Cadres above which the model starts restricted and grows by column
    /// generation: a smaller model per LP, against pricing rounds.
    public static let restrictedAbove = 5_000
    /// Pairs per cadre and class kind in a restricted model: a smaller first
    /// LP, against more pairs left to price in.
    public static let pairLimit = 3

    // MARK: 1. Bounding LP

    /// The time left an LP relaxation (with its cuts) may take, per round of
    /// column generation: a tighter first bound, against time for the plan.
    public static let relaxation = TimeShare("LP relaxation, of the time left", 0.45)
    /// The time left a first LP cut short by its share may go on for, from
    /// its basis: an LP to plan from, against time for the plan (without
    /// one the plan is greedy).
    public static let relaxationMore = TimeShare("LP relaxation cut short, more of the time left", 0.5)
    /// Column generation prices no further round once less than this share of
    /// the limit is left: a bound closer to the whole model's LP, against
    /// time for the holds, the dive and the searches.
    public static let pricingLeaves = TimeShare("left after pricing", 0.55)
    /// …and this share while the restricted LP is still more than
    /// `farFromBound` above its Lagrangian bound: a model whose LP is close
    /// to the whole model's to plan on, against time for the plan.
    public static let pricingLeavesWhenFar = TimeShare("left after pricing, far from the bound", 0.3)
    /// A restricted LP this far above its Lagrangian bound (relative) is
    /// far from the whole model's LP.
    public static let farFromBound = 0.05
    /// The time left the cuts on the final columns may take: a tighter bound,
    /// against time for the plan.
    public static let finalCuts = TimeShare("cuts on the final columns, of the time left", 0.1)
    /// Most pricing rounds of column generation on a restricted model: a
    /// bound closer to the whole model's, against time for the plan.
    public static let columnRounds = 12
    /// Most pairs added per cadre and pricing round: fewer rounds, against a
    /// larger LP per round.
    public static let columnsPerCadre = 10
    /// Most pairs added per pricing round, as a share of the pairs the model
    /// has (the most negative reduced costs first): a round's LP that
    /// finishes within its share of the time, against more rounds.
    public static let columnGrowth = 0.5
    /// …but never fewer than this many.
    public static let columnsPerRoundAtLeast = 1_000
    /// Most rounds of cuts `x ≤ y` the LP breaks: a tighter bound, against
    /// LP re-solves.
    public static let cutRounds = 60

    // MARK: 2. Holds

    /// A class is held first when the LP holds it at least this much, or
    /// fills this fraction of its minimum: more classes tried, against more
    /// to close in the repair.
    public static let holdThreshold = 0.5
    /// Most LPs with the holds fixed, each closing the worst-filled held
    /// class when the last was infeasible: a feasible LP to dive from,
    /// against time.
    public static let holdFixRounds = 12
    /// One LP of the hold decisions takes at most this share of the limit…
    public static let holdLP = TimeShare("an LP with holds fixed", 0.2)
    /// …and at most this share of the time left: a finished LP, against time
    /// for the rest.
    public static let holdLPOfRemaining = TimeShare("an LP with holds fixed, of the time left", 0.5)
    /// The hold search stops once less than this share of the limit is left:
    /// better holds, against time for the dive and the searches.
    public static let holdSearchLeaves = TimeShare("left after the hold search", 0.5)
    /// Most classes whose holding is tried the other way in the hold search:
    /// better holds, against one LP each.
    public static let holdSearchToggles = 30

    // MARK: 3. Dive

    /// The dive stops once less than this share of the limit is left: an
    /// integral LP, against time for the searches from the incumbent.
    public static let diveLeaves = TimeShare("left after the dive", 0.15)
    /// The dive sizes its batches to finish with this share of the limit
    /// left: smaller batches (a better plan), against finishing in time.
    public static let diveFinishLeaves = TimeShare("left when the dive finishes", 0.12)
    /// One LP of the dive takes at most this share of the time left.
    public static let diveLP = TimeShare("a dive LP, of the time left", 0.3)
    /// The dive fixes 1/this of the fractional seats per round: smaller steps
    /// (a better plan), against more LP re-solves.
    public static let diveBatchDivisor = 10
    /// The dive takes larger batches once fewer than this many times
    /// `diveBatchDivisor` rounds fit in the time left: the clock changes the
    /// plan, against a dive cut short.
    public static let diveHurryFactor = 3
    /// Most LP re-solves in the dive: a finished dive, against time.
    public static let diveRounds = 100
    /// The dive's LP with at most this many seats fractional is the reference
    /// of the neighbourhood search: a smaller neighbourhood (faster), against
    /// fewer plans in it.
    public static let diveReferenceFractional = 60

    // MARK: 4. Searches from the incumbent

    /// Most binaries for GLPK's branch-and-bound over the whole model (which
    /// can prove optimality); above it, neighbourhoods: a proof, against a
    /// search that finishes.
    public static let wholeMIPLimit = 4000
    /// Most free binaries in a neighbourhood's MIP: a wider neighbourhood,
    /// against a search that finishes.
    public static let neighbourhoodLimit = 6000
    /// Seconds left below which no neighbourhood is searched: a last search,
    /// against one cut short before it finds anything.
    public static let neighbourhoodMinimumSeconds = 3.0
    /// Most seconds of one class neighbourhood's search: more classes
    /// searched, against each searched deeper.
    public static let neighbourhoodSeconds = 6.0
    /// The searches from the incumbent stop at the plan's gap divided by
    /// this: a better plan, against time.
    public static let searchGapDivisor = 4.0
    /// Seconds a neighbourhood's MIP leaves for the last greedy pass and the
    /// checks: a longer search, against the limit overrun.
    public static let searchLeavesSeconds = 1.0
    /// Seconds the branch-and-bound over the whole model leaves for the last
    /// greedy pass and the checks.
    public static let branchAndBoundLeavesSeconds = 0.5

    // MARK: Every step

    /// The shortest time limit of a GLPK call, and the time left below which
    /// a loop of them stops: an LP that can finish, against the limit overrun.
    public static let minimumSolveSeconds = 1.0

    // MARK: Hours stage

    /// The share of the limit the hours stage keeps: all of it in a block,
    /// at most it for a model planned whole; a longer hours stage, against
    /// time for the call-up model.
    public static let hoursShare = TimeShare("hours stage", 0.2)
    /// Seconds the hours stage of a model planned whole keeps, before
    /// `hoursSecondsPerPair`: the second model built, against time for the
    /// call-up model.
    public static let hoursBaseSeconds = 1.0
    /// Seconds the hours stage keeps per candidate pair.
    public static let hoursSecondsPerPair = 5e-5
  }
}
