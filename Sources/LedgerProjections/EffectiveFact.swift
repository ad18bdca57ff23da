import LedgerChain
import LedgerEvents

/// A fact as it stands after corrections: an uncorrected event, or the replacement a correction put in its place.
public struct EffectiveFact: Equatable, Sendable {
    /// Seq of the original record; orders facts of one business date (`occurredOn`, then `position`).
    public let position: Int64
    /// The record whose content is in effect: the event itself, or the correction that replaced it.
    public let evidence: Evidence
    /// The original record when this fact is a correction's replacement.
    public let replaces: Evidence?
    /// Business date of the fact (the replacement's own `occurred_on` for a replacement).
    public let occurredOn: CalendarDate
    public let actor: String
    public let payload: DomainEvent

    public init(position: Int64, evidence: Evidence, replaces: Evidence?, occurredOn: CalendarDate, actor: String, payload: DomainEvent) {
        self.position = position
        self.evidence = evidence
        self.replaces = replaces
        self.occurredOn = occurredOn
        self.actor = actor
        self.payload = payload
    }

    /// The id of the record first made for this fact: the corrected (original) event's for a replacement (a
    /// correction cannot correct another, so its target is always the first record), else the event's own. Findings
    /// about a record are keyed by it, so a correction keeps their keys (ledger-spec.md 13.1).
    public var recordID: String { replaces?.eventID ?? evidence.eventID }

    /// Every record this fact rests on: the original and, for a replacement, the correction.
    public var allEvidence: [Evidence] { replaces.map { [$0, evidence] } ?? [evidence] }

    /// Fold order: business date, then log position.
    public static func foldOrder(_ a: EffectiveFact, _ b: EffectiveFact) -> Bool {
        a.occurredOn != b.occurredOn ? a.occurredOn < b.occurredOn : a.position < b.position
    }
}
