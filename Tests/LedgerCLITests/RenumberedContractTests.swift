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
        // A second community, with a part and a fund of its own (a contract moved there, review 49 #4).
        #"{"id":"b6","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-U","name":"另一小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b7","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PU","community_id":"C-U","kind":"public_income","account":"PU"}}"#,
        #"{"id":"b8","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-2","community_id":"C-U","kind":"parking","name":"车位2","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
    ]

    /// D-N on 2024-11-01, all approving, naming `named` (no contract when nil).
    static func decisionData(naming named: String?) -> String {
        let contract = named.map { #","contract_id":"\#($0)""# } ?? ""
        return #"{"decision_id":"D-N","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{"asset_ids":["A-1"]\#(contract)}}"#
    }

    static func decision(naming named: String?) -> String {
        #"{"id":"D-N","type":"decision.recorded","occurred_on":"2024-11-01","data":\#(decisionData(naming: named))}"#
    }

    /// A correction of D-N making it name `named`.
    static func decisionCorrected(_ id: String, naming named: String) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-01-05","data":{"corrects":"D-N","reason":"合同编号更正","replacement":{"type":"decision.recorded","occurred_on":"2024-11-01","data":\#(decisionData(naming: named))}}}"#
    }

    static func contractData(_ number: String, rent: Int = 0, community: String = "C-T") -> String {
        let (asset, fund, decision) = community == "C-T" ? ("A-1", "F-PI", #","decision_id":"D-N""#) : ("A-2", "F-PU", "")
        return #"{"contract_id":"\#(number)","community_id":"\#(community)","asset_ids":["\#(asset)"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":\#(rent),"rent_period":"month","payee_fund_id":"\#(fund)"\#(decision)}"#
    }

    static let k9 = #"{"id":"K-9","type":"contract.signed","occurred_on":"2024-12-01","data":\#(contractData("K-9"))}"#

    static func correction(_ id: String, number: String, rent: Int = 0, community: String = "C-T") -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-01-05","data":{"corrects":"K-9","reason":"编号录错","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":\#(contractData(number, rent: rent, community: community))}}}"#
    }

    /// A correction voiding K-9 (no replacement).
    static func void(_ id: String) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-01-05","data":{"corrects":"K-9","reason":"合同未签成"}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The decision's named contract.
        let named: String?
        /// The batch appended after the ledger.
        let batch: [String]
        /// Whether the notice is given.
        let told: Bool
        /// What stderr says (beside the review 48 case's own checks, made when this is empty).
        var says: [String] = []
        /// What it does not say.
        var saysNot: [String] = []
        /// Records appended with the ledger, after K-9.
        var earlier: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "renumbered, the decision names the old number", named: "K-9", batch: [correction("X1", number: "K-10")], told: true),
        Case(name: "renumbered, the decision names no contract", named: nil, batch: [correction("X1", number: "K-10")], told: false),
        Case(name: "corrected under the same number", named: "K-9", batch: [correction("X1", number: "K-9", rent: 100)], told: false),
        // Renumbered and put back in one batch: the ledger holds K-9 again.
        Case(name: "renumbered and put back", named: "K-9", batch: [correction("X1", number: "K-10"), correction("X2", number: "K-9")],
             told: false),
        // Review 49 #3: renumbered K-9 → K-10 earlier, the decision corrected to name K-10, then put back to K-9: the
        // number compared is the one in effect before the batch (K-10), not the one first made.
        Case(name: "put back to the number first made after the decision followed", named: "K-9", batch: [correction("X2", number: "K-9")],
             told: true, says: [#"notice: stdin:1: correction "X2" gives contract "K-10" (event "K-9", record seq 8) the number "K-9"; decision "D-N""#,
                                #"names contract "K-10""#, #"naming "K-9""#],
             earlier: [correction("X1", number: "K-10"), decisionCorrected("DX", naming: "K-10")]),
        Case(name: "renumbered earlier, corrected again under the same number", named: "K-9", batch: [correction("X2", number: "K-10", rent: 100)],
             told: false, earlier: [correction("X1", number: "K-10"), decisionCorrected("DX", naming: "K-10")]),
        // Review 49 #4: voided, or moved to another community: no contract of the decision's community holds K-9.
        Case(name: "voided, the decision names it", named: "K-9", batch: [void("X1")], told: true,
             says: [#"notice: stdin:1: correction "X1" voids contract "K-9" (event "K-9", record seq 8); decision "D-N" (record seq 7) names contract "K-9""#,
                    #"record it again under "K-9""#]),
        Case(name: "voided, the decision names no contract", named: nil, batch: [void("X1")], told: false),
        Case(name: "voided, another record holds the number", named: "K-9",
             batch: [void("X1"), #"{"id":"K-9b","type":"contract.signed","occurred_on":"2024-12-02","data":\#(contractData("K-9"))}"#],
             told: false),
        Case(name: "moved to another community", named: "K-9", batch: [correction("X1", number: "K-9", community: "C-U")], told: true,
             says: [#"notice: stdin:1: correction "X1" moves contract "K-9" (event "K-9", record seq 8) to community "C-U"; decision "D-N""#]),
        // Review 49 #5: renumbered twice in one batch: one notice, advising the number after the batch.
        Case(name: "renumbered twice in one batch", named: "K-9", batch: [correction("X1", number: "K-10"), correction("X2", number: "K-11")],
             told: true, says: [#"notice: stdin:2: correction "X2" gives contract "K-9" (event "K-9", record seq 8) the number "K-11""#,
                                #"record a correction of decision "D-N" naming "K-11""#],
             saysNot: [#"naming "K-10""#, "stdin:1:"]),
    ]

    @Test(arguments: cases, [false, true]) func aRenumberingADecisionNamesIsTold(_ c: Case, scopes: Bool) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: (Self.base + [Self.decision(naming: c.named), Self.k9] + c.earlier)
            .joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        if scopes {
            #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        } else {
            cli.environment["LEDGER_SCOPES"] = "off"
        }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: c.batch.joined(separator: "\n") + "\n") == 0, "\(c.name): \(cli.stderr)")
        let told = cli.stderr.contains("(authorises.contract_id)")
        #expect(told == c.told, "\(c.name), scopes \(scopes): \(cli.stderr)")
        // One notice per contract and decision.
        #expect(cli.stderr.components(separatedBy: "(authorises.contract_id)").count <= 2, "\(c.name): \(cli.stderr)")
        for text in c.says { #expect(cli.stderr.contains(text), "\(c.name), scopes \(scopes): \(cli.stderr)") }
        for text in c.saysNot { #expect(!cli.stderr.contains(text), "\(c.name), scopes \(scopes): \(cli.stderr)") }
        if c.told && c.says.isEmpty {
            #expect(cli.stderr.contains(#"notice: stdin:1: correction "X1" gives contract "K-9" (event "K-9", record seq 8) the number "K-10"; decision "D-N" (record seq 7) names contract "K-9""#),
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
        #expect(cli.stderr.contains("注意：stdin 第 1 行：更正“X1”把合同“K-9”（事件“K-9”，第 8 条记录）的编号改为“K-10”；决定“D-N”（第 7 条记录）载明同意的合同是“K-9”"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("请再记一条更正，把决定“D-N”改为载明“K-10”"), "\(cli.stderr)")
    }
}
