import GLPK
import Testing

@Suite("Parameters: default values")
struct DefaultsTests {
  @Test func simplexDefaults() {
    let p = SimplexParameters(timeLimit: 1)
    #expect(p.primalTolerance == 1e-7)
    #expect(p.dualTolerance == 1e-7)
    #expect(p.steepestEdge)
    #expect(p.messageLevel == .errorsOnly)
  }

  @Test func mipDefaults() {
    let p = MIPParameters(timeLimit: 1)
    #expect(p.integerTolerance == 1e-5)
    #expect(p.proximitySearchTimeLimit == 60)
    #expect(p.relativeGap == 0)
    #expect(MIPCallback().progressInterval == 0.2)
    var callback = MIPCallback()
    callback.progressInterval = 1
    #expect(callback.progressInterval == 1)
  }

  @Test func integerBoundsForgiveRoundingNoiseOnly() throws {
    let p = Problem(name: "bounds")
    try p.addColumns(1)
    try p.setColumnKind(1, .integer)
    // 1e-9 relative noise is forgiven: [2 + 1e-9, 5 − 1e-9] becomes [2, 5].
    try p.setColumnBounds(1, lower: 2 + 1e-9, upper: 5 - 1e-9)
    var bounds = try p.columnBounds(1)
    #expect(bounds.lower == 2 && bounds.upper == 5)
    // 1e-8 is not: [2 + 1e-8, 5 − 1e-8] becomes [3, 4].
    try p.setColumnBounds(1, lower: 2 + 1e-8, upper: 5 - 1e-8)
    bounds = try p.columnBounds(1)
    #expect(bounds.lower == 3 && bounds.upper == 4)
  }

  @Test func firstViolationDefaultTolerance() throws {
    let p = Problem(name: "tolerance")
    try p.addColumns(1)
    try p.setColumnBounds(1, lower: 0, upper: 1)
    #expect(try p.firstViolation(of: [1 + 5e-7]) == nil)
    #expect(try p.firstViolation(of: [1 + 5e-6]) != nil)
  }
}
