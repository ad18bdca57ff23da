import LedgerChain
import LedgerEvents
import LedgerPlatform

extension ScopeIndex {
    /// What a whole-city list's file (`CityListState`: `index/communities.state`, `assets.state`, `contracts.state`,
    /// `decisions.state`, ledger-spec.md 15.11, 15.12) needs to bring itself from its stamp (`after`) to the log's
    /// head by refolding only the community groups the records after it join: as `refold(_:after:maxRecords:)`
    /// gives for `index/rectify.state`, except that the index may also be stamped **after** the state (a scoped
    /// query or a whole-city `rectify` caught it up meanwhile). The state keeps one line per entity, not a unit
    /// per group, so groups the index has merged since are no matter: every line of a touched block's records is
    /// made again from the block's records. Records are then read from the earlier of the two stamps; those up to the
    /// index's stamp are in its blocks already, those after it are added to the blocks they join.
    /// Nil when they cannot be refolded alone (the caller folds the whole log): no usable index, more than
    /// `maxRecords` records read, or a record after `after` that joins the global block or no stored group (a new
    /// community, an erasure, a record of an unknown type). Nothing is rebuilt or written here: an index that cannot
    /// be used — damaged, foreign, of another version, out of step with the log — is said in `damaged` (review 47e
    /// #1: it was dropped without a word and stayed so until the next rebuild), for the caller's fold to rebuild it
    /// with the one-line notice of section 15.1.
    static func refoldCommunities(_ directory: LedgerDirectory, after: ResumePoint, maxRecords: Int,
                                  damaged: inout Problem?) throws(ChainError) -> Refold? {
        let opened: Opened
        do {
            guard let found = try open(directory) else { return nil }
            opened = found
        } catch {
            damaged = error.derivedStateProblem
            return nil
        }
        defer { opened.file.close() }
        let table: Table
        do { table = try opened.wholeTable() } catch {
            damaged = Self.problem(of: error)
            return nil
        }
        let indexed = opened.header.stamp.seq
        let from = indexed <= after.seq ? opened.resume : after
        let start = indexed <= after.seq ? opened.header.stamp : StateStamp(seq: after.seq, hash: after.hash, lineOffset: after.lineOffset,
                                                                            lineBytes: after.lineBytes)
        guard let (delta, head) = try Self.records(directory, from: from, head: start, maxRecords: maxRecords),
              let last = delta.last, last.record.seq > after.seq, head.seq == last.record.seq else { return nil }

        // Union–find over the records' keys and the stored blocks they fall in (as a scoped read does). A record up
        // to the index's stamp falls in its own block (every key it names is in the node table, with that block).
        var lookup = NodeLookup(opened)
        let groups: Grouping
        let anchors: [Int]
        do {
            guard let joined = try Grouping.joining(delta.map(\.links), &lookup) else { return nil }
            (groups, anchors) = joined
        } catch {
            // A page of the node table that does not match its sum (`NodeLookup` checks each as it reads it).
            damaged = Self.problem(of: error)
            return nil
        }
        // A record after the state's stamp must join stored community blocks (one, or several it or the records before
        // it merge: their communities are all made again), not the global block, and not be an erasure. A record up
        // to the state's stamp joining no such block stands in a group the later records do not touch (else they
        // would join no block either): its line and anomalies are the state's already, and it changes no community's.
        var finder = groups
        var blocksOfRoot: [Int: [Int]] = [:]
        for (i, e) in groups.elements.enumerated() {
            guard case .block(let b) = e else { continue }
            blocksOfRoot[finder.find(i), default: []].append(b)
        }
        var touched = Set<Int>()
        var touchedRoots = Set<Int>()
        var laterOfRoot: [Int: [Record]] = [:]
        for (item, anchor) in zip(delta, anchors) {
            let root = finder.find(anchor)
            if item.record.seq > after.seq {
                guard let blocks = blocksOfRoot[root], !blocks.contains(table.globalBlock), !item.links.isErasure else { return nil }
                touched.formUnion(blocks)
                touchedRoots.insert(root)
            }
            if item.record.seq > indexed { laterOfRoot[root, default: []].append(item.record) }
        }
        guard var (records, blockOfSeq) = try Self.storedRecords(directory, opened, blocks: touched.sorted(), upTo: indexed,
                                                                 damaged: &damaged)
        else { return nil }
        for root in touchedRoots {
            let block = blocksOfRoot[root]!.min()!
            for r in laterOfRoot[root] ?? [] { records.append(r); blockOfSeq[r.seq] = block }
        }
        records.sort { $0.seq < $1.seq }
        return Refold(records: records, blockOfSeq: blockOfSeq, touched: touched, table: table, head: head)
    }

    /// Why an error met reading the opened index makes it unusable, as `readRebuildingOnce` words it.
    static func problem(of error: any Error) -> Problem {
        if let damaged = error as? Damaged { return .damaged(damaged.why) }
        if let chain = error as? ChainError { return chain.derivedStateProblem }
        return .damaged(.of(error))
    }
}
