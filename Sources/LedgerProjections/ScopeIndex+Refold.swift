import LedgerChain
import LedgerEvents
import LedgerPlatform

extension ScopeIndex {
    /// What `index/rectify.state` needs to bring itself from its stamp to the log's head by refolding only the
    /// community groups the new records join (ledger-spec.md 15.8, "Refolding"): those groups' records (stored and
    /// after the index's stamp) with the global block's, the block of each, and the head.
    public struct Refold {
        /// The touched groups' records and the global block's, in seq order (with gaps).
        public let records: [Record]
        /// The block of each record read (the global block's records map to `globalBlock`).
        public let blockOfSeq: [Int64: Int]
        /// The stored blocks the records after `after` join, ascending.
        public let touched: [Int]
        /// The communities of each touched block (every community the index says was ever registered in it).
        public let communitiesOfBlock: [Int: [String]]
        /// The block of every community of the index.
        public let communityBlocks: [String: Int]
        public let globalBlock: Int
        /// Records in the whole committed log, and the head's stamp.
        public let totalRecordCount: Int64
        public let head: StateStamp

        /// The refold of `records` (their blocks in `blockOfSeq`), the blocks `touched` of `table` made again, up to
        /// `head`: each touched block's communities and every community's block, from the table.
        init(records: [Record], blockOfSeq: [Int64: Int], touched: Set<Int>, table: Table, head: StateStamp) {
            var communitiesOfBlock: [Int: [String]] = [:]
            var communityBlocks: [String: Int] = [:]
            for row in table.communities {
                communityBlocks[row.id] = row.block
                if touched.contains(row.block) { communitiesOfBlock[row.block, default: []].append(row.id) }
            }
            self.records = records; self.blockOfSeq = blockOfSeq; self.touched = touched.sorted()
            self.communitiesOfBlock = communitiesOfBlock; self.communityBlocks = communityBlocks
            self.globalBlock = table.globalBlock; self.totalRecordCount = head.seq; self.head = head
        }
    }

    /// The committed records from `from` to the head, read and verified, each with its links, and the stamp of the
    /// last batch (`head` when none is read); nil when there are more than `maxRecords` or `from` lies before the
    /// acknowledged head (only a full read can check those records). What a refold reads after a stamp.
    static func records(_ directory: LedgerDirectory, from: ResumePoint, head: StateStamp, maxRecords: Int) throws(ChainError)
        -> (records: [(record: Record, links: Links)], head: StateStamp)? {
        var delta: [(record: Record, links: Links)] = []
        var head = head
        var tooMany = false
        do {
            _ = try LogScanner.committedBatches(directory, from: from, prepare: { line -> (Record, Links, StateStamp?)? in
                guard !tooMany else { return nil }
                let record = try line.record()
                return (record, links(id: record.id, payload: record.payload), line.location.seq == line.batchLast ? StateStamp(line) : nil)
            }, batch: { items in
                for item in items {
                    delta.append((item.0, item.1))
                    if let stamp = item.2 { head = stamp }
                }
                if delta.count > maxRecords { tooMany = true }
            })
        } catch .resumeBeforeAcknowledged {
            return nil
        }
        return tooMany ? nil : (delta, head)
    }

    /// The records `blocks` and the global block hold (their entries, which must end by `stamp`), read from the log
    /// in seq order, with each one's block; nil when a block's entries cannot be read, run past `stamp`, or lead to
    /// a line that is not their record, each of which makes the index unusable: said in `damaged` (as a scoped read
    /// says it), for a caller that rebuilds it (review 49 #2: a block failing its checksum was folded around without
    /// a word and stayed damaged). What a refold reads of the groups it makes again.
    static func storedRecords(_ directory: LedgerDirectory, _ opened: Opened, blocks: [Int], upTo stamp: Int64,
                              damaged: inout Problem?) throws(ChainError) -> (records: [Record], blockOfSeq: [Int64: Int])? {
        let log: PosixFile
        do { log = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw ChainError.file(error) }
        defer { log.close() }
        var entries: [Entry] = []
        var blockOfSeq: [Int64: Int] = [:]
        for b in blocks + [opened.table.globalBlock] {
            guard let list = opened.entries(b) else {
                damaged = .damaged(.checksum(.nth(.block, b + 1)))
                return nil
            }
            guard list.last.map({ $0.seq <= stamp }) ?? true else {
                damaged = .damaged(.recordAfterStamp(block: b + 1))
                return nil
            }
            for e in list { blockOfSeq[e.seq] = b }
            entries += list
        }
        entries.sort { $0.seq < $1.seq }
        guard let records = lines(entries, log) else {
            damaged = .damaged(.blockOrLineDiffers)
            return nil
        }
        return (records, blockOfSeq)
    }

    /// The groups the records after seq `after` join, read for refolding; nil when they cannot be refolded alone
    /// (the caller makes the whole city's state instead): no usable index, an index stamped after `after` (its
    /// blocks may have merged groups the state keeps apart), more than `maxRecords` records after the index's
    /// stamp, or a record after `after` that joins two stored groups, the global block, or no stored group (a new
    /// community, an erasure, a record of an unknown type). Nothing is rebuilt or written here.
    public static func refold(_ directory: LedgerDirectory, after: Int64, maxRecords: Int) throws(ChainError) -> Refold? {
        guard let opened = try? open(directory), opened.header.stamp.seq <= after else { return nil }
        defer { opened.file.close() }
        guard let table = try? opened.wholeTable() else { return nil }
        guard let (delta, head) = try Self.records(directory, from: opened.resume, head: opened.header.stamp, maxRecords: maxRecords),
              let last = delta.last, last.record.seq > after, head.seq == last.record.seq else { return nil }

        // Union–find over the delta's keys and the stored blocks they fall in (as a scoped read does).
        var groups = Grouping()
        var lookup = NodeLookup(opened)
        var anchors: [Int] = []
        do {
            guard let joined = try Grouping.joining(delta.map(\.links), &lookup) else { return nil }
            (groups, anchors) = joined
        } catch {
            return nil
        }
        // Each delta record's group must hold exactly one stored block, not the global one.
        var blockOfRoot: [Int: Int] = [:]
        for (i, e) in groups.elements.enumerated() {
            guard case .block(let b) = e else { continue }
            if blockOfRoot.updateValue(b, forKey: groups.find(i)) != nil { return nil }
        }
        var touched = Set<Int>()
        var deltaOfBlock: [Int: [Record]] = [:]
        for (item, anchor) in zip(delta, anchors) {
            guard let b = blockOfRoot[groups.find(anchor)], b != table.globalBlock, !item.links.isErasure else { return nil }
            if item.record.seq > after { touched.insert(b) }
            deltaOfBlock[b, default: []].append(item.record)
        }
        // Not told here: without this refold the caller folds the whole city (the city lists say it, `refoldCommunities`).
        var unusable: Problem? = nil
        guard var (records, blockOfSeq) = try Self.storedRecords(directory, opened, blocks: touched.sorted(), upTo: opened.header.stamp.seq,
                                                                 damaged: &unusable)
        else { return nil }
        for b in touched { for r in deltaOfBlock[b] ?? [] { records.append(r); blockOfSeq[r.seq] = b } }
        records.sort { $0.seq < $1.seq }
        return Refold(records: records, blockOfSeq: blockOfSeq, touched: touched, table: table, head: head)
    }
}
