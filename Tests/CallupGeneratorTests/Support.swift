import Foundation

/// A small RFC 4180 reader for the tests: fields, quotes, doubled quotes,
/// line breaks inside quotes.
func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var it = Array(text.unicodeScalars)[...]
  while let c = it.popFirst() {
    if quoted {
      if c == "\"" {
        if it.first == "\"" {
          field.unicodeScalars.append("\"")
          it.removeFirst()
        } else {
          quoted = false
        }
      } else {
        field.unicodeScalars.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.unicodeScalars.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty {
    row.append(field)
    rows.append(row)
  }
  return rows
}

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A fresh temporary folder.
func temporaryDirectory(_ name: String) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("callup-gen-\(name)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

let scenarioFiles = ["scenario.yaml", "units.csv", "cadres.csv", "classes.csv", "history.csv"]

/// The five files of a written scenario.
func readScenarioFiles(_ dir: URL) throws -> [String: Data] {
  var out: [String: Data] = [:]
  for f in scenarioFiles { out[f] = try Data(contentsOf: dir.appendingPathComponent(f)) }
  return out
}
