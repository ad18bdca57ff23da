import Foundation
import LedgerChain
import LedgerPlatform
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

    /// Review 31c: a range past the log's end printed nothing and exited 0 without a word; a --to before --from
    /// did the same.
    @Test func aRangeTheLogDoesNotHoldIsSaid() {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0)
        let count = CoreCommandTests.events.split(separator: "\n").count
        #expect(cli.run(["log", "--from", "\(count + 9)"]) == 0)
        #expect(cli.stdout.isEmpty && cli.stderr == "note: the log holds \(count) records; none from seq \(count + 9) on\n", "\(cli.stderr)")
        #expect(cli.run(["log", "--from", "\(count + 1)", "--lang", "zh"]) == 0)
        #expect(cli.stderr == "注意：日志只有 \(count) 条记录，没有第 \(count + 1) 条及以后的记录\n", "\(cli.stderr)")
        #expect(cli.run(["log", "--from", "\(count)"]) == 0)
        #expect(!cli.stdout.isEmpty && cli.stderr.isEmpty, "\(cli.stderr)")
        #expect(cli.run(["log", "--from", "3", "--to", "2"]) == 2)
        #expect(cli.stderr.contains("--to 2 is before --from 3"), "\(cli.stderr)")
        #expect(cli.run(["log", "--from", "2", "--to", "2"]) == 0)
    }
}

/// Review defects of the readable log.
@Suite struct LogCorrectionMarkTests {
    /// A correction in a torn tail (a batch that never committed) is not in the ledger: the record it names must
    /// not be printed as voided.
    @Test func aCorrectionInATornTailMarksNothing() throws {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let acknowledged = FileManager.default.contents(atPath: directory.acknowledgedPath)
        let before = TestLedger.logBytes(directory)
        let batch = """
        {"id":"c1","type":"correction","occurred_on":"2024-01-05","data":{"corrects":"a3","reason":"typed twice"}}
        {"id":"a4","type":"fund.opened","occurred_on":"2024-01-06","data":{"fund_id":"F9","community_id":"C1","kind":"public_income","account":"6222-09"}}

        """
        #expect(cli.run(["append", "--actor", "clerk"], stdin: batch) == 0)
        let after = TestLedger.logBytes(directory)
        // Cut into the batch's last line and put back the acknowledged head: a crash before the batch committed.
        TestLedger.writeLog(Array(after[..<(after.count - 20)]), to: directory)
        if let acknowledged { FileManager.default.createFile(atPath: directory.acknowledgedPath, contents: acknowledged) }
        #expect(before.count < after.count - 20)
        #expect(cli.run(["log"]) == 0)
        #expect(!cli.stdout.contains("#4"))
        #expect(!cli.stdout.contains("voided by"), "\(cli.stdout)")
    }
}
