import CallupDomain
import CallupPlan
import CallupRules
import Foundation
import Modeling

/// Step 2, the blocks, and the parallel runs over the blocks that the
/// bound's priced LPs use too.
extension BlockPlanState {
  /// Step 2: every block planned by the annual planner (call-up, then
  /// hours) against its quotas and parts of minimums, in parallel, the
  /// heaviest first, each with its weight's share of the time left until
  /// `Tuning.Blocks.blockShare` of the limit (`inParallel`). A plan that
  /// starts from the auction plans no block: the auction's seats, most
  /// valuable obligation first, are one block's call-up seats.
  ///
  /// Reads `blocks`, `unitWeights`, `quotas`, `minimums`, `screened`,
  /// `startSeats`; writes `blockWeights`, `blockOrder`, `results` and
  /// `blockSeconds` (what the pass took, a guide to a pass of priced LPs).
  mutating func planBlocks() {
    let weights = unitWeights
    blockWeights = blocks.map { $0.reduce(0) { $0 + weights[$1] } }
    let w = blockWeights
    blockOrder = blocks.indices.sorted { w[$0] != w[$1] ? w[$0] > w[$1] : $0 < $1 }
    let stage = budget.until(Tuning.Blocks.blockShare)
    if fromAuction {
      var seats: [Seat] = []
      for (i, oi) in dueObligations.enumerated() {
        if let k = startSeats[i] { seats.append((whole.book.obligations[oi].cadre, Int(k))) }
      }
      results = [DecomposedPlanner.BlockResult(callupSeats: seats, status: .feasible)]
      note(
        String(format: "start from the auction's %d seats (blocks would get %.1fs each)", seats.count, perBlockSeconds))
    } else {
      let (s, blocks, quotas, minimums) = (scenario, self.blocks, self.quotas, self.minimums)
      let (penalty, lists, early) = (s.policy.objective.obligation, screened, self.early)
      let targets = whole.targetBook
      results = inParallel(
        stage, phase: { done, eta in String(format: "block %d of %d done, ETA %.0fs", done, blocks.count, eta) }
      ) { b, part in
        DecomposedPlanner.solveBlock(
          s, units: blocks[b], quotas: quotas[b], minimums: minimums[b], penalty: penalty, block: b,
          screened: lists, early: early, targets: targets, options: part)
      }
      for r in results where r.objective == nil { note(r.log.first ?? "a block has no plan") }
      note("\(blocks.count) blocks planned")
    }
    blockSeconds = stage.elapsed
  }

  /// Runs `work(block, options)` for every block on `threads` threads in
  /// `blockOrder` (heaviest first) and returns the results by block index.
  /// Each block gets a work clock of its own and its weight's part of
  /// `Tuning.Blocks.nominalThreads` times what `stage` has left (at least
  /// `Tuning.Blocks.minimumBlockSolveSeconds`, at most all of it), fixed
  /// before any block starts, so that neither the number of threads nor
  /// their timing changes any block's plan. The plan's clock is then
  /// charged the blocks' work over the nominal threads. Progress reports
  /// an ETA on the wall clock.
  func inParallel<T: Sendable>(
    _ stage: TimeBudget, incumbent: Double? = nil, phase: @escaping @Sendable (Int, Double) -> String,
    _ work: @escaping @Sendable (Int, SolveOptions) -> T
  ) -> [T] {
    let (order, weights, threads, options) = (blockOrder, blockWeights, self.threads, self.options)
    let parts = blockParts(stage)
    let progress = BlockProgress(total: order.count, weight: weights.reduce(0, +))
    let wall = TimeBudget(seconds: stage.seconds)
    let results = WhatIf.parallelMap(count: order.count, threads: threads) { i in
      let b = order[i]
      let part = parts[b]
      let r = work(b, part)
      let (done, eta) = progress.finish(weight: weights[b], after: wall.elapsed)
      options.progress?(PlanProgress(phase: phase(done, eta), incumbent: incumbent, bound: nil, elapsed: wall.elapsed))
      return (r, part.clock.now)
    }
    var byBlock = results.map(\.0)
    for (i, b) in order.enumerated() { byBlock[b] = results[i].0 }
    budget.clock.charge(results.reduce(0) { $0 + $1.1 } / Double(Tuning.Blocks.nominalThreads))
    return byBlock
  }

  /// Each block's options for a parallel run within `stage`: a work clock
  /// of its own and its weight's part of the nominal threads' work.
  func blockParts(_ stage: TimeBudget) -> [SolveOptions] {
    let total = max(blockWeights.reduce(0, +), 1e-9)
    let capacity = stage.remaining * Double(Tuning.Blocks.nominalThreads)
    return blockWeights.map { w in
      let seconds = max(Tuning.Blocks.minimumBlockSolveSeconds, min(stage.remaining, capacity * w / total))
      var part = options.part(seconds: seconds)
      part.progress = nil
      return part
    }
  }
}

extension DecomposedPlanner {
  /// Plans one block: its scenario cut from the whole (`BlockPartition`),
  /// its shared classes held to their quotas with a `penalty` for each seat
  /// short of its parts of minimums, solved in stages (call-up, then hours
  /// when at least `Tuning.Blocks.minimumHoursSeconds` are left). The
  /// seats come back as global indices, call-up and hours apart.
  static func solveBlock(
    _ s: Scenario, units: [Int], quotas: [Int: Int], minimums: [Int: Int], penalty: Double, block: Int,
    screened: [[Int32]], early: [Int: Set<Int>], targets: TargetBook, options: SolveOptions
  ) -> BlockResult {
    let (sub, cadres) = BlockPartition.scenario(of: units, in: s)
    let limit = Planner.pairLimit(cadres: sub.cadres.count)
    var settings = Formulation.Options(
      pairLimit: limit, planHours: false, early: BlockPartition.local(early, cadres: cadres), quotas: quotas,
      quotaMinimums: minimums, quotaShortPenalty: penalty, eligible: EligibleLists(cadres.map { screened[$0] }))
    settings.targetRanges = targets.parts(for: cadres)
    let f = Formulation(scenario: sub, year: s.year, options: settings)
    var result = BlockResult(status: .noSolution)
    let solved: SolvedPlan
    let first: SolvedPlan
    do {
      // A block started at the time limit gets only its call-up.
      let stages = try Planner.solveInStages(
        f, options: options, minimumHoursSeconds: Tuning.Blocks.minimumHoursSeconds,
        hoursReserve: TimeBudget(seconds: options.timeLimit).seconds(of: Tuning.WholeModel.hoursShare))
      (first, solved) = (stages.callup, stages.final)
      if stages.hoursSkipped { result.log.append("block \(block + 1): hours not planned, the time limit was reached") }
    } catch {
      result.log.append("block \(block + 1): \(error)")
      return result
    }
    let f1 = first.formulation
    let callup = Set(first.seats.map { f1.pairKey(cadre: f1.candidates[$0].cadre, klass: f1.candidates[$0].klass) })
    let f2 = solved.formulation
    for p in solved.seats {
      let c = f2.candidates[p]
      let seat = (cadre: cadres[c.cadre], klass: c.klass)
      if callup.contains(f2.pairKey(cadre: c.cadre, klass: c.klass)) {
        result.callupSeats.append(seat)
      } else {
        result.hoursSeats.append(seat)
      }
    }
    result.held = solved.held.filter { quotas[$0] == nil }.sorted()
    result.objective = solved.objective
    result.status = solved.status
    result.lpMet = solved.lpMet
    result.stats = solved.stats
    result.log += solved.log.map { "block \(block + 1): \($0)" }
    return result
  }
}

/// Blocks done and the weight left, shared by the block workers.
final class BlockProgress: @unchecked Sendable {
  private let lock = NSLock()
  private let total: Int
  private var done = 0
  private var finished = 0.0
  private let weight: Double

  init(total: Int, weight: Double) {
    self.total = total
    self.weight = weight
  }

  /// Marks a block done `seconds` into the run: blocks done and the
  /// seconds the rest should take.
  func finish(weight w: Double, after seconds: Double) -> (Int, Double) {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    finished += w
    let eta = finished > 0 ? seconds * (weight - finished) / finished : 0
    return (done, eta)
  }
}
