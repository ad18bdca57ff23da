import Foundation
import LedgerChain
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// What `ledger erase-personal` writes into the log for ever: the reason must not name the person erased
/// (ledger-spec.md 10.2) — compared as the store compares subjects, also for a subject given as its commitment —
/// and no free text of the record may hold a control character or a line break (refused as the door refuses them
/// in `actor`). Refused with exit 2, a dry run too, the ledger and private/ left byte for byte as they were.
@Suite struct ErasureRecordTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let options: [String]
        /// What the English message says first, after "error: nothing was erased:\n  " or "error: ".
        let says: String
        let saysZh: String
        var testDescription: String { options.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(options: ["--subject", "张三", "--reason", "张三本人申请删除"], says: "--reason names the person being erased", saysZh: "--reason 写出了要删除的人"),
        Case(options: ["--subject", "张三", "--reason", "本人申请", "--request-ref", "张三-2026-1"], says: "--request-ref names the person being erased",
             saysZh: "--request-ref 写出了要删除的人"),
        Case(options: ["--subject", "COMMITMENT", "--reason", "应张三本人申请"], says: "--reason names the person being erased", saysZh: "--reason 写出了要删除的人"),
        Case(options: ["--subject", "张三", "--reason", "本人申请\n删除"], says: "--reason holds a control character or a line break (U+000A)",
             saysZh: "--reason 含有控制字符或换行（U+000A）"),
        Case(options: ["--subject", "张三", "--reason", "本人申请", "--request-ref", "PIPL\r\n-1"], says: "--request-ref holds a control character or a line break (U+000D)",
             saysZh: "--request-ref 含有控制字符或换行（U+000D）"),
        Case(options: ["--subject", "张三", "--reason", "本人申请\u{2028}删除"], says: "--reason holds a control character or a line break (U+2028)",
             saysZh: "--reason 含有控制字符或换行（U+2028）"),
        Case(options: ["--subject", "张三", "--reason", "本人申请", "--basis", "第四十七条\t"], says: "--basis holds a control character or a line break (U+0009)",
             saysZh: "--basis 含有控制字符或换行（U+0009）"),
    ]

    @Test(arguments: cases, [false, true])
    func aReasonNamingThePersonOrBreakingTheLineIsRefused(_ c: Case, dryRun: Bool) throws {
        let cli = PersonalDataCommandTests().prepared()
        let zhang = PersonalDataCommandTests.commitment(in: cli, seq: 5)
        let options = c.options.map { $0 == "COMMITMENT" ? zhang : $0 } + (dryRun ? ["--dry-run"] : [])
        let before = DirectorySnapshot.of(cli.ledgerPath)
        #expect(cli.run(["erase-personal", "--actor", "dpo"] + options) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains(c.says), "\(cli.stderr)")
        #expect(cli.run(["erase-personal", "--actor", "dpo", "--lang", "zh"] + options) == 2)
        #expect(cli.stderr.contains(c.saysZh), "\(cli.stderr)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before, "the ledger and private/ are left as they were")
    }

    /// Review of private50 #6: `DirectorySnapshot` passes over `private/entries.index`; a refused erasure and its dry
    /// run leave every file of `private/` — the index too — byte for byte (erase-personal reads it, never writes it).
    @Test(arguments: [false, true])
    func aRefusedErasureLeavesTheIndexAsItWas(dryRun: Bool) throws {
        let cli = PersonalDataCommandTests().prepared()
        let folder = cli.ledgerPath + "/private"
        func everyFile() -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                out[name] = FileManager.default.contents(atPath: folder + "/" + name).map { Array($0) }
            }
            return out
        }
        // A writer after the one that wrote the entries keeps the index (the CLI's append reads private/ this way).
        _ = PrivateStore.readForWriter(try LedgerDirectory.open(cli.ledgerPath), notice: nil, margin: 0)
        let before = everyFile()
        #expect(before["entries.index"] != nil, "the prepared ledger keeps an index: \(before.keys.sorted())")
        let options = ["--subject", "张三", "--reason", "张三本人申请删除"] + (dryRun ? ["--dry-run"] : [])
        #expect(cli.run(["erase-personal", "--actor", "dpo"] + options) == 2, "\(cli.stdout)")
        #expect(everyFile() == before, "private/ and its entries.index are left as they were")
    }

    /// The same words without the name, on one line, are recorded.
    @Test func aReasonWithoutTheNameIsRecorded() throws {
        let cli = PersonalDataCommandTests().prepared()
        #expect(cli.run(["erase-personal", "--actor", "dpo", "--subject", "张三", "--reason", "本人申请删除", "--request-ref", "PIPL-1"]) == 0,
                "\(cli.stderr)")
        #expect(cli.run(["log", "--raw", "--from", "10"]) == 0)
        #expect(cli.stdout.contains(#""reason":"本人申请删除","request_ref":"PIPL-1""#), "\(cli.stdout)")
    }
}
