/// A typed identifier: the id of a unit can never be passed where the id of a
/// cadre is expected.
///
/// ```swift
/// let unit: UnitID = "U001"
/// let cadre = CadreID("P00001")
/// ```
public struct Identifier<Tag>: Hashable, Comparable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public let rawValue: String

  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { rawValue }
}

public enum UnitTag {}
public enum CadreTag {}
public enum ClassTag {}
public enum RegionTag {}
public enum InstitutionTag {}
public enum RuleTag {}

public typealias UnitID = Identifier<UnitTag>
public typealias CadreID = Identifier<CadreTag>
public typealias ClassID = Identifier<ClassTag>
public typealias RegionID = Identifier<RegionTag>
public typealias InstitutionID = Identifier<InstitutionTag>
public typealias RuleID = Identifier<RuleTag>
