import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct CryptoVectorTests {
    // FIPS 180-2 examples.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(input: String, expected: String) {
        #expect(SHA256.digest(input).hex == expected)
    }

    @Test func sha256ContextIsReusable() {
        let hasher = SHA256()
        let first = hasher.hash(Array("abc".utf8))
        let second = hasher.hash(Array("a".utf8), Array("bc".utf8))
        #expect(first == second)
        #expect(hasher.hash(prefix: 0x61, Array("bc".utf8)[...]) == first)
    }

    // RFC 8032 section 7.1, TEST 1 and TEST 2.
    @Test func ed25519RFC8032() throws {
        let key = try Ed25519.PrivateKey(seed: Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!)
        #expect(Hex.encode(key.publicKey) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = key.sign([])
        #expect(Hex.encode(signature) == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(Ed25519.verify(signature: signature, message: [], publicKey: key.publicKey))
        let key2 = try Ed25519.PrivateKey(seed: Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")!)
        let signature2 = key2.sign([0x72])
        #expect(Hex.encode(signature2) == "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
        var tampered = signature2
        tampered[0] ^= 1
        #expect(!Ed25519.verify(signature: tampered, message: [0x72], publicKey: key2.publicKey))
        #expect(!Ed25519.verify(signature: signature2, message: [0x73], publicKey: key2.publicKey))
        #expect(!Ed25519.verify(signature: signature2, message: [0x72], publicKey: key.publicKey))
    }

    @Test func digestHexRejectsUpperCaseAndWrongLength() {
        #expect(Digest32(hex: String(repeating: "a", count: 64)) != nil)
        #expect(Digest32(hex: String(repeating: "A", count: 64)) == nil)
        #expect(Digest32(hex: String(repeating: "a", count: 63)) == nil)
        #expect(Digest32(bytes: [1, 2, 3]) == nil)
    }

    /// The inline digest (four words) must be byte-for-byte the digest it replaced: bytes, hex, byte order,
    /// hashing of digests, and hex comparison.
    @Test func inlineDigestMatchesItsBytes() throws {
        let seed: UInt64 = 0x5EED_D16E
        var random = SplitMix64(seed: seed)
        let hasher = SHA256()
        var previous: (Digest32, [UInt8])? = nil
        for _ in 0..<500 {
            let bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let digest = try #require(Digest32(bytes: bytes), "seed \(seed)")
            #expect(digest.bytes == bytes, "seed \(seed)")
            #expect(digest.hex == Hex.encode(bytes), "seed \(seed)")
            #expect(Digest32(hex: digest.hex) == digest, "seed \(seed)")
            #expect((0..<32).map { digest[$0] } == bytes, "seed \(seed)")
            #expect(Bytes.hexEquals(Array(digest.hex.utf8)[...], digest), "seed \(seed)")
            if let (other, otherBytes) = previous {
                #expect((digest < other) == bytes.lexicographicallyPrecedes(otherBytes), "seed \(seed)")
                #expect(hasher.hash(prefix: 1, digest, other) == hasher.hash([1] + bytes + otherBytes), "seed \(seed)")
            }
            previous = (digest, bytes)
        }
    }

    @Test func gb18030RoundTripAndInvalidBytes() throws {
        let text = "车位,会所/活动室,面积(㎡)"
        let encoded = try #require(TextEncoder.gb18030(text))
        #expect(encoded != Array(text.utf8))
        #expect(try TextDecoder.gb18030(encoded) == text)
        // 0x81 0x20 is not a valid GB18030 sequence.
        #expect(throws: TextDecodingError.self) { try TextDecoder.gb18030([0x41, 0x81, 0x20]) }
        #expect(throws: TextDecodingError.self) { try TextDecoder.utf8([0x41, 0xC3]) }
        #expect(Bytes.firstInvalidUTF8([0x41, 0x42, 0xFF]) == 2)
    }
}
