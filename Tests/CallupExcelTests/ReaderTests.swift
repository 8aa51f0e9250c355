@testable import CallupExcel
import Foundation
import Testing
import ZIPFoundation

/// Zips the given parts (path → XML) into a workbook file.
func makeWorkbook(_ parts: [String: String], at url: URL) throws {
  let archive = try Archive(url: url, accessMode: .create)
  for (path, xml) in parts.sorted(by: { $0.key < $1.key }) {
    let data = Data(xml.utf8)
    try archive.addEntry(
      with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
    ) { position, size in
      data.subdata(in: Int(position)..<Int(position) + size)
    }
  }
}

@Suite struct Reading {
  /// A workbook as other programs write it: namespace prefixes, a sheet
  /// found through an absolute relationship target, rich and phonetic text,
  /// Excel's `_xHHHH_` escapes, cells without references, formulas, booleans,
  /// errors, the 1904 date system and custom date formats.
  static let parts: [String: String] = [
    "xl/workbook.xml": """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
      <x:workbookPr date1904="1"/>
      <x:sheets><x:sheet name="干部&amp;名册" sheetId="7" r:id="rId9"/><x:sheet name="第二" sheetId="2" r:id="rId2"/></x:sheets>
    </x:workbook>
    """,
    "xl/_rels/workbook.xml.rels": """
    <?xml version="1.0" encoding="UTF-8"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/>
      <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/first.xml"/>
      <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
      <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
    </Relationships>
    """,
    "xl/strings.xml": """
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
      <si><t>id</t></si>
      <si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">建国 </t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si>
      <si><t>a_x000D_b &lt;c&gt; _x005F_x0041_</t></si>
    </sst>
    """,
    "xl/styles.xml": """
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="&quot;day&quot; 0"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="4"/><xf numFmtId="165"/></cellXfs>
    </styleSheet>
    """,
    "xl/worksheets/first.xml": """
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>内联</t></is></c></row>
        <!-- row 2 is missing -->
        <row r="3"><c t="s"><v>1</v></c><c><v>28</v></c><c><v>0.30000000000000004</v></c><c s="3"><v>1.5E-2</v></c><c s="4"><v>7</v></c></row>
        <row r="4"><c t="b"><v>1</v></c><c t="str"><f>A1&amp;"x"</f><v>idx</v></c><c t="e"><v>#N/A</v></c><c s="1"><v>0</v></c><c s="2"><v>366.75</v></c></row>
        <row r="5"><c r="A5" s="1"/><c r="B5"/></row>
        <row r="6"><c r="AB6" t="s"><v>2</v></c></row>
        <row r="7"><c r="A7" t="d"><v>2025-04-07T00:00:00</v></c><c r="B7"><![CDATA[ignored]]></c></row>
      </sheetData>
    </worksheet>
    """,
    "xl/worksheets/other.xml": """
    <worksheet><sheetData><row><c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row></sheetData></worksheet>
    """,
  ]

  @Test func readsWhatOtherProgramsWrite() throws {
    let folder = try TempFolder()
    let url = folder.path("other.xlsx")
    try makeWorkbook(Self.parts, at: url)
    let book = try XLSXReader(url: url)
    #expect(book.sheetNames == ["干部&名册", "第二"])
    let rows = try book.rows()
    #expect(rows.map(\.number) == [1, 3, 4, 6, 7])
    #expect(rows[0].cells == ["id", "", "内联"])
    #expect(rows[1].cells == ["张建国 ", "28", "0.3", "0.015", "7"])
    #expect(rows[2].cells == ["TRUE", "idx", "#N/A", "1904-01-01", "1905-01-01"])
    #expect(rows[3].cells.count == 28 && rows[3].cells[27] == "a\rb <c> _x0041_")
    #expect(rows[4].cells == ["2025-04-07"])
    #expect(try book.rows(sheet: 1) == [XLSXRow(number: 1, cells: ["富文本"])])
  }

  @Test func damagedWorkbooksAreErrors() throws {
    let folder = try TempFolder()
    var parts = Self.parts
    parts["xl/worksheets/first.xml"] =
      "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"2\"><c t=\"s\"><v>1"
    let url = folder.path("cut.xlsx")
    try makeWorkbook(parts, at: url)
    let book = try XLSXReader(url: url)
    var seen: [XLSXRow] = []
    do {
      try book.readRows { seen.append($0) }
      Issue.record("a sheet cut short must be an error")
    } catch {
      #expect(error.message.contains("xl/worksheets/first.xml is not well-formed XML"))
    }
    #expect(seen == [XLSXRow(number: 1, cells: ["id"])])

    parts["xl/worksheets/first.xml"] = nil
    let missing = folder.path("missing.xlsx")
    try makeWorkbook(parts, at: missing)
    #expect(throws: XLSXReadError.self) { try XLSXReader(url: missing).rows() }

    let noWorkbook = folder.path("plain.zip")
    try makeWorkbook(["hello.txt": "hi"], at: noWorkbook)
    do {
      _ = try XLSXReader(url: noWorkbook)
      Issue.record("a zip without a workbook must be an error")
    } catch {
      #expect(error.message == "not an .xlsx workbook (it has no xl/workbook.xml)")
    }
  }

  @Test func dateSerials() {
    #expect(ExcelDate.iso(serial: 1) == "1900-01-01")
    #expect(ExcelDate.iso(serial: 59) == "1900-02-28")
    #expect(ExcelDate.iso(serial: 60) == "1900-02-29")  // Excel's phantom day
    #expect(ExcelDate.iso(serial: 61) == "1900-03-01")
    #expect(ExcelDate.iso(serial: 45754) == "2025-04-07")
    #expect(ExcelDate.iso(serial: 45754.99) == "2025-04-07")
    #expect(ExcelDate.iso(serial: 2_958_465) == "9999-12-31")
    #expect(ExcelDate.iso(serial: 2_958_466) == nil)
    #expect(ExcelDate.iso(serial: 0) == nil)
    #expect(ExcelDate.iso(serial: -3) == nil)
    #expect(ExcelDate.iso(serial: .nan) == nil)
    #expect(ExcelDate.iso(serial: 0, date1904: true) == "1904-01-01")
    #expect(ExcelDate.iso(serial: 44292, date1904: true) == "2025-04-07")
    #expect(ExcelDate.components(iso: "2024-02-29").map { [$0.year, $0.month, $0.day] } == [2024, 2, 29])
    #expect(ExcelDate.components(iso: "2025-02-29") == nil)
    #expect(ExcelDate.components(iso: "2025-4-7") == nil)
  }

  @Test func dateFormatCodes() {
    #expect(StylesHandler.isDateFormat("yyyy\\-mm\\-dd"))
    #expect(StylesHandler.isDateFormat("yyyy\"年\"m\"月\"d\"日\""))
    #expect(StylesHandler.isDateFormat("[$-F800]dddd, mmmm dd, yyyy"))
    #expect(!StylesHandler.isDateFormat("#,##0.00"))
    #expect(!StylesHandler.isDateFormat("\"day\" 0"))
    #expect(!StylesHandler.isDateFormat("[Red]0.00"))
    #expect(!StylesHandler.isDateFormat("h:mm:ss"))
  }

  @Test func columnLetters() {
    #expect(XLSXColumnName.letters(0) == "A")
    #expect(XLSXColumnName.letters(25) == "Z")
    #expect(XLSXColumnName.letters(26) == "AA")
    #expect(XLSXColumnName.letters(16383) == "XFD")
    #expect(XLSXColumnName.index(ofReference: "XFD1048576") == 16383)
    #expect(XLSXColumnName.index(ofReference: "ab6") == 27)
    #expect(XLSXColumnName.index(ofReference: "14") == nil)
  }

  @Test func xmlEntitiesAndReferences() {
    let bytes = Array("a &lt;&gt;&amp;&quot;&apos; &#20013;&#x6587; &bogus; & end".utf8)
    #expect(XMLScanner.decode(bytes, 0, bytes.count) == "a <>&\"' 中文 &bogus; & end")
  }
}
