import CallupTestSupport
import Foundation
import Testing

/// A folder under the temporary directory, removed when the test ends.
final class TempFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("callup-excel-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> URL {
    try write(relative, data: Data(text.utf8))
  }

  @discardableResult
  func write(_ relative: String, data: Data) throws -> URL {
    let file = path(relative)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file
  }
}

/// The repository's root.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Lines joined with LF (and a final LF).
func lines(_ l: String...) -> String { l.joined(separator: "\n") + "\n" }

/// Copies scenarios/NAME into `folder/sub`, with the policy path made absolute
/// so the copy loads from anywhere; `tables: false` copies scenario.yaml only.
func copyScenario(_ name: String, into folder: TempFolder, _ sub: String, tables: Bool = true) throws -> URL {
  let source = repositoryRoot.appendingPathComponent("scenarios/\(name)")
  let dir = folder.path(sub)
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  var yaml = try String(contentsOf: source.appendingPathComponent("scenario.yaml"), encoding: .utf8)
  yaml = yaml.replacingOccurrences(
    of: "policy: ../../policies/", with: "policy: \(repositoryRoot.appendingPathComponent("policies").path)/")
  try Data(yaml.utf8).write(to: dir.appendingPathComponent("scenario.yaml"))
  if tables {
    for t in ["units", "cadres", "classes", "history"] {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent("\(t).csv"), to: dir.appendingPathComponent("\(t).csv"))
    }
  }
  return dir
}

/// Python 3 with openpyxl, the real reader and writer the tests check against.
enum Python {
  /// Every `python3` on this machine: the system one first (Debian's
  /// python3-openpyxl installs there), then the one on PATH.
  static let interpreters: [URL] = {
    var out: [URL] = []
    var candidates = ["/usr/bin/python3"]
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      candidates.append("\(dir)/python3")
    }
    for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
      let u = URL(fileURLWithPath: c)
      if !out.contains(u) { out.append(u) }
    }
    return out
  }()

  /// True when there is a python3 at all (tests that need it are skipped otherwise).
  static var available: Bool { !interpreters.isEmpty }

  /// The first python3 that imports openpyxl.
  static let withOpenpyxl: URL? = interpreters.first { (try? run($0, ["-c", "import openpyxl"]))?.status == 0 }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ python: URL, _ arguments: [String]) throws -> Run {
    let r = try ProcessRunner.run(python, arguments)
    return Run(status: r.status, stdout: r.stdout, stderr: r.stderr)
  }

  /// Runs `script` with openpyxl and returns its standard output; records a
  /// failure (and throws) when openpyxl is missing or the script fails.
  static func openpyxl(
    _ script: String, _ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
  )
    throws -> String
  {
    guard let python = withOpenpyxl else {
      Issue.record(
        "python3 is here but none imports openpyxl; run scripts/setup (python3-openpyxl)",
        sourceLocation: sourceLocation)
      throw CancellationError()
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("callup-\(UUID().uuidString).py")
    try Data(script.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try run(python, [file.path] + arguments)
    guard r.status == 0 else {
      Issue.record("the python script failed (\(r.status)):\n\(r.stderr)", sourceLocation: sourceLocation)
      throw CancellationError()
    }
    return r.stdout
  }
}

/// A workbook as openpyxl sees it.
struct SeenWorkbook: Decodable {
  struct Sheet: Decodable {
    var title: String
    /// Cells as text: dates `YYYY-MM-DD`, integers without `.0`, empty cells "".
    var rows: [[String]]
    var freeze: String?
    var headerBold: Bool
    var headerFill: String?
    var widths: [Double?]
  }
  var sheets: [Sheet]

  /// Reads `url` with openpyxl.
  static func read(_ url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> SeenWorkbook {
    let json = try Python.openpyxl(readerScript, [url.path], sourceLocation: sourceLocation)
    return try JSONDecoder().decode(SeenWorkbook.self, from: Data(json.utf8))
  }

  static let readerScript = """
    import datetime, json, sys
    import openpyxl
    from openpyxl.utils import get_column_letter

    def text(v):
        if v is None:
            return ""
        if isinstance(v, datetime.datetime):
            return v.date().isoformat()
        if isinstance(v, datetime.date):
            return v.isoformat()
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    wb = openpyxl.load_workbook(sys.argv[1])
    out = []
    for ws in wb.worksheets:
        rows = [[text(v) for v in r] for r in ws.iter_rows(values_only=True)]
        a1 = ws["A1"]
        fill = a1.fill.fgColor.rgb if a1.fill is not None and a1.fill.fill_type == "solid" else None
        widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(ws.max_column)]
        out.append({"title": ws.title, "rows": rows, "freeze": ws.freeze_panes,
                    "headerBold": bool(a1.font.b), "headerFill": fill, "widths": widths})
    print(json.dumps({"sheets": out}, ensure_ascii=False))
    """
}
