import LedgerEvents

/// The events of one import batch, and the report for the clerk.
public struct ImportPlan: Sendable {
    /// The import's id (`imp-` + the first 16 hex digits of the file's SHA-256, `-2`, `-3`… for later imports
    /// of the same file).
    public let importID: String
    /// `register.imported` followed by `asset.registered`/`asset.updated` in row order; empty when nothing is to
    /// be appended (no changes, or bad rows without `--allow-partial`).
    public let events: ImportEvents
    /// Counts and every problem.
    public internal(set) var report: ImportReport
}
