import CallupDomain

/// Where a training row of the ledger came from.
public enum TrainingSource: String, Sendable, CaseIterable, Codable {
  /// A history CSV in the contract format (`cadre,class,kind,…`).
  case history
  /// A planners' export with other headers (干部编号, 班次编号, …).
  case imported = "import"
  /// A published plan's call-up.
  case plan
}

/// What became of a training.
public enum TrainingStatus: String, Sendable, CaseIterable, Codable {
  /// Called up by a published plan; attendance not yet recorded.
  case planned
  /// Attended to the end: credited with the class hours.
  case attended
  /// Did not come: no hours, and the obligation stays due.
  case absent
  /// Came but left before the end: credited with the hours given.
  case leftEarly = "left-early"

  /// `参训`, `缺训`, `中途退学`.
  public var label: String {
    switch self {
    case .planned: "已调训"
    case .attended: "参训"
    case .absent: "缺训"
    case .leftEarly: "中途退学"
    }
  }
}

/// One row of the ledger's `trainings` table: a training a cadre attended or
/// is called up to.
public struct Training: Hashable, Sendable {
  public var id: Int64?
  public var cadre: CadreID
  public var classID: ClassID?
  public var kind: ClassKind
  public var theme: String
  public var institutionType: InstitutionType?
  public var start: Day
  public var days: Int
  /// The class hours of the training.
  public var hours: Double
  public var source: TrainingSource
  public var status: TrainingStatus
  /// Hours the cadre earned: the class hours when attended, the hours given
  /// when left early, 0 when absent or still planned.
  public var creditedHours: Double
  /// The publication that called the cadre up, for `plan` rows.
  public var publication: Int64?

  public init(
    id: Int64? = nil, cadre: CadreID, classID: ClassID? = nil, kind: ClassKind, theme: String = "",
    institutionType: InstitutionType? = nil, start: Day, days: Int, hours: Double,
    source: TrainingSource, status: TrainingStatus, creditedHours: Double, publication: Int64? = nil
  ) {
    self.id = id
    self.cadre = cadre
    self.classID = classID
    self.kind = kind
    self.theme = theme
    self.institutionType = institutionType
    self.start = start
    self.days = days
    self.hours = hours
    self.source = source
    self.status = status
    self.creditedHours = creditedHours
    self.publication = publication
  }

  /// A training belongs to the year of its first day.
  public var year: Int { start.year }

  /// Days credited: all of them when attended, in proportion to the credited
  /// hours when left early, none otherwise.
  public var creditedDays: Double {
    switch status {
    case .attended: Double(days)
    case .leftEarly: hours > 0 ? Double(days) * min(1, creditedHours / hours) : 0
    case .absent, .planned: 0
    }
  }

  /// The training as a history.csv row would carry it (credited hours).
  public var historyRecord: HistoryRecord {
    HistoryRecord(
      cadre: cadre, classID: classID, kind: kind, theme: theme, institutionType: institutionType, start: start,
      days: days, hours: creditedHours)
  }
}
