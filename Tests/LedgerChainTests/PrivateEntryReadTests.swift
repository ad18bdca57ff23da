import LedgerEvents
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

    /// A plain name's entry is read by the fast path; one whose value needs an escape only by the parser.
    @Test(arguments: [("张伟（3号楼2单元）", true), ("阿卜杜拉·买买提", true), ("say \"hi\"", false), ("a\\b", false)])
    func whichPathReadsAnEntry(value: String, fast: Bool) {
        let opening = PersonalOpening(salt: Array(repeating: 7, count: PersonalCommitment.saltBytes), value: value)
        let bytes = PrivateStore.entryBytes(opening)
        #expect((PrivateStore.fastEntry(bytes, commitment: opening.commitment) != nil) == fast)
        #expect(PrivateStore.parseEntry(bytes, commitment: opening.commitment) == opening)
    }
}
