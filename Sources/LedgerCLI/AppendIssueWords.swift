import LedgerEvents
import LedgerProjections

/// The domain check of `ledger append` for a Chinese reader: the same check and the same problems as
/// `AppendValidation`, each in Chinese (a payload that does not fit its schema in `EventWords`' words, a reference
/// or lifecycle problem in `ReferenceWords`').
enum AppendIssueWords {
    static func validate(existing: EffectiveLog, events: [Event], lineNumbers: [Int], source: String) throws(CLIError) {
        try reject(DomainValidator.validate(existing: existing, batch: events), events: events, lineNumbers: lineNumbers, source: source)
    }

    /// Throws `issues` (of `events`), if any, as a rejection in both languages.
    static func reject(_ issues: [ValidationIssue], events: [Event], lineNumbers: [Int], source: String) throws(CLIError) {
        guard !issues.isEmpty else { return }
        var lines: [Message] = issues.prefix(AppendValidation.issuesShownMax).map { issue in
            let line = issue.batchIndex.flatMap { $0 < lineNumbers.count ? lineNumbers[$0] : nil }
            let event = issue.batchIndex.flatMap { $0 < events.count ? events[$0] : nil }
            let zh = (line.map { "\(source) 第 \($0) 行：" } ?? "\(source)：") + text(issue, event: event)
            return Message(en: "\(source)\(line.map { ":\($0)" } ?? ""): \(issue)", zh: zh)
        }
        if issues.count > AppendValidation.issuesShownMax {
            let more = issues.count - AppendValidation.issuesShownMax
            lines.append(Message(en: "… and \(more) more", zh: "……另有 \(more) 处"))
        }
        throw .batchRejected(lines)
    }

    /// One issue in Chinese: where, the field with its label, and why.
    static func text(_ issue: ValidationIssue, event: Event?) -> String { issue.message.zh }
}
