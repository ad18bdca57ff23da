import LedgerCLI
import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct CoreCommandTests {
    static let events = """
    {"id":"a1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C-1","name":"一","street":"S","residents_committee":"R","total_area_m2":"100.00","total_owners":1}}
    {"id":"a2","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F-2","community_id":"C-1","kind":"other","account":"n2"}}
    {"id":"a3","type":"community.registered","occurred_on":"2024-01-04","data":{"community_id":"C-3","name":"三","street":"S","residents_committee":"R","total_area_m2":"100.00","total_owners":3}}

    """

    @Test func initRefusesToOverwrite() {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["init"]) == 2)
        #expect(cli.stderr.contains("already exists and is not empty; `ledger init` never overwrites"))
    }

    @Test func appendLogAndVerifyRoundTrip() {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["append"], stdin: Self.events) == 0)
        #expect(cli.stdout.hasPrefix("appended 3 record(s): seq 1–3\n"))
        #expect(cli.run(["log", "--type", "community.registered"]) == 0)
        #expect(cli.stdout == """
        1  2024-01-02  community.registered  a1  test-clerk  {"community_id":"C-1","name":"一","residents_committee":"R","street":"S","total_area_m2":"100.00","total_owners":1}
        3  2024-01-04  community.registered  a3  test-clerk  {"community_id":"C-3","name":"三","residents_committee":"R","street":"S","total_area_m2":"100.00","total_owners":3}

        """)
        #expect(cli.run(["log", "--from", "2", "--to", "2", "--json"]) == 0)
        #expect(cli.stdout.hasPrefix("{\"hash\":") && cli.stdout.contains("\"seq\":2,") && cli.stdout.hasSuffix("}\n"))
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.stdout.contains("status: intact\nrecords: 3\n"))
        #expect(cli.run(["verify", "--json"]) == 0)
        #expect(cli.stdout.contains("\"status\":\"intact\""))
    }

    @Test func verifyExitsOneAndNamesTheFirstBadRecordOfAnEditedLog() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: Self.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var text = String(decoding: TestLedger.logBytes(directory), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"n2\"", with: "\"n9\"")
        TestLedger.writeLog(Array(text.utf8), to: directory)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("status: INTEGRITY FAILURE\nfirst bad record: seq 2, line 2"))
        #expect(cli.run(["verify", "--json"]) == 1)
        #expect(cli.stdout.contains("\"kind\":\"hash_mismatch\"") && cli.stdout.contains("\"seq\":2"))
        // Nothing can be appended to a tampered ledger.
        #expect(cli.run(["append"], stdin: #"{"type":"x","occurred_on":"2024-01-01","data":{}}"#) == 1)
        #expect(cli.run(["log"]) == 1)
    }

    @Test func badInputRejectsTheWholeBatch() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        let input = Self.events + #"{"type":"x","occurred_on":"2024-13-01","data":{}}"# + "\n"
        #expect(cli.run(["append"], stdin: input) == 2)
        #expect(cli.stderr.contains("stdin:4: field \"occurred_on\""))
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)).isEmpty)
    }

    @Test func expectSeqConflictChangesNothing() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: Self.events)
        #expect(cli.run(["append", "--expect-seq", "2"], stdin: #"{"type":"x","occurred_on":"2024-01-01","data":{}}"#) == 2)
        #expect(cli.stderr.contains("--expect-seq 2 but the ledger's last seq is 3"))
        #expect(cli.run(["append", "--expect-seq", "3", "--json"], stdin: #"{"type":"fund.opened","occurred_on":"2024-01-05","data":{"fund_id":"F-4","community_id":"C-1","kind":"other","account":"n4"}}"#) == 0)
        #expect(cli.stdout.contains("\"last_seq\":4"))
    }

    @Test func usageErrorsExitTwoAndHelpExistsForEveryCommand() {
        let cli = CLIHarness()
        #expect(cli.run(["frobnicate"]) == 2)
        #expect(cli.run(["verify", "--bogus"]) == 2)
        #expect(cli.stderr.contains("has no option --bogus"))
        #expect(cli.run(["verify"]) == 2)
        #expect(cli.stderr.contains("is not a ledger"))
        for command in LedgerCLI.commands {
            #expect(cli.run([command.name, "--help"]) == 0)
            #expect(cli.stdout.hasPrefix("Usage: ledger \(command.name)"), "help of \(command.name)")
        }
        #expect(cli.run(["--help"], addLedger: false) == 0)
    }
}
