import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import Testing

/// `AuditWords`: every case of `AuditError` (and of its detail enums) and of `LedgerAudit.Divergence` has its words
/// in both languages — the English is `description`, the Chinese is Chinese (no English phrase left in it apart
/// from the values, the commands in “” and the fixed tags such as REFUSED).
@Suite struct AuditWordsTests {
    static let a = Digest32(hex: String(repeating: "a", count: 64))!
    static let b = Digest32(hex: String(repeating: "b", count: 64))!
    static let time = Timestamp(rfc3339: "2026-03-01T08:00:00Z")!
    static let failure = IntegrityFailure(seq: 4, lineNumber: 4, byteOffset: 900,
                                          kind: .hashMismatch(stored: String(repeating: "c", count: 64), computed: String(repeating: "d", count: 64)))

    /// One value of every case, nested detail cases included.
    static let errors: [AuditError] = {
        let keys: [AuditError.KeyProblem] = [
            .publicKeyLength(found: 31), .unusable, .privateKeyGiven, .notPublicKeyLine, .notPrivateKeyLine, .badKeyID(text: "xyz"),
            .notBase64Key, .notBase64Seed, .keyIDMismatch(id: "0badc0de"), .empty, .notOneLine, .notUTF8,
            .badSeed(.badKeyLength(expected: 32, found: 7)), .badSeed(.randomSourceFailed),
            .whiteSpace(codePoint: 0x20, byte: 1, where: .start), .whiteSpace(codePoint: 0x09, byte: 60, where: .end),
            .whiteSpace(codePoint: 0x3000, byte: 5, where: .inside), .whiteSpace(codePoint: 0x1B, byte: 2, where: .inside), .byteOrderMark,
        ]
        let notes: [AuditError.NoteProblem] = [
            .tooLarge(bytes: 70000, limit: 65536), .invalidUTF8(byte: 9), .controlCharacter(codePoint: 0x0D, byte: 12, line: 2), .controlCharacter(codePoint: 0x09, byte: 30, line: 3), .noBlankLine,
            .signaturesMissing, .signatureDash, .signatureFields, .signatureKeyName(name: "a b"), .signatureNotBase64(key: "office"),
            .tooManySignatures(limit: 100), .requestTooLarge(bytes: 99999),
            .requestLine(line: 1, problem: .noNewline), .requestLine(line: 9, problem: .tooManyHashes(limit: 63)),
            .requestLine(line: 1, problem: .expectedOld), .requestLine(line: 1, problem: .badSize(text: "07")),
            .requestLine(line: 3, problem: .notBase64Hash), .requestLine(line: 2, problem: .hashesFromZero),
        ]
        let checkpoints: [AuditError.CheckpointProblem] = [
            .noFinalNewline, .lineCount(found: 5, versionLine: "ledger-checkpoint v1"), .badOrigin, .sizeNotDecimal(text: "012"),
            .sizeZero, .sizeTooLarge(size: UInt64.max), .rootNotBase64(text: "??"),
            .version(expected: "ledger-checkpoint v1", found: "ledger-checkpoint v2"), .headLine, .timeLine, .notCanonical,
        ]
        let bundles: [AuditError.BundleProblem] = [
            .tooLarge(bytes: 9, limit: 8), .noFinalNewline, .notJSON(.json(byteOffset: 3, problem: .endExpectingValue)),
            .notObject, .formatMissing, .format(found: "ledger-proof/2", expected: "ledger-proof/1"),
            .format(found: nil, expected: "ledger-publication/1"), .members(missing: ["seq"], unexpected: ["x"]),
            .member(name: "record", expected: .string), .member(name: "inclusion_proof", expected: .array),
            .member(name: "seq", expected: .positiveInteger), .member(name: "tree_size", expected: .integerAtLeastSeq),
            .member(name: "leaf_hash", expected: .hex64), .element(path: "records[0].inclusion_proof", expected: .hex64Values),
            .element(path: "records[2]", expected: .recordEntry), .leafIndexNotSeqMinusOne(leafIndex: 4, seq: 3), .leafIndexNotSeqMinusOne(leafIndex: nil, seq: 3), .communityOrPeriod, .wrongType,
            .witnessesRequired(required: -1, keys: 1), .witnessesRequired(required: 3, keys: 1), .recordsNotSorted(position: 2), .notCanonical, .treeSizeDiffers(bundle: 8, checkpoint: 9),
            .leafHashDiffers(claimed: a, computed: b), .notRecordLine(.tooLong(2_000_000)), .notRecordLine(.invalidUTF8(byteOffset: 4)),
            .lineTooShort, .recordAltered(seq: 2, computed: a, claimed: b), .seqDiffers(claimed: 2, record: 3), .headDiffers(seq: 8),
            .otherKey(named: "x+00000000", pinned: "office+12345678"),
        ]
        let parts: [AuditError.ProofPart] = [
            .expectedRoot, .oldRoot, .newRoot, .leafHash, .proofHash(position: 2), .inclusionProof(leaf: 1, size: 8),
            .consistencyOldTree(size1: 3, size2: 8), .consistencyNewTree(size1: 3, size2: 8),
        ]
        let proofs: [AuditError.ProofProblem] = [
            .indexOutOfRange(index: 9, size: 8), .badConsistencySizes(size1: 0, size2: 8), .badConsistencySizes(size1: 9, size2: 8),
            .wrongProofLength(expected: 3, found: 2), .rootsDiffer(size: 8), .sizeBeyondTree(requested: 9, available: 8),
        ] + parts.flatMap { part -> [AuditError.ProofProblem] in
            [.badHashLength(what: part, found: 31), .rootMismatch(what: part, expected: a, calculated: b), .rootNotDigest(what: part, found: 31)]
        }
        let refusals: [AuditError.Refusal] = [
            .empty, .integrity(failure), .badOrigin(name: "a\nb"), .otherLedger(file: "cp.txt", origin: "other", ledger: "badaguan"),
            .notCovered(seq: 500, file: "cp.txt", size: 8), .consistencyFromLarger(fromSize: 9, file: "cp.txt", size: 8),
            .mismatch(file: "cp.txt", size: 8),
            .timeBeforeHead(time: time, seq: 8, recordedAt: Timestamp(secondsSinceEpoch: time.secondsSinceEpoch + 60)),
        ]
        let witnesses: [AuditError.WitnessProblem] = [
            .unsafeFile(path: "w/witness.key", kind: .symbolicLink, expected: .regular), .exposedKey(path: "w/witness.key", permissions: 0o644),
            .exists(path: "w"), .notAWitness(path: "w", reason: .missingMembers(keyFile: "witness.key")),
            .notAWitness(path: "w", reason: .badKey(.badKey(file: "w/witness.key", problem: .empty))),
            .notAWitness(path: "w", reason: .officeKey(keyPath: "w/witness.key")), .locked(path: "w/lock"),
            .badTime(Timestamp(rfc3339: "1969-12-31T23:59:59Z") ?? time), .notCosigned(.badSignature(file: "cp.txt", key: "office")),
            .damagedState(file: "w/logs/x", damage: .tooLarge(bytes: 300000, limit: 262144)),
            .damagedState(file: "w/logs/x", damage: .otherLog(found: "a", expected: "b")),
            .damagedState(file: "w/logs/x", damage: .notJSONLine), .damagedState(file: "w/logs/x", damage: .format(expected: "witness-state/1")),
            .damagedState(file: "w/logs/x", damage: .memberMissing),
            .damagedState(file: "w/logs/x", damage: .checkpoint(.badCheckpoint(file: "x", line: 6, problem: .timeLine))),
            .damagedState(file: "w/logs/x", damage: .disagrees(field: "size", stated: "7", inCheckpoint: "3")), .damagedState(file: "w/logs/x", damage: .notCanonical),
            .logKeyChanged(origin: "badaguan", known: "k1", given: "k2"), .needsProof(origin: "badaguan", lastSize: 3),
            .proofFromWrongSize(origin: "badaguan", lastSize: 3, proofSize: 2, requestFile: "req.txt"),
            .proofForOtherCheckpoint(file: "req.txt", checkpointFile: "cp.txt"),
            .rollback(origin: "badaguan", lastSize: 7, lastTime: time, newSize: 3), .splitView(origin: "badaguan", size: 7, knownRoot: a, newRoot: b),
            .inconsistent(origin: "badaguan", fromSize: 7, toSize: 9, detail: .merkle(.rootsDiffer(size: 7))),
        ]
        return keys.map { .badKey(file: "k.pub", problem: $0) } + notes.map { .badNote(file: "cp.txt", problem: $0) }
            + checkpoints.map { .badCheckpoint(file: "cp.txt", line: 2, problem: $0) } + bundles.map { .badBundle(file: "b.json", problem: $0) }
            + [.badPublication(file: "publication.json", problem: .notCanonical)]
            + proofs.map { .merkle($0) } + proofs.prefix(2).map { .proof(file: "b.json", problem: $0) }
            + refusals.map { .refused($0) } + witnesses.map { .witness($0) }
            + [
                .badKeyName(name: "has space"), .wrongKeyKind(file: "w.pub", key: "w+1", expected: .ed25519),
                .wrongKeyKind(file: "o.pub", key: "o+1", expected: .cosignatureV1),
                .notSignedByKey(file: "cp.txt", key: "office+1", signers: []), .notSignedByKey(file: "cp.txt", key: "office+1", signers: ["a", "b"]),
                .badSignature(file: "cp.txt", key: "office"), .badCosignature(file: "cp.txt", witness: "w+1"),
                .badCosignature(file: "cp.txt", witness: "w+1", problem: .length(bytes: 77)),
                .badCosignature(file: "cp.txt", witness: "w+1", problem: .time(seconds: 1 << 63)),
                .tooFewWitnesses(file: "cp.txt", required: 2, witnessed: [], missing: ["w+1", "w+2"]),
                .tooFewWitnesses(file: "cp.txt", required: 2, witnessed: ["w+1"], missing: ["w+2"]),
                .indexDamaged(path: "L/index/merkle", reason: .leafDiffers(seq: 3)),
                .file(FileError(path: "cp.txt", operation: "open", code: 2)),
                .chain(.lockTimeout(path: "L/lock", waitedMilliseconds: 5000)),
            ]
    }()

    static let divergences: [LedgerAudit.Divergence] = [
        .otherLedger(origin: "other", ledger: "badaguan"), .shorter(size: 8, count: 6, breaksAt: nil), .shorter(size: 8, count: 7, breaksAt: 7),
        .empty, .historyRewritten(size: 8, logRoot: a, signedRoot: b, time: time), .headDiffers(size: 8, found: nil, signed: a),
        .proofFails(fromSize: 3, toSize: 8, .merkle(.wrongProofLength(expected: 3, found: 2))),
    ]

    /// An English phrase left in a Chinese text: three lower-case words in a row, outside “” (commands) and the
    /// technical detail the index reports about itself.
    static func englishPhrase(in zh: String) -> String? {
        var outside = ""
        var depth = 0
        for c in zh {
            if c == "“" { depth += 1 } else if c == "”" { depth -= 1 } else if depth == 0 { outside.append(c) }
        }
        return outside.firstMatch(of: /[a-z]{2,}[ ,;:]+[a-z]{2,}[ ,;:]+[a-z]{2,}/).map { String($0.output) }
    }

    static func check(_ wording: Wording, english: String) {
        #expect(wording.en == english)
        #expect(wording.zh != wording.en, "\(wording.en)")
        #expect(wording.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "no Chinese in: \(wording.zh)")
        #expect(englishPhrase(in: wording.zh) == nil, "English left in: \(wording.zh)")
    }

    @Test(arguments: errors) func everyErrorInBothLanguages(_ error: AuditError) {
        Self.check(AuditWords.error(error), english: error.description)
    }

    static let indexDamages: [AuditError.IndexDamage] = [
        .noIndexYet, .emptyCoversBytes, .lockHeld, .merkleHeader, .offsetsHeader, .coverDifferentRecords, .countsOutOfRange, .merkleShort,
        .offsetsShort, .logShorter, .otherLog, .lastRecordDiffers(.indexDamaged(path: "o", reason: .notLineEnd(seq: 3))),
        .nodeCutShort(byte: 64), .offsetCutShort(seq: 3), .badOffsets(seq: 3, start: 9, end: 4), .lineLength(seq: 3, bytes: -5),
        .notLineStart(seq: 3), .notLineEnd(seq: 3), .recordUnreadable(seq: 3, problem: .invalidUTF8(byteOffset: 2)), .otherLine(seq: 3),
        .leafDiffers(seq: 3), .nodeDiffers(byte: 96), .offsetDiffers(seq: 3), .logUnreadable(.lockTimeout(path: "L/lock", waitedMilliseconds: 10)),
    ]

    @Test(arguments: indexDamages) func everyIndexDamageInBothLanguages(_ damage: AuditError.IndexDamage) {
        Self.check(AuditWords.indexDamage(damage), english: AuditWords.indexDamage(damage).en)
        Self.check(AuditWords.error(.indexDamaged(path: "L/index/offsets.idx", reason: damage)),
                   english: AuditError.indexDamaged(path: "L/index/offsets.idx", reason: damage).description)
    }

    @Test(arguments: divergences) func everyDivergenceInBothLanguages(_ divergence: LedgerAudit.Divergence) {
        Self.check(AuditWords.divergence(divergence), english: divergence.description)
    }

    /// The English stays what it was (the command line and goldens print it); the Chinese is written out.
    @Test func theWordsOfTheCommonRefusals() {
        let cases: [(AuditError, String, String)] = [
            (.refused(.notCovered(seq: 500, file: "cp.txt", size: 8)),
             "record 500 is not covered by cp.txt, which covers records 1…8; make a newer checkpoint first",
             "记录 500 不在 cp.txt 的覆盖范围内（它覆盖记录 1…8）；请先签署一个较新的检查点"),
            (.notSignedByKey(file: "cp.txt", key: "office+1", signers: ["other"]),
             "cp.txt: not signed by the key office+1 (it has signatures by other); check that you are using the office's published public key",
             "cp.txt：没有密钥 office+1 的签名（它的签名来自 other）；请确认用的是街道办公开的公钥"),
            (.badCheckpoint(file: "cp", line: 2, problem: .sizeZero),
             "cp: line 2: tree size 0: a checkpoint covers at least one record", "cp 第 2 行：树的大小为 0：检查点至少覆盖一条记录"),
            (.proof(file: "b.json", problem: .wrongProofLength(expected: 3, found: 2)),
             "b.json: the proof has 2 hashes where the tree shape needs 3", "b.json：证明有 2 个哈希，而树的形状需要 3 个"),
            (.witness(.needsProof(origin: "badaguan", lastSize: 3)),
             "this witness last cosigned 3 records of log \"badaguan\"; give --consistency-from FILE, the consistency proof the office makes with `ledger consistency --from 3 --checkpoint CP --out FILE`",
             "这个见证方上次副署了账本“badaguan”的 3 条记录；请给出 --consistency-from FILE，即街道办用“ledger consistency --from 3 --checkpoint CP --out FILE”做出的一致性证明"),
            // The leaf counted as an auditor counts (#15: it read "133 片叶中第 4 片叶（从 0 数）").
            (.proof(file: "b.json", problem: .rootMismatch(what: .inclusionProof(leaf: 4, size: 133), expected: Self.a, calculated: Self.b)),
             "b.json: inclusion proof for record 5 (leaf index 4) in a tree of 133 records: the proof gives root \(Self.b.hex) but the expected root is \(Self.a.hex)",
             "b.json：记录 5（叶索引 4）在 133 条记录的树中的包含证明：证明算出的根是 \(Self.b.hex)，但应有的根是 \(Self.a.hex)"),
            // A proof bundle's checkpoint is named as such in Chinese (it was "b.json (checkpoint)").
            (.notSignedByKey(file: AuditWords.checkpoint(in: "b.json"), key: "office+1", signers: []),
             "b.json (checkpoint): not signed by the key office+1 (it has no signatures); check that you are using the office's published public key",
             "b.json 中的检查点：没有密钥 office+1 的签名（它没有任何签名）；请确认用的是街道办公开的公钥"),
        ]
        for (error, en, zh) in cases {
            #expect(AuditWords.error(error) == Wording(en: en, zh: zh))
        }
    }

    /// Which refusals mean the log misbehaved (exit 1) is a property of the one type, not of a second enum.
    @Test func integrityFailuresAreTheWitnessRefusalsOfAMisbehavingLog() {
        #expect(AuditError.witness(.rollback(origin: "x", lastSize: 7, lastTime: Self.time, newSize: 3)).isIntegrityFailure)
        #expect(AuditError.witness(.notCosigned(.badSignature(file: "cp", key: "k"))).isIntegrityFailure)
        #expect(!AuditError.witness(.notCosigned(.badKey(file: "k", problem: .empty))).isIntegrityFailure)
        #expect(!AuditError.witness(.locked(path: "w")).isIntegrityFailure)
        #expect(!AuditError.badSignature(file: "cp", key: "k").isIntegrityFailure)
    }
}
