import CallupDomain
import Foundation
import Testing

@Suite("CSVDocument: the one CSV reader for files read whole")
struct CSVDocumentTests {
  @Test func recordsKeepTheLineTheyStartOn() throws {
    let text = "\u{FEFF}cadre,note\r\nP1,\"two\nlines\"\r\n\r\n,,\nP2,\"a \"\"quote\"\"\"\n"
    let d = try CSVDocument.parse(Data(text.utf8))
    #expect(d.header == ["cadre", "note"])
    #expect(
      d.records == [.init(line: 2, fields: ["P1", "two\nlines"]), .init(line: 6, fields: ["P2", "a \"quote\""])])
  }

  @Test func gb18030IsReadAsSpreadsheetsSaveIt() throws {
    // "name\nU1,张三" with 张三 in GBK bytes.
    var data = Data("name\r\nU1,".utf8)
    data.append(contentsOf: [0xD5, 0xC5, 0xC8, 0xFD])
    data.append(Data("\r\n".utf8))
    let d = try CSVDocument.parse(data)
    #expect(d.header == ["name"] && d.records.first?.fields == ["U1", "张三"])
  }

  @Test func defectsNameTheirLine() {
    #expect(throws: CSVDocument.ReadError.self) { try CSVDocument.parse(Data()) }
    do {
      _ = try CSVDocument.parse(Data("a,b\n1,2\n3,\"open\n4,5\n".utf8))
      Issue.record("an unclosed quote was accepted")
    } catch {
      #expect(error.line == 3 && error.message.contains("never closed"))
    }
    do {
      _ = try CSVDocument.parse(Data([0x61, 0x0A, 0x62, 0xFF, 0xFE, 0x0A]))
      Issue.record("bytes that are neither UTF-8 nor GB18030 were accepted")
    } catch {
      #expect(error.line == 2 && error.message.contains("neither UTF-8 nor GB18030"))
    }
  }
}
