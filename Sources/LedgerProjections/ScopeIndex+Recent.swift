import LedgerChain
import LedgerEvents
import LedgerPlatform
import Synchronization

/// `index/scopes.recent` (ledger-spec.md 15.5, "The recent links"): the records after `index/scopes`' stamp grouped as
/// a scoped read groups them, kept by the writers (`append`, every `import`) under their lock after each batch. The
/// file holds the grouping itself — a forest of nodes (the stored blocks the records fall in, and nodes of their own
/// for records that fall in none), each record's node, the keys first named after the stamp with their node, and the
/// communities registered — so that a scoped read takes the scope's records from it without decoding or grouping
/// the others, and a writer adds its batch without regrouping what the file holds. The main file's stamp does not
/// move (the rectify refold needs it at or before `rectify.state`, 15.8).
extension ScopeIndex {
    public static let recentFileName = "scopes.recent"
    static let recentKind = "LEDGER-SCOPES-RECENT"
    /// 3: the records sealed in segments of `scopes.recent.sealed`, only the tail written whole (session 49); 2 the
    /// grouping kept in one file written whole by every writer (session 44); 1 held each record's keys, grouped again
    /// by every read.
    static let recentVersion: UInt32 = 3
    /// No stored block (a node of its own).
    static let noBlock = UInt32.max
    static let recentNodeBytes = 16
    static let recentKeyBytes = 12

    public static func recentPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + recentFileName }

    /// A node of the side file's forest: a stored block (`block`), or a group of records after the stamp that no
    /// stored block holds (`block` nil, `key` one of its keys, the element a read groups it by); `parent` its parent
    /// (itself at a root).
    struct RecentNode: Equatable, Sendable {
        var parent: Int
        var block: Int?
        var key: UInt64
    }

    /// A community registered by a record after the stamp, with the node of that record.
    struct RecentRegistration: Equatable, Sendable {
        var node: Int
        var id: String
        var street: String
    }

    /// The side file as read and checked: its layout (`RecentLayout`: the records after the index's stamp up to its
    /// own stamp, in seq order, the first `sealedCount` of them in the sealed file), the sealed file opened, its
    /// header, and the point to read the log on from. Its layout's parts read as its own (`recent.count`,
    /// `recent.nodes`, …).
    @dynamicMemberLookup
    struct Recent {
        let layout: RecentLayout
        let sealed: SealedRecords?
        let resume: ResumePoint
        let header: DerivedStateHeader

        subscript<T>(dynamicMember part: KeyPath<RecentLayout, T>) -> T { layout[keyPath: part] }

        /// The `n`th record's entry: from the sealed file (its part checked) or the tail.
        func entry(_ n: Int) throws(RecentDamaged) -> Entry {
            if n < layout.sealedCount, let sealed { return try sealed.entry(n) }
            return layout.tailEntry(n - layout.sealedCount)
        }

        /// Every sealed record's node (read and checked once), then the tail's: the `n`th record's node is
        /// `nodes[n]` below the sealed count, `layout.tailItemNode(n - sealedCount)` above.
        func sealedNodes() throws(RecentDamaged) -> [UInt32] { try sealed?.itemNodes() ?? [] }

        /// The node of `key` when a record of the side file first named it (the tail's key table, then the sealed
        /// segments' pages).
        func node(forKey key: UInt64) throws(RecentDamaged) -> Int? {
            if let node = layout.tailNode(forKey: key) { return node }
            return try sealed?.node(forKey: key)
        }
    }

    /// The side file's tail as `decodeRecent` checked it: the sealed segments' directory, the entries and nodes of
    /// the tail's records read in place, the small parts (nodes, registrations) decoded.
    struct RecentLayout: Sendable {
        /// How many records it holds (sealed and in the tail).
        let count: Int
        /// The first `sealedCount` records lie in the sealed file's `segments` (`sealedBytes` its length they rest on).
        let sealedCount: Int
        let segments: [SealedSegment]
        let sealedBytes: Int64
        let body: ArraySlice<UInt8>
        let nodes: [RecentNode]
        /// Each node's root.
        let roots: [Int]
        let registrations: [RecentRegistration]
        let keyCount: Int
        /// Where the parts lie in `body` (its indices).
        let entriesAt: Int, itemNodesAt: Int, registrationsAt: Int, registrationsEnd: Int, keysAt: Int

        /// The records in the tail.
        var tailCount: Int { count - sealedCount }
        /// The tail's `i`th record's entry (checked when the file was opened).
        func tailEntry(_ i: Int) -> Entry { ScopeIndex.decodeRecentEntry(body, at: entriesAt + i * ScopeIndex.entryBytes, after: Int64.min)! }
        /// The tail's `i`th record's node.
        func tailItemNode(_ i: Int) -> Int { Int(ScopeIndex.u32(body, at: itemNodesAt + i * 4)) }
        /// The `n`th key of the key table and its node.
        func keyRow(_ n: Int) -> (key: UInt64, node: Int) {
            let at = keysAt + n * ScopeIndex.recentKeyBytes
            return (Bytes.u64(body, at: at), Int(ScopeIndex.u32(body, at: at + 8)))
        }
        /// The node of `key` when a record of the tail first named it (binary search of the tail's key table).
        func tailNode(forKey key: UInt64) -> Int? {
            let at = insertionIndex(key)
            guard at < keyCount else { return nil }
            let row = keyRow(at)
            return row.key == key ? row.node : nil
        }
        /// Where `key` goes in the key table (the first row with a key not smaller).
        func insertionIndex(_ key: UInt64) -> Int {
            var lo = 0, hi = keyCount
            while lo < hi { let mid = (lo + hi) / 2; if keyRow(mid).key < key { lo = mid + 1 } else { hi = mid } }
            return lo
        }
    }

    @inline(__always)
    static func u32(_ bytes: ArraySlice<UInt8>, at i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    /// The body's checksum of the opened index (the 32 bytes after its body): the side file names it.
    static func bodyChecksum(_ opened: Opened) -> Digest32? {
        var bytes: [UInt8] = []
        do { try opened.file.read(at: opened.bodyStart + Int64(opened.header.bodyBytes), count: 32, into: &bytes) } catch { return nil }
        return Digest32(bytes: bytes[...])
    }

    /// The side file this process checked last: its name, the identity of the file read (device, inode, change
    /// times: `FileStatus.identity`), its bytes and layout (for the index of that many blocks).
    static let recentChecked = Mutex<(path: String, identity: [Int64], blocks: Int, checked: DerivedStateBytes, layout: RecentLayout)?>(nil)

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
    /// base must be `opened`'s stamp and body checksum; its layout by `decodeRecent`). Readers and the writer open
    /// it alike.
    /// `strict` (`recentCheck`): a sealed file missing or continuing another index is damage (`openSealed`).
    static func openRecent(_ opened: Opened, _ directory: LedgerDirectory, strict: Bool = false) -> RecentUse {
        let path = recentPath(directory), blocks = opened.table.blockCount
        func unreadable(_ error: InputFileError) -> RecentUse {
            if case .file(let e) = error, e.isNotFound { return .none }
            return .unusable(.damaged(.inFile(recentFileName, .inputFile(error))))
        }
        // The file this process checked last, when the name still holds it (an append's writer opens the file its own
        // read checked moments before, under the same writers' lock): not read, hashed or decoded again. A writer
        // replaces the file (a new inode), and a change in place moves its change time. What is taken from it is
        // checked against `opened` and the log below as a file just read is.
        let status: FileStatus
        do { let (file, found) = try PosixFile.openRegular(path, followLinks: false); file.close(); status = found } catch {
            return unreadable(error)
        }
        guard status.size <= 1 << 32 else {
            return .unusable(.damaged(.inFile(recentFileName, .inputFile(.tooLarge(path: path, size: status.size, bytesMax: 1 << 32)))))
        }
        let earlier = recentChecked.withLock { last -> (DerivedStateBytes, RecentLayout)? in
            guard let last, last.path == path, last.blocks == blocks, last.identity == status.identity else { return nil }
            return (last.checked, last.layout)
        }
        let checked: DerivedStateBytes
        var identity = status.identity
        if let earlier { checked = earlier.0 } else {
            // One read into one buffer (the file is megabytes after an import).
            let read: (bytes: [UInt8], status: FileStatus)
            do { read = try DerivedStateFile.readWhole(path) } catch { return unreadable(error) }
            do { checked = try DerivedStateFile.check(read.bytes, kind: recentKind, version: recentVersion) } catch {
                return .unusable(error.derivedStateProblem.inFile(recentFileName))
            }
            identity = read.status.identity
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
              header.stamp.seq > base.seq, count == UInt64(header.stamp.seq - base.seq) else {
            // `verify --index` (session 52): only an older index is left by a writer (a crash between a merge or a
            // rebuild and the side file's removal); one naming this index's stamp with another hash or body, or a later
            // one, or a record count that is not its stamp's, was rewritten (its checksum too). Readers do not use it
            // either way — no answer changes — but the file is not what the log gives: damage.
            if strict, seq >= base.seq, let own = bodyChecksum(opened) {
                let continues = seq == base.seq && hash == base.hash.bytes && sum == own.bytes
                return .unusable(.damaged(.inFile(recentFileName, continues ? .outOfRange(.count(.record)) : .doesNotContinue(fileName, endsAt: base.seq))))
            }
            return .none
        }
        guard let layout = earlier?.1 ?? decodeRecent(&r, count: Int(count), after: base.seq, blocks: blocks) else {
            return .unusable(.damaged(.inFile(recentFileName, .unreadable(.table))))
        }
        // The sealed file it names (opened, its header and length checked; its parts are checked as they are read).
        var sealed: SealedRecords? = nil
        switch openSealed(directory, segments: layout.segments, length: layout.sealedBytes, base: base, nodeCount: layout.nodes.count,
                          strict: strict) {
        case nil: return .none
        case .success(let file)?: sealed = file
        case .failure(let damage)?: return .unusable(damage.problem)
        }
        let last: Entry
        if layout.tailCount > 0 { last = layout.tailEntry(layout.tailCount - 1) } else {
            do { last = try sealed!.entry(layout.count - 1) } catch { return .unusable(error.problem) }
        }
        guard last.hash == header.stamp.hash else { return .unusable(.damaged(.inFile(recentFileName, .unreadable(.table)))) }
        if earlier == nil { recentChecked.withLock { $0 = (path, identity, blocks, checked, layout) } }
        let point: ResumePoint
        do { point = try header.check(directory) } catch {
            if case .resumeBeforeAcknowledged = error { return .none }
            return .unusable(error.derivedStateProblem.inFile(recentFileName))
        }
        return .usable(Recent(layout: layout, sealed: sealed, resume: point, header: header))
    }

    /// The side file's parts after the item count, checked (nil when they are not): the sealed part (`decodeSealed`:
    /// the first records, in the sealed file's segments); u64 node count, u64 registration count, u64 key count (the
    /// tail's); the tail's entries (the records after the sealed ones), their seqs following `after` and the sealed
    /// records one by one; each tail record's node (u32);
    /// the nodes (u32 parent, u32 stored block or `noBlock`, u64 key: 0 for a block's node), every parent chain
    /// ending at a root, each stored block one of `blocks` and at most one node's; the registrations (u32 node,
    /// bytes id, bytes street); the keys (u64 key, u32 node), strictly increasing. The resume point is left to the
    /// caller (a placeholder here).
    static func decodeRecent(_ r: inout ByteReader, count total: Int, after base: Int64, blocks: Int) -> RecentLayout? {
        guard total >= 1, let (segments, sealedCount, sealedBytes) = decodeSealed(&r, total: total) else { return nil }
        let count = total - sealedCount, after = base + Int64(sealedCount)
        guard let nodeCount = r.u64(), let registrationCount = r.u64(), let keyCount = r.u64() else { return nil }
        let left = UInt64(r.end - r.offset)
        // Each part's size bounded by the bytes left before anything is reserved for it.
        guard nodeCount >= 1, nodeCount <= left / UInt64(recentNodeBytes), keyCount <= left / UInt64(recentKeyBytes),
              registrationCount <= left / 20, UInt64(count) <= left / UInt64(entryBytes + 4) else { return nil }
        let body = r.bytes
        let entriesAt = r.offset
        guard r.end - entriesAt >= count * (entryBytes + 4) else { return nil }
        var previous = after
        for n in 0..<count {
            guard let entry = decodeRecentEntry(body, at: entriesAt + n * entryBytes, after: previous), entry.seq == after + Int64(n) + 1 else { return nil }
            previous = entry.seq
        }
        r.offset = entriesAt + count * entryBytes
        let itemNodesAt = r.offset
        for _ in 0..<count { guard let node = r.u32(), UInt64(node) < nodeCount else { return nil } }
        var nodes: [RecentNode] = []
        nodes.reserveCapacity(Int(nodeCount))
        var blockSeen = [Bool](repeating: false, count: blocks)
        for _ in 0..<nodeCount {
            guard let parent = r.u32(), UInt64(parent) < nodeCount, let block = r.u32(), let key = r.u64() else { return nil }
            if block == noBlock {
                nodes.append(RecentNode(parent: Int(parent), block: nil, key: key))
            } else {
                guard Int(block) < blocks, !blockSeen[Int(block)], key == 0 else { return nil }
                blockSeen[Int(block)] = true
                nodes.append(RecentNode(parent: Int(parent), block: Int(block), key: key))
            }
        }
        guard let roots = recentRoots(nodes) else { return nil }
        var registrations: [RecentRegistration] = []
        let registrationsAt = r.offset
        func string() -> String? { r.counted(max: 1 << 16).flatMap { String(validating: $0, as: UTF8.self) } }
        for _ in 0..<registrationCount {
            guard let node = r.u32(), UInt64(node) < nodeCount, let id = string(), let street = string() else { return nil }
            registrations.append(RecentRegistration(node: Int(node), id: id, street: street))
        }
        let registrationsEnd = r.offset
        let keysAt = r.offset
        guard UInt64(r.end - keysAt) == keyCount * UInt64(recentKeyBytes) else { return nil }
        var last: UInt64? = nil
        for _ in 0..<keyCount {
            guard let key = r.u64(), let node = r.u32(), UInt64(node) < nodeCount, last.map({ $0 < key }) ?? true else { return nil }
            last = key
        }
        guard r.isAtEnd else { return nil }
        return RecentLayout(count: total, sealedCount: sealedCount, segments: segments, sealedBytes: sealedBytes, body: body, nodes: nodes, roots: roots, registrations: registrations, keyCount: Int(keyCount),
                            entriesAt: entriesAt, itemNodesAt: itemNodesAt, registrationsAt: registrationsAt,
                            registrationsEnd: registrationsEnd, keysAt: keysAt)
    }

    /// Each node's root, nil when a parent chain does not end at a root (a cycle).
    static func recentRoots(_ nodes: [RecentNode]) -> [Int]? {
        // 0: not yet, 1: on the walk, 2: done.
        var state = [UInt8](repeating: 0, count: nodes.count)
        var roots = [Int](repeating: 0, count: nodes.count)
        var walk: [Int] = []
        for start in nodes.indices where state[start] == 0 {
            var n = start
            while state[n] == 0, nodes[n].parent != n { state[n] = 1; walk.append(n); n = nodes[n].parent }
            let root: Int
            if state[n] == 2 { root = roots[n] } else if nodes[n].parent == n { root = n; state[n] = 2; roots[n] = n } else { return nil }
            for w in walk { roots[w] = root; state[w] = 2 }
            walk.removeAll(keepingCapacity: true)
        }
        return roots
    }

    /// The side file's bytes: on `opened`, stamped at `stamp` (the last record of `more`, the end of its batch), the
    /// stored file's records (`stored`, nil: none) then `more`, grouped: each of `more`'s keys falls in its stored
    /// block (the node table), in the node of a key the side file already holds (its tail's key table, then the
    /// sealed segments' pages), or — when none of a record's keys does — in a new node of the record's own; the nodes
    /// a record joins are joined (the later root under the earlier). The tail's stored parts are copied as they lie;
    /// only the nodes are written anew. When the tail would hold more than `sealAfter` records they are **sealed**:
    /// returned as a new segment for the sealed file (`segment`, to be written at `offset`), and the tail written
    /// without records. The sealed segments are never read or written again here.
    /// - Throws: `RecentDamaged` when a sealed page a look-up reads does not match the tail; errors of the node table.
    static func recentBytes(_ opened: Opened, stamp: StateStamp, stored: Recent?, more: [DeltaItem], _ lookup: inout NodeLookup,
                            sealAfter: Int) throws -> (tail: [UInt8], segment: [UInt8]?, offset: Int64)? {
        guard let sum = bodyChecksum(opened) else { return nil }
        var nodes = stored?.nodes ?? []
        var blockNode = [Int32](repeating: -1, count: opened.table.blockCount)
        for (n, node) in nodes.enumerated() { if let b = node.block { blockNode[b] = Int32(n) } }
        func root(_ n: Int) -> Int {
            var n = n
            while nodes[n].parent != n { nodes[n].parent = nodes[nodes[n].parent].parent; n = nodes[n].parent }
            return n
        }
        var fresh: [UInt64: Int] = [:]
        var itemNodes: [UInt32] = []
        itemNodes.reserveCapacity(more.count)
        var registrations: [RecentRegistration] = []
        var unplaced: [UInt64] = []
        for item in more {
            var first: Int? = nil
            unplaced.removeAll(keepingCapacity: true)
            for key in item.links.keys {
                var node: Int? = nil
                if let b = try lookup.block(key) {
                    if blockNode[b] < 0 { blockNode[b] = Int32(nodes.count); nodes.append(RecentNode(parent: nodes.count, block: b, key: 0)) }
                    node = Int(blockNode[b])
                } else if let n = try fresh[key] ?? stored?.node(forKey: key) {
                    node = n
                } else {
                    unplaced.append(key)
                }
                guard let node else { continue }
                if let f = first {
                    let a = root(f), b = root(node)
                    if a != b { nodes[max(a, b)].parent = min(a, b) }
                } else { first = node }
            }
            guard let keyZero = item.links.keys.first else { return nil }
            let node = first ?? { nodes.append(RecentNode(parent: nodes.count, block: nil, key: keyZero)); return nodes.count - 1 }()
            for key in unplaced { fresh[key] = node }
            itemNodes.append(UInt32(node))
            for r in item.links.registrations { registrations.append(RecentRegistration(node: node, id: r.id, street: r.street)) }
        }
        // The tail's records, their nodes and keys: the stored tail's as they lie, then the batch's (new keys merged
        // in by key).
        let stored = stored?.layout
        let storedTail = stored?.tailCount ?? 0
        var entries = ByteWriter(capacity: (storedTail + more.count) * entryBytes)
        if let stored { entries.raw(stored.body[stored.entriesAt..<(stored.entriesAt + storedTail * entryBytes)]) }
        for item in more { encodeRecent(item.entry, &entries) }
        var recordNodes = ByteWriter(capacity: (storedTail + more.count) * 4)
        if let stored { recordNodes.raw(stored.body[stored.itemNodesAt..<(stored.itemNodesAt + storedTail * 4)]) }
        for n in itemNodes { recordNodes.u32(n) }
        let newKeys = fresh.keys.sorted()
        var keys = ByteWriter(capacity: ((stored?.keyCount ?? 0) + newKeys.count) * recentKeyBytes)
        var from = 0
        for key in newKeys {
            let at = stored?.insertionIndex(key) ?? 0
            if let stored, at > from { keys.raw(stored.body[(stored.keysAt + from * recentKeyBytes)..<(stored.keysAt + at * recentKeyBytes)]) }
            from = at
            keys.u64(key); keys.u32(UInt32(fresh[key]!))
        }
        if let stored, stored.keyCount > from {
            keys.raw(stored.body[(stored.keysAt + from * recentKeyBytes)..<(stored.keysAt + stored.keyCount * recentKeyBytes)])
        }
        var segments = stored?.segments ?? []
        var sealedCount = stored?.sealedCount ?? 0
        var sealedBytes = stored?.sealedBytes ?? 0
        var segment: [UInt8]? = nil
        let offset = segments.isEmpty ? Int64(sealedHeaderBytes) : sealedBytes
        if storedTail + more.count > sealAfter {
            let (row, bytes) = SealedSegment.make(offset: offset, first: sealedCount, nodes: recordNodes.bytes[...],
                                                  entries: entries.bytes[...], keys: keys.bytes[...])
            segments.append(row)
            sealedCount += storedTail + more.count
            sealedBytes = offset + Int64(bytes.count)
            segment = bytes
            entries.removeAll(); recordNodes.removeAll(); keys.removeAll()
        }
        var registered = ByteWriter()
        if let stored { registered.raw(stored.body[stored.registrationsAt..<stored.registrationsEnd]) }
        for r in registrations { registered.u32(UInt32(r.node)); registered.counted(Array(r.id.utf8)); registered.counted(Array(r.street.utf8)) }
        let count = sealedCount + entries.bytes.count / entryBytes
        let bodyBytes = 104 + 24 + segments.reduce(0) { $0 + $1.encodedBytes } + entries.bytes.count + recordNodes.bytes.count
            + nodes.count * recentNodeBytes + registered.bytes.count + keys.bytes.count
        let header = DerivedStateHeader(kind: recentKind, version: recentVersion, ledgerName: opened.header.ledgerName,
                                        genesis: opened.header.genesis, stamp: stamp, bodyBytes: UInt64(bodyBytes))
        let tail = DerivedStateFile.encoded(header) { body in
            body.i64(opened.header.stamp.seq)
            body.raw(opened.header.stamp.hash.bytes)
            body.raw(sum.bytes)
            body.u64(UInt64(count))
            body.u64(UInt64(sealedCount)); body.u64(UInt64(sealedBytes)); body.u64(UInt64(segments.count))
            for s in segments { s.encode(&body) }
            body.u64(UInt64(nodes.count))
            body.u64(UInt64((stored?.registrations.count ?? 0) + registrations.count))
            body.u64(UInt64(keys.bytes.count / recentKeyBytes))
            body.raw(entries.bytes)
            body.raw(recordNodes.bytes)
            for node in nodes {
                body.u32(UInt32(node.parent)); body.u32(node.block.map(UInt32.init) ?? noBlock); body.u64(node.key)
            }
            body.raw(registered.bytes)
            body.raw(keys.bytes)
        }
        return (tail, segment, offset)
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

    /// Brings `index/scopes.recent` to the log's head: the stored file when it is usable on the current
    /// `index/scopes`, and the records after its stamp (read and verified from the log, their keys looked up in the
    /// node table and the stored key tables) added; from the index's stamp when it is not. Past `sealAfter` records
    /// in the tail, they are appended to `index/scopes.recent.sealed` as a new segment (written and synced past the
    /// segments the stored tail names, or a new file when it names none) before the tail is written. Removed when
    /// there is no usable index, nothing after its stamp, or more records after it than a scoped read would leave
    /// unmerged. The caller holds the writers' lock (`append` and `import`, after their batch is durable). Best
    /// effort: a failure leaves no file or the old one, which a reader checks.
    /// - Parameter sealAfter: the tail's records past which they are sealed (`LEDGER_RECENT_SEAL` in the CLI, for tests).
    @discardableResult
    public static func keepRecent(_ directory: LedgerDirectory, sealAfter: Int = sealAfterDefault) -> RecentKept {
        let path = recentPath(directory), sealedPath = sealedPath(directory)
        func removed() -> RecentKept { try? PosixFile.remove(path); try? PosixFile.remove(sealedPath); return .removed }
        guard let opened = try? open(directory) else { return removed() }
        defer { opened.file.close() }
        var stored: Recent? = nil
        if case .usable(let recent) = openRecent(opened, directory) { stored = recent }
        let stampSeq = opened.header.stamp.seq
        let limit = min(max(stampSeq / 20, 1_000), 50_000)
        // The file holds every record after the index's stamp: past the limit it is removed whatever they are, so
        // decide that from the acknowledged head before reading them (review 42d #1: after a 40,000-row import every
        // append decoded them all, under the writers' lock, only to remove the file).
        if let head = try? AcknowledgedHead.read(directory), head.seq - stampSeq > limit { return removed() }
        var delta: [DeltaItem] = []
        var made: (tail: [UInt8], segment: [UInt8]?, offset: Int64)? = nil
        while made == nil {
            delta.removeAll()
            do {
                _ = try readDelta(from: stored?.resume ?? opened.resume, directory) { delta += $0 }
            } catch {
                return removed()
            }
            let count = (stored?.count ?? 0) + delta.count
            guard count > 0, count <= limit else { return removed() }
            guard let head = delta.last?.batchEnd else { return stored == nil ? removed() : .current }
            var lookup = NodeLookup(opened)
            do {
                guard let bytes = try recentBytes(opened, stamp: head, stored: stored, more: delta, &lookup, sealAfter: max(sealAfter, 0)) else {
                    return removed()
                }
                made = bytes
            } catch is RecentDamaged where stored != nil {
                // A sealed page its look-ups read does not match the tail: written again from the index's stamp.
                stored = nil
            } catch {
                return removed()
            }
        }
        guard let made else { return removed() }
        let count = (stored?.count ?? 0) + delta.count
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        let sealedBefore = !(stored?.layout.segments.isEmpty ?? true)
        do {
            if let segment = made.segment {
                if sealedBefore {
                    // Past the segments the stored tail names (bytes a stopped writer left there are written over):
                    // no tail names what is written here until the new tail is in place.
                    let file = try PosixFile(path: sealedPath, mode: .readWrite, followLinks: false)
                    defer { file.close() }
                    try file.write(segment, at: made.offset)
                    try file.truncate(to: made.offset + Int64(segment.count))
                    try file.syncData()
                } else {
                    try PosixFile.writeAtomically(sealedHeader(opened.header.stamp) + segment, to: sealedPath, existing: .replaceEntry)
                }
            } else if !sealedBefore {
                try? PosixFile.remove(sealedPath)
            }
            try PosixFile.writeAtomically(made.tail, to: path, existing: .replaceEntry)
        } catch { return removed() }
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
        switch openRecent(opened, directory, strict: true) {
        case .usable(let recent):
            // Every sealed part, not only those a read reads.
            do { try recent.sealed?.checkWhole() } catch { return .damaged(error.problem) }
            // Every record, its entry and its group, against the log's (session 51: the checksums alone were checked,
            // and a record left out of its group, written with valid ones, was reported intact). A log that fails
            // here is the pass's to report.
            do throws(ChainError) {
                if let problem = try recentProblem(opened, recent, directory) { return .damaged(problem) }
            } catch { return .absent }
            return .intact(seq: recent.header.stamp.seq)
        case .none: return .absent
        case .unusable(let problem):
            // `index/scopes` replaced since it was opened (no lock is held here: another `verify --index` or a
            // rebuild, then a writer's side file for the new index): the side file continues that index, not the
            // one opened, and is left as readers leave it (review of verifychecks52 #2).
            if let status = try? opened.file.status(), status.linkCount == 0 { return .absent }
            return .damaged(problem)
        }
    }

    /// Removes the side file and its sealed records (`verify --index`, after rebuilding `index/scopes`: it names the
    /// index it replaced).
    public static func removeRecent(_ directory: LedgerDirectory) {
        try? PosixFile.remove(recentPath(directory)); try? PosixFile.remove(sealedPath(directory))
    }
}
