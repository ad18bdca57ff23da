import LedgerPlatform

/// Computes tree heads and consistency proofs during one pass over the leaves, in O(log n) memory and with no
/// index: used by `ledger verify --checkpoint`, which must recompute everything from the log itself, and whose
/// final size is known only at the end of the scan.
///
/// Every hash of PROOF(m, D[0:n]) is a node of the old tree's compact range (its peaks at size m), a peak of
/// the new tree at size n, or the right sibling of an ancestor of leaf m − 1. The first and third kinds are
/// caught as the stream passes them; the second is the compact range at the end.
public struct StreamingProofs {
    struct NodeKey: Hashable { let level: Int; let index: UInt64 }

    private let watched: Set<UInt64>
    private var wanted: Set<NodeKey> = []
    private var captured: [NodeKey: Digest32] = [:]
    private var roots: [UInt64: Digest32] = [:]
    private var range = CompactRange()
    private var committed = CompactRange()
    private let hasher: MerkleHasher

    /// Plans consistency proofs (and roots) from each size in `from` to whatever size the stream ends at.
    public init(from sizes: [UInt64], hasher: MerkleHasher) {
        self.hasher = hasher
        self.watched = Set(sizes)
        for m in sizes where m >= 1 {
            for h in 0..<63 {
                let ancestor = (m - 1) >> UInt64(h)
                if ancestor & 1 == 0 { wanted.insert(NodeKey(level: h, index: ancestor + 1)) }
            }
        }
        if watched.contains(0) { roots[0] = MerkleHasher.emptyRoot }
    }

    /// Leaves fed so far.
    public var leafCount: UInt64 { range.leafCount }

    /// Leaves up to the last `markCommitted()`.
    public var committedCount: UInt64 { committed.leafCount }

    /// Feeds the next leaf hash.
    public mutating func append(leafHash: Digest32) {
        var found: [(NodeKey, Digest32)] = []
        let want = wanted
        range.append(leafHash: leafHash, hasher: hasher) { (level, index, hash) throws(Never) in
            let key = NodeKey(level: level, index: index)
            if want.contains(key) { found.append((key, hash)) }
        }
        for (key, hash) in found { captured[key] = hash }
        if watched.contains(range.leafCount) {
            roots[range.leafCount] = range.root(hasher: hasher)
            for peak in TreeMath.perfectSubtrees(start: 0, count: range.leafCount).enumerated() {
                captured[NodeKey(level: peak.element.level, index: peak.element.index)] = range.peaks[peak.offset].hash
            }
        }
    }

    /// Marks the leaves fed so far as the committed log (the end of a batch); leaves after it may still be dropped.
    public mutating func markCommitted() { committed = range }

    /// The root of the committed tree.
    public var committedRoot: Digest32 { committed.root(hasher: hasher) }

    /// The root at a watched size, once the stream reached it.
    public func root(size: UInt64) -> Digest32? { roots[size] }

    /// The consistency proof from watched size `size1` (≤ the committed size) to the committed size.
    public func consistencyProof(from size1: UInt64) throws(AuditError) -> [Digest32] {
        precondition(watched.contains(size1), "this proof was not planned")
        var nodes = captured
        for peak in TreeMath.perfectSubtrees(start: 0, count: committed.leafCount).enumerated() {
            nodes[NodeKey(level: peak.element.level, index: peak.element.index)] = committed.peaks[peak.offset].hash
        }
        return try MerkleTree.consistencyProof(size1: size1, size2: committed.leafCount,
                                               source: Sparse(leafCount: committed.leafCount, nodes: nodes), hasher: hasher)
    }

    /// Answers from captured nodes; a missing node is a planning bug.
    private struct Sparse: MerkleNodeSource {
        let leafCount: UInt64
        let nodes: [NodeKey: Digest32]
        func perfectSubtreeHash(level: Int, index: UInt64) throws(AuditError) -> Digest32 {
            guard let hash = nodes[NodeKey(level: level, index: index)] else {
                preconditionFailure("streaming proof plan missed node (\(level), \(index))")
            }
            return hash
        }
    }
}
