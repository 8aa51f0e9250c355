/// Makes names acceptable in CPLEX LP files and unique.
///
/// CPLEX LP names may contain ASCII letters, digits and the characters
/// ``allowedPunctuation``, may not start with a digit or a period, and are at
/// most 255 characters long. Anything else becomes `_` (a name with no ASCII
/// letter or digit left is replaced by the fallback); a name starting with
/// `~` (GLPK's own generated names) or that could be
/// read as a number (`e12`) or a keyword (`free`, `st`, `bounds`, …) gets a
/// leading `_`; a name already taken gets a suffix `_2`, `_3`, ….
internal struct LPNames {
  /// The punctuation allowed in CPLEX LP names besides letters and digits.
  static let allowedPunctuation = Set("!\"#$%&()/,.;?@_`'{}|~".unicodeScalars)

  /// Words GLPK's and other CPLEX LP readers treat as keywords.
  static let keywords: Set<String> = [
    "minimize", "minimise", "minimum", "min", "maximize", "maximise", "maximum", "max",
    "subject", "such", "st", "s.t.", "st.", "bounds", "bound", "general", "generals", "gen",
    "integer", "integers", "int", "binary", "binaries", "bin", "end", "free", "inf",
    "infinity", "semi-continuous", "semis", "semi", "sos",
  ]

  private var used: Set<String> = []

  /// Marks `name` as taken (for example `obj`, the objective's label).
  mutating func reserve(_ name: String) {
    used.insert(name)
  }

  /// Returns a valid, not yet used name for `name`; `fallback` is used when
  /// nothing of `name` survives.
  mutating func unique(_ name: String, fallback: String) -> String {
    var base = LPNames.clean(name)
    // A name with no letter or digit left (all non-ASCII) says nothing.
    let informative = base.unicodeScalars.contains {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
    }
    if !informative { base = fallback }
    if base.utf8.count > 240 { base = String(base.prefix(240)) }
    var candidate = base
    var suffix = 2
    while used.contains(candidate) {
      candidate = "\(base)_\(suffix)"
      suffix += 1
    }
    used.insert(candidate)
    return candidate
  }

  /// Replaces disallowed characters and protects names that would be misread.
  static func clean(_ name: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in name.unicodeScalars {
      let ok =
        scalar.isASCII
        && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
          || ("0"..."9").contains(scalar) || allowedPunctuation.contains(scalar))
      scalars.append(ok ? scalar : "_")
    }
    var result = String(scalars)
    guard let first = result.unicodeScalars.first else { return result }
    let second = result.unicodeScalars.dropFirst().first
    // GLPK's own generated names start with "~" (range slacks "~r_1").
    let startsBadly = ("0"..."9").contains(first) || first == "." || first == "~"
    let looksLikeExponent =
      (first == "e" || first == "E")
      && (second == nil || ("0"..."9").contains(second!) || second == "e" || second == "E"
        || second == "." || second == "+" || second == "-")
    if startsBadly || looksLikeExponent || keywords.contains(result.lowercased()) {
      result = "_" + result
    }
    return result
  }
}
