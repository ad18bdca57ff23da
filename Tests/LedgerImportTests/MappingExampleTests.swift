@testable import LedgerEvents
@testable import LedgerImport
import Testing

/// The mapping-file line a message advises (`{"columns": {"联系电话": "ignore"}}`) is JSON that names the very
/// heading, whatever the heading holds: copied into a mapping file, it parses and maps that column. A heading with
/// a quote gave a line that was not JSON, one with an invisible character a line naming `<U+200B>` literally.
struct MappingExampleTests {
    static let headings = [
        "联系电话",
        "电话\"号码\"",
        #"车位\号"#,
        "车位\u{200B}号",
        "电话\u{00A0}",
        "备注\u{E0041}",
        "身份\n证号",
        "使用 单位",
        String(repeating: "很长的列名", count: 30),
    ]

    @Test(arguments: headings)
    func theLineParsesAndNamesTheHeading(heading: String) throws {
        let line = ImportWords.mappingExample(heading, to: "ignore")
        guard case .object(let top) = try JSONParser.parse(Array(line.utf8)),
              case .object(let columns)? = top["columns"] else {
            Issue.record("not a mapping's shape: \(line)"); return
        }
        #expect(columns.keys.map { Array($0.unicodeScalars) } == [Array(heading.unicodeScalars)], "\(line)")
        #expect(columns.values.first?.stringValue == "ignore")
        // The mapping reader accepts it and maps the heading (as the importer normalises it) to nothing.
        let mapping = try ColumnMapping(bytes: Array(line.utf8), fileName: "m.json")
        #expect(mapping.columns[RegisterVocabulary.normalizedHeading(heading)] != nil, "\(line)")
    }

    @Test func theMessagesCarryTheLine() {
        let heading = "电话\"号\u{200B}"
        let line = ImportWords.mappingExample(heading, to: "ignore")
        #expect(line == #"{"columns": {"电话\"号\u200B": "ignore"}}"#)
        for wording in [ImportWords.personalDataColumn(2, heading), ImportWords.privateNameInHeading(2, heading, name: "张三")] {
            #expect(wording.en.contains(line) && wording.zh.contains(line))
        }
        let counterparty = ImportWords.counterpartyLookalike(2, heading)
        let counterpartyLine = ImportWords.mappingExample(heading, to: "counterparty")
        #expect(counterparty.en.contains(counterpartyLine) && counterparty.zh.contains(counterpartyLine))
    }
}
