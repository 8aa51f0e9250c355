import CallupDomain
import CallupPlan
import CallupRules

/// Improvement of a whole plan, seat by seat, across blocks: what a block
/// cannot see from inside its own units.
///
/// Blocks plan against quotas of the shared classes, so a class can be
/// full of one block's cadres meeting ordinary obligations while another
/// block's overdue cadres go without. The exchange takes the cadres with
/// something unmet, most valuable first, and for each:
///
/// - **adds** the seat worth most (obligations it would meet that nothing
///   meets yet, a unit-share person still missing, less its cost) in a class
///   the plan holds, if one has room and nothing clashes;
/// - else frees a seat by a **chain**: an attendee of a full class moves to
///   another class that meets the same for it, whose attendee may move on
///   in turn, until a class with room (an augmenting path);
/// - else **swaps**: in a full class where a seat would be worth more than
///   the seat of one of its attendees is worth to the plan (what would go
///   unmet without it, less its cost; nothing for a seat of the hours
///   stage), the attendee gives way. The attendee then looks for a seat of
///   its own in the same way;
/// - else, in a class its unit's release limit keeps it out of, a
///   **colleague gives way**: one away on those days moves to its best
///   class on other days, or goes without when its seat is worth less.
///
/// After the first pass, classes the plan does not hold **open** where the
/// cadres still wanting them fill them to their minimum and are worth more
/// than the class costs.
///
/// Every move strictly lowers the objective, so the exchange ends; every
/// seat it adds is checked per person by `PlanCalendar` (the cadre's other
/// classes, capacity, the unit's release limit and principals), and a swap
/// keeps each class's attendance, so no class falls below its minimum.
/// The order is fixed: the same plan gives the same exchange.
struct SeatExchange {
  let scenario: Scenario
  let book: ObligationBook
  /// Screened classes per cadre index (any year; only the plan's year is used).
  let screened: [[Int32]]
  /// Classes the plan holds (seats may be added to them).
  private(set) var open: [Bool]

  private let year: Int
  private let facts: KindBits
  private let costs: SeatCostRule.Table
  private let shareWeight: [Double]
  /// Unit requirements a cadre may still count for (need > 0, not trained yet).
  private var requirementsOf: [[Int]]
  /// Seats meeting each obligation.
  private var metCount: [Int32]
  /// Members sent per unit requirement.
  private var sent: [Int]
  /// Attendees per class, in the order they came.
  private var occupants: [[Int32]]
  /// Changes per class, and the least valuable attendees as of a change.
  private var version: [Int]
  private var cheapest: [[(ci: Int, worth: Double)]]
  private var cheapestStamp: [Int]
  /// Seats of the hours stage (cadre × classes + class): worth nothing to the call-up.
  private var hoursSeats: Set<Int>
  private(set) var calendar: PlanCalendar

  /// Moves made.
  private(set) var adds = 0
  /// Classes opened.
  private(set) var opens = 0
  /// Chains that freed a seat, and the attendees they moved.
  private(set) var chains = 0
  private(set) var moved = 0
  /// Seats of the hours stage counted as call-up seats.
  private(set) var promoted = 0
  private(set) var swaps = 0
  /// Colleagues who gave way under their unit's release limit, and those
  /// of them who moved to a class on other days.
  private(set) var releaseSwaps = 0
  private(set) var releaseMoves = 0
  /// The objective's estimated decrease.
  private(set) var gain = 0.0

  static let epsilon = 1e-6

  init(
    _ s: Scenario, book: ObligationBook, screened: [[Int32]], calendar: PlanCalendar, open: [Bool],
    hoursSeats: [(cadre: Int, klass: Int)]
  ) {
    scenario = s
    self.book = book
    self.screened = screened
    self.open = open
    self.calendar = calendar
    year = calendar.year
    facts = KindBits(s)
    costs = SeatCostRule.Table(s)
    shareWeight = s.policy.unitShareRules.map { $0.weight ?? s.policy.objective.unitShare }
    let n = s.classes.count
    self.hoursSeats = Set(hoursSeats.map { $0.cadre * n + $0.klass })
    requirementsOf = Array(repeating: [], count: s.cadres.count)
    for (r, req) in book.unitRequirements.enumerated() where req.need > 0 {
      for m in req.members where !req.alreadyTrained.contains(m) { requirementsOf[m].append(r) }
    }
    metCount = Array(repeating: 0, count: book.obligations.count)
    sent = Array(repeating: 0, count: book.unitRequirements.count)
    occupants = Array(repeating: [], count: n)
    version = Array(repeating: 0, count: n)
    cheapest = Array(repeating: [], count: n)
    cheapestStamp = Array(repeating: -1, count: n)
    for (ci, list) in calendar.classesByCadre.enumerated() where !list.isEmpty {
      for ki in list { occupants[ki].append(Int32(ci)) }
      let callup = list.filter { !self.hoursSeats.contains(ci * n + $0) }
      for oi in book.byCadre[ci] { metCount[oi] = Int32(callup.filter { counts(oi, $0) }.count) }
      for r in requirementsOf[ci] where callup.contains(where: { helps(r, $0) }) { sent[r] += 1 }
    }
    // A seat of the hours stage that meets what no call-up seat meets is a
    // call-up seat: the plan has it, and it obeys every rule.
    for seat in hoursSeats where gain(seat.cadre, seat.klass) > Self.epsilon {
      self.hoursSeats.remove(seat.cadre * n + seat.klass)
      count(seat.cadre, seat.klass, by: 1)
      promoted += 1
    }
  }

  private func counts(_ oi: Int, _ ki: Int) -> Bool { facts.counts(rule: book.obligations[oi].rule, klass: ki) }

  private func helps(_ r: Int, _ ki: Int) -> Bool { facts.helps(share: book.unitRequirements[r].rule, klass: ki) }

  func isHours(_ ci: Int, _ ki: Int) -> Bool { hoursSeats.contains(ci * scenario.classes.count + ki) }

  /// The hours seats left (cadre × classes + class).
  var hoursSeatKeys: Set<Int> { hoursSeats }

  /// True if a call-up seat of `ci` (other than in `skip`) counts for requirement `r`.
  private func isSent(_ r: Int, _ ci: Int, except skip: Int? = nil) -> Bool {
    calendar.classesByCadre[ci].contains { $0 != skip && helps(r, $0) && !isHours(ci, $0) }
  }

  func seatCost(_ ci: Int, _ ki: Int) -> Double { costs.cost(cadre: ci, klass: ki) }

  /// What one more seat of `ci` in `ki` is worth to the plan now, less its cost.
  func gain(_ ci: Int, _ ki: Int) -> Double {
    var g = -seatCost(ci, ki)
    for oi in book.byCadre[ci] where metCount[oi] == 0 && counts(oi, ki) { g += book.obligations[oi].value }
    for r in requirementsOf[ci] where helps(r, ki) && sent[r] < book.unitRequirements[r].need && !isSent(r, ci) {
      g += shareWeight[book.unitRequirements[r].rule]
    }
    return g
  }

  /// What the seat of `ci` in `ki` is worth to the plan now, less its cost
  /// (nothing for a seat of the hours stage).
  func worth(_ ci: Int, _ ki: Int) -> Double {
    if isHours(ci, ki) { return 0 }
    var w = -seatCost(ci, ki)
    for oi in book.byCadre[ci] where metCount[oi] == 1 && counts(oi, ki) { w += book.obligations[oi].value }
    for r in requirementsOf[ci]
    where helps(r, ki) && sent[r] <= book.unitRequirements[r].need && !isSent(r, ci, except: ki) {
      w += shareWeight[book.unitRequirements[r].rule]
    }
    return w
  }

  /// Counts (or uncounts) the call-up seat of `ci` in `ki`, already in or
  /// not yet in the calendar, towards its obligations and requirements.
  private mutating func count(_ ci: Int, _ ki: Int, by d: Int) {
    for r in requirementsOf[ci] where helps(r, ki) && !isSent(r, ci, except: ki) { sent[r] += d }
    for oi in book.byCadre[ci] where counts(oi, ki) { metCount[oi] += Int32(d) }
  }

  private mutating func add(_ ci: Int, _ ki: Int, hours: Bool = false) {
    if hours {
      hoursSeats.insert(ci * scenario.classes.count + ki)
    } else {
      count(ci, ki, by: 1)
    }
    calendar.add(Assignment(cadre: ci, klass: ki))
    occupants[ki].append(Int32(ci))
    version[ki] += 1
  }

  /// Takes the seat out; true if it was a seat of the hours stage.
  @discardableResult
  private mutating func remove(_ ci: Int, _ ki: Int) -> Bool {
    let hours = hoursSeats.remove(ci * scenario.classes.count + ki) != nil
    if !hours { count(ci, ki, by: -1) }
    calendar.remove(Assignment(cadre: ci, klass: ki))
    if let i = occupants[ki].firstIndex(of: Int32(ci)) { occupants[ki].remove(at: i) }
    version[ki] += 1
    return hours
  }

  /// The objective of the whole plan as the whole call-up model counts it:
  /// the value of every obligation no seat meets, the weight of every
  /// unit-share person missing, the cost of every call-up seat and of every
  /// class with one (seats of the hours stage are planned after the call-up,
  /// so neither they nor a class they alone fill count).
  func objective() -> Double {
    var total = 0.0
    for (oi, o) in book.obligations.enumerated() where metCount[oi] == 0 { total += o.value }
    for (r, req) in book.unitRequirements.enumerated() where sent[r] < req.need {
      total += shareWeight[req.rule] * Double(req.need - sent[r])
    }
    let n = scenario.classes.count
    var callup = Array(repeating: false, count: n)
    for (ci, list) in calendar.classesByCadre.enumerated() {
      for ki in list where !hoursSeats.contains(ci * n + ki) {
        total += seatCost(ci, ki)
        callup[ki] = true
      }
    }
    for (ki, k) in scenario.classes.enumerated() where callup[ki] { total += k.fixedCost }
    return total
  }

  /// Cadres with something unmet, most valuable first.
  private func wanting() -> [Int] {
    var potential: [(ci: Int, value: Double)] = []
    for ci in scenario.cadres.indices {
      var v = 0.0
      for oi in book.byCadre[ci] where metCount[oi] == 0 { v += book.obligations[oi].value }
      for r in requirementsOf[ci] where sent[r] < book.unitRequirements[r].need && !isSent(r, ci) {
        v += shareWeight[book.unitRequirements[r].rule]
      }
      if v > 0 { potential.append((ci, v)) }
    }
    potential.sort { $0.value != $1.value ? $0.value > $1.value : $0.ci < $1.ci }
    return potential.map(\.ci)
  }

  /// One move for `ci` (an add, else a swap); the attendee a swap displaces
  /// then tries in turn, up to `Tuning.Blocks.chainDepth`. True if
  /// anything moved.
  @discardableResult
  mutating func improve(_ ci: Int, depth: Int = 0) -> Bool {
    var best: (ki: Int, gain: Double)? = nil
    var full: [(ki: Int, gain: Double)] = []
    var blocked: [(ki: Int, gain: Double)] = []
    for k32 in screened[ci] {
      let ki = Int(k32)
      guard open[ki], facts.classYear[ki] == year, !calendar.classesByCadre[ci].contains(ki) else { continue }
      let g = gain(ci, ki)
      guard g > Self.epsilon else { continue }
      switch calendar.clash(cadre: ci, klass: ki) {
      case nil: if best.map({ g > $0.gain }) ?? true { best = (ki, g) }
      case .capacity?: full.append((ki, g))
      case .releaseLimit?: blocked.append((ki, g))
      default: continue
      }
    }
    if let best {
      add(ci, best.ki)
      adds += 1
      gain += best.gain
      return true
    }
    full.sort { $0.gain != $1.gain ? $0.gain > $1.gain : $0.ki < $1.ki }
    if augment(ci, into: full.map(\.ki)) { return true }
    // Swaps, the largest margin first: each full class's least valuable
    // attendees (the hours stage's first).
    var swaps: [(ki: Int, other: Int, margin: Double)] = []
    for (ki, g) in full {
      for a in leastValuable(ki) where a.worth < g - Self.epsilon { swaps.append((ki, a.ci, g - a.worth)) }
    }
    swaps.sort { $0.margin != $1.margin ? $0.margin > $1.margin : ($0.ki, $0.other) < ($1.ki, $1.other) }
    for (ki, other, _) in swaps.prefix(Tuning.Blocks.swapsTried) {
      let w = worth(other, ki)
      let wasHours = remove(other, ki)
      let g2 = gain(ci, ki)
      if g2 - w > Self.epsilon, calendar.clash(cadre: ci, klass: ki) == nil {
        add(ci, ki)
        self.swaps += 1
        gain += g2 - w
        if depth + 1 < Tuning.Blocks.chainDepth { improve(other, depth: depth + 1) }
        return true
      }
      add(other, ki, hours: wasHours)
    }
    return releaseSwap(ci, blocked: blocked, depth: depth)
  }

  /// In a class the unit's release limit (or its principals rule) keeps
  /// `ci` out of, the largest gain first: a colleague away on those days
  /// gives way, if that lets `ci` in and leaves the colleague's class at
  /// its minimum or above (or it is the same class), and moves to the
  /// class that serves it best on other days (one with room, checked per
  /// person), or goes without when its seat is worth less than `ci`'s.
  /// Taken when the plan gains.
  mutating func releaseSwap(_ ci: Int, blocked: [(ki: Int, gain: Double)], depth: Int) -> Bool {
    guard !blocked.isEmpty, let u = scenario.unitIndex[scenario.cadres[ci].unit] else { return false }
    let order = blocked.sorted { $0.gain != $1.gain ? $0.gain > $1.gain : $0.ki < $1.ki }
    for (ki, _) in order.prefix(Tuning.Blocks.swapsTried) {
      var colleagues: [(b: Int, kb: Int, worth: Double)] = []
      for b in scenario.cadresByUnit[u] where b != ci {
        for kb in calendar.classesByCadre[b] where facts.overlap(kb, ki) && facts.offTheJob[kb] {
          // The colleague's class keeps its minimum (the same class: `ci` takes the seat).
          guard kb == ki || calendar.attendees[kb] > scenario.classes[kb].minSize else { continue }
          colleagues.append((b, kb, worth(b, kb)))
        }
      }
      colleagues.sort { $0.worth != $1.worth ? $0.worth < $1.worth : ($0.b, $0.kb) < ($1.b, $1.kb) }
      for (b, kb, w) in colleagues.prefix(Tuning.Blocks.attendeesTried) {
        let wasHours = remove(b, kb)
        guard calendar.clash(cadre: ci, klass: ki) == nil else {
          add(b, kb, hours: wasHours)
          continue
        }
        let g = gain(ci, ki)
        add(ci, ki)
        // The colleague's best seat elsewhere (an hours seat just goes).
        var move: (ki: Int, gain: Double)? = nil
        if !wasHours {
          for k32 in screened[b] {
            let k = Int(k32)
            guard k != kb, open[k], facts.classYear[k] == year, !facts.overlap(k, ki) else { continue }
            let gb = gain(b, k)
            guard gb > Self.epsilon, move.map({ gb > $0.gain }) ?? true else { continue }
            if calendar.clash(cadre: b, klass: k) == nil { move = (k, gb) }
          }
        }
        let net = g - w + (move?.gain ?? 0)
        if net > Self.epsilon {
          if let move { add(b, move.ki) }
          releaseSwaps += 1
          if move != nil { releaseMoves += 1 }
          gain += net
          if move == nil, depth + 1 < Tuning.Blocks.chainDepth { improve(b, depth: depth + 1) }
          return true
        }
        remove(ci, ki)
        add(b, kb, hours: wasHours)
      }
    }
    return false
  }

  /// A chain of moves that frees a seat for `ci` in one of the full classes
  /// `targets` while everyone moved keeps what it had: an attendee moves to
  /// another class that meets the same for it, whose attendee moves on in
  /// turn, until a class with room (breadth first over the classes, at
  /// most `Tuning.Blocks.pathDepth` moves, `pathBudget` moves looked at).
  /// The chain is made move by move, each checked per person, and undone
  /// if a check fails or it would not lower the objective.
  mutating func augment(_ ci: Int, into targets: [Int]) -> Bool {
    guard !targets.isEmpty else { return false }
    // nodes[i]: `mover` moves into `klass`, out of the class of node `parent`.
    var nodes: [(klass: Int, parent: Int, mover: Int)] = []
    var visited = Set(targets)
    var frontier: [Int] = []
    for ki in targets {
      frontier.append(nodes.count)
      nodes.append((ki, -1, ci))
    }
    var looked = 0
    for _ in 0..<Tuning.Blocks.pathDepth {
      var next: [Int] = []
      for n in frontier {
        let k = nodes[n].klass
        for b32 in occupants[k] {
          let b = Int(b32)
          guard !isHours(b, k), !onPath(b, n, nodes) else { continue }
          // What k gives b that nothing else does: the class it moves to must give it too.
          let owed = book.byCadre[b].filter { metCount[$0] == 1 && counts($0, k) }
          let reqs = requirementsOf[b].filter { helps($0, k) && !isSent($0, b, except: k) }
          for l32 in screened[b] {
            let l = Int(l32)
            guard l != k, open[l], facts.classYear[l] == year, !calendar.classesByCadre[b].contains(l),
              owed.allSatisfy({ counts($0, l) }), reqs.allSatisfy({ helps($0, l) })
            else { continue }
            looked += 1
            if looked > Tuning.Blocks.pathBudget { return false }
            if scenario.classes[l].capacity.map({ calendar.attendees[l] < $0 }) ?? true {
              if commit(path: n, last: (b, k, l), nodes) { return true }
            } else if visited.insert(l).inserted {
              next.append(nodes.count)
              nodes.append((l, n, b))
            }
          }
        }
      }
      frontier = next
      if frontier.isEmpty { break }
    }
    return false
  }

  private func onPath(_ b: Int, _ n: Int, _ nodes: [(klass: Int, parent: Int, mover: Int)]) -> Bool {
    var i = n
    while i >= 0 {
      if nodes[i].mover == b { return true }
      i = nodes[i].parent
    }
    return false
  }

  /// Makes the chain ending in node `n` (`last`: its attendee moving to a
  /// class with room), last move first; true if made.
  private mutating func commit(
    path n: Int, last: (cadre: Int, from: Int, to: Int), _ nodes: [(klass: Int, parent: Int, mover: Int)]
  ) -> Bool {
    var moves = [(cadre: Int, from: Int?, to: Int)]()
    moves.append((last.cadre, last.from, last.to))
    var i = n
    while i >= 0 {
      let p = nodes[i].parent
      moves.append((nodes[i].mover, p >= 0 ? nodes[p].klass : nil, nodes[i].klass))
      i = p
    }
    var done: [(cadre: Int, from: Int?, to: Int)] = []
    var total = 0.0
    var ok = true
    for m in moves {
      var w = 0.0
      if let from = m.from {
        w = worth(m.cadre, from)
        remove(m.cadre, from)
      }
      guard calendar.clash(cadre: m.cadre, klass: m.to) == nil else {
        if let from = m.from { add(m.cadre, from) }
        ok = false
        break
      }
      total += gain(m.cadre, m.to) - w
      add(m.cadre, m.to)
      done.append(m)
    }
    if ok, total > Self.epsilon {
      chains += 1
      moved += done.count - 1
      gain += total
      return true
    }
    for m in done.reversed() {
      remove(m.cadre, m.to)
      if let from = m.from { add(m.cadre, from) }
    }
    return false
  }

  /// The `Tuning.Blocks.attendeesTried` attendees of `ki` worth least,
  /// least first. Kept until the class's attendees change (a worth that
  /// changed meanwhile only changes who is tried first: a swap counts the
  /// worth afresh).
  private mutating func leastValuable(_ ki: Int) -> [(ci: Int, worth: Double)] {
    if cheapestStamp[ki] == version[ki] { return cheapest[ki] }
    var list = occupants[ki].map { (ci: Int($0), worth: worth(Int($0), ki)) }
    list.sort { $0.worth != $1.worth ? $0.worth < $1.worth : $0.ci < $1.ci }
    cheapest[ki] = Array(list.prefix(Tuning.Blocks.attendeesTried))
    cheapestStamp[ki] = version[ki]
    return cheapest[ki]
  }

  /// Passes over the cadres with something unmet until one changes nothing
  /// (at most `passes`) or `more` says stop.
  mutating func run(passes: Int = 3, more: () -> Bool = { true }) {
    for pass in 0..<passes {
      var moved = 0
      var cut = false
      for (i, ci) in wanting().enumerated() {
        if i % 256 == 0, !more() {
          cut = true
          break
        }
        if improve(ci) { moved += 1 }
      }
      // After the first pass, classes not held open where the cadres still
      // wanting them fill them to their minimum and are worth their cost;
      // also when the time is up before the pass ends (the classes the
      // repair closed are worth most, and opening them takes seconds).
      if pass == 0 { moved += openClasses() }
      if moved == 0 || cut || !more() { return }
    }
  }

  /// Holds the year's seats of each kind in `ceilings` to at most its
  /// ceiling (a later year of a rotation plan, see `ElectiveLoadRule`),
  /// losing as little as it can: while the kind is above, the class worth
  /// least per seat whose attendees all fit in the excess closes; else the
  /// seat worth least leaves a class above its minimum; else the class
  /// worth least per seat closes. Seats of the hours stage are worth
  /// nothing to the call-up, so they go first. Returns the seats taken out
  /// and the classes closed.
  mutating func holdLoad(_ ceilings: [ClassKind: Int]) -> (seats: Int, closed: Int) {
    var seats = 0
    var closed = 0
    let n = scenario.classes.count
    for kind in ceilings.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      let limit = ceilings[kind]!
      let bit = KindBits.bit(kind)
      let classes = (0..<n).filter {
        facts.classYear[$0] == year && facts.classKind[$0] == bit && !occupants[$0].isEmpty
      }
      var load = classes.reduce(0) { $0 + occupants[$1].count }
      // What a class is worth per attendee: its seats, less its fixed
      // cost when a call-up seat holds it.
      func perSeat(_ ki: Int) -> Double {
        var w = 0.0
        var callup = false
        for c in occupants[ki] {
          w += worth(Int(c), ki)
          if !isHours(Int(c), ki) { callup = true }
        }
        if callup { w -= scenario.classes[ki].fixedCost }
        return w / Double(occupants[ki].count)
      }
      func close(_ ki: Int) {
        for c in occupants[ki].reversed() { remove(Int(c), ki) }
        open[ki] = false
        closed += 1
      }
      func least(_ list: [Int]) -> Int? {
        list.map { (ki: $0, w: perSeat($0)) }.min { $0.w != $1.w ? $0.w < $1.w : $0.ki < $1.ki }?.ki
      }
      while load > limit {
        let excess = load - limit
        let live = classes.filter { !occupants[$0].isEmpty }
        if let ki = least(live.filter { occupants[$0].count <= excess }) {
          load -= occupants[ki].count
          seats += occupants[ki].count
          close(ki)
          continue
        }
        var cheapestSeat: (ci: Int, ki: Int, w: Double)? = nil
        for ki in live where occupants[ki].count > scenario.classes[ki].minSize {
          for c in occupants[ki] {
            let w = worth(Int(c), ki)
            if cheapestSeat.map({ w < $0.w || (w == $0.w && (Int(c), ki) < ($0.ci, $0.ki)) }) ?? true {
              cheapestSeat = (Int(c), ki, w)
            }
          }
        }
        if let seat = cheapestSeat {
          remove(seat.ci, seat.ki)
          load -= 1
          seats += 1
          continue
        }
        guard let ki = least(live) else { break }
        load -= occupants[ki].count
        seats += occupants[ki].count
        close(ki)
      }
    }
    return (seats, closed)
  }

  /// Brings the year's seats of each kind in `floors` up to its floor (a
  /// later year of a rotation plan: the first year's seats of a kind no
  /// rule asks for, see `RotationPlanner.electiveFloors`) with seats for
  /// cadres still short of their hours pace in a rule the kind counts for:
  /// those behind pace first, then those short of the most
  /// (`hoursTakers`). Nobody is sent to fill a seat: a cadre whose pace
  /// the plan already meets gets none. Each takes its best class of the
  /// kind that the plan holds and has room (checked per person,
  /// `seatInHeldClasses`); when the held classes are full, classes not held
  /// open, earliest first, if their takers reach the minimum, up to the
  /// kind's ceiling (or the class's minimum, if that overshoots the
  /// ceiling by less than the floor lacks; `openForWaiting`). The seats
  /// are seats of the hours stage (nothing in the call-up's objective).
  /// `eligible(cadre, class)`: the screen.
  /// Returns the seats added, the classes opened, and per kind what the
  /// floor still lacks.
  mutating func fillLoad(
    _ floors: [ClassKind: Int], ceilings: [ClassKind: Int], eligible: (Int, Int) -> Bool
  ) -> (seats: Int, opened: Int, short: [ClassKind: Int]) {
    let n = scenario.classes.count
    var seats = 0
    var opened = 0
    var short = [ClassKind: Int]()
    for kind in floors.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      let bit = KindBits.bit(kind)
      let classes = (0..<n).filter { facts.classYear[$0] == year && facts.classKind[$0] == bit }
        .sorted { (scenario.classes[$0].start, $0) < (scenario.classes[$1].start, $1) }
      var load = classes.reduce(0) { $0 + occupants[$1].count }
      let floor = floors[kind]!
      guard load < floor, !classes.isEmpty else { continue }
      let top = max(floor, ceilings[kind] ?? Int.max)
      let held = seatInHeldClasses(hoursTakers(kind), classes: classes, floor: floor, load: load, eligible: eligible)
      load += held.seated
      seats += held.seated
      let opening = openForWaiting(
        held.waiting, classes: classes, floor: floor, top: top, load: load, eligible: eligible)
      load += opening.seated
      seats += opening.seated
      opened += opening.opened
      if load < floor { short[kind] = floor - load }
    }
    return (seats, opened, short)
  }

  /// What the plan's classes of `ci` add to `rule`.
  private func plannedHours(_ ci: Int, _ rule: HoursRule) -> Double {
    calendar.classesByCadre[ci].reduce(0.0) { $0 + rule.amount(of: scenario.classes[$1]) }
  }

  /// The hours a seat of `ci` in `ki` adds towards its paces, at their value.
  private func hoursValue(_ ci: Int, _ ki: Int) -> Double {
    let rules = scenario.policy.hoursRules
    var v = 0.0
    for ti in book.hoursByCadre[ci] {
      let t = book.hoursTargets[ti]
      let a = rules[t.rule].amount(of: scenario.classes[ki])
      guard a > 0 else { continue }
      v += min(a, max(0, t.pace - plannedHours(ci, rules[t.rule]))) * t.valuePerUnit
    }
    return v
  }

  /// Cadres short of an hours pace that `kind` counts for: behind pace
  /// first, the most wanting (hours short at their value) first.
  private func hoursTakers(_ kind: ClassKind) -> [Int] {
    let rules = scenario.policy.hoursRules
    var takers: [(ci: Int, behind: Bool, want: Double)] = []
    for ci in scenario.cadres.indices where !book.hoursByCadre[ci].isEmpty {
      var want = 0.0
      var behind = false
      for ti in book.hoursByCadre[ci] {
        let t = book.hoursTargets[ti]
        let rule = rules[t.rule]
        guard rule.kinds.isEmpty || rule.kinds.contains(kind) else { continue }
        let left = t.pace - plannedHours(ci, rule)
        guard left > 1e-9 else { continue }
        want += left * t.valuePerUnit
        behind = behind || t.behind
      }
      if want > 0 { takers.append((ci, behind, want)) }
    }
    takers.sort { ($0.behind ? 0 : 1, -$0.want, $0.ci) < ($1.behind ? 0 : 1, -$1.want, $1.ci) }
    return takers.map(\.ci)
  }

  /// Each of `takers` in turn, while the kind's `load` is below `floor`,
  /// takes its best seat (value less cost) in a held class of `classes`
  /// with room. Returns the seats taken, and the takers who found none but
  /// want a class of the kind (at most `Tuning.Blocks.fillWaitingPerSeat`
  /// per seat the floor lacks, plus `fillWaitingExtra`: enough to open
  /// classes for what it lacks).
  private mutating func seatInHeldClasses(
    _ takers: [Int], classes: [Int], floor: Int, load: Int, eligible: (Int, Int) -> Bool
  ) -> (seated: Int, waiting: [Int]) {
    var load = load
    var seated = 0
    var waiting: [Int] = []
    for ci in takers where load < floor {
      var best: (ki: Int, net: Double)? = nil
      var any = false
      for ki in classes where !calendar.classesByCadre[ci].contains(ki) && eligible(ci, ki) {
        let v = hoursValue(ci, ki)
        guard v > Self.epsilon else { continue }
        any = true
        guard !occupants[ki].isEmpty, calendar.clash(cadre: ci, klass: ki) == nil else { continue }
        let net = v - seatCost(ci, ki)
        if best.map({ net > $0.net }) ?? true { best = (ki, net) }
      }
      if let best {
        add(ci, best.ki, hours: true)
        load += 1
        seated += 1
      } else if any {
        waiting.append(ci)
        if waiting.count >= Tuning.Blocks.fillWaitingPerSeat * (floor - load) + Tuning.Blocks.fillWaitingExtra { break }
      }
    }
    return (seated, waiting)
  }

  /// Classes of `classes` not held, earliest first, opened for the
  /// `waiting` takers while the kind's `load` is below `floor`: each takes
  /// up to its capacity and the kind's `top`, and opens if they reach its
  /// minimum (else it gets no seat). A class whose minimum would take the
  /// kind past its ceiling opens at its minimum when that overshoots by
  /// less than the floor lacks (classes come in lumps: a tenth of a
  /// province's reading classes hold 15 to 80). Returns the seats taken
  /// and the classes opened.
  private mutating func openForWaiting(
    _ waiting: [Int], classes: [Int], floor: Int, top: Int, load: Int, eligible: (Int, Int) -> Bool
  ) -> (seated: Int, opened: Int) {
    var waiting = waiting
    var load = load
    var total = 0
    var opened = 0
    for ki in classes where load < floor && occupants[ki].isEmpty {
      let k = scenario.classes[ki]
      guard load + k.minSize - top < floor - load else { continue }
      let room = min(k.capacity ?? Int.max, max(top - load, k.minSize))
      var seated: [Int] = []
      for ci in waiting where seated.count < room {
        guard eligible(ci, ki), hoursValue(ci, ki) > Self.epsilon, calendar.clash(cadre: ci, klass: ki) == nil else {
          continue
        }
        add(ci, ki, hours: true)
        seated.append(ci)
      }
      if seated.count >= k.minSize {
        open[ki] = true
        opened += 1
        load += seated.count
        total += seated.count
        let taken = Set(seated)
        waiting.removeAll { taken.contains($0) }
      } else {
        for ci in seated.reversed() { remove(ci, ki) }
      }
    }
    return (total, opened)
  }

  /// Opens classes the plan does not hold: each gets the cadres still
  /// wanting it whose seats are worth most (each checked per person), up to
  /// its capacity; it opens if they reach its minimum and are worth more
  /// than its fixed cost, else it gets no seat. The classes with the most
  /// takers first. Returns how many opened.
  mutating func openClasses() -> Int {
    var takers = [Int: [Int]]()
    for ci in wanting() {
      for k32 in screened[ci] where !open[Int(k32)] && facts.classYear[Int(k32)] == year {
        takers[Int(k32), default: []].append(ci)
      }
    }
    let order = takers.keys.sorted {
      let a = takers[$0]!.count, b = takers[$1]!.count
      return a != b ? a > b : $0 < $1
    }
    var opened = 0
    for ki in order {
      let k = scenario.classes[ki]
      guard takers[ki]!.count >= k.minSize else { continue }
      var ranked = takers[ki]!.map { (ci: $0, gain: gain($0, ki)) }.filter { $0.gain > Self.epsilon }
      guard ranked.count >= k.minSize else { continue }
      ranked.sort { $0.gain != $1.gain ? $0.gain > $1.gain : $0.ci < $1.ci }
      var seated: [Int] = []
      var value = -k.fixedCost
      for (ci, _) in ranked where seated.count < (k.capacity ?? Int.max) {
        // The gain afresh: an earlier seat here may have met the same.
        let g = gain(ci, ki)
        guard g > Self.epsilon, calendar.clash(cadre: ci, klass: ki) == nil else { continue }
        add(ci, ki)
        seated.append(ci)
        value += g
      }
      if seated.count >= k.minSize, value > Self.epsilon {
        open[ki] = true
        opened += 1
        opens += 1
        adds += seated.count
        gain += value
      } else {
        for ci in seated.reversed() { remove(ci, ki) }
      }
    }
    return opened
  }

  // MARK: Targets

  /// Seats for the quota targets and group-share groups the plan leaves
  /// short: members not yet counted, the most overdue first, take the
  /// cheapest seat with room in a held class the target counts, when
  /// nothing clashes and the seat costs less than the target's `weight` (a
  /// person short costs that much). `eligible(cadre, class)`: the screen.
  /// Stops when `more()` says so. Returns the seats added.
  mutating func fillTargets(_ targets: TargetBook, eligible: (Int, Int) -> Bool, more: () -> Bool) -> Int {
    var added = 0
    for f in targets.figures(calendar) where f.planned < f.range.lo {
      switch f.target.kind {
      case .quota, .group: break
      case .classes, .seats: continue
      }
      let classes = f.target.classes.filter { open[$0] && facts.classYear[$0] == year }
      guard !classes.isEmpty else { continue }
      let inClasses = Set(classes)
      var need = f.range.lo - f.planned
      for ci in f.target.members where need > 0 {
        if added % 256 == 0, !more() { return added }
        guard !f.target.trainedBefore.contains(ci),
          !calendar.classesByCadre[ci].contains(where: inClasses.contains)
        else { continue }
        var best: (ki: Int, cost: Double)? = nil
        for ki in classes where eligible(ci, ki) && calendar.clash(cadre: ci, klass: ki) == nil {
          let cost = seatCost(ci, ki)
          if cost < f.target.weight, best.map({ cost < $0.cost }) ?? true { best = (ki, cost) }
        }
        if let best {
          add(ci, best.ki)
          need -= 1
          added += 1
        }
      }
      if need > 0 { added += openForTarget(f, need: need, eligible: eligible, more: more) }
    }
    return added
  }

  /// Classes the target counts that the plan does not hold, earliest
  /// first, opened for its members not yet counted while it is short: a
  /// class opens when enough of them fit to reach its minimum and the
  /// persons it brings are worth more than it costs.
  private mutating func openForTarget(
    _ f: TargetFigure, need: Int, eligible: (Int, Int) -> Bool, more: () -> Bool
  ) -> Int {
    var need = need
    var added = 0
    let closed = f.target.classes.filter { !open[$0] && facts.classYear[$0] == year }
      .sorted { (scenario.classes[$0].start, $0) < (scenario.classes[$1].start, $1) }
    let counted = Set(f.target.classes)
    for ki in closed where need > 0 && more() {
      let k = scenario.classes[ki]
      let room = min(k.capacity ?? need, max(need, k.minSize))
      var takers: [Int] = []
      for ci in f.target.members where takers.count < room {
        guard !f.target.trainedBefore.contains(ci), !calendar.classesByCadre[ci].contains(where: counted.contains),
          eligible(ci, ki), calendar.clash(cadre: ci, klass: ki) == nil
        else { continue }
        takers.append(ci)
      }
      let worth = Double(min(takers.count, need)) * f.target.weight
      let cost = k.fixedCost + takers.reduce(0.0) { $0 + seatCost($1, ki) }
      guard takers.count >= k.minSize, worth > cost else { continue }
      var seated: [Int] = []
      for ci in takers where calendar.clash(cadre: ci, klass: ki) == nil {
        add(ci, ki)
        seated.append(ci)
      }
      // Seats taken one by one can meet a unit's release limit: below its
      // minimum the class stays closed.
      guard seated.count >= k.minSize else {
        for ci in seated { remove(ci, ki) }
        continue
      }
      open[ki] = true
      opens += 1
      added += seated.count
      need -= seated.count
    }
    return added
  }
}
