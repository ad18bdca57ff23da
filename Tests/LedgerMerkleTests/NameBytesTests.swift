import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import Testing

/// Names in notes are compared as bytes, as Go's note package and check_audit.py compare them (ledger-spec.md 14.4
/// step 4): a signature line naming the key decomposed (Cafe + U+0301) is not by the key named composed (review
/// 46b #1: Swift's `==`, which equates canonically equivalent text, let it through).
@Suite struct NameBytesTests {
    static let composed = "Caf\u{E9}-office"
    static let decomposed = "Cafe\u{301}-office"

    /// `signed` with the signature line's name bytes replaced.
    static func renamed(_ signed: [UInt8], from: String, to: String) throws -> [UInt8] {
        let prefix = Array("\u{2014} ".utf8) + Array(from.utf8) + [0x20]
        let start = try #require((0...(signed.count - prefix.count)).first { Array(signed[$0..<($0 + prefix.count)]) == prefix })
        return Array(signed[..<start]) + Array("\u{2014} ".utf8) + Array(to.utf8) + [0x20] + Array(signed[(start + prefix.count)...])
    }

    @Test func aSignatureLineNamesItsKeyByTheNamesBytes() throws {
        #expect(Self.composed == Self.decomposed, "the two spellings must be canonically equivalent for this test to mean anything")
        let key = try SignerKey(name: Self.composed, seed: SHA256.digest("name bytes test key").bytes)
        let signed = SignedNote.sign(text: Array("example.org/log\n1\nAAAA\n".utf8), keys: [key])
        try SignedNote(bytes: signed, file: "cp").verify(key: key.verifier, file: "cp")
        let forged = try Self.renamed(signed, from: Self.composed, to: Self.decomposed)
        #expect(forged != signed)
        #expect(throws: AuditError.self) { try SignedNote(bytes: forged, file: "cp").verify(key: key.verifier, file: "cp") }
    }
}
