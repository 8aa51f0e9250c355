import CallupDomain
import CallupPlan
import CallupRules

/// A Lagrangian bound of the whole call-up problem in which every cadre
/// decides alone, cheap enough to evaluate many times at province scale.
///
/// The class capacity rows `Σ x[·,k] ≤ cap·y[k]` are priced with
/// multipliers λ ≥ 0; the minimum-size rows, the release and principals
/// rows and the per-cadre no-duplicate rows are dropped. What is left
/// splits by cadre, and by unit for the unit shares:
///
/// - a cadre picks any set of its useful classes, each at its seat cost
///   plus λ, and earns the value of every obligation the set meets: the
///   best set is found exactly over the subsets of its obligations;
/// - a unit share costs its weight per person short of the need; a member
///   sent costs the difference between the member's best set with a class
///   of the rule's kinds and without; the unit sends the members whose
///   difference is below the weight, at most the need;
/// - a class is held (fixed cost f) exactly when `f − λ·cap < 0`.
///
/// Every plan's objective is at least the value for any λ ≥ 0, so the bound
/// is valid for the whole problem; subgradient steps on λ improve it.
struct CadreBound: Sendable {
  /// One cadre's choices: useful classes with their seat costs, and for
  /// each the bits of what it meets (the cadre's obligations first, then
  /// its unit shares).
  struct Chooser: Sendable {
    var cadre: Int
    var classes: [Int32]
    /// Seat costs, as the screen keeps them (whole yuan, exact in a Float).
    var costs: [Float]
    var masks: [UInt16]
    /// Value per obligation bit.
    var values: [Double]
    /// Unit-share requirements (indices), one bit each after the obligations.
    var requirements: [Int]
  }

  let choosers: [Chooser]
  /// Chooser index per cadre index (−1: none).
  let chooserOf: [Int32]
  /// Sum of every obligation's value (the model's constant).
  let constant: Double
  let requirements: [(members: [Int], need: Int, weight: Double)]
  let capacity: [Double?]
  let fixedCost: [Double]

  /// The patience of `maximize`: steps without a better bound after which
  /// its step is halved, `Tuning.Blocks.cadreBoundMinimumPatience` or a
  /// `cadreBoundStepsPerPatience`-th of the steps planned when that is more.
  static func patience(rounds: Int) -> Int {
    max(Tuning.Blocks.cadreBoundMinimumPatience, rounds / Tuning.Blocks.cadreBoundStepsPerPatience)
  }

  /// - Parameters:
  ///   - screened: the useful classes of each cadre (ascending), and
  ///   - seatCosts: their seat costs, aligned.
  init(
    _ s: Scenario, whole: Formulation, screened: [[Int32]], seatCosts: [[Float]],
    threads: Int = 2
  ) {
    let book = whole.book
    let shares = s.policy.unitShareRules
    constant = book.obligations.reduce(0) { $0 + $1.value }
    // Plain facts, read for every pair of a province.
    let facts = KindBits(s)
    let year = whole.year
    let obligationRule = book.obligations.map(\.rule)
    var reqs: [(members: [Int], need: Int, weight: Double)] = []
    var reqRule: [Int] = []
    var reqsOf = Array(repeating: [Int](), count: s.cadres.count)
    for req in book.unitRequirements where req.need > 0 {
      let members = req.members.filter { !req.alreadyTrained.contains($0) }
      let r = reqs.count
      reqs.append((members, req.need, shares[req.rule].weight ?? s.policy.objective.unitShare))
      reqRule.append(req.rule)
      for m in members { reqsOf[m].append(r) }
    }
    requirements = reqs
    let requirementsOf = reqsOf
    let requirementRule = reqRule
    // Chunks by the nominal threads: the sums come in the same order on any machine.
    let chunks = Tuning.Blocks.nominalThreads * 4
    let parts: [[Chooser]] = WhatIf.parallelMap(count: chunks, threads: threads) { chunk in
      var out: [Chooser] = []
      // One buffer per chunk; each chooser gets arrays of its exact size.
      var classes: [Int32] = [], costs: [Float] = [], masks: [UInt16] = []
      var ci = chunk
      while ci < s.cadres.count {
        defer { ci += chunks }
        let owed = book.byCadre[ci]
        let mine = requirementsOf[ci]
        guard !owed.isEmpty || !mine.isEmpty, !screened[ci].isEmpty else { continue }
        classes.removeAll(keepingCapacity: true)
        costs.removeAll(keepingCapacity: true)
        masks.removeAll(keepingCapacity: true)
        for (j, k32) in screened[ci].enumerated() {
          let k = Int(k32)
          guard facts.classYear[k] == year else { continue }
          var mask: UInt16 = 0
          for (bit, oi) in owed.enumerated() where bit < 16 {
            let r = obligationRule[oi]
            if facts.counts(rule: r, klass: k) { mask |= 1 << UInt16(bit) }
          }
          for (i, r) in mine.enumerated() where owed.count + i < 16 {
            if facts.helps(share: requirementRule[r], klass: k) { mask |= 1 << UInt16(owed.count + i) }
          }
          guard mask != 0 else { continue }  // only a cost
          classes.append(k32)
          costs.append(seatCosts[ci][j])
          masks.append(mask)
        }
        guard !classes.isEmpty else { continue }
        out.append(
          Chooser(
            cadre: ci, classes: Self.exact(classes), costs: Self.exact(costs), masks: Self.exact(masks),
            values: owed.map { book.obligations[$0].value }, requirements: mine))
      }
      return out
    }
    // In cadre order, whatever the chunks.
    var list = parts.flatMap { $0 }
    list.sort { $0.cadre < $1.cadre }
    var index = [Int32](repeating: -1, count: s.cadres.count)
    for (i, c) in list.enumerated() { index[c.cadre] = Int32(i) }
    choosers = list
    chooserOf = index
    capacity = s.classes.map { $0.capacity.map(Double.init) }
    fixedCost = s.classes.map(\.fixedCost)
  }

  /// A copy of `a` in a buffer of its size (`Array(a)` would share the
  /// buffer, and with it the capacity a reused buffer grew to).
  static func exact<T>(_ a: [T]) -> [T] {
    [T](unsafeUninitializedCapacity: a.count) { buffer, count in
      _ = buffer.initialize(from: a)
      count = a.count
    }
  }

  /// The best sets of a run of choosers at prices λ, in flat arrays (no
  /// allocation per cadre): per chooser, the set without a unit share
  /// (`free`: cost less values met, and its classes) and, per unit share,
  /// the best set that meets it (`sent`).
  struct Choices {
    var free: [Double] = []
    var freeStart: [Int32] = [0]
    var freeClasses: [Int32] = []
    /// Per chooser, its first entry in `sent` (one per unit share).
    var sentStart: [Int32] = [0]
    var sent: [Double] = []
    /// Per entry of `sent`, its first class in `sentClasses`.
    var sentClassStart: [Int32] = [0]
    var sentClasses: [Int32] = []

    var count: Int { free.count }
    func freeSet(_ j: Int) -> ArraySlice<Int32> { freeClasses[Int(freeStart[j])..<Int(freeStart[j + 1])] }
    func sentValue(_ j: Int, _ slot: Int) -> Double { sent[Int(sentStart[j]) + slot] }
    func sentSet(_ j: Int, _ slot: Int) -> ArraySlice<Int32> {
      let e = Int(sentStart[j]) + slot
      return sentClasses[Int(sentClassStart[e])..<Int(sentClassStart[e + 1])]
    }
  }

  /// Work arrays of `choose`, reused from cadre to cadre.
  struct Scratch {
    var cover = [Double](repeating: .infinity, count: 1 << Tuning.Blocks.cadreBoundExactBits)
    var choice = [Int](repeating: -1, count: 1 << Tuning.Blocks.cadreBoundExactBits)
    /// Per mask: the cheapest class's cost (∞: none yet) and index; the masks seen.
    var cheapest = [Double](repeating: .infinity, count: 1 << Tuning.Blocks.cadreBoundExactBits)
    var cheapestClass = [Int](repeating: -1, count: 1 << Tuning.Blocks.cadreBoundExactBits)
    var masks: [Int] = []
    /// Per unit share of the cadre: the best set's value and state.
    var sentBest: [(value: Double, state: Int)] = []
  }

  /// Appends chooser `c`'s best sets at `prices` to `out`.
  func choose(
    _ c: borrowing Chooser, prices: UnsafeBufferPointer<Double>, scratch: inout Scratch, into out: inout Choices
  ) {
    let m = c.values.count
    let bits = m + c.requirements.count
    if bits > Tuning.Blocks.cadreBoundExactBits {
      chooseApart(c, prices: prices, into: &out)
      return
    }
    let states = 1 << bits
    // cover[T]: least cost of classes meeting at least the bits of T.
    // Only the cheapest class of each mask can be in a best set: the sets
    // are built from those (a few masks instead of every useful class).
    scratch.masks.removeAll(keepingCapacity: true)
    for j in c.classes.indices {
      let mask = Int(c.masks[j])
      let v = Double(c.costs[j]) + prices[Int(c.classes[j])]
      if scratch.cheapest[mask] == .infinity { scratch.masks.append(mask) }
      if v < scratch.cheapest[mask] {
        scratch.cheapest[mask] = v
        scratch.cheapestClass[mask] = j
      }
    }
    defer { for mask in scratch.masks { scratch.cheapest[mask] = .infinity } }
    scratch.cover[0] = 0
    for t in 1..<states {
      var best = Double.infinity
      var pick = -1
      for mask in scratch.masks where mask & t != 0 {
        let v = scratch.cheapest[mask] + scratch.cover[t & ~mask]
        if v < best {
          best = v
          pick = scratch.cheapestClass[mask]
        }
      }
      scratch.cover[t] = best
      scratch.choice[t] = pick
    }
    func value(_ t: Int) -> Double {
      var v = scratch.cover[t]
      for b in 0..<m where t & (1 << b) != 0 { v -= c.values[b] }
      return v
    }
    func append(_ t: Int, to list: inout [Int32]) {
      var t = t
      while t != 0, scratch.choice[t] >= 0 {
        let j = scratch.choice[t]
        list.append(c.classes[j])
        t &= ~Int(c.masks[j])
      }
    }
    let obligationBits = (1 << m) - 1
    var best = (value: 0.0, state: 0)
    scratch.sentBest.removeAll(keepingCapacity: true)
    for _ in c.requirements.indices { scratch.sentBest.append((.infinity, 0)) }
    for t in 0..<states where scratch.cover[t] < .infinity {
      let v = value(t)
      if t & ~obligationBits == 0, v < best.value { best = (v, t) }
      for i in c.requirements.indices where t & (1 << (m + i)) != 0 && v < scratch.sentBest[i].value {
        scratch.sentBest[i] = (v, t)
      }
    }
    out.free.append(best.value)
    append(best.state, to: &out.freeClasses)
    out.freeStart.append(Int32(out.freeClasses.count))
    for entry in scratch.sentBest {
      out.sent.append(entry.value)
      if entry.value < .infinity { append(entry.state, to: &out.sentClasses) }
      out.sentClassStart.append(Int32(out.sentClasses.count))
    }
    out.sentStart.append(Int32(out.sent.count))
  }

  /// The bound for a cadre with too many bits: each obligation met by its
  /// cheapest class, each class's cost shared among the bits it meets (a
  /// lower bound of any set's cost less values); no classes.
  func chooseApart(_ c: borrowing Chooser, prices: UnsafeBufferPointer<Double>, into out: inout Choices) {
    let bits = c.values.count + c.requirements.count
    var share = Array(repeating: Double.infinity, count: bits)
    for j in c.classes.indices {
      let n = Double(c.masks[j].nonzeroBitCount)
      let each = (Double(c.costs[j]) + prices[Int(c.classes[j])]) / n
      for b in 0..<min(bits, 16) where c.masks[j] & (1 << UInt16(b)) != 0 { share[b] = min(share[b], each) }
    }
    var free = 0.0
    for (b, v) in c.values.enumerated() where share[b] < v { free += share[b] - v }
    out.free.append(free)
    out.freeStart.append(Int32(out.freeClasses.count))
    for i in c.requirements.indices {
      let extra = share[c.values.count + i]
      out.sent.append(free + (extra < .infinity ? max(0, extra) : .infinity))
      out.sentClassStart.append(Int32(out.sentClasses.count))
    }
    out.sentStart.append(Int32(out.sent.count))
  }

  /// The bound at prices λ (per class index; capacity-less classes are
  /// never priced), and the seats per class the relaxed plan takes (for a
  /// subgradient step).
  func evaluate(prices: [Double], threads: Int) -> (value: Double, seats: [Int]) {
    // Chunks by the nominal threads: the sums come in the same order on any machine.
    let chunks = Tuning.Blocks.nominalThreads * 4
    let parts: [Choices] = WhatIf.parallelMap(count: chunks, threads: threads) { chunk in
      var out = Choices()
      var scratch = Scratch()
      prices.withUnsafeBufferPointer { p in
        choosers.withUnsafeBufferPointer { list in
          var i = chunk
          while i < list.count {
            choose(list[i], prices: p, scratch: &scratch, into: &out)
            i += chunks
          }
        }
      }
      return out
    }
    // Chooser i is entry i / chunks of part i % chunks.
    var total = constant
    for part in parts { for v in part.free { total += v } }
    // Sent members with one unit share take their sent set instead.
    var switched = [Int: (part: Int, entry: Int, slot: Int)]()
    for (r, req) in requirements.enumerated() {
      total += req.weight * Double(req.need)
      var gains: [(gain: Double, chooser: Int, sent: Int)] = []
      for m in req.members {
        let i = Int(chooserOf[m])
        guard i >= 0 else { continue }
        let c = choosers[i]
        guard let slot = c.requirements.firstIndex(of: r) else { continue }
        let part = parts[i % chunks], j = i / chunks
        let extra = (part.sentValue(j, slot) - part.free[j]) / Double(c.requirements.count)
        let gain = extra - req.weight
        if gain < 0 { gains.append((gain, i, slot)) }
      }
      gains.sort { $0.gain != $1.gain ? $0.gain < $1.gain : $0.chooser < $1.chooser }
      for g in gains.prefix(req.need) {
        total += g.gain
        if choosers[g.chooser].requirements.count == 1 {
          switched[g.chooser] = (g.chooser % chunks, g.chooser / chunks, g.sent)
        }
      }
    }
    var seats = Array(repeating: 0, count: capacity.count)
    for (p, part) in parts.enumerated() {
      for j in 0..<part.count where switched[p + j * chunks] == nil {
        for k in part.freeSet(j) { seats[Int(k)] += 1 }
      }
    }
    for (_, s) in switched { for k in parts[s.part].sentSet(s.entry, s.slot) { seats[Int(k)] += 1 } }
    for (k, cap) in capacity.enumerated() {
      guard let cap else { continue }
      total += min(0, fixedCost[k] - prices[k] * cap)
    }
    return (total, seats)
  }

  /// Projected subgradient steps on λ from `start` (Polyak's step towards
  /// `target`, a plan's objective), while `more()` allows; the best bound
  /// and its prices.
  func maximize(
    start: [Double], target: Double, rounds: Int, threads: Int, more: () -> Bool
  ) -> (bound: Double, prices: [Double], rounds: Int, first: Double) {
    var prices = start
    for (k, cap) in capacity.enumerated() where cap == nil { prices[k] = 0 }
    var best = (bound: -Double.infinity, prices: prices)
    var first = -Double.infinity
    var theta = Tuning.Blocks.cadreBoundFirstStep
    let patience = CadreBound.patience(rounds: rounds)
    var stalled = 0
    var done = 0
    // The direction: the subgradient plus `cadreBoundDeflection` times the last
    // direction (fewer zig-zags between the same classes' prices).
    var direction = Array(repeating: 0.0, count: prices.count)
    while done < rounds, more() {
      let (value, seats) = evaluate(prices: prices, threads: threads)
      if done == 0 { first = value }
      done += 1
      if value > best.bound + 1e-9 {
        best = (value, prices)
        stalled = 0
      } else {
        stalled += 1
        if stalled >= patience {
          theta /= 2
          stalled = 0
        }
      }
      var g = Array(repeating: 0.0, count: prices.count)
      for (k, cap) in capacity.enumerated() {
        guard let cap else { continue }
        let held = fixedCost[k] - prices[k] * cap < 0 ? cap : 0
        g[k] = Double(seats[k]) - held
      }
      var norm = 0.0
      for k in g.indices {
        var d = g[k] + Tuning.Blocks.cadreBoundDeflection * direction[k]
        // Projection: a price at 0 with seats to spare stays at 0.
        if prices[k] <= 0, d < 0 { d = 0 }
        direction[k] = d
        norm += d * d
      }
      guard norm > 0 else { break }  // the relaxed plan fits: optimal prices
      let t = theta * max(target - value, 1e-6 * abs(target)) / norm
      for k in prices.indices { prices[k] = max(0, prices[k] + t * direction[k]) }
    }
    return (best.bound, best.prices, done, first)
  }
}

extension CadreBound {
  /// Three parts of the gap between a plan (call-up seats per cadre) and
  /// the bound at `prices`: the classes the plan holds beyond their seats'
  /// prices (a held class pays its fixed cost less its seats' prices, where
  /// the bound pays at most 0), the classes it does not hold whose seats'
  /// prices exceed their fixed cost (the bound earns the difference), and
  /// the priced seats the plan's classes leave empty. The rest of the gap
  /// is the cadres' choices, unit shares and release limits.
  func gapParts(
    prices: [Double], plan: [[Int]], isCallup: (Int, Int) -> Bool
  ) -> (heldBeyond: Double, notHeld: Double, empty: Double) {
    var seats = Array(repeating: 0, count: capacity.count)
    for (ci, list) in plan.enumerated() {
      for k in list where isCallup(ci, k) { seats[k] += 1 }
    }
    var heldBeyond = 0.0
    var notHeld = 0.0
    var empty = 0.0
    for (k, cap) in capacity.enumerated() {
      guard let cap else { continue }
      let t = fixedCost[k] - prices[k] * cap
      if seats[k] > 0 {
        heldBeyond += max(0, t)
        empty += prices[k] * (cap - Double(seats[k]))
      } else {
        notHeld -= min(0, t)
      }
    }
    return (heldBeyond, notHeld, empty)
  }
}
