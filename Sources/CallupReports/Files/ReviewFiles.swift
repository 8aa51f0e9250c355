import CallupDomain
import CallupPlan
import Foundation

/// The files of a review of units' lists (docs/nominations.md), written
/// beside the merged plan: review.csv (one row per row received),
/// review-units.csv (each unit's seats per class) and nominations.csv
/// (the rows as received). Every cell goes through the formula guard: the
/// names and notes come from units' lists.
public enum ReviewFiles {
  /// review.csv's columns; the first six are fixed.
  public static let reviewHeader = [
    "unit", "class", "cadre", "decision", "rule", "reason", "name", "unit_name", "class_name", "note", "replaces",
    "replaces_name", "meets", "leaves_unmet", "suggested_replacement", "suggested_replacement_name", "file", "sheet",
    "line",
  ]

  /// review-units.csv's columns.
  public static let unitsHeader = [
    "unit", "unit_name", "class", "class_name", "allocated", "nominated", "accepted", "refused", "unused",
    "plan_names", "empty", "left_unmet", "left_unmet_detail", "suggested_replacements",
  ]

  /// review.csv, review-units.csv and nominations.csv, for `PlanWriter.write(_:to:language:extraFiles:)`.
  public static func files(_ review: NominationReview, received: [NominationRow]) -> [(name: String, data: Data)] {
    [
      ("review.csv", Data(reviewCSV(review).utf8)), ("review-units.csv", Data(unitsCSV(review).utf8)),
      ("nominations.csv", Data(ReceivedNominations.csv(received).utf8)),
    ]
  }

  /// The cells of review.csv's rows, in `reviewHeader`'s order.
  public static func reviewRows(_ review: NominationReview) -> [[String]] {
    let s = review.plan.scenario
    func id(_ ci: Int?) -> String { ci.map { s.cadres[$0].id.rawValue } ?? "" }
    func name(_ ci: Int?) -> String { ci.map { s.cadres[$0].name } ?? "" }
    return review.rows.map { r in
      let row = r.row
      let unit = r.unit.map { s.units[$0] }
      let klass = r.klass.map { s.classes[$0] }
      return [
        unit?.id.rawValue ?? (row[.unit].isEmpty ? row[.unitName] : row[.unit]),
        klass?.id.rawValue ?? (row[.classID].isEmpty ? row[.className] : row[.classID]),
        r.cadre.map { s.cadres[$0].id.rawValue } ?? row[.cadre], r.decision.rawValue, r.rule, r.reason,
        r.cadre.map { s.cadres[$0].name } ?? row[.name], unit?.name ?? row[.unitName], klass?.name ?? row[.className],
        row[.note], id(r.replaces), name(r.replaces), r.meets,
        r.leavesUnmet.map { $0.words(in: s) }.joined(separator: "; "), id(r.suggestedReplacement),
        name(r.suggestedReplacement), row.file, row.sheet ?? "", String(row.line),
      ]
    }
  }

  /// The cells of review-units.csv's rows, in `unitsHeader`'s order.
  public static func unitRows(_ review: NominationReview) -> [[String]] {
    let s = review.plan.scenario
    return review.units.map { u in
      let unit = s.units[u.unit], k = s.classes[u.klass]
      let figures = [
        u.allocated, u.nominated, u.accepted, u.refused, u.unused, u.planNames, u.empty, u.leftUnmet.count,
      ]
      return [unit.id.rawValue, unit.name, k.id.rawValue, k.name] + figures.map(String.init) + [
        u.leftUnmet.map { $0.words(in: s) }.joined(separator: "; "),
        u.suggestions.map { "\(s.cadres[$0].id) \(s.cadres[$0].name)" }.joined(separator: "; "),
      ]
    }
  }

  public static func reviewCSV(_ review: NominationReview) -> String {
    var csv = CSVText(header: reviewHeader)
    for row in reviewRows(review) { csv.append(row) }
    return csv.text
  }

  public static func unitsCSV(_ review: NominationReview) -> String {
    var csv = CSVText(header: unitsHeader)
    for row in unitRows(review) { csv.append(row) }
    return csv.text
  }
}
