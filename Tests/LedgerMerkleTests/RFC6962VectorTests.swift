import Foundation
import LedgerMerkle
import LedgerPlatform
import Testing

/// The published RFC 6962 vectors (CT C++/Python tests, transparency-dev/merkle) in testdata/merkle.
@Suite struct RFC6962VectorTests {
    let vectors: [String: Any]
    let hasher = MerkleHasher()

    init() throws { vectors = try Fixtures.vectors() }

    var tree: [String: Any] { (vectors["trees"] as! [[String: Any]]).first { $0["id"] as? String == "ct-8leaf" }! }

    var leafHashes: [Digest32] { (tree["leaves_hex"] as! [String]).map { hasher.leafHash(bytes($0)[...]) } }

    @Test func hasherVectors() throws {
        let cases = vectors["hasher_vectors"] as! [[String: Any]]
        #expect(cases.count == 7)
        for c in cases {
            let expected = digest(c["expected_hex"])
            switch c["kind"] as! String {
            case "empty_root": #expect(MerkleHasher.emptyRoot == expected)
            case "leaf": #expect(hasher.leafHash(bytes(c["data_hex"])[...]) == expected, "\(c["id"]!)")
            case "node": #expect(hasher.nodeHash(rawLeft: bytes(c["left_hex"]), rawRight: bytes(c["right_hex"])) == expected, "\(c["id"]!)")
            default: Issue.record("unknown kind \(c["kind"]!)")
            }
        }
    }

    @Test func rootsAtEverySize() throws {
        let roots = tree["roots_by_size"] as! [String: String]
        let leaves = leafHashes
        var memory = InMemoryMerkleTree()
        var compact = CompactRange()
        for size in 0...8 {
            let expected = digest(roots[String(size)])
            #expect(try MerkleTree.root(size: UInt64(size), source: memory, hasher: hasher) == expected, "size \(size)")
            #expect(compact.root(hasher: hasher) == expected, "compact range at size \(size)")
            if size < 8 {
                memory.append(leafHash: leaves[size], hasher: hasher)
                compact.append(leafHash: leaves[size], hasher: hasher)
            }
        }
        let full = InMemoryMerkleTree(leafHashes: leaves, hasher: hasher)
        for size in 0...8 {
            #expect(try MerkleTree.root(size: UInt64(size), source: full, hasher: hasher) == digest(roots[String(size)]))
        }
        // Every perfect subtree hash matches the published node table.
        let nodes = tree["node_hashes"] as! [[String]]
        for (level, row) in nodes.enumerated() {
            for (index, hex) in row.enumerated() {
                #expect(try full.perfectSubtreeHash(level: level, index: UInt64(index)) == digest(hex))
            }
        }
    }

    @Test func publishedInclusionProofs() throws {
        let full = InMemoryMerkleTree(leafHashes: leafHashes, hasher: hasher)
        let cases = vectors["inclusion_proofs"] as! [[String: Any]]
        #expect(cases.count == 7)
        for c in cases {
            let index = uint64(c["leaf_index"]), size = uint64(c["tree_size"])
            let proof = (c["proof_hex"] as! [String]).map { digest($0) }
            #expect(try MerkleTree.inclusionProof(index: index, size: size, source: full, hasher: hasher) == proof, "\(c["id"]!)")
            try MerkleVerifier.verifyInclusion(index: index, size: size, leafHash: digest(c["leaf_hash_hex"]),
                                               proof: proof, root: digest(c["root_hex"]), hasher: hasher)
        }
    }

    @Test func publishedConsistencyProofs() throws {
        let full = InMemoryMerkleTree(leafHashes: leafHashes, hasher: hasher)
        let cases = vectors["consistency_proofs"] as! [[String: Any]]
        #expect(cases.count == 5)
        for c in cases {
            let size1 = uint64(c["size1"]), size2 = uint64(c["size2"])
            let proof = (c["proof_hex"] as! [String]).map { digest($0) }
            #expect(try MerkleTree.consistencyProof(size1: size1, size2: size2, source: full, hasher: hasher) == proof, "\(c["id"]!)")
            try MerkleVerifier.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: digest(c["root1_hex"]),
                                                 root2: digest(c["root2_hex"]), hasher: hasher)
        }
    }

    @Test func inclusionProbes() throws {
        let probes = (vectors["probes"] as! [String: Any])["inclusion"] as! [[String: Any]]
        #expect(probes.count == 98)
        var valid = 0, rejected = 0
        for p in probes {
            let result = Result { () throws(AuditError) in
                try MerkleVerifier.verifyInclusion(
                    index: uint64(p["leaf_index"]), size: uint64(p["tree_size"]), leafHash: bytes(p["leaf_hash_hex"]),
                    proof: (p["proof_hex"] as! [String]).map { bytes($0) }, root: bytes(p["root_hex"]), hasher: hasher)
            }
            if p["expect_valid"] as! Bool {
                #expect(throws: Never.self, "\(p["file"]!)") { try result.get() }
                valid += 1
            } else {
                #expect(throws: AuditError.self, "\(p["file"]!) must be rejected") { try result.get() }
                rejected += 1
            }
        }
        #expect(valid == 6 && rejected == 92)
    }

    @Test func consistencyProbes() throws {
        let probes = (vectors["probes"] as! [String: Any])["consistency"] as! [[String: Any]]
        #expect(probes.count == 98)
        var valid = 0, rejected = 0
        for p in probes {
            let result = Result { () throws(AuditError) in
                try MerkleVerifier.verifyConsistency(
                    size1: uint64(p["size1"]), size2: uint64(p["size2"]),
                    proof: (p["proof_hex"] as! [String]).map { bytes($0) },
                    root1: bytes(p["root1_hex"]), root2: bytes(p["root2_hex"]), hasher: hasher)
            }
            if p["expect_valid"] as! Bool {
                #expect(throws: Never.self, "\(p["file"]!)") { try result.get() }
                valid += 1
            } else {
                #expect(throws: AuditError.self, "\(p["file"]!) must be rejected") { try result.get() }
                rejected += 1
            }
        }
        #expect(valid == 6 && rejected == 92)
    }

    @Test func derivedEightLeafTable() throws {
        let full = InMemoryMerkleTree(leafHashes: leafHashes, hasher: hasher)
        let roots = tree["roots_by_size"] as! [String: String]
        let derived = vectors["derived_8leaf"] as! [String: Any]
        let inclusion = derived["inclusion"] as! [[String: Any]]
        let consistency = derived["consistency"] as! [[String: Any]]
        #expect(inclusion.count == 36 && consistency.count == 36)
        for c in inclusion {
            let index = uint64(c["leaf_index"]), size = uint64(c["tree_size"])
            let proof = (c["proof_hex"] as! [String]).map { digest($0) }
            #expect(try MerkleTree.inclusionProof(index: index, size: size, source: full, hasher: hasher) == proof)
            try MerkleVerifier.verifyInclusion(index: index, size: size, leafHash: leafHashes[Int(index)], proof: proof,
                                               root: digest(roots[String(size)]), hasher: hasher)
        }
        for c in consistency {
            let size1 = uint64(c["size1"]), size2 = uint64(c["size2"])
            let proof = (c["proof_hex"] as! [String]).map { digest($0) }
            #expect(try MerkleTree.consistencyProof(size1: size1, size2: size2, source: full, hasher: hasher) == proof)
            try MerkleVerifier.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: digest(roots[String(size1)]),
                                                 root2: digest(roots[String(size2)]), hasher: hasher)
        }
    }

    /// A real Certificate Transparency entry: a 22-hash audit path in a tree of 3,630,887 leaves.
    @Test func realWorldInclusion() throws {
        let entries = vectors["real_world"] as! [[String: Any]]
        #expect(entries.count == 3)
        for e in entries {
            let leaf = hasher.leafHash(bytes(e["leaf_data_hex"])[...])
            if let published = e["leaf_hash_hex"] { #expect(leaf == digest(published)) }
            let proof = (e["proof_hex"] as! [String]).map { digest($0) }
            try MerkleVerifier.verifyInclusion(index: uint64(e["leaf_index"]), size: uint64(e["tree_size"]), leafHash: leaf,
                                               proof: proof, root: digest(e["root_hex"]), hasher: hasher)
            var flipped = proof
            flipped[0] = Digest32(bytes: [flipped[0].bytes[0] ^ 1] + flipped[0].bytes.dropFirst())!
            #expect(throws: AuditError.self) {
                try MerkleVerifier.verifyInclusion(index: uint64(e["leaf_index"]), size: uint64(e["tree_size"]),
                                                   leafHash: leaf, proof: flipped, root: digest(e["root_hex"]), hasher: self.hasher)
            }
        }
    }
}
