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
        var witnessed: [[Witnessed]] = [], notCredible: [[Witnessed]] = []
        let now = context.io.now()
        for file in files {
            let bytes = try context.io.readFile(file)
            try AuditSupport.refuseOtherKindAsCheckpoint(bytes, file: file)
            do {
                opened.append((file, try Checkpoint.open(bytes, key: key, file: file)))
                let note = try SignedNote(bytes: bytes, file: file)
                let all = try note.witnesses(witnessKeys, file: file, now: now)
                // Too few even counting cosignatures whose time is not credible: refused before the log is read. A
                // shortage only those make is reported after the walk, as a checkpoint's own incredible time is.
                if all.count < required { _ = try note.requireWitnesses(witnessKeys, count: required, file: file, now: now) }
                witnessed.append(all.filter { $0.timeProblem == nil })
                notCredible.append(all.filter { $0.timeProblem != nil })
            } catch {
                throw AuditSupport.cliError(error)
            }
        }
        let tree: LedgerAudit.LogTree, results: [LedgerAudit.CheckpointResult]
        (tree, results) = try CLIError.fromChain { () throws(ChainError) in try LedgerAudit.checkCheckpoints(directory, opened) }
        let timeProblems = results.map { $0.problem == nil ? timeProblem($0.checkpoint, tree: tree, now: now) : nil }
        let failedIntegrity = tree.summary.failure != nil || results.contains { $0.problem != nil }
        let witnessesShort = witnessed.map { $0.count < required }
        let failed = failedIntegrity || timeProblems.contains { $0 != nil } || witnessesShort.contains(true)
        let inProgress = VerifyCommand.writeInProgress(tree.summary, directory)
        let schema = try VerifyCommand.schemaReport(arguments, directory, tree.summary)
        let schemaFailed = (schema?.problemCount ?? 0) > 0
        if arguments.flag("json") {
            var object = VerifyCommand.json(tree.summary, directory: directory, writeInProgress: inProgress)
            if let schema { object["schema"] = VerifyCommand.schemaJSON(schema) }
            object["root"] = .string(tree.root.hex)
            object["checkpoints"] = .array(zip(zip(results, witnessed), zip(timeProblems, notCredible)).map { rw, tn in
                let (r, w) = rw, (timeProblem, late) = tn
                return .object([
                    "file": .string(r.file), "size": .integer(Int64(r.checkpoint.size)), "root": .string(r.checkpoint.root.hex),
                    "time": .string(r.checkpoint.time.description), "consistent": .bool(r.problem == nil),
                    "problem": r.problem.map { .string($0.description) } ?? .null,
                    "time_problem": timeProblem.map { .string($0.en) } ?? .null,
                    "consistency_proof": .array(r.proof.map { .string($0.hex) }),
                    "witnesses": .array(w.map { .object(["key": .string($0.key.label), "time": .string($0.time.description)]) }),
                    "witness_time_problems": .array(late.map {
                        .object(["key": .string($0.key.label), "time": .string($0.time.description), "problem": .string(AuditWords.witnessTime($0).en)])
                    }),
                ])
            })
            object["status"] = .string(failedIntegrity ? "integrity_failure" : timeProblems.contains { $0 != nil } ? "checkpoint_time_not_credible"
                                        : failed ? "witness_time_not_credible" : "intact")
            context.io.writeOut(CanonicalJSON.string(.object(object), escaping: .display) + "\n")
            return failed || schemaFailed ? 1 : 0
        }
        let zh = context.language == .zh
        let checkpointFailure: Wording? = !failed ? nil
            : failedIntegrity ? Wording(en: "checkpoint failed", zh: "检查点未通过（checkpoint failed）")
            : timeProblems.contains(where: { $0 != nil }) ? Wording(en: "checkpoint time not credible", zh: "检查点时间不可信（checkpoint time not credible）")
            : Wording(en: "witness time not credible", zh: "见证时间不可信（witness time not credible）")
        var out = VerifyCommand.text(tree.summary, directory: directory, writeInProgress: inProgress, language: context.language,
                                     checkpointFailure: checkpointFailure)
        out += rootLine(tree, zh: zh)
        for (((r, w), timeProblem), (late, short)) in zip(zip(zip(results, witnessed), timeProblems), zip(notCredible, witnessesShort)) {
            // A cosignature whose time cannot be true is not counted; too few left fails the checkpoint.
            let lateText = late.map { w in
                zh ? "  见证时间不可信（WITNESS TIME NOT CREDIBLE）：\(AuditWords.witnessTime(w).zh)\n"
                   : "  WITNESS TIME NOT CREDIBLE: \(AuditWords.witnessTime(w).en)\n"
            }.joined()
            let shortText = zh ? "失败（FAILED）\n  需要 \(required) 个见证方副署，时间可信的只有 \(w.count) 个\n" + lateText
                : "FAILED\n  \(Wording.englishCount(required, "witness cosignature")) required, only \(w.count) with a credible time\n" + lateText
            if zh {
                let witnesses = w.isEmpty ? "" : "；见证：" + w.map { "\($0.key.label)（\($0.time)）" }.joined(separator: "、")
                out += "检查点 \(r.file)（\(r.checkpoint.size) 条记录，\(r.checkpoint.time)，由 \(key.name) 签署\(witnesses)）："
                if let timeProblem {
                    out += "失败（FAILED）\n  时间不可信（TIME NOT CREDIBLE）：\(timeProblem.zh)\n"
                    continue
                }
                if r.problem == nil, short {
                    out += shortText
                    continue
                }
                out += r.problem.map { "失败（FAILED）\n  \(AuditWords.divergence($0).zh)\n" }
                    ?? "一致（consistent；签名有效；从 \(r.checkpoint.size) 到 \(tree.summary.recordCount) 的一致性证明（\(r.proof.count) 个哈希）核对通过）\n" + lateText
                continue
            }
            out += "checkpoint \(r.file) (\(Wording.englishCount(r.checkpoint.size, "record")), \(r.checkpoint.time), signed by \(key.name)\(witnessText(w))): "
            if let problem = r.problem {
                out += "FAILED\n  \(problem)\n"
            } else if let timeProblem {
                out += "FAILED\n  TIME NOT CREDIBLE: \(timeProblem.en)\n"
            } else if short {
                out += shortText
            } else {
                out += "consistent (signature ok; consistency proof \(r.checkpoint.size) → \(tree.summary.recordCount) with \(Wording.englishCount(r.proof.count, "hash", plural: "hashes")) verified)\n" + lateText
            }
        }
        if failedIntegrity {
            out += zh ? "结果：完整性校验失败（INTEGRITY FAILURE）——账本不是所给每个检查点的只增延伸\n"
                : "result: INTEGRITY FAILURE — the ledger is not an append-only extension of every checkpoint given\n"
        } else if witnessesShort.contains(true), !timeProblems.contains(where: { $0 != nil }) {
            out += zh ? "结果：见证时间不可信（WITNESS TIME NOT CREDIBLE）——日志是所给每个检查点的只增延伸，但上面检查点的见证方副署所签的时间不可能属实，不计为见证，所需的见证不足；请向见证方问明原因（例如核对其时钟），并请其重新副署\n"
                : "result: WITNESS TIME NOT CREDIBLE — the log extends every checkpoint given, but the signed time of a witness's cosignature above cannot be true, so it is not counted and too few witnesses remain; ask the witness why (its clock, for one) and for a new cosignature\n"
        } else if failed {
            out += zh ? "结果：检查点时间不可信（CHECKPOINT TIME NOT CREDIBLE）——日志是所给每个检查点的只增延伸，但上面检查点所签的时间不可能属实；请向签署方问明原因，不要依据该时间（例如据以认定某期间已经结束）\n"
                : "result: CHECKPOINT TIME NOT CREDIBLE — the log extends every checkpoint given, but the signed time of a checkpoint above cannot be true; ask the signer why, and rely on nothing that depends on that time (such as a period having ended)\n"
        }
        if let schema { out += VerifyCommand.schemaText(schema, context.language) }
        context.io.writeOut(out)
        return failed || schemaFailed ? 1 : 0
    }

    /// The `merkle root` line. With an intact log it is the root of all its records; after an integrity failure it
    /// is the root of the records before the first bad one (or, when an acknowledged record was replaced, of records
    /// that cannot be trusted), and says so (review 35d #7).
    static func rootLine(_ tree: LedgerAudit.LogTree, zh: Bool) -> String {
        let n = tree.summary.recordCount, root = tree.root.hex
        guard let failure = tree.summary.failure else { return (zh ? "Merkle 根：" : "merkle root: ") + root + "\n" }
        if case .acknowledgedLost = failure.kind, failure.seq <= n {
            return zh ? "Merkle 根（日志现有的 \(n) 条记录，其中任何一条都可能被改过，不可信）：\(root)\n"
                : "merkle root (of the log's \(n) records as they now are, any of which may have been changed: not to be trusted): \(root)\n"
        }
        if n == 0 {
            return zh ? "Merkle 根（没有可信的记录：第一条有问题的记录 \(failure.seq) 之前没有完整批次）：\(root)\n"
                : "merkle root (of no records: there is no whole batch before the first bad record, seq \(failure.seq)): \(root)\n"
        }
        return zh ? "Merkle 根（前 \(n) 条记录，即第一条有问题的记录 \(failure.seq) 之前的完整批次）：\(root)\n"
            : "merkle root (of the first \(n) records, the whole batches before the first bad record, seq \(failure.seq)): \(root)\n"
    }

    /// Why a checkpoint's signed time cannot be true, nil when it can: later than `now` (beyond the allowed clock
    /// difference), or earlier than the `recorded_at` of its own last record (review 35d #1). Asked only of a
    /// checkpoint the log is consistent with, so the record is the one it signed.
    static func timeProblem(_ cp: Checkpoint, tree: LedgerAudit.LogTree, now: Timestamp) -> Wording? {
        if Checkpoint.isInFuture(cp.time, now: now) {
            return Wording(en: "it is dated \(cp.time), later than now (\(now), allowing \(Checkpoint.clockSkewSecondsMax / 60) minutes of clock difference): it claims a state of the log at a time not yet reached (a wrong clock, or a date set by hand)",
                           zh: "它的日期是 \(cp.time)，晚于当前时间（\(now)，已允许 \(Checkpoint.clockSkewSecondsMax / 60) 分钟的时钟误差）：它声称的是尚未到来的时刻日志的样子（时钟有误，或日期是手工设定的）")
        }
        if let recordedAt = tree.headRecordedAt[cp.size], cp.time < recordedAt {
            return Wording(en: "it is dated \(cp.time), before its last record, record \(cp.size), was recorded (recorded_at \(recordedAt)): a checkpoint cannot be older than the records it signs",
                           zh: "它的日期是 \(cp.time)，早于其最后一条记录（记录 \(cp.size)）的记录时间（recorded_at \(recordedAt)）：检查点不能早于它所签的记录")
        }
        return nil
    }

    /// ", witnessed by W at T, …" for the witnesses that cosigned (nothing when no witness keys were given).
    static func witnessText(_ witnessed: [Witnessed]) -> String {
        witnessed.isEmpty ? "" : "; witnessed by " + witnessed.map { "\($0.key.label) at \($0.time)" }.joined(separator: ", ")
    }
}
