import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import Modeling

/// Step 4, the exchange across blocks, and the plan's figures from the
/// blocks' results.
extension BlockPlanState {
  /// Step 4: the exchange across blocks (`SeatExchange`): cadres with
  /// something unmet, most valuable first, take a free seat, a seat freed
  /// by a chain of moves, the seat of a less valuable attendee, or a seat
  /// in a class it opens; at most `Tuning.Blocks.exchangePasses` passes,
  /// stopped at `Tuning.Blocks.exchangeShare` of the limit or when the
  /// plan is stopped. Every move lowers the objective, so the objective
  /// after is never above the one before. A later year of a rotation plan
  /// then holds the kinds no rule asks for to their `ceilings` and brings
  /// them up to their `floors` (`holdLoad`, `fillLoad`). Last, the
  /// objective of the plan written (`PlanObjective`: hours seats and the
  /// classes they alone fill included).
  ///
  /// Reads `calendar`, `hoursSeats`, `screened`; writes `exchange`,
  /// `objectiveBefore`, `objective` and `calendar`.
  mutating func exchangeSeats() {
    objectiveBefore = PlanObjective(whole).value(calendar.assignments)
    var open = Array(repeating: false, count: scenario.classes.count)
    for ki in classes where calendar.attendees[ki] > 0 { open[ki] = true }
    var exchange = SeatExchange(
      scenario, book: whole.book, screened: screened, calendar: calendar, open: open, hoursSeats: hoursSeats)
    let before = exchange.objective() + whole.targetBook.objectiveCost(calendar)
    let stage = budget.until(Tuning.Blocks.exchangeShare)
    let shouldStop = options.shouldStop
    exchange.run(passes: Tuning.Blocks.exchangePasses, more: { !stage.isSpent && shouldStop?() != true })
    fillTargets(&exchange, stage: stage)
    keepElectiveLoad(&exchange)
    let after = exchange.objective() + whole.targetBook.objectiveCost(exchange.calendar)
    defer { objective = PlanObjective(whole).value(calendar.assignments) }
    if after > before + 1e-6, ceilings.isEmpty, floors.isEmpty {
      // The exchange weighs no target: when its moves cost more on the
      // targets than they gain, the plan stays as the blocks left it.
      note(String(format: "exchange across blocks undone: the targets would cost %.0f more", after - before))
      self.exchange = nil
      return
    }
    calendar = exchange.calendar
    note(
      String(
        format:
          "exchange across blocks: %d seats added (%d classes opened), %d by chains moving %d attendees, %d swapped, %d colleagues gave way under their unit's release limit (%d moved to other days), %d hours seats count for the call-up: call-up objective %.0f → %.0f",
        exchange.adds, exchange.opens, exchange.chains, exchange.moved, exchange.swaps, exchange.releaseSwaps,
        exchange.releaseMoves, exchange.promoted, before, after),
      incumbent: after)
    self.exchange = exchange
  }

  /// After the exchange, seats for the targets still short (the blocks plan
  /// their parts, the auction start none), within the exchange's stage.
  mutating func fillTargets(_ exchange: inout SeatExchange, stage: TimeBudget) {
    guard !whole.targetBook.targets.isEmpty else { return }
    let screen = whole.screen
    let shouldStop = options.shouldStop
    let added = exchange.fillTargets(
      whole.targetBook, eligible: { screen.screen(cadre: $0, klass: $1) == nil },
      more: { !stage.isSpent && shouldStop?() != true })
    note("targets: \(added) seats for programmes and groups still short")
  }

  /// A later year of a rotation plan, after the exchange: the kinds no rule
  /// asks for keep to their `ceilings` (`ElectiveLoadRule`), and are
  /// brought up to their `floors` with cadres short of their hours pace.
  mutating func keepElectiveLoad(_ exchange: inout SeatExchange) {
    if !ceilings.isEmpty {
      let cut = exchange.holdLoad(ceilings)
      let limits = ceilings.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
      note(
        "elective load (at most " + limits.joined(separator: ", ")
          + " seats): \(cut.seats) seats taken out, \(cut.closed) classes closed")
    }
    if !floors.isEmpty {
      let screen = whole.screen
      let fill = exchange.fillLoad(floors, ceilings: ceilings, eligible: { screen.screen(cadre: $0, klass: $1) == nil })
      note(RotationPlanner.floorNote(floors, seats: fill.seats, opened: fill.opened, short: fill.short))
    }
  }

  /// The plan's status, model size and LP figure from the blocks' results:
  /// optimal only if every block was and the exchange added or swapped
  /// nothing (the bound may still make it feasible). The blocks' logs
  /// follow the plan's own.
  ///
  /// Reads `results`, `exchange`; writes `status`, `stats`, `lpMet`, `log`.
  mutating func gatherBlocks() {
    for r in results {
      if r.status != .optimal { status = .feasible }
      stats.variables += r.stats.variables
      stats.binaries += r.stats.binaries
      stats.constraints += r.stats.constraints
      stats.nonzeros += r.stats.nonzeros
      stats.candidatePairs += r.stats.candidatePairs
      stats.obligations += r.stats.obligations
      lpMet = lpMet.flatMap { m in r.lpMet.map { m + $0 } }
      log.append(contentsOf: r.log)
    }
    if let exchange, exchange.adds + exchange.swaps > 0 { status = .feasible }
  }
}
