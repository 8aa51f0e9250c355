import CallupDomain
import CallupPlan
import Foundation

extension PlanComparison {
  /// One target (rule, name and year) across the plans compared.
  public struct TargetRow: Sendable, Hashable {
    public var rule: String
    public var name: String
    public var year: Int?
    /// The target in each plan, in column order; nil where a plan does not have it.
    public var entries: [PlanRecord.TargetEntry?]

    /// `rule` or `rule: name`.
    public var label: String { name.isEmpty ? rule : "\(rule): \(name)" }

    /// The planned figure in plan B less that in plan A (two plans, both with the target).
    public var change: Int? {
      guard entries.count == 2, let a = entries[0]?.planned, let b = entries[1]?.planned else { return nil }
      return b - a
    }

    /// The range when every plan that has the target gives it the same one.
    public var commonRange: String? {
      let ranges = Set(entries.compactMap { $0.map { TargetRangeText.text(lo: $0.lo, hi: $0.hi) } })
      return ranges.count == 1 ? ranges.first : nil
    }
  }

  /// Every target of any plan, in the order the plans list them (the first
  /// plan's first), matched across plans by rule, name and year.
  public var targetRows: [TargetRow] {
    var index: [String: Int] = [:]
    var rows: [TargetRow] = []
    for (i, p) in plans.enumerated() {
      for t in p.targets {
        let key = "\(t.rule)\u{1F}\(t.name)\u{1F}\(t.year.map(String.init) ?? "")"
        if index[key] == nil {
          index[key] = rows.count
          rows.append(
            TargetRow(
              rule: t.rule, name: t.name, year: t.year, entries: Array(repeating: nil, count: plans.count)))
        }
        let r = index[key]!
        if rows[r].entries[i] == nil { rows[r].entries[i] = t }
      }
    }
    return rows
  }

  /// The targets as a terminal table: for two plans, each target's range,
  /// planned figure in A and B, the change and the status (`short → met`);
  /// for another number, the planned figure in each plan, marked ✓ when met
  /// and ✗ when not (the range too where the plans' ranges differ). Empty
  /// when no plan has targets.
  func targetsText(language L: ReportLanguage) -> String {
    let rows = targetRows
    guard !rows.isEmpty else { return "" }
    func status(_ e: PlanRecord.TargetEntry?) -> String { e.map { L.statusWords($0.status) } ?? "–" }
    func planned(_ e: PlanRecord.TargetEntry?) -> String { e?.planned.map(String.init) ?? "–" }
    var out = "\n"
    if plans.count == 2 {
      let differ = rows.filter {
        $0.entries[0]?.planned != $0.entries[1]?.planned || status($0.entries[0]) != status($0.entries[1])
      }
      out += L.pick(
        "目标完成情况（\(labels[0]) → \(labels[1])）：\(rows.count) 项目标中 \(differ.count) 项有变化\n",
        "Targets (\(labels[0]) → \(labels[1])): \(differ.count) of \(rows.count) differ\n")
      var t = TextTable(
        header: [
          L.pick("目标", "target"), L.pick("年度", "year"), L.pick("范围", "range"), labels[0], labels[1],
          L.pick("变化", "change"), L.pick("状态", "status"),
        ], rightAligned: [2, 3, 4, 5])
      for r in rows {
        let (a, b) = (r.entries[0], r.entries[1])
        let range =
          r.commonRange
          ?? [a, b].map { $0.map { TargetRangeText.text(lo: $0.lo, hi: $0.hi) } ?? "–" }.joined(separator: " → ")
        let s = status(a) == status(b) ? status(a) : "\(status(a)) → \(status(b))"
        t.rows.append([
          r.label, r.year.map(String.init) ?? "", range, planned(a), planned(b),
          r.change.map(PlanComparison.signed) ?? "–", s,
        ])
      }
      return out + t.rendered(indent: "  ")
    }
    out += L.pick("目标完成情况（计划数；✓ 达标，✗ 不足或超出）：\n", "Targets (planned; ✓ met, ✗ short or over):\n")
    var t = TextTable(
      header: [L.pick("目标", "target"), L.pick("年度", "year"), L.pick("范围", "range")] + labels,
      rightAligned: Set(2..<(3 + labels.count)))
    for r in rows {
      let common = r.commonRange
      t.rows.append(
        [r.label, r.year.map(String.init) ?? "", common ?? L.pick("各不相同", "varies")]
          + r.entries.map { e in
            guard let e else { return "–" }
            let range = common == nil ? " (\(TargetRangeText.text(lo: e.lo, hi: e.hi)))" : ""
            return "\(planned(e))\(range) \(e.status == TargetStatus.met.rawValue ? "✓" : "✗")"
          })
    }
    return out + t.rendered(indent: "  ")
  }

  /// compare-targets.csv: `rule,name,year`, then for each plan (label L)
  /// `lo_L,hi_L,planned_L,status_L`, and for two plans `change`; nil when no
  /// plan has targets.
  public func targetsCSV() -> String? {
    let rows = targetRows
    guard plans.contains(where: \.hasTargets) else { return nil }
    var header = ["rule", "name", "year"]
    for l in labels { header += ["lo_\(l)", "hi_\(l)", "planned_\(l)", "status_\(l)"] }
    if plans.count == 2 { header.append("change") }
    var csv = CSVText(header: header)
    func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
    for r in rows {
      var fields = [r.rule, r.name, n(r.year)]
      for e in r.entries { fields += [n(e?.lo), n(e?.hi), n(e?.planned), e?.status ?? ""] }
      if plans.count == 2 { fields.append(n(r.change)) }
      csv.append(fields)
    }
    return csv.text
  }

  /// One row per plan and target: `<first>,rule,name,year,lo,hi,planned,status`
  /// (`first` names the column of the plans' labels, e.g. `variant`); nil
  /// when no plan has targets.
  public func targetsLongCSV(first: String = "plan") -> String? {
    guard plans.contains(where: \.hasTargets) else { return nil }
    var csv = CSVText(header: [first, "rule", "name", "year", "lo", "hi", "planned", "status"])
    func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
    for (l, p) in zip(labels, plans) {
      for t in p.targets { csv.append([l, t.rule, t.name, n(t.year), n(t.lo), n(t.hi), n(t.planned), t.status]) }
    }
    return csv.text
  }

  /// The targets' table of compare.html: each plan's planned figure, its
  /// status in colour and its range; the change for two plans.
  func targetsHTML(language L: ReportLanguage) -> String {
    typealias E = HTMLKit
    let rows = targetRows
    guard !rows.isEmpty else { return "" }
    var h = "<h2 id=\"targets\">\(L.pick("目标完成情况", "Targets"))</h2>\n"
    h +=
      "<table id=\"targets-table\"><tr><th>\(L.pick("规则", "Rule"))</th><th>\(L.pick("名称", "Name"))</th><th>\(L.pick("年度", "Year"))</th>"
    for l in labels { h += "<th class=\"n\">\(E.esc(l))</th>" }
    if plans.count == 2 { h += "<th class=\"n\">\(L.pick("变化", "Change"))</th>" }
    h += "</tr>\n"
    for r in rows {
      let change = r.change
      let cls = (change ?? 0) > 0 ? " class=\"up\"" : (change ?? 0) < 0 ? " class=\"down\"" : ""
      h += "<tr\(cls)><td>\(E.esc(r.rule))</td><td>\(E.esc(r.name))</td><td>\(r.year.map(String.init) ?? "")</td>"
      for e in r.entries {
        guard let e else {
          h += "<td class=\"n\">–</td>"
          continue
        }
        let color = TargetStatus(rawValue: e.status).map(ReportLanguage.color) ?? "#333"
        h +=
          "<td class=\"n\">\(e.planned.map(String.init) ?? "–") <span style=\"color:\(color)\">\(E.esc(L.statusWords(e.status)))</span> <span class=\"muted\">\(E.esc(TargetRangeText.text(lo: e.lo, hi: e.hi)))</span></td>"
      }
      if plans.count == 2 { h += "<td class=\"n d\">\(change.map(PlanComparison.signed) ?? "–")</td>" }
      h += "</tr>\n"
    }
    return h + "</table>\n"
  }
}
