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

  public init(scenario: Scenario) {
    self.scenario = scenario
    self.noDuplicate = scenario.policy.noDuplicate
  }

  /// nil when cadre `ci` may attend class `ki` as far as the cadre, the class
  /// and the cadre's history are concerned; else the first reason it may not.
  public func screen(cadre ci: Int, klass ki: Int) -> ScreenReason? {
    let cadre = scenario.cadres[ci]
    let klass = scenario.classes[ki]
    if !klass.admits(cadre) { return .eligibility }
    if !cadre.isAvailable(during: klass.span) { return .unavailable }
    if historyConflict(cadre: ci, klass: klass) != nil { return .duplicate }
    return nil
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
