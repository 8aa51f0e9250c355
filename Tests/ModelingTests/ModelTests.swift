import Modeling
import Testing

@Suite("Model layer")
struct ModelTests {
  @Test func expressionsMergeDuplicatesAndDropZeros() {
    var model = Model(name: "m")
    let x = model.addVariable("x")
    let y = model.addVariable("y")
    let z = model.addVariable("z")
    var e = 2 * x + y
    e += 3 * x
    e -= y
    e += z
    e -= 1 * z
    e += 4
    let terms = e.terms
    #expect(terms.count == 1)
    #expect(terms[0].variable == x && terms[0].coefficient == 5)
    #expect(e.constant == 4)
    #expect(e.storedTermCount == 6)

    let f = x + y - z - 2.5
    #expect(f.terms.map(\.variable) == [x, y, z])
    #expect(f.terms.map(\.coefficient) == [1, 1, -1])
    #expect(f.constant == -2.5)
    let g = -(x - y) + 1 * z
    #expect(g.terms.map(\.coefficient) == [-1, 1, 1])
    #expect(LinearExpression.sum([x, y, x]).terms.map(\.coefficient) == [2, 1])
    #expect(g.evaluate([1, 2, 3]) == 4)
    let h = x + 2 - y - 0.5
    #expect(h.constant == 1.5 && h.terms.map(\.coefficient) == [1, -1])
    #expect((-x).terms.map(\.coefficient) == [-1])
    #expect((x - 1).constant == -1)
    // Out-of-order terms come back sorted.
    #expect((z + x).terms.map(\.variable) == [x, z])
  }

  @Test func constraintsMoveTheConstantToTheBounds() {
    var model = Model(name: "m")
    let x = model.addVariable("x")
    let y = model.addVariable("y")
    let c = model.addConstraint("c", x + y + 3, .lessOrEqual(5))
    #expect(model.bounds(of: c) == (-.infinity, 2))
    let d = model.addConstraint("d", 2 * x - 1, .between(1, 7))
    #expect(model.bounds(of: d) == (2, 8))
    let e = model.addConstraint("e", x + x + y, .equal(4))
    #expect(model.terms(of: e).map(\.coefficient) == [2, 1])
    #expect(model.constraintCount == 3 && model.nonzeroCount == 5)
    #expect(model.rowStarts == [0, 2, 3, 5])
    #expect(model.name(of: d) == "d")
    model.setBounds(d, lower: 0, upper: 1)
    #expect(model.bounds(of: d) == (0, 1))
  }

  @Test func variablesAndBinaryBounds() {
    var model = Model(name: "m")
    let b = model.addVariable("b", lower: -3, upper: 9, kind: .binary, objective: 2)
    #expect(model.lower(of: b) == 0 && model.upper(of: b) == 1)
    #expect(model.kind(of: b) == .binary && model.objective(of: b) == 2)
    let x = model.addVariable("x", lower: 0, upper: 4)
    model.setKind(x, .binary)
    #expect(model.upper(of: x) == 1)
    model.setBounds(x, lower: 1, upper: 5)
    #expect(model.lower(of: x) == 1 && model.upper(of: x) == 1)
    model.setObjective(x, -7)
    #expect(model.objective(of: x) == -7)
    #expect(model.hasIntegerVariables)
    #expect(model.variables == [b, x])
  }

  @Test func objectiveValueIncludesTheConstant() {
    var model = Model(name: "m")
    model.objectiveConstant = 10
    let x = model.addVariable("x", objective: 2)
    _ = model.addVariable("y", objective: -1)
    #expect(model.objectiveValue([3, 4]) == 12)
    model.addConstraint("c", 2 * x, .lessOrEqual(8))
    #expect(model.activity(of: ConstraintRef(index: 0), [3, 4]) == 6)
  }

  @Test func violationsNameWhatIsWrong() {
    var model = Model(name: "m")
    let x = model.addVariable("x", lower: 0, upper: 5, kind: .integer)
    let y = model.addVariable("y", lower: 1, upper: 2)
    model.addConstraint("capacity", x + 2 * y, .lessOrEqual(6))
    model.addConstraint("demand", x + y, .greaterOrEqual(2))

    #expect(model.violations([2, 2]).isEmpty)
    #expect(model.isFeasible([2, 2]))

    let overCapacity = model.violations([4, 2])
    #expect(overCapacity.count == 1)
    let v = overCapacity[0]
    #expect(v.kind == .constraintAboveUpperBound && v.name == "capacity")
    #expect(v.value == 8 && v.limit == 6 && v.amount == 2)
    #expect(v.constraint == ConstraintRef(index: 0))
    #expect(v.description.contains("capacity"))

    let many = model.violations([0.5, 0.5])
    #expect(many.map(\.kind) == [.notIntegral, .variableBelowLowerBound, .constraintBelowLowerBound])
    #expect(many.map(\.name) == ["x", "y", "demand"])

    #expect(model.violations([1e-8 + 2, 2]).isEmpty)  // within tolerance
    #expect(model.violations([2]).map(\.kind) == [.wrongValueCount])
    #expect(model.violations([.nan, 2]).map(\.kind) == [.notFinite])
    #expect(model.violations([6, 1]).map(\.kind) == [.variableAboveUpperBound, .constraintAboveUpperBound])
  }

  @Test func columnViewListsEachVariablesRows() {
    var model = Model(name: "m")
    let x = model.addVariable("x")
    let y = model.addVariable("y")
    let z = model.addVariable("z")
    model.addConstraint("a", x + 2 * y, .lessOrEqual(1))
    model.addConstraint("b", 3 * y + 4 * z, .lessOrEqual(1))
    model.addConstraint("c", 5 * x + 6 * z, .lessOrEqual(1))
    let columns = model.columns()
    #expect(columns.variableCount == 3)
    #expect(columns[x].map(\.constraint.index) == [0, 2])
    #expect(columns[x].map(\.coefficient) == [1, 5])
    #expect(columns[y].map(\.coefficient) == [2, 3])
    #expect(columns[z].map(\.constraint.index) == [1, 2])
    #expect(columns[z].map(\.coefficient) == [4, 6])
  }

  @Test func validateRejectsBadModels() {
    var model = Model(name: "m")
    let x = model.addVariable("x", lower: 0, upper: 1)
    #expect(throws: Never.self) { try model.validate() }
    model.setBounds(x, lower: 2, upper: 1)
    let crossed = #expect(throws: ModelError.self) { try model.validate() }
    #expect(crossed?.message.contains("'x'") == true)
    model.setBounds(x, lower: 0, upper: 1)
    model.addConstraint("bad", x, .lessOrEqual(.nan))
    #expect(throws: ModelError.self) { try model.validate() }

    var fractional = Model(name: "f")
    fractional.addVariable("n", lower: 0.2, upper: 0.8, kind: .integer)
    #expect(throws: ModelError.self) { try fractional.validate() }

    var infiniteCost = Model(name: "i")
    infiniteCost.addVariable("n", objective: .infinity)
    #expect(throws: ModelError.self) { try infiniteCost.validate() }
  }

  @Test func fileFormatFromExtension() {
    #expect(ModelFileFormat(pathExtension: "lp") == .cplexLP)
    #expect(ModelFileFormat(pathExtension: "MPS") == .mps)
    #expect(ModelFileFormat(pathExtension: "txt") == nil)
    #expect(ModelFileFormat.mps.pathExtension == "mps")
  }
}
