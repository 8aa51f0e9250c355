import CallupDomain
import CallupPlan
import CallupRules

/// The one-line conclusion of a target's explanation, in planners' words:
/// what is missing (cadres who could attend, seats, classes) and what would
/// make room for the target.
extension Explainer {
  func conclusion(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let f = e.figure
    let range = TargetRangeText.text(f.range)
    if f.status == .met {
      return L.pick("已达标：计划数 \(f.planned) 在范围 \(range) 内。", "met: \(f.planned) lies within \(range).")
    }
    switch (f.target.kind, f.status) {
    case (.quota, .short), (.group, .short): return personShort(e, L)
    case (.quota, _), (.group, _): return personOver(e, L)
    case (.classes, .short): return classesShort(e, L)
    case (.classes, _): return classesOver(e, L)
    case (.seats, .short): return seatsShort(e, L)
    case (.seats, _): return seatsOver(e, L)
    }
  }

  /// `1 class`, `2 classes`: a count and an English noun.
  static func count(_ n: Int, _ noun: String) -> String {
    n == 1 ? "\(n) \(noun)" : "\(n) \(noun)\(noun.hasSuffix("s") ? "es" : "s")"
  }

  /// The held classes' seats: capacity, free seats (nil: no limit) and the
  /// seats others took, by rule, over all held classes.
  func heldSeats(_ e: TargetExplanation) -> (held: [TargetClassUse], capacity: Int?, free: Int?, others: [KeyedCount]) {
    let held = e.classes.filter(\.held)
    let unlimited = held.contains { $0.capacity == nil }
    var byRule = [String: Int]()
    for c in held { for x in c.othersByRule { byRule[x.key, default: 0] += x.count } }
    let others = byRule.map { KeyedCount(key: $0.key, count: $0.value) }.sorted {
      $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key
    }
    return (
      held, unlimited ? nil : held.reduce(0) { $0 + ($1.capacity ?? 0) },
      unlimited ? nil : held.reduce(0) { $0 + ($1.free ?? 0) }, others
    )
  }

  /// What opening classes not held, or adding seats, would do for `need` seats.
  func openingText(_ e: TargetExplanation, need: Int, _ L: ReportLanguage) -> String {
    let unheld = e.classes.filter { !$0.held }.sorted { a, b in
      (a.capacity ?? Int.max) > (b.capacity ?? Int.max)
    }
    var pick: [TargetClassUse] = []
    var seats = 0
    var enough = false
    for c in unheld {
      pick.append(c)
      guard let cap = c.capacity else {
        enough = true
        break
      }
      seats += cap
      if seats >= need {
        enough = true
        break
      }
    }
    let ids = pick.map { scenario.classes[$0.klass].id.rawValue }.joined(separator: L.pick("、", " and "))
    let seatsText = pick.contains { $0.capacity == nil } ? L.pick("不限", "unlimited") : String(seats)
    if pick.isEmpty {
      return L.pick(
        "增加 \(need) 个名额，或把其他干部占用的名额让给对象干部，即可容纳。",
        "adding \(Self.count(need, "seat")), or giving the target seats that others now take, would make room for it.")
    }
    if enough {
      return L.pick(
        "开办 \(ids)（\(seatsText) 个名额）或增加 \(need) 个名额即可容纳。",
        "opening \(ids) (\(seatsText) seats) or adding \(Self.count(need, "seat")) would make room for it.")
    }
    return L.pick(
      "开办 \(ids)（\(seats) 个名额）并再增加 \(need - seats) 个名额即可容纳。",
      "opening \(ids) (\(seats) seats) and adding \(need - seats) more seat\(need - seats == 1 ? "" : "s") would make room for it."
    )
  }

  func personShort(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let f = e.figure
    let d = f.distance
    let pool = e.couldStillAttend
    if e.classes.isEmpty {
      return L.pick(
        "不足 \(d) 人：\(f.target.year) 年没有符合该目标班次条件的班次，需在班次目录中增加。",
        "short by \(d): no class of \(f.target.year) matches the target's classes; one must be added to the catalogue.")
    }
    if pool == 0 {
      return L.pick(
        "不足 \(d) 人：尚未计入的对象干部都不能参加这些班次（职级或标签不符、本人不能参训或与培训记录冲突），需放宽班次条件或调整目标。",
        "short by \(d): none of its cadres not yet counted could attend a matching class (not admitted by rank or tags, unavailable, or a clash with past training); widen the classes or change the target."
      )
    }
    if pool < d {
      return L.pick(
        "不足 \(d) 人：最多还有 \(pool) 名对象干部能参加这些班次，即使全部安排也只能达到 \(f.planned + pool) 人；需放宽班次条件或调整目标。",
        "short by \(d): only \(pool) more of its cadres could attend a matching class at all, so at most \(f.planned + pool) can be reached; widen the classes or change the target."
      )
    }
    let r = e.room
    if r.heldSeated >= d {
      let freeText = r.heldFree.map(String.init) ?? L.pick("不限", "unlimited")
      return L.pick(
        "不足 \(d) 人：已开班且准入对象干部的相关班次尚有 \(freeText) 个空位，\(r.heldCould) 名对象干部可以参加；计划未安排他们，原因是工学矛盾、重复调训或成本（用 --cadre 查看个人原因）。",
        "short by \(d): the matching classes held that admit its cadres have \(freeText) free seats and \(r.heldCould) of its cadres could take them; the plan left them out for other reasons (the unit's release limit, clashes, cost): --cadre ID says which."
      )
    }
    return L.pick("不足 \(d) 人：", "short by \(d): ") + heldRoomText(e, L)
      + personOpeningText(e, need: d - r.heldSeated, L)
  }

  /// The held classes' seats for a person target: how many others took,
  /// how many are free and how many of those its cadres could take.
  func heldRoomText(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let seats = heldSeats(e)
    let seated = e.room.heldSeated
    let othersText =
      seats.others.isEmpty
      ? ""
      : L.pick(
        "（\(countsText(Array(seats.others.prefix(3)), rule: true, L))）",
        " (\(countsText(Array(seats.others.prefix(3)), rule: true, L)))")
    let taken = seats.others.reduce(0) { $0 + $1.count }
    let n = seats.held.count
    if n == 0 {
      return L.pick(
        "相关班次 \(e.classes.count) 个均未开班；", "none of the \(Self.count(e.classes.count, "matching class")) is held; ")
    }
    guard let free = seats.free, let capacity = seats.capacity else {
      return L.pick(
        "已开班的 \(n) 个相关班次不限名额，其中 \(taken) 个名额由其他干部占用\(othersText)，对象干部只能占用其中 \(seated) 个；",
        "the \(Self.count(n, "matching class")) held seat\(n == 1 ? "s" : "") without limit and \(taken) of those seats went to other cadres\(othersText), but its cadres could take only \(seated) of \(n == 1 ? "its" : "their") seats; "
      )
    }
    let usable =
      free > seated ? L.pick("，其中对象干部能占用 \(seated) 个", ", of which its cadres could take \(seated)") : ""
    return L.pick(
      "已开班的 \(n) 个相关班次共 \(capacity) 个名额，其中 \(taken) 个由其他干部占用\(othersText)，空余 \(free) 个\(usable)；",
      "the \(Self.count(n, "matching class")) held seat\(n == 1 ? "s" : "") \(capacity) and \(taken) of those seats went to other cadres\(othersText), \(free) \(free == 1 ? "is" : "are") free\(usable); "
    )
  }

  /// What opening classes not held that admit the target's cadres, or
  /// adding seats to classes that admit them, would do for `need` more.
  func personOpeningText(_ e: TargetExplanation, need: Int, _ L: ReportLanguage) -> String {
    let r = e.room
    guard !r.opening.isEmpty else {
      return L.pick(
        "增加 \(need) 个名额，或把其他干部占用的名额让给对象干部，即可容纳。",
        "adding \(Self.count(need, "seat")), or giving the target seats that others now take, would make room for it.")
    }
    let ids = r.opening.map { scenario.classes[$0].id.rawValue }.joined(separator: L.pick("、", " and "))
    let seatsText = r.openingSeats.map(String.init) ?? L.pick("不限", "unlimited")
    let opening = L.pick(
      "开办 \(ids)（\(seatsText) 个名额，\(r.openingCould) 名对象干部可以参加）",
      "opening \(ids) (\(seatsText) seats; \(r.openingCould) of its cadres could attend \(r.opening.count == 1 ? "it" : "them"))"
    )
    let more = need - r.openingSeated
    if more > 0 {
      return L.pick(
        "\(opening)并再增加 \(more) 个名额即可容纳。",
        "\(opening) and adding \(more) more seat\(more == 1 ? "" : "s") would make room for it.")
    }
    if r.heldWaiting >= need {
      return L.pick(
        "\(opening)或增加 \(need) 个名额即可容纳。", "\(opening) or adding \(Self.count(need, "seat")) would make room for it.")
    }
    return L.pick("\(opening)即可容纳。", "\(opening) would make room for it.")
  }

  func personOver(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let f = e.figure
    let d = f.distance
    let hi = f.range.hi ?? f.planned
    if e.trainedBefore > hi {
      return L.pick(
        "超出 \(d) 人：仅培训记录就已计入 \(e.trainedBefore) 人，超过上限 \(hi)，调整计划无法回到范围内。",
        "over by \(d): history alone counts \(e.trainedBefore), above the upper bound of \(hi); no plan can bring it within range."
      )
    }
    let rules =
      e.membersByRule.isEmpty
      ? ""
      : L.pick("（\(countsText(e.membersByRule, rule: true, L))）", " (\(countsText(e.membersByRule, rule: true, L)))")
    return L.pick(
      "超出 \(d) 人：计入 \(f.planned) 人，上限 \(hi)；其中培训记录 \(e.trainedBefore) 人，本计划调训 \(e.calledUp) 人\(rules)。少调训对象干部到这些班次，或改派到目标以外的班次，即可回到范围内。",
      "over by \(d): \(f.planned) counted against at most \(hi): \(e.trainedBefore) by history, \(e.calledUp) called up by the plan\(rules); calling fewer of its cadres to these classes, or sending them to classes outside the target, would bring it within range."
    )
  }

  func classesShort(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let d = e.figure.distance
    let held = e.classes.filter(\.held).count
    let unheld = e.classes.filter { !$0.held }.sorted {
      scenario.classes[$0.klass].minSize < scenario.classes[$1.klass].minSize
    }
    let ids = unheld.prefix(d).map { scenario.classes[$0.klass].id.rawValue }.joined(separator: L.pick("、", " and "))
    if unheld.count >= d {
      return L.pick(
        "不足 \(d) 个班次：相关班次 \(e.classes.count) 个中开班 \(held) 个；开办 \(ids)（达到最少开班人数）即可达标。",
        "short by \(Self.count(d, "class")): \(held) of the \(Self.count(e.classes.count, "matching class")) \(held == 1 ? "is" : "are") held; opening \(ids) (with the least attendees it takes to hold \(d == 1 ? "it" : "them")) would make it hold."
      )
    }
    let open = unheld.isEmpty ? "" : L.pick("开办 \(ids)，并", "open \(ids) and ")
    return L.pick(
      "不足 \(d) 个班次：只有 \(e.classes.count) 个相关班次，开班 \(held) 个；需\(open)在班次目录中再增加 \(d - unheld.count) 个。",
      "short by \(Self.count(d, "class")): only \(Self.count(e.classes.count, "class")) match and \(held) \(held == 1 ? "is" : "are") held; \(open)add \(d - unheld.count) more to the catalogue."
    )
  }

  func classesOver(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let f = e.figure
    let fewest = e.classes.filter(\.held).sorted { $0.attendees < $1.attendees }.prefix(f.distance)
    let list = fewest.map { c in
      L.pick(
        "\(scenario.classes[c.klass].id.rawValue)（\(c.attendees) 人）",
        "\(scenario.classes[c.klass].id.rawValue) (\(c.attendees))")
    }.joined(separator: L.pick("、", ", "))
    return L.pick(
      "超出 \(f.distance) 个班次：开班 \(f.planned) 个，上限 \(f.range.hi ?? f.planned)；人数最少的是 \(list)，其学员改派到其他班次即可达标。",
      "over by \(Self.count(f.distance, "class")): \(f.planned) held against at most \(f.range.hi ?? f.planned); the least attended are \(list), whose attendees would have to move to other classes."
    )
  }

  func seatsShort(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let d = e.figure.distance
    let seats = heldSeats(e)
    let taken = seats.held.reduce(0) { $0 + $1.attendees }
    guard let free = seats.free, free < d else {
      let freeText = seats.free.map(String.init) ?? L.pick("不限", "unlimited")
      return L.pick(
        "不足 \(d) 个名额：已开班的相关班次尚有 \(freeText) 个空位，计划没有需要它们的应训任务（或受工学矛盾、成本限制）。",
        "short by \(Self.count(d, "seat")): the matching classes held have \(freeText) free seats, but no due obligation needed them (or release limits and cost kept cadres out)."
      )
    }
    return L.pick(
      "不足 \(d) 个名额：已开班的 \(seats.held.count) 个相关班次共 \(seats.capacity ?? 0) 个名额，已用 \(taken) 个；",
      "short by \(Self.count(d, "seat")): the \(Self.count(seats.held.count, "matching class")) held seat\(seats.held.count == 1 ? "s" : "") \(seats.capacity ?? 0), \(taken) taken; "
    )
      + openingText(e, need: d - free, L)
  }

  func seatsOver(_ e: TargetExplanation, _ L: ReportLanguage) -> String {
    let f = e.figure
    let seats = heldSeats(e)
    let rules =
      seats.others.isEmpty
      ? ""
      : L.pick(
        "（\(countsText(Array(seats.others.prefix(3)), rule: true, L))）",
        " (\(countsText(Array(seats.others.prefix(3)), rule: true, L)))")
    return L.pick(
      "超出 \(f.distance) 个名额：相关班次共 \(f.planned) 人参训\(rules)，上限 \(f.range.hi ?? f.planned)；少调训 \(f.distance) 人即可达标。",
      "over by \(Self.count(f.distance, "seat")): the matching classes take \(f.planned)\(rules) against at most \(f.range.hi ?? f.planned); calling up \(f.distance) fewer would make it hold."
    )
  }
}
