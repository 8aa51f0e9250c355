import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// The allocation table (名额分配表): each unit's seats per class, named
/// for classes by name, held for the unit to fill for classes by allocation.
@Suite("allocation table")
struct AllocationTests {
  @Test func seatsAddUpPerClassAndAllocationClassesNameNobody() throws {
    var s = try Bundled.scenario("tiny")
    s.allocation = AllocationSettings(kinds: [.rotation], classes: [ClassID("C05")])
    let plan = try Planning.plan(PlanRequest(scenario: s, timeLimit: 30, mipGap: 0))
    let rows = plan.allocation
    #expect(!rows.isEmpty)
    var perClass: [Int: Int] = [:]
    for r in rows { perClass[r.klass, default: 0] += r.seats }
    #expect(perClass == plan.attendees.filter { $0.value > 0 })
    for r in rows {
      let k = s.classes[r.klass]
      let byAllocation = k.kind == .rotation || k.id == "C05"
      #expect(r.named == (byAllocation ? 0 : r.seats), "\(k.id) \(r.unit)")
      #expect(r.seats == plan.assignments.filter { $0.klass == r.klass && s.cadres[$0.cadre].unit == r.unit }.count)
    }
    let dir = Bundled.temporaryDirectory().appendingPathComponent("allocation")
    try PlanWriter.write(plan, to: dir)
    let csv = try String(contentsOf: dir.appendingPathComponent("allocation.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "class,class_name,institution,start,end,unit,unit_name,seats,named")
    #expect(lines.count == rows.count + 1)
    let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("id=\"allocation-table\""))
    #expect(html.contains(">C05*</th>") && html.contains(">C03</th>"))
    #expect(PlanChecker(scenario: s).check(planDirectory: dir).holds)
  }
}
