import CallupDomain

/// Cadre tags as bits, numbered in the sorted order the files list them in,
/// so that writing a cadre's tags is a walk over the set bits.
struct TagSet: OptionSet, Hashable, Sendable {
  let rawValue: UInt16

  static let branchSecretary = TagSet(rawValue: 1 << 0)
  static let cityCountyTeam = TagSet(rawValue: 1 << 1)
  static let ethnicArea = TagSet(rawValue: 1 << 2)
  static let ethnicMinority = TagSet(rawValue: 1 << 3)
  static let grassroots = TagSet(rawValue: 1 << 4)
  static let institution = TagSet(rawValue: 1 << 5)
  static let newAppointee = TagSet(rawValue: 1 << 6)
  static let nonParty = TagSet(rawValue: 1 << 7)
  static let provincialOrgan = TagSet(rawValue: 1 << 8)
  static let selectedGraduate = TagSet(rawValue: 1 << 9)
  static let soe = TagSet(rawValue: 1 << 10)
  static let townshipHead = TagSet(rawValue: 1 << 11)
  static let townshipMayor = TagSet(rawValue: 1 << 12)
  static let townshipSecretary = TagSet(rawValue: 1 << 13)
  static let villageSecretary = TagSet(rawValue: 1 << 14)
  static let young = TagSet(rawValue: 1 << 15)

  /// The tag words, bit i being `names[i]`; sorted. Sixteen, every bit of the raw value.
  static let names = [
    "branch-secretary", "city-county-team", "ethnic-area", "ethnic-minority", "grassroots", "institution",
    "new-appointee", "non-party", "provincial-organ", "selected-graduate", "soe", "township-head", "township-mayor",
    "township-secretary", "village-secretary", "young",
  ]
  static let utf8Names: [[UInt8]] = names.map { Array($0.utf8) }

  /// The tag words of the set.
  var strings: Set<String> {
    var out = Set<String>()
    for (i, n) in TagSet.names.enumerated() where rawValue & (1 << i) != 0 { out.insert(n) }
    return out
  }
}

/// Ranks as bits (for a class's or session's eligible ranks).
struct RankMask: OptionSet, Hashable, Sendable {
  let rawValue: UInt8
  init(rawValue: UInt8) { self.rawValue = rawValue }
  init(_ ranks: Rank...) {
    var v: UInt8 = 0
    for r in ranks { v |= RankMask.bit(r) }
    rawValue = v
  }
  static func bit(_ r: Rank) -> UInt8 {
    switch r {
    case .provincial: 1
    case .bureau: 2
    case .county: 4
    case .section: 8
    case .staff: 16
    }
  }
  func contains(_ r: Rank) -> Bool { isEmpty || rawValue & RankMask.bit(r) != 0 }
  var ranks: Set<Rank> { Set(Rank.allCases.filter { rawValue & RankMask.bit($0) != 0 }) }
}

/// One cadre of a regional scenario, in 20 bytes: everything of
/// cadres.csv except the id (its index), the unit's id (an index) and the
/// unavailable ranges (kept aside, as few cadres have them).
struct CadreRow {
  var unit: Int32
  /// Day ordinal of the appointment; `CadreRow.none` when empty.
  var appointed: Int32
  var name: PackedName
  var tags: TagSet
  var birthYear: Int16
  var rank: Rank
  var leadership: Leadership
  var female: Bool
  var nonParty: Bool

  static let none = Int32.min
}

/// A past training of a regional scenario's cadre, in 16 bytes.
struct HistoryRow {
  var cadre: Int32
  var start: Int32
  var days: Int16
  var kind: ClassKind
  /// 0 = no theme, else `Theme.all[theme - 1]`.
  var theme: UInt8
  var type: InstitutionType

  var first: Int32 { start }
  var last: Int32 { start + Int32(days) - 1 }
  var year: Int { Day(ordinal: start).year }
}

/// An unavailable range of a cadre (cadres.csv `unavailable`).
struct AwayRow {
  var cadre: Int32
  var first: Int32
  var last: Int32
}

/// A Chinese name as indices into the tables of `Names`: 2 bits of
/// script (Han, Yi, Tibetan), a female flag and three 8-bit indices.
struct PackedName: Hashable {
  var raw: UInt32

  static let han: UInt32 = 0, yi: UInt32 = 1, tibetan: UInt32 = 2

  /// Draws a name the way `Names.person` does.
  static func draw(female: Bool, minority: CountySpec.Minority, rng: inout Xoshiro256) -> PackedName {
    switch minority {
    case .yi:
      let a = UInt32(rng.below(UInt64(Names.yiFamily.count)))
      let b = UInt32(rng.below(UInt64(Names.yiGiven.count)))
      return PackedName(raw: yi << 30 | a << 16 | b << 8 | 255)
    case .tibetan:
      let a = UInt32(rng.below(UInt64(Names.tibetanFirst.count)))
      let b = UInt32(rng.below(UInt64(Names.tibetanSecond.count)))
      return PackedName(raw: tibetan << 30 | a << 16 | b << 8 | 255)
    case .none:
      let s = UInt32(rng.weightedIndex(Names.surnameWeights) ?? 0)
      let chars = UInt64(female ? Names.femaleChars.count : Names.maleChars.count)
      let g1 = UInt32(rng.below(chars))
      let g2 = rng.chance(0.7) ? UInt32(rng.below(chars)) : 255
      return PackedName(raw: han << 30 | (female ? 1 << 24 : 0) | s << 16 | g1 << 8 | g2)
    }
  }

  /// Appends the name's UTF-8 bytes.
  func append(to out: inout [UInt8]) {
    let a = Int(raw >> 16 & 0xFF), b = Int(raw >> 8 & 0xFF), c = Int(raw & 0xFF)
    switch raw >> 30 {
    case PackedName.yi:
      out.append(contentsOf: NameBytes.yiFamily[a])
      out.append(contentsOf: NameBytes.yiGiven[b])
    case PackedName.tibetan:
      out.append(contentsOf: NameBytes.tibetanFirst[a])
      out.append(contentsOf: NameBytes.tibetanSecond[b])
    default:
      let chars = raw & (1 << 24) != 0 ? NameBytes.femaleChars : NameBytes.maleChars
      out.append(contentsOf: NameBytes.surnames[a])
      out.append(contentsOf: chars[b])
      if c != 255 { out.append(contentsOf: chars[c]) }
    }
  }

  var string: String {
    var bytes: [UInt8] = []
    append(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// The name tables as UTF-8 bytes, for writing.
enum NameBytes {
  static let surnames = Names.surnames.map { Array($0.0.utf8) }
  static let maleChars = Names.maleChars.map { Array(String($0).utf8) }
  static let femaleChars = Names.femaleChars.map { Array(String($0).utf8) }
  static let yiFamily = Names.yiFamily.map { Array($0.utf8) }
  static let yiGiven = Names.yiGiven.map { Array($0.utf8) }
  static let tibetanFirst = Names.tibetanFirst.map { Array($0.utf8) }
  static let tibetanSecond = Names.tibetanSecond.map { Array($0.utf8) }
}

extension Names {
  static let surnameWeights = surnames.map(\.1)
}
