import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `ledger verify --index` on `index/scopes` (ledger-spec.md 15.5): the stored file's own checks, then its bytes
/// compared with the index the log gives at its stamp — at the head, the file the pass just wrote; before it, the
/// index of records 1…stamp built again from the verified log (session 51: before, a file stamped before the head
/// was checked for its checksums, stamp and version only, so an entry whose type code or named bit was wrong, written
/// with valid checksums, hid a line from a payment's filtered read and was reported intact).
extension ScopeIndex {
    /// The stored file's own checks (header, table, every block and page, the body's checksum), made before a
    /// rebuild replaces it; the file is kept open, so that the rebuild's rename leaves its bytes readable, for the
    /// comparison with the log (`finishCheck`). Never the whole file in memory (720 MB at 10 million records).
    struct StoredCheck {
        var check: DerivedStateCheck
        /// The stored file when its own checks passed.
        let opened: Opened?
        var stamp: StateStamp? { opened?.header.stamp }
    }

    /// The bytes read at once by the comparisons (a piece of the stored file, of the other file).
    static let comparedPiece = 4 << 20

    static func storedCheck(_ directory: LedgerDirectory) -> StoredCheck {
        let found: Opened?
        do { found = try open(directory) } catch { return StoredCheck(check: .damaged(error.derivedStateProblem), opened: nil) }
        guard let opened = found else { return StoredCheck(check: .absent, opened: nil) }
        if let problem = ownProblem(opened) { return StoredCheck(check: .damaged(problem), opened: nil) }
        return StoredCheck(check: .intact(seq: opened.header.stamp.seq), opened: opened)
    }

    /// Why the opened file fails its own checks, nil when it passes them: the body's checksum (read in pieces), every
    /// part of the table and its layout whole (a layout error said as such, not as a checksum: review 47e), every
    /// block against its checksum and its entries' layout (an unknown type code said as one, session 51), the page
    /// directory's index, runs and every page.
    static func ownProblem(_ opened: Opened) -> Problem? {
        let bodyBytes = Int64(opened.header.bodyBytes)
        let hasher = SHA256()
        hasher.begin()
        var at: Int64 = 0
        var piece: [UInt8] = []
        do {
            while at < bodyBytes {
                try opened.file.read(at: opened.bodyStart + at, count: Int(min(Int64(comparedPiece), bodyBytes - at)), into: &piece)
                guard !piece.isEmpty else { return .damaged(.checksum(.body)) }
                hasher.update(piece[...])
                at += Int64(piece.count)
            }
            try opened.file.read(at: opened.bodyStart + bodyBytes, count: 32, into: &piece)
        } catch { return .damaged(.of(error)) }
        guard hasher.finish().bytes[...] == piece[...] else { return .damaged(.checksum(.body)) }
        do { _ = try opened.wholeTable() } catch let damaged as Damaged { return .damaged(damaged.why) } catch { return .damaged(.checksum(.table)) }
        for b in 0..<opened.table.blockCount {
            do { _ = try opened.checkedEntries(b) } catch let damaged as Damaged { return .damaged(damaged.why) } catch {
                return .damaged(.checksum(.nth(.block, b + 1)))
            }
        }
        guard let pages = opened.pages() else { return .damaged(.unreadable(.nodePageDirectory)) }
        for page in 0..<Int(opened.table.pageCount) {
            let first = Int64(page * pageNodes), count = Int(min(Int64(pageNodes), opened.table.nodeCount - first))
            guard let bytes = opened.read(opened.table.nodeTableOffset + first * Int64(nodeBytes), count * nodeBytes),
                  SHA256.digest(bytes) == pages.sums[page] else {
                return .damaged(.checksum(.nodeTablePage(page + 1)))
            }
        }
        return nil
    }

    /// The stored file's check and, when its own checks passed, whether it is byte for byte the index the log gives
    /// at its stamp: `fresh` (the file the pass wrote, stamped `freshStamp`, opened by the pass) when that is its
    /// stamp, else the index of records 1…stamp built again from the log (a second read of them:
    /// `builder(_:upToSeq:)`). A difference from `fresh` is never reported as such: it is judged by the second read
    /// (review of verifyidx51 #1: a writer that replaced `fresh` after the writers' lock was released — an import,
    /// another `verify --index` after an append — made an intact file read as tampered). `fresh` is closed here.
    /// - Throws: log damage met by the second read (the pass verified the log just before: a log changed meanwhile).
    static func finishCheck(_ stored: StoredCheck, _ directory: LedgerDirectory, fresh: PosixFile?, freshStamp: StateStamp?) throws(ChainError) -> DerivedStateCheck {
        defer { fresh?.close() }
        guard case .intact = stored.check, let opened = stored.opened else { return stored.check }
        defer { opened.file.close() }
        let stamp = opened.header.stamp
        var compared = Comparison.differs(at: 0)
        if let fresh, freshStamp == stamp { compared = compare(opened, with: fresh) }
        if compared != .same {
            guard var builder = try builder(directory, upToSeq: stamp.seq), builder.head == stamp else {
                // The log's batches do not end at the stamp any more (check 3 found they did moments before).
                return .damaged(.mismatch(.differsFromLog(.entry)))
            }
            compared = compare(opened, with: &builder, ledgerName: directory.name)
        }
        switch compared {
        case .same: return stored.check
        case .differs(let offset): return .damaged(.mismatch(differenceDetail(opened, at: offset)))
        case .unreadable(let detail): return .damaged(.damaged(detail))
        }
    }

    /// `index/scopes` as just written, opened for `finishCheck` (nil when it cannot be: the second read judges then).
    /// `verify --index` opens it while it holds the writers' lock, so that a writer's later rename leaves it readable.
    static func openFresh(_ directory: LedgerDirectory) -> PosixFile? {
        try? PosixFile.openRegular(path(directory), followLinks: false).file
    }

    /// The stored file compared with the index the log gives.
    enum Comparison: Equatable {
        case same
        /// The first byte (an offset in the stored file) where they differ; the shorter one's end when one is a
        /// prefix of the other.
        case differs(at: Int64)
        /// The stored file could not be read.
        case unreadable(Problem.Detail)
    }

    /// What the byte at `offset` of the stored file is part of, said as differing from records 1…stamp: the entry of a
    /// block (by the seq the stored entry holds), the table, a page of the node table, the page directory, the header.
    static func differenceDetail(_ opened: Opened, at offset: Int64) -> Problem.Detail {
        let stamp = opened.header.stamp.seq
        let body = offset - opened.bodyStart
        let tableSpan = Int64(tableSpanLength(opened.parts.length))
        let blocksEnd = opened.table.nodeTableOffset
        if body < 0 { return .notWhatRecordsGive(.header, through: stamp) }
        if body < tableSpan { return .notWhatRecordsGive(.table, through: stamp) }
        if body < blocksEnd {
            let entry = (body - tableSpan) / Int64(entryBytes)
            let seq = opened.read(tableSpan + entry * Int64(entryBytes), 8).map { Int64(bitPattern: Bytes.u64($0, at: 0)) }
            guard let seq else { return .notWhatRecordsGive(.all(.block), through: stamp) }
            return .entryNotWhatRecordsGive(record: seq, through: stamp)
        }
        if body < opened.table.pageDirectoryOffset {
            return .notWhatRecordsGive(.nodeTablePage(Int((body - blocksEnd) / Int64(pageNodes * nodeBytes)) + 1), through: stamp)
        }
        return .notWhatRecordsGive(.nodePageDirectory, through: stamp)
    }

    /// `opened`'s file compared with `other` (the file the pass just wrote), a piece at a time.
    static func compare(_ opened: Opened, with other: PosixFile) -> Comparison {
        let size: Int64, otherSize: Int64
        do { size = try opened.file.size(); otherSize = try other.size() } catch { return .unreadable(.of(error)) }
        let common = min(size, otherSize)
        var at: Int64 = 0
        var mine: [UInt8] = [], theirs: [UInt8] = []
        while at < common {
            let count = Int(min(Int64(comparedPiece), common - at))
            do {
                try opened.file.read(at: at, count: count, into: &mine)
                try other.read(at: at, count: count, into: &theirs)
            } catch { return .unreadable(.of(error)) }
            guard mine.count == count, theirs.count == count else { return .unreadable(.truncated) }
            if mine != theirs { return .differs(at: at + Int64(zip(mine, theirs).prefix { $0 == $1 }.count)) }
            at += Int64(count)
        }
        return size == otherSize ? .same : .differs(at: common)
    }

    /// `opened`'s file compared with the file `builder` plans, its pieces compared as `Builder.emit` makes them (never
    /// the whole file in memory): the blocks and the node table first, then the table's span, then the header. The
    /// body's checksum is not compared: the stored one was checked against the stored body (`ownProblem`), which is
    /// then the planned body byte for byte.
    static func compare(_ opened: Opened, with builder: inout Builder, ledgerName: String) -> Comparison {
        let size: Int64
        do { size = try opened.file.size() } catch { return .unreadable(.of(error)) }
        guard var plan = builder.plan(ledgerName: ledgerName) else { return .differs(at: 0) }
        let base = Int64(plan.header.count)
        let expectedSize = base + Int64(plan.bodyLength) + 32
        var first: Int64? = nil
        var failed: Problem.Detail? = nil
        var stored: [UInt8] = []
        // `bytes` against the stored file's at `at` (bytes past its end differ at its end); the first difference kept.
        func compare(_ bytes: ArraySlice<UInt8>, at: Int64) {
            guard first == nil, failed == nil else { return }
            let count = Int(max(0, min(Int64(bytes.count), size - at)))
            if count > 0 {
                do { try opened.file.read(at: at, count: count, into: &stored) } catch { failed = .of(error); return }
                guard stored.count == count else { failed = .truncated; return }
            } else {
                stored.removeAll(keepingCapacity: true)
            }
            if let i = zip(stored, bytes).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                first = at + Int64(i)
            } else if count < bytes.count {
                first = at + Int64(count)
            }
        }
        var position = base + Int64(plan.tableSpan)
        let prefix = builder.emit(&plan) { piece in
            compare(piece, at: position)
            position += Int64(piece.count)
        }
        compare(prefix[...], at: base)
        compare(plan.header[...], at: 0)
        if let failed { return .unreadable(failed) }
        if let first { return .differs(at: first) }
        return size == expectedSize ? .same : .differs(at: min(size, expectedSize))
    }

    /// The index of records 1…`seq` (all of them when nil), read and verified from record 1 and every record decoded
    /// in full (nothing of a stored file is trusted), not yet planned; nil for an empty log.
    /// - Complexity: one read of the log up to the batch holding `seq`.
    static func builder(_ directory: LedgerDirectory, upToSeq seq: Int64?) throws(ChainError) -> Builder? {
        var builder = Builder()
        let summary = try LogScanner.committedBatches(directory, stopAfterSeq: seq, prepare: { line -> (Entry, Links) in
            let seq = line.location.seq
            let record = try line.record()
            if seq == 1 { builder.genesis = StateStamp(seq: 1, hash: line.hash, lineOffset: 0, lineBytes: line.location.byteCount) }
            if seq == line.batchLast {
                builder.head = StateStamp(seq: seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
            }
            let links = links(id: record.id, payload: record.payload)
            return (Entry(seq: seq, offset: line.location.byteOffset, count: UInt32(line.location.byteCount),
                          code: typeCode(record.type), hash: line.hash), links)
        }, batch: { items in
            for (entry, links) in items { builder.add(entry, links) }
        })
        let count = seq.map { Swift.min($0, summary.recordCount) } ?? summary.recordCount
        guard count > 0, builder.head?.seq == count else { return nil }
        return builder
    }

    /// Reads and verifies the whole log and builds the index at its head; nil for an empty log.
    static func build(_ directory: LedgerDirectory) throws(ChainError) -> [UInt8]? {
        guard var builder = try builder(directory, upToSeq: nil) else { return nil }
        return builder.encoded(ledgerName: directory.name)
    }

    /// Checks every part of the stored file (header, table, each block, the node table's pages and directory, the
    /// body's checksum) and its stamps against the log, then that it is byte for byte the index the log gives at its
    /// stamp (records 1…stamp read again when that is before the head); then writes the index rebuilt from the log
    /// (read and verified from the first record: nothing of the stored file is trusted). Log damage is thrown as
    /// `ChainError`; index damage is the returned check (`ledger verify --index`).
    public static func checkAndRebuild(_ directory: LedgerDirectory) throws(ChainError) -> (check: DerivedStateCheck, rebuiltAt: Int64?) {
        let stored = storedCheck(directory)
        guard var builder = try builder(directory, upToSeq: nil) else {
            let check = try finishCheck(stored, directory, fresh: nil, freshStamp: nil)
            try? PosixFile.remove(path(directory))
            return (check, nil)
        }
        let head = builder.head
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        let written = builder.write(ledgerName: directory.name, to: path(directory))
        let check = try finishCheck(stored, directory, fresh: written ? openFresh(directory) : nil, freshStamp: head)
        return (check, written ? head?.seq : nil)
    }
}

extension ScopeIndex.Opened {
    /// Block `block`'s entries, checked against its checksum and decoded; the reason when they are not: the block's
    /// checksum, an entry whose type code no type has (26–127: never written, session 51 — it read as a checksum),
    /// or an entry out of order or out of range.
    /// - Throws: `ScopeIndex.Damaged`, with the reason.
    func checkedEntries(_ block: Int) throws -> [ScopeIndex.Entry] {
        let b = try self.block(block)
        guard let bytes = read(b.offset, Int(b.count) * ScopeIndex.entryBytes), SHA256.digest(bytes) == b.checksum else {
            throw ScopeIndex.Damaged(why: .checksum(.nth(.block, block + 1)))
        }
        if let entries = ScopeIndex.decodeEntries(bytes) { return entries }
        throw ScopeIndex.Damaged(why: ScopeIndex.entriesProblem(bytes, block: block))
    }
}

extension ScopeIndex {
    /// Why a block's entries (`bytes`, their checksum holding) do not decode: the first entry whose type code is
    /// not one of 15.5's (26–127), else an entry out of order or out of range.
    static func entriesProblem(_ bytes: [UInt8], block: Int) -> Problem.Detail {
        var base = 0
        while base + entryBytes <= bytes.count {
            let code = bytes[base + 20] & ~namedBit
            if code > correctionCode { return .unknownTypeCode(code: Int(code), record: Int64(bitPattern: Bytes.u64(bytes, at: base))) }
            base += entryBytes
        }
        return .entryOutOfPlace(block: block + 1)
    }
}

extension ScopeIndex {
    /// Why the side file's records (`scopes.recent` and its sealed segments) are not what the log gives on the stored
    /// index, nil when they are (session 51; `recentCheck`): the records after the index's stamp up to the side file's
    /// read and verified from the log, and grouped as a writer groups them, all at once and never sealed
    /// (`recentBytes`). A writer's forest does not depend on how the records came in batches or were sealed — nodes
    /// are numbered in record order, a key is placed in the node of the record that first names it — but its parent
    /// links do (each writer's look-ups shorten them): so each record's entry (seq, place, erasure flag, hash) and
    /// node, each node's block, key and root (its group: a root is its group's smallest node), the registrations and
    /// every key's node are compared, not the bytes. Nil too when the stored index cannot be looked up (its own
    /// line reports it, and both files are removed).
    /// - Throws: log damage (the pass that follows reports it).
    static func recentProblem(_ opened: Opened, _ recent: Recent, _ directory: LedgerDirectory) throws(ChainError) -> Problem? {
        let through = recent.header.stamp.seq
        func differs(_ file: String, _ detail: Problem.Detail) -> Problem { .mismatch(.inFile(file, detail)) }
        var items: [DeltaItem] = []
        _ = try readDelta(from: opened.resume, directory, stopAfterSeq: through) { items += $0 }
        guard items.count == recent.count, items.last?.batchEnd == recent.header.stamp else {
            return differs(recentFileName, .differsFromLog(.record))
        }
        var lookup = NodeLookup(opened)
        guard let made = try? recentBytes(opened, stamp: recent.header.stamp, stored: nil, more: items, &lookup, sealAfter: Int.max),
              let checked = try? DerivedStateFile.check(made.tail, kind: recentKind, version: recentVersion) else { return nil }
        var r = ByteReader(checked.bodyBytes)
        guard r.i64() != nil, r.fixed(32) != nil, r.fixed(32) != nil, let count = r.u64(), count == UInt64(recent.count),
              let expected = decodeRecent(&r, count: Int(count), after: opened.header.stamp.seq, blocks: opened.table.blockCount) else { return nil }
        let sealedNodes: [UInt32]
        do { sealedNodes = try recent.sealedNodes() } catch { return error.problem }
        let sealedCount = recent.sealedCount
        for n in 0..<recent.count {
            let stored: Entry
            do { stored = try recent.entry(n) } catch { return error.problem }
            let node = n < sealedCount ? Int(sealedNodes[n]) : recent.layout.tailItemNode(n - sealedCount)
            guard stored == expected.tailEntry(n), node == expected.tailItemNode(n) else {
                return differs(n < sealedCount ? sealedFileName : recentFileName, .entryNotWhatRecordsGive(record: stored.seq, through: through))
            }
        }
        guard recent.nodes.count == expected.nodes.count,
              expected.nodes.indices.allSatisfy({ recent.nodes[$0].block == expected.nodes[$0].block && recent.nodes[$0].key == expected.nodes[$0].key
                                                  && recent.roots[$0] == expected.roots[$0] }) else {
            return differs(recentFileName, .notWhatRecordsGive(.all(.block), through: through))
        }
        guard recent.registrations == expected.registrations else {
            return differs(recentFileName, .notWhatRecordsGive(.all(.community), through: through))
        }
        guard recent.keyCount + recent.segments.reduce(0, { $0 + $1.keyCount }) == expected.keyCount else {
            return differs(recentFileName, .notWhatRecordsGive(.count(.key), through: through))
        }
        for k in 0..<expected.keyCount {
            let row = expected.keyRow(k)
            let node: Int?
            do { node = try recent.node(forKey: row.key) } catch { return error.problem }
            guard node == row.node else { return differs(recentFileName, .notWhatRecordsGive(.all(.key), through: through)) }
        }
        return nil
    }
}
