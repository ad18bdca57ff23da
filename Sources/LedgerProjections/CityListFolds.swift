import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The folds `ledger verify --index` compares the whole-city lists' files with (ledger-spec.md 15.11, 15.12): the
/// log folded up to one file's stamp, and projected as of its date, kept for the next file of the same stamp and date
/// (the four lists of one day are usually stamped alike: one fold checks them all).
public final class CityListFolds {
    private var seq: Int64 = -1
    private var effective = EffectiveLog()
    private var erased = Set<PersonalCommitment>()
    private var projections: [CalendarDate: Projection] = [:]

    public init() {}

    /// The log read and verified up to record `seq` (the end of its batch) and projected as of `asOf`, with the
    /// commitments its erasures up to `seq` name.
    func projection(_ directory: LedgerDirectory, upTo seq: Int64, asOf: CalendarDate) throws(ChainError)
        -> (projection: Projection, erased: Set<PersonalCommitment>)? {
        if seq != self.seq {
            var effective = EffectiveLog(), erased = Set<PersonalCommitment>()
            self.seq = -1; self.effective = EffectiveLog(); self.erased = []; projections = [:]
            let summary = try LogScanner.committedBatches(directory, stopAfterSeq: seq, prepare: { try $0.record() }, batch: { batch in
                for record in batch {
                    effective.apply(record)
                    if case .personalDataErased(let e)? = record.payload.domain { erased.formUnion(e.commitments) }
                }
            })
            guard summary.recordCount >= seq, effective.lastSeq == seq else { return nil }
            self.seq = seq; self.effective = effective; self.erased = erased
        }
        if let made = projections[asOf] { return (made, erased) }
        let made = Projection(log: effective, asOf: asOf)
        projections[asOf] = made
        return (made, erased)
    }
}
