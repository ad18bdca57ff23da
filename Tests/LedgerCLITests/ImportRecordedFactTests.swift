import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 37a: a fact import compares a row with what the ledger holds by what the values mean (a category word
/// and its code are one value), a refusal names the event a correction must name (the original, not a correction
/// of it), and the decisions file takes the headings every other table writes (资产编号, 合同编号).
@Suite struct ImportRecordedFactTests {
    static let base = """
    {"id":"c1","type":"community.registered","occurred_on":"2025-01-02","data":{"community_id":"C-1","name":"碧水苑","street":"东城街道办事处","residents_committee":"碧水社区居委会","total_area_m2":"10000","total_owners":100}}
    {"id":"f1","type":"fund.opened","occurred_on":"2025-01-02","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"农商银行 6230-0001 碧水苑公共收益"}}
    {"id":"f2","type":"fund.opened","occurred_on":"2025-01-02","data":{"fund_id":"F-2","community_id":"C-1","kind":"maintenance","account":"建设银行 3702-0002 碧水苑维修资金"}}
    {"id":"a1","type":"asset.registered","occurred_on":"2025-01-02","data":{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"地面车位","location":"东门","area_m2":"12.50","registered_on":"2025-01-02","source":{"kind":"manual"}}}
    {"id":"k1","type":"contract.signed","occurred_on":"2025-01-20","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"东城停车管理有限公司","purpose":"地面车位经营","start_on":"2025-03-01","end_on":"2026-02-28","rent_fen":60000,"rent_period":"month"}}

    """

    static func income(_ id: String, category: String, amount: String = "600", voucher: String = "SJ-1") -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"2025-02-01","data":{"fund_id":"F-1","amount":"\#(amount)","counterparty":"东城停车管理有限公司","voucher":"\#(voucher)","category":"\#(category)"}}"#
    }

    static func correction(_ id: String, of target: String, income: String) -> String {
        let data = income.range(of: #""data":"#).map { String(income[$0.upperBound...].dropLast()) }!
        return #"{"id":"\#(id)","type":"correction","occurred_on":"2025-02-03","data":{"corrects":"\#(target)","reason":"录入有误","replacement":{"type":"fund.income","occurred_on":"2025-02-01","data":\#(data)}}}"#
    }

    static let contractCorrection = #"{"id":"cor-k","type":"correction","occurred_on":"2025-02-03","data":{"corrects":"k1","reason":"租金","replacement":{"type":"contract.signed","occurred_on":"2025-01-20","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"东城停车管理有限公司","purpose":"地面车位经营","start_on":"2025-03-01","end_on":"2026-02-28","rent_fen":70000,"rent_period":"month"}}}}"#

    static let incomeHeader = "日期,账户编号,金额,付款方,凭证号,类别\n"

    func ledger(_ records: [String]) -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.base) == 0, "\(cli.stderr)")
        // One append each, as a clerk records them (the later ones are checked against the stored state).
        for record in records { #expect(cli.run(["append", "--actor", "clerk"], stdin: record + "\n") == 0, "\(cli.stderr)") }
        return cli
    }

    func importFile(_ cli: CLIHarness, kind: String, _ text: String, _ extra: [String] = []) throws -> Int32 {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/\(kind).csv")
        return cli.run(["import", kind, cli.temp.path + "/\(kind).csv", "--actor", "clerk"] + extra)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let recorded: [String]
        let kind: String
        let file: String
        var testDescription: String { name }
    }

    /// The row states the recorded fact: nothing is imported and nothing refused.
    static let sameFacts: [Case] = [
        Case(name: "a category appended as a word, imported as a code",
             recorded: [income("i1", category: "停车费")], kind: "income",
             file: incomeHeader + "2025-02-01,F-1,600,东城停车管理有限公司,SJ-1,停车费\n"),
        Case(name: "an alias appended, the code written in the file",
             recorded: [income("i1", category: "停车")], kind: "income",
             file: incomeHeader + "2025-02-01,F-1,600,东城停车管理有限公司,SJ-1,parking\n"),
        Case(name: "a spending purpose appended as a word",
             recorded: [#"{"id":"s1","type":"fund.spending","occurred_on":"2025-03-01","data":{"fund_id":"F-2","amount":"5000","counterparty":"某防水工程有限公司","voucher":"FP-1","purpose":"屋顶防水","purpose_category":"维修"}}"#],
             kind: "spending",
             file: "日期,账户编号,金额,收款方,凭证号,用途,支出类别\n2025-03-01,F-2,5000,某防水工程有限公司,FP-1,屋顶防水,维修费\n"),
        Case(name: "a correction's replacement written in Chinese",
             recorded: [income("i1", category: "广告"), correction("cor-5", of: "i1", income: income("x", category: "停车费"))],
             kind: "income", file: incomeHeader + "2025-02-01,F-1,600,东城停车管理有限公司,SJ-1,停车费\n"),
    ]

    @Test(arguments: sameFacts) func aWordAndItsCodeAreOneValue(_ c: Case) throws {
        let cli = ledger(c.recorded)
        let before = try cli.logBytes()
        #expect(try importFile(cli, kind: c.kind, c.file, ["--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try importFile(cli, kind: c.kind, c.file) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("Nothing to import"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let recorded: [String]
        let kind: String
        let file: String
        let en: [String]
        let zh: [String]
        var testDescription: String { name }
    }

    /// A changed row is refused naming what changed, and the advice names the original event, which a correction
    /// may name (a correction of a correction is refused).
    static let refusals: [Refusal] = [
        Refusal(name: "a payment whose recorded form is a correction's replacement",
                recorded: [income("i1", category: "停车费"), correction("cor-5", of: "i1", income: income("x", category: "停车费", amount: "700"))],
                kind: "income", file: incomeHeader + "2025-02-01,F-1,600,东城停车管理有限公司,SJ-1,停车费\n",
                en: ["(record #7 cor-5, a correction of i1) with other values: amount (yuan) 700.00 → 600.00.", "with a correction naming i1,"],
                zh: ["（记录 #7 cor-5，即对 i1 的更正），内容不同：金额（元） 700.00 → 600.00。", "请用一条指明 i1 的更正改正已记录的款项"]),
        Refusal(name: "a category still compared by its code",
                recorded: [income("i1", category: "停车费")],
                kind: "income", file: incomeHeader + "2025-02-01,F-1,600,东城停车管理有限公司,SJ-1,广告\n",
                en: [#"category "parking" → "advertising""#, "with a correction naming i1,"],
                zh: [#"类别 "parking" → "advertising""#, "请用一条指明 i1 的更正"]),
        Refusal(name: "a contract corrected once",
                recorded: [contractCorrection], kind: "contracts",
                file: "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,签订日期\n"
                    + "K-1,C-1,A-1,东城停车管理有限公司,地面车位经营,2025-03-01,2026-02-28,600,月,2025-01-20\n",
                en: ["(record #6 cor-k, a correction of k1)", "(`ledger append` a correction naming k1)"],
                zh: ["（记录 #6 cor-k，即对 k1 的更正）", "追加一条指明 k1 的更正"]),
        Refusal(name: "a voucher without its leading zeros, recorded by a correction",
                recorded: [income("i1", category: "停车费", voucher: "00123"),
                           correction("cor-5", of: "i1", income: income("x", category: "停车费", amount: "700", voucher: "00123"))],
                kind: "income", file: incomeHeader + "2025-02-01,F-1,700,东城停车管理有限公司,123,停车费\n",
                en: ["(record #7 cor-5) without its leading zeros", "(if the recorded one is wrong, correct i1)"],
                zh: ["已记录的有误时，请更正 i1"]),
    ]

    @Test(arguments: refusals) func aRefusalNamesTheOriginalEvent(_ c: Refusal) throws {
        let cli = ledger(c.recorded)
        let before = try cli.logBytes()
        #expect(try importFile(cli, kind: c.kind, c.file, ["--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        for text in c.en { #expect(cli.stdout.contains(text), "\(text)\n\(cli.stdout)") }
        #expect(!cli.stdout.contains("naming cor-") && !cli.stdout.contains("correct cor-"), "\(cli.stdout)")
        #expect(try importFile(cli, kind: c.kind, c.file, ["--dry-run", "--lang", "zh"]) == 2, "\(cli.stdout)\(cli.stderr)")
        for text in c.zh { #expect(cli.stdout.contains(text), "\(text)\n\(cli.stdout)") }
        #expect(!cli.stdout.contains("指明 cor-") && !cli.stdout.contains("请更正 cor-"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    /// The append-side refusal of a correction of a correction names the original event too (checked against the
    /// stored state first, which cannot tell it: the whole log is read).
    @Test func correctingACorrectionNamesTheOriginal() throws {
        let cli = ledger([Self.income("i1", category: "停车费"),
                          Self.correction("cor-5", of: "i1", income: Self.income("x", category: "停车费", amount: "700"))])
        let before = try cli.logBytes()
        let again = #"{"id":"cor-6","type":"correction","occurred_on":"2025-02-04","data":{"corrects":"cor-5","reason":"金额"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: again + "\n") != 0)
        #expect(cli.stderr.contains(#""cor-5" is itself a correction (of "i1"); to change it, record another correction naming the original event "i1""#),
                "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: again + "\n") != 0)
        #expect(cli.stderr.contains("“cor-5”本身就是一条更正（更正的是“i1”）；要改它，请对原事件“i1”再记一条更正"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// 授权资产编号 and 授权合同编号 head the decision's authorised assets and contract, beside 授权资产 and 授权合同.
    @Test(arguments: [("授权资产编号", "授权合同编号"), ("授权资产", "授权合同"), ("资产编号", "合同编号")])
    func decisionHeadingsOfTheOtherTables(assets: String, contract: String) throws {
        let cli = ledger([])
        let file = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数,\(assets),\(contract),授权用途,有效期至\n"
            + "D-1,C-1,2025-02-10,改变用途或经营,8000,80,7000,70,A-1,K-1,车位经营,2026-12-31\n"
        #expect(try importFile(cli, kind: "decisions", file) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("\(assets) → authorises.asset_ids") && cli.stdout.contains("\(contract) → authorises.contract_id"),
                "\(cli.stdout)")
        #expect(cli.run(["log", "--json", "--type", "decision.recorded"]) == 0)
        #expect(cli.stdout.contains(#""asset_ids":["A-1"]"#) && cli.stdout.contains(#""contract_id":"K-1""#), "\(cli.stdout)")
    }
}
