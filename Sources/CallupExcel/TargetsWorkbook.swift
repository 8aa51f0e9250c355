import Foundation

/// One target of a plan as the targets workbook prints it (words already in
/// the planners' language).
public struct TargetRow: Hashable, Sendable {
  /// The rule's id, and the programme, group or figure counted.
  public var rule: String
  public var name: String
  public var year: Int
  /// The range; `hi` nil when open above.
  public var lo: Int
  public var hi: Int?
  public var planned: Int
  /// The status as printed, e.g. `不足`.
  public var status: String
  public var hard: Bool

  public init(rule: String, name: String, year: Int, lo: Int, hi: Int?, planned: Int, status: String, hard: Bool) {
    self.rule = rule
    self.name = name
    self.year = year
    self.lo = lo
    self.hi = hi
    self.planned = planned
    self.status = status
    self.hard = hard
  }
}

/// One conflict of an infeasible plan as the targets workbook prints it.
public struct ConflictRow: Hashable, Sendable {
  /// The rules' ids, the year, the message in the planners' language, and
  /// what the rules need against what the scenario offers.
  public var rules: [String]
  public var year: Int
  public var message: String
  public var needed: Int
  public var available: Int

  public init(rules: [String], year: Int, message: String, needed: Int, available: Int) {
    self.rules = rules
    self.year = year
    self.message = message
    self.needed = needed
    self.available = available
  }
}

extension CallUpWorkbooks {
  /// Columns of the targets sheet (目标完成情况).
  public static let targetColumns = [
    XLSXColumn("规则", width: 22), XLSXColumn("名称", width: 26), XLSXColumn("年度", width: 8),
    XLSXColumn("下限", width: 8), XLSXColumn("上限", width: 8), XLSXColumn("计划数", width: 9),
    XLSXColumn("状态", width: 8), XLSXColumn("刚性", width: 7),
  ]

  /// Columns of the conflicts sheet (冲突).
  public static let conflictColumns = [
    XLSXColumn("规则", width: 30), XLSXColumn("年度", width: 8), XLSXColumn("说明", width: 80),
    XLSXColumn("需要", width: 9), XLSXColumn("可提供", width: 9),
  ]

  /// Title of the targets sheet and of the conflicts sheet.
  public static let targetsTitle = "目标完成情况"
  public static let conflictsTitle = "冲突"

  /// The targets workbook (targets.xlsx) as .xlsx bytes: the targets sheet,
  /// rows in the order given (上限 empty when open above, 刚性 是 or 否); and,
  /// when there are conflicts, a conflicts sheet after it (rules joined by `;`).
  public static func targets(_ rows: [TargetRow], conflicts: [ConflictRow]) throws -> Data {
    try XLSXWorkbook.data { book in
      let sheet = try book.addSheet(targetsTitle, columns: targetColumns)
      for r in rows {
        try sheet.append([
          .text(r.rule), .text(r.name), .number(Double(r.year)), .number(Double(r.lo)),
          r.hi.map { .number(Double($0)) } ?? .empty, .number(Double(r.planned)), .text(r.status),
          .text(r.hard ? "是" : "否"),
        ])
      }
      guard !conflicts.isEmpty else { return }
      let c = try book.addSheet(conflictsTitle, columns: conflictColumns)
      for x in conflicts {
        try c.append([
          .text(x.rules.joined(separator: ";")), .number(Double(x.year)), .text(x.message),
          .number(Double(x.needed)), .number(Double(x.available)),
        ])
      }
    }
  }
}
