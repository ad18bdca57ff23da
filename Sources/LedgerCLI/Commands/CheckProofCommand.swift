import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

enum CheckProofCommand {
    static let command = Command(
        name: "check-proof",
        summary: Message(en: "check a proof bundle offline against a published public key",
                         zh: "离线用公开的公钥核对证明包"),
        positionals: .exactly(["BUNDLE"]),
        options: [AuditSupport.pubkey.with(en: "the published public key file (KEY.pub from `ledger keygen`)",
                                           zh: "公开的公钥文件（“ledger keygen”生成的 KEY.pub）"),
                  AuditSupport.witnessKey, AuditSupport.witnesses],
        about: Message(en: """
        Checks a proof bundle from `ledger prove` with nothing but the office's public key: the checkpoint's
        signature, the record's own hash, and the RFC 6962 inclusion proof from the record to the signed root.
        Needs no ledger. On success prints the record and the checkpoint it is proven against. BUNDLE may also be
        the publication.json of a disclosure (`ledger publish`): then every record in it is checked.
        """, zh: """
        只用街道办的公钥核对“ledger prove”生成的证明包：检查点的签名、记录本身的哈希，以及从记录到签名根的
        RFC 6962 包含证明。不需要账本。成功时输出该记录及其所对应的检查点。BUNDLE 也可以是公示
        （“ledger publish”）中的 publication.json：此时逐条核对其中的每条记录。
        """),
        exitStatus: Message(en: """
        0 the proof holds, 1 the proof is rejected (altered, wrong key, bad signature), 2 usage error or unreadable file.
        """, zh: "0 证明成立；1 证明被拒绝（被改动、密钥不对、签名无效）；2 用法错误或文件无法读取。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = arguments.positionals
        let key = try AuditSupport.publicKey(arguments, context)
        let (witnessKeys, required) = try AuditSupport.witnessKeys(arguments, context)
        let bytes = try context.io.readFile(positionals[0], limit: .bundle)
        if AuditSupport.FileKind.looksLikePublication(bytes) {
            return try checkPublication(bytes, file: positionals[0], key: key, witnessKeys: witnessKeys, required: required, context)
        }
        let verified: ProofBundle.Verified
        let witnessed: [Witnessed], others: [String]
        do {
            verified = try ProofBundle.verify(bytes, key: key, file: positionals[0])
            let note = try SignedNote(bytes: try ProofBundle.parse(bytes, file: positionals[0]).checkpointNote, file: positionals[0])
            witnessed = try note.requireWitnesses(witnessKeys, count: required, file: AuditWords.checkpoint(in: positionals[0]), now: context.io.now())
            others = note.signatures.filter { s in s.keyID != key.keyID && !witnessKeys.contains { $0.keyID == s.keyID } }
                .map { printable($0.name) }
        } catch {
            // A checkpoint or a key is not a bundle that failed its check: say what it is, and what to give.
            if let kind = AuditSupport.FileKind(bytes), kind != .proofBundle {
                let file = positionals[0], checkpoint = kind == .checkpoint ? file : "FILE"
                let page = kind == .webPage
                    ? Wording(en: " (for a published disclosure, give the publication.json beside the page)", zh: "（核对已发布的公示，请给出网页旁的 publication.json）")
                    : Wording(en: "", zh: "")
                throw .input(Message(en: "\(file) is \(kind.words.en), not a proof bundle; give the bundle that `ledger prove SEQ --checkpoint \(checkpoint) --out BUNDLE` writes\(page.en)",
                                     zh: "\(file) 是\(kind.words.zh)，不是证明包；请给出“ledger prove SEQ --checkpoint \(checkpoint) --out BUNDLE”写出的证明包\(page.zh)"))
            }
            throw .integrity(Message(en: "proof REJECTED: \(error)", zh: "证明被拒绝（REJECTED）：\(AuditWords.error(error).zh)"))
        }
        let r = verified.record, cp = verified.checkpoint
        let zh = context.language == .zh
        var witnessLines = witnessed.map { witnessLine($0.key.label, $0.time, zh) }.joined()
        if !others.isEmpty {
            witnessLines += zh ? "其他签名，未核验：\(others.joined(separator: "，"))（用 --witness-key 给出其公钥即可核验）\n"
                               : "other signatures, not checked: \(others.joined(separator: ", ")) (give their keys with --witness-key to check them)\n"
        }
        context.io.writeOut(zh ? """
        证明：有效（VALID）
        账本：\(DisplayText.exact(cp.origin))
        记录：第 \(r.seq) 条（共 \(cp.size) 条）
        id：\(r.id)
        类型(type)：\(printable(r.type))
        日期(occurred_on)：\(r.occurredOn)
        记录时间(recorded_at)：\(r.recordedAt)
        记录人(actor)：\(printable(r.actor))
        内容(data)：\(CanonicalJSON.string(.object(r.data), escaping: .display))
        记录哈希：\(r.hash.hex)
        检查点：\(cp.size) 条记录，根 \(cp.root.hex)，时间 \(cp.time)
        签名者：\(key.name)+\(Hex.encode(key.keyID))
        公钥指纹：\(PublicationData.fingerprint(key))
        \(witnessLines)
        """ : """
        proof: VALID
        ledger: \(DisplayText.exact(cp.origin))
        record: seq \(r.seq) of \(cp.size)
        id: \(r.id)
        type: \(printable(r.type))
        occurred_on: \(r.occurredOn)
        recorded_at: \(r.recordedAt)
        actor: \(printable(r.actor))
        data: \(CanonicalJSON.string(.object(r.data), escaping: .display))
        record hash: \(r.hash.hex)
        checkpoint: \(Wording.englishCount(cp.size, "record")), root \(cp.root.hex), time \(cp.time)
        signed by: \(key.name)+\(Hex.encode(key.keyID))
        key fingerprint: \(PublicationData.fingerprint(key))
        \(witnessLines)
        """)
        return 0
    }

    /// One verified witness's line.
    static func witnessLine(_ label: String, _ time: some CustomStringConvertible, _ zh: Bool) -> String {
        zh ? "见证：\(label)（\(time)，副署已核验）\n" : "witnessed by: \(label) at \(time) (cosignature verified)\n"
    }

    /// A published disclosure's data file (`ledger publish`): the checkpoint, its witnesses and every record with
    /// its inclusion proof.
    static func checkPublication(_ bytes: [UInt8], file: String, key: VerifierKey, witnessKeys: [VerifierKey], required: Int,
                                 _ context: CommandContext) throws(CLIError) -> Int32 {
        let verified: PublicationData.Verified
        let witnessed: [Witnessed]
        do {
            verified = try PublicationData.verify(bytes, key: key, file: file, now: context.io.now())
            // The witnesses the reader asks for, besides those the file itself requires.
            witnessed = try SignedNote(bytes: verified.data.checkpointNote, file: file)
                .requireWitnesses(witnessKeys, count: required, file: AuditWords.checkpoint(in: file), now: context.io.now())
        } catch {
            throw .integrity(Message(en: "publication REJECTED: \(error)", zh: "公示被拒绝（REJECTED）：\(AuditWords.error(error).zh)"))
        }
        let data = verified.data, cp = verified.checkpoint
        let zh = context.language == .zh
        let seqs = verified.records.map { "#\($0.seq)" }.joined(separator: " ")
        var text = zh ? """
        公示：有效（VALID）
        账本：\(DisplayText.exact(cp.origin))
        小区：\(printable(data.communityID))，期间 \(data.from)…\(data.to)
        记录：\(verified.records.count) 条（\(seqs)），每条都附有已核验的包含证明
        检查点：\(cp.size) 条记录，根 \(cp.root.hex)，时间 \(cp.time)
        签名者：\(key.label)
        公钥指纹：\(PublicationData.fingerprint(key))（与公示单上的指纹核对）

        """ : """
        publication: VALID
        ledger: \(DisplayText.exact(cp.origin))
        community: \(printable(data.communityID)), period \(data.from)…\(data.to)
        records: \(verified.records.count) (\(verified.records.map { "#\($0.seq)" }.joined(separator: " "))), each with a verified inclusion proof
        checkpoint: \(Wording.englishCount(cp.size, "record")), root \(cp.root.hex), time \(cp.time)
        signed by: \(key.label)
        key fingerprint: \(PublicationData.fingerprint(key)) (compare it with the notice's)

        """
        // Only the reader's own keys make a witness: the file's witness keys are not signed, and anyone can name a
        // key of their own under a real witness's name.
        for w in witnessed { text += witnessLine(w.key.label, w.time, zh) }
        let unpinned = verified.witnessed.filter { w in !witnessKeys.contains(w.key) }
        if !unpinned.isEmpty, zh {
            text += "由文件自己列出的见证方公钥副署，未固定：\(unpinned.map { "\($0.key.label)（\($0.time)）" }.joined(separator: "，"))"
                + "（文件中的公钥没有签名；用 --witness-key 给出见证方公布的公钥才计入）\n"
        } else if !unpinned.isEmpty {
            text += "cosigned by witness keys the file names, not pinned: \(unpinned.map { "\($0.key.label) at \($0.time)" }.joined(separator: ", "))"
                + " (the file's keys are not signed; give the witnesses' published keys with --witness-key to count them)\n"
        }
        context.io.writeOut(text)
        return 0
    }

    /// Text from a bundle as is, or JSON-quoted with its controls escaped (`DisplayText.exact`), so a crafted
    /// bundle can neither send escape sequences to the resident's terminal nor reorder what it shows.
    static func printable(_ text: String) -> String { DisplayText.exact(text) }
}

extension InputLimit {
    /// Proof bundles (a record line of the largest size, escaped, with its proof and checkpoint) or a disclosure's
    /// publication.json, whichever limit is larger; each format checks its own limit once read.
    static let bundle = ProofBundle.bundleBytesMax >= PublicationData.bytesMax
        ? InputLimit(bytesMax: ProofBundle.bundleBytesMax, name: "ProofBundle.bundleBytesMax")
        : InputLimit(bytesMax: PublicationData.bytesMax, name: "PublicationData.bytesMax")
}
