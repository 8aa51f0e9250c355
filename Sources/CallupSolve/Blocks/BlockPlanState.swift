import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import Modeling

/// The value the steps of a plan in blocks (`DecomposedPlanner`) share:
/// what they are given, and what each step leaves for the ones after it.
///
/// Each step is a method in one of the files beside this one
/// (`BlockPlanState+Quotas.swift`, `+Blocks`, `+Repair`, `+Exchange`,
/// `+Bound`); its doc says what it reads, what it writes and when it stops.
/// The log and the progress reports go through `note`, the time through
/// `budget`.
struct BlockPlanState {
  typealias Seat = (cadre: Int, klass: Int)

  // MARK: Given

  let scenario: Scenario
  let options: SolveOptions
  let threads: Int
  /// Per cycle rule index, the cadres to train ahead of their cycle.
  let early: [Int: Set<Int>]
  /// A later year of a rotation plan: most and fewest seats per kind no
  /// rule asks for (empty otherwise).
  let ceilings: [ClassKind: Int]
  let floors: [ClassKind: Int]
  /// The plan's time limit, from the start of `DecomposedPlanner.plan`.
  let budget: TimeBudget
  let year: Int
  /// The year's classes.
  let classes: [Int]
  /// The whole scenario without pairs: its obligations, screen and
  /// eligible pairs (for demand) and, at the end, the analysis.
  let whole: Formulation
  /// Plain facts for the loops over every pair.
  let facts: KindBits

  // MARK: Partition (`partition`)

  /// Per cadre: something to plan (a due obligation or a unit share).
  var plans: [Bool] = []
  /// Weight per unit, and the blocks of units.
  var unitWeights: [Double] = []
  var blocks: [[Int]] = []
  /// Block per unit, and per cadre (−1: a cadre of no unit).
  var unitBlock: [Int] = []
  var cadreBlock: [Int] = []
  /// Seconds a block's plan would get, and whether the plan starts from
  /// the auction's seats instead.
  var perBlockSeconds = 0.0
  var fromAuction = false

  // MARK: Pairs (`screenPairs`)

  /// Per cadre: its useful classes in the order of their value to it (for
  /// the quotas; empty when starting from the auction), ascending, and
  /// their seat costs (aligned with `screened`).
  var ranked: [[Int32]] = []
  var screened: [[Int32]] = []
  var seatCosts: [[Float]] = []
  /// Useful pairs per class × block.
  var trace: [Double] = []
  /// Obligations due (not early), most valuable first.
  var dueObligations: [Int] = []

  // MARK: Seat prices (`priceSeats`)

  /// Per class, the price that clears the auction of the due obligations.
  var auctionPrices: [Double] = []
  /// Per due obligation, its seat in the auction that starts the plan.
  var startSeats: [Int32?] = []

  // MARK: Quotas (`allotQuotas`)

  /// Per block: seats of each shared class (0: none; no entry: the block's
  /// own class), and the parts of shared classes' minimums.
  var quotas: [[Int: Int]]
  var minimums: [[Int: Int]]
  /// Owned classes: class → block.
  var owner: [Int: Int] = [:]

  // MARK: Blocks (`planBlocks`)

  /// Block weights, the order blocks are solved in (heaviest first), each
  /// block's result, and the seconds their pass took.
  var blockWeights: [Double] = []
  var blockOrder: [Int] = []
  var results: [DecomposedPlanner.BlockResult] = []
  var blockSeconds = 0.0

  // MARK: The plan (`repair`, `exchangeSeats`)

  /// The seats so far, checked per person.
  var calendar: PlanCalendar
  /// Seats of the hours stage (worth nothing to the call-up).
  var hoursSeats: [Seat] = []
  /// The exchange across blocks, once made; the objective (`PlanObjective`)
  /// of the plan before it and of the plan written.
  var exchange: SeatExchange?
  var objectiveBefore: Double?
  var objective: Double?

  // MARK: Outcome (`gatherBlocks`, `boundByCadres`, `boundByBlockLPs`)

  var status = PlanStatus.optimal
  var stats = ModelStats(variables: 0, binaries: 0, constraints: 0, nonzeros: 0, candidatePairs: 0, obligations: 0)
  var lpMet: Double? = 0
  /// The best bound so far, and the classes' prices the block LPs start from.
  var bound: Double?
  var prices: [Int: Double] = [:]
  /// Passes of priced block LPs made.
  var boundPasses = 0
  var log: [String] = []

  /// The state before the first step: the whole formulation without pairs
  /// built, the time limit started.
  init(
    _ s: Scenario, options: SolveOptions, threads: Int, early: [Int: Set<Int>] = [:],
    ceilings: [ClassKind: Int] = [:], floors: [ClassKind: Int] = [:]
  ) {
    budget = options.budget(seconds: options.timeLimit)
    scenario = s
    self.options = options
    self.threads = threads
    self.early = early
    self.ceilings = ceilings
    self.floors = floors
    year = s.year
    let classes = s.classes.indices.filter { s.classes[$0].year == s.year }
    self.classes = classes
    let none = Dictionary(uniqueKeysWithValues: classes.map { ($0, 0) })
    whole = Formulation(scenario: s, year: s.year, options: .init(planHours: false, early: early, quotas: none))
    facts = KindBits(s)
    quotas = []
    minimums = []
    calendar = PlanCalendar(scenario: s, year: s.year, assignments: [])
  }

  /// Every class of the year with a quota of 0.
  var noClasses: [Int: Int] { Dictionary(uniqueKeysWithValues: classes.map { ($0, 0) }) }

  /// Logs `line` with the seconds so far, and reports it as progress.
  mutating func note(_ line: String, incumbent: Double? = nil, bound: Double? = nil) {
    log.append(String(format: "%-44@ %7.2fs", line as NSString, budget.elapsed))
    options.progress?(PlanProgress(phase: line, incumbent: incumbent, bound: bound, elapsed: budget.elapsed))
  }
}
