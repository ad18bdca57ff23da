import LedgerEvents
import LedgerPlatform

/// A problem with one cell found while splitting a record; the record is still returned, so every bad row
/// of a file is reported at once.
public struct CSVCellProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A `"` inside a cell that does not start with one.
        case strayQuote
        /// Text after the closing quote of a quoted cell (`"abc"def`).
        case textAfterClosingQuote
    }
    public let kind: Kind
    /// 0-based index of the cell.
    public let fieldIndex: Int

    public init(kind: Kind, fieldIndex: Int) {
        self.kind = kind
        self.fieldIndex = fieldIndex
    }
}
