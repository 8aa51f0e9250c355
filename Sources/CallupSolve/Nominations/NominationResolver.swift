import CallupDomain
import CallupPlan

/// A cadre's call-up to a class, as indices.
struct CallUpKey: Hashable {
  var cadre: Int
  var klass: Int
}

/// A defect of one row of a list: the rule word review.csv names it by,
/// the cell, and what is wrong in planners' words.
struct RowDefect: Hashable {
  var rule: String
  var location: SourceLocation
  var message: String
}

/// A row of a list resolved against the scenario and the plan: its unit,
/// class and cadre as far as they resolve, and every defect found.
struct ResolvedRow {
  var unit: Int?
  var klass: Int?
  var cadre: Int?
  var defects: [RowDefect] = []
}

/// Resolves the rows of units' lists: a unit by id or name, a class by id
/// or by name among the plan's year's classes, a cadre by id or by name
/// within its unit; then the unit's seats in the class and rows repeated.
struct NominationResolver {
  let scenario: Scenario
  let year: Int
  /// The unit's seats per class in the plan.
  let seats: [SeatKey: Int]
  private let unitsByName: [String: [Int]]
  private let classesByName: [String: [Int]]
  /// Where each cadre was nominated first for each class.
  private var seen: [CallUpKey: NominationRow] = [:]

  init(scenario s: Scenario, year: Int, seats: [SeatKey: Int]) {
    scenario = s
    self.year = year
    self.seats = seats
    unitsByName = Dictionary(grouping: s.units.indices, by: { Self.key(s.units[$0].name) })
    classesByName = Dictionary(
      grouping: s.classes.indices.filter { s.classes[$0].year == year }, by: { Self.key(s.classes[$0].name) })
  }

  /// The column of a pair a row is read by: the first with a value, else
  /// the first the list has.
  static func column(_ a: NominationColumn, _ b: NominationColumn, in row: NominationRow) -> NominationColumn {
    if !row[a].isEmpty { return a }
    if !row[b].isEmpty { return b }
    return row.fields[a] != nil ? a : b
  }

  /// A name as compared: without spaces of any width (`张　三` is `张三`).
  static func key(_ name: String) -> String { String(name.filter { !$0.isWhitespace }) }

  mutating func resolve(_ row: NominationRow) -> ResolvedRow {
    var r = ResolvedRow()
    r.unit = unit(row, &r.defects)
    r.klass = klass(row, &r.defects)
    r.cadre = cadre(row, unit: &r.unit, &r.defects)
    guard let u = r.unit, let k = r.klass, let c = r.cadre, r.defects.isEmpty else { return r }
    let unitID = scenario.units[u].id, classID = scenario.classes[k].id
    let column = Self.column(.classID, .className, in: row)
    if seats[SeatKey(unit: u, klass: k), default: 0] == 0 {
      r.defects.append(
        RowDefect(
          rule: "no-seats", location: row.location(column),
          message: "\(unitID) has no seats in \(classID): the plan calls up none of its cadres to it"))
    }
    if let first = seen[CallUpKey(cadre: c, klass: k)] {
      r.defects.append(
        RowDefect(
          rule: "repeated", location: row.location(Self.column(.cadre, .name, in: row)),
          message: "\(scenario.cadres[c].id) is already nominated for \(classID) on \(first.location)"))
    } else {
      seen[CallUpKey(cadre: c, klass: k)] = row
    }
    return r
  }

  func unit(_ row: NominationRow, _ defects: inout [RowDefect]) -> Int? {
    let column = Self.column(.unit, .unitName, in: row)
    let text = row[column]
    if text.isEmpty {
      // The unit of a cadre given by id.
      if let ci = scenario.cadreIndex[CadreID(row[.cadre])] { return scenario.unitIndex[scenario.cadres[ci].unit] }
      defects.append(RowDefect(rule: "unknown-unit", location: row.location(column), message: "the unit is empty"))
      return nil
    }
    if let u = scenario.unitIndex[UnitID(text)] { return u }
    let named = unitsByName[Self.key(text)] ?? []
    if named.count == 1 { return named[0] }
    let message =
      named.isEmpty
      ? "unknown unit '\(text)': neither an id nor a name of units.csv"
      : "'\(text)' is the name of several units (\(named.map { scenario.units[$0].id.rawValue }.joined(separator: ", "))); write the unit's id"
    defects.append(RowDefect(rule: "unknown-unit", location: row.location(column), message: message))
    return nil
  }

  private func klass(_ row: NominationRow, _ defects: inout [RowDefect]) -> Int? {
    let column = Self.column(.classID, .className, in: row)
    let text = row[column]
    guard !text.isEmpty else {
      defects.append(RowDefect(rule: "unknown-class", location: row.location(column), message: "the class is empty"))
      return nil
    }
    if let k = scenario.classIndex[ClassID(text)] {
      if scenario.classes[k].year == year { return k }
      defects.append(
        RowDefect(
          rule: "unknown-class", location: row.location(column),
          message: "\(text) is a class of \(scenario.classes[k].year), not of the plan's year \(year)"))
      return nil
    }
    let named = classesByName[Self.key(text)] ?? []
    if named.count == 1 { return named[0] }
    let message =
      named.isEmpty
      ? "unknown class '\(text)': neither an id nor a name of a class of \(year)"
      : "'\(text)' is the name of several classes (\(named.map { scenario.classes[$0].id.rawValue }.joined(separator: ", "))); write the class's id"
    defects.append(RowDefect(rule: "unknown-class", location: row.location(column), message: message))
    return nil
  }

  /// The cadre by id (checked against the unit and the name given), or by
  /// name within the unit.
  private func cadre(_ row: NominationRow, unit: inout Int?, _ defects: inout [RowDefect]) -> Int? {
    let id = row[.cadre], name = row[.name]
    if !id.isEmpty { return cadre(id: id, name: name, row, unit: unit, &defects) }
    guard !name.isEmpty else {
      defects.append(
        RowDefect(
          rule: "unknown-cadre", location: row.location(Self.column(.cadre, .name, in: row)),
          message: "the row names no cadre: give the cadre's id (干部编号) or name (姓名)"))
      return nil
    }
    guard let u = unit else { return nil }  // the unit's defect is enough
    let unitID = scenario.units[u].id
    let matches = scenario.cadresByUnit[u].filter { Self.key(scenario.cadres[$0].name) == Self.key(name) }
    if matches.count == 1 { return matches[0] }
    if matches.isEmpty {
      defects.append(
        RowDefect(
          rule: "unknown-cadre", location: row.location(.name),
          message: "no cadre of \(unitID) is named \(name)"))
    } else {
      let ids = matches.map { scenario.cadres[$0].id.rawValue }.joined(separator: ", ")
      defects.append(
        RowDefect(
          rule: "ambiguous-name", location: row.location(.name),
          message: "\(name) is the name of \(matches.count) cadres of \(unitID) (\(ids)); write the cadre's id (干部编号)"))
    }
    return nil
  }

  private func cadre(
    id: String, name: String, _ row: NominationRow, unit: Int?, _ defects: inout [RowDefect]
  ) -> Int? {
    guard let ci = scenario.cadreIndex[CadreID(id)] else {
      defects.append(
        RowDefect(
          rule: "unknown-cadre", location: row.location(.cadre),
          message: "unknown cadre '\(id)': not an id of cadres.csv"
        ))
      return nil
    }
    let c = scenario.cadres[ci]
    if let u = unit, c.unit != scenario.units[u].id {
      let theirs = scenario.unit(c.unit).map { "\($0.id) \($0.name)" } ?? c.unit.rawValue
      defects.append(
        RowDefect(
          rule: "wrong-unit", location: row.location(.cadre),
          message: "\(c.id) \(c.name) is a cadre of \(theirs), not of \(scenario.units[u].id)"))
      return nil
    }
    if !name.isEmpty, Self.key(name) != Self.key(c.name) {
      defects.append(
        RowDefect(
          rule: "name-mismatch", location: row.location(.name),
          message: "\(c.id) is \(c.name), not \(name); check the row"))
      return nil
    }
    return ci
  }
}
