import Foundation
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct AuditTests {
    let merkle = MerkleHasher()

    func makeCheckpoint(_ directory: LedgerDirectory, key: SignerKey = SampleLedger.signer) throws -> (Checkpoint, [UInt8]) {
        try LedgerAudit.makeCheckpoint(directory, key: key, time: Timestamp(rfc3339: "2025-06-30T12:00:00Z")!)
    }

    @Test func checkpointOfTheLogMatchesTheNaiveTree() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (checkpoint, note) = try makeCheckpoint(directory)
        let leaves = try SampleLedger.leafHashes(directory)
        #expect(checkpoint.size == 7)
        #expect(checkpoint.root == NaiveRFC6962.mth(leaves[...]))
        #expect(checkpoint.origin == SampleLedger.name)
        let opened = try Checkpoint.open(note, key: SampleLedger.signer.verifier, file: "cp")
        #expect(opened == checkpoint)
    }

    @Test func appendOnlyGrowthIsConsistentWithEveryOldCheckpoint() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger", batchCount: 1)
        var checkpoints: [(file: String, checkpoint: Checkpoint)] = []
        for (step, batch) in SampleLedger.batches.dropFirst().enumerated() {
            checkpoints.append(("cp\(step)", try makeCheckpoint(directory).0))
            try SampleLedger.append(directory, batches: [batch], startingDay: 10 + step)
        }
        try SampleLedger.append(directory, batches: SampleLedger.laterEvents(9, from: 1), startingDay: 30)
        let (tree, results) = try LedgerAudit.checkCheckpoints(directory, checkpoints)
        #expect(tree.summary.recordCount == 16)
        #expect(results.count == 3)
        for result in results {
            #expect(result.problem == nil, "\(result.file): \(result.problem?.description ?? "")")
            try MerkleVerifier.verifyConsistency(size1: result.checkpoint.size, size2: 16, proof: result.proof,
                                                 root1: result.checkpoint.root, root2: tree.root, hasher: merkle)
        }
    }

    /// The core promise: an operator who edits an old record and recomputes every chain hash passes the chain
    /// check, but not an old checkpoint. Seeded: which record is rewritten and how many records follow.
    @Test(arguments: TestScale.seeds(6, from: 1)) func rewrittenAndRehashedLogIsCaught(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (checkpoint, _) = try makeCheckpoint(directory)
        try SampleLedger.append(directory, batches: SampleLedger.laterEvents(Int(random.next() % 5), from: 1), startingDay: 40)
        let victim = Int64(random.next() % checkpoint.size) + 1
        try SampleLedger.rewriteAndRehash(directory, seq: victim) { data in
            data["note"] = .string("edited \(seed)")
        }
        // The chain alone cannot see it.
        let summary = try LogScanner.verify(path: directory.eventsPath)
        #expect(summary.failure == nil, "seed \(seed): the rehashed chain should verify")
        let (_, results) = try LedgerAudit.checkCheckpoints(directory, [("old.cp", checkpoint)])
        let problem = try #require(results.first?.problem?.description, "seed \(seed): rewrite of record \(victim) not caught")
        #expect(problem.contains("HISTORY REWRITTEN"))
        #expect(problem.contains("1…7"))
    }

    @Test func truncatedLogIsCaught() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (checkpoint, _) = try makeCheckpoint(directory)
        // Drop the last batch (record 7): the chain of records 1…6 is intact.
        let lines = try SampleLedger.lines(directory)
        let kept: [UInt8] = lines.dropLast().flatMap { $0 + [UInt8(0x0A)] }
        let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
        try file.truncate(to: Int64(kept.count))
        // With the acknowledged head in place the chain check itself reports the loss.
        #expect(try LedgerAudit.checkCheckpoints(directory, [("old.cp", checkpoint)]).0.summary.failure?.kindCode == "acknowledged_lost")
        // Whoever cuts the log can remove that file too; the checkpoint still catches the removal.
        try PosixFile.remove(directory.acknowledgedPath)
        let (tree, results) = try LedgerAudit.checkCheckpoints(directory, [("old.cp", checkpoint)])
        #expect(tree.summary.failure == nil && tree.summary.recordCount == 6)
        let problem = try #require(results.first?.problem?.description)
        #expect(problem.contains("only 6") && problem.contains("removed"))
    }

    @Test func checkpointFromAnotherLedgerIsRejected() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let other = Checkpoint(origin: "another-ledger", size: 7, root: .zero, head: .zero, time: SampleLedger.created)
        let (_, results) = try LedgerAudit.checkCheckpoints(directory, [("x.cp", other)])
        #expect(results.first?.problem?.description.contains("another-ledger") == true)
    }

    @Test func badSignatureAndWrongKeyAreRejected() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (_, note) = try makeCheckpoint(directory)
        let key = SampleLedger.signer.verifier
        // Wrong key (same name, different key): no signature by it.
        #expect(throws: AuditError.self) { try Checkpoint.open(note, key: SampleLedger.otherSigner.verifier, file: "cp") }
        do {
            _ = try Checkpoint.open(note, key: SampleLedger.otherSigner.verifier, file: "cp")
        } catch {
            guard case .notSignedByKey = error else { Issue.record("expected notSignedByKey, got \(error)"); return }
        }
        // Every single-byte change of the note is rejected: in the text (bad signature or bad form) and in the
        // signature line.
        for position in note.indices {
            var changed = note
            changed[position] ^= 0x01
            #expect(throws: AuditError.self, "byte \(position) changed") { try Checkpoint.open(changed, key: key, file: "cp") }
        }
        // A changed size with a re-used signature reads as a bad signature.
        let text = String(decoding: note, as: UTF8.self).replacingOccurrences(of: "\n7\n", with: "\n8\n")
        do {
            _ = try Checkpoint.open(Array(text.utf8), key: key, file: "cp")
            Issue.record("a changed size must be rejected")
        } catch {
            #expect(error == .badSignature(file: "cp", key: key.name))
            #expect(error.description.contains("changed after it was signed"))
        }
    }

    @Test func bundleVerifiesOfflineAndEveryChangedByteIsRejected() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (checkpoint, note) = try makeCheckpoint(directory)
        let key = SampleLedger.signer.verifier
        for seq in Int64(1)...7 {
            let bundle = try LedgerAudit.prove(directory, seq: seq, checkpointNote: note, checkpointFile: "cp")
            let verified = try ProofBundle.verify(bundle.encoded, key: key, file: "b")
            #expect(verified.record.seq == seq && verified.checkpoint == checkpoint)
        }
        let bytes = try LedgerAudit.prove(directory, seq: 3, checkpointNote: note, checkpointFile: "cp").encoded
        for position in bytes.indices {
            for flip: UInt8 in [0x01, 0x20] {
                var changed = bytes
                changed[position] ^= flip
                #expect(throws: AuditError.self, "byte \(position) ^ \(flip)") { try ProofBundle.verify(changed, key: key, file: "b") }
            }
        }
        #expect(throws: AuditError.self) { try ProofBundle.verify(bytes, key: SampleLedger.otherSigner.verifier, file: "b") }
        #expect(throws: AuditError.self) { try ProofBundle.verify(Array(bytes.dropLast()), key: key, file: "b") }
    }

    @Test func proveRefusesARewrittenLog() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (_, note) = try makeCheckpoint(directory)
        _ = try LedgerAudit.prove(directory, seq: 2, checkpointNote: note, checkpointFile: "cp")  // builds the index
        try SampleLedger.rewriteAndRehash(directory, seq: 2) { $0["amount_fen"] = .integer(1) }
        do {
            _ = try LedgerAudit.prove(directory, seq: 5, checkpointNote: note, checkpointFile: "cp")
            Issue.record("prove must refuse a log that no longer matches the checkpoint")
        } catch {
            guard case .refused(.mismatch(let file, let size)) = error else { Issue.record("expected mismatch, got \(error)"); return }
            #expect(file == "cp" && size >= 5)
            #expect(error.description.contains("does not match"))
        }
    }
}
