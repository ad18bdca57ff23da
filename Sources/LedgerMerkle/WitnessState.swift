import LedgerEvents
import LedgerPlatform

/// The latest checkpoint a witness cosigned for one log. The file is canonical JSON and a newline:
/// `{"checkpoint":"<the cosigned note>","format":"ledger-witness-state/v1","log_key":"<the log's public key>",
/// "origin":"…","root":"<64 hex>","size":N}`.
public struct WitnessState: Equatable, Sendable {
    public static let format = "ledger-witness-state/v1"

    /// The log's public key, pinned at the first cosignature.
    public let logKey: VerifierKey
    /// The checkpoint note as cosigned (with this witness's cosignature).
    public let note: [UInt8]
    public let checkpoint: Checkpoint

    init(logKey: VerifierKey, note: [UInt8], checkpoint: Checkpoint) {
        self.logKey = logKey
        self.note = note
        self.checkpoint = checkpoint
    }

    var encoded: [UInt8] {
        CanonicalJSON.encode(.object([
            "format": .string(Self.format), "origin": .string(checkpoint.origin), "size": .integer(Int64(checkpoint.size)),
            "root": .string(checkpoint.root.hex), "log_key": .string(logKey.text),
            "checkpoint": .string(String(decoding: note, as: UTF8.self)),
        ])) + [0x0a]
    }

    /// Reads and checks a state file: its checkpoint must still verify with the pinned log key and agree with the
    /// size and root beside it, so a damaged or hand-edited state is noticed rather than trusted.
    init(bytes: [UInt8], file: String) throws(AuditError) {
        func damaged(_ damage: AuditError.StateDamage) -> AuditError { .witness(.damagedState(file: file, damage: damage)) }
        guard bytes.last == 0x0a, let value = try? JSONParser.parse(Array(bytes.dropLast())), case .object(let m) = value else {
            throw damaged(.notJSONLine)
        }
        guard m["format"]?.stringValue == Self.format else { throw damaged(.format(expected: Self.format)) }
        guard let keyText = m["log_key"]?.stringValue, let noteText = m["checkpoint"]?.stringValue,
              let size = m["size"]?.integerValue, let rootText = m["root"]?.stringValue, let origin = m["origin"]?.stringValue else {
            throw damaged(.memberMissing)
        }
        let key: VerifierKey, checkpoint: Checkpoint
        do {
            key = try VerifierKey(fileBytes: Array(keyText.utf8), file: file + " (log_key)")
            checkpoint = try Checkpoint.open(Array(noteText.utf8), key: key, file: AuditWords.checkpoint(in: file))
        } catch {
            throw damaged(.checkpoint(error))
        }
        // Name the member that disagrees, with both values: which one was edited is then plain to see.
        if !Bytes.sameUTF8(checkpoint.origin, origin) {
            throw damaged(.disagrees(field: "origin", stated: origin, inCheckpoint: checkpoint.origin))
        }
        if Int64(checkpoint.size) != size {
            throw damaged(.disagrees(field: "size", stated: String(size), inCheckpoint: String(checkpoint.size)))
        }
        if checkpoint.root.hex != rootText {
            throw damaged(.disagrees(field: "root", stated: rootText, inCheckpoint: checkpoint.root.hex))
        }
        self.init(logKey: key, note: Array(noteText.utf8), checkpoint: checkpoint)
        guard encoded == bytes else { throw damaged(.notCanonical) }
    }
}
