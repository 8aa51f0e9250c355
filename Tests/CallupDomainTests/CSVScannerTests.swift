import Foundation
import Testing

@testable import CallupDomain

@Suite("Scanning CSV bytes")
struct CSVScannerTests {
  /// Every record of `text` scanned from memory: its fields and the lines it spans.
  func scan(_ text: String) -> [([String], Int)] {
    let s = CSVScanner(text: text)
    var out: [([String], Int)] = []
    while let r = s.next() { out.append((r.fields.strings, r.lines)) }
    return out
  }

  /// The same, scanned from a file read `chunk` bytes at a time.
  func scan(file: URL, chunk: Int) throws -> [([String], Int)] {
    let s = try #require(CSVScanner(path: file.path, chunk: chunk))
    var out: [([String], Int)] = []
    while let r = s.next() { out.append((r.fields.strings, r.lines)) }
    #expect(s.readError == nil)
    return out
  }

  func expectRecords(
    _ text: String, _ expected: [[String]], lines: [Int]? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let got = scan(text)
    #expect(got.map(\.0) == expected, sourceLocation: sourceLocation)
    if let lines { #expect(got.map(\.1) == lines, sourceLocation: sourceLocation) }
    // Read from a file in chunks of every small size, each record is the
    // same however the chunks cut it.
    let folder = try TempFolder()
    let file = try folder.write("t.csv", text)
    for chunk in [1, 2, 3, 5, 8, 64] {
      let fromFile = try scan(file: file, chunk: chunk)
      #expect(fromFile.map(\.0) == got.map(\.0), "chunk \(chunk)", sourceLocation: sourceLocation)
      #expect(fromFile.map(\.1) == got.map(\.1), "chunk \(chunk)", sourceLocation: sourceLocation)
    }
  }

  @Test func plainFieldsAndLineEnds() throws {
    try expectRecords("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]], lines: [1, 1])
    // CRLF, a lone CR, and no line break at the end.
    try expectRecords("a,b\r\n1,2\r3,4", [["a", "b"], ["1", "2"], ["3", "4"]], lines: [1, 1, 1])
    // A blank line is a record of one empty field; a last line break adds none.
    try expectRecords("a\n\nb\r\n\r\n", [["a"], [""], ["b"], [""]])
    // Empty fields, a comma at the very end.
    try expectRecords("a,,\n,b,", [["a", "", ""], ["", "b", ""]])
    try expectRecords("", [])
    try expectRecords("\n", [[""]])
  }

  @Test func quotedFields() throws {
    let text = "\"x, y\",\"l1\r\nl2\nl3\r\",\"say \"\"hi\"\"\"\nz,\"\",\"\"\"\"\r\n"
    try expectRecords(text, [["x, y", "l1\r\nl2\nl3\r", "say \"hi\""], ["z", "", "\""]], lines: [4, 1])
    // A quote inside an unquoted field is an ordinary character; so are
    // spaces before a quote.
    try expectRecords("ab\"c,d\n \"e\",f\n", [["ab\"c", "d"], [" \"e\"", "f"]])
    // A quoted field ends the record at a CR, a CRLF or the end.
    try expectRecords("\"a\"\r\"b\"\r\n\"c\"", [["a"], ["b"], ["c"]])
  }

  @Test func defectsAreReadLeniently() throws {
    // A character after a closing quote: the quote is kept, the character
    // (all of its bytes) dropped, and the field goes on.
    try expectRecords("\"ab\"xc\",1\n2\n", [["ab\"c", "1"], ["2"]])
    try expectRecords("\"ab\"张c\",1\n", [["ab\"c", "1"]])
    // No closing quote: the field runs to the end of the file.
    try expectRecords("a,\"bc\nd,e\n", [["a", "bc\nd,e\n"]], lines: [3])
  }

  @Test func textAndByteOrderMark() throws {
    try expectRecords("\u{FEFF}id,name\nP1,张三\n", [["id", "name"], ["P1", "张三"]])
    // Only at the start.
    try expectRecords("a\n\u{FEFF}b\n", [["a"], ["\u{FEFF}b"]])
    try expectRecords("名称,“引号”,😀\n", [["名称", "“引号”", "😀"]])
  }

  @Test func fieldsOfOneRecord() {
    let f = CSVFields(["a", " b\r", "\n c\t", "", "é"])
    #expect(f.count == 5)
    #expect(f.strings == ["a", " b\r", "\n c\t", "", "é"])
    // A cell is its field without surrounding spaces and tabs.
    #expect(f[1].string == "b\r" && f[2].string == "\n c" && f[3].isEmpty && f[4].string == "é")
    #expect(!f.hasNoValue)
    #expect(CSVFields(["", " ", "\t"]).hasNoValue)
    #expect(!CSVFields(["", "\u{0}"]).hasNoValue)
  }

  @Test func numbersReadFromBytes() {
    func cell(_ s: String) -> Cell { Cell(bytes: Array(s.utf8)[...]) }
    for s in [
      "0", "7", "-0", "+5", "-12", "366", "9999999999", "9223372036854775807", "-9223372036854775808",
      "9223372036854775808", "-", "+", "2.5", "1e3", "0x10", "١٢", "19x0", "05",
    ] {
      #expect(cell(s).int == Int(s), "\(s)")
    }
    for s in [
      "0", "35", "1200.5", "0.1", "0.3", ".5", "5.", ".", "-3", "1e3", "nan", "inf", "0x1p3", "12.345678901234",
      "123456789012345678", "0.000000000000001", "3.14159265358979", "1.2.3", "abc", "99999999999999.9",
    ] {
      let got = cell(s).double
      let want = Double(s)
      #expect(got == want || (got?.isNaN == true && want?.isNaN == true), "\(s)")
    }
  }

  @Test func longRecordsGrowTheBuffer() throws {
    let long = String(repeating: "长", count: 5000)
    try expectRecords("a,\"\(long)\n\(long)\"\nb\n", [["a", long + "\n" + long], ["b"]], lines: [2, 1])
  }

  @Test func utf8IsCheckedAcrossChunks() throws {
    let folder = try TempFolder()
    let cases: [[UInt8]] = [
      Array("ab张三😀c\r\n".utf8),
      Array("ab张".utf8) + [0xFF] + Array("c".utf8),
      Array("ab".utf8) + [0xE5, 0xBC],  // cut off at the end
      Array("a😀".utf8) + [0xF0, 0x9F, 0x98],
      Array("ab".utf8) + [0xBC, 0x80] + Array("张".utf8),
      [0xC0, 0x80],  // overlong
      Array("𠀀".utf8) + [0xED, 0xA0, 0x80],  // a surrogate
    ]
    for bytes in cases {
      let file = try folder.write("t.csv", data: Data(bytes))
      let expected = bytes.withUnsafeBytes { TextDecoding.firstInvalidUTF8($0) }
      for chunk in [4, 5, 6, 7, 1 << 20] {
        let got = TextDecoding.firstInvalidUTF8(file: file.path, chunk: chunk)
        #expect(got == .some(expected), "\(bytes) in chunks of \(chunk)")
      }
    }
    #expect(TextDecoding.firstInvalidUTF8(file: folder.path("none.csv").path) == nil)
  }
}

@Suite("Loading CSV text")
struct CSVLoadingTests {
  @Test func positionsAfterQuotedLineBreaks() throws {
    let folder = try TempFolder()
    let cadres =
      "\u{FEFF}id,name,unit,rank,gender,birth_year,party\r\n"
      + "P1,\"张\r\n三\",U1,county,M,1975,cpc\r\n"
      + "P2,\"李 \"\"四\"\", 同志\n(二行)\n\",U2,chief,F,1980,cpc\r\n"
      + "\r\n"
      + "P3,王五,U9,county,M,19x0,cpc"
    let dir = try Tiny.write(in: folder, cadres: cadres)
    let issues = loadIssues(dir)
    expectIssue(
      issues, "cadres.csv:4:4 (rank): unknown rank 'chief'; use one of provincial, bureau, county, section, staff.")
    expectIssue(issues, "cadres.csv:8:3 (unit): unknown unit 'U9'; it is not an id of units.csv.")
    expectIssue(issues, "cadres.csv:8:6 (birth_year): birth_year must be a whole number, not '19x0'.")
    #expect(issues.count == 3, "\(issues)")

    let fixed = cadres.replacingOccurrences(of: "chief", with: "section")
      .replacingOccurrences(of: "U9", with: "U2").replacingOccurrences(of: "19x0", with: "1990")
    let s = try ScenarioLoader.load(try Tiny.write(in: folder, "t", cadres: fixed)).scenario
    #expect(s.cadres.map(\.id) == ["P1", "P2", "P3"])
    #expect(s.cadres.map(\.name) == ["张\r\n三", "李 \"四\", 同志\n(二行)\n", "王五"])
  }

  @Test func gb18030WithQuotedFields() throws {
    let folder = try TempFolder()
    let dir = try Tiny.write(in: folder)
    // "张三, 同志" quoted, in GBK; then a record with an unknown rank.
    var bytes = Data("id,name,unit,rank,gender,birth_year,party\r\nP1,\"".utf8)
    bytes.append(contentsOf: [0xD5, 0xC5, 0xC8, 0xFD])
    bytes.append(Data(", x\r\ny\",U1,county,M,1975,cpc\r\nP2,".utf8))
    bytes.append(contentsOf: [0xC0, 0xEE, 0xCB, 0xC4])
    bytes.append(Data(",U1,chief,M,1975,cpc\r\n".utf8))
    try folder.write("s/cadres.csv", data: bytes)
    let issues = loadIssues(dir)
    expectIssue(issues, at: "cadres.csv:4:4 (rank)", containing: "unknown rank 'chief'")
    #expect(issues.count == 1, "\(issues)")
  }
}
