import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Found by the auditor who re-implemented verification from ledger-spec.md alone (review 36c); each test failed
/// before its fix.
@Suite struct AuditReview36Tests {
    let audit = AuditCommandTests()

    func later(_ time: Timestamp, _ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: time.secondsSinceEpoch + seconds) }

    /// cp1.txt with a cosignature by the witness in `bureau` dated `timestamp`, written to `name`.
    func cosigned(_ cli: CLIHarness, at timestamp: UInt64, to name: String) throws {
        let key = try SignerKey(fileBytes: audit.file(cli, "bureau/witness.key"), file: "witness.key")
        let note = try SignedNote(bytes: audit.file(cli, "cp1.txt"), file: "cp1.txt")
        audit.write(cli, name, note.adding(Cosignature.sign(body: note.text, key: key, timestamp: timestamp)).encoded)
    }

    /// #2: a cosignature dated before its checkpoint (1970) or after the reader's clock (2100, 2^63 − 1) is not counted
    /// as a witness; verify says why, distinctly, in both languages, after walking the log.
    @Test(arguments: [
        (UInt64(0), "1970-01-01T00:00:00Z, before the checkpoint's own time 2026-01-05T02:03:04Z", "早于检查点本身的时间"),
        (1_767_578_583, "2026-01-05T02:03:03Z, before the checkpoint's own time 2026-01-05T02:03:04Z", "早于检查点本身的时间"),
        (4_102_444_800, "2100-01-01T00:00:00Z, later than now (2026-01-05T02:03:04Z, allowing 5 minutes of clock difference)", "晚于当前时间"),
        (UInt64(Int64.max), "later than now (2026-01-05T02:03:04Z, allowing 5 minutes of clock difference)", "晚于当前时间"),
    ])
    func verifyDoesNotCountAWitnessWhoseTimeIsNotCredible(_ timestamp: UInt64, _ en: String, _ zh: String) throws {
        let cli = audit.prepared()
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan-zhujianju"], addLedger: false) == 0)
        try cosigned(cli, at: timestamp, to: "cp-w.txt")
        let args = ["verify", "--checkpoint", "cp-w.txt", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub"]
        #expect(cli.run(args) == 1)
        #expect(cli.stdout.contains("status: log intact; witness time not credible\n"), "\(cli.stdout)")
        #expect(cli.stdout.contains("  WITNESS TIME NOT CREDIBLE: shinan-zhujianju+"), "\(cli.stdout)")
        #expect(cli.stdout.contains(en), "\(cli.stdout)")
        #expect(cli.stdout.contains("result: WITNESS TIME NOT CREDIBLE"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("witnessed by"), "not counted as a witness: \(cli.stdout)")
        #expect(cli.run(args + ["--json"]) == 1)
        #expect(cli.stdout.contains("\"status\":\"witness_time_not_credible\""), "\(cli.stdout)")
        #expect(cli.stdout.contains("\"witness_time_problems\":[{\"key\":\"shinan-zhujianju+"), "\(cli.stdout)")
        #expect(cli.stdout.contains("\"witnesses\":[]"), "\(cli.stdout)")
        #expect(cli.run(args + ["--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("状态：日志完好（log intact），但见证时间不可信（witness time not credible）\n"), "\(cli.stdout)")
        #expect(cli.stdout.contains("见证时间不可信（WITNESS TIME NOT CREDIBLE）：shinan-zhujianju+") && cli.stdout.contains(zh), "\(cli.stdout)")
        #expect(cli.stdout.contains("结果：见证时间不可信（WITNESS TIME NOT CREDIBLE）"), "\(cli.stdout)")
        // One of two witnesses required, the other cosigned in time: the checkpoint passes, the first is listed as not counted.
        #expect(cli.run(["witness", "init", "--witness", "bureau2", "--name", "laoshan-zhujianju"], addLedger: false) == 0)
        #expect(cli.run(["witness", "cosign", "cp-w.txt", "--pubkey", "office.key.pub", "--witness", "bureau2", "--out", "cp-w2.txt"],
                        addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.run(["verify", "--checkpoint", "cp-w2.txt", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub",
                         "--witness-key", "bureau2/witness.pub", "--witnesses", "1", "--json"]) == 0, "\(cli.stdout)")
        #expect(cli.stdout.contains("\"status\":\"intact\"") && cli.stdout.contains("\"witness_time_problems\":[{\"key\":\"shinan-zhujianju+")
                && cli.stdout.contains("\"witnesses\":[{\"key\":\"laoshan-zhujianju+"), "\(cli.stdout)")
        // check-proof refuses it like any shortage, and says why.
        #expect(cli.run(["prove", "1", "--checkpoint", "cp-w.txt", "--out", "b.json"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["check-proof", "b.json", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub"], addLedger: false) == 1)
        #expect(cli.stderr.contains("witness time not credible: shinan-zhujianju+"), "\(cli.stderr)")
        #expect(cli.run(["check-proof", "b.json", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub", "--lang", "zh"], addLedger: false) == 1)
        #expect(cli.stderr.contains("见证时间不可信：shinan-zhujianju+"), "\(cli.stderr)")
        // publish too.
        #expect(cli.run(["publish", "--community", "C1", "--period", "2024-01-01..2024-12-31", "--checkpoint", "cp-w.txt",
                         "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub", "--out", "pub"]) == 1)
        #expect(cli.stderr.contains("witness time not credible: shinan-zhujianju+"), "\(cli.stderr)")
        #expect(!PosixFile.exists(cli.temp.path + "/pub"))
    }

    /// #2: `witness cosign` never writes a time a reader would not count: a --time before the checkpoint or after the
    /// clock is refused (exit 2, nothing recorded), and by default a checkpoint a little ahead of the witness's clock
    /// is cosigned at its own time, not before it.
    @Test func witnessCosignWritesOnlyACredibleTime() throws {
        let cli = audit.prepared()
        let signed = cli.clock
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan-zhujianju"], addLedger: false) == 0)
        let note = audit.file(cli, "cp1.txt")
        for (time, words) in [(later(signed, -1), "--time 2026-01-05T02:03:03Z is before the checkpoint's own time 2026-01-05T02:03:04Z"),
                              (later(signed, 301), "--time 2026-01-05T02:08:05Z is later than now (2026-01-05T02:03:04Z")] {
            #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--time", time.description],
                            addLedger: false) == 2)
            #expect(cli.stderr.contains("not cosigned: \(words)"), "\(cli.stderr)")
            #expect(audit.file(cli, "cp1.txt") == note)
        }
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--time", "2026-01-05T02:03:03Z",
                         "--lang", "zh"], addLedger: false) == 2)
        #expect(cli.stderr.contains("未副署：--time 2026-01-05T02:03:03Z 早于检查点本身的时间 2026-01-05T02:03:04Z"), "\(cli.stderr)")
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 0)
        #expect(cli.stdout.contains("no ledger cosigned yet"), "nothing was recorded")
        // The witness's clock two minutes behind the office's: cosigned at the checkpoint's time.
        cli.clock = later(signed, -120)
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("witness: shinan-zhujianju+") && cli.stdout.contains(" at 2026-01-05T02:03:04Z\n"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub"]) == 0, "\(cli.stdout)")
        #expect(cli.stdout.contains("status: intact\n") && cli.stdout.contains("witnessed by shinan-zhujianju+"), "\(cli.stdout)")
    }

    /// #4: a log that passes the walk but fails a checkpoint (it covers more records than the log holds): the text's
    /// status line does not read "intact" alone above the failed result; --json keeps integrity_failure with failure null.
    @Test func statusLineSaysTheCheckpointFailedOnAnIntactLog() throws {
        let cli = audit.prepared()
        let key = try SignerKey(fileBytes: audit.file(cli, "office.key"), file: "office.key")
        let tree = try LedgerAudit.scanTree(try LedgerDirectory.open(cli.ledgerPath))
        let larger = Checkpoint(origin: "badaguan", size: UInt64(tree.summary.recordCount + 2), root: tree.root, head: tree.summary.headHash,
                                time: cli.clock)
        audit.write(cli, "cp5.txt", larger.signed(by: [key]))
        #expect(cli.run(["verify", "--checkpoint", "cp5.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("status: log intact; checkpoint failed\n") && !cli.stdout.contains("status: intact"), "\(cli.stdout)")
        #expect(cli.stdout.contains("result: INTEGRITY FAILURE"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp5.txt", "--pubkey", "office.key.pub", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("状态：日志完好（log intact），但检查点未通过（checkpoint failed）\n"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp5.txt", "--pubkey", "office.key.pub", "--json"]) == 1)
        #expect(cli.stdout.contains("\"failure\":null") && cli.stdout.contains("\"status\":\"integrity_failure\""), "\(cli.stdout)")
        // A checkpoint dated ahead of the reader's clock on an intact log: said the same way.
        cli.clock = later(cli.clock, -86_400)
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) == 1)
        #expect(cli.stdout.contains("status: log intact; checkpoint time not credible\n"), "\(cli.stdout)")
    }

    /// #6: verify's reason for a stored record that is not canonical names the key and the byte, and says it of the
    /// stored record (not input advice on writing money as yuan text); an over-long line names no internal constant.
    @Test(arguments: [
        (#"{"account":"6222-90","community_id":"C1","#, #"{"community_id":"C1","account":"6222-90","#,
         #"data: object key "account" at byte "#, "does not come after the key before it in UTF-8 byte order (keys are sorted, each once): the stored record is not canonical",
         "data：第 ", "字节处的对象键“account”没有排在前一个键之后"),
        (#""kind":"maintenance"}"#, #""kind":"maintenance","x":1.0}"#,
         "data: 1.0 at byte ", #" (key "x") is a number with a decimal point or exponent; a record holds integers only: the stored record is not canonical"#,
         "data：第 ", "字节处（键“x”）的 1.0 是带小数点或指数的数字；记录中只能有整数：保存的记录不是规范形式"),
        (#""kind":"maintenance"}"#, #""kind":"maintenance","x":9007199254740993}"#,
         "data: the number at byte ", #" (key "x") lies outside ±9007199254740991, the integers a record may hold: the stored record is not canonical"#,
         "data：第 ", "字节处（键“x”）的数字超出了记录允许的整数范围 ±9007199254740991"),
    ])
    func verifyNamesTheKeyOfAStoredRecordThatIsNotCanonical(_ from: String, _ to: String, _ en1: String, _ en2: String, _ zh1: String, _ zh2: String) throws {
        let cli = audit.prepared()
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(1)) == 0)
        let path = cli.ledgerPath + "/events.jsonl"
        let text = String(decoding: try PosixFile(path: path, mode: .read).readAll(), as: UTF8.self)
        #expect(text.contains(from))
        try PosixFile.writeAtomically(Array(text.replacingOccurrences(of: from, with: to).utf8), to: path)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("problem: the line is unreadable: not valid JSON: " + en1) && cli.stdout.contains(en2), "\(cli.stdout)")
        #expect(!cli.stdout.contains("yuan"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("问题：该行无法读取：不是有效的 JSON：" + zh1) && cli.stdout.contains(zh2), "\(cli.stdout)")
    }
}
