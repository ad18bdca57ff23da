import LedgerEvents
import LedgerProjections

/// The domain check of `ledger append` for a Chinese reader: the same check and the same problems as
/// `AppendValidation`, each in Chinese where the event layer words it (a payload that does not fit its schema,
/// `EventWords`). The reference checks of the validator still speak English; they keep their English reason inside
/// the Chinese frame.
enum AppendIssueWords {
    static func validate(existing: EffectiveLog, events: [Event], lineNumbers: [Int], source: String) throws(CLIError) {
        let issues = DomainValidator.validate(existing: existing, batch: events)
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

    /// One issue in Chinese: where, the field with its label, and why (the schema's Chinese reason when the event's
    /// payload gives the same error, else the validator's English reason).
    static func text(_ issue: ValidationIssue, event: Event?) -> String {
        let place = issue.batchIndex != nil
            ? "事件 \(issue.eventID)（\(issue.type)）"
            : "这一批会使第 \(issue.seq ?? 0) 条记录（id \(issue.eventID)，\(issue.type)）不再成立"
        var reason = issue.reason
        if let event {
            do throws(PayloadError) { _ = try DomainEvent.decode(event) } catch {
                if error.reason == issue.reason, error.field == issue.field { reason = error.wording.zh }
            }
        }
        return place + "：" + (issue.field.map { EventWords.field($0).zh + "：" } ?? "") + reason
    }
}
