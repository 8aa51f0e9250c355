import CallupPlan
import Foundation

/// Small helpers shared by the HTML pages (report, comparison, what-if
/// summary): escaping, number formats, and a common style sheet. Every page
/// is self-contained: no script, no network, charts as inline SVG.
public enum HTMLKit {
  /// Escapes `& < > "` for text and attribute values.
  public static func esc(_ s: String) -> String {
    var o = ""
    o.reserveCapacity(s.utf8.count)
    for ch in s {
      switch ch {
      case "&": o += "&amp;"
      case "<": o += "&lt;"
      case ">": o += "&gt;"
      case "\"": o += "&quot;"
      default: o.append(ch)
      }
    }
    return o
  }

  /// `4,064,010`: a whole number with thousands separators.
  public static func grouped(_ v: Double) -> String {
    guard v.isFinite else { return "–" }
    let n = Int(v.rounded())
    var s = String(abs(n))
    var i = s.count - 3
    while i > 0 {
      s.insert(",", at: s.index(s.startIndex, offsetBy: i))
      i -= 3
    }
    return (n < 0 ? "-" : "") + s
  }

  /// `96.6%` (one decimal) of a share in 0…1.
  public static func percent(_ share: Double, decimals: Int = 1) -> String {
    guard share.isFinite else { return "–" }
    return String(format: "%.\(decimals)f%%", share * 100)
  }

  /// `a / b` as a percentage, or `–` when b is 0.
  public static func percent(_ a: Int, of b: Int) -> String {
    b == 0 ? "–" : percent(Double(a) / Double(b))
  }

  /// A number for SVG coordinates: at most one decimal, no exponent.
  public static func n(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
  }

  /// The first `limit` characters of `s`, with `…` when cut.
  public static func clip(_ s: String, _ limit: Int) -> String {
    s.count <= limit ? s : String(s.prefix(max(1, limit - 1))) + "…"
  }

  /// The style sheet every page shares.
  public static let style = """
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em 2em;color:#222;max-width:1400px}
    h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.8em}
    h3{font-size:1em;margin:1em 0 .4em}
    table{border-collapse:collapse;font-size:.88em;margin:.4em 0} td,th{border:1px solid #ddd;padding:.2em .55em;text-align:left;vertical-align:top}
    table.nw td,table.nw th{white-space:nowrap} table.nw td.wrap{white-space:normal;min-width:24em}
    th{background:#f3f3f3} td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    tr.up td.d{color:#1a7f37} tr.down td.d{color:#b42318}
    .kpis{display:flex;flex-wrap:wrap;gap:.8em} .kpi{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
    .kpi b{display:block;font-size:1.4em} .muted{color:#777;font-size:.85em}
    .note{background:#fff8e1;border-left:3px solid #e0a800;padding:.3em .7em;font-size:.9em}
    .legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;font-size:.85em;margin:.3em 0}
    .legend i{display:inline-block;width:12px;height:12px;margin-right:.3em;vertical-align:-1px;border:1px solid #999}
    .row{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}
    svg text{font-size:11px;fill:#333} svg{display:block;margin:.3em 0}
    nav a{margin-right:1em;font-size:.9em}
    """
}
