import LedgerPlatform

/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more signature lines
/// `— <key name> <base64(4-byte key id || signature)>` (the dash is U+2014). The signed bytes are exactly the
/// text, including its final newline.
public struct SignedNote: Equatable, Sendable {
    /// The signed text, ending with `\n`.
    public let text: [UInt8]
    /// The signature lines, in file order.
    public let signatures: [Signature]

    /// One signature line.
    public struct Signature: Equatable, Sendable {
        public let name: String
        public let keyID: [UInt8]
        public let signature: [UInt8]
    }

    static let dash: [UInt8] = Array("\u{2014} ".utf8)
    /// More signatures than this on one note is not a checkpoint but an attack on the verifier's time.
    public static let signaturesMax = 100
    /// Longest note accepted (a checkpoint is a few hundred bytes).
    public static let noteBytesMax = 64 * 1024

    /// Signs `text` (which must end with a newline and hold no blank line) with each key in turn.
    public static func sign(text: [UInt8], keys: [SignerKey]) -> [UInt8] {
        precondition(text.last == UInt8(ascii: "\n"), "a note's text ends with a newline")
        var out = text
        out.append(UInt8(ascii: "\n"))
        for key in keys {
            out.append(contentsOf: dash)
            out.append(contentsOf: Array(key.name.utf8))
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: Array(Base64.encode(key.verifier.keyID + key.sign(text)).utf8))
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    init(text: [UInt8], signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// Splits a note into text and signature lines without checking any signature.
    /// - Throws: `.badNote` naming `file` and the problem.
    public init(bytes: [UInt8], file: String) throws(AuditError) {
        guard bytes.count <= Self.noteBytesMax else { throw .badNote(file: file, problem: .tooLarge(bytes: bytes.count, limit: Self.noteBytesMax)) }
        if let bad = Bytes.firstInvalidUTF8(bytes[...]) { throw .badNote(file: file, problem: .invalidUTF8(byte: bad + 1)) }
        if let control = Self.firstControlCharacter(bytes) {
            let line = bytes[..<control.offset].reduce(1) { $1 == 0x0a ? $0 + 1 : $0 }
            throw .badNote(file: file, problem: .controlCharacter(codePoint: control.codePoint, byte: control.offset + 1, line: line))
        }
        // The text ends at the last blank line (as in golang.org/x/mod/sumdb/note): signature lines never hold one.
        var split: Int? = nil
        var i = bytes.count - 2
        while i >= 0 {
            if bytes[i] == 0x0a && bytes[i + 1] == 0x0a { split = i; break }
            i -= 1
        }
        guard let split else { throw .badNote(file: file, problem: .noBlankLine) }
        text = Array(bytes[...split])
        let signatureBlock = bytes[(split + 2)...]
        guard !signatureBlock.isEmpty, signatureBlock.last == 0x0a else {
            throw .badNote(file: file, problem: .signaturesMissing)
        }
        var found: [Signature] = []
        for line in signatureBlock.dropLast().split(separator: 0x0a, omittingEmptySubsequences: false) {
            guard line.starts(with: Self.dash) else {
                throw .badNote(file: file, problem: .signatureDash)
            }
            let rest = line.dropFirst(Self.dash.count)
            let fields = rest.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw .badNote(file: file, problem: .signatureFields) }
            let name = String(decoding: fields[0], as: UTF8.self)
            guard NoteKeys.isValidName(name) else { throw .badNote(file: file, problem: .signatureKeyName(name: name)) }
            guard let raw = Base64.decode(String(decoding: fields[1], as: UTF8.self)), raw.count >= 5 else {
                throw .badNote(file: file, problem: .signatureNotBase64(key: name))
            }
            found.append(Signature(name: name, keyID: Array(raw.prefix(4)), signature: Array(raw.dropFirst(4))))
            guard found.count <= Self.signaturesMax else { throw .badNote(file: file, problem: .tooManySignatures(limit: Self.signaturesMax)) }
        }
        signatures = found
    }

    /// The first control character other than LF (Unicode Cc: U+0000–U+001F, U+007F, and U+0080–U+009F, which
    /// UTF-8 writes as 0xC2 0x80…0x9F) in valid UTF-8 `bytes`, with its 0-based byte offset and code point.
    static func firstControlCharacter(_ bytes: [UInt8]) -> (offset: Int, codePoint: UInt32)? {
        for (offset, byte) in bytes.enumerated() {
            if (byte < 0x20 && byte != 0x0a) || byte == 0x7f { return (offset, UInt32(byte)) }
            if byte == 0xC2, offset + 1 < bytes.count, bytes[offset + 1] >= 0x80, bytes[offset + 1] <= 0x9F {
                return (offset, UInt32(bytes[offset + 1]))
            }
        }
        return nil
    }

    /// Checks the signature by `key` (matched by name and key id); other signatures are ignored, as in C2SP.
    /// - Throws: `.notSignedByKey` when no signature is by this key; `.badSignature` when it does not verify;
    ///   `.wrongKeyKind` for a witness's cosigning key.
    public func verify(key: VerifierKey, file: String) throws(AuditError) {
        // A witness key signs a different message (Cosignature); checking it here would only ever fail.
        guard key.algorithm == .ed25519 else { throw .wrongKeyKind(file: file, key: key.label, expected: .ed25519) }
        let mine = signatures.filter { Bytes.sameUTF8($0.name, key.name) && $0.keyID == key.keyID }
        guard !mine.isEmpty else {
            throw .notSignedByKey(file: file, key: key.name + "+" + Hex.encode(key.keyID),
                                  signers: signatures.map { $0.name + "+" + Hex.encode($0.keyID) })
        }
        for signature in mine {
            guard Ed25519.verify(signature: signature.signature, message: text, publicKey: key.publicKey) else {
                throw .badSignature(file: file, key: key.name)
            }
        }
    }
}
