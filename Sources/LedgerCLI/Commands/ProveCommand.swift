import LedgerChain
import LedgerMerkle
import LedgerPlatform

enum ProveCommand {
    static let checkpoint = OptionSpec.value("checkpoint", "FILE", required: true,
                                             en: "a checkpoint of this ledger from `ledger checkpoint`",
                                             zh: "本账本由“ledger checkpoint”生成的检查点")
    static let out = OptionSpec.value("out", "BUNDLE", en: "where to write the bundle (default: standard output)",
                                      zh: "证明包写到哪里（默认：标准输出）")

    static let command = Command(
        name: "prove",
        summary: Message(en: "write a proof bundle showing one record is in a signed checkpoint",
                         zh: "写出证明包，证明某条记录包含在签名检查点中"),
        positionals: .exactly(["SEQ"]),
        options: [checkpoint, out],
        about: Message(en: """
        Writes a self-contained proof bundle for record SEQ: the record line, its RFC 6962 inclusion proof and
        the signed checkpoint FILE (which must cover SEQ). Anyone holding the office's public key can check it
        with `ledger check-proof BUNDLE --pubkey KEY.pub`, without the ledger — for example a resident checking
        one payment posted on a notice board. The proof comes from the index in index/ (a few reads even on a
        very large ledger) and is checked against the checkpoint's root before it is written.
        """, zh: """
        为第 SEQ 条记录写出自成一体的证明包：记录行、RFC 6962 包含证明和签名检查点 FILE（须覆盖 SEQ）。
        持有街道办公钥的任何人都可以用“ledger check-proof BUNDLE --pubkey KEY.pub”核对，无需账本——例如
        居民核对公告栏上的一笔收支。证明取自 index/ 中的索引（即使账本很大也只需几次读取），写出前先按检查点
        的根核对。
        """),
        exitStatus: Message(en: "0 written, 1 the log no longer matches the checkpoint, 2 usage or input error.",
                            zh: "0 已写入；1 日志与检查点不再一致；2 用法或输入错误。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = arguments.positionals
        let seq = try Arguments.wholeNumber(positionals[0], minimum: 1, argument: "SEQ")
        let checkpointPath = try arguments.required(checkpoint)
        // The bundle replaces whatever is at --out: never the signed checkpoint it is made from.
        if let out = arguments.value("out"), out != "-", context.canonicalPath(out) == context.canonicalPath(checkpointPath) {
            throw .usage(Message(en: "--out \"\(out)\" is the checkpoint file; write the bundle to another file.", zh: "--out “\(out)”就是检查点文件；请把证明包写到另一个文件。"))
        }
        let note = try context.io.readFile(checkpointPath)
        try AuditSupport.refuseOtherKindAsCheckpoint(note, file: checkpointPath)
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let bundle: ProofBundle
        do {
            bundle = try LedgerAudit.prove(directory, seq: seq, checkpointNote: note, checkpointFile: checkpointPath,
                                           notice: { context.io.writeErr($0) })
        } catch {
            throw AuditSupport.proveError(error)
        }
        let out = arguments.value("out")
        try context.io.writeOutput(bundle.encoded, to: out)
        if let out, out != "-" {
            context.io.writeOut(context.language == .zh
                ? "第 \(seq) 条记录（共 \(bundle.treeSize) 条）的证明包已写入 \(out)（\(bundle.inclusionProof.count) 个证明哈希）\n"
                : "proof bundle for record \(seq) of \(bundle.treeSize) written to \(out) (\(bundle.inclusionProof.count) proof hashes)\n")
        }
        return 0
    }
}
