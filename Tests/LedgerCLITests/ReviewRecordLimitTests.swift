import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The writer must never write a record that `ledger verify` rejects. Verify limits a JSON string to 64 KiB as
/// written (escapes included); the input parser counts decoded bytes, and GB18030 text grows by half in UTF-8.
@Suite struct ReviewRecordLimitTests {
    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
    }

    @Test func appendRefusesAStringThatEscapesBeyondTheLimit() throws {
        let cli = ReviewImportCommandTests().ledger()
        let before = try logBytes(cli)
        let quotes = String(repeating: "\\\"", count: 40_000)   // 40,000 bytes decoded, 80,000 as written
        let line = #"{"id":"x1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-2","name":""#
            + quotes + #"","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
        #expect(cli.run(["append"], stdin: line + "\n") == 2)
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["verify"]) == 0)
    }

    /// The boundary itself (ledger-spec.md section 2): 65,536 bytes as written is stored; one escaped quote more,
    /// 65,536 bytes decoded but 65,537 written, passes the input parser and is refused by the writer, naming the event.
    @Test func theStringLimitIsExactlySixtyFourKiBAsWritten() throws {
        let cli = ReviewImportCommandTests().ledger()
        func line(_ id: String, _ name: String) -> String {
            #"{"id":""# + id + #"","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":""# + id
                + #"","name":""# + name + #"","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
        }
        #expect(cli.run(["append"], stdin: line("C-65536", String(repeating: "a", count: 65_536)) + "\n") == 0)
        let before = try logBytes(cli)
        #expect(cli.run(["append"], stdin: line("C-65537", String(repeating: "a", count: 65_535) + #"\""#) + "\n") == 2)
        #expect(cli.stderr.contains("event C-65537 would make a record that verification rejects"))
        #expect(cli.stderr.contains("string longer than 65536 bytes as written (limit stringBytesMax)"))
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["verify"]) == 0)
    }

    @Test func anActorOfWhiteSpaceOnlyIsRefused() throws {
        let cli = ReviewImportCommandTests().ledger()
        let before = try logBytes(cli)
        let event = #"{"id":"x2","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-3","name":"n","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
        #expect(cli.run(["append", "--actor", "\u{3000}"], stdin: event + "\n") == 2)
        #expect(cli.stderr.contains("is empty or only white space"))
        let withActor = event.replacingOccurrences(of: #""id":"x2","#, with: #""id":"x2","actor":" ","#)
        #expect(cli.run(["append"], stdin: withActor + "\n") == 2)
        #expect(cli.stderr.contains("field \"actor\""))
        #expect(try logBytes(cli) == before)
    }

    @Test func importRefusesAGB18030CellThatGrowsBeyondTheLimitInUTF8() throws {
        let cli = ReviewImportCommandTests().ledger()
        let before = try logBytes(cli)
        let big = String(repeating: "很", count: 30_000)  // 60,000 bytes in GB18030, 90,000 in UTF-8
        let text = "编号,小区,类型,名称,位置,面积,登记日期,附加\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1," + big + "\n"
        try PosixFile.writeAtomically(TextEncoder.gb18030(text)!, to: cli.temp.path + "/g.csv")
        #expect(cli.run(["import", "assets", "g.csv"]) == 2)
        #expect(cli.stdout.contains("g.csv: row 2, column H \"附加\""))
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["verify"]) == 0)
    }
}
