import LedgerPlatform

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
