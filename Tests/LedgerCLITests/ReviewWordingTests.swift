import Foundation
@testable import LedgerCLI
import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 31c: messages that said the wrong thing.
@Suite struct ReviewWordingTests {
    /// `ledger log` on a damaged log said the failure in English inside the Chinese message (`错误：events.jsonl line
    /// 29 (record seq 29): the line is unreadable…`); the other commands word it in Chinese.
    @Test func logOnADamagedLogSaysTheFailureInTheReadersLanguage() throws {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0)
        let path = cli.ledgerPath + "/events.jsonl"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        let hash = try #require(bytes.firstRange(of: Array("\"hash\":\"".utf8)))
        bytes[hash.upperBound + 3] = UInt8(ascii: "!")
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["log", "--lang", "zh"]) == 1)
        #expect(cli.stderr.contains("events.jsonl 第 1 行（记录序号 1）：该行无法读取："), "\(cli.stderr)")
        #expect(!cli.stderr.contains("the line is unreadable"), "\(cli.stderr)")
        #expect(cli.stderr.contains("详情请运行“ledger verify”。"), "\(cli.stderr)")
        #expect(cli.run(["log", "--lang", "en"]) == 1)
        #expect(cli.stderr.contains("events.jsonl line 1 (record seq 1): the line is unreadable: "), "\(cli.stderr)")
        #expect(cli.stderr.contains("Run `ledger verify` for details."), "\(cli.stderr)")
    }

    /// `verify --index` said "nothing to build (empty log, or index/ cannot be written)" of a ledger with records
    /// whose index/ could not be written (a full disk): the reason is asked of index/ and said, without the probe's
    /// random name (the report is the same from run to run).
    @Test func anIndexThatCannotBeWrittenIsSaidWithItsReason() throws {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        // index/ a regular file: neither made nor written into.
        if PosixFile.isDirectory(directory.indexPath) { try FileManager.default.removeItem(atPath: directory.indexPath) }
        try PosixFile.writeAtomically(Array("x".utf8), to: directory.indexPath)
        let said = VerifyCommand.indexNotWritten(directory)
        #expect(said.en.hasPrefix("not rebuilt: index/ cannot be written (\(directory.indexPath): "), "\(said.en)")
        #expect(said.en.hasSuffix("); commands answer from the log meanwhile"), "\(said.en)")
        #expect(said.zh.hasPrefix("未重建：index/ 无法写入（\(directory.indexPath)："), "\(said.zh)")
        #expect(!said.en.contains(".probe") && !said.zh.contains(".probe"))
        // Writable: the pass's own write failed (no file error to give); the probe leaves nothing behind.
        try PosixFile.remove(directory.indexPath)
        let writable = VerifyCommand.indexNotWritten(directory)
        #expect(writable.en == "not rebuilt: writing it failed (the disk may be nearly full); commands answer from the log meanwhile")
        #expect(try PosixFile.names(inDirectory: directory.indexPath).isEmpty)
    }

    /// A log verified without its `acknowledged` (deleted with the final batches, say) was called "intact" and
    /// nothing more: the check it could not make is said, in both languages; with the file, or an empty log, not.
    @Test func verifySaysWhenAcknowledgedIsMissing() throws {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        try PosixFile.remove(cli.ledgerPath + "/acknowledged")
        #expect(cli.run(["verify"]) == 0)
        #expect(!cli.stdout.contains("acknowledged"), "an empty log: \(cli.stdout)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["verify"]) == 0)
        #expect(!cli.stdout.contains("note:"), "\(cli.stdout)")
        try PosixFile.remove(cli.ledgerPath + "/acknowledged")
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.stdout.contains("status: intact\n") && cli.stdout.contains("note: acknowledged is missing, so whole batches cut from the end"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("注意：acknowledged 文件不存在，因此无法分辨日志末尾被截去整批记录"), "\(cli.stdout)")
    }

    /// An empty log has nothing to build; with records every file is rebuilt (no reason given).
    @Test func anEmptyLogHasNothingToBuild() {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: funds.state absent; nothing to build (empty log)\n"), "\(cli.stdout)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(!cli.stdout.contains("not rebuilt"), "\(cli.stdout)")
    }
}
