import Foundation
import GLPKBackend
import Modeling
import Testing

@Suite("GLPK backend: files and threads")
struct ExportAndThreadTests {
  /// The knapsack with awkward names and an objective constant.
  func namedModel() -> Model {
    var (model, _) = knapsack()
    model.name = "调训 model"
    model.objectiveConstant = 5
    model.addVariable("班级 A", upper: 1, kind: .binary, objective: 1)  // useless: 0 at the optimum
    model.addVariable("调训", upper: 1)  // nothing ASCII left
    model.addVariable("x", upper: 1, kind: .integer)
    model.addVariable("x", upper: 1)  // duplicate name
    model.addVariable("free")  // a keyword
    model.addVariable("e12")  // looks like a number
    model.addVariable("2nd")  // starts with a digit
    model.addVariable("~r_1")  // like GLPK's own slack names
    return model
  }

  @Test func namesAreMadeSafeAndUnique() throws {
    let solver = try GLPKSolver(model: namedModel())
    let names = solver.fileVariableNames
    #expect(names[0] == "item_1")
    #expect(names[4] == "___A")  // non-ASCII characters and the space become "_"
    #expect(names[5] == "v5")
    #expect(names[6] == "x" && names[7] == "x_2")
    #expect(names[8] == "_free" && names[9] == "_e12" && names[10] == "_2nd")
    #expect(names[11] == "_~r_1")
    #expect(Set(names).count == names.count)
    #expect(solver.fileConstraintNames == ["capacity"])
  }

  @Test func exportAndReadBackGiveTheSameOptimum() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = namedModel()
    let expected = -21.0 + 5
    let direct = try GLPKSolver(model: model).solveMIP(timeLimit: 10, relativeGap: 0)
    #expect(abs(direct.objective! - expected) < 1e-9)
    for format in ModelFileFormat.allCases {
      let path = directory.appendingPathComponent("model.\(format.pathExtension)").path
      try GLPKSolver.export(model, format: format, to: path)
      #expect(FileManager.default.fileExists(atPath: path))
      let read = try GLPKSolver.readModel(format, from: path)
      #expect(read.constraintCount == model.constraintCount)
      #expect(read.variableNames.contains("item_2"))
      let result = try GLPKSolver(model: read).solveMIP(timeLimit: 10, relativeGap: 0)
      #expect(result.status == .optimal)
      #expect(abs(result.objective! - expected) < 1e-9)
    }
  }

  @Test func glpsolSolvesTheWrittenLPFile() throws {
    let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    let executable = try #require(glpsol, "glpsol is not installed")
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lp = directory.appendingPathComponent("model.lp").path
    let out = directory.appendingPathComponent("solution.txt").path
    try GLPKSolver.export(namedModel(), format: .cplexLP, to: lp)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--lp", lp, "-o", out]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let report = try String(contentsOfFile: out, encoding: .utf8)
    // "Objective:  obj = -16 (MINimum)"
    let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
    let value = line.split(separator: "=")[1].split(separator: " ")[0]
    #expect(Double(value) == -16)
  }

  @Test func writeFailureThrows() throws {
    let solver = try GLPKSolver(model: knapsack().0)
    #expect(throws: (any Error).self) { try solver.write(.cplexLP, to: "/nonexistent-dir/m.lp") }
  }

  @Test func twoThreadsSolveTheirOwnModels() {
    let results = Shared<[Int: [Double]]>([:])
    let group = DispatchGroup()
    for k in 0..<2 {
      group.enter()
      Thread {
        defer { group.leave() }
        // Thread 0: capacity 10 → 21. Thread 1: capacity 7 → items 3 and 4 → 15.
        for _ in 0..<10 {
          let (model, _) = knapsack(capacity: k == 0 ? 10 : 7)
          let objective =
            (try? GLPKSolver(model: model).solveMIP(timeLimit: 10, relativeGap: 0))?.objective
          results.update { $0[k, default: []].append(objective ?? .nan) }
        }
      }.start()
    }
    group.wait()
    #expect(results.value[0] == Array(repeating: -21, count: 10))
    #expect(results.value[1] == Array(repeating: -15, count: 10))
  }

  @Test func useFromAnotherThreadFailsCleanly() throws {
    let solver = try GLPKSolver(model: smallLP().0)
    nonisolated(unsafe) unowned let shared = solver  // the thread must not own it
    let status = Shared<TerminationStatus?>(nil)
    let done = DispatchSemaphore(value: 0)
    Thread {
      status.value = shared.solveLP(timeLimit: 1).status
      done.signal()
    }.start()
    done.wait()
    #expect(status.value == .failed)
    #expect(solver.solveLP(timeLimit: 1).status == .optimal)
  }
}
