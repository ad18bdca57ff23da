import Foundation
import LedgerCLI
import LedgerTestSupport
import Testing

/// Review 38c #1: a record corrected twice (the second correction takes the first one's place, ledger-spec.md 10.5)
/// left the first correction listed by `ledger show` of the fund it moved the money to as `corrects:#5`, as if it
/// still applied, beside a balance of 0.00. It is `superseded_by:#7` (已被#7取代) now, and `ledger log` marks it so.
@Suite struct SupersededCorrectionStatusTests {
    static let events = [
        #"{"id":"c1","type":"community.registered","occurred_on":"2025-01-01","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"10000","total_owners":100}}"#,
        #"{"id":"c2","type":"community.registered","occurred_on":"2025-01-01","data":{"community_id":"C2","name":"金岸小区","street":"八大关街道","residents_committee":"金岸社区","total_area_m2":"5000","total_owners":50}}"#,
        #"{"id":"fa","type":"fund.opened","occurred_on":"2025-01-01","data":{"fund_id":"FA","community_id":"C1","kind":"public_income","account":"A"}}"#,
        #"{"id":"fb","type":"fund.opened","occurred_on":"2025-01-01","data":{"fund_id":"FB","community_id":"C2","kind":"public_income","account":"B"}}"#,
        #"{"id":"i","type":"fund.income","occurred_on":"2025-02-01","data":{"fund_id":"FA","amount_fen":10000,"counterparty":"某公司","voucher":"V1","category":"other"}}"#,
        #"{"id":"w1","type":"correction","occurred_on":"2025-03-01","data":{"corrects":"i","reason":"记错账户","replacement":{"type":"fund.income","occurred_on":"2025-02-01","data":{"fund_id":"FB","amount_fen":10000,"counterparty":"某公司","voucher":"V1","category":"other"}}}}"#,
        #"{"id":"w2","type":"correction","occurred_on":"2025-03-02","data":{"corrects":"i","reason":"核实仍属A","replacement":{"type":"fund.income","occurred_on":"2025-02-01","data":{"fund_id":"FA","amount_fen":10000,"counterparty":"某公司","voucher":"V1","category":"other"}}}}"#,
    ]

    @Test(arguments: ["on", "off"])
    func aCorrectionASecondOneReplacedIsShownSuperseded(scopes: String) throws {
        let cli = CLIHarness()
        cli.environment["LEDGER_SCOPES"] = scopes
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "t"], stdin: Self.events.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["show", "FB", "--format", "json"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains(#""status":"superseded_by:#7""#) && !cli.stdout.contains(#""status":"corrects:#5""#), "\(cli.stdout)")
        #expect(cli.run(["show", "FB", "--lang", "zh"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("已被#7取代"), "\(cli.stdout)")
        // The record itself: corrected by #7, whose own status is corrects:#5; #6 superseded.
        #expect(cli.run(["show", "i", "--format", "json"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains(#""status":"replaced_by:#7""#) && cli.stdout.contains(#""status":"corrects:#5""#)
                && cli.stdout.contains(#""status":"superseded_by:#7""#), "\(cli.stdout)")
        #expect(cli.run(["log"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("#6  2025-03-01  correction  w1  t  [superseded by #7]"), "\(cli.stdout)")
        #expect(cli.stdout.contains("#5  2025-02-01  fund.income  i  t  [replaced by #7]"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("w2  t  ["), "\(cli.stdout)")
        #expect(cli.run(["log", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("w1  t  ［已被#7取代］"), "\(cli.stdout)")
    }
}
