extension Tuning {
  /// The numbers of the plan in blocks (`DecomposedPlanner`), of the
  /// exchange across blocks (`SeatExchange`) and of the bound of cadres
  /// deciding alone (`CadreBound`).
  public enum Blocks {
    // MARK: When and how to cut a scenario

    /// Above this many cadres `callup plan` decomposes: one model of more
    /// would not fit the time limit, blocks give up what no block sees.
    public static let decomposeAbove = 40_000
    /// Most weight per block (cadres with a due obligation or unit share
    /// count 1, others `hoursOnlyWeight`): larger blocks see more of the
    /// whole, smaller ones solve in the time.
    public static let blockTarget = 4_000.0
    /// What a cadre with hours only weighs in a block, against 1 for one
    /// with a due obligation or unit share: its pairs are few and cheap.
    public static let hoursOnlyWeight = 0.05
    /// Fewest seconds a block's plan needs (its LPs); a large scenario whose
    /// blocks would get less starts from the auction's seats instead, and
    /// its bound of cadres deciding alone takes the blocks' time.
    public static let minimumBlockSeconds = 5.0
    /// Fewest seconds a block is ever given for its plan or priced LP, even
    /// past its stage's end: a block always gets an answer.
    public static let minimumBlockSolveSeconds = 1.0
    /// The threads the blocks' work is shared out for, whatever the
    /// machine has: the same parts and the same plan with one thread or
    /// two, against a plan that uses more cores where there are more (on
    /// fewer, the blocks take longer and the safety stop may end them).
    public static let nominalThreads = 2
    /// Fewest seconds left to a block for its hours stage: below, the block
    /// plans its call-up only.
    public static let minimumHoursSeconds = 2.0

    // MARK: Quotas (名额分配)

    /// A class whose top block brings at least this share of the demand
    /// belongs to that block. A class shared with parts of its minimum opens
    /// about as reliably, and leaves every block its seats, so only classes
    /// (nearly) wholly demanded by one block are owned.
    public static let ownerShare = 0.99
    /// Most times the quotas' estimate is made again without the classes it
    /// fills below their minimum: more rounds move more takers elsewhere,
    /// each costs a pass over every due obligation.
    public static let estimateRounds = 3

    // MARK: Shares of the time limit

    /// The blocks' plans end at this share of the time limit: more gives
    /// the blocks better plans, less leaves the bound more passes.
    public static let blockShare = TimeShare("blocks' plans", 0.4)
    /// Held back from the bound for repair and analysis; the bound's LPs
    /// end at `boundEnd`, `1 − reserveShare / 2` of the limit.
    public static let reserveShare = TimeShare("repair and analysis", 0.1)
    /// Where the bound's passes end: `1 − reserveShare / 2` of the limit.
    public static var boundEnd: TimeShare { TimeShare("bound", 1 - reserveShare.fraction / 2) }
    /// The exchange across blocks stops at this share of the time limit: a
    /// later stop improves the plan, an earlier one leaves the bound time.
    public static let exchangeShare = TimeShare("exchange across blocks", 0.75)
    /// Share of the time limit the bound of cadres deciding alone may take
    /// when the blocks' priced LPs follow (at least `minimumCadreBoundSeconds`).
    public static let cadreBoundShare = TimeShare("bound of cadres deciding alone", 0.2)
    /// Fewest seconds for the bound of cadres deciding alone.
    public static let minimumCadreBoundSeconds = 5.0

    // MARK: Seat prices and the bound

    /// The auction's bid increment, as a share of an obligation's value:
    /// smaller gives closer prices, in more bids.
    public static let auctionStep = 0.05
    /// Most rounds of the bound's block LPs (each after a subgradient step
    /// on the classes' prices): each round is a pass of LPs over all blocks.
    public static let boundRounds = 20
    /// First step of the subgradient method between the block LPs' passes
    /// (a share of Polyak's step): the auction's prices are close, large
    /// steps only lose bound.
    public static let firstStep = 0.1
    /// Passes without a better bound after which that step is halved.
    public static let boundPatience = 2
    /// Least gap Polyak's step aims at, as a share of the incumbent: a
    /// step still moves the prices when the bound is near the plan.
    public static let polyakFloor = 0.01
    /// Most subgradient steps of the bound of cadres deciding alone when
    /// the blocks' priced LPs follow; ten times this when they do not (a
    /// plan from the auction's seats).
    public static let cadreBoundRounds = 300
    public static let cadreBoundRoundsFromAuction = 10 * cadreBoundRounds
    /// First step of the bound of cadres deciding alone, as a share of
    /// Polyak's step, halved after a patience of steps without a better
    /// bound: `CadreBound.patience(rounds:)`, at least
    /// `cadreBoundMinimumPatience`, a `cadreBoundStepsPerPatience`-th of the
    /// steps planned when that is more; each direction adds
    /// `cadreBoundDeflection` times the last. Measured on a tenth of a
    /// province (300 steps): 50.84 M with the plain subgradient (halved
    /// after 3, back to the best prices), 51.14 M with a patience of 10,
    /// 51.06 M with 25; on the province (up to 3,000 steps, about 820 in
    /// the time) 517.95 M and 518.28 M with 10 (two runs), 518.80 M with
    /// 25; a five-year province's second year (300 steps, then the blocks'
    /// priced LPs) 316.7 M with 10, 309.2 M with 25.
    public static let cadreBoundFirstStep = 0.25
    public static let cadreBoundMinimumPatience = 10
    public static let cadreBoundStepsPerPatience = 120
    public static let cadreBoundDeflection = 0.7
    /// Most obligation and unit-share bits of a cadre solved exactly (2^bits
    /// sets); a cadre with more is bounded obligation by obligation (still
    /// valid, weaker).
    public static let cadreBoundExactBits = 8

    // MARK: Exchange across blocks

    /// Most passes of the exchange over the cadres with something unmet:
    /// each later pass finds fewer moves.
    public static let exchangePasses = 8
    /// Attendees tried per full class, the least valuable first: more finds
    /// better swaps, each costs a worth counted afresh.
    public static let attendeesTried = 3
    /// Swaps tried per cadre, the largest margin first.
    public static let swapsTried = 6
    /// How deep a chain of displaced attendees goes.
    public static let chainDepth = 3
    /// Most attendees a chain of moves to a class with room moves, and most
    /// moves looked at for one cadre: longer chains free more seats, slower.
    public static let pathDepth = 3
    public static let pathBudget = 300
    /// Cadres short of their hours pace kept waiting for classes to open
    /// when a kind is below its floor: `fillWaitingPerSeat` per seat the
    /// floor lacks, plus `fillWaitingExtra` (enough to reach the classes'
    /// minimums, few enough to stay quick).
    public static let fillWaitingPerSeat = 4
    public static let fillWaitingExtra = 200
  }
}
