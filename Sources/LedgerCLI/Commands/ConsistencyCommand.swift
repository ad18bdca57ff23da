import LedgerEvents
import LedgerMerkle
import LedgerPlatform

/// `ledger consistency --from SIZE --checkpoint CP`: the office's half of witness cosigning.
enum ConsistencyCommand {
    static let from = OptionSpec.value("from", "SIZE", required: true,
                                       en: "the size the witness last cosigned (0 … the checkpoint's size)",
                                       zh: "见证方上次副署的记录数（0 到检查点的记录数）")
    static let checkpoint = OptionSpec.value("checkpoint", "CP", required: true,
                                             en: "the signed checkpoint of this ledger to be cosigned",
                                             zh: "本账本待副署的签名检查点")
    static let out = OptionSpec.value("out", "FILE", en: "where to write the proof file (default: standard output)",
                                      zh: "证明文件写到哪里（默认：标准输出）")

    static let command = Command(
        name: "consistency",
        summary: Message(en: "write the consistency proof a witness needs to cosign a checkpoint",
                         zh: "写出见证方副署检查点所需的一致性证明"),
        options: [from, checkpoint, out],
        about: Message(en: """
        Writes the RFC 6962 consistency proof from the log's first SIZE records to the checkpoint CP, together
        with CP, in the form of a C2SP tlog-witness add-checkpoint request. Give it to a witness with the
        checkpoint: `ledger witness cosign CP --pubkey KEY.pub --consistency-from FILE`. SIZE is the number of
        records the witness last cosigned (`ledger witness status` shows it; 0 for a witness new to this ledger).
        The proof is checked against the checkpoint's root before it is written.
        """, zh: """
        写出从日志前 SIZE 条记录到检查点 CP 的 RFC 6962 一致性证明，连同 CP，采用 C2SP tlog-witness
        add-checkpoint 请求的格式。把它和检查点一起交给见证方：
        “ledger witness cosign CP --pubkey KEY.pub --consistency-from FILE”。SIZE 是见证方上次副署的记录数
        （“ledger witness status”可查；初次见证本账本时为 0）。写出前先按检查点的根核对证明。
        """),
        exitStatus: Message(en: "0 written, 1 the log no longer matches the checkpoint, 2 usage or input error.",
                            zh: "0 已写入；1 日志与检查点不再一致；2 用法或输入错误。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        guard let from = try arguments.integer("from", minimum: 0) else {
            throw .usage(Message(en: "--from SIZE is required: the number of records the witness last cosigned (0 for a new witness).", zh: "必须给出 --from SIZE：见证方上次副署的记录数（新见证方为 0）。"))
        }
        let checkpointPath = try arguments.required(checkpoint)
        if let out = arguments.value("out"), out != "-", context.canonicalPath(out) == context.canonicalPath(checkpointPath) {
            throw .usage(Message(en: "--out \"\(out)\" is the checkpoint file; write the proof to another file.", zh: "--out “\(out)”就是检查点文件；请把证明写到另一个文件。"))
        }
        let note = try context.io.readFile(checkpointPath)
        try AuditSupport.refuseOtherKindAsCheckpoint(note, file: checkpointPath)
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let proof: [Digest32]
        do {
            proof = try LedgerAudit.consistencyProof(directory, fromSize: UInt64(from), checkpointNote: note, checkpointFile: checkpointPath,
                                                     notice: { context.io.writeErr($0) })
        } catch {
            throw AuditSupport.proveError(error)
        }
        let request = WitnessRequest(oldSize: UInt64(from), proof: proof, checkpointNote: note)
        let out = arguments.value("out")
        try context.io.writeOutput(request.encoded, to: out)
        if let out, out != "-" {
            context.io.writeOut(context.language == .zh
                ? "从 \(from) 条记录到 \(checkpointPath) 的一致性证明已写入 \(out)（\(proof.count) 个哈希）\n"
                : "consistency proof from \(Wording.englishCount(from, "record")) to \(checkpointPath) written to \(out) (\(Wording.englishCount(proof.count, "hash", plural: "hashes")))\n")
        }
        return 0
    }
}
