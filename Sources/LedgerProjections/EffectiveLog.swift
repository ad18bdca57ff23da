import LedgerChain
import LedgerEvents

/// The record that states a fact: its position in the log and its event id. Findings and reports cite these.
public struct Evidence: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seq: Int64
    public let eventID: String

    public init(seq: Int64, eventID: String) {
        self.seq = seq
        self.eventID = eventID
    }

    public static func < (lhs: Evidence, rhs: Evidence) -> Bool { lhs.seq < rhs.seq }
    public var description: String { "#\(seq) \(eventID)" }
}

/// A fact as it stands after corrections: an uncorrected event, or the replacement a correction put in its place.
public struct Fact: Equatable, Sendable {
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

    /// Every record this fact rests on: the original and, for a replacement, the correction.
    public var allEvidence: [Evidence] { replaces.map { [$0, evidence] } ?? [evidence] }

    /// Fold order: business date, then log position.
    public static func foldOrder(_ a: Fact, _ b: Fact) -> Bool {
        a.occurredOn != b.occurredOn ? a.occurredOn < b.occurredOn : a.position < b.position
    }
}

/// A correction as applied: which event it voided, and whether it put a replacement in its place.
public struct AppliedCorrection: Equatable, Sendable {
    public let evidence: Evidence
    public let occurredOn: CalendarDate
    public let corrected: Evidence
    public let reason: String
    public let hasReplacement: Bool
}

/// A record the projector could not use (a payload that does not decode, or a correction of an unknown event).
/// Appended logs never hold one, because `DomainValidator` rejects them; a log written by other tools might.
public struct Anomaly: Equatable, Sendable, CustomStringConvertible {
    public let evidence: Evidence
    public let reason: String
    public var description: String { "\(evidence): \(reason)" }
}

/// The log after corrections, built record by record in seq order (ledger-spec.md, "Projections"): a correction
/// voids the event it names from the correction's seq on; its replacement, if any, takes the voided event's place.
/// Feeding records 1…k and then k+1…n gives the same result as feeding 1…n in one go.
public struct EffectiveLog: Sendable {
    /// Seq of the last record applied, 0 for none.
    public private(set) var lastSeq: Int64 = 0
    /// Facts in effect, by position (the original record's seq).
    public private(set) var facts: [Int64: Fact] = [:]
    /// Every correction applied so far, in seq order.
    public private(set) var corrections: [AppliedCorrection] = []
    public private(set) var anomalies: [Anomaly] = []
    /// Event id → (seq, type) of every record applied.
    public private(set) var recordsByEventID: [String: (seq: Int64, type: String)] = [:]

    public init() {}

    /// Builds the effective log of `records` (in seq order), stopping after seq `atSeq` when given.
    /// - Complexity: O(n) in the number of records.
    public init(records: some Sequence<Record>, atSeq: Int64? = nil) {
        for record in records {
            if let atSeq, record.seq > atSeq { break }
            apply(record)
        }
    }

    /// Applies the next record. Records must come in seq order without gaps; anything else is a programmer
    /// error (the chain reader guarantees it) and traps.
    public mutating func apply(_ record: Record) {
        precondition(record.seq == lastSeq + 1, "records are applied in seq order without gaps")
        lastSeq = record.seq
        let evidence = Evidence(seq: record.seq, eventID: record.id)
        if recordsByEventID[record.id] == nil { recordsByEventID[record.id] = (record.seq, record.type) }
        let payload: DomainEvent
        do {
            payload = try DomainEvent.decode(type: record.type, occurredOn: record.occurredOn, data: record.data)
        } catch {
            anomalies.append(Anomaly(evidence: evidence, reason: "payload not understood: \(error)"))
            return
        }
        guard case .correction(let correction) = payload else {
            facts[record.seq] = Fact(position: record.seq, evidence: evidence, replaces: nil, occurredOn: record.occurredOn,
                                     actor: record.actor, payload: payload)
            return
        }
        guard let target = recordsByEventID[correction.corrects], target.seq < record.seq else {
            anomalies.append(Anomaly(evidence: evidence, reason: "corrects unknown event \"\(correction.corrects)\""))
            return
        }
        guard target.type != EventType.correction.rawValue else {
            anomalies.append(Anomaly(evidence: evidence, reason: "corrects another correction \"\(correction.corrects)\""))
            return
        }
        let original = Evidence(seq: target.seq, eventID: correction.corrects)
        if let replacement = correction.replacement {
            facts[target.seq] = Fact(position: target.seq, evidence: evidence, replaces: original, occurredOn: replacement.occurredOn,
                                     actor: record.actor, payload: replacement.payload)
        } else {
            facts[target.seq] = nil
        }
        corrections.append(AppliedCorrection(evidence: evidence, occurredOn: record.occurredOn, corrected: original,
                                             reason: correction.reason, hasReplacement: correction.replacement != nil))
    }

    /// Facts that occurred on or before `asOf` (all when nil), in fold order.
    /// - Complexity: O(n log n).
    public func orderedFacts(asOf: CalendarDate?) -> [Fact] {
        // Sort small plain keys, not the facts: moving a Fact retains and releases its payload's storage, which
        // made the sort the most expensive step of a projection.
        var keys: [(day: Int, position: Int64)] = []
        keys.reserveCapacity(facts.count)
        let lastDay = asOf?.dayNumber ?? Int.max
        for (position, fact) in facts {
            let day = fact.occurredOn.dayNumber
            if day <= lastDay { keys.append((day, position)) }
        }
        keys.sort { $0.day != $1.day ? $0.day < $1.day : $0.position < $1.position }
        return keys.map { facts[$0.position]! }
    }
}
