import CallupDomain
import Modeling

/// Prices the pairs a restricted model left out, with the duals of its LP
/// (column generation).
///
/// The reduced cost of `x[c,k]` is its cost less the value of the
/// obligations it meets directly, less `Σ a·π` over the rows it would enter:
/// the class's capacity and minimum rows, the release and principals rows of
/// the cadre's unit on the class's days, the cadre's no-duplicate rows, and
/// the rows of obligations, unit shares and hours paces it serves. Rows it would create
/// anew have dual 0 (they hold at the current LP point).
///
/// Whatever the duals, `z_LP + Σ min(0, reduced cost)` over the pairs left
/// out (each at most 1) is a valid lower bound for the whole model (a
/// Lagrangian bound); when no pair prices out, it is the LP value of the
/// whole model.
public struct Pricing {
  public struct Result: Sendable {
    /// Pairs with negative reduced cost: (cadre, class, reduced cost), most negative first per cadre.
    public var improving: [(cadre: Int, klass: Int, reducedCost: Double)]
    /// `Σ min(0, reduced cost)` over every pair left out.
    public var lagrangianTerm: Double
    public var priced: Int
  }

  public static func price(_ f: Formulation, rowDuals pi: [Double], perCadre: Int = 3) -> Result {
    let pricer = Pricer(f, rowDuals: pi)
    let eligible = EligiblePairs(f)
    var improving: [(cadre: Int, klass: Int, reducedCost: Double)] = []
    var term = 0.0
    var priced = 0
    for ci in f.scenario.cadres.indices {
      let all = eligible.classes(cadre: ci)
      guard all.count > f.candidatesByCadre[ci].count else { continue }
      let present = Set(f.candidatesByCadre[ci].map { f.candidates[$0].klass })
      var mine: [(Int, Double)] = []
      for ki in all where !present.contains(ki) {
        priced += 1
        let rc = pricer.reducedCost(cadre: ci, klass: ki)
        if rc < 0 {
          term += rc
          if rc < -1e-6 { mine.append((ki, rc)) }
        }
      }
      mine.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
      for (ki, rc) in mine.prefix(perCadre) { improving.append((ci, ki, rc)) }
    }
    return Result(improving: improving, lagrangianTerm: term, priced: priced)
  }

  /// The reduced cost of any pair of the formulation's scenario, in the
  /// model or not, with one LP's row duals.
  public struct Pricer {
    let f: Formulation
    let pi: [Double]
    let sendsByCadre: [Int: [(Int, ConstraintRef)]]

    public init(_ f: Formulation, rowDuals pi: [Double]) {
      self.f = f
      self.pi = pi
      var sends = [Int: [(Int, ConstraintRef)]]()
      for (ri, rows) in f.sendsRows.enumerated() {
        for (ci, row) in rows { sends[ci, default: []].append((ri, row)) }
      }
      sendsByCadre = sends
    }

    func dual(_ r: ConstraintRef?) -> Double { r.map { $0.index < pi.count ? pi[$0.index] : 0 } ?? 0 }

    /// The duals of class `ki`'s capacity (or quota) and minimum-size rows.
    public func classDuals(_ ki: Int) -> (capacity: Double, minimum: Double) {
      (dual(f.capacityRow[ki]), dual(f.minSizeRow[ki]))
    }

    /// `c − Σ a·π` of `x[ci,ki]`; without `classRows`, leaving out the
    /// class's own capacity and minimum-size rows (its cost to the rest of
    /// the model).
    public func reducedCost(cadre ci: Int, klass ki: Int, classRows: Bool = true) -> Double {
      let s = f.scenario
      let cycles = s.policy.cycleRules
      let k = s.classes[ki]
      let cadre = s.cadres[ci]
      let unit = s.unitIndex[cadre.unit]
      var rc =
        SeatCostRule.seatCost(cadre: cadre, unit: unit.map { s.units[$0] }, klass: k, tiered: s.policy.tiered)
        + (f.options.seatPrices[ki] ?? 0)
      for oi in f.book.byCadre[ci] {
        let o = f.book.obligations[oi]
        guard cycles[o.rule].counts(k) else { continue }
        if let meets = f.meetsRow[oi] {
          rc += dual(meets)  // coefficient −1 in `met − Σx ≤ 0`
        } else if CycleObligationRule(rule: cycles[o.rule], index: o.rule).rewardsSeatsDirectly {
          rc -= o.value
        }
      }
      if classRows { rc -= dual(f.capacityRow[ki]) + dual(f.minSizeRow[ki]) }
      if k.kind.isOffTheJob, let u = unit {
        for (day, row) in f.releaseRows[u] where k.span.contains(day) { rc -= dual(row) }
        if cadre.isPrincipal {
          for (day, row) in f.principalRows[u] where k.span.contains(day) { rc -= dual(row) }
        }
      }
      for (scope, row) in f.cadreRows[ci] {
        switch scope {
        case .kind(let kind): if kind == k.kind { rc -= dual(row) }
        case .maxPerYear: if k.kind.isOffTheJob { rc -= dual(row) }
        case .theme(let t): if t == k.theme { rc -= dual(row) }
        case .overlap(let d): if k.span.contains(d) { rc -= dual(row) }
        }
      }
      let shares = s.policy.unitShareRules
      for (ri, row) in sendsByCadre[ci] ?? [] where shares[f.book.unitRequirements[ri].rule].kinds.contains(k.kind) {
        rc += dual(row)
      }
      let hoursRules = s.policy.hoursRules
      for ti in f.book.hoursByCadre[ci] where f.options.planHours {
        let t = f.book.hoursTargets[ti]
        let a = hoursRules[t.rule].amount(of: k)
        guard a > 0 else { continue }
        let m = min(a, t.pace)
        rc -= t.valuePerUnit * m + m * dual(f.hoursRow[ti])  // reward on x; coefficient m in the cap row
      }
      return rc
    }
  }
}
