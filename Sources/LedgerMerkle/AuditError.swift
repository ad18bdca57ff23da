import LedgerPlatform

/// Why a key, signed note, checkpoint or proof bundle was rejected. Messages say what is wrong and where, in
/// words an auditor can act on; `MerkleError` carries proof failures.
public enum AuditError: Error, Equatable, CustomStringConvertible {
    /// A key file does not have the documented one-line form.
    case badKey(file: String, reason: String)
    /// A key name is empty, has white space or a `+`.
    case badKeyName(String)
    /// The note is not a signed note (text, blank line, signature lines).
    case badNote(file: String, reason: String)
    /// No signature on the note is by the pinned key; lists the key names that did sign.
    case notSignedByKey(file: String, key: String, signers: [String])
    /// A signature by the pinned key does not verify: the note was changed after signing, or forged.
    case badSignature(file: String, key: String)
    /// The checkpoint text inside a valid note is not in the documented form.
    case badCheckpoint(file: String, line: Int, reason: String)
    /// The proof bundle is not in the documented form.
    case badBundle(file: String, reason: String)
    /// A proof inside a bundle or against a checkpoint failed.
    case proof(file: String, MerkleError)
    /// An office key was given where a witness key is needed, or the other way round.
    case wrongKeyKind(file: String, key: String, expected: NoteKeys.Algorithm)
    /// A cosignature by a pinned witness key does not verify: the checkpoint or the cosignature was altered.
    case badCosignature(file: String, witness: String)
    /// Fewer valid cosignatures by the pinned witness keys than required.
    case tooFewWitnesses(file: String, required: Int, witnessed: [String], missing: [String])

    public var description: String {
        switch self {
        case .badKey(let file, let reason): return "\(file): not a ledger key file: \(reason)"
        case .badKeyName(let name):
            return "key name \"\(name)\" is not allowed: use a non-empty name without spaces or \"+\" (for example jiedao-2026)"
        case .badNote(let file, let reason): return "\(file): not a signed checkpoint: \(reason)"
        case .notSignedByKey(let file, let key, let signers):
            let list = signers.isEmpty ? "no signatures" : "signatures by \(signers.joined(separator: ", "))"
            return "\(file): not signed by the key \(key) (it has \(list)); check that you are using the office's published public key"
        case .badSignature(let file, let key):
            return "\(file): the signature by \(key) does not verify: the checkpoint was changed after it was signed, or it is forged"
        case .badCheckpoint(let file, let line, let reason): return "\(file): line \(line): \(reason)"
        case .badBundle(let file, let reason): return "\(file): not a valid proof bundle: \(reason)"
        case .proof(let file, let error): return "\(file): \(error)"
        case .wrongKeyKind(let file, let key, let expected):
            return expected == .ed25519
                ? "\(file): \(key) is a witness's cosigning key; give the office's public key (KEY.pub from `ledger keygen`) here"
                : "\(file): \(key) is an office's checkpoint key, not a witness key; give the witness's public key (witness.pub from `ledger witness init`)"
        case .badCosignature(let file, let witness):
            return "\(file): the cosignature by witness \(witness) does not verify: the checkpoint or its cosignature line was changed after the witness signed, or it is forged"
        case .tooFewWitnesses(let file, let required, let witnessed, let missing):
            let have = witnessed.isEmpty ? "none of the given witnesses" : "only \(witnessed.joined(separator: ", "))"
            return "\(file): \(required) witness cosignature(s) required, but \(have) cosigned it (missing: \(missing.joined(separator: ", "))); ask the witnesses to cosign this checkpoint (`ledger witness cosign`) or use one they cosigned"
        }
    }
}
