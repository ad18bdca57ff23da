@testable import LedgerProjections
import LedgerEvents
import LedgerTestSupport
import Testing

/// `EntityNumbers` (the checks' dense numbers of entities, found by a hash of the kind and id) against a dictionary:
/// the same number for every entity named again, a new one in order for every entity named first. The hashes are
/// chosen here, not `EntityNumbers.hash`, from a few values, so that entities share a first slot, the part of the
/// hash a slot keeps (session 30: its top half), or the whole hash — which only the entity itself, compared with
/// the id named, can tell apart — and the table grows past several sizes.
@Suite("Entity numbers against a dictionary")
struct EntityNumbersTests {
    @Test(arguments: [UInt64(0x30E0_0001), 0x30E0_0002, 0x30E0_0003])
    func numbersAreADictionarysWhateverTheHashes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var numbers = EntityNumbers()
        if seed % 2 == 0 { numbers.reserve(100) }
        var entities: [ReferenceChecker.KindID] = []
        var oracle: [ReferenceChecker.KindID: Int32] = [:]
        var hashOf: [ReferenceChecker.KindID: UInt64] = [:]
        let kinds = IdKind.allCases
        var found = 0, fresh = 0
        for _ in 0..<6_000 {
            let named = ReferenceChecker.KindID(kind: kinds[random.int(0..<3)], id: "C\(random.int(0..<900))")
            // A hash of few values: its low bits (the slot) and its top half (the slot's tag) are shared by many.
            let hash = hashOf[named] ?? (UInt64(random.int(0..<4)) << 32 | UInt64(random.int(0..<16)))
            hashOf[named] = hash
            switch numbers.find(hash: hash, kind: named.kind, named.id.utf8, in: entities) {
            case .found(let n):
                #expect(oracle[named] == n, "\(named) found as \(n), numbered \(oracle[named].map(String.init) ?? "never")")
                found += 1
            case .slot(let slot):
                #expect(oracle[named] == nil, "\(named) numbered \(oracle[named]!) but not found")
                let n = Int32(entities.count)
                entities.append(named)
                oracle[named] = n
                numbers.insert(n, hash: hash, at: slot)
                fresh += 1
            }
        }
        let perHash = Dictionary(hashOf.values.map { ($0, 1) }, uniquingKeysWith: +)
        let sharedHash = hashOf.values.filter { perHash[$0]! > 1 }.count
        // Not vacuous: many found again, many numbered (the table grew), many sharing their whole hash with another.
        #expect(found > 2_000 && fresh > 1_000 && sharedHash > 500, "found \(found), fresh \(fresh), shared \(sharedHash)")
        // Every entity found at its number at the end.
        for (entity, n) in oracle {
            guard case .found(let m) = numbers.find(hash: hashOf[entity]!, kind: entity.kind, entity.id.utf8, in: entities) else {
                Issue.record("\(entity) lost")
                continue
            }
            #expect(m == n)
            #expect(numbers.firstProbe(hashOf[entity]!) >= 0)
        }
    }
}
