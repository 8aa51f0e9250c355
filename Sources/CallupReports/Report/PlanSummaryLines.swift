import CallupDomain
import CallupPlan

/// Lines of `plan`'s console summary (English, indented two spaces) about
/// targets and conflicts.
public enum PlanSummaryLines {
  /// `targets: N met, M short, K over` (none without targets), then, for an
  /// infeasible plan, each conflict with its rules, year and message in both
  /// languages, or that none was found.
  public static func targets(_ plan: Plan) -> [String] {
    var lines: [String] = []
    if !plan.targets.isEmpty {
      var n = [TargetStatus: Int]()
      for f in plan.targets { n[f.status, default: 0] += 1 }
      lines.append("  targets: \(n[.met] ?? 0) met, \(n[.short] ?? 0) short, \(n[.over] ?? 0) over")
    }
    for c in plan.conflicts {
      lines.append(
        "  conflict in \(c.year) (\(c.rules.map(\.rawValue).joined(separator: ", "))): \(c.message) / \(c.messageEnglish)"
      )
    }
    if plan.status == .infeasible && plan.conflicts.isEmpty {
      lines.append("  infeasible: the hard rules cannot all hold together; no smaller set of them was found")
    }
    return lines
  }
}
