import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The on-disk Merkle index beside the log, in `<ledger>/index/` (ledger-spec.md, "Merkle index"):
///
/// - `merkle.idx`: a 32-byte header (`ledger-merkle/v1`, leaf count n and the log bytes covered, both UInt64
///   big-endian), then every complete perfect subtree hash of the first n records, 32 bytes each, in post-order
///   (each leaf hash followed by the parents it completes). The file only grows at the end; node (level h,
///   index i) sits at a fixed slot computable from (h, i), so any proof is O(log n) positional reads.
/// - `offsets.idx`: the same header with magic `ledger-offsets/1`, then the byte offset of each record line
///   in events.jsonl (UInt64 big-endian), so `prove` reads one record without scanning.
///
/// The index is a cache: it is rebuilt from the log whenever it looks wrong, extended incrementally from where
/// it ends, and never trusted by `verify` (which recomputes everything from the log). Every proof made from it
/// is checked against a signed root before it leaves the program.
public final class MerkleIndex: MerkleNodeSource {
    public static let merkleFileName = "merkle.idx"
    public static let offsetsFileName = "offsets.idx"
    static let merkleMagic = Array("ledger-merkle/v1".utf8)
    static let offsetsMagic = Array("ledger-offsets/1".utf8)
    static let headerBytes: Int64 = 32

    public let directoryPath: String
    public let eventsPath: String
    private let merkle: PosixFile
    private let offsets: PosixFile
    /// Records covered (leaves of the tree).
    public private(set) var leafCount: UInt64
    /// Bytes of events.jsonl covered: the end of record `leafCount`'s line, newline included.
    public private(set) var logBytes: Int64
    /// Hash of record `leafCount` (zeros when empty).
    public private(set) var headHash: Digest32 = Record.genesisPrev
    private var buffer: [UInt8] = []

    /// What `synchronize` had to do.
    public enum Status: Equatable, Sendable, CustomStringConvertible {
        case upToDate
        case extended(from: UInt64)
        case rebuilt(reason: AuditError.IndexDamage)

        public var description: String {
            switch self {
            case .upToDate: return "index up to date"
            case .extended(let from): return "index extended from \(Wording.englishCount(from, "record"))"
            case .rebuilt(let reason): return "index rebuilt from the log (\(AuditWords.indexDamage(reason).en))"
            }
        }
    }

    /// The post-order slot of perfect subtree (level, index): the number of complete subtrees that exist once its
    /// last leaf is added, minus the higher ones completed by that same leaf.
    public static func slot(level: Int, index: UInt64) -> UInt64 {
        let end = (index + 1) << UInt64(level)   // leaves up to and including this subtree
        let completedWithIt = end.trailingZeroBitCount
        return slotCount(leaves: end) - 1 - UInt64(completedWithIt - level)
    }

    /// Number of complete perfect subtrees (slots) in a tree of `leaves` leaves: 2n − popcount(n).
    public static func slotCount(leaves: UInt64) -> UInt64 { 2 * leaves - UInt64(leaves.nonzeroBitCount) }

    private init(directoryPath: String, eventsPath: String, merkle: PosixFile, offsets: PosixFile, leafCount: UInt64, logBytes: Int64) {
        self.directoryPath = directoryPath
        self.eventsPath = eventsPath
        self.merkle = merkle
        self.offsets = offsets
        self.leafCount = leafCount
        self.logBytes = logBytes
    }

    /// Opens the index of `ledger`, checks it against the log, and brings it up to the log's committed end:
    /// extended when it is a valid prefix, rebuilt from a full scan when it is missing or does not match.
    /// Takes `index/merkle.lock` so two commands never write it at once.
    /// - Throws: `AuditError.file` when the index cannot be written (a read-only copy of a ledger); callers then
    ///   fall back to a scan of the log.
    /// - Complexity: O(records appended since the last update), or one pass over the log when rebuilding.
    public static func synchronize(_ ledger: LedgerDirectory) throws(AuditError) -> (MerkleIndex, Status) {
        try locked(ledger) { (index: MerkleIndex) throws(AuditError) -> (MerkleIndex, Status) in
            if let problem = try index.loadAndCheck() {
                try index.rebuild()
                index.checkInvariants(writtenFrom: 0)
                return (index, .rebuilt(reason: problem))
            }
            let before = index.leafCount
            try index.extend()
            if index.leafCount != before { index.checkInvariants(writtenFrom: before) }
            return (index, index.leafCount == before ? .upToDate : .extended(from: before))
        }
    }

    /// What `ledger verify --index` found of the index before bringing it to the log's end (ledger-spec.md 15.1).
    public enum Check: Equatable, Sendable {
        /// Neither file is there (or both are empty): nothing was checked, and nothing is made (the first proof makes
        /// the index).
        case absent
        /// Every node and offset of its `leaves` records is the log's.
        case intact(leaves: UInt64)
        /// Why it could not be used, or the first node or offset that is not the log's.
        case damaged(AuditError.IndexDamage)
        /// It covers `covered` records and the log ends before the last of them, whose records up to the log's end
        /// are the log's (`AuditError.IndexDamage.logShorter`): records were removed, not damage to the index.
        case logNoLongerHolds(covered: UInt64)
    }

    /// `ledger verify --index`: checks the index as `synchronize` does (headers, lengths, its last record), then every
    /// node and offset it holds against the ones the log gives (read and verified from record 1: nothing of the index
    /// is trusted; `synchronize` checks only the last record, and a node changed in the middle is found only by the
    /// proof check against a signed root), and brings it to the log's committed end: extended when intact, rebuilt
    /// otherwise. An absent index is left absent.
    /// - Returns: what was found, and the records the index covers afterwards (nil when it was not made).
    /// - Throws: as `synchronize` (the index cannot be written or locked).
    public static func checkAndRebuild(_ ledger: LedgerDirectory) throws(AuditError) -> (check: Check, leafCount: UInt64?) {
        let dir = ledger.indexPath
        if PosixFile.kind(at: dir + "/" + merkleFileName, followLinks: false) == nil,
           PosixFile.kind(at: dir + "/" + offsetsFileName, followLinks: false) == nil {
            return (.absent, nil)
        }
        return try locked(ledger) { (index: MerkleIndex) throws(AuditError) -> (check: Check, leafCount: UInt64?) in
            let check: Check
            if let problem = try index.loadAndCheck() {
                switch problem {
                case .noIndexYet: check = .absent
                case .logShorter: check = .logNoLongerHolds(covered: index.leafCount)
                default: check = .damaged(problem)
                }
            } else if let problem = try index.firstDifferenceFromLog() {
                check = .damaged(problem)
            } else {
                check = .intact(leaves: index.leafCount)
                let before = index.leafCount
                try index.extend()
                if index.leafCount != before { index.checkInvariants(writtenFrom: before) }
                return (check, index.leafCount)
            }
            try index.rebuild()
            index.checkInvariants(writtenFrom: 0)
            return (check, index.leafCount)
        }
    }

    /// Opens the index of `ledger` (both files created when missing) under `index/merkle.lock`, so two commands never
    /// write it at once, and runs `body` on it before the lock is let go.
    private static func locked<T>(_ ledger: LedgerDirectory, _ body: (MerkleIndex) throws(AuditError) -> T) throws(AuditError) -> T {
        let dir = ledger.indexPath
        // Never through a link: a planted `index` link would make the files below land elsewhere. The folder is
        // opened once and its files relative to it (openat), so swapping it for a link after this check changes
        // nothing; the check itself only gives the clearer message.
        let directory: PosixDirectory
        do throws(FileError) {
            if let kind = PosixFile.kind(at: dir, followLinks: false), kind != .directory {
                throw FileError.wrongKind(path: dir, kind: kind, expected: "a directory")
            }
            directory = try PosixDirectory(path: dir, createWithPermissions: 0o755)
        } catch { throw .file(error) }
        let lock: PosixFile
        do {
            lock = try directory.open("merkle.lock", mode: .readWriteCreate(permissions: 0o644))
            guard try lock.lockExclusive(timeoutMilliseconds: Limits.lockWaitMillisecondsDefault) else {
                throw AuditError.indexDamaged(path: dir + "/merkle.lock", reason: .lockHeld)
            }
        } catch let error as FileError { throw .file(error) } catch let error as AuditError { throw error } catch {
            preconditionFailure("unexpected \(error)")
        }
        defer { lock.unlock() }
        let index: MerkleIndex
        do {
            index = MerkleIndex(
                directoryPath: dir, eventsPath: ledger.eventsPath,
                merkle: try directory.open(merkleFileName, mode: .readWriteCreate(permissions: 0o644)),
                offsets: try directory.open(offsetsFileName, mode: .readWriteCreate(permissions: 0o644)),
                leafCount: 0, logBytes: 0)
        } catch { throw .file(error) }
        return try body(index)
    }

    /// Forces a rebuild from the log (after a proof made from the index failed its check).
    public func rebuildNow() throws(AuditError) {
        try rebuild()
        checkInvariants(writtenFrom: 0)
    }

    /// Debug builds (`LEDGER_INTERNAL_CHECKS`) check what this process just wrote, from leaf `first` on, as
    /// swift-collections' `_checkInvariants` does; release builds compile it to nothing: both headers state the same
    /// count and log bytes; the files hold every slot and offset the header claims; the log is at least as long as the
    /// bytes covered; the new offsets rise and lie inside the covered bytes; the last leaf is the head record's; and
    /// every node completed by the new leaves is the hash of its two children (for up to 4,096 new leaves). Parts
    /// written earlier are not asserted on: a damaged index is a state the code handles (by rebuilding), not a broken
    /// invariant. A file that cannot be read here is left to the callers, which handle I/O errors.
    func checkInvariants(writtenFrom first: UInt64) {
        #if LEDGER_INTERNAL_CHECKS
        // A file with another hard link can be written through that name too (the two index files one inode, the
        // case callers survive by proving from the log): nothing is promised about it, so nothing is asserted.
        var header: [UInt8] = [], offsetsHeader: [UInt8] = []
        guard let merkleStatus = try? merkle.status(), let offsetsStatus = try? offsets.status(),
              merkleStatus.linkCount == 1, offsetsStatus.linkCount == 1,
              (try? merkle.read(at: 0, count: 32, into: &header)) != nil,
              (try? offsets.read(at: 0, count: 32, into: &offsetsHeader)) != nil,
              let logSize = try? PosixFile(path: eventsPath, mode: .read, followLinks: false).size() else { return }
        let merkleSize = merkleStatus.size, offsetsSize = offsetsStatus.size
        precondition(header.starts(with: Self.merkleMagic) && offsetsHeader.starts(with: Self.offsetsMagic), "index magic")
        precondition(header[16...] == offsetsHeader[16...], "the two index headers agree")
        precondition(header[16..<24].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == leafCount, "header count is leafCount")
        precondition(header[24..<32].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == UInt64(bitPattern: logBytes), "header bytes are logBytes")
        precondition(merkleSize >= Self.headerBytes + Int64(Self.slotCount(leaves: leafCount)) * 32, "merkle.idx holds every slot")
        precondition(offsetsSize >= Self.headerBytes + Int64(leafCount) * 8, "offsets.idx holds every offset")
        precondition(logSize >= logBytes, "the log holds the bytes covered")
        guard leafCount > 0 else {
            precondition(logBytes == 0 && headHash == Record.genesisPrev, "an empty index covers nothing")
            return
        }
        let hasher = MerkleHasher()
        if let leaf = try? perfectSubtreeHash(level: 0, index: leafCount - 1) {
            precondition(leaf == hasher.leafHash(recordHash: headHash), "the last leaf is the head record's")
        }
        guard first < leafCount, leafCount - first <= 4096 else { return }
        var previous: Int64? = nil
        for seq in Int64(first) + 1...Int64(leafCount) {
            guard let offset = try? recordOffset(seq: seq) else { return }
            precondition(offset >= 0 && offset < logBytes && offset > (previous ?? -1), "record \(seq)'s offset rises within the covered bytes")
            previous = offset
        }
        var level = 1
        while UInt64(1) << UInt64(level) <= leafCount {
            for index in (first >> UInt64(level))..<(leafCount >> UInt64(level)) {
                guard let parent = try? perfectSubtreeHash(level: level, index: index),
                      let left = try? perfectSubtreeHash(level: level - 1, index: 2 * index),
                      let right = try? perfectSubtreeHash(level: level - 1, index: 2 * index + 1) else { return }
                precondition(parent == hasher.nodeHash(left, right), "node (\(level), \(index)) is the hash of its children")
            }
            level += 1
        }
        #endif
    }

    // MARK: reading

    public func perfectSubtreeHash(level: Int, index: UInt64) throws(AuditError) -> Digest32 {
        guard level < 64, (index + 1) << UInt64(level) <= leafCount else {
            throw .merkle(.sizeBeyondTree(requested: (index + 1) << UInt64(level), available: leafCount))
        }
        let offset = Self.headerBytes + Int64(Self.slot(level: level, index: index)) * 32
        var bytes: [UInt8] = []
        do { try merkle.read(at: offset, count: 32, into: &bytes) } catch { throw .file(error) }
        guard let digest = Digest32(bytes: bytes) else {
            throw .indexDamaged(path: merkle.path, reason: .nodeCutShort(byte: Int64(offset)))
        }
        return digest
    }

    /// The byte offset of record `seq`'s line in events.jsonl.
    public func recordOffset(seq: Int64) throws(AuditError) -> Int64 {
        precondition(seq >= 1 && UInt64(seq) <= leafCount, "seq outside the index")
        var bytes: [UInt8] = []
        let at = Self.headerBytes + (seq - 1) * 8
        do { try offsets.read(at: at, count: 8, into: &bytes) } catch { throw .file(error) }
        guard bytes.count == 8 else { throw .indexDamaged(path: offsets.path, reason: .offsetCutShort(seq: seq)) }
        return Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// Reads record `seq`'s line from the log through the offset index and checks it: it must start a line, be
    /// record `seq`, hash to its stored hash, and match the index's leaf. Returns the line without its newline.
    public func recordLine(seq: Int64) throws(AuditError) -> (line: [UInt8], record: Record) {
        let start = try recordOffset(seq: seq)
        let end: Int64
        if UInt64(seq) == leafCount { end = logBytes } else { end = try recordOffset(seq: seq + 1) }
        // Offsets come from a file that may be damaged: check them before subtracting (which could overflow).
        guard start >= 0, end > start else {
            throw .indexDamaged(path: offsets.path, reason: .badOffsets(seq: seq, start: Int64(start), end: Int64(end)))
        }
        let length = end - start - 1
        guard length > 76, length <= Int64(Limits.recordBytesMax) else {
            throw .indexDamaged(path: offsets.path, reason: .lineLength(seq: seq, bytes: Int64(length)))
        }
        let log: PosixFile
        var bytes: [UInt8] = []
        do {
            log = try PosixFile(path: eventsPath, mode: .read, followLinks: false)
            try log.read(at: start - (start > 0 ? 1 : 0), count: Int(length) + 1 + (start > 0 ? 1 : 0), into: &bytes)
        } catch { throw .file(error) }
        if start > 0 {
            guard bytes.first == 0x0A else { throw .indexDamaged(path: offsets.path, reason: .notLineStart(seq: seq)) }
            bytes.removeFirst()
        }
        guard bytes.count == Int(length) + 1, bytes.last == 0x0A else {
            throw .indexDamaged(path: offsets.path, reason: .notLineEnd(seq: seq))
        }
        bytes.removeLast()
        let sha = SHA256()
        let record: Record
        do { record = try RecordCodec.decode(line: bytes[...]) } catch .recordLine(let problem) {
            throw .indexDamaged(path: offsets.path, reason: .recordUnreadable(seq: seq, problem: problem))
        } catch { throw .chain(error) }
        guard record.seq == seq, RecordCodec.hashedBytesDigest(line: bytes[...], hasher: sha) == record.hash else {
            throw .indexDamaged(path: offsets.path, reason: .otherLine(seq: seq))
        }
        let leaf = try perfectSubtreeHash(level: 0, index: UInt64(seq - 1))
        guard leaf == MerkleHasher().leafHash(recordHash: record.hash) else {
            throw .indexDamaged(path: merkle.path, reason: .leafDiffers(seq: seq))
        }
        return (bytes, record)
    }

    // MARK: checking, extending, rebuilding

    /// Reads the headers and checks the index's last record against the log. Returns why the index cannot be
    /// used, or nil when it is a valid prefix of the log.
    private func loadAndCheck() throws(AuditError) -> AuditError.IndexDamage? {
        var header: [UInt8] = []
        var offsetsHeader: [UInt8] = []
        let merkleSize: Int64, offsetsSize: Int64
        do {
            try merkle.read(at: 0, count: 32, into: &header)
            try offsets.read(at: 0, count: 32, into: &offsetsHeader)
            merkleSize = try merkle.size()
            offsetsSize = try offsets.size()
        } catch { throw .file(error) }
        if header.isEmpty && offsetsHeader.isEmpty { return .noIndexYet }
        guard header.count == 32, header.starts(with: Self.merkleMagic) else { return .merkleHeader }
        guard offsetsHeader.count == 32, offsetsHeader.starts(with: Self.offsetsMagic) else { return .offsetsHeader }
        guard header[16...] == offsetsHeader[16...] else { return .coverDifferentRecords }
        let count = header[16..<24].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let bytes = Int64(bitPattern: header[24..<32].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        guard count < UInt64(1) << 40, bytes >= 0 else { return .countsOutOfRange }
        guard merkleSize >= Self.headerBytes + Int64(Self.slotCount(leaves: count)) * 32 else { return .merkleShort }
        guard offsetsSize >= Self.headerBytes + Int64(count) * 8 else { return .offsetsShort }
        leafCount = count
        logBytes = bytes
        if count == 0 { return bytes == 0 ? nil : .emptyCoversBytes }
        let logSize: Int64
        do { logSize = try PosixFile(path: eventsPath, mode: .read, followLinks: false).size() } catch { throw .file(error) }
        guard logSize >= bytes else { return try shorterLogDamage(count: count, logSize: logSize) }
        do {
            let (_, record) = try recordLine(seq: Int64(count))
            headHash = record.hash
        } catch {
            if case .file(let e) = error { throw .file(e) }
            return .lastRecordDiffers(error)
        }
        return nil
    }

    /// The first node or offset of the index's `leafCount` records that is not the one the log gives (the log read
    /// and verified from record 1, as a rebuild reads it, up to record `leafCount`), compared a piece at a time;
    /// nil when every one is the log's.
    private func firstDifferenceFromLog() throws(AuditError) -> AuditError.IndexDamage? {
        let hasher = MerkleHasher()
        var range = CompactRange()
        var nodes: [UInt8] = [], offsets: [UInt8] = []
        var nodesAt = Self.headerBytes, offsetsAt = Self.headerBytes
        var found: AuditError.IndexDamage? = nil
        var compared: Int64 = 0
        /// Compares the pieces made since the last call with the stored bytes at their places.
        func compare() throws(AuditError) {
            guard found == nil, !nodes.isEmpty else { return }
            var stored: [UInt8] = []
            do { try merkle.read(at: nodesAt, count: nodes.count, into: &stored) } catch { throw .file(error) }
            if stored != nodes {
                found = .nodeDiffers(byte: nodesAt + Int64(32 * Self.firstDiffering(stored, nodes, width: 32)))
                return
            }
            do { try self.offsets.read(at: offsetsAt, count: offsets.count, into: &stored) } catch { throw .file(error) }
            if stored != offsets {
                found = .offsetDiffers(seq: (offsetsAt - Self.headerBytes) / 8 + Int64(Self.firstDiffering(stored, offsets, width: 8)) + 1)
                return
            }
            nodesAt += Int64(nodes.count)
            offsetsAt += Int64(offsets.count)
            nodes.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
        }
        let count = Int64(leafCount)
        _ = try LogScanner.scan(path: eventsPath, stopAfterSeq: count, failed: { (error: ChainError) -> AuditError in
            if case .file(let e) = error { return .file(e) }
            return .indexDamaged(path: eventsPath, reason: .logUnreadable(error))
        }) { (line: VerifiedLine) throws(AuditError) in
            guard found == nil, line.location.seq <= count else { return }
            var made = nodes
            nodes = []
            range.append(leafHash: hasher.leafHash(recordHash: line.hash), hasher: hasher) { (_, _, hash) throws(Never) in made += hash.bytes }
            nodes = made
            let value = UInt64(bitPattern: line.location.byteOffset)
            for shift in stride(from: 56, through: 0, by: -8) { offsets.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
            compared = line.location.seq
            if nodes.count >= 4 << 20 { try compare() }
        }
        try compare()
        // The log verified by the caller holds record `leafCount` (`loadAndCheck` read it): fewer is the log's doing.
        if found == nil, compared < count { return .logShorter }
        return found
    }

    /// The index of the first `width`-byte item of `made` that `stored` does not hold as made (0 when none differs).
    static func firstDiffering(_ stored: [UInt8], _ made: [UInt8], width: Int) -> Int {
        for item in 0..<(made.count / width) {
            let range = (width * item)..<(width * item + width)
            if stored.count < range.upperBound || stored[range] != made[range] { return item }
        }
        return 0
    }

    /// Why an index covering more bytes than the log holds (`logSize`) cannot be used: `.logShorter` (records were
    /// removed) only when the last of its `count` records whose line lies within the log is the log's record there
    /// (read and checked as `recordLine` checks it: line, seq, hash, leaf); else `.otherLog` — another ledger's index,
    /// or one made from another history, whose records say nothing of this log's (review 40f).
    private func shorterLogDamage(count: UInt64, logSize: Int64) throws(AuditError) -> AuditError.IndexDamage {
        do {
            // The last record whose line ends within the log (record k ends where record k + 1 starts): the offsets
            // rise in an index that is not damaged, so a binary search; record `count` ends beyond the log.
            var low: UInt64 = 0, high = count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if try recordOffset(seq: Int64(middle) + 1) <= logSize { low = middle } else { high = middle - 1 }
            }
            guard low >= 1 else { return .otherLog }
            _ = try recordLine(seq: Int64(low))
            return .logShorter
        } catch {
            if case .file(let e) = error { throw .file(e) }
            return .otherLog
        }
    }

    private func writeHeaders(count: UInt64, logBytes: Int64) throws(FileError) {
        var header = Self.merkleMagic
        for shift in stride(from: 56, through: 0, by: -8) { header.append(UInt8(truncatingIfNeeded: count >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { header.append(UInt8(truncatingIfNeeded: UInt64(bitPattern: logBytes) >> UInt64(shift))) }
        try merkle.write(header, at: 0)
        try offsets.write(Self.offsetsMagic + Array(header[16...]), at: 0)
        try merkle.sync()
        try offsets.sync()
    }

    /// Appends records found after `logBytes` (complete batches only), then moves the header.
    private func extend() throws(AuditError) {
        let log: PosixFile
        let logSize: Int64
        do {
            log = try PosixFile(path: eventsPath, mode: .read, followLinks: false)
            logSize = try log.size()
        } catch { throw .file(error) }
        guard logSize > logBytes else { return }
        var peaks: [Digest32] = []
        for part in TreeMath.perfectSubtrees(start: 0, count: leafCount) {
            peaks.append(try perfectSubtreeHash(level: part.level, index: part.index))
        }
        var appender = Appender(index: self, range: CompactRange(leafCount: leafCount, peakHashes: peaks))
        var tail = TailReader(expectedSeq: Int64(leafCount) + 1, previousHash: headHash)
        var chunk: [UInt8] = []
        var carry: [UInt8] = []
        var position = logBytes
        var lineStart = logBytes
        reading: while position < logSize {
            do { try log.read(at: position, count: 4 << 20, into: &chunk) } catch { throw .file(error) }
            if chunk.isEmpty { break }
            var start = 0
            for i in 0..<chunk.count where chunk[i] == 0x0A {
                let line: ArraySlice<UInt8>
                if carry.isEmpty { line = chunk[start..<i] } else { carry.append(contentsOf: chunk[start..<i]); line = carry[...] }
                guard let committed = tail.take(line: line, offset: lineStart) else { break reading }
                for entry in committed { try appender.add(entry) }
                carry.removeAll(keepingCapacity: true)
                lineStart = position + Int64(i) + 1
                start = i + 1
            }
            if start < chunk.count {
                carry.append(contentsOf: chunk[start...])
                if carry.count > Limits.recordBytesMax { break }
            }
            position += Int64(chunk.count)
        }
        try appender.finish(logBytes: tail.committedEnd ?? logBytes, head: tail.committedHead)
    }

    /// Rebuilds both files from a full, verified scan of the log (LogScanner). The header is zeroed first and
    /// written last, so a crash midway leaves an index that the next command rebuilds again.
    private func rebuild() throws(AuditError) {
        do {
            try writeHeaders(count: 0, logBytes: 0)
            try merkle.truncate(to: Self.headerBytes)
            try offsets.truncate(to: Self.headerBytes)
        } catch { throw .file(error) }
        leafCount = 0
        logBytes = 0
        headHash = Record.genesisPrev
        var appender = Appender(index: self, range: CompactRange())
        let summary = try LogScanner.scan(path: eventsPath, failed: { (error: ChainError) -> AuditError in
            if case .file(let e) = error { return .file(e) }
            return .indexDamaged(path: eventsPath, reason: .logUnreadable(error))
        }) { (line: VerifiedLine) throws(AuditError) in
            try appender.add(TailReader.Entry(offset: line.location.byteOffset, hash: line.hash))
        }
        // Records of an unfinished batch (or after a failure) were visited but are not part of the committed log.
        try appender.finish(logBytes: summary.committedBytes, head: summary.headHash, keep: UInt64(summary.recordCount))
    }

    /// Buffers node and offset writes in post-order and commits them with the header.
    private struct Appender {
        let index: MerkleIndex
        var range: CompactRange
        var nodes: [UInt8] = []
        var offsets: [UInt8] = []
        var nodesWrittenAt: Int64
        var offsetsWrittenAt: Int64
        let hasher = MerkleHasher()

        init(index: MerkleIndex, range: CompactRange) {
            self.index = index
            self.range = range
            nodesWrittenAt = MerkleIndex.headerBytes + Int64(MerkleIndex.slotCount(leaves: range.leafCount)) * 32
            offsetsWrittenAt = MerkleIndex.headerBytes + Int64(range.leafCount) * 8
        }

        mutating func add(_ entry: TailReader.Entry) throws(AuditError) {
            let leaf = hasher.leafHash(recordHash: entry.hash)
            var collected = nodes
            nodes = []
            range.append(leafHash: leaf, hasher: hasher) { (_, _, hash) throws(Never) in collected.append(contentsOf: hash.bytes) }
            nodes = collected
            let value = UInt64(bitPattern: entry.offset)
            for shift in stride(from: 56, through: 0, by: -8) { offsets.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
            if nodes.count >= 4 << 20 { try flush() }
        }

        mutating func flush() throws(AuditError) {
            do {
                try index.merkle.write(nodes, at: nodesWrittenAt)
                try index.offsets.write(offsets, at: offsetsWrittenAt)
            } catch { throw .file(error) }
            nodesWrittenAt += Int64(nodes.count)
            offsetsWrittenAt += Int64(offsets.count)
            nodes.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
        }

        /// Writes what is buffered, syncs, then sets the header to `keep` leaves (default: all added).
        mutating func finish(logBytes: Int64, head: Digest32?, keep: UInt64? = nil) throws(AuditError) {
            try flush()
            let count = keep ?? range.leafCount
            precondition(count <= range.leafCount, "cannot keep more leaves than were added")
            guard count != index.leafCount || logBytes != index.logBytes else { return }
            do { try index.writeHeaders(count: count, logBytes: logBytes) } catch { throw .file(error) }
            index.leafCount = count
            index.logBytes = logBytes
            if let head { index.headHash = head }
        }
    }
}
