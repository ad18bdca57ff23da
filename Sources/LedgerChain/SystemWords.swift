import LedgerEvents
import LedgerPlatform

/// The words of the one-line notices about derived state (`index/`) and the log's torn tail, and of the
/// operating system's file errors, in English and Chinese, in one place. A notice is written in the language of
/// the directory it is about (`LedgerDirectory.messagesInChinese`, which the command line sets from `--lang`), so
/// the modules that find a damaged file (LedgerChain, LedgerProjections, LedgerMerkle) make it with one call and
/// pass it on as text. The English is byte for byte what it always was; the technical detail in brackets (which
/// check failed) stays as the reader that found it wrote it.
public enum SystemWords {
    /// `note: funds.state in L/index is damaged (…); rebuilt from the log (answers are unaffected).`
    public static func rebuilt(_ file: String, in directory: LedgerDirectory, _ problem: DerivedStateProblem) -> String {
        rebuilt(file, in: directory, problem: wording(problem))
    }

    static func rebuilt(_ file: String, in directory: LedgerDirectory, problem: Wording) -> String {
        Wording(en: "note: \(file) in \(directory.indexPath) is \(problem.en); rebuilt from the log (answers are unaffected).",
                zh: "注意：\(directory.indexPath) 中的 \(file) \(problem.zh)；已从日志重建（查询结果不受影响）。")
            .text(chinese: directory.messagesInChinese)
    }

    /// What is wrong with a derived-state file: `damaged (…)` / `已损坏（…）`.
    public static func wording(_ problem: DerivedStateProblem) -> Wording {
        switch problem {
        case .damaged(let why): return Wording(en: problem.description, zh: "已损坏（\(why)）")
        case .wrongVersion(let found, let expected):
            return Wording(en: problem.description, zh: "的格式版本为 \(found)，而本程序写入的是版本 \(expected)")
        case .foreign(let why): return Wording(en: problem.description, zh: "属于另一个账本（\(why)）")
        case .mismatch(let why): return Wording(en: problem.description, zh: "与日志不一致（\(why)）")
        case .unwritable(let why): return Wording(en: problem.description, zh: "无法写入（\(why)）")
        }
    }

    /// `notice: discarded the torn tail of N bytes at offset O (…): an append that was never acknowledged.`
    public static func discarded(_ torn: TornTail, in directory: LedgerDirectory) -> String {
        var parts: [String] = []
        if torn.completeRecords > 0 { parts.append("未完成批次中的 \(torn.completeRecords) 条记录") }
        if torn.partialLine { parts.append("不完整的最后一行") }
        return Wording(en: "notice: discarded the \(torn.summary).",
                       zh: "注意：已丢弃偏移 \(torn.byteOffset) 处 \(torn.byteCount) 字节的残缺尾部（\(parts.joined(separator: "和"))）：那是一次从未确认完成的追加。")
            .text(chinese: directory.messagesInChinese)
    }

    // MARK: - The Merkle index (index/merkle)

    /// `note: index rebuilt from the log (reason)` — the Merkle index, before a proof.
    public static func merkleRebuilt(_ reason: String, in directory: LedgerDirectory) -> String {
        Wording(en: "note: index rebuilt from the log (\(reason))", zh: "注意：默克尔索引已从日志重建（\(reason)）")
            .text(chinese: directory.messagesInChinese)
    }

    public static func merkleRootNotReproduced(in directory: LedgerDirectory) -> String {
        Wording(en: "note: the Merkle index did not reproduce the signed root; rebuilt it from the log",
                zh: "注意：默克尔索引算不出签名的根；已从日志重建")
            .text(chinese: directory.messagesInChinese)
    }

    public static func merkleUnusable(_ why: String, in directory: LedgerDirectory) -> String {
        Wording(en: "note: the Merkle index cannot be used (\(why)); proving from one scan of the log",
                zh: "注意：默克尔索引无法使用（\(why)）；改为扫描一遍日志来证明")
            .text(chinese: directory.messagesInChinese)
    }

    // MARK: - File errors

    /// An operating-system error on a file: `P: rename failed: No space left on device (errno 28)` /
    /// `P：重命名失败：磁盘空间已满（errno 28）`.
    public static func fileError(_ error: FileError) -> Wording {
        let operation = operations[error.operation] ?? error.operation
        let reason = error.detail == nil ? (error.chineseReason ?? error.reason) : error.reason
        return Wording(en: error.description, zh: "\(error.path)：\(operation)失败：\(reason)（errno \(error.code)）")
    }

    /// The operations `FileError` names, in Chinese.
    static let operations: [String: String] = [
        "open": "打开", "open directory": "打开目录", "opendir": "打开目录", "readdir": "读取目录", "create": "创建",
        "read": "读取", "write": "写入", "rename": "重命名", "fsync": "同步到磁盘（fsync）",
        "fsync directory": "同步目录到磁盘（fsync）", "fdatasync": "同步到磁盘（fdatasync）", "mkdir": "创建目录",
        "mkdtemp": "创建临时目录", "unlink": "删除", "truncate": "截断", "flock": "加锁", "fstat": "读取文件状态",
        "close": "关闭", "chmod": "修改权限", "dup": "复制文件描述符", "RAND_bytes": "取随机数",
    ]
}
