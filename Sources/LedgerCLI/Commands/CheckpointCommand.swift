import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

enum CheckpointCommand {
    static let key = OptionSpec.value(
        "key", "KEY", required: true,
        en: "the private key file from `ledger keygen`; refused, as ssh does, when group or others may read it (fix with `chmod 600 KEY`)",
        zh: "“ledger keygen”生成的私钥文件；与 ssh 一样，同组或其他用户可读时拒绝使用（用“chmod 600 KEY”修正）")
    static let out = OptionSpec.value("out", "FILE", en: "write the checkpoint to FILE, which must not exist (default: standard output)",
                                      zh: "把检查点写入 FILE，该文件必须不存在（默认：标准输出）")
    static let time = OptionSpec.value("time", "T", en: "the checkpoint's time, UTC YYYY-MM-DDTHH:MM:SSZ (default: now); for reproducible samples. Not later than now (5 minutes of clock difference allowed) nor earlier than the last record's recorded_at",
                                       zh: "检查点时间，UTC YYYY-MM-DDTHH:MM:SSZ（默认：当前时间）；用于可重现的样例。不得晚于当前时间（允许 5 分钟的时钟误差），也不得早于最后一条记录的记录时间（recorded_at）")

    static let command = Command(
        name: "checkpoint",
        summary: Message(en: "verify the log and write a signed checkpoint of it (size, Merkle root, head, time)",
                         zh: "校验日志并写出签名检查点（记录数、Merkle 根、链头、时间）"),
        options: [key, out, time],
        about: Message(en: """
        Verifies the whole log, computes its RFC 6962 Merkle root and signs a checkpoint with the private key KEY:
        the ledger's name, number of records, root, hash of the last record and the time. Give the checkpoint to
        whoever must be able to detect a later rewrite of history (the street office, an auditor, the owners'
        committee); `ledger verify --checkpoint FILE --pubkey KEY.pub` checks the ledger against it later.
        A log that fails verification is not signed.
        """, zh: """
        校验整个日志，计算其 RFC 6962 Merkle 根，并用私钥 KEY 签署一个检查点：账本名称、记录数、根、最后一条
        记录的哈希和时间。把检查点交给需要能发现日后改写历史的人（街道办、审计人员、业委会）；以后用
        “ledger verify --checkpoint FILE --pubkey KEY.pub”核对账本。校验不通过的日志不予签署。
        """),
        exitStatus: Message(en: """
        0 written, 1 the log failed verification, 2 usage error, an empty ledger, a bad or exposed key file, a time \
        later than now or earlier than the last record, or --out exists (checkpoints are never overwritten).
        """, zh: """
        0 已写入；1 日志校验失败；2 用法错误、账本为空、密钥文件有误或权限过宽、时间晚于当前或早于最后一条记录，\
        或 --out 已存在（检查点从不覆盖）。
        """),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let keyPath = try arguments.required(key)
        let now = context.io.now()
        let givenTime = try context.timestamp(arguments, "time")
        let time = givenTime ?? now
        // A checkpoint dated ahead states a log not yet reached: `publish` would take a period that has not ended as
        // ended, and a witness would cosign it (review 35d #1).
        if let givenTime, Checkpoint.isInFuture(givenTime, now: now) {
            throw .usage(Message(
                en: "--time \(givenTime) is later than now (\(now), allowing \(Checkpoint.clockSkewSecondsMax / 60) minutes of clock difference); a checkpoint states the log as it is when signed. Give a time that has passed, or leave --time out to sign with the current time; nothing was signed.",
                zh: "--time \(givenTime) 晚于当前时间（\(now)，已允许 \(Checkpoint.clockSkewSecondsMax / 60) 分钟的时钟误差）；检查点陈述的是签署时日志的样子。请给出已经过去的时间，或不给 --time，以当前时间签署；没有签署任何内容。"))
        }
        let key = try AuditSupport.signerKey(keyPath, context)
        // The checkpoint replaces whatever is at --out: never the key it is signed with, nor its public half.
        if let out = arguments.value("out"), out != "-",
           [keyPath, keyPath + ".pub"].map(context.canonicalPath).contains(context.canonicalPath(out)) {
            throw .usage(Message(en: "--out \"\(out)\" is the key file; write the checkpoint to another file.", zh: "--out “\(out)”就是密钥文件；请把检查点写到另一个文件。"))
        }
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let checkpoint: Checkpoint, note: [UInt8]
        do { (checkpoint, note) = try LedgerAudit.makeCheckpoint(directory, key: key, time: time) } catch {
            if case .refused(.timeBeforeHead(_, _, let recordedAt)) = error {
                let advice = givenTime == nil
                    ? Wording(en: " This computer's clock (now \(now)) is behind the time that record was written: set the clock right and sign again.",
                              zh: "本机时钟（当前 \(now)）落后于该记录写入的时间：请校正时钟后重新签署。")
                    : Wording(en: " Give a --time from \(recordedAt) on, and not later than now (\(now)); or leave --time out.",
                              zh: "请给出不早于 \(recordedAt)、不晚于当前时间（\(now)）的 --time，或不给 --time。")
                throw .usage(Message(AuditWords.error(error) + advice))
            }
            throw AuditSupport.checkpointError(error)
        }
        // Bring the index up to date while the log is fresh in the page cache; a failure only slows `prove`. A
        // rebuild is told as `prove` tells it: damage to index/ is worth an auditor's notice even when it is repaired.
        if let (index, status) = try? MerkleIndex.synchronize(directory) {
            if case .rebuilt(let reason) = status, reason != .noIndexYet {
                context.io.writeErr(SystemWords.merkleRebuilt(AuditWords.indexDamage(reason), in: directory) + "\n")
            }
            if (try? MerkleTree.root(size: checkpoint.size, source: index, hasher: MerkleHasher())) != checkpoint.root,
               (try? index.rebuildNow()) != nil {
                context.io.writeErr(SystemWords.merkleRootNotReproduced(in: directory) + "\n")
            }
        }
        let out = arguments.value("out")
        // An earlier checkpoint is evidence of the log as it was; writing a new one over it would destroy that.
        try context.io.writeOutput(note, to: out, existing: .refuse, what: "checkpoints (evidence of the log as it was)")
        if let out, out != "-" {
            let signer = "\(key.name)+\(Hex.encode(key.verifier.keyID))"
            context.io.writeOut(context.language == .zh ? """
            账本“\(checkpoint.origin)”的检查点已写入 \(out)
            记录数：\(checkpoint.size)
            根：\(checkpoint.root.hex)
            链头：\(checkpoint.head.hex)
            时间：\(checkpoint.time)
            签名者：\(signer)

            """ : """
            checkpoint of ledger "\(checkpoint.origin)" written to \(out)
            records: \(checkpoint.size)
            root: \(checkpoint.root.hex)
            head: \(checkpoint.head.hex)
            time: \(checkpoint.time)
            signed by: \(signer)

            """)
        }
        return 0
    }
}
