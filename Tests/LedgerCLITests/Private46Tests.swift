import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 46 (reviews 45d and 45b, open items) through the command line: a statement line paid by a contract's
/// private tenant imported without `--private counterparty` (45d #4), a register's phone columns read by the
/// heading's words (45d #6), a finding key whose item id holds "/" (45d, rule 8), and abstentions said in the
/// decisions help (45b).
@Suite struct Private46Tests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()
    static let rules = #"{"rules":[{"if":{"memo":"停车"},"category":"parking"}]}"#

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    // MARK: 45d #4

    /// A line paid by a contract's tenant kept in private/, imported without `--private counterparty`: the batch is
    /// refused (from the stored state and the whole log alike), naming the row, the contract and the option, in both
    /// languages; nothing of it is written, so the name is nowhere in the log. With the option it imports, linked.
    @Test func aPrivateTenantsLineWithoutPrivateIsRefused() throws {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD001,停车费,甲公司,,100.00,100.00\n"
                        + "2025-04-06,QD002,租金,张伟,,\"20,000.00\",\"20,100.00\"\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "contracts", "k.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try base.refused(cli, ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"])
        #expect(out.contains(#"row 3, column D "对方户名": "张伟" is the name of contract K-P's tenant, a person whose name the ledger keeps only in private/ (erasable): without --private counterparty it would be written in the log in clear, for ever"#), "\(out)")
        #expect(out.contains("Import the statement with --private counterparty"), "\(out)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("是合同 K-P 的个人承租方，其姓名账本只保存在 private/ 中（可依法删除）") && cli.stdout.contains("请加 --private counterparty 导入本对账单"),
                "\(cli.stdout)")
        #expect(try !logText(cli).contains("张伟"))
        #expect(try !logText(cli).contains("QD001"), "all or nothing: the other line is not written either")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--private", "counterparty"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        let log = try logText(cli)
        #expect(log.contains(#""source":{"contract_id":"K-P"}"#) && !log.contains("张伟"), "\(log)")
    }

    /// A rule that names the private tenant as the line's counterparty is refused the same way (the name would be
    /// written all the same); a tenant recorded in clear imports as before, linked.
    @Test func aRulesCounterpartyAndATenantInClear() throws {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-06,QD002,租金,ZHANG WEI,,\"20,000.00\",\"20,000.00\"\n")
        try base.write(cli, "r.json", #"{"rules":[{"if":{"counterparty":"ZHANG WEI"},"counterparty":"张伟","category":"leasing"}]}"#)
        #expect(cli.run(["import", "contracts", "k.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try base.refused(cli, ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"])
        // Told at the column the rule matched, naming the rule (review 47c #8, session 48).
        #expect(out.contains(#"row 2, column D "对方户名": "张伟" (the counterparty set by rules[0] of r.json, which matched this line) is the name of contract K-P's tenant"#), "\(out)")
        #expect(try !logText(cli).contains("张伟"))

        let clear = try base.ledger()
        try base.write(clear, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        try base.write(clear, "s.csv", Base.statementHeader + "2025-04-06,QD002,租金,张伟,,\"20,000.00\",\"20,000.00\"\n")
        #expect(clear.run(["import", "contracts", "k.csv"]) == 0, "\(clear.stdout)\(clear.stderr)")
        #expect(clear.run(["import", "statement", "s.csv", "--fund", "F-T"]) == 0, "\(clear.stdout)\(clear.stderr)")
        #expect(try logText(clear).contains(#""source":{"contract_id":"K-P"}"#))
    }

    // MARK: 45d #6

    /// A register's phone column is refused or imported by the heading's words: a person's (电话, 业主电话, a
    /// contact person's) refused; an office's or a service line's (报修电话, which imported before session 45, 值班电话,
    /// a company's 联系电话) imported as an attribute, in clear.
    @Test(arguments: [("报修电话", true), ("值班电话", true), ("维保单位联系电话", true), ("Office phone", true),
                      ("业主电话", false), ("物业联系人电话", false), ("Contact phone", false), ("证件号码", false)])
    func aPhoneColumnIsReadByItsWords(heading: String, imports: Bool) throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,登记日期,\(heading)\nA-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,2024-01-06,0532-80001234\n")
        let before = try cli.logBytes()
        let status = cli.run(["import", "assets", "a.csv"])
        let out = cli.stdout + cli.stderr
        if imports {
            #expect(status == 0, "\(out)")
            #expect(try logText(cli).contains("0532-80001234"))
        } else {
            #expect(status == 2, "\(out)")
            #expect(out.contains("column H \"\(heading)\" reads as a person's data"), "\(out)")
            #expect(try cli.logBytes() == before)
        }
    }

    // MARK: 45d, rule 8

    /// An asset id holding "/" (`A-QF/P9`): a key of it is read every way its parts allow (10.4 rule 8, as rule 13
    /// reads the subjects) and accepted, undated or dated with a subject, from the stored checks and the whole log
    /// alike; a key of an item no reading names is still refused, worded by the plain reading.
    @Test(arguments: [false, true])
    func aKeyOfAnItemHoldingASlashIsAccepted(withoutStoredChecks: Bool) throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        cli.clock = Timestamp(rfc3339: "2026-01-06T02:03:04Z")!
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        let asset = #"{"id":"a-slash","type":"asset.registered","occurred_on":"2025-01-02","data":{"asset_id":"A-QF/P9","community_id":"C-QF","kind":"parking","name":"东侧地面车位P9","location":"东侧","area_m2":"12.50","registered_on":"2025-01-02","source":{"kind":"manual"}}}"#
        #expect(cli.run(["append"], stdin: asset + "\n") == 0, "\(cli.stderr)")
        let list = { (id: String, key: String) in
            IssuedSubjectTests.list(key).replacingOccurrences(of: #""at_seq":134"#, with: #""at_seq":135"#)
                .replacingOccurrences(of: #""list_id":"L-S""#, with: #""list_id":"\#(id)""#)
                .replacingOccurrences(of: #"{"id":"L-S""#, with: #"{"id":"\#(id)""#)
        }
        if withoutStoredChecks { try? PosixFile.remove(cli.ledgerPath + "/index/checks.state") }
        #expect(cli.run(["append"], stdin: list("L-1", "IDLE-01/A-QF/P8") + "\n") == 2)
        #expect(cli.stderr.contains(#""IDLE-01/A-QF/P8" is not a finding of list L-1: the ledger holds no part, contract, fund or decision A-QF;"#),
                "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: list("L-1", "IDLE-01/A-QF/P9") + "\n") == 0, "\(cli.stderr)")
        if withoutStoredChecks { try? PosixFile.remove(cli.ledgerPath + "/index/checks.state") }
        #expect(cli.run(["append"], stdin: list("L-2", "OCC-02/A-QF/P9/ev-0068/2025-06-15").replacingOccurrences(of: #""at_seq":135"#, with: #""at_seq":136"#) + "\n") == 0,
                "\(cli.stderr)")
        #expect(cli.run(["verify"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: 45b, abstentions

    /// The decisions help says how abstentions (弃权) count: as taking part, not as approving (Civil Code Art. 278).
    @Test func theDecisionsHelpSaysHowAbstentionsCount() throws {
        let cli = CLIHarness()
        #expect(cli.run(["decisions", "--help"]) == 0)
        #expect(cli.stdout.contains("An owner who abstains (弃权) took part in the") && cli.stdout.contains("not in the approving ones"), "\(cli.stdout)")
        #expect(cli.run(["decisions", "--help", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("弃权的面积和人数计入参与表决的面积和人数，不计入同意的"), "\(cli.stdout)")
    }
}
