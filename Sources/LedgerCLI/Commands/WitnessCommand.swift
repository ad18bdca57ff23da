import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

/// `ledger witness init|cosign|status`: the witness operator's commands (C2SP tlog-witness, offline).
enum WitnessCommand {
    static let options: [OptionSpec] = [
        .value("witness", "DIR", en: "the witness directory (default: $LEDGER_WITNESS_DIR, else ./witness-data)",
               zh: "见证方目录（默认：$LEDGER_WITNESS_DIR，否则 ./witness-data）"),
        .value("name", "NAME", en: "init: the witness's name in its cosignatures (default: DIR's name), e.g. shinan-zhujianju",
               zh: "init：见证方在副署中的名称（默认：DIR 的名称），例如 shinan-zhujianju"),
        .value("key", "FILE", en: "init: use this witness private key instead of making a new one (restoring a witness)",
               zh: "init：使用这个见证方私钥而不是新生成一个（恢复见证方）"),
        .value("pubkey", "LOGKEY", en: "cosign: the office's public key (pinned for this ledger at its first cosignature)",
               zh: "cosign：街道办的公钥（首次副署时为该账本固定下来）"),
        .value("consistency-from", "FILE",
               en: "cosign: the consistency proof from the size this witness last cosigned, made by the office with `ledger consistency --from SIZE --checkpoint CP --out FILE`; not needed for the first checkpoint of a ledger or an unchanged size",
               zh: "cosign：从本见证方上次副署的记录数起的一致性证明，由街道办用“ledger consistency --from SIZE --checkpoint CP --out FILE”生成；账本的第一个检查点或记录数未变时不需要"),
        .value("out", "FILE", en: "cosign: write the cosigned checkpoint to FILE (new) instead of adding the line to CP (- for standard output, the default when CP is - for standard input)",
               zh: "cosign：把副署后的检查点写入（新的）FILE，而不是在 CP 中添加一行（- 表示标准输出；CP 为 -（标准输入）时默认如此）"),
        .value("time", "T", en: "cosign: the cosignature's time, UTC YYYY-MM-DDTHH:MM:SSZ, not before the checkpoint's time nor later than now (default: now, or the checkpoint's time when that is up to 5 minutes ahead)",
               zh: "cosign：副署时间，UTC YYYY-MM-DDTHH:MM:SSZ，不早于检查点的时间，也不晚于当前时间（默认：当前时间；检查点时间晚于当前时间但不超过 5 分钟时，取检查点时间）"),
    ]

    static let command = Command(
        name: "witness",
        summary: Message(en: "run a witness: cosign an office's checkpoints after checking they never fork or roll back",
                         zh: "运行见证方：核对街道办的检查点从不分叉或回退后予以副署"),
        positionals: .described("(init | cosign CP | status)"),
        options: options,
        about: Message(en: """
        A witness (for example the district housing bureau) keeps, for each ledger it watches, the latest checkpoint
        it cosigned. It cosigns a new checkpoint only if the office's signature verifies and the new checkpoint
        extends that one: never fewer records (a rollback), never another root for the same number of records (a
        split view: two histories shown to two audiences), and an RFC 6962 consistency proof from the old size to
        the new one that verifies. Residents and auditors then require the witnesses' cosignatures
        (`ledger verify --checkpoint CP --pubkey KEY.pub --witness-key W.pub`), so an office cannot show them a
        history the witnesses never saw.

          init      make the witness: its key (DIR/witness.key, mode 0600; DIR/witness.pub to publish) and state
          cosign    check checkpoint CP and add this witness's timestamped cosignature line to it
          status    list each ledger this witness watches with the last size, root and time it cosigned
        """, zh: """
        见证方（例如区住建局）为它见证的每个账本保存它最近副署的检查点。只有当街道办的签名核对无误、且新检查点
        是那个检查点的延伸时，才副署新检查点：记录数不能变少（回退），同样的记录数不能有另一个根（分叉：
        给两拨人看两套历史），并且从旧记录数到新记录数的 RFC 6962 一致性证明要核对通过。居民和审计人员据此要求
        见证方的副署（“ledger verify --checkpoint CP --pubkey KEY.pub --witness-key W.pub”），街道办就无法向
        他们展示见证方从未见过的历史。

          init      建立见证方：其密钥（DIR/witness.key，权限 0600；DIR/witness.pub 用于公开）和状态
          cosign    核对检查点 CP，并在其中加上本见证方带时间的副署行
          status    列出本见证方见证的每个账本及其最近副署的记录数、根和时间
        """),
        notes: Message(en: """
        The witness's files must be the files themselves (a symbolic link planted in DIR is refused, never
        followed), and cosign refuses a witness.key that group or others may read (fix with `chmod 600`).
        """, zh: """
        见证方的文件必须是文件本身（放在 DIR 中的符号链接会被拒绝，从不跟随），且 cosign 拒绝同组或其他用户
        可读的 witness.key（用“chmod 600”修正）。
        """),
        exitStatus: Message(en: """
        0 done; 1 refused because the log misbehaved (rollback, split view, inconsistent proof, bad signature) or \
        the witness's state is damaged; 2 usage or input error (nothing is cosigned or changed).
        """, zh: """
        0 完成；1 因账本出现异常（回退、分叉、证明不一致、签名无效）或见证方状态损坏而拒绝；2 用法或输入错误\
        （没有副署或改动任何东西）。
        """),
        run: run)

    static let defaultDirectory = "witness-data"

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        switch arguments.positionals.first {
        case "init": return try initialise(arguments, context)
        case "cosign": return try cosign(arguments, context)
        case "status": return try status(arguments, context)
        default:
            guard let given = arguments.positionals.first else {
                throw .usage(Message(en: "`ledger witness` takes init, cosign or status; see `ledger witness --help`.", zh: "“ledger witness”后面要跟 init、cosign 或 status；见“ledger witness --help”。"))
            }
            let shown = DisplayText.visible(given)
            throw .usage(Message(en: "`ledger witness` has no \"\(shown)\"; it takes init, cosign or status; see `ledger witness --help`.",
                                 zh: "“ledger witness”没有“\(shown)”；后面要跟 init、cosign 或 status；见“ledger witness --help”。")
                + .didYouMean(given, among: ["init", "cosign", "status"]))
        }
    }

    static func directory(_ arguments: Arguments, _ context: CommandContext) -> String {
        context.io.resolve(arguments.value("witness") ?? context.io.environment["LEDGER_WITNESS_DIR"] ?? defaultDirectory)
    }

    /// A witness's refusal: exit 1 when it means the log misbehaved (`isIntegrityFailure`), else 2.
    static func cliError(_ error: AuditError) -> CLIError {
        let message = AuditSupport.message(error)
        return error.isIntegrityFailure ? .integrity(message) : .input(message)
    }

    static func initialise(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals(["init"], command: "witness init")
        let path = directory(arguments, context)
        let key: SignerKey
        if let keyPath = arguments.value("key") {
            if arguments.value("name") != nil { throw .usage(Message(en: "--name is taken from the key file given with --key; give one of them.", zh: "--name 取自 --key 给出的密钥文件；两者只能给一个。")) }
            key = try AuditSupport.signerKey(keyPath, context)
            guard key.algorithm == .cosignatureV1 else {
                throw .input(Message(en: "\(keyPath) is an office's checkpoint key; a witness needs its own witness key (made by `ledger witness init`).", zh: "\(keyPath) 是街道办的检查点密钥；见证方需要自己的见证密钥（由“ledger witness init”生成）。"))
            }
        } else {
            var base = String(path.split(separator: "/").last ?? "witness")
            if base == "." || base == ".." { base = "witness" }
            let name = arguments.value("name") ?? base
            guard NoteKeys.isValidName(name) else { throw .usage(AuditSupport.message(.badKeyName(name: name))) }
            key = try AuditSupport.newKey(name: name, algorithm: .cosignatureV1)
        }
        do { _ = try WitnessDirectory.create(path: path, key: key) } catch { throw cliError(error) }
        let shown = arguments.value("witness") ?? context.io.environment["LEDGER_WITNESS_DIR"] ?? defaultDirectory
        context.io.writeOut(context.language == .zh ? """
        见证方 "\(key.name)" 已建立于 \(shown)
        私钥：\(shown)/\(WitnessDirectory.keyFileName)（权限 0600；务必保密）
        公钥：\(shown)/\(WitnessDirectory.publicKeyFileName)（与发布方的公钥一同公布）
        \(key.verifier.text)

        """ : """
        witness "\(key.name)" created in \(shown)
        private key: \(shown)/\(WitnessDirectory.keyFileName) (mode 0600; keep it secret)
        public key:  \(shown)/\(WitnessDirectory.publicKeyFileName) (publish it beside the office's key)
        \(key.verifier.text)

        """)
        return 0
    }

    static func cosign(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["cosign", "CP"], command: "witness cosign")
        let checkpointFile = positionals[1]
        guard arguments.value("pubkey") != nil else {
            throw .usage(Message(en: "--pubkey LOGKEY is required: the office's public key the checkpoint must be signed with.", zh: "必须给出 --pubkey LOGKEY：检查点必须由之签署的街道办公钥。"))
        }
        let logKey = try AuditSupport.publicKey(arguments, context)
        let givenTime = try context.timestamp(arguments, "time")
        // The output guard before the work: once cosigned, the state is recorded, and a refusal after it would
        // leave a cosignature recorded but never handed out.
        if let out = arguments.value("out"), out != "-" {
            if PosixFile.exists(try context.io.outputPath(out, option: "out")) {
                throw .input(Message(en: "\(out) already exists; cosigned checkpoints are never written over another file. Choose another --out.", zh: "\(out) 已存在；副署后的检查点从不覆盖其他文件。请另选 --out。"))
            }
        } else if arguments.value("out") == nil, checkpointFile != "-" {
            _ = try context.io.outputPath(checkpointFile, option: "checkpoint")
        }
        let witness: WitnessDirectory
        do { witness = try WitnessDirectory.open(path: directory(arguments, context)) } catch { throw cliError(error) }
        let note = try context.io.readFile(checkpointFile)
        var request: WitnessRequest? = nil
        let requestFile = arguments.value("consistency-from") ?? ""
        if !requestFile.isEmpty {
            let bytes = try context.io.readFile(requestFile)
            do { request = try WitnessRequest(bytes: bytes, file: requestFile) } catch { throw .input(AuditSupport.message(error)) }
        }
        if let answer = try alreadyCosigned(note, file: checkpointFile, logKey: logKey, witness: witness, context) {
            context.io.writeOut(answer)
            return 0
        }
        let time = try cosignatureTime(givenTime, note: note, file: checkpointFile, logKey: logKey, context)
        let done: WitnessDirectory.Cosigned
        do {
            done = try witness.cosign(note: note, file: checkpointFile, logKey: logKey, request: request, requestFile: requestFile, time: time)
        } catch {
            if case .witness(.damagedState) = error {
                throw .integrity(AuditSupport.message(error) + Message(en: " Nothing was cosigned.", zh: "什么也没有副署。"))
            }
            throw cliError(error)
        }
        // The state is recorded; now hand the cosignature out. The checkpoint's text and earlier signatures are
        // unchanged, so adding the line in place loses nothing.
        // A checkpoint read from standard input goes back to standard output unless --out names a file.
        let out = arguments.value("out") ?? (checkpointFile == "-" ? "-" : nil)
        if out == "-" {
            context.io.writeOutBytes(done.note)
            return 0
        }
        let target = out ?? checkpointFile
        // Both through the output guard: never into a ledger directory, atomic, a replaced file keeps its mode.
        if let out {
            try context.io.writeOutput(done.note, to: out, existing: .refuse, what: "cosigned checkpoints")
        } else {
            // The checkpoint given, with this witness's line added: the one replacement of a checkpoint there is.
            try context.io.writeOutput(done.note, to: checkpointFile, option: "checkpoint", replacingEvidence: true)
        }
        let cp = done.checkpoint
        let origin = CanonicalJSON.string(.string(cp.origin), escaping: .display)
        let zh = context.language == .zh
        var text = zh ? "已副署账本 \(origin) 的检查点：\(cp.size) 条记录，根 \(cp.root.hex)\n"
                      : "cosigned checkpoint of ledger \(origin): \(Wording.englishCount(cp.size, "record")), root \(cp.root.hex)\n"
        if let previous = done.previous {
            let proof = request?.proof.count ?? 0
            text += previous.size == cp.size
                ? (zh ? "  与此前副署的检查点（\(previous.time)）是同一棵树\n" : "  same tree as the checkpoint cosigned before (\(previous.time))\n")
                : (zh ? "  在此前副署的 \(previous.size) 条记录之后延伸（已核验由 \(proof) 个哈希组成的一致性证明）\n"
                      : "  extends the \(Wording.englishCount(previous.size, "record")) cosigned before (consistency proof of \(Wording.englishCount(proof, "hash", plural: "hashes")) verified)\n")
        } else {
            text += zh ? "  本见证方首次见到这个账本的检查点：从现在起固定其公钥 \(logKey.label)\n"
                       : "  first checkpoint of this ledger seen by this witness: its key \(logKey.label) is pinned from now on\n"
        }
        text += zh ? "  见证方：\(witness.key.verifier.label)（\(done.cosignature.time)）\n" : "  witness: \(witness.key.verifier.label) at \(done.cosignature.time)\n"
        text += zh ? "已写入 \(target)\n" : "written to \(target)\n"
        context.io.writeOut(text)
        return 0
    }

    /// The cosignature's time (ledger-spec.md 14.9): never before the checkpoint's own time nor later than this
    /// clock plus the allowed difference, which a reader would not count. By default the clock, or the checkpoint's
    /// time when that is ahead of the clock (by at most the allowed difference: a later one is refused before this).
    /// - Throws: `.input` for a `--time` outside those bounds (exit 2, nothing cosigned).
    static func cosignatureTime(_ given: Timestamp?, note: [UInt8], file: String, logKey: VerifierKey,
                                _ context: CommandContext) throws(CLIError) -> Timestamp {
        let now = context.io.now()
        // A checkpoint that does not open is the library's to refuse, in its own words.
        guard let checkpoint = try? Checkpoint.open(note, key: logKey, file: file) else { return given ?? now }
        guard let given else { return max(now, checkpoint.time) }
        if let problem = WitnessTimeProblem.of(given, checkpointTime: checkpoint.time, now: now) {
            let why: Wording
            switch problem {
            case .beforeCheckpoint:
                why = Wording(en: "--time \(given) is before the checkpoint's own time \(checkpoint.time): a witness cannot cosign a checkpoint before it was made",
                              zh: "--time \(given) 早于检查点本身的时间 \(checkpoint.time)：见证方不可能在检查点生成之前副署")
            case .afterNow:
                why = Wording(en: "--time \(given) is later than now (\(now), allowing \(Checkpoint.clockSkewSecondsMax / 60) minutes of clock difference)",
                              zh: "--time \(given) 晚于当前时间（\(now)，已允许 \(Checkpoint.clockSkewSecondsMax / 60) 分钟的时钟误差）")
            }
            throw .input(Message(en: "not cosigned: \(why.en); readers would not count such a cosignature. Give a --time on or after \(checkpoint.time) and not later than now, or leave --time out. Nothing was cosigned or recorded.",
                                 zh: "未副署：\(why.zh)；读者不会承认这样的副署。请给出不早于 \(checkpoint.time)、不晚于当前时间的 --time，或不给 --time。没有副署，也没有记录任何内容。"))
        }
        return given
    }

    /// Checks made before cosigning, with the witness's own clock and memory (review 35d #1, #6): a checkpoint dated
    /// later than now is refused (exit 2, nothing cosigned: it claims a state of the log not yet reached); one that
    /// already carries this witness's valid cosignature, and is no larger than the latest it cosigned, is told so
    /// calmly (an older checkpoint this witness cosigned is no rollback: it cosigned only extensions since).
    /// - Returns: the text to print when the checkpoint was already cosigned (nothing to do), else nil.
    static func alreadyCosigned(_ note: [UInt8], file: String, logKey: VerifierKey, witness: WitnessDirectory,
                                _ context: CommandContext) throws(CLIError) -> String? {
        // A checkpoint that does not open is the library's to refuse, in its own words.
        guard let checkpoint = try? Checkpoint.open(note, key: logKey, file: file) else { return nil }
        let now = context.io.now()
        if Checkpoint.isInFuture(checkpoint.time, now: now) {
            throw .input(Message(
                en: "not cosigned: \(file) is dated \(checkpoint.time), later than now (\(now), allowing \(Checkpoint.clockSkewSecondsMax / 60) minutes of clock difference); a witness cosigns only a state of the log that has been reached. Ask the office to sign the checkpoint again with the right time (and check this computer's clock). Nothing was cosigned or recorded.",
                zh: "未副署：\(file) 的日期是 \(checkpoint.time)，晚于当前时间（\(now)，已允许 \(Checkpoint.clockSkewSecondsMax / 60) 分钟的时钟误差）；见证方只副署日志已经达到的状态。请街道办以正确的时间重新签署检查点（并核对本机时钟）。没有副署，也没有记录任何内容。"))
        }
        guard let mine = (try? SignedNote(bytes: note, file: file))
                .flatMap({ try? $0.witnesses([witness.key.verifier], file: file, now: context.io.now()).first }),
              let state = try? witness.state(origin: checkpoint.origin), state.logKey == logKey,
              checkpoint.size < state.checkpoint.size else { return nil }
        let latest = state.checkpoint
        return context.language == .zh
            ? "\(file) 已带有本见证方 \(mine.time) 的副署（\(checkpoint.size) 条记录，检查点时间 \(checkpoint.time)）：这是本见证方以前副署过的检查点，不是回退。"
                + "此后本见证方已副署到 \(latest.size) 条记录（\(latest.time) 的检查点），只副署其延伸。无需再副署；文件未改动。\n"
            : "\(file) already carries this witness's cosignature of \(mine.time) (\(Wording.englishCount(checkpoint.size, "record")), checkpoint of \(checkpoint.time)): "
                + "a checkpoint this witness cosigned before, not a rollback. Since then it has cosigned \(Wording.englishCount(latest.size, "record")) "
                + "(checkpoint of \(latest.time)), each an extension of the last. Nothing to cosign again; the file is unchanged.\n"
    }

    static func status(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals(["status"], command: "witness status")
        let witness: WitnessDirectory
        let states: [WitnessState]
        do {
            witness = try WitnessDirectory.open(path: directory(arguments, context))
            states = try witness.states()
        } catch {
            throw cliError(error)
        }
        let zh = context.language == .zh
        var text = (zh ? "见证方：" : "witness: ") + "\(witness.key.verifier.text)\n"
        if states.isEmpty { text += zh ? "尚未副署任何账本\n" : "no ledger cosigned yet\n" }
        for state in states {
            let cp = state.checkpoint
            let cosigned = (try? SignedNote(bytes: state.note, file: ""))
                .flatMap { try? $0.witnesses([witness.key.verifier], file: "", now: context.io.now()).first?.time }
            let origin = CanonicalJSON.string(.string(cp.origin), escaping: .display)
            if zh {
                text += "账本“\(origin.dropFirst().dropLast())”（公钥 \(state.logKey.label)）：\(cp.size) 条记录，根 \(cp.root.hex)，检查点时间 \(cp.time)"
                text += cosigned.map { "，副署于 \($0)\n" } ?? "\n"
            } else {
                text += "ledger \(origin) (key \(state.logKey.label)): \(Wording.englishCount(cp.size, "record")), root \(cp.root.hex), checkpoint \(cp.time)"
                text += cosigned.map { ", cosigned \($0)\n" } ?? "\n"
            }
        }
        context.io.writeOut(text)
        return 0
    }
}
