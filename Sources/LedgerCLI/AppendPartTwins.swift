import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections

/// `ledger append`'s side of the part twin rule of `ledger import assets` (`RegisterTwins`, review 38 S2; README
/// "Known limits" until session 44): an `asset.registered` (a correction's replacement registering a part too) whose
/// community, kind, name, location, area and other fields are those of a part registered in effect and not retired,
/// under another id, or of an earlier event of the batch, is refused naming the other part, with the import's
/// wording (`RegisterTwins.appended`), unless `--allow-twins` says it is another part.
///
/// A part's twins are of its community, whose group in `index/scopes` holds every part registered in it (its
/// registration, updates and retirement): those groups are read, of the register's types only, as the import reads
/// them (ledger-spec.md 15.4, 15.5), never the whole log unless the index cannot serve the read.
enum AppendPartTwins {
    /// The issues of `events` (the batch's new events, in order; `lines` their input lines) that repeat a registered
    /// part or an earlier event's part under another id. `existing` is the whole log when append folded it; else the
    /// register's records of the events' communities are read from `index/scopes` under the writers' lock
    /// (`headSeq`: its last seq), or the whole log when the index cannot serve the read or `scopes` is false
    /// (`LEDGER_SCOPES=off`): the answer is the same. `record`: the record of an event id (a correction's target).
    /// - Complexity: nothing for a batch registering no part; else its communities' register records.
    static func issues(_ events: [Event], lines: [Int], directory: LedgerDirectory, headSeq: Int64, existing: EffectiveLog?, scopes: Bool,
                       record: (String) throws(CLIError) -> Event?, notice: (String) -> Void) throws(CLIError) -> [ValidationIssue] {
        let parts = events.compactMap { $0.payload.domain.flatMap(RegisterTwins.registration)?.part }
        let communities = Set(parts.map(\.communityID))
        guard !communities.isEmpty else { return [] }
        var corrected: [String: DomainEvent] = [:]
        for event in events {
            guard case .correction(let c)? = event.payload.domain, corrected[c.corrects] == nil,
                  let payload = try record(c.corrects)?.payload.domain else { continue }
            corrected[c.corrects] = payload
        }
        let log = try AppendStatementLines.log(directory, headSeq: headSeq, existing: existing, scopes: scopes, notice: notice) { () throws(ChainError) in
            // The parts' own ids asked for too: the read then answers when none of the communities is in the log yet
            // (registered in this batch, or a typo the door refuses), with no record of theirs, instead of leaving
            // the check to the whole log (review 44c #2: 15.6 s at 100k records for a new community's first parts).
            try ScopeIndex.read(directory, communityIDs: communities.sorted(), assetIDs: Set(parts.map(\.assetID)).sorted(),
                                onlyTypes: RecordedRegister.eventTypes)
        }
        return RegisterTwins.appended(events, lines: lines, register: RecordedRegister(log: log), corrected: corrected)
    }
}
