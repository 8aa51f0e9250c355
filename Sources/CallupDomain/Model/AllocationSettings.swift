/// How the seats of a class are given out: by name (点名调训: the plan names
/// every trainee, the default) or by allocation (名额分配: each unit gets a
/// number of seats and nominates its people; the plan's names are
/// suggestions). scenario.yaml `allocation: { kinds: [...], classes: [...] }`.
public struct AllocationSettings: Hashable, Sendable {
  /// Kinds whose classes go by allocation.
  public var kinds: Set<ClassKind>
  /// Classes that go by allocation, whatever their kind.
  public var classes: Set<ClassID>

  public init(kinds: Set<ClassKind> = [], classes: Set<ClassID> = []) {
    self.kinds = kinds
    self.classes = classes
  }

  /// Every class by name.
  public var isEmpty: Bool { kinds.isEmpty && classes.isEmpty }

  /// Whether the class's seats go to units by allocation.
  public func byAllocation(_ k: TrainingClass) -> Bool { kinds.contains(k.kind) || classes.contains(k.id) }
}
