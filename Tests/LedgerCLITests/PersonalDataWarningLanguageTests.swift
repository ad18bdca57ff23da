import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// What reports say of `private/` when it cannot give a value (review M18 #8): in the reader's language, like every
/// other message — `--lang zh` in Chinese (with “ ” quotes, no English sentence), English otherwise — and the
/// notice of an interrupted erasure completed by `append`.
@Suite struct PersonalDataWarningLanguageTests {
    typealias P = PersonalDataCommandTests

    func prepared() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: P.events) == 0, "\(cli.stderr)")
        return cli
    }

    /// Each state of `private/`, with what `contracts` warns in English and in Chinese.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Brings `private/` (at the path given) into the state; the ledger path is the second argument.
        let make: @Sendable (String, String) throws -> Void
        let en: [String]
        let zh: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a damaged entry", make: { ledger, zhang in
            let entry = ledger + "/private/" + zhang
            let text = try String(contentsOfFile: entry, encoding: .utf8).replacingOccurrences(of: "张三", with: "张四")
            try PosixFile.writeAtomically(Array(text.utf8), to: entry)
        }, en: ["/private/{zhang} is damaged (not an entry of ledger-personal/v1 that opens its commitment)",
                "warning: 1 personal value named by the records is not in private/ and was not erased; it is shown as （个人信息缺失）."],
           zh: ["警告：", "/private/{zhang} 已损坏（不是能打开其承诺值的 ledger-personal/v1 条目）",
                "警告：记录中有 1 个个人信息值不在 private/ 中，也没有依法删除过，显示为（个人信息缺失）。请从本账本的备份恢复 private/（日志及其证明不受影响）。"]),
        Case(name: "private/ missing", make: { ledger, _ in try FileManager.default.removeItem(atPath: ledger + "/private") },
             en: ["personal value", "named by the records", "not in the missing private/"],
             zh: ["个人信息值不在缺失的 private/ 中"]),
        Case(name: "private/ a link", make: { ledger, _ in
            try FileManager.default.moveItem(atPath: ledger + "/private", toPath: ledger + "/../elsewhere")
            try FileManager.default.createSymbolicLink(atPath: ledger + "/private", withDestinationPath: ledger + "/../elsewhere")
        }, en: ["/private is a symbolic link, not a directory; it is not read"],
           zh: ["/private 是符号链接，不是目录；不读取它"]),
        Case(name: "an interrupted erasure", make: { ledger, zhang in
            let marker = #"{"actor":"dpo","data":{"commitments":["\#(zhang)"],"legal_basis":"b","reason":"r"},"id":"pd-erased-test","occurred_on":"2026-01-05","type":"personal_data.erased"}"# + "\n"
            try PosixFile.writeAtomically(Array(marker.utf8), to: ledger + "/private/erasure.pending")
        }, en: ["warning: an erasure of personal data was interrupted; run `ledger erase-personal --resume` to complete it (its values are shown as erased)."],
           zh: ["警告：一次个人信息的删除被中断了；请运行“ledger erase-personal --resume”完成它（其中的值显示为已删除）。"]),
    ]

    @Test(arguments: cases)
    func warningsInTheReadersLanguage(_ c: Case) throws {
        let cli = prepared()
        let zhang = P.commitment(in: cli, seq: 5)
        try c.make(cli.ledgerPath, zhang)
        #expect(cli.run(["contracts", "--as-of", "2024-06-30"]) == 0)
        let english = cli.stderr
        for fragment in c.en { #expect(english.contains(fragment.replacingOccurrences(of: "{zhang}", with: zhang)), "\(english)") }
        #expect(!english.contains("警告"), "\(english)")
        #expect(cli.run(["contracts", "--as-of", "2024-06-30", "--lang", "zh"]) == 0)
        let chinese = cli.stderr
        for fragment in c.zh { #expect(chinese.contains(fragment.replacingOccurrences(of: "{zhang}", with: zhang)), "\(chinese)") }
        #expect(!chinese.contains("warning:") && !chinese.contains(" is ") && !chinese.contains("named by"), "no English sentence: \(chinese)")
        #expect(chinese.split(separator: "\n").allSatisfy { $0.hasPrefix("警告：") }, "\(chinese)")
    }

    /// `append` completes an interrupted erasure and says so in the reader's language.
    @Test func theResumedErasureNoticeInChinese() throws {
        let cli = prepared()
        let zhang = P.commitment(in: cli, seq: 5)
        let marker = #"{"actor":"dpo","data":{"commitments":["\#(zhang)"],"legal_basis":"b","reason":"r"},"id":"pd-erased-test","occurred_on":"2026-01-05","type":"personal_data.erased"}"# + "\n"
        try PosixFile.writeAtomically(Array(marker.utf8), to: cli.ledgerPath + "/private/erasure.pending")
        let line = #"{"id":"i3","type":"fund.income","occurred_on":"2024-07-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"物业","voucher":"SJ-3","category":"other"}}"#
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: line + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains("注意：已完成被中断的删除 pd-erased-test：追加了第 10 条记录"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("notice:"), "\(cli.stderr)")
    }

    /// A damaged marker refuses the append in Chinese too, and the ledger is left as it was.
    @Test func aDamagedMarkerRefusesInChinese() throws {
        let cli = prepared()
        try PosixFile.writeAtomically(Array("not json\n".utf8), to: cli.ledgerPath + "/private/erasure.pending")
        let before = TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath))
        let line = #"{"id":"i3","type":"fund.income","occurred_on":"2024-07-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"物业","voucher":"SJ-3","category":"other"}}"#
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: line + "\n") != 0)
        #expect(cli.stderr.contains("private/erasure.pending 已损坏（") && cli.stderr.contains("请对同样的对象再运行一次“ledger erase-personal”，然后删除该文件。"),
                "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") != 0)
        #expect(cli.stderr.contains("private/erasure.pending is damaged ("), "\(cli.stderr)")
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)) == before)
    }
}
