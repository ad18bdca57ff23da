import LedgerChain
import LedgerEvents
import LedgerPlatform

/// A self-contained proof that one record is in the ledger as signed: the record line, its RFC 6962 inclusion
/// proof and the signed checkpoint. Checked with only a pinned public key — no ledger access.
///
/// The file is canonical JSON (keys sorted, no white space) followed by one newline (ledger-spec.md,
/// "Proof bundles"); the checker insists on exactly these bytes, so any changed byte is rejected.
public struct ProofBundle: Equatable, Sendable {
    /// The format tag; a new layout is a new version.
    public static let format = "ledger-proof-bundle/v1"
    /// Largest bundle accepted: a record line of `Limits.recordBytesMax` escaped, plus proof and checkpoint.
    public static let bundleBytesMax = 8 * Limits.recordBytesMax

    /// The record line exactly as in events.jsonl, without its newline.
    public let recordLine: [UInt8]
    /// The record's seq (leaf index + 1).
    public let seq: Int64
    /// Audit path for leaf seq − 1 in the tree of `checkpoint` size.
    public let inclusionProof: [Digest32]
    /// The signed checkpoint note, byte for byte.
    public let checkpointNote: [UInt8]
    /// Size of the tree the proof is for (equals the checkpoint's size).
    public let treeSize: UInt64
    /// RFC 6962 leaf hash of the record: SHA-256(0x00 || record hash bytes).
    public let leafHash: Digest32

    public init(recordLine: [UInt8], seq: Int64, inclusionProof: [Digest32], checkpointNote: [UInt8], treeSize: UInt64,
                leafHash: Digest32) {
        self.recordLine = recordLine
        self.seq = seq
        self.inclusionProof = inclusionProof
        self.checkpointNote = checkpointNote
        self.treeSize = treeSize
        self.leafHash = leafHash
    }

    /// The file bytes.
    public var encoded: [UInt8] {
        let object: [String: JSONValue] = [
            "format": .string(Self.format),
            "record": .string(String(decoding: recordLine, as: UTF8.self)),
            "seq": .integer(seq),
            "leaf_index": .integer(seq - 1),
            "tree_size": .integer(Int64(treeSize)),
            "leaf_hash": .string(leafHash.hex),
            "inclusion_proof": .array(inclusionProof.map { .string($0.hex) }),
            "checkpoint": .string(String(decoding: checkpointNote, as: UTF8.self)),
        ]
        return CanonicalJSON.encode(.object(object)) + [0x0a]
    }

    /// What a successful check established.
    public struct Verified: Equatable, Sendable {
        public let record: Record
        public let checkpoint: Checkpoint
        public let keyName: String
    }

    /// Parses and fully checks a bundle: exact canonical bytes, the checkpoint's signature by `key`, the record
    /// line's own hash, and the inclusion proof against the signed root.
    /// - Throws: `AuditError` saying which part failed.
    public static func verify(_ bytes: [UInt8], key: VerifierKey, file: String) throws(AuditError) -> Verified {
        let bundle = try parse(bytes, file: file)
        let checkpoint = try Checkpoint.open(bundle.checkpointNote, key: key, file: AuditWords.checkpoint(in: file))
        guard bundle.treeSize == checkpoint.size else {
            throw .badBundle(file: file, problem: .treeSizeDiffers(bundle: bundle.treeSize, checkpoint: checkpoint.size))
        }
        let record = try checkRecord(line: bundle.recordLine, seq: bundle.seq, proof: bundle.inclusionProof, checkpoint: checkpoint,
                                     file: file)
        let leaf = MerkleHasher().leafHash(recordHash: record.hash)
        guard leaf == bundle.leafHash else {
            throw .badBundle(file: file, problem: .leafHashDiffers(claimed: bundle.leafHash, computed: leaf))
        }
        return Verified(record: record, checkpoint: checkpoint, keyName: key.name)
    }

    /// Checks one record line against an opened checkpoint: it is a record line whose bytes hash to its own
    /// `hash`, its seq is `seq`, its inclusion proof leads to the signed root, and the checkpoint's head record
    /// has the signed head hash (ledger-spec.md 14.6, steps 3 and 4).
    /// - Throws: `.badBundle` or `.proof` naming `file`.
    public static func checkRecord(line: [UInt8], seq: Int64, proof: [Digest32], checkpoint: Checkpoint,
                                   file: String) throws(AuditError) -> Record {
        let record: Record
        do { record = try RecordCodec.decode(line: line[...]) } catch .recordLine(let problem) {
            throw .badBundle(file: file, problem: .notRecordLine(problem))
        } catch { throw .chain(error) }
        guard line.count > 76 else { throw .badBundle(file: file, problem: .lineTooShort) }
        let computed = RecordCodec.hashedBytesDigest(line: line[...], hasher: SHA256())
        guard computed == record.hash else {
            throw .badBundle(file: file, problem: .recordAltered(seq: record.seq, computed: computed, claimed: record.hash))
        }
        guard record.seq == seq else {
            throw .badBundle(file: file, problem: .seqDiffers(claimed: seq, record: record.seq))
        }
        let merkle = MerkleHasher()
        do {
            try MerkleVerifier.verifyInclusion(index: UInt64(record.seq - 1), size: checkpoint.size,
                                               leafHash: merkle.leafHash(recordHash: record.hash), proof: proof,
                                               root: checkpoint.root, hasher: merkle)
        } catch {
            throw error.inFile(file)
        }
        if UInt64(record.seq) == checkpoint.size, record.hash != checkpoint.head {
            throw .badBundle(file: file, problem: .headDiffers(seq: record.seq))
        }
        return record
    }

    /// Parses the bundle's JSON without checking the proof or signature.
    /// - Throws: `.badBundle`.
    public static func parse(_ bytes: [UInt8], file: String) throws(AuditError) -> ProofBundle {
        guard bytes.count <= bundleBytesMax else { throw .badBundle(file: file, problem: .tooLarge(bytes: bytes.count, limit: bundleBytesMax)) }
        guard bytes.last == 0x0a else { throw .badBundle(file: file, problem: .noFinalNewline) }
        let value: JSONValue
        do { value = try JSONParser.parse(Array(bytes.dropLast())) } catch {
            throw .badBundle(file: file, problem: .notJSON(error))
        }
        guard case .object(let m) = value else { throw .badBundle(file: file, problem: .notObject) }
        guard let format = m["format"]?.stringValue else { throw .badBundle(file: file, problem: .formatMissing) }
        guard format == Self.format else {
            throw .badBundle(file: file, problem: .format(found: format, expected: Self.format))
        }
        let expected: Set<String> = ["format", "record", "seq", "leaf_index", "tree_size", "leaf_hash", "inclusion_proof", "checkpoint"]
        guard Set(m.keys) == expected else {
            throw .badBundle(file: file, problem: .members(missing: expected.subtracting(m.keys).sorted(), unexpected: Set(m.keys).subtracting(expected).sorted()))
        }
        guard let record = m["record"]?.stringValue else { throw .badBundle(file: file, problem: .member(name: "record", expected: .string)) }
        guard let seq = m["seq"]?.integerValue, seq >= 1 else { throw .badBundle(file: file, problem: .member(name: "seq", expected: .positiveInteger)) }
        // Not a whole number: said as the form it must have; another number: both values, so the changed one shows.
        guard let leafIndex = m["leaf_index"]?.integerValue else { throw .badBundle(file: file, problem: .leafIndexNotSeqMinusOne(leafIndex: nil, seq: seq)) }
        guard leafIndex == seq - 1 else { throw .badBundle(file: file, problem: .leafIndexNotSeqMinusOne(leafIndex: leafIndex, seq: seq)) }
        guard let size = m["tree_size"]?.integerValue, size >= seq else {
            throw .badBundle(file: file, problem: .member(name: "tree_size", expected: .integerAtLeastSeq))
        }
        guard let leafHash = m["leaf_hash"]?.stringValue.flatMap({ Digest32(hex: $0) }) else {
            throw .badBundle(file: file, problem: .member(name: "leaf_hash", expected: .hex64))
        }
        guard let items = m["inclusion_proof"]?.arrayValue else { throw .badBundle(file: file, problem: .member(name: "inclusion_proof", expected: .array)) }
        var proof: [Digest32] = []
        for (position, item) in items.enumerated() {
            guard let d = item.stringValue.flatMap({ Digest32(hex: $0) }) else {
                throw .badBundle(file: file, problem: .element(path: "inclusion_proof[\(position)]", expected: .hex64))
            }
            proof.append(d)
        }
        guard let note = m["checkpoint"]?.stringValue else { throw .badBundle(file: file, problem: .member(name: "checkpoint", expected: .string)) }
        let bundle = ProofBundle(recordLine: Array(record.utf8), seq: seq, inclusionProof: proof, checkpointNote: Array(note.utf8),
                                 treeSize: UInt64(size), leafHash: leafHash)
        guard bundle.encoded == bytes else {
            throw .badBundle(file: file, problem: .notCanonical)
        }
        return bundle
    }
}
