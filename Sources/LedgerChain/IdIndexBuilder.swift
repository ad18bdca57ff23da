import LedgerPlatform

/// The id tables built from a pass over the whole log that other derived files share (`IndexRebuild`, ledger-spec.md
/// section 15.6): each verified line gives one 24-byte entry (no id text is kept), and `write` puts the base table in
/// place under the writers' lock, exactly as a writer's own rebuild would.
public struct IdIndexBuilder {
    var entries: [IdEntry] = []

    /// Reserves room for the log's records once (a rebuild of 10 million records would otherwise double its array
    /// several times).
    public init(_ directory: LedgerDirectory) {
        entries.reserveCapacity(IdIndex.expectedRecords(directory))
    }

    init(entries: [IdEntry]) { self.entries = entries }

    /// A builder with no entries (an empty log).
    public static var empty: IdIndexBuilder { IdIndexBuilder(entries: []) }

    /// Notes one verified line, in seq order (`write` drops those after the head: a torn tail's).
    public mutating func add(_ line: VerifiedLine) {
        entries.append(IdEntry(key: IdEntry.key(line.idBytes), location: line.location))
    }

    /// Writes the base table (removing the levels above it) stamped at `head`, under the writers' lock, waiting for it at
    /// most `lockWaitMilliseconds`. Best effort: a writer holding the lock, a table another process has made usable
    /// meanwhile, or a ledger that cannot be written leaves the tables as they are (the writer rebuilds its own).
    /// - Returns: the seq the table was written at, or nil.
    public mutating func write(_ directory: LedgerDirectory, genesis: StateStamp, head: StateStamp,
                               lockWaitMilliseconds: Int = 0) -> Int64? {
        if entries.count > Int(head.seq) { entries.removeLast(entries.count - Int(head.seq)) }
        guard !entries.isEmpty, entries.last?.seq == head.seq,
              let lock = try? LogWriter.takeWritersLock(directory, waitMilliseconds: lockWaitMilliseconds) else { return nil }
        defer { lock.unlock(); lock.close() }
        // A writer may have rebuilt the tables since the caller found them missing: keep a usable base.
        if let table = try? IdTable.open(path: IdIndex.basePath(directory)),
           (try? IdIndex.check(table, level: 1, directory)) != nil, table.header.fromSeq == 0 {
            return nil
        }
        let index = IdIndex(directory: directory, policy: .standard)
        index.rebuild(entries: &entries, genesis: genesis, head: head)
        return index.base?.isInMemory == false ? head.seq : nil
    }
}
