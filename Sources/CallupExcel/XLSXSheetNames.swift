/// Makes sheet titles that Excel accepts: at most 31 characters, none of
/// `[ ] : * ? / \`, not starting or ending with `'`, not `History`, and
/// unique in the workbook regardless of case.
///
/// Forbidden characters become their full-width look-alikes (`：` for `:`,
/// `（` and `）` for brackets), which Chinese titles use anyway; a long title
/// is cut to 31 characters; a title already taken gets ` (2)`, ` (3)`, …
public struct XLSXSheetNames: Sendable {
  /// Excel's limit on the length of a sheet title (in UTF-16 units).
  public static let maxLength = 31
  private var taken: Set<String> = []

  public init() {}

  /// A valid title for `title` that no earlier call returned; it is now taken.
  public mutating func claim(_ title: String) -> String {
    let base = Self.valid(title)
    var name = base
    var n = 2
    while taken.contains(Self.key(name)) {
      let suffix = " (\(n))"
      name = Self.cut(base, to: Self.maxLength - suffix.utf16.count) + suffix
      n += 1
    }
    taken.insert(Self.key(name))
    return name
  }

  /// `title` with forbidden characters replaced, cut to 31 characters; `Sheet` when nothing is left.
  public static func valid(_ title: String) -> String {
    var s = ""
    for ch in title {
      switch ch {
      case "[": s.append("（")
      case "]": s.append("）")
      case ":": s.append("：")
      case "*": s.append("＊")
      case "?": s.append("？")
      case "/": s.append("／")
      case "\\": s.append("＼")
      default:
        if ch.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
          s.append(ch)
        } else {
          s.append(" ")
        }
      }
    }
    s = cut(trimmedTitle(s), to: maxLength)
    s = trimmedTitle(s)
    if s.isEmpty || s.lowercased() == "history" { s = s.isEmpty ? "Sheet" : s + "_" }
    return s
  }

  /// Without surrounding spaces and apostrophes.
  private static func trimmedTitle(_ s: String) -> String {
    var t = Substring(s)
    while let f = t.first, f == "'" || f == " " { t = t.dropFirst() }
    while let l = t.last, l == "'" || l == " " { t = t.dropLast() }
    return String(t)
  }

  /// The longest prefix of whole characters within `limit` UTF-16 units.
  static func cut(_ s: String, to limit: Int) -> String {
    if s.utf16.count <= limit { return s }
    var out = ""
    var n = 0
    for ch in s {
      let w = ch.utf16.count
      if n + w > limit { break }
      n += w
      out.append(ch)
    }
    return out
  }

  /// Excel compares titles without regard to case.
  private static func key(_ s: String) -> String { s.lowercased() }
}
