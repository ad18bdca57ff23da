import LedgerPlatform
import LedgerTestSupport
import Testing

/// `KeySort.sortByKey` against the standard sort (stable) on seeded random arrays: every size around the radix
/// threshold, keys over the whole 64 bits, keys of a small range (most digits shared, so passes are skipped), keys
/// differing only in the top digit, many equal keys; equal keys keep their order (each element carries its index).
@Suite struct KeySortTests {
    enum Keys: CaseIterable { case wide, small, topOnly, fewDistinct, equal }

    static func key(_ kind: Keys, _ random: inout SplitMix64) -> UInt64 {
        switch kind {
        case .wide: random.next()
        case .small: random.next() % 3_000
        case .topOnly: (random.next() % 5) << 60
        case .fewDistinct: [0, 7, UInt64.max, 1 << 33][random.int(0..<4)]
        case .equal: 42
        }
    }

    @Test(arguments: Keys.allCases)
    func sortsAsTheStandardSortDoes(keys: Keys) {
        var random = SplitMix64(seed: 0x27_50_47 &+ UInt64(Keys.allCases.firstIndex(of: keys)!))
        var radixPaths = 0
        for count in [0, 1, 2, KeySort.radixMinimum - 1, KeySort.radixMinimum, KeySort.radixMinimum + 1, 5_000, 70_000] {
            let pairs: [(key: UInt64, index: Int32)] = (0..<count).map { (Self.key(keys, &random), Int32($0)) }
            var expected = pairs
            // Stable by construction: ties ordered by the index each element carries.
            expected.sort { ($0.key, $0.index) < ($1.key, $1.index) }
            var sorted = pairs
            KeySort.sortByKey(&sorted) { $0.key }
            #expect(sorted.map(\.key) == expected.map(\.key), "\(keys), \(count) elements: keys")
            #expect(sorted.map(\.index) == expected.map(\.index), "\(keys), \(count) elements: equal keys keep their order")
            if count >= KeySort.radixMinimum { radixPaths += 1 }
        }
        #expect(radixPaths == 4)
    }

    /// Plain keys (the element is its key), as the mention index sorts them.
    @Test func sortsKeysThemselves() {
        var random = SplitMix64(seed: 0x27_50_48)
        var keys = (0..<50_000).map { _ in random.next() >> UInt64(random.int(0...63)) }
        let expected = keys.sorted()
        KeySort.sortByKey(&keys) { $0 }
        #expect(keys == expected)
    }
}
