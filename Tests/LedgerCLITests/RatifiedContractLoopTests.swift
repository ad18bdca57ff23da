import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 46a #4 end to end: a contract signed on a failed vote is issued under CON-02; the owners vote again and a
/// correction cites the new vote. The issued key stays the finding's at every check date — before the new vote as the
/// list showed it, from the vote on ratified (待复核) — and the loop closes it (已销号); no CON-01 key appears.
@Suite struct RatifiedContractLoopTests {
    typealias Base = ReviewThirtySevenLoopCommandTests
    static let key = "CON-02/K-1/2024-06-01"

    static let failedVote = Base.event("D-F", "decision.recorded", "2024-05-01", #"{"decision_id":"D-F","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"1700.00","approving_owners":170,"authorises":{"asset_ids":["A-1"]}}"#)
    static func contract(_ decision: String) -> String {
        #"{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2024-07-01","end_on":"2026-06-30","rent_fen":0,"rent_period":"month","decision_id":"\#(decision)","payee_fund_id":"F-PI"}"#
    }
    static let revote = Base.event("D-R", "decision.recorded", "2025-06-01", #"{"decision_id":"D-R","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{"asset_ids":["A-1"]}}"#)
    static let correction = Base.event("X-K1", "correction", "2025-06-05", #"{"corrects":"K-1","reason":"原表决未达四分之三，改为引用2025年6月1日重新表决的决定","replacement":{"type":"contract.signed","occurred_on":"2024-06-01","data":\#(contract("D-R"))}}"#)

    /// Whether the list holds the CON-02 key only, its status (整改状态) beginning with `status`.
    static func only(_ found: [String: String], _ status: String) -> Bool {
        found.count == 1 && found[key]?.hasPrefix(status) == true
    }

    /// The status (整改状态) of each CON-01/CON-02 key on K-1 in the zh CSV list as of `asOf`.
    static func statuses(_ cli: CLIHarness, asOf: String, atSeq: Int64? = nil) -> [String: String] {
        let seq = atSeq.map { ["--at-seq", String($0)] } ?? []
        #expect(cli.run(["rectify", "--as-of", asOf, "--format", "csv"] + seq) == 0, "\(cli.stderr)")
        var out: [String: String] = [:]
        for line in cli.stdout.split(separator: "\r\n") {
            for key in [key, "CON-01/K-1/2024-06-01"] where line.contains("," + key + ",") {
                let after = line.components(separatedBy: "," + key + ",")[1]
                out[key] = after.split(separator: ",").first.map(String.init)
            }
        }
        return out
    }

    @Test func theIssuedKeyIsRatifiedAndClosedUnderItsCode() throws {
        let cli = try Base.ledger(Base.base + [Self.failedVote, Base.event("K-1", "contract.signed", "2024-06-01", Self.contract("D-F"))])
        let out = cli.temp.path + "/list.html", issued = cli.temp.path + "/issued.jsonl"
        #expect(cli.run(["rectify", "--as-of", "2024-12-31", "--community", "C-T", "--prepared-on", "2025-01-05", "--format", "html",
                         "--out", out, "--issue", "L1", "--issue-out", issued]) == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--file", issued]) == 0, "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: Self.revote + "\n") == 0, "\(cli.stderr)")
        // Records 1–6 the ledger, 7 the issued list, 8 the re-vote.
        let beforeCorrection: Int64 = 8
        // Before the correction: the key (新发现 before its issue on 2025-01-05, then overdue: deadline 2025-02-04).
        let before = ["2024-12-31": "新发现", "2025-05-31": "逾期", "2025-06-04": "逾期", "2025-12-31": "逾期"]
        for (asOf, status) in before {
            #expect(Self.only(Self.statuses(cli, asOf: asOf), status), "\(asOf): \(Self.statuses(cli, asOf: asOf))")
        }
        #expect(cli.run(["append"], stdin: Self.correction + "\n") == 0, "\(cli.stderr)")
        // After it: the same key, never CON-01's; open before the re-vote, ratified (待复核) from its day.
        let after = ["2024-12-31": "新发现", "2025-05-31": "逾期", "2025-06-01": "待复核", "2025-06-04": "待复核", "2025-12-31": "待复核"]
        for (asOf, status) in after {
            #expect(Self.only(Self.statuses(cli, asOf: asOf), status), "\(asOf): \(Self.statuses(cli, asOf: asOf))")
        }
        // The list as the ledger stood before the correction (--at-seq) shows the same key.
        #expect(Self.only(Self.statuses(cli, asOf: "2025-05-31", atSeq: beforeCorrection), "逾期"))
        #expect(Self.only(Self.statuses(cli, asOf: "2025-06-04", atSeq: beforeCorrection), "逾期"))
        #expect(cli.run(["rectify", "--as-of", "2025-06-30", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("ratified") && cli.stdout.contains("D-R"), "\(cli.stdout)")
        // The loop: reported, then closed on the re-check.
        let report = Base.event("R1", "rectification.reported", "2025-06-10", #"{"list_id":"L1","keys":["\#(Self.key)"],"reported_by":"业主委员会","measures":"业主大会已重新表决并追认该合同","evidence":[{"kind":"document","ref":"业主大会决议.pdf","sha256":"\#(String(repeating: "ab", count: 32))"}]}"#)
        let verified = Base.event("V1", "rectification.verified", "2025-06-20", #"{"list_id":"L1","keys":["\#(Self.key)"],"result":"closed","verified_by":"街道 王强"}"#)
        #expect(cli.run(["append"], stdin: report + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: verified + "\n") == 0, "\(cli.stderr)")
        #expect(Self.only(Self.statuses(cli, asOf: "2025-06-15"), "已报整改待复核"))
        #expect(Self.only(Self.statuses(cli, asOf: "2025-06-30"), "已销号"))
    }
}
