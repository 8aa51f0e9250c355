/// The closed vocabularies of the contract (docs/contract.md). Each case's raw value
/// is the word used in the files; `label` is the Chinese term planners use.

public enum Rank: String, CaseIterable, Sendable, Codable, Comparable {
  case provincial, bureau, county, section, staff

  public var label: String {
    switch self {
    case .provincial: "省部级"
    case .bureau: "厅局级"
    case .county: "县处级"
    case .section: "乡科级"
    case .staff: "科员及以下"
    }
  }
  var order: Int { Rank.allCases.firstIndex(of: self)! }
  public static func < (a: Rank, b: Rank) -> Bool { a.order < b.order }
}

public enum Leadership: String, CaseIterable, Sendable, Codable {
  case principal, deputy, team, none

  /// Principals and deputies are team members too.
  public var isTeamMember: Bool { self != .none }
  public var label: String {
    switch self {
    case .principal: "党政正职"
    case .deputy: "副职"
    case .team: "班子成员"
    case .none: "非领导"
    }
  }
}

public enum Gender: String, CaseIterable, Sendable, Codable {
  case male = "M"
  case female = "F"
}

public enum Party: String, CaseIterable, Sendable, Codable {
  case cpc
  case nonParty = "non-party"
}

public enum ClassKind: String, CaseIterable, Sendable, Codable, Comparable {
  case rotation, systematic, professional, reading, appointment, initial, special, online

  public var label: String {
    switch self {
    case .rotation: "集中轮训"
    case .systematic: "主体班"
    case .professional: "专业化能力培训"
    case .reading: "读书班"
    case .appointment: "任职培训"
    case .initial: "初任培训"
    case .special: "专题培训"
    case .online: "网络培训"
    }
  }
  /// Attending an online class does not take a cadre away from work.
  public var isOffTheJob: Bool { self != .online }
  /// `special` and `online` are exempt from "one class of each kind a year".
  public var isOncePerYear: Bool { self != .special && self != .online }
  var order: Int { ClassKind.allCases.firstIndex(of: self)! }
  public static func < (a: ClassKind, b: ClassKind) -> Bool { a.order < b.order }
}

public enum InstitutionType: String, CaseIterable, Sendable, Codable {
  case partySchool = "party-school"
  case cadreCollege = "cadre-college"
  case university
  case other

  public var label: String {
    switch self {
    case .partySchool: "党校"
    case .cadreCollege: "干部学院"
    case .university: "高校"
    case .other: "其他机构"
    }
  }
}

public enum Level: String, CaseIterable, Sendable, Codable, Comparable {
  case national, province, city, county

  public var label: String {
    switch self {
    case .national: "中央"
    case .province: "省级"
    case .city: "市级"
    case .county: "县级"
    }
  }
  var order: Int { Level.allCases.firstIndex(of: self)! }
  public static func < (a: Level, b: Level) -> Bool { a.order < b.order }
}
