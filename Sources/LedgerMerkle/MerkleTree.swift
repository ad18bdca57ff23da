import LedgerPlatform

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
