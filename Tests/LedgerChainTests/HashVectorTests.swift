import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The worked vectors of ledger-spec.md, "Test vectors": testdata/chain/vector-ledger.jsonl.
@Suite struct HashVectorTests {
    static let vectorPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("testdata/chain/vector-ledger.jsonl").path
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
            let record = try RecordCodec.decode(line: line[...], hasher: SHA256())
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
        #expect(throws: RecordCodec.LineProblem.self) { try RecordCodec.decode(line: bytes[...], hasher: SHA256()) }
    }

    @Test func canonicalJSONSortsKeysAndEscapesMinimally() throws {
        let value: JSONValue = .object([
            "b": .integer(-7), "a": .string("引号\"反斜杠\\换行\n\u{01}"), "c": .array([.null, .bool(true)]), "é": .object([:]),
        ])
        #expect(CanonicalJSON.string(value) == #"{"a":"引号\"反斜杠\\换行\n\u0001","b":-7,"c":[null,true],"é":{}}"#)
        #expect(try JSONParser.parse(CanonicalJSON.encode(value)) == value)
    }
}
