import Foundation
import Yams

/// Reads a policy file (`policies/*.yaml`): a `name`, a `rules` list and
/// optional `objective` weights, as docs/contract.md describes.
///
/// ```swift
/// let policy = try PolicyLoader.load(URL(fileURLWithPath: "policies/default.yaml"))
/// ```
public enum PolicyLoader {
  /// Loads and validates the policy at `url`.
  ///
  /// - Throws: `InputError` listing every defect with file, line and column.
  public static func load(_ url: URL) throws(InputError) -> Policy {
    var ignored: [InputIssue] = []
    return try load(url, warnings: &ignored)
  }

  /// Loads the policy at `url` and appends to `warnings` one note per rule of
  /// a type that is read but not planned (quota, group-share, timing).
  public static func load(_ url: URL, warnings: inout [InputIssue]) throws(InputError) -> Policy {
    let issues = IssueLog()
    let policy = read(url, file: url.relativePath, issues: issues)
    guard let policy, issues.isEmpty else { throw InputError(issues.finish()) }
    warnings += RuleParser.notPlannedWarnings(policy.rules)
    return policy
  }

  /// Parses policy YAML text; `file` names it in messages.
  public static func parse(yaml: String, file: String = "policy.yaml") throws(InputError) -> Policy {
    let issues = IssueLog()
    let policy = YAMLSource.compose(text: yaml, file: file, issues: issues).flatMap {
      parse($0, source: YAMLSource(file: file, issues: issues), defaultName: "policy")
    }
    guard let policy, issues.isEmpty else { throw InputError(issues.finish()) }
    return policy
  }

  /// Notes for the rules of `policy` that this version reads but does not plan.
  public static func notPlannedWarnings(_ policy: Policy) -> [InputIssue] {
    RuleParser.notPlannedWarnings(policy.rules)
  }

  // MARK: Internal

  /// Reads the policy file, logging its defects; nil when nothing usable was read.
  static func read(_ url: URL, file: String, issues: IssueLog, checkSingletons: Bool = true) -> Policy? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      issues.add(SourceLocation(file: file), "the policy file does not exist.")
      return nil
    }
    guard let root = YAMLSource.compose(url, file: file, issues: issues) else { return nil }
    return parse(
      root, source: YAMLSource(file: file, issues: issues), defaultName: url.deletingPathExtension().lastPathComponent,
      checkSingletons: checkSingletons)
  }

  static func parse(_ root: Node, source s: YAMLSource, defaultName: String, checkSingletons: Bool = true) -> Policy? {
    guard let map = s.mapping(root, what: "a policy file") else { return nil }
    map.rejectUnknownKeys(["name", "rules", "objective", "rotation"], in: "the policy file")
    var name = defaultName
    if let n = map["name"], let t = s.string(n, key: "name") { name = t }
    var rules: [Rule] = []
    if let n = map["rules"] {
      rules = RuleParser.rules(n, source: s)
    } else if !map.has("rules") {
      s.error(root, "the policy file has no `rules:` list.")
    }
    if checkSingletons { RuleParser.checkSingletons(rules, issues: s.issues) }
    var objective = ObjectiveWeights()
    if let n = map["objective"] { objective = RuleParser.objective(n, source: s) }
    var rotation = RotationSettings()
    if let n = map["rotation"] { rotation = RuleParser.rotation(n, source: s) }
    return Policy(name: name, rules: rules, objective: objective, rotation: rotation)
  }
}
