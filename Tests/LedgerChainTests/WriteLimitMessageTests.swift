import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 31c: what a command says when a file-size limit (or a full disk) stops its writes — a real process under
/// `ulimit -f`, SIGXFSZ ignored, so write(2) fails with EFBIG as it fails with ENOSPC on a full disk.
@Suite struct WriteLimitMessageTests {
    static func limited(_ tool: String, blocks: Int, _ arguments: [String], in scratch: String) throws -> (status: Int32, signalled: Bool, out: String, err: String) {
        try FaultProcess.run("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$@\"", "sh", tool] + arguments, in: scratch)
    }

    /// Review 35a #2: under `ulimit -f` with SIGXFSZ at its default (as a clerk's shell leaves it), a query that
    /// rebuilt `index/` and an append both died without a word (exit 153). `ledger` ignores the signal itself: the
    /// query answers from the log as when `index/` cannot be written, and the append says the file is too large.
    /// The child starts with the signal's default action (the runner may ignore it, which would hide the fault).
    @Test func aFileSizeLimitIsReportedNotFatal() throws {
        let tool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("write-limit-signal")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ledger = scratch + "/L"
        #expect(try FaultProcess.run(tool, ["demo", "--ledger", ledger], in: scratch).status == 0)
        let query = ["balances", "--community", "C-HY", "--ledger", ledger, "--lang", "en"]
        let unlimited = try FaultProcess.run(tool, query, in: scratch)
        #expect(unlimited.status == 0, "\(unlimited.err)")
        try FileManager.default.removeItem(atPath: ledger + "/index")
        ProcessSignal.defaultFileSizeSignal()
        let limited = try FaultProcess.run("/bin/sh", ["-c", "ulimit -f 9; exec \"$@\"", "sh", tool] + query, in: scratch)
        #expect(!limited.signalled && limited.status == 0, "status \(limited.status): \(limited.err)")
        #expect(limited.out == unlimited.out, "the answer from the log is the answer")
        let append = try FaultProcess.run("/bin/sh", ["-c", "ulimit -f 9; exec \"$@\"", "sh", tool, "demo", "--ledger", scratch + "/M"],
                                          in: scratch)
        #expect(!append.signalled && append.status == 2, "status \(append.status): \(append.err)")
        #expect(append.err.contains("File too large"), "\(append.err)")
    }

    /// Review 35a #4: `verify --index` said of a whole-city list's file it could not bring to the head "removed: the
    /// next whole-city list makes it again", though the file was still there: it says why it was not rebuilt.
    @Test func verifyIndexDoesNotClaimToHaveRemovedAFileItLeft() throws {
        let tool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("write-limit-city-list")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ledger = scratch + "/L"
        #expect(try FaultProcess.run(tool, ["demo", "--ledger", ledger], in: scratch).status == 0)
        #expect(try FaultProcess.run(tool, ["communities", "--ledger", ledger], in: scratch).status == 0)
        let event = #"{"type":"fund.income","occurred_on":"2026-01-10","data":{"fund_id":"F-HY-PI","amount":"100.00","counterparty":"甲","voucher":"V-T1","category":"parking"}}"#
        let batch = scratch + "/e.jsonl"
        #expect(FileManager.default.createFile(atPath: batch, contents: Data((event + "\n").utf8)))
        #expect(try FaultProcess.run(tool, ["append", "--ledger", ledger, "--file", batch, "--actor", "t"], in: scratch).status == 0)
        // The limit on the command only: its output goes through `cat`, which writes the report file unlimited.
        let run = try FaultProcess.run("/bin/sh", ["-c", "trap '' XFSZ; (ulimit -f 1; exec \"$@\") | cat", "sh", tool,
                                                   "verify", "--index", "--ledger", ledger], in: scratch)
        #expect(run.out.contains("status: intact"), "\(run.out)\(run.err)")
        let line = run.out.split(separator: "\n").first { $0.contains("index: communities.state") }.map(String.init) ?? ""
        #expect(line.contains("not rebuilt: index/ cannot be written") && !line.contains("removed"), "\(run.out)")
        #expect(PosixFile.exists(ledger + "/index/communities.state"), "the file is still there")
    }

    /// `verify --index` said "nothing to build (empty log, or index/ cannot be written)" of a ledger with records
    /// whose index/ it could not write; it says why now, and the exit status stays the log's.
    @Test func verifyIndexSaysWhyTheIndexWasNotRebuilt() throws {
        let tool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("write-limit-verify")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ledger = scratch + "/L"
        #expect(try FaultProcess.run(tool, ["demo", "--ledger", ledger], in: scratch).status == 0)
        try FileManager.default.removeItem(atPath: ledger + "/index")
        let en = try Self.limited(tool, blocks: 8, ["verify", "--index", "--ledger", ledger], in: scratch)
        #expect(en.status == 0, "\(en.err)")
        #expect(en.out.contains("index: funds.state absent; not rebuilt: index/ cannot be written (\(ledger)/index: write failed: File too large (errno 27)); commands answer from the log meanwhile"),
                "\(en.out)")
        #expect(!en.out.contains("nothing to build"), "\(en.out)")
        let zh = try Self.limited(tool, blocks: 8, ["verify", "--index", "--ledger", ledger, "--lang", "zh"], in: scratch)
        #expect(zh.out.contains("索引：funds.state 不存在；未重建：index/ 无法写入（\(ledger)/index："), "\(zh.out)")
        #expect(try PosixFile.names(inDirectory: ledger + "/index").allSatisfy { !$0.hasPrefix(".probe") }, "the probe is removed")
    }

    /// `publish` named its staging folder, already removed, in the error; it names the file under --out and says
    /// nothing was published, and leaves nothing beside it.
    @Test func publishSaysNothingWasPublished() throws {
        let tool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("write-limit-publish")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ledger = scratch + "/L"
        #expect(try FaultProcess.run(tool, ["demo", "--ledger", ledger], in: scratch).status == 0)
        #expect(try FaultProcess.run(tool, ["keygen", "--out", scratch + "/k", "--name", "office"], in: scratch).status == 0)
        #expect(try FaultProcess.run(tool, ["checkpoint", "--ledger", ledger, "--key", scratch + "/k", "--out", scratch + "/cp"], in: scratch).status == 0)
        let folder = scratch + "/o"
        try PosixFile.makeDirectory(folder)
        for (lang, words) in [("en", "Nothing was published and nothing is left of it"), ("zh", "没有发布任何内容，也没有留下任何部分")] {
            let run = try Self.limited(tool, blocks: 1, ["publish", "--ledger", ledger, "--community", "C-HY", "--period", "2025-01-01..2025-06-30",
                                                         "--checkpoint", scratch + "/cp", "--pubkey", scratch + "/k.pub", "--out", folder + "/pub",
                                                         "--lang", lang], in: scratch)
            #expect(run.status == 2, "\(run.err)")
            #expect(run.err.contains(folder + "/pub/") && run.err.contains(words) && !run.err.contains(".tmp-"), "\(run.err)")
            #expect(try PosixFile.names(inDirectory: folder).isEmpty)
        }
    }
}
