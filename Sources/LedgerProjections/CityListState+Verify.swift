import LedgerChain
import LedgerEvents
import LedgerPlatform

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
