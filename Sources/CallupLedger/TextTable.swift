/// A plain-text table for terminals: columns separated by two spaces,
/// padded by display width (a Chinese character takes two cells), no
/// trailing spaces.
struct TextTable {
  enum Align { case left, right }

  var header: [String]
  var align: [Align]
  var rows: [[String]] = []

  init(_ header: [String], align: [Align]? = nil) {
    self.header = header
    self.align = align ?? header.map { _ in .left }
  }

  mutating func add(_ row: [String]) { rows.append(row) }

  var lines: [String] {
    let all = [header] + rows
    var widths = Array(repeating: 0, count: header.count)
    for r in all { for (i, cell) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(cell)) } }
    return all.map { r in
      var line = ""
      for (i, cell) in r.enumerated() where i < widths.count {
        let pad = String(repeating: " ", count: widths[i] - displayWidth(cell))
        let last = i == r.count - 1
        if i > 0 { line += "  " }
        line += align[i] == .right ? pad + cell : cell + (last ? "" : pad)
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}

/// Terminal cells a text takes: East Asian wide and full-width characters
/// take two.
func displayWidth(_ s: String) -> Int {
  var w = 0
  for u in s.unicodeScalars {
    let v = u.value
    let wide =
      (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    w += wide ? 2 : 1
  }
  return w
}
