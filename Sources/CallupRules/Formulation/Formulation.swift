import CallupDomain
import Modeling

/// Screened classes per cadre index (ascending class indices), shared by
/// the models of one block.
public final class EligibleLists: Sendable {
  public let classes: [[Int32]]
  public init(_ classes: [[Int32]]) { self.classes = classes }
}

/// A cadre–class pair that may be planned, and its binary variable
/// `x[cadre,class]` (1 = the cadre is called up to the class).
public struct Candidate: Hashable, Sendable {
  public var cadre: Int
  public var klass: Int
  public var variable: Variable
}

/// The annual call-up plan as an integer program.
///
/// Variables (all named after domain keys):
/// - `x[c,k]` binary: cadre c attends class k, for the pairs the candidate
///   screen lets through and that can serve an obligation or a unit share;
/// - `y[k]` binary: class k is held;
/// - `met[c,rule]` in [0,1]: an obligation whose counting classes span
///   several kinds is met (single-kind obligations are rewarded on `x`
///   directly, which is exact because a cadre attends one class of a kind a
///   year — a tighter LP than slack rows);
/// - `sent[c,rule]` in [0,1] and `short[u,rule]` in [0,need]: unit shares;
/// - `excess[c,rule]` ≥ 0: hours (or days) planned beyond a cadre's yearly
///   pace of an hours rule, taken back from the reward on its seats.
///
/// The objective is minimised: the value of every unmet obligation plus the
/// value of every missing unit-share person and of every hour short of a
/// cadre's pace, plus seat, travel and holding
/// costs. It is never negative; its constant is the value of all due
/// obligations.
///
/// Every row with a continuous variable can always be satisfied by moving
/// that variable alone, whatever the binaries are: the planner relies on it
/// when it repairs and improves integer plans.
public struct Formulation: Sendable {
  public let scenario: Scenario
  public let year: Int
  public let book: ObligationBook
  /// The year's targets (quota targets, group-share groups, class counts).
  public let targetBook: TargetBook
  /// The rows and variables of each target of `targetBook`.
  public internal(set) var targetVariables: [TargetVariables]
  /// `seats[rule]` per group-share rule index (`TargetRowsRule`).
  var groupSeats: [Int: Variable] = [:]
  public let screen: CandidateScreen
  public internal(set) var model: Model

  public internal(set) var candidates: [Candidate] = []
  /// Candidate indices per cadre index.
  public internal(set) var candidatesByCadre: [[Int]]
  /// Candidate indices per class index.
  public internal(set) var candidatesByClass: [[Int]]
  /// `y[k]` per class index (nil for classes outside the year or with no candidate).
  public internal(set) var holdVariable: [Variable?]
  /// The class's minimum-size row per class index (for a shared class, the
  /// row of the block's part of its minimum, see `Options.quotaMinimums`).
  public internal(set) var minSizeRow: [ConstraintRef?]
  /// `quota_short[k]`: seats short of the block's part of a shared class's
  /// minimum, per class index.
  public internal(set) var quotaShortVariable: [Variable?]
  /// True for classes held outside the model (shared classes with a quota,
  /// see `Options.quotas`): their seats need no hold decision here.
  public func heldOutside(_ ki: Int) -> Bool { (options.quotas[ki] ?? 0) > 0 }
  /// Class indices planned this year (in the catalogue order).
  public let classesInYear: [Int]
  /// Classes of the year that cannot be held because fewer cadres than
  /// `min_size` could attend them at all.
  public internal(set) var unreachableClasses: Set<Int> = []
  /// `met[c,rule]` per obligation index, for obligations rewarded through a
  /// variable of their own.
  public internal(set) var metVariable: [Variable?]
  /// `short[u,rule]` per unit requirement index.
  public internal(set) var shortfallVariable: [Variable?]
  /// `sent[c,rule]` per unit requirement index, by cadre index.
  public internal(set) var sentVariables: [[Int: Variable]]
  /// The rules applied, in order.
  public internal(set) var appliedRules: [RuleInfo] = []

  // Rows by what they constrain, so that a pair left out of the model can
  // be priced with the LP's duals (see `Pricing`).
  public internal(set) var capacityRow: [ConstraintRef?]
  /// Release rows per unit index: the day and the row.
  public internal(set) var releaseRows: [[(day: Day, row: ConstraintRef)]]
  /// Principals-apart rows per unit index.
  public internal(set) var principalRows: [[(day: Day, row: ConstraintRef)]]
  /// No-duplicate rows per cadre index.
  public internal(set) var cadreRows: [[(scope: CadreRowScope, row: ConstraintRef)]]
  /// `meets[c,rule]` row per obligation index.
  public internal(set) var meetsRow: [ConstraintRef?]
  /// `sends[c,rule]` row per unit requirement index, by cadre index.
  public internal(set) var sendsRows: [[Int: ConstraintRef]]
  /// `excess[c,rule]` (planned beyond the pace, in the rule's unit) per
  /// hours target index, for cadres whose classes could exceed the pace.
  public internal(set) var hoursVariable: [Variable?]
  /// `hours_cap[c,rule]` row per hours target index.
  public internal(set) var hoursRow: [ConstraintRef?]
  /// Eligible, useful pairs left out of the model (a restricted model).
  public internal(set) var omittedPairs = 0
  /// Eligible, useful pairs per class index, kept in the model or not.
  public internal(set) var eligibleCount: [Int] = []

  /// What a per-cadre no-duplicate row covers.
  public enum CadreRowScope: Hashable, Sendable {
    case kind(ClassKind)
    case maxPerYear
    case theme(String)
    case overlap(Day)
  }

  /// Choices of formulation that do not change the plans it admits.
  public struct Options: Sendable {
    /// Add `x[c,k] ≤ y[k]` for every pair (a tighter LP, many more rows).
    /// The planner leaves it off and adds the rows the LP breaks as cuts;
    /// exported models carry them all.
    public var linkSeatsToHolds: Bool
    /// Keep at most this many pairs per cadre and class kind (the most
    /// valuable, cheapest first), plus `extraPairs`; nil keeps every pair.
    /// The planner prices the pairs left out with the LP's duals and adds
    /// those that would improve it (column generation).
    public var pairLimit: Int?
    /// Pairs always kept: `cadre × classCount + class`.
    public var extraPairs: Set<Int>
    /// Plan the hours rules (their pairs, rewards and rows). The planner
    /// solves the call-up without them first and plans hours in the seats
    /// that plan leaves (a second stage); the whole model has them.
    public var planHours: Bool
    /// Cadres to train ahead of their cycle, per cycle rule index (a
    /// rotation plan's pull-forward; see `ObligationBook`).
    public var early: [Int: Set<Int>]
    /// Seats of shared classes this model may fill, by class index (a block
    /// of a decomposed plan). A class in the map is held outside the model:
    /// it has no hold variable, no fixed cost and no minimum, and its
    /// capacity is the quota; a quota of 0 leaves the class out of the model.
    /// Classes not in the map are planned here in full.
    public var quotas: [Int: Int]
    /// A price added to the cost of every seat of these classes (a
    /// Lagrangian multiplier on a shared class's capacity, for a bound).
    public var seatPrices: [Int: Double]
    /// Seats of a shared class this block should fill, by class index: the
    /// block's part of the class's minimum size (a class held outside opens
    /// only when the blocks together reach its minimum). Soft: every seat
    /// short costs `quotaShortPenalty`.
    public var quotaMinimums: [Int: Int]
    /// Cost of each seat a block leaves short of its part of a shared
    /// class's minimum (see `quotaMinimums`).
    public var quotaShortPenalty: Double
    /// The useful eligible classes of every cadre, already screened (see
    /// `EligiblePairs`, for the same obligations, early ones included),
    /// whatever the quotas; a model that plans hours adds its own screen's
    /// classes for the paces. Saves screening every pair again for every
    /// model of a block.
    public var eligible: EligibleLists?
    /// Most seats of the year's classes per kind (a later year of a
    /// rotation plan, see `ElectiveLoadRule`); empty sets no ceiling.
    public var kindCeilings: [ClassKind: Int] = [:]
    /// Fewest seats of the year's classes per kind that the hours stage
    /// brings a later year of a rotation plan up to, with cadres short of
    /// their hours pace (see `HoursStage`); not a row of the model.
    public var kindFloors: [ClassKind: Int] = [:]
    /// The range each target is planned to here, by index in `TargetBook`
    /// (a block's part of a province-wide programme); nil leaves the
    /// target out of this model; targets not in the map get their range.
    public var targetRanges: [Int: TargetRange?] = [:]
    /// Plan the targets' rows; false leaves every target out of the model
    /// (a bound: targets only add to the objective).
    public var planTargets = true
    public init(
      linkSeatsToHolds: Bool = false, pairLimit: Int? = nil, extraPairs: Set<Int> = [], planHours: Bool = true,
      early: [Int: Set<Int>] = [:], quotas: [Int: Int] = [:], seatPrices: [Int: Double] = [:],
      quotaMinimums: [Int: Int] = [:], quotaShortPenalty: Double = 0, eligible: EligibleLists? = nil
    ) {
      self.seatPrices = seatPrices
      self.quotaMinimums = quotaMinimums
      self.quotaShortPenalty = quotaShortPenalty
      self.eligible = eligible
      self.linkSeatsToHolds = linkSeatsToHolds
      self.pairLimit = pairLimit
      self.extraPairs = extraPairs
      self.planHours = planHours
      self.early = early
      self.quotas = quotas
    }

    /// The same options with other extra pairs.
    public func with(extraPairs: Set<Int>) -> Options {
      var o = self
      o.extraPairs = extraPairs
      return o
    }
  }
  public let options: Options

  /// Builds the whole model for the first planned year of `scenario`.
  public init(scenario: Scenario, year: Int? = nil, options: Options = Options()) {
    let year = year ?? scenario.year
    self.options = options
    self.scenario = scenario
    self.year = year
    self.book = ObligationBook(scenario: scenario, year: year, early: options.early)
    self.targetBook = TargetBook(scenario: scenario, year: year)
    self.targetVariables = Array(repeating: TargetVariables(), count: targetBook.targets.count)
    self.screen = CandidateScreen(scenario: scenario)
    self.model = Model(name: "callup-\(scenario.name)-\(year)")
    self.classesInYear = scenario.classes.indices.filter { scenario.classes[$0].year == year }
    self.candidatesByCadre = Array(repeating: [], count: scenario.cadres.count)
    self.candidatesByClass = Array(repeating: [], count: scenario.classes.count)
    self.holdVariable = Array(repeating: nil, count: scenario.classes.count)
    self.minSizeRow = Array(repeating: nil, count: scenario.classes.count)
    self.quotaShortVariable = Array(repeating: nil, count: scenario.classes.count)
    self.metVariable = Array(repeating: nil, count: book.obligations.count)
    self.shortfallVariable = Array(repeating: nil, count: book.unitRequirements.count)
    self.sentVariables = Array(repeating: [:], count: book.unitRequirements.count)
    self.capacityRow = Array(repeating: nil, count: scenario.classes.count)
    self.releaseRows = Array(repeating: [], count: scenario.units.count)
    self.principalRows = Array(repeating: [], count: scenario.units.count)
    self.cadreRows = Array(repeating: [], count: scenario.cadres.count)
    self.meetsRow = Array(repeating: nil, count: book.obligations.count)
    self.sendsRows = Array(repeating: [:], count: book.unitRequirements.count)
    self.hoursVariable = Array(repeating: nil, count: book.hoursTargets.count)
    self.hoursRow = Array(repeating: nil, count: book.hoursTargets.count)

    var rules = Formulation.rules(for: scenario).filter { options.planTargets || !($0 is TargetRowsRule) }
    if !options.kindCeilings.isEmpty { rules.append(ElectiveLoadRule(ceilings: options.kindCeilings)) }
    for rule in rules {
      rule.apply(to: &self)
      appliedRules.append(rule.info)
    }
  }

  /// The rule types that make the model, in the order they are applied:
  /// candidates first (eligibility, availability, history duplicates), then
  /// classes, obligations, unit shares, release limits, no-duplicate rows
  /// and costs.
  public static func rules(for scenario: Scenario) -> [any PlanningRule] {
    let policy = scenario.policy
    var rules: [any PlanningRule] = [
      CandidatePairsRule(),
      ClassSizeRule(),
    ]
    for (i, r) in policy.cycleRules.enumerated() { rules.append(CycleObligationRule(rule: r, index: i)) }
    for (i, r) in policy.unitShareRules.enumerated() { rules.append(UnitShareRequirementRule(rule: r, index: i)) }
    for (i, r) in policy.hoursRules.enumerated() { rules.append(HoursPaceRule(rule: r, index: i)) }
    if policy.hasTargets { rules.append(TargetRowsRule()) }
    rules.append(ReleaseLimitRule(rule: policy.release))
    rules.append(NoDuplicateRowsRule(rule: policy.noDuplicate))
    rules.append(SeatCostRule(tiered: policy.tiered))
    return rules
  }

  /// The key of a pair in `Options.extraPairs`.
  public func pairKey(cadre: Int, klass: Int) -> Int { cadre * scenario.classes.count + klass }

  /// `sent[c,rule]` of a member of a unit requirement, if it has one.
  public func sentVariable(requirement r: Int, cadre c: Int) -> Variable? { sentVariables[r][c] }

  // MARK: - Helpers for rule types

  /// Classes (indices) of the year.
  func yearClasses() -> [Int] { classesInYear }

  /// Adds a candidate pair with its variable; returns its index.
  @discardableResult
  mutating func addCandidate(cadre ci: Int, klass ki: Int) -> Int {
    let c = scenario.cadres[ci]
    let k = scenario.classes[ki]
    let v = model.addVariable("x[\(c.id),\(k.id)]", lower: 0, upper: 1, kind: .binary, objective: 0)
    let index = candidates.count
    candidates.append(Candidate(cadre: ci, klass: ki, variable: v))
    candidatesByCadre[ci].append(index)
    candidatesByClass[ki].append(index)
    return index
  }

  mutating func addObjective(_ coefficient: Double, to v: Variable) {
    model.setObjective(v, model.objective(of: v) + coefficient)
  }

  /// The classes a candidate's class counts for, for an obligation.
  func counts(_ candidate: Candidate, for obligation: Obligation) -> Bool {
    let rule = scenario.policy.cycleRules[obligation.rule]
    let k = scenario.classes[candidate.klass]
    return rule.counts(k)
  }

  /// Cadres of a unit with a candidate running on `day`, and the candidates.
  func candidates(ofCadres cadres: [Int], runningOn day: Day) -> [Int] {
    var out: [Int] = []
    for ci in cadres {
      for p in candidatesByCadre[ci] {
        let k = scenario.classes[candidates[p].klass]
        if k.kind.isOffTheJob, k.span.contains(day) { out.append(p) }
      }
    }
    return out
  }
}
