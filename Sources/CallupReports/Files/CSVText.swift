/// RFC 4180 CSV text: fields with a comma, quote or line break are quoted,
/// quotes doubled; lines end with `\n`; UTF-8 without BOM.
public struct CSVText: Sendable {
  public private(set) var text = ""
  public init(header: [String]) { append(header) }

  public mutating func append(_ fields: [String]) {
    for (i, f) in fields.enumerated() {
      if i > 0 { text += "," }
      if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        text += "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      } else {
        text += f
      }
    }
    text += "\n"
  }
}

import CallupPlan
import Foundation
