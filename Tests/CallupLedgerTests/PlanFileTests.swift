import CallupDomain
import Foundation
import Testing

@testable import CallupLedger

/// The ledger reads plans with the product's plan reader and refuses what
/// it cannot publish whole.
@Suite("Ledger: reading a plan to publish")
struct PlanFileTests {
  func read(_ json: String) throws -> PlanFile {
    let dir = try TempFolder()
    let file = try dir.write("plan.json", json)
    return try PlanFile.read(file)
  }

  @Test func aWholePlanIsRead() throws {
    let p = try read(
      #"{"scenario": "s", "year": 2025, "horizon": 2, "status": "feasible", "assignments": [{"cadre": "P1", "class": "C1", "year": 2026}]}"#
    )
    #expect(p.scenario == "s" && p.year == 2025 && p.horizon == 2 && p.status == "feasible")
    #expect(p.assignments == [PlanFile.Assignment(cadre: "P1", classID: "C1", year: 2026)])
    #expect(p.hash.count == 64)
  }

  @Test func whatPublishingNeedsMustBeThere() throws {
    func message(_ json: String) -> String {
      do {
        _ = try read(json)
        return "read"
      } catch {
        return "\(error)"
      }
    }
    #expect(message(#"{"assignments": []}"#).contains("plan.json has no `year`"))
    #expect(message(#"{"year": 2025}"#).contains("plan.json has no `assignments`"))
    #expect(
      message(#"{"year": 2025, "assignments": [{"cadre": "P1", "class": "C1"}, {"cadre": "P2"}]}"#)
        .contains("plan.json's assignments[1] has no class"))
    #expect(message("{").contains("is not valid JSON"))
  }
}
