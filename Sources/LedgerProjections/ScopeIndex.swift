import LedgerChain
import LedgerEvents
import LedgerPlatform
import Synchronization

/// The partition index `index/scopes` (ledger-spec.md section 15): which records a community's answers rest on, so
/// that `--community` and `--street` read those records and not the whole log. Derived and optional.
///
/// Records are linked through the ids they name (a community, asset, fund, decision, contract, use, occupation,
/// rectification list, and the record's own event id, which a correction names): records that share an id
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
/// SHA-256 in a page directory, checked in runs of 256 entries whose first keys and SHA-256s are in the directory's
/// index, which has its own SHA-256 (version 2). The table is checked in parts of 4 KiB, each with its SHA-256 after
/// the table, and finds a community's row through an index of every 64th row (version 3). A read checks the header,
/// the table's parts it reads, the blocks it reads, and every log line it reads against the hash stored for it; the
/// directory's index, runs and pages it looks keys up in.
public enum ScopeIndex {
    public static let fileName = "scopes"
    /// 4: each entry carries its record's type code and whether its event id is named by another record, so that a
    /// read of some types skips the others' lines unread (session 50); 3: the table checked in parts, with an index
    /// of its rows (session 47); 2: the page directory checked in runs (its index, session 46); 1 checked it whole
    /// with one SHA-256.
    public static let version: UInt32 = 4
    /// The file's kind in its header (ledger-spec.md section 15.1).
    public static let kind = "LEDGER-SCOPES"
    static let entryBytes = 53
    static let nodeBytes = 12
    static let pageNodes = 256
    /// Page-directory entries per run (version 2): a look-up checks the directory's small index and the one run it
    /// searches, not the whole directory (1.9 MB at 10 million records, hashed by every append of version 1).
    static let directoryRun = 256
    /// The table's bytes per checked part (version 3): a read hashes the parts it reads (a community's row, its
    /// block's place, the global block's), not the whole table (995 KB at 10 million records, hashed by every
    /// append of version 2).
    static let tablePart = 4096
    /// Community rows per run of the table's row index (version 3): a row is found by a binary search of the runs'
    /// first ids, then read within its run.
    static let rowRun = 64

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    // MARK: links

    /// Kinds of id, so that an asset and a fund of the same id are not one node.
    enum Kind: UInt8 { case community = 1, asset, fund, decision, contract, use, occupation, list, event }

    /// The stable 64-bit key of an id of a kind (FNV-1a, then a finaliser that spreads the bits).
    static func key(_ kind: Kind, _ id: String) -> UInt64 { key(kind, utf8: id.utf8) }

    /// `key(kind, id)` of an id given as its UTF-8 (a record's bytes).
    @inline(__always)
    static func key<Bytes: Collection<UInt8>>(_ kind: Kind, utf8: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(kind.rawValue)) &* 0x100_0000_01b3
        for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
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
        var made = Links()
        Self.links(id: id, payload: payload, into: &made)
        return made
    }

    /// `links(id:payload:)` into `links`, emptied first and keeping its storage (a rebuild reuses one per record
    /// instead of allocating an array for each).
    static func links(id: String, payload: EventPayload, into links: inout Links) {
        links.keys.removeAll(keepingCapacity: true)
        if !links.registrations.isEmpty { links.registrations.removeAll(keepingCapacity: true) }
        links.isErasure = false
        links.keys.append(key(.event, id))
        if case .domain(let domain) = payload { add(domain, &links) }
    }

    /// `links(id:payload:into:)` of a record whose payload `PayloadRefs.read` vouched for, from the bytes of its
    /// event id and of the ids the payload names (`refs`, in the order `add` links them).
    static func links(idBytes: ArraySlice<UInt8>, refs: ArraySlice<PayloadRefs.Ref>, bytes: ArraySlice<UInt8>, into links: inout Links) {
        links.keys.removeAll(keepingCapacity: true)
        if !links.registrations.isEmpty { links.registrations.removeAll(keepingCapacity: true) }
        links.isErasure = false
        links.keys.append(key(.event, utf8: idBytes))
        for ref in refs {
            let kind: Kind
            switch ref.kind {
            case .community: kind = .community
            case .asset: kind = .asset
            case .fund: kind = .fund
            case .decision: kind = .decision
            case .contract: kind = .contract
            case .use: kind = .use
            case .occupation: kind = .occupation
            case .list: kind = .list
            // An import is never linked (`add`).
            case .import: continue
            }
            links.keys.append(key(kind, utf8: bytes[ref.range]))
        }
    }

    static func add(_ payload: DomainEvent, _ links: inout Links) {
        func k(_ kind: Kind, _ id: String?) { if let id { links.keys.append(key(kind, id)) } }
        switch payload {
        case .communityRegistered(let p):
            k(.community, p.communityID)
            links.registrations.append((p.communityID, p.street))
        // An asset's import is not linked: a city-wide register would join every community it lists, and no scoped
        // report shows an import (only `show`, which reads the whole log for it: an import id is a free string of
        // `index/mentions`, 15.10).
        case .assetRegistered(let p): k(.asset, p.assetID); k(.community, p.communityID)
        case .assetUpdated(let p): k(.asset, p.assetID)
        case .assetRetired(let p): k(.asset, p.assetID)
        case .registerImported(let p): k(.community, p.communityID)
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

    /// The types an entry's code names (ledger-spec.md 15.5, version 4): code n is the type at n − 1, 0 a type this
    /// version does not know. Written out rather than `EventType.allCases`, so that a new case cannot renumber them.
    static let codedTypes: [EventType] = [
        .communityRegistered, .assetRegistered, .assetUpdated, .assetRetired, .registerImported, .fundOpened,
        .decisionRecorded, .contractSigned, .contractTerminated, .useStarted, .useEnded, .inspectionRecorded,
        .occupationReported, .occupationCleared, .fundIncome, .fundSpending, .fundTransfer, .fundBalanceAsserted,
        .disclosurePublished, .rectificationIssued, .rectificationReported, .rectificationVerified,
        .rectificationExtended, .personalDataErased, .correction,
    ]
    private static let codes: [EventType: UInt8] = Dictionary(uniqueKeysWithValues: codedTypes.enumerated().map { ($1, UInt8($0 + 1)) })
    static let erasureCode: UInt8 = 24
    static let correctionCode: UInt8 = 25
    /// Added to an entry's code when its record's event id is named by another record (a record with the same id, or
    /// a correction of it): a filtered read never skips such a line (`Entry.skippable`).
    static let namedBit: UInt8 = 0x80

    /// The code of a record's `type` (0: a type this version does not know).
    static func typeCode(_ type: EventType) -> UInt8 { codes[type]! }
    static func typeCode(_ type: String) -> UInt8 { EventType(rawValue: type).map(typeCode) ?? 0 }
    /// The codes of `types` (event type names).
    static func typeCodes(_ types: Set<String>) -> Set<UInt8> { Set(types.compactMap { EventType(rawValue: $0).map(typeCode) }) }

    /// Where a record lies, its type and its hash.
    struct Entry: Equatable {
        var seq: Int64
        var offset: Int64
        var count: UInt32
        /// The record's type code (`typeCode`); the side file `scopes.recent` keeps only whether it is an erasure.
        var code: UInt8
        /// Whether another record names the record's event id (ledger-spec.md 15.5, "the named bit").
        var named: Bool = false
        var hash: Digest32

        var isErasure: Bool { code == ScopeIndex.erasureCode }

        /// Whether a read keeping only the types `kept` may leave this record's line unread: its type is known, not
        /// kept, not a correction (a correction may name any record), and no other record names its event id (so no
        /// correction of it, nor a record sharing its id, can need it to be left out exactly: `keepingTypes`).
        func skippable(keeping kept: Set<UInt8>) -> Bool {
            !named && code != 0 && code != ScopeIndex.correctionCode && !kept.contains(code)
        }
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

    /// The table's communities: rows made by a writer, or rows read from a stored table, decoded only when asked
    /// for (`decodeTable` checked their layout and UTF-8 once, in place). An append reads one or two communities'
    /// rows of the city's 10,000 (at 10 million records, decoding them all into strings was some 50 M instructions
    /// a process, a fifth of a payment's).
    struct CommunityRows: RandomAccessCollection, Equatable {
        private let made: [CommunityRow]?
        /// The stored table's bytes, and where each row starts in them.
        private let bytes: [UInt8]
        private let starts: [Int]

        init(_ rows: [CommunityRow]) { made = rows; bytes = []; starts = [] }
        init(stored bytes: [UInt8], starts: [Int]) { made = nil; self.bytes = bytes; self.starts = starts }

        var startIndex: Int { 0 }
        var endIndex: Int { made?.count ?? starts.count }
        subscript(i: Int) -> CommunityRow {
            if let made { return made[i] }
            var r = ByteReader(bytes[...], from: starts[i])
            // Checked by `decodeTable`: every length in range, every string UTF-8, the block in range.
            let id = String(decoding: bytes[r.countedRange()!], as: UTF8.self)
            let block = Int(r.u64()!), streetCount = Int(r.u64()!)
            var streets: [String] = []
            streets.reserveCapacity(streetCount)
            for _ in 0..<streetCount { streets.append(String(decoding: bytes[r.countedRange()!], as: UTF8.self)) }
            return CommunityRow(id: id, block: block, streets: streets)
        }

        /// The block of the first row of `id`, nil when none; without decoding the other rows.
        func block(of id: String) -> Int? {
            guard let index = firstIndex(ofID: id) else { return nil }
            if let made { return made[index].block }
            var r = ByteReader(bytes[...], from: starts[index])
            _ = r.countedRange()
            return r.u64().map(Int.init)
        }

        /// The first row of `id`, nil when none (only that row decoded).
        func row(_ id: String) -> CommunityRow? { firstIndex(ofID: id).map { self[$0] } }

        /// The first row whose id is `id` as strings compare (as `first { $0.id == id }` finds it): the stored ids'
        /// UTF-8 compared in place, a string made only where either is not ASCII (canonically equivalent texts).
        private func firstIndex(ofID id: String) -> Int? {
            if let made { return made.firstIndex { $0.id == id } }
            let wanted = Array(id.utf8)
            let wantedASCII = wanted.allSatisfy { $0 < 0x80 }
            for (i, start) in starts.enumerated() {
                var r = ByteReader(bytes[...], from: start)
                guard let range = r.countedRange() else { return nil }
                if bytes[range].elementsEqual(wanted) { return i }
                if !wantedASCII || bytes[range].contains(where: { $0 >= 0x80 }), String(decoding: bytes[range], as: UTF8.self) == id { return i }
            }
            return nil
        }

        static func == (a: CommunityRows, b: CommunityRows) -> Bool { a.elementsEqual(b) }
    }

    /// The table at the start of the body: everything a read needs before it reads a block. Offsets are from the
    /// body's start.
    struct Table: Equatable {
        var blocks: [Block]
        var globalBlock: Int
        var communities: CommunityRows
        var nodeCount: Int64
        var nodeTableOffset: Int64
        var pageCount: Int64
        var pageDirectoryOffset: Int64

        init(blocks: [Block], globalBlock: Int, communities: [CommunityRow], nodeCount: Int64, nodeTableOffset: Int64,
             pageCount: Int64, pageDirectoryOffset: Int64) {
            self.init(blocks: blocks, globalBlock: globalBlock, rows: CommunityRows(communities), nodeCount: nodeCount,
                      nodeTableOffset: nodeTableOffset, pageCount: pageCount, pageDirectoryOffset: pageDirectoryOffset)
        }

        init(blocks: [Block], globalBlock: Int, rows: CommunityRows, nodeCount: Int64, nodeTableOffset: Int64,
             pageCount: Int64, pageDirectoryOffset: Int64) {
            self.blocks = blocks; self.globalBlock = globalBlock; communities = rows; self.nodeCount = nodeCount
            self.nodeTableOffset = nodeTableOffset; self.pageCount = pageCount; self.pageDirectoryOffset = pageDirectoryOffset
        }
    }

    /// Why the stored file cannot be used (the words every file of `index/` uses).
    public typealias Problem = ChainError.DerivedStateProblem

    static func encodeTable(_ t: Table) -> [UInt8] {
        var out = ByteWriter()
        out.u64(UInt64(t.blocks.count))
        for b in t.blocks { out.i64(b.offset); out.i64(b.count); out.raw(b.checksum.bytes) }
        out.u64(UInt64(t.globalBlock))
        out.u64(UInt64(t.communities.count))
        // The row index: where every `rowRun`th row starts, from the table's start (the rows follow it).
        var rows = ByteWriter()
        var starts: [Int] = []
        for (i, c) in t.communities.enumerated() {
            if i % rowRun == 0 { starts.append(rows.bytes.count) }
            rows.counted(Array(c.id.utf8)); rows.u64(UInt64(c.block)); rows.u64(UInt64(c.streets.count))
            for s in c.streets { rows.counted(Array(s.utf8)) }
        }
        out.u64(UInt64(starts.count))
        let rowsAt = out.bytes.count + starts.count * 8
        for start in starts { out.u64(UInt64(rowsAt + start)) }
        out.raw(rows.bytes)
        for v in [t.nodeCount, t.nodeTableOffset, t.pageCount, t.pageDirectoryOffset] { out.i64(v) }
        return out.bytes
    }

    /// The runs of the row index of `count` community rows.
    static func rowRuns(_ count: Int) -> Int { (count + rowRun - 1) / rowRun }

    /// The parts of a table of `length` bytes.
    static func tableParts(_ length: Int) -> Int { (length + tablePart - 1) / tablePart }

    /// The bytes of the table's span in the body: u64 its length, the table, each part's SHA-256, the SHA-256 of those.
    static func tableSpanLength(_ tableLength: Int) -> Int { 8 + tableLength + (tableParts(tableLength) + 1) * 32 }

    /// The table's span in the body (`tableSpanLength`): its length, it, and its parts' checksums with theirs.
    static func tableSpan(_ table: [UInt8]) -> [UInt8] {
        var out = ByteWriter(capacity: tableSpanLength(table.count))
        out.u64(UInt64(table.count)); out.raw(table)
        var sums = ByteWriter(capacity: tableParts(table.count) * 32)
        var at = 0
        while at < table.count {
            let end = min(at + tablePart, table.count)
            sums.raw(SHA256.digest(table[at..<end]).bytes)
            at = end
        }
        out.raw(sums.bytes); out.raw(SHA256.digest(sums.bytes).bytes)
        return out.bytes
    }

    /// The table, its layout checked whole (every length, block number and string's UTF-8, in place); the
    /// communities' rows are decoded only when asked for (`CommunityRows`).
    static func decodeTable(_ bytes: [UInt8]) -> Table? {
        var r = ByteReader(bytes)
        func string() -> Bool {
            guard let range = r.countedRange(max: 1 << 16) else { return false }
            return Bytes.firstInvalidUTF8(bytes[range]) == nil
        }
        func int() -> Int64? { r.u64().flatMap { $0 <= UInt64(Int64.max) ? Int64($0) : nil } }
        guard let blockCount = int(), blockCount <= Int64(bytes.count) else { return nil }
        var blocks: [Block] = []
        blocks.reserveCapacity(Int(blockCount))
        for _ in 0..<blockCount {
            guard let offset = int(), let count = int(), count <= Int64(Int32.max), r.end - r.offset >= 32 else { return nil }
            blocks.append(Block(offset: offset, count: count, checksum: Digest32(bytes, at: r.offset)))
            r.offset += 32
        }
        guard let global = int(), global < blockCount, let communityCount = int(), communityCount <= Int64(bytes.count),
              let runCount = int(), runCount == Int64(rowRuns(Int(communityCount))) else { return nil }
        var runStarts: [Int64] = []
        for _ in 0..<runCount { guard let start = int() else { return nil }; runStarts.append(start) }
        var starts: [Int] = []
        starts.reserveCapacity(Int(communityCount))
        for i in 0..<Int(communityCount) {
            guard i % rowRun != 0 || runStarts[i / rowRun] == Int64(r.offset) else { return nil }
            starts.append(r.offset)
            guard string(), let block = int(), block < blockCount, let streetCount = int(), streetCount <= Int64(bytes.count) else { return nil }
            for _ in 0..<streetCount { guard string() else { return nil } }
        }
        guard let nodeCount = int(), let nodeTable = int(), let pageCount = int(), let pageDirectory = int(), r.isAtEnd,
              nodeCount <= Int64(Int32.max) * Int64(pageNodes),
              pageCount == (nodeCount + Int64(pageNodes) - 1) / Int64(pageNodes) else { return nil }
        return Table(blocks: blocks, globalBlock: Int(global), rows: CommunityRows(stored: bytes, starts: starts), nodeCount: nodeCount,
                     nodeTableOffset: nodeTable, pageCount: pageCount, pageDirectoryOffset: pageDirectory)
    }

    /// The runs of a page directory of `pageCount` entries.
    static func directoryRuns(pageCount: Int) -> Int { (pageCount + directoryRun - 1) / directoryRun }

    /// The bytes of a page directory of `pageCount` entries with what follows it: its index and the index's SHA-256.
    static func directoryLength(pageCount: Int) -> Int { (pageCount + directoryRuns(pageCount: pageCount)) * 40 + 32 }

    /// What follows the page directory `directory` (40 bytes an entry): its index — each run of `directoryRun`
    /// entries' first key and SHA-256 — and the SHA-256 of the index.
    static func directoryIndex(_ directory: [UInt8]) -> [UInt8] {
        var index = ByteWriter(capacity: directoryRuns(pageCount: directory.count / 40) * 40 + 32)
        var at = 0
        while at < directory.count {
            let end = min(at + directoryRun * 40, directory.count)
            index.raw(directory[at..<(at + 8)])
            index.raw(SHA256.digest(Array(directory[at..<end])).bytes)
            at = end
        }
        let sum = SHA256.digest(index.bytes)
        index.raw(sum.bytes)
        return index.bytes
    }

    /// An entry as `index/scopes` holds it (its type code and named bit).
    static func encode(_ entry: Entry, _ out: inout ByteWriter) {
        out.i64(entry.seq)
        out.i64(entry.offset)
        out.u32(entry.count)
        out.raw([entry.code | (entry.named ? namedBit : 0)])
        out.raw(entry.hash.bytes)
    }

    /// An entry as the side files `index/scopes.recent` and `.sealed` hold it (version 3: 1 for an erasure, else 0).
    static func encodeRecent(_ entry: Entry, _ out: inout ByteWriter) {
        out.i64(entry.seq)
        out.i64(entry.offset)
        out.u32(entry.count)
        out.raw([entry.isErasure ? 1 : 0])
        out.raw(entry.hash.bytes)
    }

    static func u32(_ b: [UInt8]) -> UInt32 { UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24 }

    static func decodeEntries(_ bytes: [UInt8]) -> [Entry]? {
        guard bytes.count % entryBytes == 0 else { return nil }
        var out: [Entry] = []
        out.reserveCapacity(bytes.count / entryBytes)
        var previous: Int64 = 0
        var base = 0
        while base < bytes.count {
            guard let entry = decodeEntry(bytes[...], at: base, after: previous) else { return nil }
            previous = entry.seq
            out.append(entry)
            base += entryBytes
        }
        return out
    }

    /// The entry at `base…base + 52` (the caller checked the bytes are there), nil unless its seq is after
    /// `previous` and its fields are in range. Read in place (no slice per field): a city's read decodes millions of
    /// entries, and the recent side file one an item.
    @inline(__always)
    static func decodeEntry(_ bytes: ArraySlice<UInt8>, at base: Int, after previous: Int64) -> Entry? {
        decodeEntry(bytes, at: base, after: previous, recent: false)
    }

    /// `decodeEntry` of a side file's entry (`encodeRecent`).
    @inline(__always)
    static func decodeRecentEntry(_ bytes: ArraySlice<UInt8>, at base: Int, after previous: Int64) -> Entry? {
        decodeEntry(bytes, at: base, after: previous, recent: true)
    }

    @inline(__always)
    private static func decodeEntry(_ bytes: ArraySlice<UInt8>, at base: Int, after previous: Int64, recent: Bool) -> Entry? {
        func u64(_ at: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in stride(from: 7, through: 0, by: -1) { v = v << 8 | UInt64(bytes[at + k]) }
            return v
        }
        let seq = Int64(bitPattern: u64(base)), offset = u64(base + 8)
        let c = UInt32(bytes[base + 16]) | UInt32(bytes[base + 17]) << 8 | UInt32(bytes[base + 18]) << 16 | UInt32(bytes[base + 19]) << 24
        let flag = bytes[base + 20]
        let code: UInt8, named: Bool
        if recent {
            guard flag <= 1 else { return nil }
            code = flag == 1 ? erasureCode : 0
            named = false
        } else {
            code = flag & ~namedBit
            named = flag & namedBit != 0
            guard code <= correctionCode else { return nil }
        }
        guard seq > previous, offset <= UInt64(Int64.max / 2), c >= 1, c <= UInt32(Limits.recordBytesMax) else { return nil }
        return Entry(seq: seq, offset: Int64(bitPattern: offset), count: c, code: code, named: named,
                     hash: Digest32(bytes, at: base + 21))
    }

    // MARK: building

    /// Union–find over the ids of the whole log, and each record's entry.
    /// Node numbers by key: open addressing with linear probing, so a lookup costs no per-key allocation — a rebuild
    /// looks up every id a record names but its event id, kept apart (`Builder.eventKeys`); a `Dictionary` hashed
    /// each key again, a fifth of the rebuild's scope time. A key is already a finalised hash of an id, but one of a log's writer's choosing: the
    /// slot is taken from the key mixed with a seed drawn per table, so that no log can line its ids up on one probe
    /// chain in every process. Nothing written depends on the slots (the rows are sorted by key before they are
    /// written), so the seed changes no output byte.
    struct NodeTable {
        /// A slot: the key and its value (-1: empty), side by side so that a probe touches one cache line.
        private struct Slot { var key: UInt64; var value: Int32 }
        private var slots: [Slot] = []
        private var mask = 0
        /// log2 of the slot count (the slot of a key is the top bits of its mixed key).
        private var bits = 0
        private let seed: UInt64
        private(set) var count = 0
        /// Keys held before the table grows: 13/16 of its slots (a probe for a key not held then walks some dozen
        /// adjacent slots, three cache lines read in order; kept at most half full, the table was twice the memory —
        /// 512 MiB of slots at 10 million records — for a few probes fewer).
        private var limit = 0

        init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
            self.seed = seed | 1
            resize(to: 16)
        }

        private mutating func resize(to capacity: Int) {
            let old = slots
            slots = [Slot](repeating: Slot(key: 0, value: -1), count: capacity)
            mask = capacity - 1
            bits = capacity.trailingZeroBitCount
            limit = capacity / 16 * 13
            count = 0
            for slot in old where slot.value >= 0 { _ = insert(slot.key, slot.value) }
        }

        /// The slot count for `n` keys without growing.
        static func capacity(for n: Int) -> Int {
            var capacity = 16
            while capacity / 16 * 13 < n { capacity <<= 1 }
            return capacity
        }

        /// Room for `n` keys without growing.
        mutating func reserveCapacity(_ n: Int) {
            let capacity = Self.capacity(for: n)
            if capacity > slots.count { resize(to: capacity) }
        }

        /// Slots in the table (for tests).
        var capacity: Int { slots.count }

        /// The first slot probed for `key`: the key mixed with the seed (a multiply by an odd number is a bijection,
        /// and its top bits depend on every bit of the key).
        @inline(__always) private func home(_ key: UInt64) -> Int {
            Int(truncatingIfNeeded: ((key ^ seed) &* 0x9e37_79b9_7f4a_7c15) >> UInt64(64 - bits))
        }

        subscript(key: UInt64) -> Int32? {
            var at = home(key)
            while true {
                let slot = slots[at]
                if slot.value < 0 { return nil }
                if slot.key == key { return slot.value }
                at = (at + 1) & mask
            }
        }

        /// Reads the first slot probed for each of `keys` (`Builder.touch`): the sum of their values, which means
        /// nothing.
        func touch(_ keys: ArraySlice<UInt64>) -> Int32 {
            var sum: Int32 = 0
            for key in keys { sum &+= slots[home(key)].value }
            return sum
        }

        /// The value of `key`, or `value` stored for it when it has none (returned then).
        mutating func insert(_ key: UInt64, _ value: Int32) -> Int32 {
            if count >= limit { resize(to: slots.count * 2) }
            var at = home(key)
            while true {
                let slot = slots[at]
                if slot.value < 0 {
                    slots[at] = Slot(key: key, value: value)
                    count += 1
                    return value
                }
                if slot.key == key { return slot.value }
                at = (at + 1) & mask
            }
        }

        /// Every key with its value, in no particular order (it depends on the seed: callers sort).
        func forEach(_ body: (UInt64, Int32) -> Void) {
            for slot in slots where slot.value >= 0 { body(slot.key, slot.value) }
        }
    }

    struct Builder {
        var nodes = NodeTable()
        var parent: [Int32] = []
        var anchors: [Int32] = []
        /// Every record's entry as the file holds it (`entryBytes` each, in seq order): 53 bytes a record, no
        /// per-record allocation, and copied as they are into their blocks. Zeros follow the last entry (room made
        /// ahead, `add`): only the first `entryCount` entries are read.
        var flat: [UInt8] = []
        /// Every record's own event-id key, in seq order (record i's node is `anchors[i]`). They are not put in
        /// `nodes`: a record's event id is named by nothing but a correction (whose key is in `nodes`) or a record
        /// with the same id, so each is joined to the node of its key and to its duplicates once, when the file is
        /// planned (`plan`: two sorted lists merged), instead of a probe of the table at a random slot per record —
        /// a million probes at a million records, and a table three times the size. The groups, and so the file,
        /// are the same.
        var eventKeys: [UInt64] = []
        /// The event-id key each correction names as the event it corrects (in seq order): with `eventKeys`, what
        /// sets the entries' named bits (`plan`).
        var correctedKeys: [UInt64] = []
        var entryCount: Int { anchors.count }
        var streets: [String: Set<String>] = [:]
        var genesis: StateStamp? = nil
        var head: StateStamp? = nil

        mutating func node(_ key: UInt64) -> Int32 {
            let fresh = Int32(parent.count)
            let n = nodes.insert(key, fresh)
            if n == fresh { parent.append(n) }
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
            add(entry, keys: links.keys[...], registrations: links.registrations)
        }

        /// `add(_:_:)` of a record whose links' keys are `keys` (its event id's first).
        mutating func add(_ entry: Entry, keys: ArraySlice<UInt64>, registrations: [(id: String, street: String)]) {
            add(entry, eventKey: keys[keys.startIndex], keys: keys.dropFirst(), registrations: registrations)
        }

        /// `add(_:keys:registrations:)` with the record's event-id key apart from the keys of the other ids it names.
        mutating func add(_ entry: Entry, eventKey: UInt64, keys: ArraySlice<UInt64>, registrations: [(id: String, street: String)]) {
            // The record's node: its first id's, joined to the others' (its event id is joined in `plan`); a record
            // that names no other id (an erasure, a record of an unknown type) has a node of its own.
            let anchor: Int32
            if let first = keys.first {
                anchor = node(first)
                if keys.count > 1 {
                    // `union(anchor, node(key))` for each key, with the anchor's root found once: a union's root is
                    // the smaller of the two (so every root is its set's smallest node), which is the anchor's next root.
                    var root = find(anchor)
                    for key in keys.dropFirst() {
                        let other = find(node(key))
                        if other == root { continue }
                        if root < other { parent[Int(other)] = root } else { parent[Int(root)] = other; root = other }
                    }
                }
            } else {
                anchor = Int32(parent.count)
                parent.append(anchor)
            }
            for r in registrations { streets[r.id, default: []].insert(r.street) }
            // The entry stored into room made a thousand entries at a time (`flat` holds zeros past the last entry):
            // eight appends of a few bytes each, through the unspecialised `append(contentsOf:)`, cost some 900
            // instructions a record (callgrind), more than the rest of `add`.
            let at = anchors.count * entryBytes
            if flat.count < at + entryBytes {
                // Within the capacity reserved when there is room (growing past it would double the array).
                let room = (flat.capacity - flat.count) / entryBytes
                flat.append(contentsOf: repeatElement(0, count: entryBytes * (room > 0 ? min(room, 1024) : 1024)))
            }
            anchors.append(anchor)
            eventKeys.append(eventKey)
            // A correction's links name the event it corrects first (`add`): the key its named bit is set by.
            if entry.code == correctionCode, let corrected = keys.first { correctedKeys.append(corrected) }
            Bytes.storeLittleEndian(entry.seq, into: &flat, at: at)
            Bytes.storeLittleEndian(entry.offset, into: &flat, at: at + 8)
            Bytes.storeLittleEndian(entry.count, into: &flat, at: at + 16)
            // The type code; the named bit is added when every record has come (`plan`).
            flat[at + 20] = entry.code
            for k in 0..<4 { Bytes.storeLittleEndian(Self.word(entry.hash, k), into: &flat, at: at + 21 + 8 * k) }
        }

        /// Bytes `8k…8k+7` of `digest` as a word whose little-endian bytes are them in order (what
        /// `Digest32.appendBytes` appends for that word).
        @inline(__always)
        static func word(_ digest: Digest32, _ k: Int) -> UInt64 {
            var word: UInt64 = 0
            for i in 0..<8 { word |= UInt64(digest[8 * k + i]) << UInt64(8 * i) }
            return word
        }

        /// What `touch` read (kept, so that its reads are not optimised away).
        private var touched: Int32 = 0

        /// Reads, changing nothing, what the `add`s of a batch whose keys are `keys` will read: each key's slot of
        /// the node table, then the union-find entry of each node already numbered. These reads do not depend on
        /// one another, so the processor has many cache misses in flight at once (the table is some 20 MB a
        /// million records, each key lands in a random slot); the `add`s after, which read one slot after another
        /// and chase `parent`, then find the lines in the cache. `add`'s probe for a key and its union-find walk
        /// were a sixth of a scoped rebuild's CPU, most of it waiting for memory. Nothing built depends on it.
        mutating func touch(_ keys: ArraySlice<UInt64>) {
            var sum = nodes.touch(keys)
            for key in keys {
                if let n = nodes[key] { sum &+= parent[Int(n)] }
            }
            touched &+= sum
        }

        /// Room for about `records` records, reserved once.
        mutating func reserve(_ records: Int) {
            anchors.reserveCapacity(records)
            eventKeys.reserveCapacity(records)
            flat.reserveCapacity(records * entryBytes)
            // Every entity is a node (event ids are kept apart, `eventKeys`): 0.30 nodes a record in the benchmark's
            // city (1.30 keys a record in its node table, event ids included). Growing the table by doubling would
            // rehash it some 20 times and hold the old table beside the new one at each step.
            nodes.reserveCapacity(records / 3 + 1024)
        }

        /// Where everything goes in the file, computed before any of it is written: the table's length and so every
        /// offset depend only on counts.
        struct Plan {
            var table: Table
            let counts: [Int]
            let starts: [Int]
            let order: [Int32]
            let rows: [(key: UInt64, block: UInt32)]
            let tableLength: Int
            let tableSpan: Int
            let bodyLength: Int
            let header: [UInt8]
        }

        mutating func plan(ledgerName: String) -> Plan? {
            guard let genesis, let head else { return nil }
            // Every key with its node, sorted by key, one row per key: the table's keys and the records' event ids
            // (each sorted, then merged). Equal keys — an event id a correction names, the same id on two records, or
            // two ids whose keys collide — are joined (as one node of the table joined them when every key was in it).
            var keyed: [(key: UInt64, node: Int32)] = []
            do {
                // The lists made and sorted on two cores (each only reads the builder): the records' event ids in two
                // runs, the earlier records' on another core, the later ones' here with the table's keys, so that the
                // two cores sort about as many pairs each (the event ids alone on one core left the other idle for
                // half the sorting, perf). Merged as one stable sort of the event ids would order them: on equal
                // keys the table's pair first, then the earlier run's, in seq order within a run (the sort is stable).
                let nodes = self.nodes, eventKeys = self.eventKeys, anchors = self.anchors, entryCount = self.entryCount
                let cut = min(entryCount, (entryCount + nodes.count) / 2)
                // An event id's pair holds its record's number, not its node (`anchors` gives that as they merge), so
                // that the records whose event ids another record names are found on the way (the named bits).
                func events(_ range: Range<Int>) -> [(key: UInt64, node: Int32)] {
                    var events: [(key: UInt64, node: Int32)] = []
                    events.reserveCapacity(range.count)
                    for i in range { events.append((eventKeys[i], Int32(i))) }
                    KeySort.sortByKey(&events) { $0.key }
                    return events
                }
                let ((found, late), early) = Parallel.together({ () -> ([(key: UInt64, node: Int32)], [(key: UInt64, node: Int32)]) in
                    var found: [(key: UInt64, node: Int32)] = []
                    found.reserveCapacity(nodes.count)
                    nodes.forEach { found.append(($0, $1)) }
                    // Radix-sorted (hashed keys, millions at city scale): half the standard sort's time, the same order.
                    KeySort.sortByKey(&found) { $0.key }
                    return (found, events(cut..<entryCount))
                }, {
                    events(0..<cut)
                })
                keyed.reserveCapacity(found.count + entryCount)
                // Named bits (ledger-spec.md 15.5): a record whose event id's key is another record's too, or a key a
                // correction names as the event it corrects. Runs of equal keys come together in the merge below.
                let corrected = correctedKeys.sorted()
                var c = 0
                var runKey: UInt64 = 0
                var runRecords: [Int32] = []
                func endRun() {
                    guard !runRecords.isEmpty else { return }
                    while c < corrected.count, corrected[c] < runKey { c += 1 }
                    if runRecords.count > 1 || (c < corrected.count && corrected[c] == runKey) {
                        for r in runRecords { flat[Int(r) * entryBytes + 20] |= namedBit }
                    }
                    runRecords.removeAll(keepingCapacity: true)
                }
                var i = 0, j = 0, k = 0
                while i < found.count || j < early.count || k < late.count {
                    // The smallest key, the table's first on equal keys, then the earlier run's.
                    var next: (key: UInt64, node: Int32)
                    var from = 0
                    if i < found.count { next = found[i] } else if j < early.count { next = early[j]; from = 1 } else { next = late[k]; from = 2 }
                    if from < 1, j < early.count, early[j].key < next.key { next = early[j]; from = 1 }
                    if from < 2, k < late.count, late[k].key < next.key { next = late[k]; from = 2 }
                    switch from {
                    case 0: i += 1
                    case 1: j += 1
                    default: k += 1
                    }
                    if next.key != runKey { endRun(); runKey = next.key }
                    if from != 0 {
                        runRecords.append(next.node)
                        next.node = anchors[Int(next.node)]
                    }
                    if let last = keyed.last, last.key == next.key { union(last.node, next.node) } else { keyed.append(next) }
                }
                endRun()
            }
            // Blocks: one per group that holds a community, in community-id order; the rest is the global block.
            // Block of each root node, -1 for none (an array by node: a lookup per record and per node).
            var blockOfRoot = [Int32](repeating: -1, count: parent.count)
            var groups = 0
            var communities: [CommunityRow] = []
            for id in streets.keys.sorted() {
                guard let n = nodes[key(.community, id)] else { continue }
                let root = Int(find(n))
                if blockOfRoot[root] < 0 { blockOfRoot[root] = Int32(groups); groups += 1 }
                communities.append(CommunityRow(id: id, block: Int(blockOfRoot[root]), streets: streets[id]!.sorted()))
            }
            let global = groups
            // Every node's block, in one pass in node order instead of a `find` per record and per node (random
            // reads of `parent`): a node's parent is never after it (a union hangs the larger root under the smaller,
            // `find` only shortens paths), so its parent's block is known when it is reached.
            var blockOfNode = blockOfRoot
            blockOfRoot = []
            for x in 0..<parent.count {
                let p = Int(parent[x])
                precondition(p <= x, "a node's parent is never after it")
                if p != x { blockOfNode[x] = blockOfNode[p] }
            }
            func block(_ node: Int32) -> Int {
                let b = blockOfNode[Int(node)]
                return b < 0 ? global : Int(b)
            }
            let blockCount = global + 1
            var blockOfRecord = [Int32](repeating: 0, count: entryCount)
            var counts = [Int](repeating: 0, count: blockCount)
            for i in 0..<entryCount {
                let b = block(anchors[i])
                blockOfRecord[i] = Int32(b)
                counts[b] += 1
            }
            var starts = [Int](repeating: 0, count: blockCount)
            for b in 1..<max(blockCount, 1) { starts[b] = starts[b - 1] + counts[b - 1] }
            var order = [Int32](repeating: 0, count: entryCount)
            var next = starts
            for i in 0..<entryCount { order[next[Int(blockOfRecord[i])]] = Int32(i); next[Int(blockOfRecord[i])] += 1 }
            blockOfRecord = []
            // Node table: every key with its block, sorted by key (`keyed` is).
            var rows: [(key: UInt64, block: UInt32)] = []
            rows.reserveCapacity(keyed.count)
            for (k, n) in keyed { rows.append((k, UInt32(block(n)))) }
            keyed = []
            // The body: the table (its length, it, its SHA-256), then the blocks, the node table and its page
            // directory; offsets are from the body's start, and the table's length does not depend on their values.
            let table = Table(blocks: counts.map { Block(offset: 0, count: Int64($0), checksum: .zero) }, globalBlock: global,
                              communities: communities, nodeCount: Int64(rows.count), nodeTableOffset: 0,
                              pageCount: Int64((rows.count + pageNodes - 1) / pageNodes), pageDirectoryOffset: 0)
            let tableLength = encodeTable(table).count
            let pageCount = Int(table.pageCount)
            let tableSpan = tableSpanLength(tableLength)
            let bodyLength: Int = tableSpan + entryCount * entryBytes + rows.count * nodeBytes + directoryLength(pageCount: pageCount)
            let header = DerivedStateHeader(kind: kind, version: version, ledgerName: ledgerName, genesis: genesis, stamp: head,
                                            bodyBytes: UInt64(bodyLength)).encoded()
            return Plan(table: table, counts: counts, starts: starts, order: order, rows: rows, tableLength: tableLength,
                        tableSpan: tableSpan, bodyLength: bodyLength, header: header)
        }

        /// The body after the table's span, in order, handed to `sink` in pieces of about 1 MiB; fills in the
        /// table's offsets and checksums and returns the table's span (its length, it, its SHA-256). The blocks, then
        /// the node table and its directory (`emitBlocks`, `emitNodes`: the parts `write` makes on two cores).
        func emit(_ plan: inout Plan, _ sink: (ArraySlice<UInt8>) -> Void) -> [UInt8] {
            let blocks = emitBlocks(plan, plan.counts.indices, sink)
            emitNodes(plan, sink)
            return prefix(&plan, blocks: blocks)
        }

        /// Where the blocks end and the node table starts, from the body's start (fixed by the counts).
        static func nodeTableOffset(_ plan: Plan) -> Int { plan.tableSpan + plan.order.count * entryBytes }

        /// The first block of `write`'s second part: the blocks before it hold about half of the body's bytes after
        /// the table (the second part also makes the node table). A block is hashed as one run, so it is not cut.
        static func split(_ plan: Plan) -> Int {
            let total = plan.order.count * entryBytes + plan.rows.count * nodeBytes
            var split = 0
            while split < plan.counts.count, (plan.starts[split] + plan.counts[split]) * entryBytes * 2 <= total { split += 1 }
            return split
        }

        /// The entries of the blocks `range`, in order, handed to `sink` in pieces of about 1 MiB (they start at body
        /// offset `plan.tableSpan + plan.starts[range.lowerBound] * entryBytes`); each block's place and checksum.
        func emitBlocks(_ plan: Plan, _ range: Range<Int>, _ sink: (ArraySlice<UInt8>) -> Void) -> [Block] {
            var made: [Block] = []
            guard !range.isEmpty else { return made }
            made.reserveCapacity(range.count)
            var position = plan.tableSpan + plan.starts[range.lowerBound] * entryBytes
            let hasher = SHA256()
            var buffer: [UInt8] = []
            buffer.reserveCapacity((1 << 20) + 4096)
            for b in range {
                let start = position
                hasher.begin()
                // The block's entries are hashed where they lie in `buffer`, a run at a time (before each flush and
                // at the block's end), not one 53-byte update per entry: the same bytes in the same order.
                // The entries are gathered from `flat` in runs that fill the buffer to its flush size
                // (`Bytes.appendGathered`: no call per entry, so their cache misses overlap).
                var next = plan.starts[b]
                let end = plan.starts[b] + plan.counts[b]
                while next < end {
                    let room = max(1, ((1 << 20) - buffer.count + entryBytes - 1) / entryBytes)
                    let run = min(room, end - next)
                    let unhashed = buffer.count
                    Bytes.appendGathered(flat, width: entryBytes, indexes: plan.order[next..<(next + run)], to: &buffer)
                    hasher.update(buffer[unhashed...])
                    position += run * entryBytes
                    next += run
                    if buffer.count >= 1 << 20 { sink(buffer[...]); buffer.removeAll(keepingCapacity: true) }
                }
                made.append(Block(offset: Int64(start), count: Int64(plan.counts[b]), checksum: hasher.finish()))
            }
            if !buffer.isEmpty { sink(buffer[...]) }
            return made
        }

        /// The node table and its page directory (with the directory's index, `directoryIndex`), handed to `sink` in pieces of about
        /// 1 MiB; they start at body offset `nodeTableOffset(plan)`. A page's rows are stored into room made for the
        /// page at once and hashed where they lie: a 12-byte row appended at a time cost some 50 ns a row at a
        /// million records (perf), the node table then taking longer than the blocks beside it on the other core.
        func emitNodes(_ plan: Plan, _ sink: (ArraySlice<UInt8>) -> Void) {
            let hasher = SHA256()
            var buffer: [UInt8] = []
            buffer.reserveCapacity((1 << 20) + pageNodes * nodeBytes + 4096)
            var directory = ByteWriter(capacity: Int(plan.table.pageCount) * 40)
            var first = 0
            while first < plan.rows.count {
                let end = min(first + pageNodes, plan.rows.count)
                let start = buffer.count
                buffer.append(contentsOf: repeatElement(0, count: (end - first) * nodeBytes))
                var at = start
                for i in first..<end {
                    Bytes.storeLittleEndian(plan.rows[i].key, into: &buffer, at: at)
                    Bytes.storeLittleEndian(plan.rows[i].block, into: &buffer, at: at + 8)
                    at += nodeBytes
                }
                hasher.begin()
                hasher.update(buffer[start...])
                directory.u64(plan.rows[first].key)
                directory.raw(hasher.finish().bytes)
                if buffer.count >= 1 << 20 { sink(buffer[...]); buffer.removeAll(keepingCapacity: true) }
                first = end
            }
            buffer.append(contentsOf: directory.bytes)
            buffer.append(contentsOf: directoryIndex(directory.bytes))
            sink(buffer[...])
        }

        /// Fills in the table's blocks (`blocks`, every block's, in order) and offsets, and returns the table's span.
        func prefix(_ plan: inout Plan, blocks: [Block]) -> [UInt8] {
            precondition(blocks.count == plan.counts.count, "every block emitted")
            plan.table.blocks = blocks
            plan.table.nodeTableOffset = Int64(Self.nodeTableOffset(plan))
            plan.table.pageDirectoryOffset = plan.table.nodeTableOffset + Int64(plan.rows.count * nodeBytes)
            let tableBytes = encodeTable(plan.table)
            precondition(tableBytes.count == plan.tableLength, "the layout's lengths are fixed in advance")
            return ScopeIndex.tableSpan(tableBytes)
        }

        /// The file's bytes.
        mutating func encoded(ledgerName: String) -> [UInt8]? {
            guard var plan = plan(ledgerName: ledgerName) else { return nil }
            let base = plan.header.count
            var bytes: [UInt8] = []
            bytes.reserveCapacity(base + plan.bodyLength + 32)
            bytes += plan.header
            bytes += [UInt8](repeating: 0, count: plan.tableSpan)
            let prefix = emit(&plan) { bytes.append(contentsOf: $0) }
            precondition(bytes.count == base + plan.bodyLength, "the layout's lengths are fixed in advance")
            bytes.replaceSubrange(base..<(base + plan.tableSpan), with: prefix)
            bytes += SHA256().hash(bytes[base...]).bytes
            return bytes
        }

        /// Writes the file to `path` as it is encoded (ledger-spec.md 15.1: a temporary file, fsync, rename, fsync of
        /// the directory), never holding it whole: the blocks and pages go to disk as they are made, the table is
        /// written in front at the end, and the body's SHA-256 is computed by reading the body back. The bytes are
        /// `encoded(ledgerName:)`'s. False when it could not be written (nothing is left behind).
        mutating func write(ledgerName: String, to path: String) -> Bool {
            guard var plan = plan(ledgerName: ledgerName) else { return false }
            // Held from before it has the name the cleaners remove until it is renamed over the index.
            guard let (file, temporary) = IndexTemporary.lockedTemporary(for: path) else { return false }
            var ok = true
            let base = Int64(plan.header.count)
            let offset = base + Int64(plan.bodyLength)
            do { try file.write(plan.header, at: 0) } catch { ok = false }
            // The body after the table's span in two parts made at once, each written where it lies: the blocks
            // before `split`, and the others with the node table (`emitBlocks`, `emitNodes`: the bytes `emit` hands
            // over in order). Gathering, hashing and writing the entries was some 0.13 s of CPU at a million records,
            // alone on one core after the pass. Each part's pieces are started towards the disk as they are written
            // (`startWriteback`): the fsync at the end then waits for the last ones only.
            let split = Self.split(plan)
            let builder = self, layout = plan
            // Each part writes from `start` and must end exactly at `end`, where the next begins: a layout and bytes
            // that disagreed would leave a hole of zeros (or an overlap) that the body's checksum, computed from the
            // file as it is, would not reveal.
            func part(from start: Int64, to end: Int64, _ body: ((ArraySlice<UInt8>) -> Void) -> [Block]) -> (ok: Bool, blocks: [Block]) {
                var good = true, at = start
                let blocks = body { piece in
                    guard good else { return }
                    do { try file.write(Array(piece), at: at) } catch { good = false }
                    file.startWriteback(at: at, count: piece.count)
                    at += Int64(piece.count)
                }
                return (good && at == end, blocks)
            }
            let blocksStart = base + Int64(plan.tableSpan)
            let laterStart = blocksStart + Int64((split < layout.starts.count ? layout.starts[split] : layout.order.count) * entryBytes)
            let nodesStart = base + Int64(Self.nodeTableOffset(layout))
            let (first, second) = Parallel.together({
                part(from: blocksStart, to: laterStart) { sink in builder.emitBlocks(layout, 0..<split, sink) }
            }, { () -> (ok: Bool, blocks: [Block]) in
                let later = part(from: laterStart, to: nodesStart) { sink in
                    builder.emitBlocks(layout, split..<layout.counts.count, sink)
                }
                let nodes = part(from: nodesStart, to: offset) { sink in
                    builder.emitNodes(layout, sink)
                    return []
                }
                return (ok: later.ok && nodes.ok, blocks: later.blocks)
            })
            ok = ok && first.ok && second.ok
            let prefix = prefix(&plan, blocks: first.blocks + second.blocks)
            if ok {
                do {
                    try file.write(prefix, at: base)
                    // The body's checksum: the body read back (from the page cache) in pieces.
                    let hasher = SHA256()
                    hasher.begin()
                    var at = base
                    var piece: [UInt8] = []
                    while at < offset {
                        try file.read(at: at, count: Int(min(Int64(4 << 20), offset - at)), into: &piece)
                        guard !piece.isEmpty else { ok = false; break }
                        hasher.update(piece)
                        at += Int64(piece.count)
                    }
                    try file.write(hasher.finish().bytes, at: offset)
                } catch { ok = false }
            }
            if ok {
                do { try IndexTemporary.commit(file, temporary, over: path); return true } catch { return false }
            }
            file.close()
            try? PosixFile.remove(temporary)
            return false
        }
    }

    /// Builds the index from the whole log and writes it (best effort: a read-only ledger is simply not indexed).
    /// - Returns: whether a file was written.
    @discardableResult
    public static func rebuild(_ directory: LedgerDirectory) throws(ChainError) -> Bool {
        guard let bytes = try build(directory) else {
            try? PosixFile.remove(path(directory))
            return false
        }
        return write(bytes, directory)
    }

    /// Writes the index's bytes atomically (temporary file, fsync, rename, fsync of `index/`); false when it cannot.
    static func write(_ bytes: [UInt8], _ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(bytes, to: path(directory), existing: .replaceEntry) } catch { return false }
        return true
    }

    // MARK: reading

    /// What an open reads of the table (version 3): its counts and where the node table and directory lie; the
    /// blocks' places and the communities' rows are read part by part when asked for (`Opened.block`,
    /// `Opened.communityRow`), the whole table only by what reads every community (`Opened.wholeTable`).
    struct TableHead {
        let blockCount: Int
        let globalBlock: Int
        let communityCount: Int
        /// Where the row index starts in the table (its u64 run count).
        let rowIndexAt: Int
        let nodeCount: Int64
        let nodeTableOffset: Int64
        let pageCount: Int64
        let pageDirectoryOffset: Int64
    }

    /// The table's bytes, read a part at a time and each part checked against its SHA-256 (the part sums, checked
    /// when the file was opened) the first time it is read.
    final class TableParts {
        let file: PosixFile
        /// Where the table's first byte is in the file.
        let start: Int64
        let length: Int
        let sums: [Digest32]
        private let read = Mutex<(parts: [Int: [UInt8]], whole: Table?)>(([:], nil))

        init(file: PosixFile, start: Int64, length: Int, sums: [Digest32]) {
            self.file = file; self.start = start; self.length = length; self.sums = sums
        }

        /// The table's bytes `offset..<offset + count`, every part they lie in checked.
        func bytes(_ offset: Int, _ count: Int) throws -> [UInt8] {
            guard offset >= 0, count >= 0, offset + count <= length else { throw Damaged(why: .unreadable(.table)) }
            var out: [UInt8] = []
            out.reserveCapacity(count)
            var part = offset / tablePart
            while part * tablePart < offset + count {
                let bytes = try self.part(part)
                let lo = max(offset - part * tablePart, 0), hi = min(offset + count - part * tablePart, bytes.count)
                out.append(contentsOf: bytes[lo..<hi])
                part += 1
            }
            return out
        }

        private func part(_ n: Int) throws -> [UInt8] {
            if let known = read.withLock({ $0.parts[n] }) { return known }
            let from = n * tablePart, count = min(tablePart, length - from)
            var bytes: [UInt8] = []
            do { try file.read(at: start + Int64(from), count: count, into: &bytes) } catch { throw Damaged(why: .of(error)) }
            guard bytes.count == count, SHA256.digest(bytes) == sums[n] else { throw Damaged(why: .checksum(.table)) }
            read.withLock { $0.parts[n] = bytes }
            return bytes
        }

        /// The whole table, every part checked and its layout checked whole (`decodeTable`); once per open.
        func whole() throws -> Table {
            if let known = read.withLock({ $0.whole }) { return known }
            guard let table = decodeTable(try bytes(0, length)) else { throw Damaged(why: .unreadable(.table)) }
            read.withLock { $0.whole = table }
            return table
        }
    }

    /// An open, checked index file.
    struct Opened {
        let file: PosixFile
        let header: DerivedStateHeader
        let table: TableHead
        let parts: TableParts
        /// Where the body starts in the file.
        let bodyStart: Int64
        let resume: ResumePoint

        /// The whole table (every block's place, every community's row): for what reads every community — the city
        /// part by part, the merge, the refold, street reads, `verify --index`.
        func wholeTable() throws -> Table { try parts.whole() }

        /// Block `b`'s place and checksum (the one part of the table it lies in read and checked).
        func block(_ b: Int) throws -> Block {
            guard b >= 0, b < table.blockCount else { throw Damaged(why: .danglingBlock(b)) }
            let bytes = try parts.bytes(8 + b * 48, 48)
            var r = ByteReader(bytes)
            guard let offset = r.i64(), let count = r.i64(), offset >= 0, count >= 0, count <= Int64(Int32.max) else {
                throw Damaged(why: .unreadable(.table))
            }
            return Block(offset: offset, count: count, checksum: Digest32(bytes, at: 16))
        }

        /// The rows of the run of the row index that holds `id` if any row does (the runs are in id order): their
        /// layout checked as `decodeTable` checks it. Empty when no run can hold it.
        func runOfRows(holding id: String) throws -> ScopeIndex.CommunityRows {
            let runs = rowRuns(table.communityCount)
            guard runs > 0 else { return CommunityRows([]) }
            let index = try parts.bytes(table.rowIndexAt + 8, runs * 8)
            let rowsEnd = parts.length - 32
            func start(_ run: Int) throws -> Int {
                let at = Bytes.u64(index, at: run * 8)
                guard at < UInt64(rowsEnd) else { throw Damaged(why: .unreadable(.table)) }
                return Int(at)
            }
            func firstID(_ run: Int) throws -> String {
                let from = try start(run)
                let length = Bytes.u64(try parts.bytes(from, 8), at: 0)
                guard length <= 1 << 16, Int(length) <= rowsEnd - from - 8 else { throw Damaged(why: .unreadable(.table)) }
                let bytes = try parts.bytes(from + 8, Int(length))
                guard Bytes.firstInvalidUTF8(bytes[...]) == nil else { throw Damaged(why: .unreadable(.table)) }
                return String(decoding: bytes, as: UTF8.self)
            }
            // The last run whose first id is not after `id` (as the writers sort them: `String`'s order).
            var lo = 0, hi = runs
            while lo < hi { let mid = (lo + hi) / 2; if try firstID(mid) <= id { lo = mid + 1 } else { hi = mid } }
            guard lo > 0 else { return CommunityRows([]) }
            let run = lo - 1
            let from = try start(run)
            let to = try run + 1 < runs ? start(run + 1) : rowsEnd
            guard from < to else { throw Damaged(why: .unreadable(.table)) }
            let bytes = try parts.bytes(from, to - from)
            var r = ByteReader(bytes)
            var starts: [Int] = []
            let count = min(ScopeIndex.rowRun, table.communityCount - run * ScopeIndex.rowRun)
            for _ in 0..<count {
                starts.append(r.offset)
                guard let range = r.countedRange(max: 1 << 16), Bytes.firstInvalidUTF8(bytes[range]) == nil,
                      let block = r.u64(), block < UInt64(table.blockCount), let streets = r.u64(), streets <= UInt64(bytes.count) else {
                    throw Damaged(why: .unreadable(.table))
                }
                for _ in 0..<streets {
                    guard let range = r.countedRange(max: 1 << 16), Bytes.firstInvalidUTF8(bytes[range]) == nil else {
                        throw Damaged(why: .unreadable(.table))
                    }
                }
            }
            guard r.isAtEnd else { throw Damaged(why: .unreadable(.table)) }
            return CommunityRows(stored: bytes, starts: starts)
        }

        /// The row of community `id` (the first one, as strings compare), nil when the table has none.
        func communityRow(_ id: String) throws -> CommunityRow? { try runOfRows(holding: id).row(id) }

        /// The block of community `id`, nil when the table has no row of it.
        func communityBlock(of id: String) throws -> Int? { try runOfRows(holding: id).block(of: id) }

        func read(_ offset: Int64, _ count: Int) -> [UInt8]? {
            // Subtracted, not added: a crafted offset near 2^63 must fail the check, not overflow it (review 47e).
            guard offset >= 0, count >= 0, header.bodyBytes <= UInt64(Int64.max), offset <= Int64(header.bodyBytes) - Int64(count) else { return nil }
            var bytes: [UInt8] = []
            do { try file.read(at: bodyStart + offset, count: count, into: &bytes) } catch { return nil }
            return bytes.count == count ? bytes : nil
        }

        /// A block's entries, checked against its checksum (nil also when its place in the table does not check).
        func entries(_ block: Int) -> [Entry]? {
            guard let b = try? self.block(block) else { return nil }
            guard let bytes = read(b.offset, Int(b.count) * entryBytes), SHA256.digest(bytes) == b.checksum else { return nil }
            return decodeEntries(bytes)
        }

        /// The page directory (first key and checksum of each page), checked whole: its index, and every run
        /// against it.
        func pages() -> (keys: [UInt64], sums: [Digest32])? {
            let count = Int(table.pageCount)
            guard let bytes = read(table.pageDirectoryOffset, directoryLength(pageCount: count)),
                  Array(bytes[(count * 40)...]) == directoryIndex(Array(bytes[0..<(count * 40)])) else { return nil }
            var keys: [UInt64] = [], sums: [Digest32] = []
            var r = ByteReader(bytes)
            for _ in 0..<count {
                guard let k = r.u64(), let s = r.fixed(32) else { return nil }
                keys.append(k); sums.append(Digest32(bytes: s)!)
            }
            return (keys, sums)
        }

        /// The page directory's index (each run's first key and SHA-256), checked against its SHA-256.
        func directoryIndexRuns() -> (keys: [UInt64], sums: [Digest32])? {
            let count = Int(table.pageCount), runs = directoryRuns(pageCount: count)
            guard let bytes = read(table.pageDirectoryOffset + Int64(count * 40), runs * 40 + 32),
                  SHA256.digest(Array(bytes[0..<(runs * 40)])) == Digest32(bytes[...], at: runs * 40) else { return nil }
            var keys: [UInt64] = [], sums: [Digest32] = []
            keys.reserveCapacity(runs); sums.reserveCapacity(runs)
            for run in 0..<runs {
                keys.append(Bytes.u64(bytes, at: run * 40)); sums.append(Digest32(bytes, at: run * 40 + 8))
            }
            return (keys, sums)
        }
    }

    /// Opens the file and checks its header, the table's part sums and the parts holding its counts (version 3: the
    /// rest of the table is read and checked part by part as it is asked for), and its stamps against the log as it
    /// is now.
    /// - Returns: nil when there is no file.
    /// - Throws: why the file cannot be used.
    static func open(_ directory: LedgerDirectory) throws(ChainError) -> Opened? {
        guard let (file, header, start) = try DerivedStateHeader.open(path(directory), kind: kind, version: version) else { return nil }
        let (head, parts) = try openTable(file, header, start: start)
        let point = try header.check(directory)
        return Opened(file: file, header: header, table: head, parts: parts, bodyStart: Int64(start), resume: point)
    }

    /// The table of the file whose body starts at `start`: its part sums checked, and its counts read (`TableHead`).
    static func openTable(_ file: PosixFile, _ header: DerivedStateHeader, start: Int) throws(ChainError) -> (TableHead, TableParts) {
        var lengthBytes: [UInt8] = []
        do { try file.read(at: Int64(start), count: 8, into: &lengthBytes) } catch { throw .damaged(.of(error)) }
        var r = ByteReader(lengthBytes)
        guard let length = r.u64(), length >= 8 + 16 + 8 + 32, length < header.bodyBytes,
              UInt64(tableSpanLength(Int(length))) <= header.bodyBytes else { throw .damaged(.unreadable(.tableLength)) }
        // The part sums, checked against their SHA-256: some 8 KB at 10 million records, where the table is 1 MB.
        let partCount = tableParts(Int(length))
        var sumBytes: [UInt8] = []
        do { try file.read(at: Int64(start) + 8 + Int64(length), count: (partCount + 1) * 32, into: &sumBytes) } catch { throw .damaged(.of(error)) }
        guard sumBytes.count == (partCount + 1) * 32,
              SHA256.digest(sumBytes[0..<(partCount * 32)]) == Digest32(sumBytes, at: partCount * 32) else { throw .damaged(.checksum(.table)) }
        let parts = TableParts(file: file, start: Int64(start) + 8, length: Int(length),
                               sums: (0..<partCount).map { Digest32(sumBytes, at: $0 * 32) })
        let head: TableHead
        do {
            let blockCount = Bytes.u64(try parts.bytes(0, 8), at: 0)
            guard blockCount > 0, blockCount <= (length - 8) / 48 else { throw Damaged(why: .unreadable(.table)) }
            let afterBlocks = 8 + Int(blockCount) * 48
            let counts = try parts.bytes(afterBlocks, 24)
            let global = Bytes.u64(counts, at: 0), communities = Bytes.u64(counts, at: 8), runs = Bytes.u64(counts, at: 16)
            guard global < blockCount, communities <= length, runs == UInt64(rowRuns(Int(communities))) else { throw Damaged(why: .unreadable(.table)) }
            let tail = try parts.bytes(Int(length) - 32, 32)
            let values = (0..<4).map { Int64(bitPattern: Bytes.u64(tail, at: $0 * 8)) }
            // Each at most the body's length (a node count, a page count or an offset past it cannot be), so that the
            // page count's sum below cannot overflow on a crafted file whose sums were recomputed (review 47e).
            guard values.allSatisfy({ $0 >= 0 && UInt64($0) <= header.bodyBytes }),
                  values[2] == (values[0] + Int64(pageNodes) - 1) / Int64(pageNodes) else {
                throw Damaged(why: .unreadable(.table))
            }
            head = TableHead(blockCount: Int(blockCount), globalBlock: Int(global), communityCount: Int(communities),
                             rowIndexAt: afterBlocks + 16, nodeCount: values[0], nodeTableOffset: values[1], pageCount: values[2],
                             pageDirectoryOffset: values[3])
        } catch let damaged as Damaged {
            throw .damaged(damaged.why)
        } catch {
            throw .damaged(.of(error))
        }
        return (head, parts)
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
        /// Of those, the records whose links `index/scopes.recent` gave (read from the log only when in the scope).
        public var deltaFromRecent: Int64 = 0
    }

    /// A problem while reading a block or a line that the header promised: the index is damaged.
    struct Damaged: Error { let why: ChainError.DerivedStateProblem.Detail }

    /// A piece of the log read at once: from `offset`, `count` bytes, holding the lines of `entries`.
    struct Span: Equatable {
        let offset: Int64
        let count: Int
        let entries: Range<Int>
    }

    /// The bytes between two lines that a span reads rather than start another (a read(2) costs about what
    /// copying a few kilobytes does), and the most a span holds.
    static let spanGapMax: Int64 = 4096
    static let spanBytesMax: Int64 = 256 << 10

    /// Below this many lines a scope's lines are read on one thread (a thread's start costs more than they do).
    static let parallelLinesMin = 64

    /// Where `spans` are cut for reading on two cores: the first span of the later half, the two holding about as
    /// many of the `lineCount` lines each; 0 (one thread) for fewer than `parallelLinesMin` lines or one span.
    static func parallelSplit(_ spans: [Span], lineCount: Int) -> Int {
        guard lineCount >= parallelLinesMin, spans.count > 1 else { return 0 }
        var index = 0
        while index < spans.count - 1, spans[index].entries.upperBound * 2 < lineCount { index += 1 }
        return index + 1 < spans.count ? index + 1 : 0
    }

    /// `entries` (in seq order, so in log order) cut into spans: a line starts a new span when it lies more than
    /// `spanGapMax` bytes after the span's end, before it (a damaged index's order: read alone, then checked), or
    /// would make the span longer than `spanBytesMax`. A line longer than that is a span of its own.
    static func readSpans(_ entries: [Entry]) -> [Span] {
        var spans: [Span] = []
        var i = 0
        while i < entries.count {
            let start = entries[i].offset
            var end = start + Int64(entries[i].count)
            var j = i + 1
            while j < entries.count {
                let next = entries[j]
                let nextEnd = next.offset + Int64(next.count)
                guard next.offset >= end, next.offset - end <= spanGapMax, nextEnd - start <= spanBytesMax else { break }
                end = nextEnd
                j += 1
            }
            spans.append(Span(offset: start, count: Int(end - start), entries: i..<j))
            i = j
        }
        return spans
    }

    /// Reads the records of the communities `communityIDs` (or of every community ever registered on `street`)
    /// up to `upToSeq`, with the global block, from the index (with `streetPeers`, a community's read also takes every
    /// community ever registered on a street it was registered on: `rectify` compares a community with its street): the log after the index's stamp is read and verified
    /// (with the acknowledged-head check), the rest by position, each line checked against its stored hash. A
    /// missing, damaged, foreign, stale-beyond-use or other-version index is rebuilt from the log first (with a
    /// `notice`), and so is one the log has moved on from by more than `rebuildAfter` records (default: a twentieth of
    /// the indexed records, at least 1,000 and at most 50,000): catching up costs one read of the whole log then, and
    /// later reads are short again.
    /// - Returns: nil when the index cannot serve the question: no such community or street in the log, an empty
    ///   log, an index that cannot be written (a read-only ledger), or an acknowledged head inside the indexed
    ///   prefix. The caller reads the whole log then; its answer is the same.
    public static func read(_ directory: LedgerDirectory, communityID: String?, street: String?,
                            upToSeq: Int64?, streetPeers: Bool = false, rebuildAfter: Int64? = nil) throws(ChainError) -> ScopedRead? {
        try readRebuildingOnce(directory) { opened, notice in
            try read(opened, directory, communityID: communityID, street: street, upToSeq: upToSeq, notice: notice,
                     streetPeers: streetPeers, rebuildAfter: rebuildAfter)
        }
    }

    /// Opens the index and answers with `answer`; an unusable or damaged index is rebuilt once (the answer then
    /// carries the one-line notice) and asked again. nil when the index cannot serve the question.
    static func readRebuildingOnce(_ directory: LedgerDirectory,
                                   _ answer: (Opened, String?) throws -> Outcome) throws(ChainError) -> ScopedRead? {
        var notice: String? = nil
        var merged = false, rebuilt = false
        for _ in 0..<3 {
            var problem: Problem? = nil
            var found: Opened? = nil
            do { found = try open(directory) } catch { problem = error.derivedStateProblem }
            if let opened = found {
                do {
                    switch try answer(opened, notice) {
                    case .answer(let read): return read
                    case .unanswerable, .typesNotSeparable: return nil
                    case .rebuild: break
                    case .merged:
                        // Written again at the head: asked again, no rebuild (once).
                        if !merged { merged = true; continue }
                    }
                } catch let damaged as Damaged {
                    problem = .damaged(damaged.why)
                } catch let error as ChainError {
                    if case .resumeBeforeAcknowledged = error { return nil }
                    throw error
                } catch {
                    problem = .damaged(.of(error))
                }
            }
            guard !rebuilt else { return nil }
            if let problem { notice = SystemWords.rebuilt(fileName, in: directory, problem) }
            rebuilt = true
            guard try rebuild(directory) else { return nil }
        }
        return nil
    }

    /// What a read of the opened index came to: an answer, none (the whole log answers), a rebuild needed, or the
    /// index merged up to the head (to be opened again).
    enum Outcome { case answer(ScopedRead), unanswerable, rebuild, merged, typesNotSeparable }

    static func read(_ opened: Opened, _ directory: LedgerDirectory, communityID: String?, street: String?,
                     upToSeq: Int64?, notice: String?, streetPeers: Bool, rebuildAfter: Int64?,
                     moreCommunities: [String] = [], assetIDs: [String] = [], idKeys: [UInt64] = [],
                     onlyTypes: Set<String>? = nil) throws -> Outcome {
        // The records after the stamp from `index/scopes.recent` when it is usable on this index; else (or when a
        // line it names is not the log's) from the log, as they always were, with the side file's notice.
        var recentNotice: String? = nil
        switch openRecent(opened, directory) {
        case .usable(let recent):
            do {
                return try read(opened, directory, communityID: communityID, street: street, upToSeq: upToSeq, notice: notice,
                                streetPeers: streetPeers, rebuildAfter: rebuildAfter, moreCommunities: moreCommunities,
                                assetIDs: assetIDs, idKeys: idKeys, onlyTypes: onlyTypes, recent: recent)
            } catch is RecentUnusable {
                recentNotice = nil
            } catch let damage as RecentDamaged {
                // A sealed part that does not match the tail (ledger-spec.md 15.5): not used, with the notice. The
                // writers do not read the sealed parts (that is their point), so the tail is removed here for the next
                // writer to write both again from the index's stamp; a tail a writer has written meanwhile is only
                // written again (the side file is derived and optional).
                try? PosixFile.remove(recentPath(directory))
                recentNotice = SystemWords.setAside(damage.problem.memberFile ?? recentFileName, in: directory, damage.problem, readInstead: Wording(
                    en: "the records after index/scopes' stamp", zh: " index/scopes 戳记之后的记录"))
            } catch let error as ChainError {
                guard case .resumeBeforeAcknowledged = error else { throw error }
            }
        case .none: break
        case .unusable(let problem):
            // Readers never write the side file (its writers hold the lock): the notice says it was set aside, naming
            // the file at fault (the sealed records, or the tail).
            recentNotice = SystemWords.setAside(problem.memberFile ?? recentFileName, in: directory, problem, readInstead: Wording(
                en: "the records after index/scopes' stamp", zh: " index/scopes 戳记之后的记录"))
        }
        let combined = [notice, recentNotice].compactMap { $0 }
        return try read(opened, directory, communityID: communityID, street: street, upToSeq: upToSeq,
                        notice: combined.isEmpty ? nil : combined.joined(separator: "\n"),
                        streetPeers: streetPeers, rebuildAfter: rebuildAfter, moreCommunities: moreCommunities,
                        assetIDs: assetIDs, idKeys: idKeys, onlyTypes: onlyTypes, recent: nil)
    }

    /// A line the side file names is not the log's (its record read by position does not have the stored hash):
    /// the read is made again from the log.
    struct RecentUnusable: Error {}

    /// The records after the stamp read from the log (after the side file's stamp when it serves; its own records
    /// are taken from it as they lie, `Recent`), decoded.
    struct Delta {
        var entries: [Entry] = []
        var links: [Links] = []
        var records: [Record] = []
        var recordCount: Int64 = 0
        var count: Int { entries.count }

        mutating func add(_ item: DeltaItem) {
            entries.append(item.entry); links.append(item.links); records.append(item.record)
        }
    }

    static func read(_ opened: Opened, _ directory: LedgerDirectory, communityID: String?, street: String?,
                     upToSeq: Int64?, notice: String?, streetPeers: Bool, rebuildAfter: Int64?,
                     moreCommunities: [String], assetIDs: [String], idKeys: [UInt64],
                     onlyTypes: Set<String>?, recent: Recent?) throws -> Outcome {
        let table = opened.table
        /// Every community's row, read only when the scope needs more than the rows of its few ids (a street, the
        /// streets of a community's peers, many communities).
        var whole: Table? = nil
        func wholeTable() throws -> Table {
            if let whole { return whole }
            whole = try opened.wholeTable()
            return whole!
        }
        // The stored blocks of the assets asked for (an asset's group holds its community, its facts and what
        // names it); an asset first named after the stamp is found among the delta's keys below.
        let assetKeys = assetIDs.map { key(.asset, $0) } + idKeys
        var assetBlocks = Set<Int>()
        if !assetKeys.isEmpty {
            var lookup = NodeLookup(opened)
            for k in assetKeys { if let b = try lookup.block(k) { assetBlocks.insert(b) } }
        }
        // The log after the stamp, read and verified (after the side file's stamp when it serves); kept whole (it is
        // short: past a limit it is merged into the index).
        var delta = Delta()
        var logItems: [DeltaItem] = []
        if let recent {
            delta.recordCount = try readDelta(from: recent.resume, directory) { for item in $0 { delta.add(item) } }.recordCount
        } else {
            let (items, recordCount) = try readDelta(opened, directory)
            for item in items { delta.add(item) }
            delta.recordCount = recordCount
            logItems = items
        }
        let recordCount = delta.recordCount
        let stampSeq = opened.header.stamp.seq
        let fromRecent = recent?.count ?? 0
        let deltaCount = Int64(fromRecent + delta.count)
        // Past the limit the records after the stamp are merged into the index (written again at the head, from the
        // stored file and them: ledger-spec.md 15.5, "Catching up"), so that later reads are short again.
        if deltaCount > (rebuildAfter ?? min(max(stampSeq / 20, 1_000), 50_000)) {
            // The merge takes the records decoded: read from the log when the side file gave them.
            guard recent == nil else { throw RecentUnusable() }
            switch merge(opened, directory, delta: logItems) {
            case .merged: return .merged
            case .rebuild: return .rebuild
            case .damaged(let why): throw Damaged(why: why)
            }
        }
        let limit = upToSeq ?? Int64.max

        // Group the delta's records with the stored blocks their ids fall in (the node table, by page). The side
        // file's records come grouped: its nodes (a stored block, or a key of a group no block holds) joined as its
        // forest joins them, each record at its node's element, none of them decoded.
        var groups = Grouping()
        var deltaAnchors: [Int] = []
        var nodeElements: [Int] = []
        if let recent {
            groups.reserve(recent.nodes.count + delta.links.reduce(0) { $0 + $1.keys.count })
            nodeElements.reserveCapacity(recent.nodes.count)
            for node in recent.nodes { nodeElements.append(groups.element(node.block.map { .block($0) } ?? .key(node.key))) }
            for (n, root) in recent.roots.enumerated() where root != n { groups.union(nodeElements[root], nodeElements[n]) }
        }
        /// The node of a key first named after the index's stamp, among the groups: the side file's when it holds it.
        func keyNode(_ key: UInt64) throws -> Int? {
            if let recent, let node = try recent.node(forKey: key) { return nodeElements[node] }
            return groups.node(.key(key))
        }
        // A filtered read leaves a stored line unread when its entry says it may (`Entry.skippable`) — unless a record
        // after the stamp it keeps (of a kept type, or a correction) names an event id of that line's block, as its
        // own id or as the event it corrects: the entries' named bits were set before that record came, so the
        // block's lines are all read (`unskippable`), and `keepingTypes` sees every id it needs.
        let keptCodes = onlyTypes.map(Self.typeCodes)
        var unskippable = Set<Int>()
        func watched(_ code: UInt8) -> Bool { keptCodes.map { code == correctionCode || $0.contains(code) } ?? false }
        var lookup = NodeLookup(opened)
        if delta.count > 0 {
            if recent == nil { groups.reserve(delta.links.reduce(0) { $0 + $1.keys.count }) }
            deltaAnchors.reserveCapacity(delta.count)
            for n in 0..<delta.count {
                var first: Int? = nil
                let code = delta.entries[n].code
                let watch = watched(code)
                let corrects = watch && Self.correctedKey(code, delta.links[n].keys[...]) != nil
                for (place, key) in delta.links[n].keys.enumerated() {
                    let e: Int
                    if let block = try lookup.block(key) {
                        e = groups.element(.block(block))
                        // Its own event id (first), or the event a correction corrects (next).
                        if watch, place == 0 || (place == 1 && corrects) { unskippable.insert(block) }
                    }
                    else if let recent, let node = try recent.node(forKey: key) { e = nodeElements[node] }
                    else { e = groups.element(.key(key)) }
                    if let f = first { groups.union(f, e) } else { first = e }
                }
                deltaAnchors.append(first!)
            }
        }
        /// Every community registered after the stamp, with the element of the record that registers it.
        var registrations: [(id: String, street: String, anchor: Int)] = []
        for r in recent?.registrations ?? [] { registrations.append((r.id, r.street, nodeElements[r.node])) }
        for (links, anchor) in zip(delta.links, deltaAnchors) { for r in links.registrations { registrations.append((r.id, r.street, anchor)) } }

        // Which communities: the one asked for, or every community ever registered on the street.
        var streets = Set<String>()
        if let communityID, streetPeers {
            // Rules that compare a community with its street (LOW-02's street median) need the street's communities.
            streets.formUnion(try opened.communityRow(communityID)?.streets ?? [])
            for r in registrations where r.id == communityID { streets.insert(r.street) }
        }
        if let street { streets.insert(street) }
        // A community's block by id (the first of an id, as the table is written): looked up in place for the few ids
        // asked for, not made into a dictionary of the city's 10,000 rows (each decoded) on every query.
        var blocksByID: [String: Int]? = nil
        func block(of id: String, among count: Int) throws -> Int? {
            if count <= 16 { return try opened.communityBlock(of: id) }
            if blocksByID == nil { blocksByID = Dictionary(try wholeTable().communities.map { ($0.id, $0.block) }, uniquingKeysWith: { a, _ in a }) }
            return blocksByID![id]
        }
        var roots = Set<Int>()
        var blocks = Set<Int>()
        for pass in 0..<2 {
            var scope: [String] = (communityID.map { [$0] } ?? []) + moreCommunities
            if !streets.isEmpty {
                for row in try wholeTable().communities where row.streets.contains(where: streets.contains) && !scope.contains(row.id) { scope.append(row.id) }
                for r in registrations where streets.contains(r.street) && !scope.contains(r.id) { scope.append(r.id) }
            }
            // The scope's roots: its communities' blocks (or, for a community registered after the stamp, its key)
            // and the global block.
            roots = []
            blocks = [table.globalBlock]
            var known = false
            for id in scope {
                if let block = try block(of: id, among: scope.count) { blocks.insert(block); known = true }
                else if let node = try keyNode(key(.community, id)) { roots.insert(groups.find(node)); known = true }
            }
            blocks.formUnion(assetBlocks)
            for k in assetKeys { if let i = try keyNode(k) { roots.insert(groups.find(i)) } }
            // Assets asked for: the answer may be that none is in the log (a register of new assets).
            known = known || !assetKeys.isEmpty
            guard known else { return .unanswerable }
            for b in blocks { roots.insert(groups.find(groups.element(.block(b)))) }
            // Every stored block the delta joined to the scope.
            for (i, e) in groups.elements.enumerated() { if case .block(let b) = e, roots.contains(groups.find(i)) { blocks.insert(b) } }
            // A contract in scope may name parts of a community on another street (a log written past append's
            // checks, or a part moved by a correction): CON-06/07 cite the LOW-02 median of the part's street, so
            // `rectify` reads the streets of every community its groups hold too (once: their peers' own findings
            // are not shown).
            guard streetPeers, pass == 0 else { break }
            var more = streets
            for row in try wholeTable().communities where blocks.contains(row.block) { more.formUnion(row.streets) }
            for r in registrations where roots.contains(groups.find(r.anchor)) { more.insert(r.street) }
            if more == streets { break }
            streets = more
        }

        // The delta's groups that hold no community (an erasure, a record of an unknown type) belong to the global
        // block, as they would in a rebuilt index: every scope reads them.
        // (A group holds a community when it holds a community's stored block, or the record registering one: the
        // community's key is in that record's group.)
        var communityRoots = Set<Int>()
        for (i, e) in groups.elements.enumerated() {
            if case .block(let b) = e, b != table.globalBlock { communityRoots.insert(groups.find(i)) }
        }
        for r in registrations { communityRoots.insert(groups.find(r.anchor)) }
        func kept(_ element: Int) -> Bool {
            let root = groups.find(element)
            return roots.contains(root) || !communityRoots.contains(root)
        }

        let log: PosixFile
        do { log = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw ChainError.file(error) }
        defer { log.close() }
        // The side file's records the scope keeps, read before the stored lines: a kept one may name an event id of
        // a stored block (`unskippable`).
        var recentKept: [(record: Record, isErasure: Bool)] = []
        if let recent {
            // Decided once per node, then each record by its node's answer: only the kept records' entries are read.
            let keptNode = nodeElements.map(kept)
            var lineBuffer: [UInt8] = []
            // The sealed records' nodes (read and checked here, 4 bytes a record), then the tail's.
            let sealedNodes = try recent.sealedNodes()
            for n in 0..<recent.count {
                let node = n < sealedNodes.count ? Int(sealedNodes[n]) : recent.layout.tailItemNode(n - sealedNodes.count)
                guard keptNode[node] else { continue }
                // Read by position and checked against its stored hash, as a block's line.
                let entry = try recent.entry(n)
                do { try log.read(at: entry.offset, count: Int(entry.count), into: &lineBuffer) } catch { throw ChainError.file(error) }
                guard lineBuffer.count == Int(entry.count), entry.count > 75,
                      RecordCodec.hashedBytesDigest(line: lineBuffer[...]) == entry.hash,
                      let decoded = try? RecordCodec.decode(line: lineBuffer[...]), decoded.seq == entry.seq, decoded.hash == entry.hash else {
                    throw RecentUnusable()
                }
                recentKept.append((decoded, entry.isErasure))
                if watched(typeCode(decoded.type)) {
                    if let b = try lookup.block(key(.event, decoded.id)) { unskippable.insert(b) }
                    if case .correction(let c)? = decoded.payload.domain, let b = try lookup.block(key(.event, c.corrects)) {
                        unskippable.insert(b)
                    }
                }
            }
        }

        var entries: [Entry] = []
        // Sized once: a street's entries and records are an eighth of the log's, and each doubling of an array
        // copies it into fresh pages. (At most the stamp's records: the table's counts are only checksummed.)
        var sized: Int64 = 0
        for b in blocks {
            let count = try opened.block(b).count
            sized = min(sized + min(count, stampSeq), stampSeq)
        }
        entries.reserveCapacity(Int(sized))
        for b in blocks.sorted() {
            // An unknown type code is said as one, not as a checksum (session 51).
            let list = try opened.checkedEntries(b)
            guard list.last.map({ $0.seq <= stampSeq }) ?? true else { throw Damaged(why: .recordAfterStamp(block: b + 1)) }
            if let keptCodes, !unskippable.contains(b) {
                for entry in list where !entry.skippable(keeping: keptCodes) { entries.append(entry) }
            } else {
                entries += list
            }
        }
        entries.sort { $0.seq < $1.seq }

        // The lines, by position, each checked against the hash and type code the index stored for it.
        // Every line announced before the first is read: a scope's lines lie scattered over the log (a community's
        // thousand among 10 million records, one page each), and read one after another from a log the page cache
        // does not hold, each waits for the disk in turn (some 100 ms for a community at 10M records).
        // Lines close together are read in one piece (a span): a street's lines are an eighth of the log, a few
        // kilobytes apart, and one read(2) per line (a million at ten million records) cost more than the bytes
        // between them.
        let wanted = entries.filter { $0.seq <= limit || $0.isErasure }
        let spans = readSpans(wanted)
        for span in spans { log.willNeed(at: span.offset, count: span.count) }
        /// The lines of `spans[range]`, read and checked in order with a buffer of their own, appended to `records`
        /// (those up to `limit`) and `later` (the later erasures): how many lines were read, or the first failure
        /// among them.
        func readLines(_ range: Range<Int>, into records: inout [Record], _ later: inout [Record],
                       _ skipped: inout Set<String>) -> Result<Int, any Error> {
            var buffer: [UInt8] = []
            var lines = 0
            for span in spans[range] {
                do { try log.read(at: span.offset, count: span.count, into: &buffer) } catch { return .failure(ChainError.file(error)) }
                for entry in wanted[span.entries] {
                    lines += 1
                    let start = Int(entry.offset - span.offset), end = start + Int(entry.count)
                    guard end <= buffer.count, entry.count > 75, // the hash member (`{"hash":"` + 64 hex + `",`), as `hashedBytesDigest` needs
                          RecordCodec.hashedBytesDigest(line: buffer[start..<end]) == entry.hash else {
                        return .failure(Damaged(why: .entryDiffers(record: entry.seq)))
                    }
                    // A type the caller does not fold: the line is checked (its computed hash above; its layout, seq
                    // and stored hash here) but its payload not decoded; its id is kept for the corrections
                    // (`keepingTypes`).
                    if let onlyTypes {
                        guard let peeked = try? RecordCodec.peek(line: buffer[start..<end]), peeked.seq == entry.seq, peeked.hash == entry.hash,
                              Self.typeCode(peeked.type) == entry.code else {
                            return .failure(Damaged(why: .entryDiffers(record: entry.seq)))
                        }
                        if peeked.type != EventType.correction.rawValue, !onlyTypes.contains(peeked.type) {
                            skipped.insert(peeked.id)
                            continue
                        }
                    }
                    guard let record = try? RecordCodec.decode(line: buffer[start..<end]), record.seq == entry.seq, record.hash == entry.hash,
                          Self.typeCode(record.type) == entry.code else {
                        return .failure(Damaged(why: .entryDiffers(record: entry.seq)))
                    }
                    if entry.seq <= limit { records.append(record) } else { later.append(record) }
                }
            }
            return .success(lines)
        }
        var records: [Record] = []
        records.reserveCapacity(wanted.count + delta.count)
        var later: [Record] = []
        var skipped = Set<String>()
        // A street's lines (an eighth of the log: a third of its list's CPU at a million records, checking and
        // decoding) are read in two halves on two cores: the earlier spans here, straight into `records`, the later
        // ones on another thread into arrays of their own, appended after. When either half fails, the earlier
        // half's failure is thrown first: the records, and the failure, one thread in turn finds.
        let split = Self.parallelSplit(spans, lineCount: wanted.count)
        let linesRead: Int
        if split == 0 {
            linesRead = try readLines(0..<spans.count, into: &records, &later, &skipped).get()
        } else {
            let (front, back) = Parallel.together({ readLines(0..<split, into: &records, &later, &skipped) }, {
                var backRecords: [Record] = [], backLater: [Record] = []
                var backSkipped = Set<String>()
                backRecords.reserveCapacity(wanted.count - spans[split].entries.lowerBound)
                let lines = readLines(split..<spans.count, into: &backRecords, &backLater, &backSkipped)
                return (lines: lines, records: backRecords, later: backLater, skipped: backSkipped)
            })
            let frontLines = try front.get(), backLines = try back.lines.get()
            records += back.records
            later += back.later
            skipped.formUnion(back.skipped)
            linesRead = frontLines + backLines
        }
        func keep(_ record: Record, isErasure: Bool) {
            if let onlyTypes, record.type != EventType.correction.rawValue, !onlyTypes.contains(record.type) {
                skipped.insert(record.id)
                return
            }
            if record.seq <= limit { records.append(record) } else if isErasure { later.append(record) }
        }
        for (record, isErasure) in recentKept { keep(record, isErasure: isErasure) }
        for (n, anchor) in deltaAnchors.enumerated() where kept(anchor) {
            keep(delta.records[n], isErasure: delta.links[n].isErasure)
        }
        if let onlyTypes {
            // A correction that would put a kept type in place of a skipped record (or a skipped and a kept record
            // under one id): the caller reads the scope whole instead.
            guard let kept = Self.keepingTypes(records, skipped: skipped, onlyTypes: onlyTypes) else { return .typesNotSeparable }
            records = kept
        }
        let headHash = delta.entries.last?.hash ?? recent?.header.stamp.hash ?? opened.header.stamp.hash
        return .answer(ScopedRead(records: records, laterErasures: later, totalRecordCount: recordCount, headHash: headHash,
                                  notice: notice, linesRead: linesRead, deltaRead: deltaCount,
                                  deltaFromRecent: Int64(fromRecent)))
    }
}

extension ScopeIndex {
    /// Reads the records of the communities `communityIDs` and of the assets `assetIDs` (each asset's group: its
    /// registration, community, updates, retirement and what names it), with the global block, as `read` does for
    /// one community: the log after the stamp read and verified, the rest by position, each line checked against its
    /// stored hash; an unusable index is rebuilt first (with a `notice`). For `ledger import assets`, which needs
    /// the assets a register names and the communities its rows are in.
    /// - Returns: nil when the index cannot serve the question (no asset asked for and none of the communities in
    ///   the log, an empty log, an index that cannot be written, an acknowledged head inside the indexed prefix).
    ///
    /// With `onlyTypes` (event type names), the records of other types are left out, each line still checked
    /// against its stored hash and layout but not decoded, and so is every correction of a record left out
    /// (`keepingTypes`): a projection of the kept types' entities is the same as from every record, at a fraction of
    /// the decoding (`ledger import assets` reads only the registers of its rows' communities). When that cannot be
    /// told apart exactly (a correction whose replacement is a kept type in place of a record of another, or two
    /// records of one id), every record is read instead.
    public static func read(_ directory: LedgerDirectory, communityIDs: [String], assetIDs: [String],
                            onlyTypes: Set<String>? = nil) throws(ChainError) -> ScopedRead? {
        try readFiltered(directory, onlyTypes: onlyTypes) { opened, notice, filter in
            try read(opened, directory, communityID: nil, street: nil, upToSeq: nil, notice: notice,
                     streetPeers: false, rebuildAfter: nil, moreCommunities: communityIDs, assetIDs: assetIDs, onlyTypes: filter)
        }
    }

    /// `answer` asked with `onlyTypes` (an unusable index rebuilt once, `readRebuildingOnce`), and asked once more
    /// without a filter when the kept types cannot be told apart from the others (`keepingTypes`).
    static func readFiltered(_ directory: LedgerDirectory, onlyTypes: Set<String>?,
                             _ answer: (Opened, String?, Set<String>?) throws -> Outcome) throws(ChainError) -> ScopedRead? {
        var filter = onlyTypes
        // A notice of a rebuild made by the filtered pass is the answer's, whichever pass gives it.
        var firstNotice: String? = nil
        for _ in 0..<2 {
            var separable = true
            let result = try readRebuildingOnce(directory) { opened, notice in
                let outcome = try answer(opened, notice ?? firstNotice, filter)
                if case .typesNotSeparable = outcome { separable = false; firstNotice = notice }
                return outcome
            }
            guard !separable else { return result }
            filter = nil
        }
        return nil
    }

    /// `records` (in seq order) without the corrections of a record left out (`skipped`: the ids of the records not
    /// of `onlyTypes`), which change nothing a projection of those types holds — nil when one would: a correction
    /// whose replacement is of a kept type, or one naming an id that a kept and a skipped record share (the first
    /// record of an id is the one corrected). A correction of an id no record holds stays (an anomaly either way).
    static func keepingTypes(_ records: [Record], skipped: Set<String>, onlyTypes: Set<String>) -> [Record]? {
        guard !skipped.isEmpty else { return records }
        var kept: [Record] = []
        kept.reserveCapacity(records.count)
        var keptIDs = Set<String>()
        // A correction left out leaves its own id too: were it the first record of an id a kept record repeats, a
        // later correction of that id would meet the kept record instead of it (review 41c).
        var skipped = skipped
        for record in records {
            if case .correction(let correction)? = record.payload.domain, skipped.contains(correction.corrects) {
                if keptIDs.contains(correction.corrects) { return nil }
                if let replacement = correction.replacement, onlyTypes.contains(replacement.payload.type.rawValue) { return nil }
                if keptIDs.contains(record.id) { return nil }
                skipped.insert(record.id)
                continue
            }
            if skipped.contains(record.id) { return nil }
            keptIDs.insert(record.id)
            kept.append(record)
        }
        return kept
    }

    /// As above, with the groups of every id the `events` name (their own event ids not included), as a record
    /// of theirs would link them: for the fact imports, which need the records of the funds, contracts, decisions
    /// and assets their rows name, in whatever community. `onlyTypes` as above: `ledger append`'s payment checks
    /// decode only the payments, balance assertions and contracts of their funds' communities, not the parts
    /// registered there.
    public static func read(_ directory: LedgerDirectory, communityIDs: [String], idsNamedBy events: [Event],
                            onlyTypes: Set<String>? = nil) throws(ChainError) -> ScopedRead? {
        let keys = events.flatMap { links(id: "", payload: $0.payload).keys.dropFirst() }
        return try readFiltered(directory, onlyTypes: onlyTypes) { opened, notice, filter in
            try read(opened, directory, communityID: nil, street: nil, upToSeq: nil, notice: notice,
                     streetPeers: false, rebuildAfter: nil, moreCommunities: communityIDs, idKeys: keys, onlyTypes: filter)
        }
    }

    /// The groups of `id` as an id of every kind and as an event id (`ledger show ID`, ledger-spec.md 15.10), up to
    /// `upToSeq`, with the global block, read as `read` reads a community's: the log after the stamp read and
    /// verified, the rest by position, each line checked against its stored hash; an unusable index rebuilt first
    /// (with a `notice`). Every record whose links name `id` (as any kind of id, or as its event id) is among them,
    /// with every correction of such a record.
    /// - Returns: nil when the index cannot serve the question (an empty log, an index that cannot be written, an
    ///   acknowledged head inside the indexed prefix).
    public static func read(_ directory: LedgerDirectory, mentioning id: String, upToSeq: Int64?) throws(ChainError) -> ScopedRead? {
        let keys = MentionIndex.scopeKeys(id)
        return try readRebuildingOnce(directory) { opened, notice in
            try read(opened, directory, communityID: nil, street: nil, upToSeq: upToSeq, notice: notice,
                     streetPeers: false, rebuildAfter: nil, idKeys: keys)
        }
    }

    /// The groups of the events `eventIDs` (each keyed as an event id), with the global block, read as `read` reads
    /// a community's: the log after the stamp read and verified, the rest by position, each line checked against its
    /// stored hash; an unusable index rebuilt first (with a `notice`). A correction links the event it corrects
    /// (ledger-spec.md 15.5), so every correction of those events is among the records — a correction whose data does
    /// not fit its schema links nothing but its own id and lies in the global block, read too. For `ledger append`'s
    /// notice that a correction supersedes an earlier one (ledger-spec.md 10.5).
    /// - Returns: nil when the index cannot serve the question (an empty log, an index that cannot be written, an
    ///   acknowledged head inside the indexed prefix).
    public static func read(_ directory: LedgerDirectory, eventIDs: [String]) throws(ChainError) -> ScopedRead? {
        let keys = eventIDs.map { key(.event, $0) }
        return try readRebuildingOnce(directory) { opened, notice in
            try read(opened, directory, communityID: nil, street: nil, upToSeq: nil, notice: notice,
                     streetPeers: false, rebuildAfter: nil, idKeys: keys)
        }
    }

    /// A node table page's rows (u64 key, u32 block), read without a copy per field (a lookup of thousands of
    /// keys decodes thousands of pages).
    static func decodePage(_ bytes: [UInt8], _ count: Int) -> [(UInt64, UInt32)] {
        var rows: [(UInt64, UInt32)] = []
        rows.reserveCapacity(count)
        for i in 0..<count {
            let at = i * nodeBytes
            rows.append((Bytes.u64(bytes, at: at), Bytes.u32(bytes, at: at + 8)))
        }
        return rows
    }

    /// Union–find over stored blocks and keys no stored block holds: how a read groups the records after the
    /// stamp with the blocks their ids fall in.
    struct Grouping {
        /// Union–find over records' keys and the stored blocks they fall in (as a scoped read groups them): the
        /// groups, and each record's anchor element (the group of its first key). Nil if a record has no key (every
        /// record's links hold its event's key, so never, but the callers then fall back rather than trap). Said
        /// once for the scopes merge and the rectify refold.
        static func joining(_ links: [Links], _ lookup: inout NodeLookup) throws -> (groups: Grouping, anchors: [Int])? {
            var groups = Grouping()
            var anchors: [Int] = []
            anchors.reserveCapacity(links.count)
            for item in links {
                var first: Int? = nil
                for key in item.keys {
                    let e = groups.element(try lookup.block(key).map { .block($0) } ?? .key(key))
                    if let f = first { groups.union(f, e) } else { first = e }
                }
                guard let first else { return nil }
                anchors.append(first)
            }
            return (groups, anchors)
        }

        enum Element: Hashable { case block(Int), key(UInt64) }
        /// Each node's element, nodes in the order their elements were first met.
        private(set) var elements: [Element] = []
        private var parent: [Int] = []
        /// The node of each key (an open-addressed table: a `Dictionary` of elements hashed each one with SipHash,
        /// a fifth of a payment's CPU once an import left tens of thousands of records after the index's stamp) and
        /// of each stored block (by its number; -1: none yet).
        private var keyNodes = NodeTable()
        private var blockNodes: [Int32] = []

        /// Room for `count` elements (a read's delta: its records' keys), so that the table is not grown step by step.
        mutating func reserve(_ count: Int) {
            keyNodes.reserveCapacity(count); parent.reserveCapacity(count); elements.reserveCapacity(count)
        }

        /// The node of `e`, nil when it was never met.
        func node(_ e: Element) -> Int? {
            switch e {
            case .key(let k): return keyNodes[k].map(Int.init)
            case .block(let b): return b >= 0 && b < blockNodes.count && blockNodes[b] >= 0 ? Int(blockNodes[b]) : nil
            }
        }

        /// The node of `e`, a new one the first time.
        mutating func element(_ e: Element) -> Int {
            let next = parent.count
            switch e {
            case .key(let k):
                let got = Int(keyNodes.insert(k, Int32(next)))
                if got != next { return got }
            case .block(let b):
                precondition(b >= 0, "a stored block's number")
                if b >= blockNodes.count { blockNodes += [Int32](repeating: -1, count: b + 1 - blockNodes.count) }
                if blockNodes[b] >= 0 { return Int(blockNodes[b]) }
                blockNodes[b] = Int32(next)
            }
            parent.append(next); elements.append(e)
            return next
        }

        /// The root of `x`'s group (the smallest node of it), halving the path on the way.
        mutating func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }

        mutating func union(_ a: Int, _ b: Int) {
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
    }

    /// Finds keys' stored blocks in the node table, reading and checking each part once: the page directory's
    /// index, the runs of the directory it searches, the pages. None of them grows with the city but the index (40
    /// bytes for every 65,536 keys): a look-up costs the same at 100,000 records as at 10 million.
    struct NodeLookup {
        let opened: Opened
        /// The directory's index, checked (each run's first key and SHA-256).
        private var runKeys: [UInt64] = []
        private var runSums: [Digest32] = []
        private var indexRead = false
        /// Runs of the directory read and checked, as stored (searched in place).
        private var runs: [Int: [UInt8]] = [:]
        /// Pages read and checked, as stored (searched in place: a catch-up of thousands of records looks up keys in
        /// thousands of pages, and decoding each into rows was a third of a scoped read with 20,000 records after the
        /// stamp at 10M).
        private var cache: [Int: [UInt8]] = [:]

        init(_ opened: Opened) { self.opened = opened }

        /// The last of the `count` ascending keys that `keyAt` gives that is not after `key`; nil when all are.
        private static func last(notAfter key: UInt64, _ count: Int, _ keyAt: (Int) -> UInt64) -> Int? {
            var lo = 0, hi = count
            while lo < hi { let mid = (lo + hi) / 2; if keyAt(mid) <= key { lo = mid + 1 } else { hi = mid } }
            return lo > 0 ? lo - 1 : nil
        }

        mutating func block(_ key: UInt64) throws -> Int? {
            let pageCount = Int(opened.table.pageCount)
            guard pageCount > 0 else { return nil }
            if !indexRead {
                guard let index = opened.directoryIndexRuns() else { throw Damaged(why: .unreadable(.nodePageDirectory)) }
                (runKeys, runSums) = index
                indexRead = true
            }
            guard let run = Self.last(notAfter: key, runKeys.count, { runKeys[$0] }) else { return nil }
            if runs[run] == nil {
                // The run, checked against the index: its SHA-256 and its first key.
                let first = run * directoryRun, count = min(directoryRun, pageCount - first)
                guard let bytes = opened.read(opened.table.pageDirectoryOffset + Int64(first * 40), count * 40),
                      SHA256.digest(bytes) == runSums[run], Bytes.u64(bytes, at: 0) == runKeys[run] else {
                    throw Damaged(why: .unreadable(.nodePageDirectory))
                }
                runs[run] = bytes
            }
            let directory = runs[run]!
            // The run's first key is not after `key`, so a page of the run is found.
            let inRun = Self.last(notAfter: key, directory.count / 40, { Bytes.u64(directory, at: $0 * 40) })!
            let page = run * directoryRun + inRun
            if cache[page] == nil {
                let table = opened.table
                let first = Int64(page * pageNodes)
                let count = Int(min(Int64(pageNodes), table.nodeCount - first))
                guard count > 0, let bytes = opened.read(table.nodeTableOffset + first * Int64(nodeBytes), count * nodeBytes),
                      SHA256.digest(bytes) == Digest32(directory, at: inRun * 40 + 8) else {
                    throw Damaged(why: .checksum(.nodeTablePage(page + 1)))
                }
                cache[page] = bytes
            }
            let rows = cache[page]!
            let found: UInt32? = {
                let count = rows.count / nodeBytes
                func keyAt(_ i: Int) -> UInt64 { Bytes.u64(rows, at: i * nodeBytes) }
                var l = 0, h = count
                while l < h { let m = (l + h) / 2; if keyAt(m) < key { l = m + 1 } else { h = m } }
                guard l < count, keyAt(l) == key else { return nil }
                return Bytes.u32(rows, at: l * nodeBytes + 8)
            }()
            guard let block = found else { return nil }
            guard Int(block) < opened.table.blockCount else { throw Damaged(why: .danglingBlock(Int(block))) }
            return Int(block)
        }
    }
}
