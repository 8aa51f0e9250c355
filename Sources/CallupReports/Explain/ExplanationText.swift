import CallupDomain
import CallupPlan
import CallupRules

extension Explainer {
  /// The explanation in planners' words, Chinese or English, one fact a line.
  public func text(_ e: CadreExplanation, language: ReportLanguage = .chinese) -> String {
    let L = language
    let s = scenario
    let c = s.cadres[e.cadre]
    let unit = s.unit(c.unit)
    var out = ""
    func line(_ t: String) { out += t + "\n" }

    // Who.
    var who = "\(c.id.rawValue) \(c.name) · \(unit?.name ?? c.unit.rawValue) (\(c.unit.rawValue)) · \(L.words(c.rank))"
    if c.leadership != .none { who += " · " + (L == .chinese ? c.leadership.label : c.leadership.rawValue) }
    if !c.tags.isEmpty { who += " · " + L.pick("标签 ", "tags ") + c.tags.sorted().joined(separator: ", ") }
    line(who)
    let met = e.obligations.filter { $0.metBy != nil }.count
    line(
      L.pick(
        "\(state.year) 年计划：调训 \(e.attended.count) 个班次；应训任务 \(e.obligations.count) 项，已安排 \(met) 项，未安排 \(e.obligations.count - met) 项。",
        "Plan \(state.year): called up to \(e.attended.count) class\(e.attended.count == 1 ? "" : "es"); \(e.obligations.count) due obligation\(e.obligations.count == 1 ? "" : "s"), \(met) met, \(e.obligations.count - met) unmet."
      ))

    // Why in each class.
    if !e.attended.isEmpty {
      line("")
      line(L.pick("为什么调训到这些班次：", "Why the cadre is in these classes:"))
    }
    for a in e.attended {
      let k = s.classes[a.klass]
      line("■ " + classTitle(a.klass, L))
      for oi in a.meets {
        let o = e.obligations[oi]
        line(
          "  - " + L.pick("完成应训任务 ", "meets the due obligation ") + ruleText(o.rule, L) + overdueText(o.obligation, L))
      }
      for id in a.unitShares {
        if let st = e.unitShares.first(where: { $0.rule.info.id == id }) {
          line("  - " + shareText(st, L))
        }
      }
      if a.meets.isEmpty && a.unitShares.isEmpty {
        let n = state.attendees[a.klass] ?? 0
        line(
          "  - "
            + L.pick(
              "不对应本人的应训任务；该班次至少 \(k.minSize) 人方能开班（现 \(n) 人），本人补足开班人数。",
              "counts for none of the cadre's due obligations; the class needs at least \(k.minSize) to be held (it has \(n)), and the cadre helps fill it."
            ))
      }
      line("  - " + admitsText(k, c, L))
      line(
        "  - "
          + L.pick(
            "本人在班期间可参训，与其他班次和培训记录不冲突，单位在训人数未超过错峰上限。",
            "the cadre is free on those days, no other class or past training clashes, and the unit stays within its release limit."
          ))
    }

    // Unmet obligations.
    let unmet = e.obligations.filter { $0.metBy == nil }
    if !unmet.isEmpty {
      line("")
      line(L.pick("未安排的应训任务：", "Due obligations not met:"))
    }
    for o in unmet {
      let reason = o.reason ?? .eligibility
      line(
        "✗ " + ruleText(o.rule, L) + overdueText(o.obligation, L) + L.pick(" —— 原因：", " — reason: ") + L.words(reason)
          + " (\(reason.rawValue))")
      if let r = o.reasonInPlan, r != reason.rawValue {
        line(L.pick("  （plan.json 记为 \(r)）", "  (plan.json says \(r))"))
      }
      if o.verdicts.isEmpty {
        line(L.pick("  本年度没有可计入该任务的班次。", "  No class of the year counts for this obligation."))
        continue
      }
      line(
        L.pick(
          "  本年度可计入的班次 \(o.verdicts.count) 个：",
          "  \(o.verdicts.count) class\(o.verdicts.count == 1 ? "" : "es") of the year would count:"))
      for v in o.verdicts {
        line(
          "  - \(s.classes[v.klass].id.rawValue) \(HTMLKit.clip(s.classes[v.klass].name, 30))" + L.pick("：", ": ")
            + obstacleText(v, cadre: e.cadre, L))
      }
    }

    // Unit shares the cadre is part of, when short.
    let short = e.unitShares.filter { $0.sent < $0.required }
    if !short.isEmpty {
      line("")
      for st in short { line(shareText(st, L)) }
    }

    // Rules not due this year.
    if !e.notDue.isEmpty {
      line("")
      line(L.pick("本年度不到期：", "Not due this year:"))
      for n in e.notDue {
        line(
          "  - "
            + L.pick(
              "\(n.rule.info.id.rawValue)：上次 \(n.lastYear) 年，\(n.rule.every == 1 ? "每年" : "每 \(n.rule.every) 年") 1 次，\(n.nextYear) 年到期",
              "\(n.rule.info.id.rawValue): last in \(n.lastYear), every \(n.rule.every == 1 ? "year" : "\(n.rule.every) years"), due again in \(n.nextYear)"
            ))
      }
    }
    if e.attended.isEmpty && e.obligations.isEmpty && e.notDue.isEmpty {
      line(L.pick("本年度没有适用于本人的周期性培训规则。", "No cycle rule applies to the cadre this year."))
    }
    return out
  }

  func classTitle(_ ki: Int, _ L: ReportLanguage) -> String {
    let k = scenario.classes[ki]
    return L.pick(
      "\(k.id.rawValue) \(k.name)（\(L.words(k.kind))，\(k.start.iso) 至 \(k.end.iso)，\(k.institution.rawValue)）",
      "\(k.id.rawValue) \(k.name) (\(L.words(k.kind)), \(k.start.iso) to \(k.end.iso), \(k.institution.rawValue))")
  }

  /// `annual-rotation（每 1 年 1 次 集中轮训）`.
  func ruleText(_ r: CycleRule, _ L: ReportLanguage) -> String {
    let kinds = r.kinds.sorted().map { L.words($0) }.joined(separator: L.pick("或", " or "))
    let days = r.minDays > 0 ? L.pick("，至少 \(r.minDays) 天", ", at least \(r.minDays) days") : ""
    let source = r.info.source.isEmpty ? "" : L.pick("；依据 \(r.info.source)", "; source \(r.info.source)")
    return L.pick(
      "\(r.info.id.rawValue)（\(r.every == 1 ? "每年" : "每 \(r.every) 年") 1 次\(kinds)\(days)\(source)）",
      "\(r.info.id.rawValue) (one \(kinds) class every \(r.every == 1 ? "year" : "\(r.every) years")\(days)\(source))")
  }

  func overdueText(_ o: Obligation, _ L: ReportLanguage) -> String {
    guard o.isOverdue else { return "" }
    let last = o.lastYear.map { L.pick("上次 \($0) 年", "last in \($0)") } ?? L.pick("从未参训", "never trained")
    return L.pick(
      "，超期 \(o.overdueYears) 年（\(last)），属点名补训",
      ", overdue by \(o.overdueYears) year\(o.overdueYears == 1 ? "" : "s") (\(last)): a named make-up call-up")
  }

  func shareText(_ st: UnitShareStatus, _ L: ReportLanguage) -> String {
    let u = scenario.units[st.unit]
    let state =
      st.sent >= st.required
      ? L.pick("已达标", "met") : L.pick("未达标", "short")
    let me =
      st.cadreCounts ? L.pick("含本人", "this cadre included") : L.pick("本人未计入", "this cadre not among them")
    return L.pick(
      "计入单位班子调训比例 \(st.rule.info.id.rawValue)：\(u.name) 应调训 \(st.required) 人（共 \(st.members) 人），已安排 \(st.sent) 人（\(me)），\(state)",
      "unit share \(st.rule.info.id.rawValue): \(u.name) must send \(st.required) of \(st.members); \(st.sent) trained (\(me)), \(state)"
    )
  }

  func admitsText(_ k: TrainingClass, _ c: Cadre, _ L: ReportLanguage) -> String {
    let ranks =
      k.ranks.isEmpty ? L.pick("不限", "any") : k.ranks.sorted().map { L.words($0) }.joined(separator: L.pick("、", ", "))
    let tags = k.tags.isEmpty ? L.pick("不限", "any") : k.tags.sorted().joined(separator: L.pick("、", ", "))
    let mine = c.tags.intersection(k.tags).sorted().joined(separator: ", ")
    return L.pick(
      "班次准入：职级 \(ranks)（本人 \(L.words(c.rank))），标签 \(tags)\(mine.isEmpty ? "" : "（本人有 \(mine)）")",
      "the class admits ranks \(ranks) (the cadre: \(L.words(c.rank))), tags \(tags)\(mine.isEmpty ? "" : " (the cadre has \(mine))")"
    )
  }

  /// Which of the class's conditions the cadre fails.
  func notAdmittedText(_ k: TrainingClass, _ c: Cadre, _ L: ReportLanguage) -> String {
    var parts: [String] = []
    if !k.ranks.isEmpty, !k.ranks.contains(c.rank) {
      let ranks = k.ranks.sorted().map { L.words($0) }.joined(separator: L.pick("、", ", "))
      parts.append(
        L.pick("班次只收 \(ranks)，本人为 \(L.words(c.rank))", "the class takes \(ranks) only, the cadre is \(L.words(c.rank))")
      )
    }
    if !k.tags.isEmpty, k.tags.isDisjoint(with: c.tags) {
      let tags = k.tags.sorted().joined(separator: L.pick("、", ", "))
      parts.append(L.pick("班次只收有 \(tags) 标签的干部，本人没有", "the class takes cadres tagged \(tags) only, the cadre is not"))
    }
    if parts.isEmpty, let rules = scenario.policy.intakeRules[k.kind] {
      let ids = rules.map { scenario.policy.cycleRules[$0].info.id.rawValue }.joined(separator: ", ")
      let when =
        c.appointed.map { L.pick("本人 \($0.year) 年任职", "the cadre was appointed in \($0.year)") }
        ?? L.pick("本人无任职时间", "the cadre has no date of appointment")
      parts.append(
        L.pick(
          "\(L.words(k.kind))班次只收 \(ids) 所列的当年新任职干部，\(when)",
          "\(L.words(k.kind)) classes are for the new appointees of their year (\(ids)) only; \(when)"))
    }
    return parts.isEmpty ? admitsText(k, c, L) : parts.joined(separator: L.pick("；", "; "))
  }

  func absenceText(_ a: Absence, _ L: ReportLanguage) -> String {
    let c = scenario.cadres[a.cadre]
    if let k = a.klass {
      return "\(c.id.rawValue) \(c.name)"
        + L.pick("（\(scenario.classes[k].id.rawValue)）", " (\(scenario.classes[k].id.rawValue))")
    }
    if let h = a.history {
      return "\(c.id.rawValue) \(c.name)"
        + L.pick("（培训记录 \(h.start.iso) \(L.words(h.kind))）", " (history: \(L.words(h.kind)) from \(h.start.iso))")
    }
    return "\(c.id.rawValue) \(c.name)"
  }

  func historyText(_ h: HistoryRecord, _ L: ReportLanguage) -> String {
    L.pick(
      "培训记录 \(h.start.iso) 起 \(h.days) 天的\(L.words(h.kind))\(h.classID.map { "（\($0.rawValue)）" } ?? "")",
      "the past \(L.words(h.kind)) training from \(h.start.iso), \(h.days) days\(h.classID.map { " (\($0.rawValue))" } ?? "")"
    )
  }

  /// What keeps the cadre out of the verdict's class, in words.
  public func text(_ v: ClassVerdict, cadre ci: Int, language: ReportLanguage = .chinese) -> String {
    obstacleText(v, cadre: ci, language)
  }

  /// One class's verdict in words.
  func obstacleText(_ v: ClassVerdict, cadre ci: Int, _ L: ReportLanguage) -> String {
    let s = scenario
    let k = s.classes[v.klass]
    let c = s.cadres[ci]
    switch v.obstacle {
    case .notAdmitted:
      return L.pick("不符合准入条件——", "not eligible: ") + notAdmittedText(k, c, L)
    case .unavailable(let r):
      return L.pick(
        "本人不能参训——\(r.first.iso) 至 \(r.last.iso) 不可参训，与班期 \(k.start.iso) 至 \(k.end.iso) 重叠",
        "the cadre is unavailable \(r.first.iso) to \(r.last.iso), during the class (\(k.start.iso) to \(k.end.iso))")
    case .historyClash(let h, let clash):
      return L.pick("重复调训——", "duplicate: ") + clashText(clash, other: historyText(h, L), L)
    case .planClash(let other, let clash):
      let o = s.classes[other]
      return L.pick("重复调训——", "duplicate: ")
        + clashText(
          clash,
          other: L.pick(
            "本计划已安排的 \(o.id.rawValue)（\(o.start.iso) 至 \(o.end.iso)）",
            "\(o.id.rawValue), which the plan already gives the cadre (\(o.start.iso) to \(o.end.iso))"), L)
    case .perYearLimit(let max, let planned, let inHistory):
      let list = planned.map { s.classes[$0].id.rawValue }.joined(separator: ", ")
      return L.pick(
        "重复调训——本年已有 \(planned.count + inHistory) 个脱产班次（本计划 \(list.isEmpty ? "无" : list)，培训记录 \(inHistory) 个），每年最多 \(max) 个",
        "duplicate: the cadre already has \(planned.count + inHistory) off-the-job classes this year (plan: \(list.isEmpty ? "none" : list); history: \(inHistory)), at most \(max) a year"
      )
    case .notHeld:
      return L.pick(
        "班次未开班（至少 \(k.minSize) 人方能开班，计划未开此班）",
        "the class is not held (it needs at least \(k.minSize) attendees; the plan does not open it)")
    case .full(let cap):
      return L.pick(
        "名额已满（\(state.attendees[v.klass] ?? 0)/\(cap) 人）",
        "the class is full (\(state.attendees[v.klass] ?? 0) of \(cap) seats)")
    case .releaseLimit(let day, let limit, let away):
      let unit = s.unit(c.unit)?.name ?? c.unit.rawValue
      let names = away.map { absenceText($0, L) }.joined(separator: L.pick("、", ", "))
      return L.pick(
        "工学矛盾——\(day.iso) \(unit) 已有 \(away.count) 人在训，达到单位错峰上限 \(limit) 人：\(names)",
        "release limit: on \(day.iso) \(unit) already has \(away.count) away, its limit of \(limit): \(names)")
    case .principalAway(let day, let p):
      return L.pick(
        "工学矛盾——两名党政正职不能同时离岗：\(day.iso) \(absenceText(p, L)) 在训",
        "release limit: two principals of a unit are never away together, and on \(day.iso) \(absenceText(p, L)) is away"
      )
    case .cost(let seat, let free):
      let seats = free.map { L.pick("尚有 \($0) 个空位", "\($0) seats free") } ?? L.pick("名额不限", "no seat limit")
      return L.pick(
        "成本——\(seats)，单位可放人，但计划未选（每人费用 \(HTMLKit.grouped(seat)) 元；或求解在允许差距内停止）",
        "cost: \(seats) and the unit could release the cadre, but the plan left it out (a seat costs \(HTMLKit.grouped(seat)) yuan; or the solver stopped within its gap)"
      )
    case .attends:
      return L.pick("本人已在此班", "the cadre attends it")
    }
  }

  func clashText(_ clash: Clash, other: String, _ L: ReportLanguage) -> String {
    switch clash {
    case .overlap: L.pick("与\(other)时间重叠", "its days overlap \(other)")
    case .sameKind: L.pick("与\(other)同类，每类班次每年只参加 1 个", "same kind as \(other); one class of a kind a year")
    case .sameTheme(let t):
      L.pick(
        "与\(other)主题相同（\(t)），\(scenario.policy.noDuplicate.themeYears) 年内不重复",
        "same theme (\(t)) as \(other), not twice within \(scenario.policy.noDuplicate.themeYears) years")
    case .yearlyMaximum(let m):
      L.pick("本年脱产培训已达 \(m) 个（含\(other)）", "the year already has \(m) off-the-job trainings (with \(other))")
    }
  }
}
