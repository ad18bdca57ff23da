import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Every file the CLI writes goes through one guard: never into a ledger directory, never through a planted
/// symbolic link, never by renaming over something that is not a regular file, keeping the mode of the file it
/// replaces, and leaving no temporary behind (issue 18, items 1–3 and 10).
@Suite struct OutputSafetyTests {
    /// A ledger with three records, a key pair, a checkpoint and a register, in the harness's folder.
    static func prepared() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "guard"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp.txt"]) == 0)
        let register = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C1,车位,车位1,东门,12.5,2024/3/1\nA-2,C1,飞船,x,东门,1,2024/3/1\n"
        FileManager.default.createFile(atPath: cli.temp.path + "/reg.csv", contents: Data(register.utf8))
        return cli
    }

    /// The bytes of every file under `path`, by relative name (links listed as their target).
    static func snapshot(_ path: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let manager = FileManager.default
        for name in (manager.subpaths(atPath: path) ?? []).sorted() {
            let full = path + "/" + name
            if let target = try? manager.destinationOfSymbolicLink(atPath: full) {
                out[name] = Array(("-> " + target).utf8)
            } else if !PosixFile.isDirectory(full) {
                out[name] = (try? PosixFile(path: full, mode: .read).readAll()) ?? []
            }
        }
        return out
    }

    /// Command lines that write the file `OUT` (placeholder replaced by each test).
    static let writers: [[String]] = [
        ["rectify", "--as-of", "2025-01-01", "--out", "OUT"],
        ["rectify", "--as-of", "2025-01-01", "--format", "html", "--out", "OUT"],
        ["prove", "1", "--checkpoint", "cp.txt", "--out", "OUT"],
        ["checkpoint", "--key", "office.key", "--out", "OUT"],
        ["import", "assets", "reg.csv", "--allow-partial", "--rejects", "OUT", "--recorded-at", "2025-01-01T00:00:00Z"],
        ["keygen", "--out", "OUT"],
    ]

    static func line(_ command: [String], _ out: String) -> [String] { command.map { $0 == "OUT" ? out : $0 } }

    @Test("no command writes into the ledger directory", arguments: writers)
    func outputsInsideTheLedgerAreRefused(_ command: [String]) {
        let cli = Self.prepared()
        for name in ["events.jsonl", "ledger.json", "lock", "index/merkle.idx", "new-file.txt", "index/new", "."] {
            let before = Self.snapshot(cli.ledgerPath)
            let status = cli.run(Self.line(command, cli.ledgerPath + "/" + name))
            #expect(status == 2, "\(command) --out LEDGER/\(name): status \(status) \(cli.stderr)")
            #expect(cli.stderr.contains("ledger directory"), "\(cli.stderr)")
            #expect(Self.snapshot(cli.ledgerPath) == before, "\(command) changed the ledger writing \(name)")
        }
        #expect(cli.run(["verify"]) == 0)
    }

    @Test("no command writes into another ledger's directory either", arguments: writers)
    func outputsInsideAnotherLedgerAreRefused(_ command: [String]) {
        let cli = Self.prepared()
        let other = cli.temp.path + "/other"
        #expect(cli.run(["init", "--ledger", other, "--name", "other"], addLedger: false) == 0)
        #expect(cli.run(["append", "--ledger", other], stdin: CoreCommandTests.events, addLedger: false) == 0)
        let before = Self.snapshot(other)
        for name in ["events.jsonl", "lock", "report.html"] {
            let status = cli.run(Self.line(command, other + "/" + name))
            #expect(status == 2, "\(command) --out OTHER/\(name): status \(status) \(cli.stderr)")
            #expect(cli.stderr.contains("ledger directory"), "\(cli.stderr)")
        }
        #expect(Self.snapshot(other) == before)
    }

    @Test("a symbolic link planted at the old temporary name is never followed", arguments: writers)
    func plantedTemporaryLinkIsNotFollowed(_ command: [String]) {
        let cli = Self.prepared()
        let victim = cli.temp.path + "/victim.txt"
        FileManager.default.createFile(atPath: victim, contents: Data("precious\n".utf8))
        let out = cli.temp.path + "/out.file"
        // The predictable names used before: OUT.tmp-PID (this process runs the command in-process).
        for name in [out + ".tmp-\(getpid())", out + ".pub.tmp-\(getpid())"] {
            try? FileManager.default.createSymbolicLink(atPath: name, withDestinationPath: victim)
        }
        let status = cli.run(Self.line(command, out))
        #expect(status == 0, "\(command): \(cli.stderr)")
        #expect(try! PosixFile(path: victim, mode: .read).readAll() == Array("precious\n".utf8), "\(command) wrote through the link")
        #expect(PosixFile.exists(out))
        // No temporary of ours is left behind.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cli.temp.path)) ?? []
        #expect(!left.contains { $0.contains(".tmp") && !$0.hasSuffix(".tmp-\(getpid())") }, "\(left)")
    }

    @Test("replacing an existing report keeps its mode")
    func replacingKeepsTheMode() throws {
        let cli = Self.prepared()
        let out = cli.temp.path + "/report.txt"
        FileManager.default.createFile(atPath: out, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(cli.run(["rectify", "--as-of", "2025-01-01", "--out", out]) == 0, "\(cli.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        #expect(mode == 0o600, "mode is \(String(mode, radix: 8))")
        #expect(try! PosixFile(path: out, mode: .read).readAll() != Array("old\n".utf8))
    }

    @Test("rectify --out never replaces the policy, checkpoint or key it reads")
    func rectifyOutIsNotAnInput() throws {
        let cli = Self.prepared()
        FileManager.default.createFile(atPath: cli.temp.path + "/p.json", contents: Data("{}".utf8))
        let before = Self.snapshot(cli.temp.path)
        for command in [["rectify", "--policy", "p.json", "--out", "./p.json"],
                        ["rectify", "--checkpoint", "cp.txt", "--pubkey", "office.key.pub", "--out", "cp.txt"],
                        ["rectify", "--checkpoint", "cp.txt", "--pubkey", "office.key.pub", "--out", "office.key.pub"]] {
            #expect(cli.run(command) == 2, "\(command)")
            #expect(cli.stderr.contains("write the report to another file"), "\(cli.stderr)")
        }
        #expect(Self.snapshot(cli.temp.path) == before)
    }

    @Test("--out onto a directory is refused and the directory stays")
    func outOntoADirectoryIsRefused() {
        let cli = Self.prepared()
        let dir = cli.temp.path + "/reports"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        #expect(cli.run(["rectify", "--as-of", "2025-01-01", "--out", dir]) == 2)
        #expect(cli.stderr.contains("directory"), "\(cli.stderr)")
        #expect(PosixFile.isDirectory(dir))
    }

    @Test("--out onto a FIFO nobody reads is refused clearly, and the FIFO is not replaced")
    func outOntoAnUnreadFIFOIsRefused() throws {
        let cli = Self.prepared()
        let fifo = cli.temp.path + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(cli.run(["rectify", "--as-of", "2025-01-01", "--out", fifo]) == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("FIFO") && cli.stderr.contains("read"), "\(cli.stderr)")
        #expect(PosixFile.kind(at: fifo) == .fifo)
    }

    @Test("--out onto a FIFO with a reader writes into it; the FIFO stays a FIFO")
    func outOntoAReadFIFOWritesIntoIt() throws {
        let cli = Self.prepared()
        let fifo = cli.temp.path + "/pipe", captured = cli.temp.path + "/captured"
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "exec cat \"$1\" > \"$2\"", "sh", fifo, captured]
        try reader.run()
        defer { if reader.isRunning { reader.terminate() } }
        // Wait (bounded) until the reader has the FIFO open, so the non-blocking open on our side finds it.
        var status: Int32 = 2
        for _ in 0..<200 {
            status = cli.run(["rectify", "--as-of", "2025-01-01", "--out", fifo])
            if status == 0 { break }
            usleep(10_000)
        }
        #expect(status == 0, "\(cli.stderr)")
        reader.waitUntilExit()
        #expect(PosixFile.kind(at: fifo) == .fifo)
        let text = String(decoding: try PosixFile(path: captured, mode: .read).readAll(), as: UTF8.self)
        #expect(text.contains("整改清单") || text.contains("guard"), "\(text.prefix(200))")
    }

    @Test("--out onto a character device writes to it without replacing it (root: mknod)",
          .enabled(if: ProcessSignal.isRoot, "only root can make a device node"))
    func outOntoADeviceWritesThrough() throws {
        let cli = Self.prepared()
        let device = cli.temp.path + "/null"
        let mknod = Process()
        mknod.executableURL = URL(fileURLWithPath: "/bin/mknod")
        mknod.arguments = [device, "c", "1", "3"]
        try mknod.run()
        mknod.waitUntilExit()
        try #require(mknod.terminationStatus == 0, "mknod failed")
        #expect(cli.run(["rectify", "--as-of", "2025-01-01", "--out", device]) == 0, "\(cli.stderr)")
        #expect(PosixFile.kind(at: device) == .characterDevice)
        #expect(cli.run(["prove", "1", "--checkpoint", "cp.txt", "--out", device]) == 0, "\(cli.stderr)")
        #expect(PosixFile.kind(at: device) == .characterDevice)
    }

    @Test("checkpoint --out and keygen --out never overwrite, and leave no file when refused")
    func newOnlyOutputs() {
        let cli = Self.prepared()
        let cp = try! PosixFile(path: cli.temp.path + "/cp.txt", mode: .read).readAll()
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp.txt"]) == 2)
        #expect(cli.stderr.contains("already exists"))
        #expect(try! PosixFile(path: cli.temp.path + "/cp.txt", mode: .read).readAll() == cp)
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 2)
        FileManager.default.createFile(atPath: cli.temp.path + "/b.key.pub", contents: Data("x".utf8))
        #expect(cli.run(["keygen", "--out", "b.key"], addLedger: false) == 2)
        #expect(!PosixFile.exists(cli.temp.path + "/b.key"), "the private half of a refused pair is not left behind")
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension OutputSafetyTests {
    @Test("the output guard refuses a witness directory and never replaces a private key", arguments: [
        ["rectify", "--out", "bureau/witness.key"], ["rectify", "--out", "bureau/logs/x.json"], ["rectify", "--out", "bureau/"],
        ["rectify", "--out", "office.key"], ["prove", "1", "--checkpoint", "cp1.txt", "--out", "office.key"],
        ["rectify", "--out", "bureau-link/witness.key"],
    ])
    func witnessFilesAndKeysAreNeverReplaced(_ command: [String]) throws {
        let cli = WitnessCommandTests().prepared()
        try FileManager.default.createSymbolicLink(atPath: cli.temp.path + "/bureau-link", withDestinationPath: "bureau")
        let before = OutputSafetyTests.snapshot(cli.temp.path + "/bureau")
        let key = try PosixFile(path: cli.temp.path + "/office.key", mode: .read).readAll()
        #expect(cli.run(command) == 2, "\(command): \(cli.stdout)")
        let expected = command.last!.hasPrefix("office") ? "private key" : "witness directory"
        #expect(cli.stderr.contains(expected), "\(command): \(cli.stderr)")
        #expect(OutputSafetyTests.snapshot(cli.temp.path + "/bureau") == before)
        #expect(try PosixFile(path: cli.temp.path + "/office.key", mode: .read).readAll() == key)
    }
}
