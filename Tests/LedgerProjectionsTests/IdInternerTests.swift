@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The fold's id table (`IdInterner`, and `EventIDTable` on it) against `[String: Int]`, whose `String` equality
/// (Unicode canonical equivalence) the projections have always used: on seeded random ids — short ASCII ids as a
/// log holds, Chinese ones, and spellings that differ in their bytes but are canonically equivalent (precomposed
/// and decomposed accents, U+212A KELVIN SIGN beside `K`, U+212B ANGSTROM SIGN beside `Å`) — every lookup and
/// every insertion gives what the dictionary gives, through several growths of the table.
@Suite struct IdInternerTests {
    /// Pieces whose concatenations collide under canonical equivalence but not byte for byte.
    static let pieces = ["K", "\u{212A}", "\u{00C5}", "A\u{030A}", "\u{212B}", "e\u{0301}", "\u{00E9}", "-", "0", "1",
                         "A", "C00", "青枫苑", "楼", "Ω", "\u{2126}", "x"]

    static func randomID(_ random: inout SplitMix64) -> String {
        if random.int(0..<3) == 0 { return "ev-\(random.int(0..<400))" }
        return (0..<random.int(1...4)).map { _ in pieces[random.int(0..<pieces.count)] }.joined()
    }

    @Test(arguments: TestScale.seeds(20)) func internerAgreesWithTheDictionary(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37 &+ 11)
        var interner = IdInterner()
        var reference: [String: Int] = [:]
        if random.int(0..<2) == 0 { interner.reserve(random.int(0..<50)) }
        for step in 0..<random.int(100...1_500) {
            let id = Self.randomID(&random)
            #expect(interner.find(id) == reference[id], "seed \(seed), step \(step): find \(id.unicodeScalars.map { $0.value })")
            if reference[id] == nil {
                if random.int(0..<2) == 0 {
                    #expect(interner.add(id) == reference.count)
                } else {
                    let (index, added) = interner.intern(id)
                    #expect(added && index == reference.count)
                }
                reference[id] = reference.count
            } else {
                let (index, added) = interner.intern(id)
                #expect(!added && index == reference[id], "seed \(seed), step \(step)")
            }
        }
        #expect(interner.count == reference.count)
        for (id, index) in reference { #expect(interner.ids[index] == id) }
    }

    /// Equal ids hash alike whatever their bytes: the property the table rests on.
    @Test func canonicallyEquivalentIdsHashAlike() {
        let pairs = [("K-1", "\u{212A}-1"), ("\u{00C5}", "A\u{030A}"), ("\u{212B}B", "\u{00C5}B"), ("caf\u{00E9}", "cafe\u{0301}"),
                     ("\u{2126}", "Ω")]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(IdInterner.hash(a) == IdInterner.hash(b), "\(a) and \(b)")
            var interner = IdInterner()
            interner.add(a)
            #expect(interner.find(b) == 0)
        }
        #expect(IdInterner.hash("C00024-A021") != IdInterner.hash("C00024-A022"))
    }

    /// The event-id table keeps the first record of an id, as the dictionary it replaced did.
    @Test func eventIDTableKeepsTheFirstRecord() {
        var table = EventIDTable()
        table.noteFirst("ev-1", seq: 1, type: "asset.registered")
        table.noteFirst("ev-2", seq: 2, type: "fund.opened")
        table.noteFirst("ev-1", seq: 3, type: "correction")
        table.noteFirst("\u{212A}", seq: 4, type: "fund.income")
        table.noteFirst("K", seq: 5, type: "fund.spending")
        #expect(table["ev-1"]?.seq == 1 && table["ev-1"]?.type == "asset.registered")
        #expect(table["ev-2"]?.seq == 2)
        #expect(table["K"]?.seq == 4 && table["K"]?.type == "fund.income")
        #expect(table["ev-3"] == nil)
        #expect(table.count == 3)
    }
}
