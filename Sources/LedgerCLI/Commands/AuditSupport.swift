import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

/// Shared pieces of the audit commands (keygen, checkpoint, prove, check-proof, verify --checkpoint).
enum AuditSupport {
    /// The error's words in both languages (`AuditWords`).
    static func message(_ error: AuditError) -> Message { Message(AuditWords.error(error)) }

    /// Maps a key/note/bundle rejection met while checking (verify --checkpoint, check-proof): an unreadable key
    /// file or a file error is an input error (exit 2); anything that fails verification is an integrity failure
    /// (exit 1).
    static func cliError(_ error: AuditError) -> CLIError {
        switch error {
        case .badKey, .badKeyName, .wrongKeyKind, .file: return .input(message(error))
        case .chain(let e): return .chain(e)
        default: return .integrity(message(error))
        }
    }

    /// Maps a refusal to prove (prove, consistency): a wrong or unreadable checkpoint or seq is an input error, a
    /// log that no longer matches the checkpoint an integrity failure (with the command that shows what changed).
    static func proveError(_ error: AuditError) -> CLIError {
        switch error {
        case .refused(.mismatch(let file, _)):
            // What to run next is the command line's to say, not the library's.
            return .integrity(Message(AuditWords.error(error) + Wording(
                en: " Run `ledger verify --checkpoint \(file) --pubkey PUB` to see what changed.",
                zh: "请运行“ledger verify --checkpoint \(file) --pubkey PUB”查看改动了什么。")))
        case .chain(let e): return .chain(e)
        default: return .input(message(error))
        }
    }

    /// Maps a refusal to sign a checkpoint: a log that fails verification is an integrity failure (with what to
    /// do), an empty ledger or a name that cannot be an origin an input error.
    static func checkpointError(_ error: AuditError) -> CLIError {
        switch error {
        case .refused(.integrity):
            return .integrity(Message(AuditWords.error(error) + Wording(
                en: " Run `ledger verify` and restore the log from a verified backup.",
                zh: "请运行“ledger verify”，并从校验通过的备份恢复日志。")))
        case .chain(let e): return .chain(e)
        default: return .input(message(error))
        }
    }

    /// Reads and parses the pinned public key `--pubkey PUB`.
    static func publicKey(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> VerifierKey {
        guard let path = arguments.value(pubkey) else {
            throw .usage(Message(en: "--pubkey PUB is required: the public key file the office published (KEY.pub from `ledger keygen`).", zh: "必须给出 --pubkey PUB：街道办公开的公钥文件（“ledger keygen”生成的 KEY.pub）。"))
        }
        let bytes = try context.io.readFile(path)
        let key: VerifierKey
        do { key = try VerifierKey(fileBytes: bytes, file: path) } catch {
            try refuseOtherKindAsPublicKey(bytes, file: path, option: "--pubkey")
            throw cliError(error)
        }
        guard key.algorithm == .ed25519 else { throw cliError(.wrongKeyKind(file: path, key: key.label, expected: .ed25519)) }
        return key
    }

    /// The witness keys of `--witness-key W` (repeatable) and how many of them must have cosigned
    /// (`--witnesses N`, default: all given).
    static func witnessKeys(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> (keys: [VerifierKey], required: Int) {
        var keys: [VerifierKey] = []
        for path in arguments.values("witness-key") {
            let bytes = try context.io.readFile(path)
            let key: VerifierKey
            do { key = try VerifierKey(fileBytes: bytes, file: path) } catch {
                try refuseOtherKindAsPublicKey(bytes, file: path, option: "--witness-key")
                throw cliError(error)
            }
            guard key.algorithm == .cosignatureV1 else { throw cliError(.wrongKeyKind(file: path, key: key.label, expected: .cosignatureV1)) }
            if !keys.contains(key) { keys.append(key) }
        }
        guard let required = try arguments.integer("witnesses", minimum: 1) else { return (keys, keys.count) }
        guard !keys.isEmpty else { throw .usage(Message(en: "--witnesses N needs the witnesses' public keys: give --witness-key W.pub for each.", zh: "--witnesses N 需要见证方的公钥：请为每个见证方给出 --witness-key W.pub。")) }
        guard required <= Int64(keys.count) else {
            throw .usage(Message(en: "--witnesses \(required) is more than the \(Wording.englishCount(keys.count, "witness key")) given with --witness-key.", zh: "--witnesses \(required) 多于 --witness-key 给出的 \(keys.count) 个见证方公钥。"))
        }
        return (keys, Int(required))
    }

    /// `--pubkey PUB`: the public key checkpoints must be signed with.
    static let pubkey = OptionSpec.value(
        "pubkey", "PUB", en: "the published public key the checkpoints must be signed with",
        zh: "检查点必须由之签署的公开公钥")
    /// `--witness-key W`, repeatable.
    static let witnessKey = OptionSpec.value(
        "witness-key", "W", repeatable: true,
        en: "a witness's public key (witness.pub from `ledger witness init`); repeatable",
        zh: "见证方的公钥（“ledger witness init”生成的 witness.pub）；可重复")
    /// `--witnesses N`.
    static let witnesses = OptionSpec.value(
        "witnesses", "N", en: "how many of those witnesses must have cosigned the checkpoint (default: all given)",
        zh: "检查点须有其中多少个见证方副署（默认：给出的全部）")

    /// A new key from OpenSSL's random source: an office's checkpoint key or a witness key.
    static func newKey(name: String, algorithm: NoteKeys.Algorithm) throws(CLIError) -> SignerKey {
        do {
            return try SignerKey(name: name, seed: try Ed25519.PrivateKey.generate().seed, algorithm: algorithm)
        } catch let error as Ed25519Error {
            throw .input(Message(AuditWords.ed25519(error)))
        } catch let error as AuditError {
            throw cliError(error)
        } catch {
            throw .input(Message(CLIError.words(of: error)))
        }
    }

    /// The kinds of file the audit commands take, as told by their form alone (nothing is verified): for a message
    /// that names what a file given to the wrong option is.
    enum FileKind {
        case privateKey, publicKey, checkpoint, proofBundle, publication, webPage

        init?(_ bytes: [UInt8]) {
            if bytes.starts(with: Array(SignerKey.filePrefix.utf8)) {
                self = .privateKey
            } else if (try? VerifierKey(fileBytes: bytes, file: "")) != nil {
                self = .publicKey
            } else if (try? Checkpoint.openUnverified(bytes, file: "")) != nil {
                self = .checkpoint
            } else if FileKind.looksLikePublication(bytes) {
                self = .publication
            } else if bytes.first == UInt8(ascii: "{"), (try? ProofBundle.parse(bytes, file: "")) != nil {
                self = .proofBundle
            } else if FileKind.looksLikeWebPage(bytes) {
                self = .webPage
            } else {
                return nil
            }
        }

        /// A disclosure's data file (`ledger publish`'s publication.json), by its opening: its "format" follows its
        /// checkpoint and community id, well inside the first 64 KiB. Searched as bytes: that prefix may end inside
        /// a multi-byte character. Whether it is valid is for `check-proof` to say.
        static func looksLikePublication(_ bytes: [UInt8]) -> Bool {
            bytes.starts(with: Array("{\"checkpoint\":".utf8))
                && bytes.prefix(64 * 1024).firstRange(of: Array("\"format\":\"\(PublicationData.format)\"".utf8)) != nil
        }

        /// An HTML page (a disclosure's index.html or notice.html, say): `<!DOCTYPE html` or `<html` after an optional
        /// byte-order mark and white space, in any case.
        static func looksLikeWebPage(_ bytes: [UInt8]) -> Bool {
            var rest = bytes[...]
            if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
            rest = rest.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            let head = String(decoding: rest.prefix(14), as: UTF8.self).lowercased()
            return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
        }

        /// `a private key (keep it secret)`, `a public key`, `a signed checkpoint`.
        var words: Wording {
            switch self {
            case .privateKey: return Wording(en: "a private key (keep it secret)", zh: "私钥（请妥善保密）")
            case .publicKey: return Wording(en: "a public key", zh: "公钥")
            case .checkpoint: return Wording(en: "a signed checkpoint", zh: "签名检查点")
            case .proofBundle: return Wording(en: "a proof bundle", zh: "证明包")
            case .publication: return Wording(en: "a disclosure's data file (publication.json of `ledger publish`)",
                                              zh: "公示的数据文件（“ledger publish”生成的 publication.json）")
            case .webPage: return Wording(en: "a web page (HTML)", zh: "网页（HTML）")
            }
        }
    }

    /// Refuses a key or a proof bundle given where a checkpoint belongs (`prove`, `consistency`, `verify`,
    /// `publish`): said before the note's form is checked, which would only say that it has no blank line.
    static func refuseOtherKindAsCheckpoint(_ bytes: [UInt8], file: String) throws(CLIError) {
        guard let kind = FileKind(bytes), kind != .checkpoint else { return }
        // A disclosure's folder holds its checkpoint beside the page and the data file.
        let folder = kind == .publication || kind == .webPage
            ? Wording(en: " (a published disclosure's checkpoint is its checkpoint.txt)", zh: "（已发布公示的检查点是其中的 checkpoint.txt）") : Wording(en: "", zh: "")
        throw .input(Message(en: "\(file) is \(kind.words.en), not a checkpoint; give the checkpoint file that `ledger checkpoint --key KEY --out FILE` wrote\(folder.en)",
                             zh: "\(file) 是\(kind.words.zh)，不是检查点；请给出“ledger checkpoint --key KEY --out FILE”写出的检查点文件\(folder.zh)"))
    }

    /// Refuses a checkpoint or a proof bundle given where a public key belongs (`--pubkey`, `--witness-key`): said
    /// instead of the key parser's "a key file holds exactly one line" (a private key has the parser's own words).
    static func refuseOtherKindAsPublicKey(_ bytes: [UInt8], file: String, option: String) throws(CLIError) {
        guard let kind = FileKind(bytes), kind != .publicKey, kind != .privateKey else { return }
        throw .input(Message(en: "\(option) \(file) is \(kind.words.en), not a public key; give the public key file (KEY.pub from `ledger keygen`, or a witness's W.pub)",
                             zh: "\(option) \(file) 是\(kind.words.zh)，不是公钥；请给出公钥文件（“ledger keygen”生成的 KEY.pub，或见证方的 W.pub）"))
    }

    /// Reads a private key file. Like ssh, refuses a key that group or others may read (any of the bits 0o077):
    /// whoever can read it can sign checkpoints in the office's name. A file that is not a private key at all (the
    /// public key KEY.pub, say) is told so first: `chmod 600` would not make it one.
    static func signerKey(_ path: String, _ context: CommandContext) throws(CLIError) -> SignerKey {
        let (bytes, status) = try context.io.readInput(path, limit: .settings)
        let key: SignerKey
        do { key = try SignerKey(fileBytes: bytes, file: path) } catch {
            if let kind = FileKind(bytes), kind != .privateKey {
                let what = kind == .publicKey ? Wording(en: "a public key (KEY.pub, for checking)", zh: "公钥（KEY.pub，用于核对）") : kind.words
                throw .input(Message(en: "\(path): not a private key: this is \(what.en); give the private key file that `ledger keygen` wrote (KEY, without .pub)",
                                     zh: "\(path)：不是私钥：这是\(what.zh)；请给出“ledger keygen”写出的私钥文件（KEY，不带 .pub）"))
            }
            throw cliError(error)
        }
        if let permissions = status?.permissions, permissions & 0o077 != 0 {
            let mode = String(permissions, radix: 8)
            throw .input(Message(en: "\(path) can be read or changed by others (mode 0\(mode)); whoever can read a private key can sign checkpoints with it. Run `chmod 600 \(path)` and try again (and make a new key with `ledger keygen` if others may have copied it).", zh: "\(path) 可被他人读取或修改（权限 0\(mode)）；能读到私钥的人就能用它签署检查点。请运行“chmod 600 \(path)”后重试（如果他人可能已复制，请用“ledger keygen”生成新密钥）。"))
        }
        return key
    }

    /// Writes a new file that must not exist yet, whole or not at all (`PosixFile.writeAtomically`, `.refuse`):
    /// for files inside a folder this command has just made (publish's staging folder). A file named on the command
    /// line goes through `CommandIO.writeOutput` instead, which also applies the output guard.
    static func writeNewFile(_ bytes: [UInt8], to path: String, permissions: UInt32, what: String = "keys",
                             whatZh: String = "密钥") throws(CLIError) {
        do { try PosixFile.writeAtomically(bytes, to: path, permissions: permissions, existing: .refuse) } catch {
            if error.isAlreadyExists {
                throw .input(Message(en: "\(path) already exists; \(what) are never overwritten. Choose another --out or move the old file away.",
                                 zh: "\(path) 已存在；\(whatZh)从不覆盖。请另选 --out，或先把旧文件移走。"))
            }
            throw .input(Message(SystemWords.fileError(error)))
        }
    }
}
