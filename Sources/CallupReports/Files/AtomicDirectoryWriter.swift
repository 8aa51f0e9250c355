import CallupPlan
import Foundation

/// Writes a set of files into a directory so that a reader never sees a
/// half-written file: every file goes to a temporary name in the same
/// directory first, and only when all are written are they renamed into
/// place. If anything fails, the temporaries are removed and the old files
/// stay as they were.
public struct AtomicDirectoryWriter {
  public let directory: URL
  private var files: [(name: String, data: Data)] = []

  public init(directory: URL) { self.directory = directory }

  public mutating func add(_ name: String, _ text: String) { files.append((name, Data(text.utf8))) }
  public mutating func add(_ name: String, data: Data) { files.append((name, data)) }

  public func commit() throws {
    let fm = FileManager.default
    try fm.createDirectory(at: directory, withIntermediateDirectories: true)
    let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    var temps: [(URL, URL)] = []
    do {
      for f in files {
        // A name may hold a subfolder (`scenario/cadres.csv`).
        let final = directory.appendingPathComponent(f.name)
        let parent = final.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let temp = parent.appendingPathComponent(".\(final.lastPathComponent).tmp-\(token)")
        try f.data.write(to: temp)
        temps.append((temp, final))
      }
      for (temp, final) in temps {
        if rename(temp.path, final.path) != 0 {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
      }
    } catch {
      for (temp, _) in temps { try? fm.removeItem(at: temp) }
      throw error
    }
  }
}
