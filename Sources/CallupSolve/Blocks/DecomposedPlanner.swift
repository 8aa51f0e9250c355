import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import Modeling

/// Plans a scenario too large for one model block by block (分级): units
/// are grouped along the hierarchy (`BlockPartition`), every block is
/// planned by the annual planner on both cores, and the blocks meet only in
/// the classes.
///
/// 1. **Quotas (名额分配).** The due obligations, most valuable first, and
///    then the people units still have to send, each take a seat in their
///    best class that still has one (an estimate; equal classes in an order
///    of each block's own, so that a block's people fill the same classes).
///    Classes the estimate fills below their minimum are left out and the
///    estimate made again. A class (nearly) all of whose seats go to one
///    block belongs to that block, which decides whether to hold it. The
///    seats of any other class are split into quotas, and its minimum into
///    parts in proportion to the estimate: such a shared class is held
///    outside the blocks, and each block pays for every seat it leaves
///    short of its part (`Formulation.Options.quotaMinimums`).
/// 2. **Blocks** are planned in parallel, the largest first, each with its
///    share of the time left (call-up, then hours). When a large
///    scenario's blocks would get less than
///    `Tuning.Blocks.minimumBlockSeconds` each (a province in a few
///    minutes), no block is planned: the seats an auction of the due
///    obligations gives them (`SeatAuction`, most valuable first; each
///    bidder bids only where its cadre's own classes and its unit's release
///    limit let it in) are the start of the repair and the exchange, and
///    the bound of cadres deciding alone takes the time the blocks' LPs
///    would have.
/// 3. **Repair.** Every seat is checked once more per person against the
///    seats before it (`PlanCalendar`: call-up seats, then top-ups, then
///    hours seats; a seat that clashes is dropped). A shared class that the
///    blocks filled below its minimum is topped up with cadres of any block
///    who can attend it as well; a class still below its minimum closes and
///    its seats are dropped (dropping a seat never breaks a hard rule).
/// 4. **Exchange across blocks** (`SeatExchange`): cadres with something
///    unmet, most valuable first, take a free seat, a seat freed by a chain
///    of moves, or the seat of a less valuable attendee. The plan's
///    objective is then counted over the whole plan, as the whole model
///    counts it. A later year of a rotation plan then holds the kinds no
///    rule asks for to their ceilings (`SeatExchange.holdLoad`) and brings
///    them up to their floors with cadres short of their hours pace
///    (`SeatExchange.fillLoad`).
/// 5. **Bound.** A Lagrangian bound of the whole problem, not a sum of
///    restricted block bounds, with the class capacities priced. First
///    every cadre decides alone (`CadreBound`), from the prices of an
///    auction of the due obligations for the seats (`SeatAuction`), with
///    many subgradient steps. Then, while time remains, every block's LP is
///    solved again with each class priced at the best prices instead of
///    capacitated; that LP's duals price every pair of the block's cadres
///    (`Pricing.Pricer`), and each class's term is maximized over its
///    multiplier (`sharedTerm`), with subgradient steps between the passes.
///    The best bound is kept.
///
/// Each step is a method of `BlockPlanState`, the value the steps share
/// (the scenario, the whole formulation without pairs, the partition, the
/// quotas, the seats so far, the bound, the log and the time budget);
/// `plan` lists them in order. The numbers they trade time and quality
/// with are in `Tuning.Blocks`.
public enum DecomposedPlanner {
  /// True when the scenario is too large for one model: every year of it
  /// is planned block by block.
  public static func applies(to s: Scenario) -> Bool { s.cadres.count > Tuning.Blocks.decomposeAbove }

  /// What one block's solve hands back.
  struct BlockResult: Sendable {
    /// Global cadre index and class index, call-up seats then hours seats.
    var callupSeats: [(cadre: Int, klass: Int)]
    var hoursSeats: [(cadre: Int, klass: Int)]
    /// Owned classes held.
    var held: [Int]
    /// The block's own objective (nil: no plan); the plan's objective is
    /// counted over the whole plan after the exchange.
    var objective: Double?
    var status: PlanStatus
    var lpMet: Double?
    var stats: ModelStats
    var log: [String]

    /// A block with these call-up seats and nothing else (the auction's
    /// start, or a block that has no plan).
    init(callupSeats: [(cadre: Int, klass: Int)] = [], status: PlanStatus) {
      self.callupSeats = callupSeats
      hoursSeats = []
      held = []
      objective = nil
      self.status = status
      lpMet = nil
      stats = ModelStats(variables: 0, binaries: 0, constraints: 0, nonzeros: 0, candidatePairs: 0, obligations: 0)
      log = []
    }
  }

  /// Plans the scenario's first year block by block. `early`: per cycle
  /// rule index, cadres to train ahead of their cycle (a rotation plan's
  /// pull-forward, see `ObligationBook`), global cadre indices.
  public static func plan(
    _ s: Scenario, options: SolveOptions, threads: Int? = nil,
    blockTarget: Double = Tuning.Blocks.blockTarget, early: [Int: Set<Int>] = [:], startFromAuction: Bool? = nil,
    ceilings: [ClassKind: Int] = [:], floors: [ClassKind: Int] = [:]
  ) throws -> Plan {
    var state = BlockPlanState(
      s, options: options, threads: threads ?? options.threads ?? ProcessInfo.processInfo.activeProcessorCount,
      early: early, ceilings: ceilings, floors: floors)
    state.partition(target: blockTarget, startFromAuction: startFromAuction)
    state.screenPairs()
    state.priceSeats()
    state.allotQuotas()  // 1
    state.planBlocks()  // 2
    state.repair()  // 3
    state.exchangeSeats()  // 4
    state.gatherBlocks()
    state.boundByCadres()  // 5
    state.boundByBlockLPs()
    return state.analyze()
  }

  /// A quota that never binds.
  static let unlimited = 1_000_000
}
