import CallupDomain
import CallupSolve
import Foundation
import Testing

/// The time limit as a promise: the search stops early enough for the
/// analysis of its plan and the settling of the hard rules to end within it.
@Suite struct AfterSearchTests {
  /// A scenario of `cadres` copies of the bundled city's first cadre.
  static func scenario(cadres: Int) throws -> Scenario {
    var s = try Bundled.scenario("demo-city")
    let first = s.cadres[0]
    s.cadres = (0..<cadres).map { i in
      var c = first
      c.id = CadreID("X\(i)")
      return c
    }
    return s
  }

  @Test func theSearchLeavesTimeInProportionToTheCadres() throws {
    let city = PlanRequest(scenario: try Self.scenario(cadres: 2_000), timeLimit: 60)
    #expect(abs(city.afterSearch - 0.04) < 1e-9)
    let province = PlanRequest(scenario: try Self.scenario(cadres: 1_000_000), timeLimit: 540)
    #expect(abs(province.afterSearch - 20) < 1e-9)
    // Never more than a tenth of the limit.
    let short = PlanRequest(scenario: try Self.scenario(cadres: 1_000_000), timeLimit: 60)
    #expect(abs(short.afterSearch - 6) < 1e-9)
  }

  @Test func theSearchsDeadlineComesThatMuchBeforeTheLimit() throws {
    let request = PlanRequest(scenario: try Self.scenario(cadres: 1_000_000), timeLimit: 540)
    let deadline = (request.options.safety.deadline - request.made).inSeconds
    #expect(abs(deadline - 520) < 0.01)
  }
}
