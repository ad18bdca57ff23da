import LedgerEvents
import LedgerProjections

/// One key's history in the loop: the latest list that issued it and everything said about it since, and the rounds
/// before it when a later list issued the key again (`earlierRounds`).
public struct TrackedKey: Equatable, Sendable {
    /// A report of measures (整改情况).
    public struct Report: Equatable, Sendable {
        public let date: CalendarDate
        public let reportedBy: PersonalText
        public let measures: String
        public let evidence: [RectificationEvidence]
        public let record: Evidence
        /// Its place among the steps of one day (`LoopEvent.position`).
        public let position: Int64
    }

    /// A re-check (复核).
    public struct Verification: Equatable, Sendable {
        public let date: CalendarDate
        public let result: RectificationVerified.Result
        public let reason: String?
        public let verifiedBy: PersonalText
        public let record: Evidence
        /// Its place among the steps of one day (`LoopEvent.position`).
        public let position: Int64
    }

    /// A new deadline (延期).
    public struct Extension: Equatable, Sendable {
        public let date: CalendarDate
        public let deadline: CalendarDate
        public let reason: String
        public let record: Evidence
    }

    public let key: String
    public let communityID: String
    public let listID: String
    public let issuedOn: CalendarDate
    /// The check date of the list that issued it: the problem was there by then (the start of a key without a date,
    /// which the 整改台账 shows when the rules no longer find it).
    public let listAsOf: CalendarDate
    public let issuedRecord: Evidence
    public let responsible: PersonalText
    /// The deadline in force: the issued one, or the latest extension's.
    public internal(set) var deadline: CalendarDate
    public internal(set) var reports: [Report] = []
    public internal(set) var verifications: [Verification] = []
    public internal(set) var extensions: [Extension] = []
    /// Its item as the ledger held it on the check date (`LoopEvent.labels`): the 整改台账 names a key the rules no
    /// longer find by it; nil when the ledger does not hold the item.
    public internal(set) var item: ItemLabel? = nil
    /// The rounds before this one, oldest first, when later lists issued the key again (a 反弹 or a closure while the
    /// problem was still there issued anew): each as it stood when the next list issued the key — its list, day,
    /// responsible party, deadline in force, reports, re-checks and extensions. The 整改台账 keeps every round
    /// (review 43d #7: the first list disappeared from the book once the key was issued again); the status follows
    /// the latest round only. Each earlier round's own `earlierRounds` is empty.
    public internal(set) var earlierRounds: [TrackedKey] = []

    /// What the last step after issuing was: nil (nothing yet), a report, or a re-check. Steps count in the
    /// order they happened — date, then record (the original's, for a corrected step) — as the fold reads them,
    /// so a report typed in after a re-check but dated before it does not undo the re-check.
    public var lastStep: LastStep? {
        let report = reports.last, check = verifications.last
        switch (report, check) {
        case (nil, nil): return nil
        case (let r?, nil): return .reported(r)
        case (nil, let v?): return .verified(v)
        case (let r?, let v?): return (r.date, r.position) > (v.date, v.position) ? .reported(r) : .verified(v)
        }
    }

    public enum LastStep: Equatable, Sendable {
        case reported(Report)
        case verified(Verification)
    }

    /// The day the office closed it (销号), when its last re-check closed it.
    public var closedOn: CalendarDate? {
        if case .verified(let v)? = lastStep, v.result == .closed { return v.date }
        return nil
    }

    /// Every record of its history, every round's, in seq order.
    public var records: [Evidence] {
        (earlierRounds.flatMap(\.records) + [issuedRecord] + reports.map(\.record) + verifications.map(\.record)
            + extensions.map(\.record)).sorted()
    }

    /// The key issued anew by a later list (`next`, a fresh round): this history becomes its last earlier round.
    func reissued(as next: TrackedKey) -> TrackedKey {
        var previous = self, next = next
        previous.earlierRounds = []
        next.earlierRounds = earlierRounds + [previous]
        return next
    }
}
