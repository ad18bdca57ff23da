import LedgerPlatform

/// Strict RFC 9162 §2.1.3.2 / §2.1.4.2 proof verification, with the policy of transparency-dev/merkle
/// `proof.VerifyInclusion` / `proof.VerifyConsistency`: a proof with one hash too many or too few is rejected,
/// as are consistency proofs from size 0 and equal-size proofs that are not empty. An auditor never accepts a
/// proof that carries extra data.
///
/// The raw-byte entry points exist so the published negative probes (hashes of the wrong length, empty roots)
/// can be fed in unchanged; the ledger's own callers use the `Digest32` forms.
public enum MerkleVerifier {
    /// Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`.
    /// - Throws: `.indexOutOfRange`, `.badHashLength`, `.wrongProofLength`, `.rootNotDigest`, `.rootMismatch`.
    public static func verifyInclusion(index: UInt64, size: UInt64, leafHash: Digest32, proof: [Digest32],
                                       root: Digest32, hasher: MerkleHasher) throws(AuditError) {
        try verifyInclusion(index: index, size: size, leafHash: leafHash.bytes, proof: proof.map(\.bytes),
                            root: root.bytes, hasher: hasher)
    }

    /// Raw-byte form of `verifyInclusion`.
    public static func verifyInclusion(index: UInt64, size: UInt64, leafHash: [UInt8], proof: [[UInt8]],
                                       root: [UInt8], hasher: MerkleHasher) throws(AuditError) {
        let calculated = try rootFromInclusionProof(index: index, size: size, leafHash: leafHash, proof: proof, hasher: hasher)
        guard let expected = Digest32(bytes: root) else { throw .merkle(.rootNotDigest(what: .expectedRoot, found: root.count)) }
        guard calculated == expected else {
            throw .merkle(.rootMismatch(what: .inclusionProof(leaf: index, size: size), expected: expected, calculated: calculated))
        }
    }

    /// The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or an error when the proof has the wrong shape.
    public static func rootFromInclusionProof(index: UInt64, size: UInt64, leafHash: [UInt8], proof: [[UInt8]],
                                              hasher: MerkleHasher) throws(AuditError) -> Digest32 {
        guard index < size else { throw .merkle(.indexOutOfRange(index: index, size: size)) }
        guard let leaf = Digest32(bytes: leafHash) else { throw .merkle(.badHashLength(what: .leafHash, found: leafHash.count)) }
        let expectedLength = inclusionProofLength(index: index, size: size)
        guard proof.count == expectedLength else { throw .merkle(.wrongProofLength(expected: expectedLength, found: proof.count)) }
        var elements: [Digest32] = []
        for (position, element) in proof.enumerated() {
            guard let digest = Digest32(bytes: element) else {
                throw .merkle(.badHashLength(what: .proofHash(position: position + 1), found: element.count))
            }
            elements.append(digest)
        }
        var fn = index, sn = size - 1
        var r = leaf
        for p in elements {
            // Cannot happen once the length matched, but the RFC states it and it costs nothing.
            guard sn != 0 else { throw .merkle(.wrongProofLength(expected: expectedLength, found: proof.count)) }
            if fn & 1 == 1 || fn == sn {
                r = hasher.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = hasher.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .merkle(.wrongProofLength(expected: expectedLength, found: proof.count)) }
        return r
    }

    /// How many hashes an inclusion proof for (index, size) has: one per level below the split that separates
    /// `index` from the last leaf, plus one per level above it where a right neighbour exists.
    public static func inclusionProofLength(index: UInt64, size: UInt64) -> Int {
        precondition(index < size, "index must be inside the tree")
        let inner = 64 - (index ^ (size - 1)).leadingZeroBitCount
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return inner + border
    }

    /// Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with root
    /// `root1` (the first size1 leaves are unchanged).
    /// - Throws: `.badConsistencySizes`, `.badHashLength`, `.wrongProofLength`, `.rootNotDigest`, `.rootMismatch`.
    public static func verifyConsistency(size1: UInt64, size2: UInt64, proof: [Digest32], root1: Digest32,
                                         root2: Digest32, hasher: MerkleHasher) throws(AuditError) {
        try verifyConsistency(size1: size1, size2: size2, proof: proof.map(\.bytes), root1: root1.bytes,
                              root2: root2.bytes, hasher: hasher)
    }

    /// Raw-byte form of `verifyConsistency`.
    public static func verifyConsistency(size1: UInt64, size2: UInt64, proof: [[UInt8]], root1: [UInt8],
                                         root2: [UInt8], hasher: MerkleHasher) throws(AuditError) {
        guard size1 >= 1, size1 <= size2 else { throw .merkle(.badConsistencySizes(size1: size1, size2: size2)) }
        if size1 == size2 {
            // Equal sizes: the roots must be the same bytes (compared as given, like transparency-dev's verifier).
            guard proof.isEmpty else { throw .merkle(.wrongProofLength(expected: 0, found: proof.count)) }
            guard root1 == root2 else { throw .merkle(.rootsDiffer(size: size1)) }
            return
        }
        guard let first = Digest32(bytes: root1) else { throw .merkle(.rootNotDigest(what: .oldRoot, found: root1.count)) }
        guard let second = Digest32(bytes: root2) else { throw .merkle(.rootNotDigest(what: .newRoot, found: root2.count)) }
        var elements: [Digest32] = []
        for (position, element) in proof.enumerated() {
            guard let digest = Digest32(bytes: element) else {
                throw .merkle(.badHashLength(what: .proofHash(position: position + 1), found: element.count))
            }
            elements.append(digest)
        }
        let expectedLength = consistencyProofLength(size1: size1, size2: size2)
        guard elements.count == expectedLength else { throw .merkle(.wrongProofLength(expected: expectedLength, found: proof.count)) }
        // RFC 9162 §2.1.4.2: when size1 is a power of two the old root is itself a node of the new tree.
        if TreeMath.isPowerOfTwo(size1) { elements.insert(first, at: 0) }
        var fn = size1 - 1, sn = size2 - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = elements[0], sr = elements[0]
        for c in elements.dropFirst() {
            guard sn != 0 else { throw .merkle(.wrongProofLength(expected: expectedLength, found: proof.count)) }
            if fn & 1 == 1 || fn == sn {
                fr = hasher.nodeHash(c, fr)
                sr = hasher.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = hasher.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .merkle(.wrongProofLength(expected: expectedLength, found: proof.count)) }
        guard fr == first else {
            throw .merkle(.rootMismatch(what: .consistencyOldTree(size1: size1, size2: size2), expected: first, calculated: fr))
        }
        guard sr == second else {
            throw .merkle(.rootMismatch(what: .consistencyNewTree(size1: size1, size2: size2), expected: second, calculated: sr))
        }
    }

    /// How many hashes a consistency proof from size1 to size2 (1 ≤ size1 < size2) has, as transparency-dev's
    /// verifier computes it: levels below the split point, plus right-border hashes, minus one when the old tree
    /// is a perfect subtree (its root is then implied).
    public static func consistencyProofLength(size1: UInt64, size2: UInt64) -> Int {
        precondition(size1 >= 1 && size1 < size2, "sizes must satisfy 1 ≤ size1 < size2")
        let inner = 64 - ((size1 - 1) ^ (size2 - 1)).leadingZeroBitCount
        let shift = size1.trailingZeroBitCount  // levels inside the perfect subtree the proof starts from
        let border = ((size1 - 1) >> UInt64(inner)).nonzeroBitCount
        let start = TreeMath.isPowerOfTwo(size1) ? 0 : 1
        return start + (inner - shift) + border
    }
}
