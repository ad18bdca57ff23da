import Foundation
@testable import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// What a ledger directory holds, for "a refused command leaves it as it was": every folder and every file with
/// its bytes, except `lock` (opened by every writer) and `index/` (derived state, which any command may build).
enum DirectorySnapshot {
    static func of(_ path: String) -> [String: [UInt8]?] {
        var out: [String: [UInt8]?] = [:]
        let names = FileManager.default.enumerator(atPath: path)
        while let name = names?.nextObject() as? String {
            guard name != "lock", name != "index", !name.hasPrefix("index/") else { continue }
            // Derived like index/ (ledger-spec 10.3): a writer refreshes private/entries.index even when it refuses.
            guard name != "private/entries.index", !name.hasPrefix("private/.entries.index.tmp-") else { continue }
            // Derived too (docs/private52.md): a writer makes private/names.index when it reads kept names.
            guard name != "private/names.index", !name.hasPrefix("private/.names.index.tmp-") else { continue }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
            out[name] = isDirectory.boolValue ? .some(nil) : FileManager.default.contents(atPath: path + "/" + name).map { Array($0) }
        }
        return out
    }
}

/// An option that takes a value never takes the next option as its value: `--reason --dry-run` (the reason
/// forgotten) once erased for real with the reason "--dry-run", and `--actor --json` recorded the actor "--json".
/// Refused as a missing value, naming the `--NAME=--…` form for a value that does begin with `--`, before anything
/// is done; the ledger stays byte for byte as it was.
@Suite struct OptionValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let option: String
        let next: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["erase-personal", "--subject", "张三", "--actor", "dpo", "--reason", "--dry-run"], option: "reason", next: "--dry-run"),
        Case(arguments: ["erase-personal", "--subject", "张三", "--actor", "dpo", "--reason", "本人申请删除", "--request-ref", "--dry-run"],
             option: "request-ref", next: "--dry-run"),
        Case(arguments: ["erase-personal", "--subject", "--dry-run", "--actor", "dpo", "--reason", "本人申请删除"], option: "subject", next: "--dry-run"),
        Case(arguments: ["append", "--file", "in.jsonl", "--actor", "--json"], option: "actor", next: "--json"),
        Case(arguments: ["append", "--file", "in.jsonl", "--actor", "--expect-seq", "9"], option: "actor", next: "--expect-seq"),
        Case(arguments: ["append", "--file", "--", "--actor", "clerk"], option: "file", next: "--"),
        Case(arguments: ["log", "--from", "--json"], option: "from", next: "--json"),
    ]

    static let income = #"{"id":"vx","type":"fund.income","occurred_on":"2024-06-25","data":{"fund_id":"F-1","amount_fen":1,"counterparty":"a","voucher":"v","category":"parking"}}"#

    @Test(arguments: cases)
    func aValueOptionFollowedByAnOptionIsRefusedAndNothingChanges(_ c: Case) throws {
        let cli = PersonalDataCommandTests().prepared()
        try PosixFile.writeAtomically(Array((Self.income + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        let before = DirectorySnapshot.of(cli.ledgerPath)
        #expect(cli.run(c.arguments) == 2, "\(cli.stdout)")
        #expect(cli.stderr.hasPrefix("error: --\(c.option) needs a value"), "\(cli.stderr)")
        #expect(cli.stderr.contains("\"\(c.next)\"") && cli.stderr.contains("--\(c.option)=--…"), "\(cli.stderr)")
        // `--lang` before the words: after a `--` every word is a value, `--lang` too.
        #expect(cli.run([c.arguments[0], "--lang", "zh"] + c.arguments.dropFirst()) == 2)
        #expect(cli.stderr.hasPrefix("错误：--\(c.option) 后面要跟一个值") && cli.stderr.contains("--\(c.option)=--…"), "\(cli.stderr)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before, "the ledger is left as it was")
    }

    /// The `=` form still takes a value that begins with `--`, and a lone `-` (standard input) is a value.
    @Test func theEqualsFormAndALoneDashAreValues() throws {
        let cli = PersonalDataCommandTests().prepared()
        #expect(cli.run(["erase-personal", "--subject", "张三", "--actor", "dpo", "--reason=--本人申请删除", "--dry-run"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("dry run: nothing was erased"))
        #expect(cli.run(["append", "--file", "-", "--actor", "clerk"], stdin: Self.income + "\n") == 0, "\(cli.stderr)")
        let parsed = try Arguments(["--actor", "-", "--reason=--x"], options: [SharedOptions.actor, .value("reason", "TEXT", en: "r", zh: "r")],
                                   command: "t")
        #expect(parsed.value("actor") == "-" && parsed.value("reason") == "--x")
    }
}
