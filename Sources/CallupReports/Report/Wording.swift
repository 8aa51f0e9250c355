import CallupDomain
import CallupPlan
import CallupRules

/// Words for the vocabularies in the planners' language (Chinese) or in English.
extension ReportLanguage {
  /// `zh` or `en` text, by language.
  public func pick(_ zh: String, _ en: String) -> String { self == .chinese ? zh : en }

  /// A reason of the contract's `unmet` list in plain words.
  public func words(_ r: UnmetReason) -> String {
    switch r {
    case .capacity: pick("名额不足", "class full")
    case .releaseLimit: pick("工学矛盾（单位错峰限制）", "unit release limit")
    case .cost: pick("成本", "cost")
    case .classNotHeld: pick("班次未开班", "class not held")
    case .duplicate: pick("重复或冲突调训", "duplicate or clash")
    case .unavailable: pick("本人不能参训", "cadre unavailable")
    case .eligibility: pick("无适合班次", "no eligible class")
    case .timing: pick("规定时限内无适合班次", "no class in the rule's dates")
    }
  }

  /// A class kind in words.
  public func words(_ k: ClassKind) -> String { self == .chinese ? k.label : k.rawValue }

  /// A rank in words.
  public func words(_ r: Rank) -> String { self == .chinese ? r.label : r.rawValue }

  /// The colour charts use for a class kind.
  static func color(_ k: ClassKind) -> String {
    switch k {
    case .rotation: "#3b7dd8"
    case .systematic: "#c8553d"
    case .professional: "#2a9d8f"
    case .reading: "#d4a017"
    case .appointment: "#8e6bbf"
    case .initial: "#e07b39"
    case .special: "#6c757d"
    case .online: "#7cb342"
    }
  }

  /// The colour charts use for an unmet reason.
  static func color(_ r: UnmetReason) -> String {
    switch r {
    case .capacity: "#c8553d"
    case .releaseLimit: "#e07b39"
    case .cost: "#6c757d"
    case .classNotHeld: "#8e6bbf"
    case .duplicate: "#d4a017"
    case .unavailable: "#2a9d8f"
    case .eligibility: "#3b7dd8"
    case .timing: "#b5651d"
    }
  }
}

/// Words and marks for targets (quota, group-share and class-count figures).
extension ReportLanguage {
  /// A target's status in words: 达标 / 不足 / 超出.
  public func words(_ s: TargetStatus) -> String {
    switch s {
    case .met: pick("达标", "met")
    case .short: pick("不足", "short")
    case .over: pick("超出", "over")
    }
  }

  /// A status word of plan.json (`met`, `short`, `over`) in words; other words as written.
  public func statusWords(_ status: String) -> String {
    TargetStatus(rawValue: status).map(words) ?? status
  }

  /// What a target counts, for a reader: the programme or group's name; a
  /// class-count rule's classes held or its seats.
  public func name(of t: Target) -> String {
    switch t.kind {
    case .quota, .group: t.name
    case .classes: pick("开班数", "classes held")
    case .seats: pick("参训人数", "seats")
    }
  }

  /// `hard` or `soft` in words.
  public func hardness(_ hard: Bool) -> String { hard ? pick("刚性", "hard") : pick("柔性", "soft") }

  /// The colour of a target's status.
  static func color(_ s: TargetStatus) -> String {
    switch s {
    case .met: "#1a7f37"
    case .short: "#b42318"
    case .over: "#c77800"
    }
  }
}

/// How a target's range is written: `90–110`, `≥ 450` when open above, `≤ 20` from 0.
public enum TargetRangeText {
  public static func text(lo: Int?, hi: Int?) -> String {
    switch (lo, hi) {
    case (let lo?, nil): "≥ \(lo)"
    case (0, let hi?): "≤ \(hi)"
    case (let lo?, let hi?): lo == hi ? "\(lo)" : "\(lo)–\(hi)"
    case (nil, let hi?): "≤ \(hi)"
    case (nil, nil): "–"
    }
  }

  public static func text(_ r: TargetRange) -> String { text(lo: r.lo, hi: r.hi) }
}
