import CallupDomain
import CallupPlan
import CallupRules

/// A number of cadres (or seats) under a key: a rule's id, a rank.
public struct KeyedCount: Sendable, Hashable {
  public var key: String
  public var count: Int
}

/// A class a target counts, as the plan fills it.
public struct TargetClassUse: Sendable, Hashable {
  /// The class index, whether it is held, its capacity (nil: no limit) and attendees.
  public var klass: Int
  public var held: Bool
  public var capacity: Int?
  public var attendees: Int
  /// Attendees who count for the target (its cadres).
  public var members: Int
  /// The other attendees by the cycle rule whose due obligation the class
  /// meets for them (`""`: none), most first.
  public var othersByRule: [KeyedCount]
  /// The other attendees by rank (the contract's words), highest rank first.
  public var othersByRank: [KeyedCount]

  public var others: Int { attendees - members }
  /// Seats left (nil: no limit).
  public var free: Int? { capacity.map { max(0, $0 - attendees) } }
}

/// The overall figures of a group-share rule: its `of` and those of them trained.
public struct GroupOverall: Sendable, Hashable {
  public var cadres: Int
  public var trained: Int
}

/// Why a target stands where it does: its range and planned figure, the
/// classes that could serve it and who took their seats, and how many of
/// its cadres could attend at all.
public struct TargetExplanation: Sendable {
  public var figure: TargetFigure
  /// The year's classes the target counts, in catalogue order.
  public var classes: [TargetClassUse]
  /// The target's cadres (none for a class-count figure), those trained by
  /// history in the year, and those the plan calls up to a counting class.
  public var members: Int
  public var trainedBefore: Int
  public var calledUp: Int
  /// Cadres of the target who could attend some counting class at all:
  /// admitted by its ranks and tags, free on its days, no clash with their
  /// history; and how many of them are not counted yet.
  public var couldAttend: Int
  public var couldStillAttend: Int
  /// The first of those (cadre indices, at most ``listed``).
  public var couldStillAttendCadres: [Int]
  /// Most cadres named in ``couldStillAttendCadres``.
  public static let listed = 10
  /// The cadres called up to a counting class, by the cycle rule whose due
  /// obligation it meets for them (`""`: none), most first.
  public var membersByRule: [KeyedCount]
  /// For a group of a group-share rule: the figures of its `of`.
  public var overall: GroupOverall?
  /// plan.json's planned figure for the target, when it gives one.
  public var plannedInFile: Int?
  /// For a short target, where its cadres not counted yet could be seated,
  /// class by class: the held classes' free seats, then the classes not
  /// held to open for as many as it still needs (empty for a target not short).
  public var room: TargetRoom
}

extension Explainer {
  /// Every target of the plan's year with its planned figure, counted
  /// from the plan directory against the scenario (as the planner counts it).
  public func targetFigures() -> [TargetFigure] {
    let book = TargetBook(scenario: scenario, year: state.year)
    return book.figures(scenario: scenario, assignments: assignmentPairs, held: state.held)
  }

  var assignmentPairs: [(cadre: Int, klass: Int)] {
    state.classesByCadre.enumerated().flatMap { ci, ks in ks.map { (cadre: ci, klass: $0) } }
  }

  /// The targets that `RULE` or `RULE:NAME` names: every target of the rule
  /// without a name; with one, the target of that programme or group name
  /// (`seats` for a class-count rule's seats, empty for its classes).
  public func targets(named spec: String, in figures: [TargetFigure]) -> [TargetFigure] {
    let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let rule = parts[0].trimmingCharacters(in: .whitespaces)
    let name = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
    return figures.filter { f in
      f.target.rule.id.rawValue == rule && (name.map { $0 == f.target.name } ?? true)
    }
  }

  /// Explains one target of the plan's year.
  public func explain(target f: TargetFigure) -> TargetExplanation {
    let s = scenario
    let t = f.target
    let classSet = Set(t.classes)
    func counted(_ ci: Int, before: Set<Int>) -> Bool {
      before.contains(ci) || state.classesByCadre[ci].contains { classSet.contains($0) }
    }
    let memberSet = Set(t.members)
    let calledUp = t.members.filter { ci in state.classesByCadre[ci].contains { classSet.contains($0) } }
    let could = t.members.filter { ci in t.classes.contains { screen.screen(cadre: ci, klass: $0) == nil } }
    let still = could.filter { !counted($0, before: t.trainedBefore) }
    var attendeesOf = [Int: [Int]]()
    for (ci, ks) in state.classesByCadre.enumerated() {
      for k in ks where classSet.contains(k) { attendeesOf[k, default: []].append(ci) }
    }
    let uses = t.classes.map { k -> TargetClassUse in
      let people = attendeesOf[k] ?? []
      let others = people.filter { !memberSet.contains($0) }
      var ranks = [Rank: Int]()
      for ci in others { ranks[s.cadres[ci].rank, default: 0] += 1 }
      return TargetClassUse(
        klass: k, held: state.held.contains(k), capacity: s.classes[k].capacity, attendees: people.count,
        members: people.count - others.count, othersByRule: byRule(others.map { ($0, k) }),
        othersByRank: Rank.allCases.compactMap { r in ranks[r].map { KeyedCount(key: r.rawValue, count: $0) } })
    }
    var overall: GroupOverall? = nil
    if case .group(let ri, _) = t.kind {
      let book = TargetBook(scenario: s, year: state.year)
      if let g = book.groupShares[ri] {
        overall = GroupOverall(
          cadres: g.ofMembers.count, trained: g.ofMembers.filter { counted($0, before: g.ofTrainedBefore) }.count)
      }
    }
    let inFile = state.record.targets.first {
      $0.rule == t.rule.id.rawValue && $0.name == t.name && ($0.year ?? state.year) == t.year
    }?.planned
    return TargetExplanation(
      figure: f, classes: uses, members: t.members.count, trainedBefore: t.trainedBefore.count,
      calledUp: calledUp.count, couldAttend: could.count, couldStillAttend: still.count,
      couldStillAttendCadres: Array(still.prefix(TargetExplanation.listed)),
      membersByRule: byRule(
        calledUp.compactMap { ci in
          state.classesByCadre[ci].first { classSet.contains($0) }.map { (ci, $0) }
        }), overall: overall, plannedInFile: inFile,
      room: room(for: still, in: uses, need: f.status == .short ? f.distance : 0))
  }

  /// Cadres in classes counted by the cycle rule whose due obligation the
  /// class meets for them (`""` when none does), most first, then by rule id.
  func byRule(_ seats: [(cadre: Int, klass: Int)]) -> [KeyedCount] {
    let cycles = scenario.policy.cycleRules
    var count = [String: Int]()
    for (ci, k) in seats {
      let o = book.byCadre[ci].first { cycles[book.obligations[$0].rule].counts(scenario.classes[k]) }
      count[o.map { cycles[book.obligations[$0].rule].info.id.rawValue } ?? "", default: 0] += 1
    }
    return count.map { KeyedCount(key: $0.key, count: $0.value) }.sorted {
      $0.count != $1.count
        ? $0.count > $1.count : ($0.key.isEmpty ? "\u{10FFFF}" : $0.key) < ($1.key.isEmpty ? "\u{10FFFF}" : $1.key)
    }
  }
}
