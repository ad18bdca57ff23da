import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 31c #5: a person's value with a control character, a line break or a space at an end
/// (`{"person":"张三\r\n"}`) was committed beside `张三` as a second person, and `erase-personal --subject 张三`
/// missed it. The door now holds a person's text — in `{"person": …}` and in a field that may name a person,
/// which `--private` commits — to the name rule (EventInput+Names.swift); a record already in the log is as before.
@Suite struct PersonTextDoorTests {
    static func income(_ counterparty: String, voucher: String) -> String {
        #"{"type":"fund.income","occurred_on":"2024-05-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":\#(counterparty),"voucher":"\#(voucher)","category":"租金"}}"#
    }

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        return cli
    }

    func state(_ cli: CLIHarness) throws -> [[UInt8]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: cli.ledgerPath + "/private")) ?? []).sorted()
        return try [PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()] + names.map { Array($0.utf8) }
    }

    /// A person's text refused, and the words its English message must hold.
    struct Refused: Sendable, CustomStringConvertible {
        let text: String
        let en: String
        var description: String { DisplayText.visible(text) }
    }

    static let refused: [Refused] = [
        Refused(text: "张三\r\n", en: #""张三<U+000D><U+000A>" ends with a line break <U+000A>"#),
        Refused(text: " 张三", en: #""<U+0020>张三" begins with a space <U+0020>"#),
        Refused(text: "张三 ", en: #""张三<U+0020>" ends with a space <U+0020>"#),
        Refused(text: "张三\t", en: "ends with a control character <U+0009>"),
        Refused(text: "张\u{1}三", en: #""张<U+0001>三" holds a control character <U+0001>"#),
        Refused(text: "张\n三", en: "holds a line break <U+000A>"),
        Refused(text: "张三\u{200B}", en: "ends with the invisible character <U+200B>"),
        Refused(text: "\u{200B}", en: "has no visible character"),
    ]

    /// In `{"person": …}`, as the plain text `--private` commits and as plain text recorded as written: refused
    /// naming the field, the value made visible, why (a plain value is not said to be committed) and what is
    /// allowed, in both languages; nothing written, nothing kept in `private/`.
    @Test(arguments: refused)
    func aPersonsTextWithAHiddenCharacterIsRefused(_ bad: Refused) throws {
        let cli = ledger()
        let before = try state(cli)
        let quoted = CanonicalJSON.string(.string(bad.text))
        // Why it matters, said as it is: `{"person": …}` is committed; a plain value is committed only under
        // `--private` (and recorded as written without it), so its words say only that --private would commit it.
        let committed = (en: "a person is committed and found (erase-personal --subject) by this exact text", zh: "个人按这段文字逐字生成承诺值、逐字查找")
        let inClear = (en: "a person is found (erase-personal --subject) by this exact text, and --private would commit it as written, so it would be another person than",
                       zh: "查找个人（erase-personal --subject）按这段文字逐字比对，用 --private 时也按它逐字生成承诺值，它会成为与")
        let forms: [(arguments: [String], line: String, field: String, why: (en: String, zh: String))] = [
            ([], Self.income(#"{"person":\#(quoted)}"#, voucher: "V-1"), "data.counterparty.person", committed),
            (["--private", "counterparty"], Self.income(quoted, voucher: "V-1"), "data.counterparty", inClear),
            ([], Self.income(quoted, voucher: "V-1"), "data.counterparty", inClear),
        ]
        for form in forms {
            #expect(cli.run(["append", "--actor", "clerk"] + form.arguments, stdin: form.line + "\n") == 2, "\(form.field) \(bad)")
            #expect(cli.stderr.contains("stdin:1: field \"\(form.field)\""), "\(form.field) \(bad): \(cli.stderr)")
            #expect(cli.stderr.contains(bad.en), "\(form.field) \(bad): \(cli.stderr)")
            // Why, where there is something visible to be another person than.
            let why = !bad.en.contains("has no visible character")
            #expect(!why || cli.stderr.contains(form.why.en), "\(cli.stderr)")
            #expect(form.why == committed || !cli.stderr.contains("is committed"), "\(cli.stderr)")
            #expect(cli.stderr.contains("allowed: visible characters"), "\(cli.stderr)")
            #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"] + form.arguments, stdin: form.line + "\n") == 2)
            #expect(cli.stderr.contains("字段“\(form.field)”") && (!why || cli.stderr.contains(form.why.zh)), "\(cli.stderr)")
            #expect(try state(cli) == before, "\(form.field) \(bad)")
        }
    }

    /// The reviewer's case: `张三` is recorded, `张三\r\n` is refused, so erasing 张三 leaves nobody behind.
    @Test func erasingAPersonFindsEveryRecordOfThem() throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.income(#"{"person":"张三"}"#, voucher: "V-1") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.income(#"{"person":"张三\r\n"}"#, voucher: "V-2") + "\n") == 2)
        // Names with a space between words are people too.
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.income(#"{"person":"Zhang San"}"#, voucher: "V-3") + "\n") == 0, "\(cli.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.ledgerPath + "/private")
        // The entries (named by their commitment), not `entries.index` beside them (issue 11).
        #expect(names.filter { $0.utf8.count == 64 }.count == 2, "\(names)")
    }
}
