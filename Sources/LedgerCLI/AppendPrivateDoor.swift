import LedgerEvents
import LedgerImport

/// `ledger append`'s rule for a private person's data in a correction (review 44d): a person the corrected record
/// keeps in `private/` (`{"commitment": …}`, written by `--private` or `{"person": …}`) may not be written out by name
/// in the replacement. The log keeps every byte for ever and only `private/` can be erased (ledger-spec.md 10.3), so
/// a correction copied from the clerk's file would put the name beyond erasure — the rule of `ledger import`, which
/// refuses a row giving in clear what its record keeps private (`ImportWords.importPrivateAsBefore`).
enum AppendPrivateDoor {
    /// A problem at the replacement's field for each correction of `events` (at `lines`) whose replacement writes in
    /// clear the private person the corrected record (an earlier event of the batch, else `record`) holds in the same
    /// field: the text opens the record's commitment (`opened`, `private/`), compared as two records of one payer
    /// are (`PayerName.key`). Another name (a tenant changed to a company) is taken; so is a person whose value is
    /// gone from `private/` (erased), which cannot be compared.
    static func problems(_ events: [Event], lines: [Int], source: String, record: (String) throws(CLIError) -> Event?,
                         opened: (PersonalCommitment) -> String?) throws(CLIError) -> [(line: Int, message: Message)] {
        var problems: [(line: Int, message: Message)] = []
        for (index, event) in events.enumerated() where index < lines.count {
            guard case .correction(let c)? = event.payload.domain, let replacement = c.replacement else { continue }
            let inClear = replacement.payload.personalFields.filter { $0.value.plainText != nil }
            guard !inClear.isEmpty else { continue }
            var target = events[..<index].last { $0.id == c.corrects }
            if target == nil { target = try record(c.corrects) }
            guard let recorded = target?.payload.domain, recorded.type == replacement.payload.type else { continue }
            var kept: [String: PersonalCommitment] = [:]
            recorded.forEachPersonal { field, value in if let commitment = value.commitment { kept[field] = commitment } }
            for (field, value) in inClear {
                guard let commitment = kept[field], let text = value.plainText, let person = opened(commitment),
                      PayerName.key(person) == PayerName.key(text) else { continue }
                let problem = EventError.LineProblem(source: source, lineNumber: lines[index], field: "data.replacement.data." + field,
                                                     reason: ImportWords.privateWrittenInClear(field: field, corrects: c.corrects))
                problems.append((lines[index], Message(problem.message)))
            }
        }
        return problems
    }
}
