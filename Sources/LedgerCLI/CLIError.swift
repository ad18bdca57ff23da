import LedgerChain
import LedgerPlatform
import LedgerReports

/// Every way a command can fail, with the exit status it maps to. Messages are written for the person at the
/// keyboard: what is wrong, where, and what to do; in Chinese too where the message says so (`Message`).
public enum CLIError: Error, CustomStringConvertible {
    /// Wrong command line: exit 2.
    case usage(Message)
    /// Bad input data or a file problem the user can fix: exit 2.
    case input(Message)
    /// The log failed verification: exit 1.
    case integrity(Message)
    /// An error of the log layer, mapped by its kind.
    case chain(ChainError)

    /// A usage error whose text comes from elsewhere (a library's English message).
    public static func usage(_ text: String) -> CLIError { .usage(Message(text)) }
    /// An input error whose text comes from elsewhere (a library's English message).
    public static func input(_ text: String) -> CLIError { .input(Message(text)) }
    /// An integrity failure whose text comes from elsewhere (a library's English message).
    public static func integrity(_ text: String) -> CLIError { .integrity(Message(text)) }

    public var exitCode: Int32 {
        switch self {
        case .usage, .input: return 2
        case .integrity: return 1
        case .chain(let error):
            if case .integrity = error { return 1 }
            if case .readBackMismatch = error { return 1 }
            return 2
        }
    }

    /// The message in English.
    public var description: String { message(.en) }

    /// The message in `language` (English where no Chinese is written).
    public func message(_ language: ReportLanguage) -> String {
        switch self {
        case .usage(let message), .input(let message), .integrity(let message): return message.text(language)
        case .chain(let error): return language == .zh ? CLIError.chineseMessage(error) ?? error.description : error.description
        }
    }

    /// The Chinese message of the log-layer errors a clerk meets (the others stay in the log layer's English).
    static func chineseMessage(_ error: ChainError) -> String? {
        switch error {
        case .notALedger(let path, let reason):
            return "\(path) 不是账本（\(reason.zh)）。请用 `ledger init --ledger \(path)` 新建一个，或给出正确的 --ledger DIR。"
        case .alreadyExists(let path):
            return "\(path) 已存在且不是空目录；`ledger init` 从不覆盖。请另选一个新目录。"
        case .lockTimeout(let path, let waited):
            return "另一个写入者正占用账本锁 \(path)；等了 \(waited) 毫秒后放弃。请等它完成后再试。"
        case .sequenceConflict(let expected, let actual):
            return "--expect-seq 为 \(expected)，但账本最后一条记录的序号是 \(actual)；期间有人追加了记录。本次什么也没有追加；请查看新记录后重试。"
        case .idConflict(let id, let seq, let reason):
            let place = seq.map { "第 \($0) 条记录" } ?? "本批中的另一事件"
            return "事件 id \"\(id)\" 已被\(place)使用，且内容不同（\(reason)）。本次什么也没有追加；请给新事件另起一个 id，或记录一条更正。"
        case .integrity(let failure):
            return "\(chinese(failure))账本没有任何改动；请运行 `ledger verify`，并从校验通过的备份恢复日志。"
        case .invalidBatch(let reason):
            return reason
        case .file(let error):
            let text = SystemWords.fileError(error).zh
            return error.isNoSpace ? "\(text)。磁盘或文件大小限额已满；请腾出空间后再运行同一命令（这一批什么也没有保留）。" : text
        case .unsafeLedgerFile(let path, let kind, let expected):
            return "\(path) 是\(kind.chineseName)，不是\(expected.chineseName)；已拒绝。账本的文件必须是文件本身，任何命令都不会经由它读写别处。"
                + "请把真正的文件放回原处（index/ 中的任何文件都可以直接删除：索引会从日志重建）。"
        case .acknowledgedUnreadable(let path, let reason):
            return "\(path) 无法读取（\(reason)）。它记录最后一条已确认的记录；没有它，写入者分不清日志是被截短了还是追加未完成。"
                + "请从这个账本的备份中恢复它；如果确知日志完整（与备份或签名存证比对过），可删除该文件，下次追加时会重新写入。"
        case .acknowledgementFailed(let first, let last, let error):
            return "记录 \(first)…\(last) 已写入日志并落盘，但记为已确认时失败（\(error)）。它们已在账本中：重试之前请用 `ledger verify` "
                + "或 `ledger log --from \(first)` 核对，以免重复记账。"
        case .resumeBeforeAcknowledged(let seq, let acknowledged):
            return "派生状态标记在第 \(seq) 条记录，晚于已确认的最后一条（第 \(acknowledged) 条）；必须读取整个日志。"
        case .readBackMismatch(let path, let offset):
            return "\(path)：在偏移 \(offset) 处读回的字节与写入的不同（磁盘或内存故障）。这一批已被移除；请先检查硬件再重试。"
        }
    }

    /// An integrity failure in Chinese: where, and what is wrong (a reason the scanner words itself stays English).
    static func chinese(_ failure: IntegrityFailure) -> String {
        "events.jsonl 第 \(failure.lineNumber) 行（记录序号 \(failure.seq)）：\(chineseDetail(failure))。"
    }

    /// What is wrong with the record, in Chinese, without its position (`IntegrityFailure.detail` in English).
    static func chineseDetail(_ failure: IntegrityFailure) -> String {
        let detail: String
        switch failure.kind {
        case .unparsable(let why): detail = "该行无法读取：\(why)"
        case .hashMismatch(let stored, let computed):
            detail = "保存的哈希 \(stored.prefix(12))… 与记录内容不符（计算得 \(computed.prefix(12))…）：记录写入后被改动过"
        case .brokenLink(let expected, let found):
            detail = "prev \(found.prefix(12))… 没有接上前一条记录（应为 \(expected.prefix(12))…）：前面有记录被改动、删除或调换了顺序"
        case .sequence(let expected, let found):
            detail = "序号是 \(found)，应为 \(expected)：有记录缺失、重复或顺序错乱"
        case .badBatch(let why): detail = "批次字段前后矛盾：\(why)"
        case .acknowledgedLost(let why): detail = "已确认的记录丢失了：\(why)"
        }
        return detail
    }

    /// A batch refused as a whole: every problem, one a line, as written (in English).
    public static func batchRejected(_ problems: [String]) -> CLIError { batchRejected(problems.map { Message($0) }) }

    /// A batch refused as a whole: every problem, one a line, each in the reader's language where it is written.
    public static func batchRejected(_ problems: [Message]) -> CLIError {
        .input(Message(en: "the batch was rejected; nothing was appended:\n  " + problems.map(\.en).joined(separator: "\n  "),
                       zh: "这一批被拒绝，什么也没有追加：\n  " + problems.map { $0.text(.zh) }.joined(separator: "\n  ")))
    }

    /// Runs `body`, turning an error of the log layer into `.chain`: the one adapter between the two.
    public static func fromChain<T>(_ body: () throws(ChainError) -> T) throws(CLIError) -> T {
        do { return try body() } catch { throw .chain(error) }
    }
}
