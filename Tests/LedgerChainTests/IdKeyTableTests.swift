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

    /// `removeLast` (session 29: a batch's ids taken out of the writer's delta when the batch turned out not durable):
    /// a table given more ids and then those taken out, newest first, answers as it did before — every held id with
    /// its value, the taken ones absent, the same dense arrays — and goes on as a table that never had them: the same
    /// further insertions and answers. Keys from a small range, so that probe chains run long and wrap; filtered and
    /// plain. `mayHold` is never false for a held key.
    @Test func idsTakenOutNewestFirstLeaveTheTableAsBefore() {
        for seed in UInt64(1)...8 {
            var random = SyntheticRandom(seed: seed)
            let keyRange = UInt64(1 + random.below(seed % 2 == 0 ? 30 : 5_000))
            func key(_ id: String) -> UInt64 { (UInt64(id.utf8.reduce(0) { $0 &+ Int($1) &* 31 }) % keyRange) &* 0x9E37_79B9_7F4A_7C15 }
            var taken = IdKeyTable<Int>(filtered: seed % 4 < 2)
            var kept = IdKeyTable<Int>(filtered: taken.filtered)
            var counter = 0
            for round in 0..<30 {
                let before = 1 + random.below(60)
                let added = random.below(80)
                // Room ahead, as the writer's delta has before a batch goes in alongside (no resize meanwhile).
                let room = taken.count + before + added
                taken.reserveCapacity(room)
                kept.reserveCapacity(room)
                for _ in 0..<before {
                    counter += 1
                    let id = "id-\(counter)"
                    taken.set(id, key: key(id), counter)
                    kept.set(id, key: key(id), counter)
                }
                var extra: [String] = []
                for _ in 0..<added {
                    counter += 1
                    let id = "extra-\(counter)"
                    extra.append(id)
                    taken.set(id, key: key(id), counter)
                }
                for id in extra { #expect(taken.value(of: id, key: key(id)) != nil) }
                taken.removeLast(added)
                #expect(taken.ids == kept.ids && taken.keys == kept.keys && taken.values == kept.values, "seed \(seed) round \(round)")
                #expect(taken.count == kept.count && taken.capacity == kept.capacity)
                for id in extra { #expect(taken.value(of: id, key: key(id)) == nil, "seed \(seed) round \(round) \(id)") }
                for (id, value) in zip(kept.ids, kept.values) {
                    #expect(taken.value(of: id, key: key(id)) == value)
                    #expect(taken.mayHold(key(id)))
                }
                // Absent ids (some sharing held keys) and insertIfAbsent of held and new ids: the same answers.
                for _ in 0..<20 {
                    let id = random.below(2) == 0 ? "id-\(1 + random.below(counter))" : "other-\(random.below(1_000))"
                    #expect(taken.value(of: id, key: key(id)) == kept.value(of: id, key: key(id)))
                    if !taken.mayHold(key(id)) { #expect(kept.value(of: id, key: key(id)) == nil) }
                }
            }
            #expect(taken.count == kept.count && taken.count > 100)
        }
    }
}
