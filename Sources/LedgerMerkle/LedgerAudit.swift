import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The auditor-facing operations over a ledger directory: make a signed checkpoint, check checkpoints against
/// the log, make and check proof bundles. The CLI is a thin front over these.
public enum LedgerAudit {
    /// One scan of the log computing its Merkle root, the roots and consistency proofs for given sizes, and the
    /// record hashes at those sizes. Everything comes from the log; no index is read.
    public struct LogTree: Sendable {
        /// The chain scan's result (record count, head, torn tail, first failure).
        public let summary: ScanSummary
        /// RFC 6962 root of the committed records.
        public let root: Digest32
        /// Root at each requested size that the log reached.
        public let roots: [UInt64: Digest32]
        /// Hash of record `size` for each requested size the log reached.
        public let heads: [UInt64: Digest32]
        /// Consistency proof from each requested size (1 ≤ size ≤ record count) to the record count.
        public let proofs: [UInt64: [Digest32]]
        /// `recorded_at` of record `size` for each requested size the log reached: a checkpoint of that size
        /// cannot have been signed before it.
        public let headRecordedAt: [UInt64: Timestamp]
        /// `recorded_at` of the last committed record (nil for an empty log).
        public let lastRecordedAt: Timestamp?
    }

    /// Scans events.jsonl once (LogScanner: every chain check) and computes the tree.
    /// - Complexity: one pass over the log, O(log n) memory.
    public static func scanTree(_ ledger: LedgerDirectory, sizes: [UInt64] = []) throws(ChainError) -> LogTree {
        let merkle = MerkleHasher()
        var stream = StreamingProofs(from: sizes, hasher: merkle)
        let wanted = Set(sizes)
        var heads: [UInt64: Digest32] = [:]
        var headTimes: [UInt64: Timestamp] = [:]
        var lastRecordedAt: Timestamp? = nil
        let summary = try LogScanner.scan(ledger) { (line: VerifiedLine) throws(ChainError) in
            stream.append(leafHash: merkle.leafHash(recordHash: line.hash))
            if line.location.seq == line.batchLast {
                stream.markCommitted()
                lastRecordedAt = line.recordedAt
            }
            if wanted.contains(UInt64(line.location.seq)) {
                heads[UInt64(line.location.seq)] = line.hash
                headTimes[UInt64(line.location.seq)] = line.recordedAt
            }
        }
        precondition(stream.committedCount == UInt64(summary.recordCount), "the tree and the chain disagree on the committed size")
        let count = UInt64(summary.recordCount)
        var roots: [UInt64: Digest32] = [:]
        var proofs: [UInt64: [Digest32]] = [:]
        for size in wanted where size <= count {
            roots[size] = stream.root(size: size)
            if size >= 1 { proofs[size] = try? stream.consistencyProof(from: size) }
        }
        // An acknowledged-record failure keeps every committed record (its tree is the whole log); any other failure
        // ends the committed records at the last whole batch before it, whose last line `lastRecordedAt` holds.
        return LogTree(summary: summary, root: stream.committedRoot, roots: roots,
                       heads: heads.filter { $0.key <= count }, proofs: proofs,
                       headRecordedAt: headTimes.filter { $0.key <= count }, lastRecordedAt: count == 0 ? nil : lastRecordedAt)
    }

    /// Verifies the whole log and signs a checkpoint of its committed records (a torn tail is not included).
    public static func makeCheckpoint(_ ledger: LedgerDirectory, key: SignerKey, time: Timestamp) throws(AuditError) -> (Checkpoint, [UInt8]) {
        guard Checkpoint.isValidOrigin(ledger.name) else { throw .refused(.badOrigin(name: ledger.name)) }
        let tree: LogTree
        do { tree = try scanTree(ledger) } catch { throw .chain(error) }
        if let failure = tree.summary.failure { throw .refused(.integrity(failure)) }
        guard tree.summary.recordCount > 0 else { throw .refused(.empty) }
        // A checkpoint states the log as it was at its time: one older than its own last record is false.
        if let recordedAt = tree.lastRecordedAt, time < recordedAt {
            throw .refused(.timeBeforeHead(time: time, seq: tree.summary.recordCount, recordedAt: recordedAt))
        }
        let checkpoint = Checkpoint(origin: ledger.name, size: UInt64(tree.summary.recordCount), root: tree.root,
                                    head: tree.summary.headHash, time: time)
        return (checkpoint, checkpoint.signed(by: [key]))
    }

    /// The outcome of checking one checkpoint against the log.
    public struct CheckpointResult: Sendable {
        public let file: String
        public let checkpoint: Checkpoint
        /// Nil when the log is an append-only extension of the checkpoint; otherwise what is wrong.
        public let problem: Divergence?
        /// The verified consistency proof from the checkpoint's size to the log's size (empty when equal).
        public let proof: [Digest32]
    }

    /// Checks already-opened (signature-verified) checkpoints against one scan of the log: same ledger, log not
    /// shorter, root at the checkpoint's size equal to the signed root, head record equal, and an RFC 6962
    /// consistency proof from the checkpoint to the current tree that verifies.
    public static func checkCheckpoints(_ ledger: LedgerDirectory, _ checkpoints: [(file: String, checkpoint: Checkpoint)]) throws(ChainError) -> (LogTree, [CheckpointResult]) {
        let tree = try scanTree(ledger, sizes: checkpoints.map { $0.checkpoint.size })
        let n = UInt64(tree.summary.recordCount)
        let merkle = MerkleHasher()
        var results: [CheckpointResult] = []
        for (file, cp) in checkpoints {
            func fail(_ problem: Divergence) { results.append(CheckpointResult(file: file, checkpoint: cp, problem: problem, proof: [])) }
            guard Bytes.sameUTF8(cp.origin, ledger.name) else {
                fail(.otherLedger(origin: cp.origin, ledger: ledger.name))
                continue
            }
            if cp.size > n {
                fail(.shorter(size: cp.size, count: n, breaksAt: tree.summary.failure?.seq))
                continue
            }
            // `Checkpoint.parse` refuses size 0; a value built in code is refused here alike (it would prove nothing).
            guard cp.size >= 1 else {
                fail(.empty)
                continue
            }
            let oldRoot = tree.roots[cp.size]!
            guard oldRoot == cp.root else {
                fail(.historyRewritten(size: cp.size, logRoot: oldRoot, signedRoot: cp.root, time: cp.time))
                continue
            }
            guard tree.heads[cp.size] == cp.head else {
                fail(.headDiffers(size: cp.size, found: tree.heads[cp.size], signed: cp.head))
                continue
            }
            let proof = tree.proofs[cp.size] ?? []
            do {
                try MerkleVerifier.verifyConsistency(size1: cp.size, size2: n, proof: proof, root1: cp.root, root2: tree.root, hasher: merkle)
            } catch {
                fail(.proofFails(fromSize: cp.size, toSize: n, error))
                continue
            }
            results.append(CheckpointResult(file: file, checkpoint: cp, problem: nil, proof: proof))
        }
        return (tree, results)
    }

    /// Why the log is not an append-only extension of a checkpoint (`CheckpointResult.problem`); the words are
    /// `AuditWords.divergence`.
    public enum Divergence: Equatable, Sendable, CustomStringConvertible {
        /// The checkpoint is of ledger `origin`, not this `ledger`.
        case otherLedger(origin: String, ledger: String)
        /// The log has only `count` records of the checkpoint's `size`; `breaksAt` is the seq where its chain breaks.
        case shorter(size: UInt64, count: UInt64, breaksAt: Int64?)
        /// A checkpoint of size 0 (built in code; `Checkpoint.parse` refuses one).
        case empty
        /// The log's first `size` records have another root than the one signed at `time`.
        case historyRewritten(size: UInt64, logRoot: Digest32, signedRoot: Digest32, time: Timestamp)
        /// Record `size` has hash `found`, not the signed head.
        case headDiffers(size: UInt64, found: Digest32?, signed: Digest32)
        /// The consistency proof from the checkpoint to the log does not verify.
        case proofFails(fromSize: UInt64, toSize: UInt64, AuditError)

        public var description: String { AuditWords.divergence(self).en }
    }

    /// Makes a proof bundle for record `seq` against `checkpoint` (which must be of this ledger and cover seq).
    /// Uses the index (O(log n) reads), rebuilding it once if its proof does not reach the signed root; when the
    /// index cannot be used (a read-only copy, a link refused) or even the rebuilt one misses the root, it falls
    /// back to one scan of the log, which alone decides a mismatch. The proof is verified against the
    /// checkpoint's root before it is returned.
    public static func prove(_ ledger: LedgerDirectory, seq: Int64, checkpointNote: [UInt8], checkpointFile: String,
                             notice: (String) -> Void = { _ in }) throws(AuditError) -> ProofBundle {
        try prove(ledger, seqs: [seq], checkpointNote: checkpointNote, checkpointFile: checkpointFile, notice: notice)[0]
    }

    /// Proof bundles for several records against one checkpoint, in the order of `seqs`, from one use of the
    /// index (or one scan of the log); each proof is verified against the signed root before it is returned.
    /// - Complexity: O(k log n) index reads for k records.
    public static func prove(_ ledger: LedgerDirectory, seqs: [Int64], checkpointNote: [UInt8], checkpointFile: String,
                             notice: (String) -> Void = { _ in }) throws(AuditError) -> [ProofBundle] {
        let cp = try checkpointOfLedger(ledger, checkpointNote, checkpointFile)
        for seq in seqs where seq < 1 || UInt64(seq) > cp.size {
            throw .refused(.notCovered(seq: seq, file: checkpointFile, size: cp.size))
        }
        let merkle = MerkleHasher()
        return try onTree(ledger, cp, checkpointFile, lines: Set(seqs), notice: notice) { (source, line) throws(AuditError) -> [ProofBundle]? in
            var bundles: [ProofBundle] = []
            bundles.reserveCapacity(seqs.count)
            for seq in seqs {
                let (text, record) = try line(seq)
                let proof = try MerkleTree.inclusionProof(index: UInt64(seq - 1), size: cp.size, source: source, hasher: merkle)
                let leaf = merkle.leafHash(recordHash: record.hash)
                guard (try? MerkleVerifier.verifyInclusion(index: UInt64(seq - 1), size: cp.size, leafHash: leaf, proof: proof,
                                                           root: cp.root, hasher: merkle)) != nil else { return nil }
                bundles.append(ProofBundle(recordLine: text, seq: seq, inclusionProof: proof, checkpointNote: checkpointNote,
                                           treeSize: cp.size, leafHash: leaf))
            }
            return bundles
        }
    }

    /// The RFC 6962 consistency proof from the log's first `fromSize` records to the checkpoint (empty when
    /// `fromSize` is 0 or the checkpoint's size), checked against the signed root before it is returned.
    public static func consistencyProof(_ ledger: LedgerDirectory, fromSize: UInt64, checkpointNote: [UInt8], checkpointFile: String,
                                        notice: (String) -> Void = { _ in }) throws(AuditError) -> [Digest32] {
        let cp = try checkpointOfLedger(ledger, checkpointNote, checkpointFile)
        guard fromSize <= cp.size else {
            throw .refused(.consistencyFromLarger(fromSize: fromSize, file: checkpointFile, size: cp.size))
        }
        let merkle = MerkleHasher()
        return try onTree(ledger, cp, checkpointFile, lines: [], notice: notice) { (source, _) throws(AuditError) -> [Digest32]? in
            guard try MerkleTree.root(size: cp.size, source: source, hasher: merkle) == cp.root else { return nil }
            guard fromSize >= 1, fromSize < cp.size else { return [] }
            let proof = try MerkleTree.consistencyProof(size1: fromSize, size2: cp.size, source: source, hasher: merkle)
            let oldRoot = try MerkleTree.root(size: fromSize, source: source, hasher: merkle)
            guard (try? MerkleVerifier.verifyConsistency(size1: fromSize, size2: cp.size, proof: proof, root1: oldRoot,
                                                         root2: cp.root, hasher: merkle)) != nil else { return nil }
            return proof
        }
    }

    /// Opens a checkpoint without its signature (whoever checks the proof checks that) and checks it is this
    /// ledger's.
    static func checkpointOfLedger(_ ledger: LedgerDirectory, _ note: [UInt8], _ file: String) throws(AuditError) -> Checkpoint {
        let cp = try Checkpoint.openUnverified(note, file: file)
        guard Bytes.sameUTF8(cp.origin, ledger.name) else {
            throw .refused(.otherLedger(file: file, origin: cp.origin, ledger: ledger.name))
        }
        return cp
    }

    /// A record line and its decoded record, by seq.
    typealias LineSource = (Int64) throws(AuditError) -> (line: [UInt8], record: Record)

    /// Runs `work` on the Merkle index, rebuilding the index once when `work` returns nil (its proof did not reach
    /// the signed root); when the index cannot be used (a read-only copy, a lock held by a long rebuild, a link
    /// refused) or even the rebuilt index misses the root, runs it on an in-memory tree of the first `cp.size`
    /// records from one scan of the log, keeping the lines of `lines`: only the log decides a mismatch.
    /// - Throws: `.mismatch` when the log itself does not match the checkpoint.
    static func onTree<T>(_ ledger: LedgerDirectory, _ cp: Checkpoint, _ checkpointFile: String, lines: Set<Int64>,
                          notice: (String) -> Void,
                          _ work: (any MerkleNodeSource, LineSource) throws(AuditError) -> T?) throws(AuditError) -> T {
        func attempt(_ index: MerkleIndex) -> T? {
            guard index.leafCount >= cp.size else { return nil }
            return (try? work(index) { (seq: Int64) throws(AuditError) in try index.recordLine(seq: seq) }) ?? nil
        }
        do {
            let (index, status) = try MerkleIndex.synchronize(ledger)
            if case .rebuilt(let reason) = status { notice(SystemWords.merkleRebuilt(AuditWords.indexDamage(reason), in: ledger) + "\n") }
            if let result = attempt(index) { return result }
            // The index may be stale or damaged: rebuild it from the log once and try again.
            try index.rebuildNow()
            notice(SystemWords.merkleRootNotReproduced(in: ledger) + "\n")
            if let result = attempt(index) { return result }
        } catch {
            // Unwritable (a read-only copy), locked by a long rebuild elsewhere, or unreadable: the index is only
            // a cache, so work from the log itself.
            notice(SystemWords.merkleUnusable(AuditWords.error(error), in: ledger) + "\n")
            return try onScannedTree(ledger, cp, checkpointFile, lines: lines, work)
        }
        // Even a rebuilt index did not reach the signed root. Usually the log itself does not match the checkpoint,
        // but an index damaged beyond what a rebuild repairs (its two files one inode, say) must never be the reason
        // for an integrity failure: the log alone decides.
        return try onScannedTree(ledger, cp, checkpointFile, lines: lines, work)
    }

    /// `onTree` without an index: one scan keeping the wanted record lines and an in-memory tree of the first
    /// `cp.size` leaf hashes (32 bytes per record).
    static func onScannedTree<T>(_ ledger: LedgerDirectory, _ cp: Checkpoint, _ checkpointFile: String, lines wanted: Set<Int64>,
                                 _ work: (any MerkleNodeSource, LineSource) throws(AuditError) -> T?) throws(AuditError) -> T {
        let merkle = MerkleHasher()
        var tree = InMemoryMerkleTree()
        var kept: [Int64: [UInt8]] = [:]
        let summary = try LogScanner.scan(path: ledger.eventsPath, stopAfterSeq: Int64(cp.size),
                                          failed: { (e: ChainError) -> AuditError in .chain(e) }) { (v: VerifiedLine) throws(AuditError) in
            guard UInt64(v.location.seq) <= cp.size else { return }
            tree.append(leafHash: merkle.leafHash(recordHash: v.hash), hasher: merkle)
            if wanted.contains(v.location.seq) { kept[v.location.seq] = Array(v.line) }
        }
        guard UInt64(summary.recordCount) >= cp.size, tree.leafCount >= cp.size else {
            throw .refused(.mismatch(file: checkpointFile, size: cp.size))
        }
        let lineSource: LineSource = { (seq: Int64) throws(AuditError) in
            guard let line = kept[seq] else { throw .merkle(.indexOutOfRange(index: UInt64(max(seq, 1) - 1), size: cp.size)) }
            do { return (line, try RecordCodec.decode(line: line[...])) } catch {
                throw .merkle(.indexOutOfRange(index: UInt64(seq - 1), size: cp.size))
            }
        }
        let outcome: T?
        outcome = try work(tree, lineSource)
        guard let outcome else { throw .refused(.mismatch(file: checkpointFile, size: cp.size)) }
        return outcome
    }
}
