import CallupDomain
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
    var costs: [Double]
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

  /// First step, as a share of Polyak's step (halved after three steps
  /// without a better bound).
  static let firstStep = 0.25

  /// Most bits solved exactly; a cadre with more obligations and unit
  /// shares than this is bounded obligation by obligation (still valid).
  static let exactBits = 8

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
    let chunks = max(1, threads * 4)
    let parts: [[Chooser]] = WhatIf.parallelMap(count: chunks, threads: threads) { chunk in
      var out: [Chooser] = []
      var ci = chunk
      while ci < s.cadres.count {
        defer { ci += chunks }
        let owed = book.byCadre[ci]
        let mine = requirementsOf[ci]
        guard !owed.isEmpty || !mine.isEmpty, !screened[ci].isEmpty else { continue }
        var c = Chooser(
          cadre: ci, classes: [], costs: [], masks: [], values: owed.map { book.obligations[$0].value },
          requirements: mine)
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
          c.classes.append(k32)
          c.costs.append(Double(seatCosts[ci][j]))
          c.masks.append(mask)
        }
        if !c.classes.isEmpty { out.append(c) }
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

  /// One cadre's best sets at prices λ: without a unit share (`free`), and
  /// with each of its unit shares met (`sent`), as (cost less values met,
  /// classes chosen).
  struct Choice {
    var free: (value: Double, classes: [Int32])
    var sent: [(value: Double, classes: [Int32])]
  }

  /// Work arrays of `choose`, reused from cadre to cadre.
  struct Scratch {
    var cover = [Double](repeating: .infinity, count: 1 << CadreBound.exactBits)
    var choice = [Int](repeating: -1, count: 1 << CadreBound.exactBits)
    /// Per mask: the cheapest class's cost (∞: none yet) and index; the masks seen.
    var cheapest = [Double](repeating: .infinity, count: 1 << CadreBound.exactBits)
    var cheapestClass = [Int](repeating: -1, count: 1 << CadreBound.exactBits)
    var masks: [Int] = []
  }

  func choose(_ c: Chooser, prices: [Double], scratch: inout Scratch) -> Choice {
    let m = c.values.count
    let bits = m + c.requirements.count
    if bits > Self.exactBits {
      return chooseApart(c, prices: prices)
    }
    let states = 1 << bits
    // cover[T]: least cost of classes meeting at least the bits of T.
    // Only the cheapest class of each mask can be in a best set: the sets
    // are built from those (a few masks instead of every useful class).
    scratch.masks.removeAll(keepingCapacity: true)
    for j in c.classes.indices {
      let mask = Int(c.masks[j])
      let v = c.costs[j] + prices[Int(c.classes[j])]
      if scratch.cheapest[mask] == .infinity { scratch.masks.append(mask) }
      if v < scratch.cheapest[mask] {
        scratch.cheapest[mask] = v
        scratch.cheapestClass[mask] = j
      }
    }
    defer { for mask in scratch.masks { scratch.cheapest[mask] = .infinity } }
    // Borrowed, not copied: no allocation per cadre.
    var cover: [Double] = []
    var choice: [Int] = []
    swap(&cover, &scratch.cover)
    swap(&choice, &scratch.choice)
    defer {
      swap(&cover, &scratch.cover)
      swap(&choice, &scratch.choice)
    }
    cover[0] = 0
    for t in 1..<states {
      cover[t] = .infinity
      choice[t] = -1
      for mask in scratch.masks where mask & t != 0 {
        let v = scratch.cheapest[mask] + cover[t & ~mask]
        if v < cover[t] {
          cover[t] = v
          choice[t] = scratch.cheapestClass[mask]
        }
      }
    }
    func classes(_ t: Int) -> [Int32] {
      var out: [Int32] = []
      var t = t
      while t != 0, choice[t] >= 0 {
        out.append(c.classes[choice[t]])
        t &= ~Int(c.masks[choice[t]])
      }
      return out
    }
    let obligationBits = (1 << m) - 1
    func value(_ t: Int) -> Double {
      var v = cover[t]
      for b in 0..<m where t & (1 << b) != 0 { v -= c.values[b] }
      return v
    }
    var best = (value: 0.0, state: 0)
    var sentBest = Array(repeating: (value: Double.infinity, state: 0), count: c.requirements.count)
    for t in 0..<states where cover[t] < .infinity {
      let v = value(t)
      if t & ~obligationBits == 0, v < best.value { best = (v, t) }
      for i in c.requirements.indices where t & (1 << (m + i)) != 0 && v < sentBest[i].value {
        sentBest[i] = (v, t)
      }
    }
    return Choice(
      free: (best.value, classes(best.state)),
      sent: sentBest.map { ($0.value, $0.value < .infinity ? classes($0.state) : []) })
  }

  /// The bound for a cadre with too many bits: each obligation met by its
  /// cheapest class, each class's cost shared among the bits it meets (a
  /// lower bound of any set's cost less values).
  func chooseApart(_ c: Chooser, prices: [Double]) -> Choice {
    let bits = c.values.count + c.requirements.count
    var share = Array(repeating: Double.infinity, count: bits)
    for j in c.classes.indices {
      let n = Double(c.masks[j].nonzeroBitCount)
      let each = (c.costs[j] + prices[Int(c.classes[j])]) / n
      for b in 0..<min(bits, 16) where c.masks[j] & (1 << UInt16(b)) != 0 { share[b] = min(share[b], each) }
    }
    var free = 0.0
    for (b, v) in c.values.enumerated() where share[b] < v { free += share[b] - v }
    let sent = c.requirements.indices.map { i in
      (value: free + (share[c.values.count + i] < .infinity ? max(0, share[c.values.count + i]) : .infinity), classes: [Int32]())
    }
    return Choice(free: (free, []), sent: sent)
  }

  /// The bound at prices λ (per class index; capacity-less classes are
  /// never priced), and the seats per class the relaxed plan takes (for a
  /// subgradient step).
  func evaluate(prices: [Double], threads: Int) -> (value: Double, seats: [Int]) {
    let chunks = max(1, threads * 4)
    let parts: [[Choice]] = WhatIf.parallelMap(count: chunks, threads: threads) { chunk in
      var out: [Choice] = []
      var scratch = Scratch()
      var i = chunk
      while i < choosers.count {
        out.append(choose(choosers[i], prices: prices, scratch: &scratch))
        i += chunks
      }
      return out
    }
    var choices = [Choice?](repeating: nil, count: choosers.count)
    for (chunk, part) in parts.enumerated() {
      for (j, choice) in part.enumerated() { choices[chunk + j * chunks] = choice }
    }
    var total = constant
    var seats = Array(repeating: 0, count: capacity.count)
    // Per cadre: the set taken; sent members switch to their sent set.
    var taken = choices.map { $0!.free.classes }
    for c in choices { total += c!.free.value }
    for (r, req) in requirements.enumerated() {
      total += req.weight * Double(req.need)
      var gains: [(gain: Double, chooser: Int, sent: Int)] = []
      for m in req.members {
        let i = Int(chooserOf[m])
        guard i >= 0 else { continue }
        let c = choosers[i]
        guard let slot = c.requirements.firstIndex(of: r) else { continue }
        let choice = choices[i]!
        let extra = (choice.sent[slot].value - choice.free.value) / Double(c.requirements.count)
        let gain = extra - req.weight
        if gain < 0 { gains.append((gain, i, slot)) }
      }
      gains.sort { $0.gain != $1.gain ? $0.gain < $1.gain : $0.chooser < $1.chooser }
      for g in gains.prefix(req.need) {
        total += g.gain
        if choosers[g.chooser].requirements.count == 1 { taken[g.chooser] = choices[g.chooser]!.sent[g.sent].classes }
      }
    }
    for list in taken { for k in list { seats[Int(k)] += 1 } }
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
    var theta = CadreBound.firstStep
    var stalled = 0
    var done = 0
    while done < rounds, more() {
      let (value, seats) = evaluate(prices: prices, threads: threads)
      if done == 0 { first = value }
      done += 1
      if value > best.bound + 1e-9 {
        best = (value, prices)
        stalled = 0
      } else {
        stalled += 1
        if stalled >= 3 {
          theta /= 2
          stalled = 0
          prices = best.prices
        }
      }
      var g = Array(repeating: 0.0, count: prices.count)
      var norm = 0.0
      for (k, cap) in capacity.enumerated() {
        guard let cap else { continue }
        let held = fixedCost[k] - prices[k] * cap < 0 ? cap : 0
        g[k] = Double(seats[k]) - held
        // Projection: a price at 0 with seats to spare stays at 0.
        if prices[k] <= 0, g[k] < 0 { g[k] = 0 }
        norm += g[k] * g[k]
      }
      guard norm > 0 else { break }  // the relaxed plan fits: optimal prices
      let t = theta * max(target - value, 1e-6 * abs(target)) / norm
      for k in prices.indices { prices[k] = max(0, prices[k] + t * g[k]) }
    }
    return (best.bound, best.prices, done, first)
  }
}

extension CadreBound {
  /// Two parts of the gap between a plan (call-up seats per cadre) and the
  /// bound at `prices`: the classes' (a held class pays its fixed cost less
  /// its seats' prices, where the bound pays at most 0; a class not held
  /// forgoes a negative one) and the priced seats the plan's classes leave
  /// empty. The rest of the gap is the cadres' choices and unit shares.
  func gapParts(prices: [Double], plan: [[Int]], isCallup: (Int, Int) -> Bool) -> (hold: Double, empty: Double) {
    var seats = Array(repeating: 0, count: capacity.count)
    for (ci, list) in plan.enumerated() {
      for k in list where isCallup(ci, k) { seats[k] += 1 }
    }
    var hold = 0.0
    var empty = 0.0
    for (k, cap) in capacity.enumerated() {
      guard let cap else { continue }
      let t = fixedCost[k] - prices[k] * cap
      if seats[k] > 0 {
        hold += t - min(0, t)
        empty += prices[k] * (cap - Double(seats[k]))
      } else {
        hold -= min(0, t)
      }
    }
    return (hold, empty)
  }
}
