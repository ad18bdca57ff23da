import LedgerChain
import LedgerEvents
import LedgerProjections

/// The domain check of a batch before it is written: run under the writer's lock against the verified records,
/// so no other writer can change the state in between. `events` are the new events only (duplicates removed),
/// each with its id filled in. Throws `.input` with every problem found; nothing is written then.
enum AppendValidation {
    /// Most problems listed in one rejection message.
    static let issuesShownMax = 100

    static func validate(existing: EffectiveLog, events: [Event], source: String) throws(CLIError) {
        let issues = DomainValidator.validate(existing: existing, batch: events)
        guard !issues.isEmpty else { return }
        var lines = issues.prefix(issuesShownMax).map { "\(source): \($0)" }
        if issues.count > issuesShownMax { lines.append("… and \(issues.count - issuesShownMax) more") }
        throw .input("the batch was rejected; nothing was appended:\n  " + lines.joined(separator: "\n  "))
    }
}
