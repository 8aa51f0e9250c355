import Foundation

extension CallUpWorkbooks {
  /// Columns of the review sheet (审核结果): review.csv's columns, in its order.
  public static let reviewColumns = [
    XLSXColumn("单位编号", width: 10), XLSXColumn("班次编号", width: 10), XLSXColumn("干部编号", width: 12),
    XLSXColumn("审核结果", width: 12), XLSXColumn("规则", width: 16), XLSXColumn("理由", width: 60),
    XLSXColumn("姓名", width: 10), XLSXColumn("单位", width: 30), XLSXColumn("班次", width: 40),
    XLSXColumn("备注", width: 20), XLSXColumn("替换", width: 12), XLSXColumn("替换姓名", width: 10),
    XLSXColumn("满足", width: 30), XLSXColumn("留下未满足", width: 40), XLSXColumn("建议替补", width: 12),
    XLSXColumn("建议替补姓名", width: 12), XLSXColumn("文件", width: 24), XLSXColumn("工作表", width: 10),
    XLSXColumn("行", width: 6),
  ]

  /// Columns of the units' sheet (单位汇总): review-units.csv's columns, in its order.
  public static let reviewUnitColumns = [
    XLSXColumn("单位编号", width: 10), XLSXColumn("单位", width: 30), XLSXColumn("班次编号", width: 10),
    XLSXColumn("班次", width: 40), XLSXColumn("分配名额", width: 9), XLSXColumn("报名", width: 7),
    XLSXColumn("通过", width: 7), XLSXColumn("不通过", width: 7), XLSXColumn("未用名额", width: 9),
    XLSXColumn("计划人选", width: 9), XLSXColumn("空缺", width: 7), XLSXColumn("未满足义务", width: 11),
    XLSXColumn("未满足义务明细", width: 40), XLSXColumn("建议替补", width: 30),
  ]

  /// The review of units' lists (报名审核) as .xlsx bytes: the sheet 审核结果
  /// (a row per row received) and the sheet 单位汇总 (a row per unit and
  /// class), rows in the order given. Text cells are string cells: names
  /// and notes from units' lists are never read as formulas.
  public static func review(_ rows: [[XLSXCell]], units: [[XLSXCell]]) throws -> Data {
    try XLSXWorkbook.data { book in
      let review = try book.addSheet("审核结果", columns: reviewColumns)
      for row in rows { try review.append(row) }
      let summary = try book.addSheet("单位汇总", columns: reviewUnitColumns)
      for row in units { try summary.append(row) }
    }
  }
}
