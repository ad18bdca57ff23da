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
        let issues = DomainValidator.validate(existing: existing, batch: events)
        guard !issues.isEmpty else { return }
        var lines = issues.prefix(issuesShownMax).map { issue in
            let line = issue.batchIndex.flatMap { $0 < lineNumbers.count ? lineNumbers[$0] : nil }
            return "\(source)\(line.map { ":\($0)" } ?? ""): \(issue)"
        }
        if issues.count > issuesShownMax { lines.append("… and \(issues.count - issuesShownMax) more") }
        throw .batchRejected(lines)
    }
}
