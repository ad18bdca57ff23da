import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review of session 34, on the demo ledger: a unit declared above the header (`金额单位：万元`) ignored; a repeated
/// id not told when its first row had another problem (and under --allow-partial the wrong row recorded); a
/// statement line whose payer has two contracts left unlinked without a word; a statement's closing balance counted
/// in `rows_new`.
@Suite struct ImportReview34Tests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func log(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    // MARK: 1. Units in title rows

    @Test func aUnitInATitleRowIsRefused() throws {
        let cli = demo()
        let before = try cli.logBytes()
        let cases: [(kind: [String], name: String, text: String, en: String, zh: String)] = [
            (["income"], "wan.csv", "金额单位：万元\n日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1.5,甲,TT2,停车费\n",
             "wan.csv: header (row 2): row 1 above it, column A \"金额单位：万元\", says amounts are in \"万元\", but amounts are read in yuan (元)",
             "wan.csv：表头（第 2 行）：其上方第 1 行 A 列“金额单位：万元”注明金额以“万元”为单位，但金额按元读取"),
            (["income"], "cell.csv", "海韵小区收入明细,2024年1月,,（单位：千元）\n日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1.5,甲,TT3,停车费\n",
             "row 1 above it, column D \"（单位：千元）\", says amounts are in \"千元\"", "其上方第 1 行 D 列“（单位：千元）”注明金额以“千元”为单位"),
            // The unit in brackets without the word 单位 (imported as "1 new", ¥1.20, before).
            (["income"], "br.csv", "2025年收入明细表（万元）\n日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1.2,甲,TT5,停车费\n",
             "br.csv: header (row 2): row 1 above it, column A \"2025年收入明细表（万元）\", says amounts are in \"万元\", but amounts are read in yuan (元)",
             "br.csv：表头（第 2 行）：其上方第 1 行 A 列“2025年收入明细表（万元）”注明金额以“万元”为单位，但金额按元读取"),
            (["contracts"], "k.csv", "合同台账,单位：万元\n合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期\nK-HY-T1,C-HY,A-HY-AD1,某公司,广告,2025-04-01,2026-03-31,1.2,年,,F-HY-PI,2025-03-25\n",
             "row 1 above it, column B \"单位：万元\", says amounts are in \"万元\"", "请以元填写金额，并把该行改为“单位：元”"),
            (["statement", "--fund", "F-HY-PI"], "s.csv", "海韵小区对账单,,,,单位：万元\n交易日期,交易金额,对方户名,摘要,流水号\n2025-10-01,-1.00,某五金店,灯泡,TX1\n",
             "row 1 above it, column E \"单位：万元\", says amounts are in \"万元\"", "其上方第 1 行 E 列“单位：万元”注明金额以“万元”为单位"),
            (["assets"], "mu.csv", "海韵小区共有部分登记表,面积单位：亩\n编号,小区,类型,名称,位置,面积,登记日期\nA-HY-MU1,C-HY,绿地,东侧绿地,东门,1.5,2024-03-01\n",
             "row 1 above it, column B \"面积单位：亩\", says areas are in \"亩\", but areas are read in square metres (m²)",
             "其上方第 1 行 B 列“面积单位：亩”注明面积以“亩”为单位，但面积按平方米读取"),
            (["assets", "--header-row", "2"], "mu2.csv", "单位：亩,,,,,,\n编号,小区,类型,名称,位置,面积,登记日期\nA-HY-MU1,C-HY,绿地,东侧绿地,东门,1.5,2024-03-01\n",
             "header (row 2): row 1 above it, column A \"单位：亩\", says areas are in \"亩\"", "面积按平方米读取"),
        ]
        for item in cases {
            try write(cli, item.name, item.text)
            #expect(cli.run(["import"] + item.kind + [item.name, "--dry-run", "--lang", "en"]) == 2, "\(item.name): \(cli.stdout)")
            #expect(cli.stderr.contains(item.en), "\(item.name): \(cli.stderr)")
            #expect(cli.run(["import"] + item.kind + [item.name, "--lang", "zh"]) == 2, "\(item.name): \(cli.stdout)")
            #expect(cli.stderr.contains(item.zh), "\(item.name): \(cli.stderr)")
        }
        #expect(try cli.logBytes() == before, "the log is as it was")
    }

    /// 元 itself, and 单位 meaning an organisation (编制单位：…, 单位：XX物业公司), are titles read as before.
    @Test func aTitleNamingYuanOrAnOrganisationImports() throws {
        let cli = demo()
        try write(cli, "ok.csv", """
            日期,2024年1月,,金额单位：元
            编制单位：海韵物业,单位：青岛万科物业服务有限公司
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-01,F-HY-PI,1.5,甲,TT4,停车费

            """)
        #expect(cli.run(["import", "income", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try log(cli).contains(#""amount_fen":150"#))
        try write(cli, "okarea.csv", "填报单位：海韵小区业委会,单位：平方米\n编号,小区,类型,名称,位置,面积,登记日期\nA-HY-MU2,C-HY,绿地,东侧绿地,东门,1.5,2024-03-01\n")
        #expect(cli.run(["import", "assets", "okarea.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try log(cli).contains(#""area_m2":"1.50""#))
        // A bracket holding anything but a unit word alone is a title.
        try write(cli, "draft.csv", "2025年收入明细表（草稿）,（2025年）,（海韵物业）\n日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,2.5,甲,TT6,停车费\n")
        #expect(cli.run(["import", "income", "draft.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try log(cli).contains(#""amount_fen":250"#))
    }

    /// `(500.00)` in the income file: the advice sends the clerk to the spending file, never "remove the brackets".
    @Test func aBracketedIncomeAmountPointsToTheSpendingFile() throws {
        let cli = demo()
        let before = try cli.logBytes()
        try write(cli, "neg.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,(500.00),甲,TT7,停车费\n")
        #expect(cli.run(["import", "income", "neg.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains("is a negative amount in accounting style (-500.00); amounts here are not negative. A negative income is money paid back out of the fund (a refund): record it in the spending file (ledger import spending) as 500.00"), "\(en)")
        #expect(!en.contains("Write the amount without brackets"))
        #expect(cli.run(["import", "income", "neg.csv", "--lang", "zh"]) == 2)
        let zh = cli.stdout + cli.stderr
        #expect(zh.contains("收入为负数的，是从资金账户退出的款项（退款），应记入支出表（ledger import spending），金额填 500.00"), "\(zh)")
        #expect(!zh.contains("请去掉括号填写金额"))
        #expect(try cli.logBytes() == before, "the log is as it was")
    }

    // MARK: 2. A repeated id

    /// Each kind whose rows introduce an id or a voucher: the first row has another problem; both rows are told,
    /// each naming the other, and under --allow-partial neither is recorded (a good third row is).
    @Test func aRepeatedIDIsToldWhenItsFirstRowIsBad() throws {
        let cli = demo()
        let cases: [(kind: String, text: String, own: String, first: String, second: String, absent: String, present: String)] = [
            ("contracts", """
                合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期
                K-HY-R8,C-HY,A-HY-AD1,X公司,广告,2025-02-01,2025-12-31,,月,,F-HY-PI,2025-01-20
                K-HY-R8,C-HY,A-HY-AD1,Y公司,广告,2025-02-01,2025-12-31,5,月,,F-HY-PI,2025-01-20
                K-HY-R9,C-HY,A-HY-AD1,Z公司,广告,2025-02-01,2025-12-31,5,月,,F-HY-PI,2025-01-20

                """, "row 2, column H \"租金\"", "row 2, column A \"合同编号\": \"K-HY-R8\" appears again in row 3; which row is meant cannot be told, so neither row is imported",
             "row 3, column A \"合同编号\": \"K-HY-R8\" appears again; it is already in row 2", #""contract_id":"K-HY-R8""#, #""contract_id":"K-HY-R9""#),
            ("funds", """
                账户编号,小区,账户类型,银行账户,开立日期
                F-HY-R8,C-HY,其他,青岛银行 1,2025-13-01
                F-HY-R8,C-HY,其他,青岛银行 2,2025-01-06
                F-HY-R9,C-HY,其他,青岛银行 3,2025-01-06

                """, "row 2, column E \"开立日期\"", "row 2, column A \"账户编号\": \"F-HY-R8\" appears again in row 3",
             "row 3, column A \"账户编号\": \"F-HY-R8\" appears again; it is already in row 2", #""fund_id":"F-HY-R8""#, #""fund_id":"F-HY-R9""#),
            ("income", """
                日期,账户编号,金额,付款方,凭证号,类别
                2025-05-05,F-HY-PI,abc,某甲,SJ-R8,停车费
                2025-05-06,F-HY-PI,100,某乙,SJ-R8,停车费
                2025-05-06,F-HY-PI,100,某丙,SJ-R9,停车费

                """, "row 2, column C \"金额\"", "row 2, column E \"凭证号\": \"SJ-R8\" appears again for the same fund in row 3",
             "row 3, column E \"凭证号\": \"SJ-R8\" appears again for the same fund; it is already in row 2", #""voucher":"SJ-R8""#, #""voucher":"SJ-R9""#),
            ("spending", """
                日期,账户编号,金额,收款方,凭证号,用途,支出类别,决定编号,资产编号,紧急情形,紧急依据
                2025-06-30,F-HY-PI,(500.00),某甲,FP-R8,办公用品,业委会经费,,,,
                2025-06-30,F-HY-PI,500,某乙,FP-R8,办公用品,业委会经费,,,,
                2025-06-30,F-HY-PI,500,某丙,FP-R9,办公用品,业委会经费,,,,

                """, "row 2, column C \"金额\": \"(500.00)\" is a negative amount in accounting style",
             "row 2, column E \"凭证号\": \"FP-R8\" appears again for the same fund in row 3",
             "row 3, column E \"凭证号\": \"FP-R8\" appears again for the same fund; it is already in row 2", #""voucher":"FP-R8""#, #""voucher":"FP-R9""#),
        ]
        for item in cases {
            let name = item.kind + ".csv"
            try write(cli, name, item.text)
            #expect(cli.run(["import", item.kind, name, "--dry-run"]) == 2, "\(item.kind): \(cli.stdout)\(cli.stderr)")
            for words in [item.own, item.first, item.second] { #expect(cli.stdout.contains(words), "\(item.kind): \(words) in \(cli.stdout)") }
            #expect(cli.run(["import", item.kind, name, "--dry-run", "--lang", "zh"]) == 2)
            #expect(cli.stdout.contains("再次出现，无法判断以哪一行为准，两行都不导入"), "\(item.kind): \(cli.stdout)")
            #expect(cli.run(["import", item.kind, name, "--allow-partial"]) == 0, "\(item.kind): \(cli.stdout)\(cli.stderr)")
            let text = try log(cli)
            #expect(!text.contains(item.absent), "\(item.kind): neither repeated row is recorded")
            #expect(text.contains(item.present), "\(item.kind): the good row is")
        }
    }

    // MARK: 3 and 4. Statements

    /// Contracts K-HY-T1 and K-HY-T2 of one tenant paying into F-HY-PI.
    func twoContracts(_ cli: CLIHarness) throws {
        try write(cli, "kk.csv", """
            合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期
            K-HY-T1,C-HY,A-HY-AD1,双约传媒有限公司,广告,2025-04-01,2026-03-31,"1,000.00",月,,F-HY-PI,2025-03-25
            K-HY-T2,C-HY,A-HY-ROOF,双约传媒有限公司,广告,2025-04-01,2026-03-31,"2,000.00",月,,F-HY-PI,2025-03-25

            """)
        #expect(cli.run(["import", "contracts", "kk.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    @Test func aPayerOfTwoContractsIsNoted() throws {
        let cli = demo()
        try twoContracts(cli)
        try write(cli, "rules.json", #"{"rules": [{"if": {"counterparty": "双约传媒"}, "category": "leasing"}]}"#)
        try write(cli, "st.csv", "交易日期,交易金额,借贷标志,对方户名,摘要,流水号\n2025-10-08,\"1,000.00\",贷,双约传媒有限公司,10月租金,TX-T1\n")
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("note: st.csv: row 2: the payer \"双约传媒有限公司\" is the counterparty of 2 contracts of this fund (K-HY-T1, K-HY-T2), so the income is recorded without a contract"), "\(cli.stdout)")
        #expect(cli.stdout.contains(#"{"if": {"counterparty": "双约传媒有限公司", "memo": "…"}, "contract_id": "K-HY-T1"}"#), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("付款方“双约传媒有限公司”是本账户 2 份合同（K-HY-T1、K-HY-T2）的承租方"), "\(cli.stdout)")
        // Both in force on the payment day: the note names neither.
        #expect(!cli.stdout.contains("在有效期内的只有"), "\(cli.stdout)")
        // A rule naming the contract links it, without the note.
        try write(cli, "rules2.json", #"{"rules": [{"if": {"counterparty": "双约传媒", "memo": "租金"}, "contract_id": "K-HY-T1"}]}"#)
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "rules2.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!cli.stdout.contains("contracts of this fund"), "\(cli.stdout)")
        #expect(try log(cli).contains(#""source":{"contract_id":"K-HY-T1"}"#))
    }

    /// A renewal: the old contract expired 2025-04-30, the new one runs from 2025-05-01. A payment on 2025-07-02 is
    /// still recorded unlinked (it may be the old contract's arrears), but the note names the contract in force and
    /// its example rule names that one; a payment when neither is in force keeps the plain note.
    @Test func aPayerOfARenewedContractIsToldWhichIsInForce() throws {
        let cli = demo()
        try write(cli, "kr.csv", """
            合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期
            K-HY-R1,C-HY,A-HY-AD1,续约传媒有限公司,广告,2024-05-01,2025-04-30,"1,000.00",月,,F-HY-PI,2024-04-25
            K-HY-R2,C-HY,A-HY-AD1,续约传媒有限公司,广告,2025-05-01,2026-04-30,"1,100.00",月,,F-HY-PI,2025-04-25

            """)
        #expect(cli.run(["import", "contracts", "kr.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "rules.json", #"{"rules": [{"if": {"counterparty": "续约传媒"}, "category": "leasing"}]}"#)
        try write(cli, "st.csv", "交易日期,交易金额,借贷标志,对方户名,摘要,流水号\n2025-07-02,\"1,100.00\",贷,续约传媒有限公司,7月租金,TX-R1\n2024-03-01,\"1,100.00\",贷,续约传媒有限公司,租金,TX-R2\n")
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("note: st.csv: row 2: the payer \"续约传媒有限公司\" is the counterparty of 2 contracts of this fund (K-HY-R2, K-HY-R1), so the income is recorded without a contract and the rent it pays may show as unpaid (CON-07). Of these only K-HY-R2 is in force on the payment date 2025-07-02 (K-HY-R1 is not): if this is its rent, name it in the rule"), "\(cli.stdout)")
        #expect(cli.stdout.contains(#"{"if": {"counterparty": "续约传媒有限公司", "memo": "…"}, "contract_id": "K-HY-R2"}"#), "\(cli.stdout)")
        // Paid on 2024-03-01, before either was signed: rent paid in advance, which no rule can link (session 44, review
        // 43a m8: the several contracts' note advised a rule naming a contract the ledger would refuse at that date).
        #expect(cli.stdout.contains("note: st.csv: row 3: the payer \"续约传媒有限公司\" is the tenant of K-HY-R1, signed on 2024-04-25, after this payment (2024-03-01): rent paid in advance is recorded on its day as rent without the contract"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--lang", "zh"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("付款方“续约传媒有限公司”是本账户 2 份合同（K-HY-R2、K-HY-R1）的承租方，无法判断这笔收入属于哪份合同，因此未关联合同记录，所缴租金可能显示为未缴（CON-07）。其中付款日（2025-07-02）在有效期内的只有 K-HY-R2（K-HY-R1 不在有效期内）；这笔款项如为 K-HY-R2 的租金，规则中写明 K-HY-R2"), "\(cli.stdout)")
        // Recorded, unlinked.
        let line = try log(cli).split(separator: "\n").first { $0.contains(#""voucher":"TX-R1""#) }.map(String.init) ?? ""
        #expect(line.contains(#""type":"fund.income""#) && !line.contains(#""source""#), "\(line)")
    }

    /// rows_read − rows_new − rows_updated − rows_unchanged is the rows refused: the closing balance assertion is
    /// not a row (ledger-spec.md section 12).
    @Test func aStatementsRowsNewCountsRowsOnly() throws {
        let cli = demo()
        try write(cli, "rules.json", #"{"rules": [{"if": {"memo": "利息"}, "category": "interest"}]}"#)
        try write(cli, "b.csv", """
            交易日期,交易金额,余额,对方户名,摘要,流水号
            2025-10-01,10.00,1010.00,海韵银行,利息,TX-B1
            2025-10-02,-5.00,1005.00,某五金店,灯泡,TX-B2

            """)
        #expect(cli.run(["import", "statement", "b.csv", "--fund", "F-HY-PI", "--rules", "rules.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let lines = try log(cli).split(separator: "\n").filter { $0.contains(#""type":"register.imported""#) && $0.contains(#""file_name":"b.csv""#) }
        #expect(lines.count == 1)
        let line = String(lines.first ?? "")
        #expect(line.contains(#""rows_read":2"#) && line.contains(#""rows_new":2"#) && line.contains(#""rows_unchanged":0"#), "\(line)")
        #expect(try log(cli).contains(#""type":"fund.balance_asserted""#))
        // With one line refused under --allow-partial: 3 read, 2 new, 0 unchanged, so 1 refused.
        try write(cli, "c.csv", """
            交易日期,交易金额,余额,对方户名,摘要,流水号
            2025-10-03,10.00,1015.00,海韵银行,利息,TX-C1
            2025-10-04,-5.00,1010.00,某五金店,,TX-C2
            2025-10-05,-5.00,1005.00,某五金店,灯泡,TX-C3

            """)
        #expect(cli.run(["import", "statement", "c.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--allow-partial"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let c = try log(cli).split(separator: "\n").first { $0.contains(#""type":"register.imported""#) && $0.contains(#""file_name":"c.csv""#) }.map(String.init) ?? ""
        #expect(c.contains(#""rows_read":3"#) && c.contains(#""rows_new":2"#) && c.contains(#""rows_unchanged":0"#), "\(c)")
    }

    // MARK: 5. Cell forms

    @Test func aBracketedStatementAmountSaysWhy() throws {
        let cli = demo()
        try write(cli, "br.csv", "交易日期,交易金额,对方户名,摘要,流水号\n2025-10-01,(5.00),某五金店,灯泡,TX-BR1\n")
        #expect(cli.run(["import", "statement", "br.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("row 2, column B \"交易金额\": \"(5.00)\" is a negative amount in accounting style (-5.00), which is not read as an amount. Write money out with a minus sign (-5.00)"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "br.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("是会计记法的负数（-5.00），不按金额读取"), "\(cli.stdout)")
    }

    @Test func fullWidthDatesImport() throws {
        let cli = demo()
        try write(cli, "fw.csv", "日期,账户编号,金额,付款方,凭证号,类别\n２０２５年５月５日,F-HY-PI,１００,某甲,SJ-FW1,停车费\n2025－05－06,F-HY-PI,100,某乙,SJ-FW2,停车费\n")
        #expect(cli.run(["import", "income", "fw.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let text = try log(cli)
        #expect(text.contains(#""occurred_on":"2025-05-05""#) && text.contains(#""voucher":"SJ-FW1""#))
        #expect(text.contains(#""occurred_on":"2025-05-06""#) && text.contains(#""voucher":"SJ-FW2""#))
    }
}
