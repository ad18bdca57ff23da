@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `EventIDTable` (the fund fold's correction targets by the ids' bytes) answers as the `String`-keyed dictionary
/// it replaced: the first record of an id wins, and ids are equal as Swift strings are (canonical equivalence).
@Suite struct EventIDTableTests {
    @Test(arguments: TestScale.seeds(4)) func answersAsAStringDictionary(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 77)
        // Short ids from a small alphabet (many repeats), and now and then one that is not ASCII (the table then
        // keys every id by its string): precomposed and decomposed é, the Kelvin sign that is "K".
        let alphabet = ["a", "b", "K", "-", "1", "é", "e\u{301}", "\u{212A}", "区"]
        var table = EventIDTable()
        if seed % 2 == 0 { table.reserve(random.int(0..<300)) }
        var reference: [String: (seq: Int64, isCorrection: Bool)] = [:]
        let asciiOnly = seed % 3 == 0
        for seq in Int64(1)...Int64(3_000) {
            let length = random.int(1...4)
            let id = (0..<length).map { _ in alphabet[random.int(0..<(asciiOnly ? 5 : alphabet.count))] }.joined()
            let isCorrection = random.int(0..<7) == 0
            table.insertFirst(id.utf8, seq: seq, isCorrection: isCorrection)
            if reference[id] == nil { reference[id] = (seq, isCorrection) }
            let probe = (0..<random.int(1...4)).map { _ in alphabet[random.int(0..<alphabet.count)] }.joined()
            let got = table.first(probe.utf8), expected = reference[probe]
            #expect(got?.seq == expected?.seq && got?.isCorrection == expected?.isCorrection, "\(probe) at \(seq)")
        }
        for (id, value) in reference {
            let got = table.first(id.utf8)
            #expect(got?.seq == value.seq && got?.isCorrection == value.isCorrection, "\(id)")
        }
    }

    @Test func theKelvinSignIsK() {
        var table = EventIDTable()
        table.insertFirst("ev-K".utf8, seq: 1, isCorrection: false)
        table.insertFirst("ev-\u{212A}".utf8, seq: 2, isCorrection: true)
        #expect(table.first("ev-\u{212A}".utf8)?.seq == 1)
        #expect(table.first("ev-K".utf8)?.seq == 1 && table.first("ev-k".utf8) == nil)
    }
}
