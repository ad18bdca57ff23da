import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 45: the part twin rule compares texts canonically (`String ==`, Unicode NFC), and so do the new parts'
/// fingerprints (`RegisterTwins.Fingerprint`). Until then they hashed the texts' bytes: `import assets` from the
/// stored state, whose first reading of the file plans the rows against an empty register and keeps that plan unless
/// a new part repeats a recorded one (`RegisterTwins.repeatsAny`, by fingerprint), kept the plan for a row repeating a
/// recorded part written once precomposed (`é`, U+00E9) and once decomposed (`e` + U+0301), and imported the twin the
/// whole log refuses; and two rows of one file so written were two parts.
@Suite struct PartTwinCanonicalTests {
    static let composed = "车位\u{E9}"
    static let decomposed = "车位e\u{301}"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The name and location of the part appended first (nil: none), and the register's rows' (id, name, location).
        let recorded: (name: String, location: String)?
        let rows: [(id: String, name: String, location: String)]
        /// What the refusal names (empty: imported).
        var refused: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "recorded precomposed, row decomposed", recorded: (composed, "3号楼"), rows: [("A-HY-T2", decomposed, "3号楼")],
             refused: ["registers a part the ledger already holds under another id (asset A-HY-T1"]),
        Case(name: "recorded decomposed, row precomposed", recorded: (decomposed, "3号楼"), rows: [("A-HY-T2", composed, "3号楼")],
             refused: ["registers a part the ledger already holds under another id (asset A-HY-T1"]),
        Case(name: "the location so written", recorded: ("车位甲", "门\u{E9}"), rows: [("A-HY-T2", "车位甲", "门e\u{301}")],
             refused: ["registers a part the ledger already holds under another id (asset A-HY-T1"]),
        Case(name: "the same bytes", recorded: (composed, "3号楼"), rows: [("A-HY-T2", composed, "3号楼")],
             refused: ["registers a part the ledger already holds under another id (asset A-HY-T1"]),
        Case(name: "another letter is another part", recorded: (composed, "3号楼"), rows: [("A-HY-T2", "车位e", "3号楼")]),
        Case(name: "two rows so written", recorded: nil, rows: [("A-HY-T2", composed, "3号楼"), ("A-HY-T3", decomposed, "3号楼")],
             refused: ["of this file already registers under another id (A-HY-T2"]),
        Case(name: "two rows, another letter", recorded: nil, rows: [("A-HY-T2", composed, "3号楼"), ("A-HY-T3", "车位e", "3号楼")]),
    ]

    /// Each case imported (a dry run) from the stored state and from the whole log (`LEDGER_SCOPES=off`): one report,
    /// word for word, refusing the twin (the stored state's answer differed for the first three on main).
    @Test(arguments: cases)
    func canonicallyEqualTextsAreOneText(_ c: Case) throws {
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "街道办-王芳"
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        if let recorded = c.recorded {
            let line = #"{"id":"reg-A-HY-T1","type":"asset.registered","occurred_on":"2025-12-20","data":{"asset_id":"A-HY-T1","community_id":"C-HY","kind":"parking","name":"\#(recorded.name)","location":"\#(recorded.location)","area_m2":"10.00","registered_on":"2025-12-20","source":{"kind":"manual"}}}"#
            try PosixFile.writeAtomically(Array((line + "\n").utf8), to: cli.temp.path + "/in.jsonl")
            #expect(cli.run(["append", "--file", "in.jsonl"]) == 0, "\(cli.stderr)")
        }
        var csv = "编号,小区,类型,名称,位置,面积,登记日期\n"
        for row in c.rows { csv += "\(row.id),C-HY,车位,\(row.name),\(row.location),10.00,2025-12-31\n" }
        try PosixFile.writeAtomically(Array(csv.utf8), to: cli.temp.path + "/register.csv")
        var answers: [String] = []
        for scopes in [nil, "off"] as [String?] {
            cli.environment["LEDGER_SCOPES"] = scopes
            let status = cli.run(["import", "assets", cli.temp.path + "/register.csv", "--dry-run", "--lang", "en"])
            let output = cli.stdout + cli.stderr
            if c.refused.isEmpty {
                #expect(status == 0, "\(scopes ?? "stored state"): \(output)")
            } else {
                #expect(status != 0, "\(scopes ?? "stored state"): \(output)")
                for part in c.refused { #expect(output.contains(part), "\(scopes ?? "stored state"): \(part)\n\(output)") }
            }
            answers.append("\(status)\n\(cli.stdout)")
        }
        #expect(answers[0] == answers[1], "stored state:\n\(answers[0])\nwhole log:\n\(answers[1])")
    }
}
