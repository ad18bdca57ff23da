import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The letter-case rule of new ids (ledger-spec.md section 8; review I17 #7): a fund, contract or decision whose id
/// differs from a registered one's only in ASCII letter case (`f-hy-pi` beside `F-HY-PI`) is refused at `append` and
/// at `import`, naming the registered id, in English and Chinese, with or without `index/`; a log that already holds
/// such a pair verifies and projects as before.
@Suite struct IDLetterCaseTests {
    static let registered = """
    {"id":"r1","type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A-1","community_id":"C1","kind":"parking","name":"车位1","location":"东","area_m2":"12","registered_on":"2024-02-01","source":{"kind":"manual"}}}
    {"id":"r2","type":"fund.opened","occurred_on":"2024-02-01","data":{"fund_id":"F-HY-PI","community_id":"C1","kind":"public_income","account":"6222-03"}}
    {"id":"r3","type":"decision.recorded","occurred_on":"2024-02-02","data":{"decision_id":"D-HY-1","community_id":"C1","matter":"change_use_or_operate","participating_area_m2":"40000.00","participating_owners":400,"approving_area_m2":"39000.00","approving_owners":390,"authorises":{"asset_ids":["A-1"],"purpose":"停车"}}}
    {"id":"r4","type":"contract.signed","occurred_on":"2024-02-03","data":{"contract_id":"K-HY-1","community_id":"C1","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2024-03-01","end_on":"2025-02-28","rent_fen":10000,"rent_period":"month","decision_id":"D-HY-1","payee_fund_id":"F-HY-PI"}}

    """

    static func fund(_ id: String, eventID: String) -> String {
        #"{"id":"\#(eventID)","type":"fund.opened","occurred_on":"2024-04-01","data":{"fund_id":"\#(id)","community_id":"C1","kind":"public_income","account":"6222-09"}}"#
    }
    static func decision(_ id: String, eventID: String) -> String {
        #"{"id":"\#(eventID)","type":"decision.recorded","occurred_on":"2024-04-01","data":{"decision_id":"\#(id)","community_id":"C1","matter":"change_use_or_operate","participating_area_m2":"40000.00","participating_owners":400,"approving_area_m2":"39000.00","approving_owners":390,"authorises":{"asset_ids":["A-1"],"purpose":"停车"}}}"#
    }
    static func contract(_ id: String, eventID: String) -> String {
        #"{"id":"\#(eventID)","type":"contract.signed","occurred_on":"2024-04-01","data":{"contract_id":"\#(id)","community_id":"C1","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2024-04-01","end_on":"2025-03-31","rent_fen":10000,"rent_period":"month","decision_id":"D-HY-1","payee_fund_id":"F-HY-PI"}}"#
    }
    static func income(_ fund: String, eventID: String) -> String {
        #"{"id":"\#(eventID)","type":"fund.income","occurred_on":"2024-04-02","data":{"fund_id":"\#(fund)","amount_fen":500,"counterparty":"c","voucher":"v-\#(eventID)","category":"parking"}}"#
    }

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events + Self.registered) == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    @Test func appendRefusesAFundContractOrDecisionInOtherLetterCase() throws {
        let cli = ledger()
        let batch = [Self.fund("f-hy-pi", eventID: "b1"), Self.decision("d-hy-1", eventID: "b2"), Self.contract("k-Hy-1", eventID: "b3"),
                     Self.fund("F-Hy-Pi", eventID: "b4")].joined(separator: "\n") + "\n"
        let before = try logBytes(cli)
        // With the append checks' state (made by `verify --index`: a first append to a new ledger writes none, review
        // M18 #7), and without index/: the same words.
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.ledgerPath + "/index/checks.state"))
        var rejections: [String] = []
        for pass in ["state", "no index"] {
            if pass == "no index" { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(cli.run(["append"], stdin: batch) == 2, "\(pass): \(cli.stdout)")
            rejections.append(cli.stderr)
            #expect(try logBytes(cli) == before, "\(pass): the ledger is unchanged")
        }
        #expect(rejections[0] == rejections[1], "\(rejections)")
        let message = rejections[0]
        #expect(message.contains(#"stdin:1: event b1 (fund.opened): field "data.fund_id": "f-hy-pi" differs from the fund "F-HY-PI" of community "C1" (record seq 5) only in letter case: it would be a second fund, the fund's balance split between the two; write the id as "F-HY-PI" if it is that fund; a new fund needs an id that differs in more than letter case"#), "\(message)")
        #expect(message.contains(#"stdin:2: event b2 (decision.recorded): field "data.decision_id": "d-hy-1" differs from the decision "D-HY-1" of community "C1" (record seq 6) only in letter case"#), "\(message)")
        #expect(message.contains(#"stdin:3: event b3 (contract.signed): field "data.contract_id": "k-Hy-1" differs from the contract "K-HY-1" of community "C1" (record seq 7) only in letter case"#), "\(message)")
        // A mixed spelling: the registered fund is named (the earliest of the two it matches), not the batch's own.
        #expect(message.contains(#"stdin:4: event b4 (fund.opened): field "data.fund_id": "F-Hy-Pi" differs from the fund "F-HY-PI" of community "C1" (record seq 5)"#), "\(message)")
        #expect(cli.run(["append", "--lang", "zh"], stdin: batch) == 2)
        #expect(cli.stderr.contains("“f-hy-pi”与小区“C1”的资金账户“F-HY-PI”（第 5 条记录）只有字母大小写不同：会成为另一个资金账户，同一笔资金的余额被分在两处；如果是同一个资金账户，请写作“F-HY-PI”；新的资金账户需要一个不只是大小写不同的编号"), "\(cli.stderr)")
        #expect(cli.stderr.contains("“k-Hy-1”与小区“C1”的合同“K-HY-1”（第 7 条记录）只有字母大小写不同"), "\(cli.stderr)")
        #expect(try logBytes(cli) == before)
        // Referring to the registered ones as written, and a new id that differs in more than case, pass.
        #expect(cli.run(["append"], stdin: Self.income("F-HY-PI", eventID: "g1") + "\n" + Self.fund("F-HY-PI2", eventID: "g2") + "\n") == 0, "\(cli.stderr)")
    }

    @Test func twoSpellingsInOneBatchAreRefused() throws {
        let cli = ledger()
        let before = try logBytes(cli)
        #expect(cli.run(["append"], stdin: Self.fund("F-9", eventID: "b1") + "\n" + Self.fund("f-9", eventID: "b2") + "\n") == 2)
        #expect(cli.stderr.contains(#"stdin:2: event b2 (fund.opened): field "data.fund_id": "f-9" differs from the fund "F-9" of community "C1" (event b1 of this batch) only in letter case"#), "\(cli.stderr)")
        #expect(!cli.stderr.contains("stdin:1:"), "\(cli.stderr)")
        #expect(try logBytes(cli) == before)
    }

    /// A log written before the rule (or by another writer) with `F-A` and `f-a`: verify passes, the funds project
    /// as two, each is referred to byte for byte, and a third spelling is refused naming the first registered.
    @Test func aLogHoldingAPairStillVerifiesAndProjects() throws {
        let cli = ledger()
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let writer = try LogWriter.open(directory)
        let lines = [Self.fund("F-A", eventID: "o1"), Self.fund("f-a", eventID: "o2")]
        let events = try lines.enumerated().map { try EventInput.parse(line: Array($0.element.utf8), source: "old", lineNumber: $0.offset + 1) }
        _ = try writer.append(events, options: AppendOptions(recordedAt: Timestamp(rfc3339: "2024-06-01T00:00:00Z")!, defaultActor: "clerk",
                                                              makeId: { "x" }))
        writer.close()
        #expect(cli.run(["verify", "--schema"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["append"], stdin: Self.income("f-a", eventID: "g1") + "\n" + Self.income("F-A", eventID: "g2") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["balances", "--format", "csv"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("F-A,") && cli.stdout.contains("f-a,"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.ledgerPath + "/index/checks.state"))
        for pass in ["state", "no index"] {
            if pass == "no index" { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(cli.run(["append"], stdin: Self.fund("F-a", eventID: "b1") + "\n") == 2, "\(pass)")
            #expect(cli.stderr.contains(#""F-a" differs from the fund "F-A" of community "C1" (record seq 8) only in letter case"#), "\(pass): \(cli.stderr)")
        }
        #expect(cli.run(["verify"]) == 0)
    }

    @Test func importRefusesAFundInOtherLetterCase() throws {
        let cli = ledger()
        let funds = "账户编号,小区,账户类型,银行账户,开立日期\nF-NEW,C1,公共收益,银行 2,2024-03-02\nf-hy-pi,C1,公共收益,银行 1,2024-03-02\n"
        try PosixFile.writeAtomically(Array(funds.utf8), to: cli.temp.path + "/funds.csv")
        let before = try logBytes(cli)
        #expect(cli.run(["import", "funds", "funds.csv"]) == 2)
        #expect(cli.stdout.contains("row 3") && cli.stdout.contains("\"f-hy-pi\" differs from the fund \"F-HY-PI\" of community \"C1\" (record seq 5) only in letter case"),
                "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "funds", "funds.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 3 行") && cli.stdout.contains("“f-hy-pi”与小区“C1”的资金账户“F-HY-PI”（第 5 条记录）只有字母大小写不同"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
    }
}

extension IDLetterCaseTests {
    /// `ledger import assets`: a new asset id in other case than a registered one names it with its community
    /// (review M18 #9), in both languages, with and without index/; the ledger is unchanged.
    @Test func importOfAnAssetNamesTheRegisteredOnesCommunity() throws {
        for way in ["state", "no index"] {
            let cli = ledger()
            if way == "state" { #expect(cli.run(["verify", "--index"]) == 0) } else { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            try PosixFile.writeAtomically(Array("编号,小区,类型,名称,位置,面积,登记日期\nA-2,C1,车位,车位2,东门,12,2024/3/1\na-1,C1,车位,车位9,东门,12,2024/3/1\n".utf8),
                                          to: cli.temp.path + "/r.csv")
            let before = try logBytes(cli)
            #expect(cli.run(["import", "assets", "r.csv"]) == 2, "\(way)")
            #expect(cli.stdout.contains("row 3") && cli.stdout.contains(#"differs from the registered asset "A-1" of community "C1" only in letter case"#),
                    "\(way): \(cli.stdout)")
            #expect(cli.run(["import", "assets", "r.csv", "--lang", "zh"]) == 2, "\(way)")
            #expect(cli.stdout.contains("与小区“C1”已登记的共有部分“A-1”只有字母大小写不同"), "\(way): \(cli.stdout)")
            #expect(try logBytes(cli) == before, "\(way)")
        }
    }
}
