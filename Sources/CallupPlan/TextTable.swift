/// A plain-text table for the terminal, aligned by display width (a Chinese
/// character takes two columns).
public struct TextTable: Sendable {
  /// The header row (left out when empty) and the rows.
  public var header: [String]
  public var rows: [[String]]
  /// Columns aligned to the right (numbers).
  public var rightAligned: Set<Int>

  /// A table with these rows.
  public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
    self.header = header
    self.rows = rows
    self.rightAligned = rightAligned
  }

  /// Columns a string takes in a terminal: two for East Asian wide characters.
  public static func width(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars {
      switch u.value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        w += 2
      case 0x0300...0x036F, 0x200B...0x200F:
        break
      default:
        w += 1
      }
    }
    return w
  }

  /// The table, columns separated by two spaces, no trailing spaces, each
  /// line ending in `\n`; an empty header is left out.
  public func rendered(indent: String = "") -> String {
    let all = header.isEmpty ? rows : [header] + rows
    let columns = all.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], TextTable.width(c)) } }
    var out = ""
    for r in all {
      var line = indent
      for i in 0..<columns {
        let c = i < r.count ? r[i] : ""
        let pad = String(repeating: " ", count: widths[i] - TextTable.width(c))
        if i > 0 { line += "  " }
        line += rightAligned.contains(i) ? pad + c : c + pad
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }

  /// The rendered lines, without their line ends.
  public var lines: [String] {
    var out = rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    out.removeLast()
    return out
  }
}
