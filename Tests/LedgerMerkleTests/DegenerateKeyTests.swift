import LedgerMerkle
import LedgerPlatform
import Testing

/// Public keys with which anyone can sign, or which verifiers read differently, are refused when a key is read:
/// the eight points of small order (with a small-order key the signature R = identity, S = 0 verifies for every
/// message under OpenSSL, WebCrypto and RFC 8032 alike) and non-canonical encodings (y ≥ p, or x = 0 with the
/// sign bit set), which OpenSSL and WebCrypto accept but RFC 8032's decoding, the page's inline Ed25519 and
/// check_audit.py reject.
@Suite struct DegenerateKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let hex: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "identity (order 1)", hex: "0100000000000000000000000000000000000000000000000000000000000000"),
        Case(name: "y = -1 (order 2)", hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Case(name: "y = 0 (order 4)", hex: "0000000000000000000000000000000000000000000000000000000000000000"),
        Case(name: "y = 0, x odd (order 4)", hex: "0000000000000000000000000000000000000000000000000000000000000080"),
        Case(name: "order 8, x even", hex: "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Case(name: "order 8, x odd", hex: "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"),
        Case(name: "order 8, other y, x even", hex: "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        Case(name: "order 8, other y, x odd", hex: "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"),
        Case(name: "y = p + 1, the identity written non-canonically", hex: "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Case(name: "y = p", hex: "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Case(name: "y = 2^255 - 1", hex: "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Case(name: "identity with the sign bit set (x = 0 is never negative)", hex: "0100000000000000000000000000000000000000000000000000000000000080"),
        Case(name: "y = -1 with the sign bit set", hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    ]

    @Test(arguments: cases)
    func refused(_ c: Case) throws {
        let raw = try #require(Hex.decode(c.hex))
        for algorithm in [NoteKeys.Algorithm.ed25519, .cosignatureV1] {
            #expect(throws: AuditError.self) { try VerifierKey(name: "jiedao-test", publicKey: raw, algorithm: algorithm) }
            let id = NoteKeys.keyID(name: "jiedao-test", publicKey: raw, algorithm: algorithm)
            let text = "jiedao-test+\(Hex.encode(id))+\(Base64.encode([algorithm.rawValue] + raw))\n"
            #expect {
                try VerifierKey(fileBytes: Array(text.utf8), file: "k.pub")
            } throws: { error in
                guard case AuditError.badKey(let file, .unusable) = error else { return false }
                return file == "k.pub" && "\(error)".contains("anyone")
            }
        }
    }

    /// What the refusal prevents: with the identity as "public key", one fixed signature verifies any note.
    @Test func aSmallOrderKeyWouldAcceptAFixedSignatureForAnyText() throws {
        let identity = try #require(Hex.decode(Self.cases[0].hex))
        let universal = identity + [UInt8](repeating: 0, count: 32)
        #expect(Ed25519.verify(signature: universal, message: Array("any text\n".utf8), publicKey: identity))
        // A real key is read as before.
        let key = try SignerKey(name: "jiedao-test", seed: SHA256.digest("common-property-ledger test vector key 1").bytes).verifier
        #expect(try VerifierKey(fileBytes: Array(key.text.utf8), file: "k.pub") == key)
    }
}
