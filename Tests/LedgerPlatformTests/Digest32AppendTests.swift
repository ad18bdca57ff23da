import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct Digest32AppendTests {
    /// `appendBytes` appends exactly `bytes` (most significant byte first), after what the array held: seeded random
    /// digests, the zero digest and one of all ones, onto empty and non-empty arrays.
    @Test func appendBytesAppendsTheDigestsBytes() {
        var random = SplitMix64(seed: 0xD1_6E57)
        var digests = [Digest32.zero, Digest32(bytes: [UInt8](repeating: 0xFF, count: 32))!]
        for _ in 0..<200 { digests.append(Digest32(bytes: (0..<32).map { _ in UInt8(random.int(0..<256)) })!) }
        for (index, digest) in digests.enumerated() {
            let prefix = [UInt8](repeating: UInt8(index & 0xFF), count: index % 7)
            var out = prefix
            digest.appendBytes(to: &out)
            #expect(out == prefix + digest.bytes, "\(digest.hex)")
        }
    }
}
