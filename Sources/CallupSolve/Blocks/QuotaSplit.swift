import CallupDomain
import CallupRules

/// Step 1's arithmetic, the quotas (名额分配): where the seats of each class
/// of the year go among the blocks.
///
/// A `SeatEstimate` says how many seats each block's cadres would take in
/// each class. A class (nearly) all of whose seats go to one block
/// (`Tuning.Blocks.ownerShare`) belongs to that block, which decides
/// whether to hold it. Every other class is shared: its seats are split
/// among the blocks in proportion to the estimate (the seats it left by
/// useful pairs), and its minimum into parts in proportion to the
/// estimate, both by largest remainder, so that the quotas add up to the
/// class's capacity and the parts to its minimum. A class the estimate
/// fills below its minimum has no parts: the blocks may fill it, and the
/// repair decides.
struct QuotaSplit {
  /// Per block: seats of each shared class (0 for a class of another
  /// block, no entry for the block's own), and the parts of minimums.
  private(set) var quotas: [[Int: Int]]
  private(set) var minimums: [[Int: Int]]
  /// Owned classes: class → block.
  private(set) var owner: [Int: Int] = [:]
  /// Shared classes, and those of them the estimate leaves below their minimum.
  private(set) var shared = 0
  private(set) var closedAhead = 0

  /// - Parameters:
  ///   - classes: the year's classes.
  ///   - ranked: per cadre, its useful classes, the most valuable first.
  ///   - trace: useful pairs per class × block.
  ///   - cadreBlock: block per cadre (−1: none).
  ///   - dueObligations: the due obligations, most valuable first.
  init(
    _ s: Scenario, whole: Formulation, classes: [Int], blockCount: Int, ranked: [[Int32]], trace: [Double],
    cadreBlock: [Int], dueObligations: [Int], facts: KindBits
  ) {
    let noClasses = Dictionary(uniqueKeysWithValues: classes.map { ($0, 0) })
    quotas = Array(repeating: noClasses, count: blockCount)
    minimums = Array(repeating: [Int: Int](), count: blockCount)
    let estimate = SeatEstimate(
      scenario: s, book: whole.book, blockCount: blockCount, ranked: ranked, cadreBlock: cadreBlock,
      dueObligations: dueObligations, facts: facts)
    let demand = estimate.demand()
    for ki in classes {
      // Useful pairs per block.
      var pairs = [Int: Double]()
      for b in 0..<blockCount where trace[ki * blockCount + b] > 0 { pairs[b] = trace[ki * blockCount + b] }
      guard !pairs.isEmpty else { continue }
      divide(s.classes[ki], ki, taken: demand[ki] ?? [:], pairs: pairs)
    }
  }

  /// Gives class `ki` to its top block, or splits its seats and minimum.
  /// `taken`: the estimate's seats per block; `pairs`: useful pairs per
  /// block (at least one).
  private mutating func divide(_ k: TrainingClass, _ ki: Int, taken: [Int: Double], pairs: [Int: Double]) {
    let seats = k.capacity ?? Int(pairs.values.reduce(0, +))
    // Seats the estimate gave each block, then the rest by useful pairs.
    var share = [Int: Double]()
    let takenTotal = taken.values.reduce(0, +)
    let pairTotal = pairs.values.reduce(0, +)
    for (b, d) in taken { share[b, default: 0] += d }
    // Seats the estimate left go where it placed seats (blocks with few
    // takers would fill a scrap of a class below its minimum), else by pairs.
    let rest = Double(seats) - takenTotal
    if rest > 0, takenTotal > 0 {
      for (b, d) in taken { share[b, default: 0] += rest * d / takenTotal }
    } else if rest > 0 {
      for (b, n) in pairs { share[b, default: 0] += rest * n / pairTotal }
    }
    // A class with no seat left (filled by a re-plan's pins) keeps no quota.
    guard seats > 0, let top = share.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })
    else { return }
    if top.value >= Tuning.Blocks.ownerShare * Double(seats) {
      owner[ki] = top.key
      quotas[top.key][ki] = nil
      return
    }
    shared += 1
    // Each block's part of the minimum, in proportion to the seats the
    // estimate placed there (largest remainder): the blocks together open
    // it. A class the estimate does not fill to its minimum has no parts:
    // the blocks may fill it, and the repair decides.
    if takenTotal < Double(k.minSize) {
      closedAhead += 1
    } else {
      let parts = taken.mapValues { Double(k.minSize) * $0 / takenTotal }
      for (b, m) in Self.largestRemainder(parts, total: k.minSize) { minimums[b][ki] = m }
    }
    for (b, q) in Self.largestRemainder(share, total: seats) { quotas[b][ki] = q }
  }

  /// `total` split in proportion to `exact` (block → exact share) by largest
  /// remainder: each block its share rounded down, then one more each to
  /// the largest remainders (the lower block first among equals) until
  /// `total` is given; in block order.
  static func largestRemainder(_ exact: [Int: Double], total: Int) -> [(block: Int, count: Int)] {
    var out: [(block: Int, count: Int)] = []
    var given = 0
    var remainders: [(index: Int, rest: Double)] = []
    for (b, x) in exact.sorted(by: { $0.key < $1.key }) {
      let q = Int(x.rounded(.down))
      remainders.append((out.count, x - Double(q)))
      out.append((b, q))
      given += q
    }
    remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }
    for r in remainders.prefix(max(0, total - given)) { out[r.index].count += 1 }
    return out
  }
}

/// The estimate behind the quotas: the due obligations, most valuable
/// first, then the people units still have to send, each take a seat in
/// their first class of `ranked` that still has one.
struct SeatEstimate {
  let scenario: Scenario
  let book: ObligationBook
  let blockCount: Int
  let ranked: [[Int32]]
  let cadreBlock: [Int]
  let dueObligations: [Int]
  let facts: KindBits

  /// Seats taken so far in one estimate.
  struct Tally {
    var leftOut: [Bool]
    /// Seats per class × block, and per class.
    var taken: [Double]
    var used: [Int]
    /// Kinds of the seats each cadre took.
    var seatedKinds: [UInt16]
    /// The classes taken, per cadre with more than none.
    var seatsOf: [Int: [Int32]] = [:]
  }

  /// Seats per class and block (class → block → seats). Classes the
  /// estimate fills below their minimum are left out and the estimate
  /// made again (at most `Tuning.Blocks.estimateRounds` times), so that
  /// their takers look for seats elsewhere.
  func demand() -> [Int: [Int: Double]] {
    var leftOut = Set<Int>()
    var demand = seats(without: leftOut)
    for _ in 0..<Tuning.Blocks.estimateRounds {
      let below = demand.filter { $0.value.values.reduce(0, +) < Double(scenario.classes[$0.key].minSize) }.map(\.key)
      if below.isEmpty { break }
      leftOut.formUnion(below)
      demand = seats(without: leftOut)
    }
    return demand
  }

  /// One estimate without the classes `left`: the due obligations take
  /// their seats, then the unit shares, members with a seat of the rule's
  /// kinds counted first.
  func seats(without left: Set<Int>) -> [Int: [Int: Double]] {
    let classCount = scenario.classes.count
    var tally = Tally(
      leftOut: Array(repeating: false, count: classCount), taken: Array(repeating: 0.0, count: classCount * blockCount),
      used: Array(repeating: 0, count: classCount), seatedKinds: Array(repeating: 0, count: scenario.cadres.count))
    for ki in left { tally.leftOut[ki] = true }
    let capacity = scenario.classes.map { $0.capacity ?? Int.max }
    for oi in dueObligations {
      let o = book.obligations[oi]
      _ = take(
        o.cadre, kinds: facts.ruleKinds[o.rule], minDays: facts.ruleMinDays[o.rule], inTime: facts.ruleInTime[o.rule],
        capacity, &tally)
    }
    for req in book.unitRequirements where req.need > 0 {
      let kinds = facts.shareKinds[req.rule]
      let open = req.members.filter { !req.alreadyTrained.contains($0) }
      var sent = open.filter { tally.seatedKinds[$0] & kinds != 0 }.count
      for m in open where sent < req.need && tally.seatedKinds[m] == 0 {
        if take(m, kinds: kinds, minDays: 0, inTime: nil, capacity, &tally) { sent += 1 }
      }
    }
    var demand = [Int: [Int: Double]]()
    for ki in 0..<classCount where tally.used[ki] > 0 {
      for b in 0..<blockCount where tally.taken[ki * blockCount + b] > 0 {
        demand[ki, default: [:]][b] = tally.taken[ki * blockCount + b]
      }
    }
    return demand
  }

  /// Takes a seat for `ci` in its first class of `kinds` (at least
  /// `minDays` long) that has one and shares no day with the cadre's
  /// seats taken so far (a cadre cannot be in two classes at once); with
  /// `inTime`, only a class in the rule's dates.
  private func take(
    _ ci: Int, kinds: UInt16, minDays: Int, inTime: [Bool]?, _ capacity: [Int], _ tally: inout Tally
  ) -> Bool {
    let b = cadreBlock[ci]
    guard b >= 0 else { return false }
    let mine = tally.seatsOf[ci] ?? []
    for k32 in ranked[ci] {
      let ki = Int(k32)
      guard facts.classKind[ki] & kinds != 0, facts.classDays[ki] >= minDays, inTime?[ki] != false,
        !tally.leftOut[ki], tally.used[ki] < capacity[ki]
      else { continue }
      if mine.contains(where: { facts.overlap(Int($0), ki) }) { continue }
      tally.used[ki] += 1
      tally.taken[ki * blockCount + b] += 1
      tally.seatedKinds[ci] |= facts.classKind[ki]
      tally.seatsOf[ci, default: []].append(k32)
      return true
    }
    return false
  }
}
