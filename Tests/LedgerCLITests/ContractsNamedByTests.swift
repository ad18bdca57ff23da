import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Rules44's "left": `ledger contracts`' vote column said `none` for a contract that cites no decision while a decision
/// of its community names it (`authorises.contract_id`) — the decision CON-01 names (`decision_not_cited`, review 44a
/// #6), which the clerk cites by a correction. The column names it now, in every format and from
/// `index/contracts.state` (version 8) as from the projection; a decision that would not authorise the contract (its
/// vote failed) is not named, as CON-01 does not name it (review 44d #2).
@Suite struct ContractsNamedByTests {
    static let base = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b3","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b5","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
    ]

    static func decision(approving: Int) -> String {
        #"{"id":"D-N","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-N","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"\#(approving * 10).00","approving_owners":\#(approving),"authorises":{"asset_ids":["A-1"],"contract_id":"K-1"}}}"#
    }

    static func contract(citing: String?) -> String {
        let cited = citing.map { #","decision_id":"\#($0)""# } ?? ""
        return #"{"id":"b6","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"month","payee_fund_id":"F-PI"\#(cited)}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        /// What the table's vote cell reads in English and Chinese, the CSV's, and JSON's `named_by_decision_id`.
        let en: String
        let zh: String
        let csv: String
        let json: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "citing none, named by a decision that passed", lines: [decision(approving: 240), contract(citing: nil)],
             en: "none (decision D-N names it; not cited)", zh: "无（决定D-N载明该合同，合同未引用）",
             csv: "none (decision D-N names it; not cited)", json: "D-N"),
        Case(name: "citing none, named by a decision that failed", lines: [decision(approving: 100), contract(citing: nil)],
             en: "none", zh: "无", csv: "none", json: nil),
        Case(name: "citing the decision that names it", lines: [decision(approving: 240), contract(citing: "D-N")],
             en: "passed", zh: "通过", csv: "passed", json: nil),
    ]

    @Test(arguments: cases)
    func theVoteColumnNamesTheDecisionNamingTheContract(_ c: Case) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: (Self.base + c.lines).joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        let asOf = ["--as-of", "2025-04-10"]
        // Twice each: the first makes index/contracts.state, the second reads it; and with a filter, from the projection.
        for extra in [[], [], ["--community", "C-T"]] {
            #expect(cli.run(["contracts", "--lang", "en"] + asOf + extra) == 0, "\(cli.stderr)")
            #expect(cli.stdout.contains(" \(c.en) "), "\(extra): \(cli.stdout)")
            #expect(cli.stdout.contains("names it") == (c.json != nil), "\(extra): \(cli.stdout)")
            #expect(cli.run(["contracts", "--lang", "zh"] + asOf + extra) == 0, "\(cli.stderr)")
            #expect(cli.stdout.contains(c.zh), "\(extra): \(cli.stdout)")
            #expect(cli.run(["contracts", "--format", "csv"] + asOf + extra) == 0, "\(cli.stderr)")
            #expect(cli.stdout.contains(",\(c.csv),"), "\(extra): \(cli.stdout)")
            #expect(cli.run(["contracts", "--format", "json"] + asOf + extra) == 0, "\(cli.stderr)")
            let json = try JSONParser.parse(Array(cli.stdout.utf8))
            let line = try #require(json["contracts"]?.arrayValue?.first)
            #expect(line["named_by_decision_id"] == (c.json.map(JSONValue.string) ?? .null), "\(extra)")
        }
    }
}
