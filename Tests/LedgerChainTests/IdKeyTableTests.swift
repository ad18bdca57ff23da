@testable import LedgerChain
import LedgerSynthetic
import Testing

/// `IdKeyTable`, the writer's delta and a batch's own ids by 64-bit key (session 23): the same answers as a
/// dictionary by id, even when ids share a key.
@Suite("Id key table (the delta by key)") struct IdKeyTableTests {
    /// Ids sharing one key are told apart by the id itself: each keeps its own value, an id never found under
    /// another's key, and an absent id with a held key is absent. A table that trusted the key alone fails this.
    @Test func idsSharingAKeyAreToldApart() {
        var table = IdKeyTable<Int>()
        table.set("a", key: 7, 1)
        table.set("b", key: 7, 2)
        table.set("c", key: 7 | 1 << 40, 3)
        #expect(table.value(of: "a", key: 7) == 1)
        #expect(table.value(of: "b", key: 7) == 2)
        #expect(table.value(of: "c", key: 7 | 1 << 40) == 3)
        #expect(table.value(of: "d", key: 7) == nil)
        #expect(table.value(of: "a", key: 8) == nil)
        #expect(table.insertIfAbsent("b", key: 7, 9) == 2)
        #expect(table.value(of: "b", key: 7) == 2)
        #expect(table.insertIfAbsent("d", key: 7, 4) == nil)
        #expect(table.value(of: "d", key: 7) == 4)
        table.set("a", key: 7, 5)
        #expect(table.value(of: "a", key: 7) == 5)
        #expect(table.count == 4)
    }

    /// Seeded random operations, keys drawn from a small range (so many ids share a key and probe chains run long,
    /// across growth and `removeAll(keepingCapacity:)`), give what a `[String: Int]` gives.
    @Test func answersAsADictionaryDoes() {
        for seed in UInt64(1)...8 {
            var random = SyntheticRandom(seed: seed)
            var table = IdKeyTable<Int>()
            var model: [String: Int] = [:]
            let keyRange = 1 + random.below(40)
            if seed % 2 == 0 { table.reserveCapacity(random.below(300)) }
            func key(_ id: String) -> UInt64 { UInt64(id.utf8.reduce(0) { $0 &+ Int($1) } % keyRange) &* 0x9E37_79B9_7F4A_7C15 }
            for step in 0..<3_000 {
                let id = "id-\(random.below(700))"
                switch random.below(10) {
                case 0..<4:
                    table.set(id, key: key(id), step); model[id] = step
                case 4..<6:
                    let before = table.insertIfAbsent(id, key: key(id), step)
                    #expect(before == model[id])
                    if model[id] == nil { model[id] = step }
                case 6:
                    if random.below(50) == 0 { table.removeAll(keepingCapacity: random.below(2) == 0); model = [:] }
                default:
                    #expect(table.value(of: id, key: key(id)) == model[id])
                }
                #expect(table.count == model.count)
            }
            for (id, value) in model { #expect(table.value(of: id, key: key(id)) == value) }
            #expect(Set(table.ids) == Set(model.keys))
            #expect(zip(table.ids, table.keys).allSatisfy { key($0.0) == $0.1 })
            // By id, the key computed by the table (`IdEntry.key`).
            var byId = IdKeyTable<Int>()
            for (id, value) in model { byId[id] = value }
            for (id, value) in model { #expect(byId[id] == value) }
            #expect(byId["absent"] == nil)
        }
    }

    /// The delta's filter of its keys (`filtered`, session 28): seeded random operations on a filtered table and a
    /// plain one give the same answers, the same count and the same ids as a dictionary — across growth, room reserved
    /// and then filled past what the filter was sized for, `removeAll` with and without its room, and the filter
    /// turned off and on. Keys from a small range in odd seeds (many ids share one), spread hashes in even ones. A
    /// filter that said absent for a held key would make a held id absent, or add it a second time.
    @Test func aFilteredTableAnswersAsAPlainOne() {
        for seed in UInt64(1)...8 {
            var random = SyntheticRandom(seed: seed)
            var filtered = IdKeyTable<Int>(filtered: true), plain = IdKeyTable<Int>()
            var model: [String: Int] = [:]
            let keyRange = UInt64(1 + random.below(40))
            func key(_ id: String) -> UInt64 {
                seed % 2 == 1 ? UInt64(id.utf8.reduce(0) { $0 &+ Int($1) }) % keyRange &* 0x9E37_79B9_7F4A_7C15 : IdEntry.key(id)
            }
            let room = random.below(2_000)
            filtered.reserveCapacity(room); plain.reserveCapacity(room)
            var absentAsked = 0
            for step in 0..<6_000 {
                let id = "id-\(random.below(3_000))"
                switch random.below(20) {
                case 0..<7:
                    filtered.set(id, key: key(id), step); plain.set(id, key: key(id), step); model[id] = step
                case 7..<10:
                    let before = filtered.insertIfAbsent(id, key: key(id), step)
                    #expect(before == plain.insertIfAbsent(id, key: key(id), step) && before == model[id])
                    if model[id] == nil { model[id] = step }
                case 10:
                    if random.below(100) == 0 {
                        let keep = random.below(2) == 0
                        filtered.removeAll(keepingCapacity: keep); plain.removeAll(keepingCapacity: keep); model = [:]
                    } else if random.below(60) == 0 {
                        filtered.setFiltered(!filtered.filtered)
                    }
                default:
                    if model[id] == nil { absentAsked += 1 }
                    #expect(filtered.value(of: id, key: key(id)) == model[id] && plain.value(of: id, key: key(id)) == model[id])
                }
                #expect(filtered.count == model.count && plain.count == model.count)
            }
            if !filtered.filtered { filtered.setFiltered(true) }
            for (id, value) in model { #expect(filtered.value(of: id, key: key(id)) == value) }
            #expect(filtered.ids == plain.ids && filtered.keys == plain.keys && filtered.values == plain.values)
            #expect(absentAsked > 100, "absent ids asked: \(absentAsked)")
        }
    }
}
