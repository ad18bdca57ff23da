import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// FUND-10 on money moved into a fund of another community (session 36): the fact said only "moved … to F-O-PI",
/// which reads as an ordinary transfer between the community's own accounts. It now says the receiving fund is
/// another community's (`transfer_other_community`, with that community and the fund's kind); a transfer between
/// the community's own funds keeps `transfer`.
@Suite struct ReviewThirtySixRuleTests {
    /// Community C-O with a public-income and a maintenance fund, beside Mini's C-T.
    static let other = [
        #"{"id":"o1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-O","name":"另一小区","street":"S","residents_committee":"R","total_area_m2":"1000.00","total_owners":100}}"#,
        #"{"id":"o2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-O-PI","community_id":"C-O","kind":"public_income","account":"OPI"}}"#,
        #"{"id":"o3","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-O-MF","community_id":"C-O","kind":"maintenance","account":"OMF"}}"#,
    ]
    static let piIncome = Mini.event("I1", "fund.income", "2025-01-01",
                                     #"{"fund_id":"F-PI","amount_fen":100000,"counterparty":"某公司","voucher":"I1","category":"other"}"#)

    static func transfer(from: String, to: String) -> String {
        Mini.event("T1", "fund.transfer", "2025-01-05", #"{"from_fund_id":"\#(from)","to_fund_id":"\#(to)","amount_fen":100,"voucher":"T1"}"#)
    }

    struct TransferCase: Sendable, CustomTestStringConvertible {
        let name: String
        let from: String
        let to: String
        /// The facts of the FUND-10 finding, in order.
        let facts: [FactKey]
        /// The receiving community the first fact names (nil: the community's own fund, no such value).
        let toCommunity: String?
        let action: Action
        var testDescription: String { name }
    }

    static let transferCases: [TransferCase] = [
        TransferCase(name: "public income into another community's public income", from: "F-PI", to: "F-O-PI",
                     facts: [.transferOtherCommunity, .noDecision], toCommunity: "C-O", action: .recoverFromOtherCommunity),
        TransferCase(name: "public income into another community's maintenance fund (no exemption)", from: "F-PI", to: "F-O-MF",
                     facts: [.transferOtherCommunity, .noDecision], toCommunity: "C-O", action: .recoverFromOtherCommunity),
        TransferCase(name: "maintenance fund into another community's maintenance fund: a diversion", from: "F-MF", to: "F-O-MF",
                     facts: [.transferOtherCommunity, .maintenanceDiverted], toCommunity: "C-O", action: .returnToMaintenanceFund),
        TransferCase(name: "public income into its own governance fund: an ordinary transfer", from: "F-PI", to: "F-GV",
                     facts: [.transfer, .noDecision], toCommunity: nil, action: .voteOnTransfer),
        TransferCase(name: "maintenance fund into its own public income: a diversion, its own fund", from: "F-MF", to: "F-PI",
                     facts: [.transfer, .maintenanceDiverted], toCommunity: nil, action: .returnToMaintenanceFund),
    ]

    @Test(arguments: transferCases)
    func aTransferSaysWhoseFundReceivedIt(_ c: TransferCase) throws {
        let found = try Mini.findings(Self.other + [Self.piIncome, Self.transfer(from: c.from, to: c.to)], asOf: "2025-02-01",
                                      rule: .transferWithoutDecision)
        let finding = try #require(found.first { $0.itemID == c.from }, "\(found.map(\.key))")
        #expect(finding.facts.map(\.key) == c.facts)
        let fact = try #require(finding.facts.first)
        #expect(fact["to_fund"] == .text(c.to))
        #expect(fact["amount"] == .amount(Amount(fen: 100)))
        #expect(fact.values.first { $0.name == "to_community" }?.value == c.toCommunity.map { .text($0) })
        if c.toCommunity != nil { #expect(fact["kind"] == .text(c.to.hasSuffix("MF") ? "maintenance" : "public_income")) }
        #expect(finding.action == c.action)
    }
}
