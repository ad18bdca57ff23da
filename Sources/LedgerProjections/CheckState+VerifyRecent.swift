import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `ledger verify --index` on `index/checks.recent` (ledger-spec.md 15.4; session 52): the recent table's entries
/// compared with what the log gives. Before, its header, stamp and blocks were checked, never its entries, so an entry
/// rewritten with valid checksums (a voucher's or twin's key dropped, a registration's position moved) changed an
/// append's checks until the next merge while `verify --index` said the state was intact.
extension CheckState {
    /// The recent table as `verify --index` found it before the pass replaced the files: the table with it laid over
    /// (`CheckTable.recent`) and the table alone, each on a file opened then, so the pass's renames leave their bytes
    /// readable.
    struct StoredRecent {
        let layered: CheckTable
        let alone: CheckTable
        /// Where reading the records after the table's stamp starts.
        let resume: ResumePoint
        var stamp: Stamp { layered.stamp }
    }

    /// The table `layered` was opened on, alone (without its recent table: the same open file, `CheckTable.alone`),
    /// and its resume point; nil when there is no recent table or the table's header no longer checks against the
    /// log. Not reopened by its path: a writer's merge may have put another table there since (review of
    /// verifychecks52 #1), whose recent table would then be judged by nobody.
    static func storedRecent(_ directory: LedgerDirectory, layered: CheckTable) -> StoredRecent? {
        guard layered.recent != nil, let resume = try? layered.header.file.check(directory) else { return nil }
        return StoredRecent(layered: layered, alone: layered.alone(), resume: resume)
    }

    /// Whether the table laid with its recent table is the state the log gives at the recent table's stamp: its
    /// merge (`layeredBytes`: byte for byte what a writer's merge would write) compared with the state the log gives
    /// there — `fresh` (the pass's file at the head, `head`) when that is the recent table's stamp, else the table
    /// just compared intact with the log at its own stamp with the records after it, up to the recent table's stamp,
    /// read and verified from the log and decoded in full (`line.record()`) folded on top and merged (what a writer's
    /// merge writes, byte for byte the file built from the log: `CheckRecentTests.recentGrowsThenMerges`). Only the
    /// records the recent table stands for are read, not the log again from record 1 (a third read: at 1 million
    /// records some 40 s of debug CPU); when that fold cannot follow them (a correction of a registering record among
    /// them) the state at the stamp is built from record 1 instead (`build`).
    /// - Returns: nil when it is; else the difference, `.mismatch(.inFile("checks.recent", …))` naming the first entry
    ///   (in key order) whose bytes differ and the record its value names, or the recent table's structure.
    /// - Throws: log damage met by the read (the pass verified the log just before: a log changed meanwhile).
    static func recentDifference(_ stored: StoredRecent, _ directory: LedgerDirectory, fresh: [UInt8]?, head: Int64?) throws(ChainError) -> Problem? {
        let stamp = stored.stamp
        func differs(_ detail: Problem.Detail) -> Problem { .mismatch(.inFile(recentFileName, detail)) }
        guard let layered = mergedBytes(CheckFold(base: stored.layered), stamp: stamp) else {
            // A block or an entry that cannot be combined (`combine`): read by no lookup before, damage all the same.
            return .damaged(.inFile(recentFileName, stored.layered.damage ?? .unreadable(.some(.entry))))
        }
        var expected: [UInt8]? = nil
        if stamp.seq == head, let fresh { expected = fresh }
        if expected == nil { expected = try logState(after: stored, directory) }
        guard let expected else { return differs(.notWhatRecordsGive(.table, through: stamp.seq)) }
        if layered == expected { return nil }
        guard let entry = firstDifference(layered, expected) else { return differs(.notWhatRecordsGive(.table, through: stamp.seq)) }
        return differs(.checkEntryNotWhatRecordsGive(entry: describe(entry.key), record: entry.record, through: stamp.seq))
    }

    /// The state file the log gives at `stored`'s recent stamp, from the table alone and the records after it (see
    /// `recentDifference`); nil when the log's batches do not end there any more.
    static func logState(after stored: StoredRecent, _ directory: LedgerDirectory) throws(ChainError) -> [UInt8]? {
        let through = stored.stamp.seq
        var fold = CheckFold(base: stored.alone)
        var last: Stamp? = nil
        do {
            _ = try LogScanner.committedBatches(directory, stopAfterSeq: through, from: stored.resume, prepare: { line -> (Record, RecordLocation) in
                if line.location.seq == line.batchLast {
                    last = Stamp(seq: line.location.seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
                }
                return (try line.record(), line.location)
            }, batch: { records in for (record, location) in records where location.seq <= through { fold.apply(record, at: location) } })
        } catch .resumeBeforeAcknowledged {
            last = nil
        }
        if let last, last.seq == through, fold.gaveUp == nil, fold.lastSeq == through, let bytes = mergedBytes(fold, stamp: last) {
            return bytes
        }
        // A correction of a registering record among them (`gaveUp`), or a read the acknowledged head refused: the
        // state built from record 1 (a third read of the log, seldom).
        return try build(directory, upToSeq: through).flatMap { $0.seq == through ? $0.bytes : nil }
    }

    /// The file a merge of `fold` on its base (and the base's recent table) writes, stamped at `stamp`, in memory:
    /// nil when a block of the base is damaged.
    static func mergedBytes(_ fold: CheckFold, stamp: Stamp) -> [UInt8]? {
        guard let base = fold.registers.base else { return nil }
        var writer = Writer()
        var blocks: [UInt8] = []
        guard merge(fold, into: &writer, pieceBytes: .max, spill: { blocks += $0; return true }), base.damage == nil else { return nil }
        writer.bytes = blocks
        writer.drained = 0
        return writer.finish(ledgerName: base.header.ledgerName, genesis: base.header.genesis, stamp: stamp)
    }

    /// The entries of a state file's bytes in order (its blocks one after another, each entry a LEB128 length and
    /// the key, a LEB128 length and the value: 15.4), walked without copying the file.
    struct EntryWalk {
        let bytes: [UInt8]
        var offset: Int
        let end: Int

        /// Nil when `bytes` is not a state file (of `kind`: the table's, or the recent table's) whose lead can be walked.
        init?(_ bytes: [UInt8], kind: String = CheckState.kind) {
            guard let (_, headerLength) = try? DerivedStateHeader.decode(bytes[...], kind: kind, version: CheckState.version) else { return nil }
            self.bytes = bytes
            var at = headerLength
            // The top, then the directory: each a u64 length, its bytes, its SHA-256.
            for _ in 0..<2 {
                guard at + 8 <= bytes.count else { return nil }
                let length = Bytes.u64(bytes, at: at)
                guard length <= UInt64(bytes.count) else { return nil }
                at += 8 + Int(length) + 32
            }
            guard at <= bytes.count - 32 else { return nil }
            offset = at
            end = bytes.count - 32
        }

        private mutating func varint() -> Int? {
            var value = 0, shift = 0
            while offset < end, shift < 63 {
                let byte = bytes[offset]; offset += 1
                value |= Int(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        /// The next entry; nil at the end (or where the bytes stop making entries).
        mutating func next() -> (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)? {
            guard offset < end, let keyLength = varint(), keyLength <= end - offset else { return nil }
            let key = bytes[offset..<(offset + keyLength)]; offset += keyLength
            guard let valueLength = varint(), valueLength <= end - offset else { return nil }
            let value = bytes[offset..<(offset + valueLength)]; offset += valueLength
            return (key, value)
        }
    }

    /// The first key (in key order) whose entry is not the same in `stored` and `expected` — present in one only, or
    /// with other bytes — and the record its value names (the expected value's, else the stored one's); nil when
    /// the entries are the same (the files differ elsewhere: directory, top, header).
    static func firstDifference(_ stored: [UInt8], _ expected: [UInt8]) -> (key: [UInt8], record: Int64?)? {
        guard var a = EntryWalk(stored), var b = EntryWalk(expected) else { return nil }
        var x = a.next(), y = b.next()
        while true {
            switch (x, y) {
            case (nil, nil): return nil
            case let (s?, e?) where s.key == e.key:
                if s.value != e.value { return (Array(s.key), record(of: e.key, e.value) ?? record(of: s.key, s.value)) }
                x = a.next(); y = b.next()
            case let (s?, e?):
                if s.key.lexicographicallyPrecedes(e.key) { return (Array(s.key), record(of: s.key, s.value)) }
                return (Array(e.key), record(of: e.key, e.value))
            case let (s?, nil): return (Array(s.key), record(of: s.key, s.value))
            case let (nil, e?): return (Array(e.key), record(of: e.key, e.value))
            }
        }
    }

    /// The record an entry's value names (15.4): an `R`, `E` or `I` entry's position (the record that stated the
    /// fact), an `N` entry's seq, an `X` entry's evidence seq; nil for the others (`D`, `U`, `T`, `W`, `K`, `Z`:
    /// no record, or several) and for a value that cannot be read.
    static func record(of key: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) -> Int64? {
        guard let tag = key.first else { return nil }
        var r = ValueReader(Array(value))
        switch tag {
        case CheckKey.registry, CheckKey.ending, CheckKey.importFile: return r.entry()?.position
        case CheckKey.registering, CheckKey.erasure: return r.signed()
        default: return nil
        }
    }

    /// The kinds of `R`, `E` and `D` keys by their byte (15.4).
    static let keyKinds = ["community", "asset", "fund", "decision", "contract", "use", "occupation", "import", "rectification list"]

    /// A key said for a clerk and an auditor: its tag, for `R`, `E` and `D` the kind (in each language: `R asset
    /// N-7-3` / `R 共有部分 N-7-3`, review of verifychecks52 #3), then the id (binary parts — an erasure's commitment,
    /// a file's SHA-256, a twin key — in hex): `N s7-3`.
    static func describe(_ key: [UInt8]) -> Wording {
        guard let tag = key.first else { return Wording(en: "(empty key)", zh: "（空键）") }
        let letter = String(UnicodeScalar(tag))
        func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        func hex(_ bytes: ArraySlice<UInt8>) -> String { bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
        switch tag {
        case CheckKey.registry, CheckKey.ending, CheckKey.referenced:
            guard key.count >= 2, Int(key[1]) < keyKinds.count else { return Wording(same: letter + " " + hex(key[1...])) }
            let kind = keyKinds[Int(key[1])], id = text(key[2...])
            return Wording(en: "\(letter) \(kind) \(id)", zh: "\(letter) \(ReferenceWords.kindZh(kind)) \(id)")
        case CheckKey.erasure: return Wording(same: "\(letter) \(hex(key[1...]))")
        case CheckKey.importFile where key.count >= 2:
            // The file's SHA-256 as its fact states it (a LEB128 length and the text), then the import id.
            var length = 0, shift = 0, at = 1
            while at < key.count, shift < 63 {
                let byte = key[at]; at += 1
                length |= Int(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            guard length <= key.count - at else { return Wording(same: letter + " " + hex(key[1...])) }
            return Wording(same: "\(letter) \(text(key[at..<(at + length)])) \(text(key[(at + length)...]))")
        case CheckKey.twin where key.count >= 17: return Wording(same: "\(letter) \(hex(key[1..<17])) \(text(key[17...]))")
        default: return Wording(same: "\(letter) \(text(key[1...]))")
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
