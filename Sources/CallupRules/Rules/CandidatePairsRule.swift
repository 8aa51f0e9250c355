import CallupDomain
import Modeling

/// Eligibility, availability and the history half of no-duplicate, applied
/// per pair: only pairs that pass become variables, so these hard rules hold
/// by construction. A pair also becomes a variable only when the class can
/// serve the cadre: it counts for one of the cadre's due obligations or for
/// its pace of an hours rule, or it sends a member of a unit-share group
/// whose unit still needs people (a
/// seat that serves nothing only costs money, so no optimal plan uses it).
///
/// Classes that fewer cadres than their `min_size` could attend cannot be
/// held; their pairs are dropped and the class is recorded as unreachable.
public struct CandidatePairsRule: PlanningRule {
  public var info: RuleInfo { BuiltInRules.eligibility }
  public var isHard: Bool { true }
  public init() {}

  public func apply(to f: inout Formulation) {
    let scenario = f.scenario
    let eligible = EligiblePairs(f)
    var pairsByClass = Array(repeating: [Int](), count: scenario.classes.count)
    var eligibleCount = Array(repeating: 0, count: scenario.classes.count)
    var omitted = 0
    for ci in scenario.cadres.indices {
      let classes = eligible.classes(cadre: ci)
      guard !classes.isEmpty else { continue }
      let kept =
        f.options.pairLimit.map { eligible.restrict(cadre: ci, classes, limit: $0, extra: f.options.extraPairs) }
        ?? classes
      omitted += classes.count - kept.count
      for ki in classes { eligibleCount[ki] += 1 }
      for ki in kept { pairsByClass[ki].append(ci) }
    }
    f.omittedPairs = omitted
    f.eligibleCount = eligibleCount
    // Cadre-major order keeps variables of one unit and cadre together.
    var pairs: [(Int, Int)] = []
    for ki in f.classesInYear {
      let k = scenario.classes[ki]
      if eligibleCount[ki] < k.minSize, !f.heldOutside(ki) {
        f.unreachableClasses.insert(ki)
        continue
      }
      for ci in pairsByClass[ki] { pairs.append((ci, ki)) }
    }
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    for (ci, ki) in pairs { f.addCandidate(cadre: ci, klass: ki) }
  }
}

/// The pairs a cadre may be planned for: those the candidate screen lets
/// through (eligibility, availability, history duplicates) and that serve
/// a due obligation of the cadre, a unit-share group that still needs
/// people, or the cadre's pace of an hours rule. A seat that serves nothing only costs money, so no optimal plan
/// uses it.
public struct EligiblePairs: Sendable {
  let f: Formulation
  /// Kinds that count for a share group still needing people, per cadre.
  let shareKinds: [Set<ClassKind>]
  /// Classes of the year by kind, then by a rank they admit (index
  /// `kind × ranks + rank`); the screen would refuse the others anyway.
  let classesByKindAndRank: [[Int]]
  /// Days and institution type per class index (read for every pair).
  let classDays: [Int]
  let classInstitution: [InstitutionType?]
  /// True for classes with a quota of 0 (left to other blocks).
  let elsewhere: [Bool]
  /// The classes of each slot a cadre looks at first (`ClassReach`).
  let reach: ClassReach
  /// Per cadre, the class sets where a seat serves a target, and the
  /// classes of class counts for any cadre with pairs (`TargetBook.wantedClasses`).
  let wanted: WantedClasses
  /// Per set of `wanted`, the kinds (indices into `ClassKind.allCases`) of its classes.
  let wantedKinds: [[Int]]

  public init(_ f: Formulation) {
    self.f = f
    let shares = f.scenario.policy.unitShareRules
    var kinds = Array(repeating: Set<ClassKind>(), count: f.scenario.cadres.count)
    for req in f.book.unitRequirements where req.need > 0 {
      for m in req.members where !req.alreadyTrained.contains(m) {
        kinds[m].formUnion(shares[req.rule].kinds)
      }
    }
    shareKinds = kinds
    let ranks = Rank.allCases
    var byKindAndRank = Array(repeating: [Int](), count: ClassKind.allCases.count * ranks.count)
    for ki in f.classesInYear {
      let k = f.scenario.classes[ki]
      let kind = ClassKind.allCases.firstIndex(of: k.kind)!
      for (r, rank) in ranks.enumerated() where k.ranks.isEmpty || k.ranks.contains(rank) {
        byKindAndRank[kind * ranks.count + r].append(ki)
      }
    }
    classesByKindAndRank = byKindAndRank
    reach = ClassReach(f.scenario, bySlot: byKindAndRank)
    classDays = f.scenario.classes.map(\.days)
    classInstitution = f.scenario.classes.map(\.institutionType)
    let quotas = f.options.quotas
    elsewhere = f.scenario.classes.indices.map { quotas[$0] == 0 }
    wanted = f.targetBook.targets.isEmpty ? .none : f.targetBook.wantedClasses(cadres: f.scenario.cadres.count)
    let kindIndex = Dictionary(uniqueKeysWithValues: ClassKind.allCases.enumerated().map { ($1, $0) })
    wantedKinds = wanted.sets.map { set in Set(set.map { kindIndex[f.scenario.classes[$0].kind]! }).sorted() }
  }

  /// Class indices (ascending) cadre `ci` may be planned for; with
  /// `everywhere`, also the classes this model leaves to other blocks (a
  /// quota of 0).
  ///
  /// With `eligible` lists (a block), the lists; a model that plans hours
  /// (a block's hours stage) adds the classes its own screen finds for the
  /// paces, so that every pair of the block's call-up is in it too.
  public func classes(cadre ci: Int, everywhere: Bool = false) -> [Int] {
    guard let lists = f.options.eligible else { return screened(cadre: ci, everywhere: everywhere) }
    let list = lists.classes[ci]
    let listed =
      everywhere || f.options.quotas.isEmpty
      ? list.map(Int.init) : list.compactMap { elsewhere[Int($0)] ? nil : Int($0) }
    guard f.options.planHours else { return listed }
    return Array(Set(listed).union(screened(cadre: ci, everywhere: everywhere))).sorted()
  }

  /// `classes(cadre:everywhere:)`, screening the classes of the year
  /// within the cadre's reach (`ClassReach`): for each kind it needs, the
  /// near classes, and the distant ones only when no near class serves it;
  /// then the classes targets want of it, the same way.
  public func screened(cadre ci: Int, everywhere: Bool = false) -> [Int] {
    let cycles = f.scenario.policy.cycleRules
    let hoursRules = f.scenario.policy.hoursRules
    let obligations = f.book.byCadre[ci].map { f.book.obligations[$0] }
    let paces = f.options.planHours ? f.book.hoursByCadre[ci].map { hoursRules[f.book.hoursTargets[$0].rule] } : []
    let targeted = !wanted.byCadre.isEmpty && !wanted.byCadre[ci].isEmpty
    if obligations.isEmpty && shareKinds[ci].isEmpty && paces.isEmpty && !targeted { return [] }
    var kinds = shareKinds[ci]
    for o in obligations { kinds.formUnion(cycles[o.rule].kinds) }
    for r in paces { kinds.formUnion(r.kinds.isEmpty ? Set(ClassKind.allCases) : r.kinds) }
    var out: [Int] = []
    let rank = Rank.allCases.firstIndex(of: f.scenario.cadres[ci].rank)!
    let screen = f.screen
    for (kindIndex, kind) in ClassKind.allCases.enumerated() where kinds.contains(kind) {
      let shares = shareKinds[ci].contains(kind)
      // Least days of a class that meets an obligation of this kind.
      let owedDays = obligations.map { cycles[$0.rule] }.filter { $0.kinds.contains(kind) }.map(\.minDays).min()
      let paced = paces.filter { $0.kinds.isEmpty || $0.kinds.contains(kind) }
      take(slot: kindIndex * Rank.allCases.count + rank, cadre: ci, into: &out) { ki in
        guard everywhere || !elsewhere[ki] else { return false }
        let serves =
          shares || owedDays.map { classDays[ki] >= $0 } == true
          || paced.contains { $0.counts(kind: kind, institutionType: classInstitution[ki]) }
        return serves && screen.screen(cadre: ci, klass: ki) == nil
      }
    }
    if targeted || wanted.counted != nil { out += wantedClasses(cadre: ci, besides: Set(out), everywhere: everywhere) }
    return out.sorted()
  }

  /// Appends to `out` the classes of `slot` within the cadre's reach
  /// (`ClassReach`) that are `within` (every class by default) and that
  /// `admits`: the near ones, then up to `ClassReach.distantPerKind`
  /// distant ones (of the first `ClassReach.distantScan`); every distant
  /// one when no near class is `within`.
  func take(
    slot: Int, cadre ci: Int, into out: inout [Int], within: (Int) -> Bool = { _ in true },
    admits: (Int) -> Bool
  ) {
    let hasNear = reach.ownHas(slot, cadre: ci, where: within)
    for ki in reach.near(slot, cadre: ci) where within(ki) && admits(ki) { out.append(ki) }
    var found = 0
    for (j, ki) in reach.distant(slot, cadre: ci).enumerated() {
      if hasNear, found >= ClassReach.distantPerKind || j >= ClassReach.distantScan { break }
      if within(ki), admits(ki) {
        out.append(ki)
        found += 1
      }
    }
  }

  /// The classes targets want of cadre `ci` that are not in `taken`: every
  /// class of a set of a few (`ClassReach.nearPerKind`), else those of the
  /// set within the cadre's reach.
  func wantedClasses(cadre ci: Int, besides taken: Set<Int>, everywhere: Bool) -> [Int] {
    let rank = Rank.allCases.firstIndex(of: f.scenario.cadres[ci].rank)!
    let screen = f.screen
    var out: [Int] = []
    var seen = taken
    for set in wanted.sets(of: ci) {
      let classes = wanted.sets[set]
      if classes.count <= ClassReach.nearPerKind {
        // A few classes: each of them, wherever it is.
        for ki in classes.sorted() where !seen.contains(ki) && (everywhere || !elsewhere[ki]) {
          if screen.screen(cadre: ci, klass: ki) == nil {
            out.append(ki)
            seen.insert(ki)
          }
        }
        continue
      }
      for kindIndex in wantedKinds[set] {
        take(slot: kindIndex * Rank.allCases.count + rank, cadre: ci, into: &out, within: classes.contains) { ki in
          !seen.contains(ki) && (everywhere || !elsewhere[ki]) && screen.screen(cadre: ci, klass: ki) == nil
        }
        for ki in out where !seen.contains(ki) { seen.insert(ki) }
      }
    }
    return out
  }

  /// The direct value of a seat for the cadre (obligations it meets) less its cost.
  public func staticValue(cadre ci: Int, klass ki: Int) -> Double {
    let cycles = f.scenario.policy.cycleRules
    let k = f.scenario.classes[ki]
    let c = f.scenario.cadres[ci]
    var v =
      -SeatCostRule.seatCost(cadre: c, unit: f.scenario.unit(c.unit), klass: k, tiered: f.scenario.policy.tiered)
      - (f.options.seatPrices[ki] ?? 0)
    for oi in f.book.byCadre[ci] where cycles[f.book.obligations[oi].rule].counts(k) {
      v += f.book.obligations[oi].value
    }
    let hoursRules = f.scenario.policy.hoursRules
    for ti in f.book.hoursByCadre[ci] where f.options.planHours {
      let t = f.book.hoursTargets[ti]
      let a = hoursRules[t.rule].amount(of: k)
      v += t.valuePerUnit * min(a, t.pace)
    }
    return v
  }

  /// At most `limit` classes per kind, best first; equal values are spread
  /// over cadres so that identical sessions share the demand.
  func restrict(cadre ci: Int, _ classes: [Int], limit: Int, extra: Set<Int>) -> [Int] {
    var byKind = [ClassKind: [Int]]()
    for ki in classes { byKind[f.scenario.classes[ki].kind, default: []].append(ki) }
    var kept: [Int] = []
    let cycles = f.scenario.policy.cycleRules
    let owed = Set(f.book.byCadre[ci].flatMap { cycles[f.book.obligations[$0].rule].kinds })
    for kind in ClassKind.allCases {
      guard let list = byKind[kind] else { continue }
      // A kind that serves only the unit share starts with one pair.
      let limit = owed.contains(kind) ? limit : 1
      if list.count <= limit {
        kept.append(contentsOf: list)
        continue
      }
      let n = list.count
      let ranked = list.enumerated().map { (i, ki) in (ki, staticValue(cadre: ci, klass: ki), (i + ci) % n) }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
      for (j, r) in ranked.enumerated() where j < limit || extra.contains(f.pairKey(cadre: ci, klass: r.0)) {
        kept.append(r.0)
      }
    }
    return kept.sorted()
  }
}

/// Class size and the holding decision: `min_size·y[k] ≤ Σ x[·,k] ≤ cap·y[k]`,
/// with the class's fixed cost on `y[k]`.
public struct ClassSizeRule: PlanningRule {
  public var info: RuleInfo { BuiltInRules.classSize }
  public var isHard: Bool { true }
  public init() {}

  public func apply(to f: inout Formulation) {
    for ki in f.classesInYear {
      let members = f.candidatesByClass[ki]
      guard !members.isEmpty else { continue }
      let k = f.scenario.classes[ki]
      if let quota = f.options.quotas[ki] {
        // Shared with other blocks: held outside, at most the quota here.
        var sum = LinearExpression()
        for p in members { sum.add(1, f.candidates[p].variable) }
        f.capacityRow[ki] = f.model.addConstraint("quota[\(k.id)]", sum, .lessOrEqual(Double(quota)))
        if let part = f.options.quotaMinimums[ki], part > 0 {
          // The block's part of the class's minimum, soft.
          let short = f.model.addVariable(
            "quota_short[\(k.id)]", lower: 0, upper: Double(part), kind: .continuous,
            objective: f.options.quotaShortPenalty)
          f.quotaShortVariable[ki] = short
          var lower = sum
          lower.add(1, short)
          f.minSizeRow[ki] = f.model.addConstraint("quota_min[\(k.id)]", lower, .greaterOrEqual(Double(part)))
        }
        continue
      }
      let y = f.model.addVariable("y[\(k.id)]", lower: 0, upper: 1, kind: .binary, objective: k.fixedCost)
      f.holdVariable[ki] = y
      // Never more than could attend at all: the count of eligible pairs
      // (not of the pairs kept in a restricted model, so that a restricted
      // model's rows are the whole model's rows on fewer columns).
      let eligible = max(members.count, f.eligibleCount[ki])
      let capacity = min(k.capacity ?? eligible, eligible)
      var sum = LinearExpression()
      for p in members { sum.add(1, f.candidates[p].variable) }
      var upper = sum
      upper.add(-Double(capacity), y)
      f.capacityRow[ki] = f.model.addConstraint("capacity[\(k.id)]", upper, .lessOrEqual(0))
      if f.options.linkSeatsToHolds {
        // x[c,k] ≤ y[k]: a seat only in a held class. Implied by the
        // capacity row for integers; for the LP it makes a class that
        // anyone attends in full cost its whole fixed cost: a tighter bound.
        for p in members {
          let c = f.candidates[p]
          var link = LinearExpression(c.variable)
          link.add(-1, y)
          f.model.addConstraint("seat_in_held[\(f.scenario.cadres[c.cadre].id),\(k.id)]", link, .lessOrEqual(0))
        }
      }
      if k.minSize > 1 {
        var lower = sum
        lower.add(-Double(k.minSize), y)
        f.minSizeRow[ki] = f.model.addConstraint("min_size[\(k.id)]", lower, .greaterOrEqual(0))
      } else {
        // Holding a class is free of a minimum: still link every seat to y.
        var lower = sum
        lower.add(-1, y)
        f.minSizeRow[ki] = f.model.addConstraint("min_size[\(k.id)]", lower, .greaterOrEqual(0))
      }
    }
  }
}
