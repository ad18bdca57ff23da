import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The real `ledger` executable under faults of its own I/O (issue 18, items 4, 5 and 8): a closed standard
/// output, `/dev/full`, a reader that went away, FIFOs and huge files given as inputs, a file-size limit of zero
/// while it creates files. It must never crash, never hang, report in one line on whatever still works, exit with
/// the documented status, and leave nothing half-made that blocks running the same command again.
@Suite("CLI faults: output failures, hostile inputs, full disks")
struct CLIFaultTests {
    struct Run {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var out: String
        var err: String
    }

    /// Runs `/bin/sh -c SCRIPT sh LEDGER ARGS…` (the script says where `"$@"` goes, e.g. `exec "$@" >&-`), with
    /// stdout and stderr captured through pipes, killed after `timeout` seconds so a hang fails instead of blocking.
    static func run(_ arguments: [String], script: String = "exec \"$@\"", in directory: String,
                    closedPipe: Bool = false, timeout: Double = 20) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", TestBinaries.ledger] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = TestBinaries.environmentWithoutLanguage
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if closedPipe { try output.fileHandleForReading.close() }
        // Read both pipes on their own threads so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var out = Data(), err = Data()
        let group = DispatchGroup()
        if !closedPipe {
            DispatchQueue.global().async(group: group) { out = output.fileHandleForReading.readDataToEndOfFile() }
        }
        DispatchQueue.global().async(group: group) { err = error.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline { timedOut = true; ProcessSignal.kill(process.processIdentifier); break }
            usleep(5_000)
        }
        process.waitUntilExit()
        group.wait()
        return Run(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                   timedOut: timedOut, out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self))
    }

    /// A scratch folder with a ledger of three records (events without ids), a key pair, a checkpoint, a proof
    /// bundle and a register.
    static func prepared() throws -> (temp: TemporaryDirectory, ledger: String) {
        let temp = TemporaryDirectory("cli-fault")
        let ledger = temp.path + "/ledger"
        let events = temp.path + "/events.jsonl"
        FileManager.default.createFile(atPath: events, contents: Data(idless.utf8))
        FileManager.default.createFile(atPath: temp.path + "/reg.csv", contents: Data("编号,小区,类型,名称,位置,面积,登记日期\nA-1,C1,车位,车位1,东门,12.5,2024/3/1\n".utf8))
        for arguments in [["init", "--ledger", ledger], ["append", "--ledger", ledger, "--file", events],
                          ["keygen", "--out", "k.key"], ["checkpoint", "--ledger", ledger, "--key", "k.key", "--out", "cp.txt"],
                          ["prove", "1", "--ledger", ledger, "--checkpoint", "cp.txt", "--out", "p.json"]] {
            let result = try run(arguments, in: temp.path)
            try #require(result.status == 0, "\(arguments): \(result.err)")
        }
        return (temp, ledger)
    }

    static let idless = """
    {"type":"community.registered","occurred_on":"2024-01-02","actor":"clerk","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}
    {"type":"fund.opened","occurred_on":"2024-01-03","actor":"clerk","data":{"fund_id":"F1","community_id":"C1","kind":"public_income","account":"6222-01"}}
    {"type":"community.registered","occurred_on":"2024-01-04","actor":"clerk","data":{"community_id":"C2","name":"山海小区","street":"八大关街道","residents_committee":"山海社区","total_area_m2":"30000.00","total_owners":300}}

    """

    static func expectNoCrash(_ run: Run, _ label: String) {
        #expect(!run.signalled && !run.timedOut, "\(label): signalled \(run.signalled), timed out \(run.timedOut)")
        #expect(!run.err.contains("Fatal error") && !run.err.contains("Backtrac"), "\(label): \(run.err)")
    }

    // MARK: standard output and error

    @Test("stdout to /dev/full: one line on stderr, exit status 3")
    func stdoutFull() throws {
        let (temp, ledger) = try Self.prepared()
        let run = try Self.run(["verify", "--ledger", ledger], script: "exec \"$@\" > /dev/full", in: temp.path)
        Self.expectNoCrash(run, "verify > /dev/full")
        #expect(run.status == 3, "status \(run.status): \(run.err)")
        #expect(run.err.contains("standard output") && run.err.contains("No space left"), "\(run.err)")
        #expect(run.err.split(separator: "\n").count == 1, "\(run.err)")
    }

    @Test("demo, whose steps are commands run inside it, reports a stdout failure once")
    func demoReportsOnce() throws {
        let temp = TemporaryDirectory("cli-fault")
        let run = try Self.run(["demo", "--ledger", temp.path + "/demo"], script: "exec \"$@\" > /dev/full", in: temp.path)
        Self.expectNoCrash(run, "demo > /dev/full")
        #expect(run.status == 3, "status \(run.status): \(run.err)")
        #expect(run.err.split(separator: "\n").count == 1, "\(run.err)")
    }

    @Test("a closed stdout: one line on stderr, exit status 3, and no file of the ledger is written in its place")
    func stdoutClosed() throws {
        let (temp, ledger) = try Self.prepared()
        let before = try PosixFile(path: ledger + "/events.jsonl", mode: .read).readAll()
        for command in [["verify", "--ledger", ledger], ["log", "--ledger", ledger], ["balances", "--ledger", ledger],
                        ["append", "--ledger", ledger, "--file", "events.jsonl"]] {
            let run = try Self.run(command, script: "exec \"$@\" >&-", in: temp.path)
            Self.expectNoCrash(run, "\(command) >&-")
            #expect(run.status == 3, "\(command): status \(run.status): \(run.err)")
            #expect(run.err.contains("standard output"), "\(command): \(run.err)")
        }
        #expect(try PosixFile(path: ledger + "/events.jsonl", mode: .read).readAll() == before,
                "the retried id-less batch was recognised as duplicates, and nothing was printed into the log")
    }

    @Test("a closed stderr: the failure is reported on stdout, exit status 3")
    func stderrClosed() throws {
        let (temp, ledger) = try Self.prepared()
        let run = try Self.run(["rectify", "--ledger", ledger, "--out", "r.txt"], script: "exec \"$@\" 2>&-", in: temp.path)
        Self.expectNoCrash(run, "rectify 2>&-")
        #expect(run.status == 3, "status \(run.status)")
        #expect(run.out.contains("standard error"), "\(run.out)")
        #expect(PosixFile.exists(temp.path + "/r.txt"))
    }

    @Test("a reader that went away (EPIPE): no SIGPIPE death, exit status 3")
    func brokenPipe() throws {
        let (temp, ledger) = try Self.prepared()
        let run = try Self.run(["log", "--ledger", ledger], in: temp.path, closedPipe: true)
        Self.expectNoCrash(run, "log | (closed)")
        #expect(run.status == 3, "status \(run.status): \(run.err)")
        #expect(run.err.contains("standard output") && run.err.contains("Broken pipe"), "\(run.err)")
    }

    @Test("append whose report cannot be printed names the committed records, and a retry appends nothing")
    func appendCommittedThenOutputFailed() throws {
        let (temp, ledger) = try Self.prepared()
        FileManager.default.createFile(atPath: temp.path + "/more.jsonl", contents: Data("""
        {"type":"fund.opened","occurred_on":"2024-02-01","actor":"clerk","data":{"fund_id":"F2","community_id":"C2","kind":"maintenance","account":"6222-02"}}
        {"type":"fund.opened","occurred_on":"2024-02-02","actor":"clerk","data":{"fund_id":"F3","community_id":"C1","kind":"maintenance","account":"6222-03"}}

        """.utf8))
        let failed = try Self.run(["append", "--ledger", ledger, "--file", "more.jsonl"], script: "exec \"$@\" > /dev/full", in: temp.path)
        Self.expectNoCrash(failed, "append > /dev/full")
        #expect(failed.status == 3)
        #expect(failed.err.contains("seq 4–5") && failed.err.contains("committed"), "\(failed.err)")
        let retry = try Self.run(["append", "--ledger", ledger, "--file", "more.jsonl"], in: temp.path)
        #expect(retry.status == 0, "\(retry.err)")
        #expect(retry.out.contains("appended nothing"), "\(retry.out)")
        let verify = try Self.run(["verify", "--ledger", ledger], in: temp.path)
        #expect(verify.out.contains("5 records") || verify.out.contains("records: 5"), "\(verify.out)")
    }

    // MARK: inputs that are not regular files, or too large

    static let fifoInputs: [[String]] = [
        ["append", "--ledger", "L", "--file", "FIFO"],
        ["rectify", "--ledger", "L", "--policy", "FIFO"],
        ["rectify", "--ledger", "L", "--checkpoint", "FIFO", "--pubkey", "k.key.pub"],
        ["rectify", "--ledger", "L", "--checkpoint", "cp.txt", "--pubkey", "FIFO"],
        ["verify", "--ledger", "L", "--checkpoint", "FIFO", "--pubkey", "k.key.pub"],
        ["verify", "--ledger", "L", "--checkpoint", "cp.txt", "--pubkey", "FIFO"],
        ["checkpoint", "--ledger", "L", "--key", "FIFO"],
        ["prove", "1", "--ledger", "L", "--checkpoint", "FIFO"],
        ["check-proof", "FIFO", "--pubkey", "k.key.pub"],
        ["check-proof", "p.json", "--pubkey", "FIFO"],
        ["import", "assets", "FIFO", "--ledger", "L", "--community", "C1", "--actor", "clerk"],
        ["import", "assets", "reg.csv", "--ledger", "L", "--mapping", "FIFO", "--actor", "clerk"],
    ]

    @Test("a FIFO given as an input file is refused at once, never waited on", arguments: fifoInputs)
    func fifoInputIsRefused(_ command: [String]) throws {
        let (temp, ledger) = try Self.prepared()
        let fifo = temp.path + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let arguments = command.map { $0 == "L" ? ledger : $0 == "FIFO" ? fifo : $0 }
        let run = try Self.run(arguments, in: temp.path, timeout: 10)
        Self.expectNoCrash(run, "\(command)")
        #expect(run.status == 2, "\(command): status \(run.status) \(run.err)")
        #expect(run.err.contains("FIFO") && run.err.contains("not a regular file"), "\(command): \(run.err)")
    }

    @Test("a directory given as an input file is refused with its kind")
    func directoryInputIsRefused() throws {
        let (temp, ledger) = try Self.prepared()
        let run = try Self.run(["rectify", "--ledger", ledger, "--policy", temp.path], in: temp.path)
        #expect(run.status == 2 && run.err.contains("directory"), "\(run.err)")
    }

    @Test("a 2 GiB input is refused by its size before it is read", arguments: [
        ["append", "--ledger", "L", "--file", "BIG"],
        ["verify", "--ledger", "L", "--checkpoint", "cp.txt", "--pubkey", "BIG"],
        ["check-proof", "BIG", "--pubkey", "k.key.pub"],
    ])
    func hugeInputIsRefusedBySize(_ command: [String]) throws {
        let (temp, ledger) = try Self.prepared()
        let big = temp.path + "/big"
        FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: 2 << 30)   // sparse: no disk space used
        try handle.close()
        let arguments = command.map { $0 == "L" ? ledger : $0 == "BIG" ? big : $0 }
        let run = try Self.run(arguments, in: temp.path, timeout: 30)
        Self.expectNoCrash(run, "\(command)")
        #expect(run.status == 2, "\(command): \(run.status) \(run.err)")
        #expect(run.err.contains("2147483648 bytes") && run.err.contains("limit"), "\(command): \(run.err)")
    }

    // MARK: half-made files on a full disk

    /// `ulimit -f 0` with SIGXFSZ ignored: every write that would grow a file fails with EFBIG, as on a full disk.
    static let fullDisk = "trap '' XFSZ; ulimit -f 0; exec \"$@\""

    @Test("init on a full disk leaves nothing that blocks the same command once there is space")
    func initOnFullDiskCanBeRetried() throws {
        let temp = TemporaryDirectory("cli-fault")
        for target in [temp.path + "/new", temp.path + "/empty"] {
            if target.hasSuffix("empty") { try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false) }
            let failed = try Self.run(["init", "--ledger", target], script: Self.fullDisk, in: temp.path)
            Self.expectNoCrash(failed, "init")
            #expect(failed.status == 2 && failed.err.contains("File too large"), "\(failed.err)")
            let retry = try Self.run(["init", "--ledger", target], in: temp.path)
            #expect(retry.status == 0, "retry of init at \(target): \(retry.err)")
            #expect(try Self.run(["verify", "--ledger", target], in: temp.path).status == 0)
        }
    }

    @Test("keygen on a full disk leaves no half-made key that blocks a retry")
    func keygenOnFullDiskCanBeRetried() throws {
        let temp = TemporaryDirectory("cli-fault")
        let failed = try Self.run(["keygen", "--out", "office.key"], script: Self.fullDisk, in: temp.path)
        Self.expectNoCrash(failed, "keygen")
        #expect(failed.status == 2 && failed.err.contains("File too large"), "\(failed.err)")
        #expect(!PosixFile.exists(temp.path + "/office.key") && !PosixFile.exists(temp.path + "/office.key.pub"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty, "no temporaries left")
        let retry = try Self.run(["keygen", "--out", "office.key"], in: temp.path)
        #expect(retry.status == 0, "\(retry.err)")
    }

    @Test("checkpoint --out on a full disk leaves no half-made checkpoint that blocks a retry")
    func checkpointOnFullDiskCanBeRetried() throws {
        let (temp, ledger) = try Self.prepared()
        let failed = try Self.run(["checkpoint", "--ledger", ledger, "--key", "k.key", "--out", "cp2.txt"], script: Self.fullDisk, in: temp.path)
        Self.expectNoCrash(failed, "checkpoint")
        #expect(failed.status == 2 && failed.err.contains("File too large"), "\(failed.err)")
        #expect(!PosixFile.exists(temp.path + "/cp2.txt"))
        let retry = try Self.run(["checkpoint", "--ledger", ledger, "--key", "k.key", "--out", "cp2.txt"], in: temp.path)
        #expect(retry.status == 0, "\(retry.err)")
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension CLIFaultTests {
    @Test("publish on a full disk leaves no half-written staging folder beside --out, and the retry works")
    func publishOnFullDiskLeavesNothing() throws {
        let (temp, ledger) = try CLIFaultTests.prepared()
        let publish = ["publish", "--ledger", ledger, "--community", "C1", "--period", "2024-01-01..2024-12-31",
                       "--checkpoint", "cp.txt", "--pubkey", "k.key.pub", "--out", "pub"]
        let before = try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted()
        let failed = try CLIFaultTests.run(publish, script: CLIFaultTests.fullDisk, in: temp.path)
        CLIFaultTests.expectNoCrash(failed, "publish")
        #expect(failed.status == 2 && failed.err.contains("File too large"), "\(failed.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == before, "nothing is left beside --out")
        let retry = try CLIFaultTests.run(publish, in: temp.path)
        #expect(retry.status == 0, "\(retry.err)")
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension CLIFaultTests {
    @Test("with standard error closed, an error's own message still reaches standard output")
    func closedStderrKeepsTheErrorMessage() throws {
        let (temp, ledger) = try CLIFaultTests.prepared()
        FileManager.default.createFile(atPath: temp.path + "/bad.jsonl", contents: Data(#"{"type":"x"}"#.utf8 + [0x0A]))
        let run = try CLIFaultTests.run(["append", "--ledger", ledger, "--file", "bad.jsonl"], script: "exec \"$@\" 2>&-", in: temp.path)
        CLIFaultTests.expectNoCrash(run, "append 2>&-")
        #expect(run.status == 2, "the command's own status: \(run.status)")
        #expect(run.out.contains("standard error"), "\(run.out)")
        #expect(run.out.contains("the batch was rejected") && run.out.contains("bad.jsonl:1"), "what was wrong is not lost: \(run.out)")
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension CLIFaultTests {
    @Test("import --allow-partial whose append fails leaves the file at --rejects as it was, not deleted")
    func failedImportKeepsTheOldRejectsFile() throws {
        let (temp, ledger) = try CLIFaultTests.prepared()
        FileManager.default.createFile(atPath: temp.path + "/reg2.csv", contents: Data(
            "编号,小区,类型,名称,位置,面积,登记日期\nA-7,C1,车位,车位7,东门,12.5,2024/3/1\nA-8,C1,车位,车位8,东门,abc,2024/3/1\n".utf8))
        let kept = Array("编号,小区,类型,名称,位置,面积,登记日期\nA-5,C1,车位,the clerk's fixes,东门,10,2024/3/1\n".utf8)
        FileManager.default.createFile(atPath: temp.path + "/fixes.csv", contents: Data(kept))
        let logBytes = try PosixFile(path: ledger + "/events.jsonl", mode: .read).readAll().count
        // The log may not grow (write(2) fails with EFBIG beyond it), the small rejects file may be written.
        let limit = "trap '' XFSZ; ulimit -f \(logBytes / 512); exec \"$@\""
        // An existing file is never a rejects file: refused before anything is read or appended.
        let refused = try CLIFaultTests.run(["import", "assets", "reg2.csv", "--ledger", ledger, "--allow-partial", "--rejects", "fixes.csv",
                                             "--actor", "clerk"], in: temp.path)
        #expect(refused.status == 2 && refused.err.contains("already exists"), "\(refused.status) \(refused.err)")
        #expect(try PosixFile(path: temp.path + "/fixes.csv", mode: .read).readAll() == kept, "the clerk's file was destroyed")
        // An append that fails leaves no rejects file behind.
        let failed = try CLIFaultTests.run(["import", "assets", "reg2.csv", "--ledger", ledger, "--allow-partial", "--rejects", "new.csv",
                                            "--actor", "clerk"], script: limit, in: temp.path)
        CLIFaultTests.expectNoCrash(failed, "import")
        #expect(failed.status == 2 && failed.err.contains("File too large"), "\(failed.status) \(failed.err)")
        #expect(!PosixFile.exists(temp.path + "/new.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.contains(".tmp-") }.isEmpty)
        let retry = try CLIFaultTests.run(["import", "assets", "reg2.csv", "--ledger", ledger, "--allow-partial", "--rejects", "rejects.csv",
                                           "--actor", "clerk"], in: temp.path)
        #expect(retry.status == 0, "\(retry.err)")
        #expect(PosixFile.exists(temp.path + "/rejects.csv"))
    }
}
