import CallupDomain
import Foundation

/// A generated regional scenario in compact form: a province's million
/// cadres take about 20 bytes each and its history rows 16, and the files
/// are written row by row from here without building the domain values.
struct RegionalScenario {
  var name: String
  var year: Int
  var org: RegionalOrganization
  var history: [HistoryRow]
  /// Unavailable ranges in cadre order.
  var away: [AwayRow]
  var classes: [TrainingClass]
  var horizon = 1
  /// The five-year period hours rules count in.
  var period: ClosedRange<Int>

  static func generate(_ g: ScenarioGenerator, layout: RegionalLayout) -> RegionalScenario {
    let org = RegionalOrganizationBuilder(
      preset: g.parameters, layout: layout, seed: g.seed, scale: g.scale, year: g.year
    ).build()
    let h = RegionalHistoryBuilder(preset: g.parameters, seed: g.seed, year: g.year).build(org)
    let classes = RegionalCatalogBuilder(
      preset: g.parameters, layout: layout, seed: g.seed, year: g.year, scale: g.scale
    ).build(org, demand: h.demand)
    return RegionalScenario(
      name: g.parameters.name, year: g.year, org: org, history: h.history, away: h.away, classes: classes,
      horizon: g.horizon, period: g.period)
  }

  var units: [CallupDomain.Unit] { org.units.map(\.unit) }

  /// Digits of the cadre ids (`P00001`: at least five).
  var cadreWidth: Int { max(5, String(org.cadres.count).count) }

  /// The settings part of the scenario (no tables), for scenario.yaml.
  var settings: Scenario {
    Scenario(
      name: name, year: year, horizon: horizon, period: period,
      policy: Policy(name: "default", rules: []),
      solver: SolverSettings(timeLimit: 60, mipGap: 0.005), units: [], cadres: [], classes: [])
  }

  /// Cadre `i` as a domain value, without its unavailable ranges (for
  /// matching it against selectors).
  func cadre(_ i: Int) -> Cadre {
    let c = org.cadres[i]
    return Cadre(
      id: CadreID(""), name: "", unit: UnitID(""), rank: c.rank, leadership: c.leadership, tags: c.tags.strings,
      gender: c.female ? .female : .male, birthYear: Int(c.birthYear), party: c.nonParty ? .nonParty : .cpc,
      appointed: c.appointed == CadreRow.none ? nil : Day(ordinal: c.appointed))
  }

  /// The scenario as domain values (for tests and callers of
  /// `ScenarioGenerator.generate()`; the writer does not need it).
  func scenario() -> Scenario {
    let units = self.units
    let width = cadreWidth
    let ids = org.cadres.indices.map { CadreID("P" + pad($0 + 1, width)) }
    var cadres: [Cadre] = []
    cadres.reserveCapacity(org.cadres.count)
    var a = 0
    for (i, c) in org.cadres.enumerated() {
      var unavailable: [DayRange] = []
      while a < away.count, away[a].cadre == Int32(i) {
        unavailable.append(DayRange(first: Day(ordinal: away[a].first), last: Day(ordinal: away[a].last)))
        a += 1
      }
      cadres.append(
        Cadre(
          id: ids[i], name: c.name.string, unit: units[Int(c.unit)].id, rank: c.rank, leadership: c.leadership,
          tags: c.tags.strings, gender: c.female ? .female : .male, birthYear: Int(c.birthYear),
          party: c.nonParty ? .nonParty : .cpc,
          appointed: c.appointed == CadreRow.none ? nil : Day(ordinal: c.appointed), unavailable: unavailable))
    }
    let history = self.history.map { h in
      HistoryRecord(
        cadre: ids[Int(h.cadre)], kind: h.kind, theme: h.theme == 0 ? "" : Theme.all[Int(h.theme) - 1].id,
        institutionType: h.type, start: Day(ordinal: h.start), days: Int(h.days), hours: classHours(days: Int(h.days)))
    }
    var s = settings
    s.units = units
    s.cadres = cadres
    s.classes = classes
    s.history = history
    s.reindex()
    return s
  }

  /// Writes the five files into `directory`, each to a temporary file that
  /// is then renamed over the target; cadres.csv and history.csv are
  /// streamed row by row through a one-megabyte buffer.
  func write(policyPath: String, rules: String = "", to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try CSVStream.write(to: directory.appendingPathComponent("scenario.yaml")) {
      $0.string(ScenarioWriter.scenarioYAML(settings, policyPath: policyPath) + rules)
    }
    try CSVStream.write(to: directory.appendingPathComponent("units.csv")) {
      $0.string(ScenarioWriter.unitsCSV(units))
    }
    try CSVStream.write(to: directory.appendingPathComponent("cadres.csv")) { try writeCadres(&$0) }
    try CSVStream.write(to: directory.appendingPathComponent("classes.csv")) {
      $0.string(ScenarioWriter.classesCSV(classes))
    }
    try CSVStream.write(to: directory.appendingPathComponent("history.csv")) { try writeHistory(&$0) }
  }

  func writeCadres(_ out: inout CSVStream) throws {
    out.string("id,name,unit,rank,leadership,tags,gender,birth_year,party,appointed,unavailable\n")
    let unitIDs = org.units.map { Array(ScenarioWriter.csvField($0.unit.id.rawValue).utf8) }
    let width = cadreWidth
    var a = 0
    for (i, c) in org.cadres.enumerated() {
      out.byte(UInt8(ascii: "P"))
      out.padded(i + 1, width)
      out.byte(44)
      c.name.append(to: &out.buffer)
      out.byte(44)
      out.bytes(unitIDs[Int(c.unit)])
      out.byte(44)
      out.bytes(Vocabulary.rank(c.rank))
      out.byte(44)
      out.bytes(Vocabulary.leadership(c.leadership))
      out.byte(44)
      var firstTag = true
      var bits = c.tags.rawValue
      var bit = 0
      while bits != 0 {
        if bits & 1 != 0 {
          if !firstTag { out.byte(59) }
          out.bytes(TagSet.utf8Names[bit])
          firstTag = false
        }
        bits >>= 1
        bit += 1
      }
      out.byte(44)
      out.byte(c.female ? UInt8(ascii: "F") : UInt8(ascii: "M"))
      out.byte(44)
      out.int(Int(c.birthYear))
      out.byte(44)
      out.bytes(c.nonParty ? Vocabulary.nonParty : Vocabulary.cpc)
      out.byte(44)
      if c.appointed != CadreRow.none { out.day(c.appointed) }
      out.byte(44)
      var firstRange = true
      while a < away.count, away[a].cadre == Int32(i) {
        if !firstRange { out.byte(59) }
        out.day(away[a].first)
        out.byte(46)
        out.byte(46)
        out.day(away[a].last)
        firstRange = false
        a += 1
      }
      out.byte(10)
      try out.flushIfFull()
    }
  }

  func writeHistory(_ out: inout CSVStream) throws {
    out.string("cadre,class,kind,theme,institution_type,start,days,hours\n")
    let width = cadreWidth
    let themes = Theme.all.map { Array($0.id.utf8) }
    for h in history {
      out.byte(UInt8(ascii: "P"))
      out.padded(Int(h.cadre) + 1, width)
      out.byte(44)
      out.byte(44)
      out.bytes(Vocabulary.kind(h.kind))
      out.byte(44)
      if h.theme != 0 { out.bytes(themes[Int(h.theme) - 1]) }
      out.byte(44)
      out.bytes(Vocabulary.institutionType(h.type))
      out.byte(44)
      out.day(h.start)
      out.byte(44)
      out.int(Int(h.days))
      out.byte(44)
      out.int(Int(classHours(days: Int(h.days))))
      out.byte(10)
      try out.flushIfFull()
    }
  }
}

/// The words of the closed vocabularies as UTF-8 bytes.
enum Vocabulary {
  static let ranks = Rank.allCases.map { Array($0.rawValue.utf8) }
  static let leaderships = Leadership.allCases.map { Array($0.rawValue.utf8) }
  static let kinds = ClassKind.allCases.map { Array($0.rawValue.utf8) }
  static let types = InstitutionType.allCases.map { Array($0.rawValue.utf8) }
  static let cpc = Array(Party.cpc.rawValue.utf8)
  static let nonParty = Array(Party.nonParty.rawValue.utf8)

  static func rank(_ r: Rank) -> [UInt8] {
    switch r {
    case .provincial: ranks[0]
    case .bureau: ranks[1]
    case .county: ranks[2]
    case .section: ranks[3]
    case .staff: ranks[4]
    }
  }
  static func leadership(_ l: Leadership) -> [UInt8] {
    switch l {
    case .principal: leaderships[0]
    case .deputy: leaderships[1]
    case .team: leaderships[2]
    case .none: leaderships[3]
    }
  }
  static func kind(_ k: ClassKind) -> [UInt8] { kinds[ClassKindIndex.of(k)] }
  static func institutionType(_ t: InstitutionType) -> [UInt8] {
    switch t {
    case .partySchool: types[0]
    case .cadreCollege: types[1]
    case .university: types[2]
    case .other: types[3]
    }
  }
}

/// A file written through a byte buffer that is flushed whenever it holds
/// a megabyte: memory stays flat however many rows are written.
struct CSVStream {
  var buffer: [UInt8] = []
  let handle: FileHandle
  static let flushSize = 1 << 20

  /// Writes a file through `body` into a temporary file next to `url`,
  /// then renames it over `url`; the temporary file is removed on failure.
  static func write(to url: URL, _ body: (inout CSVStream) throws -> Void) throws {
    let tmp = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tmp.path])
    }
    do {
      let handle = try FileHandle(forWritingTo: tmp)
      var stream = CSVStream(handle: handle)
      stream.buffer.reserveCapacity(flushSize + 4096)
      do {
        try body(&stream)
        try stream.flush()
        try handle.close()
      } catch {
        try? handle.close()
        throw error
      }
      if rename(tmp.path, url.path) != 0 {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
    } catch {
      try? FileManager.default.removeItem(at: tmp)
      throw error
    }
  }

  mutating func flush() throws {
    if !buffer.isEmpty { try handle.write(contentsOf: buffer) }
    buffer.removeAll(keepingCapacity: true)
  }
  @inline(__always) mutating func flushIfFull() throws { if buffer.count >= CSVStream.flushSize { try flush() } }

  @inline(__always) mutating func byte(_ b: UInt8) { buffer.append(b) }
  @inline(__always) mutating func bytes(_ b: [UInt8]) { buffer.append(contentsOf: b) }
  mutating func string(_ s: String) { buffer.append(contentsOf: s.utf8) }

  /// A non-negative integer in decimal.
  mutating func int(_ v: Int) {
    var count = 1
    var t = max(0, v)
    while t >= 10 {
      t /= 10
      count += 1
    }
    let start = buffer.count
    buffer.append(contentsOf: repeatElement(UInt8(48), count: count))
    var n = max(0, v)
    var i = start + count - 1
    repeat {
      buffer[i] = UInt8(48 + n % 10)
      n /= 10
      i -= 1
    } while n > 0
  }

  /// `v` with leading zeros to `width` digits.
  mutating func padded(_ v: Int, _ width: Int) {
    var digits = 1
    var n = v
    while n >= 10 {
      n /= 10
      digits += 1
    }
    for _ in digits..<max(digits, width) { buffer.append(48) }
    int(v)
  }

  /// A day as `YYYY-MM-DD`.
  mutating func day(_ ordinal: Int32) {
    let (y, m, d) = Day(ordinal: ordinal).components
    padded(y, 4)
    buffer.append(45)
    padded(m, 2)
    buffer.append(45)
    padded(d, 2)
  }
}
