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
        !name.isEmpty && !name.contains("+")
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

/// A public key pinned by an auditor: its name, id and raw Ed25519 key; an office's checkpoint key or a
/// witness's cosigning key (`algorithm`).
public struct VerifierKey: Equatable, Sendable {
    public let name: String
    public let keyID: [UInt8]
    public let publicKey: [UInt8]
    public let algorithm: NoteKeys.Algorithm

    /// Builds the key for `name` and a 32-byte Ed25519 public key.
    public init(name: String, publicKey: [UInt8], algorithm: NoteKeys.Algorithm = .ed25519) throws(AuditError) {
        guard NoteKeys.isValidName(name) else { throw .badKeyName(name: name) }
        guard publicKey.count == 32 else { throw .badKey(file: "(key)", problem: .publicKeyLength(found: publicKey.count)) }
        guard NoteKeys.isUsablePublicKey(publicKey) else { throw .badKey(file: "(key)", problem: .unusable) }
        self.name = name
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.keyID = NoteKeys.keyID(name: name, publicKey: publicKey, algorithm: algorithm)
    }

    /// The one-line text form `<name>+<id>+<base64>`.
    public var text: String { "\(name)+\(Hex.encode(keyID))+\(Base64.encode([algorithm.rawValue] + publicKey))" }

    /// `name+keyid`, how messages name a key.
    public var label: String { name + "+" + Hex.encode(keyID) }

    /// Parses a public key file: the one line, optionally followed by one newline.
    /// - Throws: `.badKey` naming `file` and what is wrong.
    public init(fileBytes: [UInt8], file: String) throws(AuditError) {
        let line = try Self.singleLine(fileBytes, file: file)
        guard !line.hasPrefix("PRIVATE+KEY+") else {
            throw .badKey(file: file, problem: .privateKeyGiven)
        }
        // Base64 may itself hold "+", so split only as often as the format has fields.
        let parts = line.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .badKey(file: file, problem: .notPublicKeyLine)
        }
        try self.init(name: String(parts[0]), idText: String(parts[1]), keyText: String(parts[2]), file: file)
    }

    init(name: String, idText: String, keyText: String, file: String) throws(AuditError) {
        guard NoteKeys.isValidName(name) else { throw .badKeyName(name: name) }
        guard idText.utf8.count == 8, let id = Hex.decode(idText) else {
            throw .badKey(file: file, problem: .badKeyID(text: idText))
        }
        guard let raw = Base64.decode(keyText), raw.count == 33, let algorithm = NoteKeys.Algorithm(rawValue: raw[0]) else {
            throw .badKey(file: file, problem: .notBase64Key)
        }
        let publicKey = Array(raw.dropFirst())
        guard NoteKeys.isUsablePublicKey(publicKey) else { throw .badKey(file: file, problem: .unusable) }
        guard NoteKeys.keyID(name: name, publicKey: publicKey, algorithm: algorithm) == id else {
            throw .badKey(file: file, problem: .keyIDMismatch(id: idText))
        }
        self.name = name
        self.keyID = id
        self.publicKey = publicKey
        self.algorithm = algorithm
    }

    /// The one line of a key file: the file is the line, optionally followed by LF or CRLF (a key saved by a
    /// Windows editor), and nothing else.
    static func singleLine(_ bytes: [UInt8], file: String) throws(AuditError) -> String {
        var body = bytes[...]
        if body.last == UInt8(ascii: "\n") {
            body = body.dropLast()
            if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
        }
        guard !body.isEmpty else { throw .badKey(file: file, problem: .empty) }
        guard !body.contains(UInt8(ascii: "\n")), !body.contains(UInt8(ascii: "\r")) else {
            throw .badKey(file: file, problem: .notOneLine)
        }
        guard Bytes.firstInvalidUTF8(body) == nil else { throw .badKey(file: file, problem: .notUTF8) }
        return String(decoding: body, as: UTF8.self)
    }
}

/// A private signing key with its name.
public struct SignerKey: Sendable {
    public let name: String
    public let privateKey: Ed25519.PrivateKey
    public let verifier: VerifierKey

    /// A signer for `name` from a 32-byte Ed25519 seed.
    public init(name: String, seed: [UInt8], algorithm: NoteKeys.Algorithm = .ed25519) throws(AuditError) {
        guard NoteKeys.isValidName(name) else { throw .badKeyName(name: name) }
        let key: Ed25519.PrivateKey
        do { key = try Ed25519.PrivateKey(seed: seed) } catch { throw .badKey(file: "(key)", problem: .badSeed(error)) }
        self.name = name
        self.privateKey = key
        self.verifier = try VerifierKey(name: name, publicKey: key.publicKey, algorithm: algorithm)
    }

    /// The key's signature type (an office key or a witness key).
    public var algorithm: NoteKeys.Algorithm { verifier.algorithm }

    /// How every private key file starts.
    public static let filePrefix = "PRIVATE+KEY+"

    /// The one-line text form `PRIVATE+KEY+<name>+<id>+<base64>`.
    public var text: String {
        Self.filePrefix + "\(name)+\(Hex.encode(verifier.keyID))+\(Base64.encode([algorithm.rawValue] + privateKey.seed))"
    }

    /// Parses a private key file.
    /// - Throws: `.badKey` naming `file` and what is wrong.
    public init(fileBytes: [UInt8], file: String) throws(AuditError) {
        let line = try VerifierKey.singleLine(fileBytes, file: file)
        let parts = line.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .badKey(file: file, problem: .notPrivateKeyLine)
        }
        guard let raw = Base64.decode(parts[4]), raw.count == 33, let algorithm = NoteKeys.Algorithm(rawValue: raw[0]) else {
            throw .badKey(file: file, problem: .notBase64Seed)
        }
        try self.init(name: String(parts[2]), seed: Array(raw.dropFirst()), algorithm: algorithm)
        guard Hex.encode(verifier.keyID) == parts[3] else {
            throw .badKey(file: file, problem: .keyIDMismatch(id: String(parts[3])))
        }
    }

    /// The 64-byte Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] { privateKey.sign(message) }
}
