/// A civil date (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Dates in every file are ISO `YYYY-MM-DD`. Arithmetic is on whole days:
/// a class that starts on `start` and lasts `days` days occupies
/// `start ... start + (days - 1)`.
public struct Day: Hashable, Comparable, Sendable, Strideable, CustomStringConvertible, Codable {
  public var ordinal: Int32

  public init(ordinal: Int32) { self.ordinal = ordinal }

  /// The day for a year, month (1–12) and day of month, or nil if no such day exists.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
      (1...9999).contains(year)
    else { return nil }
    self.ordinal = Int32(Day.daysFromCivil(year, month, day))
  }

  /// Parses `YYYY-MM-DD` exactly (also rejects 2025-02-30).
  public init?(iso text: some StringProtocol) {
    let u = Array(text.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    func num(_ r: Range<Int>) -> Int? {
      var v = 0
      for i in r {
        let c = u[i]
        guard c >= 48, c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days.
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(ordinal) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  public var year: Int { components.year }

  public var iso: String {
    let (y, m, d) = components
    guard (0...9999).contains(y) else {
      let year = String(y)
      return String(repeating: "0", count: max(0, 4 - year.count)) + year + (m < 10 ? "-0" : "-") + String(m)
        + (d < 10 ? "-0" : "-") + String(d)
    }
    // Ten ASCII digits and dashes, without formatting (a plan writes a date per row).
    let digits: [UInt8] = [
      UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
      UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10),
    ]
    return String(decoding: digits, as: UTF8.self)
  }

  public var description: String { iso }

  public func distance(to other: Day) -> Int { Int(other.ordinal - ordinal) }
  public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }
  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

  public init(from decoder: any Decoder) throws {
    let s = try decoder.singleValueContainer().decode(String.self)
    guard let d = Day(iso: s) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
    }
    self = d
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }
}

/// A closed range of days, `first ... last`.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
  public var first: Day
  public var last: Day
  public init(first: Day, last: Day) {
    self.first = first
    self.last = last
  }
  /// The days a class or training of `days` days starting on `start` occupies.
  public init(start: Day, days: Int) {
    self.first = start
    self.last = start.advanced(by: max(days, 1) - 1)
  }
  public func overlaps(_ other: DayRange) -> Bool { first <= other.last && other.first <= last }
  public func contains(_ d: Day) -> Bool { first <= d && d <= last }
  /// `2025-03-01..2025-03-15`, the form used in cadres.csv.
  public var description: String { "\(first.iso)..\(last.iso)" }
}
