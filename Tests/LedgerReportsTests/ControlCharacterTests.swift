import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerRules
import LedgerTestSupport
import Testing

/// Control characters from imported names (ESC sequences, BEL, NUL, C1 controls, bidi overrides) are shown
/// neutralised in every format, the same way the text table shows them (issue 18, item 9).
@Suite struct ControlCharacterTests {
    /// ESC [ 2 J (clear screen), BEL, NUL, DEL, C1 CSI, a right-to-left override and an isolate.
    static let hostile = "A\u{1B}[2J\u{07}B\u{0}C\u{7F}D\u{9B}31mE\u{202E}F\u{2066}G"
    static let forbidden: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{0}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{2066}"]

    static func report() throws -> RectificationReport {
        func line(_ id: String, _ type: String, _ date: String, _ data: [String: JSONValue]) -> String {
            CanonicalJSON.string(.object(["id": .string(id), "type": .string(type), "occurred_on": .string(date), "data": .object(data)]))
        }
        let lines = [
            line("e1", "community.registered", "2024-01-01", [
                "community_id": .string("C-X"), "name": .string(hostile), "street": .string(hostile),
                "residents_committee": .string("居委会"), "total_area_m2": .string("1000.00"), "total_owners": .integer(10)]),
            line("e2", "asset.registered", "2024-01-01", [
                "asset_id": .string("A-X"), "community_id": .string("C-X"), "kind": .string("parking"),
                "name": .string(hostile), "location": .string("L"), "area_m2": .string("10.00"),
                "registered_on": .string("2024-01-01"), "source": .object(["kind": .string("manual")])]),
            line("e3", "occupation.reported", "2024-02-01", [
                "occupation_id": .string("O-X"), "asset_id": .string("A-X"), "occupant": .string(hostile),
                "description": .string(hostile + "\nsecond line")]),
        ]
        let records = try SampleRecords.records(lines: lines)
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: "2024-12-31")!),
                                            policy: Policy())
        return RectificationReport(stamp: LedgerStamp(recordCount: 3, headHash: records.last!.hash.hex), rectification: rectification,
                                   language: .zh)
    }

    static func expectClean(_ text: String, _ format: String) {
        for scalar in forbidden {
            #expect(!text.unicodeScalars.contains(scalar), "\(format) holds U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        #expect(text.contains("A\u{FFFD}") && text.contains("2J\u{FFFD}B"), "\(format) shows the neutralised name")
    }

    @Test(arguments: ["table", "md", "html", "csv"])
    func everyFormatNeutralises(_ format: String) throws {
        let report = try Self.report()
        let text: String
        switch format {
        case "table": text = report.table()
        case "md": text = report.markdown()
        case "html": text = report.html()
        default: text = String(decoding: report.csv(), as: UTF8.self)
        }
        Self.expectClean(text, format)
    }

    @Test func csvNeutralisesFormulasAfterLeadingWhitespace() {
        for text in [" =1+1", "  +1", "\u{3000}=1", " @SUM(A1)", "\u{A0}-1", " ＝1"] {
            #expect(CSVTable.neutralise(text).hasPrefix("'"), "\(text.debugDescription) is not neutralised")
        }
        #expect(CSVTable.neutralise(" 海韵小区") == " 海韵小区")
        #expect(CSVTable.neutralise("") == "")
    }

    @Test func theOneNeutraliserKeepsTextAndReplacesControls() {
        #expect(DisplayText.neutralised("海韵 1号楼", lineBreaks: .keep) == "海韵 1号楼")
        #expect(DisplayText.neutralised("a\tb\nc", lineBreaks: .keep) == "a\tb\nc")
        #expect(DisplayText.neutralised("a\tb\nc\r\nd", lineBreaks: .toSpace) == "a b c d")
        #expect(DisplayText.neutralised("a\r\nb\rc", lineBreaks: .keep) == "a\nb\u{FFFD}c")
        #expect(DisplayText.neutralised(Self.hostile, lineBreaks: .keep)
                == "A\u{FFFD}[2J\u{FFFD}B\u{FFFD}C\u{FFFD}D\u{FFFD}31mE\u{FFFD}F\u{FFFD}G")
        for value: UInt32 in [0, 0x1B, 0x7F, 0x80, 0x9F, 0x202A, 0x202E, 0x2066, 0x2069] {
            #expect(DisplayText.isUnsafe(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
        for value: UInt32 in [0x20, 0x41, 0xA0, 0x4E00, 0x2029, 0x2065, 0x206A] {
            #expect(!DisplayText.isUnsafe(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
    }
}

/// the terminal table must not let imported text forge findings (line breaks) or drive the terminal
/// (escape sequences, bidi overrides).
@Suite struct TerminalTableTests {
    static let forged = "车位\n\n[2] 提示 OCC-99 伪造\r\u{1B}[2K\u{1B}]0;title\u{07}\u{9B}31m\u{202E}txt"

    static func report() throws -> RectificationReport {
        func line(_ id: String, _ type: String, _ date: String, _ data: [String: JSONValue]) -> String {
            CanonicalJSON.string(.object(["id": .string(id), "type": .string(type), "occurred_on": .string(date), "data": .object(data)]))
        }
        let lines = [
            line("e1", "community.registered", "2024-01-01", [
                "community_id": .string("C-X"), "name": .string(forged), "street": .string("街道\n伪造"),
                "residents_committee": .string("R"), "total_area_m2": .string("1000.00"), "total_owners": .integer(10)]),
            line("e2", "asset.registered", "2024-01-01", [
                "asset_id": .string("A-X"), "community_id": .string("C-X"), "kind": .string("parking"),
                "name": .string(forged), "location": .string("L"), "area_m2": .string("10.00"),
                "registered_on": .string("2024-01-01"), "source": .object(["kind": .string("manual")])]),
            line("e3", "occupation.reported", "2024-02-01", [
                "occupation_id": .string("O-X"), "asset_id": .string("A-X"), "occupant": .string(forged),
                "description": .string("d\nd")]),
        ]
        let records = try SampleRecords.records(lines: lines)
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: "2024-12-31")!),
                                            policy: Policy())
        return RectificationReport(stamp: LedgerStamp(recordCount: 3, headHash: records.last!.hash.hex), rectification: rectification)
    }

    @Test func tableHasNoControlCharactersOrForgedLines() throws {
        let report = try Self.report()
        #expect(report.rectification.findings.count == 1)
        let text = report.table()
        for scalar in text.unicodeScalars where scalar != "\n" {
            #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)), "control U+\(String(scalar.value, radix: 16))")
            #expect(!(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value), "bidi control")
        }
        let lines = text.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("[2]") }, "imported text forged a finding line")
        #expect(!lines.contains { $0.hasPrefix("伪造") })
    }

    @Test func textTableCellsCannotBreakRows() {
        var table = TextTable(headers: ["a", "b"])
        table.append(["x\ny", "\u{1B}[31mred"])
        let out = table.render()
        #expect(out.split(separator: "\n").count == 3)
        #expect(!out.unicodeScalars.contains("\u{1B}"))
    }
}

@Suite struct ShowTerminalTests {
    @Test func showSummaryQuotesImportedNamesSafely() throws {
        let records = try SampleRecords.records(lines: [
            #"{"id":"e1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-X","name":"甲\n伪造行\u001B[2K","street":"S","residents_committee":"R","total_area_m2":"1000.00","total_owners":10}}"#,
        ])
        let p = Projection(records: records, asOf: CalendarDate(iso: "2024-12-31")!)
        let out = String(decoding: ProjectionReports.show(id: "C-X", entries: [], projection: p, format: .table), as: UTF8.self)
        #expect(!out.unicodeScalars.contains("\u{1B}"))
        #expect(!out.split(separator: "\n").contains { $0.hasPrefix("伪造行") })
    }
}
