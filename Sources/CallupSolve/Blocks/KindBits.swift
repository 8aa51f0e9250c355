import CallupDomain
import CallupPlan

/// Class kinds as bits, for loops over every cadre–class pair of a
/// province: whether a class counts for a cycle rule or a unit share is a
/// mask test on plain arrays instead of a set look-up on the class.
struct KindBits: Sendable {
  /// Kind bit, days, year, and first and last day per class index.
  let classKind: [UInt16]
  let classDays: [Int]
  let classYear: [Int]
  let classFirst: [Int32]
  let classLast: [Int32]
  /// Off the job (away from the unit: every kind but online).
  let offTheJob: [Bool]
  /// Kinds and least days per cycle rule (index in `Policy.cycleRules`).
  let ruleKinds: [UInt16]
  let ruleMinDays: [Int]
  /// Kinds per unit-share rule (index in `Policy.unitShareRules`).
  let shareKinds: [UInt16]
  /// Per cycle rule with `window` or `by`: per class index, whether it
  /// runs in time (nil for a rule without dates).
  let ruleInTime: [[Bool]?]

  static func bit(_ k: ClassKind) -> UInt16 { 1 << UInt16(ClassKind.allCases.firstIndex(of: k)!) }
  static func mask(_ kinds: Set<ClassKind>) -> UInt16 { kinds.reduce(0) { $0 | bit($1) } }

  init(_ s: Scenario) {
    classKind = s.classes.map { Self.bit($0.kind) }
    classDays = s.classes.map(\.days)
    classYear = s.classes.map(\.year)
    classFirst = s.classes.map(\.start.ordinal)
    classLast = s.classes.map(\.end.ordinal)
    offTheJob = s.classes.map(\.kind.isOffTheJob)
    ruleKinds = s.policy.cycleRules.map { Self.mask($0.kinds) }
    ruleMinDays = s.policy.cycleRules.map(\.minDays)
    shareKinds = s.policy.unitShareRules.map { Self.mask($0.kinds) }
    ruleInTime = s.policy.cycleRules.map { rule in
      rule.timing.isAlways ? nil : s.classes.map { rule.timing.admits(start: $0.start, days: $0.days) }
    }
  }

  /// Class `ki` counts for cycle rule `r` (`CycleRule.counts`): its kind,
  /// its length and its dates.
  func counts(rule r: Int, klass ki: Int) -> Bool {
    classKind[ki] & ruleKinds[r] != 0 && classDays[ki] >= ruleMinDays[r] && ruleInTime[r]?[ki] != false
  }

  /// Classes `a` and `b` share a day (`DayRange.overlaps`).
  func overlap(_ a: Int, _ b: Int) -> Bool { classFirst[a] <= classLast[b] && classFirst[b] <= classLast[a] }

  /// Class `ki` is of a kind of unit-share rule `r`.
  func helps(share r: Int, klass ki: Int) -> Bool { classKind[ki] & shareKinds[r] != 0 }
}
