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
    }

    /// Scans events.jsonl once (LogScanner: every chain check) and computes the tree.
    /// - Complexity: one pass over the log, O(log n) memory.
    public static func scanTree(_ ledger: LedgerDirectory, sizes: [UInt64] = []) throws(ChainError) -> LogTree {
        let merkle = MerkleHasher()
        var stream = StreamingProofs(from: sizes, hasher: merkle)
        let wanted = Set(sizes)
        var heads: [UInt64: Digest32] = [:]
        let result = LogScanner.scan(ledger) { (line: VerifiedLine) throws(Never) in
            stream.append(leafHash: merkle.leafHash(recordHash: line.hash))
            if line.location.seq == line.batchLast { stream.markCommitted() }
            if wanted.contains(UInt64(line.location.seq)) { heads[UInt64(line.location.seq)] = line.hash }
        }
        let summary: ScanSummary
        switch result {
        case .success(let s): summary = s
        case .failure(let e): throw e
        }
        precondition(stream.committedCount == UInt64(summary.recordCount), "the tree and the chain disagree on the committed size")
        let count = UInt64(summary.recordCount)
        var roots: [UInt64: Digest32] = [:]
        var proofs: [UInt64: [Digest32]] = [:]
        for size in wanted where size <= count {
            roots[size] = stream.root(size: size)
            if size >= 1 { proofs[size] = try? stream.consistencyProof(from: size) }
        }
        return LogTree(summary: summary, root: stream.committedRoot, roots: roots,
                       heads: heads.filter { $0.key <= count }, proofs: proofs)
    }

    /// Why a checkpoint could not be made.
    public enum CheckpointRefusal: Error, Equatable, CustomStringConvertible {
        case empty
        case integrity(IntegrityFailure)
        case chain(ChainError)
        case badOrigin(String)

        public var description: String {
            switch self {
            case .empty: return "the ledger has no records yet; there is nothing to sign"
            case .integrity(let failure): return "the log fails verification, so it is not signed: \(failure)"
            case .chain(let error): return error.description
            case .badOrigin(let name): return "the ledger name \"\(name)\" cannot be a checkpoint origin (it must be one line of text)"
            }
        }
    }

    /// Verifies the whole log and signs a checkpoint of its committed records (a torn tail is not included).
    public static func makeCheckpoint(_ ledger: LedgerDirectory, key: SignerKey, time: Timestamp) throws(CheckpointRefusal) -> (Checkpoint, [UInt8]) {
        guard Checkpoint.isValidOrigin(ledger.name) else { throw .badOrigin(ledger.name) }
        let tree: LogTree
        do { tree = try scanTree(ledger) } catch { throw .chain(error) }
        if let failure = tree.summary.failure { throw .integrity(failure) }
        guard tree.summary.recordCount > 0 else { throw .empty }
        let checkpoint = Checkpoint(origin: ledger.name, size: UInt64(tree.summary.recordCount), root: tree.root,
                                    head: tree.summary.headHash, time: time)
        return (checkpoint, checkpoint.signed(by: [key]))
    }

    /// The outcome of checking one checkpoint against the log.
    public struct CheckpointResult: Sendable {
        public let file: String
        public let checkpoint: Checkpoint
        /// Nil when the log is an append-only extension of the checkpoint; otherwise what is wrong.
        public let problem: String?
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
            func fail(_ text: String) { results.append(CheckpointResult(file: file, checkpoint: cp, problem: text, proof: [])) }
            guard cp.origin == ledger.name else {
                fail("the checkpoint is for ledger \"\(cp.origin)\" but this ledger is \"\(ledger.name)\"; use the checkpoint of this ledger")
                continue
            }
            if cp.size > n {
                let why = tree.summary.failure.map { " (the log's chain breaks at record \($0.seq))" } ?? ""
                let missing = n + 1 == cp.size ? "record \(cp.size) was" : "records \(n + 1)…\(cp.size) were"
                fail("the checkpoint covers \(cp.size) records but the log now has only \(n)\(why): \(missing) removed or damaged after the checkpoint was signed")
                continue
            }
            // `Checkpoint.parse` refuses size 0; a value built in code is refused here alike (it would prove nothing).
            guard cp.size >= 1 else {
                fail("the checkpoint covers no records; a checkpoint of size 0 proves nothing and is never accepted")
                continue
            }
            let oldRoot = tree.roots[cp.size]!
            guard oldRoot == cp.root else {
                fail("HISTORY REWRITTEN: the log's first \(cp.size) records have root \(oldRoot.hex), but the checkpoint signed at \(cp.time) has root \(cp.root.hex). At least one record among 1…\(cp.size) was changed, removed, inserted or reordered after the checkpoint, even though the hash chain itself may be intact")
                continue
            }
            guard tree.heads[cp.size] == cp.head else {
                fail("record \(cp.size) has hash \(tree.heads[cp.size]?.hex ?? "?") but the checkpoint's head is \(cp.head.hex)")
                continue
            }
            let proof = tree.proofs[cp.size] ?? []
            do {
                try MerkleVerifier.verifyConsistency(size1: cp.size, size2: n, proof: proof, root1: cp.root, root2: tree.root, hasher: merkle)
            } catch {
                fail("the consistency proof from \(cp.size) to \(n) records does not verify: \(error)")
                continue
            }
            results.append(CheckpointResult(file: file, checkpoint: cp, problem: nil, proof: proof))
        }
        return (tree, results)
    }

    /// Why a bundle or a consistency proof could not be made. The first four cases are requests that cannot be
    /// met (a wrong checkpoint or seq); `.mismatch` means the log no longer matches what the checkpoint signed.
    public enum ProveRefusal: Error, CustomStringConvertible {
        /// The checkpoint file could not be read as a checkpoint.
        case unreadableCheckpoint(AuditError)
        /// The checkpoint `file` names ledger `origin`, not this ledger `ledger`.
        case otherLedger(file: String, origin: String, ledger: String)
        /// Record `seq` lies outside the `size` records `file` covers.
        case notCovered(seq: Int64, file: String, size: UInt64)
        /// A consistency proof was asked from `fromSize` records, more than the `size` of `file`.
        case consistencyFromLarger(fromSize: UInt64, file: String, size: UInt64)
        /// The log's first `size` records are not the ones checkpoint `file` signed (or the log is shorter).
        case mismatch(file: String, size: UInt64)
        case chain(ChainError)
        case merkle(MerkleError)

        public var description: String {
            switch self {
            case .unreadableCheckpoint(let e): return e.description
            case let .otherLedger(file, origin, ledger):
                return "\(file) is a checkpoint of ledger \"\(origin)\", not of this ledger \"\(ledger)\""
            case let .notCovered(seq, file, size):
                return "record \(seq) is not covered by \(file), which covers records 1…\(size); make a newer checkpoint first"
            case let .consistencyFromLarger(fromSize, file, size):
                return "a consistency proof goes from a smaller tree to a larger one, but \(fromSize) is more than the \(size) records of \(file)"
            case let .mismatch(file, size):
                return "the log does not match \(file): its first \(size) records are not the ones that checkpoint signed (or the log is shorter)."
            case .chain(let e): return e.description
            case .merkle(let e): return e.description
            }
        }
    }

    /// Makes a proof bundle for record `seq` against `checkpoint` (which must be of this ledger and cover seq).
    /// Uses the index (O(log n) reads), rebuilding it once if its proof does not reach the signed root; when the
    /// index cannot be used (a read-only copy, a link refused) or even the rebuilt one misses the root, it falls
    /// back to one scan of the log, which alone decides a mismatch. The proof is verified against the
    /// checkpoint's root before it is returned.
    public static func prove(_ ledger: LedgerDirectory, seq: Int64, checkpointNote: [UInt8], checkpointFile: String,
                             notice: (String) -> Void = { _ in }) throws(ProveRefusal) -> ProofBundle {
        try prove(ledger, seqs: [seq], checkpointNote: checkpointNote, checkpointFile: checkpointFile, notice: notice)[0]
    }

    /// Proof bundles for several records against one checkpoint, in the order of `seqs`, from one use of the
    /// index (or one scan of the log); each proof is verified against the signed root before it is returned.
    /// - Complexity: O(k log n) index reads for k records.
    public static func prove(_ ledger: LedgerDirectory, seqs: [Int64], checkpointNote: [UInt8], checkpointFile: String,
                             notice: (String) -> Void = { _ in }) throws(ProveRefusal) -> [ProofBundle] {
        let cp = try checkpointOfLedger(ledger, checkpointNote, checkpointFile)
        for seq in seqs where seq < 1 || UInt64(seq) > cp.size {
            throw .notCovered(seq: seq, file: checkpointFile, size: cp.size)
        }
        let merkle = MerkleHasher()
        return try onTree(ledger, cp, checkpointFile, lines: Set(seqs), notice: notice) { (source, line) throws(MerkleError) -> [ProofBundle]? in
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
                                        notice: (String) -> Void = { _ in }) throws(ProveRefusal) -> [Digest32] {
        let cp = try checkpointOfLedger(ledger, checkpointNote, checkpointFile)
        guard fromSize <= cp.size else {
            throw .consistencyFromLarger(fromSize: fromSize, file: checkpointFile, size: cp.size)
        }
        let merkle = MerkleHasher()
        return try onTree(ledger, cp, checkpointFile, lines: [], notice: notice) { (source, _) throws(MerkleError) -> [Digest32]? in
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
    static func checkpointOfLedger(_ ledger: LedgerDirectory, _ note: [UInt8], _ file: String) throws(ProveRefusal) -> Checkpoint {
        let cp: Checkpoint
        do { cp = try Checkpoint.openUnverified(note, file: file) } catch { throw .unreadableCheckpoint(error) }
        guard cp.origin == ledger.name else {
            throw .otherLedger(file: file, origin: cp.origin, ledger: ledger.name)
        }
        return cp
    }

    /// A record line and its decoded record, by seq.
    typealias LineSource = (Int64) throws(MerkleError) -> (line: [UInt8], record: Record)

    /// Runs `work` on the Merkle index, rebuilding the index once when `work` returns nil (its proof did not reach
    /// the signed root); when the index cannot be used (a read-only copy, a lock held by a long rebuild, a link
    /// refused) or even the rebuilt index misses the root, runs it on an in-memory tree of the first `cp.size`
    /// records from one scan of the log, keeping the lines of `lines`: only the log decides a mismatch.
    /// - Throws: `.mismatch` when the log itself does not match the checkpoint.
    static func onTree<T>(_ ledger: LedgerDirectory, _ cp: Checkpoint, _ checkpointFile: String, lines: Set<Int64>,
                          notice: (String) -> Void,
                          _ work: (any MerkleNodeSource, LineSource) throws(MerkleError) -> T?) throws(ProveRefusal) -> T {
        func attempt(_ index: MerkleIndex) -> T? {
            guard index.leafCount >= cp.size else { return nil }
            return (try? work(index) { (seq: Int64) throws(MerkleError) in try index.recordLine(seq: seq) }) ?? nil
        }
        do {
            let (index, status) = try MerkleIndex.synchronize(ledger)
            if case .rebuilt(let reason) = status { notice(SystemWords.merkleRebuilt(reason, in: ledger) + "\n") }
            if let result = attempt(index) { return result }
            // The index may be stale or damaged: rebuild it from the log once and try again.
            try index.rebuildNow()
            notice(SystemWords.merkleRootNotReproduced(in: ledger) + "\n")
            if let result = attempt(index) { return result }
        } catch {
            // Unwritable (a read-only copy), locked by a long rebuild elsewhere, or unreadable: the index is only
            // a cache, so work from the log itself.
            notice(SystemWords.merkleUnusable("\(error)", in: ledger) + "\n")
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
                                 _ work: (any MerkleNodeSource, LineSource) throws(MerkleError) -> T?) throws(ProveRefusal) -> T {
        let merkle = MerkleHasher()
        var tree = InMemoryMerkleTree()
        var kept: [Int64: [UInt8]] = [:]
        let result = LogScanner.scan(path: ledger.eventsPath, stopAfterSeq: Int64(cp.size)) { (v: VerifiedLine) throws(Never) in
            guard UInt64(v.location.seq) <= cp.size else { return }
            tree.append(leafHash: merkle.leafHash(recordHash: v.hash), hasher: merkle)
            if wanted.contains(v.location.seq) { kept[v.location.seq] = Array(v.line) }
        }
        switch result {
        case .success(let summary):
            guard UInt64(summary.recordCount) >= cp.size, tree.leafCount >= cp.size else {
                throw .mismatch(file: checkpointFile, size: cp.size)
            }
        case .failure(let e): throw .chain(e)
        }
        let lineSource: LineSource = { (seq: Int64) throws(MerkleError) in
            guard let line = kept[seq] else { throw .indexOutOfRange(index: UInt64(max(seq, 1) - 1), size: cp.size) }
            do { return (line, try RecordCodec.decode(line: line[...])) } catch {
                throw .indexOutOfRange(index: UInt64(seq - 1), size: cp.size)
            }
        }
        let outcome: T?
        do { outcome = try work(tree, lineSource) } catch { throw .merkle(error) }
        guard let outcome else { throw .mismatch(file: checkpointFile, size: cp.size) }
        return outcome
    }
}
