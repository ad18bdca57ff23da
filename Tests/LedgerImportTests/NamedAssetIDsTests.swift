import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 51 (review of import50 #1): the asset ids a register's rows name for the stored state's look-up keep an id
/// of digits once, by its value (`NamedAssetIDs`), not as the up to twenty spellings session 50 named for it (a
/// million rows of seven-digit ids peaked at 1.4 GB). Held to those spellings (`NamedIDsOracle`, session 50's
/// `zeroVariants` kept as the oracle): over seeded ids — of digits with and without leading zeros, of 1 to 24 digits,
/// values about `UInt64.max`, zeros alone, letters in either case, full-width digits — the spellings are the same set,
/// byte for byte, each made once, and `contains` and `containsExactly` answer as the old set did for each of them and
/// for near misses (a zero more or less, a digit more, the 21-character spelling, another case, full width).
@Suite struct NamedAssetIDsTests {
    /// Digits as registers write them: mostly seven or eight, sometimes the lengths the bounds meet (15: Excel's
    /// significant digits, 19 and 20: `UInt64`, 20: `zeroTwinLength`, 21 and more: compared byte for byte).
    static let lengths = [1, 2, 3, 7, 7, 7, 8, 8, 15, 16, 19, 20, 20, 21, 24]
    static let aboutTheLargest = ["18446744073709551615", "18446744073709551616", "99999999999999999999", "10000000000000000000",
                                  "9999999999999999999", "1"]

    static func digits(_ random: inout SplitMix64, length: Int) -> String {
        var out = String(1 + random.below(9))
        while out.utf8.count < length { out += String(random.below(10)) }
        return out
    }

    /// A seeded id as a register's id cell may hold it.
    static func id(_ random: inout SplitMix64) -> String {
        let zeros = String(repeating: "0", count: random.chance(40) ? 1 + random.below(5) : 0)
        switch random.below(12) {
        case 0...5: return zeros + digits(&random, length: random.pick(lengths))
        case 6: return zeros + random.pick(aboutTheLargest)
        case 7: return String(repeating: "0", count: 1 + random.below(4))
        case 8: return random.pick(["A-", "a-", "Mk-", "R-"]) + zeros + digits(&random, length: random.pick([1, 3, 7]))
        case 9: return zeros + digits(&random, length: random.pick([1, 3, 7])) + random.pick(["A", "b", "-1", ".0"])
        case 10: return random.pick(["０", ""]) + random.pick(["０７", "１２３", "7７"])
        default: return random.pick(["7", "07", "007", "0000000000000000007", "00000000000000000007", "000000000000000000007"])
        }
    }

    /// What session 50 named for `ids` (`NamedIDsOracle.spellings(ofRowID:)`), and what this session names: each id
    /// and its other ASCII case spellings inserted, as `RegisterImporter.add` does.
    static func both(_ ids: [String]) -> (old: Set<String>, new: NamedAssetIDs) {
        var old = Set<String>(), new = NamedAssetIDs()
        for id in ids {
            old.formUnion(NamedIDsOracle.spellings(ofRowID: id))
            new.insert(id)
            let upper = Bytes.asciiCase(id, upper: true), lower = Bytes.asciiCase(id, upper: false)
            if upper != id { new.insert(upper) }
            if lower != id { new.insert(lower) }
        }
        return (old, new)
    }

    /// Spellings near `id` that a look-up could be asked about.
    static func nearMisses(_ id: String) -> [String] {
        var out = ["0" + id, "00" + id, id + "0", String(id.dropFirst()), String(id.dropLast()), Bytes.asciiCase(id, upper: false)]
        if let first = id.firstIndex(where: { $0 != "0" }) {
            let digits = id[first...]
            out.append(String(repeating: "0", count: max(0, 21 - digits.utf8.count)) + digits)
            out.append(String(repeating: "0", count: max(0, 20 - digits.utf8.count)) + digits)
        }
        out.append(String(id.unicodeScalars.map { $0.value >= 0x30 && $0.value <= 0x39 ? Character(Unicode.Scalar($0.value + 0xFEE0)!) : Character($0) }))
        return out
    }

    @Test(arguments: TestScale.seeds(4, from: 5101))
    func theSpellingsAreSessionFiftysSet(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var met: [String: Int] = [:]
        for round in 0..<200 {
            let ids = (0..<(1 + random.below(30))).map { _ in Self.id(&random) }
            let (old, new) = Self.both(ids)
            var made: [[UInt8]] = []
            new.forEachSpelling { made.append(Array($0.utf8)); return true }
            #expect(Set(made) == Set(old.map { Array($0.utf8) }), "seed \(seed), round \(round): \(ids)")
            #expect(Set(made).count == made.count, "seed \(seed), round \(round): a spelling made twice")
            #expect(new.isEmpty == old.isEmpty)
            for probe in old.sorted() + ids.flatMap(Self.nearMisses) {
                #expect(new.contains(probe) == old.contains(probe), "seed \(seed), round \(round): contains \(probe)")
                #expect(new.containsExactly(probe) == NamedIDsOracle.containsExactly(old, probe), "seed \(seed), round \(round): \(probe)")
                met[old.contains(probe) ? "member" : "not a member", default: 0] += 1
            }
            for id in ids {
                let variants = NamedIDsOracle.zeroVariants(id).count
                if variants > 0 { met[id.utf8.count > 20 ? "digits beyond 20" : id.hasPrefix("0") ? "leading zeros" : "digits", default: 0] += 1 }
                if variants == 0, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { met["digits without variants", default: 0] += 1 }
                if id.utf8.count == 20, id > "18446744073709551615", !id.hasPrefix("0") { met["beyond UInt64", default: 0] += 1 }
            }
        }
        // Every kind of id was met, many times.
        for kind in ["member", "not a member", "digits", "leading zeros", "digits beyond 20", "digits without variants", "beyond UInt64"] {
            #expect(met[kind, default: 0] > 20, "seed \(seed): \(kind) met \(met[kind, default: 0]) times")
        }
    }

    /// The fixed cases the bounds give.
    @Test func theBounds() {
        let padded = (1...20).map { String(repeating: "0", count: $0 - 1) + "7" }
        #expect(NamedAssetIDs(["7"]).spellings == Set(padded))
        #expect(NamedAssetIDs(["007"]).spellings == Set(padded))
        let long = String(repeating: "0", count: 19) + "7"
        // 21 characters: itself, and its digits' spellings up to 20 (`70`: 19 of them).
        let seventy = Set((2...20).map { String(repeating: "0", count: $0 - 2) + "70" })
        #expect(NamedAssetIDs([long + "0"]).spellings == seventy.union([long + "0"]))
        // 21 characters of the digit 7: itself, and 7's spellings up to 20.
        #expect(NamedAssetIDs(["0" + long]).spellings == Set(padded + ["0" + long]))
        // 21 digits: itself alone.
        let ones = String(repeating: "1", count: 21)
        #expect(NamedAssetIDs([ones]).spellings == [ones])
        #expect(!NamedAssetIDs([ones]).contains(String(ones.dropFirst())))
        // About UInt64.max: one value more is kept as digits, with the same answers.
        for digits in ["18446744073709551615", "18446744073709551616", "99999999999999999999"] {
            let named = NamedAssetIDs(["0" + digits])
            #expect(named.spellings == ["0" + digits, digits])
            #expect(named.contains(digits) && named.containsExactly(digits) && !named.contains("0" + String(digits.dropFirst())))
        }
        // Zeros alone, and ids with letters, are as written.
        #expect(NamedAssetIDs(["000", "A7"]).spellings == ["000", "A7"])
        #expect(!NamedAssetIDs(["000"]).contains("0") && !NamedAssetIDs(["A7"]).contains("a7"))
        // The walk stops when asked to.
        var seen = 0
        #expect(!NamedAssetIDs(["7", "A-1"]).forEachSpelling { _ in seen += 1; return seen < 5 })
        #expect(seen == 5)
        #expect(NamedAssetIDs().isEmpty && !NamedAssetIDs(["0"]).isEmpty)
    }

    /// `RegisterImporter` names what session 50 named: seeded registers of such ids (rows refused for other cells
    /// too) imported as they are, the named ids held to the oracle over every row's id the rule of ids lets by.
    @Test(arguments: TestScale.seeds(3, from: 5111))
    func theImporterNamesSessionFiftysSet(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var withDigits = 0
        for round in 0..<40 {
            var text = "编号,小区,类型,名称,位置,面积,登记日期\n"
            var ids: [String] = []
            for row in 0..<(1 + random.below(60)) {
                let id = random.chance(5) ? random.pick(ids.isEmpty ? ["7"] : ids) : Self.id(&random)
                ids.append(id)
                let area = random.chance(10) ? "#N/A" : "12.5"
                text += "\(id),C00001,车位,车位\(row)号,1号楼,\(area),2021-01-04\n"
            }
            let options = Fixture.options("digits-\(seed)-\(round).csv") { if random.chance(30) { $0.allowPartial = true } }
            let result: AssetImportResult
            do { result = try Fixture.run(text, options: options) } catch {
                Issue.record("seed \(seed), round \(round): \(error)")
                continue
            }
            var old = Set<String>()
            for id in ids where EventInput.idFault(id) == nil { old.formUnion(NamedIDsOracle.spellings(ofRowID: id)) }
            let named = result.namedAssetIDs.spellings
            #expect(Set(named.map { Array($0.utf8) }) == Set(old.map { Array($0.utf8) }), "seed \(seed), round \(round)")
            if ids.contains(where: { !NamedIDsOracle.zeroVariants($0).isEmpty }) { withDigits += 1 }
        }
        #expect(withDigits > 30)
    }
}
