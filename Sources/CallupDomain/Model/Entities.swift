/// A work unit (单位): a bureau, a county government, a township, an SOE.
public struct Unit: Hashable, Sendable {
  public var id: UnitID
  public var name: String
  public var region: RegionID
  public var parent: UnitID?
  /// Staff of the unit; nil in the file means "the number of its cadres".
  public var headcount: Int?
  /// Overrides of the release rule's defaults for this unit.
  public var maxAway: Int?
  public var maxAwayShare: ExactDecimal?

  public init(
    id: UnitID, name: String, region: RegionID, parent: UnitID? = nil, headcount: Int? = nil,
    maxAway: Int? = nil, maxAwayShare: ExactDecimal? = nil
  ) {
    self.id = id
    self.name = name
    self.region = region
    self.parent = parent
    self.headcount = headcount
    self.maxAway = maxAway
    self.maxAwayShare = maxAwayShare
  }

  /// Most cadres of this unit away on the same day:
  /// `max(1, min(max_away, floor(max_away_share × headcount)))`.
  public func releaseLimit(
    defaultMaxAway: Int, defaultShare: ExactDecimal, cadresInUnit: Int
  ) -> Int {
    let n = headcount ?? cadresInUnit
    let a = maxAway ?? defaultMaxAway
    let s = (maxAwayShare ?? defaultShare).floor(times: n)
    return max(1, min(a, s))
  }
}

/// A cadre (干部): one person who may be called up.
public struct Cadre: Hashable, Sendable {
  public var id: CadreID
  public var name: String
  public var unit: UnitID
  public var rank: Rank
  public var leadership: Leadership
  public var tags: Set<String>
  public var gender: Gender
  public var birthYear: Int
  public var party: Party
  public var appointed: Day?
  public var unavailable: [DayRange]

  public init(
    id: CadreID, name: String, unit: UnitID, rank: Rank, leadership: Leadership = .none,
    tags: Set<String> = [], gender: Gender = .male, birthYear: Int = 1975, party: Party = .cpc,
    appointed: Day? = nil, unavailable: [DayRange] = []
  ) {
    self.id = id
    self.name = name
    self.unit = unit
    self.rank = rank
    self.leadership = leadership
    self.tags = tags
    self.gender = gender
    self.birthYear = birthYear
    self.party = party
    self.appointed = appointed
    self.unavailable = unavailable
  }

  public var isPrincipal: Bool { leadership == .principal }

  /// True when the cadre is free on every day of `range`.
  public func isAvailable(during range: DayRange) -> Bool {
    !unavailable.contains { $0.overlaps(range) }
  }
}

/// A training class (班次) of the catalogue.
public struct TrainingClass: Hashable, Sendable {
  public var id: ClassID
  public var name: String
  public var institution: InstitutionID
  public var institutionType: InstitutionType
  public var level: Level
  public var region: RegionID
  public var kind: ClassKind
  /// Empty means no theme.
  public var theme: String
  public var start: Day
  public var days: Int
  public var hours: Double
  public var minSize: Int
  /// nil = unlimited.
  public var capacity: Int?
  /// Empty = any rank.
  public var ranks: Set<Rank>
  /// Empty = anyone; else the cadre must have at least one.
  public var tags: Set<String>
  public var costPerSeat: Double
  public var fixedCost: Double
  /// Made from a yearly seat capacity (capacities.csv) for a year with no
  /// calendar yet: its seats are real, its dates nominal (spread over the
  /// teaching months) until the calendar is published.
  public var provisional = false

  public init(
    id: ClassID, name: String, institution: InstitutionID, institutionType: InstitutionType = .partySchool,
    level: Level = .city, region: RegionID, kind: ClassKind, theme: String = "", start: Day, days: Int,
    hours: Double, minSize: Int = 1, capacity: Int? = nil, ranks: Set<Rank> = [], tags: Set<String> = [],
    costPerSeat: Double = 0, fixedCost: Double = 0
  ) {
    self.id = id
    self.name = name
    self.institution = institution
    self.institutionType = institutionType
    self.level = level
    self.region = region
    self.kind = kind
    self.theme = theme
    self.start = start
    self.days = days
    self.hours = hours
    self.minSize = minSize
    self.capacity = capacity
    self.ranks = ranks
    self.tags = tags
    self.costPerSeat = costPerSeat
    self.fixedCost = fixedCost
  }

  /// The days the class occupies, `start ... start + days - 1`.
  public var span: DayRange { DayRange(start: start, days: days) }
  public var end: Day { span.last }
  /// A class belongs to the year of its first day.
  public var year: Int { start.year }

  /// The class's `ranks` and `tags` admit the cadre.
  public func admits(_ cadre: Cadre) -> Bool {
    (ranks.isEmpty || ranks.contains(cadre.rank))
      && (tags.isEmpty || !tags.isDisjoint(with: cadre.tags))
  }
}

/// A past training of a cadre (history.csv).
public struct HistoryRecord: Hashable, Sendable {
  public var cadre: CadreID
  public var classID: ClassID?
  public var kind: ClassKind
  public var theme: String
  public var institutionType: InstitutionType?
  public var start: Day
  public var days: Int
  public var hours: Double

  public init(
    cadre: CadreID, classID: ClassID? = nil, kind: ClassKind, theme: String = "",
    institutionType: InstitutionType? = nil, start: Day, days: Int, hours: Double
  ) {
    self.cadre = cadre
    self.classID = classID
    self.kind = kind
    self.theme = theme
    self.institutionType = institutionType
    self.start = start
    self.days = days
    self.hours = hours
  }

  /// Cadre `cadre` attended class `k` in full: its kind, theme, dates and hours.
  public init(cadre: CadreID, attended k: TrainingClass) {
    self.init(
      cadre: cadre, classID: k.id, kind: k.kind, theme: k.theme, institutionType: k.institutionType, start: k.start,
      days: k.days, hours: k.hours)
  }

  public var span: DayRange { DayRange(start: start, days: days) }
  public var year: Int { start.year }
}
