extension Tuning {
  /// What GLPK's work costs on the work clock (`PlanClock`), in seconds per
  /// unit of the problem's size (rows + columns + nonzeros), measured on
  /// this project's 2-core reference machine with its other core busy
  /// (docs/solving.md): the city's first LP, 11,061 iterations on a size of
  /// 228,000, took 12.5 s; a province block's, 8,220 on 73,000, 5.4 s.
  ///
  /// A plan's work budget is its time limit times `shareOfLimit`: on the
  /// reference machine a plan then ends before its limit, so the limit is
  /// only a safety stop, and the same inputs give the same plan.
  public enum Work {
    /// The work budget of a plan, as a share of its time limit: more search
    /// in the limit, against a plan cut short by the safety stop on a
    /// slower or busier machine (and then a plan that can differ between
    /// runs).
    public static let shareOfLimit = 0.75
    /// Seconds per size unit of one GLPK call (reading the solution, duals
    /// and reduced costs back).
    public static let perCall = 1e-7
    /// Seconds per size unit of one simplex iteration.
    public static let perIteration = 5e-9
    /// Seconds per size unit of one branch-and-bound node (its cuts and
    /// heuristics, beside its iterations).
    public static let perNode = 2e-7
    /// Seconds per nonzero of a model built (the city's 188,652 in 0.3 s).
    public static let perNonzeroBuilt = 2e-6
    /// Seconds per chooser of one step of the bound of cadres deciding
    /// alone (a tenth of a province: 19,037 choosers, 0.02 s a step).
    public static let perChooserStep = 1e-6
    /// Wall seconds per cadre the search leaves of the time limit for the
    /// analysis of its plan and the settling of the hard rules, which run
    /// after its safety stop (the documents' province, 979,365 cadres: 16 s):
    /// a plan that ends within its limit, against time for the search.
    public static let afterSearchPerCadre = 2e-5
    /// …at most this share of the limit.
    public static let afterSearchShare = 0.1
    /// The iterations a node counts for in a search's iteration limit.
    static var iterationsPerNode: Int { Int((perNode / perIteration).rounded()) }
  }
}
