import CallupDomain
import CallupPlan
import CallupRules

extension Explainer {
  /// A target's explanation in planners' words, Chinese or English: the
  /// target and its figure, its cadres, the classes that could serve it and
  /// who took their seats, and a one-line conclusion.
  public func text(_ e: TargetExplanation, language L: ReportLanguage = .chinese) -> String {
    let f = e.figure
    let t = f.target
    var out = ""
    func line(_ x: String) { out += x + "\n" }
    let person = isPersonTarget(t)
    let title =
      "\(t.rule.id.rawValue)" + (person ? (t.name.isEmpty ? "" : L.pick("：", ": ") + t.name) : " · " + L.name(of: t))
    let source = t.rule.source.isEmpty ? "" : L.pick("（依据 \(t.rule.source)）", " (source \(t.rule.source))")
    line(
      L.pick("目标 ", "Target ") + title + " · " + L.pick("\(t.year) 年", "\(t.year)") + " · " + L.hardness(t.hard)
        + source)
    let unit = unitWords(t.kind, L)
    line(
      L.pick(
        "范围 \(TargetRangeText.text(f.range))，计划 \(f.planned)：\(statusText(f, unit: unit, L))。",
        "Range \(TargetRangeText.text(f.range)); planned \(f.planned): \(statusText(f, unit: unit, L))."))
    if let p = e.plannedInFile, p != f.planned {
      line(L.pick("（plan.json 记为 \(p)）", "(plan.json says \(p))"))
    }
    if let o = e.overall { line(groupText(e, o, L)) }
    switch t.kind {
    case .quota, .group:
      line(
        L.pick(
          "对象干部 \(e.members) 人：培训记录已计入 \(e.trainedBefore) 人，本计划调训 \(e.calledUp) 人；能参加相关班次的 \(e.couldAttend) 人（符合准入条件、班期内可参训、与培训记录不冲突），其中尚未计入 \(e.couldStillAttend) 人。",
          "Cadres: \(e.members) matched; \(e.trainedBefore) trained by history in \(t.year), \(e.calledUp) called up by the plan; \(e.couldAttend) could attend a matching class (admitted, free on its days, no clash with past training), \(e.couldStillAttend) of them not counted yet."
        ))
      if !e.membersByRule.isEmpty {
        line(L.pick("  本计划调训的对象干部按任务：", "  Called up for: ") + countsText(e.membersByRule, rule: true, L))
      }
      if !e.couldStillAttendCadres.isEmpty {
        let names = e.couldStillAttendCadres.map { "\(scenario.cadres[$0].id.rawValue) \(scenario.cadres[$0].name)" }
        let more = e.couldStillAttend - names.count
        line(
          L.pick("  能参加而尚未计入：", "  Could attend, not counted yet: ") + names.joined(separator: L.pick("、", ", "))
            + (more > 0 ? L.pick(" 等（另 \(more) 人）", " and \(more) more") : ""))
      }
    case .classes, .seats: break
    }
    let held = e.classes.filter(\.held).count
    line(
      L.pick(
        "\(t.year) 年相关班次 \(e.classes.count) 个，开班 \(held) 个\(e.classes.isEmpty ? "。" : "：")",
        "Matching classes in \(t.year): \(e.classes.count), \(held) held\(e.classes.isEmpty ? "." : ":")"))
    for c in e.classes.prefix(Self.classLines) { line("  - " + classUseText(c, person: person, L)) }
    if e.classes.count > Self.classLines {
      let more = e.classes.count - Self.classLines
      line(L.pick("  …… 另有 \(more) 个班次", "  … \(more) more classes"))
    }
    line(L.pick("结论：", "Conclusion: ") + conclusion(e, L))
    return out
  }

  /// Most classes listed for one target (a group-share rule over every class lists the whole year).
  static let classLines = 30

  func isPersonTarget(_ t: Target) -> Bool {
    switch t.kind {
    case .quota, .group: true
    case .classes, .seats: false
    }
  }

  /// What the target counts: persons, classes or seats.
  func unitWords(_ k: TargetKind, _ L: ReportLanguage) -> (zh: String, en: String, enOne: String) {
    switch k {
    case .quota, .group: ("人", "persons", "person")
    case .classes: ("个班次", "classes", "class")
    case .seats: ("个名额", "seats", "seat")
    }
  }

  /// `4 人`, `6 个名额`; in English persons go without a noun (`short by 4`), classes and seats with one.
  func amount(_ n: Int, _ unit: (zh: String, en: String, enOne: String), _ L: ReportLanguage) -> String {
    L.pick("\(n) \(unit.zh)", unit.en == "persons" ? "\(n)" : "\(n) \(n == 1 ? unit.enOne : unit.en)")
  }

  func statusText(_ f: TargetFigure, unit: (zh: String, en: String, enOne: String), _ L: ReportLanguage) -> String {
    switch f.status {
    case .met: L.pick("达标", "met")
    case .short: L.pick("不足 \(amount(f.distance, unit, L))", "short by \(amount(f.distance, unit, L))")
    case .over: L.pick("超出 \(amount(f.distance, unit, L))", "over by \(amount(f.distance, unit, L))")
    }
  }

  func groupText(_ e: TargetExplanation, _ o: GroupOverall, _ L: ReportLanguage) -> String {
    let f = e.figure
    let rate = HTMLKit.percent(o.trained, of: o.cadres)
    let groupRate = HTMLKit.percent(f.planned, of: e.members)
    return L.pick(
      "总体：\(o.cadres) 人中 \(o.trained) 人参训（\(rate)）；本群体 \(e.members) 人中 \(f.planned) 人参训（\(groupRate)），按规则至少应有 \(f.range.lo) 人。",
      "Overall: \(o.trained) of \(o.cadres) cadres trained (\(rate)); the group: \(f.planned) of \(e.members) (\(groupRate)); the rule asks for at least \(f.range.lo)."
    )
  }

  /// `annual-rotation 5；县处级 3`: counts by rule (`""` in words) or by rank.
  func countsText(_ counts: [KeyedCount], rule: Bool, _ L: ReportLanguage) -> String {
    counts.map { c in
      let key =
        rule
        ? (c.key.isEmpty ? L.pick("无到期任务", "no due obligation") : c.key)
        : Rank(rawValue: c.key).map { L.words($0) } ?? c.key
      return "\(key) \(c.count)"
    }.joined(separator: L.pick("，", ", "))
  }

  func classUseText(_ c: TargetClassUse, person: Bool, _ L: ReportLanguage) -> String {
    let k = scenario.classes[c.klass]
    let head = "\(k.id.rawValue) \(HTMLKit.clip(k.name, 30))" + L.pick("：", ": ")
    let cap = c.capacity.map(String.init) ?? L.pick("不限", "no limit")
    guard c.held else {
      return head
        + L.pick(
          "未开班（容量 \(cap)，至少 \(k.minSize) 人开班）", "not held (capacity \(cap), needs at least \(k.minSize) to be held)")
    }
    let x = head + L.pick("已开班，\(c.attendees)/\(cap) 人", "held, \(c.attendees) of \(cap) seats taken")
    guard c.attendees > 0 else { return x }
    let list =
      countsText(c.othersByRule, rule: true, L) + L.pick("；", "; ") + countsText(c.othersByRank, rule: false, L)
    guard person else { return x + L.pick("（\(list)）", " (\(list))") }
    let split = L.pick(
      "；对象干部 \(c.members) 人，其他 \(c.others) 人", "; \(c.members) of the target's cadres, \(c.others) other")
    return x + split + (c.others > 0 ? L.pick("（\(list)）", " (\(list))") : "")
  }
}
