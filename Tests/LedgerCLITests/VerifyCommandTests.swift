import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger verify` beyond the chain itself: the acknowledged head and `--schema` (ledger-spec.md sections 4, 6, 10).
@Suite struct VerifyCommandTests {
    @Test func aCutThroughAnAcknowledgedBatchFailsVerifyAndTheWriterChangesNothing() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let full = TestLedger.logBytes(directory)
        let cut = Array(full.dropLast(40))   // into record 3 of the acknowledged batch 1–3
        TestLedger.writeLog(cut, to: directory)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("status: INTEGRITY FAILURE\nfirst bad record: seq 1, line 1, byte offset 0\n"))
        #expect(cli.stdout.contains("problem: acknowledged records are lost: the writer acknowledged records up to seq 3"))
        #expect(cli.stdout.contains("records 1…3 are no longer committed after being acknowledged (records 1…2 are complete lines of the unfinished batch"))
        #expect(cli.stdout.contains("restore events.jsonl from a backup that holds record 3"))
        #expect(cli.run(["verify", "--json"]) == 1)
        #expect(cli.stdout.contains("\"kind\":\"acknowledged_lost\"") && cli.stdout.contains("\"torn_tail\":null"))
        #expect(cli.stdout.contains("\"records\":0,\"status\":\"integrity_failure\""))
        // The writer refuses to discard acknowledged records: exit 1, nothing changed.
        #expect(cli.run(["append"], stdin: CoreCommandTests.extra) == 1)
        #expect(cli.stderr.contains("acknowledged records are lost") && cli.stderr.contains("The ledger was not changed"))
        #expect(TestLedger.logBytes(directory) == cut)
        // Restoring the log from a backup recovers.
        TestLedger.writeLog(full, to: directory)
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.extra) == 0)
    }

    @Test func aDamagedAcknowledgedFileIsAnUnreadableLedger() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        FileManager.default.createFile(atPath: directory.acknowledgedPath, contents: Data("garbage\n".utf8))
        #expect(cli.run(["verify"]) == 2)
        #expect(cli.stderr.contains("/acknowledged cannot be read") && cli.stderr.contains("remove the file"))
        #expect(cli.run(["append"], stdin: CoreCommandTests.extra) == 2)
    }

    /// A reader takes no lock; with a torn tail, verify tries the writers' lock once without waiting (section 4).
    @Test func aTornTailWhileAWriterHoldsTheLockIsAnAppendInProgress() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        TestLedger.writeLog(TestLedger.logBytes(directory) + Array("{\"hash\":\"".utf8), to: directory)
        let lock = try PosixFile(path: directory.lockPath, mode: .readWrite)
        #expect(try lock.lockExclusive(timeoutMilliseconds: 0))
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.stdout.contains("note: an append is in progress (9 bytes not yet committed)"))
        #expect(cli.run(["verify", "--json"]) == 0)
        #expect(cli.stdout.contains("\"write_in_progress\":true"))
        lock.unlock()
        #expect(cli.run(["verify", "--json"]) == 0)
        #expect(cli.stdout.contains("\"torn_tail\":{\"byte_count\":9,\"byte_offset\":") && cli.stdout.contains("\"write_in_progress\":false"))
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.stdout.contains("torn tail: torn tail of 9 bytes"))
        // In Chinese, the tail is described in Chinese (it was the English summary behind a Chinese label).
        #expect(cli.run(["verify", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("未写完的尾部：偏移 ") && cli.stdout.contains(" 处 9 字节的残缺尾部（不完整的最后一行）：那是一次从未确认完成的追加；下一次写入时将被丢弃"), "\(cli.stdout)")
    }

    /// A bad record inside a batch: the records before it in that batch pass every check, but the committed log
    /// that can be trusted ends before the batch (the report said "0 intact" alone, which reads as if they failed).
    @Test func aBadRecordInsideABatchSaysWhichRecordsBeforeItPassed() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)   // one batch, records 1–3
        cli.run(["append"], stdin: CoreCommandTests.extra)    // record 4, a batch of its own
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let good = TestLedger.logBytes(directory).split(separator: 0x0A).map(Array.init)
        /// The log with record `seq`'s stored hash changed (its first hex digit: after `{"hash":"`).
        func tamper(_ seq: Int) {
            var lines = good
            lines[seq - 1][9] = lines[seq - 1][9] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            TestLedger.writeLog(lines.flatMap { $0 + [0x0A] }, to: directory)
        }
        tamper(3)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("first bad record: seq 3, line 3"))
        #expect(cli.stdout.contains("records before it: 2 pass every check, but records 1–2 belong to the log's first batch, "
                                    + "which this one breaks; so no committed record of the log can be trusted\n"))
        #expect(cli.run(["verify", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("问题：保存的哈希 "))
        #expect(cli.stdout.contains("此前的记录：2 条通过了每项检查，但第 1–2 条与这条同属日志的第一个批次，该批次已不完整；因此日志中没有一条可信的已提交记录\n"))
        tamper(2)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("records before it: 1 pass every check, but record 1 belongs to the log's first batch"))
        // The first record of a batch: the records before it are the committed log, as before.
        tamper(4)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("records before it: 3 intact, head "))
        #expect(cli.run(["verify", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("此前的记录：3 条完好，链头 "))
        // A report refused for the damage does not speak of appending, which it never does.
        #expect(cli.run(["assets"]) == 1)
        #expect(cli.stderr.contains("The ledger was not changed; run `ledger verify`") && !cli.stderr.contains("append"))
        #expect(cli.run(["assets", "--lang", "zh"]) == 1)
        #expect(cli.stderr.contains("账本没有任何改动；请运行“ledger verify”") && !cli.stderr.contains("追加"))
    }

    /// Byte positions: `byte_offset` is 0-based in the file; positions inside the detail count from 1 in the line.
    @Test func positionsInTheReport() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var lines = TestLedger.logBytes(directory).split(separator: 0x0A).map(Array.init)
        lines[1][0] = 0xFF
        TestLedger.writeLog(lines.flatMap { $0 + [0x0A] }, to: directory)
        #expect(cli.run(["verify", "--json"]) == 1)
        #expect(cli.stdout.contains("\"byte_offset\":\(lines[0].count + 1),\"detail\":\"the line is unreadable: invalid UTF-8 at byte 1\""))
        #expect(cli.stdout.contains("\"kind\":\"unparsable\",\"line\":2,\"seq\":2"))
    }

    @Test func schemaProblemsAreReportedApartFromIntegrity() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        #expect(cli.run(["verify", "--schema"]) == 0)
        #expect(cli.stdout.contains("status: intact\nrecords: 3\n"))
        #expect(cli.stdout.hasSuffix("schema: all 3 records fit the schema of their type (ledger-spec.md section 10)\n"
                                     + "fold order: no record names an entity created later in the fold order (ledger-spec.md 10.4, rules 2 and 5; a name no record creates is not this check's: every query warns of it)\n"))
        // Records written past `ledger append`'s checks (the library writer does not apply section 10).
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        try TestLedger.append([
            Event(id: "odd-1", occurredOn: CalendarDate(iso: "2024-02-01")!, actor: "tool", payload: .raw(type: "foo.bar", data: Array("{}".utf8))),
            Event(id: "odd-2", occurredOn: CalendarDate(iso: "2024-02-01")!, actor: "tool", payload: .raw(type: "fund.opened",
                  data: Array(#"{"account":"1","community_id":"C1","fund_id":"F9","kind":"bank"}"#.utf8))),
        ], to: directory)
        #expect(cli.run(["verify"]) == 0, "verification is about integrity and layout, not schemas")
        #expect(cli.run(["verify", "--schema"]) == 1)
        #expect(cli.stdout.contains("status: intact\nrecords: 5\n"))
        #expect(cli.stdout.contains("schema: 2 of 5 records do not fit the schema of their type"))
        #expect(cli.stdout.contains("  seq 4 (id odd-1, foo.bar): field \"type\": unknown event type \"foo.bar\""))
        #expect(cli.stdout.contains("  seq 5 (id odd-2, fund.opened): field \"data.kind\""))
        #expect(cli.stdout.contains("result: SCHEMA PROBLEMS"))
        #expect(cli.run(["verify", "--schema", "--json"]) == 1)
        #expect(cli.stdout.contains("\"status\":\"intact\""))
        #expect(cli.stdout.contains("\"schema\":{\"checked\":5,\"fold_order\":{\"problem_count\":0,\"problems\":[]},\"problem_count\":2,\"problems\":[{\"field\":\"type\",\"id\":\"odd-1\""))
    }

    /// Issue 15, all mistakes in one pass: every problem of a record is named, not only the first.
    @Test func schemaNamesEveryProblemOfARecord() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        try TestLedger.append([
            Event(id: "odd-3", occurredOn: CalendarDate(iso: "2024-02-01")!, actor: "tool", payload: .raw(type: "fund.opened",
                  data: Array(#"{"account":"1","community_id":"C1","extra":1,"fund_id":"F9","kind":"bank"}"#.utf8))),
        ], to: directory)
        #expect(cli.run(["verify", "--schema"]) == 1)
        #expect(cli.stdout.contains("schema: 1 of 4 records do not fit the schema of their type"))
        #expect(cli.stdout.contains("  seq 4 (id odd-3, fund.opened): field \"data.extra\""))
        #expect(cli.stdout.contains("  seq 4 (id odd-3, fund.opened): field \"data.kind\""))
        #expect(cli.run(["verify", "--schema", "--json"]) == 1)
        #expect(cli.stdout.contains("\"problem_count\":1,"))
        #expect(cli.stdout.contains("\"field\":\"data.extra\"") && cli.stdout.contains("\"field\":\"data.kind\""))
    }
}
