import CallupDomain
import Foundation

/// A ledger input read as CSV (`CSVDocument`, the product's CSV reader),
/// with its defects as `LedgerInputError`s naming the file and the line.
enum CSVFile {
  /// The bytes of `url`, or an error naming `file`.
  static func bytes(of url: URL, file: String) throws(LedgerInputError) -> Data {
    do {
      return try Data(contentsOf: url)
    } catch {
      throw LedgerInputError(file: file, "cannot read the file (\(error.localizedDescription)).")
    }
  }

  /// Splits the bytes of a CSV file.
  static func parse(_ data: Data, file: String) throws(LedgerInputError) -> CSVDocument {
    do {
      return try CSVDocument.parse(data)
    } catch {
      throw LedgerInputError(file: file, error.message, line: error.line)
    }
  }
}

/// Quotes a CSV field when it holds a comma, a quote or a line break.
func csvField(_ s: String) -> String {
  guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
  return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// `28`, `12.5`: hours as people write them.
func formatNumber(_ x: Double) -> String {
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  var s = String(format: "%.4f", x)
  while s.hasSuffix("0") { s.removeLast() }
  if s.hasSuffix(".") { s.removeLast() }
  return s
}
