import Foundation
import GLPK
import Testing

/// A 2-variable LP: minimise −3x − 2y subject to
///   c1: x + y ≤ 4,  c2: 2x + y ≤ 6,  x, y ≥ 0.
/// Vertices (0,0) 0, (3,0) −9, (0,4) −8, (2,2) −10: the optimum is x = y = 2,
/// objective −10. Both rows are tight; the duals solve
/// y1 + 2 y2 = −3, y1 + y2 = −2, so y1 = −1, y2 = −1.
func makeSmallLP() throws -> Problem {
  let p = Problem(name: "small")
  try p.addColumns(2)
  try p.addRows(2)
  try p.setColumnName(1, "x")
  try p.setColumnName(2, "y")
  try p.setRowName(1, "c1")
  try p.setRowName(2, "c2")
  for j in 1...2 { try p.setColumnBounds(j, lower: 0, upper: .infinity) }
  try p.setRowBounds(1, lower: -.infinity, upper: 4)
  try p.setRowBounds(2, lower: -.infinity, upper: 6)
  try p.setObjectiveCoefficient(1, -3)
  try p.setObjectiveCoefficient(2, -2)
  try p.loadMatrix(rows: [1, 1, 2, 2], columns: [1, 2, 1, 2], values: [1, 1, 2, 1])
  return p
}

/// A 0-1 knapsack: values 10, 13, 7, 8; weights 5, 6, 3, 4; capacity 10.
/// Feasible pairs: {1,3} 17, {1,4} 18, {2,3} 20, {2,4} 21, {3,4} 15; no
/// triple fits. Optimum: items 2 and 4, value 21 (objective −21 when
/// minimising −value). The LP relaxation gives 22, so branching is needed.
func makeKnapsack(values: [Double] = [10, 13, 7, 8], weights: [Double] = [5, 6, 3, 4], capacity: Double = 10)
  throws -> Problem
{
  let p = Problem(name: "knapsack")
  let n = values.count
  try p.addColumns(n)
  try p.addRows(1)
  try p.setRowName(1, "capacity")
  try p.setRowBounds(1, lower: -.infinity, upper: capacity)
  for j in 1...n {
    try p.setColumnName(j, "item\(j)")
    try p.setColumnBounds(j, lower: 0, upper: 1)
    try p.setColumnKind(j, .binary)
    try p.setObjectiveCoefficient(j, -values[j - 1])
  }
  try p.loadMatrix(rows: Array(repeating: 1, count: n), columns: Array(1...n), values: weights)
  return p
}

/// A fresh scratch directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("glpk-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Runs `body` on a new thread and waits for it.
func onNewThread(_ body: @escaping @Sendable () -> Void) {
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    body()
    done.signal()
  }
  thread.stackSize = 8 << 20
  thread.start()
  done.wait()
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
