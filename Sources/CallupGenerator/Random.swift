/// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator used to seed
/// `Xoshiro256` and to derive independent streams from one seed.
public struct SplitMix64: Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256** (Blackman, Vigna 2018), with the draws the generator needs
/// written out here, so that a seed gives the same scenario on every
/// platform and Swift version (the standard library's `random(in:using:)`
/// and `shuffled(using:)` promise no particular algorithm).
///
/// A stream is named: `Xoshiro256(seed: 7, stream: "history")` is
/// independent of `Xoshiro256(seed: 7, stream: "names")`, so adding draws to
/// one part of the generator does not change the others.
public struct Xoshiro256: Sendable {
  var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  /// The stream `stream` of `seed`.
  public init(seed: UInt64, stream: String = "") {
    var sm = SplitMix64(seed: seed ^ Xoshiro256.fnv1a(stream))
    s0 = sm.next()
    s1 = sm.next()
    s2 = sm.next()
    s3 = sm.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
  }

  /// A generator with the given raw state (for reference vectors).
  init(state: (UInt64, UInt64, UInt64, UInt64)) {
    (s0, s1, s2, s3) = state
  }

  /// FNV-1a over the UTF-8 bytes: a stable hash of a stream name.
  static func fnv1a(_ s: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01B3
    }
    return h
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform integer in `0 ..< n` (Lemire's method, unbiased); 0 when n is 0.
  public mutating func below(_ n: UInt64) -> UInt64 {
    guard n > 0 else { return 0 }
    var m = next().multipliedFullWidth(by: n)
    if m.low < n {
      let threshold = (0 &- n) % n
      while m.low < threshold { m = next().multipliedFullWidth(by: n) }
    }
    return m.high
  }

  /// A uniform integer in `range`.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
    if span == 0 { return Int(Int64(bitPattern: next())) }
    return range.lowerBound &+ Int(below(span))
  }

  /// A uniform double in `[0, 1)`.
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform double in `range`.
  public mutating func double(in range: ClosedRange<Double>) -> Double {
    range.lowerBound + unit() * (range.upperBound - range.lowerBound)
  }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// A uniform element of a non-empty array (nil when empty).
  public mutating func pick<T>(_ items: [T]) -> T? {
    items.isEmpty ? nil : items[Int(below(UInt64(items.count)))]
  }

  /// An index drawn with the given non-negative weights (nil when all are 0).
  public mutating func weightedIndex(_ weights: [Double]) -> Int? {
    let total = weights.reduce(0, +)
    guard total > 0 else { return nil }
    var x = unit() * total
    for (i, w) in weights.enumerated() {
      if x < w { return i }
      x -= w
    }
    return weights.lastIndex { $0 > 0 }
  }

  /// The array in a uniformly random order (Fisher–Yates).
  public mutating func shuffled<T>(_ items: [T]) -> [T] {
    var a = items
    var i = a.count
    while i > 1 {
      let j = Int(below(UInt64(i)))
      i -= 1
      a.swapAt(i, j)
    }
    return a
  }
}
