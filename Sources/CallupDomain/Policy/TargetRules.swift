/// The figure a quota target asks for: a count of persons, or a share of
/// the cadres its `who` matches.
public enum TargetAmount: Hashable, Sendable {
  case count(Int)
  case share(ExactDecimal)

  /// The figure N for a group of `n` cadres: the count, or `ceil(share × n)`.
  public func figure(of n: Int) -> Int {
    switch self {
    case .count(let c): c
    case .share(let s): s.ceil(times: n)
    }
  }
}

/// The range a target allows: `lo ... hi`, `hi` nil when open.
public struct TargetRange: Hashable, Sendable {
  public var lo: Int
  public var hi: Int?
  public init(lo: Int, hi: Int?) {
    self.lo = lo
    self.hi = hi
  }

  /// `lo = ceil(N × (1 − t))`, `hi = floor(N × (1 + t))`; `atLeast` drops
  /// `hi`, `atMost` makes `lo` 0. Exact decimals throughout.
  public static func around(_ n: Int, tolerance t: ExactDecimal, atLeast: Bool, atMost: Bool) -> TargetRange {
    let one = ExactDecimal(units: t.denominatorValue, scale: t.scale)
    let below = ExactDecimal(units: max(0, one.units - t.units), scale: t.scale)
    let above = ExactDecimal(units: one.units + t.units, scale: t.scale)
    let lo = atMost ? 0 : below.ceil(times: n)
    let hi = atLeast ? nil : above.floor(times: n)
    return TargetRange(lo: lo, hi: hi)
  }

  /// Persons (or classes, seats) outside the range.
  public func distance(_ x: Int) -> Int {
    if x < lo { return lo - x }
    if let hi, x > hi { return x - hi }
    return 0
  }
  /// `met`, `short` or `over`.
  public func status(_ x: Int) -> TargetStatus {
    if x < lo { return .short }
    if let hi, x > hi { return .over }
    return .met
  }
}

/// How a planned figure stands against its range.
public enum TargetStatus: String, Hashable, Sendable, CaseIterable {
  case met, short, over
}

/// One programme of a quota rule (`{programme, who, classes, count | share,
/// at_least, at_most, tolerance}`).
public struct QuotaTarget: Hashable, Sendable {
  public var programme: String
  public var who: Selector
  public var classes: ClassSelector
  public var amount: TargetAmount
  public var atLeast: Bool
  public var atMost: Bool
  /// The target's own tolerance; nil = the rule's.
  public var tolerance: ExactDecimal?

  public init(
    programme: String, who: Selector = .everyone, classes: ClassSelector = .any, amount: TargetAmount,
    atLeast: Bool = false, atMost: Bool = false, tolerance: ExactDecimal? = nil
  ) {
    self.programme = programme
    self.who = who
    self.classes = classes
    self.amount = amount
    self.atLeast = atLeast
    self.atMost = atMost
    self.tolerance = tolerance
  }
}

/// `quota {targets, tolerance, hard}` (programme quotas, 002 四): per year,
/// the distinct cadres of each target's `who` who attend one of its
/// classes lie in the target's range.
public struct QuotaRule: Hashable, Sendable {
  public var info: RuleInfo
  public var targets: [QuotaTarget]
  public var tolerance: ExactDecimal
  public var hard: Bool
  /// Cost of each person outside a range; nil = the policy's `objective.quota`.
  public var weight: Double?

  public init(
    info: RuleInfo, targets: [QuotaTarget], tolerance: ExactDecimal = ExactDecimal(0), hard: Bool = false,
    weight: Double? = nil
  ) {
    self.info = info
    self.targets = targets
    self.tolerance = tolerance
    self.hard = hard
    self.weight = weight
  }

  /// The range of target `t` when its `who` matches `n` cadres.
  public func range(_ t: QuotaTarget, matched n: Int) -> TargetRange {
    TargetRange.around(
      t.amount.figure(of: n), tolerance: t.tolerance ?? tolerance, atLeast: t.atLeast, atMost: t.atMost)
  }
}

/// A group of a group-share rule.
public struct ShareGroup: Hashable, Sendable {
  public var name: String
  public var who: Selector
  public init(name: String, who: Selector) {
    self.name = name
    self.who = who
  }
}

/// `group-share {groups, of, classes, min_ratio, tolerance, hard}` (000 item
/// 12): each group is trained at least `min_ratio × (1 − tolerance)` times
/// the overall rate of `of`.
public struct GroupShareRule: Hashable, Sendable {
  public var info: RuleInfo
  public var groups: [ShareGroup]
  public var of: Selector
  public var classes: ClassSelector
  public var minRatio: ExactDecimal
  public var tolerance: ExactDecimal
  public var hard: Bool
  public var weight: Double?

  public init(
    info: RuleInfo, groups: [ShareGroup], of: Selector = .everyone, classes: ClassSelector = .any,
    minRatio: ExactDecimal = ExactDecimal(1), tolerance: ExactDecimal = ExactDecimal(0), hard: Bool = false,
    weight: Double? = nil
  ) {
    self.info = info
    self.groups = groups
    self.of = of
    self.classes = classes
    self.minRatio = minRatio
    self.tolerance = tolerance
    self.hard = hard
    self.weight = weight
  }

  /// The ratio a group must reach, `min_ratio × (1 − tolerance)`, exactly.
  public var effectiveRatio: ExactDecimal {
    let oneMinus = ExactDecimal(units: max(0, tolerance.denominatorValue - tolerance.units), scale: tolerance.scale)
    return minRatio.times(oneMinus)
  }

  /// Persons of the group the rule asks for: `ceil(ratio × |G| × |T| / |of|)`
  /// (0 when `of` is empty).
  public func required(groupSize g: Int, trained t: Int, of n: Int) -> Int {
    guard n > 0 else { return 0 }
    let r = effectiveRatio
    let num = r.units * g * t
    let den = r.denominatorValue * n
    return (num + den - 1) / den
  }
}

/// `class-count {classes, min, max, min_seats, max_seats, hard}` (004): the
/// held classes of the year matched by `classes`, and their attendees, lie
/// in the bounds given.
public struct ClassCountRule: Hashable, Sendable {
  public var info: RuleInfo
  public var classes: ClassSelector
  public var min: Int?
  public var max: Int?
  public var minSeats: Int?
  public var maxSeats: Int?
  public var hard: Bool
  /// Cost of each class outside the bounds; nil = `objective.class_count`.
  public var weight: Double?
  /// Cost of each seat outside the bounds; nil = `objective.class_seat`.
  public var seatWeight: Double?

  public init(
    info: RuleInfo, classes: ClassSelector = .any, min: Int? = nil, max: Int? = nil, minSeats: Int? = nil,
    maxSeats: Int? = nil, hard: Bool = false, weight: Double? = nil, seatWeight: Double? = nil
  ) {
    self.info = info
    self.classes = classes
    self.min = min
    self.max = max
    self.minSeats = minSeats
    self.maxSeats = maxSeats
    self.hard = hard
    self.weight = weight
    self.seatWeight = seatWeight
  }

  /// The classes' range; every class-count rule has one (open when the
  /// rule bounds only seats).
  public var classRange: TargetRange { TargetRange(lo: min ?? 0, hi: max) }
  public var seatRange: TargetRange? {
    minSeats == nil && maxSeats == nil ? nil : TargetRange(lo: minSeats ?? 0, hi: maxSeats)
  }
}

extension ExactDecimal {
  /// `10^scale`.
  public var denominatorValue: Int { denominator }

  /// The exact product.
  public func times(_ o: ExactDecimal) -> ExactDecimal {
    ExactDecimal(units: units * o.units, scale: scale + o.scale)
  }
}
