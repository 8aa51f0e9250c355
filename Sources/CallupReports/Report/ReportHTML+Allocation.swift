import CallupDomain
import CallupPlan

extension ReportHTML {
  /// The allocation table as units × classes (名额分配): each unit's seats
  /// in each held class, the classes by allocation marked, the class totals
  /// last. Units with most seats first, capped at `rowCap`.
  func allocationView() -> String {
    let s = plan.scenario
    let rows = plan.allocation
    guard !rows.isEmpty else { return "" }
    var classes: [Int] = []
    var seats: [UnitID: [Int: Int]] = [:]
    var total: [Int: Int] = [:]
    for r in rows {
      if total[r.klass] == nil { classes.append(r.klass) }
      seats[r.unit, default: [:]][r.klass] = r.seats
      total[r.klass, default: 0] += r.seats
    }
    let units = seats.keys.sorted { a, b in
      let na = seats[a]!.values.reduce(0, +), nb = seats[b]!.values.reduce(0, +)
      return na != nb ? na > nb : a < b
    }
    var h = "<h2 id=\"allocation\">\(t("名额分配（单位 × 班次）", "Seats per unit and class (allocation)"))</h2>\n"
    h +=
      "<p class=\"muted\">\(t("每格为该单位在该班次的名额；标 * 的班次按名额分配，由单位报名，本计划所列人员为建议名单。", "Each cell is the unit's seats in the class; classes marked * go by allocation: the unit nominates, and the plan's names are suggestions."))</p>\n"
    h += "<div style=\"overflow-x:auto\"><table id=\"allocation-table\"><tr><th>\(t("单位", "Unit"))</th>"
    for ki in classes {
      let k = s.classes[ki]
      let mark = s.allocation.byAllocation(k) ? "*" : ""
      h += "<th class=\"n\" title=\"\(E.esc(k.name))\">\(E.esc(k.id.rawValue))\(mark)</th>"
    }
    h += "</tr>\n"
    for u in units.prefix(ReportHTML.rowCap) {
      h += "<tr><td>\(E.esc(s.unit(u)?.name ?? u.rawValue))</td>"
      for ki in classes { h += "<td class=\"n\">\(seats[u]![ki].map(String.init) ?? "")</td>" }
      h += "</tr>\n"
    }
    h += "<tr><th>\(t("合计", "Total"))</th>"
    for ki in classes { h += "<th class=\"n\">\(total[ki]!)</th>" }
    h += "</tr>\n</table></div>\n"
    h += note(min(units.count, ReportHTML.rowCap), of: units.count)
    return h
  }
}
