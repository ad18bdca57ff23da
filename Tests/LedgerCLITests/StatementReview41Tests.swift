import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 41a (a clerk importing bank statements and registers from Excel/WPS), on the reviewer's ledger: 明月小区
/// with F-MY-PI (青岛银行 8020-0009-0001) and F-MY-MF (专项维修资金 明月分账 QD-WX-9001, no account number).
@Suite struct StatementReview41Tests {
    static let setup = """
        {"type":"community.registered","occurred_on":"2025-01-02","data":{"community_id":"C-MY","name":"明月小区","street":"八大关街道","residents_committee":"明月社区居委会","total_area_m2":"30000","total_owners":200}}
        {"type":"fund.opened","occurred_on":"2025-01-05","data":{"fund_id":"F-MY-PI","community_id":"C-MY","kind":"public_income","account":"青岛银行 8020-0009-0001 明月小区公共收益专户"}}
        {"type":"fund.opened","occurred_on":"2025-01-05","data":{"fund_id":"F-MY-MF","community_id":"C-MY","kind":"maintenance","account":"专项维修资金 明月分账 QD-WX-9001"}}
        {"type":"community.registered","occurred_on":"2025-01-02","data":{"community_id":"C-XY","name":"星月小区","street":"八大关街道","residents_committee":"明月社区居委会","total_area_m2":"20000","total_owners":100}}
        {"type":"fund.opened","occurred_on":"2025-01-05","data":{"fund_id":"F-XY-PI","community_id":"C-XY","kind":"public_income","account":"青岛银行 8020-0009-0301 星月小区公共收益专户"}}
        {"type":"asset.registered","occurred_on":"2025-01-08","data":{"asset_id":"A-MY-P01","community_id":"C-MY","kind":"parking","name":"地面车位P01","location":"3号楼东侧","area_m2":"12.50","registered_on":"2025-01-08","source":{"kind":"manual"}}}
        {"type":"contract.signed","occurred_on":"2025-12-01","data":{"contract_id":"K-MY-P01","community_id":"C-MY","asset_ids":["A-MY-P01"],"counterparty":"青岛明月停车管理有限公司","purpose":"地面车位经营","start_on":"2025-12-01","end_on":"2026-11-30","rent_fen":120000,"rent_period":"month","payee_fund_id":"F-MY-PI"}}

        """
    static let rules = #"{"rules": [{"if": {"direction": "in"}, "category": "parking"}, {"if": {"direction": "out"}, "purpose_category": "cleaning"}]}"#
    static let lines = """
        交易日期,交易流水号,摘要,对方户名,借方金额,贷方金额,余额
        2026-01-03,QD0103001,车位租金1月,青岛明月停车管理有限公司,,"1,200.00","1,200.00"
        2026-01-04,QD0104001,公共区域保洁1月,青岛洁净保洁有限公司,500.00,,700.00

        """

    func ledger() throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0, "\(cli.stderr)")
        try write(cli, "setup.jsonl", Self.setup)
        #expect(cli.run(["append", "--file", "setup.jsonl"]) == 0, "\(cli.stderr)")
        try write(cli, "rules.json", Self.rules)
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func statement(_ cli: CLIHarness, _ file: String, _ fund: String, _ extra: [String] = []) -> Int32 {
        cli.run(["import", "statement", file, "--fund", fund, "--rules", "rules.json"] + extra)
    }

    // MARK: M1. One statement in two funds

    /// The statement states F-MY-PI's account; F-MY-MF's registered account holds no number to compare: refused,
    /// "if this is F-MY-PI's statement, import it with --fund F-MY-PI", in both languages, nothing written (before: imported into both funds).
    @Test(arguments: ["on", "off"]) func statementOfAnotherFundIntoAFundWithoutNumber(scopes: String) throws {
        let cli = try ledger()
        cli.environment["LEDGER_SCOPES"] = scopes
        try write(cli, "stmt.csv", "青岛银行 单位账户交易明细\n账号：8020-0009-0001,户名：明月小区公共收益专户,币种：人民币\n" + Self.lines)
        let before = try cli.logBytes()
        #expect(statement(cli, "stmt.csv", "F-MY-MF") == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("row 2 above it, column A \"账号：8020-0009-0001\", states the account 8020-0009-0001, which F-MY-PI is registered with (fund.opened)"), "\(cli.stderr)")
        #expect(cli.stderr.contains("If this is F-MY-PI's statement, import it with --fund F-MY-PI;"), "\(cli.stderr)")
        #expect(statement(cli, "stmt.csv", "F-MY-MF", ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("如果这是 F-MY-PI 的对账单，请改用 --fund F-MY-PI导入"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(statement(cli, "stmt.csv", "F-MY-PI") == 0, "\(cli.stdout)\(cli.stderr)")
        // A number no fund holds, into a fund without one: nothing to compare, imported as before.
        try write(cli, "unknown.csv", "账号：6230 9999 0001\n" + Self.lines.replacingOccurrences(of: "QD01", with: "UK01"))
        #expect(statement(cli, "unknown.csv", "F-MY-MF", ["--dry-run"]) == 0, "\(cli.stderr)")
    }

    /// A statement that states no account, imported into F-MY-PI and then, the same file, into another fund (of the
    /// same community, and of another community whose records lie outside the scoped read): refused naming the
    /// fund and import it was recorded in. Into F-MY-PI again it is the same statement (nothing new).
    @Test(arguments: ["on", "off"]) func sameFileImportedAsAnotherFundsStatement(scopes: String) throws {
        let cli = try ledger()
        cli.environment["LEDGER_SCOPES"] = scopes
        try write(cli, "plain.csv", Self.lines)
        #expect(statement(cli, "plain.csv", "F-MY-PI") == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        for fund in ["F-MY-MF", "F-XY-PI"] {
            #expect(statement(cli, "plain.csv", fund) == 2, "\(fund) \(cli.stdout)")
            #expect(cli.stderr.contains("was imported before as the statement of F-MY-PI (import imp-"), "\(fund) \(cli.stderr)")
            #expect(cli.stderr.contains("imported with --fund \(fund), its lines would be recorded a second time, in another fund"), "\(cli.stderr)")
            #expect(statement(cli, "plain.csv", fund, ["--lang", "zh"]) == 2)
            #expect(cli.stderr.contains("已作为 F-MY-PI 的对账单导入过"), "\(cli.stderr)")
        }
        #expect(try cli.logBytes() == before)
        #expect(statement(cli, "plain.csv", "F-MY-PI") == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("Nothing to import"), "\(cli.stdout)")
    }

    /// Review 41d: the refusal's advice works — the earlier import's records voided (corrections without a
    /// replacement), the same file goes into the right fund.
    @Test func aVoidedImportNoLongerHoldsTheFile() throws {
        let cli = try ledger()
        try write(cli, "plain.csv", Self.lines)
        #expect(statement(cli, "plain.csv", "F-MY-PI") == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(statement(cli, "plain.csv", "F-MY-MF", ["--dry-run"]) == 2)
        #expect(cli.run(["log", "--raw"]) == 0)
        // "seq date type id actor {data}": every record the import made (its lines and closing balance).
        let ids = cli.stdout.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", maxSplits: 5)
            guard fields.count > 3, fields[3].hasPrefix("imp-"), fields[2] != "register.imported" else { return nil }
            return String(fields[3])
        }
        #expect(!ids.isEmpty, "\(cli.stdout)")
        let voids = ids.enumerated().map { index, id in
            #"{"id":"v\#(index)","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(id)","reason":"记错账户"}}"#
        }.joined(separator: "\n")
        try write(cli, "voids.jsonl", voids + "\n")
        #expect(cli.run(["append", "--file", "voids.jsonl"]) == 0, "\(cli.stderr)")
        #expect(statement(cli, "plain.csv", "F-MY-MF", ["--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// `import funds`: several funds may be registered with one account number (review 41d: the communities'
    /// sub-accounts of a city's maintenance-fund account, or public income and the assembly's funds kept as separate
    /// books in one account); a statement stating that number goes into whichever of them `--fund` names.
    @Test(arguments: ["on", "off"]) func fundsSharingOneAccountNumber(scopes: String) throws {
        let cli = try ledger()
        cli.environment["LEDGER_SCOPES"] = scopes
        try write(cli, "funds.csv", """
            账户编号,小区,账户类型,银行账户,开立日期
            F-T5,C-MY,业委会经费,青岛银行 8020 0009 0001 单独列账,2026-01-01
            F-T7,C-XY,其他,青岛银行 8020-0009-0001 分账,2026-01-01

            """)
        #expect(cli.run(["import", "funds", "funds.csv"]) == 0, "\(cli.stdout)")
        try write(cli, "stmt.csv", "账号：8020-0009-0001\n" + Self.lines.replacingOccurrences(of: "QD01", with: "SH01"))
        for fund in ["F-MY-PI", "F-T5", "F-T7"] {
            #expect(statement(cli, "stmt.csv", fund, ["--dry-run"]) == 0, "\(fund) \(cli.stdout) \(cli.stderr)")
        }
    }

    // MARK: M2. The label and the number in two cells

    /// `账号：,8020-0009-0001,户名：,…` (a bank export's title row): the number is read from the next cell, and the
    /// statement refused for another fund, naming both cells.
    @Test func labelAndNumberInTwoCells() throws {
        let cli = try ledger()
        try write(cli, "cells.csv", "青岛银行 单位账户交易明细,,,,,,\n账号：,8020-0009-0001,户名：,明月小区公共收益专户,,,\n" + Self.lines)
        #expect(statement(cli, "cells.csv", "F-XY-PI") == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("row 2 above it, column A \"账号：\" and column B \"8020-0009-0001\", states the account 8020-0009-0001, but --fund F-XY-PI is registered with the account"), "\(cli.stderr)")
        #expect(cli.stderr.contains("The account 8020-0009-0001 is registered by F-MY-PI: import the file with --fund F-MY-PI."), "\(cli.stderr)")
        #expect(statement(cli, "cells.csv", "F-XY-PI", ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("其上方第 2 行 A 列“账号：”和 B 列“8020-0009-0001”写明账号 8020-0009-0001"), "\(cli.stderr)")
        #expect(statement(cli, "cells.csv", "F-MY-PI", ["--dry-run"]) == 0, "\(cli.stderr)")
    }

    // MARK: M3. The counterparty column under a heading not listed

    /// 对方账户名称 and the other headings of review 41a are the counterparty: rent linked to its contract.
    @Test(arguments: ["对方账户名称", "对方单位名称", "对方户名称", "收付款人名称", "交易对方"])
    func counterpartyHeadings(heading: String) throws {
        let cli = try ledger()
        try write(cli, "cp.csv", Self.lines.replacingOccurrences(of: "对方户名", with: heading))
        #expect(statement(cli, "cp.csv", "F-MY-PI") == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--type", "fund.income"]) == 0)
        #expect(cli.stdout.contains(#""counterparty":"青岛明月停车管理有限公司""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""contract_id":"K-MY-P01""#), "\(cli.stdout)")
        #expect(!cli.stdout.contains("对账单未注明对方"), "\(cli.stdout)")
    }

    /// A heading that looks like the counterparty but is not listed (对方客户名称) is refused while no column gives the
    /// counterparty, saying how to map it; mapped, it is read. An account number or bank of the other side is not.
    @Test func counterpartyLookalikeIsRefusedUnlessMapped() throws {
        let cli = try ledger()
        try write(cli, "look.csv", Self.lines.replacingOccurrences(of: "对方户名", with: "对方客户名称"))
        let before = try cli.logBytes()
        #expect(statement(cli, "look.csv", "F-MY-PI") == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("column D \"对方客户名称\" looks like the other side of each line (the counterparty)"), "\(cli.stderr)")
        #expect(cli.stderr.contains(#"{"columns": {"对方客户名称": "counterparty"}}"#), "\(cli.stderr)")
        #expect(statement(cli, "look.csv", "F-MY-PI", ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("D 列“对方客户名称”像是每一行的对方（交易对方）"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        try write(cli, "map.json", #"{"columns": {"对方客户名称": "counterparty"}}"#)
        #expect(statement(cli, "look.csv", "F-MY-PI", ["--mapping", "map.json"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--type", "fund.income"]) == 0)
        #expect(cli.stdout.contains(#""counterparty":"青岛明月停车管理有限公司""#), "\(cli.stdout)")
        // 对方账号 beside an unnamed counterparty is not a name.
        try write(cli, "acct.csv", Self.lines.replacingOccurrences(of: "对方户名", with: "对方账号").replacingOccurrences(of: "QD01", with: "AC01"))
        #expect(statement(cli, "acct.csv", "F-MY-PI", ["--dry-run"]) == 0, "\(cli.stderr)")
    }

    // MARK: m. Fund kinds, numbered empty rows, ids in another width or case

    /// The fund kinds as the reports print them (业主大会经费, 其他资金) are words of the kind.
    @Test func fundKindsAsTheReportsPrintThem() throws {
        let cli = try ledger()
        try write(cli, "fk.csv", """
            账户编号,小区,账户类型,银行账户,开立日期
            F-Z1,C-MY,其他资金,青岛银行 8020-0009-0201,2026-01-05
            F-Z2,C-MY,业主大会经费,青岛银行 8020-0009-0202,2026-01-05
            F-Z3,C-MY,governance fund,青岛银行 8020-0009-0203,2026-01-05

            """)
        #expect(cli.run(["import", "funds", "fk.csv"]) == 0, "\(cli.stdout)")
        #expect(cli.run(["log", "--json", "--type", "fund.opened"]) == 0)
        #expect(cli.stdout.contains(#""fund_id":"F-Z1","kind":"other""#) || cli.stdout.contains(#""community_id":"C-MY","fund_id":"F-Z1","kind":"other""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""fund_id":"F-Z2","kind":"governance""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""fund_id":"F-Z3","kind":"governance""#), "\(cli.stdout)")
    }

    /// Rows numbered in 序号 and otherwise empty are blank rows, in a register, a fact file and a statement; a row
    /// with 合计 there is still a totals row.
    @Test func numberedEmptyRowsAreBlank() throws {
        let cli = try ledger()
        try write(cli, "sq.csv", "序号,编号,小区,类型,名称,位置,面积,登记日期\n1,A-MY-X9,C-MY,车位,车位X9,3号楼,12,2026-01-05\n2,,,,,,,\n3,,,,,,,\n")
        #expect(cli.run(["import", "assets", "sq.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "inc.csv", "序号,日期,账户编号,金额,付款方,凭证号,类别\n1,2026-01-05,F-MY-PI,1.00,付款人0,D-000,停车费\n2,,,,,,\n3,,,,,,\n")
        #expect(cli.run(["import", "income", "inc.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new"), "\(cli.stdout)")
        try write(cli, "st.csv", "序号," + Self.lines.split(separator: "\n").enumerated().map { ($0.offset == 0 ? "" : "\($0.offset),") + $0.element }
                  .joined(separator: "\n") + "\n3,,,,,,,\n4,,,,,,,\n")
        #expect(statement(cli, "st.csv", "F-MY-PI") == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "total.csv", "序号,日期,账户编号,金额,付款方,凭证号,类别\n1,2026-01-06,F-MY-PI,2.00,付款人1,D-001,停车费\n合计,,,,,,\n")
        #expect(cli.run(["import", "income", "total.csv"]) == 2, "\(cli.stdout)")
    }

    /// A fund or contract cell written full-width or in another letter case is still refused, naming the registered
    /// id to write (before: "not registered; record fund.opened first").
    @Test(arguments: ["on", "off"]) func idsInAnotherWidthOrCaseNameTheRegisteredOne(scopes: String) throws {
        let cli = try ledger()
        cli.environment["LEDGER_SCOPES"] = scopes
        try write(cli, "ws.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2026/1/2,Ｆ-MY-PI,101,业主乙,W-02,停车费,
            2026/1/4,f-my-pi,103,业主丁,W-04,停车费,
            2026/1/5,F-MY-PI,104,业主戊,W-05,停车费,k-my-p01

            """)
        #expect(cli.run(["import", "income", "ws.csv"]) == 2, "\(cli.stdout)")
        #expect(cli.stdout.contains("fund \"Ｆ-MY-PI\" is not registered; the ledger holds fund \"F-MY-PI\", which differs only in full-width characters or letter case: write F-MY-PI"), "\(cli.stdout)")
        #expect(cli.stdout.contains("fund \"f-my-pi\" is not registered; the ledger holds fund \"F-MY-PI\""), "\(cli.stdout)")
        #expect(cli.stdout.contains("contract \"k-my-p01\" is not registered; the ledger holds contract \"K-MY-P01\""), "\(cli.stdout)")
        #expect(cli.run(["import", "income", "ws.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("“f-my-pi”尚未登记；账本中有资金账户“F-MY-PI”，只有全角半角或大小写不同：请写作 F-MY-PI"), "\(cli.stdout)")
    }
}
