import CallupDomain
import Testing

@Suite("Day")
struct DayTests {
  @Test func epochIsOrdinalZero() {
    #expect(Day(iso: "1970-01-01")?.ordinal == 0)
    #expect(Day(iso: "1969-12-31")?.ordinal == -1)
    #expect(Day(iso: "2000-03-01")?.ordinal == 11017)
  }

  @Test func leapYears() {
    #expect(Day(iso: "2024-02-29") != nil)
    #expect(Day(iso: "2000-02-29") != nil)
    #expect(Day(iso: "2025-02-29") == nil)
    #expect(Day(iso: "2100-02-29") == nil)
    #expect(Day.isLeap(2000) && Day.isLeap(2024) && !Day.isLeap(1900) && !Day.isLeap(2025))
  }

  @Test func rejectsDaysThatDoNotExistAndOtherShapes() {
    for bad in [
      "2025-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-01", "2025/01/01",
      "25-01-01", "2025-01-01T", " 2025-01-01", "２０２５-01-01", "",
    ] {
      #expect(Day(iso: bad) == nil, "\(bad) should not parse")
    }
  }

  @Test func roundTripsAndComponents() {
    let d = Day(iso: "2025-12-31")!
    #expect(d.iso == "2025-12-31")
    for text in ["0001-01-01", "1970-01-01", "2000-02-29", "2024-10-09", "9999-12-31"] {
      #expect(Day(iso: text)?.iso == text)
    }
    #expect(d.year == 2025)
    #expect(d.components.month == 12 && d.components.day == 31)
    #expect(d.advanced(by: 1).iso == "2026-01-01")
    #expect(Day(iso: "2024-02-28")!.advanced(by: 1).iso == "2024-02-29")
    #expect(Day(iso: "2025-03-01")!.distance(to: Day(iso: "2025-03-15")!) == 14)
    #expect(Day(year: 2025, month: 2, day: 29) == nil)
  }

  @Test func rangesOfClasses() {
    let start = Day(iso: "2025-03-30")!
    let r = DayRange(start: start, days: 5)
    #expect(r.last.iso == "2025-04-03")
    #expect(r.description == "2025-03-30..2025-04-03")
    #expect(DayRange(start: start, days: 1).last == start)
    let touching = DayRange(first: Day(iso: "2025-04-03")!, last: Day(iso: "2025-04-10")!)
    let after = DayRange(first: Day(iso: "2025-04-04")!, last: Day(iso: "2025-04-10")!)
    #expect(r.overlaps(touching) && touching.overlaps(r))
    #expect(!r.overlaps(after) && !after.overlaps(r))
    #expect(r.contains(Day(iso: "2025-04-01")!) && !r.contains(Day(iso: "2025-04-04")!))
  }
}

@Suite("ExactDecimal")
struct ExactDecimalTests {
  @Test func sharesAreExact() {
    // 0.28 × 25 is 7.000000000000001 in binary floating point.
    #expect(binaryCeil(0.28 * 25) == 8)
    #expect(ExactDecimal("0.28")!.ceil(times: 25) == 7)
    #expect(ExactDecimal("0.2")!.ceil(times: 7) == 2)
    #expect(ExactDecimal("0.2")!.ceil(times: 5) == 1)
    #expect(ExactDecimal("0.2")!.ceil(times: 0) == 0)
    #expect(ExactDecimal("0.3")!.floor(times: 10) == 3)
    #expect(ExactDecimal("0.3")!.floor(times: 3) == 0)
    #expect(ExactDecimal("0.1")!.floor(times: 30) == 3)
  }

  @Test func parsing() {
    let quarter = ExactDecimal(".25")!
    #expect(quarter.units == 25 && quarter.scale == 2)
    #expect(quarter.description == "0.25")
    #expect(ExactDecimal("1")!.description == "1")
    #expect(ExactDecimal("0.05")!.description == "0.05")
    #expect(ExactDecimal(" 0.5 ")?.description == "0.5")
    for bad in ["", ".", "-0.2", "1e-1", "0.2.1", "abc", "0,2", "0.1234567890123456789"] {
      #expect(ExactDecimal(bad) == nil, "\(bad) should not parse")
    }
  }

  @Test func ordering() {
    #expect(ExactDecimal("0.2")! < ExactDecimal("0.25")!)
    #expect(ExactDecimal("0.3")! < ExactDecimal("1")!)
    #expect(!(ExactDecimal("0.20")! < ExactDecimal("0.2")!))
    #expect(!(ExactDecimal("0.2")! < ExactDecimal("0.20")!))
    #expect(ExactDecimal("0.333")!.doubleValue == 0.333)
  }

  @Test func releaseLimitOfAUnit() {
    let u = Unit(id: "U1", name: "x", region: "R", headcount: 10)
    // max(1, min(2, floor(0.3 × 10))) = 2
    #expect(u.releaseLimit(defaultMaxAway: 2, defaultShare: ExactDecimal("0.3")!, cadresInUnit: 4) == 2)
    // floor(0.3 × 3) = 0 → at least 1
    let small = Unit(id: "U2", name: "y", region: "R")
    #expect(small.releaseLimit(defaultMaxAway: 2, defaultShare: ExactDecimal("0.3")!, cadresInUnit: 3) == 1)
  }
}

private func binaryCeil(_ x: Double) -> Double { x.rounded(.up) }
