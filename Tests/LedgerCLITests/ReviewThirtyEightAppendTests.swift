import Foundation
import LedgerCLI
import LedgerEvents
import LedgerTestSupport
import Testing

/// Review 38f (`ledger append`'s domain checks): a part registered on a day after its registration's own date, and a
/// step after a finding's closure (销号), were accepted; the first hid the part from IDLE-01, the second took a
/// closed key out of 已销号 without a new list.
@Suite struct ReviewThirtyEightAppendTests {
    static func registration(_ id: String, asset: String, occurred: String, registered: String) -> String {
        #"{"id":"\#(id)","type":"asset.registered","occurred_on":"\#(occurred)","data":{"asset_id":"\#(asset)","community_id":"C-HY","kind":"parking","name":"地面车位\#(asset)","location":"3号楼东侧","area_m2":"12.50","registered_on":"\#(registered)","source":{"kind":"manual"}}}"#
    }

    @Test func aRegistrationDatedAfterItsEventIsRefused() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        let before = try cli.logBytes()
        #expect(cli.run(["append", "--actor", "t", "--lang", "en"], stdin: Self.registration("rb", asset: "A-HY-P04", occurred: "2025-07-01", registered: "2026-07-01") + "\n") == 2)
        #expect(cli.stderr.contains(#"field "data.registered_on": 2026-07-01 is after this event's date 2025-07-01"#), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "t", "--lang", "zh"], stdin: Self.registration("rb", asset: "A-HY-P04", occurred: "2025-07-01", registered: "2026-07-01") + "\n") == 2)
        #expect(cli.stderr.contains("2026-07-01 晚于本事件的日期 2025-07-01；登记日期不能晚于登记事件的发生日期"), "\(cli.stderr)")
        // An all-ASCII registration is held to the rule too (the door's quick filter lets most ASCII payloads by).
        let ascii = #"{"id":"rd","type":"asset.registered","occurred_on":"2025-07-01","data":{"asset_id":"A-HY-P06","community_id":"C-HY","kind":"parking","name":"P06","location":"East","area_m2":"12.50","registered_on":"2025-07-02","source":{"kind":"manual"}}}"#
        #expect(cli.run(["append", "--actor", "t", "--lang", "en"], stdin: ascii + "\n") == 2)
        #expect(cli.stderr.contains(#"field "data.registered_on": 2025-07-02 is after this event's date 2025-07-01"#), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // An attribute of that name (sorted before the member) does not stand in for it (review 38g).
        let shadowed = #"{"id":"re","type":"asset.registered","occurred_on":"2025-07-01","data":{"asset_id":"A-HY-P07","attributes":{"registered_on":"2020-01-01"},"community_id":"C-HY","kind":"parking","name":"P07","location":"East","area_m2":"12.50","registered_on":"2025-07-02","source":{"kind":"manual"}}}"#
        #expect(cli.run(["append", "--actor", "t", "--lang", "en"], stdin: shadowed + "\n") == 2)
        #expect(cli.stderr.contains("2025-07-02 is after this event's date 2025-07-01"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // On or before the event's date: accepted.
        let good = [Self.registration("ra", asset: "A-HY-P03", occurred: "2025-07-01", registered: "2025-07-01"),
                    Self.registration("rc", asset: "A-HY-P05", occurred: "2025-07-01", registered: "2024-03-01")]
        #expect(cli.run(["append", "--actor", "t"], stdin: good.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
    }

    /// After `verified closed`, a report, a re-check or an extension of the key is refused until a new list issues it.
    @Test(arguments: [
        #"{"id":"s1","type":"rectification.reported","occurred_on":"2026-03-20","data":{"list_id":"QF-2026-01","keys":["OCC-01/A-QF-COR/O-QF-COR/2025-03-10"],"reported_by":"物业服务企业","measures":"再次报告","evidence":[{"kind":"voucher","ref":"QF-SJ-2026-0320"}]}}"#,
        #"{"id":"s1","type":"rectification.verified","occurred_on":"2026-03-20","data":{"list_id":"QF-2026-01","keys":["OCC-01/A-QF-COR/O-QF-COR/2025-03-10"],"result":"closed","verified_by":"八大关街道 王强"}}"#,
        #"{"id":"s1","type":"rectification.verified","occurred_on":"2026-03-20","data":{"list_id":"QF-2026-01","keys":["OCC-01/A-QF-COR/O-QF-COR/2025-03-10"],"result":"rejected","reason":"复查","verified_by":"八大关街道 王强"}}"#,
    ])
    func aStepAfterClosureIsRefused(line: String) throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: true)
        cli.clock = Timestamp(rfc3339: "2026-04-01T09:00:00Z")!
        let before = try cli.logBytes()
        #expect(cli.run(["append", "--actor", "街道办-李敏", "--lang", "en"], stdin: line + "\n") == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains(#""OCC-01/A-QF-COR/O-QF-COR/2025-03-10" was closed (销号) on 2026-01-28"#), "\(cli.stderr)")
        #expect(cli.stderr.contains("issue it again in a new list to reopen it"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// Review 39: a closure appended with a date before a recorded report of its key (CON-07's report of 2026-02-22)
    /// was refused with "correct the closure if it was recorded by mistake" — of a closure not recorded yet. It is
    /// told to be dated on or after the report's date.
    @Test func aBackDatedClosureIsToldToBeDatedAfterTheStep() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: true)
        cli.clock = Timestamp(rfc3339: "2026-04-01T09:00:00Z")!
        let before = try cli.logBytes()
        func closure(_ day: String) -> String {
            #"{"id":"cl1","type":"rectification.verified","occurred_on":"\#(day)","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-BSMT"],"result":"closed","verified_by":"八大关街道 王强"}}"#
        }
        #expect(cli.run(["append", "--actor", "街道办-李敏", "--lang", "en"], stdin: closure("2026-02-20") + "\n") == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains(#""CON-07/K-QF-BSMT" would be closed (销号) on 2026-02-20 by event cl1 of this batch, before the recorded report or re-check of 2026-02-22"#)
                && cli.stderr.contains("date the closure on or after 2026-02-22") && !cli.stderr.contains("correct the closure"), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "街道办-李敏", "--lang", "zh"], stdin: closure("2026-02-20") + "\n") == 2)
        #expect(cli.stderr.contains("请把销号日期定在 2026-02-22 当天或之后") && !cli.stderr.contains("请更正该记录"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["append", "--actor", "街道办-李敏"], stdin: closure("2026-02-22") + "\n") == 0, "\(cli.stdout)\(cli.stderr)")
    }
}
