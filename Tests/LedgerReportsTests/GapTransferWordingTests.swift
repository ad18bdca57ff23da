import LedgerEvents
import LedgerReports
import LedgerRules
import Testing

/// Review 38c #2: FUND-08's gap states transfers apart from income and spending, each only when not zero.
@Suite struct GapTransferWordingTests {
    static let from = FactValue.date(CalendarDate(iso: "2025-04-01")!), to = FactValue.date(CalendarDate(iso: "2025-04-30")!)
    static let income = FactValue.amount(Amount(fen: 100_000)), spending = FactValue.amount(Amount(fen: 0))

    @Test func transfersAreStatedApartAndOnlyWhenThereAreAny() {
        let none = FindingFact(.disclosureGap, ["from": Self.from, "to": Self.to, "days": .integer(30), "income": Self.income, "spending": Self.spending])
        #expect(FactText.render(none, .zh) == "2025年4月1日至2025年4月30日（30天）的收支未列入任何一次公示；该期间收入1,000.00元，支出0.00元")
        let both = FindingFact(.disclosureGap, ["from": Self.from, "to": Self.to, "days": .integer(30), "income": Self.income, "spending": Self.spending,
                                                "transfers_in": .amount(Amount(fen: 40_000)), "transfers_out": .amount(Amount(fen: 10_000))])
        #expect(FactText.render(both, .zh) == "2025年4月1日至2025年4月30日（30天）的收支未列入任何一次公示；该期间收入1,000.00元，支出0.00元，转入400.00元，转出100.00元")
        #expect(FactText.render(both, .en).hasSuffix("income in that period ¥1,000.00, spending ¥0.00, transfers in ¥400.00, transfers out ¥100.00"),
                "\(FactText.render(both, .en))")
        let out = FindingFact(.disclosureGap, ["from": Self.from, "to": Self.to, "days": .integer(30), "income": Self.income, "spending": Self.spending,
                                               "transfers_out": .amount(Amount(fen: 10_000))])
        #expect(FactText.render(out, .zh).hasSuffix("支出0.00元，转出100.00元"))
    }
}
