import CallupDomain

/// Why a cadre cannot attend a class at all, before any optimisation: the
/// reasons of the contract's `unmet` vocabulary that depend on the cadre and
/// the class alone (and the cadre's history).
public enum ScreenReason: String, Sendable, Hashable {
  /// The class's ranks or tags do not admit the cadre.
  case eligibility
  /// A day of the class falls inside the cadre's unavailable ranges.
  case unavailable
  /// History makes it a duplicate: overlapping training, the same kind this
  /// year already, the yearly maximum reached, or the same theme too recently.
  case duplicate
}

/// The per-pair screen that decides which cadre–class pairs become
/// variables. It applies the eligibility and availability rules and the
/// history half of the no-duplicate rule.
public struct CandidateScreen: Sendable {
  public let scenario: Scenario
  public let noDuplicate: NoDuplicateRule
  /// The facts the screen reads, per class and per cadre, in plain arrays
  /// (the screen runs for every cadre–class pair of a province).
  let facts: Facts

  struct Facts: Sendable {
    var classRanks: [UInt8]  // 0: any rank
    var classTags: [UInt64]  // 0: any tag
    var classSpan: [DayRange]
    var classYear: [Int]
    var classKind: [ClassKind]
    var classTheme: [Int32]  // -1: no theme
    var cadreRank: [UInt8]
    var cadreTags: [UInt64]
    var cadreUnavailable: [Bool]
    /// History rows of cadre `ci` are `historyStart[ci]..<historyStart[ci + 1]`.
    var historyStart: [Int]
    var historySpan: [DayRange]
    var historyYear: [Int]
    var historyKind: [ClassKind]
    var historyTheme: [Int32]
    /// More distinct class tags than a mask holds: tags are checked on the sets.
    var tagsBySet: Bool
    /// Rules for new appointees (`Policy.intakeRules`), as bits: per class,
    /// the rules a class of its kind is for (0: anyone); per cadre, the
    /// rules that match it in the year of its appointment.
    var classIntake: [UInt64] = []
    var cadreIntake: [UInt64] = []
    var cadreAppointed: [Int32] = []
    /// Per bit: the rule's `appointed_within_years`.
    var intakeWithin: [Int] = []
  }

  public init(scenario: Scenario) {
    self.scenario = scenario
    self.noDuplicate = scenario.policy.noDuplicate
    var themes = [String: Int32]()
    func theme(_ t: String) -> Int32 {
      if t.isEmpty { return -1 }
      if let i = themes[t] { return i }
      let i = Int32(themes.count)
      themes[t] = i
      return i
    }
    var tagIDs = [String: Int]()
    for k in scenario.classes { for t in k.tags.sorted() where tagIDs[t] == nil { tagIDs[t] = tagIDs.count } }
    let bySet = tagIDs.count > 64
    func rankBit(_ r: Rank) -> UInt8 { 1 << UInt8(Rank.allCases.firstIndex(of: r)!) }
    func mask(_ tags: Set<String>) -> UInt64 {
      var m: UInt64 = 0
      for t in tags { if let i = tagIDs[t], i < 64 { m |= 1 << UInt64(i) } }
      return m
    }
    var f = Facts(
      classRanks: [], classTags: [], classSpan: [], classYear: [], classKind: [], classTheme: [], cadreRank: [],
      cadreTags: [], cadreUnavailable: [], historyStart: [0], historySpan: [], historyYear: [], historyKind: [],
      historyTheme: [], tagsBySet: bySet)
    for k in scenario.classes {
      f.classRanks.append(k.ranks.reduce(0) { $0 | rankBit($1) })
      f.classTags.append(mask(k.tags))
      f.classSpan.append(k.span)
      f.classYear.append(k.year)
      f.classKind.append(k.kind)
      f.classTheme.append(theme(k.theme))
    }
    let cycles = scenario.policy.cycleRules
    // A rule over several intake kinds is listed under each: one bit per rule.
    let intake = Set(scenario.policy.intakeRules.values.flatMap { $0 }).sorted().prefix(64)
    if !intake.isEmpty {
      let bit = Dictionary(uniqueKeysWithValues: intake.enumerated().map { ($1, UInt64(1) << UInt64($0)) })
      f.intakeWithin = intake.map { cycles[$0].who.appointedWithinYears ?? 1 }
      let byKind = scenario.policy.intakeRules.mapValues { $0.reduce(UInt64(0)) { $0 | (bit[$1] ?? 0) } }
      f.classIntake = scenario.classes.map { byKind[$0.kind] ?? 0 }
      f.cadreIntake.reserveCapacity(scenario.cadres.count)
      f.cadreAppointed.reserveCapacity(scenario.cadres.count)
      for c in scenario.cadres {
        guard let a = c.appointed?.year else {
          f.cadreIntake.append(0)
          f.cadreAppointed.append(0)
          continue
        }
        var m: UInt64 = 0
        for (b, ri) in intake.enumerated() where cycles[ri].who.matches(c, year: a) { m |= 1 << UInt64(b) }
        f.cadreIntake.append(m)
        f.cadreAppointed.append(Int32(a))
      }
    }
    f.cadreRank.reserveCapacity(scenario.cadres.count)
    for (ci, c) in scenario.cadres.enumerated() {
      f.cadreRank.append(rankBit(c.rank))
      f.cadreTags.append(mask(c.tags))
      f.cadreUnavailable.append(!c.unavailable.isEmpty)
      for h in scenario.historyByCadre[ci] {
        f.historySpan.append(h.span)
        f.historyYear.append(h.year)
        f.historyKind.append(h.kind)
        f.historyTheme.append(theme(h.theme))
      }
      f.historyStart.append(f.historySpan.count)
    }
    facts = f
  }

  /// nil when cadre `ci` may attend class `ki` as far as the cadre, the class
  /// and the cadre's history are concerned; else the first reason it may not.
  public func screen(cadre ci: Int, klass ki: Int) -> ScreenReason? {
    // Eligibility: ranks, then tags (a class with tags admits a cadre with one of them).
    if facts.classRanks[ki] != 0, facts.classRanks[ki] & facts.cadreRank[ci] == 0 { return .eligibility }
    if facts.tagsBySet {
      if !scenario.classes[ki].tags.isEmpty, scenario.classes[ki].tags.isDisjoint(with: scenario.cadres[ci].tags) {
        return .eligibility
      }
    } else if facts.classTags[ki] != 0, facts.classTags[ki] & facts.cadreTags[ci] == 0 {
      return .eligibility
    }
    if refusesAsIntake(klass: ki, cadre: ci) { return .eligibility }
    let span = facts.classSpan[ki]
    if facts.cadreUnavailable[ci], !scenario.cadres[ci].isAvailable(during: span) { return .unavailable }
    // History: the same rules as `historyConflict`.
    let year = facts.classYear[ki], kind = facts.classKind[ki], theme = facts.classTheme[ki]
    var offJobThisYear = 0
    for h in facts.historyStart[ci]..<facts.historyStart[ci + 1] {
      if facts.historySpan[h].overlaps(span) { return .duplicate }
      if facts.historyYear[h] == year, kind.isOncePerYear, facts.historyKind[h] == kind { return .duplicate }
      if theme >= 0, facts.historyTheme[h] == theme, abs(facts.historyYear[h] - year) < noDuplicate.themeYears {
        return .duplicate
      }
      if facts.historyYear[h] == year, facts.historyKind[h].isOffTheJob { offJobThisYear += 1 }
    }
    if kind.isOffTheJob, offJobThisYear >= noDuplicate.maxPerYear { return .duplicate }
    return nil
  }

  /// Whether class `ki` is for new appointees only (`Policy.intakeRules`)
  /// and no rule for them that its kind is for matches cadre `ci` in the
  /// class's year.
  func refusesAsIntake(klass ki: Int, cadre ci: Int) -> Bool {
    guard !facts.classIntake.isEmpty else { return false }
    var bits = facts.classIntake[ki]
    guard bits != 0 else { return false }
    bits &= facts.cadreIntake[ci]
    let year = facts.classYear[ki], appointed = Int(facts.cadreAppointed[ci])
    while bits != 0 {
      let b = bits.trailingZeroBitCount
      bits &= bits - 1
      if appointed <= year, appointed > year - facts.intakeWithin[b] { return false }
    }
    return true
  }

  /// The history record that makes class `klass` a duplicate for cadre `ci`, if any.
  public func historyConflict(cadre ci: Int, klass: TrainingClass) -> HistoryRecord? {
    let year = klass.year
    var offJobThisYear = 0
    for h in scenario.historyByCadre[ci] {
      if h.span.overlaps(klass.span) { return h }
      if h.year == year, klass.kind.isOncePerYear, h.kind == klass.kind { return h }
      if !klass.theme.isEmpty, h.theme == klass.theme, abs(h.year - year) < noDuplicate.themeYears {
        return h
      }
      if h.year == year, h.kind.isOffTheJob { offJobThisYear += 1 }
    }
    if klass.kind.isOffTheJob, offJobThisYear >= noDuplicate.maxPerYear {
      return scenario.historyByCadre[ci].last { $0.year == year && $0.kind.isOffTheJob }
    }
    return nil
  }
}
