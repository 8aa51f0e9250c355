import Foundation

/// One call-up: a cadre called to a class, with everything the rosters and
/// notices print (labels already in the planners' words).
public struct CallUpEntry: Hashable, Sendable {
  public var classID: String
  public var className: String
  public var institution: String
  /// First and last day, `YYYY-MM-DD`.
  public var start: String
  public var end: String
  public var cadreID: String
  public var cadreName: String
  public var unitID: String
  public var unitName: String
  public var region: String
  /// The rank as printed, e.g. `县处级`.
  public var rank: String
  /// The leadership post as printed, e.g. `党政正职`.
  public var leadership: String

  public init(
    classID: String, className: String, institution: String, start: String, end: String, cadreID: String,
    cadreName: String, unitID: String, unitName: String, region: String, rank: String, leadership: String
  ) {
    self.classID = classID
    self.className = className
    self.institution = institution
    self.start = start
    self.end = end
    self.cadreID = cadreID
    self.cadreName = cadreName
    self.unitID = unitID
    self.unitName = unitName
    self.region = region
    self.rank = rank
    self.leadership = leadership
  }
}

/// The planners' workbooks of a plan: `rosters.xlsx` (one sheet per class,
/// titled with the class name) and `notices.xlsx` (one sheet per unit,
/// titled with the unit name). Each sheet has a bold, filled, frozen header
/// row with a filter, set column widths, and dates as Excel dates.
public enum CallUpWorkbooks {
  /// Columns of a class roster.
  public static let rosterColumns = [
    XLSXColumn("序号", width: 6), XLSXColumn("姓名", width: 10), XLSXColumn("单位", width: 30),
    XLSXColumn("职级", width: 11), XLSXColumn("干部编号", width: 12), XLSXColumn("领导职务", width: 10),
    XLSXColumn("地区", width: 10), XLSXColumn("班次", width: 40), XLSXColumn("班次编号", width: 10),
    XLSXColumn("培训机构", width: 24), XLSXColumn("开始", width: 12), XLSXColumn("结束", width: 12),
  ]

  /// Columns of a unit's call-up notice.
  public static let noticeColumns = [
    XLSXColumn("序号", width: 6), XLSXColumn("单位", width: 30), XLSXColumn("姓名", width: 10),
    XLSXColumn("干部编号", width: 12), XLSXColumn("职级", width: 11), XLSXColumn("班次", width: 40),
    XLSXColumn("班次编号", width: 10), XLSXColumn("培训机构", width: 24), XLSXColumn("开始", width: 12),
    XLSXColumn("结束", width: 12),
  ]

  /// Title of the one sheet of a workbook without call-ups.
  public static let emptyTitle = "名单"

  /// The classes' rosters as .xlsx bytes: classes by start day, then id;
  /// attendees in the order given.
  public static func rosters(_ entries: [CallUpEntry]) throws -> Data {
    let groups = group(entries, by: \.classID).sorted { a, b in
      (a[0].start, a[0].classID) < (b[0].start, b[0].classID)
    }
    return try XLSXWorkbook.data { book in
      if groups.isEmpty { _ = try book.addSheet(emptyTitle, columns: rosterColumns) }
      for rows in groups {
        let sheet = try book.addSheet(rows[0].className, columns: rosterColumns)
        for (n, e) in rows.enumerated() {
          try sheet.append([
            .number(Double(n + 1)), .text(e.cadreName), .text(e.unitName), .text(e.rank), .text(e.cadreID),
            .text(e.leadership), .text(e.region), .text(e.className), .text(e.classID), .text(e.institution),
            .date(e.start), .date(e.end),
          ])
        }
      }
    }
  }

  /// The units' call-up notices as .xlsx bytes: units by id; each unit's
  /// call-ups by class start, class id, then the order given.
  public static func notices(_ entries: [CallUpEntry]) throws -> Data {
    let groups = group(entries, by: \.unitID).sorted { $0[0].unitID < $1[0].unitID }
    return try XLSXWorkbook.data { book in
      if groups.isEmpty { _ = try book.addSheet(emptyTitle, columns: noticeColumns) }
      for unitRows in groups {
        let rows = unitRows.enumerated().sorted { a, b in
          (a.element.start, a.element.classID, a.offset) < (b.element.start, b.element.classID, b.offset)
        }.map(\.element)
        let title = rows[0].unitName.isEmpty ? rows[0].unitID : rows[0].unitName
        let sheet = try book.addSheet(title, columns: noticeColumns)
        for (n, e) in rows.enumerated() {
          try sheet.append([
            .number(Double(n + 1)), .text(e.unitName), .text(e.cadreName), .text(e.cadreID), .text(e.rank),
            .text(e.className), .text(e.classID), .text(e.institution), .date(e.start), .date(e.end),
          ])
        }
      }
    }
  }

  /// Entries grouped by a key, groups in order of first appearance.
  private static func group(_ entries: [CallUpEntry], by key: KeyPath<CallUpEntry, String>) -> [[CallUpEntry]] {
    var index: [String: Int] = [:]
    var groups: [[CallUpEntry]] = []
    for e in entries {
      if let i = index[e[keyPath: key]] {
        groups[i].append(e)
      } else {
        index[e[keyPath: key]] = groups.count
        groups.append([e])
      }
    }
    return groups
  }
}
