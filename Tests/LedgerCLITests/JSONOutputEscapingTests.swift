import Foundation
import LedgerCLI
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// JSON printed for people (reports, `--json` of commands) carries no raw C1 control, DEL, bidi override or line
/// separator: they are written as \uXXXX, which every JSON parser reads back as the same value. The canonical
/// bytes of records (ledger-spec.md section 2) and `ledger log --json`, which prints them, keep them as they are.
@Suite struct JSONOutputEscapingTests {
    /// Every scalar a terminal could be driven or reordered by that JSON's own escapes (C0 only) let through.
    static let unsafe: [Unicode.Scalar] = ["\u{7F}", "\u{85}", "\u{9B}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2028}", "\u{2029}"]
    static let name = "海韵\u{9B}31m\u{202E}小区\u{7F}\u{85}\u{2028}\u{2066}x\u{2069}\u{2029}"

    static func expectNoRawUnsafe(_ text: String, _ label: String) {
        for scalar in unsafe {
            #expect(!text.unicodeScalars.contains(scalar), "\(label) holds U+\(String(scalar.value, radix: 16, uppercase: true)) raw")
        }
    }

    /// True when some string in `value` equals `text`.
    static func contains(_ value: JSONValue, _ text: String) -> Bool {
        switch value {
        case .string(let s): return s == text
        case .array(let items): return items.contains { contains($0, text) }
        case .object(let members): return members.values.contains { contains($0, text) }
        default: return false
        }
    }

    /// CoreCommandTests' events with community C1 named `name`.
    static let events = CoreCommandTests.events.replacingOccurrences(of: "海韵小区", with: CanonicalJSON.string(.string(name)).dropFirst().dropLast())

    /// A ledger whose log holds `events`, written past the door: `ledger append` now refuses such a name
    /// (EventInput+Names.swift), but a log written before that rule holds it, and every output must still be safe.
    static func prepared() throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: events) == 2, "the door refuses the name")
        try cli.writeBeforeTheRule(events.split(separator: "\n").map(String.init))
        return cli
    }

    @Test("report JSON escapes C1, DEL, bidi controls and line separators, and parses back to the stored value",
          arguments: [["balances", "--format", "json"], ["assets", "--format", "json"], ["show", "C1", "--format", "json"],
                      ["rectify", "--format", "json"], ["contracts", "--format", "json"], ["decisions", "--format", "json"]])
    func reportsEscape(_ command: [String]) throws {
        let cli = try Self.prepared()
        #expect(cli.run(command) == 0, "\(cli.stderr)")
        Self.expectNoRawUnsafe(cli.stdout, "\(command)")
        let parsed = try JSONParser.parse(cli.stdout)
        if command[0] == "show" || command[0] == "rectify" {
            #expect(Self.contains(parsed, Self.name), "\(command): the value is unchanged: \(cli.stdout)")
        }
    }

    @Test("import --json escapes a bad cell it quotes; log --json and the log keep the stored bytes")
    func commandJSONEscapesButLogKeepsBytes() throws {
        let cli = try Self.prepared()
        let register = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C1,车位,\(Self.name),东门,12.5\(Self.name),2024/3/1\n"
        FileManager.default.createFile(atPath: cli.temp.path + "/reg.csv", contents: Data(register.utf8))
        #expect(cli.run(["import", "assets", "reg.csv", "--dry-run", "--json"]) == 2)
        Self.expectNoRawUnsafe(cli.stdout, "import --json")
        #expect(try JSONParser.parse(cli.stdout)["rows"] != nil || !cli.stdout.isEmpty)
        #expect(cli.stdout.contains("\\u009b") && cli.stdout.contains("\\u202e"), "\(cli.stdout)")
        for command in [["verify", "--json"], ["append", "--json"]] {
            #expect(cli.run(command, stdin: Self.events) == 0, "\(cli.stderr)")
            Self.expectNoRawUnsafe(cli.stdout, "\(command)")
        }
        #expect(cli.run(["log", "--json"]) == 0)
        let stored = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        #expect(cli.stdoutBytes == stored, "log --json prints the stored bytes exactly")
        #expect(String(decoding: stored, as: UTF8.self).unicodeScalars.contains("\u{202E}"), "the canonical form keeps them raw")
    }

    @Test("the canonical form is unchanged; the display form differs only in these escapes")
    func canonicalAndDisplayForms() throws {
        let value: JSONValue = .object(["name": .string(Self.name), "tab": .string("a\tb\u{1B}")])
        let canonical = CanonicalJSON.string(value)
        #expect(canonical == "{\"name\":\"\(Self.name)\",\"tab\":\"a\\tb\\u001b\"}")
        let display = CanonicalJSON.string(value, escaping: .display)
        Self.expectNoRawUnsafe(display, "display")
        #expect(display == #"{"name":"海韵\u009b31m\u202e小区\u007f\u0085\u2028\u2066x\u2069\u2029","tab":"a\tb\u001b"}"#)
        #expect(try JSONParser.parse(display) == value)
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension JSONOutputEscapingTests {
    @Test("check-proof shows a record's names and data without raw C1 or bidi controls, quoting them exactly")
    func checkProofOutputIsNeutralised() throws {
        let cli = try JSONOutputEscapingTests.prepared()
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp.txt"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["prove", "1", "--checkpoint", "cp.txt", "--out", "p.json"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["check-proof", "p.json", "--pubkey", "office.key.pub"], addLedger: false) == 0, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stdout, "check-proof")
        #expect(cli.stdout.contains(#"\u202e"#), "the value is shown exactly, escaped: \(cli.stdout)")
    }

    @Test("witness cosign and status show a checkpoint's origin without raw bidi controls")
    func witnessOutputIsNeutralised() throws {
        let cli = WitnessCommandTests().prepared()
        let office = try SignerKey(fileBytes: PosixFile(path: cli.temp.path + "/office.key", mode: .read).readAll(), file: "office.key")
        let origin = "badaguan\u{202E}live\u{2066}x"
        #expect(Checkpoint.isValidOrigin(origin), "a checkpoint may carry such an origin")
        let note = Checkpoint(origin: origin, size: 1, root: Digest32(hex: String(repeating: "ab", count: 32))!,
                              head: Digest32(hex: String(repeating: "cd", count: 32))!,
                              time: Timestamp(rfc3339: "2026-01-05T00:00:00Z")!).signed(by: [office])
        FileManager.default.createFile(atPath: cli.temp.path + "/evil.txt", contents: Data(note))
        #expect(cli.run(["witness", "cosign", "evil.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--out", "evil-w.txt"],
                        addLedger: false) == 0, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stdout, "witness cosign")
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 0, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stdout, "witness status")
        #expect(cli.stdout.contains(#"\u202e"#), "the origin is shown exactly, escaped: \(cli.stdout)")
    }
}
