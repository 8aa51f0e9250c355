/// What every rule of a policy carries besides its parameters: its id, the
/// sentence planners read, and where the seeds say it.
public struct RuleInfo: Hashable, Sendable {
  public var id: RuleID
  public var type: String
  public var sentence: String
  public var source: String
  /// Where the rule was written (file, line), for messages.
  public var location: SourceLocation?

  public init(id: RuleID, type: String, sentence: String = "", source: String = "", location: SourceLocation? = nil) {
    self.id = id
    self.type = type
    self.sentence = sentence
    self.source = source
    self.location = location
  }
}

/// `cycle {who, kinds, every, min_days, window, by, hard}`: cadres matched
/// by `who` attend a counting class every `every` years; the overdue are
/// made up first.
public struct CycleRule: Hashable, Sendable {
  public var info: RuleInfo
  public var who: Selector
  public var kinds: Set<ClassKind>
  public var every: Int
  public var minDays: Int
  /// Value of meeting one obligation, in the objective's money units; nil =
  /// the policy's `objective.obligation`.
  public var weight: Double?
  /// `window` and `by`: when a counting class runs (for meeting and for the
  /// clock alike).
  public var timing: Timing
  /// `hard: true`: every due obligation must be met.
  public var hard: Bool

  public init(
    info: RuleInfo, who: Selector, kinds: Set<ClassKind>, every: Int, minDays: Int = 0, weight: Double? = nil,
    timing: Timing = .always, hard: Bool = false
  ) {
    self.info = info
    self.who = who
    self.kinds = kinds
    self.every = every
    self.minDays = minDays
    self.weight = weight
    self.timing = timing
    self.hard = hard
  }

  /// A training of `kind` starting on `start` and lasting `days` counts for
  /// this rule: its kind, its length and its timing.
  public func counts(kind: ClassKind, start: Day, days: Int) -> Bool {
    counts(kind: kind, days: days) && timing.admits(start: start, days: days)
  }
  /// The class counts for this rule.
  public func counts(_ k: TrainingClass) -> Bool { counts(kind: k.kind, start: k.start, days: k.days) }
  /// The history row counts for this rule.
  public func counts(_ h: HistoryRecord) -> Bool { counts(kind: h.kind, start: h.start, days: h.days) }

  /// Kind and length alone, timing aside (for the `timing` reason: a class
  /// that would count but for its dates).
  public func countsUntimed(_ k: TrainingClass) -> Bool { counts(kind: k.kind, days: k.days) }
  private func counts(kind: ClassKind, days: Int) -> Bool { kinds.contains(kind) && days >= minDays }
}

/// `unit-share {who, share, kinds}`: in each unit at least `ceil(share × n)`
/// of the n cadres matched by `who` attend a class of `kinds` in the year.
public struct UnitShareRule: Hashable, Sendable {
  public var info: RuleInfo
  public var who: Selector
  public var share: ExactDecimal
  public var kinds: Set<ClassKind>
  public var weight: Double?

  public init(info: RuleInfo, who: Selector, share: ExactDecimal, kinds: Set<ClassKind>, weight: Double? = nil) {
    self.info = info
    self.who = who
    self.share = share
    self.kinds = kinds
    self.weight = weight
  }
}

/// `release {max_away, max_away_share}`: defaults for each unit's limit of
/// cadres away on one day; two principals of one unit never away together.
public struct ReleaseRule: Hashable, Sendable {
  public var info: RuleInfo
  public var maxAway: Int
  public var maxAwayShare: ExactDecimal

  public init(info: RuleInfo, maxAway: Int = 2, maxAwayShare: ExactDecimal = ExactDecimal("0.3")!) {
    self.info = info
    self.maxAway = maxAway
    self.maxAwayShare = maxAwayShare
  }
}

/// `no-duplicate {max_per_year, theme_years}`.
public struct NoDuplicateRule: Hashable, Sendable {
  public var info: RuleInfo
  public var maxPerYear: Int
  public var themeYears: Int

  public init(info: RuleInfo, maxPerYear: Int = 3, themeYears: Int = 5) {
    self.info = info
    self.maxPerYear = maxPerYear
    self.themeYears = themeYears
  }
}

/// The window an hours rule counts in.
public enum HoursWindow: Hashable, Sendable {
  /// The scenario's five-year plan period.
  case period
  /// N years ending with the plan year.
  case years(Int)
}

/// `hours {who, window, min_hours | min_days, kinds, institution_types}`.
public struct HoursRule: Hashable, Sendable {
  public var info: RuleInfo
  public var who: Selector
  public var window: HoursWindow
  public var minHours: Double?
  public var minDays: Double?
  public var kinds: Set<ClassKind>
  public var institutionTypes: Set<InstitutionType>

  public init(
    info: RuleInfo, who: Selector, window: HoursWindow, minHours: Double? = nil, minDays: Double? = nil,
    kinds: Set<ClassKind> = [], institutionTypes: Set<InstitutionType> = []
  ) {
    self.info = info
    self.who = who
    self.window = window
    self.minHours = minHours
    self.minDays = minDays
    self.kinds = kinds
    self.institutionTypes = institutionTypes
  }

  /// The minimum of the window, in the rule's unit (hours, or days with `min_days`).
  public var minimum: Double { minHours ?? minDays ?? 0 }
  /// True when the rule counts days rather than class hours.
  public var countsDays: Bool { minHours == nil && minDays != nil }

  /// A training of `kind` at an institution of `type` counts for this rule
  /// (`kinds` empty: every kind; `institution_types` empty: any; a history
  /// row without an institution type counts only when no type is required).
  public func counts(kind: ClassKind, institutionType type: InstitutionType?) -> Bool {
    if !kinds.isEmpty, !kinds.contains(kind) { return false }
    if !institutionTypes.isEmpty {
      guard let type, institutionTypes.contains(type) else { return false }
    }
    return true
  }

  /// What a training of `hours` class hours over `days` days adds to this rule.
  public func amount(hours: Double, days: Int) -> Double { countsDays ? Double(days) : hours }

  /// What class `k` adds to this rule (0 when it does not count).
  public func amount(of k: TrainingClass) -> Double {
    counts(kind: k.kind, institutionType: k.institutionType) ? amount(hours: k.hours, days: k.days) : 0
  }

  /// The years the rule counts in, for plan year `year`: the scenario's
  /// period, or the `N` years ending with `year`.
  public func window(year: Int, period: ClosedRange<Int>) -> ClosedRange<Int> {
    switch window {
    case .period: return period
    case .years(let n): return (year - n + 1)...year
    }
  }
}

/// `tiered {levels, mismatch_cost, travel_cost}`: training is tiered by who
/// manages the cadre; a seat at an institution of another level than the
/// rank's, or in another region than the cadre's, costs extra.
public struct TieredRule: Hashable, Sendable {
  public var info: RuleInfo
  public var levels: [Rank: Level]
  /// Extra cost of one seat at an institution of another level than the rank's.
  public var mismatchCost: Double
  /// Travel cost of one seat held outside the cadre's region.
  public var travelCost: Double

  public init(info: RuleInfo, levels: [Rank: Level], mismatchCost: Double = 0, travelCost: Double = 0) {
    self.info = info
    self.levels = levels
    self.mismatchCost = mismatchCost
    self.travelCost = travelCost
  }
}

/// A rule of a type this version reads but does not plan for: it is kept,
/// and reported as not enforced.
public struct OtherRule: Hashable, Sendable {
  public var info: RuleInfo
  public init(info: RuleInfo) { self.info = info }
}

/// One rule of a policy, by type.
public enum Rule: Hashable, Sendable {
  case cycle(CycleRule)
  case unitShare(UnitShareRule)
  case release(ReleaseRule)
  case noDuplicate(NoDuplicateRule)
  case hours(HoursRule)
  case tiered(TieredRule)
  case quota(QuotaRule)
  case groupShare(GroupShareRule)
  case classCount(ClassCountRule)
  case other(OtherRule)

  public var info: RuleInfo {
    switch self {
    case .cycle(let r): r.info
    case .unitShare(let r): r.info
    case .release(let r): r.info
    case .noDuplicate(let r): r.info
    case .hours(let r): r.info
    case .tiered(let r): r.info
    case .quota(let r): r.info
    case .groupShare(let r): r.info
    case .classCount(let r): r.info
    case .other(let r): r.info
    }
  }
  public var id: RuleID { info.id }
  /// The same rule without where it was written (to compare rules of two files).
  public mutating func clearLocation() {
    switch self {
    case .cycle(var r): r.info.location = nil; self = .cycle(r)
    case .unitShare(var r): r.info.location = nil; self = .unitShare(r)
    case .release(var r): r.info.location = nil; self = .release(r)
    case .noDuplicate(var r): r.info.location = nil; self = .noDuplicate(r)
    case .hours(var r): r.info.location = nil; self = .hours(r)
    case .tiered(var r): r.info.location = nil; self = .tiered(r)
    case .quota(var r): r.info.location = nil; self = .quota(r)
    case .groupShare(var r): r.info.location = nil; self = .groupShare(r)
    case .classCount(var r): r.info.location = nil; self = .classCount(r)
    case .other(var r): r.info.location = nil; self = .other(r)
    }
  }

  /// `hard: true` (cycle rules and targets).
  public var isHard: Bool {
    switch self {
    case .cycle(let r): r.hard
    case .quota(let r): r.hard
    case .groupShare(let r): r.hard
    case .classCount(let r): r.hard
    default: false
    }
  }
}

/// The objective's weights, in the same money units as costs (元).
///
/// Meeting obligations comes first: the defaults make one met obligation worth
/// far more than a seat, so seats go to obligations as far as capacity
/// allows, and only then is the plan made cheap.
public struct ObjectiveWeights: Hashable, Sendable {
  /// Value of meeting one due cycle obligation.
  public var obligation: Double = 20_000
  /// Extra value per year a cadre is overdue (make-up first).
  public var overdueYear: Double = 20_000
  /// Value of each person towards a unit-share requirement.
  public var unitShare: Double = 10_000
  /// Value of each class hour towards a cadre's yearly pace of an hours rule.
  public var hour: Double = 100
  /// Value of each day towards the pace of a rule counted in days (`min_days`).
  public var day: Double = 700
  /// Extra share of that value for a cadre behind pace (priority): 1 doubles it.
  public var behindPace: Double = 1
  /// Cost of each person outside a soft quota target's range.
  public var quota: Double = 10_000
  /// Cost of each person a group of a soft group-share rule is short.
  public var groupShare: Double = 10_000
  /// Cost of each class outside a soft class-count rule's bounds.
  public var classCount: Double = 100_000
  /// Cost of each seat outside a soft class-count rule's seat bounds.
  public var classSeat: Double = 10_000
  /// Cost of each unit (person, class, seat, obligation) by which a hard
  /// rule is broken when hard rules cannot all hold and the plan is made
  /// with them softened (status `infeasible`).
  public var hardBreak: Double = 10_000_000
  /// Obligations weigh by who owes them (the "key minority" first): the
  /// first priority whose `who` matches the cadre multiplies the value of
  /// its obligations.
  public var priorities: [Priority] = []
  public init() {}

  /// `{who, factor}` of `objective.priorities`.
  public struct Priority: Hashable, Sendable {
    public var who: Selector
    public var factor: Double
    public init(who: Selector, factor: Double) {
      self.who = who
      self.factor = factor
    }
  }

  /// The factor of the first priority matching `cadre` in `year`, else 1.
  public func priority(of cadre: Cadre, year: Int) -> Double {
    priorities.first { $0.who.matches(cadre, year: year) }?.factor ?? 1
  }
}

/// Settings of rotation plans (`horizon` 2–5): the policy's `rotation:`.
public struct RotationSettings: Hashable, Sendable {
  /// A class kind no cycle rule asks for (`Policy.electiveKinds`) fills only
  /// with seats for class hours and unit shares, more of them as cadres fall
  /// behind towards the end of an hours window. Each later year of a
  /// rotation plan takes at most the first year's seats of such a kind
  /// times `1 + electiveGrowth`, and at least the first year's seats (for
  /// cadres short of their hours pace), so that the institutions' load
  /// stays even; nil sets neither.
  public var electiveGrowth: Double? = 0.1
  public init(electiveGrowth: Double? = 0.1) { self.electiveGrowth = electiveGrowth }
}

/// A rules file (`policies/*.yaml`) after the scenario's inline rules were applied.
public struct Policy: Hashable, Sendable {
  public var name: String
  public var rules: [Rule] { didSet { classify() } }
  public var objective: ObjectiveWeights
  public var rotation: RotationSettings

  public init(
    name: String, rules: [Rule], objective: ObjectiveWeights = ObjectiveWeights(),
    rotation: RotationSettings = RotationSettings()
  ) {
    self.name = name
    self.rules = rules
    self.objective = objective
    self.rotation = rotation
    classify()
  }

  // The rules by type, kept with `rules` (read in the planner's inner loops).
  public private(set) var cycleRules: [CycleRule] = []
  public private(set) var unitShareRules: [UnitShareRule] = []
  public private(set) var hoursRules: [HoursRule] = []
  public private(set) var quotaRules: [QuotaRule] = []
  public private(set) var groupShareRules: [GroupShareRule] = []
  public private(set) var classCountRules: [ClassCountRule] = []

  private mutating func classify() {
    quotaRules = rules.compactMap { if case .quota(let r) = $0 { r } else { nil } }
    groupShareRules = rules.compactMap { if case .groupShare(let r) = $0 { r } else { nil } }
    classCountRules = rules.compactMap { if case .classCount(let r) = $0 { r } else { nil } }
    cycleRules = rules.compactMap { if case .cycle(let r) = $0 { r } else { nil } }
    unitShareRules = rules.compactMap { if case .unitShare(let r) = $0 { r } else { nil } }
    hoursRules = rules.compactMap { if case .hours(let r) = $0 { r } else { nil } }
    classifySingles()
  }

  /// The rules a policy has at most one of, kept with `rules` like the lists.
  private mutating func classifySingles() {
    release = ReleaseRule(info: RuleInfo(id: "release-limit", type: "release"))
    noDuplicate = NoDuplicateRule(info: RuleInfo(id: "no-duplicate", type: "no-duplicate"))
    tiered = nil
    // Backwards, so that the first of a kind is the one kept.
    for r in rules.reversed() {
      switch r {
      case .release(let x): release = x
      case .noDuplicate(let x): noDuplicate = x
      case .tiered(let x): tiered = x
      default: break
      }
    }
  }
  /// True when the policy has quota, group-share or class-count rules.
  public var hasTargets: Bool { !quotaRules.isEmpty || !groupShareRules.isEmpty || !classCountRules.isEmpty }
  /// True when some rule or target is hard beyond the built-in ones.
  public var hasHardTargets: Bool {
    cycleRules.contains(where: \.hard) || quotaRules.contains(where: \.hard)
      || groupShareRules.contains(where: \.hard) || classCountRules.contains(where: \.hard)
  }
  /// The same policy with the rules of `ids` made soft.
  public func softening(_ ids: Set<RuleID>) -> Policy {
    guard !ids.isEmpty else { return self }
    var p = self
    p.rules = rules.map { r in
      guard ids.contains(r.id) else { return r }
      switch r {
      case .cycle(var x): x.hard = false; return .cycle(x)
      case .quota(var x): x.hard = false; return .quota(x)
      case .groupShare(var x): x.hard = false; return .groupShare(x)
      case .classCount(var x): x.hard = false; return .classCount(x)
      default: return r
      }
    }
    return p
  }
  public var otherRules: [OtherRule] { rules.compactMap { if case .other(let r) = $0 { r } else { nil } } }
  /// The release rule in force (defaults 2 and 0.3 when the policy has none).
  public private(set) var release = ReleaseRule(info: RuleInfo(id: "release-limit", type: "release"))
  /// The no-duplicate rule in force (defaults 3 and 5 when the policy has none).
  public private(set) var noDuplicate = NoDuplicateRule(info: RuleInfo(id: "no-duplicate", type: "no-duplicate"))
  /// The tiered-training rule, if any.
  public private(set) var tiered: TieredRule? = nil

  /// Class kinds no cycle rule asks for (reading and special classes in the
  /// default policy): their seats serve only class hours and unit shares.
  public var electiveKinds: [ClassKind] {
    ClassKind.allCases.filter { kind in !cycleRules.contains { $0.kinds.contains(kind) } }
  }

  /// Per class kind, the indices (into `cycleRules`) of the rules for new
  /// appointees that ask for it, when only such rules do: a kind that some
  /// cycle rule asks for and every cycle rule asking for it has
  /// `appointed_within_years` (appointment and initial training in the
  /// default policy). A class of such a kind is for the cadres those rules
  /// match in its year; sending anyone else (for class hours or a unit's
  /// share, say) would train a cadre a second time in what is given once
  /// per appointment (重复培训). Hours and unit shares still count the
  /// seats of the new appointees themselves.
  public var intakeRules: [ClassKind: [Int]] {
    var out: [ClassKind: [Int]] = [:]
    for kind in ClassKind.allCases {
      let asking = cycleRules.indices.filter { cycleRules[$0].kinds.contains(kind) }
      if !asking.isEmpty, asking.allSatisfy({ cycleRules[$0].who.appointedWithinYears != nil }) { out[kind] = asking }
    }
    return out
  }
}
