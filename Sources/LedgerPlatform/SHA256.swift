internal import COpenSSL

/// SHA-256 through OpenSSL libcrypto.
///
/// A `SHA256` value owns one reusable context, so hot loops (building the Merkle tree, hashing a batch) allocate
/// nothing per message; the static `digest` functions hash one whole message on a stack context, without any
/// heap object (verify and append hash every record that way). It is not thread-safe; give each thread its own.
///
/// Both use libcrypto's low-level `SHA256_Init/Update/Final`, which run the same block function (SHA-NI where the
/// CPU has it) as the EVP interface without its provider dispatch per message: for a record of some 500 bytes
/// EVP cost about a quarter more than the block function alone.
public final class SHA256 {
    private let context: UnsafeMutablePointer<SHA256_CTX>

    public init() {
        context = UnsafeMutablePointer<SHA256_CTX>.allocate(capacity: 1)
        begin()
    }

    deinit { context.deallocate() }

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
        guard SHA256_Init(context) == 1 else { preconditionFailure("Unable to initialise SHA-256") }
    }

    /// Adds bytes to the current message.
    public func update(_ data: [UInt8]) { update(data[...]) }

    /// Adds bytes to the current message.
    public func update(_ data: ArraySlice<UInt8>) { Self.update(context, data) }

    /// Adds one byte to the current message.
    public func update(byte: UInt8) {
        var value = byte
        guard SHA256_Update(context, &value, 1) == 1 else { preconditionFailure("Unable to update SHA-256 state") }
    }

    /// Adds a digest's 32 bytes to the current message.
    public func update(_ digest: Digest32) {
        var words = (digest.w0.bigEndian, digest.w1.bigEndian, digest.w2.bigEndian, digest.w3.bigEndian)
        let ok = withUnsafeBytes(of: &words) { raw in SHA256_Update(context, raw.baseAddress, 32) }
        guard ok == 1 else { preconditionFailure("Unable to update SHA-256 state") }
    }

    /// Ends the current message and returns its digest (written straight into the inline digest: no allocation).
    public func finish() -> Digest32 { Self.finish(context) }

    /// One-shot: SHA-256 of `data`, on a stack context.
    public static func digest(_ data: [UInt8]) -> Digest32 { digest(data[...]) }

    /// One-shot: SHA-256 of a string's UTF-8 bytes.
    public static func digest(_ text: String) -> Digest32 { digest(Array(text.utf8)) }

    /// One-shot: SHA-256 of one whole message, on a stack context (no heap object, no allocation).
    public static func digest(_ message: ArraySlice<UInt8>) -> Digest32 {
        var context = SHA256_CTX()
        guard SHA256_Init(&context) == 1 else { preconditionFailure("Unable to initialise SHA-256") }
        update(&context, message)
        return finish(&context)
    }

    /// One-shot: SHA-256 of `first` followed by `second`, on a stack context; e.g. a record's hashed bytes, `{` and
    /// the line after its hash member.
    public static func digest(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Digest32 {
        var context = SHA256_CTX()
        guard SHA256_Init(&context) == 1 else { preconditionFailure("Unable to initialise SHA-256") }
        update(&context, first)
        update(&context, second)
        return finish(&context)
    }

    /// One-shot: SHA-256 of `first` followed by the bytes in place (verify's worker hashes lines of a shared
    /// buffer without making slices of it).
    static func digest(_ first: UInt8, _ rest: UnsafeRawBufferPointer) -> Digest32 {
        var context = SHA256_CTX()
        var byte = first
        guard SHA256_Init(&context) == 1, SHA256_Update(&context, &byte, 1) == 1,
              SHA256_Update(&context, rest.baseAddress, rest.count) == 1 else { preconditionFailure("Unable to hash with SHA-256") }
        return finish(&context)
    }

    private static func update(_ context: UnsafeMutablePointer<SHA256_CTX>, _ data: ArraySlice<UInt8>) {
        let ok = data.withUnsafeBytes { raw in SHA256_Update(context, raw.baseAddress, raw.count) }
        guard ok == 1 else { preconditionFailure("Unable to update SHA-256 state") }
    }

    private static func finish(_ context: UnsafeMutablePointer<SHA256_CTX>) -> Digest32 {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &words) { raw in
            SHA256_Final(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), context)
        }
        guard ok == 1 else { preconditionFailure("Unable to finish SHA-256") }
        return Digest32(words: UInt64(bigEndian: words.0), UInt64(bigEndian: words.1), UInt64(bigEndian: words.2),
                        UInt64(bigEndian: words.3))
    }
}
