import LedgerEvents
import LedgerPlatform

/// Ed25519 keys in the text forms of Go's `golang.org/x/mod/sumdb/note` (the C2SP signed-note model), so that
/// standard tooling can check the ledger's checkpoints:
/// - public ("verifier") key: `<name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>`
/// - private ("signer") key: `PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>`
/// where key id = the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key).
/// A witness's cosigning key has the same forms with the algorithm byte 0x04 (C2SP tlog-cosignature).
public enum NoteKeys {
    /// The signature type byte of a signed-note key: what its signatures sign and how.
    public enum Algorithm: UInt8, Sendable, Equatable {
        /// Ed25519 over the note text: the office's checkpoint signatures.
        case ed25519 = 0x01
        /// Ed25519 over "cosignature/v1", a time line and the note text: a witness's timestamped cosignature.
        case cosignatureV1 = 0x04
    }

    /// True for names signed notes allow: non-empty, no `+`, no white space (Unicode White_Space, as Go's
    /// `unicode.IsSpace`) and no control character (Unicode Cc: U+0000–U+001F, U+007F–U+009F).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains(UInt8(ascii: "+"))
            && !name.unicodeScalars.contains { $0.properties.isWhitespace || EventInput.isControl($0) }
    }

    /// The y coordinates (32 bytes, little-endian, sign bit clear) of the eight points of small order: with such a
    /// "public key" one fixed signature verifies for every message.
    static let smallOrderY: Set<[UInt8]> = Set([
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    ].map { Hex.decode($0)! })

    /// True for a 32-byte Ed25519 public key in canonical form (y < p) that is not a point of small order
    /// (ledger-spec.md 14.3). Keys made by `ledger keygen` always are; the others are refused because anyone can
    /// sign for a small-order key, and because OpenSSL and WebCrypto accept non-canonical keys that RFC 8032
    /// decoding (the page's own Ed25519, check_audit.py) rejects, so verifiers would disagree.
    public static func isUsablePublicKey(_ key: [UInt8]) -> Bool {
        guard key.count == 32 else { return false }
        var y = key
        y[31] &= 0x7f
        // y ≥ p = 2^255 − 19 only for the 19 values 0x7fff…ffed … 0x7fff…ffff.
        if y[31] == 0x7f, y[1...30].allSatisfy({ $0 == 0xff }), y[0] >= 0xed { return false }
        // Every y of a small-order point, whatever the sign bit (x = 0 with the sign bit set is no point at all).
        return !smallOrderY.contains(y)
    }

    /// The 4-byte key id (signed notes call it the key hash) of an Ed25519 key of `algorithm`.
    public static func keyID(name: String, publicKey: [UInt8], algorithm: Algorithm = .ed25519) -> [UInt8] {
        Array(SHA256().hash(Array(name.utf8), [0x0a, algorithm.rawValue], publicKey).bytes.prefix(4))
    }
}
