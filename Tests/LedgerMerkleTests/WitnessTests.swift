import Foundation
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import Testing

/// A witness cosigns an office's checkpoints only while they extend one history: it catches a split view (two
/// histories of the same size), a rewritten history (an inconsistent proof) and a rollback, and its state changes
/// only when it cosigns.
@Suite struct WitnessTests {
    static let witnessKey = try! SignerKey(name: "shinan-zhujianju-test",
                                           seed: SHA256.digest("common-property-ledger test vector witness key 1").bytes,
                                           algorithm: .cosignatureV1)
    static let otherWitnessKey = try! SignerKey(name: "laoshan-zhujianju-test",
                                                seed: SHA256.digest("common-property-ledger test vector witness key 2").bytes,
                                                algorithm: .cosignatureV1)
    let time = Timestamp(rfc3339: "2025-07-07T12:00:00Z")!
    /// The reader's clock for checking cosignature times (14.9).
    static let now = Timestamp(secondsSinceEpoch: SystemClock.now().seconds)
    let logKey = SampleLedger.signer.verifier

    /// A ledger with the sample's first `batches` batches and a signed checkpoint of it.
    func ledger(_ root: String, _ name: String, batches: Int) throws -> (LedgerDirectory, [UInt8]) {
        let directory = try SampleLedger.create(at: root + "/" + name, batchCount: batches)
        let (_, note) = try LedgerAudit.makeCheckpoint(directory, key: SampleLedger.signer, time: time)
        return (directory, note)
    }

    func request(_ directory: LedgerDirectory, from size: UInt64, _ note: [UInt8]) throws -> WitnessRequest {
        let proof = try LedgerAudit.consistencyProof(directory, fromSize: size, checkpointNote: note, checkpointFile: "cp")
        return WitnessRequest(oldSize: size, proof: proof, checkpointNote: note)
    }

    func stateBytes(_ witness: WitnessDirectory) throws -> [UInt8] {
        let files = try FileManager.default.contentsOfDirectory(atPath: witness.path + "/logs")
        #expect(files.count == 1, "one state file per log, no temporary files left: \(files)")
        return try PosixFile(path: witness.path + "/logs/" + files[0], mode: .read).readAll()
    }

    @Test func cosignatureLineVerifiesAndNothingElseDoes() throws {
        let note = try PosixFile(path: Fixtures.path("testdata/merkle/sample-checkpoint.txt"), mode: .read).readAll()
        let parsed = try SignedNote(bytes: note, file: "cp")
        let cosignature = Cosignature.sign(body: parsed.text, key: Self.witnessKey, timestamp: 1_751_889_600)
        let cosigned = try SignedNote(bytes: parsed.adding(cosignature).encoded, file: "cp")
        #expect(cosigned.encoded == note + cosignature.line, "the line is appended, the rest unchanged")
        let witnessed = try cosigned.requireWitnesses([Self.witnessKey.verifier], count: 1, file: "cp", now: Self.now)
        #expect(witnessed == [Witnessed(key: Self.witnessKey.verifier, time: Timestamp(rfc3339: "2025-07-07T12:00:00Z")!)])
        // The office's own signature still verifies; the cosignature is ignored by it.
        _ = try Checkpoint.open(cosigned.encoded, key: logKey, file: "cp")
        // A witness that did not cosign is missing; two required of one is too few.
        #expect(throws: AuditError.tooFewWitnesses(file: "cp", required: 2, witnessed: [Self.witnessKey.verifier.label],
                                                    missing: [Self.otherWitnessKey.verifier.label], notCredible: [])) {
            try cosigned.requireWitnesses([Self.witnessKey.verifier, Self.otherWitnessKey.verifier], count: 2, file: "cp", now: Self.now)
        }
        // The office key is not a witness key, and a witness key cannot check the office's signature.
        #expect(throws: AuditError.wrongKeyKind(file: "cp", key: logKey.label, expected: .cosignatureV1)) {
            try cosigned.witnesses([logKey], file: "cp", now: Self.now)
        }
        #expect(throws: AuditError.wrongKeyKind(file: "cp", key: Self.witnessKey.verifier.label, expected: .ed25519)) {
            try Checkpoint.open(note, key: Self.witnessKey.verifier, file: "cp")
        }
        // Every single changed bit of the cosignature's time or signature is caught.
        let line = cosignature.line
        let start = cosigned.encoded.count - line.count
        let base64Start = start + "\u{2014} ".utf8.count + Self.witnessKey.name.utf8.count + 1
        for position in base64Start..<(cosigned.encoded.count - 1) {
            var changed = cosigned.encoded
            changed[position] = changed[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            guard let note = try? SignedNote(bytes: changed, file: "cp") else { continue }  // not base64 any more
            #expect(throws: AuditError.self, "byte \(position) changed") {
                try note.requireWitnesses([Self.witnessKey.verifier], count: 1, file: "cp", now: Self.now)
            }
        }
        // The checkpoint text changed under the cosignature: the office signature and the cosignature both fail.
        let edited = Array(String(decoding: cosigned.encoded, as: UTF8.self).replacingOccurrences(of: "\n7\n", with: "\n8\n").utf8)
        #expect(throws: AuditError.badCosignature(file: "cp", witness: Self.witnessKey.verifier.label)) {
            try SignedNote(bytes: edited, file: "cp").witnesses([Self.witnessKey.verifier], file: "cp", now: Self.now)
        }
    }

    /// Review 36c: a cosignature dated before the checkpoint's own time (2025-06-30T12:00:00Z) or later than the
    /// reader's clock plus 5 minutes is not counted as a witness, and the refusal says why (14.9).
    @Test(arguments: [
        (1_751_284_800, true),           // the checkpoint's own second
        (1_751_284_799, false),          // one second before it
        (0, false),                      // 1970
        (1_751_889_600 + 300, true),     // now plus the allowed difference (now = the vector's time)
        (1_751_889_600 + 301, false),    // one second more
        (4_102_444_800, false),          // 2100
        (Int64.max, false),              // 2^63 - 1
    ] as [(Int64, Bool)])
    func cosignatureTimeMustBeCredible(_ timestamp: Int64, _ counted: Bool) throws {
        let note = try PosixFile(path: Fixtures.path("testdata/merkle/sample-checkpoint.txt"), mode: .read).readAll()
        let parsed = try SignedNote(bytes: note, file: "cp")
        let cosignature = Cosignature.sign(body: parsed.text, key: Self.witnessKey, timestamp: UInt64(timestamp))
        let cosigned = try SignedNote(bytes: parsed.adding(cosignature).encoded, file: "cp")
        let now = Timestamp(rfc3339: "2025-07-07T12:00:00Z")!
        let found = try cosigned.witnesses([Self.witnessKey.verifier], file: "cp", now: now)
        #expect(found.count == 1 && (found[0].timeProblem == nil) == counted, "\(found)")
        if counted {
            #expect(try cosigned.requireWitnesses([Self.witnessKey.verifier], count: 1, file: "cp", now: now).count == 1)
            return
        }
        #expect(try cosigned.requireWitnesses([Self.witnessKey.verifier], count: 0, file: "cp", now: now).isEmpty, "not counted")
        do {
            _ = try cosigned.requireWitnesses([Self.witnessKey.verifier], count: 1, file: "cp", now: now)
            Issue.record("a cosignature dated \(timestamp) was counted")
        } catch {
            guard case .tooFewWitnesses(_, _, let witnessed, let missing, let notCredible) = error else { Issue.record("\(error)"); return }
            #expect(witnessed.isEmpty && missing.isEmpty && notCredible.count == 1)
            let words = AuditWords.error(error)
            #expect(words.en.contains("witness time not credible: \(Self.witnessKey.verifier.label) cosigned at "), "\(words.en)")
            #expect(words.zh.contains("见证时间不可信：\(Self.witnessKey.verifier.label) 的副署时间 "), "\(words.zh)")
        }
        // An earlier credible cosignature line by the same witness still counts.
        if timestamp > 1_751_284_800 {
            let good = Cosignature.sign(body: parsed.text, key: Self.witnessKey, timestamp: 1_751_889_600)
            let both = try SignedNote(bytes: cosigned.encoded + good.line, file: "cp")
            #expect(try both.requireWitnesses([Self.witnessKey.verifier], count: 1, file: "cp", now: now).map(\.time) == [now])
        }
    }

    @Test func witnessFollowsOneHistoryAndRefusesSplitViewRewriteAndRollback() throws {
        let root = SampleLedger.temporaryDirectory()
        let witness = try WitnessDirectory.create(path: root + "/witness", key: Self.witnessKey)
        #expect(throws: AuditError.witness(.exists(path: root + "/witness"))) { try WitnessDirectory.create(path: root + "/witness", key: Self.witnessKey) }

        // First checkpoint (3 records): accepted on its signature; the log's key and size are pinned.
        let (honest, note3) = try ledger(root, "honest", batches: 2)
        let first = try witness.cosign(note: note3, file: "cp3", logKey: logKey, request: nil, requestFile: "", time: time)
        #expect(first.previous == nil && first.checkpoint.size == 3)
        #expect(try witness.state(origin: SampleLedger.name)?.checkpoint.size == 3)

        // The log grows to 7: cosigned with the consistency proof from 3.
        try SampleLedger.append(honest, batches: Array(SampleLedger.batches.suffix(2)), startingDay: 5)
        let (_, note7) = try LedgerAudit.makeCheckpoint(honest, key: SampleLedger.signer, time: time)
        #expect(throws: AuditError.witness(.needsProof(origin: SampleLedger.name, lastSize: 3))) {
            try witness.cosign(note: note7, file: "cp7", logKey: logKey, request: nil, requestFile: "", time: time)
        }
        #expect(throws: AuditError.witness(.proofFromWrongSize(origin: SampleLedger.name, lastSize: 3, proofSize: 2, requestFile: "req"))) {
            try witness.cosign(note: note7, file: "cp7", logKey: logKey, request: try request(honest, from: 2, note7), requestFile: "req", time: time)
        }
        let second = try witness.cosign(note: note7, file: "cp7", logKey: logKey, request: try request(honest, from: 3, note7),
                                        requestFile: "req", time: time)
        #expect(second.previous?.size == 3)
        #expect(try SignedNote(bytes: second.note, file: "cp7").witnesses([Self.witnessKey.verifier], file: "cp7", now: Self.now).count == 1)
        // The same checkpoint again: no proof needed, cosigned again (one line per witness).
        let again = try witness.cosign(note: second.note, file: "cp7", logKey: logKey, request: nil, requestFile: "", time: time)
        #expect(again.note == second.note)
        let state = try stateBytes(witness)

        // Split view: the office signs another history of the same 7 records.
        let forked = try SampleLedger.create(at: root + "/forked")
        try SampleLedger.rewriteAndRehash(forked, seq: 5) { $0["amount_fen"] = .integer(20_000) }
        let (_, forkedNote7) = try LedgerAudit.makeCheckpoint(forked, key: SampleLedger.signer, time: time)
        let forked7 = try Checkpoint.openUnverified(forkedNote7, file: "fork")
        #expect(throws: AuditError.witness(.splitView(origin: SampleLedger.name, size: 7, knownRoot: second.checkpoint.root, newRoot: forked7.root))) {
            try witness.cosign(note: forkedNote7, file: "fork", logKey: logKey, request: nil, requestFile: "", time: time)
        }
        // The forked history grows: its own proof from 7 is valid inside it, but not from the root the witness saw.
        try SampleLedger.append(forked, batches: SampleLedger.laterEvents(2, from: 1), startingDay: 9)
        let (_, forkedNote9) = try LedgerAudit.makeCheckpoint(forked, key: SampleLedger.signer, time: time)
        #expect {
            try witness.cosign(note: forkedNote9, file: "fork9", logKey: logKey, request: try request(forked, from: 7, forkedNote9),
                               requestFile: "req", time: time)
        } throws: { error in
            guard case AuditError.witness(.inconsistent(_, 7, 9, _)) = error else { return false }
            return (error as! AuditError).isIntegrityFailure
        }
        // Rollback: the old 3-record checkpoint shown again.
        #expect(throws: AuditError.witness(.rollback(origin: SampleLedger.name, lastSize: 7, lastTime: time, newSize: 3))) {
            try witness.cosign(note: note3, file: "cp3", logKey: logKey, request: nil, requestFile: "", time: time)
        }
        // A checkpoint under another key for the same ledger, and one not signed by the key given.
        let (_, otherKeyNote) = try LedgerAudit.makeCheckpoint(honest, key: SampleLedger.otherSigner, time: time)
        #expect(throws: AuditError.witness(.logKeyChanged(origin: SampleLedger.name, known: logKey.text, given: SampleLedger.otherSigner.verifier.text))) {
            try witness.cosign(note: otherKeyNote, file: "other", logKey: SampleLedger.otherSigner.verifier, request: nil, requestFile: "", time: time)
        }
        #expect {
            try witness.cosign(note: otherKeyNote, file: "other", logKey: logKey, request: nil, requestFile: "", time: time)
        } throws: { ($0 as? AuditError)?.isIntegrityFailure == true }
        // None of the refusals changed what the witness remembers.
        #expect(try stateBytes(witness) == state)
        #expect(try witness.states().map(\.checkpoint.size) == [7])
    }

    @Test func damagedStateIsReportedNotTrusted() throws {
        let root = SampleLedger.temporaryDirectory()
        let witness = try WitnessDirectory.create(path: root + "/witness", key: Self.witnessKey)
        let (_, note7) = try ledger(root, "ledger", batches: 4)
        _ = try witness.cosign(note: note7, file: "cp", logKey: logKey, request: nil, requestFile: "", time: time)
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/witness/logs")
        let path = root + "/witness/logs/" + files[0]
        // Someone lowers the remembered size by hand so that a rollback would pass.
        let text = String(decoding: try PosixFile(path: path, mode: .read).readAll(), as: UTF8.self)
        try PosixFile.writeAtomically(Array(text.replacingOccurrences(of: "\"size\":7", with: "\"size\":3").utf8), to: path)
        #expect {
            try witness.cosign(note: note7, file: "cp", logKey: logKey, request: nil, requestFile: "", time: time)
        } throws: { error in
            guard case AuditError.witness(.damagedState) = error else { return false }
            return true
        }
    }

    @Test func requestFileRoundTripsAndRejectsMalformedInput() throws {
        let note = try PosixFile(path: Fixtures.path("testdata/merkle/sample-checkpoint.txt"), mode: .read).readAll()
        let proof = [Digest32(hex: String(repeating: "ab", count: 32))!, Digest32.zero]
        let request = WitnessRequest(oldSize: 3, proof: proof, checkpointNote: note)
        #expect(try WitnessRequest(bytes: request.encoded, file: "r") == request)
        let bad: [(String, String)] = [
            ("old 03\n\n", "leading zero"), ("old 3\nnot-base64\n\n", "bad hash"), ("old 0\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n\n", "proof from 0"),
            ("size 3\n\n", "no old line"), ("old 3\n", "no blank line"),
        ]
        for (text, why) in bad {
            #expect(throws: AuditError.self, "\(why)") { try WitnessRequest(bytes: Array(text.utf8) + note, file: "r") }
        }
    }
}
