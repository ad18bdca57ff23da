import LedgerEvents
import LedgerTestSupport
import Testing

/// A list issued before session 34 named IDLE-01 with its date (`IDLE-01/A-QF-AD1/2025-01-16`, testdata/loop/
/// legacy-dated-keys-issued.jsonl: list QF-2026-01 as that release issued it). The loop reads it in the present
/// form, so the finding is still the issued one — on the log's path and on index/rectify.state's — not 待复核 beside
/// a 新发现 of the same part; a step names the key as the list issued it.
@Suite struct LegacyKeyLoopTests {
    static func ledger() throws -> CLIHarness {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        cli.clock = Timestamp(rfc3339: "2026-04-01T09:00:00Z")!
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/legacy-dated-keys-issued.jsonl",
                         "--actor", "街道办-李敏"]) == 0, "\(cli.stderr)")
        return cli
    }

    static func statuses(_ cli: CLIHarness) throws -> [String: String] {
        #expect(cli.run(["rectify", "--as-of", "2026-01-31", "--community", "C-QF", "--ledger-book", "--format", "json"]) == 0,
                "\(cli.stderr)")
        var status: [String: String] = [:]
        for e in try #require(try JSONParser.parse(cli.stdout)["entries"]?.arrayValue) {
            status[e["key"]!.stringValue!] = e["status"]!.stringValue!
        }
        return status
    }

    @Test func aDatedIdleKeyIssuedBeforeStillFindsItsFinding() throws {
        let cli = try Self.ledger()
        // Twice: the first from the log (and index/rectify.state made), the second from the state.
        for _ in 0..<2 {
            let status = try Self.statuses(cli)
            #expect(status["IDLE-01/A-QF-AD1"] == "issued")
            #expect(status["IDLE-01/A-QF-AD1/2025-01-16"] == nil)
            #expect(!status.values.contains("to_verify"))
            // The list itself (index/rectify.state's path once it is made): no issued key left unfound.
            #expect(cli.run(["rectify", "--as-of", "2026-01-31", "--community", "C-QF", "--format", "json"]) == 0, "\(cli.stderr)")
            let list = try JSONParser.parse(cli.stdout)
            #expect(list["issued_not_found"]?.arrayValue?.isEmpty == true)
            #expect(list["findings"]?.arrayValue?.contains { $0["key"]?.stringValue == "IDLE-01/A-QF-AD1" } == true)
        }
        // A step names the key as the list issued it.
        let step = #"{"type":"rectification.extended","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["IDLE-01/A-QF-AD1/2025-01-16"],"deadline":"2026-06-30","reason":"待业主大会研究盘活方案"}}"#
        #expect(cli.run(["append", "--actor", "街道办-李敏"], stdin: step + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--ledger-book", "--format", "json"]) == 0)
        let entries = try #require(try JSONParser.parse(cli.stdout)["entries"]?.arrayValue)
        let idle = try #require(entries.first { $0["key"]?.stringValue == "IDLE-01/A-QF-AD1" })
        #expect(idle["status"]?.stringValue == "issued")   // extended to 2026-06-30
    }
}
