import LedgerChain
import LedgerEvents

/// A correction as applied: which event it voided, and whether it put a replacement in its place.
public struct AppliedCorrection: Equatable, Sendable {
    public let evidence: Evidence
    public let occurredOn: CalendarDate
    public let corrected: Evidence
    public let reason: String
    public let hasReplacement: Bool
}
