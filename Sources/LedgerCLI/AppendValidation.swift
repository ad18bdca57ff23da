import LedgerChain
import LedgerEvents
import LedgerProjections

/// The domain check of a batch before it is written: run under the writer's lock against the verified records,
/// so no other writer can change the state in between. `events` are the new events only (duplicates removed),
/// each with its id filled in. Throws `.input` with every problem found; nothing is written then.
enum AppendValidation {
    /// Most problems listed in one rejection message.
    static let issuesShownMax = 100

    /// `lineNumbers[i]` is the input line of `events[i]`, so each problem names the line the clerk must fix.
    static func validate(existing: EffectiveLog, events: [Event], lineNumbers: [Int], source: String) throws(CLIError) {
        try reject(DomainValidator.validate(existing: existing, batch: events), lineNumbers: lineNumbers, source: source)
    }

    /// The same check against `index/checks.state` and the records after its stamp (ledger-spec.md 15.4), or,
    /// when the state is missing, unusable or cannot decide this batch, against the whole log read again (the
    /// state is then written at the head, best effort). The issues are the same either way. `headSeq` is the
    /// writer's last seq; its lock is held. `lookup` gives the seq and type of the record with an event id (the
    /// writer's id index), so that a batch with corrections can be decided from the state too.
    static func validate(_ directory: LedgerDirectory, headSeq: Int64, events: [Event], lineNumbers: [Int], source: String,
                         chinese: Bool, lookup: ((String) throws -> (seq: Int64, type: String)?)? = nil,
                         notice: (String) -> Void) throws(CLIError) {
        guard !events.isEmpty else { return }
        let checked = try CLIError.fromChain { () throws(ChainError) in
            try CheckState.validate(directory, headSeq: headSeq, batch: EventBatch(events), useState: true, lookup: lookup)
        }
        if let line = checked.notice { notice(line) }
        if chinese {
            try AppendIssueWords.reject(checked.issues, events: events, lineNumbers: lineNumbers, source: source)
        } else {
            try reject(checked.issues, lineNumbers: lineNumbers, source: source)
        }
    }

    static func reject(_ issues: [ValidationIssue], lineNumbers: [Int], source: String) throws(CLIError) {
        guard !issues.isEmpty else { return }
        var lines = issues.prefix(issuesShownMax).map { issue in
            let line = issue.batchIndex.flatMap { $0 < lineNumbers.count ? lineNumbers[$0] : nil }
            return "\(source)\(line.map { ":\($0)" } ?? ""): \(issue)"
        }
        if issues.count > issuesShownMax { lines.append("… and \(issues.count - issuesShownMax) more") }
        throw .batchRejected(lines)
    }
}
