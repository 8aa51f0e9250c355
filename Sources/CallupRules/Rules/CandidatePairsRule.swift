import CallupDomain
import Modeling

/// Eligibility, availability and the history half of no-duplicate, applied
/// per pair: only pairs that pass become variables, so these hard rules hold
/// by construction. A pair also becomes a variable only when the class can
/// serve the cadre: it counts for one of the cadre's due obligations, or it
/// sends a member of a unit-share group whose unit still needs people (a
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
    let cycles = scenario.policy.cycleRules
    let shares = scenario.policy.unitShareRules
    // Share groups that still need people, per cadre: the kinds that count.
    var shareKinds = Array(repeating: Set<ClassKind>(), count: scenario.cadres.count)
    for req in f.book.unitRequirements where req.need > 0 {
      for m in req.members where !req.alreadyTrained.contains(m) {
        shareKinds[m].formUnion(shares[req.rule].kinds)
      }
    }
    var pairsByClass = Array(repeating: [Int](), count: scenario.classes.count)
    for ci in scenario.cadres.indices {
      let obligations = f.book.byCadre[ci].map { f.book.obligations[$0] }
      if obligations.isEmpty && shareKinds[ci].isEmpty { continue }
      for ki in f.classesInYear {
        let k = scenario.classes[ki]
        let serves =
          shareKinds[ci].contains(k.kind)
          || obligations.contains { cycles[$0.rule].counts(kind: k.kind, days: k.days) }
        guard serves, f.screen.screen(cadre: ci, klass: ki) == nil else { continue }
        pairsByClass[ki].append(ci)
      }
    }
    // Cadre-major order keeps variables of one unit and cadre together.
    var pairs: [(Int, Int)] = []
    for ki in f.classesInYear {
      let k = scenario.classes[ki]
      if pairsByClass[ki].count < k.minSize {
        f.unreachableClasses.insert(ki)
        continue
      }
      for ci in pairsByClass[ki] { pairs.append((ci, ki)) }
    }
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    for (ci, ki) in pairs { f.addCandidate(cadre: ci, klass: ki) }
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
      let y = f.model.addVariable("y[\(k.id)]", lower: 0, upper: 1, kind: .binary, objective: k.fixedCost)
      f.holdVariable[ki] = y
      let capacity = min(k.capacity ?? members.count, members.count)
      var sum = LinearExpression()
      for p in members { sum.add(1, f.candidates[p].variable) }
      var upper = sum
      upper.add(-Double(capacity), y)
      f.model.addConstraint("capacity[\(k.id)]", upper, .lessOrEqual(0))
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
