import CallupPlan
import Foundation

/// Inline SVG charts for the HTML pages: plain shapes with a `<title>` on
/// each mark (a tooltip with no script).
enum SVGCharts {
  typealias E = HTMLKit

  /// One bar of a horizontal bar chart.
  struct Bar {
    var label: String
    var value: Double
    /// Drawn behind `value` in a light colour (e.g. due behind met); nil for none.
    var behind: Double? = nil
    /// Text at the end of the bar.
    var text: String
    var tooltip: String
    var color: String = "#3b7dd8"
  }

  /// A horizontal bar chart: one row per bar, the label on the left.
  static func horizontalBars(
    id: String, title: String, bars: [Bar], labelWidth: Double = 150, barWidth: Double = 420, rowHeight: Double = 22,
    behindColor: String = "#dfe6ee"
  ) -> String {
    let maxValue = max(1e-9, bars.map { max($0.value, $0.behind ?? 0) }.max() ?? 1)
    let width = labelWidth + barWidth + 170
    let height = Double(max(bars.count, 1)) * rowHeight + 8
    var o =
      "<svg id=\"\(id)\" role=\"img\" aria-label=\"\(E.esc(title))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(E.n(width))\" height=\"\(E.n(height))\" viewBox=\"0 0 \(E.n(width)) \(E.n(height))\">\n<title>\(E.esc(title))</title>\n"
    for (i, b) in bars.enumerated() {
      let y = 4 + Double(i) * rowHeight
      let h = rowHeight - 6
      o += "<g><title>\(E.esc(b.tooltip))</title>"
      o +=
        "<text x=\"\(E.n(labelWidth - 6))\" y=\"\(E.n(y + h - 4))\" text-anchor=\"end\">\(E.esc(E.clip(b.label, 18)))</text>"
      if let behind = b.behind {
        o +=
          "<rect x=\"\(E.n(labelWidth))\" y=\"\(E.n(y))\" width=\"\(E.n(barWidth * behind / maxValue))\" height=\"\(E.n(h))\" fill=\"\(behindColor)\"/>"
      }
      o +=
        "<rect x=\"\(E.n(labelWidth))\" y=\"\(E.n(y))\" width=\"\(E.n(barWidth * b.value / maxValue))\" height=\"\(E.n(h))\" fill=\"\(b.color)\"/>"
      let end = labelWidth + barWidth * max(b.value, b.behind ?? 0) / maxValue
      o += "<text x=\"\(E.n(end + 6))\" y=\"\(E.n(y + h - 4))\">\(E.esc(b.text))</text></g>\n"
    }
    o += "</svg>\n"
    return o
  }

  /// One row of a range chart: a planned figure against the range it should lie in.
  struct RangeRow {
    var label: String
    var lo: Int
    /// Nil: open above.
    var hi: Int?
    var planned: Int
    /// Text at the end of the row.
    var text: String
    var tooltip: String
    /// The planned bar's colour.
    var color: String
  }

  /// Each row's range as a light band (to the end of the row when open
  /// above) with a mark at its lower bound, and the planned figure as a bar
  /// across it. Figures differ by orders of magnitude (a thousand township
  /// secretaries, four women of a small unit), so each row has its own
  /// scale: its largest figure, with room after it.
  static func rangeBars(
    id: String, title: String, rows: [RangeRow], labelWidth: Double = 240, barWidth: Double = 420,
    rowHeight: Double = 22
  ) -> String {
    let width = labelWidth + barWidth + 130
    let height = Double(max(rows.count, 1)) * rowHeight + 8
    var o =
      "<svg id=\"\(id)\" role=\"img\" aria-label=\"\(E.esc(title))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(E.n(width))\" height=\"\(E.n(height))\" viewBox=\"0 0 \(E.n(width)) \(E.n(height))\">\n<title>\(E.esc(title))</title>\n"
    for (i, r) in rows.enumerated() {
      let y = 4 + Double(i) * rowHeight
      let h = rowHeight - 6
      let top = Double(max(1, r.lo, r.hi ?? 0, r.planned)) * 1.15
      func x(_ v: Int) -> Double { labelWidth + barWidth * Double(v) / top }
      let bandEnd = r.hi.map(x) ?? labelWidth + barWidth
      o += "<g><title>\(E.esc(r.tooltip))</title>"
      o +=
        "<text x=\"\(E.n(labelWidth - 6))\" y=\"\(E.n(y + h - 4))\" text-anchor=\"end\">\(E.esc(E.clip(r.label, 24)))</text>"
      o +=
        "<rect x=\"\(E.n(labelWidth))\" y=\"\(E.n(y))\" width=\"\(E.n(barWidth))\" height=\"\(E.n(h))\" fill=\"#f7f7f7\"/>"
      o +=
        "<rect x=\"\(E.n(x(r.lo)))\" y=\"\(E.n(y))\" width=\"\(E.n(max(2, bandEnd - x(r.lo))))\" height=\"\(E.n(h))\" fill=\"#dfe6ee\"/>"
      o +=
        "<rect x=\"\(E.n(labelWidth))\" y=\"\(E.n(y + h * 0.25))\" width=\"\(E.n(barWidth * Double(r.planned) / top))\" height=\"\(E.n(h * 0.5))\" fill=\"\(r.color)\"/>"
      o +=
        "<line x1=\"\(E.n(x(r.lo)))\" y1=\"\(E.n(y - 1))\" x2=\"\(E.n(x(r.lo)))\" y2=\"\(E.n(y + h + 1))\" stroke=\"#333\"/>"
      o += "<text x=\"\(E.n(labelWidth + barWidth + 6))\" y=\"\(E.n(y + h - 4))\">\(E.esc(r.text))</text></g>\n"
    }
    o += "</svg>\n"
    return o
  }

  /// A legend row of coloured squares.
  static func legend(_ items: [(color: String, label: String)]) -> String {
    "<div class=\"legend\">"
      + items.map { "<span><i style=\"background:\($0.color)\"></i>\(E.esc($0.label))</span>" }.joined()
      + "</div>\n"
  }
}
