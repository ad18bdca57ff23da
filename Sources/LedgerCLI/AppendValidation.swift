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
        /// Bad lines of which nothing can be told (not JSON, or no known type), with their bytes: a reference to
        /// an unregistered id that one of them holds may be to it, and says so.
        var unread: [(line: Int, bytes: [UInt8])] = []

        /// Notes a line that did not parse (each of its problems), with what it would register when that can be
        /// read from it.
        mutating func add(line: Int, bytes: [UInt8], messages: [Message]) {
            for message in messages { lines.append((line, message)) }
            if let registered = DomainValidator.registrations(line: bytes) {
                for what in registered where pending[what] == nil { pending[what] = line }
            } else {
                unread.append((line, bytes))
            }
        }
    }

    /// `lineNumbers[i]` is the input line of `events[i]`, so each problem names the line the clerk must fix.
    static func validate(existing: EffectiveLog, events: [Event], lineNumbers: [Int], source: String,
                         input: InputProblems = InputProblems()) throws(CLIError) {
        try reject(DomainValidator.validate(existing: existing, batch: events), events: events, lineNumbers: lineNumbers,
                   source: source, input: input)
    }

    /// The same check against `index/checks.state` and the records after its stamp (ledger-spec.md 15.4), or,
    /// when the state is missing, unusable or cannot decide this batch, against the whole log read again (the
    /// state is then written at the head, best effort). The issues are the same either way. `headSeq` is the
    /// writer's last seq; its lock is held. `lookup` gives the seq and type of the record with an event id (the
    /// writer's id index), so that a batch with corrections can be decided from the state too.
    static func validate(_ directory: LedgerDirectory, headSeq: Int64, events: [Event], lineNumbers: [Int], source: String,
                         input: InputProblems = InputProblems(), lookup: ((String) throws -> (seq: Int64, type: String)?)? = nil,
                         notice: (String) -> Void) throws(CLIError) {
        guard !events.isEmpty else { return try reject([], events: events, lineNumbers: lineNumbers, source: source, input: input) }
        let checked = try CLIError.fromChain { () throws(ChainError) in
            try CheckState.validate(directory, headSeq: headSeq, batch: EventBatch(events), useState: true, lookup: lookup)
        }
        if let line = checked.notice { notice(line) }
        try reject(checked.issues, events: events, lineNumbers: lineNumbers, source: source, input: input)
    }

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
        var items: [(line: Int?, order: Int, message: Message)] = input.lines.enumerated().map { ($0.element.line, $0.offset, $0.element.message) }
        for issue in issues {
            let line = issue.batchIndex.flatMap { $0 < lineNumbers.count ? lineNumbers[$0] : nil }
            let shown = AppendIssueWords.reworded(issue, ownLine: line, pending: pending, unread: input.unread)
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
