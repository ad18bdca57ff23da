import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// keygen, checkpoint, verify --checkpoint, prove and check-proof end to end, with their exit codes.
@Suite struct AuditCommandTests {
    static let events = CoreCommandTests.events
    static func more(_ n: Int, _ prefix: String = "m") -> String {
        (0..<n).map { i in
            #"{"id":"\#(prefix)\#(i)","type":"fund.opened","occurred_on":"2024-02-0\#(i % 9 + 1)","data":{"fund_id":"F-\#(prefix)\#(i)","community_id":"C1","kind":"maintenance","account":"6222-9\#(i)"}}"#
        }.joined(separator: "\n") + "\n"
    }

    /// A ledger with 3 records, a key pair and a checkpoint of it.
    func prepared() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "badaguan"]) == 0)
        #expect(cli.run(["append"], stdin: Self.events) == 0)
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp1.txt"]) == 0)
        return cli
    }

    func file(_ cli: CLIHarness, _ name: String) -> [UInt8] { try! PosixFile(path: cli.temp.path + "/" + name, mode: .read).readAll() }
    func write(_ cli: CLIHarness, _ name: String, _ bytes: [UInt8]) { try! PosixFile.writeAtomically(bytes, to: cli.temp.path + "/" + name) }

    @Test func keygenWritesAPrivateAndAPublicKeyAndNeverOverwrites() throws {
        let cli = CLIHarness()
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        var info = stat()
        #expect(stat(cli.temp.path + "/office.key", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let pub = String(decoding: file(cli, "office.key.pub"), as: UTF8.self)
        #expect(pub.hasPrefix("office+") && pub.hasSuffix("\n") && pub.split(separator: "+").count >= 3)
        #expect(String(decoding: file(cli, "office.key"), as: UTF8.self).hasPrefix("PRIVATE+KEY+office+"))
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 2)
        #expect(cli.stderr.contains("already exists"))
        #expect(cli.run(["keygen", "--out", "x.key", "--name", "has space"], addLedger: false) == 2)
    }

    /// The auditor's commands report in Chinese under `--lang zh` (they were English whatever the language).
    @Test func auditorWorkflowInChinese() {
        let cli = prepared()
        #expect(cli.run(["keygen", "--out", "zh.key", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.stdout.hasPrefix("私钥：zh.key（权限 0600；务必保密）\n公钥：zh.key.pub（请公布）\n"))
        #expect(cli.run(["append"], stdin: Self.more(5)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt", "--lang", "zh"]) == 0)
        #expect(cli.stdout.hasPrefix("账本“badaguan”的检查点已写入 cp2.txt\n记录数：8\n根："))
        #expect(cli.run(["prove", "2", "--checkpoint", "cp2.txt", "--out", "b2.json", "--lang", "zh"]) == 0)
        #expect(cli.stdout.hasPrefix("第 2 条记录（共 8 条）的证明包已写入 b2.json（"))
        #expect(cli.run(["check-proof", "b2.json", "--pubkey", "office.key.pub", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.stdout.hasPrefix("证明：有效（VALID）\n账本：badaguan\n记录：第 2 条（共 8 条）\nid：a2\n类型(type)："))
        #expect(cli.stdout.contains("\n签名者："))
        #expect(cli.run(["consistency", "--from", "3", "--checkpoint", "cp2.txt", "--out", "req.txt", "--lang", "zh"]) == 0)
        #expect(cli.stdout.hasPrefix("从 3 条记录到 cp2.txt 的一致性证明已写入 req.txt（"))
    }

    @Test func auditorWorkflowHappyPath() {
        let cli = prepared()
        #expect(cli.stdout.contains("records: 3"))
        #expect(cli.run(["append"], stdin: Self.more(5)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        #expect(cli.run(["append"], stdin: Self.more(8, "n")) == 0)
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--checkpoint", "cp2.txt", "--pubkey", "office.key.pub"]) == 0)
        #expect(cli.stdout.contains("records: 16"))
        #expect(cli.stdout.contains("checkpoint cp1.txt (3 records"))
        #expect(cli.stdout.contains("consistency proof 3 → 16"))
        #expect(cli.stdout.contains("consistency proof 8 → 16"))
        #expect(cli.run(["verify", "--json", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 0)
        #expect(cli.stdout.contains("\"consistent\":true"))
        #expect(cli.run(["prove", "2", "--checkpoint", "cp2.txt", "--out", "b2.json"]) == 0)
        #expect(cli.run(["check-proof", "b2.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
        #expect(cli.stdout.hasPrefix("proof: VALID\nledger: badaguan\nrecord: seq 2 of 8\nid: a2\n"))
        // SEQ beyond the checkpoint: a usage problem, not an integrity failure.
        #expect(cli.run(["prove", "9", "--checkpoint", "cp2.txt"]) == 2)
        #expect(cli.stderr.contains("covers records 1…8"))
    }

    @Test func rewrittenAndRehashedLogFailsVerifyWithACheckpoint() throws {
        let cli = prepared()
        #expect(cli.run(["append"], stdin: Self.more(4)) == 0)
        // Rewrite record 2 (the fund's account) and recompute every hash after it.
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let sha = SHA256()
        var prev = Record.genesisPrev
        var out: [UInt8] = []
        for line in TestLedger.logBytes(directory).split(separator: 0x0A) {
            let r = try RecordCodec.decode(line: line)
            let event = r.seq == 2 ? r.event.editingData { $0["account"] = .string("9999-99") } : r.event
            let (encoded, hash) = RecordCodec.encode(event: event, id: r.id, actor: r.actor, seq: r.seq, prev: prev,
                                                     batchFirst: r.batchFirst, batchLast: r.batchLast, recordedAt: r.recordedAt, hasher: sha)
            out += encoded + [0x0A]
            prev = hash
        }
        TestLedger.writeLog(out, to: directory)
        // The acknowledged head catches the rewrite of the last record; whoever rewrites the log can remove it too.
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("acknowledged records are lost: record 7 has hash"))
        try PosixFile.remove(directory.acknowledgedPath)
        #expect(cli.run(["verify"]) == 0, "the chain alone cannot see a rehashed rewrite")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("HISTORY REWRITTEN"))
        #expect(cli.stdout.contains("result: INTEGRITY FAILURE"))
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt"]) == 1)
        #expect(cli.stderr.contains("does not match cp1.txt"))
    }

    @Test func truncatedLogFailsVerifyWithACheckpoint() throws {
        let cli = prepared()
        #expect(cli.run(["append"], stdin: Self.more(1)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        // Remove the last batch (record 4): what remains is a valid, shorter chain.
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let lines = TestLedger.logBytes(directory).split(separator: 0x0A)
        TestLedger.writeLog(lines.prefix(3).flatMap { Array($0) + [UInt8(0x0A)] }, to: directory)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("the writer acknowledged records up to seq 4"))
        // Whoever removes records can remove the acknowledged head too; the checkpoint still catches it.
        try PosixFile.remove(directory.acknowledgedPath)
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--checkpoint", "cp2.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("checkpoint cp1.txt (3 records, 2026-01-05T02:03:04Z, signed by office): consistent"))
        #expect(cli.stdout.contains("covers 4 records but the log now has only 3: record 4 was removed"))
    }

    @Test func badSignatureAndWrongKeyAreRejected() {
        let cli = prepared()
        #expect(cli.run(["keygen", "--out", "other.key", "--name", "office"], addLedger: false) == 0)
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "other.key.pub"]) == 1)
        #expect(cli.stderr.contains("not signed by the key office+"))
        let forged = String(decoding: file(cli, "cp1.txt"), as: UTF8.self).replacingOccurrences(of: "\n3\n", with: "\n2\n")
        write(cli, "forged.txt", Array(forged.utf8))
        #expect(cli.run(["verify", "--checkpoint", "forged.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stderr.contains("signature by office does not verify"))
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt"]) == 2)
        #expect(cli.stderr.contains("--pubkey PUB is required"))
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key"]) == 2)
        #expect(cli.stderr.contains("this is a private key; give the public key file"))
        write(cli, "junk.pub", Array("not a key\n".utf8))
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "junk.pub"]) == 2)
    }

    @Test func changedBundleIsRejected() {
        let cli = prepared()
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "b.json"]) == 0)
        let bundle = file(cli, "b.json")
        var random = SplitMix64(seed: 6)
        for _ in 0..<40 {
            var changed = bundle
            let position = Int(random.next() % UInt64(bundle.count))
            changed[position] ^= UInt8(1 << (random.next() % 7))
            write(cli, "changed.json", changed)
            #expect(cli.run(["check-proof", "changed.json", "--pubkey", "office.key.pub"], addLedger: false) == 1, "byte \(position)")
            #expect(cli.stderr.hasPrefix("error: proof REJECTED: changed.json"))
        }
        #expect(cli.run(["keygen", "--out", "other.key"], addLedger: false) == 0)
        #expect(cli.run(["check-proof", "b.json", "--pubkey", "other.key.pub"], addLedger: false) == 1)
    }

    @Test func checkpointOfAnEmptyOrBrokenLedgerIsRefused() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["keygen", "--out", "k.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "k.key"]) == 2)
        #expect(cli.stderr.contains("nothing to sign"))
        #expect(cli.run(["append"], stdin: Self.events) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var bytes = TestLedger.logBytes(directory)
        bytes[bytes.count - 10] ^= 0x01
        TestLedger.writeLog(bytes, to: directory)
        #expect(cli.run(["checkpoint", "--key", "k.key"]) == 1)
        #expect(cli.stderr.contains("is not signed"))
    }
}

/// `ledger rectify --checkpoint --pubkey`: the report names a signed state of the log, and refuses a log that
/// is not an extension of it.
@Suite struct RectifyCheckpointTests {
    @Test func theReportNamesAVerifiedCheckpointAndRefusesARewrittenLog() throws {
        let cli = AuditCommandTests().prepared()
        #expect(cli.run(["rectify", "--as-of", "2024-12-31", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 0)
        #expect(cli.stdout.contains("签名存证      badaguan，共3条记录，默克尔树根"))
        #expect(cli.stdout.contains("，公钥office"))
        #expect(cli.run(["rectify", "--checkpoint", "cp1.txt"]) == 2)
        #expect(cli.stderr.contains("--pubkey PUB is required"))
        // Rewrite record 2 and recompute every hash: plain verify passes, the checkpoint does not.
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let records = try VerifiedLog.read(directory).records
        var events = records.map(\.event)
        events[1] = events[1].editingData { $0["account"] = .string("6222-99") }
        let otherTemp = TemporaryDirectory()
        let other = try LedgerDirectory.create(at: otherTemp.path + "/l", name: "badaguan", createdAt: TestLedger.recordedAt)
        try TestLedger.append(events, to: other)
        TestLedger.writeLog(TestLedger.logBytes(other), to: directory)
        try PosixFile.remove(directory.acknowledgedPath)   // as whoever rewrites the log would
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.run(["rectify", "--as-of", "2024-12-31", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stderr.contains("checkpoint cp1.txt:"))
        #expect(cli.stdout.isEmpty)
    }
}

@Suite struct CheckpointOverwriteTests {
    @Test func anEarlierCheckpointFileIsNeverOverwritten() {
        let cli = AuditCommandTests().prepared()
        let before = AuditCommandTests().file(cli, "cp1.txt")
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(2)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp1.txt"]) == 2)
        #expect(cli.stderr.contains("already exists; checkpoints (evidence of the log as it was) are never overwritten"))
        #expect(AuditCommandTests().file(cli, "cp1.txt") == before)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
    }
}

/// Findings for the audit commands: outputs that would replace the key or checkpoint they were made from.
@Suite struct AuditOutputFileTests {
    func file(_ cli: CLIHarness, _ name: String) -> [UInt8] { try! PosixFile(path: cli.temp.path + "/" + name, mode: .read).readAll() }

    @Test func checkpointNeverOverwritesTheKeyFiles() {
        let cli = AuditCommandTests().prepared()
        let key = file(cli, "office.key"), pub = file(cli, "office.key.pub")
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "office.key"]) == 2)
        #expect(cli.stderr.contains("--out"))
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "office.key.pub"]) == 2)
        #expect(file(cli, "office.key") == key)
        #expect(file(cli, "office.key.pub") == pub)
    }

    @Test func proveNeverOverwritesTheCheckpoint() {
        let cli = AuditCommandTests().prepared()
        let checkpoint = file(cli, "cp1.txt")
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "cp1.txt"]) == 2)
        #expect(cli.stderr.contains("--out"))
        #expect(file(cli, "cp1.txt") == checkpoint)
    }
}

/// The Merkle index is a cache: a damaged offset must send `prove` to a rebuild, never trap on arithmetic.
@Suite struct ProveDamagedIndexTests {
    @Test func damagedOffsetDoesNotCrashProve() throws {
        let cli = AuditCommandTests().prepared()
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", "b1.json"]) == 0)
        let path = cli.ledgerPath + "/index/offsets.idx"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        // Record 1's offset (after the 32-byte header) becomes Int64.min: end − start overflowed.
        bytes.replaceSubrange(32..<40, with: [0x80, 0, 0, 0, 0, 0, 0, 0])
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", "b1again.json"]) == 0)
        #expect(cli.run(["check-proof", "b1again.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
    }
}

/// Outputs that replace files (checkpoint, proof bundle, rejects file) never land in the ledger directory.
@Suite struct OutputOutsideLedgerTests {
    @Test func outputsNeverReplaceLedgerFiles() throws {
        let cli = AuditCommandTests().prepared()
        let events = cli.ledgerPath + "/events.jsonl"
        let before = try PosixFile(path: events, mode: .read).readAll()
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "ledger/events.jsonl"]) == 2)
        #expect(cli.stderr.contains("inside the ledger directory"))
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", events]) == 2)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "ledger/ledger.json"]) == 2)
        try PosixFile.writeAtomically(Array("编号,小区,类型,名称,位置,面积,登记日期\nA-1,C1,车位,车位1,东门,abc,2024/3/1\n".utf8),
                                      to: cli.temp.path + "/r.csv")
        #expect(cli.run(["import", "assets", "r.csv", "--allow-partial", "--rejects", "ledger/events.jsonl"]) == 2)
        // Roundabout spellings and a symbolic link into the ledger are caught too.
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "./ledger/../ledger/events.jsonl"]) == 2)
        #expect(symlink(cli.ledgerPath, cli.temp.path + "/alias") == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "alias/events.jsonl"]) == 2)
        #expect(cli.stderr.contains("inside the ledger directory"))
        #expect(cli.run(["import", "assets", "r.csv", "--rejects", "out.csv"]) == 2)
        #expect(cli.stderr.contains("only --allow-partial writes"))
        #expect(try PosixFile(path: events, mode: .read).readAll() == before)
        #expect(cli.run(["verify"]) == 0)
        // Elsewhere is fine.
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp-elsewhere.txt"]) == 0)
    }
}
