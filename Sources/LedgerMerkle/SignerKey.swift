import LedgerEvents
import LedgerPlatform

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
        // An editor's "UTF-8 with BOM" puts U+FEFF before PRIVATE: say that, not that the line has the wrong form.
        if line.unicodeScalars.first == "\u{FEFF}", String(line.unicodeScalars.dropFirst()).hasPrefix(Self.filePrefix) {
            throw .badKey(file: file, problem: .byteOrderMark)
        }
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
