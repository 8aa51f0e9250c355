import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text encoding of a CSV file: UTF-8 (the contract's), or GB18030 as
/// Excel and WPS save "CSV" on Chinese Windows.
///
/// A file that is valid UTF-8 is read as UTF-8 (streamed). A file
/// that is not, but whose bytes decode cleanly as GB18030 (a superset of GBK
/// and GB2312), is decoded whole with iconv. Anything else is reported with
/// the line where decoding failed (the later of the two attempts, which is
/// where the file most likely went wrong).
enum TextDecoding {
  enum Outcome {
    case unreadable
    case utf8
    case gb18030(String)
    /// Neither encoding reads the file past this 1-based line.
    case undecodable(line: Int)
  }

  /// Reads the file in chunks to see whether it is UTF-8 (so a valid file
  /// is never held whole in memory); only a file that is not is read whole,
  /// to be decoded as GB18030.
  static func check(_ url: URL) -> Outcome {
    switch firstInvalidUTF8(file: url.path) {
    case nil: return .unreadable
    case .some(nil): return .utf8
    case .some(let utf8Failure?):
      guard let data = try? Data(contentsOf: url) else { return .unreadable }
      return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Outcome in
        switch decodeGB18030(raw) {
        case .success(let text): return .gb18030(text)
        case .failure(let at): return .undecodable(line: line(at: max(utf8Failure, at.offset), in: raw))
        }
      }
    }
  }

  /// The offset of the first byte of the file that does not start a valid
  /// UTF-8 sequence, `.some(nil)` when the whole file is UTF-8, nil when it
  /// cannot be read. The file is read `chunk` bytes at a time.
  static func firstInvalidUTF8(file path: String, chunk: Int = 1 << 20) -> Int?? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let size = max(chunk, 4)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
    defer { buffer.deallocate() }
    guard let base = buffer.baseAddress else { return nil }
    // `kept` bytes of a character cut by the previous chunk start the buffer;
    // `offset` is the file offset of the buffer's first byte.
    var kept = 0
    var offset = 0
    while true {
      let n = read(fd, base + kept, size - kept)
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      let count = kept + n
      // Leave a character cut at the end of the chunk for the next one.
      var cut = count
      if n > 0 {
        var k = count - 1
        while k >= 0, k >= count - 3, buffer[k] & 0xC0 == 0x80 { k -= 1 }
        if k >= 0, k >= count - 3, buffer[k] >= 0xC0 {
          let length = buffer[k] >= 0xF0 ? 4 : buffer[k] >= 0xE0 ? 3 : 2
          if count - k < length { cut = k }
        }
      }
      if let bad = firstInvalidUTF8(UnsafeRawBufferPointer(rebasing: buffer[0..<cut])) { return .some(offset + bad) }
      if n == 0 { return .some(nil) }
      kept = count - cut
      if kept > 0 { base.copyMemory(from: base + cut, byteCount: kept) }
      offset += cut
    }
  }

  /// The offset of the first byte that does not start a valid UTF-8
  /// sequence (overlong forms, surrogates and code points past U+10FFFF are
  /// invalid), or nil when all of `bytes` is UTF-8.
  static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
      // Eight ASCII bytes at a time.
      while i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
      guard i < n else { break }
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        high = 0x9F
      case 0xF0:
        need = 3
        low = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        high = 0x8F
      default: return i
      }
      guard i + need < n else { return i }
      let second = bytes[i + 1]
      guard second >= low, second <= high else { return i }
      for k in 2..<(need + 1) {
        let c = bytes[i + k]
        guard c >= 0x80, c <= 0xBF else { return i }
      }
      i += need + 1
    }
    return nil
  }

  struct DecodingFailure: Error {
    let offset: Int
  }

  /// The bytes decoded from GB18030, or the offset of the first byte
  /// sequence that is not GB18030 (or is cut off at the end).
  static func decodeGB18030(_ bytes: UnsafeRawBufferPointer) -> Result<String, DecodingFailure> {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return .success("") }
    let cd = iconv_open("UTF-8", "GB18030")
    if cd == iconv_t(bitPattern: -1) { return .failure(DecodingFailure(offset: 0)) }
    defer { iconv_close(cd) }
    var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
    var inPtr = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
    var inLeft = bytes.count
    var produced = 0
    while inLeft > 0 {
      if out.count - produced < 16 { out.append(contentsOf: repeatElement(0, count: out.count)) }
      let (result, error): (Int, Int32) = out.withUnsafeMutableBytes { o in
        guard let start = o.baseAddress else { return (-1, EILSEQ) }
        var outPtr: UnsafeMutablePointer<CChar>? = start.assumingMemoryBound(to: CChar.self) + produced
        var outLeft = o.count - produced
        var inOpt: UnsafeMutablePointer<CChar>? = inPtr
        let r = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
        produced = o.count - outLeft
        if let p = inOpt { inPtr = p }
        return (r, errno)
      }
      if result == -1 {
        if error == E2BIG {
          out.append(contentsOf: repeatElement(0, count: out.count))
          continue
        }
        // EILSEQ (not GB18030) or EINVAL (cut off at the end).
        return .failure(DecodingFailure(offset: bytes.count - inLeft))
      }
    }
    return .success(String(decoding: out[0..<produced], as: UTF8.self))
  }

  /// The 1-based line of the byte at `offset` (CRLF, LF and a lone CR each end a line).
  static func line(at offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
    var line = 1
    var k = 0
    let end = min(offset, bytes.count)
    while k < end {
      let b = bytes[k]
      if b == 0x0A {
        line += 1
      } else if b == 0x0D {
        line += 1
        if k + 1 < end, bytes[k + 1] == 0x0A { k += 1 }
      }
      k += 1
    }
    return line
  }
}

/// Text of a file that may be UTF-8 or GB18030 (as Excel and WPS save CSV
/// on Chinese Windows), for readers outside the scenario loader.
public enum TextBytes {
  /// The bytes as UTF-8: unchanged when they are UTF-8 already, converted
  /// when they decode cleanly as GB18030; nil when they are neither.
  public static func utf8(_ data: Data) -> Data? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Data? in
      guard TextDecoding.firstInvalidUTF8(raw) != nil else { return data }
      if case .success(let text) = TextDecoding.decodeGB18030(raw) { return Data(text.utf8) }
      return nil
    }
  }
}
