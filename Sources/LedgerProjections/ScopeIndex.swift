import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The partition index `index/scopes` (ledger-spec.md section 15): which records a community's answers rest on, so
/// that `--community` and `--street` read those records and not the whole log. Derived and optional.
///
/// Records are linked through the ids they name (a community, asset, fund, decision, contract, use, occupation,
/// import, rectification list, and the record's own event id, which a correction names): records that share an id
/// are in one group, and groups are merged transitively (union–find). A group holds every record that can change
/// what the projection shows of any entity in it — a use names an asset, a spending names its fund, decision and
/// assets, a correction names the event it corrects and everything its replacement names — so folding the groups of
/// a scope's communities gives those communities' entities exactly as folding the whole log does. Groups without a
/// community (an erasure, a record of a type this version does not know) form the "global" block every scoped read
/// includes. Ids are keyed by a 64-bit hash: two ids with one hash only merge groups, which makes a read larger,
/// never wrong.
///
/// The file: a header (ledger name, record 1's stamp, the stamp of the record it was built up to, the blocks with
/// their checksums, the communities with their block and every street they were registered on, where the node
/// table lies), its SHA-256; then one block of entries per group (seq, line offset, line length, flags, record
/// hash), sorted by seq; then the node table (id hash → block, sorted) in pages, each with its first key and
/// SHA-256 in a page directory that has its own SHA-256. A read checks the header, the blocks it reads, and every
/// log line it reads against the hash stored for it; the pages only when the log has moved on since the stamp.
public enum ScopeIndex {
    public static let fileName = "scopes"
    public static let version: UInt64 = 1
    static let magic = Array("LEDGER-SCOPES\n".utf8)
    static let entryBytes = 53
    static let nodeBytes = 12
    static let pageNodes = 256

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    // MARK: links

    /// Kinds of id, so that an asset and a fund of the same id are not one node.
    enum Kind: UInt8 { case community = 1, asset, importRun, fund, decision, contract, use, occupation, list, event }

    /// The stable 64-bit key of an id of a kind (FNV-1a, then a finaliser that spreads the bits).
    static func key(_ kind: Kind, _ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(kind.rawValue)) &* 0x100_0000_01b3
        for byte in id.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33; h = h &* 0xc4ce_b9fe_1a85_ec53; h ^= h >> 33
        return h
    }

    /// What one record links: the keys of the ids it names (its own event id first), and the communities it
    /// registers (directly or in a correction's replacement) with their streets.
    struct Links {
        var keys: [UInt64] = []
        var registrations: [(id: String, street: String)] = []
        var isErasure = false
    }

    static func links(id: String, payload: EventPayload) -> Links {
        var links = Links()
        links.keys.append(key(.event, id))
        if case .domain(let domain) = payload { add(domain, &links) }
        return links
    }

    static func add(_ payload: DomainEvent, _ links: inout Links) {
        func k(_ kind: Kind, _ id: String?) { if let id { links.keys.append(key(kind, id)) } }
        func source(_ s: AssetSource) { if case .importRow(let importID, _) = s { k(.importRun, importID) } }
        switch payload {
        case .communityRegistered(let p):
            k(.community, p.communityID)
            links.registrations.append((p.communityID, p.street))
        case .assetRegistered(let p): k(.asset, p.assetID); k(.community, p.communityID); source(p.source)
        case .assetUpdated(let p): k(.asset, p.assetID); source(p.source)
        case .assetRetired(let p): k(.asset, p.assetID)
        case .registerImported(let p): k(.importRun, p.importID); k(.community, p.communityID)
        case .fundOpened(let p): k(.fund, p.fundID); k(.community, p.communityID)
        case .decisionRecorded(let p):
            k(.decision, p.decisionID); k(.community, p.communityID); k(.contract, p.authorises.contractID)
            for a in p.authorises.assetIDs { k(.asset, a) }
        case .contractSigned(let p):
            k(.contract, p.contractID); k(.community, p.communityID); k(.decision, p.decisionID); k(.fund, p.payeeFundID)
            for a in p.assetIDs { k(.asset, a) }
        case .contractTerminated(let p): k(.contract, p.contractID)
        case .useStarted(let p):
            k(.use, p.useID); k(.asset, p.assetID)
            switch p.authority {
            case .contract(let c): k(.contract, c)
            case .decision(let d): k(.decision, d)
            case .none: break
            }
        case .useEnded(let p): k(.use, p.useID)
        case .inspectionRecorded(let p): k(.asset, p.assetID)
        case .occupationReported(let p): k(.occupation, p.occupationID); k(.asset, p.assetID)
        case .occupationCleared(let p): k(.occupation, p.occupationID)
        case .fundIncome(let p): k(.fund, p.fundID); k(.contract, p.sourceContractID)
        case .fundSpending(let p):
            k(.fund, p.fundID); k(.decision, p.decisionID)
            for a in p.assetIDs { k(.asset, a) }
        case .fundTransfer(let p): k(.fund, p.fromFundID); k(.fund, p.toFundID); k(.decision, p.decisionID)
        case .fundBalanceAsserted(let p): k(.fund, p.fundID)
        case .disclosurePublished(let p):
            k(.community, p.communityID)
            for f in p.fundIDs { k(.fund, f) }
        case .rectificationIssued(let p): k(.list, p.listID); k(.community, p.communityID)
        case .rectificationReported(let p): k(.list, p.listID)
        case .rectificationVerified(let p): k(.list, p.listID)
        case .rectificationExtended(let p): k(.list, p.listID)
        case .personalDataErased: links.isErasure = true
        case .correction(let c):
            k(.event, c.corrects)
            if let replacement = c.replacement { add(replacement.payload, &links) }
        }
    }

    // MARK: the file's parts

    /// Where a record lies and its hash.
    struct Entry: Equatable {
        var seq: Int64
        var offset: Int64
        var count: UInt32
        var isErasure: Bool
        var hash: Digest32
    }

    struct Block: Equatable {
        var offset: Int64
        var count: Int64
        var checksum: Digest32
    }

    struct CommunityRow: Equatable {
        var id: String
        var block: Int
        var streets: [String]
    }

    /// The header: everything a read needs before it reads a block.
    struct Header: Equatable {
        var ledgerName: String
        var genesis: FundState.Stamp
        var stamp: FundState.Stamp
        var blocks: [Block]
        var globalBlock: Int
        var communities: [CommunityRow]
        var nodeCount: Int64
        var nodeTableOffset: Int64
        var pageCount: Int64
        var pageDirectoryOffset: Int64
    }

    /// Why the stored file cannot be used (the same words as `funds.state`'s).
    public typealias Problem = FundState.Problem

    static func put(_ v: UInt64, _ out: inout [UInt8]) { FundState.put(v, &out) }
    static func put(_ b: [UInt8], _ out: inout [UInt8]) { FundState.put(b, &out) }

    static func encodeHeader(_ h: Header) -> [UInt8] {
        var out: [UInt8] = []
        put(Array(h.ledgerName.utf8), &out)
        for s in [h.genesis, h.stamp] {
            put(UInt64(bitPattern: s.seq), &out); out += s.hash.bytes
            put(UInt64(bitPattern: s.lineOffset), &out); put(UInt64(s.lineBytes), &out)
        }
        put(UInt64(h.blocks.count), &out)
        for b in h.blocks { put(UInt64(bitPattern: b.offset), &out); put(UInt64(bitPattern: b.count), &out); out += b.checksum.bytes }
        put(UInt64(h.globalBlock), &out)
        put(UInt64(h.communities.count), &out)
        for c in h.communities {
            put(Array(c.id.utf8), &out); put(UInt64(c.block), &out); put(UInt64(c.streets.count), &out)
            for s in c.streets { put(Array(s.utf8), &out) }
        }
        for v in [h.nodeCount, h.nodeTableOffset, h.pageCount, h.pageDirectoryOffset] { put(UInt64(bitPattern: v), &out) }
        return out
    }

    static func decodeHeader(_ bytes: [UInt8]) -> Header? {
        var r = FundState.Reader(bytes: bytes, offset: 0)
        func string() -> String? { r.counted().flatMap { String(validating: $0, as: UTF8.self) } }
        func int() -> Int64? { r.u64().flatMap { $0 <= UInt64(Int64.max) ? Int64($0) : nil } }
        guard let name = string() else { return nil }
        var stamps: [FundState.Stamp] = []
        for _ in 0..<2 {
            guard let seq = int(), let hash = r.fixed(32), let offset = int(), let length = int(), seq >= 1,
                  length <= Int64(Limits.recordBytesMax) else { return nil }
            stamps.append(FundState.Stamp(seq: seq, hash: Digest32(bytes: hash)!, lineOffset: offset, lineBytes: Int(length)))
        }
        guard let blockCount = int(), blockCount <= Int64(bytes.count) else { return nil }
        var blocks: [Block] = []
        for _ in 0..<blockCount {
            guard let offset = int(), let count = int(), let sum = r.fixed(32), count <= Int64(Int32.max) else { return nil }
            blocks.append(Block(offset: offset, count: count, checksum: Digest32(bytes: sum)!))
        }
        guard let global = int(), global < blockCount, let communityCount = int(), communityCount <= Int64(bytes.count) else { return nil }
        var communities: [CommunityRow] = []
        for _ in 0..<communityCount {
            guard let id = string(), let block = int(), block < blockCount, let streetCount = int(), streetCount <= Int64(bytes.count) else { return nil }
            var streets: [String] = []
            for _ in 0..<streetCount {
                guard let s = string() else { return nil }
                streets.append(s)
            }
            communities.append(CommunityRow(id: id, block: Int(block), streets: streets))
        }
        guard let nodeCount = int(), let nodeTable = int(), let pageCount = int(), let pageDirectory = int(),
              r.offset == r.end else { return nil }
        return Header(ledgerName: name, genesis: stamps[0], stamp: stamps[1], blocks: blocks, globalBlock: Int(global),
                      communities: communities, nodeCount: nodeCount, nodeTableOffset: nodeTable, pageCount: pageCount,
                      pageDirectoryOffset: pageDirectory)
    }

    static func encode(_ entry: Entry, _ out: inout [UInt8]) {
        put(UInt64(bitPattern: entry.seq), &out)
        put(UInt64(bitPattern: entry.offset), &out)
        withUnsafeBytes(of: entry.count.littleEndian) { out += $0 }
        out.append(entry.isErasure ? 1 : 0)
        out += entry.hash.bytes
    }

    static func decodeEntries(_ bytes: [UInt8]) -> [Entry]? {
        guard bytes.count % entryBytes == 0 else { return nil }
        var out: [Entry] = []
        out.reserveCapacity(bytes.count / entryBytes)
        var r = FundState.Reader(bytes: bytes, offset: 0)
        var previous: Int64 = 0
        while r.offset < r.end {
            guard let seq = r.u64(), let offset = r.u64(), let count = r.fixed(4), let flag = r.fixed(1), let hash = r.fixed(32) else { return nil }
            let c = UInt32(count[0]) | UInt32(count[1]) << 8 | UInt32(count[2]) << 16 | UInt32(count[3]) << 24
            guard Int64(bitPattern: seq) > previous, offset <= UInt64(Int64.max / 2), c >= 1, c <= UInt32(Limits.recordBytesMax), flag[0] <= 1 else { return nil }
            previous = Int64(bitPattern: seq)
            out.append(Entry(seq: previous, offset: Int64(bitPattern: offset), count: c, isErasure: flag[0] == 1, hash: Digest32(bytes: hash)!))
        }
        return out
    }

    // MARK: building

    /// Union–find over the ids of the whole log, and each record's entry.
    struct Builder {
        var nodes: [UInt64: Int32] = [:]
        var parent: [Int32] = []
        var anchors: [Int32] = []
        var entries: [Entry] = []
        var streets: [String: Set<String>] = [:]
        var genesis: FundState.Stamp? = nil
        var head: FundState.Stamp? = nil

        mutating func node(_ key: UInt64) -> Int32 {
            if let n = nodes[key] { return n }
            let n = Int32(parent.count)
            parent.append(n)
            nodes[key] = n
            return n
        }

        mutating func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }

        mutating func union(_ a: Int32, _ b: Int32) {
            let ra = find(a), rb = find(b)
            if ra != rb { if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb } }
        }

        mutating func add(_ entry: Entry, _ links: Links) {
            let anchor = node(links.keys[0])
            for key in links.keys.dropFirst() { union(anchor, node(key)) }
            for r in links.registrations { streets[r.id, default: []].insert(r.street) }
            anchors.append(anchor)
            entries.append(entry)
        }

        /// The file's bytes.
        mutating func encoded(ledgerName: String) -> [UInt8]? {
            guard let genesis, let head else { return nil }
            // Blocks: one per group that holds a community, in community-id order; the rest is the global block.
            var blockOfRoot: [Int32: Int] = [:]
            var communities: [CommunityRow] = []
            for id in streets.keys.sorted() {
                guard let n = nodes[key(.community, id)] else { continue }
                let root = find(n)
                let block: Int
                if let b = blockOfRoot[root] { block = b } else { block = blockOfRoot.count; blockOfRoot[root] = block }
                communities.append(CommunityRow(id: id, block: block, streets: streets[id]!.sorted()))
            }
            let global = blockOfRoot.count
            let blockCount = global + 1
            var blockOfRecord = [Int32](repeating: 0, count: entries.count)
            var counts = [Int](repeating: 0, count: blockCount)
            for i in entries.indices {
                let b = blockOfRoot[find(anchors[i])] ?? global
                blockOfRecord[i] = Int32(b)
                counts[b] += 1
            }
            var starts = [Int](repeating: 0, count: blockCount)
            for b in 1..<max(blockCount, 1) { starts[b] = starts[b - 1] + counts[b - 1] }
            var order = [Int32](repeating: 0, count: entries.count)
            var next = starts
            for i in entries.indices { order[next[Int(blockOfRecord[i])]] = Int32(i); next[Int(blockOfRecord[i])] += 1 }
            // Node table: every key with its block, sorted by key.
            var table: [(key: UInt64, block: UInt32)] = []
            table.reserveCapacity(nodes.count)
            for (k, n) in nodes { table.append((k, UInt32(blockOfRoot[find(n)] ?? global))) }
            table.sort { $0.key < $1.key }
            // Lay out: header size depends on offsets, so the body is made first with offsets relative to its start.
            var body: [UInt8] = []
            body.reserveCapacity(entries.count * entryBytes + table.count * nodeBytes + 1024)
            var blocks: [Block] = []
            for b in 0..<blockCount {
                let start = body.count
                for i in starts[b]..<(starts[b] + counts[b]) { encode(entries[Int(order[i])], &body) }
                blocks.append(Block(offset: Int64(start), count: Int64(counts[b]), checksum: SHA256.digest(Array(body[start...]))))
            }
            let nodeTable = body.count
            var directory: [UInt8] = []
            var pageStart = body.count
            for (i, row) in table.enumerated() {
                if i % pageNodes == 0 { pageStart = body.count; put(row.key, &directory) }
                put(row.key, &body)
                withUnsafeBytes(of: row.block.littleEndian) { body += $0 }
                if i % pageNodes == pageNodes - 1 || i == table.count - 1 { directory += SHA256.digest(Array(body[pageStart...])).bytes }
            }
            let pageDirectory = body.count
            directory += SHA256.digest(directory).bytes
            body += directory
            let pageCount = (table.count + pageNodes - 1) / pageNodes
            // The header's length does not depend on the offsets' values (fixed-width), so measure it once.
            var header = Header(ledgerName: ledgerName, genesis: genesis, stamp: head, blocks: blocks, globalBlock: global,
                                communities: communities, nodeCount: Int64(table.count), nodeTableOffset: Int64(nodeTable),
                                pageCount: Int64(pageCount), pageDirectoryOffset: Int64(pageDirectory))
            let base = Int64(magic.count + 16 + encodeHeader(header).count + 32)
            for i in header.blocks.indices { header.blocks[i].offset += base }
            header.nodeTableOffset += base
            header.pageDirectoryOffset += base
            let headerBytes = encodeHeader(header)
            var out = magic
            put(version, &out)
            put(UInt64(headerBytes.count), &out)
            out += headerBytes
            out += SHA256.digest(out).bytes
            out += body
            return out
        }
    }

    /// Reads and verifies the whole log and builds the index at its head; nil for an empty log.
    static func build(_ directory: LedgerDirectory) throws(ChainError) -> [UInt8]? {
        var builder = Builder()
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> (Entry, Links) in
            let seq = line.location.seq
            let record = try line.record()
            if seq == 1 { builder.genesis = FundState.Stamp(seq: 1, hash: line.hash, lineOffset: 0, lineBytes: line.location.byteCount) }
            if seq == line.batchLast {
                builder.head = FundState.Stamp(seq: seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
            }
            let links = links(id: record.id, payload: record.payload)
            return (Entry(seq: seq, offset: line.location.byteOffset, count: UInt32(line.location.byteCount),
                          isErasure: links.isErasure, hash: line.hash), links)
        }, batch: { items in
            for (entry, links) in items { builder.add(entry, links) }
        })
        guard summary.recordCount > 0, builder.head?.seq == summary.recordCount else { return nil }
        return builder.encoded(ledgerName: directory.name)
    }

    /// Builds the index from the whole log and writes it (best effort: a read-only ledger is simply not indexed).
    /// - Returns: whether a file was written.
    @discardableResult
    public static func rebuild(_ directory: LedgerDirectory) throws(ChainError) -> Bool {
        guard let bytes = try build(directory) else {
            try? PosixFile.remove(path(directory))
            return false
        }
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(bytes, to: path(directory)) } catch { return false }
        return true
    }

    // MARK: reading

    /// An open, checked index file.
    struct Opened {
        let file: PosixFile
        let header: Header
        let resume: ResumePoint

        func read(_ offset: Int64, _ count: Int) -> [UInt8]? {
            var bytes: [UInt8] = []
            do { try file.read(at: offset, count: count, into: &bytes) } catch { return nil }
            return bytes.count == count ? bytes : nil
        }

        /// A block's entries, checked against its checksum.
        func entries(_ block: Int) -> [Entry]? {
            let b = header.blocks[block]
            guard b.count >= 0, b.count <= Int64(Int32.max), let bytes = read(b.offset, Int(b.count) * entryBytes),
                  SHA256.digest(bytes) == b.checksum else { return nil }
            return decodeEntries(bytes)
        }

        /// The page directory (first key and checksum of each page), checked.
        func pages() -> (keys: [UInt64], sums: [Digest32])? {
            let count = Int(header.pageCount)
            guard count >= 0, count <= Int(header.nodeCount / Int64(1)) + 1,
                  let bytes = read(header.pageDirectoryOffset, count * 40 + 32) else { return nil }
            guard SHA256.digest(Array(bytes[0..<(count * 40)])) == Digest32(bytes: bytes[(count * 40)...]) else { return nil }
            var keys: [UInt64] = [], sums: [Digest32] = []
            var r = FundState.Reader(bytes: bytes, offset: 0)
            for _ in 0..<count {
                guard let k = r.u64(), let s = r.fixed(32) else { return nil }
                keys.append(k); sums.append(Digest32(bytes: s)!)
            }
            return (keys, sums)
        }
    }

    /// Opens the file and checks it against the log as it is now (as `FundState.load` does).
    /// - Returns: nil when there is no file.
    static func open(_ directory: LedgerDirectory) -> Result<Opened, Problem>? {
        let file: PosixFile
        do { file = try PosixFile(path: path(directory), mode: .read, followLinks: false) } catch {
            if error.isNotFound { return nil }
            return .failure(.damaged("\(error)"))
        }
        var prefix: [UInt8] = []
        do { try file.read(at: 0, count: magic.count + 16, into: &prefix) } catch { return .failure(.damaged("\(error)")) }
        guard prefix.count == magic.count + 16, prefix.starts(with: magic) else { return .failure(.damaged("not a scope index file")) }
        var r = FundState.Reader(bytes: prefix, offset: magic.count)
        guard let v = r.u64(), v == version else { return .failure(.wrongVersion(UInt32(truncatingIfNeeded: r.lastValue))) }
        guard let length = r.u64(), length < 1 << 34 else { return .failure(.damaged("the header length is malformed")) }
        var rest: [UInt8] = []
        do { try file.read(at: Int64(prefix.count), count: Int(length) + 32, into: &rest) } catch { return .failure(.damaged("\(error)")) }
        guard rest.count == Int(length) + 32, SHA256().hash(prefix[...], rest[0..<Int(length)]) == Digest32(bytes: rest[Int(length)...]) else {
            return .failure(.damaged("checksum does not match: truncated or altered"))
        }
        guard let header = decodeHeader(Array(rest[0..<Int(length)])) else { return .failure(.damaged("cannot read the header")) }
        guard header.ledgerName == directory.name else { return .failure(.foreign("written for ledger \"\(header.ledgerName)\"")) }
        let g = header.genesis
        guard g.seq == 1, g.lineOffset == 0 else { return .failure(.damaged("record 1 is not at the start")) }
        switch LogScanner.resumePoint(path: directory.eventsPath, seq: 1, hash: g.hash, lineOffset: 0, lineBytes: g.lineBytes, batchMustEnd: false) {
        case .success: break
        case .failure(.otherRecord(let found)): return .failure(.foreign("its record 1 has hash \(g.hash.hex.prefix(12))…, the log's \(found.hex.prefix(12))…"))
        case .failure(.missing(let why)): return .failure(.foreign("the log's record 1 is another: \(why)"))
        case .failure(let p): return .failure(.mismatch("record 1: \(p)"))
        }
        let s = header.stamp
        switch LogScanner.resumePoint(path: directory.eventsPath, seq: s.seq, hash: s.hash, lineOffset: s.lineOffset, lineBytes: s.lineBytes) {
        case .success(let point): return .success(Opened(file: file, header: header, resume: point))
        case .failure(let p): return .failure(.mismatch("stamped at record \(s.seq) with hash \(s.hash.hex.prefix(12))…: \(p)"))
        }
    }

    /// What a scoped read gives: the scope's records, ready to fold.
    public struct ScopedRead {
        /// The scope's records up to the cut (`upToSeq`, else the head), in seq order, with gaps.
        public let records: [Record]
        /// Erasures of personal data recorded after the cut (they still apply to what a report shows).
        public let laterErasures: [Record]
        /// Records in the whole committed log.
        public let totalRecordCount: Int64
        /// Hash of the log's last committed record.
        public let headHash: Digest32
        /// One line for stderr when the stored index was unusable and rebuilt; nil otherwise.
        public let notice: String?
        /// Lines read by position from the index's blocks (the records up to the stamp).
        public let linesRead: Int
        /// Records read and verified from the log after the stamp.
        public let deltaRead: Int64
    }

    /// A problem while reading a block or a line that the header promised: the index is damaged.
    struct Damaged: Error { let why: String }

    /// Reads the records of the communities `communityIDs` (or of every community ever registered on `street`)
    /// up to `upToSeq`, with the global block, from the index: the log after the index's stamp is read and verified
    /// (with the acknowledged-head check), the rest by position, each line checked against its stored hash. A
    /// missing, damaged, foreign, stale-beyond-use or other-version index is rebuilt from the log first (with a
    /// `notice`), and so is one the log has moved on from by more than a twentieth of its records.
    /// - Returns: nil when the index cannot serve the question: no such community or street in the log, an empty
    ///   log, an index that cannot be written (a read-only ledger), or an acknowledged head inside the indexed
    ///   prefix. The caller reads the whole log then; its answer is the same.
    public static func read(_ directory: LedgerDirectory, communityID: String?, street: String?,
                            upToSeq: Int64?) throws(ChainError) -> ScopedRead? {
        var notice: String? = nil
        for attempt in 0..<2 {
            var problem: Problem? = nil
            switch open(directory) {
            case nil:
                break
            case .failure(let p)?:
                problem = p
            case .success(let opened)?:
                do {
                    switch try read(opened, directory, communityID: communityID, street: street, upToSeq: upToSeq, notice: notice) {
                    case .answer(let read): return read
                    case .unanswerable: return nil
                    case .rebuild: break
                    }
                } catch let damaged as Damaged {
                    problem = .damaged(damaged.why)
                } catch let error as ChainError {
                    if case .resumeBeforeAcknowledged = error { return nil }
                    throw error
                } catch {
                    problem = .damaged("\(error)")
                }
            }
            guard attempt == 0 else { return nil }
            if let problem { notice = "note: \(fileName) in \(directory.indexPath) is \(problem); rebuilt from the log (answers are unaffected)." }
            guard try rebuild(directory) else { return nil }
        }
        return nil
    }

    enum Outcome { case answer(ScopedRead), unanswerable, rebuild }

    static func read(_ opened: Opened, _ directory: LedgerDirectory, communityID: String?, street: String?,
                     upToSeq: Int64?, notice: String?) throws -> Outcome {
        let header = opened.header
        // The log after the stamp, read and verified; kept whole (it is at most a twentieth of the log).
        var delta: [(record: Record, links: Links)] = []
        let summary = try LogScanner.committedBatches(directory, from: opened.resume, prepare: { line -> (Record, Links) in
            let record = try line.record()
            return (record, links(id: record.id, payload: record.payload))
        }, batch: { delta += $0.map { (record: $0.0, links: $0.1) } })
        let stampSeq = header.stamp.seq
        if !delta.isEmpty && Int64(delta.count) * 20 > stampSeq { return .rebuild }
        let limit = upToSeq ?? Int64.max

        // Which communities: the one asked for, or every community ever registered on the street.
        var scope: [String] = []
        if let communityID { scope = [communityID] }
        if let street {
            scope = header.communities.filter { $0.streets.contains(street) }.map(\.id)
            for item in delta { for r in item.links.registrations where r.street == street && !scope.contains(r.id) { scope.append(r.id) } }
        }

        // Group the delta's records with the stored blocks their ids fall in (the node table, by page).
        enum Element: Hashable { case block(Int), key(UInt64) }
        var index: [Element: Int] = [:]
        var parent: [Int] = []
        func element(_ e: Element) -> Int {
            if let i = index[e] { return i }
            parent.append(parent.count); index[e] = parent.count - 1
            return parent.count - 1
        }
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
        var deltaAnchors: [Int] = []
        if !delta.isEmpty {
            guard let pages = opened.pages() else { throw Damaged(why: "cannot read the node table's page directory") }
            var pageCache: [Int: [(UInt64, UInt32)]] = [:]
            func storedBlock(_ key: UInt64) throws -> Int? {
                // The last page whose first key is ≤ key.
                var lo = 0, hi = pages.keys.count
                while lo < hi { let mid = (lo + hi) / 2; if pages.keys[mid] <= key { lo = mid + 1 } else { hi = mid } }
                guard lo > 0 else { return nil }
                let page = lo - 1
                if pageCache[page] == nil {
                    let first = Int64(page * pageNodes)
                    let count = Int(min(Int64(pageNodes), header.nodeCount - first))
                    guard count > 0, let bytes = opened.read(header.nodeTableOffset + first * Int64(nodeBytes), count * nodeBytes),
                          SHA256.digest(bytes) == pages.sums[page] else { throw Damaged(why: "node table page \(page + 1) does not match its checksum") }
                    var rows: [(UInt64, UInt32)] = []
                    var r = FundState.Reader(bytes: bytes, offset: 0)
                    for _ in 0..<count {
                        let k = r.u64()!, b = r.fixed(4)!
                        rows.append((k, UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24))
                    }
                    pageCache[page] = rows
                }
                let rows = pageCache[page]!
                var l = 0, h = rows.count
                while l < h { let m = (l + h) / 2; if rows[m].0 < key { l = m + 1 } else { h = m } }
                guard l < rows.count, rows[l].0 == key else { return nil }
                guard Int(rows[l].1) < header.blocks.count else { throw Damaged(why: "node table names block \(rows[l].1)") }
                return Int(rows[l].1)
            }
            for item in delta {
                var first: Int? = nil
                for key in item.links.keys {
                    let e = try element(storedBlock(key).map { .block($0) } ?? .key(key))
                    if let f = first { union(f, e) } else { first = e }
                }
                deltaAnchors.append(first!)
            }
        }

        // The scope's roots: its communities' blocks (or, for a community registered after the stamp, its key) and
        // the global block.
        let rows = Dictionary(header.communities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var roots = Set<Int>()
        var blocks = Set<Int>([header.globalBlock])
        var known = false
        for id in scope {
            if let row = rows[id] { blocks.insert(row.block); known = true }
            else if index[.key(key(.community, id))] != nil { roots.insert(find(index[.key(key(.community, id))]!)); known = true }
        }
        guard known else { return .unanswerable }
        for b in blocks { roots.insert(find(element(.block(b)))) }
        // Every stored block the delta joined to the scope.
        for (e, i) in index { if case .block(let b) = e, roots.contains(find(i)) { blocks.insert(b) } }

        var entries: [Entry] = []
        for b in blocks.sorted() {
            guard let list = opened.entries(b) else { throw Damaged(why: "block \(b + 1) does not match its checksum") }
            guard list.last.map({ $0.seq <= stampSeq }) ?? true else { throw Damaged(why: "block \(b + 1) names a record after the stamp") }
            entries += list
        }
        entries.sort { $0.seq < $1.seq }

        // The lines, by position, each checked against the hash the index stored for it.
        let log: PosixFile
        do { log = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw ChainError.file(error) }
        defer { log.close() }
        var records: [Record] = []
        var later: [Record] = []
        let hasher = SHA256()
        var buffer: [UInt8] = []
        var linesRead = 0
        for entry in entries where entry.seq <= limit || entry.isErasure {
            do { try log.read(at: entry.offset, count: Int(entry.count), into: &buffer) } catch { throw ChainError.file(error) }
            linesRead += 1
            guard buffer.count == Int(entry.count), buffer.count > 75, // the hash member (`{"hash":"` + 64 hex + `",`), as `hashedBytesDigest` needs
                 
                  RecordCodec.hashedBytesDigest(line: buffer[...], hasher: hasher) == entry.hash,
                  let record = try? RecordCodec.decode(line: buffer[...]), record.seq == entry.seq, record.hash == entry.hash else {
                throw Damaged(why: "its entry for record \(entry.seq) does not match the log's line")
            }
            if entry.seq <= limit { records.append(record) } else { later.append(record) }
        }
        for (item, anchor) in zip(delta, deltaAnchors) where roots.contains(find(anchor)) {
            if item.record.seq <= limit { records.append(item.record) } else if item.links.isErasure { later.append(item.record) }
        }
        // A delta that grew large is folded into a new index at the head (best effort; the answer is made already).
        let headHash = delta.last?.record.hash ?? header.stamp.hash
        return .answer(ScopedRead(records: records, laterErasures: later, totalRecordCount: summary.recordCount, headHash: headHash,
                                  notice: notice, linesRead: linesRead, deltaRead: Int64(delta.count)))
    }
}
