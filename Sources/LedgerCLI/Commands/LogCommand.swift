import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports

enum LogCommand {
    static let from = OptionSpec.value("from", "SEQ", en: "first seq to print (default 1)", zh: "从第几条记录开始（默认 1）")
    static let to = OptionSpec.value("to", "SEQ", en: "last seq to print (default: the last record)", zh: "到第几条记录为止（默认：最后一条）")
    static let type = OptionSpec.value("type", "TYPE", repeatable: true, en: "only records of this type; repeat for several",
                                       zh: "只列出这种类型的记录；可重复给出多个")
    static let raw = OptionSpec.flag(
        "raw", en: "one line per record: seq, date, type, id, actor and the data as canonical JSON with fen amounts (the form of earlier versions, for scripts)",
        zh: "每条记录一行：序号、日期、类型、id、记录人和规范 JSON 形式的数据（金额以分计；旧版的格式，供脚本使用）")
    static let json = OptionSpec.flag(
        "json", en: "print the stored record lines exactly as they are in events.jsonl (the evidence form: names may hold control characters raw; read it with a JSON tool, not on a terminal)",
        zh: "原样输出 events.jsonl 中保存的记录行（证据形式：名称中可能含有未转义的控制字符；请用 JSON 工具读取，不要直接在终端查看）")

    static let command = Command(
        name: "log",
        summary: Message(en: "print records, optionally filtered by seq range and type", zh: "列出记录，可按序号范围和类型筛选"),
        options: [from, to, type, raw, json],
        about: Message(en: """
        Prints the committed records in seq order, verifying the chain as it reads: each record's seq, date, type,
        event id and actor, then what it records in words, amounts in yuan. A record a later correction voided or
        replaced is marked (the correction names it; `ledger show ID` shows both). A personal field held as a
        commitment is shown as its value from private/, or （已依法删除） once erased (ledger-spec.md 10.3).
        """, zh: """
        按序号列出已提交的记录，边读边校验哈希链：每条记录的序号、日期、类型、事件 id 和记录人，然后用文字写明
        记录的内容，金额以元计。被后来的更正作废或替换的记录会加标记（更正记录会指明它；“ledger show ID”
        同时显示两者）。以承诺值保存的个人信息字段显示为 private/ 中的原值，删除后显示（已依法删除）
        （ledger-spec.md 10.3）。
        """),
        exitStatus: Message(en: "0 ok, 1 the log failed verification (records before the failure are printed), 2 usage error.",
                            zh: "0 成功；1 日志校验失败（失败之前的记录已输出）；2 用法错误。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let from = try arguments.integer(Self.from, minimum: 1) ?? 1
        let to = try arguments.integer(Self.to, minimum: 1)
        let types = Set(arguments.values(type))
        let json = arguments.flag(Self.json)
        let raw = arguments.flag(Self.raw)
        if let to, to < from {
            throw .usage(Message(en: "--to \(to) is before --from \(from): no record lies between them; give --to at or after --from.",
                                 zh: "--to \(to) 在 --from \(from) 之前：两者之间没有记录；--to 须不小于 --from。"))
        }
        if json, raw { throw .usage(Message(en: "--json and --raw are two forms of the log; give one.", zh: "--json 和 --raw 是日志的两种形式，只能给一个。")) }
        let directory = try context.openLedger(arguments)
        try refuseUnknownTypes(arguments.values(type), directory)
        var people = json ? nil : People(directory)
        let corrections = json || raw ? [:] : Self.corrections(directory)
        let language = context.language
        var buffer = [UInt8]()
        // Records are printed batch by batch, once the batch is known to be committed: a torn tail is never shown,
        // and the batches before a failure are.
        let summary: ScanSummary
        do {
            summary = try LogScanner.committedBatches(directory, stopAfterSeq: to, prepare: { line -> [UInt8]? in
                guard line.location.seq >= from, to.map({ line.location.seq <= $0 }) ?? true else { return nil }
                if !types.isEmpty, !types.contains(String(decoding: line.typeBytes, as: UTF8.self)) { return nil }
                if json { return Array(line.line) + [0x0A] }
                let record = try line.record()
                if raw { return Array(render(record, names: people?.names(for: record)).utf8) }
                return Array(readable(record, names: people?.names(for: record), correctedBy: corrections[record.id], language).utf8)
            }, batch: { lines in
                for line in lines { buffer.append(contentsOf: line) }
                if buffer.count > 1 << 16 { context.io.writeOutBytes(buffer); buffer.removeAll(keepingCapacity: true) }
            })
        } catch {
            context.io.writeOutBytes(buffer)
            if case .integrity(let failure) = error {
                let said = SystemWords.wording(failure)
                throw .integrity(Message(en: "\(said.en) Run `ledger verify` for details.", zh: "\(said.zh)详情请运行“ledger verify”。"))
            }
            throw .chain(error)
        }
        context.io.writeOutBytes(buffer)
        // Nothing printed because the log ends before --from: said, so an empty output is not taken for "no such
        // records" of a range the log does hold.
        if summary.recordCount < from {
            context.io.writeErr(language == .zh ? "注意：日志只有 \(summary.recordCount) 条记录，没有第 \(from) 条及以后的记录\n"
                                                : "note: the log holds \(Wording.englishCount(summary.recordCount, "record")); none from seq \(from) on\n")
        }
        if let people { PersonalDataSupport.warn(people.contents, missing: people.missing.count, context) }
        return 0
    }

    /// Refuses a `--type` that is neither a type of ledger-spec.md section 10 nor the type of a record the log
    /// holds (a log written by another tool may hold other types; they can still be listed): a misspelt type
    /// would otherwise print nothing and exit 0, as if the ledger had no such record. The log is read for the
    /// types it holds only when a value is not a known type.
    static func refuseUnknownTypes(_ given: [String], _ directory: LedgerDirectory) throws(CLIError) {
        let known = EventType.allCases.map(\.rawValue).sorted()
        let unknown = given.filter { !known.contains($0) }
        guard !unknown.isEmpty else { return }
        let wanted = Set(unknown)
        var present = Set<String>()
        // A log that fails verification is reported by the printing pass; the types read before the failure count.
        _ = try? LogScanner.committedBatches(directory, prepare: { line -> String? in
            let type = String(decoding: line.typeBytes, as: UTF8.self)
            return wanted.contains(type) ? type : nil
        }, batch: { present.formUnion($0) })
        guard let missing = unknown.first(where: { !present.contains($0) }) else { return }
        let shown = DisplayText.visible(missing)
        let list = known.joined(separator: ", ")
        throw .usage(Message(en: "--type \"\(shown)\" is not an event type, and no record of this ledger has it; use one of: \(list).",
                             zh: "--type “\(shown)”不是事件类型，本账本也没有这种类型的记录；可选：\(known.joined(separator: "、"))。")
            + .didYouMean(missing, among: known))
    }

    /// What the human form shows for committed personal fields: the values `private/` holds; the log's erasures
    /// are read (one more pass over the log) only when a record names a commitment `private/` lacks.
    struct People {
        let directory: LedgerDirectory
        let contents: PrivateStore.Contents
        private var current: PersonalNames
        private var erasuresRead = false
        private(set) var missing = Set<PersonalCommitment>()

        init(_ directory: LedgerDirectory) {
            self.directory = directory
            contents = PrivateStore.read(directory)
            current = PersonalNames(values: contents.openings.mapValues(\.value), erased: Set(contents.pendingCommitments))
        }

        mutating func names(for record: Record) -> PersonalNames {
            let committed = record.payload.domain?.personalFields.compactMap(\.value.commitment) ?? []
            let lacking = committed.filter { current.values[$0] == nil && !current.erased.contains($0) }
            if !lacking.isEmpty, !erasuresRead {
                erasuresRead = true
                var erased = Set<PersonalCommitment>()
                _ = try? VerifiedLog.stream(directory, upToSeq: 0, laterOfType: .personalDataErased,
                                            visitLater: { erased.formUnion(PersonalDataSupport.erasures(in: $0)) }) { _ in }
                current.erased.formUnion(erased)
            }
            missing.formUnion(lacking.filter { !current.erased.contains($0) })
            return current
        }
    }

    /// Where a correction stands: its seq and whether it put a replacement in place of the record it names.
    struct CorrectedBy {
        let seq: Int64
        let replaced: Bool
        /// The correction's own event id (so that a later correction of the same record can mark it superseded).
        var id = ""
        /// Under a correction's own id: a later correction of the same record (at `seq`) takes its place
        /// (ledger-spec.md 10.5).
        var supersedes = false
    }

    /// Every record a later correction names, by event id (a first pass over the whole log, so a record printed
    /// with `--to` is still marked when its correction comes later). A log that fails verification yields what
    /// was read before the failure; the printing pass reports the failure. Only committed batches count: a
    /// correction in a torn tail is not in the ledger and marks nothing.
    static func corrections(_ directory: LedgerDirectory) -> [String: CorrectedBy] {
        var found: [String: CorrectedBy] = [:]
        _ = try? LogScanner.committedBatches(directory, prepare: { (line: VerifiedLine) -> (String, CorrectedBy)? in
            // Only correction lines are decoded.
            guard line.typeBytes.elementsEqual(EventType.correction.rawValue.utf8), let record = try? line.record(),
                  case .string(let target)? = record.data["corrects"] else { return nil }
            return (target, CorrectedBy(seq: record.seq, replaced: record.data["replacement"] != nil, id: record.id))
        }, batch: { corrections in
            for (target, correctedBy) in corrections {
                if let earlier = found[target] {
                    found[earlier.id] = CorrectedBy(seq: correctedBy.seq, replaced: correctedBy.replaced, supersedes: true)
                }
                found[target] = correctedBy
            }
        })
        return found
    }

    /// Two lines per record: seq, date, type, event id, actor and its correction mark; then what it records in
    /// words (`RecordText`), amounts in yuan. Text from the log is neutralised as in `render`.
    static func readable(_ record: Record, names: PersonalNames?, correctedBy: CorrectedBy?, _ language: ReportLanguage) -> String {
        let zh = language == .zh
        var mark = ""
        if let c = correctedBy, record.type == EventType.correction.rawValue {
            if c.supersedes { mark = zh ? "  ［已被#\(c.seq)取代］" : "  [superseded by #\(c.seq)]" }
        } else if let c = correctedBy {
            mark = zh ? (c.replaced ? "  ［已被#\(c.seq)更正］" : "  ［已被#\(c.seq)作废］")
                : (c.replaced ? "  [replaced by #\(c.seq)]" : "  [voided by #\(c.seq)]")
        }
        let data = names.map { $0.revealing(record.data, english: !zh) } ?? record.data
        let head = "#\(record.seq)  \(record.occurredOn)  \(record.type)  \(record.id)  \(record.actor)" + mark
        let body = RecordText.describe(type: record.type, data: data, language)
        return DisplayText.neutralised(head, lineBreaks: .toSpace) + "\n    " + DisplayText.neutralised(body, lineBreaks: .toSpace) + "\n"
    }

    /// One line per record (`--raw`). Names from the log are shown neutralised (escape sequences, C1 controls and bidi
    /// overrides become U+FFFD); `--json` prints the stored bytes themselves.
    static func render(_ record: Record, names: PersonalNames? = nil) -> String {
        let data = names.map { $0.revealing(record.data) } ?? record.data
        return DisplayText.neutralised("\(record.seq)  \(record.occurredOn)  \(record.type)  \(record.id)  \(record.actor)  \(CanonicalJSON.string(.object(data)))",
                                lineBreaks: .toSpace) + "\n"
    }
}
