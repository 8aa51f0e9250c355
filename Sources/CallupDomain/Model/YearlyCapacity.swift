/// A year's seats of one kind at one institution, for a year of the horizon
/// with no class calendar yet (capacities.csv).
///
/// Planning needs classes, so a capacity becomes `classes` provisional
/// classes (`provisionalClasses(phase:)`): the seats split evenly, ids
/// `ID-1 … ID-n`, starts spread evenly over the teaching months (1 March to
/// 30 November, after Spring Festival), each capacity of a year at its own
/// phase so that different capacities' classes seldom share their days.
/// Their seats, kinds, hours and eligibility are real; their dates are
/// nominal until the calendar is published.
public struct YearlyCapacity: Hashable, Sendable {
  public var id: String
  public var year: Int
  public var institution: InstitutionID
  public var institutionType: InstitutionType
  public var level: Level
  public var region: RegionID
  public var kind: ClassKind
  public var theme: String
  public var seats: Int
  public var classes: Int
  public var days: Int
  public var hours: Double
  public var minSize: Int
  public var ranks: Set<Rank>
  public var tags: Set<String>
  public var costPerSeat: Double
  public var fixedCost: Double

  /// Teaching months of a year without a calendar.
  public static let teachingMonths = (first: (month: 3, day: 1), last: (month: 11, day: 30))
  /// Seats per provisional class when `classes` is not given.
  public static let seatsPerClass = 60
  /// Longest class a capacity may describe (it must fit the teaching months).
  public static let longestDays = 180

  public init(
    id: String, year: Int, institution: InstitutionID, institutionType: InstitutionType, level: Level,
    region: RegionID, kind: ClassKind, theme: String = "", seats: Int, classes: Int? = nil, days: Int, hours: Double,
    minSize: Int = 1, ranks: Set<Rank> = [], tags: Set<String> = [], costPerSeat: Double = 0, fixedCost: Double = 0
  ) {
    self.id = id
    self.year = year
    self.institution = institution
    self.institutionType = institutionType
    self.level = level
    self.region = region
    self.kind = kind
    self.theme = theme
    self.seats = seats
    self.classes = classes ?? Self.defaultClasses(seats: seats)
    self.days = days
    self.hours = hours
    self.minSize = minSize
    self.ranks = ranks
    self.tags = tags
    self.costPerSeat = costPerSeat
    self.fixedCost = fixedCost
  }

  /// Provisional classes for `seats` seats when the count is not given.
  public static func defaultClasses(seats: Int) -> Int { max(1, (seats + seatsPerClass - 1) / seatsPerClass) }

  /// Ids of the provisional classes, in order.
  public var classIDs: [ClassID] { (1...max(1, classes)).map { ClassID("\(id)-\($0)") } }

  /// Where in its stretch of the teaching months the `ordinal`-th capacity
  /// of a year (0-based, in file order) starts its classes, in [0, 1): the
  /// golden-ratio sequence, so that the classes of different capacities
  /// seldom share their days (a unit's people would all be away at once).
  public static func phase(ordinal: Int) -> Double {
    let x = Double(ordinal) * 0.618_033_988_749_894_9
    return x - x.rounded(.down)
  }

  /// The provisional classes of this capacity (see the type's summary):
  /// class `i` of `n` starts `(i + phase) / n` of the way through the
  /// teaching months. Requires `1 ≤ classes ≤ seats` and `days ≤ longestDays`.
  public func provisionalClasses(phase: Double = 0.5) -> [TrainingClass] {
    let m = Self.teachingMonths
    let first = Day(year: year, month: m.first.month, day: m.first.day)!
    let last = Day(year: year, month: m.last.month, day: m.last.day)!
    let span = max(0, Int(last.ordinal - first.ordinal) - (days - 1))
    let n = max(1, classes)
    return classIDs.enumerated().map { i, classID in
      var k = TrainingClass(
        id: classID, name: "\(id) (\(i + 1)/\(n))", institution: institution, institutionType: institutionType,
        level: level, region: region, kind: kind, theme: theme,
        start: Day(ordinal: first.ordinal + Int32((Double(i) + phase) * Double(span) / Double(n))), days: days,
        hours: hours, minSize: minSize, capacity: seats / n + (i < seats % n ? 1 : 0), ranks: ranks, tags: tags,
        costPerSeat: costPerSeat, fixedCost: fixedCost)
      k.provisional = true
      return k
    }
  }

  /// The provisional classes of capacities in file order, as the loader
  /// makes them (each year's capacities with their own phases).
  public static func provisionalClasses(_ capacities: [YearlyCapacity]) -> [TrainingClass] {
    var ordinal: [Int: Int] = [:]
    var out: [TrainingClass] = []
    for c in capacities {
      out += c.provisionalClasses(phase: phase(ordinal: ordinal[c.year, default: 0]))
      ordinal[c.year, default: 0] += 1
    }
    return out
  }

  /// The classes of a calendar summed up as yearly capacities: one per
  /// year, institution, kind and everything else that makes a seat the
  /// same (theme, days, hours, eligibility, seat cost), the seats summed,
  /// the classes counted, the smallest minimum and the largest fixed cost
  /// kept. Ids `CAP-YEAR-NNN` in the order of the classes' first
  /// appearance. A class without a capacity counts `seatsPerClass` seats.
  public static func summarize(_ classes: [TrainingClass]) -> [YearlyCapacity] {
    struct Key: Hashable {
      var year: Int, institution: InstitutionID, type: InstitutionType, level: Level, region: RegionID
      var kind: ClassKind, theme: String, days: Int, hours: Double, ranks: Set<Rank>, tags: Set<String>, cost: Double
    }
    var order: [Key] = []
    var sums: [Key: YearlyCapacity] = [:]
    var perYear: [Int: Int] = [:]
    for k in classes {
      let key = Key(
        year: k.year, institution: k.institution, type: k.institutionType, level: k.level, region: k.region,
        kind: k.kind, theme: k.theme, days: k.days, hours: k.hours, ranks: k.ranks, tags: k.tags, cost: k.costPerSeat)
      let seats = k.capacity ?? seatsPerClass
      if var c = sums[key] {
        c.seats += seats
        c.classes += 1
        c.minSize = min(c.minSize, k.minSize)
        c.fixedCost = max(c.fixedCost, k.fixedCost)
        sums[key] = c
      } else {
        perYear[k.year, default: 0] += 1
        order.append(key)
        sums[key] = YearlyCapacity(
          id: String(format: "CAP-%d-%03d", k.year, perYear[k.year]!), year: k.year, institution: k.institution,
          institutionType: k.institutionType, level: k.level, region: k.region, kind: k.kind, theme: k.theme,
          seats: seats, classes: 1, days: k.days, hours: k.hours, minSize: k.minSize, ranks: k.ranks, tags: k.tags,
          costPerSeat: k.costPerSeat, fixedCost: k.fixedCost)
      }
    }
    return order.map { key in
      var c = sums[key]!
      // Each provisional class must hold its minimum.
      c.minSize = min(c.minSize, c.seats / c.classes)
      return c
    }
  }
}
