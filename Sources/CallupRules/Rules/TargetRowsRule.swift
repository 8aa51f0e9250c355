import CallupDomain
import Modeling

/// The targets of the year (quota targets, group-share groups, class
/// counts; `TargetBook`) as rows with slack, so that every integer plan
/// stays feasible and each person (class, seat) outside a range costs the
/// target's weight — `objective.hard_break` for a hard target, which the
/// plan then breaks only when it cannot hold (status `infeasible`, with
/// the conflicts found).
///
/// - quota: `trained[c,t] ≤ Σ x[c,k]` over the target's classes (in [0,1]),
///   `Σ trained + short ≥ lo − before`, and `Σ x − over ≤ hi − before` (seats
///   bound the distinct persons from above, so a plan that keeps the row
///   keeps the range);
/// - group-share group G of `of`, ratio ρ: in seats of the rule's classes,
///   `seats(G) + short ≥ ρ·|G|/|of| · (seats(of) + before(of)) − before(G)`:
///   the group's seat rate at least ρ times the overall one;
/// - class-count: `Σ y[k] + short ≥ min`, `Σ y[k] − over ≤ max`, and the same
///   on `Σ x` for seats.
public struct TargetRowsRule: PlanningRule {
  public var info: RuleInfo {
    RuleInfo(
      id: "targets", type: "targets",
      sentence:
        "Programme quotas, group shares and class counts: each person, class or seat outside a range costs the plan.",
      source: "002 四; 000 item 12; 004")
  }
  public var isHard: Bool { false }
  public init() {}

  public func apply(to f: inout Formulation) {
    for (ti, t) in f.targetBook.targets.enumerated() {
      guard let range = f.targetRange(ti) else { continue }
      switch t.kind {
      case .quota: f.addQuotaRows(ti, t, range)
      case .group(let ri, _): f.addGroupRow(ti, t, rule: ri)
      case .classes: f.addCountRows(ti, t, range, on: f.holds(of: t.classes))
      case .seats: f.addCountRows(ti, t, range, on: f.seats(in: t.classes, of: nil))
      }
    }
  }
}

/// The variables and rows of one target.
public struct TargetVariables: Sendable {
  /// A row with its slack: `short` on a `≥` row, `over` on a `≤` row.
  public struct Row: Sendable {
    public var ref: ConstraintRef
    public var slack: Variable
    public var isLower: Bool
  }
  public var rows: [Row] = []
  /// A variable defined by a row as the sum of its other terms (`row − v = 0`).
  public struct Definition: Sendable {
    public var ref: ConstraintRef
    public var variable: Variable
  }
  public var definitions: [Definition] = []
  /// `trained[c,t]` per cadre index (quota targets).
  public var trained: [Int: Variable] = [:]
  public init() {}

  public var short: Variable? { rows.first { $0.isLower }?.slack }
  public var over: Variable? { rows.first { !$0.isLower }?.slack }
}

extension Formulation {
  /// The range target `ti` is planned to in this model (a block's part,
  /// `Options.targetRanges`); nil leaves the target out of the model.
  public func targetRange(_ ti: Int) -> TargetRange? {
    if let part = options.targetRanges[ti] { return part }
    return targetBook.targets[ti].range
  }

  /// Cost of each unit outside target `t`'s range.
  func cost(of t: Target) -> Double { t.cost(scenario.policy.objective) }

  /// Seat variables of `cadres` (nil: everyone) in `classes`.
  func seats(in classes: [Int], of cadres: Set<Int>?) -> LinearExpression {
    var sum = LinearExpression()
    for ki in classes {
      for p in candidatesByClass[ki] where cadres?.contains(candidates[p].cadre) ?? true {
        sum.add(1, candidates[p].variable)
      }
    }
    return sum
  }

  /// Hold variables of `classes` (a class held outside the model counts as not held here).
  func holds(of classes: [Int]) -> LinearExpression {
    var sum = LinearExpression()
    for ki in classes { if let y = holdVariable[ki] { sum.add(1, y) } }
    return sum
  }

  mutating func addQuotaRows(_ ti: Int, _ t: Target, _ range: TargetRange) {
    let label = "\(t.rule.id):\(t.name)"
    let open = t.members.filter { !t.trainedBefore.contains($0) }
    let classSet = Set(t.classes)
    let before = t.members.count - open.count
    let need = range.lo - before
    if need > 0 {
      var cover = LinearExpression()
      for ci in open {
        let seats = candidatesByCadre[ci].filter { classSet.contains(candidates[$0].klass) }
        guard !seats.isEmpty else { continue }
        let c = scenario.cadres[ci]
        let z = model.addVariable("trained[\(c.id),\(label)]", lower: 0, upper: 1)
        var link = LinearExpression(z)
        for p in seats { link.add(-1, candidates[p].variable) }
        model.addConstraint("trains[\(c.id),\(label)]", link, .lessOrEqual(0))
        targetVariables[ti].trained[ci] = z
        cover.add(1, z)
      }
      let short = model.addVariable("short[\(label)]", lower: 0, upper: Double(need), objective: cost(of: t))
      cover.add(1, short)
      let ref = model.addConstraint("quota_lo[\(label)]", cover, .greaterOrEqual(Double(need)))
      targetVariables[ti].rows.append(.init(ref: ref, slack: short, isLower: true))
    }
    if let hi = range.hi {
      var seats = self.seats(in: t.classes, of: Set(open))
      guard seats.storedTermCount > 0 else {
        // History alone may exceed `hi`: a constant of the objective.
        model.objectiveConstant += cost(of: t) * Double(max(0, before - hi))
        return
      }
      let over = model.addVariable("over[\(label)]", lower: 0, upper: .infinity, objective: cost(of: t))
      seats.add(-1, over)
      let ref = model.addConstraint("quota_hi[\(label)]", seats, .lessOrEqual(Double(hi - before)))
      targetVariables[ti].rows.append(.init(ref: ref, slack: over, isLower: false))
    }
  }

  mutating func addGroupRow(_ ti: Int, _ t: Target, rule ri: Int) {
    guard let of = targetBook.groupShares[ri], !of.ofMembers.isEmpty, !t.members.isEmpty else { return }
    let label = "\(t.rule.id):\(t.name)"
    let rule = scenario.policy.groupShareRules[ri]
    let factor = rule.effectiveRatio.doubleValue * Double(t.members.count) / Double(of.ofMembers.count)
    let group = Set(t.members.filter { !t.trainedBefore.contains($0) })
    var row = seats(in: t.classes, of: group)
    row.add(-factor, allSeats(ti, t, rule: ri))
    let rhs = factor * Double(of.ofTrainedBefore.count) - Double(t.trainedBefore.count)
    let short = model.addVariable("short[\(label)]", lower: 0, upper: .infinity, objective: cost(of: t))
    row.add(1, short)
    let ref = model.addConstraint("group_share[\(label)]", row, .greaterOrEqual(rhs))
    targetVariables[ti].rows.append(.init(ref: ref, slack: short, isLower: true))
  }

  /// `seats[rule]`: the seats of the rule's `of` not trained yet in its
  /// classes, one variable per rule shared by its groups (one long row
  /// instead of one per group keeps the LP quick); defined by the rule's
  /// first group.
  mutating func allSeats(_ ti: Int, _ t: Target, rule ri: Int) -> Variable {
    if let v = groupSeats[ri] { return v }
    let of = targetBook.groupShares[ri]!
    let all = Set(of.ofMembers.filter { !of.ofTrainedBefore.contains($0) })
    let v = model.addVariable("seats[\(t.rule.id)]", lower: 0, upper: .infinity)
    var row = seats(in: t.classes, of: all)
    row.add(-1, v)
    let ref = model.addConstraint("seats_of[\(t.rule.id)]", row, .equal(0))
    targetVariables[ti].definitions.append(.init(ref: ref, variable: v))
    groupSeats[ri] = v
    return v
  }

  mutating func addCountRows(_ ti: Int, _ t: Target, _ range: TargetRange, on sum: LinearExpression) {
    let label = "\(t.rule.id):\(t.name.isEmpty ? "classes" : t.name)"
    if range.lo > 0 {
      let short = model.addVariable("short[\(label)]", lower: 0, upper: Double(range.lo), objective: cost(of: t))
      var row = sum
      row.add(1, short)
      let ref = model.addConstraint("count_lo[\(label)]", row, .greaterOrEqual(Double(range.lo)))
      targetVariables[ti].rows.append(.init(ref: ref, slack: short, isLower: true))
    }
    if let hi = range.hi, sum.storedTermCount > 0 {
      let over = model.addVariable("over[\(label)]", lower: 0, upper: .infinity, objective: cost(of: t))
      var row = sum
      row.add(-1, over)
      let ref = model.addConstraint("count_hi[\(label)]", row, .lessOrEqual(Double(hi)))
      targetVariables[ti].rows.append(.init(ref: ref, slack: over, isLower: false))
    }
  }

  /// Sets the target variables of `x` to their best values for its seats
  /// and holds (an integer plan's full vector).
  public func completeTargets(_ x: inout [Double]) {
    for vars in targetVariables {
      for d in vars.definitions {
        x[d.variable.index] = 0
        x[d.variable.index] = model.activity(of: d.ref, x)
      }
    }
    for (ti, vars) in targetVariables.enumerated() where !vars.rows.isEmpty {
      if !vars.trained.isEmpty {
        let classes = Set(targetBook.targets[ti].classes)
        for (ci, z) in vars.trained {
          let on = candidatesByCadre[ci].contains {
            classes.contains(candidates[$0].klass) && x[candidates[$0].variable.index] > 0.5
          }
          x[z.index] = on ? 1 : 0
        }
      }
      for row in vars.rows {
        x[row.slack.index] = 0
        let activity = model.activity(of: row.ref, x)
        let (lo, hi) = model.bounds(of: row.ref)
        x[row.slack.index] = max(0, row.isLower ? lo - activity : activity - hi)
      }
    }
  }
}
