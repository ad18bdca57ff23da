import Foundation
import LedgerCLI
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Defects found by a fresh-eyes review of the issue-18 hardening: each test failed before its fix.
@Suite struct HardeningReviewTests {
    /// A batch of fund movements without ids: what a clerk appends each month. Nothing in the domain checks would
    /// catch it being appended twice (two payments of the same amount are legal), only the derived ids can.
    static let payments = [
        #"{"type":"fund.income","occurred_on":"2024-02-04","actor":"clerk","data":{"fund_id":"F1","amount_fen":50000,"category":"parking","counterparty":"x","voucher":"v2"}}"#,
        #"{"type":"fund.income","occurred_on":"2024-02-05","actor":"clerk","data":{"fund_id":"F1","amount_fen":70000,"category":"parking","counterparty":"y","voucher":"v3"}}"#,
    ]

    @Test("a retried id-less batch is recognised although it was re-saved with CR LF, a BOM, blank lines, spaces or no final LF",
          arguments: [
              "\u{FEFF}" + payments.joined(separator: "\r\n") + "\r\n",
              payments.joined(separator: "\n") + "\n\n\n",
              "\n" + payments.joined(separator: "\n\n") + "\n",
              payments.joined(separator: "\n"),
              payments.map { "  " + $0 + " \t" }.joined(separator: "\n") + "\n",
          ])
    func derivedIDsIgnoreLayout(_ resaved: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: Self.payments.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("appended 2 record(s)"), "\(cli.stdout)")
        #expect(cli.run(["append"], stdin: resaved) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("appended nothing"), "the same two payments were appended again: \(cli.stdout)")
        #expect(cli.run(["balances", "--as-of", "2024-12-31"]) == 0)
        #expect(cli.stdout.contains("1,200.00"), "income is counted once: \(cli.stdout)")
    }

    @Test("derived ids: the spec's vector, and the normalised input it is computed from")
    func derivedIDVectors() {
        let line = #"{"type":"test.note","occurred_on":"2024-01-01","actor":"a","data":{}}"#
        let canonical = Array(line.utf8) + [0x0A]
        #expect(EventInput.normalisedInput(canonical) == canonical, "an input of plain LF lines is its own normal form")
        #expect(EventInput.derivedID(inputDigest: SHA256.digest(canonical), eventNumber: 1) == "in-57450bb367f5225ffeab910eaedac83c-1")
        let resaved = Array(("\u{FEFF}\r\n " + line + "\t\r\n\r\n").utf8)
        #expect(EventInput.normalisedInput(resaved) == canonical)
    }
}

extension HardeningReviewTests {
    @Test("check-proof shows a record's names and data without raw C1 or bidi controls, quoting them exactly")
    func checkProofOutputIsNeutralised() throws {
        let cli = JSONOutputEscapingTests.prepared()
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp.txt"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["prove", "1", "--checkpoint", "cp.txt", "--out", "p.json"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["check-proof", "p.json", "--pubkey", "office.key.pub"], addLedger: false) == 0, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stdout, "check-proof")
        #expect(cli.stdout.contains(#"\u202e"#), "the value is shown exactly, escaped: \(cli.stdout)")
    }

    @Test("witness cosign and status show a checkpoint's origin without raw bidi controls")
    func witnessOutputIsNeutralised() throws {
        let cli = WitnessCommandTests().prepared()
        let office = try SignerKey(fileBytes: PosixFile(path: cli.temp.path + "/office.key", mode: .read).readAll(), file: "office.key")
        let origin = "badaguan\u{202E}live\u{2066}x"
        #expect(Checkpoint.isValidOrigin(origin), "a checkpoint may carry such an origin")
        let note = Checkpoint(origin: origin, size: 1, root: Digest32(hex: String(repeating: "ab", count: 32))!,
                              head: Digest32(hex: String(repeating: "cd", count: 32))!,
                              time: Timestamp(rfc3339: "2026-01-05T00:00:00Z")!).signed(by: [office])
        FileManager.default.createFile(atPath: cli.temp.path + "/evil.txt", contents: Data(note))
        #expect(cli.run(["witness", "cosign", "evil.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--out", "evil-w.txt"],
                        addLedger: false) == 0, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stdout, "witness cosign")
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 0, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stdout, "witness status")
        #expect(cli.stdout.contains(#"\u202e"#), "the origin is shown exactly, escaped: \(cli.stdout)")
    }
}

extension HardeningReviewTests {
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

extension HardeningReviewTests {
    @Test("keygen writes the private key only to a new regular file: never to standard output, a device or a FIFO",
          arguments: ["-", "/dev/null", "FIFO"])
    func keygenRefusesATargetThatCannotKeepTheKey(_ out: String) throws {
        let cli = CLIHarness()
        let fifo = cli.temp.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let target = out == "FIFO" ? fifo : out
        #expect(cli.run(["keygen", "--out", target], addLedger: false) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("new regular file"), "\(cli.stderr)")
        #expect(!cli.stdout.contains("PRIVATE+KEY"), "the private key was printed")
        #expect(!PosixFile.exists(cli.temp.path + "/-.pub") && !PosixFile.exists(target + ".pub"), "no public half without its private key")
    }
}

extension HardeningReviewTests {
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

extension HardeningReviewTests {
    @Test("witness cosign refuses a guarded --out before it records anything in the witness's state")
    func witnessCosignRefusesGuardedOutBeforeRecording() throws {
        let cli = WitnessCommandTests().prepared()
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--out", "ledger/w.txt"],
                        addLedger: false) == 2)
        #expect(cli.stderr.contains("inside the ledger directory"), "\(cli.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.temp.path + "/bureau/logs").isEmpty,
                "the witness recorded a cosignature it never handed out")
    }
}

extension HardeningReviewTests {
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

extension HardeningReviewTests {
    @Test("standard input is read within the limit of what it stands for, not always within append's 1 GiB")
    func standardInputIsReadWithinItsOwnLimit() throws {
        let temp = TemporaryDirectory("cli-stdin")
        var asked: [Int] = []
        let io = CommandIO(
            environment: ["USER": "t"],
            readStandardInput: { (bytesMax: Int) throws(CLIError) -> [UInt8] in asked.append(bytesMax); return Array(repeating: 0x61, count: 2 << 20) },
            writeOut: { _ in }, writeOutBytes: { _ in }, writeErr: { _ in }, now: { Timestamp(rfc3339: "2026-01-05T02:03:04Z")! },
            makeId: { "unused" }, stderrIsTerminal: false, currentDirectory: temp.path)
        #expect(LedgerCLI.run(arguments: ["init", "--ledger", "l"], io: io) == 0)
        #expect(LedgerCLI.run(arguments: ["checkpoint", "--ledger", "l", "--key", "-"], io: io) == 2)
        #expect(asked == [Limits.settingsFileBytesMax], "a key from standard input is read up to its own limit: \(asked)")
    }
}

extension HardeningReviewTests {
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

extension HardeningReviewTests {
    @Test("a line break inside a value of the append input cannot forge a line of the error report")
    func appendErrorsStayOneLinePerProblem() {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        let input = #"{"id":"x\nappended 9 record(s): seq 1–9","type":"test.note","occurred_on":"2024-01-01","actor":"a","data":{}}"# + "\n"
            + #"{"type":"test.note","occurred_on":"2024-01-01","actor":"a","data":{"k\u2028forged":1,"n":"\ud800"}}"# + "\n"
        #expect(cli.run(["append"], stdin: input) == 2)
        let lines = cli.stderr.split(separator: "\n")
        // One heading and one line per problem (a line may have several: issue 15), each naming its input line.
        #expect(lines.count >= 3 && lines.dropFirst().allSatisfy { $0.hasPrefix("  stdin:1: ") || $0.hasPrefix("  stdin:2: ") }, "\(cli.stderr)")
        #expect(lines.contains { $0.hasPrefix("  stdin:1: ") } && lines.contains { $0.hasPrefix("  stdin:2: ") }, "\(cli.stderr)")
        #expect(!lines.contains { $0.hasPrefix("appended") }, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stderr, "append error")
    }
}

extension HardeningReviewTests {
    @Test("witness cosign - run from inside a witness directory reads and writes standard streams, no file is guarded")
    func witnessCosignFromStandardInputInsideTheWitness() throws {
        let cli = WitnessCommandTests().prepared()
        let note = String(decoding: try PosixFile(path: cli.temp.path + "/cp1.txt", mode: .read).readAll(), as: UTF8.self)
        // Run with the current directory inside the witness: "-" is no file there.
        let io = CommandIO(environment: [:], readStandardInput: { Array(note.utf8) }, writeOut: { cli.stdout += $0 },
                           writeOutBytes: { cli.stdout += String(decoding: $0, as: UTF8.self) }, writeErr: { cli.stderr += $0 },
                           now: { Timestamp(rfc3339: "2026-01-05T02:03:04Z")! }, makeId: { "unused" }, stderrIsTerminal: false,
                           currentDirectory: cli.temp.path + "/bureau")
        cli.stdout = ""
        cli.stderr = ""
        #expect(LedgerCLI.run(arguments: ["witness", "cosign", "-", "--pubkey", "../office.key.pub", "--witness", "."], io: io) == 0, "\(cli.stderr)")
        #expect(cli.stdout.hasPrefix(note) && cli.stdout.count > note.count, "\(cli.stdout)")
    }
}
