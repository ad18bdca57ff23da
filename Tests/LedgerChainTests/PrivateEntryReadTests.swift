import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing
@testable import LedgerChain

/// `PrivateStore.parseEntry`'s fast path (`fastEntry`, session 49: reading 10,000 entries was two thirds parsing)
/// against the JSON parser's (`parsedEntry`): over seeded values of every kind — Han names, notes in brackets,
/// quotes, backslashes, control characters, line separators — and their byte mutations, the two never disagree, and
/// the fast path takes the usual form.
@Suite struct PrivateEntryReadTests {
    static let pieces: [String] = ["张", "伟", "阿卜杜拉", "·", "（", "3号楼", "）", "Li", " ", "\"", "\\", "\n", "\u{2028}", "\u{7F}",
                                   "\u{1}", "é", "e\u{301}", "😀", "/", "{", "}"]

    @Test func theFastPathAgreesWithTheParser() {
        var random = SplitMix64(seed: 4901)
        var fastTaken = 0
        for round in 0..<400 {
            var value = ""
            for _ in 0..<random.within(0...6) { value += random.pick(Self.pieces) }
            let salt = (0..<PersonalCommitment.saltBytes).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let opening = PersonalOpening(salt: salt, value: value)
            let bytes = PrivateStore.entryBytes(opening)
            let parsed = PrivateStore.parsedEntry(bytes, commitment: opening.commitment)
            #expect(parsed == opening, "seed 4901 round \(round): \(value.debugDescription)")
            #expect(PrivateStore.parseEntry(bytes, commitment: opening.commitment) == opening, "seed 4901 round \(round)")
            if let fast = PrivateStore.fastEntry(bytes, commitment: opening.commitment) {
                #expect(fast == opening, "seed 4901 round \(round)")
                fastTaken += 1
            }
            // A mutated entry: the fast path answers nil or what the parser answers.
            var mutated = bytes
            let at = random.within(0...(mutated.count - 1))
            mutated[at] ^= UInt8(1 << random.within(0...7))
            if random.chance(20) { mutated.removeLast() }
            let fast = PrivateStore.fastEntry(mutated, commitment: opening.commitment)
            #expect(fast == nil || fast == PrivateStore.parsedEntry(mutated, commitment: opening.commitment), "seed 4901 round \(round): byte \(at)")
            #expect(PrivateStore.parseEntry(mutated, commitment: opening.commitment) == PrivateStore.parsedEntry(mutated, commitment: opening.commitment),
                    "seed 4901 round \(round): byte \(at)")
        }
        // The usual form (no escape in the value) is most of the values drawn: the fast path is taken.
        #expect(fastTaken > 100, "fast path taken \(fastTaken) times of 400")
    }

    /// Seeded mutations both paths can still read (review privacy49 #6: a bit flipped anywhere gives nil from both
    /// almost always): a bit of the salt's hex or of the value flipped, and the header's commitment made that of
    /// what the mutated entry now holds, so that the entry is sound again wherever the flip left a hex digit, a
    /// value in canonical form. Both paths must answer alike, and read most of them.
    @Test func bothPathsAgreeOnReadableMutations() {
        var random = SplitMix64(seed: 4902)
        let plain: [String] = ["张", "伟", "阿卜杜拉", "·", "（", "3号楼", "）", "Li", " ", "é", "😀", "/"]
        let saltLength = 2 * PersonalCommitment.saltBytes
        var readBoth = 0
        for round in 0..<400 {
            var value = ""
            for _ in 0..<random.within(1...6) { value += random.pick(plain) }
            let salt = (0..<PersonalCommitment.saltBytes).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var bytes = PrivateStore.entryBytes(PersonalOpening(salt: salt, value: value))
            let head = Array("{\"commitment\":\"".utf8).count
            // `…"salt":"<salt>","value":"<value>"}` and LF: the value ends 3 bytes before the end, the salt 11 before it.
            let valueStart = bytes.count - 3 - value.utf8.count
            let saltStart = valueStart - Array("\",\"value\":\"".utf8).count - saltLength
            // Flip one bit of the salt's hex or of the value (a hex digit mostly stays one after a low bit).
            let at = random.chance(50) ? saltStart + random.within(0...(saltLength - 1)) : valueStart + random.within(0...(value.utf8.count - 1))
            bytes[at] ^= UInt8(1 << random.within(0...(at < valueStart ? 2 : 7)))
            // Seal it again: the commitment of what the entry holds now, when that reads as a salt and a value.
            let saltBytes = Hex.decode(utf8: bytes[saltStart..<(saltStart + saltLength)])
            let text = String(validating: bytes[valueStart..<(bytes.count - 3)], as: UTF8.self)
            guard let saltBytes, let text else { continue }
            let sealed = PersonalOpening(salt: saltBytes, value: text).commitment
            bytes.replaceSubrange(head..<(head + 64), with: Array(sealed.hex.utf8))
            let parsed = PrivateStore.parsedEntry(bytes, commitment: sealed)
            #expect(PrivateStore.parseEntry(bytes, commitment: sealed) == parsed, "seed 4902 round \(round): byte \(at)")
            let fast = PrivateStore.fastEntry(bytes, commitment: sealed)
            #expect(fast == nil || fast == parsed, "seed 4902 round \(round): byte \(at)")
            if parsed != nil, fast != nil { readBoth += 1 }
        }
        #expect(readBoth > 100, "read by both paths \(readBoth) times of 400")
    }

    /// A value longer than `Limits.stringBytesMax` (64 KiB) is no entry for either path (review privacy49 #6: the
    /// fast path read one the parser refuses); one of exactly that length is read by both.
    @Test(arguments: [(Limits.stringBytesMax, true), (Limits.stringBytesMax + 1, false), (Limits.stringBytesMax + 3, false)])
    func aValueOverTheStringLimit(length: Int, read: Bool) {
        let opening = PersonalOpening(salt: Array(repeating: 9, count: PersonalCommitment.saltBytes), value: String(repeating: "a", count: length))
        let bytes = PrivateStore.entryBytes(opening)
        #expect((PrivateStore.parsedEntry(bytes, commitment: opening.commitment) != nil) == read)
        #expect((PrivateStore.fastEntry(bytes, commitment: opening.commitment) != nil) == read)
        #expect(PrivateStore.parseEntry(bytes, commitment: opening.commitment) == PrivateStore.parsedEntry(bytes, commitment: opening.commitment))
    }

    /// A plain name's entry is read by the fast path; one whose value needs an escape only by the parser.
    @Test(arguments: [("张伟（3号楼2单元）", true), ("阿卜杜拉·买买提", true), ("say \"hi\"", false), ("a\\b", false)])
    func whichPathReadsAnEntry(value: String, fast: Bool) {
        let opening = PersonalOpening(salt: Array(repeating: 7, count: PersonalCommitment.saltBytes), value: value)
        let bytes = PrivateStore.entryBytes(opening)
        #expect((PrivateStore.fastEntry(bytes, commitment: opening.commitment) != nil) == fast)
        #expect(PrivateStore.parseEntry(bytes, commitment: opening.commitment) == opening)
    }
}
