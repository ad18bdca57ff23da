import Foundation
import LedgerCLI
import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Session 44: `ledger append` holds its batch's `asset.registered` events to the part twin rule of `ledger import
/// assets` (`RegisterTwins`, README "Known limits" until then): a part repeating a registered part of its community
/// (not retired) or an earlier event's part in every field but its id is refused naming the other part, with the
/// import's wording, the ledger unchanged, unless `--allow-twins`.
@Suite struct AppendPartTwinTests {
    /// A part of the demo's 海韵小区 (C-HY): by default the content of A-HY-P01 (地面车位P01, 3号楼东侧, 12.50 m²).
    static func part(_ id: String, event: String? = nil, community: String = "C-HY", kind: String = "parking", name: String = "地面车位P01",
                     location: String = "3号楼东侧", area: String = "12.50", attributes: String? = nil) -> String {
        let extra = attributes.map { ",\"attributes\":\($0)" } ?? ""
        return #"{"id":"\#(event ?? "ev-" + id)","type":"asset.registered","occurred_on":"2025-12-20","data":{"asset_id":"\#(id)","community_id":"\#(community)","kind":"\#(kind)","name":"\#(name)","location":"\#(location)","area_m2":"\#(area)","registered_on":"2025-12-20","source":{"kind":"manual"}\#(extra)}}"#
    }

    static func update(_ id: String, name: String) -> String {
        #"{"id":"up-\#(id)","type":"asset.updated","occurred_on":"2025-12-20","data":{"asset_id":"\#(id)","changes":{"name":"\#(name)"},"source":{"kind":"manual"}}}"#
    }

    func ledger() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "街道办-王芳"
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 {
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        return cli.run(["append", "--file", "in.jsonl"] + extra)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [String]
        var options: [String] = []
        /// Substrings of the refusal; empty: the batch is appended.
        var refused: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "twin of a registered part", lines: [part("A-HY-P09")], refused: [
            "in.jsonl:1: event ev-A-HY-P09 (asset.registered): field \"data.asset_id\": \"A-HY-P09\" registers a part the ledger already holds under another id "
                + "(asset A-HY-P01: community C-HY, kind parking, name \"地面车位P01\", location \"3号楼东侧\", area 12.50 m²): every field but the id "
                + "is the same, so it is most likely that part again, its id corrected or changed by Excel, and its area would be counted twice. "
                + "If it is the same part, write its id as the ledger's \"A-HY-P01\" or leave this event out of the batch. If it is another part, "
                + "give it the name or location that tells it apart (its bay or panel number), or append the batch again with --allow-twins.",
        ]),
        Case(name: "said to be another part", lines: [part("A-HY-P09")], options: ["--allow-twins"]),
        Case(name: "another name", lines: [part("A-HY-P09", name: "地面车位P09")]),
        Case(name: "another community", lines: [part("A-QF-P09", community: "C-QF")]),
        Case(name: "another area", lines: [part("A-HY-P09", area: "12.60")]),
        Case(name: "the same area written otherwise", lines: [part("A-HY-P09", area: "12.5")], refused: ["(asset A-HY-P01: community C-HY"]),
        Case(name: "a column more tells it apart", lines: [part("A-HY-P09", attributes: #"{"车位号":"9"}"#)]),
        // A-YX-GRN is retired: its content is free.
        Case(name: "twin of a retired part", lines: [part("A-YX-GRN2", community: "C-YX", kind: "green_area", name: "西侧绿地", location: "西围墙内",
                                                            area: "200.00", attributes: #"{"产权":"全体业主"}"#)]),
        // A-HY-CLUB was updated (118.60 m², a 测绘报告 column): its current content is compared, not its first.
        Case(name: "a registered part's first content", lines: [part("A-HY-CLUB2", kind: "club_room", name: "会所活动室", location: "会所二层", area: "120.00")]),
        Case(name: "a registered part's current content", lines: [part("A-HY-CLUB2", kind: "club_room", name: "会所活动室", location: "会所二层", area: "118.60",
                                                                        attributes: #"{"测绘报告":"CH-2024-0612"}"#)],
             refused: ["field \"data.asset_id\": \"A-HY-CLUB2\" registers a part the ledger already holds under another id (asset A-HY-CLUB: community C-HY, kind club_room"]),
        Case(name: "twin within the batch", lines: [part("A-HY-N1", name: "新车位"), part("A-HY-N2", name: "新车位")], refused: [
            "in.jsonl:2: event ev-A-HY-N2 (asset.registered): field \"data.asset_id\": \"A-HY-N2\" registers a part that line 1 of this batch already registers under "
                + "another id (A-HY-N1: community C-HY, kind parking, name \"新车位\", location \"3号楼东侧\", area 12.50 m²): every field but the id is "
                + "the same, so it is most likely one part written twice, and its area would be counted twice. If the two events are one part, keep "
                + "one of them. If it is another part, give it the name or location that tells it apart (its bay or panel number), or append the "
                + "batch again with --allow-twins.",
        ]),
        Case(name: "twins within the batch said to be two", lines: [part("A-HY-N1", name: "新车位"), part("A-HY-N2", name: "新车位")], options: ["--allow-twins"]),
        // The batch renames A-HY-P02 first: its old content is free after the batch (wherever the update stands).
        Case(name: "a part the batch renames", lines: [update("A-HY-P02", name: "地面车位P02（东）"), part("A-HY-P12", name: "地面车位P02")]),
        Case(name: "a part the batch renames, after", lines: [part("A-HY-P12", name: "地面车位P02"), update("A-HY-P02", name: "地面车位P02（东）")]),
        // A correction's replacement registering a part is held to the rule too (its field named as such).
        Case(name: "a replacement repeating another part",
             lines: [#"{"id":"fix-ad1","type":"correction","occurred_on":"2025-12-20","data":{"corrects":"ev-0013","reason":"改正","replacement":{"type":"asset.registered","occurred_on":"2024-01-08","data":{"asset_id":"A-HY-AD1","community_id":"C-HY","kind":"parking","name":"地面车位P01","location":"3号楼东侧","area_m2":"12.50","registered_on":"2024-01-08","source":{"kind":"manual"}}}}}"#],
             refused: ["event fix-ad1 (correction): field \"data.replacement.data.asset_id\": \"A-HY-AD1\" registers a part the ledger already holds under another id (asset A-HY-P01"]),
    ]

    @Test(arguments: cases)
    func appendHoldsPartsToTheImportsTwinRule(_ c: Case) throws {
        for scopes in [nil, "off"] as [String?] {
            let cli = try ledger()
            cli.environment["LEDGER_SCOPES"] = scopes
            let before = try cli.logBytes()
            let status = try append(cli, c.lines, c.options + ["--lang", "en"])
            if c.refused.isEmpty {
                #expect(status == 0, "\(scopes ?? "scopes"): \(cli.stdout)\(cli.stderr)")
                #expect(try cli.logBytes() != before)
            } else {
                #expect(status == 2, "\(scopes ?? "scopes"): \(cli.stdout)\(cli.stderr)")
                for part in c.refused { #expect(cli.stderr.contains(part), "\(scopes ?? "scopes"): \(part)\n\(cli.stderr)") }
                #expect(try cli.logBytes() == before)
            }
        }
    }

    /// One answer with the index, after `rm -rf index/` and without it; the Chinese wording; the ledger unchanged;
    /// appended once said to be another part, and the same input again all duplicates.
    @Test func theRefusalIsOneAnswerAndLeavesTheLedgerUnchanged() throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        var outputs: [String] = []
        for (scopes, cold) in [(nil, false), (nil, true), ("off", false)] as [(String?, Bool)] {
            cli.environment["LEDGER_SCOPES"] = scopes
            if cold { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(try append(cli, [Self.part("A-HY-P09")]) == 2, "\(cli.stdout)\(cli.stderr)")
            outputs.append(cli.stderr)
            #expect(try cli.logBytes() == before)
        }
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(Set(outputs).count == 1, "\(outputs)")
        #expect(try append(cli, [Self.part("A-HY-P09")], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("所登记的共有部分，账本中已以另一编号登记（共有部分 A-HY-P01：小区 C-HY，类型 ")
                && cli.stderr.contains("名称“地面车位P01”，位置“3号楼东侧”，面积 12.50 平方米）：除编号外各项都相同")
                && cli.stderr.contains("如果是同一部分，请把编号写作账本中的“A-HY-P01”，或从这一批中删去该事件。")
                && cli.stderr.contains("或加 --allow-twins 重新追加这一批。"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(try append(cli, [Self.part("A-HY-P09")], ["--allow-twins"]) == 0, "\(cli.stderr)")
        let after = try cli.logBytes()
        #expect(after != before)
        #expect(try append(cli, [Self.part("A-HY-P09")]) == 0, "\(cli.stderr)")
        #expect(try cli.logBytes() == after)
        // The import's twin rule sees the appended part as any other: a register repeating it is refused.
        let register = "编号,小区,类型,名称,位置,面积,登记日期\nA-HY-P19,C-HY,车位,地面车位P01,3号楼东侧,12.50,2025-12-20\n"
        try PosixFile.writeAtomically(Array(register.utf8), to: cli.temp.path + "/register.csv")
        #expect(cli.run(["import", "assets", cli.temp.path + "/register.csv", "--lang", "en"]) != 0)
        #expect((cli.stdout + cli.stderr).contains("registers a part the ledger already holds under another id (asset A-HY-P01"), "\(cli.stdout)\(cli.stderr)")
    }

    /// Seeded: batches of parts of C-HY's content 3号楼东侧, parking, 12.50 m², named from a few names (two of them the
    /// demo's A-HY-P01 and A-HY-P02), are refused at `append` on exactly the events a plain account of the rule names
    /// — a recorded part's name, or the name of an earlier event not refused itself — and the same parts imported as
    /// a register are refused on the same rows (one rule at both doors).
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func bothDoorsRefuseTheSameParts(seed: UInt64) throws {
        var random = SyntheticRandom(seed: seed)
        let names = ["地面车位P01", "地面车位P02", "新车位A", "新车位B"]
        let cli = try ledger()
        for round in 0..<4 {
            let count = random.within(1...5)
            var lines: [String] = [], rows: [String] = [], expected: [String] = []
            var noted: Set<String> = []
            for n in 0..<count {
                let name = random.pick(names)
                let id = "A-HY-S\(seed)\(round)\(n)"
                // The demo's names as they are; the others new in each round (an earlier round's parts may be recorded).
                let shown = name.hasPrefix("地面") ? name : name + "-\(round)"
                lines.append(Self.part(id, name: shown))
                rows.append("\(id),C-HY,车位,\(shown),3号楼东侧,12.50,2025-12-20")
                if name.hasPrefix("地面") || !noted.insert(shown).inserted { expected.append(id) }
            }
            let before = try cli.logBytes()
            let status = try append(cli, lines, ["--lang", "en"])
            let refused = cli.stderr.split(separator: "\n").filter { $0.contains("registers a part") }
            #expect(refused.count == expected.count, "\(expected)\n\(cli.stderr)")
            for id in expected { #expect(refused.contains { $0.contains("event ev-\(id) (asset.registered)") }, "\(id)\n\(cli.stderr)") }
            #expect(status == (expected.isEmpty ? 0 : 2), "\(cli.stderr)")
            if !expected.isEmpty { #expect(try cli.logBytes() == before) }
            // The register of the same parts, under other ids (the batch may be in the ledger now), as a dry run.
            let register = "编号,小区,类型,名称,位置,面积,登记日期\n" + rows.map { "I" + $0 }.joined(separator: "\n") + "\n"
            try PosixFile.writeAtomically(Array(register.utf8), to: cli.temp.path + "/register.csv")
            _ = cli.run(["import", "assets", cli.temp.path + "/register.csv", "--dry-run", "--lang", "en"])
            let output = (cli.stdout + cli.stderr).split(separator: "\n").filter { $0.contains("registers a part") }
            // Appended, the batch's own parts are recorded twins of every row; refused, the rows repeat the batch's verdicts.
            if expected.isEmpty {
                #expect(output.count == rows.count, "\(cli.stdout)\(cli.stderr)")
            } else {
                #expect(output.count == expected.count, "\(expected)\n\(cli.stdout)\(cli.stderr)")
                for id in expected { #expect(output.contains { $0.contains("I" + id) }, "\(id)\n\(cli.stdout)\(cli.stderr)") }
            }
        }
    }
}
