import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 44a #2 (rest), ledger-spec.md 10.4 rule 13: a `rectification.issued` key naming, besides its item, an id
/// the list's records do not hold — a spending's event id, an occupation, a use, a contract edited by hand — was
/// accepted (only its item and date were checked) and stood 待复核 for ever. Each is refused now, saying what the
/// ledger holds under the id; the keys the sample's list issued, with a `#2`, are accepted as before.
@Suite struct IssuedSubjectTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let key: String
        /// Appended (its own batch) before the list, which is made at seq 134 all the same.
        var before: String? = nil
        /// nil: accepted.
        let message: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a spending the ledger does not hold", key: "FUND-02/F-QF-MF/ev-9999/2025-03-15",
             message: "\"FUND-02/F-QF-MF/ev-9999/2025-03-15\" is not a finding of list L-S: the ledger holds no spending, transfer or income record ev-9999; a key of FUND-02 names the spending, transfer or income it is about, by its record's event id, after the item"),
        Case(name: "an inspection's id where a spending is named", key: "FUND-02/F-QF-MF/ev-0063/2025-03-15",
             message: "ev-0063 names record seq 63, of type inspection.recorded, not a spending, transfer or income record"),
        Case(name: "an occupation the ledger does not hold", key: "OCC-01/A-QF-COR/O-NONE/2025-03-10",
             message: "the ledger holds no occupation O-NONE; a key of OCC-01 names the occupation it is about, by its id, after the item"),
        Case(name: "neither a use nor an inspection", key: "OCC-02/A-QF-P01/ev-NONE/2025-06-15",
             message: "the ledger holds no use or inspection record ev-NONE"),
        Case(name: "a spending's id where OCC-02 names an inspection", key: "OCC-02/A-QF-P01/ev-0062/2025-06-15",
             message: "ev-0062 names record seq 62, of type fund.spending, not a use or inspection record"),
        Case(name: "a use the ledger does not hold", key: "CON-06/K-QF-AD1/U-NONE/2025-06-15",
             message: "the ledger holds no use U-NONE"),
        Case(name: "an earlier contract the ledger does not hold", key: "CON-08/K-QF-AD1/K-NONE/2025-06-15",
             message: "the ledger holds no contract K-NONE"),
        Case(name: "a spending recorded after the list's records", key: "FUND-01/F-QF-MF/ev-late/2025-12-20",
             before: #"{"id":"ev-late","type":"fund.spending","occurred_on":"2025-12-20","data":{"fund_id":"F-QF-MF","amount_fen":1000,"counterparty":"某公司","voucher":"LATE-1","purpose":"门禁维修","purpose_category":"repair"}}"#,
             message: "spending, transfer or income record ev-late is recorded by record seq 135, after the records the list was made from (at_seq 134)"),
        Case(name: "the list's own keys", key: "OCC-02/A-QF-P01/ev-0068/2025-06-15", message: nil),
        Case(name: "a spending it names", key: "FUND-02/F-QF-MF/ev-0062/2025-03-15", message: nil),
        Case(name: "an occupation it names, second of its key", key: "OCC-01/A-QF-COR/O-QF-COR/2025-03-10#2", message: nil),
        Case(name: "a gap of the disclosed periods", key: "FUND-08/F-QF-MF/gap/2024-07-06", message: nil),
    ]

    static func list(_ key: String) -> String {
        #"{"id":"L-S","type":"rectification.issued","occurred_on":"2026-01-05","data":{"list_id":"L-S","community_id":"C-QF","as_of":"2026-01-05","at_seq":134,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":""#
            + key + #"","responsible":"r","deadline":"2026-02-10"}]}}"#
    }

    /// Refused at `data.items[0].key` naming the id and what the ledger holds, the ledger unchanged; or accepted.
    @Test(arguments: cases)
    func aKeysSubjectIsARecordOfTheList(_ c: Case) throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        cli.clock = Timestamp(rfc3339: "2026-01-06T02:03:04Z")!
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        var records = 134
        if let before = c.before {
            #expect(cli.run(["append", "--allow-twins"], stdin: before + "\n") == 0, "\(cli.stderr)")
            records += 1
        }
        let status = cli.run(["append"], stdin: Self.list(c.key) + "\n")
        guard let message = c.message else {
            #expect(status == 0, "\(cli.stderr)")
            return
        }
        #expect(status == 2)
        #expect(cli.stderr.contains("field \"data.items[0].key\""), "\(cli.stderr)")
        #expect(cli.stderr.contains(message), "\(cli.stderr)")
        #expect(cli.run(["verify"]) == 0 && cli.stdout.contains("records: \(records)"))
    }

    /// An event id may hold "/": a key `rectify --issue` wrote for spending `2025/S-1` (FUND-05, whose keys may name a
    /// part too) is read every way its parts allow and accepted; one naming no record still is refused (review 45d #5).
    @Test func anEventIdHoldingASlashIsReadAsOneId() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        cli.clock = Timestamp(rfc3339: "2026-01-06T02:03:04Z")!
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        let spending = #"{"id":"2025/S-1","type":"fund.spending","occurred_on":"2025-12-20","data":{"fund_id":"F-QF-MF","amount_fen":1000,"counterparty":"某公司","voucher":"SL-1","purpose":"门禁维修","purpose_category":"caused_damage"}}"#
        #expect(cli.run(["append", "--allow-twins"], stdin: spending + "\n") == 0, "\(cli.stderr)")
        let list = { (key: String) in Self.list(key).replacingOccurrences(of: #""at_seq":134"#, with: #""at_seq":135"#) }
        #expect(cli.run(["append"], stdin: list("FUND-05/F-QF-MF/2025/S-9/2025-12-20") + "\n") == 2)
        #expect(cli.stderr.contains("the ledger holds no spending, transfer or income record 2025"), "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: list("FUND-05/F-QF-MF/2025/S-1/2025-12-20") + "\n") == 0, "\(cli.stderr)")
    }

    /// The same refusal in Chinese, and through the whole log's check (no `index/checks.state`: `LEDGER_SCOPES` does
    /// not matter; the state removed before the append).
    @Test func inChineseAndWithoutTheStoredChecks() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        cli.clock = Timestamp(rfc3339: "2026-01-06T02:03:04Z")!
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        try? PosixFile.remove(cli.ledgerPath + "/index/checks.state")
        #expect(cli.run(["append", "--lang", "zh"], stdin: Self.list("OCC-01/A-QF-COR/O-NONE/2025-03-10") + "\n") == 2)
        #expect(cli.stderr.contains("“OCC-01/A-QF-COR/O-NONE/2025-03-10”不是清单 L-S 所列的问题：账本中没有编号为 O-NONE 的占用"), "\(cli.stderr)")
    }
}
