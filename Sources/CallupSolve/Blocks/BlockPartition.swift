import CallupDomain
import CallupPlan

/// Units grouped into blocks along the management hierarchy (分级管理): a
/// unit's whole subtree stays in one block when it is small enough,
/// otherwise the unit's own cadres form a piece and its children are split
/// the same way; consecutive pieces of one region are then packed into
/// blocks of at most `target` weight.
///
/// Every rule that ties cadres together — release limits, principals apart,
/// unit shares — is a unit's, so a block holds all of it; blocks share only
/// the classes.
public struct BlockPartition: Sendable, Equatable {
  /// Unit indices per block, ascending; blocks in hierarchy order.
  public var blocks: [[Int]]

  /// - Parameters:
  ///   - weights: a weight per unit index (say, the cadres it plans for).
  ///   - target: the most weight per block (a larger piece is a block alone).
  public init(scenario s: Scenario, weights: [Double], target: Double) {
    var children = Array(repeating: [Int](), count: s.units.count)
    var roots: [Int] = []
    for (u, unit) in s.units.enumerated() {
      if let p = unit.parent, let pi = s.unitIndex[p], pi != u {
        children[pi].append(u)
      } else {
        roots.append(u)
      }
    }
    // Subtree weights, children before parents (iteratively: trees can be deep).
    var order: [Int] = []
    var stack = roots.reversed().map { $0 }
    var seen = Array(repeating: false, count: s.units.count)
    while let u = stack.popLast() {
      guard !seen[u] else { continue }
      seen[u] = true
      order.append(u)
      for c in children[u].reversed() { stack.append(c) }
    }
    // Units on a parent cycle (validation rejects them) go in as roots.
    for u in s.units.indices where !seen[u] {
      seen[u] = true
      order.append(u)
      roots.append(u)
    }
    var subtree = weights
    for u in order.reversed() { for c in children[u] { subtree[u] += subtree[c] } }

    // Pieces in depth-first order: (region, units, weight).
    var pieces: [(region: RegionID, units: [Int], weight: Double)] = []
    func collect(_ u: Int, into list: inout [Int]) {
      var stack = [u]
      while let v = stack.popLast() {
        list.append(v)
        stack.append(contentsOf: children[v].reversed())
      }
    }
    var work = roots.sorted { (s.units[$0].region.rawValue, $0) < (s.units[$1].region.rawValue, $1) }.reversed().map {
      $0
    }
    while let u = work.popLast() {
      if subtree[u] <= target || children[u].isEmpty {
        var list: [Int] = []
        collect(u, into: &list)
        pieces.append((s.units[u].region, list, subtree[u]))
      } else {
        pieces.append((s.units[u].region, [u], weights[u]))
        for c in children[u].reversed() { work.append(c) }
      }
    }
    var blocks: [[Int]] = []
    var current: [Int] = []
    var weight = 0.0
    var region: RegionID? = nil
    for p in pieces {
      if !current.isEmpty, weight + p.weight > target || region != p.region {
        blocks.append(current.sorted())
        current = []
        weight = 0
      }
      current.append(contentsOf: p.units)
      weight += p.weight
      region = p.region
    }
    if !current.isEmpty { blocks.append(current.sorted()) }
    self.blocks = blocks
  }

  /// The scenario of one block: its units, their cadres and history, and
  /// every class of the catalogue (in the same order, so class indices are
  /// the same in every block).
  public static func scenario(of units: [Int], in s: Scenario) -> (scenario: Scenario, cadres: [Int]) {
    var cadres: [Int] = []
    for u in units { cadres.append(contentsOf: s.cadresByUnit[u]) }
    cadres.sort()
    var history: [HistoryRecord] = []
    for ci in cadres { history.append(contentsOf: s.historyByCadre[ci]) }
    let sub = Scenario(
      name: s.name, year: s.year, horizon: 1, period: s.period, policy: s.policy, solver: s.solver,
      units: units.map { s.units[$0] }, cadres: cadres.map { s.cadres[$0] }, classes: s.classes, history: history,
      directory: s.directory)
    return (sub, cadres)
  }

  /// Per-rule cadre sets (global cadre indices) as a block's own indices:
  /// `cadres` are the block's cadres in ascending global order (see
  /// `scenario(of:in:)`); cadres of other blocks are left out.
  public static func local(_ sets: [Int: Set<Int>], cadres: [Int]) -> [Int: Set<Int>] {
    var out: [Int: Set<Int>] = [:]
    for (rule, set) in sets {
      var mine = Set<Int>()
      for ci in set {
        var lo = 0
        var hi = cadres.count
        while lo < hi {
          let mid = (lo + hi) / 2
          if cadres[mid] < ci { lo = mid + 1 } else { hi = mid }
        }
        if lo < cadres.count, cadres[lo] == ci { mine.insert(lo) }
      }
      if !mine.isEmpty { out[rule] = mine }
    }
    return out
  }
}
