/// The `who` of a rule: which cadres it applies to.
///
/// All given keys must match; a key with an empty list counts as not given;
/// an empty selector matches everyone. `leadership: [team]` matches
/// principals and deputies too.
public struct Selector: Hashable, Sendable {
  public var ranks: Set<Rank> = []
  public var tags: Set<String> = []
  public var leadership: Set<Leadership> = []
  public var party: Set<Party> = []
  public var gender: Set<Gender> = []
  /// Appointed in the obligation's year or in the N-1 years before.
  public var appointedWithinYears: Int? = nil

  public init(
    ranks: Set<Rank> = [], tags: Set<String> = [], leadership: Set<Leadership> = [],
    party: Set<Party> = [], gender: Set<Gender> = [], appointedWithinYears: Int? = nil
  ) {
    self.ranks = ranks
    self.tags = tags
    self.leadership = leadership
    self.party = party
    self.gender = gender
    self.appointedWithinYears = appointedWithinYears
  }

  public static let everyone = Selector()

  public func matches(_ cadre: Cadre, year: Int) -> Bool {
    if !ranks.isEmpty, !ranks.contains(cadre.rank) { return false }
    if !tags.isEmpty, tags.isDisjoint(with: cadre.tags) { return false }
    if !leadership.isEmpty {
      let ok =
        leadership.contains(cadre.leadership)
        || (leadership.contains(.team) && cadre.leadership.isTeamMember)
      if !ok { return false }
    }
    if !party.isEmpty, !party.contains(cadre.party) { return false }
    if !gender.isEmpty, !gender.contains(cadre.gender) { return false }
    if let n = appointedWithinYears {
      guard let a = cadre.appointed else { return false }
      let y = a.year
      if y > year || y < year - (n - 1) { return false }
    }
    return true
  }
}
