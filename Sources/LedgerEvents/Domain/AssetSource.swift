/// Where an asset record came from.
public enum AssetSource: Equatable, Sendable {
    /// Row `row` (1-based data row) of the register imported as `importID`.
    case importRow(importID: String, row: Int64)
    /// Typed in by a clerk.
    case manual
}
