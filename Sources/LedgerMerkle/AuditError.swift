import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Every way LedgerMerkle refuses something: a key, signed note, checkpoint, proof bundle or publication file that
/// is not what it claims, a proof that fails, a checkpoint or proof that cannot be made, a witness that does not
/// cosign. Each case carries where (file, line, seq, size, key name) and what, as labelled values; the words, in
/// English and Chinese, are `AuditWords.error` (the English is `description`). Which of them is an integrity
/// failure and which an input error depends on what was being done, so the command line decides (`AuditSupport`).
public enum AuditError: Error, Equatable, CustomStringConvertible {
    // MARK: Keys, notes and the files an auditor is given

    /// A key file (or a key built in code, `file` "(key)") does not have the documented form.
    case badKey(file: String, problem: KeyProblem)
    /// A key name is empty, has white space or a `+`.
    case badKeyName(name: String)
    /// An office key was given where a witness key is needed, or the other way round.
    case wrongKeyKind(file: String, key: String, expected: NoteKeys.Algorithm)
    /// The file is not a signed note (text, blank line, signature lines), or not a consistency proof file.
    case badNote(file: String, problem: NoteProblem)
    /// No signature on the note is by the pinned key; lists the key names that did sign.
    case notSignedByKey(file: String, key: String, signers: [String])
    /// A signature by the pinned key does not verify: the note was changed after signing, or forged.
    case badSignature(file: String, key: String)
    /// A cosignature by a pinned witness key does not verify: the checkpoint or the cosignature was altered;
    /// `problem` says what was found (a signature that does not verify, a line of the wrong length, a time too large).
    case badCosignature(file: String, witness: String, problem: CosignatureProblem = .signature)
    /// Fewer valid cosignatures by the pinned witness keys than required; `notCredible` are the valid ones whose
    /// time cannot be true (14.9), which do not count.
    case tooFewWitnesses(file: String, required: Int, witnessed: [String], missing: [String], notCredible: [Witnessed] = [])
    /// The checkpoint text inside a valid note is not in the documented form.
    case badCheckpoint(file: String, line: Int, problem: CheckpointProblem)
    /// The proof bundle or publication file is not in the documented form, or does not agree with itself.
    case badBundle(file: String, problem: BundleProblem)
    /// A disclosure's data file (`publication.json`) is not in the documented form, or does not agree with itself:
    /// the problems of a bundle, named for the file it is (review 35d #4).
    case badPublication(file: String, problem: BundleProblem)

    // MARK: Proofs and the tree

    /// A proof inside the file `file` failed.
    case proof(file: String, problem: ProofProblem)
    /// A proof or tree computation failed (no file involved: `MerkleTree`, `MerkleVerifier`, the index).
    case merkle(ProofProblem)
    /// The on-disk Merkle index is unusable (it is rebuilt from the log when this happens).
    case indexDamaged(path: String, reason: IndexDamage)
    /// A file operation failed.
    case file(FileError)
    /// An error of the log layer (reading the log).
    case chain(ChainError)

    // MARK: Refusals

    /// A checkpoint or a proof that cannot be made.
    case refused(Refusal)
    /// A witness that does not cosign, or a witness directory that cannot be used.
    case witness(WitnessProblem)

    public var description: String { AuditWords.error(self).en }

    /// True for refusals that mean the log (or a witness's record of it) is not what it claims, whatever the
    /// command: a rollback, split view, inconsistent proof, damaged witness state, or a checkpoint to cosign that
    /// does not verify.
    public var isIntegrityFailure: Bool {
        guard case .witness(let problem) = self else { return false }
        switch problem {
        case .rollback, .splitView, .inconsistent, .damagedState: return true
        case .notCosigned(let error):
            switch error {
            case .badKey, .badKeyName, .wrongKeyKind: return false
            default: return true
            }
        default: return false
        }
    }

    /// `.merkle(p)` as a failure of a proof in `file`; any other error unchanged.
    func inFile(_ file: String) -> AuditError {
        if case .merkle(let problem) = self { return .proof(file: file, problem: problem) }
        return self
    }

    /// What is wrong with a key file.
    /// Why a cosignature line by a pinned witness is not a valid cosignature (ledger-spec.md 14.9 step 2).
    public enum CosignatureProblem: Equatable, Sendable {
        /// Well formed, but the signature does not verify over the cosigned message.
        case signature
        /// Its signature blob holds `bytes` bytes where a cosignature holds 76 (4 key id, 8 time, 64 signature).
        case length(bytes: Int)
        /// Its time, `seconds`, is 2^63 or more, beyond what a cosignature may carry.
        case time(seconds: UInt64)
    }

    public enum KeyProblem: Equatable, Sendable {
        /// An Ed25519 public key given in code is not 32 bytes.
        case publicKeyLength(found: Int)
        /// A point of small order or a non-canonical encoding.
        case unusable
        /// A private key was given where the public key belongs.
        case privateKeyGiven
        /// Not one line NAME+KEYID+KEY.
        case notPublicKeyLine
        /// Not one line PRIVATE+KEY+NAME+KEYID+KEY.
        case notPrivateKeyLine
        /// The key id is not 8 lower-case hex digits.
        case badKeyID(text: String)
        /// The key part is not base64 of an algorithm byte and 32 bytes.
        case notBase64Key
        /// The seed part is not base64 of an algorithm byte and 32 bytes.
        case notBase64Seed
        /// The key id does not match the name and key.
        case keyIDMismatch(id: String)
        case empty
        case notOneLine
        case notUTF8
        /// White space or a control character (`codePoint`) at 1-based `byte` of the file, `where` in the line: no part
        /// of a key line may hold one (ledger-spec.md 14.3), so it is named before the part it broke.
        case whiteSpace(codePoint: UInt32, byte: Int, where: LinePlace)
        /// The name begins with U+FEFF: the file was saved as "UTF-8 with BOM", and the key id no longer matches.
        case byteOrderMark
        /// The seed was refused by Ed25519.
        case badSeed(Ed25519Error)
    }

    /// Where in a key line a character stands: before its first visible character, after its last, or between.
    public enum LinePlace: Equatable, Sendable {
        case start, end, inside
    }

    /// What is wrong with a signed note (or a consistency proof file, which carries one).
    public enum NoteProblem: Equatable, Sendable {
        case tooLarge(bytes: Int, limit: Int)
        case invalidUTF8(byte: Int)
        /// A control character other than LF (`codePoint`: a tab, a CR, …), at 1-based `byte` of 1-based `line`.
        case controlCharacter(codePoint: UInt32, byte: Int, line: Int)
        case noBlankLine
        case signaturesMissing
        case signatureDash
        case signatureFields
        case signatureKeyName(name: String)
        case signatureNotBase64(key: String)
        case tooManySignatures(limit: Int)
        /// A consistency proof file larger than one can be.
        case requestTooLarge(bytes: Int)
        /// A consistency proof file's `line` is not as written by `ledger consistency`.
        case requestLine(line: Int, problem: RequestLineProblem)
    }

    /// What is wrong with a line of a consistency proof file.
    public enum RequestLineProblem: Equatable, Sendable {
        case noNewline
        case tooManyHashes(limit: Int)
        case expectedOld
        case badSize(text: String)
        case notBase64Hash
        case hashesFromZero
    }

    /// What is wrong with a checkpoint's text (the line is in `badCheckpoint`).
    public enum CheckpointProblem: Equatable, Sendable {
        case noFinalNewline
        case lineCount(found: Int, versionLine: String)
        case badOrigin
        case sizeNotDecimal(text: String)
        case sizeZero
        case sizeTooLarge(size: UInt64)
        case rootNotBase64(text: String)
        case version(expected: String, found: String)
        case headLine
        case timeLine
        case notCanonical
    }

    /// What is wrong with a proof bundle or publication file.
    public enum BundleProblem: Equatable, Sendable {
        case tooLarge(bytes: Int, limit: Int)
        case noFinalNewline
        case notJSON(EventError)
        case notObject
        case formatMissing
        /// `found` nil: the member is missing or not a string.
        case format(found: String?, expected: String)
        case members(missing: [String], unexpected: [String])
        /// The member `name` is not of the form `expected` describes.
        case member(name: String, expected: MemberForm)
        /// An array element or nested member (`inclusion_proof[2]`, `records[0].inclusion_proof`) is not of the form.
        case element(path: String, expected: MemberForm)
        /// `leaf_index` (nil: not a whole number) is not `seq − 1`.
        case leafIndexNotSeqMinusOne(leafIndex: Int64?, seq: Int64)
        case communityOrPeriod
        case wrongType
        /// `witnesses_required` is below 0 or more than the `keys` witness keys the file gives.
        case witnessesRequired(required: Int64, keys: Int)
        case recordsNotSorted(position: Int)
        case notCanonical
        /// The bundle's `tree_size` differs from its checkpoint's.
        case treeSizeDiffers(bundle: UInt64, checkpoint: UInt64)
        case leafHashDiffers(claimed: Digest32, computed: Digest32)
        case notRecordLine(ChainError.LineProblem)
        case lineTooShort
        case recordAltered(seq: Int64, computed: Digest32, claimed: Digest32)
        case seqDiffers(claimed: Int64, record: Int64)
        case headDiffers(seq: Int64)
        /// A publication names another key than the pinned one.
        case otherKey(named: String, pinned: String)
    }

    /// The form a bundle member must have.
    public enum MemberForm: Equatable, Sendable {
        case string
        case array
        case positiveInteger
        case integerAtLeastSeq
        case hex64
        /// An array every element of which must be `hex64`.
        case hex64Values
        case recordEntry
    }

    /// What failed in a Merkle proof or tree computation.
    public enum ProofProblem: Equatable, Sendable {
        /// The leaf index is not inside the tree (RFC 6962 needs 0 ≤ index < size).
        case indexOutOfRange(index: UInt64, size: UInt64)
        /// A consistency proof from an empty tree or to a smaller tree was asked for; both are meaningless.
        case badConsistencySizes(size1: UInt64, size2: UInt64)
        /// A hash in a proof, or a leaf hash, is not 32 bytes.
        case badHashLength(what: ProofPart, found: Int)
        /// The proof has more or fewer hashes than the tree shape needs.
        case wrongProofLength(expected: Int, found: Int)
        /// The proof does not lead to the expected root.
        case rootMismatch(what: ProofPart, expected: Digest32, calculated: Digest32)
        /// Two trees of the same size have different roots: they hold different leaves.
        case rootsDiffer(size: UInt64)
        /// A root that must be 32 bytes is not.
        case rootNotDigest(what: ProofPart, found: Int)
        /// A tree size larger than the tree that was given.
        case sizeBeyondTree(requested: UInt64, available: UInt64)
    }

    /// Which part of a proof a `ProofProblem` is about.
    public enum ProofPart: Equatable, Sendable {
        case expectedRoot
        case oldRoot
        case newRoot
        case leafHash
        /// The 1-based `position`th hash of the proof.
        case proofHash(position: Int)
        case inclusionProof(leaf: UInt64, size: UInt64)
        case consistencyOldTree(size1: UInt64, size2: UInt64)
        case consistencyNewTree(size1: UInt64, size2: UInt64)
    }

    /// Why a checkpoint or a proof could not be made. `.mismatch` means the log no longer matches what the
    /// checkpoint signed; the others are requests that cannot be met.
    public enum Refusal: Equatable, Sendable {
        /// The ledger has no records: there is nothing to sign.
        case empty
        /// The log fails verification, so it is not signed.
        case integrity(IntegrityFailure)
        /// The ledger's name cannot be a checkpoint origin.
        case badOrigin(name: String)
        /// The checkpoint `file` names ledger `origin`, not this ledger `ledger`.
        case otherLedger(file: String, origin: String, ledger: String)
        /// Record `seq` lies outside the `size` records `file` covers.
        case notCovered(seq: Int64, file: String, size: UInt64)
        /// A consistency proof was asked from `fromSize` records, more than the `size` of `file`.
        case consistencyFromLarger(fromSize: UInt64, file: String, size: UInt64)
        /// The log's first `size` records are not the ones checkpoint `file` signed (or the log is shorter).
        case mismatch(file: String, size: UInt64)
        /// The checkpoint's `time` is before the `recordedAt` of its head record `seq`: it cannot have been made then.
        case timeBeforeHead(time: Timestamp, seq: Int64, recordedAt: Timestamp)
    }

    /// Why a witness did not cosign, or its directory cannot be used.
    public enum WitnessProblem: Equatable, Sendable {
        /// A file of the witness directory is a symbolic link or not the kind it must be: refused, never followed.
        case unsafeFile(path: String, kind: FileKind, expected: FileKind)
        /// The witness's private key can be read (or changed) by group or others.
        case exposedKey(path: String, permissions: UInt32)
        case exists(path: String)
        case notAWitness(path: String, reason: NotAWitness)
        case locked(path: String)
        case badTime(Timestamp)
        /// The checkpoint or the request is unreadable, or the office's signature does not verify.
        indirect case notCosigned(AuditError)
        case damagedState(file: String, damage: StateDamage)
        case logKeyChanged(origin: String, known: String, given: String)
        case needsProof(origin: String, lastSize: UInt64)
        case proofFromWrongSize(origin: String, lastSize: UInt64, proofSize: UInt64, requestFile: String)
        case proofForOtherCheckpoint(file: String, checkpointFile: String)
        /// The checkpoint is smaller than the last one cosigned: records were removed, or an old checkpoint is replayed.
        case rollback(origin: String, lastSize: UInt64, lastTime: Timestamp, newSize: UInt64)
        /// Same size, different root: two different histories of the same log.
        case splitView(origin: String, size: UInt64, knownRoot: Digest32, newRoot: Digest32)
        /// The consistency proof does not verify: the new checkpoint does not extend the one cosigned before.
        indirect case inconsistent(origin: String, fromSize: UInt64, toSize: UInt64, detail: AuditError)
    }

    /// Why a directory is not a witness directory.
    public enum NotAWitness: Equatable, Sendable {
        /// It lacks the key file or `logs/`.
        case missingMembers(keyFile: String)
        /// Its key file is not a key.
        indirect case badKey(AuditError)
        /// Its key file holds an office's checkpoint key.
        case officeKey(keyPath: String)
        /// `logs/` cannot be listed (`reason`: the system's words).
        case cannotList(logsPath: String, reason: String)
    }

    /// Why the Merkle index (`index/merkle.idx`, `offsets.idx`) cannot be used as it is: it is rebuilt from the log.
    public enum IndexDamage: Equatable, Sendable {
        case noIndexYet
        case lockHeld
        case merkleHeader
        case offsetsHeader
        case coverDifferentRecords
        case countsOutOfRange
        case emptyCoversBytes
        case merkleShort
        case offsetsShort
        /// The log ends before the bytes the index covers, and the index's records up to the log's end are the log's:
        /// records after them were removed (or the index was made from a longer copy of this log).
        case logShorter
        /// The index covers more than the log holds and its records are not the log's (the last it holds within the
        /// log's bytes is not the log's record there): another ledger's or another history's index, not a removal.
        case otherLog
        indirect case lastRecordDiffers(AuditError)
        case nodeCutShort(byte: Int64)
        case offsetCutShort(seq: Int64)
        case badOffsets(seq: Int64, start: Int64, end: Int64)
        case lineLength(seq: Int64, bytes: Int64)
        case notLineStart(seq: Int64)
        case notLineEnd(seq: Int64)
        case recordUnreadable(seq: Int64, problem: ChainError.LineProblem)
        case otherLine(seq: Int64)
        case leafDiffers(seq: Int64)
        /// The node at byte `byte` of merkle.idx is not the one the log gives (`MerkleIndex.checkAndRebuild`).
        case nodeDiffers(byte: Int64)
        /// Record `seq`'s offset in offsets.idx is not its line's in the log (`MerkleIndex.checkAndRebuild`).
        case offsetDiffers(seq: Int64)
        /// Reading the log to rebuild the index failed.
        case logUnreadable(ChainError)

        /// Whether the index may be sound and the log changed after it was made: its last record is not the log's
        /// record at that seq (its leaf, or the line its offset points at). Only the last record can tell: the chain
        /// binds every earlier record to it, so when it matches, any other difference is damage to the index. When it
        /// does not, the index may hold the log's earlier history, and `verify --index` must not say the log is not
        /// affected (review 44b #1: a log rewritten from record 100 on read as a damaged index).
        public var mayBeLogChange: Bool {
            guard case .lastRecordDiffers(.indexDamaged(_, let reason)) = self else { return false }
            switch reason {
            case .leafDiffers, .notLineStart, .notLineEnd, .otherLine, .recordUnreadable: return true
            default: return false
            }
        }

        /// The one file of the index the damage was found in (`merkle.idx` or `offsets.idx`), nil when it is the
        /// pair's (their headers disagree, the log is shorter, …): `verify --index` reports the other file as
        /// rebuilt with it, not as damaged.
        public var fileName: String? {
            switch self {
            case .merkleHeader, .merkleShort, .nodeCutShort, .leafDiffers, .nodeDiffers: return MerkleIndex.merkleFileName
            case .offsetsHeader, .offsetsShort, .offsetCutShort, .badOffsets, .lineLength, .notLineStart, .notLineEnd,
                 .recordUnreadable, .otherLine, .offsetDiffers: return MerkleIndex.offsetsFileName
            case .lastRecordDiffers(.indexDamaged(_, let reason)): return reason.fileName
            case .noIndexYet, .lockHeld, .coverDifferentRecords, .countsOutOfRange, .emptyCoversBytes, .logShorter, .otherLog,
                 .lastRecordDiffers, .logUnreadable: return nil
            }
        }
    }

    /// What is wrong with a witness's state file for one log.
    public enum StateDamage: Equatable, Sendable {
        case tooLarge(bytes: Int64, limit: Int)
        case otherLog(found: String, expected: String)
        case notJSONLine
        case format(expected: String)
        case memberMissing
        indirect case checkpoint(AuditError)
        /// The member `field` beside the checkpoint says `stated`; the checkpoint it holds says `inCheckpoint`.
        case disagrees(field: String, stated: String, inCheckpoint: String)
        case notCanonical
    }
}
