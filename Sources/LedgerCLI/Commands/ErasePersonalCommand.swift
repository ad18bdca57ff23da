import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections
import LedgerReports

/// `ledger erase-personal`: deletes the salt and value of personal data from `private/` and records the erasure
/// (ledger-spec.md 10.3). The log is not changed, so every hash, proof and checkpoint still verifies.
enum ErasePersonalCommand {
    static let options: [OptionSpec] = [
        .value("subject", "S", repeatable: true,
               en: "a person's value exactly as recorded ({\"person\": S}), or its commitment (64 hex digits, as `ledger log --json` shows it); every record naming that person is covered, since one value has one commitment. Repeat for several.",
               zh: "某人的值，与记录时完全一致（{\"person\": S}），或其承诺值（64 位十六进制，见“ledger log --json”）；同一个值只有一个承诺值，所以提到此人的每条记录都涵盖在内。可重复给出多个。"),
        .value("reason", "TEXT", en: "why (e.g. 本人申请删除，2026年1月3日来函); do not name the person",
               zh: "删除原因（例如 本人申请删除，2026年1月3日来函）；不要写出本人姓名"),
        .value("basis", "TEXT", en: "the legal basis (default: 《中华人民共和国个人信息保护法》第四十七条)",
               zh: "法律依据（默认：《中华人民共和国个人信息保护法》第四十七条）"),
        .value("request-ref", "REF", en: "your reference of the request (letter or file number)", zh: "申请的编号（来函或文件编号）"),
        SharedOptions.actor.with(en: "who erases (default: $LEDGER_ACTOR, then $USER)", zh: "由谁删除（默认：$LEDGER_ACTOR，其次 $USER）"),
        .value("on", "DATE", en: "the date of the erasure (default: today in Beijing, UTC+8)", zh: "删除日期（默认：北京时间的今天）"),
        .flag("dry-run", en: "show which records name each subject and what would be erased; change nothing",
              zh: "显示哪些记录提到每个对象、将删除什么；不做任何改动"),
        .flag("resume", en: "only complete an erasure that was interrupted (appends also do this)",
              zh: "只完成一次被中断的删除（追加时也会这样做）"),
        SharedOptions.lockWait,
    ]

    static let command = Command(
        name: "erase-personal",
        summary: Message(en: "erase personal data (个人信息保护法 Art. 47): delete its value from private/ and record the erasure",
                         zh: "删除个人信息（《个人信息保护法》第四十七条）：从 private/ 中删去其值并记录删除"),
        options: options,
        about: Message(en: """
        Deletes the salt and the value of each subject from private/ and appends one personal_data.erased record
        naming its commitments, who erased them (the actor), why and on what legal basis. Records keep their
        commitments: the log, every inclusion proof and every signed checkpoint still verify, and reports show
        （已依法删除） where the value was shown (ledger-spec.md 10.3). `--resume` alone completes an interrupted
        erasure.
        """, zh: """
        从 private/ 中删除每个对象的盐和值，并追加一条 personal_data.erased 记录，写明其承诺值、由谁删除（记录
        人）、原因和法律依据。记录保留承诺值：日志、每个包含证明和每个签名检查点仍能核对通过，报表在原来显示
        该值的地方显示（已依法删除）（ledger-spec.md 10.3）。单独使用 `--resume` 可完成一次被中断的删除。
        """),
        notes: Message(en: """
        A subject erased before is reported and left alone (exit 0). A value that is in private/ but named by no
        record (left by an interrupted append) is deleted without a record. Values recorded in clear (not as
        {"person": …}) cannot be erased: the command lists the records that hold the same text.
        """, zh: """
        已经删除过的对象会报告出来并保持原样（退出状态 0）。在 private/ 中但没有记录提到的值（中断的追加留下的）
        直接删除，不作记录。以明文（而非 {"person": …}）记录的值无法删除：命令会列出含有相同文字的记录。
        """),
        exitStatus: Message(en: """
        0 erased (or nothing left to erase), 1 the log failed verification, 2 usage or input error (an unknown \
        subject, a reason missing) — the ledger and private/ are then unchanged.
        """, zh: """
        0 已删除（或已无可删除）；1 日志校验失败；2 用法或输入错误（对象不明、缺少原因）——此时账本和 private/
        都未改动。
        """),
        run: run)

    /// Test hook (fault tests only): `LEDGER_TEST_PAUSE_ERASURE=marker|deleted|appended` stops the erasure after
    /// that step — the marker written, the entries deleted, the record appended — printing `paused STEP` on
    /// standard error and waiting to be killed.
    static let pauseVariable = "LEDGER_TEST_PAUSE_ERASURE"

    /// Where a record names a value, as a clerk reads it: `occupant of record 136 (occupation reported)` /
    /// `第 136 条记录（占用报告）的占用人（occupant）`.
    static func place(seq: Int64, type: String, field: String) -> Wording {
        let english = type.replacing(".", with: " ").replacing("_", with: " ")
        let chinese = EventType(rawValue: type)?.chineseName ?? type
        let label = FieldLabels.label(path: field).map { "\($0)（\(field)）" } ?? field
        return Wording(en: "\(field) of record \(seq) (\(english))", zh: "第 \(seq) 条记录（\(chinese)）的\(label)")
    }

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let io = context.io
        let say = context.language.pick
        let chinese = context.language == .zh
        /// Where a value is named, at most `most` places, in the command's language.
        func listed(_ places: [Wording], most: Int = 20) -> String {
            places.prefix(most).map { $0.text(chinese: chinese) }.joined(separator: chinese ? "、" : ", ")
                + (places.count > most ? (chinese ? "……" : ", …") : "")
        }
        let resumeOnly = arguments.flag("resume")
        let subjects = arguments.values("subject")
        if resumeOnly, !subjects.isEmpty { throw .usage(Message(en: "--resume completes an interrupted erasure; give it without --subject.", zh: "--resume 用于完成被中断的删除；请不要同时给出 --subject。")) }
        if !resumeOnly, subjects.isEmpty { throw .usage(Message(en: "--subject S is required: the value (or commitment) of the person to erase.", zh: "必须给出 --subject S：要删除的人的值（或承诺值）。")) }
        let reason = arguments.value("reason") ?? ""
        let basis = arguments.value("basis") ?? PersonalDataErased.defaultLegalBasis
        for (option, text) in [("reason", reason), ("basis", basis)] where !resumeOnly && !text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
            throw .usage(Message(en: "--\(option) is required: say \(option == "reason" ? "why the data is erased (without naming the person)" : "the legal basis").", zh: "必须给出 --\(option)：\(option == "reason" ? "写明删除的原因（不要写出本人姓名）" : "写明法律依据")。"))
        }
        let requestRef = arguments.value("request-ref")
        // The record keeps these texts for ever: one line each, no control character (as the door's rule for `actor`).
        for (option, text) in [("reason", reason), ("basis", basis), ("request-ref", requestRef ?? "")] where !resumeOnly {
            if let scalar = text.unicodeScalars.first(where: { EventInput.isControl($0) || $0.value == 0x2028 || $0.value == 0x2029 }) {
                let code = "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count)) + String(scalar.value, radix: 16, uppercase: true)
                throw .usage(Message(en: "--\(option) holds a control character or a line break (\(code)); the erasure record keeps it for ever: write it on one line, without control characters.",
                                     zh: "--\(option) 含有控制字符或换行（\(code)）；删除记录会永久保存它：请写在一行内，不要用控制字符。"))
            }
        }
        let on = try context.date(arguments, "on") ?? context.today
        // The rule of `ledger append` for a fact: not after today in Beijing (`LatestFactDate`; no --recorded-at here).
        let latest = LatestFactDate(today: context.today)
        if latest.refuses(on) {
            throw .usage(Message(en: "--on \(on) \(latest.exceeded.en); an erasure is recorded once it is made: give the day it was made (without --on, today).",
                                 zh: "--on \(on) \(latest.exceeded.zh)；删除做了之后才能记录：请给出删除的日期（不给 --on 即为今天）。"))
        }
        // A resumed erasure is recorded with the actor its marker names: who runs --resume is not asked.
        let actor = resumeOnly ? nil : try context.actor(arguments)
        if !resumeOnly, actor == nil { throw .usage(Message(en: "--actor NAME is required: who erases (or set LEDGER_ACTOR).", zh: "必须给出 --actor NAME：由谁删除（或设置 LEDGER_ACTOR）。")) }
        let lockWait = try arguments.integer("lock-wait", minimum: 0).map(Int.init) ?? Limits.lockWaitMillisecondsDefault
        let directory = try context.openLedger(arguments)

        // The log, read under the lock: which records name each commitment, which text subjects appear in
        // clear, which commitments were erased before.
        var existing = EffectiveLog()
        var occurrences: [PersonalCommitment: [Wording]] = [:]
        var erasedBefore: [PersonalCommitment: Int64] = [:]
        var inClear: [String: [Wording]] = [:]
        // The latest record naming each commitment: an erasure is not dated before a fact whose person it erases.
        var latestNaming: [PersonalCommitment: (date: CalendarDate, seq: Int64)] = [:]
        let texts = Set(subjects.filter { PersonalCommitment(hex: $0) == nil })
        // The subjects' names inside earlier records' free texts (a purpose, a memo, an actor), which no erasure
        // reaches (review 47c #1): told as a warning, found as every door finds them (`PrivateNames.name(inText:)`).
        // A commitment's value is read from private/ before the lock (a value never changes; an erased one is gone).
        // Each subject with its value: a text as given, a commitment's as private/ holds it.
        var subjectValues: [(subject: String, value: String)] = texts.sorted().map { ($0, $0) }
        if subjects.contains(where: { PersonalCommitment(hex: $0) != nil }),
           PosixFile.kind(at: directory.path + "/" + PrivateStore.directoryName, followLinks: false) == .directory {
            let early = PrivateStore.read(directory, useIndex: true)
            for subject in Set(subjects).sorted() {
                if let value = PersonalCommitment(hex: subject).flatMap({ early.openings[$0]?.value }) { subjectValues.append((subject, value)) }
            }
        }
        let mentioned = PrivateNames(values: subjectValues.map(\.value))
        // A person field or actor in clear holding a subject's value, compared as every door compares a kept name
        // (`PayerName.key`: 張偉 is 张伟, review 48 #4), listed under the subject as given — a commitment's too
        // (review privacy49 #7) —, with the text as recorded (`inClearAs`: the warning quotes it).
        var subjectsByKey: [String: [String]] = [:]
        for (subject, value) in subjectValues { subjectsByKey[PayerName.key(value), default: []].append(subject) }
        var inClearAs: [String: [(text: String, place: Wording)]] = [:]
        var inText: [String: [Wording]] = [:]
        func visit(_ record: Record) {
            existing.apply(record)
            guard let payload = record.payload.domain else { return }
            for field in payload.personalFields {
                let place = Self.place(seq: record.seq, type: record.type, field: field.field)
                switch field.value {
                case .committed(let c):
                    occurrences[c, default: []].append(place)
                    if latestNaming[c].map({ record.occurredOn >= $0.date }) ?? true { latestNaming[c] = (record.occurredOn, record.seq) }
                case .plain(let text):
                    for subject in subjectsByKey[PayerName.key(text)] ?? [] {
                        inClear[subject, default: []].append(place)
                        inClearAs[subject, default: []].append((text, place))
                    }
                }
            }
            if let subjects = subjectsByKey[PayerName.key(record.actor)] {
                for subject in subjects {
                    let place = Self.place(seq: record.seq, type: record.type, field: "actor")
                    inClear[subject, default: []].append(place)
                    inClearAs[subject, default: []].append((record.actor, place))
                }
            } else if !mentioned.isEmpty, let name = mentioned.name(inText: record.actor) {
                inText[name, default: []].append(Self.place(seq: record.seq, type: record.type, field: "actor"))
            }
            if !mentioned.isEmpty, payload.type != .personalDataErased {
                // The record's own id too, as `append` now searches a new event's (review privacy49 #3).
                if let name = mentioned.name(inText: record.id) {
                    inText[name, default: []].append(Self.place(seq: record.seq, type: record.type, field: "id"))
                }
                let personal = Set(payload.personalFields.map(\.field))
                for (field, text) in PrivateNames.freeTexts(of: record.data, personal: personal) {
                    if let name = mentioned.name(inText: text) {
                        inText[name, default: []].append(Self.place(seq: record.seq, type: record.type, field: field))
                    }
                }
            }
            for c in PersonalDataSupport.erasures(in: record) where erasedBefore[c] == nil { erasedBefore[c] = record.seq }
        }
        let writer: LogWriter = try CLIError.fromChain { () throws(ChainError) in
            try LogWriter.open(directory, lockWaitMilliseconds: lockWait, notice: { io.writeErr($0 + "\n") }, visit: visit)
        }
        defer { writer.close() }
        // private/ is opened for writing only where it exists, and only read by a dry run: a run that erases nothing
        // (a refusal, a dry run) leaves the ledger directory as it was. A missing private/ is made only for the
        // marker of an erasure that is made (below).
        let dryRun = arguments.flag("dry-run")
        let privatePath = directory.path + "/" + PrivateStore.directoryName
        let privateKind = PosixFile.kind(at: privatePath, followLinks: false)
        var store: PrivateStore? = nil
        var readOnly = PrivateStore.Contents()
        if dryRun, privateKind == .directory {
            readOnly = PrivateStore.read(directory, useIndex: true)
        } else if privateKind != nil {
            store = try CLIError.fromChain { () throws(ChainError) in
                try PrivateStore.openForWriting(directory, writesIndex: false)
            }
        }
        var contents: PrivateStore.Contents { store?.contents ?? readOnly }
        /// Whether private/ has a file for the commitment (an entry, readable or damaged).
        func hasFile(_ commitment: PersonalCommitment) -> Bool {
            store?.hasFile(for: commitment) ?? (PosixFile.kind(at: privatePath + "/" + commitment.hex, followLinks: false) != nil)
        }
        let waiting = contents.pendingErasure != nil
        if waiting, !dryRun, let store {
            try PersonalDataSupport.resumeErasure(store, writer, context)
            // The log now holds that erasure: read again, so the checks below see it.
            existing = EffectiveLog()
            occurrences = [:]
            erasedBefore = [:]
            inClear = [:]
            inClearAs = [:]
            inText = [:]
            latestNaming = [:]
            _ = try CLIError.fromChain { () throws(ChainError) in try VerifiedLog.stream(directory, visit: visit) }
        }
        if resumeOnly {
            io.writeOut(waiting ? say("被中断的删除已完成\n", "the interrupted erasure is complete\n")
                                : say("没有等待完成的删除\n", "no erasure was waiting to be completed\n"))
            return 0
        }

        // Each subject's commitment; every problem is reported at once and nothing is changed.
        var plan: [(subject: String, commitment: PersonalCommitment)] = []
        var problems: [Message] = []
        for subject in subjects {
            if let commitment = PersonalCommitment(hex: subject) {
                if erasedBefore[commitment] == nil, occurrences[commitment] == nil, !hasFile(commitment) {
                    problems.append(Message(
                        en: "--subject \(subject): no record and no entry of private/ holds this commitment; check it with `ledger log --json`",
                        zh: "--subject \(subject)：没有哪条记录、private/ 中也没有哪一项含有这个承诺值；请用“ledger log --json”核对"))
                }
                plan.append((subject, commitment))
            } else if let opening = PersonalDataSupport.opening(forValue: subject, in: contents) {
                plan.append((subject, opening.commitment))
            } else {
                var en = "--subject \"\(subject)\": private/ holds no personal data with exactly this value"
                var zh = "--subject “\(subject)”：private/ 中没有与这个值完全相同的个人信息"
                let near = subject.isEmpty ? [] : contents.openings.values.filter { $0.value.contains(subject) }.sorted { $0.commitment < $1.commitment }
                if !near.isEmpty {
                    let list = near.prefix(10).map { "\"\($0.value)\" (\($0.commitment.hex))" }
                    en += "; values that contain it: " + list.joined(separator: ", ")
                    zh += "；包含它的值：" + near.prefix(10).map { "“\($0.value)”（\($0.commitment.hex)）" }.joined(separator: "，")
                }
                if let places = inClear[subject] {
                    let shown = places.prefix(10).map { $0 }
                    en += "; it is recorded in clear in \(shown.map(\.en).joined(separator: ", "))\(places.count > 10 ? ", …" : ""), which cannot be erased"
                    zh += "；它以明文记录在\(shown.map(\.zh).joined(separator: "、"))\(places.count > 10 ? "……" : "")中，这些无法删除"
                }
                problems.append(Message(en: en, zh: zh))
            }
        }
        guard problems.isEmpty else { throw nothingErased(problems) }
        // The reason and the reference must not name the person erased (ledger-spec.md 10.2): the record outlives the
        // value. Each subject's value (a commitment's as private/ holds it) is looked for as the store compares values.
        let values = plan.compactMap { item in
            PersonalCommitment(hex: item.subject) == nil ? item.subject : contents.openings[item.commitment]?.value
        }
        // Compared as every door compares a kept name (review 47c #6: `张　三`, `張三` and the name before a note in
        // brackets are the person too), and byte for byte as before.
        let named = PrivateNames(values: values)
        // The basis too, and any other name kept private (review 48 #3: `--basis "张伟依…"` and a reason naming
        // another kept person were written into the erasure record in clear).
        let keptElsewhere = PersonalDataSupport.keptNames(contents)
        for (option, text) in [("reason", reason), ("basis", basis), ("request-ref", requestRef ?? "")] {
            let example = option == "reason" ? "本人申请删除，2026年1月3日来函" : option == "basis" ? PersonalDataErased.defaultLegalBasis : "PIPL-2026-001"
            if let value = values.first(where: { !$0.isEmpty && text.contains($0) }) ?? named.name(inText: text) {
                problems.append(Message(
                    en: "--\(option) names the person being erased (\"\(value)\"); the erasure record stays in the log for ever and must not name them (ledger-spec.md 10.2): write it without the name, e.g. \(example)",
                    zh: "--\(option) 写出了要删除的人（“\(value)”）；删除记录会永久留在日志中，不得写出本人（ledger-spec.md 10.2）：请不写姓名，例如 \(example)"))
            } else if let other = keptElsewhere.name(inText: text) {
                problems.append(Message(
                    en: "--\(option) holds \"\(other)\", a name the ledger keeps only as a private person's (private/); the erasure record stays in the log for ever: write it without the name, e.g. \(example)",
                    zh: "--\(option) 中含有“\(other)”，这是账本只作为个人信息保存在 private/ 中的姓名；删除记录会永久留在日志中：请不写姓名，例如 \(example)"))
            }
        }
        // Who erases is kept in the erasure record for ever: not a name the ledger keeps private (review 47c #4).
        if let actor, PersonalDataSupport.keptNames(contents).holds(actor) || named.holds(actor) {
            problems.append(Message(ImportWords.privateNameAsActor(actor, source: context.actorSource(arguments))))
        }
        guard problems.isEmpty else { throw nothingErased(problems) }

        var out = ""
        var toErase: [PersonalCommitment] = []
        var orphans: [PersonalCommitment] = []
        for (_, commitment) in plan where !toErase.contains(commitment) && !orphans.contains(commitment) {
            let places = occurrences[commitment] ?? []
            if let seq = erasedBefore[commitment] {
                out += say("\(commitment.hex)：已经删除过（记录序号 \(seq)），无需再做\n",
                               "\(commitment.hex): already erased (record seq \(seq)); nothing to do\n")
            } else if places.isEmpty {
                orphans.append(commitment)
                out += say("\(commitment.hex)：在 private/ 中，但没有哪条记录提到它（是一次被中断的追加留下的）；删除这一项，不另作记录\n",
                               "\(commitment.hex): in private/ but named by no record (left by an interrupted append); its entry is deleted without a record\n")
            } else {
                toErase.append(commitment)
                out += say("\(commitment.hex)：被 \(places.count) 个记录字段提到：\(listed(places))\n",
                               "\(commitment.hex): named by \(Wording.englishCount(places.count, "record field")): \(listed(places))\n")
            }
        }
        let early = toErase.compactMap { latestNaming[$0] }.filter { on < $0.date }
        if let latest = early.max(by: { $0.date < $1.date || ($0.date == $1.date && $0.seq < $1.seq) }) {
            throw nothingErased([Message(
                en: "--on \(on) is before \(latest.date), the date of record \(latest.seq), which names this person; an erasure comes after the facts whose person it erases: give --on \(latest.date) or later",
                zh: "--on \(on) 早于第 \(latest.seq) 条记录的日期 \(latest.date)，该记录提到此人；删除在其所删除的人的事实之后：请给出 \(latest.date) 或之后的 --on")])
        }
        // Each text as recorded, quoted (`張偉` under the subject 张伟), in the order the log first holds it.
        for subject in Set(subjectValues.map(\.subject)).sorted() {
            guard let found = inClearAs[subject] else { continue }
            var order: [String] = []
            var placesOf: [String: [Wording]] = [:]
            for (text, place) in found {
                if placesOf[text] == nil { order.append(text) }
                placesOf[text, default: []].append(place)
            }
            for text in order {
                let places = placesOf[text]!, shown = DisplayText.visible(text)
                out += say("警告：“\(shown)”以明文记录在\(listed(places))中；改动这些记录会破坏其后的每一个哈希，因此无法改动——只有按 {\"person\": …} 记录的值才能删除\n",
                               "warning: \"\(shown)\" is recorded in clear in \(listed(places)); those records cannot be changed without breaking every later hash — only a value recorded as {\"person\": …} can be erased\n")
            }
        }
        for name in inText.keys.sorted() {
            let places = inText[name]!
            let shown = DisplayText.visible(name)
            out += say("警告：“\(shown)”出现在\(listed(places))的文字中；日志不能改动，这些文字无法删除，删除之后仍会留在日志中——今后请在文字中用身份或编号代替姓名\n",
                           "warning: \"\(shown)\" is written inside the text of \(listed(places)); the log cannot be changed, so that text cannot be erased and stays in the log after this erasure — write a role or a reference instead of a name in texts from now on\n")
        }
        if dryRun {
            if waiting {
                out += say("有一次被中断的删除在等待完成；下一次不带 --dry-run 的 erase-personal 会完成它\n",
                               "an interrupted erasure is waiting; it is completed by the next erase-personal without --dry-run\n")
            }
            io.writeOut(DisplayText.neutralised(out + say("试运行：什么也没有删除\n", "dry run: nothing was erased\n"), lineBreaks: .keep))
            return 0
        }
        guard !toErase.isEmpty || !orphans.isEmpty else {
            io.writeOut(DisplayText.neutralised(out, lineBreaks: .keep))
            return 0
        }
        // Made here, when private/ was missing, to hold the erasure's marker.
        let writable: PrivateStore
        if let store { writable = store } else {
            writable = try CLIError.fromChain { () throws(ChainError) in try PrivateStore.openForWriting(directory, writesIndex: false) }
        }
        if toErase.isEmpty {
            try CLIError.fromChain { () throws(ChainError) in try writable.erase(orphans) }
            io.writeOut(DisplayText.neutralised(out, lineBreaks: .keep))
            return 0
        }
        toErase.sort()
        let erasure = PersonalDataErased(commitments: toErase, reason: reason, legalBasis: basis, requestRef: requestRef)
        let id = "pd-erased-" + String(SHA256.digest(Array(toErase.map(\.hex).joined(separator: ",").utf8)).hex.prefix(32))
        let event = Event(id: id, occurredOn: on, actor: actor, payload: .personalDataErased(erasure))
        let issues = DomainValidator.validate(existing: existing, batch: [event])
        guard issues.isEmpty else { throw nothingErased(issues.map { Message($0.message) }) }
        // The order that never claims an erasure while the data remains: the intent (marker), then the data
        // deleted, then the record appended, then the marker removed. A crash in between leaves the marker,
        // which the next `erase-personal` or `append` completes.
        let line = CanonicalJSON.encode(.object(["id": .string(id), "type": .string(event.type), "occurred_on": .string(on.description),
                                                 "actor": .string(actor!), "data": .object(event.data)])) + [0x0A]
        // The kept street lists are rendered, names included, and a list kept as a patch leaves its file's bytes as
        // they were: both go before the erasure is recorded (ledger-spec.md 10.3; review 46d F1). Removed first here,
        // so that a list that cannot be removed (index/ not writable) refuses the erasure before anything is erased,
        // and again once the values are gone (a list made in between showed them).
        do { try RenderedList.removeForErasure(directory) } catch { throw .input(RenderedList.notRemovedForErasure(error, deleted: false)) }
        try CLIError.fromChain { () throws(ChainError) in
            try writable.beginErasure(line)
            pause("marker", context)
            try writable.erase(toErase + orphans)
        }
        do { try RenderedList.removeForErasure(directory) } catch { throw .input(RenderedList.notRemovedForErasure(error, deleted: true)) }
        let result = try CLIError.fromChain { () throws(ChainError) -> AppendResult in
            pause("deleted", context)
            let result = try writer.append([event], options: AppendOptions(recordedAt: io.now(), defaultActor: actor, makeId: io.makeId))
            pause("appended", context)
            try writable.finishErasure()
            return result
        }
        out += say("已删除 \(toErase.count) 项个人信息：第 \(result.lastSeq) 条记录（\(id)，personal_data.erased 个人信息删除）列出了它们的承诺值；含有它们的记录没有改动，仍然校验通过\n",
                       "erased \(Wording.englishCount(toErase.count, "personal value")): record seq \(result.lastSeq) (\(id), personal_data.erased) names their commitments; the records that hold them are unchanged and still verify\n")
        io.writeOut(DisplayText.neutralised(out, lineBreaks: .keep))
        return 0
    }

    /// Nothing was erased, for these reasons (every one of them, one a line).
    static func nothingErased(_ problems: [Message]) -> CLIError {
        func list(_ language: ReportLanguage) -> String {
            problems.map { DisplayText.neutralised($0.text(language), lineBreaks: .toSpace) }.joined(separator: "\n  ")
        }
        return .input(Message(en: "nothing was erased:\n  \(list(.en))", zh: "什么也没有删除：\n  \(list(.zh))"))
    }

    /// Stops here when the fault tests ask (`pauseVariable`).
    static func pause(_ step: String, _ context: CommandContext) {
        guard context.io.environment[pauseVariable] == step else { return }
        context.io.writeErr("paused \(step)\n")
        while true { PosixThread.sleep(seconds: 1) }
    }
}
