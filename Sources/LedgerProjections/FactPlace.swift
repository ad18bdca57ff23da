import LedgerEvents

/// Where a fact the domain check names is: a record of the log, or an event of the batch being checked. A value,
/// worded per language where a message is made (`ReferenceWords.place`), never English text read back.
public enum FactPlace: Equatable, Sendable {
    /// The committed record with this seq.
    case record(seq: Int64)
    /// The event of the batch with this id (not yet a record).
    case batchEvent(id: String)

    /// The place in both languages.
    public var wording: Wording { ReferenceWords.place(self) }
}
