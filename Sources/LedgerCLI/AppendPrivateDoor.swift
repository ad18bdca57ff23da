import LedgerEvents
import LedgerImport

/// `ledger append`'s rule for a private person's name: a name the ledger keeps only in `private/` (`{"commitment": …}`,
/// written by `--private` or `{"person": …}`) may not be written out in clear in a person field (review 46e), nor in a
/// correction's replacement (review 44d). The log keeps every byte for ever and only `private/` can be erased
/// (ledger-spec.md 10.3), so a name copied from the clerk's file would put the person beyond erasure — the rule of
/// `ledger import`, which refuses such a row at its person column (`FactImporter.complete`).
enum AppendPrivateDoor {
    /// Whether `--private FIELD` commits `text`: a person's name, not an organisation or a role by its words
    /// (`PartyName`, review 47c #3), which stays in clear.
    static func isPerson(_ text: String) -> Bool { !PartyName.isOrganisationOrRole(text) }

    /// A problem at the field for each person field of `events` (at `lines`; a correction's replacement too) that
    /// writes in clear a name the ledger keeps private: said as the private person the corrected record (an earlier
    /// event of the batch, else `record`) holds in the same field when the text opens that record's commitment
    /// (`opened`, `private/`; compared as two records of one payer are, `PayerName.key`), else as a name
    /// `heldPrivately` knows (`private/`, and what this batch commits; nil: the ledger keeps no name private, and
    /// only corrections are looked at). Another name (a tenant changed to a company) is taken; so is a person whose
    /// value is gone from `private/` (erased), which cannot be compared.
    static func problems(_ events: [Event], lines: [Int], source: String, record: (String) throws(CLIError) -> Event?,
                         opened: (PersonalCommitment) -> String?,
                         heldPrivately: ((String) -> Bool)?,
                         nameInText: ((String) -> String?)? = nil) throws(CLIError) -> [(line: Int, message: Message)] {
        var problems: [(line: Int, message: Message)] = []
        let inReplacement = "replacement.data."
        let correctedInBatch = correctedInBatch(events)
        for (index, event) in events.enumerated() where index < lines.count {
            guard let payload = event.payload.domain, heldPrivately != nil || payload.type == .correction else { continue }
            // The event's own actor (review 47c #4), and every free text of its data holding a kept name inside it
            // (a purpose, a description, a memo; review 47c #1): each in the log for ever.
            if let actor = event.actor, heldPrivately?(actor) == true {
                let reason = ImportWords.privateNameAsActor(actor, source: .event)
                problems.append((lines[index], Message(EventError.LineProblem(source: source, lineNumber: lines[index], field: "actor", reason: reason).message)))
            }
            if let nameInText {
                // The envelope's own id is in the log for ever too (review privacy49 #3); `events` are the new ones
                // only (an exact duplicate of a record is not appended again).
                if let id = event.id, let name = nameInText(id) {
                    let shown = DisplayText.visible(id)
                    let reason = Wording(en: "\"\(shown)\" ", zh: "“\(shown)”") + ImportWords.privateNameInText(name, field: nil)
                        + Wording(en: ". ", zh: "。") + ImportWords.privateNameInTextAllowed(.append)
                    problems.append((lines[index], Message(EventError.LineProblem(source: source, lineNumber: lines[index], field: "id", reason: reason).message)))
                }
                let personal = Set(payload.personalFields.map(\.field))
                // An id the record cites is not searched (review 48 #1, `PrivateNames.isReference`); a correction's
                // replacement's introduced id is cited when it keeps the corrected record's.
                var keptID: String? = nil
                if case .correction(let c) = payload, let replacement = c.replacement,
                   let member = PrivateNames.introducedMember(replacement.payload.type) {
                    var target = events[..<index].last { $0.id == c.corrects }
                    if target == nil { target = try record(c.corrects) }
                    keptID = target?.data[member]?.stringValue
                }
                // A record a later correction of the batch voids or replaces, and a correction a later one of the same
                // target supersedes, is not in effect after the batch, so the reference checks never look at its ids:
                // none of them is a citation, every text is searched (review of privfix49 #1).
                let texts = correctedInBatch.contains(index)
                    ? PrivateNames.freeTexts(of: event.data, personal: personal)
                    : PrivateNames.searchedTexts(of: event.data, type: payload.type, personal: personal, keptID: keptID)
                for (field, text) in texts {
                    guard let name = nameInText(text) else { continue }
                    let shown = DisplayText.visible(text)
                    // The line's field is named once, by the problem's place (review 48 #6).
                    let reason = Wording(en: "\"\(shown)\" ", zh: "“\(shown)”") + ImportWords.privateNameInText(name, field: nil)
                        + Wording(en: ". ", zh: "。") + ImportWords.privateNameInTextAllowed(.append)
                    problems.append((lines[index], Message(EventError.LineProblem(source: source, lineNumber: lines[index], field: "data." + field, reason: reason).message)))
                }
            }
            let inClear = payload.personalFields.filter { $0.value.plainText != nil }
            guard !inClear.isEmpty else { continue }
            // The corrected record's commitments, by the replacement's field path.
            var kept: [String: PersonalCommitment] = [:]
            if case .correction(let c) = payload, let replacement = c.replacement, inClear.contains(where: { $0.field.hasPrefix(inReplacement) }) {
                var target = events[..<index].last { $0.id == c.corrects }
                if target == nil { target = try record(c.corrects) }
                if let recorded = target?.payload.domain, recorded.type == replacement.payload.type {
                    recorded.forEachPersonal { field, value in if let commitment = value.commitment { kept[inReplacement + field] = commitment } }
                }
            }
            for (field, value) in inClear {
                guard let text = value.plainText else { continue }
                let reason: Wording
                if case .correction(let c) = payload, let commitment = kept[field], let person = opened(commitment),
                   PayerName.key(person) == PayerName.key(text) {
                    reason = ImportWords.privateWrittenInClear(field: String(field.dropFirst(inReplacement.count)), corrects: c.corrects)
                } else if heldPrivately?(text) == true {
                    let member = String(field.split(separator: ".").last ?? Substring(field)).split(separator: "[").first.map(String.init) ?? field
                    let shown = DisplayText.visible(text)
                    reason = Wording(en: "\"\(shown)\" ", zh: "“\(shown)”") + ImportWords.privateNameInClear
                        + Wording(en: ". ", zh: "。") + ImportWords.privateNameInClearAllowed(.append(field: member))
                } else {
                    continue
                }
                let problem = EventError.LineProblem(source: source, lineNumber: lines[index], field: "data." + field, reason: reason)
                problems.append((lines[index], Message(problem.message)))
            }
        }
        return problems
    }

    /// The positions in `events` of the records a later correction of the same batch corrects (voids or replaces),
    /// and of the corrections a later correction of the same target supersedes.
    static func correctedInBatch(_ events: [Event]) -> Set<Int> {
        var corrected = Set<Int>()
        var position: [String: Int] = [:], latestCorrection: [String: Int] = [:]
        for (index, event) in events.enumerated() {
            if case .correction(let c)? = event.payload.domain {
                if let target = position[c.corrects] { corrected.insert(target) }
                if let earlier = latestCorrection[c.corrects] { corrected.insert(earlier) }
                latestCorrection[c.corrects] = index
            }
            if let id = event.id { position[id] = index }
        }
        return corrected
    }
}
