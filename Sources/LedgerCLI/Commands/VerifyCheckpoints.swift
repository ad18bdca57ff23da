import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

/// `ledger verify --checkpoint FILE... --pubkey PUB`: the chain check plus, for each signed checkpoint, proof
/// that the current log is an append-only extension of it.
enum VerifyCheckpoints {
    static let checkpoint = OptionSpec.value(
        "checkpoint", "FILE", repeatable: true,
        en: "also check the log against this signed checkpoint (repeatable: one per audit visit): the signature with --pubkey, then that the log's first SIZE records still have the signed Merkle root and head, and an RFC 6962 consistency proof from the checkpoint to the current log. A rewrite of any earlier record is caught even when every chain hash was recomputed; so is a removed tail.",
        zh: "同时按这个签名检查点核对日志（可重复：每次审计一个）：先用 --pubkey 核对签名，再核对日志前 SIZE 条记录仍有所签的 Merkle 根和链头，以及从检查点到当前日志的 RFC 6962 一致性证明。即使重算了全部链哈希，改写任何一条较早的记录也会被发现；删掉尾部也一样。")

    static let options: [OptionSpec] = [checkpoint, AuditSupport.pubkey, AuditSupport.witnessKey,
                                        AuditSupport.witnesses.with(en: "how many of those witnesses must have cosigned each checkpoint (default: all given)",
                                                                    zh: "每个检查点须有其中多少个见证方副署（默认：给出的全部）")]

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let files = arguments.values("checkpoint")
        guard !files.isEmpty else {
            throw .usage(Message(en: "--pubkey, --witness-key and --witnesses check checkpoints: give at least one --checkpoint FILE (and --pubkey PUB).", zh: "--pubkey、--witness-key 和 --witnesses 用于核对检查点：请至少给出一个 --checkpoint FILE（以及 --pubkey PUB）。"))
        }
        let key = try AuditSupport.publicKey(arguments, context)
        let (witnessKeys, required) = try AuditSupport.witnessKeys(arguments, context)
        let directory = try context.openLedger(arguments)
        // Signatures first: nothing in an unsigned checkpoint is believed, nor in one too few witnesses saw.
        var opened: [(file: String, checkpoint: Checkpoint)] = []
        var witnessed: [[Witnessed]] = []
        for file in files {
            let bytes = try context.io.readFile(file)
            try AuditSupport.refuseOtherKindAsCheckpoint(bytes, file: file)
            do {
                opened.append((file, try Checkpoint.open(bytes, key: key, file: file)))
                witnessed.append(try SignedNote(bytes: bytes, file: file).requireWitnesses(witnessKeys, count: required, file: file))
            } catch {
                throw AuditSupport.cliError(error)
            }
        }
        let tree: LedgerAudit.LogTree, results: [LedgerAudit.CheckpointResult]
        (tree, results) = try CLIError.fromChain { () throws(ChainError) in try LedgerAudit.checkCheckpoints(directory, opened) }
        let failed = tree.summary.failure != nil || results.contains { $0.problem != nil }
        let inProgress = VerifyCommand.writeInProgress(tree.summary, directory)
        let schema = try VerifyCommand.schemaReport(arguments, directory, tree.summary)
        let schemaFailed = (schema?.problemCount ?? 0) > 0
        if arguments.flag("json") {
            var object = VerifyCommand.json(tree.summary, directory: directory, writeInProgress: inProgress)
            if let schema { object["schema"] = VerifyCommand.schemaJSON(schema) }
            object["root"] = .string(tree.root.hex)
            object["checkpoints"] = .array(zip(results, witnessed).map { r, w in
                .object([
                    "file": .string(r.file), "size": .integer(Int64(r.checkpoint.size)), "root": .string(r.checkpoint.root.hex),
                    "time": .string(r.checkpoint.time.description), "consistent": .bool(r.problem == nil),
                    "problem": r.problem.map { .string($0.description) } ?? .null,
                    "consistency_proof": .array(r.proof.map { .string($0.hex) }),
                    "witnesses": .array(w.map { .object(["key": .string($0.key.label), "time": .string($0.time.description)]) }),
                ])
            })
            object["status"] = .string(failed ? "integrity_failure" : "intact")
            context.io.writeOut(CanonicalJSON.string(.object(object), escaping: .display) + "\n")
            return failed || schemaFailed ? 1 : 0
        }
        let zh = context.language == .zh
        var out = VerifyCommand.text(tree.summary, directory: directory, writeInProgress: inProgress, language: context.language)
        out += (zh ? "Merkle 根：" : "merkle root: ") + tree.root.hex + "\n"
        for (r, w) in zip(results, witnessed) {
            if zh {
                let witnesses = w.isEmpty ? "" : "；见证：" + w.map { "\($0.key.label)（\($0.time)）" }.joined(separator: "、")
                out += "检查点 \(r.file)（\(r.checkpoint.size) 条记录，\(r.checkpoint.time)，由 \(key.name) 签署\(witnesses)）："
                out += r.problem.map { "失败（FAILED）\n  \(AuditWords.divergence($0).zh)\n" }
                    ?? "一致（consistent；签名有效；从 \(r.checkpoint.size) 到 \(tree.summary.recordCount) 的一致性证明（\(r.proof.count) 个哈希）核对通过）\n"
                continue
            }
            out += "checkpoint \(r.file) (\(Wording.englishCount(r.checkpoint.size, "record")), \(r.checkpoint.time), signed by \(key.name)\(witnessText(w))): "
            if let problem = r.problem {
                out += "FAILED\n  \(problem)\n"
            } else {
                out += "consistent (signature ok; consistency proof \(r.checkpoint.size) → \(tree.summary.recordCount) with \(Wording.englishCount(r.proof.count, "hash", plural: "hashes")) verified)\n"
            }
        }
        if failed {
            out += zh ? "结果：完整性校验失败（INTEGRITY FAILURE）——账本不是所给每个检查点的只增延伸\n"
                : "result: INTEGRITY FAILURE — the ledger is not an append-only extension of every checkpoint given\n"
        }
        if let schema { out += VerifyCommand.schemaText(schema, context.language) }
        context.io.writeOut(out)
        return failed || schemaFailed ? 1 : 0
    }

    /// ", witnessed by W at T, …" for the witnesses that cosigned (nothing when no witness keys were given).
    static func witnessText(_ witnessed: [Witnessed]) -> String {
        witnessed.isEmpty ? "" : "; witnessed by " + witnessed.map { "\($0.key.label) at \($0.time)" }.joined(separator: ", ")
    }
}
