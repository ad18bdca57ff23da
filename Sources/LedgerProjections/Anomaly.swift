import LedgerChain
import LedgerEvents

/// A record the projector could not use (a payload that does not decode, or a correction of an unknown event).
/// Appended logs never hold one, because `DomainValidator` rejects them; a log written by other tools might.
public struct Anomaly: Equatable, Sendable, CustomStringConvertible {
    public let evidence: Evidence
    public let reason: String
    public var description: String { "\(evidence): \(reason)" }
}
