import CallupDomain
import CallupExcel
import CallupPlan
import CallupReports
import Foundation

/// What `nominations review` prints.
enum ReviewText {
  static let shown = 40

  /// Each defect of the lists, with its file, line and column.
  static func defects(_ r: NominationReview) -> [String] {
    r.rows.filter { $0.decision == .refused && NominationReview.listDefects.contains($0.rule) }.map { row in
      // The resolver's defects name their cells; a unit's seats are the row's.
      guard row.rule == "allocation" else { return row.reason }
      let column: NominationColumn = row.row[.cadre].isEmpty ? .name : .cadre
      return "\(row.row.location(column)): \(row.reason)"
    }
  }

  static func summary(
    _ r: NominationReview, lists: Int, plan: String, kept: [String], directory: String, xlsx: Bool
  ) -> String {
    let s = r.plan.scenario
    let refilled = r.units.filter { $0.nominated > 0 }.reduce(0) { $0 + $1.planNames }
    let empty = r.units.reduce(0) { $0 + $1.empty }
    var lines = [
      "Review of \(r.rows.count) rows from \(lists) list\(lists == 1 ? "" : "s") against \(plan): "
        + "\(r.count(.accepted)) accepted, \(r.count(.acceptedWithNote)) accepted with a note, "
        + "\(r.count(.refused)) refused; \(refilled) seat\(refilled == 1 ? "" : "s") kept or refilled with the plan's "
        + "names, \(empty) left empty"
    ]
    if !kept.isEmpty {
      lines.append("  kept from the previous review in \(directory): the rows of \(kept.joined(separator: ", "))")
    }
    let noted = r.rows.filter { $0.decision != .accepted }
    for row in noted.prefix(shown) {
      let mark = row.decision == .refused ? "-" : "~"
      let who = [row.cadre.map { "\(s.cadres[$0].id) \(s.cadres[$0].name)" } ?? row.row[.cadre] + row.row[.name]]
      let place = [row.unit.map { s.units[$0].id.rawValue }, row.klass.map { s.classes[$0].id.rawValue }]
        .compactMap { $0 }
      lines.append(
        "  \(mark) \(row.row.location) \((place + who).joined(separator: " ")): "
          + "\(row.decision.rawValue) (\(row.rule)): \(row.reason)")
    }
    if noted.count > shown { lines.append("  … \(noted.count - shown) more in \(directory)/review.csv") }
    lines.append(Summary.text(r.plan, directory: directory))
    lines.append(
      "Review: \(directory)/review.csv · units: \(directory)/review-units.csv · lists as received: "
        + "\(directory)/nominations.csv" + (xlsx ? " · \(directory)/review.xlsx" : ""))
    return lines.joined(separator: "\n")
  }
}

/// review.xlsx: review.csv's and review-units.csv's rows as the sheets
/// 审核结果 and 单位汇总, decisions in Chinese, figures as numbers.
enum ReviewExcel {
  static func decision(_ text: String) -> String {
    switch NominationDecision(rawValue: text) {
    case .accepted: "通过"
    case .acceptedWithNote: "通过（附说明）"
    case .refused: "不通过"
    case nil: text
    }
  }

  static func workbook(_ r: NominationReview) throws -> Data {
    let decisionColumn = ReviewFiles.reviewHeader.firstIndex(of: "decision")!
    let lineColumn = ReviewFiles.reviewHeader.firstIndex(of: "line")!
    let rows = ReviewFiles.reviewRows(r).map { cells in
      cells.enumerated().map { i, v -> XLSXCell in
        if i == decisionColumn { return .text(decision(v)) }
        if i == lineColumn, let n = Double(v) { return .number(n) }
        return .text(v)
      }
    }
    let figures = Set(4...11)
    let units = ReviewFiles.unitRows(r).map { cells in
      cells.enumerated().map { i, v -> XLSXCell in figures.contains(i) ? .number(Double(v) ?? 0) : .text(v) }
    }
    return try CallUpWorkbooks.review(rows, units: units)
  }
}
