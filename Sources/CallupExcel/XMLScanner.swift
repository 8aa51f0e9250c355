/// What an XML scan reports, one event at a time.
protocol XMLHandler {
  /// True while the handler wants the text between tags (decoding it costs).
  var wantsText: Bool { get }
  /// An element starts; `name` is its local name (without a namespace prefix).
  mutating func start(_ name: String, _ attributes: XMLAttributes)
  /// An element ends (also right after `start` for `<x/>`).
  mutating func end(_ name: String)
  /// Text (entities and CDATA already decoded); only while `wantsText`.
  mutating func text(_ text: String)
}

/// The attributes of a start tag, by local name.
struct XMLAttributes {
  var pairs: [(name: String, value: String)] = []

  subscript(_ name: String) -> String? {
    for p in pairs where p.name == name { return p.value }
    return nil
  }
}

/// A malformed XML part of a workbook.
struct XMLFormatError: Error {
  let message: String
}

/// A small pull scanner for the XML of .xlsx parts: elements, attributes,
/// text, the five named entities, character references and CDATA.
/// Declarations, comments, processing instructions and DOCTYPE are skipped.
/// It is not a validating parser: it reads well-formed files and stops with
/// an error on input it cannot make sense of.
enum XMLScanner {
  static func scan<H: XMLHandler>(_ bytes: [UInt8], into handler: inout H) throws(XMLFormatError) {
    let n = bytes.count
    var i = 0
    var textStart = 0
    var open: [String] = []  // elements started and not yet ended
    while i < n {
      guard bytes[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      if handler.wantsText, i > textStart {
        handler.text(decode(bytes, textStart, i))
      }
      guard i + 1 < n else { throw XMLFormatError(message: "the file ends inside a tag") }
      let next = bytes[i + 1]
      if next == UInt8(ascii: "?") {
        i = try skip(past: [0x3F, 0x3E], in: bytes, from: i + 2)  // ?>
      } else if next == UInt8(ascii: "!") {
        if starts(bytes, i, "<!--") {
          i = try skip(past: Array("-->".utf8), in: bytes, from: i + 4)
        } else if starts(bytes, i, "<![CDATA[") {
          let end = try find(Array("]]>".utf8), in: bytes, from: i + 9)
          if handler.wantsText { handler.text(String(decoding: bytes[(i + 9)..<end], as: UTF8.self)) }
          i = end + 3
        } else {
          i = try skip(past: [0x3E], in: bytes, from: i + 2)
        }
      } else if next == UInt8(ascii: "/") {
        var j = i + 2
        while j < n, bytes[j] != UInt8(ascii: ">") { j += 1 }
        guard j < n else { throw XMLFormatError(message: "the file ends inside an end tag") }
        let name = localName(bytes, i + 2, trimEnd(bytes, i + 2, j))
        guard open.last == name else {
          throw XMLFormatError(message: "</\(name)> does not close <\(open.last ?? "nothing")>")
        }
        open.removeLast()
        handler.end(name)
        i = j + 1
      } else {
        let (next, started) = try startTag(bytes, i + 1, into: &handler)
        if let started { open.append(started) }
        i = next
      }
      textStart = i
    }
    if let last = open.last { throw XMLFormatError(message: "the file ends inside <\(last)>") }
  }

  /// Reads `<name attr="v" …>` or `<name …/>` from just after `<`; returns
  /// the index after `>` and the name of an element left open (nil for `<x/>`).
  private static func startTag<H: XMLHandler>(_ b: [UInt8], _ from: Int, into handler: inout H) throws(XMLFormatError)
    -> (Int, String?)
  {
    let n = b.count
    var j = from
    while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
    let name = localName(b, from, j)
    var attributes = XMLAttributes()
    while true {
      while j < n, isSpace(b[j]) { j += 1 }
      guard j < n else { throw XMLFormatError(message: "the file ends inside the tag <\(name)>") }
      if b[j] == UInt8(ascii: ">") {
        handler.start(name, attributes)
        return (j + 1, name)
      }
      if b[j] == UInt8(ascii: "/") {
        guard j + 1 < n, b[j + 1] == UInt8(ascii: ">") else {
          throw XMLFormatError(message: "a stray / in the tag <\(name)>")
        }
        handler.start(name, attributes)
        handler.end(name)
        return (j + 2, nil)
      }
      let a = j
      while j < n, b[j] != UInt8(ascii: "="), !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
      let attr = localName(b, a, j)
      while j < n, isSpace(b[j]) { j += 1 }
      guard j < n, b[j] == UInt8(ascii: "=") else {
        throw XMLFormatError(message: "the attribute \(attr) of <\(name)> has no value")
      }
      j += 1
      while j < n, isSpace(b[j]) { j += 1 }
      guard j < n, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") else {
        throw XMLFormatError(message: "the value of \(attr) in <\(name)> is not quoted")
      }
      let quote = b[j]
      let v = j + 1
      j = v
      while j < n, b[j] != quote { j += 1 }
      guard j < n else { throw XMLFormatError(message: "the file ends inside an attribute of <\(name)>") }
      attributes.pairs.append((attr, decode(b, v, j)))
      j += 1
    }
  }

  @inline(__always)
  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

  private static func trimEnd(_ b: [UInt8], _ from: Int, _ to: Int) -> Int {
    var e = to
    while e > from, isSpace(b[e - 1]) { e -= 1 }
    return e
  }

  /// The name after its namespace prefix (`x:row` → `row`).
  private static func localName(_ b: [UInt8], _ from: Int, _ to: Int) -> String {
    var s = from
    for k in from..<to where b[k] == UInt8(ascii: ":") { s = k + 1 }
    return String(decoding: b[s..<to], as: UTF8.self)
  }

  private static func starts(_ b: [UInt8], _ at: Int, _ s: String) -> Bool {
    let u = Array(s.utf8)
    guard at + u.count <= b.count else { return false }
    for k in 0..<u.count where b[at + k] != u[k] { return false }
    return true
  }

  private static func find(_ needle: [UInt8], in b: [UInt8], from: Int) throws(XMLFormatError) -> Int {
    var k = from
    while k + needle.count <= b.count {
      if b[k] == needle[0] {
        var ok = true
        for m in 1..<needle.count where b[k + m] != needle[m] {
          ok = false
          break
        }
        if ok { return k }
      }
      k += 1
    }
    throw XMLFormatError(message: "the file ends before \(String(decoding: needle, as: UTF8.self))")
  }

  private static func skip(past needle: [UInt8], in b: [UInt8], from: Int) throws(XMLFormatError) -> Int {
    try find(needle, in: b, from: from) + needle.count
  }

  /// Text with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xH;` decoded.
  static func decode(_ b: [UInt8], _ from: Int, _ to: Int) -> String {
    var hasAmp = false
    for k in from..<to where b[k] == UInt8(ascii: "&") {
      hasAmp = true
      break
    }
    if !hasAmp { return String(decoding: b[from..<to], as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(to - from)
    var k = from
    while k < to {
      let c = b[k]
      guard c == UInt8(ascii: "&") else {
        out.append(c)
        k += 1
        continue
      }
      var e = k + 1
      while e < to, e - k < 12, b[e] != UInt8(ascii: ";") { e += 1 }
      guard e < to, b[e] == UInt8(ascii: ";") else {
        out.append(c)
        k += 1
        continue
      }
      let name = String(decoding: b[(k + 1)..<e], as: UTF8.self)
      var scalar: UnicodeScalar?
      switch name {
      case "lt": scalar = "<"
      case "gt": scalar = ">"
      case "amp": scalar = "&"
      case "quot": scalar = "\""
      case "apos": scalar = "'"
      default:
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(UnicodeScalar.init)
        } else if name.hasPrefix("#") {
          scalar = UInt32(name.dropFirst(), radix: 10).flatMap(UnicodeScalar.init)
        }
      }
      if let scalar {
        out.append(contentsOf: Array(String(scalar).utf8))
        k = e + 1
      } else {
        out.append(c)
        k += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
