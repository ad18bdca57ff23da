import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 48 #5: a correction giving a contract another number while a decision names the number it had lifts the
/// decision's restriction to that contract (it then names a contract the ledger does not hold, read as naming none).
/// Not refused (the ledger cannot tell a typing error put right from another contract, and the law ties the
/// authority to what the owners decided, not to the number): `ledger append` appends it and says so on stderr,
/// naming the decision and what to record, with and without `index/scopes`.
@Suite struct RenumberedContractTests {
    static let base = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b5","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
    ]

    /// D-N on 2024-11-01, all approving, naming `named` (no contract when nil).
    static func decision(naming named: String?) -> String {
        let contract = named.map { #","contract_id":"\#($0)""# } ?? ""
        return #"{"id":"D-N","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-N","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{"asset_ids":["A-1"]\#(contract)}}}"#
    }

    static func contractData(_ number: String, rent: Int = 0) -> String {
        #"{"contract_id":"\#(number)","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":\#(rent),"rent_period":"month","decision_id":"D-N","payee_fund_id":"F-PI"}"#
    }

    static let k9 = #"{"id":"K-9","type":"contract.signed","occurred_on":"2024-12-01","data":\#(contractData("K-9"))}"#

    static func correction(_ id: String, number: String, rent: Int = 0) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-01-05","data":{"corrects":"K-9","reason":"编号录错","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":\#(contractData(number, rent: rent))}}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The decision's named contract.
        let named: String?
        /// The batch appended after the ledger.
        let batch: [String]
        /// Whether the notice is given.
        let told: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "renumbered, the decision names the old number", named: "K-9", batch: [correction("X1", number: "K-10")], told: true),
        Case(name: "renumbered, the decision names no contract", named: nil, batch: [correction("X1", number: "K-10")], told: false),
        Case(name: "corrected under the same number", named: "K-9", batch: [correction("X1", number: "K-9", rent: 100)], told: false),
        // Renumbered and put back in one batch: the ledger holds K-9 again.
        Case(name: "renumbered and put back", named: "K-9", batch: [correction("X1", number: "K-10"), correction("X2", number: "K-9")],
             told: false),
    ]

    @Test(arguments: cases, [false, true]) func aRenumberingADecisionNamesIsTold(_ c: Case, scopes: Bool) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: (Self.base + [Self.decision(naming: c.named), Self.k9]).joined(separator: "\n") + "\n") == 0,
                "\(cli.stderr)")
        if scopes {
            #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        } else {
            cli.environment["LEDGER_SCOPES"] = "off"
        }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: c.batch.joined(separator: "\n") + "\n") == 0, "\(c.name): \(cli.stderr)")
        let told = cli.stderr.contains("gives contract \"K-9\"")
        #expect(told == c.told, "\(c.name), scopes \(scopes): \(cli.stderr)")
        if c.told {
            #expect(cli.stderr.contains(#"notice: stdin:1: correction "X1" gives contract "K-9" (event "K-9", record seq 5) the number "K-10"; decision "D-N" (record seq 4) names contract "K-9""#),
                    "\(cli.stderr)")
            #expect(cli.stderr.contains(#"record a correction of decision "D-N" naming "K-10""#), "\(cli.stderr)")
            #expect(!cli.stderr.contains("note:"), "\(cli.stderr)")
        }
    }

    @Test func theNoticeIsInTheClerksLanguage() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: (Self.base + [Self.decision(naming: "K-9"), Self.k9]).joined(separator: "\n") + "\n") == 0)
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: Self.correction("X1", number: "K-10") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains("注意：stdin 第 1 行：更正“X1”把合同“K-9”（事件“K-9”，第 5 条记录）的编号改为“K-10”；决定“D-N”（第 4 条记录）载明同意的合同是“K-9”"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("请再记一条更正，把决定“D-N”改为载明“K-10”"), "\(cli.stderr)")
    }
}
