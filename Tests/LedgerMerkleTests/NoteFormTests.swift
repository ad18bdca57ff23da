import Foundation
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The character and line rules of key files and checkpoint notes (ledger-spec.md 14.3, 14.4), decided the same
/// way by the Swift reader and by testdata/merkle/check_audit.py.
@Suite struct NoteFormTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let accepted: Bool
        var testDescription: String { name }
    }

    static let publicKey = Array(SampleLedger.signer.verifier.text.utf8)

    /// A public key line for `name` and the sample key's bytes, with the matching key id.
    static func keyLine(name: String) -> [UInt8] {
        let key = SampleLedger.signer.verifier.publicKey
        return Array("\(name)+\(Hex.encode(NoteKeys.keyID(name: name, publicKey: key)))+\(Base64.encode([0x01] + key))".utf8)
    }

    static let keyCases: [Case] = [
        Case(name: "one line whose base64 holds a +", bytes: publicKey, accepted: true),
        Case(name: "ending in LF", bytes: publicKey + [0x0A], accepted: true),
        Case(name: "ending in CRLF", bytes: publicKey + [0x0D, 0x0A], accepted: true),
        Case(name: "ending in a lone CR", bytes: publicKey + [0x0D], accepted: false),
        Case(name: "two LFs", bytes: publicKey + [0x0A, 0x0A], accepted: false),
        Case(name: "a trailing space", bytes: publicKey + [0x20, 0x0A], accepted: false),
        Case(name: "name with U+3000", bytes: keyLine(name: "街道\u{3000}办"), accepted: false),
        Case(name: "name with U+00A0", bytes: keyLine(name: "a\u{A0}b"), accepted: false),
        Case(name: "name with U+0085", bytes: keyLine(name: "a\u{85}b"), accepted: false),
        Case(name: "name with U+0080", bytes: keyLine(name: "a\u{80}b"), accepted: false),
        Case(name: "name with U+200B", bytes: keyLine(name: "a\u{200B}b"), accepted: true),
        Case(name: "Chinese name", bytes: keyLine(name: "八大关街道"), accepted: true),
        Case(name: "upper-case key id", bytes: Array(String(decoding: publicKey, as: UTF8.self).uppercasedKeyID().utf8), accepted: false),
    ]

    static let checkpointText = Array("xingfu-garden\n7\nf9d+CusM2xkHNbr70bzf1EThHctgvvSUnbS81rDsQIU=\nledger-checkpoint v1\nhead 9828f07cf29cda62a58d628243593cf5cbbd4ce776c64bd177aefdfb11981122\ntime 2025-06-30T12:00:00Z\n".utf8)

    static func signed(_ text: String) -> [UInt8] { SignedNote.sign(text: Array(text.utf8), keys: [SampleLedger.signer]) }

    static func withLine(_ line: String) -> [UInt8] { SignedNote.sign(text: checkpointText, keys: [SampleLedger.signer]) + Array((line + "\n").utf8) }

    static func text(replacing old: String, with new: String) -> String {
        String(decoding: checkpointText, as: UTF8.self).replacingOccurrences(of: old, with: new)
    }

    static let otherSignature = Base64.encode([1, 2, 3, 4] + [UInt8](repeating: 7, count: 64))

    static let noteCases: [Case] = [
        Case(name: "the sample checkpoint", bytes: signed(String(decoding: checkpointText, as: UTF8.self)), accepted: true),
        Case(name: "another key's line is ignored", bytes: withLine("— witness \(otherSignature)"), accepted: true),
        Case(name: "another key's line with a one-byte signature", bytes: withLine("— witness \(Base64.encode([1, 2, 3, 4, 5]))"), accepted: true),
        Case(name: "another key's line with a key id only", bytes: withLine("— witness \(Base64.encode([1, 2, 3, 4]))"), accepted: false),
        Case(name: "another key's line without base64 padding", bytes: withLine("— witness \(otherSignature.dropLast())"), accepted: false),
        Case(name: "another key's name with U+3000", bytes: withLine("— wit\u{3000}ness \(otherSignature)"), accepted: false),
        Case(name: "another key's name with U+0085", bytes: withLine("— wit\u{85}ness \(otherSignature)"), accepted: false),
        Case(name: "another key's line without the em dash", bytes: withLine("- witness \(otherSignature)"), accepted: false),
        Case(name: "101 signature lines", bytes: (0..<100).reduce(signed(String(decoding: checkpointText, as: UTF8.self))) { note, _ in
            note + Array("— witness \(otherSignature)\n".utf8)
        }, accepted: false),
        Case(name: "a C1 control in the origin", bytes: signed(text(replacing: "xingfu-garden", with: "xingfu\u{85}garden")), accepted: false),
        Case(name: "a CR before an LF", bytes: signed(text(replacing: "v1\n", with: "v1\r\n")), accepted: false),
        Case(name: "size 0", bytes: signed(text(replacing: "\n7\n", with: "\n0\n")), accepted: false),
        Case(name: "size 07", bytes: signed(text(replacing: "\n7\n", with: "\n07\n")), accepted: false),
        Case(name: "origin with a leading space", bytes: signed(text(replacing: "xingfu-garden", with: " xingfu-garden")), accepted: false),
        Case(name: "origin with an inner space", bytes: signed(text(replacing: "xingfu-garden", with: "xingfu garden")), accepted: true),
        Case(name: "origin with a trailing U+3000", bytes: signed(text(replacing: "xingfu-garden", with: "xingfu-garden\u{3000}")), accepted: true),
        Case(name: "upper-case head", bytes: signed(text(replacing: "head 9828f07c", with: "head 9828F07C")), accepted: false),
        Case(name: "time with a leap second", bytes: signed(text(replacing: "12:00:00Z", with: "23:59:60Z")), accepted: false),
        Case(name: "time in 1899", bytes: signed(text(replacing: "2025-06-30", with: "1899-06-30")), accepted: false),
    ]

    static func swiftAccepts(key bytes: [UInt8]) -> Bool { (try? VerifierKey(fileBytes: bytes, file: "k.pub")) != nil }

    static func swiftAccepts(note bytes: [UInt8]) -> Bool {
        (try? Checkpoint.open(bytes, key: SampleLedger.signer.verifier, file: "cp")) != nil
    }

    static let script = Fixtures.path("testdata/merkle/check_audit.py")

    @Test(arguments: keyCases)
    func keyFiles(_ c: Case) throws {
        #expect(Self.swiftAccepts(key: c.bytes) == c.accepted)
        guard let python = SampleVectorTests.python else { return }
        let folder = SampleLedger.temporaryDirectory()
        try Data(c.bytes).write(to: URL(fileURLWithPath: folder + "/k.pub"))
        let result = try TestBinaries.run(python, [Self.script, "--pubkey", folder + "/k.pub"])
        #expect(result.status == (c.accepted ? 0 : 2), "python: \(result.stdout)")
    }

    @Test(arguments: noteCases)
    func checkpointNotes(_ c: Case) throws {
        #expect(Self.swiftAccepts(note: c.bytes) == c.accepted)
        guard let python = SampleVectorTests.python else { return }
        let folder = SampleLedger.temporaryDirectory()
        try Data(Self.publicKey + [0x0A]).write(to: URL(fileURLWithPath: folder + "/k.pub"))
        try Data(c.bytes).write(to: URL(fileURLWithPath: folder + "/cp.txt"))
        let result = try TestBinaries.run(python, [Self.script, "--pubkey", folder + "/k.pub", "--checkpoint", folder + "/cp.txt"])
        #expect(result.status == (c.accepted ? 0 : 1), "python: \(result.stdout)")
    }
}

extension String {
    /// The key id (second `+` field) in upper case.
    fileprivate func uppercasedKeyID() -> String {
        let parts = split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        return "\(parts[0])+\(parts[1].uppercased())+\(parts[2])"
    }
}

/// Findings for checkpoints.
@Suite struct CheckpointSizeTests {
    /// Record numbers are Int64 everywhere else (prove's scan, verify --json convert the size to Int64), so a
    /// signed checkpoint claiming more records than Int64 can count must be refused when parsed, not crash later.
    @Test func sizeBeyondInt64IsRefused() throws {
        let root = Base64.encode([UInt8](repeating: 7, count: 32))
        let head = String(repeating: "ab", count: 32)
        for (size, accepted) in [("9223372036854775807", true), ("9223372036854775808", false), ("9999999999999999999", false)] {
            let body = Array("ledger\n\(size)\n\(root)\nledger-checkpoint v1\nhead \(head)\ntime 2025-01-01T00:00:00Z\n".utf8)
            if accepted {
                #expect(try Checkpoint.parse(body: body, file: "cp").size == UInt64(Int64.max))
            } else {
                #expect(throws: AuditError.self) { try Checkpoint.parse(body: body, file: "cp") }
            }
        }
    }
}
