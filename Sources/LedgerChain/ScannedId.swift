import LedgerPlatform

/// What the writer keeps of a line while reading the log: its key and place, and the id itself (for the delta)
/// and the record (for a visitor) when asked.
struct ScannedId {
    let entry: IdEntry
    let id: String?
    let hash: Digest32
    let record: Record?

    init(_ line: VerifiedLine, keepId: Bool, record: Record?) {
        entry = IdEntry(key: IdEntry.key(line.idBytes), location: line.location)
        id = keepId ? String(decoding: line.idBytes, as: UTF8.self) : nil
        hash = line.hash
        self.record = record
    }
}
