import LedgerPlatform

/// Where proofs get their hashes from: the hash of any perfect subtree (2^level leaves starting at leaf
/// `index << level`) that lies wholly inside the first `leafCount` leaves. The on-disk index and the in-memory
/// tree both provide this, so one proof generator serves both.
public protocol MerkleNodeSource {
    /// How many leaves the source holds.
    var leafCount: UInt64 { get }
    /// The hash of the perfect subtree at (`level`, `index`); level 0 is the leaf hashes.
    func perfectSubtreeHash(level: Int, index: UInt64) throws(AuditError) -> Digest32
}

/// RFC 6962 §2.1 tree heads and proofs computed from a `MerkleNodeSource`.
///
/// Every range the RFC recursion needs splits into at most log2(n) perfect subtrees, and only one range of each
/// proof is not itself perfect, so a proof costs O(log n) node reads — never a pass over the leaves.
public enum MerkleTree {
    /// `MTH(D[start:start+count])` for a range the RFC recursion produces (start aligned to the range's largest
    /// perfect subtree). Empty ranges have no hash here; the empty tree is handled by `root`.
    /// - Complexity: O(log count) node reads.
    public static func rangeHash(start: UInt64, count: UInt64, source: some MerkleNodeSource,
                                 hasher: MerkleHasher) throws(AuditError) -> Digest32 {
        precondition(count > 0, "an empty range has no Merkle hash")
        let parts = TreeMath.perfectSubtrees(start: start, count: count)
        // RFC 6962 splits at the largest power of two, so the leftmost perfect subtree is the left child at every
        // step: fold from the right.
        var hash = try source.perfectSubtreeHash(level: parts[parts.count - 1].level, index: parts[parts.count - 1].index)
        var position = parts.count - 2
        while position >= 0 {
            let left = try source.perfectSubtreeHash(level: parts[position].level, index: parts[position].index)
            hash = hasher.nodeHash(left, hash)
            position -= 1
        }
        return hash
    }

    /// The tree head `MTH(D[0:size])`; the empty tree's head is SHA-256("").
    /// - Throws: `.sizeBeyondTree` when the source holds fewer than `size` leaves.
    public static func root(size: UInt64, source: some MerkleNodeSource, hasher: MerkleHasher) throws(AuditError) -> Digest32 {
        guard size <= source.leafCount else { throw .merkle(.sizeBeyondTree(requested: size, available: source.leafCount)) }
        if size == 0 { return MerkleHasher.emptyRoot }
        return try rangeHash(start: 0, count: size, source: source, hasher: hasher)
    }

    /// The audit path `PATH(index, D[0:size])` of RFC 6962 §2.1.1, leaf-side hash first.
    /// - Throws: `.indexOutOfRange` unless index < size; `.sizeBeyondTree` when the source is too small.
    /// - Complexity: O(log size) node reads.
    public static func inclusionProof(index: UInt64, size: UInt64, source: some MerkleNodeSource,
                                      hasher: MerkleHasher) throws(AuditError) -> [Digest32] {
        guard index < size else { throw .merkle(.indexOutOfRange(index: index, size: size)) }
        guard size <= source.leafCount else { throw .merkle(.sizeBeyondTree(requested: size, available: source.leafCount)) }
        var topDown: [Digest32] = []
        var start: UInt64 = 0, count = size, m = index
        while count > 1 {
            let k = TreeMath.splitPoint(count)
            if m < k {
                topDown.append(try rangeHash(start: start + k, count: count - k, source: source, hasher: hasher))
                count = k
            } else {
                topDown.append(try source.perfectSubtreeHash(level: k.trailingZeroBitCount, index: start >> k.trailingZeroBitCount))
                start += k
                m -= k
                count -= k
            }
        }
        return topDown.reversed()
    }

    /// The consistency proof `PROOF(size1, D[0:size2])` of RFC 6962 §2.1.2. Empty when size1 == size2.
    /// - Throws: `.badConsistencySizes` unless 1 ≤ size1 ≤ size2; `.sizeBeyondTree` when the source is too small.
    /// - Complexity: O(log size2) node reads.
    public static func consistencyProof(size1: UInt64, size2: UInt64, source: some MerkleNodeSource,
                                        hasher: MerkleHasher) throws(AuditError) -> [Digest32] {
        guard size1 >= 1, size1 <= size2 else { throw .merkle(.badConsistencySizes(size1: size1, size2: size2)) }
        guard size2 <= source.leafCount else { throw .merkle(.sizeBeyondTree(requested: size2, available: source.leafCount)) }
        var topDown: [Digest32] = []
        var start: UInt64 = 0, count = size2, m = size1
        var whole = true  // the RFC's flag b: true while the old tree is the whole left edge of this subtree
        while m != count {
            let k = TreeMath.splitPoint(count)
            if m <= k {
                topDown.append(try rangeHash(start: start + k, count: count - k, source: source, hasher: hasher))
                count = k
            } else {
                topDown.append(try source.perfectSubtreeHash(level: k.trailingZeroBitCount, index: start >> k.trailingZeroBitCount))
                start += k
                m -= k
                count -= k
                whole = false
            }
        }
        var proof: [Digest32] = []
        if !whole { proof.append(try rangeHash(start: start, count: count, source: source, hasher: hasher)) }
        proof.append(contentsOf: topDown.reversed())
        return proof
    }
}

/// A whole tree in memory, level by level: for tests, test vectors and small trees. The ledger's own proofs
/// come from `MerkleIndex` on disk.
public struct InMemoryMerkleTree: MerkleNodeSource {
    /// `levels[h][i]` is the perfect subtree (h, i); only complete subtrees are stored.
    public private(set) var levels: [[Digest32]] = [[]]

    public init() {}

    /// A tree over the given leaf hashes.
    public init(leafHashes: [Digest32], hasher: MerkleHasher) {
        for leaf in leafHashes { append(leafHash: leaf, hasher: hasher) }
    }

    public var leafCount: UInt64 { UInt64(levels[0].count) }

    /// Adds a leaf and every perfect subtree it completes.
    public mutating func append(leafHash: Digest32, hasher: MerkleHasher) {
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let count = levels[level].count
            let parent = hasher.nodeHash(levels[level][count - 2], levels[level][count - 1])
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(parent)
            level += 1
        }
    }

    public func perfectSubtreeHash(level: Int, index: UInt64) throws(AuditError) -> Digest32 {
        guard level < levels.count, index < UInt64(levels[level].count) else {
            throw .merkle(.sizeBeyondTree(requested: (index + 1) << level, available: leafCount))
        }
        return levels[level][Int(index)]
    }
}

/// The running tree head of a growing log with O(log n) memory: the roots of the perfect subtrees that make up
/// the leaves seen so far (a "compact range"). Used to recompute roots while scanning the log, without any index.
public struct CompactRange: Sendable, Equatable {
    /// Perfect subtree roots, largest (leftmost) first, with their levels.
    public private(set) var peaks: [(level: Int, hash: Digest32)] = []
    /// Leaves added so far.
    public private(set) var leafCount: UInt64 = 0

    public init() {}

    public static func == (lhs: CompactRange, rhs: CompactRange) -> Bool {
        lhs.leafCount == rhs.leafCount && lhs.peaks.elementsEqual(rhs.peaks) { $0.level == $1.level && $0.hash == $1.hash }
    }

    /// Resumes from the peaks of a tree of `leafCount` leaves (largest first, as `TreeMath.perfectSubtrees`
    /// lists them for the range 0..<leafCount).
    public init(leafCount: UInt64, peakHashes: [Digest32]) {
        let shape = TreeMath.perfectSubtrees(start: 0, count: leafCount)
        precondition(shape.count == peakHashes.count, "one hash per perfect subtree of the range")
        self.leafCount = leafCount
        self.peaks = zip(shape, peakHashes).map { ($0.level, $1) }
    }

    /// Adds one leaf hash, merging equal-sized peaks.
    public mutating func append(leafHash: Digest32, hasher: MerkleHasher) {
        append(leafHash: leafHash, hasher: hasher) { (_, _, _) throws(Never) in }
    }

    /// Adds one leaf hash and reports every perfect subtree it completes — the leaf itself, then each new
    /// parent up the tree — as (level, index, hash). This is post-order, the order of `MerkleIndex` on disk.
    public mutating func append<E: Error>(leafHash: Digest32, hasher: MerkleHasher,
                                          completed: (_ level: Int, _ index: UInt64, _ hash: Digest32) throws(E) -> Void) throws(E) {
        let leafIndex = leafCount
        try completed(0, leafIndex, leafHash)
        var hash = leafHash
        var level = 0
        while let last = peaks.last, last.level == level {
            hash = hasher.nodeHash(last.hash, hash)
            peaks.removeLast()
            level += 1
            try completed(level, leafIndex >> UInt64(level), hash)
        }
        peaks.append((level, hash))
        leafCount += 1
    }

    /// `MTH` of the leaves added so far.
    public func root(hasher: MerkleHasher) -> Digest32 {
        guard var hash = peaks.last?.hash else { return MerkleHasher.emptyRoot }
        var position = peaks.count - 2
        while position >= 0 {
            hash = hasher.nodeHash(peaks[position].hash, hash)
            position -= 1
        }
        return hash
    }
}
