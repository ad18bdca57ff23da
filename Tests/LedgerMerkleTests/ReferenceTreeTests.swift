import LedgerMerkle
import LedgerPlatform
import Testing

/// A deliberately naive, recursive RFC 6962 implementation written straight from the RFC's definitions
/// (MTH, PATH, PROOF/SUBPROOF), sharing no code with LedgerMerkle beyond SHA-256.
enum NaiveRFC6962 {
    static func leaf(_ data: [UInt8]) -> Digest32 { SHA256().hash([0x00], data) }
    static func node(_ l: Digest32, _ r: Digest32) -> Digest32 { SHA256().hash([0x01], l.bytes, r.bytes) }

    static func k(_ n: Int) -> Int { var k = 1; while k * 2 < n { k *= 2 }; return k }

    /// MTH over leaf hashes.
    static func mth(_ d: ArraySlice<Digest32>) -> Digest32 {
        if d.isEmpty { return SHA256().hash([]) }
        if d.count == 1 { return d.first! }
        let split = d.startIndex + k(d.count)
        return node(mth(d[d.startIndex..<split]), mth(d[split...]))
    }

    static func path(_ m: Int, _ d: ArraySlice<Digest32>) -> [Digest32] {
        if d.count == 1 { return [] }
        let kk = k(d.count), split = d.startIndex + kk
        if m < kk { return path(m, d[d.startIndex..<split]) + [mth(d[split...])] }
        return path(m - kk, d[split...]) + [mth(d[d.startIndex..<split])]
    }

    static func proof(_ m: Int, _ d: ArraySlice<Digest32>) -> [Digest32] { subproof(m, d, true) }

    static func subproof(_ m: Int, _ d: ArraySlice<Digest32>, _ b: Bool) -> [Digest32] {
        if m == d.count { return b ? [] : [mth(d)] }
        let kk = k(d.count), split = d.startIndex + kk
        if m <= kk { return subproof(m, d[d.startIndex..<split], b) + [mth(d[split...])] }
        return subproof(m - kk, d[split...], false) + [mth(d[d.startIndex..<split])]
    }
}

@Suite struct ReferenceTreeTests {
    static let maxLeaves = 64
    let hasher = MerkleHasher()
    let leaves: [Digest32] = (0..<ReferenceTreeTests.maxLeaves).map { NaiveRFC6962.leaf([UInt8(truncatingIfNeeded: $0), 0x5a]) }

    func flipped(_ d: Digest32, bit: Int) -> Digest32 {
        var b = d.bytes
        b[bit / 8] ^= UInt8(1 << (bit % 8))
        return Digest32(bytes: b)!
    }

    @Test func rootsMatchNaive() throws {
        var tree = InMemoryMerkleTree()
        var compact = CompactRange()
        for n in 0...Self.maxLeaves {
            let naive = NaiveRFC6962.mth(leaves[0..<n])
            #expect(try MerkleTree.root(size: UInt64(n), source: tree, hasher: hasher) == naive, "n=\(n)")
            #expect(compact.root(hasher: hasher) == naive, "compact n=\(n)")
            if n < Self.maxLeaves {
                tree.append(leafHash: leaves[n], hasher: hasher)
                compact.append(leafHash: leaves[n], hasher: hasher)
            }
        }
    }

    @Test func everyInclusionProof() throws {
        let tree = InMemoryMerkleTree(leafHashes: leaves, hasher: hasher)
        var checked = 0
        for n in 1...Self.maxLeaves {
            let root = NaiveRFC6962.mth(leaves[0..<n])
            for i in 0..<n {
                let expected = NaiveRFC6962.path(i, leaves[0..<n])
                let proof = try MerkleTree.inclusionProof(index: UInt64(i), size: UInt64(n), source: tree, hasher: hasher)
                #expect(proof == expected, "(i,n)=(\(i),\(n))")
                #expect(MerkleVerifier.inclusionProofLength(index: UInt64(i), size: UInt64(n)) == expected.count)
                try MerkleVerifier.verifyInclusion(index: UInt64(i), size: UInt64(n), leafHash: leaves[i], proof: proof,
                                                   root: root, hasher: hasher)
                func rejects(_ index: Int, _ p: [Digest32], leaf: Digest32? = nil, _ label: String) {
                    #expect(throws: AuditError.self, "(\(i),\(n)) \(label) must be rejected") {
                        try MerkleVerifier.verifyInclusion(index: UInt64(truncatingIfNeeded: index), size: UInt64(n),
                                                           leafHash: leaf ?? leaves[i], proof: p, root: root, hasher: self.hasher)
                    }
                }
                for position in proof.indices {
                    var bad = proof
                    bad[position] = flipped(bad[position], bit: (i * 7 + position * 13) % 256)
                    rejects(i, bad, "bit flip in element \(position)")
                }
                rejects(i + 1, proof, "index+1")
                rejects(i - 1, proof, "index-1")
                rejects(i, proof + [leaves[0]], "extra trailing element")
                rejects(i, [leaves[0]] + proof, "extra leading element")
                if !proof.isEmpty { rejects(i, Array(proof.dropLast()), "missing element") }
                rejects(i, proof, leaf: flipped(leaves[i], bit: 0), "wrong leaf")
                checked += 1
            }
        }
        #expect(checked == Self.maxLeaves * (Self.maxLeaves + 1) / 2)
    }

    @Test func everyConsistencyProof() throws {
        let tree = InMemoryMerkleTree(leafHashes: leaves, hasher: hasher)
        let roots = (0...Self.maxLeaves).map { NaiveRFC6962.mth(leaves[0..<$0]) }
        var checked = 0
        for n in 1...Self.maxLeaves {
            for m in 1...n {
                let expected = NaiveRFC6962.proof(m, leaves[0..<n])
                let proof = try MerkleTree.consistencyProof(size1: UInt64(m), size2: UInt64(n), source: tree, hasher: hasher)
                #expect(proof == expected, "(m,n)=(\(m),\(n))")
                if m < n {
                    #expect(MerkleVerifier.consistencyProofLength(size1: UInt64(m), size2: UInt64(n)) == expected.count)
                }
                try MerkleVerifier.verifyConsistency(size1: UInt64(m), size2: UInt64(n), proof: proof, root1: roots[m],
                                                     root2: roots[n], hasher: hasher)
                func rejects(_ size1: Int, _ p: [Digest32], root1: Digest32? = nil, _ label: String) {
                    #expect(throws: AuditError.self, "(\(m),\(n)) \(label) must be rejected") {
                        try MerkleVerifier.verifyConsistency(size1: UInt64(truncatingIfNeeded: size1), size2: UInt64(n), proof: p,
                                                             root1: root1 ?? roots[m], root2: roots[n], hasher: self.hasher)
                    }
                }
                for position in proof.indices {
                    var bad = proof
                    bad[position] = flipped(bad[position], bit: (m * 5 + position * 11) % 256)
                    rejects(m, bad, "bit flip in element \(position)")
                }
                // A neighbouring size with the same root must fail (its own root differs from roots[m]).
                rejects(m + 1, proof, "size1+1")
                rejects(m - 1, proof, "size1-1")
                rejects(m, proof + [leaves[0]], "extra trailing element")
                if !proof.isEmpty { rejects(m, Array(proof.dropLast()), "missing element") }
                rejects(m, proof, root1: flipped(roots[m], bit: 3), "wrong old root")
                checked += 1
            }
        }
        #expect(checked == Self.maxLeaves * (Self.maxLeaves + 1) / 2)
    }
}

@Suite struct StreamingAndIndexShapeTests {
    let hasher = MerkleHasher()
    let leaves: [Digest32] = (0..<64).map { NaiveRFC6962.leaf([UInt8(truncatingIfNeeded: $0), 0xa5]) }

    /// verify computes proofs in one pass without knowing the final size; every (m, n) must equal the RFC's.
    @Test func streamingConsistencyProofsMatchNaive() throws {
        for n in 1...40 {
            var stream = StreamingProofs(from: Array(1...UInt64(n)), hasher: hasher)
            for i in 0..<n { stream.append(leafHash: leaves[i]); stream.markCommitted() }
            // Leaves of an unfinished batch are fed but not committed; they must not change the proofs.
            stream.append(leafHash: leaves[n])
            #expect(stream.committedCount == UInt64(n))
            #expect(stream.committedRoot == NaiveRFC6962.mth(leaves[0..<n]))
            for m in 1...n {
                #expect(stream.root(size: UInt64(m)) == NaiveRFC6962.mth(leaves[0..<m]), "root m=\(m)")
                #expect(try stream.consistencyProof(from: UInt64(m)) == NaiveRFC6962.proof(m, leaves[0..<n]), "(m,n)=(\(m),\(n))")
            }
        }
    }

    /// Post-order slots are a bijection onto 0..<slotCount and match the order CompactRange completes nodes in.
    @Test func postOrderSlots() {
        var range = CompactRange()
        var order: [UInt64] = []
        for i in 0..<200 {
            range.append(leafHash: leaves[i % 64], hasher: hasher) { (level, index, _) throws(Never) in
                order.append(MerkleIndex.slot(level: level, index: index))
            }
            #expect(UInt64(order.count) == MerkleIndex.slotCount(leaves: UInt64(i + 1)))
        }
        #expect(order == Array(0..<UInt64(order.count)))
    }
}
