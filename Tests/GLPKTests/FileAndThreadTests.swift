import Foundation
import GLPK
import Testing

@Suite("Problem: files and threads")
struct FileAndThreadTests {
  @Test func writeAndReadCPLEXLPAndMPS() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let p = try makeKnapsack()
    try p.setObjectiveConstant(5)
    let lp = directory.appendingPathComponent("k.lp").path
    let mps = directory.appendingPathComponent("k.mps").path
    try p.writeCPLEXLP(to: lp)
    try p.writeMPS(to: mps)
    // Writing leaves the problem itself unchanged.
    #expect(p.columnCount == 4 && p.objectiveConstant == 5)
    #expect(FileManager.default.fileExists(atPath: lp))
    #expect(FileManager.default.fileExists(atPath: mps))
    for read in [try Problem.readCPLEXLP(from: lp), try Problem.readMPS(from: mps)] {
      // The constant travels as a fifth column fixed at 1.
      #expect(read.columnCount == 5 && read.rowCount == 1)
      #expect(try read.columnName(5) == Problem.objectiveConstantColumnName)
      #expect(try read.columnBounds(5) == (1, 1))
      #expect(read.integerColumnCount == 4)
      #expect(try read.columnKind(1) == .binary)
      #expect(try read.columnName(2) == "item2")
      _ = try read.simplex(SimplexParameters(timeLimit: 10))
      #expect(try read.intopt(MIPParameters(timeLimit: 10)).returnCode == .success)
      #expect(abs(read.mipObjectiveValue - -16) < 1e-9)  // −21 + 5
    }
  }

  @Test func fileErrorsThrow() throws {
    let p = try makeSmallLP()
    let error = try #require(throws: GLPKError.self) {
      try p.writeCPLEXLP(to: "/nonexistent-directory/x.lp")
    }
    #expect(error.code == .fileError)
    #expect(throws: GLPKError.self) { _ = try Problem.readCPLEXLP(from: "/nonexistent/x.lp") }
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let garbage = directory.appendingPathComponent("bad.lp").path
    try "this is not an LP file".write(toFile: garbage, atomically: true, encoding: .utf8)
    let readError = try #require(throws: GLPKError.self) { _ = try Problem.readCPLEXLP(from: garbage) }
    #expect(readError.message.contains("bad.lp"))
  }

  @Test func twoThreadsSolveConcurrently() throws {
    let results = Shared<[Int: Double]>([:])
    let group = DispatchGroup()
    for k in 0..<2 {
      group.enter()
      let thread = Thread {
        defer { group.leave() }
        do {
          for _ in 0..<20 {
            // Thread 0: capacity 10 → 21. Thread 1: capacity 7 → items 3 and 4 → 15.
            let p = try makeKnapsack(capacity: k == 0 ? 10 : 7)
            _ = try p.simplex(SimplexParameters(timeLimit: 10))
            _ = try p.intopt(MIPParameters(timeLimit: 10))
            let value = p.mipObjectiveValue
            results.update { seen in
              if let old = seen[k], old != value { seen[k] = .nan } else { seen[k] = value }
            }
          }
        } catch {
          results.update { $0[k] = .nan }
        }
      }
      thread.start()
    }
    group.wait()
    #expect(results.value[0] == -21)
    #expect(results.value[1] == -15)
  }
}
