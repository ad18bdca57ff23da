import LedgerChain
import LedgerEvents

/// A record the projector could not use (a payload that does not decode, or a correction of an unknown event).
/// Appended logs never hold one, because `DomainValidator` rejects them; a log written by other tools might.
public struct Anomaly: Equatable, Sendable, CustomStringConvertible {
    public let evidence: Evidence
    /// Why, as a kind and its values (worded in English and Chinese).
    public let kind: AnomalyReason
    /// The English text (`kind.en`), as the derived files store it.
    public var reason: String { kind.en }
    public var description: String { "\(evidence): \(reason)" }

    public init(evidence: Evidence, kind: AnomalyReason) {
        self.evidence = evidence
        self.kind = kind
    }

    /// An anomaly read back from its stored English text (`AnomalyReason.init(stored:)`).
    public init(evidence: Evidence, reason: String) {
        self.init(evidence: evidence, kind: AnomalyReason(stored: reason))
    }
}
