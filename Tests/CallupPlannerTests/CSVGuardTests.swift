import CallupPlan
import Foundation
import Testing

/// CSVs for people never carry a cell a spreadsheet would run as a formula.
@Suite("CSV text: formula guard")
struct CSVGuardTests {
  @Test func formulasGetAnApostropheNumbersDoNot() {
    #expect(CSVText.guarded("=HYPERLINK(\"http://x\",\"点我\")") == "'=HYPERLINK(\"http://x\",\"点我\")")
    for f in ["+1+2", "-1+2", "@SUM(A1)", "\tx", "\rx", "-", "+"] { #expect(CSVText.guarded(f) == "'" + f) }
    for f in ["-3", "+12.5", "-0.5", "赵敏", "P001", "", "a=b"] { #expect(CSVText.guarded(f) == f) }
    #expect(CSVText.guarded("'=x") == "''=x" && CSVText.guarded("'abc") == "''abc")
  }

  @Test func readingBackGivesTheFieldAgain() {
    for f in ["=A1", "-1+2", "'=x", "'abc", "-3", "赵敏", "@me", "''", "'"] {
      #expect(CSVText.unguarded(CSVText.guarded(f)) == f, "\(f)")
    }
  }

  @Test func aRowIsQuotedAfterTheGuard() {
    var csv = CSVText(header: ["name", "n"])
    csv.append(["=HYPERLINK(\"a\",\"b\")", "-2"])
    #expect(csv.text == "name,n\n\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\",-2\n")
  }

  /// A field with a line break is quoted whatever the break: a CR LF pair
  /// is one Character in Swift, and still a line break in a CSV.
  @Test func everyLineBreakIsQuoted() {
    for f in ["a\r\nb", "a\nb", "a\rb", "甲,乙", "say \"hi\""] {
      var csv = CSVText(header: ["x"])
      csv.append([f])
      #expect(csv.text == "x\n\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n", "\(f)")
    }
  }
}
