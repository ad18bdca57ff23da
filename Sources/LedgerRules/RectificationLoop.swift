import LedgerEvents
import LedgerProjections

/// The state of the rectification loop: every key ever issued, folded from the loop's events.
///
/// A key issued again by a later list starts a new round: the status follows it, and the old round (its list,
/// deadline, reports, re-checks and extensions) is kept as it stood, in `TrackedKey.earlierRounds`. Reports, re-checks and extensions name a list and its keys; a step naming a key the
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

    /// The loop's events among the projection's facts (a whole-city list gathers them part by part), an issued
    /// list's with the items of its keys as the projection holds them (`LoopEvent.labels`: an issued list and its
    /// community's items are folded in one part of the city).
    public static func events(in projection: Projection) -> [LoopEvent] {
        var events: [LoopEvent] = []
        for fact in projection.facts {
            guard let payload = LoopEvent.Payload(fact.payload) else { continue }
            var labels: [String: ItemLabel] = [:]
            if case .issued(let list) = payload {
                for item in list.items {
                    let key = FindingKey.current(item.key)
                    if let label = ItemLabel.of(key: key, in: projection) { labels[key] = label }
                }
            }
            events.append(LoopEvent(date: fact.occurredOn, evidence: fact.evidence, payload: payload, position: fact.position,
                                    labels: labels))
        }
        return events
    }

    mutating func apply(_ event: LoopEvent) {
        // Keys are read in this release's form (`FindingKey.current`): a list issued before IDLE-01, FUND-06 and
        // FUND-04 on a decision's cap lost their date still finds its findings, and its steps name its keys as issued.
        func each(_ listID: String, _ keys: [String], _ body: (inout TrackedKey) -> Void) {
            for issued in keys {
                let key = FindingKey.current(issued)
                guard var t = tracked[key], t.listID == listID else { continue }
                body(&t)
                tracked[key] = t
            }
        }
        switch event.payload {
        case .issued(let list):
            for item in list.items {
                let key = FindingKey.current(item.key)
                let round = TrackedKey(key: key, communityID: list.communityID, listID: list.listID,
                                       issuedOn: event.date, listAsOf: list.asOf, issuedRecord: event.evidence,
                                       responsible: item.responsible, deadline: item.deadline, item: event.labels[key])
                // A key named twice by one list (two issued forms of one current key) is one round: the later
                // naming's party and deadline, the rounds before the list kept (review 44d #4: they were dropped).
                if let old = tracked[key], old.issuedRecord != event.evidence {
                    tracked[key] = old.reissued(as: round)
                } else if let old = tracked[key] {
                    var same = round
                    same.earlierRounds = old.earlierRounds
                    tracked[key] = same
                } else {
                    tracked[key] = round
                }
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
