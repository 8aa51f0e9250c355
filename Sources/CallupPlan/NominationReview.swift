import CallupDomain

/// What the review (报名审核) decides for one row of a unit's list.
public enum NominationDecision: String, Sendable, CaseIterable {
  case accepted
  /// Accepted, with a cost or a caveat the planner should see (a nominee
  /// who is not due, a suggested cadre now left with an obligation unmet).
  case acceptedWithNote = "accepted-with-note"
  case refused
}

/// How the seats that refused nominees leave free are filled.
public enum RefillMode: String, Sendable, CaseIterable {
  /// With the plan's suggested names of the unit that no one nominated.
  case suggestions
  /// Not at all: the seats stay empty.
  case empty
}

/// One row of a unit's list, judged: review.csv's row.
public struct ReviewedNomination: Sendable, Hashable {
  /// The row as received.
  public var row: NominationRow
  /// Unit, class and cadre indices of the scenario, as far as the row resolves.
  public var unit: Int?
  public var klass: Int?
  public var cadre: Int?
  public var decision: NominationDecision
  /// The rule refused for, or noted; empty for a plain acceptance.
  public var rule: String
  /// Why, with the figures.
  public var reason: String
  /// The plan's suggested cadre whose seat the nominee takes, if it was not suggested itself.
  public var replaces: Int?
  /// The obligations (or unit share, or hours) the class serves for the nominee, in words.
  public var meets: String
  /// The obligations of the replaced cadre that the merged plan leaves unmet.
  public var leavesUnmet: [UnmetObligation]
  /// For a refusal: the plan's suggested cadre for the seat.
  public var suggestedReplacement: Int?

  public init(
    row: NominationRow, unit: Int? = nil, klass: Int? = nil, cadre: Int? = nil, decision: NominationDecision,
    rule: String = "", reason: String = "", replaces: Int? = nil, meets: String = "",
    leavesUnmet: [UnmetObligation] = [], suggestedReplacement: Int? = nil
  ) {
    self.row = row
    self.unit = unit
    self.klass = klass
    self.cadre = cadre
    self.decision = decision
    self.rule = rule
    self.reason = reason
    self.replaces = replaces
    self.meets = meets
    self.leavesUnmet = leavesUnmet
    self.suggestedReplacement = suggestedReplacement
  }
}

/// One unit's seats in one class after the review: review-units.csv's row.
public struct UnitNominations: Sendable, Hashable {
  /// Unit and class indices of the scenario.
  public var unit: Int
  public var klass: Int
  /// The unit's seats in the class in the plan reviewed.
  public var allocated: Int
  /// Rows of the lists for this unit and class, and how many were accepted (with or without a note) or refused.
  public var nominated: Int
  public var accepted: Int
  public var refused: Int
  /// The plan's suggested names in the merged plan: kept where the unit
  /// nominated nobody, refilled into refused seats.
  public var planNames: Int
  /// Seats left empty in the merged plan.
  public var empty: Int
  /// Obligations of the plan's suggested cadres that the merged plan no longer meets.
  public var leftUnmet: [UnmetObligation]
  /// The plan's suggested cadre for each refused row, in the rows' order.
  public var suggestions: [Int]

  public init(
    unit: Int, klass: Int, allocated: Int, nominated: Int = 0, accepted: Int = 0, refused: Int = 0,
    planNames: Int = 0, empty: Int = 0, leftUnmet: [UnmetObligation] = [], suggestions: [Int] = []
  ) {
    self.unit = unit
    self.klass = klass
    self.allocated = allocated
    self.nominated = nominated
    self.accepted = accepted
    self.refused = refused
    self.planNames = planNames
    self.empty = empty
    self.leftUnmet = leftUnmet
    self.suggestions = suggestions
  }

  /// Seats the unit's accepted nominees leave unused.
  public var unused: Int { max(0, allocated - accepted) }
}

/// The review of units' lists against a plan, and the plan they make.
public struct NominationReview: Sendable {
  /// One entry per row received, in the order judged.
  public var rows: [ReviewedNomination]
  /// One entry per unit and class with seats or rows, by unit and class start.
  public var units: [UnitNominations]
  /// The merged plan: the accepted nominees in place of the plan's names.
  public var plan: Plan
  public var refill: RefillMode
  /// What the planner should know beyond the rows (a class left below its minimum).
  public var warnings: [String]

  public init(
    rows: [ReviewedNomination], units: [UnitNominations], plan: Plan, refill: RefillMode, warnings: [String] = []
  ) {
    self.rows = rows
    self.units = units
    self.plan = plan
    self.refill = refill
    self.warnings = warnings
  }

  /// Rows with a decision.
  public func count(_ d: NominationDecision) -> Int { rows.filter { $0.decision == d }.count }

  /// The rules of review.csv that name a defect of the list itself rather
  /// than a rule the nominee breaks: a unit, class or cadre that does not
  /// resolve, a name of two cadres, a row repeated, a class the unit has
  /// no seats in, more nominees than seats.
  public static let listDefects: Set<String> = [
    "unknown-unit", "unknown-class", "unknown-cadre", "ambiguous-name", "wrong-unit", "name-mismatch", "no-seats",
    "repeated", "allocation",
  ]
}

extension UnmetObligation {
  /// `P00012 王磊: annual-rotation (overdue 2 y)`.
  public func words(in s: Scenario) -> String {
    let c = s.cadres[obligation.cadre]
    let overdue = obligation.isOverdue ? " (overdue \(obligation.overdueYears) y)" : ""
    return "\(c.id) \(c.name): \(ruleID)\(overdue)"
  }
}
