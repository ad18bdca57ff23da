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

extension CityListState {
    /// What `verify --index` found in the file, and the record it was written again at (nil: not written).
    public struct Verification {
        public let check: DerivedStateCheck
        public let rebuiltAt: Int64?
        /// The file passed every check a list makes before use but differs from what the log gives (rewritten
        /// with a valid checksum): lists of its date may have been read from it.
        public var passedListChecks = false
    }

    /// `ledger verify --index` on the file (ledger-spec.md 15.1, 15.12): nil when there is none (only a list knows
    /// which date to make it for). A file that fails checks 1–3 or its layout is damaged and removed (the next
    /// whole-city list of a date makes it again: its date cannot be trusted). A usable one is compared, byte for byte,
    /// with the file a fold of the log up to its stamp makes for its date: intact, or damaged (removed); it is then
    /// brought to the head as a list of its date would (refolded, or folded and written).
    public static func verify(_ directory: LedgerDirectory, folds: CityListFolds) throws(ChainError) -> Verification? {
        let stored: CityListState
        do {
            guard let found = try Self.stored(directory) else { return nil }
            stored = found.state
        } catch {
            try? PosixFile.remove(path(directory))
            return Verification(check: .damaged(error.derivedStateProblem), rebuiltAt: nil)
        }
        let check: DerivedStateCheck
        var differs = false
        if let (projection, erased) = try folds.projection(directory, upTo: stored.stamp.seq, asOf: stored.asOf) {
            let made = CityListState(ledgerName: stored.ledgerName, genesis: stored.genesis, stamp: stored.stamp, asOf: stored.asOf,
                                     lines: Line.lines(of: projection), anomalies: anomalies(projection),
                                     erased: Line.showsPersons ? erased.sorted() : [], persons: persons(projection.facts))
            differs = made.encoded() != stored.encoded()
            check = !differs ? .intact(seq: stored.stamp.seq)
                : .damaged(.damaged(.notTheLogsList(asOf: stored.asOf, seq: stored.stamp.seq)))
        } else {
            check = .damaged(.mismatch(.logEndsBeforeStamp(seq: stored.stamp.seq)))
        }
        if case .damaged = check { try? PosixFile.remove(path(directory)) }
        // Brought to the head (a file stamped at the head and intact is read, and left as it is). Reported as every
        // file of `index/` is: made at the head from the log (`rebuilt from the log at record H`).
        let answer = try Self.answer(directory, asOf: stored.asOf)
        let written = (try? Self.stored(directory))??.state.stamp.seq
        return Verification(check: check, rebuiltAt: written == answer.recordCount ? written : nil, passedListChecks: differs)
    }
}
