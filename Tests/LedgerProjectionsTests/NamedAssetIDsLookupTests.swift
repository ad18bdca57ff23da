import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 51 (review of import50 #1): the stored state's look-up of a register's asset ids makes the spellings of an
/// id of digits itself, a bounded number at a time (`Registers.registered(_:among:)` over `NamedAssetIDs`), where it
/// was handed every spelling (session 50's set, `NamedIDsOracle`). Seeded ledgers — parts of ids of digits in many
/// paddings (two spellings of one id now and then) and of letters, in the table and after its stamp — and seeded
/// named ids (recorded ones in their own padding and in others, new ones, ids longer than twenty characters, other
/// case): the assets found registered are those of session 50's set that `Registers.entry` finds, one by one, asked in
/// walks of any size; and the look-up's absent assets answer as session 50's did for every spelling and near miss.
@Suite struct NamedAssetIDsLookupTests {
    static func digits(_ random: inout SplitMix64) -> String {
        var out = String(1 + random.below(9))
        let length = random.pick([1, 2, 3, 7, 7, 8, 15, 19, 20])
        while out.utf8.count < length { out += String(random.below(10)) }
        return out
    }

    static func padded(_ digits: String, _ random: inout SplitMix64) -> String {
        String(repeating: "0", count: random.chance(50) ? random.below(22 - digits.utf8.count) : 0) + digits
    }

    /// A community and `stored` parts, the state written at the head; then `after` parts appended after its stamp.
    /// Returns the parts' ids.
    static func ledger(_ temporary: TemporaryDirectory, _ random: inout SplitMix64, stored: Int, after: Int) throws
        -> (directory: LedgerDirectory, ids: [String]) {
        let directory = TestLedger.create(in: temporary)
        var ids: [String] = []
        var seen = Set<String>()
        while ids.count < stored + after {
            let id: String
            switch random.below(10) {
            case 0: id = "P-" + CheckTableMergedLookupTests.id(&random)
            case 1 where !ids.isEmpty:
                // Another spelling of a recorded id of digits (append does not hold parts to the rule).
                let other = random.pick(ids)
                guard let digits = LeadingZeros.digits(other), digits.utf8.count < 20 else { continue }
                id = padded(String(digits), &random)
            default: id = padded(digits(&random), &random)
            }
            if seen.insert(id).inserted { ids.append(id) }
        }
        let community = CheckTableMergedLookupTests.event(ImportCheckShortcutTests.community, 0, 7)
        var events = [community]
        for (n, id) in ids.prefix(stored).enumerated() { events.append(ImportCheckShortcutTests.part(id, eventID: "s-\(n)")) }
        try TestLedger.append(events, to: directory)
        let written = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        #expect(written.wroteState)
        if after > 0 {
            try TestLedger.append(ids.suffix(after).enumerated().map { ImportCheckShortcutTests.part($1, eventID: "a-\($0)") }, to: directory)
        }
        return (directory, ids)
    }

    @Test(arguments: TestScale.seeds(6, from: 5131))
    func theLookUpAnswersAsSessionFiftysSet(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temporary = TemporaryDirectory()
        // Every pairing of parts in the table (none, some) and after its stamp (none, some).
        let stored = seed % 2 == 0 ? 0 : 300 + random.below(300)
        let after = (seed / 2) % 2 == 0 ? 0 : 5 + random.below(30)
        let (directory, held) = try Self.ledger(temporary, &random, stored: stored, after: after)
        var met: [String: Int] = [:]
        for round in 0..<8 {
            // The ids a register's rows name: recorded ones as recorded or in another padding, new ones.
            var ids: [String] = []
            for _ in 0..<(1 + random.below([5, 50, 400][round % 3])) {
                switch random.below(6) {
                case 0 where !held.isEmpty: ids.append(random.pick(held))
                case 1 where !held.isEmpty:
                    let id = random.pick(held)
                    ids.append(LeadingZeros.digits(id).map { Self.padded(String($0), &random) } ?? id.lowercased())
                case 2: ids.append(String(repeating: "0", count: 1 + random.below(3)) + Self.padded(Self.digits(&random), &random))
                case 3: ids.append("p-" + CheckTableMergedLookupTests.id(&random))
                default: ids.append(Self.padded(Self.digits(&random), &random))
                }
            }
            var old = Set<String>(), named = NamedAssetIDs()
            for id in ids {
                old.formUnion(NamedIDsOracle.spellings(ofRowID: id))
                named.insert(id)
                let upper = Bytes.asciiCase(id, upper: true), lower = Bytes.asciiCase(id, upper: false)
                if upper != id { named.insert(upper) }
                if lower != id { named.insert(lower) }
            }
            let found = try #require(try RegisterImports.lookup(directory, fileSHA256: "x", communityIDs: ["C-1"], assetIDs: named))
            let registers = found.caughtUp.fold.registers
            let expected = old.filter { registers.entry(.asset, $0) != nil }
            #expect(found.registeredAssets == expected, "seed \(seed), round \(round)")
            // Walks of any size give the same answer.
            for askedMax in [1, 2, 7, 64] {
                #expect(registers.registered(.asset, among: named, askedMax: askedMax) == expected, "seed \(seed), round \(round), \(askedMax)")
            }
            // The check's answer for each spelling and near miss: session 50's.
            for probe in old.sorted() + ids.map({ "0" + $0 }) + ids.map({ $0 + "1" }) + held {
                let before = NamedIDsOracle.containsExactly(old, probe) && (expected.isEmpty || !expected.contains(probe))
                #expect(found.absentAssets.contains(probe) == before, "seed \(seed), round \(round): \(probe)")
            }
            for id in expected where !ids.contains(id) { _ = id; met["found in another padding", default: 0] += 1 }
            met["found", default: 0] += expected.count
        }
        if stored + after > 0 {
            #expect(met["found", default: 0] > 10 && met["found in another padding", default: 0] > 0, "seed \(seed): \(met)")
        }
    }
}
