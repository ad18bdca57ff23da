import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review: findings about one community must not depend on whether another community is in scope.
@Suite struct ReviewScopeTests {
    /// C-T's contract rent paid into a public-income fund of community C-O: FUND-09 belongs to C-T.
    static let lines = Mini.base + [
        #"{"id":"o1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-O","name":"另一小区","street":"S2","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"o2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-O","community_id":"C-O","kind":"public_income","account":"O"}}"#,
        Mini.okDecision,
        Mini.contract("K-X", start: "2025-01-01", end: "2025-12-31", rentFen: 100000),
        Mini.event("I-X", "fund.income", "2025-01-05", #"{"fund_id":"F-O","amount_fen":100000,"counterparty":"某公司","voucher":"R1","category":"parking","source":{"contract_id":"K-X"}}"#),
    ]

    func fund09(_ scope: RectificationScope) throws -> [Finding] {
        let records = try SampleRecords.records(lines: Self.lines)
        return Rectifier.check(records: records, scope: scope, policy: Policy()).findings.filter { $0.rule == .incomeNotInOwnFund }
    }

    @Test func incomeIntoOtherCommunityFundFlaggedWhateverTheScope() throws {
        let date = CalendarDate(iso: "2025-03-01")!
        let all = try fund09(RectificationScope(asOf: date))
        #expect(all.count == 1)
        #expect(all.first?.communityID == "C-T")
        let own = try fund09(RectificationScope(asOf: date, communityID: "C-T"))
        #expect(own.count == 1, "the contract's own community must see its rent going elsewhere")
        let street = try fund09(RectificationScope(asOf: date, street: "S"))
        #expect(street.count == 1)
        #expect(own == all && street == all)
    }
}
