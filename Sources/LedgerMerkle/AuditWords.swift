import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The words of LedgerMerkle's refusals (`AuditError`) and of a checkpoint the log does not extend
/// (`LedgerAudit.Divergence`), in English and Chinese, in one place. The English is what `description` says (and
/// what the command line prints under `--lang en`); the Chinese is what an auditor or clerk reads under `--lang zh`.
/// Values (files, sizes, hashes, key names) stand as they are in both.
public enum AuditWords {
    /// What a refusal names when the checkpoint inside a proof bundle or data file is at fault: `b.json (checkpoint)`.
    public static func checkpoint(in file: String) -> String { file + checkpointSuffix }

    static let checkpointSuffix = " (checkpoint)"

    /// A file a refusal names, in Chinese: `b.json (checkpoint)` is `b.json 中的检查点` (and a witness state file's
    /// `(log_key)` its 日志密钥); any other name stands as it is.
    static func place(_ file: String) -> String {
        for (suffix, zh) in [(checkpointSuffix, " 中的检查点"), (" (log_key)", " 中的日志密钥（log_key）")] where file.hasSuffix(suffix) {
            return file.dropLast(suffix.count) + zh
        }
        return file
    }

    /// The whole message of `error`.
    public static func error(_ error: AuditError) -> Wording {
        switch error {
        case .badKey(let file, let problem):
            let why = key(problem)
            return Wording(en: "\(file): not a ledger key file: \(why.en)", zh: "\(place(file))：不是账本密钥文件：\(why.zh)")
        case .badKeyName(let name):
            let shown = DisplayText.visible(name)
            return Wording(en: "key name \"\(shown)\" is not allowed: use a non-empty name without spaces, control characters or \"+\" (for example jiedao-2026)",
                           zh: "密钥名称“\(shown)”不可用：请用不含空格、控制字符和“+”的非空名称（例如 jiedao-2026）")
        case .wrongKeyKind(let file, let key, let expected):
            return expected == .ed25519
                ? Wording(en: "\(file): \(key) is a witness's cosigning key; give the office's public key (KEY.pub from `ledger keygen`) here",
                          zh: "\(place(file))：\(key) 是见证方的副署密钥；这里要给街道办的公钥（“ledger keygen”生成的 KEY.pub）")
                : Wording(en: "\(file): \(key) is an office's checkpoint key, not a witness key; give the witness's public key (witness.pub from `ledger witness init`)",
                          zh: "\(place(file))：\(key) 是街道办的检查点密钥，不是见证密钥；请给见证方的公钥（“ledger witness init”生成的 witness.pub）")
        case .badNote(let file, let problem):
            let why = note(problem)
            return Wording(en: "\(file): not a signed checkpoint: \(why.en)", zh: "\(place(file))：不是签名的检查点：\(why.zh)")
        case .notSignedByKey(let file, let key, let signers):
            return Wording(
                en: "\(file): not signed by the key \(key) (it has \(signers.isEmpty ? "no signatures" : "signatures by \(signers.joined(separator: ", "))")); check that you are using the office's published public key",
                zh: "\(place(file))：没有密钥 \(key) 的签名（\(signers.isEmpty ? "它没有任何签名" : "它的签名来自 \(signers.joined(separator: "、"))")）；请确认用的是街道办公开的公钥")
        case .badSignature(let file, let key):
            return Wording(en: "\(file): the signature by \(key) does not verify: the checkpoint was changed after it was signed, or it is forged",
                           zh: "\(place(file))：\(key) 的签名核对不通过：检查点在签署后被改动过，或是伪造的")
        case .badCosignature(let file, let witness, .signature):
            return Wording(en: "\(file): the cosignature by witness \(witness) does not verify: the checkpoint or its cosignature line was changed after the witness signed, or it is forged",
                           zh: "\(place(file))：见证方 \(witness) 的副署核对不通过：检查点或其副署行在见证方签署后被改动过，或是伪造的")
        case .badCosignature(let file, let witness, .length(let bytes)):
            return Wording(en: "\(file): the cosignature line by witness \(witness) holds \(bytes) bytes where a cosignature holds 76 (4 of key id, 8 of time, 64 of signature): the line was changed or cut after the witness signed, or it is forged",
                           zh: "\(place(file))：见证方 \(witness) 的副署行有 \(bytes) 个字节，而副署应为 76 个字节（密钥标识 4、时间 8、签名 64）：该行在见证方签署后被改动或截断过，或是伪造的")
        case .badCosignature(let file, let witness, .time(let seconds)):
            return Wording(en: "\(file): the cosignature line by witness \(witness) carries the time \(seconds), beyond the largest a cosignature may carry (2^63 − 1 seconds): the line was changed after the witness signed, or it is forged",
                           zh: "\(place(file))：见证方 \(witness) 的副署行所载时间为 \(seconds)，超出副署可载的最大值（2^63 − 1 秒）：该行在见证方签署后被改动过，或是伪造的")
        case .tooFewWitnesses(let file, let required, let witnessed, let missing, let notCredible):
            let absent = Wording(en: missing.isEmpty ? "" : "missing: \(missing.joined(separator: ", "))",
                                 zh: missing.isEmpty ? "" : "缺少：\(missing.joined(separator: "、"))")
            let times = notCredible.map { witnessTime($0) }
            let why = Wording(en: ([absent.en] + times.map { "witness time not credible: \($0.en)" }).filter { !$0.isEmpty }.joined(separator: "; "),
                              zh: ([absent.zh] + times.map { "见证时间不可信：\($0.zh)" }).filter { !$0.isEmpty }.joined(separator: "；"))
            return Wording(
                en: "\(file): \(Wording.englishCount(required, "witness cosignature")) required, but \(witnessed.isEmpty ? "none of the given witnesses" : "only \(witnessed.joined(separator: ", "))") cosigned it (\(why.en)); ask the witnesses to cosign this checkpoint (`ledger witness cosign`) or use one they cosigned",
                zh: "\(place(file))：需要 \(required) 个见证方副署，但\(witnessed.isEmpty ? "所给的见证方都没有" : "只有 \(witnessed.joined(separator: "、")) ")副署（\(why.zh)）；请让见证方副署这个检查点（“ledger witness cosign”），或改用他们副署过的检查点")
        case .badCheckpoint(let file, let line, let problem):
            let why = checkpoint(problem)
            return Wording(en: "\(file): line \(line): \(why.en)", zh: "\(place(file)) 第 \(line) 行：\(why.zh)")
        case .badBundle(let file, let problem):
            let why = bundle(problem)
            return Wording(en: "\(file): not a valid proof bundle: \(why.en)", zh: "\(place(file))：不是有效的证明包：\(why.zh)")
        case .badPublication(let file, let problem):
            let why = bundle(problem)
            return Wording(en: "\(file): not a valid publication file: \(why.en)", zh: "\(place(file))：不是有效的公示数据文件：\(why.zh)")
        case .proof(let file, let problem):
            let why = proof(problem)
            return Wording(en: "\(file): \(why.en)", zh: "\(place(file))：\(why.zh)")
        case .merkle(let problem):
            return proof(problem)
        case .indexDamaged(let path, let reason):
            let why = indexDamage(reason)
            return Wording(en: "\(path): the Merkle index is damaged (\(why.en)); it is rebuilt from the log",
                           zh: "\(path)：默克尔索引已损坏（\(why.zh)）；将从日志重建")
        case .file(let error):
            return SystemWords.fileError(error)
        case .chain(let error):
            return SystemWords.wording(error)
        case .refused(let refusal):
            return self.refusal(refusal)
        case .witness(let problem):
            return witness(problem)
        }
    }

    /// A character a key or checkpoint must not hold, named so a clerk can find it: `a tab <U+0009>` / `制表符 <U+0009>`;
    /// its code point as the import's messages write it (`DisplayText.codePoint`), never the raw character.
    static func character(_ codePoint: UInt32) -> Wording {
        let point = Unicode.Scalar(codePoint).map(DisplayText.codePoint) ?? "<U+\(String(codePoint, radix: 16, uppercase: true))>"
        switch codePoint {
        case 0x20: return Wording(en: "a space \(point)", zh: "空格 \(point)")
        case 0x09: return Wording(en: "a tab \(point)", zh: "制表符 \(point)")
        case 0x0D: return Wording(en: "a carriage return (CR) \(point)", zh: "回车符（CR）\(point)")
        default:
            if let scalar = Unicode.Scalar(codePoint), scalar.properties.isWhitespace, !EventInput.isControl(scalar) {
                return Wording(en: "a space-like character \(point)", zh: "空白字符 \(point)")
            }
            return Wording(en: "the control character \(point)", zh: "控制字符 \(point)")
        }
    }

    static func key(_ problem: AuditError.KeyProblem) -> Wording {
        switch problem {
        case .publicKeyLength:
            return Wording(en: "an Ed25519 public key is 32 bytes", zh: "Ed25519 公钥是 32 字节")
        case .unusable:
            return Wording(en: "the key is a point of small order or a non-canonical encoding: anyone could make signatures that verify under it, or verifiers would disagree about it. A key made by `ledger keygen` or `ledger witness init` never is; ask the office (or witness) for its published key",
                           zh: "这个密钥是小阶点或非规范编码：任何人都能造出用它核对通过的签名，或各核对方对它结论不一。“ledger keygen”或“ledger witness init”生成的密钥从不如此；请向街道办（或见证方）索取其公开的公钥")
        case .privateKeyGiven:
            return Wording(en: "this is a private key; give the public key file (KEY.pub) here, and keep the private key secret",
                           zh: "这是私钥；这里要给公钥文件（KEY.pub），私钥请妥善保密")
        case .notPublicKeyLine:
            return Wording(en: "expected one line NAME+KEYID+KEY (the .pub file written by `ledger keygen`)",
                           zh: "应为一行 NAME+KEYID+KEY（“ledger keygen”写出的 .pub 文件）")
        case .notPrivateKeyLine:
            return Wording(en: "expected one line PRIVATE+KEY+NAME+KEYID+KEY (the private key written by `ledger keygen`)",
                           zh: "应为一行 PRIVATE+KEY+NAME+KEYID+KEY（“ledger keygen”写出的私钥）")
        case .badKeyID(let text):
            return Wording(en: "the key id \"\(DisplayText.visible(text))\" is not 8 lower-case hex digits", zh: "密钥编号“\(DisplayText.visible(text))”不是 8 位小写十六进制数字")
        case .notBase64Key:
            return Wording(en: "the key is not base64 of an Ed25519 key (0x01 or 0x04 followed by 32 bytes)",
                           zh: "密钥不是 Ed25519 密钥的 base64（0x01 或 0x04 后跟 32 字节）")
        case .notBase64Seed:
            return Wording(en: "the key is not base64 of an Ed25519 seed (0x01 or 0x04 followed by 32 bytes)",
                           zh: "密钥不是 Ed25519 种子的 base64（0x01 或 0x04 后跟 32 字节）")
        case .keyIDMismatch(let id):
            return Wording(en: "the key id \(DisplayText.visible(id)) does not match the name and key; the file was altered",
                           zh: "密钥编号 \(DisplayText.visible(id)) 与名称和密钥不符；文件被改动过")
        case .empty: return Wording(en: "the file is empty", zh: "文件是空的")
        case .notOneLine: return Wording(en: "a key file holds exactly one line", zh: "密钥文件只能有一行")
        case .notUTF8: return Wording(en: "the file is not UTF-8 text", zh: "文件不是 UTF-8 文本")
        case .whiteSpace(let codePoint, let byte, let place):
            let what = character(codePoint)
            let at = place == .start ? Wording(en: "before the key", zh: "密钥之前")
                : place == .end ? Wording(en: "after the key", zh: "密钥之后") : Wording(en: "inside the key line", zh: "密钥行中间")
            return Wording(en: "\(what.en) at byte \(byte), \(at.en): a key file is one line without spaces, tabs or other control characters; delete it (or copy the file again as `ledger keygen` wrote it)",
                           zh: "第 \(byte) 字节（\(at.zh)）有\(what.zh)：密钥文件是一行，不含空格、制表符或其他控制字符；请删去（或按“ledger keygen”写出的原样重新复制该文件）")
        case .byteOrderMark:
            return Wording(en: "the file begins with a byte-order mark <U+FEFF> (an editor saved it as \"UTF-8 with BOM\"); save it as UTF-8 without BOM, or copy the file again as `ledger keygen` wrote it",
                           zh: "文件开头有字节顺序标记（BOM）<U+FEFF>（编辑器把它存成了“UTF-8 带 BOM”）；请另存为不带 BOM 的 UTF-8，或按“ledger keygen”写出的原样重新复制该文件")
        case .badSeed(let error):
            return ed25519(error)
        }
    }

    /// A key refused by Ed25519, or no random source to make one.
    public static func ed25519(_ error: Ed25519Error) -> Wording {
        switch error {
        case .badKeyLength(let expected, let found):
            return Wording(en: error.description, zh: "Ed25519 密钥是 \(expected) 字节，这个是 \(found) 字节")
        case .randomSourceFailed:
            return Wording(en: error.description, zh: "系统随机数源失败；没有生成密钥")
        }
    }

    static func note(_ problem: AuditError.NoteProblem) -> Wording {
        switch problem {
        case .tooLarge(let bytes, let limit):
            return Wording(en: "it is \(bytes) bytes, more than \(limit)", zh: "它有 \(bytes) 字节，超过上限 \(limit)")
        case .invalidUTF8(let byte):
            return Wording(en: "invalid UTF-8 at byte \(byte)", zh: "第 \(byte) 字节处不是有效的 UTF-8")
        case .controlCharacter(let codePoint, let byte, let line):
            let what = character(codePoint)
            // A CR is a Windows line end; any other control character was typed or pasted into the file.
            let why = codePoint == 0x0D
                ? Wording(en: "only LF ends a line: the file was saved with Windows line ends (CR LF)", zh: "行只能以 LF 结束：文件被存成了 Windows 换行（CR LF）")
                : Wording(en: "a checkpoint holds no control character but LF", zh: "检查点中除 LF 外不能有控制字符")
            return Wording(en: "\(what.en) at byte \(byte) (line \(line)): \(why.en); a checkpoint is checked byte for byte, so use the file as `ledger checkpoint` wrote it",
                           zh: "第 \(line) 行（第 \(byte) 字节）有\(what.zh)：\(why.zh)；检查点逐字节核对，请使用“ledger checkpoint”写出的原文件")
        case .noBlankLine:
            return Wording(en: "no blank line between the text and the signatures", zh: "正文和签名之间没有空行")
        case .signaturesMissing:
            return Wording(en: "the signature lines are missing or the last one has no newline", zh: "缺少签名行，或最后一行没有换行")
        case .signatureDash:
            return Wording(en: "a signature line must start with \"— \" (U+2014 and a space)", zh: "签名行必须以“— ”开头（U+2014 加一个空格）")
        case .signatureFields:
            return Wording(en: "a signature line is \"— NAME SIGNATURE\"", zh: "签名行的格式是“— NAME SIGNATURE”")
        case .signatureKeyName(let name):
            return Wording(en: "signature key name \"\(DisplayText.visible(name))\" is not valid", zh: "签名的密钥名称“\(DisplayText.visible(name))”无效")
        case .signatureNotBase64(let key):
            return Wording(en: "the signature by \(key) is not base64 of a key id and a signature", zh: "\(key) 的签名不是密钥编号加签名的 base64")
        case .tooManySignatures(let limit):
            return Wording(en: "more than \(limit) signatures", zh: "签名多于 \(limit) 个")
        case .requestTooLarge(let bytes):
            return Wording(en: "it is \(bytes) bytes, more than a consistency proof file can be", zh: "它有 \(bytes) 字节，一致性证明文件不可能这么大")
        case .requestLine(let line, let problem):
            let why = requestLine(problem)
            return Wording(en: "line \(line): \(why.en) (a consistency proof file is \"old SIZE\", one base64 hash a line, a blank line, then the checkpoint; `ledger consistency` writes it)",
                           zh: "第 \(line) 行：\(why.zh)（一致性证明文件依次是“old SIZE”、每行一个 base64 哈希、一个空行、检查点；由“ledger consistency”写出）")
        }
    }

    static func requestLine(_ problem: AuditError.RequestLineProblem) -> Wording {
        switch problem {
        case .noNewline: return Wording(en: "the line has no newline", zh: "该行没有换行")
        case .tooManyHashes(let limit): return Wording(en: "more than \(limit) proof hashes", zh: "证明哈希多于 \(limit) 个")
        case .expectedOld: return Wording(en: "expected \"old SIZE\"", zh: "应为“old SIZE”")
        case .badSize(let text):
            return Wording(en: "\"\(DisplayText.visible(text))\" is not a tree size (a decimal number without leading zeros)",
                           zh: "“\(DisplayText.visible(text))”不是树的大小（应为没有前导零的十进制数）")
        case .notBase64Hash: return Wording(en: "not base64 of a 32-byte hash", zh: "不是 32 字节哈希的 base64")
        case .hashesFromZero: return Wording(en: "a proof from size 0 has no hashes", zh: "从大小 0 出发的证明不含哈希")
        }
    }

    static func checkpoint(_ problem: AuditError.CheckpointProblem) -> Wording {
        switch problem {
        case .noFinalNewline: return Wording(en: "the text must end with a newline", zh: "正文必须以换行结束")
        case .lineCount(let found, let versionLine):
            return Wording(en: "a checkpoint has 6 lines (origin, size, root, \"\(versionLine)\", head, time); found \(found)",
                           zh: "检查点有 6 行（来源、大小、根、“\(versionLine)”、链头、时间）；这里有 \(found) 行")
        case .badOrigin:
            return Wording(en: "the origin (ledger name) is empty or badly spaced", zh: "来源（账本名称）为空或空格不对")
        case .sizeNotDecimal(let text):
            return Wording(en: "tree size \"\(DisplayText.visible(text))\" is not a decimal number without leading zeros", zh: "树的大小“\(DisplayText.visible(text))”不是没有前导零的十进制数")
        case .sizeZero:
            return Wording(en: "tree size 0: a checkpoint covers at least one record", zh: "树的大小为 0：检查点至少覆盖一条记录")
        case .sizeTooLarge(let size):
            return Wording(en: "tree size \(size) is larger than a checkpoint's size may be (at most \(Int64.max), ledger-spec.md 14.4)",
                           zh: "树的大小 \(size) 超过检查点大小的上限（至多 \(Int64.max)，见 ledger-spec.md 14.4）")
        case .rootNotBase64(let text):
            return Wording(en: "root \"\(DisplayText.visible(text))\" is not base64 of 32 bytes", zh: "根“\(DisplayText.visible(text))”不是 32 字节的 base64")
        case .version(let expected, let found):
            return Wording(en: "expected \"\(expected)\"; found \"\(DisplayText.visible(found))\" (a newer format needs a newer ledger tool)",
                           zh: "应为“\(expected)”，实为“\(DisplayText.visible(found))”（较新的格式需要较新版本的 ledger 程序）")
        case .headLine:
            return Wording(en: "expected \"head \" and 64 lower-case hex digits", zh: "应为“head ”加 64 位小写十六进制数字")
        case .timeLine:
            return Wording(en: "expected \"time YYYY-MM-DDTHH:MM:SSZ\"", zh: "应为“time YYYY-MM-DDTHH:MM:SSZ”")
        case .notCanonical:
            return Wording(en: "the text is not in canonical form", zh: "正文不是规范格式")
        }
    }

    static func bundle(_ problem: AuditError.BundleProblem) -> Wording {
        switch problem {
        case .tooLarge(let bytes, let limit):
            return Wording(en: "it is \(bytes) bytes, more than \(limit)", zh: "它有 \(bytes) 字节，超过上限 \(limit)")
        case .noFinalNewline: return Wording(en: "the file must end with a newline", zh: "文件必须以换行结束")
        case .notJSON(let error):
            let why = error.fileWording
            return Wording(en: "not valid JSON: \(why.en)", zh: "不是有效的 JSON：\(why.zh)")
        case .notObject: return Wording(en: "the top level is not a JSON object", zh: "顶层不是 JSON 对象")
        case .formatMissing: return Wording(en: "\"format\" is missing", zh: "缺少“format”")
        case .format(let found?, let expected):
            return Wording(en: "format \"\(DisplayText.visible(found))\" is not \"\(expected)\" (a newer format needs a newer ledger tool)",
                           zh: "格式“\(DisplayText.visible(found))”不是“\(expected)”（较新的格式需要较新版本的 ledger 程序）")
        case .format(nil, let expected):
            return Wording(en: "\"format\" is not \"\(expected)\"", zh: "“format”不是“\(expected)”")
        case .members(let missing, let unexpected):
            // Only what applies (review 35d #4: "members missing [], unexpected [\"extra\"]").
            let quoted = { (names: [String]) in names.map { "\"\($0)\"" }.joined(separator: ", ") }
            let quotedZh = { (names: [String]) in names.map { "“\($0)”" }.joined(separator: "、") }
            var en: [String] = [], zh: [String] = []
            if !missing.isEmpty {
                en.append("member\(missing.count == 1 ? "" : "s") \(quoted(missing)) \(missing.count == 1 ? "is" : "are") missing")
                zh.append("缺少成员 \(quotedZh(missing))")
            }
            if !unexpected.isEmpty {
                en.append("member\(unexpected.count == 1 ? "" : "s") \(quoted(unexpected)) \(unexpected.count == 1 ? "does" : "do") not belong in this file")
                zh.append("多出成员 \(quotedZh(unexpected))（本文件不应有）")
            }
            return Wording(en: en.joined(separator: "; "), zh: zh.joined(separator: "；"))
        case .member(let name, let form):
            let what = memberForm(form)
            return Wording(en: "\"\(name)\" \(what.en)", zh: "“\(name)”\(what.zh)")
        case .element(let path, let form):
            let what = memberForm(form)
            return Wording(en: "\(path) \(what.en)", zh: "\(path) \(what.zh)")
        case .leafIndexNotSeqMinusOne(let leafIndex, let seq):
            guard let leafIndex else {
                return Wording(en: "\"leaf_index\" is not a whole number; it must be seq − 1 (\(seq - 1))",
                               zh: "“leaf_index”不是整数；它必须是 seq − 1（\(seq - 1)）")
            }
            return Wording(en: "\"leaf_index\" is \(leafIndex) but \"seq\" is \(seq); leaf_index must be seq − 1 (\(seq - 1)): one of them was changed",
                           zh: "“leaf_index”是 \(leafIndex)，而“seq”是 \(seq)；leaf_index 必须是 seq − 1（\(seq - 1)）：二者之一被改动过")
        case .communityOrPeriod:
            return Wording(en: "\"community_id\" or \"period\" is not as specified", zh: "“community_id”或“period”不合规定")
        case .wrongType: return Wording(en: "a member has the wrong type", zh: "有成员的类型不对")
        case .witnessesRequired(let required, let keys):
            let allowed = Wording(en: "; it must be a whole number from 0 to the number of witness keys (\(keys))",
                                  zh: "；它必须是 0 到见证方公钥个数（\(keys)）之间的整数")
            if required < 0 {
                return Wording(en: "\"witnesses_required\" is \(required), below 0", zh: "“witnesses_required”是 \(required)，小于 0") + allowed
            }
            return Wording(en: "\"witnesses_required\" is \(required), more than the witness keys (\(keys))",
                           zh: "“witnesses_required”是 \(required)，多于见证方公钥的个数（\(keys)）") + allowed
        case .recordsNotSorted(let position):
            return Wording(en: "records are not sorted by seq, each once (at records[\(position)])",
                           zh: "records 没有按 seq 排序且每条只出现一次（在 records[\(position)] 处）")
        case .notCanonical:
            return Wording(en: "the file is not in canonical form (it was edited: spacing, escapes or member order changed)",
                           zh: "文件不是规范格式（被编辑过：空格、转义或成员顺序有改动）")
        case .treeSizeDiffers(let bundle, let checkpoint):
            return Wording(en: "\"tree_size\" is \(bundle) but the checkpoint covers \(Wording.englishCount(checkpoint, "record"))",
                           zh: "“tree_size”是 \(bundle)，但检查点覆盖 \(checkpoint) 条记录")
        case .leafHashDiffers(let claimed, let computed):
            return Wording(en: "\"leaf_hash\" is \(claimed.hex) but the record's leaf hash is \(computed.hex)",
                           zh: "“leaf_hash”是 \(claimed.hex)，但记录的叶哈希是 \(computed.hex)")
        case .notRecordLine(let problem):
            let why = SystemWords.wording(problem)
            return Wording(en: "the record is not a ledger record line: \(why.en)", zh: "记录不是账本的记录行：\(why.zh)")
        case .lineTooShort: return Wording(en: "the record line is too short", zh: "记录行太短")
        case .recordAltered(let seq, let computed, let claimed):
            return Wording(en: "record \(seq) was altered: its bytes hash to \(computed.hex) but it claims \(claimed.hex)",
                           zh: "记录 \(seq) 被改动过：其字节的哈希是 \(computed.hex)，它却自称 \(claimed.hex)")
        case .seqDiffers(let claimed, let record):
            return Wording(en: "\"seq\" is \(claimed) but the record's seq is \(record)", zh: "“seq”是 \(claimed)，但记录的序号是 \(record)")
        case .headDiffers(let seq):
            return Wording(en: "record \(seq) is the checkpoint's head but its hash differs from the signed head",
                           zh: "记录 \(seq) 是检查点的链头，但其哈希与签名的链头不同")
        case .otherKey(let named, let pinned):
            return Wording(en: "it names the key \(named), not the pinned key \(pinned)", zh: "它写的是密钥 \(named)，不是指定的密钥 \(pinned)")
        }
    }

    static func memberForm(_ form: AuditError.MemberForm) -> Wording {
        switch form {
        case .string: return Wording(en: "is not a string", zh: "不是字符串")
        case .array: return Wording(en: "is not an array", zh: "不是数组")
        case .positiveInteger: return Wording(en: "is not a positive integer", zh: "不是正整数")
        case .integerAtLeastSeq: return Wording(en: "is not an integer at least seq", zh: "不是不小于 seq 的整数")
        case .hex64: return Wording(en: "is not 64 lower-case hex digits", zh: "不是 64 位小写十六进制数字")
        case .hex64Values:
            return Wording(en: "holds a value that is not 64 lower-case hex digits", zh: "含有不是 64 位小写十六进制数字的值")
        case .recordEntry:
            return Wording(en: "is not {\"inclusion_proof\",\"record\",\"seq\"}", zh: "不是 {\"inclusion_proof\",\"record\",\"seq\"}")
        }
    }

    /// A failed proof or tree computation.
    public static func proof(_ problem: AuditError.ProofProblem) -> Wording {
        switch problem {
        case .indexOutOfRange(let index, let size):
            return Wording(en: "leaf index \(index) is not in a tree of \(size) leaves (it must be below \(size))",
                           zh: "叶序号 \(index) 不在 \(size) 片叶的树中（必须小于 \(size)）")
        case .badConsistencySizes(let size1, let size2):
            if size1 == 0 {
                return Wording(en: "a consistency proof from an empty tree (size 0) proves nothing and is not accepted",
                               zh: "从空树（大小 0）出发的一致性证明什么也证明不了，不予接受")
            }
            return Wording(en: "a consistency proof needs size1 ≤ size2; got size1 \(size1) and size2 \(size2)",
                           zh: "一致性证明要求 size1 ≤ size2；这里 size1 为 \(size1)，size2 为 \(size2)")
        case .badHashLength(let what, let found):
            let part = proofPart(what)
            return Wording(en: "\(part.en) is \(found) bytes; every hash is 32 bytes", zh: "\(part.zh)有 \(found) 字节；哈希都是 32 字节")
        case .wrongProofLength(let expected, let found):
            return Wording(en: "the proof has \(Wording.englishCount(found, "hash", plural: "hashes")) where the tree shape needs \(expected)",
                           zh: "证明有 \(found) 个哈希，而树的形状需要 \(expected) 个")
        case .rootMismatch(let what, let expected, let calculated):
            let part = proofPart(what)
            return Wording(en: "\(part.en): the proof gives root \(calculated.hex) but the expected root is \(expected.hex)",
                           zh: "\(part.zh)：证明算出的根是 \(calculated.hex)，但应有的根是 \(expected.hex)")
        case .rootsDiffer(let size):
            return Wording(en: "two trees of the same size \(size) have different roots, so they hold different records",
                           zh: "两棵同为 \(size) 大小的树根不同，所以它们包含的记录不同")
        case .rootNotDigest(let what, let found):
            let part = proofPart(what)
            return Wording(en: "\(part.en) is \(found) bytes; a root hash is 32 bytes", zh: "\(part.zh)有 \(found) 字节；根哈希是 32 字节")
        case .sizeBeyondTree(let requested, let available):
            return Wording(en: "tree size \(requested) was asked for but only \(available) leaves exist",
                           zh: "要求树的大小为 \(requested)，但只有 \(available) 片叶")
        }
    }

    static func proofPart(_ part: AuditError.ProofPart) -> Wording {
        switch part {
        case .expectedRoot: return Wording(en: "the expected root", zh: "应有的根")
        case .oldRoot: return Wording(en: "the old root", zh: "旧根")
        case .newRoot: return Wording(en: "the new root", zh: "新根")
        case .leafHash: return Wording(en: "the leaf hash", zh: "叶哈希")
        case .proofHash(let position): return Wording(en: "proof hash \(position)", zh: "证明的第 \(position) 个哈希")
        case .inclusionProof(let leaf, let size):
            // Leaf i is record i + 1: name the record as readers know it, the leaf index beside it.
            return Wording(en: "inclusion proof for record \(leaf + 1) (leaf index \(leaf)) in a tree of \(Wording.englishCount(size, "record"))",
                           zh: "记录 \(leaf + 1)（叶索引 \(leaf)）在 \(size) 条记录的树中的包含证明")
        case .consistencyOldTree(let size1, let size2):
            return Wording(en: "consistency proof \(size1) → \(size2), old tree", zh: "一致性证明 \(size1) → \(size2)，旧树")
        case .consistencyNewTree(let size1, let size2):
            return Wording(en: "consistency proof \(size1) → \(size2), new tree", zh: "一致性证明 \(size1) → \(size2)，新树")
        }
    }

    static func refusal(_ refusal: AuditError.Refusal) -> Wording {
        switch refusal {
        case .empty:
            return Wording(en: "the ledger has no records yet; there is nothing to sign", zh: "账本还没有记录；没有可签署的内容")
        case .integrity(let failure):
            let why = SystemWords.wording(failure)
            return Wording(en: "the log fails verification, so it is not signed: \(why.en)", zh: "日志校验失败，因此不予签署：\(why.zh)")
        case .badOrigin(let name):
            return Wording(en: "the ledger name \"\(DisplayText.visible(name))\" cannot be a checkpoint origin (it must be one line of text without control characters, not beginning or ending with a space)",
                           zh: "账本名称“\(DisplayText.visible(name))”不能作为检查点的来源（它必须是一行不含控制字符的文字，首尾不能是空格）")
        case .otherLedger(let file, let origin, let ledger):
            return Wording(en: "\(file) is a checkpoint of ledger \"\(DisplayText.visible(origin))\", not of this ledger \"\(DisplayText.visible(ledger))\"",
                           zh: "\(file) 是账本“\(DisplayText.visible(origin))”的检查点，不是本账本“\(DisplayText.visible(ledger))”的")
        case .notCovered(let seq, let file, let size):
            return Wording(en: "record \(seq) is not covered by \(file), which covers records 1…\(size); make a newer checkpoint first",
                           zh: "记录 \(seq) 不在 \(file) 的覆盖范围内（它覆盖记录 1…\(size)）；请先签署一个较新的检查点")
        case .consistencyFromLarger(let fromSize, let file, let size):
            return Wording(en: "a consistency proof goes from a smaller tree to a larger one, but \(fromSize) is more than the \(Wording.englishCount(size, "record")) of \(file)",
                           zh: "一致性证明从较小的树证到较大的树，但 \(fromSize) 多于 \(file) 的 \(size) 条记录")
        case .mismatch(let file, let size):
            return Wording(en: "the log does not match \(file): its first \(size) records are not the ones that checkpoint signed (or the log is shorter).",
                           zh: "日志与 \(file) 不符：它的前 \(size) 条记录不是该检查点所签的那些（或日志更短）。")
        case .timeBeforeHead(let time, let seq, let recordedAt):
            return Wording(en: "the checkpoint's time \(time) is before record \(seq), its last record, was recorded (recorded_at \(recordedAt)); a checkpoint cannot be older than the records it signs, so nothing was signed.",
                           zh: "检查点时间 \(time) 早于其最后一条记录（记录 \(seq)）的记录时间（recorded_at \(recordedAt)）；检查点不能早于它所签的记录，因此没有签署。")
        }
    }

    static func witness(_ problem: AuditError.WitnessProblem) -> Wording {
        switch problem {
        case .unsafeFile(let path, let kind, let expected):
            return Wording(en: "\(path) is \(kind), not \(expected); refused. A witness's files must be the files themselves, so that no command reads or writes anything else through them. Put the real file in its place (restore the witness directory from its backup).",
                           zh: "\(path) 是\(kind.chineseName)，不是\(expected.chineseName)；已拒绝。见证方的文件必须是文件本身，任何命令都不会经由它读写别处。请把真正的文件放回原处（从备份恢复见证目录）。")
        case .exposedKey(let path, let permissions):
            let mode = String(permissions, radix: 8)
            return Wording(en: "\(path) can be read or changed by others (mode 0\(mode)); whoever can read it can cosign in this witness's name. Run `chmod 600 \(path)` and try again (and make a new witness key if others may have copied it).",
                           zh: "\(path) 可被他人读取或修改（权限 0\(mode)）；能读到它的人就能以这个见证方的名义副署。请运行“chmod 600 \(path)”后重试（如果他人可能已复制，请生成新的见证密钥）。")
        case .exists(let path):
            return Wording(en: "\(path) already exists and is not empty; a witness is made in a new directory (its key is never overwritten)",
                           zh: "\(path) 已存在且不是空目录；见证方须建在新目录中（其密钥从不覆盖）")
        case .notAWitness(let path, let reason):
            let why = notAWitness(reason)
            return Wording(en: "\(path) is not a witness directory: \(why.en)", zh: "\(path) 不是见证目录：\(why.zh)")
        case .locked(let path):
            return Wording(en: "\(path): another `ledger witness cosign` of this witness is running; try again when it has finished",
                           zh: "\(path)：此见证方的另一个“ledger witness cosign”正在运行；请等它结束后再试")
        case .badTime(let time):
            return Wording(en: "the cosignature time \(time) is before 1970", zh: "副署时间 \(time) 早于 1970 年")
        case .notCosigned(let error):
            let why = self.error(error)
            return Wording(en: "not cosigned: \(why.en)", zh: "未副署：\(why.zh)")
        case .damagedState(let file, let damage):
            let why = stateDamage(damage)
            // Said by `status` as well as `cosign`: whether anything was cosigned is the command's to add.
            return Wording(en: "\(file): the witness's record of this log is damaged (\(why.en)). Restore the witness directory from its backup.",
                           zh: "\(file)：见证方对这个账本的记录已损坏（\(why.zh)）。请从备份恢复见证目录。")
        case .logKeyChanged(let origin, let known, let given):
            return Wording(en: "not cosigned: this witness knows log \"\(origin)\" under the key \(known), but the checkpoint was given with \(given). A log keeps its key; if the office really changed it, confirm that with the office in person before moving this log's state file out of logs/.",
                           zh: "未副署：这个见证方所知的账本“\(origin)”的密钥是 \(known)，但这次给的检查点用的是 \(given)。账本的密钥不会变；如果街道办确实换了密钥，请当面向街道办确认后，再把这个账本的状态文件移出 logs/。")
        case .needsProof(let origin, let lastSize):
            return Wording(en: "this witness last cosigned \(Wording.englishCount(lastSize, "record")) of log \"\(origin)\"; give --consistency-from FILE, the consistency proof the office makes with `ledger consistency --from \(lastSize) --checkpoint CP --out FILE`",
                           zh: "这个见证方上次副署了账本“\(origin)”的 \(lastSize) 条记录；请给出 --consistency-from FILE，即街道办用“ledger consistency --from \(lastSize) --checkpoint CP --out FILE”做出的一致性证明")
        case .proofFromWrongSize(let origin, let lastSize, let proofSize, let requestFile):
            return Wording(en: "\(requestFile) is a proof from \(Wording.englishCount(proofSize, "record")), but this witness last cosigned \(Wording.englishCount(lastSize, "record")) of log \"\(origin)\"; ask the office for `ledger consistency --from \(lastSize) --checkpoint CP --out FILE`",
                           zh: "\(requestFile) 是从 \(proofSize) 条记录出发的证明，但这个见证方上次副署的是账本“\(origin)”的 \(lastSize) 条记录；请向街道办索取“ledger consistency --from \(lastSize) --checkpoint CP --out FILE”的结果")
        case .proofForOtherCheckpoint(let file, let checkpointFile):
            return Wording(en: "\(file) carries another checkpoint than \(checkpointFile); the proof must be made for the checkpoint being cosigned",
                           zh: "\(file) 带的检查点不是 \(checkpointFile)；证明必须针对要副署的那个检查点来做")
        case .rollback(let origin, let lastSize, let lastTime, let newSize):
            return Wording(en: "REFUSED (rollback): this witness already cosigned \(Wording.englishCount(lastSize, "record")) of log \"\(origin)\" (checkpoint of \(lastTime)); this checkpoint has only \(newSize). Records were removed from the log, or an old checkpoint is being shown again. Keep this checkpoint file as evidence and report it.",
                           zh: "拒绝（REFUSED，回退）：这个见证方已副署过账本“\(origin)”的 \(lastSize) 条记录（\(lastTime) 的检查点）；这个检查点只有 \(newSize) 条。日志中有记录被删除，或有人把旧检查点再拿出来。请保留这个检查点文件作为证据并报告。")
        case .splitView(let origin, let size, let knownRoot, let newRoot):
            return Wording(en: "REFUSED (split view): this witness cosigned log \"\(origin)\" at \(Wording.englishCount(size, "record")) with root \(knownRoot.hex); this checkpoint has the same size with root \(newRoot.hex). The office signed two different histories of the same log. Keep both checkpoint files as evidence and report it.",
                           zh: "拒绝（REFUSED，分叉）：这个见证方副署过账本“\(origin)”在 \(size) 条记录时的根 \(knownRoot.hex)；这个检查点大小相同，根却是 \(newRoot.hex)。街道办为同一个日志签署了两段不同的历史。请保留两个检查点文件作为证据并报告。")
        case .inconsistent(let origin, let fromSize, let toSize, let detail):
            let why = error(detail)
            return Wording(en: "REFUSED (inconsistent): the consistency proof from \(fromSize) to \(Wording.englishCount(toSize, "record")) of log \"\(origin)\" does not verify (\(why.en)): either the proof file was damaged or altered on its way, or the new checkpoint does not extend the one this witness cosigned, and earlier records were changed. Ask for the proof again, made from the ledger (ledger consistency --from \(fromSize) --checkpoint CP), and cosign again; if it still fails, keep the files as evidence and report it.",
                           zh: "拒绝（REFUSED，不一致）：账本“\(origin)”从 \(fromSize) 到 \(toSize) 条记录的一致性证明核对不通过（\(why.zh)）：可能是证明文件在传递中损坏或被改动，也可能是新检查点不是这个见证方副署过的那个的延伸、较早的记录被改动过。请索取由账本重新生成的证明（ledger consistency --from \(fromSize) --checkpoint CP）后再副署；如果仍然不通过，请保留这些文件作为证据并报告。")
        }
    }

    /// Why the Merkle index is rebuilt (the bracketed part of the notice, `SystemWords.merkleRebuilt`).
    public static func indexDamage(_ damage: AuditError.IndexDamage) -> Wording {
        switch damage {
        case .noIndexYet: return Wording(en: "no index yet", zh: "尚无索引")
        case .lockHeld: return Wording(en: "another command held the index lock too long", zh: "另一个命令占用索引锁过久")
        case .merkleHeader: return Wording(en: "merkle.idx header is not ledger-merkle/v1", zh: "merkle.idx 的文件头不是 ledger-merkle/v1")
        case .offsetsHeader: return Wording(en: "offsets.idx header is not ledger-offsets/1", zh: "offsets.idx 的文件头不是 ledger-offsets/1")
        case .coverDifferentRecords:
            return Wording(en: "merkle.idx and offsets.idx cover different records", zh: "merkle.idx 与 offsets.idx 覆盖的记录不同")
        case .countsOutOfRange: return Wording(en: "header counts are out of range", zh: "文件头中的计数超出范围")
        case .emptyCoversBytes: return Wording(en: "an empty index covers log bytes", zh: "空索引却覆盖了日志的字节")
        case .merkleShort: return Wording(en: "merkle.idx is shorter than its header says", zh: "merkle.idx 比文件头所说的短")
        case .offsetsShort: return Wording(en: "offsets.idx is shorter than its header says", zh: "offsets.idx 比文件头所说的短")
        case .logShorter:
            return Wording(en: "the log is shorter than the index (records were removed)", zh: "日志比索引短（有记录被删除）")
        case .otherLog:
            return Wording(en: "the index does not belong to this log: its records are not this log's (the index is derived from the log, so it is made again)",
                           zh: "该索引不属于这个日志：其中的记录不是这个日志的记录（索引由日志派生，因此重新生成）")
        case .lastRecordDiffers(let error):
            let why = self.error(error)
            return Wording(en: "its last record does not match the log: \(why.en)", zh: "索引的最后一条记录与日志不符：\(why.zh)")
        case .nodeCutShort(let byte):
            return Wording(en: "node at byte \(byte) is cut short", zh: "第 \(byte) 字节处的节点不完整")
        case .offsetCutShort(let seq):
            return Wording(en: "offset of record \(seq) is cut short", zh: "记录 \(seq) 的偏移不完整")
        case .badOffsets(let seq, let start, let end):
            return Wording(en: "record \(seq) has offsets \(start)…\(end)", zh: "记录 \(seq) 的偏移是 \(start)…\(end)")
        case .lineLength(let seq, let bytes):
            return Wording(en: "record \(seq) would be \(bytes) bytes", zh: "记录 \(seq) 将有 \(bytes) 字节")
        case .notLineStart(let seq):
            return Wording(en: "record \(seq) does not start a line", zh: "记录 \(seq) 不在一行的开头")
        case .notLineEnd(let seq):
            return Wording(en: "record \(seq) does not end a line", zh: "记录 \(seq) 之后不是行尾")
        case .recordUnreadable(let seq, let problem):
            let why = SystemWords.wording(problem)
            return Wording(en: "record \(seq) is unreadable: \(why.en)", zh: "记录 \(seq) 无法读取：\(why.zh)")
        case .otherLine(let seq):
            return Wording(en: "the line at record \(seq)'s offset is not record \(seq) or its hash does not match",
                           zh: "记录 \(seq) 的偏移处不是记录 \(seq)，或其哈希不符")
        case .leafDiffers(let seq):
            return Wording(en: "leaf \(seq) does not match the log", zh: "第 \(seq) 片叶与日志不符")
        case .nodeDiffers(let byte):
            return Wording(en: "the node at byte \(byte) of merkle.idx does not match the log", zh: "merkle.idx 第 \(byte) 字节处的节点与日志不符")
        case .offsetDiffers(let seq):
            return Wording(en: "the offset of record \(seq) in offsets.idx is not its line's in the log", zh: "offsets.idx 中记录 \(seq) 的偏移不是它在日志中那一行的位置")
        case .logUnreadable(let error):
            return SystemWords.wording(error)
        }
    }

    static func notAWitness(_ reason: AuditError.NotAWitness) -> Wording {
        switch reason {
        case .missingMembers(let keyFile):
            return Wording(en: "it has no \(keyFile) and logs/; make a witness with `ledger witness init`",
                           zh: "它没有 \(keyFile) 和 logs/；请用“ledger witness init”建立见证方")
        case .badKey(let error): return self.error(error)
        case .officeKey(let keyPath):
            return Wording(en: "\(keyPath) is an office's checkpoint key, not a witness key", zh: "\(keyPath) 是街道办的检查点密钥，不是见证密钥")
        case .cannotList(let logsPath, let reason):
            return Wording(en: "cannot list \(logsPath): \(reason)", zh: "无法列出 \(logsPath) 的内容：\(reason)")
        }
    }

    static func stateDamage(_ damage: AuditError.StateDamage) -> Wording {
        switch damage {
        case .tooLarge(let bytes, let limit):
            return Wording(en: "it is \(bytes) bytes, more than the \(limit) bytes a witness file may hold (limit WitnessDirectory.stateBytesMax); nothing of it was read",
                           zh: "它有 \(bytes) 字节，超过见证方文件的上限 \(limit) 字节（限额 WitnessDirectory.stateBytesMax）；一点也没有读")
        case .otherLog(let found, let expected):
            return Wording(en: "it is the state of log \"\(found)\", not of \"\(expected)\"", zh: "它是账本“\(found)”的状态，不是“\(expected)”的")
        case .notJSONLine: return Wording(en: "it is not one JSON object and a newline", zh: "它不是一个 JSON 对象加换行")
        case .format(let expected): return Wording(en: "\"format\" is not \"\(expected)\"", zh: "“format”不是“\(expected)”")
        case .memberMissing: return Wording(en: "a member is missing", zh: "缺少成员")
        case .checkpoint(let error): return self.error(error)
        case .disagrees(let field, let stated, let inCheckpoint):
            let shownStated = CanonicalJSON.string(.string(stated), escaping: .display)
            let shownInCheckpoint = CanonicalJSON.string(.string(inCheckpoint), escaping: .display)
            return Wording(en: "its \"\(field)\" is \(shownStated), but the checkpoint it holds says \(shownInCheckpoint)",
                           zh: "其中“\(field)”是 \(shownStated)，而它所存检查点中的是 \(shownInCheckpoint)")
        case .notCanonical: return Wording(en: "it is not in canonical form (it was edited)", zh: "它不是规范格式（被编辑过）")
        }
    }

    /// Why a checkpoint is not extended by the log (`LedgerAudit.CheckpointResult.problem`).
    public static func divergence(_ divergence: LedgerAudit.Divergence) -> Wording {
        switch divergence {
        case .otherLedger(let origin, let ledger):
            return Wording(en: "the checkpoint is for ledger \"\(DisplayText.visible(origin))\" but this ledger is \"\(DisplayText.visible(ledger))\"; use the checkpoint of this ledger",
                           zh: "这个检查点属于账本“\(DisplayText.visible(origin))”，而本账本是“\(DisplayText.visible(ledger))”；请用本账本的检查点")
        case .shorter(let size, let count, let breaksAt):
            let missingEn = count + 1 == size ? "record \(size) was" : "records \(count + 1)…\(size) were"
            let missingZh = count + 1 == size ? "记录 \(size)" : "记录 \(count + 1)…\(size)"
            return Wording(en: "the checkpoint covers \(Wording.englishCount(size, "record")) but the log now has only \(count)\(breaksAt.map { " (the log's chain breaks at record \($0))" } ?? ""): \(missingEn) removed or damaged after the checkpoint was signed",
                           zh: "检查点覆盖 \(size) 条记录，但日志现在只有 \(count) 条\(breaksAt.map { "（日志的链在记录 \($0) 处断开）" } ?? "")：\(missingZh) 在检查点签署后被删除或损坏")
        case .empty:
            return Wording(en: "the checkpoint covers no records; a checkpoint of size 0 proves nothing and is never accepted",
                           zh: "这个检查点不覆盖任何记录；大小为 0 的检查点什么也证明不了，从不接受")
        case .historyRewritten(let size, let logRoot, let signedRoot, let time):
            return Wording(en: "HISTORY REWRITTEN: the log's first \(size) records have root \(logRoot.hex), but the checkpoint signed at \(time) has root \(signedRoot.hex). At least one record among 1…\(size) was changed, removed, inserted or reordered after the checkpoint, even though the hash chain itself may be intact",
                           zh: "历史被改写（HISTORY REWRITTEN）：日志前 \(size) 条记录的根是 \(logRoot.hex)，但 \(time) 签署的检查点的根是 \(signedRoot.hex)。记录 1…\(size) 中至少有一条在检查点之后被改动、删除、插入或调换了顺序，即使哈希链本身可能完好")
        case .headDiffers(let size, let found, let signed):
            return Wording(en: "record \(size) has hash \(found?.hex ?? "?") but the checkpoint's head is \(signed.hex)",
                           zh: "记录 \(size) 的哈希是 \(found?.hex ?? "?")，但检查点的链头是 \(signed.hex)")
        case .proofFails(let fromSize, let toSize, let error):
            let why = self.error(error)
            return Wording(en: "the consistency proof from \(fromSize) to \(Wording.englishCount(toSize, "record")) does not verify: \(why.en)",
                           zh: "从 \(fromSize) 到 \(toSize) 条记录的一致性证明核对不通过：\(why.zh)")
        }
    }

    /// Why a witness's cosignature time cannot be true (ledger-spec.md 14.9), naming the witness and the time.
    public static func witnessTime(_ w: Witnessed) -> Wording {
        switch w.timeProblem {
        case .beforeCheckpoint(let checkpointTime):
            return Wording(en: "\(w.key.label) cosigned at \(w.time), before the checkpoint's own time \(checkpointTime): a witness cannot cosign a checkpoint before it is made; it does not count as a witness",
                           zh: "\(w.key.label) 的副署时间 \(w.time) 早于检查点本身的时间 \(checkpointTime)：见证方不可能在检查点生成之前副署；不计为见证")
        case .afterNow(let now):
            return Wording(en: "\(w.key.label) cosigned at \(w.time), later than now (\(now), allowing \(Checkpoint.clockSkewSecondsMax / 60) minutes of clock difference): the witness's clock or the date was wrong; it does not count as a witness",
                           zh: "\(w.key.label) 的副署时间 \(w.time) 晚于当前时间（\(now)，已允许 \(Checkpoint.clockSkewSecondsMax / 60) 分钟的时钟误差）：见证方的时钟或日期有误；不计为见证")
        case nil:
            return Wording(en: "\(w.key.label) cosigned at \(w.time)", zh: "\(w.key.label) 于 \(w.time) 副署")
        }
    }
}
