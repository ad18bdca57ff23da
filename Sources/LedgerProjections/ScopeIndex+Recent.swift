import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `index/scopes.recent` (ledger-spec.md 15.5, "The recent links"): the records after `index/scopes`' stamp as a
/// scoped read needs them — each record's entry, the keys it links with the stored block each falls in, and the
/// communities it registers — kept by the writers (`append`, every `import`) under their lock after each batch. A
/// scoped read takes them from here instead of reading, decoding and looking up every record after the stamp; it
/// reads and decodes only those its scope holds (by position, each checked against its hash). The main file's stamp
/// does not move (the rectify refold needs it at or before `rectify.state`, 15.8).
extension ScopeIndex {
    public static let recentFileName = "scopes.recent"
    static let recentKind = "LEDGER-SCOPES-RECENT"
    static let recentVersion: UInt32 = 1

    public static func recentPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + recentFileName }

    /// A record after the stamp as the side file holds it: where it lies, what it links, and the stored block of
    /// each key (-1: no stored block holds it).
    struct RecentItem: Equatable {
        var entry: Entry
        var keys: [UInt64]
        var blocks: [Int32]
        var registrations: [Registration]
        struct Registration: Equatable { var id: String; var street: String }
    }

    /// The side file as read and checked: its items (the records after the index's stamp up to its own stamp, in
    /// seq order) and the point to read the log on from.
    struct Recent {
        /// The items, when read for a scoped read (a writer's open leaves them out: `count` says how many).
        let items: [RecentItem]
        let count: Int
        let resume: ResumePoint
        let header: DerivedStateHeader
        /// The body's bytes after the item count (the items as stored: a writer appends to them).
        let itemBytes: ArraySlice<UInt8>
    }

    /// The body's checksum of the opened index (the 32 bytes after its body): the side file names it.
    static func bodyChecksum(_ opened: Opened) -> Digest32? {
        var bytes: [UInt8] = []
        do { try opened.file.read(at: opened.bodyStart + Int64(opened.header.bodyBytes), count: 32, into: &bytes) } catch { return nil }
        return Digest32(bytes: bytes[...])
    }

    /// Where the side file stands on top of `opened`.
    enum RecentUse {
        /// Usable: its items and resume point.
        case usable(Recent)
        /// None, or one of another `index/scopes` (older, or merged since) or not after it: not used, no notice.
        case none
        /// Damaged, another ledger's, of another version, or stamped at a record the log no longer holds: not used,
        /// with the one-line notice of 15.1.
        case unusable(Problem)
    }

    /// Reads the side file and checks it against `opened` and the log (checks 1–4 of 15.1 on its own header; its
    /// base must be `opened`'s stamp and body checksum; its items the records after that stamp up to its own, in
    /// order, ending with its stamped hash; every block one of `opened`'s).
    static func openRecent(_ opened: Opened, _ directory: LedgerDirectory, keepingItems: Bool = true) -> RecentUse {
        let bytes: [UInt8]
        do { bytes = try PosixFile.readRegularFile(recentPath(directory), bytesMax: 1 << 32, followLinks: false).bytes } catch {
            if case .file(let e) = error, e.isNotFound { return .none }
            return .unusable(.damaged(.inFile(recentFileName, .inputFile(error))))
        }
        let checked: DerivedStateBytes
        do { checked = try DerivedStateFile.check(bytes, kind: recentKind, version: recentVersion) } catch {
            return .unusable(error.derivedStateProblem.inFile(recentFileName))
        }
        let header = checked.header
        guard header.ledgerName == opened.header.ledgerName, header.genesis == opened.header.genesis else {
            return .unusable(.foreign(.inFile(recentFileName, .otherLedgerOrLog)))
        }
        var r = ByteReader(checked.bodyBytes)
        let base = opened.header.stamp
        guard let seq = r.i64(), let hash = r.fixed(32), let sum = r.fixed(32), let count = r.u64() else {
            return .unusable(.damaged(.inFile(recentFileName, .unreadable(.table))))
        }
        // Another index (an older one, or merged or rebuilt since): silently not used, as a recent table of another
        // table (15.4).
        guard seq == base.seq, hash == base.hash.bytes, let own = bodyChecksum(opened), sum == own.bytes,
              header.stamp.seq > base.seq, count == UInt64(header.stamp.seq - base.seq) else { return .none }
        let itemBytes = checked.bodyBytes[r.offset...]
        guard let items = decodeRecentItems(&r, count: Int(count), after: base.seq, blocks: opened.table.blocks.count, keeping: keepingItems),
              items.last?.entry.hash == header.stamp.hash else {
            return .unusable(.damaged(.inFile(recentFileName, .unreadable(.table))))
        }
        let point: ResumePoint
        do { point = try header.check(directory) } catch {
            if case .resumeBeforeAcknowledged = error { return .none }
            return .unusable(error.derivedStateProblem.inFile(recentFileName))
        }
        return .usable(Recent(items: keepingItems ? items : [], count: Int(count), resume: point, header: header, itemBytes: itemBytes))
    }

    static func encode(_ item: RecentItem, _ out: inout ByteWriter) {
        encode(item.entry, &out)
        out.u32(UInt32(item.keys.count))
        for (key, block) in zip(item.keys, item.blocks) { out.u64(key); out.u32(UInt32(bitPattern: block)) }
        out.u32(UInt32(item.registrations.count))
        for registration in item.registrations { out.counted(Array(registration.id.utf8)); out.counted(Array(registration.street.utf8)) }
    }

    /// `count` items, seqs following `after` one by one, each key's block -1 or one of `blocks`; nil when they do not.
    /// With `keeping` false the items are checked alike but not kept (a writer only appends to them): the result is
    /// then empty but for the last item, whose hash the caller compares with the file's stamp.
    static func decodeRecentItems(_ r: inout ByteReader, count: Int, after: Int64, blocks: Int, keeping: Bool = true) -> [RecentItem]? {
        var items: [RecentItem] = []
        if keeping { items.reserveCapacity(min(count, 1 << 20)) }
        func string() -> String? { r.counted(max: 1 << 16).flatMap { String(validating: $0, as: UTF8.self) } }
        // Fields read in place (ByteReader.u32, decodeEntry): an array a field was most of an append's CPU once an
        // import left tens of thousands of records after the index's stamp.
        for n in 0..<count {
            guard r.end - r.offset >= entryBytes, let entry = decodeEntry(r.bytes, at: r.offset, after: after + Int64(n)),
                  entry.seq == after + Int64(n) + 1 else { return nil }
            r.offset += entryBytes
            guard let keyCount = r.u32(), keyCount >= 1, keyCount <= 1 << 16 else { return nil }
            var keys: [UInt64] = [], stored: [Int32] = []
            if keeping { keys.reserveCapacity(Int(keyCount)); stored.reserveCapacity(Int(keyCount)) }
            for _ in 0..<keyCount {
                guard let key = r.u64(), let block = r.u32().map({ Int32(bitPattern: $0) }), block >= -1, Int(block) < blocks else { return nil }
                if keeping { keys.append(key); stored.append(block) }
            }
            guard let registrationCount = r.u32(), registrationCount <= 1 << 16 else { return nil }
            var registrations: [RecentItem.Registration] = []
            for _ in 0..<registrationCount {
                guard let id = string(), let street = string() else { return nil }
                if keeping { registrations.append(.init(id: id, street: street)) }
            }
            if keeping || n == count - 1 {
                items.append(RecentItem(entry: entry, keys: keys, blocks: stored, registrations: registrations))
            }
        }
        return r.isAtEnd ? items : nil
    }

    /// The delta's items as the side file holds them, each key's stored block looked up in `opened`'s node table.
    static func recentItems(_ delta: ArraySlice<DeltaItem>, _ lookup: inout NodeLookup) throws -> [RecentItem] {
        try delta.map { item in
            RecentItem(entry: item.entry, keys: item.links.keys, blocks: try item.links.keys.map { key in Int32(try lookup.block(key) ?? -1) },
                       registrations: item.links.registrations.map { .init(id: $0.id, street: $0.street) })
        }
    }

    /// The side file's bytes: on `opened`, stamped at `stamp` (the last item's record, the end of its batch), the
    /// items already stored (`stored`, as they lie: `count` of them) then `more`.
    static func recentBytes(_ opened: Opened, stamp: StateStamp, stored: ArraySlice<UInt8>, count: Int, more: [RecentItem]) -> [UInt8]? {
        guard let sum = bodyChecksum(opened) else { return nil }
        var body = ByteWriter(capacity: stored.count + more.count * 100 + 80)
        body.i64(opened.header.stamp.seq)
        body.raw(opened.header.stamp.hash.bytes)
        body.raw(sum.bytes)
        body.u64(UInt64(count + more.count))
        body.raw(stored)
        for item in more { encode(item, &body) }
        return DerivedStateFile(kind: recentKind, version: recentVersion, ledgerName: opened.header.ledgerName,
                                genesis: opened.header.genesis, stamp: stamp, body: body.bytes).encoded()
    }

    /// What `keepRecent` did (for tests).
    public enum RecentKept: Equatable, Sendable {
        /// Written at the head: how many records it holds, how many of them were read from the log this time.
        case written(records: Int, read: Int)
        /// Nothing to write: it stood at the head already.
        case current
        /// Removed (or none written): no usable `index/scopes`, none after its stamp, or more than a scoped read
        /// would merge.
        case removed
    }

    /// Brings `index/scopes.recent` to the log's head: the stored items when it is usable on the current
    /// `index/scopes`, and the records after its stamp (read and verified from the log, their keys looked up in the
    /// node table) added; from the index's stamp when it is not. Removed when there is no usable index, nothing
    /// after its stamp, or more records after it than a scoped read would leave unmerged. The caller holds the
    /// writers' lock (`append` and `import`, after their batch is durable). Best effort: a failure leaves no file or
    /// the old one, which a reader checks.
    @discardableResult
    public static func keepRecent(_ directory: LedgerDirectory) -> RecentKept {
        let path = recentPath(directory)
        func removed() -> RecentKept { try? PosixFile.remove(path); return .removed }
        guard let opened = try? open(directory) else { return removed() }
        defer { opened.file.close() }
        var stored: Recent? = nil
        if case .usable(let recent) = openRecent(opened, directory, keepingItems: false) { stored = recent }
        let from = stored?.resume ?? opened.resume
        let stampSeq = opened.header.stamp.seq
        let limit = min(max(stampSeq / 20, 1_000), 50_000)
        // The file holds every record after the index's stamp: past the limit it is removed whatever they are, so
        // decide that from the acknowledged head before reading them (review 42d #1: after a 40,000-row import every
        // append decoded them all, under the writers' lock, only to remove the file).
        if let head = try? AcknowledgedHead.read(directory), head.seq - stampSeq > limit { return removed() }
        var delta: [DeltaItem] = []
        do {
            _ = try readDelta(from: from, directory) { delta += $0 }
        } catch {
            return removed()
        }
        let count = (stored?.count ?? 0) + delta.count
        guard count > 0, count <= limit else { return removed() }
        guard let head = delta.last?.batchEnd else { return stored == nil ? removed() : .current }
        var lookup = NodeLookup(opened)
        guard let more = try? recentItems(delta[...], &lookup),
              let bytes = recentBytes(opened, stamp: head, stored: stored?.itemBytes ?? [], count: stored?.count ?? 0, more: more) else {
            return removed()
        }
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(bytes, to: path, existing: .replaceEntry) } catch { return removed() }
        return .written(records: count, read: delta.count)
    }

    /// What `verify --index` says of the side file, checked on the stored `index/scopes` before the pass rebuilds it
    /// (informative: the pass removes it, and the next writer writes it again): nil when there is none; `.absent` when
    /// it does not continue the stored index (an older one, or none usable), which readers leave unused without a
    /// notice; else intact at its stamp, or its problem.
    public static func recentCheck(_ directory: LedgerDirectory) -> DerivedStateCheck? {
        guard PosixFile.kind(at: recentPath(directory), followLinks: false) != nil else { return nil }
        guard let opened = try? open(directory) else { return .absent }
        defer { opened.file.close() }
        switch openRecent(opened, directory) {
        case .usable(let recent): return .intact(seq: recent.header.stamp.seq)
        case .none: return .absent
        case .unusable(let problem): return .damaged(problem)
        }
    }

    /// Removes the side file (`verify --index`, after rebuilding `index/scopes`: it names the index it replaced).
    public static func removeRecent(_ directory: LedgerDirectory) { try? PosixFile.remove(recentPath(directory)) }
}
