import LedgerEvents
import LedgerPlatform

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
            throw .badKey(file: file, problem: name.unicodeScalars.first == "\u{FEFF}" ? .byteOrderMark : .keyIDMismatch(id: idText))
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
        let line = String(decoding: body, as: UTF8.self)
        // No part of the line may hold white space or a control character (the name by ledger-spec.md 14.3, the key
        // id and base64 by their alphabets): a space pasted before the key or a tab after it is named as such here,
        // not as the name, key id or base64 it happens to break.
        let scalars = Array(line.unicodeScalars)
        let blank = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace || EventInput.isControl(scalar) }
        if let index = scalars.firstIndex(where: blank) {
            let byte = scalars[..<index].reduce(1) { $0 + UTF8.width($1) }
            let place: AuditError.LinePlace = index == 0 ? .start : scalars[index...].allSatisfy(blank) ? .end : .inside
            throw .badKey(file: file, problem: .whiteSpace(codePoint: scalars[index].value, byte: byte, where: place))
        }
        return line
    }
}
