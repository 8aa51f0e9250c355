import CallupDomain
import Modeling

/// The ceiling on a later year's seats in a class kind no cycle rule asks
/// for (`Policy.electiveKinds`, reading and special classes in the default
/// policy), in a rotation plan: `Σ x[c,k] ≤ ceiling` over the candidates of the year's
/// classes of that kind. Such seats serve only class hours and unit shares,
/// and left alone they grow towards the end of an hours window; the
/// rotation planner sets each ceiling from the first year's seats
/// (`RotationSettings.electiveGrowth`). Hard within the plan it is given
/// to, but a planning choice, not a rule of the contract: `callup check`
/// does not test it.
public struct ElectiveLoadRule: PlanningRule {
  public let ceilings: [ClassKind: Int]

  public init(ceilings: [ClassKind: Int]) { self.ceilings = ceilings }

  public static let ruleInfo = RuleInfo(
    id: "elective-load", type: "rotation",
    sentence:
      "In the later years of a rotation plan, a class kind that no rule asks for (reading and special classes in the default policy) takes at most the first year's seats and a little more, so that the institutions' load stays even from year to year.",
    source: "002 四(一)(5) (training spread evenly, a fifth a year)")

  public var info: RuleInfo { Self.ruleInfo }
  public var isHard: Bool { true }

  public func apply(to f: inout Formulation) {
    for kind in ceilings.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      var sum = LinearExpression()
      for ki in f.classesInYear where f.scenario.classes[ki].kind == kind {
        for p in f.candidatesByClass[ki] { sum.add(1, f.candidates[p].variable) }
      }
      guard !sum.variables.isEmpty else { continue }
      f.model.addConstraint("elective_load[\(kind.rawValue)]", sum, .lessOrEqual(Double(ceilings[kind]!)))
    }
  }
}
