/// A non-negative decimal kept exactly as `units / 10^scale`, so that shares
/// are computed as decimals, not in binary floating point:
/// `ExactDecimal("0.28")!.ceil(times: 25) == 7`.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible, Comparable {
  public let units: Int
  public let scale: Int

  public init(units: Int, scale: Int) {
    self.units = units
    self.scale = scale
  }

  /// Parses `0.2`, `1`, `.25`, `0.333`; nil for anything else (also negatives).
  public init?(_ text: some StringProtocol) {
    let s = text.trimmingCharacters(in: " ")
    guard !s.isEmpty, s.count <= 18 else { return nil }
    var units = 0
    var scale = 0
    var seenPoint = false
    var digits = 0
    for ch in s {
      if ch == "." {
        if seenPoint { return nil }
        seenPoint = true
      } else if let v = ch.wholeNumberValue, ch.isASCII {
        units = units * 10 + v
        digits += 1
        if seenPoint { scale += 1 }
      } else {
        return nil
      }
    }
    guard digits > 0 else { return nil }
    self.units = units
    self.scale = scale
  }

  public init(_ value: Int) {
    self.units = value
    self.scale = 0
  }

  var denominator: Int {
    var d = 1
    for _ in 0..<scale { d *= 10 }
    return d
  }

  /// `ceil(self × n)`, exactly.
  public func ceil(times n: Int) -> Int {
    let p = units * n
    let d = denominator
    return p >= 0 ? (p + d - 1) / d : -((-p) / d)
  }

  /// `floor(self × n)`, exactly.
  public func floor(times n: Int) -> Int {
    let p = units * n
    let d = denominator
    return p >= 0 ? p / d : -((-p + d - 1) / d)
  }

  public var doubleValue: Double { Double(units) / Double(denominator) }

  public static func < (a: Self, b: Self) -> Bool {
    let s = max(a.scale, b.scale)
    var au = a.units, bu = b.units
    for _ in a.scale..<s { au *= 10 }
    for _ in b.scale..<s { bu *= 10 }
    return au < bu
  }

  public var description: String {
    if scale == 0 { return String(units) }
    var digits = String(units)
    if digits.count <= scale {
      digits = String(repeating: "0", count: scale - digits.count + 1) + digits
    }
    let cut = digits.index(digits.endIndex, offsetBy: -scale)
    return digits[..<cut] + "." + digits[cut...]
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s.removeFirst() }
    while s.last == set { s.removeLast() }
    return String(s)
  }
}
