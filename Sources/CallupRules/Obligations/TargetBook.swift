import CallupDomain

/// What one target counts: which rule, which figure and over whom.
public enum TargetKind: Hashable, Sendable {
  /// Distinct cadres of a quota target's `who` trained in its classes.
  case quota(rule: Int, target: Int)
  /// Distinct cadres of a group-share group trained in the rule's classes.
  case group(rule: Int, group: Int)
  /// Held classes matched by a class-count rule.
  case classes(rule: Int)
  /// Attendees of the classes matched by a class-count rule.
  case seats(rule: Int)
}

/// One target of one year, as the plan is judged by it: quota targets,
/// groups of group-share rules and class-count rules (FORMATS.md `targets`).
public struct Target: Hashable, Sendable {
  public var kind: TargetKind
  public var rule: RuleInfo
  /// The programme, the group's name, `seats` or empty.
  public var name: String
  public var year: Int
  public var hard: Bool
  /// Cost of each person (class, seat) outside the range.
  public var weight: Double
  /// Cadres counted (a quota's `who`; a group's members within `of`), ascending.
  public var members: [Int]
  /// Members already trained in the year by history in a matched class.
  public var trainedBefore: Set<Int>
  /// The year's classes (indices) the target counts.
  public var classes: [Int]
  /// The range; for a group the range depends on the plan (`GroupShareFigures`).
  public var range: TargetRange

  /// What each person (class, seat) outside the range costs the plan: the
  /// target's weight, or `hard_break` for a hard target.
  public func cost(_ weights: ObjectiveWeights) -> Double { hard ? weights.hardBreak : weight }
}

/// The target of a group-share group, with the figures of its `of`.
public struct GroupShareFigures: Hashable, Sendable {
  /// Cadres matched by `of`, and those of them trained by history in the year.
  public var ofMembers: [Int]
  public var ofTrainedBefore: Set<Int>
}

/// Every target of the planned year, derived from the policy's quota,
/// group-share and class-count rules, the cadres, the catalogue and history.
public struct TargetBook: Sendable {
  public let year: Int
  public let targets: [Target]
  /// Per group-share rule index: its `of` figures.
  public let groupShares: [Int: GroupShareFigures]

  public init(scenario s: Scenario, year: Int) {
    self.year = year
    let policy = s.policy
    guard policy.hasTargets else {
      targets = []
      groupShares = [:]
      return
    }
    let weights = policy.objective
    let inYear = s.classes.indices.filter { s.classes[$0].year == year }
    let historyInYear: [[HistoryRecord]] = s.historyByCadre.map { $0.filter { $0.year == year } }
    func trained(_ members: [Int], _ sel: ClassSelector) -> Set<Int> {
      Set(members.filter { ci in historyInYear[ci].contains { sel.matches($0, classOf: s.trainingClass) } })
    }
    func matching(_ who: Selector) -> [Int] { s.cadres.indices.filter { who.matches(s.cadres[$0], year: year) } }
    var out: [Target] = []
    for (ri, rule) in policy.quotaRules.enumerated() {
      for (ti, t) in rule.targets.enumerated() {
        let members = matching(t.who)
        out.append(
          Target(
            kind: .quota(rule: ri, target: ti), rule: rule.info, name: t.programme, year: year, hard: rule.hard,
            weight: rule.weight ?? weights.quota, members: members, trainedBefore: trained(members, t.classes),
            classes: inYear.filter { t.classes.matches(s.classes[$0]) }, range: rule.range(t, matched: members.count)))
      }
    }
    var shares: [Int: GroupShareFigures] = [:]
    for (ri, rule) in policy.groupShareRules.enumerated() {
      let of = matching(rule.of)
      shares[ri] = GroupShareFigures(ofMembers: of, ofTrainedBefore: trained(of, rule.classes))
      let classes = inYear.filter { rule.classes.matches(s.classes[$0]) }
      for (gi, g) in rule.groups.enumerated() {
        let members = of.filter { g.who.matches(s.cadres[$0], year: year) }
        out.append(
          Target(
            kind: .group(rule: ri, group: gi), rule: rule.info, name: g.name, year: year, hard: rule.hard,
            weight: rule.weight ?? weights.groupShare, members: members,
            trainedBefore: trained(members, rule.classes), classes: classes, range: TargetRange(lo: 0, hi: nil)))
      }
    }
    for (ri, rule) in policy.classCountRules.enumerated() {
      let classes = inYear.filter { rule.classes.matches(s.classes[$0]) }
      out.append(
        Target(
          kind: .classes(rule: ri), rule: rule.info, name: "", year: year, hard: rule.hard,
          weight: rule.weight ?? weights.classCount, members: [], trainedBefore: [], classes: classes,
          range: rule.classRange))
      if let r = rule.seatRange {
        out.append(
          Target(
            kind: .seats(rule: ri), rule: rule.info, name: "seats", year: year, hard: rule.hard,
            weight: rule.seatWeight ?? weights.classSeat, members: [], trainedBefore: [], classes: classes, range: r))
      }
    }
    self.targets = out
    self.groupShares = shares
  }

  /// Where seats would serve a target that still wants people: per cadre
  /// index, the class sets of the quota targets short of their `lo` with
  /// history alone that count the cadre (none for cadres no quota wants);
  /// and the classes of class-count rules with a lower bound, for every
  /// cadre the model plans anything for. A group-share group's
  /// members want its classes only while the group's members times its
  /// classes stay within `groupPairBudget` (a city's groups do; a
  /// province's weigh the seats the other rules make).
  public func wantedClasses(cadres: Int) -> WantedClasses {
    var wanted = WantedClasses(byCadre: Array(repeating: [], count: cadres), sets: [], counted: nil)
    var counted = Set<Int>()
    for t in targets {
      switch t.kind {
      case .quota:
        guard t.range.lo > t.trainedBefore.count else { continue }
        wanted.add(Set(t.classes), for: t.members.filter { !t.trainedBefore.contains($0) })
      case .group:
        guard t.members.count * t.classes.count <= Self.groupPairBudget else { continue }
        wanted.add(Set(t.classes), for: t.members.filter { !t.trainedBefore.contains($0) })
      case .classes, .seats:
        if t.range.lo > 0 { counted.formUnion(t.classes) }
      }
    }
    if !counted.isEmpty {
      wanted.counted = wanted.sets.count
      wanted.sets.append(counted)
    }
    return wanted
  }

  /// Most pairs a group-share group may ask to screen (members × classes).
  public static let groupPairBudget = 1_000_000
}

/// The classes targets want seats in (`TargetBook.wantedClasses`): per
/// cadre, the sets it wants a class of; the classes of class counts, for
/// any cadre with pairs. The sets are kept whole, not copied to each
/// member: a province-wide quota's classes are tens of thousands, and a
/// cadre screens only those within its reach (`ClassReach`).
public struct WantedClasses: Sendable {
  /// Per cadre, indices into `sets`.
  public var byCadre: [[Int32]]
  public var sets: [Set<Int>]
  /// The index in `sets` of the class counts' classes, if any.
  public var counted: Int?

  /// No class wanted.
  public static let none = WantedClasses(byCadre: [], sets: [], counted: nil)

  mutating func add(_ classes: Set<Int>, for members: [Int]) {
    guard !classes.isEmpty, !members.isEmpty else { return }
    let i = Int32(sets.count)
    sets.append(classes)
    for ci in members { byCadre[ci].append(i) }
  }

  /// The sets cadre `ci` wants a class of (the class counts' included).
  public func sets(of ci: Int) -> [Int] {
    var out = byCadre.isEmpty ? [] : byCadre[ci].map(Int.init)
    if let counted { out.append(counted) }
    return out
  }
}

/// A target's planned figure and where it stands.
public struct TargetFigure: Hashable, Sendable {
  public var target: Target
  public var range: TargetRange
  public var planned: Int
  public var status: TargetStatus { range.status(planned) }
  /// Persons (classes, seats) outside the range.
  public var distance: Int { range.distance(planned) }
}

extension TargetBook {
  /// Each target's planned figure for a plan of `assignments` (cadre and
  /// class indices, any year) and held classes, history in the year included.
  public func figures(
    scenario s: Scenario, assignments: [(cadre: Int, klass: Int)], held: Set<Int>
  ) -> [TargetFigure] {
    var classesOf = Array(repeating: [Int](), count: s.cadres.count)
    var seats = Array(repeating: 0, count: s.classes.count)
    for a in assignments where s.classes[a.klass].year == year {
      classesOf[a.cadre].append(a.klass)
      seats[a.klass] += 1
    }
    func trainedCount(_ members: [Int], before: Set<Int>, classes: Set<Int>) -> Int {
      members.reduce(0) { n, ci in
        n + (before.contains(ci) || classesOf[ci].contains { classes.contains($0) } ? 1 : 0)
      }
    }
    var ofTrained: [Int: Int] = [:]
    return targets.map { t in
      let classSet = Set(t.classes)
      switch t.kind {
      case .quota:
        return TargetFigure(
          target: t, range: t.range, planned: trainedCount(t.members, before: t.trainedBefore, classes: classSet))
      case .group(let ri, _):
        let g = groupShares[ri]!
        let total =
          ofTrained[ri]
          ?? trainedCount(g.ofMembers, before: g.ofTrainedBefore, classes: classSet)
        ofTrained[ri] = total
        let rule = s.policy.groupShareRules[ri]
        let lo = rule.required(groupSize: t.members.count, trained: total, of: g.ofMembers.count)
        return TargetFigure(
          target: t, range: TargetRange(lo: lo, hi: nil),
          planned: trainedCount(t.members, before: t.trainedBefore, classes: classSet))
      case .classes:
        return TargetFigure(target: t, range: t.range, planned: t.classes.filter { held.contains($0) }.count)
      case .seats:
        return TargetFigure(target: t, range: t.range, planned: t.classes.reduce(0) { $0 + seats[$1] })
      }
    }
  }
}

extension TargetBook {
  /// The ranges a part of the cadres (a block; global cadre indices,
  /// ascending) is planned to, by target index: a quota target's persons
  /// still to train split in proportion to the part's members not yet
  /// trained (`lo` rounded up, `hi` down), plus the part's trained by
  /// history. Group-share groups keep their own rate in the part (no
  /// entry); class counts are left out of the part's model (nil).
  public func parts(for cadres: [Int]) -> [Int: TargetRange?] {
    let inPart = Set(cadres)
    var out: [Int: TargetRange?] = [:]
    for (ti, t) in targets.enumerated() {
      switch t.kind {
      case .quota:
        let before = t.trainedBefore.count
        let beforeHere = t.trainedBefore.filter { inPart.contains($0) }.count
        let open = t.members.count - before
        let openHere = t.members.filter { inPart.contains($0) && !t.trainedBefore.contains($0) }.count
        func share(_ n: Int, up: Bool) -> Int {
          guard open > 0, n > 0 else { return 0 }
          return up ? (n * openHere + open - 1) / open : n * openHere / open
        }
        let lo = beforeHere + share(max(0, t.range.lo - before), up: true)
        let hi = t.range.hi.map { beforeHere + share(max(0, $0 - before), up: false) }
        out[ti] = TargetRange(lo: min(lo, beforeHere + openHere), hi: hi)
      case .group: continue
      case .classes, .seats: out[ti] = .some(nil)
      }
    }
    return out
  }
}
