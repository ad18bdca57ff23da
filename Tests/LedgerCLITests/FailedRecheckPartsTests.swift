import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Rules44's "left": the list written a community at a time (`RectifyCommand.partedList`, from `index/rectify.state`)
/// counts in its first pass the findings needing no action for the heading (其中N项无需再整改). A finding the rules find
/// remedied whose last step is a failed re-check (复核未通过) still needs action (review 44a #10), which only the whole
/// list tells: the first pass falls back to it. Without that fallback the heading of the parted list said
/// "其中1项无需再整改" above the 复核未通过 finding; here it is the list held whole, byte for byte.
@Suite struct FailedRecheckPartsTests {
    /// ReviewFortyFourWordingTests' case: CON-01 on K-1 (no decision), issued; a decision dated 2025-03-01 ratifies it
    /// through a correction, and the office's re-check on 2025-03-10 fails it.
    static let batches = [
        [
            #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
            #"{"id":"b3","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
            #"{"id":"b5","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
            #"{"id":"b6","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"month","payee_fund_id":"F-PI"}}"#,
        ],
        [
            #"{"id":"L1","type":"rectification.issued","occurred_on":"2025-01-05","data":{"list_id":"L1","community_id":"C-T","as_of":"2025-01-04","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-01-05","items":[{"key":"CON-01/K-1/2024-12-01","responsible":"业主委员会","deadline":"2025-02-04"}]}}"#,
        ],
        [
            #"{"id":"D-R","type":"decision.recorded","occurred_on":"2025-03-01","data":{"decision_id":"D-R","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{"asset_ids":["A-1"]}}}"#,
            #"{"id":"X1","type":"correction","occurred_on":"2025-03-02","data":{"corrects":"b6","reason":"补记决定","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"month","decision_id":"D-R","payee_fund_id":"F-PI"}}}}"#,
        ],
        [
            #"{"id":"V1","type":"rectification.verified","occurred_on":"2025-03-10","data":{"list_id":"L1","keys":["CON-01/K-1/2024-12-01"],"result":"rejected","reason":"追认决定未公示","verified_by":"街道"}}"#,
        ],
    ]

    @Test(arguments: [["--community", "C-T"], ["--street", "S"], []])
    func aFailedReCheckIsCountedAsTheWholeListCountsIt(_ scope: [String]) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        for batch in Self.batches {
            #expect(cli.run(["append", "--actor", "clerk"], stdin: batch.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        }
        let list = ["rectify", "--as-of", "2025-04-10", "--prepared-on", "2025-04-11"]
        // The whole city's list first: it makes index/rectify.state, which the scope's list is then written from.
        #expect(cli.run(list) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(cli.ledgerPath + "/index/rectify.state"))
        cli.environment["LEDGER_RECTIFY_LIST"] = "off"
        #expect(cli.run(list + scope) == 0, "\(cli.stderr)")
        let parted = cli.stdout
        cli.environment["LEDGER_RECTIFY_PARTS"] = "off"
        #expect(cli.run(list + scope) == 0, "\(cli.stderr)")
        #expect(parted == cli.stdout)
        #expect(parted.contains("复核未通过"), "\(parted)")
        #expect(!parted.contains("无需再整改"), "\(parted)")
    }
}
