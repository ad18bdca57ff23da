import LedgerEvents
import LedgerPlatform

/// A witness's timestamped cosignature of a checkpoint (C2SP tlog-cosignature, Ed25519 `cosignature/v1`).
///
/// It is one more signature line on the checkpoint note, `— <witness name> base64(key id || timestamp || signature)`,
/// where the key id is computed with the algorithm byte 0x04, the timestamp is 8 bytes big-endian (seconds since
/// the Epoch, UTC) and the Ed25519 signature is over
///
///     cosignature/v1\n
///     time <timestamp, decimal>\n
///     <the whole checkpoint text, final newline included>
///
/// It states: as of that time, this is the largest checkpoint of the log the witness has seen, and it is consistent
/// with every earlier one the witness cosigned (ledger-spec.md, "Witness cosignatures").
public struct Cosignature: Equatable, Sendable {
    public let name: String
    public let keyID: [UInt8]
    /// When the witness cosigned, in seconds since the Epoch (UTC).
    public let timestamp: UInt64
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]

    /// The header line of the signed message; it keeps cosignatures apart from every other signature.
    public static let header = "cosignature/v1"

    /// The signed message for a checkpoint text `body` at `timestamp`.
    public static func message(body: [UInt8], timestamp: UInt64) -> [UInt8] {
        Array("\(header)\ntime \(timestamp)\n".utf8) + body
    }

    /// Cosigns the checkpoint text `body` at `timestamp` with a witness key.
    /// Traps when `key` is not a witness (cosignature) key: a programmer error, the CLI checks the key file first.
    public static func sign(body: [UInt8], key: SignerKey, timestamp: UInt64) -> Cosignature {
        precondition(key.algorithm == .cosignatureV1, "cosignatures are made with a witness key")
        precondition(timestamp <= UInt64(Int64.max), "a cosignature time is at most 2^63 - 1")
        return Cosignature(name: key.name, keyID: key.verifier.keyID, timestamp: timestamp,
                           signature: key.sign(message(body: body, timestamp: timestamp)))
    }

    init(name: String, keyID: [UInt8], timestamp: UInt64, signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.timestamp = timestamp
        self.signature = signature
    }

    /// Reads a note signature as a cosignature: nil unless it carries exactly 8 + 64 bytes after the key id and a
    /// time of at most 2^63 − 1.
    /// Why `init?(_:)` refuses `note`: its length, else its time (never `.signature`: that needs the key).
    static func problem(_ note: SignedNote.Signature) -> AuditError.CosignatureProblem {
        guard note.signature.count == 72 else { return .length(bytes: note.keyID.count + note.signature.count) }
        var t: UInt64 = 0
        for byte in note.signature.prefix(8) { t = t << 8 | UInt64(byte) }
        return .time(seconds: t)
    }

    public init?(_ note: SignedNote.Signature) {
        guard note.signature.count == 72 else { return nil }
        var t: UInt64 = 0
        for byte in note.signature.prefix(8) { t = t << 8 | UInt64(byte) }
        guard t <= UInt64(Int64.max) else { return nil }
        self.init(name: note.name, keyID: note.keyID, timestamp: t, signature: Array(note.signature.dropFirst(8)))
    }

    /// The 72 signature bytes of the line: timestamp (big-endian) then signature.
    public var payload: [UInt8] {
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: timestamp >> (56 - 8 * UInt64($0))) }
        bytes += signature
        return bytes
    }

    /// The signature line as a note holds it, LF included.
    public var line: [UInt8] {
        SignedNote.dash + Array(name.utf8) + [UInt8(ascii: " ")] + Array(Base64.encode(keyID + payload).utf8) + [0x0a]
    }

    /// The cosigning time.
    public var time: Timestamp { Timestamp(secondsSinceEpoch: Int64(timestamp)) }

    /// True when `key` is this cosignature's witness and the signature verifies over `body`.
    public func verifies(body: [UInt8], key: VerifierKey) -> Bool {
        key.algorithm == .cosignatureV1 && Bytes.sameUTF8(key.name, name) && key.keyID == keyID
            && Ed25519.verify(signature: signature, message: Self.message(body: body, timestamp: timestamp), publicKey: key.publicKey)
    }
}

extension SignedNote {
    /// The valid cosignatures by `keys` (each a witness key), one per witness, in the order of `keys`. Lines by
    /// other keys are ignored, as C2SP prescribes; a line by one of `keys` that does not verify is an error, since
    /// it can only mean the note was changed. A witness whose every cosignature is dated before the checkpoint's
    /// `time` or later than `now` (plus the allowed clock difference) is listed with its `timeProblem` (14.9): it does
    /// not count as a witness.
    /// - Throws: `.wrongKeyKind` for an office key; `.badCosignature` for a cosignature that does not verify; the
    ///   checkpoint's own problem when its text does not parse.
    public func witnesses(_ keys: [VerifierKey], file: String, now: Timestamp) throws(AuditError) -> [Witnessed] {
        var found: [Witnessed] = []
        var checkpointTime: Timestamp? = nil
        for key in keys {
            guard key.algorithm == .cosignatureV1 else { throw .wrongKeyKind(file: file, key: key.label, expected: .cosignatureV1) }
            // The same key given twice counts once.
            if found.contains(where: { $0.key == key }) { continue }
            var best: Witnessed? = nil
            for line in signatures where Bytes.sameUTF8(line.name, key.name) && line.keyID == key.keyID {
                guard let cosignature = Cosignature(line) else {
                    throw .badCosignature(file: file, witness: key.label, problem: Cosignature.problem(line))
                }
                guard cosignature.verifies(body: text, key: key) else { throw .badCosignature(file: file, witness: key.label) }
                if checkpointTime == nil { checkpointTime = try Checkpoint.parse(body: text, file: file).time }
                let time = cosignature.time
                let candidate = Witnessed(key: key, time: time, timeProblem: WitnessTimeProblem.of(time, checkpointTime: checkpointTime!, now: now))
                // The latest credible cosignature; failing any, the latest one, with its problem.
                if let b = best, (b.timeProblem == nil) != (candidate.timeProblem == nil) {
                    if candidate.timeProblem == nil { best = candidate }
                } else if best.map({ candidate.time > $0.time }) ?? true {
                    best = candidate
                }
            }
            if let best { found.append(best) }
        }
        return found
    }

    /// The credible `witnesses`, requiring at least `count` of them.
    /// - Throws: as `witnesses`, and `.tooFewWitnesses` naming who cosigned, who did not, and whose time is not
    ///   credible.
    public func requireWitnesses(_ keys: [VerifierKey], count: Int, file: String, now: Timestamp) throws(AuditError) -> [Witnessed] {
        let all = try witnesses(keys, file: file, now: now)
        let found = all.filter { $0.timeProblem == nil }
        guard found.count >= count else {
            let missing = keys.filter { key in !all.contains { $0.key == key } }.map(\.label)
            throw .tooFewWitnesses(file: file, required: count, witnessed: found.map(\.key.label), missing: missing,
                                   notCredible: all.filter { $0.timeProblem != nil })
        }
        return found
    }

    /// The note's bytes: text, blank line, signature lines.
    public var encoded: [UInt8] {
        var out = text
        out.append(0x0a)
        for signature in signatures {
            out += Self.dash + Array(signature.name.utf8) + [UInt8(ascii: " ")]
                + Array(Base64.encode(signature.keyID + signature.signature).utf8) + [0x0a]
        }
        return out
    }

    /// The note with `cosignature` added after the existing signatures; an earlier cosignature by the same key
    /// is replaced, so a note carries one per witness.
    public func adding(_ cosignature: Cosignature) -> SignedNote {
        var kept = signatures.filter { !(Bytes.sameUTF8($0.name, cosignature.name) && $0.keyID == cosignature.keyID) }
        kept.append(Signature(name: cosignature.name, keyID: cosignature.keyID, signature: cosignature.payload))
        return SignedNote(text: text, signatures: kept)
    }
}
