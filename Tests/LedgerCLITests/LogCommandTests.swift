import LedgerTestSupport
import Testing

/// `ledger log` reads through the one reader of committed records (LogScanner.committedBatches).
@Suite struct LogCommandTests {
    @Test func toEndsAtThatSeqEvenInsideABatch() {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["log", "--from", "2", "--to", "2", "--raw"]) == 0)
        #expect(cli.stdout.hasPrefix("2  2024-01-03  fund.opened  a2  clerk  "))
        #expect(cli.stdout.split(separator: "\n").count == 1)
        #expect(cli.run(["log", "--to", "1", "--json"]) == 0)
        #expect(cli.stdout.split(separator: "\n").count == 1 && cli.stdout.contains("\"seq\":1,"))
        #expect(cli.run(["log", "--type", "community.registered", "--json"]) == 0)
        #expect(cli.stdout.split(separator: "\n").count == 2)
    }
}
