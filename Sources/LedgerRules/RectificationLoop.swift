import LedgerEvents
import LedgerProjections

/// One event of the rectification loop as the rules read it: its business date, its record and what it says.
public struct LoopEvent: Equatable, Sendable {
    public enum Payload: Equatable, Sendable {
        case issued(RectificationIssued)
        case reported(RectificationReported)
        case verified(RectificationVerified)
        case extended(RectificationExtended)
    }

    public let date: CalendarDate
    public let evidence: Evidence
    public let payload: Payload
    /// Its place among the events of one day: the seq of the original record (a corrected event keeps the place
    /// of the one it replaces, as the projection folds it).
    public let position: Int64

    /// - Parameter position: the original record's seq; nil for `evidence.seq` (an event never corrected).
    public init(date: CalendarDate, evidence: Evidence, payload: Payload, position: Int64? = nil) {
        self.date = date
        self.evidence = evidence
        self.payload = payload
        self.position = position ?? evidence.seq
    }
}

/// Where a finding stands in the loop (交办 → 整改 → 复核 → 销号) on the check date.
public enum LoopStatus: String, CaseIterable, Sendable, Comparable {
    /// 新发现: found, never issued.
    case new
    /// 已交办: issued, within its deadline.
    case issued
    /// 逾期: issued, past its deadline, nothing reported.
    case overdue
    /// 已报整改待复核: the community reported measures; the office has not re-checked since.
    case reported
    /// 复核未通过: the office's re-check did not accept the measures; nothing reported since.
    case rejected
    /// 待复核: issued, and the rules no longer find the problem (or find it remedied, ratified or ended), but no
    /// re-check closed it: the office must confirm before closing it.
    case toVerify = "to_verify"
    /// 反弹: closed, but the rules find the same problem on the check date (the same key, or the same rule on the
    /// same item starting after the closure).
    case recurring
    /// 已销号: closed by the office's re-check, and not found again.
    case closed

    public var labelZh: String {
        switch self {
        case .new: return "新发现"
        case .issued: return "已交办"
        case .overdue: return "逾期"
        case .reported: return "已报整改待复核"
        case .rejected: return "复核未通过"
        case .toVerify: return "待复核"
        case .recurring: return "反弹"
        case .closed: return "已销号"
        }
    }

    public var labelEn: String {
        switch self {
        case .new: return "new"
        case .issued: return "issued"
        case .overdue: return "overdue"
        case .reported: return "reported, awaiting re-check"
        case .rejected: return "re-check failed"
        case .toVerify: return "to re-check"
        case .recurring: return "recurring"
        case .closed: return "closed"
        }
    }

    /// Finds a status by its code (`to_verify`), its Chinese label (待复核) or its English label.
    public init?(code: String) {
        let lower = code.lowercased()
        guard let found = LoopStatus.allCases.first(where: { $0.rawValue == lower || $0.labelZh == code || $0.labelEn == lower })
        else { return nil }
        self = found
    }

    private var rank: Int { LoopStatus.allCases.firstIndex(of: self)! }
    public static func < (lhs: LoopStatus, rhs: LoopStatus) -> Bool { lhs.rank < rhs.rank }
}

/// One key's history in the loop: the latest list that issued it and everything said about it since.
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
    public let issuedRecord: Evidence
    public let responsible: PersonalText
    /// The deadline in force: the issued one, or the latest extension's.
    public internal(set) var deadline: CalendarDate
    public internal(set) var reports: [Report] = []
    public internal(set) var verifications: [Verification] = []
    public internal(set) var extensions: [Extension] = []

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

    /// Every record of its history, in seq order.
    public var records: [Evidence] {
        ([issuedRecord] + reports.map(\.record) + verifications.map(\.record) + extensions.map(\.record)).sorted()
    }
}

/// The state of the rectification loop: every key ever issued, folded from the loop's events.
///
/// A key issued again by a later list starts a new round (its earlier reports and re-checks belong to the old
/// round and are dropped). Reports, re-checks and extensions name a list and its keys; a step naming a key the
/// list did not issue is ignored here (append refuses it, ledger-spec.md section 10).
public struct RectificationLoop: Equatable, Sendable {
    /// Key → its history.
    public private(set) var tracked: [String: TrackedKey] = [:]

    public init() {}

    /// Folds `events` in order (business date, then position: the projection's fold order).
    public init(events: [LoopEvent]) {
        let ordered = events.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.element.position < b.element.position
        }
        for (_, event) in ordered { apply(event) }
    }

    /// The loop's events among the projection's facts (as of its date and seq), folded.
    public init(projection: Projection) {
        self.init(events: Self.events(in: projection))
    }

    /// The loop's events among the projection's facts (a whole-city list gathers them part by part).
    public static func events(in projection: Projection) -> [LoopEvent] {
        var events: [LoopEvent] = []
        for fact in projection.facts {
            guard let payload = LoopEvent.Payload(fact.payload) else { continue }
            events.append(LoopEvent(date: fact.occurredOn, evidence: fact.evidence, payload: payload, position: fact.position))
        }
        return events
    }

    mutating func apply(_ event: LoopEvent) {
        func each(_ listID: String, _ keys: [String], _ body: (inout TrackedKey) -> Void) {
            for key in keys {
                guard var t = tracked[key], t.listID == listID else { continue }
                body(&t)
                tracked[key] = t
            }
        }
        switch event.payload {
        case .issued(let list):
            for item in list.items {
                tracked[item.key] = TrackedKey(key: item.key, communityID: list.communityID, listID: list.listID,
                                               issuedOn: event.date, issuedRecord: event.evidence,
                                               responsible: item.responsible, deadline: item.deadline)
            }
        case .reported(let r):
            each(r.listID, r.keys) {
                $0.reports.append(.init(date: event.date, reportedBy: r.reportedBy, measures: r.measures, evidence: r.evidence,
                                        record: event.evidence, position: event.position))
            }
        case .verified(let v):
            each(v.listID, v.keys) {
                $0.verifications.append(.init(date: event.date, result: v.result, reason: v.reason, verifiedBy: v.verifiedBy,
                                              record: event.evidence, position: event.position))
            }
        case .extended(let x):
            each(x.listID, x.keys) {
                $0.deadline = x.deadline
                $0.extensions.append(.init(date: event.date, deadline: x.deadline, reason: x.reason, record: event.evidence))
            }
        }
    }
}
