import CallupDomain

/// One rule of the plan as the formulation sees it: its id, the sentence a
/// planner reads, where the seeds say it, and the constraints it adds.
///
/// Every rule is one type. Hard rules (eligibility, availability, class size,
/// no-duplicate, release) are never broken by a plan; soft rules (cycle
/// obligations, unit shares) are met as far as capacity allows, through the
/// objective. The independent checker (`CallupChecker`) re-derives each rule
/// from the contract without using these types.
public protocol PlanningRule: Sendable {
  /// Id, type, planners' sentence and source in the seeds.
  var info: RuleInfo { get }
  /// True for rules a plan never breaks.
  var isHard: Bool { get }
  /// Adds this rule's variables, constraints and objective terms.
  func apply(to formulation: inout Formulation)
}

/// Built-in rules that hold whatever the policy says (docs/contract.md, "Always").
public enum BuiltInRules {
  public static let eligibility = RuleInfo(
    id: "eligibility", type: "class",
    sentence:
      "A cadre attends only classes whose ranks and tags admit it (e.g. 中青年干部班 for young cadres, 党外干部班 for non-party cadres).",
    source: "002 四; 004 item 13")
  public static let availability = RuleInfo(
    id: "availability", type: "class",
    sentence: "A cadre is never called up for a class on a day inside its unavailable ranges.",
    source: "docs/contract.md cadres.csv `unavailable`")
  public static let classSize = RuleInfo(
    id: "class-size", type: "class",
    sentence:
      "A class opens only with at least min_size attendees and holds at most capacity; an opened class has a fixed cost.",
    source: "general practice")
  public static let seatCost = RuleInfo(
    id: "seat-cost", type: "class",
    sentence: "Each seat costs the class's cost per seat; the plan is as cheap as the rules allow.",
    source: "general practice")
}
