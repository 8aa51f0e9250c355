import CallupDomain
import CallupPlan
import Foundation

/// A parameter a what-if sweep can vary.
public enum WhatIfParameter: String, Sendable, CaseIterable {
  /// Multiplies every class's capacity, rounded down; never below the class's `min_size`.
  case classesCapacity = "classes.capacity"
  /// Multiplies every class's holding cost.
  case classesFixedCost = "classes.fixed_cost"
  /// Multiplies every class's cost per seat.
  case classesCostPerSeat = "classes.cost_per_seat"
  /// The release rule's default `max_away` (units that set their own keep it).
  case releaseMaxAway = "release.max_away"
  /// The release rule's default `max_away_share` (units that set their own keep it).
  case releaseMaxAwayShare = "release.max_away_share"
  /// The objective's value of one met obligation.
  case objectiveObligation = "objective.obligation"
  /// The objective's extra value per year overdue.
  case objectiveOverdueYear = "objective.overdue_year"
  /// The objective's value of each person towards a unit share.
  case objectiveUnitShare = "objective.unit_share"
  /// Seconds for each variant's solve.
  case solverTimeLimit = "solver.time_limit"
  /// The relative gap at which a solve stops.
  case solverMipGap = "solver.mip_gap"

  /// The short name used in variant directory names (`capacity`, `max_away`).
  public var shortName: String { String(rawValue.split(separator: ".").last ?? Substring(rawValue)) }

  /// Checks one value; nil when it is fine, else what is wrong.
  public func problem(with value: String) -> String? {
    switch self {
    case .releaseMaxAway:
      guard let n = Int(value), n >= 1 else { return "\(rawValue) takes whole numbers of at least 1, not '\(value)'" }
      _ = n
    case .releaseMaxAwayShare:
      guard let d = ExactDecimal(value), d.units > 0 else {
        return "\(rawValue) takes a share above 0 such as 0.3, not '\(value)'"
      }
      _ = d
    case .classesCapacity, .classesFixedCost, .classesCostPerSeat:
      guard ExactDecimal(value) != nil, let d = Double(value), d >= 0, d.isFinite else {
        return "\(rawValue) takes a multiplier such as 0.8 or 1.2, not '\(value)'"
      }
      if self == .classesCapacity, d <= 0 { return "\(rawValue) takes a multiplier above 0, not '\(value)'" }
    case .objectiveObligation, .objectiveOverdueYear, .objectiveUnitShare:
      guard let d = Double(value), d >= 0, d.isFinite else {
        return "\(rawValue) takes a value of at least 0, not '\(value)'"
      }
    case .solverTimeLimit:
      guard let d = Double(value), d > 0, d.isFinite else { return "\(rawValue) takes seconds above 0, not '\(value)'" }
    case .solverMipGap:
      guard let d = Double(value), d >= 0, d < 1 else {
        return "\(rawValue) takes a gap from 0 to below 1, not '\(value)'"
      }
    }
    return nil
  }

  /// Applies a checked value to a scenario.
  public func apply(_ value: String, to s: inout Scenario) {
    switch self {
    case .classesCapacity:
      guard let m = ExactDecimal(value) else { return }
      for i in s.classes.indices {
        guard let cap = s.classes[i].capacity else { continue }
        s.classes[i].capacity = max(s.classes[i].minSize, m.floor(times: cap))
      }
    case .classesFixedCost:
      guard let m = Double(value) else { return }
      for i in s.classes.indices { s.classes[i].fixedCost *= m }
    case .classesCostPerSeat:
      guard let m = Double(value) else { return }
      for i in s.classes.indices { s.classes[i].costPerSeat *= m }
    case .releaseMaxAway:
      guard let n = Int(value) else { return }
      WhatIfParameter.updateRelease(&s) { $0.maxAway = n }
    case .releaseMaxAwayShare:
      guard let d = ExactDecimal(value) else { return }
      WhatIfParameter.updateRelease(&s) { $0.maxAwayShare = d }
    case .objectiveObligation:
      if let v = Double(value) { s.policy.objective.obligation = v }
    case .objectiveOverdueYear:
      if let v = Double(value) { s.policy.objective.overdueYear = v }
    case .objectiveUnitShare:
      if let v = Double(value) { s.policy.objective.unitShare = v }
    case .solverTimeLimit:
      if let v = Double(value) { s.solver.timeLimit = v }
    case .solverMipGap:
      if let v = Double(value) { s.solver.mipGap = v }
    }
  }

  static func updateRelease(_ s: inout Scenario, _ change: (inout ReleaseRule) -> Void) {
    if let i = s.policy.rules.firstIndex(where: { if case .release = $0 { true } else { false } }),
      case .release(var r) = s.policy.rules[i]
    {
      change(&r)
      s.policy.rules[i] = .release(r)
    } else {
      var r = s.policy.release
      change(&r)
      s.policy.rules.append(.release(r))
    }
  }
}

/// One `--vary` option: a parameter and its values.
public struct Variation: Sendable, Hashable {
  public var parameter: WhatIfParameter
  /// The values as written, in order.
  public var values: [String]

  /// A variation of checked values.
  public init(parameter: WhatIfParameter, values: [String]) {
    self.parameter = parameter
    self.values = values
  }

  /// Parses `classes.capacity=0.8,1.0,1.2`.
  public static func parse(_ text: String) throws(WhatIfError) -> Variation {
    guard let eq = text.firstIndex(of: "=") else {
      throw WhatIfError("--vary '\(text)' needs the form PARAMETER=V1,V2,… such as classes.capacity=0.8,1.0,1.2.")
    }
    let name = text[..<eq].trimmingCharacters(in: .whitespaces)
    guard let p = WhatIfParameter(rawValue: name) else {
      throw WhatIfError(
        "--vary: unknown parameter '\(name)'; use one of \(WhatIfParameter.allCases.map(\.rawValue).joined(separator: ", "))."
      )
    }
    let values = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
      throw WhatIfError("--vary '\(text)': give one or more values separated by commas, such as \(name)=1,2,3.")
    }
    for v in values { if let problem = p.problem(with: v) { throw WhatIfError("--vary: \(problem).") } }
    if Set(values).count != values.count { throw WhatIfError("--vary '\(text)': a value is given twice.") }
    return Variation(parameter: p, values: values)
  }
}

/// One combination of a sweep: a value for each varied parameter.
public struct WhatIfVariant: Sendable, Hashable {
  /// The values, in the order of the `--vary` options.
  public var settings: [Setting]

  /// A variant of these settings.
  public init(settings: [Setting]) { self.settings = settings }

  /// A parameter and the value it takes in this variant.
  public struct Setting: Sendable, Hashable {
    public var parameter: WhatIfParameter
    public var value: String
    /// A setting; the value must pass ``WhatIfParameter/problem(with:)``.
    public init(parameter: WhatIfParameter, value: String) {
      self.parameter = parameter
      self.value = value
    }
  }

  /// `capacity-0.8_max_away-1`: the directory name of the variant.
  public var name: String {
    settings.map { "\($0.parameter.shortName)-\(WhatIfVariant.safe($0.value))" }.joined(separator: "_")
  }

  static func safe(_ v: String) -> String {
    String(v.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
  }

  /// The base scenario with this variant's settings applied, in order.
  public func apply(to base: Scenario) -> Scenario {
    var s = base
    for x in settings { x.parameter.apply(x.value, to: &s) }
    s.reindex()
    return s
  }
}

/// Sweeps of scenario parameters: every combination planned, in parallel.
public enum WhatIf {
  /// Every combination of the variations: the first varies slowest, values in the order given.
  public static func variants(_ variations: [Variation]) throws(WhatIfError) -> [WhatIfVariant] {
    var seen = Set<WhatIfParameter>()
    var names = Set<String>()
    for v in variations {
      guard seen.insert(v.parameter).inserted else {
        throw WhatIfError("--vary \(v.parameter.rawValue) is given twice.")
      }
      guard names.insert(v.parameter.shortName).inserted else {
        throw WhatIfError("--vary: two parameters named '\(v.parameter.shortName)' cannot be varied together.")
      }
    }
    var out: [WhatIfVariant] = [WhatIfVariant(settings: [])]
    for v in variations {
      out = out.flatMap { partial in
        v.values.map { value in
          WhatIfVariant(settings: partial.settings + [.init(parameter: v.parameter, value: value)])
        }
      }
    }
    return variations.isEmpty ? [] : out
  }

  /// Runs `work` for every index `0..<count` on a fixed pool of `threads`
  /// threads (each takes the next index when it is free) and returns the
  /// results in index order, whatever order they finished in.
  public static func parallelMap<T: Sendable>(
    count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ work: @Sendable (Int) -> T
  ) -> [T] {
    let box = ResultBox<T>(count: count)
    let workers = max(1, min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let i = box.next() { box.set(i, work(i)) }
    }
    return box.results()
  }

  /// What a variant's directory records of how it was made (`whatif.json`),
  /// so that `explain` can rebuild its scenario.
  public static func sourceJSON(base: URL, variant: WhatIfVariant) -> String {
    JSONText.object([
      ("base", .string(base.standardizedFileURL.path)),
      ("vary", .object(variant.settings.map { ($0.parameter.rawValue, .string($0.value)) })),
    ]).rendered() + "\n"
  }

  /// Reads a `whatif.json`: the base scenario's path and the variant.
  public static func readSource(_ url: URL) throws(WhatIfError) -> (base: URL, variant: WhatIfVariant) {
    guard let data = FileManager.default.contents(atPath: url.path),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let base = json["base"] as? String
    else { throw WhatIfError("\(url.path) is not a what-if record (a JSON object with `base` and `vary`).") }
    var settings: [WhatIfVariant.Setting] = []
    // Keep the order of the file: JSONSerialization loses it, so read the keys from the text.
    let text = String(decoding: data, as: UTF8.self)
    let vary = (json["vary"] as? [String: Any]) ?? [:]
    let ordered = vary.keys.sorted {
      (text.range(of: "\"\($0)\"")?.lowerBound ?? text.endIndex)
        < (text.range(of: "\"\($1)\"")?.lowerBound ?? text.endIndex)
    }
    for key in ordered {
      guard let p = WhatIfParameter(rawValue: key), let v = vary[key] as? String, p.problem(with: v) == nil else {
        throw WhatIfError("\(url.path): `vary` has an unknown parameter or value at '\(key)'.")
      }
      settings.append(.init(parameter: p, value: v))
    }
    return (URL(fileURLWithPath: base), WhatIfVariant(settings: settings))
  }
}

/// Thread-safe slots for ``WhatIf/parallelMap(count:threads:_:)``.
final class ResultBox<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [T?]
  private var cursor = 0

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard cursor < slots.count else { return nil }
    cursor += 1
    return cursor - 1
  }

  func set(_ i: Int, _ value: T) {
    lock.lock()
    slots[i] = value
    lock.unlock()
  }

  func results() -> [T] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}

/// A what-if option or record that cannot be used.
public struct WhatIfError: Error, CustomStringConvertible, Sendable {
  /// What is wrong, in the option's words.
  public var description: String
  /// An error with its message.
  public init(_ message: String) { description = message }
}
