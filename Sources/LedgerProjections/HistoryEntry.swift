import LedgerChain
import LedgerEvents

/// One record of an entity's history.
public struct HistoryEntry: Equatable, Sendable {
    public let record: Record
    public let status: HistoryStatus
}
