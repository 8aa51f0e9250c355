import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// The language of the human-facing pages.
public enum ReportLanguage: String, Sendable, CaseIterable {
  case chinese = "zh"
  case english = "en"
}

/// report.html: one self-contained page for planners (no script, no
/// network; charts as inline SVG).
///
/// Sections, in order: key figures; the conflicts between hard rules (an
/// infeasible plan only); the targets (目标完成情况: each quota target,
/// group of a group-share rule and class-count figure against its range, a
/// chart and a table); the class calendar (a Gantt chart by
/// week, one bar per class coloured by kind, its fill shown, held or not);
/// coverage by region and by rank (due against met); unit absence over the
/// year (a heat map, units × weeks, the largest share of headcount away on
/// a day of the week, history included); the make-up list (点名调训名单:
/// every overdue obligation, met or not, most overdue first); unmet
/// obligations by reason (chart and table); unit shortfalls; the cost
/// breakdown (seats, holding, travel, tier); the class table; rules not
/// planned; the solve log.
///
/// Long lists are capped at ``rowCap`` rows (with a note), and the charts at
/// ``chartRowCap`` rows, so the page stays fast for a province.
public struct ReportHTML {
  /// The plan reported, and the language of the page.
  public let plan: Plan
  public let language: ReportLanguage
  /// Most rows of a table.
  public static let rowCap = 500
  /// Most rows (classes or units) of a chart.
  public static let chartRowCap = 300

  /// The element ids of the charts, for readers and tests (`chart-targets`
  /// only when the plan has targets).
  public static let chartIDs = [
    "chart-targets", "chart-calendar", "chart-coverage-region", "chart-coverage-rank", "chart-absence", "chart-unmet",
    "chart-cost",
  ]

  /// A report of `plan`, in Chinese unless told otherwise.
  /// A rotation plan's years (empty for an annual plan), shown first.
  public let rotation: [Plan]

  public init(plan: Plan, language: ReportLanguage = .chinese, rotation: [Plan] = []) {
    self.plan = plan
    self.language = language
    self.rotation = rotation
  }

  typealias E = HTMLKit
  func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }
  var zh: Bool { language == .chinese }

  /// The whole page.
  public func render() -> String {
    let facts = ReportFacts(plan: plan)
    let s = plan.scenario
    var h = """
      <!DOCTYPE html>
      <html lang="\(zh ? "zh-CN" : "en")">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(E.esc(t("调训计划", "Call-up plan"))) \(E.esc(s.name)) \(plan.year)</title>
      <style>\(E.style)</style></head><body>
      <h1>\(E.esc(t("干部教育培训调训计划：", "Cadre training call-up plan: ")))\(E.esc(s.name)) · \(plan.year)</h1>
      <p class="muted">\(t("状态", "Status")): \(plan.status.rawValue) · \(t("目标值", "objective")) \(plan.objective.map(E.grouped) ?? "–") · \(t("下界", "bound")) \(plan.bound.map(E.grouped) ?? "–") · gap \(plan.gap.map { E.percent($0, decimals: 2) } ?? "–") · \(String(format: "%.1f", plan.seconds)) s\(callUpNote())</p>
      <nav>\(navigation())</nav>

      """
    h += rotationYears()
    h += keyFigures()
    h += conflicts()
    h += targets()
    h += calendar(facts)
    h += coverage(facts)
    h += absence(facts)
    h += makeUp(facts)
    h += unmet(facts)
    h += shortfalls()
    h += hoursProgress()
    h += cost(facts)
    h += allocationView()
    h += classTable()
    if !plan.notPlanned.isEmpty {
      h += "<h2 id=\"not-planned\">\(t("本版本未纳入规划的规则", "Rules read but not planned by this version"))</h2><ul>\n"
      for r in plan.notPlanned { h += "<li>\(E.esc(r.id.rawValue)) (\(E.esc(r.type))): \(E.esc(r.sentence))</li>\n" }
      h += "</ul>\n"
    }
    h += "<h2 id=\"solve\">\(t("求解过程", "Solve log"))</h2>\n<pre>\(E.esc(plan.log.joined(separator: "\n")))</pre>\n"
    if let m = plan.stats {
      h +=
        "<p class=\"muted\">\(t("模型规模", "Model size")): \(m.variables) \(t("变量", "variables")) (\(m.binaries) \(t("整数", "integer"))), \(m.constraints) \(t("约束", "constraints")), \(m.nonzeros) \(t("非零元", "nonzeros"))</p>\n"
    }
    h += "</body></html>\n"
    return h
  }

  /// " · the call-up without its N hours seats: objective X, gap Y" when
  /// the hours stage added seats (docs/hours.md).
  func callUpNote() -> String {
    guard let c = plan.callUp else { return "" }
    let gap = plan.callUpGap.map { E.percent($0, decimals: 2) } ?? "–"
    return " · " + t("不含学时安排的 \(c.hoursSeats) 个座位，调训部分", "the call-up without its \(c.hoursSeats) hours seats:")
      + " \(t("目标值", "objective")) \(E.grouped(c.objective)) · gap \(gap)"
  }

  func navigation() -> String {
    var items = [("kpis", t("关键指标", "Key figures"))]
    if plan.status == .infeasible || !plan.conflicts.isEmpty { items.append(("conflicts", t("冲突", "Conflicts"))) }
    items += [
      ("targets", t("目标完成情况", "Targets")), ("calendar", t("班次日历", "Class calendar")),
      ("coverage", t("覆盖情况", "Coverage")), ("absence", t("单位在训", "Unit absence")),
      ("make-up", t("点名调训名单", "Make-up list")), ("unmet", t("未安排原因", "Unmet by reason")),
      ("hours", t("学时进度", "Hours")), ("cost", t("费用构成", "Cost")),
      ("allocation", t("名额分配", "Allocation")), ("classes", t("班次明细", "Classes")),
    ]
    return items.map { "<a href=\"#\($0.0)\">\(E.esc($0.1))</a>" }.joined()
  }

  func note(_ shown: Int, of total: Int) -> String {
    guard total > shown else { return "" }
    return
      "<p class=\"note\">\(t("仅列出前 \(shown) 行，共 \(total) 行；完整名单见 plan.json。", "Only the first \(shown) of \(total) rows are listed; plan.json has them all."))</p>\n"
  }

  // MARK: - Key figures

  func keyFigures() -> String {
    let k = plan.kpis
    var h = "<h2 id=\"kpis\">\(t("关键指标", "Key figures"))</h2>\n<div class=\"kpis\">\n"
    func kpi(_ label: String, _ value: String, _ sub: String = "") {
      h += "<div class=\"kpi\">\(E.esc(label))<b>\(E.esc(value))</b><span class=\"muted\">\(E.esc(sub))</span></div>\n"
    }
    kpi(t("应训任务", "Due obligations"), String(k.due))
    kpi(t("已安排", "Met"), String(k.met), E.percent(k.met, of: k.due))
    kpi(t("超期应补训", "Overdue due"), String(k.overdueDue))
    kpi(t("超期已安排", "Overdue met"), String(k.overdueMet), E.percent(k.overdueMet, of: k.overdueDue))
    kpi(t("开班数", "Classes held"), "\(k.classesHeld) / \(k.classesInYear)")
    kpi(t("调训人次", "Seats"), String(k.seats), t("满班率 ", "fill ") + E.percent(k.fillRate))
    kpi(t("费用（元）", "Cost (yuan)"), E.grouped(k.cost), t("另差旅及分级 ", "plus travel and tier ") + E.grouped(k.travelCost))
    kpi(t("单位最高在训比例", "Peak unit away share"), E.percent(k.peakUnitAwayShare))
    kpi(t("班子调训比例未达标单位", "Unit shortfalls"), String(k.unitShortfalls))
    if !plan.targets.isEmpty {
      let met = plan.targets.filter { $0.status == .met }.count
      kpi(t("目标达标", "Targets met"), "\(met) / \(plan.targets.count)", E.percent(met, of: plan.targets.count))
    }
    h += "</div>\n"
    return h
  }

  // MARK: - Class calendar

  func calendar(_ f: ReportFacts) -> String {
    let s = plan.scenario
    var classes = plan.classesInYear.sorted {
      let a = s.classes[$0], b = s.classes[$1]
      return a.start != b.start ? a.start < b.start : a.id < b.id
    }
    let total = classes.count
    classes = Array(classes.prefix(ReportHTML.chartRowCap))
    let labelWidth = 270.0, plotWidth = 940.0, rowHeight = 17.0, top = 34.0
    let perDay = plotWidth / Double(f.daysInYear)
    let width = labelWidth + plotWidth + 90
    let height = top + Double(max(classes.count, 1)) * rowHeight + 6
    var h = "<h2 id=\"calendar\">\(t("班次日历（按周）", "Class calendar (by week)"))</h2>\n"
    h +=
      "<p class=\"muted\">\(t("每行一个班次，颜色表示班次类别；深色部分高度为满班率，右侧为人数/容量；灰色虚线框为未开班。", "One row per class, coloured by kind; the dark part's height is the fill, the numbers are attendees/capacity; grey dashed boxes are classes not held."))</p>\n"
    let kinds = ClassKind.allCases.filter { k in plan.classesInYear.contains { s.classes[$0].kind == k } }
    h += SVGCharts.legend(
      kinds.map { (ReportLanguage.color($0), language.words($0)) } + [("#ffffff", t("未开班", "not held"))])
    h +=
      "<svg id=\"chart-calendar\" role=\"img\" aria-label=\"\(t("班次日历", "Class calendar"))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(E.n(width))\" height=\"\(E.n(height))\" viewBox=\"0 0 \(E.n(width)) \(E.n(height))\">\n<title>\(t("班次日历", "Class calendar"))</title>\n"
    // Week grid and month labels.
    for w in 0..<f.weeks {
      let x = labelWidth + Double(w * 7) * perDay
      h += "<line x1=\"\(E.n(x))\" y1=\"\(E.n(top - 4))\" x2=\"\(E.n(x))\" y2=\"\(E.n(height))\" stroke=\"#f0f0f0\"/>"
      if w % 4 == 0 {
        h +=
          "<text x=\"\(E.n(x + 1))\" y=\"\(E.n(top - 6))\" style=\"font-size:9px;fill:#999\">\(t("第\(w + 1)周", "W\(w + 1)"))</text>"
      }
    }
    h += "\n"
    let monthsEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for m in 1...12 {
      guard let d = Day(year: plan.year, month: m, day: 1) else { continue }
      let x = labelWidth + Double(f.yearStart.distance(to: d)) * perDay
      h += "<line x1=\"\(E.n(x))\" y1=\"2\" x2=\"\(E.n(x))\" y2=\"\(E.n(height))\" stroke=\"#ccc\"/>"
      h += "<text x=\"\(E.n(x + 3))\" y=\"12\">\(zh ? "\(m)月" : monthsEN[m - 1])</text>"
    }
    h += "\n"
    for (i, ki) in classes.enumerated() {
      let c = s.classes[ki]
      let y = top + Double(i) * rowHeight
      let held = plan.held.contains(ki)
      let n = plan.attendees[ki] ?? 0
      let cap = c.capacity
      let fill = cap.map { $0 > 0 ? min(1, Double(n) / Double($0)) : 0 } ?? (n > 0 ? 1 : 0)
      let x = labelWidth + Double(max(0, f.yearStart.distance(to: c.start))) * perDay
      let w = max(3, Double(c.days) * perDay)
      let barH = rowHeight - 5
      let color = ReportLanguage.color(c.kind)
      let capText = cap.map(String.init) ?? "∞"
      let tip =
        "\(c.id.rawValue) \(c.name) · \(language.words(c.kind)) · \(c.start.iso)…\(c.end.iso) · "
        + (held ? t("已开班", "held") : t("未开班", "not held")) + " · \(n)/\(capText)"
      h += "<g><title>\(E.esc(tip))</title>"
      h +=
        "<text x=\"\(E.n(labelWidth - 6))\" y=\"\(E.n(y + barH - 2))\" text-anchor=\"end\">\(E.esc(c.id.rawValue)) \(E.esc(E.clip(c.name, 20)))</text>"
      if held {
        h +=
          "<rect x=\"\(E.n(x))\" y=\"\(E.n(y))\" width=\"\(E.n(w))\" height=\"\(E.n(barH))\" fill=\"\(color)\" fill-opacity=\"0.28\" stroke=\"\(color)\"/>"
        let fh = barH * fill
        h +=
          "<rect x=\"\(E.n(x))\" y=\"\(E.n(y + barH - fh))\" width=\"\(E.n(w))\" height=\"\(E.n(fh))\" fill=\"\(color)\"/>"
        h += "<text x=\"\(E.n(x + w + 4))\" y=\"\(E.n(y + barH - 2))\">\(n)/\(capText)</text>"
      } else {
        h +=
          "<rect x=\"\(E.n(x))\" y=\"\(E.n(y))\" width=\"\(E.n(w))\" height=\"\(E.n(barH))\" fill=\"#fff\" stroke=\"#999\" stroke-dasharray=\"3,2\"/>"
        h +=
          "<text x=\"\(E.n(x + w + 4))\" y=\"\(E.n(y + barH - 2))\" style=\"fill:#999\">\(t("未开班", "not held"))</text>"
      }
      h += "</g>\n"
    }
    h += "</svg>\n"
    h += note(classes.count, of: total)
    return h
  }

  // MARK: - Coverage

  func coverage(_ f: ReportFacts) -> String {
    var h = "<h2 id=\"coverage\">\(t("应训任务覆盖情况", "Coverage of due obligations"))</h2>\n"
    h += "<p class=\"muted\">\(t("浅色为应训任务数，深色为已安排数。", "Light: due obligations; dark: met."))</p>\n"
    h += SVGCharts.legend([("#dfe6ee", t("应训", "due")), ("#3b7dd8", t("已安排", "met"))])
    func bars(_ groups: [ReportFacts.Coverage]) -> [SVGCharts.Bar] {
      groups.map { g in
        SVGCharts.Bar(
          label: g.label, value: Double(g.met), behind: Double(g.due),
          text: "\(g.met)/\(g.due) (\(E.percent(g.met, of: g.due)))",
          tooltip: "\(g.label): \(t("应训", "due")) \(g.due), \(t("已安排", "met")) \(g.met)")
      }
    }
    var regions = f.coverageByRegion()
    let ranks = f.coverageByRank(chinese: zh)
    var heading = t("按地区", "By region")
    if regions.count == 1, let only = regions.first {
      // One region: the units above the cadres' units say more.
      regions = f.coverageByTopUnit()
      heading = t("按上级单位（均在 \(only.label) 地区）", "By top unit (all in region \(only.label))")
    }
    h += "<div class=\"row\"><div><h3>\(E.esc(heading))</h3>\n"
    h += SVGCharts.horizontalBars(
      id: "chart-coverage-region", title: t("按地区的覆盖情况", "Coverage by region"),
      bars: bars(Array(regions.prefix(ReportHTML.chartRowCap))), labelWidth: 170, barWidth: 300)
    h += note(min(regions.count, ReportHTML.chartRowCap), of: regions.count)
    h += "</div><div><h3>\(t("按职级", "By rank"))</h3>\n"
    h += SVGCharts.horizontalBars(
      id: "chart-coverage-rank", title: t("按职级的覆盖情况", "Coverage by rank"), bars: bars(ranks), labelWidth: 100,
      barWidth: 320)
    h += "</div></div>\n"
    h +=
      "<table><tr><th>\(t("分组", "Group"))</th><th class=\"n\">\(t("应训", "Due"))</th><th class=\"n\">\(t("已安排", "Met"))</th><th class=\"n\">\(t("覆盖率", "Share"))</th></tr>\n"
    for g in regions.prefix(ReportHTML.rowCap) + ranks {
      h +=
        "<tr><td>\(E.esc(g.label))</td><td class=\"n\">\(g.due)</td><td class=\"n\">\(g.met)</td><td class=\"n\">\(E.percent(g.met, of: g.due))</td></tr>\n"
    }
    h += "</table>\n"
    return h
  }

  // MARK: - Unit absence

  /// The heat map's colours, lightest first; the first is for nobody away.
  static let heatColors = ["#f4f4f4", "#fde6cf", "#fac89e", "#f59b6a", "#e35f38", "#a8201a"]

  /// A step for the heat map's five bands: a round share so that five steps cover `top`.
  static func heatStep(top: Double) -> Double {
    for step in [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2] where step * 5 >= top { return step }
    return 0.2
  }

  static func heatColor(_ share: Double, step: Double) -> String {
    guard share > 0 else { return heatColors[0] }
    let band = min(5, Int((share / step).rounded(.down)) + 1)
    return heatColors[band]
  }

  func absence(_ f: ReportFacts) -> String {
    let s = plan.scenario
    var h = "<h2 id=\"absence\">\(t("单位在训人数（热力图）", "Unit absence over the year (heat map)"))</h2>\n"
    h +=
      "<p class=\"muted\">\(t("每格为该周内单日在训人数占单位编制人数的最高比例（含已有培训记录）。", "Each cell: the largest share of the unit's headcount away on one day of that week (training history included)."))</p>\n"
    var rows: [(unit: Int, weeks: [Double], peak: Double)] = s.units.indices.map { u in
      let w = f.weeklyShare(unit: u)
      return (u, w, w.max() ?? 0)
    }
    let total = rows.count
    var capped = false
    if rows.count > ReportHTML.chartRowCap {
      // Keep the units with the highest peaks, in the file's order.
      let keep = Set(
        rows.sorted { $0.peak != $1.peak ? $0.peak > $1.peak : $0.unit < $1.unit }.prefix(ReportHTML.chartRowCap).map(
          \.unit))
      rows = rows.filter { keep.contains($0.unit) }
      capped = true
    }
    let step = ReportHTML.heatStep(top: rows.map(\.peak).max() ?? 0)
    func p(_ x: Double) -> String { E.percent(x, decimals: step < 0.01 ? 1 : 0) }
    h += SVGCharts.legend(
      [(ReportHTML.heatColors[0], "0"), (ReportHTML.heatColors[1], "< \(p(step))")]
        + (1...3).map { i in (ReportHTML.heatColors[i + 1], "\(p(step * Double(i)))–\(p(step * Double(i + 1)))") }
        + [(ReportHTML.heatColors[5], "≥ \(p(step * 4))")])
    let labelWidth = 220.0, cellW = 18.0, cellH = 12.0, top = 18.0
    let width = labelWidth + cellW * Double(f.weeks) + 60
    let height = top + cellH * Double(max(rows.count, 1)) + 4
    h +=
      "<svg id=\"chart-absence\" role=\"img\" aria-label=\"\(t("单位在训热力图", "Unit absence heat map"))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(E.n(width))\" height=\"\(E.n(height))\" viewBox=\"0 0 \(E.n(width)) \(E.n(height))\">\n<title>\(t("单位在训热力图", "Unit absence heat map"))</title>\n"
    for w in stride(from: 0, to: f.weeks - 2, by: 4) {
      h +=
        "<text x=\"\(E.n(labelWidth + Double(w) * cellW))\" y=\"12\" style=\"font-size:9px;fill:#999\">\(t("第\(w + 1)周", "W\(w + 1)"))</text>"
    }
    h +=
      "<text x=\"\(E.n(labelWidth + cellW * Double(f.weeks) + 6))\" y=\"12\" style=\"font-size:9px;fill:#999\">\(t("最高", "peak"))</text>\n"
    for (i, row) in rows.enumerated() {
      let u = s.units[row.unit]
      let y = top + Double(i) * cellH
      h +=
        "<text x=\"\(E.n(labelWidth - 6))\" y=\"\(E.n(y + cellH - 2))\" text-anchor=\"end\" style=\"font-size:10px\">\(E.esc(E.clip(u.name, 18)))</text>"
      for (w, share) in row.weeks.enumerated() {
        let x = labelWidth + Double(w) * cellW
        let rect =
          "<rect x=\"\(E.n(x))\" y=\"\(E.n(y))\" width=\"\(E.n(cellW - 1))\" height=\"\(E.n(cellH - 1))\" fill=\"\(ReportHTML.heatColor(share, step: step))\""
        if share > 0 {
          let away = Int((share * Double(f.headcount[row.unit])).rounded())
          h +=
            rect
            + "><title>\(E.esc(u.name)) · \(t("第\(w + 1)周", "week \(w + 1)")) · \(away)/\(f.headcount[row.unit]) (\(E.percent(share)))</title></rect>"
        } else {
          h += rect + "/>"
        }
      }
      h +=
        "<text x=\"\(E.n(labelWidth + cellW * Double(f.weeks) + 6))\" y=\"\(E.n(y + cellH - 2))\" style=\"font-size:10px\">\(E.percent(row.peak))</text>\n"
    }
    h += "</svg>\n"
    if capped {
      h +=
        "<p class=\"note\">\(t("仅显示在训比例最高的 \(rows.count) 个单位，共 \(total) 个。", "Only the \(rows.count) units with the highest peaks of \(total) are shown."))</p>\n"
    }
    return h
  }

  // MARK: - Make-up list

  func makeUp(_ f: ReportFacts) -> String {
    let s = plan.scenario
    let cycles = s.policy.cycleRules
    let overdue = f.book.obligations.indices.filter { f.book.obligations[$0].isOverdue }.sorted { a, b in
      let x = f.book.obligations[a], y = f.book.obligations[b]
      if x.overdueYears != y.overdueYears { return x.overdueYears > y.overdueYears }
      if s.cadres[x.cadre].id != s.cadres[y.cadre].id { return s.cadres[x.cadre].id < s.cadres[y.cadre].id }
      return x.rule < y.rule
    }
    let met = overdue.filter { f.isMet($0) }.count
    var h = "<h2 id=\"make-up\">\(t("点名调训名单（补训）", "Make-up list (named call-ups of overdue cadres)"))</h2>\n"
    h +=
      "<p>\(t("超期未训的应训任务 \(overdue.count) 项，已安排 \(met) 项，未安排 \(overdue.count - met) 项；按超期年数从多到少排列。", "\(overdue.count) overdue obligations: \(met) met, \(overdue.count - met) not; most overdue first."))</p>\n"
    guard !overdue.isEmpty else { return h }
    h +=
      "<table class=\"nw\"><tr><th>\(t("编号", "Cadre"))</th><th>\(t("姓名", "Name"))</th><th>\(t("单位", "Unit"))</th><th>\(t("职级", "Rank"))</th><th>\(t("规则", "Rule"))</th><th class=\"n\">\(t("超期年数", "Years overdue"))</th><th>\(t("上次培训", "Last trained"))</th><th>\(t("安排情况", "Outcome"))</th></tr>\n"
    for oi in overdue.prefix(ReportHTML.rowCap) {
      let o = f.book.obligations[oi]
      let c = s.cadres[o.cadre]
      let rule = cycles[o.rule]
      var outcome: String
      if let k = f.metBy[oi] {
        outcome = "✓ \(E.esc(s.classes[k].id.rawValue)) \(E.esc(E.clip(s.classes[k].name, 24)))"
      } else if let u = f.unmetByKey["\(o.cadre)/\(rule.info.id.rawValue)"] {
        outcome = "✗ \(E.esc(language.words(u.reason)))"
      } else {
        outcome = "✗"
      }
      outcome = f.metBy[oi] != nil ? outcome : "<span style=\"color:#b42318\">\(outcome)</span>"
      h +=
        "<tr><td>\(E.esc(c.id.rawValue))</td><td>\(E.esc(c.name))</td><td>\(E.esc(s.unit(c.unit)?.name ?? c.unit.rawValue))</td><td>\(E.esc(language.words(c.rank)))</td><td title=\"\(E.esc(rule.info.sentence))\">\(E.esc(rule.info.id.rawValue))</td><td class=\"n\">\(o.overdueYears)</td><td>\(o.lastYear.map(String.init) ?? t("从未", "never"))</td><td>\(outcome)</td></tr>\n"
    }
    h += "</table>\n"
    h += note(min(overdue.count, ReportHTML.rowCap), of: overdue.count)
    return h
  }

  // MARK: - Unmet by reason

  func unmet(_ f: ReportFacts) -> String {
    let s = plan.scenario
    var h = "<h2 id=\"unmet\">\(t("未安排的应训任务（按原因）", "Unmet obligations by reason"))</h2>\n"
    var byReason = [UnmetReason: Int]()
    for u in plan.unmet { byReason[u.reason, default: 0] += 1 }
    let reasons = UnmetReason.allCases.filter { byReason[$0] != nil }
    if plan.unmet.isEmpty { h += "<p>\(t("全部应训任务均已安排。", "Every due obligation is met."))</p>\n" }
    h += SVGCharts.horizontalBars(
      id: "chart-unmet", title: t("未安排原因", "Unmet obligations by reason"),
      bars: reasons.map { r in
        let n = byReason[r] ?? 0
        return SVGCharts.Bar(
          label: language.words(r), value: Double(n), text: "\(n) (\(E.percent(n, of: plan.unmet.count)))",
          tooltip: "\(language.words(r)) (\(r.rawValue)): \(n)", color: ReportLanguage.color(r))
      }, labelWidth: 180, barWidth: 360)
    h +=
      "<table><tr><th>\(t("原因", "Reason"))</th><th>\(t("代码", "Code"))</th><th class=\"n\">\(t("项数", "Count"))</th><th class=\"n\">\(t("占比", "Share"))</th></tr>\n"
    for r in reasons {
      let n = byReason[r] ?? 0
      h +=
        "<tr><td>\(E.esc(language.words(r)))</td><td>\(r.rawValue)</td><td class=\"n\">\(n)</td><td class=\"n\">\(E.percent(n, of: plan.unmet.count))</td></tr>\n"
    }
    h += "</table>\n"
    guard !plan.unmet.isEmpty else { return h }
    let sorted = plan.unmet.sorted {
      $0.obligation.overdueYears != $1.obligation.overdueYears
        ? $0.obligation.overdueYears > $1.obligation.overdueYears
        : s.cadres[$0.obligation.cadre].id != s.cadres[$1.obligation.cadre].id
          ? s.cadres[$0.obligation.cadre].id < s.cadres[$1.obligation.cadre].id : $0.ruleID < $1.ruleID
    }
    h += "<h3>\(t("明细", "Details"))</h3>\n"
    h +=
      "<table class=\"nw\"><tr><th>\(t("编号", "Cadre"))</th><th>\(t("姓名", "Name"))</th><th>\(t("单位", "Unit"))</th><th>\(t("规则", "Rule"))</th><th class=\"n\">\(t("超期年数", "Years overdue"))</th><th>\(t("原因", "Reason"))</th><th>\(t("各班次情况", "Class by class"))</th></tr>\n"
    for u in sorted.prefix(ReportHTML.rowCap) {
      let c = s.cadres[u.obligation.cadre]
      h +=
        "<tr><td>\(E.esc(c.id.rawValue))</td><td>\(E.esc(c.name))</td><td>\(E.esc(s.unit(c.unit)?.name ?? ""))</td><td>\(E.esc(u.ruleID.rawValue))</td><td class=\"n\">\(u.obligation.overdueYears)</td><td>\(E.esc(language.words(u.reason)))</td><td class=\"muted wrap\">\(E.esc(detailWords(u.detail)))</td></tr>\n"
    }
    h += "</table>\n"
    h += note(min(sorted.count, ReportHTML.rowCap), of: sorted.count)
    h +=
      "<p class=\"muted\">\(t("单个干部的详细原因：callup explain SCENARIO PLAN_DIR --cadre 编号", "For one cadre in detail: callup explain SCENARIO PLAN_DIR --cadre ID"))</p>\n"
    return h
  }

  /// plan.json's `C002: eligibility; C008: capacity` with the reasons in words.
  func detailWords(_ detail: String) -> String {
    detail.components(separatedBy: "; ").map { part in
      guard let colon = part.range(of: ": "), let r = UnmetReason(rawValue: String(part[colon.upperBound...])) else {
        return part
      }
      return "\(part[..<colon.lowerBound]) \(language.words(r))"
    }.joined(separator: t("；", "; "))
  }

  // MARK: - Unit shortfalls

  func shortfalls() -> String {
    let s = plan.scenario
    var h = "<h2 id=\"shortfalls\">\(t("班子成员年度调训比例未达标单位", "Units short of their share"))</h2>\n"
    if plan.shortfalls.isEmpty { return h + "<p>\(t("所有单位均达标。", "Every unit meets its share."))</p>\n" }
    h +=
      "<table><tr><th>\(t("单位", "Unit"))</th><th>\(t("规则", "Rule"))</th><th class=\"n\">\(t("应调训", "Required"))</th><th class=\"n\">\(t("已安排", "Planned"))</th><th>\(t("原因", "Reason"))</th></tr>\n"
    for x in plan.shortfalls.prefix(ReportHTML.rowCap) {
      h +=
        "<tr><td>\(E.esc(s.units[x.unit].name))</td><td>\(E.esc(x.ruleID.rawValue))</td><td class=\"n\">\(x.required)</td><td class=\"n\">\(x.planned)</td><td>\(E.esc(language.words(x.reason)))</td></tr>\n"
    }
    h += "</table>\n"
    h += note(min(plan.shortfalls.count, ReportHTML.rowCap), of: plan.shortfalls.count)
    return h
  }

  // MARK: - Rotation

  /// The years of a rotation plan side by side; the rest of the page is
  /// the first year's.
  func rotationYears() -> String {
    guard !rotation.isEmpty else { return "" }
    let byYear = rotation.map(\.loadByKind)
    let reservedByYear = rotation.map(\.reservedByKind)
    let kinds = ClassKind.allCases.filter { kind in byYear.contains { $0[kind] != nil } }
    var h = "<h2 id=\"rotation\">\(t("轮训计划（\(rotation.count) 年）", "Rotation plan (\(rotation.count) years)"))</h2>\n"
    h +=
      "<p class=\"muted\">\(t("逐年安排，前一年的调训计入后一年的培训记录；某年应训人数少于五分之一时，提前安排周期将满的干部（“提前”），使各年负荷均衡。以下各节为第一年（\(rotation[0].year) 年）的年度调训计划。", "Each year is planned in turn, earlier years' call-ups counting as attended; a year with fewer due than its share of a multi-year cycle trains those whose cycle ends soonest ahead of time (\"early\"), so the years stay even. The sections below are the first year's (\(rotation[0].year)) call-up."))</p>\n"
    if reservedByYear.contains(where: { !$0.isEmpty }) {
      h +=
        "<p class=\"muted\">\(t("任职培训、初任培训只收当年新任职干部；以后各年的新任职干部尚不在干部名单中，各年按第一年的人数（分机构）预留名额（“预留”），计入该年负荷。", "Appointment and initial training take only the year's new appointees; later years' appointees are in no list yet, so each later year keeps as many seats as the first year called up, per institution (\"reserved\"), counted in the year's load."))</p>\n"
    }
    h +=
      "<table><tr><th>\(t("年度", "Year"))</th><th class=\"n\">\(t("应训", "Due"))</th><th class=\"n\">\(t("已安排", "Met"))</th><th class=\"n\">\(t("超期应训", "Overdue due"))</th><th class=\"n\">\(t("超期已安排", "Overdue met"))</th><th class=\"n\">\(t("提前", "Early"))</th>"
    for kind in kinds { h += "<th class=\"n\">\(E.esc(zh ? kind.label : kind.rawValue))</th>" }
    // Each year's targets met (the sections below show the first year's).
    let targets = rotation.contains { !$0.targets.isEmpty }
    if targets { h += "<th class=\"n\">\(t("目标达标", "Targets met"))</th>" }
    h += "<th class=\"n\">gap</th></tr>\n"
    for ((p, byKind), reserved) in zip(zip(rotation, byYear), reservedByYear) {
      let k = p.kpis
      h +=
        "<tr><td>\(p.year)</td><td class=\"n\">\(k.due)</td><td class=\"n\">\(k.met)</td><td class=\"n\">\(k.overdueDue)</td><td class=\"n\">\(k.overdueMet)</td><td class=\"n\">\(p.early)</td>"
      for kind in kinds {
        let kept = reserved[kind].map { " <span class=\"muted\">(\(t("预留", "reserved")) \($0))</span>" } ?? ""
        h += "<td class=\"n\">\(byKind[kind] ?? 0)\(kept)</td>"
      }
      if targets {
        h += "<td class=\"n\">\(p.targets.filter { $0.status == .met }.count) / \(p.targets.count)</td>"
      }
      h += "<td class=\"n\">\(p.gap.map { E.percent($0, decimals: 2) } ?? "–")</td></tr>\n"
    }
    // How even the years are: each kind's largest departure from its mean.
    h += "<tr><td colspan=\"6\">\(t("各年与均值的最大偏差", "Largest departure from the mean"))</td>"
    for kind in kinds {
      h += "<td class=\"n\">\(Self.spread(byYear.map { $0[kind] ?? 0 }).map { E.percent($0, decimals: 1) } ?? "–")</td>"
    }
    return h + (targets ? "<td></td>" : "") + "<td></td></tr>\n</table>\n"
  }

  /// The largest `|load − mean| / mean` over the years (nil: a mean of 0).
  public static func spread(_ loads: [Int]) -> Double? {
    guard !loads.isEmpty else { return nil }
    let mean = Double(loads.reduce(0, +)) / Double(loads.count)
    guard mean > 0 else { return nil }
    return loads.map { abs(Double($0) - mean) / mean }.max()
  }

  // MARK: - Hours

  /// Per hours rule and rank: how many cadres are on track at the end of
  /// the year with their history alone and with the plan.
  func hoursProgress() -> String {
    var h = "<h2 id=\"hours\">\(t("学时进度（按职级）", "Hours on track, by rank"))</h2>\n"
    if plan.hours.isEmpty { return h + "<p>\(t("政策中没有学时规则。", "The policy has no hours rule."))</p>\n" }
    h +=
      "<p class=\"muted\">\(t("按年度进度：本年学时达到 (窗口最低要求 − 此前已完成) ÷ 剩余年数，或窗口要求已完成，即为“进度正常”。学时在调训安排之后的剩余名额中安排，进度落后者优先。", "On track: the year reaches its pace, (the window's minimum − what was done before) ÷ years left, or the window's minimum is reached. Hours are planned in the seats the call-up leaves, cadres behind pace first."))</p>\n"
    h +=
      "<table><tr><th>\(t("规则", "Rule"))</th><th>\(t("职级", "Rank"))</th><th class=\"n\">\(t("人数", "Cadres"))</th><th class=\"n\">\(t("原进度正常", "On track before"))</th><th class=\"n\">\(t("安排后进度正常", "On track with the plan"))</th><th class=\"n\">\(t("此前落后", "Behind pace"))</th><th class=\"n\">\(t("本年进度达成", "Year's pace met"))</th><th class=\"n\">\(t("新安排", "Planned"))</th></tr>\n"
    for x in plan.hours {
      let unit = x.unit == "days" ? t("天", "days") : t("学时", "h")
      let share = x.cadres > 0 ? " (" + E.percent(Double(x.onTrack) / Double(x.cadres), decimals: 0) + ")" : ""
      h +=
        "<tr><td>\(E.esc(x.ruleID.rawValue))</td><td>\(E.esc(zh ? x.rank.label : x.rank.rawValue))</td><td class=\"n\">\(x.cadres)</td><td class=\"n\">\(x.onTrackBefore)</td><td class=\"n\">\(x.onTrack)\(share)</td><td class=\"n\">\(x.behindPace)</td><td class=\"n\">\(x.paceMet) / \(x.paceDue)</td><td class=\"n\">\(E.grouped(x.planned)) \(unit)</td></tr>\n"
    }
    return h + "</table>\n"
  }

  // MARK: - Cost

  func cost(_ f: ReportFacts) -> String {
    let s = plan.scenario
    let c = f.costSplit()
    var h = "<h2 id=\"cost\">\(t("费用构成", "Cost breakdown"))</h2>\n"
    let parts: [(String, String, Double, String)] = [
      ("seats", t("培训费（按人次）", "Seats"), c.seats, "#3b7dd8"),
      ("fixed", t("开班费", "Holding classes"), c.fixed, "#2a9d8f"),
      ("travel", t("异地差旅", "Travel"), c.travel, "#e07b39"),
      ("tier", t("跨层级调训", "Tier mismatch"), c.tier, "#8e6bbf"),
    ]
    h += SVGCharts.horizontalBars(
      id: "chart-cost", title: t("费用构成", "Cost breakdown"),
      bars: parts.map { p in
        SVGCharts.Bar(
          label: p.1, value: p.2, text: "\(E.grouped(p.2)) \(t("元", "yuan"))", tooltip: "\(p.1): \(E.grouped(p.2))",
          color: p.3)
      }, labelWidth: 150, barWidth: 400)
    h +=
      "<table><tr><th>\(t("项目", "Item"))</th><th class=\"n\">\(t("金额（元）", "Amount (yuan)"))</th><th class=\"n\">\(t("占比", "Share"))</th></tr>\n"
    for p in parts {
      h +=
        "<tr><td>\(E.esc(p.1))</td><td class=\"n\">\(E.grouped(p.2))</td><td class=\"n\">\(c.total > 0 ? E.percent(p.2 / c.total) : "–")</td></tr>\n"
    }
    h += "<tr><th>\(t("合计", "Total"))</th><th class=\"n\">\(E.grouped(c.total))</th><th></th></tr>\n</table>\n"
    h +=
      "<p class=\"muted\">\(t("计划费用（关键指标）= 培训费 + 开班费；差旅与跨层级费用计入优化目标。", "The plan's cost (key figures) is seats plus holding; travel and tier costs count in the objective."))</p>\n"
    // By kind.
    var byKind = [ClassKind: (held: Int, seats: Int, seatCost: Double, fixed: Double)]()
    for k in plan.held {
      let kind = s.classes[k].kind
      byKind[kind, default: (0, 0, 0, 0)].held += 1
      byKind[kind, default: (0, 0, 0, 0)].fixed += s.classes[k].fixedCost
    }
    for a in plan.assignments {
      let kind = s.classes[a.klass].kind
      byKind[kind, default: (0, 0, 0, 0)].seats += 1
      byKind[kind, default: (0, 0, 0, 0)].seatCost += s.classes[a.klass].costPerSeat
    }
    h +=
      "<h3>\(t("按班次类别", "By class kind"))</h3>\n<table><tr><th>\(t("类别", "Kind"))</th><th class=\"n\">\(t("开班数", "Held"))</th><th class=\"n\">\(t("人次", "Seats"))</th><th class=\"n\">\(t("培训费", "Seat cost"))</th><th class=\"n\">\(t("开班费", "Holding cost"))</th></tr>\n"
    for kind in ClassKind.allCases {
      guard let v = byKind[kind] else { continue }
      h +=
        "<tr><td>\(E.esc(language.words(kind)))</td><td class=\"n\">\(v.held)</td><td class=\"n\">\(v.seats)</td><td class=\"n\">\(E.grouped(v.seatCost))</td><td class=\"n\">\(E.grouped(v.fixed))</td></tr>\n"
    }
    h += "</table>\n"
    return h
  }

  // MARK: - Classes

  func classTable() -> String {
    let s = plan.scenario
    var h =
      "<h2 id=\"classes\">\(t("班次与满班情况", "Classes and fill"))</h2>\n<table><tr><th>\(t("班次", "Class"))</th><th>\(t("名称", "Name"))</th><th>\(t("类别", "Kind"))</th><th>\(t("开班", "Start"))</th><th class=\"n\">\(t("天数", "Days"))</th><th>\(t("开班？", "Held"))</th><th class=\"n\">\(t("人数", "Attendees"))</th><th class=\"n\">\(t("最少/容量", "Min/cap"))</th><th class=\"n\">\(t("满班率", "Fill"))</th></tr>\n"
    for ki in plan.classesInYear.prefix(ReportHTML.rowCap) {
      let c = s.classes[ki]
      let n = plan.attendees[ki] ?? 0
      let held = plan.held.contains(ki)
      h +=
        "<tr><td>\(E.esc(c.id.rawValue))</td><td>\(E.esc(c.name))</td><td>\(E.esc(language.words(c.kind)))</td><td>\(c.start.iso)</td><td class=\"n\">\(c.days)</td><td>\(held ? t("是", "yes") : t("否", "no"))</td><td class=\"n\">\(n)</td><td class=\"n\">\(c.minSize)/\(c.capacity.map(String.init) ?? "∞")</td><td class=\"n\">\(c.capacity.map { E.percent(n, of: $0) } ?? "–")</td></tr>\n"
    }
    h += "</table>\n"
    h += note(min(plan.classesInYear.count, ReportHTML.rowCap), of: plan.classesInYear.count)
    return h
  }
}
