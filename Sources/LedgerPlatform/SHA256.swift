internal import COpenSSL

/// SHA-256 through OpenSSL libcrypto's EVP interface.
///
/// A `SHA256` value owns one reusable digest context, so hot loops (verifying the chain, building the Merkle
/// tree) allocate nothing per message. It is not thread-safe; give each thread its own.
public final class SHA256 {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("Unable to allocate an OpenSSL digest context") }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// SHA-256 of the concatenation of `parts`.
    public func hash(_ parts: [UInt8]...) -> Digest32 {
        begin()
        for part in parts { update(part) }
        return finish()
    }

    /// SHA-256 of one whole message (no allocation: the context is reused, the digest is inline).
    public func hash(_ message: ArraySlice<UInt8>) -> Digest32 {
        begin()
        update(message)
        return finish()
    }

    /// SHA-256 of `first` followed by `second`, e.g. a record's hashed bytes: `{` and the line after its hash member.
    public func hash(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Digest32 {
        begin()
        update(first)
        update(second)
        return finish()
    }

    /// SHA-256 of `prefix` followed by two digests; the shape of an RFC 6962 node hash.
    public func hash(prefix: UInt8, _ left: Digest32, _ right: Digest32) -> Digest32 {
        begin()
        update(byte: prefix)
        update(left)
        update(right)
        return finish()
    }

    /// SHA-256 of `prefix` followed by `data`; the shape of RFC 6962 leaf and node hashes.
    public func hash(prefix: UInt8, _ data: ArraySlice<UInt8>) -> Digest32 {
        begin()
        update(byte: prefix)
        update(data)
        return finish()
    }

    /// Starts a new message.
    public func begin() {
        guard EVP_DigestInit_ex(context, SHA256.algorithm.pointer, nil) == 1 else {
            preconditionFailure("Unable to initialise SHA-256")
        }
    }

    /// Adds bytes to the current message.
    public func update(_ data: [UInt8]) { update(data[...]) }

    /// Adds bytes to the current message.
    public func update(_ data: ArraySlice<UInt8>) {
        let ok = data.withUnsafeBytes { raw in EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
        guard ok == 1 else { preconditionFailure("Unable to update SHA-256 state") }
    }

    /// Adds one byte to the current message.
    public func update(byte: UInt8) {
        var value = byte
        let ok = withUnsafeBytes(of: &value) { raw in EVP_DigestUpdate(context, raw.baseAddress, 1) }
        guard ok == 1 else { preconditionFailure("Unable to update SHA-256 state") }
    }

    /// Adds a digest's 32 bytes to the current message.
    public func update(_ digest: Digest32) {
        var words = (digest.w0.bigEndian, digest.w1.bigEndian, digest.w2.bigEndian, digest.w3.bigEndian)
        let ok = withUnsafeBytes(of: &words) { raw in EVP_DigestUpdate(context, raw.baseAddress, 32) }
        guard ok == 1 else { preconditionFailure("Unable to update SHA-256 state") }
    }

    /// Ends the current message and returns its digest (written straight into the inline digest: no allocation).
    public func finish() -> Digest32 {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        let ok = withUnsafeMutableBytes(of: &words) { raw in
            EVP_DigestFinal_ex(context, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard ok == 1, length == 32 else { preconditionFailure("Unable to finish SHA-256") }
        return Digest32(words: UInt64(bigEndian: words.0), UInt64(bigEndian: words.1), UInt64(bigEndian: words.2),
                        UInt64(bigEndian: words.3))
    }

    /// One-shot convenience: SHA-256 of `data`.
    public static func digest(_ data: [UInt8]) -> Digest32 { SHA256().hash(data) }

    /// One-shot convenience: SHA-256 of a string's UTF-8 bytes.
    public static func digest(_ text: String) -> Digest32 { SHA256().hash(Array(text.utf8)) }

    /// The fetched algorithm, shared; OpenSSL 3 makes implicit fetches per call slower than an explicit one.
    private final class Algorithm: @unchecked Sendable {
        let pointer: OpaquePointer
        init() {
            guard let md = EVP_MD_fetch(nil, "SHA256", nil) else { preconditionFailure("OpenSSL has no SHA-256") }
            pointer = md
        }
    }
    private static let algorithm = Algorithm()
}
