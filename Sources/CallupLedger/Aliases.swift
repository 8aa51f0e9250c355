import CallupDomain

/// Headers and values that planners' spreadsheets use besides the contract's
/// English words: XLS-exported CSVs have Chinese column names (干部编号,
/// 班次编号, 类别, …) and Chinese values (集中轮训, 党校, 2024/4/8).
enum Aliases {
  /// A header cell as a lookup key: trimmed, lowercased, without a BOM and
  /// without a trailing note in brackets (`学时（小时）` → `学时`).
  static func headerKey(_ raw: String) -> String {
    var s = raw.trimmingCharacters(in: .whitespaces)
    if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
    for open in ["(", "（"] {
      if let r = s.range(of: open), r.lowerBound > s.startIndex { s = String(s[..<r.lowerBound]) }
    }
    return s.trimmingCharacters(in: .whitespaces).lowercased()
  }

  static let cadre = ["cadre", "干部编号", "干部id", "干部代码", "人员编号", "人员id"]
  static let classID = ["class", "班次编号", "班次id", "班次代码", "班次号"]
  static let kind = ["kind", "类别", "培训类别", "班次类别", "培训类型", "班次类型"]
  static let theme = ["theme", "主题", "培训主题", "专题"]
  static let institutionType = ["institution_type", "机构类型", "培训机构类型", "办学机构类型"]
  static let start = ["start", "开始日期", "开班日期", "培训开始日期", "开始时间"]
  static let days = ["days", "天数", "培训天数"]
  static let hours = ["hours", "学时", "培训学时", "学时数", "认定学时", "实得学时"]
  static let status = ["status", "状态", "参训情况", "出勤情况", "参训状态"]

  /// A class kind from its word or a Chinese name.
  static func kind(_ text: String) -> ClassKind? {
    if let k = ClassKind(rawValue: text.lowercased()) { return k }
    for k in ClassKind.allCases where k.label == text { return k }
    let extra: [String: ClassKind] = [
      "轮训": .rotation, "集中培训": .rotation,
      "系统理论教育": .systematic, "系统政治训练": .systematic, "主体班次": .systematic, "进修班": .systematic,
      "专业化能力培训": .professional, "履职能力培训": .professional, "专业培训": .professional,
      "专题班": .special, "专题": .special,
      "任职": .appointment, "初任": .initial,
      "网络学习": .online, "在线学习": .online, "网络培训": .online,
    ]
    return extra[text]
  }

  /// An institution type from its word or a Chinese name.
  static func institutionType(_ text: String) -> InstitutionType? {
    if let t = InstitutionType(rawValue: text.lowercased()) { return t }
    for t in InstitutionType.allCases where t.label == text { return t }
    let extra: [String: InstitutionType] = [
      "党校（行政学院）": .partySchool, "党校(行政学院)": .partySchool, "行政学院": .partySchool,
      "行政院校": .partySchool, "党校（行政院校）": .partySchool,
      "高等院校": .university, "大学": .university, "高校": .university,
      "其他": .other,
    ]
    return extra[text]
  }

  /// A training status from its word or a Chinese name.
  static func status(_ text: String) -> TrainingStatus? {
    switch text.lowercased() {
    case "attended", "参训", "已参训", "出勤", "结业": .attended
    case "absent", "缺训", "缺勤", "未参训", "请假": .absent
    case "left-early", "left early", "中途退学", "提前离开", "未结业": .leftEarly
    default: nil
    }
  }

  /// A date as spreadsheets export it: `2024-04-08`, `2024-4-8`,
  /// `2024/4/8`, `2024.4.8`, `2024年4月8日`, with an optional time after a space.
  static func day(_ raw: String) -> Day? {
    if let d = Day(iso: raw) { return d }
    var s = raw
    if let space = s.firstIndex(of: " ") { s = String(s[..<space]) }
    if s.hasSuffix("日") { s.removeLast() }
    let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { "-/.年月".contains($0) })
    guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    return Day(year: y, month: m, day: d)
  }
}
