import Foundation
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The spec's test vectors in testdata/merkle/: a small ledger, its roots at every size, one inclusion proof,
/// one consistency proof, a signed checkpoint with its public key and a proof bundle. All are regenerated here
/// from fixed inputs and compared byte for byte; `RECORD_GOLDEN=1 swift test --filter SampleVectorTests`
/// rewrites them (and fails, so a re-recording is never accepted silently).
@Suite struct SampleVectorTests {
    let merkle = MerkleHasher()
    static let checkpointTime = Timestamp(rfc3339: "2025-06-30T12:00:00Z")!
    /// 2025-07-07T12:00:00Z: when the test witness cosigned the sample checkpoint.
    static let cosignatureTimestamp: UInt64 = 1_751_889_600

    /// (relative path, bytes) of every vector file.
    func generate() throws -> [(String, [UInt8])] {
        let root = SampleLedger.temporaryDirectory()
        let directory = try SampleLedger.create(at: root + "/sample-ledger")
        let events = try PosixFile(path: directory.eventsPath, mode: .read).readAll()
        let identity = try PosixFile(path: directory.identityPath, mode: .read).readAll()
        let leaves = try SampleLedger.leafHashes(directory)
        let tree = InMemoryMerkleTree(leafHashes: leaves, hasher: merkle)
        let sha = SHA256()
        let records = try SampleLedger.lines(directory).map { try RecordCodec.decode(line: $0[...]) }
        let (checkpoint, note) = try LedgerAudit.makeCheckpoint(directory, key: SampleLedger.signer, time: Self.checkpointTime)
        let bundle = try LedgerAudit.prove(directory, seq: 3, checkpointNote: note, checkpointFile: "sample-checkpoint.txt")
        let inclusion = try MerkleTree.inclusionProof(index: 2, size: 7, source: tree, hasher: merkle)
        let consistency = try MerkleTree.consistencyProof(size1: 3, size2: 7, source: tree, hasher: merkle)
        var roots: [String: JSONValue] = [:]
        for size in 0...7 { roots[String(size)] = .string(try MerkleTree.root(size: UInt64(size), source: tree, hasher: merkle).hex) }
        let vectors: JSONValue = .object([
            "format": .string("ledger-merkle-vectors/v1"),
            "ledger_name": .string(SampleLedger.name),
            "leaf_data": .string("the record's 32-byte hash (the bytes of its \"hash\" member); leaf hash = SHA-256(0x00 || those 32 bytes)"),
            "records": .array(records.map { r in
                .object(["seq": .integer(r.seq), "record_hash": .string(r.hash.hex),
                         "leaf_hash": .string(merkle.leafHash(recordHash: r.hash).hex)])
            }),
            "roots_by_size": .object(roots),
            "inclusion": .object([
                "seq": .integer(3), "leaf_index": .integer(2), "tree_size": .integer(7),
                "leaf_hash": .string(leaves[2].hex), "proof": .array(inclusion.map { .string($0.hex) }),
                "root": .string(checkpoint.root.hex)]),
            "consistency": .object([
                "size1": .integer(3), "size2": .integer(7),
                "root1": roots["3"]!, "root2": roots["7"]!, "proof": .array(consistency.map { .string($0.hex) })]),
            "checkpoint_file": .string("sample-checkpoint.txt"),
            "public_key_file": .string("sample-key.pub"),
            "public_key": .string(SampleLedger.signer.verifier.text),
            "key_seed": .string("SHA-256 of the UTF-8 text \"common-property-ledger test vector key 1\" (a test key: never use it)"),
            "bundle_file": .string("sample-bundle-seq3.json"),
        ])
        // Witness cosigning (ledger-spec.md, "Witness cosignatures"): the test witness cosigns the checkpoint.
        let witness = WitnessTests.witnessKey
        let parsedNote = try SignedNote(bytes: note, file: "sample-checkpoint.txt")
        let cosignature = Cosignature.sign(body: parsedNote.text, key: witness, timestamp: Self.cosignatureTimestamp)
        let cosigned = parsedNote.adding(cosignature).encoded
        let request = WitnessRequest(oldSize: 3, proof: consistency, checkpointNote: note)
        let witnessVectors: JSONValue = .object([
            "format": .string("ledger-witness-vectors/v1"),
            "witness_public_key": .string(witness.verifier.text),
            "witness_public_key_file": .string("sample-witness.pub"),
            "witness_key_seed": .string("SHA-256 of the UTF-8 text \"common-property-ledger test vector witness key 1\" (a test key: never use it)"),
            "witness_key_id": .string(Hex.encode(witness.verifier.keyID)),
            "cosignature_timestamp": .integer(Int64(Self.cosignatureTimestamp)),
            "signed_message": .string(String(decoding: Cosignature.message(body: parsedNote.text, timestamp: Self.cosignatureTimestamp), as: UTF8.self)),
            "signature_line": .string(String(decoding: cosignature.line.dropLast(), as: UTF8.self)),
            "signature_payload_hex": .string(Hex.encode(witness.verifier.keyID + cosignature.payload)),
            "cosigned_checkpoint_file": .string("sample-checkpoint-cosigned.txt"),
            "consistency_request_file": .string("sample-consistency-3-7.txt"),
        ])
        // A published disclosure's data file (ledger-spec.md, "Published disclosures") with records 1, 3 and 7.
        let published = try LedgerAudit.prove(directory, seqs: [1, 3, 7], checkpointNote: cosigned, checkpointFile: "cp")
        let publication = PublicationData(
            communityID: "C1", from: SampleLedger.date("2025-01-01"), to: SampleLedger.date("2025-06-30"), checkpointNote: cosigned,
            publicKey: SampleLedger.signer.verifier, witnessKeys: [witness.verifier], witnessesRequired: 1, treeSize: 7,
            records: published.map { PublicationData.Entry(seq: $0.seq, line: $0.recordLine, proof: $0.inclusionProof) })
        return [
            ("testdata/merkle/sample-publication.json", publication.encoded),
            ("testdata/merkle/sample-witness.pub", Array((witness.verifier.text + "\n").utf8)),
            ("testdata/merkle/sample-witness.TEST-ONLY", Array((witness.text + "\n").utf8)),
            ("testdata/merkle/sample-checkpoint-cosigned.txt", cosigned),
            ("testdata/merkle/sample-consistency-3-7.txt", request.encoded),
            ("testdata/merkle/witness-vectors.json", Array(CanonicalJSON.string(witnessVectors).utf8) + [0x0A]),
            ("testdata/merkle/sample-ledger/ledger.json", identity),
            ("testdata/merkle/sample-ledger/events.jsonl", events),
            ("testdata/merkle/sample-vectors.json", Array(CanonicalJSON.string(vectors).utf8) + [0x0A]),
            ("testdata/merkle/sample-key.pub", Array((SampleLedger.signer.verifier.text + "\n").utf8)),
            ("testdata/merkle/sample-key.TEST-ONLY", Array((SampleLedger.signer.text + "\n").utf8)),
            ("testdata/merkle/sample-checkpoint.txt", note),
            ("testdata/merkle/sample-bundle-seq3.json", bundle.encoded),
        ]
    }

    @Test func vectorFilesAreUpToDate() throws {
        for (relative, bytes) in try generate() { Golden.expect(bytes, path: Fixtures.path(relative)) }
    }

    /// The committed vectors check out on their own, read as an outside auditor would.
    @Test func committedVectorsVerify() throws {
        let vectors = try JSONSerialization.jsonObject(with: try Fixtures.data("testdata/merkle/sample-vectors.json")) as! [String: Any]
        let key = try VerifierKey(fileBytes: [UInt8](try Fixtures.data("testdata/merkle/sample-key.pub")), file: "sample-key.pub")
        let note = [UInt8](try Fixtures.data("testdata/merkle/sample-checkpoint.txt"))
        let checkpoint = try Checkpoint.open(note, key: key, file: "sample-checkpoint.txt")
        let roots = vectors["roots_by_size"] as! [String: String]
        #expect(checkpoint.size == 7 && checkpoint.root == digest(roots["7"]))
        // Recompute the roots from events.jsonl with the naive tree: leaf data = the record hash bytes.
        let lines = [UInt8](try Fixtures.data("testdata/merkle/sample-ledger/events.jsonl")).split(separator: 0x0A)
        let leaves = lines.map { line -> Digest32 in
            let stored = Digest32(hex: String(decoding: line.dropFirst(9).prefix(64), as: UTF8.self))!
            #expect(SHA256().hash([UInt8(ascii: "{")] + Array(line.dropFirst(75))) == stored)
            return NaiveRFC6962.leaf(stored.bytes)
        }
        for size in 0...7 { #expect(NaiveRFC6962.mth(leaves[0..<size]) == digest(roots[String(size)]), "root \(size)") }
        let inclusion = vectors["inclusion"] as! [String: Any]
        try MerkleVerifier.verifyInclusion(index: 2, size: 7, leafHash: leaves[2], proof: (inclusion["proof"] as! [String]).map { digest($0) },
                                           root: checkpoint.root, hasher: merkle)
        let consistency = vectors["consistency"] as! [String: Any]
        try MerkleVerifier.verifyConsistency(size1: 3, size2: 7, proof: (consistency["proof"] as! [String]).map { digest($0) },
                                             root1: digest(roots["3"]), root2: digest(roots["7"]), hasher: merkle)
        let bundle = [UInt8](try Fixtures.data("testdata/merkle/sample-bundle-seq3.json"))
        let verified = try ProofBundle.verify(bundle, key: key, file: "sample-bundle-seq3.json")
        #expect(verified.record.seq == 3)
        // The C2SP example from the signed-note spec verifies with the same note reader.
        let notes = try Fixtures.vectors()["signed_notes"] as! [[String: Any]]
        for n in notes {
            let vkey = n["vkey"] as! String
            let c2spKey = try VerifierKey(fileBytes: Array(vkey.utf8), file: "vkey")
            let signed = try SignedNote(bytes: Array((n["signed_note"] as! String).utf8), file: "note")
            try signed.verify(key: c2spKey, file: "note")
            #expect(signed.text == Array("This is an example message.\n".utf8))
        }
    }

    static let python = TestBinaries.python3

    /// testdata/merkle/check_audit.py is a second implementation written from the spec (standard library only,
    /// its own Ed25519): it must accept the vectors and a fresh bundle, and reject a changed one.
    @Test(.enabled(if: python != nil, "needs python3"))
    func pythonCheckerAgrees() throws {
        let script = Fixtures.path("testdata/merkle/check_audit.py")
        let vectors = try TestBinaries.run(Self.python!, [script])
        #expect(vectors.status == 0, "\(vectors.stdout)")
        #expect(vectors.stdout.hasSuffix(" passed, 0 failed\n"))
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        try SampleLedger.append(directory, batches: SampleLedger.laterEvents(10, from: 1), startingDay: 9)
        let (_, note) = try LedgerAudit.makeCheckpoint(directory, key: SampleLedger.signer, time: Self.checkpointTime)
        let folder = SampleLedger.temporaryDirectory()
        try Data(Array((SampleLedger.signer.verifier.text + "\n").utf8)).write(to: URL(fileURLWithPath: folder + "/k.pub"))
        for seq in [Int64(1), 9, 17] {
            let bundle = try LedgerAudit.prove(directory, seq: seq, checkpointNote: note, checkpointFile: "cp").encoded
            try Data(bundle).write(to: URL(fileURLWithPath: folder + "/b.json"))
            let ok = try TestBinaries.run(Self.python!, [script, "--bundle", folder + "/b.json", "--pubkey", folder + "/k.pub"])
            #expect(ok.status == 0 && ok.stdout == "valid: record seq \(seq)\n", "\(ok.stdout)")
            var changed = bundle
            changed[changed.count / 2] ^= 0x01
            try Data(changed).write(to: URL(fileURLWithPath: folder + "/b.json"))
            let bad = try TestBinaries.run(Self.python!, [script, "--bundle", folder + "/b.json", "--pubkey", folder + "/k.pub"])
            #expect(bad.status == 1, "\(bad.stdout)")
        }
    }

    /// Review 36c: bundles `ledger check-proof` rejects whose parsed values the script once took as equal (a JSON
    /// 3.0 or true is a Python float or bool, == 3 or == 1; bytes.fromhex takes upper case): 14.6 step 1 promises
    /// that no byte of a valid bundle can change without rejection, by either implementation.
    @Test(.enabled(if: python != nil, "needs python3"), arguments: [
        (Int64(1), "\"seq\":1,", "\"seq\":true,"),
        (1, "\"leaf_index\":0,", "\"leaf_index\":false,"),
        (1, "\"seq\":1,", "\"seq\":1.0,"),
        (3, "\"seq\":3,", "\"seq\":3.0,"),
        (3, "\"leaf_index\":2,", "\"leaf_index\":2.0,"),
        (3, "\"inclusion_proof\":[\"", "upper-case hex in inclusion_proof"),
        (3, "\"leaf_hash\":\"", "upper-case hex in leaf_hash"),
    ] as [(Int64, String, String)])
    func pythonCheckerRejectsWhatSwiftRejects(_ seq: Int64, _ from: String, _ to: String) throws {
        let script = Fixtures.path("testdata/merkle/check_audit.py")
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        try SampleLedger.append(directory, batches: SampleLedger.laterEvents(10, from: 1), startingDay: 9)
        let (_, note) = try LedgerAudit.makeCheckpoint(directory, key: SampleLedger.signer, time: Self.checkpointTime)
        let folder = SampleLedger.temporaryDirectory()
        try Data(Array((SampleLedger.signer.verifier.text + "\n").utf8)).write(to: URL(fileURLWithPath: folder + "/k.pub"))
        let bundle = String(decoding: try LedgerAudit.prove(directory, seq: seq, checkpointNote: note, checkpointFile: "cp").encoded, as: UTF8.self)
        let changed: String
        if to.hasPrefix("upper-case") {
            // The first hex letter after `from`, upper-cased.
            let start = try #require(bundle.range(of: from)).upperBound
            let letter = try #require(bundle[start...].firstIndex { "abcdef".contains($0) })
            changed = bundle.replacingCharacters(in: letter...letter, with: bundle[letter].uppercased())
        } else {
            #expect(bundle.contains(from), "\(bundle)")
            changed = bundle.replacingOccurrences(of: from, with: to)
        }
        #expect(changed != bundle)
        #expect(throws: AuditError.self) { try ProofBundle.verify(Array(changed.utf8), key: SampleLedger.signer.verifier, file: "b.json") }
        try Data(changed.utf8).write(to: URL(fileURLWithPath: folder + "/b.json"))
        let result = try TestBinaries.run(Self.python!, [script, "--bundle", folder + "/b.json", "--pubkey", folder + "/k.pub"])
        #expect(result.status == 1 && result.stdout.hasPrefix("rejected: "), "\(to): \(result.stdout)")
    }
}
