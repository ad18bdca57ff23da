import LedgerEvents

/// How each column of the header is used.
public enum ColumnRole: Equatable, Sendable {
    case field(RegisterField)
    /// Kept under this key in `attributes`.
    case attribute(String)
    /// Read and thrown away.
    case ignored
    /// The heading is empty: cells must be empty too.
    case unnamed
}
