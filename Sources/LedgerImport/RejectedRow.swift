import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// A rejected row kept for the rejects file: its cells' raw bytes, so the clerk gets back exactly what was in
/// the file, and the messages.
public struct RejectedRow: Sendable {
    public var rowNumber: Int
    public var rawCells: [[UInt8]]
    public var problems: [RowProblem]
}
