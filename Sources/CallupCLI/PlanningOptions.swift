import ArgumentParser
import CallupDomain
import CallupPlan
import CallupSolve

/// The options of every command that plans (`plan`, `whatif`, `replan`):
/// they describe a `PlanRequest`, so each command plans the same way.
struct PlanningOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "Seconds for each plan (default: the scenario's solver.time_limit): a safety stop; the plan says when it fired (stopped_by)."
  )
  var timeLimit: Double?

  @Option(
    name: .long,
    help:
      "The search's work, in seconds of GLPK work on the reference machine (default: \(Int(Tuning.Work.shareOfLimit * 100)) % of the time limit). The same work gives the same plan on any machine."
  )
  var work: Double?

  @Option(
    name: .long,
    help:
      "Plan block by block, with at most this many cadres to plan per block (default: the scenario's solver.block_size, else only above \(Tuning.Blocks.decomposeAbove) cadres, in blocks of \(Int(Tuning.Blocks.blockTarget)))."
  )
  var blockSize: Int?

  @Option(
    name: .long,
    help:
      "How a plan in blocks starts: auto (the auction's seats when the blocks would get under \(Int(Tuning.Blocks.minimumBlockSeconds)) s each), blocks, or auction."
  )
  var start: String = "auto"

  func validate() throws {
    if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be a positive number of seconds.") }
    if let w = work, !(w > 0) { throw ValidationError("--work must be a positive number of seconds.") }
    if let b = blockSize, b < 1 { throw ValidationError("--block-size must be a positive number of cadres.") }
    if PlanRequest.Start(rawValue: start) == nil { throw ValidationError("--start must be auto, blocks or auction.") }
  }

  /// The request for a scenario, stopped by Ctrl-C.
  func request(_ s: Scenario, progress: (@Sendable (PlanProgress) -> Void)? = nil) -> PlanRequest {
    var request = PlanRequest(
      scenario: s, timeLimit: timeLimit, start: PlanRequest.Start(rawValue: start) ?? .automatic,
      blockSize: blockSize, progress: progress, shouldStop: { Interrupt.isRequested })
    request.work = work
    return request
  }
}
