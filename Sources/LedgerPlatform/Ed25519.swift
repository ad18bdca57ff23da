internal import COpenSSL

/// Ed25519 (RFC 8032) signatures through OpenSSL libcrypto. Keys are raw 32-byte values.
public enum Ed25519 {
    /// A private key (the 32-byte seed) with its public key.
    public struct PrivateKey: Sendable, Equatable {
        public let seed: [UInt8]
        public let publicKey: [UInt8]

        /// Derives the public key from a 32-byte seed.
        public init(seed: [UInt8]) throws(Ed25519Error) {
            guard seed.count == 32 else { throw .badKeyLength(expected: 32, found: seed.count) }
            self.seed = seed
            let key = PKey(privateSeed: seed)
            self.publicKey = key.rawPublicKey()
        }

        /// A fresh key from OpenSSL's CSPRNG.
        public static func generate() throws(Ed25519Error) -> PrivateKey {
            var seed = [UInt8](repeating: 0, count: 32)
            let ok = seed.withUnsafeMutableBytes { raw in
                RAND_bytes(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), 32)
            }
            guard ok == 1 else { throw .randomSourceFailed }
            return try PrivateKey(seed: seed)
        }

        /// The 64-byte signature of `message`.
        public func sign(_ message: [UInt8]) -> [UInt8] {
            PKey(privateSeed: seed).sign(message)
        }
    }

    /// True when `signature` is a valid Ed25519 signature of `message` under the 32-byte `publicKey`.
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard publicKey.count == 32, signature.count == 64 else { return false }
        guard let key = PKey(publicKey: publicKey) else { return false }
        return key.verify(signature: signature, message: message)
    }
}

/// Owns one EVP_PKEY.
private final class PKey {
    let pointer: OpaquePointer

    init(privateSeed: [UInt8]) {
        let made = privateSeed.withUnsafeBytes { raw in
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), 32)
        }
        guard let made else { preconditionFailure("OpenSSL refused a 32-byte Ed25519 seed") }
        pointer = made
    }

    init?(publicKey: [UInt8]) {
        let made = publicKey.withUnsafeBytes { raw in
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), 32)
        }
        guard let made else { return nil }
        pointer = made
    }

    deinit { EVP_PKEY_free(pointer) }

    func rawPublicKey() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        let ok = out.withUnsafeMutableBytes { raw in
            EVP_PKEY_get_raw_public_key(pointer, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard ok == 1, length == 32 else { preconditionFailure("Unable to read an Ed25519 public key") }
        return out
    }

    func sign(_ message: [UInt8]) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { preconditionFailure("Unable to allocate a signing context") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, nil, nil, pointer) == 1 else { preconditionFailure("Unable to start signing") }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = 64
        // OpenSSL wants a non-null pointer even for an empty message; the count stays 0.
        let buffer = message.isEmpty ? [0] : message
        let ok = signature.withUnsafeMutableBytes { sig in
            buffer.withUnsafeBytes { msg in
                EVP_DigestSign(ctx, sig.baseAddress!.assumingMemoryBound(to: UInt8.self), &length,
                               msg.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count)
            }
        }
        guard ok == 1, length == 64 else { preconditionFailure("Unable to sign with Ed25519") }
        return signature
    }

    func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { preconditionFailure("Unable to allocate a verifying context") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, pointer) == 1 else { return false }
        let buffer = message.isEmpty ? [0] : message
        let ok = signature.withUnsafeBytes { sig in
            buffer.withUnsafeBytes { msg in
                EVP_DigestVerify(ctx, sig.baseAddress!.assumingMemoryBound(to: UInt8.self), sig.count,
                                 msg.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count)
            }
        }
        ERR_clear_error()
        return ok == 1
    }

}
