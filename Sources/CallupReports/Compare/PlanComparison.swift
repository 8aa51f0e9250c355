import CallupPlan
import Foundation

/// Key figures of two or more plan directories side by side, and, for
/// exactly two, who changed: call-ups per unit and cadres added, dropped or
/// moved between classes.
///
/// Figures come from the files: `seats`, `classes_held`, `unit_shortfalls`,
/// the targets met, short and over, and `met` (= due − unmet) are counted
/// from plan.json's lists, so a plan edited by hand shows its edits; the
/// others (due, overdue, cost, fill rate, peak absence) are read from
/// `kpis`. A figure a file does not give is shown as `–` (empty in CSV).
/// Each target (matched by rule, name and year) is a row of its own, with
/// its planned figure in each plan (``targetRows``).
public struct PlanComparison: Sendable {
  /// How a figure is formatted and which way is better.
  public enum Format: Sendable { case count, share, money, gap }

  /// One key figure.
  public struct KPI: Sendable {
    /// The key in plan.json's `kpis` (and compare.csv's first column).
    public var id: String
    /// The label in Chinese.
    public var zh: String
    /// The label in English.
    public var en: String
    /// How the value is shown.
    public var format: Format
    /// +1 when more is better, -1 when less is better, 0 when neither.
    public var better: Int
  }

  /// The figures compared, in order.
  public static let kpis: [KPI] = [
    KPI(id: "due", zh: "应训任务", en: "due", format: .count, better: 0),
    KPI(id: "met", zh: "已安排", en: "met", format: .count, better: 1),
    KPI(id: "met_share", zh: "完成率", en: "met share", format: .share, better: 1),
    KPI(id: "overdue_due", zh: "超期应补训", en: "overdue due", format: .count, better: 0),
    KPI(id: "overdue_met", zh: "超期已安排", en: "overdue met", format: .count, better: 1),
    KPI(id: "unit_shortfalls", zh: "班子比例未达标单位", en: "unit-share shortfalls", format: .count, better: -1),
    KPI(id: "targets_met", zh: "目标达标", en: "targets met", format: .count, better: 1),
    KPI(id: "targets_short", zh: "目标不足", en: "targets short", format: .count, better: -1),
    KPI(id: "targets_over", zh: "目标超出", en: "targets over", format: .count, better: -1),
    KPI(id: "classes_held", zh: "开班数", en: "classes held", format: .count, better: 0),
    KPI(id: "seats", zh: "调训人次", en: "seats", format: .count, better: 0),
    KPI(id: "fill_rate", zh: "满班率", en: "fill rate", format: .share, better: 1),
    KPI(id: "cost", zh: "费用（元）", en: "cost (yuan)", format: .money, better: -1),
    KPI(id: "peak_unit_away_share", zh: "单位最高在训比例", en: "peak unit away share", format: .share, better: -1),
    KPI(id: "gap", zh: "最优性差距", en: "gap", format: .gap, better: -1),
  ]

  /// A cadre whose classes differ between plan A and plan B.
  public struct CadreChange: Sendable, Hashable {
    /// `added`: only in B; `dropped`: only in A; `moved`: in both, in other classes.
    public enum Kind: String, Sendable { case added, dropped, moved }
    /// The cadre's id, name and unit id (from rosters.csv).
    public var cadre: String
    public var name: String
    public var unit: String
    public var kind: Kind
    /// Class ids in plan A and in plan B, sorted.
    public var classesA: [String]
    public var classesB: [String]
    /// A change as listed.
    public init(cadre: String, name: String, unit: String, kind: Kind, classesA: [String], classesB: [String]) {
      self.cadre = cadre
      self.name = name
      self.unit = unit
      self.kind = kind
      self.classesA = classesA
      self.classesB = classesB
    }
  }

  /// Call-ups of one unit in plan A and plan B.
  public struct UnitChange: Sendable, Hashable {
    /// The unit's id and name (name from notices.csv, if any).
    public var unit: String
    public var name: String
    /// Call-ups of the unit's cadres in plan A and in plan B.
    public var a: Int
    public var b: Int
    /// A unit's counts as listed.
    public init(unit: String, name: String, a: Int, b: Int) {
      self.unit = unit
      self.name = name
      self.a = a
      self.b = b
    }
  }

  /// The plans compared, in column order.
  public let plans: [PlanRecord]
  /// Column titles, one per plan.
  public let labels: [String]
  /// Extra rows shown above the figures (a sweep's parameters): title and one value per plan.
  public let parameters: [(String, [String])]

  /// Compares `plans` under `labels` (default: each directory's last path
  /// component, or its whole path when two share it).
  public init(plans: [PlanRecord], labels: [String]? = nil, parameters: [(String, [String])] = []) {
    self.plans = plans
    if let labels, labels.count == plans.count {
      self.labels = labels
    } else {
      let names = plans.map { $0.directory.lastPathComponent }
      self.labels = plans.indices.map { i in
        names.filter { $0 == names[i] }.count > 1 ? plans[i].directory.path : names[i]
      }
    }
    self.parameters = parameters
  }

  /// The figures shown: all of ``kpis``, less the targets' counts when no
  /// plan has targets.
  public var shownKPIs: [KPI] {
    plans.contains(where: \.hasTargets) ? Self.kpis : Self.kpis.filter { !$0.id.hasPrefix("targets_") }
  }

  /// The value of a figure for a plan, or nil when the files do not give it.
  public func value(_ id: String, plan p: PlanRecord) -> Double? {
    switch id {
    case "targets_met", "targets_short", "targets_over":
      guard p.hasTargets else { return nil }
      let status = String(id.dropFirst("targets_".count))
      return Double(p.targets.filter { $0.status == status }.count)
    case "seats": return Double(p.assignments.count)
    case "classes_held": return p.classes.isEmpty ? p.kpis[id] : Double(p.classes.filter(\.held).count)
    case "unit_shortfalls": return Double(p.shortfalls.count)
    case "met": return p.kpis["due"].map { $0 - Double(p.unmet.count) } ?? p.kpis["met"]
    case "met_share":
      guard let due = p.kpis["due"], let met = value("met", plan: p) else { return nil }
      return due > 0 ? met / due : nil
    case "gap": return p.gap
    default: return p.kpis[id]
    }
  }

  /// A figure for people: `1383`, `90.7%`, `4,064,010`, `1.08%`, or `–`.
  public static func display(_ v: Double?, _ f: Format) -> String {
    guard let v, v.isFinite else { return "–" }
    switch f {
    case .count: return v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    case .share: return HTMLKit.percent(v)
    case .money: return HTMLKit.grouped(v)
    case .gap: return HTMLKit.percent(v, decimals: 2)
    }
  }

  /// A figure for CSV: plain digits, shares as decimals, empty when unknown.
  public static func raw(_ v: Double?, _ f: Format) -> String {
    guard let v, v.isFinite else { return "" }
    switch f {
    case .count, .money:
      return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.2f", v)
    case .share: return String(format: "%.4f", v)
    case .gap: return String(format: "%.6f", v)
    }
  }

  /// Column indices holding the best value of a figure (none when all are equal or the figure has no direction).
  func best(_ kpi: KPI) -> Set<Int> {
    guard kpi.better != 0, plans.count > 1 else { return [] }
    let values = plans.map { value(kpi.id, plan: $0) }
    let known = values.compactMap { $0 }
    guard let top = kpi.better > 0 ? known.max() : known.min() else { return [] }
    // Compare as shown: two values that read the same are equally good.
    let shown = values.map { PlanComparison.display($0, kpi.format) }
    let best = PlanComparison.display(top, kpi.format)
    guard Set(shown).count > 1 else { return [] }
    return Set(shown.indices.filter { shown[$0] == best })
  }

  // MARK: - Diffs (two plans)

  /// Call-ups per unit in A and B, every unit with a call-up in either, by unit id; nil unless there are two plans.
  public var unitChanges: [UnitChange]? {
    guard plans.count == 2 else { return nil }
    var counts = [String: (Int, Int)]()
    for (side, p) in plans.enumerated() {
      for a in p.assignments {
        let unit = person(a.cadre)?.unit ?? "?"
        var c = counts[unit] ?? (0, 0)
        if side == 0 { c.0 += 1 } else { c.1 += 1 }
        counts[unit] = c
      }
    }
    return counts.keys.sorted().map { u in
      let name = plans[1].unitNames[u] ?? plans[0].unitNames[u] ?? ""
      return UnitChange(unit: u, name: name, a: counts[u]!.0, b: counts[u]!.1)
    }
  }

  /// Cadres whose classes differ between A and B, by cadre id; nil unless there are two plans.
  public var cadreChanges: [CadreChange]? {
    guard plans.count == 2 else { return nil }
    let a = plans[0].classesByCadre, b = plans[1].classesByCadre
    var out: [CadreChange] = []
    for id in Set(a.keys).union(b.keys).sorted() {
      let ca = (a[id] ?? []).sorted(), cb = (b[id] ?? []).sorted()
      guard ca != cb else { continue }
      let kind: CadreChange.Kind = ca.isEmpty ? .added : cb.isEmpty ? .dropped : .moved
      let p = person(id)
      out.append(
        CadreChange(cadre: id, name: p?.name ?? "", unit: p?.unit ?? "", kind: kind, classesA: ca, classesB: cb))
    }
    return out
  }

  func person(_ cadre: String) -> PlanRecord.Person? {
    for p in plans.reversed() { if let x = p.people[cadre] { return x } }
    return nil
  }

  // MARK: - Text

  /// The key figures as a terminal table; with two plans, the diffs below it.
  /// At most `cadreLines` changed cadres are listed.
  /// `name`: the files' name (`compare`, or `summary` for a sweep), for
  /// the note that names the full list.
  public func text(language: ReportLanguage = .chinese, cadreLines: Int = 200, name: String = "compare") -> String {
    let L = language
    var table = TextTable(header: [L.pick("指标", "KPI")] + labels, rightAligned: Set(1...max(1, labels.count)))
    for (title, values) in parameters { table.rows.append([title] + values) }
    table.rows.append([L.pick("状态", "status")] + plans.map { $0.status ?? "–" })
    for k in shownKPIs {
      table.rows.append([L.pick(k.zh, k.en)] + plans.map { PlanComparison.display(value(k.id, plan: $0), k.format) })
    }
    var out = table.rendered()
    out += targetsText(language: L)
    if let units = unitChanges, let cadres = cadreChanges {
      let changed = units.filter { $0.a != $0.b }
      out += "\n"
      out += L.pick(
        "各单位调训人次（\(labels[0]) → \(labels[1])）：\(units.count) 个单位中 \(changed.count) 个有变化\n",
        "Call-ups per unit (\(labels[0]) → \(labels[1])): \(changed.count) of \(units.count) units differ\n")
      if !changed.isEmpty {
        var t = TextTable(
          header: [L.pick("单位", "unit"), L.pick("名称", "name"), labels[0], labels[1], L.pick("变化", "change")],
          rightAligned: [2, 3, 4])
        for u in changed {
          t.rows.append([u.unit, u.name, String(u.a), String(u.b), PlanComparison.signed(u.b - u.a)])
        }
        out += t.rendered(indent: "  ")
      }
      let added = cadres.filter { $0.kind == .added }.count
      let dropped = cadres.filter { $0.kind == .dropped }.count
      let moved = cadres.filter { $0.kind == .moved }.count
      out += "\n"
      out += L.pick(
        "干部变化：新增 \(added) 人，取消 \(dropped) 人，调整班次 \(moved) 人\n",
        "Cadres: \(added) added, \(dropped) dropped, \(moved) moved between classes\n")
      for c in cadres.prefix(cadreLines) {
        let mark = c.kind == .added ? "+" : c.kind == .dropped ? "-" : "~"
        let who = [c.cadre, c.name, c.unit.isEmpty ? "" : "(\(c.unit))"].filter { !$0.isEmpty }.joined(separator: " ")
        let a = c.classesA.isEmpty ? "–" : c.classesA.joined(separator: ";")
        let b = c.classesB.isEmpty ? "–" : c.classesB.joined(separator: ";")
        out += "  \(mark) \(who): \(a) → \(b)\n"
      }
      if cadres.count > cadreLines {
        out += L.pick(
          "  …… 另有 \(cadres.count - cadreLines) 人（完整名单见 \(name)-cadres.csv）\n",
          "  … \(cadres.count - cadreLines) more (\(name)-cadres.csv lists them all)\n")
      }
    }
    return out
  }

  static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n == 0 ? "0" : String(n) }

  // MARK: - Files

  /// compare.csv: `kpi,<label>…`, one row per figure (ids as in plan.json), parameters first.
  public func csv() -> String {
    var csv = CSVText(header: ["kpi"] + labels)
    for (title, values) in parameters { csv.append([title] + values) }
    csv.append(["status"] + plans.map { $0.status ?? "" })
    for k in shownKPIs {
      csv.append([k.id] + plans.map { PlanComparison.raw(value(k.id, plan: $0), k.format) })
    }
    return csv.text
  }

  /// compare-units.csv: `unit,unit_name,a,b,change` (two plans only).
  public func unitsCSV() -> String? {
    guard let units = unitChanges else { return nil }
    var csv = CSVText(header: ["unit", "unit_name", labels[0], labels[1], "change"])
    for u in units { csv.append([u.unit, u.name, String(u.a), String(u.b), String(u.b - u.a)]) }
    return csv.text
  }

  /// compare-cadres.csv: `cadre,name,unit,change,classes_a,classes_b` (two plans only).
  public func cadresCSV() -> String? {
    guard let cadres = cadreChanges else { return nil }
    var csv = CSVText(header: ["cadre", "name", "unit", "change", "classes_a", "classes_b"])
    for c in cadres {
      csv.append([
        c.cadre, c.name, c.unit, c.kind.rawValue, c.classesA.joined(separator: ";"), c.classesB.joined(separator: ";"),
      ])
    }
    return csv.text
  }

  /// compare.html: the figures (the best of each in bold), and the diffs for two plans.
  /// `links`, one per plan, makes each column title a link (e.g. to the plan's report.html).
  public func html(
    language: ReportLanguage = .chinese, title: String? = nil, links: [String]? = nil, name: String = "compare"
  ) -> String {
    let L = language
    typealias E = HTMLKit
    let heading = title ?? L.pick("调训计划比较", "Plan comparison")
    var h = """
      <!DOCTYPE html>
      <html lang="\(L == .chinese ? "zh-CN" : "en")">
      <head><meta charset="utf-8"><title>\(E.esc(heading))</title>
      <style>\(E.style)</style></head><body>
      <h1>\(E.esc(heading))</h1>
      <p class="muted">\(E.esc(L.pick("每行最好的数值以粗体标出。", "The best value of each row is in bold.")))</p>

      """
    h += "<table id=\"kpis\"><tr><th>\(L.pick("指标", "KPI"))</th>"
    for (i, l) in labels.enumerated() {
      let text =
        links.map { $0.count == labels.count ? "<a href=\"\(E.esc($0[i]))\">\(E.esc(l))</a>" : E.esc(l) } ?? E.esc(l)
      h += "<th class=\"n\" title=\"\(E.esc(plans[i].directory.path))\">\(text)</th>"
    }
    h += "</tr>\n"
    for (title, values) in parameters {
      h += "<tr><td>\(E.esc(title))</td>" + values.map { "<td class=\"n\">\(E.esc($0))</td>" }.joined() + "</tr>\n"
    }
    h +=
      "<tr><td>\(L.pick("状态", "status"))</td>"
      + plans.map { "<td class=\"n\">\(E.esc($0.status ?? "–"))</td>" }.joined() + "</tr>\n"
    for k in shownKPIs {
      let best = best(k)
      h += "<tr><td>\(E.esc(L.pick(k.zh, k.en)))</td>"
      for (i, p) in plans.enumerated() {
        let v = E.esc(PlanComparison.display(value(k.id, plan: p), k.format))
        h += best.contains(i) ? "<td class=\"n\"><b>\(v)</b></td>" : "<td class=\"n\">\(v)</td>"
      }
      h += "</tr>\n"
    }
    h += "</table>\n"
    h += targetsHTML(language: L)
    if let units = unitChanges, let cadres = cadreChanges {
      h += "<h2 id=\"units\">\(L.pick("各单位调训人次", "Call-ups per unit"))</h2>\n"
      h +=
        "<table><tr><th>\(L.pick("单位", "Unit"))</th><th>\(L.pick("名称", "Name"))</th><th class=\"n\">\(E.esc(labels[0]))</th><th class=\"n\">\(E.esc(labels[1]))</th><th class=\"n\">\(L.pick("变化", "Change"))</th></tr>\n"
      for u in units {
        let cls = u.b > u.a ? " class=\"up\"" : u.b < u.a ? " class=\"down\"" : ""
        h +=
          "<tr\(cls)><td>\(E.esc(u.unit))</td><td>\(E.esc(u.name))</td><td class=\"n\">\(u.a)</td><td class=\"n\">\(u.b)</td><td class=\"n d\">\(PlanComparison.signed(u.b - u.a))</td></tr>\n"
      }
      h += "</table>\n"
      h += "<h2 id=\"cadres\">\(L.pick("干部变化", "Cadres added, dropped or moved"))</h2>\n"
      h +=
        "<table><tr><th>\(L.pick("编号", "Cadre"))</th><th>\(L.pick("姓名", "Name"))</th><th>\(L.pick("单位", "Unit"))</th><th>\(L.pick("变化", "Change"))</th><th>\(E.esc(labels[0]))</th><th>\(E.esc(labels[1]))</th></tr>\n"
      for c in cadres.prefix(ReportHTML.rowCap) {
        let kind =
          switch c.kind {
          case .added: L.pick("新增", "added")
          case .dropped: L.pick("取消", "dropped")
          case .moved: L.pick("调整班次", "moved")
          }
        h +=
          "<tr><td>\(E.esc(c.cadre))</td><td>\(E.esc(c.name))</td><td>\(E.esc(c.unit))</td><td>\(kind)</td><td>\(E.esc(c.classesA.joined(separator: "; ")))</td><td>\(E.esc(c.classesB.joined(separator: "; ")))</td></tr>\n"
      }
      h += "</table>\n"
      if cadres.count > ReportHTML.rowCap {
        h +=
          "<p class=\"note\">\(L.pick("仅列出前 \(ReportHTML.rowCap) 人，共 \(cadres.count) 人；完整名单见 \(name)-cadres.csv。", "Only the first \(ReportHTML.rowCap) of \(cadres.count) cadres are listed; \(name)-cadres.csv has them all."))</p>\n"
      }
    }
    h += "</body></html>\n"
    return h
  }

  /// Writes compare.csv and compare.html (and, for two plans,
  /// compare-units.csv and compare-cadres.csv; when the plans have targets,
  /// compare-targets.csv) into `directory`, atomically;
  /// `name` replaces `compare` in the file names (a sweep writes `summary`).
  public func write(
    to directory: URL, name: String = "compare", language: ReportLanguage = .chinese, title: String? = nil
  )
    throws
  {
    var w = AtomicDirectoryWriter(directory: directory)
    w.add("\(name).csv", csv())
    w.add("\(name).html", html(language: language, title: title, name: name))
    if let u = unitsCSV() { w.add("\(name)-units.csv", u) }
    if let c = cadresCSV() { w.add("\(name)-cadres.csv", c) }
    if let t = targetsCSV() { w.add("\(name)-targets.csv", t) }
    try w.commit()
  }
}
