import CallupDomain
import CallupPlan
import CallupRules
import Modeling

/// The second stage of a plan: hours rules (class hours over a window, the
/// year's pace) planned in the seats the call-up plan leaves.
///
/// The objective is lexicographic. The call-up model — obligations, unit
/// shares, costs — is solved first, and its bound is what the plan
/// reports; the plan's objective is that of the plan written, these
/// seats' costs included (`Planner.reporting`). Then every held class's free seats go to cadres
/// short of their pace, behind pace first and the furthest behind first,
/// a seat at a time while its value (the hours it adds towards the pace,
/// at the policy's value per hour) exceeds its cost. Each seat is checked
/// against every row of the whole model, so the second stage never breaks
/// a hard rule and never moves a first-stage seat. A class the call-up left
/// closed opens when the seats it fills this way (at least its minimum)
/// are worth more than it costs to hold.
enum HoursStage {
  /// True when `f` is a call-up model whose scenario has paces to plan.
  static func applies(to f: Formulation) -> Bool {
    !f.options.planHours && f.book.hoursByCadre.contains(where: { !$0.isEmpty })
  }

  /// The call-up plan with the hours planned in what it leaves. Once
  /// `budget` is spent, no more closed classes are tried.
  static func run(_ solved: SolvedPlan, budget: TimeBudget? = nil) throws -> SolvedPlan {
    guard applies(to: solved.formulation) else { return solved }
    let started = ContinuousClock.now
    let (f2, state) = try secondModel(solved)
    budget?.chargeBuilding(f2)
    var fill = HoursFill(formulation: f2, state: state)
    let opened = fill.openClosedClasses(budget: budget)
    let floors = fill.raiseToFloors()
    let broken = f2.model.violations(PlanSolver.completeVector(fill.state, greedy: fill.greedy))
    if !broken.isEmpty {
      throw PlannerError.internalFailure(
        "the hours stage breaks \(broken.count) rows, e.g. \(broken.prefix(3).map { "\($0)" }.joined(separator: "; "))")
    }
    let seconds = (ContinuousClock.now - started).inSeconds
    let added = fill.filled + opened.seats + floors.seats
    var out = solved
    out.formulation = f2
    out.seats = f2.candidates.indices.filter { fill.state.seat[$0] }
    out.held = Set(f2.classesInYear.filter { fill.state.held[$0] && fill.state.attendees($0) > 0 })
    out.seconds += seconds
    out.log.append(
      String(format: "hours stage: %d seats added, %d classes opened, in %.2fs", added, opened.classes, seconds))
    if !f2.options.kindFloors.isEmpty {
      out.log.append(
        RotationPlanner.floorNote(
          f2.options.kindFloors, seats: floors.seats, opened: floors.opened, short: floors.short))
    }
    return out
  }

  /// The model with the hours rules (every pair of the call-up model and
  /// every pair it seated), and the call-up plan in it: the call-up
  /// model's options, all of them (a block's screened lists among them, or
  /// a first-stage seat could have no pair), with the hours planned.
  static func secondModel(_ solved: SolvedPlan) throws -> (Formulation, IntegerPlanState) {
    let f1 = solved.formulation
    var options2 = f1.options
    options2.planHours = true
    for p in solved.seats {
      options2.extraPairs.insert(f1.pairKey(cadre: f1.candidates[p].cadre, klass: f1.candidates[p].klass))
    }
    let f2 = Formulation(scenario: f1.scenario, year: f1.year, options: options2)
    var index = [Int: Int]()
    for (q, c) in f2.candidates.enumerated() { index[f2.pairKey(cadre: c.cadre, klass: c.klass)] = q }
    var state = IntegerPlanState(formulation: f2)
    for k in solved.held { state.setHeld(k, true) }
    for p in solved.seats {
      let c = f1.candidates[p]
      guard let q = index[f2.pairKey(cadre: c.cadre, klass: c.klass)] else {
        throw PlannerError.internalFailure("the hours stage has no pair for a first-stage seat")
      }
      state.setSeat(q, true)
    }
    return (f2, state)
  }
}

/// The hours stage's plan in the second model and what it covers; each
/// step adds seats, checked against every binary-only row.
struct HoursFill {
  let formulation: Formulation
  let greedy: GreedyImprover
  var state: IntegerPlanState
  var cov: GreedyImprover.Coverage
  /// Seats the first greedy pass added in held classes.
  let filled: Int

  /// Seats added to held classes while a seat is worth more than it costs.
  init(formulation f: Formulation, state: IntegerPlanState) {
    let greedy = GreedyImprover(formulation: f)
    var state = state
    filled = greedy.fill(&state)
    cov = greedy.coverage(state)
    formulation = f
    self.greedy = greedy
    self.state = state
  }

  /// Classes the call-up left closed open when their seats are worth more
  /// than the class costs to hold. Stops trying once `budget` is spent.
  mutating func openClosedClasses(budget: TimeBudget?) -> (classes: Int, seats: Int) {
    let f = formulation
    var opened = 0, seats = 0
    for k in f.classesInYear where !state.held[k] && f.holdVariable[k] != nil {
      if let budget, budget.isSpent { break }
      let klass = f.scenario.classes[k]
      state.setHeld(k, true)
      var pool: [(Int, Double)] = []
      for q in f.candidatesByClass[k] {
        let g: Double = greedy.gain(q, cov)
        if g > 0 { pool.append((q, g)) }
      }
      pool.sort { (a: (Int, Double), b: (Int, Double)) -> Bool in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
      var taken: [GreedyImprover.Coverage.Change] = []
      var value = -klass.fixedCost
      for (q, _) in pool {
        let g = greedy.gain(q, cov)
        guard g > 1e-6, state.canShift(f.candidates[q].variable, by: 1) else { continue }
        state.setSeat(q, true)
        taken.append(cov.take(q, greedy))
        value += g
      }
      if taken.count >= klass.minSize, value > 1e-6 {
        opened += 1
        seats += taken.count
      } else {
        close(k, taken)
      }
    }
    return (opened, seats)
  }

  /// What `raiseToFloors` did: seats added, classes opened, and each kind's
  /// seats still short of its floor.
  struct Floors {
    var seats = 0
    var opened = 0
    var short = [ClassKind: Int]()
  }

  /// A later year of a rotation plan: each kind of `kindFloors` up to its
  /// floor with seats that add hours towards a pace, even where the hours
  /// are worth less than the seat costs (the institutions' load stays
  /// even), the most valuable first, then in classes not held, earliest
  /// first, where such seats reach the minimum. The ceiling's row holds.
  mutating func raiseToFloors() -> Floors {
    let f = formulation
    var floors = Floors()
    for kind in f.options.kindFloors.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      let floor = f.options.kindFloors[kind]!
      let classes = f.classesInYear.filter { f.scenario.classes[$0].kind == kind }
        .sorted { (f.scenario.classes[$0].start, $0) < (f.scenario.classes[$1].start, $1) }
      var load = classes.reduce(0) { $0 + state.attendees($1) }
      guard load < floor else { continue }
      floors.seats += seatInHeld(classes, floor: floor, load: &load)
      let opened = openForFloor(classes, floor: floor, load: &load)
      floors.opened += opened.classes
      floors.seats += opened.seats
      if load < floor { floors.short[kind] = floor - load }
    }
    return floors
  }

  /// The value of seat `q`'s hours towards the paces still short.
  func hoursValue(_ q: Int) -> Double {
    greedy.hoursFor[q].reduce(0.0) { total, h in
      let t = formulation.book.hoursTargets[h.target]
      return total + min(h.amount, max(0, t.pace - cov.hours[h.target])) * t.valuePerUnit
    }
  }

  /// Seats with hours towards a pace in the held `classes`, the most
  /// valuable first, while `load` is below `floor`; returns how many.
  mutating func seatInHeld(_ classes: [Int], floor: Int, load: inout Int) -> Int {
    let f = formulation
    var seats = 0
    var pool: [(Int, Double)] = []
    for k in classes where state.held[k] {
      for q in f.candidatesByClass[k] where !state.seat[q] && hoursValue(q) > 1e-6 {
        pool.append((q, greedy.gain(q, cov)))
      }
    }
    pool.sort { (a: (Int, Double), b: (Int, Double)) -> Bool in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
    for (q, _) in pool where load < floor {
      guard hoursValue(q) > 1e-6, state.canShift(f.candidates[q].variable, by: 1) else { continue }
      state.setSeat(q, true)
      _ = cov.take(q, greedy)
      load += 1
      seats += 1
    }
    return seats
  }

  /// Opens `classes` not held, earliest first, while `load` is below
  /// `floor`, each with seats that add hours towards a pace when they reach
  /// its minimum (else it stays closed).
  mutating func openForFloor(_ classes: [Int], floor: Int, load: inout Int) -> (classes: Int, seats: Int) {
    let f = formulation
    var opened = 0, seats = 0
    for k in classes where load < floor && !state.held[k] && f.holdVariable[k] != nil {
      let klass = f.scenario.classes[k]
      state.setHeld(k, true)
      var taken: [GreedyImprover.Coverage.Change] = []
      let takers = f.candidatesByClass[k].filter { hoursValue($0) > 1e-6 }.map { ($0, greedy.gain($0, cov)) }
        .sorted { (a: (Int, Double), b: (Int, Double)) -> Bool in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
      for (q, _) in takers where load + taken.count < max(floor, load + klass.minSize) {
        guard hoursValue(q) > 1e-6, state.canShift(f.candidates[q].variable, by: 1) else { continue }
        state.setSeat(q, true)
        taken.append(cov.take(q, greedy))
      }
      if taken.count >= klass.minSize {
        opened += 1
        seats += taken.count
        load += taken.count
      } else {
        close(k, taken)
      }
    }
    return (opened, seats)
  }

  /// Takes back the seats `taken` in class `k` and closes it.
  mutating func close(_ k: Int, _ taken: [GreedyImprover.Coverage.Change]) {
    for change in taken.reversed() {
      state.setSeat(change.candidate, false)
      cov.undo(change, greedy)
    }
    state.setHeld(k, false)
  }
}
