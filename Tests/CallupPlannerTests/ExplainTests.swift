import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// `explain` reads a plan directory against its scenario and must give the
/// reasons the planner wrote into plan.json's `unmet`.
@Suite("explain: why a cadre is or is not called up")
struct ExplainTests {
  func explainer(_ p: DemoCity.Planned) throws -> Explainer {
    Explainer(state: try PlanState(scenario: p.scenario, record: try PlanRecord.read(p.directory)))
  }

  func unmetInFile(_ dir: URL) throws -> [String: String] {
    let r = try PlanRecord.read(dir)
    return Dictionary(uniqueKeysWithValues: r.unmet.map { ("\($0.cadre)/\($0.rule)", $0.reason) })
  }

  @Test func demoCityEveryUnmetReasonAgreesWithThePlan() throws {
    let d = try DemoCity.get()
    let mine = try explainer(d).unmetReasons().mapValues(\.rawValue)
    let planned = try unmetInFile(d.directory)
    #expect(planned.count == d.plan.kpis.due - d.plan.kpis.met)
    #expect(Set(mine.keys) == Set(planned.keys))
    for (key, reason) in planned { #expect(mine[key] == reason, "\(key)") }
    // Also through the per-cadre explanation that the command prints.
    let e = try explainer(d)
    for u in d.plan.unmet.prefix(40) {
      let x = e.explain(cadre: u.obligation.cadre)
      let o = try #require(x.obligations.first { $0.rule.info.id == u.ruleID })
      #expect(o.reason == u.reason)
      #expect(o.reasonInPlan == u.reason.rawValue)
    }
  }

  @Test func tinyEveryUnmetReasonAgreesWithThePlan() throws {
    let t = try Tiny.get()
    #expect(try explainer(t).unmetReasons().mapValues(\.rawValue) == (try unmetInFile(t.directory)))
  }

  @Test func releaseLimitNamesTheDayAndWhoIsAway() throws {
    // tiny README: U2 releases one a day; overdue P06 takes C05, so P05's professional training is unmet.
    let t = try Tiny.get()
    let e = try explainer(t)
    let s = t.scenario
    let x = e.explain(cadre: try #require(s.cadreIndex["P05"]))
    let o = try #require(x.obligations.first { $0.rule.info.id == "annual-professional" })
    #expect(o.metBy == nil && o.reason == .releaseLimit)
    let v = try #require(o.verdicts.first)
    #expect(s.classes[v.klass].id == "C05")
    guard case .releaseLimit(let day, let limit, let away) = v.obstacle else {
      Issue.record("expected the release limit, got \(v.obstacle)")
      return
    }
    #expect(day.iso == "2025-06-16" && limit == 1)
    #expect(away.map { s.cadres[$0.cadre].id.rawValue } == ["P06"])
    let text = e.text(x, language: .chinese)
    #expect(text.contains("工学矛盾——2025-06-16 示范市应急管理局 已有 1 人在训，达到单位错峰上限 1 人：P06 刘洋（C05）"))
    let en = e.text(x, language: .english)
    #expect(en.contains("release limit: on 2025-06-16 示范市应急管理局 already has 1 away, its limit of 1: P06 刘洋 (C05)"))
  }

  @Test func eachKindOfObstacleInWords() throws {
    let t = try Tiny.get()
    let e = try explainer(t)
    let s = t.scenario
    func unmet(_ cadre: String, _ rule: String) throws -> ObligationExplanation {
      let x = e.explain(cadre: try #require(s.cadreIndex[CadreID(cadre)]))
      return try #require(x.obligations.first { $0.rule.info.id.rawValue == rule })
    }
    // P08: C03 (one seat) is taken by overdue P07; C04 wants `young`, C06 township heads.
    let p08 = try unmet("P08", "systematic-leaders")
    #expect(p08.verdicts.map { s.classes[$0.klass].id.rawValue } == ["C03", "C04", "C06"])
    #expect(p08.verdicts.map(\.reason) == [.capacity, .eligibility, .eligibility])
    #expect(p08.reason == .capacity)
    // P12 is unavailable 2025-06-01..2025-07-15, over C06.
    let p12 = try unmet("P12", "township-heads")
    #expect(
      p12.verdicts.last?.obstacle
        == .unavailable(DayRange(first: Day(iso: "2025-06-01")!, last: Day(iso: "2025-07-15")!)))
    // P09 had the emergency-management theme in 2023.
    let p09 = try unmet("P09", "annual-professional")
    guard case .historyClash(let h, .sameTheme("emergency-management")) = p09.verdicts.first?.obstacle else {
      Issue.record("expected a theme clash, got \(String(describing: p09.verdicts.first?.obstacle))")
      return
    }
    #expect(h.year == 2023)
    // P13: the initial class needs three and is not held.
    #expect(try unmet("P13", "new-initial").verdicts.first?.obstacle == .notHeld)
    // P01: the professional class admits county only.
    let p01 = e.explain(cadre: try #require(s.cadreIndex["P01"]))
    #expect(e.text(p01).contains("不符合准入条件——班次只收 县处级，本人为 厅局级"))
    #expect(p01.notDue.map(\.rule.info.id) == ["systematic-team", "systematic-leaders"])
  }

  @Test func whyInTheClass() throws {
    let t = try Tiny.get()
    let e = try explainer(t)
    let s = t.scenario
    // P03: three classes, each meeting one obligation; C04 is the make-up of a never-trained cadre.
    let x = e.explain(cadre: try #require(s.cadreIndex["P03"]))
    #expect(x.attended.map { s.classes[$0.klass].id.rawValue } == ["C01", "C05", "C04"])
    #expect(
      x.attended.map { $0.meets.map { x.obligations[$0].rule.info.id.rawValue } } == [
        ["annual-rotation"], ["annual-professional"], ["systematic-leaders"],
      ])
    #expect(x.attended.allSatisfy { $0.unitShares == ["unit-fifth"] })
    let text = e.text(x, language: .english)
    #expect(
      text.contains(
        "meets the due obligation systematic-leaders (one systematic class every 5 years, at least 5 days; source 000 item 2), overdue by 5 years (never trained): a named make-up call-up"
      ))
    #expect(text.contains("the class admits ranks county (the cadre: county), tags young (the cadre has young)"))
  }

  @Test func aHandEditedPlanIsExplainedAsItNowStands() throws {
    // Take P03 out of C04 by hand: its systematic obligation is now unmet. C03
    // is full, and C04 (still marked held) has free seats: the reason is capacity.
    let t = try Tiny.get()
    let dir = Bundled.temporaryDirectory().appendingPathComponent("edited")
    try FileManager.default.copyItem(at: t.directory, to: dir)
    let file = dir.appendingPathComponent("plan.json")
    var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    let assignments = try #require(json["assignments"] as? [[String: Any]])
    let kept = assignments.filter { !($0["cadre"] as? String == "P03" && $0["class"] as? String == "C04") }
    #expect(kept.count == assignments.count - 1)
    json["assignments"] = kept
    try JSONSerialization.data(withJSONObject: json).write(to: file)
    let e = Explainer(state: try PlanState(scenario: t.scenario, record: try PlanRecord.read(dir)))
    let s = t.scenario
    let x = e.explain(cadre: try #require(s.cadreIndex["P03"]))
    let o = try #require(x.obligations.first { $0.rule.info.id == "systematic-leaders" })
    #expect(o.metBy == nil && o.reason == .capacity && o.reasonInPlan == nil)
    #expect(o.verdicts.map(\.obstacle) == [.full(capacity: 1), .cost(seatCost: 3000, free: 5), .notAdmitted])
    #expect(e.text(x).contains("成本——尚有 5 个空位，单位可放人，但计划未选（每人费用 3,000 元；或求解在允许差距内停止）"))
  }

  @Test func aPlanFromAnotherScenarioIsRefused() throws {
    let t = try Tiny.get()
    let city = try Bundled.scenario("demo-city")
    #expect(throws: PlanReadError.self) {
      _ = try PlanState(scenario: city, record: try PlanRecord.read(t.directory))
    }
  }
}
