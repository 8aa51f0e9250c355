import CallupDomain

/// rosters.csv and notices.csv: one row per assignment, with the right
/// names, dates, unit, region and rank.
extension CheckRun {
  /// The assignments not yet matched by a row, keyed by cadre and class id.
  func assignmentKeys() -> [String: (cadre: Int, cls: Int)] {
    var out: [String: (cadre: Int, cls: Int)] = [:]
    for (ci, kj) in planned.pairs { out["\(s.cadres[ci].id)\u{1}\(s.classes[kj].id)"] = (ci, kj) }
    return out
  }

  static func at(_ file: String, _ line: Int?) -> String { line.map { "\(file) line \($0)" } ?? file }

  /// One sentence per row listing the fields that differ from the scenario.
  static func fieldProblems(_ checks: [(String, String, String)]) -> String? {
    let bad = checks.filter { $0.1 != $0.2 }.map { "\($0.0) is \"\($0.1)\", not \"\($0.2)\"" }
    return bad.isEmpty ? nil : bad.joined(separator: "; ")
  }

  /// One row per assignment: `class,class_name,start,end,cadre,name,unit,region,rank`.
  mutating func checkRosters(_ rows: [RosterRow]) {
    var open = assignmentKeys()
    var seen = Set<String>()
    for r in rows {
      let key = "\(r.cadre)\u{1}\(r.classID)"
      let place = Self.at("rosters.csv", r.line)
      guard let (ci, kj) = open[key] else {
        if seen.contains(key) {
          log.add("rosters", "\(place) repeats cadre \(r.cadre) \(r.name) in class \(r.classID).")
        } else {
          log.add(
            "rosters",
            "\(place) lists cadre \(r.cadre) \(r.name) in class \(r.classID) \(r.className), but plan.json has no such assignment."
          )
        }
        continue
      }
      open[key] = nil
      seen.insert(key)
      let c = s.cadres[ci]
      let k = s.classes[kj]
      let u = s.unit(c.unit)
      if let p = Self.fieldProblems([
        ("class_name", r.className, k.name), ("start", r.start, k.start.iso), ("end", r.end, k.end.iso),
        ("name", r.name, c.name), ("unit", r.unit, c.unit.rawValue),
        ("region", r.region, u?.region.rawValue ?? r.region), ("rank", r.rank, c.rank.rawValue),
      ]) {
        log.add("rosters", "\(place) (\(cadreText(ci)) in \(classText(kj))): \(p).")
      }
    }
    for (ci, kj) in planned.pairs where open["\(s.cadres[ci].id)\u{1}\(s.classes[kj].id)"] != nil {
      log.add("rosters", "rosters.csv has no row for \(cadreText(ci)) in \(classText(kj)).")
    }
    log.note("rosters.csv: \(rows.count) rows checked against \(planned.pairs.count) assignments.")
  }

  /// One row per assignment: `unit,unit_name,cadre,name,class,class_name,institution,start,end`.
  mutating func checkNotices(_ rows: [NoticeRow]) {
    var open = assignmentKeys()
    var seen = Set<String>()
    for r in rows {
      let key = "\(r.cadre)\u{1}\(r.classID)"
      let place = Self.at("notices.csv", r.line)
      guard let (ci, kj) = open[key] else {
        if seen.contains(key) {
          log.add("notices", "\(place) repeats cadre \(r.cadre) \(r.name) in class \(r.classID).")
        } else {
          log.add(
            "notices",
            "\(place) calls up cadre \(r.cadre) \(r.name) of unit \(r.unit) to class \(r.classID) \(r.className), but plan.json has no such assignment."
          )
        }
        continue
      }
      open[key] = nil
      seen.insert(key)
      let c = s.cadres[ci]
      let k = s.classes[kj]
      let u = s.unit(c.unit)
      if let p = Self.fieldProblems([
        ("unit", r.unit, c.unit.rawValue), ("unit_name", r.unitName, u?.name ?? r.unitName), ("name", r.name, c.name),
        ("class_name", r.className, k.name), ("institution", r.institution, k.institution.rawValue),
        ("start", r.start, k.start.iso), ("end", r.end, k.end.iso),
      ]) {
        log.add("notices", "\(place) (\(cadreText(ci)) in \(classText(kj))): \(p).")
      }
    }
    for (ci, kj) in planned.pairs where open["\(s.cadres[ci].id)\u{1}\(s.classes[kj].id)"] != nil {
      log.add("notices", "notices.csv has no row for \(cadreText(ci)) in \(classText(kj)).")
    }
    log.note("notices.csv: \(rows.count) rows checked against \(planned.pairs.count) assignments.")
  }
}
