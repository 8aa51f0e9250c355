import Foundation
import Modeling

/// minimise −3x − 2y s.t. c1: x + y ≤ 4, c2: 2x + y ≤ 6, x, y ≥ 0.
/// Optimum x = y = 2, objective −10; duals of c1 and c2 are −1 and −1
/// (y1 + 2 y2 = −3, y1 + y2 = −2).
func smallLP() -> (Model, Variable, Variable, ConstraintRef, ConstraintRef) {
  var model = Model(name: "small")
  let x = model.addVariable("x", objective: -3)
  let y = model.addVariable("y", objective: -2)
  let c1 = model.addConstraint("c1", x + y, .lessOrEqual(4))
  let c2 = model.addConstraint("c2", 2 * x + y, .lessOrEqual(6))
  return (model, x, y, c1, c2)
}

/// A 0-1 knapsack maximising value (minimising −value). With the default
/// data (values 10, 13, 7, 8; weights 5, 6, 3, 4; capacity 10) the optimum
/// takes items 2 and 4 for 21; the LP relaxation gives 22.
func knapsack(
  values: [Double] = [10, 13, 7, 8], weights: [Double] = [5, 6, 3, 4], capacity: Double = 10
) -> (Model, [Variable]) {
  var model = Model(name: "knapsack")
  let items = values.indices.map {
    model.addVariable("item \($0 + 1)", kind: .binary, objective: -values[$0])
  }
  var load = LinearExpression()
  for (item, weight) in zip(items, weights) { load.add(weight, item) }
  model.addConstraint("capacity", load, .lessOrEqual(capacity))
  return (model, items)
}

/// A knapsack big enough that branch and bound needs many nodes.
func bigKnapsack() -> (Model, [Variable]) {
  let n = 40
  let values = (0..<n).map { Double(($0 * 37) % 23 + 15) }
  let weights = (0..<n).map { Double(($0 * 53) % 19 + 11) }
  return knapsack(values: values, weights: weights, capacity: 211.5)
}

func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("modeling-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A value shared between threads in tests.
final class Shared<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var _value: Value
  init(_ value: Value) { _value = value }
  var value: Value {
    get { lock.withLock { _value } }
    set { lock.withLock { _value = newValue } }
  }
  func update(_ body: (inout Value) -> Void) { lock.withLock { body(&_value) } }
}
