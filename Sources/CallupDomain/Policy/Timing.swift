/// A day of any year, `MM-DD`, as the timing keys of cycle rules write it.
public struct MonthDay: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var month: Int
  public var day: Int

  public init?(month: Int, day: Int) {
    // 29 February is allowed: in a year without it, it means 28 February.
    guard (1...12).contains(month), (1...Day.daysIn(month: month, year: 2024)).contains(day) else { return nil }
    self.month = month
    self.day = day
  }

  /// Parses `MM-DD` (`06-30`, `6-30`); nil for anything else.
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
    self.init(month: m, day: d)
  }

  /// This day in `year` (28 February for 29 February in a common year).
  public func day(in year: Int) -> Day {
    Day(year: year, month: month, day: min(day, Day.daysIn(month: month, year: year)))!
  }

  public static func < (a: Self, b: Self) -> Bool { (a.month, a.day) < (b.month, b.day) }
  public var description: String {
    (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
  }
}

/// When a counting class must run for a cycle rule: it starts inside
/// `window` (from..to of its year) and ends on or before `by` of its year.
public struct Timing: Hashable, Sendable {
  public var window: (from: MonthDay, to: MonthDay)? {
    get { windowFrom.flatMap { f in windowTo.map { (f, $0) } } }
    set {
      windowFrom = newValue?.from
      windowTo = newValue?.to
    }
  }
  public var windowFrom: MonthDay?
  public var windowTo: MonthDay?
  public var by: MonthDay?

  public init(window: (from: MonthDay, to: MonthDay)? = nil, by: MonthDay? = nil) {
    self.windowFrom = window?.from
    self.windowTo = window?.to
    self.by = by
  }

  public static let always = Timing()
  /// True when no key narrows what counts.
  public var isAlways: Bool { windowFrom == nil && by == nil }

  /// True when a training starting on `start` and lasting `days` days runs in time.
  public func admits(start: Day, days: Int) -> Bool {
    let year = start.year
    if let f = windowFrom, let t = windowTo {
      if start < f.day(in: year) || t.day(in: year) < start { return false }
    }
    if let by {
      let last = start.advanced(by: max(days, 1) - 1)
      if by.day(in: year) < last { return false }
    }
    return true
  }

  /// `window 03-01..05-31, by 06-30`, for messages; empty when always.
  public var description: String {
    var parts: [String] = []
    if let f = windowFrom, let t = windowTo { parts.append("starting \(f)..\(t)") }
    if let by { parts.append("ending by \(by)") }
    return parts.joined(separator: ", ")
  }
}
