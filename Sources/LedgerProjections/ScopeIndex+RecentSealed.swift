import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `index/scopes.recent.sealed` (ledger-spec.md 15.5, "The recent links", version 3): the side file's records moved
/// out of `index/scopes.recent` in **segments** that are only ever appended, never rewritten, so that a writer's cost
/// does not grow with the records the side file holds (session 49: a file of 40,000 records, 3.2 MB, was read,
/// checked and written whole by every append). Each segment is its records' nodes (u32 each), their entries
/// (53 bytes each, as a block's) and the keys they first named (u64 key, u32 node, strictly increasing). The tail
/// (`index/scopes.recent`, written whole and atomically) holds each segment's place and checksums: one SHA-256 of its
/// nodes, one of each 4,096 bytes of its entries, and each page of 256 keys with its first key — so a reader hashes
/// only the parts it reads (every record's node, the entries of the records it keeps, the pages its look-ups land in).
extension ScopeIndex {
    public static let sealedFileName = "scopes.recent.sealed"
    /// The sealed file's first 48 bytes: this, then the seq and hash of the `index/scopes` stamp it continues.
    static let sealedMagic: [UInt8] = Array("LSRSEAL3".utf8)
    static let sealedHeaderBytes = 48
    /// A writer seals the tail's records once more than this many lie there: the tail a writer rewrites stays under
    /// some 85 KB at every size, and the sealed segments stay few (one an import, one per 1,024 appended records).
    public static let sealAfterDefault = 1_024
    static let sealedPartBytes = 4_096
    static let sealedPageRows = 256

    public static func sealedPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + sealedFileName }

    /// A segment of the sealed file as the tail describes it.
    struct SealedSegment: Equatable, Sendable {
        /// Where it starts in the sealed file.
        var offset: Int64
        /// Its records, and the side file's number (from 0) of the first.
        var count: Int
        var first: Int
        /// The keys its records first named.
        var keyCount: Int
        var nodesSum: Digest32
        /// One per 4,096 bytes of its entries (the last part may be shorter).
        var partSums: [Digest32]
        /// One per 256 keys: the page's first key and SHA-256.
        var pageKeys: [UInt64]
        var pageSums: [Digest32]

        var bytes: Int { count * (4 + ScopeIndex.entryBytes) + keyCount * ScopeIndex.recentKeyBytes }
        var entriesAt: Int64 { offset + Int64(count * 4) }
        var keysAt: Int64 { entriesAt + Int64(count * ScopeIndex.entryBytes) }
        var entryBytesTotal: Int { count * ScopeIndex.entryBytes }

        static func parts(_ count: Int) -> Int { (count * ScopeIndex.entryBytes + ScopeIndex.sealedPartBytes - 1) / ScopeIndex.sealedPartBytes }
        static func pages(_ keys: Int) -> Int { (keys + ScopeIndex.sealedPageRows - 1) / ScopeIndex.sealedPageRows }

        /// Its bytes in the tail: u64 offset, u64 record count, u64 key count, the nodes' SHA-256, the parts' sums,
        /// each page's first key and SHA-256.
        func encode(_ out: inout ByteWriter) {
            out.u64(UInt64(offset)); out.u64(UInt64(count)); out.u64(UInt64(keyCount)); out.raw(nodesSum.bytes)
            for sum in partSums { out.raw(sum.bytes) }
            for (key, sum) in zip(pageKeys, pageSums) { out.u64(key); out.raw(sum.bytes) }
        }

        var encodedBytes: Int { 56 + partSums.count * 32 + pageKeys.count * 40 }

        /// A segment of `nodes` (each record's node), `entries` and `keys` (sorted, with their node) at `offset`:
        /// its directory row and its bytes.
        static func make(offset: Int64, first: Int, nodes: ArraySlice<UInt8>, entries: ArraySlice<UInt8>,
                         keys: ArraySlice<UInt8>) -> (SealedSegment, [UInt8]) {
            let hasher = SHA256()
            let count = nodes.count / 4, keyCount = keys.count / ScopeIndex.recentKeyBytes
            var partSums: [Digest32] = []
            var at = entries.startIndex
            while at < entries.endIndex {
                let end = min(at + ScopeIndex.sealedPartBytes, entries.endIndex)
                partSums.append(hasher.hash(entries[at..<end])); at = end
            }
            var pageKeys: [UInt64] = [], pageSums: [Digest32] = []
            let pageBytes = ScopeIndex.sealedPageRows * ScopeIndex.recentKeyBytes
            at = keys.startIndex
            while at < keys.endIndex {
                let end = min(at + pageBytes, keys.endIndex)
                pageKeys.append(Bytes.u64(keys, at: at)); pageSums.append(hasher.hash(keys[at..<end])); at = end
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(nodes.count + entries.count + keys.count)
            bytes += nodes; bytes += entries; bytes += keys
            return (SealedSegment(offset: offset, count: count, first: first, keyCount: keyCount, nodesSum: hasher.hash(nodes),
                                  partSums: partSums, pageKeys: pageKeys, pageSums: pageSums), bytes)
        }
    }

    /// The tail's sealed part: u64 sealed record count, u64 the sealed file's length it rests on, u64 segment count,
    /// the segments. Checked: segments follow each other from byte 48 without gaps, each holds at least one record,
    /// their records add up to the sealed count (at most `total`), each page's first key above the last page's, and
    /// the length is where the last ends (0 when there is none). Nil when not.
    static func decodeSealed(_ r: inout ByteReader, total: Int) -> (segments: [SealedSegment], sealed: Int, bytes: Int64)? {
        guard let sealed = r.u64(), let length = r.u64(), let count = r.u64(), sealed <= UInt64(total),
              count <= sealed, count <= UInt64(r.end - r.offset) / 56 else { return nil }
        var segments: [SealedSegment] = []
        var expected = Int64(sealedHeaderBytes), first = 0
        for _ in 0..<count {
            guard let offset = r.u64(), let n = r.u64(), let k = r.u64(), let nodesSum = r.fixed(32),
                  offset == UInt64(expected), n >= 1, n <= UInt64(Int(sealed) - first),
                  // Bounded by the sums the directory has room for (one per 4,096 entry bytes) before any size is
                  // multiplied: a re-checksummed tail naming 2^60 records must read as unusable, not trap.
                  n <= UInt64(r.end - r.offset) / 32 * UInt64(sealedPartBytes / entryBytes + 1),
                  k <= UInt64(r.end - r.offset) / 40 * UInt64(sealedPageRows) else { return nil }
            let parts = SealedSegment.parts(Int(n)), pages = SealedSegment.pages(Int(k))
            guard r.end - r.offset >= parts * 32 + pages * 40 else { return nil }
            var partSums: [Digest32] = [], pageKeys: [UInt64] = [], pageSums: [Digest32] = []
            partSums.reserveCapacity(parts)
            for _ in 0..<parts { partSums.append(Digest32(r.bytes, at: r.offset)); r.offset += 32 }
            for _ in 0..<pages {
                guard let key = r.u64(), pageKeys.last.map({ $0 < key }) ?? true else { return nil }
                pageKeys.append(key); pageSums.append(Digest32(r.bytes, at: r.offset)); r.offset += 32
            }
            let segment = SealedSegment(offset: Int64(offset), count: Int(n), first: first, keyCount: Int(k),
                                        nodesSum: Digest32(nodesSum, at: 0),
                                        partSums: partSums, pageKeys: pageKeys, pageSums: pageSums)
            segments.append(segment)
            expected += Int64(segment.bytes); first += Int(n)
        }
        guard first == Int(sealed), length == (segments.isEmpty ? 0 : UInt64(expected)) else { return nil }
        return (segments, Int(sealed), Int64(length))
    }

    /// A part of the sealed file that does not match the tail: the side file is not used (the notice of 15.1).
    struct RecentDamaged: Error { let problem: ChainError.DerivedStateProblem }

    /// The sealed file opened for one command: its parts read as they are needed, each checked against its sum in
    /// the tail once and kept.
    final class SealedRecords {
        let file: PosixFile
        let segments: [SealedSegment]
        /// The index's stamp (the side file's records follow it seq by seq).
        let after: Int64
        let nodeCount: Int
        private var nodes: [UInt32]? = nil
        private var parts: [Int: [UInt8]] = [:]
        private var pages: [Int: [UInt8]] = [:]
        private let hasher = SHA256()
        private var buffer: [UInt8] = []

        init(file: PosixFile, segments: [SealedSegment], after: Int64, nodeCount: Int) {
            self.file = file; self.segments = segments; self.after = after; self.nodeCount = nodeCount
        }

        deinit { file.close() }

        static func damaged(_ detail: ChainError.DerivedStateProblem.Detail) -> RecentDamaged {
            RecentDamaged(problem: .damaged(.inFile(ScopeIndex.sealedFileName, detail)))
        }

        private func read(at offset: Int64, count: Int, sum: Digest32) throws(RecentDamaged) -> [UInt8] {
            do { try file.read(at: offset, count: count, into: &buffer) } catch { throw Self.damaged(.file(error)) }
            guard buffer.count == count else { throw Self.damaged(.truncated) }
            guard hasher.hash(buffer[...]) == sum else { throw Self.damaged(.checksum(.table)) }
            return buffer
        }

        /// Every sealed record's node (checked: its segment's SHA-256, each node in range), read once.
        func itemNodes() throws(RecentDamaged) -> [UInt32] {
            if let nodes { return nodes }
            var all: [UInt32] = []
            all.reserveCapacity(segments.last.map { $0.first + $0.count } ?? 0)
            for segment in segments {
                let bytes = try read(at: segment.offset, count: segment.count * 4, sum: segment.nodesSum)
                for n in 0..<segment.count {
                    let node = Bytes.u32(bytes, at: n * 4)
                    guard Int(node) < nodeCount else { throw Self.damaged(.outOfRange(.table)) }
                    all.append(node)
                }
            }
            nodes = all
            return all
        }

        private func segment(holding n: Int) -> Int {
            var lo = 0, hi = segments.count - 1
            while lo < hi { let mid = (lo + hi + 1) / 2; if segments[mid].first <= n { lo = mid } else { hi = mid - 1 } }
            return lo
        }

        private func part(_ g: Int, _ p: Int) throws(RecentDamaged) -> [UInt8] {
            let id = g << 32 | p
            if let bytes = parts[id] { return bytes }
            let s = segments[g], start = p * ScopeIndex.sealedPartBytes
            let bytes = try read(at: s.entriesAt + Int64(start), count: min(ScopeIndex.sealedPartBytes, s.entryBytesTotal - start),
                                 sum: s.partSums[p])
            parts[id] = bytes
            return bytes
        }

        /// The `n`th record's entry (`n` below the sealed count): its parts checked, its seq the index's stamp + n + 1.
        func entry(_ n: Int) throws(RecentDamaged) -> Entry {
            let g = segment(holding: n), start = (n - segments[g].first) * ScopeIndex.entryBytes
            let p0 = start / ScopeIndex.sealedPartBytes, p1 = (start + ScopeIndex.entryBytes - 1) / ScopeIndex.sealedPartBytes
            var bytes = try part(g, p0)
            if p1 != p0 { bytes += try part(g, p1) }
            let seq = after + Int64(n) + 1
            guard let entry = ScopeIndex.decodeRecentEntry(bytes[...], at: start - p0 * ScopeIndex.sealedPartBytes, after: seq - 1),
                  entry.seq == seq else { throw Self.damaged(.outOfOrder(.table)) }
            return entry
        }

        private func page(_ g: Int, _ p: Int) throws(RecentDamaged) -> [UInt8] {
            let id = g << 32 | p
            if let bytes = pages[id] { return bytes }
            let s = segments[g], rows = min(ScopeIndex.sealedPageRows, s.keyCount - p * ScopeIndex.sealedPageRows)
            let bytes = try read(at: s.keysAt + Int64(p * ScopeIndex.sealedPageRows * ScopeIndex.recentKeyBytes),
                                 count: rows * ScopeIndex.recentKeyBytes, sum: s.pageSums[p])
            // Its layout: the first key the tail gives, keys strictly increasing (and below the next page's), nodes in range.
            var last: UInt64? = nil
            for row in 0..<rows {
                let key = Bytes.u64(bytes[...], at: row * ScopeIndex.recentKeyBytes)
                guard last.map({ $0 < key }) ?? (key == s.pageKeys[p]), p + 1 == s.pageKeys.count || key < s.pageKeys[p + 1],
                      Int(Bytes.u32(bytes, at: row * ScopeIndex.recentKeyBytes + 8)) < nodeCount else {
                    throw Self.damaged(.outOfOrder(.table))
                }
                last = key
            }
            pages[id] = bytes
            return bytes
        }

        /// The node of `key` when a sealed record first named it: in each segment, the page its first keys put it in.
        func node(forKey key: UInt64) throws(RecentDamaged) -> Int? {
            for g in segments.indices where segments[g].keyCount > 0 {
                let keys = segments[g].pageKeys
                guard keys[0] <= key else { continue }
                var lo = 0, hi = keys.count - 1
                while lo < hi { let mid = (lo + hi + 1) / 2; if keys[mid] <= key { lo = mid } else { hi = mid - 1 } }
                let bytes = try page(g, lo)
                var a = 0, b = bytes.count / ScopeIndex.recentKeyBytes
                while a < b {
                    let mid = (a + b) / 2
                    if Bytes.u64(bytes[...], at: mid * ScopeIndex.recentKeyBytes) < key { a = mid + 1 } else { b = mid }
                }
                if a < bytes.count / ScopeIndex.recentKeyBytes, Bytes.u64(bytes[...], at: a * ScopeIndex.recentKeyBytes) == key {
                    return Int(Bytes.u32(bytes, at: a * ScopeIndex.recentKeyBytes + 8))
                }
            }
            return nil
        }

        /// Every part of every segment read and checked (`verify --index`): the nodes, every entry (seqs following the
        /// index's stamp one by one), every page of keys.
        func checkWhole() throws(RecentDamaged) {
            _ = try itemNodes()
            for (g, s) in segments.enumerated() {
                for n in s.first..<(s.first + s.count) { _ = try entry(n) }
                for p in s.pageKeys.indices { _ = try page(g, p) }
            }
        }
    }

    /// Opens the sealed file the tail describes: `.success(nil)` when it describes no segment; `.success` when its
    /// first 48 bytes name the index the tail continues and it holds the tail's segments (bytes past them are a
    /// writer's that was stopped before its tail was written: never read); `.failure` when it is damaged (another
    /// kind of file, shorter than the tail says, unreadable); nil — the side file not used, no notice — when it is
    /// not there or continues another index (a writer starting again at another stamp replaces it, and a reader that
    /// opened the tail just before reads the log instead). `strict` (`verify --index`, `recentCheck`): those two are
    /// damage too — the tail names segments the sealed file does not hold (scopesfix50: they were not reported).
    static func openSealed(_ directory: LedgerDirectory, segments: [SealedSegment], length: Int64, base: StateStamp,
                           nodeCount: Int, strict: Bool = false) -> Result<SealedRecords?, RecentDamaged>? {
        guard !segments.isEmpty else { return .success(nil) }
        let path = sealedPath(directory)
        let file: PosixFile
        do { file = try PosixFile(path: path, mode: .read, followLinks: false) } catch {
            if error.isNotFound, !strict { return nil }
            return .failure(SealedRecords.damaged(.file(error)))
        }
        var head: [UInt8] = []
        let size: Int64
        do { try file.read(at: 0, count: sealedHeaderBytes, into: &head); size = try file.size() } catch {
            return .failure(SealedRecords.damaged(.file(error)))
        }
        guard head.count == sealedHeaderBytes, Array(head[0..<8]) == sealedMagic else { return .failure(SealedRecords.damaged(.notOfKind("LSRSEAL3"))) }
        guard Int64(bitPattern: Bytes.u64(head[...], at: 8)) == base.seq, Array(head[16..<48]) == base.hash.bytes else {
            file.close()
            return strict ? .failure(SealedRecords.damaged(.unreadableHeader(.stamp))) : nil
        }
        // Shorter than the segments the tail places in it ("truncated": the length is the tail's, not this file's
        // header's, so not `.size`, whose words say "where the header implies").
        guard size >= length else { file.close(); return .failure(SealedRecords.damaged(.truncated)) }
        return .success(SealedRecords(file: file, segments: segments, after: base.seq, nodeCount: nodeCount))
    }

    /// The sealed file's first 48 bytes for an index stamped at `base`.
    static func sealedHeader(_ base: StateStamp) -> [UInt8] {
        var out = ByteWriter(capacity: sealedHeaderBytes)
        out.raw(sealedMagic); out.i64(base.seq); out.raw(base.hash.bytes)
        return out.bytes
    }
}
