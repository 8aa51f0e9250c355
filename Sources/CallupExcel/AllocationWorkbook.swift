import Foundation

/// One row of the allocation table: a unit's seats in a class.
public struct AllocationEntry: Hashable, Sendable {
  public var classID: String
  public var className: String
  public var institution: String
  /// First and last day, `YYYY-MM-DD`.
  public var start: String
  public var end: String
  public var unitID: String
  public var unitName: String
  public var seats: Int
  /// Seats the plan names (0 for a class called up by allocation).
  public var named: Int

  public init(
    classID: String, className: String, institution: String, start: String, end: String, unitID: String,
    unitName: String, seats: Int, named: Int
  ) {
    self.classID = classID
    self.className = className
    self.institution = institution
    self.start = start
    self.end = end
    self.unitID = unitID
    self.unitName = unitName
    self.seats = seats
    self.named = named
  }
}

extension CallUpWorkbooks {
  /// Columns of the allocation table (名额分配表).
  public static let allocationColumns = [
    XLSXColumn("班次编号", width: 10), XLSXColumn("班次", width: 40), XLSXColumn("培训机构", width: 24),
    XLSXColumn("开始", width: 12), XLSXColumn("结束", width: 12), XLSXColumn("单位编号", width: 10),
    XLSXColumn("单位", width: 30), XLSXColumn("名额", width: 8), XLSXColumn("其中点名", width: 10),
  ]

  /// The allocation table as .xlsx bytes: one sheet, rows in the order given.
  public static func allocation(_ entries: [AllocationEntry]) throws -> Data {
    try XLSXWorkbook.data { book in
      let sheet = try book.addSheet("名额分配表", columns: allocationColumns)
      for e in entries {
        try sheet.append([
          .text(e.classID), .text(e.className), .text(e.institution), .date(e.start), .date(e.end), .text(e.unitID),
          .text(e.unitName), .number(Double(e.seats)), .number(Double(e.named)),
        ])
      }
    }
  }
}
