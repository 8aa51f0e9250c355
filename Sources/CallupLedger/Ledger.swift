import CallupDomain
import Foundation
import GRDB

/// The training ledger (学习培训台账): an SQLite database of who trained when,
/// for how many hours, and who is called up by the published plans.
///
/// ```swift
/// let ledger = try Ledger.open(at: "scenarios/tiny/ledger.sqlite")
/// let history = try HistoryFile.read(URL(fileURLWithPath: "scenarios/tiny/history.csv"))
/// let summary = try ledger.importHistory(history, roster: scenario)
/// ```
///
/// Every change is one SQLite transaction: a process killed in the middle of
/// an import leaves the ledger as it was before it. Foreign keys are on; the
/// schema is versioned by migrations (see `Schema`).
public final class Ledger: Sendable {
  /// The database file.
  public let path: String
  let dbQueue: DatabaseQueue

  private init(path: String, dbQueue: DatabaseQueue) {
    self.path = path
    self.dbQueue = dbQueue
  }

  /// Opens the ledger at `path`, creating it when `create` is true, and
  /// brings its schema up to date.
  ///
  /// - Throws: `LedgerInputError` when there is no ledger and `create` is
  ///   false; `LedgerStoreError` when the file is not a ledger or cannot be
  ///   opened.
  public static func open(at path: String, create: Bool = true) throws -> Ledger {
    if !create, !FileManager.default.fileExists(atPath: path) {
      throw LedgerInputError(
        file: path, "there is no ledger here; start one with `callup ledger import` or `callup ledger publish`.")
    }
    do {
      var config = Configuration()
      config.foreignKeysEnabled = true
      config.busyMode = .timeout(10)
      config.label = "ledger"
      // A large import is one transaction: keep its pages in memory (64 MiB)
      // rather than spilling them to the file before the commit.
      config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -65536") }
      let queue = try DatabaseQueue(path: path, configuration: config)
      try Schema.migrator.migrate(queue)
      return Ledger(path: path, dbQueue: queue)
    } catch {
      throw LedgerStoreError("cannot open the ledger \(path): \(error)")
    }
  }

  // MARK: Import

  /// What an import changed.
  public struct ImportSummary: Hashable, Sendable {
    /// Data rows in the file.
    public var rows: Int
    /// Trainings new to the ledger.
    public var added: Int
    /// Planned call-ups the file shows as attended.
    public var completed: Int
    /// Rows the ledger already had (an import is idempotent).
    public var unchanged: Int { rows - added - completed }
    /// Trainings in the ledger after the import.
    public var total: Int
  }

  /// Writes the trainings of a history file, in one transaction.
  ///
  /// A row already in the ledger (same cadre, start, kind and class) is not
  /// added again; a planned call-up the file shows is marked attended. With
  /// `roster`, the scenario's units and cadres are written to the ledger
  /// first; without it the cadres must already be in the ledger.
  ///
  /// - Throws: `LedgerInputError` naming every row of an unknown cadre;
  ///   nothing is written then.
  @discardableResult
  public func importHistory(_ history: HistoryFile, roster: Scenario? = nil) throws -> ImportSummary {
    try write { db in
      if let roster { try Self.syncRoster(roster, db) }
      let known = try Self.cadreIDs(db)
      if known.isEmpty {
        throw LedgerInputError(
          file: history.file,
          "the ledger has no roster yet; give --scenario DIR so that its cadres.csv is read into the ledger.")
      }
      var issues = IssueList(file: history.file)
      for (t, line) in zip(history.trainings, history.lines) where !known.contains(t.cadre.rawValue) {
        issues.add(line: line, columnName: "cadre", "unknown cadre '\(t.cadre)'; it is not in the ledger's roster.")
      }
      if let e = issues.error { throw e }
      let before = try Self.count(db)
      try db.execute(
        sql: "INSERT INTO imports (kind, file, file_hash, rows, changed, at) VALUES ('history', ?, ?, ?, 0, ?)",
        arguments: [history.file, history.hash, history.trainings.count, Self.now()])
      let importID = db.lastInsertedRowID
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO trainings
            (cadre, class, kind, theme, institution_type, start, year, days, hours, source, status, credited_hours, import)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'attended', ?, ?)
          ON CONFLICT (cadre, start, kind, class) DO UPDATE SET
            status = 'attended', credited_hours = excluded.credited_hours, hours = excluded.hours,
            import = excluded.import
          WHERE trainings.status = 'planned'
          """)
      var changed = 0
      for t in history.trainings {
        try insert.execute(arguments: [
          t.cadre.rawValue, t.classID?.rawValue ?? "", t.kind.rawValue, t.theme, t.institutionType?.rawValue,
          t.start.iso, t.year, t.days, t.hours, history.source.rawValue, t.creditedHours, importID,
        ])
        changed += db.changesCount
      }
      let after = try Self.count(db)
      try db.execute(sql: "UPDATE imports SET changed = ? WHERE id = ?", arguments: [changed, importID])
      return ImportSummary(
        rows: history.trainings.count, added: after - before, completed: changed - (after - before), total: after)
    }
  }

  // MARK: Publish

  /// What a publication changed.
  public struct PublishSummary: Hashable, Sendable {
    public var publication: Int64
    public var years: Range<Int>
    public var assignments: Int
    /// Planned call-ups written.
    public var added: Int
    /// Planned call-ups of earlier publications of these years, removed.
    public var replaced: Int
    /// Assignments the ledger already held as attended, absent or left early.
    public var kept: Int { assignments - added }
  }

  /// Makes a plan the published call-up of its year(s), in one transaction:
  /// each assignment becomes a `planned` training with its class's kind,
  /// theme, dates and hours. Planned call-ups of an earlier publication of
  /// the same years are replaced; attended, absent and left-early rows stay.
  ///
  /// - Throws: `LedgerInputError` when the plan has no solution, or names a
  ///   cadre or class the scenario does not have; nothing is written then.
  @discardableResult
  public func publish(_ plan: PlanFile, scenario: Scenario, file: String = "plan.json") throws -> PublishSummary {
    var issues = IssueList(file: file)
    if plan.status == "infeasible" || plan.status == "no-solution" {
      issues.add(line: nil, "the plan's status is \(plan.status); only an optimal or feasible plan can be published.")
    }
    var rows: [Training] = []
    for (i, a) in plan.assignments.enumerated() {
      let which = "assignment \(i + 1) (\(a.cadre) → \(a.classID))"
      guard scenario.cadre(a.cadre) != nil else {
        issues.add(line: nil, "\(which): the scenario has no cadre \(a.cadre).")
        continue
      }
      guard let c = scenario.trainingClass(a.classID) else {
        issues.add(
          line: nil, "\(which): the scenario has no class \(a.classID); publish the plan with its own scenario.")
        continue
      }
      guard plan.years.contains(c.year) else {
        issues.add(
          line: nil,
          "\(which): the class is held in \(c.year), outside the plan's years \(plan.years.lowerBound)–\(plan.years.upperBound - 1)."
        )
        continue
      }
      rows.append(
        Training(
          cadre: a.cadre, classID: c.id, kind: c.kind, theme: c.theme, institutionType: c.institutionType,
          start: c.start, days: c.days, hours: c.hours, source: .plan, status: .planned, creditedHours: 0))
    }
    if let e = issues.error { throw e }
    return try write { db in
      try Self.syncRoster(scenario, db)
      try db.execute(
        sql: "DELETE FROM trainings WHERE source = 'plan' AND status = 'planned' AND year >= ? AND year < ?",
        arguments: [plan.years.lowerBound, plan.years.upperBound])
      let replaced = db.changesCount
      try db.execute(
        sql: """
          INSERT INTO published_plans (year, horizon, scenario, plan_hash, assignments, published_at)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [plan.year, max(1, plan.horizon), plan.scenario, plan.hash, rows.count, Self.now()])
      let publication = db.lastInsertedRowID
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO trainings
            (cadre, class, kind, theme, institution_type, start, year, days, hours, source, status, credited_hours,
             publication)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'plan', 'planned', 0, ?)
          ON CONFLICT (cadre, start, kind, class) DO NOTHING
          """)
      var added = 0
      for t in rows {
        try insert.execute(arguments: [
          t.cadre.rawValue, t.classID?.rawValue ?? "", t.kind.rawValue, t.theme, t.institutionType?.rawValue,
          t.start.iso, t.year, t.days, t.hours, publication,
        ])
        added += db.changesCount
      }
      return PublishSummary(
        publication: publication, years: plan.years, assignments: rows.count, added: added, replaced: replaced)
    }
  }

  // MARK: Attendance

  /// What an attendance sheet recorded.
  public struct AttendanceSummary: Hashable, Sendable {
    public var attended = 0
    public var absent = 0
    public var leftEarly = 0
    /// Hours credited by the sheet in all.
    public var creditedHours = 0.0
  }

  /// Records an attendance sheet, in one transaction: each row's call-up
  /// becomes attended (credited with the class hours), absent (0 hours; the
  /// cadre is due again) or left early (the hours given, or 0).
  ///
  /// - Throws: `LedgerInputError` for a row without a call-up in the ledger,
  ///   or with hours that do not fit its status; nothing is written then.
  @discardableResult
  public func recordAttendance(_ sheet: AttendanceFile) throws -> AttendanceSummary {
    try write { db in
      var issues = IssueList(file: sheet.file)
      var updates: [(id: Int64, status: TrainingStatus, credited: Double)] = []
      let find = try db.makeStatement(
        sql: """
          SELECT id, hours FROM trainings WHERE cadre = ? AND class = ?
          ORDER BY (source = 'plan') DESC, start DESC LIMIT 1
          """)
      for e in sheet.entries {
        guard let row = try Row.fetchOne(find, arguments: [e.cadre.rawValue, e.classID.rawValue]) else {
          issues.add(
            line: e.line,
            "cadre \(e.cadre) has no call-up to class \(e.classID) in the ledger; publish the plan that calls the cadre up first."
          )
          continue
        }
        let id: Int64 = row["id"]
        let classHours: Double = row["hours"]
        var credited = 0.0
        switch e.status {
        case .attended:
          if let h = e.hours, abs(h - classHours) > 1e-9 {
            issues.add(
              line: e.line, columnName: "hours",
              "an attended class earns its \(formatNumber(classHours)) hours, not \(formatNumber(h)); leave hours empty, or use left-early."
            )
            continue
          }
          credited = classHours
        case .absent:
          if let h = e.hours, h != 0 {
            issues.add(
              line: e.line, columnName: "hours",
              "an absent cadre earns no hours, not \(formatNumber(h)); leave hours empty.")
            continue
          }
        case .leftEarly:
          credited = e.hours ?? 0
          if credited > classHours + 1e-9 {
            issues.add(
              line: e.line, columnName: "hours",
              "\(formatNumber(credited)) hours is more than the class's \(formatNumber(classHours)); a cadre who left early earns at most that."
            )
            continue
          }
        case .planned:
          continue
        }
        updates.append((id, e.status, credited))
      }
      if let e = issues.error { throw e }
      var summary = AttendanceSummary()
      for u in updates {
        try db.execute(
          sql: "UPDATE trainings SET status = ?, credited_hours = ? WHERE id = ?",
          arguments: [u.status.rawValue, u.credited, u.id])
        switch u.status {
        case .attended: summary.attended += 1
        case .absent: summary.absent += 1
        case .leftEarly: summary.leftEarly += 1
        case .planned: break
        }
        summary.creditedHours += u.credited
      }
      try db.execute(
        sql: "INSERT INTO imports (kind, file, file_hash, rows, changed, at) VALUES ('attendance', ?, ?, ?, ?, ?)",
        arguments: [sheet.file, sheet.hash, sheet.entries.count, updates.count, Self.now()])
      return summary
    }
  }

  // MARK: Reading

  /// The trainings of the ledger (of `cadres` only, when given), by cadre,
  /// start, kind and class.
  public func trainings(of cadres: Set<CadreID>? = nil) throws -> [Training] {
    try read { db in
      var out: [Training] = []
      var sql = """
        SELECT id, cadre, class, kind, theme, institution_type, start, days, hours, source, status,
               credited_hours, publication
        FROM trainings
        """
      var arguments = StatementArguments()
      if let cadres, cadres.count <= 500 {
        // A few cadres: let the (cadre, year) index find their rows.
        sql += " WHERE cadre IN (\(Array(repeating: "?", count: cadres.count).joined(separator: ", ")))"
        arguments = StatementArguments(cadres.map(\.rawValue))
      }
      sql += " ORDER BY cadre, start, kind, class"
      let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
      while let r = try rows.next() {
        let cadre = CadreID(r["cadre"] as String)
        if let cadres, !cadres.contains(cadre) { continue }
        guard let kind = ClassKind(rawValue: r["kind"]), let start = Day(iso: r["start"] as String),
          let source = TrainingSource(rawValue: r["source"]), let status = TrainingStatus(rawValue: r["status"])
        else { continue }
        let classID: String = r["class"]
        let type: String? = r["institution_type"]
        out.append(
          Training(
            id: r["id"], cadre: cadre, classID: classID.isEmpty ? nil : ClassID(classID), kind: kind,
            theme: r["theme"], institutionType: type.flatMap(InstitutionType.init(rawValue:)), start: start,
            days: r["days"], hours: r["hours"], source: source, status: status, creditedHours: r["credited_hours"],
            publication: r["publication"]))
      }
      return out
    }
  }

  /// The number of trainings in the ledger.
  public func trainingCount() throws -> Int { try read { try Self.count($0) } }

  /// The number of cadres in the ledger's roster.
  public func cadreCount() throws -> Int {
    try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM cadres") ?? 0 }
  }

  /// The ledger's history in the contract's history.csv format: attended
  /// trainings with their hours, by cadre and start.
  ///
  /// Trainings left early are not exported: the contract's history counts
  /// every row as a training done, while the ledger counts a cadre who left
  /// early as due again (like an absence). Their credited hours stay in the
  /// ledger and in `ledger status`.
  public func historyCSV() throws -> String {
    var lines = ["cadre,class,kind,theme,institution_type,start,days,hours"]
    for t in try trainings() where t.status == .attended {
      lines.append(
        [
          t.cadre.rawValue, t.classID?.rawValue ?? "", t.kind.rawValue, t.theme, t.institutionType?.rawValue ?? "",
          t.start.iso, String(t.days), formatNumber(t.creditedHours),
        ].map(csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `PRAGMA integrity_check`: `["ok"]` for a sound database file.
  public func integrityCheck() throws -> [String] {
    try read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
  }

  /// The schema migrations applied to this ledger, oldest first.
  public func appliedMigrations() throws -> [String] {
    try read { try Schema.migrator.appliedMigrations($0) }
  }

  // MARK: Helpers

  private func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try dbQueue.write(body)
    } catch let e as LedgerInputError {
      throw e
    } catch {
      throw LedgerStoreError("the ledger \(path) could not be written: \(error)")
    }
  }

  private func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try dbQueue.read(body)
    } catch {
      throw LedgerStoreError("the ledger \(path) could not be read: \(error)")
    }
  }

  static func count(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM trainings") ?? 0
  }

  static func cadreIDs(_ db: Database) throws -> Set<String> {
    Set(try String.fetchAll(db, sql: "SELECT id FROM cadres"))
  }

  static func now() -> String {
    ISO8601DateFormatter().string(from: Date())
  }

  /// Writes the scenario's units and cadres into the ledger (new ones added,
  /// known ones updated; none removed, trainings refer to them).
  static func syncRoster(_ s: Scenario, _ db: Database) throws {
    let unit = try db.makeStatement(
      sql: """
        INSERT INTO units (id, name, region, parent, headcount) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, parent = excluded.parent,
          headcount = excluded.headcount
        """)
    for u in s.units {
      try unit.execute(arguments: [u.id.rawValue, u.name, u.region.rawValue, u.parent?.rawValue, u.headcount])
    }
    let cadre = try db.makeStatement(
      sql: """
        INSERT INTO cadres (id, name, unit, rank, leadership, tags, gender, birth_year, party, appointed, unavailable)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit = excluded.unit, rank = excluded.rank,
          leadership = excluded.leadership, tags = excluded.tags, gender = excluded.gender,
          birth_year = excluded.birth_year, party = excluded.party, appointed = excluded.appointed,
          unavailable = excluded.unavailable
        """)
    for c in s.cadres {
      try cadre.execute(arguments: [
        c.id.rawValue, c.name, c.unit.rawValue, c.rank.rawValue, c.leadership.rawValue,
        c.tags.sorted().joined(separator: ";"), c.gender.rawValue, c.birthYear, c.party.rawValue, c.appointed?.iso,
        c.unavailable.map(\.description).joined(separator: ";"),
      ])
    }
  }
}

extension Ledger {
  /// The status of the scenario's cadres in `year` (by default the
  /// scenario's first planning year) from this ledger's trainings.
  public func status(scenario: Scenario, year: Int? = nil, cadre: CadreID? = nil, unit: UnitID? = nil) throws
    -> LedgerStatus
  {
    let ids = Set(
      scenario.cadres.filter { c in (cadre == nil || c.id == cadre) && (unit == nil || c.unit == unit) }.map(\.id))
    return LedgerStatus(
      scenario: scenario, trainings: try trainings(of: ids), year: year ?? scenario.year, cadre: cadre, unit: unit)
  }
}
