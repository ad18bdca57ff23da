import Foundation
import LedgerChain
import LedgerCLI
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 51 (review of import50 #1): the stored state's look-up makes the spellings of a register's ids of digits
/// itself (`NamedAssetIDs`, `Registers.registered(_:among:)`), a bounded number at a time, instead of being handed
/// the up to twenty spellings of each. Held to the whole log (`LEDGER_SCOPES=off`), which never used them: seeded
/// ledgers holding parts of ids of digits in many paddings (two recorded spellings of one id now and then: `append`
/// does not hold parts to the rule), some in `index/checks.state` and some after its stamp, and seeded registers
/// naming them as recorded (unchanged, or updated), in another padding (refused: only by leading zeros), as new ids
/// of digits (longer than twenty characters too), ids of letters, and twins inside the register; some registers are
/// imported, and imported again. Each dry run gives the same exit status and report, word for word, both ways.
@Suite struct ImportDigitIDsStateTests {
    static let header = "编号,小区,类型,名称,位置,面积,登记日期\n"

    /// A part's registration as `append` reads it.
    static func part(_ id: String) -> String {
        #"{"id":"reg-\#(id)","type":"asset.registered","occurred_on":"2025-12-03","data":{"asset_id":"\#(id)","community_id":"C-HY","kind":"parking","name":"测试车位\#(id)","location":"1号楼","area_m2":"10.00","registered_on":"2025-12-03","source":{"kind":"manual"}}}"#
    }

    /// The register row of the part `part(id)` registers, unchanged or with another location (an update).
    static func row(_ id: String, updated: Bool = false) -> String {
        "\(id),C-HY,车位,测试车位\(id),\(updated ? "2号楼" : "1号楼"),10.00,2025-12-03\n"
    }

    /// `digits` with `zeros` leading zeros.
    static func padded(_ digits: String, _ zeros: Int) -> String { String(repeating: "0", count: zeros) + digits }

    static func digits(_ random: inout SplitMix64) -> String {
        var out = String(1 + random.below(9))
        let length = random.pick([1, 2, 3, 5, 7, 7, 7, 8, 12, 18, 20])
        while out.utf8.count < length { out += String(random.below(10)) }
        return out
    }

    @Test(arguments: TestScale.seeds(3, from: 5121))
    func theStoredStateAnswersAsTheWholeLog(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "街道办-王芳"
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        // The recorded ids (as registered) by their digits.
        var recorded: [String: [String]] = [:]
        var met: [String: Int] = [:]
        var lastImported: String? = nil
        for step in 0..<6 {
            // Parts appended, in random paddings; now and then a second spelling of recorded digits.
            var lines: [String] = []
            for _ in 0..<(2 + random.below(6)) {
                let digits = random.chance(20) && !recorded.isEmpty ? random.pick(recorded.keys.sorted()) : Self.digits(&random)
                let id = Self.padded(digits, random.chance(50) ? random.below(4) : 0)
                guard id.utf8.count <= 22, !(recorded[digits] ?? []).contains(id) else { continue }
                recorded[digits, default: []].append(id)
                lines.append(Self.part(id))
            }
            try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/parts.jsonl")
            #expect(cli.run(["append", "--file", "parts.jsonl", "--allow-twins"]) == 0, "seed \(seed), step \(step): \(cli.stdout)\(cli.stderr)")
            // The stored state written again at the head now and then, by the next import (else these parts are after
            // its stamp).
            if random.chance(50) {
                for name in [CheckState.fileName, CheckState.recentFileName] { try? FileManager.default.removeItem(atPath: cli.ledgerPath + "/index/" + name) }
            }
            for round in 0..<4 {
                var csv = Self.header
                for _ in 0..<(1 + random.below(8)) {
                    let digits = random.pick(recorded.keys.sorted())
                    let spellings = recorded[digits]!
                    switch random.below(8) {
                    case 0, 1: csv += Self.row(random.pick(spellings))
                    case 2: csv += Self.row(random.pick(spellings), updated: true)
                    case 3, 4:
                        // Another padding of recorded digits, up to 22 characters.
                        let other = (0...(22 - digits.utf8.count)).map { Self.padded(digits, $0) }.filter { !spellings.contains($0) }
                        if let id = other.isEmpty ? nil : random.pick(other) { csv += Self.row(id) }
                    case 5: csv += Self.row(Self.padded(Self.digits(&random), random.below(3)))
                    case 6: csv += Self.row(Self.padded(Self.digits(&random), 21))
                    default: csv += Self.row(random.pick(["N-\(step)-\(round)", "n-\(step)-\(round)", "A-HY-P01", "a-hy-p01"]))
                    }
                }
                // A twin inside the register now and then: the row before it, its id in another padding.
                if random.chance(30), let last = csv.split(separator: "\n").last?.split(separator: ",").first,
                   let digits = last.firstIndex(where: { $0 != "0" }).map({ String(last[$0...]) }), last.allSatisfy(\.isNumber) {
                    csv += Self.row("0" + digits)
                }
                let answers = try PartTwinKeyStateTests.answers(cli, csv)
                #expect(answers[0] == answers[1], "seed \(seed), step \(step), round \(round):\n\(csv)\n\(answers[0])\n---\n\(answers[1])")
                if answers[0].contains("only by leading zeros") { met["zeros", default: 0] += 1 }
                if answers[0].hasPrefix("0\n") { met["accepted", default: 0] += 1 }
                if answers[0].contains(" updated") && !answers[0].contains("0 updated") { met["updated", default: 0] += 1 }
                if answers[0].hasPrefix("0\n"), random.chance(50) {
                    // Imported from the stored state; the same register again is unchanged both ways.
                    #expect(cli.run(["import", "assets", cli.temp.path + "/register.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
                    for line in csv.split(separator: "\n").dropFirst() {
                        let id = String(line.split(separator: ",")[0])
                        if let first = id.firstIndex(where: { $0 != "0" }), id.allSatisfy(\.isNumber),
                           !(recorded[String(id[first...])] ?? []).contains(id) {
                            recorded[String(id[first...]), default: []].append(id)
                        }
                    }
                    lastImported = csv
                }
                if let again = lastImported, random.chance(30) {
                    let answers = try PartTwinKeyStateTests.answers(cli, again)
                    #expect(answers[0] == answers[1], "seed \(seed): imported again\n\(answers[0])\n---\n\(answers[1])")
                    if answers[0].contains(" 0 new") { met["again", default: 0] += 1 }
                }
            }
        }
        // The kinds of answer the test is about were each met.
        for kind in ["zeros", "accepted", "updated"] { #expect(met[kind, default: 0] > 0, "seed \(seed): \(met)") }
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }
}
