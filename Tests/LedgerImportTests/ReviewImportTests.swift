import LedgerEvents
import LedgerImport
import LedgerPlatform
import Testing

/// Review findings for the register importer.
@Suite struct ReviewImportTests {
    /// A UTF-8 register (English headings) with one cell typed in GBK must not be read as GB18030 as a whole:
    /// every UTF-8 Chinese cell would silently become mojibake. It is refused as a mixed file instead.
    @Test func utf8FileWithOneGBKCellIsNotDecodedAsGB18030() throws {
        var bytes = Array("id,community,kind,name,location,area,registered_on\n".utf8)
        bytes += Array("A-1,C-1,车位,地下车位一号,东门内侧,12.5,2024-03-01\n".utf8)
        bytes += Array("A-2,C-1,地下室,地下车位二号,西门内侧,12.5,2024-03-01\n".utf8)
        bytes += Array("A-3,C-1,".utf8) + [0xB3, 0xB5, 0xCE, 0xBB] + Array(",车位3,东门,12.5,2024-03-01\n".utf8)  // GBK 车位
        do {
            let result = try Fixture.run(bytes)
            Issue.record("accepted as \(result.encoding) with \(result.plan.report.counts.new) new rows")
        } catch {
            guard case .mixedEncoding = error else { Issue.record("unexpected error \(error)"); return }
        }
    }

    /// A GB18030 file whose text happens to pair up as UTF-8 (很 = BA DC, so BA DC BA DC … is mostly DC BA pairs)
    /// is still GB18030: it decodes as GB18030 throughout.
    @Test func gb18030TextThatLooksLikeUTF8PairsStaysGB18030() throws {
        let text = "id,community,kind,name,location,area,registered_on\nA-1,C-1,车位," + String(repeating: "很", count: 200)
            + ",东门,12.5,2024-03-01\n"
        let result = try Fixture.run(TextEncoder.gb18030(text)!)
        #expect(result.encoding == .gb18030)
        #expect(result.plan.report.counts.new == 1)
    }

    /// Two entries of a mapping file that name the same heading (after normalisation) but different fields are
    /// a contradiction, not a choice to make silently.
    @Test func mappingWithContradictoryHeadingsIsRefused() {
        let text = #"{"columns": {"资产 代码": "id", "资产代码": "name"}}"#
        #expect(throws: ImportError.self) { try ColumnMapping(bytes: Array(text.utf8), fileName: "m.json") }
        let kinds = #"{"kinds": {"机械 车位": "parking", "机械-车位": "roof"}}"#
        #expect(throws: ImportError.self) { try ColumnMapping(bytes: Array(kinds.utf8), fileName: "m.json") }
    }
}

/// Messages quote a GB18030 cell as its characters, not as UTF-8 replacement characters.
@Suite struct ReviewImportMessageTests {
    @Test func strayQuoteInAGB18030FileQuotesTheDecodedValue() throws {
        let text = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-1,车位,车\"位,东门,12,2024-01-01\n"
        let result = try Fixture.run(TextEncoder.gb18030(text)!)
        #expect(result.encoding == .gb18030)
        let messages = result.plan.report.problems.map { "\($0)" }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("\"车\"位\" has a stray quote") == true)
    }
}

/// Line numbers in messages count CR-only line ends inside quoted cells too (Excel's "CSV (Macintosh)").
@Suite struct ReviewCSVLineTests {
    @Test func unterminatedQuoteNamesItsLineInACROnlyFile() throws {
        let text = "h1,h2\r\"a\rb\rc\",\"never closed\rmore"
        for chunk in [1, 2, 5, 100] {
            var reader = CSVReader(source: MemoryByteSource(Array(text.utf8), chunkSize: chunk), displayName: "f.csv", delimiter: nil)
            var record = CSVRecord()
            do {
                while try reader.next(into: &record) {}
                Issue.record("no error")
            } catch {
                guard case .unterminatedQuote(_, let row, let column, let line) = error else { Issue.record("\(error)"); continue }
                #expect(row == 2 && column == 1 && line == 4, "chunk \(chunk)")
            }
        }
        // CR LF inside a quoted cell is one line break.
        var reader = CSVReader(source: MemoryByteSource(Array("h\r\n\"a\r\nb\"\r\nc\r\n".utf8), chunkSize: 1), displayName: "f", delimiter: nil)
        var record = CSVRecord()
        var lines: [Int] = []
        while try reader.next(into: &record) { lines.append(record.lineNumber) }
        #expect(lines == [1, 2, 4])
    }
}
