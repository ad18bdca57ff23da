import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports

enum VerifyCommand {
    static let schema = OptionSpec.flag(
        "schema",
        en: "also check every record's type and data against the event schemas (ledger-spec.md section 10), and that no fact in effect names an entity created after it in the fold order (business date, then seq: 10.4 rules 2 and 5; a log written before that rule may hold one); schema problems are listed apart from integrity failures",
        zh: "同时按事件模式（ledger-spec.md 第 10 节）检查每条记录的类型和数据，并检查有效记录是否引用了在处理顺序（先按业务日期，后按序号）中晚于它才创建的对象（第 10.4 节第 2、5 条；该规则之前写入的日志可能有这种记录）；模式问题与完整性失败分开列出")

    static let index = OptionSpec.flag(
        "index",
        en: "also check every file of index/ (the writer's id index index/ids, index/ids-2, …, index/funds.state, index/checks.state, the partition index index/scopes) against the whole log and rebuild it; damage is reported on an \"index:\" line per file, apart from the log's, and does not change the exit status (commands check each file before every use and never answer from a bad one)",
        zh: "同时用整个日志检查 index/ 中的每个文件（写入者的编号索引 index/ids、index/ids-2 等，index/funds.state，index/checks.state，分区索引 index/scopes）并重建它们；损坏按文件各占一行“index:”报告，与日志的问题分开，不影响退出状态（各命令每次使用前都会检查这些文件，从不依据损坏的文件作答）")

    static let command = Command(
        name: "verify",
        summary: Message(en: "check the whole hash chain in constant memory; name the first bad record",
                         zh: "以固定内存校验整条哈希链，指出第一条有问题的记录"),
        options: [SharedOptions.json, schema, index] + VerifyCheckpoints.options,
        about: Message(en: """
        Reads events.jsonl from the first line to the last and checks every record: layout, hash, link to the
        previous record, sequence number and batch; then that every record the writers acknowledged (the file
        acknowledged beside the log) is still there. Prints the number of records and the head hash; on failure,
        the first bad record's seq and line number and what is wrong. A torn tail (an append that never finished,
        so was never acknowledged) is reported separately: it is not tampering, and the next writer removes it.
        """, zh: """
        从第一行到最后一行读取 events.jsonl，检查每条记录：格式、哈希、与前一条记录的链接、序号和批次；再检查
        写入者确认过的每条记录（日志旁的 acknowledged 文件）是否都还在。输出记录数和链头哈希；失败时指出第一条
        有问题记录的序号、行号和问题所在。未写完的尾部（一次没有完成、因而从未确认的追加）单独报告：它不是
        篡改，下一个写入者会把它去掉。
        """),
        exitStatus: Message(en: """
        0 intact (a torn tail may be present); 1 integrity failure, or with --schema a record that does not fit its \
        schema or names an entity created after it in the fold order ("result: SCHEMA PROBLEMS"); 2 usage error or \
        unreadable ledger.
        """, zh: """
        0 完好（可能有未写完的尾部）；1 完整性校验失败，或用 --schema 时有记录不符合其模式、或引用了在处理顺序中\
        晚于它才创建的对象（报告写“结果：模式问题（SCHEMA PROBLEMS）”）；2 用法错误或账本无法读取。
        """),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        if !arguments.values("checkpoint").isEmpty || arguments.value("pubkey") != nil || !arguments.values("witness-key").isEmpty
            || arguments.value("witnesses") != nil {
            return try VerifyCheckpoints.run(arguments, context)
        }
        let directory = try context.openLedger(arguments)
        let summary = try CLIError.fromChain { () throws(ChainError) in try LogScanner.verify(directory) }
        let inProgress = writeInProgress(summary, directory)
        let schema = try schemaReport(arguments, directory, summary)
        let index = try indexReports(arguments, context, directory, summary)
        if arguments.flag("json") {
            var object = json(summary, directory: directory, writeInProgress: inProgress)
            if let schema { object["schema"] = schemaJSON(schema, context.language) }
            if let index { object["index"] = indexJSON(index) }
            context.io.writeOut(CanonicalJSON.string(.object(object), escaping: .display) + "\n")
        } else {
            // The ledger's name and a foreign log's ids, types and payload reasons reach the terminal: neutralised.
            context.io.writeOut(DisplayText.neutralised(text(summary, directory: directory, writeInProgress: inProgress,
                                                             language: context.language)
                                                        + (schema.map { schemaText($0, context.language) } ?? "")
                                                        + indexText(index, context.language), lineBreaks: .keep))
        }
        return summary.failure == nil && !(schema?.hasProblems ?? false) ? 0 : 1
    }

    /// Whether a torn tail may be an append still being written: a writer holds the ledger lock. One try without
    /// waiting (released at once), so verify never blocks a writer; without a torn tail nothing is tried.
    static func writeInProgress(_ summary: ScanSummary, _ directory: LedgerDirectory) -> Bool {
        guard summary.tornTail != nil, let lock = try? PosixFile(path: directory.lockPath, mode: .read, followLinks: false),
              let acquired = try? lock.lockExclusive(timeoutMilliseconds: 0) else { return false }
        if acquired { lock.unlock() }
        return !acquired
    }

    /// With `--schema` and an intact log, the schema check of every committed record; otherwise nil.
    static func schemaReport(_ arguments: Arguments, _ directory: LedgerDirectory,
                             _ summary: ScanSummary) throws(CLIError) -> SchemaCheck.Report? {
        guard arguments.flag("schema"), summary.failure == nil else { return nil }
        return try CLIError.fromChain { () throws(ChainError) in try SchemaCheck.check(directory) }
    }

    static func schemaText(_ report: SchemaCheck.Report, _ language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        var out: String
        if report.problemCount == 0 {
            out = zh ? "模式：全部 \(report.checkedCount) 条记录都符合其类型的模式（ledger-spec.md 第 10 节）\n"
                : "schema: all \(report.checkedCount) records fit the schema of their type (ledger-spec.md section 10)\n"
        } else {
            out = zh ? "模式：\(report.checkedCount) 条记录中有 \(report.problemCount) 条不符合其类型的模式（ledger-spec.md 第 10 节）\n"
                : "schema: \(report.problemCount) of \(report.checkedCount) records do not fit the schema of their type (ledger-spec.md section 10)\n"
            for problem in report.problems { out += "  \(problem)\n" }
            // A record may have several problems: the records not listed are counted.
            let listed = Int64(Set(report.problems.map(\.seq)).count)
            if report.problemCount > listed {
                out += zh ? "  ……另有 \(report.problemCount - listed) 条\n" : "  … and \(report.problemCount - listed) more\n"
            }
        }
        out += foldOrderText(report, language)
        guard report.hasProblems else { return out }
        switch (report.problemCount > 0, report.foldOrderProblemCount > 0) {
        case (true, false):
            out += zh ? "结果：模式问题（SCHEMA PROBLEMS）——哈希链完好，但上面的记录不符合第 10 节的规定；投影会跳过它们（并给出警告），“ledger append”本会拒绝它们\n"
                : "result: SCHEMA PROBLEMS — the chain is intact, but the records above do not say what section 10 allows; projections skip them (with a warning) and `ledger append` would have refused them\n"
        case (false, _):
            out += zh ? "结果：模式问题（SCHEMA PROBLEMS）——哈希链完好，但上面的记录引用了在处理顺序中尚不存在的对象；投影会漏计它们或不予关联（查询时给出警告），现在的“ledger append”会拒绝它们\n"
                : "result: SCHEMA PROBLEMS — the chain is intact, but the records above name what does not yet exist at their place in the fold order; projections leave them out or unlinked (queries warn) and `ledger append` now refuses them\n"
        case (true, true):
            out += zh ? "结果：模式问题（SCHEMA PROBLEMS）——哈希链完好，但上面的记录不符合第 10 节的规定，或引用了在处理顺序中尚不存在的对象；投影会跳过它们或不予关联（并给出警告），“ledger append”会拒绝它们\n"
                : "result: SCHEMA PROBLEMS — the chain is intact, but the records above do not say what section 10 allows, or name what does not yet exist at their place in the fold order; projections skip them or leave them unlinked (with a warning) and `ledger append` would refuse them\n"
        }
        return out
    }

    /// The fold-order part of `--schema` (ledger-spec.md section 6): every fact in effect that names an entity created
    /// after it in the fold order (10.4 rules 2 and 5), each with the repair.
    static func foldOrderText(_ report: SchemaCheck.Report, _ language: ReportLanguage) -> String {
        let zh = language == .zh
        guard report.foldOrderProblemCount > 0 else {
            return zh ? "处理顺序：没有记录引用在处理顺序中更晚才创建的对象（ledger-spec.md 第 10.4 节第 2、5 条；引用了任何记录都未创建的对象，不属本项检查，各查询命令会另行警告）\n"
                : "fold order: no record names an entity created later in the fold order (ledger-spec.md 10.4, rules 2 and 5; a name no record creates is not this check's: every query warns of it)\n"
        }
        let count = report.foldOrderProblemCount
        var out = zh ? "处理顺序：有 \(count) 处引用在处理顺序中早于所引用对象的创建（ledger-spec.md 第 10.4 节第 2、5 条）\n"
            : "fold order: \(Wording.englishCount(count, "reference")) name\(count == 1 ? "s" : "") an entity created later in the fold order (ledger-spec.md 10.4, rules 2 and 5)\n"
        for problem in report.foldOrderProblems { out += "  \(zh ? problem.chineseDescription : problem.description)\n" }
        let more = count - Int64(report.foldOrderProblems.count)
        if more > 0 { out += zh ? "  ……另有 \(more) 处\n" : "  … and \(more) more\n" }
        return out
    }

    static func schemaJSON(_ report: SchemaCheck.Report, _ language: ReportLanguage = .en) -> JSONValue {
        .object([
            "checked": .integer(report.checkedCount), "problem_count": .integer(report.problemCount),
            "problems": .array(report.problems.map { p in
                .object(["seq": .integer(p.seq), "id": .string(p.eventID), "type": .string(p.type),
                         "field": .string(p.field), "reason": .string(p.reason)])
            }),
            "fold_order": .object([
                "problem_count": .integer(report.foldOrderProblemCount),
                "problems": .array(report.foldOrderProblems.map { p in
                    .object(["seq": .integer(p.seq), "id": .string(p.eventID), "type": .string(p.type), "field": .string(p.field),
                             "entity_kind": .string(p.entityKind), "entity_id": .string(p.entityID),
                             "created_by_seq": .integer(p.creationSeq),
                             "reason": .string(p.wording.text(chinese: language == .zh))])
                }),
            ]),
        ])
    }

    /// `checkpointFailure`: what failed beside an intact log (a checkpoint, `verify --checkpoint`), so that the status
    /// line does not read "intact" alone above a failed result (review 36c).
    static func text(_ summary: ScanSummary, directory: LedgerDirectory, writeInProgress: Bool,
                     language: ReportLanguage = .en, checkpointFailure: Wording? = nil) -> String {
        if language == .zh { return textZh(summary, directory: directory, writeInProgress: writeInProgress, checkpointFailure: checkpointFailure) }
        var out = "ledger: \(directory.name) (\(directory.path))\n"
        if let failure = summary.failure {
            out += "status: INTEGRITY FAILURE\n"
            if acknowledgedReplaced(failure, summary) {
                out += "failing record: seq \(failure.seq), line \(failure.lineNumber), byte offset \(failure.byteOffset) (the last acknowledged record; what was changed may lie in any record from 1 to \(failure.seq))\n"
                out += "problem: \(failure.detail)\n"
                out += "records before it: none can be trusted. Records 1–\(failure.seq) pass every chain check, but record \(failure.seq) is not the record the writer acknowledged: "
                    + "a rewrite that recomputes every later hash leaves no other trace, so any of them may have been changed. Check them against a signed checkpoint (`ledger verify --checkpoint`) or a backup.\n"
                out += "action: do not append; restore events.jsonl from a verified backup and compare it with this copy from line 1 on.\n"
                return out
            }
            out += "first bad record: seq \(failure.seq), line \(failure.lineNumber), byte offset \(failure.byteOffset)\n"
            out += "problem: \(failure.detail)\n"
            out += "records before it: " + recordsBefore(failure, summary, language: .en) + "\n"
            out += "action: do not append; restore events.jsonl from a verified backup and compare it with this copy from line \(failure.lineNumber) on.\n"
            return out
        }
        out += checkpointFailure.map { "status: log intact; \($0.en)\n" } ?? "status: intact\n"
        out += "records: \(summary.recordCount)\n"
        out += "head: \(summary.headHash.hex)\n"
        if let torn = summary.tornTail {
            out += writeInProgress
                ? "note: an append is in progress (\(torn.byteCount) bytes not yet committed)\n"
                : "torn tail: \(torn)\n"
        }
        if acknowledgedMissing(summary, directory) {
            out += "note: acknowledged is missing, so whole batches cut from the end of the log could not be told from a shorter log "
                + "(ledger-spec.md sections 1 and 4); the next append writes it again. Check the log against a signed checkpoint "
                + "(`ledger verify --checkpoint`) to be sure no batch is missing.\n"
        }
        if let slot = AcknowledgedHead.invalidSlot(directory) {
            out += "note: slot \(slot) of acknowledged is invalid (an append cut short by a crash, or damage), so the acknowledged head was "
                + "taken from the other slot (ledger-spec.md section 1): if the invalid slot held a later head, whole batches cut from the end "
                + "of the log after the other slot's record could not be told from a shorter log; the next append overwrites it. Check the log "
                + "against a signed checkpoint (`ledger verify --checkpoint`) to be sure no batch is missing.\n"
        }
        return out
    }

    /// An acknowledged record that is in the log with another hash (not cut off the end): the chain checks passed up
    /// to it, so the change may lie in any record before it — nothing before it is "intact" (review 35d #3).
    static func acknowledgedReplaced(_ failure: IntegrityFailure, _ summary: ScanSummary) -> Bool {
        guard case .acknowledgedLost = failure.kind else { return false }
        return failure.seq <= summary.recordCount
    }

    /// A log with records and no `acknowledged` beside it (deleted, or a ledger written before the file existed): the
    /// check of section 4 could not be made, which an auditor must be told (review 31c: verify said only "intact").
    static func acknowledgedMissing(_ summary: ScanSummary, _ directory: LedgerDirectory) -> Bool {
        summary.recordCount > 0 && PosixFile.kind(at: directory.acknowledgedPath, followLinks: false) == nil
    }

    /// The records before the first bad one. Records are committed a whole batch at a time, so when the bad record
    /// sits inside a batch, the records before it in that batch passed every check but are not a committed log of
    /// their own: the trusted part ends with the last whole batch before it (`summary.recordCount`, often 0).
    static func recordsBefore(_ failure: IntegrityFailure, _ summary: ScanSummary, language: ReportLanguage) -> String {
        let passed = failure.seq - 1, committed = summary.recordCount, head = summary.headHash.hex
        if passed <= committed {
            return language == .zh ? "\(committed) 条完好，链头 \(head)" : "\(committed) intact, head \(head)"
        }
        let one = passed == committed + 1
        if committed == 0 {
            // No batch before it: nothing of the log is a committed whole that can be trusted.
            return language == .zh
                ? "\(passed) 条通过了每项检查，但第 \(one ? "\(passed)" : "1–\(passed)") 条与这条同属日志的第一个批次，该批次已不完整；"
                    + "因此日志中没有一条可信的已提交记录"
                : "\(passed) pass every check, but " + (one ? "record \(passed) belongs" : "records 1–\(passed) belong")
                    + " to the log's first batch, which this one breaks; so no committed record of the log can be trusted"
        }
        return language == .zh
            ? "\(passed) 条通过了每项检查，但第 \(one ? "\(passed)" : "\(committed + 1)–\(passed)") 条与这条同属一个批次，"
                + "该批次已不完整；可信的已提交部分到第 \(committed) 条为止（它之前最后一个完整批次的末尾），链头 \(head)"
            : "\(passed) pass every check, but " + (one ? "record \(passed) belongs" : "records \(committed + 1)–\(passed) belong")
                + " to the same batch as this one, which it breaks; the trusted committed log ends at record \(committed) "
                + "(the end of the last whole batch before it), head \(head)"
    }

    /// `text` in Chinese; the status codes stay beside their words (完好 intact) for scripts and for comparing.
    static func textZh(_ summary: ScanSummary, directory: LedgerDirectory, writeInProgress: Bool, checkpointFailure: Wording?) -> String {
        var out = "账本：\(directory.name)（\(directory.path)）\n"
        if let failure = summary.failure {
            out += "状态：完整性校验失败（INTEGRITY FAILURE）\n"
            if acknowledgedReplaced(failure, summary) {
                out += "未通过检查的记录：序号 \(failure.seq)，第 \(failure.lineNumber) 行，字节偏移 \(failure.byteOffset)（最后一条已确认的记录；改动本身可能在第 1 至 \(failure.seq) 条中的任何一条）\n"
                out += "问题：\(CLIError.chineseDetail(failure))\n"
                out += "此前的记录：均不可信。第 1–\(failure.seq) 条记录都通过了哈希链的每项检查，但第 \(failure.seq) 条已不是写入者确认的那一条；"
                    + "改写记录后重算其后全部哈希，不会留下别的痕迹，因此其中任何一条都可能被改过。请用签名检查点（“ledger verify --checkpoint”）或备份核对。\n"
                out += "处理：不要再追加；从校验通过的备份恢复 events.jsonl，并从第 1 行起与这份副本比对。\n"
                return out
            }
            out += "第一条有问题的记录：序号 \(failure.seq)，第 \(failure.lineNumber) 行，字节偏移 \(failure.byteOffset)\n"
            out += "问题：\(CLIError.chineseDetail(failure))\n"
            out += "此前的记录：" + recordsBefore(failure, summary, language: .zh) + "\n"
            out += "处理：不要再追加；从校验通过的备份恢复 events.jsonl，并从第 \(failure.lineNumber) 行起与这份副本比对。\n"
            return out
        }
        out += checkpointFailure.map { "状态：日志完好（log intact），但\($0.zh)\n" } ?? "状态：完好（intact）\n"
        out += "记录数：\(summary.recordCount)\n"
        out += "链头：\(summary.headHash.hex)\n"
        if let torn = summary.tornTail {
            out += writeInProgress
                ? "注意：有一次追加正在进行（\(torn.byteCount) 字节尚未提交）\n"
                : "未写完的尾部：\(SystemWords.tornTail(torn).zh)；下一次写入时将被丢弃\n"
        }
        if acknowledgedMissing(summary, directory) {
            out += "注意：acknowledged 文件不存在，因此无法分辨日志末尾被截去整批记录还是日志本来就短（ledger-spec.md 第 1、4 节）；"
                + "下次追加时会重新写入它。请用签名检查点核对日志（“ledger verify --checkpoint”），以确认没有缺少批次。\n"
        }
        if let slot = AcknowledgedHead.invalidSlot(directory) {
            out += "注意：acknowledged 的第 \(slot) 个槽位无效（追加因崩溃中断，或文件受损），已确认的链头取自另一个槽位（ledger-spec.md 第 1 节）："
                + "如果无效的槽位记的是更晚的链头，日志末尾在另一槽位所记记录之后被截去的整批记录就无法与本来较短的日志区分；下次追加时会覆盖它。"
                + "请用签名检查点核对日志（“ledger verify --checkpoint”），以确认没有缺少批次。\n"
        }
        return out
    }

    static func json(_ summary: ScanSummary, directory: LedgerDirectory, writeInProgress: Bool) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "ledger": .string(directory.name),
            "status": .string(summary.failure == nil ? "intact" : "integrity_failure"),
            "records": .integer(summary.recordCount),
            "head": .string(summary.headHash.hex),
            "torn_tail": .null,
            "failure": .null,
        ]
        if let torn = summary.tornTail {
            object["torn_tail"] = .object([
                "byte_offset": .integer(torn.byteOffset), "byte_count": .integer(torn.byteCount),
                "complete_records": .integer(Int64(torn.completeRecords)), "partial_line": .bool(torn.partialLine),
                "write_in_progress": .bool(writeInProgress),
            ])
        }
        if let failure = summary.failure {
            object["failure"] = .object([
                "seq": .integer(failure.seq), "line": .integer(Int64(failure.lineNumber)),
                "byte_offset": .integer(failure.byteOffset), "kind": .string(failure.kindCode),
                "detail": .string(failure.detail),
            ])
        }
        return object
    }
}
