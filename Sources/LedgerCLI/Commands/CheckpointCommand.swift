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
    static let time = OptionSpec.value("time", "T", en: "the checkpoint's time, UTC YYYY-MM-DDTHH:MM:SSZ (default: now); for reproducible samples",
                                       zh: "检查点时间，UTC YYYY-MM-DDTHH:MM:SSZ（默认：当前时间）；用于可重现的样例")

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
        0 written, 1 the log failed verification, 2 usage error, an empty ledger, a bad or exposed key file, or \
        --out exists (checkpoints are never overwritten).
        """, zh: """
        0 已写入；1 日志校验失败；2 用法错误、账本为空、密钥文件有误或权限过宽，或 --out 已存在（检查点从不覆盖）。
        """),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let keyPath = try arguments.required(key)
        let time = try context.timestamp(arguments, "time") ?? context.io.now()
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
            throw AuditSupport.checkpointError(error)
        }
        // Bring the index up to date while the log is fresh in the page cache; a failure only slows `prove`.
        if let (index, _) = try? MerkleIndex.synchronize(directory),
           (try? MerkleTree.root(size: checkpoint.size, source: index, hasher: MerkleHasher())) != checkpoint.root {
            try? index.rebuildNow()
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
