import LedgerEvents

extension Registers {
    /// Checks every reference of a loose event (`LooseEvent`) as `checkReferences` checks a fact's: registered, and
    /// when the date is known, registered by then, not ended before it, of the event's community, not retired.
    /// `lastSeq` is the log's last seq before the batch: a line's `batchPosition` places it among the batch's events.
    func checkLoose(_ loose: LooseEvent, evidence: Evidence, lastSeq: Int64, label: (Int64) -> FactPlace, problems: inout [Problem]) {
        // The first position after the line's: a creation there or later comes after it in the fold order.
        let position = loose.batchPosition.map { lastSeq + 1 + Int64($0) } ?? evidence.seq
        // The community of a spending or transfer is its paying fund's, as for a fact; when that fund is missing or
        // unregistered the community is unknown and no reference is checked against one.
        var community = loose.communityID
        for reference in loose.references {
            func fail(_ reason: Wording, _ missing: ValidationIssue.Missing?) {
                problems.append(Problem(evidence: evidence, field: "data.\(reference.field)", reason: reason, missing: missing))
            }
            let n = existingNumber(reference.kind, reference.id)
            guard let entry = entry(n, reference.kind, reference.id) else {
                fail(ReferenceWords.notRegistered(reference.kind, reference.id), .entity(kind: reference.kind.rawValue, id: reference.id))
                continue
            }
            if community == nil, reference.namesCommunity { community = entry.communityID }
            guard let date = loose.occurredOn else { continue }
            guard entry.day <= Int32(date.dayNumber) || reference.ratifiable else {
                if let ending = reference.ending {
                    fail(ReferenceWords.endsBeforeStart(ending, on: date, reference.kind, reference.id, began: entry.date,
                                                        at: label(entry.evidenceSeq)), nil)
                } else {
                    fail(ReferenceWords.notYetRegistered(reference.kind, reference.id, from: entry.date, at: label(entry.evidenceSeq),
                                                         eventDate: date), nil)
                }
                continue
            }
            // A creation later on the same date (a line of the batch that states no fact, before the line that
            // creates what it names): as for a fact (`Registers.checkReferences`), at its own position.
            if entry.day == Int32(date.dayNumber), !reference.ratifiable, entry.position >= position {
                fail(ReferenceWords.createdLaterSameDay(reference.kind, reference.id, on: date, at: label(entry.evidenceSeq),
                                                        ending: reference.ending, referrer: .earlierLine), nil)
                continue
            }
            if reference.scoped, let community, let owner = entry.communityID, owner != community {
                fail(ReferenceWords.otherCommunity(reference.kind, reference.id, owner: owner, not: community), nil)
            }
            if reference.notRetired, reference.kind == .asset, let retired = ending(n, .asset, reference.id),
               retired.day < Int32(date.dayNumber) || (retired.day == Int32(date.dayNumber) && retired.position < position) {
                fail(ReferenceWords.assetRetired(reference.id, on: retired.date, at: label(retired.evidenceSeq),
                                                 sameDay: retired.day == Int32(date.dayNumber)), nil)
            }
        }
    }
}
