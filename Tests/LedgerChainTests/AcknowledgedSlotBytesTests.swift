import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `AcknowledgedSlot.bytes` and `AcknowledgedHead.body` write their canonical JSON member by member (session 52:
/// docs/perf-append52.md); the file's bytes must stay exactly those `CanonicalJSON.encode` gives for the same
/// objects, the way they were written before. Compared here with that way, kept as the reference, on seeded heads
/// and on the edges of seq (0, one digit, two, the largest JSON integer), and read back by the slot's parser.
@Suite struct AcknowledgedSlotBytesTests {
    /// The slot as it was written until session 52: the object encoded by `CanonicalJSON`, spaces, LF.
    static func referenceSlot(seq: Int64, hash: Digest32) -> [UInt8] {
        let body = CanonicalJSON.encode(.object(["hash": .string(hash.hex), "seq": .integer(seq)]))
        let check = SHA256.digest(body)
        var out = CanonicalJSON.encode(.object(["check": .string(check.hex), "hash": .string(hash.hex), "seq": .integer(seq)]))
        out += [UInt8](repeating: 0x20, count: AcknowledgedHead.slotBytes - 1 - out.count)
        out.append(0x0A)
        return out
    }

    static func digest(_ random: inout SplitMix64) -> Digest32 {
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: random.next()) { bytes.append(contentsOf: $0) } }
        return Digest32(bytes: bytes)!
    }

    static let edgeSeqs: [Int64] = [1, 9, 10, 99, 100, 999_999, 1_000_000, Limits.jsonIntegerMax - 1, Limits.jsonIntegerMax]

    @Test(arguments: TestScale.seeds(4, from: 1))
    func theSlotIsCanonicalJSONsBytes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var seqs = Self.edgeSeqs
        // Seeded seqs of every length from 1 to 16 digits.
        for _ in 0..<200 { seqs.append(Int64(random.next() % UInt64(Limits.jsonIntegerMax)) >> Int64(random.next() % 50) + 1) }
        for seq in seqs {
            let hash = Self.digest(&random)
            let slot = AcknowledgedSlot.head(AcknowledgedHead(seq: seq, hash: hash))
            #expect(slot.bytes == Self.referenceSlot(seq: seq, hash: hash), "seed \(seed) seq \(seq)")
            #expect(AcknowledgedHead.body(seq: seq, hash: hash)
                    == CanonicalJSON.encode(.object(["hash": .string(hash.hex), "seq": .integer(seq)])), "seed \(seed) seq \(seq)")
            #expect(AcknowledgedSlot(slotBytes: slot.bytes[...]) == slot, "seed \(seed) seq \(seq): read back")
        }
    }

    @Test func theEmptySlotIsCanonicalJSONsBytes() {
        #expect(AcknowledgedSlot.empty.bytes == Self.referenceSlot(seq: 0, hash: .zero))
        #expect(AcknowledgedSlot(slotBytes: AcknowledgedSlot.empty.bytes[...]) == .empty)
    }

    /// A fixed slot's first bytes, spelled out (so that the reference and the writer cannot drift together).
    @Test func aSlotsTextIsPinned() {
        let hash = Digest32(hex: String(repeating: "0123456789abcdef", count: 4))!
        let slot = AcknowledgedSlot.head(AcknowledgedHead(seq: 42, hash: hash)).bytes
        let body = #"{"hash":"\#(String(repeating: "0123456789abcdef", count: 4))","seq":42}"#
        let check = SHA256.digest(Array(body.utf8)).hex
        let text = #"{"check":"\#(check)","hash":"\#(String(repeating: "0123456789abcdef", count: 4))","seq":42}"#
        #expect(Array(slot.prefix(text.utf8.count)) == Array(text.utf8))
        #expect(slot.count == AcknowledgedHead.slotBytes && slot.last == 0x0A)
        #expect(slot[text.utf8.count..<(slot.count - 1)].allSatisfy { $0 == 0x20 })
        #expect(AcknowledgedHead.body(seq: 42, hash: hash) == Array(body.utf8))
    }
}
