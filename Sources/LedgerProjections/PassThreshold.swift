import LedgerEvents

/// The pass threshold a matter needs under Civil Code Art. 278.
public enum PassThreshold: String, Sendable, Equatable {
    /// Items (6), (7), (8): approving ≥ 3/4 of the participants, by area and by headcount.
    case threeQuarters = "three_quarters"
    /// All other items: approving > 1/2 of the participants ("过半数" is strict, Art. 1259), by area and by headcount.
    case majority
}
