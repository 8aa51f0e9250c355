import GRDB

/// The ledger's schema, versioned by GRDB migrations: a ledger written by an
/// older version is brought up to date when it is opened; never edit a
/// registered migration, add a new one.
///
/// - `units`, `cadres`: the roster, as in units.csv and cadres.csv (synced
///   from a scenario; never deleted, since trainings refer to them).
/// - `trainings`: one row per training a cadre attended or is called up to,
///   unique by (cadre, start, kind, class); `class` is '' when unknown.
/// - `published_plans`: each publication of a plan (year, hash of plan.json).
/// - `imports`: each history or attendance file recorded (file, hash, rows).
enum Schema {
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1-ledger") { db in
      try db.execute(
        sql: """
          CREATE TABLE units (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            region TEXT NOT NULL,
            parent TEXT,
            headcount INTEGER
          );
          CREATE TABLE cadres (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            unit TEXT NOT NULL REFERENCES units(id),
            rank TEXT NOT NULL CHECK (rank IN ('provincial','bureau','county','section','staff')),
            leadership TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '',
            gender TEXT NOT NULL,
            birth_year INTEGER NOT NULL,
            party TEXT NOT NULL,
            appointed TEXT,
            unavailable TEXT NOT NULL DEFAULT ''
          );
          CREATE INDEX cadres_by_unit ON cadres(unit);
          CREATE TABLE published_plans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            year INTEGER NOT NULL,
            horizon INTEGER NOT NULL DEFAULT 1,
            scenario TEXT NOT NULL,
            plan_hash TEXT NOT NULL,
            assignments INTEGER NOT NULL,
            published_at TEXT NOT NULL
          );
          CREATE INDEX published_plans_by_year ON published_plans(year);
          CREATE TABLE imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('history','attendance')),
            file TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            rows INTEGER NOT NULL,
            changed INTEGER NOT NULL,
            at TEXT NOT NULL
          );
          CREATE TABLE trainings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            cadre TEXT NOT NULL REFERENCES cadres(id),
            class TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN
              ('rotation','systematic','professional','reading','appointment','initial','special','online')),
            theme TEXT NOT NULL DEFAULT '',
            institution_type TEXT CHECK (institution_type IN ('party-school','cadre-college','university','other')),
            start TEXT NOT NULL,
            year INTEGER NOT NULL,
            days INTEGER NOT NULL CHECK (days >= 1),
            hours REAL NOT NULL CHECK (hours >= 0),
            source TEXT NOT NULL CHECK (source IN ('history','import','plan')),
            status TEXT NOT NULL CHECK (status IN ('planned','attended','absent','left-early')),
            credited_hours REAL NOT NULL DEFAULT 0 CHECK (credited_hours >= 0),
            publication INTEGER REFERENCES published_plans(id) ON DELETE SET NULL,
            import INTEGER REFERENCES imports(id) ON DELETE SET NULL
          );
          CREATE UNIQUE INDEX trainings_key ON trainings(cadre, start, kind, class);
          CREATE INDEX trainings_by_cadre_year ON trainings(cadre, year);
          CREATE INDEX trainings_by_year_status ON trainings(year, status);
          CREATE INDEX trainings_by_publication ON trainings(publication);
          CREATE INDEX trainings_by_class ON trainings(class, cadre);
          """)
    }
    return m
  }
}
