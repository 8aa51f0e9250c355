/// Integer keys that sort a scenario's classes, cadres and units as their
/// fields do: a class by its start, then its id; a cadre and a unit by id.
/// Output sorted by these keys is the same as sorted by the fields, at a
/// comparison of integers instead of strings (a province's plan has a
/// million rows to sort).
public struct ScenarioOrder: Sendable {
  /// Per class index, its place by start, then id.
  public let klass: [Int32]
  /// Per cadre index, its place by id.
  public let cadre: [Int32]
  /// Per cadre index, the place of its unit by unit id (cadres of a unit
  /// not in the scenario after every unit, by that id).
  public let unitOfCadre: [Int32]

  public init(_ s: Scenario) {
    klass = Self.places(s.classes.indices) { a, b in
      let ka = s.classes[a], kb = s.classes[b]
      return ka.start != kb.start ? ka.start < kb.start : ka.id < kb.id
    }
    cadre = Self.places(s.cadres.indices) { s.cadres[$0].id < s.cadres[$1].id }
    let unitIDs = Set(s.cadres.lazy.map(\.unit)).sorted()
    let unitPlace = Dictionary(uniqueKeysWithValues: unitIDs.enumerated().map { ($1, Int32($0)) })
    unitOfCadre = s.cadres.map { unitPlace[$0.unit]! }
  }

  /// The place of each index when `indices` are sorted by `less`; indices
  /// already in order (the usual file) cost one pass.
  static func places(_ indices: Range<Int>, by less: (Int, Int) -> Bool) -> [Int32] {
    var sorted = Array(indices)
    if zip(sorted, sorted.dropFirst()).contains(where: { !less($0, $1) }) { sorted.sort(by: less) }
    var place = [Int32](repeating: 0, count: indices.count)
    for (p, i) in sorted.enumerated() { place[i - indices.lowerBound] = Int32(p) }
    return place
  }
}
