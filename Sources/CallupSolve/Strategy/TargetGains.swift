import CallupRules
import Modeling

/// What a seat does to the targets' rows (`TargetRowsRule`), for the greedy
/// moves: per candidate, the target rows it enters and how; per row, its
/// bounds and the cost of each unit of its slack.
struct TargetGains: Sendable {
  /// A candidate's part in one row: `coefficient` times its seat, or, on a
  /// quota's `≥` row, 1 for its cadre's first seat among the target's classes.
  struct Term: Sendable {
    var row: Int
    var coefficient: Double
    /// The row counts the cadre once (the quota's `trained[c,t]`).
    var target: Int?
  }
  struct Row: Sendable {
    var lower: Double
    var upper: Double
    var cost: Double
    var isLower: Bool
  }
  let terms: [[Term]]
  let rows: [Row]
  var isEmpty: Bool { rows.isEmpty }

  init(_ f: Formulation) {
    var terms = Array(repeating: [Term](), count: f.targetBook.targets.isEmpty ? 0 : f.candidates.count)
    var rows: [Row] = []
    guard !terms.isEmpty else {
      self.terms = []
      self.rows = []
      return
    }
    var candidateOf = [Int: Int]()
    for (p, c) in f.candidates.enumerated() { candidateOf[c.variable.index] = p }
    // Variables defined as sums of seats: their seats, with coefficients.
    var defined = [Int: [(p: Int, coefficient: Double)]]()
    for vars in f.targetVariables {
      for d in vars.definitions {
        defined[d.variable.index] = f.model.terms(of: d.ref).compactMap { v, a in
          candidateOf[v.index].map { ($0, a) }
        }
      }
    }
    for (ti, vars) in f.targetVariables.enumerated() {
      var trainedOf = [Int: Int]()
      for (ci, z) in vars.trained { trainedOf[z.index] = ci }
      let classes = Set(f.targetBook.targets[ti].classes)
      for row in vars.rows {
        let (lo, hi) = f.model.bounds(of: row.ref)
        let r = rows.count
        rows.append(Row(lower: lo, upper: hi, cost: f.model.objective(of: row.slack), isLower: row.isLower))
        for (v, a) in f.model.terms(of: row.ref) where v != row.slack {
          if let p = candidateOf[v.index] {
            terms[p].append(Term(row: r, coefficient: a, target: nil))
          } else if let sum = defined[v.index] {
            for (p, c) in sum { terms[p].append(Term(row: r, coefficient: a * c, target: nil)) }
          } else if let ci = trainedOf[v.index] {
            for p in f.candidatesByCadre[ci] where classes.contains(f.candidates[p].klass) {
              terms[p].append(Term(row: r, coefficient: a, target: ti))
            }
          }
        }
      }
    }
    self.terms = terms
    self.rows = rows
  }

  /// The slack a row needs at `activity`.
  func slack(_ r: Int, _ activity: Double) -> Double {
    let row = rows[r]
    return max(0, row.isLower ? row.lower - activity : activity - row.upper)
  }
}

/// Where the targets' rows stand in a plan: each row's activity without its
/// slack, and per quota target the cadres already counted.
struct TargetActivity {
  var activity: [Double]
  var counted: [Int: Set<Int>] = [:]

  init(_ g: TargetGains) { activity = Array(repeating: 0, count: g.rows.count) }

  /// The change of a seat of cadre `ci` (candidate `p`) on each row it enters.
  func delta(_ term: TargetGains.Term, cadre ci: Int) -> Double {
    if let t = term.target { return counted[t]?.contains(ci) == true ? 0 : term.coefficient }
    return term.coefficient
  }

  /// What taking candidate `p` is worth on the targets: the cost of the slack it removes, less what it adds.
  func gain(_ p: Int, cadre ci: Int, _ g: TargetGains) -> Double {
    guard !g.isEmpty else { return 0 }
    var out = 0.0
    for term in g.terms[p] {
      let a = delta(term, cadre: ci)
      guard a != 0 else { continue }
      let now = activity[term.row]
      out += g.rows[term.row].cost * (g.slack(term.row, now) - g.slack(term.row, now + a))
    }
    return out
  }

  /// Takes candidate `p`; returns the quota targets that newly count its cadre.
  mutating func take(_ p: Int, cadre ci: Int, _ g: TargetGains) -> [Int] {
    guard !g.isEmpty else { return [] }
    var newly: [Int] = []
    for term in g.terms[p] {
      activity[term.row] += delta(term, cadre: ci)
      if let t = term.target, !newly.contains(t), counted[t, default: []].insert(ci).inserted { newly.append(t) }
    }
    return newly
  }

  /// Undoes `take`: `newly` is what it returned, `stillCounted` tells, per
  /// quota target, whether another seat of the cadre still counts it.
  mutating func undo(_ p: Int, cadre ci: Int, newly: [Int], _ g: TargetGains) {
    guard !g.isEmpty else { return }
    for term in g.terms[p] {
      if let t = term.target {
        if newly.contains(t) { activity[term.row] -= term.coefficient }
      } else {
        activity[term.row] -= term.coefficient
      }
    }
    for t in newly { counted[t]?.remove(ci) }
  }
}
