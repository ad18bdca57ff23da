import LedgerChain
import LedgerEvents
import LedgerProjections

/// The domain check of a batch before it is written: run under the writer's lock against the verified records,
/// so no other writer can change the state in between. `events` are the new events only (duplicates removed),
/// each with its id filled in. Throws `.input` with every problem found — the input lines that did not parse
/// (`InputProblems`) and the check's issues, in line order, in one run; nothing is written then.
enum AppendValidation {
    /// Most problems listed in one rejection message.
    static let issuesShownMax = 100

    /// The input lines that did not parse as events, kept for the one report with the domain check's issues: a
    /// clerk fixes every line in one pass instead of meeting syntax, fields and references in three runs.
    struct InputProblems {
        /// Each bad line's problem, with its line number.
        var lines: [(line: Int, message: Message)] = []
        /// What a bad line would register (its entity, its event id) → that line, so that a reference to it is
        /// reported as depending on that line rather than as unregistered.
        var pending: [ValidationIssue.Missing: Int] = [:]
        /// What a correction of the batch voids of a registration → that correction's line and the event it corrects
        /// (`AppendCommand.voidedRegistrations`), so that a later line naming it is told that line, not "record it
        /// first" (review 38f #4).
        var voided: [ValidationIssue.Missing: (line: Int, corrects: String)] = [:]
        /// Bad lines of which nothing can be told (not JSON, or no known type), with their bytes: a reference to
        /// an unregistered id that one of them holds may be to it, and says so.
        var unread: [(line: Int, bytes: [UInt8])] = []
        /// The ids each bad line names in its fields without a problem of their own, checked against the ledger
        /// like a good line's (a bad amount does not hide an unregistered fund).
        var loose: [(line: Int, event: LooseEvent)] = []
        /// Bad lines that name no actor (and have no problem with it yet): without a default actor, that is one
        /// more of their problems, said in the same run.
        var actorless: [Int] = []
        /// The ids made for lines that gave none (`in-…`): no clerk has seen them, so such a line's problems are
        /// placed by the line alone.
        var madeIDs: Set<String> = []
        /// The bytes of an input line by its number: what it wrote for a member the check names by its stored
        /// form (`"amount": "+0"` for `data.amount_fen`).
        var lineBytes: ((Int) -> ArraySlice<UInt8>?)? = nil

        /// The loose events, each placed among the batch's events by its line (`LooseEvent.batchPosition`), so that a
        /// bad line listed before the line that creates what it names on its date is told so in the same run.
        /// `lineNumbers` are the batch's events' lines, in order.
        func looseEvents(among lineNumbers: [Int]) -> [LooseEvent] {
            loose.map { entry in
                var event = entry.event
                // How many events' lines come before this line (the lines ascend): a binary search.
                var low = 0, high = lineNumbers.count
                while low < high {
                    let middle = (low + high) / 2
                    if lineNumbers[middle] < entry.line { low = middle + 1 } else { high = middle }
                }
                event.batchPosition = low
                return event
            }
        }

        /// Notes a line that did not parse (each of its problems, with the fields they are about), with what it
        /// would register and what it references when that can be read from it.
        mutating func add(line: Int, bytes: [UInt8], messages: [Message], fields: Set<String> = []) {
            for message in messages { lines.append((line, message)) }
            let members: [String: JSONValue]?
            if case .object(let object)? = try? JSONParser.parse(bytes) { members = object } else { members = nil }
            if let registered = DomainValidator.registrations(line: bytes) {
                for what in registered where pending[what] == nil { pending[what] = line }
            } else {
                unread.append((line, bytes))
            }
            guard let members else { return }
            if members["actor"] == nil, !fields.contains("actor") { actorless.append(line) }
            guard let type = members["type"]?.stringValue else { return }
            // A date that is not a date leaves only whether each id is registered at all.
            let date = members["occurred_on"]?.stringValue.flatMap { CalendarDate(iso: $0) }
            let event = LooseEvent(type: type, occurredOn: date, data: members["data"], skipping: fields)
            if !event.isEmpty { loose.append((line, event)) }
        }
    }

    /// `lineNumbers[i]` is the input line of `events[i]`, so each problem names the line the clerk must fix.
    /// `also`: issues of `events` found by another check (a statement line's money, `AppendStatementLines`), told
    /// with these in the same run.
    static func validate(existing: EffectiveLog, events: [Event], lineNumbers: [Int], source: String,
                         input: InputProblems = InputProblems(), also: [ValidationIssue] = []) throws(CLIError) {
        try reject(DomainValidator.validate(existing: existing, batch: EventBatch(events), loose: input.looseEvents(among: lineNumbers)) + also,
                   events: events, lineNumbers: lineNumbers, source: source, input: input)
    }

    /// The same check against `index/checks.state` and the records after its stamp (ledger-spec.md 15.4), or,
    /// when the state is missing, unusable or cannot decide this batch, against the whole log read again (the
    /// state is then written at the head, best effort). The issues are the same either way. `headSeq` is the
    /// writer's last seq; its lock is held. `lookup` gives the seq and type of the record with an event id (the
    /// writer's id index), so that a batch with corrections can be decided from the state too.
    static func validate(_ directory: LedgerDirectory, headSeq: Int64, events: [Event], lineNumbers: [Int], source: String,
                         input: InputProblems = InputProblems(), lookup: ((String) throws -> (seq: Int64, type: String)?)? = nil,
                         also: [ValidationIssue] = [], notice: (String) -> Void) throws(CLIError) {
        guard !events.isEmpty || !input.loose.isEmpty else {
            return try reject([], events: events, lineNumbers: lineNumbers, source: source, input: input)
        }
        let checked = try CLIError.fromChain { () throws(ChainError) in
            try CheckState.validate(directory, headSeq: headSeq, batch: EventBatch(events), useState: true, lookup: lookup,
                                    loose: input.looseEvents(among: lineNumbers))
        }
        if let line = checked.notice { notice(line) }
        try reject(checked.issues + also, events: events, lineNumbers: lineNumbers, source: source, input: input)
    }

    /// The member of a registering event that names what it registers, by the kind's name in messages.
    static let creatingField: [String: String] = [
        "community": "community_id", "asset": "asset_id", "import": "import_id", "fund": "fund_id", "decision": "decision_id",
        "contract": "contract_id", "use": "use_id", "occupation": "occupation_id", "rectification list": "list_id",
    ]

    /// Throws the bad lines and `issues` (of `events`), if any, as one rejection in both languages, in line order
    /// (problems of records already in the log last), at most `issuesShownMax` of them.
    static func reject(_ issues: [ValidationIssue], events: [Event], lineNumbers: [Int], source: String,
                       input: InputProblems = InputProblems()) throws(CLIError) {
        guard !issues.isEmpty || !input.lines.isEmpty else { return }
        var pending = input.pending
        // An event whose payload does not fit its schema states nothing either: what it would register is pending.
        for issue in issues {
            guard let index = issue.batchIndex, index < events.count, index < lineNumbers.count,
                  let registered = DomainValidator.registrations(of: events[index]) else { continue }
            for what in registered where pending[what] == nil { pending[what] = lineNumbers[index] }
        }
        // A good event registering what a bad line registers too: the check cannot see the bad line's fact, and
        // "already exists" would come only in the run after that line is fixed.
        var issues = issues
        for (index, event) in events.enumerated() where index < lineNumbers.count && event.payload.domain != nil {
            for case .entity(let kind, let id)? in DomainValidator.registrations(type: event.type, id: nil, data: .object(event.data)) ?? [] {
                guard let line = pending[.entity(kind: kind, id: id)], line != lineNumbers[index] else { continue }
                issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: event.id ?? "(no id)", type: event.type,
                                              field: creatingField[kind].map { "data." + $0 },
                                              reason: ReferenceWords.registeredByLineToo(kind, id, line: Wording(en: "line \(line)", zh: "第 \(line) 行"))))
            }
        }
        // Each event id's input line: a correction naming a later line's event is told so (review 38f #5).
        var batchLines: [String: Int] = [:]
        for (index, event) in events.enumerated() where index < lineNumbers.count {
            if let id = event.id, batchLines[id] == nil { batchLines[id] = lineNumbers[index] }
        }
        var items: [(line: Int?, order: Int, message: Message)] = input.lines.enumerated().map { ($0.element.line, $0.offset, $0.element.message) }
        for issue in issues {
            let line = issue.batchIndex.flatMap { $0 < lineNumbers.count ? lineNumbers[$0] : nil }
                ?? issue.looseIndex.flatMap { $0 < input.loose.count ? input.loose[$0].line : nil }
            var shown = AppendIssueWords.reworded(issue, ownLine: line, pending: pending, voided: input.voided,
                                                  batchLines: batchLines, unread: input.unread)
            // Another line's event named by the id append made for it: named by its line.
            if !input.madeIDs.isEmpty {
                shown = shown.with(reason: ReferenceWords.namingLines(shown.wording) { input.madeIDs.contains($0) ? batchLines[$0] : nil })
            }
            // A member the line wrote in yuan (`amount`) is told against that member, with what was written.
            if let line, let field = shown.field, let bytes = input.lineBytes?(line),
               let (yuanField, written) = AppendIssueWords.writtenInYuan(field, line: bytes) {
                shown = ValidationIssue(batchIndex: shown.batchIndex, seq: shown.seq, eventID: shown.eventID, type: shown.type,
                                        field: yuanField, reason: AppendIssueWords.inYuan(written, shown.wording),
                                        missing: shown.missing, looseIndex: shown.looseIndex)
            }
            if issue.looseIndex != nil || (issue.batchIndex != nil && input.madeIDs.contains(issue.eventID)), let line {
                // A bad line's reference, or a problem of a line that gave no id: worded as a bad line's problems
                // are (no event id: it has none, or only the one the writer made for it).
                let error = EventError.LineProblem(source: source, lineNumber: line, field: shown.field, reason: shown.wording)
                items.append((line, items.count, Message(error.message)))
                continue
            }
            let zh = (line.map { "\(source) 第 \($0) 行：" } ?? "\(source)：") + shown.message.zh
            items.append((line, items.count, Message(en: "\(source)\(line.map { ":\($0)" } ?? ""): \(shown)", zh: zh)))
        }
        items.sort { ($0.line ?? Int.max, $0.order) < ($1.line ?? Int.max, $1.order) }
        var lines = items.prefix(issuesShownMax).map(\.message)
        if items.count > issuesShownMax {
            let more = items.count - issuesShownMax
            lines.append(Message(en: "… and \(more) more", zh: "……另有 \(more) 处"))
        }
        throw .batchRejected(lines)
    }
}
