import Testing
@testable import LedgerCLI
import LedgerReports
import LedgerEvents

/// `ledger log` for people and its raw forms; `ledger communities`.
@Suite struct ReadableOutputTests {
    @Test func logToStopsAtSeqInEveryFormAndTheTwoRawFormsExcludeEachOther() {
        let cli = QueryCommandTests.sampleLedger()
        for form in [[], ["--raw"], ["--json"]] {
            #expect(cli.run(["log", "--from", "3", "--to", "4"] + form) == 0)
            #expect(cli.stdout.split(separator: "\n").filter { !$0.hasPrefix("    ") }.count == 2, "\(form): \(cli.stdout)")
        }
        #expect(cli.run(["log", "--json", "--raw"]) == 2)
        #expect(cli.stderr.contains("--json and --raw are two forms of the log; give one."))
    }

    @Test func logMarksACorrectedRecordAndShowsYuan() {
        let cli = QueryCommandTests.sampleLedger()
        #expect(cli.run(["log", "--from", "41", "--to", "41"]) == 0)
        #expect(cli.stdout.contains("[replaced by #45]") && cli.stdout.contains("amount_fen 150000 (¥1,500.00)"))
        #expect(cli.run(["log", "--from", "41", "--to", "41", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("［已被#45更正］") && cli.stdout.contains("金额(amount_fen) 150000分（1,500.00元）"))
        #expect(cli.stdout.contains("类别(category) 租金"))
    }

    @Test func recordTextKeepsSpecNamesAndLabelsThemInChinese() {
        let data: [String: JSONValue] = ["fund_id": .string("F1"), "amount_fen": .integer(300_050), "category": .string("advertising"),
                                         "counterparty": .string("某公司"), "voucher": .string("V1")]
        #expect(RecordText.describe(type: "fund.income", data: data, .en)
                == "income: fund_id F1, amount_fen 300050 (¥3,000.50), counterparty 某公司, voucher V1, category advertising")
        #expect(RecordText.describe(type: "fund.income", data: data, .zh)
                == "收入：资金账户(fund_id) F1，金额(amount_fen) 300050分（3,000.50元），付款方(counterparty) 某公司，凭证(voucher) V1，类别(category) 广告费")
    }

    @Test func communitiesRefusesAnUnknownStreet() {
        let cli = QueryCommandTests.sampleLedger()
        #expect(cli.run(["communities", "--street", "无此街道", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：--street 无此街道：截至"))
    }

    @Test func initAppendAndVerifySpeakChinese() {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--lang", "zh"]) == 0)
        #expect(cli.stdout.hasPrefix("已在 ") && cli.stdout.contains("新建账本"))
        let event = #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"甲小区","street":"某街道","residents_committee":"某社区","total_area_m2":"1000.00","total_owners":10}}"#
        #expect(cli.run(["append", "--lang", "zh"], stdin: event + "\n") == 0)
        #expect(cli.stdout.hasPrefix("已追加 1 条记录：序号 1\n"))
        #expect(cli.run(["append", "--lang", "zh"], stdin: event + "\n") == 0)
        #expect(cli.stdout.contains("重复：id c1 已是第 1 条记录，内容完全相同；不再追加"))
        #expect(cli.run(["verify", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("状态：完好（intact）\n记录数：1\n"))
    }

    @Test func balancesByCategoryAddsUpTheWordsOfOneCategory() {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        let events = [
            #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"甲小区","street":"某街道","residents_committee":"某社区","total_area_m2":"1000.00","total_owners":10}}"#,
            #"{"id":"f1","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F1","community_id":"C1","kind":"public_income","account":"6222"}}"#,
            #"{"id":"i1","type":"fund.income","occurred_on":"2024-02-01","data":{"fund_id":"F1","amount_fen":100000,"counterparty":"甲公司","voucher":"V1","category":"advertising"}}"#,
            #"{"id":"i2","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F1","amount_fen":50000,"counterparty":"乙公司","voucher":"V2","category":"广告"}}"#,
        ]
        #expect(cli.run(["append"], stdin: events.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["balances", "--by", "category", "--as-of", "2024-12-31", "--format", "csv"]) == 0)
        #expect(cli.stdout.contains("C1,F1,income,advertising,1500.00"))
        #expect(!cli.stdout.contains("广告"))
        #expect(cli.run(["balances", "--by", "category", "--as-of", "2024-12-31", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("广告费") && cli.stdout.contains("1,500.00"))
    }
}
