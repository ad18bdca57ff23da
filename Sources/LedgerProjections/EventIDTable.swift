import LedgerPlatform

/// Event id → (seq, type) of the first record with that id: `EffectiveLog.recordsByEventID`, on an `IdInterner`
/// (a correction names the event it corrects by id, so every record's id is noted, one hash each).
public struct EventIDTable: Sendable {
    private var interner = IdInterner()
    private var records: [(seq: Int64, type: String)] = []

    public init() {}

    /// The seq and type of the first record with event id `id`, if any.
    public subscript(id: String) -> (seq: Int64, type: String)? {
        interner.find(id).map { records[$0] }
    }

    /// How many distinct event ids the table holds.
    public var count: Int { records.count }

    mutating func reserveCapacity(_ count: Int) {
        interner.reserve(count)
        records.reserveCapacity(count)
    }

    /// Notes the record at `seq` under `id` unless a record already has that id (the first one wins).
    mutating func noteFirst(_ id: String, seq: Int64, type: @autoclosure () -> String) {
        if interner.intern(id).added { records.append((seq, type())) }
    }
}
