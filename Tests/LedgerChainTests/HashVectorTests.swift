import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The worked vectors of ledger-spec.md, "Test vectors": testdata/chain/vector-ledger.jsonl.
@Suite struct HashVectorTests {
    static let vectorPath = SampleRecords.packageRoot + "/testdata/chain/vector-ledger.jsonl"
    static let expectedHashes = [
        "b2c2690574d84c1c9e042be036bef29410b8ec4eb09126fe330246dc295c0fad",
        "0a344c6f773b9ddaa180e43b83fb103b60fe40dc506461b7a7b66983a5a1d586",
        "8c6cbb7bd6dc00265174ea8727c817d0e3d087a7df3380c6729c0deeff327df2",
    ]

    static func lines() throws -> [[UInt8]] {
        let bytes = try PosixFile(path: vectorPath, mode: .read).readAll()
        #expect(bytes.last == 0x0A)
        return bytes.split(separator: 0x0A).map(Array.init)
    }

    @Test func hashedBytesAreTheLineWithoutItsHashMember() throws {
        let lines = try Self.lines()
        #expect(lines.count == 3)
        for (index, line) in lines.enumerated() {
            // Independent of RecordCodec: drop the first 75 bytes, put back "{", SHA-256.
            #expect(line.starts(with: Array("{\"hash\":\"".utf8)))
            let hashed = [UInt8(ascii: "{")] + line[75...]
            #expect(SHA256.digest(hashed).hex == Self.expectedHashes[index])
            // And the stored hash member says the same.
            let parsed = try JSONParser.parse(line)
            #expect(parsed["hash"]?.stringValue == Self.expectedHashes[index])
            #expect(parsed["prev"]?.stringValue == (index == 0 ? String(repeating: "0", count: 64) : Self.expectedHashes[index - 1]))
        }
    }

    @Test func theWriterReproducesTheVectorLedgerByteForByte() throws {
        let temp = TemporaryDirectory()
        let directory = try LedgerDirectory.create(at: temp.path + "/v", name: "vector-ledger", createdAt: TestLedger.recordedAt)
        let input = try Self.lines().map { line -> Event in
            let record = try RecordCodec.decode(line: line[...])
            return record.event
        }
        let writer = try LogWriter.open(directory)
        _ = try writer.append(Array(input[0..<2]), options: AppendOptions(
            recordedAt: Timestamp(rfc3339: "2025-01-01T08:00:00Z")!, defaultActor: nil, makeId: { "unused" }))
        let result = try writer.append([input[2]], options: AppendOptions(
            recordedAt: Timestamp(rfc3339: "2025-01-02T09:30:00Z")!, defaultActor: nil, makeId: { "unused" }))
        writer.close()
        #expect(result.headHash.hex == Self.expectedHashes[2])
        #expect(TestLedger.logBytes(directory) == (try PosixFile(path: Self.vectorPath, mode: .read).readAll()))
    }

    @Test func decodeRejectsANonCanonicalButCorrectlyHashedLine() throws {
        // Same members, one space added, hash recomputed over the new bytes: still not a record line.
        let line = try Self.lines()[0]
        var text = String(decoding: line, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\": 1")
        var bytes = Array(text.utf8)
        let hash = SHA256.digest([UInt8(ascii: "{")] + bytes[75...]).hex
        bytes.replaceSubrange(9..<73, with: Array(hash.utf8))
        #expect(throws: ChainError.self) { try RecordCodec.decode(line: bytes[...]) }
    }

    @Test func canonicalJSONSortsKeysAndEscapesMinimally() throws {
        let value: JSONValue = .object([
            "b": .integer(-7), "a": .string("引号\"反斜杠\\换行\n\u{01}"), "c": .array([.null, .bool(true)]), "é": .object([:]),
        ])
        #expect(CanonicalJSON.string(value) == #"{"a":"引号\"反斜杠\\换行\n\u0001","b":-7,"c":[null,true],"é":{}}"#)
        #expect(try JSONParser.parse(CanonicalJSON.encode(value)) == value)
    }
}

/// A line whose hash is right but whose bytes are not the one canonical spelling is refused by verify, by the
/// decoder and by the independent Python verifier alike (ledger-spec.md section 2).
@Suite struct CanonicalFormTests {
    /// The first vector line with `from` replaced by `to` and its hash recomputed.
    static func rehashed(_ from: String, _ to: String) throws -> [UInt8] {
        var text = String(decoding: try HashVectorTests.lines()[0], as: UTF8.self)
        #expect(text.contains(from))
        text = text.replacingOccurrences(of: from, with: to)
        var bytes = Array(text.utf8)
        let hash = SHA256.digest([UInt8(ascii: "{")] + bytes[75...]).hex
        bytes.replaceSubrange(9..<73, with: Array(hash.utf8))
        return bytes
    }

    static let variants: [(String, String, String)] = [
        ("unsorted data keys", #""community_id":"QD-001","name":"海韵小区""#, #""name":"海韵小区","community_id":"QD-001""#),
        ("duplicate data key", #""community_id":"QD-001","#, #""community_id":"QD-001","community_id":"QD-001","#),
        ("escaped slash", #""street":"八大关街道""#, #""street":"八大关\/街道""#),
        ("needless unicode escape", #""name":"海韵小区""#, #""name":"\u6d77韵小区""#),
        ("upper-case unicode escape", #""name":"海韵小区""#, #""name":"\u001F海韵小区""#),
        ("id with a space", #""id":"vec-1""#, #""id":"vec 1""#),
        ("type not a type name", #""type":"community.registered""#, #""type":"Community""#),
        ("empty actor", #""actor":"clerk-li""#, #""actor":"""#),
        ("whitespace", #""total_owners":480"#, #""total_owners": 480"#),
    ]

    @Test func everyVariantIsRefusedEverywhere() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        for (name, from, to) in Self.variants {
            let line = try Self.rehashed(from, to)
            TestLedger.writeLog(line + [0x0A], to: directory)
            let summary = try LogScanner.verify(path: directory.eventsPath)
            #expect(summary.failure?.kindCode == "unparsable", "\(name): \(String(describing: summary.failure))")
            #expect(throws: ChainError.self, "\(name)") { try RecordCodec.decode(line: line[...]) }
            if let python = IndependentVerifierTests.python {
                let result = try TestBinaries.run(python, [IndependentVerifierTests.root + "/scripts/verify_ledger.py", directory.eventsPath])
                #expect(result.status == 1, "python accepted \(name)")
            }
        }
        // The unchanged line passes, so each refusal above is the variant's doing.
        TestLedger.writeLog(try Self.rehashed("vec-1", "vec-1") + [0x0A], to: directory)
        #expect(try LogScanner.verify(path: directory.eventsPath).failure == nil)
    }
}
