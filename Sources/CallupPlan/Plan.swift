import CallupDomain
import CallupRules
import Modeling

/// How a solve went, in the contract's words.
public enum PlanStatus: String, Sendable {
  /// Within the requested gap of a valid bound.
  case optimal
  /// A plan that obeys every hard rule, not proven within the gap.
  case feasible
  case infeasible
  /// Stopped before any plan.
  case noSolution = "no-solution"
}

/// How a plan was made.
public enum PlanMethod: String, Sendable {
  /// One model of the year, then the hours stage.
  case wholeModel = "whole-model"
  /// The year block by block, repaired and exchanged across blocks.
  case blocks
  /// Every year of the horizon in turn, each by one of the methods above.
  case rotation
}

/// Size of the model, for the report and the closing figures.
public struct ModelStats: Sendable, Codable {
  public var variables: Int
  public var binaries: Int
  public var constraints: Int
  public var nonzeros: Int
  public var candidatePairs: Int
  public var obligations: Int

  public init(
    variables: Int,
    binaries: Int,
    constraints: Int,
    nonzeros: Int,
    candidatePairs: Int,
    obligations: Int
  ) {
    self.variables = variables
    self.binaries = binaries
    self.constraints = constraints
    self.nonzeros = nonzeros
    self.candidatePairs = candidatePairs
    self.obligations = obligations
  }
}

/// Why an obligation or a unit share was not met, in the contract's words.
public enum UnmetReason: String, Sendable, CaseIterable, Comparable {
  case capacity
  case releaseLimit = "release-limit"
  case cost
  case classNotHeld = "class-not-held"
  case duplicate
  case unavailable
  case eligibility
  /// No class inside the rule's `window` or `by` would admit the cadre,
  /// though one outside would.
  case timing

  /// Precedence when several classes fail for different reasons: the reason
  /// that, lifted, would most directly let the cadre attend comes first.
  var precedence: Int { UnmetReason.allCases.firstIndex(of: self)! }
  public static func < (a: Self, b: Self) -> Bool { a.precedence < b.precedence }

  public var label: String {
    switch self {
    case .capacity: "名额不足 (capacity)"
    case .releaseLimit: "工学矛盾/错峰限制 (release limit)"
    case .cost: "成本 (cost)"
    case .classNotHeld: "班次未开班 (class not held)"
    case .duplicate: "重复/冲突 (duplicate)"
    case .unavailable: "本人不可参训 (unavailable)"
    case .eligibility: "无适合班次 (no eligible class)"
    case .timing: "时限内无班次 (timing)"
    }
  }
}

/// An assignment of the plan.
public struct Assignment: Hashable, Sendable {
  public var cadre: Int
  public var klass: Int

  public init(
    cadre: Int,
    klass: Int
  ) {
    self.cadre = cadre
    self.klass = klass
  }
}

/// A due obligation the plan does not meet, with its reason.
public struct UnmetObligation: Hashable, Sendable {
  public var obligation: Obligation
  public var ruleID: RuleID
  public var reason: UnmetReason
  /// Plain words: which classes were tried and why each did not take the cadre.
  public var detail: String

  public init(
    obligation: Obligation,
    ruleID: RuleID,
    reason: UnmetReason,
    detail: String
  ) {
    self.obligation = obligation
    self.ruleID = ruleID
    self.reason = reason
    self.detail = detail
  }
}

/// A unit-share requirement the plan does not meet.
public struct UnitShortfall: Hashable, Sendable {
  public var unit: Int
  public var ruleID: RuleID
  public var year: Int
  public var required: Int
  public var planned: Int
  public var reason: UnmetReason

  public init(
    unit: Int,
    ruleID: RuleID,
    year: Int,
    required: Int,
    planned: Int,
    reason: UnmetReason
  ) {
    self.unit = unit
    self.ruleID = ruleID
    self.year = year
    self.required = required
    self.planned = planned
    self.reason = reason
  }
}

/// How the cadres of one rank stand on one hours rule, before and with the plan.
public struct HoursProgress: Hashable, Sendable {
  public var ruleID: RuleID
  public var year: Int
  public var rank: Rank
  /// `hours`, or `days` for a rule counted in days.
  public var unit: String
  /// Cadres the rule matches.
  public var cadres: Int
  /// On track at the end of the year with history alone.
  public var onTrackBefore: Int
  /// On track at the end of the year with the plan.
  public var onTrack: Int
  /// Behind pace before the year (planned first).
  public var behindPace: Int
  /// Cadres with a pace to meet this year, and those whose plan meets it.
  public var paceDue: Int
  public var paceMet: Int
  /// Hours (or days) the plan adds under the rule.
  public var planned: Double

  public init(
    ruleID: RuleID,
    year: Int,
    rank: Rank,
    unit: String,
    cadres: Int,
    onTrackBefore: Int,
    onTrack: Int,
    behindPace: Int,
    paceDue: Int,
    paceMet: Int,
    planned: Double
  ) {
    self.ruleID = ruleID
    self.year = year
    self.rank = rank
    self.unit = unit
    self.cadres = cadres
    self.onTrackBefore = onTrackBefore
    self.onTrack = onTrack
    self.behindPace = behindPace
    self.paceDue = paceDue
    self.paceMet = paceMet
    self.planned = planned
  }
}

/// The key figures of a plan (docs/contract.md `kpis`, plus a few more).
public struct PlanKPIs: Sendable {
  public var due: Int
  public var met: Int
  public var overdueDue: Int
  public var overdueMet: Int
  public var classesHeld: Int
  /// Seats plus holding costs of held classes (元).
  public var cost: Double
  public var peakUnitAwayShare: Double
  // Extensions.
  public var seats: Int
  public var seatCost: Double
  public var fixedCost: Double
  /// Travel and tier costs (objective only).
  public var travelCost: Double
  public var unitShortfalls: Int
  /// Seats taken / capacity of held classes.
  public var fillRate: Double
  public var classesInYear: Int

  public init(
    due: Int,
    met: Int,
    overdueDue: Int,
    overdueMet: Int,
    classesHeld: Int,
    cost: Double,
    peakUnitAwayShare: Double,
    seats: Int,
    seatCost: Double,
    fixedCost: Double,
    travelCost: Double,
    unitShortfalls: Int,
    fillRate: Double,
    classesInYear: Int
  ) {
    self.due = due
    self.met = met
    self.overdueDue = overdueDue
    self.overdueMet = overdueMet
    self.classesHeld = classesHeld
    self.cost = cost
    self.peakUnitAwayShare = peakUnitAwayShare
    self.seats = seats
    self.seatCost = seatCost
    self.fixedCost = fixedCost
    self.travelCost = travelCost
    self.unitShortfalls = unitShortfalls
    self.fillRate = fillRate
    self.classesInYear = classesInYear
  }
}

/// A plan's call-up without its hours seats. The objective is
/// lexicographic (docs/hours.md): the call-up is planned against the bound,
/// then seats for class hours go into what it leaves, each worth its hours
/// at the policy's weights but counted in `objective` only by what it
/// costs. Without them the plan's objective is `objective`, and that is
/// what the bound measures the search by.
public struct CallUpPart: Sendable, Equatable {
  /// The objective of the plan without its hours seats (and without the
  /// fixed cost of classes only they hold).
  public var objective: Double
  /// Seats the hours stage added.
  public var hoursSeats: Int

  public init(objective: Double, hoursSeats: Int) {
    self.objective = objective
    self.hoursSeats = hoursSeats
  }
}

/// A solved annual plan in domain terms, ready to be written.
public struct Plan: Sendable {
  public var scenario: Scenario
  public var year: Int
  public var status: PlanStatus
  public var objective: Double?
  public var bound: Double?
  public var seconds: Double
  public var assignments: [Assignment]
  public var held: Set<Int>
  /// Class indices of the year's catalogue, held or not.
  public var classesInYear: [Int]
  public var attendees: [Int: Int]
  public var unmet: [UnmetObligation]
  public var shortfalls: [UnitShortfall]
  /// Per hours rule and rank: on track before and with the plan.
  public var hours: [HoursProgress] = []
  public var kpis: PlanKPIs
  public var stats: ModelStats?
  /// Obligations met in the bounding LP (a fractional count).
  public var lpMet: Double?
  public var log: [String]
  /// Rules read but not planned by this version (reported, not silent).
  public var notPlanned: [RuleInfo]
  /// Every target of the year (quota targets, group-share groups,
  /// class-count rules) with its planned figure; a rotation plan's years' together.
  public var targets: [TargetFigure] = []
  /// Sets of hard rules that cannot hold together (status `infeasible`).
  public var conflicts: [Conflict] = []
  /// How the plan was made (nil: assembled elsewhere, e.g. read back).
  public var method: PlanMethod? = nil
  /// What stopped the plan before it did all its work; nil when it did.
  public var stoppedBy: PlanStop? = nil
  /// The call-up apart from the seats the hours stage added after it; nil
  /// when the hours stage added none or the plan does not know them.
  public var callUp: CallUpPart? = nil
  /// Years planned: 1 for the annual call-up, more for a rotation plan.
  public var horizon = 1
  /// A rotation plan's years, each an annual plan; empty for an annual plan.
  public var years: [Plan] = []
  /// Cadres trained ahead of their cycle (to even out a rotation's years).
  public var early = 0

  /// Seats kept, per class index, for the new appointees of a rotation
  /// plan's later years, who are in no cadres.csv yet
  /// (`RotationPlanner.reserveIntake`); a rotation plan holds its years'
  /// together. Empty for an annual plan.
  public var reserved: [Int: Int] = [:]

  /// Call-ups per class kind (kinds with none left out).
  public var seatsByKind: [ClassKind: Int] {
    var out = [ClassKind: Int]()
    for a in assignments { out[scenario.classes[a.klass].kind, default: 0] += 1 }
    return out
  }

  /// Reserved seats per class kind (kinds with none left out).
  public var reservedByKind: [ClassKind: Int] {
    var out = [ClassKind: Int]()
    for (k, n) in reserved where n > 0 { out[scenario.classes[k].kind, default: 0] += n }
    return out
  }

  /// The load per class kind: call-ups and reserved seats.
  public var loadByKind: [ClassKind: Int] {
    seatsByKind.merging(reservedByKind) { $0 + $1 }
  }

  public var gap: Double? {
    guard let objective, let bound else { return nil }
    return SolveResult.relativeGap(objective: objective, bound: bound)
  }

  /// The gap of the call-up alone: its objective against the plan's bound
  /// (nil without `callUp` or a bound).
  public var callUpGap: Double? {
    guard let callUp, let bound else { return nil }
    return SolveResult.relativeGap(objective: callUp.objective, bound: bound)
  }

  public init(
    scenario: Scenario,
    year: Int,
    status: PlanStatus,
    objective: Double? = nil,
    bound: Double? = nil,
    seconds: Double,
    assignments: [Assignment],
    held: Set<Int>,
    classesInYear: [Int],
    attendees: [Int: Int],
    unmet: [UnmetObligation],
    shortfalls: [UnitShortfall],
    hours: [HoursProgress] = [],
    kpis: PlanKPIs,
    stats: ModelStats? = nil,
    lpMet: Double? = nil,
    log: [String],
    notPlanned: [RuleInfo],
    years: [Plan] = [],
    reserved: [Int: Int] = [:]
  ) {
    self.scenario = scenario
    self.year = year
    self.status = status
    self.objective = objective
    self.bound = bound
    self.seconds = seconds
    self.assignments = assignments
    self.held = held
    self.classesInYear = classesInYear
    self.attendees = attendees
    self.unmet = unmet
    self.shortfalls = shortfalls
    self.hours = hours
    self.kpis = kpis
    self.stats = stats
    self.lpMet = lpMet
    self.log = log
    self.notPlanned = notPlanned
    self.years = years
    self.reserved = reserved
  }
}

/// A smallest set of hard rules found that cannot hold together, with the
/// figures that show it (FORMATS.md, Conflicts).
public struct Conflict: Hashable, Sendable {
  public var rules: [RuleID]
  public var year: Int
  /// Planners' words, in Chinese and in English.
  public var message: String
  public var messageEnglish: String
  /// What the rules need and what the scenario offers (persons, seats, classes).
  public var needed: Int
  public var available: Int
  /// How the plan planned the conflict's rules, and so how its objective
  /// prices their breaks (plan.json's `planned`).
  public var planned: Planned

  /// How a conflict's rules were planned.
  public enum Planned: String, Hashable, Sendable {
    /// Shown impossible before planning: planned soft, each break at the
    /// rule's own weight.
    case soft
    /// Planned hard (each break at `objective.hard_break`) and broken anyway.
    case hard
  }

  public init(
    rules: [RuleID], year: Int, message: String, messageEnglish: String, needed: Int, available: Int,
    planned: Planned = .hard
  ) {
    self.rules = rules
    self.year = year
    self.message = message
    self.messageEnglish = messageEnglish
    self.needed = needed
    self.available = available
    self.planned = planned
  }
}

/// What stopped a plan before it did all its work (plan.json's
/// `stopped_by`): the plan is then the best found so far, and the same
/// inputs may give another plan on another run.
public enum PlanStop: String, Sendable, Hashable {
  /// The time limit, kept as a safety stop, was reached.
  case timeLimit = "time_limit"
  /// The planner was asked to stop (Ctrl-C, SIGTERM).
  case interrupted
}
