import CallupDomain
import CallupPlan
import CallupRules

extension ReportHTML {
  /// The targets' section (目标完成情况): a chart of each planned figure
  /// against its range, and the table: rule (its sentence as the title),
  /// name, year, range, planned, status, distance, hard or soft.
  func targets() -> String {
    var h = "<h2 id=\"targets\">\(t("目标完成情况", "Targets"))</h2>\n"
    let figures = plan.targets
    if figures.isEmpty {
      return h
        + "<p>\(t("政策中没有调训数量目标（quota、group-share、class-count 规则）。", "The policy has no targets (quota, group-share or class-count rules)."))</p>\n"
    }
    var count = [TargetStatus: Int]()
    for f in figures { count[f.status, default: 0] += 1 }
    h +=
      "<p>\(t("共 \(figures.count) 项目标：达标 \(count[.met] ?? 0) 项，不足 \(count[.short] ?? 0) 项，超出 \(count[.over] ?? 0) 项。", "\(figures.count) targets: \(count[.met] ?? 0) met, \(count[.short] ?? 0) short, \(count[.over] ?? 0) over."))</p>\n"
    h +=
      "<p class=\"muted\">\(t("计划数：本年度参加所列班次的对象干部人数（含已有培训记录），班次数或参训人数；群体比例目标的下限按本计划的总体参训率计算。每行按本行的范围缩放。", "Planned: the target's cadres trained in its classes in the year (history included), or the classes held or their seats; a group's lower bound follows the plan's overall rate. Each row has its own scale."))</p>\n"
    h += SVGCharts.legend(
      [("#dfe6ee", t("目标范围", "range"))] + TargetStatus.allCases.map { (ReportLanguage.color($0), language.words($0)) })
    let shown = Array(figures.prefix(ReportHTML.chartRowCap))
    h += SVGCharts.rangeBars(
      id: "chart-targets", title: t("目标完成情况", "Targets"),
      rows: shown.map { f in
        let label = "\(f.target.rule.id.rawValue) \(language.name(of: f.target))"
        let range = TargetRangeText.text(f.range)
        return SVGCharts.RangeRow(
          label: label, lo: f.range.lo, hi: f.range.hi, planned: f.planned,
          text: "\(f.planned) / \(range)",
          tooltip:
            "\(f.target.rule.id.rawValue) \(language.name(of: f.target)) · \(f.target.year) · \(t("范围", "range")) \(range) · \(t("计划", "planned")) \(f.planned) · \(language.words(f.status))",
          color: ReportLanguage.color(f.status))
      })
    h += note(shown.count, of: figures.count)
    h +=
      "<table id=\"targets-table\"><tr><th>\(t("规则", "Rule"))</th><th>\(t("名称", "Name"))</th><th>\(t("年度", "Year"))</th><th class=\"n\">\(t("范围", "Range"))</th><th class=\"n\">\(t("计划数", "Planned"))</th><th>\(t("状态", "Status"))</th><th class=\"n\">\(t("差距", "Distance"))</th><th>\(t("刚性/柔性", "Hard or soft"))</th></tr>\n"
    for f in figures.prefix(ReportHTML.rowCap) { h += targetRow(f) }
    h += "</table>\n"
    h += note(min(figures.count, ReportHTML.rowCap), of: figures.count)
    h +=
      "<p class=\"muted\">\(t("某项目标为何不足或超出：callup explain SCENARIO PLAN_DIR --target 规则[:名称]", "Why a target is short or over: callup explain SCENARIO PLAN_DIR --target RULE[:NAME]"))</p>\n"
    return h
  }

  /// One row of the targets' table.
  func targetRow(_ f: TargetFigure) -> String {
    let rule = f.target.rule
    let status =
      "<span style=\"color:\(ReportLanguage.color(f.status))\">\(f.status == .met ? "✓" : "✗") \(E.esc(language.words(f.status)))</span>"
    return
      "<tr><td title=\"\(E.esc(rule.sentence))\">\(E.esc(rule.id.rawValue))</td><td>\(E.esc(language.name(of: f.target)))</td><td>\(f.target.year)</td><td class=\"n\">\(E.esc(TargetRangeText.text(f.range)))</td><td class=\"n\">\(f.planned)</td><td>\(status)</td><td class=\"n\">\(f.distance)</td><td>\(language.hardness(f.target.hard))</td></tr>\n"
  }

  /// The conflicts' section (冲突), for a plan whose hard rules cannot all
  /// hold: each smallest set of rules found, with its figures and message.
  func conflicts() -> String {
    guard plan.status == .infeasible || !plan.conflicts.isEmpty else { return "" }
    let s = plan.scenario
    var h = "<h2 id=\"conflicts\">\(t("冲突：无法同时满足的刚性规则", "Conflicts: hard rules that cannot all hold"))</h2>\n"
    h +=
      "<p class=\"note\">\(t("本计划状态为 infeasible：下列刚性规则无法同时满足，计划是将它们按柔性处理后制定的。调整所列名额、班次或日期后重新规划。", "This plan's status is infeasible: the hard rules below cannot all hold, and the plan was made with them treated as soft. Change the seats, classes or dates named and plan again."))</p>\n"
    if plan.conflicts.isEmpty {
      return h
        + "<p>\(t("未能找到具体的冲突规则组合；见求解过程。", "No particular set of conflicting rules was found; see the solve log."))</p>\n"
    }
    h +=
      "<table id=\"conflicts-table\"><tr><th>\(t("规则", "Rules"))</th><th>\(t("年度", "Year"))</th><th>\(t("说明", "Message"))</th><th class=\"n\">\(t("需要", "Needed"))</th><th class=\"n\">\(t("可提供", "Available"))</th><th class=\"n\">\(t("缺口", "Gap"))</th></tr>\n"
    for c in plan.conflicts.prefix(ReportHTML.rowCap) {
      let rules = c.rules.map { id in
        let sentence = s.policy.rules.first { $0.id == id }?.info.sentence ?? ""
        return "<span title=\"\(E.esc(sentence))\">\(E.esc(id.rawValue))</span>"
      }.joined(separator: t("、", ", "))
      h +=
        "<tr><td>\(rules)</td><td>\(c.year)</td><td class=\"wrap\">\(E.esc(zh ? c.message : c.messageEnglish))</td><td class=\"n\">\(c.needed)</td><td class=\"n\">\(c.available)</td><td class=\"n\">\(max(0, c.needed - c.available))</td></tr>\n"
    }
    h += "</table>\n"
    h += note(min(plan.conflicts.count, ReportHTML.rowCap), of: plan.conflicts.count)
    return h
  }
}
