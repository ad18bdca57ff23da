import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The data file of a published disclosure (公示, `ledger publish`): the signed checkpoint, the office's public key
/// and the witnesses' keys, and every record the page shows with its inclusion proof. The page verifies it in the
/// browser; anyone can verify it with `ledger check-proof FILE --pubkey PUB` or testdata/merkle/check_audit.py.
///
/// The file is canonical JSON (keys sorted, no white space) and a newline (ledger-spec.md, "Published
/// disclosures"):
///
///     {"checkpoint":"<signed note>","community_id":"…","format":"ledger-publication/v1",
///      "period":{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"},"public_key":"<office key>",
///      "records":[{"inclusion_proof":["<64 hex>",…],"record":"<record line>","seq":N},…],
///      "tree_size":N,"witness_keys":["<witness key>",…],"witnesses_required":N}
///
/// with `records` sorted by seq, each seq once.
public struct PublicationData: Equatable, Sendable {
    public static let format = "ledger-publication/v1"

    /// One record with its inclusion proof.
    public struct Entry: Equatable, Sendable {
        public let seq: Int64
        /// The record line exactly as in events.jsonl, without its newline.
        public let line: [UInt8]
        public let proof: [Digest32]

        public init(seq: Int64, line: [UInt8], proof: [Digest32]) {
            self.seq = seq
            self.line = line
            self.proof = proof
        }
    }

    public let communityID: String
    public let from: CalendarDate
    public let to: CalendarDate
    public let checkpointNote: [UInt8]
    public let publicKey: VerifierKey
    public let witnessKeys: [VerifierKey]
    public let witnessesRequired: Int
    public let treeSize: UInt64
    public let records: [Entry]

    public init(communityID: String, from: CalendarDate, to: CalendarDate, checkpointNote: [UInt8], publicKey: VerifierKey,
                witnessKeys: [VerifierKey], witnessesRequired: Int, treeSize: UInt64, records: [Entry]) {
        self.communityID = communityID
        self.from = from
        self.to = to
        self.checkpointNote = checkpointNote
        self.publicKey = publicKey
        self.witnessKeys = witnessKeys
        self.witnessesRequired = witnessesRequired
        self.treeSize = treeSize
        self.records = records
    }

    var value: JSONValue {
        .object([
            "format": .string(Self.format), "community_id": .string(communityID),
            "period": .object(["from": .string(from.description), "to": .string(to.description)]),
            "checkpoint": .string(String(decoding: checkpointNote, as: UTF8.self)),
            "public_key": .string(publicKey.text), "witness_keys": .array(witnessKeys.map { .string($0.text) }),
            "witnesses_required": .integer(Int64(witnessesRequired)), "tree_size": .integer(Int64(treeSize)),
            "records": .array(records.map { entry in
                .object(["seq": .integer(entry.seq), "record": .string(String(decoding: entry.line, as: UTF8.self)),
                         "inclusion_proof": .array(entry.proof.map { .string($0.hex) })])
            }),
        ])
    }

    /// The file's bytes.
    public var encoded: [UInt8] { CanonicalJSON.encode(value) + [0x0a] }

    /// The same JSON for a `<script type="application/json">` element: every `<` written `\u003c`, so no record
    /// text can end the element or open a comment; `JSON.parse` gives back exactly the same values.
    public var embeddedJSON: String { Self.scriptSafe(CanonicalJSON.string(value)) }

    /// `json` with every byte `<` written `\u003c` (JSON's escape of the same character). Byte by byte: a `<`
    /// that shares a grapheme cluster with the character before it (after a prepended letter such as U+0D4E, or
    /// before a combining mark) is a `<` to the HTML parser all the same, and a search by characters would leave it.
    public static func scriptSafe(_ json: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count)
        for byte in json.utf8 {
            if byte == UInt8(ascii: "<") { out.append(contentsOf: #"\u003c"#.utf8) } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Largest file accepted: a community's records with their proofs.
    public static let bytesMax = 256 * 1024 * 1024

    /// Parses the file, insisting on its canonical bytes.
    /// - Throws: `.badBundle` naming `file` and what is wrong.
    public static func parse(_ bytes: [UInt8], file: String) throws(AuditError) -> PublicationData {
        func bad(_ problem: AuditError.BundleProblem) -> AuditError { .badBundle(file: file, problem: problem) }
        guard bytes.count <= bytesMax else { throw bad(.tooLarge(bytes: bytes.count, limit: bytesMax)) }
        guard bytes.last == 0x0a else { throw bad(.noFinalNewline) }
        let value: JSONValue
        do { value = try JSONParser.parse(Array(bytes.dropLast())) } catch { throw bad(.notJSON(error)) }
        guard case .object(let m) = value else { throw bad(.notObject) }
        guard m["format"]?.stringValue == Self.format else { throw bad(.format(found: nil, expected: Self.format)) }
        let expected: Set<String> = ["format", "community_id", "period", "checkpoint", "public_key", "witness_keys",
                                     "witnesses_required", "tree_size", "records"]
        guard Set(m.keys) == expected else {
            throw bad(.members(missing: expected.subtracting(m.keys).sorted(), unexpected: Set(m.keys).subtracting(expected).sorted()))
        }
        guard let community = m["community_id"]?.stringValue, case .object(let period)? = m["period"],
              let from = period["from"]?.stringValue.flatMap({ CalendarDate(iso: $0) }),
              let to = period["to"]?.stringValue.flatMap({ CalendarDate(iso: $0) }), from <= to else {
            throw bad(.communityOrPeriod)
        }
        guard let note = m["checkpoint"]?.stringValue, let keyText = m["public_key"]?.stringValue,
              let witnessTexts = m["witness_keys"]?.arrayValue, let required = m["witnesses_required"]?.integerValue,
              let size = m["tree_size"]?.integerValue, size >= 1, let items = m["records"]?.arrayValue else {
            throw bad(.wrongType)
        }
        let key: VerifierKey
        do { key = try VerifierKey(fileBytes: Array(keyText.utf8), file: file + " (public_key)") } catch { throw error }
        var witnesses: [VerifierKey] = []
        for (position, item) in witnessTexts.enumerated() {
            guard let text = item.stringValue else { throw bad(.element(path: "witness_keys[\(position)]", expected: .string)) }
            witnesses.append(try VerifierKey(fileBytes: Array(text.utf8), file: file + " (witness_keys[\(position)])"))
        }
        guard required >= 0, required <= Int64(witnesses.count) else { throw bad(.witnessesRequired(required: required, keys: witnesses.count)) }
        var entries: [Entry] = []
        for (position, item) in items.enumerated() {
            guard case .object(let r) = item, Set(r.keys) == ["seq", "record", "inclusion_proof"], let seq = r["seq"]?.integerValue,
                  let line = r["record"]?.stringValue, let proofItems = r["inclusion_proof"]?.arrayValue else {
                throw bad(.element(path: "records[\(position)]", expected: .recordEntry))
            }
            guard entries.last.map({ $0.seq < seq }) ?? true else { throw bad(.recordsNotSorted(position: position)) }
            var proof: [Digest32] = []
            for proofItem in proofItems {
                guard let d = proofItem.stringValue.flatMap({ Digest32(hex: $0) }) else {
                    throw bad(.element(path: "records[\(position)].inclusion_proof", expected: .hex64Values))
                }
                proof.append(d)
            }
            entries.append(Entry(seq: seq, line: Array(line.utf8), proof: proof))
        }
        let data = PublicationData(communityID: community, from: from, to: to, checkpointNote: Array(note.utf8), publicKey: key,
                                   witnessKeys: witnesses, witnessesRequired: Int(required), treeSize: UInt64(size), records: entries)
        guard data.encoded == bytes else { throw bad(.notCanonical) }
        return data
    }

    /// What a successful check established.
    public struct Verified: Equatable, Sendable {
        public let data: PublicationData
        public let checkpoint: Checkpoint
        public let witnessed: [Witnessed]
        public let records: [Record]
    }

    /// Parses and checks the whole file with the pinned office key: the key named in the file is that key; the
    /// checkpoint's signature; at least `witnesses_required` cosignatures by the file's witness keys; and every
    /// record's hash and inclusion proof against the signed root. `now` is the reader's clock, against which a
    /// cosignature's time must be credible (14.9).
    /// - Throws: `AuditError` naming the first problem.
    public static func verify(_ bytes: [UInt8], key: VerifierKey, file: String, now: Timestamp) throws(AuditError) -> Verified {
        // The checks are a bundle's; the file is named for what it is.
        do { return try verifyAsBundle(bytes, key: key, file: file, now: now) } catch {
            if case .badBundle(let named, let problem) = error, named == file { throw .badPublication(file: file, problem: problem) }
            throw error
        }
    }

    private static func verifyAsBundle(_ bytes: [UInt8], key: VerifierKey, file: String, now: Timestamp) throws(AuditError) -> Verified {
        let data = try parse(bytes, file: file)
        guard data.publicKey == key else {
            throw .badBundle(file: file, problem: .otherKey(named: data.publicKey.label, pinned: key.label))
        }
        let checkpoint = try Checkpoint.open(data.checkpointNote, key: key, file: AuditWords.checkpoint(in: file))
        let witnessed = try SignedNote(bytes: data.checkpointNote, file: AuditWords.checkpoint(in: file))
            .requireWitnesses(data.witnessKeys, count: data.witnessesRequired, file: AuditWords.checkpoint(in: file), now: now)
        guard data.treeSize == checkpoint.size else {
            throw .badBundle(file: file, problem: .treeSizeDiffers(bundle: data.treeSize, checkpoint: checkpoint.size))
        }
        var records: [Record] = []
        for entry in data.records {
            records.append(try ProofBundle.checkRecord(line: entry.line, seq: entry.seq, proof: entry.proof, checkpoint: checkpoint, file: file))
        }
        return Verified(data: data, checkpoint: checkpoint, witnessed: witnessed, records: records)
    }

    /// A key's fingerprint for people to compare: the first 16 bytes of SHA-256 of its one-line text, as 8 groups
    /// of 4 hex digits. The 4-byte key id is too short for that: another key with the same id can be searched for.
    public static func fingerprint(_ key: VerifierKey) -> String {
        let hex = Hex.encode(Array(SHA256().hash(Array(key.text.utf8)).bytes.prefix(16)))
        return stride(from: 0, to: 32, by: 4).map { i in
            String(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 4)])
        }.joined(separator: " ")
    }
}
