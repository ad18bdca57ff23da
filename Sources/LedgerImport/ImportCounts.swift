import LedgerEvents

/// Row counts of an import.
public struct ImportCounts: Equatable, Sendable {
    /// Data rows read (blank rows excluded).
    public var read = 0
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// Rows with every cell empty, skipped.
    public var blank = 0
    /// Rows read without a problem that make no event (a statement line of 0.00): neither new nor good rows.
    public var skipped = 0

    public init() {}
}
