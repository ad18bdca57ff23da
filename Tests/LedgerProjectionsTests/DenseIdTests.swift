import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The dense numbers the rebuild uses in place of hashed string keys (ScopeIndex's node table, the checks'
/// entity numbers) answer exactly as the dictionaries they replaced.
@Suite struct DenseIdTests {
    /// The node table against a `Dictionary`: seeded keys, many sharing their low or high bits, key 0 and repeats,
    /// in tables of several seeds (seed 0 too) grown from 16 slots past many doublings; every lookup, insert and the
    /// final contents agree, and tables of different seeds hold the same contents.
    @Test(arguments: TestScale.seeds(3, from: 1))
    func nodeTableAnswersAsADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var tables = [ScopeIndex.NodeTable(seed: 0), ScopeIndex.NodeTable(seed: seed), ScopeIndex.NodeTable()]
        if seed == 2 { tables[1].reserveCapacity(300) }
        var reference: [UInt64: Int32] = [:]
        var keys: [UInt64] = [0]
        for _ in 0..<4_000 {
            let key: UInt64
            switch random.int(0..<5) {
            case 0: key = keys[random.int(0..<keys.count)]
            case 1: key = UInt64(random.int(0..<64)) << 40
            case 2: key = UInt64(random.int(0..<64))
            default: key = random.next()
            }
            keys.append(key)
            let fresh = Int32(reference.count)
            let known = reference[key]
            for t in tables.indices {
                #expect(tables[t][key] == known)
                let got = tables[t].insert(key, fresh)
                #expect(got == (known ?? fresh))
            }
            if known == nil { reference[key] = fresh }
        }
        for table in tables {
            #expect(table.count == reference.count)
            var contents: [UInt64: Int32] = [:]
            table.forEach { contents[$0] = $1 }
            #expect(contents == reference)
            #expect(table[0x1234_5678_9abc_def1] == reference[0x1234_5678_9abc_def1])
            // At most 13/16 full after growing.
            #expect(table.count * 16 <= table.capacity * 13)
        }
    }

    /// A table reserved for `n` keys takes them without growing, in the least power of two of slots that holds them
    /// at 13/16 full (the rebuild reserves once from the log's size: at 10 million records a doubling would hold
    /// 256 and 512 MiB of slots at once).
    @Test func nodeTableReservedOnceDoesNotGrow() {
        for n in [1, 12, 13, 14, 1_000, 13_312, 13_313, 50_000] {
            var table = ScopeIndex.NodeTable(seed: UInt64(n))
            table.reserveCapacity(n)
            let capacity = table.capacity
            #expect(capacity == ScopeIndex.NodeTable.capacity(for: n))
            #expect(capacity / 16 * 13 >= n && (capacity == 16 || capacity / 32 * 13 < n))
            var random = SplitMix64(seed: UInt64(n))
            for i in 0..<n { _ = table.insert(random.next(), Int32(i)) }
            #expect(table.capacity == capacity && table.count <= n)
        }
    }

    /// The checks' registers number each (kind, id) once, keep the first registration of an id as the string-keyed
    /// registers did, and tell a kind's id from the same id of another kind.
    @Test func registersNumberEachEntityOnce() {
        var registers = Registers(base: nil)
        registers.collecting = true
        let a = registers.number(.asset, "X-1"), f = registers.number(.fund, "X-1")
        #expect(a != f && registers.number(.asset, "X-1") == a)
        #expect(registers.existingNumber(.contract, "X-1") == nil && registers.entry(.asset, "X-1") == nil)
        var problems: [ReferenceChecker.Problem] = []
        func fact(_ seq: Int64, _ json: String) -> EffectiveFact {
            let event = Fixtures.events(json)[0]
            guard case .domain(let payload) = event.payload else { preconditionFailure("a typed fixture") }
            return EffectiveFact(position: seq, evidence: Evidence(seq: seq, eventID: event.id!), replaces: nil, occurredOn: event.occurredOn,
                        actor: "", payload: payload)
        }
        let first = fact(1, #"{"id":"f1","type":"fund.opened","occurred_on":"2024-01-02","data":{"fund_id":"X-1","community_id":"C-1","kind":"public_income","account":"a"}}"#)
        let second = fact(2, #"{"id":"f2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"X-1","community_id":"C-2","kind":"public_income","account":"a"}}"#)
        registers.register(first, label: { .record(seq: $0) }, problems: &problems)
        registers.register(second, label: { .record(seq: $0) }, problems: &problems)
        #expect(problems.count == 1)
        #expect(registers.entry(.fund, "X-1")?.evidenceSeq == 1 && registers.entry(.fund, "X-1")?.communityID == "C-1")
        #expect(registers.entry(.asset, "X-1") == nil && registers.isRegisteredInMemoryForTest(.fund, "X-1"))
    }
}

extension Registers {
    func isRegisteredInMemoryForTest(_ kind: ReferenceChecker.Kind, _ id: String) -> Bool { registersInMemory(kind, id) }
}
