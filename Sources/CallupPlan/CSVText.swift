/// RFC 4180 CSV text for people: fields with a comma, quote or line break
/// are quoted, quotes doubled; lines end with `\n`; UTF-8 without BOM.
///
/// A text field that a spreadsheet would run as a formula — one that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a plain
/// number — is written with a leading apostrophe (`'=HYPERLINK(…)`), which
/// Excel and WPS show as text and do not run (`guarded(_:)`); a field that
/// starts with an apostrophe gets a second one. Names in
/// rosters, notices, change lists and summaries come from units' files and
/// are untrusted; docs/contract.md states the rule.
public struct CSVText: Sendable {
  public private(set) var text = ""
  public init(header: [String]) { append(header) }

  public mutating func append(_ fields: [String]) {
    for (i, raw) in fields.enumerated() {
      let f = Self.guarded(raw)
      if i > 0 { text += "," }
      // By bytes: a comma, quote, CR or LF is one byte in UTF-8 (and a
      // CR LF pair, one Character, is caught by its bytes).
      if f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        text += "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      } else {
        text += f
      }
    }
    text += "\n"
  }

  /// The field with a leading apostrophe when a spreadsheet would read it
  /// as a formula; unchanged otherwise (numbers such as `-3.5` included).
  /// A field that starts with an apostrophe itself gets a second one, so
  /// that reading back (`unguarded(_:)`) always gives the field again.
  public static func guarded(_ field: String) -> String {
    guard let first = field.unicodeScalars.first else { return field }
    if first == "'" { return "'" + field }
    guard "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(field) else { return field }
    return "'" + field
  }

  /// A field read back from a file this type wrote: the guard's
  /// apostrophe taken off again.
  public static func unguarded(_ field: String) -> String {
    guard field.hasPrefix("'"), guarded(String(field.dropFirst())) == field else { return field }
    return String(field.dropFirst())
  }

  /// `-3`, `+12.50`, `-0.5`: a sign, digits, at most one point.
  static func isPlainNumber(_ s: String) -> Bool {
    var digits = 0
    var points = 0
    for (i, c) in s.unicodeScalars.enumerated() {
      switch c {
      case "+" where i == 0, "-" where i == 0: continue
      case "0"..."9": digits += 1
      case ".": points += 1
      default: return false
      }
    }
    return digits > 0 && points <= 1
  }
}
