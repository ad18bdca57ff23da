import LedgerEvents

/// One income or spending category of the vocabulary (docs/categories.md): its code as records store it, its
/// names, and the other words clerks write for it.
public struct Category: Sendable, Equatable {
    /// Which movements it classifies.
    public enum Direction: String, Sendable { case income, spending }

    public let code: String
    public let zh: String
    public let en: String
    public let direction: Direction
    /// Other words for it, Chinese and English (matched ignoring case and surrounding spaces).
    public let aliases: [String]
}
