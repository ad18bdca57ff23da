import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Session 44 (issue 11): `ledger import assets` finds a new part's recorded twins by their twin keys in
/// `index/checks.state` (`W` entries, kept by the checks' fold with each part's fields, `P`) and reads only those
/// parts, not every record of its communities. Held to the whole log: after every append of a seeded sequence of
/// registrations, updates (some dated before the part's last change), retirements and corrections (of registrations
/// and updates, with replacements or voiding), some parts registered as twins with `--allow-twins`, some with a
/// decomposed (not NFC) name, a register of parts drawn from the same few contents is imported as a dry run from the
/// stored state and from the whole log (`LEDGER_SCOPES=off`): the same report, word for word; and the state the
/// appends kept is the state the log gives (`verify --index`).
@Suite struct PartTwinKeyStateTests {
    static let names = ["车位甲", "车位乙", "车位丙", "车位e\u{301}", "车位\u{E9}"]
    static let locations = ["1号楼", "2号楼"]
    static let areas = ["10.00", "12.50"]
    static let communities = ["C-HY", "C-QF"]

    func append(_ cli: CLIHarness, _ line: String) throws -> Int32 {
        try PosixFile.writeAtomically(Array((line + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        return cli.run(["append", "--file", "in.jsonl", "--allow-twins"])
    }

    static func day(_ n: Int) -> String { "2025-12-\(n < 10 ? "0" : "")\(n)" }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func importFromTheStoredStateAnswersAsTheWholeLog(seed: UInt64) throws {
        var random = SyntheticRandom(seed: seed)
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "街道办-王芳"
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        // The test's parts: asset id → (event ids that registered or updated it, retired).
        var parts: [(id: String, events: [String], retired: Bool)] = []
        var appended = 0
        for step in 0..<14 {
            let day = Self.day(random.within(1...28))
            var line: String
            let roll = parts.isEmpty ? 0 : random.below(10)
            func content() -> String {
                let attributes = random.chance(25) ? #","attributes":{"车位号":"1"}"# : ""
                return #""community_id":"\#(random.pick(Self.communities))","kind":"parking","name":"\#(random.pick(Self.names))","location":"\#(random.pick(Self.locations))","area_m2":"\#(random.pick(Self.areas))","registered_on":"\#(day)","source":{"kind":"manual"}\#(attributes)"#
            }
            func changes() -> String {
                switch random.below(4) {
                case 0: return #"{"name":"\#(random.pick(Self.names))"}"#
                case 1: return #"{"location":"\#(random.pick(Self.locations))"}"#
                case 2: return #"{"area_m2":"\#(random.pick(Self.areas))"}"#
                default: return #"{"attributes":{"车位号":"\#(random.within(1...2))"}}"#
                }
            }
            if roll < 4 {
                let id = "A-T\(seed)-\(step)"
                line = #"{"id":"reg-\#(id)","type":"asset.registered","occurred_on":"\#(day)","data":{"asset_id":"\#(id)",\#(content())}}"#
                if try append(cli, line) == 0 { parts.append((id, ["reg-\(id)"], false)); appended += 1 }
            } else if roll < 7 {
                let index = random.below(parts.count)
                let event = "up-\(seed)-\(step)"
                line = #"{"id":"\#(event)","type":"asset.updated","occurred_on":"\#(day)","data":{"asset_id":"\#(parts[index].id)","changes":\#(changes()),"source":{"kind":"manual"}}}"#
                if try append(cli, line) == 0 { parts[index].events.append(event); appended += 1 }
            } else if roll < 8 {
                let index = random.below(parts.count)
                guard !parts[index].retired else { continue }
                line = #"{"id":"ret-\#(seed)-\#(step)","type":"asset.retired","occurred_on":"2025-12-29","data":{"asset_id":"\#(parts[index].id)","reason":"拆除"}}"#
                if try append(cli, line) == 0 { parts[index].retired = true; appended += 1 }
            } else {
                // A correction of a registration (a replacement with other fields) or of an update (other changes, or void).
                let index = random.below(parts.count)
                let target = random.pick(parts[index].events)
                let replacement: String
                if target.hasPrefix("reg-") {
                    replacement = #","replacement":{"type":"asset.registered","occurred_on":"\#(day)","data":{"asset_id":"\#(parts[index].id)",\#(content())}}"#
                } else {
                    replacement = random.chance(50) ? "" : #","replacement":{"type":"asset.updated","occurred_on":"\#(day)","data":{"asset_id":"\#(parts[index].id)","changes":\#(changes()),"source":{"kind":"manual"}}}"#
                }
                line = #"{"id":"fix-\#(seed)-\#(step)","type":"correction","occurred_on":"2025-12-30","data":{"corrects":"\#(target)","reason":"改正"\#(replacement)}}"#
                if try append(cli, line) == 0 { appended += 1 }
            }
            // A register of three parts from the same contents, new ids: the stored state's answer is the whole log's.
            var csv = "编号,小区,类型,名称,位置,面积,登记日期\n"
            for n in 0..<3 {
                csv += "N-\(step)-\(n),\(random.pick(Self.communities)),车位,\(random.pick(Self.names)),\(random.pick(Self.locations)),\(random.pick(Self.areas)),2025-12-31\n"
            }
            try PosixFile.writeAtomically(Array(csv.utf8), to: cli.temp.path + "/register.csv")
            var answers: [String] = []
            for scopes in [nil, "off"] as [String?] {
                cli.environment["LEDGER_SCOPES"] = scopes
                let status = cli.run(["import", "assets", cli.temp.path + "/register.csv", "--dry-run", "--lang", "en"])
                answers.append("\(status)\n\(cli.stdout)")
            }
            cli.environment["LEDGER_SCOPES"] = nil
            #expect(answers[0] == answers[1], "step \(step), after \(line)\n\(csv)\n--- stored state:\n\(answers[0])\n--- whole log:\n\(answers[1])")
        }
        #expect(appended >= 8, "most steps are appended")
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("checks.state intact"), "\(cli.stdout)")
    }
}
