import CallupDomain

/// The training calendar: when classes may be held.
///
/// No class is held over the Spring Festival (from four days before New
/// Year's Day to the end of the holiday week) nor in the National Day week
/// (October 1–7). Classes start on Mondays.
enum TrainingCalendar {
  /// Chinese New Year's Day of the years the generator uses.
  static let springFestival: [Int: (month: Int, day: Int)] = [
    2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16),
    2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10),
    2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
  ]

  /// The days of `year` on which no class is held.
  static func blackout(_ year: Int) -> [DayRange] {
    let festival: DayRange
    if let (m, d) = springFestival[year], let day = Day(year: year, month: m, day: d) {
      festival = DayRange(first: day.advanced(by: -4), last: day.advanced(by: 11))
    } else {
      festival = DayRange(first: Day(year: year, month: 1, day: 20)!, last: Day(year: year, month: 2, day: 20)!)
    }
    let national = DayRange(first: Day(year: year, month: 10, day: 1)!, last: Day(year: year, month: 10, day: 7)!)
    return [festival, national]
  }

  /// The first day after the Spring Festival break of `year`.
  static func afterFestival(_ year: Int) -> Day { blackout(year)[0].last.advanced(by: 1) }

  /// Mondays `d` in `from ... to` such that a class of `days` days starting
  /// on `d` ends by `to` and touches no blackout day.
  static func starts(days: Int, from: Day, to: Day) -> [Day] {
    var out: [Day] = []
    // 1970-01-01 was a Thursday: ordinal 4 is a Monday.
    var d = from
    let shift = ((Int(d.ordinal) - 4) % 7 + 7) % 7
    if shift != 0 { d = d.advanced(by: 7 - shift) }
    while d.advanced(by: days - 1) <= to {
      let span = DayRange(start: d, days: days)
      let blocked =
        blackout(d.year).contains { $0.overlaps(span) }
        || (span.last.year != d.year && blackout(span.last.year).contains { $0.overlaps(span) })
      if !blocked { out.append(d) }
      d = d.advanced(by: 7)
    }
    return out
  }

  /// `count` start days for classes of `days` days, spread evenly over the
  /// allowed Mondays of `from ... to`, each moved by up to `jitter` weeks
  /// (always `count` days).
  static func spread(
    _ count: Int, days: Int, from: Day, to: Day, jitter: Int = 1, rng: inout Xoshiro256
  ) -> [Day] {
    guard count > 0 else { return [] }
    var candidates = starts(days: days, from: from, to: to)
    if candidates.isEmpty {
      // The window is too short for the class: anywhere in the window's year.
      let y = from.year
      candidates = starts(days: days, from: Day(year: y, month: 1, day: 1)!, to: Day(year: y, month: 12, day: 31)!)
    }
    if candidates.isEmpty { candidates = [from] }
    var out: [Day] = []
    for i in 0..<count {
      let target = Int((Double(i) + 0.5) * Double(candidates.count) / Double(count))
      let j = min(candidates.count - 1, max(0, target + rng.int(in: -jitter...jitter)))
      out.append(candidates[j])
    }
    return out
  }
}

/// Hours of a training of `days` days: 7 a day for a week or less, 6 a day
/// for longer classes (weekends are study days at party schools).
func classHours(days: Int) -> Double { Double(days <= 7 ? days * 7 : days * 6) }
