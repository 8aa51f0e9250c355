import CallupDomain

/// What the checker needs to know of one training, planned or from history,
/// to decide whether a rule counts it. An attribute a history row does not
/// carry is nil.
struct TrainingFacts {
  var kind: ClassKind
  var institutionType: InstitutionType?
  var level: Level?
  var institution: String?
  var region: String?
  var theme: String
  var days: Int
  var start: Day

  init(_ k: TrainingClass) {
    self.init(
      kind: k.kind, institutionType: k.institutionType, level: k.level, institution: k.institution.rawValue,
      region: k.region.rawValue, theme: k.theme, days: k.days, start: k.start)
  }

  /// A history row: matched on its class when classes.csv has that class,
  /// otherwise on the attributes the row carries (kind, theme,
  /// institution_type, days); it cannot answer levels, institutions or regions.
  init(_ h: HistoryRecord, catalogue: (ClassID) -> TrainingClass?) {
    if let id = h.classID, let k = catalogue(id) {
      self.init(k)
      start = h.start
    } else {
      self.init(
        kind: h.kind, institutionType: h.institutionType, level: nil, institution: nil, region: nil, theme: h.theme,
        days: h.days, start: h.start)
    }
  }

  init(
    kind: ClassKind, institutionType: InstitutionType?, level: Level?, institution: String?, region: String?,
    theme: String, days: Int, start: Day
  ) {
    self.kind = kind
    self.institutionType = institutionType
    self.level = level
    self.institution = institution
    self.region = region
    self.theme = theme
    self.days = days
    self.start = start
  }
}

/// The checker's own reading of the contract's counting rules: the class
/// selector and the timing of cycle rules. It shares no code with the planner.
enum Counting {
  /// True when the training matches every given key of the class selector
  /// (a key with an empty list counts as not given; a key the training cannot
  /// answer does not match).
  static func selects(_ sel: ClassSelector, _ t: TrainingFacts) -> Bool {
    if !sel.kinds.isEmpty, !sel.kinds.contains(t.kind) { return false }
    if !sel.institutionTypes.isEmpty {
      guard let v = t.institutionType, sel.institutionTypes.contains(v) else { return false }
    }
    if !sel.levels.isEmpty {
      guard let v = t.level, sel.levels.contains(v) else { return false }
    }
    if !sel.institutions.isEmpty {
      guard let v = t.institution, sel.institutions.contains(v) else { return false }
    }
    if !sel.themes.isEmpty, !sel.themes.contains(t.theme) { return false }
    if !sel.regions.isEmpty {
      guard let v = t.region, sel.regions.contains(v) else { return false }
    }
    if let lo = sel.minDays, t.days < lo { return false }
    if let hi = sel.maxDays, t.days > hi { return false }
    return true
  }

  /// True when a training of `kind` starting on `start` and lasting `days`
  /// counts for the cycle rule: its kind is one of `kinds`, it lasts at least
  /// `min_days`, it starts inside `window` and ends by `by` (days of the
  /// year of its first day).
  static func counts(_ rule: CycleRule, kind: ClassKind, start: Day, days: Int) -> Bool {
    guard rule.kinds.contains(kind), days >= rule.minDays else { return false }
    return inTime(rule.timing, start: start, days: days)
  }

  static func counts(_ rule: CycleRule, _ k: TrainingClass) -> Bool {
    counts(rule, kind: k.kind, start: k.start, days: k.days)
  }

  static func counts(_ rule: CycleRule, _ h: HistoryRecord) -> Bool {
    counts(rule, kind: h.kind, start: h.start, days: h.days)
  }

  /// The timing keys: `window` (the start on or between two days of its
  /// year) and `by` (the last day on or before a day of its year).
  static func inTime(_ timing: Timing, start: Day, days: Int) -> Bool {
    let year = start.year
    if let from = timing.windowFrom, let to = timing.windowTo {
      guard let a = day(from, in: year), let b = day(to, in: year) else { return false }
      if start < a || b < start { return false }
    }
    if let by = timing.by {
      guard let limit = day(by, in: year) else { return false }
      let last = start.advanced(by: max(days, 1) - 1)
      if limit < last { return false }
    }
    return true
  }

  /// `MM-DD` in `year`; 29 February is 28 February in a common year.
  static func day(_ md: MonthDay, in year: Int) -> Day? {
    Day(year: year, month: md.month, day: min(md.day, Day.daysIn(month: md.month, year: year)))
  }

  /// `ceil(∏ nums / ∏ dens)` for non-negative integers and positive
  /// denominators, exactly; nil if the product would not fit.
  static func ceilRatio(_ nums: [Int], _ dens: [Int]) -> Int? {
    guard let (q, r) = ratio(nums, dens) else { return nil }
    return r > 0 ? q + 1 : q
  }

  /// `floor(∏ nums / ∏ dens)`, exactly; nil if the product would not fit.
  static func floorRatio(_ nums: [Int], _ dens: [Int]) -> Int? { ratio(nums, dens)?.0 }

  private static func ratio(_ nums: [Int], _ dens: [Int]) -> (Int, Int)? {
    if nums.contains(0) { return (0, 0) }
    var n = nums
    var d = dens
    for i in n.indices {
      for j in d.indices {
        let g = gcd(n[i], d[j])
        if g > 1 {
          n[i] /= g
          d[j] /= g
        }
      }
    }
    guard let num = product(n), let den = product(d), den > 0 else { return nil }
    return (num / den, num % den)
  }

  private static func product(_ xs: [Int]) -> Int? {
    var p = 1
    for x in xs {
      let (v, overflow) = p.multipliedReportingOverflow(by: x)
      if overflow { return nil }
      p = v
    }
    return p
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  /// `10^scale`, nil beyond what fits.
  static func pow10(_ scale: Int) -> Int? {
    var p = 1
    for _ in 0..<scale {
      let (v, overflow) = p.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      p = v
    }
    return p
  }
}
