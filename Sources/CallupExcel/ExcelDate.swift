/// Excel's dates: serial day numbers counted from 1899-12-30 (the 1900 date
/// system, with Excel's phantom 1900-02-29 as serial 60) or from 1904-01-01
/// (the 1904 system of old Mac workbooks).
public enum ExcelDate {
  /// `YYYY-MM-DD` for a serial number (its fraction, the time of day, is
  /// dropped); nil outside 1900-01-01 … 9999-12-31.
  public static func iso(serial: Double, date1904: Bool = false) -> String? {
    guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
    var days = Int(serial.rounded(.down))
    if date1904 {
      days += 1462  // 1904-01-01 is serial 1462 in the 1900 system
    } else {
      guard days >= 1 else { return nil }
      if days == 60 { return "1900-02-29" }  // Excel's phantom day; the file means it, so say it
      if days < 60 { days += 1 }  // before the phantom day, serials are one less
    }
    // Days since 1899-12-30 → civil date (Howard Hinnant's algorithm, from 1970-01-01).
    let z = days - 25569 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    guard (1900...9999).contains(y) else { return nil }
    return format(y, m, d)
  }

  /// Year, month and day of a valid `YYYY-MM-DD` date from 1900 to 9999.
  public static func components(iso text: String) -> (year: Int, month: Int, day: Int)? {
    let u = Array(text.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    var parts = [0, 0, 0]
    for (i, b) in u.enumerated() where i != 4 && i != 7 {
      guard b >= 48, b <= 57 else { return nil }
      let p = i < 4 ? 0 : (i < 7 ? 1 : 2)
      parts[p] = parts[p] * 10 + Int(b - 48)
    }
    let (y, m, d) = (parts[0], parts[1], parts[2])
    guard (1900...9999).contains(y), (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
    return (y, m, d)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }
}
