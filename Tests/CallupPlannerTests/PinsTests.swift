import CallupChecker
import CallupDomain
import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// Planning around pins (a re-plan's kept call-ups), as one model and in
/// blocks: the pins stay, a class they fill takes nobody else, and the
/// plan checks.
@Suite("planning around pinned call-ups")
struct PinsTests {
  @Test(arguments: [nil, 5] as [Int?])
  func pinsStayAndAFullClassTakesNobodyElse(blockSize: Int?) throws {
    let s = try Bundled.scenario("tiny")
    let first = try Planning.plan(PlanRequest(scenario: s, timeLimit: 30, mipGap: 0))
    // C03 has one seat: pinning its attendee leaves it none.
    let c03 = try #require(s.classIndex[ClassID("C03")])
    let pin = try #require(first.assignments.first { $0.klass == c03 })
    var request = PlanRequest(scenario: s, timeLimit: 30, mipGap: 0, blockSize: blockSize)
    request.pins = [pin]
    let plan = try Planning.plan(request)
    #expect(plan.method == (blockSize == nil ? .wholeModel : .blocks))
    #expect(plan.assignments.contains(pin))
    #expect(plan.assignments.filter { $0.klass == c03 }.count == 1)
    let dir = Bundled.temporaryDirectory().appendingPathComponent("pins-\(blockSize ?? 0)")
    try PlanWriter.write(plan, to: dir)
    let report = PlanChecker(scenario: s).check(planDirectory: dir)
    #expect(report.holds, "\(report.violations)")
  }
}
