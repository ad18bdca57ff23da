@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `EntityMap` (the projection's entities by id) against `[String: Int]` plus a list of the keys in the order first
/// set: on seeded random ids (`IdInternerTests.randomID`: short ASCII ids, Chinese ones, and canonically equivalent
/// spellings that differ in their bytes), every lookup, `contains`, `keys.contains`, insertion, replacement and
/// removal gives what the dictionary gives; iteration, `keys` and `values` are in registration order; the key kept is
/// the first spelling set, as a dictionary keeps its first key.
@Suite struct EntityMapTests {
    @Test(arguments: TestScale.seeds(20)) func mapAgreesWithTheDictionary(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x51_7CC1 &+ 7)
        var map = EntityMap<Int>()
        var reference: [String: Int] = [:]
        var order: [String] = []
        for step in 0..<random.int(50...800) {
            let id = IdInternerTests.randomID(&random)
            let context = "seed \(seed), step \(step): \(id.unicodeScalars.map { $0.value })"
            #expect(map[id] == reference[id], "\(context)")
            #expect(map.contains(id) == (reference[id] != nil), "\(context)")
            #expect(map.keys.contains(id) == (reference[id] != nil), "\(context)")
            switch random.int(0..<10) {
            case 0:
                map[id] = nil
                if reference.removeValue(forKey: id) != nil { order.removeAll { $0 == id } }
            case 1...3:
                break
            default:
                let value = random.int(0..<1_000_000)
                if reference.updateValue(value, forKey: id) == nil { order.append(id) }
                map[id] = value
            }
            #expect(map.count == reference.count && map.isEmpty == reference.isEmpty, "\(context)")
        }
        // Registration order, the first spelling of each id, and the values the dictionary holds.
        #expect(map.keys.map { Array($0.unicodeScalars) } == order.map { Array($0.unicodeScalars) }, "seed \(seed)")
        #expect(map.map { Array($0.key.unicodeScalars) } == order.map { Array($0.unicodeScalars) }, "seed \(seed)")
        #expect(map.values == order.map { reference[$0]! }, "seed \(seed)")
        #expect(map.mapValues { $0 } == reference, "seed \(seed)")
        for (id, value) in map { #expect(reference[id] == value, "seed \(seed): \(id)") }
    }

    /// Equality is a dictionary's: the same ids and values in any order, whatever spelling each was set under.
    @Test func equalityIgnoresOrderAndSpelling() {
        var a = EntityMap<Int>(), b = EntityMap<Int>()
        a["K-1"] = 1; a["C-2"] = 2; a["é"] = 3
        b["e\u{0301}"] = 3; b["\u{212A}-1"] = 1; b["C-2"] = 2
        #expect(a == b)
        #expect(Array(a.keys) == ["K-1", "C-2", "é"] && Array(b.keys) == ["e\u{0301}", "\u{212A}-1", "C-2"])
        b["C-2"] = 9
        #expect(a != b)
        b["C-2"] = 2
        b["X"] = 4
        #expect(a != b && b != a)
        b["X"] = nil
        #expect(a == b && b.count == 3 && !b.contains("X"))
        #expect(EntityMap<Int>() == EntityMap<Int>() && EntityMap<Int>().isEmpty && a != EntityMap<Int>())
        // A replacement keeps the first spelling and the place.
        a["\u{212A}-1"] = 10
        #expect(Array(a.keys) == ["K-1", "C-2", "é"] && a.values == [10, 2, 3] && a["K-1"] == 10)
        // Removal keeps the others in order and findable.
        a["K-1"] = nil
        #expect(Array(a.keys) == ["C-2", "é"] && a["e\u{0301}"] == 3 && a["\u{212A}-1"] == nil && a.count == 2)
        #expect(a.description == "[\"C-2\": 2, \"é\": 3]" && EntityMap<Int>().description == "[:]")
    }

    /// Missing ids, an empty map, and ids that only look alike.
    @Test func missingKeys() {
        var map = EntityMap<String>()
        #expect(map["A"] == nil && !map.contains("") && !map.keys.contains("A") && map.isEmpty && map.count == 0)
        map["C00024-A021"] = "x"
        for missing in ["C00024-A022", "c00024-a021", "C00024-A021 ", "", "C00024-A02", "\u{212A}"] {
            #expect(map[missing] == nil && !map.contains(missing) && !map.keys.contains(missing), "\(missing)")
        }
        #expect(map["C00024-A021"] == "x" && map.keys.contains("C00024-A021"))
    }
}
