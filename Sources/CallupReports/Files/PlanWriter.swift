import CallupDomain
import CallupPlan
import CallupRules
import Foundation

/// Writes a plan directory exactly per docs/contract.md: plan.json, rosters.csv,
/// notices.csv and report.html, all atomically.
public enum PlanWriter {
  /// Writes the plan's files and `extraFiles` in one atomic step: nothing
  /// is renamed into place until every file is written.
  public static func write(
    _ plan: Plan, to directory: URL, language: ReportLanguage = .chinese,
    extraFiles: [(name: String, data: Data)] = []
  ) throws {
    var w = AtomicDirectoryWriter(directory: directory)
    w.add("plan.json", planJSON(plan).rendered() + "\n")
    w.add("rosters.csv", rosters(plan))
    w.add("notices.csv", notices(plan))
    w.add("allocation.csv", allocation(plan))
    // A rotation plan's report and make-up list are its first year's, with
    // the years side by side.
    let annual = plan.years.first ?? plan
    w.add("report.html", ReportHTML(plan: annual, language: language, rotation: plan.years).render())
    w.add("makeup.csv", makeUpList(annual))
    for f in extraFiles { w.add(f.name, data: f.data) }
    try w.commit()
  }

  public static func planJSON(_ plan: Plan) -> JSONText {
    let s = plan.scenario
    let multiYear = plan.horizon > 1
    let classes: [JSONText] = plan.classesInYear.map { k in
      let n = plan.attendees[k] ?? 0
      let c = s.classes[k]
      var f: [(String, JSONText)] = [
        ("id", .string(c.id.rawValue)), ("held", .bool(plan.held.contains(k))), ("attendees", .int(n)),
      ]
      // Seats a later year of a rotation plan keeps for its new appointees.
      if let r = plan.reserved[k], r > 0 { f.append(("reserved", .int(r))) }
      // A class made from a yearly capacity (capacities.csv) is in no
      // classes.csv: it says what it is, and that its dates are nominal.
      if c.provisional {
        f += [
          ("provisional", .bool(true)), ("kind", .string(c.kind.rawValue)),
          ("institution", .string(c.institution.rawValue)), ("nominal_start", .string(c.start.description)),
          ("days", .int(c.days)),
        ]
      }
      return .object(f)
    }
    let assignments: [JSONText] = plan.assignments.map { a in
      var f: [(String, JSONText)] = [
        ("cadre", .string(s.cadres[a.cadre].id.rawValue)), ("class", .string(s.classes[a.klass].id.rawValue)),
      ]
      if multiYear { f.append(("year", .int(s.classes[a.klass].year))) }
      return .object(f)
    }
    let unmet: [JSONText] = plan.unmet.map { u in
      .object([
        ("cadre", .string(s.cadres[u.obligation.cadre].id.rawValue)), ("rule", .string(u.ruleID.rawValue)),
        ("year", .int(u.obligation.year)), ("reason", .string(u.reason.rawValue)),
        ("overdue_years", .int(u.obligation.overdueYears)), ("detail", .string(u.detail)),
      ])
    }
    let shortfalls: [JSONText] = plan.shortfalls.map { x in
      .object([
        ("unit", .string(s.units[x.unit].id.rawValue)), ("rule", .string(x.ruleID.rawValue)), ("year", .int(x.year)),
        ("required", .int(x.required)), ("planned", .int(x.planned)), ("reason", .string(x.reason.rawValue)),
      ])
    }
    let k = plan.kpis
    var fields: [(String, JSONText)] = [
      ("scenario", .string(s.name)), ("year", .int(plan.year)), ("horizon", .int(plan.horizon)),
      ("status", .string(plan.status.rawValue)), ("objective", .optional(plan.objective)),
      ("bound", .optional(plan.bound)), ("gap", .optional(plan.gap)),
      ("seconds", .number((plan.seconds * 100).rounded() / 100)),
      ("stopped_by", plan.stoppedBy.map { .string($0.rawValue) } ?? .null),
      ("classes", .array(classes)), ("assignments", .array(assignments)), ("unmet", .array(unmet)),
      ("unit_shortfalls", .array(shortfalls)),
      (
        "kpis",
        .object([
          ("due", .int(k.due)), ("met", .int(k.met)), ("overdue_due", .int(k.overdueDue)),
          ("overdue_met", .int(k.overdueMet)), ("classes_held", .int(k.classesHeld)),
          ("cost", .number(k.cost)), ("peak_unit_away_share", .number(k.peakUnitAwayShare)),
          ("seats", .int(k.seats)), ("seat_cost", .number(k.seatCost)), ("fixed_cost", .number(k.fixedCost)),
          ("travel_cost", .number(k.travelCost)), ("unit_shortfalls", .int(k.unitShortfalls)),
          ("fill_rate", .number((k.fillRate * 10000).rounded() / 10000)),
        ])
      ),
    ]
    if !plan.hours.isEmpty {
      // An extension of the contract: per hours rule and rank, how many
      // cadres are on track at the end of the year, before and with the plan.
      fields.append(
        (
          "hours",
          .array(
            plan.hours.map { h in
              .object([
                ("rule", .string(h.ruleID.rawValue)), ("year", .int(h.year)), ("rank", .string(h.rank.rawValue)),
                ("unit", .string(h.unit)),
                ("cadres", .int(h.cadres)), ("on_track_before", .int(h.onTrackBefore)), ("on_track", .int(h.onTrack)),
                ("behind_pace", .int(h.behindPace)), ("pace_due", .int(h.paceDue)), ("pace_met", .int(h.paceMet)),
                ("planned", .number((h.planned * 10).rounded() / 10)),
              ])
            })
        ))
    }
    if !plan.targets.isEmpty || s.policy.hasTargets {
      fields.append(("targets", .array(plan.targets.map(target))))
    }
    if plan.status == .infeasible || !plan.conflicts.isEmpty {
      fields.append(("conflicts", .array(plan.conflicts.map(conflict))))
    }
    if let c = plan.callUp {
      // An extension of the contract: the call-up without the hours seats.
      fields.append(("call_up", callUp(c, gap: plan.callUpGap)))
    }
    if let method = plan.method {
      // An extension of the contract: how the plan was made.
      fields.append(("method", .string(method.rawValue)))
    }
    if !plan.years.isEmpty {
      // An extension of the contract: each year of a rotation plan.
      fields.append(("rotation", .array(plan.years.map { rotationYear($0) })))
    }
    if let m = plan.stats {
      fields.append(
        (
          "model",
          .object([
            ("variables", .int(m.variables)), ("binaries", .int(m.binaries)), ("constraints", .int(m.constraints)),
            ("nonzeros", .int(m.nonzeros)), ("candidate_pairs", .int(m.candidatePairs)),
            ("obligations", .int(m.obligations)),
            ("lp_met", .optional(plan.lpMet.map { ($0 * 10).rounded() / 10 })),
          ])
        ))
    }
    if !plan.notPlanned.isEmpty {
      fields.append(("rules_not_planned", .array(plan.notPlanned.map { .string($0.id.rawValue) })))
    }
    return .object(fields)
  }

  /// One entry of `targets`: `{rule, name, year, lo, hi, planned, status}`
  /// (FORMATS.md), with `hard` (an extension).
  static func target(_ f: TargetFigure) -> JSONText {
    .object([
      ("rule", .string(f.target.rule.id.rawValue)), ("name", .string(f.target.name)), ("year", .int(f.target.year)),
      ("lo", .int(f.range.lo)), ("hi", f.range.hi.map { .int($0) } ?? .null), ("planned", .int(f.planned)),
      ("status", .string(f.status.rawValue)), ("hard", .bool(f.target.hard)),
    ])
  }

  /// One entry of `conflicts`: `{rules, year, message, needed, available}`;
  /// `message` in both languages, Chinese first; and `planned` (an
  /// extension): `soft` or `hard`, how the plan planned the rules and so
  /// how its objective prices their breaks.
  static func conflict(_ c: Conflict) -> JSONText {
    .object([
      ("rules", .array(c.rules.map { .string($0.rawValue) })), ("year", .int(c.year)),
      ("message", .string(c.message + " / " + c.messageEnglish)), ("needed", .int(c.needed)),
      ("available", .int(c.available)), ("planned", .string(c.planned.rawValue)),
    ])
  }

  /// `call_up`: the plan's objective without its hours seats, that
  /// objective's gap to the bound, and the seats the hours stage added.
  static func callUp(_ c: CallUpPart, gap: Double?) -> JSONText {
    .object([("objective", .number(c.objective)), ("gap", .optional(gap)), ("hours_seats", .int(c.hoursSeats))])
  }

  /// One year of a rotation plan: its figures, its call-ups and the seats
  /// it keeps for new appointees (`RotationPlanner.reserveIntake`) by class kind,
  /// and its own objective, bound and gap (given the years before it).
  static func rotationYear(_ p: Plan) -> JSONText {
    let byKind = p.seatsByKind
    let reserved = p.reservedByKind
    let k = p.kpis
    return .object([
      ("year", .int(p.year)), ("method", p.method.map { .string($0.rawValue) } ?? .null),
      ("status", .string(p.status.rawValue)), ("objective", .optional(p.objective)),
      ("bound", .optional(p.bound)), ("gap", .optional(p.gap)), ("due", .int(k.due)), ("met", .int(k.met)),
      ("overdue_due", .int(k.overdueDue)), ("overdue_met", .int(k.overdueMet)), ("early", .int(p.early)),
      ("seats", .int(k.seats)), ("classes_held", .int(k.classesHeld)), ("cost", .number(k.cost)),
      ("call_up", p.callUp.map { callUp($0, gap: p.callUpGap) } ?? .null),
      (
        "seats_by_kind",
        .object(ClassKind.allCases.compactMap { kind in byKind[kind].map { (kind.rawValue, .int($0)) } })
      ),
      (
        "reserved_by_kind",
        .object(ClassKind.allCases.compactMap { kind in reserved[kind].map { (kind.rawValue, .int($0)) } })
      ),
    ])
  }

  static func regionOf(_ s: Scenario, cadre: Int) -> String {
    s.unit(s.cadres[cadre].unit)?.region.rawValue ?? ""
  }

  /// The named make-up call-up list (点名调训名单): every due obligation
  /// overdue by a year or more, most overdue first, with the class that
  /// meets it or the reason it is unmet.
  /// `cadre,name,unit,unit_name,rank,rule,last_year,years_overdue,class,class_name,start,reason`.
  public static func makeUpList(_ plan: Plan) -> String {
    let facts = ReportFacts(plan: plan)
    let s = plan.scenario
    var csv = CSVText(header: [
      "cadre", "name", "unit", "unit_name", "rank", "rule", "last_year", "years_overdue", "class", "class_name",
      "start",
      "reason",
    ])
    let cycles = s.policy.cycleRules
    let order = facts.book.obligations.indices.filter { facts.book.obligations[$0].isOverdue }.sorted { a, b in
      let oa = facts.book.obligations[a], ob = facts.book.obligations[b]
      if oa.overdueYears != ob.overdueYears { return oa.overdueYears > ob.overdueYears }
      if s.cadres[oa.cadre].id != s.cadres[ob.cadre].id { return s.cadres[oa.cadre].id < s.cadres[ob.cadre].id }
      return oa.rule < ob.rule
    }
    for i in order {
      let o = facts.book.obligations[i]
      let c = s.cadres[o.cadre]
      let rule = cycles[o.rule].info.id.rawValue
      var klass = ["", "", ""]
      var reason = ""
      if let k = facts.metBy[i] {
        klass = [s.classes[k].id.rawValue, s.classes[k].name, s.classes[k].start.iso]
      } else {
        reason = facts.unmetByKey["\(o.cadre)/\(rule)"]?.reason.rawValue ?? ""
      }
      csv.append(
        [
          c.id.rawValue, c.name, c.unit.rawValue, s.unit(c.unit)?.name ?? "", c.rank.rawValue, rule,
          o.lastYear.map(String.init) ?? "", String(o.overdueYears),
        ] + klass + [reason])
    }
    return csv.text
  }

  /// `class,class_name,start,end,cadre,name,unit,region,rank`, by class start, class, cadre.
  public static func rosters(_ plan: Plan) -> String {
    let s = plan.scenario
    var csv = CSVText(header: ["class", "class_name", "start", "end", "cadre", "name", "unit", "region", "rank"])
    for a in plan.assignments {
      let k = s.classes[a.klass]
      let c = s.cadres[a.cadre]
      csv.append([
        k.id.rawValue, k.name, k.start.iso, k.end.iso, c.id.rawValue, c.name, c.unit.rawValue,
        regionOf(s, cadre: a.cadre),
        c.rank.rawValue,
      ])
    }
    return csv.text
  }

  /// The allocation table (名额分配表):
  /// `class,class_name,institution,start,end,unit,unit_name,seats,named`,
  /// one row per class and unit with seats (`Plan.allocation`).
  public static func allocation(_ plan: Plan) -> String {
    let s = plan.scenario
    var csv = CSVText(header: [
      "class", "class_name", "institution", "start", "end", "unit", "unit_name", "seats", "named",
    ])
    for row in plan.allocation {
      let k = s.classes[row.klass]
      csv.append([
        k.id.rawValue, k.name, k.institution.rawValue, k.start.iso, k.end.iso, row.unit.rawValue,
        s.unit(row.unit)?.name ?? "", String(row.seats), String(row.named),
      ])
    }
    return csv.text
  }

  /// `unit,unit_name,cadre,name,class,class_name,institution,start,end`, by unit, class start, cadre.
  public static func notices(_ plan: Plan) -> String {
    let s = plan.scenario
    var csv = CSVText(header: [
      "unit", "unit_name", "cadre", "name", "class", "class_name", "institution", "start", "end",
    ])
    let order = ScenarioOrder(s)
    let rows = plan.assignments.sorted { a, b in
      let ua = order.unitOfCadre[a.cadre], ub = order.unitOfCadre[b.cadre]
      if ua != ub { return ua < ub }
      let ka = order.klass[a.klass], kb = order.klass[b.klass]
      return ka != kb ? ka < kb : order.cadre[a.cadre] < order.cadre[b.cadre]
    }
    for a in rows {
      let k = s.classes[a.klass]
      let c = s.cadres[a.cadre]
      csv.append([
        c.unit.rawValue, s.unit(c.unit)?.name ?? "", c.id.rawValue, c.name, k.id.rawValue, k.name,
        k.institution.rawValue, k.start.iso, k.end.iso,
      ])
    }
    return csv.text
  }
}
