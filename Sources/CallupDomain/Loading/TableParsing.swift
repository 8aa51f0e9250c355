import Foundation

// MARK: Columns of the four tables (docs/contract.md)

enum UnitColumn: String, CSVColumns {
  case id, name, region, parent, headcount
  case maxAway = "max_away"
  case maxAwayShare = "max_away_share"
  static let required: Set<UnitColumn> = [.id, .name, .region]
}

enum CadreColumn: String, CSVColumns {
  case id, name, unit, rank, leadership, tags, gender
  case birthYear = "birth_year"
  case party, appointed, unavailable
  static let required: Set<CadreColumn> = [.id, .name, .unit, .rank, .gender, .birthYear, .party]
}

enum ClassColumn: String, CSVColumns {
  case id, name, institution
  case institutionType = "institution_type"
  case level, region, kind, theme, start, days, hours
  case minSize = "min_size"
  case capacity, ranks, tags
  case costPerSeat = "cost_per_seat"
  case fixedCost = "fixed_cost"
  static let required: Set<ClassColumn> = [
    .id, .name, .institution, .institutionType, .level, .region, .kind, .start, .days, .hours,
  ]
}

enum CapacityColumn: String, CSVColumns {
  case id, year, institution
  case institutionType = "institution_type"
  case level, region, kind, theme, seats, classes, days, hours
  case minSize = "min_size"
  case ranks, tags
  case costPerSeat = "cost_per_seat"
  case fixedCost = "fixed_cost"
  static let required: Set<CapacityColumn> = [
    .id, .year, .institution, .institutionType, .level, .region, .kind, .seats, .days, .hours,
  ]
}

enum HistoryColumn: String, CSVColumns {
  case cadre
  case classID = "class"
  case kind, theme
  case institutionType = "institution_type"
  case start, days, hours
  static let required: Set<HistoryColumn> = [.cadre, .kind, .start, .days, .hours]
}

// MARK: Reading the cells of one record

/// Reads typed values from the cells of one record; every defect is logged
/// with the cell's file, line, column and header.
///
/// Numbers and dates are read from the cell's bytes; text is made only for
/// the values kept and for messages.
struct Cells<C: CSVColumns> {
  let record: CSVRecord<C>
  let issues: IssueLog

  func fail(_ c: C, _ message: String) { issues.add(record.location(c), message) }

  /// A value that must not be empty.
  func required(_ c: C) -> String? {
    let v = record[c]
    if v.isEmpty {
      fail(c, "\(c.rawValue) is empty.")
      return nil
    }
    return v.string
  }

  /// One word of a closed vocabulary; `empty` is used for an empty cell (nil = the cell is required).
  func word<T: RawRepresentable & CaseIterable>(_ c: C, noun: String, _: T.Type, empty: T? = nil) -> T?
  where T.RawValue == String {
    let v = record[c]
    if v.isEmpty {
      if let empty { return empty }
      fail(c, "\(c.rawValue) is empty; use one of \(Vocabulary.allowed(T.self)).")
      return nil
    }
    let text = v.string
    if let w = T(rawValue: text) ?? ValueAliases.word(T.self, text[...]) { return w }
    fail(c, Vocabulary.unknown(noun, text, T.self))
    return nil
  }

  /// A `;`-separated list of vocabulary words; empty = the empty set.
  func words<T: RawRepresentable & CaseIterable & Hashable>(_ c: C, noun: String, _: T.Type) -> Set<T>?
  where T.RawValue == String {
    let v = record[c]
    if v.isEmpty { return [] }
    var out = Set<T>()
    var ok = true
    for w in listItems(v.text) {
      if let x = T(rawValue: String(w)) ?? ValueAliases.word(T.self, w) {
        out.insert(x)
      } else {
        fail(c, Vocabulary.unknown(noun, w, T.self))
        ok = false
      }
    }
    return ok ? out : nil
  }

  /// A `;`-separated list of free words (tags).
  func list(_ c: C) -> Set<String> {
    let v = record[c]
    if v.isEmpty { return [] }
    var out = Set<String>()
    for w in listItems(v.text) { out.insert(String(w)) }
    return out
  }

  /// A whole number of at least `minimum`; `.some(nil)` for an empty cell
  /// when `optional`, nil (logged) when invalid.
  func int(_ c: C, minimum: Int, maximum: Int = 10_000_000, optional: Bool = false) -> Int?? {
    let v = record[c]
    if v.isEmpty {
      if optional { return .some(nil) }
      fail(c, "\(c.rawValue) is empty; write a whole number.")
      return nil
    }
    guard let x = v.int else {
      fail(c, "\(c.rawValue) must be a whole number, not '\(v)'.")
      return nil
    }
    guard x >= minimum else {
      fail(c, "\(c.rawValue) is \(x); it must be at least \(minimum).")
      return nil
    }
    guard x <= maximum else {
      fail(c, "\(c.rawValue) is \(x); it must be at most \(maximum).")
      return nil
    }
    return .some(x)
  }

  /// A finite number, not negative; `empty` for an empty cell (nil = required).
  func number(_ c: C, empty: Double? = nil) -> Double? {
    let v = record[c]
    if v.isEmpty {
      if let empty { return empty }
      fail(c, "\(c.rawValue) is empty; write a number.")
      return nil
    }
    guard let x = v.double, x.isFinite else {
      fail(c, "\(c.rawValue) must be a number, not '\(v)'.")
      return nil
    }
    guard x >= 0 else {
      fail(c, "\(c.rawValue) is \(v); it cannot be negative.")
      return nil
    }
    return x
  }

  /// A share between 0 and 1, read exactly; `.some(nil)` for an empty cell.
  func share(_ c: C) -> ExactDecimal?? {
    let v = record[c]
    if v.isEmpty { return .some(nil) }
    guard let d = ExactDecimal(v.text) else {
      fail(c, "\(c.rawValue) must be a decimal between 0 and 1 such as 0.3, not '\(v)'.")
      return nil
    }
    guard d.scale <= 6, !(ExactDecimal(1) < d) else {
      fail(c, "\(c.rawValue) is \(v); use a decimal between 0 and 1 with at most 6 decimal places.")
      return nil
    }
    return .some(d)
  }

  /// A date `YYYY-MM-DD`; `.some(nil)` for an empty cell when `optional`.
  func day(_ c: C, optional: Bool = false) -> Day?? {
    let v = record[c]
    if v.isEmpty {
      if optional { return .some(nil) }
      fail(c, "\(c.rawValue) is empty; write a date as YYYY-MM-DD.")
      return nil
    }
    if let d = DateText.fast(v.bytes) { return .some(d) }
    switch DateText.parse(v.text) {
    case .success(let d): return .some(d)
    case .failure(let m):
      fail(c, m.message)
      return nil
    }
  }

  /// `2025-03-01..2025-03-15;2025-07-01..2025-07-31`.
  func ranges(_ c: C) -> [DayRange]? {
    let v = record[c]
    if v.isEmpty { return [] }
    var out: [DayRange] = []
    var ok = true
    for text in listItems(v.text) {
      guard let (from, to) = splitRange(text) else {
        fail(c, "'\(text)' is not a date range; write it as 2025-03-01..2025-03-15.")
        ok = false
        continue
      }
      switch (DateText.parse(from), DateText.parse(to)) {
      case (.success(let first), .success(let last)):
        if last < first {
          fail(c, "the range \(text) ends before it starts; write the earlier date first.")
          ok = false
        } else {
          out.append(DayRange(first: first, last: last))
        }
      case (.failure(let m), _), (_, .failure(let m)):
        fail(c, "in the range '\(text)': \(m.message)")
        ok = false
      }
    }
    return ok ? out : nil
  }
}

/// Dates of the files, `YYYY-MM-DD`.
enum DateText {
  struct Problem: Error { let message: String }

  static func parse(_ text: Substring) -> Result<Day, Problem> {
    if let d = fast(text) { return .success(d) }
    let u = Array(text.utf8)
    let shaped =
      u.count == 10 && u[4] == UInt8(ascii: "-") && u[7] == UInt8(ascii: "-")
      && u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
    if shaped {
      return .failure(Problem(message: "\(text) is not a day of the calendar."))
    }
    return .failure(Problem(message: "'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01."))
  }
}

extension DateText {
  /// `YYYY-MM-DD` read byte by byte, without allocating.
  @inline(__always)
  static func fast(_ text: Substring) -> Day? { fast(text.utf8) }

  /// `YYYY-MM-DD` read byte by byte, without allocating.
  @inline(__always)
  static func fast(_ bytes: some Collection<UInt8>) -> Day? {
    var y = 0
    var m = 0
    var d = 0
    var i = 0
    for b in bytes {
      switch i {
      case 4, 7:
        guard b == UInt8(ascii: "-") else { return nil }
      case 0..<10:
        guard b >= 48, b <= 57 else { return nil }
        let v = Int(b &- 48)
        if i < 4 { y = y * 10 + v } else if i < 7 { m = m * 10 + v } else { d = d * 10 + v }
      default:
        return nil
      }
      i += 1
    }
    guard i == 10 else { return nil }
    return Day(year: y, month: m, day: d)
  }
}

// MARK: The tables

/// Reads the four tables one after another, checking references as it goes
/// (units first, so cadres can be checked against them, and so on).
final class TableReader {
  let issues: IssueLog

  private(set) var units: [Unit] = []
  private(set) var cadres: [Cadre] = []
  private(set) var classes: [TrainingClass] = []
  private(set) var history: [HistoryRecord] = []

  /// Every id seen, with the line of its first record, valid or not (so a
  /// record with another defect does not make references to it fail too).
  private var unitLines: [String: Int] = [:]
  private var cadreLines: [String: Int] = [:]
  private var classLines: [String: Int] = [:]
  private var capacityLines: [String: Int] = [:]
  private var parentRefs: [(unit: String, parent: String, location: SourceLocation)] = []
  /// Unit ids by unit name (nil when several units share the name), so a
  /// roster may name units instead of giving their ids.
  private var unitByName: [String: String?] = [:]
  private(set) var unitsRead = false
  private(set) var cadresRead = false
  /// history.csv rows of cadres not in cadres.csv (people who have left or
  /// moved away): skipped, and counted with their first lines for a warning.
  private(set) var departedRows = 0
  private(set) var departedLines: [Int] = []

  init(issues: IssueLog) { self.issues = issues }

  /// Registers an id; logs a duplicate with the line of the first one.
  private func register<C: CSVColumns>(
    _ key: String, in lines: inout [String: Int], noun: String, cells: Cells<C>, column: C
  ) -> Bool {
    // One lookup for the usual new id; a duplicate puts the first line back.
    if let first = lines.updateValue(cells.record.line, forKey: key) {
      lines[key] = first
      cells.fail(column, "duplicate \(noun) id '\(key)'; it is already on line \(first).")
      return false
    }
    return true
  }

  // MARK: units.csv

  func readUnits(_ url: URL, file: String) {
    unitsRead = TableFile.read(url, file: file, columns: UnitColumn.self, issues: issues) { r in
      let c = Cells(record: r, issues: issues)
      let start = issues.count
      let id = c.required(.id)
      if let id, !register(id, in: &unitLines, noun: "unit", cells: c, column: .id) { return }
      if r.malformed { return }
      let parent = r[.parent]
      if let id, !parent.isEmpty { parentRefs.append((String(id), parent.string, r.location(.parent))) }
      let name = c.required(.name)
      if let id, let name { unitByName[String(name)] = unitByName[String(name)] == nil ? String(id) : .some(nil) }
      let region = c.required(.region)
      let headcount = c.int(.headcount, minimum: 0, optional: true)
      let maxAway = c.int(.maxAway, minimum: 0, optional: true)
      let share = c.share(.maxAwayShare)
      guard issues.count == start, let id, let name, let region, let headcount, let maxAway, let share else { return }
      units.append(
        Unit(
          id: UnitID(String(id)), name: String(name), region: RegionID(String(region)),
          parent: parent.isEmpty ? nil : UnitID(parent.string), headcount: headcount, maxAway: maxAway,
          maxAwayShare: share))
    }
    checkParents(complete: unitsRead)
  }

  /// Parents must be units of the file, and never form a cycle.
  private func checkParents(complete: Bool) {
    var parentOf: [String: (parent: String, location: SourceLocation)] = [:]
    for ref in parentRefs {
      if unitLines[ref.parent] == nil {
        guard complete else { continue }
        issues.add(ref.location, "unknown parent unit '\(ref.parent)'; it is not an id of units.csv.")
      } else {
        parentOf[ref.unit] = (ref.parent, ref.location)
      }
    }
    // Walk up from every unit; 1 = on the current path, 2 = done.
    var state: [String: UInt8] = [:]
    for ref in parentRefs where state[ref.unit] == nil {
      var path: [String] = []
      var u: String? = ref.unit
      while let x = u, state[x] == nil {
        state[x] = 1
        path.append(x)
        u = parentOf[x]?.parent
      }
      if let x = u, state[x] == 1, let at = path.firstIndex(of: x), let location = parentOf[x]?.location {
        let cycle = Array(path[at...])
        let message =
          cycle.count == 1
          ? "unit '\(x)' is its own parent."
          : "the parents of units \((cycle + [x]).joined(separator: " → ")) form a cycle; a unit cannot be its own ancestor."
        issues.add(location, message)
      }
      for p in path { state[p] = 2 }
    }
  }

  // MARK: cadres.csv

  func readCadres(_ url: URL, file: String, unitsFile: String) {
    let reserve = { (n: Int) in
      self.cadres.reserveCapacity(n)
      self.cadreLines.reserveCapacity(n)
    }
    cadresRead = TableFile.read(url, file: file, columns: CadreColumn.self, issues: issues, reserve: reserve) { r in
      let c = Cells(record: r, issues: issues)
      let start = issues.count
      let id = c.required(.id)
      if let id, !register(id, in: &cadreLines, noun: "cadre", cells: c, column: .id) { return }
      if r.malformed { return }
      let name = c.required(.name)
      var unit = c.required(.unit)
      if let u = unit, unitsRead, unitLines[String(u)] == nil {
        switch unitByName[String(u)] {
        case .some(.some(let id)): unit = id  // a unit's name, not its id
        case .some(.none): c.fail(.unit, "'\(u)' is the name of several units in \(unitsFile); write the unit's id.")
        case .none: c.fail(.unit, "unknown unit '\(u)'; it is not an id of \(unitsFile).")
        }
      }
      let rank = c.word(.rank, noun: "rank", Rank.self)
      let leadership = c.word(.leadership, noun: "leadership", Leadership.self, empty: Leadership.none)
      let tags = c.list(.tags)
      let gender = genderCell(c)
      let birthYear = c.int(.birthYear, minimum: 1900, maximum: 2100)
      let party = c.word(.party, noun: "party", Party.self)
      let appointed = c.day(.appointed, optional: true)
      let unavailable = c.ranges(.unavailable)
      guard issues.count == start, let id, let name, let unit, let rank, let leadership, let gender,
        let birthYear = birthYear ?? nil, let party, let appointed, let unavailable
      else { return }
      cadres.append(
        Cadre(
          id: CadreID(String(id)), name: String(name), unit: UnitID(String(unit)), rank: rank,
          leadership: leadership, tags: tags, gender: gender, birthYear: birthYear, party: party,
          appointed: appointed, unavailable: unavailable))
    }
  }

  /// `M` or `F` (lower case, `男` and `女` accepted).
  private func genderCell(_ c: Cells<CadreColumn>) -> Gender? {
    let v = c.record[.gender].string
    switch v {
    case "M", "m", "男": return .male
    case "F", "f", "女": return .female
    case "": c.fail(.gender, "gender is empty; use M or F.")
    default: c.fail(.gender, "unknown gender '\(v)'; use M or F.")
    }
    return nil
  }

  // MARK: classes.csv

  func readClasses(_ url: URL, file: String) {
    TableFile.read(url, file: file, columns: ClassColumn.self, issues: issues) { r in
      let c = Cells(record: r, issues: issues)
      let start = issues.count
      let id = c.required(.id)
      if let id, !register(id, in: &classLines, noun: "class", cells: c, column: .id) { return }
      if r.malformed { return }
      let name = c.required(.name)
      let institution = c.required(.institution)
      let type = c.word(.institutionType, noun: "institution type", InstitutionType.self)
      let level = c.word(.level, noun: "level", Level.self)
      let region = c.required(.region)
      let kind = c.word(.kind, noun: "class kind", ClassKind.self)
      let theme = r[.theme]
      let day = c.day(.start)
      let days = c.int(.days, minimum: 1, maximum: 366)
      let hours = c.number(.hours)
      let minSize = c.int(.minSize, minimum: 1, optional: true)
      let capacity = c.int(.capacity, minimum: 0, optional: true)
      let ranks = c.words(.ranks, noun: "rank", Rank.self)
      let tags = c.list(.tags)
      let cost = c.number(.costPerSeat, empty: 0)
      let fixed = c.number(.fixedCost, empty: 0)
      if let cap = capacity ?? nil {
        let low = (minSize ?? nil) ?? 1
        if cap < low {
          c.fail(.capacity, "capacity \(cap) is smaller than min_size \(low); no class could be held.")
        }
      }
      guard issues.count == start, let id, let name, let institution, let type, let level, let region, let kind,
        let day = day ?? nil, let days = days ?? nil, let hours, let minSize, let capacity, let ranks, let cost,
        let fixed
      else { return }
      classes.append(
        TrainingClass(
          id: ClassID(String(id)), name: String(name), institution: InstitutionID(String(institution)),
          institutionType: type, level: level, region: RegionID(String(region)), kind: kind, theme: theme.string,
          start: day, days: days, hours: hours, minSize: minSize ?? 1, capacity: capacity, ranks: ranks, tags: tags,
          costPerSeat: cost, fixedCost: fixed))
    }
  }

  // MARK: capacities.csv

  /// Yearly seats per kind and institution for years with no calendar yet.
  /// The rows become provisional classes, after classes.csv's
  /// (`YearlyCapacity.provisionalClasses(_:)`). `years`: the plan's years.
  func readCapacities(_ url: URL, file: String, years: ClosedRange<Int>?) {
    var capacities: [YearlyCapacity] = []
    defer { classes += YearlyCapacity.provisionalClasses(capacities) }
    TableFile.read(url, file: file, columns: CapacityColumn.self, issues: issues) { r in
      let c = Cells(record: r, issues: issues)
      let start = issues.count
      let id = c.required(.id)
      if let id, !register(id, in: &capacityLines, noun: "capacity", cells: c, column: .id) { return }
      if r.malformed { return }
      let year = c.int(.year, minimum: 1900, maximum: 9000)
      let institution = c.required(.institution)
      let type = c.word(.institutionType, noun: "institution type", InstitutionType.self)
      let level = c.word(.level, noun: "level", Level.self)
      let region = c.required(.region)
      let kind = c.word(.kind, noun: "class kind", ClassKind.self)
      let theme = r[.theme]
      let seats = c.int(.seats, minimum: 1)
      let count = c.int(.classes, minimum: 1, maximum: 366, optional: true)
      let days = c.int(.days, minimum: 1, maximum: YearlyCapacity.longestDays)
      let hours = c.number(.hours)
      let minSize = c.int(.minSize, minimum: 1, optional: true)
      let ranks = c.words(.ranks, noun: "rank", Rank.self)
      let tags = c.list(.tags)
      let cost = c.number(.costPerSeat, empty: 0)
      let fixed = c.number(.fixedCost, empty: 0)
      if let y = year ?? nil, let years, !years.contains(y) {
        c.fail(
          .year,
          "year \(y) is not a year of the plan (\(years.lowerBound)–\(years.upperBound)); capacities are for the horizon's years."
        )
      }
      let n = (count ?? nil) ?? (seats ?? nil).map { YearlyCapacity.defaultClasses(seats: $0) }
      if let n, let s = seats ?? nil, n > s {
        c.fail(.classes, "classes is \(n) but seats is \(s); every class needs at least one seat.")
      }
      if let n, let s = seats ?? nil, n <= s, let m = minSize ?? nil, m > s / n {
        c.fail(
          .minSize, "min_size \(m) is more than the \(s / n) seats of each of the \(n) classes; no class could be held."
        )
      }
      guard issues.count == start, let id, let y = year ?? nil, let institution, let type, let level, let region,
        let kind, let seats = seats ?? nil, let n, let days = days ?? nil, let hours, let minSize, let ranks, let cost,
        let fixed
      else { return }
      let capacity = YearlyCapacity(
        id: String(id), year: y, institution: InstitutionID(String(institution)), institutionType: type,
        level: level, region: RegionID(String(region)), kind: kind, theme: theme.string, seats: seats, classes: n,
        days: days, hours: hours, minSize: minSize ?? 1, ranks: ranks, tags: tags, costPerSeat: cost,
        fixedCost: fixed)
      for classID in capacity.classIDs {
        if let line = classLines[classID.rawValue] {
          c.fail(
            .id,
            "provisional class id '\(classID.rawValue)' is already on line \(line) of classes.csv; give the capacity another id."
          )
          return
        }
      }
      for classID in capacity.classIDs { classLines[classID.rawValue] = r.line }
      capacities.append(capacity)
    }
  }

  // MARK: history.csv

  /// Reads history.csv. A row of a cadre who is not in cadres.csv is not
  /// an error (a training network's export holds people who have left):
  /// it is skipped and counted (`departedRows`), for one warning.
  func readHistory(_ url: URL, file: String, cadresFile: String) {
    let reserve = { (n: Int) in self.history.reserveCapacity(n) }
    TableFile.read(url, file: file, columns: HistoryColumn.self, issues: issues, reserve: reserve) { r in
      let c = Cells(record: r, issues: issues)
      let start = issues.count
      if r.malformed { return }
      let cadre = c.required(.cadre)
      if let cadre, cadresRead, cadreLines[String(cadre)] == nil {
        self.departedRows += 1
        if self.departedLines.count < 5 { self.departedLines.append(r.line) }
        return
      }
      let classID = r[.classID]
      let kind = c.word(.kind, noun: "class kind", ClassKind.self)
      let theme = r[.theme]
      let typeText = r[.institutionType]
      // nil = invalid (logged), .some(nil) = not given.
      let type: InstitutionType?? =
        typeText.isEmpty
        ? .some(nil)
        : c.word(.institutionType, noun: "institution type", InstitutionType.self).map { Optional($0) }
      let day = c.day(.start)
      let days = c.int(.days, minimum: 1, maximum: 366)
      let hours = c.number(.hours)
      guard issues.count == start, let cadre, let kind, let type, let day = day ?? nil, let days = days ?? nil,
        let hours
      else { return }
      history.append(
        HistoryRecord(
          cadre: CadreID(String(cadre)), classID: classID.isEmpty ? nil : ClassID(classID.string), kind: kind,
          theme: theme.string, institutionType: type, start: day, days: days, hours: hours))
    }
  }
}
