import LedgerChain
import LedgerEvents
import LedgerProjections
@testable import LedgerReports
import LedgerTestSupport
import Testing

/// A report's JSON written around items encoded beforehand (`ProjectionReports.envelope(_:_:_:encodedItems:)`, the
/// funds of `balances --format json` encoded on two threads) is byte for byte the envelope encoded whole.
@Suite struct JSONEnvelopeTests {
    static func projection() throws -> Projection {
        var log = EffectiveLog()
        for record in try SampleRecords.load() { log.apply(record) }
        return Projection(log: log, asOf: CalendarDate(iso: "2025-12-31")!)
    }

    /// A random JSON value: strings with what the display form escapes, nested arrays and objects.
    static func value(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        let texts = ["海韵", "a\"b", "bidi\u{202E}x", "del\u{7F}", "nel\u{85}", "—", "", "tab\t", "ls\u{2028}"]
        switch random.int(0..<(depth > 2 ? 4 : 6)) {
        case 0: return .string(texts[random.int(0..<texts.count)])
        case 1: return .integer(Int64(random.int(-1_000_000...1_000_000)))
        case 2: return .bool(random.int(0..<2) == 0)
        case 3: return .null
        case 4: return .array((0..<random.int(0..<4)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.int(0..<5) { members[texts[random.int(0..<texts.count)] + "k"] = value(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test(arguments: ["funds", "rows", "a", "as_of0", "at_seq0", "zz", "报告", "reports"])
    func encodedItemsGiveTheWholeEnvelope(key: String) throws {
        var random = SplitMix64(seed: UInt64(key.utf8.count) &* 31 &+ 7)
        let p = try Self.projection()
        for count in [0, 1, 2, 7, 40] {
            let items = (0..<count).map { _ in Self.value(&random) }
            let whole = ProjectionReports.envelope("balances", p, key, items)
            let parts = ProjectionReports.envelope("balances", p, key, encodedItems: items.map { CanonicalJSON.encode($0, escaping: .display) })
            #expect(parts == whole, "\(key), \(count) items")
        }
    }

    /// The funds encoded on two threads or on one, in every number of funds around the split: the same bytes, and
    /// the canonical display form of what they parse to.
    @Test func fundsEncodedOnTwoThreadsAreTheFundsEncodedOnOne() throws {
        let p = try Self.projection()
        let views = p.fundViews()
        #expect(views.count >= 3)
        for repeats in [1, 2, 3, 17] {
            let many = Array(repeatElement(views, count: repeats).joined())
            let one = ProjectionReports.fundBalances(p, many, .json, .en, parallelFrom: .max)
            let two = ProjectionReports.fundBalances(p, many, .json, .en, parallelFrom: 1)
            #expect(one == two, "\(many.count) funds")
            #expect(CanonicalJSON.encode(try JSONParser.parse(one), escaping: .display) + [0x0A] == one)
            #expect(ProjectionReports.fundBalances(p, many, .json, .en) == one)
        }
    }
}
