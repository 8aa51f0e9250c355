import CallupPlan
/// Prices of class seats from an auction (Bertsekas): every bidder (a due
/// obligation) wants one seat among its options, each worth a value to it;
/// a class holds at most its capacity of bidders. Unplaced bidders bid in
/// turn for their best option at current prices, raising its price by the
/// margin over their second best plus `epsilon`; a full class's price is
/// the lowest bid it holds, and a bid above it evicts that bidder.
///
/// The prices clear the market within `epsilon` per bidder: they are near
/// the duals of the capacity rows of the assignment LP (seats to bidders
/// by value). The decomposed planner starts its Lagrangian multipliers on
/// the shared class capacities there.
struct SeatAuction {
  struct Option: Sendable {
    var klass: Int32
    var value: Double
  }

  /// Seat prices per class index (0 for a class with seats to spare), and
  /// the class each bidder holds (nil: no option worth its price).
  static func run(bidders: [[Option]], capacity: [Int?], epsilon: Double) -> (prices: [Double], seat: [Int32?]) {
    run(bidders: bidders, capacity: capacity, epsilon: epsilon, admits: { _, _ in true }, moved: { _, _, _ in })
  }

  /// The auction with seats that depend on each other beyond capacity: a
  /// bidder bids only among the options `admits(bidder, class)` allows
  /// given the seats held now (a unit's release limit, the cadre's own
  /// classes), and `moved(bidder, class, seated)` hears of every seat taken
  /// (true) or given up (false, an eviction). A bidder with no admissible
  /// option worth its price is out for good.
  static func run(
    bidders: [[Option]], capacity: [Int?], epsilon: Double, admits: (Int, Int) -> Bool,
    moved: (Int, Int, Bool) -> Void
  ) -> (prices: [Double], seat: [Int32?]) {
    var heaps = Array(repeating: MinHeap(), count: capacity.count)
    var seat = [Int32?](repeating: nil, count: bidders.count)
    func price(_ k: Int) -> Double {
      guard let cap = capacity[k] else { return 0 }
      if cap <= 0 { return .infinity }
      return heaps[k].count >= cap ? heaps[k].min!.bid : 0
    }
    var queue = bidders.indices.filter { !bidders[$0].isEmpty }.reversed().map { $0 }
    var ranked: [(net: Double, j: Int)] = []
    while let i = queue.popLast() {
      // The best admissible option and the second best ("no seat" is worth
      // 0; among equals the earlier option).
      var best = -1
      var first = 0.0, second = 0.0
      for o in bidders[i] {
        let net = o.value - price(Int(o.klass))
        if net > first {
          second = first
          first = net
          best = Int(o.klass)
        } else if net > second {
          second = net
        }
      }
      if best >= 0, !admits(i, best) {
        // Refused: the options in order of their worth now, the first one
        // admitted bids against the one after it (which `admits` may
        // refuse: the bid is then smaller).
        ranked.removeAll(keepingCapacity: true)
        for (j, o) in bidders[i].enumerated() where Int(o.klass) != best {
          let net = o.value - price(Int(o.klass))
          if net > 0 { ranked.append((net, j)) }
        }
        ranked.sort { $0.net != $1.net ? $0.net > $1.net : $0.j < $1.j }
        best = -1
        for (n, r) in ranked.enumerated() where admits(i, Int(bidders[i][r.j].klass)) {
          best = Int(bidders[i][r.j].klass)
          first = r.net
          second = n + 1 < ranked.count ? ranked[n + 1].net : 0
          break
        }
      }
      guard best >= 0 else { continue }  // prices only rise: out for good
      let bid = price(best) + (first - second) + epsilon
      heaps[best].push(bid: bid, bidder: i)
      seat[i] = Int32(best)
      moved(i, best, true)
      if let cap = capacity[best], heaps[best].count > cap, let out = heaps[best].popMin() {
        seat[out.bidder] = nil
        moved(out.bidder, best, false)
        queue.append(out.bidder)
      }
    }
    return (capacity.indices.map { price($0) }, seat)
  }

  /// A binary min-heap of bids (ties by bidder, for determinism).
  struct MinHeap {
    private var items: [(bid: Double, bidder: Int)] = []
    var count: Int { items.count }
    var min: (bid: Double, bidder: Int)? { items.first }

    private static func less(_ a: (bid: Double, bidder: Int), _ b: (bid: Double, bidder: Int)) -> Bool {
      a.bid != b.bid ? a.bid < b.bid : a.bidder > b.bidder
    }

    mutating func push(bid: Double, bidder: Int) {
      items.append((bid, bidder))
      var i = items.count - 1
      while i > 0 {
        let parent = (i - 1) / 2
        guard Self.less(items[i], items[parent]) else { break }
        items.swapAt(i, parent)
        i = parent
      }
    }

    mutating func popMin() -> (bid: Double, bidder: Int)? {
      guard !items.isEmpty else { return nil }
      items.swapAt(0, items.count - 1)
      let top = items.removeLast()
      var i = 0
      while true {
        let l = 2 * i + 1, r = l + 1
        var m = i
        if l < items.count, Self.less(items[l], items[m]) { m = l }
        if r < items.count, Self.less(items[r], items[m]) { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
      return top
    }
  }
}
