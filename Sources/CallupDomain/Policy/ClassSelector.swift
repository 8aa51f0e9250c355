/// The `classes:` of a target rule: which classes it counts.
///
/// All given keys must match; a key with an empty list counts as not given;
/// an empty selector matches every class.
public struct ClassSelector: Hashable, Sendable {
  public var kinds: Set<ClassKind> = []
  public var institutionTypes: Set<InstitutionType> = []
  public var levels: Set<Level> = []
  /// Institution ids or names, as in classes.csv.
  public var institutions: Set<String> = []
  public var themes: Set<String> = []
  public var regions: Set<String> = []
  public var minDays: Int? = nil
  public var maxDays: Int? = nil

  public init(
    kinds: Set<ClassKind> = [], institutionTypes: Set<InstitutionType> = [], levels: Set<Level> = [],
    institutions: Set<String> = [], themes: Set<String> = [], regions: Set<String> = [], minDays: Int? = nil,
    maxDays: Int? = nil
  ) {
    self.kinds = kinds
    self.institutionTypes = institutionTypes
    self.levels = levels
    self.institutions = institutions
    self.themes = themes
    self.regions = regions
    self.minDays = minDays
    self.maxDays = maxDays
  }

  public static let any = ClassSelector()

  /// True when the class matches every given key.
  public func matches(_ k: TrainingClass) -> Bool {
    matches(
      kind: k.kind, institutionType: k.institutionType, days: k.days, theme: k.theme, level: k.level,
      institution: k.institution.rawValue, region: k.region.rawValue)
  }

  /// True when a training with these attributes matches; an attribute a
  /// history row does not carry (nil) matches only when no value is asked for.
  public func matches(
    kind: ClassKind, institutionType: InstitutionType?, days: Int, theme: String, level: Level?,
    institution: String?, region: String?
  ) -> Bool {
    if !kinds.isEmpty, !kinds.contains(kind) { return false }
    if let minDays, days < minDays { return false }
    if let maxDays, days > maxDays { return false }
    if !themes.isEmpty, !themes.contains(theme) { return false }
    if !institutionTypes.isEmpty {
      guard let institutionType, institutionTypes.contains(institutionType) else { return false }
    }
    if !levels.isEmpty {
      guard let level, levels.contains(level) else { return false }
    }
    if !institutions.isEmpty {
      guard let institution, institutions.contains(institution) else { return false }
    }
    if !regions.isEmpty {
      guard let region, regions.contains(region) else { return false }
    }
    return true
  }

  /// True for a history row: the row's class from the catalogue when it
  /// names one, else the attributes the row carries.
  public func matches(_ h: HistoryRecord, classOf: (ClassID) -> TrainingClass?) -> Bool {
    if let id = h.classID, let k = classOf(id) { return matches(k) }
    return matches(
      kind: h.kind, institutionType: h.institutionType, days: h.days, theme: h.theme, level: nil,
      institution: nil, region: nil)
  }
}
