import LedgerPlatform

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
