import CallupDomain
import Foundation

/// The language of the human-facing report.
public enum ReportLanguage: String, Sendable, CaseIterable {
  case chinese = "zh"
  case english = "en"
}

/// report.html: one self-contained page (no script, no network) with the key
/// figures, every class with its fill, the unmet obligations by reason and
/// the unit shortfalls.
struct ReportHTML {
  let plan: Plan
  let language: ReportLanguage

  func t(_ zh: String, _ en: String) -> String { language == .chinese ? zh : en }

  func esc(_ s: String) -> String {
    var o = ""
    for ch in s {
      switch ch {
      case "&": o += "&amp;"
      case "<": o += "&lt;"
      case ">": o += "&gt;"
      case "\"": o += "&quot;"
      default: o.append(ch)
      }
    }
    return o
  }

  func money(_ v: Double) -> String {
    let n = Int(v.rounded())
    var s = String(abs(n))
    var i = s.count - 3
    while i > 0 {
      s.insert(",", at: s.index(s.startIndex, offsetBy: i))
      i -= 3
    }
    return (n < 0 ? "-" : "") + s
  }

  func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "–" : String(format: "%.1f%%", 100 * Double(a) / Double(b)) }

  func render() -> String {
    let s = plan.scenario
    let k = plan.kpis
    var h = """
      <!DOCTYPE html>
      <html lang="\(language == .chinese ? "zh-CN" : "en")">
      <head><meta charset="utf-8"><title>\(esc(t("调训计划", "Call-up plan"))) \(esc(s.name)) \(plan.year)</title>
      <style>
      body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
      h1{font-size:1.5em} h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
      table{border-collapse:collapse;font-size:.9em} td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}
      th{background:#f3f3f3} td.n{text-align:right}
      .kpis{display:flex;flex-wrap:wrap;gap:.8em} .kpi{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
      .kpi b{display:block;font-size:1.4em} .muted{color:#777;font-size:.85em}
      </style></head><body>
      <h1>\(esc(t("干部教育培训调训计划", "Cadre training call-up plan")))：\(esc(s.name)) · \(plan.year)</h1>
      <p class="muted">\(esc(t("状态", "Status"))): \(plan.status.rawValue) · \(esc(t("目标值", "objective"))) \(plan.objective.map(money) ?? "–") · \(esc(t("下界", "bound"))) \(plan.bound.map(money) ?? "–") · gap \(plan.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "–") · \(String(format: "%.1f", plan.seconds)) s</p>
      <h2 id="kpis">\(esc(t("关键指标", "Key figures")))</h2>
      <div class="kpis">
      """
    func kpi(_ label: String, _ value: String, _ sub: String = "") {
      h += "<div class=\"kpi\">\(esc(label))<b>\(esc(value))</b><span class=\"muted\">\(esc(sub))</span></div>\n"
    }
    kpi(t("应训任务", "Due obligations"), String(k.due))
    kpi(t("已安排", "Met"), String(k.met), pct(k.met, k.due))
    kpi(t("超期应补训", "Overdue due"), String(k.overdueDue))
    kpi(t("超期已安排", "Overdue met"), String(k.overdueMet), pct(k.overdueMet, k.overdueDue))
    kpi(t("开班数", "Classes held"), "\(k.classesHeld) / \(k.classesInYear)")
    kpi(t("调训人次", "Seats"), String(k.seats), t("满班率 ", "fill ") + String(format: "%.1f%%", k.fillRate * 100))
    kpi(t("费用（元）", "Cost (yuan)"), money(k.cost), t("另差旅 ", "travel ") + money(k.travelCost))
    kpi(t("单位最高在训比例", "Peak unit away share"), String(format: "%.1f%%", k.peakUnitAwayShare * 100))
    kpi(t("班子五分之一未达标单位", "Unit shortfalls"), String(k.unitShortfalls))
    h += "</div>\n"

    // Classes.
    h += "<h2 id=\"classes\">\(esc(t("班次与满班情况", "Classes and fill")))</h2>\n<table><tr><th>\(t("班次", "Class"))</th><th>\(t("名称", "Name"))</th><th>\(t("类别", "Kind"))</th><th>\(t("开班", "Start"))</th><th>\(t("天数", "Days"))</th><th>\(t("开班？", "Held"))</th><th>\(t("人数", "Attendees"))</th><th>\(t("最少/容量", "Min/cap"))</th><th>\(t("满班", "Fill"))</th></tr>\n"
    for ki in plan.classesInYear {
      let c = s.classes[ki]
      let n = plan.attendees[ki] ?? 0
      let cap = c.capacity ?? max(n, c.minSize)
      let w = cap > 0 ? Int(100 * Double(n) / Double(cap)) : 0
      let bar = "<svg width=\"104\" height=\"12\" role=\"img\"><rect x=\"0\" y=\"1\" width=\"100\" height=\"10\" fill=\"#eee\"/><rect x=\"0\" y=\"1\" width=\"\(min(100, w))\" height=\"10\" fill=\"\(plan.held.contains(ki) ? "#3b7dd8" : "#bbb")\"/></svg>"
      h += "<tr><td>\(esc(c.id.rawValue))</td><td>\(esc(c.name))</td><td>\(esc(language == .chinese ? c.kind.label : c.kind.rawValue))</td><td>\(c.start.iso)</td><td class=\"n\">\(c.days)</td><td>\(plan.held.contains(ki) ? t("是", "yes") : t("否", "no"))</td><td class=\"n\">\(n)</td><td class=\"n\">\(c.minSize)/\(c.capacity.map(String.init) ?? "∞")</td><td>\(bar)</td></tr>\n"
    }
    h += "</table>\n"

    // Unmet by reason.
    h += "<h2 id=\"unmet\">\(esc(t("未安排的应训任务（按原因）", "Unmet obligations by reason")))</h2>\n"
    var byReason = [UnmetReason: [UnmetObligation]]()
    for u in plan.unmet { byReason[u.reason, default: []].append(u) }
    if plan.unmet.isEmpty { h += "<p>\(t("全部应训任务均已安排。", "Every due obligation is met."))</p>\n" }
    h += "<table><tr><th>\(t("原因", "Reason"))</th><th>\(t("人数", "Count"))</th></tr>\n"
    for r in UnmetReason.allCases { if let l = byReason[r] { h += "<tr><td>\(esc(r.label))</td><td class=\"n\">\(l.count)</td></tr>\n" } }
    h += "</table>\n"
    if !plan.unmet.isEmpty {
      h += "<table><tr><th>\(t("干部", "Cadre"))</th><th>\(t("姓名", "Name"))</th><th>\(t("单位", "Unit"))</th><th>\(t("规则", "Rule"))</th><th>\(t("超期年数", "Years overdue"))</th><th>\(t("原因", "Reason"))</th><th>\(t("说明", "Detail"))</th></tr>\n"
      let sorted = plan.unmet.sorted {
        $0.obligation.overdueYears != $1.obligation.overdueYears
          ? $0.obligation.overdueYears > $1.obligation.overdueYears
          : s.cadres[$0.obligation.cadre].id < s.cadres[$1.obligation.cadre].id
      }
      for u in sorted {
        let c = s.cadres[u.obligation.cadre]
        h += "<tr><td>\(esc(c.id.rawValue))</td><td>\(esc(c.name))</td><td>\(esc(s.unit(c.unit)?.name ?? ""))</td><td>\(esc(u.ruleID.rawValue))</td><td class=\"n\">\(u.obligation.overdueYears)</td><td>\(esc(u.reason.rawValue))</td><td class=\"muted\">\(esc(u.detail))</td></tr>\n"
      }
      h += "</table>\n"
    }

    // Unit shortfalls.
    h += "<h2 id=\"shortfalls\">\(esc(t("班子成员年度调训比例未达标单位", "Units short of their share")))</h2>\n"
    if plan.shortfalls.isEmpty {
      h += "<p>\(t("所有单位均达标。", "Every unit meets its share."))</p>\n"
    } else {
      h += "<table><tr><th>\(t("单位", "Unit"))</th><th>\(t("规则", "Rule"))</th><th>\(t("应调训", "Required"))</th><th>\(t("已安排", "Planned"))</th><th>\(t("原因", "Reason"))</th></tr>\n"
      for x in plan.shortfalls {
        h += "<tr><td>\(esc(s.units[x.unit].name))</td><td>\(esc(x.ruleID.rawValue))</td><td class=\"n\">\(x.required)</td><td class=\"n\">\(x.planned)</td><td>\(esc(x.reason.label))</td></tr>\n"
      }
      h += "</table>\n"
    }
    if !plan.notPlanned.isEmpty {
      h += "<h2 id=\"not-planned\">\(esc(t("本版本未纳入规划的规则", "Rules read but not planned by this version")))</h2><ul>\n"
      for r in plan.notPlanned { h += "<li>\(esc(r.id.rawValue)) (\(esc(r.type))): \(esc(r.sentence))</li>\n" }
      h += "</ul>\n"
    }
    h += "<h2 id=\"solve\">\(esc(t("求解过程", "Solve log")))</h2>\n<pre>\(esc(plan.log.joined(separator: "\n")))</pre>\n"
    if let m = plan.stats {
      h += "<p class=\"muted\">\(t("模型规模", "Model size")): \(m.variables) \(t("变量", "variables")) (\(m.binaries) \(t("整数", "integer"))), \(m.constraints) \(t("约束", "constraints")), \(m.nonzeros) \(t("非零元", "nonzeros"))</p>\n"
    }
    h += "</body></html>\n"
    return h
  }
}
