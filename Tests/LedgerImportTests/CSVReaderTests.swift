import LedgerEvents
import LedgerPlatform
import LedgerImport
import Testing

/// Splitting bytes into records: RFC 4180 quoting, line ends, BOM, separators, chunk boundaries.
struct CSVReaderTests {
    struct Parsed: Equatable {
        var rows: [[String]]
        var rowNumbers: [Int]
        var lineNumbers: [Int]
        var problems: [[CSVCellProblem]]
    }

    static func parse(_ bytes: [UInt8], delimiter: CSVDelimiter? = nil, chunkSize: Int = 1 << 20) throws(ImportError)
        -> (Parsed, CSVPreamble) {
        var reader = CSVReader(source: MemoryByteSource(bytes, chunkSize: chunkSize), displayName: "t.csv",
                               delimiter: delimiter)
        var record = CSVRecord()
        var parsed = Parsed(rows: [], rowNumbers: [], lineNumbers: [], problems: [])
        while try reader.next(into: &record) {
            parsed.rows.append((0..<record.fieldCount).map { String(decoding: record.field($0), as: UTF8.self) })
            parsed.rowNumbers.append(record.rowNumber)
            parsed.lineNumbers.append(record.lineNumber)
            parsed.problems.append(record.problems)
        }
        return (parsed, reader.preamble)
    }

    static func rows(_ text: String, delimiter: CSVDelimiter? = nil) throws -> [[String]] {
        try parse(Array(text.utf8), delimiter: delimiter).0.rows
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let rows: [[String]]
        var testDescription: String { input.debugDescription }
    }

    static let cases: [Case] = [
        Case(input: "a,b,c\n1,2,3\n", rows: [["a", "b", "c"], ["1", "2", "3"]]),
        Case(input: "a,b,c\r\n1,2,3\r\n", rows: [["a", "b", "c"], ["1", "2", "3"]]),
        Case(input: "a,b,c\r1,2,3\r", rows: [["a", "b", "c"], ["1", "2", "3"]]),
        Case(input: "a,b", rows: [["a", "b"]]),
        Case(input: "a,\"b,c\",d\n", rows: [["a", "b,c", "d"]]),
        Case(input: "\"say \"\"hi\"\"\",x\n", rows: [["say \"hi\"", "x"]]),
        Case(input: "\"line1\nline2\",x\r\n", rows: [["line1\nline2", "x"]]),
        Case(input: "\"line1\r\nline2\",x\r\n", rows: [["line1\r\nline2", "x"]]),
        Case(input: ",,\n", rows: [["", "", ""]]),
        Case(input: "\"\",\"\"\n", rows: [["", ""]]),
        Case(input: "a\n\nb\n", rows: [["a"], [""], ["b"]]),
        Case(input: "编号,名称\nA-1,\"地下车位,B1\"\n", rows: [["编号", "名称"], ["A-1", "地下车位,B1"]]),
        Case(input: "a\tb\tc\n1\t\"2\t3\"\t4\n", rows: [["a", "b", "c"], ["1", "2\t3", "4"]]),
    ]

    @Test(arguments: cases)
    func splitsRecords(_ c: Case) throws {
        #expect(try Self.rows(c.input) == c.rows)
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        let input = Array("\u{FEFF}编号,名称,备注\r\n\"A-1\",\"地下车位,B1\",\"x\"\"y\"\r\nA-2,屋顶,\"多\n行\"\r\n".utf8)
        let (whole, preamble) = try Self.parse(input)
        #expect(preamble.hasUTF8BOM)
        for size in 1...12 {
            let (chunked, _) = try Self.parse(input, chunkSize: size)
            #expect(chunked == whole, "chunk size \(size)")
        }
    }

    @Test func rowNumbersCountRecordsAndLineNumbersCountLines() throws {
        let (parsed, _) = try Self.parse(Array("h1,h2\n\"a\nb\nc\",x\nd,e\n".utf8))
        #expect(parsed.rowNumbers == [1, 2, 3])
        #expect(parsed.lineNumbers == [1, 2, 5])
    }

    @Test func detectsTabOrCommaFromTheHeader() throws {
        #expect(try Self.parse(Array("a\tb\tc,d\n".utf8)).1.delimiter == .tab)
        #expect(try Self.parse(Array("a,b,c\td\n".utf8)).1.delimiter == .comma)
        #expect(try Self.parse(Array("\"a\t\t\",b\n".utf8)).1.delimiter == .comma)
        #expect(try Self.rows("a\tb,c\n", delimiter: .comma) == [["a\tb", "c"]])
    }

    @Test func reportsStrayQuotesAndTextAfterClosingQuote() throws {
        let (parsed, _) = try Self.parse(Array("a,b\nx\"y,\"p\"q\n".utf8))
        #expect(parsed.rows[1] == ["x\"y", "pq"])
        #expect(parsed.problems[1] == [CSVCellProblem(kind: .strayQuote, fieldIndex: 0),
                                       CSVCellProblem(kind: .textAfterClosingQuote, fieldIndex: 1)])
    }

    @Test func unterminatedQuoteStopsTheFileNamingWhereItOpened() throws {
        let error = #expect(throws: ImportError.self) { try Self.parse(Array("a,b\n1,2\n3,\"open\n4,5\n".utf8)) }
        #expect(error == .unterminatedQuote(file: "t.csv", row: 3, column: 1, openedOnLine: 3))
        #expect(error?.description == "t.csv: row 3, column B: a quoted cell opened on line 3 is never closed, so the "
            + "rest of the file would be read as one cell. Add the closing \" (write a quote inside a quoted cell as \"\"), "
            + "then import again.")
    }

    /// Review 47b: a file cut mid-row (`12` left of `1234.5`, `2024-03-1` of `2024-03-12`) was read as whole. The last
    /// of several rows without a line break is refused naming it; a file of one row, and a last row ending in CR LF,
    /// LF, a lone CR or inside a closed quote followed by a line break, are read.
    @Test(arguments: [
        ("a,b\r\n1,2\r\n3,12", 3), ("a,b\n1,2\n3,\"2024-03-1\"", 3), ("a,b\n3,4", 2), ("a,b\r1,2\r3,4", 3),
    ])
    func aLastRowWithoutALineBreakAfterOthersIsCutShort(_ text: String, _ row: Int) throws {
        let error = #expect(throws: ImportError.self) { try Self.parse(Array(text.utf8)) }
        #expect(error == .cutShort(file: "t.csv", row: row))
        #expect(error?.description.contains("row \(row), the file's last row, ends without a line break") == true)
        #expect(error?.message.zh.contains("第 \(row) 行是文件的最后一行，它没有以换行结束") == true)
    }

    @Test(arguments: ["a,b\r\n1,2\r\n", "a,b\n1,2\n", "a,b\r1,2\r", "a,b", "a,b\n\"1\",\"x\ny\"\n"])
    func aFileWhoseRowsAllEndIsRead(_ text: String) throws {
        #expect(throws: Never.self) { try Self.parse(Array(text.utf8)) }
    }

    @Test func overlongCellIsRefusedWithTheLimit() throws {
        let input = Array("a\n\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: Limits.csvFieldBytesMax + 1)
        let error = #expect(throws: ImportError.self) { try Self.parse(input) }
        #expect(error?.description.contains("longer than 65536 bytes (limit csvFieldBytesMax)") == true)
        #expect(error?.description.contains("opened with a quote on line 2") == true)
    }

    @Test func refusesWorkbooksAndUTF16() throws {
        let xlsx = #expect(throws: ImportError.self) { try Self.parse([0x50, 0x4B, 0x03, 0x04, 0, 0]) }
        #expect(xlsx?.description.hasPrefix("t.csv: not a CSV file: it is an Excel or WPS workbook (.xlsx)") == true)
        let utf16 = #expect(throws: ImportError.self) { try Self.parse([0xFF, 0xFE, 0x41, 0x00]) }
        #expect(utf16?.description.contains("UTF-16") == true)
    }

    @Test func hashesEveryByteOfTheFile() throws {
        let input = Array("\u{FEFF}a,b\r\n1,2\r\n".utf8)
        var reader = CSVReader(source: HashingByteSource(MemoryByteSource(input, chunkSize: 3)), displayName: "t.csv", delimiter: nil)
        var record = CSVRecord()
        while try reader.next(into: &record) {}
        #expect(reader.source.digest().hex == SHA256Hex.of(input))
        #expect(reader.source.byteCount == Int64(input.count))
    }

    /// Random records written with CSVWriter and read back must be identical, for many seeds, both separators
    /// and random chunk sizes.
    @Test func seededRandomRoundTrip() throws {
        let alphabet: [String] = ["a", "Z", "0", " ", ",", "\t", "\"", "\n", "\r\n", "\r", "车", "位", "㎡", "䶮", "é", "'"]
        for seed in UInt64(1)...200 {
            var random = SplitMix64(seed: seed)
            let delimiter: CSVDelimiter = random.below(2) == 0 ? .comma : .tab
            let columns = 1 + random.below(6)
            var records: [[String]] = []
            for _ in 0..<(1 + random.below(20)) {
                var record: [String] = []
                for _ in 0..<columns {
                    var cell = ""
                    for _ in 0..<random.below(8) { cell += alphabet[random.below(alphabet.count)] }
                    record.append(cell)
                }
                records.append(record)
            }
            var bytes: [UInt8] = random.below(2) == 0 ? [0xEF, 0xBB, 0xBF] : []
            let lineEnd: [UInt8] = random.below(2) == 0 ? [13, 10] : [10]
            for record in records { CSVWriter.appendRecord(record, delimiter: delimiter.byte, lineEnd: lineEnd, to: &bytes) }
            let (parsed, _) = try Self.parse(bytes, delimiter: delimiter, chunkSize: 1 + random.below(64))
            #expect(parsed.rows == records, "seed \(seed)")
            #expect(parsed.problems.allSatisfy { $0.isEmpty }, "seed \(seed)")
        }
    }
}

enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String { SHA256.digest(bytes).hex }
}

/// What `CSVWriter` writes (a rejects file, a report's CSV), `CSVReader` reads back cell for cell: the one
/// quoting rule and the reader agree on separators, quotes, line ends inside cells and edge spaces.
@Suite struct CSVWriterRoundTripTests {
    static let awkward: [[String]] = [
        ["编号", "名称", "备注"],
        ["A-1", "车位, 东区", "他说 \"好\""],
        ["A-2", " 前后有空格 ", "第一行\n第二行"],
        ["A-3", "", "CR\r\nLF and a lone\rCR"],
        ["A-4", "\"", "tab\there"],
        ["A-5", "=1+1", "最后一格"],
    ]

    @Test(arguments: [CSVDelimiter.comma, .tab], [[UInt8(10)], [13, 10]])
    func writerOutputReadsBack(delimiter: CSVDelimiter, lineEnd: [UInt8]) throws {
        var bytes: [UInt8] = []
        for row in Self.awkward { CSVWriter.appendRecord(row, delimiter: delimiter.byte, lineEnd: lineEnd, to: &bytes) }
        let (parsed, _) = try CSVReaderTests.parse(bytes, delimiter: delimiter)
        #expect(parsed.rows == Self.awkward)
        #expect(parsed.problems.allSatisfy { $0.isEmpty })
    }

    /// Cells are quoted only when they must be, so a plain register stays plain.
    @Test func plainCellsAreNotQuoted() {
        var bytes: [UInt8] = []
        CSVWriter.appendRecord(["A-1", "车位", "12.50"], delimiter: UInt8(ascii: ","), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "A-1,车位,12.50\n")
    }
}
