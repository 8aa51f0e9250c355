import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits UTF-8 CSV text into records, byte by byte.
///
/// A file is read in chunks of a few megabytes, so a table of millions of
/// rows never sits in memory whole, and a record's fields share one buffer
/// (`CSVFields`): no string is made for a field until it is needed. The split is the one spreadsheet exports expect:
///
/// - fields are separated by `,`; a record ends at CRLF, LF or a lone CR, or
///   at the end of the input (a last line break adds no record);
/// - a field that starts with `"` is quoted: it runs to the next `"` that is
///   not doubled, and may hold commas and line breaks; `""` inside it is one
///   `"`. A `"` inside an unquoted field is an ordinary character;
/// - after a closing `"`, anything but a comma or a line break is a defect
///   that is read leniently: the `"` is kept, the character after it is
///   dropped, and the field stays quoted;
/// - a UTF-8 byte order mark at the start is skipped.
///
/// The input must be valid UTF-8 (`TextDecoding` checks files before they
/// are scanned); a field never splits a character, since every byte the
/// scanner looks for is ASCII.
final class CSVScanner {
  /// One record: its fields and the number of lines it spans (1, plus one
  /// for each line break inside its quoted fields).
  struct Record {
    var fields: CSVFields
    var lines: Int
  }

  private var buffer: UnsafeMutableBufferPointer<UInt8>
  /// The bytes not yet scanned: `start..<end` of `buffer`.
  private var start = 0
  private var end = 0
  /// Nothing more to read: the bytes up to `end` are the rest of the input.
  private var atEnd = false
  private var descriptor: Int32 = -1
  /// Why reading the file stopped before its end, if it did.
  private(set) var readError: String?
  /// The input ended inside a quoted field (its last record was read as if
  /// the quote closed there).
  private(set) var endedInsideQuotes = false

  /// The fields of the record being scanned, each followed by a NUL, and
  /// where each ends (kept from record to record to reuse their storage).
  private var bytes: [UInt8] = []
  private var ends: [Int] = []

  /// Scans a file, reading `chunk` bytes at a time (more when a record is
  /// longer); nil when it cannot be opened.
  init?(path: String, chunk: Int = 4 << 20) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    descriptor = fd
    buffer = .allocate(capacity: max(chunk, 1))
    // Enough bytes to see a byte order mark.
    while end < 3, !atEnd { fill() }
    skipByteOrderMark()
    var info = stat()
    if fstat(fd, &info) == 0, end > 0 {
      var breaks = 0
      for k in 0..<end where buffer[k] == Self.lf { breaks += 1 }
      estimatedRecords = Int(Double(breaks) * Double(info.st_size) / Double(end) * 1.02) + 1
    }
  }

  /// About how many records the input has (its line breaks, extrapolated
  /// from the first chunk), so that tables can be allocated once.
  private(set) var estimatedRecords = 0

  /// Scans text already in memory.
  init(text: String) {
    var text = text
    buffer = text.withUTF8 { bytes in
      let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
      _ = b.initialize(from: bytes)
      return b
    }
    end = text.utf8.count
    atEnd = true
    skipByteOrderMark()
    estimatedRecords = buffer[start..<end].reduce(0) { $1 == Self.lf ? $0 + 1 : $0 } + 1
  }

  deinit {
    buffer.deallocate()
    if descriptor >= 0 { close(descriptor) }
  }

  /// The next record, or nil at the end of the input.
  func next() -> Record? {
    while true {
      if start == end {
        if atEnd { return nil }
        fill()
        continue
      }
      var bytes: [UInt8] = []
      var ends: [Int] = []
      swap(&bytes, &self.bytes)
      swap(&ends, &self.ends)
      let scanned = scan(into: &bytes, ends: &ends)
      defer {
        swap(&bytes, &self.bytes)
        swap(&ends, &self.ends)
      }
      if let (next, lines) = scanned {
        start = next
        return Record(fields: CSVFields(bytes: bytes, ends: ends), lines: lines)
      }
      // The record runs past the bytes read so far.
      fill()
    }
  }

  private func skipByteOrderMark() {
    if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
  }

  /// Keeps the bytes not yet scanned, then reads more after them (growing
  /// the buffer when one record fills it). Sets `atEnd` at the end of the
  /// file or on a read error.
  private func fill() {
    guard !atEnd else { return }
    if start > 0 {
      let kept = end - start
      if kept > 0, let base = buffer.baseAddress {
        (base).update(from: base + start, count: kept)
      }
      start = 0
      end = kept
    }
    if end == buffer.count {
      let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
      _ = bigger.initialize(from: buffer)
      buffer.deallocate()
      buffer = bigger
    }
    while true {
      let n = read(descriptor, buffer.baseAddress! + end, buffer.count - end)
      if n > 0 {
        end += n
        return
      }
      if n < 0, errno == EINTR { continue }
      if n < 0 { readError = String(cString: strerror(errno)) }
      atEnd = true
      close(descriptor)
      descriptor = -1
      return
    }
  }

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let cr: UInt8 = 0x0D
  private static let lf: UInt8 = 0x0A

  /// Scans the record at `start` into `bytes` and `ends`: the offset after
  /// it and the lines it spans, or nil when the input read so far ends
  /// inside it.
  private func scan(into bytes: inout [UInt8], ends: inout [Int]) -> (Int, Int)? {
    let comma = Self.comma
    let quote = Self.quote
    let cr = Self.cr
    let lf = Self.lf
    let b = buffer.baseAddress!
    let end = self.end
    let atEnd = self.atEnd
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    /// Ends the field whose bytes are all in `bytes`.
    func endField() {
      ends.append(bytes.count)
      bytes.append(0)
    }
    var lines = 1
    var i = start
    while true {
      if i < end, b[i] == quote {
        // A quoted field.
        i += 1
        var afterCR = false
        while true {
          guard i < end else {
            guard atEnd else { return nil }
            endedInsideQuotes = true
            endField()
            return (i, lines)
          }
          let c = b[i]
          if c != quote {
            if c == lf {
              if !afterCR { lines += 1 }
              afterCR = false
            } else if c == cr {
              lines += 1
              afterCR = true
            } else {
              afterCR = false
            }
            bytes.append(c)
            i += 1
            continue
          }
          guard i + 1 < end else {
            guard atEnd else { return nil }
            endField()
            return (i + 1, lines)
          }
          let d = b[i + 1]
          if d == quote {
            bytes.append(quote)
            afterCR = false
            i += 2
          } else if d == comma {
            endField()
            i += 2
            break
          } else if d == lf {
            endField()
            return (i + 2, lines)
          } else if d == cr {
            guard i + 2 < end || atEnd else { return nil }
            endField()
            return (i + 2 < end && b[i + 2] == lf ? i + 3 : i + 2, lines)
          } else {
            // A stray character after the closing quote: keep the quote,
            // drop the character (all of its bytes), stay in the field.
            var k = i + 2
            while k < end, b[k] & 0xC0 == 0x80 { k += 1 }
            guard k < end || atEnd else { return nil }
            bytes.append(quote)
            afterCR = false
            i = k
          }
        }
      } else {
        // An unquoted field: up to the next comma or line break.
        let from = i
        while i < end {
          let c = b[i]
          if c == comma || c == lf || c == cr { break }
          i += 1
        }
        if i == end, !atEnd { return nil }
        if i < end, b[i] == cr, i + 1 == end, !atEnd { return nil }
        bytes.append(contentsOf: UnsafeBufferPointer(start: b + from, count: i - from))
        endField()
        guard i < end else { return (i, lines) }
        let c = b[i]
        if c == comma {
          i += 1
        } else if c == lf {
          return (i + 1, lines)
        } else {
          return (i + 1 < end && b[i + 1] == lf ? i + 2 : i + 1, lines)
        }
      }
    }
  }
}

/// The fields of one record in one buffer, so that a record costs no
/// allocation however many fields it has: the fields' UTF-8 bytes one after
/// another, each followed by a NUL, with the offset where each field ends.
struct CSVFields {
  let bytes: [UInt8]
  let ends: [Int]

  init(bytes: [UInt8], ends: [Int]) {
    self.bytes = bytes
    self.ends = ends
  }

  init(_ fields: [String]) {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    ends.reserveCapacity(fields.count)
    for f in fields {
      bytes.append(contentsOf: f.utf8)
      ends.append(bytes.count)
      bytes.append(0)
    }
    self.init(bytes: bytes, ends: ends)
  }

  var count: Int { ends.count }

  /// Field `i` (0-based), without surrounding spaces and tabs.
  @inline(__always)
  subscript(_ i: Int) -> Cell {
    var a = i == 0 ? 0 : ends[i - 1] + 1
    var b = ends[i]
    while a < b, isBlank(bytes[a]) { a += 1 }
    while b > a, isBlank(bytes[b - 1]) { b -= 1 }
    return Cell(bytes: bytes[a..<b])
  }

  /// Every field as it is in the file.
  var strings: [String] {
    (0..<count).map { i in String(decoding: bytes[(i == 0 ? 0 : ends[i - 1] + 1)..<ends[i]], as: UTF8.self) }
  }

  /// No field has a value (a blank line, or only commas and spaces).
  var hasNoValue: Bool {
    for i in 0..<count where !self[i].isEmpty { return false }
    return true
  }
}

/// One cell of a record, without surrounding spaces and tabs: its UTF-8
/// bytes, read as a number or a date directly, made text only when needed.
struct Cell: CustomStringConvertible {
  let bytes: ArraySlice<UInt8>

  var isEmpty: Bool { bytes.isEmpty }
  var string: String { String(decoding: bytes, as: UTF8.self) }
  var text: Substring { string[...] }
  var description: String { string }

  /// A whole number as `Int(_:)` reads it: an optional sign, then digits;
  /// nil for anything else or past the range of `Int`.
  var int: Int? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    guard i < end else { return nil }
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
      guard i < end else { return nil }
    }
    var x = 0
    while i < end {
      let d = bytes[i] &- 48
      guard d < 10 else { return nil }
      let (m, o1) = x.multipliedReportingOverflow(by: 10)
      let (n, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
      guard !o1, !o2 else { return nil }
      x = n
      i += 1
    }
    return x
  }

  /// A number as `Double(_:)` reads it. Plain decimals (`35`, `1200.5`) of
  /// up to 15 digits are read directly, exactly as `Double(_:)` rounds them
  /// (the digits and the power of ten are exact doubles, and one division
  /// rounds once); anything else goes through `Double(_:)`.
  var double: Double? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    var mantissa = 0
    var digits = 0
    var scale = 0
    var point = false
    while i < end {
      let b = bytes[i]
      if b == UInt8(ascii: "."), !point {
        point = true
      } else if b &- 48 < 10 {
        mantissa = mantissa * 10 + Int(b &- 48)
        digits += 1
        if point { scale += 1 }
        guard digits <= 15 else { return Double(string) }
      } else {
        return Double(string)
      }
      i += 1
    }
    guard digits > 0 else { return Double(string) }
    return scale == 0 ? Double(mantissa) : Double(mantissa) / Cell.powersOfTen[scale]
  }

  private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }
}
