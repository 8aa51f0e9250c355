/// A JSON value that keeps the order of object keys as written, so plan.json
/// reads in the contract's order and is byte-identical for the same plan.
public indirect enum JSONText: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONText])
  case object([(String, JSONText)])

  public static func optional(_ v: Double?) -> JSONText { v.map { .number($0) } ?? .null }

  /// Pretty-printed with two-space indentation; arrays of scalars or of small
  /// objects stay on one line per element.
  public func rendered(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  func write(into out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent)
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let d): out += JSONText.format(d)
    case .string(let s): JSONText.escape(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad + "  "
        if case .object = item { item.writeInline(into: &out) } else { item.write(into: &out, indent: indent + 1) }
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += pad + "]"
    case .object(let fields):
      if fields.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (k, v)) in fields.enumerated() {
        out += pad + "  "
        JSONText.escape(k, into: &out)
        out += ": "
        v.write(into: &out, indent: indent + 1)
        out += i + 1 < fields.count ? ",\n" : "\n"
      }
      out += pad + "}"
    }
  }

  func writeInline(into out: inout String) {
    switch self {
    case .object(let fields):
      out += "{ "
      for (i, (k, v)) in fields.enumerated() {
        JSONText.escape(k, into: &out)
        out += ": "
        v.writeInline(into: &out)
        if i + 1 < fields.count { out += ", " }
      }
      out += " }"
    case .array(let items):
      out += "["
      for (i, v) in items.enumerated() {
        v.writeInline(into: &out)
        if i + 1 < items.count { out += ", " }
      }
      out += "]"
    default: write(into: &out, indent: 0)
    }
  }

  static func format(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
    var s = String(d)
    if s.contains("e") { s = String(format: "%.10f", d) }
    return s
  }

  static func escape(_ s: String, into out: inout String) {
    out += "\""
    // Most strings (ids, dates, names) need no escape: appended whole.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out += s
      out += "\""
      return
    }
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let h = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}

import CallupPlan
import Foundation
