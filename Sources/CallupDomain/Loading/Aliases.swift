// Chinese column headers and values accepted besides the contract's words
// (docs/excel.md, "Chinese headers" and "Chinese values"). The contract's own headers and
// words always work; an alias is only a second name for exactly one of them.

extension UnitColumn {
  static let aliases: [String: UnitColumn] = [
    "编号": .id, "单位编号": .id,
    "单位名称": .name, "名称": .name,
    "所在地区": .region, "市州": .region, "地区": .region,
    "上级单位": .parent, "上级单位编号": .parent,
    "编制人数": .headcount, "人数": .headcount,
    "最多同时离岗人数": .maxAway,
    "最多同时离岗比例": .maxAwayShare,
  ]
}

extension CadreColumn {
  static let aliases: [String: CadreColumn] = [
    "编号": .id, "干部编号": .id,
    "姓名": .name,
    "单位": .unit, "单位编号": .unit,
    "职级": .rank,
    "领导职务": .leadership,
    "标签": .tags,
    "性别": .gender,
    "出生年份": .birthYear,
    "政治面貌": .party,
    "任职时间": .appointed,
    "不可参训时间": .unavailable,
  ]
}

extension ClassColumn {
  static let aliases: [String: ClassColumn] = [
    "编号": .id, "班次编号": .id,
    "班次名称": .name, "名称": .name,
    "培训机构": .institution,
    "机构类型": .institutionType,
    "层级": .level,
    "地区": .region, "举办地": .region,
    "类别": .kind, "班次类别": .kind,
    "主题": .theme,
    "开班日期": .start, "开始日期": .start,
    "天数": .days,
    "学时": .hours,
    "最少人数": .minSize,
    "容量": .capacity, "名额": .capacity,
    "职级要求": .ranks,
    "对象标签": .tags,
    "人均费用": .costPerSeat,
    "固定费用": .fixedCost,
  ]
}

extension CapacityColumn {
  static let aliases: [String: CapacityColumn] = [
    "编号": .id,
    "年度": .year, "年份": .year,
    "培训机构": .institution,
    "机构类型": .institutionType,
    "层级": .level,
    "地区": .region, "举办地": .region,
    "类别": .kind, "班次类别": .kind,
    "主题": .theme,
    "名额": .seats, "年度名额": .seats,
    "班次数": .classes,
    "天数": .days,
    "学时": .hours,
    "最少人数": .minSize,
    "职级要求": .ranks,
    "对象标签": .tags,
    "人均费用": .costPerSeat,
    "固定费用": .fixedCost,
  ]
}

extension HistoryColumn {
  static let aliases: [String: HistoryColumn] = [
    "干部编号": .cadre,
    "班次编号": .classID,
    "类别": .kind,
    "主题": .theme,
    "机构类型": .institutionType,
    "开始日期": .start, "开班日期": .start,
    "天数": .days,
    "学时": .hours,
  ]
}

/// A header as alias tables key it: without spaces of any width (`姓　名` is `姓名`).
func aliasKey(_ header: String) -> String {
  var s = ""
  for ch in header where !ch.isWhitespace { s.append(ch) }
  return s
}

/// Chinese words for the values of the closed vocabularies: each type's
/// `label` (`县处级`, `集中轮训`, …) and a few common synonyms.
enum ValueAliases {
  /// The vocabulary word for `text`, if `text` is a Chinese alias of one.
  static func word<T: RawRepresentable & CaseIterable>(_: T.Type, _ text: Substring) -> T? where T.RawValue == String {
    guard let raw = table[ObjectIdentifier(T.self)]?[String(text)] else { return nil }
    return T(rawValue: raw)
  }

  /// `男`/`女`.
  static let gender: [String: Gender] = ["男": .male, "女": .female]

  private static func labels<T: RawRepresentable>(_ all: [T], _ label: (T) -> String) -> [String: String]
  where T.RawValue == String {
    Dictionary(all.map { (label($0), $0.rawValue) }, uniquingKeysWith: { a, _ in a })
  }

  private static let table: [ObjectIdentifier: [String: String]] = [
    ObjectIdentifier(Rank.self): labels(Rank.allCases, \.label).merging(
      ["厅级": "bureau", "处级": "county", "科级": "section", "科员": "staff"], uniquingKeysWith: { a, _ in a }),
    ObjectIdentifier(ClassKind.self): labels(ClassKind.allCases, \.label),
    ObjectIdentifier(Leadership.self): labels(Leadership.allCases, \.label).merging(
      ["正职": "principal", "无": "none"], uniquingKeysWith: { a, _ in a }),
    ObjectIdentifier(Party.self): [
      "中共党员": "cpc", "中共预备党员": "cpc", "群众": "non-party", "民主党派": "non-party",
      "无党派人士": "non-party", "共青团员": "non-party",
    ],
    ObjectIdentifier(InstitutionType.self): labels(InstitutionType.allCases, \.label).merging(
      ["其他": "other"], uniquingKeysWith: { a, _ in a }),
    ObjectIdentifier(Level.self): labels(Level.allCases, \.label).merging(
      ["国家级": "national"], uniquingKeysWith: { a, _ in a }),
  ]
}
