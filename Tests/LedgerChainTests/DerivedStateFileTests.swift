import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The shared header of `index/` files (ledger-spec.md section 15.1): whatever bytes a reader meets, it answers
/// with the file or a problem, never a crash and never a wrong file.
@Suite struct DerivedStateFileTests {
    static let kind = "LEDGER-TEST-STATE"
    static let version: UInt32 = 7

    static func stamp(_ seq: Int64, _ fill: UInt8, offset: Int64, bytes: Int) -> StateStamp {
        StateStamp(seq: seq, hash: Digest32(bytes: [UInt8](repeating: fill, count: 32))!, lineOffset: offset, lineBytes: bytes)
    }

    static func sample(body: [UInt8] = Array("the body of the state".utf8)) -> DerivedStateFile {
        DerivedStateFile(kind: kind, version: version, ledgerName: "海韵", genesis: stamp(1, 0x11, offset: 0, bytes: 300),
                         stamp: stamp(9, 0x22, offset: 2_700, bytes: 310), body: body)
    }

    @Test func roundTrips() throws {
        let file = Self.sample()
        #expect(try DerivedStateFile.decode(file.encoded(), kind: Self.kind, version: Self.version) == file)
    }

    /// A body written where the file's bytes are (`encoded(_:body:)`, session 45) gives the bytes of the header, the
    /// body and its SHA-256 laid end to end, for bodies of every length around the hash's 64-byte blocks (seeded).
    @Test func writtenInPlaceIsHeaderBodyAndChecksum() throws {
        var random = SplitMix64(seed: 45)
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1_000, 70_001] {
            let body = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let file = Self.sample(body: body)
            let bytes = DerivedStateFile.encoded(file.header) { $0.raw(body) }
            #expect(bytes == file.header.encoded() + body + SHA256.digest(body).bytes, "body of \(length) bytes")
            #expect(try DerivedStateFile.decode(bytes, kind: Self.kind, version: Self.version) == file, "body of \(length) bytes")
        }
    }

    /// Every truncation and every extension by one byte is refused as damage.
    @Test func everyTruncationIsAProblem() {
        let bytes = Self.sample().encoded()
        for length in 0..<bytes.count {
            guard (try? DerivedStateFile.decode(Array(bytes[0..<length]), kind: Self.kind, version: Self.version)) == nil else {
                Issue.record("a file cut to \(length) of \(bytes.count) bytes was accepted"); return
            }
        }
        guard (try? DerivedStateFile.decode(bytes + [0], kind: Self.kind, version: Self.version)) == nil else {
            Issue.record("a file with a byte appended was accepted"); return
        }
    }

    /// Every single flipped bit, anywhere in the file, is refused.
    @Test func everyBitFlipIsAProblem() {
        let bytes = Self.sample().encoded()
        for index in bytes.indices {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[index] ^= UInt8(1 << bit)
                guard (try? DerivedStateFile.decode(damaged, kind: Self.kind, version: Self.version)) == nil else {
                    Issue.record("bit \(bit) of byte \(index) flipped was accepted"); return
                }
            }
        }
    }

    /// A header whose checksum is right but whose length fields are absurd (a buggy writer, a crafted file): the
    /// checksum is no MAC, so every field is still checked before it is used.
    @Test func absurdLengthsWithAValidChecksumAreProblems() {
        func header(seq: UInt64 = 9, offset: UInt64 = 2_700, lineBytes: UInt64 = 310, nameLength: UInt64? = nil,
                    bodyBytes: UInt64) -> [UInt8] {
            var out = ByteWriter()
            out.raw(Array((Self.kind + "\n").utf8))
            out.u64(UInt64(Self.version))
            let name = Array("海韵".utf8)
            out.u64(nameLength ?? UInt64(name.count)); out.raw(name)
            out.u64(1); out.raw([UInt8](repeating: 0x11, count: 32)); out.u64(0); out.u64(300)
            out.u64(seq); out.raw([UInt8](repeating: 0x22, count: 32)); out.u64(offset); out.u64(lineBytes)
            out.u64(bodyBytes)
            out.raw(SHA256.digest(out.bytes).bytes)
            return out.bytes
        }
        let body = Array("body".utf8)
        let tail = body + SHA256.digest(body).bytes
        let cases: [(String, [UInt8])] = [
            ("body length UInt64.max", header(bodyBytes: .max) + tail),
            ("body length UInt64.max - 31", header(bodyBytes: .max - 31) + tail),
            ("body length Int.max", header(bodyBytes: UInt64(Int.max)) + tail),
            ("body length one too many", header(bodyBytes: UInt64(body.count + 1)) + tail),
            ("seq 0", header(seq: 0, bodyBytes: UInt64(body.count)) + tail),
            ("seq above Int64.max", header(seq: .max, bodyBytes: UInt64(body.count)) + tail),
            ("line offset above Int64.max", header(offset: .max, bodyBytes: UInt64(body.count)) + tail),
            ("line length UInt64.max", header(lineBytes: .max, bodyBytes: UInt64(body.count)) + tail),
            ("name length UInt64.max", header(nameLength: .max, bodyBytes: UInt64(body.count)) + tail),
            ("name length Int.max", header(nameLength: UInt64(Int.max), bodyBytes: UInt64(body.count)) + tail),
        ]
        for (what, bytes) in cases {
            guard (try? DerivedStateFile.decode(bytes, kind: Self.kind, version: Self.version)) == nil else {
                Issue.record("\(what) was accepted"); continue
            }
        }
        // The same writer with sane fields is accepted: the cases above fail for their field, not the writer.
        #expect((try? DerivedStateFile.decode(header(bodyBytes: UInt64(body.count)) + tail, kind: Self.kind, version: Self.version)) != nil)
    }

    /// Another kind of file, or another version, is refused by name.
    @Test func anotherKindOrVersionIsAProblem() {
        let bytes = Self.sample().encoded()
        #expect(throws: ChainError.self) { try DerivedStateFile.decode(bytes, kind: "LEDGER-FUND-STATE", version: Self.version) }
        #expect(throws: ChainError.wrongVersion(found: 7, expected: 8)) {
            try DerivedStateFile.decode(bytes, kind: Self.kind, version: 8)
        }
    }
}
