import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The review of session 49's privacy change (privfix49), through the command line: only the exact paths the
/// reference checks look up are citations (a decision's `authorises.contract_id` and anything under `attributes`
/// are searched), a free-form map's keys and a new event's own id are searched, and `erase-personal --subject HEX`
/// warns of the name in clear quoting the text as recorded. Every refusal: exit 2, the ledger unchanged.
@Suite struct PrivFix49Tests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()
    /// 高峰 kept; part `A-高峰路-01` and contract `K-高峰-1` registered before it was (`Private49ReviewTests.ledger`).
    func ledger() throws -> CLIHarness { try Private49ReviewTests().ledger() }

    /// `lines` appended: refused (exit 2) and the log unchanged; the output.
    func refusedUnchanged(_ cli: CLIHarness, _ lines: [String]) throws -> String {
        let before = try cli.logBytes()
        try base.write(cli, "in.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(cli.run(["append", "--file", "in.jsonl"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        return cli.stdout + cli.stderr
    }

    static func decision(_ id: String, authorises: String) -> String {
        #"{"id":"\#(id)","type":"decision.recorded","occurred_on":"2025-06-01","data":{"decision_id":"\#(id)","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2000.00","approving_owners":200,"authorises":\#(authorises)}}"#
    }

    // MARK: #1 a decision's authorises.contract_id is no citation

    /// 10.4 does not check `authorises.contract_id` (a vote precedes its contract): searched as a text, so a name
    /// inside it is refused — registered contract or not — and in the same batch as a contract committing the name.
    @Test func aDecisionsAuthorisedContractIsSearched() throws {
        let cli = try ledger()
        var out = try refusedUnchanged(cli, [Self.decision("D-GF", authorises: #"{"contract_id":"K-高峰-2026"}"#)])
        #expect(out.contains(#"in.jsonl:1: field "data.authorises.contract_id": "K-高峰-2026" holds "高峰""#), "\(out)")
        out = try refusedUnchanged(cli, [Self.decision("D-GF", authorises: #"{"contract_id":"K-高峰-1"}"#)])
        #expect(out.contains(#"field "data.authorises.contract_id": "K-高峰-1" holds "高峰""#), "\(out)")
        let contract = #"{"id":"con-zm","type":"contract.signed","occurred_on":"2025-05-20","data":{"contract_id":"K-赵敏-2","community_id":"C-T","asset_ids":["A-T1"],"counterparty":{"person":"赵敏"},"purpose":"停车","start_on":"2025-07-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"year","payee_fund_id":"F-T"}}"#
        out = try refusedUnchanged(cli, [contract, Self.decision("D-ZM", authorises: #"{"contract_id":"K-赵敏-2"}"#)])
        #expect(out.contains(#"in.jsonl:1: field "data.contract_id": "K-赵敏-2" holds "赵敏""#), "\(out)")
        #expect(out.contains(#"in.jsonl:2: field "data.authorises.contract_id": "K-赵敏-2" holds "赵敏""#), "\(out)")
        // Without a name: appended.
        try base.write(cli, "in.jsonl", Self.decision("D-OK", authorises: #"{"contract_id":"K-2026-01"}"#) + "\n")
        #expect(cli.run(["append", "--file", "in.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// A record a later correction of the same batch voids, and a correction a later one of the same target
    /// supersedes, are not in effect after the batch, so the reference checks never look at their ids: a kept name
    /// inside an unregistered id there was appended in clear (review of privfix49 #1). Every text of such a record
    /// is searched; the same record in effect is refused by the reference check as before.
    @Test func aRecordCorrectedInItsOwnBatchHasNoCitation() throws {
        let cli = try ledger()
        let inspection = #"{"id":"ev-v1","type":"inspection.recorded","occurred_on":"2025-04-01","data":{"asset_id":"A-高峰-7","observed":"in_use","inspector":"物业服务企业"}}"#
        let void = #"{"id":"ev-v2","type":"correction","occurred_on":"2025-04-02","data":{"corrects":"ev-v1","reason":"作废"}}"#
        var out = try refusedUnchanged(cli, [inspection, void])
        #expect(out.contains(#"in.jsonl:1: field "data.asset_id": "A-高峰-7" holds "高峰""#), "\(out)")
        // A replacement superseded by a later correction of the same record in the batch.
        let keep = #"{"id":"ev-k1","type":"inspection.recorded","occurred_on":"2025-04-01","data":{"asset_id":"A-T1","observed":"in_use","inspector":"物业服务企业"}}"#
        try base.write(cli, "k.jsonl", keep + "\n")
        #expect(cli.run(["append", "--file", "k.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let first = #"{"id":"ev-c1","type":"correction","occurred_on":"2025-04-03","data":{"corrects":"ev-k1","reason":"编号有误","replacement":{"type":"inspection.recorded","occurred_on":"2025-04-01","data":{"asset_id":"A-高峰-9","observed":"in_use","inspector":"物业服务企业"}}}}"#
        let second = #"{"id":"ev-c2","type":"correction","occurred_on":"2025-04-04","data":{"corrects":"ev-k1","reason":"作废"}}"#
        out = try refusedUnchanged(cli, [first, second])
        #expect(out.contains(#"in.jsonl:1: field "data.replacement.data.asset_id": "A-高峰-9" holds "高峰""#), "\(out)")
        // Without a name, the same batches are appended.
        try base.write(cli, "ok.jsonl", [inspection.replacingOccurrences(of: "A-高峰-7", with: "A-X-7"), void].joined(separator: "\n") + "\n")
        #expect(cli.run(["append", "--file", "ok.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// `import decisions`' 授权合同 column is the same member: refused at its cell.
    @Test func anImportedDecisionsAuthorisedContractIsSearched() throws {
        let cli = try ledger()
        let header = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数,授权资产,授权合同,授权用途,金额上限,有效期至\n"
        try base.write(cli, "d.csv", header + "D-9,C-T,2025-06-01,改变用途或经营,\"2,400.00\",240,\"2,000.00\",200,,K-高峰-2026,经营,,2027-06-30\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "decisions", "d.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#""K-高峰-2026" (authorises.contract_id) holds "高峰""#), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    /// Each exact path the reference checks look up, in the fixture's reach: the registered id holding the kept
    /// name is cited (appended); an unregistered one holding it is refused — by the reference check.
    struct CitedCase: CustomTestStringConvertible, Sendable {
        let path: String
        let line: String
        let registered: String
        let unregistered: String
        var testDescription: String { path }
    }

    static let citedCases: [CitedCase] = [
        .init(path: "use.started asset_id",
              line: #"{"id":"u9","type":"use.started","occurred_on":"2025-05-01","data":{"use_id":"U-9","asset_id":"@","purpose":"停车","user":"业主"}}"#,
              registered: "A-高峰路-01", unregistered: "A-高峰路-09"),
        .init(path: "use.started authority.contract_id",
              line: #"{"id":"u9","type":"use.started","occurred_on":"2025-05-01","data":{"use_id":"U-9","asset_id":"A-T1","purpose":"停车","user":"业主","authority":{"contract_id":"@"}}}"#,
              registered: "K-高峰-1", unregistered: "K-高峰-9"),
        .init(path: "fund.income source.contract_id",
              line: #"{"id":"i9","type":"fund.income","occurred_on":"2025-05-01","data":{"fund_id":"F-T","amount_fen":1200,"counterparty":"乙公司","voucher":"SJ-9","category":"rent","source":{"contract_id":"@"}}}"#,
              registered: "K-高峰-1", unregistered: "K-高峰-9"),
        .init(path: "contract.terminated contract_id",
              line: #"{"id":"t9","type":"contract.terminated","occurred_on":"2025-06-01","data":{"contract_id":"@","reason":"提前解约"}}"#,
              registered: "K-高峰-1", unregistered: "K-高峰-9"),
        .init(path: "inspection.recorded asset_id",
              line: #"{"id":"n9","type":"inspection.recorded","occurred_on":"2025-05-01","data":{"asset_id":"@","observed":"in_use","inspector":"物业服务企业"}}"#,
              registered: "A-高峰路-01", unregistered: "A-高峰路-09"),
        .init(path: "fund.spending asset_ids[]",
              line: #"{"id":"s9","type":"fund.spending","occurred_on":"2025-05-01","data":{"fund_id":"F-T","amount_fen":100,"counterparty":"甲公司","voucher":"FP-9","purpose":"维修","purpose_category":"repair","asset_ids":["@"]}}"#,
              registered: "A-高峰路-01", unregistered: "A-高峰路-09"),
        .init(path: "decision.recorded authorises.asset_ids[]",
              line: decision("D-9", authorises: #"{"asset_ids":["@"]}"#),
              registered: "A-高峰路-01", unregistered: "A-高峰路-09"),
    ]

    @Test(arguments: citedCases) func aCitedPath(_ c: CitedCase) throws {
        let cli = try ledger()
        let out = try refusedUnchanged(cli, [c.line.replacing("\"@\"", with: "\"\(c.unregistered)\"")])
        #expect(out.contains("\"\(c.unregistered)\" is not registered"), "\(out)")
        #expect(!out.contains("holds \"高峰\""), "\(out)")
        try base.write(cli, "in.jsonl", c.line.replacing("\"@\"", with: "\"\(c.registered)\"") + "\n")
        #expect(cli.run(["append", "--file", "in.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: #2 nothing under attributes is a citation

    /// A part's attribute named like a reference member, an update's, a correction's replacement's: searched.
    @Test func anAttributeNamedLikeAReferenceIsSearched() throws {
        let cli = try ledger()
        let registered = #"{"id":"reg-x","type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-X","community_id":"C-T","kind":"parking","name":"车位","location":"3号楼","area_m2":"12.00","registered_on":"2024-03-01","source":{"kind":"manual"},"attributes":{"contract_id":"高峰"}}}"#
        var out = try refusedUnchanged(cli, [registered])
        #expect(out.contains(#"field "data.attributes.contract_id": "高峰" holds "高峰""#), "\(out)")
        let updated = #"{"id":"upd-x","type":"asset.updated","occurred_on":"2025-03-01","data":{"asset_id":"A-T1","changes":{"attributes":{"use_id":"高峰路"}},"source":{"kind":"manual"}}}"#
        out = try refusedUnchanged(cli, [updated])
        #expect(out.contains(#"field "data.changes.attributes.use_id": "高峰路" holds "高峰""#), "\(out)")
        let corrected = #"{"id":"cor-x","type":"correction","occurred_on":"2025-05-02","data":{"corrects":"reg-gf","reason":"补充","replacement":{"type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A-高峰路-01","community_id":"C-T","kind":"parking","name":"车库","location":"2号楼","area_m2":"30.00","registered_on":"2024-02-01","source":{"kind":"manual"},"attributes":{"decision_id":"高峰"}}}}}"#
        out = try refusedUnchanged(cli, [corrected])
        #expect(out.contains(#"field "data.replacement.data.attributes.decision_id": "高峰" holds "高峰""#), "\(out)")
    }

    // MARK: #3 a map's keys and the event's own id

    /// A key of `attributes` and a new event's `id` holding the kept name: refused; an event already in the log
    /// whose id holds it (written before the name was kept), given again, is a duplicate and taken.
    @Test func aMapsKeyAndAnEventsIdAreSearched() throws {
        let cli = try base.ledger()
        let early = #"{"id":"ev-高峰-0","type":"inspection.recorded","occurred_on":"2025-03-01","data":{"asset_id":"A-T1","observed":"in_use","inspector":"物业服务企业"}}"#
        try base.write(cli, "e.jsonl", early + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "k.jsonl", #"{"id":"occ-gf","type":"occupation.reported","occurred_on":"2025-03-10","data":{"occupation_id":"O-GF","asset_id":"A-T1","occupant":{"person":"高峰"},"description":"走廊堆放杂物"}}"# + "\n")
        #expect(cli.run(["append", "--file", "k.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let key = #"{"id":"reg-y","type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-Y","community_id":"C-T","kind":"parking","name":"车位","location":"3号楼","area_m2":"12.00","registered_on":"2024-03-01","source":{"kind":"manual"},"attributes":{"高峰":"联系人"}}}"#
        var out = try refusedUnchanged(cli, [key])
        #expect(out.contains(#"field "data.attributes": "高峰" holds "高峰""#), "\(out)")
        let id = #"{"id":"ev-高峰-1","type":"inspection.recorded","occurred_on":"2025-04-01","data":{"asset_id":"A-T1","observed":"in_use","inspector":"物业服务企业"}}"#
        out = try refusedUnchanged(cli, [id])
        #expect(out.contains(#"in.jsonl:1: field "id": "ev-高峰-1" holds "高峰""#), "\(out)")
        // The record already in the log, given again: a duplicate, not appended again, not refused.
        let before = try cli.logBytes()
        try base.write(cli, "e.jsonl", early + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // The erasure warns of it: the id stays in the log.
        #expect(cli.run(["erase-personal", "--subject", "高峰", "--reason", "本人申请", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#"warning: "高峰" is written inside the text of id of record 6 (inspection recorded)"#), "\(cli.stdout)")
    }

    /// `import assets`: an extra column headed like a reference member holding the name, and a heading that is the
    /// name, refused at that column.
    @Test func aRegistersHeadingAndItsAttributeAreSearched() throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        try base.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,登记日期,contract_id\nA-N1,C-T,车位,车位N1,东,12,2025-03-01,高峰（车主）\n")
        #expect(cli.run(["import", "assets", "a.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#""高峰（车主）" (contract_id) holds "高峰""#), "\(cli.stdout)")
        try base.write(cli, "b.csv", "编号,小区,类型,名称,位置,面积,登记日期,高峰\nA-N1,C-T,车位,车位N1,东,12,2025-03-01,联系人\n")
        #expect(cli.run(["import", "assets", "b.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        // The heading is the file's problem, told among the header's (session 51, review privfix49 #3).
        #expect((cli.stdout + cli.stderr).contains(#"b.csv: header (row 1): column H "高峰": the heading holds "高峰""#), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    // MARK: #5 a full stop beside a digit, in an address

    /// Receipts from `1.5号商铺` and `15号商铺` (and `li.na@163.com`, `lina@163.com`) the same day for the same
    /// amount are two payers, not twins.
    @Test(arguments: [("1.5号商铺", "15号商铺"), ("li.na@163.com", "lina@163.com")])
    func twoPayersADotApartAreNoTwins(first: String, second: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", Base.incomeHeader + "2025/3/1,F-T,1800,\(first),SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "a.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "b.csv", Base.incomeHeader + "2025/3/1,F-T,1800,\(second),SJ-002,停车费,\n")
        #expect(cli.run(["import", "income", "b.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// A statement's line from `15号商铺` is not linked to the contract of the tenant `1.5号商铺`; one from
    /// `1.5号商铺` is.
    @Test func aStatementLineIsLinkedOnlyToItsOwnTenant() throws {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-DOT-1", tenant: "1.5号商铺", parts: "A-T1"))
        #expect(cli.run(["import", "contracts", "k.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "s.csv", Base.statementHeader + "2025-07-03,QD1,租金,15号商铺,,5000.00,5000.00\n2025-07-04,QD2,租金,1.5号商铺,,5000.00,10000.00\n")
        // The line of 15号商铺 is classified by a rule, not by the contract (linked, it would need none).
        try base.write(cli, "r.json", #"{"rules":[{"if":{"counterparty":"15号商铺"},"category":"other"}]}"#)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let incomes = log.split(separator: "\n").filter { $0.contains(#""type":"fund.income""#) }
        #expect(incomes.count == 2, "\(log)")
        #expect(incomes.filter { $0.contains(#""contract_id":"K-DOT-1""#) }.count == 1, "\(incomes)")
        #expect(incomes.first { $0.contains("QD1") }.map { !$0.contains("K-DOT-1") } == true, "\(incomes)")
    }

    // MARK: #7 the erasure's warning

    /// `--subject HEX` warns of the same person written in clear as `--subject TEXT` does, and the warning quotes
    /// the text as recorded (張偉 for the subject 张伟).
    @Test func anErasureByCommitmentWarnsQuotingTheRecordedText() throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", Base.incomeHeader + "2025/3/1,F-T,1800,張偉,SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "a.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "b.csv", Base.incomeHeader + "2025/3/2,F-T,1900,张伟,SJ-002,停车费,\n")
        #expect(cli.run(["import", "income", "b.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cli.ledgerPath + "/private").filter { $0.count == 64 }
        #expect(entries.count == 1, "\(entries)")
        for subject in ["张伟"] + entries {
            #expect(cli.run(["erase-personal", "--subject", subject, "--reason", "本人申请", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
            #expect(cli.stdout.contains(#"warning: "張偉" is recorded in clear in counterparty of record"#), "\(subject): \(cli.stdout)")
            #expect(!cli.stdout.contains("the same text"), "\(cli.stdout)")
        }
        #expect(cli.run(["erase-personal", "--subject", entries.first ?? "", "--reason", "本人申请", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("警告：“張偉”以明文记录在"), "\(cli.stdout)")
    }
}
