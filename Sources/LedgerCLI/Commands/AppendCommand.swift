import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerPublication
import LedgerReports
import LedgerRules
import LedgerPlatform

enum AppendCommand {
    static let file = OptionSpec.value("file", "F", en: "read events from F instead of standard input",
                                       zh: "从文件 F 而不是标准输入读取事件")
    static let privateFields = OptionSpec.value(
        "private", "FIELD", repeatable: true,
        en: "record every value of FIELD in this batch as personal data that can be erased, as if written {\"person\": \"…\"}: occupant, user, counterparty, inspector, responsible, reported_by, verified_by, or all (repeat, or separate several by commas)",
        zh: "把本批中字段 FIELD 的每个值都作为可删除的个人信息记录，如同写成 {\"person\": \"…\"}：occupant 占用人、user 使用人、counterparty 相对方、inspector 巡查人、responsible 责任人、reported_by 报告人、verified_by 复核人，或 all 全部（可重复，或用逗号分隔多个）")
    static let expectSeq = OptionSpec.value("expect-seq", "N", en: "fail, changing nothing, unless the ledger's last seq is N",
                                            zh: "除非账本最后一条记录的序号是 N，否则失败且不做任何改动")

    static let command = Command(
        name: "append",
        summary: Message(en: "append events (JSON Lines on stdin or --file) as one all-or-nothing batch",
                         zh: "追加事件（标准输入或 --file 中的 JSON Lines），整批全部写入或全部不写"),
        options: [file, SharedOptions.actor, privateFields, expectSeq, SharedOptions.allowNewCategory, SharedOptions.allowSameDayAmount,
                  SharedOptions.allowTwins, SharedOptions.recordedAt,
                  SharedOptions.lockWait, SharedOptions.json],
        about: Message(en: """
        Reads events, one JSON object a line — {"id"?, "type", "occurred_on", "actor"?, "data"} — from --file F
        or standard input, checks every one, and appends them as one batch: all are written or none are. The
        batch is fsync'ed before this command reports success.
        """, zh: """
        从 --file F 或标准输入读取事件，每行一个 JSON 对象——{"id"?, "type", "occurred_on", "actor"?, "data"}——
        逐一检查后作为一批追加：要么全部写入，要么一条也不写。报告成功之前，这一批已经 fsync 落盘。
        """),
        notes: Message(en: """
        An event whose id is already in the log with identical content (type, occurred_on, data) is a duplicate:
        it is reported and not written again. The same id with different content fails the batch. An event without
        an id gets one derived from the input and its place in it (in-<SHA-256 prefix>-<n>, ledger-spec.md section
        5), so running the same input again — even re-saved with CR LF, a BOM or blank lines — appends nothing twice.

        Personal data: a private person's name or contact in a field that may hold one is written
        {"person": "张三"}. The record then holds only a salted commitment; the salt and the value are kept in
        private/ beside the log, where `ledger erase-personal` can delete them without breaking any hash or proof
        (ledger-spec.md 10.3). The same text always gets the same commitment, so reports and rules see one person.

        Categories: a fund.income category and a fund.spending purpose_category (a correction's replacement too)
        must be words of docs/categories.md for their direction (广告 = advertising: kept as written, totalled as
        its code). Another word is refused with the one it most likely means, unless --allow-new-category says it
        is a new category, or a record in the log already uses that word in that field.

        Bank statements: an income, spending or transfer (a line of either fund) with the fund, day, direction and
        amount of a bank-statement line already recorded that no receipt stands for yet is refused as that line's
        money, one event for one line, naming the line, unless --allow-same-day-amount says it is another payment.

        Twins: an income, spending or transfer (a correction's replacement too) whose every field but the voucher is
        that of a payment in effect in the ledger, or of an earlier event of the batch, is refused as most likely that
        payment again (its voucher corrected or written otherwise: sj-001 for SJ—001), naming the record or line, unless
        --allow-twins says it is another payment (the rule of ledger import income|spending|transfers). Likewise an
        asset.registered (a correction's replacement too) whose every field but the asset id is that of a part
        registered and not retired in its community, or of an earlier event of the batch, is refused naming that part,
        unless --allow-twins says it is another part (the rule of ledger import assets).
        """, zh: """
        id 已在日志中且内容（type、occurred_on、data）完全相同的事件是重复事件：会报告出来，但不再写入。
        同一 id 而内容不同，则整批失败。没有 id 的事件按输入内容及其位置得到一个 id（in-<SHA-256 前缀>-<n>，
        见 ledger-spec.md 第 5 节），因此同一输入再运行一次——即使另存为 CR LF、带 BOM 或有空行——也不会重复追加。

        个人信息：可能含有自然人姓名或联系方式的字段写作 {"person": "张三"}。记录中只保存加盐的承诺值；盐和
        原值保存在日志旁的 private/ 中，“ledger erase-personal”可以删除它们而不破坏任何哈希或证明
        （ledger-spec.md 10.3）。同一文字总是得到同一承诺值，所以报表和规则把它视为同一个人。

        类别：fund.income 的 category 和 fund.spending 的 purpose_category（更正的 replacement 中的也一样）须是
        docs/categories.md 中对应收支方向的词（广告 = advertising：按原样记录，按其代码合计）。其他的词会被拒绝，
        并提示最接近的词；除非加 --allow-new-category 表明它是新类别，或日志中已有记录在同一字段用过这个词。

        银行对账单：收入、支出或划转（转出或转入账户的一行）与已记录、尚无收据对应的银行对账单某行同一账户、同一天、
        同方向、同金额的，作为该行的同一笔款项被拒绝（一个事件对应一行，并写明是哪一行）；加 --allow-same-day-amount
        则作为另一笔款项记录。

        重复款项：收入、支出或划转（更正的 replacement 也一样）除凭证号外各项都与账本中已记录的款项或本批前面某个事件相同的，
        多半是同一笔款项（凭证号改过或写法不同，如 sj-001 与 SJ—001），会被拒绝，并写明是哪条记录或哪一行；加 --allow-twins
        则作为另一笔款项记录（与 ledger import income|spending|transfers 的规则相同）。同样，asset.registered（更正的
        replacement 也一样）除编号外各项都与本小区已登记、未注销的共有部分或本批前面某个事件相同的，会被拒绝，并写明是哪个
        共有部分；加 --allow-twins 则作为另一部分登记（与 ledger import assets 的规则相同）。
        """),
        exitStatus: Message(en: """
        0 appended (or all duplicates), 1 the log failed verification, 2 bad input, a conflict, a lock timeout or a \
        file error (in every one of these the ledger is unchanged), 3 appended but the report could not be printed \
        (the message on the other stream names the records committed).
        """, zh: """
        0 已追加（或全部是重复事件）；1 日志校验失败；2 输入有误、冲突、等锁超时或文件错误（以上情况账本都\
        未改动）；3 已追加但结果无法输出（另一输出流上的消息会写明已提交的记录）。
        """),
        run: run)

    /// The derived files append reads (`LogWriter`'s id tables, `CheckState` for the checks): the only ones it
    /// rebuilds before it takes the lock.
    static let indexFiles: IndexRebuild.Files = [.ids, .checks]

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let io = context.io
        let source = arguments.value("file") ?? "stdin"
        let input = try io.readFile(arguments.value("file") ?? "-", limit: .events)
        let expectSeq = try arguments.integer("expect-seq", minimum: 0)
        let lockWait = try arguments.integer("lock-wait", minimum: 0).map(Int.init) ?? Limits.lockWaitMillisecondsDefault
        let now = io.now()
        let recordedAt = try context.timestamp(arguments, "recorded-at") ?? now
        let latest = LatestFactDate(recordedAt: recordedAt, today: context.today)
        let privateFields = try privateFields(arguments)
        let actor = try context.actor(arguments)
        let lines = EventInput.eventLines(input)
        // First with stand-in commitments, so every problem of the input is reported before the lock is taken.
        let standIn = PersonalDataSupport.Committer(store: nil, random: io.randomBytes)
        // Lines that do not parse are kept for the one report with the domain check's issues (every problem in one
        // run); the other lines are still checked.
        var (parsed, inputProblems, doorHeld) = try parseEvents(lines, source: source, latest: latest, personal: standIn.commit)
        // Personal data in the batch: values to commit, or commitments written directly (which must name someone).
        let hasPersons = standIn.used || !privateFields.isEmpty || parsed.contains { item in
            var committed = false
            item.event.payload.domain?.forEachPersonal { _, value in committed = committed || value.commitment != nil }
            return committed
        }
        let directory = try context.openLedger(arguments)
        let pendingErasure = directory.path + "/" + PrivateStore.directoryName + "/" + PrivateStore.pendingErasureName
        // A batch without personal data is checked against index/checks.state and the records after it
        // (AppendValidation); with personal data, or an erasure to complete, the log is folded as the writer reads
        // it (the records themselves are not kept), and the commitments of each record are kept by event id, so
        // that the same input run again after an erasure is still recognised as duplicates (below).
        let foldWhileOpening = hasPersons || PosixFile.kind(at: pendingErasure, followLinks: false) != nil
        var existing = EffectiveLog()
        var committedByID: [String: [String: PersonalCommitment]] = [:]
        func fold(_ record: Record) {
            existing.apply(record)
            guard hasPersons, let payload = record.payload.domain else { return }
            payload.forEachPersonal { field, value in
                if let c = value.commitment { committedByID[record.id, default: [:]][field] = c }
            }
        }
        // Without a fold of the whole log, the writer reads index/ids and the checks index/checks.state: one pass
        // rebuilds whichever of the two is missing. The funds state is left to the first query (ledger-spec.md
        // 15.6), and so are the scopes unless the batch holds an income, spending or transfer: that is matched with
        // the statement lines of its funds' communities, read from index/scopes (AppendStatementLines), built in the
        // same pass when missing.
        let sameDayAmountAllowed = arguments.flag(SharedOptions.allowSameDayAmount)
        let matchesLines = parsed.contains { AppendStatementLines.isMatched($0.event) || AppendStatementLines.replacesWithMoney($0.event) }
        if !foldWhileOpening { context.rebuildIndex(directory, files: AppendCommand.indexFiles.union(matchesLines ? .scopes : [])) }
        let writer: LogWriter = try CLIError.fromChain { () throws(ChainError) in
            try LogWriter.open(directory, lockWaitMilliseconds: lockWait,
                                        notice: { io.writeErr($0 + "\n") }, visit: foldWhileOpening ? fold : nil)
        }
        defer { writer.close() }
        if let expectSeq, expectSeq != writer.lastSeq {
            throw .chain(.sequenceConflict(expected: expectSeq, actual: writer.lastSeq))
        }
        // Personal data: under the lock, each text gets the commitment private/ holds for it, or a new salt.
        var committer: PersonalDataSupport.Committer? = nil
        // private/ is opened when the batch holds personal data, or to complete an interrupted erasure first. A
        // ledger without it gets it only when an entry is written (`Committer(creatingIn:)`): a refused batch leaves
        // the ledger directory as it was.
        if foldWhileOpening {
            var store: PrivateStore? = nil
            if PosixFile.kind(at: directory.path + "/" + PrivateStore.directoryName, followLinks: false) != nil {
                store = try CLIError.fromChain { () throws(ChainError) in
                    try PrivateStore.openForWriting(directory, notice: { io.writeErr($0 + "\n") })
                }
            }
            if let store, store.contents.pendingErasure != nil {
                try PersonalDataSupport.resumeErasure(store, writer, context)
                existing = EffectiveLog()
                committedByID = [:]
                _ = try CLIError.fromChain { () throws(ChainError) in try VerifiedLog.stream(directory, visit: fold) }
            }
            if hasPersons {
                let real = store.map { PersonalDataSupport.Committer(store: $0, random: io.randomBytes) }
                    ?? PersonalDataSupport.Committer(creatingIn: directory, random: io.randomBytes)
                (parsed, inputProblems, doorHeld) = try parseEvents(lines, source: source, latest: latest, personal: real.commit)
                parsed = commitFields(privateFields, parsed, real)
                // A held line is compared with its record as the writer would write it: its --private fields committed.
                doorHeld = doorHeld.map { held in
                    DoorHeld(event: commitFields(privateFields, [(held.event, held.lineNumber)], real)[0].event, lineNumber: held.lineNumber,
                             bytes: held.bytes, messages: held.messages, fields: held.fields)
                }
                if let failure = real.failure { throw .input(Message(en: "no random salt for personal data (\(failure)); nothing was appended.", zh: "无法为个人信息取得随机盐（\(failure)）；本次什么也没有追加。")) }
                var named = Set(committedByID.values.flatMap(\.values))
                for fact in existing.factsInLogOrder {
                    if case .personalDataErased(let erased) = fact.payload { named.formUnion(erased.commitments) }
                }
                // Reported with the batch's other problems (one run), not alone.
                inputProblems.lines += checkKnownCommitments(parsed, named: named, openings: store?.contents.openings ?? [:], fresh: real,
                                                             source: source)
                committer = real
            }
        }
        // Ids are fixed before validation so messages can name them and duplicates are recognised. An event
        // without one gets an id derived from the normalised input and its number in it (ledger-spec.md section 5):
        // running the same input again, after an acknowledgement was lost, appends nothing twice. Event n is the
        // n-th event line (a bad line keeps its number, though it rejects the batch).
        let inputDigest = EventInput.normalisedDigest(lines)
        var eventNumber: [Int: Int] = [:]
        for (index, line) in lines.enumerated() { eventNumber[line.lineNumber] = index + 1 }
        // A line the door refused for an id written before its rules: the record the same line wrote earlier is a
        // duplicate like any other (the ledger holds those very bytes); anything else is refused as the door said.
        if !doorHeld.isEmpty {
            for held in doorHeld {
                var event = held.event
                let id = event.id ?? EventInput.derivedID(inputDigest: inputDigest, eventNumber: eventNumber[held.lineNumber]!)
                event.id = id
                let recorded = try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: id)?.event }
                if let committer, recorded != nil { event = committer.aligned(event, with: committedByID[id] ?? [:]) }
                if let recorded, recorded.contentBytes == event.contentBytes {
                    parsed.append((held.event, held.lineNumber))
                } else {
                    inputProblems.add(line: held.lineNumber, bytes: held.bytes, messages: held.messages, fields: held.fields)
                }
            }
            parsed.sort { $0.lineNumber < $1.lineNumber }
        }
        var events = parsed.map(\.event)
        for index in events.indices where events[index].id == nil {
            events[index].id = EventInput.derivedID(inputDigest: inputDigest, eventNumber: eventNumber[parsed[index].lineNumber]!)
            inputProblems.madeIDs.insert(events[index].id!)
        }
        let numbers = eventNumber
        inputProblems.lineBytes = { line in numbers[line].map { lines[$0 - 1].bytes } }
        if let committer {
            for index in events.indices {
                guard let recorded = committedByID[events[index].id!] else { continue }
                events[index] = committer.aligned(events[index], with: recorded)
            }
        }
        // The writer refuses an event without an actor only once the check has passed: said here instead, with the
        // batch's other problems (one run). The line is still checked: it is not a bad line of its own.
        if actor == nil {
            // The bad lines too: a line with a wrong date and no actor is told both.
            for lineNumber in parsed.filter({ $0.event.actor == nil }).map(\.lineNumber) + inputProblems.actorless {
                let problem = EventError.LineProblem(source: source, lineNumber: lineNumber, field: "actor", reason: Wording(
                    en: "missing, and no --actor, $LEDGER_ACTOR or $USER names who records it; give \"actor\" in the event or --actor on the command line",
                    zh: "缺少，且 --actor、$LEDGER_ACTOR、$USER 都没有写明记录人；请在事件中写“actor”，或在命令行加 --actor"))
                inputProblems.lines.append((lineNumber, Message(problem.message)))
            }
        }
        // A correction's replacement that keeps an id outside the door's rules (let through the door, EventInput+NFC.swift) must
        // keep the very id the corrected record registered, byte for byte: read it from the log under the lock.
        for (index, event) in events.enumerated() {
            guard let kept = EventInput.replacementIDOutsideDoorRules(type: event.type, data: .object(event.data)),
                  let corrects = event.data["corrects"]?.stringValue else { continue }
            let target = try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: corrects) }
            let registered = target.flatMap { $0.type == kept.type.rawValue ? $0.data[kept.member]?.stringValue : nil }
            if let registered, registered.utf8.elementsEqual(kept.id.utf8) { continue }
            let problem = EventError.LineProblem(source: source, lineNumber: parsed[index].lineNumber, field: kept.field, reason:
                EventWords.replacementIDNotKept(kept.id, fault: EventInput.doorIDFault(kept.id) ?? .badCharacter, corrects: corrects))
            inputProblems.lines.append((parsed[index].lineNumber, Message(problem.message)))
        }
        // A category word outside the vocabulary (docs/categories.md) would be a total of its own (advertsing beside
        // advertising): refused as `ledger import` refuses it, with the batch's other problems (AppendCategoryDoor).
        inputProblems.lines += try AppendCategoryDoor.problems(AppendCategoryDoor.words(parsed, lines: lines), source: source,
                                                               allowNew: arguments.flag(SharedOptions.allowNewCategory),
                                                               directory: directory)
        // An id already used with other content (by a record, or an earlier line) is refused by the writer only
        // once the check has passed, one id a run: said here with the batch's other problems.
        var firstLine: [String: Int] = [:]
        // The lines whose id clashes: still checked below, so the clash hides none of their other problems.
        var clashing: Set<Int> = []
        for (index, event) in events.enumerated() {
            let id = event.id!, lineNumber = parsed[index].lineNumber
            let other: Event?, en: String, zh: String, earlierZh: String
            if let seq = try CLIError.fromChain({ () throws(ChainError) in try writer.seq(ofId: id) }) {
                other = try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: id)?.event }
                let place = FactPlace.record(seq: seq).wording
                (en, zh, earlierZh) = (place.en, place.zh, "原记录")
            } else if let earlier = firstLine[id] {
                other = events[earlier]
                (en, zh) = ("line \(parsed[earlier].lineNumber)", "第 \(parsed[earlier].lineNumber) 行")
                earlierZh = zh
            } else {
                firstLine[id] = index
                continue
            }
            guard let other, other.contentBytes != event.contentBytes else { continue }
            let reason = LogWriter.difference(other, event, earlierZh: earlierZh)
            let problem = EventError.LineProblem(source: source, lineNumber: lineNumber, field: "id", reason: Wording(
                en: "event id \"\(id)\" is already used by \(en) with different content (\(reason.en)); give the new event its own id, or record a correction",
                zh: "事件 id “\(id)”已被\(zh)使用，且内容不同（\(reason.zh)）；请给新事件另起一个 id，或记录一条更正"))
            inputProblems.lines.append((lineNumber, Message(problem.message)))
            clashing.insert(index)
        }
        var seen: Set<String> = []
        var fresh: [Event] = []
        var freshLines: [Int] = []
        for (index, event) in events.enumerated() {
            let id = event.id!
            // A duplicate of a record or of an earlier line (the same content) is not appended again, so not checked.
            let recorded = try CLIError.fromChain({ () throws(ChainError) in try writer.seq(ofId: id) }) != nil
            guard clashing.contains(index) || (!recorded && !seen.contains(id)) else { continue }
            seen.insert(id)
            fresh.append(event)
            freshLines.append(parsed[index].lineNumber)
        }
        // A list issued at a record inside a batch (review 38g): `ledger rectify --at-seq` cannot remake it (the ledger
        // never stood there), so it is refused naming the batch and the seqs a list can be made at.
        inputProblems.lines += try atSeqInsideBatch(fresh, lines: freshLines, headSeq: writer.lastSeq, directory: directory, source: source)
        // A key no list could have made (its rule is none of the rules'): refused naming the key and the list (review 39b).
        inputProblems.lines += issuedKeysOfNoRule(fresh, lines: freshLines, source: source)
        // A correction dated before what it corrects (review 42b).
        inputProblems.lines += try correctionsDatedBefore(fresh, lines: freshLines, source: source) { id throws(CLIError) in
            try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: id)?.event }
        }
        // A private person the corrected record keeps in private/, written out by name in its replacement (review 44d),
        // and any name the ledger keeps private written in clear (review 46e).
        // Without private/ (and nothing committed) no name is kept private: no event is asked.
        let lookup = PersonalDataSupport.PrivateLookup(directory, committer: committer, notice: { io.writeErr($0 + "\n") })
        let opened = lookup.opened
        let privateExists = committer != nil || PosixFile.kind(at: directory.path + "/" + PrivateStore.directoryName, followLinks: false) != nil
        inputProblems.lines += try AppendPrivateDoor.problems(fresh, lines: freshLines, source: source, record: { id throws(CLIError) in
            try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: id)?.event }
        }, opened: opened, heldPrivately: privateExists ? lookup.heldPrivately : nil, nameInText: privateExists ? lookup.nameInText : nil)
        // Who records by default (--actor, $LEDGER_ACTOR, $USER), kept in every record that names no actor (review 47c #4).
        if privateExists, fresh.contains(where: { $0.actor == nil }) { try PersonalDataSupport.refuseActor(actor, source: context.actorSource(arguments), held: lookup.heldPrivately) }
        // A registration a correction of the batch voids: a later line naming it is told that line (review 38f #4).
        inputProblems.voided = try voidedRegistrations(fresh, lines: freshLines) { id throws(CLIError) in
            try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: id)?.event }
        }
        // A payment whose voucher its fund recorded already, one repeating a recorded payment under another voucher
        // (unless --allow-twins), or a receipt or transfer appended after the bank statement that recorded its money
        // (unless --allow-same-day-amount says it is another payment): refused with the batch's other problems.
        let sameMoney = try AppendStatementLines.issues(
            fresh, lines: freshLines, directory: directory, headSeq: writer.lastSeq, existing: foldWhileOpening ? existing : nil,
            scopes: io.environment["LEDGER_SCOPES"] != "off", sameDayAmountAllowed: sameDayAmountAllowed,
            twinsAllowed: arguments.flag(SharedOptions.allowTwins), opened: opened,
            notice: { io.writeErr(DisplayText.neutralised($0, lineBreaks: .toSpace) + "\n") })
        // A part registering again, under another id, a part registered in its community (or an earlier event's part),
        // unless --allow-twins: the rule of `ledger import assets` (`AppendPartTwins`).
        let partTwins = arguments.flag(SharedOptions.allowTwins) ? [] : try AppendPartTwins.issues(
            fresh, lines: freshLines, directory: directory, headSeq: writer.lastSeq, existing: foldWhileOpening ? existing : nil,
            scopes: io.environment["LEDGER_SCOPES"] != "off",
            record: { id throws(CLIError) in try CLIError.fromChain { () throws(ChainError) in try writer.record(withId: id)?.event } },
            notice: { io.writeErr(DisplayText.neutralised($0, lineBreaks: .toSpace) + "\n") })
        if !foldWhileOpening {
            // Corrections in the batch are checked against the corrected record, found by the writer's id index.
            try AppendValidation.validate(directory, headSeq: writer.lastSeq, events: fresh, lineNumbers: freshLines, source: source,
                                          input: inputProblems,
                                          lookup: { id in try writer.record(withId: id).map { ($0.seq, $0.payload.type) } },
                                          also: sameMoney + partTwins, notice: { line in
                                              // Said already by the shared rebuild, which could not rebuild it (review 40f).
                                              if !context.indexNoticeGiven(.checks) { io.writeErr(line + "\n") }
                                          })
        } else {
            try AppendValidation.validate(existing: existing, events: fresh, lineNumbers: freshLines, source: source, input: inputProblems,
                                          also: sameMoney + partTwins)
        }
        let result = try CLIError.fromChain { () throws(ChainError) -> AppendResult in
            // The values are in private/ before any record names their commitments (a crash in between leaves
            // entries no record names, which the next append of the same text reuses).
            try committer?.write(usedBy: fresh)
            return try writer.append(events, options: AppendOptions(expectSeq: expectSeq, recordedAt: recordedAt,
                                                                    defaultActor: actor, makeId: io.makeId))
        }
        if let first = result.appended.first, let last = result.appended.last {
            // Under the lock, the batch durable: the side file of `index/scopes` brought to the head (ledger-spec.md 15.5).
            if io.environment["LEDGER_SCOPES"] != "off" {
                // LEDGER_RECENT_SEAL=N seals the side file's tail past N records (tests seal small ledgers' files).
                ScopeIndex.keepRecent(directory, sealAfter: io.environment["LEDGER_RECENT_SEAL"].flatMap { Int($0) } ?? ScopeIndex.sealAfterDefault)
            }
            io.outputStatus.noteCommitted(first: first.seq, last: last.seq, Wording(
                en: "records seq \(first.seq)–\(last.seq) were committed to the ledger (running the same input again appends nothing: its events are recognised as duplicates)",
                zh: "第 \(first.seq)–\(last.seq) 条记录已写入账本（再次提交同样的输入不会重复写入：其中的事件会被识别为重复）"))
        }
        // A correction of a record an earlier correction corrected supersedes it (ledger-spec.md 10.5): not refused,
        // but what of the earlier one no longer stands is told (`SupersededCorrection`).
        for notice in supersededCorrections(events, lineNumbers: parsed.map(\.lineNumber), result, directory: directory, writer: writer,
                                            source: source, scopes: io.environment["LEDGER_SCOPES"] != "off",
                                            indexNotice: { io.writeErr(DisplayText.neutralised($0, lineBreaks: .toSpace) + "\n") }) {
            io.writeErr(DisplayText.neutralised(notice.text(context.messageLanguage), lineBreaks: .toSpace) + "\n")
        }
        // A correction giving a contract another number while a decision names the number it had: not refused, but
        // the decision no longer restricts its authority to that contract, which is told (`RenumberedContract`).
        for notice in renumberedContracts(events, lineNumbers: parsed.map(\.lineNumber), result, directory: directory, writer: writer,
                                          source: source, scopes: io.environment["LEDGER_SCOPES"] != "off",
                                          indexNotice: { io.writeErr(DisplayText.neutralised($0, lineBreaks: .toSpace) + "\n") }) {
            io.writeErr(DisplayText.neutralised(notice.text(context.messageLanguage), lineBreaks: .toSpace) + "\n")
        }
        io.writeOut(arguments.flag("json") ? json(result) : DisplayText.neutralised(text(result, context.language), lineBreaks: .keep))
        return 0
    }

    /// A problem at `data.at_seq` for each `rectification.issued` of `events` (appended after record `headSeq`; a
    /// correction's replacement too) whose `at_seq` is a record inside an append batch — of the log
    /// (`LogScanner.batch(holding:in:)`, one binary search) or of this batch — rather than a batch's last record: the
    /// ledger never stood there, so `ledger rectify --at-seq` refuses it and the list could not be made again
    /// (review 38g). An `at_seq` not before its own record is the domain check's (`ReferenceWords.listNotBefore`).
    static func atSeqInsideBatch(_ events: [Event], lines: [Int], headSeq: Int64, directory: LedgerDirectory,
                                 source: String) throws(CLIError) -> [(line: Int, message: Message)] {
        var problems: [(line: Int, message: Message)] = []
        for (index, event) in events.enumerated() where index < lines.count {
            let atSeq: Int64, field: String
            switch event.payload.domain {
            case .rectificationIssued(let p)?: (atSeq, field) = (p.atSeq, "data.at_seq")
            case .correction(let c)?:
                guard case .rectificationIssued(let p)? = c.replacement?.payload else { continue }
                (atSeq, field) = (p.atSeq, "data.replacement.data.at_seq")
            default: continue
            }
            let batch: (first: Int64, last: Int64)
            if atSeq > headSeq {
                // Records of this batch before the event: the batch ends after it.
                guard atSeq < headSeq + 1 + Int64(index) else { continue }
                batch = (headSeq + 1, headSeq + Int64(events.count))
            } else {
                guard atSeq < headSeq,
                      let found = try CLIError.fromChain({ () throws(ChainError) in try LogScanner.batch(holding: atSeq, in: directory) }),
                      found.last != atSeq else { continue }
                batch = found
            }
            let inside = QueryOptions.insideBatch(atSeq, batch: batch, appending: atSeq > headSeq)
            let reason = Wording(en: inside.en + "; a list is made at the last record of a batch, so that `ledger rectify --at-seq` can make it again",
                                 zh: inside.zh + "；清单须依据某一批次的最后一条记录生成，“ledger rectify --at-seq”才能重新生成它")
            // Editing at_seq alone would leave a list (and its report_sha256) made at the refused seq (review 39g).
            let remake = Wording(en: " The list's items and report_sha256 were made at \(atSeq): make the list again at the seq chosen (`ledger rectify --issue … --at-seq N`) instead of editing at_seq.",
                                 zh: "清单的条目和 report_sha256 是按第 \(atSeq) 条记录生成的：请按选定的记录号重新生成清单（“ledger rectify --issue … --at-seq N”），不要只改 at_seq。")
            let problem = EventError.LineProblem(source: source, lineNumber: lines[index], field: field, reason: Wording(
                en: reason.en + ". " + QueryOptions.batchInstead(batch, appending: atSeq > headSeq).en + remake.en,
                zh: reason.zh + "。" + QueryOptions.batchInstead(batch, appending: atSeq > headSeq).zh + remake.zh))
            problems.append((lines[index], Message(problem.message)))
        }
        return problems
    }

    /// A problem at `data.items[i].key` for each key of a `rectification.issued` of `events` (a correction's replacement
    /// too) that does not begin with a rule's code (`OCC-01/…`): a list names only the problems its rules found, so
    /// such a key was edited in by hand and would stand 待复核 for ever. (A key naming an item the ledger does not
    /// hold is the domain check's, `ReferenceWords.issuedItemUnknown`.)
    static func issuedKeysOfNoRule(_ events: [Event], lines: [Int], source: String) -> [(line: Int, message: Message)] {
        var problems: [(line: Int, message: Message)] = []
        for (index, event) in events.enumerated() where index < lines.count {
            let list: RectificationIssued, field: String
            switch event.payload.domain {
            case .rectificationIssued(let p)?: (list, field) = (p, "data.items")
            case .correction(let c)?:
                guard case .rectificationIssued(let p)? = c.replacement?.payload else { continue }
                (list, field) = (p, "data.replacement.data.items")
            default: continue
            }
            for (i, item) in list.items.enumerated() where FindingKey.rule(of: FindingKey.current(item.key)) == nil {
                let key = DisplayText.visible(item.key), id = DisplayText.visible(list.listID)
                let rule = DisplayText.visible(String(item.key.prefix { $0 != "/" }))
                let problem = EventError.LineProblem(source: source, lineNumber: lines[index], field: "\(field)[\(i)].key", reason: Wording(
                    en: "\"\(key)\" is not a finding of list \(id): \"\(rule)\" is no rule's code (OCC-01 … FUND-11, docs/rules.md); a list names only the problems it found, so copy the key from the list (its 问题编号 column), or make the list again with `ledger rectify --issue`",
                    zh: "“\(key)”不是清单 \(id) 所列的问题：“\(rule)”不是任何规则的代码（OCC-01 至 FUND-11，见 docs/rules.md）；清单只列出核查发现的问题，请从清单的“问题编号”一栏照抄，或用“ledger rectify --issue”重新生成清单"))
                problems.append((lines[index], Message(problem.message)))
            }
        }
        return problems
    }

    /// What each correction of `events` voids of what the event it corrects registered (an entity its replacement does
    /// not register again), with the correction's input line and the event it corrects: the first such correction of
    /// each. `record` gives a recorded event by id; an earlier event of the batch is found among `events`.
    static func voidedRegistrations(_ events: [Event], lines: [Int], record: (String) throws(CLIError) -> Event?)
        throws(CLIError) -> [ValidationIssue.Missing: (line: Int, corrects: String)] {
        var voided: [ValidationIssue.Missing: (line: Int, corrects: String)] = [:]
        for (index, event) in events.enumerated() where index < lines.count {
            guard case .correction(let c)? = event.payload.domain else { continue }
            var target = events[..<index].last { $0.id == c.corrects }
            if target == nil { target = try record(c.corrects) }
            guard let target, let registered = DomainValidator.registrations(type: target.type, id: nil, data: .object(target.data)) else { continue }
            var kept: [ValidationIssue.Missing] = []
            if case .object(let replacement)? = event.data["replacement"], let type = replacement["type"]?.stringValue {
                kept = DomainValidator.registrations(type: type, id: nil, data: replacement["data"]) ?? []
            }
            for entity in registered where !kept.contains(entity) && voided[entity] == nil {
                voided[entity] = (lines[index], c.corrects)
            }
        }
        return voided
    }

    /// The notices for the batch's appended corrections whose record an earlier correction corrected, losing some
    /// of its changes (`SupersededCorrection`). The earlier corrections are read only when the batch appended one:
    /// from `index/scopes` (ledger-spec.md 15.5), which links a correction to the event it corrects, so only the
    /// groups of the corrected events are read (by position, each line checked against its stored hash; the log
    /// after the index's stamp read and verified; a damaged index rebuilt, told by `indexNotice`). When the index is
    /// missing (`append` leaves it for the first query to build, 15.6), cannot serve the read (a read-only ledger,
    /// an acknowledged head before its stamp) or `scopes` is false (`LEDGER_SCOPES=off`), the log is read whole,
    /// decoding only corrections; the notices are the same. The batch is committed, so a log that cannot be read now
    /// leaves the notices out (best effort).
    /// - Complexity: the corrected events' groups (their community's records) and the records after the index's
    ///   stamp; O(n) in the log's records without a usable index; nothing when the batch appended no correction.
    static func supersededCorrections(_ events: [Event], lineNumbers: [Int], _ result: AppendResult, directory: LedgerDirectory,
                                      writer: LogWriter, source: String, scopes: Bool = true,
                                      indexNotice: (String) -> Void = { _ in }) -> [Message] {
        var appendedSeq: [String: Int64] = [:]
        for appended in result.appended where appendedSeq[appended.id] == nil { appendedSeq[appended.id] = appended.seq }
        var corrections: [SupersededCorrection.Appended] = []
        for (index, event) in events.enumerated() where event.type == EventType.correction.rawValue {
            guard let id = event.id, let seq = appendedSeq[id], index < lineNumbers.count else { continue }
            corrections.append(SupersededCorrection.Appended(seq: seq, id: id, lineNumber: lineNumbers[index], data: event.data))
        }
        guard !corrections.isEmpty else { return [] }
        corrections.sort { $0.seq < $1.seq }
        let targets = Set(corrections.compactMap { $0.data["corrects"]?.stringValue })
        guard !targets.isEmpty else { return [] }
        var earlier: [String: [SupersededCorrection.Earlier]] = [:]
        let last = result.lastSeq
        func visit(_ record: Record) {
            guard record.seq <= last, record.type == EventType.correction.rawValue,
                  let target = record.data["corrects"]?.stringValue, targets.contains(target) else { return }
            earlier[target, default: []].append(SupersededCorrection.Earlier(seq: record.seq, id: record.id, data: record.data))
        }
        // A missing index is not built here: that pass costs far more than the whole-log read below (15.6).
        let scoped: ScopeIndex.ScopedRead?
        if scopes, PosixFile.kind(at: ScopeIndex.path(directory), followLinks: false) != nil {
            scoped = try? ScopeIndex.read(directory, eventIDs: targets.sorted())
        } else {
            scoped = nil
        }
        if let scoped {
            if let notice = scoped.notice { indexNotice(notice) }
            // In seq order, as the log holds them.
            for record in scoped.records { visit(record) }
        } else {
            do {
                _ = try VerifiedLog.stream(directory, upToSeq: 0, laterOfType: .correction, visitLater: visit) { _ in }
            } catch {
                return []
            }
        }
        return SupersededCorrection.notices(corrections, earlier: earlier, source: source) { id in try? writer.record(withId: id) }
    }

    /// The notices for the batch's corrections that renumber a contract a decision names (`RenumberedContract`,
    /// review 48 #5; voided or moved to another community, review 49 #4). Nothing is read unless the batch appended a
    /// correction of a contract's record; then the corrected contracts' communities are read from `index/scopes` (as
    /// `supersededCorrections` reads them; a damaged index rebuilt, told by `indexNotice`), or, without a usable
    /// index, the log's contracts, decisions and corrections. The batch is committed: a log that cannot be read now
    /// leaves the notices out (best effort).
    /// - Complexity: the corrected contracts' groups; O(n) in the log's records without a usable index; nothing for a
    ///   batch correcting no contract.
    static func renumberedContracts(_ events: [Event], lineNumbers: [Int], _ result: AppendResult, directory: LedgerDirectory,
                                    writer: LogWriter, source: String, scopes: Bool = true,
                                    indexNotice: (String) -> Void = { _ in }) -> [Message] {
        let renumberings = RenumberedContract.renumberings(events, lineNumbers: lineNumbers, result) { id in try? writer.record(withId: id) }
        guard !renumberings.isEmpty else { return [] }
        var records: [Record]? = nil
        if scopes, PosixFile.kind(at: ScopeIndex.path(directory), followLinks: false) != nil,
           let scoped = (try? ScopeIndex.read(directory, eventIDs: renumberings.map(\.corrects).sorted())) ?? nil {
            if let notice = scoped.notice { indexNotice(notice) }
            records = scoped.records
        }
        if records == nil {
            let types: Set<String> = [EventType.contractSigned.rawValue, EventType.decisionRecorded.rawValue, EventType.correction.rawValue]
            var kept: [Record] = []
            do {
                _ = try VerifiedLog.stream(directory) { record in if types.contains(record.type) { kept.append(record) } }
            } catch {
                return []
            }
            records = kept
        }
        let upToBatch = (records ?? []).filter { $0.seq <= result.lastSeq }
        return RenumberedContract.notices(renumberings, records: upToBatch, lastSeq: result.lastSeq, source: source)
    }

    /// Parses every line, collecting all errors so the clerk can fix them in one pass: the bad lines are returned
    /// for the report that follows the domain check of the good ones (`AppendValidation.InputProblems`). Throws
    /// them at once when no line parsed, or after 100 (the rest unread: checking the others would be half a
    /// check). A fact dated after `latest` (`LatestFactDate`) has not happened yet: it is almost always a typing
    /// error in the year.
    static func parseEvents(_ lines: [(lineNumber: Int, bytes: ArraySlice<UInt8>)], source: String, latest: LatestFactDate,
                            personal: ((String) -> PersonalCommitment?)? = nil)
        throws(CLIError) -> (events: [(event: Event, lineNumber: Int)], problems: AppendValidation.InputProblems, doorHeld: [DoorHeld]) {
        var events: [(event: Event, lineNumber: Int)] = []
        var doorHeld: [DoorHeld] = []
        var errors: [Message] = []
        var problems = AppendValidation.InputProblems()
        let latestDate = latest.date
        for (lineNumber, line) in lines {
            // Every problem of the line at once (its id, type, date, actor and payload members); with `atDoor`
            // false, read as a record already in the log is read: without the door's rules for new ids.
            func checked(atDoor: Bool) throws(EventError) -> Event {
                let event = try EventInput.parseAll(line: Array(line), source: source, lineNumber: lineNumber, personal: personal,
                                                    atDoor: atDoor)
                func late(_ field: String, _ reason: Wording) -> EventError {
                    .eventLine([EventError.LineProblem(source: source, lineNumber: lineNumber, field: field, reason: reason)])
                }
                guard event.occurredOn <= latestDate else {
                    throw late("occurred_on", latest.refusal(event.occurredOn, correction: false))
                }
                // A replacement is a fact too: a typo in its year would move the fact out of today's projections.
                if event.type == EventType.correction.rawValue, case .object(let replacement)? = event.data["replacement"],
                   case .string(let text)? = replacement["occurred_on"], let date = CalendarDate(iso: text), date > latestDate {
                    throw late("data.replacement.occurred_on", latest.refusal(date, correction: true))
                }
                // An erasure deletes data before it is recorded: only `ledger erase-personal` can do both. A line of
                // the batch's like any other problem, so the rest is still checked.
                if event.type == EventType.personalDataErased.rawValue { throw late("type", AppendIssueWords.erasureByHand) }
                return event
            }
            do throws(EventError) {
                events.append((try checked(atDoor: true), lineNumber))
            } catch {
                // `parseAll` and `late` throw the line's problems.
                guard case .eventLine(let lineErrors) = error else { preconditionFailure("not a line's problems: \(error)") }
                var messages = lineErrors.map { Message($0.message) }
                var fields = Set(lineErrors.compactMap(\.field))
                // Refused only by the door's rules for new ids (NFC, invisible characters: they came after some
                // ledgers' records): the same input run again must still find the record it wrote as a duplicate.
                // Decided under the lock (`run`); refused with these messages when it is not that record.
                if let event = try? checked(atDoor: false) {
                    doorHeld.append(DoorHeld(event: event, lineNumber: lineNumber, bytes: Array(line), messages: messages, fields: fields))
                    continue
                }
                // A readable date after today is a problem of its own, whatever else is wrong with the line.
                if !lineErrors.contains(where: { $0.field == "occurred_on" }), case .object(let members)? = try? JSONParser.parse(Array(line)),
                   case .string(let text)? = members["occurred_on"], let date = CalendarDate(iso: text), date > latestDate {
                    messages.append(Message(EventError.LineProblem(source: source, lineNumber: lineNumber, field: "occurred_on",
                                                                   reason: latest.refusal(date, correction: false)).message))
                    fields.insert("occurred_on")
                }
                problems.add(line: lineNumber, bytes: Array(line), messages: messages, fields: fields)
                for message in messages {
                    errors.append(message)
                    if errors.count == 100 {
                        errors.append(Message(en: "… stopping after 100 errors", zh: "……已列出 100 处错误，其余未再检查"))
                        throw .batchRejected(errors)
                    }
                }
            }
        }
        // Every line bad: still checked against the ledger when one names an id (its references, in the same run).
        guard errors.isEmpty || !events.isEmpty || !doorHeld.isEmpty || !problems.loose.isEmpty else {
            throw .batchRejected(errors)
        }
        guard !events.isEmpty || !doorHeld.isEmpty || !errors.isEmpty else { throw .input(Message(en: "\(source) holds no events; nothing was appended.", zh: "\(source) 中没有事件；本次什么也没有追加。")) }
        return (events, problems, doorHeld)
    }

    /// A line refused only by the door's rules for new ids (`EventInput.doorIDFault`): appended as a duplicate when
    /// the log holds a record of its id with the same content (the same input run again), else refused with its
    /// problems.
    struct DoorHeld {
        let event: Event
        let lineNumber: Int
        let bytes: [UInt8]
        let messages: [Message]
        let fields: Set<String>
    }

    /// The fields `--private` names (`all` for every one), checked.
    static func privateFields(_ arguments: Arguments) throws(CLIError) -> Set<String> {
        var out = Set<String>()
        for name in try arguments.commaSeparated("private", allowed: DomainEvent.personalFieldNames + ["all"]) {
            if name == "all" { out.formUnion(DomainEvent.personalFieldNames); continue }
            guard DomainEvent.personalFieldNames.contains(name) else {
                throw .usage(Message(en: "--private \(DisplayText.visible(name)): not a field that may name a person; use one of \(DomainEvent.personalFieldNames.joined(separator: ", ")) or all.", zh: "--private \(DisplayText.visible(name))：不是可能写有个人的字段；可选：\(DomainEvent.personalFieldNames.joined(separator: "、")) 或 all。")
                    + .didYouMean(name, among: DomainEvent.personalFieldNames + ["all"]))
            }
            out.insert(name)
        }
        return out
    }

    /// The events with every plain value of `fields` committed, as `{"person": …}` would have been — but a value that
    /// is an organisation or a role by its words (`PartyName`), which is no person's and stays in clear (review 47c #3).
    static func commitFields(_ fields: Set<String>, _ parsed: [(event: Event, lineNumber: Int)],
                             _ committer: PersonalDataSupport.Committer) -> [(event: Event, lineNumber: Int)] {
        guard !fields.isEmpty else { return parsed }
        return parsed.map { item in
            guard let payload = item.event.payload.domain else { return item }
            var event = item.event
            event.payload = .domain(payload.mappingPersonal { field, value in
                let member = field.split(separator: ".").last.map(String.init) ?? field
                guard fields.contains(member), case .plain(let text) = value, AppendPrivateDoor.isPerson(text),
                      let commitment = committer.commit(text) else { return value }
                return .committed(commitment)
            })
            return (event, item.lineNumber)
        }
    }

    /// The commitments written directly (`{"commitment": …}`) that `private/`, this batch and the log do not know,
    /// each a problem of its line: it would name nobody. A known one — a person erased since, say, restated by a
    /// correction — is fine.
    /// - Parameter named: the commitments the log names, in any record's field or in an erasure.
    static func checkKnownCommitments(_ parsed: [(event: Event, lineNumber: Int)], named: Set<PersonalCommitment>,
                                      openings: [PersonalCommitment: PersonalOpening],
                                      fresh: PersonalDataSupport.Committer, source: String) -> [(line: Int, message: Message)] {
        let made = Set(fresh.fresh.values.map(\.commitment))
        var problems: [(line: Int, message: Message)] = []
        for (event, lineNumber) in parsed {
            for field in event.payload.domain?.personalFields ?? [] {
                guard let commitment = field.value.commitment, !made.contains(commitment),
                      openings[commitment] == nil else { continue }
                if !named.contains(commitment) {
                    let place = EventWords.line(source, lineNumber) + EventWords.colon + EventWords.field("data." + field.field) + EventWords.colon
                    problems.append((lineNumber, Message(place + AppendIssueWords.unknownCommitment(commitment.hex))))
                }
            }
        }
        return problems
    }

    /// `72`, or `72–75`: one record is not a range.
    static func seqs(_ first: Int64, _ last: Int64) -> String { first == last ? "\(first)" : "\(first)–\(last)" }

    static func text(_ result: AppendResult, _ language: ReportLanguage = .en) -> String {
        if language == .zh {
            var out = ""
            if let first = result.appended.first, let last = result.appended.last {
                out += "已追加 \(result.appended.count) 条记录：序号 \(seqs(first.seq, last.seq))\n"
            } else {
                out += "没有追加：每个事件都已在账本中\n"
            }
            for duplicate in result.duplicates {
                let place = duplicate.existingSeq.map { FactPlace.record(seq: $0).wording.zh } ?? "本批前面的一行"
                out += "重复：id \(DisplayText.visible(duplicate.id)) 已是\(place)，内容完全相同；不再追加\n"
            }
            out += "链头：序号 \(result.lastSeq) \(result.headHash.hex)\n"
            return out
        }
        var out = ""
        if let first = result.appended.first, let last = result.appended.last {
            out += "appended \(Wording.englishCount(result.appended.count, "record")): seq \(seqs(first.seq, last.seq))\n"
        } else {
            out += "appended nothing: every event is already in the ledger\n"
        }
        for duplicate in result.duplicates {
            let place = duplicate.existingSeq.map { FactPlace.record(seq: $0).wording.en } ?? "an earlier line of this batch"
            out += "duplicate: id \(DisplayText.visible(duplicate.id)) is already \(place) with identical content; not appended again\n"
        }
        out += "head: seq \(result.lastSeq) \(result.headHash.hex)\n"
        return out
    }

    static func json(_ result: AppendResult) -> String {
        let value: JSONValue = .object([
            "appended": .array(result.appended.map {
                .object(["seq": .integer($0.seq), "id": .string($0.id), "hash": .string($0.hash.hex)])
            }),
            "duplicates": .array(result.duplicates.map {
                .object(["id": .string($0.id), "existing_seq": $0.existingSeq.map(JSONValue.integer) ?? .null])
            }),
            "last_seq": .integer(result.lastSeq),
            "head": .string(result.headHash.hex),
        ])
        return CanonicalJSON.string(value, escaping: .display) + "\n"
    }
}
