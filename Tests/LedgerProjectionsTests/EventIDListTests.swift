@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `EventIDList` (the fund fold's correction targets, looked up all at once by the ids' bytes) answers as the
/// `String`-keyed dictionary it replaced: the first record of an id wins, and ids are equal as Swift strings are
/// (canonical equivalence).
@Suite struct EventIDListTests {
    @Test(arguments: TestScale.seeds(4)) func answersAsAStringDictionary(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 77)
        // Short ids from a small alphabet (many repeats), and now and then one that is not ASCII (ids are then
        // compared as strings): precomposed and decomposed é, the Kelvin sign that is "K".
        let alphabet = ["a", "b", "K", "-", "1", "é", "e\u{301}", "\u{212A}", "区"]
        var list = EventIDList()
        if seed % 2 == 0 { list.reserve(random.int(0..<300)) }
        var reference: [String: (seq: Int64, isCorrection: Bool)] = [:]
        let asciiOnly = seed % 3 == 0
        for seq in Int64(1)...Int64(3_000) {
            let length = random.int(1...4)
            let id = (0..<length).map { _ in alphabet[random.int(0..<(asciiOnly ? 5 : alphabet.count))] }.joined()
            let isCorrection = random.int(0..<7) == 0
            list.append(id.utf8, isCorrection: isCorrection)
            if reference[id] == nil { reference[id] = (seq, isCorrection) }
            guard seq % 250 == 0 else { continue }
            // Probes, ASCII only or not, repeated ones included.
            let probes = (0..<random.int(1...40)).map { _ in
                (0..<random.int(1...4)).map { _ in alphabet[random.int(0..<(random.int(0..<2) == 0 ? 5 : alphabet.count))] }.joined()
            }
            // Scanned in one run, and in runs of seqs on every core (the scan of a large log: `parallelFrom`
            // lowered so that these few records take it too): the same answers.
            let parallel = list.firstSeqs(of: probes + probes.prefix(2), parallelFrom: random.int(1...Int(seq)))
            #expect(parallel == list.firstSeqs(of: probes + probes.prefix(2), parallelFrom: .max), "at \(seq)")
            for (probe, got) in zip(probes, parallel) {
                let expected = reference[probe]
                #expect(got == expected?.seq, "\(probe) at \(seq)")
                #expect(got.map { list.isCorrection(seq: $0) } == expected?.isCorrection, "\(probe) at \(seq)")
            }
        }
        let ids = Array(reference.keys)
        #expect(list.firstSeqs(of: ids, parallelFrom: 1) == list.firstSeqs(of: ids, parallelFrom: .max))
        for (id, got) in zip(ids, list.firstSeqs(of: ids, parallelFrom: 1)) {
            #expect(got == reference[id]?.seq && got.map { list.isCorrection(seq: $0) } == reference[id]?.isCorrection, "\(id)")
        }
    }

    /// A non-ASCII character anywhere in an id of 1–25 bytes (the ids' bytes are tested eight at a time, then one
    /// by one) makes the list compare ids as strings: the Kelvin sign's id then finds the earlier "K" one.
    @Test func aNonASCIIByteAtAnyPositionIsNoticed() {
        for length in 0...24 {
            for at in 0...length {
                let before = String(repeating: "a", count: at), after = String(repeating: "b", count: length - at)
                var list = EventIDList()
                list.append((before + "K" + after).utf8, isCorrection: false)
                list.append((before + "\u{212A}" + after).utf8, isCorrection: true)
                #expect(list.firstSeqs(of: [before + "\u{212A}" + after]) == [1], "\(length) \(at)")
            }
        }
    }

    @Test func theKelvinSignIsK() {
        var list = EventIDList()
        list.append("ev-K".utf8, isCorrection: false)
        list.append("ev-\u{212A}".utf8, isCorrection: true)
        #expect(list.firstSeqs(of: ["ev-\u{212A}", "ev-K", "ev-k"]) == [1, 1, nil])
        #expect(list.isCorrection(seq: 2) && !list.isCorrection(seq: 1))
    }
}
