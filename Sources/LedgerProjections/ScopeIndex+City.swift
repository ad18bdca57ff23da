import LedgerChain
import LedgerEvents
import LedgerPlatform

extension ScopeIndex {
    /// The whole city (or some streets of it) as `index/scopes` divides it: parts of whole groups, each holding every
    /// record its communities' answers rest on (ledger-spec.md section 15.5), so a part folds exactly as those
    /// communities fold in the whole log. A whole-city question then holds one part at a time, not the city.
    public struct City {
        let opened: Opened
        let log: PosixFile
        /// The global block's records (read once, folded into every part).
        let global: [Record]
        /// The stored blocks of each part.
        let parts: [[Int]]
        /// Records in the whole committed log (the index is stamped at its head).
        public let totalRecordCount: Int64
        /// Hash of the log's last committed record.
        public let headHash: Digest32
        /// One line for stderr when the stored index was unusable and rebuilt; nil otherwise.
        public let notice: String?
        /// How many parts there are.
        public var partCount: Int { parts.count }
        /// The index's stamps (record 1 and the head it was made at): a file derived from the city's parts is
        /// stamped with them.
        public var genesis: StateStamp { opened.header.genesis }
        public var stamp: StateStamp { opened.header.stamp }
        /// The global block (records of no community, in every part).
        public var globalBlock: Int { opened.table.globalBlock }
        /// Each community's block.
        public var communityBlocks: [String: Int] {
            // Read whole (and cached) by `withCity` before the city was made.
            Dictionary(((try? opened.wholeTable())?.communities ?? CommunityRows([])).map { ($0.id, $0.block) }, uniquingKeysWith: { a, _ in a })
        }

        /// Part `index`'s records (as `records(ofPart:)`) and the block each record's seq is in (the global block's
        /// records map to `globalBlock`).
        public func recordsAndBlocks(ofPart index: Int) -> (records: [Record], blockOfSeq: [Int64: Int])? {
            var blockOfSeq: [Int64: Int] = [:]
            for b in parts[index] {
                guard let list = opened.entries(b) else { return nil }
                for e in list { blockOfSeq[e.seq] = b }
            }
            for r in global { blockOfSeq[r.seq] = opened.table.globalBlock }
            guard let records = records(ofPart: index) else { return nil }
            return (records, blockOfSeq)
        }

        /// Part `index`'s records with the global block's, in seq order (with gaps), each line read by position and
        /// checked against the hash the index stored for it; nil when a block or a line does not match (the index is
        /// damaged: `withCity` rebuilds it and starts again).
        public func records(ofPart index: Int) -> [Record]? {
            var entries: [Entry] = []
            for b in parts[index] {
                guard let list = opened.entries(b), list.last.map({ $0.seq <= opened.header.stamp.seq }) ?? true else { return nil }
                entries += list
            }
            entries.sort { $0.seq < $1.seq }
            guard let own = ScopeIndex.lines(entries, log) else { return nil }
            // Merge the two seq-ordered lists.
            var out: [Record] = []
            out.reserveCapacity(own.count + global.count)
            var i = 0, j = 0
            while i < own.count || j < global.count {
                if j == global.count || (i < own.count && own[i].seq < global[j].seq) { out.append(own[i]); i += 1 } else { out.append(global[j]); j += 1 }
            }
            return out
        }
    }

    /// Calls `body` with the city divided into parts of about `recordsPerPart` records (whole groups; a group larger
    /// than that is a part of its own), in block (community id) order: every community's group, or with `streets`
    /// those of communities ever registered on one of them. The index is used only stamped at the log's head: when
    /// records follow its stamp (after verifying them, with the acknowledged-head check) they are merged into it
    /// (`merge`; rebuilt from the log when they cannot be merged exactly); when it is missing or unusable it is
    /// rebuilt from the log first (with a `notice` for an unusable one). When `body` returns nil (a
    /// part did not match its index) the index is rebuilt and `body` called once more.
    /// - Returns: nil when the index cannot serve: an empty log, a ledger whose index cannot be written, an
    ///   acknowledged head inside the indexed prefix, or damage twice. The caller reads the whole log then.
    public static func withCity<T>(_ directory: LedgerDirectory, streets: Set<String>? = nil, recordsPerPart: Int = 65_536,
                                   _ body: (City) throws(ChainError) -> T?) throws(ChainError) -> T? {
        var notice: String? = nil
        var merged = false
        for attempt in 0..<4 {
            var problem: Problem? = nil
            var usable: Opened? = nil
            var found: Opened? = nil
            do { found = try open(directory) } catch { problem = error.derivedStateProblem }
            if let opened = found {
                let delta: [DeltaItem]
                do { delta = try readDelta(opened, directory).items } catch .resumeBeforeAcknowledged { return nil }
                if delta.isEmpty {
                    usable = opened
                } else if !merged {
                    // Records after the stamp: merged into the index (ledger-spec.md 15.5, "Catching up"), not
                    // rebuilt from the whole log, unless they cannot be merged exactly.
                    merged = true
                    switch merge(opened, directory, delta: delta) {
                    case .merged: continue
                    case .rebuild: break
                    case .damaged(let why): problem = .damaged(why)
                    }
                }
            }
            if let opened = usable {
                let log: PosixFile
                do { log = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw ChainError.file(error) }
                defer { log.close() }
                // The whole table (every community's streets and block), every part checked.
                if let table = try? opened.wholeTable() {
                    var parts: [[Int]] = [], part: [Int] = [], size: Int64 = 0
                    var chosen = Set<Int>()
                    for row in table.communities where streets.map({ s in row.streets.contains(where: s.contains) }) ?? true {
                        chosen.insert(row.block)
                    }
                    for b in chosen.sorted() where b != table.globalBlock {
                        part.append(b); size += table.blocks[b].count
                        if size >= Int64(recordsPerPart) { parts.append(part); part = []; size = 0 }
                    }
                    if !part.isEmpty { parts.append(part) }
                    if let entries = opened.entries(table.globalBlock), let global = lines(entries, log) {
                        let city = City(opened: opened, log: log, global: global, parts: parts, totalRecordCount: opened.header.stamp.seq,
                                        headHash: opened.header.stamp.hash, notice: notice)
                        if let answer = try body(city) { return answer }
                    }
                    problem = .damaged(.blockOrLineDiffers)
                } else {
                    problem = .damaged(.checksum(.table))
                }
            }
            guard attempt < 3 else { return nil }
            if let problem { notice = SystemWords.rebuilt(fileName, in: directory, problem) }
            guard try rebuild(directory) else { return nil }
        }
        return nil
    }

    /// The records at `entries` (in seq order), each line read by position and checked against its stored hash, seq
    /// and type code; nil at the first that does not match.
    static func lines(_ entries: [Entry], _ log: PosixFile) -> [Record]? {
        var records: [Record] = []
        records.reserveCapacity(entries.count)
        let hasher = SHA256()
        var buffer: [UInt8] = []
        for entry in entries {
            do { try log.read(at: entry.offset, count: Int(entry.count), into: &buffer) } catch { return nil }
            // The hash member (`{"hash":"` + 64 hex + `",`) must be there, as `hashedBytesDigest` needs.
            guard buffer.count == Int(entry.count), buffer.count > 75,
                  RecordCodec.hashedBytesDigest(line: buffer[...], hasher: hasher) == entry.hash,
                  let record = try? RecordCodec.decode(line: buffer[...]), record.seq == entry.seq, record.hash == entry.hash,
                  typeCode(record.type) == entry.code else { return nil }
            records.append(record)
        }
        return records
    }
}
