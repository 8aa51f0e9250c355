import CallupPlan
import CallupReports
import CallupSolve
import Foundation
import Testing

/// report.html of the demo city in a real browser: headless Chromium loads
/// it with no console message (there is no script to fail), every chart's
/// `<svg>` is in the rendered DOM, in Chinese and in English, and a
/// screenshot is taken (kept under the temporary folder, path in the test
/// output). CI installs Chromium through scripts/setup; without it on PATH
/// these tests are reported as skipped.
@Suite(
  "report.html in headless Chromium",
  .enabled(if: Chromium.path != nil, "chromium is not on PATH (scripts/setup installs it)"))
struct ReportBrowserTests {
  func render(_ language: ReportLanguage) throws -> (html: String, file: URL) {
    let d = try DemoCity.get()
    let html = ReportHTML(plan: d.plan, language: language).render()
    let file = Bundled.temporaryDirectory().appendingPathComponent("report-\(language.rawValue).html")
    try html.write(to: file, atomically: true, encoding: .utf8)
    return (html, file)
  }

  @Test(arguments: ReportLanguage.allCases)
  func everyChartIsInTheRenderedPage(language: ReportLanguage) throws {
    let (html, file) = try render(language)
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
    let dom = try Chromium.run(["--dump-dom"], file: file)
    #expect(dom.status == 0, "\(dom.stderr.suffix(2000))")
    for id in ReportHTML.chartIDs {
      #expect(dom.stdout.contains("<svg id=\"\(id)\""), "no chart \(id) in the \(language) DOM")
    }
    // The charts have their marks: one bar per class in the calendar, cells in the heat map.
    let d = try DemoCity.get()
    let calendar = try #require(section(dom.stdout, from: "<svg id=\"chart-calendar\"", to: "</svg>"))
    #expect(calendar.components(separatedBy: "<g><title>").count - 1 == d.plan.classesInYear.count)
    let heat = try #require(section(dom.stdout, from: "<svg id=\"chart-absence\"", to: "</svg>"))
    #expect(heat.components(separatedBy: "<rect ").count - 1 == d.scenario.units.count * 53)
    // Labels in the page's language.
    if language == .chinese {
      #expect(dom.stdout.contains("<html lang=\"zh-CN\">"))
      for label in ["目标完成情况", "班次日历（按周）", "应训任务覆盖情况", "单位在训人数（热力图）", "点名调训名单（补训）", "未安排的应训任务（按原因）", "费用构成"] {
        #expect(dom.stdout.contains(label), "no \(label)")
      }
    } else {
      #expect(dom.stdout.contains("<html lang=\"en\">"))
      for label in [
        "Targets", "Class calendar (by week)", "Coverage of due obligations", "Unit absence over the year",
        "Make-up list",
        "Unmet obligations by reason", "Cost breakdown",
      ] {
        #expect(dom.stdout.contains(label), "no \(label)")
      }
      #expect(!dom.stdout.contains("班次日历"))
    }
    // No console message: no script, nothing that fails to load.
    let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    #expect(console.isEmpty, "\(console)")
  }

  @Test(arguments: ReportLanguage.allCases)
  func screenshot(language: ReportLanguage) throws {
    let (_, file) = try render(language)
    let png = file.deletingPathExtension().appendingPathExtension("png")
    let r = try Chromium.run(["--screenshot=\(png.path)", "--window-size=1400,4000", "--hide-scrollbars"], file: file)
    #expect(r.status == 0, "\(r.stderr.suffix(2000))")
    let data = try Data(contentsOf: png)
    // A PNG of the window's size: signature, then IHDR with width and height.
    #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    let bytes = [UInt8](data.prefix(24))
    let width = bytes[16...19].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20...23].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1400 && height == 4000)
    #expect(data.count > 100_000, "a blank page compresses to far less")
    print("report screenshot (\(language.rawValue)): \(png.path)")
  }

  func section(_ text: String, from start: String, to end: String) -> Substring? {
    guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else {
      return nil
    }
    return text[a.lowerBound..<b.upperBound]
  }
}
