import Foundation
import Glibc
import LedgerCLI
@testable import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 35a #3, #5a, #5b, #5c: what a clerk is told when a directory stands where a derived file belongs, when the
/// lock file or the rejects file's folder may not be written, and when fsync fails with an I/O error. The faults a
/// test run as root cannot provoke (EACCES, EIO) are injected into the platform's file calls (`FileFaults`), under
/// the test's own temporary directory.
@Suite struct FailureAdviceTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    /// One income event of 1.00 yuan to 海韵's fund, as `append` reads it.
    func income(voucher: String) -> String {
        #"{"type":"fund.income","occurred_on":"2026-01-02","actor":"t","data":{"fund_id":"F-HY-PI","amount":"1.00","counterparty":"甲","voucher":""#
            + voucher + #"","category":"parking"}}"#
    }

    /// The `note:` / `注意：` lines a command wrote on standard error.
    func notices(_ cli: CLIHarness) -> [String] {
        cli.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("note:") || $0.hasPrefix("注意：") }
    }

    struct DirectoryCase: Sendable, CustomTestStringConvertible {
        let file: String
        let command: [String]
        var testDescription: String { file }
    }

    /// Every derived file of ledger-spec.md 15 that a command rebuilds with a notice (the paths of section 1 —
    /// funds.state, ids, merkle.idx, offsets.idx — are refused instead, as before).
    static let directoryCases: [DirectoryCase] = [
        DirectoryCase(file: "fund-totals", command: ["balances"]),
        DirectoryCase(file: "scopes", command: ["show", "C-HY"]),
        DirectoryCase(file: "mentions", command: ["show", "C-HY"]),
        DirectoryCase(file: "communities.state", command: ["communities"]),
        DirectoryCase(file: "assets.state", command: ["assets"]),
        DirectoryCase(file: "contracts.state", command: ["contracts"]),
        DirectoryCase(file: "decisions.state", command: ["decisions"]),
        DirectoryCase(file: "rectify.state", command: ["rectify"]),
    ]

    /// #3: a directory in a derived file's place. Before: "rebuilt from the log" on every run (it never could be).
    /// Now: the answer from the log, and one notice naming the path, saying it is a directory where the file belongs
    /// and to remove it; on every run, as long as it is there.
    @Test(arguments: directoryCases) func aDirectoryWhereADerivedFileBelongsIsNamedWithTheRemedy(_ c: DirectoryCase) throws {
        let cli = demo()
        #expect(cli.run(c.command + ["--lang", "en"]) == 0, "\(cli.stderr)")
        let answer = cli.stdout
        let path = cli.ledgerPath + "/index/" + c.file
        try? FileManager.default.removeItem(atPath: path)
        try PosixFile.makeDirectory(path)
        for _ in 0..<2 {
            #expect(cli.run(c.command + ["--lang", "en"]) == 0, "\(cli.stderr)")
            #expect(cli.stdout == answer, "the answer comes from the log")
            let said = notices(cli).filter { $0.contains(c.file) }
            #expect(said.count == 1, "\(cli.stderr)")
            let line = said.first ?? ""
            #expect(line.contains("\(path) is a directory, where the derived file \(c.file) belongs") && line.contains("rm -r \(path)")
                    && !line.contains("rebuilt from the log"), "\(line)")
            #expect(PosixFile.kind(at: path, followLinks: false) == .directory)
        }
        #expect(cli.run(c.command + ["--lang", "zh"]) == 0, "\(cli.stderr)")
        let zh = notices(cli).filter { $0.contains(c.file) }
        #expect(zh.count == 1 && zh.first?.contains("\(path) 是一个目录，而此处应是派生文件 \(c.file)") == true
                && zh.first?.contains("请删除该目录（rm -r \(path)）") == true && zh.first?.contains("已从日志重建") == false, "\(cli.stderr)")
        // Removed, the file is written again and the notice goes.
        try FileManager.default.removeItem(atPath: path)
        #expect(cli.run(c.command + ["--lang", "en"]) == 0)
        #expect(cli.run(c.command + ["--lang", "en"]) == 0)
        #expect(notices(cli).filter { $0.contains(c.file) }.isEmpty, "\(cli.stderr)")
    }

    /// #3: `verify --index` reports the directory as index damage (not log damage, not a full disk), with the same
    /// remedy; the exit status stays the log's (0), as for any index damage.
    @Test func verifyIndexSaysADirectoryStandsWhereTheFileBelongs() throws {
        let cli = demo()
        let path = cli.ledgerPath + "/index/fund-totals"
        try FileManager.default.removeItem(atPath: path)
        try PosixFile.makeDirectory(path)
        #expect(cli.run(["verify", "--index", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("status: intact"), "\(cli.stdout)")
        let line = cli.stdout.split(separator: "\n").first { $0.contains("index: DAMAGED — fund-totals") }.map(String.init) ?? ""
        #expect(line.contains("not rebuilt: \(path) is a directory, which the rebuilt file cannot replace; remove that directory (rm -r \(path))"),
                "\(cli.stdout)")
        #expect(!line.contains("disk may be nearly full") && !line.contains("cannot be written"), "\(line)")
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("未重建：\(path) 是一个目录，重建的文件无法替换它；请删除该目录（rm -r \(path)）"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("磁盘可能将满"), "\(cli.stdout)")
    }

    /// A derived file kept at mode 000 could never be read again (by anyone but root): every command rebuilt it,
    /// keeping the mode, with a notice, for ever. It is written back readable by its owner. (Tests run as root, who
    /// reads it all the same: the file is also damaged, so that it is rebuilt.)
    @Test func anUnreadableDerivedFileIsWrittenBackReadable() throws {
        let cli = demo()
        let path = cli.ledgerPath + "/index/fund-totals"
        try PosixFile.writeAtomically(Array("damaged".utf8), to: path)
        #expect(chmod(path, 0o000) == 0)
        #expect(cli.run(["balances", "--lang", "en"]) == 0, "\(cli.stderr)")
        let mode = try PosixFile(path: path, mode: .read).status().permissions
        #expect(mode & 0o600 == 0o600, "mode \(String(mode, radix: 8))")
    }

    /// #5a: the lock file cannot be opened (permission denied). Before: `error: L/lock: open failed: Permission
    /// denied (errno 13)`. Now: the path, why, that nothing was written, and whom to ask; exit 2, the log unchanged.
    @Test func aLockFileThatMayNotBeOpenedIsExplained() throws {
        let cli = demo()
        let lock = cli.ledgerPath + "/lock"
        let before = try cli.logBytes()
        let event = income(voucher: "V-L1")
        FileFaults.plan("open", under: lock, code: EACCES)
        defer { FileFaults.clear(pathPrefix: lock) }
        #expect(cli.run(["append", "--lang", "en"], stdin: event + "\n") == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("cannot take the ledger's lock: \(lock) cannot be opened for writing"), "\(cli.stderr)")
        #expect(cli.stderr.contains("(\(lock): open failed: Permission denied (errno 13)): the user running ledger may not write the lock file")
                && cli.stderr.contains("Nothing was written; the ledger is unchanged")
                && cli.stderr.contains("Run ledger as the user who owns the ledger directory, or ask the administrator"), "\(cli.stderr)")
        #expect(cli.run(["append", "--lang", "zh"], stdin: event + "\n") == 2)
        #expect(cli.stderr.contains("无法取得账本锁：\(lock) 无法以写方式打开") && cli.stderr.contains("权限不够（errno 13））：运行 ledger 的用户无权写入该锁文件")
                && cli.stderr.contains("请以账本目录所属用户的身份运行 ledger，或请管理员"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // A reader takes no lock; verify --index checks everything but the id index, and says why.
        #expect(cli.run(["balances", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["verify", "--index", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("index: ids not checked (the ledger's lock file cannot be opened"), "\(cli.stdout)")
    }

    /// #5b: the folder of the rejects file may not be written. Before: `error: …/inc.rejects.csv: create failed:
    /// Permission denied (errno 13)`. Now: the file, the folder, why, nothing appended, and the option to use.
    @Test func aRejectsFolderThatMayNotBeWrittenIsExplained() throws {
        let cli = demo()
        let folder = cli.temp.path + "/in"
        try PosixFile.makeDirectory(folder)
        try PosixFile.writeAtomically(Array("日期,账户编号,金额,付款方,凭证号,收入类别\n2025-07-01,F-HY-PI,100,某公司,V-R1,广告\n2025-07-03,F-NONE,300,某公司,V-R2,广告\n".utf8),
                                      to: folder + "/inc.csv")
        let before = try cli.logBytes()
        FileFaults.plan("create", under: folder + "/", code: EACCES)
        defer { FileFaults.clear(pathPrefix: folder + "/") }
        #expect(cli.run(["import", "income", "in/inc.csv", "--allow-partial", "--actor", "t", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains("cannot write in/inc.rejects.csv (--rejects): the user running ledger may not create files in \(folder) (\(folder)/inc.rejects.csv: create failed: Permission denied (errno 13))"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("Nothing was appended; the ledger is unchanged")
                && cli.stderr.contains("Name a file in a folder you can write with --rejects FILE, or ask the administrator"), "\(cli.stderr)")
        #expect(cli.run(["import", "income", "in/inc.csv", "--allow-partial", "--actor", "t", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("无法写出 in/inc.rejects.csv（--rejects）：运行 ledger 的用户无权在 \(folder) 中创建文件（\(folder)/inc.rejects.csv：创建失败：权限不够（errno 13））")
                && cli.stderr.contains("本次什么也没有追加，账本没有任何改动") && cli.stderr.contains("请用 --rejects 另指定一个位于可写文件夹中的文件"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(!PosixFile.exists(folder + "/inc.rejects.csv"))
    }

    /// #5c: fsync of the log fails with EIO. Before: `error: …/events.jsonl: fsync failed: Input/output error (errno
    /// 5)`. Now: the file, that the write may not have reached the disk, that the batch was not acknowledged, and
    /// what to do before entering it again; the batch is cut back off the log.
    @Test func anIOErrorAtFsyncSaysTheBatchWasNotAcknowledged() throws {
        let cli = demo()
        let log = cli.ledgerPath + "/events.jsonl"
        let before = try cli.logBytes()
        let event = income(voucher: "V-S1")
        FileFaults.plan("fsync", under: log, code: EIO)
        #expect(cli.run(["append", "--lang", "en"], stdin: event + "\n") == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("\(log): fsync failed: Input/output error (errno 5). What was written to \(log) may not have reached the disk."),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("was not acknowledged: \(cli.ledgerPath)/acknowledged still names the record before it")
                && cli.stderr.contains("Check the disk first") && cli.stderr.contains("then run `ledger verify`, and do not enter this batch again"),
                "\(cli.stderr)")
        #expect(cli.run(["append", "--lang", "zh"], stdin: event + "\n") == 2)
        #expect(cli.stderr.contains("可能没有到达磁盘") && cli.stderr.contains("未被确认") && cli.stderr.contains("不要再次录入这一批"), "\(cli.stderr)")
        FileFaults.clear(pathPrefix: log)
        #expect(try cli.logBytes() == before, "the batch was cut back off")
        #expect(cli.run(["verify"]) == 0, "\(cli.stdout)")
    }

    /// #5c: the acknowledgement's fdatasync fails with EIO after its slot was written: the batch stays, named as
    /// acknowledged, with the same advice (check the disk, then verify before retrying).
    @Test func anIOErrorRecordingTheAcknowledgementSaysTheBatchIsKept() throws {
        let cli = demo()
        let acknowledged = cli.ledgerPath + "/acknowledged"
        let before = try cli.logBytes()
        let event = income(voucher: "V-S2")
        FileFaults.plan("fdatasync", under: acknowledged, code: EIO)
        #expect(cli.run(["append", "--lang", "en"], stdin: event + "\n") == 2, "\(cli.stderr)")
        FileFaults.clear(pathPrefix: acknowledged)
        #expect(cli.stderr.contains("\(acknowledged) already names them as acknowledged, but that write failed")
                && cli.stderr.contains("may not have reached the disk") && cli.stderr.contains("check the disk first"), "\(cli.stderr)")
        #expect(try cli.logBytes().count > before.count, "the batch is kept")
        #expect(cli.run(["verify"]) == 0, "\(cli.stdout)")
    }

    /// Review 39: a torn tail the writer cannot cut off durably was told as the bare file error. Now: the unfinished
    /// batch, nothing appended, what to do; here the cut is made and its fsync fails, which is said as such (review
    /// 40h #4: "must be cut off" and "verify reports it as a torn tail" were untrue then).
    @Test func aTornTailThatCannotBeCutIsExplained() throws {
        let cli = demo()
        let log = cli.ledgerPath + "/events.jsonl"
        let before = try cli.logBytes()
        // An unfinished batch's partial line (the cut then fails at its fsync, so it is written again for each run).
        func tear() throws {
            let file = try PosixFile(path: log, mode: .readWrite)
            try file.write(Array(#"{"hash":"ab"#.utf8), at: Int64(before.count))
            file.close()
        }
        let event = income(voucher: "V-T1")
        FileFaults.plan("fsync", under: log, code: EIO)
        defer { FileFaults.clear(pathPrefix: log) }
        try tear()
        #expect(cli.run(["append", "--lang", "en"], stdin: event + "\n") == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("\(log) ended with an unfinished batch (11 bytes after byte \(before.count), never acknowledged")
                && cli.stderr.contains("it was cut off, but the cut may not have reached the disk (\(log): fsync failed: Input/output error (errno 5))")
                && cli.stderr.contains("Nothing was appended") && cli.stderr.contains("Check the disk first")
                && cli.stderr.contains("then run `ledger verify` and the same command again"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("torn tail"), "\(cli.stderr)")
        try tear()
        #expect(cli.run(["append", "--lang", "zh"], stdin: event + "\n") == 2)
        #expect(cli.stderr.contains("末尾曾有一个未完成的批次") && cli.stderr.contains("本次什么也没有追加") && cli.stderr.contains("再次运行同一命令"),
                "\(cli.stderr)")
        FileFaults.clear(pathPrefix: log)
        try tear()
        #expect(cli.run(["append", "--lang", "en"], stdin: event + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains("discarded the torn tail"), "\(cli.stderr)")
        #expect(cli.run(["verify"]) == 0, "\(cli.stdout)")
    }

    /// Review 39: `init` on a full disk said "nothing of this batch was kept", of a batch that does not exist.
    /// Now: the ledger was not made, what it had made is removed, free space and run init again.
    @Test func aFullDiskAtInitSpeaksOfTheLedgerNotABatch() throws {
        let cli = CLIHarness()
        let path = cli.temp.path + "/new-ledger"
        FileFaults.plan("open", under: path + "/acknowledged", code: ENOSPC)
        defer { FileFaults.clear(pathPrefix: path + "/acknowledged") }
        #expect(cli.run(["init", "--ledger", path, "--lang", "en"], addLedger: false) == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("cannot create the ledger \(path) (\(path)/acknowledged: open failed: No space left on device (errno 28))")
                && cli.stderr.contains("free space, then run the same command again") && cli.stderr.contains("No ledger was made")
                && !cli.stderr.contains("batch"), "\(cli.stderr)")
        #expect(!PosixFile.exists(path), "what init made is removed")
        #expect(cli.run(["init", "--ledger", path, "--lang", "zh"], addLedger: false) == 2)
        #expect(cli.stderr.contains("无法创建账本 \(path)") && cli.stderr.contains("请腾出空间，然后再次运行同一命令")
                && !cli.stderr.contains("这一批"), "\(cli.stderr)")
        FileFaults.clear(pathPrefix: path + "/acknowledged")
        #expect(cli.run(["init", "--ledger", path], addLedger: false) == 0, "\(cli.stderr)")
    }
}
