import Foundation

/// Solver limits from scenario.yaml (`solver: { time_limit: 60, mip_gap: 0.005 }`).
public struct SolverSettings: Hashable, Sendable {
  /// Seconds for the whole solve.
  public var timeLimit: Double = 60
  /// Relative gap at which a MIP stops.
  public var mipGap: Double = 0.005
  /// Plan block by block, with at most this many cadres to plan per block
  /// (`solver.block_size`); nil: only scenarios too large for one model.
  public var blockSize: Int?
  public init(timeLimit: Double = 60, mipGap: Double = 0.005, blockSize: Int? = nil) {
    self.timeLimit = timeLimit
    self.mipGap = mipGap
    self.blockSize = blockSize
  }
}

/// A scenario: settings, policy and the four tables, validated and indexed.
public struct Scenario: Sendable {
  public var name: String
  /// First planning year.
  public var year: Int
  /// Years planned: 1 = annual call-up schedule, up to 5 = rotation plan.
  public var horizon: Int
  /// The five-year plan period that hours rules count in.
  public var period: ClosedRange<Int>
  public var policy: Policy
  public var solver: SolverSettings
  /// Which classes go to units by allocation rather than by name.
  public var allocation = AllocationSettings()
  public var units: [Unit]
  public var cadres: [Cadre]
  public var classes: [TrainingClass]
  public var history: [HistoryRecord]
  /// The folder the scenario was read from, if any.
  public var directory: URL?

  public private(set) var unitIndex: [UnitID: Int] = [:]
  public private(set) var cadreIndex: [CadreID: Int] = [:]
  public private(set) var classIndex: [ClassID: Int] = [:]
  /// History rows per cadre index, in file order: views into `history`
  /// (a province has five million rows; they are not copied).
  public private(set) var historyByCadre: [CadreHistory] = []
  /// Cadre indices per unit index.
  public private(set) var cadresByUnit: [[Int]] = []

  public init(
    name: String, year: Int, horizon: Int = 1, period: ClosedRange<Int>? = nil, policy: Policy,
    solver: SolverSettings = SolverSettings(), units: [Unit], cadres: [Cadre], classes: [TrainingClass],
    history: [HistoryRecord] = [], directory: URL? = nil
  ) {
    self.name = name
    self.year = year
    self.horizon = horizon
    self.period = period ?? (year...(year + 4))
    self.policy = policy
    self.solver = solver
    self.units = units
    self.cadres = cadres
    self.classes = classes
    self.history = history
    self.directory = directory
    reindex()
  }

  /// Rebuilds the lookup tables after the tables changed. Unknown references
  /// (which validation rejects) are skipped.
  ///
  /// Each id is looked up once, and each per-cadre and per-unit list is
  /// allocated at its final size (a province has millions of history rows).
  public mutating func reindex() {
    unitIndex = Self.positions(of: units.lazy.map(\.id))
    cadreIndex = Self.positions(of: cadres.lazy.map(\.id))
    classIndex = Self.positions(of: classes.lazy.map(\.id))
    let cadreOfRow = history.map { cadreIndex[$0.cadre] ?? -1 }
    historyByCadre = CadreHistory.views(of: history, cadreOfRow: cadreOfRow, cadres: cadres.count)
    let unitOfCadre = cadres.map { unitIndex[$0.unit] ?? -1 }
    cadresByUnit = Self.grouped(Array(cadres.indices), by: unitOfCadre, into: units.count)
  }

  /// The position of each id (the first, when an id repeats).
  private static func positions<ID: Hashable>(of ids: some Collection<ID>) -> [ID: Int] {
    var index: [ID: Int] = [:]
    index.reserveCapacity(ids.count)
    for (i, id) in ids.enumerated() {
      // One lookup for the usual new id; a repeated one gets its first position back.
      if let first = index.updateValue(i, forKey: id) { index[id] = first }
    }
    return index
  }

  /// `items` in `count` groups, in their order: item k goes to group
  /// `group[k]`, or nowhere when that is -1.
  private static func grouped<T>(_ items: [T], by group: [Int], into count: Int) -> [[T]] {
    var sizes = Array(repeating: 0, count: count)
    for g in group where g >= 0 { sizes[g] += 1 }
    var out = sizes.map { n -> [T] in
      var a: [T] = []
      a.reserveCapacity(n)
      return a
    }
    for (k, g) in group.enumerated() where g >= 0 { out[g].append(items[k]) }
    return out
  }

  public func unit(_ id: UnitID) -> Unit? { unitIndex[id].map { units[$0] } }
  public func cadre(_ id: CadreID) -> Cadre? { cadreIndex[id].map { cadres[$0] } }
  public func trainingClass(_ id: ClassID) -> TrainingClass? { classIndex[id].map { classes[$0] } }

  /// The planned years, `year ..< year + horizon`.
  public var years: Range<Int> { year..<(year + horizon) }

  /// Classes of the catalogue that fall in the planned years.
  public var classesInHorizon: [TrainingClass] { classes.filter { years.contains($0.year) } }

  /// The release limit of a unit on one day, after the policy's defaults.
  public func releaseLimit(unitIndex u: Int) -> Int {
    let r = policy.release
    return units[u].releaseLimit(
      defaultMaxAway: r.maxAway, defaultShare: r.maxAwayShare, cadresInUnit: cadresByUnit[u].count)
  }
}

/// One cadre's history rows, in file order: a view into the scenario's
/// `history` through a shared index, indexed from 0 like an array.
public struct CadreHistory: RandomAccessCollection, Sendable {
  private let rows: [HistoryRecord]
  private let order: [Int32]
  private let range: Range<Int>

  public var startIndex: Int { 0 }
  public var endIndex: Int { range.count }
  public subscript(i: Int) -> HistoryRecord { rows[Int(order[range.lowerBound + i])] }

  /// Per cadre, its rows (row k belongs to cadre `cadreOfRow[k]`, none when −1).
  static func views(of rows: [HistoryRecord], cadreOfRow: [Int], cadres: Int) -> [CadreHistory] {
    var start = [Int](repeating: 0, count: cadres + 1)
    for c in cadreOfRow where c >= 0 { start[c + 1] += 1 }
    for c in 0..<cadres { start[c + 1] += start[c] }
    var next = start
    var order = [Int32](repeating: 0, count: start[cadres])
    for (k, c) in cadreOfRow.enumerated() where c >= 0 {
      order[next[c]] = Int32(k)
      next[c] += 1
    }
    return (0..<cadres).map { CadreHistory(rows: rows, order: order, range: start[$0]..<start[$0 + 1]) }
  }
}
