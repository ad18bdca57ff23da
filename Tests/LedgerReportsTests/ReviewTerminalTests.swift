import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerRules
import LedgerTestSupport
import Testing

/// Review: the terminal table must not let imported text forge findings (line breaks) or drive the terminal
/// (escape sequences, bidi overrides).
@Suite struct ReviewTerminalTests {
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

@Suite struct ReviewShowTerminalTests {
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
