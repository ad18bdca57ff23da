import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Found by the fresh-eyes review of the auditor's workflow (review 35d); each test failed before its fix.
@Suite struct EvidenceReview35Tests {
    let audit = AuditCommandTests()

    func exists(_ cli: CLIHarness, _ name: String) -> Bool { PosixFile.exists(cli.temp.path + "/" + name) }
    func text(_ cli: CLIHarness, _ name: String) -> String { String(decoding: audit.file(cli, name), as: UTF8.self) }
    func later(_ time: Timestamp, _ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: time.secondsSinceEpoch + seconds) }

    // MARK: #1 checkpoint --time

    /// A checkpoint dated ahead let `publish` treat a period that had not ended as ended, and a witness cosigned it.
    @Test func checkpointRefusesATimeLaterThanNow() {
        let cli = audit.prepared()
        #expect(cli.run(["checkpoint", "--key", "office.key", "--time", "2030-01-01T00:00:00Z", "--out", "future.txt"]) == 2)
        #expect(cli.stderr.contains("--time 2030-01-01T00:00:00Z is later than now (2026-01-05T02:03:04Z, allowing 5 minutes of clock difference)"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("nothing was signed"))
        #expect(!exists(cli, "future.txt"))
        #expect(cli.run(["checkpoint", "--key", "office.key", "--time", "2030-01-01T00:00:00Z", "--out", "future.txt", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("--time 2030-01-01T00:00:00Z 晚于当前时间（2026-01-05T02:03:04Z，已允许 5 分钟的时钟误差）"), "\(cli.stderr)")
        // Within the allowed clock difference, and exactly at its edge, it signs.
        #expect(cli.run(["checkpoint", "--key", "office.key", "--time", later(cli.clock, 300).description, "--out", "edge.txt"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["checkpoint", "--key", "office.key", "--time", later(cli.clock, 301).description, "--out", "over.txt"]) == 2)
        #expect(!exists(cli, "over.txt"))
    }

    @Test func checkpointRefusesATimeBeforeItsLastRecord() {
        let cli = audit.prepared()
        // The records were appended at the harness's clock, 2026-01-05T02:03:04Z.
        #expect(cli.run(["checkpoint", "--key", "office.key", "--time", "2000-01-01T00:00:00Z", "--out", "past.txt"]) == 2)
        #expect(cli.stderr.contains("the checkpoint's time 2000-01-01T00:00:00Z is before record 3, its last record, was recorded (recorded_at 2026-01-05T02:03:04Z)"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("Give a --time from 2026-01-05T02:03:04Z on"))
        #expect(!exists(cli, "past.txt"))
        #expect(cli.run(["checkpoint", "--key", "office.key", "--time", "2000-01-01T00:00:00Z", "--out", "past.txt", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("检查点时间 2000-01-01T00:00:00Z 早于其最后一条记录（记录 3）的记录时间（recorded_at 2026-01-05T02:03:04Z）"), "\(cli.stderr)")
        // The clock itself behind the records: said as a clock to set right.
        cli.clock = later(cli.clock, -3_600)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "clock.txt"]) == 2)
        #expect(cli.stderr.contains("This computer's clock (now 2026-01-05T01:03:04Z) is behind"), "\(cli.stderr)")
        #expect(!exists(cli, "clock.txt"))
    }

    /// publish trusts the checkpoint's date for "the period has ended": a checkpoint dated ahead is refused.
    @Test func publishRefusesACheckpointDatedAhead() {
        let cli = audit.prepared()
        cli.clock = later(cli.clock, -86_400)
        #expect(cli.run(["publish", "--community", "C1", "--period", "2024-01-01..2024-12-31", "--checkpoint", "cp1.txt",
                         "--pubkey", "office.key.pub", "--out", "pub"]) == 2)
        #expect(cli.stderr.contains("cp1.txt is dated 2026-01-05T02:03:04Z, later than now (2026-01-04T02:03:04Z"), "\(cli.stderr)")
        #expect(!exists(cli, "pub"))
    }

    /// verify fails a checkpoint dated ahead of its clock, or before its own last record; the witness refuses the first.
    @Test func verifyAndWitnessJudgeACheckpointsTime() {
        let cli = audit.prepared()
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 0)
        // Seen a day earlier (a checkpoint dated a day ahead of the reader's clock).
        let signed = cli.clock
        cli.clock = later(signed, -86_400)
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("FAILED\n  TIME NOT CREDIBLE: it is dated 2026-01-05T02:03:04Z, later than now (2026-01-04T02:03:04Z"), "\(cli.stdout)")
        #expect(cli.stdout.contains("result: CHECKPOINT TIME NOT CREDIBLE"))
        #expect(!cli.stdout.contains("result: INTEGRITY FAILURE"))
        #expect(cli.run(["verify", "--json", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("\"time_problem\":\"it is dated 2026-01-05T02:03:04Z, later than now"))
        #expect(cli.stdout.contains("\"status\":\"checkpoint_time_not_credible\""), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("时间不可信（TIME NOT CREDIBLE）：它的日期是 2026-01-05T02:03:04Z，晚于当前时间"), "\(cli.stdout)")
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan-zhujianju"], addLedger: false) == 0)
        let note = audit.file(cli, "cp1.txt")
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 2)
        #expect(cli.stderr.contains("not cosigned: cp1.txt is dated 2026-01-05T02:03:04Z, later than now"), "\(cli.stderr)")
        #expect(audit.file(cli, "cp1.txt") == note)
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 0)
        #expect(cli.stdout.contains("no ledger cosigned yet"), "nothing was recorded")
        cli.clock = signed
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0)

        // A checkpoint dated before its last record (as an older version signed with --time): verify fails it.
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(2)) == 0)
        cli.clock = later(signed, 3_600)
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(1, "n")) == 0)
        let key = try! SignerKey(fileBytes: audit.file(cli, "office.key"), file: "office.key")
        let directory = try! LedgerDirectory.open(cli.ledgerPath)
        let tree = try! LedgerAudit.scanTree(directory)
        let backdated = Checkpoint(origin: "badaguan", size: UInt64(tree.summary.recordCount), root: tree.root, head: tree.summary.headHash,
                                   time: signed)
        audit.write(cli, "backdated.txt", backdated.signed(by: [key]))
        #expect(cli.run(["verify", "--checkpoint", "backdated.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("TIME NOT CREDIBLE: it is dated 2026-01-05T02:03:04Z, before its last record, record 6, was recorded (recorded_at 2026-01-05T03:03:04Z)"),
                "\(cli.stdout)")
    }

    // MARK: #2 evidence is never overwritten

    @Test func proveAndConsistencyNeverOverwriteCheckpointsOrKeys() {
        let cli = audit.prepared()
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp-victim.txt"]) == 0)
        let victim = audit.file(cli, "cp-victim.txt"), pub = audit.file(cli, "office.key.pub")
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "cp-victim.txt"]) == 2)
        #expect(cli.stderr.contains("--out \"cp-victim.txt\" is a signed checkpoint; checkpoints are never overwritten"), "\(cli.stderr)")
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "office.key.pub"]) == 2)
        #expect(cli.stderr.contains("is a public key; keys are never overwritten"), "\(cli.stderr)")
        #expect(cli.run(["consistency", "--from", "1", "--checkpoint", "cp1.txt", "--out", "cp-victim.txt"]) == 2)
        #expect(cli.run(["consistency", "--from", "1", "--checkpoint", "cp1.txt", "--out", "office.key.pub", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("--out “office.key.pub”是公钥；密钥从不覆盖"), "\(cli.stderr)")
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "office.key"]) == 2)
        #expect(cli.stderr.contains("holds a private key"))
        #expect(audit.file(cli, "cp-victim.txt") == victim && audit.file(cli, "office.key.pub") == pub)
        // A cosigned checkpoint is a checkpoint too; rectify --out passes the same guard.
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan-zhujianju"], addLedger: false) == 0)
        #expect(cli.run(["witness", "cosign", "cp-victim.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0)
        let cosigned = audit.file(cli, "cp-victim.txt")
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "cp-victim.txt"]) == 2)
        #expect(cli.run(["rectify", "--out", "cp-victim.txt"]) == 2)
        #expect(cli.stderr.contains("is a signed checkpoint; checkpoints are never overwritten"), "\(cli.stderr)")
        #expect(audit.file(cli, "cp-victim.txt") == cosigned)
        // Anything else is replaced, as every report is: a bundle made again, or a text file.
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "b.json"]) == 0)
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "b.json"]) == 0, "\(cli.stderr)")
        audit.write(cli, "notes.txt", Array("notes\n".utf8))
        #expect(cli.run(["consistency", "--from", "1", "--checkpoint", "cp1.txt", "--out", "notes.txt"]) == 0, "\(cli.stderr)")
    }

    // MARK: #3 and #7 verify's words on a broken log

    @Test func aReplacedAcknowledgedRecordTrustsNothingBeforeIt() throws {
        let cli = audit.prepared()
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(4)) == 0)
        // Rewrite record 2 and recompute every hash after it: only the acknowledged head still sees it.
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
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("failing record: seq 7, line 7"), "\(cli.stdout)")
        #expect(cli.stdout.contains("what was changed may lie in any record from 1 to 7"))
        #expect(cli.stdout.contains("records before it: none can be trusted."))
        #expect(!cli.stdout.contains("7 intact") && !cli.stdout.contains("first bad record"))
        #expect(cli.stdout.contains("(\(directory.acknowledgedPath))") && !cli.stdout.contains("LEDGER/acknowledged"), "\(cli.stdout)")
        #expect(cli.stdout.contains("compare it with this copy from line 1 on"))
        #expect(cli.run(["verify", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("此前的记录：均不可信。") && cli.stdout.contains("（\(directory.acknowledgedPath)）"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("merkle root (of the log's 7 records as they now are, any of which may have been changed: not to be trusted): "),
                "\(cli.stdout)")
    }

    @Test func theRootOfABrokenLogSaysWhichRecordsItCovers() throws {
        let cli = audit.prepared()
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(2)) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var bytes = TestLedger.logBytes(directory)
        // Change one byte of record 5 (the second batch, records 4–5): records 1–3 stay trusted.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let offset = lines[0..<4].reduce(0) { $0 + $1.count + 1 } + lines[4].count - 10
        bytes[offset] = bytes[offset] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        TestLedger.writeLog(bytes, to: directory)
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("merkle root (of the first 3 records, the whole batches before the first bad record, seq "), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("Merkle 根（前 3 条记录，即第一条有问题的记录 "), "\(cli.stdout)")
    }

    // MARK: #4 and #5 check-proof and the wrong kind of file

    @Test func checkProofNamesTheValuesThatDisagree() {
        let cli = audit.prepared()
        #expect(cli.run(["prove", "3", "--checkpoint", "cp1.txt", "--out", "b3.json"]) == 0)
        let bundle = text(cli, "b3.json")
        audit.write(cli, "index.json", Array(bundle.replacingOccurrences(of: "\"leaf_index\":2,", with: "\"leaf_index\":5,").utf8))
        #expect(cli.run(["check-proof", "index.json", "--pubkey", "office.key.pub"], addLedger: false) == 1)
        #expect(cli.stderr.contains("\"leaf_index\" is 5 but \"seq\" is 3; leaf_index must be seq − 1 (2)"), "\(cli.stderr)")
        audit.write(cli, "extra.json", Array(bundle.replacingOccurrences(of: "\",\"format\":", with: "\",\"extra\":1,\"format\":").utf8))
        #expect(cli.run(["check-proof", "extra.json", "--pubkey", "office.key.pub"], addLedger: false) == 1)
        #expect(cli.stderr.contains("member \"extra\" does not belong in this file") && !cli.stderr.contains("missing"), "\(cli.stderr)")
    }

    @Test func aWebPageOrADisclosuresDataFileIsNamedNotRejected() {
        let cli = audit.prepared()
        audit.write(cli, "index.html", Array("<!DOCTYPE html>\n<html lang=\"zh\"><body>公示</body></html>\n".utf8))
        audit.write(cli, "publication.json", Array("{\"checkpoint\":\"x\",\"community_id\":\"C-QF\",\"format\":\"ledger-publication/v1\"}\n".utf8))
        #expect(cli.run(["check-proof", "index.html", "--pubkey", "office.key.pub"], addLedger: false) == 2)
        #expect(cli.stderr.contains("index.html is a web page (HTML), not a proof bundle") && cli.stderr.contains("give the publication.json"),
                "\(cli.stderr)")
        #expect(cli.run(["verify", "--checkpoint", "index.html", "--pubkey", "office.key.pub"]) == 2)
        #expect(cli.stderr.contains("index.html is a web page (HTML), not a checkpoint"), "\(cli.stderr)")
        #expect(cli.run(["verify", "--checkpoint", "publication.json", "--pubkey", "office.key.pub"]) == 2)
        #expect(cli.stderr.contains("publication.json is a disclosure's data file (publication.json of `ledger publish`), not a checkpoint")
                && cli.stderr.contains("its checkpoint.txt"), "\(cli.stderr)")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "index.html", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("index.html 是网页（HTML），不是公钥"), "\(cli.stderr)")
    }

    // MARK: #6 the witness's damaged state

    @Test func witnessStatusNamesTheFieldOfADamagedState() throws {
        let cli = audit.prepared()
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan-zhujianju"], addLedger: false) == 0)
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0)
        let name = try FileManager.default.contentsOfDirectory(atPath: cli.temp.path + "/bureau/logs")[0]
        let state = text(cli, "bureau/logs/" + name)
        #expect(state.hasSuffix(",\"size\":3}\n"))
        audit.write(cli, "bureau/logs/" + name, Array(state.replacingOccurrences(of: ",\"size\":3}", with: ",\"size\":4}").utf8))
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 1)
        #expect(cli.stderr.contains("its \"size\" is \"4\", but the checkpoint it holds says \"3\""), "\(cli.stderr)")
        #expect(!cli.stderr.contains("cosigned"), "status never cosigns: \(cli.stderr)")
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 1)
        #expect(cli.stderr.contains("Nothing was cosigned."), "\(cli.stderr)")
        #expect(cli.run(["witness", "status", "--witness", "bureau", "--lang", "zh"], addLedger: false) == 1)
        #expect(cli.stderr.contains("其中“size”是 \"4\"，而它所存检查点中的是 \"3\"") && !cli.stderr.contains("副署"), "\(cli.stderr)")
    }
}
