import LedgerChain
import LedgerEvents
import LedgerProjections
import Testing

/// Community consistency of the decision a spending or transfer cites: one community's vote cannot authorise the
/// use of another community's money (Civil Code Art. 278 binds the owners who voted).
@Suite struct ReviewValidatorTests {
    static func run(_ batch: String) -> [String] {
        DomainValidator.validate(existing: Fixtures.records(Fixtures.base), batch: Fixtures.events(batch)).map(\.description)
    }

    @Test func spendingCitesADecisionOfAnotherCommunity() {
        // F-3 belongs to C-2; D-1 is C-1's vote.
        let issues = Self.run(#"{"id":"s","type":"fund.spending","occurred_on":"2024-03-01","data":{"fund_id":"F-3","amount_fen":100,"counterparty":"c","voucher":"v","purpose":"p","decision_id":"D-1"}}"#)
        #expect(issues == [#"event s (fund.spending): field "data.decision_id": decision "D-1" belongs to community C-1, not C-2"#])
    }

    @Test func transferCitesADecisionOfAnotherCommunity() {
        let issues = Self.run(#"{"id":"t","type":"fund.transfer","occurred_on":"2024-03-01","data":{"from_fund_id":"F-3","to_fund_id":"F-1","amount_fen":100,"voucher":"v","decision_id":"D-1"}}"#)
        #expect(issues == [#"event t (fund.transfer): field "data.decision_id": decision "D-1" belongs to community C-1, not C-2"#])
    }

    @Test func spendingAndTransferCitingTheirOwnCommunitysDecisionAreAccepted() {
        let issues = Self.run("""
        {"id":"s","type":"fund.spending","occurred_on":"2024-03-01","data":{"fund_id":"F-2","amount_fen":100,"counterparty":"c","voucher":"v","purpose":"p","decision_id":"D-1"}}
        {"id":"t","type":"fund.transfer","occurred_on":"2024-03-01","data":{"from_fund_id":"F-1","to_fund_id":"F-3","amount_fen":100,"voucher":"v","decision_id":"D-1"}}
        """)
        #expect(issues == [])
    }
}
