import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `ScopeIndex.Builder` as session 29 changed it (docs/perf-first29.md): each entry stored into room made ahead
/// instead of appended a few bytes at a time, the plan's key lists sorted on two cores in three runs and merged, and
/// the file written in two parts on two cores. Seeded builders of every size (one record; entries and node rows
/// crossing the 1 MiB pieces and the 256-row pages; one community or hundreds, a global block large or empty,
/// erasures, repeated event ids) give, byte for byte, what main's code gave: the entries main's appends made, and
/// the file main's sequential `plan` and `emit` made (kept below as the oracle), both from `write` and `encoded`.
@Suite struct ScopeIndexWriteTests {
    /// A random builder: `records` entries, each naming 0–4 ids of a pool of `keys` keys (a tenth of the records name
    /// none but their event id), mostly of one community's part of the pool (and perhaps the community), the first
    /// `communities` records registering the communities; and the entries in order.
    static func builder(seed: UInt64, records: Int, keys: Int, communities: Int) -> (ScopeIndex.Builder, [ScopeIndex.Entry]) {
        var random = SplitMix64(seed: seed)
        var builder = ScopeIndex.Builder()
        if random.int(0..<2) == 0 { builder.reserve(records) }
        let pool = (0..<max(keys, 1)).map { _ in random.next() }
        var offset: Int64 = 0
        var entries: [ScopeIndex.Entry] = []
        for i in 0..<records {
            let count = UInt32(random.int(1...900))
            var hashBytes = [UInt8](repeating: 0, count: 32)
            for k in 0..<32 { hashBytes[k] = UInt8(truncatingIfNeeded: random.next()) }
            // Every type code, corrections often (their first named key sets named bits: `plan`).
            let code = random.int(0..<4) == 0 ? ScopeIndex.correctionCode : UInt8(random.int(0...25))
            let entry = ScopeIndex.Entry(seq: Int64(i + 1), offset: offset, count: count, code: code,
                                         hash: Digest32(bytes: hashBytes)!)
            entries.append(entry)
            offset += Int64(count) + 1
            // The ids of one neighbourhood of the pool (a community's, when there are communities; a fifth of the
            // records anywhere, joining groups or left in the global block).
            var named: [UInt64] = []
            let span = communities > 0 ? max(pool.count / communities, 1) : pool.count
            let home = communities > 0 && random.int(0..<5) > 0 ? random.int(0..<communities) : -1
            if random.int(0..<10) > 0 {
                for _ in 0..<random.int(1...4) {
                    named.append(home < 0 ? pool[random.int(0..<pool.count)] : pool[min(home * span + random.int(0..<span), pool.count - 1)])
                }
            }
            if home >= 0 && random.int(0..<3) == 0 { named.append(ScopeIndex.key(.community, "C\(home)")) }
            var registrations: [(id: String, street: String)] = []
            if i < communities {
                let id = "C\(i)"
                named.append(ScopeIndex.key(.community, id))
                registrations.append((id, "S\(random.int(0..<3))"))
            }
            // An event id repeated now and then (two records of one id, as a log may hold), else fresh.
            let eventKey = random.int(0..<100) == 0 ? pool[random.int(0..<pool.count)] : random.next()
            builder.add(entry, eventKey: eventKey, keys: named[...], registrations: registrations)
        }
        builder.genesis = StateStamp(seq: 1, hash: Digest32(bytes: [UInt8](repeating: 7, count: 32))!, lineOffset: 0, lineBytes: 10)
        builder.head = StateStamp(seq: Int64(records), hash: Digest32(bytes: [UInt8](repeating: 9, count: 32))!, lineOffset: offset, lineBytes: 10)
        return (builder, entries)
    }

    /// Main's `emit` (14b365d), verbatim but for its receiver: the oracle of the file's bytes.
    static func mainEmit(_ builder: ScopeIndex.Builder, _ plan: inout ScopeIndex.Builder.Plan, _ sink: (ArraySlice<UInt8>) -> Void) -> [UInt8] {
        let entryBytes = ScopeIndex.entryBytes, nodeBytes = ScopeIndex.nodeBytes, pageNodes = ScopeIndex.pageNodes
        var position = plan.tableSpan
        let hasher = SHA256()
        var buffer: [UInt8] = []
        buffer.reserveCapacity((1 << 20) + 4096)
        func flushIfFull() { if buffer.count >= 1 << 20 { sink(buffer[...]); buffer.removeAll(keepingCapacity: true) } }
        for b in plan.counts.indices {
            let start = position
            hasher.begin()
            var next = plan.starts[b]
            let end = plan.starts[b] + plan.counts[b]
            while next < end {
                let room = max(1, ((1 << 20) - buffer.count + entryBytes - 1) / entryBytes)
                let run = min(room, end - next)
                let unhashed = buffer.count
                Bytes.appendGathered(builder.flat, width: entryBytes, indexes: plan.order[next..<(next + run)], to: &buffer)
                hasher.update(buffer[unhashed...])
                position += run * entryBytes
                next += run
                flushIfFull()
            }
            plan.table.blocks[b] = ScopeIndex.Block(offset: Int64(start), count: Int64(plan.counts[b]), checksum: hasher.finish())
        }
        plan.table.nodeTableOffset = Int64(position)
        var directory = ByteWriter(capacity: Int(plan.table.pageCount) * 40)
        var row = [UInt8](repeating: 0, count: nodeBytes)
        var unhashed = buffer.count
        for (i, r) in plan.rows.enumerated() {
            if i % pageNodes == 0 { hasher.begin(); directory.u64(r.key); unhashed = buffer.count }
            Bytes.storeLittleEndian(r.key, into: &row, at: 0)
            Bytes.storeLittleEndian(r.block, into: &row, at: 8)
            buffer.append(contentsOf: row)
            position += nodeBytes
            if i % pageNodes == pageNodes - 1 || i == plan.rows.count - 1 {
                hasher.update(buffer[unhashed...])
                unhashed = buffer.count
                directory.raw(hasher.finish().bytes)
            }
            if buffer.count >= 1 << 20 {
                if unhashed < buffer.count { hasher.update(buffer[unhashed...]) }
                flushIfFull()
                unhashed = 0
            }
        }
        plan.table.pageDirectoryOffset = Int64(position)
        buffer.append(contentsOf: directory.bytes)
        buffer.append(contentsOf: ScopeIndex.directoryIndex(directory.bytes))
        sink(buffer[...])
        let tableBytes = ScopeIndex.encodeTable(plan.table)
        return ScopeIndex.tableSpan(tableBytes)
    }

    /// Main's `plan` (14b365d), verbatim but for its receiver, and the named bits of version 4 set the plain way: the
    /// oracle of the layout.
    static func mainPlan(_ builder: inout ScopeIndex.Builder, ledgerName: String) -> ScopeIndex.Builder.Plan? {
        guard let genesis = builder.genesis, let head = builder.head else { return nil }
        // A record is named when another record has its event id's key, or a correction names that key first.
        var seen: [UInt64: Int] = [:]
        for k in builder.eventKeys.prefix(builder.entryCount) { seen[k, default: 0] += 1 }
        let corrected = Set(builder.correctedKeys)
        for i in 0..<builder.entryCount where seen[builder.eventKeys[i]]! > 1 || corrected.contains(builder.eventKeys[i]) {
            builder.flat[i * ScopeIndex.entryBytes + 20] |= ScopeIndex.namedBit
        }
        // Every key with its node, sorted by key, one row per key: the table's keys and the records' event ids
        // (each sorted, then merged). Equal keys — an event id a correction names, the same id on two records, or
        // two ids whose keys collide — are joined (as one node of the table joined them when every key was in it).
        var keyed: [(key: UInt64, node: Int32)] = []
        do {
            var found: [(key: UInt64, node: Int32)] = []
            found.reserveCapacity(builder.nodes.count)
            builder.nodes.forEach { found.append(($0, $1)) }
            // Radix-sorted (hashed keys, millions at city scale): half the standard sort's time, the same order.
            KeySort.sortByKey(&found) { $0.key }
            var events: [(key: UInt64, node: Int32)] = []
            events.reserveCapacity(builder.entryCount)
            for i in 0..<builder.entryCount { events.append((builder.eventKeys[i], builder.anchors[i])) }
            KeySort.sortByKey(&events) { $0.key }
            keyed.reserveCapacity(found.count + events.count)
            var i = 0, j = 0
            while i < found.count || j < events.count {
                let next: (key: UInt64, node: Int32)
                if j == events.count || (i < found.count && found[i].key <= events[j].key) {
                    next = found[i]; i += 1
                } else {
                    next = events[j]; j += 1
                }
                if let last = keyed.last, last.key == next.key { builder.union(last.node, next.node) } else { keyed.append(next) }
            }
        }
        // Blocks: one per group that holds a community, in community-id order; the rest is the global block.
        // Block of each root node, -1 for none (an array by node: a lookup per record and per node).
        var blockOfRoot = [Int32](repeating: -1, count: builder.parent.count)
        var groups = 0
        var communities: [ScopeIndex.CommunityRow] = []
        for id in builder.streets.keys.sorted() {
            guard let n = builder.nodes[ScopeIndex.key(.community, id)] else { continue }
            let root = Int(builder.find(n))
            if blockOfRoot[root] < 0 { blockOfRoot[root] = Int32(groups); groups += 1 }
            communities.append(ScopeIndex.CommunityRow(id: id, block: Int(blockOfRoot[root]), streets: builder.streets[id]!.sorted()))
        }
        let global = groups
        // Every node's block, in one pass in node order instead of a `find` per record and per node (random
        // reads of `parent`): a node's parent is never after it (a union hangs the larger root under the smaller,
        // `find` only shortens paths), so its parent's block is known when it is reached.
        var blockOfNode = blockOfRoot
        blockOfRoot = []
        for x in 0..<builder.parent.count {
            let p = Int(builder.parent[x])
            precondition(p <= x, "a node's builder.parent is never after it")
            if p != x { blockOfNode[x] = blockOfNode[p] }
        }
        func block(_ node: Int32) -> Int {
            let b = blockOfNode[Int(node)]
            return b < 0 ? global : Int(b)
        }
        let blockCount = global + 1
        var blockOfRecord = [Int32](repeating: 0, count: builder.entryCount)
        var counts = [Int](repeating: 0, count: blockCount)
        for i in 0..<builder.entryCount {
            let b = block(builder.anchors[i])
            blockOfRecord[i] = Int32(b)
            counts[b] += 1
        }
        var starts = [Int](repeating: 0, count: blockCount)
        for b in 1..<max(blockCount, 1) { starts[b] = starts[b - 1] + counts[b - 1] }
        var order = [Int32](repeating: 0, count: builder.entryCount)
        var next = starts
        for i in 0..<builder.entryCount { order[next[Int(blockOfRecord[i])]] = Int32(i); next[Int(blockOfRecord[i])] += 1 }
        blockOfRecord = []
        // Node table: every key with its block, sorted by key (`keyed` is).
        var rows: [(key: UInt64, block: UInt32)] = []
        rows.reserveCapacity(keyed.count)
        for (k, n) in keyed { rows.append((k, UInt32(block(n)))) }
        keyed = []
        // The body: the table (its length, it, its SHA-256), then the blocks, the node table and its page
        // directory; offsets are from the body's start, and the table's length does not depend on their values.
        let table = ScopeIndex.Table(blocks: counts.map { ScopeIndex.Block(offset: 0, count: Int64($0), checksum: .zero) }, globalBlock: global,
                          communities: communities, nodeCount: Int64(rows.count), nodeTableOffset: 0,
                          pageCount: Int64((rows.count + ScopeIndex.pageNodes - 1) / ScopeIndex.pageNodes), pageDirectoryOffset: 0)
        let tableLength = ScopeIndex.encodeTable(table).count
        let pageCount = Int(table.pageCount)
        let tableSpan = ScopeIndex.tableSpanLength(tableLength)
        let bodyLength: Int = tableSpan + builder.entryCount * ScopeIndex.entryBytes + rows.count * ScopeIndex.nodeBytes + ScopeIndex.directoryLength(pageCount: pageCount)
        let header = DerivedStateHeader(kind: ScopeIndex.kind, version: ScopeIndex.version, ledgerName: ledgerName, genesis: genesis, stamp: head,
                                        bodyBytes: UInt64(bodyLength)).encoded()
        return ScopeIndex.Builder.Plan(table: table, counts: counts, starts: starts, order: order, rows: rows, tableLength: tableLength,
                    tableSpan: tableSpan, bodyLength: bodyLength, header: header)
    }


    /// Main's `encoded`, through `mainPlan` and `mainEmit`.
    static func mainEncoded(_ builder: ScopeIndex.Builder, ledgerName: String) -> [UInt8]? {
        var builder = builder
        guard var plan = mainPlan(&builder, ledgerName: ledgerName) else { return nil }
        let base = plan.header.count
        var bytes = plan.header + [UInt8](repeating: 0, count: plan.tableSpan)
        let prefix = mainEmit(builder, &plan) { bytes.append(contentsOf: $0) }
        bytes.replaceSubrange(base..<(base + plan.tableSpan), with: prefix)
        bytes += SHA256().hash(bytes[base...]).bytes
        return bytes
    }

    /// The entries as main's `add` appended them.
    static func mainEntry(_ entry: ScopeIndex.Entry, to flat: inout [UInt8]) {
        Bytes.appendLittleEndian(entry.seq, to: &flat)
        Bytes.appendLittleEndian(entry.offset, to: &flat)
        Bytes.appendLittleEndian(entry.count, to: &flat)
        flat.append(entry.code)
        entry.hash.appendBytes(to: &flat)
    }

    @Test(arguments: [(UInt64(0x29A0_0001), 1, 1, 1), (0x29A0_0002, 7, 3, 2), (0x29A0_0003, 300, 40, 0),
                      (0x29A0_0004, 2_500, 900, 60), (0x29A0_0005, 30_000, 12_000, 400), (0x29A0_0006, 45_000, 2_000, 3),
                      (0x29A0_0007, 60_000, 200_000, 900)])
    func theFileIsMainsByteForByte(seed: UInt64, records: Int, keys: Int, communities: Int) throws {
        let (builder, entries) = Self.builder(seed: seed, records: records, keys: keys, communities: communities)
        // The entries: what main's appends made (zeros may follow them: room made ahead).
        var reference: [UInt8] = []
        for entry in entries { Self.mainEntry(entry, to: &reference) }
        #expect(builder.entryCount == records)
        #expect(Array(builder.flat.prefix(records * ScopeIndex.entryBytes)) == reference, "seed \(seed): the entries")
        #expect(builder.flat.count >= reference.count)

        let expected = try #require(Self.mainEncoded(builder, ledgerName: "city"))
        var encoding = builder
        let encoded = encoding.encoded(ledgerName: "city")
        #expect(encoded == expected, "seed \(seed): encoded")
        let temporary = TemporaryDirectory()
        let path = temporary.path + "/scopes"
        var writing = builder
        let wrote = writing.write(ledgerName: "city", to: path)
        #expect(wrote)
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes == expected, "seed \(seed): written")
        // The two parts of `write` are both made in the larger cases (else the test would not hold the split).
        var planning = builder
        let planned = planning.plan(ledgerName: "city")
        let plan = try #require(planned)
        let split = ScopeIndex.Builder.split(plan)
        if plan.counts.count > 8 && records > 10_000 {
            #expect(split > 0 && split < plan.counts.count, "seed \(seed): split \(split) of \(plan.counts.count)")
        }
        if records > 10_000 { #expect(expected.count > 1 << 20, "pieces of 1 MiB crossed") }
        if keys >= 100_000 { #expect(plan.rows.count * ScopeIndex.nodeBytes > 1 << 20, "node rows crossing a piece") }
    }

    /// Each of a digest's four words, stored little-endian, is its bytes in order (what `Digest32.appendBytes` appends).
    @Test func aDigestsWordsAreItsBytes() {
        var random = SplitMix64(seed: 0x29A0_0100)
        for _ in 0..<500 {
            var bytes = [UInt8](repeating: 0, count: 32)
            for k in 0..<32 { bytes[k] = UInt8(truncatingIfNeeded: random.next()) }
            let digest = Digest32(bytes: bytes)!
            var stored = [UInt8](repeating: 0, count: 32)
            for k in 0..<4 { Bytes.storeLittleEndian(ScopeIndex.Builder.word(digest, k), into: &stored, at: 8 * k) }
            var appended: [UInt8] = []
            digest.appendBytes(to: &appended)
            #expect(stored == bytes && appended == bytes)
        }
    }
}
