import CallupDomain
import CallupPlan
import CallupRules
import Modeling

/// An integer plan being built: which seats are taken and which classes are
/// held, with the activity of every row that holds only binaries, so that a
/// move can be checked against every hard rule of the model in time
/// proportional to the rows it touches.
///
/// Rows that hold a continuous variable (obligations met, unit shares sent,
/// shortfalls) are skipped here: the formulation guarantees that moving the
/// continuous variable alone always satisfies them, and the final polish
/// solves for those variables.
struct IntegerPlanState {
  let formulation: Formulation
  let columns: [[(row: Int, coefficient: Double)]]
  let rowLower: [Double]
  let rowUpper: [Double]
  let rowHasContinuous: [Bool]
  var activity: [Double]
  /// 0/1 value of every candidate.
  var seat: [Bool]
  /// 0/1 hold decision per class index.
  var held: [Bool]
  static let tolerance = 1e-7

  init(formulation f: Formulation) {
    formulation = f
    let model = f.model
    var cols = Array(repeating: [(row: Int, coefficient: Double)](), count: model.variableCount)
    var lower = [Double](repeating: 0, count: model.constraintCount)
    var upper = [Double](repeating: 0, count: model.constraintCount)
    var hasCont = [Bool](repeating: false, count: model.constraintCount)
    for r in 0..<model.constraintCount {
      let ref = ConstraintRef(index: r)
      let b = model.bounds(of: ref)
      lower[r] = b.lower
      upper[r] = b.upper
      for (v, a) in model.terms(of: ref) {
        cols[v.index].append((r, a))
        if model.kind(of: v) == .continuous { hasCont[r] = true }
      }
    }
    columns = cols
    rowLower = lower
    rowUpper = upper
    rowHasContinuous = hasCont
    activity = Array(repeating: 0, count: model.constraintCount)
    seat = Array(repeating: false, count: f.candidates.count)
    held = f.scenario.classes.indices.map { f.heldOutside($0) }
  }

  /// Sets an integer variable's contribution to its rows.
  private mutating func shift(_ v: Variable, by delta: Double) {
    for (r, a) in columns[v.index] where !rowHasContinuous[r] { activity[r] += a * delta }
  }

  /// True when raising (`delta` = +1) or lowering (−1) variable `v` keeps
  /// every binary-only row it touches within its bounds.
  func canShift(_ v: Variable, by delta: Double, ignoringLowerBounds: Bool = false) -> Bool {
    for (r, a) in columns[v.index] where !rowHasContinuous[r] {
      let new = activity[r] + a * delta
      if a * delta > 0, new > rowUpper[r] + Self.tolerance { return false }
      if !ignoringLowerBounds, a * delta < 0, new < rowLower[r] - Self.tolerance { return false }
    }
    return true
  }

  mutating func setSeat(_ p: Int, _ on: Bool) {
    guard seat[p] != on else { return }
    seat[p] = on
    shift(formulation.candidates[p].variable, by: on ? 1 : -1)
  }

  mutating func setHeld(_ k: Int, _ on: Bool) {
    guard held[k] != on, let y = formulation.holdVariable[k] else { return }
    held[k] = on
    shift(y, by: on ? 1 : -1)
  }

  func attendees(_ k: Int) -> Int { formulation.candidatesByClass[k].reduce(0) { $0 + (seat[$1] ? 1 : 0) } }

  /// Rows with only binaries that the current state breaks (by name).
  func brokenRows() -> [Int] {
    (0..<activity.count).filter {
      !rowHasContinuous[$0]
        && (activity[$0] > rowUpper[$0] + Self.tolerance || activity[$0] < rowLower[$0] - Self.tolerance)
    }
  }

  /// The full vector for the model: binaries from the state, continuous
  /// variables at `continuous` (or 0).
  func vector(continuous: [Double]? = nil) -> [Double] {
    let f = formulation
    var x = continuous ?? Array(repeating: 0, count: f.model.variableCount)
    for (p, c) in f.candidates.enumerated() { x[c.variable.index] = seat[p] ? 1 : 0 }
    for k in f.scenario.classes.indices { if let y = f.holdVariable[k] { x[y.index] = held[k] ? 1 : 0 } }
    return x
  }
}
