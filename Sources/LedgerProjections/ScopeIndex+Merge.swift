import LedgerChain
import LedgerEvents
import LedgerPlatform

extension ScopeIndex {
    /// A record after the index's stamp, as read and verified from the log: what it links, where it lies, and the
    /// stamp of its batch's last record (nil for the others).
    struct DeltaItem {
        let record: Record
        let links: Links
        let entry: Entry
        let batchEnd: StateStamp?
    }

    /// Reads and verifies the log after the index's stamp (with the acknowledged-head check).
    static func readDelta(_ opened: Opened, _ directory: LedgerDirectory) throws(ChainError) -> (items: [DeltaItem], recordCount: Int64) {
        var delta: [DeltaItem] = []
        let summary = try readDelta(from: opened.resume, directory) { delta += $0 }
        return (delta, summary.recordCount)
    }

    /// Reads and verifies the log after `start` (with the acknowledged-head check), handing over each batch's items.
    static func readDelta(from start: ResumePoint, _ directory: LedgerDirectory, stopAfterSeq: Int64? = nil,
                          batch: ([DeltaItem]) -> Void) throws(ChainError) -> ScanSummary {
        try LogScanner.committedBatches(directory, stopAfterSeq: stopAfterSeq, from: start, prepare: { line -> DeltaItem in
            let record = try line.record()
            let links = links(id: record.id, payload: record.payload)
            return DeltaItem(record: record, links: links,
                             entry: Entry(seq: line.location.seq, offset: line.location.byteOffset, count: UInt32(line.location.byteCount),
                                          code: typeCode(record.type), hash: line.hash),
                             batchEnd: line.location.seq == line.batchLast ? StateStamp(line) : nil)
        }, batch: batch)
    }

    /// What merging the records after the stamp into the stored index came to.
    enum MergeOutcome: Equatable {
        /// The index was written again at the head.
        case merged
        /// The records cannot be merged exactly (they join a group of the global block to a community, whose own
        /// records the global block does not tell apart from other groups'), or the file could not be written: the
        /// index is to be rebuilt from the log.
        case rebuild
        /// A block or node table page of the stored file does not match its checksum.
        case damaged(ChainError.DerivedStateProblem.Detail)
    }

    /// Writes the index at the log's head from the stored file and the records after its stamp (`delta`), instead
    /// of rebuilding it from the whole log (ledger-spec.md 15.5, "Catching up"): the stored groups are joined as the
    /// delta's ids join them, blocks renumbered as a rebuild numbers them (in community-id order), each block's
    /// entries merged in seq order with the delta's, and the node table's rows given their new blocks with the
    /// delta's new ids merged in by key. The file is byte for byte the one a rebuild at the same head writes (a
    /// test holds them equal); it is written as it is made (one block's entries and one page of the node table in
    /// memory, besides the delta), never read from the log but for the delta. Blocks a merge leaves as they were are
    /// copied with their checksums.
    static func merge(_ opened: Opened, _ directory: LedgerDirectory, delta: [DeltaItem]) -> MergeOutcome {
        guard let head = delta.last?.batchEnd, head.seq == delta.last?.record.seq else { return .rebuild }
        let table: Table
        do { table = try opened.wholeTable() } catch let damaged as Damaged { return .damaged(damaged.why) } catch { return .damaged(.of(error)) }
        let oldGlobal = table.globalBlock

        // The delta's ids with the stored blocks they fall in (as a scoped read groups them).
        var groups = Grouping()
        var lookup = NodeLookup(opened)
        var anchors: [Int] = []
        do {
            guard let joined = try Grouping.joining(delta.map(\.links), &lookup) else { return .rebuild }
            (groups, anchors) = joined
        } catch let damaged as Damaged {
            return .damaged(damaged.why)
        } catch {
            return .damaged(.of(error))
        }

        // The named bits, as a rebuild sets them (ledger-spec.md 15.5): a delta record's, and a stored record's that
        // a delta record now names.
        let named: Named
        do {
            guard let made = try Named(opened, directory, delta: delta, &lookup) else { return .damaged(.blockOrLineDiffers) }
            named = made
        } catch let damaged as Damaged {
            return .damaged(damaged.why)
        } catch {
            return .damaged(.of(error))
        }

        // Every community, stored or registered after the stamp, with its streets and its group's element.
        var streets: [String: Set<String>] = [:]
        var elementOf: [String: Int] = [:]
        for row in table.communities {
            streets[row.id, default: []].formUnion(row.streets)
            elementOf[row.id] = groups.element(.block(row.block))
        }
        do {
            for item in delta {
                for r in item.links.registrations {
                    streets[r.id, default: []].insert(r.street)
                    if elementOf[r.id] == nil {
                        let k = key(.community, r.id)
                        elementOf[r.id] = groups.element(try lookup.block(k).map { .block($0) } ?? .key(k))
                    }
                }
            }
        } catch {
            return .damaged(.of(error))
        }
        let ids = streets.keys.sorted()
        // A group of the global block that now holds a community: the global block mixes groups, so which of its
        // records go with the community is not known here.
        var communityRoots = Set<Int>()
        for id in ids { communityRoots.insert(groups.find(elementOf[id]!)) }
        if let g = groups.node(.block(oldGlobal)), communityRoots.contains(groups.find(g)) { return .rebuild }

        // Blocks numbered as a rebuild numbers them: by the first community of each group in id order.
        var blockOfRoot: [Int: Int] = [:]
        var communities: [CommunityRow] = []
        for id in ids {
            let root = groups.find(elementOf[id]!)
            let block: Int
            if let b = blockOfRoot[root] { block = b } else { block = blockOfRoot.count; blockOfRoot[root] = block }
            communities.append(CommunityRow(id: id, block: block, streets: streets[id]!.sorted()))
        }
        let global = blockOfRoot.count
        let blockCount = global + 1
        func newBlock(ofElement e: Int) -> Int { blockOfRoot[groups.find(e)] ?? global }
        var newOfOld = [Int](repeating: global, count: table.blocks.count)
        for b in table.blocks.indices where b != oldGlobal { newOfOld[b] = newBlock(ofElement: groups.element(.block(b))) }
        var oldOfNew = [[Int]](repeating: [], count: blockCount)
        for b in table.blocks.indices { oldOfNew[newOfOld[b]].append(b) }
        var deltaOfNew = [[Int]](repeating: [], count: blockCount)
        for (i, anchor) in anchors.enumerated() { deltaOfNew[newBlock(ofElement: anchor)].append(i) }
        var counts = [Int](repeating: 0, count: blockCount)
        for b in 0..<blockCount { counts[b] = oldOfNew[b].reduce(0) { $0 + Int(table.blocks[$1].count) } + deltaOfNew[b].count }

        // The node table's new rows: ids first named after the stamp, by key.
        var newRows: [(key: UInt64, block: UInt32)] = []
        for (i, e) in groups.elements.enumerated() { if case .key(let k) = e { newRows.append((k, UInt32(newBlock(ofElement: i)))) } }
        newRows.sort { $0.key < $1.key }
        let nodeCount = Int(table.nodeCount) + newRows.count
        let entryCount = counts.reduce(0, +)

        var plan = Table(blocks: counts.map { Block(offset: 0, count: Int64($0), checksum: .zero) }, globalBlock: global,
                         communities: communities, nodeCount: Int64(nodeCount), nodeTableOffset: 0,
                         pageCount: Int64((nodeCount + pageNodes - 1) / pageNodes), pageDirectoryOffset: 0)
        let tableLength = encodeTable(plan).count
        let tableSpan = tableSpanLength(tableLength)
        let bodyLength = tableSpan + entryCount * entryBytes + nodeCount * nodeBytes + directoryLength(pageCount: Int(plan.pageCount))
        let header = DerivedStateHeader(kind: kind, version: version, ledgerName: directory.name, genesis: opened.header.genesis,
                                        stamp: head, bodyBytes: UInt64(bodyLength)).encoded()
        guard let pages = opened.pages() else { return .damaged(.unreadable(.nodePageDirectory)) }

        // The file, written as it is made; first what a killed merge or pass left behind (a merge needs no pass,
        // which is where they are otherwise removed).
        IndexRebuild.removeAbandonedTemporaries(directory)
        let path = path(directory)
        // Held from before it has the name the cleaners remove until it is renamed over the index.
        guard let (file, temporary) = IndexTemporary.lockedTemporary(for: path) else { return .rebuild }
        var failed: MergeOutcome? = nil
        let base = Int64(header.count)
        var offset = base + Int64(tableSpan)
        var buffer: [UInt8] = []
        buffer.reserveCapacity((1 << 20) + 65_536)
        func flush(force: Bool = false) {
            guard failed == nil, force || buffer.count >= 1 << 20, !buffer.isEmpty else { return }
            do { try file.write(buffer, at: offset) } catch { failed = .rebuild }
            offset += Int64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
        }
        do { try file.write(header, at: 0) } catch { failed = .rebuild }

        var position = tableSpan
        let hasher = SHA256()
        for b in 0..<blockCount where failed == nil {
            let start = position
            let olds = oldOfNew[b]
            if olds.count == 1, deltaOfNew[b].isEmpty {
                // A block as it was: its bytes, checked, and its checksum.
                let old = table.blocks[olds[0]]
                guard let bytes = opened.read(old.offset, Int(old.count) * entryBytes), SHA256.digest(bytes) == old.checksum else {
                    failed = .damaged(.checksum(.nth(.block, olds[0] + 1))); break
                }
                buffer.append(contentsOf: bytes)
                position += bytes.count
                plan.blocks[b] = Block(offset: Int64(start), count: old.count, checksum: old.checksum)
                flush()
                continue
            }
            var entries: [Entry] = []
            for o in olds {
                let list: [Entry]
                do { list = try opened.checkedEntries(o) } catch let damaged as Damaged { failed = .damaged(damaged.why); break } catch {
                    failed = .damaged(.checksum(.nth(.block, o + 1))); break
                }
                entries += list
            }
            if failed != nil { break }
            if olds.count > 1 { entries.sort { $0.seq < $1.seq } }
            if !named.storedSeqs.isEmpty {
                for e in entries.indices where named.storedSeqs.contains(entries[e].seq) { entries[e].named = true }
            }
            for i in deltaOfNew[b] {
                var entry = delta[i].entry
                entry.named = named.delta[i]
                entries.append(entry)
            }
            var out = ByteWriter(capacity: entries.count * entryBytes)
            for entry in entries { encode(entry, &out) }
            hasher.begin()
            hasher.update(out.bytes)
            plan.blocks[b] = Block(offset: Int64(start), count: Int64(entries.count), checksum: hasher.finish())
            buffer.append(contentsOf: out.bytes)
            position += out.bytes.count
            flush()
        }

        // The node table: the stored pages' rows with their new blocks, the new rows merged in by key; pages and
        // their directory made anew.
        plan.nodeTableOffset = Int64(position)
        var directoryBytes = ByteWriter(capacity: Int(plan.pageCount) * 40)
        var written = 0
        var next = 0
        var row = [UInt8](repeating: 0, count: nodeBytes)
        func put(_ key: UInt64, _ block: UInt32) {
            if written % pageNodes == 0 { hasher.begin(); directoryBytes.u64(key) }
            Bytes.storeLittleEndian(key, into: &row, at: 0)
            Bytes.storeLittleEndian(block, into: &row, at: 8)
            buffer.append(contentsOf: row)
            hasher.update(row)
            position += nodeBytes
            written += 1
            if written % pageNodes == 0 || written == nodeCount { directoryBytes.raw(hasher.finish().bytes) }
            flush()
        }
        for page in 0..<Int(table.pageCount) where failed == nil {
            let first = Int64(page * pageNodes)
            let count = Int(min(Int64(pageNodes), table.nodeCount - first))
            guard let bytes = opened.read(table.nodeTableOffset + first * Int64(nodeBytes), count * nodeBytes),
                  SHA256.digest(bytes) == pages.sums[page] else {
                failed = .damaged(.checksum(.nodeTablePage(page + 1))); break
            }
            for (key, block) in decodePage(bytes, count) {
                guard Int(block) < newOfOld.count else { failed = .damaged(.danglingBlock(Int(block))); break }
                while next < newRows.count, newRows[next].key < key { put(newRows[next].key, newRows[next].block); next += 1 }
                put(key, UInt32(newOfOld[Int(block)]))
            }
        }
        while failed == nil, next < newRows.count { put(newRows[next].key, newRows[next].block); next += 1 }
        if failed == nil, written != nodeCount { failed = .rebuild }
        plan.pageDirectoryOffset = Int64(position)
        buffer.append(contentsOf: directoryBytes.bytes)
        buffer.append(contentsOf: directoryIndex(directoryBytes.bytes))
        flush(force: true)

        if failed == nil {
            let tableBytes = encodeTable(plan)
            precondition(tableBytes.count == tableLength, "the layout's lengths are fixed in advance")
            let prefix = ScopeIndex.tableSpan(tableBytes)
            do {
                guard offset == base + Int64(bodyLength) else { throw Damaged(why: .lengthNotPlanned) }
                try file.write(prefix, at: base)
                // The body's checksum: the body read back (from the page cache) in pieces.
                hasher.begin()
                var at = base
                var piece: [UInt8] = []
                while at < offset {
                    try file.read(at: at, count: Int(min(Int64(4 << 20), offset - at)), into: &piece)
                    guard !piece.isEmpty else { throw Damaged(why: .notReadBack(.mergedIndex, cause: nil)) }
                    hasher.update(piece)
                    at += Int64(piece.count)
                }
                try file.write(hasher.finish().bytes, at: offset)
            } catch { failed = .rebuild }
        }
        if failed == nil {
            do { try IndexTemporary.commit(file, temporary, over: path); return .merged } catch { return .rebuild }
        }
        file.close()
        try? PosixFile.remove(temporary)
        return failed ?? .rebuild
    }
}

extension ScopeIndex {
    /// The named bits a merge sets (ledger-spec.md 15.5): an entry's event id named by another record — a record with
    /// the same id, or a correction naming it as the event it corrects. Within the delta they are found from its
    /// records; across the stamp, the delta's event-id keys (its records' own and the events its corrections correct)
    /// are looked up in the node table, and the stored blocks they fall in are read from the log (each line checked
    /// against its entry) to find which stored records have those ids or correct them — only those blocks, and only
    /// when the delta names a stored event id (a correction of an earlier record, a repeated id): a payment names none.
    struct Named {
        /// Each delta record's bit.
        var delta: [Bool]
        /// The stored records whose bit the delta sets.
        var storedSeqs: Set<Int64>

        /// Nil when a stored line does not match its entry (the index is damaged).
        init?(_ opened: Opened, _ directory: LedgerDirectory, delta items: [DeltaItem], _ lookup: inout NodeLookup) throws {
            var owns: [UInt64: Int] = [:]
            var corrected = Set<UInt64>()
            for item in items {
                owns[item.links.keys[0], default: 0] += 1
                if let k = ScopeIndex.correctedKey(item.entry.code, item.links.keys[...]) { corrected.insert(k) }
            }
            // The stored blocks the delta's event-id keys fall in, read for their records' ids and corrected events.
            var blocks = Set<Int>()
            for k in Set(owns.keys).union(corrected).sorted() { if let b = try lookup.block(k) { blocks.insert(b) } }
            var storedOwns = Set<UInt64>(), storedCorrected = Set<UInt64>()
            storedSeqs = []
            if !blocks.isEmpty {
                let log: PosixFile
                do { log = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw ChainError.file(error) }
                defer { log.close() }
                for b in blocks.sorted() {
                    guard let entries = opened.entries(b), let records = ScopeIndex.lines(entries, log) else { return nil }
                    for record in records {
                        let own = key(.event, record.id)
                        storedOwns.insert(own)
                        if case .correction(let c)? = record.payload.domain { storedCorrected.insert(key(.event, c.corrects)) }
                        if owns[own] != nil || corrected.contains(own) { storedSeqs.insert(record.seq) }
                    }
                }
            }
            delta = items.map { item in
                let own = item.links.keys[0]
                return owns[own, default: 0] > 1 || corrected.contains(own) || storedOwns.contains(own) || storedCorrected.contains(own)
            }
        }
    }

    /// The key of the event a record of type code `code` with links `keys` (its own event id's first) corrects: a
    /// correction's links name it next (`add`); nil for any other record, or a correction whose data names nothing.
    static func correctedKey(_ code: UInt8, _ keys: ArraySlice<UInt64>) -> UInt64? {
        guard code == correctionCode, keys.count > 1 else { return nil }
        return keys[keys.startIndex + 1]
    }
}
