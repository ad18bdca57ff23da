import LedgerEvents
@testable import LedgerPublication
import Testing

/// Review 37: a fund's heading on the published page names its kind once (`Publication.fundHeading`).
@Suite struct FundHeadingTests {
    static func fund(_ kind: FundKind, _ account: String) -> PublicationContent.FundSection {
        PublicationContent.FundSection(id: "F-1", kind: kind, account: account, opening: .zero, income: .zero, spending: .zero,
                                       transfersIn: .zero, transfersOut: .zero, movements: [])
    }

    @Test(arguments: [
        (FundKind.maintenance, "专项维修资金 安康苑分账", "F-1 专项维修资金 安康苑分账"),
        (.public_income, "农商银行 6210 安康苑公共收益账户", "F-1 农商银行 6210 安康苑公共收益账户"),
        (.public_income, "6230", "F-1 公共收益 · 6230"),
        (.maintenance, "", "F-1 专项维修资金"),
    ])
    func theKindIsNamedOnce(_ kind: FundKind, _ account: String, _ heading: String) {
        #expect(Publication.fundHeading(Self.fund(kind, account)) == heading)
    }
}
