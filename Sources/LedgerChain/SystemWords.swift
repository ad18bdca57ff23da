import LedgerEvents
import LedgerPlatform

/// The words of the one-line notices about derived state (`index/`) and the log's torn tail, and of the
/// operating system's file errors, in English and Chinese, in one place. A notice is written in the language of
/// the directory it is about (`LedgerDirectory.messagesInChinese`, which the command line sets from `--lang`), so
/// the modules that find a damaged file (LedgerChain, LedgerProjections, LedgerMerkle) make it with one call and
/// pass it on as text. The technical detail in brackets (which check failed) is a typed value,
/// `ChainError.DerivedStateProblem.Detail`, worded here in both languages (`wording(_:)`).
public enum SystemWords {
    /// `note: funds.state in L/index is damaged (…); rebuilt from the log (answers are unaffected).`
    public static func rebuilt(_ file: String, in directory: LedgerDirectory, _ problem: ChainError.DerivedStateProblem) -> String {
        notice(file, in: directory, problem, done: rebuiltFromLog, doneAfterCut: rebuiltFromLogAsItIs)
    }

    /// `note: scopes.recent in L/index is damaged (…); not used: this command read … from the log instead …`: the
    /// notice of a reader that finds a side file unusable and, not being its writer, leaves it for the next writer
    /// (`index/scopes.recent`, ledger-spec.md 15.5) rather than rebuilding it (review 42d #7: "rebuilt" was untrue).
    /// `readInstead` says what the command read from the log in its place.
    public static func setAside(_ file: String, in directory: LedgerDirectory, _ problem: ChainError.DerivedStateProblem,
                                readInstead: Wording) -> String {
        let next = Wording(en: "the next append or import writes it again", zh: "下一次追加或导入会重新写出该文件")
        return notice(file, in: directory, problem,
                      done: Wording(en: "not used: this command read \(readInstead.en) from the log instead (answers are unaffected); \(next.en)",
                                    zh: "未使用该文件，本命令改为从日志读取\(readInstead.zh)（查询结果不受影响）；\(next.zh)"),
                      doneAfterCut: Wording(en: "Not used: this command answered from the log as it is now; \(next.en).",
                                            zh: "未使用该文件，本命令按现在的日志作答；\(next.zh)。"))
    }

    /// What a reader did about an unusable derived file, worded for the two notices below: after the problem
    /// (`note: … is damaged (…); rebuilt from the log (…)`), and after the warning that the log no longer holds its
    /// stamped record.
    static let rebuiltFromLog = Wording(en: "rebuilt from the log (answers are unaffected)", zh: "已从日志重建（查询结果不受影响）")
    static let rebuiltFromLogAsItIs = Wording(en: "Rebuilt from the log as it is now, and answered from it.", zh: "已按现在的日志重建并据此作答。")

    static func notice(_ file: String, in directory: LedgerDirectory, _ problem: ChainError.DerivedStateProblem,
                       done: Wording, doneAfterCut: Wording) -> String {
        if let stamped = problem.recordNoLongerInLog, PosixFile.kind(at: directory.indexPath + "/" + file, followLinks: false) != .directory {
            // The member whose stamp it is (`checks.recent`), not its family's name (review 40f).
            return logNoLongerHolds(problem.memberFile ?? file, in: directory.indexPath, stamped, done: doneAfterCut)
                .text(chinese: directory.messagesInChinese)
        }
        return rebuilt(file, in: directory, problem: wording(problem), done: done)
    }

    /// Review 37a F3: a file whose stamped record the log no longer holds is proof that the log once went further or
    /// held another record there — a cut or rewritten log (an older backup restored) or `index/` copied from another
    /// copy of this ledger. The notice says so and how to check the log, instead of "answers are unaffected": the
    /// answers are the log's as it is now, which may have lost records.
    static func logNoLongerHolds(_ file: String, in indexPath: String, _ stamped: (seq: Int64, hash: Digest32?, why: Wording),
                                 done: Wording = rebuiltFromLogAsItIs) -> Wording {
        let record = stampedRecord(stamped), said = stamped.why, why = logCutOrRewritten, check = checkAgainstCheckpoint
        return Wording(en: "WARNING: \(file) in \(indexPath) was made when the log held \(record.en), which this log does not hold "
                           + "(\(said.en)): \(why.en). \(done.en) \(check.en)",
                       zh: "警告：\(indexPath) 中的 \(file) 写出时日志中有\(record.zh)，而现在的日志中已没有这条记录（\(said.zh)）："
                           + "\(why.zh)。\(done.zh)\(check.zh)")
    }

    /// `record 36 (hash a8b6f8c30e7d…)`: the record a derived file was stamped with.
    public static func stampedRecord(_ stamped: (seq: Int64, hash: Digest32?, why: Wording)) -> Wording {
        Wording(en: "record \(stamped.seq)" + (stamped.hash.map { " (hash \($0.hex.prefix(12))…)" } ?? ""),
                zh: "记录 \(stamped.seq)" + (stamped.hash.map { "（哈希 \($0.hex.prefix(12))…）" } ?? ""))
    }

    /// What a stamped record missing from the log means (`DerivedStateProblem.recordNoLongerInLog`).
    public static let logCutOrRewritten = Wording(
        en: "the log was cut or rewritten after that file was written (records may be missing, as after restoring an older backup), "
            + "or index/ was copied from another copy of this ledger",
        zh: "日志在该文件写出之后被截短或改写（可能缺失记录，例如恢复了较早的备份），或 index/ 是从本账本的另一份副本复制来的")

    /// How to find out whether the log lost records: a signed checkpoint states its size and root.
    public static let checkAgainstCheckpoint = Wording(
        en: "Check the log against the latest signed checkpoint: ledger verify --checkpoint CHECKPOINT --pubkey KEY.",
        zh: "请用最近签发的检查点核对日志：ledger verify --checkpoint 检查点文件 --pubkey 公钥。")

    /// The same notice for a reader's thrown error (`ChainError.derivedStateProblem`: any failure to read the file
    /// is a reason to rebuild it).
    public static func rebuilt(_ file: String, in directory: LedgerDirectory, _ error: ChainError) -> String {
        rebuilt(file, in: directory, error.derivedStateProblem)
    }

    /// A directory where the file belongs (review 35a #3) cannot be replaced by the rebuilt file (rename(2) fails
    /// with EISDIR): the notice says so, and what to do, instead of "rebuilt", which no command could ever do.
    static func rebuilt(_ file: String, in directory: LedgerDirectory, problem: Wording, done: Wording = rebuiltFromLog) -> String {
        let path = directory.indexPath + "/" + file
        if PosixFile.kind(at: path, followLinks: false) == .directory {
            return directoryInPlace(path, file: file).text(chinese: directory.messagesInChinese)
        }
        return Wording(en: "note: \(file) in \(directory.indexPath) is \(problem.en); \(done.en).",
                zh: "注意：\(directory.indexPath) 中的 \(file) \(problem.zh)；\(done.zh)。")
            .text(chinese: directory.messagesInChinese)
    }

    /// `note: L/index/fund-totals is a directory, where the derived file fund-totals belongs; …`: the one notice of a
    /// command that found a directory in a derived file's place, and answered from the log.
    public static func directoryInPlace(_ path: String, file: String) -> Wording {
        Wording(en: "note: \(path) is a directory, where the derived file \(file) belongs; the file cannot be rebuilt there, so this command "
                    + "read the log instead (answers are unaffected), as every command will until the directory is gone. "
                    + "Remove that directory (rm -r \(path)); nothing in index/ is evidence, and the next command writes the file again.",
                zh: "注意：\(path) 是一个目录，而此处应是派生文件 \(file)；该文件无法在此重建，因此本命令改为读取日志作答（查询结果不受影响），"
                    + "在该目录移除之前，每个命令都将如此。请删除该目录（rm -r \(path)）；index/ 中的内容都不是证据，下一个命令会重新写出该文件。")
    }

    /// `verify --index`'s reason for not rebuilding a file whose place a directory takes (review 35a #3): not a full
    /// disk, and what to do.
    public static func directoryNotRebuilt(_ path: String) -> Wording {
        Wording(en: "not rebuilt: \(path) is a directory, which the rebuilt file cannot replace; remove that directory (rm -r \(path)) "
                    + "and run ledger verify --index again; commands answer from the log meanwhile",
                zh: "未重建：\(path) 是一个目录，重建的文件无法替换它；请删除该目录（rm -r \(path)）后再运行 ledger verify --index；"
                    + "在此期间各命令直接从日志作答")
    }

    /// What is wrong with a derived-state file: `damaged (…)` / `已损坏（…）` (`DerivedStateProblem.description` is
    /// the English).
    public static func wording(_ problem: ChainError.DerivedStateProblem) -> Wording {
        switch problem {
        case .damaged(let why):
            let said = wording(why)
            return Wording(en: "damaged (\(said.en))", zh: "已损坏（\(said.zh)）")
        case .wrongVersion(let found, let expected):
            return Wording(en: "of format version \(found), this program writes \(expected)", zh: "的格式版本为 \(found)，而本程序写入的是版本 \(expected)")
        case .foreign(let why):
            let said = wording(why)
            return Wording(en: "another ledger's (\(said.en))", zh: "属于另一个账本（\(said.zh)）")
        case .mismatch(let why):
            let said = wording(why)
            return Wording(en: "out of step with the log (\(said.en))", zh: "与日志不一致（\(said.zh)）")
        case .unwritable(let why):
            let said = wording(why)
            return Wording(en: "not writable (\(said.en))", zh: "无法写入（\(said.zh)）")
        }
    }

    /// Which check of a derived file failed (`DerivedStateProblem.Detail`; its `description` is the English): the
    /// words in brackets of the rebuild notice and of `ledger verify --index`.
    public static func wording(_ detail: ChainError.DerivedStateProblem.Detail) -> Wording {
        let truncatedOrAltered = Wording(en: "truncated or altered", zh: "被截短或改动过")
        let truncatedOrExtended = Wording(en: "truncated or extended", zh: "被截短或加长过")
        func because(_ what: Wording, _ why: Wording) -> Wording { Wording(en: "\(what.en): \(why.en)", zh: "\(what.zh)：\(why.zh)") }
        func hash(_ digest: Digest32) -> String { "\(digest.hex.prefix(12))…" }
        switch detail {
        case .notOfKind(let kind): return Wording(en: "not a \(kind) file", zh: "不是 \(kind) 文件")
        case .truncated: return Wording(en: "truncated", zh: "被截短")
        case .impossibleVersion(let found):
            return Wording(en: "its format version field reads \(found), which no version has", zh: "其格式版本字段为 \(found)，没有哪个版本是这个数")
        case .unreadableHeader(let field):
            let name: Wording
            switch field {
            case .name: name = Wording(en: "the name", zh: "名称")
            case .stamp: name = Wording(en: "a stamp", zh: "戳记")
            case .bodyLength: name = Wording(en: "the body length", zh: "正文长度")
            case .checksum: name = Wording(en: "the header checksum", zh: "文件头的校验和")
            }
            return because(Wording(en: "cannot read \(name.en) of its header", zh: "无法读取文件头中的\(name.zh)"), truncatedOrAltered)
        case .lengthNotHeaders:
            return because(Wording(en: "its length is not the one its header gives", zh: "长度与文件头所写的不符"), truncatedOrExtended)
        case .size(let bytes, let expected):
            return because(Wording(en: "\(bytes) bytes where the header implies \(expected)", zh: "有 \(bytes) 字节，而文件头表明应为 \(expected) 字节"),
                           truncatedOrExtended)
        case .file(let error): return Wording(en: "\(error)", zh: fileError(error).zh)
        case .inputFile(let error): return inputFileError(error)
        case .error(let error): return Wording(en: "\(error)", zh: wording(error).zh)
        case .unexplained(let text): return Wording(same: text)
        case .inFile(let name, let inner): return because(Wording(same: name), wording(inner))
        case .unreadable(let part):
            let said = wording(part)
            return Wording(en: "cannot read \(said.en)", zh: "无法读取\(said.zh)")
        case .unreadableBlock(let n, let cause):
            let said = cause.map(wording)
            return Wording(en: "block \(n) cannot be read" + (said.map { " (\($0.en))" } ?? ""),
                           zh: "第 \(n) 块无法读取" + (said.map { "（\($0.zh)）" } ?? ""))
        case .checksum(.body): return because(Wording(en: "checksum does not match", zh: "校验和不符"), truncatedOrAltered)
        case .checksum(let part):
            let said = wording(part)
            return because(Wording(en: "\(said.en) does not match its checksum", zh: "\(said.zh)与其校验和不符"), truncatedOrAltered)
        // A single part said in the singular (review of verifyidx51 #3: "the table are out of order").
        case .outOfOrder(.table): return Wording(en: "the table's rows are out of order", zh: "表中各行顺序错乱")
        case .outOfOrder(let part):
            let said = wording(part)
            return Wording(en: "\(said.en) are out of order", zh: "\(said.zh)顺序错乱")
        case .outOfRange(let part): return because(wording(part), Wording(en: "a value out of range", zh: "数值超出范围"))
        case .empty(let part):
            let said = wording(part)
            return Wording(en: "\(said.en) is empty", zh: "\(said.zh)是空的")
        case .firstKeyNotIndexed(let block):
            return Wording(en: "block \(block) does not start with the key the index gives", zh: "第 \(block) 块的起始键与索引所给的不同")
        case .entryOutOfPlace(let block):
            return Wording(en: "block \(block) holds an entry out of order or out of range", zh: "第 \(block) 块中有条目顺序错乱或超出范围")
        case .recordAfterStamp(let block):
            return Wording(en: "block \(block) names a record after the stamp", zh: "第 \(block) 块指向戳记之后的记录")
        case .danglingBlock(let block): return Wording(en: "node table names block \(block)", zh: "节点表指向并不存在的第 \(block) 块")
        case .unknownTypeCode(let code, let record):
            return Wording(en: "its entry for record \(record) holds type code \(code), which names no type (codes 0 to 25 are written, 26 to 127 never)",
                           zh: "其中记录 \(record) 的条目的类型代码为 \(code)，没有哪种类型是这个代码（只写入代码 0 至 25，从不写入 26 至 127）")
        case .differsFromLog(let item):
            let said = itemWords(item)
            return Wording(en: "its \(said.plural) differ from the log's", zh: "其中的\(said.zh)与日志给出的不同")
        case .entryDoesNotLead(let record):
            return Wording(en: "its entry for record \(record) does not lead to that record", zh: "其中记录 \(record) 的条目指不到那条记录")
        case .entryDiffers(let record):
            return Wording(en: "its entry for record \(record) does not match the log's line", zh: "其中记录 \(record) 的条目与日志中的那一行不符")
        case .blockOrLineDiffers:
            return Wording(en: "a block or a line it names does not match the log", zh: "有一个块或它指向的行与日志不符")
        case .entryNotWhatRecordsGive(let record, let through):
            return Wording(en: "its entry for record \(record) is not the one records 1 to \(through) of the log give (its type code, named bit, place, hash or block)",
                           zh: "其中记录 \(record) 的条目与日志记录 1 至 \(through) 给出的不同（类型代码、被指名标志、位置、哈希或所在块）")
        case .notWhatRecordsGive(let part, let through):
            let said = wording(part)
            return Wording(en: "\(said.en): not what records 1 to \(through) of the log give", zh: "\(said.zh)与日志记录 1 至 \(through) 给出的不同")
        case .checkEntryNotWhatRecordsGive(let entry, let record, let through):
            guard let record else {
                return Wording(en: "its entry \(entry.en) is not the one records 1 to \(through) of the log give",
                               zh: "其中条目 \(entry.zh) 与日志记录 1 至 \(through) 给出的不同")
            }
            return Wording(en: "its entry \(entry.en), of record \(record), is not the one records 1 to \(through) of the log give",
                           zh: "其中条目 \(entry.zh)（记录 \(record)）与日志记录 1 至 \(through) 给出的不同")
        case .notTheLogsList(let asOf, let seq):
            return Wording(en: "not the list the log gives as of \(asOf) at record \(seq)", zh: "不是日志截至 \(asOf)、在记录 \(seq) 处给出的清单")
        case .logEndsBeforeStamp(let seq):
            return Wording(en: "the log ends before its stamp, record \(seq)", zh: "日志在其戳记（记录 \(seq)）之前就结束了")
        case .stampNotAfterState: return Wording(en: "its stamp is not after the state's", zh: "其戳记不在状态文件的戳记之后")
        case .notReadBack(let written, let cause):
            let what: Wording
            switch written {
            case .idTable: what = Wording(en: "the table just written", zh: "刚写入的表")
            case .rebuiltState: what = Wording(en: "the state rebuilt from the log", zh: "从日志重建的状态")
            case .mergedIndex: what = Wording(en: "the merged index", zh: "合并后的索引")
            }
            let said = Wording(en: "\(what.en) cannot be read back", zh: "\(what.zh)无法读回")
            return cause.map { because(said, wording($0)) } ?? said
        case .lengthNotPlanned: return Wording(en: "the merged index's length is not its plan's", zh: "合并后的索引长度与计划的不同")
        case .baseNotFromRecord1: return Wording(en: "a base table must start at record 1", zh: "基础表必须从记录 1 开始")
        case .wrongLevel(let found, let expected): return Wording(en: "level \(found) where \(expected) belongs", zh: "层级为 \(found)，此处应为 \(expected)")
        case .doesNotContinue(let below, let endsAt):
            guard let endsAt else { return Wording(en: "it does not continue \(below)", zh: "它没有接续 \(below)") }
            return Wording(en: "it does not continue \(below), which ends at record \(endsAt)", zh: "它没有接续 \(below)（后者止于记录 \(endsAt)）")
        case .logTooLargeForIdTable: return Wording(en: "the log is too large for the id table", zh: "日志太大，编号表容纳不下")
        case .cannotCatchUp(.correction): return Wording(en: "a correction follows it", zh: "其后有一条更正")
        case .cannotCatchUp(.communityRegisteredAgainEarlier):
            return Wording(en: "a community registered again, dated before", zh: "有小区再次登记，日期却更早")
        case .cannotCatchUp(.fundOpenedAgainEarlier): return Wording(en: "a fund opened again, dated before", zh: "有资金账户再次开立，日期却更早")
        case .cannotCatchUp(.fundNamedByRejectedFact):
            return Wording(en: "a fund opened that a rejected fact names", zh: "新开立的资金账户是某条被拒绝的事实所指的")
        case .cannotCatchUp(.statementBeforeLatestMovement):
            return Wording(en: "a statement dated before its fund's latest movement", zh: "有对账单的日期早于其资金账户最近一笔收支")
        case .writtenFor(let ledger): return Wording(en: "written for ledger \"\(ledger)\"", zh: "是为账本“\(ledger)”写的")
        case .otherLedgerOrLog: return Wording(en: "written for another ledger or log", zh: "是为另一个账本或日志写的")
        case .genesisNotAtStart: return Wording(en: "record 1 is not at the start", zh: "记录 1 不在开头")
        case .otherGenesis(let stored, let log):
            return Wording(en: "its record 1 has hash \(hash(stored)), the log's \(hash(log))", zh: "它的记录 1 的哈希是 \(hash(stored))，日志中的是 \(hash(log))")
        case .genesisGone(let problem): return because(Wording(en: "the log's record 1 is another", zh: "日志的记录 1 是另一条"), wording(problem))
        case .firstRecord(let error): return because(Wording(en: "record 1", zh: "记录 1"), wording(error))
        case .stamp(let seq, let digest, let error):
            return because(Wording(en: "stamped at record \(seq) with hash \(hash(digest))", zh: "戳记在记录 \(seq)（哈希 \(hash(digest))）"), wording(error))
        }
    }

    /// A part of a derived file: `the table` / `表`, `block 4` / `第 4 块`.
    static func wording(_ part: ChainError.DerivedStateProblem.Detail.Part) -> Wording {
        switch part {
        case .file: return Wording(en: "the file", zh: "该文件")
        case .header: return Wording(en: "its header", zh: "文件头")
        case .body: return Wording(en: "its body", zh: "正文")
        case .table: return Wording(en: "the table", zh: "表")
        case .tableLength: return Wording(en: "the table's length", zh: "表的长度")
        case .tableHeader: return Wording(en: "the table header", zh: "表头")
        case .blockIndex: return Wording(en: "the block index", zh: "块索引")
        case .blockDirectory: return Wording(en: "its block directory", zh: "块目录")
        case .pageDirectory: return Wording(en: "the page directory", zh: "页目录")
        case .nodePageDirectory: return Wording(en: "the node table's page directory", zh: "节点表的页目录")
        case .counts: return Wording(en: "the counts", zh: "计数")
        case .globalPart: return Wording(en: "its global part", zh: "全局部分")
        case .lastDay: return Wording(en: "the last day", zh: "最后一天")
        case .asOfDate: return Wording(en: "the as-of date", zh: "截止日期")
        case .end: return Wording(en: "the end (bytes left over)", zh: "结尾（有多余的字节）")
        case .nodeTablePage(let n): return Wording(en: "node table page \(n)", zh: "节点表第 \(n) 页")
        case .blockPlace(let n): return Wording(en: "block \(n)'s place", zh: "第 \(n) 块的位置")
        case .inputsToStamp: return Wording(en: "the inputs (one per record up to the stamp)", zh: "输入（戳记之前每条记录一项）")
        case .fundChecks(let n): return Wording(en: "fund \(n)'s statement checks", zh: "第 \(n) 个资金账户的对账单核对")
        case .count(let item):
            let said = itemWords(item)
            return Wording(en: "the \(said.en) count", zh: "\(said.zh)数")
        case .nth(let item, let n):
            let said = itemWords(item)
            return Wording(en: "\(said.en) \(n)", zh: "第 \(n) \(said.measure)\(said.zh)")
        case .some(let item):
            let said = itemWords(item)
            let article = said.en.first.map { "aeio".contains($0) } == true ? "an" : "a"
            return Wording(en: "\(article) \(said.en)", zh: "某\(said.measure.isEmpty ? (item == .block ? "个" : "一") : said.measure)\(said.zh)")
        case .all(let item): return Wording(en: "its \(itemWords(item).plural)", zh: "其中的\(itemWords(item).zh)")
        case .after(let item): return Wording(en: "its body: bytes after the \(itemWords(item).plural)", zh: "正文：\(itemWords(item).zh)之后有多余的字节")
        }
    }

    /// An item of a derived file: its English noun (one, many), its Chinese noun and measure word (`第 2 个小区`).
    static func itemWords(_ item: ChainError.DerivedStateProblem.Detail.Item) -> (en: String, plural: String, zh: String, measure: String) {
        switch item {
        case .block: return ("block", "blocks", "块", "")
        case .page: return ("page", "pages", "页", "")
        case .row: return ("row", "rows", "行", "")
        case .part: return ("part", "parts", "部分", "个")
        case .entry: return ("entry", "entries", "条目", "个")
        case .input: return ("input", "inputs", "输入", "项")
        case .unit: return ("unit", "units", "单元", "个")
        case .community: return ("community", "communities", "小区", "个")
        case .fund: return ("fund", "funds", "资金账户", "个")
        case .anomaly: return ("anomaly", "anomalies", "异常", "项")
        case .rejectedFact: return ("rejected fact", "rejected facts", "被拒绝的事实", "项")
        case .person: return ("person", "persons", "人", "个")
        case .erasedCommitment: return ("erased commitment", "erased commitments", "已抹去的承诺", "项")
        case .record: return ("record", "records", "记录", "条")
        case .key: return ("key", "keys", "键", "个")
        case .total: return ("total", "totals", "合计", "项")
        }
    }

    /// Why a stamped record cannot be resumed after (`ChainError.ResumeProblem`; its `description` is the English).
    public static func wording(_ problem: ChainError.ResumeProblem) -> Wording {
        switch problem {
        case .missing(let why): return wording(why)
        case .damaged(.hashMismatch(let seq)):
            return Wording(en: "record \(seq)'s line does not hash to its stored hash", zh: "记录 \(seq) 那一行算出的哈希与其中保存的不符")
        case .damaged(.notBatchEnd(let seq)): return Wording(en: "record \(seq) does not end its batch", zh: "记录 \(seq) 不是其批次的最后一条")
        case .otherRecord(let found):
            return Wording(en: "the log's record there now has hash \(found.hex.prefix(12))…", zh: "日志中该处的记录现在的哈希是 \(found.hex.prefix(12))…")
        }
    }

    /// Why the stamped record is not in the log as stamped (`ChainError.ResumeProblem.Missing`).
    public static func wording(_ missing: ChainError.ResumeProblem.Missing) -> Wording {
        switch missing {
        case .malformedStamp: return Wording(en: "the stamp is malformed", zh: "戳记的格式不对")
        case .unreadableLog(let error): return Wording(en: "\(error)", zh: fileError(error).zh)
        case .logEndsBefore(let seq): return Wording(en: "the log ends before the end of record \(seq) as stamped", zh: "日志在戳记所记的记录 \(seq) 末尾之前就结束了")
        case .notWhereStamped(let seq): return Wording(en: "record \(seq) is not where the stamp says", zh: "记录 \(seq) 不在戳记所说的位置")
        case .notARecordLine(let seq, let problem):
            let said = wording(problem)
            return Wording(en: "no record line where record \(seq) was: \(said.en)", zh: "原记录 \(seq) 处没有记录行：\(said.zh)")
        case .otherSeq(let seq, let found):
            return Wording(en: "the line where record \(seq) was holds record \(found)", zh: "原记录 \(seq) 所在的行现在是记录 \(found)")
        }
    }

    /// `notice: discarded the torn tail of N bytes at offset O (…): an append that was never acknowledged.`
    public static func discarded(_ torn: TornTail, in directory: LedgerDirectory) -> String {
        let tail = tornTail(torn)
        return Wording(en: "notice: discarded the \(tail.en).", zh: "注意：已丢弃\(tail.zh)。").text(chinese: directory.messagesInChinese)
    }

    /// What a torn tail is (`TornTail.summary` is the English): `torn tail of N bytes at offset O (…): an append that
    /// was never acknowledged`.
    public static func tornTail(_ torn: TornTail) -> Wording {
        var en: [String] = [], zh: [String] = []
        if torn.completeRecords > 0 {
            en.append("\(Wording.englishCount(torn.completeRecords, "record")) of an unfinished batch")
            zh.append("未完成批次中的 \(torn.completeRecords) 条记录")
        }
        if torn.partialLine {
            en.append("a partial last line")
            zh.append("不完整的最后一行")
        }
        return Wording(en: "torn tail of \(torn.byteCount) bytes at offset \(torn.byteOffset) (\(en.joined(separator: " and "))): an append that was never acknowledged",
                       zh: "偏移 \(torn.byteOffset) 处 \(torn.byteCount) 字节的残缺尾部（\(zh.joined(separator: "和"))）：那是一次从未确认完成的追加")
    }

    // MARK: - The Merkle index (index/merkle)

    /// `note: index rebuilt from the log (reason)` — the Merkle index, before a proof.
    public static func merkleRebuilt(_ reason: Wording, in directory: LedgerDirectory) -> String {
        Wording(en: "note: index rebuilt from the log (\(reason.en))", zh: "注意：默克尔索引已从日志重建（\(reason.zh)）")
            .text(chinese: directory.messagesInChinese)
    }

    public static func merkleRootNotReproduced(in directory: LedgerDirectory) -> String {
        Wording(en: "note: the Merkle index did not reproduce the signed root; rebuilt it from the log",
                zh: "注意：默克尔索引算不出签名的根；已从日志重建")
            .text(chinese: directory.messagesInChinese)
    }

    /// `note: the Merkle index cannot be used (why); proving from one scan of the log`, `why` in either language.
    public static func merkleUnusable(_ why: Wording, in directory: LedgerDirectory) -> String {
        Wording(en: "note: the Merkle index cannot be used (\(why.en)); proving from one scan of the log",
                zh: "注意：默克尔索引无法使用（\(why.zh)）；改为扫描一遍日志来证明")
            .text(chinese: directory.messagesInChinese)
    }

    // MARK: - The log layer's errors

    /// `ChainError` in both languages (its `description` is the English); the problems it carries in their own words.
    public static func wording(_ error: ChainError) -> Wording {
        switch error {
        case .file(let error):
            let text = fileError(error)
            guard error.isNoSpace else { return Wording(en: "\(error)", zh: text.zh) }
            return Wording(en: "\(error). The disk or a file-size limit is full; free space and run the same command again (nothing of this batch was kept).",
                           zh: "\(text.zh)。磁盘或文件大小限额已满；请腾出空间后再运行同一命令（这一批什么也没有保留）。")
        case .notALedger(let path, let reason):
            return Wording(en: "\(path) is not a ledger (\(reason.en)). Create one with `ledger init --ledger \(path)` or give the right --ledger DIR.",
                           zh: "\(path) 不是账本（\(reason.zh)）。请用“ledger init --ledger \(path)”新建一个，或给出正确的 --ledger DIR。")
        case .damagedIdentity(let path, let reason):
            return Wording(en: "\(path) is a ledger that cannot be opened: \(reason.en). Restore ledger.json and events.jsonl from a backup copy of the ledger (`ledger init` never overwrites one); then run `ledger verify`.",
                           zh: "\(path) 是账本，但无法打开：\(reason.zh)。请从账本的备份中恢复 ledger.json 和 events.jsonl（“ledger init”从不覆盖账本），然后运行“ledger verify”。")
        case .alreadyExists(let path):
            return Wording(en: "\(path) already exists and is not empty; `ledger init` never overwrites. Choose a new directory.",
                           zh: "\(path) 已存在且不是空目录；“ledger init”从不覆盖。请另选一个新目录。")
        case .unsafeLedgerFile(let path, let kind, let expected):
            return Wording(en: "\(path) is \(kind), not \(expected); refused. A ledger's files must be the files themselves, so that no command reads or writes anything else through them. Put the real file in its place (anything in index/ may simply be deleted: the index is rebuilt from the log).",
                           zh: "\(path) 是\(kind.chineseName)，不是\(expected.chineseName)；已拒绝。账本的文件必须是文件本身，任何命令都不会经由它读写别处。"
                            + "请把真正的文件放回原处（index/ 中的任何文件都可以直接删除：索引会从日志重建）。")
        case .lockTimeout(let path, let waited):
            return Wording(en: "another writer holds the ledger lock \(path); gave up after \(waited) ms. Wait for it to finish and try again.",
                           zh: "另一个写入者正占用账本锁 \(path)；等了 \(waited) 毫秒后放弃。请等它完成后再试。")
        case .lockDenied(let path, let error):
            let denied = notWritable(path, error, lock: true)
            return Wording(en: "cannot take the ledger's lock: " + denied.en, zh: "无法取得账本锁：" + denied.zh)
        case .notWritable(let path, let error):
            return notWritable(path, error, lock: false)
        case .batchNotDurable(let first, let last, let error, let acknowledgedPath):
            let said = fileError(error)
            let records = first == last ? Wording(en: "record \(first)", zh: "记录 \(first)") : Wording(en: "records \(first)…\(last)", zh: "记录 \(first)…\(last)")
            return Wording(
                en: "\(said.en). What was written to \(error.path) may not have reached the disk. The batch (\(records.en)) was not acknowledged: "
                    + "\(acknowledgedPath) still names the record before it, and the writer cut the batch back off the log as far as it could. "
                    + "Check the disk first (the system log shows I/O errors: dmesg, journalctl -k); then run `ledger verify`, and do not enter "
                    + "this batch again until verify (or `ledger log --from \(first)`) shows whether its records are in the log.",
                zh: "\(said.zh)。写入 \(error.path) 的内容可能没有到达磁盘。这一批（\(records.zh)）未被确认：\(acknowledgedPath) 仍记着它之前的那条记录，"
                    + "写入者已尽量把这一批从日志中截掉。请先检查磁盘（系统日志会记下输入/输出错误：dmesg、journalctl -k），然后运行“ledger verify”；"
                    + "在校验（或“ledger log --from \(first)”）表明这一批的记录是否在日志中之前，不要再次录入这一批。")
        case .notCreated(let path, let error):
            let said = fileError(error)
            let why = error.isNoSpace ? Wording(en: "the disk or a file-size limit is full; free space", zh: "磁盘或文件大小限额已满；请腾出空间")
                : error.isPermissionDenied ? Wording(en: "the user running ledger may not write there; choose a directory this user may write, or ask the administrator for permission",
                                                     zh: "运行 ledger 的用户无权在那里写入；请另选该用户可写的目录，或请管理员开放权限")
                : Wording(en: "mend the cause the system names", zh: "请先排除系统所报的原因")
            return Wording(en: "cannot create the ledger \(path) (\(said.en)): \(why.en), then run the same command again. No ledger was made: what this command had created in \(path) was removed again.",
                           zh: "无法创建账本 \(path)（\(said.zh)）：\(why.zh)，然后再次运行同一命令。账本没有建成：本命令已在 \(path) 中创建的内容已全部删除。")
        case .tornTailNotCut(let path, let committed, let torn, let error, true):
            let said = fileError(error)
            return Wording(en: "\(path) ended with an unfinished batch (\(torn) bytes after byte \(committed), never acknowledged, so not part of the ledger); it was cut off, but the cut may not have reached the disk (\(said.en)). Nothing was appended; the ledger's records are unchanged. Check the disk first (the system log shows I/O errors: dmesg, journalctl -k), then run `ledger verify` and the same command again.",
                           zh: "\(path) 末尾曾有一个未完成的批次（第 \(committed) 字节之后的 \(torn) 字节，从未被确认，不属于账本）；已将其截掉，但截掉的结果可能没有写到磁盘上（\(said.zh)）。本次什么也没有追加，账本的记录没有改动。请先检查磁盘（系统日志会记下输入/输出错误：dmesg、journalctl -k），然后运行“ledger verify”，再次运行同一命令。")
        case .tornTailNotCut(let path, let committed, let torn, let error, false):
            let said = fileError(error)
            let why = error.isNoSpace ? Wording(en: "Free space on the disk", zh: "请腾出磁盘空间")
                : error.isPermissionDenied ? Wording(en: "Run ledger as the user who owns the ledger directory", zh: "请以账本目录所属用户的身份运行 ledger")
                : Wording(en: "Check the disk first (the system log shows I/O errors: dmesg, journalctl -k)", zh: "请先检查磁盘（系统日志会记下输入/输出错误：dmesg、journalctl -k）")
            return Wording(en: "\(path) ends with an unfinished batch (\(torn) bytes after byte \(committed), never acknowledged, so not part of the ledger) that must be cut off before anything is appended, and cutting it failed (\(said.en)). Nothing was appended; the ledger's records are unchanged. \(why.en), then run the same command again: it cuts the unfinished batch first (`ledger verify` reports it meanwhile as a torn tail).",
                           zh: "\(path) 末尾有一个未完成的批次（第 \(committed) 字节之后的 \(torn) 字节，从未被确认，不属于账本），追加之前必须截掉，但截掉失败（\(said.zh)）。本次什么也没有追加，账本的记录没有改动。\(why.zh)，然后再次运行同一命令：它会先截掉这个未完成的批次（在此之前“ledger verify”会把它报告为残缺的尾部）。")
        case .sequenceConflict(let expected, let actual) where actual > expected:
            return Wording(en: "--expect-seq \(expected) but the ledger's last seq is \(actual); someone appended in between. Nothing was appended; review the new records and retry.",
                           zh: "--expect-seq 为 \(expected)，但账本最后一条记录的序号是 \(actual)；期间有人追加了记录。本次什么也没有追加；请查看新记录后重试。")
        case .sequenceConflict(let expected, let actual):
            // Fewer records than expected: no append makes a log shorter (review 38e m9).
            return Wording(en: "--expect-seq \(expected) but the ledger's last seq is \(actual), fewer records than expected: the number is mistyped, or the log was cut back or restored from an older copy. Nothing was appended; check the number, run `ledger verify` (against a signed checkpoint if you keep one), and retry.",
                           zh: "--expect-seq 为 \(expected)，但账本最后一条记录的序号是 \(actual)，比预期的少：可能是序号写错，或日志被截短、被较早的副本恢复。本次什么也没有追加；请核对序号，运行“ledger verify”（有已签名的检查点时据以核验）后重试。")
        case .idConflict(let id, let seq, let reason):
            return Wording(en: "event id \"\(id)\" is already used by \(seq.map { "record seq \($0)" } ?? "this batch") with different content (\(reason.en)). Nothing was appended; give the new event its own id, or record a correction.",
                           zh: "事件 id “\(id)”已被\(seq.map { "第 \($0) 条记录" } ?? "本批中的另一事件")使用，且内容不同（\(reason.zh)）。本次什么也没有追加；请给新事件另起一个 id，或记录一条更正。")
        case .integrity(let failure):
            return Wording(en: "\(failure) The ledger was not changed; run `ledger verify` and restore the log from a verified backup.",
                           zh: "\(wording(failure).zh)账本没有任何改动；请运行“ledger verify”，并从校验通过的备份恢复日志。")
        case .invalidBatch(let reason):
            return reason
        case .writerDisplaced(let displacement):
            let what: Wording
            switch displacement {
            case .lockRemoved(let path):
                what = Wording(en: "the lock file \(path) was removed or replaced while this command held it, so another writer may have taken a new lock and be writing too",
                               zh: "本命令持有的锁文件 \(path) 在持有期间被删除或替换，另一个写入者可能已取得新的锁并同时在写入")
            case .logReplaced(let path):
                what = Wording(en: "\(path) was removed or replaced (a restore?) while this command had it open",
                               zh: "\(path) 在本命令打开期间被删除或替换（是否在恢复备份？）")
            case .logChanged(let path, let expected, let found):
                what = Wording(en: "\(path) is \(found) bytes long, not the \(expected) this command left it at: another program wrote to it or cut it while this command held the lock",
                               zh: "\(path) 现长 \(found) 字节，而不是本命令留下的 \(expected) 字节：在本命令持有锁期间有其他程序写入或截短了它")
            }
            return Wording(
                en: "\(what.en). Nothing of this batch was written. Never delete the ledger's lock file while a command runs: it is not a stale lock (it is held only while a command runs, and released when it ends), and removing it lets two writers write over each other. Run `ledger verify`, check that the records of every append of the last minutes are in the log (`ledger log --from N`), then enter this batch again.",
                zh: "\(what.zh)。这一批什么也没有写入。命令运行期间切勿删除账本的锁文件：它不是残留的锁（只在命令运行时持有，命令结束即释放），删除它会让两个写入者互相覆盖。"
                    + "请运行“ledger verify”，核对最近几分钟每次追加的记录都在日志中（“ledger log --from 序号”），然后重新录入这一批。")
        case .readBackMismatch(let path, let offset):
            return Wording(en: "\(path): the bytes read back at offset \(offset) differ from what was written (disk or memory fault). The batch was removed; check the hardware before retrying.",
                           zh: "\(path)：在偏移 \(offset) 处读回的字节与写入的不同（磁盘或内存故障）。这一批已被移除；请先检查硬件再重试。")
        case .acknowledgedUnreadable(let path, let reason):
            return Wording(en: "\(path) cannot be read (\(reason.en)). It records the last acknowledged record; without it no writer can tell a cut log from an unfinished append. Restore it from the backup of this ledger; if the log is known to be complete (compare it with a backup or a signed checkpoint), remove the file and the next append writes it again.",
                           zh: "\(path) 无法读取（\(reason.zh)）。它记录最后一条已确认的记录；没有它，写入者分不清日志是被截短了还是追加未完成。"
                            + "请从这个账本的备份中恢复它；如果确知日志完整（与备份或签名存证比对过），可删除该文件，下次追加时会重新写入。")
        case .acknowledgementFailed(let first, let last, let error):
            // The acknowledgement may not have reached the disk either (an I/O error at its fdatasync): the batch
            // stays acknowledged as far as the file reads now; the disk is the clerk's to check (review 35a #5c).
            return Wording(en: "records \(first)…\(last) were written to the log and fsync'ed, and \(error.path) already names them as acknowledged, but that write failed (\(error)) and may not have reached the disk. They are in the ledger: check the disk first (the system log shows I/O errors: dmesg, journalctl -k), then check with `ledger verify` or `ledger log --from \(first)` before retrying, so nothing is recorded twice.",
                           zh: "记录 \(first)…\(last) 已写入日志并落盘，\(error.path) 也已记下它们已被确认，但这次写入失败（\(fileError(error).zh)），可能没有到达磁盘。"
                            + "它们已在账本中：请先检查磁盘（系统日志会记下输入/输出错误：dmesg、journalctl -k），重试之前再用“ledger verify”"
                            + "或“ledger log --from \(first)”核对，以免重复记账。")
        case .resumeBeforeAcknowledged(let seq, let acknowledged):
            return Wording(en: "derived state stamped at record \(seq) is after the acknowledged head (record \(acknowledged)); the whole log must be read.",
                           zh: "派生状态戳记在第 \(seq) 条记录，晚于已确认的最后一条（第 \(acknowledged) 条）；必须读取整个日志。")
        case .derivedState(let problem):
            return wording(problem)
        case .idTable(let name, let problem):
            let said = wording(problem)
            return Wording(en: "\(name) \(said.en)", zh: "\(name) \(said.zh)")
        case .recordLine(let problem):
            return wording(problem)
        case .resume(let problem):
            return wording(problem)
        case .acknowledgedDamage(let damage):
            return damage.reason
        }
    }

    /// An integrity failure with its position: `events.jsonl line N (record seq S): … .` / `events.jsonl 第 N 行…。`
    /// (`IntegrityFailure.description` is the English).
    public static func wording(_ failure: IntegrityFailure) -> Wording {
        let said = detail(failure)
        return Wording(en: "events.jsonl line \(failure.lineNumber) (record seq \(failure.seq)): \(said.en).",
                       zh: "events.jsonl 第 \(failure.lineNumber) 行（记录序号 \(failure.seq)）：\(said.zh)。")
    }

    /// What is wrong with the record, without its position (`IntegrityFailure.detail` is the English).
    public static func detail(_ failure: IntegrityFailure) -> Wording {
        switch failure.kind {
        case .unparsable(let why): return Wording(en: "the line is unreadable: \(why.en)", zh: "该行无法读取：\(why.zh)")
        case .hashMismatch(let stored, let computed):
            let (s, c) = twoHashes(stored, computed)
            return Wording(en: "the stored hash \(s) does not match the record's content (computed \(c)): the record was changed after it was written",
                           zh: "保存的哈希 \(s) 与记录内容不符（计算得 \(c)）：记录写入后被改动过")
        case .brokenLink(let expected, let found):
            let (f, e) = twoHashes(found, expected)
            return Wording(en: "prev \(f) does not link to the previous record (expected \(e)): a record before it was changed, removed or reordered",
                           zh: "prev \(f) 没有接上前一条记录（应为 \(e)）：前面有记录被改动、删除或调换了顺序")
        case .sequence(let expected, let found):
            return Wording(en: "seq is \(found) where \(expected) was expected: a record is missing, repeated or out of order",
                           zh: "序号是 \(found)，应为 \(expected)：有记录缺失、重复或顺序错乱")
        case .badBatch(let why): return Wording(en: "batch fields are inconsistent: \(why.en)", zh: "批次字段前后矛盾：\(why.zh)")
        case .acknowledgedLost(let why): return Wording(en: "acknowledged records are lost: \(why.en)", zh: "已确认的记录丢失了：\(why.zh)")
        }
    }

    /// Why a record line could not be read: a `ChainError` (`.recordLine` among them) in its words, any other
    /// error as it describes itself.
    public static func unreadable(_ error: any Error) -> Wording {
        if let chain = error as? ChainError { return wording(chain) }
        return Wording(same: "\(error)")
    }

    /// `record S should start a batch but says batch F…L` (`IntegrityFailure.Kind.badBatch`).
    public static func batchShouldStart(seq: Int64, first: Int64, last: Int64) -> Wording {
        Wording(en: "record \(seq) should start a batch but says batch \(first)…\(last)",
                zh: "记录 \(seq) 应开始一个批次，却写着批次 \(first)…\(last)")
    }

    /// `batch F…L is not finished but record S says batch F2…L2`.
    public static func batchNotFinished(openFirst: Int64, openLast: Int64, seq: Int64, first: Int64, last: Int64) -> Wording {
        Wording(en: "batch \(openFirst)…\(openLast) is not finished but record \(seq) says batch \(first)…\(last)",
                zh: "批次 \(openFirst)…\(openLast) 尚未结束，记录 \(seq) 却写着批次 \(first)…\(last)")
    }

    /// An acknowledged record was replaced: the log holds record `seq` with another hash (`acknowledgedLost`).
    /// `file` is the acknowledged file's path (`LEDGER/acknowledged` where no ledger is at hand).
    public static func acknowledgedReplaced(seq: Int64, found: Digest32, acknowledged: Digest32,
                                            file: String = "LEDGER/acknowledged") -> Wording {
        let (f, a) = twoHashes(found.hex, acknowledged.hex)
        return Wording(
            en: "record \(seq) has hash \(f) but the writer acknowledged it with hash \(a) (\(file)): acknowledged records were replaced; restore events.jsonl from a backup that holds record \(seq) with the acknowledged hash",
            zh: "记录 \(seq) 的哈希是 \(f)，但写入者确认它时的哈希是 \(a)（\(file)）：已确认的记录被替换了；请从含有哈希为已确认值的记录 \(seq) 的备份恢复 events.jsonl")
    }

    /// Two hashes a message sets against each other, in hex: their first 12 digits and "…" when those differ, else
    /// both whole — two shortened hashes that read the same made a failure look like a contradiction (review 42a).
    static func twoHashes(_ a: String, _ b: String) -> (String, String) {
        a.prefix(12) == b.prefix(12) ? (a, b) : ("\(a.prefix(12))…", "\(b.prefix(12))…")
    }

    /// Acknowledged records are missing: the committed log ends at `committed`, before the acknowledged `seq`.
    public static func acknowledgedCut(seq: Int64, hash: Digest32, committed: Int64, torn: TornTail?,
                                       file: String = "LEDGER/acknowledged") -> Wording {
        let first = committed + 1
        let rangeEn = first == seq ? "record \(seq) is" : "records \(first)…\(seq) are"
        let rangeZh = first == seq ? "记录 \(seq)" : "记录 \(first)…\(seq)"
        let cutEn = torn.map { " (the file ends in an unfinished batch: \($0.byteCount) bytes, \(Wording.englishCount($0.completeRecords, "complete record"))\($0.partialLine ? " and a partial line" : ""))" } ?? ""
        let cutZh = torn.map { "（文件以一个未完成的批次结束：\($0.byteCount) 字节，\($0.completeRecords) 条完整记录\($0.partialLine ? "和不完整的最后一行" : "")）" } ?? ""
        // Lines of the unfinished batch may still be in the file (review H17 #7): they are not committed, since a
        // batch counts only whole (section 3), but they are not gone either.
        let inTail = min(Int64(torn?.completeRecords ?? 0), seq - committed)
        let lastInTail = committed + inTail
        let tailEn = inTail == 0 ? "" : " (" + (inTail == 1 ? "record \(first) is a complete line" : "records \(first)…\(lastInTail) are complete lines")
            + " of the unfinished batch, which does not count until the whole batch is there)"
        let tailZh = inTail == 0 ? "" : "（其中" + (inTail == 1 ? "记录 \(first)" : "记录 \(first)…\(lastInTail)") + " 是未完成批次中的完整行，批次完整之前不算提交）"
        return Wording(
            en: "the writer acknowledged records up to seq \(seq) (\(file)) but the log's committed records end at seq \(committed)\(cutEn): \(rangeEn) no longer committed after being acknowledged\(tailEn); restore events.jsonl from a backup that holds record \(seq) (hash \(hash.hex.prefix(12))…)",
            zh: "写入者确认的记录到序号 \(seq) 为止（\(file)），但日志中已提交的记录止于序号 \(committed)\(cutZh)：\(rangeZh) 在确认后不再是已提交的记录\(tailZh)；请从含有记录 \(seq)（哈希 \(hash.hex.prefix(12))…）的备份恢复 events.jsonl")
    }

    /// Why a line is not a record line (`ChainError.LineProblem`; its `description` is the English here).
    public static func wording(_ problem: ChainError.LineProblem) -> Wording {
        switch problem {
        case .invalidUTF8(let offset):
            return Wording(en: "invalid UTF-8 at byte \(offset + 1)", zh: "第 \(offset + 1) 字节处不是有效的 UTF-8")
        case .notJSON(let what):
            let why = notJSON(what)
            return Wording(en: "not valid JSON: \(why.en)", zh: "不是有效的 JSON：\(why.zh)")
        case .badLayout(let layout):
            let why = lineLayout(layout)
            return Wording(en: "not a record line: \(why.en)", zh: "不是记录行：\(why.zh)")
        case .tooLong(let count):
            return Wording(en: "line is \(count) bytes, longer than the \(Limits.recordBytesMax) bytes (1 MiB) a record line may have",
                           zh: "该行有 \(count) 字节，超过一条记录最多允许的 \(Limits.recordBytesMax) 字节（1 MiB）")
        }
    }

    /// A line still without its end after `count` bytes, where the scan stops reading (it is longer still).
    static func tooLongAtLeast(_ count: Int) -> Wording {
        Wording(en: "line is more than \(count) bytes (no line end within them), longer than the \(Limits.recordBytesMax) bytes (1 MiB) a record line may have",
                zh: "该行超过 \(count) 字节（其中没有行尾），超过一条记录最多允许的 \(Limits.recordBytesMax) 字节（1 MiB）")
    }

    /// Why a stored record's JSON value is not canonical (section 2), said of the stored line, not as advice on
    /// input: where (the byte of the line, from 1, and the key whose value or name it is) and what; a number with a
    /// fraction is not told to be written as yuan text, since no one is writing it (review 36c).
    static func storedJSON(_ error: EventError, line: ArraySlice<UInt8>) -> Wording {
        guard case .json(let offset, let problem) = error else { return error.reason }
        let at = line.startIndex + offset
        let key = keyBefore(at, in: line)
        let keyEn = key.map { " (key \"\($0)\")" } ?? "", keyZh = key.map { "（键“\($0)”）" } ?? ""
        let place = Wording(en: "at byte \(offset + 1)\(keyEn)", zh: "第 \(offset + 1) 字节处\(keyZh)")
        let notCanonical = Wording(en: ": the stored record is not canonical", zh: "：保存的记录不是规范形式")
        switch problem {
        case .keysNotCanonical:
            let name = stringAt(at, in: line) ?? "?"
            return Wording(en: "object key \"\(name)\" at byte \(offset + 1) does not come after the key before it in UTF-8 byte order (keys are sorted, each once)",
                           zh: "第 \(offset + 1) 字节处的对象键“\(name)”没有排在前一个键之后（键须按 UTF-8 字节排序，且不重复）") + notCanonical
        case .fraction(_, let written):
            return Wording(en: "\(written) \(place.en) is a number with a decimal point or exponent; a record holds integers only",
                           zh: "\(place.zh)的 \(written) 是带小数点或指数的数字；记录中只能有整数") + notCanonical
        case .integerRange:
            return Wording(en: "the number \(place.en) lies outside ±\(Limits.jsonIntegerMax), the integers a record may hold",
                           zh: "\(place.zh)的数字超出了记录允许的整数范围 ±\(Limits.jsonIntegerMax)") + notCanonical
        default:
            return EventWords.JSON.reason(problem) + Wording(en: " (\(place.en))", zh: "（\(place.zh)）")
        }
    }

    /// The key of the object member whose value begins at `at` (the string before the `:` just before it); nil for
    /// an array element or anything else.
    static func keyBefore(_ at: Int, in line: ArraySlice<UInt8>) -> String? {
        guard at - 2 >= line.startIndex, line[at - 1] == UInt8(ascii: ":"), line[at - 2] == UInt8(ascii: "\"") else { return nil }
        return stringEnding(at - 2, in: line)
    }

    /// The text of the JSON string whose closing quote is at `end` (escapes shown as written, invisible and control
    /// characters as code points: the line may have been written by anyone).
    static func stringEnding(_ end: Int, in line: ArraySlice<UInt8>) -> String? {
        var q = end - 1
        while q >= line.startIndex {
            if line[q] == UInt8(ascii: "\"") {
                // A quote preceded by an odd number of backslashes is escaped.
                var slashes = 0, r = q - 1
                while r >= line.startIndex, line[r] == UInt8(ascii: "\\") { slashes += 1; r -= 1 }
                if slashes % 2 == 0 { return DisplayText.visible(String(decoding: line[(q + 1)..<end], as: UTF8.self)) }
            }
            q -= 1
        }
        return nil
    }

    /// The text of the JSON string whose opening quote is at `start` (as `stringEnding` shows it).
    static func stringAt(_ start: Int, in line: ArraySlice<UInt8>) -> String? {
        guard start < line.endIndex, line[start] == UInt8(ascii: "\"") else { return nil }
        var q = start + 1
        while q < line.endIndex {
            if line[q] == UInt8(ascii: "\\") { q += 2; continue }
            if line[q] == UInt8(ascii: "\"") { return DisplayText.visible(String(decoding: line[(start + 1)..<q], as: UTF8.self)) }
            q += 1
        }
        return nil
    }

    /// What of a record line is not canonical JSON.
    static func notJSON(_ what: ChainError.LineProblem.NotJSON) -> Wording {
        switch what {
        case .member(let member, let reason): return Wording(en: "\(member): \(reason.en)", zh: "\(member)：\(reason.zh)")
        case .badStringLiteral: return Wording(en: "bad string literal", zh: "字符串字面量有误")
        }
    }

    /// How a line breaks the record layout (`RecordLineScanner`'s rules).
    static func lineLayout(_ layout: ChainError.LineProblem.Layout) -> Wording {
        switch layout {
        case .expected(let text, let byte):
            return Wording(en: "expected \(text) at byte \(byte)", zh: "第 \(byte) 字节处应为 \(text)")
        case .notHex(let member):
            return Wording(en: "\"\(member)\" is not 64 lower-case hex digits", zh: "“\(member)”不是 64 位小写十六进制数字")
        case .notACount(let member):
            return Wording(en: "\"\(member)\" is not an integer from 1 to \(Limits.jsonIntegerMax) written in plain decimal",
                           zh: "“\(member)”不是以普通十进制写出的 1 至 \(Limits.jsonIntegerMax) 的整数")
        case .notAString(let member): return Wording(en: "\(member) is not a string", zh: "“\(member)”不是字符串")
        case .badID(let why): return Wording(en: "\"id\" \(why.en)", zh: "“id”：\(why.zh)")
        case .notATypeName:
            return Wording(en: "\"type\" is not a type name (lower-case letters, digits, _ and ., starting with a letter)",
                           zh: "“type”不是类型名（小写字母、数字、_ 和 .，以字母开头）")
        case .notADate: return Wording(en: "\"occurred_on\" is not a YYYY-MM-DD date", zh: "“occurred_on”不是 YYYY-MM-DD 格式的日期")
        case .notATime:
            return Wording(en: "\"recorded_at\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ", zh: "“recorded_at”不是 YYYY-MM-DDTHH:MM:SSZ 格式的 UTC 时间")
        case .emptyActor: return Wording(en: "\"actor\" is empty or only white space", zh: "“actor”为空或只有空白")
        case .dataNotAnObject: return Wording(en: "\"data\" is not an object", zh: "“data”不是对象")
        case .bytesAfterData: return Wording(en: "unexpected bytes after \"data\"", zh: "“data”之后有多余的字节")
        }
    }

    // MARK: - LEDGER/acknowledged

    /// A file of the wrong size (`ChainError.AcknowledgedDamage`).
    static func acknowledgedSize(_ count: Int, slotBytes: Int) -> Wording {
        Wording(en: "it is \(count) bytes: neither two slots of \(slotBytes) bytes nor one line {\"hash\":\"<64 hex>\",\"seq\":N}",
                zh: "它有 \(count) 字节：既不是两个各 \(slotBytes) 字节的槽位，也不是一行 {\"hash\":\"<64 hex>\",\"seq\":N}")
    }

    static let acknowledgedSlotsDamaged = Wording(en: "both slots are damaged", zh: "两个槽位都已损坏")

    static func acknowledgedSlotsDiffer(seq: Int64) -> Wording {
        Wording(en: "its two slots name different records for seq \(seq)", zh: "它的两个槽位为序号 \(seq) 记下了不同的记录")
    }

    // MARK: - File errors

    /// An operating-system error on a file: `P: rename failed: No space left on device (errno 28)` /
    /// `P：重命名失败：磁盘空间已满（errno 28）`.
    public static func fileError(_ error: FileError) -> Wording {
        let operation = operations[error.operation] ?? error.operation
        let reason = error.detail.map(chineseDetail) ?? error.chineseReason ?? error.reason
        return Wording(en: error.description, zh: "\(error.path)：\(operation)失败：\(reason)（errno \(error.code)）")
    }

    /// A ledger file a writer must open for writing that it may not: who may, and what to do. Nothing was written.
    static func notWritable(_ path: String, _ error: FileError, lock: Bool) -> Wording {
        let said = fileError(error)
        let why = error.isReadOnlyFileSystem
            ? Wording(en: "the file system holding the ledger is read-only", zh: "账本所在的文件系统是只读的")
            : lock ? Wording(en: "the user running ledger may not write the lock file, or create it in the ledger directory",
                             zh: "运行 ledger 的用户无权写入该锁文件，或无权在账本目录中创建它")
                   : Wording(en: "the user running ledger may not write it", zh: "运行 ledger 的用户无权写入它")
        return Wording(
            en: "\(path) cannot be opened for writing (\(said.en)): \(why.en). Nothing was written; the ledger is unchanged. "
                + "Run ledger as the user who owns the ledger directory, or ask the administrator to give this user write permission on \(path) "
                + "and its directory (a read-only copy of a ledger can be read and verified, not written).",
            zh: "\(path) 无法以写方式打开（\(said.zh)）：\(why.zh)。本次什么也没有写入，账本没有任何改动。"
                + "请以账本目录所属用户的身份运行 ledger，或请管理员为该用户开放 \(path) 及其所在目录的写权限（账本的只读副本可以查询和校验，不能写入）。")
    }

    /// Why an input file was not read (`InputFileError`).
    public static func inputFileError(_ error: InputFileError) -> Wording {
        switch error {
        case .file(let file): return fileError(file)
        case .notRegularFile(let path, let kind): return Wording(en: error.description, zh: "\(path) 是\(kind.chineseName)，不是普通文件")
        case .tooLarge(let path, let size, let bytesMax):
            return Wording(en: error.description, zh: "\(path) 有 \(size) 字节，超过允许的 \(bytesMax) 字节")
        }
    }

    /// The operations `FileError` names, in Chinese.
    static let operations: [String: String] = [
        "open": "打开", "open directory": "打开目录", "opendir": "打开目录", "readdir": "读取目录", "create": "创建",
        "read": "读取", "write": "写入", "rename": "重命名", "fsync": "同步到磁盘（fsync）",
        "fsync directory": "同步目录到磁盘（fsync）", "fdatasync": "同步到磁盘（fdatasync）", "mkdir": "创建目录",
        "mkdtemp": "创建临时目录", "unlink": "删除", "truncate": "截断", "flock": "加锁", "fstat": "读取文件状态",
        "close": "关闭", "chmod": "修改权限", "dup": "复制文件描述符", "RAND_bytes": "取随机数",
    ]

    // MARK: - A file error's own explanation

    /// A `FileError.detail` (what the C library's text would not say, written in LedgerPlatform, which has no
    /// words of its own) in Chinese: `it is a directory, not a regular file` → `它是目录，不是普通文件`. A text
    /// not known here stays as it was written. (The derived-state readers' reasons, which this table said in
    /// Chinese until session 19, are typed: `ChainError.DerivedStateProblem.Detail`.)
    public static func chineseDetail(_ en: String) -> String {
        if let exact = detailPhrases[en] { return exact }
        for (pattern, say) in detailPatterns {
            guard let regex = try? Regex(pattern), let match = en.wholeMatch(of: regex) else { continue }
            return say((1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" })
        }
        return en
    }

    /// The kinds of file as `FileKind` names them in English (`a FIFO (named pipe)`), in Chinese.
    static let fileKinds: [String: String] = Dictionary(uniqueKeysWithValues: [FileKind.regular, .directory, .fifo, .characterDevice,
                                                                               .blockDevice, .socket, .symbolicLink, .other]
        .map { ($0.description, $0.chineseName) })

    /// Whole phrases.
    static let detailPhrases: [String: String] = [
        "it is closed": "它已关闭",
        "it is a FIFO (named pipe) that no process is reading; start the reader first, or write to a regular file":
            "它是没有进程在读取的命名管道（FIFO）；请先启动读取方，或改为写入普通文件",
    ]

    /// Phrases with values in them: a whole-match pattern, and how its parts are said.
    static let detailPatterns: [(String, @Sendable ([String]) -> String)] = [
        (#"it is ([^:,;]+); write to a regular file \(or a FIFO or character device\)"#,
         { "它是\(fileKinds[$0[0]] ?? $0[0])；请写入普通文件（或命名管道、字符设备）" }),
        (#"it changed into (.+) while being opened"#, { "打开时它变成了\(fileKinds[$0[0]] ?? $0[0])" }),
        (#"a file inside (.+) is named by one component"#, { "\($0[0]) 中的文件名只能是一级名称（不含 /，也不是 . 或 ..）" }),
        (#"it is ([^:,]+), not ([^:,]+)"#, { "它是\(fileKinds[$0[0]] ?? $0[0])，不是\(fileKinds[$0[1]] ?? $0[1])" }),
    ]
}

// MARK: - Why the writer refuses a batch (`ChainError.invalidBatch`; kept in one block)

extension SystemWords {
    /// An earlier write failed and the writer no longer appends.
    static func writerPoisoned(_ eventsPath: String) -> Wording {
        Wording(en: "an earlier write to \(eventsPath) failed; reopen the ledger before appending again",
                zh: "此前对 \(eventsPath) 的一次写入失败；请重新打开账本后再追加")
    }

    /// A batch of `count` events, over `Limits.batchEventsMax`.
    static func batchTooLarge(_ count: Int) -> Wording {
        Wording(en: "a batch holds at most \(Limits.batchEventsMax) events (limit batchEventsMax); this one has \(count). Split it.",
                zh: "一批最多 \(Limits.batchEventsMax) 个事件（上限 batchEventsMax）；这一批有 \(count) 个。请分成几批。")
    }

    static func noActor(event id: String) -> Wording {
        Wording(en: "event \(id) names no actor; give \"actor\" in the event or --actor on the command line",
                zh: "事件 \(id) 没有写明记录人；请在事件中给出“actor”，或在命令行给出 --actor")
    }

    /// The event's actor is refused (`EventInput.actorProblemWording`).
    static func badActor(event id: String, _ problem: Wording) -> Wording {
        Wording(en: "event \(id): \(problem.en)", zh: "事件 \(id)：\(problem.zh)")
    }

    static func recordTooLong(event id: String, bytes: Int) -> Wording {
        Wording(en: "event \(id) makes a record of \(bytes) bytes, more than the \(Limits.recordBytesMax) bytes (1 MiB) a record may have",
                zh: "事件 \(id) 生成的记录有 \(bytes) 字节，超过一条记录最多允许的 \(Limits.recordBytesMax) 字节（1 MiB）")
    }

    /// The record the event makes would not pass verify's scanner (`problem`).
    static func recordUnverifiable(event id: String, _ problem: ChainError.LineProblem) -> Wording {
        Wording(en: "event \(id) would make a record that verification rejects (\(problem)); "
                    + "shorten its text: a string may take at most \(Limits.stringBytesMax) bytes as written in the log, "
                    + "where a quote, backslash or control character takes two bytes or more",
                zh: "事件 \(id) 会生成一条校验不通过的记录（\(wording(problem).zh)）；"
                    + "请缩短其文字：日志中写出的一个字符串最多 \(Limits.stringBytesMax) 字节，引号、反斜杠或控制字符占两个字节或更多")
    }

    /// The id index still fails after a rebuild from the log.
    static func idIndexUnreadable(_ indexPath: String, _ problem: ChainError.DerivedStateProblem) -> Wording {
        Wording(en: "the id index in \(indexPath) cannot be read even after it was rebuilt from the log (\(problem)); nothing was appended; run `ledger verify` and check the disk",
                zh: "\(indexPath) 中的编号索引从日志重建后仍无法读取（\(wording(problem).zh)）；本次什么也没有追加；请运行“ledger verify”并检查磁盘")
    }

    /// A ledger name that is not an id (`EventInput.idFault`).
    /// `ledger.json` of a later format version (a newer program's ledger): to be read with a newer program, never
    /// made again with `init` (the data is there).
    static func newerLedgerVersion(_ path: String, version: Int64, reads: Int64) -> Wording {
        Wording(en: "\(path) holds a ledger written in a newer format: ledger.json has format version \(version), and this program reads "
                    + "format versions up to \(reads). Use a newer version of this program (`ledger --version` shows this one's); the ledger was not changed.",
                zh: "\(path) 中的账本是较新的格式：ledger.json 的格式版本是 \(version)，本程序只能读取到版本 \(reads)。"
                    + "请改用较新版本的程序（“ledger --version”显示本程序的版本）；账本没有任何改动。")
    }

    static func badLedgerName(_ name: String, _ fault: EventInput.IDFault) -> Wording {
        let why = EventWords.idFault(fault)
        return Wording(en: "ledger name \"\(name)\" \(why.en); a name is one word like badaguan-2024",
                       zh: "账本名称“\(name)”\(why.zh)；名称须是一个连续的词，如 badaguan-2024")
    }
}
